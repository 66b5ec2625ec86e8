"""Alembic's environment: always given a connection by FeedbackStore.migrate (app/feedback/store.py)."""

from alembic import context

from app.feedback.schema import metadata

# The version table has its own name, so the feedback tables can share a database with other things.
VERSION_TABLE = "feedback_schema_version"

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
