"""The partnership network page: default view, each control via the URL, malformed URLs, clicks."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import click_pick, clickable_html, evidence_shown, page_text, picks, run_page

import idm_data
from idm_data.views import network
from idm_data.views.network import View

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "network.py"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def _run(**params) -> AppTest:
    return run_page(str(PAGE), **params)


def _param(at: AppTest, key: str) -> list[str]:
    """A URL parameter as a list, whether AppTest holds one value or several."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _drawn(at: AppTest) -> list[str]:
    """The items (nodes and pairs) drawn on the network, clickable."""
    return [pick["item"] for pick in picks(clickable_html(at))] if at.get("bidi_component") else []


def _node_ids(at: AppTest) -> set[str]:
    """Actors drawn on the chart (every actor of the view, below the cap)."""
    return {item[2:] for item in _drawn(at) if item.startswith("n:")}


def _central_table(at: AppTest) -> str:
    """The HTML of the centrality table beside the chart."""
    return next(h.proto.body for h in at.get("html") if "Actors by sentences over their pairs" in h.proto.body)


def test_default_view(tables):
    at = _run()
    graph = network.graph_for(tables, View())
    assert _node_ids(at) == set(graph.nodes)
    assert sum(item.startswith("e:") for item in _drawn(at)) == graph.number_of_edges()
    assert at.selectbox(key="kind").value == "explicit" and at.slider(key="min_weight").value == 1
    assert dict(at.query_params) == {}
    assert not at.dataframe  # every grid waits for its expander: the first visit loads no grid script
    central = _central_table(at)
    assert central.count("<tr>") == graph.number_of_nodes() + 1 and "<td>IOM</td>" in central
    actors, edges = network.compare_years(tables, View(), "2017", "2018")
    counts = (f'<tr><td>appears</td><td class="idm-num">{(actors["status"] == "appears").sum()}</td>'
              f'<td class="idm-num">{(edges["status"] == "appears").sum()}</td></tr>')
    assert counts not in page_text(at)  # the year comparison is built once opened
    at.session_state["year-tables"] = True
    at.run()
    assert counts in page_text(at) and not at.exception


def test_kind_all_from_url(tables):
    at = _run(kind="all")
    assert _node_ids(at) == set(network.graph_for(tables, View(kind="all")).nodes)
    assert _param(at, "kind") == ["all"]


def test_min_weight_from_url(tables):
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.query_params.update(kind="all", min_weight="2")
    at.session_state["edges-table"] = True  # the table of every pair, opened
    at.run()
    expected = network.graph_for(tables, View(kind="all", min_weight=2))
    assert _node_ids(at) == set(expected.nodes) and len(at.dataframe[0].value) == expected.number_of_edges()
    assert _param(at, "min_weight") == ["2"]


def test_node_types_from_url():
    at = _run(kind="all", node_types=["country", "un_system"])
    types = set(re.findall(r"<circle [^>]*><title>[^<\n]*\n([^<\n]*)\n", clickable_html(at)))
    assert types == {"Country", "UN system"}
    assert at.multiselect(key="node_types").value == ["country", "un_system"]


def test_focus_from_url():
    at = _run(focus="walkfree")
    assert _node_ids(at) == {"ilo", "iom", "walkfree"}
    assert at.selectbox(key="focus").value == "walkfree"


def test_focus_on_an_actor_without_edge(tables):
    linked = set(network.graph_for(tables, View()).nodes)
    loner = sorted(set(network.actors(tables)["actor_id"]) - linked)[0]
    at = _run(focus=loner)
    name = network.actor_options(network.actors(tables))[loner]
    assert any(name in info.value and "no partnership edge" in info.value for info in at.info)
    assert not _drawn(at)


def test_view_without_edges_says_so(tables):
    assert network.graph_for(tables, View(node_types=("private_sector",))).number_of_edges() == 0
    at = _run(node_types="private_sector")
    assert any("No data for partnership edges" in info.value for info in at.info)


def test_malformed_params_fall_back_to_the_default(tables):
    at = _run(kind="bogus", min_weight="-3", focus="nobody", node_types="zzz")
    assert _node_ids(at) == set(network.graph_for(tables, View()).nodes)
    assert dict(at.query_params) == {}


def test_repeated_and_garbage_params():
    at = _run(kind=["all", "explicit"], min_weight="abc", focus=["walkfree", "iom"], colour="red")
    assert at.selectbox(key="kind").value == "all" and at.slider(key="min_weight").value == 1
    assert at.selectbox(key="focus").value == "walkfree"
    assert "colour" not in at.query_params


def test_widgets_write_the_url_and_picker_shows_evidence(tables):
    at = _run()
    at.selectbox(key="kind").set_value("all").run()
    assert _param(at, "kind") == ["all"]
    at.selectbox(key="pick").set_value(network.edge_item("ilo", "walkfree")).run()
    assert not at.exception
    shown = [text for text, _ in evidence_shown(at)]
    assert len(shown) == 1 and "<mark>ILO</mark>" in shown[0] and "<mark>Walk Free Foundation</mark>" in shown[0]


def test_one_year_has_no_comparison(tables):
    session = sorted(tables["sessions"].loc[tables["sessions"]["year"] == "2018", "session_id"])[0]
    at = _run(session=session)
    assert any("two years" in info.value for info in at.info)


def test_only_the_open_year_tab_draws_its_table(tables):
    actors, edges = network.compare_years(tables, View(), "2017", "2018")
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["year-tables"] = True  # the year-by-year tables, opened
    at.run()
    assert len(at.dataframe[0].value) == len(actors) and "actor_id" in at.dataframe[0].value.columns
    assert not any("source" in d.value.columns for d in at.dataframe)
    at.session_state["year-tabs"] = "Pairs"
    at.run()
    assert len(at.dataframe[0].value) == len(edges) and "source" in at.dataframe[0].value.columns
    assert not any("actor_id" in d.value.columns for d in at.dataframe)


def test_the_pairs_table_keeps_one_label_whatever_the_view():
    # Streamlit keys an expander's open state by its label: a count in it would close the table on a change
    labels = {e.label for view in ({}, {"kind": "all", "min_weight": "2"}) for e in _run(**view).expander}
    assert "Every pair of the view as a table" in labels
    assert not any("pairs)" in label for label in labels)


def test_a_click_on_a_node_or_a_pair_shows_its_sentences(tables):
    at = _run()
    click_pick(at, "network", item=network.node_item("walkfree"))
    assert at.selectbox(key="pick").value == network.node_item("walkfree")
    shown = [text for text, _ in evidence_shown(at)]
    assert shown and all("<mark>Walk Free Foundation</mark>" in text for text in shown)
    assert '#d62728" stroke-width="3" tabindex="0" role="button" data-pick="{&quot;item&quot;: &quot;n:walkfree' \
        in clickable_html(at)  # ringed on the drawing
    pair = network.edge_item("ilo", "walkfree")
    click_pick(at, "network", item=pair)
    assert at.selectbox(key="pick").value == pair and len(evidence_shown(at)) == 1
    at.selectbox(key="pick").set_value(network.node_item("ilo")).run()  # the picker wins over an old click
    click_pick(at, "network", item=pair)  # the same pair, clicked again
    assert at.selectbox(key="pick").value == pair


def test_a_click_on_an_unknown_item_changes_nothing():
    at = _run()
    click_pick(at, "network", item="n:<script>")
    assert not at.exception and at.selectbox(key="pick").value == ""
