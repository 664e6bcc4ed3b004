"""Organisations and people: the organisations by type and session, the most-mentioned
actors, the people named with their titles, the frameworks cited, and the sentences
behind a chosen organisation."""

import streamlit as st

from idm_data.views import actors
from idm_data.views.evidence import for_download
from ui import alt_text, data, evidence, layout, sidebar, url_state
from ui.charts import organisations as charts
from ui.escape import markdown_text

PAGE_KEYS = ("top", "org")
DEFAULT_TOP = 15  # actors shown before the reader moves the slider
EVIDENCE_HEIGHT = 480  # pixels
ORG_COLUMNS = ["name", "acronym", "org_type_label", "needs_review", "n_mentions", "n_sentences", "n_documents",
               "sessions", "org_id", "source", "documents", "first_sentence_id"]
PEOPLE_COLUMNS = ["name", "title", "affiliation", "n_mentions", "n_documents", "documents", "sessions",
                  "first_sentence_id", "person_id"]
LABELS = {"name": "Name", "acronym": "Acronym", "title": "Title", "affiliation": "Affiliation",
          "n_mentions": "Mentions", "n_sentences": "Sentences", "n_documents": "Documents", "n_sessions": "Sessions",
          "n_organisations": "Distinct organisations", "org_type_label": "Type", "session": "Session",
          "actor_label": "Actor", "actor_type": "Type", "framework_label": "Framework",
          "first_sentence_id": "First sentence", "needs_review": "To review", "sessions": "Session ids",
          "documents": "Document ids"}


def _note_recent(n_sessions: int) -> None:
    if n_sessions > charts.CHART_SESSIONS:
        st.caption(f"The chart shows the {charts.CHART_SESSIONS} most recent of {n_sessions} sessions; choose "
                   "sessions in the sidebar to see others.")


def by_type_section() -> None:
    st.subheader("Organisations by type and session")
    view = data.derived_in_corpus(charts.by_type_view, chosen)
    if view is None:
        layout.no_data("organisations by type")
        return
    _note_recent(view["n_sessions"])
    st.html(view["html"])
    alt_text.describe_chart(view["summary"], view["shown"], "org-types-data", LABELS)
    layout.download_csv(view["download"], "idm-organisations-by-type-session.csv")


def top_section(n_actors: int) -> int | None:
    st.subheader("Most-mentioned actors")
    if not n_actors:
        layout.no_data("actors")
        st.query_params.pop("top", None)  # no slider to hold it
        return None
    top = url_state.number("Actors shown", "top", 1, n_actors, min(DEFAULT_TOP, n_actors), container=st)
    view = data.derived(charts.top_view, chosen, top)
    st.html(view["html"])
    alt_text.describe_chart(view["summary"], view["shown"], "top-actors-data", LABELS | {"actor_name": "Name"})
    layout.download_csv(view["download"], "idm-top-actors.csv")
    return top


def organisations_section(view: dict) -> str:
    st.subheader("Organisations")
    if view["table"].empty:
        layout.no_data("organisations")
        st.query_params.pop("org", None)  # no picker to hold it
        return ""
    if view["review"]:
        st.warning(f"{len(view['review'])} organisation(s) were discovered in the text, not in the curated "
                   f"gazetteer; a curator should review them (ticked under *To review*): "
                   + ", ".join(map(markdown_text, view["review"])) + ".")
    else:
        st.caption("Every organisation in this view comes from the curated gazetteer; none awaits review.")
    with layout.drawn_when_open("Every organisation as a table", "organisations-table") as is_open:
        if is_open:  # the grid's script would otherwise load on every first visit
            st.dataframe(view["table"], hide_index=True, column_config=LABELS)
    layout.download_csv(view["table"], "idm-organisations.csv")
    options = {"": "Choose an organisation…"} | view["choices"]
    org = url_state.selectbox("Sentences naming an organisation", options, "org", default="", container=st)
    if org:
        found = data.derived(actors.organisation_evidence, chosen, org)
        st.markdown(f"**{markdown_text(options[org])}** in {len(found)} sentence(s):")
        with st.container(height=EVIDENCE_HEIGHT):  # scrolls, so the sections below stay in reach
            evidence.show(found)
        layout.download_csv(for_download(found), f"idm-organisation-{org}-sentences.csv",
                            label="Download these sentences (CSV)")
    return org


def people_section() -> None:
    st.subheader("People named")
    people = data.derived(actors.people_summary, chosen)
    if people.empty:
        layout.no_data("people")
        return
    table = people[PEOPLE_COLUMNS]
    with layout.drawn_when_open("Every person as a table", "people-table") as is_open:
        if is_open:
            st.dataframe(table, hide_index=True, column_config=LABELS)
    st.caption(f"{len(table)} people. One row per person. Title: the fullest title the texts give; affiliation: every organisation "
               "(else country) named with the person.")
    layout.download_csv(table, "idm-people.csv")


def frameworks_section() -> None:
    st.subheader("Frameworks cited per session")
    view = data.derived_in_corpus(charts.frameworks_view, chosen)
    if view is None:
        layout.no_data("frameworks")
        return
    _note_recent(view["n_sessions"])
    st.caption(" · ".join(f"{markdown_text(name)}: {n_frameworks} framework(s), {n_mentions} citation(s)"
                          for name, n_frameworks, n_mentions in view["per_session"]))
    st.html(view["html"])
    alt_text.describe_chart(view["summary"], view["shown"], "frameworks-data", LABELS)
    layout.download_csv(view["download"], "idm-frameworks-by-session.csv")


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Organisations and people")
st.markdown("Who the texts name: organisations (by type), countries, people with their titles, and the "
            "normative frameworks they cite. Choose an organisation to read the sentences that name it.")
orgs = data.derived(charts.organisations_view, chosen, tuple(ORG_COLUMNS))
n_actors = len(orgs["table"]) + len(data.derived(actors.country_summary, chosen))
if not n_actors and tables["people"].empty and tables["framework_mentions"].empty:
    for key in PAGE_KEYS:
        st.query_params.pop(key, None)  # no widget to hold them
    sidebar.link_to_view(chosen, title="Organisations and people")
    layout.no_data("organisations, people or frameworks")
    layout.footer(chosen)
    st.stop()

by_type_section()
top = top_section(n_actors)
org = organisations_section(orgs)
people_section()
frameworks_section()
sidebar.link_to_view(chosen, extra={"top": top, "org": org}, title="Organisations and people")
layout.footer(chosen)
