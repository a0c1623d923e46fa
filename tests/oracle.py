"""The test oracle: the whole graph built in memory with rdflib and written by rdflib's serializers.

This was kg's first output path. The real files are now streamed by :mod:`kg.output.rdf`
(pyoxigraph, sorted shards); the tests compare those with what rdflib makes of the same
results, with :func:`rdflib.compare.isomorphic`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.graph.index import EntityIndex
from kg.graph.timeline import Timeline
from kg.graph.triples import PREFIXES, article_iri, article_triples, entity_triples, extractor_triples, timeline_triples
from kg.graph.ntriples import nt_line, quad_line, rewrite_statements, well_typed
from kg.model import ArticleResult, Ref
from kg.output.files import atomic_write
from kg.output.rdf import JSONLD, TRIG, TURTLE, jsonld_context


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def to_dataset(results: Iterable[ArticleResult], index: EntityIndex, into: dict[Ref, Ref] | None = None) -> Dataset:
    """The whole graph as a dataset: entities in the default graph, one named graph per article.

    ``into`` merges entities across articles (:func:`kg.graph.index.resolve_across_articles`) as
    the streaming build does; ``index`` is then the merged index.
    """
    dataset = new_dataset()
    rules = set()
    timeline = Timeline()
    for result in results:
        graph = article_iri(result.article.id)
        if into:
            quads = [quad_line(nt_line(t), f"<{graph}>") for t in article_triples(result)]
            dataset.parse(data="\n".join(rewrite_statements(quads, into)[0]) + "\n", format="nquads")
        else:
            for triple in article_triples(result):
                dataset.graph(graph).add(triple)
        rules.update(f.evidence.rule for f in result.facts)
        rules.update(q.rule for q in result.quotes)
        timeline.add_result(result)
    if into:
        timeline = timeline.merged(into, lambda s, relation, o: well_typed(relation, s[0], o[0]))
    default = dataset.default_graph
    for triple in entity_triples(index):
        default.add(triple)
    for triple in timeline_triples(timeline):
        default.add(triple)
    for triple in extractor_triples(rules):
        default.add(triple)
    return dataset


def union_graph(dataset: Dataset) -> Graph:
    """All triples of a dataset in one graph (what ``graph.ttl`` holds)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


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
