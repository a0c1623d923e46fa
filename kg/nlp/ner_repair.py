"""A spaCy component that turns the statistical NER into typed entity mentions.

After it runs, ``doc.ents`` holds only the mentions kg cares about, labelled with
ontology class names (``Person``, ``Country``, ``MediaOrganization`` ...), and each
span's ``span._.kg_source`` says how sure the label is (``ner`` < ``cue`` < ``gazetteer``).
It repairs what the small English model gets wrong in news text:

- gazetteer places, demonyms and government metonyms ("Ukrainian" tagged GPE, "Kyiv"
  tagged PERSON, "the Kursk region" tagged PRODUCT);
- media names the model splits or misses ("24 Channel" tagged CARDINAL);
- names whose type a neighbouring noun reveals ("the company Prisma", "think tank X");
- names whose own words reveal their type: a given name before a surname makes a person
  ("Olaf Scholz" tagged ORG), as does an honorific or title right before a name ("President
  Trump" tagged ORG); a company's legal form or business word at the end makes a company
  ("Altair Engineering" tagged PERSON, "New Street Research LLC");
- sources after "according to" / "with reference to" ("according to the General Staff");
- "City, State" pairs, where the state's abbreviation shows the city is a place
  ("ROCK HILL, S.C." tagged ORG, "Oologah, Okla" tagged PERSON);
- monitoring-service source lines ("PM2303111794 Moscow IZVESTIYA in Russian 23 Mar 94"),
  whose capitalised outlet the model leaves untagged or glues to the city.

The component does two named steps, like spaCy's own ``span_ruler``: find candidate
spans, then annotate the doc with the best non-overlapping ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.vocab import Cls, ORGANIZATION_CLASSES
from kg.nlp.lexicon import Lexicon, load_lexicon

COMPONENT = "kg_entity_repair"

# Strength of the evidence behind a label, used when mentions of one name disagree.
SOURCE_WEIGHT = {"ner": 1, "cue": 2, "gazetteer": 3}

# spaCy's OntoNotes labels -> the ontology class a mention starts as.
NER_CLASS = {"PERSON": Cls.Person, "ORG": Cls.Organization, "GPE": Cls.Place, "LOC": Cls.Place, "FAC": Cls.Place}

# Labels the model gives to things that may hide a real name ("24 Channel" as CARDINAL).
LOOSE_LABELS = {"CARDINAL", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW", "ORDINAL", "QUANTITY"}

# Phrases after which a capitalised name is a source being cited.
SOURCE_INTRODUCERS = (("according", "to"), ("with", "reference", "to"), ("citing",), ("quoting",))
INTRODUCER_FIRST_WORDS = frozenset(phrase[0] for phrase in SOURCE_INTRODUCERS)

# Words between a place and "police" that keep it that place's force ("New South Wales state police"), and the
# unit words after it ("the Dallas police department").
POLICE_MODIFIERS = {"state", "city", "county", "municipal", "local", "provincial", "national", "federal", "metropolitan",
                    "metro", "regional", "capitol", "park", "transit", "tribal", "district", "border"}
POLICE_UNITS = {"department", "force", "service"}
# A state's or a country's police in lower case is one force only when the words say its level ("the Ohio state
# police"); a city's is its department ("Tulsa police").
FORCE_LEVELS = {Cls.Region: {"state", "provincial"}, Cls.Country: {"national", "federal"}}

# Kinds of organization a name joined to one by "and" shares ("BuzzFeed and The Intercept").
CONJOINED_CLASSES = {Cls.Organization, Cls.Company, Cls.MediaOrganization}

# Documents whose maker "according to a X analysis" names.
MADE_DOCUMENTS = {"analysis", "poll", "survey", "study", "report", "review", "estimate", "estimates", "tally", "count", "data"}

# The document number a monitoring service (FBIS, BBC Monitoring) puts before a source line:
# "PM2303111794", "94AS0286D", "944E0738B".
MONITORING_ID = re.compile(r"^(?=.*\d.*\d.*\d.*\d)[A-Z0-9]{8,14}$")

# The last word of an event's name, which the model often tags ORG ("the Labour Party Conference").
EVENT_HEADS = {"conference", "summit", "festival", "games", "olympics", "championship", "championships", "cup",
               "awards", "convention", "show", "tournament", "exhibition", "expo", "marathon"}

# Endings that make a place name its people ("Gibraltarians", "Californians", "Londoners").
PEOPLE_SUFFIXES = ("ians", "ans", "ns", "ers", "ites")

# An initial inside a person's name: "W.", "H.W.", "J".
INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")

# A surname with a capital inside ("McDonnell", "DeSantis", "MacArthur", "O'Rourke"): str.istitle() says no.
INNER_CAPITAL_NAME = re.compile(r"^(?:[A-Z][a-z]{1,2}|O['\u2019])[A-Z][a-z]+$")

# Lower-case words inside place names ("Rio de Janeiro", "Dar es Salaam").
NAME_PARTICLES = {"de", "da", "do", "dos", "del", "es", "la", "le", "al", "el", "von", "van"}

if not Span.has_extension("kg_source"):
    Span.set_extension("kg_source", default="ner")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    cls: str
    source: str


@Language.factory(COMPONENT)
def make_entity_repair(nlp: Language, name: str) -> EntityRepair:
    return EntityRepair(nlp, load_lexicon())


# Quotation marks around a program's name, and the small words its title may hold.
OPENING_MARKS = {'"', "\u201c", "\u2018", "'"}
CLOSING_MARKS = {'"', "\u201d", "\u2019", "'"}
PROGRAM_SMALL_WORDS = {"the", "of", "with", "and", "at", "in", "on", "a", "for", "to"}

# Capitalised words that open a title phrase and that the model may glue to the organization before it
# ("ABC News Foreign correspondent", "NBC News Senior political analyst").
TITLE_MODIFIERS = {"foreign", "chief", "senior", "deputy", "political", "national", "executive", "managing",
                   "legal", "medical", "economic", "investigative", "congressional", "diplomatic", "security"}

# Nouns that describe a person in apposition to a name ("X, the former head of Y, said"), besides titles.
PERSON_ROLES = {
    "head", "analyst", "economist", "professor", "researcher", "expert", "founder", "author", "official",
    "lawyer", "attorney", "activist", "organizer", "organiser", "student", "teacher", "doctor", "nurse", "worker",
    "scientist", "fellow", "resident", "owner", "veteran", "strategist", "consultant", "historian", "pastor",
    "mother", "father", "son", "daughter", "wife", "husband", "widow", "member", "leader", "candidate", "voter",
}

# Lowercase nouns that make a person's name before them an organization's: "the Obama administration"
# (the government in his time), "the Trump campaign".
LEADER_BODIES = {"administration": Cls.GovernmentOrganization, "campaign": Cls.Organization}


class EntityRepair:
    """Relabel and repair ``doc.ents`` with gazetteers, name patterns and context cues."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.gazetteer = PhraseMatcher(nlp.vocab, attr="ORTH")
        surfaces = set(lexicon.places) | set(lexicon.demonyms) | set(lexicon.governments) | set(lexicon.media) | set(lexicon.parties)
        surfaces |= set(lexicon.international) | set(lexicon.pollsters)
        self.gazetteer.add("GAZETTEER", list(nlp.tokenizer.pipe(sorted(surfaces))))
        # Datelines write places in capitals ("PERUGIA, Italy (AP)"): match those case-blind.
        self.gazetteer_caps = PhraseMatcher(nlp.vocab, attr="LOWER")
        places = sorted(s for s in lexicon.places if len(s) > 3)
        self.gazetteer_caps.add("GAZETTEER", list(nlp.tokenizer.pipe(places)))
        self.media = Matcher(nlp.vocab)
        media_heads = sorted(
            cue for cue, (cls, where) in lexicon.org_cues.items() if cls == Cls.MediaOrganization and where != "before"
        )
        name_token = {"IS_TITLE": True, "IS_SENT_START": False}
        number = {"LIKE_NUM": True}
        head = {"LOWER": {"IN": media_heads}, "IS_TITLE": True}
        # "24 Channel", "Sky News", "Fox News Channel"; "Channel 4".
        self.media.add("MEDIA", [[{**number, "OP": "?"}, {**name_token, "OP": "*"}, head], [head, number]])
        self.type_nouns = {cue: cls for cue, (cls, where) in lexicon.org_cues.items() if where != "name"}
        self.outlet_surfaces = lexicon.media | lexicon.outlet_names  # every name kg knows an outlet by

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.find(doc)
        self.annotate(doc, candidates)
        return doc

    # -- find -----------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Candidate]:
        """Candidate mentions from the model, the gazetteer and the name patterns."""
        found = _join_org_of_place(doc, _join_split_names(doc, [c for ent in doc.ents if (c := self._from_ner(ent)) is not None]))
        found = _join_org_and_org(doc, found, self.lexicon)
        found.extend(self._possessive_outlets(doc))
        ner_tokens = {i for ent in doc.ents if ent.label_ not in LOOSE_LABELS - {"NORP"} for i in range(ent.start, ent.end)}
        people = {(ent.start, ent.end) for ent in doc.ents if ent.label_ == "PERSON"}
        for _, start, end in self.gazetteer(doc):
            cls = self._gazetteer_class(doc[start:end])
            capital = doc[start:end].text in self.lexicon.capitals
            if cls == Cls.City and not capital and ((start, end) in people or self._after_title(doc, start)):
                continue  # "President Lincoln", "Jack London": a person, not the city
            if doc[start:end].text in self.lexicon.pollsters and any(
                    ent.start <= start and end <= ent.end and (ent.start, ent.end) != (start, end) for ent in doc.ents):
                continue  # "Scott Rasmussen" (the man), "Global Change Research" (no pollster): the longer name
            first = doc[start]
            # A capitalised name of several words is a name even where the tagger read an adjective
            # ("Liberal Democrat Sarah Teather" at the start of a sentence).
            several = end - start > 1 and all(t.is_title or t.is_upper or not t.is_alpha for t in doc[start:end])
            supported = start in ner_tokens or first.tag_ in {"NNP", "NNPS"} or cls == Cls.Country or several
            common_word_risk = (
                cls in {Cls.City, Cls.Region} and first.is_sent_start and end - start == 1 and first.text not in self.lexicon.capitals
            )
            if cls == Cls.Country and start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"pro", "anti"}:
                continue  # "pro-Russian former President Viktor Yanukovych": a leaning, not a country
            if cls and supported and not (common_word_risk and start not in ner_tokens):
                found.append(Candidate(start, end, cls, "gazetteer"))
        for _, start, end in self.gazetteer_caps(doc):
            span = doc[start:end]
            if span.text.isupper() and any(t.is_alpha for t in span):
                cls = self._gazetteer_class(span)
                if cls:
                    found.append(Candidate(start, end, cls, "gazetteer"))
        for _, start, end in self.media(doc):
            if self._office_inside(doc[start:end]) is None:  # not "White House Press| Secretary"
                found.append(Candidate(start, end, Cls.MediaOrganization, "cue"))
        found.extend(self._cited_sources(doc))
        found.extend(self._conjoined_organizations(doc, found))
        found.extend(self._place_police(doc, found))
        found.extend(self._speaking_people(doc, ner_tokens))
        found.extend(self._bare_surnames(doc, ner_tokens))
        found.extend(self._programs(doc))
        found.extend(self._party_members(doc, ner_tokens))
        found.extend(self._companies_of_executives(doc, ner_tokens))
        found.extend(self._named_with_acronym(doc, ner_tokens))
        for city, region in self._city_region(doc):
            found = [c for c in found if c.end <= city.start or c.start >= region.end]
            found.extend((city, region))
        for place, outlet, close in self._source_lines(doc):
            # The line's language and time are no names ("in Serbo-Croatian 2000 GMT").
            found = [c for c in found if c.end <= place.start or c.start >= close and doc[c.start].text != "GMT"]
            found.extend((place, outlet))
        return self._surnames_read_as_organizations(doc, found)

    def _city_region(self, doc: Doc) -> list[tuple[Candidate, Candidate]]:
        """(city, region) for each "Lubbock, Texas", "ROCK HILL, S.C.", "Whitingham, Vt": a capitalised
        name, a comma and a gazetteer region (a US state, a province ...) closing the phrase."""
        found = []
        for comma in doc:
            i = comma.i
            if comma.text != "," or i == 0 or i + 1 >= len(doc):
                continue
            region = self._region_after(doc, i + 1)
            if region is None:
                continue
            start = i
            while start > 0 and i - start < 4 and _name_like(doc[start - 1]) and doc[start - 1].is_alpha:
                start -= 1
            if start > 0 and doc[start - 1].text in CITY_PREFIXES:
                start -= 1  # "St. Paul, Minnesota", "Ft. Worth, Texas"
            while start < i - 1 and doc[start].is_sent_start and doc[start].is_stop:
                start += 1  # "In Council Bluffs, Iowa, ...": the sentence's capitalised first word is no name's
            name = doc[start:i]
            if not name or name[0].lower_ in NAME_PARTICLES or self._gazetteer_class(name) is not None:
                continue
            if any(t.tag_ == "UH" or t.lower_ in GREETINGS for t in name):
                continue  # "Hello, Iowa", "Thanks, Ohio!": a greeting
            if any(ent.label_ == "PERSON" and len(ent) > 1 for ent in name.ents) and not name.text.isupper():
                continue  # a full personal name stays a person ("said John Smith, Texas.")
            found.append((Candidate(start, i, Cls.City, "cue"), Candidate(i + 1, region, Cls.Region, "gazetteer")))
        return found

    def _region_after(self, doc: Doc, start: int) -> int | None:
        """The end of a gazetteer region name at ``doc[start]`` that closes its phrase, or None."""
        for size in (3, 2, 1):
            end = start + size
            if end > len(doc):
                continue
            text = doc[start:end].text
            place = self.lexicon.place_named(text) or self.lexicon.place_named(text + ".")
            if place is None or place.cls != Cls.Region or not doc[start].text[:1].isupper():
                continue
            if end == len(doc) or doc[end].is_punct or doc[end].is_space:
                return end
        return None

    def _after_title(self, doc: Doc, start: int) -> bool:
        """Whether a title or honorific stands right before a token ("President", "Mr")."""
        if start == 0:
            return False
        before = doc[start - 1].lower_
        return before in self.lexicon.titles or before in self.lexicon.honorifics

    def _from_ner(self, ent: Span) -> Candidate | None:
        cls = NER_CLASS.get(ent.label_)
        if cls is None:
            return None
        following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if cls in {Cls.Person, Cls.Organization} and following is not None and following.text in LEADER_BODIES:
            # "the Trump administration said", "the Romney campaign": the body a leader's name heads
            return Candidate(ent.start, ent.end + 1, LEADER_BODIES[following.text], "cue")
        if cls in {Cls.Person, Cls.Organization} and following is not None and following.tag_ == "POS" and ent.end + 1 < len(ent.doc) \
                and ent.doc[ent.end + 1].text in LEADER_BODIES and len(ent) == 1 and not self._after_title(ent.doc, ent.start):
            # "Romney's campaign quickly pointed out", "Trump’s campaign chairman": the same body by its possessive
            return Candidate(ent.start, ent.end + 2, LEADER_BODIES[ent.doc[ent.end + 1].text], "cue")
        if not any(ch.isalpha() for ch in ent.text) or ent.text.islower() or ent.text in PAGE_CHROME:
            return None  # (and "CLOSE", "ADVERTISEMENT": a web page's buttons left in the text)
        if self._names_a_people(ent) or ent[-1].lower_ in EVENT_HEADS and len(ent) > 1:
            return None  # "Most Gibraltarians said", "the Conservative Party Conference": no organization
        if cls == Cls.Person:
            owner_end = _possessive_inside(ent)
            if owner_end is not None:
                # "Politico’s Anna Palmer": the model ran the owner into the name; the person is who follows
                return self._from_ner(Span(ent.doc, owner_end + 1, ent.end, label=ent.label_))
            if len(ent) > 1 and ent[-1].tag_ == "POS" and ent[-1].lower_ in POSSESSIVES:
                # "Politico’s| Anna Palmer": the model ran the possessive into the owner's name
                return self._from_ner(Span(ent.doc, ent.start, ent.end - 1, label=ent.label_))
            if len(ent) > 2 and ent[-1].is_lower and ent[-1].pos_ in {"ADP", "CCONJ", "DET"}:
                # "Kay Hagan of| North Carolina": the model ran the name into the word after it
                return self._from_ner(Span(ent.doc, ent.start, ent.end - 1, label=ent.label_))
            if len(ent) == 1 and ent[0].lower_ in self.lexicon.name_heads:
                return None  # "Award" of "Bipartisan Justice Award": the head of a thing's name, no person
            if len(ent) >= 3 and ent[-1].lower_ in NEVER_SURNAMES and ent[-1].is_title:
                # "Paul M. Hebert Law Center", "Peter O'Donnell Jr. Brain Institute": named after a person
                cls = self.lexicon.org_cues.get(ent[-1].lower_, (Cls.Organization, ""))[0]
                return Candidate(ent.start, ent.end, cls, "cue")
            if all(t.lower_ in self.lexicon.honorifics for t in ent):
                return None  # "Rear" of "Rear Adm. John Kirby": a rank, no name
            if len(ent) == 1 and ent.text.isupper() and len(ent.text) > 1 and ent.text.title() not in self.lexicon.given_names:
                return None  # "Operation Warp SPEED": one word in capitals is emphasis or an acronym, not a person
            described = self._described_as(ent)
            if described is not None:
                return Candidate(ent.start, ent.end, described, "cue")
            if self._company_name(ent):
                return Candidate(ent.start, ent.end, Cls.Company, "cue")
            if len(ent) >= 2 and (len(ent) == 2 or ent[0].text not in self.lexicon.given_names) \
                    and (cue := self._two_word_cue(ent[-2], ent[-1])) is not None and cue[1] != "before":
                return Candidate(ent.start, ent.end, cue[0], "cue")  # "Marine Corps", "Air Force": no person's name
            if self._outlet_in_news_role(ent):
                return Candidate(ent.start, ent.end, Cls.MediaOrganization, "cue")
            start = self._name_start(ent)
            if start != ent.start:
                return Candidate(start, ent.end, Cls.Person, "ner")
        elif self._person_name(ent):
            return Candidate(ent.start, ent.end, Cls.Person, "cue")
        elif ent.label_ == "GPE" and len(ent) == 1 and ent.text.isupper() and ent.text.isalpha() and len(ent.text) >= 3 \
                and self.lexicon.place_named(ent.text) is None and ent.text not in PAGE_CHROME:
            # "NRA", "AFL": an acronym the model took for a place that no gazetteer knows is an organization's
            return Candidate(ent.start, ent.end, Cls.Organization, "ner")
        elif ent.label_ == "FAC" and self._organization_named(ent):
            # "the Brennan Center for Justice", "Buckingham Wealth Partners": an organization the model took for a building
            return Candidate(ent.start, ent.end, self._organization_class(ent), "ner")
        if cls == Cls.Organization:
            opening = next((t.i for t in ent[1:] if t.text == "("), None)
            if opening is not None:
                ent = ent.doc[ent.start : opening]  # "Club for Growth Action (CFGA": the name ends at its acronym's bracket
            while len(ent) > 1 and ent[0].lower_ in {"retired", "former"}:
                ent = ent[1:]  # "Retired| Army Gen. David Petraeus": a status, no part of the name
            while len(ent) > 1 and ent[-1].is_lower and ent[-1].lower_ in self.lexicon.org_cues:
                ent = ent[:-1]  # "The Associated Press| news| agency": the kind after the name is no part of it
            ent = self._name_run_on(ent)
            ent = self._without_title_modifiers(ent)
            if ent is None:
                return None
            office = self._office_inside(ent)
            if office is not None:  # "White House Press| Secretary X": the organization ends before the office
                if office == ent.start:
                    return None  # "Labor| Secretary X": the office's own word, no organization
                ent = ent.doc[ent.start : office]
            words = [t.lower_ for t in ent if not (t.is_punct or t.tag_ == "POS" or t.lower_ == "the")]
            if words and all(w in self.lexicon.org_cues or w in self.lexicon.company_suffixes or w in EVENT_HEADS
                             for w in words) and not self._armed_service(ent):
                return None  # "the Group", "Company", "LLC", "Conference": a cue word alone names nothing
            cls = self._organization_class(ent)
            if ent.text.removeprefix("the ").removeprefix("The ") in self.lexicon.outlet_names:
                cls = Cls.MediaOrganization  # only where the model saw an organization: "Time", "Reason" are words too
        return Candidate(ent.start, ent.end, cls, "ner")

    def _name_start(self, ent: Span) -> int:
        """Where a person's name starts inside the model's span: past capitalised descriptors before a given
        name ("Brexiteer| Andrea Leadsom", "Supreme Knight| Carl A. Anderson"); at least a given name and one
        more word remain, and a first word that is itself a given name stays ("Mary Ann Smith")."""
        start, given = ent.start, self.lexicon.given_names
        while ent.end - start >= 3 and ent.doc[start].text not in given and ent.doc[start + 1].text in given:
            if not ent.doc[start].is_title:
                break
            start += 1
        if start == ent.start and ent.end - start >= 2 and ent[0].is_sent_start and ent[0].text not in given \
                and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" and self._named_elsewhere(ent[1:]):
            # "Longtime| Obama aides ...": a capitalised opening word before a name that modifies a noun, where
            # the text uses the name alone elsewhere
            return start + 1
        if start == ent.start:
            while ent.end - start >= 4 and ent.doc[start].text not in given and ent.doc[start].is_title \
                    and ent.doc[start + 1].is_title and ent.doc[start + 1].text not in given and ent.doc[start + 2].text in given:
                start += 2  # two descriptors: "Supreme Knight Carl A. Anderson"
        return start

    @staticmethod
    def _named_elsewhere(rest: Span) -> bool:
        """Whether the doc names a person ``rest`` (or one whose name ends with it) in another place, not
        at a sentence's start."""
        words = rest.text.split()
        for other in rest.doc.ents:
            if other.label_ == "PERSON" and other.start != rest.start - 1 and not other[0].is_sent_start \
                    and other.text.split()[-len(words):] == words:
                return True
        return False

    def _armed_service(self, ent: Span) -> bool:
        """A capitalised cue word of a military unit that is a force's name on its own: "the Army", "Navy"."""
        words = [t for t in ent if t.lower_ != "the"]
        cue = self.lexicon.org_cues.get(" ".join(t.lower_ for t in words))
        return cue is not None and cue[0] == Cls.MilitaryUnit and all(t.is_title for t in words)

    def _possessive_outlets(self, doc: Doc) -> list[Candidate]:
        """The outlet the model ran into the name of its journalist ("Politico’s Anna Palmer" tagged as one
        person): the owner before the possessive, where it is a known outlet's name."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            owner_end = _possessive_inside(ent)
            if owner_end is None and len(ent) > 1 and ent[-1].tag_ == "POS" and ent[-1].lower_ in POSSESSIVES:
                owner_end = ent.end - 1  # "Politico’s| Anna Palmer": the model tagged the owner and left the name
                journalist = self._untagged_name_at(doc, ent.end)
                if journalist is not None and doc[ent.start : owner_end].text.removeprefix("The ") in self.outlet_surfaces:
                    found.append(journalist)
            if owner_end is None:
                continue
            owner = doc[ent.start : owner_end]
            if owner.text.removeprefix("The ") in self.outlet_surfaces:
                found.append(Candidate(owner.start, owner.end, Cls.MediaOrganization, "cue"))
        return found

    def _untagged_name_at(self, doc: Doc, start: int) -> Candidate | None:
        """A person's name the model left untagged at ``start``: a given name and one or two more name words."""
        end = start
        while end < min(len(doc), start + 3) and doc[end].ent_iob_ == "O" and self._name_word(doc[end]):
            end += 1
        if end - start >= 2 and doc[start].text in self.lexicon.given_names and (end >= len(doc) or not doc[end].is_title):
            return Candidate(start, end, Cls.Person, "cue")
        return None

    def _outlet_in_news_role(self, ent: Span) -> bool:
        """A known outlet's name the model calls a person where only an outlet fits: told ("told
        Politico"), the one whose journalist it is ("Politico's Anna Palmer"), or reporting ("Axios
        reported"). Elsewhere "Time" and "Reason" stay whatever the model said."""
        if ent.text.removeprefix("the ").removeprefix("The ") not in self.lexicon.outlet_names:
            return False
        root = ent.root
        if root.dep_ in {"dobj", "dative"} and root.head.lemma_ == "tell":
            return True
        if root.dep_ == "nsubj" and root.head.lemma_ in {"report", "publish"}:
            return True
        return root.dep_ == "poss" and root.head.ent_type_ == "PERSON"

    def _described_as(self, ent: Span) -> str | None:
        """The organization class an apposition right after a name gives it: "Hobby Lobby, the
        Oklahoma-based chain of crafts stores" (a type noun heading the apposition, within six words)."""
        doc = ent.doc
        if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ not in {"a", "an", "the"}:
            return None
        for token in doc[ent.end + 2 : min(len(doc), ent.end + 8)]:
            if token.is_punct and token.text not in {"-"}:
                return None
            cue = self.lexicon.org_cues.get(token.lower_)
            if cue is not None and cue[1] in {"before", "both"} and token.dep_ == "appos" and token.head.i in range(ent.start, ent.end):
                if token.lower_ in self.lexicon.titles and ent.label_ == "PERSON" and ent[0].text in self.lexicon.given_names:
                    return None  # "Jeffrey Fager, the executive producer of ...": a person's title, not a kind of firm
                return cue[0]
        return None

    def _name_run_on(self, ent: Span) -> Span:
        """The organization's whole name where the model stopped early: "House| Freedom Caucus" (capitalised
        words right after it, up to three, that end in a word naming a kind of organization)."""
        doc = ent.doc
        end = ent.end
        while end < min(len(doc), ent.end + 3) and doc[end].is_title and doc[end].is_alpha and not doc[end].ent_type_:
            end += 1
            cue = self.lexicon.org_cues.get(doc[end - 1].lower_)
            if cue is not None and cue[1] in {"name", "both"}:
                return doc[ent.start : end]
        return ent

    def _without_title_modifiers(self, ent: Span) -> Span | None:
        """The name without the capitalised words that open the title after it: "ABC News| Foreign
        correspondent", "CNN| Chief White House correspondent" (a title word follows the words cut)."""
        doc = ent.doc
        end = ent.end
        while end - 1 > ent.start and doc[end - 1].lower_ in TITLE_MODIFIERS:
            end -= 1
        if end == ent.end or ent.end >= len(doc) or doc[ent.end].lower_ not in self.lexicon.titles:
            return ent
        return doc[ent.start : end]

    def _office_inside(self, ent: Span) -> int | None:
        """Where an office phrase that runs on past a name's end starts inside it: the model's "White House
        Press" and "Labor" before "Secretary" ("press secretary", "labor secretary" in offices.tsv)."""
        doc, offices = ent.doc, self.lexicon.offices
        for start in range(max(ent.start, ent.end - 2), ent.end):
            for end in range(ent.end + 1, min(ent.end + 3, len(doc)) + 1):
                if " ".join(t.lower_ for t in doc[start:end]) in offices:
                    return start
        return None

    def _company_name(self, ent: Span) -> bool:
        """A name the model calls a person that ends like a company's: a legal form ("Rivian Automotive
        LLC") or, when its first word is no given name, a business word ("Altair Engineering")."""
        kind = self.lexicon.company_suffixes.get(ent[-1].lower_)
        if len(ent) < 2 or kind is None:
            return False
        return kind == "legal" or ent[0].text not in self.lexicon.given_names

    def _person_name(self, ent: Span) -> bool:
        """A name the model calls an organization or place that reads as a person's: one to three
        capitalised words, none a place, cue or name head ("Bridge", "Garden"), after an honorific or
        title ("Mr Kilimnik", "President Trump") or starting with a given name that its last word
        is not ("Olaf Scholz", "Edward Snowden"; not "Morgan Stanley", "Santa Clara").

        One-word names need the honorific or title: a given name alone ("Jordan") is no evidence.
        """
        words = [t for t in ent if t.tag_ != "POS"]
        inner_particle = [0 < i < len(words) - 1 and t.lower_ in NAME_PARTICLES for i, t in enumerate(words)]
        if not 1 <= len(words) <= 4 or not all(self._name_word(t) or p for t, p in zip(words, inner_particle)) \
                or words[-1].tag_ == "NNPS" or len(words) - sum(inner_particle) > 3:
            return False  # a plural last word is no surname ("Sun Hung Kai Properties")
        if any(INITIAL.match(t.text) for t in (words[0], words[-1])):
            return False
        if len(words) >= 2 and self._two_word_cue(words[-2], words[-1]) is not None:
            return False  # "Marine Corps", "Air Force": a kind of organization ends the name
        if ent.start > 0 and self._after_title(ent.doc, ent.start) and ent[0].is_title:
            return True
        given = self.lexicon.given_names
        return len(words) >= 2 and words[0].text in given and words[-1].text not in given

    def _name_word(self, token) -> bool:
        """A word that may stand in a person's name: capitalised or an initial, and nothing else's name."""
        if INITIAL.match(token.text):
            return True
        lower, lex = token.lower_, self.lexicon
        if not ((token.is_title and token.is_alpha) or INNER_CAPITAL_NAME.match(token.text)) \
                or lower in lex.org_cues or lower in lex.company_suffixes:
            return False
        if lower in lex.name_heads or lower in EVENT_HEADS:
            return False
        text = token.text
        return not (lex.country_of(text) or lex.place_named(text) or text in lex.media or text in lex.parties
                    or text in lex.international)

    def _names_a_people(self, ent: Span) -> bool:
        """A plural of a demonym or place name: "Russians", "Gibraltarians", "Californians", "Londoners"."""
        text = ent.text
        if len(ent) != 1 or not text.endswith("s") or text in self.lexicon.places:
            return False
        if text[:-1] in self.lexicon.demonyms:
            return True
        return any(text.endswith(suffix) and self.lexicon.place_named(text[: -len(suffix)]) for suffix in PEOPLE_SUFFIXES)

    def _gazetteer_class(self, span: Span) -> str | None:
        text = span.text
        if text in self.lexicon.media:
            return Cls.MediaOrganization
        if text in self.lexicon.parties:
            return Cls.PoliticalParty
        if text in self.lexicon.international:
            return Cls.InternationalOrganization
        if text in self.lexicon.pollsters:
            return Cls.Organization
        if text in self.lexicon.governments:
            return Cls.GovernmentOrganization
        if text in self.lexicon.demonyms:
            return Cls.Country
        place = self.lexicon.place_named(text)
        return place.cls if place else None

    def _organization_named(self, span: Span) -> bool:
        """A name that reads as an organization's, not a building's: an organization cue word before "for" or
        "of" ("Center for Justice", "School of Law") or a business word at the end ("Wealth Partners"); "the
        Kennedy Center" and "World Trade Center" stay places."""
        words = [t.lower_ for t in span]
        cued = any(self.lexicon.org_cues.get(w, ("", "before"))[1] != "before" and after in {"for", "of"}
                   for w, after in zip(words, words[1:]))
        return cued or (len(words) > 1 and words[-1] in self.lexicon.company_suffixes)

    def _organization_class(self, span: Span) -> str:
        """The most specific organization class a cue word inside the name reveals."""
        if len(span) > 1 and self.lexicon.company_suffixes.get(span[-1].lower_) == "legal":
            return Cls.Company  # "Siemens AG", "BlackRock Inc"
        words = [t.lower_ for t in span if not t.is_punct]
        for size in (2, 1):
            for i in range(len(words) - size, -1, -1):
                cue = self.lexicon.org_cues.get(" ".join(words[i : i + size]))
                # a kind named after the name counts where it ends the name: "TASS News Agency" is an outlet
                if cue and (cue[1] != "before" or (size == 2 and i + size == len(words))):
                    return cue[0]
        return Cls.Organization

    def _cited_sources(self, doc: Doc) -> list[Candidate]:
        """Capitalised names right after "according to", "with reference to", "citing"."""
        found = []
        for token in doc:
            if token.lower_ not in INTRODUCER_FIRST_WORDS:
                continue  # (most tokens: the phrases are compared only from a possible first word)
            for phrase in SOURCE_INTRODUCERS:
                end = token.i + len(phrase)
                if end > len(doc) or tuple(t.lower_ for t in doc[token.i : end]) != phrase:
                    continue
                article = doc[end].lower_ if end < len(doc) else ""
                start = end + (1 if article in {"the", "a", "an"} else 0)
                if start < len(doc) and doc[start].like_num and len(doc[start]) == 4:
                    start += 1  # "according to a 2018 HotPads analysis"
                stop = start
                while stop < len(doc) and doc[stop].text[0].isupper() and doc[stop].is_alpha:  # "HotPads" too
                    stop += 1
                # after "a"/"an" only the maker of a document: "according to a Government Finance Officers
                # Association analysis", not "according to a Democratic aide"
                maker = article not in {"a", "an"} or (stop < len(doc) and doc[stop].lower_ in MADE_DOCUMENTS)
                if stop > start and maker:
                    found.append(Candidate(start, stop, Cls.Organization, "cue"))
        return found

    def _party_members(self, doc: Doc, ner_tokens: set[int]) -> list[Candidate]:
        """A name described as a party's member right after it is a person's: "Blagojevich, a Democrat, was
        convicted", "McDonnell, a Republican," (the model misses or types these as organizations); and a given
        name and surname right after a party word ("Republican Jeff Flake voted no")."""
        found = []
        for comma in doc[1:-3]:
            if comma.text != "," or doc[comma.i + 1].lower_ not in {"a", "an"}:
                continue
            k = comma.i + 2
            while k < min(len(doc), comma.i + 5) and doc[k].text not in self.lexicon.parties and doc[k].is_title:
                k += 1  # "a California Democrat"
            if k >= len(doc) or doc[k].text not in self.lexicon.parties or doc[k].text.endswith("s") \
                    or (k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN"):
                continue  # "a Democratic strategist" is read by the party rules, "Democrats" are many
            end = comma.i
            start = end
            while start > 0 and end - start < 3 and self._name_word(doc[start - 1]) and doc[start - 1].pos_ == "PROPN":
                start -= 1
            if start < end and not any(i in ner_tokens and doc[i].ent_type_ == "PERSON" for i in range(start, end)):
                found.append(Candidate(start, end, Cls.Person, "cue"))
        # "Republican Jeff Flake voted no", "Democrat Joe Manchin": a party word right before a given name and a surname
        for word in doc[:-2]:
            if word.text not in self.lexicon.parties or word.text.endswith("s") or word.i + 1 in ner_tokens:
                continue
            start = word.i + 1
            end = start
            while end < min(len(doc), start + 3) and self._name_word(doc[end]) and doc[end].pos_ == "PROPN" and end not in ner_tokens:
                end += 1
            if end - start >= 2 and doc[start].text in self.lexicon.given_names and (end >= len(doc) or not doc[end].is_title):
                found.append(Candidate(start, end, Cls.Person, "cue"))
        return found

    def _companies_of_executives(self, doc: Doc, ner_tokens: set[int]) -> list[Candidate]:
        """A company the model left untagged before its chief's title and name: "Mednax CEO Roger Medel", "Acme
        founder Jane Doe" (one or two capitalised words that are no title, party, place or person of the text)."""
        found = []
        for title in doc[1:-1]:
            if title.lower_ not in EXECUTIVE_TITLES or doc[title.i + 1].ent_type_ != "PERSON":
                continue
            end, start = title.i, title.i
            lower_words = None
            while start > max(0, title.i - 2) and doc[start - 1].is_title and doc[start - 1].is_alpha \
                    and start - 1 not in ner_tokens and self._plain_name_word(doc[start - 1]):
                word = doc[start - 1]
                if word.pos_ != "PROPN":  # the tagger may call an unknown name a verb ("Mednax/VB CEO"): no common word
                    lower_words = lower_words or {t.lower_ for t in doc if t.is_lower}
                    if word.is_stop or word.lower_ in lower_words:
                        break
                start -= 1
            if start < end:
                found.append(Candidate(start, end, Cls.Company, "cue"))
        return found

    def _named_with_acronym(self, doc: Doc, ner_tokens: set[int]) -> list[Candidate]:
        """An organization the model missed that gives its acronym in parentheses: "Club for Growth Action (CFGA)",
        "Mayors Against Illegal Guns (MAIG)". The capitalised words before "(" (small words between them allowed)
        must spell the acronym with their initials; both become the organization's mentions."""
        found = []
        for opening in doc[1:-2]:
            close = doc[opening.i + 2]
            acronym = doc[opening.i + 1]
            if opening.text != "(" or close.text != ")" or not acronym.text.isupper() or not acronym.is_alpha \
                    or not 2 <= len(acronym.text) <= 8:
                continue
            end, start = opening.i, opening.i
            while start > 0 and end - start < 10:
                word = doc[start - 1]
                if not (word.is_title and word.is_alpha) and not (word.is_lower and word.text in ACRONYM_SMALL_WORDS):
                    break
                start -= 1
            while start < end and doc[start].is_lower:
                start += 1  # the run opens with a capitalised word
            words = doc[start:end]
            # the initials of the capitalised words, or of every word ("Club for Growth Action" spells CGA or CFGA);
            # the run may open with words before the name ("Officials at Club for Growth Action"): drop them
            while len(words) and not any(acronym.text in (spelled, spelled.replace(" ", ""))
                                         for spelled in _initials(words)):
                words = words[1:]
                while len(words) and words[0].is_lower:
                    words = words[1:]
            if not len(words):
                continue
            start = words[0].i
            if doc[start].text in self.lexicon.given_names and end - start <= 3:
                continue  # "John Adam Smith (JAS)": a person's initials
            if not any(t.i in ner_tokens for t in words):  # (a name the model found keeps its own type)
                found.append(Candidate(start, end, Cls.Organization, "cue"))
            # the acronym a mention of its own, unless the model tagged it apart from an untagged name
            if acronym.i not in ner_tokens or doc[end - 1].ent_iob_ != "O":
                found.append(Candidate(acronym.i, acronym.i + 1, Cls.Organization, "cue"))
        return found

    def _plain_name_word(self, token) -> bool:
        """A capitalised word that is no title, honorific, party, demonym or place word."""
        lower, lex = token.lower_, self.lexicon
        return not (lower in lex.title_words or lower in lex.honorifics or token.text in lex.parties
                    or token.text in lex.demonyms or lex.place_named(token.text) is not None)

    def _programs(self, doc: Doc) -> list[Candidate]:
        """A program named in quotation marks after its network's possessive: CNN's "New Day", NBC's “Today”
        show, CNN's "State of the Union with Candy Crowley" (a news outlet of its own, part of the network)."""
        found = []
        for token in doc[1:-2]:
            if token.tag_ != "POS" or doc[token.i + 1].text not in OPENING_MARKS:
                continue
            if not any(doc[max(0, token.i - back) : token.i].text.removeprefix("the ") in self.outlet_surfaces
                       for back in range(1, 5)):
                continue
            start = token.i + 2
            end = start
            while end < min(len(doc), start + 10) and doc[end].text not in CLOSING_MARKS:
                end += 1
            inner = doc[start:end]
            words = [t for t in inner if not t.is_punct]
            if end >= len(doc) or doc[end].text not in CLOSING_MARKS or not words or not words[0].is_title:
                continue
            if all(t.is_title or t.like_num or t.lower_ in PROGRAM_SMALL_WORDS for t in words):
                found.append(Candidate(start, end if not doc[end - 1].is_punct else end - 1, Cls.MediaOrganization, "cue"))
        return found

    def _surnames_read_as_organizations(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """A surname alone that the model (or a cue: "according to Barr") called an organization where the text
        names that person in full ("Fiorina said" beside "Carly Fiorina"; "Barr" beside "William Barr"): the
        person, unless a title-case
        word, a body ("campaign") or an organization's head word follows ("Ford Motor", "Trump Organization")."""
        surnames = {doc[c.end - 1].text for c in found if c.cls == Cls.Person and c.end - c.start >= 2 and doc[c.end - 1].is_title}
        if not surnames:
            return found
        repaired = []
        for cand in found:
            if cand.end - cand.start == 1 and cand.cls == Cls.Organization and doc[cand.start].text in surnames \
                    and not self._opens_longer_name(doc, cand.end):
                cand = Candidate(cand.start, cand.end, Cls.Person, cand.source)
            repaired.append(cand)
        return repaired

    def _opens_longer_name(self, doc: Doc, after: int) -> bool:
        """Whether the word at ``after`` carries a surname on into another name: a capitalised word ("Trump
        Tower", "Ford Motor"), a leader's body ("the Trump administration") or an organization's head word."""
        if after >= len(doc):
            return False
        word = doc[after]
        return word.is_title or word.lower_ in LEADER_BODIES or word.lower_ in self.lexicon.org_cues

    def _two_word_cue(self, first, second) -> tuple[str, str] | None:
        """The organization cue two words make ("marine corps", "air force", "news agency"), if any."""
        return self.lexicon.org_cues.get(f"{first.lower_} {second.lower_}")

    def _bare_surnames(self, doc: Doc, ner_tokens: set[int]) -> list[Candidate]:
        """A surname the model left untagged where the text names that person in full elsewhere ("Trump| economic
        adviser Gary Cohn" beside "Donald Trump"): a capitalised proper noun standing alone, not opening a longer
        name ("Trump Tower") and not heading a body ("the Trump administration", read as the government)."""
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].is_title}
        found = []
        for token in doc:
            # (the tagger may read a surname before a role as an adjective: "Trump/JJ economic adviser")
            if token.text not in surnames or token.i in ner_tokens or token.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                continue
            before = doc[token.i - 1] if token.i > 0 else None
            if self._opens_longer_name(doc, token.i + 1):
                continue
            if before is not None and before.is_title and not before.is_sent_start and before.lower_ not in self.lexicon.titles \
                    and before.lower_ not in self.lexicon.honorifics:
                continue  # the end of someone else's name the model missed
            found.append(Candidate(token.i, token.i + 1, Cls.Person, "ner"))
        return found

    def _place_police(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """A place's police in lower case is that place's police force, an organization of its own ("Minneapolis
        police said", "Australia's New South Wales state police", "the Dallas police department"): a city's, or a
        state's or country's when a word says so ("state", "national"); its name keeps the words as written. "Police" in capitals is part of a name the model tags itself ("Seattle Police
        Department")."""
        added = []
        for cand in found:
            if cand.cls not in {Cls.City, Cls.Region, Cls.Country}:
                continue
            i = cand.end
            while i < len(doc) and doc[i].lower_ in POLICE_MODIFIERS and doc[i].is_lower:
                i += 1
            if i >= len(doc) or doc[i].text != "police":
                continue
            if cand.cls != Cls.City and not {t.lower_ for t in doc[cand.end:i]} & FORCE_LEVELS[cand.cls]:
                continue  # "a former Maryland police officer": police somewhere in Maryland, no force of that name
            end = i + 1 + (i + 1 < len(doc) and doc[i + 1].text in POLICE_UNITS)
            added.append(Candidate(cand.start, end, Cls.GovernmentOrganization, "cue"))
        return added

    def _conjoined_organizations(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """A capitalised name the model left untagged, joined by "and"/"or" to a company or an outlet, is one of
        the same kind ("first reported by BuzzFeed and The Intercept"); not a name opened by a given name."""
        covered = {i for c in found for i in range(c.start, c.end)}
        added = []
        for cand in found:
            if cand.cls not in CONJOINED_CLASSES:
                continue
            for partner in doc[cand.end - 1].conjuncts:
                if partner.i in covered or partner.tag_ not in {"NNP", "NNPS"}:
                    continue
                start = partner.i
                while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == partner:
                    start -= 1
                words = doc[start : partner.i + 1]
                if any(t.i in covered or not t.text[0].isupper() or not t.is_alpha for t in words) \
                        or words[0].text in self.lexicon.given_names:
                    continue
                added.append(Candidate(start, partner.i + 1, cand.cls, "cue"))
                covered.update(range(start, partner.i + 1))
        return added

    def _speaking_people(self, doc: Doc, ner_tokens: set[int]) -> list[Candidate]:
        """Names the model missed that speak and read as a person's: the subject of a quote cue, two or three
        capitalised words, opened by a given name or described as a person right after ("“...,” Gurcharan
        Das, the former head of Procter & Gamble in India, said"; "Jane Doe, 46, told reporters")."""
        found = []
        for verb in doc:
            if self.lexicon.cue_lemma(verb) is None:
                continue
            for subject in verb.children:
                if subject.dep_ != "nsubj" or subject.tag_ != "NNP" or subject.i in ner_tokens:
                    continue
                start = subject.i
                while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == subject:
                    start -= 1
                words = doc[start : subject.i + 1]
                if not 2 <= len(words) <= 3 or any(t.i in ner_tokens or not self._name_word(t) for t in words):
                    continue
                described = any(c.dep_ == "appos" and (c.lower_ in self.lexicon.titles or c.lower_ in PERSON_ROLES)
                                for c in subject.children)
                if words[0].text in self.lexicon.given_names or described or _person_follows(doc, words.end):
                    found.append(Candidate(start, words.end, Cls.Person, "cue"))
        return found

    def _source_lines(self, doc: Doc) -> list[tuple[Candidate, Candidate, int]]:
        """(place, outlet, where the line's names end) of each source line: "[ID] Moscow IZVESTIYA in Russian 23 Mar 94".

        A run of capitalised tokens, opened by a monitoring document number or the text's
        start, is a place the gazetteer knows followed by the outlet's name when the run is
        closed by "in <Language> <number>", or, for an outlet in capitals after a place that
        is not ("Moscow INTERFAX", "Beijing CHINA DAILY ( SCIENCE MEDICINE )"), by the end
        of the text or a parenthesis.
        """
        found = []
        for end in range(1, len(doc) + 1):
            close = source_line_end(doc, end)
            if close is None:
                continue
            start = end
            while start > 0 and _name_like(doc[start - 1]) and not MONITORING_ID.match(doc[start - 1].text):
                start -= 1
            if not (start == 0 or MONITORING_ID.match(doc[start - 1].text)):
                continue
            for split in range(end - 1, start, -1):
                cls = self._gazetteer_class(doc[start:split])
                if cls in {Cls.City, Cls.Region, Cls.Country} and is_source_line(doc[start:split], doc[split:end], close > end):
                    found.append((Candidate(start, split, cls, "gazetteer"),
                                  Candidate(split, end, Cls.MediaOrganization, "cue"), close))
                    break
        return found

    # -- annotate -------------------------------------------------------------------------
    def annotate(self, doc: Doc, candidates: list[Candidate]) -> None:
        """Keep the best non-overlapping candidates and write them to ``doc.ents``."""
        best: dict[tuple[int, int], Candidate] = {}
        for cand in candidates:
            held = best.get((cand.start, cand.end))
            if held is None or SOURCE_WEIGHT[cand.source] > SOURCE_WEIGHT[held.source]:
                best[(cand.start, cand.end)] = cand
        spans = []
        for cand in best.values():
            span = Span(doc, cand.start, cand.end, label=self._refine_by_type_noun(doc, cand))
            spans.append(span)
        doc.ents = filter_spans(spans)
        for ent in doc.ents:
            cand = best[(ent.start, ent.end)]
            ent._.kg_source = cand.source if ent.label_ == cand.cls else "cue"

    def _refine_by_type_noun(self, doc: Doc, cand: Candidate) -> str:
        """"the company Prisma", "think tank Chatham House", "the Reuters news agency":
        a type noun right before (or, for organizations, right after) the name types it."""
        if cand.source == "gazetteer" or (cand.cls == Cls.Person and cand.end - cand.start > 1):
            return cand.cls  # "automaker Henry Ford" is still a person
        if cand.source == "ner" and _person_follows(doc, cand.end) and not self._organization_named(doc[cand.start : cand.end]):
            return Cls.Person  # not "a professor at the Indiana University Maurer School of Law who studies ..."
        if cand.cls in ORGANIZATION_CLASSES or cand.cls == Cls.Place:
            for size in (2, 1):
                after = doc[cand.end : cand.end + size]
                cls = self.type_nouns.get(" ".join(t.lower_ for t in after))
                if len(after) == size and cls and all(t.pos_ == "NOUN" for t in after):
                    return cls
        for size in (2, 1):
            start = cand.start - size
            if start < 0:
                continue
            cls = self.type_nouns.get(" ".join(t.lower_ for t in doc[start : cand.start]))
            if cls and all(not t.ent_type_ or t.ent_type_ in LOOSE_LABELS for t in doc[start : cand.start]):
                return cls
        return cand.cls


def source_line_close(doc: Doc, i: int) -> int | None:
    """The index of the number when ``doc[i:]`` reads "in <Language> <number>", the close of a source
    line ("in Serbo-Croatian 2000 GMT"); None when it does not."""
    if i >= len(doc) or doc[i].lower_ != "in":
        return None
    j = i + 1
    while j < len(doc) and (doc[j].is_title and doc[j].is_alpha or doc[j].text == "-" and j > i + 1):
        j += 1
    return j if i + 1 < j < len(doc) and doc[j - 1].is_alpha and doc[j].like_num else None


def source_line_end(doc: Doc, end: int) -> int | None:
    """Where a source line's names may end at ``end``: the number of an "in <Language> <number>" close,
    or ``end`` itself at the end of the text or before a parenthesis; None elsewhere."""
    close = source_line_close(doc, end)
    if close is not None:
        return close
    return end if end == len(doc) or doc[end].text == "(" else None


def is_source_line(place: Span, outlet: Span, language_close: bool) -> bool:
    """Whether a place and the name after it read as a source line's place and outlet: closed by
    "in <Language> <number>", or an outlet in capitals after a place that is not ("Moscow INTERFAX")."""
    if not any(t.is_alpha for t in outlet):
        return False
    if language_close:
        return True
    return all(t.is_upper or not t.is_alpha for t in outlet) and not place.text.isupper()


def _join_split_names(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """One person where the model cut a name in two with nothing between: "Sheila Jackson| Lee" (a person
    right after a person, on one line, four capitalised words at most, is one name; a list has commas)."""
    joined: list[Candidate] = []
    for cand in found:
        last = joined[-1] if joined else None
        if (last is not None and last.cls == cand.cls == Cls.Person and last.source == cand.source == "ner"
                and last.end == cand.start and cand.end - last.start <= 4 and doc[last.end - 1].whitespace_ == " "
                and all(t.is_title and t.is_alpha for t in doc[last.start : cand.end])):
            joined[-1] = Candidate(last.start, cand.end, Cls.Person, "ner")
        else:
            joined.append(cand)
    return joined


# Heads of organization names that go on with "of PLACE": "Federal Reserve Bank| of New York", "University| of Michigan".
ORG_OF_HEADS = {"bank", "university", "college", "institute", "council", "department", "museum", "archdiocese",
                "diocese", "chamber", "court", "police", "board", "academy", "association", "library", "commission"}
PLACE_CLASSES = {Cls.City, Cls.Region, Cls.Country, Cls.Place}


def _join_org_of_place(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """One organization where the model cut its name before "of" and a place: "Federal Reserve Bank| of| New
    York" (the organization's last word a head that takes a place, the place right after "of")."""
    joined: list[Candidate] = []
    for cand in found:
        last = joined[-1] if joined else None
        if (last is not None and cand.cls in PLACE_CLASSES and last.cls not in PLACE_CLASSES | {Cls.Person}
                and cand.start == last.end + 1 and doc[last.end].lower_ == "of"
                and doc[last.end - 1].lower_ in ORG_OF_HEADS and doc[last.end - 1].is_title):
            joined[-1] = Candidate(last.start, cand.end, last.cls, last.source)
        else:
            joined.append(cand)
    return joined


# Words of a web page's controls that crawls leave in the text, in capitals ("CLOSE President Donald Trump ...").
# Words that open an address to a place's people, not a city's name: "Hello, Iowa", "Thank you, Ohio".
GREETINGS = {"hello", "hi", "hey", "thanks", "thank", "goodbye", "goodnight", "welcome", "congratulations", "dear", "yes",
             "no", "oh", "okay", "ok", "well", "sorry", "you"}
def _initials(words) -> tuple[str, str]:
    """The initials of a name's capitalised words, and of all its words ("Club for Growth Action": CGA, CFGA)."""
    return "".join(t.text[0] for t in words if t.is_title), "".join(t.text[0].upper() for t in words)


# Small words an organization's name may hold between its capitalised words ("Club for Growth Action").
ACRONYM_SMALL_WORDS = {"for", "of", "and", "against", "on", "the", "in", "to"}
# Titles that a company's name stands right before ("Mednax CEO Roger Medel").
EXECUTIVE_TITLES = {"ceo", "cfo", "coo", "cto", "founder", "co-founder", "cofounder"}
# Heads of organizations' names that no person's name ends with (the class from org_cues.tsv when it has one): a "person" of
# three words or more ending in one is an organization named after a person ("Paul M. Hebert Law Center").
NEVER_SURNAMES = {"center", "centre", "institute", "foundation", "university", "college", "school", "academy",
                  "hospital", "museum", "library", "clinic", "society", "association", "fund"}
PAGE_CHROME = {"CLOSE", "ADVERTISEMENT", "SUBSCRIBE", "SHARE", "PHOTOS", "VIDEO", "MORE", "READ", "WATCH"}
# Abbreviations that open a city's name: "St. Paul", "Ft. Lauderdale", "Mt. Vernon".
CITY_PREFIXES = {"St.", "St", "Ste.", "Ft.", "Mt.", "Pt."}


def _possessive_inside(ent: Span) -> int | None:
    """Where a possessive inside a person's span ends its owner ("Politico| ’s| Anna Palmer"): the index of
    the possessive, when a name of at least one capitalised word follows it."""
    for token in ent[1:-1]:
        if token.tag_ == "POS" and token.lower_ in POSSESSIVES and ent.doc[token.i + 1].is_title:
            return token.i
    return None


POSSESSIVES = {"'s", "’s"}


def _join_org_and_org(doc: Doc, found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """One organization where the model cut its name at "and": "Centers for Medicare| and |Medicaid Services",
    "Senate Homeland Security| and |Governmental Affairs Committee" (two organizations with only "and" between,
    the first of two words or more with no organization's head word at its end, the second ending in one)."""
    joined: list[Candidate] = []
    for cand in found:
        last = joined[-1] if joined else None
        if (last is not None and cand.cls not in PLACE_CLASSES | {Cls.Person} and last.cls not in PLACE_CLASSES | {Cls.Person}
                and cand.start == last.end + 1 and doc[last.end].lower_ == "and" and last.end - last.start >= 2
                and _org_head(doc[last.end - 1], lexicon) is None and doc[last.end - 1].lower_ not in NAME_HEAD_SINGULARS
                and _org_head(doc[cand.end - 1], lexicon) is not None and doc[cand.start].lower_ != "the"
                and all(t.is_title or not t.is_alpha or t.lower_ in NAME_LINKS for t in doc[last.start : cand.end] if t.i != last.end)
                and not any(t.text == "&" for t in doc[last.start : cand.end])):
            joined[-1] = Candidate(last.start, cand.end, cand.cls, cand.source)
        else:
            joined.append(cand)
    return joined


def _org_head(token, lexicon: Lexicon) -> str | None:
    """The kind of organization a name's last word says it is ("Committee", "Services"), if any."""
    cue = lexicon.org_cues.get(token.lower_)
    if cue is not None and cue[1] in {"name", "both"} and cue[0] != Cls.Company:
        return cue[0]  # not "Co."/"Inc.": "Microsoft and Apple Inc." are two companies
    return Cls.Organization if token.lower_ in AND_NAME_HEADS else None


# Last words of public bodies' names joined by "and" that are no general organization cue: "Centers for Medicare
# and Medicaid Services", "Homeland Security and Governmental Affairs", "Alcohol and Tobacco Tax and Trade Bureau".
AND_NAME_HEADS = {"services", "affairs", "administration", "authority", "board", "office"}
# A first name that ends in one of these is whole ("the Internal Revenue Service and the Treasury Department").
NAME_HEAD_SINGULARS = {"service", "administration", "authority", "board", "office", "agency", "bureau", "department"}
# Lower-case words inside such names: "Centers for Medicare", "Department of Health".
NAME_LINKS = {"for", "of", "on", "the"}


def _name_like(token) -> bool:
    """A token of a capitalised name as source lines write it: "IZVESTIYA", "Radio", "UT-1", "N-TV", "O", "Rio de Janeiro"."""
    text = token.text
    return (token.lower_ in NAME_PARTICLES or token.is_title or token.is_upper or text == "-" or (text[:1].isupper() and any(ch.isdigit() for ch in text))) \
        and not token.is_space and text not in {"(", ")", ",", "``", "'", "`", "--", "_"}


def _person_follows(doc: Doc, end: int) -> bool:
    """"Warner, who lives in Ocala", "Larry Sturholm, 46, was a reporter": what follows a name shows a person."""
    after = doc[end : end + 4]
    words = [t.lower_ for t in after]
    if words[:2] == [",", "who"] or words[:1] == ["who"]:
        return True
    return (len(after) >= 3 and words[0] == "," and after[1].like_num and after[1].text.isdigit()
            and 1 <= len(after[1].text) <= 2 and words[2] == ",")
