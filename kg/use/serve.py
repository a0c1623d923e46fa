"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a graph, run by the Oxigraph server.

The SPARQL protocol and content negotiation (JSON, XML, CSV, TSV results; Turtle, N-Triples,
RDF/XML graphs) are Oxigraph's own (``oxigraph serve-read-only --timeout-s N``, the binary
shipped by the ``oxigraph`` PyPI package), on 127.0.0.1 and a free port. The graph is bulk-loaded into a temporary Oxigraph store that is deleted
on exit; as in ``kg query``, the default graph is the merge of all graphs (each triple
once) and the per-article named graphs are kept for ``GRAPH`` queries.

Oxigraph lacks what an endpoint reachable from a browser needs, so a small WSGI app, served
by waitress, sits in front of it and forwards everything else unchanged:

- a per-query timeout that always holds: Oxigraph's ``--timeout-s`` lets some queries run on
  (an aggregate or ORDER BY over a huge join), so a query that overruns gets 504 and the
  Oxigraph process is restarted to stop it; a server that died is restarted too;
- limits checked in linear time before Oxigraph sees a query (:mod:`kg.use.guard`): size,
  bracket depth and operator count (a long ``||`` chain overflows Oxigraph's stack), and no
  ``SERVICE`` unless ``allow_services`` names the endpoint (it would make the host send
  requests anywhere);
- a result-size cap: a SELECT, CONSTRUCT or DESCRIBE query without a top-level LIMIT gets
  ``LIMIT max_results`` appended (the response says so in ``X-SPARQL-MaxRows``, as
  Virtuoso does, and a JSON result cut at the cap carries a ``"warning"``); a query asking
  for more is refused with 400;
- 403 Forbidden for every SPARQL Update, however it is sent (``update=`` in a form or the
  URL, ``application/sparql-update``, ``/update``) and for any other write (PUT, DELETE,
  POST to ``/store``); Oxigraph alone answers 400 or 404 to some of these;
- browsers: no CORS headers unless ``cors`` names the origin, and a ``Host`` other than the
  bound address is refused (DNS rebinding).

Example::

    kg serve output --port 7878
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s kg:leader_of ?o }' http://127.0.0.1:7878/query
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import json
import logging
import re
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

from kg.output.store import graph_file
from kg.use.guard import MAX_QUERY_CHARS, Refused, inspect_query
from kg.use.query import MERGE_INTO_DEFAULT_GRAPH, QUERY_PREFIXES

log = logging.getLogger("kg.use.serve")

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
DEFAULT_TIMEOUT_S, DEFAULT_MAX_RESULTS = 30, 10_000
QUERY_PATHS = {"/query", "/sparql"}
# Headers passed between client and Oxigraph in each direction (hop-by-hop ones are not).
REQUEST_HEADERS = ("Accept",)
RESPONSE_HEADERS = ("Content-Type", "Content-Disposition")
CHUNK = 64 * 1024
MAX_BODY_BYTES = 4 * MAX_QUERY_CHARS  # a form-encoded query is at most 3 bytes a character, plus the other fields
THREADS = 16  # waitress threads: waiting on Oxigraph costs no CPU, so slow queries should not hold up cheap ones
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_ERROR_POSITION = re.compile(r"^error at (\d+):(\d+): ")


class ServeError(RuntimeError):
    """The endpoint could not be started."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout_s: int = DEFAULT_TIMEOUT_S
    max_results: int = DEFAULT_MAX_RESULTS  # 0: no cap
    cors: tuple[str, ...] = ()  # origins allowed to read answers cross-site ("*" for any); none by default
    allow_hosts: tuple[str, ...] = ()  # Host header names accepted besides the bound address
    allow_services: tuple[str, ...] = ()  # SERVICE endpoints a query may call; none by default


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


# How long a request waits for a server that refused it to accept connections again before restarting it.
RECOVERY_S = 10.0


def wait_for_socket(path: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until a server accepts connections on the Unix socket ``path``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"the oxigraph server exited with status {proc.returncode}")
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(path)
            return
        time.sleep(0.02)
    raise ServeError(f"nothing answered on {path} within {timeout:.0f} s")


def _die_with_parent() -> None:
    """Linux: have the kernel stop the oxigraph child if this process dies without cleaning up."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@functools.cache
def can_isolate() -> bool:
    """Whether this system lets kg run a process in a private network namespace (``unshare --user --net``).

    Linux with unprivileged user namespaces; not on macOS or Windows, nor where a container or
    a security policy forbids them.
    """
    unshare = shutil.which("unshare")
    if not sys.platform.startswith("linux") or unshare is None:
        return False
    try:
        return subprocess.run([unshare, "--user", "--map-root-user", "--net", "--", "true"], capture_output=True,
                              timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


class _UnixConnection(http.client.HTTPConnection):
    """An HTTP connection over a Unix socket (the inner server's, :mod:`kg.use.inner`)."""

    def __init__(self, path: str, *args, **kwargs):
        super().__init__("kg-inner", *args, **kwargs)
        self.path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.path)
        except FileNotFoundError:  # not started yet, or being restarted: what a closed TCP port says
            sock.close()
            raise ConnectionRefusedError(f"no server on {self.path}") from None
        except OSError:
            sock.close()
            raise
        self.sock = sock


class _UnixHandler(urllib.request.HTTPHandler):
    def __init__(self, path: str):
        super().__init__()
        self.socket_path = path

    def http_open(self, req):
        return self.do_open(functools.partial(_UnixConnection, self.socket_path), req)


class OxigraphServer:
    """``oxigraph serve-read-only`` on a store directory, as a child process that can be restarted.

    Where the system allows it (:func:`can_isolate`), the server runs in a private network
    namespace and is reached through a Unix socket only this user can open (:mod:`kg.use.inner`):
    no other local process, and no web page by DNS rebinding, can send it a query past the
    front's checks. Elsewhere it listens on 127.0.0.1 and ``isolated`` is false.

    Oxigraph's own ``--timeout-s`` is passed on, but Oxigraph 0.5 does not stop every query
    at it (an aggregate or ORDER BY over a huge join runs on), so the front restarts the
    server when a query overruns: restarting a read-only store takes milliseconds, and it
    is the only way to get the CPU back. A server that died (a query that overflowed its
    stack) is restarted too. ``generation`` counts the restarts, so a request that failed
    because another request restarted the server can tell and try again. Oxigraph's CORS
    stays off: only the front answers browsers.
    """

    def __init__(self, location: Path, host: str, port: int, timeout_s: int, isolate: bool | None = None):
        self.command = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
                        "--timeout-s", str(timeout_s)]
        self.host, self.port = host, port
        self.url = f"http://{host}:{port}"
        self.isolated = can_isolate() if isolate is None else isolate
        self.socket_path = str(Path(location).parent / "inner.sock")
        handlers = [urllib.request.ProxyHandler({})]  # never through an http_proxy of the environment
        if self.isolated:
            self.command = [shutil.which("unshare") or "unshare", "--user", "--map-root-user", "--net", "--",
                            # -I -S: no site packages, no environment; inner.py needs the standard library only,
                            # and a restart (after each query over the timeout) should not wait for imports
                            sys.executable, "-I", "-S", str(Path(__file__).with_name("inner.py")), self.socket_path,
                            *self.command]
            handlers.append(_UnixHandler(self.socket_path))
        self.opener = urllib.request.build_opener(*handlers)
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.generation = 0

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        if self.isolated:
            wait_for_socket(self.socket_path, self.proc)
        else:
            wait_for_port(self.host, self.port, self.proc)

    def open(self, request: urllib.request.Request, timeout: float):
        """``urlopen`` for a request to this server (``self.url`` + path)."""
        return self.opener.open(request, timeout=timeout)

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

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def accepting(self, timeout: float) -> bool:
        """Whether the server accepts connections again within ``timeout`` seconds."""
        if self.proc is None:
            return False
        try:
            if self.isolated:
                wait_for_socket(self.socket_path, self.proc, timeout)
            else:
                wait_for_port(self.host, self.port, self.proc, timeout)
        except ServeError:
            return False
        return True

    def restart(self, generation: int | None = None) -> None:
        """Restart the server, unless ``generation`` is given and it was restarted since."""
        with self.lock:
            if generation is not None and generation != self.generation:
                return
            self.generation += 1  # first, so that a request failing while the server stops knows why
            if self.isolated and self.alive() and self._restart_in_place():
                return
            self.stop()
            self.start()

    def _restart_in_place(self) -> bool:
        """Isolated: have kg.use.inner restart Oxigraph (SIGHUP) and wait until it has; False if it could not."""
        counter = Path(self.socket_path + ".restarts")
        before = counter.read_text() if counter.exists() else "0"
        self.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.alive():
            with contextlib.suppress(OSError):
                if counter.read_text() != before:
                    return True
            time.sleep(0.01)
        return False

    def wait_ready(self) -> None:
        """Return once no restart is under way."""
        with self.lock:
            pass

    def __enter__(self) -> OxigraphServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def cap_query(text: str, max_results: int, allowed_services: tuple[str, ...] = ()) -> tuple[str, bool]:
    """Make a query return at most ``max_results`` rows (triples' resources for DESCRIBE).

    Returns the query to run and whether a LIMIT was appended. Raises :class:`Refused`
    for a query over the endpoint's limits (:func:`kg.use.guard.inspect_query`) or asking
    for more than the cap. Syntax errors are left to Oxigraph.
    """
    shape = inspect_query(text, allowed_services)
    if max_results <= 0 or shape.form == "ASK":
        return text, False
    if shape.limit is not None:
        if shape.limit > max_results:
            raise Refused("400 Bad Request", f"LIMIT {shape.limit} is over this endpoint's cap of {max_results} results")
        return text, False
    if shape.final_values:
        raise Refused("400 Bad Request", f"a query with a final VALUES clause needs a LIMIT of at most {max_results}")
    # A newline first, so that a comment on the last line cannot swallow the LIMIT.
    return f"{text}\nLIMIT {max_results}", True


def _prologue() -> str:
    """kg's prefixes on one line, so that line numbers in Oxigraph's syntax errors stay the user's."""
    return "".join(f"PREFIX {prefix}: <{namespace}> " for prefix, namespace in QUERY_PREFIXES.items())


def _host_name(header: str) -> str:
    """The name in a ``Host`` header, without port or IPv6 brackets, lower-cased."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class SparqlProxy:
    """WSGI app in front of a read-only Oxigraph server: refuses writes, caps results, forwards the rest.

    It also guards the host: a ``Host`` header other than the bound address is refused (a web
    page cannot reach the endpoint by DNS rebinding), answers carry CORS headers only for the
    origins in ``cors``, and queries go through :func:`kg.use.guard.inspect_query` (size,
    nesting, ``SERVICE``) before Oxigraph sees them.
    """

    def __init__(self, backend: OxigraphServer, *, max_results: int = DEFAULT_MAX_RESULTS,
                 timeout_s: float = DEFAULT_TIMEOUT_S, host: str = DEFAULT_HOST, cors: tuple[str, ...] = (),
                 allow_hosts: tuple[str, ...] = (), allow_services: tuple[str, ...] = ()):
        self.backend = backend
        self.max_results = max_results
        self.timeout_s = timeout_s
        self.cors = tuple(cors)
        self.allow_services = tuple(allow_services)
        host = _host_name(host) if host.startswith("[") else host.lower()
        self.any_ip_host = host in {"0.0.0.0", "::", ""}
        self.hosts = {host, *(h.lower() for h in allow_hosts)}
        with contextlib.suppress(ValueError):
            if ipaddress.ip_address(host).is_loopback:
                self.hosts |= LOOPBACK_NAMES

    def __call__(self, environ, start_response):
        cors = self._cors_headers(environ)
        try:
            self._check_host(environ)
            method, params, headers = self._request(environ)
        except Refused as refused:
            return self._error(start_response, refused.status, str(refused), cors)
        if method == "OPTIONS":
            start_response("204 No Content", [("Content-Length", "0"), *cors])
            return [b""]
        return self._forward(environ, method, params, headers + cors, start_response)

    def _error(self, start_response, status: str, message: str, extra=()) -> list[bytes]:
        body = (message + "\n").encode("utf-8")
        start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                                *extra])
        return [body]

    def _check_host(self, environ) -> None:
        header = environ.get("HTTP_HOST")
        if header is None:  # HTTP/1.0 without Host: no browser sends that
            return
        name = _host_name(header)
        if name in self.hosts or (self.any_ip_host and _is_ip(name)):
            return
        raise Refused("403 Forbidden", f"Host {header!r} is not this endpoint's address; "
                                       "start kg serve with --allow-host NAME to accept it")

    def _cors_headers(self, environ) -> list[tuple[str, str]]:
        origin = environ.get("HTTP_ORIGIN")
        if not self.cors or not origin:
            return []
        if "*" in self.cors:
            allowed = "*"
        elif origin in self.cors:
            allowed = origin
        else:
            return []
        return [("Access-Control-Allow-Origin", allowed), ("Vary", "Origin"),
                ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                ("Access-Control-Expose-Headers", "X-SPARQL-MaxRows, X-SPARQL-Warning")]

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
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError as err:
                raise Refused("400 Bad Request", "bad Content-Length") from err
            if length > MAX_BODY_BYTES:
                raise Refused("413 Content Too Large", f"the request body is over {MAX_BODY_BYTES:,} bytes")
            try:
                body = environ["wsgi.input"].read(length).decode("utf-8")
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
        text, capped = cap_query(queries[0], self.max_results, self.allow_services)
        environ["kg.query_lines"] = queries[0].count("\n") + 1  # for syntax errors past its end (the LIMIT added)
        # kg's prefixes are predeclared, as in `kg query`; a query's own PREFIX lines override them.
        params = [(name, value) for name, value in params if name != "query"] + [("query", _prologue() + text)]
        extra = [("X-SPARQL-MaxRows", str(self.max_results))] if capped else []
        return ("POST" if method == "POST" else method), params, extra

    def _open(self, environ, method, params):
        """Send the request to Oxigraph; retried once if another request restarted it meanwhile."""
        path = environ.get("PATH_INFO") or "/"
        if path == "/sparql":
            path = "/query"
        url, data = self.backend.url + path, None
        encoded = urllib.parse.urlencode(params)
        if method == "POST":
            data = encoded.encode("utf-8")
        elif encoded:
            url += "?" + encoded
        for attempt in (1, 2):
            request = urllib.request.Request(url, data=data, method=method)
            if data is not None:
                request.add_header("Content-Type", "application/x-www-form-urlencoded")
            for name in REQUEST_HEADERS:
                value = environ.get("HTTP_" + name.upper().replace("-", "_"))
                if value:
                    request.add_header(name, value)
            self.backend.wait_ready()
            generation = self.backend.generation
            if not self.backend.alive():  # died since the last request (e.g. killed): bring it back first
                self.backend.restart(generation)
                generation = self.backend.generation
            try:
                return self.backend.open(request, timeout=self.timeout_s), generation
            except urllib.error.HTTPError as err:
                return err, generation
            except OSError as err:
                reason = getattr(err, "reason", err)
                if attempt == 1 and isinstance(reason, ConnectionRefusedError):
                    # The query never reached Oxigraph, so it cannot be what stopped it: bring it back and ask again.
                    # (The inner supervisor restarts a killed Oxigraph itself: on a busy machine that takes a while.)
                    if not self.backend.alive() or not self.backend.accepting(RECOVERY_S):
                        self.backend.restart(generation)
                    continue
                if attempt == 1 and not isinstance(reason, TimeoutError) and generation != self.backend.generation:
                    continue  # restarted under this request by another one: the query did no harm, ask again
                raise

    def _forward(self, environ, method, params, extra_headers, start_response):
        deadline = time.monotonic() + self.timeout_s
        generation = self.backend.generation
        try:
            response, generation = self._open(environ, method, params)
        except OSError as err:
            if isinstance(err, TimeoutError) or isinstance(getattr(err, "reason", None), TimeoutError):
                self.backend.restart(generation)
                return self._timed_out(start_response, extra_headers)
            if not self.backend.alive():
                # This query (or one beside it) crashed Oxigraph: restart it so that the next ones are answered.
                self.backend.restart(generation)
                return self._error(start_response, "502 Bad Gateway",
                                   "the SPARQL server crashed while answering this query and was restarted",
                                   self._cors_only(extra_headers))
            return self._error(start_response, "502 Bad Gateway", f"the SPARQL server did not answer: {err}",
                               self._cors_only(extra_headers))
        headers = [(name, response.headers[name]) for name in RESPONSE_HEADERS if response.headers.get(name)]
        if response.status == 400:
            return self._syntax_error(response, start_response, self._cors_only(extra_headers),
                                      environ.get("kg.query_lines"))
        capped = any(name == "X-SPARQL-MaxRows" for name, _ in extra_headers)
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip()
        if capped and content_type == "application/sparql-results+json":
            return self._json_with_warning(response, start_response, headers + extra_headers, deadline, generation)
        start_response(f"{response.status} {response.reason}", headers + extra_headers)
        return self._stream(response, deadline, generation)

    @staticmethod
    def _cors_only(headers):
        return [(name, value) for name, value in headers if name.startswith("Access-Control-") or name == "Vary"]

    def _syntax_error(self, response, start_response, extra, lines: int | None = None):
        """Oxigraph's 400, with the position made the user's (the prologue is on line 1, a LIMIT may follow)."""
        try:
            message = response.read(64 * 1024).decode("utf-8", "replace").strip()
        finally:
            response.close()
        match = _ERROR_POSITION.match(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            if line == 1:
                column = max(column - len(_prologue()), 1)
            if lines is not None and line > lines:  # in the LIMIT line appended: the query ended too soon
                message = f"SPARQL syntax error at line {lines}, at the end of the query: {message[match.end():]}"
            else:
                message = f"SPARQL syntax error at line {line}, column {column}: {message[match.end():]}"
        return self._error(start_response, "400 Bad Request", message, extra)

    def _json_with_warning(self, response, start_response, headers, deadline, generation):
        """A capped JSON result read whole (at most ``max_results`` rows); a cut says so in the body.

        The warning is a top-level ``"warning"`` member, beside ``head`` and ``results``,
        which SPARQL JSON clients ignore and people read; the header ``X-SPARQL-Warning``
        says it too.
        """
        body = b"".join(self._stream(response, deadline, generation))
        try:
            document = json.loads(body)
            rows = len(document["results"]["bindings"])
        except (ValueError, KeyError, TypeError):
            start_response(f"{response.status} {response.reason}", headers)
            return [body]
        if rows >= self.max_results:
            warning = (f"results cut at {self.max_results} rows, this endpoint's cap; "
                       "page through them with LIMIT and OFFSET")
            document = {"warning": warning, **document}
            body = json.dumps(document, ensure_ascii=False).encode("utf-8")
            headers = [*headers, ("X-SPARQL-Warning", warning)]
        start_response(f"{response.status} {response.reason}", [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def _timed_out(self, start_response, extra_headers=()):
        return self._error(start_response, "504 Gateway Timeout", f"query timeout: stopped after {self.timeout_s} s",
                           self._cors_only(extra_headers))

    def _stream(self, response, deadline: float, generation: int) -> Iterator[bytes]:
        """Pass the body on; a query still streaming at its deadline is cut off (and Oxigraph restarted)."""
        try:
            while chunk := response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK):
                yield chunk
                if time.monotonic() > deadline:
                    self.backend.restart(generation)
                    return
        except TimeoutError:
            self.backend.restart(generation)
        except OSError:
            if not self.backend.alive():
                self.backend.restart(generation)
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
        # A private network has no way out: SERVICE calls the user allows need the host's network.
        isolate = False if options.allow_services else None
        with OxigraphServer(location, "127.0.0.1", inner_port, options.timeout_s, isolate) as backend:
            if not backend.isolated:
                why = "--allow-service needs the network" if options.allow_services else "user namespaces unavailable"
                log.warning("warning: the inner Oxigraph server runs without a private network (%s): other local "
                            "processes can reach it on 127.0.0.1:%d", why, inner_port)
            app = SparqlProxy(backend, max_results=options.max_results, timeout_s=options.timeout_s, host=options.host,
                              cors=options.cors, allow_hosts=options.allow_hosts, allow_services=options.allow_services)
            try:
                server = create_server(app, host=options.host, port=options.port, threads=THREADS, ident="kg-serve",
                                       max_request_body_size=MAX_BODY_BYTES)
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
