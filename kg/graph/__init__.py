"""Stage 4, the graph: the ontology's terms, IRIs and the triples of facts and provenance (the only stage that knows rdflib terms)."""
