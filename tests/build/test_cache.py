"""The on-disk table cache trusts only entries that prove themselves, and keeps
only the entries used most recently (issue 10)."""

from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pytest

from idm_data.build import cache
from idm_data.build import tables as tables_module
from idm_data.build.schema import conform, schema
from idm_data.resources import CORPUS_DIR

TWO = ("idm-2017-1-new-york_closing-remarks.txt", "idm-2018-1-new-york_closing-remarks.txt")


@pytest.fixture
def corpus_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in TWO:
        shutil.copy(CORPUS_DIR / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def packaged():
    return tables_module.build_tables(CORPUS_DIR)


def entry(corpus_copy):
    tables_module.build_or_read(corpus_copy)
    key = tables_module.corpus_key(corpus_copy)
    assert cache.read_cached(key) is not None
    return key, cache.cache_dir() / key


def test_a_valid_parquet_file_of_another_table_is_a_miss(corpus_copy):
    key, folder = entry(corpus_copy)
    shutil.copy(folder / "sentences.parquet", folder / "documents.parquet")
    assert cache.read_cached(key) is None
    assert len(tables_module.build_or_read(corpus_copy)["documents"]) == 2  # rebuilt, and the entry rewritten
    assert len(cache.read_cached(key)["documents"]) == 2


def test_the_same_table_of_another_corpus_is_a_miss(corpus_copy, packaged):
    key, folder = entry(corpus_copy)
    packaged["documents"].to_parquet(folder / "documents.parquet", index=False)  # 5 documents, not 2
    assert cache.read_cached(key) is None
    assert len(tables_module.build_or_read(corpus_copy)["documents"]) == 2


def test_an_entry_filed_under_another_key_is_a_miss(corpus_copy):
    key, folder = entry(corpus_copy)
    other = "0" * 24
    shutil.copytree(folder, cache.cache_dir() / other)
    assert cache.read_cached(other) is None


@pytest.mark.parametrize("damage", ["rows", "bytes", "table missing", "no record", "record not JSON"])
def test_an_entry_that_disagrees_with_its_record_is_a_miss(corpus_copy, damage):
    key, folder = entry(corpus_copy)
    record = json.loads((folder / cache.RECORD).read_text())
    if damage == "rows":
        record["tables"]["sentences"]["rows"] += 1
    elif damage == "bytes":
        record["tables"]["themes"]["bytes"] -= 1
    elif damage == "table missing":
        (folder / "people.parquet").unlink()
    if damage == "no record":
        (folder / cache.RECORD).unlink()
    elif damage == "record not JSON":
        (folder / cache.RECORD).write_text(key)  # what the cache wrote before it kept a record
    else:
        (folder / cache.RECORD).write_text(json.dumps(record))
    assert cache.read_cached(key) is None


def test_a_table_that_does_not_conform_to_the_schema_is_a_miss(corpus_copy):
    key, folder = entry(corpus_copy)
    documents = pd.read_parquet(folder / "documents.parquet")
    documents["n_words"] = documents["n_words"].astype(str)  # right rows, wrong type
    documents.to_parquet(folder / "documents.parquet", index=False)
    record = json.loads((folder / cache.RECORD).read_text())
    record["tables"]["documents"]["bytes"] = (folder / "documents.parquet").stat().st_size
    (folder / cache.RECORD).write_text(json.dumps(record))
    assert cache.read_cached(key) is None


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: conform(name, pd.DataFrame()) for name in schema()}


def test_only_the_entries_used_most_recently_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_CACHE", str(tmp_path))
    (tmp_path / "added").mkdir()  # added documents may live beside the cache: never pruned
    keep = cache.KEEP_ENTRIES
    keys = [f"{n:024x}" for n in range(keep + 4)]
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 100)  # write them all first
    for age, key in enumerate(keys):
        cache.write_cached(key, empty_tables())
        stamp = 1_000_000 + age
        os.utime(tmp_path / key / cache.RECORD, (stamp, stamp))
    monkeypatch.setattr(cache, "KEEP_ENTRIES", keep)
    assert cache.read_cached(keys[0]) is not None  # the oldest entry, used again
    cache.write_cached("f" * 24, empty_tables())
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == keep + 1
    assert "added" in kept and keys[0] in kept and "f" * 24 in kept
    assert keys[1] not in kept and keys[-1] in kept


def test_a_staging_folder_left_by_a_crash_is_removed_once_stale(tmp_path):
    stale, fresh = tmp_path / ".tmp-old", tmp_path / ".tmp-new"
    stale.mkdir()
    fresh.mkdir()
    os.utime(stale, (1_000_000, 1_000_000))
    assert cache.prune(tmp_path) == [".tmp-old"]
    assert fresh.exists()
