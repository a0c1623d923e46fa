"""N-Triples and N-Quads lines: the text form in which shards, the cache and the merged graph hold statements.

Terms are written by pyoxigraph (which does the escaping); each line is one statement, so
files of lines can be sorted and merged with plain string comparison (:mod:`kg.output.files`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.graph.index import EntityIndex
from kg.graph.timeline import Timeline
from kg.graph.triples import Triple, entity_triples, extractor_triples, timeline_triples


def nt_term(term: URIRef | Literal) -> str:
    """One RDF term in N-Triples syntax (pyoxigraph does the escaping of literals)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if term.language:
        return str(ox.Literal(str(term), language=term.language))
    if term.datatype is not None:
        return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
    return str(ox.Literal(str(term)))


def nt_line(triple: Triple) -> str:
    """One statement as an N-Triples line (without the newline)."""
    s, p, o = triple
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."


def quad_line(triple_line: str, graph: str) -> str:
    """An N-Triples line placed in ``graph`` (an IRI in N-Triples syntax, ``<...>``) as an N-Quads line."""
    return f"{triple_line[:-1]}{graph} ."


def _graph_of(quad_line: str) -> str:
    return quad_line.rsplit(" ", 2)[1]


def quad_key(line: str) -> tuple[str, str]:
    """Sort key of an N-Quads line: graph first, so each named graph is one run."""
    return _graph_of(line), line


def default_graph_lines(index: EntityIndex, rules: Iterable[str], timeline: Timeline | None = None) -> list[str]:
    """The default graph (entity and extractor descriptions, facts over time) as sorted N-Triples lines."""
    lines = {nt_line(t) for t in entity_triples(index)}
    lines.update(nt_line(t) for t in extractor_triples(rules))
    if timeline is not None:
        lines.update(nt_line(t) for t in timeline_triples(timeline))
    return sorted(lines)
