"""Evidence sentences, shown as text with the matched words highlighted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from idm_data.evidence import highlight_markdown


def show(evidence: pd.DataFrame, limit: int = 50, key: str = "evidence") -> None:
    """One line per sentence: highlighted text, then document and session."""
    if evidence.empty:
        st.caption("No sentence.")
        return
    for row in evidence.head(limit).itertuples():
        st.markdown(highlight_markdown(row.text, row.spans), unsafe_allow_html=True)
        st.caption(f"{row.title} · {row.session_id or 'no session'} · sentence `{row.sentence_id}`")
    if len(evidence) > limit:
        st.caption(f"Showing {limit} of {len(evidence)} sentences; the CSV has them all.")
