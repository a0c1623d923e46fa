"""`kg serve`: a real SPARQL client (SPARQLWrapper) against the endpoint the test starts and stops."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.graph.namespace import KG, RES
from kg.use.serve import cap_query, Refused, free_port, wait_for_port

pytestmark = pytest.mark.server  # every test here but cap_query starts `kg serve`


LEADERS = "SELECT ?p ?c WHERE { ?p kg:leader_of ?c } ORDER BY ?p"
PUTIN, RUSSIA = str(RES["person/Vladimir_Putin"]), str(RES["place/Russia"])


def start_kg_serve(graph: Path, *options: str, host: str = "127.0.0.1"):
    port = free_port()
    script = Path(sys.executable).parent / "kg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    proc = subprocess.Popen([*command, "serve", str(graph), "--host", host, "--port", str(port), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "CI": "1"})
    try:
        wait_for_port(host, port, proc, timeout=60)
    except Exception:
        proc.kill()
        raise AssertionError(f"kg serve did not start: {proc.communicate()[1].decode()}")
    return proc, f"http://{host}:{port}/query"


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    _, err = proc.communicate(timeout=30)
    return err.decode()


@pytest.fixture(scope="module")
def endpoint(seed_build):
    proc, url = start_kg_serve(seed_build, "--timeout", "2", "--max-results", "1000")
    yield url
    stop(proc)


def client(url: str, query: str, fmt, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == "POST":
        sparql.setMethod(POST)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(endpoint, method):
    result = client(endpoint, LEADERS, JSON, method).queryAndConvert()
    rows = {(b["p"]["value"], b["c"]["value"]) for b in result["results"]["bindings"]}
    assert (PUTIN, RUSSIA) in rows
    assert result["head"]["vars"] == ["p", "c"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_xml(endpoint, method):
    document = client(endpoint, LEADERS, XML, method).queryAndConvert()  # xml.dom.minidom Document
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert PUTIN in uris and RUSSIA in uris


@pytest.mark.parametrize("fmt, sep", [(CSV, ","), (TSV, "\t")])
def test_select_csv_tsv(endpoint, fmt, sep):
    text = client(endpoint, LEADERS, fmt).queryAndConvert().decode("utf-8")
    lines = text.strip().splitlines()
    if fmt == CSV:
        assert lines[0] == "p,c" and f"{PUTIN},{RUSSIA}" in lines
    else:
        assert lines[0] == "?p\t?c" and f"<{PUTIN}>\t<{RUSSIA}>" in lines


def test_ask(endpoint):
    query = f"ASK {{ <{PUTIN}> kg:leader_of <{RUSSIA}> }}"
    assert client(endpoint, query, JSON).queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, N3])
def test_construct_turtle_and_ntriples(endpoint, fmt):
    sparql = client(endpoint, "CONSTRUCT WHERE { ?p kg:leader_of ?c }", fmt)
    if fmt == N3:  # ask for N-Triples explicitly
        sparql.addCustomHttpHeader("Accept", "application/n-triples")
    response = sparql.query()
    content_type = response.info()["content-type"]
    data = response.response.read()
    expected = "text/turtle" if fmt == TURTLE else "application/n-triples"
    assert content_type.startswith(expected)
    graph = Graph().parse(data=data, format="turtle" if fmt == TURTLE else "nt")
    assert (URIRef(PUTIN), KG.leader_of, URIRef(RUSSIA)) in graph


def test_named_graphs_and_union_default_graph(endpoint):
    query = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{PUTIN}> kg:leader_of <{RUSSIA}> }} }}"
    rows = client(endpoint, query, JSON).queryAndConvert()["results"]["bindings"]
    assert [r["g"]["value"] for r in rows] == [str(RES["article/000_bedcb93597ba2cf9"])]


def test_default_graph_is_the_merge(tmp_path):
    """Each triple once in the default graph, however many article graphs state it."""
    from test_query import DUPLICATED

    path = tmp_path / "two.trig"
    path.write_text(DUPLICATED)
    proc, url = start_kg_serve(path)
    try:
        count = client(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:leader_of ?o }", JSON).queryAndConvert()
        assert count["results"]["bindings"][0]["n"]["value"] == "1"
        count = client(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s kg:leader_of ?o } }", JSON).queryAndConvert()
        assert count["results"]["bindings"][0]["n"]["value"] == "2"
    finally:
        stop(proc)


def test_update_refused_with_403(endpoint):
    sparql = SPARQLWrapper(endpoint)  # SPARQLWrapper posts updates to the same URL as queries
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as caught:  # SPARQLWrapper passes a 403 through as is
        sparql.query()
    assert caught.value.code == 403
    for request in (
        urllib.request.Request(endpoint.replace("/query", "/update"), data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                               headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(endpoint.replace("/query", "/store"), data=b"<urn:a> <urn:b> <urn:c> .",
                               headers={"Content-Type": "application/n-triples"}, method="PUT"),
    ):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == 403
    assert client(endpoint, "ASK { <urn:a> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


def test_post_direct_query_and_bad_body(endpoint):
    direct = urllib.request.Request(endpoint, data=LEADERS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(direct, timeout=10) as response:
        assert f"{PUTIN},{RUSSIA}" in response.read().decode()
    for body, content_type, code in ((b"\xff\xfe", "application/sparql-query", 400), (b"x", "text/plain", 415)):
        request = urllib.request.Request(endpoint, data=body, headers={"Content-Type": content_type})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == code


def test_cors_header(endpoint):
    request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": LEADERS}),
                                     headers={"Origin": "http://example.org", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = urllib.request.Request(endpoint, method="OPTIONS", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(preflight, timeout=10) as response:
        assert response.status < 300
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_result_cap(seed_build):
    proc, url = start_kg_serve(seed_build, "--max-results", "1")
    try:
        sparql = client(url, "SELECT ?s WHERE { ?s a kg:Person }", JSON)
        response = sparql.query()
        assert response.info()["x-sparql-maxrows"] == "1"
        assert len(response.convert()["results"]["bindings"]) == 1
        with pytest.raises(SPARQLWrapperException):
            client(url, "SELECT ?s WHERE { ?s a kg:Person } LIMIT 5", JSON).query()
        assert len(client(url, "SELECT ?s WHERE { ?s a kg:Person } LIMIT 1", JSON).queryAndConvert()["results"]["bindings"]) == 1
    finally:
        stop(proc)


def test_timeout_stops_a_runaway_query(endpoint):
    # Four-way cross product of the seed graph: billions of rows, far past the 2 s timeout.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=120)
    assert err.value.code == 504
    assert "timeout" in err.value.read().decode().lower()
    # The server was restarted to stop the runaway query and answers again.
    assert client(endpoint, f"ASK {{ <{PUTIN}> kg:leader_of <{RUSSIA}> }}", JSON).queryAndConvert()["boolean"] is True


def test_bad_query_is_400_with_position(endpoint):
    request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE {\n ?x kg:leader_of"}))
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 400
    assert "line 2" in err.value.read().decode()


@pytest.mark.parametrize("query, expected", [
    ("SELECT * { ?s ?p ?o }", "SELECT * { ?s ?p ?o }\nLIMIT 10"),
    ("SELECT * { ?s ?p ?o } # done", "SELECT * { ?s ?p ?o } # done\nLIMIT 10"),
    ("SELECT * { ?s ?p ?o } LIMIT 3", "SELECT * { ?s ?p ?o } LIMIT 3"),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 3 } }", "SELECT * { { SELECT * { ?s ?p ?o } LIMIT 3 } }\nLIMIT 10"),
    ("ASK { ?s ?p ?o }", "ASK { ?s ?p ?o }"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }\nLIMIT 10"),
])
def test_cap_query(query, expected):
    assert cap_query(query, 10)[0] == expected


@pytest.mark.parametrize("query", ["SELECT * { ?s ?p ?o } LIMIT 11", "SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> }",
                                   "INSERT DATA { <urn:a> <urn:b> <urn:c> }"])
def test_cap_query_refuses(query):
    with pytest.raises(Refused):
        cap_query(query, 10)


def test_serve_missing_graph_is_one_line_error(tmp_path):
    from conftest import run_kg

    proc = run_kg("serve", str(tmp_path / "nope"), "--port", str(free_port()), check=False)
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("error: ") and "Traceback" not in proc.stderr.decode()


def test_other_host_warns(seed_build):
    """Any --host but the loopback defaults prints a warning (127.0.0.2 is still loopback, so safe to test)."""
    proc, url = start_kg_serve(seed_build, host="127.0.0.2")
    try:
        assert client(url, "ASK { ?p kg:leader_of ?c }", JSON).queryAndConvert()["boolean"] is True
    finally:
        err = stop(proc)
    assert "warning: listening on 127.0.0.2" in err
