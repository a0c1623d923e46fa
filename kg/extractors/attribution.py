"""Who cites whom: "reported by 24 Channel with reference to Bloomberg", "according to X"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from kg.extractors.base import Candidate, Context, register
from kg.extractors.common import is_organization, is_person

# Verbs whose subject, when an organization, is a source the article cites.
PUBLISHING_VERBS = {"write", "report", "publish"}


def _source_after(ctx: Context, i: int):
    """The person or organization named at token ``i`` (skipping "the")."""
    if i < len(ctx.doc) and ctx.doc[i].lower_ == "the":
        i += 1
    entity = ctx.entity_at(i) if i < len(ctx.doc) else None
    return entity if is_person(entity) or is_organization(entity) else None


def _reference_phrases(sent: Span) -> Iterator[int]:
    """Token index right after "with reference to", "citing" or "quoting" in a sentence."""
    for token in sent:
        if token.lower_ == "reference" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            yield token.i + 2
        elif token.lower_ in {"citing", "quoting"}:
            yield token.i + 1


@register("attribution_reference.v1")
def attribution_reference(ctx: Context) -> Iterator[Candidate]:
    """"This was reported by X with reference to Y" / "X reported, citing Y" -> Y cited_by X."""
    for sent in ctx.doc.sents:
        for i in _reference_phrases(sent):
            source = _source_after(ctx, i)
            reporter = _reporter(ctx, sent)
            if source is not None and reporter is not None and reporter != source:
                yield Candidate(source, "cited_by", reporter, sent, 0.85)


def _reporter(ctx: Context, sent: Span):
    """Who reports in a sentence: the agent of a passive ("reported by X") or the subject."""
    for token in sent:
        if token.dep_ == "agent" or (token.lower_ == "by" and token.head.lemma_ in PUBLISHING_VERBS | {"say"}):
            entity = _source_after(ctx, token.i + 1)
            if entity is not None:
                return entity
    for token in sent:
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
            entity = ctx.entity_at(token)
            if is_person(entity) or is_organization(entity):
                return entity
    return None


@register("according_to.v1")
def according_to(ctx: Context) -> Iterator[Candidate]:
    """"according to the General Staff, ..." -> General Staff cited_by this article."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = _source_after(ctx, token.i + 2)
            if source is not None:
                yield Candidate(source, "cited_by", ctx.article_ref(), token.sent, 0.75)


@register("publishing_verb.v1")
def publishing_verb(ctx: Context) -> Iterator[Candidate]:
    """"Bloomberg writes that ..." -> Bloomberg cited_by this article (organizations only)."""
    for token in ctx.doc:
        if token.dep_ == "nsubj" and token.head.lemma_ in PUBLISHING_VERBS and token.head.tag_ != "VBN":
            entity = ctx.entity_at(token)
            if is_organization(entity):
                yield Candidate(entity, "cited_by", ctx.article_ref(), token.sent, 0.75)
