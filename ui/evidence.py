"""Evidence sentences, shown as text with the matched words highlighted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from idm_data.evidence import escape_markdown, highlight_markdown

SEPARATOR = "\n\n"  # one paragraph per sentence, then its source line


def source_line(title: str, session_id: str, sentence_id: str) -> str:
    """Where a sentence comes from, in small grey type."""
    return (f":small[:gray[{escape_markdown(title)} · {escape_markdown(session_id or 'no session')} · "
            f"sentence `{sentence_id.replace('`', '')}`]]")


def evidence_markdown(evidence: pd.DataFrame) -> str:
    return SEPARATOR.join(
        f"{highlight_markdown(text, spans)}  \n{source_line(title, session_id, sentence_id)}"
        for text, spans, title, session_id, sentence_id in zip(
            evidence["text"], evidence["spans"], evidence["title"], evidence["session_id"], evidence["sentence_id"]))


def show(evidence: pd.DataFrame, limit: int = 50) -> None:
    """The sentences, each followed by its document, session and sentence id: one
    element for all (an element per line made every rerun redraw ~100 of them)."""
    if evidence.empty:
        st.caption("No sentence.")
        return
    st.markdown(evidence_markdown(evidence.head(limit)), unsafe_allow_html=True)
    if len(evidence) > limit:
        st.caption(f"Showing {limit} of {len(evidence)} sentences; the CSV has them all.")
