"""Chunks of work: plan them from the article stream, analyse one in a worker, collect the results.

:func:`plan_chunks` sends articles found in the cache straight to the :class:`Collector` and
groups the others into :class:`Chunk` objects; :func:`analyse_chunk` (run by an engine of
:mod:`kg.build.engines`) parses, extracts, caches and shards one chunk and returns only
entities and counts, which the :class:`Collector` adds to the corpus-wide state.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.build.cache import ArticleCache, article_key
from kg.build.options import BuildOptions
from kg.build.shards import ArticleRecord, record_of, rewrite_shard, write_shard
from kg.extract.facts import extract_facts
from kg.graph.index import EntityIndex, resolve_across_articles
from kg.graph.ntriples import well_typed
from kg.graph.timeline import Timeline
from kg.model import Article, Skip
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import cached_pipeline, parse
from kg.read.files import count_articles

CACHED_CHUNK = 256  # cached records per shard (they are only copied, so memory is the only limit)


@dataclass(frozen=True)
class Chunk:
    """Work for one worker: articles to analyse and where to put the results."""

    articles: tuple[tuple[str, Article], ...]  # (cache key, article)
    shard: Path
    model: str
    batch_size: int
    min_confidence: float | None
    cache_root: Path | None
    pipeline: str
    article_seconds: float = 0.0  # extraction budget per article (0: none)
    quotes: bool = True  # read quotes (``kg build --no-quotes``: False)


@dataclass(frozen=True)
class ChunkResult:
    records: tuple[ArticleRecord, ...]  # without triples: those are in the chunk's shard
    seconds: dict[str, float]
    skipped: tuple[Skip, ...] = ()  # articles given up on (over the time budget)


class ArticleTimeout(Exception):
    """An article's extraction ran past its time budget."""


@contextmanager
def time_budget(seconds: float):
    """Raise :class:`ArticleTimeout` in the block after ``seconds`` (SIGALRM: main thread of a POSIX process).

    Elsewhere (a Dask worker thread, Windows) the block runs unbounded: a signal is the only
    way to interrupt pure-Python work in place, and only the main thread receives one.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Clock:
    """Seconds per step, for the report: ``lap(name)`` books the time since the last lap."""

    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.mark = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] += now - self.mark
        self.mark = now


def where_raised(error: BaseException) -> str:
    """``IndexError: ... at kg/extract/rules/titles.py:303``: the error and the innermost kg line that raised it."""
    package = Path(__file__).resolve().parents[1]
    ours = [frame for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename).resolve().is_relative_to(package)]
    where = f" at kg/{Path(ours[-1].filename).resolve().relative_to(package).as_posix()}:{ours[-1].lineno}" if ours else ""
    return f"{type(error).__name__}: {error}{where}"


def analyse_chunk(chunk: Chunk) -> ChunkResult:
    """Parse, extract, cache and shard one chunk of articles (runs in a worker)."""
    clock = _Clock()
    nlp, lexicon = cached_pipeline(chunk.model), load_lexicon()
    store = ArticleCache(chunk.cache_root, chunk.pipeline)
    keys = {article.id: key for key, article in chunk.articles}
    records, skipped = [], []
    clock.lap("load")
    for article, doc in parse((article for _, article in chunk.articles), nlp, batch_size=chunk.batch_size):
        clock.lap("parse")
        try:
            with time_budget(chunk.article_seconds):
                result = extract_facts(article, doc, lexicon, min_confidence=chunk.min_confidence, quotes=chunk.quotes)
        except ArticleTimeout:
            clock.lap("extract")
            skipped.append(Skip(article.source or article.id, f"article {article.id!r} not analysed: its extraction "
                                f"took over the {chunk.article_seconds:g} s budget (--article-timeout)"))
            continue
        except Exception as error:  # noqa: BLE001 - a bug in one rule must not cost the other articles
            clock.lap("extract")
            skipped.append(Skip(article.source or article.id, f"article {article.id!r} not analysed: extraction "
                                f"failed ({where_raised(error)}); this is a bug in kg, please report it"))
            continue
        clock.lap("extract")
        record = record_of(keys[article.id], result)
        clock.lap("rdf")
        store.put(record.key, record.to_json())
        records.append(record)
        clock.lap("cache")
    write_shard(records, chunk.shard)
    clock.lap("shard")
    return ChunkResult(tuple(r.without_triples() for r in records), dict(clock.seconds), tuple(skipped))


class Collector:
    """The build's running state: entity index, counts, shards, progress."""

    def __init__(self, work: Path, progress: Callable[[int], None] | None) -> None:
        self.work = work
        self.index = EntityIndex()
        self.timeline = Timeline()
        self.dropped: list[str] = []
        self.relations: Counter = Counter()
        self.rules: set[str] = set()
        self.worker_seconds: Counter = Counter()
        self.shards: list[Path] = []
        self.parsed = self.cached = 0
        self.skipped: list[Skip] = []
        self.progress = progress
        self._cached_records: list[ArticleRecord] = []

    def add(self, record: ArticleRecord) -> None:
        self.index.add(record.entities)
        for occurrence in record.occurrences():
            self.timeline.add(*occurrence)
        self.dropped.extend(record.dropped)
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
        self.skipped.extend(result.skipped)
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

    def resolve(self) -> None:
        """Merge the entities the corpus shows are one (:func:`~kg.graph.index.resolve_across_articles`):
        the index, the timeline and every shard are rewritten, one shard in memory at a time."""
        into = resolve_across_articles(self.index, load_lexicon())
        if not into:
            return
        for stem in self.shards:
            self.relations -= rewrite_shard(stem, into)
        self.index = self.index.merged(into)
        self.timeline = self.timeline.merged(into, lambda s, relation, o: well_typed(relation, s[0], o[0]))


def plan_chunks(
    articles: Iterable[Article], options: BuildOptions, store: ArticleCache, collector: Collector, size: int
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
                     options.min_confidence, store.base, store.pipeline, options.article_seconds, options.quotes)

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


def chunk_size(inputs: list, options: BuildOptions, jobs: int) -> int:
    """Articles per chunk: ``batch_size``, smaller when that would leave local workers idle.

    A small corpus is cut into about four chunks per process, so that the last chunks
    do not run alone; the chunk size never changes the output.
    """
    if options.engine != "local" or jobs <= 1:
        return options.batch_size
    total = count_articles(inputs)
    if not total:
        return options.batch_size
    return max(1, min(options.batch_size, -(-total // (jobs * 4))))


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), not all the machine has."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
