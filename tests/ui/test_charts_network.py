"""ui.charts.network: the drawn network (cap, seeded layout that fills the drawing, names that never touch),
its spec, and the reading of a click."""

import itertools

import networkx as nx
import pytest

import idm_data
from chart_cases import HOSTILE, without_data
from idm_data.views import network
from idm_data.views.network import View
from ui.charts import network as charts
from ui.charts.labels import text_px


@pytest.fixture(scope="module")
def tables():
    return idm_data.load()


def graph_of(edges: list[tuple[str, str]], names: dict | None = None) -> nx.Graph:
    """A view-like graph: nodes with name, acronym, type and mentions; edges with kind and weight."""
    graph = nx.Graph()
    for node in sorted({n for edge in edges for n in edge}):
        graph.add_node(node, name=(names or {}).get(node, f"Actor {node}"), acronym="", type="un_system",
                       mentions=1 + len(node))
    for u, v in edges:
        graph.add_edge(u, v, kind="explicit", weight=1, n_explicit=1, sentence_ids=("s",))
    return graph


STAR = [("hub", f"leaf{i}") for i in range(12)]
PAIRS = [(f"a{i}", f"b{i}") for i in range(9)]
SHAPES = {"one pair": [("a", "b")], "star": STAR, "pairs": PAIRS, "star and pairs": STAR + PAIRS,
          "chain": [(f"n{i}", f"n{i + 1}") for i in range(15)],
          "clique": list(itertools.combinations([f"k{i}" for i in range(10)], 2))}


def name_boxes(nodes):
    """The placed names' boxes, by node."""
    return {row.actor_id: charts.candidates(row.x, row.y, row.r, text_px(row.label))[row.name_at]
            for row in nodes.itertuples() if row.name_at}


@pytest.fixture(scope="module", params=["explicit", "all"])
def corpus_frames(request, tables):
    return charts.frames(network.graph_for(tables, View(kind=request.param)))


@pytest.mark.parametrize("shape", SHAPES)
def test_names_never_touch_each_other_or_another_node(shape):
    nodes, _ = charts.frames(graph_of(SHAPES[shape]))
    boxes = name_boxes(nodes)
    assert boxes, "no name placed at all"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert box_a.clear_of(box_b), (a, b)
    for actor, box in boxes.items():
        assert box.inside(charts.WIDTH, charts.HEIGHT)
        for row in nodes[nodes["actor_id"] != actor].itertuples():
            assert box.clear_of(charts.node_box(row.x, row.y, row.r * charts.RIM)), (actor, row.actor_id)


def test_corpus_names_never_touch_and_go_to_the_most_central_first(corpus_frames):
    nodes, _ = corpus_frames
    boxes = list(name_boxes(nodes).values())
    assert all(a.clear_of(b) for a, b in itertools.combinations(boxes, 2))
    assert 0 < len(boxes) <= charts.MAX_NAMES
    assert nodes["weighted_degree"].is_monotonic_decreasing  # most central first
    assert nodes["name_at"].iloc[0] != ""  # the most central actor is always named


def test_every_actor_of_the_default_view_is_named(tables):
    nodes, _ = charts.frames(network.graph_for(tables, View()))
    assert (nodes["name_at"] != "").all() and len(nodes) == 23


@pytest.mark.parametrize("shape", SHAPES)
def test_the_layout_fills_the_drawing(shape):
    nodes, edges = charts.frames(graph_of(SHAPES[shape]))
    assert nodes["x"].min() == pytest.approx(charts.PAD) and nodes["x"].max() == pytest.approx(charts.WIDTH - charts.PAD)
    assert nodes["y"].min() == pytest.approx(charts.PAD) and nodes["y"].max() == pytest.approx(charts.HEIGHT - charts.PAD)
    assert len(edges) == len(SHAPES[shape])


def test_components_are_packed_largest_first():
    placed = charts.layout(graph_of(STAR + PAIRS))
    hub_x, hub_y = placed["hub"]
    assert all(placed[f"a{i}"][1] >= hub_y or placed[f"a{i}"][0] > hub_x for i in range(9))  # after the star
    assert len(placed) == 13 + 18


def test_layout_is_seeded_and_does_not_depend_on_order(tables):
    graph = network.graph_for(tables, View(kind="all"))
    assert charts.layout(graph) == charts.layout(network.graph_for(tables, View(kind="all")))
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(data=True))))
    assert charts.layout(shuffled) == charts.layout(graph)


@pytest.mark.parametrize("values", [[3.0, 1.0, 2.0, 2.1, 2.2], [0.0, 0.0, 5.0], [1.0], [], [4.0, 4.0, 4.0]])
def test_spread_keeps_the_order_and_the_range(values):
    out = charts.spread(values)
    assert len(out) == len(values)
    if values:
        assert min(out) == pytest.approx(min(values)) and max(out) == pytest.approx(max(values))
    assert sorted(range(len(values)), key=lambda i: (out[i], i)) == sorted(range(len(values)), key=lambda i: (values[i], i))


def test_a_box_is_clear_at_every_stretch_or_not_at_all():
    left_of = charts.Box(100, 0, 40, 0, 16)
    right_of = charts.Box(110, 45, 80, 0, 16)  # apart at stretch 1 and further apart as the chart widens
    assert left_of.clear_of(right_of)
    crossing = charts.Box(120, -60, -30, 0, 16)  # apart at stretch 1, overlapping once the chart is wider
    assert charts.Box(100, 0, 15, 0, 16).clear_of(charts.Box(100, 0, 15, 20, 36))  # above each other
    assert not charts.Box(100, 0, 30, 0, 16).clear_of(crossing)


def test_cap_keeps_the_heaviest_and_the_focus():
    graph = graph_of([("a", "b"), ("a", "c"), ("b", "c"), ("XYZ", "a")])
    graph.edges["a", "b"]["weight"] = 3
    assert sorted(charts.capped(graph, limit=2)) == ["a", "b"]
    assert sorted(charts.capped(graph, limit=2, keep="XYZ")) == ["XYZ", "a"]
    assert charts.capped(graph, limit=10) is graph


def test_figure_of_the_corpus(tables):
    bundle = charts.drawn_view(tables, View(kind="all"))
    spec = charts.figure(bundle["nodes"], bundle["edges"], "all", network.node_item("iom"))
    nodes, edges = spec["datasets"]["nodes"], spec["datasets"]["edges"]
    assert len(nodes) == bundle["n_drawn"] == bundle["graph"].number_of_nodes()
    assert nodes.loc[nodes["chosen"], "actor_id"].tolist() == ["iom"] and not edges["chosen"].any()
    assert set(edges["kind_label"]) == {"Stated partnership", "Named in one sentence"}
    assert {"label", "type_label"} <= set(bundle["central"]) and len(bundle["central"]) == len(nodes)
    assert bundle["central"].set_index("actor_id").loc["iom", "label"] == "IOM"


def test_a_view_without_edges_draws_nothing(tables):
    bundle = charts.drawn_view(tables, View(node_types=("private_sector",)))
    assert bundle["nodes"] is None and bundle["edges"] is None and bundle["central"] is None


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_travel_as_data_never_as_code(name):
    graph = graph_of(STAR, names={"hub": name, "leaf1": name + " 2"})
    nodes, edges = charts.frames(graph)
    spec = charts.figure(nodes, edges, "explicit", network.node_item("hub"))
    assert name not in without_data(spec)
    assert nodes.set_index("actor_id").loc["hub", "name"] == name  # raw: Vega writes text, its hover escapes it


def test_items_from_selection_keeps_known_items_once():
    valid = {"n:a": "A", "e:a|b": "A — B"}
    selection = {"pair": [{"item": "e:a|b"}, {"item": "e:a|b"}, {"item": "n:zz"}, {}],
                 "actor": [{"item": "n:a"}, {"item": 7}, "junk"]}
    assert charts.items_from_selection(selection, valid) == ["n:a", "e:a|b"]
    assert charts.items_from_selection(None, valid) == [] and charts.items_from_selection({"actor": "n:a"}, valid) == []
