"""Who cites whom: "reported by 24 Channel with reference to Bloomberg", "according to X"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import entity_or_antecedent, is_organization, is_person, names_party
from kg.vocab import Cls, Rel

# Verbs whose subject, when an organization, is a source the article cites.
PUBLISHING_VERBS = {"write", "report", "publish"}
# Verbs that report speech on their own ("X said", "says X", "X told Reuters"); the other
# reporting verbs count only with a reported clause ("X claims that ...", "X warned ...: ...").
SPEECH_VERBS = {"say", "tell", "write", "report"}


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
                yield Candidate(source, Rel.cited_by, reporter, sent, 0.85)


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
                yield Candidate(source, Rel.cited_by, ctx.article_ref(), token.sent, 0.75)


@register("reporting_verb.v2")
def reporting_verb(ctx: Context) -> Iterator[Candidate]:
    """The named subject of a reporting verb is a source this article cites.

    "Bloomberg writes that ...", "Liam Fox said", "says Bota Ilijas" -> cited_by this article;
    "Tim Osborne told the Reuters news agency" -> Tim Osborne cited_by Reuters.
    "She said" counts for the one person named just before (lower confidence), if there is one.
    """
    for token in ctx.doc:
        if token.dep_ != "nsubj" or token.head.lemma_ not in ctx.lexicon.reporting_verbs:
            continue
        verb = token.head
        if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
            continue  # "the figures reported by ..." is not a report by the subject
        if verb.lemma_ not in SPEECH_VERBS and not any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children):
            continue  # "Rank announced a study", "Trump insists on a deal": no reported content
        source = ctx.entity_at(token) or _appositive_person(ctx, token)
        if source is not None and source.cls == Cls.PoliticalParty and not names_party(ctx, token):
            source = _appositive_person(ctx, token)  # "Democrats say", "a congressional Democrat says": members
        confidence = 0.8
        if source is None and token.lower_ in {"he", "she"}:
            source, confidence = entity_or_antecedent(ctx, token), 0.65
        if not (is_person(source) or is_organization(source)):
            continue
        outlet = _told_outlet(ctx, verb)
        target = outlet if outlet is not None and outlet != source else ctx.article_ref()
        yield Candidate(source, Rel.cited_by, target, token.sent, confidence)


def _appositive_person(ctx: Context, subject):
    """"The head of the Foundation, Mikhail Vinogradov, believes ...": the person in apposition."""
    for token in subject.subtree:
        if token.dep_ == "appos" and is_person(ctx.entity_at(token)):
            return ctx.entity_at(token)
    return None


def _told_outlet(ctx: Context, verb):
    """The news outlet someone "told" ("told the Reuters news agency", "told the BBC's Newsnight")."""
    if verb.lemma_ != "tell":
        return None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"}:
            entity = ctx.entity_at(child)
            if entity is None:
                entity = next((ctx.entity_at(c) for c in child.subtree if ctx.entity_at(c) is not None), None)
            if entity is not None and entity.cls == Cls.MediaOrganization:
                return entity
    return None
