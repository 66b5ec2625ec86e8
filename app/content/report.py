"""How ``flask content check`` shows problems: ``path:line: message``, plus GitHub annotations.

In GitHub Actions, each problem on a line the pull request changed is also printed
as a workflow command (``::warning file=…,line=…::…``), so GitHub shows it beside
that line in the pull request. Problems on lines the pull request did not touch
(an overdue review on an old page, say) are listed but not annotated: they are not
this change's fault, and GitHub shows only the first few annotations anyway.
"""

from __future__ import annotations

import re
import statistics
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .readability import Score

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")


def changed_lines(base_ref: str | None, cwd: Path) -> dict[str, set[int]] | None:
    """Lines each file gained or changed since the pull request's base branch; None if that is not known."""
    if not base_ref:
        return None
    try:
        diff = subprocess.run(
            ["git", "diff", "--unified=0", "--no-color", "--no-ext-diff", f"origin/{base_ref}...HEAD"],
            cwd=cwd, capture_output=True, text=True, check=True, timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_diff(diff)


def parse_diff(diff: str) -> dict[str, set[int]]:
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = changed.setdefault(name[2:], set()) if name.startswith("b/") else None
        elif current is not None and (hunk := HUNK.match(line)):
            start, count = int(hunk["start"]), int(hunk["count"] or 1)
            current.update(range(start, start + count))
    return changed


def annotations(problems: Iterable[Problem], changed: Mapping[str, set[int]] | None) -> list[str]:
    """GitHub workflow commands for the problems on changed lines (all problems if the changes are not known)."""
    return [
        f"::{problem.severity} file={_escape(problem.path, True)},line={problem.line}::{_escape(problem.message)}"
        for problem in problems
        if changed is None or problem.line in changed.get(problem.path, ())
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
