"""Read-only HTML blocks for what a page shows on its first screen: a table, a row of headline figures.

`st.dataframe` loads a 1.3 MB grid (its script and Arrow formatting) the first time a page shows one, about
half a second of a first visit, and `st.metric` a script of its own; a table of a few columns to read, not
sort, and a few figures cost nothing as HTML. Everything is escaped; a table's numbers are right-aligned and
the block scrolls past `height` pixels, its header staying in view.
"""

from __future__ import annotations

from numbers import Number
from typing import Mapping

import pandas as pd

from ui.escape import html_text, pick_attribute
from ui.styles import CSS


NUMBER = ' class="idm-num"'


def _cell(value, number_format: str | None) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):  # None, NaN or NA: an empty cell
        return "<td></td>"
    if number_format and isinstance(value, Number) and not isinstance(value, bool):
        return f"<td{NUMBER}>{html_text(format(value, number_format))}</td>"
    return f"<td>{html_text(value)}</td>"


def row_pick(item: str) -> str:
    """The `data-pick` attribute of a picking row (see `table_html`)."""
    return pick_attribute({"item": item})


def _row(values: tuple, columns: Mapping[str, str], formats: Mapping[str, str], pick: bool) -> str:
    cells = [_cell(v, formats.get(c)) for c, v in zip(columns, values)]
    if pick:  # the first cell's text picks the row; the item is the last value
        cells[0] = (f'<td><button type="button" tabindex="-1" {row_pick(values[-1])}>{html_text(values[0])}'
                    "</button></td>")
    return "<tr>" + "".join(cells) + "</tr>"


def table_html(frame: pd.DataFrame, columns: Mapping[str, str], formats: Mapping[str, str] | None = None,
               height: int | None = None, caption: str = "", pick: str | None = None) -> str:
    """`frame`'s `columns` (field -> header) as an HTML table; `formats` maps a field to a number format
    ("d", ".2f", ","); `caption` names the table for assistive technology. With `pick` (a field), each
    row's first cell is a button whose `data-pick` is {"item": the row's `pick`} (shown by `ui.clickable`),
    out of the tab order: a picker beside the table is the keyboard's way to a row."""
    formats = formats or {}
    head = "".join(f'<th scope="col"{NUMBER if c in formats else ""}>{html_text(label)}</th>'
                   for c, label in columns.items())
    fields = list(columns) + ([pick] if pick else [])
    rows = "".join(_row(values, columns, formats, bool(pick))
                   for values in frame[fields].itertuples(index=False, name=None))
    # a scrolling table takes keyboard focus, so it can be scrolled without a mouse
    style = (f' style="max-height: {int(height)}px" tabindex="0" role="region" aria-label="{html_text(caption or "Table")}"'
             if height else "")
    named = f"<caption>{html_text(caption)}</caption>" if caption else ""
    return (f'<style>{CSS}</style><div class="idm-table"{style}><table>{named}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _figures(figures: Mapping[str, object]) -> str:
    shown = "".join(f'<div class="idm-figure"><span class="idm-value">{html_text(value)}</span>'
                    f'<span class="idm-label">{html_text(label)}</span></div>' for label, value in figures.items())
    return f'<div class="idm-figures">{shown}</div>'


def figures_html(figures: Mapping[str, object]) -> str:
    """Headline figures (label -> value) in a row, as the overview's timeline shows a session's."""
    return f"<style>{CSS}</style>{_figures(figures)}"


def scorecards_html(cards: list[tuple[str, Mapping[str, object], str]]) -> str:
    """Groups of headline figures side by side, one per (title, figures, note): e.g. an entity type's
    precision and recall with its target and verdict. One block: a grid of metrics costs an element each."""
    shown = "".join(
        f'<section class="idm-scorecard" aria-label="{html_text(title)}"><p class="idm-scorecard-title">'
        f'{html_text(title)}</p>{_figures(figures)}<p class="idm-scorecard-note">{html_text(note)}</p></section>'
        for title, figures, note in cards)
    return f'<style>{CSS}</style><div class="idm-scorecards">{shown}</div>'
