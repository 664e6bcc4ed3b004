"""The scale benchmark's tools: the corpus generator and the table cache key."""

import re
import shutil
from datetime import date

import pytest

from benchmarks.corpus_generator import FIRST_YEAR, LAST_YEAR, generate, split_document
from idm_data.build.cache import cache_key
from idm_data.build.tables import build_tables, corpus_key
from idm_data.ingest import files as corpus_files
from idm_data.ingest.files import MANIFEST_COLUMNS, read_corpus
from idm_data.resources import CORPUS_DIR, load_csv

N = 7  # odd: the last session has closing remarks only


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    return folder, generate(folder, N, seed=3)


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_generator_is_deterministic(corpus, tmp_path):
    folder, _ = corpus
    generate(tmp_path / "again", N, seed=3)
    generate(tmp_path / "other", N, seed=4)
    assert _files(tmp_path / "again") == _files(folder)
    assert _files(tmp_path / "other") != _files(folder)


def test_generator_writes_n_documents_and_their_manifest(corpus):
    folder, manifest = corpus
    texts = sorted(p.name for p in folder.glob("*.txt"))
    assert len(texts) == N
    assert list(manifest.columns) == MANIFEST_COLUMNS
    assert sorted(manifest["file"]) == texts
    assert manifest["session_id"].nunique() == (N + 1) // 2
    assert manifest["doc_type"].value_counts().to_dict() == {"closing_remarks": 4, "summary_of_conclusions": 3}
    assert set(manifest["venue"]) <= set(load_csv("venues.csv")["venue"])
    for row in manifest.itertuples():
        year, number = re.fullmatch(r"idm-(\d{4})-(\d+)", row.session_id).groups()
        assert FIRST_YEAR <= int(year) <= LAST_YEAR and row.year == year and int(number) >= 1
        assert date.fromisoformat(row.start_date) < date.fromisoformat(row.end_date)
        assert row.start_date.startswith(year) and row.file.startswith(row.session_id + "-")


def test_generated_documents_keep_the_source_title_block_shape_and_takeaways(corpus):
    folder, manifest = corpus
    sources, _ = read_corpus(CORPUS_DIR)
    tails = {tuple(map(tuple, split_document(s.raw)[2])): s for s in sources}
    built = build_tables(folder)
    packaged = build_tables(CORPUS_DIR)
    for row in manifest.itertuples():
        raw = (folder / row.file).read_text(encoding="utf-8")
        head, _, rest = split_document(raw)
        source = tails[tuple(map(tuple, rest))]  # the takeaway lists are the source's, verbatim
        end = date.fromisoformat(row.end_date)
        assert len(head) == len(split_document(source.raw)[0])  # the same title block ...
        assert f"{end.day} {end:%B}" in " ".join(head) and row.venue in " ".join(head)  # ... at the new date and venue
        doc = built["documents"].set_index("file").loc[row.file]
        original = packaged["documents"].set_index("file").loc[source.file]
        assert (doc.n_takeaways, doc.n_actions, doc.facts_source) == (original.n_takeaways, original.n_actions, "manifest")
    assert built["load_errors"].empty


def test_new_actors_name_one_invented_partner_per_session(corpus, tmp_path):
    folder, manifest = corpus
    generate(tmp_path / "actors", N, seed=3, new_actors=True)
    invented = re.compile(r"The (?:[A-Z][a-z]+ ){2}(?:Foundation|Institute|Network|Association|Coalition) works closely with")
    for row in manifest.itertuples():
        found = invented.findall((tmp_path / "actors" / row.file).read_text(encoding="utf-8"))
        assert len(found) == (row.doc_type == "closing_remarks")
        assert not invented.search((folder / row.file).read_text(encoding="utf-8"))  # off by default


@pytest.mark.parametrize("settled_ns", [None, 0], ids=["fresh files", "remembered hashes"])
def test_cache_key_changes_with_a_document_and_only_then(tmp_path, monkeypatch, settled_ns):
    if settled_ns is not None:  # every file counts as settled: hashes come from the stat-signature memo
        monkeypatch.setattr(corpus_files, "SETTLED_NS", settled_ns)
    folder = tmp_path / "corpus"
    generate(folder, 3, seed=1)
    before = cache_key(folder)
    doc = next(folder.glob("*.txt"))
    text = doc.read_bytes()
    doc.write_bytes(text)  # rewritten, same content: same key
    assert cache_key(folder) == before
    shutil.copytree(folder, tmp_path / "copy")
    assert cache_key(tmp_path / "copy") == before  # keyed by content, not by where it lives
    doc.write_bytes(text.replace(b"migration", b"mobility", 1))
    changed = cache_key(folder)
    assert changed != before
    assert corpus_key([folder]) == corpus_key(folder) == changed
    assert corpus_key([folder, tmp_path / "copy"]) == f"{changed}-{before}"
    doc.write_bytes(text)
    assert cache_key(folder) == before
