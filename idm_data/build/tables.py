"""The corpus as tidy tables: build, cache and load.

`build_tables(corpus_dir)` reads the folder, extracts every document (in
parallel for large corpora) and assembles the tables that `schema.yaml`
describes. `load()` returns them for the packaged corpus, cached in memory
and on disk (Parquet, keyed by the corpus content and the code version), so
a restart does not rebuild an unchanged corpus.
"""

from __future__ import annotations

import gc
import json
import os
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd

from idm_data.build.cache import cache_key, read_cached, write_cached
from idm_data.build.schema import conform
from idm_data.extract import countries, frameworks, organisations, themes
from idm_data.extract.document import extract_document
from idm_data.extract.people import person_id, resolve_names
from idm_data.ingest.files import SourceDocument, read_corpus
from idm_data.resources import CORPUS_DIR, corpus_dirs

PARALLEL_FROM = 50  # documents; below this a process pool costs more than it saves
# Extractions kept in memory (for corpora under PARALLEL_FROM documents), so that a session adding a document
# to the packaged ones re-extracts only that one; bounded in number and in source text (the rows take ~20x
# the text's size), a larger text is not kept.
REMEMBERED_DOCUMENTS = 64
REMEMBERED_CHARS = 2_000_000

_extracted: OrderedDict[tuple, tuple[dict, int]] = OrderedDict()  # key -> (rows, characters of source text)
_extracted_lock = threading.Lock()


def forget_extractions() -> None:
    """Drop every remembered extraction: the next build extracts every document again."""
    with _extracted_lock:
        _extracted.clear()


def _extract_remembered(source: SourceDocument, learned: bool) -> dict[str, list[dict]]:
    """One document's rows, extracted once per process for the same file, bytes and facts
    (the callers pop tables from the dict they get, so each gets its own)."""
    key = (source.file, source.sha256, json.dumps(source.manifest, sort_keys=True, default=str), learned)
    with _extracted_lock:
        if key in _extracted:
            _extracted.move_to_end(key)
            return dict(_extracted[key][0])
    parts = extract_document(source, learned=learned)
    size = len(source.raw)
    if size <= REMEMBERED_CHARS:
        with _extracted_lock:
            _extracted[key] = (parts, size)
            while (len(_extracted) > REMEMBERED_DOCUMENTS
                   or sum(kept for _, kept in _extracted.values()) > REMEMBERED_CHARS):
                _extracted.popitem(last=False)
    return dict(parts)


def _extract_all(sources: list[SourceDocument], learned: bool = True) -> list[dict]:
    if len(sources) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_extract_remembered(s, learned) for s in sources]
    extract = partial(extract_document, learned=learned)
    # workers forked during the server's warm-up or first run would inherit its held-off collector (ui.first_run)
    with ProcessPoolExecutor(max_workers=os.cpu_count(), initializer=gc.enable) as pool:
        return list(pool.map(extract, sources, chunksize=8))


def _frame(parts: list[dict], name: str) -> pd.DataFrame:
    """One table from every document's rows; the rows are freed as they are used."""
    rows = [row for part in parts for row in part.pop(name, [])]
    return pd.DataFrame(rows)


Folders = "Path | str | list[Path | str]"


def _as_list(corpus: Folders) -> list[Path]:
    return [Path(p) for p in corpus] if isinstance(corpus, (list, tuple)) else [Path(corpus)]


def build_tables(corpus: Folders = CORPUS_DIR, learned: bool = True) -> dict[str, pd.DataFrame]:
    """Every table of the corpus in one folder or several (`learned=False`: GCM objectives
    from the codebook's phrases only)."""
    sources, errors = [], []
    for folder in _as_list(corpus):
        found, failed = read_corpus(folder)
        sources += found
        errors += failed
    parts = _extract_all(sources, learned)
    t = {name: _frame(parts, name) for name in (
        "documents", "paragraphs", "sentences", "takeaways", "actions", "country_mentions",
        "organisation_mentions", "framework_mentions", "theme_mentions", "partnerships", "session_figures")}
    t["load_errors"] = pd.DataFrame([{"file": e.file, "error": e.reason} for e in errors])
    t["sessions"] = _sessions(_frame(parts, "session_facts"), t["session_figures"], t["documents"])
    t["organisations"] = _organisations(_frame(parts, "discovered_organisations"), t["organisation_mentions"])
    t["organisation_mentions"] = _with_org_facts(t["organisation_mentions"], t["organisations"])
    t["frameworks"] = frameworks.framework_table().copy()
    t["framework_mentions"] = _with_names(t["framework_mentions"], t["frameworks"], "framework_id", ["name"])
    t["themes"] = themes.theme_table().copy()
    t["theme_mentions"] = _with_names(t["theme_mentions"], t["themes"], "theme_id", ["theme", "family"])
    t["people"] = _people(_frame(parts, "people_mentions"))
    t["takeaways"] = _with_themes(t["takeaways"], t["theme_mentions"])
    t["countries"] = _countries(t["country_mentions"])
    return {name: conform(name, frame) for name, frame in t.items()}


def _sessions(facts: pd.DataFrame, figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    if facts.empty:
        return facts
    facts = facts.replace("", pd.NA)
    sessions = facts.groupby("session_id", dropna=False, sort=True).first().reset_index().fillna("")
    sessions["n_documents"] = sessions["session_id"].map(documents["session_id"].value_counts()).fillna(0).astype(int)
    for figure in ("participants", "speakers", "women_speakers"):
        chosen = figures[figures["figure"] == figure].drop_duplicates("session_id") if not figures.empty else figures
        values = chosen.set_index("session_id") if not chosen.empty else pd.DataFrame(columns=["value", "qualifier", "sentence_id"])
        sessions[figure] = sessions["session_id"].map(values["value"]).astype("Int64")
        sessions[f"{figure}_qualifier"] = sessions["session_id"].map(values["qualifier"]).fillna("")
        sessions[f"{figure}_sentence_id"] = sessions["session_id"].map(values["sentence_id"]).fillna("")
    return sessions


def _organisations(discovered: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    known = organisations.gazetteer().assign(source="gazetteer")
    if not discovered.empty:
        new = discovered.drop_duplicates("org_id").assign(source="discovered", aliases="", parent="",
                                                          description="Found in the text; not yet reviewed.")
        known = pd.concat([known, new[[c for c in known.columns if c in new.columns]]], ignore_index=True)
    counts = mentions["org_id"].value_counts() if not mentions.empty else pd.Series(dtype=int)
    known["n_mentions"] = known["org_id"].map(counts).fillna(0).astype(int)
    return known


def _with_org_facts(mentions: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    return _with_names(mentions, orgs, "org_id", ["name", "acronym", "org_type"])


def _with_names(mentions: pd.DataFrame, lookup: pd.DataFrame, key: str, columns: list[str]) -> pd.DataFrame:
    if mentions.empty:
        return mentions
    return mentions.merge(lookup[[key, *columns]].drop_duplicates(key), on=key, how="left")


def _people(mentions: pd.DataFrame) -> pd.DataFrame:
    if mentions.empty:
        return mentions
    names = resolve_names(set(mentions["name"]))
    people = mentions.assign(name=mentions["name"].map(names))
    people["person_id"] = people["name"].map(person_id)
    # a surname-only mention borrows the title and affiliation stated most often
    titled = people[people["title"] != ""]
    ranked = titled.assign(n=titled.groupby(["person_id", "title"])["title"].transform("size"),
                           length=titled["title"].str.len())
    best = ranked.sort_values(["n", "length"], ascending=False).drop_duplicates("person_id").set_index("person_id")
    for column in ("title", "affiliation"):
        missing = people[column] == ""
        people.loc[missing, column] = people.loc[missing, "person_id"].map(best[column]).fillna("")
    return people


def _with_themes(items: pd.DataFrame, theme_mentions: pd.DataFrame) -> pd.DataFrame:
    if items.empty:
        return items
    by_sentence = theme_mentions.groupby("sentence_id")["theme_id"].agg(set) if not theme_mentions.empty else pd.Series(dtype=object)
    order = themes.theme_table().set_index("theme_id")["theme_order"].to_dict()

    def theme_ids(sentence_ids: str) -> str:
        found = set().union(*[by_sentence.get(s, set()) for s in sentence_ids.split(";")])
        return ";".join(sorted(found, key=lambda t: order.get(t, 999)))

    return items.assign(theme_ids=items["sentence_ids"].map(theme_ids))


def _countries(mentions: pd.DataFrame) -> pd.DataFrame:
    if mentions.empty:
        return pd.DataFrame(columns=["iso3", "country", "n_mentions", "n_documents", "sessions"])
    grouped = mentions.groupby(["iso3", "country"])
    table = grouped.agg(n_mentions=("sentence_id", "size"), n_documents=("doc_id", "nunique"),
                        sessions=("session_id", lambda s: ";".join(sorted(set(s))))).reset_index()
    return table.sort_values(["n_mentions", "country"], ascending=[False, True], ignore_index=True)


def corpus_key(corpus: Folders) -> str:
    return "-".join(cache_key(folder) for folder in _as_list(corpus))


def build_or_read(corpus: Folders = CORPUS_DIR, use_disk_cache: bool = True) -> dict[str, pd.DataFrame]:
    """The tables, from the on-disk cache when the corpus is unchanged."""
    key = corpus_key(corpus)
    if use_disk_cache:
        cached = read_cached(key)
        if cached is not None:
            return cached
    tables = build_tables(corpus)
    if use_disk_cache:
        write_cached(key, tables)
    return tables


@lru_cache(maxsize=4)
def _load(folders: tuple[str, ...], key: str) -> dict[str, pd.DataFrame]:
    return build_or_read(list(folders))


def load(corpus: Folders | None = None) -> dict[str, pd.DataFrame]:
    """All tables of the corpus (cached; rebuilt when a file changes).

    By default: the packaged corpus plus any documents added from the
    dashboard (see `resources.added_dir`).
    """
    folders = _as_list(corpus) if corpus is not None else corpus_dirs()
    return _load(tuple(str(f) for f in folders), corpus_key(folders))
