"""networkx graph -> one self-contained, offline HTML page (pyvis data, vis-network inlined).

pyvis converts the networkx graph into vis-network's node and edge records; the page
itself comes from kg's own template because pyvis's templates fetch Bootstrap and, in
some modes, vis-network from CDNs. vis-network (Apache-2.0/MIT) is inlined from the copy
pyvis ships, so the page makes no network request at all.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from kg.graphview import CLASS_COLOURS
from kg.writers import atomic_write

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
DEFAULT_MAX_NODES = 300


def _safe_json(value) -> str:
    """JSON that can sit inside a <script> element: no "</script>", no "<!--"."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def keep_top_nodes(graph: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The ``max_nodes`` most connected (then most mentioned) nodes; returns the subgraph and how many were left out."""
    if graph.number_of_nodes() <= max_nodes:
        return graph, 0
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("mentions", 1), n))
    kept = graph.subgraph(ranked[:max_nodes]).copy()
    return kept, graph.number_of_nodes() - max_nodes


def vis_data(graph: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, built by pyvis from the networkx graph."""
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in sorted(graph.nodes(data=True)):
        net.add_node(
            node,
            label=data["label"],
            group=data["cls"],
            color=CLASS_COLOURS.get(data["cls"], "#bab0ac"),
            value=data.get("mentions", 1),
            cls=data["cls"],
            aliases=data.get("aliases", []),
            mentions=data.get("mentions", 1),
        )
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        net.add_edge(source, target, label=data["relation"], relation=data["relation"], evidence=data["evidence"], arrows="to")
    edges = [{**edge, "id": f"e{i}"} for i, edge in enumerate(net.edges)]
    return net.nodes, edges


def render_html(graph: nx.MultiDiGraph, *, title: str = "kg knowledge graph", max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The explorer page for a graph, as a string."""
    shown, left_out = keep_top_nodes(graph, max_nodes)
    nodes, edges = vis_data(shown)
    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape(["html"]))
    template = env.get_template("graph.html")
    classes = sorted({n["cls"] for n in nodes})
    return template.render(
        title=title,
        vis_js=(VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        nodes_json=_safe_json(nodes),
        edges_json=_safe_json(edges),
        legend=[(cls, CLASS_COLOURS.get(cls, "#bab0ac")) for cls in classes],
        node_count=len(nodes),
        edge_count=len(edges),
        left_out=left_out,
    )


def write_html(graph: nx.MultiDiGraph, path: Path, **options) -> None:
    html = render_html(graph, **options)
    atomic_write(path, lambda tmp: tmp.write_text(html, encoding="utf-8"))
