"""The server's warm-up: as it starts, before any visitor asks, a background thread imports what the pages
import and reads the shared tables into the cache (`ui.data`).

A visitor's first page would otherwise wait for this in its run: importing pandas and the project's modules
and reading the table cache take ~0.5 s of the ~0.6 s a first run of the Overview takes. The server answers
(its health check, the browser's load of Streamlit's frontend) before this is done; the thread overlaps the
browser's load instead of adding to the visitor's run. It runs once per server, in the server only: the
`app` that `streamlit run dashboard.py` finds in `dashboard.py` (`st.App`) starts it from its lifespan.
"""

from __future__ import annotations

import ast
import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from ui import first_run

LOGGER = logging.getLogger(__name__)
PAGES = Path(__file__).resolve().parents[1] / "app_pages"
THREAD = "idm-atlas-warm-up"
# Streamlit warns of every cached call made outside a visitor's run, as the warm-up's are by design
NO_RUN_WARNINGS = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")


class _NotFromTheWarmUp(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD


def page_imports() -> list[str]:
    """The modules the page files import at their top (read from their source, so that a page's new import is
    warmed too; an import inside a function stays lazy)."""
    names = set()
    for page in sorted(PAGES.glob("*.py")):
        for node in ast.parse(page.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)  # a submodule, or a name
    return sorted(names)


def _import(name: str) -> None:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:  # `name` is not a module (a function imported from one): anything else is a fault
            raise


def warm() -> None:
    """Import the pages' modules and read the shared tables (a fault is logged: the visitor's run reports it)."""
    try:
        with first_run.start_up():
            for name in page_imports():
                _import(name)
            from ui import data  # here, not at the top: the server imports this module before it answers

            data.warm_shared()
    except Exception:
        LOGGER.exception("The warm-up failed; the first visitor's run does its work instead")


@asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """For `st.App(lifespan=...)`: the warm-up starts once the server runs, and never delays it."""
    NO_RUN_WARNINGS.addFilter(_NotFromTheWarmUp())
    threading.Thread(target=warm, name=THREAD, daemon=True).start()
    yield
