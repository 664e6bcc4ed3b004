"""Takeaways and ideas for further action, as the Takeaways page shows them.

Owns: the word search over titles and texts (and the spans to highlight),
readable rows (document title, session and theme labels), the grouping of
takeaways by session or document, the one-column-per-session table, and the
columns of the CSV downloads. It does not extract takeaways (that is
`idm_data.takeaways`) nor apply the sidebar filters (`idm_data.filters`).
Pure pandas: no Streamlit.
"""

from __future__ import annotations

import re

import pandas as pd

from idm_data.views.filters import vocabulary

CSV_COLUMNS = ["takeaway_id", "doc_id", "session_id", "number", "title", "text", "theme_ids", "sentence_ids"]
ACTION_COLUMNS = ["action_id", "doc_id", "session_id", "number", "title", "text", "sentence_ids"]


def query_words(query: str | None) -> list[str]:
    """The distinct words of a search query, in the order typed."""
    return list(dict.fromkeys((query or "").split()))


def search(items: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Rows whose title or text contains every word of `query`
    (case-insensitive, literal: 'migra' finds 'migrants'); all rows if empty."""
    words = query_words(query)
    if not words or items.empty:
        return items
    haystack = items["title"].fillna("") + "\n" + items["text"].fillna("")
    keep = pd.Series(True, index=items.index)
    for word in words:
        keep &= haystack.str.contains(word, case=False, regex=False)
    return items[keep]


def word_spans(text: str, query: str | None) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the query's words in `text`."""
    spans = {(m.start(), m.end()) for word in query_words(query)
             for m in re.finditer(re.escape(word), text or "", re.I)}
    return sorted(spans)


def theme_labels(theme_ids: str | None, labels: dict[str, str]) -> list[str]:
    """'gcm-01;children' -> readable labels (unknown ids kept as they are)."""
    return [labels.get(t, t) for t in (theme_ids or "").split(";") if t]


def readable(items: pd.DataFrame, documents: pd.DataFrame, session_labels: dict[str, str],
             theme_label_map: dict[str, str] | None = None) -> pd.DataFrame:
    """Takeaways (or actions) with their document title, session label and
    theme labels, in session order (as `session_labels`), document, number."""
    order = {s: i for i, s in enumerate(session_labels)}
    out = items.merge(documents[["doc_id", "title"]].rename(columns={"title": "document"}), on="doc_id", how="left")
    out["session"] = out["session_id"].map(lambda s: session_labels.get(s, s or "Unassigned"))
    if theme_label_map is not None and "theme_ids" in out:
        out["themes"] = out["theme_ids"].map(lambda ids: theme_labels(ids, theme_label_map))
    out["_order"] = out["session_id"].map(lambda s: order.get(s, len(order)))
    return out.sort_values(["_order", "doc_id", "number"]).drop(columns="_order").reset_index(drop=True)


def groups(items: pd.DataFrame, column: str) -> list[tuple[str, pd.DataFrame]]:
    """(value, rows) for each value of `column`, in the order rows come."""
    return [(key, items[items[column] == key]) for key in dict.fromkeys(items[column])]


def side_by_side(items: pd.DataFrame, session_labels: dict[str, str]) -> pd.DataFrame:
    """One column per session listing its takeaways in order ('number. title'),
    each beside a column of their takeaway ids; rows are positions 1, 2, ..."""
    columns = {}
    for session_id, rows in groups(items, "session_id"):
        label = session_labels.get(session_id, session_id or "Unassigned")
        columns[label] = pd.Series([f"{n}. {t}" for n, t in zip(rows["number"], rows["title"])], dtype="str")
        columns[f"{label}: takeaway_id"] = pd.Series(list(rows["takeaway_id"]), dtype="str")
    wide = pd.DataFrame(columns).fillna("") if columns else pd.DataFrame()
    wide.index = pd.RangeIndex(1, len(wide) + 1, name="position")
    return wide.reset_index()


def for_download(items: pd.DataFrame, columns: list[str] = CSV_COLUMNS) -> pd.DataFrame:
    """Exactly the rows shown, with the CSV's columns (ids and full text)."""
    return items[columns].reset_index(drop=True)


def readable_items(tables: dict[str, pd.DataFrame], name: str, all_documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`readable` for the takeaways or actions of (filtered) tables, with the
    corpus vocabulary's labels."""
    vocab = vocabulary(tables)
    themes = vocab.themes if name == "takeaways" else None
    return readable(tables[name], tables["documents"] if all_documents is None else all_documents, vocab.sessions, themes)
