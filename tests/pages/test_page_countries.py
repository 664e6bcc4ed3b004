"""AppTest for app_pages/countries.py: the map, its offline outline, the table and the country picker."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import as_read, page_text, run_page

import idm_data
from idm_data.views import actors
from idm_data.views.filters import Filters, apply

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "countries.py")


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def run(**params) -> AppTest:
    return run_page(PAGE, **params)


def chart(at: AppTest) -> tuple[dict, dict]:
    """The map's figure and its plotly config, as the browser receives them."""
    [element] = at.get("plotly_chart")
    return json.loads(element.proto.spec), json.loads(element.proto.config)


def values(array) -> list:
    """A plotly data array, decoded if plotly sent it as typed binary."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def param(at: AppTest, key: str) -> list[str]:
    """A URL parameter's values (AppTest gives a lone value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def test_default_view_maps_every_country_offline(tables):
    at = run()
    spec, config = chart(at)
    countries = actors.country_summary(tables)
    assert config["topojsonURL"] == "app/static/"  # no CDN: the outline is served from static/
    base, outline = spec["data"]
    assert base["type"] == "choropleth" and base["locationmode"] == "ISO-3"
    assert sorted(base["locations"]) == sorted(countries["iso3"])
    mentions = dict(zip(base["locations"], values(base["z"])))
    assert mentions == dict(zip(countries["iso3"], countries["n_mentions"]))
    assert outline["locations"] == []  # nothing chosen
    geo = spec["layout"]["geo"]
    assert geo["projection"]["type"] == "natural earth" and geo["fitbounds"] is False and geo["showcountries"]
    assert at.selectbox[0].value == ""
    assert at.dataframe[0].value["iso3"].tolist() == countries["iso3"].tolist()
    assert "<mark>" not in page_text(at)
    assert any("Holy See" in c.value for c in at.caption)  # no shape at 1:110m


def test_country_in_url_lists_its_sentences(tables):
    at = run(country="ECU")
    assert at.selectbox[0].value == "ECU"
    assert param(at, "country") == ["ECU"]
    expected = tables["country_mentions"].query("iso3 == 'ECU'")["sentence_id"].nunique()
    assert f"in {expected} sentence(s)" in page_text(at)
    assert page_text(at).count("<mark>Ecuador</mark>") == expected
    assert chart(at)[0]["data"][1]["locations"] == ["ECU"]  # the chosen country is outlined


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
    spec, _ = chart(at)
    assert sorted(spec["data"][0]["locations"]) == sorted(expected["iso3"])
    assert param(at, "session") == ["idm-2017-2"]


def test_doc_type_filter_restricts_the_table(tables):
    at = run(doc_type=["closing_remarks"])
    expected = actors.country_summary(apply(tables, Filters(doc_types=("closing_remarks",))))
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
    assert not at.get("plotly_chart")
    assert any("No data for countries" in i.value for i in at.info)
    assert "country" not in at.query_params


@pytest.mark.parametrize("session", [None, "idm-2017-2"])
def test_the_map_has_a_summary_in_words_and_its_data_a_click_away(tables, session):
    params = {"session": [session]} if session else {}
    at = run(**params)
    shown = actors.country_summary(apply(tables, Filters(sessions=(session,) if session else ())))
    top = shown.iloc[0]
    [summary] = [as_read(c.value) for c in at.caption if c.value.startswith("In words:")]
    assert summary.startswith(f"In words: {len(shown)} countries named, {shown['n_mentions'].sum()} mentions in all")
    assert f"the most: {top['country']} ({top['n_mentions']} mentions)" in summary
    assert "The chart's data as a table" in [e.label for e in at.expander]
