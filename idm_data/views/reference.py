"""The curated knowledge behind the extraction, as tables to browse.

The theme codebook, the organisation gazetteer (with the names discovered in
the text) and the frameworks list, each with how often it is mentioned in the
tables given (so the sidebar filters apply), a plain-text row search, and
the sizes the Method page quotes. The lists themselves live in
`idm_data/data/`; this module only reads the tables built from them.
"""

from __future__ import annotations

import pandas as pd

from idm_data.extract.countries import country_surfaces


def _with_counts(frame: pd.DataFrame, mentions: pd.DataFrame, key: str) -> pd.DataFrame:
    """`frame` with n_mentions and n_documents counted in `mentions`."""
    counted = mentions.groupby(key).agg(n_mentions=("sentence_id", "size"), n_documents=("doc_id", "nunique"))
    out = frame.drop(columns=["n_mentions", "n_documents"], errors="ignore")
    out = out.merge(counted, left_on=key, right_index=True, how="left")
    out[["n_mentions", "n_documents"]] = out[["n_mentions", "n_documents"]].fillna(0).astype(int)
    return out.reset_index(drop=True)


def codebook(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The themes in codebook order, with their phrases and mention counts."""
    themes = tables["themes"].sort_values("theme_order")
    return _with_counts(themes, tables["theme_mentions"], "theme_id")


def gazetteer(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every known organisation (gazetteer first, then discovered), with counts."""
    orgs = tables["organisations"].sort_values("source", key=lambda s: s.ne("gazetteer"), kind="stable")
    return _with_counts(orgs, tables["organisation_mentions"], "org_id")


def framework_list(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return _with_counts(tables["frameworks"], tables["framework_mentions"], "framework_id")


def search(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where any text column contains `query` (case-insensitive, literal)."""
    query = query.strip().lower()
    if not query:
        return frame
    text = frame.select_dtypes(exclude="number").astype(str).apply(lambda column: column.str.lower())
    hit = text.apply(lambda column: column.str.contains(query, regex=False)).any(axis=1)
    return frame[hit].reset_index(drop=True)


def knowledge_sizes(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """The sizes the Method page's prose quotes, counted from the tables."""
    themes, orgs, edges = tables["themes"], tables["organisations"], tables["partnerships"]
    return {
        "n_documents": len(tables["documents"]), "n_sentences": len(tables["sentences"]),
        "n_takeaways": len(tables["takeaways"]), "n_actions": len(tables["actions"]),
        "n_gcm_objectives": int((themes["family"] == "gcm_objective").sum()),
        "n_cross_cutting": int((themes["family"] == "cross_cutting").sum()),
        "n_phrases": int(themes["phrases"].str.split("; ").str.len().sum()),
        "n_gazetteer": int((orgs["source"] == "gazetteer").sum()),
        "n_discovered": int((orgs["source"] == "discovered").sum()),
        "n_frameworks": len(tables["frameworks"]), "n_country_names": len(country_surfaces()),
        "n_explicit": int((edges["kind"] == "explicit").sum()), "n_co_mention": int((edges["kind"] == "co_mention").sum()),
        "n_people": int(tables["people"]["person_id"].nunique()),
    }
