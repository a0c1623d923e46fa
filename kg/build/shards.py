"""Facts on disk while a build runs: per-article records, sorted N-Quads shards, k-way merge.

A build never holds the graph in memory. Each analysed article becomes an
:class:`ArticleRecord` (its entities, facts per relation and the sorted N-Triples of its
named graph); records are written in chunks as **shards**, two sorted files each:

- ``NAME.nq``: the chunk's quads, sorted by (graph, statement) -- for ``graph.nq``/TriG;
- ``NAME.nt``: the chunk's statements without graph, sorted and unique -- for the
  merged graph (``graph.ttl``, ``graph.jsonld``, ``graph.html``).

:func:`merge_sorted` then merges any number of shards with :func:`heapq.merge` (at most
:data:`MAX_OPEN` files at a time), so memory stays bounded by one chunk plus one line
per open shard, whatever the corpus size. Sorting everything that is merged is also what
makes the output byte-identical whatever the number of jobs, the engine or the cache
state. Hand-written because the standard library's ``heapq.merge`` does the real work
and no RDF library offers an external sort of N-Quads.
"""

from __future__ import annotations

import heapq
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.model import ArticleResult, Entity
from kg.graph.triples import Triple, article_iri, article_triples

MAX_OPEN = 64
"""Most shard files merged at once; more are merged in rounds through temporary files."""


def nt_term(term: URIRef | Literal) -> str:
    """One RDF term in N-Triples syntax (pyoxigraph does the escaping of literals)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if term.language:
        return str(ox.Literal(str(term), language=term.language))
    if term.datatype is not None:
        return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
    return str(ox.Literal(str(term)))


def nt_line(triple: Triple) -> str:
    s, p, o = triple
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."


@dataclass(frozen=True)
class ArticleRecord:
    """What one article contributes to the graph; what the cache stores and shards hold.

    Attributes:
        key: the article's cache key.
        article_id: the article's id (its named graph is ``article_iri(article_id)``).
        entities: the article's entities (for the corpus-wide :class:`~kg.extract.entities.EntityIndex`).
        relations: facts per relation.
        rules: the extraction rules that produced a fact.
        triples: the article's named graph, sorted unique N-Triples lines.
    """

    key: str
    article_id: str
    entities: tuple[Entity, ...]
    relations: dict[str, int]
    rules: tuple[str, ...]
    triples: tuple[str, ...]

    @property
    def graph(self) -> str:
        return f"<{article_iri(self.article_id)}>"

    def quads(self) -> Iterator[str]:
        graph = self.graph
        for line in self.triples:
            yield f"{line[:-1]}{graph} ."

    def to_json(self) -> dict:
        return {
            "id": self.article_id,
            "entities": [[e.kind, e.name, e.cls, sorted(e.aliases), e.mentions] for e in self.entities],
            "relations": self.relations,
            "rules": list(self.rules),
            "triples": list(self.triples),
        }

    @classmethod
    def from_json(cls, key: str, data: dict) -> ArticleRecord:
        entities = tuple(Entity(k, n, c, frozenset(a), m) for k, n, c, a, m in data["entities"])
        return cls(key, data["id"], entities, dict(data["relations"]), tuple(data["rules"]), tuple(data["triples"]))

    def without_triples(self) -> ArticleRecord:
        """The small part a worker sends back (the triples are already in its shard)."""
        return ArticleRecord(self.key, self.article_id, self.entities, self.relations, self.rules, ())


def record_of(key: str, result: ArticleResult) -> ArticleRecord:
    """Turn one article's result into its record (the RDF of its named graph included)."""
    relations: dict[str, int] = {}
    for fact in result.facts:
        relations[fact.relation] = relations.get(fact.relation, 0) + 1
    rules = sorted({fact.evidence.rule for fact in result.facts})
    triples = sorted({nt_line(t) for t in article_triples(result)})
    return ArticleRecord(key, result.article.id, result.entities, dict(sorted(relations.items())), tuple(rules), tuple(triples))


def _graph_of(quad_line: str) -> str:
    return quad_line.rsplit(" ", 2)[1]


def quad_key(line: str) -> tuple[str, str]:
    """Sort key of an N-Quads line: graph first, so each named graph is one run."""
    return _graph_of(line), line


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")


def write_shard(records: Iterable[ArticleRecord], stem: Path) -> tuple[Path, Path]:
    """Write ``stem.nq`` and ``stem.nt`` for a chunk of records; returns both paths.

    Both files appear at once, complete (written under temporary names, then renamed).
    """
    records = sorted(records, key=lambda r: r.graph)
    stem.parent.mkdir(parents=True, exist_ok=True)
    nq, nt = stem.with_suffix(".nq"), stem.with_suffix(".nt")
    tmp_nq, tmp_nt = nq.with_name(f".{nq.name}.tmp"), nt.with_name(f".{nt.name}.tmp")
    _write_lines(tmp_nq, (quad for record in records for quad in record.quads()))
    _write_lines(tmp_nt, sorted({line for record in records for line in record.triples}))
    os.replace(tmp_nq, nq)
    os.replace(tmp_nt, nt)
    return nq, nt


def _read_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield line.rstrip("\n")


def unique(lines: Iterable[str]) -> Iterator[str]:
    """Drop consecutive repeats (the input is sorted, so all repeats)."""
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def merge_sorted(
    paths: list[Path],
    out: Path,
    *,
    key: Callable[[str], object] | None = None,
    dedupe: bool = False,
    head: Iterable[str] = (),
) -> Path:
    """Merge sorted line files into ``out`` (sorted the same way, optionally unique).

    ``head`` lines are written first, as given. At most :data:`MAX_OPEN` files are open
    at once: larger sets are merged in rounds through temporary files.
    """
    paths = list(paths)
    with tempfile.TemporaryDirectory(prefix=".merge-", dir=out.parent) as tmp:
        round_number = 0
        while len(paths) > MAX_OPEN:
            merged = []
            for i in range(0, len(paths), MAX_OPEN):
                target = Path(tmp) / f"r{round_number}-{i}.txt"
                _merge_files(paths[i : i + MAX_OPEN], target, key, dedupe)
                merged.append(target)
            paths, round_number = merged, round_number + 1
        _merge_files(paths, out, key, dedupe, head)
    return out


def _merge_files(paths: list[Path], out: Path, key, dedupe: bool, head: Iterable[str] = ()) -> None:
    with ExitStack() as stack:
        streams = [stack.enter_context(open(p, encoding="utf-8", newline="\n")) for p in paths]
        lines = heapq.merge(*((line.rstrip("\n") for line in s) for s in streams), key=key)
        _write_lines(out, itertools.chain(head, unique(lines) if dedupe else lines))


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a shard or merged file, without newlines."""
    return _read_lines(path)


def fresh_dir(path: Path) -> Path:
    """An empty directory at ``path`` (whatever a killed build left there is removed)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
