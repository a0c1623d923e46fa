"""Score an output graph against hand-annotated gold facts: precision, recall and F1.

Gold format
-----------
A gold file is TSV (``.tsv``) or JSONL (``.jsonl``); a gold directory is every such
file in it (sorted by name). A TSV file starts with the header

    article<TAB>subject<TAB>relation<TAB>object[<TAB>note]

and has one gold fact per row:

- ``article``: the article id (``dcterms:identifier`` of the article in the graph, e.g.
  ``000_bedcb93597ba2cf9`` or ``bbc-business-001``). Facts are scored per article: a
  fact the graph read from article A does not count for article B.
- ``subject`` / ``object``: a name with ``|``-separated aliases, the first being the
  canonical name (``Vladimir Putin|Putin``). An object that is the article itself
  (``author_of``, ``cited_by``) is written ``@article``.
- ``relation``: the local name of an ontology property (see :data:`RELATIONS`).
- ``note`` (optional): why the annotator chose this fact; shown with missed facts.

A row with only ``article`` filled declares an article annotated as stating no fact.
Blank lines and lines starting with ``#`` are ignored.

A TSV file without that header is read in the annotation format of ``ANNOTATION.md``
(the conventions kg is judged by): six columns, no header,

    doc<TAB>subject aliases<TAB>relation<TAB>object aliases|ARTICLE<TAB>core|optional<TAB>evidence[<TAB>status]

``ARTICLE`` is the article's own node. An ``optional`` fact is neither required nor
false: a prediction that matches one is left out of precision, and missing it costs no
recall. The optional seventh column is the role's status (``current``, ``former``,
``future``, ``acting`` or ``-``); where it is given on a role fact (:data:`STATUS_RELATIONS`)
that a prediction matches (core or optional), the prediction's ``kg:status`` is compared with
it (none reads as ``current``) and reported as status accuracy. A file in this format scores only the relations that
``ANNOTATION.md`` defines (:data:`ANNOTATED_RELATIONS`). JSONL files hold one object per
line with the same keys; ``subject``/``object`` may be a string (``|``-separated) or a
list of aliases.

Matching
--------
The predicted facts of an article are the direct triples ``?s kg:REL ?o`` that have a
``kg:Assertion`` derived from that article (``prov:wasDerivedFrom res:article/<id>``),
with the best confidence of those assertions (``--min-confidence`` drops the rest).
A gold fact matches a prediction of the same article and relation when, on each side,
one gold alias equals one of the entity's names (``rdfs:label`` and ``skos:altLabel``),
compared case-insensitively with whitespace collapsed, curly quotes straightened and a
leading "the" dropped; ``@article`` matches the article by its ``dcterms:identifier``.
Symmetric relations (``at_war_with``) match either way round; predictions of an inverse
property (``kg:cites``) are read as the scored one (``kg:cited_by``). Each gold fact
matches at most one prediction and the reverse (a maximum bipartite matching). A
prediction left unmatched that a matched-or-missed gold fact of a sub-property entails
(``works_for`` when the gold says ``heads``, ``owns`` for ``acquired``) is neither
right nor wrong: it is counted as ``implied`` and left out of precision.

Example:
    >>> from pathlib import Path
    >>> result = evaluate(load_gold(Path("tests/gold/seed.tsv")), Path("output"))  # doctest: +SKIP
    >>> round(result.overall.f1, 3)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import networkx as nx
from rdflib import RDFS, SKOS, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.graph.namespace import KG
from kg.output.store import load_dataset
from kg.vocab import RELATIONS as VOCAB_RELATIONS
from kg.vocab import Rel

# The relations a gold file may state, in the ontology's order: every relation but the
# inverse of one listed before it (a gold file states cited_by, never cites).
# kg:government_of (a government's link to its country) is structure the rules add, never a gold fact.
RELATIONS = tuple(
    name for name, relation in VOCAB_RELATIONS.items()
    if (relation.inverse is None or list(VOCAB_RELATIONS).index(relation.inverse) > list(VOCAB_RELATIONS).index(name))
    and name != Rel.government_of
)
# The relations of ANNOTATION.md: a gold file in that format says nothing about the others.
ANNOTATED_RELATIONS = tuple(r for r in RELATIONS if r != Rel.reported_from)
ARTICLE_OBJECT = "@article"
ANNOTATION_ARTICLE = "ARTICLE"
KINDS = ("core", "optional")
STATUSES = ("current", "former", "future", "acting")
# Role relations whose status (current, former ...) is scored when the gold states it.
STATUS_RELATIONS = (Rel.leader_of, Rel.heads, Rel.works_for, Rel.member_of)
RELATIONS_SLICE = "relations"
SOURCES_SLICE = "named sources"
GOLD_SUFFIXES = (".tsv", ".jsonl")
REQUIRED_COLUMNS = ("article", "subject", "relation", "object")

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


class GoldError(ValueError):
    """A gold file cannot be read; the message names the file and line."""


def normalize(name: str) -> str:
    """The form names are compared in: casefolded, spaces collapsed, quotes straightened, no leading "the".

    >>> normalize("  The  Sunday\u00a0Telegraph ")
    'sunday telegraph'
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", name).translate(_QUOTES)).strip().casefold()
    return text[4:] if text.startswith("the ") and len(text) > 4 else text


@dataclass(frozen=True)
class GoldFact:
    """One annotated fact; ``object`` is ``("@article",)`` for the article itself."""

    article: str
    subject: tuple[str, ...]
    relation: str
    object: tuple[str, ...]
    note: str = ""
    source: str = ""
    optional: bool = False
    status: str = ""

    def describe(self) -> str:
        return f"{self.subject[0]} {self.relation} {self.object[0]}"

    @property
    def is_named_source(self) -> bool:
        """``X cited_by ARTICLE``: a source the article quotes, scored apart from relations between entities."""
        return self.relation == Rel.cited_by and self.object == (ARTICLE_OBJECT,)


@dataclass(frozen=True)
class Gold:
    """Gold facts and the articles they cover (an article may be annotated with no fact).

    ``relations`` are the relations the gold annotates: predictions of any other are not scored.
    """

    facts: tuple[GoldFact, ...]
    articles: tuple[str, ...]
    relations: tuple[str, ...] = RELATIONS


@dataclass(frozen=True)
class Prediction:
    """A fact in the graph as read from one article, with its best assertion."""

    article: str
    subject: str
    relation: str
    object: str
    subject_names: frozenset[str]
    object_names: frozenset[str]
    subject_label: str
    object_label: str
    confidence: float
    sentence: str
    rule: str
    status: str = ""  # kg:status of the best assertion ("" when the text gave none: read as current)

    def describe(self) -> str:
        return f"{self.subject_label} {self.relation} {self.object_label}"

    @property
    def is_named_source(self) -> bool:
        return self.relation == Rel.cited_by and normalize(self.article) in self.object_names


@dataclass
class Score:
    """Counts of one slice (a relation, an article or everything) and the rates they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    implied: int = 0
    optional: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        rnd = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"gold": self.gold, "predicted": self.predicted, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "implied": self.implied, "optional": self.optional, "precision": rnd(self.precision), "recall": rnd(self.recall),
                "f1": round(self.f1, 4)}


@dataclass
class Result:
    """What :func:`evaluate` found: scores and the facts behind them."""

    overall: Score = field(default_factory=Score)
    relations: dict[str, Score] = field(default_factory=dict)
    articles: dict[str, Score] = field(default_factory=dict)
    matched: list[tuple[GoldFact, Prediction]] = field(default_factory=list)
    missed: list[GoldFact] = field(default_factory=list)
    false: list[Prediction] = field(default_factory=list)
    implied: list[Prediction] = field(default_factory=list)
    optional: list[Prediction] = field(default_factory=list)
    absent_articles: list[str] = field(default_factory=list)
    # "relations" (every fact but X cited_by ARTICLE) and "named sources" (X cited_by ARTICLE).
    slices: dict[str, Score] = field(default_factory=lambda: {RELATIONS_SLICE: Score(), SOURCES_SLICE: Score()})
    # Matched role facts whose gold states a status: (gold status, predicted status) per pair.
    statuses: list[tuple[GoldFact, Prediction]] = field(default_factory=list)
    # Per extractor of the predictions (the rule of each fact's best assertion): right, false, optional,
    # implied. Its precision is the rule's measured precision; recall is not attributable to one rule.
    rules: dict[str, Score] = field(default_factory=dict)

    def status_accuracy(self) -> dict:
        """How often the predicted status of a matched role fact equals the gold's (no status reads as current)."""
        right = sum(1 for g, p in self.statuses if g.status == (p.status or "current"))
        confusion: dict[str, dict[str, int]] = {}
        for g, p in self.statuses:
            row = confusion.setdefault(g.status, {})
            row[p.status or "current"] = row.get(p.status or "current", 0) + 1
        total = len(self.statuses)
        return {"scored": total, "right": right, "accuracy": round(right / total, 4) if total else None,
                "gold_by_predicted": {g: dict(sorted(r.items())) for g, r in sorted(confusion.items())}}

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "slices": {name: s.as_dict() for name, s in self.slices.items()},
            "status": self.status_accuracy(),
            "relations": {name: s.as_dict() for name, s in self.relations.items()},
            "rules": {name: s.as_dict() for name, s in self.rules.items()},
            "articles": {name: s.as_dict() for name, s in self.articles.items()},
            "missed": [_gold_dict(g) for g in self.missed],
            "false": [_prediction_dict(p) for p in self.false],
            "implied": [_prediction_dict(p) for p in self.implied],
            "optional": [_prediction_dict(p) for p in self.optional],
            "absent_articles": self.absent_articles,
        }


def _gold_dict(g: GoldFact) -> dict:
    return {"article": g.article, "subject": list(g.subject), "relation": g.relation, "object": list(g.object),
            "note": g.note, "source": g.source, "optional": g.optional, "status": g.status}


def _prediction_dict(p: Prediction) -> dict:
    return {"article": p.article, "subject": p.subject_label, "relation": p.relation, "object": p.object_label,
            "subject_iri": p.subject, "object_iri": p.object, "confidence": p.confidence,
            "sentence": p.sentence, "rule": p.rule}


# --- reading gold -----------------------------------------------------------------------------


def _aliases(value: object, where: str, column: str) -> tuple[str, ...]:
    if isinstance(value, str):
        names = value.split("|")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = value
    else:
        raise GoldError(f"{where}: {column!r} must be a string or a list of strings")
    names = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not names:
        raise GoldError(f"{where}: {column!r} is empty")
    return names


def _gold_fact(record: dict, where: str) -> GoldFact | str:
    """A gold fact from one row, or the article id alone for a row that only declares an article."""
    article = str(record.get("article") or "").strip()
    if not article:
        raise GoldError(f"{where}: 'article' is empty")
    if not any(str(record.get(k) or "").strip() for k in ("subject", "relation", "object")):
        return article
    relation = str(record.get("relation") or "").strip()
    kind = str(record.get("kind") or "core").strip()
    if kind not in KINDS:
        raise GoldError(f"{where}: kind {kind!r}; expected core or optional")
    status = str(record.get("status") or "").strip()
    status = "" if status == "-" else status
    if status and status not in STATUSES:
        raise GoldError(f"{where}: status {status!r}; expected one of {', '.join(STATUSES)} or -")
    if relation not in RELATIONS:
        raise GoldError(f"{where}: unknown relation {relation!r}; expected one of {', '.join(RELATIONS)}")
    subject = _aliases(record.get("subject"), where, "subject")
    obj = _aliases(record.get("object"), where, "object")
    if ARTICLE_OBJECT in subject:
        raise GoldError(f"{where}: {ARTICLE_OBJECT} can only be an object")
    if ARTICLE_OBJECT in obj and len(obj) > 1:
        raise GoldError(f"{where}: {ARTICLE_OBJECT} takes no aliases")
    note = str(record.get("note") or "").strip()
    return GoldFact(article, subject, relation, obj, note, where, kind == "optional", status)


def _read_tsv(path: Path) -> Iterable[tuple[dict, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    header_line, header = lines[0][0], lines[0][1].rstrip("\r\n").split("\t")
    if is_annotation_row(header):
        yield from _read_annotation_tsv(path, lines)
        return
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise GoldError(f"{path}:{header_line}: header lacks {', '.join(missing)}; "
                        f"expected 'article<TAB>subject<TAB>relation<TAB>object[<TAB>note]'")
    for (number, _), row in zip(lines[1:], csv.reader((l for _, l in lines[1:]), delimiter="\t",
                                                      quoting=csv.QUOTE_NONE)):
        if len(row) > len(header):
            raise GoldError(f"{path}:{number}: {len(row)} columns, the header has {len(header)}")
        yield dict(zip(header, row)), f"{path}:{number}"


def is_annotation_row(columns: list[str]) -> bool:
    """Whether a TSV row is in the ANNOTATION.md format (six or seven columns, the fifth core|optional)."""
    return len(columns) in (6, 7) and columns[4].strip() in KINDS and "relation" not in columns


ANNOTATION_COLUMNS = ("article", "subject", "relation", "object", "kind", "note", "status")


def _read_annotation_tsv(path: Path, lines: list[tuple[int, str]]) -> Iterable[tuple[dict, str]]:
    for number, line in lines:
        row = line.rstrip("\r\n").split("\t")
        if not is_annotation_row(row):
            raise GoldError(f"{path}:{number}: {len(row)} columns; the annotation format has six "
                            f"(doc, subject, relation, object, core|optional, evidence) and an optional status")
        record = dict(zip(ANNOTATION_COLUMNS, row))
        if record["object"].strip() == ANNOTATION_ARTICLE:
            record["object"] = ARTICLE_OBJECT
        yield record, f"{path}:{number}"


def _read_jsonl(path: Path) -> Iterable[tuple[dict, str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"{path}:{number}: not JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise GoldError(f"{path}:{number}: expected a JSON object")
            yield record, f"{path}:{number}"


def gold_files(path: Path) -> list[Path]:
    """The gold files a path names: the file itself or every .tsv/.jsonl file under a directory."""
    path = Path(path)
    if path.is_dir():
        # Quote gold (tests/gold/quotes) shares the directory tree and is scored on its own.
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in GOLD_SUFFIXES and not is_quote_gold(p))
        if not files:
            raise GoldError(f"{path}: no .tsv or .jsonl gold file in this directory")
        return files
    if not path.is_file():
        raise GoldError(f"{path}: no such file or directory")
    if path.suffix not in GOLD_SUFFIXES:
        raise GoldError(f"{path}: a gold file is .tsv or .jsonl")
    return [path]


QUOTE_KINDS = ("direct", "indirect", "according_to")


def is_quote_gold(path: Path) -> bool:
    """Whether a TSV file holds quote gold (eight columns, the third a quote kind), not facts."""
    if path.suffix != ".tsv":
        return False
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                columns = line.rstrip("\r\n").split("\t")
                return len(columns) == 8 and columns[2] in QUOTE_KINDS
    return False


def load_gold(path: Path) -> Gold:
    """Read a gold file or a directory of them.

    Raises :class:`GoldError` (one line, naming the file and line) on malformed input.
    """
    facts: list[GoldFact] = []
    articles: dict[str, None] = {}
    relations: set[str] = set()
    for file in gold_files(path):
        try:
            rows = list(_read_jsonl(file) if file.suffix == ".jsonl" else _read_tsv(file))
        except UnicodeDecodeError:
            raise GoldError(f"{file}: not UTF-8 text") from None
        annotation = bool(rows) and "kind" in rows[0][0]
        relations.update(ANNOTATED_RELATIONS if annotation else RELATIONS)
        for record, where in rows:
            fact = _gold_fact(record, where)
            if isinstance(fact, str):
                articles.setdefault(fact)
            else:
                articles.setdefault(fact.article)
                facts.append(fact)
    return Gold(tuple(facts), tuple(articles), tuple(r for r in RELATIONS if r in relations))


# --- reading predictions -----------------------------------------------------------------------


@cache
def _ontology() -> tuple[frozenset[str], dict[str, str], dict[str, frozenset[str]]]:
    """Symmetric relations, inverse -> scored relation, and relation -> its super-properties (kg.vocab)."""
    symmetric = frozenset(name for name, relation in VOCAB_RELATIONS.items() if relation.symmetric)
    inverse = {
        name: relation.inverse for name, relation in VOCAB_RELATIONS.items()
        if name not in RELATIONS and relation.inverse in RELATIONS
    }
    supers = {}
    for relation in RELATIONS:
        found, todo = set(), list(VOCAB_RELATIONS[relation].super_properties)
        while todo:
            name = todo.pop()
            if name not in found:
                found.add(name)
                todo += VOCAB_RELATIONS[name].super_properties
        supers[relation] = frozenset(found & set(RELATIONS))
    return symmetric, inverse, supers


_ASSERTIONS = """
SELECT ?s ?p ?o ?article ?conf ?sentence ?rule ?status WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?art .
  ?art dcterms:identifier ?article .
  OPTIONAL { ?a kg:confidence ?conf }
  OPTIONAL { ?a kg:sentence ?sentence }
  OPTIONAL { ?a kg:status ?status }
  OPTIONAL { ?a prov:wasAttributedTo ?ex . OPTIONAL { ?ex rdfs:label ?rule } }
}
"""


def _names(dataset: Dataset, node: URIRef, cache_: dict) -> tuple[frozenset[str], str]:
    if node not in cache_:
        labels = [str(x) for x in dataset.objects(node, RDFS.label)]
        alts = [str(x) for x in dataset.objects(node, SKOS.altLabel)]
        ids = [str(x) for x in dataset.objects(node, DCTERMS.identifier)]
        shown = min(labels) if labels else (min(ids) if ids else str(node).rsplit("/", 1)[-1])
        cache_[node] = (frozenset(normalize(n) for n in labels + alts + ids), shown)
    return cache_[node]


def predictions(dataset: Dataset, *, articles: Iterable[str] | None = None, relations: Iterable[str] | None = None,
                min_confidence: float | None = None) -> list[Prediction]:
    """The facts of a graph, one per (article, subject, relation, object), best assertion kept.

    Only relations in :data:`RELATIONS` (and the inverses of those) are read; a fact
    counts only if its direct triple is in the graph too.
    """
    _, inverse, _ = _ontology()
    wanted_articles = None if articles is None else set(articles)
    wanted_relations = set(relations) if relations is not None else set(RELATIONS)
    names: dict = {}
    best: dict[tuple, tuple] = {}
    for s, p, o, article, conf, sentence, rule, status in dataset.query(_ASSERTIONS, initNs={"kg": KG._NS, "prov": PROV,
                                                                                      "dcterms": DCTERMS}):
        if not str(p).startswith(str(KG._NS)):
            continue
        relation = str(p).removeprefix(str(KG._NS))
        if wanted_articles is not None and str(article) not in wanted_articles:
            continue
        if (s, p, o) not in dataset:
            continue
        if relation in inverse:
            relation, s, o = inverse[relation], o, s
        if relation not in wanted_relations:
            continue
        confidence = float(Decimal(str(conf))) if conf is not None else 1.0
        key = (str(article), str(s), relation, str(o))
        candidate = (confidence, str(sentence or ""), str(rule or ""), str(status or ""))
        held = best.get(key)
        if held is None or (candidate[0], held[1], held[3]) > (held[0], candidate[1], candidate[3]):
            best[key] = candidate
    found = []
    for (article, s, relation, o), (confidence, sentence, rule, status) in sorted(best.items()):
        if min_confidence is not None and confidence < min_confidence:
            continue
        s_names, s_label = _names(dataset, URIRef(s), names)
        o_names, o_label = _names(dataset, URIRef(o), names)
        found.append(Prediction(article, s, relation, o, s_names, o_names, s_label, o_label, confidence, sentence,
                                rule, status))
    return found


# --- matching and scoring ---------------------------------------------------------------------


def _side_matches(aliases: tuple[str, ...], names: frozenset[str], article: str) -> bool:
    if aliases == (ARTICLE_OBJECT,):
        return normalize(article) in names
    return any(normalize(a) in names for a in aliases)


def matches(gold: GoldFact, pred: Prediction, *, relation: str | None = None) -> bool:
    """Whether a prediction states the gold fact (``relation`` overrides the gold's, for entailment)."""
    symmetric, _, _ = _ontology()
    wanted = relation or gold.relation
    if pred.article != gold.article or pred.relation != wanted:
        return False
    if _side_matches(gold.subject, pred.subject_names, gold.article) and _side_matches(
            gold.object, pred.object_names, gold.article):
        return True
    return wanted in symmetric and _side_matches(gold.subject, pred.object_names, gold.article) and _side_matches(
        gold.object, pred.subject_names, gold.article)


def _one_to_one(golds: list[GoldFact], preds: list[Prediction]) -> list[tuple[int, int]]:
    """A maximum matching of gold facts to predictions (Hopcroft-Karp from networkx).

    Nodes are integers (gold ``i`` is ``i``, prediction ``j`` is ``len(golds) + j``): networkx walks
    its node sets in hash order, and tuples of strings hash differently in every process, so which of
    several equally large matchings came out (the count never changes) -- and with it which facts the
    error list showed as missed -- changed from run to run.
    """
    offset = len(golds)
    graph = nx.Graph()
    graph.add_nodes_from(range(offset + len(preds)))
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if matches(g, p):
                graph.add_edge(i, offset + j)
    top = list(range(offset))
    pairs = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=top)
    return sorted((i, pairs[i] - offset) for i in top if i in pairs)


def score(gold: Gold, preds: list[Prediction], *, relations: Iterable[str] | None = None) -> Result:
    """Match gold facts to predictions per article and relation and count."""
    _, _, supers = _ontology()
    wanted = set(relations) if relations is not None else set(gold.relations)
    golds = [g for g in gold.facts if g.relation in wanted]
    preds = [p for p in preds if p.relation in wanted and p.article in set(gold.articles)]
    result = Result()
    by_key_gold: dict[tuple[str, str], list[GoldFact]] = defaultdict(list)
    by_key_optional: dict[tuple[str, str], list[GoldFact]] = defaultdict(list)
    by_key_pred: dict[tuple[str, str], list[Prediction]] = defaultdict(list)
    for g in golds:
        (by_key_optional if g.optional else by_key_gold)[g.article, g.relation].append(g)
    for p in preds:
        by_key_pred[p.article, p.relation].append(p)
    unmatched: list[Prediction] = []
    for key in sorted(set(by_key_gold) | set(by_key_pred)):
        gs, ps = by_key_gold.get(key, []), by_key_pred.get(key, [])
        pairs = _one_to_one(gs, ps)
        used_g, used_p = {i for i, _ in pairs}, {j for _, j in pairs}
        result.matched.extend((gs[i], ps[j]) for i, j in pairs)
        result.statuses.extend((gs[i], ps[j]) for i, j in pairs if gs[i].status and gs[i].relation in STATUS_RELATIONS)
        result.missed.extend(g for i, g in enumerate(gs) if i not in used_g)
        for j, p in enumerate(ps):
            if j in used_p:
                continue
            # A prediction of an optional fact is neither right nor wrong (its status is still scored).
            optional = next((g for g in by_key_optional.get(key, ()) if matches(g, p)), None)
            if optional is not None:
                result.optional.append(p)
                if optional.status and optional.relation in STATUS_RELATIONS:
                    result.statuses.append((optional, p))
            else:
                unmatched.append(p)
    for p in unmatched:
        entailed = any(p.relation in supers.get(g.relation, ()) and matches(g, p, relation=p.relation) for g in golds)
        (result.implied if entailed else result.false).append(p)

    def bump(attr: str, relation: str, article: str, named_source: bool) -> None:
        for s in (result.overall, result.relations.setdefault(relation, Score()),
                  result.articles.setdefault(article, Score()),
                  result.slices[SOURCES_SLICE if named_source else RELATIONS_SLICE]):
            setattr(s, attr, getattr(s, attr) + 1)

    for article in gold.articles:
        result.articles.setdefault(article, Score())
    for g, _ in result.matched:
        bump("tp", g.relation, g.article, g.is_named_source)
    for g in result.missed:
        bump("fn", g.relation, g.article, g.is_named_source)
    for p in result.false:
        bump("fp", p.relation, p.article, p.is_named_source)
    for p in result.implied:
        bump("implied", p.relation, p.article, p.is_named_source)
    for p in result.optional:
        bump("optional", p.relation, p.article, p.is_named_source)
    for attr, found in (("tp", [p for _, p in result.matched]), ("fp", result.false), ("implied", result.implied),
                        ("optional", result.optional)):
        for p in found:
            rule = result.rules.setdefault(p.rule or "(none)", Score())
            setattr(rule, attr, getattr(rule, attr) + 1)
    result.rules = dict(sorted(result.rules.items()))
    order = {name: i for i, name in enumerate(RELATIONS)}
    result.relations = dict(sorted(result.relations.items(), key=lambda kv: order.get(kv[0], len(order))))
    result.missed.sort(key=lambda g: (g.article, order.get(g.relation, len(order)), g.relation, g.subject, g.object))
    result.false.sort(key=lambda p: (p.article, order.get(p.relation, len(order)), p.relation, p.subject_label,
                                      p.object_label))
    return result


def evaluate(gold: Gold, graph: Path | Dataset, *, articles: Iterable[str] | None = None,
             relations: Iterable[str] | None = None, min_confidence: float | None = None) -> Result:
    """Score a graph (an output directory, an RDF file or a loaded dataset) against gold facts.

    ``articles`` narrows the gold to those article ids; ``relations`` to those relations.
    """
    if articles is not None:
        keep = set(articles)
        gold = Gold(tuple(g for g in gold.facts if g.article in keep), tuple(a for a in gold.articles if a in keep))
    if relations is not None:
        unknown = sorted(set(relations) - set(RELATIONS))
        if unknown:
            raise GoldError(f"unknown relation {', '.join(unknown)}; expected one of {', '.join(RELATIONS)}")
    dataset = graph if isinstance(graph, Dataset) else load_dataset(Path(graph))
    if not dataset.default_union:
        # The queries read the article graphs and the entity descriptions together.
        union = Dataset(default_union=True)
        for quad in dataset.quads((None, None, None, None)):
            union.add(quad)
        dataset = union
    preds = predictions(dataset, articles=gold.articles, relations=relations, min_confidence=min_confidence)
    result = score(gold, preds, relations=relations)
    present = {str(x) for x in dataset.objects(None, DCTERMS.identifier)}
    result.absent_articles = [a for a in gold.articles if a not in present]
    return result


# --- reporting ----------------------------------------------------------------------------------


def _rate(value: float | None) -> str:
    return "    -" if value is None else f"{value:.3f}"


def format_table(result: Result, *, show_errors: bool = True) -> str:
    """The human-readable report: per-relation and overall scores, then the errors."""
    lines = [f"{'relation':<12} {'gold':>5} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4}  {'P':>5}  {'R':>5}  {'F1':>5}"]

    def row(name: str, s: Score) -> str:
        return (f"{name:<12} {s.gold:>5} {s.predicted:>5} {s.tp:>4} {s.fp:>4} {s.fn:>4}  "
                f"{_rate(s.precision)}  {_rate(s.recall)}  {s.f1:.3f}")

    lines += [row(name, s) for name, s in result.relations.items()]
    lines.append(row("overall", result.overall))
    if result.slices[SOURCES_SLICE].gold or result.slices[SOURCES_SLICE].predicted:
        lines.append(row(RELATIONS_SLICE, result.slices[RELATIONS_SLICE]) + "   (all but X cited_by ARTICLE)")
        lines.append(row("sources", result.slices[SOURCES_SLICE]) + "   (X cited_by ARTICLE)")
    if result.overall.implied:
        lines.append(f"({result.overall.implied} predicted facts implied by a gold sub-property fact, not scored)")
    if result.overall.optional:
        lines.append(f"({result.overall.optional} predicted facts match an optional gold fact, not scored)")
    status = result.status_accuracy()
    if status["scored"]:
        lines.append(f"status of matched role facts: {status['right']}/{status['scored']} right "
                     f"(accuracy {status['accuracy']:.3f}; no status in the graph reads as current)")
    if result.rules:
        lines.append("")
        lines.append(f"{'rule':<28} {'right':>5} {'false':>5}  {'P':>5}   (optional and implied facts not counted)")
        lines += [f"{name:<28} {s.tp:>5} {s.fp:>5}  {_rate(s.precision)}" for name, s in result.rules.items()]
    for article in result.absent_articles:
        lines.append(f"warning: article {article} is not in the graph; all its gold facts are missed")
    if show_errors:
        lines.append("")
        lines.append(f"missed ({len(result.missed)}):")
        for g in result.missed:
            lines.append(f"  [{g.article}] {g.describe()}" + (f"  -- {g.note}" if g.note else ""))
        lines.append("")
        lines.append(f"false ({len(result.false)}):")
        for p in result.false:
            lines.append(f"  [{p.article}] {p.describe()}  ({p.rule or '?'} {p.confidence:.2f})")
            if p.sentence:
                lines.append(f"      \"{_SPACES.sub(' ', p.sentence)}\"")
    return "\n".join(lines) + "\n"


def format_json(result: Result) -> str:
    return json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
