"""N-Triples and N-Quads lines: the text form in which shards, the cache and the merged graph hold statements.

Terms are written by pyoxigraph (which does the escaping); each line is one statement, so
files of lines can be sorted and merged with plain string comparison (:mod:`kg.output.files`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef

from kg.graph.index import EntityIndex
from kg.graph.namespace import KG, RES
from kg.graph.timeline import Timeline
from kg.graph.triples import Triple, entity_iri, entity_triples, extractor_triples, timeline_triples
from kg.model import ARTICLE, Ref
from kg.vocab import KIND_OF_CLASS, RELATIONS, Cls


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


def _kinds(classes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(ARTICLE if c == Cls.NewsArticle else KIND_OF_CLASS[c] for c in classes)


# Relation -> (subject kinds, object kinds) it may join, from the ontology's rdfs:domain/rdfs:range
# (kg.vocab.RELATIONS): a fact that resolution across articles leaves ill-typed is dropped.
RELATION_KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    name: (_kinds(rel.domain), _kinds(rel.range)) for name, rel in RELATIONS.items()
}
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = (f"<{term}>" for term in (RDF.subject, RDF.predicate, RDF.object))
_RELATION_OF = {f"<{KG[name]}>": name for name in RELATION_KINDS}


def _kind_of(term: str) -> str | None:
    """``person``, ``organization``, ``place`` or ``article`` for an entity or article IRI in N-Triples form."""
    base = f"<{RES}"
    if not term.startswith(base):
        return None
    return term[len(base) :].split("/", 1)[0]


def _well_typed(relation: str, subject: str, obj: str) -> bool:
    return well_typed(relation, _kind_of(subject), _kind_of(obj))


def well_typed(relation: str, subject_kind: str | None, object_kind: str | None) -> bool:
    """Whether a relation may join entities of these kinds (``person``, ``organization``, ...), as kg.ttl says."""
    subjects, objects = RELATION_KINDS[relation]
    return subject_kind in subjects and object_kind in objects


def rewrite_statements(quads: Iterable[str], into: dict[Ref, Ref]) -> tuple[list[str], Counter]:
    """N-Quads lines of article graphs with each entity of ``into`` replaced by the entity it became.

    A fact that the replacement leaves ill-typed (a "person" that turned out to be a company and
    "lives_in" somewhere) is dropped with its assertion. Assertion IRIs do not change: they name
    the reading of a sentence, not the entity.

    Returns:
        The rewritten lines (in input order, dropped ones left out) and the dropped facts per relation.
    """
    iris = {f"<{entity_iri(old)}>": f"<{entity_iri(new)}>" for old, new in into.items()}
    rows = []
    parts: dict[tuple[str, str], dict[str, str]] = {}
    moved: set[tuple[str, str]] = set()  # assertions whose subject or object was replaced
    for line in quads:
        subject, predicate, rest = line.split(" ", 2)
        obj, graph = rest[: -len(" .")].rsplit(" ", 1)
        changed = subject in iris or obj in iris
        subject, obj = iris.get(subject, subject), iris.get(obj, obj)
        rows.append((subject, predicate, obj, graph, changed))
        if predicate in (_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT):
            parts.setdefault((graph, subject), {})[predicate] = obj
            if changed:
                moved.add((graph, subject))
    dropped: Counter = Counter()
    bad_assertions = set()
    for key in sorted(moved):
        part = parts[key]
        relation = _RELATION_OF.get(part.get(_RDF_PREDICATE, ""))
        if relation and not _well_typed(relation, part.get(_RDF_SUBJECT, ""), part.get(_RDF_OBJECT, "")):
            bad_assertions.add(key)
            dropped[relation] += 1
    kept = []
    for subject, predicate, obj, graph, changed in rows:
        relation = _RELATION_OF.get(predicate)
        if (graph, subject) in bad_assertions or (changed and relation and not _well_typed(relation, subject, obj)):
            continue
        kept.append(f"{subject} {predicate} {obj} {graph} .")
    return kept, dropped
