"""Browser tests against the real app served by gunicorn, driven in real Chromium.

The system Chromium (/usr/bin/chromium) is used where installed, because some
machines cannot download Playwright's own browsers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from e2e import second_engine

ROOT = Path(__file__).resolve().parent.parent
# Feedback goes to a throwaway SQLite file, never the checkout's var/ (every app and server started by a test).
os.environ.setdefault("DP_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='dp-test-feedback-')}/feedback.sqlite3")
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FIXTURE_OVERLAY = Path(__file__).parent / "fixture_content"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(log: Path, extra_env: dict[str, str] | None = None):
    """Start the app under gunicorn on a free port; yield its address; stop it."""
    port = _free_port()
    # Its own snapshot folder: the server builds its content and keeps it, as a first start does.
    env = {**os.environ, "DP_ENV": "production", "DP_SECRET_KEY": "e2e-" + "k" * 60,
           "DP_SITE_URL": f"http://127.0.0.1:{port}", "DP_SNAPSHOT_DIR": str(log.parent / "snapshot"),
           **(extra_env or {})}
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "app:create_app()"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the app did not start:\n" + log.read_text()) from error
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """The site with the real content/."""
    yield from _serve(tmp_path_factory.mktemp("server") / "gunicorn.log")


@pytest.fixture(scope="session")
def fixture_content_dir(tmp_path_factory) -> Path:
    """The fixture site for the spoken-output transcripts (e2e/fixture_content/README.md)."""
    root = tmp_path_factory.mktemp("fixture-site") / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", root)
    shutil.copytree(FIXTURE_OVERLAY, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    settings = root / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    if "languages: [en, pl]\n" not in text:
        raise RuntimeError(f"{settings}: expected 'languages: [en, pl]' to add Urdu to")
    settings.write_text(text.replace("languages: [en, pl]\n", "languages: [en, pl, ur]\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory, fixture_content_dir):
    """The site served from the fixture content, for transcripts an editor's wording change cannot fail."""
    yield from _serve(tmp_path_factory.mktemp("fixture-server") / "gunicorn.log",
                      {"DP_CONTENT_DIR": str(fixture_content_dir)})


@pytest.fixture(scope="session")
def base_url(server_url):
    return server_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if SYSTEM_CHROMIUM.exists():
        args["executable_path"] = str(SYSTEM_CHROMIUM)
    return args


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        raise RuntimeError("axe-core is missing: run 'npm ci'")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[dict]:
    """Run axe-core (WCAG 2.2 A/AA and best practice) on ``page`` as it is now; return the violations.

    axe is evaluated through the DevTools protocol, which the page's strict CSP
    (no scripts at all) does not block, so the page is tested exactly as served.
    It needs a context with JavaScript enabled (Playwright's evaluate waits forever without it).
    """
    page.evaluate(axe_source)
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture()
def run_axe(page, axe_source):
    """axe on the test's ``page`` (see ``axe_violations``)."""
    return lambda: axe_violations(page, axe_source)


@pytest.fixture(scope="session")
def ace_source() -> str:
    if not second_engine.ACE.exists():
        raise RuntimeError("accessibility-checker-engine is missing: run 'npm ci'")
    return second_engine.ACE.read_text(encoding="utf-8")


@pytest.fixture()
def run_ibm(page, ace_source):
    """Run IBM Equal Access on the current page, injected like axe; return its failures that are not recorded
    false positives (e2e/second_engine.py), each recorded one checked to still be false on this page."""

    def run() -> list[dict]:
        if not page.evaluate("() => typeof ace !== 'undefined'"):
            page.evaluate(ace_source)
        found = page.evaluate(second_engine.RUN)
        known = {fp.rule: fp for fp in second_engine.FALSE_POSITIVES}
        left = []
        for finding in found:
            fp = known.get(finding["rule"])
            if fp and page.locator(f"xpath={finding['xpath']}").evaluate(fp.still_holds):
                continue
            left.append(finding)
        return left

    return run


@pytest.fixture(autouse=True)
def fail_fast(context):
    """Pages here answer in milliseconds: a missing element should fail in seconds, not half a minute."""
    context.set_default_timeout(5_000)
