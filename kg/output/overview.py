"""The corpus overview: communities of entities, the most connected entities, and where to draw them.

A whole news corpus drawn entity by entity is a hairball (issue 15). The overview groups
the entities into communities (networkx's Louvain on the facts between entities, articles
left out), names each after its most central members, picks the most connected entities
to draw on their own, and lays the groups out so that a cluster, once expanded, has room
for its members. The page (kg/output/templates/explorer.js) draws clusters, entities and
the bundles of facts between them from what :func:`overview` returns.

Example::

    plan = overview(load_graph(Path("output")))
    plan.clusters[0].label          # 'Yukos · Gazprom +19'
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from kg.output import OVERVIEW_MIN_NODES  # noqa: F401  (re-exported: the overview's threshold)
from kg.output.layout import LAYOUT_SEED, layout
from kg.vocab import Cls

TOP_ENTITIES = 30
"""How many of the most connected entities the overview draws (and labels) on their own."""
MIN_CLUSTER = 3
"""A community with fewer entities (besides the ones drawn on their own) joins the "small groups" cluster."""
MAX_CLUSTERS = 20
"""The largest communities become clusters; the rest join the "small groups" cluster."""
NAMES_PER_CLUSTER = 2


@dataclass
class Cluster:
    """One community drawn as one node until expanded."""

    id: str
    label: str
    names: list[str]  # its most central members' labels, most central first
    size: int  # entities (articles not counted)
    x: float = 0.0
    y: float = 0.0
    radius: float = 1.0


@dataclass
class Overview:
    """What the page needs to draw the overview: clusters, each node's cluster, the top entities, positions."""

    clusters: list[Cluster]
    cluster_of: dict[str, str]  # node -> cluster id (nodes with no fact at all have none)
    top: list[str]  # the most connected entities, most connected first
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)  # in layout units, y up


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


CLUSTER_LABEL_CHARS = 26
"""A cluster is named after its most central members as long as the names fit in this many characters (at least one)."""


def _cluster_names(labels: list[str]) -> list[str]:
    names = [_short(labels[0])] if labels else []
    for label in labels[1:]:
        if len(" · ".join(names + [label])) > CLUSTER_LABEL_CHARS:
            break
        names.append(label)
    return names


def is_article(graph: nx.MultiDiGraph, node: str) -> bool:
    return graph.nodes[node].get("cls") == Cls.NewsArticle


def entity_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Entities joined by facts (weight = how many), articles and the facts touching them left out."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(n for n in graph if not is_article(graph, n)))
    weights = Counter(
        tuple(sorted((u, v)))
        for u, v in graph.edges()
        if u != v and not is_article(graph, u) and not is_article(graph, v)
    )
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


def _rank(simple: nx.Graph, graph: nx.MultiDiGraph, node: str) -> tuple:
    return (-simple.degree(node, weight="weight"), -graph.nodes[node].get("mentions", 1), node)


def overview(graph: nx.MultiDiGraph, *, top: int = TOP_ENTITIES) -> Overview:
    """Communities, top entities and positions for the overview of ``graph``.

    Louvain (seeded, on a graph built in sorted order, so the same graph always gives the
    same clusters) runs on the facts between entities. Articles, and entities whose only
    facts lead to articles, then join the community most of their fact partners are in.
    Nodes without any fact belong to no cluster: the page reaches them by search.
    """
    simple = entity_graph(graph)
    # A copy, not nx.Graph(simple.subgraph(...)): a view of under half the nodes iterates them in set (hash) order,
    # which changes from run to run, and Louvain's seeded result with it.
    connected = simple.copy()
    connected.remove_nodes_from([n for n in simple if not simple.degree(n)])
    communities = nx.community.louvain_communities(connected, weight="weight", seed=LAYOUT_SEED) if connected else []
    community: dict[str, int] = {}
    for index, members in enumerate(sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))):
        for node in members:
            community[node] = index
    # Articles (and entities known only through articles) join their partners' community: two passes
    # reach an entity whose only fact is "cited_by" an article that cites someone in a community.
    for _ in range(2):
        for node in sorted(graph):
            if node in community:
                continue
            votes = Counter(community[m] for m in nx.all_neighbors(graph, node) if m in community)
            if votes:
                community[node] = min(votes, key=lambda c: (-votes[c], c))
    # What is still left has facts only among itself (people cited by articles that cite no one else known):
    # each connected part is a community of its own.
    rest = nx.Graph(graph.subgraph(n for n in graph if n not in community and graph.degree(n)))
    for part in sorted((sorted(c) for c in nx.connected_components(rest)), key=lambda c: c[0]):
        index = len(set(community.values())) + 1000000
        for node in part:
            community[node] = index
    ranked = sorted((n for n in connected), key=lambda n: _rank(simple, graph, n))
    top_nodes = ranked[:top]
    on_own = set(top_nodes)

    members: dict[int, list[str]] = defaultdict(list)
    for node, index in community.items():
        if node not in on_own:
            members[index].append(node)
    entity_count = {i: sum(1 for n in ms if not is_article(graph, n)) for i, ms in members.items()}
    big = sorted((i for i in members if entity_count[i] >= MIN_CLUSTER), key=lambda i: (-entity_count[i], i))[:MAX_CLUSTERS]
    clusters: list[Cluster] = []
    cluster_of: dict[str, str] = {}
    for number, index in enumerate(big):
        entities = sorted((n for n in members[index] if not is_article(graph, n)), key=lambda n: _rank(simple, graph, n))
        names = _cluster_names([graph.nodes[n]["label"] for n in entities[:NAMES_PER_CLUSTER]])
        rest = len(entities) - len(names)
        cluster = Cluster(f"cluster:{number}", " · ".join(names) + (f" +{rest}" if rest else ""), names, len(entities))
        clusters.append(cluster)
        for node in members[index]:
            cluster_of[node] = cluster.id
    small = sorted(n for i, ms in members.items() if i not in big for n in ms)
    if small or any(community[n] not in big for n in top_nodes):
        count = sum(1 for n in small if not is_article(graph, n))
        groups = sum(1 for i in members if i not in big)
        clusters.append(Cluster("cluster:small", f"{count} entities in {groups} small groups", [], count))
        for node in small:
            cluster_of[node] = "cluster:small"
    for node in top_nodes:  # drawn on their own, but still members of their community's cluster
        cluster_of[node] = f"cluster:{big.index(community[node])}" if community[node] in big else "cluster:small"
    plan = Overview(clusters, cluster_of, top_nodes)
    plan.positions = _positions(graph, simple, plan)
    return plan


VIEW_PX = (880.0, 700.0)
"""The part of a 1280 x 800 window the graph gets (the panel takes the rest): the overview is spaced for it."""
CHAR_PX, LABEL_PX, DISC_PX = 7.5, 20.0, 12.0
"""On screen: the width of a label character, a label's height with its gap, and a top entity's size (vis-network's
``size``, about a radius; explorer.js draws them so)."""


def cluster_px(size: int) -> float:
    """A cluster's disc radius on screen in the overview (explorer.js draws it so): by the square root of its entities."""
    return min(30.0, 8.0 + 2.5 * math.sqrt(size))


def _label_width(text: str) -> float:
    return CHAR_PX * len(text) + 8.0


def _positions(graph: nx.MultiDiGraph, simple: nx.Graph, plan: Overview) -> dict[str, tuple[float, float]]:
    """Each cluster's members laid out around the cluster's centre, the clusters and top entities apart.

    Every cluster is laid out on its own with :func:`kg.output.layout.layout` (articles
    included, so they have a place when shown), which gives its radius. The clusters and top
    entities are then placed by ForceAtlas2 (strong gravity, so units without a bundle stay
    near) on the graph of units weighted by the facts between them, and pushed apart until
    neither their discs nor their labels overlap at the size the page draws them on screen
    (both keep their size on screen at any zoom). The small groups' members are laid out
    beside the whole; their disc stays in it.
    """
    on_own = set(plan.top)
    inside: dict[str, dict[str, tuple[float, float]]] = {}
    for cluster in plan.clusters:
        nodes = sorted(n for n, c in plan.cluster_of.items() if c == cluster.id and n not in on_own)
        local = layout(graph.subgraph(nodes), quick=True)
        if local:
            xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
            cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
            local = {n: (x - cx, y - cy) for n, (x, y) in local.items()}
            cluster.radius = max(1.5, max(math.hypot(x, y) for x, y in local.values()) + 0.8)
        inside[cluster.id] = local
    small = next((c for c in plan.clusters if c.id == "cluster:small"), None)
    if small is not None:
        small_region = small.radius
        small.radius = max([c.radius for c in plan.clusters if c is not small] + [1.5])

    unit_of = {n: (n if n in on_own else c) for n, c in plan.cluster_of.items()}
    for node in plan.top:
        unit_of.setdefault(node, node)
    units = nx.Graph()
    units.add_nodes_from(sorted([c.id for c in plan.clusters] + list(plan.top)))
    weights = Counter()
    for u, v in simple.edges():
        a, b = unit_of.get(u), unit_of.get(v)
        if a and b and a != b:
            weights[tuple(sorted((a, b)))] += simple[u][v]["weight"]
    units.add_weighted_edges_from((a, b, math.log1p(w)) for (a, b), w in sorted(weights.items()))
    disc = {c.id: c.radius for c in plan.clusters} | {n: 1.0 for n in plan.top}
    sizes = {c.id: c.size for c in plan.clusters}
    label = {c.id: c.label for c in plan.clusters} | {n: graph.nodes[n]["label"][:40] for n in plan.top}
    order = sorted(units)
    if len(order) <= 1:
        centres = {n: (0.0, 0.0) for n in order}
    else:
        start = nx.circular_layout(order, scale=math.sqrt(sum(disc[n] ** 2 for n in order)))
        found = nx.forceatlas2_layout(units, pos=start, max_iter=300, weight="weight", strong_gravity=True, gravity=1.0,
                                      scaling_ratio=2.0, node_size=disc, seed=LAYOUT_SEED)
        centres = {n: (float(found[n][0]), float(found[n][1])) for n in order}
        # In screen pixels at the zoom that fits this layout: labels have a fixed size on screen, discs scale.
        xs = [centres[n][0] + d * disc[n] for n in order for d in (-1, 1)]
        ys = [centres[n][1] + d * disc[n] for n in order for d in (-1, 1)]
        mid = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        zoom = min(VIEW_PX[0] / max(max(xs) - min(xs), 1e-6), VIEW_PX[1] / max(max(ys) - min(ys), 1e-6))
        boxes = {}
        for n in order:
            r = cluster_px(sizes[n]) if n in sizes else DISC_PX
            boxes[n] = (max(r, _label_width(label[n]) / 2), r, r + LABEL_PX)  # half width, above, below (label under)
        screen = {n: ((x - mid[0]) * zoom, (y - mid[1]) * zoom) for n, (x, y) in centres.items()}
        screen = _separate(order, screen, boxes, bounds=(VIEW_PX[0] / 2, VIEW_PX[1] / 2))
        centres = {n: (mid[0] + x / zoom, mid[1] + y / zoom) for n, (x, y) in screen.items()}
    positions: dict[str, tuple[float, float]] = {}
    for cluster in plan.clusters:
        cluster.x, cluster.y = (round(v, 3) for v in centres[cluster.id])
        cx, cy = cluster.x, cluster.y
        if cluster is small:  # members beside everything else, right of it
            right = max(centres[n][0] + disc[n] for n in order) if order else 0.0
            cx, cy = right + 2.0 + small_region, 0.0
        for node, (x, y) in inside[cluster.id].items():
            positions[node] = (cx + x, cy + y)
    for node in plan.top:
        positions[node] = centres[node]
    return positions


def _separate(order: list[str], centres: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float]],
              bounds: tuple[float, float], gap: float = 4.0, rounds: int = 400) -> dict[str, tuple[float, float]]:
    """Push overlapping boxes apart (each pair half each way, along the axis they overlap least), within bounds.

    ``boxes`` gives each unit's half width and its extent above and below its centre;
    every box is kept inside ``[-bounds[0], bounds[0]] x [-bounds[1], bounds[1]]`` (where
    room runs out, some overlap may stay: the page then hides the less important label).
    Hand-written: networkx has no overlap removal, and the few dozen units need nothing
    heavier than this numpy loop.
    """
    xy = np.array([centres[n] for n in order], dtype=float)
    half = np.array([boxes[n][0] for n in order])
    up = np.array([boxes[n][1] for n in order])
    down = np.array([boxes[n][2] for n in order])
    pad = gap
    changed = False
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]  # i minus j
        dy = xy[:, None, 1] - xy[None, :, 1]
        over_x = half[:, None] + half[None, :] + pad - np.abs(dx)
        # i above j: i's bottom (y - down_i) against j's top (y + up_j); else the other way round
        over_y = np.where(dy >= 0, down[:, None] + up[None, :], up[:, None] + down[None, :]) + pad - np.abs(dy)
        hit = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        changed = True
        along_x = hit & (over_x <= over_y)
        along_y = hit & (over_x > over_y)
        sign_x = np.where(dx > 0, 1.0, np.where(dx < 0, -1.0, np.sign(np.arange(len(order))[:, None] - np.arange(len(order))[None, :])))
        sign_y = np.where(dy > 0, 1.0, np.where(dy < 0, -1.0, np.sign(np.arange(len(order))[:, None] - np.arange(len(order))[None, :])))
        xy[:, 0] += (np.where(along_x, over_x, 0.0) * sign_x / 2).sum(axis=1)
        xy[:, 1] += (np.where(along_y, over_y, 0.0) * sign_y / 2).sum(axis=1)
        xy[:, 0] = np.clip(xy[:, 0], -bounds[0] + half, np.maximum(bounds[0] - half, -bounds[0] + half))
        xy[:, 1] = np.clip(xy[:, 1], -bounds[1] + down, np.maximum(bounds[1] - up, -bounds[1] + down))
    if not changed:
        return centres
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, xy)}
