"""The ontology classes a mention can carry, and the kind of IRI (``person/``, ``organization/``,
``place/``) each one belongs to: a name's kind never changes with its class."""

from __future__ import annotations

PERSON, ORGANIZATION, PLACE = "person", "organization", "place"

# Ontology class -> the kind that fixes its IRI path (a name's kind never changes with its class).
KIND_OF_CLASS = {
    "Person": PERSON,
    "Organization": ORGANIZATION,
    "MediaOrganization": ORGANIZATION,
    "GovernmentOrganization": ORGANIZATION,
    "PoliticalParty": ORGANIZATION,
    "Company": ORGANIZATION,
    "ResearchOrganization": ORGANIZATION,
    "EducationalOrganization": ORGANIZATION,
    "MilitaryUnit": ORGANIZATION,
    "SportsTeam": ORGANIZATION,
    "InternationalOrganization": ORGANIZATION,
    "Place": PLACE,
    "Country": PLACE,
    "Region": PLACE,
    "City": PLACE,
}
GENERIC_CLASS = {PERSON: "Person", ORGANIZATION: "Organization", PLACE: "Place"}
ORGANIZATION_CLASSES = frozenset(cls for cls, kind in KIND_OF_CLASS.items() if kind == ORGANIZATION)
