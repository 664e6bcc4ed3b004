"""ui.warm_up and the server in dashboard.py: `streamlit run dashboard.py` finds an st.App whose start-up
imports what the pages import and reads the shared tables, without delaying the server itself."""

import functools
import gc
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.web.server.app_discovery import discover_asgi_app

from idm_data.views import filters
from ui import data, first_run, warm_up

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def warm_process():
    """warm() freezes what is alive when it ends (ui.first_run): give the test worker its heap back."""
    yield
    gc.unfreeze()
    gc.enable()


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
    imports = dict(warm_up.page_imports())
    assert {"pandas", "ui.charts", "idm_data.evaluation"} <= set(imports)
    assert "network" in imports["ui.charts"] and "data" in imports["ui"]
    for module, names in imports.items():
        warm_up._import(module, names)  # a name a module does not define is its submodule
    assert "ui.charts.network" in sys.modules


def sidebar_only():
    from ui import sidebar

    sidebar.setup()


def test_after_the_warm_up_a_first_run_reads_no_table_and_filters_nothing(monkeypatch, warm_process):
    """What every page's first run asks of ui.data (ui.sidebar.setup, nothing chosen) is cached by the warm-up
    under the keys that run uses: the run builds no table, applies no filter and lists no vocabulary."""
    for cached in (data._shared_tables, data._shared_filtered, data._shared_derived):
        cached.clear()
    calls = []

    def counted(fn):
        @functools.wraps(fn)  # the same module and name: ui.data keys derived results by them
        def wrapper(*args, **kwargs):
            calls.append(fn.__name__)
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(data, "build_or_read", counted(data.build_or_read))
    monkeypatch.setattr(filters, "apply", counted(filters.apply))
    monkeypatch.setattr(filters, "vocabulary", counted(filters.vocabulary))
    warm_up.warm()
    assert sorted(calls) == ["apply", "build_or_read", "vocabulary"]
    at = AppTest.from_function(sidebar_only, default_timeout=60).run()
    assert not at.exception, at.exception
    assert len(at.multiselect) == 3 and sorted(calls) == ["apply", "build_or_read", "vocabulary"]


def test_a_failed_warm_up_is_logged_and_gives_the_collector_back(monkeypatch, caplog, warm_process):
    def broken():
        raise OSError("the table cache is unreadable")

    monkeypatch.setattr(data, "warm_shared", broken)
    monkeypatch.setattr(warm_up.LOGGER, "propagate", True)  # Streamlit's loggers write to stderr only
    with caplog.at_level(logging.ERROR, logger=warm_up.LOGGER.name):
        warm_up.warm()
    assert "The warm-up failed" in caplog.text and "unreadable" in caplog.text
    assert gc.isenabled() and first_run._holding == 0
