"""Takeaway cards as HTML: number and title, where each comes from, its themes,
and the full text in a <details> block, search words highlighted.

A document's cards are one `st.html` element: as Markdown, or as an element per
line, 30 cards took over half a second to redraw on every rerun.
"""

from __future__ import annotations


import pandas as pd

from idm_data.views import filters as f
from idm_data.views import takeaways as tv
from idm_data.views.takeaways import word_spans
from ui.escape import highlight_html, html_text as escape
from ui.styles import CSS


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def card_html(row, query: str, compact: bool = False) -> str:
    """One card (a takeaway or an idea for further action). Compact cards (one column
    per session) leave the session out and show the themes with the full text."""
    item_id = getattr(row, "takeaway_id", None) or row.action_id
    row_themes = getattr(row, "themes", ())
    where = escape(row.document) + ("" if compact else f" · {escape(row.session)}")
    themes = "Themes: " + " · ".join(escape(t) for t in row_themes) if len(row_themes) else ""
    link = escape("explorer?" + f.query_string(f.Filters(), {"sentence": row.first_sentence_id}))
    source = [f"Sentences: {', '.join(_code(s) for s in row.sentence_ids.split(';'))}",
              f"Characters {row.char_start}–{row.char_end} of the original file · "
              f'<a href="{link}" target="_self">open the first sentence in the Explorer</a>']
    if themes and compact:
        source.append(themes)
    head = [f"{where} · {_code(item_id)} · first sentence {_code(row.first_sentence_id)}"]
    if themes and not compact:
        head.append(themes)
    return (
        f'<div class="idm-card" id="{escape(item_id)}">'
        f'<div class="idm-card-title">{escape(str(row.number))}. {highlight_html(row.title, word_spans(row.title, query))}</div>'
        + "".join(f'<p class="idm-source">{line}</p>' for line in head)
        + f"<details{' open' if query else ''}><summary>Full text</summary>"
        f"<p>{highlight_html(row.text, word_spans(row.text, query))}</p>"
        + "".join(f'<p class="idm-source">{line}</p>' for line in source)
        + "</details></div>"
    )


def cards_html(rows: pd.DataFrame, query: str, compact: bool = False) -> str:
    return f"<style>{CSS}</style>" + "".join(card_html(row, query, compact) for row in rows.itertuples())


def page_view(tables: dict[str, pd.DataFrame], kind: str, query: str, view: str, max_cards: int,
              max_columns: int) -> dict:
    """What the Takeaways page draws for `kind` ("takeaways" or "actions") under a search and a view, built
    once per filters, search and view (the page caches it): the counts, the items drawn (the first
    `max_cards` cards, or the `max_columns` most recent sessions side by side) grouped with their cards'
    HTML (view "list": one block of the first cards), the rows shown for the Table view and the download."""
    items = tv.readable_items(tables, kind)
    shown = tv.search(items, query)
    n_sessions = shown["session_id"].nunique()
    if view == "side_by_side" and n_sessions > max_columns:
        drawn = shown[shown["session_id"].isin(list(dict.fromkeys(shown["session_id"]))[-max_columns:])]
    elif view == "side_by_side" or view == "table":
        drawn = shown
    else:
        drawn = shown.head(max_cards)
    compact = view == "side_by_side"
    if view == "table":
        groups = []
    elif view == "list":  # one block of cards, not grouped
        groups = [{"html": cards_html(drawn, query)}]
    else:
        groups = [{"document": rows["document"].iloc[0], "session": rows["session"].iloc[0], "n": len(rows),
                   "n_documents": rows["doc_id"].nunique(), "html": cards_html(rows, query, compact)}
                  for _, rows in tv.groups(drawn, "session_id" if compact else "doc_id")]
    return {"n_items": len(items), "n_shown": len(shown), "n_sessions": n_sessions, "groups": groups,
            "drawn": drawn if view == "table" else None,
            "documents": list(dict.fromkeys(items["document"])),
            "download": tv.for_download(shown, tv.ACTION_COLUMNS if kind == "actions" else tv.CSV_COLUMNS)}


def side_by_side_table(all_tables: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame], query: str) -> pd.DataFrame:
    """The takeaways the search keeps, one column per session (`takeaways.side_by_side`, the corpus's labels)."""
    return tv.side_by_side(tv.search(tv.readable_items(tables, "takeaways"), query), f.vocabulary(all_tables).sessions)
