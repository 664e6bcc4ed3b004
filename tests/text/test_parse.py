"""The parser: conversion noise removed, page-break splits rejoined,
sentences split right, and every sentence traceable to its raw offsets."""

import re

import pytest

import idm_data
from idm_data.build import tables as tables_module
from idm_data.resources import CORPUS_DIR
from idm_data.text import parse

HEADERS = ("International Organization for Migration (IOM)", "The UN Migration Agency")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


@pytest.fixture(scope="module")
def raws(tables):
    files = tables["documents"].set_index("doc_id")["file"]
    return {doc_id: (CORPUS_DIR / file).read_text(encoding="utf-8") for doc_id, file in files.items()}


def sentences(raw: str) -> list[str]:
    return [s.text for p in parse.parse_document(raw) for s in p.sentences]


def _visible(raw_slice: str) -> str:
    """What a reader sees of a raw stretch: page headers, tags, emphasis and whitespace dropped."""
    lines = [line for line in raw_slice.splitlines() if line.strip().strip("*") not in HEADERS]
    text = re.sub(r"<[^>]+>|\*", "", "\n".join(lines))
    return re.sub(r"\s+", "", text)


# --- the real corpus ---------------------------------------------------------

def test_page_headers_never_become_text(tables):
    texts = tables["sentences"]["text"]
    assert not texts.str.contains("The UN Migration Agency", regex=False).any()
    assert not (texts == "International Organization for Migration (IOM)").any()
    assert not tables["paragraphs"]["text"].isin(HEADERS).any()


def test_header_lines_are_really_in_the_raw_files(raws):
    # the test above can only fail if the noise is there to remove
    headers = sum(raw.count("The UN Migration Agency") for raw in raws.values())
    assert headers >= 8


@pytest.mark.parametrize("doc_id, sentence", [
    ("idm-2017-1-new-york_closing-remarks",
     "Italy’s proposal in this regard is based on 3 key aspects: investing in, protecting and valuing "
     "the contribution of migrants and migration."),
    ("idm-2018-1-new-york_closing-remarks",
     "Genuine partnerships and cooperation, with all relevant actors, will enable us to deliver on the "
     "commitments we will make on migration in the GMC."),
    ("idm-2018-1-new-york_closing-remarks",
     "IOM fully believes in inter-agency cooperation, especially in efforts to mainstream migration into "
     "national development programs and make it work for all."),
    ("idm-2017-1-new-york_summary-of-conclusions",
     "It was underlined that while governments retain the sovereign right to determine which non-nationals "
     "may enter and stay on their territories, consistent with the requirements of international law, "
     "cooperation is one of the most powerful expressions of and vehicles for concerted sovereign action."),
])
def test_sentences_split_by_a_page_break_are_one_sentence(tables, doc_id, sentence):
    texts = tables["sentences"].query("doc_id == @doc_id")["text"]
    assert sentence in set(texts)


def test_salutation_stays_apart_from_the_first_paragraph(tables):
    texts = tables["sentences"].query("doc_id == 'idm-2017-1-new-york_closing-remarks'")["text"].tolist()
    salutation = [t for t in texts if t.startswith("Mr. President of the General Assembly")]
    assert salutation == ["Mr. President of the General Assembly, Madam Deputy Secretary General, Honorable "
                          "Ministers, Excellencies, Distinguished Delegates, Ladies and Gentlemen,"]


def test_markup_is_removed(tables):
    text = " ".join(tables["sentences"]["text"])
    assert "18th and 19th July 2017" in text
    assert "<sup>" not in text and "</sup>" not in text
    assert "**" not in text and "##" not in text
    assert not tables["sentences"]["text"].str.match(r"^[-•]\s").any()


def test_every_sentence_is_its_raw_stretch(tables, raws):
    """raw[char_start:char_end], markup, headers and whitespace removed, is the sentence."""
    bad = []
    for row in tables["sentences"].itertuples():
        shown = _visible(raws[row.doc_id][row.char_start:row.char_end])
        if shown != re.sub(r"\s+", "", row.text):
            bad.append(row.sentence_id)
    assert bad == []


def test_every_paragraph_is_its_raw_stretch(tables, raws):
    bad = [row.doc_id + f".p{row.paragraph_no}" for row in tables["paragraphs"].itertuples()
           if _visible(raws[row.doc_id][row.char_start:row.char_end]) != re.sub(r"\s+", "", row.text)]
    assert bad == []


def test_sentence_ids_are_unique_and_spell_their_position(tables):
    s = tables["sentences"]
    assert s["sentence_id"].is_unique
    expected = [f"{d}.p{p:03d}.s{n:02d}" for d, p, n in zip(s["doc_id"], s["paragraph_no"], s["sentence_no"])]
    assert s["sentence_id"].tolist() == expected


def test_sentence_ids_are_stable_across_builds(tables, monkeypatch):
    monkeypatch.setattr(tables_module, "_extracted", type(tables_module._extracted)())  # extracted afresh
    again = idm_data.build_tables(CORPUS_DIR)["sentences"]
    assert again["sentence_id"].tolist() == tables["sentences"]["sentence_id"].tolist()
    assert again["text"].tolist() == tables["sentences"]["text"].tolist()


def test_sentences_are_in_file_order(tables):
    for _, group in tables["sentences"].groupby("doc_id"):
        starts = group["char_start"].tolist()
        assert starts == sorted(starts)
        assert (group["char_end"] > group["char_start"]).all()


@pytest.mark.parametrize("sentence", [
    "We just had the opportunity to hear two very important contributions from H.E. Peter Thomson and H.E. "
    "Amina J. Mohammed, the President of the General Assembly and Deputy Secretary General of the United "
    "Nations respectively.",
])
def test_abbreviations_in_the_corpus_do_not_split(tables, sentence):
    assert sentence in set(tables["sentences"]["text"])


# --- tiny inline inputs, one per kind of noise -------------------------------

def test_inline_page_header_between_halves_of_a_sentence():
    raw = ("The partnership between the two agencies, with all relevant\n\n\n\n"
           "International Organization for Migration (IOM)\nThe UN Migration Agency\n\n"
           "actors, will enable us to deliver.\n")
    assert sentences(raw) == ["The partnership between the two agencies, with all relevant actors, will enable us to deliver."]


def test_inline_any_short_line_repeated_three_times_is_a_header():
    raw = "ACME Report\nText one.\n\nACME Report\nText two.\n\nACME Report\nText three.\n"
    assert sentences(raw) == ["Text one.", "Text two.", "Text three."]


def test_inline_lowercase_continuation_after_a_blank_line_is_rejoined():
    raw = "Italy’s proposal in this regard is\n\nbased on 3 key aspects.\n"
    assert sentences(raw) == ["Italy’s proposal in this regard is based on 3 key aspects."]


def test_inline_finished_sentence_is_not_rejoined():
    raw = "This is one paragraph.\n\nthis one starts lower-case but the first was finished.\n"
    assert len(parse.parse_document(raw)) == 2


def test_inline_emphasis_and_sup_tags():
    raw = "We met on the 18<sup>th</sup> and 19<sup>th</sup> July 2017 in **Geneva**. It was *very* good.\n"
    assert sentences(raw) == ["We met on the 18th and 19th July 2017 in Geneva.", "It was very good."]


def test_inline_offsets_point_past_the_markup():
    raw = "We met in **Geneva**. It was <sup>fine</sup>.\n"
    paragraph = parse.parse_document(raw)[0]
    first, second = paragraph.sentences
    assert raw[first.char_start:first.char_end] == "We met in **Geneva**."
    assert raw[second.char_start:second.char_end] == "It was <sup>fine</sup>."
    assert [raw[o] for o in first.offsets] == list(first.text)


def test_inline_heading_marks_are_removed():
    paragraphs = parse.parse_document("## Conclusions\n\nThe end.\n")
    assert [(p.text, p.is_heading) for p in paragraphs] == [("Conclusions", True), ("The end.", False)]


def test_inline_bullets_are_removed_and_each_starts_a_paragraph():
    raw = "- First bullet point here.\n• Second bullet point here.\n- Third one.\n"
    assert [p.text for p in parse.parse_document(raw)] == [
        "First bullet point here.", "Second bullet point here.", "Third one."]


@pytest.mark.parametrize("line, marker, text", [
    ("1. First item is here.", "1.", "First item is here."),
    ("2) Second item is here.", "2)", "Second item is here."),
    ("(3) Third item is here.", "(3)", "Third item is here."),
    ("**4. Bold item.** Body.", "4.", "Bold item. Body."),
])
def test_inline_list_numbers_become_markers(line, marker, text):
    raw = "Intro text ends here.\n" + line + "\n"
    last = parse.parse_document(raw)[-1]
    assert (last.marker, last.text) == (marker, text)


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith met Dr. Jones today. Then they left.", ["Mr. Smith met Dr. Jones today.", "Then they left."]),
    ("We heard H.E. Amina J. Mohammed speak. It was clear.", ["We heard H.E. Amina J. Mohammed speak.", "It was clear."]),
    ("It costs 3.5 million. See e.g. the report. Ms. Arbour spoke.",
     ["It costs 3.5 million.", "See e.g. the report.", "Ms. Arbour spoke."]),
    ("He said “Act now.” Then he left!", ["He said “Act now.”", "Then he left!"]),
    ("Is it done? Yes. 47 speakers came.", ["Is it done?", "Yes.", "47 speakers came."]),
])
def test_inline_sentence_splitting(text, expected):
    assert sentences(text + "\n") == expected


def test_inline_salutation_is_not_joined_to_what_follows():
    raw = ("Mr. President of the General Assembly,\nMadam Deputy Secretary General,\nHonorable Ministers,\n"
           "Excellencies,\nDistinguished Delegates,\nLadies and Gentlemen,\n\nI'd like to begin by thanking you.\n")
    assert [p.text for p in parse.parse_document(raw)][-1] == "I'd like to begin by thanking you."


def test_inline_short_comma_list_still_joins_a_lower_case_continuation():
    raw = "Speakers came from Italy, Ecuador, Mexico,\n\nand many other countries.\n"
    assert sentences(raw) == ["Speakers came from Italy, Ecuador, Mexico, and many other countries."]


def test_inline_empty_and_blank_input():
    assert parse.parse_document("") == []
    assert parse.parse_document("\n\n   \n") == []


def test_count_words():
    # a possessive is one word; a hyphen splits ("UN-Habitat" is two)
    assert parse.count_words("IOM's work, in 2018 – with UN-Habitat.") == 7
