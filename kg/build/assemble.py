"""Shards -> the output files, streaming: graph.nq, graph.trig, graph.ttl, graph.jsonld, graph.html.

Inputs are the sorted shards of :mod:`kg.build.shards` and the entity index. Nothing here
holds the whole graph: pyoxigraph parses the merged N-Quads/N-Triples files lazily and
serializes TriG and Turtle as it goes; JSON-LD is written one node (subject) at a time;
the HTML page needs only the most connected entities, picked in one pass over the
merged statements, and the evidence of the facts between them, gathered in a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SDO

from kg.graph.index import EntityIndex
from kg.graph.namespace import KG
from kg.graph.ntriples import nt_line, quad_key
from kg.graph.triples import PREFIXES, entity_iri, entity_triples, extractor_triples
from kg.output.files import atomic_write, merge_sorted, read_lines
from kg.output.graphview import keep_top_nodes, local_name, to_networkx
from kg.output.html import write_html
from kg.output.rdf import JSONLD, JSONLD_TERMS, NQUADS, TRIG, TURTLE, jsonld_context

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RDF_TYPE = str(RDF.type)
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def default_graph_lines(index: EntityIndex, rules: Iterable[str]) -> list[str]:
    """The default graph (entity and extractor descriptions) as sorted N-Triples lines."""
    lines = {nt_line(t) for t in entity_triples(index)}
    lines.update(nt_line(t) for t in extractor_triples(rules))
    return sorted(lines)


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


def _triples(ntriples: Path) -> Iterator[ox.Triple]:
    for quad in ox.parse(path=ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield quad.triple


def write_turtle(ntriples: Path, path: Path) -> None:
    def write(tmp: Path) -> None:
        ox.serialize(_triples(ntriples), tmp, ox.RdfFormat.TURTLE, prefixes=_PREFIXES)

    atomic_write(path, write)


class _Compactor:
    """JSON-LD compaction of one node against kg's fixed context (see kg.output.rdf).

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


def write_jsonld(ntriples: Path, path: Path) -> None:
    """graph.jsonld: the merged graph, one compacted node per subject, in IRI order."""
    compactor = _Compactor()

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            head = json.dumps({"@context": dict(sorted(jsonld_context().items()))}, indent=2, ensure_ascii=False, sort_keys=True)
            out.write(head[: head.rindex("}")].rstrip() + ',\n  "@graph": [')
            first = True
            for subject, group in groupby(_triples(ntriples), key=lambda t: t.subject.value):
                node = json.dumps(compactor.node(subject, list(group)), indent=2, ensure_ascii=False)
                out.write(("\n" if first else ",\n") + "\n".join("    " + line for line in node.splitlines()))
                first = False
            out.write("\n  ]\n}\n")

    atomic_write(path, write)


def _split(line: str) -> tuple[str, str, str]:
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest[:-2]


def _top_nodes(ntriples: Path, index: EntityIndex, relations: Iterable[str], max_nodes: int) -> tuple[set[str], int, int]:
    """The nodes graph.html draws, chosen by :func:`kg.output.graphview.keep_top_nodes` on a skeleton.

    The skeleton has every node the full page would have (entities, plus articles that are
    fact ends) and one edge per distinct fact, and nothing else, so it stays small while the
    choice is exactly the one made on the whole graph. Returns the kept nodes and how many
    nodes and facts were left out.
    """
    predicates = {f"<{KG[r]}>": r for r in relations}
    skeleton = nx.MultiDiGraph()
    for ref in index.refs():
        skeleton.add_node(str(entity_iri(ref)), mentions=index.mentions[ref])
    for line in read_lines(ntriples):
        subject, predicate, obj = _split(line)
        if predicate in predicates:
            for end in (subject[1:-1], obj[1:-1]):
                if end not in skeleton:
                    skeleton.add_node(end, mentions=1)
            skeleton.add_edge(subject[1:-1], obj[1:-1], key=predicates[predicate])
    view = keep_top_nodes(skeleton, max_nodes)
    return set(view.nodes), view.graph.get("left_out_nodes", 0), view.graph.get("left_out_edges", 0)


def _subgraph_lines(ntriples: Path, kept: set[str]) -> list[str]:
    """Statements about kept entities and the assertions (with their articles) linking them."""
    rdf_subject, rdf_object = f"<{RDF.subject}>", f"<{RDF.object}>"
    prov_from = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    kept_terms = {f"<{n}>" for n in kept}
    lines: list[str] = []
    articles: set[str] = set()
    for subject, group in groupby(read_lines(ntriples), key=lambda line: line.split(" ", 1)[0]):
        group = list(group)
        if subject in kept_terms:
            lines += group
            continue
        ends = {p: o for _, p, o in map(_split, group) if p in (rdf_subject, rdf_object, prov_from)}
        if ends.get(rdf_subject) in kept_terms and ends.get(rdf_object) in kept_terms:
            lines += group
            articles.add(ends.get(prov_from))
    # Articles sort before assertions, so their titles and URLs need a second look.
    for subject, group in groupby(read_lines(ntriples), key=lambda line: line.split(" ", 1)[0]):
        if subject in articles and subject not in kept_terms:
            lines += [line for line in group if _split(line)[1] != f"<{KG.sentence}>"]
    return lines


def write_graph_html(ntriples: Path, index: EntityIndex, relations: Iterable[str], path: Path, max_nodes: int) -> None:
    """graph.html for the merged graph, without loading it: only the drawn part is parsed.

    The entities and facts left out are counted on the skeleton and handed to the page in
    the graph's ``left_out_nodes``/``left_out_edges`` attributes, as the in-memory cut does.
    """
    kept, left_out_nodes, left_out_edges = _top_nodes(ntriples, index, relations, max_nodes)
    graph = Graph()
    graph.parse(data="\n".join(_subgraph_lines(ntriples, kept)) + "\n", format="nt")
    drawn: nx.MultiDiGraph = to_networkx(graph)
    for node in sorted(kept - set(drawn.nodes)):  # an article whose facts all lead to entities left out
        title = graph.value(URIRef(node), SDO.headline) or graph.value(URIRef(node), DCTERMS.identifier)
        drawn.add_node(node, label=str(title or local_name(URIRef(node))), cls="NewsArticle", aliases=[], mentions=1)
    drawn.graph["left_out_nodes"], drawn.graph["left_out_edges"] = left_out_nodes, left_out_edges
    write_html(drawn, path, max_nodes=max_nodes)


OUTPUTS = (TURTLE, TRIG, JSONLD, NQUADS)
