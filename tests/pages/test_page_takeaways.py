"""AppTest of the Takeaways page: views, filters, search and URL parameters."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import page_text, run_page

import idm_data
from idm_data.views import filters as f

GENEVA_TITLE = "Closing remarks, IDM 2017 second workshop"

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "takeaways.py"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params) -> AppTest:
    return run_page(str(PAGE), **params)


def shown_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "takeaways shown" in c.value)


def n_cards(at: AppTest, kind: str = "t") -> int:
    """Takeaway cards ("t"), or ideas for further action ("a")."""
    return len(re.findall(rf'class="idm-card" id="[^"]+\.{kind}\d+"', page_text(at)))


def test_default_view_lists_every_takeaway_as_cards(tables):
    at = run()
    total = len(tables["takeaways"])
    assert shown_caption(at) == f"{total} of {total} takeaways shown."
    assert n_cards(at) == total
    assert [s.value for s in at.subheader] == list(tables["documents"]["title"])
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download these takeaways (CSV)", "Download these takeaways (JSON)",
        "Download these ideas (CSV)", "Download these ideas (JSON)"]
    assert dict(at.query_params) == {}


def test_session_filter(tables):
    at = run(session="idm-2017-2")
    assert shown_caption(at) == "7 of 7 takeaways shown."
    assert [s.value for s in at.subheader] == [GENEVA_TITLE]
    # the ideas for further action come from the 2017 first workshop only
    assert any("No data for ideas for further action" in i.value for i in at.info)


def test_theme_filter(tables):
    expected = len(f.apply(tables, f.Filters(themes=("gcm-10",)))["takeaways"])
    at = run(theme="gcm-10")
    assert 0 < expected < len(tables["takeaways"])
    assert shown_caption(at) == f"{expected} of {expected} takeaways shown."
    assert n_cards(at) == expected


def test_doc_type_filter(tables):
    summaries = tables["documents"].query("doc_type == 'summary_of_conclusions'")["doc_id"]
    expected = int(tables["takeaways"]["doc_id"].isin(summaries).sum())
    at = run(doc_type="summary_of_conclusions")
    assert shown_caption(at) == f"{expected} of {expected} takeaways shown."
    assert expected == 13


def test_search_from_url_filters_and_stays_in_url():
    at = run(q="VULNERAB integration")
    assert shown_caption(at).startswith("1 of 30 takeaways shown")
    assert n_cards(at) == 1
    assert at.query_params["q"] == "VULNERAB integration"
    # the matched words are highlighted in the title, and the full text is open to show them there too
    assert "<mark>integration</mark>" in page_text(at)
    assert page_text(at).count("<details open><summary>Full text</summary>") == 1
    assert "<details open>" not in page_text(run())


def test_search_box_writes_and_clears_the_url():
    at = run()
    at.text_input(key="q").input("civil society").run()
    assert at.query_params["q"] == "civil society"
    assert shown_caption(at).startswith("15 of 30")
    at.text_input(key="q").input("").run()
    assert "q" not in at.query_params


def test_search_that_finds_nothing_says_so():
    at = run(q="xylophone")
    assert n_cards(at) == 0
    assert any(i.value.startswith("No takeaway contains every word of “xylophone”") for i in at.info)
    assert not at.get("download_button") or all("takeaways" not in b.proto.label for b in at.get("download_button"))


@pytest.mark.parametrize("view, n_dataframes, n_columns", [("side_by_side", 0, 3), ("table", 1, 0)])
def test_views(view, n_dataframes, n_columns):
    at = run(view=view)
    assert at.query_params["view"] == view
    assert len(at.dataframe) == n_dataframes  # the view's table (the ideas for further action are cards)
    assert n_cards(at, "a") == 8
    if view == "table":
        assert at.dataframe[0].value.shape == (30, 9)
    else:
        headers = [m.value for m in at.markdown if m.value.startswith("#### ")]
        assert len(headers) == n_columns


def test_side_by_side_table_draws_when_opened():
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["view"] = "side_by_side"
    at.session_state["side-by-side-table"] = True
    at.run()
    assert at.dataframe[0].value.shape == (13, 7)


def test_view_choice_writes_the_url_and_default_is_dropped():
    at = run()
    at.selectbox(key="view").set_value("table").run()
    assert at.query_params["view"] == "table"
    at.selectbox(key="view").set_value("cards").run()
    assert "view" not in at.query_params


def test_malformed_parameters():
    at = run(view="bogus", q="<script>alert(1)</script>", session=["idm-2017-2", "nope", "idm-2017-2"],
             theme="'; DROP TABLE", junk="1")
    assert at.selectbox(key="view").value == "cards"
    assert "view" not in at.query_params and "junk" not in at.query_params and "theme" not in at.query_params
    assert at.query_params["session"] == "idm-2017-2"  # unknown and repeated ids dropped
    assert any("No takeaway contains" in i.value for i in at.info)
    # the query is shown escaped, never as markup
    assert all("<script>" not in e.value for e in list(at.markdown) + list(at.info) + list(at.caption))
    assert "<script>" not in page_text(at)
