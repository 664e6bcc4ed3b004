"""The dashboard's filter vocabulary: ids, labels, defaults and validation.

Pure functions over the tables, so the pages stay thin and the rules are
tested with malformed input. A filter value is always a list of ids; an
empty list means "all". Unknown or malformed values are dropped, never an
error. `apply` restricts every table to the chosen sessions, document types
and themes (a theme keeps the sentences that carry it). Reference tables
(themes, frameworks, organisations, countries) are not filtered, so their
corpus-wide `n_mentions` must not be shown under a filter: count the
filtered mention tables instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import urlencode

import pandas as pd

from idm_data.vocabulary import doc_type_label



@dataclass(frozen=True)
class Filters:
    sessions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.sessions or self.themes or self.doc_types)


@dataclass(frozen=True)
class Vocabulary:
    """Allowed ids and their labels, in display order."""
    sessions: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    doc_types: dict[str, str] = field(default_factory=dict)


def session_label(row: dict) -> str:
    name = row.get("session_name") or row.get("session_id") or "Unassigned"
    when = str(row.get("start_date") or "")[:7]
    return f"{name} ({row.get('city')}, {when})" if row.get("city") and when else name


def vocabulary(tables: dict[str, pd.DataFrame]) -> Vocabulary:
    sessions = tables["sessions"].sort_values(["start_date", "session_id"])
    themes = tables["themes"].sort_values("theme_order")
    doc_types = [t for t in tables["documents"]["doc_type"].unique() if t]
    return Vocabulary(
        sessions={r["session_id"]: session_label(r) for r in sessions.to_dict("records") if r["session_id"]},
        themes={r["theme_id"]: theme_label(r) for r in themes.to_dict("records")},
        doc_types={t: doc_type_label(t) for t in sorted(doc_types)},
    )


def theme_label(row: dict) -> str:
    if row["family"] == "gcm_objective":
        return f"GCM {int(row['theme_id'][-2:])}: {row['theme']}"
    return row["theme"]


def clean_values(values: Iterable | str | None, allowed: Iterable[str]) -> tuple[str, ...]:
    """Known ids only, deduplicated, in the order given; anything else dropped."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable) or isinstance(values, bytes):
        return ()  # None, a number, a bool: nothing usable
    allowed = set(allowed)
    out: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip() in allowed and value.strip() not in out:
            out.append(value.strip())
    return tuple(out)


def query_string(filters: Filters, extra: dict | None = None) -> str:
    """The URL query that reproduces `filters` (a key repeated per value)."""
    pairs = [("session", s) for s in filters.sessions] + [("theme", t) for t in filters.themes]
    pairs += [("doc_type", d) for d in filters.doc_types]
    for key, value in (extra or {}).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        pairs += [(key, str(v)) for v in values if v not in (None, "")]
    return urlencode(pairs)


def latest_sessions(frame: pd.DataFrame, sessions: pd.DataFrame, n: int) -> pd.DataFrame:
    """Rows of `frame` from its `n` most recent sessions (by start date in `sessions`;
    ids not in `sessions` count as oldest), in their original order."""
    dated = sessions.sort_values(["start_date", "session_id"])["session_id"]
    rank = {sid: i for i, sid in enumerate(dated)}
    present = sorted(set(frame["session_id"]), key=lambda sid: (rank.get(sid, -1), sid))
    return frame[frame["session_id"].isin(present[max(len(present) - n, 0):])].reset_index(drop=True)


def selected_documents(tables: dict[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    docs = tables["documents"]
    if filters.sessions:
        docs = docs[docs["session_id"].isin(filters.sessions)]
    if filters.doc_types:
        docs = docs[docs["doc_type"].isin(filters.doc_types)]
    return docs


def theme_sentences(tables: dict[str, pd.DataFrame], themes: Iterable[str]) -> set[str]:
    mentions = tables["theme_mentions"]
    return set(mentions.loc[mentions["theme_id"].isin(list(themes)), "sentence_id"])


_BY_DOCUMENT = ("paragraphs", "session_figures")
_BY_SENTENCE = ("sentences", "country_mentions", "organisation_mentions", "framework_mentions",
                "people", "partnerships")


def _cites_any(sentence_ids: pd.Series, keep: set[str]) -> pd.Series:
    """Whether each row's `;`-joined sentence ids name a kept sentence, as a bool
    Series: `.map` on an empty Series returns object dtype, and indexing a frame
    with an object Series selects columns, so an empty view lost every column."""
    return sentence_ids.map(lambda ids: any(s in keep for s in ids.split(";"))).astype(bool)


def apply(tables: dict[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """Every table restricted to the filters; reference tables unchanged (each table is
    indexed once, by all its conditions together: a take per column is the cost)."""
    if filters.is_empty():
        return dict(tables)  # no copy of a large corpus for the default view
    docs = selected_documents(tables, filters)
    doc_ids = list(set(docs["doc_id"]))
    keep = theme_sentences(tables, filters.themes) if filters.themes else None
    kept = list(keep) if keep is not None else None
    out = dict(tables)
    out["documents"] = docs
    for name in _BY_SENTENCE + ("theme_mentions",):
        frame = tables[name]
        rows = frame["doc_id"].isin(doc_ids)
        if kept is not None and name in _BY_SENTENCE:
            rows &= frame["sentence_id"].isin(kept)
        if filters.themes and name == "theme_mentions":
            rows &= frame["theme_id"].isin(filters.themes)
        out[name] = frame[rows]
    for name in ("takeaways", "actions"):
        frame = tables[name]
        rows = frame["doc_id"].isin(doc_ids)
        if keep is not None:
            rows &= _cites_any(frame["sentence_ids"], keep)
        out[name] = frame[rows]
    for name in _BY_DOCUMENT:
        out[name] = tables[name][tables[name]["doc_id"].isin(doc_ids)]
    out["sessions"] = tables["sessions"][tables["sessions"]["session_id"].isin(set(docs["session_id"]))]
    return out
