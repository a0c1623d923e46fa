"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a graph, run by the Oxigraph server.

The SPARQL protocol, content negotiation (JSON, XML, CSV, TSV results; Turtle, N-Triples,
RDF/XML graphs) and CORS are Oxigraph's own
(``oxigraph serve-read-only --cors --timeout-s N``, the binary shipped by the ``oxigraph``
PyPI package). The graph is bulk-loaded into a temporary Oxigraph store that is deleted
on exit; as in ``kg query``, the default graph is the merge of all graphs (each triple
once) and the per-article named graphs are kept for ``GRAPH`` queries.

Oxigraph lacks three things the endpoint promises, so a small WSGI app, served by waitress,
sits in front of it and forwards everything else unchanged:

- a per-query timeout that always holds: Oxigraph's ``--timeout-s`` lets some queries run on
  (an aggregate or ORDER BY over a huge join), so a query that overruns gets 504 and the
  Oxigraph process is restarted to stop it;

- a result-size cap: a SELECT, CONSTRUCT or DESCRIBE query without a top-level LIMIT gets
  ``LIMIT max_results`` appended (the response says so in ``X-SPARQL-MaxRows``, as
  Virtuoso does); a query asking for more is refused with 400;
- 403 Forbidden for every SPARQL Update, however it is sent (``update=`` in a form or the
  URL, ``application/sparql-update``, ``/update``) and for any other write (PUT, DELETE,
  POST to ``/store``); Oxigraph alone answers 400 or 404 to some of these.

Example::

    kg serve output --port 7878
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s kg:leader_of ?o }' http://127.0.0.1:7878/query
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery

from kg.use.query import MERGE_INTO_DEFAULT_GRAPH, QUERY_PREFIXES
from kg.output.store import graph_file

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
DEFAULT_TIMEOUT_S, DEFAULT_MAX_RESULTS = 30, 10_000
QUERY_PATHS = {"/query", "/sparql"}
# Headers passed between client and Oxigraph in each direction (hop-by-hop ones are not).
REQUEST_HEADERS = ("Accept", "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers")
RESPONSE_HEADERS = ("Content-Type", "Content-Disposition", "Vary", "Access-Control-Allow-Origin",
                    "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Expose-Headers")
CORS = [("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", "X-SPARQL-MaxRows")]
CHUNK = 64 * 1024


class ServeError(RuntimeError):
    """The endpoint could not be started."""


class Refused(Exception):
    """A request the endpoint answers itself with an error status."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout_s: int = DEFAULT_TIMEOUT_S
    max_results: int = DEFAULT_MAX_RESULTS  # 0: no cap


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable from the ``oxigraph`` package (installed beside this Python)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph server is not installed; pip install oxigraph")
    return found


def load_store(graph: Path, location: Path) -> None:
    """Bulk-load an output directory or RDF file into an Oxigraph store directory."""
    source = graph_file(Path(graph))
    proc = subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(source)],
                          capture_output=True, text=True)
    if proc.returncode == 0:
        proc = subprocess.run([oxigraph_binary(), "update", "--location", str(location),
                               "--update", MERGE_INTO_DEFAULT_GRAPH], capture_output=True, text=True)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise ServeError(f"{source}: oxigraph could not load it: {detail}")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def wait_for_port(host: str, port: int, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ServeError(f"the oxigraph server exited with status {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise ServeError(f"nothing answered on {host}:{port} within {timeout:.0f} s")


def _die_with_parent() -> None:
    """Linux: have the kernel stop the oxigraph child if this process dies without cleaning up."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class OxigraphServer:
    """``oxigraph serve-read-only`` on a store directory, as a child process that can be restarted.

    Oxigraph's own ``--timeout-s`` is passed on, but Oxigraph 0.5 does not stop every query
    at it (an aggregate or ORDER BY over a huge join runs on), so the front restarts the
    server when a query overruns: restarting a read-only store takes milliseconds, and it
    is the only way to get the CPU back.
    """

    def __init__(self, location: Path, host: str, port: int, timeout_s: int):
        self.command = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
                        "--cors", "--timeout-s", str(timeout_s)]
        self.host, self.port = host, port
        self.url = f"http://{host}:{port}"
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        wait_for_port(self.host, self.port, self.proc)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        with self.lock:
            self.stop()
            self.start()

    def __enter__(self) -> OxigraphServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def cap_query(text: str, max_results: int) -> tuple[str, bool]:
    """Make a query return at most ``max_results`` rows (triples' resources for DESCRIBE).

    Returns the query to run and whether a LIMIT was appended. Raises :class:`Refused`
    for a query that is not SPARQL 1.1 or asks for more than the cap.
    """
    try:
        parsed = parseQuery(text)
    except ParseException as err:
        raise Refused("400 Bad Request", f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}") from err
    except Exception as err:  # noqa: BLE001 - rdflib's parser raises plain exceptions for some errors
        raise Refused("400 Bad Request", f"invalid SPARQL query: {err}") from err
    query = parsed[1]
    if max_results <= 0 or query.name == "AskQuery":
        return text, False
    limit = query["limitoffset"]["limit"] if "limitoffset" in query and "limit" in query["limitoffset"] else None
    if limit is not None:
        if int(limit) > max_results:
            raise Refused("400 Bad Request", f"LIMIT {limit} is over this endpoint's cap of {max_results} results")
        return text, False
    if "valuesClause" in query and query["valuesClause"] is not None:
        raise Refused("400 Bad Request", f"a query with a final VALUES clause needs a LIMIT of at most {max_results}")
    # A newline first, so that a comment on the last line cannot swallow the LIMIT.
    return f"{text}\nLIMIT {max_results}", True


def _prologue() -> str:
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in QUERY_PREFIXES.items())


class SparqlProxy:
    """WSGI app in front of a read-only Oxigraph server: refuses writes, caps results, forwards the rest."""

    def __init__(self, backend: OxigraphServer, *, max_results: int = DEFAULT_MAX_RESULTS,
                 timeout_s: float = DEFAULT_TIMEOUT_S):
        self.backend = backend
        self.max_results = max_results
        self.timeout_s = timeout_s

    def __call__(self, environ, start_response):
        try:
            method, params, headers = self._request(environ)
        except Refused as refused:
            body = (str(refused) + "\n").encode("utf-8")
            start_response(refused.status, [("Content-Type", "text/plain; charset=utf-8"),
                                            ("Content-Length", str(len(body))), *CORS])
            return [body]
        return self._forward(environ, method, params, headers, start_response)

    def _request(self, environ) -> tuple[str, list[tuple[str, str]] | None, list[tuple[str, str]]]:
        """Check the request; return the method, the (capped) parameters to send and extra headers."""
        method = environ["REQUEST_METHOD"].upper()
        path = environ.get("PATH_INFO") or "/"
        params = urllib.parse.parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "OPTIONS":
            return method, params, []
        if path == "/update" or any(name == "update" for name, _ in params):
            raise Refused("403 Forbidden", "this SPARQL endpoint is read-only: updates are refused")
        if method not in {"GET", "HEAD", "POST"} or (method == "POST" and path not in QUERY_PATHS):
            raise Refused("403 Forbidden", f"this SPARQL endpoint is read-only: {method} {path} is refused")
        if method == "POST":
            content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            try:
                body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0) or -1).decode("utf-8")
            except (UnicodeDecodeError, ValueError) as err:
                raise Refused("400 Bad Request", "the request body is not UTF-8 text") from err
            if content_type == "application/sparql-update":
                raise Refused("403 Forbidden", "this SPARQL endpoint is read-only: updates are refused")
            if content_type == "application/x-www-form-urlencoded":
                params += urllib.parse.parse_qsl(body, keep_blank_values=True)
                if any(name == "update" for name, _ in params):
                    raise Refused("403 Forbidden", "this SPARQL endpoint is read-only: updates are refused")
            elif content_type == "application/sparql-query":
                params.append(("query", body))
            else:
                raise Refused("415 Unsupported Media Type",
                              "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
        if path not in QUERY_PATHS:
            return method, params, []
        queries = [value for name, value in params if name == "query"]
        if len(queries) != 1:
            raise Refused("400 Bad Request", "give exactly one query parameter")
        text, capped = cap_query(queries[0], self.max_results)
        # kg's prefixes are predeclared, as in `kg query`; a query's own PREFIX lines override them.
        params = [(name, value) for name, value in params if name != "query"] + [("query", _prologue() + text)]
        extra = [("X-SPARQL-MaxRows", str(self.max_results))] if capped else []
        return ("POST" if method == "POST" else method), params, extra

    def _forward(self, environ, method, params, extra_headers, start_response):
        path = environ.get("PATH_INFO") or "/"
        if path == "/sparql":
            path = "/query"
        url, data = self.backend.url + path, None
        encoded = urllib.parse.urlencode(params)
        if method == "POST":
            data = encoded.encode("utf-8")
        elif encoded:
            url += "?" + encoded
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        for name in REQUEST_HEADERS:
            value = environ.get("HTTP_" + name.upper().replace("-", "_"))
            if value:
                request.add_header(name, value)
        deadline = time.monotonic() + self.timeout_s
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout_s)
        except urllib.error.HTTPError as err:
            response = err
        except TimeoutError:
            self.backend.restart()
            return self._timed_out(start_response)
        except OSError as err:
            if isinstance(getattr(err, "reason", None), TimeoutError):
                self.backend.restart()
                return self._timed_out(start_response)
            body = f"the SPARQL server did not answer: {err}\n".encode("utf-8")
            start_response("502 Bad Gateway", [("Content-Type", "text/plain; charset=utf-8"), *CORS])
            return [body]
        headers = [(name, response.headers[name]) for name in RESPONSE_HEADERS if response.headers.get(name)]
        if not any(name == "Access-Control-Allow-Origin" for name, _ in headers):
            headers.append(CORS[0])
        headers.append(CORS[1])
        start_response(f"{response.status} {response.reason}", headers + extra_headers)
        return self._stream(response, deadline)

    def _timed_out(self, start_response):
        body = f"query timeout: stopped after {self.timeout_s} s\n".encode("utf-8")
        start_response("504 Gateway Timeout", [("Content-Type", "text/plain; charset=utf-8"),
                                               ("Content-Length", str(len(body))), *CORS])
        return [body]

    def _stream(self, response, deadline: float) -> Iterator[bytes]:
        """Pass the body on; a query still streaming at its deadline is cut off (and Oxigraph restarted)."""
        try:
            while chunk := response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK):
                yield chunk
                if time.monotonic() > deadline:
                    self.backend.restart()
                    return
        except TimeoutError:
            self.backend.restart()
        finally:
            response.close()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(graph: Path, options: ServeOptions = ServeOptions(), *, on_ready=None) -> None:
    """Load ``graph`` into a temporary Oxigraph store and serve it until interrupted (Ctrl-C or SIGTERM)."""
    from waitress.server import create_server

    source = graph_file(Path(graph))
    # SIGTERM (from a service manager or a test) unwinds like Ctrl-C, so the store is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        location = Path(tmp) / "store"
        load_store(source, location)
        inner_port = free_port()
        with OxigraphServer(location, "127.0.0.1", inner_port, options.timeout_s) as backend:
            app = SparqlProxy(backend, max_results=options.max_results, timeout_s=options.timeout_s)
            try:
                server = create_server(app, host=options.host, port=options.port, threads=4, ident="kg-serve")
            except OSError as err:
                raise ServeError(f"cannot listen on {options.host}:{options.port}: {err.strerror or err}") from err
            if on_ready is not None:
                on_ready(f"http://{options.host}:{options.port}/query")
            try:
                server.run()
            except KeyboardInterrupt:
                pass
            finally:
                server.close()
