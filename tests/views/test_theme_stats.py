"""Unit tests for idm_data.theme_stats: tiny inline frames, then the real tables."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import idm_data
from idm_data.views import filters
from idm_data.views import theme_stats as ts


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def tiny_tables():
    """Two sessions (one listed later by date), a document without a session, three themes."""
    documents = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "session_id": ["s2", "s1", "s1", ""],
                              "n_words": [500, 1000, 3000, 100]})
    sessions = pd.DataFrame({"session_id": ["s1", "s2"], "session_name": ["First", "Second"],
                             "start_date": ["2017-01-01", "2018-01-01"], "city": ["Geneva", ""]})
    themes = pd.DataFrame({"theme_id": ["x", "gcm-02", "gcm-01"], "theme": ["Cross", "Two", "One"],
                           "family": ["cross_cutting", "gcm_objective", "gcm_objective"],
                           "objective": ["", "Objective two", "Objective one"],
                           "description": ["About x", "d2", "d1"], "theme_order": [3, 2, 1]})
    mentions = pd.DataFrame({"session_id": ["s1", "s1", "s1", "s2"], "theme_id": ["gcm-01", "gcm-01", "x", "gcm-01"],
                             "sentence_id": ["b.1", "b.1", "c.4", "a.2"], "doc_id": ["b", "b", "c", "a"]})
    return {"documents": documents, "sessions": sessions, "themes": themes, "theme_mentions": mentions}


def test_themes_shown_orders_labels_and_defines():
    shown = ts.themes_shown(tiny_tables()["themes"])
    assert shown["theme_id"].tolist() == ["gcm-01", "gcm-02", "x"]
    assert shown["label"].tolist() == ["GCM 1: One", "GCM 2: Two", "Cross"]
    assert shown["definition"].tolist() == ["Objective one", "Objective two", "About x"]


@pytest.mark.parametrize("family, ids, expected", [
    ("gcm_objective", (), ["gcm-01", "gcm-02"]),
    ("cross_cutting", (), ["x"]),
    ("both", ("x", "gcm-02"), ["gcm-02", "x"]),
    ("garbage", (), ["gcm-01", "gcm-02", "x"]),
    ("cross_cutting", ("gcm-01",), []),
])
def test_themes_shown_family_and_ids(family, ids, expected):
    assert ts.themes_shown(tiny_tables()["themes"], family, ids)["theme_id"].tolist() == expected


def test_session_words_in_date_order_with_no_session_last():
    words = ts.session_words(tiny_tables())
    assert words["session_id"].tolist() == ["s1", "s2", ""]
    assert words["n_words"].tolist() == [4000, 500, 100]
    assert words["session_label"].tolist() == ["First (Geneva, 2017-01)", "Second", ts.NO_SESSION]
    assert words["session_short"].tolist() == ["First", "Second", ts.NO_SESSION]


def test_mention_counts_counts_a_sentence_once():
    counts = ts.mention_counts(tiny_tables()["theme_mentions"])
    expected = pd.DataFrame({"session_id": ["s1", "s1", "s2"], "theme_id": ["gcm-01", "x", "gcm-01"],
                             "n_sentences": [1, 1, 1], "n_matches": [2, 1, 1]})
    assert_frame_equal(counts, expected, check_dtype=False)


def test_per_1k_words_guards_zero_words():
    rates = ts.per_1k_words(pd.Series([5, 3, 0]), pd.Series([2000, 0, 1000]))
    assert rates.tolist() == [2.5, 0.0, 0.0]


def test_theme_matrix_keeps_zero_cells_and_rates():
    matrix = ts.theme_matrix(tiny_tables(), "gcm_objective")
    assert list(matrix.columns[:len(ts.MATRIX_COLUMNS)]) == ts.MATRIX_COLUMNS
    assert len(matrix) == 3 * 2  # three sessions (one unassigned) x two objectives
    cell = matrix.set_index(["session_id", "theme_id"])
    assert cell.loc[("s1", "gcm-01"), ["n_sentences", "n_matches", "n_words"]].tolist() == [1, 2, 4000]
    assert cell.loc[("s1", "gcm-01"), "rate_per_1k_words"] == 0.5
    assert cell.loc[("s2", "gcm-01"), "rate_per_1k_words"] == 2.0
    assert cell.loc[("s2", "gcm-02"), ["n_sentences", "n_matches", "rate_per_1k_words"]].tolist() == [0, 0, 0.0]


def test_theme_matrix_empty_when_nothing_to_show():
    empty = ts.theme_matrix(tiny_tables(), "cross_cutting", ["gcm-01"])
    assert empty.empty and list(empty.columns) == ts.MATRIX_COLUMNS + ts.DISPLAY_COLUMNS
    no_docs = dict(tiny_tables(), documents=tiny_tables()["documents"].iloc[0:0])
    assert ts.theme_matrix(no_docs).empty


def test_theme_totals_sum_sessions_and_rate_over_all_words():
    totals = ts.theme_totals(ts.theme_matrix(tiny_tables()))
    assert list(totals.columns[:len(ts.TOTAL_COLUMNS)]) == ts.TOTAL_COLUMNS
    row = totals.set_index("theme_id").loc["gcm-01"]
    assert (row["n_sentences"], row["n_matches"], row["n_words"]) == (2, 3, 4600)
    assert row["rate_per_1k_words"] == round(3 * 1000 / 4600, 3)
    assert row["session_ids"] == "s1;s2;"
    assert ts.unmentioned(totals) == ["GCM 2: Two"]


def test_default_cell_is_highest_first_on_ties():
    matrix = ts.theme_matrix(tiny_tables())
    assert ts.default_cell(matrix, "n_matches") == ("s1", "gcm-01")
    assert ts.default_cell(matrix, "n_sentences") == ("s1", "gcm-01")  # tie with s1/x and s2/gcm-01
    assert ts.default_cell(matrix, "rate_per_1k_words") == ("s2", "gcm-01")
    assert ts.default_cell(matrix.iloc[0:0], "n_matches") is None


# --- the real tables -------------------------------------------------------

def test_matrix_covers_every_session_and_theme(tables):
    matrix = ts.theme_matrix(tables)
    assert len(matrix) == tables["documents"]["session_id"].nunique() * len(tables["themes"])
    unmentioned_ids = set(tables["themes"]["theme_id"]) - set(tables["theme_mentions"]["theme_id"])
    assert "gcm-22" in unmentioned_ids  # the codebook's known absence
    absent = matrix[matrix["theme_id"].isin(unmentioned_ids)]
    assert len(absent) == len(unmentioned_ids) * matrix["session_id"].nunique()
    assert absent[["n_sentences", "n_matches"]].eq(0).all().all()


def test_matrix_counts_match_the_mentions(tables):
    matrix = ts.theme_matrix(tables).set_index(["session_id", "theme_id"])
    mentions = tables["theme_mentions"]
    docs = tables["documents"]
    for (session_id, theme_id), rows in mentions.groupby(["session_id", "theme_id"]):
        cell = matrix.loc[(session_id, theme_id)]
        words = docs.loc[docs["session_id"] == session_id, "n_words"].sum()
        expected = (rows["sentence_id"].nunique(), len(rows), words)
        assert (cell["n_sentences"], cell["n_matches"], cell["n_words"]) == expected
        assert cell["rate_per_1k_words"] == pytest.approx(len(rows) * 1000 / words, abs=1e-3)
    assert matrix["n_matches"].sum() == len(mentions)


def test_matrix_follows_the_filters(tables):
    chosen = filters.Filters(sessions=("idm-2018-1",), themes=("partnerships", "gcm-22"),
                             doc_types=("closing_remarks",))
    filtered = filters.apply(tables, chosen)
    matrix = ts.theme_matrix(filtered, "both", chosen.themes)
    docs = tables["documents"]
    words = docs.loc[(docs["session_id"] == "idm-2018-1") & (docs["doc_type"] == "closing_remarks"), "n_words"].sum()
    assert matrix["session_id"].unique().tolist() == ["idm-2018-1"]
    assert matrix["theme_id"].tolist() == ["gcm-22", "partnerships"]  # official order
    assert matrix["n_words"].unique().tolist() == [words]
    mentions = filtered["theme_mentions"]
    assert matrix["n_matches"].tolist() == [0, (mentions["theme_id"] == "partnerships").sum()]
    assert ts.theme_matrix(filtered, "gcm_objective", ("partnerships",)).empty


def test_gcm_labels_and_official_wording(tables):
    matrix = ts.theme_matrix(tables, "gcm_objective")
    first = matrix.iloc[0]
    objective = tables["themes"].set_index("theme_id").loc["gcm-01", "objective"]
    assert first["label"] == "GCM 1: " + tables["themes"].set_index("theme_id").loc["gcm-01", "theme"]
    assert first["definition"] == objective != ""
    assert matrix["family"].unique().tolist() == ["gcm_objective"]


def test_cell_evidence_highlights_the_matched_words(tables):
    evidence = ts.cell_evidence(tables, "idm-2018-1", "partnerships")
    mentions = tables["theme_mentions"]
    rows = mentions[(mentions["session_id"] == "idm-2018-1") & (mentions["theme_id"] == "partnerships")]
    assert len(evidence) == rows["sentence_id"].nunique()
    assert set(evidence["theme_id"]) == {"partnerships"} and set(evidence["theme"]) == {"Partnerships"}
    assert set(evidence["session_id"]) == {"idm-2018-1"}
    for row in evidence.itertuples():
        words = {row.text[start:end].lower() for start, end in row.spans}
        assert words <= {m.lower() for m in row.matched.split("; ")}
    assert ts.cell_evidence(tables, "idm-2017-2", "gcm-22").empty


# --- the reader's choice of codings -------------------------------------------

CODED = pd.DataFrame({"sentence_id": ["a", "a", "b", "c"], "theme_id": ["gcm-23", "partnerships", "gcm-23", "gcm-07"],
                      "method": ["phrase", "phrase", "model", "model"], "score": [0.3, None, 0.9, 0.55],
                      "matched": ["cooperation", "partners", "work together", "children"]})


@pytest.mark.parametrize("coding, min_score, kept", [
    ("all", 0.0, ["a", "a", "b", "c"]),
    ("phrase", 0.0, ["a", "a"]),
    ("all", 0.6, ["a", "a", "b"]),  # a phrase match is kept whatever the learned score
    ("all", 0.95, ["a", "a"]),
])
def test_coded_mentions(coding, min_score, kept):
    assert list(ts.coded_mentions(CODED, coding, min_score)["sentence_id"]) == kept


def test_found_by_says_how():
    rows = list(CODED.itertuples())
    assert ts.found_by(rows[0]) == "codebook phrase “cooperation”; learned coder's score 0.30"
    assert ts.found_by(rows[1]) == "codebook phrase “partners”"
    assert ts.found_by(rows[2]) == "learned coder, score 0.90 (weighed most: work together)"


def test_phrase_only_grid_counts_fewer_and_the_cell_says_how(tables):
    every = ts.theme_matrix(tables, "gcm_objective")
    phrases = ts.theme_matrix(tables, "gcm_objective", coding="phrase")
    assert (phrases["n_sentences"] <= every["n_sentences"]).all() and phrases["n_sentences"].sum() < every["n_sentences"].sum()
    cell = ts.cell_evidence(tables, "idm-2018-1", "gcm-23")
    assert len(cell) == every.set_index(["session_id", "theme_id"]).loc[("idm-2018-1", "gcm-23"), "n_sentences"]
    assert cell["found_by"].str.contains("learned coder").any() and cell["found_by"].str.contains("phrase").any()
