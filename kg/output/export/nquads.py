"""N-Quads (named graphs kept) and N-Triples (merged), sorted: the input bulk loaders want."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.graph.triples import union_graph
from kg.output.files import atomic_write
from kg.output.rdf import write_nquads


def write(dataset: Dataset, path: Path) -> list[Path]:
    """N-Quads: entity descriptions in the default graph, each article's facts in its named graph."""
    write_nquads(dataset, path)
    return [path]


def write_ntriples(dataset: Dataset, path: Path) -> list[Path]:
    """N-Triples of the merged graph (graph.ttl's content), one sorted statement per line."""

    def write_file(tmp: Path) -> None:
        text = union_graph(dataset).serialize(format="nt", encoding="utf-8").decode("utf-8")
        lines = sorted(line for line in text.splitlines() if line.strip())
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")

    atomic_write(path, write_file)
    return [path]
