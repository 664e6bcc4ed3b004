"""Overview: what the corpus is, headline figures per session, how to use it."""

import streamlit as st

from idm_data.views.summaries import session_overview
from ui import data, layout, session_timeline, sidebar

all_tables, chosen, tables = sidebar.setup()
sidebar.link_to_view(chosen)

st.title("IDM Atlas")
st.markdown(
    "The texts of IOM's **International Dialogue on Migration** (IDM), 2017–2018: the sessions that fed the "
    "Global Compact for Safe, Orderly and Regular Migration. Every number here is counted from the documents' "
    "sentences, and every chart leads to the sentences it counts."
)

overview = data.derived(session_overview, chosen)
if overview.empty:
    layout.no_data("the overview")
    st.stop()

st.subheader("Sessions")
CARDS = 12  # beyond this many sessions the timeline stops being readable: the table below has them all
if len(overview) > CARDS:
    st.caption(f"The {CARDS} most recent of {len(overview)} sessions; the table below lists every session.")
st.html(session_timeline.timeline_html(overview.tail(CARDS), chosen))
st.caption("Each figure opens the page that lists what it counts, for that session; a figure as stated opens "
           "the sentence that states it.")

with layout.drawn_when_open("Headline figures as a table", "overview-table") as table_open:
    if table_open:
        shown = overview[["session_id", "session_name", "start_date", "end_date", "venue", "theme", "n_documents",
                          "n_words", "n_takeaways", "n_countries", "n_organisations", "n_people", "n_frameworks",
                          "participants", "participants_sentence_id", "speakers", "women_speakers",
                          "speakers_sentence_id", "women_speakers_sentence_id", "documents"]]
        st.dataframe(shown, hide_index=True)
        st.caption("Counts are distinct entities mentioned in the session's documents (after the filters). "
                   "Participants and speakers are as the texts state them; the *_sentence_id columns name the "
                   "sentence.")
        layout.download_csv(shown, "idm-sessions.csv")

st.subheader("How to use the atlas")
st.markdown(
    "- **Filter** by session, theme (the 23 GCM objectives and cross-cutting themes) and document type in the "
    "sidebar. The filters live in the address bar, follow you from page to page, and a link reopens the same view "
    "(*Link to this view* in the sidebar).\n"
    "- **Themes** compares what the sessions talked about; choose a cell to read the sentences.\n"
    "- **Takeaways** lists every takeaway, message and conclusion; **Countries** maps who was named; "
    "**Organisations and people** shows the actors; **Partnership network** shows who works with whom.\n"
    "- **Explorer** searches every sentence. **Method and accuracy** says how each table is built and how "
    "accurate it is against hand annotation.\n"
    "- Every chart and table has a CSV and a JSON download with the document, session and sentence ids, and "
    "*Cite this view* in the sidebar gives a reference to paste (link, date, codebook version)."
)
layout.footer(chosen)
