"""The corpus overview (kg/output/overview.py), ambiguous names, and `kg viz --overview`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from conftest import run_kg
from corpus_shape import corpus_graph
from kg.output.views import AmbiguousEntity, SelectionError, find_entities, find_entity, select_view
from kg.output.html import page_data, render_html, vis_data
from kg.output.overview import MAX_CLUSTERS, OVERVIEW_MIN_NODES, TOP_ENTITIES, entity_graph, overview

BUSH = "https://w3id.org/kg-news/resource/person/Bush"
GEORGE_W_BUSH = "https://w3id.org/kg-news/resource/person/George_W_Bush"
GEORGE_BUSH = "https://w3id.org/kg-news/resource/person/George_Bush"


@cache
def small_corpus() -> nx.MultiDiGraph:
    return corpus_graph(300)


def test_every_entity_with_a_fact_is_in_a_cluster_and_nothing_else_is():
    graph = small_corpus()
    plan = overview(graph)
    with_facts = {n for edge in graph.edges() for n in edge}
    assert set(plan.cluster_of) == with_facts
    ids = {c.id for c in plan.clusters}
    assert set(plan.cluster_of.values()) == ids and len(ids) <= MAX_CLUSTERS + 1
    assert set(plan.positions) == with_facts  # every node that may be drawn has its place


def test_top_entities_are_the_most_connected_and_never_articles():
    graph = small_corpus()
    plan = overview(graph)
    simple = entity_graph(graph)
    assert len(plan.top) == TOP_ENTITIES
    degrees = [simple.degree(n, weight="weight") for n in plan.top]
    assert degrees == sorted(degrees, reverse=True)
    assert min(degrees) >= max(simple.degree(n, weight="weight") for n in simple if n not in plan.top)
    assert all(graph.nodes[n]["cls"] != "NewsArticle" for n in plan.top)


def test_clusters_are_named_after_their_most_central_members():
    graph = small_corpus()
    plan = overview(graph)
    simple = entity_graph(graph)
    on_own = set(plan.top)
    for cluster in plan.clusters:
        if cluster.id == "cluster:small":
            assert re.fullmatch(r"\d+ entities in \d+ small groups", cluster.label)
            continue
        members = [n for n, c in plan.cluster_of.items() if c == cluster.id and n not in on_own
                   and graph.nodes[n]["cls"] != "NewsArticle"]
        best = max(simple.degree(n, weight="weight") for n in members)
        first = next(n for n in members if graph.nodes[n]["label"].startswith(cluster.names[0].rstrip("…")))
        assert simple.degree(first, weight="weight") == best
        assert cluster.size == len(members) and cluster.label.startswith(cluster.names[0])


def test_same_graph_same_overview():
    a, b = overview(small_corpus()), overview(corpus_graph(300))
    assert a.top == b.top and a.cluster_of == b.cluster_of and a.positions == b.positions
    assert [(c.id, c.label, c.x, c.y) for c in a.clusters] == [(c.id, c.label, c.x, c.y) for c in b.clusters]


def test_overview_units_do_not_overlap_at_the_opening_zoom():
    """The layout leaves room for each top entity's label (the page then hides any label that still meets another)."""
    plan = overview(small_corpus())
    units = [(c.x, c.y) for c in plan.clusters] + [plan.positions[n] for n in plan.top]
    assert len(set(units)) == len(units)


def test_large_graphs_open_on_the_overview_and_small_ones_whole():
    big = small_corpus()
    assert big.number_of_nodes() > OVERVIEW_MIN_NODES
    data = page_data(render_html(big))
    assert len(data["overview"]["clusters"]) >= 10 and len(data["nodes"]) == big.number_of_nodes()
    assert sum(1 for n in data["nodes"] if "top" in n) == TOP_ENTITIES
    small = select_view(big, focus="George W Bush")
    assert page_data(render_html(small))["overview"] is None
    assert page_data(render_html(small, overview_mode=True))["overview"] is not None


def test_the_overview_page_reads_back_whole_and_keeps_sentences_out_of_its_first_block():
    """kg.output.html.pack: the page opens on nodes and facts; sentences, articles and quotes wait in their blocks."""
    big = small_corpus()
    plan = overview(big)
    html = render_html(big)
    data = page_data(html)
    nodes, edges = vis_data(big, plan)
    # Every fact with every sentence, unchanged (the synthetic evidence leaves out what kg's always has: no date...).
    full = [{**e, "evidence": [{"date": None, "status": None, "quote": False, **ev} for ev in e["evidence"]]} for e in edges]
    assert data["nodes"] == nodes and data["edges"] == full
    first = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1)
    sentences = {ev["sentence"] for e in edges for ev in e["evidence"]}
    assert not any(sentence in first for sentence in sentences)
    # Chunk 0 holds the facts among the top entities (drawn as the page opens), chunk i + 1 those of cluster i.
    top = set(plan.top)
    chunks = re.findall(r'<script type="application/json" id="kg-evidence-(\d+)">', html)
    assert chunks == [str(i) for i in range(len(plan.clusters) + 1)]
    packed = json.loads(first)
    for row, edge in zip(packed["edges"], edges):
        chunk = row[5]
        if edge["from"] in top and edge["to"] in top:
            assert chunk == 0
        else:
            assert plan.clusters[chunk - 1].id in {plan.cluster_of.get(edge["from"]), plan.cluster_of.get(edge["to"])}


RENDER_DIGEST = """
import hashlib, sys
sys.path.insert(0, "tests")
from corpus_shape import corpus_graph
from kg.output.html import render_html
graph = corpus_graph(300)
for i in range(2 * graph.number_of_nodes()):  # names without facts: the entities with facts are under half the nodes
    graph.add_node(f"https://w3id.org/kg-news/resource/person/Lone_{i}", label=f"Lone {i}", cls="Person", aliases=[], mentions=1)
print(hashlib.sha256(render_html(graph).encode()).hexdigest())
import networkx as nx
from kg.output.layout import layout
part = nx.MultiDiGraph()  # a part of 280 nodes whose core (the ring of 40 entities) is under half of it
hubs = [f"hub{i:02d}" for i in range(40)]
part.add_edges_from(zip(hubs, hubs[1:] + hubs[:1]))
part.add_edges_from((hub, f"{hub}-article{j}") for hub in hubs for j in range(6))
print(hashlib.sha256(repr(sorted(layout(part, quick=True).items())).encode()).hexdigest())
"""


def test_the_overview_page_is_the_same_whatever_the_string_hash_seed():
    """Byte-identical reruns: a networkx view of few nodes iterates a set, whose order changes with PYTHONHASHSEED
    (the peeled layout's core, and Louvain's input on the 3,000-article allsides build)."""
    repo = Path(__file__).resolve().parents[1]
    digests = {
        subprocess.run([sys.executable, "-c", RENDER_DIGEST], cwd=repo, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(repo)}).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_a_shared_name_is_never_picked_silently():
    graph = small_corpus()
    assert find_entities(graph, "bush") == [BUSH, GEORGE_W_BUSH, GEORGE_BUSH]  # label, alias, then inside a name
    with pytest.raises(AmbiguousEntity) as err:
        find_entity(graph, "Bush")
    assert err.value.candidates == [BUSH, GEORGE_W_BUSH, GEORGE_BUSH]
    assert str(err.value).startswith("'Bush' names 3 entities: Bush (Person, 14 mentions, " + BUSH + "); George W Bush")
    assert find_entity(graph, "George W Bush") == GEORGE_W_BUSH
    assert find_entity(graph, GEORGE_BUSH) == GEORGE_BUSH  # an IRI is never ambiguous
    with pytest.raises(AmbiguousEntity):
        select_view(graph, focus="bush")


def test_a_name_inside_one_other_name_is_found():
    graph = small_corpus()
    label = next(d["label"] for _, d in graph.nodes(data=True) if d["cls"] == "Company")
    assert find_entity(graph, label.upper()) == find_entities(graph, label)[0]
    with pytest.raises(SelectionError, match="no entity named"):
        find_entity(graph, "Nobody Atall Zzz")


def test_viz_overview_flag_on_a_small_graph(seed_build, tmp_path):
    out = tmp_path / "overview.html"
    run_kg("viz", str(seed_build), "--overview", "-o", str(out), "--png", str(tmp_path / "overview.png"))
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["overview"]["clusters"] and (tmp_path / "overview.png").stat().st_size > 10_000
    whole = tmp_path / "whole.html"
    run_kg("viz", str(seed_build), "-o", str(whole))
    assert page_data(whole.read_text(encoding="utf-8"))["overview"] is None


def test_cited_by_and_articles_join_their_partners_cluster():
    graph = small_corpus()
    plan = overview(graph)
    articles = [n for n, d in graph.nodes(data=True) if d["cls"] == "NewsArticle" and graph.degree(n)]
    assert articles and all(a in plan.cluster_of for a in articles)
    votes = Counter(plan.cluster_of[a] for a in articles)
    assert len(votes) > 1  # spread over clusters, not one bucket
