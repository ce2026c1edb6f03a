"""An index on (event_id, kind) in place of event_id alone: a brief asks for the weapons of a city's events, and by
event alone the database read every attendee of those events to find them (seconds at a million articles).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_index("ix_facts_event_kind", "facts", ["event_id", "kind"])
    op.drop_index("ix_facts_event_id", table_name="facts")


def downgrade() -> None:
    op.create_index("ix_facts_event_id", "facts", ["event_id"])
    op.drop_index("ix_facts_event_kind", table_name="facts")
