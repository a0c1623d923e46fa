"""kg: build an RDF knowledge graph of sourced facts from news articles.

The Python API is three calls; each loads the stage it needs on first use, so
``import kg`` itself loads neither spaCy nor rdflib.

- :func:`kg.build` (``kg.build(inputs, out, **options)``): what ``kg build`` does; returns
  the :class:`~kg.build.options.BuildReport`.
- ``kg.extract(text_or_article)``: the facts of one text or :class:`~kg.model.Article`, each
  with its evidence (the spaCy pipeline is loaded once, on the first call).
- :func:`load`: an output directory (or any RDF file) as an rdflib ``Dataset`` or a networkx graph.

Examples:
    >>> import tempfile
    >>> import kg
    >>> out = tempfile.mkdtemp()
    >>> report = kg.build(["seeds"], out, use_cache=False, jobs=1)
    >>> report.articles, report.facts > 0
    (1, True)
    >>> dataset = kg.load(out)
    >>> len(dataset.default_graph) > 0 and len(list(dataset.graphs())) > 1
    True
    >>> graph = kg.load(out, as_="networkx")
    >>> graph.number_of_nodes() > 0
    True
    >>> facts = kg.extract("Apple's chief executive Tim Cook spoke in London on Monday.")
    >>> [(f.subject[1], f.relation, f.object[1], f.evidence.rule) for f in facts]
    [('Tim Cook', 'heads', 'Apple', 'title_modifier.v4')]
    >>> facts[0].evidence.sentence
    "Apple's chief executive Tim Cook spoke in London on Monday."
"""

from __future__ import annotations

import os
from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "build", "extract", "load"]


def __getattr__(name: str) -> Any:
    # kg.build and kg.extract are the stage packages kg/build and kg/extract, which are callable
    # (see their __init__.py): Python binds those names to the packages as soon as one of their
    # modules is imported, so functions of the same names here would be replaced.
    if name in {"build", "extract"}:
        from importlib import import_module

        return import_module(f"kg.{name}")
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def load(out: str | os.PathLike[str], as_: str = "dataset") -> Any:
    """An output directory of ``kg build`` (or an RDF file) as an rdflib ``Dataset`` or a networkx graph.

    Args:
        out: the output directory, or a .trig/.nq/.ttl/.jsonl/.nt file.
        as_: ``"dataset"``: an :class:`rdflib.Dataset` whose default graph is the union of
            all graphs (the per-article named graphs are kept); ``"networkx"``: the entity
            graph ``kg viz`` draws, a :class:`networkx.MultiDiGraph` with one edge per fact.
    """
    from pathlib import Path

    if as_ == "dataset":
        from kg.output.store import load_dataset

        return load_dataset(Path(out))
    if as_ == "networkx":
        from kg.output.entitygraph import load_graph

        return load_graph(Path(out))
    raise ValueError(f"as_ must be 'dataset' or 'networkx', not {as_!r}")
