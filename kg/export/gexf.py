"""GEXF via networkx, Gephi's native format; same nodes, edges and attributes as the GraphML export."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Dataset

from kg.export.graphml import property_graph
from kg.writers import atomic_write


def write(dataset: Dataset, path: Path) -> list[Path]:
    graph = property_graph(dataset)
    atomic_write(path, lambda tmp: nx.write_gexf(graph, tmp, encoding="utf-8"))
    return [path]
