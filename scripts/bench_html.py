"""Measure the HTML explorer on built graphs: time to first interaction and frame times while panning and zooming.

Usage::

    kg build /work/shared/corpora/bbc-news/articles.jsonl -o /work/big/bbc
    python scripts/bench_html.py /work/big/bbc                        # the page kg viz writes (overview when large)
    python scripts/bench_html.py bbc300/ /work/big/bbc /work/big/allsides --runs 3 --record explorer-corpora
    python scripts/bench_html.py /work/big/bbc --no-overview --max-nodes 1000   # the whole-graph page, for comparison
    python scripts/bench_html.py --synthetic 3000                      # tests/corpus_shape.py's graph of 3,000 articles

For each graph it writes the page ``kg viz`` would write (same view, same options) to a
temporary file, opens it in headless Chromium (Debian's ``chromium`` through Playwright,
as in tests/test_browser.py) with a fresh profile ``--runs`` times, and reports medians of:

- **first interaction**: the page's own ``kgTimings.ready`` (milliseconds from navigation
  start until the first view is drawn, its labels decluttered and every handler attached);
- **first entity panel**: how long opening the most connected entity's panel (``kg.focusNode``)
  takes, the first time its facts' sentences are read from their blocks;
- **frame time** while a scripted user pans (20 mouse drags of 15 px) and zooms (12 wheel
  steps in, 12 out) the opening view: the median interval between the browser's animation
  frames during the gestures, and vis-network's own drawing time per frame
  (``beforeDrawing`` to ``afterDrawing``).

It also checks that no page made a network request. With ``--record NAME`` the table goes
to ``benchmarks/NAME.json`` (scripts/benchmark_record.py), which the docs render.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from kg.output import DEFAULT_MAX_NODES, OVERVIEW_MIN_NODES  # noqa: E402
from kg.output.entitygraph import load_graph  # noqa: E402
from kg.output.views import keep_top_nodes  # noqa: E402
from kg.output.html import write_html  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

# Records animation-frame intervals and vis-network's drawing times from now on.
RECORD_FRAMES = """() => {
    window.kgFrames = {intervals: [], draws: [], last: null, start: null};
    const f = window.kgFrames;
    function tick(t) { if (f.last !== null) f.intervals.push(t - f.last); f.last = t; f.raf = requestAnimationFrame(tick); }
    f.raf = requestAnimationFrame(tick);
    kg.network.on("beforeDrawing", () => { f.start = performance.now(); });
    kg.network.on("afterDrawing", () => { if (f.start !== null) f.draws.push(performance.now() - f.start); f.start = null; });
}"""


def gestures(page) -> None:
    """Pan with the mouse, then zoom in and out with the wheel, over the middle of the graph."""
    box = page.evaluate("(() => { const r = document.getElementById('graph').getBoundingClientRect(); "
                        "return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()")
    x, y = box["x"], box["y"]
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(20):
        page.mouse.move(x + 15 * (step + 1) * (1 if step < 10 else -1) / 2, y + 6 * (step % 5), steps=2)
    page.mouse.up()
    for delta in [-120] * 12 + [120] * 12:
        page.mouse.wheel(0, delta)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)


def measure(page_path: Path, runs: int, executable: str) -> list[dict]:
    """Open the page ``runs`` times, each in a fresh browser profile; timings and frame times per run."""
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
                timings = page.evaluate("window.kgTimings")
                # The first click a user makes: the most connected entity's panel (its facts' sentences are read then).
                panel = page.evaluate("""() => { const top = kg.nodes.get().filter(n => n.cls !== 'NewsArticle')
                    .sort((a, b) => (a.top ?? 1e9) - (b.top ?? 1e9) || b.mentions - a.mentions)[0];
                    const t = performance.now(); kg.focusNode(top.id); return performance.now() - t; }""")
                page.evaluate("kg.showOverview()")
                page.evaluate(RECORD_FRAMES)
                gestures(page)
                frames = page.evaluate("(() => { cancelAnimationFrame(kgFrames.raf); return kgFrames; })()")
                results.append({
                    "ready": timings["ready"],
                    "panel": panel,
                    "view": page.evaluate("kg.state.view"),
                    "drawn": page.evaluate("kg.nodeView.length"),
                    "frame": statistics.median(frames["intervals"]) if frames["intervals"] else float("nan"),
                    "draw": statistics.median(frames["draws"]) if frames["draws"] else float("nan"),
                    "draw_p95": sorted(frames["draws"])[int(0.95 * (len(frames["draws"]) - 1))] if frames["draws"] else float("nan"),
                    "offline": all(u.startswith(("file:", "data:")) for u in requests),
                })
                context.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", type=Path, nargs="*", help="output directories of kg build (or RDF files)")
    parser.add_argument("--synthetic", type=int, action="append", default=[], metavar="ARTICLES",
                        help="also a graph of this many articles' size and shape from tests/corpus_shape.py (repeatable)")
    parser.add_argument("--overview/--no-overview", dest="overview", default=None, action=argparse.BooleanOptionalAction,
                        help=f"as kg viz: default, the overview for graphs over {OVERVIEW_MIN_NODES} nodes")
    parser.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES, help="node budget without the overview")
    parser.add_argument("--runs", type=int, default=3, help="page loads per graph (median reported)")
    parser.add_argument("--chromium", default=shutil.which("chromium"), help="browser executable")
    parser.add_argument("--record", metavar="NAME", help="also write benchmarks/NAME.json")
    args = parser.parse_args(argv)
    if not args.chromium:
        parser.error("no chromium found; apt-get install chromium or pass --chromium")

    rows = []
    sources = [(path, None) for path in args.graphs] + [(f"synthetic, {n} articles", n) for n in args.synthetic]
    for path, synthetic in sources:
        started = time.perf_counter()
        if synthetic is None:
            graph = load_graph(path)
        else:
            sys.path.insert(0, str(REPO / "tests"))
            from corpus_shape import corpus_graph

            graph = corpus_graph(synthetic)
        loaded = time.perf_counter()
        articles = sum(1 for _, c in graph.nodes(data="cls") if c == "NewsArticle")
        overview = args.overview if args.overview is not None else graph.number_of_nodes() > OVERVIEW_MIN_NODES
        view = graph if overview else keep_top_nodes(graph, args.max_nodes)
        with tempfile.TemporaryDirectory() as tmp:
            page_path = Path(tmp) / "graph.html"
            t0 = time.perf_counter()
            write_html(view, page_path, max_nodes=args.max_nodes, overview_mode=overview)
            written = time.perf_counter() - t0
            size = page_path.stat().st_size
            runs = measure(page_path, args.runs, args.chromium)
        ready = statistics.median(r["ready"] for r in runs)
        panel = statistics.median(r["panel"] for r in runs)
        frame = statistics.median(r["frame"] for r in runs)
        draw = statistics.median(r["draw"] for r in runs)
        print(f"{path}: {graph.number_of_nodes()} nodes ({articles} articles as fact ends), {graph.number_of_edges()} facts; "
              f"load {loaded - started:.1f} s, page {size / 1e6:.2f} MB written in {written:.1f} s "
              f"({'overview' if overview else f'whole graph, --max-nodes {args.max_nodes}'}, {runs[0]['drawn']} items drawn)")
        def each(key: str, digits: int) -> str:
            return ", ".join(f"{r[key]:.{digits}f}" for r in runs)

        print(f"  first interaction  median {ready:7.0f} ms  (runs: {each('ready', 0)})")
        print(f"  first entity panel median {panel:7.0f} ms  (runs: {each('panel', 0)}; its sentences read then)")
        print(f"  frame interval     median {frame:7.1f} ms  (runs: {each('frame', 1)})")
        print(f"  vis drawing/frame  median {draw:7.1f} ms  (runs: {each('draw', 1)}; 95th percentile {each('draw_p95', 1)})")
        print(f"  no network requests: {all(r['offline'] for r in runs)}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"  1-minute load {load:.1f} after the runs (the machine is shared: rerun when quieter)")
        rows.append([str(path), graph.number_of_nodes(), graph.number_of_edges(), "overview" if overview else "whole",
                     round(size / 1e6, 2), round(written, 1), round(ready), round(panel), round(frame, 1), round(draw, 1),
                     round(load, 1)])
    if args.record:
        from benchmark_record import record

        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        written_to = record(
            args.record,
            title="The explorer page in headless Chromium: time to first interaction and frame times",
            columns=["graph", "nodes", "facts", "page", "page MB", "written s", "first interaction ms",
                     "first entity panel ms", "frame interval ms", "vis drawing ms", "load"],
            rows=rows,
            notes=f"{args.runs} fresh-profile loads each, medians; pan (20 drags) and zoom (24 wheel steps) scripted; "
                  f"1-minute load {load:.1f} at the end." if load is not None else f"{args.runs} loads each, medians.",
        )
        print(f"recorded {written_to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
