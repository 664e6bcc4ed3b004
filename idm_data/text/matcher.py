"""Find the surfaces of a gazetteer in running text, longest match first.

A `PhraseMatcher` compiles its surfaces into one trie-shaped regular
expression with word boundaries, so "Nigeria" never matches inside
"Nigerian" and "UN" never matches inside "UN-Habitat" or "UNICEF". Matching
is case-sensitive: gazetteers list the variants they accept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from idm_data.text.spans import within

_LEFT = r"(?<![\w&])"
_RIGHT = r"(?![\w&]|-\w)"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    key: str


def _trie(words: Iterable[str]) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return root


def _pattern(node: dict) -> str:
    """A regex for a trie node: longer continuations are tried first."""
    terminal = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?"
    return body if len(branches) == 1 else body


class PhraseMatcher:
    """Maps each surface to a key and finds them in text."""

    def __init__(self, surfaces: dict[str, str]):
        self.keys = {s: k for s, k in surfaces.items() if s.strip()}
        pattern = _pattern(_trie(self.keys)) if self.keys else r"(?!x)x"
        self.regex = re.compile(_LEFT + "(?:" + pattern + ")" + _RIGHT)

    def find(self, text: str) -> list[Match]:
        out = []
        for found in self.regex.finditer(text):
            surface = found.group(0)
            key = self.keys.get(surface)
            if key is not None:
                out.append(Match(found.start(), found.end(), surface, key))
        return out


def inside(match: Match, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether `match` lies within one of `spans`."""
    return within(match.start, match.end, spans)


def split_aliases(value: str) -> list[str]:
    return [alias.strip() for alias in (value or "").split("|") if alias.strip()]
