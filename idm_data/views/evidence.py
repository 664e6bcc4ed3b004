"""Evidence: the sentences behind a figure.

`sentences_for(tables, mentions)` turns any mention rows (themes, countries,
organisations, frameworks, people) into one row per sentence, with the
spans to highlight and the document and session named. Rendering them (escaped,
highlighted) is `ui.escape`.
"""

from __future__ import annotations

import pandas as pd

EVIDENCE_COLUMNS = ["session_id", "doc_id", "title", "doc_type", "sentence_id", "text", "spans", "matched"]


def _documents(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return tables["documents"][["doc_id", "title", "doc_type"]]


def sentences_for(tables: dict[str, pd.DataFrame], mentions: pd.DataFrame, surface: str = "surface") -> pd.DataFrame:
    """One row per sentence of `mentions`, with its highlight spans."""
    if mentions.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    spans = (mentions.assign(span=list(zip(mentions["sentence_start"], mentions["sentence_end"])))
             .groupby("sentence_id").agg(spans=("span", lambda s: sorted(set(s))),
                                         matched=(surface, lambda s: "; ".join(dict.fromkeys(s)))))
    sentences = tables["sentences"].merge(spans, left_on="sentence_id", right_index=True)
    out = sentences.merge(_documents(tables), on="doc_id", how="left")
    out = out.sort_values(["session_id", "doc_id", "paragraph_no", "sentence_no"])
    return out[EVIDENCE_COLUMNS].reset_index(drop=True)


def for_download(evidence: pd.DataFrame) -> pd.DataFrame:
    """Evidence as a flat table (spans dropped) with its provenance columns."""
    return evidence.drop(columns=["spans"], errors="ignore")
