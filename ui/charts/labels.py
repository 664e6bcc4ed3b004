"""Sizes of text, shortened labels and the colours of categories, for every chart: what fits where."""

from __future__ import annotations

from idm_data.text.labels import shorten  # noqa: F401 - the charts use the data layer's
from ui.colours import PALE_GREY, actor_type_label_colours

LABEL_PX = 12  # axis, legend and node labels
VALUE_PX = 11  # numbers written in cells and at bar ends
LINE_PX = 16  # height of a line of LABEL_PX text
CHAR_EM = 0.62  # widest average character width of Streamlit's sans-serif, in em: estimates err wide
TYPICAL_EM = 0.5  # its usual average, for layout guesses where erring wide costs room
PAGE_PX = 800  # the main column of a 1280 px window with the sidebar open: charts sized to content fit it


def text_px(text: object, size: float = LABEL_PX, em: float = CHAR_EM) -> float:
    """An estimate of one line of text's width in pixels (generous unless `em` says otherwise)."""
    return len(str(text)) * size * em


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


def actor_colour(type_label: str) -> str:
    """One colour per actor type label, the same on every chart (colour-blind safe: `ui.colours`)."""
    return actor_type_label_colours().get(type_label, PALE_GREY)
