"""Facts on disk while a build runs: per-article records and sorted shards.

A build never holds the graph in memory. Each analysed article becomes an
:class:`ArticleRecord` (its entities, facts per relation and the sorted N-Triples of its
named graph); records are written in chunks as **shards**, two sorted files each:

- ``NAME.nq``: the chunk's quads, sorted by (graph, statement) -- for ``graph.nq``/TriG;
- ``NAME.nt``: the chunk's statements without graph, sorted and unique -- for the
  merged graph (``graph.ttl``, ``graph.jsonld``, ``graph.html``).

The shards are then merged by :func:`kg.output.files.merge_sorted`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.graph.ntriples import nt_line, quad_key, quad_line, rewrite_statements
from kg.graph.triples import article_iri, article_triples
from kg.model import ArticleResult, Entity, Period, Ref
from kg.output.files import atomic_write, read_lines, unique, write_lines
from kg.read.dates import read_date


@dataclass(frozen=True)
class ArticleRecord:
    """What one article contributes to the graph; what the cache stores and shards hold.

    Attributes:
        key: the article's cache key.
        article_id: the article's id (its named graph is ``article_iri(article_id)``).
        entities: the article's entities (for the corpus-wide :class:`~kg.graph.index.EntityIndex`).
        relations: facts per relation.
        rules: the extraction rules that produced a fact.
        triples: the article's named graph, sorted unique N-Triples lines.
        times: one row per fact occurrence for the merged view over time
            (:class:`kg.graph.timeline.Timeline`): subject kind and name, relation, object kind
            and name, the article's date, status, valid from, valid until ("" for none).
        dropped: facts read but left out, each with the reason (for report.json).
    """

    key: str
    article_id: str
    entities: tuple[Entity, ...]
    relations: dict[str, int]
    rules: tuple[str, ...]
    triples: tuple[str, ...]
    times: tuple[tuple[str, ...], ...] = ()
    dropped: tuple[str, ...] = ()

    @property
    def graph(self) -> str:
        return f"<{article_iri(self.article_id)}>"

    def quads(self) -> Iterator[str]:
        graph = self.graph
        for line in self.triples:
            yield quad_line(line, graph)

    def to_json(self) -> dict:
        return {
            "id": self.article_id,
            "entities": [[e.kind, e.name, e.cls, sorted(e.aliases), e.mentions] for e in self.entities],
            "relations": self.relations,
            "rules": list(self.rules),
            "triples": list(self.triples),
            "times": [list(t) for t in self.times],
            "dropped": list(self.dropped),
        }

    @classmethod
    def from_json(cls, key: str, data: dict) -> ArticleRecord:
        entities = tuple(Entity(k, n, c, frozenset(a), m) for k, n, c, a, m in data["entities"])
        return cls(key, data["id"], entities, dict(data["relations"]), tuple(data["rules"]), tuple(data["triples"]),
                   tuple(tuple(t) for t in data.get("times", ())), tuple(data.get("dropped", ())))

    def without_triples(self) -> ArticleRecord:
        """The small part a worker sends back (the triples are already in its shard)."""
        return ArticleRecord(self.key, self.article_id, self.entities, self.relations, self.rules, (), self.times,
                             self.dropped)

    def occurrences(self) -> Iterator[tuple[tuple[str, str], str, tuple[str, str], str | None, Period]]:
        """The fact occurrences of :attr:`times` as (subject, relation, object, as of, period)."""
        for s_kind, s_name, relation, o_kind, o_name, as_of, status, start, end in self.times:
            yield (s_kind, s_name), relation, (o_kind, o_name), as_of or None, Period(status or None, start or None, end or None)


def record_of(key: str, result: ArticleResult) -> ArticleRecord:
    """Turn one article's result into its record (the RDF of its named graph included)."""
    relations: dict[str, int] = {}
    for fact in result.facts:
        relations[fact.relation] = relations.get(fact.relation, 0) + 1
    rules = sorted({fact.evidence.rule for fact in result.facts} | {quote.rule for quote in result.quotes})
    triples = sorted({nt_line(t) for t in article_triples(result)})
    as_of = read_date(result.article.date).value or ""
    times = tuple(
        (*f.subject, f.relation, *f.object, as_of, f.time.status or "", f.time.valid_from or "", f.time.valid_until or "")
        for f in result.facts
    )
    return ArticleRecord(key, result.article.id, result.entities, dict(sorted(relations.items())), tuple(rules),
                         tuple(triples), times, result.dropped)


def write_shard(records: Iterable[ArticleRecord], stem: Path) -> tuple[Path, Path]:
    """Write ``stem.nq`` and ``stem.nt`` for a chunk of records; returns both paths.

    Each file appears complete (written under a temporary name, then renamed).
    """
    records = sorted(records, key=lambda r: r.graph)
    nq, nt = stem.with_suffix(".nq"), stem.with_suffix(".nt")
    atomic_write(nq, lambda tmp: write_lines(tmp, (quad for record in records for quad in record.quads())))
    atomic_write(nt, lambda tmp: write_lines(tmp, sorted({line for record in records for line in record.triples})))
    return nq, nt


def rewrite_shard(stem: Path, into: dict[Ref, Ref]) -> Counter:
    """Rewrite a shard with entities merged across articles (:func:`~kg.graph.ntriples.rewrite_statements`).

    ``stem.nq`` is rewritten and sorted again, ``stem.nt`` made anew from it; one shard is in memory
    at a time. Returns the facts dropped as ill-typed, per relation.
    """
    nq, nt = stem.with_suffix(".nq"), stem.with_suffix(".nt")
    quads, dropped = rewrite_statements(read_lines(nq), into)
    quads = list(unique(sorted(quads, key=quad_key)))
    triples = sorted({line.rsplit(" ", 2)[0] + " ." for line in quads})
    atomic_write(nq, lambda tmp: write_lines(tmp, quads))
    atomic_write(nt, lambda tmp: write_lines(tmp, triples))
    return dropped
