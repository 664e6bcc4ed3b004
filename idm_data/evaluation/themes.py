"""How well the GCM objectives are coded, against gold coded twice by hand.

The gold (`gold/themes/`, rule in `data/codebook_guidelines.md`): `coder_a.csv` and
`coder_b.csv` are two independent passes over every sentence of the packaged
corpus, `adjudication.csv` decides each disagreement with a reason, and
`gold.csv` is the result. `agreement` reports Cohen's kappa between the passes,
overall (every sentence x objective decision) and per objective.

`held_out_scores` scores `gold/themes/heldout.csv`, the codings of each document by
a coder built and tuned without it (`evaluation.theme_training` writes it), and
`heldout_sessions.csv` (`unit="session"`), each session coded by a coder built without
any of its documents: stricter, as a session's documents share some sentences. `in_sample_scores` scores what the tables
hold, coded by the shipped model that learned from these very documents; it is
shown only as the in-sample figure it is. Pure pandas and numpy: no scikit-learn.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from idm_data.extract.themes import objective_ids
from idm_data.resources import PACKAGE_DIR

THEME_GOLD_DIR = PACKAGE_DIR / "evaluation" / "gold" / "themes"
HELDOUT_FILE = THEME_GOLD_DIR / "heldout.csv"  # leave one document out
HELDOUT_SESSIONS_FILE = THEME_GOLD_DIR / "heldout_sessions.csv"  # leave one session out: stricter
MIN_GOLD = 5  # objectives with fewer gold sentences are pooled, not reported one by one
SCORE_COLUMNS = ["objective", "n_gold", "n_coded", "n_correct", "precision", "recall", "f1"]


def _read(name: str, folder: Path) -> pd.DataFrame:
    return pd.read_csv(Path(folder) / name, dtype=str, keep_default_na=False)


def read_gold(folder: Path = THEME_GOLD_DIR) -> pd.DataFrame:
    """sentence_id, objectives (';'-separated), text: the adjudicated gold."""
    return _read("gold.csv", folder)


def read_passes(folder: Path = THEME_GOLD_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _read("coder_a.csv", folder), _read("coder_b.csv", folder)


def read_adjudication(folder: Path = THEME_GOLD_DIR) -> pd.DataFrame:
    return _read("adjudication.csv", folder)


def objective_sets(coded: pd.DataFrame, sentence_ids: Iterable[str], column: str = "objectives") -> np.ndarray:
    """Sentences (in the order of `sentence_ids`) x objectives: whether each is coded."""
    by_id = dict(zip(coded["sentence_id"], coded[column]))
    objectives = objective_ids()
    return np.array([[o in by_id.get(s, "").split(";") for o in objectives] for s in sentence_ids],
                    dtype=bool).reshape(-1, len(objectives))


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two binary codings of the same items (1.0 when both never vary)."""
    a, b = np.asarray(a, bool).ravel(), np.asarray(b, bool).ravel()
    observed = (a == b).mean()
    expected = a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean())
    return 1.0 if expected == 1 else float((observed - expected) / (1 - expected))


def agreement(folder: Path = THEME_GOLD_DIR) -> pd.DataFrame:
    """Kappa between the two passes: one row per objective either coder used, then 'all'."""
    first, second = read_passes(folder)
    ids = list(first["sentence_id"])
    a, b = objective_sets(first, ids), objective_sets(second, ids)
    rows = [{"objective": o, "n_coder_a": int(a[:, k].sum()), "n_coder_b": int(b[:, k].sum()),
             "n_both": int((a[:, k] & b[:, k]).sum()), "kappa": cohen_kappa(a[:, k], b[:, k])}
            for k, o in enumerate(objective_ids()) if a[:, k].any() or b[:, k].any()]
    rows.append({"objective": "all", "n_coder_a": int(a.sum()), "n_coder_b": int(b.sum()),
                 "n_both": int((a & b).sum()), "kappa": cohen_kappa(a, b)})
    return pd.DataFrame(rows)


def _row(objective: str, coded: np.ndarray, gold: np.ndarray) -> dict:
    n_coded, n_gold, n_correct = int(coded.sum()), int(gold.sum()), int((coded & gold).sum())
    precision = n_correct / n_coded if n_coded else 1.0
    recall = n_correct / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"objective": objective, "n_gold": n_gold, "n_coded": n_coded, "n_correct": n_correct,
            "precision": precision, "recall": recall, "f1": f1}


def scores(coded: np.ndarray, gold: np.ndarray, min_gold: int = MIN_GOLD) -> pd.DataFrame:
    """Precision, recall and F1 per objective with at least `min_gold` gold sentences, then
    'other objectives' (the rarer ones pooled) and 'all' (micro-averaged over the 23)."""
    objectives = objective_ids()
    reported = [k for k in range(len(objectives)) if gold[:, k].sum() >= min_gold]
    rare = [k for k in range(len(objectives)) if k not in reported]
    rows = [_row(objectives[k], coded[:, k], gold[:, k]) for k in reported]
    if rare:
        rows.append(_row("other objectives", coded[:, rare], gold[:, rare]))
    rows.append(_row("all", coded, gold))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


NONE = "(none)"


def confusions(coded: np.ndarray, gold: np.ndarray, top: int = 10) -> pd.DataFrame:
    """The most frequent mistakes, as (gold objective, coded instead) pairs over sentences:
    an objective missed while the coder gave another the gold lacks, an objective missed
    with nothing in its place (coded instead: "(none)"), or an objective the gold lacks
    given where the gold missed nothing (gold objective: "(none)")."""
    objectives = objective_ids()
    missed, extra = gold & ~coded, coded & ~gold
    alone_missed, alone_extra = missed & ~extra.any(axis=1)[:, None], extra & ~missed.any(axis=1)[:, None]
    counts = [{"gold_objective": objectives[g], "coded_instead": objectives[c],
               "n_sentences": int((missed[:, g] & extra[:, c]).sum())}
              for g, c in product(range(len(objectives)), repeat=2) if g != c]
    counts += [{"gold_objective": o, "coded_instead": NONE, "n_sentences": int(alone_missed[:, k].sum())}
               for k, o in enumerate(objectives)]
    counts += [{"gold_objective": NONE, "coded_instead": o, "n_sentences": int(alone_extra[:, k].sum())}
               for k, o in enumerate(objectives)]
    table = pd.DataFrame(counts)
    table = table[table["n_sentences"] > 0].sort_values(["n_sentences", "gold_objective", "coded_instead"],
                                                        ascending=[False, True, True])
    return table.head(top).reset_index(drop=True)


@lru_cache(maxsize=2)
def _held_out(unit: str = "document") -> pd.DataFrame:
    files = {"document": HELDOUT_FILE, "session": HELDOUT_SESSIONS_FILE}
    if unit not in files:
        raise ValueError(f"unit is 'document' or 'session', not {unit!r}")
    return pd.read_csv(files[unit], dtype=str, keep_default_na=False)


def held_out(method: str = "coded", unit: str = "document") -> tuple[np.ndarray, np.ndarray]:
    """(coded, gold) of the leave-one-document-out codings (`unit` "session": leave one session out);
    `method` "phrase" keeps the phrase matches only."""
    heldout = _held_out(unit)
    ids = list(heldout["sentence_id"])
    return objective_sets(heldout, ids, method), objective_sets(read_gold(), ids)


def held_out_scores(method: str = "coded", unit: str = "document") -> pd.DataFrame:
    return scores(*held_out(method, unit))


def held_out_settings() -> pd.DataFrame:
    """The regularisation and threshold chosen (without it) for each held-out document."""
    return _held_out().groupby("doc_id", as_index=False)[["C", "threshold"]].first()


def in_sample_scores(theme_mentions: pd.DataFrame, sentence_ids: Iterable[str], method: str | None = None) -> pd.DataFrame:
    """The tables' own coding of the annotated sentences (`method` "phrase" or "model" alone)."""
    ids = list(sentence_ids)
    mentions = theme_mentions if method is None else theme_mentions[theme_mentions["method"] == method]
    coded = mentions.groupby("sentence_id")["theme_id"].agg(";".join).reset_index(name="objectives")
    return scores(objective_sets(coded, ids), objective_sets(read_gold(), ids))
