"""Cached access to the data layer for the pages.

The full tables and each filtered view are cached as resources, not with
`st.cache_data`: a cache_data hit unpickles a copy of every table on every
rerun, which at a thousand documents costs seconds. The frames are treated
as read-only (every `idm_data` function returns new frames). Derived
results (the small tables and figures a page draws) go through `derived`,
which is `st.cache_data` keyed by the corpus and the filters, so a rerun
with the same filters recomputes nothing.

Every cache comes twice: shared by all sessions for the shared corpus, and
session-scoped for a session that added documents of its own (`ui.uploads`),
so its tables are built for it alone and dropped when it ends.
The full-text index and the sentence vectors are resources too, built once per
corpus (the vectors only when a visitor first asks for similar sentences).
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st

from idm_data.build.tables import build_or_read, corpus_key
from idm_data.resources import corpus_dirs
from idm_data.search import fulltext, similar
from idm_data.views import filters as f
from ui import uploads

Corpus = tuple[str, tuple[str, ...], bool]  # (content key, folders, whether one is this session's own)
_BUILDING = "Building the tables from the corpus…"


@lru_cache(maxsize=8)
def _corpus_at(second: int, folders: tuple[str, ...], own: bool) -> Corpus:
    return corpus_key([Path(p) for p in folders]), folders, own


def _corpus_of(folders: list[Path], own: bool) -> Corpus:
    return _corpus_at(int(time.monotonic()), tuple(str(p) for p in folders), own)


def corpus() -> Corpus:
    """The corpus key and folders, the key computed at most once a second (a
    page asks several times per run; listing a large corpus folder adds up)."""
    return _corpus_of(*uploads.corpus_folders())


def corpus_changed() -> None:
    """Forget the corpus key now (after a document is added or removed)."""
    _corpus_at.cache_clear()


@st.cache_resource(show_spinner=_BUILDING, max_entries=2)
def _shared_tables(key: str, folders: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return build_or_read(list(folders))


@st.cache_resource(show_spinner=_BUILDING, max_entries=1, scope="session")
def _own_tables(key: str, folders: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return build_or_read(list(folders))


def _tables(key: str, folders: tuple[str, ...], own: bool) -> dict[str, pd.DataFrame]:
    return (_own_tables if own else _shared_tables)(key, folders)


@st.cache_resource(max_entries=32)
def _shared_filtered(key: str, folders: tuple[str, ...], chosen: f.Filters) -> dict[str, pd.DataFrame]:
    return f.apply(_shared_tables(key, folders), chosen)


@st.cache_resource(max_entries=8, scope="session")
def _own_filtered(key: str, folders: tuple[str, ...], chosen: f.Filters) -> dict[str, pd.DataFrame]:
    return f.apply(_own_tables(key, folders), chosen)


def _filtered(key: str, folders: tuple[str, ...], own: bool, chosen: f.Filters) -> dict[str, pd.DataFrame]:
    return (_own_filtered if own else _shared_filtered)(key, folders, chosen)


def warm_shared() -> None:
    """Cache what every page's first run asks for (`ui.sidebar.setup` with nothing chosen): the shared
    corpus's tables, the filters' vocabulary and the unfiltered view. For the server's warm-up, outside any
    session: it reads the shared corpus alone, as a session that added no document does."""
    shared = _corpus_of(corpus_dirs(), own=False)
    _derived_from(shared, f.vocabulary, None, ())
    _filtered(*shared, f.Filters())


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the corpus this session reads (shared documents and its own)."""
    return _tables(*corpus())


def tables_for(chosen: f.Filters) -> dict[str, pd.DataFrame]:
    """Every table restricted to the sidebar's filters."""
    return _filtered(*corpus(), chosen)


def _compute(key, folders, own, chosen, args, fn):
    tables_ = _tables(key, folders, own) if chosen is None else _filtered(key, folders, own, chosen)
    return fn(tables_, *args)


# keyed by `name`: the function itself is passed unhashed (`_fn`), so the call stays visible to readers
@st.cache_data(max_entries=512, show_spinner=False)
def _shared_derived(key: str, folders: tuple[str, ...], chosen: f.Filters | None, name: str, args: tuple,
                    _fn: Callable):
    return _compute(key, folders, False, chosen, args, _fn)


@st.cache_data(max_entries=64, show_spinner=False, scope="session")
def _own_derived(key: str, folders: tuple[str, ...], chosen: f.Filters | None, name: str, args: tuple,
                 _fn: Callable):
    return _compute(key, folders, True, chosen, args, _fn)


def derived(fn: Callable, chosen: f.Filters | None, *args):
    """`fn(tables, *args)` on the filtered tables (or all, if `chosen` is
    None), cached per corpus, filters and arguments. `fn` must be a module-level
    function taking the tables first; `args` must be hashable."""
    return _derived_from(corpus(), fn, chosen, args)


def _derived_from(corpus_: Corpus, fn: Callable, chosen: f.Filters | None, args: tuple):
    key, folders, own = corpus_
    cached = _own_derived if own else _shared_derived
    return cached(key, folders, chosen, _name(fn), tuple(args), fn)


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _compute_in_corpus(key, folders, own, chosen, args, fn):
    return fn(_tables(key, folders, own), _filtered(key, folders, own, chosen), *args)


@st.cache_data(max_entries=256, show_spinner=False)
def _shared_in_corpus(key: str, folders: tuple[str, ...], chosen: f.Filters, name: str, args: tuple, _fn: Callable):
    return _compute_in_corpus(key, folders, False, chosen, args, _fn)


@st.cache_data(max_entries=32, show_spinner=False, scope="session")
def _own_in_corpus(key: str, folders: tuple[str, ...], chosen: f.Filters, name: str, args: tuple, _fn: Callable):
    return _compute_in_corpus(key, folders, True, chosen, args, _fn)


def derived_in_corpus(fn: Callable, chosen: f.Filters, *args):
    """`fn(all_tables, filtered_tables, *args)`, cached like `derived`: for views of the
    filtered tables that also read what the filters drop (e.g. every theme a kept sentence
    mentions, when the filters keep only some themes)."""
    key, folders, own = corpus()
    cached = _own_in_corpus if own else _shared_in_corpus
    return cached(key, folders, chosen, _name(fn), tuple(args), fn)


_INDEXING = "Indexing the sentences for search…"
_READING = "Reading every sentence for its meaning (once per corpus)…"


@st.cache_resource(show_spinner=_INDEXING, max_entries=2)
def _shared_search_index(key: str, folders: tuple[str, ...]) -> fulltext.SentenceIndex:
    return fulltext.SentenceIndex(_shared_tables(key, folders)["sentences"])


@st.cache_resource(show_spinner=_INDEXING, max_entries=1, scope="session")
def _own_search_index(key: str, folders: tuple[str, ...]) -> fulltext.SentenceIndex:
    return fulltext.SentenceIndex(_own_tables(key, folders)["sentences"])


@st.cache_data(max_entries=256, show_spinner=False)
def _shared_search(key: str, folders: tuple[str, ...], chosen: f.Filters, text: str) -> fulltext.Search:
    return fulltext.search(_shared_search_index(key, folders), _shared_filtered(key, folders, chosen), text)


@st.cache_data(max_entries=32, show_spinner=False, scope="session")
def _own_search(key: str, folders: tuple[str, ...], chosen: f.Filters, text: str) -> fulltext.Search:
    return fulltext.search(_own_search_index(key, folders), _own_filtered(key, folders, chosen), text)


def search(chosen: f.Filters, text: str) -> fulltext.Search:
    """Full-text search (`idm_data.search.fulltext`) of the sentences the filters keep; the
    index is built once per corpus and shared by every session reading it (read-only)."""
    key, folders, own = corpus()
    return (_own_search if own else _shared_search)(key, folders, chosen, text)


@st.cache_resource(show_spinner=_READING, max_entries=1)
def _shared_vectors(key: str, folders: tuple[str, ...]) -> similar.SentenceVectors:
    return similar.SentenceVectors.build(_shared_tables(key, folders)["sentences"])


@st.cache_resource(show_spinner=_READING, max_entries=1, scope="session")
def _own_vectors(key: str, folders: tuple[str, ...]) -> similar.SentenceVectors:
    return similar.SentenceVectors.build(_own_tables(key, folders)["sentences"])


@st.cache_data(max_entries=128, show_spinner=False)
def _shared_similar(key: str, folders: tuple[str, ...], chosen: f.Filters, sentence_id: str, n: int) -> pd.DataFrame:
    return similar.similar_sentences(_shared_vectors(key, folders), _shared_filtered(key, folders, chosen),
                                     sentence_id, n)


@st.cache_data(max_entries=16, show_spinner=False, scope="session")
def _own_similar(key: str, folders: tuple[str, ...], chosen: f.Filters, sentence_id: str, n: int) -> pd.DataFrame:
    return similar.similar_sentences(_own_vectors(key, folders), _own_filtered(key, folders, chosen), sentence_id, n)


def similar_sentences(chosen: f.Filters, sentence_id: str, n: int = similar.NEAREST) -> pd.DataFrame:
    """The sentences the filters keep that are nearest in meaning to `sentence_id` (the model is
    loaded and the corpus embedded on the first call only)."""
    key, folders, own = corpus()
    return (_own_similar if own else _shared_similar)(key, folders, chosen, sentence_id, n)
