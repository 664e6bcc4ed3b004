"""The SQLite export: every table with its keys, the full-text index over the
sentences, and Datasette's metadata."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pandas as pd
import pytest

import idm_data
from idm_data.build.schema import foreign_keys, schema
from idm_data.build.sqlite import FTS_TABLE, ForeignKeyError, datasette_metadata, write_sqlite
from idm_data.build.tables import build_tables
from idm_data.resources import CORPUS_DIR

SCHEMA = schema()


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


@pytest.fixture(scope="module")
def database(tables, tmp_path_factory):
    path = write_sqlite(tables, tmp_path_factory.mktemp("sqlite") / "atlas.db")
    with closing(sqlite3.connect(path)) as connection:
        yield connection


def rows(connection, sql: str, *params) -> list[tuple]:
    return connection.execute(sql, params).fetchall()


@pytest.mark.parametrize("name", SCHEMA)
def test_every_table_is_written_whole_with_its_primary_key(database, tables, name):
    info = rows(database, f'PRAGMA table_info("{name}")')
    assert [row[1] for row in info] == list(SCHEMA[name]["columns"])
    assert [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]] == SCHEMA[name]["primary_key"]
    assert rows(database, f'SELECT count(*) FROM "{name}"') == [(len(tables[name]),)]


@pytest.mark.parametrize("name", [n for n in SCHEMA if foreign_keys(n)])
def test_foreign_keys_are_declared_in_the_database(database, name):
    found = {}
    for row in rows(database, f'PRAGMA foreign_key_list("{name}")'):  # id, seq, table, from, to, ...
        found.setdefault(row[0], []).append((row[2], row[3], row[4]))
    declared = [[(fk.table, c, t) for c, t in zip(fk.columns, fk.target)] for fk in foreign_keys(name)]
    assert sorted(found.values()) == sorted(declared)


def test_every_reference_holds(database):
    assert rows(database, "PRAGMA foreign_key_check") == []


def test_values_keep_their_types(database, tables):
    sessions = dict(rows(database, "SELECT session_id, participants FROM sessions"))
    assert sessions == {"idm-2017-1": 300, "idm-2017-2": None, "idm-2018-1": None}
    assert rows(database, "SELECT typeof(n_words), typeof(title) FROM documents LIMIT 1") == [("integer", "text")]
    headings = rows(database, "SELECT sum(is_heading) FROM paragraphs")[0][0]
    assert headings == int(tables["paragraphs"]["is_heading"].sum()) > 0
    # an optional reference left empty is NULL; a stated one names its sentence
    stated = rows(database, "SELECT participants_sentence_id FROM sessions ORDER BY session_id")
    assert stated[1:] == [(None,), (None,)] and stated[0][0].startswith("idm-2017-1")


def search(connection, query: str) -> list[tuple[str, str]]:
    return rows(connection, f"SELECT s.sentence_id, s.text FROM {FTS_TABLE} JOIN sentences s ON s.rowid = "
                            f"{FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH ? ORDER BY rank", query)


def test_full_text_index_covers_every_sentence(database, tables):
    assert rows(database, f"SELECT count(*) FROM {FTS_TABLE}") == [(len(tables["sentences"]),)]


@pytest.mark.parametrize("query, must_contain", [
    ("migrant", r"\bmigrants?\b"),  # word forms by stem
    ("vulner*", r"\bvulnerab"),
    ('"human rights"', r"\bhuman rights\b"),
    ("partnership AND private", r"(?=.*\bpartnership)(?=.*\bprivate\b)"),
    ("Mexico NOT Switzerland", r"^(?!.*Switzerland).*Mexico"),
])
def test_full_text_search_finds_what_it_should(database, query, must_contain):
    found = search(database, query)
    assert found
    texts = pd.Series([text for _, text in found])
    assert texts.str.contains(must_contain, case=False, regex=True).all(), texts.head().tolist()


def test_full_text_search_finds_every_word_form(database, tables):
    expected = tables["sentences"]["text"].str.contains(r"\bmigrants?\b", case=False)
    found = {sid for sid, _ in search(database, "migrant")}
    assert set(tables["sentences"].loc[expected, "sentence_id"]) <= found


def test_a_document_without_a_session_has_a_null_session(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text("# A note\n\nMigrants and refugees met in Geneva.\n", encoding="utf-8")
    tables = build_tables(corpus)
    assert tables["documents"]["session_id"].tolist() == [""]  # the tables' convention: empty
    path = write_sqlite(tables, tmp_path / "note.db")
    with closing(sqlite3.connect(path)) as connection:
        assert rows(connection, "SELECT doc_id, session_id FROM documents") == [("note", None)]
        assert rows(connection, "SELECT count(*) FROM sessions") == [(0,)]  # no pseudo-session with an empty id
        assert rows(connection, "SELECT count(*) FROM sentences WHERE session_id IS NULL") == [(2,)]
        assert rows(connection, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize("bad_theme", ["no-such-theme", ""])
def test_a_broken_reference_fails_and_keeps_the_old_file(tables, tmp_path, bad_theme):
    path = tmp_path / "atlas.db"
    path.write_bytes(b"the previous export")
    mentions = tables["theme_mentions"].copy()
    mentions.loc[0, "theme_id"] = bad_theme
    broken = dict(tables, theme_mentions=mentions)
    with pytest.raises(ForeignKeyError, match="theme_mentions -> themes"):
        write_sqlite(broken, path)
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["atlas.db"]  # no scratch file left


def test_metadata_describes_every_table_and_column_and_credits_the_source(tables):
    metadata = datasette_metadata("atlas", len(tables["documents"]))
    assert metadata["source_url"] == "https://www.iom.int/idm" and "IOM" in metadata["source"]
    assert metadata["license"].startswith("CC BY 4.0") and metadata["license_url"].startswith("https://")
    assert "5 document(s)" in metadata["description"]
    described = metadata["databases"]["atlas"]["tables"]
    assert set(described) == set(SCHEMA)
    for name, spec in SCHEMA.items():
        assert described[name]["description"] == spec["description"]
        assert described[name]["columns"] == {c: s["description"] for c, s in spec["columns"].items()}
        assert described[name].get("label_column", next(iter(spec["columns"]))) in spec["columns"]
    assert described["sentences"]["fts_table"] == FTS_TABLE
