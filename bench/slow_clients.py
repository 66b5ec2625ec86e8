"""Slow clients against bare gunicorn and against gunicorn behind deploy/nginx.conf.

    python -m bench.slow_clients [--slow 2] [--workers 2]

A sync worker serves one connection at a time, from its first byte to its last: a client that
sends its request slowly (an old phone on a bad signal, or someone doing it on purpose) holds
that worker the whole time. This opens ``--slow`` connections that send half a request and
wait, then times one ordinary request. Bare gunicorn with as many slow clients as workers
cannot answer until gunicorn's 30-second worker timeout; nginx reads requests itself and
only hands whole ones on, so behind it the same request is answered at once. That is why
the app is shipped only behind nginx (deploy/compose.yaml, docs/adr/010-hardening.md).
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from . import servers

HALF_A_REQUEST = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow"


@contextlib.contextmanager
def slow_clients(port: int, count: int) -> Iterator[list[socket.socket]]:
    """``count`` connections that have each sent half a request and then wait."""
    connections = []
    try:
        for _ in range(count):
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(HALF_A_REQUEST)
            connections.append(connection)
        time.sleep(0.3)  # let the server take them up
        yield connections
    finally:
        for connection in connections:
            connection.close()


def ordinary_request_seconds(port: int, timeout: float) -> float | None:
    """Seconds for one whole GET /healthz to be answered, or None if none came within ``timeout``."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            if not connection.recv(64).startswith(b"HTTP/1.1 200"):
                return None
    except OSError:  # a timeout included
        return None
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description="Slow clients: bare gunicorn and behind nginx")
    parser.add_argument("--slow", type=int, default=2, help="slow connections held open")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--timeout", type=float, default=10, help="how long to wait for the ordinary request")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dp-slow-"))
    app = servers.production_app()
    with servers.gunicorn(work / "gunicorn.log", workers=args.workers,
                          env=servers.app_env(**servers.BEHIND_NGINX)) as bare, \
            servers.nginx(app, work / "nginx", [bare.address]) as proxy:
        for what, port, slow in (("bare gunicorn", bare.port, args.slow), ("behind nginx", proxy.port, args.slow),
                                 ("behind nginx", proxy.port, 200)):
            with slow_clients(port, slow):
                seconds = ordinary_request_seconds(port, args.timeout)
            answer = f"answered in {seconds * 1000:.0f} ms" if seconds is not None else \
                f"NOT answered within {args.timeout:.0f} s"
            print(f"{what}, {args.workers} sync workers, {slow} slow clients: an ordinary request {answer}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
