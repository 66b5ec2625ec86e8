"""How ``flask content check`` shows problems: ``path:line: message``, plus GitHub annotations.

In GitHub Actions, every error and warning is also printed as a workflow command
(``::error file=…,line=…::…``), so GitHub shows it beside its line in the pull request.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .readability import Score

def annotations(problems: Iterable[Problem]) -> list[str]:
    """A GitHub workflow command for every error and warning, so each shows beside its line."""
    return [
        f"::{problem.severity} file={_escape(problem.path, True)},line={problem.line}::{_escape(problem.message)}"
        for problem in problems
    ]


def _escape(text: str, is_property: bool = False) -> str:
    # GitHub's workflow command escaping: % and line breaks always, and : , in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def summary(scores: list[Score]) -> str:
    """One line for the end of ``flask content check``: what the issue's notes ask to be measured."""
    scored = [s for s in scores if s.reading_age is not None]
    words = sum(s.words for s in scores)
    line = f"{len(scores)} page(s), {words:,} words"
    if scored:
        worst = max(scored, key=lambda s: s.reading_age)
        line += (
            f"; reading age median {statistics.median(s.reading_age for s in scored):g}, "
            f"worst {worst.reading_age:g} ({worst.path})"
        )
    return line
