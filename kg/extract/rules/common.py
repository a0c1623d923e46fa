"""Small helpers the rules share: class groups, premodifier windows, object scans."""

from __future__ import annotations

import re
from itertools import accumulate

from spacy.tokens import Span, Token

from kg.vocab import Cls, KIND_OF_CLASS, ORGANIZATION, PERSON, PLACE
from kg.extract.rules.base import Context
from kg.nlp.lexicon import Title
from kg.model import Entity

# Words that make a title describe the past or the future, not a current role.
NOT_CURRENT = {"former", "ex", "ex-", "late", "then", "would-be", "outgoing", "incoming", "future", "deposed", "ousted"}

# Words that make a title a lesser office: a deputy prime minister leads nothing.
SUBORDINATE = {"deputy", "vice", "vice-", "shadow", "assistant", "junior", "associate", "co", "lieutenant", "lt.", "lt"}

# Prepositions that join a title to its organization: "head of", "analyst at", "consultant for".
TITLE_PREPOSITIONS = {"of", "at", "for", "with"}

# Possessive clitics ("Russia's"), and with them the bare apostrophe of a plural's ("the Democrats' plan").
POSSESSIVES = {"'s", "’s"}
POSSESSIVE_MARKS = POSSESSIVES | {"'", "’"}

# A premodifier window stops at these parts of speech.
WINDOW_STOP_POS = {"DET", "PUNCT", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "NUM"}


def is_person(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == PERSON


def names_party(ctx: Context, token: Token) -> bool:
    """Whether a party mention stands for the party ("the Scottish National Party", "SNP", "the Tories
    said", "The Liberal Democrats say"), not for some of its members ("Democrats say", "most
    Republicans argue", "a congressional Democrat", "the Kentucky Republican")."""
    mention = ctx.mention_span(token)
    span = mention if mention is not None else ctx.doc[token.i:token.i + 1]
    text = span.text
    if "party" in text.lower() or text.isupper():
        return True
    plural = span[-1].tag_ in {"NNPS", "NNS"} or text.endswith("s")
    return plural and span.start > 0 and ctx.doc[span.start - 1].lower_ == "the"


def is_organization(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == ORGANIZATION


def is_country(entity: Entity | None) -> bool:
    return entity is not None and entity.cls == Cls.Country


def is_place(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == PLACE


def accepts(object_kind: str, entity: Entity) -> bool:
    """Whether an entity can be the object of a title reading ("country", "party", "organization")."""
    if object_kind == "country":
        return entity.cls == Cls.Country
    if object_kind == "party":
        return entity.cls == Cls.PoliticalParty
    return KIND_OF_CLASS.get(entity.cls) == ORGANIZATION


def reading_for(readings: tuple[Title, ...], entity: Entity) -> Title | None:
    """The reading of a title that fits the entity it points to, the most specific kind first.

    "leader" of a party is leader_of; "leader" of a company heads it. A reading limited to some entities
    (``only_for``) takes those names or classes only: a "correspondent" works for a MediaOrganization, so
    "CNN White House correspondent X" is CNN's, the White House being the beat.
    """
    specificity = {"party": 0, "country": 1, "organization": 2}
    ranked = sorted(readings, key=lambda r: specificity.get(r.object_kind, 3))
    return next(
        (r for r in ranked if accepts(r.object_kind, entity) and (not r.only_for or entity.name in r.only_for or entity.cls in r.only_for)), None
    )


def premodifiers(ctx: Context, start: int) -> list[Token]:
    """The tokens that modify a noun phrase from the left, ending right before ``start``.

    "US President", "Microsoft chief executive", "Russia's president": walks left while
    tokens are names, adjectives, nouns or a possessive 's, inside one sentence.
    """
    doc = ctx.doc
    sent_start = doc[start].sent.start if start < len(doc) else doc[start - 1].sent.start
    window: list[Token] = []
    i = start - 1
    while i >= sent_start:
        token = doc[i]
        in_name = ctx.entity_at(i) is not None
        if len(window) >= 6 and not (in_name and (span := ctx.mention_span(i)) is not None and i + 1 < min(span.end, start)):
            break  # six words, or the rest of a long name the window has begun ("Senate Homeland Security and ...")
        modifier = token.dep_ in {"amod", "advmod", "compound", "poss", "case", "nmod"} or token.text == "-"
        if not in_name and token.pos_ in WINDOW_STOP_POS and token.tag_ != "POS" and not modifier:
            break
        window.append(token)
        i -= 1
    return window[::-1]


# ", D-Calif.," / " (R-Texas)": a legislator's party and state after the name, skipped between coordinated names.
_PARTY_STATE = re.compile(r"\s*(?:,\s*[A-Z]\s*-\s*[A-Z][A-Za-z. ]{0,20}?\.?\s*(?=,|\s+and\b)|\(\s*[A-Z]\s*-[^)]{1,25}\))")


def coordinated_people(ctx: Context, mention: Span, limit: int = 8) -> list[tuple[Span, Entity]]:
    """The people named in coordination right after a person's mention, in order.

    "Sens. Kamala Harris, D-Calif., and Mazie Hirono", "writers Paul Wiseman and Andrew Taylor" and "Sens.
    Chuck Grassley of Iowa, Jim Inhofe of Oklahoma and Pat Roberts of Kansas": after the mention (and a
    party-state label or the place a name is "of" or "in"), ``and``, ``,`` or ``, and`` and another person's
    whole name; the run stops at anything else. Written by hand: spaCy's ``conj`` arcs often skip names
    joined across a label.
    """
    doc, found, end = ctx.doc, [], mention.end
    while len(found) < limit and end < mention.sent.end:
        label = _PARTY_STATE.match(ctx.text, doc[end].idx)
        if label is not None:
            after = next((t.i for t in doc[end:mention.sent.end] if t.idx >= label.end()), None)
            if after is None:
                break
            end = after
        elif doc[end].lower_ in {"of", "in", "from"} and end + 1 < mention.sent.end:
            place = ctx.mention_span(end + 1)
            if place is None or place.start != end + 1 or (e := ctx.entities.of(place)) is None or e.kind != "place" \
                    or place.end >= mention.sent.end or doc[place.end].text not in {",", "and"}:
                break
            end = place.end
        i = end
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ == "and":
            i += 1
        if i == end or i >= mention.sent.end:
            break
        span = ctx.mention_span(i)
        entity = ctx.entities.of(span) if span is not None and span.start == i else None
        if not is_person(entity):
            break
        found.append((span, entity))
        if doc[i - 1].lower_ == "and":
            break  # "X and Y" closes the list
        end = span.end
    return found


def entities_in(ctx: Context, tokens: list[Token]) -> list[tuple[Span, Entity]]:
    """Whole entity mentions inside a run of tokens, left to right.

    Looks up the mention starting at each token rather than scanning ``doc.ents`` for every
    run: that was quadratic on entity-dense text (a 68 KB article took over 5 minutes).
    """
    indices = {t.i for t in tokens}
    found = []
    for i in sorted(indices):
        ent = ctx.mention_span(i)
        if ent is None or ent.start != i or ent.end - 1 not in indices:
            continue
        entity = ctx.entities.of(ent)
        if entity is not None:
            found.append((ent, entity))
    return found


def is_not_current(tokens) -> bool:
    return any(t.lower_ in NOT_CURRENT for t in tokens)


def not_current_counts(doc) -> list[int]:
    """``counts[i]``: how many of ``doc[:i]`` are :data:`NOT_CURRENT` words, so that ``is_not_current(doc[a:b])``
    is ``counts[b] > counts[a]`` in constant time (the pair classifier asks it for every pair of a sentence)."""
    return list(accumulate((t.lower_ in NOT_CURRENT for t in doc), initial=0))


def is_subordinate(tokens) -> bool:
    """"Deputy Prime Minister", "vice-president", "shadow chancellor"."""
    return any(t.lower_ in SUBORDINATE or t.lower_.startswith(("vice-", "deputy-")) for t in tokens)


def after_ranks(ctx: Context, i: int, words: frozenset[str] = frozenset()) -> int:
    """The token where a name starts after honorifics and ranks (and any of ``words``) from token ``i``:
    "Press Secretary [Rear Adm.] John Kirby", "a spokesman for [Sen.] Chuck Grassley"."""
    doc = ctx.doc
    while i < len(doc) and (doc[i].lower_ in ctx.lexicon.honorifics or doc[i].lower_ in words):
        i += 1
    return i


def object_after(ctx: Context, start: int, limit: int = 10) -> tuple[Span, Entity] | None:
    """First organization or country named after a preposition ("head of [the X Foundation]").

    Skips places used as modifiers ("the London-based think tank Chatham House") and owners before
    a possessive ("head of Iran's Quds Force": the Quds Force), and stops at punctuation other than hyphens.
    """
    doc = ctx.doc
    end = min(doc[start].sent.end if start < len(doc) else len(doc), start + limit)
    i = start
    while i < end:
        token = doc[i]
        if token.is_punct and token.text not in {"-", "–", "'s", "’s"}:
            return None
        span = ctx.mention_span(i)
        if span is not None:
            entity = ctx.entities.of(span)
            modifier = span.end + 1 < len(doc) and doc[span.end].text == "-"
            owner = span[-1].tag_ == "POS" or (span.end < len(doc) and doc[span.end].tag_ == "POS")
            if owner:
                after = span.end + (span[-1].tag_ != "POS")
                owned = ctx.mention_span(after) if after < end else None
                if owned is not None and owned.start == after and (is_organization(ctx.entities.of(owned))):
                    i = after
                    continue
                if after < end and doc[after].is_alpha:
                    return None  # "chairman of the House's tax-writing committee": of something of the House's
            if entity is not None and entity.cls == Cls.PoliticalParty and span.end < end \
                    and doc[span.end].pos_ == "NOUN" and doc[span.end].is_lower and ctx.entity_at(span.end) is None:
                return None  # "a spokesman for the Republican governor": the party describes someone
            if entity is not None and not modifier and (is_organization(entity) or is_country(entity)):
                return span, entity
            i = span.end
            continue
        i += 1
    return None


PRONOUN_KINDS = {"he": PERSON, "she": PERSON, "it": ORGANIZATION, "they": ORGANIZATION}


def entity_or_antecedent(ctx: Context, token: Token) -> Entity | None:
    """The entity a token names, or for a pronoun subject, the one entity it can refer to.

    "Time Warner said it now owns 8% of Google": *it* is the speaker, Time Warner. Otherwise
    a subject pronoun (he/she a person, it/they an organization) resolves only when exactly
    one entity of that kind is named in the previous sentence and this one before the
    pronoun; anything less certain is left unresolved.
    """
    entity = ctx.entity_at(token)
    kind = PRONOUN_KINDS.get(token.lower_)
    if entity is not None or kind is None or token.dep_ not in {"nsubj", "nsubjpass"}:
        return entity
    clause = token.head
    if clause.dep_ == "ccomp":
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        speaker_entity = ctx.entity_at(speaker) if speaker is not None else None
        if speaker_entity is not None:
            return speaker_entity if speaker_entity.kind == kind else None
    sent = token.sent
    start = sent.start
    if start > 0:
        start = ctx.doc[start - 1].sent.start
    # a name inside quotation marks is in someone's words, no antecedent ('... to beat Trump,' she added)
    seen = {e for i in range(start, token.i)
            if not ctx.quoted(i) and (e := ctx.entity_at(i)) is not None and e.kind == kind}
    return seen.pop() if len(seen) == 1 else None


def place_after(ctx: Context, mention: Span, classes: set[str]) -> Entity | None:
    """The place of one of ``classes`` in "NAME of [the] PLACE" closing the phrase ("President Xi Jinping
    of China,", "Gov. Gavin Newsom of California said"); not "X of France's party"."""
    doc, i = ctx.doc, mention.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    start = i + 1 + (doc[i + 1].lower_ == "the")
    span = ctx.mention_span(start) if start < len(doc) else None
    place = ctx.entities.of(span) if span is not None and span.start == start else None
    if place is None or place.cls not in classes:
        return None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.text in POSSESSIVE_MARKS or not (after.is_punct or after.pos_ in {"VERB", "AUX", "CCONJ", "ADP"})):
        return None
    return place


def owned_person(ctx: Context, owner: Token) -> Entity | None:
    """The person named right after ``owner``'s possessive, where a parse took the owner for the head of the
    phrase ("reports Time’s Dan Hirschhorn" with "Time" the subject): the journalist, not the outlet."""
    doc = ctx.doc
    name = ctx.mention_span(owner.i)
    last = doc[name.end - 1] if name is not None and not is_person(ctx.entities.of(name)) else owner
    if last.tag_ == "POS" and last.lower_ in POSSESSIVES:  # the mention ran the possessive in: "Capital New York’s"
        after = last.i + 1
    elif last.i + 1 < len(doc) and doc[last.i + 1].lower_ in POSSESSIVES and doc[last.i + 1].tag_ == "POS":
        after = last.i + 2  # (any word of the owner's name: "Capital| New York ’s Joe Pompeo")
    else:
        return None
    span = ctx.mention_span(after) if after < len(doc) else None
    person = ctx.entities.of(span) if span is not None and span.start == after else None
    return person if is_person(person) else None


def subject_person(ctx: Context, verb: Token) -> Entity | None:
    """The person a verb's first subject names, if it names one ("Steve Ballmer is ...", "X served as ...")."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    person = ctx.entity_at(subject) if subject is not None else None
    return person if is_person(person) else None
