"""Theme mentions: the codebook's phrases matched on word stems.

The codebook (`codebook.yaml`) has two families: the 23 objectives of the
Global Compact (`gcm_objective`) and cross-cutting themes (`cross_cutting`).
Text and phrases are tokenised (hyphens split words), lower-cased and
stemmed with the Snowball English stemmer, so "partnerships" and
"partnering" match "partnership" and "partner".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import pandas as pd

from idm_data.resources import load_csv, load_yaml
from idm_data.text.spans import strictly_inside, within

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9]+")
_PHRASE_GAP = re.compile(r"[\s\-‐–/'’]*")


@dataclass(frozen=True)
class ThemeMatch:
    start: int
    end: int
    theme_id: str
    matched: str


@lru_cache(maxsize=1)
def codebook() -> dict:
    return load_yaml("codebook.yaml")


def codebook_version() -> str:
    return str(codebook().get("version", ""))


@lru_cache(maxsize=1)
def principles() -> dict[str, str]:
    """The Compact's guiding principles: id -> name (paragraph 15 of resolution 73/195)."""
    table = load_csv("reference/gcm-guiding-principles.csv")
    return dict(zip(table["principle_id"], table["name"]))


def _taxonomy(theme: dict) -> str:
    if theme["family"] == "gcm_objective":
        return "GCM objective"
    return "GCM guiding principle" if theme.get("principle_id") else "IDM Atlas"


@lru_cache(maxsize=1)
def theme_table() -> pd.DataFrame:
    rows = []
    for order, theme in enumerate(codebook()["themes"], start=1):
        principle_id = theme.get("principle_id", "")
        rows.append({
            "theme_id": theme["theme_id"], "theme": theme["theme"], "family": theme["family"],
            "objective": theme.get("objective", ""), "description": theme.get("description", ""),
            "phrases": "; ".join(theme.get("phrases", [])), "theme_order": order,
            "principle_id": principle_id, "principle": principles().get(principle_id, ""),
            "taxonomy": _taxonomy(theme),
        })
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def objective_ids() -> tuple[str, ...]:
    """The GCM objectives' theme ids, in official order."""
    return tuple(t["theme_id"] for t in codebook()["themes"] if t["family"] == "gcm_objective")


@lru_cache(maxsize=1)
def _stemmer():
    # imported here: the package loads every language (~0.1 s), and an app
    # reading cached tables never stems
    from snowballstemmer.english_stemmer import EnglishStemmer

    return EnglishStemmer()


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


@lru_cache(maxsize=1)
def _phrase_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First stem -> [(stem sequence, theme_id)], longest phrases first."""
    index: dict[str, list] = {}
    for theme in codebook()["themes"]:
        for phrase in theme.get("phrases", []):
            stems = tuple(stem(w) for w in _TOKEN.findall(phrase))
            if stems:
                index.setdefault(stems[0], []).append((stems, theme["theme_id"]))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_themes(text: str, names: Iterable[tuple[int, int]] = ()) -> list[ThemeMatch]:
    """Every (theme, phrase) match; one theme matches a span once.

    A phrase's words must follow each other with nothing but spaces, hyphens,
    slashes or apostrophes between them ("forced, migration" is not "forced
    migration"), and a phrase strictly inside a longer name (`names`: the spans of
    organisations and frameworks named) is a word of that name, not a statement
    ("Smuggling" in "Ambassador for People Smuggling"); a phrase that is the whole
    name ("GFMD") still counts."""
    stems = list(map(stem, _TOKEN.findall(text)))
    index = _phrase_index()
    names = list(names)
    found, seen, spans = [], set(), None
    for i, first in enumerate(stems):
        for phrase, theme_id in index.get(first, ()):
            n = len(phrase)
            if tuple(stems[i:i + n]) != phrase:
                continue
            # token offsets only once a phrase matches: most tokens never need them
            spans = spans or [m.span() for m in _TOKEN.finditer(text)]
            start, end = spans[i][0], spans[i + n - 1][1]
            if any(_PHRASE_GAP.fullmatch(text, spans[j][1], spans[j + 1][0]) is None for j in range(i, i + n - 1)):
                continue
            if strictly_inside(start, end, names):
                continue
            if within(start, start + 1, [(s, e) for s, e, t in seen if t == theme_id]):
                continue
            seen.add((start, end, theme_id))
            found.append(ThemeMatch(start, end, theme_id, text[start:end]))
    return found
