"""Page furniture: headers, empty states, CSV downloads and source footers."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pandas as pd
import streamlit as st

from idm_data.views.filters import Filters
from idm_data.views.summaries import sources
from idm_data.extract.themes import codebook_version
from ui import data
from ui.escape import markdown_text

FOOTER_DOCUMENTS = 10


def no_data(what: str = "this view") -> None:
    st.info(f"No data for {what} with the current filters. Widen the sessions, themes or document types in the sidebar.")


@contextmanager
def drawn_when_open(label: str, key: str, **kwargs) -> Iterator[bool]:
    """An expander whose content is drawn only once it is opened (opening reruns the
    page): grids and code blocks then cost nothing on a first load or a filter change.
    Keep `label` fixed: Streamlit keys the open state by the label too, so a count in
    it would close the expander whenever the count changes."""
    with st.expander(label, key=key, on_change="rerun", **kwargs) as box:
        yield bool(box.open)


def download_csv(frame: pd.DataFrame, file_name: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A CSV download of exactly the rows and columns shown (written only when
    clicked: building every CSV on every rerun is slow for a large corpus)."""
    st.download_button(label, lambda: frame.to_csv(index=False).encode("utf-8"), file_name=file_name,
                       mime="text/csv", key=key or f"download-{file_name}", icon=":material/download:")


def footer(chosen: Filters) -> None:
    """Where the page's data comes from (session ids, titles and file names escaped:
    they may come from an upload or a manifest)."""
    found = data.derived(sources, chosen, FOOTER_DOCUMENTS)
    session_ids, n_documents = found["session_ids"], found["n_documents"]
    sessions = (", ".join(map(markdown_text, session_ids[:12]))
                + (f" and {len(session_ids) - 12} more" if len(session_ids) > 12 else "")) or "none"
    files = "; ".join(map(markdown_text, found["documents"])) or "none"
    if n_documents > FOOTER_DOCUMENTS:
        files += f"; and {n_documents - FOOTER_DOCUMENTS} more (listed on the Method page)"
    st.divider()
    st.caption(
        f"**Sources:** {n_documents} document(s) of session(s) {sessions}: {files}. "
        f"Texts: IOM International Dialogue on Migration, closing remarks and summaries of conclusions. "
        f"Theme codebook version {codebook_version()}. Every figure links to its sentences; "
        f"see the Method page for how each table is extracted and how accurate it is."
        + ("" if chosen.is_empty() else " Filters applied: see the sidebar.")
    )
