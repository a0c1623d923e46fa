"""Measure the HTML explorer on a built graph: entities kept vs total, and load time in a real browser.

Usage::

    kg build /work/shared/corpora/bbc-news/articles.jsonl -o /tmp/bbc-out
    python scripts/bench_html.py /tmp/bbc-out                       # default node budget
    python scripts/bench_html.py /tmp/bbc-out --max-nodes 300 --max-nodes 1000 --runs 5

For each node budget it writes the page to a temporary file, opens it in headless
Chromium (Debian's ``chromium`` through Playwright, as in tests/test_browser.py) with a
fresh profile ``--runs`` times, and reports the median of the times the page itself
records (``window.kgTimings``, milliseconds since navigation start): the first canvas
drawing (vis-network's ``afterDrawing``) and the end of the layout
(``stabilizationIterationsDone``, after which physics is off and the graph is still).
It also prints how many facts a plain ranking by degree would keep with the same budget,
against the peel of :func:`kg.output.graphview.keep_top_nodes`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.output.graphview import load_graph, select_view  # noqa: E402
from kg.output.html import DEFAULT_MAX_NODES, write_html  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def load_times(page_path: Path, runs: int, executable: str) -> list[dict]:
    """Open the page ``runs`` times, each in a fresh browser profile; the page's own timings per run."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(
                    profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
                    viewport={"width": 1280, "height": 800})
                page = context.new_page()
                requests = []
                page.on("request", lambda r, seen=requests: seen.append(r.url))
                page.goto(page_path.as_uri())
                page.wait_for_selector("html[data-kg-ready]", timeout=300_000)
                page.wait_for_function("window.kgTimings.firstDraw !== undefined", timeout=60_000)
                timings = page.evaluate("window.kgTimings")
                timings["domContentLoaded"] = page.evaluate(
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                timings["offline"] = all(u.startswith(("file:", "data:")) for u in requests)
                results.append(timings)
                context.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="output directory of kg build (or an RDF file)")
    parser.add_argument("--max-nodes", type=int, action="append", help=f"node budget (repeatable; default {DEFAULT_MAX_NODES})")
    parser.add_argument("--runs", type=int, default=3, help="page loads per budget (median reported)")
    parser.add_argument("--chromium", default=shutil.which("chromium"), help="browser executable")
    args = parser.parse_args(argv)
    if not args.chromium:
        parser.error("no chromium found; apt-get install chromium or pass --chromium")

    started = time.perf_counter()
    graph = load_graph(args.graph)  # what `kg viz` loads
    loaded = time.perf_counter()
    print(f"graph: {graph.number_of_nodes()} entities, {graph.number_of_edges()} facts (distinct subject-relation-object)")
    print(f"load graph {loaded - started:.1f} s")
    for budget in args.max_nodes or [DEFAULT_MAX_NODES]:
        with tempfile.TemporaryDirectory() as tmp:
            page_path = Path(tmp) / "graph.html"
            t0 = time.perf_counter()
            view = select_view(graph, max_nodes=budget)
            write_html(view, page_path, max_nodes=budget)
            rendered = time.perf_counter() - t0
            size = page_path.stat().st_size
            runs = load_times(page_path, args.runs, args.chromium)
        left = view.graph.get("left_out_nodes", 0)
        print(f"--max-nodes {budget}: kept {view.number_of_nodes()} of {graph.number_of_nodes()} entities "
              f"({left} left out) and {view.number_of_edges()} of {graph.number_of_edges()} facts; "
              f"page {size / 1e6:.2f} MB written in {rendered:.2f} s")
        by_degree = sorted(graph, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("mentions", 1), n))[:budget]
        print(f"  a plain ranking by degree (then mentions) would keep {graph.subgraph(by_degree).number_of_edges()} "
              f"facts among its {len(by_degree)} entities")
        for key, label in (("domContentLoaded", "DOM ready"), ("firstDraw", "first drawing"),
                           ("ready", "page ready (drawn, still)")):
            values = [r[key] for r in runs]
            print(f"  {label:26s} median {statistics.median(values):7.0f} ms  (runs: {', '.join(f'{v:.0f}' for v in values)})")
        print(f"  no network requests: {all(r['offline'] for r in runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
