"""`kg export`: every format is written by the CLI and read back by the tool it is meant for."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import run_kg
from kg.graph.namespace import KG, RES
from kg.use.serve import free_port, oxigraph_binary, wait_for_port

ARTICLE = str(RES["article/000_bedcb93597ba2cf9"])
# The seed's design-card facts: (subject, relation, object).
DESIGN_CARD = [
    ("person/Vladimir_Putin", "leader_of", "place/Russia"),
    ("organization/Bloomberg", "cited_by", "organization/24_Channel"),
    ("person/Mikhail_Vinogradov", "heads", "organization/Petersburg_Politics_Foundation"),
]


@pytest.fixture(scope="module")
def exported(seed_build, tmp_path_factory):
    """Run ``kg export`` once per format; returns format -> path."""
    out = tmp_path_factory.mktemp("export")
    paths = {"nquads": out / "graph.nq", "ntriples": out / "graph.nt", "graphml": out / "graph.graphml",
             "gexf": out / "graph.gexf", "neo4j": out / "neo4j", "csv": out / "tables"}
    for fmt, path in paths.items():
        run_kg("export", str(seed_build), "--to", fmt, "-o", str(path))
    return paths


@pytest.fixture(scope="module")
def seed_dataset(seed_build):
    from kg.output.store import load_dataset

    return load_dataset(seed_build)



def assert_design_card_in_article_graph(endpoint: str) -> SPARQLWrapper:
    """Ask a SPARQL endpoint in which named graph each design-card fact sits: the seed article's."""
    sparql = SPARQLWrapper(endpoint)
    sparql.setReturnFormat(JSON)
    for subject, relation, obj in DESIGN_CARD:
        sparql.setQuery(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{RES[subject]}> <{KG[relation]}> <{RES[obj]}> }} }}")
        rows = sparql.queryAndConvert()["results"]["bindings"]
        assert [row["g"]["value"] for row in rows] == [ARTICLE], (subject, relation, obj)
    return sparql

def test_nquads_keeps_named_graphs(exported, seed_dataset):
    dataset = Dataset()
    dataset.parse(exported["nquads"], format="nquads")
    assert len(list(dataset.quads())) == len(list(seed_dataset.quads()))
    graphs = {str(g.identifier) for g in dataset.graphs()}
    assert ARTICLE in graphs


def test_ntriples_is_the_merged_graph(exported, seed_build):
    merged = Graph().parse(seed_build / "graph.ttl", format="turtle")
    nt = Graph().parse(exported["ntriples"], format="nt")
    assert len(nt) == len(merged)
    lines = exported["ntriples"].read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


@pytest.mark.server
def test_nquads_bulk_load_into_oxigraph_server(exported, tmp_path):
    """`oxigraph load` + `oxigraph serve-read-only`, then SPARQL over HTTP for the design-card facts."""
    store = tmp_path / "store"
    subprocess.run([oxigraph_binary(), "load", "--location", str(store), "--file", str(exported["nquads"])],
                   check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(store),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port("127.0.0.1", port, server)
        sparql = assert_design_card_in_article_graph(f"http://127.0.0.1:{port}/query")
        # Entity descriptions stay in the default graph.
        sparql.setQuery(f'ASK {{ <{RES["person/Vladimir_Putin"]}> a <{KG.Person}> }}')
        assert sparql.queryAndConvert()["boolean"] is True
    finally:
        server.terminate()
        server.wait(timeout=10)


def _facts(dataset) -> set:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)) if str(p).startswith(str(KG._NS))
            and isinstance(o, URIRef) and p not in (KG.mentionCount, KG.articleCount, KG.heldDuring, KG.speaker, KG.outlet)}


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(exported, seed_dataset, fmt, read):
    from kg.output.export.graphml import property_graph

    expected = property_graph(seed_dataset)
    graph = read(exported[fmt])
    assert graph.number_of_nodes() == expected.number_of_nodes()
    quotes = [n for n, attrs in expected.nodes(data=True) if attrs["cls"] == "Quote"]
    quote_edges = [e for e in expected.edges(keys=True) if e[2] in {"said", "about"}]
    assert graph.number_of_edges() == expected.number_of_edges() == len(_facts(seed_dataset)) + len(quote_edges)
    putin = str(RES["person/Vladimir_Putin"])
    assert graph.nodes[putin]["label"] == "Vladimir Putin"
    assert graph.nodes[putin]["cls"] == "Person"
    assert graph.nodes[str(RES["place/Russia"])]["labels"] == "Country;Place"
    edges = graph.get_edge_data(putin, str(RES["place/Russia"]))
    (attrs,) = edges.values()
    assert attrs["relation"] == "leader_of" and "Vladimir Putin" in attrs["sentence"]
    # Quotes: nodes with their text, a "said" edge from the speaker, "about" edges to what they name.
    assert quotes and all(graph.nodes[q]["cls"] == "Quote" for q in quotes)
    vinogradov = str(RES["person/Mikhail_Vinogradov"])
    said = [q for q in graph.successors(vinogradov) if graph.nodes[q].get("cls") == "Quote"]
    assert said and all("said" in graph.get_edge_data(vinogradov, q) for q in said)
    assert any("effectiveness of military operations" in graph.nodes[q]["text"] for q in said)
    assert any(key == "about" for _, _, key in graph.edges(keys=True))


def test_neo4j_headers(exported):
    out = exported["neo4j"]
    with (out / "nodes" / "Person.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[0] == "iri:ID" and header[-1] == ":LABEL"
    rel = out / "relationships" / "LEADER_OF-Person-Country.csv"
    with rel.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    putin = [r for r in rows if r[":START_ID"] == str(RES["person/Vladimir_Putin"])]
    assert putin and putin[0][":TYPE"] == "LEADER_OF" and putin[0]["article"] == ARTICLE
    script = (out / "import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--relationships=relationships/LEADER_OF-Person-Country.csv" in script
    cypher = (out / "load.cypher").read_text()
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes/Person.csv'" in cypher
    assert "CREATE (a)-[:LEADER_OF {" in cypher


def _statements(script: str) -> list[str]:
    text = re.sub(r"(?m)^//.*\n", "", script)
    return [s.strip() for s in text.split(";\n") if s.strip()]


def test_neo4j_export_loads_into_ladybug(exported, tmp_path, monkeypatch):
    """The property-graph export in a real embedded Cypher database (LadybugDB, the Kuzu fork)."""
    ladybug = pytest.importorskip("ladybug")
    monkeypatch.chdir(exported["neo4j"])  # the script's CSV paths are relative to the export directory
    db = ladybug.Database(str(tmp_path / "db"))
    conn = ladybug.Connection(db)
    for statement in _statements(Path("ladybug.cypher").read_text(encoding="utf-8")):
        conn.execute(statement)
    result = conn.execute("MATCH (p:Person)-[:LEADER_OF]->(c) RETURN p.name, c.name")
    rows = []
    while result.has_next():
        rows.append(tuple(result.get_next()))
    assert ("Vladimir Putin", "Russia") in rows
    result = conn.execute("MATCH (p:Person)-[r:HEADS]->(o) RETURN p.name, o.name, r.sentence, r.article, r.confidence")
    name, org, sentence, article, confidence = result.get_next()
    assert (name, org) == ("Mikhail Vinogradov", "Petersburg Politics Foundation")
    assert "Vinogradov" in sentence and article == ARTICLE and 0 < confidence <= 1
    result = conn.execute("MATCH (c:Country {name: 'Russia'}) RETURN c.aliases")
    assert "Russian" in result.get_next()[0]
    # Quotes (issue 12): Quote nodes, SAID from the speaker, ABOUT the entities they name.
    result = conn.execute("MATCH (p:Person {name: 'Nikolai Petrov'})-[:SAID]->(q:Quote) RETURN q.text, q.kind, q.article")
    said = []
    while result.has_next():
        said.append(tuple(result.get_next()))
    assert ("have no hurry.", "direct", ARTICLE) in said
    result = conn.execute("MATCH (p:Person {name: 'Nikolai Petrov'})-[:SAID]->(q:Quote)-[:ABOUT]->(o) RETURN o.name")
    about = set()
    while result.has_next():
        about.add(result.get_next()[0])
    assert "Kremlin" in about


def test_ladybug_reads_quoted_names_late_in_a_file(tmp_path, monkeypatch):
    """A name with a comma and quotes after hundreds of plain rows (Kuzu's CSV sniffer reads the first rows only)."""
    ladybug = pytest.importorskip("ladybug")
    lines = ["@prefix kg: <https://w3id.org/kg-news/ontology#> .", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for i in range(400):
        lines.append(f'<{RES[f"person/P{i:03d}"]}> a kg:Person ; rdfs:label "P{i:03d}" ; kg:mentionCount 1 ; kg:articleCount 1 .')
    odd = RES["person/zz"]
    lines.append(f'<{odd}> a kg:Person ; rdfs:label "Dyer, \\"B\\" (" ; kg:mentionCount 1 ; kg:articleCount 1 .')
    # A fact whose evidence sentence spans two lines (a quoted newline in the CSV).
    lines += [
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        f'<{RES["place/X"]}> a kg:Country ; rdfs:label "X" ; kg:mentionCount 1 ; kg:articleCount 1 .',
        f'<{RES["person/P000"]}> kg:leader_of <{RES["place/X"]}> .',
        f'<{RES["assertion/a"]}> a kg:Assertion ; rdf:subject <{RES["person/P000"]}> ; rdf:predicate kg:leader_of ;'
        f' rdf:object <{RES["place/X"]}> ; kg:sentence "first line\\nsecond line" ; kg:confidence 0.5 .',
    ]
    source = tmp_path / "many.ttl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "neo4j"
    run_kg("export", str(source), "--to", "neo4j", "-o", str(out))
    monkeypatch.chdir(out)
    conn = ladybug.Connection(ladybug.Database(str(tmp_path / "db")))
    for statement in _statements(Path("ladybug.cypher").read_text(encoding="utf-8")):
        conn.execute(statement)
    result = conn.execute(f"MATCH (p:Person {{iri: '{odd}'}}) RETURN p.name")
    assert result.get_next() == ['Dyer, "B" (']
    assert conn.execute("MATCH (p:Person) RETURN count(p)").get_next() == [401]
    result = conn.execute("MATCH (p:Person)-[r:LEADER_OF]->(c) RETURN p.name, c.name, r.sentence")
    assert result.get_next() == ["P000", "X", "first line\nsecond line"]


def test_csv_tables(exported, seed_dataset):
    out = exported["csv"]
    with (out / "entities.csv").open(encoding="utf-8") as handle:
        entities = list(csv.DictReader(handle))
    with (out / "facts.csv").open(encoding="utf-8") as handle:
        facts = list(csv.DictReader(handle))
    assert len(facts) == len(set(seed_dataset.subjects(None, KG.Assertion)))
    assert {"Vladimir Putin", "Russia"} <= {e["name"] for e in entities}
    (putin,) = [f for f in facts if f["subject_name"] == "Vladimir Putin" and f["relation"] == "leader_of"]
    assert putin["object_name"] == "Russia" and putin["article"] == ARTICLE
    assert "Vladimir Putin" in putin["sentence"] and float(putin["confidence"]) > 0 and putin["rule"]
    with (out / "quotes.csv").open(encoding="utf-8") as handle:
        quotes = list(csv.DictReader(handle))
    assert len(quotes) == len(set(seed_dataset.subjects(None, KG.Quote)))
    (hurry,) = [q for q in quotes if q["text"] == "have no hurry."]
    assert hurry["speaker_name"] == "Nikolai Petrov" and hurry["kind"] == "direct" and hurry["outlet_name"] == "Bloomberg"
    assert hurry["article"] == ARTICLE and int(hurry["char_start"]) < int(hurry["char_end"])


@pytest.mark.parametrize("fmt", ["nquads", "ntriples", "graphml", "gexf"])
def test_export_is_deterministic(seed_build, exported, tmp_path, fmt):
    again = tmp_path / f"again.{fmt}"
    run_kg("export", str(seed_build), "--to", fmt, "-o", str(again))
    assert again.read_bytes() == exported[fmt].read_bytes()


def test_table_exports_are_deterministic(seed_build, exported, tmp_path):
    run_kg("export", str(seed_build), "--to", "csv", "-o", str(tmp_path / "t"))
    assert (tmp_path / "t" / "facts.csv").read_bytes() == (exported["csv"] / "facts.csv").read_bytes()


@pytest.mark.parametrize("args, message", [
    (["nope", "--to", "nquads", "-o", "x.nq"], "no such file"),
    (["{seed}", "--to", "graphml", "-o", "{tmp}"], "is a directory"),
    (["{seed}", "--to", "rdfxml", "-o", "x"], "Invalid value"),
])
def test_export_errors_are_one_line(seed_build, tmp_path, args, message):
    args = [a.format(seed=seed_build, tmp=tmp_path) for a in args]
    proc = run_kg("export", *args, check=False)
    assert proc.returncode != 0
    err = proc.stderr.decode()
    assert message in err and "Traceback" not in err


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {data}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 30
"""


@pytest.mark.server
def test_nquads_bulk_load_into_virtuoso(exported, tmp_path):
    """The README's Virtuoso recipe: ld_dir + rdf_loader_run on the N-Quads export, then SPARQL over HTTP."""
    import os
    import shutil

    if not shutil.which("virtuoso-t"):
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t is missing: .ci/run installs Debian's virtuoso-opensource")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    data, db = tmp_path / "data", tmp_path / "db"
    data.mkdir()
    db.mkdir()
    shutil.copy(exported["nquads"], data / "graph.nq")
    sql_port, http_port = free_port(), free_port()
    ini = tmp_path / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=db, data=data, sql_port=sql_port, http_port=http_port))
    server = subprocess.Popen(["virtuoso-t", "-c", str(ini), "+foreground"], cwd=db,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port("127.0.0.1", http_port, server, timeout=60)
        load = (f"ld_dir('{data}', 'graph.nq', 'urn:kg:default'); rdf_loader_run(); checkpoint; "
                "SELECT ll_state, ll_error FROM DB.DBA.load_list;")
        proc = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={load}"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert_design_card_in_article_graph(f"http://127.0.0.1:{http_port}/sparql")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
