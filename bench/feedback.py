"""Feedback under load (part of `make bench`): is every post that got a success stored exactly once?

Sends 200 feedback posts at once through nginx (deploy/nginx.conf) and counts them in the database:
(1) two app instances sharing a throwaway PostgreSQL, one killed with SIGKILL half-way; (2) one instance
with SQLite (WAL). Each post carries its own marker in its comment, so the database can be asked how
many times each one was stored. It passes when every post answered 303 ("thank you") is stored exactly
once, nothing is stored twice, and no post gets a 5xx. The rate limits are lifted: all posts come from
127.0.0.1. tests/test_feedback_serving.py runs the same with fewer posts.
"""

from __future__ import annotations

import argparse
import http.client
import random
import string
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from app import create_app

from . import nginxconf, servers
from .postgres import postgresql

PAGE = "/what-is-a-direct-payment"


@dataclass
class Outcome:
    what: str
    sent: int
    statuses: Counter = field(default_factory=Counter)
    stored: Counter = field(default_factory=Counter)  # marker -> rows
    succeeded: set[str] = field(default_factory=set)
    failed: int = 0  # no answer at all (connection error)
    retried: int = 0  # posts nginx sent to the other instance because the first failed (its error log)
    seconds: float = 0.0

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def lost(self) -> list[str]:
        return sorted(marker for marker in self.succeeded if self.stored[marker] == 0)

    @property
    def doubled(self) -> list[str]:
        return sorted(marker for marker, rows in self.stored.items() if rows > 1)

    @property
    def ok(self) -> bool:
        return (not self.lost and not self.doubled and self.server_errors == 0 and self.failed == 0
                and len(self.succeeded) == self.sent)

    def row(self) -> str:
        return (f"| {self.what} | {self.sent} | {len(self.succeeded)} | {sum(self.stored.values())} | "
                f"{len(self.lost)} | {len(self.doubled)} | {self.server_errors} | {self.failed} | {self.retried} | "
                f"{self.seconds:.1f} |")


HEADER = ("| Run | posts sent | answered 303 | rows stored | succeeded but lost | stored twice | 5xx | no answer "
          "| retried by nginx | s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def send_posts(port: int, markers: list[str], on_half=None) -> tuple[dict[str, int | None], float]:
    """Every post at once (one thread each, released together); ``on_half`` runs when half have answered."""
    answers: dict[str, int | None] = {}
    lock = threading.Lock()
    start = threading.Barrier(len(markers) + 1)
    half = threading.Event()

    def post(marker: str) -> None:
        body = urllib.parse.urlencode({"path": PAGE, "answer": "problem", "comment": marker})
        start.wait()
        status = None
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", "/feedback", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
            status = connection.getresponse().status
            connection.close()
        except OSError:
            pass
        with lock:
            answers[marker] = status
            if len(answers) >= len(markers) // 2:
                half.set()

    threads = [threading.Thread(target=post, args=(marker,)) for marker in markers]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    start.wait()
    if on_half:
        half.wait(60)
        on_half()
    for thread in threads:
        thread.join(90)
    return answers, time.monotonic() - started


def count_markers(url: str, run: str) -> Counter:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT comment, COUNT(*) FROM feedback WHERE comment LIKE :run "
                                           "GROUP BY comment"), {"run": f"bench {run} %"}).all()
    finally:
        engine.dispose()
    return Counter(dict(rows))


def measure(what: str, database_url: str, work: Path, *, instances: int, workers: int, posts: int,
            kill: bool) -> Outcome:
    run = "".join(random.choices(string.ascii_lowercase, k=12))  # letters only: no digits for redaction to take
    markers = [f"bench {run} post {n}" for n in range(posts)]
    env = servers.app_env(**servers.BEHIND_NGINX, DP_DATABASE_URL=database_url)
    app = create_app({"DATABASE_URL": database_url})
    outcome = Outcome(what, posts)
    with servers.gunicorn_group(work, instances, workers=workers, env=env) as group, \
            servers.nginx(app, work / "nginx", [s.address for s in group], **nginxconf.UNLIMITED) as proxy:
        answers, outcome.seconds = send_posts(proxy.port, markers, on_half=group[0].kill if kill else None)
    error_log = work / "nginx" / "error.log"
    if error_log.exists():
        outcome.retried = sum(1 for line in error_log.read_text().splitlines()
                              if "[error]" in line and "upstream" in line and "/feedback" in line)
    outcome.statuses = Counter(status for status in answers.values() if status is not None)
    outcome.failed = sum(1 for status in answers.values() if status is None)
    outcome.succeeded = {marker for marker, status in answers.items() if status == 303}
    outcome.stored = count_markers(database_url, run)
    return outcome


def run_all(posts: int = 200, workers: int = 2) -> list[Outcome]:
    outcomes = []
    with postgresql() as pg:
        outcomes.append(measure(f"PostgreSQL, 2 instances × {workers} workers, one killed half-way", pg.url,
                                Path(tempfile.mkdtemp(prefix="dp-bench-fb-pg-")), instances=2, workers=workers,
                                posts=posts, kill=True))
    folder = Path(tempfile.mkdtemp(prefix="dp-bench-fb-sqlite-"))
    outcomes.append(measure(f"SQLite (WAL), 1 instance × {workers} workers", f"sqlite:///{folder}/feedback.sqlite3",
                            folder, instances=1, workers=workers, posts=posts, kill=False))
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description="Feedback posts under load (see bench/feedback.py)")
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args()
    if servers.nginx_binary() is None:
        print("the feedback bench needs nginx (Debian: apt-get install nginx-light)", file=sys.stderr)
        return 2
    outcomes = run_all(args.posts, args.workers)
    print(f"\nFeedback: {args.posts} posts at once through nginx, each counted in the database\n\n{HEADER}")
    print("\n".join(outcome.row() for outcome in outcomes))
    for outcome in outcomes:
        print(f"{outcome.what}: statuses {dict(sorted(outcome.statuses.items()))}")
    return 0 if all(outcome.ok for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
