"""The RDF output files, streamed: graph.nq, graph.trig, graph.ttl and graph.jsonld.

Inputs are sorted line files (the shards of :mod:`kg.build.shards` merged with
:func:`kg.output.files.merge_sorted`), never the whole graph in memory: pyoxigraph parses
the merged N-Quads/N-Triples files lazily and serializes TriG and Turtle as it goes;
JSON-LD is written one node (subject) at a time. Every file is written atomically.

The rdflib in-memory serializers that once wrote these files are kept under ``tests/``
(``tests/oracle.py``) as the reference the streaming files are checked against.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby
from json.encoder import encode_basestring as _json_string  # the C encoder behind json.dumps(ensure_ascii=False)
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF

from kg.graph.ntriples import quad_key
from kg.graph.triples import PREFIXES
from kg.output.files import atomic_write, merge_sorted

TURTLE, TRIG, JSONLD, NQUADS = "graph.ttl", "graph.trig", "graph.jsonld", "graph.nq"
OUTPUTS = (TURTLE, TRIG, JSONLD, NQUADS)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RDF_TYPE = str(RDF.type)
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

# Short names for the properties people read most, so graph.jsonld reads like plain JSON.
JSONLD_TERMS = {
    "label": "rdfs:label",
    "altLabel": {"@id": "skos:altLabel", "@container": "@set"},
    "identifier": "dcterms:identifier",
    "headline": "schema:headline",
    "mentions": {"@id": "schema:mentions", "@type": "@id", "@container": "@set"},
}


def jsonld_context() -> dict:
    context: dict = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    context.update(JSONLD_TERMS)
    return context


def triples(ntriples: Path) -> Iterator[ox.Triple]:
    """The statements of an N-Triples file, parsed lazily by pyoxigraph."""
    for quad in ox.parse(path=ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield quad.triple


def write_nquads(quad_shards: list[Path], default_lines: list[str], path: Path) -> None:
    """graph.nq: the default graph, then every named graph in IRI order (bulk-load ready)."""
    atomic_write(path, lambda tmp: merge_sorted(quad_shards, tmp, key=quad_key, head=default_lines))


def merge_statements(triple_shards: list[Path], default_file: Path, path: Path) -> Path:
    """All statements of all graphs, sorted and unique (the merged graph) as N-Triples."""
    return merge_sorted([*triple_shards, default_file], path, dedupe=True)


def write_trig(nquads: Path, path: Path) -> None:
    def write(tmp: Path) -> None:
        ox.serialize(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS), tmp, ox.RdfFormat.TRIG, prefixes=_PREFIXES)

    atomic_write(path, write)


def write_turtle(ntriples: Path, path: Path) -> None:
    def write(tmp: Path) -> None:
        ox.serialize(triples(ntriples), tmp, ox.RdfFormat.TURTLE, prefixes=_PREFIXES)

    atomic_write(path, write)


class _Compactor:
    """JSON-LD compaction of one node against kg's fixed context (:data:`JSONLD_TERMS`).

    Hand-written because rdflib's and pyoxigraph's JSON-LD writers need the whole graph
    (rdflib) or write no context (pyoxigraph); with one fixed context, compacting a flat
    node is a table lookup. Matches what rdflib wrote: full ``@id`` IRIs, compact
    property and type names, plain strings and JSON integers where exact.
    """

    def __init__(self) -> None:
        self.namespaces = sorted(_PREFIXES.items(), key=lambda item: -len(item[1]))
        self.terms: dict[str, tuple[str, dict]] = {}
        for term, definition in JSONLD_TERMS.items():
            definition = definition if isinstance(definition, dict) else {"@id": definition}
            self.terms[self.expand(definition["@id"])] = (term, definition)

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return _PREFIXES[prefix] + local

    @lru_cache(maxsize=4096)  # noqa: B019 - one compactor per write; predicates, types and datatypes repeat
    def compact(self, iri: str) -> str:
        for prefix, namespace in self.namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def value(self, term, definition: dict):
        if isinstance(term, ox.NamedNode):
            return term.value if definition.get("@type") == "@id" else {"@id": term.value}
        if term.language:
            return {"@language": term.language, "@value": term.value}
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return term.value
        if datatype == XSD_INTEGER and str(int(term.value)) == term.value:
            return int(term.value)
        return {"@type": self.compact(datatype), "@value": term.value}

    def node(self, subject: str, triples: list[ox.Triple]) -> dict:
        node: dict = {"@id": subject}
        for predicate, group in groupby(triples, key=lambda t: t.predicate.value):
            objects = [t.object for t in group]
            if predicate == RDF_TYPE:
                types = [self.compact(o.value) for o in objects]
                node["@type"] = types[0] if len(types) == 1 else types
                continue
            key, definition = self.terms.get(predicate, (self.compact(predicate), {}))
            values = [self.value(o, definition) for o in objects]
            node[key] = values if len(values) > 1 or definition.get("@container") == "@set" else values[0]
        return dict(sorted(node.items()))




def indented(value, margin: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, each line after the first indented by ``margin``.

    Written out because ``indent`` sends :mod:`json` to its pure-Python encoder, which was most of
    the time graph.jsonld took; a node is a few small dicts and lists, so the layout is short code.

    >>> indented({"@id": "x", "n": [1, {"@value": "é"}]}) == json.dumps({"@id": "x", "n": [1, {"@value": "é"}]}, indent=2, ensure_ascii=False)
    True
    """
    inner = margin + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{_json_string(key)}: {indented(item, inner)}" for key, item in value.items())
        return "{\n" + ",\n".join(items) + f"\n{margin}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + indented(item, inner) for item in value) + f"\n{margin}]"
    return _json_string(value) if type(value) is str else json.dumps(value)


def write_jsonld(ntriples: Path, path: Path) -> None:
    """graph.jsonld: the merged graph, one compacted node per subject, in IRI order."""
    compactor = _Compactor()

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            head = json.dumps({"@context": dict(sorted(jsonld_context().items()))}, indent=2, ensure_ascii=False, sort_keys=True)
            out.write(head[: head.rindex("}")].rstrip() + ',\n  "@graph": [')
            first = True
            for subject, group in groupby(triples(ntriples), key=lambda t: t.subject.value):
                out.write(("\n    " if first else ",\n    ") + indented(compactor.node(subject, list(group)), "    "))
                first = False
            out.write("\n  ]\n}\n")

    atomic_write(path, write)
