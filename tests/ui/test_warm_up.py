"""ui.warm_up and the server in dashboard.py: `streamlit run dashboard.py` finds an st.App whose start-up
imports what the pages import and reads the shared tables, without delaying the server itself."""

import gc
import logging
import subprocess
import sys
from pathlib import Path

from streamlit.web.server.app_discovery import discover_asgi_app

from ui import data, first_run, warm_up

ROOT = Path(__file__).resolve().parents[2]


def test_streamlit_run_serves_the_app_in_dashboard_py():
    found = discover_asgi_app(ROOT / "dashboard.py")
    assert found.is_asgi_app and found.import_string == "dashboard:app"


def test_the_server_imports_dashboard_py_without_the_data_layer():
    """What the server imports before it answers stays light: pandas and the tables come in the warm-up."""
    script = ("import sys, streamlit as st; import dashboard; "
              "print(isinstance(dashboard.app, st.App), sorted({'pandas', 'ui.data', 'idm_data'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[0] == "True []"


def test_the_warm_up_imports_what_every_page_imports():
    names = warm_up.page_imports()
    assert {"pandas", "ui.data", "ui.charts.network", "idm_data.evaluation.report"} <= set(names)
    for name in names:
        warm_up._import(name)  # each is a module, or a name imported from one
    assert "ui.charts.network" in sys.modules


def test_the_warm_up_reads_the_shared_tables_once_for_every_visitor(monkeypatch):
    reads = []
    monkeypatch.setattr(data, "build_or_read", lambda folders: reads.append(folders) or {"documents": None})
    monkeypatch.setattr(data.f, "apply", lambda tables, chosen: tables)
    monkeypatch.setattr(data.f, "vocabulary", lambda tables: "vocabulary")
    data._shared_tables.clear()
    data._shared_filtered.clear()
    data._shared_derived.clear()
    try:
        warm_up.warm()
        assert len(reads) == 1
        folders = tuple(reads[0])
        key = data.corpus_key([Path(p) for p in folders])
        data._shared_tables(key, folders)  # what a visitor's run asks for: already there
        assert len(reads) == 1
    finally:
        data._shared_tables.clear()
        data._shared_filtered.clear()
        data._shared_derived.clear()


def test_a_failed_warm_up_is_logged_and_gives_the_collector_back(monkeypatch, caplog):
    def broken():
        raise OSError("the table cache is unreadable")

    monkeypatch.setattr(data, "warm_shared", broken)
    with caplog.at_level(logging.ERROR, logger=warm_up.LOGGER.name):
        warm_up.warm()
    assert "The warm-up failed" in caplog.text and "unreadable" in caplog.text
    assert gc.isenabled() and first_run._holding == 0
