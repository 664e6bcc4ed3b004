"""Table schemas (declared once in `schema.yaml`) and the data dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from idm_data.resources import load_yaml

_DTYPES = {"str": "str", "int": "int64", "Int64": "Int64", "float": "float64", "Float64": "Float64", "bool": "bool"}
_EMPTY = {"str": "", "int": 0, "float": 0.0, "bool": False}


@lru_cache(maxsize=1)
def schema() -> dict:
    return load_yaml("schema.yaml")


@lru_cache(maxsize=None)
def _declared_dtypes(name: str) -> tuple[tuple[str, object], ...]:
    return tuple((column, pd.api.types.pandas_dtype(_DTYPES[spec["type"]]))
                 for column, spec in schema()[name]["columns"].items())


def conforms(name: str, frame: pd.DataFrame) -> bool:
    """Whether `frame` already has the declared columns, order and types, no
    missing values where none are allowed, and a plain index (then `conform`
    would only copy it)."""
    declared = _declared_dtypes(name)
    if tuple(frame.columns) != tuple(column for column, _ in declared):
        return False
    if any(frame[column].dtype != dtype for column, dtype in declared):
        return False
    if not frame.index.equals(pd.RangeIndex(len(frame))):
        return False
    kinds = schema()[name]["columns"]
    return not any(frame[column].hasnans for column in frame.columns if kinds[column]["type"] in _EMPTY)


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Declared columns, in declared order and types; undeclared ones dropped."""
    columns = schema()[name]["columns"]
    out = pd.DataFrame(index=frame.index)
    for column, spec in columns.items():
        kind = spec["type"]
        if column in frame.columns:
            values = frame[column]
            if kind in _EMPTY:
                values = values.fillna(_EMPTY[kind])
            out[column] = values.astype(_DTYPES[kind])
        else:
            out[column] = pd.Series([_EMPTY.get(kind)] * len(frame), index=frame.index, dtype=_DTYPES[kind])
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str  # the referenced table; its primary key is what `columns` hold
    target: tuple[str, ...]
    optional: bool  # may be empty: no reference


def foreign_keys(name: str) -> list[ForeignKey]:
    """The foreign keys of table `name`, as `schema.yaml` declares them."""
    return [ForeignKey(tuple(fk["columns"]), fk["references"], tuple(schema()[fk["references"]]["primary_key"]),
                       bool(fk.get("optional", False)))
            for fk in schema()[name].get("foreign_keys", [])]


def _keys_line(name: str) -> list[str]:
    keys = [f"`{', '.join(fk.columns)}` → [`{fk.table}`](#{fk.table}){' (optional)' * fk.optional}"
            for fk in foreign_keys(name)]
    return [f"Foreign keys: {'; '.join(keys)}", ""] if keys else []


def data_dictionary() -> str:
    """Markdown describing every table and column, with its keys."""
    lines = ["# idm_data: data dictionary", "",
             "Generated from `idm_data/data/schema.yaml` by `python -m idm_data docs`; do not edit by hand.",
             "Every mention, takeaway and edge carries its `sentence_id`, and offsets into the original file,",
             "so any figure can be traced to the sentence it came from. A foreign key holds the primary key of",
             "the table it names; an optional one may be empty: no reference (NULL in the SQLite export).", ""]
    for table, spec in schema().items():
        lines += [f"## `{table}`", "", spec["description"], "",
                  f"Primary key: {', '.join(f'`{k}`' for k in spec['primary_key'])}", "", *_keys_line(table),
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c}` | {s['type']} | {s['description']} |" for c, s in spec["columns"].items()]
        lines.append("")
    return "\n".join(lines)
