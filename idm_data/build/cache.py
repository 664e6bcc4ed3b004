"""On-disk cache of the built tables (Parquet), keyed by corpus and code.

The key hashes every corpus file and every file of this package (code and
curated data), so editing a gazetteer or a document rebuilds the tables
while a plain restart reads them back. The cache lives in a cache folder
(`IDM_ATLAS_CACHE`, else the user cache folder) and is written atomically.

An entry is trusted only if it proves itself on read: its `COMPLETE` record
names the key asked for, and every table is there, conforms to the schema
and has the rows and bytes recorded when it was written; anything else is a
miss, and the caller rebuilds. Only the `KEEP_ENTRIES` entries used most
recently are kept (each read or write marks its entry as used), so uploads
and code changes cannot fill the disk.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import time
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from idm_data.build.schema import conforms, schema
from idm_data.ingest.files import corpus_fingerprint
from idm_data.resources import PACKAGE_DIR


_NOT_CODE = {"corpus", "evaluation"}
KEEP_ENTRIES = 8
RECORD = "COMPLETE"  # JSON: the key, and the rows and bytes of every table
_ENTRY_NAME = re.compile(r"[0-9a-f]{24}(?:-[0-9a-f]{24})*")  # a corpus key: one part per folder
_STALE_STAGING_S = 3600


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        # the corpus is keyed separately; scoring code and gold do not change the tables
        if path.is_file() and path.suffix in (".py", ".csv", ".yaml", ".npz") and relative.parts[0] not in _NOT_CODE:
            digest.update(relative.as_posix().encode())
            digest.update(path.read_bytes())
    # the learned coder's vectors come from the installed wordllama: another version codes differently
    digest.update(_installed("wordllama").encode())
    return digest.hexdigest()[:16]


def _installed(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def cache_key(corpus_dir: Path) -> str:
    return hashlib.sha256((corpus_fingerprint(corpus_dir) + code_version()).encode()).hexdigest()[:24]


def cache_dir() -> Path:
    configured = os.environ.get("IDM_ATLAS_CACHE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "idm-atlas"


def read_cached(key: str) -> dict[str, pd.DataFrame] | None:
    """The tables of an entry that proves itself (see the module docstring), else None."""
    folder = cache_dir() / key
    record = _read_record(folder)
    if record is None or record.get("key") != key or set(record.get("tables", {})) != set(schema()):
        return None
    tables = {}
    for name, expected in record["tables"].items():
        path = folder / f"{name}.parquet"
        try:
            if path.stat().st_size != expected["bytes"]:
                return None
            frame = pd.read_parquet(path)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if len(frame) != expected["rows"] or not conforms(name, frame):
            return None
        tables[name] = frame
    _mark_used(folder)
    return tables


def _read_record(folder: Path) -> dict | None:
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("tables"), dict) else None


def _mark_used(folder: Path) -> None:
    try:
        os.utime(folder / RECORD)
    except OSError:
        pass  # a read-only cache still serves


def write_cached(key: str, tables: dict[str, pd.DataFrame]) -> None:
    """Write all tables and their record to a fresh folder, move it into place,
    then prune the entries used least recently."""
    staging = None
    try:
        root = cache_dir()
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
        record = {"key": key, "tables": {}}
        for name, frame in tables.items():
            path = staging / f"{name}.parquet"
            frame.to_parquet(path, index=False)
            record["tables"][name] = {"rows": len(frame), "bytes": path.stat().st_size}
        (staging / RECORD).write_text(json.dumps(record, indent=1), encoding="utf-8")
        target = root / key
        if target.exists():
            # we only write after a failed read: what is there is damaged
            shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
        prune(root)
    except (OSError, ValueError, TypeError):
        pass  # a read-only disk or an unwritable column only costs a rebuild next time
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def prune(root: Path, keep: int | None = None) -> list[str]:
    """Remove all but the `keep` entries used most recently, and staging folders
    left by a crash; returns the names removed. Other folders (e.g. added
    documents kept beside the cache) are never touched."""
    keep = KEEP_ENTRIES if keep is None else keep
    entries = [p for p in root.iterdir() if p.is_dir() and _ENTRY_NAME.fullmatch(p.name)]
    entries.sort(key=_last_used, reverse=True)
    stale = [p for p in root.glob(".tmp-*") if time.time() - _last_used(p) > _STALE_STAGING_S]
    for folder in entries[keep:] + stale:
        shutil.rmtree(folder, ignore_errors=True)
    return [p.name for p in entries[keep:] + stale]


def _last_used(folder: Path) -> float:
    try:
        return (folder / RECORD).stat().st_mtime if (folder / RECORD).exists() else folder.stat().st_mtime
    except OSError:
        return 0.0
