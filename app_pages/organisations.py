"""Organisations and people: the organisations by type and session, the most-mentioned
actors, the people named with their titles, the frameworks cited, and the sentences
behind a chosen organisation."""

import streamlit as st

from idm_data.views import actors, chart_text
from idm_data.views.evidence import for_download
from idm_data.views.filters import latest_sessions
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


CHART_SESSIONS = 24  # more sessions than this make unreadable charts


def _note_recent(frame) -> None:
    n = frame["session_id"].nunique()
    if n > CHART_SESSIONS:
        st.caption(f"The chart shows the {CHART_SESSIONS} most recent of {n} sessions; choose sessions in the "
                   "sidebar to see others.")


def by_type_section(tables, names) -> None:
    st.subheader("Organisations by type and session")
    by_type = data.derived(actors.organisations_by_type_session, chosen)
    if by_type.empty:
        layout.no_data("organisations by type")
        return
    _note_recent(by_type)
    by_type = latest_sessions(by_type, tables["sessions"], CHART_SESSIONS)
    st.html(charts.by_type_html(by_type, names))
    shown = by_type.assign(session=by_type["session_id"].map(names))
    alt_text.describe_chart("The type with most distinct organisations in each session: " + chart_text.leader_per_group(
        shown, "session", "org_type_label", "n_organisations", ("organisation", "organisations")),
                            shown[["session", "org_type_label", "n_organisations", "n_mentions"]], "org-types-data",
                            LABELS)
    layout.download_csv(by_type, "idm-organisations-by-type-session.csv")


def top_section(tables, n_actors: int) -> int | None:
    st.subheader("Most-mentioned actors")
    if not n_actors:
        layout.no_data("actors")
        st.query_params.pop("top", None)  # no slider to hold it
        return None
    top = url_state.number("Actors shown", "top", 1, n_actors, min(DEFAULT_TOP, n_actors), container=st)
    leaders = data.derived(actors.top_actors, chosen, top)
    st.html(charts.top_actors_html(leaders))
    alt_text.describe_chart(chart_text.ranking_summary(leaders, "actor_label", "n_mentions",
                                                       ("actor shown", "actors shown"), ("mention", "mentions")),
                            leaders[["actor_label", "actor_name", "actor_type", "n_mentions", "n_documents", "sessions"]],
                            "top-actors-data", LABELS | {"actor_name": "Name"})
    layout.download_csv(leaders, "idm-top-actors.csv")
    return top


def organisations_section(tables, orgs) -> str:
    st.subheader("Organisations")
    if orgs.empty:
        layout.no_data("organisations")
        st.query_params.pop("org", None)  # no picker to hold it
        return ""
    review = orgs[orgs["needs_review"]]
    if review.empty:
        st.caption("Every organisation in this view comes from the curated gazetteer; none awaits review.")
    else:
        st.warning(f"{len(review)} organisation(s) were discovered in the text, not in the curated gazetteer; "
                   f"a curator should review them (ticked under *To review*): "
                   + ", ".join(map(markdown_text, review["name"])) + ".")
    table = orgs[ORG_COLUMNS]
    with layout.drawn_when_open("Every organisation as a table", "organisations-table") as is_open:
        if is_open:  # the grid's script would otherwise load on every first visit
            st.dataframe(table, hide_index=True, column_config=LABELS)
    layout.download_csv(table, "idm-organisations.csv")
    options = {"": "Choose an organisation…"} | {
        r.org_id: f"{r.name}{f' ({r.acronym})' if r.acronym else ''}{' ⚠ to review' if r.needs_review else ''}"
        for r in orgs.sort_values("name").itertuples()}
    org = url_state.selectbox("Sentences naming an organisation", options, "org", default="", container=st)
    if org:
        found = data.derived(actors.organisation_evidence, chosen, org)
        st.markdown(f"**{markdown_text(options[org])}** in {len(found)} sentence(s):")
        with st.container(height=EVIDENCE_HEIGHT):  # scrolls, so the sections below stay in reach
            evidence.show(found)
        layout.download_csv(for_download(found), f"idm-organisation-{org}-sentences.csv",
                            label="Download these sentences (CSV)")
    return org


def people_section(tables) -> None:
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


def frameworks_section(tables, names) -> None:
    st.subheader("Frameworks cited per session")
    cited = data.derived(actors.frameworks_by_session, chosen)
    if cited.empty:
        layout.no_data("frameworks")
        return
    per_session = data.derived(actors.frameworks_per_session, chosen)
    _note_recent(cited)
    cited = latest_sessions(cited, tables["sessions"], CHART_SESSIONS)
    per_session = latest_sessions(per_session, tables["sessions"], CHART_SESSIONS)
    st.caption(" · ".join(f"{markdown_text(names.get(r.session_id, r.session_id))}: {r.n_frameworks} framework(s), "
                          f"{r.n_mentions} citation(s)" for r in per_session.itertuples()))
    st.html(charts.frameworks_html(cited, names))
    shown = cited.assign(session=cited["session_id"].map(names))
    alt_text.describe_chart(chart_text.ranking_summary(shown, "framework_label", "n_mentions",
                                                       ("framework cited", "frameworks cited"),
                                                       ("citation", "citations")),
                            shown[["session", "framework_label", "n_mentions", "n_sentences", "n_documents"]],
                            "frameworks-data", LABELS)
    layout.download_csv(cited, "idm-frameworks-by-session.csv")


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Organisations and people")
st.markdown("Who the texts name: organisations (by type), countries, people with their titles, and the "
            "normative frameworks they cite. Choose an organisation to read the sentences that name it.")
names = charts.session_names(all_tables["sessions"])
orgs = data.derived(actors.organisation_summary, chosen)
n_actors = len(orgs) + len(data.derived(actors.country_summary, chosen))
if not n_actors and tables["people"].empty and tables["framework_mentions"].empty:
    for key in PAGE_KEYS:
        st.query_params.pop(key, None)  # no widget to hold them
    sidebar.link_to_view(chosen, title="Organisations and people")
    layout.no_data("organisations, people or frameworks")
    layout.footer(chosen)
    st.stop()

by_type_section(tables, names)
top = top_section(tables, n_actors)
org = organisations_section(tables, orgs)
people_section(tables)
frameworks_section(tables, names)
sidebar.link_to_view(chosen, extra={"top": top, "org": org}, title="Organisations and people")
layout.footer(chosen)
