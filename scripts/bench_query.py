"""Load and query time of kg's two SPARQL engines (rdflib, pyoxigraph) on one graph.

Usage::

    python scripts/bench_query.py OUTPUT_DIR_OR_RDF_FILE [--repeat 3]

Prints, per engine, the load time, the triple count and the time of each ready-made query
in ontology/queries (best of --repeat runs), and the row counts (which must agree). This is
how kg.use.query.OXIGRAPH_ABOVE_TRIPLES was chosen; rerun it after changing either engine.
"""

from __future__ import annotations

import argparse
import time
from importlib import resources
from pathlib import Path

from kg.use.query import format_result, load_oxigraph, oxigraph_query, prepare
from kg.output.store import load_dataset


def best_of(repeat: int, run):
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - started)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    queries = {p.name: p.read_text() for p in sorted(resources.files("kg.ontology").joinpath("queries").iterdir())
               if p.name.endswith(".rq")}

    load_rdflib, dataset = best_of(1, lambda: load_dataset(args.graph))
    load_oxi, store = best_of(1, lambda: load_oxigraph(args.graph))
    print(f"graph: {args.graph}  triples: rdflib {len(dataset)}  oxigraph {len(store)}")
    print(f"load: rdflib {load_rdflib:.2f} s  pyoxigraph {load_oxi:.2f} s  ({load_rdflib / load_oxi:.0f}x)")
    print(f"{'query':28} {'rdflib s':>9} {'oxigraph s':>11} {'speed-up':>9} {'rows':>6}")
    total_r = total_o = 0.0
    for name, text in queries.items():
        prepared = prepare(text)
        t_r, rows_r = best_of(args.repeat, lambda: format_result(dataset.query(prepared), "csv").count("\n"))
        t_o, rows_o = best_of(args.repeat, lambda: format_result(oxigraph_query(None, text, store), "csv").count("\n"))
        total_r, total_o = total_r + t_r, total_o + t_o
        flag = "" if rows_r == rows_o else f"  (rows differ: {rows_o - 1})"
        print(f"{name:28} {t_r:9.3f} {t_o:11.3f} {t_r / max(t_o, 1e-6):8.0f}x {rows_r - 1:6d}{flag}")
    print(f"{'all queries':28} {total_r:9.3f} {total_o:11.3f} {total_r / max(total_o, 1e-6):8.0f}x")
    print(f"load + all queries: rdflib {load_rdflib + total_r:.2f} s, pyoxigraph {load_oxi + total_o:.2f} s")


if __name__ == "__main__":
    main()
