"""Countries: a world map of the countries the texts name, a table of their
counts per session, and the sentences that name a chosen country."""

from pathlib import Path

import streamlit as st

from idm_data.views import actors, chart_text
from idm_data.views.evidence import for_download
from ui import clickable, data, evidence, layout, sidebar, url_state
from ui.blocks import figures_html
from ui.charts import countries as charts
from ui.escape import markdown_text

MAP_KEY = "world_map"
PAGE_KEYS = ("country",)
OUTLINE = Path(__file__).resolve().parents[1] / "static" / "world_110m.json"
MAP_COLUMNS = ["iso3", "country", "n_mentions", "n_documents", "n_sessions", "sessions", "first_sentence_id"]
TABLE_COLUMNS = ["country", "iso3", "n_mentions", "n_sentences", "n_documents", "n_sessions", "sessions",
                 "documents", "first_sentence_id"]


def pick_from_map(known) -> None:
    """A click on the map (known before the picker is drawn) becomes the picker's value."""
    picked = charts.picked_country(clickable.clicked(MAP_KEY), known)
    if picked:
        st.session_state["country"] = picked


all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Countries")
st.markdown("Every country the texts name (by name, short form, UN-style name or demonym). "
            "Click a country on the map, or choose it below, to read the sentences that name it.")

countries = data.derived(actors.country_summary, chosen)
if countries.empty:
    st.query_params.pop("country", None)  # no picker to hold it
    sidebar.link_to_view(chosen)
    layout.no_data("countries")
    layout.footer(chosen)
    st.stop()

options = {"": "Choose a country…"} | {r.iso3: f"{r.country} ({r.n_mentions} mention{'s' * (r.n_mentions != 1)})"
                                        for r in countries.sort_values("country").itertuples()}
st.html(figures_html({"Countries named": len(countries), "Mentions": f"{int(countries['n_mentions'].sum()):,}",
                       "Sentences": f"{tables['country_mentions']['sentence_id'].nunique():,}"}))
map_box = st.container()  # drawn last: it outlines the country the picker below holds

st.subheader("Countries and the sessions that name them")
table = countries[TABLE_COLUMNS]
with layout.drawn_when_open("Every country as a table", "countries-table") as is_open:
    if is_open:  # the grid's script would otherwise load on every first visit
        st.dataframe(table, hide_index=True, column_config={
            "country": "Country", "iso3": "ISO3", "n_mentions": "Mentions", "n_sentences": "Sentences",
            "n_documents": "Documents", "n_sessions": "Sessions",
            "sessions": "Session ids", "documents": "Document ids", "first_sentence_id": "First sentence"})
st.caption("Mentions count every time a country is named; a sentence naming it twice counts twice as a mention, "
           "once as a sentence.")
layout.download_csv(table, "idm-countries.csv")

st.subheader("Sentences naming a country")
pick_from_map(options)
iso3 = url_state.selectbox("Country", options, "country", default="", container=st)
sidebar.link_to_view(chosen, extra={"country": iso3}, title="Countries")
if iso3:
    found = data.derived(actors.country_evidence, chosen, iso3)
    st.markdown(f"**{markdown_text(options[iso3])}** in {len(found)} sentence(s):")
    evidence.show(found)
    layout.download_csv(for_download(found), f"idm-country-{iso3}-sentences.csv",
                        label="Download these sentences (CSV)")

with map_box:
    clickable.show(charts.map_html(countries, iso3, charts.outline(OUTLINE)), MAP_KEY)
    # the text alternative: the leaders in words; every country's figures are in the table below
    st.caption("In words: " + markdown_text(chart_text.ranking_summary(
        countries, "country", "n_mentions", ("country named", "countries named"), ("mention", "mentions"))))
    missing = actors.off_map(countries, charts.outline_ids(OUTLINE))
    if not missing.empty:
        st.caption("Too small for the map's 1:110m outline, so only in the table: "
                   + ", ".join(map(markdown_text, missing["country"])) + ".")
    layout.download_csv(countries[MAP_COLUMNS], "idm-countries-map.csv", label="Download the map's data (CSV)")
layout.footer(chosen)
