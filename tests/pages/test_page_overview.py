"""AppTest for the entry point and the overview page: navigation, headline
figures, filters from and to the URL, malformed parameters."""

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import run_page, url_values

import idm_data
from idm_data.views.summaries import session_overview

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "app_pages" / "overview.py")


def run(**params) -> AppTest:
    return run_page(PAGE, **params)


FIGURE = re.compile(r'<span class="idm-value">(.*?)</span><span class="idm-label">(.*?)</span>')


def metrics(at) -> dict[str, list[str]]:
    """The timeline's figures by label, in session order."""
    found: dict[str, list[str]] = {}
    for block in at.get("html"):
        for value, label in FIGURE.findall(block.proto.body):
            found.setdefault(html.unescape(label), []).append(html.unescape(value))
    return found


def test_default_view_shows_every_session_with_figures_from_the_tables():
    at = run()
    overview = session_overview(idm_data.load())
    shown = metrics(at)
    assert shown["Takeaways"] == [str(n) for n in overview["n_takeaways"]]
    assert shown["Countries"] == [str(n) for n in overview["n_countries"]]
    assert shown["Participants (as stated)"][0] == "over 300"
    assert shown["Women speakers (as stated)"] == ["12", "—", "16"]
    assert at.title[0].value == "IDM Atlas"
    assert not at.dataframe and not at.sidebar.code  # the table and the link wait for their expander


def test_the_table_and_the_link_draw_when_their_expanders_open():
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["session"] = ["idm-2017-2"]
    at.session_state["overview-table"] = True
    at.session_state["link-to-view"] = True
    at.run()
    assert not at.exception
    assert list(at.dataframe[0].value["session_id"]) == ["idm-2017-2"]
    assert at.sidebar.code[0].value.endswith("?session=idm-2017-2")


def test_each_counted_figure_links_to_its_page_for_that_session_and_the_filters():
    at = run(session=["idm-2018-1"], doc_type=["closing_remarks"])
    body = at.get("html")[0].proto.body
    assert 'href="takeaways?session=idm-2018-1&amp;doc_type=closing_remarks"' in body
    assert 'href="countries?session=idm-2018-1&amp;doc_type=closing_remarks"' in body


def test_session_filter_from_the_url_keeps_its_id_and_narrows_the_figures():
    at = run(session=["idm-2018-1"])
    assert at.multiselect(key="session").value == ["idm-2018-1"]
    assert metrics(at)["Takeaways"] == ["10"]  # 5 in the closing remarks, 5 in the summary
    assert url_values(at, "session") == ["idm-2018-1"]


@pytest.mark.parametrize("params", [
    {"session": ["bogus"]},
    {"session": ["idm-2017-1", "idm-2017-1", "<script>"]},
    {"theme": ["gcm-99", ""], "doc_type": ["pdf"]},
    {"unknown": ["x"]},
])
def test_malformed_parameters_are_dropped(params):
    at = run(**params)
    assert "unknown" not in at.query_params
    assert set(url_values(at, "session")) <= {"idm-2017-1"}
    assert "theme" not in at.query_params and "doc_type" not in at.query_params


def test_changing_a_filter_writes_the_url():
    at = run()
    at.multiselect(key="doc_type").select("summary_of_conclusions").run()
    assert url_values(at, "doc_type") == ["summary_of_conclusions"]
    assert metrics(at)["Takeaways"] == ["8", "5"]  # the Geneva workshop has no summary in the corpus


def test_a_filter_with_no_data_says_so():
    at = run(session=["idm-2017-2"], doc_type=["summary_of_conclusions"])
    assert any("No data" in info.value for info in at.info)


def test_dashboard_navigates_every_page_and_keeps_the_filters():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["session"] = ["idm-2017-1"]
    at.run()
    assert not at.exception
    for page in ["themes", "takeaways", "countries", "organisations", "network", "explorer", "compare",
                 "cooccurrence", "method", "add_document", "overview"]:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
        assert at.multiselect(key="session").value == ["idm-2017-1"], page
