"""The learned theme coder: which GCM objectives a sentence carries by its meaning,
not only by the codebook's words.

One logistic classifier per objective (those with enough gold sentences to learn
from), over features of the sentence and its surroundings:

- the sentence's meaning: its WordLlama vector (offline weights shipped in the
  `wordllama` wheel), the mean vector of its paragraph and the vector of the
  sentence before it (a sentence's "this" often points there);
- its words: TF-IDF of word unigrams and bigrams (vocabulary and weights learned
  from the gold);
- the codebook: which themes' phrases it matched.

The weights are trained from the gold by `idm_data.evaluation.theme_training`
(seeded, reproducible) and ship as `data/theme_model.npz`; nothing is downloaded.
The same feature code serves training and coding, so the two cannot drift apart.
A sentence that is not English prose (a heading without content, another
language, a garbled line) gets no objective: `codable` decides, with its word
lists in `text_rules.yaml`.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from idm_data.resources import DATA_DIR, stopwords
from idm_data.text.parse import text_rules

MODEL_FILE = DATA_DIR / "theme_model.npz"
EMBEDDING_DIM = 256
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?")
TOP_WORDS = 3


# --- which sentences are coded -------------------------------------------------

@lru_cache(maxsize=1)
def _codable_rules() -> tuple[int, float, float, frozenset[str]]:
    rules = text_rules()["codable"]
    return (rules["min_words"], rules["min_letter_share"], rules["min_function_word_share"],
            frozenset(rules["function_words"]))


def codable(text: str) -> bool:
    """Whether a sentence is English prose that can carry an objective: enough words,
    mostly letters, not set in capitals, and English function words among them."""
    min_words, min_letters, min_function, function_words = _codable_rules()
    words = _WORD.findall(text)
    if len(words) < min_words or text.upper() == text:
        return False
    letters = sum(c.isalpha() for c in text)
    if letters < min_letters * sum(not c.isspace() for c in text):
        return False
    return sum(w.lower() in function_words for w in words) >= min_function * len(words)


# --- features --------------------------------------------------------------------

@lru_cache(maxsize=1)
def _embedder():
    # imported here: the app reading cached tables never codes a sentence
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # the build may fork workers
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length WordLlama vectors, one row per text."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    # a text with no known token would be NaN: a zero vector says "no meaning" instead
    return np.nan_to_num(np.asarray(_embedder().embed(list(texts), norm=True), dtype=np.float32))


def context_vectors(vectors: np.ndarray, paragraph_keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(paragraph mean, previous sentence) for each sentence of one document, in reading order."""
    _, group = np.unique(np.asarray(list(paragraph_keys)), return_inverse=True)
    sums = np.zeros((group.max() + 1 if len(group) else 0, vectors.shape[1]), dtype=vectors.dtype)
    np.add.at(sums, group, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    paragraph = (sums / np.where(norms > 0, norms, 1))[group]  # the mean's direction: the sum's
    previous = np.zeros_like(vectors)
    previous[1:] = vectors[:-1]
    return paragraph, previous


def dense_features(texts: Sequence[str], paragraph_keys: Sequence[str], phrase_themes: Sequence[set[str]],
                   theme_ids: Sequence[str]) -> np.ndarray:
    """Meaning and codebook features of one document's sentences, in reading order."""
    vectors = embed(texts)
    paragraph, previous = context_vectors(vectors, paragraph_keys)
    hits = np.array([[theme in found for theme in theme_ids] for found in phrase_themes], dtype=np.float32)
    hits = hits.reshape(len(texts), len(theme_ids))
    return np.hstack([vectors, paragraph, previous, hits])


def terms(text: str) -> list[str]:
    """Word unigrams and bigrams as scikit-learn's TfidfVectorizer makes them (lower case)."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True, eq=False)  # hashed by identity: its column names are cached per instance
class Tfidf:
    """TF-IDF with sublinear term frequency and l2 rows, scikit-learn's formulas."""
    vocabulary: dict[str, int]
    idf: np.ndarray

    @property
    def names(self) -> tuple[str, ...]:
        """The term of each column."""
        return tuple(self.vocabulary)

    @classmethod
    def fit(cls, texts: Sequence[str], min_df: int = 2) -> "Tfidf":
        document_frequency = Counter(term for text in texts for term in set(terms(text)))
        kept = sorted(term for term, n in document_frequency.items() if n >= min_df)
        idf = np.array([math.log((1 + len(texts)) / (1 + document_frequency[t])) + 1 for t in kept])
        return cls({term: i for i, term in enumerate(kept)}, idf.astype(np.float32))

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of one text's l2-normalised TF-IDF vector."""
        counts = Counter(self.vocabulary[t] for t in terms(text) if t in self.vocabulary)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.fromiter(counts, dtype=np.int64)
        values = (1 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[columns]
        return columns, values / np.linalg.norm(values)

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for i, text in enumerate(texts):
            columns, values = self.row(text)
            out[i, columns] = values
        return out


# --- the trained model -----------------------------------------------------------

@dataclass(frozen=True)
class Coding:
    theme_id: str
    score: float
    words: tuple[str, ...]  # the sentence's terms that weighed most for the objective


@dataclass(frozen=True, eq=False)
class ThemeModel:
    objectives: tuple[str, ...]  # those with a classifier
    theme_ids: tuple[str, ...]  # the codebook themes whose phrase hits are features
    codebook_version: str
    tfidf: Tfidf
    dense_coef: np.ndarray  # (objectives, dense features)
    term_coef: np.ndarray  # (objectives, vocabulary)
    intercept: np.ndarray
    threshold: float
    settings: dict

    def scores(self, dense: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Probability of each objective for each sentence (rows), from its features."""
        logits = dense @ self.dense_coef.T + self.intercept
        for i, text in enumerate(texts):
            columns, values = self.tfidf.row(text)
            logits[i] += self.term_coef[:, columns] @ values
        return 1 / (1 + np.exp(-logits))

    def weighty_terms(self, text: str, objective: int) -> tuple[str, ...]:
        """The terms of `text` that raised the objective's score most."""
        columns, values = self.tfidf.row(text)
        weights = self.term_coef[objective, columns] * values
        ranked = (self._names[columns[j]] for j in np.argsort(-weights) if weights[j] > 0)
        # a term of function words only ("or", "in the") shows the reader nothing
        telling = (term for term in ranked if not set(term.split()) <= stopwords())
        return tuple(itertools.islice(telling, TOP_WORDS))

    @property
    def _names(self) -> tuple[str, ...]:
        return _column_names(self.tfidf)

    def save(self, path: Path = MODEL_FILE) -> None:
        meta = {"objectives": self.objectives, "theme_ids": self.theme_ids, "codebook_version": self.codebook_version,
                "vocabulary": list(self.tfidf.vocabulary), "threshold": self.threshold, "settings": self.settings}
        with Path(path).open("wb") as handle:  # a stable file: the same model writes the same bytes
            np.savez_compressed(handle, meta=np.array(json.dumps(meta, sort_keys=True)), idf=self.tfidf.idf,
                                dense_coef=self.dense_coef.astype(np.float32),
                                term_coef=self.term_coef.astype(np.float32), intercept=self.intercept.astype(np.float32))


@lru_cache(maxsize=4)
def _column_names(tfidf: Tfidf) -> tuple[str, ...]:
    return tfidf.names


def read_model(path: Path = MODEL_FILE) -> ThemeModel:
    with np.load(path, allow_pickle=False) as stored:
        meta = json.loads(str(stored["meta"]))
        vocabulary = {term: i for i, term in enumerate(meta["vocabulary"])}
        return ThemeModel(tuple(meta["objectives"]), tuple(meta["theme_ids"]), meta["codebook_version"],
                          Tfidf(vocabulary, stored["idf"]), stored["dense_coef"], stored["term_coef"],
                          stored["intercept"], float(meta["threshold"]), meta["settings"])


@lru_cache(maxsize=1)
def shipped_model() -> ThemeModel | None:
    """The model trained from the gold, or None where it was never trained (phrases only)."""
    return read_model() if MODEL_FILE.exists() else None


def code_document(model: ThemeModel, texts: Sequence[str], paragraph_keys: Sequence[str],
                  phrase_themes: Sequence[set[str]]) -> list[list[Coding]]:
    """Every objective the model gives each sentence of one document (in reading order),
    and the model's score of every objective the phrases found there."""
    if not texts:
        return []
    dense = dense_features(texts, paragraph_keys, phrase_themes, model.theme_ids)
    scores = model.scores(dense, texts)
    out = []
    for i, text in enumerate(texts):
        chosen = [k for k, objective in enumerate(model.objectives)
                  if scores[i, k] >= model.threshold or objective in phrase_themes[i]]
        out.append([Coding(model.objectives[k], float(scores[i, k]), model.weighty_terms(text, k))
                    for k in chosen] if codable(text) else [])
    return out
