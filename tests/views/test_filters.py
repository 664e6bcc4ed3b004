"""The filter vocabulary (idm_data.filters) with malformed input, URL round
trips, restriction of the tables; and safe rendering of evidence."""

from urllib.parse import parse_qs

import pandas as pd
import pytest

import idm_data
from idm_data.resources import CORPUS_DIR
from idm_data.views import evidence
from idm_data.views import filters
from idm_data.views.filters import Filters

ALLOWED = ("idm-2017-1", "idm-2017-2", "idm-2018-1")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


@pytest.fixture(scope="module")
def vocab(tables):
    return filters.vocabulary(tables)


# --- clean_values ------------------------------------------------------------

@pytest.mark.parametrize("values, expected", [
    (None, ()),
    ("", ()),
    ([], ()),
    ("idm-2017-1", ("idm-2017-1",)),
    (["idm-2017-1"], ("idm-2017-1",)),
    (["bogus", "idm-2018-1", "IDM-2017-1"], ("idm-2018-1",)),            # unknown and wrong-case ids dropped
    (["idm-2018-1", "idm-2017-1", "idm-2018-1"], ("idm-2018-1", "idm-2017-1")),  # deduplicated, order kept
    ([" idm-2017-2 ", "idm-2017-2"], ("idm-2017-2",)),                  # whitespace trimmed
    ([1, None, 3.5, ["idm-2017-1"], {"idm-2017-1": 1}, b"idm-2017-1"], ()),  # non-strings dropped
    (("idm-2017-2", "idm-2017-1"), ("idm-2017-2", "idm-2017-1")),      # any iterable
    ({"idm-2017-1": "x"}, ("idm-2017-1",)),                            # a mapping's keys
    ("<script>alert(1)</script>", ()),
    (["idm-2017-1\x00"], ()),
    (["   "], ()),
])
def test_clean_values(values, expected):
    assert filters.clean_values(values, ALLOWED) == expected


@pytest.mark.parametrize("values", [5, 3.5, True])
def test_clean_values_of_a_bare_scalar_is_empty(values):
    assert filters.clean_values(values, ALLOWED) == ()


def test_clean_values_with_nothing_allowed():
    assert filters.clean_values(["idm-2017-1"], []) == ()


# --- vocabulary and URL values -----------------------------------------------

def from_query(raw: dict, vocab) -> Filters:
    """Filters from a mapping such as the URL's query parameters, as the sidebar reads them."""
    return Filters(sessions=filters.clean_values(raw.get("session"), vocab.sessions),
                   themes=filters.clean_values(raw.get("theme"), vocab.themes),
                   doc_types=filters.clean_values(raw.get("doc_type"), vocab.doc_types))


def test_vocabulary(vocab, tables):
    assert list(vocab.sessions) == list(ALLOWED)  # in date order
    assert vocab.sessions["idm-2017-2"] == "IDM 2017, second workshop (Geneva, 2017-07)"
    assert list(vocab.themes)[:2] == ["gcm-01", "gcm-02"] and len(vocab.themes) == len(tables["themes"])
    assert vocab.themes["gcm-01"] == "GCM 1: Data"
    assert vocab.themes["partnerships"] == "Partnerships"
    assert vocab.doc_types == {"closing_remarks": "Closing remarks", "summary_of_conclusions": "Summary of conclusions"}


@pytest.mark.parametrize("raw, expected", [
    ({}, Filters()),
    ({"session": ["idm-2017-1", "bogus"], "theme": "children", "doc_type": None},
     Filters(sessions=("idm-2017-1",), themes=("children",))),
    ({"session": "idm-2018-1", "doc_type": ["summary_of_conclusions", "speech"]},
     Filters(sessions=("idm-2018-1",), doc_types=("summary_of_conclusions",))),
    ({"theme": ["gcm-23", "gcm-23", "gcm-99"], "other": "x"}, Filters(themes=("gcm-23",))),
    ({"session": "", "theme": [], "doc_type": ""}, Filters()),
    ({"sessions": "idm-2017-1"}, Filters()),  # a misspelt key is not a filter
])
def test_url_values_become_filters(vocab, raw, expected):
    assert from_query(raw, vocab) == expected


def test_filters_is_empty():
    assert Filters().is_empty()
    assert not Filters(themes=("children",)).is_empty()


# --- query_string ------------------------------------------------------------

@pytest.mark.parametrize("chosen", [
    Filters(),
    Filters(sessions=("idm-2017-1", "idm-2018-1")),
    Filters(sessions=("idm-2017-2",), themes=("children", "gcm-23"), doc_types=("closing_remarks",)),
])
def test_query_string_round_trip(vocab, chosen):
    query = filters.query_string(chosen)
    assert from_query(parse_qs(query), vocab) == chosen


def test_query_string_repeats_keys_and_keeps_extras():
    query = filters.query_string(Filters(sessions=("idm-2017-1", "idm-2018-1")),
                                 extra={"cell": ["a b", "c&d"], "empty": "", "none": None, "n": 3})
    assert query == "session=idm-2017-1&session=idm-2018-1&cell=a+b&cell=c%26d&n=3"
    assert parse_qs(query)["cell"] == ["a b", "c&d"]


# --- apply -------------------------------------------------------------------

def test_apply_without_filters_changes_nothing(tables):
    out = filters.apply(tables, Filters())
    for name in tables:
        pd.testing.assert_frame_equal(out[name], tables[name], obj=name)


def test_apply_a_theme_keeps_only_its_sentences(tables):
    out = filters.apply(tables, Filters(themes=("children",)))
    children = tables["theme_mentions"].query("theme_id == 'children'")
    assert set(out["sentences"]["sentence_id"]) == set(children["sentence_id"])
    assert 0 < len(out["sentences"]) < len(tables["sentences"])
    assert set(out["theme_mentions"]["theme_id"]) == {"children"}
    for name in ("country_mentions", "organisation_mentions", "partnerships", "people"):
        assert set(out[name]["sentence_id"]) <= set(children["sentence_id"]), name
    for ids in out["takeaways"]["sentence_ids"]:
        assert set(ids.split(";")) & set(children["sentence_id"])
    assert len(out["documents"]) == 5  # a theme does not drop documents


def test_apply_a_session_restricts_documents(tables):
    out = filters.apply(tables, Filters(sessions=("idm-2017-2",)))
    assert out["documents"]["doc_id"].tolist() == ["idm-2017-2-geneva_closing-remarks"]
    assert out["sessions"]["session_id"].tolist() == ["idm-2017-2"]
    for name in ("sentences", "country_mentions", "theme_mentions", "takeaways", "actions", "people"):
        assert set(out[name]["session_id"]) <= {"idm-2017-2"}, name
    assert len(out["takeaways"]) == 7 and out["actions"].empty
    pd.testing.assert_frame_equal(out["themes"], tables["themes"])  # reference tables unchanged


def test_apply_a_doc_type(tables):
    out = filters.apply(tables, Filters(doc_types=("summary_of_conclusions",)))
    assert set(out["documents"]["doc_type"]) == {"summary_of_conclusions"}
    assert len(out["documents"]) == 2
    assert set(out["sessions"]["session_id"]) == {"idm-2017-1", "idm-2018-1"}
    assert len(out["actions"]) == 8


def test_apply_filters_combine(tables):
    out = filters.apply(tables, Filters(sessions=("idm-2018-1",), themes=("gcm-10",), doc_types=("closing_remarks",)))
    assert out["documents"]["doc_id"].tolist() == ["idm-2018-1-new-york_closing-remarks"]
    assert set(out["sentences"]["doc_id"]) <= {"idm-2018-1-new-york_closing-remarks"}
    assert set(out["theme_mentions"]["theme_id"]) <= {"gcm-10"}


def test_apply_a_combination_with_no_data_gives_empty_frames(tables):
    out = filters.apply(tables, Filters(sessions=("idm-2017-2",), doc_types=("summary_of_conclusions",)))
    assert out["documents"].empty and out["sentences"].empty and out["sessions"].empty
    assert list(out["sentences"].columns) == list(tables["sentences"].columns)


def test_apply_does_not_modify_its_input(tables):
    before = len(tables["sentences"])
    filters.apply(tables, Filters(themes=("children",), sessions=("idm-2017-1",)))
    assert len(tables["sentences"]) == before


# --- evidence ----------------------------------------------------------------



def test_sentences_for_gives_one_row_per_sentence_with_spans(tables):
    mentions = tables["country_mentions"].query("iso3 == 'ITA'")
    rows = evidence.sentences_for(tables, mentions)
    assert len(rows) == mentions["sentence_id"].nunique()
    for row in rows.itertuples():
        assert all(row.text[a:b] in ("Italy", "Italian") for a, b in row.spans)
    assert "spans" not in evidence.for_download(rows).columns
    assert {"doc_id", "session_id", "sentence_id"} <= set(evidence.for_download(rows).columns)


def test_sentences_for_no_mentions(tables):
    assert evidence.sentences_for(tables, tables["country_mentions"].iloc[:0]).empty


def test_latest_sessions_follow_the_session_dates_not_the_ids():
    sessions = pd.DataFrame({"session_id": ["b-early", "a-late", "c-mid"],
                             "start_date": ["2017-01-01", "2019-01-01", "2018-01-01"]})
    frame = pd.DataFrame({"session_id": ["a-late", "b-early", "c-mid", "a-late", "unknown"], "value": [1, 2, 3, 4, 5]})
    kept = filters.latest_sessions(frame, sessions, 2)
    assert list(kept["value"]) == [1, 3, 4]  # original row order, index reset
    assert list(kept.index) == [0, 1, 2]
    assert list(filters.latest_sessions(frame, sessions, 10)["value"]) == [1, 2, 3, 4, 5]
    assert filters.latest_sessions(frame, sessions, 0).empty
    assert list(filters.latest_sessions(frame, sessions, 4)["session_id"]) == ["a-late", "b-early", "c-mid", "a-late", "unknown"]
