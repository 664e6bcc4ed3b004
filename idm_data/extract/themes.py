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

import pandas as pd

from idm_data.resources import load_yaml

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9]+")


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
def theme_table() -> pd.DataFrame:
    rows = []
    for order, theme in enumerate(codebook()["themes"], start=1):
        rows.append({
            "theme_id": theme["theme_id"], "theme": theme["theme"], "family": theme["family"],
            "objective": theme.get("objective", ""), "description": theme.get("description", ""),
            "phrases": "; ".join(theme.get("phrases", [])), "theme_order": order,
        })
    return pd.DataFrame(rows)


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


def find_themes(text: str) -> list[ThemeMatch]:
    """Every (theme, phrase) match; one theme matches a span once."""
    stems = list(map(stem, _TOKEN.findall(text)))
    index = _phrase_index()
    found, seen, spans = [], set(), None
    for i, first in enumerate(stems):
        for phrase, theme_id in index.get(first, ()):
            n = len(phrase)
            if tuple(stems[i:i + n]) != phrase:
                continue
            # token offsets only once a phrase matches: most tokens never need them
            spans = spans or [m.span() for m in _TOKEN.finditer(text)]
            start, end = spans[i][0], spans[i + n - 1][1]
            if any(t == theme_id and s <= start < e for s, e, t in seen):
                continue
            seen.add((start, end, theme_id))
            found.append(ThemeMatch(start, end, theme_id, text[start:end]))
    return found
