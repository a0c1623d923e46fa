"""`kg query` on the seed build: formats, errors, both engines, and the ready-made questions."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ROOT, run_kg
from kg.graph.namespace import KG, RES

QUERIES = ROOT / "ontology" / "queries"
LEADERS = "SELECT ?p ?c WHERE { ?p kg:leader_of ?c } ORDER BY ?p"
ENGINES = ["rdflib", "oxigraph"]


def kg_query(graph: Path, *args: str, check: bool = True):
    return run_kg("query", str(graph), *args, check=check)


def rows(graph: Path, *args: str) -> list[dict]:
    out = kg_query(graph, *args, "--format", "csv").stdout.decode("utf-8")
    return list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize("engine", ENGINES)
def test_select_table(seed_build, engine):
    out = kg_query(seed_build, LEADERS, "--engine", engine).stdout.decode()
    lines = out.splitlines()
    assert lines[0].split() == ["p", "c"]
    assert "person:Vladimir_Putin  place:Russia" in out
    assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("engine", ENGINES)
def test_select_json_is_w3c_results(seed_build, engine):
    data = json.loads(kg_query(seed_build, LEADERS, "--format", "json", "--engine", engine).stdout)
    assert data["head"]["vars"] == ["p", "c"]
    binding = {"p": {"type": "uri", "value": str(RES["person/Vladimir_Putin"])},
               "c": {"type": "uri", "value": str(RES["place/Russia"])}}
    assert binding in data["results"]["bindings"]


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_select_csv_tsv(seed_build, fmt, sep):
    out = kg_query(seed_build, LEADERS, "--format", fmt).stdout.decode()
    lines = out.splitlines()
    assert lines[0] == f"p{sep}c"
    assert f"{RES['person/Vladimir_Putin']}{sep}{RES['place/Russia']}" in lines


@pytest.mark.parametrize("engine", ENGINES)
def test_ask(seed_build, engine):
    assert kg_query(seed_build, f"ASK {{ ?p kg:leader_of <{RES['place/Russia']}> }}", "--engine", engine).stdout == b"yes\n"
    assert kg_query(seed_build, "ASK { ?p kg:killed ?q }", "--engine", engine).stdout == b"no\n"
    data = json.loads(kg_query(seed_build, "ASK { ?p kg:heads ?o }", "--format", "json", "--engine", engine).stdout)
    assert data["boolean"] is True


@pytest.mark.parametrize("engine", ENGINES)
def test_construct_and_describe_give_turtle(seed_build, engine):
    out = kg_query(seed_build, "CONSTRUCT WHERE { ?p kg:leader_of ?c }", "--format", "turtle", "--engine", engine).stdout
    graph = Graph().parse(data=out, format="turtle")
    assert (RES["person/Vladimir_Putin"], KG.leader_of, RES["place/Russia"]) in graph
    assert len(graph) == 2
    out = kg_query(seed_build, f"DESCRIBE <{RES['person/Vladimir_Putin']}>", "--engine", engine).stdout
    graph = Graph().parse(data=out, format="turtle")
    assert (RES["person/Vladimir_Putin"], KG.leader_of, RES["place/Russia"]) in graph


def test_query_from_file_and_rdf_file(seed_build, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text(LEADERS)
    for graph in (seed_build, seed_build / "graph.ttl", seed_build / "graph.jsonld"):
        assert {r["c"] for r in rows(graph, "--file", str(query))} == {str(RES["place/Russia"]), str(RES["place/United_States"])}


def test_named_graph_query(seed_build):
    found = rows(seed_build, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?p kg:leader_of <{RES['place/Russia']}> }} }}")
    assert found == [{"g": str(RES["article/000_bedcb93597ba2cf9"])}]


@pytest.mark.parametrize("engine", ENGINES)
def test_syntax_error_names_line_and_column(seed_build, engine):
    proc = kg_query(seed_build, "SELECT ?p\nWHERE { ?p kg:leader_of ", "--engine", engine, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert err.startswith("error: SPARQL syntax error at line 2, column")
    assert "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["SELECT * { ?s ?p ?o }", "--format", "turtle"], "for CONSTRUCT and DESCRIBE"),
    (["SELECT * { ?s nope:x ?o }"], "nope"),
    ([], "give the query"),
])
def test_errors_are_one_line(seed_build, args, message):
    proc = kg_query(seed_build, *args, check=False)
    assert proc.returncode != 0
    assert message in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_missing_graph(tmp_path):
    proc = run_kg("query", str(tmp_path / "missing"), "ASK {}", check=False)
    assert proc.returncode == 1 and "no such file or directory" in proc.stderr.decode()


def test_auto_engine_switches_on_size(seed_build, monkeypatch):
    import kg.use.query

    assert kg.use.query.choose_engine(seed_build) == "rdflib"
    monkeypatch.setattr(kg.use.query, "OXIGRAPH_ABOVE_TRIPLES", 100)
    assert kg.use.query.choose_engine(seed_build) == "oxigraph"
    assert kg.use.query.run_query(seed_build, "ASK { ?p kg:leader_of ?c }") == "yes\n"


DUPLICATED = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
<urn:g1> { <urn:putin> kg:leader_of <urn:russia> . }
<urn:g2> { <urn:putin> kg:leader_of <urn:russia> . }
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_default_graph_is_the_merge(tmp_path, engine):
    """A fact stated in two articles is one triple of the default graph, in both engines."""
    from kg.use.query import run_query

    path = tmp_path / "two.trig"
    path.write_text(DUPLICATED)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:leader_of ?o }"
    assert run_query(path, count, "csv", engine=engine) == "n\n1\n"
    graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s kg:leader_of ?o } }"
    assert run_query(path, graphs, "csv", engine=engine) == "n\n2\n"


# --- the ready-made questions in ontology/queries ---------------------------------------------

def test_every_ready_made_query_has_a_comment_and_ships_with_the_package():
    shipped = {p.name for p in resources.files("kg.ontology").joinpath("queries").iterdir() if p.name.endswith(".rq")}
    files = sorted(QUERIES.glob("*.rq"))
    assert {p.name for p in files} == shipped and len(files) >= 7
    for path in files:
        assert path.read_text().startswith("# "), path.name


@pytest.fixture(scope="module", params=ENGINES)
def ask(request, seed_build):
    """Run a ready-made query: through the CLI with rdflib, through the library with pyoxigraph (faster)."""
    from kg.use.query import run_query

    def run(name: str) -> list[dict]:
        if request.param == "rdflib":
            return rows(seed_build, "--file", str(QUERIES / name), "--engine", "rdflib")
        text = run_query(seed_build, (QUERIES / name).read_text(), "csv", engine="oxigraph")
        return list(csv.DictReader(io.StringIO(text)))

    return run


def test_leaders(ask):
    found = {(r["leaderName"], r["placeName"]) for r in ask("leaders.rq")}
    assert found == {("Vladimir Putin", "Russia"), ("Donald Trump", "United States")}


def test_employment(ask):
    found = {(r["personName"], r["role"], r["organizationName"]) for r in ask("employment.rq")}
    assert ("Mikhail Vinogradov", "heads", "Petersburg Politics Foundation") in found
    assert ("Nikolai Petrov", "works_for", "Chatham House") in found


def test_evidence(ask, seed_build):
    found = ask("evidence.rq")
    assert len(found) == json.loads((seed_build / "report.json").read_text())["facts"]
    (putin,) = [r for r in found if r["subjectName"] == "Vladimir Putin"]
    assert putin["relation"] == "leader_of" and putin["objectName"] == "Russia"
    assert "dictator Vladimir Putin" in putin["sentence"]
    assert putin["article"] == str(RES["article/000_bedcb93597ba2cf9"]) and putin["headline"]


def test_outlet_sources(ask):
    found = {(r["outletName"], r["sourceName"]) for r in ask("outlet-sources.rq")}
    assert ("24 Channel", "Bloomberg") in found


def test_organizations_by_city(ask):
    (london,) = ask("organizations-by-city.rq")
    assert london["cityName"] == "London" and london["organizations"] == "2"
    assert set(london["names"].split("; ")) == {"Chatham House", "Prisma"}


def test_most_mentioned(ask):
    found = ask("most-mentioned.rq")
    assert found[0]["name"] == "Russia" and found[0]["class"] == "Country"
    assert len(found) == 20


def test_low_confidence(ask):
    found = ask("low-confidence.rq")
    assert found and all(float(r["confidence"]) < 0.7 for r in found)
    assert ("Vladimir Putin", "leader_of", "Russia") in {(r["subjectName"], r["relation"], r["objectName"]) for r in found}


def test_quotes_by_speaker(ask):
    found = ask("quotes-by-speaker.rq")
    petrov = {r["text"] for r in found if r["speakerName"] == "Nikolai Petrov"}
    assert {"regional problem, not a national one,", "have no hurry."} <= petrov
    assert all(r["kind"] in {"direct", "indirect", "according_to"} and r["article"] for r in found)


def test_quotes_about(ask):
    found = {(r["speakerName"], r["aboutName"]) for r in ask("quotes-about.rq")}
    assert ("Nikolai Petrov", "Kremlin") in found


def test_sources_of_outlet(ask):
    found = {(r["outletName"], r["speakerName"]): int(r["quotes"]) for r in ask("sources-of-outlet.rq")}
    for speaker in ("Mikhail Vinogradov", "Nikolai Petrov", "Bota Ilijas"):
        assert found[("Bloomberg", speaker)] >= 1, speaker
