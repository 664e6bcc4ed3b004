"""ui.charts.countries: the world map of mentions as SVG, the click on it, and the outline's countries."""

import json
import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

import idm_data
from chart_cases import HOSTILE
from idm_data.views import actors
from ui.charts import countries as charts
from ui.escape import html_text

OUTLINE = Path(__file__).resolve().parents[2] / "static" / "world_110m.json"


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


@pytest.fixture(scope="module")
def shapes():
    return charts.outline(OUTLINE)


def summary(names: dict[str, str], mentions: list[int] | None = None) -> pd.DataFrame:
    counts = mentions or [1] * len(names)
    return pd.DataFrame({"iso3": list(names), "country": list(names.values()), "n_mentions": counts,
                         "n_documents": 1, "n_sessions": 1, "sessions": "idm-2017-1", "first_sentence_id": "s"})


def named(html: str) -> dict[str, str]:
    """Fill colour of each clickable country, by ISO3."""
    return {json.loads(unescape(pick))["iso3"]: fill
            for fill, pick in re.findall(r'fill="(#[0-9a-f]{6})" tabindex="0" role="button" data-pick="([^"]*)"', html)}


def test_outline_draws_the_corpus_countries_but_the_holy_see(tables):
    drawn = charts.outline_ids(OUTLINE)
    assert {"MEX", "SYR", "ECU", "KOR", "RUS", "FJI"} <= drawn and len(drawn) > 150 and "ATA" not in drawn
    missing = actors.off_map(actors.country_summary(tables), drawn)
    assert missing["iso3"].tolist() == ["VAT"]


@pytest.mark.parametrize("lon, lat", [(-180, 0), (180, 0), (0, 84), (0, -57), (-78.5, -0.2), (37.6, 55.8)])
def test_every_point_of_the_frame_falls_in_the_view_box(shapes, lon, lat):
    x, y = charts._fit()(lon, lat)
    assert -0.01 <= x <= charts.WIDTH + 0.01 and -0.01 <= y <= shapes.height + 0.01


def test_the_projection_is_natural_earth():
    assert charts.natural_earth(0, 0) == (0, 0)
    x, y = charts.natural_earth(180, 0)
    assert x == pytest.approx(2.7353, abs=1e-3) and y == 0  # d3.geoNaturalEarth1Raw(π, 0)
    assert charts.natural_earth(0, 90)[1] == pytest.approx(1.4224, abs=1e-3)


def test_a_ring_across_the_antimeridian_is_drawn_on_both_sides():
    parts = charts._unwrapped([(179.0, 60.0), (-179.0, 60.0), (-179.0, 61.0), (179.0, 61.0)])
    assert [lon for lon, _ in parts[0]] == [179.0, 181.0, 181.0, 179.0]
    assert [lon for lon, _ in parts[1]] == [-181.0, -179.0, -179.0, -181.0]
    assert charts._unwrapped([(10.0, 0.0), (11.0, 1.0)]) == [[(10.0, 0.0), (11.0, 1.0)]]


def test_the_map_shades_named_countries_and_outlines_the_chosen_one(tables, shapes):
    countries = actors.country_summary(tables)
    html = charts.map_html(countries, "ECU", shapes)
    on_map = countries[countries["iso3"].isin(charts.outline_ids(OUTLINE))]
    fills = named(html)
    assert set(fills) == set(on_map["iso3"])
    assert fills[on_map.iloc[0]["iso3"]] == charts.MENTION_COLOURS[-1]  # the most named, darkest
    assert html.count('class="idm-chosen"') == 1 and html.count(f'fill="{charts.LAND}"') == len(shapes.shapes) - len(fills)
    assert "http" not in html.replace("http://www.w3.org", "")  # nothing fetched: the outline is drawn here


@pytest.mark.parametrize("mentions", [[1], [3, 3], [1, 9]])
def test_one_colour_scale_whatever_the_counts(shapes, mentions):
    names = dict(list({"MEX": "Mexico", "ECU": "Ecuador"}.items())[:len(mentions)])
    html = charts.map_html(summary(names, mentions), None, shapes)
    fills = named(html)
    assert fills["MEX"] == charts.MENTION_COLOURS[0] and 'class="idm-chosen"' not in html
    if len(set(mentions)) > 1:
        assert fills["ECU"] == charts.MENTION_COLOURS[-1]


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_are_escaped(shapes, name):
    html = charts.map_html(summary({"MEX": name}), "MEX", shapes).split("</style>", 1)[1]
    assert "<img" not in html and "<script" not in html and "<b>" not in html and html_text(name) in html


@pytest.mark.parametrize("value, expected", [
    ({"iso3": "MEX"}, "MEX"), ({"iso3": "ZZZ"}, None), ({"iso3": None}, None), ({"id": "MEX"}, None),
    ("MEX", None), (None, None), ({"iso3": ["MEX"]}, None)])
def test_picked_country(value, expected):
    assert charts.picked_country(value, {"MEX": "Mexico", "ECU": "Ecuador"}) == expected
