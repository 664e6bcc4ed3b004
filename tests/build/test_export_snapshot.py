"""The exported tables of the packaged corpus stay what they were: row counts and a
checksum per table, against a committed snapshot. A restructuring must keep this green;
an intended change of output regenerates the snapshot in its own commit:

    python -m tests.build.test_export_snapshot   # rewrites tests/build/snapshots/export.json
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import pandas as pd

import idm_data

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "export.json"


def table_digest(frame: pd.DataFrame) -> dict:
    """Row count, columns, a checksum of the table as its CSV export writes it (float
    columns aside) and the sum of each float column: the learned coder's scores may differ
    in their last bits from one CPU to another, so they are compared with a tolerance."""
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    text = frame.drop(columns=floats).to_csv(index=False, lineterminator="\n")
    return {"rows": len(frame), "columns": list(frame.columns), "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "float_sums": {c: round(float(frame[c].sum()), 6) for c in floats}}


def current() -> dict[str, dict]:
    return {name: table_digest(frame) for name, frame in sorted(idm_data.build_tables().items())}


def test_export_matches_the_committed_snapshot():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = current()
    assert sorted(found) == sorted(expected)
    def same(a: dict, b: dict) -> bool:
        sums = a.pop("float_sums"), b.pop("float_sums")
        return a == b and sums[0].keys() == sums[1].keys() and all(
            math.isclose(sums[0][c], sums[1][c], rel_tol=1e-5, abs_tol=1e-4) for c in sums[0])

    changed = {name: (expected[name]["rows"], found[name]["rows"]) for name in expected
               if not same(dict(found[name]), dict(expected[name]))}
    assert not changed, f"tables whose export changed (rows before, after): {changed}"


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(current(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}", file=sys.stderr)
