"""What the atlas's Vega-Lite charts share: a spec drawn as SVG with its tables as named datasets, titles that
fit, categories sorted without writing labels into expressions, and point selections and their reading."""

from __future__ import annotations

import textwrap
from typing import Mapping

import pandas as pd

from ui.charts.labels import LABEL_PX

SVG = {"embedOptions": {"renderer": "svg"}}  # labels as DOM text (Streamlit turns to canvas above 2,000 marks)
TITLE_CHARS = 48  # a title line fits the narrowest chart (a grid of one session)
TOOLTIP_OFF = None  # Streamlit's theme gives every mark a tooltip; decorations get none
# Streamlit's theme hides axis labels that would overlap and cuts them at 100 px; every label here is drawn whole
AXIS_LABELS = {"labelOverlap": False, "labelFontSize": LABEL_PX, "labelColor": "#31333f"}


def chart(datasets: Mapping[str, pd.DataFrame], **parts) -> dict:
    """A Vega-Lite spec drawn as SVG whose tables travel as named datasets (Arrow, not JSON)."""
    return {"usermeta": SVG, "datasets": dict(datasets), **parts}


def title(text: str, subtitle: str | None = None, width: int = TITLE_CHARS) -> dict:
    """A chart title, left-aligned above the chart, title and subtitle wrapped to lines of `width`
    characters (Vega cuts a line longer than the chart is wide)."""
    out = {"text": textwrap.wrap(text, width) or [""], "anchor": "start", "fontSize": 14, "offset": 10, "limit": 0}
    return out | ({"subtitle": textwrap.wrap(subtitle, width), "subtitleFontSize": LABEL_PX} if subtitle else {})


def selected_rows(selection: Mapping | None, param: str) -> list[dict]:
    """The field values a point selection named `param` reports: one dict per chosen mark (none if the
    selection is missing or malformed)."""
    rows = (selection or {}).get(param) if isinstance(selection, Mapping) else None
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def by(order_field: str) -> dict:
    """Categories sorted by a number of their own rows (sorting by a list would write the stored labels into
    the expression Vega-Lite compiles the sort to)."""
    return {"field": order_field, "op": "min"}


def point_selection(name: str, fields: list[str]) -> dict:
    """A click chooses one mark; clicking it again keeps it (a page's picker, not the chart, un-chooses)."""
    return {"name": name, "select": {"type": "point", "fields": fields, "on": "click", "toggle": False,
                                     "clear": False}}
