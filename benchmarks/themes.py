"""Theme coding quality and cost: the GCM objective coder against the double-coded gold.

    python -m benchmarks.themes              # figures from the shipped model and held-out codings
    python -m benchmarks.themes --retrain    # first retrain leave-one-document-out (minutes), in a temp folder
    python -m benchmarks.themes --build 1000 # also time a build of 1,000 generated documents

Prints the agreement of the two gold passes (Cohen's kappa), the held-out
(leave-one-document-out) precision, recall and F1 per objective with at least 5
gold sentences, the phrase layer alone, the in-sample figures of the shipped
model, the most frequent confusions, and the build time of the packaged corpus
with and without the learned coder. Never rewrites a tracked file: `--retrain`
writes its model and codings to a temporary folder and scores those.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from idm_data.build.tables import build_tables
from idm_data.evaluation import themes as theme_eval
from idm_data.resources import CORPUS_DIR
from idm_data.vocabulary import theme_coding_target

FORMAT = {"float_format": lambda x: f"{x:.3f}", "index": False}


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _print(title: str, frame: pd.DataFrame) -> None:
    print(f"\n## {title}\n{frame.to_string(**FORMAT)}")


def quality(heldout: Path, by_session: Path) -> None:
    target = theme_coding_target()
    _print("Agreement of the two gold passes (Cohen's kappa; 'all' pools every sentence x objective decision)",
           theme_eval.agreement())
    theme_eval.HELDOUT_FILE, theme_eval.HELDOUT_SESSIONS_FILE = heldout, by_session  # score the codings asked for
    theme_eval._held_out.cache_clear()
    held = theme_eval.held_out_scores()
    _print(f"Held-out, leave-one-document-out (target: micro precision >= {target['precision']}, "
           f"recall >= {target['recall']})", held)
    _print("Held-out, the phrase layer alone", theme_eval.held_out_scores("phrase").tail(1))
    _print("Stricter: leave one session out (a session's two documents share some sentences)",
           theme_eval.held_out_scores(unit="session").tail(1))
    _print("Settings chosen for each held-out document (inner leave-one-document-out)", theme_eval.held_out_settings())
    _print("Most frequent confusions, held-out", theme_eval.confusions(*theme_eval.held_out()))
    tables = build_tables()
    ids = tables["sentences"]["sentence_id"]
    _print("In-sample: the shipped model coding the documents it learned from (not a measure of accuracy)",
           theme_eval.in_sample_scores(tables["theme_mentions"], ids).tail(1))


def build_times(sizes: list[int]) -> None:
    rows = []
    for learned in (False, True):
        build_tables(CORPUS_DIR, learned=learned)  # warm imports and the model load
        _, seconds = _timed(build_tables, CORPUS_DIR, learned=learned)
        rows.append({"corpus": "packaged (5 documents)", "learned coder": learned, "build_s": seconds})
    for size in sizes:
        from benchmarks.corpus_generator import generate

        with tempfile.TemporaryDirectory() as folder:
            generate(Path(folder), size)
            _, seconds = _timed(build_tables, Path(folder))
            rows.append({"corpus": f"{size} generated documents", "learned coder": True, "build_s": seconds})
    _print("Build time (warm, one process per build as shipped)", pd.DataFrame(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--retrain", action="store_true", help="retrain leave-one-document-out into a temp folder")
    parser.add_argument("--build", type=int, nargs="*", default=[], help="also time builds of generated corpora")
    args = parser.parse_args()
    pd.set_option("display.width", 160)
    heldout, by_session = theme_eval.HELDOUT_FILE, theme_eval.HELDOUT_SESSIONS_FILE
    with tempfile.TemporaryDirectory() as folder:
        if args.retrain:
            from idm_data.evaluation.theme_training import main as train

            heldout, by_session = Path(folder) / "heldout.csv", Path(folder) / "heldout_sessions.csv"
            train(["--model", str(Path(folder) / "theme_model.npz"), "--heldout", str(heldout),
                   "--heldout-sessions", str(by_session)])
        quality(heldout, by_session)
    build_times(args.build)


if __name__ == "__main__":
    main()
