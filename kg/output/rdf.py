"""Serializers for the output files, each written atomically (temp file, then rename)."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.graph.triples import PREFIXES, union_graph
from kg.output.files import atomic_write

TURTLE, TRIG, JSONLD, NQUADS = "graph.ttl", "graph.trig", "graph.jsonld", "graph.nq"

# Short names for the properties people read most, so graph.jsonld reads like plain JSON.
JSONLD_TERMS = {
    "label": "rdfs:label",
    "altLabel": {"@id": "skos:altLabel", "@container": "@set"},
    "identifier": "dcterms:identifier",
    "headline": "schema:headline",
    "mentions": {"@id": "schema:mentions", "@type": "@id", "@container": "@set"},
}


def write_turtle(graph: Graph, path: Path) -> None:
    atomic_write(path, lambda tmp: graph.serialize(tmp, format="turtle", encoding="utf-8"))


def write_trig(dataset: Dataset, path: Path) -> None:
    """TriG with the default graph first and named graphs in IRI order.

    rdflib's serializer writes graphs in store order, which changes between runs; the
    serializer is used as is, with its list of graphs sorted first.
    """
    serializer = TrigSerializer(dataset)
    default = serializer.default_context
    unique = {str(g.identifier): g for g in serializer.contexts if len(g)}
    serializer.contexts = sorted(unique.values(), key=lambda g: (g.identifier != default, str(g.identifier)))

    def write(tmp: Path) -> None:
        with tmp.open("wb") as stream:
            serializer.serialize(stream, encoding="utf-8")

    atomic_write(path, write)


def write_nquads(dataset: Dataset, path: Path) -> None:
    """N-Quads, one statement per line, sorted (bulk loaders' favourite format)."""

    def write(tmp: Path) -> None:
        text = dataset.serialize(format="nquads")
        lines = sorted(line for line in text.splitlines() if line.strip())
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")

    atomic_write(path, write)


def _sorted_json(value):
    """Sort JSON-LD node lists and value sets so the file is the same on every run."""
    if isinstance(value, dict):
        return {key: _sorted_json(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def jsonld_context() -> dict:
    context: dict = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    context.update(JSONLD_TERMS)
    return context


def write_jsonld(graph: Graph, path: Path) -> None:
    """JSON-LD with a compact context (prefixes plus short names for common properties)."""

    def write(tmp: Path) -> None:
        data = json.loads(graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
        context = data.pop("@context")
        nodes = data.pop("@graph", None)
        body = _sorted_json(nodes if nodes is not None else [data])
        text = json.dumps({"@context": context, "@graph": body}, indent=2, ensure_ascii=False)
        tmp.write_text(text + "\n", encoding="utf-8")

    atomic_write(path, write)


def write_rdf_files(dataset: Dataset, out_dir: Path) -> Graph:
    """Write graph.ttl, graph.trig and graph.jsonld; returns the merged graph."""
    merged = union_graph(dataset)
    write_turtle(merged, out_dir / TURTLE)
    write_trig(dataset, out_dir / TRIG)
    write_jsonld(merged, out_dir / JSONLD)
    return merged
