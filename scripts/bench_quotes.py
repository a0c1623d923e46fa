#!/usr/bin/env python
"""Benchmark quotes (issue 12): quotes per second, and what quotes add to the build's per-article time.

On the first N articles of a JSONL corpus (default: 300 of ../shared/corpora/allsides/articles.jsonl),
in one process:

1. parse every text once with kg's spaCy pipeline (``nlp.pipe``, as ``kg build`` does);
2. run the per-article work of a build -- entity resolution, every rule, and the article's
   record with its RDF lines (:func:`kg.build.shards.record_of`) -- on the parsed docs, once
   with quotes and once without (``extract_facts(..., quotes=False)``), alternating, ``--repeat``
   times each, keeping the fastest of each;
3. time :func:`kg.extract.quotes.extract_quotes` alone (quotes per second).

The build-time overhead printed is (parse + work with quotes) / (parse + work without) - 1:
the analyse stage, which is nearly all of a build's time (``report.json``: ``seconds``). The
merge and write stages grow with the triples written; their share is printed from the triple
counts. Timing is wall-clock on a possibly shared machine: the load is printed alongside.

Usage:
    python scripts/bench_quotes.py [CORPUS.jsonl] [--articles 300] [--repeat 3] [--json out.json] [--record]

``--record`` writes ``benchmarks/quotes-allsides.json`` (scripts/benchmark_record.py), which
docs/quotes.md shows.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from kg.build.shards import record_of
from kg.extract.entities import resolve_entities
from kg.extract.facts import extract_facts
from kg.extract.quotes import extract_quotes
from kg.extract.rules import Context
from kg.nlp.lexicon import load_lexicon
from kg.nlp.pipeline import load_pipeline, parse
from kg.read.files import read_articles

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--record", action="store_true", help="write benchmarks/quotes-allsides.json for the docs")
    args = parser.parse_args()

    articles = []
    for article in read_articles([args.corpus]):
        articles.append(article)
        if len(articles) >= args.articles:
            break
    nlp, lexicon = load_pipeline(), load_lexicon()
    started = time.perf_counter()
    docs = [doc for _, doc in parse(articles, nlp, batch_size=64)]
    parse_seconds = time.perf_counter() - started

    def work(quotes: bool) -> tuple[float, int, int]:
        started = time.perf_counter()
        found = lines = 0
        for article, doc in zip(articles, docs):
            result = extract_facts(article, doc, lexicon, quotes=quotes)
            found += len(result.quotes)
            lines += len(record_of(article.id, result).triples)
        return time.perf_counter() - started, found, lines

    work(True)  # warm caches (lexicon matchers, title matcher) before timing
    best = {True: float("inf"), False: float("inf")}
    counts = {}
    for _ in range(args.repeat):
        for quotes in (False, True):
            seconds, found, lines = work(quotes)
            best[quotes] = min(best[quotes], seconds)
            counts[quotes] = (found, lines)

    started = time.perf_counter()
    total = 0
    for article, doc in zip(articles, docs):
        total += len(extract_quotes(Context(doc, article, resolve_entities(doc, article, lexicon), lexicon)))
    quote_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for article, doc in zip(articles, docs):
        resolve_entities(doc, article, lexicon)
    entity_seconds = time.perf_counter() - started
    quote_only = max(quote_seconds - entity_seconds, 1e-9)

    words = sum(len(a.text.split()) for a in articles)
    with_quotes, without = parse_seconds + best[True], parse_seconds + best[False]
    report = {
        "corpus": str(args.corpus), "articles": len(articles), "words": words,
        "load": os.getloadavg()[0],
        "parse_seconds": round(parse_seconds, 3),
        "work_seconds_without_quotes": round(best[False], 3),
        "work_seconds_with_quotes": round(best[True], 3),
        "analyse_overhead": round(with_quotes / without - 1, 4),
        "quotes": counts[True][0],
        "quotes_per_second": round(total / quote_only, 1),
        "quotes_per_article": round(total / len(articles), 2),
        "triples_without_quotes": counts[False][1],
        "triples_with_quotes": counts[True][1],
        "triples_overhead": round(counts[True][1] / max(1, counts[False][1]) - 1, 4),
    }
    print(f"{len(articles)} articles ({words} words) of {args.corpus.name}; load {report['load']:.2f}")
    print(f"parse {parse_seconds:.1f} s; rules + records without quotes {best[False]:.2f} s, with quotes {best[True]:.2f} s")
    print(f"quotes: {total} ({report['quotes_per_article']} per article), {report['quotes_per_second']} quotes/s "
          f"(extract_quotes alone, {quote_only:.2f} s)")
    print(f"build-time overhead of quotes (parse + per-article work): {100 * report['analyse_overhead']:+.1f}%")
    print(f"triples written: {counts[False][1]} without quotes, {counts[True][1]} with "
          f"({100 * report['triples_overhead']:+.1f}%: the merge and write stages grow about as much)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.record:
        from benchmark_record import record

        record(
            "quotes-allsides",
            title=f"Quotes on the first {len(articles)} allsides articles",
            columns=["measure", "value"],
            rows=[
                ["parse (s)", report["parse_seconds"]],
                ["rules + records without quotes (s)", report["work_seconds_without_quotes"]],
                ["rules + records with quotes (s)", report["work_seconds_with_quotes"]],
                ["build-time overhead of quotes", f"{100 * report['analyse_overhead']:+.1f}%"],
                ["quotes", report["quotes"]],
                ["quotes per second (extract_quotes alone)", report["quotes_per_second"]],
                ["triples written, overhead of quotes", f"{100 * report['triples_overhead']:+.1f}%"],
            ],
            notes=f"{args.repeat} alternating runs with and without quotes, fastest of each; parse once.",
        )


if __name__ == "__main__":
    main()
