"""The Countries page's world map, from `actors.country_summary`: countries shaded by mentions, the chosen
one outlined; the reading of a click on it; and the outline's own list of countries.

The outline is Natural Earth at 1:110m as TopoJSON (`static/world_110m.json`, served by Streamlit at
`app/static/`), so the map needs no internet. Countries it cannot draw (too small at that scale) are
listed by the page under the map.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ui.charts.labels import LABEL_PX
from ui.charts.vega import TOOLTIP_OFF, chart, point_selection, selected_rows, title

OUTLINE_URL = "app/static/world_110m.json"
OUTLINE_FEATURE = "countries"
MAP_PARAM = "country"
HEIGHT = 420
LAND, BORDER, CHOSEN = "#f3f3f3", "#9a9a9a", "#d62728"
MENTION_COLOURS = ["#c6dbef", "#4292c6", "#08306b"]  # a country named once stands out from the grey land
ANTARCTICA = "ATA"  # left out: more room for the rest
MAP_COLUMNS = ["iso3", "country", "n_mentions", "n_documents", "n_sessions", "sessions"]
TOOLTIP = [{"field": "country", "title": "Country"}, {"field": "iso3", "title": "ISO3"},
           {"field": "n_mentions", "title": "Mentions"}, {"field": "n_documents", "title": "Documents"},
           {"field": "n_sessions", "title": "Sessions"}, {"field": "sessions", "title": "Session ids"}]


@lru_cache(maxsize=4)
def outline_ids(path: str | Path) -> frozenset[str]:
    """ISO3 codes that have a shape in a TopoJSON world outline."""
    with Path(path).open(encoding="utf-8") as handle:
        geometries = json.load(handle)["objects"][OUTLINE_FEATURE]["geometries"]
    return frozenset(g["id"] for g in geometries if g.get("id"))


def map_spec(countries: pd.DataFrame, chosen_iso3: str | None) -> dict:
    """Every country of the outline, shaded by its mentions in `countries` (grey if none), the chosen one
    outlined in red. A click on a named country selects its `iso3` in MAP_PARAM."""
    mentioned = countries[MAP_COLUMNS].assign(chosen=countries["iso3"] == (chosen_iso3 or ""))
    low, high = int(mentioned["n_mentions"].min()), int(mentioned["n_mentions"].max())
    shapes = {"url": OUTLINE_URL, "format": {"type": "topojson", "feature": OUTLINE_FEATURE}}
    joined = [{"filter": {"not": {"field": "id", "equal": ANTARCTICA}}},
              {"lookup": "id", "from": {"data": {"name": "countries"}, "key": "iso3",
                                        "fields": MAP_COLUMNS + ["chosen"]}}]
    shade = {"field": "n_mentions", "type": "quantitative", "title": "Mentions",
             "scale": {"domain": [low, max(high, low + 1)], "range": MENTION_COLOURS},
             "legend": {"orient": "left", "direction": "vertical", "gradientLength": 140, "labelFontSize": LABEL_PX}}
    return chart(
        {"countries": mentioned}, data=shapes, transform=joined, autosize={"type": "fit-x", "contains": "padding"},
        height=HEIGHT, projection={"type": "naturalEarth1"},
        title=title("Mentions of each country in the texts", "Click a country to read its sentences."),
        layer=[{"mark": {"type": "geoshape", "fill": LAND, "stroke": BORDER, "strokeWidth": 0.5,
                         "tooltip": TOOLTIP_OFF}},
               {"transform": [{"filter": {"field": "n_mentions", "valid": True}}],
                "params": [point_selection(MAP_PARAM, ["iso3"])],
                "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.5, "cursor": "pointer"},
                "encoding": {"color": shade, "tooltip": TOOLTIP}},
               {"transform": [{"filter": {"field": "chosen", "equal": True}}],
                "mark": {"type": "geoshape", "fill": None, "stroke": CHOSEN, "strokeWidth": 2.5,
                         "tooltip": TOOLTIP_OFF}}])


def picked_country(selection, known) -> str | None:
    """The ISO3 code of the country a click on the map chose, if it is one of `known`."""
    for row in selected_rows(selection, MAP_PARAM):
        if row.get("iso3") in set(known):
            return row["iso3"]
    return None
