"""The Themes page's charts, from `theme_stats` tables: the session × theme grid (a heat map whose cells
are clicked to read their sentences) and the per-theme bars; and the reading of a click on the grid.

The grid is sized to its content: a column per session between MIN_COLUMN_PX and MAX_COLUMN_PX wide (it
narrows as sessions are added, within GRID_BUDGET_PX), a ROW_PX row per theme, labels shortened (never
clipped) with the full text in each cell's hover, values written in a cell only when they fit, and the
colour legend above the column labels, never over the cells.
"""

from __future__ import annotations

import pandas as pd

from idm_data.views.theme_stats import FAMILIES, MEASURES
from ui.charts.vega import (AXIS_LABELS, LABEL_PX, LINE_PX, PAGE_PX, TOOLTIP_OFF, TYPICAL_EM, VALUE_PX, by,
                            chart, distinct, point_selection, selected_rows, shorten, text_px, title)

GRID_PARAM = "cell"
MIN_COLUMN_PX, MAX_COLUMN_PX = 18, 64
GRID_BUDGET_PX = 540  # the cells' share of PAGE_PX, beside the row labels, before columns reach their minimum
ROW_PX = 22
BAR_PX = 20
ROW_LABEL_CHARS = 48  # the longest codebook label has 47
COLUMN_LABEL_CHARS = 30
DEFINITION_CHARS = 180  # in the hover; the page shows the chosen cell's definition whole
SLANT, UPRIGHT = -45, -90  # column labels that do not fit level: slanted if the grid then fits PAGE_PX
FAMILY_COLOURS = {"gcm_objective": "#1f77b4", "cross_cutting": "#ff7f0e"}
DARK_SHARE = 0.55  # cells darker than this share of the top value get white numbers
LIGHT_INK, DARK_INK = "#ffffff", "#1b1f24"
ZERO_FILL = "#ffffff"  # a theme never mentioned stands out from one mentioned a little


def value_text(values: pd.Series, measure: str) -> list[str]:
    return [f"{v:.2f}" if measure == "rate_per_1k_words" else f"{int(v)}" for v in values]


def column_px(n_sessions: int) -> int:
    """A session column's width: wide for a few sessions, narrower for many, within the bounds."""
    return int(min(MAX_COLUMN_PX, max(MIN_COLUMN_PX, GRID_BUDGET_PX // max(n_sessions, 1))))


def _ordered(matrix: pd.DataFrame, column: str) -> list[str]:
    return list(dict.fromkeys(matrix[column]))


def grid_cells(matrix: pd.DataFrame, measure: str, cell: tuple[str, str] | None) -> pd.DataFrame:
    """One row per cell of `theme_stats.theme_matrix`: display row and column, value, its text and ink,
    whether it is the chosen cell, and what its hover shows."""
    sessions, themes = _ordered(matrix, "session_id"), _ordered(matrix, "theme_id")
    session_labels = matrix.drop_duplicates("session_id").set_index("session_id")
    theme_labels = matrix.drop_duplicates("theme_id").set_index("theme_id")["label"]
    column = dict(zip(sessions, distinct([session_labels.loc[s, "session_short"] for s in sessions],
                                         COLUMN_LABEL_CHARS)))
    row = dict(zip(themes, distinct([theme_labels[t] for t in themes], ROW_LABEL_CHARS)))
    values = matrix[measure].astype(float)
    top = values.max() if len(values) else 0
    return pd.DataFrame({
        "session_id": matrix["session_id"], "theme_id": matrix["theme_id"],
        "column": matrix["session_id"].map(column), "row": matrix["theme_id"].map(row),
        "column_order": matrix["session_id"].map({s: i for i, s in enumerate(sessions)}),
        "row_order": matrix["theme_id"].map({t: i for i, t in enumerate(themes)}),
        "value": values, "value_text": value_text(values, measure),
        "ink": [LIGHT_INK if top and v > DARK_SHARE * top else DARK_INK for v in values],
        "chosen": [(s, t) == tuple(cell or ()) for s, t in zip(matrix["session_id"], matrix["theme_id"])],
        "theme": matrix["label"], "definition": [shorten(d, DEFINITION_CHARS) for d in matrix["definition"]],
        "session": matrix["session_label"], "n_sentences": matrix["n_sentences"], "n_matches": matrix["n_matches"],
        "n_words": matrix["n_words"], "rate_per_1k_words": matrix["rate_per_1k_words"]})


GRID_TOOLTIP = [{"field": "theme", "title": "Theme"}, {"field": "definition", "title": "Definition"},
                {"field": "session", "title": "Session"},
                {"field": "n_sentences", "title": "Sentences mentioning it"},
                {"field": "n_matches", "title": "Phrase matches"},
                {"field": "n_words", "title": "Words of the session", "format": ","},
                {"field": "rate_per_1k_words", "title": "Phrase matches per 1,000 words", "format": ".2f"}]


def _label_widths(cells: pd.DataFrame) -> tuple[float, float]:
    """Typical widths of the longest row label and the longest column label."""
    return (max((text_px(r, em=TYPICAL_EM) for r in cells["row"].unique()), default=0),
            max((text_px(c, em=TYPICAL_EM) for c in cells["column"].unique()), default=0))


def _overhang(angle: int, header: float) -> float:
    """How far the last column's label reaches right of the grid."""
    return {0: 0.0, SLANT: 0.71 * header, UPRIGHT: LINE_PX}[angle]  # cos 45° of a slanted label


def _header_angle(cells: pd.DataFrame, width: int) -> int:
    """Level column labels when each fits its column; slanted when the grid then still fits the page;
    upright otherwise."""
    if all(text_px(c) <= width for c in cells["column"].unique()):
        return 0
    rows, header = _label_widths(cells)
    wide = rows + 20 + width * cells["session_id"].nunique() + _overhang(SLANT, header)
    apart = width * 0.71 >= LINE_PX + 1  # slanted neighbours stand this far apart: more than a line of text
    return SLANT if wide <= PAGE_PX and apart else UPRIGHT


def grid_width(matrix: pd.DataFrame) -> int:
    """About how wide the grid draws, labels included (pixels), for the page to place it."""
    cells = grid_cells(matrix, "n_matches", None)
    width = column_px(cells["session_id"].nunique())
    rows, header = _label_widths(cells)
    return int(rows + 20 + width * cells["session_id"].nunique() + _overhang(_header_angle(cells, width), header))


def grid_spec(matrix: pd.DataFrame, measure: str, family: str, cell: tuple[str, str] | None) -> dict:
    """The session × theme grid of `theme_stats.theme_matrix` (a session's columns in the matrix's order,
    themes in codebook order), coloured and written by `measure`, `cell` outlined. Clicking a cell
    selects its (session_id, theme_id) in the GRID_PARAM selection."""
    cells = grid_cells(matrix, measure, cell)
    width = column_px(cells["session_id"].nunique())
    fits = cells["value_text"].map(lambda t: text_px(t, VALUE_PX) <= width - 4).all()
    top = float(cells["value"].max()) if len(cells) else 0.0
    angle = _header_angle(cells, width)
    x_axis = {"orient": "top", "title": None, "labelAngle": angle, "labelAlign": "left" if angle else "center",
              "labelBaseline": "middle" if angle else "bottom", "labelLimit": 0, "ticks": False, **AXIS_LABELS}
    y_axis = {"title": None, "labelLimit": 0, "ticks": False, **AXIS_LABELS}
    cells_layer = {
        "mark": {"type": "rect", "stroke": "#c8ced6", "strokeWidth": 1, "cursor": "pointer"},
        "params": [point_selection(GRID_PARAM, ["session_id", "theme_id"])],
        "encoding": {"color": {"condition": {"test": "datum.value === 0", "value": ZERO_FILL},
                               "field": "value", "type": "quantitative", "title": MEASURES[measure],
                               "scale": {"scheme": "blues", "domain": [0, top or 1]},
                               "legend": {"orient": "top", "direction": "horizontal", "gradientLength": 180,
                                          "titleFontSize": LABEL_PX, "labelFontSize": LABEL_PX,
                                          "titleLimit": 0}},
                     "tooltip": GRID_TOOLTIP}}
    chosen_layer = {"transform": [{"filter": {"field": "chosen", "equal": True}}],
                    "mark": {"type": "rect", "fill": None, "stroke": "#d62728", "strokeWidth": 3,
                             "tooltip": TOOLTIP_OFF}}
    layers = [cells_layer, chosen_layer]
    if fits:
        layers += [{"transform": [{"filter": {"field": "ink", "equal": ink}}],
                    "mark": {"type": "text", "fontSize": VALUE_PX, "color": ink, "tooltip": TOOLTIP_OFF},
                    "encoding": {"text": {"field": "value_text"}}} for ink in (LIGHT_INK, DARK_INK)]
    return chart(
        {"cells": cells}, data={"name": "cells"}, autosize={"type": "pad"},
        title=title(f"{MEASURES[measure]}, by session",
                    f"Rows: {FAMILIES[family]}, in codebook order. Click a cell to read its sentences."),
        width={"step": width}, height={"step": ROW_PX}, padding={"left": 4, "top": 4, "right": 12, "bottom": 4},
        encoding={"x": {"field": "column", "type": "nominal", "sort": by("column_order"), "axis": x_axis},
                  "y": {"field": "row", "type": "nominal", "sort": by("row_order"), "axis": y_axis}},
        layer=layers)


def cell_from_selection(selection, sessions, themes) -> tuple[str, str] | None:
    """The (session_id, theme_id) a click on the grid chose, if both are known."""
    sessions, themes = set(sessions), set(themes)
    for row in selected_rows(selection, GRID_PARAM):
        if row.get("session_id") in sessions and row.get("theme_id") in themes:
            return row["session_id"], row["theme_id"]
    return None


BAR_TOOLTIP = [{"field": "theme", "title": "Theme"}, {"field": "family_label", "title": "Family"},
               {"field": "n_sentences", "title": "Sentences"}, {"field": "n_matches", "title": "Phrase matches"},
               {"field": "n_words", "title": "Words", "format": ","},
               {"field": "rate_per_1k_words", "title": "Matches per 1,000 words", "format": ".2f"}]


def bars_spec(totals: pd.DataFrame, measure: str, n_sessions: int) -> dict:
    """One bar per theme of `theme_stats.theme_totals` (codebook order), coloured by family, its value
    written at its end (the scale leaves room for it)."""
    families = [f for f in FAMILY_COLOURS if f in set(totals["family"])]
    bars = totals.assign(row=distinct(list(totals["label"]), ROW_LABEL_CHARS), row_order=range(len(totals)),
                         theme=totals["label"],
                         family_label=totals["family"].map(lambda f: FAMILIES.get(f, f)),
                         value=totals[measure].astype(float), value_text=value_text(totals[measure], measure))
    top = float(bars["value"].max()) if len(bars) else 0.0
    room = max((text_px(t, VALUE_PX) for t in bars["value_text"]), default=0) + 8
    return chart(
        {"bars": bars[["row", "row_order", "theme", "family_label", "value", "value_text", "n_sentences", "n_matches",
                       "n_words", "rate_per_1k_words"]]},
        data={"name": "bars"}, autosize={"type": "fit-x", "contains": "padding"},
        title=title(f"{MEASURES[measure]} per theme, all {n_sessions} session(s) shown together"),
        height={"step": BAR_PX},
        encoding={"y": {"field": "row", "type": "nominal", "sort": by("row_order"),
                        "axis": {"title": None, "labelLimit": 0, "ticks": False, **AXIS_LABELS}},
                  "x": {"field": "value", "type": "quantitative", "title": MEASURES[measure],
                        "scale": {"domain": [0, top or 1], "nice": False},
                        "axis": {"labelFontSize": LABEL_PX, "titleFontSize": LABEL_PX, "grid": True}}},
        layer=[{"mark": {"type": "bar", "cornerRadiusEnd": 2},
                "encoding": {"color": {"field": "family_label", "type": "nominal", "title": None,
                                       "scale": {"domain": [FAMILIES[f] for f in families],
                                                 "range": [FAMILY_COLOURS[f] for f in families]},
                                       "legend": {"orient": "top", "labelLimit": 0,
                                                  "labelFontSize": LABEL_PX}},
                             "tooltip": BAR_TOOLTIP}},
               {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": VALUE_PX, "tooltip": TOOLTIP_OFF},
                "encoding": {"text": {"field": "value_text"}}}],
        padding={"right": room, "left": 4, "top": 4, "bottom": LINE_PX})
