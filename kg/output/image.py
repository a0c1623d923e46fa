"""networkx graph -> a static PNG or SVG picture (matplotlib) for reports.

Draws the same view as the HTML page (same colours, a matching marker per shape, node
size by mentions, edge colour and label by relation) with a networkx layout, so a
picture and a page made from one ``kg viz`` call agree.

Example::

    write_image(select_view(graph, focus="Vladimir Putin", depth=2), Path("putin.png"))
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import networkx as nx

from kg.output.layout import layout
from kg.output.style import class_colour, class_shape, relation_colour
from kg.output.files import atomic_write
from kg.output.overview import Overview, is_article, overview

IMAGE_FORMATS = {".png": "png", ".svg": "svg"}
# matplotlib markers that look like the vis-network shapes of kg/html.py.
MARKERS = {"dot": "o", "square": "s", "triangle": "^", "diamond": "D", "star": "*"}
MAX_NODE_LABELS = 150
"""Past this many entities only the most mentioned and best connected are labelled, so labels stay readable."""
MAX_EDGE_LABELS = 80
"""Past this many facts the relation is shown by edge colour (and the legend) only."""


class ImageFormatError(ValueError):
    """The output file name does not end in .png or .svg."""


def image_format(path: Path) -> str:
    fmt = IMAGE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ImageFormatError(f"{path}: a picture must end in .png or .svg")
    return fmt


def _plain(text: str) -> str:
    """Text matplotlib draws as written: a pair of "$" would otherwise start mathtext (and may fail to parse)."""
    return text.replace("$", r"\$")


def _label(text: str, limit: int = 28) -> str:
    return _plain(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def render_figure(graph: nx.MultiDiGraph, *, title: str | None = None):
    """A matplotlib Figure of the graph (no pyplot state, so it is safe in a library)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    n = graph.number_of_nodes()
    pos = layout(graph)
    xs, ys = [p[0] for p in pos.values()] or [0.0], [p[1] for p in pos.values()] or [0.0]
    # About 1.2 inches per layout unit, within what a viewer can open.
    width = min(48.0, max(6.0, 1.2 * (max(xs) - min(xs) + 1.5)))
    height = min(48.0, max(4.0, 1.2 * (max(ys) - min(ys) + 1.5)))
    fig = Figure(figsize=(width + 3.0, height + 0.6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.margins(0.04)
    mentions = {node: data.get("mentions", 1) for node, data in graph.nodes(data=True)}
    biggest = max(mentions.values(), default=1)

    def size(node: str) -> float:
        return 60 + 540 * math.sqrt(mentions[node] / biggest)

    for shape in sorted({class_shape(d["cls"]) for _, d in graph.nodes(data=True)}):
        members = sorted(node for node, d in graph.nodes(data=True) if class_shape(d["cls"]) == shape)
        nx.draw_networkx_nodes(
            graph, pos, nodelist=members, ax=ax, node_shape=MARKERS[shape],
            node_color=[class_colour(graph.nodes[m]["cls"]) for m in members],
            node_size=[size(m) for m in members], edgecolors="#333333", linewidths=0.6,
        )
    edges = sorted(graph.edges(keys=True))
    if edges:
        # Parallel facts between two entities bend by different amounts so each stays visible.
        rank, bends = Counter(), []
        for source, target, _ in edges:
            pair = tuple(sorted((source, target)))
            bends.append(f"arc3,rad={0.18 * rank[pair]}")
            rank[pair] += 1
        nodelist = sorted(graph.nodes)
        sizes = [size(node) for node in nodelist]
        for style in sorted(set(bends)):
            chosen = [e for e, b in zip(edges, bends, strict=True) if b == style]
            nx.draw_networkx_edges(
                graph, pos, edgelist=chosen, ax=ax, edge_color=[relation_colour(k) for _, _, k in chosen],
                width=1.4, arrows=True, arrowsize=12, connectionstyle=style, nodelist=nodelist, node_size=sizes,
            )
            if len(edges) <= MAX_EDGE_LABELS:
                nx.draw_networkx_edge_labels(
                    graph, pos, edge_labels={e: _plain(e[2]) for e in chosen}, ax=ax, font_size=7, font_color="#444444",
                    connectionstyle=style, nodelist=nodelist, node_size=sizes, rotate=False,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                )
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node), -mentions[node], node))
    labelled = ranked[:MAX_NODE_LABELS]
    nx.draw_networkx_labels(
        graph, {node: (x, y - 0.22) for node, (x, y) in pos.items()},
        labels={node: _label(graph.nodes[node]["label"]) for node in labelled}, ax=ax, font_size=8, verticalalignment="top", bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
    )
    handles = [
        Line2D([], [], linestyle="", marker=MARKERS[class_shape(cls)], markersize=9, markerfacecolor=class_colour(cls),
               markeredgecolor="#333333", label=f"{_plain(cls)} ({count})")
        for cls, count in sorted(Counter(d["cls"] for _, d in graph.nodes(data=True)).items())
    ]
    handles += [
        Line2D([], [], color=relation_colour(rel), linewidth=2, label=f"{_plain(rel)} ({count})")
        for rel, count in sorted(Counter(k for _, _, k in edges).items())
    ]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    caption = _plain(title or "kg knowledge graph")
    caption += f" — {n} entities, {len(edges)} facts"
    if graph.graph.get("left_out_nodes"):
        caption += f" ({graph.graph['left_out_nodes']} entities left out)"
    ax.set_title(caption, fontsize=11)
    return fig


def render_overview_figure(graph: nx.MultiDiGraph, plan: Overview, *, title: str | None = None):
    """A matplotlib Figure of the overview: the page's opening view (clusters, top entities, bundles of facts).

    Clusters are grey discs of their layout radius, named like the page names them; the
    most connected entities are drawn on their own in their class colour and shape; a line
    between two of them is as wide as the log of the facts between them (articles left out).
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    clusters = {c.id: c for c in plan.clusters}
    on_own = set(plan.top)
    centre = {c.id: (c.x, c.y) for c in plan.clusters} | {n: plan.positions[n] for n in plan.top}
    unit = {n: (n if n in on_own else c) for n, c in plan.cluster_of.items()}
    bundles = Counter()
    for u, v in graph.edges():
        if is_article(graph, u) or is_article(graph, v):
            continue
        a, b = unit.get(u), unit.get(v)
        if a and b and a != b:
            bundles[tuple(sorted((a, b)))] += 1
    xs = [x for x, _ in centre.values()] or [0.0]
    ys = [y for _, y in centre.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    fig = Figure(figsize=(16, 16 * max(0.5, min(2.0, (max(ys) - min(ys) + 1) / (max(xs) - min(xs) + 1)))), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    biggest = max(bundles.values(), default=1)
    for (a, b), count in sorted(bundles.items()):
        (x1, y1), (x2, y2) = centre[a], centre[b]
        ax.plot([x1, x2], [y1, y2], color="#5a5a6e", alpha=0.35, linewidth=0.6 + 5 * math.log1p(count) / math.log1p(biggest), zorder=1)
    font = max(6.0, min(11.0, 900 / span))
    for cluster in plan.clusters:
        ax.add_patch(Circle((cluster.x, cluster.y), cluster.radius * 0.9, facecolor="#eef1f6", edgecolor="#8793a8", linewidth=1.2, zorder=2))
        ax.text(cluster.x, cluster.y - cluster.radius * 0.9, _label(cluster.label, 40), ha="center", va="top", fontsize=font,
                color="#2b3445", zorder=4, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    for node in plan.top:
        x, y = plan.positions[node]
        cls = graph.nodes[node]["cls"]
        ax.scatter([x], [y], s=160, marker=MARKERS[class_shape(cls)], c=[class_colour(cls)], edgecolors="#333333", linewidths=0.6, zorder=3)
        ax.text(x, y - span * 0.012, _label(graph.nodes[node]["label"]), ha="center", va="top", fontsize=font, zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_xlim(min(xs) - span * 0.08, max(xs) + span * 0.08)
    ax.set_ylim(min(ys) - span * 0.08, max(ys) + span * 0.08)
    entities = sum(1 for n in graph if not is_article(graph, n))
    caption = _plain(title or "kg knowledge graph") + f" — overview of {entities} entities: {len(clusters)} clusters, {len(on_own)} most connected entities"
    ax.set_title(caption, fontsize=11)
    return fig


def write_image(graph: nx.MultiDiGraph, path: Path, *, title: str | None = None, overview_mode: bool = False) -> None:
    """Write the graph as a PNG or SVG picture, chosen by the file suffix.

    With ``overview_mode`` the picture is the overview (:func:`render_overview_figure`),
    as the page opens on it. The files carry no creation date (and SVG ids use a fixed
    salt), so the same graph gives the same file. Raises :class:`ImageFormatError` for
    any other suffix.
    """
    import matplotlib

    fmt = image_format(path)
    fig = render_overview_figure(graph, overview(graph), title=title) if overview_mode else render_figure(graph, title=title)
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with matplotlib.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "none"}):
        atomic_write(Path(path), lambda tmp: fig.savefig(tmp, format=fmt, dpi=150, metadata=metadata))
