"""SPARQL over an output directory or RDF file, with kg's prefixes predeclared."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.rdf import PREFIXES
from kg.store import load_dataset


class QueryError(ValueError):
    """The query is not valid SPARQL, or its results cannot be shown in the asked format."""


def prepare(text: str):
    """Parse a query with kg's prefixes; syntax errors name the line and column."""
    try:
        return prepareQuery(text, initNs=PREFIXES)
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


def run_query(path: Path, text: str, fmt: str = "table") -> str:
    """Run ``text`` over the graph at ``path`` and return the formatted result."""
    query = prepare(text)
    dataset = load_dataset(path)
    try:
        result = dataset.query(query)
    except Exception as err:
        raise QueryError(f"query failed: {err}") from err
    return format_result(result, fmt)
