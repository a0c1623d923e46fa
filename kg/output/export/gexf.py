"""GEXF via networkx, Gephi's native format; same nodes, edges and attributes as the GraphML export."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from kg.output.export.graphml import property_graph
from kg.output.files import atomic_write

# networkx stamps today's date into <meta>; the attribute is optional in GEXF 1.2, and
# without it the same graph gives the same file on any day.
_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def write(dataset: Dataset, path: Path) -> list[Path]:
    graph = property_graph(dataset)

    def write_file(tmp: Path) -> None:
        text = "\n".join(nx.generate_gexf(graph, encoding="utf-8"))
        tmp.write_text(_DATE.sub("", text, count=1) + "\n", encoding="utf-8")

    atomic_write(path, write_file)
    return [path]
