"""Actors: the countries, organisations and people the texts name, and the
frameworks they cite, summarised for the Countries and Organisations pages.

Owns the summaries only: pure pandas over the (already filtered) mention
tables, one row per actor or per actor and session, each with the first
sentence that names it. It does not find mentions (see countries.py,
organisations.py, people.py, frameworks.py) and does not draw.
"""

from __future__ import annotations

import pandas as pd

from idm_data.views.evidence import sentences_for
from idm_data.vocabulary import actor_type_label

COUNTS = ["n_mentions", "n_sentences", "n_documents", "documents", "n_sessions", "sessions", "first_sentence_id"]


def _joined(values: pd.Series) -> str:
    return ";".join(sorted(set(values) - {""}))


def _distinct_items(values: pd.Series) -> str:
    """'; '-separated values, split into items and deduplicated in order."""
    items = (item.strip() for value in values for item in str(value).split(";"))
    return "; ".join(dict.fromkeys(item for item in items if item))


def _longest(values: pd.Series) -> str:
    """The most informative title: the longest stated (first on a tie)."""
    return max(values, key=len, default="")


def _counts(mentions: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per `keys`: mentions, sentences, documents, sessions and the
    first sentence (in reading order) that names it."""
    ordered = mentions.sort_values(["doc_id", "char_start"])
    return ordered.groupby(keys, as_index=False, sort=False).agg(
        n_mentions=("sentence_id", "size"), n_sentences=("sentence_id", "nunique"),
        n_documents=("doc_id", "nunique"), documents=("doc_id", _joined),
        n_sessions=("session_id", "nunique"), sessions=("session_id", _joined),
        first_sentence_id=("sentence_id", "first"))


def _ranked(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame.sort_values(["n_mentions", name], ascending=[False, True], kind="stable").reset_index(drop=True)


def country_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per country mentioned (iso3, country and its counts), most mentioned first."""
    return _ranked(_counts(tables["country_mentions"], ["iso3", "country"]), "country")


def organisation_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per organisation mentioned, with its type, its source and
    `needs_review` (discovered in the text, not in the gazetteer)."""
    counts = _counts(tables["organisation_mentions"], ["org_id"])
    facts = tables["organisations"][["org_id", "name", "acronym", "org_type", "source"]]
    out = counts.merge(facts, on="org_id", how="left")
    out["org_type_label"] = out["org_type"].map(actor_type_label)
    out["needs_review"] = out["source"].eq("discovered")
    return _ranked(out[["org_id", "name", "acronym", "org_type", "org_type_label", "source", "needs_review", *COUNTS]],
                   "name")


def organisations_by_type_session(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per organisation type and session: distinct organisations,
    mentions, and the org_ids counted."""
    mentions = tables["organisation_mentions"]
    out = mentions.groupby(["org_type", "session_id"], as_index=False).agg(
        n_organisations=("org_id", "nunique"), n_mentions=("org_id", "size"), org_ids=("org_id", _joined))
    out.insert(1, "org_type_label", out["org_type"].map(actor_type_label))
    return out.sort_values(["session_id", "n_organisations"], ascending=[True, False]).reset_index(drop=True)


def top_actors(tables: dict[str, pd.DataFrame], n: int) -> pd.DataFrame:
    """The `n` most-mentioned actors, organisations and countries together
    (ties broken by name)."""
    orgs = organisation_summary(tables)
    orgs = orgs.assign(actor_id=orgs["org_id"], actor_name=orgs["name"], actor_type=orgs["org_type_label"],
                       actor_label=orgs["acronym"].where(orgs["acronym"] != "", orgs["name"]))
    countries = country_summary(tables)
    countries = countries.assign(actor_id=countries["iso3"], actor_name=countries["country"], actor_type="Country",
                                 actor_label=countries["country"])
    columns = ["actor_id", "actor_name", "actor_label", "actor_type", *COUNTS]
    both = pd.concat([orgs[columns], countries[columns]], ignore_index=True)
    return _ranked(both, "actor_name").head(max(n, 0))


def people_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per person: name, title (the longest stated), affiliations
    (all stated), where they are named and the first sentence."""
    people = tables["people"]
    details = people.groupby("person_id", as_index=False).agg(
        name=("name", "first"), title=("title", _longest), affiliation=("affiliation", _distinct_items))
    out = details.merge(_counts(people, ["person_id"]), on="person_id")
    return _ranked(out[["person_id", "name", "title", "affiliation", *COUNTS]], "name")


def frameworks_by_session(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per framework and session that cites it: mentions, sentences,
    documents and the first sentence."""
    counts = _counts(tables["framework_mentions"], ["framework_id", "session_id"])
    names = tables["frameworks"][["framework_id", "name", "short_name"]]
    out = counts.merge(names, on="framework_id", how="left")
    out["framework_label"] = out["short_name"].where(out["short_name"].fillna("") != "", out["name"])
    columns = ["framework_id", "framework_label", "name", "session_id", "n_mentions", "n_sentences", "n_documents",
               "documents", "first_sentence_id"]
    return out[columns].sort_values(["session_id", "n_mentions", "framework_label"],
                                    ascending=[True, False, True]).reset_index(drop=True)


def frameworks_per_session(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per session: distinct frameworks cited and citations."""
    mentions = tables["framework_mentions"]
    return mentions.groupby("session_id", as_index=False).agg(
        n_frameworks=("framework_id", "nunique"), n_mentions=("framework_id", "size"))


def mentions_of(mentions: pd.DataFrame, column: str, value: str | None) -> pd.DataFrame:
    """The mention rows of one actor (none when no actor is chosen)."""
    return mentions[mentions[column] == value] if value else mentions.iloc[0:0]


def off_map(countries: pd.DataFrame, drawn: frozenset[str]) -> pd.DataFrame:
    """Countries of a summary that a map outline cannot draw (too small at its scale), given the ISO3
    codes it has shapes for (`ui.charts.countries.outline_ids`)."""
    return countries[~countries["iso3"].isin(drawn)]


def organisation_evidence(tables: dict[str, pd.DataFrame], org_id: str) -> pd.DataFrame:
    """The sentences naming one organisation, its names highlighted."""
    return sentences_for(tables, mentions_of(tables["organisation_mentions"], "org_id", org_id))


def country_evidence(tables: dict[str, pd.DataFrame], iso3: str) -> pd.DataFrame:
    """The sentences naming one country, its names highlighted."""
    return sentences_for(tables, mentions_of(tables["country_mentions"], "iso3", iso3))
