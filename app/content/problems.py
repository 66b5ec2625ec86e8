"""Problems found in content, reported to editors as ``path:line: message``.

The loader and the checks never stop at the first problem: editors fix a pull
request in one pass when they see everything that is wrong at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(SystemExit):
    """Raised when content has errors: the site refuses to start rather than serve half a site.

    A SystemExit, so `flask run`, gunicorn and the Docker build stop with the list of
    ``path:line: message`` lines and exit status 1, not a traceback editors cannot read.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        listing = "\n".join(str(p) for p in self.problems)
        super().__init__(f"The site cannot start: the content has {len(self.problems)} problem(s).\n{listing}")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
