"""Locate gold annotations in the raw corpus files.

A gold row names its mention by a `context` (an exact substring of one raw
line), an optional `nth` occurrence and a `surface` inside the context. This
module turns that into character offsets in the raw file, and, run as a script,
checks every gold file for rows that cannot be located.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

GOLD_DIR = Path(__file__).parent
CORPUS_DIR = GOLD_DIR.parent.parent / "idm_data" / "corpus"


class GoldError(ValueError):
    """A gold row that does not point to exactly one place in its document."""


def read_raw(doc: str) -> str:
    return (CORPUS_DIR / doc).read_text(encoding="utf-8")


def locate(raw: str, context: str, surface: str | None = None, nth: int | None = None) -> tuple[int, int]:
    """Return (start, end) of `surface` inside the nth occurrence of `context`."""
    starts = []
    pos = raw.find(context)
    while pos != -1:
        starts.append(pos)
        pos = raw.find(context, pos + 1)
    if not starts:
        raise GoldError(f"context not found: {context!r}")
    if nth is None and len(starts) > 1:
        raise GoldError(f"context occurs {len(starts)} times, give nth: {context!r}")
    index = (nth or 1) - 1
    if index >= len(starts):
        raise GoldError(f"context occurs {len(starts)} times, nth={nth}: {context!r}")
    start = starts[index]
    if not surface:
        return start, start + len(context)
    offset = context.find(surface)
    if offset == -1:
        raise GoldError(f"surface {surface!r} not in context {context!r}")
    return start + offset, start + offset + len(surface)


def read_gold(name: str) -> list[dict]:
    path = GOLD_DIR / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _nth(row: dict) -> int | None:
    value = (row.get("nth") or "").strip()
    return int(value) if value else None


def check_file(name: str) -> list[str]:
    """Return one message per row of gold file `name` that cannot be located."""
    errors = []
    raws: dict[str, str] = {}
    for line_no, row in enumerate(read_gold(name), start=2):
        doc = row["doc"]
        try:
            raw = raws.setdefault(doc, read_raw(doc))
            if name == "takeaways.csv":
                locate(raw, row["start"])
                locate(raw, row["end"])
            else:
                locate(raw, row["context"], row.get("surface"), _nth(row))
        except (GoldError, FileNotFoundError) as exc:
            errors.append(f"{name}:{line_no}: {exc}")
    return errors


def main() -> int:
    names = sys.argv[1:] or sorted(p.name for p in GOLD_DIR.glob("*.csv"))
    errors = [msg for name in names for msg in check_file(name)]
    print("\n".join(errors) or f"all rows located in {', '.join(names)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
