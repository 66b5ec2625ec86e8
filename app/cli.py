"""Command-line tools for editors and reviewers.

``flask --app app.cli content check`` reports every content problem at once, as ``path:line: message``
(every content type, the explainer's wording included), without building the web app;
``flask content snapshot`` keeps the built site for servers to start from (``app/snapshot.py``);
``flask eligibility graph`` prints the explainer's flow.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from .config import load_config
from .content.problems import errors
from .content.report import annotations, summary
from .eligibility import graph_text, load_flow
from .feedback import StoreUnavailable, digest_csv, digest_markdown, months_before
from .load import read_content
from .search import check_search_words
from .translations import coverage

content_cli = AppGroup("content", help="Check the Markdown content and site settings.")


@content_cli.command("check")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(strict: bool) -> None:
    """Every problem in every content file, as path:line: message (and as annotations in GitHub Actions)."""
    from flask import current_app

    started = time.perf_counter()
    loaded = read_content(current_app.config["CONTENT_DIR"])
    site = loaded.site
    problems = sorted(loaded.problems + check_search_words(site, site.uses if site is not None else None))
    for problem in problems:
        click.echo(str(problem))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Each problem beside its line in the pull request's "Files changed" view.
        for line in annotations(problems):
            click.echo(line)
    error_count = len(errors(problems))
    failed = error_count or (strict and problems)
    click.echo(f"{error_count} error(s), {len(problems) - error_count} warning(s)", err=True)
    click.echo(f"{summary(loaded.scores)}; checked in {time.perf_counter() - started:.2f} s", err=True)
    if loaded.site is not None:  # how far each language has got (stale: translated from an older English version)
        for line in coverage(loaded.site):
            click.echo(f"translated into {line}", err=True)
    sys.exit(1 if failed else 0)


@content_cli.command("snapshot")
def snapshot_command() -> None:
    """Build the site and keep it in DP_SNAPSHOT_DIR, so servers start from it (the image build runs this)."""
    from flask import current_app

    from .built import load_or_build
    from .snapshot import FILE_NAME

    folder = current_app.config["SNAPSHOT_DIR"]
    if folder is None:
        raise click.ClickException("DP_SNAPSHOT_DIR is empty: there is nowhere to keep the snapshot")
    _, outcome = load_or_build(folder, current_app.config["CONTENT_DIR"])
    if not (outcome.loaded or outcome.saved):
        raise click.ClickException(f"could not write {Path(folder) / FILE_NAME}")
    done = "was already up to date" if outcome.loaded else "written"
    click.echo(f"Start-up snapshot {Path(folder) / FILE_NAME} {done} in {outcome.seconds:.2f} s.")


eligibility_cli = AppGroup("eligibility", help="The Care Act eligibility explainer.")


@eligibility_cli.command("graph")
@click.option("--mermaid", is_flag=True, help="Print a Mermaid flowchart instead of text.")
def graph(mermaid: bool) -> None:
    """Print the explainer's questions, routing and legal tests, for reviewers."""
    click.echo(graph_text(load_flow(), mermaid=mermaid))


feedback_cli = AppGroup("feedback", help="Feedback about pages, for the co-production group.")


def feedback_store():
    from flask import current_app

    return current_app.extensions["dp_feedback"]


@feedback_cli.command("report")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), required=True, help="First day, YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD (default: today).")
@click.option("--csv", "as_csv", is_flag=True, help="One row per response, for a spreadsheet.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def report(since: dt.datetime, until: dt.datetime | None, as_csv: bool, output: Path | None) -> None:
    """A digest of the feedback: per page, yes/no counts and comments, the most "no" first (Markdown)."""
    first, last = since.date(), (until.date() if until else dt.date.today())
    try:
        entries = feedback_store().entries(first, last)
    except StoreUnavailable as error:
        message = f"the feedback database cannot be read ({error}): is DP_DATABASE_URL right?"
        raise click.ClickException(message) from None
    text = digest_csv(entries) if as_csv else digest_markdown(entries, first, last)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{len(entries)} responses written to {output}", err=True)
    else:
        click.echo(text, nl=False)


@feedback_cli.command("delete-old")
@click.option("--months", type=click.IntRange(min=1),
              help="Keep this many months (default: DP_FEEDBACK_RETENTION_MONTHS).")
def delete_old(months: int | None) -> None:
    """Delete feedback older than the retention period (run it every day or month, e.g. from cron)."""
    from flask import current_app

    months = months or current_app.config["FEEDBACK_RETENTION_MONTHS"]
    cutoff = months_before(dt.date.today(), months)
    try:
        deleted = feedback_store().delete_before(cutoff)
    except StoreUnavailable as error:
        raise click.ClickException(f"the feedback database cannot be written ({error})") from None
    click.echo(f"Deleted {deleted} responses from before {cutoff:%Y-%m-%d} (kept {months} months).")


@feedback_cli.command("migrate")
def migrate() -> None:
    """Create or update the feedback tables (Alembic). The app also does this when it starts."""
    try:
        feedback_store().migrate()
    except StoreUnavailable as error:
        raise click.ClickException(f"the feedback database cannot be reached ({error})") from None
    click.echo(f"Feedback tables are up to date in {feedback_store()!r}.")


def make_app() -> Flask:
    """A Flask app that holds only the editors' and reviewers' commands, and never reads the content to start.

    ``flask --app app.cli content check`` (what ``make content-check`` and CI run) uses it, so a
    mistake that would stop the site starting is still reported with every other problem, on its line.
    """
    app = Flask("dp-tools")
    app.config.update(load_config())
    app.cli.add_command(content_cli)
    app.cli.add_command(eligibility_cli)
    return app


def init_app(app: Flask) -> None:
    app.cli.add_command(content_cli)
    app.cli.add_command(eligibility_cli)
    app.cli.add_command(feedback_cli)
