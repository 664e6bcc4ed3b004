"""Dashboard speed as a visitor sees it, in Debian's Chromium (/usr/bin/chromium), against a bare app.

The baseline is a bare one-widget Streamlit app (a title and a slider), written to a temporary folder and
started exactly like the dashboard (same interpreter, flags, working folder and config), so a ratio says what
the atlas adds to what any Streamlit app costs on this machine at this moment.

How each figure is measured (wall clock on this machine; medians):
- first visit: from launching `streamlit run` to the page settled in a new browser context (no HTTP
  cache): connected, script finished, title heading shown, no loading skeleton, every chart drawn, and no
  change to the document for QUIET_MS; the time is that of the last change (recorded in the page by a
  MutationObserver installed before any script runs). The table cache on disk is warm (a first start, which
  builds the tables, is printed apart). Starts are interleaved: the bare app, a page, the bare app, the next
  page..., --runs rounds (in reverse order every other round), so a change of load on this shared machine
  hits both sides. Two ratios: a page's median over the bare app's median, and the median of each visit
  over the bare visit just before it (paired, steadier when the machine's load drifts).
- page switch: in one browser tab of a fresh context, from the pointer release on a page's link in the
  sidebar's navigation to the new page settled (same condition, in-page clock); every page in navigation
  order, --runs rounds. The first switch to a chart page loads its chart library.
- filter change: in the page, from the pointer release that chooses (or removes) a session in the sidebar's
  Sessions multiselect to the last change it causes (the page settled, the script not running, a websocket
  frame checked to have arrived: a run that sends nothing is an error, not a fast rerun). Median of --reruns;
  the first is a new filter combination, later ones repeat two combinations the caches know. The same clicks
  on a bare app with only that multiselect (BARE_FILTER_APP) are the baseline, printed alongside.
Targets (issue 14): first visit within 1.5x the bare app, page switch under 500 ms, filter change under 150 ms.

Run: python -m benchmarks.browser [--runs 3] [--reruns 5] [--pages / /themes] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["/", "/themes", "/takeaways", "/countries", "/organisations", "/network", "/explorer", "/compare",
         "/cooccurrence", "/method", "/add"]
BARE = "bare"  # the baseline's name in the tables
BARE_APP = '''import streamlit as st

st.title("Bare app")
st.slider("A number", 0, 10, 5)
'''
# the filter-change baseline: the same interaction (a session chosen in a sidebar "Sessions" multiselect)
# on a bare app whose page only echoes the choice, so what any Streamlit rerun costs is printed alongside
BARE_FILTER_APP = '''import streamlit as st

chosen = st.sidebar.multiselect("Sessions", ["idm-2017-1", "idm-2017-2", "idm-2018-1"])
st.title("Bare app")
st.write(chosen)
'''
FIRST_VISIT_RATIO, SWITCH_MS, FILTER_MS = 1.5, 500.0, 150.0
TIMEOUT_MS = 60_000
QUIET_MS = 400

# Before any script of the page runs: remember the time of the last change to the document, and of the
# last pointer release (the click that starts what is timed).
RECORD_CHANGES = """(() => {
  window.__changed = performance.now();
  window.__pressed = null;
  const seen = () => { window.__changed = performance.now(); };
  new MutationObserver(seen).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('pointerup', () => { window.__pressed = performance.now(); }, true);
})();"""

DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')) return false;
  const plotly = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const vega = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const components = [...document.querySelectorAll('*')].filter(e => e.shadowRoot);  // ui.clickable's charts
  return plotly.every(c => c.querySelector('.js-plotly-plot .main-svg'))
    && vega.every(c => c.querySelector('.vega-embed svg, .vega-embed canvas'))
    && components.every(c => c.shadowRoot.querySelector('div'));
}"""

SETTLED = f"""([since, quiet]) => ({DRAWN})() && window.__changed >= since && performance.now() - window.__changed > quiet"""

STATE = """() => ({app: document.querySelector('[data-testid="stApp"]')?.dataset,
  exception: document.querySelector('[data-testid="stException"]')?.innerText?.slice(0, 500),
  skeletons: document.querySelectorAll('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]').length})"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(scratch: Path, script: str = "dashboard.py", corpus: Path | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, IDM_ATLAS_CACHE=str(scratch / "cache"), IDM_ATLAS_ADDED=str(scratch / "added"))
    if corpus:
        env["IDM_ATLAS_CORPUS"] = str(corpus)
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with (scratch / f"streamlit-{port}.log").open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    return process, f"http://localhost:{port}"


def wait_healthy(process: subprocess.Popen, url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)  # health-check polling interval
    raise RuntimeError(f"Streamlit did not become healthy at {url}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CHANGES)
    return context


def wait_settled(page, since: float, what: str) -> float:
    """In-page time of the last change once the page has settled after `since`."""
    try:
        page.wait_for_function(SETTLED, arg=[since, QUIET_MS], timeout=TIMEOUT_MS, polling=50)
    except PlaywrightTimeout:
        raise RuntimeError(f"{what} never settled: {page.evaluate(STATE)}") from None
    return page.evaluate("() => window.__changed")


def first_visit(browser, scratch: Path, script: str, path: str, corpus: Path | None) -> float:
    """Seconds from launching the server to the settled page, in a fresh context."""
    context = new_context(browser)
    launched = time.time()
    process, url = start_server(scratch, script, corpus)
    try:
        wait_healthy(process, url)
        page = context.new_page()
        page.goto(url + path)
        changed = wait_settled(page, 0, f"{script} {path}")
        origin = page.evaluate("() => performance.timeOrigin")
        return (origin + changed) / 1000 - launched
    finally:
        stop(process)
        context.close()


def switches(browser, url: str, paths: list[str]) -> dict[str, float]:
    """Milliseconds from a click on each page's navigation link to that page settled, in one tab."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(url + paths[-1])
    wait_settled(page, 0, paths[-1])
    times = {}
    for path in paths:
        page.locator(f'[data-testid="stSidebarNavLink"][href="{url}{path}"]').click()
        page.wait_for_url(re.compile(re.escape(url + path) + r"(\?.*)?$"))  # a page may pin its view in the URL
        pressed = page.evaluate("() => window.__pressed")
        times[path] = wait_settled(page, pressed, f"switch to {path}") - pressed
    context.close()
    return times


def filter_changes(browser, url: str, path: str, count: int) -> list[float]:
    """Alternately choose and remove the last session in the sidebar's Sessions filter."""
    context = new_context(browser)
    page = context.new_page()
    frames: list[float] = []  # websocket frames from the server, to know a rerun happened
    page.on("websocket", lambda socket: socket.on("framereceived", lambda _: frames.append(time.perf_counter())))
    page.goto(url + path)
    wait_settled(page, 0, path)
    sessions = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text("Sessions", exact=True))
    combobox = sessions.get_by_role("combobox")

    def choose():
        combobox.click()
        page.get_by_test_id("stMultiSelectDropdown").get_by_role("option").last.click()

    def remove():
        page.keyboard.press("Escape")
        sessions.locator("[data-tag] button").first.click()

    times = []
    for i in range(count):
        before = len(frames)
        (remove if i % 2 else choose)()
        pressed = page.evaluate("() => window.__pressed")
        changed = wait_settled(page, pressed, f"filter change on {path}")
        if len(frames) == before:
            page.wait_for_timeout(500)  # frames are reported to Python as it waits: give them the time
        if len(frames) == before:
            raise RuntimeError("the filter change sent no rerun to the server")
        times.append(changed - pressed)
    context.close()
    return times


def first_visits(browser, scratch: Path, paths: list[str], runs: int, corpus: Path | None) -> dict:
    """First visits by page, the bare app's (all, and the one just before each page's) alongside."""
    bare = scratch / "bare_app.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    found: dict = {BARE: [], **{p: [] for p in paths}, **{("bare before", p): [] for p in paths}}
    for round_ in range(runs):
        for path in paths if round_ % 2 == 0 else paths[::-1]:
            baseline = first_visit(browser, scratch, str(bare), "/", corpus)
            found[BARE].append(baseline)
            found[("bare before", path)].append(baseline)
            found[path].append(first_visit(browser, scratch, "dashboard.py", path, corpus))
    return found


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "MISSED"


def paired(visits: dict, path: str) -> float:
    """The median of a page's first visits each over the bare app's visit just before it."""
    return statistics.median(v / b for v, b in zip(visits[path], visits[("bare before", path)]))


def bare_filter_changes(browser, scratch: Path, count: int) -> list[float]:
    """The filter-change baseline: the same clicks on BARE_FILTER_APP."""
    app = scratch / "bare_filter_app.py"
    app.write_text(BARE_FILTER_APP, encoding="utf-8")
    process, url = start_server(scratch, str(app))
    try:
        wait_healthy(process, url)
        return filter_changes(browser, url, "/", count)
    finally:
        stop(process)


def print_table(visits: dict, switched: dict, filtered: dict, bare_filtered: list[float]) -> None:
    bare = statistics.median(visits[BARE])
    bare_change = statistics.median(bare_filtered) if bare_filtered else None
    print(f"\nbare app first visit: median {bare:.2f} s (runs: {', '.join(f'{v:.2f}' for v in visits[BARE])})")
    if bare_change is not None:
        print(f"bare app filter change: median {bare_change:.0f} ms "
              f"(runs: {', '.join(f'{v:.0f}' for v in bare_filtered)})")
    print()
    print(f"| page | first visit s | × bare (≤ {FIRST_VISIT_RATIO}) | × bare, paired | page switch ms (< {SWITCH_MS:.0f}) "
          f"| filter change ms (< {FILTER_MS:.0f}) | filter change × bare |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    pages = [p for p in visits if isinstance(p, str) and p != BARE]
    for path in pages:
        first = statistics.median(visits[path])
        ratio, pairs = first / bare, paired(visits, path)
        switch = statistics.median(switched[path]) if switched.get(path) else None
        change = statistics.median(filtered[path]) if filtered.get(path) else None
        cells = [f"{first:.2f}", f"{ratio:.2f} {verdict(ratio, FIRST_VISIT_RATIO)}",
                 f"{pairs:.2f} {verdict(pairs, FIRST_VISIT_RATIO)}",
                 "—" if switch is None else f"{switch:.0f} {verdict(switch, SWITCH_MS)}",
                 "—" if change is None else f"{change:.0f} {verdict(change, FILTER_MS)}",
                 "—" if change is None or not bare_change else f"{change / bare_change:.1f}"]
        print(f"| {path} | " + " | ".join(cells) + " |")
    print("\nruns (first visit s; page switch ms; filter change ms):")
    for path in pages:
        print(f"  {path:15} {', '.join(f'{v:.2f}' for v in visits[path])}; "
              f"{', '.join(f'{v:.0f}' for v in switched.get(path, []))}; "
              f"{', '.join(f'{v:.0f}' for v in filtered.get(path, []))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="rounds of first visits and page switches (default 3)")
    parser.add_argument("--reruns", type=int, default=5, help="filter changes per page (default 5)")
    parser.add_argument("--pages", nargs="+", default=PAGES, help="the pages measured (default: all)")
    parser.add_argument("--corpus", type=Path, help="another corpus folder (IDM_ATLAS_CORPUS)")
    args = parser.parse_args()
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="idm-atlas-bench-") as folder, sync_playwright() as playwright:
        scratch = Path(folder)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        built = first_visit(browser, scratch, "dashboard.py", args.pages[0], args.corpus)
        print(f"first start (tables built): {built:.2f} s")
        visits = first_visits(browser, scratch, args.pages, args.runs, args.corpus)
        loads.append(os.getloadavg()[0])
        process, url = start_server(scratch, corpus=args.corpus)
        try:
            wait_healthy(process, url)
            rounds = [switches(browser, url, args.pages) for _ in range(args.runs)]
            switched = {p: [r[p] for r in rounds] for p in args.pages}
            filtered = {p: filter_changes(browser, url, p, args.reruns) for p in args.pages}
        finally:
            stop(process)
        bare_filtered = bare_filter_changes(browser, scratch, args.reruns)
        browser.close()
    loads.append(os.getloadavg()[0])
    print_table(visits, switched, filtered, bare_filtered)
    print(f"\n1-minute load average at start, after first visits, at end: {', '.join(f'{x:.1f}' for x in loads)} "
          f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
