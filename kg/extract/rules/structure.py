"""Corporate and public structure: "United Business Media's NOP World unit", "Deluxe, a subsidiary of Rank",
"Russia's Pacific Fleet", "the Chinese Foreign Ministry"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import (
    POSSESSIVE_MARKS, entity_or_antecedent, is_country, is_organization, is_person, is_place,
)
from kg.extract.rules.government import country_named, government_of, institution_entity
from kg.model import Entity
from kg.vocab import Cls, Rel

# Nouns that make one organization a part of another.
UNIT_NOUNS = {"unit", "division", "subsidiary", "arm", "affiliate", "branch", "offshoot", "wing", "business", "brand"}

# Prepositions between a unit noun and its parent: "a unit of Rank", "a division under the Department of X" (v2).
UNIT_PREPOSITIONS = {"of", "under", "within"}

# Words a name may open with before its country: "the US Department of ...", "the federal ...".
NAME_OPENERS = {"the", "federal"}


def unit_head(ctx: Context, span: Span) -> str | None:
    """The head word of an organization's name when it names a unit (``unit_heads.txt``): "Fleet" of "Pacific
    Fleet", "Department" of "Department of Homeland Security" (the word before the first "of"/"for")."""
    words = [t.lower_ for t in span if t.tag_ != "POS" and t.text not in POSSESSIVE_MARKS]
    for i, word in enumerate(words):
        if word in {"of", "for"} and i > 0:
            words = words[:i]
            break
    if any(ctx.lexicon.org_cues.get(t.lower_, ("", ""))[0] == Cls.MediaOrganization for t in span):
        return None  # "TASS News Agency": an outlet, whatever the model typed it
    return words[-1] if words and words[-1] in ctx.lexicon.unit_heads else None


def _owner(ctx: Context, entity: Entity) -> Entity | None:
    """The body a unit belongs to: an organization itself, a country's government for a country."""
    if is_country(entity):
        return government_of(ctx, entity)
    return entity if is_organization(entity) else None


@register("unit_of.v3")
def unit_of(ctx: Context) -> Iterator[Candidate]:
    """"X's Y unit" / "X's Y division" and "Y, a unit of X" / "Y, the subsidiary of X" -> Y part_of X.

    v2 also reads a unit named after its owner's possessive, when its name's head says it is a unit
    (``unit_heads.txt``): "Russia's Pacific Fleet" -> part_of the Russian government, "the Department of
    Energy's Lawrence Berkeley National Lab" -> part_of the Department of Energy; "Y, a division under X"; and
    a government body named with its country: "the Chinese Foreign Ministry", "the US Department of Homeland
    Security" -> part_of that country's government. A news outlet or company after a country's possessive
    ("Russia's TASS News Agency", "China's Huawei") is no unit of its government. v3: a country of two words
    opening the body's name ("the South Korean Ministry of National Defense").
    Measured precision: 5 of 6 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03; v1 read none there).
    """
    doc = ctx.doc
    mentions = [(ent, ctx.entities.of(ent)) for ent in doc.ents]
    for (parent_span, parent), (child_span, child) in zip(mentions, mentions[1:]):
        if parent is None or child is None or parent == child or not is_organization(child):
            continue
        between = doc[parent_span.end : child_span.start]
        possessive = parent_span[-1].tag_ == "POS" or parent_span[-1].text in POSSESSIVE_MARKS or (
            len(between) and (between[0].tag_ == "POS" or between[0].text in POSSESSIVE_MARKS))
        rest = [t for t in between if t.tag_ != "POS" and t.text not in POSSESSIVE_MARKS]
        if not possessive or any(t.pos_ not in {"ADJ", "VERB"} for t in rest):
            continue
        # "Russia's Pacific Fleet", "the Department of Energy's Lawrence Berkeley National Lab" (v2)
        if not rest and child.cls not in {Cls.MediaOrganization, Cls.Company} and unit_head(ctx, child_span):
            owner = _owner(ctx, parent)
            if owner is not None and owner != child:
                yield Candidate(child, Rel.part_of, owner, child_span.sent, 0.75)
                continue
        # "United Business Media's NOP World market research unit"
        if not (is_organization(parent) and is_organization(child)):
            continue
        after = doc[child_span.end : min(child_span.end + 4, child_span.sent.end)]
        nouns = []
        for token in after:
            if token.pos_ not in {"NOUN", "ADJ"}:
                break
            nouns.append(token.lower_)
        if nouns and nouns[-1] in UNIT_NOUNS:
            yield Candidate(child, Rel.part_of, parent, child_span.sent, 0.75)
    for child_span, child in mentions:
        if not is_organization(child):
            continue
        # "the Chinese Foreign Ministry", "the US Department of Homeland Security" (v2)
        if child.cls == Cls.GovernmentOrganization and unit_head(ctx, child_span):
            country = _country_opening(ctx, child_span)
            if country is not None:
                yield Candidate(child, Rel.part_of, government_of(ctx, country_named(ctx, country)), child_span.sent, 0.75)
        # "Deluxe Films, a unit of Rank"
        i = child_span.end
        if i + 4 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
            continue
        j = i + 2
        while j < len(doc) and doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].lower_ not in UNIT_NOUNS:
            j += 1
        if j + 2 < len(doc) and doc[j].lower_ in UNIT_NOUNS and doc[j + 1].lower_ in UNIT_PREPOSITIONS:
            k = j + 2 + (doc[j + 2].lower_ == "the")
            parent = ctx.entity_at(k) if k < len(doc) else None
            if is_organization(parent) and parent != child:
                yield Candidate(child, Rel.part_of, parent, child_span.sent, 0.8)


def _country_opening(ctx: Context, span: Span) -> str | None:
    """The country a name opens with, by name or demonym ("US", "Chinese"), after "the" or "federal"."""
    words = [t for t in span if t.lower_ not in NAME_OPENERS]
    if len(words) < 2:
        return None
    if len(words) > 2 and (country := ctx.lexicon.country_of(f"{words[0].text} {words[1].text}")):
        return country  # "the South Korean Ministry of National Defense"
    return ctx.lexicon.country_of(words[0].text)


# Head words of the units a university or an institute is made of: "the Center for Strategic Studies at Victoria
# University", "the Justice Program at the Brennan Center for Justice", "the Kennedy School at Harvard University".
ACADEMIC_UNITS = {"center", "centre", "program", "programme", "institute", "school", "college", "lab", "laboratory",
                  "clinic", "initiative", "project", "department", "faculty"}
# Organizations a unit is "at": "the Center for X at the White House" names a place, not a parent.
ACADEMIC_PARENTS = {Cls.EducationalOrganization, Cls.ResearchOrganization}


def _name_head(span: Span) -> str:
    """The head word of a name: the last word before its first "of", "for", "on" ("Center" of "Center for
    Strategic Studies", "Program" of "Justice Program")."""
    words = [t.lower_ for t in span if t.lower_ != "the"]
    cut = next((i for i, w in enumerate(words) if w in {"of", "for", "on"} and i > 0), len(words))
    return words[cut - 1] if cut else ""


@register("unit_at.v1")
def unit_at(ctx: Context) -> Iterator[Candidate]:
    """A university's or an institute's unit named with "at" is part of it.

    "the Center for Strategic Studies at Victoria University of Wellington", "the Justice Program at the Brennan
    Center for Justice" -> part_of. The unit's name must end in a unit word (center, program, institute, school,
    ...; :data:`ACADEMIC_UNITS`) and the parent be a university or research organization right after "at" (and
    "the"): "the Kennedy Center at the White House" or "a lab at Google" give nothing.
    """
    doc = ctx.doc
    for span in doc.ents:
        unit = ctx.entities.of(span)
        if not is_organization(unit) or _name_head(span) not in ACADEMIC_UNITS:
            continue
        parent_span, parent = _closing_mention(ctx, span, "at")
        if parent is not None and parent != unit and parent.cls in ACADEMIC_PARENTS:
            yield Candidate(unit, Rel.part_of, parent, span.sent, 0.8)


def _closing_mention(ctx: Context, span: Span, preposition: str):
    """(span, entity) of the mention right after ``span``, ``preposition`` and an optional "the"; (None, None)
    when none starts there."""
    if span.end >= len(ctx.doc) or ctx.doc[span.end].lower_ != preposition:
        return None, None
    after = ctx.mention_after_the(span.end + 1)
    return (after, ctx.entities.of(after)) if after is not None else (None, None)


# Head words of a chamber's bodies: "Senate Judiciary Committee", "House Select Committee on Benghazi" (not a
# caucus: "the House Freedom Caucus" is a group of members, no body of the chamber).
COMMITTEE_HEADS = {"committee", "subcommittee"}
# A chamber's name as committees open with it where the gazetteer's aliases are longer ("House Ways and Means
# Committee": "House" alone is no alias of the House of Representatives elsewhere).
CHAMBER_OPENERS = {"House": "United States House of Representatives"}


@register("committee_of.v1")
def committee_of(ctx: Context) -> Iterator[Candidate]:
    """A committee named after its chamber is part of it.

    "the Senate Judiciary Committee", "the U.S. Senate Foreign Relations Committee" -> part_of United States
    Senate; "the House Ways and Means Committee", "the House Select Committee on Benghazi" -> part_of United
    States House of Representatives. The chamber must open the name (after "the"): "the Texas Senate Finance
    Committee" or "the state House Rules Committee" name another chamber and give nothing.
    """
    chambers = ctx.lexicon.chamber_aliases | CHAMBER_OPENERS
    for span in ctx.doc.ents:
        org = ctx.entities.of(span)
        if not is_organization(org):
            continue
        words = [t for t in span if t.lower_ != "the"]
        cut = next((i for i, t in enumerate(words) if t.lower_ in {"on", "of", "for"} and i > 0), len(words))
        if cut < 2 or words[cut - 1].lower_ not in COMMITTEE_HEADS:
            continue
        for size in range(min(4, cut - 1), 0, -1):
            chamber = chambers.get(" ".join(t.text for t in words[:size]))
            if chamber is not None:
                if chamber not in org.aliases and org.name != chamber:
                    yield Candidate(org, Rel.part_of, institution_entity(ctx, chamber), span.sent, 0.8)
                break


# Verbs by which a person heads an organization: "X, who heads the Revolutionary Guards' aerospace branch",
# "Powell, who oversaw the State Department", "the office, which is led by William Wilkins".
HEAD_VERBS = {"head", "lead", "run", "chair", "oversee", "direct", "helm"}


@register("heads_verb.v1")
def heads_verb(ctx: Context) -> Iterator[Candidate]:
    """A person who heads, leads, runs, chairs or oversees a named organization -> heads.

    Active ("Amirali Hajizadeh, who heads the Revolutionary Guards' aerospace branch"; "Steven Chu headed the
    Lawrence Berkeley National Lab") and passive ("the Office of Chief Counsel, which is led by William
    Wilkins"; "a panel led by Sen. X"). The subject is a named person (or "who" after one); the object a
    named organization that is no party or country ("led the Republicans", "led Russia" are leader_of's).
    Negated or unrealised verbs ("hopes to lead the agency", "did not run the firm") give nothing.
    """
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or verb.lemma_ not in HEAD_VERBS or _not_done(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:  # "which is led by X", "a panel led by X"
            person = _named(ctx, next((c for c in agent.children if c.dep_ == "pobj"), None))
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            target = passive if passive is not None else (verb.head if verb.dep_ == "acl" else None)
            organization = _named(ctx, target)
        else:
            person, organization = _named(ctx, subject), _named(ctx, obj)
        if is_person(person) and is_organization(organization) and organization.cls not in NOT_HEADED:
            yield Candidate(person, Rel.heads, organization, verb.sent, 0.8)


NOT_HEADED = {Cls.PoliticalParty, Cls.Country}

MEMBER_NOUNS = {"member", "members", "member-state", "member-states"}
LIST_OPENERS = {"\u2014", "\u2013", "--", "-", ":", "(", "including"}


@register("member_list.v1")
def member_list(ctx: Context) -> Iterator[Candidate]:
    """Countries named as an organization's members -> member_of (ANNOTATION.md: "NATO members Britain and
    Poland").

    "NATO members Britain and Poland", "EU member states Germany, France and Italy" (the organization right
    before "members", the countries right after) and "the five permanent members of the United Nations -- the
    U.S., Russia, China, Britain and France --" ("members of ORG", then a dash, colon, bracket or "including",
    then the list). Only countries: people and parties are members by other rules.
    """
    doc = ctx.doc
    for noun in doc:
        if noun.lower_ not in MEMBER_NOUNS:
            continue
        i = noun.i + 1
        if i < len(doc) and doc[i].lower_ in {"states", "countries", "nations"}:
            i += 1  # "member states", "member countries"
        organization = ctx.entity_at(noun.i - 1) if noun.i > 0 else None
        if not is_organization(organization):
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            span = ctx.mention_span(of.i + 1 + (doc[of.i + 1].lower_ == "the")) if of is not None and of.i + 2 < len(doc) else None
            organization = ctx.entities.of(span) if span is not None else None
            if not is_organization(organization) or span.end >= len(doc) or doc[span.end].text not in LIST_OPENERS:
                continue
            i = span.end + 1
        for member in _countries_listed(ctx, i, noun.sent.end):
            if member != organization:
                yield Candidate(member, Rel.member_of, organization, noun.sent, 0.8)


def _countries_listed(ctx: Context, i: int, end: int) -> list:
    """The countries of a list starting at token ``i`` ("the U.S., Russia, China and France"); none unless
    at least one is there, and the list stops at anything else."""
    doc, found = ctx.doc, []
    while i < end:
        if doc[i].lower_ in {"the", ",", "and"}:
            i += 1
            continue
        span = ctx.mention_span(i)
        entity = ctx.entities.of(span) if span is not None and span.start == i else None
        if entity is None or entity.cls != Cls.Country:
            break
        found.append(entity)
        i = span.end
    return found


# Nouns for who someone is that "from" a place makes a resident of it: "James Dodson, a longtime golf writer
# from North Carolina". Offices are left out: "a senator from Texas" sits for Texas.
NOT_RESIDENTS = {"senator", "sen.", "congressman", "congresswoman", "representative", "rep.", "delegate", "lawmaker",
                 "democrat", "republican", "member", "visitor", "tourist", "guest", "delegation", "team"}


@register("residence.v2")
def residence(ctx: Context) -> Iterator[Candidate]:
    """A named person who lives in a named place, or is its resident -> lives_in.

    "Robert Crandall, a former American Airlines CEO who now lives in Florida", "X lives in Ohio", "X, a resident
    of Ohio", "X is a lifelong resident of Massachusetts". Nothing negated or unrealised ("hopes to live in"), no
    former home ("used to live in", "had lived in") and no plural subject. v2: "he is a resident of ..." with the
    one person the sentence before names; "X, a longtime golf writer from North Carolina" (a city or region, not
    an office: "a senator from Texas").
    """
    for token in ctx.doc:
        place = None
        if token.lemma_ == "live" and token.pos_ == "VERB" and not _not_done(token) and token.tag_ in {"VBZ", "VBP"}:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"), None)
            place = _named(ctx, next((c for c in prep.children if c.dep_ == "pobj"), None)) if prep is not None else None
        elif token.lower_ == "resident" and token.dep_ in {"appos", "attr"}:
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            place = _named(ctx, next((c for c in prep.children if c.dep_ == "pobj"), None)) if prep is not None else None
            subject = token.head if token.dep_ == "appos" else next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if any(c.lower_ in {"former", "ex"} for c in token.children):
                continue
        elif token.dep_ == "appos" and token.pos_ == "NOUN" and token.lower_ not in NOT_RESIDENTS \
                and token.lower_ not in ctx.lexicon.offices:
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            place = _named(ctx, next((c for c in prep.children if c.dep_ == "pobj"), None)) if prep is not None else None
            if place is None or place.cls not in {Cls.City, Cls.Region}:
                continue
            subject = token.head
        else:
            continue
        person = _named(ctx, subject)
        if person is None and subject is not None and subject.lower_ in {"he", "she"}:
            person = entity_or_antecedent(ctx, subject)  # "He is a lifelong resident of Massachusetts"
        if person is None and subject is not None and subject.lower_ == "who" and subject.head.head.dep_ == "appos":
            person = ctx.entity_at(subject.head.head.head)  # "Crandall, a former CEO who now lives in Florida"
        if is_person(person) and is_place(place):
            yield Candidate(person, Rel.lives_in, place, token.sent, 0.8)


# Verbs by which a person works for an organization, with the prepositions that name it: "X worked for
# Goldman Sachs", "Juan Cole, who teaches at the University of Michigan", "worked in the Bush White House",
# "worked as a lawyer for the firm", "X is employed by Boeing".
WORK_VERBS = {"work": {"for", "at", "in"}, "teach": {"at", "in"}, "employ": {"by"}}


@register("works_verb.v1")
def works_verb(ctx: Context) -> Iterator[Candidate]:
    """A named person who works or teaches at a named organization -> works_for.

    The subject is a named person (or "who" after one); the organization the object of "for", "at" or "in"
    (also below "as a TITLE": "worked as a lawyer for X"), or the agent of a passive "employed". Not a party
    or country ("worked in Iraq" is a place; "worked for the Democrats" is no employer), nothing negated or
    unrealised ("hopes to work for", "never worked at").
    """
    for verb in ctx.doc:
        preps = WORK_VERBS.get(verb.lemma_)
        if verb.pos_ != "VERB" or preps is None or _not_done(verb) or any(c.lower_ in {"never", "not"} for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        person = _named(ctx, subject)
        if not is_person(person):
            continue
        heads = [verb, *(p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj")]
        for head in heads:
            for prep in head.children:
                if prep.dep_ not in {"prep", "agent"} or prep.lower_ not in preps:
                    continue
                organization = _named(ctx, next((c for c in prep.children if c.dep_ == "pobj"), None))
                if is_organization(organization) and organization.cls not in NOT_HEADED and organization != person:
                    yield Candidate(person, Rel.works_for, organization, verb.sent, 0.8)


def _named(ctx: Context, token):
    """The entity a token names; "who"/"which" stand for the noun their clause hangs on."""
    if token is None:
        return None
    if token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
        token = token.head.head
    return ctx.entity_at(token)


def _not_done(verb) -> bool:
    """"did not run the firm", "hopes to lead the agency", "would chair the panel"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in {"would", "will", "could", "might", "may", "should", "to"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp"


# Quotation marks that may open a program's name after its network's possessive.
PROGRAM_MARKS = {'"', "\u201c", "\u2018", "'"}


@register("program_of.v1")
def program_of(ctx: Context) -> Iterator[Candidate]:
    """A network's program: CNN's "New Day", NBC's “Today” show -> the program part_of the network (the program
    is a news outlet the entity repair names from the quotation marks after the network's possessive).
    Measured precision: 4 of 4 (allsides dev split of 109 articles, tests/gold/allsides/dev.tsv, 2026-12-04)."""
    doc = ctx.doc
    mentions = [(ent, ctx.entities.of(ent)) for ent in doc.ents]
    for (network_span, network), (program_span, program) in zip(mentions, mentions[1:]):
        if network is None or program is None or network == program:
            continue
        if network.cls != Cls.MediaOrganization or program.cls != Cls.MediaOrganization:
            continue
        between = [t.text for t in doc[network_span.end : program_span.start]]
        if len(between) == 2 and between[0] in POSSESSIVE_MARKS and between[1] in PROGRAM_MARKS:
            yield Candidate(program, Rel.part_of, network, program_span.sent, 0.8)
