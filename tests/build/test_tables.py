"""The tables as a whole: schema and data dictionary, keys, provenance,
session figures, loading and the on-disk cache."""

import re
import shutil

import pandas as pd
import pytest

import idm_data
from idm_data.build import cache
from idm_data.build import tables as tables_module
from idm_data.build.schema import conform, data_dictionary, foreign_keys, schema
from idm_data.resources import CORPUS_DIR, PACKAGE_DIR

SCHEMA = schema()
FOREIGN_KEYS = [(name, fk) for name in SCHEMA for fk in foreign_keys(name)]
MENTION_TABLES = ("country_mentions", "organisation_mentions", "framework_mentions", "theme_mentions",
                  "people", "partnerships", "session_figures")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load(CORPUS_DIR)


# --- schema ------------------------------------------------------------------

def test_every_table_is_declared(tables):
    assert set(tables) == set(SCHEMA)


@pytest.mark.parametrize("name", SCHEMA)
def test_columns_are_declared_with_a_description(tables, name):
    declared = SCHEMA[name]["columns"]
    assert list(tables[name].columns) == list(declared)
    assert all(str(spec.get("description", "")).strip() for spec in declared.values())
    assert str(SCHEMA[name]["description"]).strip()
    assert set(SCHEMA[name]["primary_key"]) <= set(declared)


@pytest.mark.parametrize("name", SCHEMA)
def test_primary_keys_are_unique(tables, name):
    key = SCHEMA[name]["primary_key"]
    frame = tables[name]
    assert not frame.duplicated(key).any(), frame[frame.duplicated(key, keep=False)].head()


@pytest.mark.parametrize("name, fk", FOREIGN_KEYS, ids=[f"{n}.{'+'.join(fk.columns)}" for n, fk in FOREIGN_KEYS])
def test_foreign_keys_name_rows_of_their_table(tables, name, fk):
    columns = SCHEMA[name]["columns"]
    target = SCHEMA[fk.table]["columns"]
    assert [columns[c]["type"] for c in fk.columns] == [target[c]["type"] for c in fk.target]
    rows = tables[name][list(fk.columns)]
    if fk.optional:
        rows = rows[(rows != "").all(axis=1)]
    assert len(rows), "a key that never holds a value cannot be checked here"
    known = set(tables[fk.table][list(fk.target)].itertuples(index=False, name=None))
    missing = set(rows.itertuples(index=False, name=None)) - known
    assert not missing, sorted(missing)[:5]


def test_a_column_referencing_a_key_is_declared_as_a_foreign_key():
    """Every `<table key>` column elsewhere (doc_id, theme_id...) is declared, so none is forgotten."""
    single_keys = {spec["primary_key"][0]: name for name, spec in SCHEMA.items() if len(spec["primary_key"]) == 1}
    for name, spec in SCHEMA.items():
        declared = {fk.columns for fk in foreign_keys(name)}
        for column in spec["columns"]:
            owner = single_keys.get(column)
            if owner and owner != name and (name, column) != ("documents", "file"):  # a file name, not an error
                assert (column,) in declared, f"{name}.{column} references {owner} but is not declared"


@pytest.mark.parametrize("name", SCHEMA)
def test_column_types_are_the_declared_ones(tables, name):
    kinds = {"str": "str", "int": "int64", "Int64": "Int64", "float": "float64", "Float64": "Float64", "bool": "bool"}
    got = {c: str(t) for c, t in tables[name].dtypes.items()}
    assert got == {c: kinds[s["type"]] for c, s in SCHEMA[name]["columns"].items()}


def test_readme_is_the_generated_data_dictionary():
    readme = (PACKAGE_DIR / "README.md").read_text(encoding="utf-8")
    assert readme == data_dictionary() + "\n", "run `python -m idm_data docs`"


def test_data_dictionary_lists_every_column():
    text = data_dictionary()
    for name, spec in SCHEMA.items():
        assert f"## `{name}`" in text
        for column in spec["columns"]:
            assert f"| `{column}` |" in text


def test_conform_orders_types_and_fills_columns():
    raw = pd.DataFrame({"error": ["is empty"], "file": ["a.txt"], "extra": [1]})
    out = conform("load_errors", raw)
    assert out.columns.tolist() == ["file", "error"]
    missing = conform("documents", pd.DataFrame({"doc_id": ["d"], "n_words": [None]}))
    assert missing.loc[0, "n_words"] == 0 and missing.loc[0, "title"] == ""
    assert pd.isna(missing.loc[0, "n_takeaways_announced"])


# --- provenance --------------------------------------------------------------

@pytest.mark.parametrize("name", MENTION_TABLES)
def test_every_row_points_to_a_sentence(tables, name):
    sentence_ids = set(tables["sentences"]["sentence_id"])
    assert len(tables[name]) > 0
    assert set(tables[name]["sentence_id"]) <= sentence_ids


@pytest.mark.parametrize("name", ["takeaways", "actions"])
def test_every_item_sentence_exists(tables, name):
    sentence_ids = set(tables["sentences"]["sentence_id"])
    spanned = {s for ids in tables[name]["sentence_ids"] for s in ids.split(";")}
    assert spanned <= sentence_ids


@pytest.mark.parametrize("name", ["country_mentions", "organisation_mentions", "framework_mentions", "theme_mentions"])
def test_mention_offsets_agree_with_the_sentence(tables, name):
    sentences = tables["sentences"].set_index("sentence_id")
    frame = tables[name].join(sentences[["char_start", "char_end", "text", "doc_id"]], on="sentence_id", rsuffix="_s")
    assert (frame["doc_id"] == frame["doc_id_s"]).all()
    assert ((frame["char_start"] >= frame["char_start_s"]) & (frame["char_end"] <= frame["char_end_s"])).all()
    pieces = [t[a:b] for t, a, b in zip(frame["text"], frame["sentence_start"], frame["sentence_end"])]
    if name != "theme_mentions":
        assert pieces == frame["surface"].tolist()
        return
    for piece, text, matched, method in zip(pieces, frame["text"], frame["matched"], frame["method"]):
        if method == "phrase":
            assert piece == matched
        else:  # the learned coder points at the first of its weightiest words found, else the whole sentence
            words = [w for w in (re.sub(r"\W+", " ", w).strip() for w in matched.split("; ")) if w]
            found = [w for w in words if re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, w.split())) + r"(?!\w)",
                                                    text, re.I)]
            assert re.sub(r"\W+", " ", piece).strip().lower() == found[0] if found else piece == text, (piece, matched)


def test_session_ids_agree_across_tables(tables):
    by_doc = tables["documents"].set_index("doc_id")["session_id"]
    for name in ("sentences", *MENTION_TABLES, "takeaways", "actions"):
        frame = tables[name]
        assert (frame["doc_id"].map(by_doc) == frame["session_id"]).all(), name


def test_partnership_edges_are_ordered_and_typed(tables):
    edges = tables["partnerships"]
    assert (edges["source"] < edges["target"]).all()
    assert set(edges["kind"]) == {"explicit", "co_mention"}
    assert (edges.loc[edges["kind"] == "explicit", "trigger"] != "").all()


def test_country_counts_add_up(tables):
    mentions = tables["country_mentions"]
    countries = tables["countries"].set_index("iso3")
    assert countries["n_mentions"].sum() == len(mentions)
    assert countries["n_mentions"].to_dict() == mentions["iso3"].value_counts().to_dict()
    assert tables["countries"]["n_mentions"].is_monotonic_decreasing


# --- documents and sessions --------------------------------------------------

def test_documents(tables):
    docs = tables["documents"]
    assert len(docs) == 5
    assert (docs["n_words"] > 0).all()
    assert docs["n_sentences"].tolist() == tables["sentences"].groupby("doc_id").size().reindex(docs["doc_id"]).tolist()
    assert docs["n_words"].sum() == tables["sentences"]["n_words"].sum()
    assert set(docs["facts_source"]) == {"manifest"}
    assert docs["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()


def test_sessions_come_from_the_manifest(tables):
    sessions = tables["sessions"].set_index("session_id")
    assert sessions.index.tolist() == ["idm-2017-1", "idm-2017-2", "idm-2018-1"]
    assert sessions["n_documents"].tolist() == [2, 1, 2]
    assert sessions.loc["idm-2017-2", "city"] == "Geneva"
    assert (sessions.loc["idm-2018-1", "start_date"], sessions.loc["idm-2018-1", "end_date"]) == ("2018-03-26", "2018-03-27")


@pytest.mark.parametrize("session_id, figure, value, qualifier", [
    ("idm-2017-1", "participants", 300, "over"),
    ("idm-2017-1", "speakers", 35, ""),
    ("idm-2017-1", "women_speakers", 12, ""),
    ("idm-2018-1", "speakers", 47, ""),
    ("idm-2018-1", "women_speakers", 16, ""),
])
def test_session_figures_are_those_the_texts_state(tables, session_id, figure, value, qualifier):
    session = tables["sessions"].set_index("session_id").loc[session_id]
    assert session[figure] == value
    assert session[f"{figure}_qualifier"] == qualifier
    sentence = tables["sentences"].set_index("sentence_id").loc[session[f"{figure}_sentence_id"], "text"]
    assert str(value) in sentence


@pytest.mark.parametrize("session_id, figure", [
    ("idm-2017-2", "participants"), ("idm-2017-2", "speakers"), ("idm-2018-1", "participants"),
])
def test_figures_no_text_states_stay_empty(tables, session_id, figure):
    session = tables["sessions"].set_index("session_id").loc[session_id]
    assert pd.isna(session[figure]) and session[f"{figure}_sentence_id"] == ""


def test_figure_quotes_are_in_their_sentences(tables):
    sentences = tables["sentences"].set_index("sentence_id")["text"]
    for row in tables["session_figures"].itertuples():
        assert row.quote in sentences[row.sentence_id]


# --- loading and caching -----------------------------------------------------

def test_load_twice_returns_equal_frames(tables):
    again = idm_data.load(CORPUS_DIR)
    assert again.keys() == tables.keys()
    for name in tables:
        pd.testing.assert_frame_equal(again[name], tables[name])


def test_a_fresh_build_equals_the_loaded_tables(tables):
    fresh = idm_data.build_tables(CORPUS_DIR)
    for name in tables:
        pd.testing.assert_frame_equal(fresh[name], tables[name], obj=name)


@pytest.fixture
def corpus_copy(tmp_path, monkeypatch):
    """Two documents of the corpus (small, so fast) and a cache of their own."""
    monkeypatch.setenv("IDM_ATLAS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("idm-2017-1-new-york_closing-remarks.txt", "idm-2018-1-new-york_closing-remarks.txt"):
        shutil.copy(CORPUS_DIR / name, folder / name)
    return folder


def test_disk_cache_writes_then_reads_back_equal_tables(corpus_copy, monkeypatch):
    built = tables_module.build_or_read(corpus_copy)
    key = tables_module.corpus_key(corpus_copy)
    assert (cache.cache_dir() / key / "COMPLETE").exists()

    def no_build(*args, **kwargs):
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(tables_module, "build_tables", no_build)
    cached = tables_module.build_or_read(corpus_copy)
    assert cached.keys() == built.keys()
    for name in built:
        pd.testing.assert_frame_equal(cached[name], built[name], obj=name)  # dtypes included


def test_a_rebuild_extracts_only_the_documents_it_has_not_seen(corpus_copy, monkeypatch):
    tables_module.build_tables(corpus_copy)
    extracted, extract = [], tables_module.extract_document
    monkeypatch.setattr(tables_module, "extract_document",
                        lambda source, learned=True: extracted.append(source.file) or extract(source, learned=learned))
    added = corpus_copy / "added.txt"
    added.write_text((CORPUS_DIR / "idm-2017-2-geneva_closing-remarks.txt").read_text(encoding="utf-8")
                     + "\nA closing line no other test writes.\n", encoding="utf-8")
    rebuilt = tables_module.build_tables(corpus_copy)
    assert extracted == ["added.txt"]
    (corpus_copy / "idm-2017-1-new-york_closing-remarks.txt").write_text("A changed text.\n", encoding="utf-8")
    tables_module.build_tables(corpus_copy)
    assert extracted == ["added.txt", "idm-2017-1-new-york_closing-remarks.txt"]  # new bytes, new extraction

    added.unlink()
    (corpus_copy / "idm-2017-1-new-york_closing-remarks.txt").unlink()
    shutil.copy(CORPUS_DIR / "idm-2017-1-new-york_closing-remarks.txt", corpus_copy)
    added.write_text((CORPUS_DIR / "idm-2017-2-geneva_closing-remarks.txt").read_text(encoding="utf-8")
                     + "\nA closing line no other test writes.\n", encoding="utf-8")
    monkeypatch.setattr(tables_module, "_extracted", type(tables_module._extracted)())  # nothing remembered
    fresh = tables_module.build_tables(corpus_copy)
    for name in fresh:
        pd.testing.assert_frame_equal(rebuilt[name], fresh[name], obj=name)


def test_remembered_extractions_are_bounded_by_their_text(corpus_copy, monkeypatch):
    sizes = sorted(len(p.read_text(encoding="utf-8")) for p in corpus_copy.glob("*.txt"))
    monkeypatch.setattr(tables_module, "_extracted", type(tables_module._extracted)())
    monkeypatch.setattr(tables_module, "REMEMBERED_CHARS", sizes[-1])  # room for the larger text alone
    tables_module.build_tables(corpus_copy)
    kept = [size for _, size in tables_module._extracted.values()]
    assert len(kept) == 1 and kept[0] in sizes  # the one extracted last; both would exceed the bound
    monkeypatch.setattr(tables_module, "REMEMBERED_CHARS", sizes[0] - 1)  # too large to keep
    tables_module.forget_extractions()
    tables_module.build_tables(corpus_copy)
    assert not tables_module._extracted


def test_cache_key_changes_when_a_corpus_file_changes(corpus_copy):
    before = tables_module.corpus_key(corpus_copy)
    assert tables_module.corpus_key(corpus_copy) == before  # stable
    path = corpus_copy / "idm-2018-1-new-york_closing-remarks.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    changed = tables_module.corpus_key(corpus_copy)
    assert changed != before
    (corpus_copy / "extra.txt").write_text("Another document.\n", encoding="utf-8")
    assert tables_module.corpus_key(corpus_copy) not in (before, changed)


def test_changed_corpus_is_rebuilt_not_read_from_cache(corpus_copy):
    first = tables_module.build_or_read(corpus_copy)
    (corpus_copy / "extra.txt").write_text("The UNHCR and IOM met in Geneva.\n", encoding="utf-8")
    second = tables_module.build_or_read(corpus_copy)
    assert len(second["documents"]) == len(first["documents"]) + 1


def test_an_incomplete_cache_folder_is_ignored(corpus_copy):
    key = tables_module.corpus_key(corpus_copy)
    (cache.cache_dir() / key).mkdir(parents=True)
    (cache.cache_dir() / key / "documents.parquet").write_bytes(b"not parquet")
    assert cache.read_cached(key) is None
    assert len(tables_module.build_or_read(corpus_copy)["documents"]) == 2


def test_a_damaged_cache_is_rebuilt(corpus_copy):
    key = tables_module.corpus_key(corpus_copy)
    tables_module.build_or_read(corpus_copy)
    (cache.cache_dir() / key / "sentences.parquet").write_bytes(b"garbage")
    assert cache.read_cached(key) is None
    assert len(tables_module.build_or_read(corpus_copy)["sentences"]) > 50
    assert cache.read_cached(key) is not None  # the rebuild replaced the damaged folder


def test_an_unwritable_cache_costs_only_a_rebuild(corpus_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("IDM_ATLAS_CACHE", str(blocker))
    assert len(tables_module.build_or_read(corpus_copy)["documents"]) == 2
    monkeypatch.setenv("IDM_ATLAS_CACHE", str(tmp_path / "other"))
    cache.write_cached("k", {"documents": pd.DataFrame({"doc_id": [1, "mixed"]})})  # pyarrow refuses: no error
    assert cache.read_cached("k") is None


def test_load_of_an_added_folder_includes_its_documents(corpus_copy, tmp_path):
    added = tmp_path / "added"
    added.mkdir()
    (added / "note.txt").write_text("The ILO and Mexico met.\n", encoding="utf-8")
    both = idm_data.load([corpus_copy, added])
    assert len(both["documents"]) == 3
    assert "MEX" in set(both["country_mentions"].query("doc_id == 'note'")["iso3"])
