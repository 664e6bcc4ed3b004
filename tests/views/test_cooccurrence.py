"""Unit tests of idm_data.views.cooccurrence: hand-counted pairs on a tiny corpus, and the packaged
corpus checked against a brute-force count."""

import itertools

import pandas as pd
import pytest

import idm_data
from idm_data.views import cooccurrence as co
from idm_data.views import filters as f

# sentence -> themes: s1 {A, B}; s2 {A} and s3 {B} share paragraph 2; s4 {A, B, GCM 1}
CODED = {"d.p1.s1": ["a", "b"], "d.p2.s1": ["a"], "d.p2.s2": ["b"], "d.p3.s1": ["a", "b", "gcm-01"]}


def _tiny() -> dict[str, pd.DataFrame]:
    ids = list(CODED)
    sentences = pd.DataFrame({"sentence_id": ids, "doc_id": "d", "session_id": "s", "paragraph_no": [1, 2, 2, 3],
                              "sentence_no": [1, 1, 2, 1], "text": ["alpha beta", "alpha", "beta", "alpha beta gamma"]})
    rows = [(s, t) for s, themes in CODED.items() for t in themes]
    starts = {"a": 0, "b": 6, "gcm-01": 11}
    mentions = pd.DataFrame({"sentence_id": [s for s, _ in rows], "theme_id": [t for _, t in rows], "doc_id": "d",
                             "matched": [t for _, t in rows],
                             "sentence_start": [0 if s == "d.p2.s2" else starts[t] for s, t in rows],
                             "sentence_end": [4 if s == "d.p2.s2" else starts[t] + 4 for s, t in rows]})
    themes = pd.DataFrame({"theme_id": ["a", "b", "gcm-01", "d"], "theme": ["A", "B", "C", "D"],
                           "family": ["cross_cutting", "cross_cutting", "gcm_objective", "cross_cutting"],
                           "objective": ["", "", "C in full", ""], "description": ["", "", "", ""],
                           "theme_order": [2, 3, 1, 4]})
    documents = pd.DataFrame({"doc_id": ["d"], "title": ["Doc"], "doc_type": ["x"]})
    return {"sentences": sentences, "theme_mentions": mentions, "themes": themes, "documents": documents}


def pair(pairs, a, b) -> tuple:
    row = pairs[(pairs["theme_a"] == a) & (pairs["theme_b"] == b)].iloc[0]
    return row["n_both"], row["n_a"], row["n_b"], row["jaccard"]


def test_sentence_pairs_by_hand():
    tiny = _tiny()
    pairs = co.pairs(tiny, tiny, "sentence")
    assert pair(pairs, "a", "b") == (2, 3, 3, 0.5)  # s1, s4 of 3 + 3 - 2
    assert pair(pairs, "a", "gcm-01") == (1, 3, 1, round(1 / 3, 3))
    assert pair(pairs, "b", "a") == (2, 3, 3, 0.5)  # both ways round
    assert len(pairs) == 6 and "d" not in set(pairs["theme_a"])
    assert list(pairs.drop_duplicates("theme_a")["theme_a"]) == ["gcm-01", "a", "b"]  # codebook order


def test_paragraph_pairs_by_hand():
    tiny = _tiny()
    pairs = co.pairs(tiny, tiny, "paragraph")
    assert pair(pairs, "a", "b") == (3, 3, 3, 1.0)  # paragraph 2 carries both through two sentences


def test_family_and_table():
    tiny = _tiny()
    cross = co.pairs(tiny, tiny, "sentence", family="cross_cutting")
    assert set(cross["theme_a"]) == {"a", "b"}
    table = co.table(co.pairs(tiny, tiny, "sentence"))
    assert list(table.columns) == co.PAIR_COLUMNS
    pairs = {(a, b) for a, b in zip(table["theme_a"], table["theme_b"])}
    assert pairs == {("gcm-01", "a"), ("gcm-01", "b"), ("a", "b")}


def test_cells():
    tiny = _tiny()
    pairs = co.pairs(tiny, tiny, "sentence")
    assert co.grid_themes(pairs) == {"gcm-01": "GCM 1: C", "a": "A", "b": "B"}
    assert co.default_cell(pairs, "n_both") == ("a", "b")
    assert co.default_cell(pairs, "jaccard") == ("a", "b")
    assert co.best_partner(pairs, "gcm-01", "jaccard") == "a"
    assert co.best_partner(pairs, "d", "n_both") is None
    assert co.cell(pairs, "gcm-01", "d") == {"n_both": 0, "jaccard": 0.0}
    assert co.default_cell(pairs.iloc[:0], "n_both") is None


def test_cell_evidence():
    tiny = _tiny()
    sentences = co.cell_evidence(tiny, tiny, "sentence", "a", "b")
    assert list(sentences["sentence_id"]) == ["d.p1.s1", "d.p3.s1"]
    assert [[t[x:y] for x, y in s] for t, s in zip(sentences["text"], sentences["spans"])] == [
        ["alph", "beta"], ["alph", "beta"]]
    paragraphs = co.cell_evidence(tiny, tiny, "paragraph", "a", "b")
    assert list(paragraphs["sentence_id"]) == ["d.p1.s1", "d.p2.s1", "d.p2.s2", "d.p3.s1"]
    assert co.cell_evidence(tiny, tiny, "sentence", "a", "a").empty
    assert co.cell_evidence(tiny, tiny, "sentence", "a", "<script>").empty


def test_a_view_counts_only_its_sentences():
    tiny = _tiny()
    view = {**tiny, "sentences": tiny["sentences"][tiny["sentences"]["sentence_id"] != "d.p3.s1"]}
    pairs = co.pairs(tiny, view, "sentence")
    assert pair(pairs, "a", "b") == (1, 2, 2, round(1 / 3, 3))
    assert "gcm-01" not in set(pairs["theme_a"])


# --- the packaged corpus ---------------------------------------------------------------

@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


@pytest.mark.parametrize("unit", list(co.UNITS))
def test_pairs_match_a_brute_force_count(tables, unit):
    pairs = co.pairs(tables, tables, unit)
    coded = co.coded_units(tables, tables, unit)
    units = coded.groupby("theme_id")["unit_id"].agg(set)
    expected = {(a, b): len(units[a] & units[b]) for a, b in itertools.permutations(units.index, 2)}
    found = {(a, b): n for a, b, n in zip(pairs["theme_a"], pairs["theme_b"], pairs["n_both"])}
    assert found == {k: v for k, v in expected.items() if v}
    assert pairs["jaccard"].between(0, 1).all() and (pairs["n_both"] <= pairs[["n_a", "n_b"]].min(axis=1)).all()


def test_a_theme_filter_keeps_every_theme_of_its_sentences(tables):
    view = f.apply(tables, f.Filters(themes=("gcm-07",)))
    pairs = co.pairs(tables, view, "sentence")
    whole = co.pairs(tables, tables, "sentence")
    assert len(set(pairs["theme_a"])) > 2
    mine = pairs[pairs["theme_a"] == "gcm-07"].set_index("theme_b")["n_both"]
    assert mine.equals(whole[whole["theme_a"] == "gcm-07"].set_index("theme_b")["n_both"])
