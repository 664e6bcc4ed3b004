"""Organisation mentions: gazetteer matching, places and titles that are not
organisations, discovery of new names, and the gazetteer's integrity."""

import pytest

import idm_data
from idm_data.extract import organisations
from idm_data.extract.document import extract_document
from idm_data.ingest.files import SourceDocument
from idm_data.resources import CORPUS_DIR
from idm_data.text.matcher import split_aliases

ORG_TYPES = {"un_system", "intergovernmental", "consultative_process", "ngo_civil_society", "private_sector",
             "academia", "government", "initiative"}


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


def mentions(text: str) -> list[dict]:
    """Organisation mention rows the pipeline makes for a one-line document."""
    return extract_document(SourceDocument("case.txt", text + "\n", "", {}))["organisation_mentions"]


def discovered(text: str) -> dict[str, dict]:
    rows = extract_document(SourceDocument("case.txt", text + "\n", "", {}))["discovered_organisations"]
    return {row["name"]: row for row in rows}


def test_acronym_and_full_name_are_one_mention():
    found = mentions("The International Labour Organization (ILO) spoke first.")
    assert [(m["org_id"], m["surface"]) for m in found] == [("ilo", "International Labour Organization (ILO)")]


def test_acronym_alone_and_possessive_resolve_to_the_same_organisation():
    found = mentions("ILO's agenda and the work of the ILO and of the International Labour Organization.")
    assert [m["org_id"] for m in found] == ["ilo", "ilo", "ilo"]


@pytest.mark.parametrize("text", [
    "IOM held the workshop at the United Nations Headquarters in New York.",
    "The event took place at UN Headquarters.",
    "We met at UNHQ, New York.",
])
def test_un_headquarters_is_a_place_not_an_organisation(text):
    found = [m["org_id"] for m in mentions(text)]
    assert "un" not in found


def test_un_alone_is_an_organisation():
    assert [m["org_id"] for m in mentions("The UN and the United Nations system agreed.")] == ["un", "un"]


@pytest.mark.parametrize("text", [
    "The Special Representative of the Secretary General spoke.",
    "All UN agencies and Member States agreed.",
])
def test_titles_and_generic_phrases_are_not_organisations(text):
    assert [m["org_id"] for m in mentions(text)] == []


def test_capitals_in_title_lines_match():
    assert [m["org_id"] for m in mentions("INTERNATIONAL DIALOGUE ON MIGRATION")] == ["idm"]


def test_discovery_of_a_defined_acronym():
    text = "The Ruritanian Migrant Workers Association (RMWA) spoke. Later the RMWA replied."
    new = discovered(text)
    assert set(new) == {"Ruritanian Migrant Workers Association"}
    row = new["Ruritanian Migrant Workers Association"]
    assert (row["acronym"], row["org_type"]) == ("RMWA", "ngo_civil_society")
    found = mentions(text)
    assert [(m["surface"], m["method"]) for m in found] == [
        ("Ruritanian Migrant Workers Association (RMWA)", "discovered"), ("RMWA", "discovered")]
    assert {m["org_id"] for m in found} == {organisations.discovered_id("Ruritanian Migrant Workers Association")}


def test_discovery_of_a_foundation_name():
    new = discovered("Support came from the Dongmun Family Foundation last year.")
    assert list(new) == ["Dongmun Family Foundation"]
    assert new["Dongmun Family Foundation"]["org_type"] == "ngo_civil_society"
    assert new["Dongmun Family Foundation"]["org_id"] == "new-dongmun-family-foundation"


@pytest.mark.parametrize("name, org_type", [
    ("Ministry of Labour of Ruritania", "government"),
    ("Ruritania Institute of Migration", "academia"),
    ("Ruritanian Remittance Bank", "private_sector"),
    ("Global Alliance of Nowhere", "other"),
])
def test_guess_type(name, org_type):
    assert organisations.guess_type(name) == org_type


def test_known_organisations_are_not_rediscovered():
    text = "The International Labour Organization (ILO) met the Dongmun Family Foundation."
    assert set(discovered(text)) == {"Dongmun Family Foundation"}
    assert [m["method"] for m in mentions(text)] == ["gazetteer", "discovered"]


@pytest.mark.parametrize("text", [
    "The Director General (DG) spoke.",      # a title
    "Member States (MS) agreed.",             # generic
])
def test_discovery_ignores_titles_and_generic_names(text):
    assert discovered(text) == {}


def test_discovered_rows_reach_the_organisations_table(tmp_path):
    (tmp_path / "doc.txt").write_text("The Ruritanian Migrant Workers Association (RMWA) spoke.\n", encoding="utf-8")
    tables = idm_data.build_tables(tmp_path)
    org = tables["organisations"].set_index("org_id").loc["new-ruritanian-migrant-workers-association"]
    assert (org["source"], org["acronym"], org["n_mentions"]) == ("discovered", "RMWA", 1)
    assert tables["organisation_mentions"]["method"].tolist() == ["discovered"]


# --- the real tables ---------------------------------------------------------

def test_every_mention_method_is_known(tables):
    assert set(tables["organisation_mentions"]["method"]) <= {"gazetteer", "discovered"}
    assert (tables["organisation_mentions"]["method"] == "gazetteer").sum() > 200


def test_every_mention_names_an_organisation_of_the_table(tables):
    known = set(tables["organisations"]["org_id"])
    assert set(tables["organisation_mentions"]["org_id"]) <= known
    assert (tables["organisation_mentions"]["name"] != "").all()


def test_mention_counts_add_up(tables):
    counts = tables["organisation_mentions"]["org_id"].value_counts()
    orgs = tables["organisations"].set_index("org_id")
    assert orgs["n_mentions"].sum() == len(tables["organisation_mentions"])
    assert orgs.loc["iom", "n_mentions"] == counts["iom"] > 50


def test_ilo_full_name_with_acronym_is_one_mention_in_the_corpus(tables):
    m = tables["organisation_mentions"]
    assert "International Labour Organization (ILO)" in set(m.loc[m["org_id"] == "ilo", "surface"])
    assert not (m["surface"] == "(ILO)").any()


# --- gazetteer integrity -----------------------------------------------------

def _surfaces(row: dict) -> set[str]:
    return {row["name"], row["acronym"], *split_aliases(row["aliases"])} - {""}


def test_gazetteer_ids_are_unique_and_slugs():
    gazetteer = organisations.gazetteer()
    assert gazetteer["org_id"].is_unique
    assert gazetteer["org_id"].str.fullmatch(r"[a-z0-9_-]+").all()
    assert (gazetteer["name"] != "").all()


def test_gazetteer_no_alias_in_two_rows():
    owners: dict[str, set] = {}
    for row in organisations.gazetteer().to_dict("records"):
        for surface in _surfaces(row):
            owners.setdefault(surface, set()).add(row["org_id"])
    assert {s: ids for s, ids in owners.items() if len(ids) > 1} == {}


def test_gazetteer_types_and_parents_are_valid():
    gazetteer = organisations.gazetteer()
    assert set(gazetteer["org_type"]) <= ORG_TYPES
    parents = set(gazetteer["parent"]) - {""}
    assert parents <= set(gazetteer["org_id"])


def test_discovery_type_rules_use_valid_types():
    assert set(organisations.discovery_rules()["types"].values()) <= ORG_TYPES
