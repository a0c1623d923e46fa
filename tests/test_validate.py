"""`kg validate` (SHACL, per-shape report) and `kg build --infer` (owlrl, res:graph/inferred)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from conftest import SEEDS, run_kg
from kg.graph.infer import INFERRED_GRAPH, inferred_triples
from kg.graph.namespace import KG, RES

VIOLATING = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix res: <https://w3id.org/kg-news/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .

# A person with two labels and a negative mention count.
res:person_A a kg:Person ; rdfs:label "A", "Ay" ; kg:mentionCount -1 .
# A person with no label at all.
res:person_B a kg:Person .
# kg:leader_of from a place to a person: wrong subject and wrong object.
res:place_C a kg:City ; rdfs:label "C" .
res:place_C kg:leader_of res:person_B .
# An assertion with an out-of-range confidence and no sentence, article or rule.
res:assertion_x a kg:Assertion ; rdf:subject res:place_C ; rdf:predicate kg:leader_of ; rdf:object res:person_B ;
    kg:confidence 1.5 .
"""


def test_seed_build_conforms(seed_build):
    proc = run_kg("validate", str(seed_build))
    assert proc.stdout.decode().startswith("conforms: ")


def test_violations_are_reported_per_shape(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(VIOLATING)
    proc = run_kg("validate", str(bad), check=False)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert out.startswith("does not conform: ")
    headings = [line for line in out.splitlines() if line and not line.startswith(" ") and line.endswith("violation(s)")]
    assert all(heading.startswith("kgsh:") for heading in headings)
    for shape in ("EntityLabelShape", "EntityMentionCountShape", "LeaderOfShape", "LeaderOfObjectShape",
                  "AssertionConfidenceShape", "AssertionSentenceShape"):
        assert any(shape in heading for heading in headings), (shape, out)
    # Each heading is followed by the shape's message and the offending nodes.
    assert "An entity must have exactly one rdfs:label" in out
    assert "res:person_B" in out and "res:place_C" in out
    assert len(set(headings)) == len(headings) == 8  # one heading per violated shape


def test_validate_errors_are_one_line(tmp_path):
    proc = run_kg("validate", str(tmp_path / "missing.ttl"), check=False)
    assert proc.returncode == 1 and proc.stderr.decode().startswith("error: ")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    proc = run_kg("validate", str(broken), check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.startswith("error: ") and "not valid turtle at line 1" in err
    assert len(err.strip().splitlines()) == 1


# --- kg build --infer ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def inferred_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("infer-build")
    run_kg("build", str(SEEDS), "-o", str(out), "--infer")
    return out


def test_infer_writes_a_separate_named_graph(inferred_build, seed_build):
    dataset = Dataset()
    dataset.parse(inferred_build / "graph.trig", format="trig")
    inferred = dataset.graph(INFERRED_GRAPH)
    vinogradov, ppf = RES["person/Mikhail_Vinogradov"], RES["organization/Petersburg_Politics_Foundation"]
    # kg:heads is a sub-property of kg:works_for; kg:cites is the inverse of kg:cited_by.
    assert (vinogradov, KG.works_for, ppf) in inferred
    assert (RES["organization/24_Channel"], KG.cites, RES["organization/Bloomberg"]) in inferred
    # Only new facts, no provenance, no stated facts repeated.
    assert (vinogradov, KG.heads, ppf) not in inferred
    assert all(str(p).startswith(str(KG._NS)) for _, p, _ in inferred)
    # The rest of the build is unchanged.
    plain = Dataset()
    plain.parse(seed_build / "graph.trig", format="trig")
    assert len(dataset) - len(inferred) == len(plain) or sum(1 for _ in dataset.quads()) - len(inferred) == sum(1 for _ in plain.quads())


def test_inferred_facts_are_queryable_and_valid(inferred_build):
    out = run_kg("query", str(inferred_build), "--format", "csv",
                 f"SELECT ?s ?o WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s kg:works_for ?o }} }}").stdout.decode()
    assert str(RES["person/Mikhail_Vinogradov"]) in out
    assert run_kg("validate", str(inferred_build)).returncode == 0


def test_build_without_infer_has_no_inferred_graph(seed_build):
    dataset = Dataset()
    dataset.parse(seed_build / "graph.trig", format="trig")
    assert len(dataset.graph(INFERRED_GRAPH)) == 0


@pytest.mark.parametrize("stated, expected", [
    ([("a", KG.heads, "b")], {("a", KG.works_for, "b")}),
    ([("a", KG.acquired, "b")], {("a", KG.owns, "b")}),
    ([("a", KG.cited_by, "b")], {("b", KG.cites, "a")}),
    ([("a", KG.at_war_with, "b")], {("b", KG.at_war_with, "a")}),
    ([("a", KG.works_for, "b")], set()),
    ([("a", KG.heads, "b"), ("a", KG.works_for, "b")], set()),
])
def test_inferred_triples(stated, expected):
    from kg.graph.ontology import ontology_graph

    facts = Graph()
    for s, p, o in stated:
        facts.add((RES[s], p, RES[o]))
    got = {(str(s).rsplit("/", 1)[-1], p, str(o).rsplit("/", 1)[-1]) for s, p, o in inferred_triples(facts, ontology_graph())}
    assert got == expected
