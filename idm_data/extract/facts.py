"""Session facts inferred from a document's own text.

Used when the manifest says nothing about a document (a folder passed with
``--corpus``, or a new upload): the document type, dates, venue, speaker,
session id and theme. What cannot be inferred stays empty.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from idm_data.resources import load_csv
from idm_data.text.parse import Paragraph, text_rules
from idm_data.vocabulary import doc_type_phrases

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_RANGE = re.compile(rf"\b(\d{{1,2}})(?:<sup>\w+</sup>|st|nd|rd|th)?\s*(?:[–-]|and|to)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})")
_SINGLE = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}(?:\s+(\d{{4}}))?")

_SESSION_IN_NAME = re.compile(r"idm-(\d{4})-(\d+)", re.I)


@lru_cache(maxsize=1)
def venues() -> list[dict]:
    return load_csv("venues.csv").to_dict("records")


def infer_doc_type(paragraphs: list[Paragraph]) -> str:
    head = " ".join(p.text for p in paragraphs[:6]).lower()
    return next((doc_type for doc_type, phrases in doc_type_phrases().items() if any(p in head for p in phrases)), "")


def infer_dates(head: str) -> tuple[str, str]:
    """ISO start and end dates from the first valid date written in `head`."""
    for match in _RANGE.finditer(head):
        first, last, month, year = match.groups()
        start, end = _iso(year, month, first), _iso(year, month, last)
        if start and end and start <= end:
            return start, end
    for match in _SINGLE.finditer(head):
        day, month, year = match.groups()
        iso = _iso(year, month, day) if year else ""
        if iso:
            return iso, iso
    return "", ""


def _iso(year: str, month: str, day: str) -> str:
    """The ISO date, or "" for an impossible one ("31 February 2019")."""
    try:
        return date(int(year), MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:
        return ""


def infer_venue(head: str) -> tuple[str, str]:
    for row in venues():
        if row["pattern"] in head:
            return row["venue"], row["city"]
    return "", ""


@lru_cache(maxsize=1)
def _speaker() -> re.Pattern:
    """ "Name Surname, Title Affiliation": the affiliation begins with a word of text_rules.yaml."""
    openers = "|".join(map(re.escape, text_rules()["affiliation_openers"]))
    return re.compile(rf"^([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{1,4}}),\s+([^,]+?)\s+((?:{openers})\b.+)$")


def infer_speaker(paragraphs: list[Paragraph]) -> tuple[str, str, str]:
    for paragraph in paragraphs[:4]:
        match = _speaker().match(paragraph.text)
        if match:
            return match.group(1), match.group(2).strip(), match.group(3).strip()
    return "", "", ""


def infer_facts(file: str, paragraphs: list[Paragraph]) -> dict:
    """Everything the text tells about its session and itself."""
    head = " ".join(p.text for p in paragraphs[:8])
    start, end = infer_dates(head)
    venue, city = infer_venue(head)
    speaker, title, affiliation = infer_speaker(paragraphs)
    year = start[:4]
    named = _SESSION_IN_NAME.search(file)
    session_id = f"idm-{named.group(1)}-{named.group(2)}" if named else (f"idm-{year}" if year else "")
    return {
        "doc_type": infer_doc_type(paragraphs), "start_date": start, "end_date": end,
        "year": year, "venue": venue, "city": city, "speaker": speaker,
        "speaker_title": title, "speaker_affiliation": affiliation, "session_id": session_id,
    }
