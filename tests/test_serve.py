"""`kg serve`: a real SPARQL client (SPARQLWrapper) against the endpoint the test starts and stops."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.graph.namespace import KG, RES
from kg.use.guard import MAX_QUERY_CHARS, Refused
from kg.use.hostile import CROSS_PRODUCT, Listener, huge_values, or_filter, service_call
from kg.use.serve import cap_query, free_port, wait_for_port

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


def _get(url: str, query: str, headers: dict | None = None, timeout: float = 30):
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json", **(headers or {})})
    return urllib.request.urlopen(request, timeout=timeout)


def _status(call) -> tuple[int, str]:
    try:
        with call() as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def test_no_cors_by_default(endpoint):
    """A page on another site must not read answers: no Access-Control-Allow-Origin unless --cors names it."""
    with _get(endpoint, LEADERS, {"Origin": "http://evil.example"}) as response:
        assert response.headers["Access-Control-Allow-Origin"] is None
    preflight = urllib.request.Request(endpoint, method="OPTIONS", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(preflight, timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] is None


def test_cors_opt_in(seed_build):
    proc, url = start_kg_serve(seed_build, "--cors", "http://example.org")
    try:
        with _get(url, LEADERS, {"Origin": "http://example.org"}) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "http://example.org"
            assert "X-SPARQL-MaxRows" in response.headers["Access-Control-Expose-Headers"]
        with _get(url, LEADERS, {"Origin": "http://evil.example"}) as response:
            assert response.headers["Access-Control-Allow-Origin"] is None
        preflight = urllib.request.Request(url, method="OPTIONS", headers={
            "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
        with urllib.request.urlopen(preflight, timeout=10) as response:
            assert response.status < 300
            assert response.headers["Access-Control-Allow-Origin"] == "http://example.org"
    finally:
        stop(proc)


def test_other_host_header_refused(endpoint):
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example; refused."""
    port = urllib.parse.urlsplit(endpoint).port
    code, body = _status(lambda: _get(endpoint, LEADERS, {"Host": f"evil.example:{port}"}))
    assert code == 403 and "Host" in body
    assert _status(lambda: _get(endpoint, LEADERS, {"Host": f"localhost:{port}"}))[0] == 200


@pytest.mark.parametrize("query", [
    service_call,
    lambda port: f"select ?x where {{ service silent <http://127.0.0.1:{port}/x> {{ ?x ?p ?o }} }}",
    lambda port: f"PREFIX l: <http://127.0.0.1:{port}/> SELECT ?x WHERE {{ SERVICE l:x {{ ?x ?p ?o }} }}",
    lambda port: f"SELECT ?x WHERE {{ BIND(<http://127.0.0.1:{port}/x> AS ?e) SERVICE ?e {{ ?x ?p ?o }} }}",
], ids=["plain", "silent", "prefixed", "variable"])
def test_service_refused_and_nothing_reached(endpoint, query):
    with Listener() as listener:
        text = query(listener.port)
        code, body = _status(lambda: _get(endpoint, text))
        assert code == 403 and "SERVICE" in body
        form = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": text}).encode(),
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert _status(lambda: urllib.request.urlopen(form, timeout=30))[0] == 403
    assert listener.connections == 0


def test_allowed_service_is_called(seed_build):
    """--allow-service URL lets that one endpoint through (the listener is called; it answers nothing).

    The inner server then needs the host's network, so it runs outside a private one, and kg serve says so.
    """
    listener = Listener()
    proc, url = start_kg_serve(seed_build, "--allow-service", f"http://127.0.0.1:{listener.port}/sparql")
    try:
        _status(lambda: _get(url, service_call(listener.port, "sparql")))
        code, _ = _status(lambda: _get(url, service_call(listener.port, "other")))
        assert code == 403
    finally:
        stderr = stop(proc)
        listener.close()
    assert listener.connections >= 1
    assert "without a private network (--allow-service needs the network)" in stderr


def _oxigraph_child(proc: subprocess.Popen) -> int:
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    for pid in children:
        if "oxigraph" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
            return int(pid)
    raise AssertionError(f"no oxigraph child among {children}")


def _wait_dead(pid: int, timeout: float = 30) -> None:
    """Return once ``pid`` has died (a zombie its parent has not reaped yet, or gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return
        if state in {"Z", "X"}:
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} still runs {timeout} s after SIGKILL")


def _descendants(pid: int) -> list[int]:
    children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return children + [d for c in children for d in _descendants(c)]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc to find the inner server")
def test_inner_server_cannot_be_reached_by_other_local_processes(seed_build):
    """The inner Oxigraph listened on 127.0.0.1:PORT with no Host check: any local process (or a web page by DNS
    rebinding) could query it directly, past the front's checks, and make it call a local service."""
    from kg.use.serve import can_isolate

    if not can_isolate():
        pytest.skip("no user namespaces here: kg serve warns that its inner server is reachable")
    proc, url = start_kg_serve(seed_build)
    try:
        inner = [pid for pid in _descendants(proc.pid)
                 if Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[1:2] == [b"serve-read-only"]]
        assert len(inner) == 1
        args = Path(f"/proc/{inner[0]}/cmdline").read_bytes().decode().split("\0")
        bound = args[args.index("--bind") + 1]
        with Listener() as listener:
            direct = f"http://{bound}/query?" + urllib.parse.urlencode({"query": service_call(listener.port)})
            with pytest.raises(urllib.error.URLError) as err:
                urllib.request.urlopen(direct, timeout=10)
            assert not isinstance(err.value, urllib.error.HTTPError)  # no answer at all, not even an error page
        assert listener.connections == 0
        assert _status(lambda: _get(url, LEADERS))[0] == 200  # the front still reaches it
    finally:
        stop(proc)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc to find the inner server")
def test_dead_inner_server_is_restarted(seed_build):
    """The inner Oxigraph dies (as a stack overflow kills it): the next query is answered, not 502 for good."""
    import signal

    proc, url = start_kg_serve(seed_build)
    try:
        child = _oxigraph_child(proc)
        os.kill(child, signal.SIGKILL)
        _wait_dead(child)  # SIGKILL is delivered asynchronously: on a busy machine a query sent at once raced it
        code, body = _status(lambda: _get(url, f"ASK {{ <{PUTIN}> kg:leader_of <{RUSSIA}> }}"))
        assert code == 200 and '"boolean":true' in body.replace(" ", "")
    finally:
        stop(proc)


def test_stack_overflow_query_refused_and_server_lives(endpoint):
    """The 160 KB '||' filter that crashed Oxigraph is refused before it gets there; cheap queries still work."""
    query = or_filter(16_000)
    form = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    code, body = _status(lambda: urllib.request.urlopen(form, timeout=30))
    assert code == 400 and "operators" in body
    assert client(endpoint, f"ASK {{ <{PUTIN}> kg:leader_of <{RUSSIA}> }}", JSON).queryAndConvert()["boolean"] is True


def test_huge_queries_refused_without_parsing(endpoint):
    """A 10 MB VALUES (9 minutes and 1.5 GB in rdflib's parser before) is refused at once, by POST or GET."""
    values = huge_values(10 * 1024 * 1024)
    for content_type, data in (("application/sparql-query", values.encode()),
                               ("application/x-www-form-urlencoded", urllib.parse.urlencode({"query": values}).encode())):
        request = urllib.request.Request(endpoint, data=data, headers={"Content-Type": content_type})
        try:
            code = _status(lambda: urllib.request.urlopen(request, timeout=60))[0]
        except (urllib.error.URLError, ConnectionError) as err:
            # waitress answers 413 and closes while the body is still coming: the client sees a reset or a
            # broken pipe, depending on how far the upload got.
            reason = getattr(err, "reason", err)
            assert isinstance(reason, (ConnectionResetError, BrokenPipeError))
            code = 413
        assert code == 413
    just_over = huge_values(MAX_QUERY_CHARS)
    direct = urllib.request.Request(endpoint, data=just_over.encode(), headers={"Content-Type": "application/sparql-query"})
    assert _status(lambda: urllib.request.urlopen(direct, timeout=60))[0] == 413
    # A GET that long is cut by waitress's header limit (431/400), never parsed.
    assert _status(lambda: _get(endpoint, values[: 2 * 1024 * 1024]))[0] in (400, 413, 414, 431)
    assert client(endpoint, f"ASK {{ <{PUTIN}> kg:leader_of <{RUSSIA}> }}", JSON).queryAndConvert()["boolean"] is True


def test_result_cap(seed_build):
    proc, url = start_kg_serve(seed_build, "--max-results", "1")
    try:
        sparql = client(url, "SELECT ?s WHERE { ?s a kg:Person }", JSON)
        response = sparql.query()
        assert response.info()["x-sparql-maxrows"] == "1"
        assert "cut at 1 rows" in response.info()["x-sparql-warning"]
        result = response.convert()
        assert len(result["results"]["bindings"]) == 1
        # The cut is said in the result a user sees, not only in a header.
        assert result["warning"].startswith("results cut at 1 rows")
        with pytest.raises(SPARQLWrapperException):
            client(url, "SELECT ?s WHERE { ?s a kg:Person } LIMIT 5", JSON).query()
        exact = client(url, "SELECT ?s WHERE { ?s a kg:Person } LIMIT 1", JSON).queryAndConvert()
        assert len(exact["results"]["bindings"]) == 1 and "warning" not in exact
    finally:
        stop(proc)


def test_timeout_stops_a_runaway_query(endpoint):
    # Five-way cross product of the seed graph: billions of rows, far past the 2 s timeout.
    request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": CROSS_PRODUCT}),
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
