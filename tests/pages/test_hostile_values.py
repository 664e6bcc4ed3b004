"""No link, image or script reaches a page from what a visitor types or a corpus
stores (issue 10): hostile values planted in every field of the add form, in
the file name and in the document text, and in every fact of a manifest, are
shown as text on every page (Markdown, HTML blocks, widget labels and Plotly
labels alike; see `apptest_helpers.markup_leaks`)."""

from __future__ import annotations

import csv
import html
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import ROOT, as_read, markup_leaks, page_text, run_page

from idm_data.ingest.files import MANIFEST_COLUMNS
from idm_data.resources import CORPUS_DIR

GENEVA = "idm-2017-2-geneva_closing-remarks.txt"
NEW_YORK = "idm-2018-1-new-york_closing-remarks.txt"
IMAGE = "![x](http://evil.example/p.png)"  # a tracking pixel in every visitor's footer, once
LINK = "[click](http://evil.example)"
ANCHOR = '<a href="http://evil.example">P</a>'
SCRIPT = '<img src="http://evil.example/i.png" onerror="alert(1)"><script>alert(1)</script>'
HOSTILE = f"{IMAGE} {LINK} {ANCHOR} {SCRIPT} www.evil.example _www.evil.example"
PAGES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))


def assert_no_markup(at: AppTest, where: str) -> None:
    assert not at.exception, where
    leaks = markup_leaks(at)
    assert not leaks, f"{where}: {leaks[:5]}"


def hostile_text() -> bytes:
    """The Geneva closing remarks with hostile markup in its title line and in a takeaway."""
    raw = (CORPUS_DIR / GENEVA).read_text(encoding="utf-8")
    head, rest = raw.split("\n", 1)
    rest = rest.replace("Takeaway 1", f"Takeaway 1 {LINK}", 1)
    return f"{HOSTILE}\n{rest}\n\nIOM works with {ANCHOR} and {IMAGE} in {LINK}.\n".encode("utf-8")


@pytest.fixture
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv("IDM_ATLAS_ADDED", str(tmp_path / "added"))
    monkeypatch.setenv("IDM_ATLAS_WORKSPACES", str(tmp_path / "workspaces"))
    return tmp_path


def test_hostile_values_in_every_field_of_the_add_form_reach_no_page(folders):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)  # so that it can switch pages
    at.run()
    at.switch_page("app_pages/add_document.py").run()
    hostile_name = f"{LINK} {ANCHOR}.txt"
    at.file_uploader[0].set_value((f"{IMAGE}.txt", b"", "text/plain")).run()  # refused: empty
    assert as_read(at.error[0].value).startswith(f"Not added: {IMAGE}.txt: is empty")
    assert_no_markup(at, "an empty file with a hostile name")
    at.file_uploader[0].set_value((hostile_name, hostile_text(), "text/plain")).run()
    at.text_input[0].set_value(IMAGE).run()  # the session id
    at.text_input[1].set_value(f"{ANCHOR} {IMAGE} {LINK}").run()  # the venue
    errors = [html.unescape(as_read(e.value)) for e in at.error]  # what a reader sees
    assert errors == [f"Not added: {hostile_name}: has a session id that is not of the form idm-YYYY-N "
                      "(e.g. idm-2019-1)"]
    assert "save" not in [b.key for b in at.button]
    assert_no_markup(at, "a hostile session id")
    at.text_input[0].set_value("idm-2019-1").run()
    assert_no_markup(at, "the preview")
    at.button(key="save").click().run()
    assert at.success, [e.value for e in at.error]
    for page in PAGES:  # the same session, which reads the document it added
        at.switch_page(f"app_pages/{page}.py").run()
        assert_no_markup(at, page)
        if page == "overview":
            assert ANCHOR.replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;") in page_text(at)
    at.switch_page("app_pages/themes.py")
    at.query_params.update({"cell_session": "idm-2019-1", "session": "idm-2019-1"})
    at.run()
    assert_no_markup(at, "themes, the added session's cell")


def hostile_corpus(folder: Path) -> Path:
    """Two documents whose manifest holds hostile facts (a corpus folder is anyone's to write)."""
    folder.mkdir()
    for name in (GENEVA, NEW_YORK):
        shutil.copy(CORPUS_DIR / name, folder / name)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerow({column: f"{column} {HOSTILE}" for column in MANIFEST_COLUMNS}
                        | {"file": GENEVA, "session_id": IMAGE, "doc_type": "closing_remarks",
                           "start_date": "2017-07-18", "end_date": "2017-07-19", "year": "2017"})
        writer.writerow({"file": NEW_YORK, "session_id": LINK, "venue": ANCHOR, "city": ANCHOR,
                         "session_name": ANCHOR, "title": ANCHOR, "doc_type": "closing_remarks",
                         "start_date": "2018-03-26"})
    return folder


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setenv("IDM_ATLAS_CORPUS", str(hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")))
    yield
    patch.undo()


# every page with the hostile sessions chosen (they are all it shows then), and the links that name them
LINKS = [(page, {"session": [IMAGE, LINK]}) for page in PAGES] + [
    ("themes", {"cell_session": IMAGE}), ("themes", {"cell_session": LINK, "session": LINK}),
    ("explorer", {"q": HOSTILE}), ("takeaways", {"q": LINK, "view": "side_by_side"}), ("overview", {}),
]


@pytest.mark.parametrize("page, params", LINKS, ids=[f"{p}-{'&'.join(q) or 'default'}" for p, q in LINKS])
def test_stored_hostile_facts_reach_no_page_as_markup(hostile_base, page, params):
    at = run_page(str(ROOT / "app_pages" / f"{page}.py"), **params)
    assert_no_markup(at, page)
    if page == "overview":
        assert "evil.example" in page_text(at)  # the hostile facts are shown, as text


# every parameter any page reads from its URL (each page's PAGE_KEYS and the sidebar's filters)
URL_KEYS = ("session", "theme", "doc_type", "q", "sentence", "like", "codebook_q", "org_q", "framework_q", "mistakes",
            "by", "a", "b", "unit", "rows", "item", "measure", "family", "cell_a", "cell_b", "country", "kind",
            "min_weight", "node_types", "focus", "top", "org", "view", "coding", "min_score", "cell_session",
            "cell_theme", "unknown")


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_a_shared_link_with_hostile_text_in_every_parameter_shows_it_as_text(page, folders):
    """A link's text (a search, a picked id) is shown back to the reader, never as a link, image or
    script, and bare URLs in it are not turned into links."""
    at = run_page(str(ROOT / "app_pages" / f"{page}.py"), **{key: HOSTILE for key in URL_KEYS})
    assert_no_markup(at, page)
    for key in ("q", "codebook_q", "org_q", "framework_q"):  # the searches are kept, and so shown back
        at = run_page(str(ROOT / "app_pages" / f"{page}.py"), **{key: f"{LINK} http://evil.example/ a@evil.example"})
        assert_no_markup(at, f"{page}?{key}")


NOT_PLAIN_NUMBERS = ("²", "١٢", "9" * 5000)  # digits to str.isdigit, or too many for int()


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("value", NOT_PLAIN_NUMBERS, ids=["superscript", "arabic-indic", "5000-digits"])
def test_a_shared_link_with_a_number_that_is_not_plain_digits_draws_the_page(page, value, folders):
    """Sliders and numbers read from the URL ("top", "min_weight", ...) take only plain ASCII whole numbers;
    anything else is the default, not an error box."""
    at = run_page(str(ROOT / "app_pages" / f"{page}.py"), **{key: value for key in URL_KEYS})
    assert not at.exception, (page, value[:10], at.exception)
