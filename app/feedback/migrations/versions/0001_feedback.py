"""The feedback table: page, language, answer, comment and day; nothing about the person.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("answer", sa.String(8), nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.UniqueConstraint("request_id", name="uq_feedback_request_id"),
    )
    op.create_index("ix_feedback_day", "feedback", ["day"])


def downgrade() -> None:
    op.drop_index("ix_feedback_day", table_name="feedback")
    op.drop_table("feedback")
