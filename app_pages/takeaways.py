"""Takeaways: every takeaway, message and conclusion, searchable, with the sessions side by side,
and the ideas for further action."""

import streamlit as st

from ui import data, layout, sidebar, takeaway_cards, url_state
from ui.escape import markdown_text as escape_markdown

VIEWS = {"cards": "Cards", "side_by_side": "Sessions side by side", "table": "Table"}
MAX_CARDS = 60  # more cards than this make the page slow and long: the table and CSV hold them all
MAX_COLUMNS = 6  # sessions side by side
PAGE_KEYS = ("q", "view")

all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

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


def _cards(shown: dict) -> None:
    for group in shown["groups"]:
        st.subheader(escape_markdown(group["document"]))
        st.caption(f"{escape_markdown(group['session'])} · {group['n']} takeaway(s) shown")
        st.html(group["html"])


def _side_by_side(shown: dict) -> None:
    for column, group in zip(st.columns(len(shown["groups"])), shown["groups"]):
        with column:
            st.markdown(f"#### {escape_markdown(group['session'])}")
            st.caption(f"{group['n']} takeaway(s) shown, from {group['n_documents']} document(s)")
            st.html(group["html"])
    with layout.drawn_when_open("The sessions side by side as one table", "side-by-side-table") as is_open:
        if is_open:
            wide = data.derived_in_corpus(takeaway_cards.side_by_side_table, chosen, query)
            st.dataframe(wide, hide_index=True)
            st.caption("Row n lists each session's n-th takeaway (documents in order, then number), with its id.")
            layout.download_csv(wide, "idm-takeaways-side-by-side.csv", key="download-side-by-side")


def _table(shown: dict) -> None:
    drawn = shown["drawn"]
    table = drawn.assign(themes=drawn["themes"].map("; ".join))
    st.dataframe(table[["takeaway_id", "session", "document", "number", "title", "themes", "first_sentence_id",
                        "sentence_ids", "text"]], hide_index=True,
                 column_config={"number": st.column_config.NumberColumn("No."),
                                "first_sentence_id": "First sentence", "sentence_ids": "Sentences"})


def _takeaways() -> None:
    shown = data.derived(takeaway_cards.page_view, chosen, "takeaways", query, view, MAX_CARDS, MAX_COLUMNS)
    if not shown["n_items"]:
        layout.no_data("takeaways")
        return
    st.caption(f"{shown['n_shown']} of {shown['n_items']} takeaways shown"
               + (f", containing every word of “{escape_markdown(query)}”" if query else "") + ".")
    if not shown["n_shown"]:
        st.info(f"No takeaway contains every word of “{escape_markdown(query)}”. Try fewer or other words, "
                "or clear the search.")
        return
    if view == "side_by_side" and shown["n_sessions"] > MAX_COLUMNS:
        st.caption(f"Side by side: the {MAX_COLUMNS} most recent of {shown['n_sessions']} sessions; "
                   "choose sessions in the sidebar to compare others.")
    elif view == "cards" and shown["n_shown"] > MAX_CARDS:
        st.caption(f"Cards for the first {MAX_CARDS} of {shown['n_shown']} takeaways: search or filter to narrow "
                   "them, or switch to the Table view; the CSV below holds them all.")
    {"cards": _cards, "side_by_side": _side_by_side, "table": _table}[view](shown)
    layout.download_csv(shown["download"], "idm-takeaways.csv", label="Download these takeaways (CSV)",
                        key="download-takeaways")


def _actions() -> None:
    st.header("Ideas for further action")
    shown = data.derived(takeaway_cards.page_view, chosen, "actions", query, "list", MAX_CARDS, MAX_COLUMNS)
    if not shown["n_items"]:
        layout.no_data("ideas for further action")
        return
    st.caption(f"{shown['n_shown']} of {shown['n_items']} ideas for further action shown, from "
               + "; ".join(escape_markdown(d) for d in shown["documents"]) + ".")
    if not shown["n_shown"]:
        st.info(f"No idea for further action contains every word of “{escape_markdown(query)}”.")
        return
    if shown["n_shown"] > MAX_CARDS:
        st.caption(f"Cards for the first {MAX_CARDS} of {shown['n_shown']} ideas: search or filter to narrow them; "
                   "the CSV below holds them all.")
    st.html(shown["groups"][0]["html"])
    layout.download_csv(shown["download"], "idm-actions.csv", label="Download these ideas (CSV)",
                        key="download-actions")


_takeaways()
_actions()
layout.footer(chosen)
