"""Compose the stages, streaming: read -> (cache | parse -> extract -> shard) -> merge -> write.

A build never holds the corpus or the graph in memory:

1. **analyse**: articles are read lazily; each one found in the cache
   (:mod:`kg.build.cache`) is reused, the others are cut into chunks of ``batch_size``
   articles and handed to :func:`analyse_chunk` -- in this process, in a pool of
   ``jobs`` processes or on Dask workers (:mod:`kg.build.engines`). A chunk is parsed with
   ``nlp.pipe``, its facts extracted, each article's record cached and the chunk written
   as a sorted shard (:mod:`kg.build.shards`); only entities and counts come back.
2. **merge**: the entity index (the one corpus-wide structure kept in memory) becomes
   the default graph; shards are merged into ``graph.nq`` and the merged statements.
3. **write**: TriG, Turtle, JSON-LD and HTML are streamed from those (:mod:`kg.build.assemble`).

Everything merged is sorted, so the files are byte-identical whatever ``jobs``, the
engine, the batch size or the cache state.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from kg import __version__
from kg.build.cache import DEFAULT_CACHE_DIR, ArticleCache, article_key, pipeline_key
from kg.extract.entities import EntityIndex
from kg.extract.facts import extract_facts
from kg.output.html import DEFAULT_MAX_NODES
from kg.nlp.lexicon import load_lexicon
from kg.model import Article, Skip
from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline, parse
from kg.read.files import SUPPORTED_SUFFIXES, read_articles
from kg.build.shards import ArticleRecord, fresh_dir, record_of, write_shard
from kg.output.rdf import atomic_write

HTML = "graph.html"
REPORT = "report.json"
WORK_DIR = ".kg-work"
CACHED_CHUNK = 256  # cached records per shard (they are only copied, so memory is the only limit)


class NothingToBuild(RuntimeError):
    """No input could be read, so no graph was written."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build; none of these changes the output except ``model`` and ``min_confidence``.

    Attributes:
        batch_size: most articles per ``nlp.pipe`` batch (and per chunk of work).
        batch_words: most words per batch: spaCy's peak memory grows with the words in
            a batch (about 20 KiB per word for the default model), so this bounds it.
        jobs: processes parsing at once on this machine (0 = one per core).
        engine: ``local`` (this machine) or ``dask`` (the workers of ``scheduler``).
        scheduler: address of a Dask scheduler (``tcp://host:8786``), for ``engine="dask"``.
        cache_dir: where analysed articles are cached (default ``OUT/.kg-cache``);
            ``use_cache=False`` neither reads nor writes it.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    batch_words: int = 10_000
    min_confidence: float = 0.0
    max_nodes: int = DEFAULT_MAX_NODES
    jobs: int = 0
    engine: str = "local"
    scheduler: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    infer: bool = False  # materialize sub-property/inverse facts into res:graph/inferred (kg.use.infer)


@dataclass
class BuildReport:
    """What a build did; printed at the end and written to ``DIR/report.json``.

    ``seconds`` holds wall-clock time per stage; ``worker_seconds`` the time spent in
    each step inside the workers, summed over all of them.
    """

    articles: int = 0
    parsed: int = 0
    cached: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    facts_per_relation: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    worker_seconds: dict[str, float] = field(default_factory=dict)
    jobs: int = 1
    engine: str = "local"
    model: str = ""
    kg_version: str = __version__
    outputs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        relations = ", ".join(f"{name} {count}" for name, count in sorted(self.facts_per_relation.items()))
        stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        return (
            f"{self.articles} articles read ({self.parsed} parsed, {self.cached} from cache), "
            f"{len(self.skipped)} skipped; {self.entities} entities, {self.facts} facts"
            + (f" ({relations})" if relations else "")
            + f"\ntime: {stages}"
        )


@dataclass(frozen=True)
class Chunk:
    """Work for one worker: articles to analyse and where to put the results."""

    articles: tuple[tuple[str, Article], ...]  # (cache key, article)
    shard: Path
    model: str
    batch_size: int
    min_confidence: float
    cache_root: Path | None
    pipeline: str


@dataclass(frozen=True)
class ChunkResult:
    records: tuple[ArticleRecord, ...]  # without triples: those are in the chunk's shard
    seconds: dict[str, float]


@cache
def cached_pipeline(model: str):
    """The spaCy pipeline, loaded once per process (worker) and reused for every chunk."""
    return load_pipeline(model)


class _Clock:
    """Seconds per step, for the report: ``lap(name)`` books the time since the last lap."""

    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.mark = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] += now - self.mark
        self.mark = now


def analyse_chunk(chunk: Chunk) -> ChunkResult:
    """Parse, extract, cache and shard one chunk of articles (runs in a worker)."""
    clock = _Clock()
    nlp, lexicon = cached_pipeline(chunk.model), load_lexicon()
    store = ArticleCache(chunk.cache_root, chunk.pipeline)
    keys = {article.id: key for key, article in chunk.articles}
    records = []
    clock.lap("load")
    for article, doc in parse((article for _, article in chunk.articles), nlp, batch_size=chunk.batch_size):
        clock.lap("parse")
        result = extract_facts(article, doc, lexicon, min_confidence=chunk.min_confidence)
        clock.lap("extract")
        record = record_of(keys[article.id], result)
        clock.lap("rdf")
        store.put(record.key, record.to_json())
        records.append(record)
        clock.lap("cache")
    write_shard(records, chunk.shard)
    clock.lap("shard")
    return ChunkResult(tuple(r.without_triples() for r in records), dict(clock.seconds))


class _Collector:
    """The build's running state: entity index, counts, shards, progress."""

    def __init__(self, work: Path, progress: Callable[[int], None] | None) -> None:
        self.work = work
        self.index = EntityIndex()
        self.relations: Counter = Counter()
        self.rules: set[str] = set()
        self.worker_seconds: Counter = Counter()
        self.shards: list[Path] = []
        self.parsed = self.cached = 0
        self.progress = progress
        self._cached_records: list[ArticleRecord] = []

    def add(self, record: ArticleRecord) -> None:
        self.index.add(record.entities)
        self.relations.update(record.relations)
        self.rules.update(record.rules)
        if self.progress is not None:
            self.progress(1)

    def add_cached(self, record: ArticleRecord) -> None:
        self.add(record)
        self.cached += 1
        self._cached_records.append(record)
        if len(self._cached_records) >= CACHED_CHUNK:
            self.flush_cached()

    def add_chunk(self, chunk: Chunk, result: ChunkResult) -> None:
        for record in result.records:
            self.add(record)
        self.parsed += len(result.records)
        self.worker_seconds.update(result.seconds)
        self.shards.append(chunk.shard)

    def flush_cached(self) -> None:
        if self._cached_records:
            stem = self.work / f"cached-{len(self.shards):06d}"
            write_shard(self._cached_records, stem)
            self.shards.append(stem)
            self._cached_records = []

    @property
    def articles(self) -> int:
        return self.parsed + self.cached


def plan_chunks(
    articles: Iterable[Article], options: BuildOptions, store: ArticleCache, collector: _Collector, size: int
) -> Iterator[Chunk]:
    """Cached articles go straight to the collector; the others are grouped into chunks.

    A chunk ends at ``size`` articles or ``options.batch_words`` words, whichever comes first.
    """
    pending: list[tuple[str, Article]] = []
    number = words = 0

    def chunk() -> Chunk:
        nonlocal number
        number += 1
        return Chunk(tuple(pending), collector.work / f"chunk-{number:06d}", options.model, options.batch_size,
                     options.min_confidence, store.base, store.pipeline)

    for article in articles:
        key = article_key(article)
        data = store.get(key)
        if data is not None:
            collector.add_cached(ArticleRecord.from_json(key, data))
            continue
        pending.append((key, article))
        words += len(article.text.split())
        if len(pending) >= size or words >= options.batch_words:
            yield chunk()
            pending, words = [], 0
    if pending:
        yield chunk()
    collector.flush_cached()


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """A quick estimate of how many articles ``inputs`` hold (for the progress bar's ETA).

    One per file, one per non-empty JSONL line; ``None`` when reading standard input.
    """
    total = 0
    for given in inputs:
        path = Path(given)
        if str(given) == "-":
            return None
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() not in SUPPORTED_SUFFIXES or file.name.startswith(".") or not file.is_file():
                continue
            if file.suffix.lower() == ".jsonl":
                with open(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def chunk_size(inputs: list, options: BuildOptions, jobs: int) -> int:
    """Articles per chunk: ``batch_size``, smaller when that would leave local workers idle.

    A small corpus is cut into about four chunks per process, so that the last chunks
    do not run alone; the chunk size never changes the output.
    """
    if options.engine != "local" or jobs <= 1:
        return options.batch_size
    total = count_inputs(inputs)
    if not total:
        return options.batch_size
    return max(1, min(options.batch_size, -(-total // (jobs * 4))))


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), not all the machine has."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def _stage(seconds: dict[str, float], name: str):
    started = time.perf_counter()
    yield
    seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started


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

    Writes graph.ttl, graph.trig, graph.jsonld, graph.nq, graph.html and report.json,
    each atomically. ``on_skip`` hears of every input that could not be read, ``on_warning``
    of inputs read with a caveat (e.g. decoded as Windows-1252). Raises :class:`NothingToBuild`
    (and writes nothing) when no article could be read. A build that is killed leaves the
    previous files (if any) and its cache entries; running it again reuses them and gives the
    same files as an uninterrupted build.
    """
    from kg.build import assemble, engines as distributed

    out_dir, inputs = Path(out_dir), list(inputs)
    jobs = options.jobs or available_cores()
    report = BuildReport(model=options.model, jobs=jobs, engine=options.engine)
    started = time.perf_counter()

    def skipped(skip: Skip) -> None:
        report.skipped.append(str(skip))
        if on_skip is not None:
            on_skip(skip)

    def warned(notice: Skip) -> None:
        report.warnings.append(str(notice))
        if on_warning is not None:
            on_warning(notice)

    created = not out_dir.exists()
    work = fresh_dir(out_dir / WORK_DIR)
    cache_root = (options.cache_dir or out_dir / DEFAULT_CACHE_DIR) if options.use_cache else None
    store = ArticleCache(cache_root, pipeline_key(options.model, options.min_confidence))
    collector = _Collector(work, progress)

    with _stage(report.seconds, "analyse"):
        size = chunk_size(inputs, options, jobs)
        chunks = plan_chunks(read_articles(inputs, on_skip=skipped, on_warning=warned), options, store, collector, size)
        for chunk, result in distributed.run(analyse_chunk, chunks, options, jobs):
            collector.add_chunk(chunk, result)
    if not collector.articles:
        fresh_dir(work).rmdir()
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()
        raise NothingToBuild("no article could be read from the input; nothing was written")

    with _stage(report.seconds, "merge"):
        default_lines = assemble.default_graph_lines(collector.index, collector.rules)
        default_file = work / "default.nt"
        default_file.write_text("".join(line + "\n" for line in default_lines), encoding="utf-8")
        merged = assemble.merge_statements([s.with_suffix(".nt") for s in collector.shards], default_file, work / "merged.nt")
        quad_shards = [s.with_suffix(".nq") for s in collector.shards]
        if options.infer:
            from kg.use.infer import write_inferred_shards

            quads, triples = write_inferred_shards(merged, work / "inferred")
            quad_shards.append(quads)
            merged = assemble.merge_statements([merged, triples], default_file, work / "merged-inferred.nt")
        assemble.write_nquads(quad_shards, default_lines, out_dir / assemble.NQUADS)
        del default_lines
    with _stage(report.seconds, "write"):
        assemble.write_trig(out_dir / assemble.NQUADS, out_dir / assemble.TRIG)
        assemble.write_turtle(merged, out_dir / assemble.TURTLE)
        assemble.write_jsonld(merged, out_dir / assemble.JSONLD)
    with _stage(report.seconds, "html"):
        assemble.write_graph_html(merged, collector.index, collector.relations, out_dir / HTML, options.max_nodes)
    fresh_dir(work).rmdir()

    report.articles, report.parsed, report.cached = collector.articles, collector.parsed, collector.cached
    report.entities = len(collector.index.refs())
    report.facts = sum(collector.relations.values())
    report.facts_per_relation = dict(sorted(collector.relations.items()))
    report.seconds["total"] = time.perf_counter() - started
    report.seconds = {k: round(v, 3) for k, v in report.seconds.items()}
    report.worker_seconds = {k: round(v, 3) for k, v in sorted(collector.worker_seconds.items())}
    report.outputs = [*assemble.OUTPUTS, HTML, REPORT]
    text = json.dumps(asdict(report), indent=2, sort_keys=True)
    atomic_write(out_dir / REPORT, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    return report
