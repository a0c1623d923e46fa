"""Flat rows of entities and fact occurrences, read from the RDF output (shared by the table exports)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from kg.output.entitygraph import local_name
from kg.vocab import Cls
from kg.graph.namespace import KG

ARTICLE_CLASS = Cls.NewsArticle


@dataclass(frozen=True)
class EntityRow:
    """One node: an entity, or an article that a fact points to (``cls == "NewsArticle"``)."""

    iri: str
    name: str
    cls: str
    superclasses: tuple[str, ...]  # kg: superclasses of ``cls``, nearest first
    aliases: tuple[str, ...]
    mention_count: int
    article_count: int
    url: str = ""


@dataclass(frozen=True)
class FactRow:
    """One occurrence of a fact (a ``kg:Assertion``) with its evidence."""

    assertion: str
    subject: str
    relation: str
    object: str
    article: str
    article_title: str
    url: str
    sentence: str
    char_start: int | None
    char_end: int | None
    confidence: float | None
    rule: str
    as_of: str = ""  # the article's date (kg:asOf), ISO at the precision known
    status: str = ""  # kg:status: current, former, future, acting or "" (the text said nothing)
    valid_from: str = ""  # kg:validFrom / kg:validUntil, when the sentence states them
    valid_until: str = ""


@cache
def _superclasses() -> dict[str, tuple[str, ...]]:
    """kg class name -> its kg: superclasses, read from the shipped ontology."""
    from kg.graph.ontology import ontology_graph

    ontology = ontology_graph()
    kg_ns = str(KG._NS)
    parents: dict[str, list[str]] = {}
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and str(child).startswith(kg_ns) and str(parent).startswith(kg_ns):
            parents.setdefault(local_name(child), []).append(local_name(parent))
    result = {}
    for cls in parents:
        seen: list[str] = []
        todo = sorted(parents.get(cls, []))
        while todo:
            name = todo.pop(0)
            if name not in seen:
                seen.append(name)
                todo.extend(sorted(parents.get(name, [])))
        result[cls] = tuple(seen)
    return result


def _text(value) -> str:
    return str(value) if value is not None else ""


def _int(value) -> int:
    return int(value) if value is not None else 0


def _articles(graph: Graph) -> dict[URIRef, tuple[str, str]]:
    """Article IRI -> (headline or identifier, url)."""
    out = {}
    for article in graph.subjects(RDF.type, SDO.NewsArticle):
        title = graph.value(article, SDO.headline) or graph.value(article, DCTERMS.identifier) or local_name(article)
        url = graph.value(article, SDO.url)
        out[article] = (str(title), str(url) if url is not None else "")
    return out


def fact_rows(graph: Graph) -> list[FactRow]:
    """Every ``kg:Assertion`` as a row, sorted by relation, subject, object, article and offset."""
    articles = _articles(graph)
    rows = []
    for node in set(graph.subjects(RDF.type, KG.Assertion)):
        article = graph.value(node, PROV.wasDerivedFrom)
        rule = graph.value(node, PROV.wasAttributedTo)
        confidence = graph.value(node, KG.confidence)
        start, end = graph.value(node, KG.charStart), graph.value(node, KG.charEnd)
        title, url = articles.get(article, (local_name(article) if article is not None else "", ""))
        rows.append(
            FactRow(
                assertion=str(node),
                subject=str(graph.value(node, RDF.subject)),
                relation=local_name(graph.value(node, RDF.predicate)),
                object=str(graph.value(node, RDF.object)),
                article=str(article) if article is not None else "",
                article_title=title,
                url=url,
                sentence=str(graph.value(node, KG.sentence) or ""),
                char_start=int(start) if start is not None else None,
                char_end=int(end) if end is not None else None,
                confidence=float(confidence) if confidence is not None else None,
                rule=local_name(rule) if rule is not None else "",
                as_of=_text(graph.value(node, KG.asOf)),
                status=_text(graph.value(node, KG.status)),
                valid_from=_text(graph.value(node, KG.validFrom)),
                valid_until=_text(graph.value(node, KG.validUntil)),
            )
        )
    rows.sort(key=lambda r: (r.relation, r.subject, r.object, r.article, r.char_start or 0, r.assertion))
    return rows


@dataclass(frozen=True)
class QuoteRow:
    """One ``kg:Quote``: who said what, to whom, where (IRIs of speaker, outlet and named entities)."""

    quote: str
    speaker: str
    kind: str
    text: str
    cue: str
    addressee: str
    outlet: str
    about: tuple[str, ...]
    article: str
    article_title: str
    url: str
    char_start: int | None
    char_end: int | None
    confidence: float | None
    rule: str


def quote_rows(graph: Graph) -> list[QuoteRow]:
    """Every ``kg:Quote`` as a row, sorted by article and offset."""
    articles = _articles(graph)
    rows = []
    for node in set(graph.subjects(RDF.type, KG.Quote)):
        article = graph.value(node, SDO.isPartOf)
        title, url = articles.get(article, (local_name(article) if article is not None else "", ""))
        start, end = graph.value(node, KG.charStart), graph.value(node, KG.charEnd)
        confidence, rule = graph.value(node, KG.confidence), graph.value(node, PROV.wasAttributedTo)

        def text(prop) -> str:
            value = graph.value(node, prop)
            return str(value) if value is not None else ""

        rows.append(QuoteRow(
            quote=str(node), speaker=text(KG.speaker), kind=text(KG.quoteKind), text=text(SDO.text),
            cue=text(KG.cue), addressee=text(KG.addressee), outlet=text(KG.outlet),
            about=tuple(sorted(str(o) for o in graph.objects(node, SDO.about))),
            article=str(article) if article is not None else "", article_title=title, url=url,
            char_start=int(start) if start is not None else None, char_end=int(end) if end is not None else None,
            confidence=float(confidence) if confidence is not None else None,
            rule=local_name(rule) if rule is not None else "",
        ))
    rows.sort(key=lambda r: (r.article, r.char_start or 0, r.kind, r.quote))
    return rows


def entity_rows(graph: Graph, facts: list[FactRow] | None = None) -> list[EntityRow]:
    """Every described entity, plus the articles that facts point to, sorted by IRI."""
    supers = _superclasses()
    rows = {}
    for node in set(graph.subjects(KG.mentionCount, None)):
        cls_iri = graph.value(node, RDF.type)
        cls = local_name(cls_iri) if cls_iri is not None else "Thing"
        rows[str(node)] = EntityRow(
            iri=str(node),
            name=str(graph.value(node, RDFS.label) or local_name(node)),
            cls=cls,
            superclasses=supers.get(cls, ()),
            aliases=tuple(sorted(str(a) for a in graph.objects(node, SKOS.altLabel))),
            mention_count=_int(graph.value(node, KG.mentionCount)),
            article_count=_int(graph.value(node, KG.articleCount)),
        )
    articles = _articles(graph)
    for fact in facts if facts is not None else fact_rows(graph):
        for end in (fact.subject, fact.object):
            if end not in rows:
                title, url = articles.get(URIRef(end), (local_name(URIRef(end)), ""))
                rows[end] = EntityRow(end, title, ARTICLE_CLASS, (), (), 0, 0, url)
    return [rows[key] for key in sorted(rows)]


def iter_labels(row: EntityRow) -> Iterator[str]:
    """The class and its superclasses: a node's labels in a property graph."""
    yield row.cls
    yield from row.superclasses
