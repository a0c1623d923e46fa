"""Export a graph for other tools: one module per format, each with ``write(graph, path)``.

The graph is read with :mod:`kg.output.store`, as ``kg query`` reads it: the N-Quads and
N-Triples exports from a pyoxigraph store, the others from an rdflib dataset.

>>> export(Path("output"), "neo4j", Path("neo4j-import"))  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from kg.output.store import load_dataset, load_store

# format name -> (module, what PATH is)
FORMATS = {
    "nquads": ("kg.output.export.nquads", "file"),
    "ntriples": ("kg.output.export.nquads", "file"),
    "graphml": ("kg.output.export.graphml", "file"),
    "gexf": ("kg.output.export.gexf", "file"),
    "neo4j": ("kg.output.export.neo4j", "directory"),
    "csv": ("kg.output.export.csv", "directory"),
}


def export(graph: Path, fmt: str, out: Path) -> list[Path]:
    """Write the graph at ``graph`` (output directory or RDF file) as ``fmt`` to ``out``; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module, kind = FORMATS[fmt]
    out = Path(out)
    if kind == "file" and out.is_dir():
        raise ValueError(f"{out} is a directory; --to {fmt} writes one file")
    if kind == "directory" and out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file; --to {fmt} writes a directory of files")
    writer = import_module(module)
    if fmt == "ntriples":
        return writer.write_ntriples(load_store(graph), out)
    if fmt == "nquads":
        return writer.write(load_store(graph), out)
    return writer.write(load_dataset(graph), out)
