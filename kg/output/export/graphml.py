"""GraphML via networkx, for yEd, Cytoscape and Gephi: entities as nodes, facts as edges.

Attributes are flat scalars (GraphML has no lists): nodes carry ``label``, ``cls``,
``labels`` (class and superclasses, ``;``-separated), ``aliases`` (``; ``-separated),
``mentions``, ``articles`` and ``iri``; edges (key = relation) carry ``relation``,
``evidence`` (number of occurrences), ``confidence`` (the highest), ``sentence`` and
``article`` (of the most confident occurrence), and time: ``first_observed`` and
``last_observed`` (the earliest and latest article dates), ``status`` (of the latest
dated occurrence, "" when its text states none), ``former`` (how many occurrences call
it former), ``valid_from`` and ``valid_until`` (the earliest and latest stated years);
"" where unknown.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from kg.output.export.rows import entity_rows, fact_rows, iter_labels
from kg.output.files import atomic_write


def property_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The graph as a networkx MultiDiGraph with flat, file-friendly attributes."""
    facts = fact_rows(dataset)
    g = nx.MultiDiGraph()
    for row in entity_rows(dataset, facts):
        g.add_node(
            row.iri,
            label=row.name,
            cls=row.cls,
            labels=";".join(iter_labels(row)),
            aliases="; ".join(row.aliases),
            mentions=row.mention_count,
            articles=row.article_count,
            iri=row.iri,
        )
    grouped = defaultdict(list)
    for fact in facts:
        grouped[(fact.subject, fact.object, fact.relation)].append(fact)
    for (subject, obj, relation), items in sorted(grouped.items()):
        best = max(items, key=lambda f: (f.confidence or 0.0, -(f.char_start or 0)))
        g.add_edge(
            subject,
            obj,
            key=relation,
            relation=relation,
            evidence=len(items),
            confidence=best.confidence if best.confidence is not None else 0.0,
            sentence=best.sentence,
            article=best.article_title,
            **_time(items),
        )
    return g


def _time(items: list) -> dict[str, str | int]:
    """The time attributes of one edge from its occurrences (see the module docstring)."""
    dated = sorted((f.as_of, f.status) for f in items if f.as_of)
    starts, ends = [f.valid_from for f in items if f.valid_from], [f.valid_until for f in items if f.valid_until]
    return {
        "first_observed": dated[0][0] if dated else "",
        "last_observed": dated[-1][0] if dated else "",
        "status": dated[-1][1] if dated else "",
        "former": sum(1 for f in items if f.status == "former"),
        "valid_from": min(starts) if starts else "",
        "valid_until": max(ends) if ends else "",
    }


def write(dataset: Dataset, path: Path) -> list[Path]:
    graph = property_graph(dataset)
    atomic_write(path, lambda tmp: nx.write_graphml(graph, tmp, encoding="utf-8", named_key_ids=True))
    return [path]
