"""Cached access to the data layer for the pages.

The full tables and each filtered view are cached as shared resources, not
with `st.cache_data`: a cache_data hit unpickles a copy of every table on
every rerun, which at a thousand documents costs seconds. The frames are
treated as read-only (every `idm_data` function returns new frames).
Derived results (the small tables and figures a page draws) go through
`derived`, which is `st.cache_data` keyed by the corpus and the filters, so
a rerun with the same filters recomputes nothing. The full-text index and
the sentence vectors are shared resources too, built once per corpus (the
vectors only when a visitor first asks for similar sentences).
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st

from idm_data.search import fulltext, similar
from idm_data.views import filters as f
from idm_data.resources import corpus_dirs
from idm_data.build.tables import build_or_read, corpus_key

Corpus = tuple[str, tuple[str, ...]]  # (content key, folders)


@lru_cache(maxsize=1)
def _corpus_at(second: int, folders: tuple[str, ...]) -> Corpus:
    return corpus_key([Path(p) for p in folders]), folders


def corpus() -> Corpus:
    """The corpus key and folders, the key computed at most once a second (a
    page asks several times per run; listing a large corpus folder adds up)."""
    return _corpus_at(int(time.monotonic()), tuple(str(p) for p in corpus_dirs()))


def corpus_changed() -> None:
    """Forget the corpus key now (after a document is added or removed)."""
    _corpus_at.cache_clear()


@st.cache_resource(show_spinner="Building the tables from the corpus…", max_entries=2)
def _tables(key: str, folders: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return build_or_read(list(folders))


@st.cache_resource(max_entries=32)
def _filtered(key: str, folders: tuple[str, ...], chosen: f.Filters) -> dict[str, pd.DataFrame]:
    return f.apply(_tables(key, folders), chosen)


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the corpus (the packaged documents plus added ones)."""
    return _tables(*corpus())


def tables_for(chosen: f.Filters) -> dict[str, pd.DataFrame]:
    """Every table restricted to the sidebar's filters."""
    return _filtered(*corpus(), chosen)


@st.cache_data(max_entries=512, show_spinner=False)
def _derived(key: str, folders: tuple[str, ...], chosen: f.Filters | None, name: str, args: tuple, _fn: Callable):
    # keyed by `name`: the function itself is passed unhashed (`_fn`), so the call stays visible to readers
    tables_ = _tables(key, folders) if chosen is None else _filtered(key, folders, chosen)
    return _fn(tables_, *args)


def derived(fn: Callable, chosen: f.Filters | None, *args):
    """`fn(tables, *args)` on the filtered tables (or all, if `chosen` is
    None), cached per corpus, filters and arguments. `fn` must be a module-level
    function taking the tables first; `args` must be hashable."""
    return _derived(*corpus(), chosen, f"{fn.__module__}.{fn.__qualname__}", tuple(args), fn)


@st.cache_data(max_entries=256, show_spinner=False)
def _derived_in_corpus(key: str, folders: tuple[str, ...], chosen: f.Filters, name: str, args: tuple, _fn: Callable):
    return _fn(_tables(key, folders), _filtered(key, folders, chosen), *args)


def derived_in_corpus(fn: Callable, chosen: f.Filters, *args):
    """`fn(all_tables, filtered_tables, *args)`, cached like `derived`: for views of the
    filtered tables that also read what the filters drop (e.g. every theme a kept sentence
    mentions, when the filters keep only some themes)."""
    return _derived_in_corpus(*corpus(), chosen, f"{fn.__module__}.{fn.__qualname__}", tuple(args), fn)


@st.cache_resource(show_spinner="Indexing the sentences for search…", max_entries=2)
def _search_index(key: str, folders: tuple[str, ...]) -> fulltext.SentenceIndex:
    return fulltext.SentenceIndex(_tables(key, folders)["sentences"])


@st.cache_data(max_entries=256, show_spinner=False)
def _search(key: str, folders: tuple[str, ...], chosen: f.Filters, text: str) -> fulltext.Search:
    return fulltext.search(_search_index(key, folders), _filtered(key, folders, chosen), text)


def search(chosen: f.Filters, text: str) -> fulltext.Search:
    """Full-text search (`idm_data.search.fulltext`) of the sentences the filters keep; the
    index is built once per corpus and shared by every session (read-only)."""
    return _search(*corpus(), chosen, text)


@st.cache_resource(show_spinner="Reading every sentence for its meaning (once per corpus)…", max_entries=1)
def _sentence_vectors(key: str, folders: tuple[str, ...]) -> similar.SentenceVectors:
    return similar.SentenceVectors.build(_tables(key, folders)["sentences"])


@st.cache_data(max_entries=128, show_spinner=False)
def _similar(key: str, folders: tuple[str, ...], chosen: f.Filters, sentence_id: str, n: int) -> pd.DataFrame:
    return similar.similar_sentences(_sentence_vectors(key, folders), _filtered(key, folders, chosen), sentence_id, n)


def similar_sentences(chosen: f.Filters, sentence_id: str, n: int = similar.NEAREST) -> pd.DataFrame:
    """The sentences the filters keep that are nearest in meaning to `sentence_id` (the model is
    loaded and the corpus embedded on the first call only)."""
    return _similar(*corpus(), chosen, sentence_id, n)
