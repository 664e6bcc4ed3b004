"""Country mentions: names, UN-style names, short forms and demonyms -> ISO-3.

Names and codes come from pycountry (ISO 3166-1) and the curated
`country_aliases.csv` (short forms, UN-style names, demonyms). Regions and continents are not in these lists, cities
never are, and a country word inside an organisation's proper name (other
than a government body) or a listed exclusion ("New Mexico", "Latin
American") is not a mention.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from idm_data.resources import load_csv
from idm_data.text.matcher import Match, PhraseMatcher, inside


@lru_cache(maxsize=1)
def country_surfaces() -> dict[str, str]:
    """Surface -> ISO3 for every name the extractor accepts."""
    surfaces: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name:
                surfaces[name] = country.alpha_3
    for row in load_csv("country_aliases.csv").to_dict("records"):
        surfaces[row["surface"]] = row["iso3"]
    return surfaces


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    aliases = load_csv("country_aliases.csv")
    return frozenset(aliases.loc[aliases["kind"] == "demonym", "surface"])


@lru_cache(maxsize=1)
def country_matcher() -> PhraseMatcher:
    return PhraseMatcher(country_surfaces())


@lru_cache(maxsize=1)
def exclusion_matcher() -> PhraseMatcher:
    table = load_csv("country_exclusions.csv")
    return PhraseMatcher(dict(zip(table["phrase"], table["reason"])))


@lru_cache(maxsize=None)
def country_name(iso3: str) -> str:
    """Short English name: pycountry's, or a short form where ISO inverts it
    ("Moldova, Republic of" -> "Moldova")."""
    record = pycountry.countries.get(alpha_3=iso3)
    name = getattr(record, "common_name", None) or getattr(record, "name", None) or iso3
    if "," in name or "(" in name:
        aliases = load_csv("country_aliases.csv")
        short = aliases.loc[(aliases["iso3"] == iso3) & (aliases["kind"] == "short_form"), "surface"]
        plain = [s for s in short if "." not in s and not s.isupper()]
        name = plain[0] if plain else name
    return name


def find_countries(text: str, blocked: list[tuple[int, int]] = ()) -> list[Match]:
    """Country mentions in `text`, skipping those inside `blocked` spans."""
    excluded = [(m.start, m.end) for m in exclusion_matcher().find(text)]
    return [m for m in country_matcher().find(text) if not inside(m, excluded) and not inside(m, blocked)]


def method_for(surface: str) -> str:
    return "rule" if surface in demonyms() else "gazetteer"
