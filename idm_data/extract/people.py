"""Named people: speakers and officials, with the title and affiliation the
text gives them.

Four rules, with their word lists in `people.yaml`: a name after a title
("Ambassador Jürg Lauber", "ILO Director General Ryder"), a name followed by
an appositive title ("Guy Ryder, Director General, International Labour
Organization"), a name after the role it completes ("the Special
Representative ... for International Migration, Peter Sutherland") and a
name in a list beside another named person, tied to its body ("..., Maria
Pia Belloni Mignatti of the NGO Committee on Migration"). Full names the rules
find are then found again wherever else the document writes them. A surname
alone is resolved to the full name used elsewhere
in the corpus ("Swing" -> "William Lacy Swing").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from idm_data.resources import errata, load_yaml
from idm_data.text.spans import overlaps, within

_TOKEN = r"[A-ZÀ-Þ][\w'’.-]*"


@dataclass
class PersonMention:
    start: int
    end: int
    name: str
    title: str
    affiliation_text: str


@lru_cache(maxsize=1)
def rules() -> dict:
    """people.yaml, with the honorifics and the errata's misspelt titles among the titles before a name."""
    found = load_yaml("people.yaml")
    typos = [typo["surface"] for typo in errata("people_titles")]
    return {**found, "titles_before": found["honorifics"] + found["titles_before"] + typos}


def honorifics() -> frozenset[str]:
    return frozenset(rules()["honorifics"])


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    r = rules()
    particles = _alternation(r["name_particles"])
    name = rf"{_TOKEN}(?:\s+(?:(?:{particles})\s+)?{_TOKEN}){{0,4}}"
    before = rf"(?<![\w.])((?:[A-Z]{{2,8}}(?:['’]s)?\s+)?(?:(?:{_alternation(r['titles_before'])}),?\s+(?:the\s+)?)+)({name})"
    after = rf"(?<![\w.])({name}),\s+((?:[A-Z][\w'’]*(?:'s)?\s+)?(?:{_alternation(r['title_words'])})\b[^;]*?)(?=,\s+[a-z]|\s+[a-z]+ed\b|\.\s|\.$|;|\)|$)"
    # a name in a list of speakers, tied to its body: "..., Maria Pia Belloni Mignatti of the NGO Committee"
    # (the body stops at a lowercase word other than a connective: "of Mexico attended" is not a body)
    body = r"(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:(?:of|the|on|for|in)\s+)*[A-Z][\w'’&-]*)*"
    listed = rf"(?:(?<=, )|(?<=\bincluding )|(?<=\band ))({name})\s+(?:of|from)\s+({body})"
    # a name after a role it completes: "the Special Representative ... for International Migration, Peter Sutherland."
    role_then = rf",\s+({name})(?=[,.](?:\s|$))"
    return re.compile(before), re.compile(after), re.compile(listed), re.compile(role_then)


@lru_cache(maxsize=1)
def _honorific() -> re.Pattern:
    """Titles before a name ("H.E. Ambassador ..."); compiled once, used per match."""
    return re.compile(rf"^(?:[A-Z]{{2,8}}\s+)?(?:(?:{_alternation(rules()['titles_before'])})\s+)+")


@lru_cache(maxsize=1)
def _title_words() -> set[str]:
    return {word for title in rules()["titles_before"] + rules()["title_words"] for word in title.split()}


def _clean_name(name: str, strip_leading: bool = False) -> str:
    """Drop words around a name that are not part of it (with `strip_leading`, a
    sentence-opening word too: "For Louai Turjiman")."""
    stop = set(rules()["not_names"]) | {"New", "York"}
    words = _honorific().sub("", name).split()
    while words and words[-1].lower() in rules()["name_particles"]:
        words.pop()
    if strip_leading and len(words) > 2 and words[0] in rules()["sentence_openers"]:
        words.pop(0)
    if any(w.strip(",.") in stop for w in words):
        return ""  # "International Labour Organization" is not a person
    return re.sub(r"['’]s$", "", " ".join(words)).rstrip(".,")


@lru_cache(maxsize=1)
def _role_at_end() -> re.Pattern:
    """A clause ending in a role ("the Special Representative ... for International Migration")."""
    return re.compile(rf"\b(?:{_alternation(rules()['title_words'])})\b[^,]*(?:,[^,]*)?$")


def _placed(text: str, raw: str, at: int, found: list[PersonMention], strip_leading: bool = False) -> tuple[str, int]:
    """A cleaned full name and where it starts, or ("", -1) if it is no new person:
    a single word, a title ("Vice Minister"), or a place another rule already took."""
    name = _clean_name(raw, strip_leading)
    start = text.find(name, at) if name else -1
    if start < 0 or len(name.split()) < 2 or _title_words() & set(name.split()) \
            or within(start, start + 1, [(p.start, p.end) for p in found]):
        return "", -1
    return name, start


def find_people(text: str) -> list[PersonMention]:
    before, after, listed, role_then = _regexes()
    found: list[PersonMention] = []
    for match in after.finditer(text):
        name = _clean_name(match.group(1), strip_leading=True)
        start = text.find(name, match.start()) if name else -1
        if len(name.split()) >= 2 and start >= 0:
            appositive = match.group(2)
            if re.search(r"(?:,\s*(?:Ms|Mr|Mrs|Dr|H\.E)\.?|respectively)$", appositive):
                appositive = ""  # the title belongs to a list of people, not to this name
            found.append(PersonMention(start, start + len(name), name, _first_segment(appositive), appositive))
    for match in before.finditer(text):
        name = _clean_name(match.group(2))
        if not name:
            continue
        start = text.find(name, match.start(2))
        if start < 0 or within(start, start + 1, [(p.start, p.end) for p in found]):
            continue
        tail = text[start + len(name):start + len(name) + 80]
        owner = re.match(r"\s+of\s+((?:the\s+)?[A-Z][^,.;]*)", tail)
        title = match.group(1).strip().rstrip(",")
        found.append(PersonMention(start, start + len(name), name, title, owner.group(1) if owner else title))
    for match in role_then.finditer(text):
        clause = text[:match.start()]
        clause = clause[max(clause.rfind(". "), clause.rfind("; ")) + 1:]
        role = _role_at_end().search(clause)
        name, start = _placed(text, match.group(1), match.start(1), found) if role else ("", -1)
        if name:
            title = re.sub(r"^the\s+", "", role.group(0).strip(" ,"))
            found.append(PersonMention(start, start + len(name), name, title, title))
    # a list of names only beside a person the other rules found: "cities, Local Authorities of Mexico" is no list of people
    for match in listed.finditer(text) if found else ():
        name, start = _placed(text, match.group(1), match.start(1), found, strip_leading=True)
        if name:
            found.append(PersonMention(start, start + len(name), name, "", match.group(2).strip()))
    return sorted(found, key=lambda p: p.start)


def known_names(names: set[str]) -> re.Pattern | None:
    """One pattern for the full names the rules found in a document (longest first)."""
    full = sorted((n for n in names if len(n.split()) >= 2), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, full))})(?!\w)") if full else None


def find_known(text: str, pattern: re.Pattern, taken: list[tuple[int, int]]) -> list[PersonMention]:
    """Further mentions of those names, outside spans already taken ("Louise Arbour
    described..." after "Louise Arbour, the Special Representative")."""
    return [PersonMention(m.start(), m.end(), m.group(), "", "") for m in pattern.finditer(text)
            if not overlaps(m.start(), m.end(), taken)]


def _first_segment(appositive: str) -> str:
    return appositive.split(",")[0].strip()


def fold(name: str) -> str:
    """Lower-case, accent-free form for comparing names."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def resolve_names(names: set[str]) -> dict[str, str]:
    """Map each name to the longest corpus name it is a surname form of."""
    full = sorted(names, key=lambda n: -len(n.split()))
    resolved = {}
    for name in names:
        folded = fold(name)
        resolved[name] = name
        for candidate in full:
            c = fold(candidate)
            if c != folded and len(candidate.split()) > len(name.split()) and c.endswith(" " + folded):
                resolved[name] = candidate
                break
    return resolved


def person_id(name: str) -> str:
    return "person-" + re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
