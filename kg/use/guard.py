"""What ``kg serve`` checks in a query before Oxigraph sees it: size, nesting, ``SERVICE``, the result cap.

A query reaches the endpoint from anyone who can send an HTTP request to it, including a web
page the user happens to visit, so everything here runs in time linear in the query's length
and refuses (with :class:`Refused`) what would hurt the host:

- more than :data:`MAX_QUERY_CHARS` characters;
- brackets nested deeper than :data:`MAX_DEPTH`, or more than :data:`MAX_OPERATORS` operators
  (``||``, ``+``, ``/`` in a path, ``UNION`` ...): Oxigraph parses and evaluates these
  recursively and a long chain overflows its stack, killing the server (measured with
  ``oxigraph serve-read-only`` 0.5.13: 8,000 ``+`` terms, 16,000 ``||`` terms, 4,000 nested
  ``{`` or ``(`` each crash it; 1,000 ``||`` terms take 0.35 s, 4,000 take 4 s);
- ``SERVICE``, unless its endpoint IRI is one the user allowed: Oxigraph would send the
  query to any address, so the endpoint could be turned into a proxy to the host's network.

Hand-written as a few regular-expression passes over SPARQL 1.1's terminals rather than a
parse with rdflib because rdflib's pyparsing grammar is far too slow for untrusted input
(measured: a 32 KB ``VALUES`` took 3 s, a 160 KB ``||`` filter 39 s, holding the GIL) and no
other SPARQL parser is available to Python; Oxigraph parses the query anyway and its syntax
errors are passed on. With strings, comments and IRIs masked, the text is enough to find the
query form, a top-level ``LIMIT`` and a final ``VALUES`` (both only occur outside braces) for
the result cap. Even a Python loop over tokens is too slow here (about 3 µs a token on a
256 KB query of one-character tokens), so every pass is a regular expression or a count in C.

Example:
    >>> inspect_query("SELECT * { ?s ?p ?o } LIMIT 5").limit
    5
"""

from __future__ import annotations

import operator
import re
from collections.abc import Collection
from dataclasses import dataclass
from itertools import accumulate, islice

MAX_QUERY_CHARS = 256 * 1024
"""Longest query accepted (a 250 KB ``VALUES`` runs in 0.2 s in Oxigraph)."""

MAX_DEPTH = 128
"""Deepest nesting of ``{ ( [`` accepted (Oxigraph crashes at 4,000)."""

MAX_OPERATORS = 1000
"""Most operators in a query (Oxigraph crashes at 8,000 chained ``+``; 1,000 ``||`` take 0.35 s)."""

MAX_MODIFIERS = 64
"""Most ``LIMIT``/``VALUES`` keywords (each costs a scan of the text before it)."""

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})

_NAME_START = "A-Za-z_\u00c0-\ufffd\U00010000-\U000effff"
_NAME_CHAR = _NAME_START + r"0-9\-.\u00b7"
_IRI = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
_LONG_STRINGS = r'"""(?:[^"\\]++|\\.|"(?!""))*+(?:""")?' + r"|'''(?:[^'\\]++|\\.|'(?!''))*+(?:''')?"
_SHORT_STRINGS = r'"(?:[^"\\\n\r]++|\\.)*+"?' + r"|'(?:[^'\\\n\r]++|\\.)*+'?"
# IRIs, strings (an unterminated one runs to the end of its line or of the text) and comments.
# Possessive quantifiers (*+, ++): nothing backtracks, so every pass is linear.
_LITERAL = re.compile("|".join((_IRI, _LONG_STRINGS, _SHORT_STRINGS, r"\#[^\n]*")), re.DOTALL)
# Variables, keywords, prefixed names, blank node labels and unsigned numbers: no operator inside.
_WORDS = re.compile(
    rf"[?$][{_NAME_START}0-9\u00b7]++|[{_NAME_START}][{_NAME_CHAR}]*+(?::(?:[{_NAME_CHAR}:%]++|\\.)*+)?"
    rf"|:(?:[{_NAME_CHAR}:%]++|\\.)*+|[0-9]++(?:\.[0-9]*+)?(?:[eE][+-]?[0-9]++)?|\.[0-9]++(?:[eE][+-]?[0-9]++)?"
)
_OPERATORS = re.compile(r"\|\||&&|!=|<=|>=|\^\^|[|!=<>+*/^-]")
# Keywords that each add a node to the algebra tree Oxigraph builds recursively.
_KEYWORD_OPERATORS = re.compile(r"\b(?:UNION|OPTIONAL|MINUS|FILTER|BIND|IN|EXISTS)\b", re.IGNORECASE)
_NOT_BRACKET = re.compile(r"[^{}()\[\]]++")
_DEPTH_STEP = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}
_FORM = re.compile(r"\s*+(?:(?:PREFIX\s++[^\s:]*+:|BASE)\s*+I\s*+)*+([A-Za-z]*)", re.IGNORECASE)
_MODIFIER = re.compile(r"(?<![?$:\w.-])(LIMIT|VALUES)(?![:\w.-])(?:\s*+([0-9]++))?", re.IGNORECASE)
_ALLOWED = "\x00ALLOWED\x00"
_SERVICE = re.compile(r"(?<![?$:\w.-])SERVICE(?![:\w.-])(?:\s++SILENT\b)?\s*+(\x00ALLOWED\x00)?", re.IGNORECASE)


class Refused(Exception):
    """A request the endpoint answers itself with an error status."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryShape:
    """What the endpoint needs to know of a query.

    Attributes:
        form: ``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``.
        limit: the query's own top-level ``LIMIT`` (``None`` without one).
        final_values: whether a ``VALUES`` clause follows the query pattern.
    """

    form: str
    limit: int | None
    final_values: bool


def _bad(message: str) -> Refused:
    return Refused("400 Bad Request", message)


def inspect_query(text: str, allowed_services: Collection[str] = ()) -> QueryShape:
    """Check a query against the limits above; return its shape or raise :class:`Refused`.

    ``allowed_services`` are the endpoint IRIs (without ``<>``) a ``SERVICE`` may name in
    full; any other ``SERVICE`` is refused with 403 Forbidden, an update with 403, a query
    over the limits with 400 (413 when too long).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise Refused("413 Content Too Large",
                      f"the query is {len(text):,} characters long; this endpoint accepts at most {MAX_QUERY_CHARS:,}")
    if "\x00" in text:
        raise _bad("the query contains a NUL character")
    for service in allowed_services:  # marked before masking: a marked IRI inside a string is masked with it
        text = text.replace(f"<{service}>", _ALLOWED)
    masked = _LITERAL.sub(" I ", text)
    bare = _WORDS.sub(" ", masked)
    operators = len(_OPERATORS.findall(bare)) + len(_KEYWORD_OPERATORS.findall(masked))
    if operators > MAX_OPERATORS:
        raise _bad(f"the query has {operators:,} operators; this endpoint accepts at most {MAX_OPERATORS:,}")
    steps = list(accumulate(map(_DEPTH_STEP.__getitem__, _NOT_BRACKET.sub("", bare))))
    # Depth never counts below zero, so stray closing brackets cannot hide deeper nesting after them.
    depth = max(map(operator.sub, steps, accumulate(steps, min, initial=0)), default=0)
    if depth > MAX_DEPTH:
        raise _bad(f"the query nests brackets {depth:,} deep; this endpoint accepts at most {MAX_DEPTH}")
    for match in _SERVICE.finditer(masked):
        if match.group(1) is None:
            raise Refused("403 Forbidden", "SERVICE (federated query) is refused by this endpoint"
                          + (f"; allowed endpoints: {', '.join(sorted(allowed_services))}" if allowed_services
                             else "; start kg serve with --allow-service URL to allow an endpoint"))
    form = _FORM.match(masked).group(1).upper()
    if form in UPDATE_WORDS:
        raise Refused("403 Forbidden", "this SPARQL endpoint is read-only: updates are refused")
    if form not in QUERY_FORMS:
        raise _bad("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK"
                   + (f", found {form[:40]!r}" if form else ""))
    modifiers = list(islice(_MODIFIER.finditer(masked), MAX_MODIFIERS + 1))
    if len(modifiers) > MAX_MODIFIERS:
        raise _bad(f"the query has more than {MAX_MODIFIERS} LIMIT or VALUES clauses")
    limit, final_values = None, False
    for match in modifiers:
        if _depth_at(masked, match.start()) != 0:  # inside braces: a subquery's or an inline VALUES
            continue
        if match.group(1).upper() == "VALUES":
            final_values = True
        elif match.group(2) is not None:
            limit = int(match.group(2))
    return QueryShape(form, limit, final_values)


def _depth_at(text: str, end: int) -> int:
    """Brackets open at ``end`` (exact for a well-formed query; Oxigraph rejects the others)."""
    return sum(text.count(c, 0, end) for c in "{([") - sum(text.count(c, 0, end) for c in "})]")
