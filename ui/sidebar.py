"""The sidebar filters every page shares: sessions, themes, document types."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from idm_data.views import filters as f
from ui import data, layout, url_state

FILTER_KEYS = ("session", "theme", "doc_type")


def filters() -> f.Filters:
    """Draw the shared filters (bound to the URL) and return the choice."""
    vocab = data.derived(f.vocabulary, None)
    st.sidebar.header("Filters")
    sessions = url_state.multiselect("Sessions", vocab.sessions, "session", placeholder="All sessions")
    themes = url_state.multiselect("Themes (GCM objectives and cross-cutting)", vocab.themes, "theme",
                                   placeholder="All themes",
                                   help="A theme keeps the sentences that carry it, and what they mention.")
    doc_types = url_state.multiselect("Document type", vocab.doc_types, "doc_type", placeholder="All types")
    return f.Filters(tuple(sessions), tuple(themes), tuple(doc_types))


def link_to_view(chosen: f.Filters, extra: dict | None = None, title: str | None = None) -> None:
    """A copyable link that reopens exactly this view, and a citation of it (`title`:
    the page's name, else taken from its URL path)."""
    base = (st.context.url or "").split("?")[0]
    query = f.query_string(chosen, extra)
    url = f"{base}?{query}" if query and base else base
    with st.sidebar, layout.drawn_when_open("Link to this view", "link-to-view", icon=":material/link:") as is_open:
        if is_open:  # st.code's script (1.5 MB) would otherwise slow every first page load
            st.code(f"{base}?{query}" if query else base or "(this page, no filters)", language=None,
                    wrap_lines=True)
            st.caption("Copy it: whoever opens it sees these filters.")
    layout.cite_view(url, chosen, title)


def setup(page_keys: tuple[str, ...] = ()) -> tuple[dict[str, pd.DataFrame], f.Filters, dict[str, pd.DataFrame]]:
    """A page's start: all tables, the sidebar's filters (dropping URL
    parameters the page does not use) and the tables those filters keep."""
    all_tables = data.tables()
    chosen = filters()
    url_state.keep_only(FILTER_KEYS + tuple(page_keys))
    return all_tables, chosen, data.tables_for(chosen)
