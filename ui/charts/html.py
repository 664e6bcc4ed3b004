"""What the HTML charts share: the block with its style sheet, a title, legends, rows of bars and column
headers. Every string is escaped here or by the caller with `ui.escape.html_text`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ui.escape import html_text
from ui.styles import CSS

BAR_SHARE = 82  # the longest bar's share of its cell, in per cent: room for its value beside it


def block(kind: str, inner: str, style: str = "") -> str:
    """One chart as an HTML block carrying the app's style sheet (a block has no other)."""
    styled = f' style="{style}"' if style else ""
    return f'<style>{CSS}</style><div class="{kind}"{styled}>{inner}</div>'


def heading(title: str, note: str = "") -> str:
    shown = f'<p class="idm-chart-title">{html_text(title)}</p>'
    return shown + (f'<p class="idm-chart-note">{html_text(note)}</p>' if note else "")


def legend(keys: Iterable[tuple[str, str]], title: str = "", round_keys: bool = False) -> str:
    """Colour keys (colour, label) in a row that wraps between keys, never inside one."""
    kind = "idm-key idm-dot" if round_keys else "idm-key"
    items = "".join(f'<span class="idm-legend-item"><span class="{kind}" style="background:{colour}"></span>'
                    f"{html_text(label)}</span>" for colour, label in keys)
    named = f'<span class="idm-legend-title">{html_text(title)}</span>' if title else ""
    return f'<div class="idm-legend">{named}{items}</div>'


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: its label (shown, and whole in the hover), its segments (share of the
    longest row 0..1, colour, hover) and the value written at its end."""
    label: str
    full: str
    segments: tuple[tuple[float, str, str], ...]
    value: str


def bars(rows: Iterable[Bar]) -> str:
    """Rows of (stacked) horizontal bars, the longest BAR_SHARE per cent of the row, its value beside it."""
    out = []
    for row in rows:
        parts = "".join(f'<span class="idm-bar" style="width:{BAR_SHARE * share:.1f}%;background:{colour}" '
                        f'title="{html_text(hover)}"></span>' for share, colour, hover in row.segments)
        out.append(f'<tr><th scope="row" title="{html_text(row.full)}">{html_text(row.label)}</th>'
                   f'<td class="idm-bar-cell">{parts}<span class="idm-bar-value">{html_text(row.value)}</span></td></tr>')
    return f'<table><tbody>{"".join(out)}</tbody></table>'


def column_headers(columns: Iterable[tuple[str, str]], upright: bool) -> str:
    """A header row of (label, full label) columns after an empty corner: labels wrap over lines, or stand
    upright in narrow columns, their full text in the hover."""
    kind = "idm-upright" if upright else "idm-level"
    heads = "".join(f'<th scope="col" class="{kind}" title="{html_text(full)}"><span>{html_text(label)}</span></th>'
                    for label, full in columns)
    return f'<thead><tr><td class="idm-corner"></td>{heads}</tr></thead>'


def ramp_legend(title: str, colours: list[str], top: str, blank: str, blank_key: bool = True) -> str:
    """A colour ramp from 0 to `top` under `title`, then what a blank cell means (with its swatch if
    `blank_key`)."""
    key = '<span class="idm-zero"></span>' if blank_key else ""
    return (f'<div class="idm-legend"><span class="idm-legend-title">{html_text(title)}</span>'
            f'<span>0</span><span class="idm-ramp" style="background: linear-gradient(to right, {", ".join(colours)})">'
            f'</span><span>{html_text(top)}</span><span class="idm-legend-item">{key}{html_text(blank)}</span></div>')


def mark_chosen(html: str, pick: str) -> str:
    """`html` with the first mark whose `data-pick` attribute is `pick` (as written: 'data-pick="…"') marked
    chosen (class idm-chosen, aria-pressed): a chart is built once per view, the choice changes with every click."""
    for end in (" ", ">"):
        if f"{pick}{end}" in html:
            return html.replace(f"{pick}{end}", f'{pick} class="idm-chosen" aria-pressed="true"{end}', 1)
    return html
