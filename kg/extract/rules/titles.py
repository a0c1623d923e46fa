"""Facts from titles: "US President Donald Trump", "The head of X, Mikhail Vinogradov".

Title words come from ``kg/nlp/lexicons/titles.tsv``; which relation a title expresses
depends on the kind of entity it points to ("president" of a country -> leader_of,
of a company -> heads).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher

from kg.extract.rules.base import Candidate, Context, phrase_of, register
from kg.extract.rules.common import (
    POSSESSIVE_MARKS,
    place_after,
    after_ranks,
    TITLE_PREPOSITIONS,
    coordinated_people,
    entities_in,
    is_country,
    is_not_current,
    is_organization,
    is_person,
    is_subordinate,
    object_after,
    premodifiers,
    reading_for,
    subject_person,
)
from kg.extract.rules.government import country_named, countries_in, home_country, is_future
from kg.model import Entity
from kg.nlp.holders import load_office_holders
from kg.extract.time import load_cues
from kg.read.dates import year_of
from kg.vocab import PLACE, Cls, Rel

# Confidence by how the object was found.
EXPLICIT = 0.9
APPOSITIVE = 0.85
COPULA = 0.8
FROM_CONTEXT = 0.6
SAME_PERSON = 0.8  # the person's explicit title elsewhere in the article
FROM_HOME = 0.75  # the home country of the article's outlet
HOLDER = 0.85  # the list of office holders has the titled name as one country's leader
NATIONALITY = 0.8


def _title_before_name(ctx: Context, title, deputies: bool = False):
    """(person, premodifier window, deputy) when a title (current or not) stands right before a name, or
    before a rank and a name ("NSA Director Gen. Keith Alexander", v3); a deputy's title ("deputy political
    editor") only when ``deputies``."""
    start = after_ranks(ctx, title.end)
    person = ctx.entity_at(start) if start < len(ctx.doc) else None
    if not is_person(person) or ctx.mention_span(start).start != start:
        return None
    window = premodifiers(ctx, title.start)
    deputy = is_subordinate(window[-2:])
    if deputy and not deputies:  # a former or future title still gives the fact; kg.extract.time dates it
        return None
    return person, window, deputy


# What a deputy's title still says: "BBC deputy political editor X", "vice president of X" work for it (v3).
DEPUTY_RELATIONS = {Rel.heads: Rel.works_for, Rel.works_for: Rel.works_for}

# Nouns before a title that still leave the organization's head, besides the organization's own type nouns
# ("the company's board chairman", "the police union president").
HEAD_NOUNS = {"board", "panel", "campaign", "group"}


def _title_word(ctx: Context, token) -> bool:
    """A word of a title or of its status ("Acting" of "IRS Acting Commissioner", "executive", "Deputy")."""
    lower = token.lower_
    return lower in STATUS_WORDS or is_not_current([token]) or is_subordinate([token]) or lower in ctx.lexicon.title_words


# Last words of the names of bodies whose capitalised parts are committees ("House Judiciary", "Senate Finance").
LEGISLATURE_HEADS = {"house", "senate", "assembly", "congress", "parliament", "legislature", "council"}


def _legislature(entity) -> bool:
    return entity.cls == Cls.GovernmentOrganization or entity.name.split(" ")[-1].lower() in LEGISLATURE_HEADS


def _post_between(ctx: Context, entity, end: int, title_start: int) -> str | None:
    """What stands between an organization's name (ending at ``end``) and a title that would make its holder
    its head: "committee" for a name of its own after a legislature's ("House Judiciary| Chair": the chair of a
    committee, not of the House) and for any after a party's ("GOP House| Speaker"), "portfolio" for any other word naming a part ("the EU's internal market|
    commissioner", "CNN Polling| Director": a post in the organization), None when nothing but title words
    and the organization's own type nouns do ("Apple's chief executive", "the police union| president")."""
    parts = [t for t in ctx.doc[end:title_start] if t.tag_ != "POS" and t.text not in POSSESSIVE_MARKS
             and t.pos_ in {"NOUN", "PROPN"} and ctx.entity_at(t) is None and not _title_word(ctx, t)
             and t.lower_ not in HEAD_NOUNS and t.lower_ not in ctx.lexicon.org_cues]
    if not parts:
        return None
    if entity.cls == Cls.PoliticalParty or (_legislature(entity) and any(t.is_title for t in parts)):
        return "committee"  # "GOP House Speaker X": the party's member holds another body's title
    return "portfolio"


@register("title_modifier.v4")
def title_modifier(ctx: Context) -> Iterator[Candidate]:
    """A title right before a person's name, its organization or country before the title.

    "US President Donald Trump" -> leader_of United States (and citizen_of);
    "Microsoft chief executive Steve Ballmer" -> heads Microsoft; "CNN White House correspondent X" works for
    CNN (v2: the nearest organization the title can belong to, not the beat); v3: a rank or honorific may stand
    between title and name ("NSA Director Gen. Keith Alexander", "Study Committee Chairman Rep. X"), and a deputy's
    title says works_for where the title alone says heads or works_for ("BBC deputy political editor X"). v4: a name
    between a legislature and a head's title is a committee's ("House Judiciary Chair X" heads no House); a word
    naming a part of any other organization makes the title a post in it ("CNN Polling Director X" works for CNN).
    Measured precision: 42 of 48 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03; v2: 40 of 48).
    """
    for title, readings in ctx.title_spans:
        found = _title_before_name(ctx, title, deputies=True)
        if found is None:
            continue
        person, window, deputy = found
        if deputy:  # a deputy leads nothing but works for the organization
            readings = tuple(replace(r, relation=DEPUTY_RELATIONS[r.relation]) for r in readings
                             if r.relation in DEPUTY_RELATIONS)
        sentence = title.sent
        objects = [(span, e) for span, e in entities_in(ctx, window) if not is_person(e)]
        # the nearest object the title can point to ("CNN White House correspondent": not the beat)
        span, entity, reading = next(((s, e, r) for s, e in reversed(objects) if (r := reading_for(readings, e))),
                                     (None, None, None))
        if reading is not None and reading.relation == Rel.heads:
            between = _post_between(ctx, entity, span.end, title.start)
            if between == "committee":
                continue  # "House Judiciary Chair Bob Goodlatte" chairs a committee, not the House (v4)
            if between == "portfolio":
                reading = replace(reading, relation=Rel.works_for)  # "NRCC finance director X" (v4)
        if reading is not None:
            yield Candidate(person, reading.relation, entity, sentence, EXPLICIT)
            if reading.relation == Rel.leader_of and entity.cls == Cls.Country:
                yield Candidate(person, Rel.citizen_of, entity, sentence, NATIONALITY)


def _plural(phrase: str) -> str:
    """English plural of a title phrase's last word: "economist" -> "economists", "secretary" -> "secretaries"."""
    *head, last = phrase.split(" ")
    if last.endswith("y") and last[-2:-1] not in set("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        last += "es"
    else:
        last += "s"
    return " ".join([*head, last])


_PLURALS: dict[int, tuple[PhraseMatcher, dict[str, str]]] = {}


def _plural_titles(ctx: Context) -> tuple[PhraseMatcher, dict[str, str]]:
    """A matcher of the plural of every title with a works_for or member_of reading, and plural -> title."""
    found = _PLURALS.get(id(ctx.doc.vocab))
    if found is None:
        singular = {_plural(t): t for t, readings in ctx.lexicon.titles.items()
                    if any(r.relation in GROUP_RELATIONS for r in readings) and "-" not in t}
        singular = {p: t for p, t in singular.items() if p not in ctx.lexicon.titles}
        tokenizer = English(vocab=ctx.doc.vocab).tokenizer
        matcher = PhraseMatcher(ctx.doc.vocab, attr="LOWER")
        matcher.add("TITLES", [tokenizer(p) for p in sorted(singular)])
        found = _PLURALS[id(ctx.doc.vocab)] = (matcher, singular)
    return found


# What a plural title says of each person it introduces ("Moody's Analytics economists X and Y").
GROUP_RELATIONS = {Rel.works_for, Rel.member_of}


@register("title_group.v1")
def title_group(ctx: Context) -> Iterator[Candidate]:
    """An organization, a plural title and the people it introduces -> each works for (or is a member of) it.

    "Associated Press writers Paul Wiseman and Andrew Taylor", "Moody's Analytics economists Mark Zandi and
    Sophia Koropeckyj" -> works_for. Only the readings of titles that say employment or membership; the
    organization must stand right before the title, as in title_modifier.v4, and every person must follow
    in one coordination (:func:`coordinated_people`). Measured precision: 4 of 4 (allsides dev split,
    tests/gold/allsides/dev.tsv, 2026-12-03).
    """
    matcher, singular = _plural_titles(ctx)
    doc = ctx.doc
    for _, start, end in matcher(doc):
        if end >= len(doc) or doc[start].ent_type_:
            continue
        mention = ctx.mention_span(end)
        first = ctx.entities.of(mention) if mention is not None and mention.start == end else None
        if not is_person(first):
            continue
        window = premodifiers(ctx, start)
        if is_subordinate(window[-2:]):  # a former or future title still gives the fact; kg.extract.time dates it
            continue
        readings = tuple(r for r in ctx.lexicon.titles[singular[phrase_of(doc[start:end])]]
                         if r.relation in GROUP_RELATIONS)
        objects = [(span, e) for span, e in entities_in(ctx, window) if not is_person(e)]
        entity, reading = next(((e, r) for _, e in reversed(objects) if (r := reading_for(readings, e))), (None, None))
        if reading is None:
            continue
        # kg.extract.time dates a fact by the words around its subject: a "former" before the title reaches
        # the first name only, so a past title's later names are left out rather than read as current
        others = [] if is_not_current(window) else [other for _, other in coordinated_people(ctx, mention)]
        for person in [first, *others]:
            yield Candidate(person, reading.relation, entity, mention.sent, EXPLICIT)


@register("title_context.v6")
def title_context(ctx: Context) -> Iterator[Candidate]:
    """A head-of-state title with no country in sight: the country the article gives it.

    In order: the country the same person leads by an explicit title elsewhere in the article
    ("Russian President Vladimir Putin ... President Putin"); v3: the one country the list of office holders
    (``office_holders.tsv``) has the name hold an office of that title, when the sentence names no
    other country ("President Obama" in a US story about Iran); the article's home country (its outlet's,
    by URL, see ``outlets.tsv``) when the article is not about another country, the sentence names no
    other country and the title is one that country's leaders hold (``leader_titles.tsv``): "President
    Donald Trump" in a US outlet's story; else, for an article from no known outlet, its clearly
    dominant country when the sentence names it (v1's reading). v1 also read the dominant country in a
    known outlet's story about another country, which gave "President Obama" Iran in a US story about
    Iran. v4: a country right after the name ("President Vladimir V. Putin of Russia") comes first, and a
    common noun right before a lowercase title makes it an organization's ("teachers' union president Michael
    Mulgrew"); v5: so does one before a capitalised title whose holder the list of office holders does not
    know ("chamber President Tom Donohue"); v6: the home country's reading needs the person to be among the
    list's holders of that title when the list knows who held it in the article's year ("President Tom Fitton"
    of Judicial Watch in a 2018 US story is not the US president).
    Past holders count, as ANNOTATION.md says ("then-President Lyndon Johnson"); future ones
    ("President-elect X"), deputies and sentences with two titled people do not.
    Measured precision: 43 of 47 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03; v2: 35 of 40, v1: 9 of 14).
    """
    explicit: dict = {}
    for found in title_modifier(ctx):
        if found.relation == Rel.leader_of and found.object.cls == Cls.Country:
            explicit.setdefault(found.subject, set()).add(found.object)
    outlet = ctx.lexicon.outlet_of(ctx.article.url)
    dominant = ctx.entities.dominant_country
    home = home_country(ctx)
    holders = load_office_holders()
    for title, readings in ctx.title_spans:
        reading = next((r for r in readings if r.from_context and r.relation == Rel.leader_of), None)
        person = ctx.entity_at(title.end) if title.end < len(ctx.doc) else None
        if reading is None or not is_person(person) or ctx.mention_span(title.end).start != title.end:
            continue
        window = premodifiers(ctx, title.start)
        if entities_in(ctx, window) or is_subordinate(window[-2:]) or is_future([*window, *title]):
            continue
        phrase = phrase_of(title)
        held = holders.countries_led_by_titled(person.name, phrase)
        if window and window[-1].is_lower and window[-1].pos_ in {"NOUN", "PROPN"} and (title[0].is_lower or not held):
            continue  # "teachers' union president Michael Mulgrew": an organization's president (v4); v5: also
            # "chamber President Tom Donohue", whom the office holders list knows as no head of state; not
            # "the revenue target President Barack Obama is setting", where the list knows him
        titled = {ctx.entity_at(t.end) for t, _ in ctx.title_spans if t.sent == title.sent and t.end < len(ctx.doc)}
        # "President Moi ... with President Mugabe of Zimbabwe": which one leads it? Only the list can say.
        only_the_list = len({p for p in titled if is_person(p)}) > 1
        if only_the_list and len(held) != 1:
            continue
        named = countries_in(ctx, title.sent)
        after = place_after(ctx, ctx.mention_span(title.end), {Cls.Country})
        if after is not None:  # "President Vladimir V. Putin of Russia"
            country, confidence = after, EXPLICIT
        elif len(explicit.get(person, ())) == 1:
            country, confidence = next(iter(explicit[person])), SAME_PERSON
        elif explicit.get(person):
            continue
        elif len(held) == 1 and (len(person.name.split()) > 1 or not named - held):
            # "President Donald Trump ... Mexico": the list of office holders knows whose president he was (a
            # surname alone, "President Lee", only where the sentence names no other country)
            country, confidence = country_named(ctx, next(iter(held))), HOLDER
        elif only_the_list:
            continue
        elif home and not named - {home} and phrase in ctx.lexicon.leader_titles.get(home, ()):
            if _not_the_known_holder(holders, person, home, phrase, year_of(ctx.article.date)):
                continue  # "President Tom Fitton" (of Judicial Watch) in a 2018 US story (v6)
            country, confidence = country_named(ctx, home), FROM_HOME
        elif outlet is None and dominant is not None and dominant.name in named:
            country, confidence = dominant, FROM_CONTEXT
        else:
            continue
        yield Candidate(person, reading.relation, country, title.sent, confidence)


def _not_the_known_holder(holders, person: Entity, country: str, title: str, year: int | None) -> bool:
    """Whether the list of office holders knows who held ``title`` in ``country`` in the article's year and
    ``person`` is none of its holders under any of their names (so "President X" is some organization's)."""
    if year is None or not holders.in_office_titled(country, title, year):
        return False
    names = {person.name, *person.aliases, person.name.split()[-1]}
    return not any(holders.is_holder(name) or holders.countries_led_by_titled(name, title) for name in names)


# "the president", "the U.S. president", "the prime minister": the head an article refers to by office.
HEAD_OFFICES = ("president", "prime minister", "chancellor")
NOT_THE_HEAD = {"former", "late", "vice", "deputy", "next", "new", "future", "then", "ex", "previous", "last", "first",
                "possible", "potential", "acting", "interim", "club", "company", "union", "bank", "college", "university"}


@register("head_reference.v1")
def head_reference(ctx: Context) -> Iterator[Candidate]:
    """"the president has warned him", "the U.S. leader", "the president's counselor" -> leader_of.

    The article's home country (its outlet's, or the country it is about) and its year: when the list of
    office holders has exactly one person holding that country's office of that name in that year, and the
    article names that person, "the president" (not "the former president", "the president of the
    company", "vice president") is that person, and the person leads the country. The evidence is the first
    sentence that says "the president". An undated article, or one whose president the article never
    names, gives nothing.
    """
    home = home_country(ctx)
    for office in HEAD_OFFICES:
        person = head_in_office(ctx, office)
        sentence = _first_reference(ctx, office) if person is not None else None
        if sentence is not None:
            yield Candidate(person, Rel.leader_of, country_named(ctx, home), sentence, FROM_HOME)


def head_in_office(ctx: Context, office: str) -> Entity | None:
    """The person an article means by "the OFFICE" ("the president"): the one holder of that office of the
    article's home country in the article's year (list of office holders) whom the article names."""
    year, home = year_of(ctx.article.date), home_country(ctx)
    if year is None or home is None:
        return None
    named = {e.name: e for e in ctx.entities.entities if is_person(e)}
    people = load_office_holders().in_office_titled(home, office, year) & named.keys()
    return named[next(iter(people))] if len(people) == 1 else None


def _first_reference(ctx: Context, office: str):
    """The first sentence with "the [U.S.] OFFICE" not naming or qualifying who ("the president said")."""
    doc, words = ctx.doc, office.split()
    for token in doc:
        if token.lower_ != words[0] or token.text != token.lower_ or token.i + len(words) > len(doc):
            continue
        end = token.i + len(words)
        if [t.lower_ for t in doc[token.i : end]] != words:
            continue
        after = doc[end] if end < len(doc) else None
        if after is not None and (after.lower_ in {"of", "-", "elect"} or ctx.entity_at(after) is not None or after.text.startswith("-")):
            continue  # "the president of the company", "the president-elect", "president Obama"
        window = premodifiers(ctx, token.i)
        start = token.i - len(window)
        definite = (window and window[0].lower_ == "the") or (start > 0 and doc[start - 1].lower_ == "the")
        if not definite or any(t.lower_ in NOT_THE_HEAD for t in window if ctx.entity_at(t) is None):
            continue
        if any(not is_country(e) for _, e in entities_in(ctx, window)):
            continue  # "the Fed's president", "the Republican Party's chairman"
        return token.sent
    return None


# Plural heads' titles before a list of names: "presidents Ronald Reagan and George W. Bush".
HEAD_PLURALS = {"presidents": "president", "prime ministers": "prime minister", "chancellors": "chancellor"}


@register("regime_of.v1")
def regime_of(ctx: Context) -> Iterator[Candidate]:
    """"the Syrian regime of President Bashar Assad", "Syria's regime of Bashar al-Assad" -> leader_of the country
    the regime's demonym or possessive names. A regime with no country named gives nothing ("the regime of X")."""
    for noun in ctx.doc:
        if noun.lower_ != "regime":
            continue
        country = None
        for child in noun.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                entity = ctx.entity_at(child)
                if entity is not None and entity.cls == Cls.Country:
                    country = entity
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        person = ctx.entity_at(next((c for c in of.children if c.dep_ == "pobj"), None)) if of is not None else None
        if country is not None and is_person(person):
            yield Candidate(person, Rel.leader_of, country, noun.sent, 0.8)


@register("leader_group.v1")
def leader_group(ctx: Context) -> Iterator[Candidate]:
    """"presidents Ronald Reagan and George W. Bush", "the last two one-term presidents, George H.W. Bush and
    Jimmy Carter" -> each leader_of the one country the list of office holders has them head under that
    title. A name the list does not know, or knows as the head of two countries, gives nothing; so does
    a future title ("presidents-elect")."""
    doc, holders = ctx.doc, load_office_holders()
    first_words = {plural.split()[0] for plural in HEAD_PLURALS}
    for token in doc:
        if token.lower_ not in first_words:
            continue  # the rule runs on every token of every article: one set lookup before any slicing
        for plural, title in HEAD_PLURALS.items():
            words = plural.split()
            end = token.i + len(words)
            if end > len(doc) or [t.lower_ for t in doc[token.i : end]] != words:
                continue
            i = end + (end < len(doc) and doc[end].text in {",", ":"})
            mention = ctx.mention_span(i) if i < len(doc) else None
            first = ctx.entities.of(mention) if mention is not None and mention.start == i else None
            if not is_person(first) or is_future(premodifiers(ctx, token.i)):
                continue
            for person in [first, *(other for _, other in coordinated_people(ctx, mention))]:
                countries = holders.countries_led_by_titled(person.name, title)
                if len(countries) == 1:
                    yield Candidate(person, Rel.leader_of, country_named(ctx, next(iter(countries))), token.sent, HOLDER)


@register("title_company_context.v1")
def title_company_context(ctx: Context) -> Iterator[Candidate]:
    """A company-head title with no organization in its sentence: the article's clearly dominant company.

    "... chairman and chief executive Richard Parsons said." in an article about TimeWarner ->
    heads TimeWarner, at low confidence. Any other organization named in the sentence
    could be the one the person heads, so then nothing is read.
    """
    company = _dominant_company(ctx)
    if company is None:
        return
    for title, _ in ctx.title_spans:
        if phrase_of(title) not in COMPANY_HEAD_TITLES:
            continue
        found = _title_before_name(ctx, title)
        if found is None or any(t.pos_ in {"PROPN", "NOUN"} for t in found[1]):
            continue  # "Google chief executive X", "Committee chairman X": the title belongs to that name or noun
        named = {ctx.entities.of(ent) for ent in title.sent.ents}
        if any(is_organization(e) and e != company and e.cls != Cls.MediaOrganization for e in named):
            continue
        yield Candidate(found[0], Rel.heads, company, title.sent, FROM_CONTEXT)


# Titles that head a company (not "president" or "director", which head countries, clubs and films too).
COMPANY_HEAD_TITLES = {"chief executive", "chief executive officer", "ceo", "chairman", "chairwoman", "managing director"}


def _dominant_company(ctx: Context):
    """The company an article is about: mentioned at least 3 times and 1.5× as often as any other organization
    (the margin :func:`kg.extract.entities._dominant_country` asks of a country)."""
    ranked = sorted((e for e in ctx.entities.entities if is_organization(e)), key=lambda e: -e.mentions)
    if not ranked or ranked[0].mentions < 3 or ranked[0].cls != Cls.Company:
        return None
    others = [e.mentions for e in ctx.entities.entities if is_organization(e) and e != ranked[0]]
    return ranked[0] if not others or ranked[0].mentions >= 1.5 * max(others) else None


@register("title_appositive.v9")
def title_appositive(ctx: Context) -> Iterator[Candidate]:
    """A title phrase in apposition to a person, or predicated of one.

    "The head of the Petersburg Politics Foundation, Mikhail Vinogradov, believes ..." -> heads;
    "Nikolai Petrov, a consultant at the London-based think tank Chatham House" -> works_for;
    "Steve Ballmer is the chief executive of Microsoft" -> heads; the head of a unit named before the
    organization works for it ("Jamie Hopkins, director of retirement research at Carson Group"). v2 also
    reads "X, a Boeing spokeswoman," and "X, a constitutional law professor at Y". v3: a party label between
    the name and the apposition ("Bob Corker, R-Tenn., chairman of the Senate Foreign Relations Committee") and
    a rank before the name that follows ("The chairman of X, Rep. Mike Rogers,"), a name right after the phrase
    ("Chairman of the Joint Chiefs of Staff Gen. Martin Dempsey said") and the organization after its owner's
    possessive ("the head of Iran's Quds Force"); a deputy works for what the title's holder heads ("X, vice
    president of the Indian Society of Labor Economics"); v4 "Rep. X of California, chairman of Y"; v5: a status word
    or the city a post is in before the title ("acting Washington director at Human Rights Watch" works for it,
    "a London-based analyst at Barclays"); v6: the role after "served as", "is known as" ("X is best known as the
    former CEO of Hewlett-Packard"), and a time after the title is no unit ("was the CIA director at the time"
    heads the CIA); v7: a name after "TITLE of X," must close its apposition ("On a call with Ukraine's new
    president, Trump asked" names no president of Ukraine); v8: a post in a unit "at" an organization ("a senior fellow
    in Governance Studies at the Brookings Institution" works for it); v9: as title_modifier.v4, a name between the
    organization and a head's title is the unit headed, a common noun a portfolio ("Michel Barnier, the EU's internal
    market commissioner" works for the EU). Measured precision: 31 of 33
    (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03; v2: 24 of 26; v1: 13 of 17).
    """
    doc = ctx.doc
    for title, readings in ctx.title_spans:
        named = after_ranks(ctx, title.end)
        if named < len(doc) and is_person(ctx.entity_at(named)):
            continue  # a title right before the name (or its rank) is title_modifier's case
        if title[-1].dep_ in {"amod", "compound"} and title[-1].head.i >= title.end:
            continue  # "chief" of "Bloomberg's chief policy adviser" modifies the title that follows
        found = None
        phrase_end = title.end
        of_a_unit = False
        if title.end < len(doc) and doc[title.end].lower_ in TITLE_PREPOSITIONS:
            found = object_after(ctx, title.end + 1)
            if found:
                phrase_end = found[0].end
                # "director of retirement research at Carson Group": heads a unit, works for the organization
                of_a_unit = any(t.lower_ in TITLE_PREPOSITIONS for t in doc[title.end + 1 : found[0].start])
        elif title.end < len(doc) and doc[title.end].lower_ == "in":
            # "a senior fellow in Governance Studies at the Brookings Institution": a post in a unit (v8)
            found = _organization_at_after(ctx, title.end + 1)
            if found:
                phrase_end, of_a_unit = found[0].end, True
        opens = title.start  # where the title phrase starts: before "a Boeing spokeswoman"'s organization
        if found is None:
            named = [(s, e) for s, e in entities_in(ctx, premodifiers(ctx, title.start)) if not is_person(e)]
            found = named[-1] if named else None
            if found is not None and all(ctx.entity_at(t) is None or t.i >= found[0].start
                                         for t in doc[found[0].start : title.start]):
                opens = found[0].start
            # "WorldCom's head of internal accounting": the title's own "of" names the unit she heads; not a
            # time ("was the CIA director at the time of the attacks", v6)
            of_a_unit = found is not None and title.end + 1 < len(doc) and doc[title.end].lower_ in TITLE_PREPOSITIONS \
                and not _time_phrase(doc, title.end + 1)
        if found is None:
            continue
        entity = found[1]
        reading = reading_for(readings, entity)
        if reading is None:
            continue
        if reading.relation == Rel.heads and found[0].end <= title.start:
            between = _post_between(ctx, entity, found[0].end, title.start)
            if between == "committee":
                continue  # "a former House Judiciary chairman": of a committee, not the House (v9)
            if between == "portfolio":
                of_a_unit = True  # "the EU's internal market commissioner" works for the EU (v9)
        left = _left_of_title(ctx, opens)
        deputy = is_subordinate([*left, *ctx.doc[max(title.start - 1, 0) : title.start]])
        if deputy and reading.relation not in DEPUTY_RELATIONS:
            continue
        person, confidence = _person_for(ctx, (left[0].i if left else opens) - 1, phrase_end)
        if person is not None:
            # "director of retirement research at Carson Group", "vice president of X": works for it (v3)
            # a post named by its city heads an office, not the organization: "Washington director at Human Rights Watch"
            local = any(ctx.entity_at(t) is not None for t in left)
            relation = Rel.works_for if (of_a_unit or deputy or local) and reading.relation == Rel.heads else reading.relation
            yield Candidate(person, relation, entity, title.sent, confidence)


def _organization_at_after(ctx: Context, start: int, limit: int = 8) -> tuple[Span, Entity] | None:
    """The organization named after an "at" that closes a unit's name within ``limit`` words ("in Governance
    Studies| at the Brookings Institution"); None past punctuation or a verb."""
    doc = ctx.doc
    for i in range(start, min(start + limit, doc[start].sent.end if start < len(doc) else start)):
        token = doc[i]
        if (token.is_punct and token.text not in {"-", "&"}) or token.pos_ in {"VERB", "AUX"}:
            return None
        if token.lower_ == "at" and i > start:
            found = object_after(ctx, i + 1)
            return found if found is not None and is_organization(found[1]) else None
    return None


def _time_phrase(doc, i: int) -> bool:
    """Whether the words at ``i`` name a time ("the time of the attacks", "that point", "the moment")."""
    words = [t for t in doc[i : i + 3] if t.lower_ not in {"the", "that", "this", "a"}]
    return bool(words) and (words[0].lemma_ in {"time", "moment", "point", "age", "height", "start", "end"}
                            or words[0].ent_type_ in {"DATE", "TIME"})


def _left_of_title(ctx: Context, start: int) -> list:
    """Determiners, adjectives, adverbs and noun modifiers right before a title ("a senior", "the former",
    "a foreign policy", "a constitutional law")."""
    doc = ctx.doc
    i = start - 1
    while i >= doc[start].sent.start:
        entity = ctx.entity_at(i)
        if entity is None and (doc[i].pos_ in {"DET", "ADJ", "ADV"} or doc[i].lower_ in STATUS_WORDS
                               or (doc[i].pos_ == "NOUN" and doc[i].dep_ in {"compound", "amod"})):
            i -= 1
        elif (place := _post_place(ctx, i)) is not None:
            i = place.start - 1  # a city naming the post: "acting Washington director", "a London-based analyst"
        else:
            break
    return list(doc[i + 1 : start])


# Words of a title's status that the tagger may read as verbs ("acting director"): time_cues.tsv's "acting" modifiers.
STATUS_WORDS = frozenset(cue for cue, status in load_cues().modifiers.items() if status == "acting")


def _post_place(ctx: Context, i: int) -> Span | None:
    """The city or region ending at token ``i`` that names where a post is ("Washington| director", "London-based|
    analyst", with "-based" ending at ``i``); not a country (a country's title is the government's)."""
    doc = ctx.doc
    if doc[i].lower_ == "based" and i >= 2 and doc[i - 1].text == "-":
        i -= 2
    entity = ctx.entity_at(i)
    span = ctx.mention_span(i)
    if entity is None or span is None or span.end != i + 1 or entity.kind != PLACE or entity.cls == Cls.Country:
        return None
    return span


# ", R-Iowa" / " (D-Calif.)": a legislator's party and state between the name and the comma that opens an
# apposition ("Chuck Grassley, R-Iowa, chairman of the Judiciary Committee").
PARTY_STATE_BETWEEN = re.compile(r"^\s*(?:,\s*[A-Z]\s*-\s*[A-Z][A-Za-z. ]{0,20}?|\(\s*[A-Z]\s*-[^)]{1,25}\))\s*$")


# Verbs whose "as" phrase says what someone is or was: "served as", "is known as", "worked as".
SERVED_AS = {"serve", "know", "work", "act", "remain", "join", "take"}


def _person_for(ctx: Context, before: int, phrase_end: int):
    """The person a title phrase describes: "X, a TITLE", "TITLE of Y, X" or "X is the TITLE".

    ``before`` is the token just left of the phrase, ``phrase_end`` the token just right of it. v3: a party
    label may stand between the name and the apposition ("Bob Corker, R-Tenn., chairman of X"), a rank
    or honorific before the name after it ("The chairman of X, Rep. Mike Rogers,"), and the name may follow the
    phrase with no comma ("Chairman of the Joint Chiefs of Staff Gen. Martin Dempsey said"). v4: the place a name is
    "of" may stand between the name and the apposition ("Rep. Darrell Issa of California, chairman of X").
    """
    doc = ctx.doc
    # "Nikolai Petrov, a consultant at ..."
    if before >= 1 and doc[before].text == ",":
        if is_person(ctx.entity_at(before - 1)):
            return ctx.entity_at(before - 1), APPOSITIVE
        labelled = _person_before_party_label(ctx, before) or _person_of_place(ctx, before)
        if labelled is not None:
            return labelled, APPOSITIVE
    # "The head of the Foundation, Mikhail Vinogradov, ..."
    start = after_ranks(ctx, phrase_end + 1) if phrase_end + 1 < len(doc) else phrase_end + 1
    if start < len(doc) and doc[phrase_end].text == "," and is_person(ctx.entity_at(start)):
        span = ctx.mention_span(start)
        # an apposition closes ("..., Mikhail Vinogradov, believes"); a name that goes on into its own clause is
        # the sentence's subject, not the title's holder ("On a call with Ukraine's new president, Trump asked", v7)
        closes = span is not None and (span.end >= len(doc) or doc[span.end].is_punct or span.root.dep_ == "appos")
        if span is not None and span.start == start and closes:
            return ctx.entity_at(start), APPOSITIVE
    # "Chairman of the Joint Chiefs of Staff Gen. Martin Dempsey said" (v3): the name right after the phrase
    start = after_ranks(ctx, phrase_end)
    if start < len(doc) and is_person(ctx.entity_at(start)):
        span = ctx.mention_span(start)
        if span is not None and span.start == start:
            return ctx.entity_at(start), APPOSITIVE
    # "Steve Ballmer is the chief executive of Microsoft"; v6: "Fiorina is best known as the former CEO of
    # Hewlett-Packard", "X served as chairman of Y"
    verb = None
    if before >= 0 and doc[before].lemma_ in {"be", "become"}:
        verb = doc[before]
    elif before >= 0 and doc[before].lower_ == "as" and doc[before].head.lemma_ in SERVED_AS:
        verb = doc[before].head
    person = subject_person(ctx, verb) if verb is not None else None
    return (person, COPULA) if person is not None else (None, 0.0)


def _person_of_place(ctx: Context, comma: int):
    """The person named right before "of PLACE" and ``comma``: "Rep. Darrell Issa of California, chairman of X" (v4)."""
    place = ctx.mention_span(comma - 1)
    if place is None or place.end != comma or ctx.entities.of(place).kind != "place" or place.start < 2:
        return None
    if ctx.doc[place.start - 1].lower_ not in {"of", "from"}:
        return None
    person = ctx.entity_at(place.start - 2)
    return person if is_person(person) else None


def _person_before_party_label(ctx: Context, comma: int):
    """The person whose name ends a few tokens before ``comma`` with only a party label between: "Bob Corker,
    R-Tenn.," and "Chuck Grassley (R-Iowa),"."""
    doc = ctx.doc
    for i in range(comma - 1, max(comma - 9, doc[comma].sent.start - 1), -1):
        span = ctx.mention_span(i)
        if span is None or not is_person(ctx.entities.of(span)):
            continue
        if PARTY_STATE_BETWEEN.match(ctx.text[span.end_char : doc[comma].idx]):
            return ctx.entities.of(span)
        return None
    return None


@register("party_affiliation.v2")
def party_affiliation(ctx: Context) -> Iterator[Candidate]:
    """A party named right before a person: "Labour's Yvette Cooper", "Liberal Democrat Sarah Teather".

    v2: not a party of another country than the article's home, unless the article is about that country: "As
    Conservative Max Boot explained" in a US story names a conservative, not a British Tory.
    """
    doc = ctx.doc
    home = home_country(ctx)
    dominant = ctx.entities.dominant_country
    for ent in doc.ents:
        party = ctx.entities.of(ent)
        if party is None or party.cls != Cls.PoliticalParty:
            continue
        country = ctx.lexicon.party_countries.get(party.name)
        if home and country and country != home and (dominant is None or dominant.name != country):
            continue
        i = ent.end + (1 if ent.end < len(doc) and doc[ent.end].tag_ == "POS" else 0)
        person = ctx.entity_at(i) if i < len(doc) else None
        span = ctx.mention_span(i) if person is not None else None
        if is_person(person) and span.start == i:
            yield Candidate(person, Rel.member_of, party, ent.sent, 0.8)


@register("nationality_modifier.v2")
def nationality_modifier(ctx: Context) -> Iterator[Candidate]:
    """A country or demonym before an occupation noun and a name: "US lawyer Jamie Firestone",
    "his Spanish counterpart Miguel Moratinos" -> citizen_of. Titles with a country are title_modifier's (v2: only
    titles of a country's, "US President X"; "British nurse X", "US presidential candidate X" say nationality)."""
    doc = ctx.doc
    for ent, person in ctx.people:
        if ent.start < 2:
            continue
        window = premodifiers(ctx, ent.start)
        # "Moscow-based US lawyer": a hyphenated "-based" place is where, not whose
        named = [(s, e) for s, e in entities_in(ctx, window) if not (s.end + 1 < len(doc) and doc[s.end].text == "-")]
        # no is_not_current gate: "former US diplomat X" or "the late Soviet dissident X" is still the
        # person's nationality (citizen_of has no status; a past occupation does not end it)
        if not named or any(e.cls != Cls.Country for _, e in named):
            continue
        span, country = named[-1]
        nouns = [t for t in window if t.i >= span.end and t.pos_ == "NOUN"]
        # (a title of the country's is title_modifier's; "US contractor", "British nurse" say only nationality)
        titled = any(r.object_kind == "country" for t in window if t.i >= span.end for r in ctx.lexicon.titles.get(t.lower_, ()))
        if nouns and not titled and window[-1].pos_ == "NOUN":
            yield Candidate(person, Rel.citizen_of, country, ent.sent, 0.7)


# Prepositions that introduce the organization a person speaks for, after a comma: "Brad Wernle, from Automotive News
# Europe", "Anthony Cordesman, of the Center for Strategic and International Studies", "Dean Baker, with the Center
# for Economic and Policy Research" (v2: "of" and "with").
FROM_PREPOSITIONS = {"from", "of", "with"}


@register("from_organization.v2")
def from_organization(ctx: Context) -> Iterator[Candidate]:
    """"said Brad Wernle, from Automotive News Europe." -> works_for: a person introduced by the organization they
    are from; v2 also ", of the Y," and ", with the Y,". The organization must close the apposition. Measured
    precision: 2 of 2 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03)."""
    doc = ctx.doc
    for ent, person in ctx.people:
        if ent.end + 3 > len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ not in FROM_PREPOSITIONS:
            continue
        start = ent.end + 2
        org_span = ctx.mention_span(start)  # "the Economic Policy Institute" may hold its "the"
        if org_span is None and doc[start].lower_ == "the":
            start += 1
            org_span = ctx.mention_span(start)
        if org_span is None or org_span.start != start or not is_organization(ctx.entities.of(org_span)):
            continue
        if ctx.entities.of(org_span).cls == Cls.PoliticalParty:
            continue  # "X, of the Labour Party," is a member, not an employee
        if org_span.end == len(doc) or doc[org_span.end].is_punct:  # the organization closes the apposition
            yield Candidate(person, Rel.works_for, ctx.entities.of(org_span), ent.sent, 0.7)


# "Phillip Lieberman of Brown University", "Daniel Sullivan, 30, of Boothbay": the organization
# a person speaks for, or the place they come from, named right after the name.
OF_AFFILIATION = {"of", "at"}


@register("of_affiliation.v2")
def of_affiliation(ctx: Context) -> Iterator[Candidate]:
    """"Judge Ralph Winter of the 2nd Circuit Court", "Jean Hackett of New York City" -> works_for / lives_in.

    The name is followed by "of" or "at", an optional "the" and the organization or place (after
    an age, ", 30, of", only a place), which must close the phrase (punctuation, a verb or the end), so
    "X of Leeds University's law school" or "Y of Paris and Z" are left to other rules. v2: adjectives may
    stand before the organization ("Chris Holt of the conservative American Action Forum says").
    """
    doc = ctx.doc
    for ent, person in ctx.people:
        i = ent.end
        aged = i + 3 <= len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text == ","
        i += 3 if aged else 0  # "Daniel Sullivan, 30, of Boothbay": after an age comes a hometown
        if i + 1 >= len(doc) or doc[i].lower_ not in OF_AFFILIATION:
            continue
        start = i + 1 + (doc[i + 1].lower_ == "the")
        while start < min(len(doc), i + 5) and doc[start].pos_ == "ADJ" and doc[start].is_lower and ctx.entity_at(start) is None:
            start += 1  # v2: "Chris Holt of the conservative American Action Forum"
        span = ctx.mention_span(start) if start < len(doc) else None
        other = ctx.entities.of(span) if span is not None and span.start == start else None
        if other is None or other == person:
            continue
        after = doc[span.end] if span.end < len(doc) else None
        closes = after is None or after.is_punct or after.pos_ in {"VERB", "AUX"}
        if not closes or (after is not None and after.text in {"'s", "’s"}):
            continue
        if is_organization(other) and not aged:
            yield Candidate(person, Rel.works_for, other, ent.sent, 0.75)
        elif other.kind == "place" and doc[i].lower_ == "of" and other.cls != Cls.Country:
            yield Candidate(person, Rel.lives_in, other, ent.sent, 0.7)


# Roles that make a person work for another person: "X, a spokesman for Sen. Y", "Y's lawyer, X".
PERSONAL_STAFF = {
    "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "staffer",
    "aides", "advisers", "advisors", "lawyers", "attorneys", "staffers",
    "counselor", "counsellor", "chief of staff", "press secretary", "campaign manager", "personal secretary",
    "personal attorney", "personal lawyer", "speechwriter", "bodyguard",
}
STAFF_PREPOSITIONS = {"to", "for"}
# Family ties that may come before a role ("son-in-law and senior adviser"), with the words joining them.
FAMILY_TIES = {"son", "daughter", "wife", "husband", "brother", "sister", "in", "law", "and"}
# Words that may stand between the article and the role: "a former top aide", "the longtime personal lawyer".
STAFF_MODIFIERS = {"former", "top", "senior", "longtime", "long-time", "close", "chief", "personal", "key", "trusted",
                   "then", "ex", "deputy", "private", "foreign", "policy", "political", "economic", "legal", "campaign"}


def _staff_role(doc, start: int) -> int | None:
    """The end of a personal-staff role starting at ``start`` (after any modifiers), or None."""
    i = start
    while i < len(doc):
        for size in (3, 2, 1):
            if i + size <= len(doc) and " ".join(t.lower_ for t in doc[i : i + size]) in PERSONAL_STAFF:
                return i + size
        if doc[i].lower_ not in STAFF_MODIFIERS and doc[i].lower_ not in FAMILY_TIES and doc[i].text != "-":
            return None
        i += 1
    return None


# Words before a name that title it, beside honorifics: "President", "Vice President", "first lady".
NAME_TITLES = frozenset({"president", "vice", "first"})


def _head_by_office_at(ctx: Context, i: int):
    """The person "president's" of "the president's counselor" at token ``i`` stands for: the head in office
    whom the article names (:func:`head_in_office`), or None."""
    doc = ctx.doc
    if i + 1 >= len(doc) or i == 0 or doc[i - 1].lower_ != "the" or doc[i].lower_ not in HEAD_OFFICES or doc[i + 1].tag_ != "POS":
        return None
    return head_in_office(ctx, doc[i].lower_)


def _person_mention_at(ctx: Context, i: int):
    """The person mention starting at token ``i`` after honorifics, titles, a party word and an office ("Sen.",
    "Democratic Sen.", "House Speaker"), or None."""
    doc = ctx.doc
    i = after_ranks(ctx, i, NAME_TITLES)
    if i < len(doc) and doc[i].text in ctx.lexicon.party_words and ctx.entity_at(i) is None:
        i = after_ranks(ctx, i + 1, NAME_TITLES)
    span = ctx.mention_span(i) if i < len(doc) else None
    if span is not None and span.start == i and is_person(ctx.entities.of(span)):
        return span
    words = _office_words(ctx.lexicon)
    j = i
    while j < len(doc) and j - i < MAX_OFFICE_WORDS and doc[j].lower_ in words and (doc[j].is_title or doc[j].is_lower):
        j += 1  # "a spokeswoman for House Speaker Paul Ryan"
    span = ctx.mention_span(j) if i < j < len(doc) and doc[j - 1].is_title else None
    if span is None or span.start != j or not is_person(ctx.entities.of(span)):
        return None
    return span


MAX_OFFICE_WORDS = 4
_OFFICE_WORDS: dict[int, frozenset[str]] = {}


def _office_words(lexicon) -> frozenset[str]:
    """Every word of the offices and titles the lexicon knows ("house", "speaker", "secretary", "state")."""
    words = _OFFICE_WORDS.get(id(lexicon))
    if words is None:
        words = _OFFICE_WORDS[id(lexicon)] = frozenset(w for phrase in (*lexicon.offices, *lexicon.titles) for w in phrase.split())
    return words


def _after_possessive(mention) -> int | None:
    """The token after a mention's possessive ("Reyes's" tagged whole, or "Reyes" + "'s"), or None."""
    doc = mention.doc
    if mention[-1].text in POSSESSIVE_MARKS:
        return mention.end
    if mention.end < len(doc) and doc[mention.end].text in POSSESSIVE_MARKS:
        return mention.end + 1
    return None


@register("personal_staff.v4")
def personal_staff(ctx: Context) -> Iterator[Candidate]:
    """A person's aide, adviser, spokesperson or lawyer -> works_for that person (ANNOTATION.md counts a person
    as an employer here).

    "George Hartmann, a spokesman for Sen. Chuck Grassley," and "David Axelrod, a former adviser to Mr. Obama" ->
    the first works_for the second; "Trump's lawyer, Michael Cohen," / "Trump's lawyer Michael Cohen" and
    "Michael Cohen, Mr. Trump's lawyer," -> Cohen works_for Trump. Both ends must be people the model named: "a
    spokesman for the family" or "the company's lawyer" is no fact here (title rules read organizations).
    Written by hand over the tokens: the parser attaches these appositions unreliably across commas.
    v2: the boss's name right before the role ("Trump economic adviser Gary Cohn"), and "Mrs. Clinton and top aides
    Cheryl Mills and Huma Abedin" (each aide named). v3: the boss behind an office ("a spokeswoman for House Speaker
    Paul Ryan"). v4: a family tie before the role ("Trump's son-in-law and senior adviser, Jared Kushner"), and
    "the president's counselor" (the president in office whom the article names). Measured precision: v2 13 of 13 (allsides dev split of 109
    articles, 2026-12-04); v1 8 of 8 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03).
    """
    doc = ctx.doc
    for ent, person in ctx.people:
        i = ent.end
        # "Trump economic adviser Gary Cohn", "Mrs. Clinton and top aides Cheryl Mills and Huma Abedin"
        start = i + (i < len(doc) and doc[i].lower_ == "and")
        end = _staff_role(doc, start) if start < len(doc) and doc[start].tag_ != "POS" else None
        if end is not None and end < len(doc) and (staff := _person_mention_at(ctx, end)) is not None:
            plural = doc[end - 1].lower_.endswith("s")
            for _, other in [(staff, ctx.entities.of(staff)), *(coordinated_people(ctx, staff) if plural else [])]:
                if other != person:
                    yield Candidate(other, Rel.works_for, person, ent.sent, APPOSITIVE)
            continue
        # "X, a (former) spokesman for Y" / "X, Y's lawyer,"
        if i + 2 < len(doc) and doc[i].text == ",":
            j = i + 1 + (doc[i + 1].lower_ in {"a", "an", "the"})
            end = _staff_role(doc, j)
            if end is not None and end < len(doc) and doc[end].lower_ in STAFF_PREPOSITIONS:
                boss = _person_mention_at(ctx, end + 1)
                if boss is not None and ctx.entities.of(boss) != person:
                    yield Candidate(person, Rel.works_for, ctx.entities.of(boss), ent.sent, APPOSITIVE)
                continue
            boss = _person_mention_at(ctx, j)
            employer = ctx.entities.of(boss) if boss is not None else None
            if boss is None and (head := _head_by_office_at(ctx, j)) is not None:
                boss, employer = doc[j : j + 1], head  # v4: "the president's counselor"
            after = _after_possessive(boss) if boss is not None else None
            if after is not None:
                end = _staff_role(doc, after)
                if end is not None and (end == len(doc) or doc[end].is_punct) and employer != person:
                    yield Candidate(person, Rel.works_for, employer, ent.sent, APPOSITIVE)
            continue
        # "Y's lawyer, X" / "Y's lawyer X": the role after the possessive, the employee after the role
        after = _after_possessive(ent)
        if after is not None:
            end = _staff_role(doc, after)
            if end is None:
                continue
            start = end + (end < len(doc) and doc[end].text == ",")
            staff = _person_mention_at(ctx, start)
            if staff is not None and ctx.entities.of(staff) != person:
                yield Candidate(ctx.entities.of(staff), Rel.works_for, person, ent.sent, APPOSITIVE)


# Military ranks written out or abbreviated ("Gen.", "general", "Rear Adm."), the words a rank may carry.
RANK_HEADS = {
    "gen.", "general", "adm.", "admiral", "col.", "colonel", "lt.", "lieutenant", "maj.", "major", "capt.", "captain",
    "sgt.", "sergeant", "cmdr.", "commander", "brigadier", "officer",
}
# Words a rank may carry around its head ("a retired four-star", "Rear Adm.", "Brig. Gen."), articles included.
RANK_MODIFIERS = {"rear", "vice", "full", "four-star", "three-star", "two-star", "retired", "ret.", "former", "brig.",
                  "a", "an", "the", "-"}
MILITARY_RANKS = RANK_HEADS | RANK_MODIFIERS


@register("military_rank.v2")
def military_rank(ctx: Context) -> Iterator[Candidate]:
    """A service member's rank with the force it is held in -> works_for the force.

    "Army Gen. David Petraeus", "Air Force Col. Jane Smith" (the force, a rank, the name) and "James Lyons, a
    retired U.S. Navy admiral," / "John Kelly, a retired Marine Corps general" (the name, then the force and
    the rank in apposition). The force must be a named military unit and the words between it and the name
    ranks only; "retired" dates the role former (kg.extract.time). v2: a rank after a comma that a name follows is
    that name's, in a list ("former Secretary of State Condoleezza Rice, retired Army Gen. Stanley McChrystal").
    """
    doc = ctx.doc
    for ent, person in ctx.people:
        # the force and rank before the name
        i = ent.start - 1
        while i >= 0 and doc[i].lower_ in MILITARY_RANKS and ctx.entity_at(i) is None:
            i -= 1
        ranked = any(doc[k].lower_ in RANK_HEADS for k in range(i + 1, ent.start))
        if ranked and i >= 0 and (unit := ctx.entity_at(i)) is not None and unit.cls == Cls.MilitaryUnit:
            yield Candidate(person, Rel.works_for, unit, ent.sent, EXPLICIT)
            continue
        # ", a retired U.S. Navy admiral" after the name
        j = ent.end
        if j + 2 >= len(doc) or doc[j].text != ",":
            continue
        j += 1
        while j < len(doc) and doc[j].lower_ in RANK_MODIFIERS and ctx.entity_at(j) is None:
            j += 1
        span = ctx.mention_span(j) if j < len(doc) else None
        unit = ctx.entities.of(span) if span is not None and span.start == j else None
        if unit is None or unit.cls != Cls.MilitaryUnit:
            continue
        k = span.end
        while k < len(doc) and doc[k].lower_ in RANK_MODIFIERS:
            k += 1
        named = after_ranks(ctx, k) if k < len(doc) else k
        if named < len(doc) and is_person(ctx.entity_at(named)):
            continue  # "Condoleezza Rice, retired Army Gen. Stanley McChrystal": the rank of the next name in a list (v2)
        if k < len(doc) and doc[k].lower_ in RANK_HEADS:
            yield Candidate(person, Rel.works_for, unit, ent.sent, APPOSITIVE)
