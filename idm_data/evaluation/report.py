"""Extraction accuracy as the Method page reports it.

Chooses what to score (the packaged documents, which the gold annotations
describe: added documents have no gold, so scoring them would count all their
mentions as errors), runs `evaluation.evaluate`, and shapes the result: one
row per entity type with its target, and one row per entity type and
document. The scores themselves are `evaluation`'s. A missing gold folder or
a gold row that no longer locates becomes a message, never an exception.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from idm_data.evaluation import score as evaluation
from idm_data.ingest.files import content_hash
from idm_data.resources import CORPUS_DIR
from idm_data.vocabulary import accuracy_targets

# required; people.csv is scored when present (gold folders made before it still work)
GOLD_FILES = ("countries.csv", "organisations*.csv", "frameworks.csv", "takeaways.csv", "partnerships.csv")
SCORE_COLUMNS = ["entity", "doc", "n_gold", "n_predicted", "precision", "recall", "f1"]
MISTAKE_COLUMNS = ["entity", "error", "doc", "key", "surface", "start"]


@dataclass
class Report:
    scores: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SCORE_COLUMNS))
    problem: str = ""  # why there are no scores, if there are none


def gold_dir() -> Path:
    """The gold folder: `IDM_ATLAS_GOLD` if set, else the gold shipped in idm_data/evaluation/gold/."""
    configured = os.environ.get("IDM_ATLAS_GOLD")
    return Path(configured) if configured else evaluation.GOLD_DIR


def missing_gold(folder: Path) -> list[str]:
    """Gold files (glob patterns) that the folder lacks."""
    folder = Path(folder)
    return [pattern for pattern in GOLD_FILES if not folder.is_dir() or not any(folder.glob(pattern))]


def gold_documents(folder: Path) -> set[str]:
    """The files the gold annotates (its `doc` column, over every gold file)."""
    return {doc for pattern in (*GOLD_FILES, "people.csv")
            for doc in evaluation.read_gold(pattern, Path(folder)).get("doc", [])}


def annotated_only(tables: dict[str, pd.DataFrame], corpus_dir: Path = CORPUS_DIR,
                   folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables restricted to the documents the gold annotates: a file the gold
    names, with the bytes that file has in `corpus_dir`. Any other document (added
    anywhere, even to the packaged folder, or a changed copy) has no gold to score it."""
    covered = gold_documents(folder if folder is not None else gold_dir())
    hashes = {file: content_hash((Path(corpus_dir) / file).read_bytes())
              for file in covered if (Path(corpus_dir) / file).is_file()}
    docs = tables["documents"]
    scored = [hashes.get(file) == sha for file, sha in zip(docs["file"], docs["sha256"])]
    keep = set(docs.loc[scored, "doc_id"]) if len(docs) else set()
    return {name: frame[frame["doc_id"].isin(keep)] if "doc_id" in frame.columns else frame
            for name, frame in tables.items()}


def mistakes(tables: dict[str, pd.DataFrame], folder: Path | None = None, corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    """Missed gold mentions and spurious predictions of every mention type
    (packaged documents only); empty when the gold is not available."""
    folder = Path(folder) if folder is not None else gold_dir()
    if missing_gold(folder):
        return pd.DataFrame(columns=MISTAKE_COLUMNS)
    scored = annotated_only(tables, corpus_dir, folder)
    frames = [evaluation.errors(scored, entity, folder, corpus_dir).assign(entity=entity)
              for entity in evaluation.annotated_entities(folder)]
    found = pd.concat(frames, ignore_index=True)
    return found.reindex(columns=MISTAKE_COLUMNS) if len(found) else pd.DataFrame(columns=MISTAKE_COLUMNS)


def report(tables: dict[str, pd.DataFrame], folder: Path | None = None, corpus_dir: Path = CORPUS_DIR) -> Report:
    """Scores of the packaged documents, or why there are none."""
    folder = Path(folder) if folder is not None else gold_dir()
    missing = missing_gold(folder)
    if missing:
        return Report(problem=f"The gold annotations are not available in {folder} (missing: {', '.join(missing)}), "
                              "so the accuracy cannot be measured here.")
    scored = annotated_only(tables, corpus_dir, folder)
    try:
        return Report(evaluation.evaluate(scored, folder, corpus_dir)[SCORE_COLUMNS])
    except (evaluation.GoldError, OSError, KeyError) as exc:
        return Report(problem=f"The gold annotations could not be matched to the corpus: {exc}")


def summary(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per entity type (pooled over documents) with its target and verdict."""
    pooled = scores[scores["doc"] == "all"].drop(columns="doc").reset_index(drop=True)
    targets = accuracy_targets()
    for measure in ("precision", "recall"):
        pooled[f"target_{measure}"] = pooled["entity"].map({e: t[measure] for e, t in targets.items()})
    meets = (pooled["precision"] >= pooled["target_precision"]) & (pooled["recall"] >= pooled["target_recall"])
    pooled["meets_target"] = meets.map({True: "yes", False: "no"}).where(pooled["target_recall"].notna(), "no target")
    return pooled


def per_document(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per entity type and annotated document."""
    return scores[scores["doc"] != "all"].reset_index(drop=True)
