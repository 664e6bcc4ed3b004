"""The partnership network: graph, filters, tables, comparison, exports (the drawing: tests/ui)."""

from io import BytesIO

import networkx as nx
import pandas as pd
import pytest

import idm_data
from idm_data.views import network
from idm_data.views.network import View


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


# --- tiny tables: 3 sentences in 2 sessions of 2 years ------------------------
# s1 (2017): A and B partner (explicit), C co-mentioned with both
# s2 (2018): A and B co-mentioned; s3 (2018): A and country XYZ co-mentioned

def _row(source, target, kind, sentence, session):
    types = {"a": "un_system", "b": "ngo_civil_society", "c": "un_system", "XYZ": "country"}
    return {"source": source, "target": target, "source_name": source.upper(), "target_name": target.upper(),
            "source_type": types[source], "target_type": types[target], "kind": kind,
            "trigger": "partnership between" if kind == "explicit" else "", "doc_id": f"doc-{session}",
            "session_id": session, "sentence_id": sentence}


def _org(org_id, sentence, session, start):
    return {"org_id": org_id, "name": org_id.upper(), "acronym": "", "org_type": "un_system",
            "doc_id": f"doc-{session}",
            "session_id": session, "sentence_id": sentence, "surface": org_id.upper(),
            "sentence_start": start, "sentence_end": start + 1}


@pytest.fixture
def tiny():
    partnerships = pd.DataFrame([_row("a", "b", "explicit", "s1", "y17"), _row("a", "c", "co_mention", "s1", "y17"),
                                 _row("b", "c", "co_mention", "s1", "y17"), _row("a", "b", "co_mention", "s2", "y18"),
                                 _row("XYZ", "a", "co_mention", "s3", "y18")])
    orgs = pd.DataFrame([_org("a", "s1", "y17", 0), _org("b", "s1", "y17", 6), _org("c", "s1", "y17", 12),
                         _org("a", "s2", "y18", 0), _org("b", "s2", "y18", 6), _org("a", "s3", "y18", 0),
                         _org("d", "s3", "y18", 20)])
    countries = pd.DataFrame([{"iso3": "XYZ", "country": "Xyzland", "doc_id": "doc-y18", "session_id": "y18",
                               "sentence_id": "s3", "surface": "Xyz", "sentence_start": 6, "sentence_end": 9}])
    sentences = pd.DataFrame({"sentence_id": ["s1", "s2", "s3"], "doc_id": ["doc-y17", "doc-y18", "doc-y18"],
                              "session_id": ["y17", "y18", "y18"], "paragraph_no": [1, 1, 2], "sentence_no": [1, 1, 1],
                              "text": ["A and B with C partner.", "A and B met.", "A and Xyz and ... D"]})
    documents = pd.DataFrame({"doc_id": ["doc-y17", "doc-y18"], "title": ["Doc 17", "Doc 18"],
                              "doc_type": ["summary_of_conclusions"] * 2})
    sessions = pd.DataFrame({"session_id": ["y17", "y18"], "year": ["2017", "2018"]})
    return {"partnerships": partnerships, "organisation_mentions": orgs, "country_mentions": countries,
            "sentences": sentences, "documents": documents, "sessions": sessions}


def test_weights_count_distinct_sentences_and_kind_is_explicit_if_any(tiny):
    graph = network.graph_for(tiny, View(kind="all"))
    assert sorted(graph.edges) == [("XYZ", "a"), ("a", "b"), ("a", "c"), ("b", "c")]
    ab = graph.edges["a", "b"]
    assert (ab["weight"], ab["n_explicit"], ab["kind"], ab["sentence_ids"]) == (2, 1, "explicit", ("s1", "s2"))
    assert graph.edges["a", "c"]["kind"] == "co_mention"
    assert graph.nodes["a"] == {"name": "A", "acronym": "", "type": "un_system", "mentions": 3}
    assert graph.nodes["XYZ"]["type"] == "country" and graph.nodes["XYZ"]["mentions"] == 1


@pytest.mark.parametrize("view, edges", [
    (View(kind="explicit"), [("a", "b")]),
    (View(kind="all", min_weight=2), [("a", "b")]),
    (View(kind="all", node_types=("un_system",)), [("a", "c")]),
    (View(kind="all", node_types=("country", "un_system")), [("XYZ", "a"), ("a", "c")]),
    (View(kind="all", focus="c"), [("a", "b"), ("a", "c"), ("b", "c")]),
    (View(kind="all", focus="XYZ"), [("XYZ", "a")]),
    (View(kind="explicit", min_weight=2), []),
])
def test_filters_remove_edges(tiny, view, edges):
    assert sorted(network.graph_for(tiny, view).edges) == edges


def test_explicit_weight_counts_only_explicit_sentences(tiny):
    assert network.graph_for(tiny, View(kind="explicit")).edges["a", "b"]["weight"] == 1
    assert network.max_weight(tiny["partnerships"], View(kind="all")) == 2
    assert network.max_weight(tiny["partnerships"], View(kind="explicit", node_types=("country",))) == 1


def test_explicit_sentence_yields_its_edges(tables):
    sentences = tables["sentences"]
    stated = sentences[sentences["text"].str.contains("partnership between the ILO, IOM and Walk Free Foundation")]
    assert len(stated) == 1
    sentence_id = stated["sentence_id"].iloc[0]
    graph = network.graph_for(tables, View(kind="explicit"))
    for pair in [("ilo", "iom"), ("ilo", "walkfree"), ("iom", "walkfree")]:
        assert graph.has_edge(*pair)
        assert graph.edges[pair]["kind"] == "explicit"
        assert sentence_id in graph.edges[pair]["sentence_ids"]
    assert graph.nodes["walkfree"]["name"] == "Walk Free Foundation"


def test_default_view_counts_match_the_explicit_rows(tables):
    explicit = tables["partnerships"][tables["partnerships"]["kind"] == "explicit"]
    graph = network.graph_for(tables, View())
    assert graph.number_of_edges() == len(explicit[["source", "target"]].drop_duplicates())
    assert set(graph) == set(explicit["source"]) | set(explicit["target"])
    assert sum(w for *_, w in graph.edges(data="weight")) == len(explicit)


def test_actor_with_no_edge_is_a_single_node(tiny):
    graph = network.graph_for(tiny, View(kind="all", focus="d"))
    assert list(graph.nodes) == ["d"] and graph.number_of_edges() == 0
    table = network.centrality(graph)
    assert table[["actor_id", "degree", "weighted_degree", "community"]].values.tolist() == [["d", 0, 0, 1]]
    assert network.edge_table(graph).empty
    evidence = network.evidence_for(tiny, graph, network.node_item("d"))
    assert evidence["sentence_id"].tolist() == ["s3"] and evidence["spans"].tolist() == [[(20, 21)]]


def test_unknown_focus_is_an_empty_graph(tiny):
    graph = network.graph_for(tiny, View(kind="all", focus="nobody"))
    assert graph.number_of_nodes() == 0
    assert network.centrality(graph).empty


def test_centrality_and_communities(tiny):
    table = network.centrality(network.graph_for(tiny, View(kind="all"))).set_index("actor_id")
    assert table.loc["a", ["degree", "weighted_degree"]].tolist() == [3, 4]
    # a lies on every shortest path from XYZ: 2 of the 3 pairs not involving a
    assert table.loc["a", "betweenness"] == pytest.approx(2 / 3, abs=1e-4)
    assert table.loc["b", "betweenness"] == 0
    assert table.loc["a", "sentence_ids"] == "s1;s2;s3"
    assert table.index[0] == "a"
    assert sorted(table["community"].unique()) == list(range(1, table["community"].nunique() + 1))


def test_years_compared(tiny):
    actors, edges = network.compare_years(tiny, View(kind="all"), "2017", "2018")
    assert dict(zip(zip(edges["source"], edges["target"]), edges["status"])) == {
        ("a", "b"): "persists", ("XYZ", "a"): "appears", ("a", "c"): "disappears", ("b", "c"): "disappears"}
    assert dict(zip(actors["actor_id"], actors["status"])) == {
        "a": "persists", "b": "persists", "XYZ": "appears", "c": "disappears"}
    ab = edges[edges["source"] == "a"].set_index("target").loc["b"]
    assert (ab["kind_2017"], ab["weight_2018"], ab["sentence_ids_2018"]) == ("explicit", 1, "s2")
    counts = network.change_counts(actors, edges).set_index("status")
    assert counts.loc["persists"].tolist() == [2, 1] and counts.loc["disappears"].tolist() == [1, 2]


def test_years_compared_on_the_corpus(tables):
    actors, edges = network.compare_years(tables, View(), "2017", "2018")
    # the only stated partnership of 2017 is the UAE-Philippines pilot project
    assert edges.loc[edges["status"] == "disappears", ["source", "target"]].values.tolist() == [["ARE", "PHL"]]
    assert set(actors.loc[actors["status"] == "appears", "actor_id"]) >= {"ilo", "walkfree"}


def test_edge_evidence_highlights_both_actors(tiny):
    graph = network.graph_for(tiny, View(kind="all"))
    evidence = network.evidence_for(tiny, graph, "e:b|a")
    assert evidence["sentence_id"].tolist() == ["s1", "s2"]
    assert evidence["spans"].tolist() == [[(0, 1), (6, 7)], [(0, 1), (6, 7)]]
    assert evidence["edge_kind"].tolist() == ["explicit", "co_mention"]
    assert evidence["trigger"].tolist() == ["partnership between", ""]


def test_node_evidence_is_the_sentences_of_its_edges(tiny):
    graph = network.graph_for(tiny, View(kind="explicit"))
    evidence = network.evidence_for(tiny, graph, network.node_item("a"))
    assert evidence["sentence_id"].tolist() == ["s1"] and evidence["matched"].tolist() == ["A; B"]
    # the co-mention of a and c in s1 is not counted by an explicit view
    assert evidence["pairs"].tolist() == ["A — B"] and evidence["edge_kind"].tolist() == ["explicit"]


@pytest.mark.parametrize("item, ids", [("n:ilo", ("ilo",)), ("e:ilo|iom", ("ilo", "iom")), ("e:ilo", ()),
                                       ("n:", ()), ("x:ilo", ()), (None, ()), ("e:|iom", ())])
def test_parse_item(item, ids):
    assert network.parse_item(item) == ids


def test_graphml_reads_back_with_the_same_nodes_and_edges(tables):
    graph = network.graph_for(tables, View(kind="all", min_weight=2))
    back = nx.read_graphml(BytesIO(network.to_graphml(graph)))
    assert set(back.nodes) == set(graph.nodes)
    assert {tuple(sorted(e)) for e in back.edges} == {tuple(sorted(e)) for e in graph.edges}
    edge = next(iter(graph.edges))
    assert back.edges[edge]["weight"] == graph.edges[edge]["weight"]
    assert back.edges[edge]["sentence_ids"] == ";".join(graph.edges[edge]["sentence_ids"])
    assert back.nodes["iom"]["name"] == "International Organization for Migration"


def test_gexf_reads_back(tiny):
    graph = network.graph_for(tiny, View(kind="all"))
    back = nx.read_gexf(BytesIO(network.to_gexf(graph)))
    assert back.number_of_nodes() == 4 and back.number_of_edges() == 4


def test_edge_table_has_provenance(tables):
    table = network.edge_table(network.graph_for(tables, View()))
    row = table[(table["source"] == "ilo") & (table["target"] == "walkfree")].iloc[0]
    assert row["session_ids"] == "idm-2018-1" and row["doc_ids"] in row["sentence_ids"]
    assert table["weight"].is_monotonic_decreasing


def test_options(tables):
    types = network.node_type_options(tables)
    assert next(iter(types)) == "country"
    assert set(types) == set(tables["partnerships"]["source_type"]) | set(tables["partnerships"]["target_type"])
    labels = network.actor_options(network.actors(tables))
    assert labels["ilo"] == "International Labour Organization (ILO)"
