"""`flask content check`: every problem as path:line: message, a summary, --strict, and GitHub annotations."""

from __future__ import annotations

import pytest

from app.cli import make_app
from tests.conftest import VALID_FRONT, page_text

WARNING_PAGE = page_text(VALID_FRONT, "We utilise the money.\n")
ERROR_PAGE = page_text(VALID_FRONT, "It costs £5.\n")


@pytest.fixture()
def run_check(make_site, monkeypatch):
    root = make_site()
    monkeypatch.setenv("DP_CONTENT_DIR", str(root))
    app = make_app()  # the commands' own app: it never reads the content to start

    def run(files: dict[str, str], *args: str, env: dict | None = None):
        for name, text in files.items():  # then an editor changes files, and runs the check
            (root / name).write_text(text, encoding="utf-8")
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        return app.test_cli_runner().invoke(args=["content", "check", *args])

    return run


def test_a_clean_site_passes_and_reports_what_was_measured(run_check):
    result = run_check({})
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("0 error(s), 0 warning(s)\n4 page(s), ")
    assert "; checked in " in result.stderr


def test_warnings_pass_unless_strict(run_check):
    files = {"pages/new-page.md": WARNING_PAGE}
    result = run_check(files)
    assert (result.exit_code, result.stdout) == (
        0, "content/pages/new-page.md:8: warning: 'utilise': say 'use' instead\n"
    )
    assert run_check(files, "--strict").exit_code == 1


def test_errors_fail(run_check):
    result = run_check({"pages/new-page.md": ERROR_PAGE})
    assert result.exit_code == 1
    assert result.stdout.startswith("content/pages/new-page.md:8: write money amounts as figures")


def test_in_github_actions_problems_are_also_annotations(run_check):
    result = run_check({"pages/new-page.md": WARNING_PAGE}, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.splitlines() == [
        "content/pages/new-page.md:8: warning: 'utilise': say 'use' instead",
        "::warning file=content/pages/new-page.md,line=8::'utilise': say 'use' instead",
    ]


def test_a_mistake_that_stops_the_site_starting_is_still_reported_on_its_line(run_check):
    """The check never builds the web app, so a broken link is one message and one annotation."""
    page = page_text(VALID_FRONT, "See [the page](no-such-page.md).\n")
    result = run_check({"pages/new-page.md": page}, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/pages/new-page.md:8: link to 'no-such-page.md': there is no page no-such-page.md",
        "::error file=content/pages/new-page.md,line=8::link to 'no-such-page.md': there is no page no-such-page.md",
    ]
