"""Unit tests of idm_data.takeaway_views: tiny frames and the real corpus."""

import pandas as pd
import pytest

import idm_data
from idm_data.views import filters as f
from idm_data.views import takeaways as tv

GENEVA = "idm-2017-2-geneva_closing-remarks"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


@pytest.fixture(scope="module")
def rows(tables):
    vocab = f.vocabulary(tables)
    return tv.readable(tables["takeaways"], tables["documents"], vocab.sessions, vocab.themes)


def _tiny() -> pd.DataFrame:
    return pd.DataFrame({
        "takeaway_id": ["d1.t01", "d1.t02", "d2.t01"], "doc_id": ["d1", "d1", "d2"],
        "session_id": ["s2", "s2", "s1"], "number": [1, 2, 1],
        "title": ["Protect Migrants", "Data", "Cooperation"],
        "text": ["Protect migrants in vulnerable situations.", "Better data on migration.", "Work with Partners."],
        "theme_ids": ["gcm-07;children", "", "gcm-23"], "sentence_ids": ["d1.p1.s1", "d1.p2.s1;d1.p2.s2", "d2.p1.s1"],
    })


@pytest.mark.parametrize("query, expected", [
    ("", ["d1.t01", "d1.t02", "d2.t01"]),
    (None, ["d1.t01", "d1.t02", "d2.t01"]),
    ("migra", ["d1.t01", "d1.t02"]),               # literal part of a word
    ("MIGRANTS vulnerable", ["d1.t01"]),          # every word, any case
    ("partners", ["d2.t01"]),
    ("migrants cooperation", []),                 # words in different takeaways
    ("<script>alert(1)</script>", []),
    ("(", []),                                    # not a regular expression
])
def test_search_keeps_rows_with_every_word(query, expected):
    assert list(tv.search(_tiny(), query)["takeaway_id"]) == expected


@pytest.mark.parametrize("text, query, expected", [
    ("Migrants and migration", "migra", [(0, 5), (13, 18)]),
    ("Data, data", "DATA", [(0, 4), (6, 10)]),
    ("a+b", "+", [(1, 2)]),
    ("nothing", "", []),
    ("", "x", []),
])
def test_word_spans(text, query, expected):
    assert tv.word_spans(text, query) == expected


def test_query_words_are_distinct_in_order():
    assert tv.query_words("  b a  b ") == ["b", "a"]


def test_theme_labels_keep_unknown_ids():
    assert tv.theme_labels("gcm-07;new-theme;", {"gcm-07": "GCM 7: Reduce vulnerabilities"}) == \
        ["GCM 7: Reduce vulnerabilities", "new-theme"]
    assert tv.theme_labels("", {}) == []


def test_readable_orders_by_session_then_document_then_number():
    docs = pd.DataFrame({"doc_id": ["d1", "d2"], "title": ["Doc one", "Doc two"]})
    out = tv.readable(_tiny(), docs, {"s1": "Session one", "s2": "Session two"}, {"gcm-07": "GCM 7"})
    assert list(out["takeaway_id"]) == ["d2.t01", "d1.t01", "d1.t02"]
    assert list(out["session"]) == ["Session one", "Session two", "Session two"]
    assert list(out["document"]) == ["Doc two", "Doc one", "Doc one"]
    assert list(out["themes"]) == [["gcm-23"], ["GCM 7", "children"], []]


def test_side_by_side_one_column_per_session():
    wide = tv.side_by_side(_tiny(), {"s1": "One", "s2": "Two"})
    assert list(wide.columns) == ["position", "Two", "Two: takeaway_id", "One", "One: takeaway_id"]
    assert wide.to_dict("list") == {
        "position": [1, 2], "Two": ["1. Protect Migrants", "2. Data"], "Two: takeaway_id": ["d1.t01", "d1.t02"],
        "One": ["1. Cooperation", ""], "One: takeaway_id": ["d2.t01", ""],
    }


def test_side_by_side_of_nothing_is_empty():
    assert tv.side_by_side(_tiny().iloc[:0], {}).empty


def test_groups_keep_row_order():
    assert [(k, len(g)) for k, g in tv.groups(_tiny(), "doc_id")] == [("d1", 2), ("d2", 1)]


def test_for_download_has_exactly_the_csv_columns():
    out = tv.for_download(_tiny().assign(extra=1))
    assert list(out.columns) == ["takeaway_id", "doc_id", "session_id", "number", "title", "text", "theme_ids",
                                 "sentence_ids"]
    assert len(out) == 3


# --- the real corpus -------------------------------------------------------

def test_takeaways_per_document(rows):
    counts = {doc: len(g) for doc, g in tv.groups(rows, "doc_id")}
    assert counts == {
        "idm-2017-1-new-york_closing-remarks": 5, "idm-2017-1-new-york_summary-of-conclusions": 8,
        GENEVA: 7, "idm-2018-1-new-york_closing-remarks": 5, "idm-2018-1-new-york_summary-of-conclusions": 5,
    }


def test_geneva_takeaways_in_order_with_labels(rows):
    geneva = rows[rows["doc_id"] == GENEVA]
    assert list(geneva["number"]) == [1, 2, 3, 4, 5, 6, 7]
    assert geneva["document"].iloc[0] == "Closing remarks, IDM 2017 second workshop"
    assert geneva["session"].iloc[0] == "IDM 2017, second workshop (Geneva, 2017-07)"
    last = geneva.iloc[-1]
    assert last["title"].startswith("The seventh and last takeaway is the need to carefully plan")
    assert last["first_sentence_id"] == last["sentence_ids"].split(";")[0]
    assert "Implementation, follow-up and review" in last["themes"]
    order = list(f.vocabulary(idm_data.load()).themes.values())
    assert last["themes"] == sorted(last["themes"], key=order.index)  # codebook order


def test_search_real_corpus(rows):
    found = tv.search(rows, "vulnerab")
    assert len(found) == 11
    assert list(found.loc[found["doc_id"] == GENEVA, "number"]) == [1, 2, 3, 4, 5, 6]
    assert list(tv.search(rows, "VULNERAB integration")["takeaway_id"]) == [f"{GENEVA}.t05"]
    assert tv.search(rows, "xylophone").empty


def test_side_by_side_real_corpus(rows, tables):
    wide = tv.side_by_side(rows, f.vocabulary(tables).sessions)
    assert wide.shape == (13, 7)  # 2017-1 has 5 + 8 takeaways; three sessions, two columns each
    assert wide.iloc[6]["IDM 2017, second workshop (Geneva, 2017-07): takeaway_id"] == f"{GENEVA}.t07"
    assert wide.iloc[7]["IDM 2017, second workshop (Geneva, 2017-07)"] == ""


def test_actions_search(tables):
    actions = tv.readable(tables["actions"], tables["documents"], f.vocabulary(tables).sessions)
    assert len(actions) == 8
    assert list(tv.search(actions, "vulnerab")["action_id"]) == ["idm-2017-1-new-york_summary-of-conclusions.a01"]
    assert list(tv.for_download(actions, tv.ACTION_COLUMNS).columns) == tv.ACTION_COLUMNS
