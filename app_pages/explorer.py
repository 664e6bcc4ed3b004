"""Explorer: ranked full-text search over every sentence (keyword in context), a sentence in its
context, and the sentences closest to it in meaning."""

import streamlit as st

from idm_data.search import fulltext
from idm_data.search.query import SYNTAX_HELP
from idm_data.views import context as ec
from ui import data, layout, sidebar, url_state
from ui import evidence as evidence_ui
from ui.escape import highlight_markdown, markdown_text as escape_markdown

PAGE_KEYS = ("q", "sentence", "like")
NO_SENTENCE = ""
HIGHLIGHTED = 50
KWIC_COLUMNS = ["rank", "left", "match", "right", "title", "session_id", "sentence_id", "relevance"]

all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Explorer")
st.markdown(
    "Search every sentence of the documents (within the sidebar's filters), most relevant first, read each match "
    "in its context, open any sentence in its paragraph with its place in the original file, and find the "
    "sentences closest to it in meaning."
)

query = url_state.text("Search the sentences", key="q", container=st,
                       placeholder='e.g. migrant, vulnerab*, "whole of society", refugees OR migrants',
                       help=escape_markdown(SYNTAX_HELP))
found = data.search(chosen, query)
results = found.hits


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
        st.caption(f"{len(tables['sentences'])} sentences can be searched with the current filters. "
                   + escape_markdown(SYNTAX_HELP))
        return
    if found.problem:
        st.warning(escape_markdown(found.problem), icon=":material/edit:")
        return
    if results.empty:
        st.info(f"No sentence matches “{escape_markdown(query)}” with the current filters. "
                "Check the spelling, try another word or a prefix (vulnerab\\*), or widen the filters in the sidebar.")
        return
    counts = fulltext.summary(results)
    st.markdown(f"**{counts['n_sentences']} sentence(s)** of {counts['n_documents']} document(s) and "
                f"{counts['n_sessions']} session(s) match, the most relevant first (bm25: rare words and short "
                "sentences weigh more).")
    st.subheader("Keyword in context")
    shown = found.top
    ids = list(shown["sentence_id"])
    st.dataframe(shown[KWIC_COLUMNS], hide_index=True, key="kwic", on_select=lambda: _open_row(ids),
                 selection_mode="single-row",
                 column_config={"rank": "Rank", "left": st.column_config.TextColumn("Left", alignment="right"),
                                "match": "Match", "right": "Right", "title": "Document", "session_id": "Session",
                                "sentence_id": "Sentence",
                                "relevance": st.column_config.NumberColumn("Relevance", format="%.2f")})
    st.caption("The first match of each sentence, with its context"
               + (f"; the {fulltext.SHOWN} most relevant of {len(results)}" if len(results) > fulltext.SHOWN else "")
               + ". Choose a row to open the sentence below.")
    layout.download_csv(fulltext.for_download(results), "idm-search.csv", label="Download the matches (CSV)",
                        key="download-search")
    with st.expander(f"The {counts['n_sentences']} sentence(s), highlighted", expanded=True):
        evidence_ui.show(shown.head(HIGHLIGHTED))
        if len(results) > HIGHLIGHTED:
            st.caption(f"The {HIGHLIGHTED} most relevant of {len(results)}; the CSV has them all.")


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
    _similar(sentence_id)


def _similar(sentence_id: str) -> None:
    """The closest sentences in meaning, computed only when asked (the model loads then)."""
    st.subheader("Sentences like this one")
    if not url_state.toggle("Find the sentences closest in meaning", "like", container=st,
                            help="Compares meanings, not words: each sentence becomes a vector (wordllama, "
                                 "offline) and the nearest by cosine similarity are listed, within the filters."):
        st.caption("Turn it on to list the sentences closest in meaning to this one (the first time, every "
                   "sentence of the corpus is read, which takes a few seconds).")
        return
    alike = data.similar_sentences(chosen, sentence_id)
    if alike.empty:
        st.info("No other sentence to compare with under the current filters: widen them in the sidebar.")
        return
    st.dataframe(alike[["similarity", "text", "title", "session_id", "sentence_id"]], hide_index=True,
                 column_config={"similarity": st.column_config.ProgressColumn("Similarity", min_value=0.0,
                                                                              max_value=1.0, format="%.2f"),
                                "text": "Sentence", "title": "Document", "session_id": "Session",
                                "sentence_id": "Sentence id"})
    st.caption("Cosine similarity of the sentences' meanings (1 = the same). Open one by choosing it above.")
    layout.download_csv(alike.drop(columns=["spans", "matched"]), "idm-similar-sentences.csv",
                        label="Download these sentences (CSV)", key="download-similar")


_results()
_context()
sidebar.link_to_view(chosen, extra={"q": query, "sentence": st.session_state.get("sentence", ""),
                                    "like": st.query_params.get("like", "")})
layout.footer(chosen)
