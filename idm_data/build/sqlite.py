"""The tables as one SQLite database, ready for Datasette.

`write_sqlite(tables, path)` writes every table with its primary key, its
foreign keys (both declared in `schema.yaml`), an index on each foreign key,
and `sentences_fts`, a full-text index over the sentences (FTS5, Porter
stemming) whose content is the `sentences` table, so Datasette offers search
on it. `datasette_metadata` describes the database for Datasette: title,
source, licence (from `data/publication.yaml`), tables and columns (from the
schema). Writing CSV and Parquet is `__main__.export`.

Empty references become NULL, SQL's "no reference": a document without a
session has `session_id` NULL, and the pseudo-session that groups such
documents in `sessions` (empty `session_id`) is not written.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pandas as pd

from idm_data.build.schema import foreign_keys, schema
from idm_data.extract.themes import codebook_version
from idm_data.resources import load_yaml

FTS_TABLE = "sentences_fts"
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "Int64": "INTEGER", "float": "REAL", "bool": "INTEGER", "Float64": "REAL"}


class ForeignKeyError(ValueError):
    """Rows whose foreign key names no row of the referenced table."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def nullable_columns(name: str) -> set[str]:
    """Optional numbers, and the columns of optional foreign keys (empty = no reference)."""
    spec = schema()[name]
    optional = {column for fk in foreign_keys(name) if fk.optional for column in fk.columns}
    return optional | {column for column, column_spec in spec["columns"].items() if column_spec["type"] in ("Int64", "Float64")}


def create_table_sql(name: str) -> str:
    """CREATE TABLE with types, NOT NULL where a value is required, and the keys."""
    spec, nullable = schema()[name], nullable_columns(name)
    lines = [f"{_quote(c)} {_SQL_TYPES[s['type']]}{'' if c in nullable else ' NOT NULL'}"
             for c, s in spec["columns"].items()]
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, spec['primary_key']))})")
    lines += [f"FOREIGN KEY ({', '.join(map(_quote, fk.columns))}) REFERENCES {_quote(fk.table)} "
              f"({', '.join(map(_quote, fk.target))})" for fk in foreign_keys(name)]
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def sql_rows(name: str, frame: pd.DataFrame) -> list[tuple]:
    """The rows as SQLite values: missing numbers and empty references as NULL, and
    no row whose (single-column) primary key is empty."""
    spec = schema()[name]
    key = spec["primary_key"]
    if len(key) == 1 and spec["columns"][key[0]]["type"] == "str":
        frame = frame[frame[key[0]] != ""]
    out = frame.astype(object).where(frame.notna(), None)
    for column in nullable_columns(name):
        if spec["columns"][column]["type"] == "str":
            out[column] = out[column].replace("", None)
    for column, column_spec in spec["columns"].items():
        if column_spec["type"] == "bool":
            out[column] = out[column].map(int)
    return list(out.itertuples(index=False, name=None))


def _insert(connection: sqlite3.Connection, name: str, frame: pd.DataFrame) -> None:
    columns = list(schema()[name]["columns"])
    marks = ", ".join("?" * len(columns))
    connection.executemany(f"INSERT INTO {_quote(name)} ({', '.join(map(_quote, columns))}) VALUES ({marks})",
                           sql_rows(name, frame[columns]))


def _index_foreign_keys(connection: sqlite3.Connection, name: str) -> None:
    for fk in foreign_keys(name):
        index = _quote(f"idx_{name}_{'_'.join(fk.columns)}")
        connection.execute(f"CREATE INDEX {index} ON {_quote(name)} ({', '.join(map(_quote, fk.columns))})")


def _full_text_index(connection: sqlite3.Connection) -> None:
    # content="sentences" (double quotes): the form Datasette looks for to offer search on a table
    connection.execute(f'CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content="sentences", '
                       f"content_rowid='rowid', tokenize='{FTS_TOKENIZER}')")
    connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _check_foreign_keys(connection: sqlite3.Connection) -> None:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        found = sorted({f"{table} -> {parent}" for table, _, parent, _ in broken})
        raise ForeignKeyError(f"{len(broken)} row(s) reference nothing: {', '.join(found)}")


def write_sqlite(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """Every table of `schema.yaml` into a new database at `path` (replaced whole, only
    once written and its foreign keys checked)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(suffix=".db", dir=path.parent)
    os.close(handle)
    try:
        with closing(sqlite3.connect(scratch)) as connection, connection:
            for name in schema():
                connection.execute(create_table_sql(name))
                _insert(connection, name, tables[name])
                _index_foreign_keys(connection, name)
            _full_text_index(connection)
            _check_foreign_keys(connection)
        os.chmod(scratch, 0o644)  # mkstemp's 0600 would hide the file from a server running as another user
        os.replace(scratch, path)
    finally:
        Path(scratch).unlink(missing_ok=True)
    return path


def _table_metadata(name: str) -> dict:
    spec = schema()[name]
    found = {"description": spec["description"],
             "columns": {c: s["description"] for c, s in spec["columns"].items()}}
    label = load_yaml("publication.yaml")["label_columns"].get(name)
    if label:
        found["label_column"] = label
    if name == "sentences":
        found["fts_table"] = FTS_TABLE
    return found


def datasette_metadata(database: str, n_documents: int) -> dict:
    """Datasette's metadata.json for the database file named `<database>.db`."""
    about = load_yaml("publication.yaml")
    description = about["description"].strip().format(n_documents=n_documents, codebook=codebook_version())
    return {"title": about["title"], "description": description,
            "source": about["source"], "source_url": about["source_url"],
            "license": about["license"], "license_url": about["license_url"],
            "databases": {database: {"description": description,
                                     "tables": {name: _table_metadata(name) for name in schema()}}}}
