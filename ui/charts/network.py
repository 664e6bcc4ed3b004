"""The partnership network drawn, from the data layer's graph (`idm_data.views.network`): which actors are
drawn (at most MAX_DRAWN), where (a seeded spring layout per component, its core spread out, the components
packed in rows and the whole stretched to fill the drawing), which carry their name (the most central,
wherever a name fits without touching another name or node), the drawing itself; and the reading of a click.

The drawing is SVG written here, no chart library: positions are units of a WIDTH × HEIGHT view box that the
browser scales to the column's width, names included, so names that do not touch here never touch on screen.
Every node and pair carries its hover text (`<title>`) and a `data-pick` for `ui.clickable`; every stored
string is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import sqrt

import networkx as nx
import pandas as pd

from idm_data.views import chart_text, network
from idm_data.vocabulary import actor_type_label
from ui.blocks import table_html
from ui.charts.html import block, heading, legend
from ui.charts.labels import LABEL_PX, LINE_PX, actor_colour, shorten, text_px
from ui.escape import html_text, pick_attribute

MAX_DRAWN = 150
ITERATIONS = 100  # fixed, so a view always gets the same picture
SPREAD = 0.8  # how far a component's nodes move towards even spacing (0: the spring layout as it is)
WIDTH, HEIGHT = 460, 520  # the view box: drawn at its size in a 1280 px window, names at LABEL_PX
MAX_SHOWN_PX = 720  # wider columns leave the drawing at this width (names at most ~19 px)
PAD = 28  # kept free around the drawing, for the largest node and a name beside it
MIN_RADIUS, MAX_RADIUS = 4.0, 18.0
GAP = 3.0  # between a node and its name
MAX_NAMES = 30
FIRST_NAMES = 10  # the most central, named even where a neighbour's rim is in the way
RIM = 0.4  # the share of a neighbour's radius such a name leaves clear
NAME_CHARS = 22
HIT_WIDTH = 9  # an edge is clickable this wide, however thin it is drawn
EDGE_STYLE = {"explicit": ("Stated partnership", "#333333", ""),
              "co_mention": ("Named in one sentence", "#9a9a9a", "4 3")}
CHOSEN = "#d62728"
CENTRAL_COLUMNS = {"label": "Actor", "degree": "Partners", "weighted_degree": "Sentences",
                   "betweenness": "Betweenness", "community": "Group", "type_label": "Type"}
CENTRAL_FORMATS = {"degree": "d", "weighted_degree": "d", "betweenness": ".2f", "community": "d"}
CENTRAL_PX = 520  # the centrality table's height beside the drawing


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
    """A rectangle of the view box."""
    left: float
    top: float
    right: float
    bottom: float

    def clear_of(self, other: "Box") -> bool:
        return (self.right <= other.left or other.right <= self.left
                or self.bottom <= other.top or other.bottom <= self.top)

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


# where a name goes: (how far across, as a share of the node's radius; how far up or down, likewise; the
# text's anchor); the first that fits is taken
SIDES = {"above": (0.0, -1.0, "middle"), "below": (0.0, 1.0, "middle"), "right": (1.0, 0.0, "start"),
         "left": (-1.0, 0.0, "end"), "above right": (0.7, -0.7, "start"), "above left": (-0.7, -0.7, "end"),
         "below right": (0.7, 0.7, "start"), "below left": (-0.7, 0.7, "end")}


def name_anchor(side: str, x: float, y: float, r: float) -> tuple[float, float]:
    """Where the name's text is anchored: x at its `SIDES` anchor, y at the middle of its line."""
    across, up, _ = SIDES[side]
    dx = across * r + (GAP if across > 0 else -GAP if across < 0 else 0)
    dy = up * r + (GAP + LINE_PX / 2 if up > 0 else -GAP - LINE_PX / 2 if up < 0 else 0)
    return x + dx, y + dy


def name_box(side: str, x: float, y: float, r: float, width: float) -> Box:
    ax, ay = name_anchor(side, x, y, r)
    left = {"middle": ax - width / 2, "start": ax, "end": ax - width}[SIDES[side][2]]
    return Box(left, ay - LINE_PX / 2, left + width, ay + LINE_PX / 2)


def node_box(x: float, y: float, r: float) -> Box:
    return Box(x - r, y - r, x + r, y + r)


def place_names(nodes: pd.DataFrame, limit: int = MAX_NAMES) -> pd.Series:
    """For each node (in `nodes` order, most central first), where its name goes (a key of SIDES) or ""
    when it shows only on hover: the first `limit` that fit in the drawing without touching a name already
    placed or another node (the first FIRST_NAMES may touch a node's rim, never its middle)."""
    centres = list(zip(nodes["x"], nodes["y"], nodes["r"]))
    placed: list[Box] = []
    out = []
    for i, (x, y, r, name) in enumerate(zip(nodes["x"], nodes["y"], nodes["r"], nodes["label"])):
        others = [node_box(cx, cy, cr if i >= FIRST_NAMES else RIM * cr)
                  for j, (cx, cy, cr) in enumerate(centres) if j != i]
        boxes = {side: name_box(side, x, y, r, text_px(name)) for side in SIDES}
        found = "" if len(placed) >= limit else next(
            (side for side, box in boxes.items()
             if box.inside(WIDTH, HEIGHT) and all(box.clear_of(b) for b in placed + others)), "")
        if found:
            placed.append(boxes[found])
        out.append(found)
    return pd.Series(out, index=nodes.index, dtype="str")


# --- the drawing ------------------------------------------------------------------------------------------

NODE_COLUMNS = ["actor_id", "item", "name", "label", "type_label", "mentions", "degree", "weighted_degree",
                "x", "y", "r", "name_at"]
EDGE_COLUMNS = ["item", "pair", "kind", "weight", "n_explicit", "stroke_width", "x", "y", "x2", "y2"]


def node_frame(graph: nx.Graph, pos: dict) -> pd.DataFrame:
    """The drawn nodes, most central first (weighted degree, degree, name), with position, radius and where
    their name goes."""
    strength = dict(graph.degree(weight="weight"))
    order = sorted(graph, key=lambda n: (-strength[n], -graph.degree(n), graph.nodes[n]["name"], n))
    top = max((graph.nodes[n]["mentions"] for n in graph), default=1)
    rows = [{"actor_id": n, "item": network.node_item(n), "name": graph.nodes[n]["name"],
             "label": shorten(graph.nodes[n]["acronym"] or graph.nodes[n]["name"], NAME_CHARS),
             "type_label": actor_type_label(graph.nodes[n]["type"]), "mentions": graph.nodes[n]["mentions"],
             "degree": graph.degree(n), "weighted_degree": strength[n], "x": pos[n][0], "y": pos[n][1],
             "r": radius(graph.nodes[n]["mentions"], top)} for n in order]
    nodes = pd.DataFrame(rows, columns=NODE_COLUMNS[:-1])
    nodes["name_at"] = place_names(nodes) if len(nodes) else pd.Series(dtype="str")
    return nodes[NODE_COLUMNS]


def edge_frame(graph: nx.Graph, pos: dict) -> pd.DataFrame:
    """The drawn edges: both ends, kind, and width by weight."""
    top = max((d["weight"] for *_, d in graph.edges(data=True)), default=1)
    rows = [{"item": network.edge_item(u, v), "pair": f"{graph.nodes[u]['name']} — {graph.nodes[v]['name']}",
             "kind": d["kind"], "weight": d["weight"], "n_explicit": d["n_explicit"],
             "stroke_width": 1 + 5 * d["weight"] / top, "x": pos[u][0], "y": pos[u][1], "x2": pos[v][0],
             "y2": pos[v][1]} for u, v, d in graph.edges(data=True)]
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def frames(graph: nx.Graph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and edges of `graph` placed in the drawing."""
    pos = fitted(layout(graph))
    return node_frame(graph, pos), edge_frame(graph, pos)


def _pick(item: str) -> str:
    return pick_attribute({"item": item})


def _edge(e, chosen: str) -> str:
    label, colour, dashes = EDGE_STYLE[e.kind]
    ends = f'x1="{e.x:.1f}" y1="{e.y:.1f}" x2="{e.x2:.1f}" y2="{e.y2:.1f}"'
    hover = f"{e.pair}\n{e.weight} sentence(s), {e.n_explicit} stating a partnership"
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    shown = CHOSEN if e.item == chosen else colour
    return (f'<line {ends} stroke="{shown}" stroke-width="{e.stroke_width:.1f}"{dash}/>'
            f'<line class="idm-hit" {ends} stroke-width="{HIT_WIDTH}" {_pick(e.item)}>'
            f"<title>{html_text(hover)}</title></line>")


def _node(n, chosen: str) -> str:
    hover = f"{n.name}\n{n.type_label}\n{n.mentions} mention(s), {n.degree} partner(s) in this view"
    ring = f' stroke="{CHOSEN}" stroke-width="3"' if n.item == chosen else ' stroke="#ffffff" stroke-width="1"'
    return (f'<circle cx="{n.x:.1f}" cy="{n.y:.1f}" r="{n.r:.1f}" fill="{actor_colour(n.type_label)}"'
            f'{ring} tabindex="0" role="button" {_pick(n.item)}><title>{html_text(hover)}</title></circle>')


def _name(n) -> str:
    x, y = name_anchor(n.name_at, n.x, n.y, n.r)
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{SIDES[n.name_at][2]}" dominant-baseline="central">'
            f"{html_text(n.label)}</text>")


def _legend(nodes: pd.DataFrame, edges: pd.DataFrame) -> str:
    kinds = "".join(f'<span class="idm-legend-item"><span class="idm-line" style="border-top: 2px '
                    f'{"dashed" if dashes else "solid"} {colour}"></span>{html_text(label)}</span>'
                    for kind, (label, colour, dashes) in EDGE_STYLE.items() if kind in set(edges["kind"]))
    types = legend(((actor_colour(t), t) for t in sorted(set(nodes["type_label"]))), round_keys=True)
    return f'<div class="idm-legend">{kinds}</div>{types}'


def figure_html(nodes: pd.DataFrame, edges: pd.DataFrame, kind: str, chosen: str = "") -> str:
    """The network of `frames` as HTML: a title, the SVG drawing (edges by kind and weight, nodes by type and
    mentions, the placed names, the `chosen` node or pair in red) and its legend. A click on a node or an
    edge picks {"item": ...} (see `ui.clickable`)."""
    what = "stated partnerships" if kind == "explicit" else "stated partnerships (solid), co-mentions (dashed)"
    named = nodes[nodes["name_at"] != ""]
    svg = (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" style="max-width: {MAX_SHOWN_PX}px" role="group" '
           f'aria-label="{len(nodes)} actors and {len(edges)} pairs; choose one to read its sentences">'
           f'<g class="idm-edges">{"".join(_edge(e, chosen) for e in edges.itertuples())}</g>'
           f'<g class="idm-nodes">{"".join(_node(n, chosen) for n in nodes.itertuples())}</g>'
           f'<g class="idm-names" font-size="{LABEL_PX}">{"".join(_name(n) for n in named.itertuples())}</g></svg>')
    return block("idm-network", heading(f"{len(nodes)} actors, {len(edges)} pairs: {what}",
                                         f"Node size: mentions. Edge width: sentences naming both. Names: the "
                                         f"{len(named)} most central that fit; the others on hover.")
                 + svg + _legend(nodes, edges))


def mark_chosen(figure: str, chosen: str) -> str:
    """`figure` (from `figure_html` with nothing chosen) with the node or pair `chosen` in red: the
    drawing is built once per view and the choice changes with every click."""
    pick = _pick(chosen) if chosen else ""
    at = figure.find(pick) if pick else -1
    if at < 0:
        return figure
    node = f' stroke="#ffffff" stroke-width="1" tabindex="0" role="button" {pick}'
    if node in figure:
        return figure.replace(node, f' stroke="{CHOSEN}" stroke-width="3" tabindex="0" role="button" {pick}', 1)
    hit = figure.rfind('<line class="idm-hit"', 0, at)  # a pair: its visible line comes just before its hit line
    line = figure.rfind("<line ", 0, hit)
    coloured = re.sub(r' stroke="[^"]*"', f' stroke="{CHOSEN}"', figure[line:hit], count=1)
    return figure[:line] + coloured + figure[hit:]


def central_table(graph: nx.Graph, centrality: pd.DataFrame) -> pd.DataFrame:
    """`network.centrality` with the short name the drawing shows (acronym, else name) and the type's label,
    for a table narrow enough to sit beside the drawing."""
    short = {n: shorten(d["acronym"] or d["name"], NAME_CHARS) for n, d in graph.nodes(data=True)}
    return centrality.assign(label=centrality["actor_id"].map(short),
                             type_label=centrality["type"].map(actor_type_label))


def drawn_view(tables: dict[str, pd.DataFrame], view: network.View) -> dict:
    """The data layer's bundle of a view (`network.view_bundle`) with its drawing: `n_drawn`, the drawn
    `nodes` and `edges` frames (None without an edge, as `central`), for `figure_html`, and `central`, the
    centrality table to show beside it; with an edge, also the drawing's HTML (`figure`: nothing chosen,
    see `mark_chosen`), the table's (`central_html`) and the leaders in words (`summary`)."""
    bundle = network.view_bundle(tables, view)
    graph = bundle["graph"]
    drawn = capped(graph, keep=view.focus)
    nodes, edges = frames(drawn) if drawn.number_of_edges() else (None, None)
    central = central_table(graph, bundle["centrality"]) if bundle["centrality"] is not None else None
    drawing = {} if nodes is None else {  # what the page shows, built once per view
        "figure": figure_html(nodes, edges, view.kind),
        "central_html": table_html(central, CENTRAL_COLUMNS, CENTRAL_FORMATS, height=CENTRAL_PX,
                                   caption="Actors by sentences over their pairs"),
        "summary": chart_text.ranking_summary(bundle["centrality"], "name", "degree", ("actor", "actors"),
                                              ("partner", "partners"))}
    return bundle | drawing | {"n_drawn": drawn.number_of_nodes(), "nodes": nodes, "edges": edges, "central": central}


def item_from_click(value, valid) -> str | None:
    """The node or pair item a click on the drawing picked, if it is one of `valid`."""
    item = value.get("item") if isinstance(value, dict) else None
    return item if isinstance(item, str) and item in valid else None
