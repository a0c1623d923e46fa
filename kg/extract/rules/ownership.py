"""Who owns or bought what: "X bought Y", "Y was acquired by X", "X owns 8% of Y", "X's takeover of Y"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import entity_or_antecedent, is_organization, is_person
from kg.vocab import Rel

# Verb lemma -> relation. "take over" is a phrasal verb (particle "over").
OWNERSHIP_VERBS = {"acquire": Rel.acquired, "buy": Rel.acquired, "purchase": Rel.acquired, "own": Rel.owns}
PHRASAL = {("take", "over"): Rel.acquired}
# Nouns of a completed deal: "X's takeover of Y", "the acquisition of Y by X".
DEAL_NOUNS = {"takeover", "acquisition", "purchase", "buyout"}
# A verb governed by one of these did not happen (yet): "tried to buy", "plans to acquire".
UNREALISED = {"try", "attempt", "plan", "want", "seek", "hope", "consider", "propose", "offer", "bid", "fail", "aim", "intend", "threaten"}


STAKE_WORDS = {"%", "percent", "stake", "share", "shares", "part", "half", "third", "control"}


def _entity_of(ctx: Context, token: Token | None):
    """The person or organization a token (or, for "8% of Y", its of-object) names."""
    if token is None:
        return None
    entity = entity_or_antecedent(ctx, token)
    if entity is None:
        # "34 Grosvenor casinos", "the Mecca Bingo chain": the name compounded into the noun
        named = [ctx.entity_at(c) for c in token.children if c.dep_ == "compound" and ctx.entity_at(c) is not None]
        if len(set(named)) == 1:
            entity = named[0]
    if entity is None and token.lower_ in STAKE_WORDS:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return _entity_of(ctx, obj)
    return entity if is_person(entity) or is_organization(entity) else None


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _unrealised(verb: Token) -> bool:
    head = verb
    while head.dep_ in {"xcomp", "ccomp", "advcl"} and head.head is not head:
        head = head.head
        if head.lemma_ in UNREALISED:
            return True
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in UNREALISED


@register("ownership_verb.v2")
def ownership_verb(ctx: Context) -> Iterator[Candidate]:
    """"Rosneft bought the Yugansk unit", "Seagram was bought by Diageo", "Time Warner owns 8% of Google".

    v2: each object of a list ("CBS owns the CBS TV network, cable network Showtime and the publisher Simon &
    Schuster" -> three facts)."""
    for verb in ctx.doc:
        if verb.pos_ != "VERB":
            continue
        relation = OWNERSHIP_VERBS.get(verb.lemma_)
        particle = _child(verb, "prt")
        if particle is not None:
            relation = PHRASAL.get((verb.lemma_, particle.lower_), relation)
        if relation is None or _unrealised(verb):
            continue
        subject = _child(verb, "nsubj")
        obj = _child(verb, "dobj")
        passive = _child(verb, "nsubjpass")
        if passive is not None:
            agent = _child(verb, "agent")
            subject, obj = (_child(agent, "pobj") if agent is not None else None), passive
        owner = _entity_of(ctx, subject)
        # v2: every object of a list ("CBS owns the CBS TV network, cable network Showtime and the publisher
        # Simon & Schuster")
        for item in [obj, *obj.conjuncts] if obj is not None and passive is None else [obj]:
            owned = _entity_of(ctx, item)
            if owner is not None and is_organization(owned) and owner != owned:
                kind = relation
                if relation == Rel.acquired and item is not None and item.lower_ in STAKE_WORDS:
                    kind = Rel.owns  # "bought a 30% stake in X": a share, not the company
                yield Candidate(owner, kind, owned, verb.sent, 0.75)


@register("ownership_noun.v1")
def ownership_noun(ctx: Context) -> Iterator[Candidate]:
    """"Pernod's takeover of Allied Domecq", "the acquisition of Seagram by Diageo"."""
    for noun in ctx.doc:
        if noun.lemma_.lower() not in DEAL_NOUNS:
            continue
        if any(t.lower_ in {"planned", "proposed", "possible", "rumoured", "failed", "potential"} or t.lemma_ in UNREALISED
               for t in noun.children) or _unrealised(noun.head):
            continue
        owner = _entity_of(ctx, _child(noun, "poss"))
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owned = _entity_of(ctx, _child(of, "pobj")) if of is not None else None
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if owner is None and by is not None:
            owner = _entity_of(ctx, _child(by, "pobj"))
        if owner is not None and is_organization(owned) and owner != owned:
            stake = of is not None and any(c.lower_ in STAKE_WORDS for c in of.children)
            yield Candidate(owner, Rel.owns if stake else Rel.acquired, owned, noun.sent, 0.7)


OWNER_NOUNS = {"owner", "co-owner", "shareholder"}
OWNER_BLOCKERS = {"former", "ex", "previous", "would-be", "prospective", "potential", "minority"}


@register("owner_noun.v1")
def owner_noun(ctx: Context) -> Iterator[Candidate]:
    """"Yukos' owner Menatep Group", "Menatep Group, the owner of Yukos", "Menatep, Yukos's main owner"."""
    for noun in ctx.doc:
        if noun.lower_ not in OWNER_NOUNS and noun.lemma_.lower() not in OWNER_NOUNS:
            continue
        if any(c.lower_ in OWNER_BLOCKERS for c in noun.children) or noun.lower_ == "owners":
            continue
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}), None)
        owned = _entity_of(ctx, _child(noun, "poss")) or (_entity_of(ctx, _child(of, "pobj")) if of is not None else None)
        if noun.dep_ in {"compound", "appos"}:
            owner = _entity_of(ctx, noun.head)  # "owner Menatep Group", "Menatep Group, the owner of Yukos"
        else:
            owner = _entity_of(ctx, _child(noun, "appos"))  # "Yukos' owner, Menatep Group,"
        if owner is not None and is_organization(owned) and owner != owned:
            relation = Rel.owns if noun.lower_ != "shareholder" or of is not None else None
            if relation:
                yield Candidate(owner, relation, owned, noun.sent, 0.75)
