"""Country mentions: the hard cases as data (tests/data/country_cases.tsv),
run through the extraction pipeline, plus the lookups behind them."""

from pathlib import Path

import pytest

from idm_data.extract import countries
from idm_data.extract.document import extract_document
from idm_data.ingest.files import SourceDocument

CASES = Path(__file__).parent / "country_cases.tsv"


def _cases() -> list:
    """One pytest param per row: (text, expected ISO3 set), id naming the row."""
    params = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split("\t")
        codes = frozenset() if expected.strip() == "-" else frozenset(expected.split())
        params.append(pytest.param(text, codes, id=f"row{number}:{text[:40]}"))
    return params


def countries_in(text: str) -> set[str]:
    """ISO3 codes the pipeline finds in `text`: organisations are found first
    and block the country words inside their names, as in the real tables."""
    rows = extract_document(SourceDocument("case.txt", text + "\n", "", {}))["country_mentions"]
    return {row["iso3"] for row in rows}


def test_case_file_is_not_empty():
    assert len(_cases()) >= 60


@pytest.mark.parametrize("text, expected", _cases())
def test_country_case(text, expected):
    found = countries_in(text)
    assert found == set(expected), f"{CASES.name}: {text!r} gave {sorted(found)}, expected {sorted(expected)}"


@pytest.mark.parametrize("text, surface", [
    ("Perugia", None),                 # no "Peru" inside a longer word
    ("Nigerian", "Nigerian"),          # never "Niger" inside "Nigerian"
    ("Omanis and Oman", "Oman"),
    ("the Dominican Republic", "Dominican Republic"),  # longest match wins over "Dominica"
])
def test_matches_are_whole_words(text, surface):
    found = countries.find_countries(text)
    if surface is None:
        assert found == []
    else:
        assert surface in [m.surface for m in found]
        assert all(text[m.start:m.end] == m.surface for m in found)


def test_blocked_spans_are_skipped():
    text = "United States Council for International Business and the United States"
    blocked = [(0, len("United States Council for International Business"))]
    found = countries.find_countries(text, blocked)
    assert [(m.surface, m.key, m.start) for m in found] == [("United States", "USA", text.rindex("United States"))]


@pytest.mark.parametrize("iso3, name", [
    ("MDA", "Moldova"), ("SYR", "Syria"), ("COD", "DR Congo"), ("IRN", "Iran"), ("ITA", "Italy"), ("VAT", "Holy See"),
])
def test_country_name_is_short(iso3, name):
    # ISO inverts some names ("Moldova, Republic of"); the tables show a short form
    assert countries.country_name(iso3) == name


@pytest.mark.parametrize("surface, method", [
    ("Canadian", "rule"), ("Swiss", "rule"), ("Cubans", "rule"), ("Canada", "gazetteer"), ("UK", "gazetteer"),
])
def test_method_tells_demonyms_from_names(surface, method):
    assert countries.method_for(surface) == method


def test_aliases_name_real_countries():
    import pycountry

    aliases = countries.load_csv("country_aliases.csv")
    unknown = {code for code in aliases["iso3"] if code != "XKX" and pycountry.countries.get(alpha_3=code) is None}
    assert unknown == set()
    assert aliases.groupby("surface")["iso3"].nunique().max() == 1, "a surface names two countries"
    assert set(aliases["kind"]) <= {"short_form", "un_name", "demonym"}
