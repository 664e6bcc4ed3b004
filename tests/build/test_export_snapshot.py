"""The exported tables of the packaged corpus stay what they were: row counts and a
checksum per table, against a committed snapshot. A restructuring must keep this green;
an intended change of output regenerates the snapshot in its own commit:

    python -m tests.build.test_export_snapshot   # rewrites tests/build/snapshots/export.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

import idm_data

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "export.json"


def table_digest(frame: pd.DataFrame) -> dict:
    """Row count, columns and a checksum of the table as its CSV export writes it."""
    text = frame.to_csv(index=False, lineterminator="\n")
    return {"rows": len(frame), "columns": list(frame.columns), "sha256": hashlib.sha256(text.encode()).hexdigest()}


def current() -> dict[str, dict]:
    return {name: table_digest(frame) for name, frame in sorted(idm_data.build_tables().items())}


def test_export_matches_the_committed_snapshot():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = current()
    assert sorted(found) == sorted(expected)
    changed = {name: (expected[name]["rows"], found[name]["rows"]) for name in expected
               if found[name] != expected[name]}
    assert not changed, f"tables whose export changed (rows before, after): {changed}"


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(current(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}", file=sys.stderr)
