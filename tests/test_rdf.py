"""IRIs, triples and writers: round trips compared as graphs, not text."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.graph.index import EntityIndex
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.graph.triples import entity_iri, slug
from oracle import to_dataset, union_graph, write_jsonld, write_trig, write_turtle
from kg.output.files import atomic_write


@pytest.mark.parametrize(
    "name",
    ['Jean "JL" Dupont', "<script>alert(1)</script>", "Zoë Łukasz", "line\nbreak", "Москва", "", "a/b?c#d"],
)
def test_slug_is_iri_safe_and_unique(name):
    segment = slug(name)
    assert segment and all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in segment)
    assert slug(name + "x") != segment


def test_slug_keeps_plain_names_readable():
    assert slug("Vladimir Putin") == "Vladimir_Putin"
    assert str(entity_iri(("person", "Vladimir Putin"))).endswith("/person/Vladimir_Putin")


def sample_dataset() -> Dataset:
    putin = Entity("person", "Vladimir Putin", "Person", frozenset({"Vladimir Putin", "Putin"}), 2)
    russia = Entity("place", "Russia", "Country", frozenset({"Russia", "Russian"}), 3)
    evidence = Evidence("a1", "Russian President Vladimir Putin spoke.", 0, 39, "title_modifier.v1", 0.9)
    fact = Fact(putin.ref, "leader_of", russia.ref, evidence)
    result = ArticleResult(Article("a1", "Russian President Vladimir Putin spoke.", title="T"), (putin, russia), (fact,))
    index = EntityIndex()
    index.add(result.entities)
    return to_dataset([result], index)


def test_writers_round_trip(tmp_path):
    dataset = sample_dataset()
    merged = union_graph(dataset)
    write_turtle(merged, tmp_path / "g.ttl")
    write_jsonld(merged, tmp_path / "g.jsonld")
    write_trig(dataset, tmp_path / "g.trig")
    assert isomorphic(Graph().parse(tmp_path / "g.ttl"), merged)
    assert isomorphic(Graph().parse(tmp_path / "g.jsonld", format="json-ld"), merged)
    back = Dataset()
    back.parse(tmp_path / "g.trig", format="trig")
    assert len(list(back.quads((None, None, None, None)))) == len(list(dataset.quads((None, None, None, None))))


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")

    def explode(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, explode)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
