"""Unit tests of idm_data.evidence_context: tiny frames and the real corpus."""

from pathlib import Path

import pandas as pd
import pytest

import idm_data
from idm_data.views import context as ec

GENEVA = "idm-2017-2-geneva_closing-remarks"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def _tiny() -> dict[str, pd.DataFrame]:
    sentences = pd.DataFrame({
        "sentence_id": ["d.p1.s1", "d.p2.s1", "d.p2.s2", "d.p2.s3", "d.p3.s1"], "doc_id": ["d"] * 5,
        "session_id": ["s"] * 5, "paragraph_no": [1, 2, 2, 2, 3], "sentence_no": [1, 1, 2, 3, 1],
        "text": ["Title", "Yes.", "No.", "Yes.", "End."], "char_start": [0, 10, 15, 19, 30],
        "char_end": [5, 14, 18, 23, 34],
    })
    paragraphs = pd.DataFrame({
        "doc_id": ["d"] * 3, "paragraph_no": [1, 2, 3], "text": ["Title", "Yes. No. Yes.", "End."],
        "char_start": [0, 10, 30], "char_end": [5, 23, 34], "is_heading": [True, False, False],
    })
    documents = pd.DataFrame({"doc_id": ["d"], "title": ["Doc"], "file": ["d.txt"], "doc_type": ["summary"]})
    return {"sentences": sentences, "paragraphs": paragraphs, "documents": documents}


@pytest.mark.parametrize("sentence_id, expected", [
    ("d.p2.s1", (0, 4)),
    ("d.p2.s2", (5, 8)),
    ("d.p2.s3", (9, 13)),   # the repeated "Yes." is found at its own place
    ("d.p1.s1", (0, 5)),
    ("nope", None),
])
def test_sentence_span(sentence_id, expected):
    assert ec.sentence_span(_tiny(), sentence_id) == expected


def test_sentence_context_middle_paragraph():
    out = ec.sentence_context(_tiny(), "d.p2.s3")
    assert list(out["paragraph_no"]) == [1, 2, 3]
    assert list(out["role"]) == ["previous paragraph", "paragraph of the sentence", "next paragraph"]
    assert list(out["spans"]) == [[], [(9, 13)], []]
    assert list(out["char_start"]) == [0, 10, 30]
    assert set(out["sentence_id"]) == {"d.p2.s3"} and set(out["session_id"]) == {"s"}


def test_sentence_context_first_paragraph_has_no_previous():
    out = ec.sentence_context(_tiny(), "d.p1.s1")
    assert list(out["role"]) == ["paragraph of the sentence", "next paragraph"]


def test_sentence_context_unknown_is_empty():
    out = ec.sentence_context(_tiny(), "<script>")
    assert out.empty and list(out.columns) == ec.CONTEXT_COLUMNS


def test_sentence_record():
    record = ec.sentence_record(_tiny(), "d.p3.s1")
    assert (record["title"], record["file"], record["char_start"], record["char_end"]) == ("Doc", "d.txt", 30, 34)
    assert ec.sentence_record(_tiny(), "") is None


def test_sentence_choices_put_hits_first():
    choices = ec.sentence_choices(_tiny()["sentences"], first=["d.p3.s1", "unknown"], width=4)
    assert list(choices) == ["d.p3.s1", "d.p1.s1", "d.p2.s1", "d.p2.s2", "d.p2.s3"]
    assert choices["d.p1.s1"] == "d.p1.s1 — Tit…"
    assert choices["d.p3.s1"] == "d.p3.s1 — End."


# --- the real corpus -------------------------------------------------------

def _heterogeneous(tables) -> dict:
    """The Geneva sentence 'Rather migrants are heterogeneous...', found by its words, not its id."""
    sentences = tables["sentences"]
    return sentences[sentences["text"].str.startswith("Rather migrants are heterogeneous")].iloc[0].to_dict()


def test_sentence_context_real_corpus(tables):
    sentence = _heterogeneous(tables)
    out = ec.sentence_context(tables, sentence["sentence_id"])
    assert sentence["doc_id"] == GENEVA and sentence["sentence_no"] == 2
    assert list(out["paragraph_no"] - sentence["paragraph_no"]) == [-1, 0, 1]
    middle = out.iloc[1]
    assert middle["spans"] == [(49, 172)]  # after "It is important not to generalize or stigmatize. "
    assert middle["text"][49:172] == sentence["text"]
    assert middle["char_start"] <= sentence["char_start"] < sentence["char_end"] <= middle["char_end"]
    assert out.iloc[0]["char_end"] <= middle["char_start"] and middle["char_end"] <= out.iloc[2]["char_start"]


def test_offsets_point_into_the_original_file(tables):
    sentence = ec.sentence_record(tables, _heterogeneous(tables)["sentence_id"])
    raw = (Path(idm_data.__file__).parent / "corpus" / sentence["file"]).read_text(encoding="utf-8")
    assert raw[sentence["char_start"]:sentence["char_end"]] == sentence["text"]


def test_every_sentence_is_found_in_its_paragraph(tables):
    sample = tables["sentences"]["sentence_id"].iloc[::25]  # a spread across every document
    assert all(ec.sentence_span(tables, s) is not None for s in sample)
