"""The Oxigraph server of ``kg serve``, where only kg serve can reach it: a private network behind a Unix socket.

``oxigraph serve-read-only`` listens on TCP and checks neither ``Host`` nor any secret, so on
127.0.0.1 any local process (another user's, or a web page through DNS rebinding) could query
it directly, past every check of :class:`kg.use.serve.SparqlProxy` (``SERVICE``, size, depth).
:class:`kg.use.serve.OxigraphServer` therefore starts this module as::

    unshare --user --map-root-user --net -- python -m kg.use.inner SOCKET OXIGRAPH ARGS...

In that new network namespace only a loopback interface exists, which this module brings up;
Oxigraph listens there (``--bind 127.0.0.1:PORT`` in ARGS), unreachable from the host's
network. The front reaches it through ``SOCKET``, a Unix socket of mode 0600 in a private
temporary folder, which this module relays to Oxigraph, one thread pair per connection.

Hand-written: no library relays a Unix socket to TCP, and the relay is what makes Oxigraph's
port private (socat would do it, but is one more system package). The process exits when
Oxigraph exits, so the front sees a dead backend and restarts it.
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
    try:
        upstream = socket.create_connection(("127.0.0.1", port))
    except OSError:
        client.close()
        return
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


def main(argv: list[str]) -> None:
    path, command = argv[0], argv[1:]
    port = bound_port(command)
    loopback_up()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)

    def stop(*_) -> None:
        server.terminate()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:  # until Oxigraph listens
        if server.poll() is not None:
            sys.exit(server.returncode or 1)
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            break
        time.sleep(0.02)

    def watch() -> None:
        server.wait()
        os._exit(1)  # Oxigraph died (a query overflowed its stack...): so does this process, and the front restarts it

    threading.Thread(target=watch, daemon=True).start()
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
        threading.Thread(target=_relay, args=(client, port), daemon=True).start()


if __name__ == "__main__":
    main(sys.argv[1:])
