"""Takeaways: every takeaway, message and conclusion, searchable, with the sessions side by side,
and the ideas for further action."""

import streamlit as st

from idm_data.views import filters as f
from idm_data.views import takeaways as tv
from ui import data, layout, sidebar, takeaway_cards, url_state
from ui.escape import markdown_text as escape_markdown

VIEWS = {"cards": "Cards", "side_by_side": "Sessions side by side", "table": "Table"}
MAX_CARDS = 60  # more cards than this make the page slow and long: the table and CSV hold them all
MAX_COLUMNS = 6  # sessions side by side
PAGE_KEYS = ("q", "view")

all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)
vocab = data.derived(f.vocabulary, None)

st.title("Takeaways")
st.markdown(
    "Every numbered takeaway, message or key area of convergence of the IDM documents (and the conclusion "
    "paragraphs of the 2018 summary), with the themes found in its sentences. Each one names its sentences, "
    "so it can be cited and opened in the **Explorer**."
)

search_col, view_col = st.columns([3, 1])
query = url_state.text("Search the takeaways", key="q", container=search_col,
                       placeholder="Words in the title or text, e.g. vulnerab integration",
                       help="Keeps the takeaways whose title or text contains every word (any case).")
view = url_state.selectbox("View", VIEWS, "view", default="cards", container=view_col)
sidebar.link_to_view(chosen, extra={"q": query, "view": "" if view == "cards" else view})


def _cards(shown) -> None:
    for doc_id, rows in tv.groups(shown, "doc_id"):
        first = rows.iloc[0]
        st.subheader(escape_markdown(first["document"]))
        st.caption(f"{escape_markdown(first['session'])} · {len(rows)} takeaway(s) shown")
        st.html(takeaway_cards.cards_html(rows, query))


def _side_by_side(shown) -> None:
    per_session = tv.groups(shown, "session_id")
    for column, (session_id, rows) in zip(st.columns(len(per_session)), per_session):
        with column:
            st.markdown(f"#### {escape_markdown(rows['session'].iloc[0])}")
            st.caption(f"{len(rows)} takeaway(s) shown, from {rows['doc_id'].nunique()} document(s)")
            st.html(takeaway_cards.cards_html(rows, query, compact=True))
    wide = tv.side_by_side(shown, vocab.sessions)
    with layout.drawn_when_open("The sessions side by side as one table", "side-by-side-table") as is_open:
        if is_open:
            st.dataframe(wide, hide_index=True)
            st.caption("Row n lists each session's n-th takeaway (documents in order, then number), with its id.")
            layout.download_csv(wide, "idm-takeaways-side-by-side.csv", key="download-side-by-side")


def _table(shown) -> None:
    table = shown.assign(themes=shown["themes"].map("; ".join))
    st.dataframe(table[["takeaway_id", "session", "document", "number", "title", "themes", "first_sentence_id",
                        "sentence_ids", "text"]], hide_index=True,
                 column_config={"number": st.column_config.NumberColumn("No."),
                                "first_sentence_id": "First sentence", "sentence_ids": "Sentences"})


def _takeaways() -> None:
    items = data.derived(tv.readable_items, chosen, "takeaways")
    if items.empty:
        layout.no_data("takeaways")
        return
    shown = tv.search(items, query)
    st.caption(f"{len(shown)} of {len(items)} takeaways shown"
               + (f", containing every word of “{escape_markdown(query)}”" if query else "") + ".")
    if shown.empty:
        st.info(f"No takeaway contains every word of “{escape_markdown(query)}”. Try fewer or other words, "
                "or clear the search.")
        return
    if view == "side_by_side" and shown["session_id"].nunique() > MAX_COLUMNS:
        keep = list(dict.fromkeys(shown["session_id"]))[-MAX_COLUMNS:]
        st.caption(f"Side by side: the {MAX_COLUMNS} most recent of {shown['session_id'].nunique()} sessions; "
                   "choose sessions in the sidebar to compare others.")
        drawn = shown[shown["session_id"].isin(keep)]
    elif view == "cards" and len(shown) > MAX_CARDS:
        st.caption(f"Cards for the first {MAX_CARDS} of {len(shown)} takeaways: search or filter to narrow them, or "
                   "switch to the Table view; the CSV below holds them all.")
        drawn = shown.head(MAX_CARDS)
    else:
        drawn = shown
    {"cards": _cards, "side_by_side": _side_by_side, "table": _table}[view](drawn)
    layout.download_csv(tv.for_download(shown), "idm-takeaways.csv", label="Download these takeaways (CSV)",
                        key="download-takeaways")


def _actions() -> None:
    st.header("Ideas for further action")
    items = data.derived(tv.readable_items, chosen, "actions")
    if items.empty:
        layout.no_data("ideas for further action")
        return
    shown = tv.search(items, query)
    st.caption(f"{len(shown)} of {len(items)} ideas for further action shown, from "
               + "; ".join(escape_markdown(d) for d in dict.fromkeys(items["document"])) + ".")
    if shown.empty:
        st.info(f"No idea for further action contains every word of “{escape_markdown(query)}”.")
        return
    if len(shown) > MAX_CARDS:
        st.caption(f"Cards for the first {MAX_CARDS} of {len(shown)} ideas: search or filter to narrow them; the CSV "
                   "below holds them all.")
    st.html(takeaway_cards.cards_html(shown.head(MAX_CARDS), query))
    layout.download_csv(tv.for_download(shown, tv.ACTION_COLUMNS), "idm-actions.csv",
                        label="Download these ideas (CSV)", key="download-actions")


_takeaways()
_actions()
layout.footer(chosen)
