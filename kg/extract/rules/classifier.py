"""A learned pair classifier for the relations CoNLL04 annotates.

Rules catch the news patterns precisely ("US President X"); many facts are worded
too freely for rules ("X, who grew up in Y", "Y's X was assassinated by Z"). For
works_for, lives_in, based_in, located_in and killed, a logistic regression over
pair features (:mod:`kg.extract.pairs`) scores every type-compatible ordered pair of entities
in a sentence; pairs above the relation's threshold become facts whose confidence is
the model's probability. The model is trained by ``scripts/train_relations.py`` on
CoNLL04 train and shipped as JSON weights in ``kg/extract/models/relations.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Span

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.byline import find_dateline
from kg.extract.rules.common import not_current_counts
from kg.extract.time import ROLE_RELATIONS
from kg.model import Entity
from kg.extract.pairs import FEATURE_VERSION, pair_features
from kg.vocab import Cls, Rel

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "relations.json"

# (subject kind, object kind) -> the one relation the classifier may predict for it.
SIGNATURES = {
    ("person", "organization"): Rel.works_for,
    ("person", "place"): Rel.lives_in,
    ("organization", "place"): Rel.based_in,
    ("place", "place"): Rel.located_in,
    ("person", "person"): Rel.killed,
}


@cache
def load_model() -> dict:
    """The shipped weights, or an empty model when none is installed."""
    source = resources.files("kg.extract.models").joinpath("relations.json")
    if not source.is_file():
        return {"relations": {}}
    model = json.loads(source.read_text(encoding="utf-8"))
    if model.get("feature_version") != FEATURE_VERSION:
        raise RuntimeError(f"kg/extract/models/relations.json was trained with {model.get('feature_version')}, "
                           f"the code computes {FEATURE_VERSION}; retrain with scripts/train_relations.py")
    return model


def probability(relation_model: dict, features: list[str]) -> float:
    weights = relation_model["weights"]
    score = relation_model["bias"] + sum(weights.get(f, 0.0) for f in set(features))
    return 1.0 / (1.0 + math.exp(-score))


def candidate_pairs(ctx: Context) -> Iterator[tuple[Span, Entity, Span, Entity, str]]:
    """Ordered mention pairs in one sentence whose kinds allow a classifier relation.

    Used for training and inference alike, so the model sees the pairs it will be asked about.
    Demonyms ("Russian") are left to the rules: CoNLL04 never annotates them as places. So is a
    dateline ("BELGRADE, Yugoslavia (AP)"): its agency reported from its places, it is not based there.
    """
    found = find_dateline(ctx)
    dateline = range(found.span.start, found.span.end) if found is not None else range(0)
    by_sentence: dict[int, list[Span]] = {}  # one pass: ``sent.ents`` scans every mention of the document
    for span in ctx.doc.ents:
        sent = span.sent
        if span.end <= sent.end:
            by_sentence.setdefault(sent.start, []).append(span)
    for sent in ctx.doc.sents:
        spans = by_sentence.get(sent.start, [])
        mentions = [(span, ctx.entities.of(span)) for span in spans if span.text not in ctx.lexicon.demonyms]
        mentions = [(span, entity) for span, entity in mentions if entity is not None]
        for span_a, a in mentions:
            for span_b, b in mentions:
                relation = SIGNATURES.get((a.kind, b.kind))
                if relation is None or a == b or (relation == Rel.located_in and a.cls == Cls.Country):
                    continue
                if relation == Rel.based_in and span_a.start in dateline and span_b.start in dateline:
                    continue
                yield span_a, a, span_b, b, relation


@register("pair_classifier.v1")
def pair_classifier(ctx: Context) -> Iterator[Candidate]:
    """Every ordered entity pair in a sentence whose relation probability passes the threshold."""
    relations = load_model()["relations"]
    not_current = not_current_counts(ctx.doc)
    for span_a, a, span_b, b, relation in candidate_pairs(ctx):
        if relation not in relations:
            continue
        if relation == Rel.based_in and a.cls == Cls.PoliticalParty:
            continue  # "the Kentucky Republican": a politician's state, never where a party sits
        first, second = sorted((span_a, span_b), key=lambda span: span.start)
        if relation not in ROLE_RELATIONS and not_current[second.start] > not_current[max(first.start - 3, first.sent.start)]:
            # "the former Soviet Union's Moscow": a relation with no status cannot say it no longer holds. A role
            # ("X, the former chairman of Y") is kept: the runner gives it status former (kg.extract.time).
            continue
        p = probability(relations[relation], pair_features(span_a, span_b, a.kind, b.kind))
        if p >= relations[relation]["threshold"]:
            yield Candidate(a, relation, b, span_a.sent, round(p, 2))
