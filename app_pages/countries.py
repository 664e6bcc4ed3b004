"""Countries: a world map of the countries the texts name, a table of their
counts per session, and the sentences that name a chosen country."""

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from idm_data.views import actors, chart_text
from idm_data.views.evidence import for_download
from ui import alt_text, colours, data, evidence, layout, sidebar, url_state
from ui import data, evidence, layout, sidebar, url_state
from ui.escape import markdown_text, plotly_columns

MAP_KEY = "world_map"
PAGE_KEYS = ("country",)
OUTLINE = Path(__file__).resolve().parents[1] / "static" / "world_110m.json"
# plotly.js would fetch the outline from a CDN; Streamlit serves static/ at app/static/
MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False}
MAP_COLUMNS = ["iso3", "country", "n_mentions", "n_documents", "n_sessions", "sessions", "first_sentence_id"]
TABLE_COLUMNS = ["country", "iso3", "n_mentions", "n_sentences", "n_documents", "n_sessions", "sessions",
                 "documents", "first_sentence_id"]


def world_map(countries, chosen_iso3: str | None) -> go.Figure:
    """Choropleth of mentions per country (ISO-3), the chosen country outlined."""
    hover = ("<b>%{customdata[1]}</b> (%{customdata[0]})<br>Mentions: %{customdata[2]}<br>"
             "Documents: %{customdata[3]}<br>Sessions: %{customdata[4]} (%{customdata[5]})<extra></extra>")
    mentions = countries["n_mentions"]
    countries = plotly_columns(countries, ["country", "sessions"])  # hover values
    figure = go.Figure(go.Choropleth(
        locations=countries["iso3"], locationmode="ISO-3", z=mentions, zmin=mentions.min(), zmax=mentions.max(),
        colorscale=colours.BLUES, customdata=countries[MAP_COLUMNS[:-1]].to_numpy(), hovertemplate=hover,
        marker_line=dict(color="#8a8a8a", width=0.5), colorbar=dict(title=dict(text="Mentions"))))
    chosen = countries[countries["iso3"] == chosen_iso3]
    # drawn on top, transparent but for its border; it keeps the hover of the country beneath
    figure.add_trace(go.Choropleth(
        locations=chosen["iso3"], locationmode="ISO-3", z=[1] * len(chosen), showscale=False,
        customdata=chosen[MAP_COLUMNS[:-1]].to_numpy(), hovertemplate=hover,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], marker_line=dict(color="#d62728", width=2.5)))
    figure.update_geos(projection_type="natural earth", fitbounds=False, showcountries=True,
                       countrycolor="#b8b8b8", showcoastlines=True, coastlinecolor="#9a9a9a", showland=True,
                       landcolor="#f3f3f3", showframe=False, showlakes=False,
                       lataxis_range=[-57, 84])  # Antarctica left out: more room for the rest
    figure.update_layout(height=440, margin=dict(l=0, r=0, t=40, b=0),
                         title="Mentions of each country in the texts (click a country to read its sentences)")
    return figure


def pick_from_map() -> None:
    """A click on the map becomes the picker's value (before the picker is drawn)."""
    state = st.session_state.get(MAP_KEY) or {}
    picked = actors.picked_location((state.get("selection") or {}).get("points", []))
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
cols = st.columns(3)
cols[0].metric("Countries named", len(countries))
cols[1].metric("Mentions", int(countries["n_mentions"].sum()))
cols[2].metric("Sentences", tables["country_mentions"]["sentence_id"].nunique())
map_box = st.container()  # drawn last: it outlines the country the picker below holds

st.subheader("Countries and the sessions that name them")
table = countries[TABLE_COLUMNS]
st.dataframe(table, hide_index=True, column_config={
    "country": "Country", "iso3": "ISO3", "n_mentions": "Mentions", "n_sentences": "Sentences",
    "n_documents": "Documents", "n_sessions": "Sessions",
    "sessions": "Session ids", "documents": "Document ids", "first_sentence_id": "First sentence"})
st.caption("Mentions count every time a country is named; a sentence naming it twice counts twice as a mention, "
           "once as a sentence.")
layout.download_csv(table, "idm-countries.csv")

st.subheader("Sentences naming a country")
iso3 = url_state.selectbox("Country", options, "country", default="", container=st)
sidebar.link_to_view(chosen, extra={"country": iso3})
if iso3:
    found = data.derived(actors.country_evidence, chosen, iso3)
    st.markdown(f"**{markdown_text(options[iso3])}** in {len(found)} sentence(s):")
    evidence.show(found)
    layout.download_csv(for_download(found), f"idm-country-{iso3}-sentences.csv",
                        label="Download these sentences (CSV)")

with map_box:
    st.plotly_chart(world_map(countries, iso3), key=MAP_KEY, on_select=pick_from_map, selection_mode="points",
                    config=MAP_CONFIG)
    alt_text.describe_chart(chart_text.ranking_summary(countries, "country", "n_mentions",
                                                       ("country named", "countries named"), ("mention", "mentions")),
                            countries[MAP_COLUMNS], "map-data")
    missing = actors.off_map(countries, actors.outline_ids(OUTLINE))
    if not missing.empty:
        st.caption("Too small for the map's 1:110m outline, so only in the table: "
                   + ", ".join(map(markdown_text, missing["country"])) + ".")
    layout.download_csv(countries[MAP_COLUMNS], "idm-countries-map.csv", label="Download the map's data (CSV)")
layout.footer(chosen)
