"""Dashboard speed as a visitor sees it, in Debian's Chromium (/usr/bin/chromium).

How each figure is measured (wall clock on this machine; medians):
- cold start: from launching `streamlit run dashboard.py` to the overview page (/) being
  fully rendered in a new browser context (no HTTP cache): connected, script finished,
  title heading and the sessions timeline shown, no loading skeleton left and every Plotly
  chart drawn (its SVG present). Chromium is already running; the table cache on disk is
  warm (a first start, which builds the tables, is printed apart). Median of --runs fresh
  servers.
- warm page load: the same "fully rendered" condition, from page.goto("/") on a server
  that has already served the page. Median of --runs.
- filter rerun: in the page, from the pointer release that chooses (or removes) a session in
  the sidebar's Sessions multiselect to the last change it causes: the last mutation of the
  main area or of the app's script state, once the script is not running and nothing has
  changed for QUIET_MS (a run that sends no websocket frame is an error, not a fast rerun).
  Both times are taken inside the page (performance.now) by an event listener and
  MutationObservers, so Playwright's round trips are not counted. Median of --reruns; the
  first is a new filter combination, later ones repeat two combinations the caches know.
Targets: cold start under 3 s, rerun under 150 ms.

Run: python -m benchmarks.browser [--runs 3] [--reruns 5] [--page /themes]
"""

from __future__ import annotations

import argparse
import os
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
TARGETS = {"cold start (s)": 3.0, "filter rerun (ms)": 150.0}
TIMEOUT_MS = 60_000

RENDERED = """(overview) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')) return false;
  if (overview && !document.querySelector('[data-testid="stMain"] .idm-timeline .idm-session')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(c => c.querySelector('.js-plotly-plot .main-svg'));
}"""

# Records the last pointer release, when the script state first leaves notRunning, and the
# last change to the page's main area or the script state after it. A fast rerun can go from
# running back to notRunning within one render, so "busy" may stay null: the websocket frames
# counted in Python tell that a run happened.
WATCH_RERUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  window.__rerun = {pressed: null, busy: null, last: null};
  document.addEventListener('pointerup', () => { window.__rerun = {pressed: performance.now(), busy: null, last: null}; }, true);
  const seen = () => {
    const r = window.__rerun;
    if (r.pressed === null) return;
    r.last = performance.now();
    if (app.dataset.testScriptState !== 'notRunning') r.busy = r.busy ?? r.last;
  };
  new MutationObserver(seen).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  new MutationObserver(seen).observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

# Settled: the script is not running and neither the state nor the main area has changed for QUIET_MS.
SETTLED = """(quiet) => {
  const r = window.__rerun, app = document.querySelector('[data-testid="stApp"]');
  return r.last !== null && app.dataset.testScriptState === 'notRunning' && performance.now() - r.last > quiet;
}"""
QUIET_MS = 400


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(scratch: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, IDM_ATLAS_CACHE=str(scratch / "cache"), IDM_ATLAS_ADDED=str(scratch / "added"))
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
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


STATE = """() => ({app: document.querySelector('[data-testid="stApp"]')?.dataset,
  exception: document.querySelector('[data-testid="stException"]')?.innerText?.slice(0, 500),
  skeletons: document.querySelectorAll('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]').length,
  charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length})"""


def wait_rendered(page, path: str) -> None:
    """Wait for RENDERED; on timeout, say what the page looked like."""
    try:
        page.wait_for_function(RENDERED, arg=path == "/", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        raise RuntimeError(f"{path} never finished rendering: {page.evaluate(STATE)}") from None


def rendered_after_goto(context, url: str, path: str) -> float:
    """Seconds from goto to the fully rendered page, in a new tab."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url + path)
    wait_rendered(page, path)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def cold_start(browser, scratch: Path, path: str) -> tuple[float, float]:
    """Seconds from launching the server to the rendered page in a fresh context,
    and to the server answering its health check."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    start = time.perf_counter()
    process, url = start_server(scratch)
    try:
        wait_healthy(process, url)
        healthy = time.perf_counter() - start
        rendered_after_goto(context, url, path)
        return time.perf_counter() - start, healthy
    finally:
        stop(process)
        context.close()


def one_rerun(page, action, frames: list) -> tuple[float, float | None]:
    """Milliseconds (in-page clock) from the pointer release of `action` to the last change
    of the page it caused, and of those, the time the app showed a run under way (None if
    the run was too quick to show)."""
    before = len(frames)
    action()
    page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=TIMEOUT_MS)
    if len(frames) == before:
        raise RuntimeError("the filter change sent no rerun to the server")
    pressed, busy, last = page.evaluate("() => [window.__rerun.pressed, window.__rerun.busy, window.__rerun.last]")
    return last - pressed, (None if busy is None else last - busy)


def reruns(context, url: str, path: str, count: int) -> list[tuple[float, float | None]]:
    """Alternately choose and remove the last session in the sidebar's Sessions filter."""
    page = context.new_page()
    frames: list[float] = []  # websocket frames from the server, to know a rerun happened
    page.on("websocket", lambda socket: socket.on("framereceived", lambda _: frames.append(time.perf_counter())))
    page.goto(url + path)
    wait_rendered(page, path)
    page.evaluate(WATCH_RERUNS)
    sessions = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text("Sessions", exact=True))
    combobox = sessions.get_by_role("combobox")

    def choose():
        combobox.click()
        page.get_by_test_id("stMultiSelectDropdown").get_by_role("option").last.click()

    def remove():
        page.keyboard.press("Escape")
        sessions.locator("[data-tag] button").first.click()

    times = [one_rerun(page, remove if i % 2 else choose, frames) for i in range(count)]
    page.close()
    return times


def report(name: str, values: list[float]) -> None:
    target = TARGETS.get(name)
    median = statistics.median(values)
    verdict = "" if target is None else (" (target < %g: %s)" % (target, "met" if median < target else "MISSED"))
    print(f"{name:26} median {median:8.2f}{verdict}   runs: {', '.join(f'{v:.2f}' for v in values)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="cold starts and warm loads (default 3)")
    parser.add_argument("--reruns", type=int, default=5, help="filter changes (default 5)")
    parser.add_argument("--page", default="/", help="the page measured (default /, the overview; the targets are for it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="idm-atlas-bench-") as folder, sync_playwright() as playwright:
        scratch = Path(folder)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'first start (tables built)':26} {cold_start(browser, scratch, args.page)[0]:.2f} s")
        colds = [cold_start(browser, scratch, args.page) for _ in range(args.runs)]
        report("cold start (s)", [total for total, _ in colds])
        report("  of which server up (s)", [healthy for _, healthy in colds])
        process, url = start_server(scratch)
        try:
            wait_healthy(process, url)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            rendered_after_goto(context, url, args.page)  # the server's first run and the browser's cache
            report("warm page load (s)", [rendered_after_goto(context, url, args.page) for _ in range(args.runs)])
            measured = reruns(context, url, args.page, args.reruns)
            report("filter rerun (ms)", [total for total, _ in measured])
            shown = [running for _, running in measured if running is not None]
            if shown:
                report("  of which run shown (ms)", shown)
        finally:
            stop(process)
        browser.close()
    print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
