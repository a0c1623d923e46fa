"""The Oxigraph server of ``kg serve``, where only kg serve can reach it: a private network behind a Unix socket.

``oxigraph serve-read-only`` listens on TCP and checks neither ``Host`` nor any secret, so on
127.0.0.1 any local process (another user's, or a web page through DNS rebinding) could query
it directly, past every check of :class:`kg.use.serve.SparqlProxy` (``SERVICE``, size, depth).
:class:`kg.use.serve.OxigraphServer` therefore starts this module as::

    unshare --user --map-root-user --net -- python -I -S kg/use/inner.py SOCKET OXIGRAPH ARGS...

In that new network namespace only a loopback interface exists, which this module brings up;
Oxigraph listens there (``--bind 127.0.0.1:PORT`` in ARGS), unreachable from the host's
network. The front reaches it through ``SOCKET``, a Unix socket of mode 0600 in a private
temporary folder, which this module relays to Oxigraph, one thread pair per connection.

SIGHUP restarts Oxigraph in place (the front's way to stop a runaway query), without a new
namespace or interpreter; each restart done is counted in ``SOCKET.restarts``. The process
exits when Oxigraph dies on its own, so the front sees a dead backend and starts a new one.
While Oxigraph restarts, the relay holds new connections until it listens again.

Hand-written: no library relays a Unix socket to TCP, and the relay is what makes Oxigraph's
port private (socat would do it, but is one more system package).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
CHUNK = 64 * 1024


def loopback_up() -> None:
    """Bring up ``lo`` (down in a new network namespace), as ``ip link set lo up`` does."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, SIOCGIFFLAGS, struct.pack("16sH14x", b"lo", 0)))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def bound_port(args: list[str]) -> int:
    """The port of Oxigraph's ``--bind HOST:PORT`` argument."""
    return int(args[args.index("--bind") + 1].rpartition(":")[2])


def _pump(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(CHUNK):
            target.sendall(data)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)


def _relay(client: socket.socket, port: int) -> None:
    deadline = time.monotonic() + 30
    while True:  # Oxigraph may be restarting: wait for it
        try:
            upstream = socket.create_connection(("127.0.0.1", port))
            break
        except OSError:
            if time.monotonic() > deadline:
                client.close()
                return
            time.sleep(0.02)
    back = threading.Thread(target=_pump, args=(upstream, client), daemon=True)
    back.start()
    _pump(client, upstream)
    back.join()
    client.close()
    upstream.close()


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class _Oxigraph:
    """The Oxigraph child: started, restarted on SIGHUP, watched."""

    def __init__(self, command: list[str], port: int, path: str) -> None:
        self.command, self.port, self.path = command, port, path
        self.server: subprocess.Popen | None = None
        self.restarts = 0

    def start(self) -> None:
        server = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  preexec_fn=_die_with_parent)
        while True:  # until Oxigraph listens
            if server.poll() is not None:
                os._exit(server.returncode or 1)
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                break
            time.sleep(0.02)
        self.server = server

    def restart(self, *_) -> None:
        old, self.server = self.server, None
        if old is not None:
            old.kill()  # a read-only store: nothing to flush, and a runaway query may ignore SIGTERM for a while
            old.wait()
        self.start()
        self.restarts += 1
        with open(self.path + ".restarts.tmp", "w", encoding="ascii") as out:
            out.write(str(self.restarts))
        os.replace(self.path + ".restarts.tmp", self.path + ".restarts")  # whole, for the front polling it

    def watch(self) -> None:
        while True:
            server = self.server
            if server is None:
                time.sleep(0.02)
                continue
            server.wait()
            if self.server is server:  # died on its own (a query overflowed its stack...), not restarted
                os._exit(1)

    def stop(self, *_) -> None:
        if self.server is not None:
            self.server.terminate()
        os._exit(0)


def main(argv: list[str]) -> None:
    path, command = argv[0], argv[1:]
    loopback_up()
    oxigraph = _Oxigraph(command, bound_port(command), path)
    signal.signal(signal.SIGTERM, oxigraph.stop)
    signal.signal(signal.SIGINT, oxigraph.stop)
    oxigraph.start()
    signal.signal(signal.SIGHUP, oxigraph.restart)
    threading.Thread(target=oxigraph.watch, daemon=True).start()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # the socket file is born 0600: only this user may connect
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(128)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=_relay, args=(client, oxigraph.port), daemon=True).start()


if __name__ == "__main__":
    main(sys.argv[1:])
