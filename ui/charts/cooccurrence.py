"""The theme co-occurrence grid: theme × theme, one square per pair coded together.

A pure figure builder (pairs table in, figure out; `idm_data.views.cooccurrence.pairs` makes the
table). Squares are scatter markers, not a heatmap, because Streamlit reports clicks on markers
(each carries its two theme ids as customdata); labels and hover text are escaped (`ui.escape`).
"""

from __future__ import annotations

import textwrap
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go

from idm_data.text.labels import shorten
from ui.escape import plotly_text

MEASURE_TITLES = {"n_both": "Coded with both", "jaccard": "Jaccard index"}
COLOURS = "Blues"  # sequential and readable by colour-blind readers


def _label(text: str, width: int = 34) -> str:
    return "<br>".join(textwrap.wrap(plotly_text(text), width)) or plotly_text(text)


def _hover(pairs: pd.DataFrame, unit_label: str) -> list[str]:
    unit = plotly_text(unit_label.lower())
    return [f"<b>{_label(a)}</b><br>and <b>{_label(b)}</b><br>{unit} coded with both: {both}<br>"
            f"with the first: {n_a}; with the second: {n_b}<br>Jaccard index: {jaccard:.3f}"
            for a, b, both, n_a, n_b, jaccard in zip(pairs["label_a"], pairs["label_b"], pairs["n_both"],
                                                     pairs["n_a"], pairs["n_b"], pairs["jaccard"])]


def _value_text(values: pd.Series, measure: str) -> list[str]:
    return [f"{v:.2f}".lstrip("0") if measure == "jaccard" else str(int(v)) for v in values]


def _short(text: str, width: int) -> str:
    return plotly_text(shorten(text, width))


def _column_label(text: str, width: int = 18) -> str:
    """A column's label kept short: "GCM 7" for an objective, else the label cut to `width`."""
    return _short(text.split(":")[0] if text.startswith("GCM ") and ":" in text else text, width)


def grid_figure(pairs: pd.DataFrame, themes: dict[str, str], measure: str, cell: tuple[str, str] | None,
                unit_label: str = "Sentences") -> go.Figure:
    """The grid of `pairs` (ordered pairs, both ways round) over `themes` (id -> label, in order),
    coloured by `measure`, with `cell` (theme_a, theme_b) outlined. Axes are theme ids, labelled."""
    figure = go.Figure(go.Scatter(
        x=pairs["theme_b"], y=pairs["theme_a"], mode="markers+text", text=_value_text(pairs[measure], measure),
        textfont=dict(size=9), customdata=pairs[["theme_a", "theme_b"]].to_numpy(),
        hovertext=_hover(pairs, unit_label), hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(symbol="square", size=20, color=pairs[measure], colorscale=COLOURS, cmin=0,
                    line=dict(width=1, color="#999"),
                    colorbar=dict(title=dict(text=MEASURE_TITLES[measure], side="right"), thickness=12))))
    if cell:
        chosen = pairs[(pairs["theme_a"] == cell[0]) & (pairs["theme_b"] == cell[1])]
        figure.add_trace(go.Scatter(x=chosen["theme_b"], y=chosen["theme_a"], mode="markers", hoverinfo="skip",
                                    customdata=chosen[["theme_a", "theme_b"]].to_numpy(),
                                    marker=dict(symbol="square-open", size=26, color="#d62728", line=dict(width=3))))
    ids = list(themes)
    figure.update_xaxes(categoryorder="array", categoryarray=ids, tickvals=ids, side="top", tickangle=-60,
                        ticktext=[_column_label(themes[t]) for t in ids], range=[-0.5, len(ids) - 0.5])
    figure.update_yaxes(categoryorder="array", categoryarray=ids, tickvals=ids, autorange="reversed",
                        ticktext=[_short(themes[t], 40) for t in ids])
    figure.update_layout(height=200 + 24 * len(ids), showlegend=False, margin=dict(t=150, l=10, r=10, b=10),
                         title=dict(text=f"{plotly_text(unit_label)} coded with both themes", y=0.995, yanchor="top"))
    return figure


def cell_from_points(points: list, themes: Iterable[str]) -> tuple[str, str] | None:
    """The (theme, theme) pair a chart selection names in its customdata, if both are known."""
    themes = set(themes)
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and len(data) >= 2 and data[0] in themes and data[1] in themes:
            return data[0], data[1]
    return None
