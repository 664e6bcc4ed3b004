"""Overview: what the corpus is, headline figures per session, how to use it."""

import plotly.express as px
import streamlit as st

from idm_data.summaries import session_overview, stated
from ui import data, layout, sidebar

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


@st.cache_data(max_entries=64, show_spinner=False)
def timeline_figure(overview):
    """Sessions on a time axis, coloured by city (cached: same filters, same figure)."""
    frame = overview.assign(label=overview["session_name"].where(overview["session_name"] != "", overview["session_id"]))
    figure = px.timeline(frame, x_start="start_date", x_end=frame["end_date"] + " 23:59", y="label",
                         color="city", hover_data={"venue": True, "theme": True, "n_documents": True, "label": False},
                         labels={"label": "Session", "city": "City", "venue": "Venue", "theme": "Theme",
                                 "n_documents": "Documents"},
                         title="IDM sessions in the corpus: dates and venues")
    figure.update_yaxes(autorange="reversed", showticklabels=len(frame) <= 40)
    figure.update_traces(width=0.5)
    figure.update_layout(height=min(900, 160 + 40 * len(frame)))
    return figure


figure = timeline_figure(overview)
st.plotly_chart(figure, key="timeline")

CARDS = 12  # beyond this many sessions, cards stop being readable: the table below has them all
if len(overview) > CARDS:
    st.caption(f"Cards for the {CARDS} most recent of {len(overview)} sessions; the table below lists every session.")
for row in overview.tail(CARDS).itertuples():
    with st.container(border=True):
        st.markdown(f"**{row.session_name or row.session_id}** · {row.start_date} to {row.end_date} · {row.venue}")
        st.caption(f"Theme: {row.theme or '—'}  \nDocuments: {row.documents}")
        found, stated_by_text = st.columns(5), st.columns(5)
        found[0].metric("Takeaways", row.n_takeaways)
        found[1].metric("Countries", row.n_countries)
        found[2].metric("Organisations", row.n_organisations)
        found[3].metric("People named", row.n_people)
        found[4].metric("Frameworks cited", row.n_frameworks)
        stated_by_text[0].metric("Participants (as stated)", stated(row.participants, row.participants_qualifier))
        stated_by_text[1].metric("Speakers (as stated)", stated(row.speakers, row.speakers_qualifier))
        stated_by_text[2].metric("Women speakers (as stated)", stated(row.women_speakers, row.women_speakers_qualifier))
        stated_by_text[3].metric("Words", f"{row.n_words:,}")

shown = overview[["session_id", "session_name", "start_date", "end_date", "venue", "theme", "n_documents", "n_words",
                  "n_takeaways", "n_countries", "n_organisations", "n_people", "n_frameworks", "participants",
                  "participants_sentence_id", "speakers", "women_speakers", "speakers_sentence_id", "documents"]]
with st.expander("Headline figures as a table"):
    st.dataframe(shown, hide_index=True)
    st.caption("Counts are distinct entities mentioned in the session's documents (after the filters). "
               "Participants and speakers are as the texts state them; the *_sentence_id columns name the sentence.")
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
    "- Every chart and table has a CSV download with the document, session and sentence ids, so a figure can be cited."
)
layout.footer(tables, chosen)
