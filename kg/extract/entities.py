"""Entity resolution: mentions in one article -> entities, then entities across articles.

Within an article ("Vladimir Putin" = "Putin" = "Putin's"; "EU" = "European Union";
"Russian" = "Russia") the rules are those a careful reader applies: a short person
name joins the one full name it ends with; an acronym joins the one name whose
initials it spells; a demonym or country alias joins the gazetteer country.
Mentions of one name that the model labels differently vote, weighted by how the
label was found (gazetteer > cue word > statistical model).

Across articles entities merge on ``(kind, canonical name)`` only: two articles that
both say "Smith" are not assumed to mean the same Smith unless a full name ties them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.nlp.holders import load_office_holders
from kg.nlp.lexicon import Lexicon
from kg.read.dates import year_of
from kg.model import Article, Entity
from kg.vocab import Cls, GENERIC_CLASS, KIND_OF_CLASS, ORGANIZATION, PERSON, PLACE  # noqa: F401  (re-exported)
from kg.nlp.ner_repair import SOURCE_WEIGHT


LEADING_ARTICLES = ("the ", "The ")
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# A leader's body named by its possessive: "Romney's campaign", "Obama’s administration".
BODY_POSSESSIVE = re.compile(r"['’]s (campaign|administration)$")
ACRONYM_STOPWORDS = {"of", "the", "and", "for", "&", "de", "la"}


def clean_name(text: str) -> str:
    """Surface form -> name: one space between words, no leading article, no possessive."""
    name = " ".join(text.split())
    name = POSSESSIVE.sub("", name).strip()
    name = BODY_POSSESSIVE.sub(r" \1", name)  # "Romney's campaign" is the Romney campaign
    for article in LEADING_ARTICLES:
        if name.startswith(article) and len(name) > len(article):
            name = name[len(article) :]
    return name.strip(" -–—,;:\"“”'‘’")


@dataclass
class _Group:
    """Mentions that share one name while the article is being resolved."""

    name: str
    votes: Counter = field(default_factory=Counter)
    surfaces: set[str] = field(default_factory=set)
    mentions: list[Span] = field(default_factory=list)

    strong: Counter = field(default_factory=Counter)

    @property
    def kind(self) -> str:
        # A one-word name the model calls a person, but that a cue word or gazetteer calls
        # something else ("oil giant Yukos"), is that something else: people are introduced
        # by their full name.
        strong_kinds = {KIND_OF_CLASS[c] for c in self.strong} - {PERSON}
        if len(self.name.split()) == 1 and len(strong_kinds) == 1:
            return strong_kinds.pop()
        by_kind: Counter = Counter()
        for cls, weight in self.votes.items():
            by_kind[KIND_OF_CLASS[cls]] += weight
        # Ties: an organization reading beats a person or place one (a bare "Bloomberg").
        return max(by_kind, key=lambda k: (by_kind[k], k == ORGANIZATION, k == PERSON))

    @property
    def cls(self) -> str:
        kind = self.kind
        specific = Counter({c: w for c, w in self.votes.items() if KIND_OF_CLASS[c] == kind and c != GENERIC_CLASS[kind]})
        if specific:
            return max(sorted(specific), key=lambda c: specific[c])
        return GENERIC_CLASS[kind]


@dataclass(frozen=True)
class ArticleEntities:
    """The entities of one article and the entity behind each mention (by token index)."""

    entities: tuple[Entity, ...]
    by_token: dict[int, Entity]
    dominant_country: Entity | None

    def at(self, token_index: int) -> Entity | None:
        return self.by_token.get(token_index)

    def of(self, span: Span) -> Entity | None:
        return self.by_token.get(span.start)


# Honorifics that tell a person's gender, to keep "Mrs Howard" apart from "Mr Howard".
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "madam"})


def resolve_entities(doc: Doc, article: Article, lexicon: Lexicon) -> ArticleEntities:
    """Group the mentions in ``doc.ents`` into the article's entities.

    Returns:
        The entities (sorted by kind and name), a token -> entity map and the country
        that dominates the article (``None`` when no country clearly does).
    """
    groups: dict[str, _Group] = {}
    both_genders = _surnames_with_both_genders(doc)
    full_names = _full_names_by_surname(doc, lexicon)
    holder_of = _TitledHolders(article)
    for ent in doc.ents:
        name = _canonical(ent, lexicon)
        if not name:
            continue
        if ent.label_ == Cls.Person and " " not in name:
            name = holder_of(ent, name) or name  # "President Obama" -> "Barack Obama"
        words = clean_name(ent.text).split()
        gendered = _gendered_full_name(ent, name, full_names, lexicon) if ent.label_ == Cls.Person and " " not in name else None
        if gendered is not None:
            name = gendered  # "Mrs. Clinton" beside Bill and Hillary Clinton
        elif ent.label_ == Cls.Person and len(words) == 2 and words[0].lower() in FEMALE_HONORIFICS and words[1] in both_genders:
            name = " ".join(words)  # "Mrs Howard" beside "Mr Howard": his wife, not him
        group = groups.setdefault(name, _Group(name))
        group.votes[ent.label_] += SOURCE_WEIGHT[ent._.kg_source]
        if ent._.kg_source != "ner":
            group.strong[ent.label_] += 1
        group.surfaces.add(clean_name(ent.text) if ent.label_ != Cls.Person or name == clean_name(ent.text)
                           else _strip_honorifics(ent.text, lexicon))
        group.mentions.append(ent)
    if article.author:
        author = groups.setdefault(article.author, _Group(article.author))
        author.votes[Cls.Person] += SOURCE_WEIGHT["gazetteer"]
        author.surfaces.add(article.author)
    _name_bare_leaders(groups, holder_of, _countries_in_view(groups, article, lexicon))
    short_names = _link_short_names(groups)
    target = short_names | _link_outlet_short_names(groups) | _link_acronyms(groups) | _link_spellings(groups, lexicon)
    merged: dict[str, _Group] = {}
    for name, group in sorted(groups.items()):
        root = name
        while root in target:
            root = target[root]
        into = merged.setdefault(root, _Group(root))
        if name in short_names and group.kind != PERSON:
            # "Scholz" the model took for an organization is the person "Olaf Scholz" it ends: its
            # mentions vote for a person.
            into.votes[Cls.Person] += sum(group.votes.values())
        else:
            into.votes.update(group.votes)
            into.strong.update(group.strong)
        into.surfaces |= group.surfaces
        into.mentions.extend(group.mentions)
    by_token: dict[int, Entity] = {}
    entities = []
    for group in merged.values():
        entity = Entity(
            kind=group.kind,
            name=group.name,
            cls=group.cls,
            aliases=frozenset(group.surfaces | {group.name}),
            mentions=max(len(group.mentions), 1),
        )
        entities.append(entity)
        for span in group.mentions:
            for i in range(span.start, span.end):
                by_token[i] = entity
    entities.sort(key=lambda e: (e.kind, e.name))
    return ArticleEntities(tuple(entities), by_token, _dominant_country(doc, lexicon, entities))


# Titles of heads of state and government a surname may follow ("President Obama", "Prime Minister May").
HEAD_TITLES = ("president", "prime minister", "chancellor", "premier")


class _TitledHolders:
    """A one-word name right after a head of state's or government's title ("President Obama") -> the full
    name of the one office holder it can be (kg/nlp/lexicons/office_holders*.tsv): "Barack Obama", so the
    same person stays one node across articles, and "President Trump" beside "Melania Trump" is not her.
    Only the titled mention is renamed; an untitled "Trump" is left to the short-name links. Two holders the
    article's year cannot tell apart ("President Bush" in 2015) give nothing."""

    def __init__(self, article: Article) -> None:
        self.holders = load_office_holders()
        self.year = year_of(article.date)

    def __call__(self, mention: Span, name: str) -> str | None:
        for title in HEAD_TITLES:
            if _words_before(mention, len(title.split())) == title:
                return self.holders.titled_holder(name, title, self.year)
        return None


def _countries_in_view(groups: dict[str, _Group], article: Article, lexicon: Lexicon) -> set[str]:
    """The countries an article names, and its outlet's home country."""
    countries = {name for name, group in groups.items() if group.cls == Cls.Country}
    outlet = lexicon.outlet_of(article.url)
    if outlet is not None and outlet.country:
        countries.add(outlet.country)
    return countries


def _name_bare_leaders(groups: dict[str, _Group], holders: _TitledHolders, countries: set[str]) -> None:
    """A bare surname of the head of state or government in office on the article's date, when the
    article names no other person with that surname, is that head: "Trump" in a 2018 story is Donald
    Trump (whatever the model called the mention), so his facts join his node across articles. "Clinton" in 2016 (no Clinton in office), "Trump"
    beside "Ivanka Trump", any story without a date and a head of a country the story neither names nor
    comes from ("Johnson" in a US story that never names Britain) are left alone. Renames ``groups`` in place."""
    if holders.year is None:
        return
    full = [name for name in groups if " " in name]
    # the model's reading alone may call the name an organization ("Trump said ..."); a cue or the
    # gazetteer calling it something else wins
    for name in [n for n, g in groups.items() if " " not in n and (g.kind == PERSON or not g.strong)]:
        if any(other.split()[-1] == name for other in full):
            continue  # "Trump" beside "Donald Trump" or "Ivanka Trump": the short-name links decide
        holder = holders.holders.in_office_named(name, holders.year, countries)
        if holder is None:
            continue
        group = groups.pop(name)
        into = groups.setdefault(holder, _Group(holder))
        # the list of office holders says who it is: a person, whatever the model read
        into.votes[Cls.Person] += sum(group.votes.values()) + 1
        into.strong.update(group.strong)
        into.surfaces |= group.surfaces
        into.mentions.extend(group.mentions)


def _words_before(span: Span, n: int) -> str:
    doc = span.doc
    return " ".join(t.text.lower() for t in doc[span.start - n : span.start]) if span.start >= n else ""


def _canonical(ent: Span, lexicon: Lexicon) -> str:
    """The name a mention stands for: gazetteer name for places and demonyms, else the cleaned text."""
    text = clean_name(ent.text)
    if ent.label_ in {Cls.Country, Cls.Region, Cls.City, Cls.Place}:
        # (a building the model calls a place stays itself: "the White House in Washington" is no country)
        country = lexicon.country_of(text) if not (ent.label_ == Cls.Place and text in lexicon.governments) else None
        if country:
            return country
        place = lexicon.place_named(text)
        if place:
            return place.name
        if text.isupper() and len(text) >= 5 and text.replace(" ", "").replace(".", "").isalpha():
            return _title_case(text)  # "CENTENNIAL, Colo. (AP)": the dateline's Centennial (not "DPRK")
    if ent.label_ == Cls.Person:
        if text.isupper() and " " in text:
            text = _title_case(text)  # "ANTHONY FAUCI" in a transcript is Anthony Fauci
        return _shared_surname(ent, text, lexicon) or _strip_honorifics(text, lexicon)
    if ent.label_ == Cls.PoliticalParty and text in lexicon.parties:
        return lexicon.parties[text]
    if ent.label_ == Cls.InternationalOrganization and text in lexicon.international:
        return lexicon.international[text]
    if ent.label_ == Cls.Organization and text in lexicon.pollsters:
        return lexicon.pollsters[text]  # "Quinnipiac" -> "Quinnipiac University"
    return text


def _shared_surname(ent: Span, text: str, lexicon: Lexicon) -> str | None:
    """"Mark" of "Mark and Patricia McCloskey", "Bill" of "Bill and Hillary Clinton": a given name alone before
    "and" and a full name shares that name's surname."""
    doc = ent.doc
    if " " in text or text not in lexicon.given_names or ent.end + 2 >= len(doc) or doc[ent.end].text.lower() != "and":
        return None
    partner = next((e for e in doc.ents if e.start == ent.end + 1), None)
    if partner is None or partner.label_ != Cls.Person or len(partner) < 2 or not partner[-1].text[:1].isupper():
        return None
    return f"{text} {partner[-1].text}"


def _title_case(name: str) -> str:
    """"ANTHONY FAUCI" -> "Anthony Fauci", "JOHN MCCAIN" -> "John McCain", "BETO O'ROURKE" -> "Beto O'Rourke"."""
    words = []
    for word in name.split():
        word = word.capitalize()
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2:].capitalize()
        if len(word) > 2 and word[1] in "'\u2019":
            word = word[:2] + word[2:].capitalize()
        words.append(word)
    return " ".join(words)


def _full_names_by_surname(doc: Doc, lexicon: Lexicon) -> dict[str, set[str]]:
    """Surname -> the full names (two words or more, honorifics stripped) the article gives people with it."""
    found: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        if ent.label_ == Cls.Person and len(words := _strip_honorifics(ent.text, lexicon).split()) > 1:
            found[words[-1]].add(" ".join(words))
    return found


def _gendered_full_name(ent: Span, surname: str, full_names: dict[str, set[str]], lexicon: Lexicon) -> str | None:
    """The one full name with this surname whose first name has the gender of the honorific before or in the
    mention, when the article names several with the surname ("Mrs. Clinton" beside Bill and Hillary Clinton is
    Hillary Clinton; "Mr. McCloskey" beside Mark and Patricia McCloskey is Mark)."""
    words = clean_name(ent.text).split()
    honorific = (words[0] if len(words) > 1 else ent.doc[ent.start - 1].text if ent.start > 0 else "").lower()
    gender = "female" if honorific in FEMALE_HONORIFICS else "male" if honorific in MALE_HONORIFICS else None
    full = full_names.get(surname, set())
    if gender is None or len(full) < 2:
        return None
    matching = {name for name in full if lexicon.given_name_genders.get(name.split()[0]) == gender}
    return matching.pop() if len(matching) == 1 else None


def _surnames_with_both_genders(doc: Doc) -> set[str]:
    """Surnames the article writes after both a male and a female honorific ("Mr Howard", "Mrs Howard")."""
    seen: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        words = clean_name(ent.text).split()
        if ent.label_ != Cls.Person or len(words) > 2 or (len(words) == 1 and ent.start == 0):
            continue
        # The honorific inside the mention ("Mrs Howard") or just before it ("Mr" + "Howard").
        honorific = words[0].lower() if len(words) == 2 else doc[ent.start - 1].text.lower()
        if honorific in MALE_HONORIFICS or honorific in FEMALE_HONORIFICS:
            seen[words[-1]].add(honorific in MALE_HONORIFICS)
    return {surname for surname, genders in seen.items() if len(genders) == 2}


def _strip_honorifics(text: str, lexicon: Lexicon) -> str:
    """A person's name without the honorifics before it ("Mr", "Dr"), nor a title the model ran into a full
    name ("Spokesman Raj Shah" -> "Raj Shah"; a title before one word stays: "Major Garrett")."""
    words = clean_name(text).split()
    while len(words) > 1 and words[0].lower() in lexicon.honorifics or len(words) > 2 and words[0].lower() in lexicon.titles:
        words = words[1:]
    return " ".join(words)


def _link_short_names(groups: dict[str, _Group]) -> dict[str, str]:
    """"Putin" -> "Vladimir Putin" when exactly one longer person name ends with it.

    A one-word name only the statistical model typed, as an organization or place ("Scholz" tagged
    ORG beside "Olaf Scholz"), joins the one person whose name it ends too: a surname read as a
    company is the model's mistake, not a second entity.
    """
    people = [name for name, g in groups.items() if g.kind == PERSON]
    mistyped = [name for name, g in groups.items()
                if g.kind != PERSON and len(name.split()) == 1 and name[:1].isupper()
                and not any(label != Cls.Person for label in g.strong)]  # (no cue typed it anything but a person)
    one_word = {name for name in people if " " not in name}
    surnames = {name.split()[-1] for name in people if " " in name}
    links = _link_initials(people)
    for name in people + mistyped:
        words = name.split()
        longer = [
            other
            for other in people
            if len(other.split()) > len(words) and other.split()[-len(words) :] == words
            and other.split()[0].lower() not in FEMALE_HONORIFICS  # "Mrs Howard" kept apart is nobody's full name
        ]
        longer = sorted({links.get(other, other) for other in longer})
        if len(longer) > 1:
            # "Mayor de Blasio" is no fuller name than "Bill de Blasio", nor is "Javad Zarif" beside "Mohammad Javad Zarif"
            longer = [other for other in longer if other.split()[0].lower() not in NAME_TITLE_WORDS]
            longer = [other for other in longer
                      if not any(o != other and o.split()[-len(other.split()):] == other.split() for o in longer)]
        if len(longer) > 1:
            # "Robert McDonnell" and "Maureen McDonnell", the story calling her "Maureen": "McDonnell" is him
            longer = [other for other in longer if other.split()[0] not in one_word]
        if len(longer) == 1:
            links[name] = longer[0]
        elif not longer and name in one_word and name not in surnames:
            # "Maureen" -> "Maureen McDonnell": the one person whose name opens with it (and no one's surname)
            opened = [other for other in people if " " in other and other.split()[0] == name]
            if len(opened) == 1:
                links[name] = opened[0]
    return links


def _link_outlet_short_names(groups: dict[str, _Group]) -> dict[str, str]:
    """"the Times" -> "New York Times", "the Post" -> "Washington Post": a one-word organization name that ends
    the one longer news outlet's name of the article ("Times" stays itself beside the New York and the Los
    Angeles Times)."""
    outlets = [name for name, g in groups.items() if g.kind == ORGANIZATION and g.cls == Cls.MediaOrganization
               and len(name.replace("-", " ").split()) > 1]
    links = {}
    for name, group in groups.items():
        if group.kind != ORGANIZATION or " " in name or "-" in name:
            continue
        longer = [o for o in outlets if o.replace("-", " ").split()[-1] == name or o.split("-")[0] == name]
        if len(longer) == 1:
            links[name] = longer[0]
    return links


def _link_initials(people: list[str]) -> dict[str, str]:
    """"Donald Trump" -> "Donald J. Trump": one person when the article gives no one else other initials there
    (never "George W. Bush" = "George H.W. Bush")."""
    by_plain: dict[str, list[str]] = {}
    for name in people:
        plain = " ".join(w for w in name.split() if not INITIALS.match(w))
        if " " in plain:
            by_plain.setdefault(plain, []).append(name)
    links = {}
    for plain, names in by_plain.items():
        initialled = {n for n in names if n != plain}
        if plain in names and len(initialled) == 1:
            links[plain] = next(iter(initialled))
    return links


# First words that make a person's name a title and a surname, not a fuller name ("Mayor de Blasio").
NAME_TITLE_WORDS = {"mayor", "governor", "gov.", "sen.", "senator", "rep.", "president", "judge", "justice",
                    "secretary", "minister", "chancellor", "general", "gen.", "speaker", "chairman", "commissioner"}
INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


def _squash(name: str) -> str:
    return re.sub(r"[\s\-.'’]+", "", name).lower()


def _link_spellings(groups: dict[str, _Group], lexicon: Lexicon) -> dict[str, str]:
    """"Time Warner" = "TimeWarner", "Coca-Cola" = "Coca Cola": names equal but for spaces and punctuation;
    organizations also but for a legal form or "Group" ("Menatep Group" = "Group Menatep" = "Menatep").

    The most often used spelling (then the one with spaces) becomes the name.
    """
    by_key: dict[tuple[str, str], list[str]] = {}
    for name, group in groups.items():
        if group.kind == ORGANIZATION:
            by_key.setdefault((group.kind, lexicon.company_key(name)), []).append(name)
        elif group.kind != PERSON or len(name.split()) > 1:
            by_key.setdefault((group.kind, _squash(name)), []).append(name)
    links = {}
    for names in by_key.values():
        if len(names) > 1:
            best = max(sorted(names), key=lambda n: (len(groups[n].mentions), n.count(" ")))
            links.update({n: best for n in names if n != best})
    return links


def _link_acronyms(groups: dict[str, _Group]) -> dict[str, str]:
    """"EU" -> "European Union" when exactly one other name's initials spell the acronym (those of its small words
    too: "CFGA" -> "Club for Growth Action")."""
    links = {}
    for name, group in groups.items():
        if not (2 <= len(name) <= 6 and name.isupper() and name.isalpha()) or group.kind == PERSON:
            continue
        expansions = [
            other
            for other, g in groups.items()
            if other != name
            and g.kind == group.kind
            and name in {"".join(w[0] for w in other.split() if w.lower() not in ACRONYM_STOPWORDS).upper(),
                         "".join(w[0] for w in other.split()).upper()}  # "CFGA": Club for Growth Action
        ]
        if len(expansions) == 1:
            links[name] = expansions[0]
    return links


def _dominant_country(doc: Doc, lexicon: Lexicon, entities: list[Entity]) -> Entity | None:
    """The country an article is mostly about, if one clearly leads (≥ 1.5× the runner-up).

    Counts mentions of the country, its demonyms, its capital and its government
    metonyms ("Kremlin", "Moscow" and "Russians" all count for Russia), and of its regions and cities
    ("Ohio", "Chicago" count for the United States).
    """
    scores: Counter = Counter()
    for ent in doc.ents:
        text = clean_name(ent.text)
        country = lexicon.country_of(text) or lexicon.capitals.get(text)
        if country is None and ent.label_ in {Cls.Region, Cls.City}:
            country = lexicon.country_containing(text)
        if country:
            scores[country] += 1
    if not scores:
        return None
    ranked = scores.most_common()
    top, count = ranked[0]
    if len(ranked) > 1 and count < 1.5 * ranked[1][1]:
        return None
    return next((e for e in entities if e.cls == Cls.Country and e.name == top), None)

