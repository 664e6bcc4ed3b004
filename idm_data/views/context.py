"""Sentences in their context, for the Explorer page.

Owns: the list of sentences a reader can open, and a sentence's
surroundings: its paragraph (with the sentence's span in it), the paragraphs
before and after, and the offsets in the original file. It does not search
(`idm_data.search` does) nor highlight text (`ui.escape` does). Pure pandas.
"""

from __future__ import annotations

import pandas as pd

from idm_data.text.labels import shorten

CONTEXT_COLUMNS = ["doc_id", "session_id", "sentence_id", "paragraph_no", "role", "is_heading",
                   "char_start", "char_end", "text", "spans"]
ROLES = {-1: "previous paragraph", 0: "paragraph of the sentence", 1: "next paragraph"}


def sentence_choices(sentences: pd.DataFrame, first=(), width: int = 80) -> dict[str, str]:
    """Sentence ids a reader can open, labelled with the start of their text:
    the ids in `first` (e.g. search hits) lead, then the rest in text order."""
    ordered = sentences.sort_values(["doc_id", "paragraph_no", "sentence_no"])
    texts = dict(zip(ordered["sentence_id"], ordered["text"]))
    ids = [s for s in first if s in texts] + list(ordered["sentence_id"])
    return {s: f"{s} — {shorten(texts[s], width)}" for s in dict.fromkeys(ids)}


def sentence_record(tables: dict[str, pd.DataFrame], sentence_id: str) -> dict | None:
    """The sentence's row with its document's title and file, or None."""
    sentences = tables["sentences"]
    found = sentences[sentences["sentence_id"] == sentence_id]
    if found.empty:
        return None
    row = found.iloc[0].to_dict()
    doc = tables["documents"].set_index("doc_id").reindex([row["doc_id"]])
    return row | {"title": doc["title"].iloc[0], "file": doc["file"].iloc[0]}


def sentence_span(tables: dict[str, pd.DataFrame], sentence_id: str) -> tuple[int, int] | None:
    """Where the sentence sits in its paragraph's clean text. Sentences are
    located in order, so a sentence repeated in a paragraph is found at its place."""
    row = sentence_record(tables, sentence_id)
    if row is None:
        return None
    paragraphs = tables["paragraphs"]
    text = paragraphs.loc[(paragraphs["doc_id"] == row["doc_id"]) & (paragraphs["paragraph_no"] == row["paragraph_no"]),
                          "text"].iloc[0]
    sentences = tables["sentences"]
    siblings = sentences[(sentences["doc_id"] == row["doc_id"]) & (sentences["paragraph_no"] == row["paragraph_no"])]
    position = 0
    for sibling in siblings.sort_values("sentence_no").itertuples():
        start = text.find(sibling.text, position)
        if start < 0:
            continue  # the sentence's text is not verbatim in the paragraph: skip it
        if sibling.sentence_id == sentence_id:
            return start, start + len(sibling.text)
        position = start + len(sibling.text)
    return None


def sentence_context(tables: dict[str, pd.DataFrame], sentence_id: str, around: int = 1) -> pd.DataFrame:
    """The sentence's paragraph and `around` paragraphs either side, one row
    each, with the offsets in the original file and the sentence's span."""
    row = sentence_record(tables, sentence_id)
    if row is None:
        return pd.DataFrame(columns=CONTEXT_COLUMNS)
    paragraphs = tables["paragraphs"]
    near = paragraphs[(paragraphs["doc_id"] == row["doc_id"])
                      & paragraphs["paragraph_no"].between(row["paragraph_no"] - around, row["paragraph_no"] + around)]
    offset = (near["paragraph_no"] - row["paragraph_no"]).clip(-1, 1)
    span = sentence_span(tables, sentence_id)
    out = near.assign(session_id=row["session_id"], sentence_id=sentence_id, role=offset.map(ROLES),
                      spans=[[span] if o == 0 and span else [] for o in offset])
    return out.sort_values("paragraph_no")[CONTEXT_COLUMNS].reset_index(drop=True)


def choices_for(tables: dict[str, pd.DataFrame], first: tuple[str, ...] = ()) -> dict[str, str]:
    """`sentence_choices` of the tables' sentences (cacheable: tables first)."""
    return sentence_choices(tables["sentences"], first=first)
