"""Train the theme coder from the gold, and measure it on documents it was not built from.

    python -m idm_data.evaluation.theme_training          # retrain: writes data/theme_model.npz,
                                                          # gold/themes/heldout.csv and heldout_sessions.csv

Leave one document out: for each of the corpus's documents, everything that is
learned or tuned (the TF-IDF vocabulary and weights, one logistic classifier per
objective, the regularisation and the decision threshold, the last two chosen by
an inner leave-one-document-out over the training documents only) is built from
the other documents, then codes the held-out one. `heldout.csv` records those
codings; `evaluation.themes` scores them against the gold. `heldout_sessions.csv`
does the same leaving out a whole session (its documents share some sentences), the
nearer estimate for a document of a new session. The shipped model is then trained on every
document, with the settings the same inner procedure chooses over all of them.

Needs scikit-learn (a development dependency: the app only reads the model). The
training is deterministic: the same gold and corpus give the same files.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd

from idm_data.build.tables import build_tables
from idm_data.evaluation.themes import HELDOUT_FILE, HELDOUT_SESSIONS_FILE, objective_sets, read_gold
from idm_data.extract import theme_model, themes
from idm_data.resources import CORPUS_DIR

C_GRID = (1.0, 2.0)
THRESHOLD_GRID = (0.4, 0.45, 0.5, 0.55, 0.6)
MIN_POSITIVES = 3  # an objective with fewer gold sentences in the training documents is coded by phrases only
SEED = 0


@dataclass
class Corpus:
    """The sentences of the packaged corpus with everything the coder learns from."""
    sentences: pd.DataFrame  # doc_id, sentence_id, text, in reading order
    dense: np.ndarray  # meaning and codebook features
    phrases: list[set[str]]  # themes each sentence's phrases matched (codable sentences' objectives only)
    gold: np.ndarray  # sentences x objectives, bool
    codable: np.ndarray  # bool per sentence


def read_corpus(corpus_dir: Path = CORPUS_DIR) -> Corpus:
    tables = build_tables(corpus_dir, learned=False)
    sentences = tables["sentences"].sort_values(["doc_id", "paragraph_no", "sentence_no"]).reset_index(drop=True)
    sentences["session_id"] = sentences["session_id"].where(sentences["session_id"] != "", sentences["doc_id"])
    mentions = tables["theme_mentions"]
    found = mentions.groupby("sentence_id")["theme_id"].agg(set)
    phrases = [found.get(s, set()) for s in sentences["sentence_id"]]
    theme_ids = tuple(themes.theme_table()["theme_id"])
    dense = np.vstack([theme_model.dense_features(list(doc["text"]), list(doc["paragraph_no"]),
                                                  phrases[doc.index[0]:doc.index[-1] + 1], theme_ids)
                       for _, doc in sentences.groupby("doc_id", sort=False)])
    gold = objective_sets(read_gold(), sentences["sentence_id"])
    codable = sentences["text"].map(theme_model.codable).to_numpy()
    return Corpus(sentences, dense, phrases, gold, codable)


def _phrase_matrix(corpus: Corpus) -> np.ndarray:
    objectives = themes.objective_ids()
    return np.array([[o in found for o in objectives] for found in corpus.phrases])


def fit(corpus: Corpus, train: np.ndarray, c: float, threshold: float) -> theme_model.ThemeModel:
    """The coder learned from the sentences marked in `train`."""
    from sklearn.linear_model import LogisticRegression

    texts = list(corpus.sentences["text"])
    tfidf = theme_model.Tfidf.fit([t for t, keep in zip(texts, train) if keep])
    features = np.hstack([corpus.dense[train], tfidf.matrix([t for t, keep in zip(texts, train) if keep])])
    objectives, dense_coef, term_coef, intercept = [], [], [], []
    n_dense = corpus.dense.shape[1]
    for k, objective in enumerate(themes.objective_ids()):
        labels = corpus.gold[train, k]
        if labels.sum() < MIN_POSITIVES:
            continue
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
        model.fit(features, labels)
        objectives.append(objective)
        dense_coef.append(model.coef_[0, :n_dense])
        term_coef.append(model.coef_[0, n_dense:])
        intercept.append(model.intercept_[0])
    return theme_model.ThemeModel(
        tuple(objectives), tuple(themes.theme_table()["theme_id"]), themes.codebook_version(), tfidf,
        np.array(dense_coef, dtype=np.float32), np.array(term_coef, dtype=np.float32),
        np.array(intercept, dtype=np.float32), threshold, {"C": c, "min_positives": MIN_POSITIVES})


def _scores(model: theme_model.ThemeModel, corpus: Corpus, rows: np.ndarray) -> np.ndarray:
    """Every objective's score for the sentences in `rows` (zero where there is no classifier)."""
    texts = list(corpus.sentences.loc[rows, "text"])
    found = model.scores(corpus.dense[rows], texts)
    out = np.zeros((int(rows.sum()), len(themes.objective_ids())))
    for j, objective in enumerate(model.objectives):
        out[:, themes.objective_ids().index(objective)] = found[:, j]
    return out


def decide(scores: np.ndarray, phrases: np.ndarray, codable: np.ndarray, threshold: float) -> np.ndarray:
    """An objective is coded where its phrase matched or its score reaches the threshold, in codable sentences."""
    return ((scores >= threshold) | phrases) & codable[:, None]


def micro_f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    hits = (predicted & gold).sum()
    return 2 * hits / (predicted.sum() + gold.sum()) if predicted.sum() + gold.sum() else 0.0


def choose_settings(corpus: Corpus, train: np.ndarray, unit: str = "doc_id") -> tuple[float, float]:
    """(C, threshold) with the best micro F1 over a leave-one-out of the `train` documents (or sessions:
    `unit`)."""
    docs = corpus.sentences[unit].to_numpy()
    phrases = _phrase_matrix(corpus)
    best, best_f1 = (C_GRID[0], THRESHOLD_GRID[0]), -1.0
    scores_by_c = {}
    for c in C_GRID:
        scores = np.zeros(corpus.gold.shape)
        for doc in sorted(set(docs[train])):
            held = docs == doc
            scores[held] = _scores(fit(corpus, train & ~held, c, 0.5), corpus, held)
        scores_by_c[c] = scores
    for c, threshold in product(C_GRID, THRESHOLD_GRID):
        coded = decide(scores_by_c[c][train], phrases[train], corpus.codable[train], threshold)
        f1 = micro_f1(coded, corpus.gold[train])
        if f1 > best_f1 + 1e-12:
            best, best_f1 = (c, threshold), f1
    return best


def held_out(corpus: Corpus, unit: str = "doc_id") -> pd.DataFrame:
    """Each document (or session: `unit` "session_id") coded by a coder built and tuned without it: one
    row per sentence. By session is stricter: a session's closing remarks and summary share sentences."""
    docs = corpus.sentences[unit].to_numpy()
    phrases = _phrase_matrix(corpus)
    objectives = themes.objective_ids()
    parts = []
    for doc in sorted(set(docs)):
        held = docs == doc
        c, threshold = choose_settings(corpus, ~held, unit)
        scores = _scores(fit(corpus, ~held, c, threshold), corpus, held)
        coded = decide(scores, phrases[held], corpus.codable[held], threshold)
        part = corpus.sentences.loc[held, ["doc_id", "sentence_id"]].copy()
        part["coded"] = [";".join(o for o, on in zip(objectives, row) if on) for row in coded]
        part["phrase"] = [";".join(o for o, on in zip(objectives, row) if on)
                          for row in phrases[held] & corpus.codable[held][:, None]]
        part["scores"] = [";".join(f"{o}={v:.3f}" for o, v in zip(objectives, row) if v >= 0.05) for row in scores]
        part["C"], part["threshold"] = c, threshold
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def train(corpus_dir: Path = CORPUS_DIR) -> tuple[theme_model.ThemeModel, pd.DataFrame, pd.DataFrame]:
    """The shipped model, and the held-out codings by document and by session."""
    corpus = read_corpus(corpus_dir)
    everything = np.ones(len(corpus.sentences), dtype=bool)
    c, threshold = choose_settings(corpus, everything)
    return fit(corpus, everything, c, threshold), held_out(corpus), held_out(corpus, "session_id")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m idm_data.evaluation.theme_training", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=theme_model.MODEL_FILE)
    parser.add_argument("--heldout", type=Path, default=HELDOUT_FILE)
    parser.add_argument("--heldout-sessions", type=Path, default=HELDOUT_SESSIONS_FILE)
    args = parser.parse_args(argv)
    model, by_document, by_session = train()
    model.save(args.model)
    by_document.to_csv(args.heldout, index=False, float_format="%.3f")
    by_session.to_csv(args.heldout_sessions, index=False, float_format="%.3f")
    print(f"wrote {args.model} ({len(model.objectives)} objectives, C={model.settings['C']}, "
          f"threshold {model.threshold}), {args.heldout} and {args.heldout_sessions}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
