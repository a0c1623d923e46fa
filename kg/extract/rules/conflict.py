"""War and territorial control: "the war between Russia and Ukraine", "Ukrainian troops took control of X"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import is_country, is_organization, is_place
from kg.vocab import Rel

# Nouns for the armed forces of a country: "Ukrainian troops", "Russia's army".
FORCES = {"troops", "forces", "army", "military", "soldiers", "rebels", "militants", "fighters"}
# Verbs (lemma) that end in control of a place, and "take control of".
CONTROL_VERBS = {"capture", "seize", "occupy", "control", "annex", "liberate", "retake", "recapture"}
WAR_NOUNS = {"war", "conflict"}


def _actor(ctx: Context, token: Token):
    """The country or organization a subject names: itself, or the country of its troops."""
    entity = ctx.entity_at(token)
    if is_country(entity) or is_organization(entity):
        return entity
    if token.lower_ in FORCES:
        owners = [ctx.entity_at(c) for c in token.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        owners = [e for e in owners if is_country(e)]
        return owners[0] if len(owners) == 1 else None
    return None


def _place(ctx: Context, token: Token | None):
    """The place an object names, also through "part of X" / "parts of the X region"."""
    while token is not None:
        entity = ctx.entity_at(token)
        if is_place(entity) and not is_country(entity) or (is_country(entity) and token.dep_ != "amod"):
            return entity
        if token.lower_ not in {"part", "parts", "much", "most", "territory", "town", "city", "village", "region"}:
            return None
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        token = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return None


@register("control_verb.v1")
def control_verb(ctx: Context) -> Iterator[Candidate]:
    """"Ukrainian troops took control of Sudzha", "Russia annexed Crimea" -> controls."""
    for verb in ctx.doc:
        if verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.lemma_ in {"take", "gain", "seize", "assume"} and obj is not None and obj.lower_ == "control":
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        elif verb.lemma_ not in CONTROL_VERBS:
            continue
        actor, place = _actor(ctx, subject), _place(ctx, obj)
        if actor is not None and place is not None and actor != place:
            # "part of Russian territory": the country itself is not controlled, only a part of it
            if is_country(place) and obj is not None and obj.lower_ in {"part", "parts"}:
                continue
            yield Candidate(actor, Rel.controls, place, verb.sent, 0.75)


@register("war_between.v1")
def war_between(ctx: Context) -> Iterator[Candidate]:
    """"the war between Russia and Ukraine", "Russia's war against Ukraine" -> at_war_with."""
    for noun in ctx.doc:
        if noun.lemma_.lower() not in WAR_NOUNS or any(t.lower_ in {"cold", "trade", "price", "civil"} for t in noun.children):
            continue
        sides = []
        for child in noun.children:
            if child.dep_ == "poss" and is_country(ctx.entity_at(child)):
                sides.append(ctx.entity_at(child))
            if child.dep_ == "prep" and child.lower_ in {"between", "with", "against"}:
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    for token in [obj, *(c for c in obj.conjuncts)]:
                        if is_country(ctx.entity_at(token)):
                            sides.append(ctx.entity_at(token))
        sides = list(dict.fromkeys(sides))
        if len(sides) == 2:
            yield Candidate(sides[0], Rel.at_war_with, sides[1], noun.sent, 0.75)
