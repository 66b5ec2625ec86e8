"""Feedback about pages ("Is this page useful?"): the storage engine. No Flask here.

``model`` says what one piece of feedback is and what is kept of it; ``redact`` takes personal
details out of a comment before it is stored; ``store`` keeps feedback in SQLite or PostgreSQL
(SQLAlchemy Core, Alembic migrations); ``report`` turns it into the co-production group's digest.
Nothing that identifies a person is kept: no address, cookie or browser, and the date to the day.
"""

from .model import ANSWERS, MAX_COMMENT, Entry, clean_comment
from .redact import redact
from .report import digest_csv, digest_markdown
from .store import FeedbackStore, StoreUnavailable, months_before

__all__ = [
    "ANSWERS",
    "MAX_COMMENT",
    "Entry",
    "FeedbackStore",
    "StoreUnavailable",
    "clean_comment",
    "digest_csv",
    "digest_markdown",
    "months_before",
    "redact",
]
