"""Compose the stages, streaming: read -> (cache | parse -> extract -> shard) -> merge -> write.

A build never holds the corpus or the graph in memory:

1. **analyse**: articles are read lazily; each one found in the cache
   (:mod:`kg.build.cache`) is reused, the others are cut into chunks of ``batch_size``
   articles and handed to :func:`kg.build.chunks.analyse_chunk` -- in this process, in a pool of
   ``jobs`` processes or on Dask workers (:mod:`kg.build.engines`). A chunk is parsed with
   ``nlp.pipe``, its facts extracted, each article's record cached and the chunk written
   as a sorted shard (:mod:`kg.build.shards`); only entities and counts come back.
2. **merge**: the entity index (the one corpus-wide structure kept in memory) says which
   entities of different articles are one (the shards are rewritten with them) and becomes
   the default graph; shards are merged into ``graph.nq`` and the merged statements.
3. **write**: TriG, Turtle, JSON-LD and HTML are streamed from those (:mod:`kg.output.rdf`, :func:`kg.output.html.write_graph_html`).

Everything merged is sorted, so the files are byte-identical whatever ``jobs``, the
engine, the batch size or the cache state.
"""

from __future__ import annotations

import errno
import json
import shutil
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from kg.build import engines
from kg.build.cache import DEFAULT_CACHE_DIR, ArticleCache, pipeline_key
from kg.build.chunks import Collector, analyse_chunk, available_cores, chunk_size, plan_chunks
from kg.build.options import BuildOptions, BuildReport, NotKgOwned, NothingToBuild, OutOfSpace
from kg.build.outdir import claim, release
from kg.graph.infer import write_inferred_shards
from kg.graph.ntriples import default_graph_lines
from kg.graph.timeline import overlaps
from kg.model import Skip
from kg.nlp.holders import load_office_holders
from kg.output import outset, rdf
from kg.output.files import atomic_write, fresh_dir
from kg.output.html import write_graph_html
from kg.read.files import OUTPUT_FILES, read_articles

__all__ = ["BuildOptions", "BuildReport", "NotKgOwned", "NothingToBuild", "OutOfSpace", "build"]

HTML = "graph.html"
REPORT = "report.json"
WORK_DIR = ".kg-work"
WORK_MARKER = ".kg-work-dir"  # inside WORK_DIR: kg made it, so kg may empty it


def _work_dir(out_dir: Path) -> Path:
    """A fresh ``OUT/.kg-work``; one kg did not make (no marker inside, or a link) is refused, never deleted."""
    work = out_dir / WORK_DIR
    if work.is_symlink() or (work.exists() and (not work.is_dir() or (any(work.iterdir())
                                                                       and not (work / WORK_MARKER).is_file()))):
        raise NotKgOwned(f"{work} exists and was not made by kg, which will not delete it: "
                         "move it away or choose another -o")
    fresh_dir(work)
    (work / WORK_MARKER).write_text("kg build work directory; deleted by kg\n", encoding="utf-8")
    return work


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

    Writes graph.ttl, graph.trig, graph.jsonld, graph.nq, graph.html and report.json as one
    set, switched into place together with its manifest (:mod:`kg.output.outset`): a reader
    sees the whole old set or the whole new one. ``out_dir`` must be empty, or made by kg,
    or ``options.force`` set (:mod:`kg.build.outdir`). ``on_skip`` hears of every input that could not be read, ``on_warning``
    of inputs read with a caveat (e.g. decoded as Windows-1252). Raises :class:`NothingToBuild`
    (and writes nothing) when no article could be read. A build that is killed leaves the
    previous files (if any) and its cache entries; running it again reuses them and gives the
    same files as an uninterrupted build.
    """
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

    created = claim(out_dir, options.force)
    outset.finish(out_dir)  # a switch a killed build left half done
    outset.remove_stale_temps(out_dir, OUTPUT_FILES)
    work = _work_dir(out_dir)
    staged = work / "set"  # the new output set, switched into out_dir in one step when complete
    staged.mkdir()
    try:
        cache_root = (options.cache_dir or out_dir / DEFAULT_CACHE_DIR) if options.use_cache else None
        store = ArticleCache(cache_root, pipeline_key(options.model, options.min_confidence, options.quotes))
        collector = Collector(work, progress)

        with _stage(report.seconds, "analyse"):
            size = chunk_size(inputs, options, jobs)
            chunks = plan_chunks(read_articles(inputs, on_skip=skipped, on_warning=warned), options, store, collector, size)
            runs = engines.run(analyse_chunk, chunks, engine=options.engine, jobs=jobs, model=options.model,
                               scheduler=options.scheduler)
            for chunk, result in runs:
                collector.add_chunk(chunk, result)
                for skip in result.skipped:
                    skipped(skip)
        if not collector.articles:
            fresh_dir(work).rmdir()
            if created:
                release(out_dir)
            raise NothingToBuild("no article could be read from the input; nothing was written")

        with _stage(report.seconds, "merge"):
            collector.resolve()
            default_lines = default_graph_lines(collector.index, collector.rules, collector.timeline)
            default_file = work / "default.nt"
            default_file.write_text("".join(line + "\n" for line in default_lines), encoding="utf-8")
            merged = rdf.merge_statements([s.with_suffix(".nt") for s in collector.shards], default_file, work / "merged.nt")
            quad_shards = [s.with_suffix(".nq") for s in collector.shards]
            if options.infer:
                quads, triples = write_inferred_shards(merged, work / "inferred")
                quad_shards.append(quads)
                merged = rdf.merge_statements([merged, triples], default_file, work / "merged-inferred.nt")
            rdf.write_nquads(quad_shards, default_lines, staged / rdf.NQUADS)
            del default_lines
        with _stage(report.seconds, "write"):
            rdf.write_trig(staged / rdf.NQUADS, staged / rdf.TRIG)
            rdf.write_turtle(merged, staged / rdf.TURTLE)
            rdf.write_jsonld(merged, staged / rdf.JSONLD)
        with _stage(report.seconds, "html"):
            write_graph_html(merged, collector.index, collector.relations, staged / HTML, options.max_nodes)

        report.articles, report.parsed, report.cached = collector.articles, collector.parsed, collector.cached
        report.entities = len(collector.index.refs())
        report.facts = sum(collector.relations.values())
        report.facts_per_relation = dict(sorted(collector.relations.items()))
        report.dropped_facts = sorted(collector.dropped)
        report.leader_overlaps = overlaps(collector.timeline, load_office_holders())
        report.seconds["total"] = time.perf_counter() - started
        report.seconds = {k: round(v, 3) for k, v in report.seconds.items()}
        report.worker_seconds = {k: round(v, 3) for k, v in sorted(collector.worker_seconds.items())}
        report.outputs = [*rdf.OUTPUTS, HTML, REPORT]
        text = json.dumps(asdict(report), indent=2, sort_keys=True)
        atomic_write(staged / REPORT, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
        outset.write_manifest(staged, report.outputs)
        outset.commit(staged, out_dir)
        fresh_dir(work).rmdir()
        return report
    except OSError as err:
        if err.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.rmtree(work, ignore_errors=True)  # shards, merge files; atomic_write removed its own temp file
        raise OutOfSpace(f"{err.filename or out_dir}: no space left on the device; the build stopped, its temporary "
                         "files were removed and the previous build's output files (if any) were kept") from err
