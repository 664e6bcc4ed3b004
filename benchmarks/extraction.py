"""Extraction quality against the hand-made gold annotations (idm_data/evaluation/gold/).

Prints precision, recall and F1 per entity type and per document, and the
targets of the data-layer issue. Run: python -m benchmarks.extraction [--errors]
"""

from __future__ import annotations

import argparse

import pandas as pd

from idm_data.build.tables import build_tables
from idm_data.evaluation.score import errors, evaluate
from idm_data.vocabulary import accuracy_targets



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list missed and spurious mentions")
    args = parser.parse_args()
    tables = build_tables()
    scores = evaluate(tables)
    pd.set_option("display.width", 160)
    for entity, group in scores.groupby("entity", sort=False):
        target = accuracy_targets().get(entity)
        print(f"\n## {entity} (in-sample)" + (f"  (target: precision >= {target['precision']}, recall >= "
                                              f"{target['recall']})" if target else ""))
        print(group.drop(columns="entity").to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.errors:
        for entity in ("countries", "organisations", "frameworks"):
            print(f"\n## errors: {entity}")
            print(errors(tables, entity).to_string(index=False))


if __name__ == "__main__":
    main()
