"""Where to draw each node: every connected part laid out on its own, then packed in rows.

Example::

    positions = layout(load_graph(Path("output")))   # node -> (x, y), about one label apart
"""

from __future__ import annotations

import math

import networkx as nx

LAYOUT_SEED = 7
QUICK_SPRING_NODES = 150
"""In a quick layout, a part with more nodes has its trees (articles citing one entity, mostly) peeled off before the
spring layout, then set around the nodes they hang from (:func:`_peeled`)."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _wheel(simple: nx.Graph, part: list[str]) -> dict[str, tuple[float, float]]:
    """A small part as a wheel: its best connected node in the middle, the others around it one label apart."""
    hub = min(part, key=lambda n: (-simple.degree(n), n))
    rest = [n for n in part if n != hub]
    radius = max(1.1, 1.1 * len(rest) / (2 * math.pi))
    pos = {hub: (radius, radius)}
    for i, node in enumerate(rest):
        angle = 2 * math.pi * i / len(rest)
        pos[node] = (radius + radius * math.cos(angle), radius + radius * math.sin(angle))
    return pos


def _sunflower(centre: tuple[float, float], count: int, spacing: float = 0.75) -> list[tuple[float, float]]:
    """``count`` points filling a disc around ``centre`` about ``spacing`` apart (Vogel's spiral), nearest first."""
    cx, cy = centre
    return [(cx + spacing * math.sqrt(i + 1) * math.cos(i * GOLDEN_ANGLE), cy + spacing * math.sqrt(i + 1) * math.sin(i * GOLDEN_ANGLE))
            for i in range(count)]


def _peeled(sub: nx.Graph, part: list[str], radius: float) -> dict[str, tuple[float, float]]:
    """A large part laid out fast: its trees peeled off, the rest spring-laid, the trees set back around it.

    networkx's ``spring_layout`` is quadratic in the nodes per iteration, and from 500 nodes it
    switches to a per-node loop or an energy minimisation that took 18 s per part of a
    3,000-article corpus (1,400 nodes, most of them articles citing one entity). Peeling the
    nodes of degree one, round after round until at most :data:`QUICK_SPRING_NODES` remain
    (or none is left to peel), leaves a core of a few hundred nodes for the spring layout;
    each peeled node is then set on a small disc around the node it hung from, the last
    peeled first. Hand-written: networkx has no multilevel or tree-aware layout.
    """
    degree = dict(sub.degree())
    removed: set[str] = set()
    rounds: list[list[str]] = []
    while len(part) - len(removed) > QUICK_SPRING_NODES:
        leaves = [n for n in part if n not in removed and degree[n] <= 1]
        if not leaves or len(leaves) == len(part) - len(removed):
            break
        rounds.append(leaves)
        for leaf in leaves:
            removed.add(leaf)
        for leaf in leaves:
            for other in sub[leaf]:
                if other not in removed:
                    degree[other] -= 1
    core = [n for n in part if n not in removed]
    # A peeled node hangs from its one neighbour still present when it was peeled.
    parent: dict[str, str] = {}
    gone: set[str] = set()
    for leaves in rounds:
        gone.update(leaves)
        for leaf in leaves:
            parent[leaf] = min((o for o in sub[leaf] if o not in gone), default=min(sub[leaf]))
    core_graph = nx.Graph()  # built in sorted order (a subgraph view of few nodes iterates a set): the same layout every run
    core_graph.add_nodes_from(core)
    core_graph.add_edges_from(sorted(tuple(sorted(edge)) for edge in sub.subgraph(core).edges()))
    if len(core) <= 12:
        pos = _wheel(core_graph, core)
    else:
        pos = nx.spring_layout(core_graph, k=1.5 / math.sqrt(len(core)), iterations=50, seed=LAYOUT_SEED, scale=radius)
    for leaves in reversed(rounds):  # the last peeled hang from the core: placed first
        hanging: dict[str, list[str]] = {}
        for leaf in leaves:
            hanging.setdefault(parent[leaf], []).append(leaf)
        for node in sorted(hanging):
            for leaf, spot in zip(hanging[node], _sunflower(tuple(pos[node]), len(hanging[node]))):
                pos[leaf] = spot
    return pos


def layout(graph: nx.MultiDiGraph, *, quick: bool = False) -> dict[str, tuple[float, float]]:
    """Node positions in "label units" (about one label apart): each connected part laid out on its own, then packed.

    One force-directed layout of a whole news graph pushes the many unconnected entities
    to the rim and squeezes the connected parts into a blob, so each part gets a seeded
    networkx ``spring_layout`` sized to its node count, and the parts are packed in rows,
    biggest first (a shelf packing, written here because networkx has no layout packer).
    ``quick`` (the corpus overview: hundreds of parts) draws parts of up to 12 nodes as a
    wheel around their best connected node, runs fewer spring iterations on the others, and
    peels the trees off a part of more than :data:`QUICK_SPRING_NODES` nodes (:func:`_peeled`).
    """
    simple = nx.Graph()  # built in sorted order: the seeded layout then gives the same picture every run
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.edges()}))
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for part in parts:
        if len(part) <= 2:  # one entity, or one pair: side by side, no need to simulate
            boxes.append(({node: (2.2 * i, 0.0) for i, node in enumerate(part)}, 1.0 + 2.2 * (len(part) - 1), 1.0))
            continue
        radius = 1.1 * math.sqrt(len(part))
        sub = nx.Graph()
        sub.add_nodes_from(part)
        sub.add_edges_from(sorted(simple.subgraph(part).edges()))
        if quick and len(part) <= 12:
            pos = _wheel(sub, part)
        elif quick and len(part) > QUICK_SPRING_NODES:
            pos = _peeled(sub, part, radius)
        else:
            iterations = (50 if len(part) < 100 else 100) if quick else (100 if len(part) < 20 else 300)
            pos = nx.spring_layout(sub, k=1.5 / math.sqrt(len(part)), iterations=iterations, seed=LAYOUT_SEED, scale=radius)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        shifted = {node: (x - min(xs), y - min(ys)) for node, (x, y) in pos.items()}
        boxes.append((shifted, max(xs) - min(xs) + 1.0, max(ys) - min(ys) + 1.0))
    area = sum(w * h for _, w, h in boxes)
    row_width = max([math.sqrt(area) * 1.4, *(w for _, w, _ in boxes)]) if boxes else 0.0
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    gap = 0.8
    for pos, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (x + px, y - py)
        x += w + gap
        row_height = max(row_height, h)
    return placed
