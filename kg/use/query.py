"""SPARQL over an output directory or RDF file, with kg's prefixes predeclared.

Two engines answer the same queries with the same output: rdflib (the default for small
graphs) and pyoxigraph, an embedded Rust store that loads and joins an order of magnitude
faster (``scripts/bench_query.py``). ``engine="auto"`` picks pyoxigraph above
:data:`OXIGRAPH_ABOVE_TRIPLES` (estimated from the file size). Either way the query is
parsed by rdflib first, so syntax errors read the same, and results are written by
rdflib's serializers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pyparsing import ParseException
from rdflib import OWL, RDF, BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.graph.triples import PREFIXES
from kg.output.store import OXIGRAPH_FORMATS, InvalidGraph, graph_file, load_dataset, load_store, rdf_format

# kg's prefixes plus rdf: and owl:, which rdflib predeclares and the ready-made queries use.
QUERY_PREFIXES = {**PREFIXES, "rdf": RDF._NS, "owl": OWL._NS}
ENGINES = ("auto", "rdflib", "oxigraph")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Measured with scripts/bench_query.py on the BBC build and slices of it (docs/query.md, benchmarks/query-engines.json):
# pyoxigraph loads 3-15x faster at every size, but below ~20k triples rdflib's load and
# queries take under a second anyway, and rdflib stays the reference engine there.
OXIGRAPH_ABOVE_TRIPLES = 20_000
# Bytes per triple of kg's own output files (measured on the BBC build), to estimate a
# graph's size before parsing it.
BYTES_PER_TRIPLE = {"trig": 59, "turtle": 53, "nquads": 182, "nt": 150, "json-ld": 64, "xml": 120}


class QueryError(ValueError):
    """The query is not valid SPARQL, or its results cannot be shown in the asked format."""


def prepare(text: str):
    """Parse a query with kg's prefixes; syntax errors name the line and column."""
    try:
        return prepareQuery(text, initNs=QUERY_PREFIXES)
    except ParseException as err:
        raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}\n  {err.line}") from err
    except Exception as err:  # rdflib raises plain exceptions for unknown prefixes and the like
        raise QueryError(f"invalid SPARQL: {err}") from err


def _term(value) -> str:
    if value is None:
        return ""
    return str(value)


def format_result(result: Result, fmt: str) -> str:
    """Render a query result: table, csv, tsv or json (W3C) for rows; turtle for graphs; yes/no for ASK."""
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n" if fmt == "json" else (
            "yes\n" if result.askAnswer else "no\n"
        )
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        for triple in result.graph or []:
            graph.add(triple)
        return graph.serialize(format="turtle")
    names = [str(v) for v in result.vars]
    rows = [[_term(row[i]) for i in range(len(names))] for row in result]
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8") + "\n"
    if fmt in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "turtle":
        raise QueryError("--format turtle is for CONSTRUCT and DESCRIBE queries")
    return _table(names, rows)


def _table(names: list[str], rows: list[list[str]]) -> str:
    shown = [[_shorten(cell) for cell in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in shown]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(names), line(["-" * w for w in widths])]
    out += [line(r) for r in shown]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _shorten(text: str) -> str:
    """An IRI as prefix:name, using the longest namespace that fits."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text


def estimated_triples(path: Path) -> int:
    """A graph file's triple count, estimated from its size (no parsing)."""
    source = graph_file(Path(path))
    return source.stat().st_size // BYTES_PER_TRIPLE.get(rdf_format(source), 60)


def choose_engine(path: Path, engine: str = "auto") -> str:
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    return "oxigraph" if estimated_triples(path) > OXIGRAPH_ABOVE_TRIPLES else "rdflib"


def run_query(path: Path, text: str, fmt: str = "table", engine: str = "auto") -> str:
    """Run ``text`` over the graph at ``path`` and return the formatted result.

    >>> print(run_query(Path("output"), "ASK { ?p kg:leader_of ?c }"))  # doctest: +SKIP
    yes
    """
    query = prepare(text)
    if choose_engine(path, engine) == "oxigraph":
        return format_result(oxigraph_query(path, text), fmt)
    dataset = load_dataset(path)
    try:
        result = dataset.query(query)
    except Exception as err:
        raise QueryError(f"query failed: {err}") from err
    return format_result(result, fmt)


# Oxigraph's "union default graph" is a bag: a fact stated in ten articles matches ten
# times. SPARQL's default graph is the RDF merge (a set), as in rdflib and graph.ttl, so
# the named graphs' triples are copied into the default graph once instead.
MERGE_INTO_DEFAULT_GRAPH = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"

def load_oxigraph(path: Path):
    """Bulk-load a graph file (or output directory) into an in-memory pyoxigraph store."""
    source = graph_file(Path(path))
    if rdf_format(source) not in OXIGRAPH_FORMATS:
        raise QueryError(f"{source}: pyoxigraph cannot read this format; use --engine rdflib")
    try:
        store = load_store(source)
    except InvalidGraph as err:
        raise QueryError(str(err)) from err
    store.update(MERGE_INTO_DEFAULT_GRAPH)
    return store


def oxigraph_query(path: Path, text: str, store=None) -> Result:
    """Run a query with pyoxigraph (default graph = merge of all graphs, kg's prefixes) as an rdflib :class:`Result`."""
    import pyoxigraph

    store = store if store is not None else load_oxigraph(path)
    try:
        answer = store.query(text, prefixes={k: str(v) for k, v in QUERY_PREFIXES.items()})
    except (SyntaxError, OSError, ValueError) as err:
        raise QueryError(f"query failed: {err}") from err
    if isinstance(answer, pyoxigraph.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, pyoxigraph.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        result.bindings = [
            {Variable(v.value): _rdflib_term(solution[v]) for v in answer.variables if solution[v] is not None}
            for solution in answer
        ]
    else:
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in answer:
            graph.add((_rdflib_term(triple.subject), _rdflib_term(triple.predicate), _rdflib_term(triple.object)))
        result.graph = graph
    return result


def _rdflib_term(term):
    """pyoxigraph term -> the equal rdflib term."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:  # RDF 1.1 simple literal: rdflib writes it without a datatype
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"cannot show RDF-star term {term}")
