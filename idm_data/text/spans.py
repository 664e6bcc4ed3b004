"""Spans of text as (start, end) pairs: the overlap tests every extractor shares."""

from __future__ import annotations

from typing import Iterable

Span = tuple[int, int]


def overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    """Whether [start, end) shares a character with one of `spans`."""
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def within(start: int, end: int, spans: Iterable[Span]) -> bool:
    """Whether [start, end) lies inside one of `spans` (or equals it)."""
    return any(other_start <= start and end <= other_end for other_start, other_end in spans)


def strictly_inside(start: int, end: int, spans: Iterable[Span]) -> bool:
    """Whether [start, end) lies inside one of `spans` and is shorter than it."""
    return any(other_start <= start and end <= other_end and (start, end) != (other_start, other_end)
               for other_start, other_end in spans)
