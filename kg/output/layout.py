"""Where to draw each node: every connected part laid out on its own, then packed in rows.

Example::

    positions = layout(load_graph(Path("output")))   # node -> (x, y), about one label apart
"""

from __future__ import annotations

import math

import networkx as nx

LAYOUT_SEED = 7


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


def layout(graph: nx.MultiDiGraph, *, quick: bool = False) -> dict[str, tuple[float, float]]:
    """Node positions in "label units" (about one label apart): each connected part laid out on its own, then packed.

    One force-directed layout of a whole news graph pushes the many unconnected entities
    to the rim and squeezes the connected parts into a blob, so each part gets a seeded
    networkx ``spring_layout`` sized to its node count, and the parts are packed in rows,
    biggest first (a shelf packing, written here because networkx has no layout packer).
    ``quick`` (the corpus overview: hundreds of parts) draws parts of up to 12 nodes as a
    wheel around their best connected node and runs fewer spring iterations on the others.
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
