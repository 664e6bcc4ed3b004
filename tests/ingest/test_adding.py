"""Adding documents (idm_data.ingest and `python -m idm_data add`): every bad
input is refused with a message naming the file and writes nothing; good
.txt, .pdf and .docx files round-trip into the tables; the manifest and the
document are written and removed together."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from document_files import HEADER, docx_of, pdf_of

import idm_data
from idm_data.build.tables import build_tables
from idm_data.extract.document import extract_document
from idm_data.ingest import adding as ingest
from idm_data.ingest import convert
from idm_data.ingest import files as corpus_files
from idm_data.ingest.files import MANIFEST, CorpusError
from idm_data.resources import CORPUS_DIR

ROOT = Path(__file__).resolve().parents[2]
GENEVA = "idm-2017-2-geneva_closing-remarks.txt"
NEW_YORK = "idm-2018-1-new-york_closing-remarks.txt"


# ---------------------------------------------------------------- helpers

def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the folder (hidden ones too, but the folder's lock) with its bytes."""
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != ingest.LOCK}


def geneva_copy() -> bytes:
    """The Geneva closing remarks with a changed first line: new, not a duplicate."""
    raw = (CORPUS_DIR / GENEVA).read_text(encoding="utf-8")
    return ("Copy made for the ingest tests\n" + raw.split("\n", 1)[1]).encode("utf-8")


def plain_paragraphs(name: str = GENEVA) -> list[str]:
    """The document's paragraphs without Markdown, as a PDF or Word file holds them."""
    raw = (CORPUS_DIR / name).read_text(encoding="utf-8")
    blocks = [re.sub(r"\*\*|^#+\s*", "", b, flags=re.M).strip() for b in raw.split("\n\n")]
    return [b for b in blocks if b and b not in ("International Organization for Migration (IOM)\nThe UN Migration Agency",)]


def scanned_pdf() -> bytes:
    """A PDF whose pages carry only drawings (as a scan carries only images)."""
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")
    return bytes(pdf.output())


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small corpus folder: one packaged document and its manifest row."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / NEW_YORK).write_bytes((CORPUS_DIR / NEW_YORK).read_bytes())
    manifest = corpus_files.read_manifest(CORPUS_DIR)
    manifest[manifest["file"] == NEW_YORK].to_csv(folder / MANIFEST, index=False)
    return folder


@pytest.fixture(scope="module")
def packaged():
    return idm_data.load(CORPUS_DIR)


# ---------------------------------------------------------------- bad input

def _empty_docx() -> bytes:
    return docx_of([])


BAD_INPUTS = [
    ("empty.txt", lambda: b"", "is empty"),
    ("blank.md", lambda: b" \n\n\t \n", "is empty"),
    ("binary.txt", lambda: bytes(range(256)) * 8, "binary file"),
    ("latin1.txt", lambda: "Migración, café y niños en situación vulnerable.".encode("latin-1"), "is not UTF-8 text"),
    ("report.rtf", lambda: b"{\\rtf1 some text}", "has extension '.rtf'"),
    ("no-extension", lambda: b"Some text", "has extension '(none)'"),
    ("corrupt.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "could not be read as a PDF"),
    ("not-a.pdf", lambda: b"Plain text pretending to be a PDF", "is not a PDF file"),
    ("scanned.pdf", scanned_pdf, "has no text layer"),
    ("corrupt.docx", lambda: b"PK\x03\x04 this is no Word archive", "could not be read as a Word document"),
    ("no-text.docx", _empty_docx, "has no text"),
]


@pytest.mark.parametrize("name, make, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_refused_and_nothing_is_written(corpus, name, make, message):
    before = snapshot(corpus)
    with pytest.raises(CorpusError) as caught:
        ingest.prepare(name, make(), corpus)
    assert str(caught.value).startswith(f"{name}: ")
    assert message in caught.value.reason
    assert snapshot(corpus) == before


@pytest.mark.parametrize("name, make, message", BAD_INPUTS[:4] + BAD_INPUTS[6:], ids=[b[0] for b in BAD_INPUTS[:4] + BAD_INPUTS[6:]])
def test_add_file_refuses_bad_files_without_writing(corpus, tmp_path, name, make, message):
    source = tmp_path / name
    source.write_bytes(make())
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=re.escape(message)):
        ingest.add_file(source, corpus)
    assert snapshot(corpus) == before


@pytest.mark.parametrize("name", ["big.txt", "big.pdf", "big.docx"])
def test_oversized_file_is_refused(corpus, monkeypatch, name):
    monkeypatch.setattr(convert, "MAX_BYTES", 1024)
    monkeypatch.setattr(corpus_files, "MAX_BYTES", 1024)
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=r"is larger than the 0 MB limit") as caught:
        ingest.prepare(name, b"%PDF" + b"word " * 300, corpus)
    assert caught.value.file == name
    assert snapshot(corpus) == before


def _swelling_docx(part: str) -> bytes:
    """A small .docx with one part that unpacks to many times its size (a ZIP bomb, tamely): the
    document's XML, or an image its relationships name (python-docx reads those too)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_of(["One paragraph."]))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as swollen:
        for info in source.infolist():
            data = source.read(info)
            if part == "xml" and info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>Migration.</w:t></w:r></w:p>" * 5_000)
            swollen.writestr(info, data)
        if part == "media":
            swollen.writestr("word/media/big.png", bytes(300_000))
    return buffer.getvalue()


@pytest.mark.parametrize("part", ["xml", "media"])
def test_a_docx_that_unpacks_past_the_limit_is_refused_unread(corpus, monkeypatch, part):
    with zipfile.ZipFile(io.BytesIO(docx_of(["One paragraph."]))) as plain:
        limit = sum(info.file_size for info in plain.infolist()) + 100_000  # a plain .docx passes
    monkeypatch.setattr(convert, "MAX_UNPACKED_BYTES", limit)
    assert ingest.prepare("plain.docx", docx_of(["One paragraph."]), corpus).text == "One paragraph."
    data = _swelling_docx(part)  # ~200-300 KB more once unpacked, a few KB packed
    with pytest.raises(CorpusError, match=r"its archive unpacks to \d+\.\d MB, more than the \d+ MB a document"):
        ingest.prepare("swollen.docx", data, corpus)


def test_a_pdf_with_too_many_pages_is_refused_before_its_layout_is_read(corpus, monkeypatch):
    monkeypatch.setattr(convert, "MAX_PDF_PAGES", 1)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, "Migration governance.")
    with pytest.raises(CorpusError, match=r"has 2 pages; a document may have at most 1"):
        ingest.prepare("long.pdf", bytes(pdf.output()), corpus)


def test_text_past_the_callers_limit_is_refused_before_parsing(corpus):
    with pytest.raises(CorpusError, match=r"holds 0\.0 MB of text; a document added here may hold at most 0\.0 MB"):
        ingest.prepare("long.txt", geneva_copy(), corpus, max_text_bytes=1_000)
    assert ingest.prepare("long.txt", geneva_copy(), corpus, max_text_bytes=1_000_000).file == "long.txt"


def test_a_file_at_the_limit_is_accepted(corpus, monkeypatch):
    text = geneva_copy()
    monkeypatch.setattr(convert, "MAX_BYTES", len(text))
    monkeypatch.setattr(corpus_files, "MAX_BYTES", len(text))
    assert ingest.prepare("exact.txt", text, corpus).file == "exact.txt"


def test_missing_file_is_refused(corpus, tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        ingest.add_file(tmp_path / "nowhere.txt", corpus)


@pytest.mark.parametrize("session_id", ["![x](http://evil.example/p.png)", "idm-2019", "IDM 2019-1", "idm-19-1",
                                        "idm-2019-1x", "idm-2019-1<b>", "idm-2019-123"])
def test_a_session_id_given_by_hand_must_be_idm_year_number(corpus, session_id):
    with pytest.raises(CorpusError, match=r"session id that is not of the form idm-YYYY-N \(e.g. idm-2019-1\)"):
        ingest.prepare("copy.txt", geneva_copy(), corpus, {"session_id": session_id})
    assert ingest.prepare("copy.txt", geneva_copy(), corpus, {"session_id": "idm-2019-12"}).manifest_row["year"] == "2019"


def test_bad_start_date_is_refused(corpus):
    with pytest.raises(CorpusError, match="'31/02/2019' that is not a date"):
        ingest.prepare("copy.txt", geneva_copy(), corpus, {"start_date": "31/02/2019"})


# ---------------------------------------------------------------- duplicates and names

def test_duplicate_of_a_corpus_document_is_refused(corpus):
    data = (CORPUS_DIR / NEW_YORK).read_bytes()
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=f"is already in the corpus as {re.escape(NEW_YORK)}"):
        ingest.prepare("again.txt", data, corpus)
    # the same text with Windows line endings and a byte-order mark is the same document
    with pytest.raises(CorpusError, match="same content"):
        ingest.prepare("again.md", b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"), corpus)
    assert snapshot(corpus) == before


@pytest.mark.parametrize("change", [
    lambda t: t.replace(" the ", "  the ", 1),  # one extra space
    lambda t: t.replace("\n\n", "\n \n\n", 1),  # a blank line more, with a space in it
    lambda t: t.replace(" ", "\t", 3),  # tabs for spaces
    lambda t: "\n" + t.rstrip() + "   \n\n",  # blank space around it
], ids=["extra space", "extra blank line", "tabs", "outer blank space"])
def test_a_copy_differing_only_in_whitespace_is_a_duplicate(corpus, change):
    text = (CORPUS_DIR / NEW_YORK).read_text(encoding="utf-8")
    with pytest.raises(CorpusError, match=f"already in the corpus as {re.escape(NEW_YORK)}"):
        ingest.prepare("copy.txt", change(text).encode("utf-8"), corpus)


def test_duplicate_of_a_document_in_another_folder_is_refused(tmp_path):
    with pytest.raises(CorpusError, match=f"already in the corpus as {re.escape(GENEVA)}"):
        ingest.prepare("geneva.txt", (CORPUS_DIR / GENEVA).read_bytes(), tmp_path / "added", others=[CORPUS_DIR])


def test_duplicate_after_commit_is_refused(corpus):
    ingest.add_file(_write(corpus.parent / "first.txt", geneva_copy()), corpus)
    with pytest.raises(CorpusError, match="already in the corpus as first.txt"):
        ingest.prepare("second.txt", geneva_copy(), corpus)


def test_names_taken_in_any_folder_get_a_suffix(corpus, tmp_path):
    # a packaged document's name: the copy must not share its doc_id
    prepared = ingest.prepare(GENEVA, geneva_copy(), tmp_path / "added", others=[CORPUS_DIR])
    assert prepared.file == GENEVA.replace(".txt", "-2.txt")
    assert ingest.prepare(NEW_YORK.replace(".txt", ".md"), geneva_copy(), corpus).file == NEW_YORK.replace(".txt", "-2.txt")
    assert ingest.prepare("Report <IDM> 2019!.pdf.txt", geneva_copy(), corpus).file == "Report-IDM-2019-.pdf.txt"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- round trips

def test_txt_round_trip_into_the_tables(corpus, tmp_path, packaged):
    path, warnings = ingest.add_file(_write(tmp_path / "geneva copy.txt", geneva_copy()), corpus)
    assert path == corpus / "geneva-copy.txt"
    # the file name gives no session number, so only the year is known
    assert len(warnings) == 1 and warnings[0].startswith("session_id 'idm-2017' names only the year")
    tables = build_tables([corpus])
    assert set(tables["documents"]["file"]) == {NEW_YORK, "geneva-copy.txt"}
    doc = tables["documents"].set_index("file").loc["geneva-copy.txt"]
    assert (doc["doc_type"], doc["facts_source"]) == ("closing_remarks", "manifest")
    original = packaged["takeaways"].query("doc_id == @GENEVA[:-4]")
    added = tables["takeaways"].query("doc_id == 'geneva-copy'")
    assert len(added) == len(original) == doc["n_takeaways"] > 0
    assert list(added["title"]) == list(original["title"])
    assert tables["load_errors"].empty


def test_overrides_go_to_the_manifest_with_consistent_dates(corpus):
    prepared = ingest.prepare("copy.txt", geneva_copy(), corpus,
                              {"session_id": "idm-2019-1", "start_date": "2019-05-02", "venue": "Somewhere", "doc_type": ""})
    row = prepared.manifest_row
    assert (row["session_id"], row["start_date"], row["end_date"], row["year"], row["venue"]) == \
           ("idm-2019-1", "2019-05-02", "2019-05-02", "2019", "Somewhere")
    assert row["doc_type"] == "closing_remarks"  # an empty override keeps what the text says
    assert prepared.warnings == []
    assert ingest.prepare("copy.txt", geneva_copy(), corpus, {"session_id": "idm-2020-2"}).manifest_row["year"] == "2020"


def test_a_text_without_takeaways_or_facts_warns(corpus):
    prepared = ingest.prepare("note.txt", b"A short note about migration and partnerships.\n", corpus)
    assert prepared.warnings[0].startswith("no takeaways found")
    assert {"session_id could not be inferred from the text; give it explicitly",
            "start_date could not be inferred from the text; give it explicitly"} <= set(prepared.warnings)


def test_pdf_round_trip_drops_running_headers_and_page_numbers(corpus, packaged):
    data = pdf_of(plain_paragraphs())
    prepared = ingest.prepare("geneva print.pdf", data, corpus)
    assert prepared.file == "geneva-print.txt"
    assert HEADER not in prepared.text
    assert not re.search(r"^\s*Page \d+\s*$", prepared.text, re.M)
    assert "Laura Thompson, Deputy Director General" in prepared.text
    parts = extract_document(prepared.source)
    original = packaged["documents"].set_index("file").loc[GENEVA]
    # paragraphs survive the PDF (blank lines kept), so sentences and takeaways come out as from the text
    assert len(parts["paragraphs"]) == original["n_paragraphs"]
    assert len(parts["sentences"]) == original["n_sentences"]
    assert len(parts["takeaways"]) == original["n_takeaways"]
    path = ingest.commit(prepared, corpus)
    assert build_tables([corpus])["documents"].set_index("file").loc[path.name, "n_takeaways"] == original["n_takeaways"]


def test_pdf_headers_are_kept_when_they_are_not_repeated(corpus):
    pages = ["Title line\nBody one.", "Another top\nBody two.", "Third top\nBody three."]
    assert convert._drop_running_lines(pages) == pages
    assert convert._drop_running_lines(["Head\nA.\n1", "Head\nB.\nPage 2 of 3", "Head\nC.\n3"]) == ["A.", "B.", "C."]
    # a number inside the page is text, not a page number
    page = "Top\nOne.\nTwo.\n42\nThree.\nFour.\nBottom"
    assert convert._drop_running_lines([page]) == [page]


def test_pages_join_into_paragraphs():
    # a page that stops mid-sentence runs on; one that ends a sentence ends a paragraph
    assert convert._join_pages(["It runs on to the", "next page. End.", "", "New paragraph."]) == \
        "It runs on to the\nnext page. End.\n\nNew paragraph."


def test_docx_round_trip(corpus, packaged):
    prepared = ingest.prepare("Geneva remarks.docx", docx_of(plain_paragraphs()), corpus)
    assert prepared.file == "Geneva-remarks.txt"
    assert prepared.text.startswith("CLOSING REMARKS\n\nLaura Thompson")
    parts = extract_document(prepared.source)
    assert len(parts["takeaways"]) == packaged["documents"].set_index("file").loc[GENEVA, "n_takeaways"]
    assert prepared.manifest_row["doc_type"] == "closing_remarks"


# ---------------------------------------------------------------- the manifest, atomically

def test_commit_writes_one_manifest_row_and_no_temporary_file(corpus):
    first = ingest.commit(ingest.prepare("a.txt", geneva_copy(), corpus), corpus)
    manifest = corpus_files.read_manifest(corpus)
    assert list(manifest["file"]) == [NEW_YORK, first.name]
    assert manifest.set_index("file").loc[first.name, "session_id"] == "idm-2017"
    assert sorted(snapshot(corpus)) == sorted([NEW_YORK, MANIFEST, "a.txt"])


def test_commit_refuses_an_existing_file(corpus):
    prepared = ingest.prepare("a.txt", geneva_copy(), corpus)
    ingest.commit(prepared, corpus)
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match="already in the corpus as a.txt"):
        ingest.commit(prepared, corpus)
    assert snapshot(corpus) == before


def test_failed_manifest_write_leaves_the_folder_unchanged(corpus, monkeypatch):
    prepared = ingest.prepare("a.txt", geneva_copy(), corpus)
    before = snapshot(corpus)
    real = ingest._atomic_write

    def failing(path, data):
        if path.name == MANIFEST:
            raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(ingest, "_atomic_write", failing)
    with pytest.raises(OSError, match="disk full"):
        ingest.commit(prepared, corpus)
    assert snapshot(corpus) == before


def test_atomic_write_leaves_no_temporary_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / MANIFEST
    target.write_bytes(b"old")
    monkeypatch.setattr(ingest.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("rename failed")))
    with pytest.raises(OSError):
        ingest._atomic_write(target, b"new")
    assert snapshot(tmp_path) == {MANIFEST: b"old"}


def test_remove_deletes_the_file_and_its_row(corpus):
    before = snapshot(corpus)
    path = ingest.commit(ingest.prepare("a.txt", geneva_copy(), corpus), corpus)
    ingest.remove(path.name, corpus)
    assert not path.exists()
    assert list(corpus_files.read_manifest(corpus)["file"]) == [NEW_YORK]
    assert set(snapshot(corpus)) == set(before)  # no parked or temporary file left


def test_failed_remove_restores_the_document(corpus, monkeypatch):
    path = ingest.commit(ingest.prepare("a.txt", geneva_copy(), corpus), corpus)
    before = snapshot(corpus)
    monkeypatch.setattr(ingest, "_atomic_write", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        ingest.remove(path.name, corpus)
    assert snapshot(corpus) == before


@pytest.mark.parametrize("file, message", [
    ("../escape.txt", "is not the name of a document"),
    ("manifest.csv", "is not the name of a document"),
    ("missing.txt", "is not in"),
])
def test_remove_refuses_what_is_not_an_added_document(corpus, file, message):
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=re.escape(message)):
        ingest.remove(file, corpus)
    assert snapshot(corpus) == before


def test_remove_never_touches_the_packaged_corpus():
    before = snapshot(CORPUS_DIR)
    with pytest.raises(CorpusError, match="packaged corpus"):
        ingest.remove(GENEVA, CORPUS_DIR)
    assert snapshot(CORPUS_DIR) == before


def test_listing_names_added_documents_with_their_facts(corpus, tmp_path):
    assert ingest.listing(tmp_path / "nothing").empty
    ingest.commit(ingest.prepare("a.txt", geneva_copy(), corpus, {"session_id": "idm-2019-1"}), corpus)
    listing = ingest.listing(corpus).set_index("file")
    assert list(listing.index) == ["a.txt", NEW_YORK]
    assert listing.loc["a.txt", "session_id"] == "idm-2019-1"
    assert listing.loc[NEW_YORK, "title"] == "Closing remarks, IDM 2018 first session"
    assert listing.loc["a.txt", "n_bytes"] == (corpus / "a.txt").stat().st_size


@pytest.mark.parametrize("value, expected", [("1", True), ("true", True), ("0", False), ("no", False)])
def test_storage_is_ephemeral_follows_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("IDM_ATLAS_EPHEMERAL", value)
    assert ingest.storage_is_ephemeral() is expected


def test_storage_is_not_ephemeral_on_a_workstation(monkeypatch, tmp_path):
    monkeypatch.delenv("IDM_ATLAS_EPHEMERAL", raising=False)
    monkeypatch.setenv("HOSTNAME", "laptop")
    monkeypatch.chdir(tmp_path)
    assert ingest.storage_is_ephemeral() is False


# ---------------------------------------------------------------- command line

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "idm_data", "add", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # a second Python process
def test_cli_adds_a_document(corpus, tmp_path):
    source = _write(tmp_path / "geneva copy.txt", geneva_copy())
    done = _cli(str(source), "--corpus", str(corpus), "--session-id", "idm-2017-2")
    assert done.returncode == 0, done.stderr
    assert f"added geneva-copy.txt to {corpus}; the folder now has 2 documents" in done.stdout
    assert "session idm-2017-2, closing_remarks, 7 takeaways" in done.stdout
    assert corpus_files.read_manifest(corpus).set_index("file").loc["geneva-copy.txt", "session_id"] == "idm-2017-2"


@pytest.mark.slow  # a second Python process
def test_cli_refuses_a_bad_file_and_writes_nothing(corpus, tmp_path):
    source = _write(tmp_path / "empty.txt", b"")
    before = snapshot(corpus)
    done = _cli(str(source), "--corpus", str(corpus))
    assert done.returncode == 2
    assert done.stderr.strip() == "error: empty.txt: is empty"
    assert snapshot(corpus) == before
