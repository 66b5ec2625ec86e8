"""Shared fixtures. ``app`` uses a tiny fixture site (tests/fixtures/content), so these tests do not
change when editors change the real content; ``real_app`` uses ``content/`` for the real-content checks."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

from app import create_app

ROOT = Path(__file__).resolve().parent.parent
# Feedback goes to a throwaway SQLite file, never the checkout's var/ (every app and server started by a test).
os.environ.setdefault("DP_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='dp-test-feedback-')}/feedback.sqlite3")
# Every app a test makes is built from its content: no start-up snapshot (tests/test_snapshot.py tests that).
os.environ.setdefault("DP_SNAPSHOT_DIR", "")
FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
TODAY = dt.date(2026, 11, 25)


def fixture_site(root: Path) -> Path:
    """The small fixture site, with its own copy of the explainer wording: editors' changes never reach it."""
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


@pytest.fixture(scope="session")
def fixture_content(tmp_path_factory) -> Path:
    return fixture_site(tmp_path_factory.mktemp("fixture") / "content")


@pytest.fixture(scope="session")
def app(fixture_content):
    return create_app({"CONTENT_DIR": fixture_content, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def real_app():
    return create_app({"TESTING": True})


@pytest.fixture()
def real_client(real_app):
    return real_app.test_client()


# Files taken out of a copy of the real content, so that the fallback to English can be tested on
# real pages once everything has a translation: a use, and a page in the main menu.
NOT_YET_TRANSLATED = ("use/dog-walker.pl.md", "use/dog-walker.ur.md", "pages/help-and-advice.ur.md")


@pytest.fixture(scope="session")
def partly_translated_app(tmp_path_factory):
    """The real content with a few translations taken out (``NOT_YET_TRANSLATED``)."""
    root = tmp_path_factory.mktemp("partly") / "content"
    shutil.copytree(ROOT / "content", root)
    for name in NOT_YET_TRANSLATED:
        (root / name).unlink()
    return create_app({"CONTENT_DIR": root, "TESTING": True})


@pytest.fixture()
def partly_translated_client(partly_translated_app):
    return partly_translated_app.test_client()


@pytest.fixture()
def make_site(tmp_path):
    """Copy the fixture site into a temporary folder and let a test add or replace files."""

    def make(files: dict[str, str] | None = None) -> Path:
        root = fixture_site(tmp_path / "content")
        for name, text in (files or {}).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


def page_text(front: str, body: str = "Some text.\n") -> str:
    """A page file with the given front matter lines (dedented) and body."""
    return "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n" + textwrap.dedent(body)


VALID_FRONT = """
title: A page
description: A page for a test.
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: Test team
"""


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server (Debian's), started in a temporary folder for this test run."""
    from bench.postgres import postgresql

    with postgresql() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The same tests against SQLite (a fresh file) and a real PostgreSQL (a fresh database)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/feedback.sqlite3"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture(scope="session")
def nginx_installed():
    """The serving tests run the real nginx. Without it they fail rather than skip: a skipped test proves
    nothing. `make test` installs it as root (`make system-packages`)."""
    from bench import servers

    if servers.nginx_binary() is None:
        pytest.fail("nginx is not installed: run `make system-packages` as root (Debian: apt-get install nginx-light)")
