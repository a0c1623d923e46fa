"""Facts about where things are: "the London-based think tank X", "Perugia, Italy"."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import is_country, is_not_current, is_organization, is_person, is_place
from kg.model import Entity
from kg.nlp.ner_repair import POLICE_MODIFIERS, POLICE_UNITS
from kg.vocab import Cls, PLACE, Rel

BASED = {"based", "headquartered"}


@register("based_in_modifier.v2")
def based_in_modifier(ctx: Context) -> Iterator[Candidate]:
    """"the London-based think tank Chatham House" and "Prisma, based in London" (based_in);
    "Moscow-based lawyer Jamie Firestone" (lives_in: a person based in a city lives there). v2: the
    organization an apposition describes ("the Eurasia Group, a Washington-based research firm")."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ not in BASED:
            continue
        # "<Place>-based ... <Organization>"
        if token.i >= 2 and doc[token.i - 1].text == "-" and is_place(ctx.entity_at(token.i - 2)):
            place = ctx.entity_at(token.i - 2)
            described = _described_before(ctx, ctx.mention_span(token.i - 2).start)
            if described is not None:  # "the Eurasia Group, a Washington-based research firm"
                yield Candidate(described, Rel.based_in, place, token.sent, 0.85)
                continue
            for j in range(token.i + 1, min(token.i + 7, token.sent.end)):
                if doc[j].is_punct or doc[j].pos_ in {"VERB", "ADP", "AUX"}:
                    break
                if is_organization(ctx.entity_at(j)):
                    yield Candidate(ctx.entity_at(j), Rel.based_in, place, token.sent, 0.85)
                    break
                if is_person(ctx.entity_at(j)):  # "Moscow-based US lawyer Jamie Firestone"
                    yield Candidate(ctx.entity_at(j), Rel.lives_in, place, token.sent, 0.75)
                    break
        # "<Organization>, based in <Place>", "<Organization>, which is headquartered in <Place>"
        elif token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "in" and is_place(ctx.entity_at(token.i + 2)):
            k = token.i - 1
            if k >= 1 and doc[k].lower_ in {"is", "was"} and doc[k - 1].lower_ in {"which", "that"}:
                k -= 2
            k -= doc[k].text == ","
            if k >= 0 and is_organization(ctx.entity_at(k)):
                yield Candidate(ctx.entity_at(k), Rel.based_in, ctx.entity_at(token.i + 2), token.sent, 0.8)


def _described_before(ctx: Context, start: int):
    """The organization an apposition starting at ``start`` (after "a"/"an"/"the" and adjectives)
    describes: "the Eurasia Group, a Washington-based ...", "X, the New York-based ..."."""
    doc = ctx.doc
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and ctx.entity_at(i) is None:
        i -= 1
    if i < 1 or doc[i].lower_ not in {"a", "an", "the"} or doc[i - 1].text != ",":
        return None
    entity = ctx.entity_at(i - 2) if i >= 2 else None
    return entity if is_organization(entity) else None


@register("located_in_apposition.v3")
def located_in_apposition(ctx: Context) -> Iterator[Candidate]:
    """"Perugia, Italy", "Austin, Texas" and "the Kursk region of Russia". v2: "Ferguson, Mo., and ..."
    is no list of places (a place must follow the conjunction). v3: a country closing a caption's chain is no
    list either ("New Orleans, Louisiana, U.S." -> New Orleans located_in Louisiana)."""
    doc = ctx.doc
    for ent in doc.ents:
        inner = ctx.entities.of(ent)
        if not is_place(inner) or is_country(inner) or ent.end + 1 >= len(doc):
            continue
        joiner = doc[ent.end]
        if joiner.text == "," or (joiner.lower_ == "of" and inner.cls == Cls.Region):
            outer_span = ctx.mention_span(ent.end + 1)
            outer = ctx.entities.of(outer_span) if outer_span is not None else None
            if outer is None or outer_span.start != ent.end + 1 or outer == inner:
                continue
            # "Perugia, Italy", "Austin, Texas", "Westminster Hall, London" (a site in a city)
            fits = is_country(outer) or (outer.cls == Cls.Region and inner.cls == Cls.City) or (
                outer.cls in {Cls.City, Cls.Region} and inner.cls == Cls.Place
            )
            if fits and outer_span.text not in ctx.lexicon.demonyms and not _in_list(ctx, outer_span):
                yield Candidate(inner, Rel.located_in, outer, ent.sent, 0.85)


# Which place may sit "in" which: a site in a city, region or country, a city in a region or country, a
# region in a country ("Pier 88 in Manhattan", "Irbil in Iraq", "Maharashtra in India").
CONTAINERS = {
    Cls.Place: {Cls.City, Cls.Region, Cls.Country},
    Cls.City: {Cls.Region, Cls.Country},
    Cls.Region: {Cls.Country},
}


WHEN_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
    "last", "this", "next", "earlier", "later", "on", "in", "at",
}


@register("located_in_prep.v1")
def located_in_prep(ctx: Context) -> Iterator[Candidate]:
    """"near Irbil in Iraq", "the Edmund Pettus Bridge in Selma", "Pier 88 in Manhattan" -> located_in.

    A place named right before "in" and another place of a larger kind right after it (a site in a city,
    region or country; a city in a region or country; a region in a country), the second closing the phrase
    (punctuation, a verb, a conjunction or a preposition follows). A country is never the first place
    ("Russia in Geneva"), and two places of one kind ("Paris in Texas") give nothing.
    """
    for ent in ctx.doc.ents:
        inner = ctx.entities.of(ent)
        if inner is None or inner.cls not in CONTAINERS:
            continue
        outer_span, outer = _place_closing_after(ctx, ent, {"in"})
        if outer is not None and outer != inner and outer.cls in CONTAINERS[inner.cls] \
                and outer_span.text not in ctx.lexicon.demonyms:
            yield Candidate(inner, Rel.located_in, outer, ent.sent, 0.8)


def _place_closing_after(ctx: Context, ent, prepositions: set[str]):
    """(span, entity) of the mention right after ``ent`` and one of ``prepositions`` (and "the"), when it
    closes the phrase: punctuation, a verb, a conjunction, a preposition or a time word follows ("near
    Irbil in Iraq Friday"), never a possessive ("Harvard in Boston's suburbs"). (None, None) otherwise."""
    doc = ctx.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in prepositions:
        return None, None
    start = ent.end + 1 + (doc[ent.end + 1].lower_ == "the")
    span = ctx.mention_span(start) if start < len(doc) else None
    entity = ctx.entities.of(span) if span is not None and span.start == start else None
    if entity is None:
        return None, None
    after = doc[span.end] if span.end < len(doc) else None
    if after is None:
        return span, entity
    closes = after.is_punct or after.pos_ in {"VERB", "AUX", "CCONJ", "ADP", "SCONJ"} or after.lower_ in WHEN_WORDS
    return (span, entity) if closes and after.text not in {"'s", "’s"} else (None, None)


# Organizations whose place "in" names their seat: a school or university is where it stands ("Radford
# University in Virginia"); a company "in China" may only be doing business there.
SEATED_IN = {Cls.EducationalOrganization, Cls.ResearchOrganization}
# Head words of names that stand where they are, whatever the model typed them: "Texas Health Presbyterian
# Hospital, in Dallas", "the Whitney Museum in New York" (v2).
SEATED_HEADS = {"hospital", "university", "college", "school", "academy", "museum", "zoo", "library", "prison",
                "church", "cathedral", "mosque", "synagogue", "temple", "seminary"}


@register("based_in_prep.v2")
def based_in_prep(ctx: Context) -> Iterator[Candidate]:
    """"Radford University in Virginia", "East Side Middle School in Manhattan" -> based_in.

    A school, university or research institute named right before "in" or "on" and a city, region or
    country right after, closing the phrase as in ``located_in_prep.v1``. Companies, agencies and parties
    are left out: "Apple in China", "the FBI in Chicago" are activities, not seats. v2: any organization whose
    name ends in a word for a building that stands where it is (:data:`SEATED_HEADS`: "Texas Health Presbyterian
    Hospital"), and the place set off by a comma ("Texas Health Presbyterian Hospital, in Dallas,").
    """
    doc = ctx.doc
    for ent in doc.ents:
        org = ctx.entities.of(ent)
        if not is_organization(org) or (org.cls not in SEATED_IN and ent[-1].lower_ not in SEATED_HEADS):
            continue
        _, place = _place_closing_after(ctx, ent, {"in", "on"})
        if place is None and ent.end + 2 < len(doc) and doc[ent.end].text == "," and ent[-1].lower_ in SEATED_HEADS:
            _, place = _place_closing_after(ctx, doc[ent.start : ent.end + 1], {"in"})  # "Hospital, in Dallas"
        if place is not None and place.cls in {Cls.City, Cls.Region, Cls.Country, Cls.Place}:
            yield Candidate(org, Rel.based_in, place, ent.sent, 0.8)


def _list_goes_on(ctx: Context, token) -> bool:
    """Whether a list goes on after the mention at ``token`` (a comma or "and" and another name)."""
    span = ctx.mention_span(token.i)
    doc = ctx.doc
    after = doc[span.end : span.end + 2] if span is not None else []
    return len(after) == 2 and after[0].text in {",", "and"} and ctx.entity_at(after[1]) is not None


def _in_list(ctx: Context, span) -> bool:
    """"Paris, London and Berlin", "the United States, Russia, and Ukraine": a list, not a location.

    v2: after a comma, only when a name follows ", and"; "in Ferguson, Mo., and that he ..." is a location."""
    doc = ctx.doc
    after = doc[span.end : span.end + 3]
    if after and after[0].lower_ in {"and", "or"}:
        return True  # "Paris, London and elsewhere"
    if len(after) < 2 or after[0].text != ",":
        return False
    if after[1].lower_ not in {"and", "or"}:
        # "Paris, London, Berlin"; not the chain of a caption, "New Orleans, Louisiana, U.S." (v3)
        following = ctx.entity_at(after[1])
        return following is not None and not (is_country(following) and not is_country(ctx.entities.of(span))
                                               and not _list_goes_on(ctx, after[1]))
    return len(after) == 3 and (ctx.entity_at(after[2]) is not None or after[2].lower_ == "the")


# Parts of speech that may stand between a place and the organization it modifies:
# "US media giant TimeWarner", "UK drinks and food firm Allied Domecq", "Japan's troubled UFJ bank".
NP_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "PART", "CCONJ"}


# Organizations a place before the name does not seat: "Finland's EU" names a member, "the California
# Democrat" a politician from California, not where the party is based.
NOT_SEATED_BY_MODIFIER = {Cls.InternationalOrganization, Cls.PoliticalParty}


# Organizations a place right before the name seats without a type noun: "Dutch Shell", "Chilean Codelco".
BUSINESSES = {Cls.Company, Cls.MediaOrganization}
# Words that make the name after them a business: "Japanese rival Nissan Motor", "US rival Grey Global".
RIVALS = {"rival", "rivals", "competitor", "competitors", "peer", "partner", "supplier", "carmaker", "automaker"}


@register("place_modifier.v5")
def place_modifier(ctx: Context) -> Iterator[Candidate]:
    """A place (or demonym) modifying an organization's name, or its appositive type noun.

    "US media giant TimeWarner" -> based_in United States;
    "Sun Hung Kai Properties, a Hong Kong construction firm" -> based_in Hong Kong.
    v2: never a political party ("the Ohio Republican", "a California Democrat": a politician's
    state; 8 of v1's 16 facts on the allsides dev split were such, all wrong). Measured precision: 2 of 8
    (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03): a place before a government body or a ship's name is still read as its seat.
    v3: without a type noun ("media giant", "bank") only a company or news outlet is seated by the place before
    its name; a state house, a fleet, an agency's office are parts, not seated organizations. v4: a type noun of
    two words in the apposition ("the Tax Policy Center, a Washington think tank"). v5: adjectives may stand
    before the place in the apposition ("Coulson Aviation, the private Canadian firm").
    """
    doc = ctx.doc
    mentions = [(ent, ctx.entities.of(ent)) for ent in doc.ents]
    for (place_span, place), (org_span, org) in zip(mentions, mentions[1:]):
        if not is_place(place) or not is_organization(org) or place_span.sent != org_span.sent:
            continue
        if org.cls in NOT_SEATED_BY_MODIFIER:
            continue  # "Finland's EU", "the Swedish U.N. mediator": a member, not a seat
        between = doc[place_span.end : org_span.start]
        if len(between) > 5 or any(t.pos_ not in NP_MODIFIER_POS or ctx.entity_at(t) for t in between):
            continue
        if any(t.pos_ == "CCONJ" for t in between) and between[-1].lower_ not in ctx.lexicon.org_cues:
            continue  # "the Phnom Penh government and the Khmer Rouge": two things, not one
        head = place_span.root.head
        # "Japan's troubled UFJ bank": the place and the name both modify the organization's type noun
        shared_head = org_span.root.dep_ == "compound" and head == org_span.root.head and head.lower_ in ctx.lexicon.org_cues
        if not org_span.start <= head.i < org_span.end and head not in between and not shared_head:
            continue
        typed = shared_head or any(t.lower_ in ctx.lexicon.org_cues or t.lower_ in RIVALS for t in between)
        if not typed and org.cls not in BUSINESSES:
            continue  # "Michigan House of Representatives", "Russia's Pacific Fleet", "the Cincinnati IRS office"
        confidence = 0.7 if place_span.text in ctx.lexicon.demonyms else 0.75
        yield Candidate(org, Rel.based_in, place, org_span.sent, confidence)
        # "US-German carmaker DaimlerChrysler": every place of a hyphenated pair
        before = ctx.mention_span(place_span.start - 2) if place_span.start >= 2 and doc[place_span.start - 1].text == "-" else None
        if before is not None and is_place(ctx.entities.of(before)) and doc[place_span.start - 1].idx == before.end_char:
            yield Candidate(org, Rel.based_in, ctx.entities.of(before), org_span.sent, confidence)
    for org_span, org in mentions:
        if not is_organization(org) or org_span.end + 3 >= len(doc) or doc[org_span.end].text != ",":
            continue
        i = org_span.end + 1
        if doc[i].lower_ not in {"a", "an", "the"}:
            continue
        i += 1
        while i < len(doc) and i - org_span.end <= 3 and doc[i].pos_ == "ADJ" and ctx.entity_at(i) is None:
            i += 1  # "Coulson Aviation, the private Canadian firm" (v5)
        place_span = ctx.mention_span(i) if i < len(doc) else None
        place = ctx.entities.of(place_span) if place_span is not None else None
        if not is_place(place) or place_span.start != i:
            continue
        j = place_span.end
        while j < len(doc) and doc[j].pos_ in {"ADJ", "NOUN"} and not ctx.entity_at(j):
            j += 1
        nouns = [t.lower_ for t in doc[place_span.end : j]]
        cues = ctx.lexicon.org_cues
        last = " ".join(nouns[-2:]) if " ".join(nouns[-2:]) in cues else nouns[-1] if nouns else ""  # "think tank"
        if nouns and (cues.get(last, ("", "name"))[1] != "name" or last in {"group", "giant", "maker", "producer", "chain", "operator"}):
            yield Candidate(org, Rel.based_in, place, org_span.sent, 0.75)


HEADQUARTERS = {"headquarters", "hq"}  # one token each: the rule compares single tokens


@register("headquarters.v1")
def headquarters(ctx: Context) -> Iterator[Candidate]:
    """"at KGB headquarters in Moscow", "the party's London HQ", "Nokia's headquarters in Espoo"."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ not in HEADQUARTERS or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        org = place = None
        for child in token.children:
            entity = ctx.entity_at(child)
            if child.dep_ in {"poss", "compound", "nmod"} and is_organization(entity):
                org = entity
            elif child.dep_ in {"compound", "nmod", "amod"} and is_place(entity):
                place = entity
            elif child.dep_ == "prep" and child.lower_ in {"in", "at"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and is_place(ctx.entity_at(pobj)):
                    place = ctx.entity_at(pobj)
        if org is not None and place is not None and not is_not_current(doc[max(token.i - 4, token.sent.start) : token.i]):
            yield Candidate(org, Rel.based_in, place, token.sent, 0.8)


@register("place_possessive.v2")
def place_possessive(ctx: Context) -> Iterator[Candidate]:
    """"Australia's New South Wales", "Russia's Kursk region", "Ohio's Cuyahoga County" -> located_in the owner.

    A place right after another place's possessive sits in it when the owner can contain it (``CONTAINERS``: a
    region in a country, a city in a region or a country, a site in any of them); "Moscow's mayor" or "Paris's
    Louvre" typed an organization give nothing, nor a place naming a post's beat ("Britain's Europe Director").
    v2: the place a local service's name opens with ("Australia's New South Wales state police": New South Wales
    located_in Australia), the place having no mention of its own once the force is one name.
    """
    doc = ctx.doc
    for ent in doc.ents:
        owned = ctx.entities.of(ent)
        if is_organization(owned):
            owned = service_seat(ctx, ent)  # "Australia's New South Wales state police": the state is Australia's
        if not is_place(owned) or ent.start < 2 or doc[ent.start - 1].tag_ != "POS":
            continue
        owner_span = ctx.mention_span(ent.start - 2)
        owner = ctx.entities.of(owner_span) if owner_span is not None else None
        if owner is None or owner_span.end != ent.start - 1 or owner == owned:
            continue
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if after in ctx.lexicon.titles or after in ctx.lexicon.offices:
            continue  # "Britain's Europe Director X": the place names a post's beat, not a place owned
        if owner.cls in CONTAINERS.get(owned.cls, set()) and ent.text not in ctx.lexicon.demonyms:
            yield Candidate(owned, Rel.located_in, owner, ent.sent, 0.8)


# Words after a place that make a name its local force or service: "Seattle Police Department", "Minneapolis
# police", "the New South Wales state police", "Los Angeles County Sheriff's Department", "Dallas Fire-Rescue".
# The level and unit words are the entity repair's for "<place> police" (kg.nlp.ner_repair).
LOCAL_SERVICE_HEADS = {"police", "sheriff", "sheriff's", "sheriff’s", "fire"}
LOCAL_SERVICE_WORDS = LOCAL_SERVICE_HEADS | POLICE_MODIFIERS | POLICE_UNITS | {
    "services", "office", "rescue", "fire-rescue", "-",
}


@register("local_service_seat.v1")
def local_service_seat(ctx: Context) -> Iterator[Candidate]:
    """A police force, sheriff's office or fire department named by its place is based there.

    "Seattle Police Department" -> based_in Seattle; "Minneapolis police officers" (the force as kg's entity
    repair names it) -> based_in Minneapolis; "the New South Wales state police" -> New South Wales. The place
    must be the name's first words and a city or region the gazetteer knows; everything after it must be
    service words (``LOCAL_SERVICE_WORDS``), one of them police, sheriff or fire.
    """
    for ent in ctx.doc.ents:
        org = ctx.entities.of(ent)
        seat = service_seat(ctx, ent) if is_organization(org) else None
        if seat is not None:
            yield Candidate(org, Rel.based_in, seat, ent.sent, 0.8)


def service_seat(ctx: Context, ent) -> Entity | None:
    """The place a local service's name opens with ("Seattle" of "Seattle Police Department"), as the article's
    entity or, when the name is its only mention, as the gazetteer's place."""
    if ctx.entities.of(ent).cls not in {Cls.GovernmentOrganization, Cls.Organization}:
        return None
    words = [t for t in ent if t.lower_ != "the"]
    for cut in range(len(words) - 1, 0, -1):
        rest = {t.lower_ for t in words[cut:]}
        if not rest <= LOCAL_SERVICE_WORDS or not rest & LOCAL_SERVICE_HEADS:
            continue
        text = ctx.doc[words[0].i : words[cut - 1].i + 1].text
        place = ctx.lexicon.place_named(text)
        if place is not None and place.cls in {Cls.City, Cls.Region}:
            seat = next((e for e in ctx.entities.entities if is_place(e) and e.name == place.name), None)
            return seat or Entity(PLACE, place.name, place.cls, frozenset({place.name, text}), 0)
    return None
