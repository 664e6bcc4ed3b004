"""Explorer: full-text search over every sentence (keyword in context), and a sentence in its context."""

import streamlit as st

from idm_data.views import evidence
from idm_data.views import context as ec
from ui.escape import highlight_markdown, markdown_text as escape_markdown
from ui import data, layout, sidebar, url_state
from ui import evidence as evidence_ui

PAGE_KEYS = ("q", "sentence")
NO_SENTENCE = ""

all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Explorer")
st.markdown(
    "Search every sentence of the documents (within the sidebar's filters), read each match in its context, "
    "and open any sentence in its paragraph, with its place in the original file."
)

query = url_state.text("Search the sentences", key="q", container=st,
                       placeholder="A word or phrase, e.g. diaspora, whole of society",
                       help="Whole words, any case; several words match as a phrase.")
results = evidence.search(tables, query)


def _open_row(sentence_ids: list[str]) -> None:
    """A row chosen in the results table opens that sentence below."""
    rows = st.session_state["kwic"].selection.rows
    if rows and rows[0] < len(sentence_ids):
        st.session_state["sentence"] = sentence_ids[rows[0]]


def _results() -> None:
    if tables["sentences"].empty:
        layout.no_data("the sentences")
        return
    if not query:
        st.caption(f"{len(tables['sentences'])} sentences can be searched with the current filters.")
        return
    if results.empty:
        st.info(f"No sentence contains “{escape_markdown(query)}” with the current filters. "
                "Check the spelling, try another word, or widen the filters in the sidebar.")
        return
    counts = ec.search_summary(results)
    st.markdown(f"**{counts['n_matches']} match(es) in {counts['n_sentences']} sentence(s)** of "
                f"{counts['n_documents']} document(s) and {counts['n_sessions']} session(s).")
    st.subheader("Keyword in context")
    ids = list(results["sentence_id"])
    st.dataframe(ec.kwic(results), hide_index=True, key="kwic", on_select=lambda: _open_row(ids),
                 selection_mode="single-row",
                 column_config={"left": st.column_config.TextColumn("Left", alignment="right"),
                                "match": "Match", "right": "Right", "title": "Document", "session_id": "Session",
                                "sentence_id": "Sentence", "doc_id": "Document id"})
    st.caption("The first match of each sentence, with its context. Choose a row to open the sentence below.")
    layout.download_csv(evidence.for_download(results), "idm-search.csv", label="Download the matches (CSV)",
                        key="download-search")
    with st.expander(f"The {counts['n_sentences']} sentence(s), highlighted", expanded=True):
        evidence_ui.show(results)


MAX_CHOICES = 2000


def _context() -> None:
    st.subheader("A sentence in its context")
    choices = data.derived(ec.choices_for, chosen, tuple(results["sentence_id"]))
    if len(choices) > MAX_CHOICES:  # a picker of every sentence of a large corpus is too heavy to send
        wanted = {st.query_params.get("sentence"), st.session_state.get("sentence")}
        choices = dict(list(choices.items())[:MAX_CHOICES]) | {k: v for k, v in choices.items() if k in wanted}
        st.caption(f"The picker lists the search hits first, then the first {MAX_CHOICES} sentences: search to "
                   "reach the others.")
    if not choices:
        layout.no_data("the sentences")
        return
    picked = url_state.selectbox("Sentence", {NO_SENTENCE: "Choose a sentence…", **choices}, "sentence",
                                 default=NO_SENTENCE, container=st,
                                 help="Search hits come first; type to find a sentence id or its words.")
    if picked == NO_SENTENCE:
        st.caption("Choose a sentence (or a row of the search results) to read it in its paragraph.")
        return
    _show_context(picked)


def _show_context(sentence_id: str) -> None:
    record = ec.sentence_record(all_tables, sentence_id)
    context = ec.sentence_context(all_tables, sentence_id)
    st.markdown(f"**{escape_markdown(record['title'])}** · {escape_markdown(record['session_id'] or 'no session')} "
                f"· sentence `{sentence_id}`")
    cols = st.columns(3)
    cols[0].metric("Paragraph", record["paragraph_no"])
    cols[1].metric("Sentence in paragraph", record["sentence_no"])
    cols[2].metric("Characters in the file", f"{record['char_start']}–{record['char_end']}")
    st.caption(f"Offsets are characters into the original file `{record['file'].replace('`', '')}` "
               "(the paragraphs below are its clean text).")
    for row in context.itertuples():
        with st.container(border=row.role == ec.ROLES[0]):
            st.caption(f"{row.role.capitalize()} · paragraph {row.paragraph_no} · characters "
                       f"{row.char_start}–{row.char_end}")
            st.markdown(highlight_markdown(row.text, row.spans), unsafe_allow_html=True)
    layout.download_csv(context.drop(columns="spans"), "idm-sentence-context.csv",
                        label="Download this context (CSV)", key="download-context")


_results()
_context()
sidebar.link_to_view(chosen, extra={"q": query, "sentence": st.session_state.get("sentence", "")})
layout.footer(chosen)
