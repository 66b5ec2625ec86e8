"""``flask content check``: every content problem at once, as ``path:line: message``."""

from __future__ import annotations

import os
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from .content import check_content
from .content.problems import errors

content_cli = AppGroup("content", help="Check the Markdown content and site settings.")


@content_cli.command("check")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(strict: bool) -> None:
    from flask import current_app

    _site, problems = check_content(current_app.config["CONTENT_DIR"])
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        click.echo(str(problem))
        if github:
            level = "error" if problem.severity == "error" else "warning"
            click.echo(f"::{level} file={problem.path},line={problem.line}::{problem.message}")
    failed = errors(problems) or (strict and problems)
    click.echo(f"{len(errors(problems))} error(s), {len(problems) - len(errors(problems))} warning(s)", err=True)
    sys.exit(1 if failed else 0)


def init_app(app: Flask) -> None:
    app.cli.add_command(content_cli)
