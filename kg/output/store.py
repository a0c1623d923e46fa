"""Load an output directory or any RDF file for validation, querying, drawing and export.

Two stores: an rdflib :class:`~rdflib.Dataset` (:func:`load_dataset`) and an in-memory
pyoxigraph store (:func:`load_store`), which loads an order of magnitude faster.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.util import SUFFIX_FORMAT_MAP, guess_format

from kg.graph.triples import PREFIXES
from kg.output.outset import MixedOutput, resolve
from kg.output.rdf import JSONLD, NQUADS, TRIG, TURTLE

# In an output directory, the richest file wins: TriG keeps the per-article named graphs.
DIRECTORY_FILES = (TRIG, NQUADS, TURTLE, JSONLD)
# rdflib format name (rdf_format) -> the pyoxigraph format that reads it.
OXIGRAPH_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nquads": "N_QUADS", "nt": "N_TRIPLES",
                    "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3"}


class GraphNotFound(FileNotFoundError):
    """The path is neither an RDF file nor an output directory holding one."""


class InvalidGraph(GraphNotFound):
    """The file exists but is not valid RDF of its type.

    A subclass of :class:`GraphNotFound` so that every command reporting a missing graph
    reports a broken one the same way, as one line.
    """


def _parse_error(source: Path, fmt: str, err: Exception) -> InvalidGraph:
    why = getattr(err, "_why", None)  # rdflib's Turtle/TriG parser: BadSyntax(lines, _why)
    if why is not None:
        return InvalidGraph(f"{source}: not valid {fmt} at line {getattr(err, 'lines', 0) + 1}: {why}")
    return InvalidGraph(f"{source}: not valid {fmt}: {str(err).splitlines()[0] if str(err) else type(err).__name__}")


def graph_file(path: Path) -> Path:
    """The RDF file a user means: the file itself, or the best graph file in a directory.

    In a directory kg built, the file is the current set's (:func:`kg.output.outset.resolve`),
    checked against the build's manifest: a file of another build raises :class:`InvalidGraph`.
    """
    if path.is_dir():
        for name in DIRECTORY_FILES:
            try:
                checked = resolve(path, name)
            except MixedOutput as err:
                raise InvalidGraph(str(err)) from err
            if checked is not None:
                return checked
        for name in DIRECTORY_FILES:
            if (path / name).is_file():
                return path / name
        raise GraphNotFound(f"{path}: no {', '.join(DIRECTORY_FILES)} in this directory; run `kg build` first")
    if not path.is_file():
        raise GraphNotFound(f"{path}: no such file or directory")
    return path


def rdf_format(path: Path) -> str:
    # guess_format's second argument replaces rdflib's suffix map, so extend that map.
    fmt = guess_format(str(path), {**SUFFIX_FORMAT_MAP, "jsonld": "json-ld", "nq": "nquads", "trig": "trig"})
    if fmt is None:
        raise GraphNotFound(f"{path}: unknown RDF file type; expected .ttl, .trig, .nq, .nt, .jsonld or .rdf")
    return fmt


def load_dataset(path: Path) -> Dataset:
    """Parse a graph file (or an output directory) into a dataset whose default graph is the union."""
    source = graph_file(Path(path))
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    fmt = rdf_format(source)
    try:
        if fmt in {"trig", "nquads", "json-ld"}:
            dataset.parse(source, format=fmt)
        else:
            dataset.default_graph.parse(source, format=fmt)
    except Exception as err:  # noqa: BLE001 - rdflib's parsers raise many unrelated exception types
        raise _parse_error(source, fmt, err) from err
    return dataset


def load_store(path: Path) -> ox.Store:
    """Bulk-load a graph file (or an output directory) into an in-memory pyoxigraph store, named graphs kept.

    Raises :class:`GraphNotFound` for a format pyoxigraph cannot read and :class:`InvalidGraph`
    for a file that is not valid RDF of its type.
    """
    source = graph_file(Path(path))
    fmt = OXIGRAPH_FORMATS.get(rdf_format(source))
    if fmt is None:
        raise GraphNotFound(f"{source}: pyoxigraph cannot read this format")
    store = ox.Store()
    try:
        store.bulk_load(path=str(source), format=getattr(ox.RdfFormat, fmt))
    except SyntaxError as err:
        raise InvalidGraph(f"{source}: not valid RDF: {err}") from err
    return store
