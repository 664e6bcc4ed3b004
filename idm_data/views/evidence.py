"""Evidence: the sentences behind a figure, and keyword-in-context search.

`sentences_for(tables, mentions)` turns any mention rows (themes, countries,
organisations, frameworks, people) into one row per sentence, with the
spans to highlight and the document and session named. Rendering them (escaped,
highlighted) is `ui.escape`.
"""

from __future__ import annotations

import re

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



def search(tables: dict[str, pd.DataFrame], query: str, width: int = 70) -> pd.DataFrame:
    """Keyword in context: sentences containing `query` (case-insensitive,
    whole words; several words match as a phrase)."""
    columns = ["session_id", "doc_id", "title", "sentence_id", "left", "match", "right", "text", "spans"]
    words = query.split()
    if not words:
        return pd.DataFrame(columns=columns)
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.I)
    sentences = tables["sentences"]
    hits = sentences[sentences["text"].str.contains(pattern, regex=True)]
    rows = []
    for row in hits.itertuples():
        found = list(pattern.finditer(row.text))
        first = found[0]
        rows.append({"session_id": row.session_id, "doc_id": row.doc_id, "sentence_id": row.sentence_id,
                     "left": row.text[max(0, first.start() - width):first.start()], "match": first.group(0),
                     "right": row.text[first.end():first.end() + width], "text": row.text,
                     "spans": [(m.start(), m.end()) for m in found]})
    out = pd.DataFrame(rows, columns=[c for c in columns if c != "title"])
    return out.merge(_documents(tables)[["doc_id", "title"]], on="doc_id", how="left")[columns]
