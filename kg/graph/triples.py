"""The only stage that knows rdflib: IRIs are minted here and facts become triples here.

Layout of the output (documented in docs/data-model.md):

- the default graph holds one description per entity (``rdf:type``, ``rdfs:label``,
  ``skos:altLabel``, mention counts) and per extraction rule, and each fact once over
  time (a ``kg:Fact``: when it was observed, the union of its stated intervals);
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
from kg.model import ARTICLE, ArticleResult, Fact, Quote, Ref
from kg.graph.namespace import KG, RES
from kg.graph.timeline import FactKey, Timeline
from kg.nlp.holders import OfficeHolders, load_office_holders
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
    "quote": RES["quote/"],
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
    if article.outlet:  # a name: schema.org takes text where it expects an Organization
        yield node, SDO.publisher, Literal(article.outlet)
    if article.author:
        yield node, SDO.author, entity_iri(("person", article.author))
    for entity in result.entities:
        if entity.mentions:  # a government only a title implies is not mentioned
            yield node, SDO.mentions, entity_iri(entity.ref)
    for fact in result.facts:
        yield from fact_triples(fact, article.date)
    for quote in result.quotes:
        yield from quote_triples(quote)


def quote_iri(quote: Quote) -> URIRef:
    """One IRI per quote: its article, kind and character span."""
    key = "\x1f".join(map(str, (quote.article_id, quote.kind, quote.start, quote.end)))
    return RES[f"quote/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"]


def quote_triples(quote: Quote) -> Iterator[Triple]:
    """A ``kg:Quote`` node: speaker, words, kind, cue, addressee, outlet, span and the entities it names."""
    node = quote_iri(quote)
    yield node, RDF.type, KG.Quote
    yield node, SDO.isPartOf, article_iri(quote.article_id)
    yield node, SDO.text, Literal(quote.text)
    yield node, KG.quoteKind, Literal(quote.kind)
    if quote.speaker is not None:
        yield node, KG.speaker, entity_iri(quote.speaker)
    if quote.cue:
        yield node, KG.cue, Literal(quote.cue)
    if quote.addressee:
        yield node, KG.addressee, Literal(quote.addressee)
    if quote.outlet is not None:
        yield node, KG.outlet, entity_iri(quote.outlet)
    for ref in quote.mentions:
        yield node, SDO.about, entity_iri(ref)
    yield node, KG.charStart, Literal(quote.start)
    yield node, KG.charEnd, Literal(quote.end)
    yield node, PROV.wasAttributedTo, extractor_iri(quote.rule)
    yield node, KG.confidence, Literal(Decimal(str(quote.confidence)))


def fact_triples(fact: Fact, as_of: str | None = None) -> Iterator[Triple]:
    """The direct triple of a fact and its reified, sourced, dated assertion.

    ``as_of`` is the article's date (``kg:asOf``); the fact's :class:`~kg.model.Period` gives
    ``kg:status``, ``kg:validFrom`` and ``kg:validUntil`` when its sentence states them.
    """
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
    if (observed := date_literal(as_of)) is not None:
        yield node, KG.asOf, observed
    time = fact.time
    if time.status:
        yield node, KG.status, Literal(time.status)
    for predicate, value in ((KG.validFrom, time.valid_from), (KG.validUntil, time.valid_until)):
        if (bound := date_literal(value)) is not None:
            yield node, predicate, bound


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


def fact_iri(key: FactKey) -> URIRef:
    """The IRI of one fact over time (a ``kg:Fact``): a hash of subject, relation and object."""
    (s_kind, s_name), relation, (o_kind, o_name) = key
    digest = hashlib.sha1("\x1f".join((s_kind, s_name, relation, o_kind, o_name)).encode("utf-8")).hexdigest()[:20]
    return RES[f"fact/{digest}"]


def timeline_triples(timeline: Timeline, holders: OfficeHolders | None = None) -> Iterator[Triple]:
    """Each fact once (``kg:Fact``) with the dates it was observed and the union of its intervals."""
    holders = holders if holders is not None else load_office_holders()
    for key in sorted(timeline.facts):
        time = timeline.facts[key]
        node = fact_iri(key)
        yield node, RDF.type, KG.Fact
        yield node, RDF.subject, entity_iri(key[0])
        yield node, RDF.predicate, KG[key[1]]
        yield node, RDF.object, entity_iri(key[2])
        yield node, KG.observations, Literal(time.observations)
        for predicate, value in ((KG.firstObserved, time.first), (KG.lastObserved, time.last),
                                 (KG.firstCurrent, time.first_current), (KG.lastCurrent, time.last_current)):
            if (literal := date_literal(value)) is not None:
                yield node, predicate, literal
        for n, ((start, end), source) in enumerate(timeline.intervals(key, holders)):
            interval = URIRef(f"{node}-{n}")
            yield node, KG.heldDuring, interval
            yield interval, RDF.type, KG.Interval
            for predicate, value in ((KG.validFrom, start), (KG.validUntil, end)):
                if (literal := date_literal(value)) is not None:
                    yield interval, predicate, literal
            if source:
                yield interval, DCTERMS.source, Literal(source)


def extractor_triples(rules: Iterable[str]) -> Iterator[Triple]:
    for rule in sorted(set(rules)):
        yield extractor_iri(rule), RDF.type, KG.Extractor
        yield extractor_iri(rule), RDFS.label, Literal(rule)
