"""Leases: the one process that schedules and sends digests holds the lease named 'digests' and renews it; when it
dies the lease runs out and another process takes it over.

Revision ID: bot_0002
Revises: bot_0001
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bot_0002"
down_revision: str | None = "bot_0001"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    """Make the leases table (empty: the first bot process to start takes the lease)."""
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    """Drop the leases table (a bot of the older version sends digests from every process it runs)."""
    op.drop_table("leases")
