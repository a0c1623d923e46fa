"""The ontology (``ontology/kg.ttl``) and the SHACL shapes (``ontology/shapes.ttl``), each parsed once."""

from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib import Graph


def ontology_bytes() -> bytes:
    """The text of ``kg.ttl`` as shipped in the package ``kg.ontology``."""
    return resources.files("kg.ontology").joinpath("kg.ttl").read_bytes()


@cache
def ontology_graph() -> Graph:
    """``kg.ttl`` as an rdflib graph (parsed on the first call; do not modify it)."""
    return Graph().parse(ontology_bytes(), format="turtle")


@cache
def shapes_graph() -> Graph:
    """``shapes.ttl`` as an rdflib graph (parsed on the first call; do not modify it)."""
    return Graph().parse(resources.files("kg.ontology").joinpath("shapes.ttl").read_bytes(), format="turtle")
