"""The ontology's classes and relations as plain Python data (no rdflib), for every stage.

Generated from ontology/kg.ttl by ``python scripts/gen_namespace.py``; do not edit by hand.
Code names a class or a relation through :class:`Cls` and :class:`Rel` (a misspelt
name is an AttributeError), never as a string literal.
"""

from __future__ import annotations

from typing import NamedTuple

PERSON, ORGANIZATION, PLACE = "person", "organization", "place"
"""The families: the kind of IRI an entity gets (``res:person/...``); a name's family never changes with its class."""


class VocabClass(NamedTuple):
    """A class of the ontology: its local name, family (``None`` for non-entities), top class, and how kg draws it."""

    name: str
    family: str | None
    top: str
    colour: str | None = None  # kg:displayColour, its own or its nearest superclass's
    shape: str | None = None  # kg:displayShape of its top class


class Relation(NamedTuple):
    """An object property of the ontology (a relation facts use), with its axioms."""

    name: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    super_properties: tuple[str, ...]
    inverse: str | None
    symmetric: bool
    colour: str | None = None  # kg:displayColour


class Cls:
    """Class names."""

    Person = "Person"
    Organization = "Organization"
    MediaOrganization = "MediaOrganization"
    GovernmentOrganization = "GovernmentOrganization"
    PoliticalParty = "PoliticalParty"
    Company = "Company"
    ResearchOrganization = "ResearchOrganization"
    EducationalOrganization = "EducationalOrganization"
    MilitaryUnit = "MilitaryUnit"
    SportsTeam = "SportsTeam"
    InternationalOrganization = "InternationalOrganization"
    Place = "Place"
    Country = "Country"
    Region = "Region"
    City = "City"
    NewsArticle = "NewsArticle"
    Assertion = "Assertion"
    Fact = "Fact"
    Interval = "Interval"
    Extractor = "Extractor"
    Quote = "Quote"


class Rel:
    """Relation names."""

    leader_of = "leader_of"
    heads = "heads"
    works_for = "works_for"
    member_of = "member_of"
    citizen_of = "citizen_of"
    lives_in = "lives_in"
    based_in = "based_in"
    located_in = "located_in"
    part_of = "part_of"
    owns = "owns"
    acquired = "acquired"
    cited_by = "cited_by"
    cites = "cites"
    author_of = "author_of"
    killed = "killed"
    at_war_with = "at_war_with"
    controls = "controls"
    reported_from = "reported_from"
    government_of = "government_of"


CLASSES = {
    "Person": VocabClass("Person", "person", "Person", "#4e79a7", "dot"),
    "Organization": VocabClass("Organization", "organization", "Organization", "#f28e2b", "square"),
    "MediaOrganization": VocabClass("MediaOrganization", "organization", "Organization", "#e15759", "square"),
    "GovernmentOrganization": VocabClass("GovernmentOrganization", "organization", "Organization", "#b07aa1", "square"),
    "PoliticalParty": VocabClass("PoliticalParty", "organization", "Organization", "#ff9da7", "square"),
    "Company": VocabClass("Company", "organization", "Organization", "#edc948", "square"),
    "ResearchOrganization": VocabClass("ResearchOrganization", "organization", "Organization", "#76b7b2", "square"),
    "EducationalOrganization": VocabClass("EducationalOrganization", "organization", "Organization", "#9c755f", "square"),
    "MilitaryUnit": VocabClass("MilitaryUnit", "organization", "Organization", "#7f7f7f", "square"),
    "SportsTeam": VocabClass("SportsTeam", "organization", "Organization", "#bcbd22", "square"),
    "InternationalOrganization": VocabClass("InternationalOrganization", "organization", "Organization", "#17becf", "square"),
    "Place": VocabClass("Place", "place", "Place", "#59a14f", "triangle"),
    "Country": VocabClass("Country", "place", "Place", "#2e7d32", "triangle"),
    "Region": VocabClass("Region", "place", "Place", "#8cd17d", "triangle"),
    "City": VocabClass("City", "place", "Place", "#a0cbe8", "triangle"),
    "NewsArticle": VocabClass("NewsArticle", None, "NewsArticle", "#d4d4d4", "diamond"),
    "Assertion": VocabClass("Assertion", None, "Assertion", None, None),
    "Fact": VocabClass("Fact", None, "Fact", None, None),
    "Interval": VocabClass("Interval", None, "Interval", None, None),
    "Extractor": VocabClass("Extractor", None, "Extractor", None, None),
    "Quote": VocabClass("Quote", None, "Quote", None, None),
}
"""Every class, in the ontology's order."""
RELATIONS = {
    "leader_of": Relation("leader_of", ("Person",), ("Country", "Organization"), (), None, False, "#1f3a93"),
    "heads": Relation("heads", ("Person",), ("Organization",), ("works_for",), None, False, "#1f77b4"),
    "works_for": Relation("works_for", ("Person",), ("Organization",), (), None, False, "#e377c2"),
    "member_of": Relation("member_of", ("Country", "Person"), ("Organization",), (), None, False, "#bcbd22"),
    "citizen_of": Relation("citizen_of", ("Person",), ("Country",), (), None, False, "#17becf"),
    "lives_in": Relation("lives_in", ("Person",), ("Place",), (), None, False, "#6b8e23"),
    "based_in": Relation("based_in", ("Organization",), ("Place",), (), None, False, "#2ca02c"),
    "located_in": Relation("located_in", ("Place",), ("Place",), (), None, False, "#2e8b57"),
    "part_of": Relation("part_of", ("Organization",), ("Organization",), (), None, False, "#556b2f"),
    "owns": Relation("owns", ("Organization", "Person"), ("Organization",), (), None, False, "#a0522d"),
    "acquired": Relation("acquired", ("Organization", "Person"), ("Organization",), ("owns",), None, False, "#8c564b"),
    "cited_by": Relation("cited_by", ("Organization", "Person"), ("NewsArticle", "Organization", "Person"), (), "cites", False, "#9467bd"),
    "cites": Relation("cites", ("NewsArticle", "Organization", "Person"), ("Organization", "Person"), (), "cited_by", False, "#9467bd"),
    "author_of": Relation("author_of", ("Person",), ("NewsArticle",), (), None, False, "#7f7f7f"),
    "killed": Relation("killed", ("Person",), ("Person",), (), None, False, "#000000"),
    "at_war_with": Relation("at_war_with", ("Country",), ("Country",), (), None, True, "#d62728"),
    "controls": Relation("controls", ("Country", "Organization"), ("Place",), (), None, False, "#ff7f0e"),
    "reported_from": Relation("reported_from", ("Organization",), ("Place",), (), None, False, "#c5b0d5"),
    "government_of": Relation("government_of", ("GovernmentOrganization",), ("Country",), (), None, False, "#7f7f7f"),
}
"""Every relation (object property of kg: between entities, not those of a kg:Quote), in the ontology's order."""

KIND_OF_CLASS = {c.name: c.family for c in CLASSES.values() if c.family is not None}
"""Entity class -> its family (the kind that fixes its IRI path)."""
GENERIC_CLASS = {c.family: c.name for c in CLASSES.values() if c.family is not None and c.top == c.name}
"""Family -> its top class (``person`` -> ``Person``)."""
ORGANIZATION_CLASSES = frozenset(c for c, family in KIND_OF_CLASS.items() if family == ORGANIZATION)
