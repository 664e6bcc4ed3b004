"""Fixtures for the real-browser tests: a Streamlit server, one Chromium.

The server (plus a fresh one for the deep-link test) runs `streamlit run dashboard.py` on a free port with the table
cache, added documents and visitors' uploads in temporary folders; Chromium is Debian's
(/usr/bin/chromium), driven by Playwright. Without Chromium or Playwright the
browser tests are skipped with the reason. Waits are conditions (the app's
script state, URLs, elements), never fixed sleeps.
"""

from __future__ import annotations

import ast
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("IDM_ATLAS_CHROMIUM", "/usr/bin/chromium"))  # Debian's; another path for other systems
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HEALTH_TIMEOUT_S = 60
RUN_TIMEOUT_MS = 30_000
QUIET_MS = 300  # no change to the document for this long: a late rerun or a lazy element has landed
def registered_pages(entry: Path = ROOT / "dashboard.py") -> dict[str, str]:
    """URL path -> title of every page `dashboard.py` registers with st.Page, in order
    (read from its source: importing it would start Streamlit). Streamlit's rules: the
    default page is "/", else `url_path`, else the file name without extension."""
    pages = {}
    for node in ast.walk(ast.parse(entry.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            options = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in ("title", "url_path",
                                                                                          "default")}
            script = Path(ast.literal_eval(node.args[0]))
            path = "/" if options.get("default") else "/" + options.get("url_path", script.stem)
            pages[path] = options.get("title", script.stem)
    return pages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def wait_healthy(process: subprocess.Popen, url: str, log: Path, timeout_s: float = HEALTH_TIMEOUT_S) -> None:
    """Poll the health endpoint until it answers ok; fail with the server log otherwise."""
    deadline = time.monotonic() + timeout_s
    while not healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Streamlit did not become healthy at {url}:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)  # polling interval of the health check, not a wait for the app


def stop(process: subprocess.Popen) -> None:
    """End the server we started (its own process group) and reap it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def start_server(port: int, scratch: Path, corpus: Path | None = None) -> tuple[subprocess.Popen, Path]:
    """`streamlit run dashboard.py` on `port`; cache, added documents and visitors' uploads under `scratch`;
    the packaged corpus, or `corpus` instead (IDM_ATLAS_CORPUS)."""
    env = dict(os.environ, IDM_ATLAS_CACHE=str(scratch / "cache"), IDM_ATLAS_ADDED=str(scratch / "added"),
               IDM_ATLAS_WORKSPACES=str(scratch / "workspaces"))
    if corpus is not None:
        env["IDM_ATLAS_CORPUS"] = str(corpus)
    log = scratch / f"streamlit-{port}.log"
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false",
               # the tests edit no source: no file watcher, so no "source changed" prompt if files change
               "--server.fileWatcherType", "none"]
    with log.open("w") as out:  # the child keeps its own copy of the file handle
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    return process, log


@contextmanager
def serve(scratch: Path, corpus: Path | None = None):
    """A healthy dashboard server for the block; yields its base URL."""
    port = free_port()
    url = f"http://localhost:{port}"
    process, log = start_server(port, scratch, corpus)
    try:
        wait_healthy(process, url, log)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's Chromium (apt-get install -y chromium), "
                    "or name another Chromium in IDM_ATLAS_CHROMIUM, to run the browser tests")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def scratch(tmp_path_factory) -> Path:
    """One table cache for every server of the session (built once)."""
    return tmp_path_factory.mktemp("streamlit")


@pytest.fixture(scope="session")
def app_url(browser_context, scratch) -> str:
    """Base URL of a running dashboard, opened once at / so its tables are built and
    its navigation is set (see test_deep_link_first_gets_the_navigation)."""
    with serve(scratch) as url:
        tab = browser_context.new_page()
        App(tab, url).open("/")
        tab.close()
        yield url


@pytest.fixture
def fresh_app_url(app_url, scratch) -> str:
    """A second server that no browser has opened yet (tables already cached)."""
    with serve(scratch) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=RUN_TIMEOUT_MS)  # the first run builds the tables: more than expect's 5 s
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the session, so Streamlit's scripts are fetched and cached once."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(RUN_TIMEOUT_MS)
    from benchmarks.browser import RECORD_CHANGES  # the benchmark's record of the last change (window.__changed)

    context.add_init_script(RECORD_CHANGES)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A new tab per test: its own websocket, so a fresh Streamlit session."""
    tab = browser_context.new_page()
    yield tab
    tab.close()


class App:
    """The dashboard in one browser tab: open pages, wait for runs, find widgets."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url

    def wait(self) -> None:
        """Connected, script finished, every element drawn."""
        from playwright.sync_api import expect

        app = self.page.get_by_test_id("stApp")
        expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
        expect(app).to_have_attribute("data-test-script-state", "notRunning")
        expect(self.page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
        # elements whose code loads lazily (charts, metrics) show a skeleton until drawn
        expect(self.page.locator('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')).to_have_count(0)

    def settle(self) -> None:
        """`wait`, and then the document unchanged for QUIET_MS: a click's rerun may start after `wait` has
        seen the previous run finished, and a test that acts at once races it."""
        self.wait()
        self.page.wait_for_function(
            "([quiet]) => window.__changed === undefined || performance.now() - window.__changed > quiet"
            " && document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
            arg=[QUIET_MS], polling=50, timeout=RUN_TIMEOUT_MS)

    def title(self):
        return self.page.get_by_test_id("stMain").locator("h1").first

    def open(self, path: str, heading: re.Pattern | str | None = None):
        """Go to `path`, wait for the run and the page's title heading; return the heading."""
        from playwright.sync_api import expect

        self.page.goto(self.base_url + path)
        self.settle()
        expect(self.title()).to_be_visible()
        if heading is not None:
            expect(self.title()).to_have_text(heading)
        return self.title()

    def multiselect(self, label: str):
        """The sidebar multiselect whose label is exactly `label`."""
        label_el = self.page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
        return self.page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has=label_el)

    def nav_link(self, title: str):
        text = self.page.get_by_test_id("stMarkdownContainer").get_by_text(title, exact=True)
        return self.page.get_by_test_id("stSidebarNavLink").filter(has=text)


@pytest.fixture
def app(page, app_url) -> App:
    return App(page, app_url)


@pytest.fixture
def fresh_app(page, fresh_app_url) -> App:
    return App(page, fresh_app_url)
