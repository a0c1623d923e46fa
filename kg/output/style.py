"""How kg draws the vocabulary: a colour per class and relation, a shape per top class.

Read from the ontology (``kg:displayColour`` and ``kg:displayShape`` annotations in
ontology/kg.ttl, resolved into the generated :mod:`kg.vocab`), so a new class or relation
gets its colour where it is defined. Both the explorer (kg/output/html.py) and the static
pictures (kg/output/image.py) draw with these.

Example::

    class_colour(Cls.Country), class_shape(Cls.Country)   # ('#2e7d32', 'triangle')
"""

from __future__ import annotations

from kg.vocab import CLASSES, RELATIONS

CLASS_COLOURS = {c.name: c.colour for c in CLASSES.values() if c.colour is not None}
"""Display colour per class (a subclass without its own has its nearest superclass's)."""
OTHER_COLOUR = "#bab0ac"
"""Colour of a class the ontology does not colour (a graph written by another version of kg)."""

CLASS_FAMILY = {c.name: c.top for c in CLASSES.values()}
"""Top class of each class (rdfs:subClassOf): the top class picks the node shape, the class the colour."""
CLASS_SHAPES = {c.name: c.shape for c in CLASSES.values() if c.shape is not None}
"""vis-network shape names; each has a matplotlib marker of the same look in kg/output/image.py."""
OTHER_SHAPE = "star"

RELATION_COLOURS = {r.name: r.colour for r in RELATIONS.values() if r.colour is not None}
"""One colour per relation, darker than the node colours so edges read as lines."""
OTHER_RELATION_COLOUR = "#666666"


def class_colour(cls: str) -> str:
    """The colour entities of ``cls`` are drawn in."""
    return CLASS_COLOURS.get(cls, OTHER_COLOUR)


def class_shape(cls: str) -> str:
    """The vis-network shape for a class: one shape per top class (person, organization, place, article)."""
    return CLASS_SHAPES.get(cls, OTHER_SHAPE)


def relation_colour(relation: str) -> str:
    """The colour facts of ``relation`` are drawn in."""
    return RELATION_COLOURS.get(relation, OTHER_RELATION_COLOUR)
