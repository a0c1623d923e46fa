"""The only stage that knows rdflib: IRIs are minted here and facts become triples here.

Layout of the output (documented in docs/data-model.md):

- the default graph holds one description per entity (``rdf:type``, ``rdfs:label``,
  ``skos:altLabel``, mention counts) and per extraction rule;
- one named graph per article (named by the article's IRI) holds the article's
  metadata, ``schema:mentions`` links, its facts as direct triples and one
  ``kg:Assertion`` per fact occurrence, reified with ``rdf:subject/predicate/object``
  and carrying PROV-O provenance (article, sentence, offsets, rule, confidence).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, XSD

from kg.graph.index import EntityIndex
from kg.model import ARTICLE, ArticleResult, Fact, Ref
from kg.graph.namespace import KG, RES
from kg.read.dates import read_date

Triple = tuple[URIRef, URIRef, URIRef | Literal]

PREFIXES = {
    "kg": KG._NS,
    "res": RES,
    "schema": SDO._NS,
    "rdfs": RDFS._NS,
    "skos": SKOS._NS,
    "dcterms": DCTERMS._NS,
    "prov": PROV._NS,
    "xsd": XSD._NS,
    # One prefix per kind of resource, so files read "person:Vladimir_Putin kg:leader_of place:Russia".
    "person": RES["person/"],
    "organization": RES["organization/"],
    "place": RES["place/"],
    "article": RES["article/"],
    "assertion": RES["assertion/"],
    "extractor": RES["extractor/"],
}

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# The XSD type of an ISO date at each precision kg.read.dates keeps.
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def slug(name: str) -> str:
    """A readable, IRI-safe path segment for a name, unique per name.

    ASCII letters, digits, ``.``, ``_`` and ``-`` are kept and spaces become ``_``; when
    anything else had to be dropped or folded (quotes, ``<``, accents, other scripts), a
    short hash of the full name keeps two different names from sharing a segment.

    >>> slug("Vladimir Putin"), slug('Say "<hi>"')[:7]
    ('Vladimir_Putin', 'Say_hi_')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    segment = _UNSAFE.sub("_", folded).strip("_.")
    if not segment or segment != name.replace(" ", "_"):
        segment = f"{segment}_{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}".lstrip("_")
    return segment


def entity_iri(ref: Ref) -> URIRef:
    """The IRI of an entity or (for ``("article", id)``) an article."""
    kind, name = ref
    return RES[f"{kind}/{slug(name)}"]


def article_iri(article_id: str) -> URIRef:
    return entity_iri((ARTICLE, article_id))


def extractor_iri(rule: str) -> URIRef:
    return RES[f"extractor/{slug(rule)}"]


def assertion_iri(fact: Fact) -> URIRef:
    ev = fact.evidence
    key = "\x1f".join(map(str, (ev.article_id, *fact.subject, fact.relation, *fact.object, ev.start, ev.rule)))
    return RES[f"assertion/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"]


def date_literal(value: str | None) -> Literal | None:
    """``xsd:date`` (or ``xsd:gYearMonth``/``xsd:gYear`` when only that is certain), ``None`` for anything else.

    The value is read again with :func:`kg.read.dates.read_date`, so an Article made by
    hand with a free-form or impossible date never yields an ill-typed literal.

    >>> date_literal("2018-09-12").datatype == XSD.date, date_literal("2024-13-45")
    (True, None)
    """
    iso = read_date(value).value
    return Literal(iso, datatype=_DATE_TYPES[len(iso)]) if iso else None


def article_triples(result: ArticleResult) -> Iterator[Triple]:
    """Everything one article contributes to its named graph (no corpus-wide state needed)."""
    article = result.article
    node = article_iri(article.id)
    yield node, RDF.type, SDO.NewsArticle
    yield node, DCTERMS.identifier, Literal(article.id)
    if article.title:
        yield node, SDO.headline, Literal(article.title)
    if (published := date_literal(article.date)) is not None:
        yield node, SDO.datePublished, published
    if article.url:
        yield node, SDO.url, Literal(article.url, datatype=XSD.anyURI)
    if article.source:
        yield node, DCTERMS.source, Literal(article.source)
    if article.author:
        yield node, SDO.author, entity_iri(("person", article.author))
    for entity in result.entities:
        yield node, SDO.mentions, entity_iri(entity.ref)
    for fact in result.facts:
        yield from fact_triples(fact)


def fact_triples(fact: Fact) -> Iterator[Triple]:
    """The direct triple of a fact and its reified, sourced assertion."""
    subject, predicate, obj = entity_iri(fact.subject), KG[fact.relation], entity_iri(fact.object)
    ev = fact.evidence
    yield subject, predicate, obj
    node = assertion_iri(fact)
    yield node, RDF.type, KG.Assertion
    yield node, RDF.subject, subject
    yield node, RDF.predicate, predicate
    yield node, RDF.object, obj
    yield node, PROV.wasDerivedFrom, article_iri(ev.article_id)
    yield node, PROV.wasAttributedTo, extractor_iri(ev.rule)
    yield node, KG.sentence, Literal(ev.sentence)
    if ev.start is not None and ev.end is not None:
        yield node, KG.charStart, Literal(ev.start)
        yield node, KG.charEnd, Literal(ev.end)
    yield node, KG.confidence, Literal(Decimal(str(ev.confidence)))


def entity_triples(index: EntityIndex) -> Iterator[Triple]:
    """One description per entity merged across the corpus."""
    for ref in index.refs():
        node = entity_iri(ref)
        yield node, RDF.type, KG[index.cls(ref)]
        yield node, RDFS.label, Literal(ref[1])
        for alias in index.alt_labels(ref):
            yield node, SKOS.altLabel, Literal(alias)
        yield node, KG.mentionCount, Literal(index.mentions[ref])
        yield node, KG.articleCount, Literal(index.articles[ref])


def extractor_triples(rules: Iterable[str]) -> Iterator[Triple]:
    for rule in sorted(set(rules)):
        yield extractor_iri(rule), RDF.type, KG.Extractor
        yield extractor_iri(rule), RDFS.label, Literal(rule)
