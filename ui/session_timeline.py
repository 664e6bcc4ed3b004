"""The overview's sessions as one HTML timeline: dates, venue, theme, documents
and headline figures, each figure linking to the page that lists what it counts.

One HTML block replaces a Plotly timeline and ~30 metric elements: the browser
redraws every element on each rerun, and Plotly's 4.6 MB script took over a
second of the first page load.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from idm_data.views.filters import Filters, query_string
from idm_data.views.summaries import stated
from ui.escape import html_text as escape
from ui.styles import CSS

# (column, label, page whose rows it counts)
FOUND = (
    ("n_takeaways", "Takeaways", "takeaways"),
    ("n_countries", "Countries", "countries"),
    ("n_organisations", "Organisations", "organisations"),
    ("n_people", "People named", "organisations"),
    ("n_frameworks", "Frameworks cited", "organisations"),
)
# (figure, label) as the texts state them; each links to its sentence in the explorer
STATED = (
    ("participants", "Participants (as stated)"),
    ("speakers", "Speakers (as stated)"),
    ("women_speakers", "Women speakers (as stated)"),
)


def date_span(start: str, end: str) -> str:
    """'18–19 April 2017', '30 April – 2 May 2017', or the raw text if not ISO dates."""
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end or start)
    except ValueError:
        return " to ".join(part for part in (start, end) if part) or "date unknown"
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def gap_label(previous_start: str, start: str) -> str:
    """How long after the previous session this one began ("3 months later")."""
    try:
        days = (date.fromisoformat(start) - date.fromisoformat(previous_start)).days
    except ValueError:
        return ""
    if days < 30:
        return f"{days} day{'s' * (days != 1)} later" if days > 0 else ""
    months = round(days / 30.44)
    return f"{months} month{'s' * (months != 1)} later"


def _link(page: str, chosen: Filters, session_id: str, extra: dict | None = None) -> str:
    return escape(f"{page}?{query_string(replace(chosen, sessions=(session_id,)), extra)}")


def _figure(value: str, label: str, href: str = "", title: str = "") -> str:
    inner = f'<span class="idm-value">{escape(value)}</span><span class="idm-label">{escape(label)}</span>'
    if not href:
        return f'<div class="idm-figure">{inner}</div>'
    return f'<a class="idm-figure" href="{href}" target="_self" title="{escape(title)}">{inner}</a>'


def _session(row: pd.Series, chosen: Filters) -> str:
    sid = row["session_id"]
    # documents without a session have no page to link to (`session=` would be dropped: every session)
    found = [_figure(f"{int(row[column]):,}", label, _link(page, chosen, sid) if sid else "",
                     f"List them on the {page} page") for column, label, page in FOUND]
    found.append(_figure(f"{int(row['n_words']):,}", "Words"))
    shown = []
    for column, label in STATED:
        sentence = row.get(f"{column}_sentence_id") or ""
        # the session alone: a theme or document-type filter could hide the sentence from the explorer
        href = (_link("explorer", Filters(), sid, {"sentence": sentence})
                if sid and sentence and not pd.isna(row[column]) else "")
        shown.append(_figure(stated(row[column], row[f"{column}_qualifier"]), label, href,
                             f"Read sentence {sentence}" if href else ""))
    facts = " · ".join(escape(part) for part in (row["venue"], f"Theme: {row['theme'] or '—'}") if part)
    return (
        f'<section class="idm-session" id="session-{escape(sid)}">'
        f'<div class="idm-when"><time datetime="{escape(row["start_date"])}">'
        f'{escape(date_span(row["start_date"], row["end_date"]))}</time></div>'
        f'<div class="idm-name">{escape(row["session_name"] or sid)}</div>'
        f'<div class="idm-facts">{facts}<br>Documents: {escape(row["documents"] or "—")}</div>'
        f'<div class="idm-figures">{"".join(found)}</div>'
        f'<div class="idm-figures idm-stated">{"".join(shown)}</div>'
        "</section>"
    )


def timeline_html(overview: pd.DataFrame, chosen: Filters) -> str:
    """Sessions in date order, with how long passed between them."""
    parts, previous = [f"<style>{CSS}</style>", '<div class="idm-timeline">'], None
    for _, row in overview.iterrows():
        gap = gap_label(previous, row["start_date"]) if previous else ""
        if gap:
            parts.append(f'<div class="idm-gap">{escape(gap)}</div>')
        parts.append(_session(row, chosen))
        previous = row["start_date"]
    parts.append("</div>")
    return "".join(parts)
