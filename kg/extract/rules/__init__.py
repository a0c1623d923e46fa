"""Relation extractors: small rules, each registered under a versioned name.

An extractor is a generator over a :class:`~kg.extract.rules.base.Context` that yields
:class:`~kg.extract.rules.base.Candidate` facts. Extractors mint no IRIs and write no
provenance: :func:`kg.extract.facts.extract_facts` attaches the evidence in one place, and the
rule's name travels with every fact so any triple can be traced to the rule that made it.
"""

from kg.extract.rules import attribution, byline, classifier, conflict, government, ownership, places, structure, titles  # noqa: F401
from kg.extract.rules.base import EXTRACTORS, Candidate, Context, register

__all__ = ["EXTRACTORS", "Candidate", "Context", "register"]
