"""Public offices and party labels: who works for a government, sits in a chamber or belongs to a party.

"Russian Defense Minister Sergei Shoigu" -> works_for the Russian government; "Sen. Ted Cruz" in a US
story -> member_of the United States Senate; "Rep. Adam Schiff, D-Calif." and "Republican Sen. Lindsey
Graham" -> member_of the party. Offices, chambers, parties and outlets are data
(``kg/nlp/lexicons/offices.tsv``, ``institutions.tsv``, ``parties.tsv``, ``outlets.tsv``).

A government is an organization of its own (``kg:GovernmentOrganization``, "United States government"),
linked to its country by ``government_of``; it and any country or chamber the text only implies are
entities with no mention of their own (``mentions == 0``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract.rules.base import Candidate, Context, phrase_of, register
from kg.extract.rules.common import (
    after_ranks,
    coordinated_people,
    entities_in,
    is_not_current,
    is_organization,
    is_person,
    is_place,
    is_subordinate,
    place_after,
    POSSESSIVES,
    premodifiers,
    subject_person,
)
from kg.model import Entity
from kg.nlp.lexicon import Office
from kg.vocab import Cls, Rel

# Confidence by where the office's country came from.
NAMED = 0.9  # a country or demonym right before the office: "Russian Defense Minister"
OFFICE_COUNTRY = 0.85  # the office exists in one country: "Sen.", "Director of National Intelligence"
CONTEXT = 0.75  # the article's home country, no other country in the sentence: "Secretary of State Mike Pompeo"
PARTY_LETTER = 0.9  # "Rep. Adam Schiff, D-Calif."
PARTY_WORD = 0.85  # "Republican Sen. Lindsey Graham"
OUTLET_POSSESSIVE = 0.85  # "NPR's Tamara Keith"

# Mentions of another country (and its places) that make a story about it rather than from its outlet's home.
ABROAD_MENTIONS = 3

GOVERNMENT = "government"
PLACE_BODY = "place"
LOCAL_PLACES = {Cls.Region, Cls.City}
GOVERNMENT_CLASS = Cls.GovernmentOrganization

# Words before an office that make it something other than a national government post held now:
# "state Sen." sits in a state legislature, a "shadow" minister is in opposition.
NOT_NATIONAL = {"state", "shadow", "provincial", "regional", "city", "county"}

# "D-Calif.", "(R-Texas)", ", I-Vt.", ", R-S.C.": the US convention that follows a legislator's name; also the
# bare letter in brackets, "Sen. Patty Murray (D) of Washington".
PARTY_LETTER_AFTER_NAME = re.compile(r"^\s*(?:[,(]\s*([A-Z])\s*-\s*[A-Z][A-Za-z.]|\(([A-Z])\))")

# Roles a party adjective qualifies as membership: "Republican Sen.", "Democratic presidential nominee".
# (Not "Democratic strategist" or "GOP pollster": people who work for a party's candidates.)
PARTY_ROLES = {
    "sen.", "sens.", "senator", "senators", "rep.", "reps.", "representative", "congressman", "congresswoman",
    "gov.", "governor", "mayor", "lawmaker", "lawmakers", "leader", "leaders", "nominee", "candidate", "hopeful",
    "president", "speaker", "whip", "mp", "mps", "mep", "assemblyman", "assemblywoman", "councilman", "councilwoman",
    # v6: the roles of a race ("Democratic incumbent Barbara Boxer", "X, the Democratic frontrunner"); not a
    # strategist's or pollster's, who work for a party's candidates
    "incumbent", "challenger", "frontrunner", "front-runner", "contender",
}


def government_of(ctx: Context, country: Entity) -> Entity:
    """The government of a country as an organization: "United States government", with "US government",
    "U.S. government", "American government" ... as aliases. An entity of the article already bearing
    one of those names is the one returned."""
    names = [f"{alias} government" for alias in ctx.lexicon.country_aliases.get(country.name, (country.name,))
             if not alias.startswith("the ")]
    wanted = {n.lower() for n in names}
    found = next((e for e in ctx.entities.entities if e.kind == "organization" and e.name.lower() in wanted), None)
    return found or Entity("organization", names[0], GOVERNMENT_CLASS, frozenset(names), 0)


def country_named(ctx: Context, name: str) -> Entity:
    """The article's entity for a country, or the country as an entity the article does not mention."""
    found = next((e for e in ctx.entities.entities if e.cls == Cls.Country and e.name == name), None)
    return found or Entity("place", name, Cls.Country, frozenset({name}), 0)


def institution_entity(ctx: Context, name: str) -> Entity:
    """The article's entity for a public body ("Senate", "U.S. Senate"), or the body from institutions.tsv."""
    institution = ctx.lexicon.institutions[name]
    wanted = {a.lower() for a in institution.aliases}
    found = next((e for e in ctx.entities.entities if e.kind == "organization" and e.name.lower() in wanted), None)
    return found or Entity("organization", institution.name, institution.cls, institution.aliases, 0)


def home_country(ctx: Context) -> str | None:
    """The country an article speaks from: its outlet's home country (by URL), when the article is not
    clearly about another country; else the country it is clearly about."""
    outlet = ctx.lexicon.outlet_of(ctx.article.url)
    dominant = ctx.entities.dominant_country
    if outlet is not None and outlet.country:
        # a country named once or twice ("tariffs on China" in a US jobs story) does not move the story abroad
        glimpsed = dominant is None or dominant.mentions < ABROAD_MENTIONS
        return outlet.country if glimpsed or dominant.name == outlet.country else None
    return dominant.name if dominant is not None else None


def countries_in(ctx: Context, sentence: Span) -> set[str]:
    """Names of the countries a sentence mentions (by name or demonym)."""
    return {e.name for ent in sentence.ents if (e := ctx.entities.of(ent)) is not None and e.cls == Cls.Country}


_MATCHERS: dict[int, PhraseMatcher] = {}


def _office_matcher(ctx: Context) -> PhraseMatcher:
    matcher = _MATCHERS.get(id(ctx.doc.vocab))
    if matcher is None:
        matcher = PhraseMatcher(ctx.doc.vocab, attr="LOWER")
        tokenizer = English(vocab=ctx.doc.vocab).tokenizer
        # both tokenizations: "Sen." is one token in text, but "sen." alone splits off its period
        matcher.add("OFFICE", [doc for office in sorted(ctx.lexicon.offices)
                               for doc in (tokenizer(office), Doc(ctx.doc.vocab, words=office.split(" ")))])
        _MATCHERS[id(ctx.doc.vocab)] = matcher
    return matcher


class _Offices:
    """Office phrases of one article, each with the person it titles (longest phrases only)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    @cached_property
    def titled(self) -> list[tuple[Span, Office, Entity]]:
        ctx, doc = self.ctx, self.ctx.doc
        found = []
        for span in self.spans:
            office = ctx.lexicon.offices[phrase_of(span)]
            if office.relation == "-":
                continue
            person = _person_titled(ctx, span)
            if person is None:
                continue
            found.append((span, office, person))
            if _is_plural(ctx, span):  # "Sens. Kamala Harris, D-Calif., and Mazie Hirono"
                mention = ctx.mention_span(after_ranks(ctx, span.end)) or ctx.mention_span(span.start)
                if mention is not None:
                    found += [(span, office, other) for _, other in coordinated_people(ctx, mention)]
        return found

    @cached_property
    def apposed(self) -> list[tuple[Span, Office, Entity]]:
        """Office phrases a person's name stands in apposition to: "The US ambassador, Charles Rifkin,",
        "France's interior minister, Manuel Valls,", "the Senate minority leader, Mitch McConnell,"."""
        ctx = self.ctx
        found = []
        for span in self.spans:
            office = ctx.lexicon.offices[phrase_of(span)]
            if office.relation == "-":
                continue
            person = _person_apposed(ctx, span) or _person_before_office(ctx, span) or _person_predicated(ctx, span)
            if person is not None:
                found.append((span, office, person))
        return found

    @cached_property
    def spans(self) -> list[Span]:
        """The office phrases of the article, longest matches only."""
        doc = self.ctx.doc
        spans = [doc[s:e] for s, e in sorted({(s, e) for _, s, e in _office_matcher(self.ctx)(doc)})]
        return [s for s in spans if not any(o.start <= s.start and s.end <= o.end and len(o) > len(s) for o in spans)]


# Verbs whose "as" phrase names an office held: "served as defense secretary", "sworn in as attorney general".
HELD_AS = {"serve", "work", "swear", "act", "remain"}


def _person_predicated(ctx: Context, span: Span) -> Entity | None:
    """The person an office is predicated of (v8): "When Hillary Clinton was secretary of state", "Ashton Carter
    became defense secretary", "Lloyd Austin served as defense secretary"."""
    root = span.root
    if root.dep_ == "attr" and root.head.lemma_ in {"be", "become"}:
        verb = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lemma_ in HELD_AS:
        verb = root.head.head
    else:
        return None
    doc = ctx.doc
    if any(t.lower_ in {"a", "an"} for t in doc[max(span.start - 2, 0) : span.start]):
        return None  # "X is a senator": one of many, said of no one in particular office
    return subject_person(ctx, verb)


def _is_plural(ctx: Context, span: Span) -> bool:
    """"Sens.", "senators": an office phrase that is the plural of another office in the lexicon."""
    words = phrase_of(span)
    stem = words.removesuffix(".").removesuffix("s")
    return stem != words.removesuffix(".") and any(o in ctx.lexicon.offices for o in (stem, stem + "."))


def _person_titled(ctx: Context, span: Span) -> Entity | None:
    """The person an office phrase stands right before ("Defense Secretary Mark Esper"), or whose
    mention it opens ("Sen. Ted Cruz" tagged as one name)."""
    doc = ctx.doc
    if span.end >= len(doc):
        return None
    inside = ctx.mention_span(span.start)
    if inside is not None and inside.start == span.start and inside.end > span.end and is_person(ctx.entities.of(inside)):
        return ctx.entities.of(inside)
    start = after_ranks(ctx, span.end)  # "Pentagon Press Secretary Rear Adm. John Kirby"
    after = ctx.mention_span(start)
    if after is not None and after.start == start and is_person(ctx.entities.of(after)):
        if any((m := ctx.mention_span(t.i)) is not None and m.end > span.end for t in span):
            return None  # the "office" is the tail of another name
        return ctx.entities.of(after)
    return None


# Words that open a noun phrase an office in apposition may start with: "The US ambassador, X", "the Senate
# minority leader, X" (a possessive, "France's interior minister, X", opens one too).
APPOSITION_OPENERS = {"the", "its", "his", "her", "their"}


def _person_apposed(ctx: Context, span: Span) -> Entity | None:
    """The person named in apposition right after an office phrase that opens a noun phrase: "The US
    ambassador, Charles Rifkin, declined", "France's interior minister, Manuel Valls, said". The name must
    close the apposition (a comma, a full stop or the end of the sentence follows it)."""
    doc = ctx.doc
    comma = span.end
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    window = premodifiers(ctx, span.start)
    opener = window[0].i - 1 if window else span.start - 1
    possessive = any(t.tag_ == "POS" for t in window)
    if not possessive and (opener < span.sent.start or doc[opener].lower_ not in APPOSITION_OPENERS):
        return None
    start = after_ranks(ctx, comma + 1)
    mention = ctx.mention_span(start)
    if mention is None or mention.start != start or not is_person(ctx.entities.of(mention)):
        return None
    if mention.end < len(doc) and not (doc[mention.end].text in {",", ".", ";"} or doc[mention.end].is_space):
        return None
    return ctx.entities.of(mention)


def _person_before_office(ctx: Context, span: Span) -> Entity | None:
    """The person whose name an office phrase stands in apposition after: "Sergei Lavrov, Russia's foreign
    minister, said", "John A. Boehner, the speaker of the House." (v5). The office phrase opens with "the" or a
    possessive and closes the apposition (a comma, a full stop or the end of the sentence follows it)."""
    doc = ctx.doc
    if span.end < len(doc) and not (doc[span.end].text in {",", ".", ";"} or doc[span.end].is_space):
        return None
    window = premodifiers(ctx, span.start)
    opener = window[0].i - 1 if window else span.start - 1
    if any(t.tag_ == "POS" for t in window):
        comma = opener  # "Lavrov, Russia's foreign minister,"
    elif opener > span.sent.start and doc[opener].lower_ in APPOSITION_OPENERS:
        comma = opener - 1  # "Boehner, the speaker of the House"
    else:
        return None
    if comma <= span.sent.start or doc[comma].text != ",":
        return None
    mention = ctx.mention_span(comma - 1)
    if mention is None or mention.end != comma or not is_person(ctx.entities.of(mention)):
        return None
    return ctx.entities.of(mention)


def _names_institution(ctx: Context, entity: Entity, body: str) -> bool:
    """Whether an entity named before an office is the office's own body: "U.S. House of Representatives
    Speaker X", "Supreme Court Justice X"."""
    aliases = {a.lower() for a in ctx.lexicon.institutions[body].aliases}
    return entity.name.lower() in aliases or bool({a.lower() for a in entity.aliases} & aliases)


@register("government_office.v9")
def government_office(ctx: Context) -> Iterator[Candidate]:
    """An office right before a person's name -> works_for that country's government, or member_of its chamber.

    The country is the one named right before the office ("Russian Defense Minister Sergei Shoigu",
    "China's ambassador"), else the only country the office exists in ("Sen.", "Director of National
    Intelligence" -> United States), else the article's home country (its outlet's, by URL, or the country
    it is clearly about) when the sentence names no other country ("Secretary of State Mike Pompeo" in a
    US story). An organization named before the office is the employer ("Pentagon Press Secretary X";
    "White House Press Secretary X" -> the US government, the White House being its metonym). A state of the
    one country a chamber sits in reads as that country ("Arizona Sen. X", v3), and a rank may stand between
    office and name ("Press Secretary Rear Adm. X", v3). v4: a seat held before is a membership ("former Rep.
    X", dated former), the office may stand in apposition before the name ("The US ambassador, X,", "France's
    interior minister, X,"), the body named before its office is the object ("Supreme Court Justice X"), and a
    seat in the home country's chamber holds whatever other country the sentence names ("House Speaker X said
    China ...", and in a story about another country than its outlet's, the country the story is about: a British
    outlet's "Justice Anthony Kennedy"; another title's organization before a seat's office is not the seat's:
    "Study Committee Chairman Rep. X"); justices and district judges are offices (``offices.tsv``). v5: the office
    may also stand in apposition after the name ("Sergei Lavrov, Russia's foreign minister,", "John Boehner, the
    speaker of the House."). v6: an office that heads an institution says so too (``offices.tsv``'s headed column:
    "Director of National Intelligence X" heads the Office of the Director of National Intelligence). v7: a former or
    "then-" minister titled so before the name worked for the government too (the role dated former); the
    speaker of a chamber whose members hold seats is a member of it too ("House Speaker Paul Ryan"). v8: an office
    predicated of a person ("When Hillary Clinton was secretary of state", "X served as defense secretary"). Future offices,
    "state" and "shadow" offices and seats of a named region or city ("Texas Chief Justice") yield nothing. v9: a
    government office of a named state or city is that place's ("Hawaii Attorney General Douglas Chin" works_for
    Hawaii, as the allsides annotators read it).
    The government also gets ``government_of`` its country.
    Measured precision: 100 of 103 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03; v5: 97 of 100; v4: 95 of 99; v3: 79 of
    81; v2: 72 of 75; v1: 51 of 54).
    """
    home = None
    offices = _Offices(ctx)
    apposed = {id(found) for found in offices.apposed}
    for found in offices.titled + offices.apposed:
        span, office, person = found
        if office.body == PLACE_BODY:
            continue  # local_leader.v3's
        window = premodifiers(ctx, span.start)
        if window and office.body != GOVERNMENT and _ends_organization_title(ctx, window):
            # "House Republican Study Committee Chairman Rep. Bill Flores": the committee is the chairman's (v4)
            window = []
        seat = office.body != GOVERNMENT
        # "state" inside the office's own name ("Secretary of State") is no state office; before it, it is.
        # A former seat is still a membership ("former Rep. Gabby Giffords", v4), a former minister's employer
        # still the government when the office titles the name ("Then-Secretary of State Hillary Clinton", v7: dated former);
        # a future one is none.
        words = [*window, *span]
        if is_not_current(words) and (is_future(words) or (not seat and id(found) in apposed)):
            continue  # (a former minister in apposition, "X, the former defence minister,", may be any country's)
        if {t.lower_ for t in window} & NOT_NATIONAL:
            continue
        # a party adjective qualifies the person ("Republican Sen. Bob Corker"), not the office's country
        named = [e for _, e in entities_in(ctx, window) if not is_person(e) and e.cls != Cls.PoliticalParty]
        if named and seat and _names_institution(ctx, named[-1], office.body):
            # "U.S. House of Representatives Speaker X", "Supreme Court Justice X" (v4)
            yield Candidate(person, office.relation, named[-1], span.sent, NAMED)
            continue
        if named and office.body == GOVERNMENT and is_organization(named[-1]):
            # "White House Press Secretary X", "Pentagon Press Secretary X": the office's own organization,
            # or the government a metonym stands for
            country = ctx.lexicon.governments.get(named[-1].name)
            employer = government_of(ctx, country_named(ctx, country)) if country else named[-1]
            yield Candidate(person, Rel.works_for, employer, span.sent, NAMED)
            continue
        if named and _region_of_office_country(ctx, named[-1], office):
            # "Arizona Sen. John McCain": a US senator from Arizona ("state Sen." was left out above)
            country, confidence = ctx.lexicon.institutions[office.body].country, NAMED
        elif named and named[-1].cls in {Cls.Region, Cls.City} and office.body == GOVERNMENT \
                and not _also_a_region_of_home(ctx, named[-1].name):
            # "Hawaii Attorney General Douglas Chin", "Missouri Attorney General Eric Schmitt": the state's
            # official, working for the state (v9)
            yield Candidate(person, Rel.works_for, named[-1], span.sent, NAMED)
            continue
        elif named and named[-1].cls != Cls.Country:
            continue
        elif named and _also_a_region_of_home(ctx, named[-1].name):
            continue  # "Georgia Secretary of State X" in a US story: the state, not the country
        elif named:
            country, confidence = named[-1].name, NAMED
        elif office.country:
            country, confidence = office.country, OFFICE_COUNTRY
        else:
            home = home if home is not None else (home_country(ctx) or "")
            # another country in the sentence may own a minister, not a seat in the home country's chamber (v4)
            if home and (seat or not countries_in(ctx, span.sent) - {home}):
                country, confidence = home, CONTEXT
            elif seat and not home and ctx.entities.dominant_country is not None:
                # a British outlet's story about the US: "Justice Anthony Kennedy" sits on the court of the
                # country the story is about (v4)
                country, confidence = ctx.entities.dominant_country.name, CONTEXT
            else:
                continue
        if office.country and country != office.country:
            continue
        if office.body != GOVERNMENT and ctx.lexicon.institutions[office.body].country != country:
            continue  # "Sen." in a story from or about another country
        country_entity = country_named(ctx, country)
        if office.body == GOVERNMENT:
            government = government_of(ctx, country_entity)
            yield Candidate(person, Rel.works_for, government, span.sent, confidence)
            yield Candidate(government, Rel.government_of, country_entity, span.sent, confidence)
            if office.heads:  # "Director of National Intelligence X" heads the ODNI (v6)
                yield Candidate(person, Rel.heads, institution_entity(ctx, office.heads), span.sent, confidence)
        else:
            chamber = institution_entity(ctx, office.body)
            yield Candidate(person, office.relation, chamber, span.sent, confidence)
            if office.relation == Rel.heads and ctx.lexicon.institutions[office.body].state_seats:
                # "House Speaker Paul Ryan" leads the House from a seat in it (v7)
                yield Candidate(person, Rel.member_of, chamber, span.sent, confidence)


def _ends_organization_title(ctx: Context, window: list) -> bool:
    """Whether a premodifier window ends with another title and that title's organization ("Study Committee
    Chairman" before "Rep."), so that what it names is not the office's."""
    last = window[-1].i
    title = next((span for span, _ in ctx.title_spans if span.end - 1 == last), None)
    if title is None:
        return False
    return any(is_organization(e) for s, e in entities_in(ctx, window) if s.end <= title.start)


def _region_of_office_country(ctx: Context, place: Entity, office: Office) -> bool:
    """A region of the one country a chamber's office exists in, named before it: "Arizona Sen.", "Illinois
    Rep." (a US state before a seat in Congress)."""
    if place.cls != Cls.Region or office.body in (GOVERNMENT, PLACE_BODY) or not ctx.lexicon.institutions[office.body].state_seats:
        return False  # "Texas Chief Justice X" sits on the state's court
    known = ctx.lexicon.places.get(place.name)
    return known is not None and known.located_in == ctx.lexicon.institutions[office.body].country


_QUALIFIED: dict[int, dict[str, frozenset[str]]] = {}


def _also_a_region_of_home(ctx: Context, name: str) -> bool:
    """A country name that is also a region of the article's home country or its outlet's ("Georgia (U.S. state)"
    in places.tsv): a US story's "Georgia Secretary of State" is the state's."""
    qualified = _QUALIFIED.get(id(ctx.lexicon))
    if qualified is None:
        found: dict[str, set[str]] = {}
        for key, place in ctx.lexicon.places.items():
            if key.endswith(")") and " (" in key and place.cls == Cls.Region and place.located_in:
                found.setdefault(key.split(" (", 1)[0], set()).add(place.located_in)
        qualified = _QUALIFIED[id(ctx.lexicon)] = {k: frozenset(v) for k, v in found.items()}
    if name not in qualified:
        return False
    outlet = ctx.lexicon.outlet_of(ctx.article.url)
    return bool(qualified[name] & {home_country(ctx), outlet.country if outlet is not None else None})


def _party_entity(ctx: Context, name: str) -> Entity:
    found = next((e for e in ctx.entities.entities if e.cls == Cls.PoliticalParty and e.name == name), None)
    aliases = frozenset([name, *(s for s, n in ctx.lexicon.parties.items() if n == name)])
    return found or Entity("organization", name, Cls.PoliticalParty, aliases, 0)


# Words that may close a party noun's apposition besides punctuation: "a New Jersey Democrat on the Ways and
# Means panel", "a Republican from Ohio", "a Democrat who ..." (v4).
APPOSITION_CLOSERS = {"on", "from", "of", "in", "for", "who", "representing", "and"}

# Words between the article and the party word of an apposition: "the presumptive Republican nominee", "the 2012
# Republican nominee" (v4), "the committee's ranking Democrat", "the No. 3 Senate Republican" (v5).
APPOSITION_MODIFIERS = {"presumptive", "likely", "eventual", "former", "longtime", "veteran", "conservative",
                        "liberal", "moderate", "fellow", "top", "senior", "leading", "ranking", "no.", "prominent",
                        "influential", "powerful", "key"}


# Chamber words a party noun phrase may hold where the model named nothing: "the No. 3 Senate Republican" (v5).
CHAMBER_WORDS = {"senate", "house", "congressional", "state"}


def _party_phrase(ctx: Context, i: int) -> tuple[str, Entity | None, int] | None:
    """A noun phrase naming a party member, from token ``i``: (party, body, end) for "a California Democrat",
    "the 2012 Republican nominee", "the Judiciary Committee's ranking Democrat" (body: the committee, v5)."""
    doc = ctx.doc
    if i < len(doc) and doc[i].lower_ in {"a", "the"} and ctx.mention_span(i) is None:
        i += 1  # (a mention may hold its "the": "The Appropriations Committee's")
    body = None
    while i < len(doc):
        span = ctx.mention_span(i)
        entity = ctx.entities.of(span) if span is not None and span.start == i else None
        if doc[i].lower_ == "no" and i + 1 < len(doc) and doc[i + 1].text == ".":
            i += 2  # "the No. 3 Senate Republican"
        elif entity is None and doc[i].lower_ in CHAMBER_WORDS:
            i += 1
        elif entity is not None and entity.kind == "place":
            i = span.end  # "a California Democrat", "a New Jersey Democrat"
        elif entity is not None and is_organization(entity) and entity.cls != Cls.PoliticalParty:
            owned = span[-1].text in POSSESSIVES or (span.end < len(doc) and doc[span.end].text in POSSESSIVES)
            body = entity if owned else body  # "the Judiciary Committee's ranking Democrat" (v5)
            i = span.end + (owned and span[-1].text not in POSSESSIVES)
        elif doc[i].lower_ in APPOSITION_MODIFIERS or doc[i].like_num:
            i += 1
        else:
            break
    if i >= len(doc):
        return None
    end = i + 1
    role = end < len(doc) and doc[end].lower_ in PARTY_ROLES
    end += role  # "the Republican nominee", "the Democratic nominee"
    holder = ctx.entity_at(i)
    if (holder is not None and holder.cls != Cls.PoliticalParty) or doc[i].tag_ in {"NNS", "NNPS"}:
        return None  # "the Democrats" are the party or some of its members, not one person
    party = ctx.lexicon.parties.get(doc[i].text) or (ctx.lexicon.party_words.get(doc[i].text) if role else None)
    return (party, body, end) if party else None


def _party_in_apposition(ctx: Context, ent: Span) -> tuple[str, Entity | None] | None:
    """"X, a California Democrat," / "X, Ohio Republican,": the party of a noun in apposition to a name, which
    closes the apposition (a comma, a full stop or the end of the sentence follows). v4: a political role may
    follow the party word and modifiers or a year precede it ("Mitt Romney, the 2012 Republican nominee,", "Mr.
    Romney, the presumptive Republican nominee,"), and the apposition may close with a preposition or "who" ("a
    New Jersey Democrat on the Ways and Means panel"). v5: "of" and the legislator's state may stand before the
    comma ("Rep. John Conyers of Michigan, the Judiciary Committee's ranking Democrat")."""
    doc = ctx.doc
    i = ent.end
    if i + 1 < len(doc) and doc[i].lower_ == "of":
        place = ctx.mention_span(i + 1)
        if place is not None and place.start == i + 1 and ctx.entities.of(place).kind == "place":
            i = place.end
    if i + 2 >= len(doc) or doc[i].text != ",":
        return None
    found = _party_phrase(ctx, i + 1)
    if found is None:
        return None
    party, body, end = found
    if end < len(doc) and not (doc[end].is_punct or doc[end].lower_ in APPOSITION_CLOSERS):
        return None
    return party, body


def _party_before_apposition(ctx: Context, ent: Span) -> tuple[str, Entity | None] | None:
    """"The House Intelligence Committee's top Democrat, Rep. Dutch Ruppersberger," / "The ranking Democrat on the
    committee, Rep. X": a party noun phrase that opens the sentence or a clause, then a comma and the name (v5)."""
    doc = ctx.doc
    start = ent.start
    while start > ent.sent.start and doc[start - 1].lower_ in ctx.lexicon.honorifics:
        start -= 1
    comma = start - 1
    if comma <= ent.sent.start or doc[comma].text != ",":
        return None
    for opener in range(comma - 1, max(ent.sent.start, comma - 12) - 1, -1):
        if doc[opener].is_punct:
            return None  # the phrase is one piece between the comma and what opens it
        if doc[opener].lower_ not in {"a", "the"}:
            continue
        if opener > ent.sent.start and not (doc[opener - 1].is_punct or doc[opener - 1].pos_ in {"ADP", "VERB", "SCONJ"}):
            continue
        found = _party_phrase(ctx, opener)
        if found is None:
            continue
        party, body, end = found
        if doc[end - 1].text.isupper() or doc[end - 1].lower_ == "party":
            return None  # "the success of the SNP, Mr. Cameron": the party's name, no member of it
        # the phrase reaches the comma, or goes on with "on the committee" and nothing else
        if end == comma or (doc[end].lower_ in {"on", "in"} and not any(t.is_punct for t in doc[end:comma])):
            return party, body
    return None


@register("party_label.v7")
def party_label(ctx: Context) -> Iterator[Candidate]:
    """A legislator's party from the US letter convention or a party adjective before a political role.

    "Rep. Adam Schiff, D-Calif.", "Lindsey Graham, R-S.C.," and "Sen. Bob Corker (R-Tenn.)" -> member_of the party
    the letter stands for, as does the bare letter "Sen. Patty Murray (D) of Washington" (v3); "Republican Sen. Lindsey Graham", "Democratic presidential nominee Hillary Clinton", "Labour MP
    X" -> member_of that party; so does a party noun in apposition: "Rep. Linda Sanchez, a California
    Democrat," and "John Boehner, Ohio Republican,", and v4 "Mitt Romney, the 2012 Republican nominee," and "Rep.
    Bill Pascrell, a New Jersey Democrat on the Ways and Means panel"; v5 "The House Intelligence Committee's top
    Democrat, Rep. X" and "Rep. X of Michigan, the Judiciary Committee's ranking Democrat" -> member_of the party and
    of the committee; v6 the roles of a race ("Democratic incumbent X", "X, the Democratic frontrunner") and more
    modifiers ("A prominent Virginia Republican, X"); v7: a party's name before the comma names no member ("the
    success of the SNP, Mr. Cameron"). Measured precision: 61 of 62 (v4: 55 of 57; v3: 51 of 53; v2: 42 of 44; allsides dev split,
    tests/gold/allsides/dev.tsv, 2026-12-03; v1: 41 of 43). A party word inside another name ("Republican National Committee
    Chairman X") or before a non-political role ("GOP pollster X") yields nothing.
    """
    for ent, person in ctx.people:
        match = PARTY_LETTER_AFTER_NAME.match(ctx.text[ent.end_char : ent.end_char + 12])
        letter = match and (match.group(1) or match.group(2))
        if letter in ctx.lexicon.party_letters:
            yield Candidate(person, Rel.member_of, _party_entity(ctx, ctx.lexicon.party_letters[letter]),
                            ent.sent, PARTY_LETTER)
        for appositive in (_party_in_apposition(ctx, ent), _party_before_apposition(ctx, ent)):
            if appositive is not None:
                party, body = appositive
                yield Candidate(person, Rel.member_of, _party_entity(ctx, party), ent.sent, PARTY_WORD)
                if body is not None:  # "the Judiciary Committee's ranking Democrat" sits on the committee
                    yield Candidate(person, Rel.member_of, body, ent.sent, PARTY_WORD)
        window = premodifiers(ctx, ent.start) + [t for t in ent if t.lower_ in PARTY_ROLES]
        if not window or is_not_current(window):
            continue
        roles = [t for t in window if t.lower_ in PARTY_ROLES]
        if not roles:
            continue
        for token in window:
            if token.i >= roles[-1].i:
                break
            party = ctx.lexicon.party_words.get(token.text)
            holder = ctx.entity_at(token)
            if party and (holder is None or holder.cls == Cls.PoliticalParty):
                members = [person]
                if roles[-1].lower_.removesuffix(".").endswith("s") and roles[-1].i < ent.start:
                    members += [other for _, other in coordinated_people(ctx, ent)]  # "Republican Sens. X and Y"
                for member in members:
                    yield Candidate(member, Rel.member_of, _party_entity(ctx, party), ent.sent, PARTY_WORD)
                break


# Words that make a leader's title a past one; for leader_of these still count ("then-President Reagan",
# ANNOTATION.md), unlike a future or hypothetical one ("President-elect X", "incoming mayor X", "a possible
# President Romney").
FUTURE = {"incoming", "future", "would-be", "elect", "president-elect", "possible", "potential", "hypothetical", "prospective"}


def is_future(tokens) -> bool:
    return any(t.lower_ in FUTURE or t.lower_.endswith("-elect") for t in tokens)


@register("local_leader.v3")
def local_leader(ctx: Context) -> Iterator[Candidate]:
    """A governor or mayor with the state or city named right before the title -> leader_of that place.

    "California Gov. Gavin Newsom" -> leader_of California; "New York City Mayor Bill de Blasio" ->
    leader_of New York City; "former Louisiana Gov. Edwin Edwards" too (a past leader, as ANNOTATION.md
    counts them). v2: a party word may stand between place and title ("former Alabama Republican Gov.
    Mike Huckabee") or the place may follow the name ("Gov. Gavin Newsom of California"), and an untitled
    "Gov. X" / "Mayor X" is the governor of the one state (mayor of the
    one city) the article is clearly about -- named at least twice and more often than any other, with
    no other state (city) in the sentence; and the title may follow in an apposition ("Rudy Giuliani, the
    former New York mayor", "X, the governor of Ohio"). A country ("Bank of England governor") or an organization
    before the title yields nothing. v3: a lieutenant governor ("Lieutenant Governor X of Virginia", "Lt. Gov.
    X") leads nothing (``SUBORDINATE``). Measured precision: v1 9 of 9 (allsides dev split,
    tests/gold/allsides/dev.tsv, 2026-12-03).
    """
    for span, office, person in _Offices(ctx).titled:
        if office.relation != Rel.leader_of:
            continue
        window = premodifiers(ctx, span.start)
        if is_future([*window, *span]) or is_subordinate(window[-2:]):
            continue
        named = [e for _, e in entities_in(ctx, window) if not is_person(e) and e.cls != Cls.PoliticalParty]
        if named and named[-1].cls in LOCAL_PLACES:
            yield Candidate(person, Rel.leader_of, named[-1], span.sent, NAMED)
        elif (place := place_after(ctx, ctx.mention_span(after_ranks(ctx, span.end)) or span, LOCAL_PLACES)) is not None:
            yield Candidate(person, Rel.leader_of, place, span.sent, NAMED)  # "Gov. Gavin Newsom of California"
        elif not named:
            cls = Cls.City if "mayor" in phrase_of(span) else Cls.Region
            place = _dominant_place(ctx, cls)
            in_sentence = {e for _, e in entities_in(ctx, span.sent) if e.cls == cls}
            if place is not None and not in_sentence - {place}:
                yield Candidate(person, Rel.leader_of, place, span.sent, CONTEXT)
    yield from _local_leaders_in_apposition(ctx)


# Local leaders' titles as they stand after a place in an apposition: "Rudy Giuliani, the former New York mayor".
LOCAL_TITLES = {"mayor", "governor"}


def _local_leaders_in_apposition(ctx: Context) -> Iterator[Candidate]:
    """"Rudy Giuliani, the former New York mayor," / "X, the governor of Ohio": the place and title in an
    apposition right after the name (v2). A future or deputy title ("the incoming mayor", "the deputy
    mayor") gives nothing."""
    doc = ctx.doc
    for ent, person in ctx.people:
        i = ent.end
        if i + 3 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"the", "a"}:
            continue
        j = i + 2
        words = []
        while j < len(doc) and j < i + 8 and doc[j].lower_ not in LOCAL_TITLES and not doc[j].is_punct:
            words.append(doc[j])
            j += 1
        if j >= len(doc) or doc[j].lower_ not in LOCAL_TITLES or is_future(words) or is_subordinate(words[-1:]):
            continue
        named = [e for _, e in entities_in(ctx, words) if not is_person(e) and e.cls != Cls.PoliticalParty]
        place = named[-1] if named else None
        if place is None and j + 2 < len(doc) and doc[j + 1].lower_ == "of":
            start = j + 2 + (doc[j + 2].lower_ == "the")
            span = ctx.mention_span(start) if start < len(doc) else None
            place = ctx.entities.of(span) if span is not None and span.start == start else None
        if place is not None and place.cls in LOCAL_PLACES:  # "New York" may be read as the city or the state
            yield Candidate(person, Rel.leader_of, place, ent.sent, NAMED)


def _dominant_place(ctx: Context, cls: str) -> Entity | None:
    """The state (or city) an article is clearly about: named at least twice, more than any other."""
    places = sorted((e for e in ctx.entities.entities if e.cls == cls), key=lambda e: -e.mentions)
    if not places or places[0].mentions < 2 or (len(places) > 1 and places[1].mentions == places[0].mentions):
        return None
    return places[0]


# Organizations whose possessive before a name says membership or a tie, not employment: "the GOP's Paul Ryan",
# "the Senate's Mitch McConnell" (a member), "Russia's Putin" (a country: no organization).
NOT_EMPLOYERS_BY_POSSESSIVE = {Cls.PoliticalParty}


def _chamber(ctx: Context, organization) -> bool:
    """Whether an organization is a legislature's chamber ("the Senate", "the House")."""
    return organization.name in ctx.lexicon.chamber_aliases or organization.name.split(" ")[-1] in {"House", "Senate",
                                                                                                    "Congress", "Parliament"}


@register("outlet_possessive.v3")
def outlet_possessive(ctx: Context) -> Iterator[Candidate]:
    """An organization's possessive right before a person's name -> works_for the organization.

    "NPR's Tamara Keith reports", "he told CNN's Dana Bash" -> works_for NPR / CNN: a journalist
    introduced by the outlet, and the people coordinated with the first ("Politico's Anna Palmer and Jake
    Sherman"). v3: any organization but a party or a chamber ("Capital New York's Joe Pompeo", "Blackstone's
    Stephen Schwarzman"; not "the GOP's Paul Ryan", "the Senate's Mitch McConnell", a member; a person's
    possessive, "Trump's Giuliani", is no employer here).
    Measured precision: 9 of 9 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03; v1: 8 of 8).
    """
    doc = ctx.doc
    for ent in doc.ents:
        outlet = ctx.entities.of(ent)
        if not is_organization(outlet) or outlet.cls in NOT_EMPLOYERS_BY_POSSESSIVE or _chamber(ctx, outlet):
            continue
        i = ent.end
        if ent[-1].tag_ != "POS":
            if i >= len(doc) or doc[i].text not in {"'s", "’s"}:
                continue
            i += 1
        span = ctx.mention_span(i) if i < len(doc) else None
        person = ctx.entities.of(span) if span is not None and span.start == i else None
        if span is not None and span.end < len(doc) and is_organization(ctx.entity_at(span.end)):
            continue  # "UT Southwestern's Peter O'Donnell Jr.| Brain Institute": a name running into a body's
        if is_person(person):  # "Politico's Anna Palmer and Jake Sherman": both
            for journalist in [person, *(other for _, other in coordinated_people(ctx, span))]:
                yield Candidate(journalist, Rel.works_for, outlet, ent.sent, OUTLET_POSSESSIVE)


# Plural nouns for people that a party word makes a group of party members ("Democratic senators").
PARTY_GROUP_NOUNS = {
    "senators", "lawmakers", "governors", "members", "leaders", "candidates", "rivals", "representatives",
    "congressmen", "congresswomen", "colleagues", "hopefuls", "nominees", "contenders", "legislators", "mayors",
}
# What may stand between a group and the names that list it.
LIST_OPENERS = {",", "—", "–", "--", ":", "including", "like", "such", "as", "among", "them"}
# What may stand between two names of the list besides titles: "Mark Pryor in Arkansas, Mark Begich in Alaska
# and Mary Landrieu", "Sens. Dan Coats of Indiana", "Cory Booker (D-N.J.)".
LIST_GLUE = {",", "and", "of", "in", "from", "(", ")", "-", "sens.", "sen.", "reps.", "rep.", "gov.", "govs.", "the"}


@register("party_group.v1")
def party_group(ctx: Context) -> Iterator[Candidate]:
    """The people a party group lists are its party's members: "several embattled Democratic senators — Mark
    Pryor in Arkansas, Mark Begich in Alaska and Mary Landrieu in Louisiana", "some Republicans, including Sen. Tom
    Cotton of Arkansas", "the top two Senate Republicans – Minority Leader Mitch McConnell and Minority Whip John
    Cornyn". The list follows the group right away (after a dash, colon or "including") and holds only names,
    titles, places and party labels; a past group ("former Republican senators") lists nobody's party.
    Measured precision: 10 of 10 (allsides dev split of 109 articles, tests/gold/allsides/dev.tsv, 2026-12-04)."""
    doc = ctx.doc
    for token in doc:
        party = ctx.lexicon.party_words.get(token.text) or ctx.lexicon.parties.get(token.text.rstrip("s"))
        if party is None or ctx.quoted(token):
            continue
        held = ctx.entity_at(token)
        if held is not None and held.cls != Cls.PoliticalParty:
            continue  # "Republican National Committee", "Democratic Republic of Congo"
        if token.lower_.endswith("s") and token.tag_ == "NNPS":
            group_end = token.i + 1  # "some Republicans, including ..."
        else:
            nouns = [t for t in doc[token.i + 1 : token.i + 4] if t.lower_ in PARTY_GROUP_NOUNS]
            if not nouns or any(t.is_punct for t in doc[token.i + 1 : nouns[0].i]):
                continue
            group_end = nouns[0].i + 1
        if is_not_current(doc[max(token.sent.start, token.i - 3) : group_end]):
            continue
        for person in _listed_people(ctx, group_end):
            yield Candidate(person, Rel.member_of, _party_entity(ctx, party), token.sent, 0.75)


def _listed_people(ctx: Context, start: int) -> list[Entity]:
    """The people named in a list that opens at ``start`` (after a dash, colon, comma or "including")."""
    doc = ctx.doc
    i = start
    while i < len(doc) and i < start + 4 and doc[i].lower_ in LIST_OPENERS:
        i += 1
    opened = {t.lower_ for t in doc[start:i]}
    if i >= len(doc) or not opened - {","}:
        return []  # a comma alone may close the group ("According to Republicans, Hull indicated ...")
    people: list[Entity] = []
    end = doc[start].sent.end
    while i < end:
        entity = ctx.entity_at(i)
        span = ctx.mention_span(i)
        if entity is not None and span is not None and (is_person(entity) or is_place(entity)):
            if is_person(entity) and entity not in people:
                people.append(entity)
            i = span.end
            continue
        token = doc[i]
        if token.lower_ in LIST_GLUE or token.lower_ in ctx.lexicon.titles or token.lower_ in ctx.lexicon.honorifics \
                or (token.is_title and token.lower_ in TITLE_WORDS_IN_LISTS) or PARTY_LETTER_AFTER_NAME.match(token.text):
            i += 1
            continue
        break
    return people


# Capitalised words of the titles listed names carry ("Minority Leader", "Majority Whip").
TITLE_WORDS_IN_LISTS = {"minority", "majority", "leader", "whip", "chairman", "chairwoman", "ranking", "member", "speaker"}


@register("party_epithet.v1")
def party_epithet(ctx: Context) -> Iterator[Candidate]:
    """"the Kentucky Republican said", "The California Democrat fired back", "the freshman Arizona Republican":
    a definite party noun standing for a person is the one person named just before it (in its sentence or the
    one before; nobody when two people are named there). Measured precision: 4 of 4 (allsides dev split of 109
    articles, tests/gold/allsides/dev.tsv, 2026-12-04)."""
    doc = ctx.doc
    people = ctx.people
    for token in doc:
        party = ctx.lexicon.party_words.get(token.text)  # a member's word ("Republican", "Democrat"), not "the GOP"
        if party is None and token.text.endswith("Democrat"):
            party = ctx.lexicon.parties.get(token.text)
        if party is None or token.tag_ != "NNP" or token.is_upper or ctx.quoted(token):
            continue  # ("the GOP" is the party itself)
        held = ctx.entity_at(token)
        if held is not None and held.cls != Cls.PoliticalParty or token.dep_ in {"compound", "amod"}:
            continue  # "the Republican Party", "the Democratic nominee": no epithet
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if is_not_current([*token.children]):
            continue
        sent = token.sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else sent
        named = {person for span, person in people
                 if previous.start <= span.start and span.end <= token.i and not ctx.quoted(span[0])}
        if len(named) == 1:
            yield Candidate(next(iter(named)), Rel.member_of, _party_entity(ctx, party), sent, 0.7)
