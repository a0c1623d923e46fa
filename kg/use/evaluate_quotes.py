"""Score the quotes of an output graph against hand-annotated gold quotes (issue 12).

Gold format
-----------
One quotation per line, tab-separated, eight columns, no header (the annotators' brief):

    doc<TAB>speaker aliases<TAB>kind<TAB>cue<TAB>addressee<TAB>first words<TAB>last words<TAB>note

``speaker aliases`` are ``|``-separated (``-`` when nobody is named); ``kind`` is ``direct``,
``indirect`` or ``according_to``; ``first words``/``last words`` are the first and last six
words of the quote's span, verbatim (the whole span in both when it is shorter). A gold
directory is every quote gold ``*.tsv`` under it (``tests/gold/quotes``: ``allsides-dev.tsv``,
``allsides-test.tsv``, ``seed.tsv``; one file scores one split).

Matching
--------
The gold span is known by its first and last words, so spans are compared by their words
(quotation marks, dashes, case and spacing normalised): a predicted quote of the same article
**finds** a gold quote when the two spans overlap, that is when the prediction holds five
consecutive words of the gold span's first or last words (all of them when fewer), or lies
inside them.
Direct quotes are matched to direct quotes; ``indirect`` and ``according_to`` are matched
together (a "reported" quote). Each gold quote matches at most one prediction and the
reverse, greedily in text order, a prediction with the right speaker first. A found quote's
**speaker is right** when one of the speaker's names (``rdfs:label``, ``skos:altLabel``)
equals a gold alias, or when both have no speaker. Its **span is exact** when the prediction
begins with the gold first words and ends with the gold last words.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.output.store import load_dataset
from kg.use.evaluate import GoldError, is_quote_gold, normalize

KINDS = ("direct", "indirect", "according_to")
GROUPS = {"direct": "direct", "indirect": "reported", "according_to": "reported"}
SHINGLE = 5

_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-", "\u2013": "-"})
_WORD = re.compile(r"[\w'-]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_FOLD).lower())


@dataclass(frozen=True)
class GoldQuote:
    doc: str
    speaker: tuple[str, ...]  # aliases; empty when nobody is named
    kind: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    where: str

    def describe(self) -> str:
        who = self.speaker[0] if self.speaker else "-"
        return f"[{self.doc}] {self.kind} {who}: {' '.join(self.first)} ... {' '.join(self.last)}"


@dataclass(frozen=True)
class PredictedQuote:
    doc: str
    kind: str
    words: tuple[str, ...]
    text: str
    start: int
    speaker: frozenset[str]  # normalised names; empty when unknown
    speaker_label: str | None
    rule: str

    def describe(self) -> str:
        return f"[{self.doc}] {self.kind} {self.speaker_label or '-'}: {self.text[:100]!r} ({self.rule})"


@dataclass
class KindScore:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    matched_predictions: int = 0
    speaker_right: int = 0
    span_exact: int = 0

    def as_dict(self) -> dict:
        return {
            "gold": self.gold, "predicted": self.predicted, "found": self.found,
            "recall": _ratio(self.found, self.gold), "precision": _ratio(self.matched_predictions, self.predicted),
            "speaker_right": self.speaker_right, "speaker_right_rate": _ratio(self.speaker_right, self.found),
            "span_exact": self.span_exact, "span_exact_rate": _ratio(self.span_exact, self.found),
        }


@dataclass
class QuoteResult:
    scores: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    missed: list[GoldQuote] = field(default_factory=list)
    false: list[PredictedQuote] = field(default_factory=list)
    wrong_speaker: list[tuple[GoldQuote, PredictedQuote]] = field(default_factory=list)
    articles: int = 0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "scores": {name: self.scores[name].as_dict() for name in sorted(self.scores)},
            "missed": [g.describe() for g in self.missed],
            "false": [p.describe() for p in self.false],
            "wrong_speaker": [f"{g.describe()}  <- {p.describe()}" for g, p in self.wrong_speaker],
        }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def is_quotes_gold(path: Path) -> bool:
    """Whether a path is quote gold: such a file, or a directory whose TSV files all are."""
    files = sorted(path.rglob("*.tsv")) if path.is_dir() else [path]
    return bool(files) and all(is_quote_gold(f) for f in files)


def quote_gold_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.tsv") if is_quote_gold(p))


def load_quote_gold(path: Path) -> list[GoldQuote]:
    """Read gold quotes from a file or a directory; raises :class:`GoldError` on a bad row."""
    gold = []
    for file in quote_gold_files(path):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{file.name}:{number}"
            cols = line.split("\t")
            if len(cols) != 8:
                raise GoldError(f"{where}: {len(cols)} columns, want 8")
            doc, speaker, kind, _cue, _addressee, first, last, _note = cols
            if kind not in KINDS:
                raise GoldError(f"{where}: unknown kind {kind!r} (want {', '.join(KINDS)})")
            aliases = tuple(a.strip() for a in speaker.split("|") if a.strip() and a.strip() != "-")
            gold.append(GoldQuote(doc.strip(), aliases, kind, tuple(words(first)), tuple(words(last)), where))
    return gold


QUERY = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?doc ?kind ?text ?start ?speaker ?label ?alias ?rule WHERE {
  ?q a kg:Quote ; schema:isPartOf ?article ; schema:text ?text ; kg:quoteKind ?kind ; kg:charStart ?start ;
     prov:wasAttributedTo/rdfs:label ?rule .
  ?article dcterms:identifier ?doc .
  OPTIONAL { ?q kg:speaker ?speaker . ?speaker rdfs:label ?label . OPTIONAL { ?speaker skos:altLabel ?alias } }
}
"""


def predicted_quotes(dataset: Dataset) -> list[PredictedQuote]:
    """Every kg:Quote in a graph with its speaker's names."""
    rows: dict[tuple, dict] = {}
    for row in dataset.query(QUERY):
        key = (str(row.doc), str(row.kind), int(row.start), str(row.text))
        entry = rows.setdefault(key, {"names": set(), "label": None, "rule": str(row.rule)})
        if row.label is not None:
            entry["label"] = str(row.label)
            entry["names"].add(normalize(str(row.label)))
        if row.alias is not None:
            entry["names"].add(normalize(str(row.alias)))
    return [
        PredictedQuote(doc, kind, tuple(words(text)), text, start, frozenset(e["names"]), e["label"], e["rule"])
        for (doc, kind, start, text), e in sorted(rows.items())
    ]


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def overlaps(gold: GoldQuote, pred: PredictedQuote) -> bool:
    """The two spans share words: five consecutive words of the gold's first or last words
    appear in the prediction, or the (shorter) prediction lies inside them."""
    for edge in (gold.first, gold.last):
        size = min(SHINGLE, len(edge))
        if any(_contains(pred.words, edge[i:i + size]) for i in range(len(edge) - size + 1)):
            return True
        if pred.words and _contains(edge, pred.words):
            return True
    return False


def speaker_right(gold: GoldQuote, pred: PredictedQuote) -> bool:
    if not gold.speaker:
        return not pred.speaker
    return any(normalize(alias) in pred.speaker for alias in gold.speaker)


def span_exact(gold: GoldQuote, pred: PredictedQuote) -> bool:
    return pred.words[:len(gold.first)] == gold.first and pred.words[len(pred.words) - len(gold.last):] == gold.last


def score_quotes(gold: list[GoldQuote], preds: list[PredictedQuote], *, articles: set[str] | None = None) -> QuoteResult:
    """Match predictions to gold quotes per article and kind group; recall, precision, speakers, spans."""
    docs = {g.doc for g in gold} if articles is None else set(articles) & {g.doc for g in gold}
    result = QuoteResult(articles=len(docs))
    gold_by = defaultdict(list)
    for g in gold:
        if g.doc in docs:
            gold_by[(g.doc, GROUPS[g.kind])].append(g)
    pred_by = defaultdict(list)
    for p in preds:
        if p.doc in docs:
            pred_by[(p.doc, GROUPS[p.kind])].append(p)
    for key in sorted(set(gold_by) | set(pred_by)):
        golds, predictions = gold_by.get(key, []), pred_by.get(key, [])
        used: set[int] = set()
        for g in golds:
            kind = result.scores[g.kind]
            kind.gold += 1
            candidates = [i for i, p in enumerate(predictions) if i not in used and overlaps(g, p)]
            candidates.sort(key=lambda i: (not speaker_right(g, predictions[i]), i))
            if not candidates:
                result.missed.append(g)
                continue
            p = predictions[candidates[0]]
            used.add(candidates[0])
            kind.found += 1
            if speaker_right(g, p):
                kind.speaker_right += 1
            else:
                result.wrong_speaker.append((g, p))
            if span_exact(g, p):
                kind.span_exact += 1
        for i, p in enumerate(predictions):
            kind = result.scores[p.kind]
            kind.predicted += 1
            if i in used:
                kind.matched_predictions += 1
            else:
                result.false.append(p)
    # "reported" = indirect and according_to together (the target for reported speech).
    reported = result.scores["reported (indirect + according_to)"]
    for name in ("indirect", "according_to"):
        s = result.scores.get(name)
        if s is not None:
            for attr in ("gold", "predicted", "found", "matched_predictions", "speaker_right", "span_exact"):
                setattr(reported, attr, getattr(reported, attr) + getattr(s, attr))
    return result


def evaluate_quotes(gold_path: Path, graph: Path | Dataset, *, articles: list[str] | None = None) -> QuoteResult:
    """Load gold quotes (of some articles, or all) and score the graph's quotes."""
    gold = load_quote_gold(gold_path)
    dataset = graph if isinstance(graph, Dataset) else load_dataset(graph)
    return score_quotes(gold, predicted_quotes(dataset), articles=set(articles) if articles else None)


def format_quote_table(result: QuoteResult, *, show_errors: bool = True) -> str:
    def rate(value: float | None) -> str:
        return "     -" if value is None else f"{value:6.3f}"

    lines = [f"quotes in {result.articles} articles",
             f"{'kind':<36}{'gold':>6}{'pred':>6}{'found':>6}{'recall':>8}{'prec':>8}{'speaker':>9}{'span':>8}"]
    for name in (*KINDS, "reported (indirect + according_to)"):
        s = result.scores.get(name)
        if s is None:
            continue
        d = s.as_dict()
        lines.append(f"{name:<36}{s.gold:>6}{s.predicted:>6}{s.found:>6}  {rate(d['recall'])}  {rate(d['precision'])}"
                     f"   {rate(d['speaker_right_rate'])}  {rate(d['span_exact_rate'])}")
    lines.append("(speaker: right speaker among found quotes; span: exact first and last words among found quotes)")
    if show_errors:
        for title, items in (("missed", [g.describe() for g in result.missed]),
                             ("false", [p.describe() for p in result.false]),
                             ("wrong speaker", [f"{g.describe()}\n      <- {p.describe()}" for g, p in result.wrong_speaker])):
            lines.append(f"{title} ({len(items)}):")
            lines.extend(f"  {item}" for item in items)
    return "\n".join(lines) + "\n"


def format_quote_json(result: QuoteResult) -> str:
    return json.dumps(result.as_dict(), indent=2, sort_keys=True) + "\n"
