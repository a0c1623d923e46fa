"""N-Quads (named graphs kept) and N-Triples (merged), sorted: the input bulk loaders want.

Both are written from a pyoxigraph store (:func:`kg.output.store.load_store`), whose terms
print as N-Triples/N-Quads.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.output.files import atomic_write, write_lines


def write(store: ox.Store, path: Path) -> list[Path]:
    """N-Quads: entity descriptions in the default graph, each article's facts in its named graph."""
    atomic_write(path, lambda tmp: write_lines(tmp, sorted({f"{quad} ." for quad in store})))
    return [path]


def write_ntriples(store: ox.Store, path: Path) -> list[Path]:
    """N-Triples of the merged graph (graph.ttl's content), one sorted statement per line."""
    atomic_write(path, lambda tmp: write_lines(tmp, sorted({f"{quad.triple} ." for quad in store})))
    return [path]
