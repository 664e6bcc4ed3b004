"""What a filter change costs each page in Python: the script's rerun time under Streamlit's AppTest.

No browser: steadier than the filter change of `benchmarks.browser` (which adds the frontend's redraw), so a
change to a page's Python shows here first. For each page, the Sessions filter alternates between all sessions
and the latest one (each combination run once before timing, so the caches hold both, as in the browser
benchmark's repeated changes); the figure is the median of --reruns timed changes. With --against REV the same
is measured, interleaved page by page, on a git worktree of REV (the table cache built apart), and the table
gives each page's ratio to it.

Run: python -m benchmarks.reruns [--reruns 20] [--against f169c01]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["overview", "themes", "takeaways", "countries", "organisations", "network", "explorer", "compare",
         "cooccurrence", "method", "add_document"]


def page_reruns(root: Path, page: str, reruns: int) -> list[float]:
    """Milliseconds of each timed filter change on `page` of the checkout at `root`."""
    from streamlit.testing.v1 import AppTest

    import idm_data

    sessions = sorted(idm_data.load()["sessions"]["session_id"])
    at = AppTest.from_file(str(root / "app_pages" / f"{page}.py"), default_timeout=120)
    at.run()
    combinations = [[], sessions[-1:]]
    for chosen in combinations:  # both into the caches
        at.multiselect(key="session").set_value(chosen).run()
    times = []
    for i in range(reruns):
        widget = at.multiselect(key="session").set_value(combinations[i % 2])
        started = time.perf_counter()
        widget.run()
        times.append((time.perf_counter() - started) * 1000)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return times


def child(root: Path, page: str, reruns: int) -> None:
    """Measure one page in this process (run with the checkout at `root` first on the path) and print JSON."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    print(json.dumps(page_reruns(root, page, reruns)))


def measure(root: Path, page: str, reruns: int, scratch: Path) -> list[float]:
    """One page in a fresh process, so pages and checkouts do not share imports or caches."""
    env = dict(os.environ, PYTHONPATH=str(root), IDM_ATLAS_CACHE=str(scratch / "cache"),
               IDM_ATLAS_ADDED=str(scratch / "added"))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(root), page, str(reruns)],
                          cwd=root, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{page} at {root}: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reruns", type=int, default=20, help="timed filter changes per page (default 20)")
    parser.add_argument("--against", help="a git revision to measure alongside (e.g. f169c01)")
    parser.add_argument("--pages", nargs="+", default=PAGES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="idm-atlas-reruns-") as folder:
        scratch = Path(folder)
        baseline = None
        if args.against:
            baseline = scratch / "baseline"
            subprocess.run(["git", "worktree", "add", "--detach", str(baseline), args.against], cwd=ROOT,
                           check=True, capture_output=True)
        try:
            rows = []
            for page in args.pages:
                now = statistics.median(measure(ROOT, page, args.reruns, scratch / "now"))
                before = (statistics.median(measure(baseline, page, args.reruns, scratch / "before"))
                          if baseline and (baseline / "app_pages" / f"{page}.py").exists() else None)
                rows.append((page, now, before))
                print(f"  {page}: {now:.1f} ms" + (f" ({before:.1f} ms at {args.against})" if before else ""),
                      flush=True)
        finally:
            if baseline:
                subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False,
                               capture_output=True)
    print(f"\n| page | filter change, server rerun ms (median of {args.reruns}) |"
          + (f" at {args.against} ms | ratio |" if args.against else ""))
    print("|---|---:|" + ("---:|---:|" if args.against else ""))
    for page, now, before in rows:
        print(f"| {page} | {now:.1f} |" + (f" {before:.1f} | {now / before:.2f} |" if before else
                                            (" — | — |" if args.against else "")))
    print(f"\n1-minute load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, sys.argv[2])
        child(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        main()
