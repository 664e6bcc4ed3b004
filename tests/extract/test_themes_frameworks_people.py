"""Themes (codebook phrases on word stems), normative frameworks, and named
people with their titles and affiliations."""

from pathlib import Path

import pandas as pd
import pytest

import idm_data
from idm_data.extract import frameworks
from idm_data.extract import people
from idm_data.extract import themes
from idm_data.extract.document import extract_document
from idm_data.ingest.files import SourceDocument
from idm_data.resources import CORPUS_DIR
from idm_data.text.matcher import split_aliases

GCM_OBJECTIVES = Path(__file__).parent / "gcm-objectives.csv"  # copy of the shared reference


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


def theme_ids(text: str) -> set[str]:
    return {m.theme_id for m in themes.find_themes(text)}


def rows(text: str, table: str) -> list[dict]:
    return extract_document(SourceDocument("case.txt", text + "\n", "", {}))[table]


# --- themes ------------------------------------------------------------------

@pytest.mark.parametrize("text, theme_id", [
    ("partnerships", "partnerships"),
    ("partnering with cities", "partnerships"),
    ("they partnered", "partnerships"),
    ("collaborating closely", "partnerships"),
    ("children", "children"),
    ("a child on the move", "children"),
    ("whole-of-government", "whole-of-government"),
    ("whole of government", "whole-of-government"),
    ("consulates abroad", "gcm-14"),
    ("migrants were detained", "gcm-13"),
    ("remittances", "gcm-20"),
])
def test_word_forms_match(text, theme_id):
    assert theme_id in theme_ids(text)


@pytest.mark.parametrize("text, theme_id", [
    ("suburban commuters", "local-governance"),     # "urban" is a phrase
    ("the suspension of talks", "gcm-22"),          # "pension" is a phrase
    ("warehousing goods", "gcm-15"),                # "housing" is a phrase
    ("childhood memories", "children"),             # "child" is a phrase; another word, another stem
])
def test_no_match_inside_another_word(text, theme_id):
    assert theme_id not in theme_ids(text)


def test_match_spans_are_the_words_in_the_text():
    text = "Partnerships with civil society and the private sector."
    found = themes.find_themes(text)
    assert [(m.theme_id, m.matched) for m in found] == [
        ("partnerships", "Partnerships"), ("whole-of-society", "civil society"), ("whole-of-society", "private sector")]
    assert all(text[m.start:m.end] == m.matched for m in found)


def test_codebook_has_the_23_objectives_in_official_order_and_wording():
    reference = pd.read_csv(GCM_OBJECTIVES, dtype=str, keep_default_na=False)
    table = themes.theme_table()
    gcm = table[table["family"] == "gcm_objective"]
    assert gcm["theme_id"].tolist() == [f"gcm-{n:02d}" for n in range(1, 24)]
    assert gcm["theme_id"].tolist() == reference["theme_id"].tolist()
    assert gcm["objective"].tolist() == reference["objective"].tolist()
    assert gcm["theme"].tolist() == reference["short_label"].tolist()
    assert gcm["theme_order"].tolist() == list(range(1, 24))  # objectives come first


def test_codebook_themes_are_unique_and_described():
    table = themes.theme_table()
    assert table["theme_id"].is_unique
    assert set(table["family"]) == {"gcm_objective", "cross_cutting"}
    assert (table["description"] != "").all() and (table["phrases"] != "").all()
    assert (table.loc[table["family"] == "cross_cutting", "objective"] == "").all()


def test_no_phrase_sits_inside_another_of_its_theme():
    # the codebook's own rule: one stretch of text is not counted twice for one theme
    for theme in themes.codebook()["themes"]:
        stems = [tuple(themes.stem(w) for w in themes._TOKEN.findall(p)) for p in theme["phrases"]]
        for i, a in enumerate(stems):
            for j, b in enumerate(stems):
                inside = any(b[k:k + len(a)] == a for k in range(len(b) - len(a) + 1))
                assert i == j or not inside, (theme["theme_id"], a, b)


def test_theme_mentions_in_the_tables(tables):
    mentions = tables["theme_mentions"]
    sentences = tables["sentences"].set_index("sentence_id")["text"]
    assert set(mentions["theme_id"]) <= set(tables["themes"]["theme_id"])
    for row in mentions[mentions["method"] == "phrase"].head(200).itertuples():
        assert sentences[row.sentence_id][row.sentence_start:row.sentence_end] == row.matched
    assert not mentions.duplicated(["sentence_id", "sentence_start", "theme_id"]).any()


# --- frameworks --------------------------------------------------------------

@pytest.mark.parametrize("text, framework_id", [
    ("States should ratify ILO Convention 181.", "c181"),
    ("Convention 181 bans recruitment fees.", "c181"),
    ("the 2030 Agenda for Sustainable Development", "agenda2030"),
    ("the 2030 Agenda", "agenda2030"),
    ("the SDGs", "agenda2030"),
    ("the Sustainable Development Goals", "agenda2030"),
    ("the New York Declaration for Refugees and Migrants", "nyd"),
    ("the Sendai Framework", "sendai"),
    ("the Global Compact for Safe, Orderly and Regular Migration", "gcm"),
    ("the GCM", "gcm"),
    ("the GMC", "gcm"),   # a typo in the originals
])
def test_framework_aliases(text, framework_id):
    assert [m.key for m in frameworks.find_frameworks(text)] == [framework_id]


def test_longest_framework_name_wins():
    found = frameworks.find_frameworks("ILO Convention 181")
    assert [(m.surface, m.key) for m in found] == [("ILO Convention 181", "c181")]


def test_framework_table_integrity():
    table = frameworks.framework_table()
    assert table["framework_id"].is_unique
    assert (table["name"] != "").all()
    owners: dict[str, set] = {}
    for row in table.to_dict("records"):
        for surface in {row["name"], row["short_name"], *split_aliases(row["aliases"])} - {""}:
            owners.setdefault(surface, set()).add(row["framework_id"])
    assert {s: ids for s, ids in owners.items() if len(ids) > 1} == {}


# --- people ------------------------------------------------------------------

def test_name_title_affiliation_from_an_appositive():
    text = ("Guy Ryder, Director General, International Labour Organization (ILO), in addressing the IDM "
            "audience at the opening, reminded participants that dialogue is timely.")
    found = rows(text, "people_mentions")
    assert [(p["name"], p["title"], p["affiliation"]) for p in found] == [
        ("Guy Ryder", "Director General", "International Labour Organization")]
    assert found[0]["surface"] == "Guy Ryder"


def test_name_after_a_title():
    found = people.find_people("We heard Ambassador Jürg Lauber of Switzerland.")
    assert [(p.name, p.title) for p in found] == [("Jürg Lauber", "Ambassador")]


def test_honorifics_are_not_titles():
    found = rows("We heard H.E. Peter Thomson speak.", "people_mentions")
    assert [(p["name"], p["title"]) for p in found] == [("Peter Thomson", "")]


def test_surnames_resolve_to_full_names():
    resolved = people.resolve_names({"Swing", "William Lacy Swing", "Gomez Camacho", "Juan José Gómez Camacho", "Arbour"})
    assert resolved["Swing"] == "William Lacy Swing"
    assert resolved["Gomez Camacho"] == "Juan José Gómez Camacho"  # accents folded
    assert resolved["Arbour"] == "Arbour"                          # no fuller name known


def test_swing_is_william_lacy_swing_in_the_tables(tables):
    swing = tables["people"][tables["people"]["surface"] == "Swing"]
    assert len(swing) >= 1
    assert set(swing["name"]) == {"William Lacy Swing"}
    assert set(swing["person_id"]) == {"person-william-lacy-swing"}
    assert set(swing["affiliation"]) == {"International Organization for Migration"}


def test_person_ids_fold_accents():
    assert people.person_id("Juan José Gómez Camacho") == "person-juan-jose-gomez-camacho"


def test_people_surfaces_are_in_their_sentences(tables):
    sentences = tables["sentences"].set_index("sentence_id")["text"]
    for row in tables["people"].itertuples():
        assert sentences[row.sentence_id][row.sentence_start:row.sentence_end] == row.surface


def test_a_name_in_a_list_takes_its_body_as_affiliation():
    found = people.find_people("Members spoke [including Monsignor Robert Vitillo from ICMC, Maria Pia Belloni "
                               "Mignatti of the NGO Committee on Migration and Ana Lopez of IMUMI].")
    assert [(p.name, p.affiliation_text) for p in found] == [
        ("Robert Vitillo", "Monsignor"), ("Maria Pia Belloni Mignatti", "the NGO Committee on Migration"),
        ("Ana Lopez", "IMUMI")]


@pytest.mark.parametrize("text", [
    "Speakers from cities, Local Authorities of Mexico and others attended.",
    "The Government, Civil Society from Mexico attended, with Ambassador Jürg Lauber.",
    "Regional Consultative Processes, Chair, spoke.",
    "Partners in Thailand and Viet Nam of the region met Ambassador Jürg Lauber.",
])
def test_capitalised_words_in_a_list_are_not_people(text):
    assert [p.name for p in people.find_people(text)] in ([], ["Jürg Lauber"])


def test_a_title_in_a_list_is_not_a_name():
    found = people.find_people("Luis Miguel Hincapié, Vice Minister of Foreign Affairs, Ministry of Foreign Affairs "
                               "of Costa Rica, spoke.")
    assert [p.name for p in found] == ["Luis Miguel Hincapié"]


def test_a_sentence_opening_word_is_not_part_of_the_name():
    found = people.find_people("For Louai Turjiman, Chair, Migration Working Group, the lesson is clear.")
    assert [(p.name, p.title) for p in found] == [("Louai Turjiman", "Chair")]


def test_a_name_without_title_or_body_is_not_repeated():
    text = "Speaking for the group, Jane Doe of Acme Corp, Chair, spoke. Jane Doe also spoke later."
    assert all(p["method"] == "rule" for p in rows(text, "people_mentions"))


def test_a_full_name_is_found_again_elsewhere_in_the_document():
    text = ("Louise Arbour, the Special Representative of the Secretary-General, offered closing remarks. "
            "Louise Arbour described the positive sentiment.")
    found = rows(text, "people_mentions")
    assert [(p["surface"], p["method"]) for p in found] == [("Louise Arbour", "rule"), ("Louise Arbour", "known name")]
    second = found[1]
    assert text[second["char_start"]:second["char_end"]] == "Louise Arbour" and second["char_start"] > 50


@pytest.mark.parametrize("text, name, title", [
    ("Other blocks include the report of former Special Representative of the Secretary General for International "
     "Migration, Peter Sutherland. More follows.", "Peter Sutherland",
     "Special Representative of the Secretary General for International Migration"),
    ("The Special Representative of the Secretary General for International Migration (SRSG), Louise Arbour, "
     "pointed out the gaps.", "Louise Arbour",
     "Special Representative of the Secretary General for International Migration (SRSG)"),
])
def test_a_name_after_the_role_it_completes(text, name, title):
    assert [(p.name, p.title) for p in people.find_people(text)] == [(name, title)]


@pytest.mark.parametrize("text", [
    "The Director General, International Labour Organization, spoke.",
    "Speakers from the Ministry, New Zealand, attended.",
    "In the end, Member States agreed.",
])
def test_a_role_then_an_organisation_or_place_is_no_person(text):
    assert people.find_people(text) == []
