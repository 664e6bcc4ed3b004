"""Unit tests of idm_data.views.compare: keyness statistics against hand-computed values, the sides,
the counts, and the sentences behind a row."""

import math

import pandas as pd
import pytest

import idm_data
from idm_data.resources import stopwords
from idm_data.views import compare as c
from idm_data.views import filters as f
from idm_data.views.theme_stats import theme_matrix


# --- the statistics, by hand ---------------------------------------------------------

@pytest.mark.parametrize("a, b, size_a, size_b, g2", [
    (10, 5, 1000, 2000, 10 * math.log(2)),  # E = 5 and 10: 2(10 ln 2 + 5 ln 1/2)
    (0, 8, 1000, 1000, 16 * math.log(2)),  # E = 4 and 4: 2(8 ln 2)
    (20, 10, 1000, 1000, 2 * (20 * math.log(20 / 15) + 10 * math.log(10 / 15))),  # 3.398
    (5, 5, 1000, 1000, 0.0),
    (30, 60, 3000, 6000, 0.0),  # the same rate
    (0, 0, 10, 10, 0.0),
])
def test_log_likelihood(a, b, size_a, size_b, g2):
    assert float(c.log_likelihood(a, b, size_a, size_b)) == pytest.approx(g2, abs=1e-9)


@pytest.mark.parametrize("a, b, size_a, size_b, ratio", [
    (10, 5, 1000, 2000, 2.0),  # 1 % against 0.25 %: four times, log2 4
    (5, 10, 2000, 1000, -2.0),
    (0, 8, 1000, 1000, -4.0),  # the zero taken as 0.5: 0.5 / 8 = 1/16
    (3, 0, 100, 100, math.log2(6)),
    (7, 7, 50, 50, 0.0),
])
def test_log_ratio(a, b, size_a, size_b, ratio):
    assert float(c.log_ratio(a, b, size_a, size_b)) == pytest.approx(ratio, abs=1e-12)


@pytest.mark.parametrize("g2, p", [(0.0, 1.0), (3.841459, 0.05), (6.634897, 0.01), (10.827566, 0.001),
                                   (2.705543, 0.1)])
def test_p_value_is_the_chi_square_tail(g2, p):
    assert c.p_value(g2) == pytest.approx(p, rel=1e-5)


@pytest.mark.parametrize("g2, mark", [(0, ""), (3.83, ""), (3.84, "*"), (6.62, "*"), (6.63, "**"), (10.82, "**"),
                                      (10.83, "***"), (250, "***")])
def test_significance(g2, mark):
    assert c.significance(g2) == mark


def test_marks_agree_with_p_values_away_from_the_rounded_critical_values():
    for hundredths in range(0, 2000):
        g2 = hundredths / 100
        if any(abs(g2 - critical) < 0.02 for critical, _ in c.CRITICAL):
            continue
        p = c.p_value(g2)
        expected = "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""
        assert c.significance(g2) == expected, g2


def test_keyness_table():
    counts = pd.DataFrame({"item": ["x", "y", "z"], "label": ["X", "Y", "Z"], "n_a": [10, 0, 2], "n_b": [5, 8, 4]})
    out = c.keyness(counts, 1000, 2000)
    assert list(out.columns) == c.KEYNESS_COLUMNS
    assert list(out["item"]) == ["x", "y", "z"]  # G² 10 ln 2 = 6.93 > 16 ln 1.5 = 6.49 > 0
    assert out.set_index("item").loc["y", "g2"] == pytest.approx(16 * math.log(1.5), abs=1e-3)
    row = out.set_index("item").loc["x"]
    assert (row["per_1k_a"], row["per_1k_b"], row["log_ratio"], row["significance"], row["more_in"]) == \
        (10.0, 2.5, 2.0, "**", "A")
    assert row["g2"] == pytest.approx(6.931, abs=1e-3) and row["p_value"] == pytest.approx(0.00847, abs=1e-5)
    assert out.set_index("item").loc["y", "more_in"] == "B"
    assert out.set_index("item").loc["z", "more_in"] == "" and out.set_index("item").loc["z", "g2"] == 0


def test_keyness_of_nothing():
    empty = pd.DataFrame(columns=["item", "label", "n_a", "n_b"])
    assert c.keyness(empty, 10, 10).empty
    some = pd.DataFrame({"item": ["x"], "label": ["X"], "n_a": [1], "n_b": [0]})
    assert list(c.keyness(some, 0, 10).columns) == c.KEYNESS_COLUMNS and c.keyness(some, 0, 10).empty


@pytest.mark.parametrize("text, tokens", [
    ("IOM’s partners", ["iom", "partners"]),
    ("A whole-of-society approach.", ["a", "whole-of-society", "approach"]),
    ("The 2030 Agenda", ["the", "agenda"]),
    ("don't stop", ["don't", "stop"]),
    ("São Paulo's", ["são", "paulo"]),
    ("<b>x</b>", ["b", "x", "b"]),
    ("", []),
])
def test_words(text, tokens):
    assert c.words(text) == tokens


def test_stopwords_are_data():
    stop = stopwords()
    assert {"the", "and", "of", "don't"} <= stop and "migrants" not in stop
    assert all(w == w.lower().strip() and not w.startswith("#") for w in stop)


# --- a tiny corpus -----------------------------------------------------------------------

def _tiny() -> dict[str, pd.DataFrame]:
    sessions = pd.DataFrame({"session_id": ["s-2017-1", "s-2017-2", "s-2018-1"], "year": ["2017", "2017", "2018"],
                             "start_date": ["2017-04-01", "2017-07-01", "2018-03-01"],
                             "session_name": ["First", "Second", "Third"], "city": ["", "", ""]})
    sentences = pd.DataFrame({
        "sentence_id": ["a.p1.s1", "a.p1.s2", "b.p1.s1", "b.p1.s2", "c.p1.s1", "c.p2.s1"],
        "doc_id": ["a", "a", "b", "b", "c", "c"],
        "session_id": ["s-2017-1", "s-2017-1", "s-2017-2", "s-2017-2", "s-2018-1", "s-2018-1"],
        "paragraph_no": [1, 1, 1, 1, 1, 2], "sentence_no": [1, 2, 1, 2, 1, 1],
        "text": ["Migrants and data.", "The data of migrants.", "Data, data.", "Health of migrants.",
                 "Partnerships with migrants.", "Partnerships matter."]})
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["A", "B", "C"], "doc_type": ["x", "x", "y"],
                              "session_id": ["s-2017-1", "s-2017-2", "s-2018-1"]})
    mentions = pd.DataFrame({"sentence_id": ["a.p1.s1", "a.p1.s1", "a.p1.s2", "b.p1.s1", "c.p1.s1", "c.p2.s1"],
                             "theme_id": ["data", "data", "data", "data", "partners", "partners"],
                             "doc_id": ["a", "a", "a", "b", "c", "c"],
                             "matched": ["data", "data", "data", "Data", "Partnerships", "Partnerships"],
                             "sentence_start": [12, 12, 4, 0, 0, 0], "sentence_end": [16, 16, 8, 4, 12, 12]})
    themes = pd.DataFrame({"theme_id": ["data", "partners", "unused"], "theme": ["Data", "Partners", "Unused"],
                           "family": ["cross_cutting"] * 3, "theme_order": [1, 2, 3]})
    return {"sessions": sessions, "sentences": sentences, "documents": documents, "theme_mentions": mentions,
            "themes": themes}


def test_sides():
    tiny = _tiny()
    assert c.side_options(tiny, "session") == {"s-2017-1": "First", "s-2017-2": "Second", "s-2018-1": "Third"}
    assert c.side_options(tiny, "year") == {"2017": "2017", "2018": "2018"}
    assert c.default_pair(c.side_options(tiny, "year")) == ("2018", "2017")
    assert c.default_pair({"x": "X"}) is None
    assert list(c.side_mask(tiny, "year", "2017", "2018")) == [True] * 4 + [False] * 2
    assert list(c.side_mask(tiny, "session", c.OTHERS, "s-2017-1")) == [False] * 2 + [True] * 4
    assert c.side_label({"a": "A"}, c.OTHERS, "a") == "all but A"


def test_theme_keyness_counts_sentences_coded():
    tiny = _tiny()
    out = c.theme_keyness(tiny, tiny, "year", "2018", "2017").set_index("item")
    assert set(out.index) == {"data", "partners"}  # a theme nobody mentions is left out
    assert (out.loc["partners", "n_a"], out.loc["partners", "n_b"]) == (2, 0)
    assert (out.loc["data", "n_a"], out.loc["data", "n_b"]) == (0, 3)  # a.p1.s1 counts once
    assert out.loc["data", "g2"] == pytest.approx(round(float(c.log_likelihood(0, 3, 2, 4)), 3))


def test_word_keyness_counts_every_token_but_lists_no_stop_word():
    tiny = _tiny()
    out = c.word_keyness(tiny, tiny, "year", "2017", "2018").set_index("item")
    assert {"the", "and", "of", "with"}.isdisjoint(out.index)
    assert (out.loc["data", "n_a"], out.loc["data", "n_b"]) == (4, 0)
    assert (out.loc["migrants", "n_a"], out.loc["migrants", "n_b"]) == (3, 1)
    sizes = c.sizes(tiny, tiny, "year", "2017", "2018")
    assert list(sizes["n_words"]) == [12, 5] and list(sizes["n_sentences"]) == [4, 2]
    assert out.loc["data", "per_1k_a"] == pytest.approx(4 * 1000 / 12, abs=1e-3)


def test_evidence_on_either_side():
    tiny = _tiny()
    words = c.word_evidence(tiny, tiny, "year", "2017", "2018", "data")
    assert list(words["sentence_id"]) == ["a.p1.s1", "a.p1.s2", "b.p1.s1"]
    assert [[t[a:b] for a, b in s] for t, s in zip(words["text"], words["spans"])] == [["data"], ["data"],
                                                                                     ["Data", "data"]]
    themes = c.theme_evidence(tiny, tiny, "year", "2017", "2018", "data")
    assert list(themes["sentence_id"]) == ["a.p1.s1", "a.p1.s2", "b.p1.s1"]
    assert c.evidence_for(tiny, tiny, "themes", "year", "2018", "2017", "data").empty


# --- the packaged corpus ----------------------------------------------------------------

@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def test_theme_counts_match_the_theme_matrix(tables):
    """Sentences coded with each theme in 2017, counted two ways."""
    out = c.theme_keyness(tables, tables, "year", "2017", "2018").set_index("item")
    matrix = theme_matrix(tables)
    in_2017 = matrix[matrix["session_id"].str.startswith("idm-2017")].groupby("theme_id")["n_sentences"].sum()
    assert (out["n_a"] == in_2017.reindex(out.index).fillna(0).astype(int)).all()
    assert out["g2"].is_monotonic_decreasing and (out["g2"] >= 0).all()


def test_a_theme_filter_keeps_its_sentences_and_every_theme_they_mention(tables):
    view = f.apply(tables, f.Filters(themes=("gcm-07",)))
    out = c.theme_keyness(tables, view, "year", "2017", "2018").set_index("item")
    assert len(out) > 1 and out.loc["gcm-07", "n_a"] + out.loc["gcm-07", "n_b"] == len(view["sentences"])
