"""The theme co-occurrence grid as HTML: theme × theme, one square per pair coded together.

A pure figure builder (pairs table in, HTML out; `idm_data.views.cooccurrence.pairs` makes the table), drawn
like the Themes page's grid (`ui.charts.themes`: the same colours, column headers and cell buttons) and shown
by `ui.clickable`: no chart library to load, the browser lays the labels out, and every square is a button
whose `data-pick` is its {"theme_a", "theme_b"}. The squares (up to 41 × 40) stay out of the tab order: the
keyboard reaches the grid itself (it scrolls) and picks a cell with the two pickers beside it. A pair never
coded together is an empty cell. Every stored string is escaped.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from idm_data.views import cooccurrence
from ui.charts import html
from ui.charts.html import block, column_headers, heading
from ui.charts.labels import VALUE_PX, distinct, text_px
from ui.charts.themes import BLUES, DARK_INK, DARK_SHARE, LIGHT_INK, ROW_LABEL_CHARS, ROW_PX, WRAP_FROM_PX, blue, \
    column_px
from ui.escape import html_text, pick_attribute

MEASURE_TITLES = {"n_both": "Coded with both", "jaccard": "Jaccard index"}
COLUMN_CHARS = 18


def _value_text(value: float, measure: str) -> str:
    return f"{value:.2f}".lstrip("0") if measure == "jaccard" else str(int(value))


def column_label(text: str) -> str:
    """A column's label kept short: "GCM 7" for an objective, else the label itself (cut by `distinct`)."""
    return text.split(":")[0] if text.startswith("GCM ") and ":" in text else text


def _pick(theme_a: str, theme_b: str) -> str:
    return pick_attribute({"theme_a": theme_a, "theme_b": theme_b})


def _hover(r: dict, unit_label: str) -> str:
    return (f"{r['label_a']}\nand {r['label_b']}\n{unit_label} coded with both: {r['n_both']}\n"
            f"with the first: {r['n_a']}; with the second: {r['n_b']}\nJaccard index: {r['jaccard']:.3f}")


def grid_html(pairs: pd.DataFrame, themes: dict[str, str], measure: str, unit_label: str = "Sentences") -> str:
    """The grid of `pairs` (ordered pairs, both ways round) over `themes` (id -> label, in order, rows and
    columns alike), coloured and written by `measure`; no cell chosen (see `mark_chosen`)."""
    ids = list(themes)
    width = column_px(len(ids))
    values = pairs[measure].astype(float)
    top = float(values.max()) if len(values) else 0.0
    written = all(text_px(_value_text(v, measure), VALUE_PX) <= width - 4 for v in values)
    cells = {(r["theme_a"], r["theme_b"]): r for r in pairs.to_dict("records")}
    rows = []
    for theme_a, row_label in zip(ids, distinct([themes[t] for t in ids], ROW_LABEL_CHARS)):
        tds = []
        for theme_b in ids:
            r = cells.get((theme_a, theme_b))
            if r is None:
                tds.append("<td></td>")
                continue
            value = float(r[measure])
            ink = LIGHT_INK if top and value > DARK_SHARE * top else DARK_INK
            text = html_text(_value_text(value, measure)) if written else ""
            tds.append(f'<td><button type="button" tabindex="-1" {_pick(theme_a, theme_b)} style="background:'
                       f'{blue(value / top if top else 0.0)};color:{ink}" title="{html_text(_hover(r, unit_label))}">'
                       f"{text}</button></td>")
        rows.append(f'<tr><th scope="row" title="{html_text(themes[theme_a])}">{html_text(row_label)}</th>'
                    + "".join(tds) + "</tr>")
    columns = zip(distinct([column_label(themes[t]) for t in ids], COLUMN_CHARS), (themes[t] for t in ids))
    header = column_headers(columns, width < WRAP_FROM_PX)
    return block("idm-grid", heading(f"{unit_label} coded with both themes",
                                     "Rows and columns: the themes coded together with at least one other. "
                                     "Click a square to read its sentences.")
                 + html.ramp_legend(MEASURE_TITLES[measure], BLUES, _value_text(top, measure),
                                    "blank: never coded together", blank_key=False)
                 + f'<div class="idm-grid-scroll" tabindex="0" role="region" aria-label="{html_text(unit_label)} '
                 f'coded with both themes"><table>{header}<tbody>{"".join(rows)}</tbody></table></div>',
                 f"--cell: {width}px; --row: {ROW_PX}px")


def mark_chosen(grid: str, cell: tuple[str, str] | None) -> str:
    """`grid` (from `grid_html`) with `cell` (theme_a, theme_b) outlined: the grid is built once per view
    and the chosen cell changes with every click."""
    return html.mark_chosen(grid, _pick(*cell)) if cell else grid


def page_view(all_tables: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame], unit: str, family: str,
              measure: str) -> dict:
    """The page's view, built once (the page caches it): the pairs (`idm_data.views.cooccurrence.pairs`),
    the themes they hold, and their grid (None when no pair is coded together)."""
    pairs = cooccurrence.pairs(all_tables, tables, unit, family)
    themes = cooccurrence.grid_themes(pairs)
    grid = None if pairs.empty else grid_html(pairs, themes, measure, cooccurrence.UNITS[unit])
    return {"pairs": pairs, "themes": themes, "grid": grid}


def cell_from_click(value, themes: Iterable[str]) -> tuple[str, str] | None:
    """The (theme, theme) pair a click on the grid picked (a square's `data-pick`), if both are known."""
    if not isinstance(value, dict):
        return None
    themes = set(themes)
    theme_a, theme_b = value.get("theme_a"), value.get("theme_b")
    return (theme_a, theme_b) if theme_a in themes and theme_b in themes and theme_a != theme_b else None
