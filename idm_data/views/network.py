"""Partnership networks: who works with whom, and the sentences that say so.

Owns the graph of a view of the `partnerships` table: actors (organisations
and countries) as nodes, actor pairs as edges weighted by distinct sentences;
the view's filters (edge kind, minimum weight, node types, focus on one
actor), centrality and communities, the comparison of two session years,
the evidence rows of a node or an edge, and exports (GraphML, GEXF, CSV
tables). It does not extract edges (`partnerships.py` does), does not apply
the sidebar filters (`filters.apply` does, upstream) and does not draw
(`ui/charts/network.py` lays out and draws). Pure pandas and networkx.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import networkx as nx
import pandas as pd

from idm_data.views.evidence import sentences_for
from idm_data.vocabulary import actor_type_label

SEED = 7  # communities, and the layout drawn from this graph (ui/charts/network.py)
COUNTRY = "country"
KINDS = {"explicit": "Stated partnerships only", "all": "Stated partnerships and co-mentions"}
STATUSES = ("persists", "appears", "disappears")
MENTION_COLUMNS = ["actor_id", "name", "acronym", "type", "doc_id", "session_id", "sentence_id",
                   "sentence_start", "sentence_end", "surface"]
EDGE_COLUMNS = ["source", "target", "source_name", "target_name", "source_type", "target_type", "kind",
                "weight", "n_explicit", "triggers", "session_ids", "doc_ids", "sentence_ids"]
NODE_COLUMNS = ["name", "type", "degree", "weighted_degree", "betweenness", "community", "mentions",
                "actor_id", "session_ids", "sentence_ids"]


@dataclass(frozen=True)
class View:
    """What the page shows: `kind` explicit | all; `min_weight` sentences;
    `node_types` (empty = all); `focus` an actor id (empty = everyone)."""
    kind: str = "explicit"
    min_weight: int = 1
    node_types: tuple[str, ...] = ()
    focus: str = ""


# --- actors -----------------------------------------------------------------

def actor_mentions(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Organisation and country mentions as one table keyed by `actor_id`."""
    orgs = tables["organisation_mentions"].rename(columns={"org_id": "actor_id", "org_type": "type"})
    countries = tables["country_mentions"].rename(columns={"iso3": "actor_id", "country": "name"})
    countries = countries.assign(type=COUNTRY, acronym="")
    return pd.concat([orgs[MENTION_COLUMNS], countries[MENTION_COLUMNS]], ignore_index=True)


def _endpoints(rows: pd.DataFrame) -> pd.DataFrame:
    """The actors at either end of partnership rows (id, name, type)."""
    ends = [rows[[f"{end}", f"{end}_name", f"{end}_type"]].set_axis(["actor_id", "name", "type"], axis=1)
            for end in ("source", "target")]
    return pd.concat(ends, ignore_index=True).drop_duplicates("actor_id")


def actors(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per actor named in the tables: name, acronym, type, mentions."""
    mentions = actor_mentions(tables)
    counted = mentions.groupby("actor_id", as_index=False).agg(
        name=("name", "first"), acronym=("acronym", "first"), type=("type", "first"), mentions=("sentence_id", "size"))
    ends = _endpoints(tables["partnerships"])
    missing = ends[~ends["actor_id"].isin(counted["actor_id"])].assign(acronym="", mentions=0)
    out = pd.concat([counted, missing], ignore_index=True)
    out["acronym"] = out["acronym"].fillna("")
    return out.sort_values("actor_id").reset_index(drop=True)


def actor_options(actor_table: pd.DataFrame) -> dict[str, str]:
    """Actor ids labelled 'Name (ACRONYM)', sorted by name (for a picker)."""
    ordered = actor_table.sort_values(["name", "actor_id"])
    return {r.actor_id: f"{r.name} ({r.acronym})" if r.acronym else r.name for r in ordered.itertuples()}


def node_type_options(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The actor types at the ends of the partnership rows, countries first."""
    types = set(_endpoints(tables["partnerships"])["type"])
    ordered = sorted(types, key=lambda t: (t != COUNTRY, actor_type_label(t)))
    return {t: actor_type_label(t) for t in ordered}


# --- edges and graph ----------------------------------------------------------

def _ids(values: pd.Series) -> tuple[str, ...]:
    return tuple(sorted(set(values) - {""}))


def view_rows(partnerships: pd.DataFrame, view: View) -> pd.DataFrame:
    """Partnership rows of the view's edge kind and node types."""
    rows = partnerships
    if view.kind == "explicit":
        rows = rows[rows["kind"] == "explicit"]
    if view.node_types:
        rows = rows[rows["source_type"].isin(view.node_types) & rows["target_type"].isin(view.node_types)]
    return rows


def edge_weights(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per actor pair: distinct sentences (weight), how many are
    explicit, kind (explicit if any explicit sentence) and provenance ids."""
    if rows.empty:
        return pd.DataFrame(columns=["source", "target", "kind", "weight", "n_explicit", "triggers",
                                     "session_ids", "doc_ids", "sentence_ids"])
    rows = rows.assign(explicit_sentence=rows["sentence_id"].where(rows["kind"] == "explicit"))
    out = rows.groupby(["source", "target"], as_index=False).agg(
        weight=("sentence_id", "nunique"), n_explicit=("explicit_sentence", "nunique"),
        triggers=("trigger", _ids), session_ids=("session_id", _ids), doc_ids=("doc_id", _ids),
        sentence_ids=("sentence_id", _ids))
    out.insert(2, "kind", out["n_explicit"].gt(0).map({True: "explicit", False: "co_mention"}))
    return out


def max_weight(partnerships: pd.DataFrame, view: View) -> int:
    """The heaviest pair of the view's kind and node types (1 if none)."""
    weights = edge_weights(view_rows(partnerships, view))["weight"]
    return int(weights.max()) if len(weights) else 1


def _node_attributes(info: pd.DataFrame, actor_id: str) -> dict:
    if actor_id not in info.index:
        return {"name": actor_id, "acronym": "", "type": "", "mentions": 0}
    row = info.loc[actor_id]
    return {"name": row["name"], "acronym": row["acronym"], "type": row["type"], "mentions": int(row["mentions"])}


def _graph(edges: pd.DataFrame, actor_table: pd.DataFrame, extra: tuple[str, ...] = ()) -> nx.Graph:
    """A graph whose nodes and edges are inserted in sorted order."""
    info = actor_table.set_index("actor_id")
    graph = nx.Graph()
    for actor_id in sorted(set(edges["source"]) | set(edges["target"]) | set(extra)):
        graph.add_node(actor_id, **_node_attributes(info, actor_id))
    for edge in edges.sort_values(["source", "target"]).to_dict("records"):
        graph.add_edge(edge.pop("source"), edge.pop("target"), **edge)
    return graph


def sorted_graph(graph: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order (subgraphs lose it; a seeded layout needs it)."""
    out = nx.Graph()
    out.add_nodes_from(sorted(graph.nodes(data=True), key=lambda n: n[0]))
    out.add_edges_from(sorted(((*sorted((u, v)), d) for u, v, d in graph.edges(data=True)), key=lambda e: e[:2]))
    return out


def build_graph(partnerships: pd.DataFrame, actor_table: pd.DataFrame, view: View) -> nx.Graph:
    """The view's graph. A focus actor gets its ego network (radius 1); a
    focus with no edge in the view is a single node, a focus unknown to
    `actor_table` an empty graph."""
    edges = edge_weights(view_rows(partnerships, view))
    edges = edges[edges["weight"] >= view.min_weight]
    graph = _graph(edges, actor_table)
    if not view.focus:
        return graph
    if view.focus in graph:
        return sorted_graph(nx.ego_graph(graph, view.focus, radius=1))
    known = view.focus in set(actor_table["actor_id"])
    return _graph(edges.iloc[0:0], actor_table, (view.focus,) if known else ())


def graph_for(tables: dict[str, pd.DataFrame], view: View) -> nx.Graph:
    """The view's graph over (already filtered) tables."""
    return build_graph(tables["partnerships"], actors(tables), view)


# --- tables ------------------------------------------------------------------

def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (seeded), numbered from 1 by size, then first id."""
    if graph.number_of_edges() == 0:
        groups = [{node} for node in graph]
    else:
        groups = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: number for number, group in enumerate(ordered, 1) for node in group}


def _incident(graph: nx.Graph, node: str, attribute: str) -> str:
    return ";".join(sorted({i for _, _, d in graph.edges(node, data=True) for i in d[attribute]}))


def centrality(graph: nx.Graph) -> pd.DataFrame:
    """One row per node: degree, weighted degree (sentences), betweenness
    (unweighted, normalised), community, and the sessions and sentences of its edges."""
    between = nx.betweenness_centrality(graph)
    community = communities(graph)
    rows = [{"actor_id": n, "name": d["name"], "type": d["type"], "mentions": d["mentions"],
             "degree": graph.degree(n), "weighted_degree": graph.degree(n, weight="weight"),
             "betweenness": round(between[n], 4), "community": community[n],
             "session_ids": _incident(graph, n, "session_ids"), "sentence_ids": _incident(graph, n, "sentence_ids")}
            for n, d in graph.nodes(data=True)]
    out = pd.DataFrame(rows, columns=NODE_COLUMNS)
    return out.sort_values(["weighted_degree", "degree", "name"], ascending=[False, False, True]).reset_index(drop=True)


def _flat(value):
    return ";".join(map(str, value)) if isinstance(value, (tuple, list, set)) else value


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per edge with names, types, kind, weight and provenance ids."""
    rows = [{"source": u, "target": v, "source_name": graph.nodes[u]["name"], "target_name": graph.nodes[v]["name"],
             "source_type": graph.nodes[u]["type"], "target_type": graph.nodes[v]["type"],
             **{k: _flat(d[k]) for k in EDGE_COLUMNS[6:]}} for u, v, d in graph.edges(data=True)]
    out = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    return out.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)


# --- sessions compared -------------------------------------------------------

def years(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Session years present in the tables, in order."""
    return sorted(set(tables["sessions"]["year"].dropna()) - {""})


def _year_graphs(tables: dict[str, pd.DataFrame], view: View, first: str, last: str) -> dict[str, nx.Graph]:
    year_of = dict(zip(tables["sessions"]["session_id"], tables["sessions"]["year"]))
    rows = tables["partnerships"]
    row_years = rows["session_id"].map(year_of)
    actor_table = actors(tables)
    return {year: build_graph(rows[row_years == year], actor_table, view) for year in (first, last)}


def _status(before: bool, after: bool) -> str:
    return STATUSES[0] if before and after else STATUSES[1] if after else STATUSES[2]


def compare_years(tables: dict[str, pd.DataFrame], view: View, first: str,
                  last: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors and edges of the view in session year `first` against `last`:
    each persists, appears (only in `last`) or disappears (only in `first`)."""
    graphs = _year_graphs(tables, view, first, last)
    a, b = graphs[first], graphs[last]
    return _actor_changes(a, b, first, last), _edge_changes(a, b, first, last)


def _actor_changes(a: nx.Graph, b: nx.Graph, first: str, last: str) -> pd.DataFrame:
    """Actors with an edge in either year, their degree in each, their status."""
    columns = ["actor_id", "name", "type", f"degree_{first}", f"degree_{last}", "status"]
    rows = []
    for node in sorted({n for g in (a, b) for n in g if g.degree(n)}):
        data = a.nodes[node] if node in a else b.nodes[node]
        before, after = (g.degree(node) if node in g else 0 for g in (a, b))
        status = _status(before > 0, after > 0)
        rows.append(dict(zip(columns, (node, data["name"], data["type"], before, after, status))))
    return _ordered(pd.DataFrame(rows, columns=columns))


def _edge_side(graph: nx.Graph, year: str) -> pd.DataFrame:
    table = edge_table(graph)[["source", "target", "source_name", "target_name", "kind", "weight", "sentence_ids"]]
    return table.rename(columns={c: f"{c}_{year}" for c in ("kind", "weight", "sentence_ids")})


def _edge_changes(a: nx.Graph, b: nx.Graph, first: str, last: str) -> pd.DataFrame:
    """Edges of both years side by side, with their status."""
    keys = ["source", "target", "source_name", "target_name"]
    out = _edge_side(a, first).merge(_edge_side(b, last), on=keys, how="outer")
    for year in (first, last):
        out[f"weight_{year}"] = out[f"weight_{year}"].fillna(0).astype(int)
        out[[f"kind_{year}", f"sentence_ids_{year}"]] = out[[f"kind_{year}", f"sentence_ids_{year}"]].fillna("")
    out["status"] = [_status(x > 0, y > 0) for x, y in zip(out[f"weight_{first}"], out[f"weight_{last}"])]
    return _ordered(out)


def _ordered(changes: pd.DataFrame) -> pd.DataFrame:
    rank = changes["status"].map({s: i for i, s in enumerate(STATUSES)})
    return changes.assign(_rank=rank).sort_values(["_rank", changes.columns[0], changes.columns[1]]) \
        .drop(columns="_rank").reset_index(drop=True)


def change_counts(actor_changes: pd.DataFrame, edge_changes: pd.DataFrame) -> pd.DataFrame:
    """How many actors and edges persist, appear and disappear."""
    return pd.DataFrame({"status": list(STATUSES),
                         "actors": [int((actor_changes["status"] == s).sum()) for s in STATUSES],
                         "edges": [int((edge_changes["status"] == s).sum()) for s in STATUSES]})


# --- evidence ----------------------------------------------------------------

def node_item(actor_id: str) -> str:
    return f"n:{actor_id}"


def edge_item(source: str, target: str) -> str:
    return "e:" + "|".join(sorted((source, target)))


def parse_item(item: str) -> tuple[str, ...]:
    """('a',) for a node item, ('a', 'b') for an edge item, () otherwise."""
    if not isinstance(item, str) or item[:2] not in ("n:", "e:"):
        return ()
    ids = (item[2:],) if item.startswith("n:") else tuple(item[2:].split("|", 1))
    return ids if all(ids) and len(ids) == (1 if item.startswith("n:") else 2) else ()


def item_options(graph: nx.Graph) -> dict[str, str]:
    """Every node and edge of the graph as a labelled item, nodes first."""
    names = {n: d["name"] for n, d in graph.nodes(data=True)}
    nodes = {node_item(n): f"{names[n]} (actor)" for n in sorted(graph, key=lambda n: (names[n], n))}
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], names[e[0]], names[e[1]]))
    how = {"explicit": "a stated partnership", "co_mention": "named together"}
    return nodes | {edge_item(u, v): f"{names[u]} — {names[v]} ({d['weight']} sentence(s), {how[d['kind']]})"
                    for u, v, d in edges}


def _item_pairs(graph: nx.Graph, ids: tuple[str, ...]) -> list[tuple[str, str]]:
    if len(ids) == 2:
        return [tuple(sorted(ids))] if graph.has_edge(*ids) else []
    return [tuple(sorted((ids[0], m))) for m in graph.neighbors(ids[0])] if ids and ids[0] in graph else []


def evidence_mentions(tables: dict[str, pd.DataFrame], graph: nx.Graph, item: str) -> pd.DataFrame:
    """Mention rows behind an item: for each edge, both actors' mentions in
    its sentences; for a node without edge, its own mentions."""
    ids = parse_item(item)
    mentions = actor_mentions(tables)
    pairs = _item_pairs(graph, ids)
    if not pairs:
        return mentions[mentions["actor_id"].isin(ids[:1] if len(ids) == 1 else [])]
    keep = pd.DataFrame([(s, a) for u, v in pairs for s in graph.edges[u, v]["sentence_ids"] for a in (u, v)],
                        columns=["sentence_id", "actor_id"]).drop_duplicates()
    return mentions.merge(keep, on=["sentence_id", "actor_id"])


def evidence_for(tables: dict[str, pd.DataFrame], graph: nx.Graph, item: str) -> pd.DataFrame:
    """Evidence sentences of an item, with the pairs each states and how."""
    evidence = sentences_for(tables, evidence_mentions(tables, graph, item))
    # only the rows the view counted: an explicit view ignores co-mentions of the pair
    counted = {(u, v, s) for u, v in _item_pairs(graph, parse_item(item)) for s in graph.edges[u, v]["sentence_ids"]}
    rows = tables["partnerships"]
    rows = rows[[key in counted for key in zip(rows["source"], rows["target"], rows["sentence_id"])]]
    facts = rows.assign(pair=rows["source_name"] + " — " + rows["target_name"]).groupby("sentence_id").agg(
        edge_kind=("kind", lambda k: "explicit" if (k == "explicit").any() else "co_mention"),
        pairs=("pair", "; ".join), trigger=("trigger", lambda t: "; ".join(_ids(t))))
    out = evidence.merge(facts, left_on="sentence_id", right_index=True, how="left")
    return out.fillna({"edge_kind": "", "pairs": "", "trigger": ""})


# --- export ------------------------------------------------------------------

def _export_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are strings or numbers (id lists joined by ';')."""
    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        out.add_node(node, label=data["name"], **{k: _flat(v) for k, v in data.items()})
    for u, v, data in graph.edges(data=True):
        out.add_edge(u, v, **{k: _flat(val) for k, val in data.items()})
    return out


def to_graphml(graph: nx.Graph) -> bytes:
    buffer = BytesIO()
    nx.write_graphml(_export_graph(graph), buffer)
    return buffer.getvalue()


def to_gexf(graph: nx.Graph) -> bytes:
    buffer = BytesIO()
    nx.write_gexf(_export_graph(graph), buffer)
    return buffer.getvalue()



def view_bundle(tables: dict[str, pd.DataFrame], view: View) -> dict:
    """Everything the network page shows of one view but the drawing, computed
    once: the graph, its tables and items (exports are written when asked for)."""
    graph = graph_for(tables, view)
    return {"graph": graph,
            "centrality": centrality(graph) if graph.number_of_edges() else None,
            "edge_table": edge_table(graph) if graph.number_of_edges() else None,
            "options": item_options(graph)}


def controls_bundle(tables: dict[str, pd.DataFrame], kind: str, node_types: tuple[str, ...]) -> dict:
    """The choices the page's controls offer."""
    actor_table = actors(tables)
    return {"node_types": node_type_options(tables), "labels": actor_options(actor_table),
            "top_weight": max_weight(tables["partnerships"], View(kind, 1, node_types))}


def years_bundle(tables: dict[str, pd.DataFrame], view: View) -> dict:
    """The first and last years of the view, compared."""
    found = years(tables)
    if len(found) < 2:
        return {"years": found}
    actor_changes, edge_changes = compare_years(tables, view, found[0], found[-1])
    return {"years": found, "actors": actor_changes, "edges": edge_changes,
            "counts": change_counts(actor_changes, edge_changes)}
