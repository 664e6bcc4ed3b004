"""Partnership network: who works with whom, and the sentences that say so."""

import streamlit as st

from idm_data.views import network
from idm_data.views.evidence import for_download
from ui import clickable, data, evidence, layout, sidebar, url_state
from ui.blocks import table_html
from ui.charts import network as charts
from ui.escape import markdown_text

CHART_KEY = "network"
CHANGE_FORMATS = {"actors": "d", "edges": "d"}


def apply_chart_pick(options: dict[str, str]) -> None:
    """A click on the drawing (known before the picker is drawn) becomes the picker's value."""
    clicked = charts.item_from_click(clickable.clicked(CHART_KEY), options)
    if clicked:
        st.session_state["pick"] = clicked


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
sidebar.link_to_view(chosen, extra={"kind": kind, "min_weight": min_weight, "node_types": node_types, "focus": focus},
                     title="Partnership network")

bundle = data.derived(charts.drawn_view, chosen, view)
graph = bundle["graph"]
if graph.number_of_edges() == 0:
    if focus in graph:
        st.info(f"{markdown_text(actor_labels[focus])} has no partnership edge in this view. The sentences that name it:")
        _show_evidence(tables, graph, network.node_item(focus), actor_labels[focus])
    else:
        layout.no_data("partnership edges")
    layout.footer(chosen)
    st.stop()

if bundle["n_drawn"] < graph.number_of_nodes():
    st.caption(f"The graph draws the {bundle['n_drawn']} most connected of {graph.number_of_nodes()} actors "
               "(by sentences); the tables and downloads hold them all. Raise the minimum or focus on one actor.")
options = bundle["options"]
if st.session_state.get("pick") not in options:
    st.session_state["pick"] = ""
apply_chart_pick(options)
picked = st.session_state["pick"]
node_table, edge_rows = bundle["centrality"], bundle["edge_table"]
left, right = st.columns([11, 9])  # the drawing keeps charts.WIDTH px, the table its first four columns
with left:
    clickable.show(charts.mark_chosen(bundle["figure"], picked), CHART_KEY)
    # the text alternative: the leaders in words; the table beside the drawing holds every actor
    st.caption("In words: " + markdown_text(bundle["summary"]))
with right:
    st.markdown("**Who is central**")
    st.html(bundle["central_html"])
    st.caption("Partners: degree. Sentences: weighted degree, over all its pairs. Betweenness: share of shortest "
               "paths through the actor (unweighted). Group: Louvain community (seeded). Every actor of the view; "
               "the nodes CSV has their full names, ids, sessions and sentences.")

downloads = st.columns(4)
# written only when clicked, like the CSVs
downloads[0].download_button("GraphML", lambda: network.to_graphml(graph), "idm-network.graphml",
                             mime="application/xml", icon=":material/download:", key="download-graphml",
                             on_click="ignore")
downloads[1].download_button("GEXF", lambda: network.to_gexf(graph), "idm-network.gexf", mime="application/xml",
                             icon=":material/download:", key="download-gexf", on_click="ignore")
with downloads[2]:
    layout.download_csv(node_table, "idm-network-nodes.csv", label="Nodes (CSV)")
with downloads[3]:
    layout.download_csv(edge_rows, "idm-network-edges.csv", label="Edges (CSV)")

st.subheader("The sentences behind a node or an edge")
picked = st.selectbox("Actor or pair", [""] + list(options), key="pick",
                      format_func=lambda o: options.get(o, "Choose, or click the graph…"))
if picked:
    _show_evidence(tables, graph, picked, options[picked])
else:
    st.caption("Click a node or the middle of an edge on the graph, or choose one above.")

# a fixed label: Streamlit keys an expander's state by its label too, and a count in it would close it
with layout.drawn_when_open("Every pair of the view as a table", "edges-table") as is_open:
    if is_open:
        st.caption(f"{len(edge_rows)} pairs.")
        st.dataframe(edge_rows, hide_index=True)
        st.caption("weight: distinct sentences naming both; n_explicit: of those, sentences stating a partnership; "
                   "triggers: the words that state it.")
        layout.download_csv(edge_rows, "idm-network-edges.csv", key="download-edges-table")

years = data.derived(network.years, chosen)
st.subheader("Sessions compared by year")
if len(years) < 2:
    st.info("The comparison needs sessions of two years: widen the sessions in the sidebar.")
else:
    first_, last_ = markdown_text(years[0]), markdown_text(years[-1])  # years come from stored session facts
    st.caption(f"The same view built from the {first_} sessions and from the {last_} sessions (minimum sentences "
               f"counted within each year): what persists, what appears in {last_}, what disappears after {first_}.")
    # built once opened (two more graphs: a tenth of a second of every first visit and filter change), and
    # then only the open tab's grid is drawn (switching tabs reruns)
    with layout.drawn_when_open("Which actors and pairs persist, appear or disappear", "year-tables") as is_open:
        if is_open:
            by_year = data.derived(network.years_bundle, chosen, view)
            first, last, counts = years[0], years[-1], by_year["counts"]
            st.html(table_html(counts, {"status": "Status", "actors": "Actors", "edges": "Pairs"}, CHANGE_FORMATS,
                               caption=f"Actors and pairs, {first} against {last}"))
            layout.download_csv(counts, f"idm-network-{first}-{last}-counts.csv", key="download-counts")
            actors_tab, edges_tab = st.tabs(["Actors", "Pairs"], key="year-tabs", on_change="rerun")
            for tab, changes, noun in ((actors_tab, by_year["actors"], "actors"), (edges_tab, by_year["edges"], "pairs")):
                with tab:
                    if tab.open:
                        st.caption(f"{len(changes)} {noun}.")
                        st.dataframe(changes, hide_index=True)
                        layout.download_csv(changes, f"idm-network-{first}-{last}-{noun}.csv")

layout.footer(chosen)
