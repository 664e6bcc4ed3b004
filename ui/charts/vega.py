"""What every chart of the atlas shares: a Vega-Lite spec drawn as SVG with its tables as named datasets,
the sizes of text, shortened labels, and the reading of a point selection."""

from __future__ import annotations

import textwrap
from typing import Mapping

import pandas as pd

SVG = {"embedOptions": {"renderer": "svg"}}  # labels as DOM text (Streamlit turns to canvas above 2,000 marks)
LABEL_PX = 12  # axis, legend and node labels
VALUE_PX = 11  # numbers written in cells and at bar ends
LINE_PX = 16  # height of a line of LABEL_PX text
CHAR_EM = 0.62  # widest average character width of Streamlit's sans-serif, in em: estimates err wide
TYPICAL_EM = 0.5  # its usual average, for layout guesses where erring wide costs room
ELLIPSIS = "…"
PAGE_PX = 800  # the main column of a 1280 px window with the sidebar open: charts sized to content fit it
TITLE_CHARS = 48  # a title line fits the narrowest chart (a grid of one session)
TOOLTIP_OFF = None  # Streamlit's theme gives every mark a tooltip; decorations get none
# Streamlit's theme hides axis labels that would overlap and cuts them at 100 px; every label here is drawn whole
AXIS_LABELS = {"labelOverlap": False, "labelFontSize": LABEL_PX, "labelColor": "#31333f"}


def text_px(text: object, size: float = LABEL_PX, em: float = CHAR_EM) -> float:
    """An estimate of one line of text's width in pixels (generous unless `em` says otherwise)."""
    return len(str(text)) * size * em


def shorten(text: object, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS


def distinct(labels: list[str], limit: int) -> list[str]:
    """Labels shortened to `limit` characters, made distinct by a visible number (one grid row or column
    per item, even when two stored names coincide)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        short = shorten(label, limit)
        seen[short] = seen.get(short, 0) + 1
        out.append(short if seen[short] == 1 else f"{shorten(label, limit - 4)} #{seen[short]}")
    return out


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
