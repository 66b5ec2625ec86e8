"""Command-line tools for editors and reviewers.

``flask content check`` reports every content problem at once, as ``path:line: message``
(the explainer's wording included); ``flask eligibility graph`` prints the explainer's flow.
"""

from __future__ import annotations

import os
import sys
import time

import click
from flask import Flask
from flask.cli import AppGroup

from .content.loader import check_report
from .content.problems import errors
from .content.report import annotations, changed_lines, summary
from .eligibility import check_wording, graph_text, load_flow, load_wording
from .guide import check_guide
from .views.explainer import check_translation_meta

content_cli = AppGroup("content", help="Check the Markdown content and site settings.")


@content_cli.command("check")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(strict: bool) -> None:
    from flask import current_app

    started = time.perf_counter()
    content_dir = current_app.config["CONTENT_DIR"]
    report = check_report(content_dir)
    problems = sorted(report.problems + check_guide(content_dir, report.site, editorial=True)[1])  # and the /use guide
    flow = load_flow()
    wording_problems = []
    for wording_file in sorted((content_dir / "explainer").glob("*.yaml")):
        wording = load_wording(content_dir, wording_file.stem)
        wording_problems += check_wording(flow, wording) + check_translation_meta(wording)
    for message in wording_problems:
        click.echo(message)
    for problem in problems:
        click.echo(str(problem))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # On a pull request, annotate only the lines it changed (see app/content/report.py).
        changed = changed_lines(os.environ.get("GITHUB_BASE_REF"), content_dir.parent)
        for line in annotations(problems, changed):
            click.echo(line)
    error_count = len(errors(problems)) + len(wording_problems)
    failed = error_count or (strict and problems)
    click.echo(f"{error_count} error(s), {len(problems) - len(errors(problems))} warning(s)", err=True)
    click.echo(f"{summary(report.scores)}; checked in {time.perf_counter() - started:.2f} s", err=True)
    sys.exit(1 if failed else 0)


eligibility_cli = AppGroup("eligibility", help="The Care Act eligibility explainer.")


@eligibility_cli.command("graph")
@click.option("--mermaid", is_flag=True, help="Print a Mermaid flowchart instead of text.")
def graph(mermaid: bool) -> None:
    """Print the explainer's questions, routing and legal tests, for reviewers."""
    click.echo(graph_text(load_flow(), mermaid=mermaid))


def init_app(app: Flask) -> None:
    app.cli.add_command(content_cli)
    app.cli.add_command(eligibility_cli)
