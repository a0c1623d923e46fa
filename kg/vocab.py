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
    """A class of the ontology: its local name, family (``None`` for non-entities) and top class."""

    name: str
    family: str | None
    top: str


class Relation(NamedTuple):
    """An object property of the ontology (a relation facts use), with its axioms."""

    name: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    super_properties: tuple[str, ...]
    inverse: str | None
    symmetric: bool


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
    "Person": VocabClass("Person", "person", "Person"),
    "Organization": VocabClass("Organization", "organization", "Organization"),
    "MediaOrganization": VocabClass("MediaOrganization", "organization", "Organization"),
    "GovernmentOrganization": VocabClass("GovernmentOrganization", "organization", "Organization"),
    "PoliticalParty": VocabClass("PoliticalParty", "organization", "Organization"),
    "Company": VocabClass("Company", "organization", "Organization"),
    "ResearchOrganization": VocabClass("ResearchOrganization", "organization", "Organization"),
    "EducationalOrganization": VocabClass("EducationalOrganization", "organization", "Organization"),
    "MilitaryUnit": VocabClass("MilitaryUnit", "organization", "Organization"),
    "SportsTeam": VocabClass("SportsTeam", "organization", "Organization"),
    "InternationalOrganization": VocabClass("InternationalOrganization", "organization", "Organization"),
    "Place": VocabClass("Place", "place", "Place"),
    "Country": VocabClass("Country", "place", "Place"),
    "Region": VocabClass("Region", "place", "Place"),
    "City": VocabClass("City", "place", "Place"),
    "NewsArticle": VocabClass("NewsArticle", None, "NewsArticle"),
    "Assertion": VocabClass("Assertion", None, "Assertion"),
    "Fact": VocabClass("Fact", None, "Fact"),
    "Interval": VocabClass("Interval", None, "Interval"),
    "Extractor": VocabClass("Extractor", None, "Extractor"),
    "Quote": VocabClass("Quote", None, "Quote"),
}
"""Every class, in the ontology's order."""
RELATIONS = {
    "leader_of": Relation("leader_of", ("Person",), ("Country", "Organization"), (), None, False),
    "heads": Relation("heads", ("Person",), ("Organization",), ("works_for",), None, False),
    "works_for": Relation("works_for", ("Person",), ("Organization",), (), None, False),
    "member_of": Relation("member_of", ("Country", "Person"), ("Organization",), (), None, False),
    "citizen_of": Relation("citizen_of", ("Person",), ("Country",), (), None, False),
    "lives_in": Relation("lives_in", ("Person",), ("Place",), (), None, False),
    "based_in": Relation("based_in", ("Organization",), ("Place",), (), None, False),
    "located_in": Relation("located_in", ("Place",), ("Place",), (), None, False),
    "part_of": Relation("part_of", ("Organization",), ("Organization",), (), None, False),
    "owns": Relation("owns", ("Organization", "Person"), ("Organization",), (), None, False),
    "acquired": Relation("acquired", ("Organization", "Person"), ("Organization",), ("owns",), None, False),
    "cited_by": Relation("cited_by", ("Organization", "Person"), ("NewsArticle", "Organization", "Person"), (), "cites", False),
    "cites": Relation("cites", ("NewsArticle", "Organization", "Person"), ("Organization", "Person"), (), "cited_by", False),
    "author_of": Relation("author_of", ("Person",), ("NewsArticle",), (), None, False),
    "killed": Relation("killed", ("Person",), ("Person",), (), None, False),
    "at_war_with": Relation("at_war_with", ("Country",), ("Country",), (), None, True),
    "controls": Relation("controls", ("Country", "Organization"), ("Place",), (), None, False),
    "reported_from": Relation("reported_from", ("Organization",), ("Place",), (), None, False),
    "government_of": Relation("government_of", ("GovernmentOrganization",), ("Country",), (), None, False),
}
"""Every relation (object property of kg: between entities, not those of a kg:Quote), in the ontology's order."""

KIND_OF_CLASS = {c.name: c.family for c in CLASSES.values() if c.family is not None}
"""Entity class -> its family (the kind that fixes its IRI path)."""
GENERIC_CLASS = {c.family: c.name for c in CLASSES.values() if c.family is not None and c.top == c.name}
"""Family -> its top class (``person`` -> ``Person``)."""
ORGANIZATION_CLASSES = frozenset(c for c, family in KIND_OF_CLASS.items() if family == ORGANIZATION)
