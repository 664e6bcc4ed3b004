"""Takeaways and further actions: counts, titles and boundaries against the
gold, and each numbering style on a tiny inline document."""

import pandas as pd
import pytest

import idm_data
from idm_data.evaluation import score as evaluation
from idm_data.extract import takeaways
from idm_data.resources import CORPUS_DIR
from idm_data.text import parse

COUNTS = {  # (takeaways, actions) per document, as a reader counts them
    "idm-2017-1-new-york_closing-remarks": (5, 0),
    "idm-2017-1-new-york_summary-of-conclusions": (8, 8),
    "idm-2017-2-geneva_closing-remarks": (7, 0),
    "idm-2018-1-new-york_closing-remarks": (5, 0),
    "idm-2018-1-new-york_summary-of-conclusions": (5, 0),
}


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


def items(raw: str) -> tuple[list, list]:
    return takeaways.find_items(parse.parse_document(raw))


def summary(found: list) -> list[tuple[int, str, list[str]]]:
    return [(item.number, item.title, [s.text for s in item.sentences]) for item in found]


# --- the real corpus ---------------------------------------------------------

@pytest.mark.parametrize("doc_id, expected", COUNTS.items())
def test_count_per_document(tables, doc_id, expected):
    n_takeaways = (tables["takeaways"]["doc_id"] == doc_id).sum()
    n_actions = (tables["actions"]["doc_id"] == doc_id).sum()
    assert (n_takeaways, n_actions) == expected
    doc = tables["documents"].set_index("doc_id").loc[doc_id]
    assert (doc["n_takeaways"], doc["n_actions"]) == expected


def test_announced_counts_match_found_counts(tables):
    docs = tables["documents"].dropna(subset=["n_takeaways_announced"])
    assert len(docs) == 3  # the three closing remarks say how many they list
    assert (docs["n_takeaways_announced"] == docs["n_takeaways"]).all()


def test_numbers_run_from_one(tables):
    for frame in (tables["takeaways"], tables["actions"]):
        for _, group in frame.groupby("doc_id"):
            assert group["number"].tolist() == list(range(1, len(group) + 1))


@pytest.mark.parametrize("item_id, title", [
    ("idm-2017-1-new-york_closing-remarks.t01", "Ensuring implementation of the commitments made"),
    ("idm-2017-1-new-york_closing-remarks.t05",
     "Way forward: Implementing and following-up progress on the Global Compact on Migration"),
    ("idm-2017-1-new-york_summary-of-conclusions.t02", "The need to protect and empower vulnerable migrants."),
    ("idm-2017-2-geneva_closing-remarks.t06", "The sixth message is that international cooperation is at the heart of the GCM."),
    ("idm-2018-1-new-york_closing-remarks.t04", "We must redouble our efforts to eradicate forced labor."),
    ("idm-2018-1-new-york_summary-of-conclusions.t02", "Effective policymaking needs migration data and analysis."),
    ("idm-2017-1-new-york_summary-of-conclusions.a07", "Define terminology."),
])
def test_titles(tables, item_id, title):
    both = pd.concat([tables["takeaways"].rename(columns={"takeaway_id": "id"}),
                      tables["actions"].rename(columns={"action_id": "id"})])
    assert both.set_index("id").loc[item_id, "title"] == title


def test_titles_equal_the_gold(tables):
    gold = evaluation.read_gold("takeaways.csv")
    both = pd.concat([tables["takeaways"], tables["actions"]])
    found = {(f"{d}.txt", k, n): t for d, k, n, t in zip(both["doc_id"], both["kind"], both["number"], both["title"])}
    wrong = [(r.doc, r.kind, r.number) for r in gold.itertuples() if found.get((r.doc, r.kind, int(r.number))) != r.title]
    assert wrong == []


def test_boundaries_equal_the_gold(tables):
    scores = evaluation.evaluate_takeaways(tables)
    assert scores["n_gold"].sum() == 2 * 38  # per document plus the pooled row
    assert (scores["precision"] == 1.0).all() and (scores["recall"] == 1.0).all(), scores.to_string()


def test_takeaway_rows_are_consistent(tables):
    sentences = tables["sentences"].set_index("sentence_id")
    for row in pd.concat([tables["takeaways"], tables["actions"]]).itertuples():
        ids = row.sentence_ids.split(";")
        assert (ids[0], ids[-1], len(ids)) == (row.first_sentence_id, row.last_sentence_id, row.n_sentences)
        assert row.text == " ".join(sentences.loc[ids, "text"])
        assert (row.char_start, row.char_end) == (sentences.loc[ids[0], "char_start"], sentences.loc[ids[-1], "char_end"])


def test_items_do_not_overlap(tables):
    for frame in (tables["takeaways"], tables["actions"]):
        for _, group in frame.sort_values("char_start").groupby("doc_id"):
            assert (group["char_start"].iloc[1:].values >= group["char_end"].iloc[:-1].values).all()


def test_takeaway_themes_are_in_codebook_order(tables):
    order = tables["themes"].set_index("theme_id")["theme_order"]
    for ids in tables["takeaways"]["theme_ids"]:
        ranks = [order[t] for t in ids.split(";") if t]
        assert ranks == sorted(ranks)

def test_takeaway_themes_are_those_of_its_sentences(tables):
    by_sentence = tables["theme_mentions"].groupby("sentence_id")["theme_id"].agg(set)
    for row in tables["takeaways"].itertuples():
        expected = set().union(*[by_sentence.get(s, set()) for s in row.sentence_ids.split(";")])
        assert set(filter(None, row.theme_ids.split(";"))) == expected, row.takeaway_id


# --- tiny inline documents, one per numbering style --------------------------

def test_inline_takeaway_headings():
    raw = ("I would like to highlight 3 main takeaways:\n\n"
           "Takeaway 1 – Data matters\n\n- Data helps policy. It must be shared.\n\n"
           "Takeaway 2 – Partnerships matter\n\n- Partners work together.\n\n"
           "Takeaway 3 – Rights matter\n\n- Rights come first.\n\nConclusion\n\nThank you.\n")
    found, actions = items(raw)
    assert summary(found) == [
        (1, "Data matters", ["Data helps policy.", "It must be shared."]),
        (2, "Partnerships matter", ["Partners work together."]),
        (3, "Rights matter", ["Rights come first."]),
    ]
    assert actions == []
    assert takeaways.announced_count(parse.parse_document(raw)) == 3


def test_inline_bold_numbers():
    raw = ("The main messages were the following:\n\n"
           "**1. Data matters.** Data helps policy.\n\n"
           "**2. Partnerships matter.** Partners work together.\n\n"
           "Conclusions\n\nThank you all.\n")
    assert summary(items(raw)[0]) == [
        (1, "Data matters.", ["Data matters.", "Data helps policy."]),
        (2, "Partnerships matter.", ["Partnerships matter.", "Partners work together."]),
    ]


def test_inline_dash_parenthesis_numbers():
    raw = ("Several key areas of convergence emerged:\n\n"
           "- 1) The need for data.** Data helps policy.\n\n"
           "- 2) **The need for partners.** Partners work together.\n\n"
           "Conclusion\n\nThank you.\n")
    assert summary(items(raw)[0]) == [
        (1, "The need for data.", ["The need for data.", "Data helps policy."]),
        (2, "The need for partners.", ["The need for partners.", "Partners work together."]),
    ]


def test_inline_plain_numbers():
    raw = ("To summarize, I would like to highlight three main takeaways:\n\n"
           "1. Data must be available. It must be shared.\n\n"
           "2. Partnerships are key.\n\n3. Rights matter.\n\nConclusions\n\nThank you.\n")
    paragraphs = parse.parse_document(raw)
    assert [(i.number, i.title) for i in takeaways.find_items(paragraphs)[0]] == [
        (1, "Data must be available."), (2, "Partnerships are key."), (3, "Rights matter.")]
    assert takeaways.announced_count(paragraphs) == 3


def test_inline_item_runs_to_the_next_heading():
    raw = ("Two key messages emerged:\n\n1. First message. More on it.\n\n"
           "A second paragraph on the first message.\n\n2. Second message.\n\nConclusion\n\nNot a takeaway.\n")
    found = summary(items(raw)[0])
    assert found[0][2] == ["First message.", "More on it.", "A second paragraph on the first message."]
    assert found[1][2] == ["Second message."]


def test_inline_further_actions():
    raw = ("Participants proposed these ideas for further action:\n\n"
           "**Define terminology.** Terms matter.\n\n**Track progress.** A committee could do it.\n\n"
           "The end of the list.\n")
    found, actions = items(raw)
    assert found == []
    assert [(a.kind, a.number, a.title) for a in actions] == [
        ("action", 1, "Define terminology."), ("action", 2, "Track progress.")]


@pytest.mark.parametrize("raw", [
    "The weather was fine. We met in Geneva.\n\nWe talked about migration.\n",
    "The weather was fine.\n\n1. This list has no cue.\n\n2. Really none.\n",   # a list, but not of takeaways
    "",
])
def test_inline_no_takeaways(raw):
    assert items(raw) == ([], [])
    assert takeaways.announced_count(parse.parse_document(raw)) is None


@pytest.mark.parametrize("text, count", [
    ("I would like to highlight 5 main takeaways:", 5),
    ("I would like to highlight five main takeaways:", 5),
    ("Seven key messages emerged.", 7),
    ("Several key areas of convergence emerged:", None),
])
def test_stated_count(text, count):
    assert takeaways.stated_count(parse.parse_document(text + "\n")[0]) == count
