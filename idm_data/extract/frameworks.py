"""Normative frameworks cited: the Global Compact, the 2030 Agenda, the New
York Declaration, the Sendai Framework, ILO Convention 181 and the others in
`frameworks.csv` (canonical name and the aliases texts use)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from idm_data.resources import errata, load_csv
from idm_data.text.matcher import Match, PhraseMatcher, split_aliases


@lru_cache(maxsize=1)
def framework_table() -> pd.DataFrame:
    return load_csv("frameworks.csv")


@lru_cache(maxsize=1)
def framework_matcher() -> PhraseMatcher:
    surfaces: dict[str, str] = {}
    for row in framework_table().to_dict("records"):
        for surface in [row["name"], row["short_name"], *split_aliases(row["aliases"])]:
            if surface:
                surfaces.setdefault(surface, row["framework_id"])
    for typo in errata("frameworks"):
        surfaces.setdefault(typo["surface"], typo["framework_id"])
    return PhraseMatcher(surfaces)


def find_frameworks(text: str) -> list[Match]:
    return framework_matcher().find(text)
