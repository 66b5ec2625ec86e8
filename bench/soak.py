"""A soak: a minute of mixed traffic through nginx to two instances, one killed half-way.

    python -m bench.soak [--seconds 60] [--visitors 8] [--workers 2]

Visitors read content pages, search, look up uses and walk the whole explainer, through
deploy/nginx.conf (rate limits lifted: all of it comes from 127.0.0.1) to two gunicorn
instances. Half-way, one instance is killed with SIGKILL. Every request must succeed, and the
surviving instance's workers must use no more memory at the end than after the warm-up
(FLAT_KIB allows for Python's allocator). `make bench` runs it after the speed runs.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import nginxconf, servers
from .client import Client, walk_explainer

# Typed the way people type them (README "Search is part of the product").
SEARCHES = ["pay my daughter", "care home", "who can get direct payments", "personal assistant wages",
            "gym", "holiday", "taxi", "dementia", "carer", "bank account", "insurance", "wat is a direct paymnet"]
LOOKUPS = ["gym", "cinema", "taxi", "holiday", "laptop", "cleaner", "pay my wife"]
FLAT_KIB = 4 * 1024
WARM_UP_SECONDS = 15


@dataclass
class Tally:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    walks: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int, what: str, ok: bool) -> None:
        with self.lock:
            self.requests += 1
            if not ok:
                self.failures.append(f"{status} {what}")


class Counted(Client):
    """A client whose every request is tallied; anything but 2xx or 3xx is a failure."""

    tally: Tally

    def request(self, method, path, *args, **kwargs):
        try:
            reply = super().request(method, path, *args, **kwargs)
        except OSError as error:
            self.tally.count(0, f"{method} {path}: {error!r}", False)
            raise
        self.tally.count(reply.status, f"{method} {path}", 200 <= reply.status < 400)
        return reply


def site_pages(port: int) -> list[str]:
    """Every address in the sitemap, as a path."""
    sitemap = Client(port).get("/sitemap.xml").body.decode()
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]


def visitor(port: int, pages: list[str], tally: Tally, stop: threading.Event, seed: int) -> None:
    chance = random.Random(seed)
    while not stop.is_set():
        client = Counted(port)
        client.tally = tally
        roll = chance.random()
        try:
            if roll < 0.6:
                client.get(chance.choice(pages))
            elif roll < 0.75:
                client.get("/search?q=" + chance.choice(SEARCHES).replace(" ", "+"))
            elif roll < 0.85:
                client.get("/use?q=" + chance.choice(LOOKUPS).replace(" ", "+"))
            else:
                walk_explainer(client, pick=chance.randint(0, 3), prefix=chance.choice(["", "/pl", "/ur"]))
                with tally.lock:
                    tally.walks += 1
        except (AssertionError, OSError) as error:  # a walk that went wrong: its request is already tallied
            with tally.lock:
                tally.failures.append(f"walk: {error!r}"[:200])


def start_visitors(port: int, pages: list[str], tally: Tally, visitors: int, seed: int):
    stop = threading.Event()
    threads = [threading.Thread(target=visitor, args=(port, pages, tally, stop, seed + n)) for n in range(visitors)]
    for thread in threads:
        thread.start()
    return stop, threads


def stop_visitors(stop: threading.Event, threads: list[threading.Thread]) -> None:
    stop.set()
    for thread in threads:
        thread.join(timeout=30)


def run_visitors(port: int, pages: list[str], tally: Tally, visitors: int, seconds: float, seed: int) -> None:
    stop, threads = start_visitors(port, pages, tally, visitors, seed)
    time.sleep(seconds)
    stop_visitors(stop, threads)


def rss_mib(server: servers.Server) -> list[float]:
    return [round(servers.memory_kib(pid)[0] / 1024, 1) for pid in server.worker_pids()]


@dataclass
class Result:
    seconds: float
    requests: int
    failures: list[str]
    walks: int
    after_kill: int
    start_rss: list[float]
    end_rss: list[float]

    @property
    def flat(self) -> bool:
        return max(end - start for start, end in zip(self.start_rss, self.end_rss, strict=False)) * 1024 <= FLAT_KIB

    def report(self) -> str:
        return (f"soak: {self.seconds:.0f} s of mixed traffic through nginx, one of two instances killed half-way: "
                f"{self.requests:,} requests ({self.after_kill:,} after the kill, {self.walks} whole explainer "
                f"walks), {len(self.failures)} failed; surviving instance's worker RSS {self.start_rss} MiB "
                f"at the start, {self.end_rss} MiB at the end")


def soak(work: Path, *, seconds: float = 60, visitors: int = 8, workers: int = 2) -> Result:
    work.mkdir(parents=True, exist_ok=True)
    app = servers.production_app()
    env = servers.app_env(**servers.BEHIND_NGINX)
    with servers.gunicorn(work / "a.log", env=env, workers=workers) as a, \
            servers.gunicorn(work / "b.log", env=env, workers=workers) as b, \
            servers.nginx(app, work / "nginx", [a.address, b.address], **nginxconf.UNLIMITED) as proxy:
        pages = site_pages(proxy.port)
        for server in (a, b):  # warm-up: every page in every worker's page cache (3 tries each) ...
            for path in pages * 3:
                Client(server.port).get(path)
        # ... and the same mix as the soak, unmeasured, so Python's allocator has grown to what the work
        # needs: "flat" then means no growth from the work itself.
        run_visitors(proxy.port, pages, Tally(), visitors, WARM_UP_SECONDS, seed=1000)
        start_rss = rss_mib(b)
        tally = Tally()
        stop, threads = start_visitors(proxy.port, pages, tally, visitors, seed=0)
        started = time.monotonic()
        time.sleep(seconds / 2)
        before_kill = tally.requests
        a.kill()
        time.sleep(seconds / 2)
        stop_visitors(stop, threads)
        elapsed = time.monotonic() - started
        end_rss = rss_mib(b)
    return Result(elapsed, tally.requests, tally.failures, tally.walks, tally.requests - before_kill,
                  start_rss, end_rss)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--visitors", type=int, default=8, help="simultaneous visitors")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args()
    result = soak(Path(tempfile.mkdtemp(prefix="dp-soak-")), seconds=args.seconds, visitors=args.visitors,
                  workers=args.workers)
    print(result.report())
    for failure in result.failures[:20]:
        print("  failed:", failure)
    return 0 if not result.failures and result.flat else 1


if __name__ == "__main__":
    sys.exit(main())
