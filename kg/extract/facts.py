"""Run the registered extractors over one article and attach evidence to what they find."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.entities import resolve_entities
from kg.extract.rules import EXTRACTORS, Candidate, Context
from kg.nlp.lexicon import Lexicon
from kg.model import Article, ArticleResult, Entity, Evidence, Fact, Ref

CONFIDENCE_DIGITS = 2

# The learned classifier is the fallback for wordings no rule reads: where a rule read the
# same two entities in the same sentence, the rule's more specific relation stands alone
# ("US lawyer Jamie Firestone" is citizen_of, not also lives_in; "Microsoft chief executive
# Steve Ballmer" heads, which already implies works_for).
FALLBACK_RULES = frozenset({"pair_classifier.v1"})


def _ref(value: Entity | Ref) -> Ref:
    return value.ref if isinstance(value, Entity) else value


def _evidence(article: Article, candidate: Candidate, rule: str) -> Evidence:
    sentence = candidate.sentence
    if sentence is None:
        return Evidence(article.id, f"By {article.author}", None, None, rule, round(candidate.confidence, CONFIDENCE_DIGITS))
    text = sentence.text.strip()
    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    return Evidence(article.id, text, start, start + len(text), rule, round(candidate.confidence, CONFIDENCE_DIGITS))


def extract_facts(
    article: Article,
    doc: Doc,
    lexicon: Lexicon,
    *,
    rules: Iterable[str] | None = None,
    min_confidence: float = 0.0,
) -> ArticleResult:
    """Resolve the article's entities, run the rules and return its facts with evidence.

    The same fact read twice from one sentence (by two rules) is kept once, with the
    most confident rule; read from two sentences it is kept twice, once per evidence.
    The classifier's reading of two entities gives way to a rule's reading of the same two
    in the same sentence (:data:`FALLBACK_RULES`).
    """
    entities = resolve_entities(doc, article, lexicon)
    ctx = Context(doc, article, entities, lexicon)
    best: dict[tuple, Fact] = {}
    for name in sorted(rules if rules is not None else EXTRACTORS):
        for candidate in EXTRACTORS[name](ctx):
            if candidate.confidence < min_confidence:
                continue
            subject, obj = _ref(candidate.subject), _ref(candidate.object)
            if subject == obj:
                continue
            fact = Fact(subject, candidate.relation, obj, _evidence(article, candidate, name))
            key = (subject, candidate.relation, obj, fact.evidence.start)
            held = best.get(key)
            if held is None or fact.evidence.confidence > held.evidence.confidence:
                best[key] = fact
    def pair(fact: Fact) -> tuple:
        return frozenset((fact.subject, fact.object)), fact.evidence.start

    read_by_rules = {pair(f) for f in best.values() if f.evidence.rule not in FALLBACK_RULES}
    kept = [f for f in best.values() if f.evidence.rule not in FALLBACK_RULES or pair(f) not in read_by_rules]
    facts = sorted(kept, key=lambda f: (f.evidence.start or -1, f.subject, f.relation, f.object))
    return ArticleResult(article, entities.entities, tuple(facts))
