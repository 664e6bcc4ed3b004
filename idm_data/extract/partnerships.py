"""Partnership edges between actors (organisations and countries) of a sentence.

`explicit` edges join the actors of the clause that states a partnership:
"a partnership between A, B and C" (all pairs), "A and B are working
together", "A works with B", "Together with A, B partners with ...",
"collaboration with A and B" (the subject and each partner; a single joint
collaboration joins the partners too). A subject the sentence leaves implicit
("they", "He hailed IOM as a key partner", "members of the conference") is
taken from the sentence before. Every other pair of actors named in one
sentence is a `co_mention` edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from idm_data.resources import load_yaml
from idm_data.text.spans import strictly_inside

_TRIGGERS = load_yaml("partnerships.yaml")


def _any(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


_NOUN = _any(_TRIGGERS["nouns"])
_BETWEEN = re.compile(rf"\b{_NOUN}\W+(?:\w+\W+){{0,5}}?between\b|\bjoint\w*\s+(?:\w+\s+){{0,3}}between\b", re.I)
_TOGETHER = re.compile(rf"\b{_any(_TRIGGERS['together'])}\b", re.I)
_WITH = re.compile(rf"\b{_any(_TRIGGERS['with'])}\b", re.I)
# every match of a trigger contains one of these words
_KEYWORDS = {trigger: re.compile(_TRIGGERS["keywords"][name], re.I)
             for name, trigger in (("between", _BETWEEN), ("together", _TOGETHER), ("with", _WITH))}
_CONNECTOR = re.compile(r"^(?:\s*,\s*|\s+|,?\s+and\s+|(?:\s+and\s+other\s+[A-Za-z ]{1,30})?,?\s+as\s+well\s+as\s+(?:with\s+)?)(?:the\s+)?$")
_AND = re.compile(r"^\s+and\s+(?:the\s+)?$")
_BY_WITH = re.compile(r"\bby\s+(?:the\s+)?$")
_ANAPHOR = re.compile(rf"\b(?:the|this|that)\s+({'|'.join(_TRIGGERS['anaphor_heads'])})\b", re.I)


@dataclass(frozen=True)
class Actor:
    start: int
    end: int
    actor_id: str
    actor_type: str
    name: str


def _list_from(actors: list[Actor], text: str, index: int, connector: re.Pattern = _CONNECTOR) -> list[Actor]:
    """The coordinated list of actors starting at actors[index]."""
    out = [actors[index]]
    for nxt in actors[index + 1:]:
        if not connector.match(text[out[-1].end:nxt.start]):
            break
        out.append(nxt)
    return out


def _list_after(actors: list[Actor], text: str, pos: int, connector: re.Pattern = _CONNECTOR) -> list[Actor]:
    for i, actor in enumerate(actors):
        if actor.start >= pos:
            gap = text[pos:actor.start]
            return _list_from(actors, text, i, connector) if re.fullmatch(r"\s*(?:the\s+)?", gap, re.I) else []
    return []


def _list_before(actors: list[Actor], text: str, pos: int, max_words: int = 7) -> list[Actor]:
    before = [a for a in actors if a.end <= pos]
    if not before:
        return []
    last = before[-1]
    gap = text[last.end:pos]
    if re.search(r"[.;:!?()]", gap) or len(gap.split()) > max_words:
        return []
    out = [last]
    for prev in reversed(before[:-1]):
        if not _CONNECTOR.match(text[prev.end:out[0].start]):
            break
        out.insert(0, prev)
    return out


def _subject(actors: list[Actor], pos: int, partners: list[Actor], text: str, context: list[Actor]) -> Actor | None:
    """The actor that partners: the nearest one before `pos`, else from context."""
    ids = {p.actor_id for p in partners}
    before = [a for a in actors if a.end <= pos and a.actor_id not in ids and not _inside_other(a, actors)]
    if before:
        return before[-1]
    anaphor = _ANAPHOR.search(text[:pos])
    if anaphor:
        head = anaphor.group(1).lower()[:6]
        for actor in reversed(context):
            if head in actor.name.lower() and actor.actor_id not in ids:
                return actor
    candidates = [a for a in context if a.actor_id not in ids]
    countries = [a for a in candidates if a.actor_type == "country"]
    governmental = candidates and candidates[0].actor_type == "government"
    return (countries[0] if governmental and countries else candidates[0]) if candidates else None


def _inside_other(actor: Actor, actors: list[Actor]) -> bool:
    return strictly_inside(actor.start, actor.end, [(o.start, o.end) for o in actors])


def _matches(trigger: re.Pattern, text: str):
    """`trigger.finditer(text)`, skipped when the text lacks the word every
    match contains (a cheap test: most sentences state no partnership)."""
    return trigger.finditer(text) if _KEYWORDS[trigger].search(text) else ()


def explicit_pairs(text: str, actors: list[Actor], context: list[Actor]) -> list[tuple[Actor, Actor, str]]:
    """(a, b, trigger) for every pair the sentence says work together."""
    spans = [(a.start, a.end) for a in actors]
    pairs: list[tuple[Actor, Actor, str]] = []

    def free(match: re.Match) -> bool:
        return not any(s <= match.start() < e for s, e in spans)

    for match in _matches(_BETWEEN, text):
        group = _list_after(actors, text, match.end())
        pairs += [(a, b, match.group(0)) for a, b in combinations(group, 2)]
    for match in _matches(_TOGETHER, text):
        if free(match):
            group = _list_before(actors, text, match.start())
            pairs += [(a, b, match.group(0)) for a, b in combinations(group, 2)]
    for match in _matches(_WITH, text):
        if not free(match):
            continue
        trigger = match.group(0)
        opening = trigger.lower().startswith("together with") and not text[:match.start()].strip()
        # "Together with A, B partners ...": the comma closes the list
        partners = _list_after(actors, text, match.end(), _AND if opening else _CONNECTOR)
        if trigger.lower().startswith("as "):
            partners = _list_before(actors, text, match.start(), max_words=2)
        if not partners:
            continue
        if trigger.lower().startswith("together with"):
            rest = [a for a in actors if a.start >= partners[-1].end]
            subject = rest[0] if rest else _subject(actors, match.start(), partners, text, context)
        else:
            subject = _subject(actors, match.start(), partners, text, context)
        if re.search(r"\b(?:a|the|joint)\b.*\b(?:collaboration|partnership)\b|^by\b", trigger, re.I) or re.search(r"\bby\s+\S+\s*$", text[:match.start()]):
            pairs += [(a, b, trigger) for a, b in combinations(partners, 2)]
        if subject:
            pairs += [(subject, p, trigger) for p in partners]
    pairs += _by_with_pairs(text, actors)
    return [(a, b, t) for a, b, t in pairs if a.actor_id != b.actor_id]


def _by_with_pairs(text: str, actors: list[Actor]) -> list[tuple[Actor, Actor, str]]:
    """ "a joint initiative ... by A with B and C": A, B and C together."""
    if not re.search(rf"\bjoint\b|\b{_NOUN}\b", text, re.I):
        return []
    pairs = []
    for i, actor in enumerate(actors):
        after = re.match(r"\s+with\s+", text[actor.end:])
        if _BY_WITH.search(text[:actor.start]) and after:
            group = [actor] + _list_after(actors, text, actor.end + after.end())
            pairs += [(a, b, "by ... with") for a, b in combinations(group, 2)]
    return pairs


def edge_rows(text: str, actors: list[Actor], context: list[Actor]) -> list[dict]:
    """One row per unordered actor pair of the sentence, explicit or co-mention."""
    explicit: dict[tuple[str, str], tuple[Actor, Actor, str]] = {}
    for a, b, trigger in explicit_pairs(text, actors, context):
        key = tuple(sorted((a.actor_id, b.actor_id)))
        explicit.setdefault(key, (a, b, trigger))
    unique: dict[str, Actor] = {}
    for actor in actors:
        if not _inside_other(actor, actors):
            unique.setdefault(actor.actor_id, actor)
    rows = []
    for key, (a, b, trigger) in explicit.items():
        rows.append(_row(a, b, "explicit", trigger))
    for a, b in combinations(unique.values(), 2):
        if tuple(sorted((a.actor_id, b.actor_id))) not in explicit:
            rows.append(_row(a, b, "co_mention", ""))
    return rows


def _row(a: Actor, b: Actor, kind: str, trigger: str) -> dict:
    a, b = sorted((a, b), key=lambda x: x.actor_id)
    return {"source": a.actor_id, "target": b.actor_id, "source_name": a.name, "target_name": b.name,
            "source_type": a.actor_type, "target_type": b.actor_type, "kind": kind, "trigger": trigger}
