"""Compose the stages: read -> parse -> resolve and extract -> merge -> write."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg import __version__
from kg.entities import EntityIndex
from kg.facts import extract_facts
from kg.graphview import to_networkx
from kg.html import DEFAULT_MAX_NODES, write_html
from kg.lexicon import load_lexicon
from kg.model import Article, ArticleResult, Skip
from kg.nlp import DEFAULT_MODEL, load_pipeline, parse, pipeline_version
from kg.rdf import to_dataset
from kg.readers import read_articles
from kg.writers import atomic_write, write_rdf_files

HTML = "graph.html"
REPORT = "report.json"


class NothingToBuild(RuntimeError):
    """No input could be read, so no graph was written."""


@dataclass(frozen=True)
class BuildOptions:
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    min_confidence: float = 0.0
    max_nodes: int = DEFAULT_MAX_NODES
    infer: bool = False  # materialize sub-property/inverse facts into res:graph/inferred (kg.infer)


@dataclass
class BuildReport:
    """What a build did; printed at the end and written to ``DIR/report.json``."""

    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    facts_per_relation: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    model: str = ""
    kg_version: str = __version__
    outputs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        relations = ", ".join(f"{name} {count}" for name, count in sorted(self.facts_per_relation.items()))
        return (
            f"{self.articles} articles read, {len(self.skipped)} skipped; "
            f"{self.entities} entities, {self.facts} facts" + (f" ({relations})" if relations else "")
        )


def analyse(
    articles: Iterable[Article], options: BuildOptions, *, on_result: Callable[[ArticleResult], None] | None = None
) -> Iterator[ArticleResult]:
    """Stream articles through spaCy and the extractors, one result per article."""
    nlp = load_pipeline(options.model)
    lexicon = load_lexicon()
    for article, doc in parse(articles, nlp, batch_size=options.batch_size):
        result = extract_facts(article, doc, lexicon, min_confidence=options.min_confidence)
        if on_result is not None:
            on_result(result)
        yield result


def build(
    inputs: Iterable[str | Path],
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    *,
    on_skip: Callable[[Skip], None] | None = None,
    on_warning: Callable[[Skip], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of ``inputs`` into ``out_dir``.

    Writes graph.ttl, graph.trig, graph.jsonld, graph.html and report.json, each
    atomically. ``on_skip`` hears of every input that could not be read, ``on_warning``
    of inputs read with a caveat (e.g. decoded as Windows-1252). Raises :class:`NothingToBuild` (and writes nothing) when no article
    could be read.
    """
    report = BuildReport()
    started = time.perf_counter()

    def skipped(skip: Skip) -> None:
        report.skipped.append(str(skip))
        if on_skip is not None:
            on_skip(skip)

    index = EntityIndex()
    results: list[ArticleResult] = []
    def warned(notice: Skip) -> None:
        report.warnings.append(str(notice))
        if on_warning is not None:
            on_warning(notice)

    for result in analyse(read_articles(inputs, on_skip=skipped, on_warning=warned), options):
        index.add(result.entities)
        results.append(result)
        if progress is not None:
            progress(1)
    report.seconds["read_parse_extract"] = time.perf_counter() - started
    if not results:
        raise NothingToBuild("no article could be read from the input; nothing was written")
    results.sort(key=lambda r: r.article.id)
    report.articles = len(results)
    report.entities = len(index.refs())
    relations = Counter(f.relation for r in results for f in r.facts)
    report.facts = sum(relations.values())
    report.facts_per_relation = dict(sorted(relations.items()))
    report.model = options.model

    stage = time.perf_counter()
    dataset = to_dataset(results, index)
    if options.infer:
        from kg.infer import add_inferred

        add_inferred(dataset)
    merged = write_rdf_files(dataset, out_dir)
    report.seconds["rdf"] = time.perf_counter() - stage
    stage = time.perf_counter()
    write_html(to_networkx(merged), out_dir / HTML, max_nodes=options.max_nodes)
    report.seconds["html"] = time.perf_counter() - stage
    report.seconds["total"] = time.perf_counter() - started
    report.seconds = {k: round(v, 3) for k, v in report.seconds.items()}
    report.outputs = ["graph.ttl", "graph.trig", "graph.jsonld", HTML, REPORT]
    text = json.dumps(asdict(report), indent=2, sort_keys=True)
    atomic_write(out_dir / REPORT, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    return report
