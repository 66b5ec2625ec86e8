"""`flask feedback report`, `delete-old` and `migrate`: what the co-production group and operators run."""

from __future__ import annotations

import datetime as dt

import pytest

from app import create_app
from app.feedback import Entry, months_before

TODAY = dt.date.today()


@pytest.fixture()
def cli_app(fixture_content, tmp_path):
    app = create_app({"CONTENT_DIR": fixture_content, "TESTING": True,
                      "DATABASE_URL": f"sqlite:///{tmp_path}/feedback.sqlite3"})
    app.extensions["dp_feedback"].add_many([
        Entry(TODAY, "/about", "en", "no"),
        Entry(TODAY, "/about", "pl", "problem", "Nie rozumiem tej strony"),
        Entry(TODAY, "/paying", "en", "yes"),
        Entry(months_before(TODAY, 13), "/paying", "en", "no"),
    ])
    return app


def test_report_writes_the_markdown_digest(cli_app):
    since = (TODAY - dt.timedelta(days=30)).isoformat()
    result = cli_app.test_cli_runner().invoke(args=["feedback", "report", "--since", since])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Feedback on the guide, ")
    assert "3 responses about 2 pages" in result.output  # the one from 13 months ago is before --since
    assert result.output.index("## `/about`") < result.output.index("## `/paying`")
    assert "Nie rozumiem tej strony" in result.output


def test_report_as_csv_to_a_file(cli_app, tmp_path):
    target = tmp_path / "feedback.csv"
    result = cli_app.test_cli_runner().invoke(
        args=["feedback", "report", "--since", "2000-01-01", "--csv", "--output", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text().splitlines()
    assert lines[0] == "day,page,language,answer,comment"
    assert len(lines) == 5


def test_report_needs_a_real_date(cli_app):
    result = cli_app.test_cli_runner().invoke(args=["feedback", "report", "--since", "last month"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output or "%Y-%m-%d" in result.output


def test_delete_old_keeps_the_retention_period(cli_app):
    result = cli_app.test_cli_runner().invoke(args=["feedback", "delete-old"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Deleted 1 responses from before ")
    assert "(kept 12 months)" in result.output
    assert cli_app.extensions["dp_feedback"].count() == 3
    result = cli_app.test_cli_runner().invoke(args=["feedback", "delete-old", "--months", "1"])
    assert "Deleted 0 responses" in result.output


def test_the_retention_setting_is_read_and_checked(monkeypatch, fixture_content):
    monkeypatch.setenv("DP_FEEDBACK_RETENTION_MONTHS", "6")
    assert create_app({"CONTENT_DIR": fixture_content}).config["FEEDBACK_RETENTION_MONTHS"] == 6
    monkeypatch.setenv("DP_FEEDBACK_RETENTION_MONTHS", "0")
    with pytest.raises(SystemExit, match="DP_FEEDBACK_RETENTION_MONTHS"):
        create_app({"CONTENT_DIR": fixture_content})


def test_an_unreachable_database_is_a_clear_message(fixture_content):
    app = create_app({"CONTENT_DIR": fixture_content, "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"})
    for args in (["feedback", "report", "--since", "2026-01-01"], ["feedback", "delete-old"], ["feedback", "migrate"]):
        result = app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 1
        assert "feedback database cannot be" in result.output


def test_migrate_says_where(cli_app):
    result = cli_app.test_cli_runner().invoke(args=["feedback", "migrate"])
    assert result.exit_code == 0
    assert "Feedback tables are up to date in FeedbackStore('sqlite:///" in result.output
