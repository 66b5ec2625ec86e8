"""The feedback table, in SQLAlchemy Core. Changes to it go through a migration in migrations/versions/."""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()
# Alembic's version table has its own name, so the feedback tables can share a database with other things.
VERSION_TABLE = "feedback_schema_version"

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False, index=True),  # ix_feedback_day
    Column("path", String(200), nullable=False),
    Column("language", String(8), nullable=False),
    Column("answer", String(8), nullable=False),
    Column("comment", Text, nullable=True),
    # A random id for one post, made by nginx ($request_id) or by the app: if nginx sends the same post to a
    # second instance after the first died, the second finds it already stored. It says nothing about anyone.
    Column("request_id", String(64), nullable=False),
    UniqueConstraint("request_id", name="uq_feedback_request_id"),
)
