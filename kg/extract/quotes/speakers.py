"""Who said it: a cue verb's subject resolved to an entity, and to whom or where it was said."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from kg.extract.entities import ORGANIZATION, PERSON
from kg.extract.rules.base import Context, photo_credit
from kg.extract.rules.common import NOT_CURRENT, names_party, owned_person
from kg.model import Entity
from kg.nlp.holders import load_office_holders
from kg.read.dates import read_date
from kg.vocab import Cls

# The subject of a cue verb (spaCy labels).
SUBJECTS = {"nsubj", "nsubjpass"}
# A cue verb inside another ("X told the BBC, adding ...", "X said, warning ...") takes the subject
# of the verb it hangs from.
CLAUSE_LINKS = {"advcl", "xcomp", "conj", "pcomp"}
# "a spokesman for X said": the unnamed spokesperson speaks for X (ANNOTATION convention).
SPOKESPERSON_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "statement"}
SPOKESPERSON_PREPOSITIONS = {"for", "of", "from", "at"}
# Who speaks for a client the same way: "lawyers for Manafort said", "Manafort's attorneys denied".
AGENT_NOUNS = {"lawyer", "attorney"}
# Pronouns that can stand for a person who was just named.
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# "in a statement", "in an interview", "in an email": the medium of the statement.
MEDIUM_NOUNS = {
    "statement", "interview", "email", "e-mail", "letter", "post", "tweet", "op-ed", "video", "speech",
    "release", "memo", "filing", "briefing", "podcast", "broadcast", "remarks", "message", "column", "essay",
}
# "on Twitter", "on television": platforms named without a cue word.
PLATFORMS = {"twitter", "facebook", "instagram", "x", "television", "tv", "radio", "youtube", "tiktok", "truth"}
# How far back (characters) "he"/"she" looks for the person just named.
PRONOUN_REACH = 1500
# Which pronoun a person takes, read from the pronouns and honorifics the article uses for them.
PRONOUN_GENDERS = {"he": "he", "him": "he", "his": "he", "himself": "he",
                   "she": "she", "her": "she", "hers": "she", "herself": "she"}
# The pronouns that continue a sentence's subject within the sentence ("Greitens ... the charity he founded").
# (not "his": as often the object's as the subject's, "Warren reminded the president of his promise")
CHAIN_PRONOUNS = {"he", "himself", "she", "hers", "herself"}
# Words right before a name that say which pronoun the person takes ("Mr. Israel", "Congresswoman Lee").
GENDERED_WORDS = {
    "mr.": "he", "mr": "he", "sir": "he", "king": "he", "congressman": "he", "spokesman": "he", "businessman": "he",
    "mrs.": "she", "mrs": "she", "ms.": "she", "ms": "she", "miss": "she", "madam": "she", "lady": "she", "queen": "she",
    "congresswoman": "she", "spokeswoman": "she", "businesswoman": "she", "chairwoman": "she",
}
GIVEN_NAME_PRONOUNS = {"male": "he", "female": "she"}
# Relative pronouns: "Kavanaugh, who said ..." -> the noun the clause modifies.
RELATIVE_PRONOUNS = {"who", "which", "that"}
# Documents that speak for their author: "Chu's letter said", "a statement by Obama said".
DOCUMENT_NOUNS = {"statement", "letter", "tweet", "post", "memo", "email", "e-mail", "release", "message", "op-ed"}
# People of an organization who do not speak for it: "a Fox News contributor said", "an IRS worker testified".
MEMBER_NOUNS = {
    "contributor", "correspondent", "reporter", "host", "anchor", "columnist", "writer", "editor", "analyst",
    "economist", "worker", "employee", "inspector", "filing", "professor", "student",
}
# Studies that speak for who made them: "a survey by the Federal Reserve found", "the Reuters/Ipsos poll found";
# "the poll found" is the poll the article named last.
STUDY_NOUNS = {"study", "survey", "poll", "analysis", "report", "review", "audit"}
# How far back (characters) "it said", "the statement said" or "the spokeswoman said" looks for the
# source they continue: about two paragraphs.
BACK_REACH = 800
# Subjects that continue the source just quoted: "the White House said in a statement. ... “...,” the
# statement said"; "a spokeswoman for the police confirmed ... “...,” the spokeswoman said".
BACK_PRONOUNS = {"it"}
# Titles of heads of state or government that "the president" may stand for when the article titles nobody
# so: the person it names who held the office in the article's year (kg/nlp/lexicons/office_holders*.tsv).
HEAD_TITLES = {"president", "chancellor", "premier"}
# Offices written right before a name that titles.tsv leaves out or abbreviates, and the word that "the ..."
# uses for them ("Toledo Mayor D. Michael Collins ... the mayor told", "Gov. Jay Inslee ... the governor said").
OFFICE_WORDS = {"mayor": "mayor", "gov.": "governor", "governor": "governor", "sen.": "senator",
                "senator": "senator", "rep.": "congressman", "congressman": "congressman",
                "congresswoman": "congresswoman", "ambassador": "ambassador", "justice": "justice", "judge": "judge"}
# "the agency said", "the company has said": a noun for an organization of these classes stands for the one
# such organization the article named shortly before (never a media outlet or a party: "the group" is no
# newspaper, and party members are no party). Organization is the class of a name the typing left unsorted
# ("Internal Revenue Service").
ORGANIZATION_NOUNS = {
    "agency": {Cls.GovernmentOrganization, Cls.Organization}, "department": {Cls.GovernmentOrganization, Cls.Organization},
    "ministry": {Cls.GovernmentOrganization, Cls.Organization}, "bureau": {Cls.GovernmentOrganization, Cls.Organization},
    "company": {Cls.Company, Cls.Organization}, "firm": {Cls.Company, Cls.Organization},
    "group": {Cls.Organization, Cls.ResearchOrganization, Cls.InternationalOrganization},
    "organization": {Cls.Organization, Cls.ResearchOrganization, Cls.InternationalOrganization},
    "organisation": {Cls.Organization, Cls.ResearchOrganization, Cls.InternationalOrganization},
}
# How far back (characters) "the agency" or "the group" looks for the organization it stands for.
ORGANIZATION_REACH = 1200
# Nouns for a person the article has just named, besides the titles of the lexicon: "the lawmaker told".
PERSON_NOUNS = {"lawmaker", "legislator", "politician", "congressman", "congresswoman", "senator", "president"}


@dataclass(frozen=True)
class _Mention:
    """A person named outside quotation marks: where, who, and whether as a subject (of the sentence)."""

    char: int
    entity: Entity
    subject: bool
    main: bool  # the subject of the sentence's main verb, not of a clause inside it
    sentence: int  # the sentence's first character


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker and how sure the resolution is."""

    entity: Entity
    confidence: float
    how: str  # named | appositive | spokesperson | document | pronoun | title | epithet | back-reference


class Speakers:
    """Speaker resolution for one article (person mentions and offices indexed once)."""

    def __init__(self, ctx: Context, quoted: list[tuple[int, int]] = ()) -> None:
        self.ctx = ctx
        self.quoted = sorted(quoted)
        self._heard: list[tuple[int, Speaker]] = []  # attributed quotes so far, by offset

    def heard(self, char: int, speaker: Speaker | None) -> None:
        """Record the source of a quote at ``char`` (what "it said" or "the statement said" may continue)."""
        if speaker is not None:
            bisect.insort(self._heard, (char, speaker), key=lambda h: h[0])

    def last_heard(self, start: int, end: int) -> Speaker | None:
        """The source of the last quote recorded between character offsets ``start`` and ``end``."""
        i = bisect.bisect_left(self._heard, end, key=lambda h: h[0]) - 1
        return self._heard[i][1] if i >= 0 and self._heard[i][0] >= start else None

    def inside_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quoted, (char, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    @cached_property
    def _people(self) -> list[_Mention]:
        """Person mentions outside quotation marks, by character offset, and whether each is a subject.

        Besides the person names, a mention is a surname the NER missed or typed as an organization
        ("Trump invariably describes ...", :meth:`_surname_person`) and a title that stands for the
        person who holds it ("the president told Schumer he ...", :meth:`_title`). An appositive to
        a subject is a subject ("The group's director, Pia Carusone, says ...").
        """
        found = []
        for ent in self.ctx.doc.ents:
            entity = self.ctx.entities.of(ent)
            # "Twitter" or "Perm 35" (a prison camp) typed a person is no one "he" continues
            if entity is not None and entity.kind == PERSON and not self.inside_quote(ent.start_char) \
                    and entity.name.lower() not in PLATFORMS and not any(ch.isdigit() for ch in entity.name) \
                    and not photo_credit(ent):  # (nor "REUTERS/Shannon Stapleton", a picture's credit)
                found.append(_Mention(ent.start_char, entity, _is_subject(ent.root), _is_main_subject(ent.root),
                                      ent.root.sent.start_char))
        for token in self.ctx.doc:
            if token.dep_ not in SUBJECTS or self.inside_quote(token.idx):
                continue
            person = self._surname_person(token)
            if person is None:
                person = self._head_of_state(token)
            if person is None and token.lower_ in self._offices and any(c.lower_ == "the" for c in token.children):
                person = self._office_holder(token)
            if person is None:
                person = self._speaking_name(token)
            if person is not None:
                found.append(_Mention(token.idx, person, True, _is_main_subject(token), token.sent.start_char))
        return sorted(found, key=lambda p: p.char)

    @cached_property
    def _genders(self) -> dict[Entity, str]:
        return self._read_genders(said_only=False)

    @cached_property
    def _said_genders(self) -> dict[Entity, str]:
        return self._read_genders(said_only=True)

    def _read_genders(self, said_only: bool) -> dict[Entity, str]:
        """Person -> "he" or "she", where the article says which and never says otherwise (``said_only``), or
        else where their first name says it.

        Read from an honorific or a gendered word right before a name ("Mr. Israel", "Congresswoman
        Lee"), from the pronouns of a sentence whose subject is the one person it names ("Greitens
        faces a charge over the charity he founded"), and from a first name almost always given to one
        gender (``given_names_gender.tsv``: "James Comey", "Hillary Clinton"). The first name is only a prior:
        what the article itself says wins: an honorific always ("Sen. Lindsey Graham ... Mr. Graham"), the pronouns
        of two sentences over the name ("Graham said he ... Graham, who says his ...").
        """
        honorifics, pronouns = self._gender_evidence
        given_names = self.ctx.lexicon.given_name_genders
        genders = {}
        for entity in {m.entity for m in self._people}:
            first = entity.name.split()[0] if " " in entity.name else None
            prior = GIVEN_NAME_PRONOUNS[given_names[first]] if first in given_names and not said_only else None
            if entity in honorifics:
                gender = next(iter(honorifics[entity])) if len(honorifics[entity]) == 1 else None
            elif entity in pronouns:
                (gender, sentences), *other = pronouns[entity].most_common()
                if other or (prior is not None and gender != prior and sentences < 2):
                    gender = None
            else:
                gender = prior
            if gender is not None:
                genders[entity] = gender
        return genders

    @cached_property
    def _gender_evidence(self) -> tuple[dict[Entity, set[str]], dict[Entity, Counter[str]]]:
        """What the article says of each person's gender: the genders of the honorifics before their name, and
        how many sentences about them alone use each gender's pronouns (read once, for both readings above)."""
        doc = self.ctx.doc
        honorifics: dict[Entity, set[str]] = {}
        for mention in self._people:
            token = doc.char_span(mention.char, mention.char + 1, alignment_mode="expand")
            if token is None:
                continue
            before = doc[token.start - 1].lower_ if token.start > 0 else ""
            if before in GENDERED_WORDS:
                honorifics.setdefault(mention.entity, set()).add(GENDERED_WORDS[before])
        pronouns: dict[Entity, Counter[str]] = {}
        by_sentence: dict[int, list[_Mention]] = {}
        for mention in self._people:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        for sentence, mentions in by_sentence.items():
            if len({m.entity for m in mentions}) != 1 or not any(m.main for m in mentions):
                continue
            sent = doc.char_span(sentence, sentence + 1, alignment_mode="expand")
            if sent is None:
                continue
            after = [t for t in sent[0].sent if t.idx > mentions[0].char and not self.inside_quote(t.idx)]
            # (an object "her"/"him" is most often someone else: "Greitens denied coercing her")
            said = {PRONOUN_GENDERS[t.lower_] for t in after if t.lower_ in CHAIN_PRONOUNS}
            if len(said) == 1:
                pronouns.setdefault(mentions[0].entity, Counter()).update(said)
        return honorifics, pronouns

    def _speaking_name(self, token: Token) -> Entity | None:
        """A one-word name typed an organization of no known kind that speaks ("Trump said Friday"):
        most often a person the NER mistyped, whom a "he said" after it continues."""
        entity = self.ctx.entity_at(token)
        if entity is None or entity.kind != ORGANIZATION or entity.cls != Cls.Organization or entity.name != token.text:
            return None
        speaks = token.head.lemma_ in self.ctx.lexicon.quote_cues and token.head.pos_ in {"VERB", "AUX"}
        return entity if speaks and token.is_title and token.pos_ == "PROPN" else None


    @cached_property
    def _surnames(self) -> dict[str, Entity]:
        """Last word of each person's names -> the person, when only one person has it (for a
        surname the NER missed: "Chaffetz said"), or when only one of those who have it held a head
        of state's or government's office in the article's year ("Trump" with Donald and Melania Trump
        named, in 2018)."""
        owners: dict[str, set[Entity]] = {}
        alone: dict[str, set[Entity]] = {}  # one-word names: only when no fuller name has the word
        for entity in self.ctx.entities.entities:
            if entity.kind == PERSON:
                for alias in (entity.name, *entity.aliases):
                    (owners if " " in alias.strip() else alone).setdefault(alias.split()[-1], set()).add(entity)
        for word, people in alone.items():
            owners.setdefault(word, people)
        found = {}
        for word, people in owners.items():
            if len(people) > 1:
                people = {p for p in people if self._in_office(p)}
            if len(people) == 1:
                found[word] = next(iter(people))
        return found

    def _in_office(self, person: Entity) -> bool:
        """Whether the person held an office of the list of office holders in the article's year."""
        year = _year(self.ctx.article.date)
        holders = load_office_holders()
        return year is not None and any(
            start <= year and (end is None or year <= end)
            for country in holders.countries_of(person.name) for start, end in holders.terms(person.name, country))

    @cached_property
    def _office_mentions(self) -> list[tuple[int, str, Entity]]:
        """Every person the article gives a title, with the title's last word and offset.

        Read from "Foreign Minister Sergei Lavrov" and "Lavrov, the foreign minister".
        """
        found = []
        doc = self.ctx.doc
        for span, _ in self.ctx.title_spans:
            key = span[-1].lower_
            after = self.ctx.entity_at(span.end) if span.end < len(doc) else None
            before = None
            possessive = span.end < len(doc) and doc[span.end].tag_ == "POS"  # "Podesta, the president's counselor"
            if span.start >= 3 and doc[span.start - 1].lower_ == "the" and doc[span.start - 2].text == "," \
                    and not possessive:
                before = self.ctx.entity_at(span.start - 3)
            for entity in (after, before):
                if entity is not None and (entity.kind == PERSON or _mistyped_person(entity)):
                    found.append((span.start_char, key, entity))
        # offices the title lexicon leaves out or abbreviates ("Mayor Bill de Blasio", "Gov. Jay Inslee")
        for token in doc[:-1]:
            key = OFFICE_WORDS.get(token.lower_)
            entity = self.ctx.entity_at(token.i + 1) if key is not None and not token.ent_type_ else None
            if entity is not None and entity.kind == PERSON:
                found.append((token.idx, key, entity))
        return sorted(found, key=lambda f: f[0])

    @cached_property
    def _offices(self) -> dict[str, frozenset[Entity]]:
        """Title word -> the people the article gives that title ("minister" -> {Sergei Lavrov})."""
        holders: dict[str, set[Entity]] = {}
        for _, key, entity in self._office_mentions:
            holders.setdefault(key, set()).add(entity)
        return {key: frozenset(people) for key, people in holders.items()}

    def _office_holder(self, token: Token) -> Entity | None:
        """The person "the minister" stands for: the one minister of the article, or, when it names
        several, the one titled so last before ``token``."""
        before = [entity for char, key, entity in self._office_mentions if key == token.lower_ and char < token.idx]
        if before:
            return before[-1]
        # (a title given only later: the one person the article gives it)
        holders = self._offices.get(token.lower_, frozenset())
        return next(iter(holders)) if len(holders) == 1 else None

    @cached_property
    def _heads_of_state(self) -> dict[str, Entity | None]:
        """Head title -> the one person of the article who held it in the article's year, by the list
        of office holders ("the US president" in a 2018 article naming Donald Trump and Barack Obama)."""
        year = _year(self.ctx.article.date)
        holders = load_office_holders()
        found: dict[str, set[Entity]] = {}
        for entity in self.ctx.entities.entities if year is not None else ():
            if entity.kind != PERSON:
                continue
            for title in HEAD_TITLES:
                for country in holders.countries_led_by_titled(entity.name, title):
                    if any(start <= year and (end is None or year <= end) for start, end in holders.terms(entity.name, country)):
                        found.setdefault(title, set()).add(entity)
        return {title: next(iter(people)) if len(people) == 1 else None for title, people in found.items()}

    def _head_of_state(self, token: Token) -> Entity | None:
        """"the president" with no president titled in the article: the one it names who held the office then
        ("the former president" is someone who no longer did)."""
        if token.lower_ not in HEAD_TITLES or not any(c.lower_ == "the" for c in token.children) \
                or any(c.lower_ in NOT_CURRENT for c in token.children):
            return None
        return self._heads_of_state.get(token.lower_)

    def canonical(self, entity: Entity) -> Entity:
        """A person named by one word ("Lee", "Tamara") as the one person of the article whose full name
        ends or begins with it ("Sheila Jackson Lee", "Tamara Keith"), when there is one."""
        if entity.kind != PERSON or " " in entity.name:
            return entity
        for names in (self._surnames, self._first_names):
            if names.get(entity.name, entity) != entity:
                return names[entity.name]
        return entity

    def _surname_person(self, token: Token) -> Entity | None:
        """The one person whose surname a capitalised word is, when the NER missed it or read it as
        an organization of no known kind ("Trump invariably describes ..." typed Organization)."""
        if not token.is_title or token.text not in self._surnames:
            return None
        entity = self.ctx.entity_at(token)
        if entity is None or (entity.kind == ORGANIZATION and entity.cls == Cls.Organization
                              and entity.name == token.text):
            return self._surnames[token.text]
        if entity.kind != PERSON and entity.name == token.text and token.i > 0 \
                and token.nbor(-1).lower_ in GENDERED_WORDS.keys() & self.ctx.lexicon.honorifics:
            return self._surnames[token.text]  # "Mr. Israel said" with "Israel" read as the country
        return None

    def person_before(self, char: int, pronoun: str | None = None) -> Entity | None:
        """The person named last before ``char`` (outside quotes, within :data:`PRONOUN_REACH`).

        A person named as a subject wins over one named since as an object ("Tlaib apologised
        to Sanders. ... she said" is Tlaib): subjects are what a pronoun most often continues. The
        subject of a sentence wins over a subject inside it ("Paul said the world would not be better
        if Hussein were in charge. ... he noted" is Paul). A "he" or "she" looks no further back than the
        last paragraph that names someone of that gender ("... has surprised Bruce Hopkins, a tax lawyer. || "...," he said"
        is Hopkins, not the subject of the paragraph before). ``pronoun`` ("he", "she") passes over the
        people the article gives the other gender (:meth:`_genders`), and a subject joined to another person
        the pronoun could stand for ("Liam Fox and John Walker met. He said") leaves it unresolved. When that
        leaves nobody, a first name's gender no longer counts ("Sen. Lindsey Graham ... he said" is Graham).
        """
        person = self._person_before(char, PRONOUN_GENDERS.get(pronoun or ""), self._genders)
        if person is None and pronoun in PRONOUN_GENDERS:
            person = self._person_before(char, PRONOUN_GENDERS[pronoun], self._said_genders)
        return person

    def _person_before(self, char: int, gender: str | None, genders: dict[Entity, str]) -> Entity | None:
        i = bisect.bisect_left(self._people, char, key=lambda p: p.char) - 1
        latest = None
        latest_char = None
        while i >= 0 and char - self._people[i].char <= PRONOUN_REACH:
            mention = self._people[i]
            i -= 1
            if gender is not None and genders.get(mention.entity, gender) != gender:
                continue
            if gender is not None and latest is not None and "\n" in self.ctx.text[mention.char:latest_char]:
                return latest  # "he"/"she": not past the paragraph that names someone, to a subject before it
            if latest is None:
                latest, latest_char = mention.entity, mention.char
            if mention.subject:
                if mention.main:
                    # "Liam Fox and John Walker met. He said ...": either could be meant
                    return None if self._coordinated_with_another(mention, gender) else mention.entity
                # an embedded subject: the sentence's own subject, named before it in the sentence, wins
                # (in its paragraph too: a parse may run a sentence over a paragraph break)
                main = next((m for m in reversed(self._people[max(0, i - 8):i + 1])
                             if m.sentence == mention.sentence and m.main and "\n" not in self.ctx.text[m.char:mention.char]
                             and (gender is None or genders.get(m.entity, gender) == gender)), None)
                return main.entity if main is not None else mention.entity
        return latest

    def _head_at(self, char: int) -> Token | None:
        """The head word of the name at character ``char`` ("Fox" of "Liam Fox"), past its compounds."""
        span = self.ctx.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        token = span[0]
        while token.dep_ in {"compound", "flat"} and token.head.i != token.i:
            token = token.head
        return token

    def _coordinated_with_another(self, mention: _Mention, gender: str | None) -> bool:
        """Whether a subject is joined by "and" to another person the pronoun could stand for."""
        token = self._head_at(mention.char)
        if token is None:
            return False
        others = {e for t in token.conjuncts if (e := self.ctx.entity_at(t)) is not None and e.kind == PERSON
                  and e != mention.entity}
        return any(gender is None or self._genders.get(e, gender) == gender for e in others)

    def of_subjects(self, subjects: list[Token]) -> Speaker | None:
        """The first of a verb's subjects (outside quotation marks) that resolves to a speaker, the
        words joined to one by "and" included ("law professor and commentator Jonathan Adler wrote")."""
        for subject in (s for first in subjects for s in (first, *(c for c in first.children if c.dep_ == "conj"))):
            if not self.inside_quote(subject.idx) and (speaker := self.of_token(subject)) is not None:
                return speaker
        return None

    def of_token(self, token: Token) -> Speaker | None:
        """The entity a subject token stands for, trying each case in turn."""
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head  # "Kavanaugh, who said": the noun the relative clause modifies
        if (owned := owned_person(self.ctx, token)) is not None:
            return Speaker(owned, 0.9, "named")  # "reports Time’s Dan Hirschhorn" parsed with "Time" the subject
        for case in (self._named, self._document, self._appositive, self._titled, self._spokesperson, self._pronoun, self._title,
                     self._surname, self._epithet, self._name_head, self._organization_noun, self._state_noun,
                     self._back_reference):
            found = case(token)
            if found is not None:
                return found
        return None

    def _named(self, token: Token) -> Speaker | None:
        # "Pelosi said", "the White House said" (a name whose head word the NER left out, as a compound).
        # "Pentagon officials said" speaks for the Pentagon (as the annotators read it), but a writer or a
        # worker of an organization speaks for themselves ("Fox News contributor", "a veteran IRS worker").
        compounds = [c for c in token.children if c.dep_ == "compound"] if token.lemma_.lower() not in MEMBER_NOUNS else []
        for candidate in (token, *compounds):
            entity = self.ctx.entity_at(candidate)
            if candidate is not token and entity is not None and entity.kind == PERSON and token.pos_ == "NOUN":
                continue  # "a former Obama official said": someone of the person's, not the person
            if entity is not None and entity.cls == Cls.PoliticalParty and not names_party(self.ctx, candidate):
                # "Democrats said", "a congressional Democrat says", "the Kentucky Republican said": members
                # of the party (one named in apposition, or the person just named: see _epithet), not the party.
                return self._appositive(token) if not any(c.lower_ == "the" for c in token.children) else None
            if entity is not None and entity.kind == ORGANIZATION and (person := self._surname_person(candidate)):
                return Speaker(person, 0.8, "named")  # "Trump said" with "Trump" typed an organization
            if entity is not None and entity.kind in (PERSON, ORGANIZATION):
                return Speaker(self.canonical(entity), 0.9, "named")
        return None

    def _appositive(self, token: Token) -> Speaker | None:
        # "the head of the Guards, Major General Hossein Salami, said": the person in apposition.
        for child in token.subtree:
            if child.dep_ == "appos":
                entity = self.ctx.entity_at(child)
                if entity is not None and entity.kind == PERSON:
                    return Speaker(entity, 0.85, "appositive")
        return None

    def _titled(self, token: Token) -> Speaker | None:
        # "Director of National Intelligence James Clapper responded", "Chairman of the Joint Chiefs Gen.
        # Mark Milley said": a title whose phrase ends in the one person it names.
        if token.pos_ not in {"NOUN", "PROPN"} or token.lower_ not in self.ctx.lexicon.titles:
            return None
        doc = token.doc
        end = token.i + 1
        while end <= token.right_edge.i and doc[end].text != "," and doc[end].dep_ not in {"relcl", "acl", "appos"}:
            end += 1
        last = self.ctx.entity_at(doc[end - 1]) if end - 1 > token.i else None
        people = {e for t in doc[token.i + 1:end] if (e := self.ctx.entity_at(t)) is not None and e.kind == PERSON}
        if last is None or last.kind != PERSON or people != {last}:
            return None
        return Speaker(self.canonical(last), 0.85, "named")

    def _spokesperson(self, token: Token) -> Speaker | None:
        # "a spokesman for the Pentagon said" -> the Pentagon speaks (no name given); so do "Calder's
        # spokesman" and "Manafort's attorneys".
        if token.lemma_.lower() not in SPOKESPERSON_NOUNS | AGENT_NOUNS:
            return None
        for owner in (c for c in token.children if c.dep_ == "poss" and token.lemma_.lower() != "statement"):
            entity = self.ctx.entity_at(owner)
            if entity is not None and entity.kind == ORGANIZATION:
                entity = self._surname_person(owner) or entity  # "Manafort's" typed an organization
            if entity is not None and entity.kind in (PERSON, ORGANIZATION):
                return Speaker(self.canonical(entity), 0.8, "spokesperson")
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in SPOKESPERSON_PREPOSITIONS:
                for obj in prep.subtree:
                    entity = self.ctx.entity_at(obj)
                    if entity is not None and entity.kind in (PERSON, ORGANIZATION):
                        return Speaker(entity, 0.8, "spokesperson")
        return None

    @cached_property
    def _studies(self) -> list[tuple[int, str, Entity]]:
        """Every study the article attributes ("a survey by the Federal Reserve", "a Reuters/Ipsos
        opinion poll"), by offset: the study noun and who made it."""
        found = []
        for token in self.ctx.doc:
            noun = token.lemma_.lower()
            if noun in STUDY_NOUNS and token.pos_ == "NOUN" and not self.inside_quote(token.idx):
                owner = self._study_owner(token)
                if owner is not None:
                    found.append((token.idx, noun, owner))
        return found

    def _study_owner(self, token: Token) -> Entity | None:
        """Who made a study: "a survey by X", "the X poll", "X's study", "X released a poll"."""
        if token.dep_ == "dobj":
            maker = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            entity = self.ctx.entity_at(maker) if maker is not None else None
            if entity is not None and entity.kind == ORGANIZATION:
                return entity
        for child in token.children:
            # (the whole compound: "a Reuters/Ipsos opinion poll" hangs "Reuters" below "Ipsos")
            candidates = list(child.subtree) if child.dep_ in {"compound", "poss"} else []
            if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
                candidates = [c for c in child.children if c.dep_ == "pobj"]
            for candidate in candidates:
                entity = self.ctx.entity_at(candidate)
                if entity is not None and entity.kind == ORGANIZATION:
                    return entity
        return None

    def _study(self, token: Token) -> Speaker | None:
        owner = self._study_owner(token)
        if owner is not None:
            return Speaker(owner, 0.8, "document")
        if not any(c.lower_ == "the" for c in token.children):
            return None
        # "the poll found": the poll named last before, within reach
        noun = token.lemma_.lower()
        before = [(char, entity) for char, key, entity in self._studies
                  if key == noun and char < token.idx and token.idx - char <= PRONOUN_REACH * 2]
        return Speaker(before[-1][1], 0.7, "document") if before else None

    def _pronoun(self, token: Token) -> Speaker | None:
        # "he said" -> the person named just before (outside quotation marks).
        if token.lower_ not in PERSON_PRONOUNS:
            return None
        entity = self.person_before(token.idx, token.lower_)
        return Speaker(self.canonical(entity), 0.7, "pronoun") if entity is not None else None

    def _surname(self, token: Token) -> Speaker | None:
        # "Chaffetz said" where the NER missed the name: the one person with that surname; "Tamara adds"
        # (a reporter by her first name): the one person with that first name.
        if token.pos_ not in {"PROPN", "NOUN"}:
            return None
        entity = self._surname_person(token)
        if entity is not None:
            return Speaker(entity, 0.8, "named")
        if token.is_title and self.ctx.entity_at(token) is None and token.text in self._first_names:
            return Speaker(self._first_names[token.text], 0.7, "named")
        return None

    @cached_property
    def _first_names(self) -> dict[str, Entity]:
        """First word of each person's full name -> the person, when only one person has it."""
        owners: dict[str, set[Entity]] = {}
        for entity in self.ctx.entities.entities:
            if entity.kind == PERSON and " " in entity.name:
                owners.setdefault(entity.name.split()[0], set()).add(entity)
        return {word: next(iter(people)) for word, people in owners.items() if len(people) == 1}

    def _epithet(self, token: Token) -> Speaker | None:
        # "the Kentucky Republican said": a party word with "the" stands for the person just named.
        entity = self.ctx.entity_at(token)
        if entity is None or entity.cls != Cls.PoliticalParty or not any(c.lower_ == "the" for c in token.children):
            return None
        person = self.person_before(token.idx)
        return Speaker(person, 0.6, "epithet") if person is not None else None

    def _title(self, token: Token) -> Speaker | None:
        # "the minister said" -> the one person the article calls minister.
        if token.pos_ not in {"NOUN", "PROPN"} or not any(c.lower_ == "the" for c in token.children):
            return None
        entity = self._head_of_state(token) or (self._office_holder(token) if token.lower_ in self._offices else None)
        if entity is not None:
            return Speaker(entity, 0.7, "title")
        # "the lawmaker told": a word for a person, with no title in the article to match it.
        entity = self.person_before(token.idx) if token.lower_ in PERSON_NOUNS else None
        return Speaker(entity, 0.6, "title") if entity is not None else None

    @cached_property
    def _organization_heads(self) -> dict[str, list[tuple[int, Entity]]]:
        """Last word of each organization's name (lower case) -> where the article names it, in order."""
        heads: dict[str, list[tuple[int, Entity]]] = {}
        for ent in self.ctx.doc.ents:
            entity = self.ctx.entities.of(ent)
            if entity is not None and entity.kind == ORGANIZATION and " " in entity.name:
                heads.setdefault(entity.name.split()[-1].lower(), []).append((ent.start_char, entity))
        return heads

    def _name_head(self, token: Token) -> Speaker | None:
        # "the review states" -> the Nuclear Posture Review: "the" and the last word of one organization's
        # name that the article gave before.
        if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children):
            return None
        named = {entity for char, entity in self._organization_heads.get(token.lower_, ()) if char < token.idx}
        return Speaker(next(iter(named)), 0.7, "title") if len(named) == 1 else None

    @cached_property
    def _organizations(self) -> list[tuple[int, Entity]]:
        """Organizations named outside quotation marks, by offset."""
        return [(ent.start_char, entity) for ent in self.ctx.doc.ents
                if (entity := self.ctx.entities.of(ent)) is not None and entity.kind == ORGANIZATION
                and not self.inside_quote(ent.start_char)]

    def _organization_noun(self, token: Token) -> Speaker | None:
        # "The IRS released figures. ... the agency reported": the one organization of the noun's kind named
        # shortly before; none when two could be meant.
        classes = ORGANIZATION_NOUNS.get(token.lemma_.lower())
        if classes is None or token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children) \
                or any(c.dep_ in {"compound", "poss", "amod"} for c in token.children):
            return None
        named = [(char, entity) for char, entity in self._organizations
                 if char < token.idx and token.idx - char <= ORGANIZATION_REACH and entity.cls in classes]
        entity = self._salient(token, named)
        return Speaker(entity, 0.6, "title") if entity is not None else None

    def _state_noun(self, token: Token) -> Speaker | None:
        # "Texas responded that ... “...,” the state said": the one state (region) named shortly before.
        if token.lemma_.lower() != "state" or token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children) \
                or any(c.dep_ in {"compound", "poss", "amod"} for c in token.children):
            return None
        named = [(ent.start_char, entity) for ent in self.ctx.doc.ents
                 if (entity := self.ctx.entities.of(ent)) is not None and entity.cls == Cls.Region
                 and ent.start_char < token.idx and token.idx - ent.start_char <= ORGANIZATION_REACH
                 and not self.inside_quote(ent.start_char)]
        entity = self._salient(token, named)
        return Speaker(entity, 0.6, "title") if entity is not None else None

    def _salient(self, token: Token, named: list[tuple[int, Entity]]) -> Entity | None:
        """The one entity "the state"/"the agency" can stand for among those named before it: the only one, or
        else the latest one when it is the subject of the sentence before the noun's own (or of that sentence):
        "Texas responded that ... after a case from Alabama ... “...,” the state said" is Texas."""
        if len({entity for _, entity in named}) == 1:
            return named[0][1]
        if not named:
            return None
        char, latest = max(named, key=lambda n: n[0])
        subject = self._head_at(char)
        if subject is None:
            return None
        own = token.sent
        previous = self.ctx.doc[own.start - 1].sent if own.start > 0 else own
        return latest if subject.dep_ in SUBJECTS and subject.sent in (own, previous) else None

    def _back_reference(self, token: Token) -> Speaker | None:
        """"it said", "the statement said", "the spokeswoman said": the source quoted just before.

        "it" continues an organization; "the statement" (with no author of its own) the last source
        heard; "the spokeswoman" the last one that spoke through a spokesperson or is an organization.
        """
        word = token.lemma_.lower()
        the = any(c.lower_ == "the" for c in token.children)
        # "A spokeswoman told the Post" with no "for X" after "The DNC said ...": the organization just heard
        unnamed_spokesperson = word in SPOKESPERSON_NOUNS - DOCUMENT_NOUNS and any(
            c.lower_ in {"a", "an"} for c in token.children) and not any(c.dep_ in {"prep", "poss"} for c in token.children)
        if token.lower_ in BACK_PRONOUNS and (token.dep_ != "nsubj" or any(c.dep_ == "auxpass" for c in token.head.children)):
            return None  # "It is noted that ...": no one, the "it" of a passive
        if token.lower_ not in BACK_PRONOUNS and not (the and word in DOCUMENT_NOUNS | SPOKESPERSON_NOUNS) \
                and not unnamed_spokesperson:
            return None
        i = bisect.bisect_left(self._heard, token.idx, key=lambda h: h[0]) - 1
        if i < 0 or token.idx - self._heard[i][0] > BACK_REACH:
            # "A spokeswoman for the state police confirmed it. ... the spokeswoman said": whom she speaks for
            return self._spokesperson_before(token) if the and word in SPOKESPERSON_NOUNS - DOCUMENT_NOUNS else None
        source = self._heard[i][1]
        if token.lower_ in BACK_PRONOUNS or word in SPOKESPERSON_NOUNS - DOCUMENT_NOUNS:  # (a person's statement too)
            if source.entity.kind != ORGANIZATION and source.how != "spokesperson":
                return None
        return Speaker(source.entity, min(source.confidence, 0.6), "back-reference")

    def _spokesperson_before(self, token: Token) -> Speaker | None:
        """The organization the last "a spokeswoman for X" before ``token`` (within reach) speaks for."""
        for earlier in reversed(self.ctx.doc[max(0, token.i - 200):token.i]):
            if earlier.lemma_.lower() == token.lemma_.lower() and not self.inside_quote(earlier.idx):
                found = self._spokesperson(earlier)
                return Speaker(found.entity, 0.6, "back-reference") if found is not None else None
        return None

    def _document(self, token: Token) -> Speaker | None:
        # "Chu's letter said", "a statement by Obama said", "Obama's statement said": its author.
        noun = token.lemma_.lower()
        if noun not in DOCUMENT_NOUNS and noun not in STUDY_NOUNS:
            return None
        if noun in STUDY_NOUNS:
            return self._study(token)
        for child in token.children:
            owner = child if child.dep_ == "poss" else None
            if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                owner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if owner is None:
                continue
            entity = self.ctx.entity_at(owner)
            if entity is not None and entity.kind == ORGANIZATION:
                entity = self._surname_person(owner) or entity
            if entity is not None and entity.kind in (PERSON, ORGANIZATION):
                return Speaker(entity, 0.8, "document")
            person = self._surname_person(owner)
            if person is not None:
                return Speaker(person, 0.8, "document")
        # "The statement — from House Speaker John Boehner, ... — said": the first author named after "from"
        # or "by" before the verb, however the parse hung the phrase
        verb = token.head
        words = token.doc[token.i + 1:verb.i] if verb.i > token.i else ()
        for i, word in enumerate(words):
            if word.lower_ in {"by", "from"}:
                authors = (e for t in words[i + 1:] if (e := self.ctx.entity_at(t)) is not None)
                entity = next(authors, None)
                if entity is not None and entity.kind in (PERSON, ORGANIZATION):
                    return Speaker(self.canonical(entity), 0.8, "document")
                break
        return None


def _year(date: object) -> int | None:
    value = read_date(date).value
    return int(value[:4]) if value and value[:4].isdigit() else None


def _mistyped_person(entity: Entity) -> bool:
    """A one-word name typed an organization of no known kind, where a title says it is a person
    ("President Trump" with "Trump" typed an organization)."""
    return entity.kind == ORGANIZATION and entity.cls == Cls.Organization and " " not in entity.name \
        and entity.name.istitle()


def _is_main_subject(token: Token) -> bool:
    """The subject of its sentence's main verb (or of a verb joined to it by "and"), or a name in
    apposition to one: not the subject of a clause inside the sentence ("Trump kept up the attack,
    saying Kavanaugh had withstood it": Trump, not Kavanaugh)."""
    if token.dep_ == "appos":
        token = token.head
    if token.dep_ not in SUBJECTS:
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    # (a parse that runs a paragraph's sentence on from the one before hangs its verb there)
    return verb.dep_ == "ROOT" or (token.i < verb.i and _crosses_paragraph(verb.head, token))


# Cue verbs whose passive subject is the one spoken to ("she was told", "reporters were warned").
HEARER_VERBS = {"tell", "inform", "ask", "brief", "assure", "warn", "advise", "remind"}


def _is_subject(token: Token) -> bool:
    """A subject, or a name in apposition to one ("The group's director, Pia Carusone, says")."""
    return token.dep_ in SUBJECTS or (token.dep_ == "appos" and token.head.dep_ in SUBJECTS)


def subject_of(verb: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The subject of a cue verb, or of the verb it hangs from ("..., adding that ...", "closed by
    saying"); the first of :func:`subjects_of`."""
    subjects = subjects_of(verb, quoted)
    return subjects[0] if subjects else None


def subjects_of(verb: Token, quoted: Callable[[int], bool] | None = None) -> list[Token]:
    """The subjects of a cue verb, or of the verb it hangs from, those outside quotation marks first.

    ``quoted`` tells whether a character offset lies inside quotation marks: a subject there is
    one the parse took from the quotation (``"Hello?" she said`` gives "said" two subjects,
    "Hello" and "she"). A verb may have two subjects outside the marks too ("law professor and
    commentator Jonathan Adler wrote" parsed as "professor" and "Adler").
    """
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and not any(c.dep_ in SUBJECTS for c in verb.children):
        # "X declined to answer whether the attack was a hate crime, saying, ...": a participle speaks for a
        # subject of the verbs above it, nearest first; the parse may hang it on a clause whose subject is
        # no one (never past a paragraph break: a parse may run a sentence over one). Not one below a
        # preposition: "denounced Clinton for calling them ...", the calling is Clinton's.
        found = []
        for ancestor in verb.ancestors:
            if _crosses_paragraph(ancestor, verb):
                break
            found += [c for c in ancestor.children if c.dep_ in SUBJECTS and c.i < verb.i and c not in found]
        # ", telling Fox News: ..." after a comma modifies the sentence: its main subject first ("Rogers suggested
        # Obama missed briefings, telling Fox News: “...”" is Rogers, whatever clause the parse hung it on)
        comma_led = verb.i > 0 and verb.nbor(-1).text == ","
        return sorted(found, key=lambda c: (quoted is not None and quoted(c.idx), _crosses_paragraph(c, verb),
                                            comma_led and c.head.dep_ != "ROOT"))
    for _ in range(4):
        # "..., Fox News is told": the subject of a passive "told" heard it, it did not say it
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS
                    and not (c.dep_ == "nsubjpass" and verb.lemma_ in HEARER_VERBS)]
        # a subject in another paragraph is a headline the parse ran into the sentence ("No deal in
        # sight\n\nCollins said ..." gives "said" the subjects "deal" and "Collins")
        subjects.sort(key=lambda c: (quoted is not None and quoted(c.idx), _crosses_paragraph(c, verb)))
        if subjects:
            return subjects
        if verb.dep_ == "prep" and verb.head is not verb:
            verb = verb.head  # "closed by saying": the preposition hangs from the verb with the subject
            continue
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in DOCUMENT_NOUNS and verb.head.dep_ == "dobj":
            verb = verb.head.head  # "X issued a statement saying ...": the subject of the verb that made it
            continue
        if verb.dep_ not in CLAUSE_LINKS or verb.head is verb:
            return []
        verb = verb.head
    return []


def _crosses_paragraph(a: Token, b: Token) -> bool:
    first, last = (a, b) if a.i < b.i else (b, a)
    return any("\n" in t.text or "\n" in t.whitespace_ for t in first.doc[first.i:last.i])


def addressee(ctx: Context, verb: Token) -> tuple[str | None, Entity | None]:
    """Who or what received the words: ("BBC", BBC entity) for "told the BBC", ("statement", None)."""
    for child in verb.children:
        if verb.lemma_ == "tell" and child.dep_ in {"dobj", "dative", "iobj"}:
            return _named_in(ctx, child) or (_phrase(child), None)
        if child.dep_ != "prep":
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        if child.lower_ == "in" and obj.lemma_.lower() in MEDIUM_NOUNS:
            # "in an interview with CNN" -> CNN; "in a statement" -> statement.
            for grand in obj.children:
                if grand.dep_ == "prep" and grand.lower_ == "with":
                    named = _named_in(ctx, grand)
                    if named is not None:
                        return named
            return obj.lemma_.lower(), None
        if child.lower_ == "on":
            named = _named_in(ctx, obj)
            if named is not None:
                return named
            if obj.lower_ in PLATFORMS:
                return obj.text, None
        if child.lower_ == "to" and verb.lemma_ in {"say", "write", "explain", "tell"}:
            return _named_in(ctx, obj) or (_phrase(obj), None)
    if verb.lemma_ == "tweet":
        return "Twitter", None
    return None, None


def _named_in(ctx: Context, token: Token) -> tuple[str, Entity] | None:
    for t in token.subtree:
        entity = ctx.entity_at(t)
        if entity is not None and entity.kind in (PERSON, ORGANIZATION):
            return entity.name, entity
    return None


def _phrase(token: Token) -> str:
    words = [t for t in token.subtree if t.dep_ not in {"det", "punct"} and not t.is_punct]
    return " ".join(t.text for t in words[:6])
