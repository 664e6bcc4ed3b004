"""The partnership network drawn, from the data layer's graph (`idm_data.views.network`): which actors are
drawn (at most MAX_DRAWN), where (a seeded spring layout per component, the components packed in rows and
the whole stretched to fill the drawing), which carry their name (the most central, wherever a name fits
without touching another name or node), the Vega-Lite spec; and the reading of a click.

Positions are pixels of a WIDTH × HEIGHT drawing. The chart stretches to its column's width: heights stay,
horizontal distances grow, and names are placed so that they stay clear of each other at any stretch up to
MAX_STRETCH; in a column narrower than WIDTH the names are hidden (hover still shows them).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import pi, sqrt

import networkx as nx
import pandas as pd

from idm_data.views import network
from idm_data.vocabulary import actor_type_label, actor_type_labels
from ui.charts.labels import LABEL_PX, LINE_PX, shorten, text_px
from ui.charts.vega import TOOLTIP_OFF, chart, point_selection, selected_rows, title

MAX_DRAWN = 150
ITERATIONS = 100  # fixed, so a view always gets the same picture
SPREAD = 0.8  # how far a component's nodes move towards even spacing (0: the spring layout as it is)
WIDTH, HEIGHT = 420, 520
MAX_STRETCH = 3.0
PAD = 28  # px kept free around the drawing, for the largest node and a name beside it
MIN_RADIUS, MAX_RADIUS = 4.0, 18.0
GAP = 3.0  # px between a node and its name
MAX_NAMES = 30
FIRST_NAMES = 10  # the most central, named even where a neighbour's rim is in the way
RIM = 0.4  # the share of a neighbour's radius such a name leaves clear
NAME_CHARS = 22
NODE_PARAM, PAIR_PARAM = "actor", "pair"
EDGE_STYLE = {"explicit": ("Stated partnership", "rgba(40, 40, 40, 0.85)", [1, 0]),
              "co_mention": ("Named in one sentence", "rgba(130, 130, 130, 0.55)", [4, 3])}
PALETTE = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff",
           "#fecb52"]
TYPE_COLOURS = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(actor_type_labels().values())}
OTHER_COLOUR = "#888888"


# --- which actors, where ---------------------------------------------------------------------------------

def capped(graph: nx.Graph, limit: int = MAX_DRAWN, keep: str = "") -> nx.Graph:
    """At most `limit` nodes: the heaviest by weighted degree (`keep` first)."""
    if graph.number_of_nodes() <= limit:
        return graph
    strength = dict(graph.degree(weight="weight"))
    chosen = sorted(graph, key=lambda n: (n != keep, -strength[n], n))[:limit]
    return network.sorted_graph(graph.subgraph(chosen))


def _shelves(boxes: list[tuple[float, float]], aspect: float) -> list[tuple[float, float]]:
    """Top-left corners packing (width, height) boxes, largest first, in rows about `aspect` times wider
    than tall."""
    limit = max(boxes[0][0], aspect * sum(w * h for w, h in boxes) ** 0.5)
    corners, x, y, row = [], 0.0, 0.0, 0.0
    for width, height in boxes:
        if x and x + width > limit:
            x, y, row = 0.0, y + row, 0.0
        corners.append((x, y))
        x, row = x + width, max(row, height)
    return corners


def spread(values: list[float], share: float = SPREAD) -> list[float]:
    """Each value moved `share` of the way to where its rank would put it if the values were evenly spaced
    over the same range: a dense core opens up, the order (who is left of whom) is kept."""
    low, high = min(values, default=0), max(values, default=0)
    if len(values) < 3 or high == low:
        return list(values)
    even = [0.0] * len(values)
    for rank, i in enumerate(sorted(range(len(values)), key=lambda i: (values[i], i))):
        even[i] = low + (high - low) * rank / (len(values) - 1)
    return [(1 - share) * v + share * e for v, e in zip(values, even)]


def _component_layout(graph: nx.Graph, part: set) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of one component, sized by its node count, its core spread out."""
    # unweighted: heavy pairs would otherwise collapse a hub onto its partners
    placed = nx.spring_layout(network.sorted_graph(graph.subgraph(part)), seed=network.SEED,
                              iterations=ITERATIONS, weight=None, scale=len(part) ** 0.5 / 2)
    nodes = list(placed)
    xs, ys = spread([float(placed[n][0]) for n in nodes]), spread([float(placed[n][1]) for n in nodes])
    return dict(zip(nodes, zip(xs, ys)))


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of each connected component (largest first), packed in rows by their extent
    (y grows downwards), so small components neither squeeze the large one nor float far away. Same view,
    same positions."""
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    layouts = [_component_layout(graph, part) for part in parts]
    margin = 0.5  # between components, in layout units (a pair spans about 1.4)
    boxes = [(max(x for x, _ in p.values()) - min(x for x, _ in p.values()) + margin,
              max(y for _, y in p.values()) - min(y for _, y in p.values()) + margin) for p in layouts]
    positions = {}
    for placed, (left, top) in zip(layouts, _shelves(boxes, WIDTH / HEIGHT) if boxes else []):
        x0, y0 = min(x for x, _ in placed.values()), min(y for _, y in placed.values())
        positions |= {node: (x - x0 + left, y - y0 + top) for node, (x, y) in placed.items()}
    return dict(sorted(positions.items()))


def fitted(positions: dict, width: float = WIDTH, height: float = HEIGHT, pad: float = PAD) -> dict:
    """Positions stretched (each axis on its own) to fill the drawing inside `pad`; a lone value is centred."""
    def scale(values):
        low, high = min(values, default=0), max(values, default=0)
        return lambda v, size: size / 2 if high == low else pad + (v - low) * (size - 2 * pad) / (high - low)
    sx, sy = scale([x for x, _ in positions.values()]), scale([y for _, y in positions.values()])
    return {node: (sx(x, width), sy(y, height)) for node, (x, y) in positions.items()}


def radius(mentions: int, top: int) -> float:
    """A node's radius in px: its area grows with its mentions."""
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * sqrt(max(mentions, 0) / max(top, 1))


# --- names that fit ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    """A rectangle whose left and right edges move with the stretch s: x = s * anchor + offset."""
    anchor: float
    left: float
    right: float
    top: float
    bottom: float

    def at(self, stretch: float) -> tuple[float, float]:
        return stretch * self.anchor + self.left, stretch * self.anchor + self.right

    def clear_of(self, other: "Box") -> bool:
        """Apart at every stretch from 1 to MAX_STRETCH (checking both ends suffices: edges move linearly)."""
        if self.bottom <= other.top or other.bottom <= self.top:
            return True
        ends = [(self.at(s), other.at(s)) for s in (1.0, MAX_STRETCH)]
        return all(a[1] <= b[0] for a, b in ends) or all(b[1] <= a[0] for a, b in ends)

    def inside(self, width: float, height: float) -> bool:
        return self.top >= 0 and self.bottom <= height and all(
            lo >= 0 and hi <= stretch * width for stretch in (1.0, MAX_STRETCH) for lo, hi in [self.at(stretch)])


SIDE = MAX_RADIUS + GAP  # a name beside a node starts this far from its centre, whatever the node's size
CORNER = 0.7 * MAX_RADIUS + GAP  # and a name at a corner this far across
# where a name goes: (horizontal offset in px, constant as the chart stretches; its text's anchor)
SIDES = {"above": (0, "center"), "below": (0, "center"), "right": (SIDE, "left"), "left": (-SIDE, "right"),
         "above right": (CORNER, "left"), "above left": (-CORNER, "right"), "below right": (CORNER, "left"),
         "below left": (-CORNER, "right")}


def _name_top(side: str, y: float, r: float) -> float:
    """The top edge of a name's line on `side` of a node at height `y`, radius `r`."""
    if side in ("above", "below"):
        return y - r - GAP - LINE_PX if side == "above" else y + r + GAP
    if side.startswith(("above ", "below ")):
        return y - 0.7 * r - GAP - LINE_PX if side.startswith("above") else y + 0.7 * r + GAP
    return y - LINE_PX / 2


def candidates(x: float, y: float, r: float, width: float) -> dict[str, Box]:
    """Where a name `width` px wide may go around a node, in order of preference."""
    out = {}
    for side, (dx, anchor) in SIDES.items():
        left = dx - width / 2 if anchor == "center" else dx if anchor == "left" else dx - width
        top = _name_top(side, y, r)
        out[side] = Box(x, left, left + width, top, top + LINE_PX)
    return out


def node_box(x: float, y: float, r: float) -> Box:
    return Box(x, -r, r, y - r, y + r)


def place_names(nodes: pd.DataFrame, limit: int = MAX_NAMES) -> pd.Series:
    """For each node (in `nodes` order, most central first), where its name goes (a key of SIDES) or ""
    when it shows only on hover: the first `limit` that fit in the drawing without touching a name already
    placed or another node (the first FIRST_NAMES may touch a node's rim, never its middle)."""
    centres = list(zip(nodes["x"], nodes["y"], nodes["r"]))
    placed: list[Box] = []
    out = []
    for i, (x, y, r, name) in enumerate(zip(nodes["x"], nodes["y"], nodes["r"], nodes["label"])):
        others = [node_box(cx, cy, cr if i >= FIRST_NAMES else RIM * cr) for j, (cx, cy, cr) in enumerate(centres)
                  if j != i]
        found = "" if len(placed) >= limit else next(
            (side for side, box in candidates(x, y, r, text_px(name)).items()
             if box.inside(WIDTH, HEIGHT) and all(box.clear_of(b) for b in placed + others)), "")
        if found:
            placed.append(candidates(x, y, r, text_px(name))[found])
        out.append(found)
    return pd.Series(out, index=nodes.index, dtype="str")


# --- the drawing ------------------------------------------------------------------------------------------

NODE_COLUMNS = ["actor_id", "item", "name", "label", "type_label", "mentions", "degree", "weighted_degree",
                "x", "y", "r", "size", "name_at", "name_y"]
EDGE_COLUMNS = ["item", "pair", "kind_label", "weight", "n_explicit", "stroke_width", "x", "y", "x2", "y2",
                "xm", "ym"]


def node_frame(graph: nx.Graph, pos: dict) -> pd.DataFrame:
    """The drawn nodes, most central first (weighted degree, degree, name), with pixel position, radius,
    marker area and where their name goes."""
    strength = dict(graph.degree(weight="weight"))
    order = sorted(graph, key=lambda n: (-strength[n], -graph.degree(n), graph.nodes[n]["name"], n))
    top = max((graph.nodes[n]["mentions"] for n in graph), default=1)
    rows = [{"actor_id": n, "item": network.node_item(n), "name": graph.nodes[n]["name"],
             "label": shorten(graph.nodes[n]["acronym"] or graph.nodes[n]["name"], NAME_CHARS),
             "type_label": actor_type_label(graph.nodes[n]["type"]), "mentions": graph.nodes[n]["mentions"],
             "degree": graph.degree(n), "weighted_degree": strength[n], "x": pos[n][0], "y": pos[n][1],
             "r": radius(graph.nodes[n]["mentions"], top)} for n in order]
    nodes = pd.DataFrame(rows, columns=NODE_COLUMNS[:11])
    nodes["size"] = pi * nodes["r"] ** 2
    nodes["name_at"] = place_names(nodes) if len(nodes) else pd.Series(dtype="str")
    nodes["name_y"] = [_name_top(at, y, r) + LINE_PX / 2 if at else y
                       for y, r, at in zip(nodes["y"], nodes["r"], nodes["name_at"])]
    return nodes[NODE_COLUMNS]


def edge_frame(graph: nx.Graph, pos: dict) -> pd.DataFrame:
    """The drawn edges: both ends, midpoint (hovered and clicked), style and width by weight."""
    top = max((d["weight"] for *_, d in graph.edges(data=True)), default=1)
    rows = [{"item": network.edge_item(u, v), "pair": f"{graph.nodes[u]['name']} — {graph.nodes[v]['name']}",
             "kind_label": EDGE_STYLE[d["kind"]][0], "weight": d["weight"], "n_explicit": d["n_explicit"],
             "stroke_width": 1 + 5 * d["weight"] / top, "x": pos[u][0], "y": pos[u][1], "x2": pos[v][0],
             "y2": pos[v][1], "xm": (pos[u][0] + pos[v][0]) / 2, "ym": (pos[u][1] + pos[v][1]) / 2}
            for u, v, d in graph.edges(data=True)]
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def frames(graph: nx.Graph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and edges of `graph` placed in the drawing."""
    pos = fitted(layout(graph))
    return node_frame(graph, pos), edge_frame(graph, pos)


X = {"field": "x", "type": "quantitative", "axis": None, "scale": {"domain": [0, WIDTH], "nice": False, "zero": False}}
Y = {"field": "y", "type": "quantitative", "axis": None,
     "scale": {"domain": [0, HEIGHT], "reverse": True, "nice": False, "zero": False}}
NODE_TOOLTIP = [{"field": "name", "title": "Actor"}, {"field": "type_label", "title": "Type"},
                {"field": "mentions", "title": "Mentions"}, {"field": "degree", "title": "Partners in this view"},
                {"field": "weighted_degree", "title": "Sentences over its pairs"}]
PAIR_TOOLTIP = [{"field": "pair", "title": "Pair"}, {"field": "weight", "title": "Sentences naming both"},
                {"field": "n_explicit", "title": "Of which stating a partnership"}]
BELOW = {"orient": "bottom", "labelLimit": 0, "labelFontSize": LABEL_PX}  # legends under the drawing, not beside
SHOWN_WHEN_WIDE = {"condition": {"test": f"width >= {WIDTH}", "value": 1}, "value": 0}


def _edges_layer(kinds: list[str]) -> dict:
    return {"data": {"name": "edges"}, "mark": {"type": "rule", "tooltip": TOOLTIP_OFF},
            "encoding": {"x2": {"field": "x2"}, "y2": {"field": "y2"},
                         "strokeWidth": {"field": "stroke_width", "type": "quantitative", "scale": None,
                                         "legend": None},
                         "color": {"field": "kind_label", "type": "nominal", "title": None,
                                   "scale": {"domain": [EDGE_STYLE[k][0] for k in kinds],
                                             "range": [EDGE_STYLE[k][1] for k in kinds]}, "legend": None},
                         "strokeDash": {"field": "kind_label", "type": "nominal", "title": None,
                                        "scale": {"domain": [EDGE_STYLE[k][0] for k in kinds],
                                                  "range": [EDGE_STYLE[k][2] for k in kinds]},
                                        "legend": BELOW | {"symbolStrokeWidth": 2}}}}


def _nodes_layer(types: list[str]) -> dict:
    return {"data": {"name": "nodes"}, "params": [point_selection(NODE_PARAM, ["item"])],
            "mark": {"type": "circle", "opacity": 0.95, "stroke": "white", "strokeWidth": 1, "cursor": "pointer"},
            "encoding": {"size": {"field": "size", "type": "quantitative", "scale": None, "legend": None},
                         "color": {"field": "type_label", "type": "nominal", "title": None,
                                   "scale": {"domain": types, "range": [TYPE_COLOURS.get(t, OTHER_COLOUR)
                                                                        for t in types]},
                                   "legend": BELOW | {"columns": 3}},
                         "tooltip": NODE_TOOLTIP}}


def _names_layers() -> list[dict]:
    """A text layer per side a name can take (its offset and anchor are the layer's); `name_y` is the
    middle of the name's line."""
    return [{"data": {"name": "nodes"}, "transform": [{"filter": {"field": "name_at", "equal": side}}],
             "mark": {"type": "text", "align": anchor, "baseline": "middle", "dx": dx, "fontSize": LABEL_PX,
                      "tooltip": TOOLTIP_OFF},
             "encoding": {"y": {**Y, "field": "name_y"}, "text": {"field": "label"}, "opacity": SHOWN_WHEN_WIDE}}
            for side, (dx, anchor) in SIDES.items()]


def _chosen_node_layer() -> dict:
    return {"data": {"name": "nodes"}, "transform": [{"filter": {"field": "chosen", "equal": True}}],
            "mark": {"type": "circle", "filled": False, "stroke": "#d62728", "strokeWidth": 3, "tooltip": TOOLTIP_OFF},
            "encoding": {"size": {"field": "size", "type": "quantitative", "scale": None, "legend": None}}}


def _chosen_pair_layer() -> dict:
    return {"data": {"name": "edges"}, "transform": [{"filter": {"field": "chosen", "equal": True}}],
            "mark": {"type": "rule", "stroke": "#d62728", "strokeWidth": 4, "opacity": 0.6, "tooltip": TOOLTIP_OFF},
            "encoding": {"x2": {"field": "x2"}, "y2": {"field": "y2"}}}


def _midpoints_layer() -> dict:
    """An all but invisible marker mid-edge, so a pair can be hovered and clicked."""
    return {"data": {"name": "edges"}, "params": [point_selection(PAIR_PARAM, ["item"])],
            "mark": {"type": "circle", "size": 180, "opacity": 0.01, "color": "white", "cursor": "pointer"},
            "encoding": {"x": {**X, "field": "xm"}, "y": {**Y, "field": "ym"}, "tooltip": PAIR_TOOLTIP}}


def figure(nodes: pd.DataFrame, edges: pd.DataFrame, kind: str, chosen: str = "") -> dict:
    """The network of `frames` as a Vega-Lite spec: edges by kind and weight, nodes by type and mentions,
    the placed names, the `chosen` node or pair item ringed in red; a click selects NODE_PARAM or PAIR_PARAM."""
    what = "stated partnerships" if kind == "explicit" else "stated partnerships (solid), co-mentions (dotted)"
    named = int((nodes["name_at"] != "").sum())
    kinds = [k for k in EDGE_STYLE if EDGE_STYLE[k][0] in set(edges["kind_label"])]
    types = sorted(set(nodes["type_label"]))
    return chart(
        {"nodes": nodes.assign(chosen=nodes["item"] == chosen), "edges": edges.assign(chosen=edges["item"] == chosen)},
        autosize={"type": "pad"}, height=HEIGHT, encoding={"x": X, "y": Y}, config={"view": {"stroke": None}, "legend": {"layout": {"bottom": {"anchor": "start", "direction": "vertical"}}}},
        resolve={"scale": {"color": "independent", "size": "independent"}, "legend": {"color": "independent"}},
        title=title(f"{len(nodes)} actors, {len(edges)} pairs: {what}",
                    f"Node size: mentions. Edge width: sentences naming both. Names: the {named} most central "
                    "that fit; the others on hover."),
        layer=[_edges_layer(kinds), _chosen_pair_layer(), _midpoints_layer(), _nodes_layer(types),
               _chosen_node_layer(), *_names_layers()])


def central_table(graph: nx.Graph, centrality: pd.DataFrame) -> pd.DataFrame:
    """`network.centrality` with the short name the drawing shows (acronym, else name) and the type's label,
    for a table narrow enough to sit beside the drawing."""
    short = {n: shorten(d["acronym"] or d["name"], NAME_CHARS) for n, d in graph.nodes(data=True)}
    return centrality.assign(label=centrality["actor_id"].map(short),
                             type_label=centrality["type"].map(actor_type_label))


def drawn_view(tables: dict[str, pd.DataFrame], view: network.View) -> dict:
    """The data layer's bundle of a view (`network.view_bundle`) with its drawing: `n_drawn`, the drawn
    `nodes` and `edges` frames (None without an edge, as `central`), for `figure`, and `central`, the
    centrality table to show beside it."""
    bundle = network.view_bundle(tables, view)
    graph = bundle["graph"]
    drawn = capped(graph, keep=view.focus)
    nodes, edges = frames(drawn) if drawn.number_of_edges() else (None, None)
    central = central_table(graph, bundle["centrality"]) if bundle["centrality"] is not None else None
    return bundle | {"n_drawn": drawn.number_of_nodes(), "nodes": nodes, "edges": edges, "central": central}


def items_from_selection(selection, valid) -> list[str]:
    """The node and pair items a click on the network chose, known ones only, once each."""
    found = [row.get("item") for param in (NODE_PARAM, PAIR_PARAM) for row in selected_rows(selection, param)]
    return list(dict.fromkeys(item for item in found if isinstance(item, str) and item in valid))
