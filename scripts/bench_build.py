#!/usr/bin/env python
"""Benchmark `kg build` against raw spaCy, and kg's queries on rdflib vs pyoxigraph.

For each corpus size N (the first N articles of a JSONL file), in one run:

(a) raw ``nlp.pipe`` over the texts kg parses (read with :func:`kg.read.files.read_articles`),
    same batch size, with the pipeline kg uses (:func:`kg.nlp.pipeline.load_pipeline`, which adds
    the ``kg_entity_repair`` component) and without that component; on 1 process and on
    ``n_process=2``;
(b) ``kg build`` as a subprocess: ``--jobs 1`` (fresh cache) and ``--jobs 2`` (no cache);
(c) an incremental rebuild: the cache entries of the last 10 articles are removed (the
    cache is then exactly what a build of the first N-10 articles leaves) and ``kg build``
    runs again on all N; its files are checked to be byte-identical to the full build's.

Every measurement runs in a fresh child (``python bench_build.py _measure CMD``) that
reports wall time and ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` -- the peak RSS of
the largest process of that command (with ``--jobs 2`` each worker is its own process).
``uptime`` load is recorded next to every run (the machine may be shared).

Usage:
    python scripts/bench_build.py ../shared/corpora/bbc-news/articles.jsonl \
        --sizes 200,1000,2225 --work /tmp/kg-bench --json bench.json
    python scripts/bench_build.py batch-memory ../shared/corpora/bbc-news/articles.jsonl
    python scripts/bench_build.py queries /tmp/bbc-out    # only the query timings, on a built graph
    python scripts/bench_build.py _measure kg build corpus.jsonl -o out --jobs 2 --no-cache
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
KG = [str(Path(sys.executable).parent / "kg")] if (Path(sys.executable).parent / "kg").exists() else [PYTHON, "-m", "kg"]

QUERIES = {
    "leaders": """SELECT DISTINCT ?person ?country WHERE { ?person kg:leader_of ?country } ORDER BY ?person ?country""",
    "facts_per_relation": """SELECT ?relation (COUNT(?a) AS ?n) WHERE {
        ?a a kg:Assertion ; rdf:predicate ?relation } GROUP BY ?relation ORDER BY DESC(?n)""",
    "most_cited_sources": """SELECT ?source ?label (COUNT(DISTINCT ?article) AS ?articles) WHERE {
        ?a a kg:Assertion ; rdf:predicate kg:cited_by ; rdf:subject ?source ; prov:wasDerivedFrom ?article .
        ?source rdfs:label ?label } GROUP BY ?source ?label ORDER BY DESC(?articles) ?source LIMIT 20""",
}

RAW_PIPE = r"""
import json, sys, time
from kg.read.files import read_articles
path, repair, n_process, batch_size = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3]), int(sys.argv[4])
started = time.perf_counter()
if repair:
    from kg.nlp.pipeline import load_pipeline
    nlp = load_pipeline()
else:
    import spacy
    from kg.nlp.pipeline import DEFAULT_MODEL, UNUSED_COMPONENTS
    nlp = spacy.load(DEFAULT_MODEL, exclude=list(UNUSED_COMPONENTS))
texts = [a.text for a in read_articles([path])]
loaded, cpu = time.perf_counter(), time.process_time()
for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
    pass
done = time.perf_counter()
print(json.dumps({"pipe_seconds": done - loaded, "pipe_cpu_seconds": time.process_time() - cpu, "setup_seconds": loaded - started,
                  "words": sum(len(t.split()) for t in texts), "articles": len(texts)}))
"""

BATCH_MEMORY = r"""
import json, resource, sys
from kg.nlp.pipeline import load_pipeline
from kg.read.files import read_articles
texts = [a.text for a in read_articles([sys.argv[1]])]
which, words = sys.argv[2], [len(t.split()) for t in texts]
nlp = load_pipeline()
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = 0 if which == "first" else max(range(0, len(texts), 64), key=lambda i: sum(words[i:i + 64]))
for doc in nlp.pipe(texts[start:start + 64], batch_size=16 if which == "longest-by-16" else 64):
    pass
print(json.dumps({"batch": which, "words": sum(words[start:start + 64]), "model_loaded_mib": loaded,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

QUERY_TIMING = r"""
import json, sys, time
engine, directory, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
from kg.graph.triples import PREFIXES
header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
started = time.perf_counter()
if engine == "rdflib":
    from kg.output.store import load_dataset
    data = load_dataset(directory)          # what `kg query` does: graph.trig, union default graph
    loaded = time.perf_counter()
    run = lambda q: len(list(data.query(header + q)))
else:
    import pyoxigraph as ox
    data = ox.Store()
    data.bulk_load(path=f"{directory}/graph.nq", format=ox.RdfFormat.N_QUADS)
    loaded = time.perf_counter()
    run = lambda q: len(list(data.query(header + q, use_default_graph_as_union=True)))
result = {"load_seconds": loaded - started, "queries": {}}
for name, query in queries.items():
    t = time.perf_counter(); rows = run(query)
    result["queries"][name] = {"seconds": time.perf_counter() - t, "rows": rows}
print(json.dumps(result))
"""


def measure(command: list[str]) -> dict:
    """Run ``command`` in a fresh child; wall time, peak RSS (MiB), its JSON stdout if any."""
    proc = subprocess.run([PYTHON, __file__, "_measure", *command], capture_output=True, text=True, env={**os.environ, "CI": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _measure_child(command: list[str]) -> None:
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(proc.returncode)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = proc.stdout.strip().splitlines()
    try:
        inner = json.loads(lines[-1]) if lines else {}
    except ValueError:
        inner = {}
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
                      "inner": inner, "stderr": proc.stderr[-2000:]}))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def write_subset(corpus: Path, n: int, path: Path) -> Path:
    with open(corpus, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(source):
            if i >= n:
                break
            out.write(line)
    return path


def drop_cache_entries(corpus: Path, cache_dir: Path, count: int) -> int:
    """Remove the cache entries of the last ``count`` articles: the cache a build of the rest leaves."""
    from kg.build.cache import article_key
    from kg.read.files import read_articles

    last = list(read_articles([corpus]))[-count:]
    removed = 0
    for article in last:
        key = article_key(article)
        for entry in cache_dir.glob(f"*/{key[:2]}/{key}.json"):
            entry.unlink()
            removed += 1
    return removed


def graph_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.nq", "graph.html")}


def bench_size(corpus: Path, n: int, work: Path, batch_size: int) -> dict:
    subset = write_subset(corpus, n, work / f"corpus-{n}.jsonl")
    row: dict = {"size": n}

    def note(name: str, result: dict) -> dict:
        result["uptime"] = uptime()
        row[name] = result
        print(f"  {n:>5} {name:<18} wall {result['wall']:7.1f} s  cpu {result['cpu']:7.1f} s  rss {result['rss_mib']:6.0f} MiB  ({result['uptime']})", flush=True)
        return result

    raw = [PYTHON, "-c", RAW_PIPE, str(subset)]
    note("raw_repair_j1", measure([*raw, "1", "1", str(batch_size)]))
    note("raw_norepair_j1", measure([*raw, "0", "1", str(batch_size)]))
    note("raw_repair_j2", measure([*raw, "1", "2", str(batch_size)]))
    row["words"] = row["raw_repair_j1"]["inner"]["words"]
    row["articles"] = row["raw_repair_j1"]["inner"]["articles"]

    out1, cache = work / f"out-{n}-j1", work / f"cache-{n}"
    for path in (out1, cache, work / f"out-{n}-j2"):
        shutil.rmtree(path, ignore_errors=True)
    note("build_j1", measure([*KG, "build", str(subset), "-o", str(out1), "--jobs", "1", "--batch-size", str(batch_size),
                              "--cache-dir", str(cache)]))
    note("build_j2", measure([*KG, "build", str(subset), "-o", str(work / f"out-{n}-j2"), "--jobs", "2",
                              "--batch-size", str(batch_size), "--no-cache"]))
    row["j2_equals_j1"] = graph_bytes(work / f"out-{n}-j2") == graph_bytes(out1)
    reference = graph_bytes(out1)
    row["report_j1"] = json.loads((out1 / "report.json").read_text())

    removed = drop_cache_entries(subset, cache, 10)
    note("incremental_j1", measure([*KG, "build", str(subset), "-o", str(out1), "--jobs", "1", "--batch-size", str(batch_size),
                                    "--cache-dir", str(cache)]))
    row["incremental_report"] = json.loads((out1 / "report.json").read_text())
    row["incremental_removed_entries"] = removed
    row["incremental_equals_full"] = graph_bytes(out1) == reference
    return row


def bench_queries(directory: Path) -> dict:
    results = {}
    for engine in ("rdflib", "pyoxigraph"):
        result = measure([PYTHON, "-c", QUERY_TIMING, engine, str(directory), json.dumps(QUERIES)])
        results[engine] = {**result["inner"], "rss_mib": result["rss_mib"], "uptime": uptime()}
        print(f"  queries on {engine}: {json.dumps(results[engine])}", flush=True)
    return results


def table(rows: list[dict]) -> str:
    lines = [
        "| articles | words | raw spaCy words/s (j1, with repair / without) | kg build words/s (j1) | ratio build/raw (with repair) | ratio build/raw (process wall) | ratio build/raw (process CPU) | raw j2 words/s | build j2 words/s | j2/j1 speedup | peak RSS j1 MiB | incremental +10 s | incremental / full | load (1 min) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        words = r["words"]
        raw1 = words / r["raw_repair_j1"]["inner"]["pipe_seconds"]
        raw1n = words / r["raw_norepair_j1"]["inner"]["pipe_seconds"]
        raw2 = words / r["raw_repair_j2"]["inner"]["pipe_seconds"]
        b1 = words / r["build_j1"]["wall"]
        b2 = words / r["build_j2"]["wall"]
        raw_wall = words / r["raw_repair_j1"]["wall"]
        cpu_ratio = r["raw_repair_j1"]["cpu"] / r["build_j1"]["cpu"]
        loads = "/".join(r[k]["uptime"].split("load average:")[-1].split(",")[0].strip() for k in ("build_j1", "build_j2", "incremental_j1"))
        lines.append(
            f"| {r['articles']} | {words} | {raw1:,.0f} / {raw1n:,.0f} | {b1:,.0f} | {b1 / raw1:.2f} | {b1 / raw_wall:.2f} | {cpu_ratio:.2f} | "
            f"{raw2:,.0f} | {b2:,.0f} | {r['build_j1']['wall'] / r['build_j2']['wall']:.2f} | {r['build_j1']['rss_mib']:.0f} | "
            f"{r['incremental_j1']['wall']:.1f} | {r['incremental_j1']['wall'] / r['build_j1']['wall']:.1%} | {loads} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        _measure_child(sys.argv[2:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "batch-memory":  # peak RSS of one batch: first 64 vs most words
        for which in ("first", "longest", "longest-by-16"):
            print(subprocess.run([PYTHON, "-c", BATCH_MEMORY, sys.argv[2], which], capture_output=True, text=True).stdout, end="")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "queries":  # the query timings alone, on an existing output directory
        print(f"machine: nproc={os.cpu_count()}; {uptime()}", flush=True)
        bench_queries(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", default="200,1000,2225")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--json", type=Path, help="Write all measurements here.")
    parser.add_argument("--no-queries", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: nproc={os.cpu_count()}; {uptime()}", flush=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows.append(bench_size(args.corpus, n, args.work, args.batch_size))
        if args.json:
            args.json.write_text(json.dumps({"rows": rows}, indent=2))
    queries = {} if args.no_queries else bench_queries(args.work / f"out-{rows[-1]['size']}-j1")
    rss = {r["size"]: r["build_j1"]["rss_mib"] for r in rows}
    summary = {
        "nproc": os.cpu_count(),
        "rows": rows,
        "queries": queries,
        "rss_ratio_largest_smallest": rss[max(rss)] / rss[min(rss)],
    }
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    print()
    print(table(rows))
    print(f"\npeak RSS ratio (largest / smallest size): {summary['rss_ratio_largest_smallest']:.2f}")
    print("j2 output identical to j1:", all(r["j2_equals_j1"] for r in rows),
          "; incremental identical to full:", all(r["incremental_equals_full"] for r in rows))


if __name__ == "__main__":
    main()
