"""The Themes page's charts as HTML, from `theme_stats` tables: the session × theme grid (a heat map whose
cells are buttons: a click picks the cell to read) and the per-theme bars; and the reading of a click.

HTML, not a chart library: the page's first visit loads no chart script, the browser lays the labels out
(wrapped or cut with an ellipsis, never on top of each other) and every cell is a keyboard-reachable button.
The grid is sized to its content: a column per session between MIN_COLUMN_PX and MAX_COLUMN_PX wide (it
narrows as sessions are added, within GRID_BUDGET_PX), a ROW_PX row per theme; column labels wrap when
columns are wide enough, else stand upright; a label cut short keeps its full text in its hover, as every
cell does; the colour legend sits above the grid, never over the cells. Every stored string is escaped.
"""

from __future__ import annotations


import pandas as pd

from idm_data.views import chart_text, theme_stats
from idm_data.views.filters import latest_sessions
from idm_data.views.theme_stats import FAMILIES, MEASURES
from ui.charts.labels import TYPICAL_EM, VALUE_PX, distinct, shorten, text_px
from ui.charts.html import Bar, bars, block, column_headers, heading, legend, ramp_legend
from ui.charts.html import mark_chosen as mark
from ui.escape import html_text, pick_attribute

MIN_COLUMN_PX, MAX_COLUMN_PX = 16, 60  # 16: an upright label's line still fits
GRID_BUDGET_PX = 480  # the cells' share of PAGE_PX beside the row labels, before columns reach their minimum
ROW_PX = 22
WRAP_FROM_PX = 56  # columns at least this wide wrap their label over lines; narrower ones stand it upright
ROW_LABEL_CHARS = 48  # the longest codebook label has 47
COLUMN_LABEL_CHARS = 30
DEFINITION_CHARS = 180  # in the hover; the page shows the chosen cell's definition whole
FAMILY_COLOURS = {"gcm_objective": "#1f77b4", "cross_cutting": "#ff7f0e"}
# ColorBrewer's Blues, light to dark: a cell's colour by its share of the grid's top value
BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
ZERO_FILL = "#ffffff"  # a theme never mentioned stands out from one mentioned a little
DARK_SHARE = 0.55  # cells darker than this share of the top value get white numbers
LIGHT_INK, DARK_INK = "#ffffff", "#1b1f24"


def value_text(values: pd.Series, measure: str) -> list[str]:
    return [f"{v:.2f}" if measure == "rate_per_1k_words" else f"{int(v)}" for v in values]


def column_px(n_sessions: int) -> int:
    """A session column's width: wide for a few sessions, narrower for many, within the bounds."""
    return int(min(MAX_COLUMN_PX, max(MIN_COLUMN_PX, GRID_BUDGET_PX // max(n_sessions, 1))))


def blue(share: float) -> str:
    """The colour of a cell whose value is `share` (0..1) of the grid's top value, interpolated in BLUES."""
    if share <= 0:
        return ZERO_FILL
    position = min(share, 1.0) * (len(BLUES) - 1)
    low = int(position)
    high, part = min(low + 1, len(BLUES) - 1), position - low
    mixed = [round((1 - part) * int(BLUES[low][i:i + 2], 16) + part * int(BLUES[high][i:i + 2], 16))
             for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _ordered(matrix: pd.DataFrame, column: str) -> list[str]:
    return list(dict.fromkeys(matrix[column]))


def grid_cells(matrix: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One row per cell of `theme_stats.theme_matrix`, in the matrix's order: display row and column labels
    (short, distinct), value, its text, fill and ink, and its hover text."""
    sessions, themes = _ordered(matrix, "session_id"), _ordered(matrix, "theme_id")
    first_of = matrix.drop_duplicates("session_id").set_index("session_id")
    column = dict(zip(sessions, distinct([first_of.loc[s, "session_short"] for s in sessions], COLUMN_LABEL_CHARS)))
    labels = matrix.drop_duplicates("theme_id").set_index("theme_id")["label"]
    row = dict(zip(themes, distinct([labels[t] for t in themes], ROW_LABEL_CHARS)))
    values = matrix[measure].astype(float)
    top = float(values.max()) if len(values) else 0.0
    return pd.DataFrame({
        "session_id": matrix["session_id"], "theme_id": matrix["theme_id"],
        "column": matrix["session_id"].map(column), "row": matrix["theme_id"].map(row),
        "value": values, "value_text": value_text(values, measure),
        "fill": [blue(v / top if top else 0.0) for v in values],
        "ink": [LIGHT_INK if top and v > DARK_SHARE * top else DARK_INK for v in values],
        "theme": matrix["label"], "session": matrix["session_label"],
        "about": [shorten(d, DEFINITION_CHARS) for d in matrix["definition"]],
        "hover": [_hover(r) for r in matrix.to_dict("records")]})


def _hover(r: dict) -> str:
    """A cell's hover: what it counts, where (the theme's definition is on its row label)."""
    return (f"{r['label']}\n{r['session_label']}\n{r['n_matches']} phrase match(es) in {r['n_sentences']} "
            f"sentence(s) of {r['n_words']:,} words: {r['rate_per_1k_words']:.2f} per 1,000 words")


def _upright(n_sessions: int) -> bool:
    return column_px(n_sessions) < WRAP_FROM_PX


def grid_width(matrix: pd.DataFrame) -> int:
    """About how wide the grid draws, labels included (pixels), for the page to place it."""
    themes = distinct(_ordered(matrix.drop_duplicates("theme_id"), "label"), ROW_LABEL_CHARS)
    n_sessions = matrix["session_id"].nunique()
    return int(max((text_px(t, em=TYPICAL_EM) for t in themes), default=0) + 24 + n_sessions * column_px(n_sessions))


def _pick(session_id: str, theme_id: str) -> str:
    return pick_attribute({"session_id": session_id, "theme_id": theme_id})


def _button(c: dict, written: bool) -> str:
    text = html_text(c["value_text"]) if written else ""
    return (f'<td><button type="button" {_pick(c["session_id"], c["theme_id"])} '
            f'style="background:{c["fill"]};color:{c["ink"]}" title="{html_text(c["hover"])}">{text}</button></td>')


def mark_chosen(grid: str, cell: tuple[str, str] | None) -> str:
    """`grid` (from `grid_html` with no cell) with `cell` outlined: the grid is built once per view
    and the chosen cell changes with every click."""
    return mark(grid, _pick(*cell)) if cell else grid


def grid_html(matrix: pd.DataFrame, measure: str, family: str, cell: tuple[str, str] | None) -> str:
    """The session × theme grid of `theme_stats.theme_matrix` (sessions in the matrix's order, themes in
    codebook order), coloured and written by `measure`, `cell` outlined; each cell a button whose
    `data-pick` is its {"session_id", "theme_id"} (see `ui.clickable`)."""
    return mark_chosen(_grid(matrix, measure, family), cell)


def _grid(matrix: pd.DataFrame, measure: str, family: str) -> str:
    cells = grid_cells(matrix, measure)
    n_sessions = cells["session_id"].nunique()
    width = column_px(n_sessions)
    written = all(text_px(t, VALUE_PX) <= width - 4 for t in cells["value_text"])
    by_theme: dict[str, list[dict]] = {}  # plain records: no namedtuple class or iloc per cell
    for c in cells.to_dict("records"):
        by_theme.setdefault(c["theme_id"], []).append(c)
    rows = []
    for group in by_theme.values():
        first = group[0]
        about = f"{first['theme']}\n{first['about']}"
        rows.append(f'<tr><th scope="row" title="{html_text(about)}">{html_text(first["row"])}</th>'
                    + "".join(_button(c, written) for c in group) + "</tr>")
    top = float(cells["value"].max()) if len(cells) else 0.0
    columns = cells.drop_duplicates("session_id")
    header = column_headers(zip(columns["column"], columns["session"]), _upright(n_sessions))
    return block("idm-grid", heading(f"{MEASURES[measure]}, by session",
                                     f"Rows: {FAMILIES[family]}, in codebook order. Click a cell to read its sentences.")
                 + ramp_legend(MEASURES[measure], BLUES, value_text(pd.Series([top]), measure)[0], "none")
                 + f'<div class="idm-grid-scroll"><table>{header}<tbody>{"".join(rows)}</tbody></table></div>',
                 f"--cell: {width}px; --row: {ROW_PX}px")


def cell_from_click(value, sessions, themes) -> tuple[str, str] | None:
    """The (session_id, theme_id) a click on the grid picked (a button's `data-pick`), if both are known."""
    if not isinstance(value, dict):
        return None
    session_id, theme_id = value.get("session_id"), value.get("theme_id")
    return (session_id, theme_id) if session_id in set(sessions) and theme_id in set(themes) else None


def bars_html(totals: pd.DataFrame, measure: str, n_sessions: int) -> str:
    """One bar per theme of `theme_stats.theme_totals` (codebook order), coloured by family, its value
    written at its end."""
    top = float(totals[measure].max()) if len(totals) else 0.0
    rows = (Bar(short, full, ((value / top if top else 0.0, FAMILY_COLOURS.get(family, "#888888"),
                               f"{full}: {text} ({FAMILIES.get(family, family)})"),), text)
            for full, short, family, value, text in zip(totals["label"], distinct(list(totals["label"]), ROW_LABEL_CHARS),
                                                        totals["family"], totals[measure].astype(float),
                                                        value_text(totals[measure], measure)))
    keys = [(colour, FAMILIES[f]) for f, colour in FAMILY_COLOURS.items() if f in set(totals["family"])]
    return block("idm-bars", heading(f"{MEASURES[measure]} per theme, all {n_sessions} session(s) shown together")
                 + legend(keys) + bars(rows))


def page_view(all_tables: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame], family: str,
              theme_ids: tuple[str, ...], coding: str, min_score: float, measure: str, grid_sessions: int) -> dict | None:
    """What the Themes page draws for one view, built once per view (the page caches it; its
    reruns then only place it): the matrix of the `grid_sessions` most recent sessions, the
    per-theme totals over all of them, the pickers' choices, the default cell, the grid (no cell
    chosen: see `mark_chosen`) and the bars with their summaries in words. None when the view
    has no session."""
    matrix = theme_stats.theme_matrix(tables, family, theme_ids, coding, min_score)
    if matrix.empty:
        return None
    totals = theme_stats.theme_totals(matrix)
    n_sessions = matrix["session_id"].nunique()
    matrix = latest_sessions(matrix, all_tables["sessions"], grid_sessions)
    cell_columns = ["label", "session_label", "definition", "n_sentences", "n_matches", "n_words", "rate_per_1k_words"]
    return {
        "matrix": matrix, "totals": totals, "n_sessions": n_sessions,
        "sessions": dict(zip(matrix["session_id"], matrix["session_label"])),
        "themes": dict(zip(matrix["theme_id"], matrix["label"])),
        "cells": {(s, t): record for s, t, record in zip(matrix["session_id"], matrix["theme_id"],
                                                          matrix[cell_columns].to_dict("records"))},
        "default_cell": theme_stats.default_cell(matrix, measure),
        "grid_width": grid_width(matrix),
        "grid": _grid(matrix, measure, family),
        "grid_summary": chart_text.leader_per_group(matrix, "session_label", "label", "n_sentences",
                                                    ("sentence", "sentences")),
        "bars": bars_html(totals, measure, n_sessions),
        "bars_summary": chart_text.ranking_summary(totals, "label", "n_sentences", ("theme", "themes"),
                                                   ("sentence", "sentences")),
        "unmentioned": theme_stats.unmentioned(totals),
    }
