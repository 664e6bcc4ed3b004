"""Paths to the package's curated data files and readers for them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
CORPUS_DIR = PACKAGE_DIR / "corpus"


def load_yaml(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False)
