"""Baseline: the bot's tables as they were when migrations began (subscriptions, deliveries, saved queries).

A store the bot opened before migrations has them already: each is made only when missing.

Revision ID: bot_0001
Revises:
Create Date: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bot_0001"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

TABLES = ("subscriptions", "deliveries", "saved_queries")


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    """Create every baseline table that is missing, with its indexes."""
    if _missing("subscriptions"):
        op.create_table(
            "subscriptions",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("chat_id", sa.BigInteger(), nullable=False),
            sa.Column("thread_id", sa.BigInteger(), nullable=False),
            sa.Column("at", sa.String(length=8), nullable=False),
            sa.Column("timezone", sa.String(length=64), nullable=False),
            sa.Column("active", sa.Boolean(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("reason", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("chat_id", "thread_id"),
        )
        op.create_index("ix_subscriptions_active", "subscriptions", ["active"])
        op.create_index("ix_subscriptions_chat_id", "subscriptions", ["chat_id"])
    if _missing("deliveries"):
        op.create_table(
            "deliveries",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("chat_id", sa.BigInteger(), nullable=False),
            sa.Column("thread_id", sa.BigInteger(), nullable=False),
            sa.Column("slot", sa.String(length=10), nullable=False),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("finished_at", sa.DateTime(), nullable=True),
            sa.Column("covered_until", sa.DateTime(), nullable=True),
            sa.Column("messages", sa.Integer(), nullable=False),
            sa.Column("error", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("chat_id", "thread_id", "slot"),
        )
        op.create_index("ix_deliveries_chat_id", "deliveries", ["chat_id"])
    if _missing("saved_queries"):
        op.create_table(
            "saved_queries",
            sa.Column("key", sa.String(length=16), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )


def downgrade() -> None:
    """Drop the bot's tables (and every subscription with them)."""
    for table in reversed(TABLES):
        op.drop_table(table)
