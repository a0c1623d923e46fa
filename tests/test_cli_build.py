"""`kg build / validate / query` on real files, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import Dataset, Graph

from conftest import SEEDS, run_kg

OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json")
DESIGN_CARD = {
    ("Vladimir Putin", "leader_of", "Russia"),
    ("Bloomberg", "cited_by", "24 Channel"),
    ("Mikhail Vinogradov", "heads", "Petersburg Politics Foundation"),
}


def test_seed_build_writes_every_output(seed_build):
    for name in OUTPUTS:
        assert (seed_build / name).stat().st_size > 0, name
    assert not list(seed_build.glob(".*.tmp")), "temporary files left behind"


def test_every_rdf_output_round_trips_with_the_same_triples(seed_build):
    turtle = Graph().parse(seed_build / "graph.ttl", format="turtle")
    jsonld = Graph().parse(seed_build / "graph.jsonld", format="json-ld")
    trig = Dataset()
    trig.parse(seed_build / "graph.trig", format="trig")
    trig_triples = {(s, p, o) for s, p, o, _ in trig.quads((None, None, None, None))}
    assert len(turtle) > 100
    assert len(jsonld) == len(turtle) == len(trig_triples)
    assert set(turtle) == trig_triples


def test_trig_has_one_named_graph_per_article_with_its_identifier(seed_build):
    trig = Dataset()
    trig.parse(seed_build / "graph.trig", format="trig")
    named = [g for g in trig.graphs() if g.identifier != trig.default_graph.identifier and len(g)]
    assert len(named) == 1
    (graph,) = named
    ids = list(graph.query("SELECT ?id WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?id }",
                           initNs={"schema": "https://schema.org/", "dcterms": "http://purl.org/dc/terms/"}))
    assert [str(row[0]) for row in ids] == ["000_bedcb93597ba2cf9"]


def test_seed_build_passes_validation(seed_build):
    proc = run_kg("validate", str(seed_build))
    assert proc.stdout.decode().startswith("conforms")


def query_rows(graph_dir, sparql: str) -> list[dict]:
    proc = run_kg("query", str(graph_dir), sparql, "--format", "csv")
    return list(csv.DictReader(io.StringIO(proc.stdout.decode())))


def test_query_returns_the_design_card_facts(seed_build):
    rows = query_rows(
        seed_build,
        """SELECT ?s ?p ?o WHERE {
             ?a a kg:Assertion ; rdf:subject ?si ; rdf:predicate ?pi ; rdf:object ?oi .
             ?si rdfs:label ?s . ?oi rdfs:label ?o .
             BIND(STRAFTER(STR(?pi), "#") AS ?p) }""",
    )
    found = {(r["s"], r["p"], r["o"]) for r in rows}
    assert DESIGN_CARD <= found


def test_direct_triples_query_just_works(seed_build):
    rows = query_rows(seed_build, "SELECT ?p ?c WHERE { ?p kg:leader_of ?c }")
    assert {"p": "https://w3id.org/kg-news/resource/person/Vladimir_Putin",
            "c": "https://w3id.org/kg-news/resource/place/Russia"} in rows


def test_every_fact_has_its_sentence(seed_build):
    rows = query_rows(
        seed_build,
        """SELECT ?sentence ?start ?end WHERE {
             ?a a kg:Assertion ; rdf:predicate kg:heads ; kg:sentence ?sentence ; kg:charStart ?start ; kg:charEnd ?end }""",
    )
    assert rows and rows[0]["sentence"].startswith("The head of the Petersburg Politics Foundation, Mikhail Vinogradov")


def test_evidence_offsets_point_at_the_sentence_in_the_article_text(seed_build):
    from kg.read.files import read_articles

    (article,) = read_articles([SEEDS])
    rows = query_rows(seed_build, "SELECT ?s ?b ?e WHERE { ?a kg:sentence ?s ; kg:charStart ?b ; kg:charEnd ?e }")
    assert rows
    for row in rows:
        assert article.text[int(row["b"]) : int(row["e"])] == row["s"]


def test_headline_byline_and_chrome_are_not_facts(seed_build):
    rows = query_rows(seed_build, "SELECT ?t ?author WHERE { ?a schema:headline ?t ; schema:author/rdfs:label ?author }")
    assert rows == [{"t": "Bloomberg named what brings Russia closer to peace talks", "author": "Margarita Voloshina"}]
    sentences = query_rows(seed_build, "SELECT ?s WHERE { ?a kg:sentence ?s }")
    assert not any("previous post" in r["s"] or "What is prompting" in r["s"] for r in sentences)


def test_build_is_deterministic(tmp_path, seed_build):
    again = tmp_path / "again"
    proc = run_kg("build", str(SEEDS), "-o", str(again))
    assert proc.returncode == 0
    for name in OUTPUTS[:4]:
        assert (again / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_html_is_offline(seed_build):
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?://", html, re.IGNORECASE)
    assert "vis.Network" in html and "Vladimir Putin" in html


def test_report_counts_what_was_built(seed_build):
    report = json.loads((seed_build / "report.json").read_text())
    assert report["articles"] == 1 and report["skipped"] == []
    assert report["facts"] == sum(report["facts_per_relation"].values()) > 3


@pytest.mark.parametrize("command", ["build", "validate", "query", "viz"])
def test_every_command_has_help_with_an_example(command):
    out = run_kg(command, "--help").stdout.decode()
    assert "Example" in out and f"kg {command}" in out


def test_unknown_model_is_a_clean_error(tmp_path):
    proc = run_kg("build", str(SEEDS), "-o", str(tmp_path / "o"), "--model", "no_such_model", check=False)
    assert proc.returncode == 1
    assert "no_such_model" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert not (tmp_path / "o" / "graph.ttl").exists()


def test_query_syntax_error_names_line_and_column(seed_build):
    proc = run_kg("query", str(seed_build), "SELECT ?x WHERE {\n  ?x kg:heads }", check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "line 2" in err and "column" in err and "Traceback" not in err


def test_query_missing_graph_is_a_clean_error(tmp_path):
    proc = run_kg("query", str(tmp_path), "SELECT * WHERE { ?s ?p ?o }", check=False)
    assert proc.returncode == 1 and "kg build" in proc.stderr.decode()


def test_validate_reports_violations_per_shape(seed_build, tmp_path):
    text = (seed_build / "graph.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text(re.sub(r"kg:confidence [0-9.]+", "kg:confidence 1.5", text, count=1), encoding="utf-8")
    proc = run_kg("validate", str(broken), check=False)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "does not conform" in out and "confidence" in out


def test_stdin_article(tmp_path):
    text = b"The head of the Carnegie Moscow Center, Dmitri Trenin, said the talks had stalled."
    out = tmp_path / "o"
    run_kg("build", "-", "-o", str(out), input=text)
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "person:Dmitri_Trenin" in turtle and "kg:heads" in turtle


def test_build_merges_one_person_across_articles(tmp_path):
    """Two articles name one president differently; the corpus has no other Bush, so one node."""
    articles = tmp_path / "articles.jsonl"
    records = [
        {"id": "a1", "text": "President George W. Bush met Tony Blair in London on Monday."},
        {"id": "a2", "text": "Bush told reporters in Texas that the talks had gone well."},
    ]
    articles.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    run_kg("build", str(articles), "-o", str(out), "--no-cache")
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    rows = graph.query(
        """PREFIX schema: <https://schema.org/>
           SELECT ?label (GROUP_CONCAT(?alt; separator="|") AS ?alts) (COUNT(DISTINCT ?article) AS ?articles)
           WHERE { ?article schema:mentions ?p . ?p a kg:Person ; rdfs:label ?label .
                   OPTIONAL { ?p skos:altLabel ?alt } FILTER(CONTAINS(?label, "Bush")) } GROUP BY ?label"""
    )
    found = [(str(label), set(str(alts).split("|")), int(n)) for label, alts, n in rows]
    assert len(found) == 1 and found[0][0] == "George W. Bush" and "Bush" in found[0][1] and found[0][2] == 2


def _people(out) -> dict[str, set[str]]:
    """Label -> altLabels of every person node in a build's graph.ttl."""
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    rows = graph.query("SELECT ?label ?alt WHERE { ?p a kg:Person ; rdfs:label ?label . OPTIONAL { ?p skos:altLabel ?alt } }")
    people: dict[str, set[str]] = {}
    for label, alt in rows:
        people.setdefault(str(label), set()).update({str(alt)} if alt is not None else set())
    return people


def test_build_resolves_people_across_articles_deterministically(tmp_path):
    """"Obama" in one article and "Barack Obama" in another are one node; two different Bushes stay
    apart (and the bare "Bush" joins neither); a rebuild is byte-identical and the graph validates."""
    articles = tmp_path / "articles.jsonl"
    records = [
        {"id": "o1", "text": "President Barack Obama visited Chicago on Friday with his wife."},
        {"id": "o2", "text": "Obama told reporters in Washington that the bill would pass."},
        {"id": "b1", "text": "Former President George H.W. Bush died in Houston on Friday."},
        {"id": "b2", "text": "President George W. Bush met Tony Blair in London on Monday."},
        {"id": "b3", "text": "Bush said the economy was strong."},
    ]
    articles.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out, again = tmp_path / "out", tmp_path / "again"
    run_kg("build", str(articles), "-o", str(out), "--no-cache")
    people = _people(out)
    assert "Obama" in people["Barack Obama"] and "Obama" not in people
    assert {"George H.W. Bush", "George W. Bush", "Bush"} <= set(people)
    run_kg("build", str(articles), "-o", str(again), "--no-cache", "--jobs", "2")
    for name in OUTPUTS[:4]:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    assert run_kg("validate", str(out)).returncode == 0


def test_no_quotes_build_writes_no_quote_and_keeps_the_rules_sources(seed_build, tmp_path):
    """``kg build --no-quotes``: no kg:Quote nodes and no quote-derived source facts; the rest of the graph stays."""
    KG = "https://w3id.org/kg-news/ontology#"
    out = tmp_path / "out"
    run_kg("build", str(SEEDS), "-o", str(out), "--no-quotes")
    without, with_quotes = Graph().parse(out / "graph.ttl"), Graph().parse(seed_build / "graph.ttl")
    quote = f"{KG}Quote"
    assert any(str(o) == quote for o in with_quotes.objects())
    assert not any(str(o) == quote for o in without.objects())
    leaders = "SELECT ?s ?o WHERE { ?s <%sleader_of> ?o }" % KG
    assert set(without.query(leaders)) == set(with_quotes.query(leaders)) and set(without.query(leaders))
    assert len(without) < len(with_quotes)
