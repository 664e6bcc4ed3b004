"""`python -m idm_data`: export every table, on the packaged corpus or any
folder of documents, and regenerate the data dictionary."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from idm_data import __main__ as cli
from idm_data.resources import CORPUS_DIR
from idm_data.build.schema import data_dictionary, schema

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "idm_data", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    result = run("export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


def test_export_writes_csv_and_parquet_for_every_table(exported):
    out, result = exported
    names = set(schema())
    assert {p.stem for p in out.glob("*.csv")} == names
    assert {p.stem for p in out.glob("*.parquet")} == names
    assert f"wrote {len(names)} tables (5 documents)" in result.stdout


def test_exported_files_read_back(exported):
    out, _ = exported
    documents = read_csv(out / "documents.csv")
    assert len(documents) == 5
    assert list(documents.columns) == list(schema()["documents"]["columns"])
    sentences = pd.read_parquet(out / "sentences.parquet")
    assert len(sentences) == len(read_csv(out / "sentences.csv")) > 500
    assert sentences["sentence_id"].is_unique
    sessions = read_csv(out / "sessions.csv").set_index("session_id")
    assert sessions.loc["idm-2017-1", ["participants", "participants_qualifier"]].tolist() == ["300", "over"]
    takeaways = pd.read_parquet(out / "takeaways.parquet")
    assert len(takeaways) == 30


def test_export_of_a_folder_without_manifest_infers_facts(tmp_path):
    corpus = tmp_path / "plain"
    corpus.mkdir()
    for name in ("idm-2017-2-geneva_closing-remarks.txt", "idm-2018-1-new-york_closing-remarks.txt"):
        shutil.copy(CORPUS_DIR / name, corpus / name)
    result = run("export", "--out", str(tmp_path / "out"), "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    docs = read_csv(tmp_path / "out" / "documents.csv").set_index("doc_id")
    assert docs["session_id"].to_dict() == {
        "idm-2017-2-geneva_closing-remarks": "idm-2017-2", "idm-2018-1-new-york_closing-remarks": "idm-2018-1"}
    assert set(docs["doc_type"]) == {"closing_remarks"}
    assert docs["speaker"].tolist() == ["Laura Thompson", "William Lacy Swing"]
    sessions = read_csv(tmp_path / "out" / "sessions.csv").set_index("session_id")
    assert sessions.loc["idm-2018-1", ["start_date", "venue"]].tolist() == ["2018-03-27", "UN Headquarters, New York"]
    assert sessions.loc["idm-2017-2", "city"] == "Geneva"


def test_export_of_an_unrelated_text_and_a_bad_file(tmp_path, capsys):
    corpus = tmp_path / "misc"
    corpus.mkdir()
    (corpus / "recipe.md").write_text("# Pancakes\n\nMix flour and eggs. Fry.\n", encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    assert cli.main(["export", "--out", str(tmp_path / "out"), "--corpus", str(corpus)]) == 0
    assert "skipped broken.txt" in capsys.readouterr().err
    docs = read_csv(tmp_path / "out" / "documents.csv")
    assert docs[["doc_id", "session_id", "doc_type", "facts_source"]].values.tolist() == [
        ["recipe", "", "", "inferred"]]
    assert read_csv(tmp_path / "out" / "load_errors.csv")["file"].tolist() == ["broken.txt"]


def test_export_refuses_a_corpus_that_is_not_a_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--out", str(tmp_path / "out"), "--corpus", str(tmp_path / "nowhere")])
    assert exit_.value.code == 2
    assert "is not a folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_command_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_:
        cli.main(["frobnicate"])
    assert exit_.value.code == 2


def test_docs_writes_the_data_dictionary(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "PACKAGE_DIR", tmp_path)  # never rewrite the real README in a test
    assert cli.main(["docs"]) == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == data_dictionary() + "\n"
    assert "README.md" in capsys.readouterr().out


# ---------------------------------------------------------------- add (issue 10)

GENEVA = "idm-2017-2-geneva_closing-remarks.txt"


def packaged_snapshot() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(CORPUS_DIR.iterdir()) if p.is_file()}


@pytest.fixture
def new_document(tmp_path) -> Path:
    raw = (CORPUS_DIR / GENEVA).read_text(encoding="utf-8")
    path = tmp_path / "source" / "geneva copy.txt"
    path.parent.mkdir()
    path.write_text("Copy made for the CLI tests\n" + raw.split("\n", 1)[1], encoding="utf-8")
    return path


def test_add_writes_to_the_added_documents_folder_never_the_packaged_corpus(new_document, tmp_path, monkeypatch, capsys):
    added = tmp_path / "added"
    monkeypatch.setenv("IDM_ATLAS_ADDED", str(added))
    before = packaged_snapshot()
    assert cli.main(["add", str(new_document), "--session-id", "idm-2017-2"]) == 0
    assert packaged_snapshot() == before
    assert sorted(p.name for p in added.glob("*.txt")) == ["geneva-copy.txt"]
    assert read_csv(added / "manifest.csv")["file"].tolist() == ["geneva-copy.txt"]
    out = capsys.readouterr().out
    assert f"added geneva-copy.txt to {added}; the dashboard's corpus now has 6 documents" in out


def test_add_writes_world_readable_files(new_document, tmp_path):
    folder = tmp_path / "corpus"
    assert cli.main(["add", str(new_document), "--corpus", str(folder)]) == 0
    for name in ("geneva-copy.txt", "manifest.csv"):
        assert (folder / name).stat().st_mode & 0o777 == 0o644, name


def test_add_refuses_the_packaged_corpus_even_when_named(new_document, capsys):
    before = packaged_snapshot()
    assert cli.main(["add", str(new_document), "--corpus", str(CORPUS_DIR)]) == 2
    assert "the packaged corpus, which is never modified" in capsys.readouterr().err
    assert packaged_snapshot() == before


def test_add_to_the_added_folder_refuses_a_copy_of_a_packaged_document(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IDM_ATLAS_ADDED", str(tmp_path / "added"))
    assert cli.main(["add", str(CORPUS_DIR / GENEVA)]) == 2
    assert f"already in the corpus as {GENEVA}" in capsys.readouterr().err
    assert not (tmp_path / "added").exists()
