"""On-disk cache of the built tables (Parquet), keyed by corpus and code.

The key hashes every corpus file and every file of this package (code and
curated data), so editing a gazetteer or a document rebuilds the tables
while a plain restart reads them back. The cache lives in a cache folder
(`IDM_ATLAS_CACHE`, else the user cache folder, else the temp folder) and
is written atomically.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from idm_data.ingest.files import corpus_fingerprint
from idm_data.resources import PACKAGE_DIR
from idm_data.build.schema import conform, conforms, schema


_NOT_CODE = {"corpus", "evaluation"}


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        # the corpus is keyed separately; scoring code and gold do not change the tables
        if path.is_file() and path.suffix in (".py", ".csv", ".yaml") and relative.parts[0] not in _NOT_CODE:
            digest.update(relative.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(corpus_dir: Path) -> str:
    return hashlib.sha256((corpus_fingerprint(corpus_dir) + code_version()).encode()).hexdigest()[:24]


def cache_dir() -> Path:
    configured = os.environ.get("IDM_ATLAS_CACHE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "idm-atlas"


def read_cached(key: str) -> dict[str, pd.DataFrame] | None:
    folder = cache_dir() / key
    if not (folder / "COMPLETE").exists():
        return None
    try:
        tables = {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}
    except (OSError, ValueError):
        return None
    if set(tables) != set(schema()):
        return None
    # tables are written conformed and usually read back so; conform any that
    # are not, so a warm start returns exactly what a fresh build returns
    return {name: frame if conforms(name, frame) else conform(name, frame) for name, frame in tables.items()}


def write_cached(key: str, tables: dict[str, pd.DataFrame]) -> None:
    """Write all tables to a fresh folder, then move it into place."""
    staging = None
    try:
        root = cache_dir()
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
        for name, frame in tables.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)
        (staging / "COMPLETE").write_text(key)
        target = root / key
        if target.exists():
            # we only write after a failed read: what is there is damaged
            shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    except (OSError, ValueError, TypeError):
        pass  # a read-only disk or an unwritable column only costs a rebuild next time
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
