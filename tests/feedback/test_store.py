"""The feedback store, run against SQLite and against a real PostgreSQL server (``database_url``)."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect

from app.feedback import Entry, FeedbackStore, StoreUnavailable, months_before
from app.feedback.schema import VERSION_TABLE, metadata
from app.feedback.store import HEAD_REVISION, MIGRATIONS

DAY = dt.date(2026, 11, 25)


@pytest.fixture()
def store(database_url):
    feedback_store = FeedbackStore(database_url)
    feedback_store.migrate()
    yield feedback_store
    feedback_store.close()


def test_an_entry_is_stored_with_nothing_but_page_language_answer_comment_and_day(store):
    assert store.add(Entry(DAY, "/paying", "pl", "problem", "The table is hard to read"))
    assert store.entries(DAY) == [Entry(DAY, "/paying", "pl", "problem", "The table is hard to read")]
    columns = {column["name"] for column in inspect(store.engine).get_columns("feedback")}
    # No address, cookie, browser or time of day: only a random id that makes a retried post count once.
    assert columns == {"id", "day", "path", "language", "answer", "comment", "request_id"}
    assert str(inspect(store.engine).get_columns("feedback")[1]["type"]) == "DATE"


def test_a_post_sent_twice_with_the_same_request_id_is_stored_once(store):
    entry = Entry(DAY, "/paying", "en", "no")
    assert store.add(entry, "a" * 32) is True
    assert store.add(entry, "a" * 32) is False  # nginx sent it again to the other instance
    assert store.add(entry, "b" * 32) is True
    assert store.add(entry) is True  # no id (no nginx in front): a fresh random one
    assert store.count() == 3


def test_entries_between_two_days_oldest_first(store):
    store.add_many([Entry(DAY - dt.timedelta(days=n), f"/page-{n}", "en", "yes") for n in range(5)])
    found = store.entries(DAY - dt.timedelta(days=3), DAY - dt.timedelta(days=1))
    assert [entry.path for entry in found] == ["/page-3", "/page-2", "/page-1"]


def test_delete_before_removes_only_older_entries(store):
    store.add_many([Entry(dt.date(2025, 11, 24), "/old", "en", "no"), Entry(dt.date(2025, 11, 25), "/kept", "en", "no"),
                    Entry(DAY, "/new", "en", "yes")])
    assert store.delete_before(months_before(DAY, 12)) == 1
    assert [entry.path for entry in store.entries(dt.date(2000, 1, 1))] == ["/kept", "/new"]


def test_the_migrations_make_exactly_the_schema_the_code_uses(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_migrating_again_changes_nothing(store):
    store.add(Entry(DAY, "/paying", "en", "yes"))
    store.migrate()
    assert store.count() == 1


def test_head_revision_is_the_newest_migration():
    """A new migration must move HEAD_REVISION too, or start-up would skip it on an existing database."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_a_database_already_at_head_is_not_migrated_again(store, monkeypatch):
    import alembic.command

    monkeypatch.setattr(alembic.command, "upgrade", lambda *args: pytest.fail("Alembic ran on an up-to-date schema"))
    store.migrate()
    assert store.add(Entry(DAY, "/paying", "en", "yes"))


def test_a_database_behind_head_is_migrated(database_url):
    """The check reads the version Alembic wrote: an older one (a new migration to run) is not skipped."""
    store = FeedbackStore(database_url)
    store.migrate()
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version_num = 'older'")
    assert store._at_head() is False
    store.close()


def _migrate_and_add(url: str) -> None:
    FeedbackStore(url).add(Entry(DAY, "/paying", "en", "yes"))


def test_several_processes_starting_at_once_migrate_safely(database_url):
    """gunicorn workers (or instances) meeting a new database together: each one's first post is stored."""
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_migrate_and_add, args=(database_url,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(30)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    assert FeedbackStore(database_url).count() == 4


def test_an_unreachable_database_is_unavailable_not_an_error(tmp_path):
    store = FeedbackStore("postgresql://nobody@127.0.0.1:9/none")  # nothing listens on port 9
    with pytest.raises(StoreUnavailable):
        store.add(Entry(DAY, "/paying", "en", "yes"))
    assert store.try_migrate() is False
    folder = tmp_path / "file-not-folder"
    folder.write_text("")
    with pytest.raises(StoreUnavailable):
        FeedbackStore(f"sqlite:///{folder}/feedback.sqlite3").add(Entry(DAY, "/paying", "en", "yes"))


def test_a_full_sqlite_database_is_unavailable(tmp_path):
    store = FeedbackStore(f"sqlite:///{tmp_path}/feedback.sqlite3")
    store.migrate()

    @event.listens_for(store.engine, "connect")
    def no_room(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()
    with pytest.raises(StoreUnavailable):
        store.add_many([Entry(DAY, "/paying", "en", "problem", "x" * 1200)] * 50)


def test_a_stopped_postgresql_is_unavailable_and_comes_back(postgres_server):
    store = FeedbackStore(postgres_server.url)
    store.migrate()
    before = store.count()
    postgres_server.stop()
    try:
        with pytest.raises(StoreUnavailable):
            store.add(Entry(DAY, "/paying", "en", "yes"))
    finally:
        postgres_server.start()
    assert store.add(Entry(DAY, "/paying", "en", "yes"))  # the pool's dead connections are replaced
    assert store.count() == before + 1


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2026, 11, 25), 12, dt.date(2025, 11, 25)),
    (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2026, 1, 15), 1, dt.date(2025, 12, 15)),
    (dt.date(2028, 2, 29), 12, dt.date(2027, 2, 28)),
])
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_only_sqlite_and_postgresql_are_accepted():
    with pytest.raises(ValueError, match="sqlite"):
        FeedbackStore("mysql://somewhere/db")
    assert FeedbackStore("postgres://u@h/db").url.drivername == "postgresql+psycopg"
