"""`python -m idm_data`: export every table, on the packaged corpus or any
folder of documents, and regenerate the data dictionary."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from document_files import docx_of, pdf_of

import idm_data

from idm_data import __main__ as cli
from idm_data.build.schema import data_dictionary, schema
from idm_data.resources import CORPUS_DIR

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


@pytest.mark.slow  # a second Python process
@pytest.mark.xdist_group("export")  # one worker exports once for both
def test_export_writes_csv_and_parquet_for_every_table(exported):
    out, result = exported
    names = set(schema())
    assert {p.stem for p in out.glob("*.csv")} == names
    assert {p.stem for p in out.glob("*.parquet")} == names
    assert f"wrote {len(names)} tables (5 documents)" in result.stdout


@pytest.mark.slow  # a second Python process
@pytest.mark.xdist_group("export")
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


@pytest.mark.slow  # a second Python process
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


def test_export_without_a_destination_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export"])
    assert exit_.value.code == 2
    assert "--out FOLDER, --sqlite FILE.db, or both" in capsys.readouterr().err


def test_export_of_broken_references_says_so_and_writes_no_database(tmp_path, monkeypatch, capsys):
    from idm_data.build import tables as tables_module

    tables = dict(idm_data.load())
    tables["theme_mentions"] = tables["theme_mentions"].assign(doc_id=lambda f: f["doc_id"].mask(f.index == 0, "gone"))
    monkeypatch.setattr(tables_module, "build_tables", lambda corpus: tables)
    assert cli.main(["export", "--sqlite", str(tmp_path / "atlas.db")]) == 1
    assert "theme_mentions -> documents" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


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


# ---------------------------------------------------------------- usage mistakes (issue 10)

def test_export_to_a_file_says_it_needs_a_folder_before_building(tmp_path, capsys, monkeypatch):
    out = tmp_path / "tables.csv"
    out.write_text("keep me")
    monkeypatch.setattr("idm_data.build.tables.build_tables", lambda *a: pytest.fail("built before checking --out"))
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--out", str(out)])
    assert exit_.value.code == 2
    assert f"--out {out} is a file: give a folder to write the tables into" in capsys.readouterr().err
    assert out.read_text() == "keep me"


def test_export_where_no_folder_can_be_made_is_a_message(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert cli.main(["export", "--out", str(blocker / "out"), "--corpus", str(empty_folder(tmp_path))]) == 1
    corpus = tmp_path / "one"
    corpus.mkdir()
    shutil.copy(CORPUS_DIR / GENEVA, corpus / GENEVA)
    capsys.readouterr()
    assert cli.main(["export", "--out", str(blocker / "out"), "--corpus", str(corpus)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {blocker / 'out'}: Not a directory")


def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir(exist_ok=True)
    return folder


def test_export_of_an_empty_corpus_warns_and_fails(tmp_path, capsys):
    corpus = empty_folder(tmp_path)
    (corpus / "notes.rtf").write_text("{\\rtf1 text}")
    assert cli.main(["export", "--out", str(tmp_path / "out"), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "skipped notes.rtf: has extension '.rtf'; accepted: .txt, .md, .pdf, .docx" in err
    assert f"warning: no document could be read from {corpus}" in err
    assert not (tmp_path / "out").exists()


def test_export_converts_pdf_and_word_files_like_add(tmp_path, capsys):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "printed.pdf").write_bytes(pdf_of(["Closing remarks", "", "IOM and Mexico met in Geneva."]))
    (corpus / "typed.docx").write_bytes(docx_of(["Closing remarks", "UNICEF and Canada met in New York."]))
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 cut")
    assert cli.main(["export", "--out", str(tmp_path / "out"), "--corpus", str(corpus)]) == 0
    docs = read_csv(tmp_path / "out" / "documents.csv")
    assert docs["file"].tolist() == ["printed.pdf", "typed.docx"]
    countries = read_csv(tmp_path / "out" / "country_mentions.csv")
    assert sorted(zip(countries["doc_id"], countries["iso3"])) == [("printed", "MEX"), ("typed", "CAN")]
    assert "skipped broken.docx: could not be read as a Word document: its ZIP archive is cut short" in \
        capsys.readouterr().err


def test_add_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    assert cli.main(["add", str(tmp_path), "--corpus", str(tmp_path / "corpus")]) == 2
    assert f"is a folder, not a document file" in capsys.readouterr().err
    assert not (tmp_path / "corpus").exists()


def test_add_to_a_corpus_that_is_a_file_is_a_usage_error(new_document, tmp_path, capsys):
    (tmp_path / "corpus.txt").write_text("")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["add", str(new_document), "--corpus", str(tmp_path / "corpus.txt")])
    assert exit_.value.code == 2
    assert "is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_add_reads_utf16_and_utf32_with_a_byte_order_mark(new_document, tmp_path, encoding):
    text = new_document.read_text(encoding="utf-8")
    source = tmp_path / "wide.txt"
    marks = {"utf-16-be": b"\xfe\xff"}
    source.write_bytes(marks.get(encoding, b"") + text.encode(encoding))
    folder = tmp_path / "corpus"
    assert cli.main(["add", str(source), "--corpus", str(folder)]) == 0
    assert (folder / "wide.txt").read_text(encoding="utf-8") == text


def test_add_names_utf16_without_a_byte_order_mark(new_document, tmp_path, capsys):
    source = tmp_path / "wide.txt"
    source.write_bytes(new_document.read_text(encoding="utf-8").encode("utf-16-le"))
    assert cli.main(["add", str(source), "--corpus", str(tmp_path / "corpus")]) == 2
    assert "looks like UTF-16 text without a byte-order mark; save it as UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize("make, problem", [
    (lambda: b"PK\x03\x04" + b"\x00" * 40, "its ZIP archive is cut short or damaged"),
    (lambda: b"\xd0\xcf\x11\xe0 an old Word file", "it is not a ZIP archive, which a .docx is"),
    (lambda: _zip({"notes.txt": "hello"}), "its archive lacks [Content_Types].xml and word/document.xml"),
    (lambda: _zip({"[Content_Types].xml": "<Types/>"}), "its archive lacks word/document.xml"),
], ids=["truncated", "old .doc", "plain zip", "no document part"])
def test_add_says_what_is_wrong_with_a_broken_docx(tmp_path, capsys, make, problem):
    source = tmp_path / "broken.docx"
    source.write_bytes(make())
    assert cli.main(["add", str(source), "--corpus", str(tmp_path / "corpus")]) == 2
    err = capsys.readouterr().err
    assert f"error: broken.docx: could not be read as a Word document: {problem}" in err


def _zip(parts: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()
