"""What one uploaded document would add to the tables, summarised for a preview.

`summarise(parts)` takes the rows `extract.extract_document` returns for a
document that is not saved yet and shapes them into small frames: the
document's facts, its takeaways, and mention counts of countries,
organisations and themes, each with the document and sentences counted.
Reads and writes no file: saving is `ingest`.
"""

from __future__ import annotations

import pandas as pd

from idm_data.extract.organisations import gazetteer
from idm_data.extract.themes import theme_table

FACT_COLUMNS = ["doc_id", "file", "session_id", "doc_type", "title", "speaker", "speaker_title",
                "speaker_affiliation", "start_date", "end_date", "venue", "city", "n_words", "n_paragraphs",
                "n_sentences", "n_takeaways", "n_takeaways_announced", "n_actions", "facts_source"]
TAKEAWAY_COLUMNS = ["doc_id", "takeaway_id", "number", "title", "n_sentences", "first_sentence_id", "last_sentence_id"]


def facts(parts: dict[str, list[dict]]) -> pd.DataFrame:
    """One row: the document's facts and sizes, and its session's dates and venue."""
    document = (parts.get("documents") or [{}])[0]
    session = (parts.get("session_facts") or [{}])[0]
    row = {column: document.get(column, session.get(column, "")) for column in FACT_COLUMNS}
    return pd.DataFrame([row], columns=FACT_COLUMNS)


def takeaways(parts: dict[str, list[dict]]) -> pd.DataFrame:
    return pd.DataFrame(parts.get("takeaways") or []).reindex(columns=TAKEAWAY_COLUMNS)


def mention_counts(rows: list[dict], keys: list[str]) -> pd.DataFrame:
    """Mentions per entity (most mentioned first), with the sentences counted."""
    columns = ["doc_id", *keys, "n_mentions", "sentence_ids"]
    if not rows:
        return pd.DataFrame(columns=columns)
    grouped = pd.DataFrame(rows).groupby(["doc_id", *keys], sort=False)
    counts = grouped.agg(n_mentions=("sentence_id", "size"),
                         sentence_ids=("sentence_id", lambda s: ";".join(dict.fromkeys(s)))).reset_index()
    return counts.sort_values(["n_mentions", keys[-1]], ascending=[False, True], ignore_index=True)[columns]


def _organisation_names(parts: dict[str, list[dict]]) -> pd.DataFrame:
    known = gazetteer()[["org_id", "name", "acronym", "org_type"]]
    found = pd.DataFrame(parts.get("discovered_organisations") or [], columns=known.columns)
    return pd.concat([known, found[known.columns]], ignore_index=True).drop_duplicates("org_id")


def organisations(parts: dict[str, list[dict]]) -> pd.DataFrame:
    """Organisations mentioned, named from the gazetteer or as discovered."""
    names = _organisation_names(parts)
    mentions = [{**m, **_lookup(names, "org_id", m["org_id"], ["name", "acronym", "org_type"])}
                for m in parts.get("organisation_mentions") or []]
    return mention_counts(mentions, ["org_id", "name", "acronym", "org_type"])


def themes(parts: dict[str, list[dict]]) -> pd.DataFrame:
    labels = theme_table()
    mentions = [{**m, **_lookup(labels, "theme_id", m["theme_id"], ["theme", "family"])}
                for m in parts.get("theme_mentions") or []]
    return mention_counts(mentions, ["theme_id", "theme", "family"])


def _lookup(table: pd.DataFrame, key: str, value: str, columns: list[str]) -> dict:
    found = table[table[key] == value]
    return {c: (found[c].iloc[0] if len(found) else "") for c in columns}


def summarise(parts: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """Every preview frame of one extracted document, by name."""
    return {
        "facts": facts(parts),
        "takeaways": takeaways(parts),
        "countries": mention_counts(parts.get("country_mentions") or [], ["iso3", "country"]),
        "organisations": organisations(parts),
        "themes": themes(parts),
    }


def totals(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Headline counts of a preview: items found and distinct entities."""
    facts = frames["facts"].iloc[0]
    return {
        "n_sentences": int(facts["n_sentences"] or 0), "n_takeaways": len(frames["takeaways"]),
        "n_countries": len(frames["countries"]), "n_organisations": len(frames["organisations"]),
        "n_themes": len(frames["themes"]),
    }
