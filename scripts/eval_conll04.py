#!/usr/bin/env python
"""Score kg's extractors on CoNLL04 (Roth & Yih 2004): precision, recall, F1 per relation.

Each CoNLL04 sentence is one article: its tokens are joined with single spaces (token
character offsets are kept to show the gold spans), run through the kg pipeline in
process (``kg.nlp.pipeline.load_pipeline`` once, then ``kg.extract.facts.extract_facts`` per sentence),
and the facts are mapped to CoNLL04's five relations:

============  ===========================================================================
CoNLL04       kg relations
============  ===========================================================================
Work_For      works_for, heads (person -> organization); leader_of when the object is an
              organization (a party or government)
OrgBased_In   based_in; reported_from (a wire dateline): CoNLL04 annotates "BELGRADE ,
              Yugoslavia ( AP )" as AP OrgBased_In Belgrade and Yugoslavia about half the
              time (21 of 43 on train), a convention kg keeps apart as its own relation
              (``--exclude reported_from`` scores without it)
Located_In    located_in
Live_In       lives_in, and leader_of when the object is a place: CoNLL04's Live_In also
              covers office-holders of a place ("Gov. Bob Miller ... Nevada")
Kill          killed
============  ===========================================================================

Other relations (cited_by, owns, part_of, controls ...) have no CoNLL04 counterpart and
are ignored; so are member_of and citizen_of, which CoNLL04 rarely annotates (on train, 1 of 8
party memberships kg read was a gold Work_For, 1 of 7 nationalities a gold Live_In).

An entity matches a gold entity when one of its names (canonical name or any surface form it had in that sentence, i.e. its aliases) equals the gold token span
text, compared as by ``kg eval`` (case-insensitive, whitespace collapsed); a gold span
with a trailing period glued on by the tokenization (``Kennedy.``) may also match
without it. Each gold relation matches at most one prediction (``kg.use.evaluate.score``).
Scores are micro-averaged over all sentences.

Use the train split to develop rules and quote the dev numbers::

    python scripts/eval_conll04.py --split dev
    python scripts/eval_conll04.py --split train --errors 20
    python scripts/eval_conll04.py --split dev --json > conll04-dev.json

The data is read from ``../shared/benchmarks/conll04`` next to the repository (or
``--data DIR``); this script downloads nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.use.evaluate import Gold, GoldFact, Prediction, Result, format_table, normalize, score
from kg.extract.facts import extract_facts
from kg.nlp.lexicon import load_lexicon
from kg.model import ARTICLE, Article, Entity, Fact
from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline, parse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "conll04"
CONLL_RELATIONS = ("Work_For", "OrgBased_In", "Located_In", "Live_In", "Kill")

# kg relation -> CoNLL04 relation, by the kind of the object ("organization" / "place" /
# "person"); "*" is any kind. Missing entries are not scored.
MAPPING: dict[str, dict[str, str]] = {
    "works_for": {"*": "Work_For"},
    "heads": {"*": "Work_For"},
    "leader_of": {"organization": "Work_For", "place": "Live_In"},
    "based_in": {"*": "OrgBased_In"},
    "reported_from": {"*": "OrgBased_In"},
    "located_in": {"*": "Located_In"},
    "lives_in": {"*": "Live_In"},
    "killed": {"*": "Kill"},
}


@dataclass(frozen=True)
class Sentence:
    """One CoNLL04 sentence as an article, with its gold entities' text and offsets."""

    id: str
    text: str
    spans: tuple[tuple[str, int, int], ...]  # entity text, start char, end char
    types: tuple[str, ...]  # entity types (Peop, Org, Loc, Other)
    relations: tuple[tuple[str, int, int], ...]  # type, head entity, tail entity


def read_split(path: Path, split: str) -> list[Sentence]:
    """Sentences of a SpERT-format CoNLL04 file; tokens joined with spaces."""
    sentences = []
    for number, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        tokens = record["tokens"]
        starts, offset = [], 0
        for token in tokens:
            starts.append(offset)
            offset += len(token) + 1
        text = " ".join(tokens)
        spans = tuple(
            (" ".join(tokens[e["start"]:e["end"]]), starts[e["start"]], starts[e["end"] - 1] + len(tokens[e["end"] - 1]))
            for e in record["entities"]
        )
        relations = tuple((r["type"], r["head"], r["tail"]) for r in record["relations"])
        types = tuple(e["type"] for e in record["entities"])
        sentence_id = f"{split}-{number:04d}-{record.get('orig_id', number)}"
        sentences.append(Sentence(sentence_id, text, spans, types, relations))
    return sentences


STRICT = False
# Title words CoNLL04 keeps inside person spans ("President Lincoln", "Sen. Jake Garn").
_TITLE_ABBREVIATIONS = {"sen.", "gov.", "rep.", "gen.", "col.", "lt.", "sgt.", "adm.", "capt.", "maj.", "gov", "pope", "vice", "former"}


def _aliases(text: str) -> tuple[str, ...]:
    """The ways kg may name a gold span.

    Always the span itself and the span without a period glued on by the tokenization.
    Unless ``--strict``: also the span without leading titles ("President Lincoln" ->
    "Lincoln"; kg keeps titles out of names) and the first part of a "City , State"
    span ("Lubbock , Texas" -> "Lubbock"; kg names the city and the state separately).
    """
    variants = [text]
    if text.endswith(".") and len(text) > 1 and not text[:-1].endswith("."):
        variants.append(text[:-1])
    if STRICT:
        return tuple(variants)
    lexicon = load_lexicon()
    for variant in list(variants):
        words = variant.split()
        while len(words) > 1 and (words[0].lower() in lexicon.titles or words[0].lower() in lexicon.honorifics
                                  or words[0].lower() in _TITLE_ABBREVIATIONS):
            words = words[1:]
            variants.append(" ".join(words))
        if " , " in variant:
            variants.append(variant.split(" , ")[0])
    return tuple(dict.fromkeys(variants))


def _inside_one_span(sentence: Sentence, subject: frozenset[str], obj: frozenset[str]) -> bool:
    """Both arguments name parts of one gold "City , State" span: CoNLL04 annotates no relation there."""
    for text, _, _ in sentence.spans:
        if " , " not in text:
            continue
        parts = {normalize(p) for p in text.split(" , ")}
        if subject & parts and obj & parts:
            return True
    return False


def gold_facts(sentence: Sentence) -> list[GoldFact]:
    return [
        GoldFact(sentence.id, _aliases(sentence.spans[h][0]), kind, _aliases(sentence.spans[t][0]), sentence.text,
                 f"{sentence.spans[h][1]}-{sentence.spans[h][2]}:{sentence.spans[t][1]}-{sentence.spans[t][2]}")
        for kind, h, t in sentence.relations
    ]


def conll_relation(fact: Fact) -> str | None:
    """The CoNLL04 relation a kg fact maps to, or None."""
    by_kind = MAPPING.get(fact.relation)
    if by_kind is None or fact.object[0] == ARTICLE:
        return None
    return by_kind.get(fact.object[0], by_kind.get("*"))


def predicted_facts(sentence: Sentence, facts: tuple[Fact, ...], entities: tuple[Entity, ...]) -> list[Prediction]:
    """kg facts of one sentence as predictions over CoNLL04 relations; the rule records the kg relation."""
    names = {e.ref: frozenset(normalize(n) for n in {e.name, *e.aliases}) for e in entities}
    # An entity only a title implies ("U.S. Ambassador X" works_for the United States government) is no
    # span of the sentence, so CoNLL04 can hold no relation with it: such facts are not scored.
    implied = {e.ref for e in entities if e.mentions == 0}
    found = {}
    for fact in facts:
        relation = conll_relation(fact)
        if relation is None or fact.subject in implied or fact.object in implied:
            continue
        subject_names = names.get(fact.subject, frozenset({normalize(fact.subject[1])}))
        object_names = names.get(fact.object, frozenset({normalize(fact.object[1])}))
        if not STRICT and _inside_one_span(sentence, subject_names, object_names):
            continue  # e.g. located_in(Lubbock, Texas) inside the gold entity "Lubbock , Texas": not scorable
        key = (fact.subject, relation, fact.object)
        held = found.get(key)
        if held is not None and held.confidence >= fact.evidence.confidence:
            continue
        found[key] = Prediction(
            sentence.id, "/".join(fact.subject), relation, "/".join(fact.object),
            names.get(fact.subject, frozenset({normalize(fact.subject[1])})),
            names.get(fact.object, frozenset({normalize(fact.object[1])})),
            fact.subject[1], fact.object[1], fact.evidence.confidence, sentence.text,
            f"{fact.relation}:{fact.evidence.rule}",
        )
    return [found[k] for k in sorted(found)]


@dataclass
class EntityCoverage:
    """How many gold Peop/Org/Loc spans some kg entity of the sentence is named by (the entity-side ceiling)."""

    gold: int = 0
    named: int = 0

    def add(self, sentence: Sentence, entities: tuple[Entity, ...]) -> None:
        names = {normalize(n) for e in entities for n in (e.name, *e.aliases)}
        for (text, _, _), kind in zip(sentence.spans, sentence.types):
            if kind != "Other":
                self.gold += 1
                self.named += any(normalize(a) in names for a in _aliases(text))

    def __str__(self) -> str:
        share = self.named / self.gold if self.gold else 0.0
        return f"{self.named} of {self.gold} gold Peop/Org/Loc spans ({share:.1%}) are the name of a kg entity"


def run(sentences: list[Sentence], model: str = DEFAULT_MODEL, min_confidence: float | None = 0.0,
        coverage: EntityCoverage | None = None) -> Result:
    """Run the pipeline over the sentences and score its facts against the gold relations."""
    nlp = load_pipeline(model)
    lexicon = load_lexicon()
    by_id = {s.id: s for s in sentences}
    articles = (Article(id=s.id, text=s.text) for s in sentences)
    golds, preds = [], []
    for article, doc in parse(articles, nlp, batch_size=256):
        sentence = by_id[article.id]
        result = extract_facts(article, doc, lexicon, min_confidence=min_confidence)
        golds.extend(gold_facts(sentence))
        if coverage is not None:
            coverage.add(sentence, result.entities)
        preds.extend(predicted_facts(sentence, result.facts, result.entities))
    gold = Gold(tuple(golds), tuple(s.id for s in sentences))
    result = score(gold, preds, relations=CONLL_RELATIONS)
    result.relations = {name: result.relations[name] for name in CONLL_RELATIONS if name in result.relations}
    return result


def by_source(result: Result, part: int = 0) -> dict[str, dict[str, int]]:
    """Right and wrong predictions per kg relation (``part=0``) or per rule (``part=1``), to judge the mapping."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for _, p in result.matched:
        counts[p.rule.split(":")[part].split(" ")[0]]["tp"] += 1
    for p in result.false:
        counts[p.rule.split(":")[part].split(" ")[0]]["fp"] += 1
    return {name: {"tp": c["tp"], "fp": c["fp"]} for name, c in sorted(counts.items())}


def format_errors(result: Result, limit: int) -> str:
    lines = [f"missed ({len(result.missed)}; first {min(limit, len(result.missed))}):"]
    for g in result.missed[:limit]:
        lines.append(f"  [{g.article}] {g.subject[0]} {g.relation} {g.object[0]}")
        lines.append(f"      \"{g.note}\"")
    lines.append(f"false ({len(result.false)}; first {min(limit, len(result.false))}):")
    for p in result.false[:limit]:
        lines.append(f"  [{p.article}] {p.subject_label} {p.relation} {p.object_label}  ({p.rule} {p.confidence:.2f})")
        lines.append(f"      \"{p.sentence}\"")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev", help="CoNLL04 split (default: dev)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"directory of conll04_*.json ({DEFAULT_DATA})")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline")
    parser.add_argument("--min-confidence", type=float, default=0.0,
                        help="drop facts below this confidence (default 0: every fact, the classifier at its own "
                             "thresholds)")
    parser.add_argument("--build-defaults", action="store_true",
                        help="score what kg build keeps by default (kg.extract.facts.DEFAULT_MIN_CONFIDENCE)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N missed and N false facts")
    parser.add_argument("--json", action="store_true", help="print the scores (and errors) as JSON")
    parser.add_argument("--strict", action="store_true",
                        help="exact span names only: no title stripping, no 'City , State' parts")
    parser.add_argument("--exclude", action="append", default=[], metavar="RELATION", choices=sorted(MAPPING),
                        help="leave this kg relation out of the mapping (repeatable), e.g. reported_from")
    args = parser.parse_args(argv)
    for relation in args.exclude:
        MAPPING.pop(relation)
    global STRICT
    STRICT = args.strict

    path = args.data / f"conll04_{args.split}.json"
    if not path.is_file():
        print(f"error: {path}: no such file; pass --data DIR (the shared CoNLL04 folder)", file=sys.stderr)
        return 1
    sentences = read_split(path, args.split)[: args.limit]
    coverage = EntityCoverage()
    result = run(sentences, args.model, None if args.build_defaults else args.min_confidence, coverage)
    if args.json:
        data = result.as_dict()
        data = {"split": args.split, "sentences": len(sentences), "overall": data["overall"],
                "relations": data["relations"], "by_kg_relation": by_source(result),
                "entity_coverage": {"gold": coverage.gold, "named": coverage.named},
                "missed": data["missed"][: args.errors], "false": data["false"][: args.errors]}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"CoNLL04 {args.split}: {len(sentences)} sentences, {result.overall.gold} gold relations")
    print(format_table(result, show_errors=False), end="")
    print(f"entities: {coverage}")
    print("by kg relation: " + ", ".join(f"{k} {v['tp']}/{v['tp'] + v['fp']}" for k, v in by_source(result).items()))
    if args.errors:
        print()
        print(format_errors(result, args.errors), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
