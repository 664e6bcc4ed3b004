"""Paths to the package's curated data files and readers for them, and the
corpus folders the app loads.

Environment: `IDM_ATLAS_CORPUS` replaces the packaged corpus with another
folder (benchmarks); `IDM_ATLAS_ADDED` holds the documents published for
every visitor (by an admin, or `python -m idm_data add`);
`IDM_ATLAS_WORKSPACES` holds each dashboard visitor's own uploads, one
folder per browser session. (`IDM_ATLAS_CACHE`, the table cache, is
`build.cache`'s; `IDM_ATLAS_GOLD` is `evaluation.report`'s.)
"""

from __future__ import annotations

import os
from functools import lru_cache
import tempfile
from pathlib import Path

import pandas as pd
import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
CORPUS_DIR = PACKAGE_DIR / "corpus"


# libyaml's loader parses the codebook and schema ~10x faster (the first page load waits on them)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)


def errata(section: str) -> list[dict]:
    """Corrections for typos of the corpus's own texts (`data/errata.yaml`), one section."""
    return list(_errata().get(section, []))


@lru_cache(maxsize=1)
def _errata() -> dict:
    return load_yaml("errata.yaml")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English function words (`data/stopwords.txt`): left out of word lists, never shown as telling words."""
    lines = (DATA_DIR / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def load_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False)


def added_dir() -> Path:
    """Where documents published for every visitor live (a cache folder, so the
    packaged corpus is never written by the app)."""
    configured = os.environ.get("IDM_ATLAS_ADDED")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "idm-atlas" / "added"


def workspaces_dir() -> Path:
    """Where each visitor's own uploads live, a folder per browser session
    (`IDM_ATLAS_WORKSPACES`, else a folder in the temp folder: they are meant
    to last only as long as the session)."""
    configured = os.environ.get("IDM_ATLAS_WORKSPACES")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "idm-atlas-workspaces"


def base_corpus_dir() -> Path:
    """The corpus the app starts from: the packaged one, unless the env var
    `IDM_ATLAS_CORPUS` names another folder, which then replaces it (used by
    `benchmarks/scale.py` to run the app over generated corpora)."""
    configured = os.environ.get("IDM_ATLAS_CORPUS")
    return Path(configured) if configured else CORPUS_DIR


def corpus_dirs() -> list[Path]:
    """The base corpus (`IDM_ATLAS_CORPUS`, else the packaged corpus), plus
    the added-documents folder (`IDM_ATLAS_ADDED`) if it has any."""
    extra = added_dir()
    has_docs = extra.is_dir() and any(p.suffix in (".txt", ".md") for p in extra.iterdir())
    base = base_corpus_dir()
    return [base, extra] if has_docs else [base]
