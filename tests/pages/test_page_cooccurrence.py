"""AppTest of the Theme co-occurrence page: the grid, the cell from the URL, the pickers or a click,
the cell's sentences, units and measures, filters (including ones that leave nothing), hostile and
unknown URL values."""

import pytest

from apptest_helpers import click_pick, clickable_html, evidence_shown, page_path, picks, run_page

import idm_data
from idm_data.views import cooccurrence as co
from idm_data.views import filters as f

PAGE = page_path("cooccurrence")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params):
    return run_page(PAGE, **params)


def cell(at) -> tuple[str, str]:
    return at.selectbox(key="cell_a").value, at.selectbox(key="cell_b").value


def grid_points(at) -> int:
    """The squares of the grid: one per pair coded together, the chosen one outlined."""
    html = clickable_html(at)
    assert html.count('class="idm-chosen"') == 1
    found = picks(html)
    assert len({(p["theme_a"], p["theme_b"]) for p in found}) == len(found)
    return len(found)


def test_default_cell_is_the_pair_most_often_together(tables):
    at = run()
    pairs = co.pairs(tables, tables, "sentence")
    assert cell(at) == co.default_cell(pairs, "n_both") == ('gcm-23', 'partnerships')
    shown = evidence_shown(at)
    assert len(shown) == min(co.cell(pairs, *cell(at))["n_both"], 25)
    assert all("<mark>" in text for text, _ in shown)  # both themes' words (they may overlap)
    assert grid_points(at) == len(pairs)
    assert dict(at.query_params) == {"cell_a": 'gcm-23', "cell_b": 'partnerships'}
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download the co-occurrence table (CSV)", "Download the co-occurrence table (JSON)",
        "Download these sentences (CSV)", "Download these sentences (JSON)"]


def test_cell_from_the_url_and_the_pickers(tables):
    at = run(cell_a="partnerships", cell_b="whole-of-society")
    assert len(evidence_shown(at)) == 20
    at.selectbox(key="cell_b").set_value("local-governance").run()
    assert (at.query_params["cell_a"], at.query_params["cell_b"]) == ("partnerships", "local-governance")
    expected = co.cell_evidence(tables, tables, "sentence", "partnerships", "local-governance")
    assert [source.split("<code>")[1][:-7] for _, source in evidence_shown(at)] == list(expected["sentence_id"])


def test_grid_click_chooses_the_cell():
    at = click_pick(run(), "cooccurrence-grid", theme_a="gcm-01", theme_b="migration-data")
    assert not at.exception and cell(at) == ("gcm-01", "migration-data")
    assert (at.query_params["cell_a"], at.query_params["cell_b"]) == ("gcm-01", "migration-data")
    assert 'data-pick="{&quot;theme_a&quot;: &quot;gcm-01&quot;, &quot;theme_b&quot;: &quot;migration-data&quot;}" ' \
           'class="idm-chosen"' in clickable_html(at)
    at.run()  # the click is spent: the cell stays chosen
    assert cell(at) == ("gcm-01", "migration-data")
    at = click_pick(at, "cooccurrence-grid", theme_a="gcm-01", theme_b="no-such-theme")
    assert not at.exception and cell(at) == ("gcm-01", "migration-data")


@pytest.mark.parametrize("unit, measure", [("paragraph", "n_both"), ("sentence", "jaccard"), ("paragraph", "jaccard")])
def test_units_and_measures(tables, unit, measure):
    at = run(unit=unit, measure=measure)
    pairs = co.pairs(tables, tables, unit)
    assert cell(at) == co.default_cell(pairs, measure)
    expected = co.cell_evidence(tables, tables, unit, *cell(at))
    assert len(evidence_shown(at)) == min(len(expected), 25)
    assert grid_points(at) == len(pairs)


def test_family_restricts_the_grid(tables):
    at = run(family="cross_cutting")
    cross = set(tables["themes"].loc[tables["themes"]["family"] == "cross_cutting", "theme_id"])
    themes = co.grid_themes(co.pairs(tables, tables, "sentence", "cross_cutting"))
    assert set(themes) <= cross and at.selectbox(key="cell_a").options == list(themes.values())


def test_a_theme_filter_keeps_its_sentences(tables):
    at = run(theme="gcm-07", session="idm-2017-2")
    view = f.apply(tables, f.Filters(sessions=("idm-2017-2",), themes=("gcm-07",)))
    assert grid_points(at) == len(co.pairs(tables, view, "sentence"))
    ids = {source.split("<code>")[1][:-7] for _, source in evidence_shown(at)}
    assert ids and ids <= set(view["sentences"]["sentence_id"])


@pytest.mark.parametrize("params", [{"theme": "people-centred", "session": "idm-2018-1"},
                                    {"theme": "people-centred", "doc_type": "summary_of_conclusions", "session": "idm-2018-1"}])
def test_filters_that_leave_nothing(params):
    at = run(**params)
    assert any(i.value.startswith("No two themes shown are coded in the same sentence") for i in at.info)
    assert len(at.get("bidi_component")) == 0


HOSTILE = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "gcm-07\u0000", "' OR 1=1 --", "gcm-07"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_and_unknown_url_values(value):
    at = run(unit=value, measure=value, family=value, cell_a=value, cell_b=value, other=value)
    assert (at.selectbox(key="unit").value, at.selectbox(key="measure").value) == ("sentence", "n_both")
    assert at.selectbox(key="cell_b").value != at.selectbox(key="cell_a").value
    assert set(at.query_params) == {"cell_a", "cell_b"}  # the cell shown, named in the URL
    shown = [e.value for e in list(at.markdown) + list(at.info) + list(at.caption) + list(at.subheader)]
    assert all("<script" not in v and "](javascript" not in v for v in shown)
