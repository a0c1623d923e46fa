"""The hostile requests ``kg serve`` is checked against (issue 16), and a listener proving ``SERVICE`` reaches nothing.

One list shared by ``tests/test_serve.py`` and ``scripts/bench_endpoint.py``, so the tests and
the benchmark drive the endpoint with the same queries. Each builder returns a fresh string:
the largest is 10 MB and is only built when asked for.

Example:
    >>> len(or_filter(3)) < 80 and or_filter(3).count("||")
    2
"""

from __future__ import annotations

import socket
import threading
from typing import NamedTuple

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
"""A five-way cross product of the whole graph: billions of rows on the seed, CPU-bound until the timeout."""


def or_filter(terms: int = 16_000) -> str:
    """A ``FILTER`` of ``terms`` ``||`` terms; 16,000 (160 KB) overflowed Oxigraph's stack and killed it."""
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * terms) + ") }"


def huge_values(chars: int = 10 * 1024 * 1024) -> str:
    """A final ``VALUES`` of about ``chars`` characters (10 MB took rdflib's parser 9 minutes and 1.5 GB)."""
    return "SELECT * WHERE { ?s ?p ?o } VALUES ?o { " + "<urn:x> " * (chars // 8) + "}"


def chained_plus(terms: int = 8_000) -> str:
    return "SELECT * WHERE { ?s ?p ?o FILTER(?o = " + "+".join(["1"] * terms) + ") }"


def nested_braces(depth: int = 4_000) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth


def service_call(port: int, path: str = "x") -> str:
    """A query that makes the endpoint call ``http://127.0.0.1:PORT/PATH`` (SSRF) unless it refuses."""
    return f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/{path}> {{ ?x ?p ?o }} }}"


class Hostile(NamedTuple):
    name: str
    method: str  # GET (query in the URL) or POST (body)
    body: bytes | None
    detail: str  # the query for a GET, the Content-Type for a POST


def hostile_requests(listener_port: int) -> list[Hostile]:
    """Every pathological request of issue 16, as the benchmark cycles through them."""
    values = huge_values()
    return [
        Hostile("10 MB VALUES (POST)", "POST", values.encode(), "application/sparql-query"),
        Hostile("2 MB VALUES (GET)", "GET", None, values[: 2 * 1024 * 1024]),
        Hostile("160 KB || filter", "POST", or_filter().encode(), "application/sparql-query"),
        Hostile("8,000 chained +", "GET", None, chained_plus()),
        Hostile("4,000 nested braces", "GET", None, nested_braces()),
        Hostile("SERVICE to a local port", "GET", None, service_call(listener_port)),
        Hostile("cross product (runs to the timeout)", "GET", None, CROSS_PRODUCT),
    ]


class Listener:
    """A TCP listener on a free port of 127.0.0.1 that counts connections: proof of whether the endpoint called out.

    Example:
        >>> with Listener() as listener:
        ...     listener.connections
        0
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
