"""What :func:`kg.output.entitygraph.oxigraph_to_networkx` reads from a store, as SPARQL.

The same terms :func:`kg.output.entitygraph.to_networkx` walks with rdflib; prefixes come
from :data:`kg.graph.triples.PREFIXES`. DISTINCT: Oxigraph's union of the named graphs is a
bag, and rdflib's union default graph a set.
"""

ARTICLES_QUERY = """SELECT DISTINCT ?article ?headline ?identifier ?url ?date ?outlet WHERE {
    ?article a schema:NewsArticle .
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article dcterms:identifier ?identifier }
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?article schema:publisher ?outlet }
}"""
QUOTES_QUERY = """SELECT DISTINCT ?quote ?speaker ?speakerName ?kind ?text ?article ?start ?cue ?addressee WHERE {
    ?quote a kg:Quote .
    OPTIONAL { ?quote kg:speaker ?speaker OPTIONAL { ?speaker rdfs:label ?speakerName } }
    OPTIONAL { ?quote kg:quoteKind ?kind }
    OPTIONAL { ?quote schema:text ?text }
    OPTIONAL { ?quote schema:isPartOf ?article }
    OPTIONAL { ?quote kg:charStart ?start }
    OPTIONAL { ?quote kg:cue ?cue }
    OPTIONAL { ?quote kg:addressee ?addressee }
}"""
ASSERTIONS_QUERY = """SELECT DISTINCT ?assertion ?subject ?predicate ?object ?article ?confidence ?sentence ?asOf ?status
    ?rule WHERE {
    ?assertion a kg:Assertion .
    OPTIONAL { ?assertion rdf:subject ?subject }
    OPTIONAL { ?assertion rdf:predicate ?predicate }
    OPTIONAL { ?assertion rdf:object ?object }
    OPTIONAL { ?assertion prov:wasDerivedFrom ?article }
    OPTIONAL { ?assertion kg:confidence ?confidence }
    OPTIONAL { ?assertion kg:sentence ?sentence }
    OPTIONAL { ?assertion kg:asOf ?asOf }
    OPTIONAL { ?assertion kg:status ?status }
    OPTIONAL { ?assertion prov:wasAttributedTo ?rule }
}"""
ENTITIES_QUERY = """SELECT DISTINCT ?node ?mentions ?label ?class WHERE {
    ?node kg:mentionCount ?mentions .
    OPTIONAL { ?node rdfs:label ?label }
    OPTIONAL { ?node a ?class }
}"""
ALIASES_QUERY = """SELECT DISTINCT ?node ?alias WHERE { ?node kg:mentionCount ?mentions ; skos:altLabel ?alias }"""
