"""Takeaways (numbered takeaways, messages, key areas of convergence,
unnumbered conclusion paragraphs) and further actions of a document.

Works on parsed paragraphs. A list is recognised by a cue paragraph ("I would
like to highlight 7 main takeaways:", "Several key areas of convergence
emerged:", "... are summarized below.") followed by items in any numbering
style ("Takeaway 1 –", "1.", "1)", "- 1)"), or, without numbers, by topic
paragraphs. An item runs to the next item, to a heading, or, for the last
item, as far as the other items typically run. The cue words live in
`text_rules.yaml`.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache

from idm_data.text.parse import Paragraph, text_rules

_PERSON_OPENING = re.compile(r"^(?:(?:Dr|Mr|Ms|Mrs)\.?\s+)?(?:[A-ZÀ-Þ][\w'’.-]+\s+){1,4}[A-ZÀ-Þ][\w'’.-]+,\s")


@lru_cache(maxsize=1)
def _heading_item() -> re.Pattern:
    """ "Takeaway 1 – title": an item opened by name and number (the names in text_rules.yaml)."""
    names = "|".join(map(re.escape, text_rules()["item_headings"]))
    return re.compile(rf"^(?:{names})\s*(\d{{1,2}})\s*[–—:.-]\s*(.+)$", re.I)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    return {word: i for i, word in enumerate(text_rules()["number_words"], start=1)}


@lru_cache(maxsize=1)
def _stated_count() -> re.Pattern:
    numbers = "|".join(_number_words())
    nouns = "|".join(map(re.escape, text_rules()["count_nouns"]))
    return re.compile(rf"\b(\d{{1,2}}|{numbers})\s+(?:main\s+|key\s+)*(?:{nouns})", re.I)


@dataclass
class Item:
    kind: str  # "takeaway" or "action"
    number: int
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    skip_first_paragraph: bool = False  # the "Takeaway N –" heading is title only

    @property
    def sentences(self):
        body = self.paragraphs[1:] if self.skip_first_paragraph else self.paragraphs
        return [s for p in body for s in p.sentences]


def _number(p: Paragraph) -> tuple[int, str] | None:
    """(number, heading title) if `p` opens a numbered item."""
    match = _heading_item().match(p.text)
    if match:
        return int(match.group(1)), match.group(2).strip()
    digits = re.sub(r"\D", "", p.marker)
    return (int(digits), "") if digits else None


def _has_cue(p: Paragraph, cues: list[str]) -> bool:
    return bool(_cue_regex(tuple(cues)).search(p.text.lower()))


@lru_cache(maxsize=8)
def _cue_regex(cues: tuple[str, ...]) -> re.Pattern:
    """Any of the cues as a whole word (one search instead of one per cue)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def stated_count(p: Paragraph) -> int | None:
    """The number a cue paragraph announces ("5 main takeaways")."""
    match = _stated_count().search(p.text)
    if not match:
        return None
    value = match.group(1).lower()
    return int(value) if value.isdigit() else _number_words()[value]


def _is_stop(p: Paragraph) -> bool:
    closing = {h.lower() for h in text_rules()["closing_headings"]}
    return p.is_heading and (p.text.lower().rstrip(":. ") in closing or _number(p) is None)


def _numbered_series(paragraphs: list[Paragraph]) -> list[list[tuple[int, int, str]]]:
    """Runs of items numbered 1, 2, 3 ... as (paragraph index, number, title)."""
    cues = text_rules()["takeaway_cues"]
    series, current = [], []
    for index, p in enumerate(paragraphs):
        numbered = _number(p)
        if not numbered:
            continue
        number, title = numbered
        if current and number == current[-1][1] + 1:
            current.append((index, number, title))
        elif number == 1:
            if current:
                series.append(current)
            explicit = bool(_heading_item().match(p.text))
            cued = any(_has_cue(q, cues) for q in paragraphs[max(0, index - 3):index])
            current = [(index, number, title)] if explicit or cued else []
    if current:
        series.append(current)
    return [s for s in series if len(s) >= 2]


def _title(p: Paragraph, heading_title: str) -> str:
    if heading_title:
        return heading_title
    return p.sentences[0].text if p.sentences else p.text


def _extent(paragraphs: list[Paragraph], start: int, limit: int) -> list[Paragraph]:
    """Paragraphs from `start` up to `limit` (exclusive), stopping at a heading."""
    out = [paragraphs[start]]
    for p in paragraphs[start + 1:limit]:
        if _is_stop(p):
            break
        out.append(p)
    return out


def numbered_items(paragraphs: list[Paragraph]) -> list[Item]:
    items = []
    for series in _numbered_series(paragraphs):
        spans = []
        for k, (index, number, heading_title) in enumerate(series):
            last = k == len(series) - 1
            limit = len(paragraphs) if last else series[k + 1][0]
            body = _extent(paragraphs, index, limit)
            if last and spans:
                body = body[:max(1, round(statistics.median(spans)))]
            spans.append(len(body))
            items.append(Item("takeaway", number, _title(paragraphs[index], heading_title), body, bool(heading_title)))
    return items


def unnumbered_items(paragraphs: list[Paragraph], taken: set[int]) -> list[Item]:
    """Conclusions written as topic paragraphs after a "summarized below" cue."""
    cues = text_rules()["takeaway_cues"]
    openers = tuple(text_rules()["continuation_openers"])
    for index, p in enumerate(paragraphs):
        if index in taken or not _has_cue(p, cues) or not re.search(r"(below|following)[.:]?$|:$", p.text):
            continue
        following = paragraphs[index + 1:index + 4]
        if any(_number(q) for q in following):
            continue
        items: list[Item] = []
        for q in paragraphs[index + 1:]:
            if _is_stop(q) or _number(q):
                break
            continues = items and (_PERSON_OPENING.match(q.text) or re.match(rf"^(?:{'|'.join(map(re.escape, openers))})\b", q.text))
            if continues:
                items[-1].paragraphs.append(q)
            else:
                items.append(Item("takeaway", len(items) + 1, _title(q, ""), [q]))
        return items
    return []


def action_items(paragraphs: list[Paragraph]) -> list[Item]:
    """Bold-led paragraphs after an "ideas for further action ...:" cue."""
    cues = text_rules()["action_cues"]
    for index, p in enumerate(paragraphs):
        if not (_has_cue(p, cues) and p.text.rstrip().endswith(":")):
            continue
        items = []
        for q in paragraphs[index + 1:]:
            if not q.starts_bold or _is_stop(q):
                break
            items.append(Item("action", len(items) + 1, _title(q, ""), [q]))
        if items:
            return items
    return []


def find_items(paragraphs: list[Paragraph]) -> tuple[list[Item], list[Item]]:
    """(takeaways, actions) of one document."""
    takeaways = numbered_items(paragraphs)
    taken = {id(p) for item in takeaways for p in item.paragraphs}
    if not takeaways:
        takeaways = unnumbered_items(paragraphs, set())
    actions = [a for a in action_items(paragraphs) if id(a.paragraphs[0]) not in taken]
    return takeaways, actions


def announced_count(paragraphs: list[Paragraph]) -> int | None:
    """How many takeaways the document says it lists, if it says."""
    cues = text_rules()["takeaway_cues"]
    for p in paragraphs:
        if _has_cue(p, cues):
            count = stated_count(p)
            if count:
                return count
    return None
