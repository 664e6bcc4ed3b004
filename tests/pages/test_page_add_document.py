"""The Add a document page (AppTest) and its helpers (idm_data.preview,
idm_data.export): upload, preview before saving, save, refuse bad input,
list and remove documents, and every page showing an added document.

What a visitor adds is theirs alone (issue 10): it lives in the session's
workspace, only that session's pages include it, and only an admin (an
`admin_token` in st.secrets, typed on the page) publishes for everyone or
removes a published document. Each test points IDM_ATLAS_ADDED and
IDM_ATLAS_WORKSPACES at its own empty folders, so documents added here never
reach the other tests."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read

import idm_data
from idm_data.build import export
from idm_data.extract.document import extract_document
from idm_data.ingest import adding as ingest
from idm_data.ingest import preview, workspace
from idm_data.ingest.files import MANIFEST, SourceDocument, read_manifest
from idm_data.resources import CORPUS_DIR
from ui import uploads

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "add_document.py"
GENEVA = "idm-2017-2-geneva_closing-remarks.txt"
ADMIN_TOKEN = "a-long-random-admin-token-for-the-tests"
TOKEN_KEY = "_idm_workspace_token"


def geneva_copy(first_line: str = "Copy made for the page tests") -> bytes:
    raw = (CORPUS_DIR / GENEVA).read_text(encoding="utf-8")
    return (first_line + "\n" + raw.split("\n", 1)[1]).encode("utf-8")


@pytest.fixture
def added(tmp_path, monkeypatch) -> SimpleNamespace:
    """Empty folders for published documents and for visitors' workspaces."""
    shared, workspaces = tmp_path / "added", tmp_path / "workspaces"
    monkeypatch.setenv("IDM_ATLAS_ADDED", str(shared))
    monkeypatch.setenv("IDM_ATLAS_WORKSPACES", str(workspaces))
    monkeypatch.setenv("IDM_ATLAS_EPHEMERAL", "0")
    monkeypatch.setattr(uploads, "WRONG_TOKEN_DELAY_S", 0)  # its own test below
    return SimpleNamespace(shared=shared, workspaces=workspaces)


@pytest.fixture(scope="module")
def packaged():
    return idm_data.load(CORPUS_DIR)


def run(page: Path = PAGE, secrets: dict | None = None, **params) -> AppTest:
    """A new browser session opened on `page` (through dashboard.py, so that the session
    can then switch to the other pages)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(secrets or {})
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page.name != "overview.py":
        at.switch_page(f"app_pages/{page.name}").run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    return at


def save(at: AppTest) -> AppTest:
    at.button(key="save").click().run()
    assert not at.exception
    return at


def own_folder(at: AppTest) -> Path:
    return workspace.folder(at.session_state[TOKEN_KEY])


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ingest.LOCK}


def documents_written(added: SimpleNamespace) -> list[str]:
    return sorted(p.name for folder in (added.shared, added.workspaces) if folder.exists()
                  for p in folder.rglob("*.txt"))


def footer(at: AppTest) -> str:
    """The footer as a reader sees it."""
    return as_read(next(c.value for c in at.caption if c.value.startswith("**Sources:**")))


def page_files() -> list[str]:
    """Every page that ends with the shared footer (it names every document)."""
    return [p.name for p in sorted((ROOT / "app_pages").glob("*.py")) if "layout.footer(" in p.read_text(encoding="utf-8")]


def each_page(at: AppTest):
    """The same session (so the same workspace) on every page, in turn."""
    for name in page_files():
        at.switch_page(f"app_pages/{name}").run()
        assert not at.exception, name
        assert at.title[0].value != "Add a document" or name == "add_document.py"  # it switched
        yield name, at


# ---------------------------------------------------------------- the page

def test_default_view(added, packaged):
    at = run()
    assert at.title[0].value == "Add a document"
    intro = at.markdown[0].value
    assert f"at most **{ingest.max_megabytes()} MB**" in intro
    assert "What you add is yours alone: the other visitors never see it." in intro
    assert f"The corpus now has {len(packaged['documents'])} document(s)." in intro
    uploader = at.file_uploader[0]
    assert sorted(uploader.allowed_type) == [".docx", ".md", ".pdf", ".txt"]
    assert at.info[0].value == "Choose a file to see what would be extracted from it."
    captions = [c.value for c in at.caption]
    assert "None yet." in captions and "None." in captions
    assert any(f"A session may add {workspace.MAX_DOCUMENTS} documents and 5.0 MB of text: 0 added" in c
               for c in captions)
    assert not at.metric and not at.warning
    assert not at.text_input  # no admin token configured: no admin sign-in
    assert dict(at.query_params) == {}


def test_preview_shows_what_would_be_extracted_and_writes_nothing(added):
    at = upload(run(), "geneva copy.txt", geneva_copy())
    prepared = ingest.prepare("geneva copy.txt", geneva_copy(), own_folder(at), others=[CORPUS_DIR])
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
    assert documents_written(added) == []  # a preview writes nothing


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
    assert documents_written(added) == []


def test_duplicate_of_a_packaged_document_is_refused(added):
    at = upload(run(), "same.txt", (CORPUS_DIR / GENEVA).read_bytes())
    assert "is already in the corpus as" in at.error[0].value
    assert documents_written(added) == []


def test_uploaded_markup_is_shown_as_text(added):
    hostile = b"# Heading\n\n<script>alert(1)</script> **bold** [link](http://example.com)\n"
    at = upload(run(), "hostile.md", hostile)
    assert at.code[0].value == hostile.decode().rstrip("\n")
    assert not any("<script>" in m.value or "**bold**" in m.value for m in at.markdown)


# ---------------------------------------------------------------- uploads belong to the visitor (issue 10)

def test_a_saved_document_is_seen_by_its_session_only(added, packaged):
    packaged_before = snapshot(CORPUS_DIR)
    mine = save(upload(run(), "geneva copy.txt", geneva_copy()))
    assert as_read(mine.success[0].value) == ("Saved geneva-copy.txt. Every page now includes it, for you only, "
                                              "until this session ends.")
    assert sorted(snapshot(own_folder(mine))) == ["geneva-copy.txt", MANIFEST]
    assert own_folder(mine).parent == added.workspaces
    assert snapshot(added.shared) == {} and snapshot(CORPUS_DIR) == packaged_before
    assert f"The corpus now has {len(packaged['documents']) + 1} document(s)." in mine.markdown[0].value
    assert mine.file_uploader[0].value is None  # a fresh uploader after saving
    assert list(mine.dataframe[0].value["file"]) == ["geneva-copy.txt"]
    theirs = run()  # another browser session
    assert theirs.session_state[TOKEN_KEY] != mine.session_state[TOKEN_KEY]
    assert f"The corpus now has {len(packaged['documents'])} document(s)." in theirs.markdown[0].value
    assert "None yet." in [c.value for c in theirs.caption]
    for name, page in each_page(mine):
        assert "(geneva-copy.txt)" in footer(page), name
    for name, page in each_page(theirs):
        assert "geneva-copy" not in footer(page), name


def test_a_visitor_can_remove_their_own_document(added):
    at = run()
    ingest.add_file(_write(added.workspaces.parent / "copy.txt", geneva_copy()), own_folder(at))
    at.run()
    assert list(at.dataframe[0].value["file"]) == ["copy.txt"]
    assert [b.proto.label for b in at.get("download_button")][-1].startswith("Download all tables")
    assert at.button(key="remove").disabled  # until a document is chosen
    at.selectbox(key="remove_choice").set_value("copy.txt").run()
    at.button(key="remove").click().run()
    assert not at.exception
    assert at.success[0].value == "Removed copy\\.txt\\."
    assert not (own_folder(at) / "copy.txt").exists() and read_manifest(own_folder(at)).empty
    assert "None yet." in [c.value for c in at.caption]


def test_published_documents_are_listed_but_only_an_admin_removes_them(added):
    ingest.add_file(_write(added.workspaces.parent / "published.txt", geneva_copy()), added.shared)
    for secrets in ({}, {"admin_token": ADMIN_TOKEN}):  # configured or not: not signed in
        at = run(secrets=secrets)
        assert list(at.dataframe[-1].value["file"]) == ["published.txt"]
        assert "Only an admin can remove a published document." in [c.value for c in at.caption]
        assert "remove-published" not in [b.key for b in at.button]
    assert (added.shared / "published.txt").exists()


def sign_in(at: AppTest, token: str) -> AppTest:
    at.text_input(key="admin-token").set_value(token)
    at.button(key="admin-sign-in").click().run()
    assert not at.exception
    return at


def test_the_admin_mode_needs_the_configured_token(added):
    at = sign_in(run(secrets={"admin_token": ADMIN_TOKEN}), "guess")
    assert "That is not the admin token" in at.error[0].value
    assert not at.toggle
    for _ in range(4):
        sign_in(at, "another guess")
    assert "(0 tries left in this session)" in at.error[0].value
    at.run()
    assert at.error[0].value == "Too many wrong admin tokens in this session."
    assert "admin-token" not in [t.key for t in at.text_input]
    assert "admin-sign-in" not in [b.key for b in at.button]


def test_a_wrong_admin_token_is_answered_late_and_one_at_a_time(added, monkeypatch):
    """A reloaded tab is a new session with new tries: every session's wrong tokens wait in one line."""
    slept = []
    monkeypatch.setattr(uploads, "WRONG_TOKEN_DELAY_S", 1.0)
    monkeypatch.setattr(uploads, "time", SimpleNamespace(sleep=slept.append, monotonic=time.monotonic))
    assert sign_in(run(secrets={"admin_token": ADMIN_TOKEN}), "a scripted guess").error
    assert slept == [1.0]
    assert not sign_in(run(secrets={"admin_token": ADMIN_TOKEN}), ADMIN_TOKEN).error
    assert slept == [1.0]  # the right token does not wait
    assert uploads._wrong_tokens.acquire(blocking=False)  # and the line is free again
    uploads._wrong_tokens.release()


def test_a_short_admin_token_turns_no_admin_mode_on(added):
    at = run(secrets={"admin_token": "x" * (uploads.MIN_TOKEN_CHARS - 1)})
    assert "admin-token" not in [t.key for t in at.text_input]


def test_an_admin_publishes_for_everyone_and_removes(added, monkeypatch):
    admin = sign_in(run(secrets={"admin_token": ADMIN_TOKEN}), ADMIN_TOKEN)
    assert not admin.error
    admin.toggle(key="add_document_publish").set_value(True).run()
    save(upload(admin, "geneva copy.txt", geneva_copy()))
    assert as_read(admin.success[0].value) == "Published geneva-copy.txt for every visitor."
    assert sorted(snapshot(added.shared)) == ["geneva-copy.txt", MANIFEST]
    assert "(geneva-copy.txt)" in footer(run(ROOT / "app_pages" / "overview.py"))  # another visitor sees it
    monkeypatch.setenv("IDM_ATLAS_EPHEMERAL", "1")
    admin.run()
    assert "wiped when the app restarts" in admin.warning[0].value
    admin.selectbox(key="remove_choice-published").set_value("geneva-copy.txt").run()
    admin.button(key="remove-published").click().run()
    assert not admin.exception
    assert snapshot(added.shared) == {MANIFEST: b"file,session_id,doc_type,title,speaker,speaker_title,"
                                                b"speaker_affiliation,year,start_date,end_date,city,venue,"
                                                b"session_name,theme\n"}


@pytest.mark.parametrize("quota, value, message", [
    ("MAX_DOCUMENTS", 1, "a session may add at most 1 documents; remove one first"),
    ("MAX_BYTES", 20_000, "a session may add at most 0 MB of text, and 0.0 MB are used"),
    ("MAX_TOTAL_BYTES", 20_000, "the server holds as many visitors' documents as it can"),
])
def test_quotas_per_session_and_for_the_server(added, monkeypatch, quota, value, message):
    monkeypatch.setattr(workspace, quota, value)
    at = save(upload(run(), "first.txt", geneva_copy("First copy")))
    assert at.success and not at.error
    upload(at, "second.txt", geneva_copy("Second copy"))
    assert message in as_read(at.error[0].value)
    assert "save" not in [b.key for b in at.button]  # refused before the extraction runs
    assert sorted(p.name for p in own_folder(at).glob("*.txt")) == ["first.txt"]


def test_a_document_with_too_much_text_is_refused_before_it_is_extracted(added, monkeypatch):
    """One upload must not tie up the server: the text's size is checked before the costly extraction."""
    monkeypatch.setattr(workspace, "MAX_DOCUMENT_BYTES", 10_000)
    extracted = []
    monkeypatch.setattr("idm_data.ingest.preview.summarise", lambda *a: extracted.append(a))
    at = upload(run(), "long.txt", geneva_copy("Long copy"))
    assert "a document added here may hold at most 0.0 MB" in as_read(at.error[0].value)
    assert not extracted and "save" not in [b.key for b in at.button]


def test_the_preview_is_extracted_once_per_upload(added, monkeypatch):
    from idm_data.ingest import preview

    calls = []
    summarise = preview.summarise
    monkeypatch.setattr(preview, "summarise", lambda *a: calls.append(1) or summarise(*a))
    at = upload(run(), "once.txt", geneva_copy("Extracted once"))  # a text no other test extracted
    at.run()  # a rerun, as any widget change causes
    assert len(calls) == 1 and not at.error


def test_the_workspace_is_released_when_the_session_ends(added):
    from streamlit.runtime.caching import clear_session_resource_cache
    from streamlit.runtime.caching.cache_resource_api import _resource_caches

    at = save(upload(run(), "geneva copy.txt", geneva_copy()))
    folder = own_folder(at)
    assert not (folder / workspace.RELEASED).exists()
    for session_id in set(_resource_caches._function_caches) - {None}:  # AppTest's session (one id for all)
        clear_session_resource_cache(session_id)  # what Streamlit does when a session disconnects
    assert (folder / workspace.RELEASED).exists()
    assert workspace.sweep() == []  # a reconnect within the grace period finds it
    assert workspace.sweep(now=(folder / workspace.RELEASED).stat().st_mtime + workspace.RELEASED_GRACE_S + 1) == \
        [folder.name]
    assert not folder.exists()


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
