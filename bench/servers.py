"""Start gunicorn and nginx on loopback, wait until they answer, and stop them: for `make bench` and tests.

Every process started here is stopped by the same ``with`` block that started it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from app import create_app

from . import nginxconf

ROOT = Path(__file__).resolve().parent.parent
# DP_GUNICORN_CONF runs the serving tests against another gunicorn config, e.g. to show what a setting buys.
GUNICORN_CONF = Path(os.environ.get("DP_GUNICORN_CONF", ROOT / "deploy" / "gunicorn.conf.py"))
TEST_SECRET = "bench-and-tests-only-" + "0123456789abcdef" * 2
# The address loopback runs give as the site's own (production needs one: app/config.py).
TEST_SITE_URL = "http://localhost"


def nginx_binary() -> str | None:
    """nginx from the system's packages (Debian puts it in /usr/sbin, which a normal user's PATH may lack)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> float:
    """Seconds until ``url`` answers 200; fails with the log's end if the process dies or time runs out."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}:\n{tail(log)}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as response:
            if response.status == 200:
                return time.monotonic() - start
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not answer within {timeout} s:\n{tail(log)}")


def tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


BEHIND_NGINX = {"DP_PROXY_COUNT": "1"}
# Loopback runs reach nginx as 127.0.0.1:port; production answers only the SITE_URL host.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def production_app() -> Flask:
    """The app as these servers run it (real content, production settings), to render nginx's config."""
    return create_app({"DP_ENV": "production", "SECRET_KEY": TEST_SECRET, "SITE_URL": TEST_SITE_URL,
                       "SESSION_COOKIE_SECURE": True})


def app_env(**extra: str) -> dict[str, str]:
    """Production settings with a fixed key, so every instance can read every answers cookie."""
    env = {**os.environ, "DP_ENV": "production", "DP_SECRET_KEY": TEST_SECRET, "DP_SITE_URL": TEST_SITE_URL,
           "PYTHONUNBUFFERED": "1"}
    return {**env, **extra}


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path
    startup_seconds: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def kill(self) -> None:
        """A crash: SIGKILL to the master and every worker at once."""
        for pid in [self.process.pid, *self.worker_pids()]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def gunicorn(
    log: Path, *, workers: int = 2, env: dict[str, str] | None = None, cwd: Path = ROOT, port: int | None = None
) -> Iterator[Server]:
    """gunicorn with the production settings in deploy/gunicorn.conf.py; its output goes to ``log``."""
    port = port or free_port()
    command = [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "app:create_app()"]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env or app_env(), stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    try:
        server.startup_seconds = wait_for(f"{server.url}/healthz", process, log)
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def gunicorn_group(folder: Path, count: int, **options) -> Iterator[list[Server]]:
    """``count`` gunicorn instances side by side (logs ``folder/instance-N.log``), all stopped together."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(gunicorn(folder / f"instance-{n}.log", **options)) for n in range(count)]


@contextlib.contextmanager
def nginx(app: Flask, prefix: Path, upstreams: list[str], **options) -> Iterator[Server]:
    """deploy/nginx.conf rendered for loopback, in front of ``upstreams``."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx-light)")
    port = free_port()
    options.setdefault("extra_hosts", LOOPBACK_HOSTS)
    config = nginxconf.prepare(app, prefix, listen=f"127.0.0.1:{port}", upstreams=upstreams, **options)
    log = prefix / "error.log"
    command = [binary, "-p", str(prefix), "-c", str(config), "-e", "stderr", "-g", "daemon off;"]
    with (prefix / "stderr.log").open("ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, port, prefix / "stderr.log")
    try:
        server.startup_seconds = wait_for(f"{server.url}/healthz", process, server.log)
        yield server
    finally:
        server.stop()
        if log.exists() and "emerg" in log.read_text():
            print(tail(log), file=sys.stderr)


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB. PSS shares the pages the workers got from the preloaded master."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    pss = rss
    if rollup.exists():
        pss = int(next(line.split()[1] for line in rollup.read_text().splitlines() if line.startswith("Pss:")))
    return rss, pss
