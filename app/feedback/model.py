"""What one piece of feedback is, and what is kept of it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .redact import redact

# "yes" and "no" answer "Is this page useful?"; "problem" is "Report a problem with this page".
ANSWERS = ("yes", "no", "problem")
# Longer comments are refused with a kind message that keeps what was typed (never cut short silently).
MAX_COMMENT = 1200
# Control characters other than new lines and tabs have no place in a comment someone typed.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Entry:
    """All that is kept: the page, its language, the answer, the comment and the day. Nothing about the person."""

    day: dt.date
    path: str  # the page's address without a language prefix or a query: "/who-can-get-a-direct-payment"
    language: str  # "en", "pl", "ur"
    answer: str  # one of ANSWERS
    comment: str | None = None

    def __post_init__(self) -> None:
        if self.answer not in ANSWERS:
            raise ValueError(f"answer must be one of {ANSWERS}, not {self.answer!r}")


def clean_comment(text: str) -> str | None:
    """The comment as it will be stored: control characters gone, personal details removed, or None if empty."""
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return redact(text) if text else None
