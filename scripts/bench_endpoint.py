"""Cheap-query latency of ``kg serve`` while hostile queries hammer it from other threads.

Usage::

    python scripts/bench_endpoint.py OUTPUT_DIR_OR_RDF_FILE [--seconds 30] [--cheap 4] [--bad 4] [--timeout 5] [--without WORD]

Starts ``kg serve`` on a free port of 127.0.0.1 (through the ``kg`` beside this Python, or
``python -m kg``), then for ``--seconds`` runs ``--cheap`` threads sending small SELECT/ASK
queries and ``--bad`` threads cycling through the pathological requests of issue 16
(:func:`kg.use.hostile.hostile_requests`, shared with tests/test_serve.py): a
10 MB ``VALUES`` by POST, a 2 MB one by GET, the 160 KB ``||`` filter that overflowed
Oxigraph's stack, 8,000 chained ``+``, 4,000 nested braces, a ``SERVICE`` call to a local
listener, and a five-way cross product that runs until the timeout. Prints the cheap
queries' p50/p99/max latency and failures, what status each bad request got, and whether
the local listener was ever called (it must not be). The target (issue 16) is cheap queries
answered within 1 s while the bad ones run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from kg.use.hostile import Listener, hostile_requests
from kg.use.serve import free_port, wait_for_port

CHEAP = [
    "SELECT ?p ?c WHERE { ?p kg:leader_of ?c } LIMIT 20",
    "ASK { ?s a kg:Person }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Person }",
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 50",
]


def prepare(url: str, method: str, body: bytes | None, detail: str) -> tuple[str, bytes | None, dict]:
    """URL, body and headers of one request, encoded once (so the bench's own CPU stays off the clock)."""
    headers = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        return url + "?" + urllib.parse.urlencode({"query": detail}), None, headers
    return url, body, {**headers, "Content-Type": detail}


def send(prepared: tuple[str, bytes | None, dict], timeout: float) -> int | str:
    """HTTP status of one request (or the name of the error that ended it)."""
    target, body, headers = prepared
    request = urllib.request.Request(target, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        err.read()
        return err.code
    except (urllib.error.URLError, OSError) as err:
        return type(getattr(err, "reason", err)).__name__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--cheap", type=int, default=4, help="threads sending cheap queries")
    parser.add_argument("--bad", type=int, default=4, help="threads sending hostile requests")
    parser.add_argument("--timeout", type=int, default=5, help="kg serve --timeout")
    parser.add_argument("--without", action="append", default=[], metavar="WORD",
                        help="leave out the hostile requests whose name contains WORD (repeatable)")
    args = parser.parse_args()

    port = free_port()
    script = Path(sys.executable).parent / "kg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    server = subprocess.Popen([*command, "serve", str(args.graph), "--port", str(port), "--timeout", str(args.timeout)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "CI": "1"})
    listener = Listener()
    try:
        wait_for_port("127.0.0.1", port, server, timeout=120)
        url = f"http://127.0.0.1:{port}/query"
        bad = [b for b in hostile_requests(listener.port) if not any(word in b[0] for word in args.without)]
        stop_at = time.monotonic() + args.seconds
        latencies: list[float] = []
        cheap_failures: Counter = Counter()
        bad_status: dict[str, Counter] = {name: Counter() for name, *_ in bad}
        cheap = [prepare(url, "GET", None, query) for query in CHEAP]
        hostile = [(name, prepare(url, method, body, detail)) for name, method, body, detail in bad]
        lock = threading.Lock()

        def cheap_worker(number: int) -> None:
            i = number
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                status = send(cheap[i % len(cheap)], timeout=60)
                elapsed = time.perf_counter() - started
                with lock:
                    if status == 200:
                        latencies.append(elapsed)
                    else:
                        cheap_failures[status] += 1
                i += 1

        def bad_worker(number: int) -> None:
            i = number
            while time.monotonic() < stop_at:
                name, prepared = hostile[i % len(hostile)]
                status = send(prepared, timeout=120)
                with lock:
                    bad_status[name][status] += 1
                i += 1

        threads = [threading.Thread(target=cheap_worker, args=(n,)) for n in range(args.cheap)]
        threads += [threading.Thread(target=bad_worker, args=(n,)) for n in range(args.bad)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        listener.close()
        server.terminate()
        server.wait(timeout=30)

    print(f"{args.cheap} cheap-query threads, {args.bad} hostile threads, {args.seconds:.0f} s, kg serve --timeout {args.timeout}")
    if latencies:
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
        print(f"cheap queries answered: {len(ordered)}  p50 {statistics.median(ordered) * 1000:.0f} ms  "
              f"p99 {p99 * 1000:.0f} ms  max {ordered[-1] * 1000:.0f} ms  over 1 s: {sum(1 for t in ordered if t > 1)}")
    print(f"cheap queries failed: {dict(cheap_failures) or 0}")
    for name, statuses in bad_status.items():
        print(f"  {name:40s} {dict(statuses)}")
    print(f"connections to the local listener (must be 0): {listener.connections}")


if __name__ == "__main__":
    main()
