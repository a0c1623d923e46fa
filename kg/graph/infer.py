"""Materialize what the ontology's property axioms imply, with owlrl, into its own named graph.

``kg build --infer`` adds the graph :data:`INFERRED_GRAPH` (``res:graph/inferred``) to the
dataset: for every extracted fact, the facts that follow from ``rdfs:subPropertyOf``
(``kg:heads`` implies ``kg:works_for``, ``kg:acquired`` implies ``kg:owns``),
``owl:inverseOf`` (``kg:cited_by`` / ``kg:cites``, ``kg:author_of`` / ``schema:author``) and
``owl:SymmetricProperty`` (``kg:at_war_with``). Only facts that are not already stated
are written, so the graph shows exactly what was inferred:

    kg query output 'SELECT * WHERE { GRAPH <https://w3id.org/kg-news/resource/graph/inferred> { ?s ?p ?o } }'

The reasoning is owlrl's OWL 2 RL closure, run on the fact triples plus those axioms only
(not the whole ontology or the provenance), which keeps it fast and free of the
axiomatic triples OWL RL adds about every term.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Dataset, Graph, URIRef

from kg.graph.namespace import RES
from kg.graph.ntriples import nt_line, nt_term
from kg.graph.ontology import ontology_graph

INFERRED_GRAPH = RES["graph/inferred"]
AXIOMS = (RDFS.subPropertyOf, OWL.inverseOf)


def _fact_predicates(ontology: Graph) -> set[URIRef]:
    """kg's object properties (the relations facts use) and the schema.org ones they map to."""
    return {p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}


def inferred_triples(facts: Graph, ontology: Graph) -> Graph:
    """The facts that ``facts`` implies under the ontology's sub-property, inverse and symmetry axioms."""
    import owlrl

    predicates = _fact_predicates(ontology)
    work = Graph()
    for s, p, o in ontology.triples((None, None, None)):
        if p in AXIOMS and s in predicates:
            work.add((s, p, o))
        elif p == RDF.type and o == OWL.SymmetricProperty:
            work.add((s, p, o))
    stated = {(s, p, o) for s, p, o in facts if p in predicates and isinstance(o, URIRef)}
    for triple in stated:
        work.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    inferred = Graph()
    for s, p, o in work:
        if p in predicates and isinstance(s, URIRef) and isinstance(o, URIRef) and (s, p, o) not in stated:
            inferred.add((s, p, o))
    return inferred


def add_inferred(dataset: Dataset, ontology: Graph | None = None) -> int:
    """Add :data:`INFERRED_GRAPH` to ``dataset`` (replacing an earlier one); returns its size."""
    ontology = ontology if ontology is not None else ontology_graph()
    dataset.remove_graph(dataset.graph(INFERRED_GRAPH))
    facts = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g != INFERRED_GRAPH:
            facts.add((s, p, o))
    graph = dataset.graph(INFERRED_GRAPH)
    for triple in sorted(inferred_triples(facts, ontology)):
        graph.add(triple)
    return len(graph)


def write_inferred_shards(merged_ntriples: Path, stem: Path) -> tuple[Path, Path]:
    """The streaming build's variant: inferred facts of a merged N-Triples file as two sorted shards.

    Reads only the fact triples (kg relations between IRIs, a small part of the graph), and
    writes ``stem.nq`` (the quads, in :data:`INFERRED_GRAPH`) and ``stem.nt`` (the triples),
    each sorted, for :func:`kg.output.files.merge_sorted`.
    """
    ontology = ontology_graph()
    predicates = {str(p) for p in _fact_predicates(ontology)}
    facts = Graph()
    for quad in ox.parse(path=merged_ntriples, format=ox.RdfFormat.N_TRIPLES):
        s, p, o = quad.triple
        if p.value in predicates and isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
            facts.add((URIRef(s.value), URIRef(p.value), URIRef(o.value)))
    inferred = sorted(inferred_triples(facts, ontology))
    quads, triples = stem.with_suffix(".nq"), stem.with_suffix(".nt")
    graph = nt_term(INFERRED_GRAPH)
    quads.write_text("".join(sorted(f"{nt_line(t)[:-2]} {graph} .\n" for t in inferred)), encoding="utf-8")
    triples.write_text("".join(sorted(f"{nt_line(t)}\n" for t in inferred)), encoding="utf-8")
    return quads, triples
