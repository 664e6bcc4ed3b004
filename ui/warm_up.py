"""The server's warm-up: as it starts, before any visitor asks, a background thread imports what the pages
import and reads the shared tables into the cache (`ui.data.warm_shared`).

A visitor's first page would otherwise do this in its own run: importing pandas and the project's modules and
reading the table cache take ~0.45 s of the ~0.55 s a first run of the Overview takes. The server answers (its
health check, the browser's load of Streamlit's frontend) before this is done, so the work overlaps the
browser's load instead of adding to the visitor's run; on two cores it slows that load by ~0.2–0.3 s, a net
gain of ~0.2 s (benchmarks/README.md). It runs once per server, in the server only: the `app` that
`streamlit run dashboard.py` finds in `dashboard.py` (`st.App`) starts it from its lifespan.

A visitor's first run may import the same modules at the same moment: Python's per-module import locks make
one thread wait for the other, and the project has no import cycle that could make them wait for each other.
"""

from __future__ import annotations

import ast
import importlib
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from streamlit.logger import get_logger

from ui import first_run

LOGGER = get_logger(__name__)  # Streamlit's format, in the server's log
PAGES_DIR = Path(__file__).resolve().parents[1] / "app_pages"
THREAD = "idm-atlas-warm-up"
DONE = "Warmed up"  # the log line's start, which tests wait for
# Streamlit warns of every cached call made outside a visitor's run, as the warm-up's are by design
RUN_CONTEXT_LOGGER = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")


class _NotFromTheWarmUp(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD


def page_imports() -> list[tuple[str, tuple[str, ...]]]:
    """(module, names imported from it) for every import at the top of a page file: read from their source, so
    that a page's new import is warmed too (an import inside a function stays lazy)."""
    found: dict[str, set[str]] = {}
    for page in sorted(PAGES_DIR.glob("*.py")):
        for node in ast.parse(page.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.setdefault(alias.name, set())
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.setdefault(node.module, set()).update(alias.name for alias in node.names)
    return [(module, tuple(sorted(names))) for module, names in sorted(found.items())]


def _import(module: str, names: tuple[str, ...]) -> None:
    """As `from module import names` does: a name the module does not define is its submodule."""
    imported = importlib.import_module(module)
    for name in names:
        if not hasattr(imported, name):
            importlib.import_module(f"{module}.{name}")


def warm() -> None:
    """Import the pages' modules and read the shared tables (a fault is logged: the visitor's run reports it)."""
    started = time.perf_counter()
    try:
        with first_run.held_off():
            for module, names in page_imports():
                _import(module, names)
            from ui import data  # here, not at the top: the server imports this module before it answers

            data.warm_shared()
    except Exception:
        LOGGER.exception("The warm-up failed; the first visitor's run does its work instead")
        return
    LOGGER.info("%s in %.2f s: the pages' modules imported, the shared tables read", DONE,
                time.perf_counter() - started)


@asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """For `st.App(lifespan=...)`: the warm-up starts once the server runs, and never delays it."""
    RUN_CONTEXT_LOGGER.addFilter(_NotFromTheWarmUp())
    threading.Thread(target=warm, name=THREAD, daemon=True).start()
    yield
