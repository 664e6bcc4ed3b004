"""Headline figures of the corpus, per session and per document."""

from __future__ import annotations

import pandas as pd

_DISTINCT = {
    "n_countries": ("country_mentions", "iso3"),
    "n_organisations": ("organisation_mentions", "org_id"),
    "n_people": ("people", "person_id"),
    "n_frameworks": ("framework_mentions", "framework_id"),
}


def session_overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per session: facts, document counts and distinct entities."""
    sessions = tables["sessions"].copy()
    docs = tables["documents"]
    by_session = docs.groupby("session_id").agg(n_documents=("doc_id", "size"), n_words=("n_words", "sum"),
                                                documents=("title", lambda t: "; ".join(t)))
    sessions = sessions.drop(columns=["n_documents"]).merge(by_session, left_on="session_id", right_index=True, how="left")
    sessions["n_takeaways"] = sessions["session_id"].map(tables["takeaways"]["session_id"].value_counts())
    for column, (table, key) in _DISTINCT.items():
        sessions[column] = sessions["session_id"].map(tables[table].groupby("session_id")[key].nunique())
    counts = ["n_documents", "n_words", "n_takeaways", *_DISTINCT]
    sessions[counts] = sessions[counts].fillna(0).astype(int)
    return sessions.sort_values(["start_date", "session_id"]).reset_index(drop=True)


def stated(value, qualifier: str) -> str:
    """A figure as the text states it ("over 300"), or an em dash."""
    if pd.isna(value):
        return "—"
    return f"{qualifier} {int(value)}".strip()


def sources(tables: dict[str, pd.DataFrame], listed: int) -> dict:
    """What a view's figures come from: its documents (the first `listed` named
    with their files) and sessions."""
    docs = tables["documents"].head(listed)
    return {
        "n_documents": len(tables["documents"]),
        "session_ids": sorted(set(tables["documents"]["session_id"]) - {""}),
        "documents": [f"{title} ({file})" for title, file in zip(docs["title"], docs["file"])],
    }
