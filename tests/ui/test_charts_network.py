"""ui.charts.network: the drawn network (cap, seeded layout that fills the drawing, names that never touch),
its SVG, and the reading of a click."""

import itertools
import json
import re
from html import unescape

import networkx as nx
import pytest

import idm_data
from chart_cases import HOSTILE
from idm_data.views import network
from idm_data.views.network import View
from ui.charts import network as charts
from ui.charts.labels import text_px
from ui.escape import html_text


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
    return {row.actor_id: charts.name_box(row.name_at, row.x, row.y, row.r, text_px(row.label))
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


@pytest.mark.parametrize("side", charts.SIDES)
def test_a_name_sits_outside_its_node_on_its_side(side):
    box = charts.name_box(side, 100, 100, 10, 40)
    assert box.clear_of(charts.node_box(100, 100, 10))
    across, up, _ = charts.SIDES[side]
    centre = ((box.left + box.right) / 2 - 100, (box.top + box.bottom) / 2 - 100)
    assert (centre[0] > 0) == (across > 0) and (centre[1] > 0) == (up > 0)


def test_cap_keeps_the_heaviest_and_the_focus():
    graph = graph_of([("a", "b"), ("a", "c"), ("b", "c"), ("XYZ", "a")])
    graph.edges["a", "b"]["weight"] = 3
    assert sorted(charts.capped(graph, limit=2)) == ["a", "b"]
    assert sorted(charts.capped(graph, limit=2, keep="XYZ")) == ["XYZ", "a"]
    assert charts.capped(graph, limit=10) is graph


def test_figure_of_the_corpus(tables):
    bundle = charts.drawn_view(tables, View(kind="all"))
    html = charts.figure_html(bundle["nodes"], bundle["edges"], "all", network.node_item("iom"))
    picks = [json.loads(unescape(p))["item"] for p in re.findall(r'data-pick="([^"]*)"', html)]
    assert sorted(picks) == sorted(list(bundle["nodes"]["item"]) + list(bundle["edges"]["item"]))
    assert len(bundle["nodes"]) == bundle["n_drawn"] == bundle["graph"].number_of_nodes()
    [ringed] = re.findall(r'stroke="#d62728" stroke-width="3" tabindex="0" role="button" data-pick="([^"]*)"', html)
    assert json.loads(unescape(ringed)) == {"item": "n:iom"}
    assert html.count("<text ") == (bundle["nodes"]["name_at"] != "").sum() and 'stroke-dasharray="4 3"' in html
    assert {"label", "type_label"} <= set(bundle["central"]) and len(bundle["central"]) == len(bundle["nodes"])
    assert bundle["central"].set_index("actor_id").loc["iom", "label"] == "IOM"


def test_the_chosen_pair_is_drawn_in_red(tables):
    bundle = charts.drawn_view(tables, View())
    pair = bundle["edges"]["item"].iloc[0]
    html = charts.figure_html(bundle["nodes"], bundle["edges"], "explicit", pair)
    assert html.count(f'stroke="{charts.CHOSEN}"') == 1 and "stroke-dasharray" not in html


@pytest.mark.parametrize("kind", ["explicit", "all"])
def test_marking_a_choice_in_the_cached_drawing_gives_the_drawing_of_that_choice(tables, kind):
    bundle = charts.drawn_view(tables, View(kind=kind))
    assert bundle["figure"] == charts.figure_html(bundle["nodes"], bundle["edges"], kind)
    for item in [*bundle["nodes"]["item"], *bundle["edges"]["item"], "", "n:no-such-actor"]:
        assert charts.mark_chosen(bundle["figure"], item) == charts.figure_html(bundle["nodes"], bundle["edges"], kind,
                                                                                item), item


def test_a_view_without_edges_draws_nothing(tables):
    bundle = charts.drawn_view(tables, View(node_types=("private_sector",)))
    assert bundle["nodes"] is None and bundle["edges"] is None and bundle["central"] is None


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_names_are_escaped(name):
    graph = graph_of(STAR, names={"hub": name, "leaf1": name + " 2"})
    nodes, edges = charts.frames(graph)
    html = charts.figure_html(nodes, edges, "explicit", network.node_item("hub")).split("</style>", 1)[1]
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert html_text(name) in html and nodes.set_index("actor_id").loc["hub", "name"] == name


@pytest.mark.parametrize("value, expected", [({"item": "n:a"}, "n:a"), ({"item": "e:a|b"}, "e:a|b"),
                                             ({"item": "n:zz"}, None), ({"item": 7}, None), ("n:a", None),
                                             (None, None), ({}, None)])
def test_item_from_click(value, expected):
    assert charts.item_from_click(value, {"n:a": "A", "e:a|b": "A — B"}) == expected
