"""The Add a document page (AppTest) and its helpers (idm_data.preview,
idm_data.export): upload, preview before saving, save, refuse bad input,
list and remove added documents, and every page showing an added document.

Each test points IDM_ATLAS_ADDED at its own empty folder, so documents added
here never reach the other tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read

import idm_data
from idm_data.build import export
from idm_data.ingest import adding as ingest
from idm_data.ingest import preview
from idm_data.ingest.files import MANIFEST, SourceDocument, read_manifest
from idm_data.extract.document import extract_document
from idm_data.resources import CORPUS_DIR

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "add_document.py"
GENEVA = "idm-2017-2-geneva_closing-remarks.txt"


def geneva_copy() -> bytes:
    raw = (CORPUS_DIR / GENEVA).read_text(encoding="utf-8")
    return ("Copy made for the page tests\n" + raw.split("\n", 1)[1]).encode("utf-8")


@pytest.fixture
def added(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "added"
    monkeypatch.setenv("IDM_ATLAS_ADDED", str(folder))
    monkeypatch.setenv("IDM_ATLAS_EPHEMERAL", "0")
    return folder


@pytest.fixture(scope="module")
def packaged():
    return idm_data.load(CORPUS_DIR)


def run(page: Path = PAGE, **params) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


# ---------------------------------------------------------------- the page

def test_default_view(added, packaged):
    at = run()
    assert at.title[0].value == "Add a document"
    intro = at.markdown[0].value
    assert f"at most **{ingest.max_megabytes()} MB**" in intro
    assert f"The corpus now has {len(packaged['documents'])} document(s)." in intro
    uploader = at.file_uploader[0]
    assert sorted(uploader.allowed_type) == [".docx", ".md", ".pdf", ".txt"]
    assert at.info[0].value == "Choose a file to see what would be extracted from it."
    assert any(c.value == "None yet." for c in at.caption)
    assert not at.metric and not at.warning
    assert dict(at.query_params) == {}


def test_preview_shows_what_would_be_extracted_and_writes_nothing(added):
    at = upload(run(), "geneva copy.txt", geneva_copy())
    prepared = ingest.prepare("geneva copy.txt", geneva_copy(), added, others=[CORPUS_DIR])
    frames = preview.summarise(extract_document(prepared.source))
    counts = preview.totals(frames)
    assert metrics(at) == {"Sentences": str(counts["n_sentences"]), "Takeaways": str(counts["n_takeaways"]),
                           "Countries named": str(counts["n_countries"]),
                           "Organisations named": str(counts["n_organisations"]),
                           "Themes mentioned": str(counts["n_themes"])}
    assert counts["n_takeaways"] == 7
    shown = [d.value for d in at.dataframe]
    pd.testing.assert_frame_equal(shown[1].reset_index(drop=True), frames["takeaways"], check_dtype=False)
    assert shown[0].iloc[0]["file"] == "geneva-copy.txt"
    assert at.code[0].value == prepared.text[:5000].rstrip("\n")
    assert not added.exists()  # a preview writes nothing


def test_overrides_change_the_facts_shown(added):
    at = upload(run(), "geneva copy.txt", geneva_copy())
    at.text_input[0].set_value("idm-2019-1").run()
    facts = at.dataframe[0].value.iloc[0]
    assert (facts["session_id"], facts["start_date"]) == ("idm-2019-1", "2017-07-19")


def test_a_text_without_takeaways_shows_warnings(added):
    at = upload(run(), "note.md", b"A short note on partnerships with IOM.\n")
    warnings = [as_read(w.value) for w in at.warning]
    assert warnings[0].startswith("Warning: no takeaways found")
    assert metrics(at)["Takeaways"] == "0"


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "is empty"),
    ("image.txt", bytes(range(256)) * 4, "is a binary file, not text"),
    ("latin.txt", "Migración".encode("latin-1"), "is not UTF"),
    ("broken.pdf", b"%PDF-1.4 broken", "could not be read as a PDF"),
    ("fake.pdf", b"plain words", "is not a PDF file"),
])
def test_bad_upload_shows_an_error_and_writes_nothing(added, name, data, message):
    at = upload(run(), name, data)
    errors = [as_read(e.value) for e in at.error]
    assert len(errors) == 1 and message in errors[0]
    assert errors[0].startswith("Not added: " + name)
    assert not at.metric and "save" not in [b.key for b in at.button]
    assert not added.exists()


def test_duplicate_of_a_packaged_document_is_refused(added):
    at = upload(run(), "same.txt", (CORPUS_DIR / GENEVA).read_bytes())
    assert "is already in the corpus as" in at.error[0].value
    assert not added.exists()


def test_uploaded_markup_is_shown_as_text(added):
    hostile = b"# Heading\n\n<script>alert(1)</script> **bold** [link](http://example.com)\n"
    at = upload(run(), "hostile.md", hostile)
    assert at.code[0].value == hostile.decode().rstrip("\n")
    assert not any("<script>" in m.value or "**bold**" in m.value for m in at.markdown)


def test_save_adds_the_document_and_every_page_shows_it(added, packaged):
    packaged_before = snapshot(CORPUS_DIR)
    at = upload(run(), "geneva copy.txt", geneva_copy())
    at.button(key="save").click().run()
    assert not at.exception
    assert at.success[0].value == "Saved geneva\\-copy\\.txt\\. Every page now includes it\\."
    assert sorted(p.name for p in added.iterdir()) == ["geneva-copy.txt", MANIFEST]
    assert list(read_manifest(added)["file"]) == ["geneva-copy.txt"]
    assert snapshot(CORPUS_DIR) == packaged_before
    assert f"The corpus now has {len(packaged['documents']) + 1} document(s)." in at.markdown[0].value
    assert at.file_uploader[0].value is None  # a fresh uploader after saving
    listed = at.dataframe[0].value
    assert list(listed["file"]) == ["geneva-copy.txt"]
    for page in pages_with_footer():
        assert "(geneva-copy.txt)" in footer(run(page)), page.name


def footer(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("**Sources:**"))


def pages_with_footer() -> list[Path]:
    """The pages that end with the shared footer (it names every document)."""
    return [p for p in sorted((ROOT / "app_pages").glob("*.py")) if "layout.footer(" in p.read_text(encoding="utf-8")]


def test_listed_document_can_be_removed(added):
    ingest.add_file(_write(added.parent / "copy.txt", geneva_copy()), added)
    at = run()
    assert list(at.dataframe[0].value["file"]) == ["copy.txt"]
    assert [b.proto.label for b in at.get("download_button")][-1].startswith("Download all tables")
    at.selectbox(key="remove_choice").set_value("copy.txt").run()
    at.button(key="remove").click().run()
    assert not at.exception
    assert at.success[0].value == "Removed copy\\.txt\\."
    assert not (added / "copy.txt").exists() and read_manifest(added).empty
    assert any(c.value == "None yet." for c in at.caption)


def test_remove_button_is_disabled_until_a_document_is_chosen(added):
    ingest.add_file(_write(added.parent / "copy.txt", geneva_copy()), added)
    at = run()
    assert at.button(key="remove").disabled


def test_hosted_app_says_documents_last_until_restart(added, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_EPHEMERAL", "1")
    at = run()
    assert "wiped when the app restarts" in at.warning[0].value


def test_unknown_and_malformed_query_parameters_are_dropped(added):
    at = run(session=["idm-2017-2", "nonsense"], cell="x", theme="<script>")
    assert dict(at.query_params) == {"session": "idm-2017-2"}


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- helpers: preview

def test_preview_counts_match_the_tables_of_the_same_document(packaged):
    source = SourceDocument(GENEVA, (CORPUS_DIR / GENEVA).read_text(encoding="utf-8"), "", {})
    frames = preview.summarise(extract_document(source))
    doc_id = GENEVA[:-4]
    mentions = packaged["country_mentions"].query("doc_id == @doc_id")
    expected = mentions.groupby("iso3").size().sort_index()
    assert frames["countries"].set_index("iso3")["n_mentions"].sort_index().to_dict() == expected.to_dict()
    orgs = packaged["organisation_mentions"].query("doc_id == @doc_id")
    assert frames["organisations"].set_index("org_id")["n_mentions"].to_dict() == orgs["org_id"].value_counts().to_dict()
    themes = packaged["theme_mentions"].query("doc_id == @doc_id")
    assert frames["themes"].set_index("theme_id")["n_mentions"].to_dict() == themes["theme_id"].value_counts().to_dict()
    assert list(frames["takeaways"]["title"]) == list(packaged["takeaways"].query("doc_id == @doc_id")["title"])
    assert frames["facts"].iloc[0]["n_sentences"] == packaged["documents"].set_index("doc_id").loc[doc_id, "n_sentences"]


def test_mention_counts_on_a_tiny_frame():
    rows = [{"doc_id": "d", "sentence_id": "d.p001.s01", "iso3": "CAN", "country": "Canada"},
            {"doc_id": "d", "sentence_id": "d.p001.s01", "iso3": "MEX", "country": "Mexico"},
            {"doc_id": "d", "sentence_id": "d.p002.s01", "iso3": "MEX", "country": "Mexico"},
            {"doc_id": "d", "sentence_id": "d.p002.s01", "iso3": "MEX", "country": "Mexico"}]
    expected = pd.DataFrame({"doc_id": ["d", "d"], "iso3": ["MEX", "CAN"], "country": ["Mexico", "Canada"],
                             "n_mentions": [3, 1], "sentence_ids": ["d.p001.s01;d.p002.s01", "d.p001.s01"]})
    pd.testing.assert_frame_equal(preview.mention_counts(rows, ["iso3", "country"]), expected)
    assert list(preview.mention_counts([], ["iso3", "country"]).columns) == ["doc_id", "iso3", "country", "n_mentions", "sentence_ids"]


def test_preview_names_organisations_and_themes():
    parts = {"organisation_mentions": [{"doc_id": "d", "sentence_id": "s1", "org_id": "iom"},
                                       {"doc_id": "d", "sentence_id": "s1", "org_id": "new-x"}],
             "discovered_organisations": [{"org_id": "new-x", "name": "X Foundation", "acronym": "", "org_type": "other"}],
             "theme_mentions": [{"doc_id": "d", "sentence_id": "s1", "theme_id": "gcm-01"}]}
    orgs = preview.organisations(parts).set_index("org_id")
    assert orgs.loc["iom", "name"] == "International Organization for Migration"
    assert orgs.loc["new-x", ["name", "org_type"]].tolist() == ["X Foundation", "other"]
    assert preview.themes(parts).iloc[0][["theme", "family"]].tolist() == ["Data", "gcm_objective"]
    empty = preview.summarise({})
    assert preview.totals(empty) == {"n_sentences": 0, "n_takeaways": 0, "n_countries": 0,
                                     "n_organisations": 0, "n_themes": 0}


# ---------------------------------------------------------------- helpers: export

def test_tables_zip_holds_one_csv_per_table():
    tables = {"b": pd.DataFrame({"x": [1, 2]}), "a": pd.DataFrame({"y": ["é", "z"]})}
    archive = zipfile.ZipFile(io.BytesIO(export.tables_zip(tables)))
    assert archive.namelist() == ["a.csv", "b.csv"]
    pd.testing.assert_frame_equal(pd.read_csv(archive.open("a.csv")), tables["a"], check_dtype=False)
    assert archive.read("b.csv").decode() == "x\n1\n2\n"
