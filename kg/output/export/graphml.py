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

Quotes (``kg:Quote``) are nodes too, with ``cls`` "Quote", ``label`` (the first words),
``text``, ``kind``, ``cue``, ``addressee``, ``article``, ``char_start``, ``char_end``,
``confidence`` and ``iri``; a ``said`` edge leads from the speaker to the quote and an
``about`` edge from the quote to each entity it names (the neo4j export's SAID and ABOUT).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from kg.output.export.rows import entity_rows, fact_rows, iter_labels, quote_rows
from kg.output.files import atomic_write
from kg.vocab import Cls


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
    _add_quotes(g, dataset)
    return g


# Words of a quote shown as its node label (the whole text is the ``text`` attribute).
LABEL_WORDS = 12


def _add_quotes(g: nx.MultiDiGraph, dataset: Dataset) -> None:
    """Quote nodes, ``said`` edges from their speakers and ``about`` edges to the entities they name."""
    for q in quote_rows(dataset):
        words = q.text.split()
        g.add_node(
            q.quote,
            label=" ".join(words[:LABEL_WORDS]) + (" ..." if len(words) > LABEL_WORDS else ""),
            cls=str(Cls.Quote),
            labels=str(Cls.Quote),
            text=q.text,
            kind=q.kind,
            cue=q.cue,
            addressee=q.addressee,
            article=q.article_title,
            char_start=q.char_start if q.char_start is not None else -1,
            char_end=q.char_end if q.char_end is not None else -1,
            confidence=q.confidence if q.confidence is not None else 0.0,
            iri=q.quote,
        )
        if q.speaker in g:
            g.add_edge(q.speaker, q.quote, key="said", relation="said", article=q.article_title)
        for entity in q.about:
            if entity in g:
                g.add_edge(q.quote, entity, key="about", relation="about", article=q.article_title)


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
