"""AppTest for app_pages/countries.py: the map, its offline outline, the table and the country picker."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read, click_pick, clickable_html, page_text, picks, run_page

import idm_data
from idm_data.views import actors
from idm_data.views.filters import Filters, apply

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "countries.py")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params) -> AppTest:
    return run_page(PAGE, **params)


def mapped(at: AppTest) -> list[str]:
    """The countries a click on the map can pick (the named ones), in the outline's order."""
    return [pick["iso3"] for pick in picks(clickable_html(at))] if at.get("bidi_component") else []


def outlined(at: AppTest) -> int:
    return clickable_html(at).count('class="idm-chosen"')


def param(at: AppTest, key: str) -> list[str]:
    """A URL parameter's values (AppTest gives a lone value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def test_default_view_maps_every_country_offline(tables):
    at = run()
    countries = actors.country_summary(tables)
    assert set(mapped(at)) == set(countries["iso3"]) - {"VAT"}  # every country with a shape at 1:110m
    assert "<path" in clickable_html(at) and "cdn" not in clickable_html(at)  # drawn here, nothing fetched
    assert outlined(at) == 0  # nothing chosen
    assert at.selectbox[0].value == ""
    assert not at.dataframe  # the table waits for its expander
    assert f'<span class="idm-value">{len(countries)}</span><span class="idm-label">Countries named' in page_text(at)
    assert "<mark>" not in page_text(at)
    assert any("Holy See" in c.value for c in at.caption)  # no shape at 1:110m


def test_country_in_url_lists_its_sentences(tables):
    at = run(country="ECU")
    assert at.selectbox[0].value == "ECU"
    assert param(at, "country") == ["ECU"]
    expected = tables["country_mentions"].query("iso3 == 'ECU'")["sentence_id"].nunique()
    assert f"in {expected} sentence(s)" in page_text(at)
    assert page_text(at).count("<mark>Ecuador</mark>") == expected
    assert outlined(at) == 1 and 'idm-chosen" d="' in clickable_html(at)


@pytest.mark.parametrize("bogus", ["XXX", "ecu", "ECU' OR 1=1"])
def test_bogus_country_is_dropped(bogus):
    at = run(country=bogus)
    assert at.selectbox[0].value == ""
    assert "country" not in at.query_params
    assert "<mark>" not in page_text(at)


def test_repeated_country_keeps_the_first():
    at = run(country=["MEX", "ECU"])
    assert at.selectbox[0].value == "MEX"
    assert param(at, "country") == ["MEX"]


def test_country_outside_the_filters_is_dropped(tables):
    assert "COL" not in set(apply(tables, Filters(sessions=("idm-2018-1",)))["country_mentions"]["iso3"])
    at = run(session=["idm-2018-1"], country="COL")
    assert at.selectbox[0].value == ""
    assert "country" not in at.query_params


def test_session_filter_restricts_the_map(tables):
    at = run(session=["idm-2017-2"])
    expected = actors.country_summary(apply(tables, Filters(sessions=("idm-2017-2",))))
    assert set(mapped(at)) == set(expected["iso3"]) - {"VAT"}
    assert param(at, "session") == ["idm-2017-2"]


def test_doc_type_filter_restricts_the_table(tables):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["doc_type"] = ["closing_remarks"]
    at.session_state["countries-table"] = True  # the table, opened
    at.run()
    expected = actors.country_summary(apply(tables, Filters(doc_types=("closing_remarks",))))
    assert at.dataframe[0].value["iso3"].tolist() == expected["iso3"].tolist()
    assert at.dataframe[0].value["n_mentions"].sum() == expected["n_mentions"].sum()


def test_choosing_a_country_writes_the_url():
    at = run()
    at.selectbox[0].set_value("MEX").run()
    assert not at.exception
    assert param(at, "country") == ["MEX"]
    assert "<mark>Mexico</mark>" in page_text(at)


def test_unknown_parameters_are_dropped():
    at = run(cell="x", foo="bar", country="MEX")
    assert set(at.query_params) == {"country"}


def test_no_country_in_the_filters_shows_no_data(tables):
    empty = next(t for t in tables["themes"]["theme_id"]
                 if apply(tables, Filters(sessions=("idm-2017-2",), themes=(t,)))["country_mentions"].empty)
    at = run(session=["idm-2017-2"], theme=[empty], country="MEX")
    assert not mapped(at)
    assert any("No data for countries" in i.value for i in at.info)
    assert "country" not in at.query_params


def test_a_click_on_the_map_chooses_the_country():
    at = run()
    click_pick(at, "world_map", iso3="MEX")
    assert at.selectbox[0].value == "MEX" and param(at, "country") == ["MEX"]
    assert "<mark>Mexico</mark>" in page_text(at) and outlined(at) == 1
    at.selectbox[0].set_value("ECU").run()  # the picker wins over an old click
    click_pick(at, "world_map", iso3="MEX")  # the same country, clicked again
    assert at.selectbox[0].value == "MEX"


@pytest.mark.parametrize("clicked", [{"iso3": None}, {"iso3": "ZZZ"}, {"id": "MEX"}])
def test_a_click_on_a_country_not_named_changes_nothing(clicked):
    at = run(country="ECU")
    click_pick(at, "world_map", **clicked)
    assert not at.exception and at.selectbox[0].value == "ECU"


# --- from the accessibility and safety work (issues 13 and 10) ---





@pytest.mark.parametrize("session", [None, "idm-2017-2"])
def test_the_map_has_a_summary_in_words_and_its_data_a_click_away(tables, session):
    params = {"session": [session]} if session else {}
    at = run(**params)
    shown = actors.country_summary(apply(tables, Filters(sessions=(session,) if session else ())))
    top = shown.iloc[0]
    [summary] = [as_read(c.value) for c in at.caption if c.value.startswith("In words:")]
    assert summary.startswith(f"In words: {len(shown)} countries named, {shown['n_mentions'].sum()} mentions in all")
    assert f"the most: {top['country']} ({top['n_mentions']} mentions)" in summary
    assert "Every country as a table" in [e.label for e in at.expander]  # the map's data, one click away
