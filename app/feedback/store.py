"""Feedback kept in a real database: SQLite (WAL) on the machine by default, PostgreSQL for several instances.

SQLAlchemy Core builds every statement; Alembic owns the schema (``migrations/``). The web layer
only calls ``add``; the command line calls ``entries`` and ``delete_before``. Any database failure
(down, full, locked, read-only, the table missing) is raised as ``StoreUnavailable``, so the form
can say "try later" and nothing else on the site notices: content pages never touch the database.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import fcntl
import logging
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, func, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .model import Entry
from .schema import VERSION_TABLE, feedback

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. A database already there needs nothing, and start-up then never loads
# Alembic (a fifth of a second). tests/feedback checks this against Alembic's own head.
HEAD_REVISION = "0001"
# Any number will do, as long as nothing else on a shared PostgreSQL uses it: migrations take it in turn.
MIGRATION_LOCK = 0x44500018
CONNECT_TIMEOUT_S = 3  # a database that does not answer makes the form say "try later", not hang
STATEMENT_TIMEOUT_MS = 5000
SQLITE_BUSY_TIMEOUT_S = 10  # other workers writing at the same moment: wait for them


class StoreUnavailable(Exception):
    """The database could not be reached or written: down, full, locked, read-only or not set up."""


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3, the one PostgreSQL driver installed."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class FeedbackStore:
    def __init__(self, url: str):
        self.url = make_url(normalise_url(url))
        self.dialect = self.url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"DP_DATABASE_URL must be sqlite:/// or postgresql://, not {self.dialect}")
        self._engine: Engine | None = None
        self._pid = 0
        self._ready = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FeedbackStore({self.url.render_as_string(hide_password=True)!r})"

    # -- the connection, one pool per process -------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The engine for this process. gunicorn forks workers from a master that may have connected
        (to migrate): a pool must never be shared across a fork, so each process makes its own."""
        if self._engine is None or self._pid != os.getpid():
            if self._engine is not None:
                self._engine.dispose(close=False)  # the parent's connections stay the parent's
            self._engine = self._make_engine()
            self._pid = os.getpid()
        return self._engine

    def _make_engine(self) -> Engine:
        if self.dialect == "sqlite":
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

            @event.listens_for(engine, "connect")
            def sqlite_settings(dbapi_connection, _record):
                cursor = dbapi_connection.cursor()
                # WAL: readers never block the writer, and a killed process loses nothing it committed.
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
                cursor.close()

            return engine
        return create_engine(
            self.url,
            pool_pre_ping=True,  # a restarted database: the next post gets a fresh connection
            pool_size=2,
            max_overflow=2,  # a sync worker handles one request at a time
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S,
                          "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"},
        )

    @contextlib.contextmanager
    def _failures_as_unavailable(self) -> Iterator[None]:
        try:
            yield
        except (SQLAlchemyError, OSError) as error:
            # The error's type only: a message could quote a comment.
            log.warning("feedback database unavailable: %s", type(error).__name__)
            raise StoreUnavailable(type(error).__name__) from error

    # -- the schema ---------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema up to date (Alembic ``upgrade head``); safe to run from many processes at once."""
        if self._at_head():
            self._ready = True
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self._failures_as_unavailable(), self._migration_lock(), self.engine.begin() as connection:
            if self.dialect == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        self._ready = True

    def _at_head(self) -> bool:
        """True if the schema is at the newest migration: the version Alembic wrote is HEAD_REVISION."""
        with self._failures_as_unavailable(), self.engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return False  # a new database
            found = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalars().all()
        return found == [HEAD_REVISION]

    @contextlib.contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """SQLite has no advisory locks: workers starting together take turns with a lock file beside it."""
        if self.dialect != "sqlite" or not self.url.database or self.url.database == ":memory:":
            yield
            return
        lock_path = Path(self.url.database).with_suffix(".migrate-lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def try_migrate(self) -> bool:
        """At start-up: migrate if the database answers; if not, say so once and try again at the first post."""
        try:
            self.migrate()
        except StoreUnavailable:
            log.warning("feedback database not ready at start-up (%r): pages are served; feedback will be "
                        "stored once it answers", self)
            return False
        return True

    def _ensure_ready(self) -> None:
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self.migrate()

    # -- reading and writing ------------------------------------------------------------------------

    def add(self, entry: Entry, request_id: str | None = None) -> bool:
        """Store one entry; False if a post with this ``request_id`` was already stored (a retry)."""
        self._ensure_ready()
        values = {
            "day": entry.day,
            "path": entry.path,
            "language": entry.language,
            "answer": entry.answer,
            "comment": entry.comment,
            "request_id": request_id or uuid.uuid4().hex,
        }
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        statement = (dialect_insert(feedback).values(values).on_conflict_do_nothing(index_elements=["request_id"])
                     .returning(feedback.c.id))
        with self._failures_as_unavailable():
            try:
                with self.engine.begin() as connection:
                    return connection.execute(statement).first() is not None  # no row back: already there
            except IntegrityError:  # pragma: no cover - on_conflict_do_nothing prevents it
                return False

    def entries(self, since: dt.date, until: dt.date | None = None) -> list[Entry]:
        """Every entry from ``since`` to ``until`` (both included), oldest first."""
        self._ensure_ready()
        query = select(feedback.c.day, feedback.c.path, feedback.c.language, feedback.c.answer,
                       feedback.c.comment).where(feedback.c.day >= since)
        if until is not None:
            query = query.where(feedback.c.day <= until)
        with self._failures_as_unavailable(), self.engine.connect() as connection:
            rows = connection.execute(query.order_by(feedback.c.day, feedback.c.id)).all()
        return [Entry(*row) for row in rows]

    def delete_before(self, day: dt.date) -> int:
        """Delete every entry older than ``day``; return how many went."""
        self._ensure_ready()
        with self._failures_as_unavailable(), self.engine.begin() as connection:
            return connection.execute(delete(feedback).where(feedback.c.day < day)).rowcount

    def count(self) -> int:
        self._ensure_ready()
        with self._failures_as_unavailable(), self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(feedback)).scalar_one()

    def add_many(self, entries: list[Entry]) -> None:
        """For tests and imports: several entries in one transaction."""
        self._ensure_ready()
        rows = [{"day": e.day, "path": e.path, "language": e.language, "answer": e.answer, "comment": e.comment,
                 "request_id": uuid.uuid4().hex} for e in entries]
        with self._failures_as_unavailable(), self.engine.begin() as connection:
            connection.execute(insert(feedback), rows)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
