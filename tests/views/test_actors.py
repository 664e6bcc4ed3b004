"""idm_data.actors: summaries of countries, organisations, people and frameworks."""

import pandas as pd
import pytest

import idm_data
from idm_data.views import actors
from idm_data.views.filters import Filters, apply


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def _mentions(rows, **columns):
    """Mention rows from (doc_id, session_id, sentence_id, char_start, key...) tuples."""
    frame = pd.DataFrame(rows, columns=["doc_id", "session_id", "sentence_id", "char_start", *columns])
    return frame.assign(sentence_start=0, sentence_end=1)


# --- tiny frames -----------------------------------------------------------

def test_country_counts_mentions_sentences_documents_and_first_sentence():
    mentions = _mentions([
        ("d2", "s2", "d2.p1.s1", 5, "ECU", "Ecuador"),
        ("d1", "s1", "d1.p3.s1", 90, "ECU", "Ecuador"),
        ("d1", "s1", "d1.p2.s1", 40, "ECU", "Ecuador"),
        ("d1", "s1", "d1.p2.s1", 50, "ECU", "Ecuador"),
        ("d1", "s1", "d1.p2.s1", 60, "MEX", "Mexico"),
    ], iso3=None, country=None)
    got = actors.country_summary({"country_mentions": mentions})
    assert got["iso3"].tolist() == ["ECU", "MEX"]
    ecuador = got.iloc[0]
    assert (ecuador.n_mentions, ecuador.n_sentences, ecuador.n_documents, ecuador.n_sessions) == (4, 3, 2, 2)
    assert ecuador.sessions == "s1;s2" and ecuador.documents == "d1;d2"
    assert ecuador.first_sentence_id == "d1.p2.s1"  # reading order, not row order


def test_ties_are_broken_by_name():
    mentions = _mentions([("d", "s", "d.1", i, iso, name) for i, (iso, name) in
                          enumerate([("ZAF", "South Africa"), ("ARG", "Argentina"), ("CHL", "Chile")])],
                         iso3=None, country=None)
    assert actors.country_summary({"country_mentions": mentions})["country"].tolist() == [
        "Argentina", "Chile", "South Africa"]


def _org_tables():
    mentions = _mentions([
        ("d1", "s1", "d1.1", 1, "iom", "un_system"),
        ("d1", "s1", "d1.2", 2, "iom", "un_system"),
        ("d1", "s1", "d1.2", 9, "unhcr", "un_system"),
        ("d2", "s2", "d2.1", 1, "new-foundation", "other"),
        ("d2", "s2", "d2.1", 5, "ECU-ministry", "government"),
    ], org_id=None, org_type=None)
    organisations = pd.DataFrame({
        "org_id": ["iom", "unhcr", "new-foundation", "ECU-ministry", "unused"],
        "name": ["International Organization for Migration", "UNHCR", "New Foundation", "Ministry", "Unused"],
        "acronym": ["IOM", "UNHCR", "", "", ""],
        "org_type": ["un_system", "un_system", "other", "government", "academia"],
        "source": ["gazetteer", "gazetteer", "discovered", "gazetteer", "gazetteer"]})
    countries = _mentions([("d1", "s1", "d1.3", 1, "ECU", "Ecuador")] * 3, iso3=None, country=None)
    return {"organisation_mentions": mentions, "organisations": organisations, "country_mentions": countries}


def test_organisation_summary_flags_discovered_names_for_review():
    got = actors.organisation_summary(_org_tables()).set_index("org_id")
    assert list(got.index) == ["iom", "ECU-ministry", "new-foundation", "unhcr"]  # unmentioned ones left out
    assert got["needs_review"].to_dict() == {"iom": False, "ECU-ministry": False, "new-foundation": True,
                                             "unhcr": False}
    assert got.loc["new-foundation", "org_type_label"] == "Other"
    assert got.loc["iom", "n_mentions"] == 2 and got.loc["iom", "n_sentences"] == 2


def test_organisations_by_type_and_session_count_distinct_organisations():
    got = actors.organisations_by_type_session(_org_tables())
    un = got[(got["org_type"] == "un_system") & (got["session_id"] == "s1")].iloc[0]
    assert (un.n_organisations, un.n_mentions, un.org_ids, un.org_type_label) == (2, 3, "iom;unhcr", "UN system")
    assert len(got) == 3


@pytest.mark.parametrize("n, expected", [
    (1, ["ECU"]),
    (2, ["ECU", "iom"]),
    (10, ["ECU", "iom", "ECU-ministry", "new-foundation", "unhcr"]),
    (0, []),
])
def test_top_actors_mix_countries_and_organisations(n, expected):
    got = actors.top_actors(_org_tables(), n)
    assert got["actor_id"].tolist() == expected


def test_top_actors_label_with_acronym_and_type():
    got = actors.top_actors(_org_tables(), 3).set_index("actor_id")
    assert got.loc["iom", "actor_label"] == "IOM" and got.loc["ECU", "actor_type"] == "Country"
    assert got.loc["ECU-ministry", "actor_label"] == "Ministry"


def test_people_one_row_each_with_longest_title_and_all_affiliations():
    people = _mentions([
        ("d1", "s1", "d1.1", 1, "p-a", "Ann Lee", "SRSG", "United Nations"),
        ("d1", "s1", "d1.2", 2, "p-a", "Ann Lee", "Special Representative", "United Nations; IOM"),
        ("d2", "s2", "d2.1", 1, "p-a", "Ann Lee", "", ""),
        ("d2", "s2", "d2.2", 1, "p-b", "Bo Chen", "", "Belgium"),
    ], person_id=None, name=None, title=None, affiliation=None)
    got = actors.people_summary({"people": people}).set_index("person_id")
    assert list(got.index) == ["p-a", "p-b"]
    assert got.loc["p-a", "title"] == "Special Representative"
    assert got.loc["p-a", "affiliation"] == "United Nations; IOM"
    assert (got.loc["p-a", "n_mentions"], got.loc["p-a", "sessions"], got.loc["p-a", "first_sentence_id"]) == (
        3, "s1;s2", "d1.1")
    assert got.loc["p-b", "title"] == ""


def test_framework_label_falls_back_to_the_name():
    mentions = _mentions([("d1", "s1", "d1.1", 1, "gcm"), ("d1", "s1", "d1.2", 1, "gcm"),
                          ("d2", "s2", "d2.1", 1, "mmwfa")], framework_id=None)
    frameworks = pd.DataFrame({"framework_id": ["gcm", "mmwfa"], "name": ["Global Compact", "Making migration work"],
                               "short_name": ["GCM", ""]})
    got = actors.frameworks_by_session({"framework_mentions": mentions, "frameworks": frameworks})
    assert got[["framework_label", "session_id", "n_mentions"]].values.tolist() == [
        ["GCM", "s1", 2], ["Making migration work", "s2", 1]]


def test_mentions_of_nothing_chosen_is_empty():
    mentions = _mentions([("d", "s", "d.1", 1, "MEX")], iso3=None)
    assert actors.mentions_of(mentions, "iso3", "").empty
    assert len(actors.mentions_of(mentions, "iso3", "MEX")) == 1


# --- the real corpus -------------------------------------------------------

def test_countries_of_the_2018_summary(tables):
    only = apply(tables, Filters(sessions=("idm-2018-1",), doc_types=("summary_of_conclusions",)))
    got = actors.country_summary(only)
    assert {"SYR", "ARG", "DEU", "MDA", "HTI", "PAN", "KOR", "RUS"} <= set(got["iso3"])
    assert not {"COL", "ITA", "CHE", "VAT"} & set(got["iso3"])  # named in 2017 only
    assert got.iloc[0][["iso3", "country", "n_mentions", "n_documents"]].tolist() == ["SYR", "Syria", 8, 1]
    assert set(got["sessions"]) == {"idm-2018-1"}


def test_distinct_frameworks_per_session(tables):
    got = actors.frameworks_per_session(tables).set_index("session_id")
    assert got["n_frameworks"].to_dict() == {"idm-2017-1": 14, "idm-2017-2": 5, "idm-2018-1": 4}
    by_session = actors.frameworks_by_session(tables)
    assert by_session.groupby("session_id")["framework_id"].nunique().to_dict() == got["n_frameworks"].to_dict()
    assert got["n_mentions"].sum() == len(tables["framework_mentions"])


def test_organisations_and_people_of_the_corpus(tables):
    orgs = actors.organisation_summary(tables).set_index("org_id")
    assert orgs.index[0] == "iom" and orgs.loc["iom", "n_documents"] == 5
    assert orgs["n_mentions"].sum() == len(tables["organisation_mentions"])
    by_type = actors.organisations_by_type_session(tables).set_index(["session_id", "org_type"])
    assert by_type.loc[("idm-2018-1", "un_system"), "n_organisations"] == 13
    people = actors.people_summary(tables).set_index("person_id")
    assert people["n_mentions"].sum() == len(tables["people"]) and people.index.is_unique
    assert people.loc["person-william-lacy-swing", "title"] == "IOM Director General"
    assert people.loc["person-louise-arbour", "n_sessions"] == 3


def test_summaries_of_empty_tables_keep_their_columns(tables):
    empty = {name: frame.iloc[0:0] for name, frame in tables.items()}
    assert actors.country_summary(empty).columns.tolist()[:3] == ["iso3", "country", "n_mentions"]
    assert actors.organisation_summary(empty).empty and "needs_review" in actors.organisation_summary(empty)
    assert actors.people_summary(empty).empty and actors.top_actors(empty, 5).empty
    assert actors.frameworks_by_session(empty).empty and actors.frameworks_per_session(empty).empty
