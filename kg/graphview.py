"""RDF output -> a networkx graph of entities and facts (for the HTML page and exports)."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from kg.namespace import KG

# Display colour per class; subclasses fall back to their parent's colour.
CLASS_COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "MediaOrganization": "#e15759",
    "GovernmentOrganization": "#b07aa1",
    "PoliticalParty": "#ff9da7",
    "Company": "#edc948",
    "ResearchOrganization": "#76b7b2",
    "EducationalOrganization": "#9c755f",
    "MilitaryUnit": "#7f7f7f",
    "SportsTeam": "#bcbd22",
    "InternationalOrganization": "#17becf",
    "Place": "#59a14f",
    "Country": "#2e7d32",
    "Region": "#8cd17d",
    "City": "#a0cbe8",
    "NewsArticle": "#d4d4d4",
}


def local_name(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities become nodes, facts become edges; each edge carries its evidence.

    Node attributes: ``label``, ``cls``, ``aliases`` (list), ``mentions`` (int).
    Edge attributes (key = relation): ``relation`` and ``evidence``, a list of dicts with
    ``sentence``, ``article`` (title or id), ``url`` and ``confidence``.
    """
    titles = {}
    urls = {}
    for article in graph.subjects(RDF.type, SDO.NewsArticle):
        titles[article] = str(graph.value(article, SDO.headline) or graph.value(article, DCTERMS.identifier) or local_name(article))
        url = graph.value(article, SDO.url)
        urls[article] = str(url) if url is not None else None
    evidence: dict[tuple, list[dict]] = defaultdict(list)
    for assertion in graph.subjects(RDF.type, KG.Assertion):
        key = (graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate), graph.value(assertion, RDF.object))
        article = graph.value(assertion, PROV.wasDerivedFrom)
        confidence = graph.value(assertion, KG.confidence)
        evidence[key].append(
            {
                "sentence": str(graph.value(assertion, KG.sentence) or ""),
                "article": titles.get(article, local_name(article) if article else ""),
                "url": urls.get(article),
                "confidence": float(confidence) if confidence is not None else None,
            }
        )
    g = nx.MultiDiGraph()
    relations = {p for (_, p, _) in evidence}
    for node in set(graph.subjects(KG.mentionCount, None)):
        cls = graph.value(node, RDF.type)
        g.add_node(
            str(node),
            label=str(graph.value(node, RDFS.label) or local_name(node)),
            cls=local_name(cls) if cls is not None else "Thing",
            aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
            mentions=int(graph.value(node, KG.mentionCount) or 1),
        )
    for (s, p, o), items in sorted(evidence.items()):
        if p not in relations or s is None or o is None:
            continue
        for end in (s, o):
            if str(end) not in g:
                g.add_node(str(end), label=titles.get(end, local_name(end)), cls="NewsArticle", aliases=[], mentions=1)
        items.sort(key=lambda e: (-(e["confidence"] or 0), e["article"], e["sentence"]))
        g.add_edge(str(s), str(o), key=local_name(p), relation=local_name(p), evidence=items)
    return g
