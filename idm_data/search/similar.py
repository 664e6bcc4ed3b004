"""Sentences alike in meaning: wordllama embeddings and cosine similarity, offline.

Owns loading the model (its weights ship inside the wordllama wheel; nothing
is downloaded), embedding every sentence of a corpus once (identical texts
once), and the sentences nearest to a chosen one. wordllama is imported only
when the vectors are built, so pages that never ask for them pay nothing.
Caching the vectors per corpus is the caller's (`ui.data`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from idm_data.views.evidence import EVIDENCE_COLUMNS

NEAREST = 10
SIMILAR_COLUMNS = ["similarity"] + EVIDENCE_COLUMNS


def load_model():
    """wordllama's packaged model (256 dimensions), from the installed wheel only."""
    import wordllama  # imported here: it costs ~0.7 s, paid only by whoever asks for similar sentences
    from wordllama import WordLlama
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


@dataclass(frozen=True)
class SentenceVectors:
    """Unit vectors of the distinct sentence texts, and which one each sentence has."""
    sentence_ids: tuple[str, ...]
    vectors: np.ndarray  # (distinct texts, dimensions), float32, rows of norm 1 (0 for an empty text)
    row_of: np.ndarray  # sentence position -> row of `vectors`

    @classmethod
    def build(cls, sentences: pd.DataFrame, model=None) -> "SentenceVectors":
        texts, row_of = np.unique(sentences["text"].astype(str).to_numpy(), return_inverse=True)
        model = model or load_model()
        vectors = np.asarray(model.embed(list(texts), norm=False), dtype=np.float32) if len(texts) else \
            np.zeros((0, 1), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return cls(tuple(sentences["sentence_id"]), vectors / np.where(norms > 0, norms, 1), row_of)

    def similarities(self, sentence_id: str) -> pd.Series:
        """Cosine similarity of every sentence to `sentence_id` (empty if unknown)."""
        try:
            position = self.sentence_ids.index(sentence_id)
        except ValueError:
            return pd.Series(dtype=float)
        scores = self.vectors @ self.vectors[self.row_of[position]]
        return pd.Series(scores[self.row_of], index=self.sentence_ids)


def nearest(vectors: SentenceVectors, sentence_id: str, among: Iterable[str], n: int = NEAREST) -> pd.Series:
    """The `n` sentences of `among` (the sentence itself left out) most similar to `sentence_id`,
    most similar first: sentence id -> cosine similarity."""
    scores = vectors.similarities(sentence_id)
    candidates = scores[scores.index.isin(set(among)) & (scores.index != sentence_id)]
    return candidates.sort_values(ascending=False, kind="stable").head(n)


def similar_sentences(vectors: SentenceVectors, tables: dict[str, pd.DataFrame], sentence_id: str,
                      n: int = NEAREST) -> pd.DataFrame:
    """The sentences of `tables` nearest in meaning to `sentence_id`, as evidence rows (no spans)
    with their `similarity`, most similar first."""
    sentences = tables["sentences"]
    best = nearest(vectors, sentence_id, sentences["sentence_id"], n)
    rows = sentences.set_index("sentence_id").loc[list(best.index)].reset_index()
    titles = tables["documents"][["doc_id", "title", "doc_type"]]
    out = rows.merge(titles, on="doc_id", how="left").assign(spans=[[] for _ in range(len(rows))], matched="",
                                                              similarity=best.astype(float).round(3).to_numpy())
    return out.reindex(columns=SIMILAR_COLUMNS).reset_index(drop=True)
