"""What :func:`kg.output.entitygraph.oxigraph_to_networkx` reads from a store, as SPARQL.

The same terms :func:`kg.output.entitygraph.to_networkx` walks with rdflib; prefixes come
from :data:`kg.graph.triples.PREFIXES`. DISTINCT: Oxigraph's union of the named graphs is a
bag, and rdflib's union default graph a set.
"""


def _described(node: str, pattern: str, properties: dict[str, str], bound: tuple[str, ...] = ()) -> str:
    """SELECT the nodes ``?node pattern`` matches (binding the variables ``bound``), each with its properties,
    every one optional: ``{variable: property path}``."""
    selected = " ".join(f"?{v}" for v in (node, *bound, *properties))
    optional = "".join(f"\n    OPTIONAL {{ ?{node} {path} ?{var} }}" for var, path in properties.items())
    return f"SELECT DISTINCT {selected} WHERE {{\n    ?{node} {pattern} .{optional}\n}}"


ARTICLES_QUERY = _described("article", "a schema:NewsArticle", {
    "headline": "schema:headline", "identifier": "dcterms:identifier", "url": "schema:url",
    "date": "schema:datePublished", "outlet": "schema:publisher",
})
QUOTES_QUERY = _described("quote", "a kg:Quote", {
    "speaker": "kg:speaker", "speakerName": "kg:speaker/rdfs:label", "kind": "kg:quoteKind", "text": "schema:text",
    "article": "schema:isPartOf", "start": "kg:charStart", "cue": "kg:cue", "addressee": "kg:addressee",
})
ASSERTIONS_QUERY = _described("assertion", "a kg:Assertion", {
    "subject": "rdf:subject", "predicate": "rdf:predicate", "object": "rdf:object", "article": "prov:wasDerivedFrom",
    "confidence": "kg:confidence", "sentence": "kg:sentence", "asOf": "kg:asOf", "status": "kg:status",
    "rule": "prov:wasAttributedTo",
})
ENTITIES_QUERY = _described("node", "kg:mentionCount ?mentions", {"label": "rdfs:label", "class": "a"}, bound=("mentions",))
ALIASES_QUERY = """SELECT DISTINCT ?node ?alias WHERE { ?node kg:mentionCount ?mentions ; skos:altLabel ?alias }"""
