"""Page furniture: headers, empty states, CSV and JSON downloads, citations and source footers."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Iterator

import pandas as pd
import streamlit as st

from idm_data.extract.themes import codebook_version
from idm_data.views import citation
from idm_data.views.filters import Filters, vocabulary as view_vocabulary
from idm_data.views.summaries import sources
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


def json_records(frame: pd.DataFrame) -> bytes:
    """The rows as a JSON array of objects; text columns (ids) stay strings, missing values null."""
    return frame.to_json(orient="records", force_ascii=False, date_format="iso").encode("utf-8")


def _json_label(label: str) -> str:
    return label.replace("CSV", "JSON") if "CSV" in label else f"{label} (JSON)"


def download_csv(frame: pd.DataFrame, file_name: str, label: str = "Download CSV", key: str | None = None) -> None:
    """Downloads of exactly the rows and columns shown, as CSV and as JSON side by side
    (written only when clicked: building every file on every rerun is slow for a large corpus)."""
    key = key or f"download-{file_name}"
    # on_click="ignore": a download changes nothing on the page, and a rerun would revoke the file being written
    with st.container(horizontal=True):
        st.download_button(label, lambda: frame.to_csv(index=False).encode("utf-8"), file_name=file_name,
                           mime="text/csv", key=key, icon=":material/download:", on_click="ignore")
        st.download_button(_json_label(label), lambda: json_records(frame),
                           file_name=file_name.removesuffix(".csv") + ".json", mime="application/json",
                           key=f"{key}-json", icon=":material/data_object:", on_click="ignore")


def cite_view(url: str, chosen: Filters, page_title: str | None = None) -> None:
    """"Cite this view" in the sidebar: the view's title, link, access date and codebook
    version as a line of text and a BibTeX entry, drawn once opened. Shown as code, so
    stored labels are never read as Markdown (the BibTeX form escapes TeX)."""
    with st.sidebar, drawn_when_open("Cite this view", "cite-view", icon=":material/format_quote:") as is_open:
        if is_open:
            vocabulary = data.derived(view_vocabulary, None)
            title = citation.view_title(page_title or citation.page_title_from_path(url), chosen, vocabulary)
            cited = citation.Citation(title, url, date.today(), codebook_version())
            st.code(citation.plain_text(cited), language=None, wrap_lines=True)
            st.code(citation.bibtex(cited), language=None, wrap_lines=True)
            st.caption("Copy either form: the link reopens this view; the codebook version says which "
                       "theme definitions the counts use.")


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
