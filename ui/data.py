"""Cached access to the data layer for the pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from idm_data import filters as f
from idm_data.resources import corpus_dirs
from idm_data.tables import build_or_read, corpus_key


@st.cache_data(show_spinner="Building the tables from the corpus…", max_entries=4)
def _tables(key: str, folders: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return build_or_read(list(folders))


def tables() -> dict[str, pd.DataFrame]:
    """All tables of the corpus (the packaged documents plus added ones)."""
    folders = corpus_dirs()
    return _tables(corpus_key(folders), tuple(str(p) for p in folders))


@st.cache_data(max_entries=64)
def filtered(key: str, chosen: f.Filters, _tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return f.apply(_tables, chosen)


def tables_for(chosen: f.Filters) -> dict[str, pd.DataFrame]:
    """Every table restricted to the sidebar's filters."""
    folders = corpus_dirs()
    return filtered(corpus_key(folders), chosen, tables())
