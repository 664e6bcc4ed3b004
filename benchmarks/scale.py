"""Scale benchmark: the data layer and the dashboard over corpora of 10 to 1,000+ documents.

For each size it generates a corpus (`benchmarks.corpus_generator`) in a temp
folder and measures: the cold build (`idm_data.tables.build_tables`, wall and
CPU seconds, parallel as shipped, optionally serial too), the on-disk cache
(write, then a hit through `build_or_read`), the build's peak traced memory
(tracemalloc, main process), the rows of every table, each page's run time
under AppTest (first run with empty Streamlit caches, then the median of
reruns that hit `st.cache_data`), and the peak RSS of a separate process
that builds the tables and runs the pages as the app would. The app is
pointed at the generated corpus with `IDM_ATLAS_CORPUS`.

    python -m benchmarks.scale                       # sizes 10 100 1000; prints the tables
    python -m benchmarks.scale --write-readme        # ... and replaces the generated block of benchmarks/README.md
    python -m benchmarks.scale --sizes 10 100 --serial

Not part of the test suite (it takes minutes at 1,000 documents).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import json
import logging
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import parse_qs


from benchmarks.corpus_generator import generate

ROOT = Path(__file__).resolve().parents[1]
README = Path(__file__).with_name("README.md")
PAGES = ("overview", "themes", "countries", "network")
# extra views: the network with co-mentions has far more actors than stated partnerships (tests the cap)
EXTRA_VIEWS = ("network?kind=all",)
TARGETS = {"build_s_at_1000": 60, "growth_100_to_1000": 10, "page_ms_at_1000": 300, "rss_mb": 1024}
MARK_START, MARK_END = "<!-- scale:start -->", "<!-- scale:end -->"
MB = 1024 * 1024


# --- the machine ----------------------------------------------------------------

def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    ram = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    return {"cpu": model.group(1).strip() if model else platform.processor(), "cores": os.cpu_count(),
            "ram_gb": round(int(ram.group(1)) / 1024 ** 2, 1) if ram else None,
            "python": platform.python_version(), "platform": platform.platform(),
            "date": datetime.datetime.now().isoformat(timespec="minutes"), "versions": _versions()}


def _versions() -> str:
    import pandas
    import streamlit

    return f"streamlit {streamlit.__version__}, pandas {pandas.__version__}"


def load() -> float:
    """1-minute load average: other work on the machine slows wall times."""
    return round(os.getloadavg()[0], 1)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, *args, **kwargs):
    """(result, wall seconds, CPU seconds)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, cpu_seconds() - cpu


@contextlib.contextmanager
def app_env(corpus: Path, scratch: Path):
    """Point the app (and the table cache) at `corpus` for the duration."""
    values = {"IDM_ATLAS_CORPUS": str(corpus), "IDM_ATLAS_ADDED": str(scratch / "added"),
              "IDM_ATLAS_CACHE": str(scratch / "cache")}
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# --- the data layer ---------------------------------------------------------------

def measure_build(corpus: Path, serial: bool) -> dict:
    """Cold build, cache write and hit, and the rows of every table."""
    from idm_data.build import cache
    from idm_data.build import tables as t

    load_before = load()
    t.forget_extractions()  # a cold build: nothing remembered from an earlier one
    tables, wall, cpu = timed(t.build_tables, corpus)
    out = {"build_s": wall, "build_cpu_s": cpu, "load": f"{load_before}–{load()}",
           "rows": {name: len(frame) for name, frame in tables.items()}}
    if serial and len(tables["documents"]) >= t.PARALLEL_FROM:  # below that the build is serial anyway
        out["serial_s"], out["serial_cpu_s"] = _serial_build(corpus)
    key = t.corpus_key(corpus)
    _, out["cache_write_s"], _ = timed(cache.write_cached, key, tables)
    hit, out["cache_hit_s"], _ = timed(t.build_or_read, corpus)
    out["cache_hit_ok"] = sorted(hit) == sorted(tables) and all(hit[n].equals(tables[n]) for n in tables)
    return out


def warm_up() -> None:
    """Build the packaged corpus once, so every size is timed with the
    gazetteers loaded and the regexes compiled (a fresh process pays ~0.5 s more)."""
    from idm_data.resources import CORPUS_DIR
    from idm_data.build.tables import build_tables

    build_tables(CORPUS_DIR)


def _serial_build(corpus: Path) -> tuple[float, float]:
    """The same build with the process pool switched off: does the pool pay?"""
    from idm_data.build import tables as t

    saved, t.PARALLEL_FROM = t.PARALLEL_FROM, sys.maxsize
    t.forget_extractions()
    try:
        _, wall, cpu = timed(t.build_tables, corpus)
    finally:
        t.PARALLEL_FROM = saved
    return wall, cpu


def traced_peak_mb(corpus: Path) -> float:
    """Peak memory the build allocates in the main process (tracemalloc)."""
    from idm_data.build.tables import build_tables, forget_extractions

    forget_extractions()  # the extraction's allocations count
    tracemalloc.start()
    try:
        build_tables(corpus)
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


# --- the pages -----------------------------------------------------------------

def page_dir() -> Path:
    """Where the page scripts live (app_pages/, formerly pages/)."""
    return next((ROOT / d for d in ("app_pages", "pages") if (ROOT / d).is_dir()), ROOT / "app_pages")


def existing_pages() -> list[str]:
    """The pages (and extra views, "page?param=value") whose script exists."""
    views = list(PAGES) + list(EXTRA_VIEWS)
    return [v for v in views if (page_dir() / f"{v.split('?')[0]}.py").exists()]


def _quiet_streamlit() -> None:
    """No "missing ScriptRunContext" warnings: clearing caches outside a run is intended here."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def run_page(view: str, reruns: int, clear: bool = True) -> dict:
    """First run (with `clear`, from empty Streamlit caches), then the median of `reruns` reruns."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _quiet_streamlit()
    if clear:
        st.cache_data.clear()
        st.cache_resource.clear()
    page, _, query = view.partition("?")
    at = AppTest.from_file(str(page_dir() / f"{page}.py"), default_timeout=900)
    for key, values in parse_qs(query).items():
        at.query_params[key] = values
    try:
        _, first, _ = timed(at.run)
        times = [timed(at.run)[1] for _ in range(reruns)]
    except Exception as exc:  # a timeout or a crash of the harness counts as an error
        return {"page": view, "error": f"{type(exc).__name__}: {exc}"[:200]}
    error = "; ".join(str(e.value)[:160] for e in at.exception) if at.exception else ""
    return {"page": view, "first_ms": first * 1000, "rerun_ms": statistics.median(times) * 1000,
            "error": error, **(_network_check(at) if page == "network" else {})}


def _network_check(at) -> dict:
    """How many nodes the network page draws, how many carry their name on the drawing, and what the page
    says about its cap."""
    drawing = next((json.loads(e.proto.json)["html"] for e in at.get("bidi_component")), "")
    drawn, named = drawing.count("<circle "), drawing.count("<text ")
    captions = [str(c.value) for c in at.caption if "most connected" in str(c.value)]
    cap = getattr(importlib.import_module("ui.charts.network"), "MAX_DRAWN", None)
    return {"nodes_drawn": drawn, "node_labels": named, "cap": cap, "cap_note": captions[0] if captions else ""}


def page_times(corpus: Path, scratch: Path, reruns: int) -> list[dict]:
    with app_env(corpus, scratch):
        return [run_page(page, reruns) for page in existing_pages()]


def cap_check(n: int, seed: int) -> dict:
    """The network page over a corpus whose actors grow with it (one invented
    organisation per session): are the drawn nodes capped?"""
    with tempfile.TemporaryDirectory(prefix=f"idm-scale-cap-{n}-") as tmp:
        corpus, scratch = Path(tmp) / "corpus", Path(tmp) / "scratch"
        (scratch / "added").mkdir(parents=True)
        generate(corpus, n, seed, new_actors=True)
        with app_env(corpus, scratch):
            return {"n": n, **run_page("network", reruns=1)}


# --- the app's memory, in a process of its own ------------------------------------------------

def child_rss(corpus: Path, scratch: Path) -> dict:
    """Peak RSS of a fresh app process that runs every page: first with an
    empty table cache (it builds the tables), then again with the cache warm."""
    out = {}
    for start in ("cold", "warm"):  # the warm run reuses the cache the cold one wrote
        env = {**os.environ, "IDM_ATLAS_CORPUS": str(corpus), "IDM_ATLAS_ADDED": str(scratch / "added"),
               "IDM_ATLAS_CACHE": str(scratch / "child-cache"), "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "benchmarks.scale", "--child"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=3600)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode or not lines:
            return {**out, "rss_error": (done.stderr or done.stdout)[-300:]}
        measured = json.loads(lines[-1])
        out[f"rss_{start}_mb"], out[f"worker_rss_{start}_mb"] = measured["rss_mb"], measured["worker_rss_mb"]
    return out


def child_main() -> None:
    """Runs in the child: every page three times, sharing caches as one app
    process does (the first page builds the tables), then report."""
    for page in existing_pages():
        run_page(page, reruns=2, clear=False)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec
    status = Path("/proc/self/status").read_text()
    own = int(re.search(r"^VmHWM:\s*(\d+) kB", status, re.M).group(1)) / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # includes pages shared with the app
    print(json.dumps({"rss_mb": own, "worker_rss_mb": workers}))


# --- one size -------------------------------------------------------------------

def run_size(n: int, seed: int, reruns: int, serial: bool, tracemem: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"idm-scale-{n}-") as tmp:
        corpus, scratch = Path(tmp) / "corpus", Path(tmp) / "scratch"
        (scratch / "added").mkdir(parents=True)
        manifest = generate(corpus, n, seed)
        result = {"n": n, "sessions": int(manifest["session_id"].nunique()),
                  "corpus_mb": sum(p.stat().st_size for p in corpus.iterdir()) / MB}
        with app_env(corpus, scratch):
            result.update(measure_build(corpus, serial))
            if tracemem:
                result["traced_peak_mb"] = traced_peak_mb(corpus)
        result["pages"] = page_times(corpus, scratch, reruns)
        result.update(child_rss(corpus, scratch))
    return result


# --- reporting --------------------------------------------------------------------

def _fmt(value, spec: str = ".1f") -> str:
    return "—" if value is None else format(value, spec)


def build_table(results: list[dict]) -> str:
    head = ("| documents | sessions | corpus MB | cold build s (CPU s) | serial build s (CPU s) | cache write s "
            "| cache hit s | build traced peak MB | app peak RSS MB: cold start (pool worker) / warm start | load avg |")
    lines = [head, "|" + "---:|" * (head.count("|") - 1)]
    for r in results:
        serial = f"{_fmt(r.get('serial_s'))} ({_fmt(r.get('serial_cpu_s'))})" if "serial_s" in r else "—"
        lines.append(
            f"| {r['n']:,} | {r['sessions']} | {r['corpus_mb']:.1f} | {r['build_s']:.1f} ({r['build_cpu_s']:.1f}) | {serial} "
            f"| {r['cache_write_s']:.2f} | {r['cache_hit_s']:.2f} | {_fmt(r.get('traced_peak_mb'), '.0f')} "
            f"| {_fmt(r.get('rss_cold_mb'), '.0f')} ({_fmt(r.get('worker_rss_cold_mb'), '.0f')}) / {_fmt(r.get('rss_warm_mb'), '.0f')} "
            f"| {r['load']} |")
    return "\n".join(lines)


def rows_table(results: list[dict]) -> str:
    names = list(results[0]["rows"])
    lines = ["| table | " + " | ".join(f"{r['n']:,} docs" for r in results) + " |",
             "|---|" + "---:|" * len(results)]
    lines += [f"| `{name}` | " + " | ".join(f"{r['rows'].get(name, 0):,}" for r in results) + " |" for name in names]
    return "\n".join(lines)


def pages_table(results: list[dict]) -> str:
    lines = ["| page | " + " | ".join(f"{r['n']:,} docs: first / rerun ms" for r in results) + " |",
             "|---|" + "---:|" * len(results)]
    for page in existing_pages():
        cells = []
        for r in results:
            row = next((p for p in r["pages"] if p["page"] == page), {})
            if "first_ms" not in row:
                cells.append(f"error: {row.get('error', 'not run')}")
                continue
            cell = f"{row['first_ms']:,.0f} / {row['rerun_ms']:,.0f}"
            cells.append(cell + (f" (error: {row['error']})" if row["error"] else ""))
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def network_note(results: list[dict], cap: dict | None = None) -> str:
    notes = []
    for r in results:
        for row in [p for p in r["pages"] if p["page"].startswith("network") and "nodes_drawn" in p]:
            held = "" if row["cap"] is None else (" (within the cap of " if row["nodes_drawn"] <= row["cap"] else " (OVER the cap of ") + f"{row['cap']})"
            labels = f"{row['node_labels']} named on the drawing, the others on hover"
            notes.append(f"- {row['page']}, {r['n']:,} docs: {row['nodes_drawn']} nodes drawn{held}, {labels}. "
                         f"{row['cap_note']}".rstrip())
    if cap and "nodes_drawn" in cap:
        held = "within" if cap["cap"] is None or cap["nodes_drawn"] <= cap["cap"] else "OVER"
        notes.append(f"- network, {cap['n']:,} docs with one invented organisation per session (`new_actors`): "
                     f"{cap['nodes_drawn']} nodes drawn, {held} the cap of {cap['cap']} (rerun {cap['rerun_ms']:,.0f} ms). "
                     f"{cap['cap_note'] or 'No cap note shown.'}")
    return "\n".join(notes) or "- (the network page did not run)"


def verdicts(results: list[dict]) -> str:
    by_n = {r["n"]: r for r in results}
    lines = []
    if 1000 in by_n:
        big = by_n[1000]
        lines.append(f"- Build of 1,000 documents under {TARGETS['build_s_at_1000']} s: {big['build_s']:.1f} s wall "
                     f"({big['build_cpu_s']:.1f} s CPU over both cores; 1-minute load average {big['load']}).")
        ok = [p for p in big["pages"] if "rerun_ms" in p and not p["error"]]
        slow = [p["page"] for p in ok if p["rerun_ms"] > TARGETS["page_ms_at_1000"]]
        lines.append(f"- Page reruns under {TARGETS['page_ms_at_1000']} ms at 1,000 documents: "
                     + ("all pages that ran" if not slow else f"not met by {', '.join(slow)}") + ".")
        if "rss_cold_mb" in big:
            lines.append(f"- App peak RSS under {TARGETS['rss_mb']} MB: {big['rss_cold_mb']:.0f} MB when it builds the "
                         f"tables, {big.get('rss_warm_mb', 0):.0f} MB when it starts from the disk cache.")
    for r in results:
        if "serial_s" in r:
            lines.append(f"- Process pool at {r['n']:,} documents: {r['serial_s']:.1f} s serial → {r['build_s']:.1f} s "
                         f"parallel (×{r['serial_s'] / r['build_s']:.2f}).")
    for r in results:
        lines.append(f"- Disk cache at {r['n']:,} documents: {r['build_s']:.1f} s cold → {r['cache_hit_s']:.2f} s hit"
                     f" (×{r['build_s'] / r['cache_hit_s']:.0f}); tables read back intact: {r['cache_hit_ok']}.")
    lines += [f"- The app process at {r['n']:,} documents failed: {r['rss_error']}" for r in results if "rss_error" in r]
    if 100 in by_n and 1000 in by_n:
        ratio = by_n[1000]["build_s"] / by_n[100]["build_s"]
        cpu = by_n[1000]["build_cpu_s"] / by_n[100]["build_cpu_s"]
        lines.append(f"- Growth 100 → 1,000 documents: ×{ratio:.1f} wall, ×{cpu:.1f} CPU "
                     f"(target at most ×{TARGETS['growth_100_to_1000']}).")
    return "\n".join(lines)


def report(results: list[dict], info: dict, cap: dict | None = None) -> str:
    return "\n\n".join([
        f"Measured {info['date']} on {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, "
        f"Python {info['python']} ({info['versions']}; {info['platform']}).",
        "### Build, cache and memory", build_table(results),
        "### Page run times (AppTest)", pages_table(results),
        "### Network page cap", network_note(results, cap),
        "### Rows per table", rows_table(results),
        "### Targets", verdicts(results),
    ])


def write_readme(text: str) -> None:
    """Replace the generated section of benchmarks/README.md (or append it)."""
    current = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    block = f"{MARK_START}\n{text}\n{MARK_END}"
    if MARK_START in current and MARK_END in current:
        before, rest = current.split(MARK_START, 1)
        current = before + block + rest.split(MARK_END, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    README.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reruns", type=int, default=5, help="reruns per page after the first run")
    parser.add_argument("--serial", action="store_true", help="also time the build without the process pool")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the (slow) traced build")
    parser.add_argument("--write-readme", action="store_true",
                        help="also replace the generated block of benchmarks/README.md (a tracked file)")
    parser.add_argument("--cap-check", type=int, default=400, metavar="N",
                        help="documents of the network-cap check (new actors per session); 0 skips it")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main()
    info, results = machine(), []
    warm_up()
    for n in args.sizes:
        print(f"… {n} documents", file=sys.stderr, flush=True)
        results.append(run_size(n, args.seed, args.reruns, args.serial, not args.no_tracemalloc))
    cap = cap_check(args.cap_check, args.seed) if args.cap_check else None
    text = report(results, info, cap)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results, "cap_check": cap}, indent=1))
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
