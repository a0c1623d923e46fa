"""kg.use.guard: the checks `kg serve` makes on a query before Oxigraph sees it (linear time, no parser)."""

from __future__ import annotations

import pytest

from kg.use.guard import MAX_DEPTH, MAX_OPERATORS, MAX_QUERY_CHARS, Refused, inspect_query


@pytest.mark.parametrize("query, form, limit, final_values", [
    ("SELECT * { ?s ?p ?o }", "SELECT", None, False),
    ("select * { ?s ?p ?o } limit 7", "SELECT", 7, False),
    ("PREFIX ex: <http://x/> BASE <http://y/>\nASK { ?s ex:p-q.r 'LIMIT 3' }", "ASK", None, False),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 3 } }", "SELECT", None, False),
    ("SELECT * { ?s ?p ?o } # LIMIT 3", "SELECT", None, False),
    ("SELECT * { ?s ?p \"\"\"a } LIMIT 4\"\"\" }", "SELECT", None, False),
    ("SELECT * { VALUES ?s { <urn:a> } ?s ?p ?o }", "SELECT", None, False),
    ("SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> }", "SELECT", None, True),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", "CONSTRUCT", 2, False),
    ("DESCRIBE <urn:a>", "DESCRIBE", None, False),
    ("SELECT * { ?s ?p 'a SERVICE <http://127.0.0.1/> in a string' }", "SELECT", None, False),
    ("SELECT ?service { ?service ?p ?o }", "SELECT", None, False),
    ("PREFIX service: <urn:s:> SELECT ?limit { ?s service:x ?limit }", "SELECT", None, False),
])
def test_shape(query, form, limit, final_values):
    shape = inspect_query(query)
    assert (shape.form, shape.limit, shape.final_values) == (form, limit, final_values)


@pytest.mark.parametrize("query, status, words", [
    # SERVICE in any spelling: the endpoint must not send requests for a caller.
    ("SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/x> { ?x ?p ?o } }", "403", "SERVICE"),
    ("select * { service silent <http://10.0.0.1/> { ?x ?p ?o } }", "403", "SERVICE"),
    ("SELECT * { SERVICE ?endpoint { ?x ?p ?o } }", "403", "SERVICE"),
    ("PREFIX e: <http://127.0.0.1/> SELECT * { SeRvIcE e:x { ?x ?p ?o } }", "403", "SERVICE"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "403", "read-only"),
    ("PREFIX a: <urn:a> DELETE WHERE { ?s ?p ?o }", "403", "read-only"),
    ("NONSENSE", "400", "not a SPARQL query"),
    # The 160 KB filter that overflowed Oxigraph's stack, and shorter chains of other operators.
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 16_000) + ") }", "400", "operators"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o = " + "+".join(["1"] * (MAX_OPERATORS + 1)) + ") }", "400", "operators"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o = " + "-".join(["1"] * (MAX_OPERATORS + 1)) + ") }", "400", "operators"),
    ("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * (MAX_OPERATORS + 1)) + " }", "400", "operators"),
    ("SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * (MAX_OPERATORS + 2)) + " ?o }", "400", "operators"),
    ("SELECT * WHERE " + "{ " * (MAX_DEPTH + 1) + "?s ?p ?o" + " }" * (MAX_DEPTH + 1), "400", "deep"),
    # Stray closing brackets first must not hide the nesting after them.
    ("SELECT * " + ")" * 500 + "{ " * (MAX_DEPTH + 1) + "?s ?p ?o" + " }" * (MAX_DEPTH + 1), "400", "deep"),
    ("SELECT * WHERE { ?s ?p " + "[ <urn:p> " * (MAX_DEPTH + 1) + "?o" + " ]" * (MAX_DEPTH + 1) + " }", "400", "deep"),
    ("SELECT * WHERE { ?s ?p ?o } VALUES ?o { " + "<urn:x> " * (MAX_QUERY_CHARS // 8) + "}", "413", "characters"),
    ("SELECT * { ?s ?p '\x00' }", "400", "NUL"),
])
def test_refused(query, status, words):
    with pytest.raises(Refused) as refused:
        inspect_query(query)
    assert refused.value.status.startswith(status)
    assert words in str(refused.value)


def test_allowed_service_only_by_full_iri():
    allowed = ["http://dbpedia.example/sparql"]
    assert inspect_query("SELECT * { SERVICE <http://dbpedia.example/sparql> { ?x ?p ?o } }", allowed).form == "SELECT"
    assert inspect_query("SELECT * { SERVICE SILENT <http://dbpedia.example/sparql> { ?x ?p ?o } }", allowed)
    for query in ("SELECT * { SERVICE <http://127.0.0.1/> { ?x ?p ?o } }",
                  "SELECT * { ?s ?p '<http://dbpedia.example/sparql>' SERVICE ?x { } }"):
        with pytest.raises(Refused):
            inspect_query(query, allowed)


def test_large_values_within_limits_pass():
    """A VALUES block of 20,000 IRIs (250 KB) is data, not nesting: accepted (Oxigraph runs it in 0.2 s)."""
    values = " ".join(f"<urn:x{i}>" for i in range(20_000))
    assert inspect_query(f"SELECT * WHERE {{ ?s ?p ?o }} VALUES ?o {{ {values} }} LIMIT 5").limit == 5


@pytest.mark.parametrize("body", ['"' * 200_000, "'\\'" * 70_000, "?" * 200_000, "1." * 100_000, "} " * 100_000,
                                  "'''" + "\\'" * 100_000, "a-" * 100_000, "<a " * 70_000],
                         ids=lambda body: repr(body[:4]))
def test_hostile_text_is_inspected(body):
    """Unterminated strings, stray quotes and one-character tokens: each inspected (linear scans, no backtracking)."""
    try:
        inspect_query("SELECT * { " + body)
    except Refused:
        pass
