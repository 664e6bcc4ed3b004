"""The Countries page's world map, from `actors.country_summary`: countries shaded by mentions, the chosen
one outlined; the reading of a click on it; and the outline's own list of countries.

The map is SVG written here from Natural Earth's 1:110m outline (TopoJSON, `static/world_110m.json`),
projected with the Natural Earth projection and cut at 57°S and 84°N (Antarctica left out: more room for the
rest), so it needs no chart library and no internet. Countries too small for the outline are listed by the
page under the map. Every named country carries its hover text and a `data-pick` for `ui.clickable`; every
stored string is escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from math import radians
from pathlib import Path

import pandas as pd

from ui.charts.html import block, heading
from ui.escape import html_text, pick_attribute

OUTLINE_FEATURE = "countries"
WIDTH = 800  # the view box's width; the browser scales the map to its column
MAX_SHOWN_PX = 960
LAT_RANGE = (-57.0, 84.0)
ANTARCTICA = "ATA"
LAND = "#f3f3f3"
MENTION_COLOURS = ["#c6dbef", "#4292c6", "#08306b"]  # a country named once stands out from the grey land
TOPOLOGY_CACHE = 2


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič et al. 2011, as d3's geoNaturalEarth1) of a point in degrees."""
    lam, phi = radians(lon), radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]  # a negative index is the arc reversed
        out.extend(points if not out else points[1:])
    return out


def _unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring with continuous longitudes; one crossing the antimeridian is given again 360° over, so the
    sphere's clip shows each part on its own side."""
    out, shift = [ring[0]], 0.0
    for (lon0, _), (lon, lat) in zip(ring, ring[1:]):
        shift += -360.0 if lon - lon0 > 180 else 360.0 if lon0 - lon > 180 else 0.0
        out.append((lon + shift, lat))
    lons = [lon for lon, _ in out]
    copy = -360.0 if max(lons) > 180 else 360.0 if min(lons) < -180 else 0.0
    return [out] + ([[(lon + copy, lat) for lon, lat in out]] if copy else [])


@dataclass(frozen=True)
class Outline:
    """The projected map: its view box's height, the sphere's outline and each country's path, in view box units."""
    height: float
    sphere: str
    shapes: tuple[tuple[str, str], ...]  # (ISO3, SVG path data)


def _fit():
    """Projected point -> view box point, the frame (±180°, LAT_RANGE) filling WIDTH."""
    x0, _ = natural_earth(-180, 0)
    x1, _ = natural_earth(180, 0)
    _, y_top = natural_earth(0, LAT_RANGE[1])
    scale = WIDTH / (x1 - x0)
    return lambda lon, lat: ((natural_earth(lon, lat)[0] - x0) * scale, (y_top - natural_earth(lon, lat)[1]) * scale)


def _path(rings: list[list[tuple[float, float]]], to_view) -> str:
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            x, y = to_view(lon, lat)
            point = f"{x:.1f} {y:.1f}"
            if not points or points[-1] != point:
                points.append(point)
        parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def _sphere(to_view) -> str:
    low, high = LAT_RANGE
    edge = [(-180.0, low + (high - low) * i / 40) for i in range(41)]
    edge += [(180.0, lat) for _, lat in reversed(edge)]
    return _path([edge], to_view)


@lru_cache(maxsize=TOPOLOGY_CACHE)
def outline(path: str | Path) -> Outline:
    """The projected countries of a TopoJSON world outline (read once per file)."""
    with Path(path).open(encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs, to_view = _arcs(topology), _fit()
    shapes = []
    for geometry in topology["objects"][OUTLINE_FEATURE]["geometries"]:
        if not geometry.get("id") or geometry["id"] == ANTARCTICA or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [part for polygon in polygons for ring in polygon for part in _unwrapped(_ring(ring, arcs))]
        shapes.append((geometry["id"], _path(rings, to_view)))
    _, bottom = to_view(0, LAT_RANGE[0])
    return Outline(round(bottom, 1), _sphere(to_view), tuple(shapes))


def outline_ids(path: str | Path) -> frozenset[str]:
    """ISO3 codes that have a shape on the map."""
    return frozenset(iso3 for iso3, _ in outline(path).shapes)


def shade(n: float, low: float, high: float) -> str:
    """The colour of a country named `n` times, between the fewest (`low`) and the most (`high`) mentions."""
    share = 0.0 if high <= low else (n - low) / (high - low)
    position = min(max(share, 0.0), 1.0) * (len(MENTION_COLOURS) - 1)
    i = min(int(position), len(MENTION_COLOURS) - 2)
    part = position - i
    a, b = MENTION_COLOURS[i], MENTION_COLOURS[i + 1]
    return "#" + "".join(f"{round((1 - part) * int(a[k:k + 2], 16) + part * int(b[k:k + 2], 16)):02x}" for k in (1, 3, 5))


def _named(iso3: str, d: str, row, low: int, high: int) -> str:
    hover = (f"{row.country} ({iso3})\n{row.n_mentions} mention(s) in {row.n_documents} document(s)\n"
             f"Sessions: {row.n_sessions} ({row.sessions})")
    pick = pick_attribute({"iso3": iso3})
    return (f'<path d="{d}" fill="{shade(row.n_mentions, low, high)}" tabindex="0" role="button" '
            f'{pick}><title>{html_text(hover)}</title></path>')


def map_html(countries: pd.DataFrame, chosen_iso3: str | None, shapes: Outline) -> str:
    """Every country of `shapes`, shaded by its mentions in `countries` (grey if none), the chosen one outlined
    in red. A click on a named country picks {"iso3": ...} (see `ui.clickable`)."""
    named = {row.iso3: row for row in countries.itertuples()}
    low, high = (int(countries["n_mentions"].min()), int(countries["n_mentions"].max())) if len(countries) else (0, 0)
    paths = "".join(_named(iso3, d, named[iso3], low, high) if iso3 in named else f'<path d="{d}" fill="{LAND}"/>'
                    for iso3, d in shapes.shapes)
    chosen = "".join(f'<path class="idm-chosen" d="{d}"/>' for iso3, d in shapes.shapes if iso3 == chosen_iso3)
    svg = (f'<svg viewBox="0 0 {WIDTH} {shapes.height}" width="100%" style="max-width: {MAX_SHOWN_PX}px" '
           f'role="group" aria-label="{len(named)} countries named; choose one to read its sentences">'
           f'<defs><clipPath id="idm-sphere"><path d="{shapes.sphere}"/></clipPath></defs>'
           f'<path class="idm-sea" d="{shapes.sphere}"/><g class="idm-land" clip-path="url(#idm-sphere)">{paths}'
           f"{chosen}</g></svg>")
    scale = (f'<div class="idm-legend"><span class="idm-legend-title">Mentions</span><span>{low}</span>'
             f'<span class="idm-ramp" style="background: linear-gradient(to right, {", ".join(MENTION_COLOURS)})">'
             f'</span><span>{high}</span><span class="idm-legend-item"><span class="idm-key idm-land-key"></span>'
             "not named</span></div>")
    return block("idm-map", heading("Mentions of each country in the texts", "Click a country to read its sentences.")
                 + scale + svg)


def picked_country(value, known) -> str | None:
    """The ISO3 code of the country a click on the map picked, if it is one of `known`."""
    iso3 = value.get("iso3") if isinstance(value, dict) else None
    return iso3 if isinstance(iso3, str) and iso3 in set(known) else None
