"""Partnership network: who works with whom, and the sentences that say so."""

import math

import plotly.graph_objects as go
import streamlit as st
from plotly.colors import qualitative

from idm_data.views import network
from idm_data.vocabulary import actor_type_label, actor_type_labels
from idm_data.views.evidence import for_download
from ui import data, evidence, layout, sidebar, url_state
from ui.escape import markdown_text, plotly_text

EDGE_STYLE = {"explicit": {"color": "rgba(40, 40, 40, 0.85)", "dash": "solid"},
              "co_mention": {"color": "rgba(130, 130, 130, 0.45)", "dash": "dot"}}
EDGE_LABELS = {"explicit": "Stated partnership", "co_mention": "Named in one sentence"}
TYPE_COLOURS = {t: qualitative.Plotly[i % len(qualitative.Plotly)] for i, t in enumerate(actor_type_labels())}
MAX_TEXT_LABELS = 40  # above this, names only on hover


def _edge_traces(edges) -> list[go.Scatter]:
    """One line trace per (kind, weight), width by weight; lines are not clickable."""
    traces, top = [], max(edges["weight"].max(), 1)
    for kind in EDGE_STYLE:
        weights = sorted(edges.loc[edges["kind"] == kind, "weight"].unique())
        for number, weight in enumerate(weights):
            group = edges[(edges["kind"] == kind) & (edges["weight"] == weight)]
            xs = [v for r in group.itertuples() for v in (r.x0, r.x1, None)]
            ys = [v for r in group.itertuples() for v in (r.y0, r.y1, None)]
            traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", name=EDGE_LABELS[kind],
                                     legendgroup=kind, showlegend=number == 0,
                                     line={**EDGE_STYLE[kind], "width": 1 + 5 * weight / top}))
    return traces


def _midpoints(edges) -> go.Scatter:
    """An invisible marker per edge, so an edge can be hovered and selected."""
    hover = [f"{plotly_text(r.source_name)} — {plotly_text(r.target_name)}<br>{r.weight} sentence(s), "
             f"{r.n_explicit} stating a partnership"
             for r in edges.itertuples()]
    return go.Scatter(x=edges["xm"], y=edges["ym"], mode="markers", marker={"size": 14, "opacity": 0},
                      customdata=edges["item"], hovertext=hover, hoverinfo="text", showlegend=False, name="Pairs")


def _node_traces(nodes) -> list[go.Scatter]:
    """One marker trace per actor type; size by mentions."""
    top, traces = max(nodes["mentions"].max(), 1), []
    few = len(nodes) <= MAX_TEXT_LABELS
    text_mode, spread = ("markers+text", 30) if few else ("markers", 14)  # smaller markers in a crowd
    for actor_type in sorted(nodes["type"].unique(), key=actor_type_label):
        group = nodes[nodes["type"] == actor_type]
        hover = [f"<b>{plotly_text(r.name)}</b><br>{plotly_text(r.type_label)}<br>{r.mentions} mention(s), "
                 f"{r.degree} partner(s) in this view"
                 for r in group.itertuples()]
        traces.append(go.Scatter(
            x=group["x"], y=group["y"], mode=text_mode, text=group["label"].map(plotly_text), textposition="top center",
            marker={"size": [6 + spread * math.sqrt(m / top) for m in group["mentions"]],
                    "color": TYPE_COLOURS.get(actor_type, "#888"), "line": {"width": 1, "color": "white"}},
            customdata=[network.node_item(a) for a in group["actor_id"]], hovertext=hover, hoverinfo="text",
            unselected={"marker": {"opacity": 0.45}},
            name=plotly_text(actor_type_label(actor_type))))
    return traces


@st.cache_data(max_entries=32, show_spinner=False)
def _figure(nodes, edges, view: network.View) -> go.Figure:
    what = "stated partnerships" if view.kind == "explicit" else "stated partnerships (solid), co-mentions (dotted)"
    figure = go.Figure(_edge_traces(edges) + [_midpoints(edges)] + _node_traces(nodes))
    figure.update_layout(
        title={"text": f"{len(nodes)} actors, {len(edges)} pairs: {what}",
               "subtitle": {"text": "Node size: mentions in the filtered texts. Edge width: sentences naming both."}},
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"}, height=640, hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.02}, margin={"l": 10, "r": 10, "t": 70, "b": 10})
    return figure


def _show_evidence(tables, graph, item: str, label: str) -> None:
    rows = network.evidence_for(tables, graph, item)
    st.markdown(f"**{markdown_text(label)}**" + (f" · {len(rows)} sentence(s)" if item.startswith("n:") else ""))
    evidence.show(rows)
    layout.download_csv(for_download(rows), f"idm-network-evidence-{item[2:].replace('|', '-')}.csv",
                        label="Download these sentences (CSV)", key=f"download-evidence-{item}")


PAGE_KEYS = ("kind", "min_weight", "node_types", "focus")
all_tables, chosen, tables = sidebar.setup(PAGE_KEYS)

st.title("Partnership network")
st.markdown(
    "Who works with whom. An edge joins two actors (organisations or countries) named in one sentence: "
    "**solid** where the sentence states a partnership, collaboration, joint initiative or working together, "
    "**dotted** where they are only named together. Click a node or the middle of an edge to read its sentences.")

controls = st.columns(4)
kind = url_state.selectbox("Edges", network.KINDS, "kind", default="explicit", container=controls[0])
choices = data.derived(network.controls_bundle, chosen, kind, tuple(st.session_state.get("node_types") or ()))
node_types = url_state.multiselect("Actor types", choices["node_types"], "node_types",
                                   container=controls[1], placeholder="All types")
choices = data.derived(network.controls_bundle, chosen, kind, tuple(node_types))
min_weight = url_state.number("Minimum sentences per pair", "min_weight", 1, choices["top_weight"], 1,
                              container=controls[2], help="Keep pairs named together in at least this many sentences.")
actor_labels = choices["labels"]
focus = url_state.selectbox("Focus on one actor", {"": "All actors"} | actor_labels, "focus", default="",
                            container=controls[3], help="Show this actor, its partners and the edges among them.")
view = network.View(kind, min_weight, tuple(node_types), focus)
sidebar.link_to_view(chosen, extra={"kind": kind, "min_weight": min_weight, "node_types": node_types, "focus": focus})

bundle = data.derived(network.view_bundle, chosen, view)
graph = bundle["graph"]
if graph.number_of_edges() == 0:
    if focus in graph:
        st.info(f"{markdown_text(actor_labels[focus])} has no partnership edge in this view. "
                "The sentences that name it:")
        _show_evidence(tables, graph, network.node_item(focus), actor_labels[focus])
    else:
        layout.no_data("partnership edges")
    layout.footer(chosen)
    st.stop()

if bundle["n_drawn"] < graph.number_of_nodes():
    st.caption(f"The graph draws the {bundle['n_drawn']} most connected of {graph.number_of_nodes()} actors "
               "(by sentences); the tables and downloads hold them all. Raise the minimum or focus on one actor.")
left, right = st.columns([3, 2])
event = left.plotly_chart(_figure(bundle["nodes"], bundle["edges"], view), key="network", on_select="rerun",
                          selection_mode="points")
node_table, edge_rows = bundle["centrality"], bundle["edge_table"]
with right:
    st.markdown("**Who is central**")
    st.dataframe(node_table, hide_index=True, height=520)
    st.caption("Degree: partners. Weighted degree: sentences over all its pairs. Betweenness: share of shortest "
               "paths through the actor (unweighted). Community: Louvain group (seeded). Every actor of the view.")

downloads = st.columns(4)
downloads[0].download_button("GraphML", bundle["graphml"], "idm-network.graphml", mime="application/xml",
                             icon=":material/download:", key="download-graphml")
downloads[1].download_button("GEXF", bundle["gexf"], "idm-network.gexf", mime="application/xml",
                             icon=":material/download:", key="download-gexf")
with downloads[2]:
    layout.download_csv(node_table, "idm-network-nodes.csv", label="Nodes (CSV)")
with downloads[3]:
    layout.download_csv(edge_rows, "idm-network-edges.csv", label="Edges (CSV)")

st.subheader("The sentences behind a node or an edge")
options = bundle["options"]
if st.session_state.get("pick") not in options:
    st.session_state["pick"] = ""
picked = st.selectbox("Actor or pair", [""] + list(options), key="pick",
                      format_func=lambda o: options.get(o, "Choose, or click the graph…"))
items = network.items_from_points(event.selection.points, options) or ([picked] if picked else [])
if not items:
    st.caption("Click a node or the middle of an edge on the graph, or choose one above.")
for item in items:
    _show_evidence(tables, graph, item, options[item])

# a fixed label: Streamlit keys an expander's state by its label too, and a count in it would close it
with layout.drawn_when_open("Every pair of the view as a table", "edges-table") as is_open:
    if is_open:
        st.caption(f"{len(edge_rows)} pairs.")
        st.dataframe(edge_rows, hide_index=True)
        st.caption("weight: distinct sentences naming both; n_explicit: of those, sentences stating a partnership; "
                   "triggers: the words that state it.")
        layout.download_csv(edge_rows, "idm-network-edges.csv", key="download-edges-table")

by_year = data.derived(network.years_bundle, chosen, view)
years = by_year["years"]
st.subheader("Sessions compared by year")
if len(years) < 2:
    st.info("The comparison needs sessions of two years: widen the sessions in the sidebar.")
else:
    first, last = years[0], years[-1]
    actor_changes, edge_changes, counts = by_year["actors"], by_year["edges"], by_year["counts"]
    first_, last_ = markdown_text(first), markdown_text(last)
    st.caption(f"The same view built from the {first_} sessions and from the {last_} sessions (minimum sentences "
               f"counted within each year): what persists, what appears in {last_}, what disappears after {first_}.")
    st.dataframe(counts, hide_index=True)
    layout.download_csv(counts, f"idm-network-{first}-{last}-counts.csv", key="download-counts")
    # only the open tab's grid is drawn (switching tabs reruns): each grid costs every rerun its redraw
    actors_tab, edges_tab = st.tabs(["Actors", "Pairs"], key="year-tabs", on_change="rerun")
    for tab, changes, noun in ((actors_tab, actor_changes, "actors"), (edges_tab, edge_changes, "pairs")):
        with tab:
            if tab.open:
                st.caption(f"{len(changes)} {noun}.")
                st.dataframe(changes, hide_index=True)
                layout.download_csv(changes, f"idm-network-{first}-{last}-{noun}.csv")

layout.footer(chosen)
