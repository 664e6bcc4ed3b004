"""Evidence sentences, shown as text with the matched words highlighted."""

from __future__ import annotations


import pandas as pd
import streamlit as st

from ui.escape import highlight_html, html_text as escape
from ui.styles import CSS


def source_line(title: str, session_id: str, sentence_id: str) -> str:
    """Where a sentence comes from: document, session and sentence id."""
    return (f'<p class="idm-source">{escape(title)} · {escape(session_id or "no session")} · '
            f"sentence <code>{escape(sentence_id)}</code></p>")


def evidence_html(evidence: pd.DataFrame) -> str:
    """Each sentence with its source line; where the evidence says how a theme was found
    (`found_by`), that line too."""
    how = evidence["found_by"] if "found_by" in evidence else [""] * len(evidence)
    items = "".join(
        f"<p>{highlight_html(text, spans)}</p>{source_line(title, session_id, sentence_id)}"
        + (f'<p class="idm-source">Found by: {escape(found)}</p>' if found else "")
        for text, spans, title, session_id, sentence_id, found in zip(
            evidence["text"], evidence["spans"], evidence["title"], evidence["session_id"], evidence["sentence_id"],
            how))
    # focusable, so a keyboard can scroll it where a page shows it in a scrolling container
    return (f'<style>{CSS}</style><div class="idm-evidence" tabindex="0" role="region" aria-label="Sentences">'
            f"{items}</div>")


def show(evidence: pd.DataFrame, limit: int = 50) -> None:
    """The sentences, each followed by its document, session and sentence id: one
    HTML element for all (an element per line, or Markdown, made reruns slow)."""
    if evidence.empty:
        st.caption("No sentence.")
        return
    st.html(evidence_html(evidence.head(limit)))
    if len(evidence) > limit:
        st.caption(f"Showing {limit} of {len(evidence)} sentences; the CSV has them all.")
