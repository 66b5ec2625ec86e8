"""Alembic's environment: always given a connection by FeedbackStore.migrate (app/feedback/store.py)."""

from alembic import context

from app.feedback.schema import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
