"""Editable word lists (``kg/nlp/lexicons/*.tsv``) loaded into one read-only object.

The files are data a linguist can change without reading code: gazetteers of
countries and places, title words, organization cue words and reporting verbs.
Their content is part of the pipeline version (see :func:`lexicon_digest`).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from urllib.parse import urlsplit

from kg.vocab import Cls

ALT_SEPARATOR = "|"

# Words around a company's name that do not change which company it is ("Group Menatep",
# "Menatep Group"); see :meth:`Lexicon.company_key`.
COMPANY_WRAPPERS = frozenset({"group", "holding", "holdings"})


@dataclass(frozen=True)
class Title:
    """A title word and what it says about the person who holds it."""

    relation: str
    object_kind: str  # country | organization | party
    from_context: bool
    only_for: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlaceName:
    """A gazetteer entry: the canonical name of a place and its class."""

    name: str
    cls: str  # Country | Region | City
    located_in: str | None = None


@dataclass(frozen=True)
class Office:
    """A public office and what holding it says: works_for a government, member_of a chamber."""

    relation: str  # works_for | member_of | leader_of | "-" (a longer office read by another rule)
    body: str  # "government", "place" (the state or city before the office) or an institution's name
    country: str | None  # the one country the office exists in, when its name says so
    heads: str | None = None  # the institution the holder heads ("Office of the Director of National Intelligence")


@dataclass(frozen=True)
class Institution:
    """A public body an office belongs to ("United States Senate")."""

    name: str
    aliases: frozenset[str]
    cls: str
    country: str | None
    state_seats: bool = False  # members sit for the country's states: "Arizona Sen. X"


@dataclass(frozen=True)
class Outlet:
    """A news outlet known by its web domain, and the country it is based in."""

    name: str
    country: str | None


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules look up, keyed for fast matching.

    Attributes:
        places: surface form (as written) -> place it names; country names and aliases,
            region and city names and aliases.
        demonyms: "Russian" -> "Russia".
        governments: "Kremlin" -> "Russia" (metonyms for a country's government).
        capitals: capital city name -> country name.
        titles: title phrase (lower case) -> possible readings.
        org_cues: cue word (lower case) -> (class, where) with where in name|before|both.
        reporting_verbs: lemmas of verbs that introduce reported speech.
        honorifics: lower-case words stripped from the front of person names.
        media: names of news outlets ("Reuters", "Bloomberg") that need no cue word: media.txt, the social
            platforms, and the outlets.tsv names of two words or more ("The Daily Beast", "Washington Examiner").
        parties: surface form -> party name ("Tory" -> "Conservative Party").
        international: surface form -> international organization ("U.N." -> "United Nations").
        offices: public office (lower case) -> what holding it says ("defense secretary").
        institutions: canonical name -> public body ("United States Senate").
        outlets: web domain -> news outlet and its home country ("foxnews.com").
        outlet_names: those outlets' names, with and without a leading "The": a mention the model already
            tagged as an organization with one of these names is a MediaOrganization ("Politico's Anna Palmer").
        party_words: a party's adjective before a title -> party ("Republican" in "Republican Sen. X").
        party_letters: letter of the US "D-Calif." convention -> party.
        country_aliases: country name -> its names, aliases and adjective demonyms.
        leader_titles: country name -> the titles its head of state or government holds ("president").
        quote_cues: lemmas of verbs that attribute a quotation ("say", "warn", "tweet").
        given_names: first names as written ("Olaf", "Edward"): evidence that a name is a person's.
        given_name_genders: first name -> "male" or "female", for names almost always given to one
            (given_names_gender.tsv): evidence for "he"/"she" ("James Comey" is no "she").
        company_suffixes: last word of a company name (lower case) -> ``legal`` ("inc", "llc", "ag")
            or ``business`` ("engineering", "motors").
        name_heads: last words of names of things that are no surname ("bridge", "garden", "act").
        unit_heads: last words of names of units of a larger body ("fleet", "ministry", "lab").
        party_countries: party name -> the country it runs in (parties.tsv).
        pollsters: surface form -> polling organization ("Quinnipiac" -> "Quinnipiac University"), from
            FiveThirtyEight's pollster ratings (pollsters.tsv).
    """

    places: dict[str, PlaceName]
    demonyms: dict[str, str]
    governments: dict[str, str]
    capitals: dict[str, str]
    titles: dict[str, tuple[Title, ...]]
    org_cues: dict[str, tuple[str, str]]
    reporting_verbs: frozenset[str]
    honorifics: frozenset[str]
    media: frozenset[str]  # news outlets and agencies (media.txt) and the social platforms
    parties: dict[str, str]
    international: dict[str, str]
    offices: dict[str, Office]
    institutions: dict[str, Institution]
    outlets: dict[str, Outlet]
    party_words: dict[str, str]
    party_letters: dict[str, str]
    country_aliases: dict[str, tuple[str, ...]]
    leader_titles: dict[str, frozenset[str]]
    quote_cues: frozenset[str] = frozenset()
    outlet_names: frozenset[str] = frozenset()

    def cue_lemma(self, token) -> str | None:
        """The quote cue a verb token is, when it is one ("said" -> "say"), read past the lemmatizer's slips
        on rarer verbs ("deadpanned" -> "deadpanne", "quipped" -> "quipp") by undoing the inflection."""
        if token.lemma_ in self.quote_cues:
            return token.lemma_
        if token.pos_ != "VERB":
            return None
        return _uninflected_cue(token.lower_, self.quote_cues)

    def outlet_of(self, url: str | None) -> Outlet | None:
        """The outlet an article's URL belongs to ("https://www.foxnews.com/..." -> Fox News), if known."""
        if not url:
            return None
        address = urlsplit(url)
        parts = (address.hostname or "").lower().split(".")
        section = address.path.lower().strip("/").split("/")[0]
        for i in range(len(parts) - 1):
            domain = ".".join(parts[i:])
            # a section with a home of its own first: "theguardian.com/us-news" is the Guardian's US edition
            outlet = (self.outlets.get(f"{domain}/{section}") if section else None) or self.outlets.get(domain)
            if outlet is not None:
                return outlet
        return None
    given_names: frozenset[str] = frozenset()
    given_name_genders: dict[str, str] = field(default_factory=dict)
    company_suffixes: dict[str, str] = field(default_factory=dict)
    name_heads: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()  # social platforms (platforms.txt): media, but no outlet that cites
    unit_heads: frozenset[str] = frozenset()
    pollsters: dict[str, str] = field(default_factory=dict)
    party_countries: dict[str, str] = field(default_factory=dict)

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every word of every title ("acting", "commissioner", "chief")."""
        return frozenset(word for title in self.titles for word in title.split(" "))

    @cached_property
    def pollster_names(self) -> frozenset[str]:
        """The pollsters' canonical names ("Quinnipiac University")."""
        return frozenset(self.pollsters.values())

    @cached_property
    def chamber_aliases(self) -> dict[str, str]:
        """Surface form -> name of a chamber whose members sit for the country's states ("U.S. Senate" ->
        "United States Senate")."""
        return {alias: body.name for body in self.institutions.values() if body.state_seats for alias in body.aliases}

    @cached_property
    def _places_by_lower(self) -> dict[str, PlaceName]:
        by_lower: dict[str, PlaceName] = {}
        for surface, place in self.places.items():
            held = by_lower.get(surface.lower())
            if held is None or place.cls == Cls.Country:
                by_lower[surface.lower()] = place
        return by_lower

    def place_named(self, surface: str) -> PlaceName | None:
        """The gazetteer place a surface form names; all-caps datelines ("PERUGIA") too, and an
        abbreviation whose period the tokenization split off ("Okla" for "Okla.", "S.C" for "S.C.")."""
        place = self.places.get(surface)
        if place is None and surface.isupper() and len(surface) > 3:
            place = self._places_by_lower.get(surface.lower())
        if place is None and surface[:1].isupper() and not surface.endswith("."):
            abbreviation = self.places.get(surface + ".")
            place = abbreviation if abbreviation is not None and abbreviation.cls == Cls.Region else None
        return place

    def company_key(self, name: str) -> str:
        """A company's name without legal form, "Group" or spacing, for comparing spellings:
        "Group Menatep", "Menatep Group", "Menatep Ltd" -> "menatep"; "Time Warner" -> "timewarner"."""
        words = [w.lower() for w in name.split()]
        while len(words) > 1 and (words[-1] in COMPANY_WRAPPERS or self.company_suffixes.get(words[-1]) == "legal"):
            words.pop()
        while len(words) > 1 and words[0] in COMPANY_WRAPPERS:
            words.pop(0)
        return re.sub(r"[\s\-.'’]+", "", " ".join(words))

    def country_containing(self, surface: str) -> str | None:
        """The country a gazetteer region or city lies in, following located_in ("Chicago" -> Illinois ->
        United States); None for a country itself or a place of no known country."""
        place = self.place_named(surface)
        for _ in range(4):  # city -> region -> (constituent country ->) country
            if place is None or not place.located_in:
                return None
            container = self.places.get(place.located_in)
            if container is not None and container.cls == Cls.Country:
                return container.name
            place = container
        return None

    def country_of(self, surface: str) -> str | None:
        """The country a surface form names or stands for ("US", "Russian", "Kremlin" -> a country)."""
        place = self.place_named(surface)
        if place is not None and place.cls == Cls.Country:
            return place.name
        return self.demonyms.get(surface) or self.governments.get(surface)


@lru_cache(maxsize=8192)
def _uninflected_cue(word: str, cues: frozenset[str]) -> str | None:
    """The cue a verb form is once its inflection is undone ("deadpanned" -> "deadpan"), if any; cached, as
    every verb of every article is asked about."""
    for suffix in ("ed", "es", "s", "ing", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for base in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else None):
                if base in cues:
                    return base
    return None


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a lexicon TSV as dicts, skipping ``#`` comment lines."""
    text = resources.files("kg.nlp.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {key: (value or "").strip() for key, value in row.items()}


def _alternatives(field: str) -> list[str]:
    return [part.strip() for part in field.split(ALT_SEPARATOR) if part.strip()]


# Outlet names of two words or more that are also common phrases in running text, so they are not matched
# as outlets wherever they appear ("foreign policy" capitalised in a headline, a "roll call" vote).
PHRASE_OUTLETS = {"Foreign Policy", "Foreign Affairs", "Roll Call"}


def _distinctive_outlet_names(rows: list[dict[str, str]]) -> frozenset[str]:
    """The outlets.tsv names distinctive enough to read as outlets without the model's help: two words
    or more once a leading "The" is dropped ("Daily Beast", "Washington Examiner"), with and without the
    "The"; not one-word names ("Time", "Reason", "Vox" are words too) or :data:`PHRASE_OUTLETS`."""
    names = set()
    for row in rows:
        name = row["name"]
        bare = name.removeprefix("The ")
        if name in PHRASE_OUTLETS or len(bare.split()) < 2:
            continue
        names |= {name, bare}
    return frozenset(names)


def _names_by_surface(name: str) -> dict[str, str]:
    """Surface form -> canonical name, from a TSV with ``name`` and ``aliases`` columns."""
    return {surface: row["name"] for row in _rows(name) for surface in [row["name"], *_alternatives(row["aliases"])]}


def _lines(name: str) -> list[str]:
    text = resources.files("kg.nlp.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def load_lexicon() -> Lexicon:
    """Read every lexicon file once per process."""
    outlet_rows = list(_rows("outlets.tsv"))
    places: dict[str, PlaceName] = {}
    demonyms: dict[str, str] = {}
    governments: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for row in _rows("places.tsv"):
        entry = PlaceName(row["name"], row["kind"], row["located_in"] or None)
        for surface in [row["name"], *_alternatives(row["aliases"])]:
            places.setdefault(surface, entry)
    # Countries come last so that a country name always wins over a place with the same name.
    for row in _rows("countries.tsv"):
        country = PlaceName(row["name"], Cls.Country)
        for surface in [row["name"], *_alternatives(row["aliases"])]:
            places[surface] = country
        for demonym in _alternatives(row["demonyms"]):
            demonyms[demonym] = row["name"]
        for metonym in _alternatives(row["government"]):
            governments[metonym] = row["name"]
        for capital in _alternatives(row["capital"]):
            capitals[capital] = row["name"]
    titles: dict[str, list[Title]] = {}
    for row in _rows("titles.tsv"):
        reading = Title(row["relation"], row["object"], row["from_context"] == "yes",
                        frozenset(_alternatives(row.get("only_for") or "")))
        titles.setdefault(row["title"], []).append(reading)
    org_cues = {row["cue"]: (row["class"], row["where"]) for row in _rows("org_cues.tsv")}
    country_aliases: dict[str, tuple[str, ...]] = {}
    for row in _rows("countries.tsv"):
        words = _alternatives(row["demonyms"])
        # adjectives only: "Russian", not the people noun "Russians"
        adjectives = [d for d in words if not (d.endswith("s") and d[:-1] in words)]
        country_aliases[row["name"]] = tuple(dict.fromkeys([row["name"], *_alternatives(row["aliases"]), *adjectives]))
    parties = list(_rows("parties.tsv"))
    return Lexicon(
        places=places,
        demonyms=demonyms,
        governments=governments,
        capitals=capitals,
        titles={title: tuple(readings) for title, readings in titles.items()},
        org_cues=org_cues,
        reporting_verbs=frozenset(row["lemma"] for row in _rows("attribution.tsv")),
        honorifics=frozenset(_lines("honorifics.txt")),
        media=frozenset(_lines("media.txt")) | frozenset(_lines("platforms.txt")) | _distinctive_outlet_names(outlet_rows),
        platforms=frozenset(_lines("platforms.txt")),
        parties=_names_by_surface("parties.tsv"),
        international=_names_by_surface("international.tsv"),
        offices={row["office"]: Office(row["relation"], row["body"], row["country"] or None, row.get("headed") or None)
                 for row in _rows("offices.tsv")},
        institutions={
            row["name"]: Institution(row["name"], frozenset([row["name"], *_alternatives(row["aliases"])]), row["class"],
                                     row["country"] or None, row.get("state_seats") == "yes")
            for row in _rows("institutions.tsv")
        },
        outlets={row["domain"]: Outlet(row["name"], row["country"] or None) for row in outlet_rows},
        outlet_names=frozenset(name for row in outlet_rows for name in {row["name"], row["name"].removeprefix("The ")}),
        party_words={word: row["name"] for row in parties for word in _alternatives(row["adjectives"])},
        party_letters={row["abbreviation"]: row["name"] for row in parties if row["abbreviation"]},
        country_aliases=country_aliases,
        leader_titles={row["country"]: frozenset(_alternatives(row["titles"])) for row in _rows("leader_titles.tsv")},
        quote_cues=frozenset(row["lemma"] for row in _rows("quote_cues.tsv")),
        given_names=frozenset(_lines("given_names.txt")),
        given_name_genders={row["name"]: row["gender"] for row in _rows("given_names_gender.tsv")},
        company_suffixes={row["suffix"]: row["kind"] for row in _rows("company_suffixes.tsv")},
        name_heads=frozenset(_lines("name_heads.txt")),
        unit_heads=frozenset(_lines("unit_heads.txt")),
        pollsters=_names_by_surface("pollsters.tsv"),
        party_countries={row["name"]: row["country"] for row in parties if row["country"]},
    )


@cache
def lexicon_digest() -> str:
    """A short hash of every lexicon file, so caches notice when a word list changes."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files("kg.nlp.lexicons").iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".tsv", ".txt")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]
