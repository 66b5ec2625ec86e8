"""Feedback through deploy/nginx.conf, really run: stored exactly once when an instance dies, and rate-limited.

The same code as `make bench` (bench/feedback.py), with fewer posts: two gunicorn instances sharing a real
PostgreSQL (started by the test), one killed with SIGKILL half-way through; and one instance with SQLite.
"""

from __future__ import annotations

import http.client
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from app import create_app
from bench import feedback, servers
from bench.postgres import postgresql

pytestmark = pytest.mark.usefixtures("nginx_installed")


def test_every_post_answered_thank_you_is_stored_once_when_an_instance_is_killed():
    with postgresql() as pg:
        outcome = feedback.measure("pg", pg.url, Path(tempfile.mkdtemp(prefix="dp-test-fb-")), instances=2,
                                   workers=2, posts=80, kill=True)
    assert outcome.server_errors == 0, outcome.statuses
    assert outcome.failed == 0
    assert outcome.lost == [] and outcome.doubled == []
    assert len(outcome.succeeded) == 80
    assert sum(outcome.stored.values()) == 80
    assert outcome.ok


def test_every_post_is_stored_once_with_sqlite(tmp_path):
    outcome = feedback.measure("sqlite", f"sqlite:///{tmp_path}/feedback.sqlite3", tmp_path, instances=1, workers=2,
                               posts=80, kill=False)
    assert outcome.ok, outcome.row()
    assert sum(outcome.stored.values()) == 80


def test_feedback_posts_have_their_own_rate_limit_with_our_kind_page(tmp_path):
    url = f"sqlite:///{tmp_path}/feedback.sqlite3"
    env = servers.app_env(**servers.BEHIND_NGINX, DP_DATABASE_URL=url)
    app = create_app({"DATABASE_URL": url})
    with servers.gunicorn(tmp_path / "app.log", env=env) as instance, \
            servers.nginx(app, tmp_path / "nginx", [instance.address]) as proxy:  # production limits
        statuses = []
        for _ in range(15):
            connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
            body = urllib.parse.urlencode({"path": "/what-is-a-direct-payment", "answer": "yes"})
            connection.request("POST", "/pl/feedback", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
            response = connection.getresponse()
            statuses.append(response.status)
            page = response.read().decode()
            connection.close()
        page_after = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
        page_after.request("GET", "/what-is-a-direct-payment")
        assert page_after.getresponse().status == 200  # reading pages is not limited by it
    # One post plus a burst of 10 (nginxconf.FEEDBACK_BURST) go through; the rest are refused for a while.
    assert statuses == [303] * 11 + [429] * 4
    assert '<html lang="pl"' in page  # our kind 429 page, in the reader's language
    assert app.extensions["dp_feedback"].count() == 11
