"""Real-browser tests: what only Chromium shows.

Every page renders without an exception; shared URLs set the sidebar and keep
their ids; a filter change reaches the URL and survives navigation; malformed
URLs are cleaned; the Countries map draws offline; the
network draws and its GraphML download opens. What the charts look like at degenerate filters, and
clicks on them: test_charts.py. The server and browser come
from conftest.py. Run: python -m pytest tests/browser -q  (or -m browser).
"""

from __future__ import annotations

import re
import tempfile
import urllib.parse
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import networkx as nx
import pytest
from conftest import ROOT, App, serve

import idm_data
from idm_data.views.filters import vocabulary
from ui import warm_up

expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed").expect

pytestmark = pytest.mark.browser

# URL path -> what the page's title heading must say (loose: titles are the pages' own words)
PAGES = {
    "/": re.compile(r"IDM Atlas"),
    "/themes": re.compile(r"theme", re.I),
    "/takeaways": re.compile(r"takeaway", re.I),
    "/countries": re.compile(r"countr", re.I),
    "/organisations": re.compile(r"organi[sz]ation|people", re.I),
    "/network": re.compile(r"network|partnership", re.I),
    "/explorer": re.compile(r"explor", re.I),
    "/compare": re.compile(r"compare", re.I),
    "/cooccurrence": re.compile(r"co-occurrence", re.I),
    "/method": re.compile(r"method|accuracy", re.I),
    "/add": re.compile(r"add", re.I),
}
NAV_PATHS = ["/", "/themes", "/takeaways", "/countries", "/organisations", "/network", "/explorer", "/compare",
             "/cooccurrence", "/method", "/add"]  # dashboard.py's pages, in order
SETTLED_MS = 2_000  # "must not be there" checks run after the app has finished: no need to wait long
SCREENS = Path(tempfile.gettempdir()) / "idm-atlas-screens"
SHARED = {"session": ["idm-2017-1", "idm-2018-1"], "theme": ["gcm-23"], "doc_type": ["summary_of_conclusions"]}
SIDEBAR = (("Sessions", "session", "sessions"), ("Themes (GCM objectives and cross-cutting)", "theme", "themes"),
           ("Document type", "doc_type", "doc_types"))


@pytest.fixture(scope="module")
def vocab():
    return vocabulary(idm_data.load())


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def screenshot(page, path: str) -> Path:
    """A full-page screenshot: the viewport grows to the app's scrolling height first,
    because Streamlit scrolls inside its own container, not the document."""
    SCREENS.mkdir(exist_ok=True)
    height = page.evaluate("""() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
        '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stSidebarContent]')]
        .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": 1280, "height": min(max(height, 900), 12000)})
    target = SCREENS / f"{path.strip('/') or 'root'}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def chips(app, label: str):
    """The chips (selected values, as readable labels) of a sidebar multiselect."""
    return app.multiselect(label).locator("[data-tag]")


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_without_errors(app, path):
    app.open(path, PAGES[path])
    expect(app.page.get_by_test_id("stException")).to_have_count(0, timeout=SETTLED_MS)
    expect(app.page.get_by_test_id("stAlertContentError")).to_have_count(0, timeout=SETTLED_MS)
    expect(app.page.get_by_text("Page not found")).to_have_count(0, timeout=SETTLED_MS)
    print(f"screenshot of {path}: {screenshot(app.page, path)}")


def test_shared_url_sets_the_sidebar_and_keeps_its_ids(app, vocab):
    url = "/themes?" + "&".join(f"{key}={value}" for key, values in SHARED.items() for value in values)
    app.open(url, PAGES["/themes"])
    for label, key, field in SIDEBAR:
        labels = getattr(vocab, field)
        assert set(SHARED[key]) <= set(labels), f"test ids no longer in the data: {SHARED[key]}"
        expect(chips(app, label)).to_have_text([labels[i] for i in SHARED[key]])
    shown = query(app.page.url)
    assert {key: shown.get(key) for key in SHARED} == SHARED


def test_filter_change_reaches_the_url_and_survives_navigation(app, vocab):
    session_id, label = list(vocab.sessions.items())[-1]
    app.open("/", PAGES["/"])
    app.multiselect("Sessions").get_by_role("combobox").click()
    app.page.get_by_test_id("stMultiSelectDropdown").get_by_role("option", name=label, exact=True).click()
    app.page.keyboard.press("Escape")
    expect(app.page).to_have_url(re.compile(rf"[?&]session={session_id}(&|$)"))
    app.wait()
    expect(chips(app, "Sessions")).to_have_text([label])

    app.nav_link("Themes").click()
    expect(app.title()).to_have_text(PAGES["/themes"])
    app.wait()
    assert urlsplit(app.page.url).path == "/themes"
    expect(chips(app, "Sessions")).to_have_text([label])
    assert query(app.page.url).get("session") == [session_id]


def test_a_timeline_figure_opens_its_page_for_that_session(app, vocab):
    session_id, label = list(vocab.sessions.items())[-1]
    app.open("/", PAGES["/"])
    app.page.locator(f"#session-{session_id} a.idm-figure", has_text="Takeaways").click()
    expect(app.title()).to_have_text(PAGES["/takeaways"])
    app.wait()
    assert urlsplit(app.page.url).path == "/takeaways"
    expect(chips(app, "Sessions")).to_have_text([label])


def test_link_to_this_view_shows_the_shared_url_when_opened(app, vocab):
    session_id = list(vocab.sessions)[0]
    app.open(f"/countries?session={session_id}", PAGES["/countries"])
    app.page.get_by_test_id("stSidebar").get_by_text("Link to this view").click()
    code = app.page.get_by_test_id("stSidebar").get_by_test_id("stCode")
    expect(code).to_contain_text(f"/countries?session={session_id}")


def test_malformed_url_is_cleaned_without_errors(app):
    dialogs = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    app.open("/countries?session=bogus&theme=%3Cscript%3E&country=ZZZ", PAGES["/countries"])
    expect(app.page.get_by_test_id("stException")).to_have_count(0, timeout=SETTLED_MS)
    expect(app.page).not_to_have_url(re.compile(r"bogus|script|ZZZ", re.I))
    assert not {"session", "theme", "country"} & set(query(app.page.url))
    assert not dialogs, "a URL value was run as script"


@pytest.mark.parametrize("path", ["/explorer?q=", "/takeaways?q=", "/method?org_q="])
def test_a_searched_url_or_address_is_shown_back_as_text_not_a_link(app, path):
    """Streamlit's Markdown links bare URLs and e-mail addresses in text (issue 10's hostile pass)."""
    hostile = "[x](http://evil.example) http://evil.example/ www.evil.example a@evil.example <http://evil.example>"
    app.open(path + urllib.parse.quote(hostile), PAGES[path.split("?")[0]])
    main = app.page.get_by_test_id("stMain")
    expect(main.get_by_text("evil.example", exact=False)).not_to_have_count(0, timeout=SETTLED_MS)  # shown back
    expect(main.locator('a[href*="evil"], img[src*="evil"]')).to_have_count(0)


def test_a_visit_fetches_nothing_from_another_host(app):
    """Nothing leaves for another host: no fonts, icons or scripts from a CDN (the favicon was Google's)."""
    hosts = []
    app.page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    app.open("/countries", PAGES["/countries"])
    app.page.wait_for_timeout(1000)  # the favicon is set after the page settles
    assert hosts and set(hosts) - {None} <= {"localhost", "127.0.0.1"}, set(hosts)
    icon = app.page.locator("link[rel~='icon']").first.get_attribute("href")
    assert icon.startswith("data:image/svg+xml"), icon


def test_countries_map_draws_offline(app):
    outside = []
    app.page.on("request", lambda r: outside.append(r.url) if r.url.startswith("http") and not
                r.url.startswith(app.base_url) else None)
    app.open("/countries", PAGES["/countries"])
    countries = app.page.locator(".idm-map .idm-land path")
    expect(countries.nth(150)).to_be_attached()  # every country of the outline drawn
    expect(app.page.locator(".idm-map path[data-pick]").first).to_have_attribute("fill", re.compile(r"^#"))
    assert not [url for url in outside if "fonts.gstatic" not in url], f"the map fetched from the internet: {outside}"


def test_network_draws_and_its_graphml_opens(app, tmp_path):
    app.open("/network", PAGES["/network"])
    expect(app.page.locator(".idm-network circle[data-pick]").first).to_be_attached()  # node markers
    button = app.page.get_by_test_id("stDownloadButton").filter(has_text=re.compile("graphml", re.I))
    with app.page.expect_download() as info:
        button.first.click()
    download = info.value
    assert download.suggested_filename.endswith(".graphml")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    graph = nx.read_graphml(target)
    assert graph.number_of_nodes() > 1 and graph.number_of_edges() > 0


def test_deep_link_first_gets_the_navigation(fresh_app):
    """A shared link that is a fresh server's first visit still gets dashboard.py's pages.
    (Guards the move to app_pages/: Streamlit runs a folder named pages/ as old-style
    pages, by file name, until some session has run st.navigation.)"""
    fresh_app.open("/themes", PAGES["/themes"])
    links = fresh_app.page.get_by_test_id("stSidebarNavLink")
    expect(links).to_have_count(len(NAV_PATHS), timeout=5_000)  # the navigation is sent as the run starts
    hrefs = [urlsplit(link.get_attribute("href")).path for link in links.all()]
    assert hrefs == NAV_PATHS


def test_an_uploaded_document_becomes_data_for_its_session_only(page, browser_context, chromium, tmp_path):
    """The round trip in a browser: upload, preview, save, and the overview of the same
    session counts it, while another tab (another session) never sees it (issue 10).
    Its own server and folders, so the shared server's corpus stays the packaged one."""
    source = (ROOT / "idm_data" / "corpus" / "idm-2017-2-geneva_closing-remarks.txt").read_text(encoding="utf-8")
    upload = tmp_path / "geneva-2019-closing-remarks.txt"
    upload.write_text(source.replace("19 July 2017", "19 July 2019"), encoding="utf-8")
    (tmp_path / "server").mkdir()
    with serve(tmp_path / "server") as url:
        app = App(page, url)
        app.open("/add", PAGES["/add"])
        page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(upload)
        app.wait()
        expect(page.get_by_text("no takeaways found")).to_have_count(0, timeout=SETTLED_MS)
        page.get_by_role("button", name=re.compile("Add to my view of the atlas")).click()
        app.wait()
        expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("geneva-2019-closing-remarks")
        app.nav_link("Overview").click()  # the same session: a page load would start a new one
        app.wait()
        expect(page.get_by_test_id("stMain")).to_contain_text("idm-2019")
        expect(page.get_by_test_id("stException")).to_have_count(0, timeout=SETTLED_MS)
        other = App(browser_context.new_page(), url)
        other.open("/", PAGES["/"])
        expect(other.page.get_by_test_id("stMain")).to_contain_text("IDM 2018")
        expect(other.page.get_by_test_id("stMain")).not_to_contain_text("idm-2019")
        other.page.close()


def test_a_fresh_server_warms_up_quietly(fresh_app, scratch):
    """The server imports the pages' modules and reads the tables as it starts (ui.warm_up), outside any
    visitor's run: a first visit draws, the warm-up ends, and the server's log holds no traceback, no failed
    warm-up and no warning about a call made outside a run."""
    fresh_app.open("/network", PAGES["/network"])
    log_file = scratch / f"streamlit-{urlsplit(fresh_app.base_url).port}.log"
    for _ in range(100):  # it ends within a second or two of the server's start
        if warm_up.DONE in log_file.read_text() or "The warm-up failed" in log_file.read_text():
            break
        fresh_app.page.wait_for_timeout(100)
    log = log_file.read_text()
    assert warm_up.DONE in log
    for trouble in ("Traceback", "The warm-up failed", "missing ScriptRunContext"):
        assert trouble not in log
