"""Command-line tools for editors and reviewers.

``flask content check`` reports every content problem at once, as ``path:line: message``
(the explainer's wording included); ``flask eligibility graph`` prints the explainer's flow.
"""

from __future__ import annotations

import os
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from .content import check_content
from .content.problems import errors
from .eligibility import check_wording, graph_text, load_flow, load_wording

content_cli = AppGroup("content", help="Check the Markdown content and site settings.")


@content_cli.command("check")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(strict: bool) -> None:
    from flask import current_app

    content_dir = current_app.config["CONTENT_DIR"]
    _site, problems = check_content(content_dir)
    flow = load_flow()
    wording_problems = []
    for wording_file in sorted((content_dir / "explainer").glob("*.yaml")):
        wording_problems += check_wording(flow, load_wording(content_dir, wording_file.stem))
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for message in wording_problems:
        click.echo(message)
    for problem in problems:
        click.echo(str(problem))
        if github:
            level = "error" if problem.severity == "error" else "warning"
            click.echo(f"::{level} file={problem.path},line={problem.line}::{problem.message}")
    error_count = len(errors(problems)) + len(wording_problems)
    failed = error_count or (strict and problems)
    click.echo(f"{error_count} error(s), {len(problems) - len(errors(problems))} warning(s)", err=True)
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
