"""ui.charts.countries: the world map of mentions, the click on it, and the outline's countries."""

from pathlib import Path

import pandas as pd
import pytest

import idm_data
from chart_cases import HOSTILE, without_data
from idm_data.views import actors
from ui.charts import countries as charts

OUTLINE = Path(__file__).resolve().parents[2] / "static" / "world_110m.json"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def summary(names: dict[str, str], mentions: list[int] | None = None) -> pd.DataFrame:
    counts = mentions or [1] * len(names)
    return pd.DataFrame({"iso3": list(names), "country": list(names.values()), "n_mentions": counts,
                         "n_documents": 1, "n_sessions": 1, "sessions": "idm-2017-1", "first_sentence_id": "s"})


def test_outline_draws_the_corpus_countries_but_the_holy_see(tables):
    drawn = charts.outline_ids(OUTLINE)
    assert {"MEX", "SYR", "ECU", "KOR"} <= drawn and len(drawn) > 150
    missing = actors.off_map(actors.country_summary(tables), drawn)
    assert missing["iso3"].tolist() == ["VAT"]


def test_the_map_reads_its_outline_offline_and_joins_the_counts(tables):
    countries = actors.country_summary(tables)
    spec = charts.map_spec(countries, "ECU")
    assert spec["data"]["url"] == "app/static/world_110m.json"  # served by Streamlit from static/, no CDN
    lookup = next(step for step in spec["transform"] if "lookup" in step)
    assert lookup["from"]["key"] == "iso3" and lookup["lookup"] == "id"
    joined = spec["datasets"]["countries"]
    assert joined["iso3"].tolist() == countries["iso3"].tolist()
    assert joined.loc[joined["chosen"], "iso3"].tolist() == ["ECU"]
    assert spec["layer"][1]["params"][0]["name"] == charts.MAP_PARAM


@pytest.mark.parametrize("mentions", [[1], [3, 3], [1, 9]])
def test_one_colour_scale_whatever_the_counts(mentions):
    names = dict(zip(["MEX", "ECU"], ["Mexico", "Ecuador"]))
    spec = charts.map_spec(summary(dict(list(names.items())[:len(mentions)]), mentions), None)
    low, high = spec["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert low == min(mentions) and high == max(max(mentions), low + 1)
    assert not spec["datasets"]["countries"]["chosen"].any()


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_travel_as_data_never_as_code(name):
    spec = charts.map_spec(summary({"MEX": name}), "MEX")
    assert name not in without_data(spec) and spec["datasets"]["countries"]["country"].tolist() == [name]


@pytest.mark.parametrize("selection, expected", [
    ({"country": [{"iso3": "MEX"}]}, "MEX"), ({"country": [{"iso3": None}, {"iso3": "ECU"}]}, "ECU"),
    ({"country": [{"iso3": "ZZZ"}]}, None), ({"country": [{"id": "MEX"}]}, None), ({"country": []}, None),
    ({"other": [{"iso3": "MEX"}]}, None), (None, None), ("MEX", None)])
def test_picked_country(selection, expected):
    assert charts.picked_country(selection, {"MEX": "Mexico", "ECU": "Ecuador"}) == expected
