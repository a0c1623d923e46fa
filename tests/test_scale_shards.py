"""Shards: records round-trip through the cache format; the k-way merge sorts, dedupes, and merges in rounds."""

from __future__ import annotations

import random

import pytest

from kg.output import files
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.build.shards import ArticleRecord, record_of, write_shard
from kg.graph.ntriples import quad_key
from kg.output.files import merge_sorted


def _result(article_id: str) -> ArticleResult:
    putin = Entity("person", "Vladimir Putin", "Person", frozenset({"Putin", "Vladimir Putin"}), 3)
    russia = Entity("place", "Russia", "Country", frozenset({"Russia"}), 2)
    evidence = Evidence(article_id, 'Putin said "no".\nThen left.', 0, 27, "title_modifier.v1", 0.9)
    article = Article(id=article_id, text='Putin said "no".\nThen left.', title="A title", author="Anna Smith")
    return ArticleResult(article, (putin, russia), (Fact(putin.ref, "leader_of", russia.ref, evidence),))


def test_record_round_trips_through_json():
    record = record_of("k1", _result("a1"))
    again = ArticleRecord.from_json("k1", record.to_json())
    assert again == record
    assert record.relations == {"leader_of": 1} and record.rules == ("title_modifier.v1",)
    assert list(record.triples) == sorted(set(record.triples))
    assert all(line.endswith(" .") and "\n" not in line for line in record.triples)  # one statement per line


def test_record_triples_are_valid_ntriples():
    import pyoxigraph as ox

    record = record_of("k1", _result("a1"))
    parsed = list(ox.parse("\n".join(record.quads()).encode(), format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(record.triples)
    assert {q.graph_name.value for q in parsed} == {"https://w3id.org/kg-news/resource/article/a1"}
    assert any(isinstance(q.object, ox.Literal) and q.object.value == 'Putin said "no".\nThen left.' for q in parsed)


def test_shards_merge_into_one_sorted_graph_ordered_file(tmp_path):
    stems = [tmp_path / f"s{i}" for i in range(3)]
    for i, stem in enumerate(stems):
        write_shard([record_of(f"k{j}", _result(f"a{j}")) for j in range(i, 9, 3)], stem)
    out = merge_sorted([s.with_suffix(".nq") for s in stems], tmp_path / "all.nq", key=quad_key)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines, key=quad_key)
    triples = merge_sorted([s.with_suffix(".nt") for s in stems], tmp_path / "all.nt", dedupe=True)
    statements = triples.read_text(encoding="utf-8").splitlines()
    assert statements == sorted(set(statements))
    assert len(statements) < len(lines)  # the fact and entity links repeat across articles


@pytest.mark.parametrize("max_open", [2, 3, 64])
def test_merge_in_rounds_when_there_are_more_files_than_may_be_open(tmp_path, monkeypatch, max_open):
    monkeypatch.setattr(files, "MAX_OPEN", max_open)
    rng = random.Random(7)
    words = [f"w{rng.randrange(200):03d}" for _ in range(500)]
    paths = []
    for i in range(10):
        path = tmp_path / f"in{i}.txt"
        path.write_text("".join(w + "\n" for w in sorted(words[i::10])), encoding="utf-8")
        paths.append(path)
    out = merge_sorted(paths, tmp_path / "out.txt", dedupe=True, head=["HEAD"])
    assert out.read_text(encoding="utf-8").splitlines() == ["HEAD", *sorted(set(words))]
    assert not list(tmp_path.glob(".merge-*"))  # the rounds' temporary files are gone
