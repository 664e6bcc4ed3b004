"""Organisation mentions: the curated gazetteer, plus discovery of new names.

The gazetteer (`organisations.csv`) gives each organisation an id, a
canonical name, an acronym, aliases and a type; an acronym and its full name
are one organisation, and "Full Name (ACR)" is one mention. Organisations the
gazetteer lacks are discovered from "Full Name (ACRONYM)" definitions and
from capitalised names ending in an organisational head noun ("... Foundation",
"Ministry of ..."); they are marked `discovered` for a curator to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from idm_data.extract.countries import country_surfaces
from idm_data.extract.frameworks import find_frameworks
from idm_data.resources import errata, load_csv, load_yaml
from idm_data.text.matcher import Match, PhraseMatcher, inside, split_aliases
from idm_data.text.spans import overlaps

_CAP = r"[A-Z][\w'’&.-]*"
_LINK = r"(?:of|for|the|and|on|in|de|la|du|des|to|against)"
_NAME = rf"{_CAP}(?:\s+(?:{_CAP}|{_LINK}))*?"


@dataclass(frozen=True)
class OrgMention(Match):
    """A gazetteer match (`key` is the org_id) and how it was found: gazetteer or discovered."""
    method: str = "gazetteer"

    @property
    def org_id(self) -> str:
        return self.key


@lru_cache(maxsize=1)
def gazetteer() -> pd.DataFrame:
    return load_csv("organisations.csv")


@lru_cache(maxsize=1)
def discovery_rules() -> dict:
    return load_yaml("discovery.yaml")


@lru_cache(maxsize=1)
def org_matcher() -> PhraseMatcher:
    surfaces: dict[str, str] = {}
    for row in gazetteer().to_dict("records"):
        names = [row["name"], *split_aliases(row["aliases"])]
        # title lines are often set in capitals ("INTERNATIONAL DIALOGUE ON MIGRATION")
        capitals = [n.upper() for n in names if len(n.split()) >= 3]
        for surface in [*names, row["acronym"], *capitals]:
            if surface:
                surfaces.setdefault(surface, row["org_id"])
    for typo in errata("organisations"):
        surfaces.setdefault(typo["surface"], typo["org_id"])
    return PhraseMatcher(surfaces)


@lru_cache(maxsize=1)
def place_matcher() -> PhraseMatcher:
    table = load_csv("org_exclusions.csv")
    return PhraseMatcher(dict(zip(table["phrase"], table["reason"])))


@lru_cache(maxsize=1)
def _head_regex() -> re.Pattern:
    heads = "|".join(sorted(discovery_rules()["head_nouns"], key=len, reverse=True))
    suffix = rf"(?:{_CAP}\s+)+?(?:{heads})\b(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+(?:{_CAP}|and|of|the))*)?"
    prefix = rf"(?:{heads})\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+(?:{_CAP}|and|of|the|,\s(?={_CAP}\s(?:and\s)?{_CAP})))*"
    return re.compile(rf"(?<![\w-])(?:{suffix}|{prefix})")


_DEFINITION = re.compile(rf"(?<![\w-])({_NAME})\s+\(([A-Z][A-Za-z&-]{{1,9}})\)")


def _initials_match(name: str, acronym: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper())
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    return len(letters) >= 2 and (letters in initials or initials.startswith(letters[:2]))


def _trim_name(name: str) -> str:
    """Drop leading articles, trailing link words and a trailing "'s"."""
    words = name.split()
    while words and words[0] in ("The", "the", "A", "An"):
        words = words[1:]
    while words and re.fullmatch(_LINK, words[-1]):
        words = words[:-1]
    return re.sub(r"['’]s$", "", " ".join(words)).rstrip(",. ")


def discover_definitions(text: str) -> dict[str, str]:
    """New "Full Name (ACR)" pairs in `text`: full name -> acronym."""
    found = {}
    for match in _DEFINITION.finditer(text):
        name, acronym = _trim_name(match.group(1)), match.group(2)
        # keep the shortest tail of the name whose initials spell the acronym
        words = name.split()
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if _initials_match(tail, acronym) and tail[0].isupper():
                found[tail] = acronym
                break
    return found


def _plausible(name: str) -> bool:
    """Not a job title, a country or a framework that looks like a name."""
    stop = set(discovery_rules()["not_organisations"])
    words = name.split()
    if len(words) < 2 or name in stop or words[0] in stop or any(w in stop for w in words):
        return False
    return name not in country_surfaces() and not any(m.surface == name for m in find_frameworks(name))


def _is_subunit(text: str, end: int) -> bool:
    """A unit written with its parent ("Research Center in Migrant Care")."""
    following = text[end:end + 60]
    match = re.match(r"\s*(?:,|in|at|of)\s+(?:the\s+)?", following)
    return bool(match) and any(m.start == end + match.end() for m in org_matcher().find(text))


def discover_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised names ending in (or headed by) an organisational noun."""
    out = []
    for match in _head_regex().finditer(text):
        name = _trim_name(match.group(0))
        start = text.find(name, match.start())
        if _plausible(name) and not _is_subunit(text, start + len(name)):
            out.append((start, start + len(name), name))
    return out


def discovered_id(name: str) -> str:
    return "new-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def guess_type(name: str) -> str:
    for head, org_type in discovery_rules()["types"].items():
        if re.search(rf"\b{head}\b", name):
            return org_type
    return "other"


def _merge_definitions(text: str, mentions: list[OrgMention]) -> list[OrgMention]:
    """ "Full Name (ACR)" of one organisation is one mention."""
    merged: list[OrgMention] = []
    for mention in mentions:
        prev = merged[-1] if merged else None
        if prev and prev.org_id == mention.org_id and text[prev.end:mention.start] == " (" and text[mention.end:mention.end + 1] == ")":
            merged[-1] = OrgMention(prev.start, mention.end + 1, text[prev.start:mention.end + 1], prev.org_id, prev.method)
        else:
            merged.append(mention)
    return merged


def find_organisations(text: str, discovered: dict[str, str] | None = None) -> list[OrgMention]:
    """Organisation mentions in `text`.

    `discovered` maps surfaces (names and acronyms of discovered organisations,
    collected over the whole document) to their ids. A name inside a place
    ("United Nations Headquarters"), a job title or a framework's title
    ("Nansen Initiative Agenda for ...") is not a mention.
    """
    places = [(m.start, m.end) for m in place_matcher().find(text)]
    titles = [(m.start, m.end) for m in find_frameworks(text)]
    # an acronym owning a framework ("WHO global action plan") is still a mention
    found = [OrgMention(m.start, m.end, m.surface, m.key, "gazetteer") for m in org_matcher().find(text)
             if not inside(m, places) and (m.surface.isupper() or not inside(m, titles))]
    taken = [(m.start, m.end) for m in found] + places
    if discovered:
        for m in _discovered_matcher(tuple(discovered.items())).find(text):
            if not overlaps(m.start, m.end, taken):
                found.append(OrgMention(m.start, m.end, m.surface, m.key, "discovered"))
                taken.append((m.start, m.end))
    found.sort(key=lambda m: m.start)
    return _merge_definitions(text, found)


@lru_cache(maxsize=8)
def _discovered_matcher(surfaces: tuple[tuple[str, str], ...]) -> PhraseMatcher:
    # one document's surfaces serve all its sentences: compile them once, not per sentence
    return PhraseMatcher(dict(surfaces))


def discover_in_document(texts: list[str]) -> pd.DataFrame:
    """Organisations of a document that the gazetteer lacks."""
    known = org_matcher()
    rows: dict[str, dict] = {}
    for text in texts:
        known_spans = [(m.start, m.end) for m in known.find(text)]
        for name, acronym in discover_definitions(text).items():
            start = text.find(name)
            if _plausible(name) and not overlaps(start, start + len(name), known_spans) and acronym not in known.keys:
                rows.setdefault(name, {"name": name, "acronym": acronym})
        for start, end, name in discover_names(text):
            if not overlaps(start, end, known_spans):
                rows.setdefault(name, {"name": name, "acronym": ""})
    table = pd.DataFrame(list(rows.values()), columns=["name", "acronym"])
    table["org_id"] = table["name"].map(discovered_id)
    table["org_type"] = table["name"].map(guess_type)
    return table


def discovered_surfaces(table: pd.DataFrame) -> dict[str, str]:
    surfaces = dict(zip(table["name"], table["org_id"]))
    surfaces.update({a: i for a, i in zip(table["acronym"], table["org_id"]) if a})
    return surfaces
