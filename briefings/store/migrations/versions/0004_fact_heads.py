"""Fact heads: each fact citing more than a cut brief shows keeps a copy citing only its first few pieces of
evidence, so a brief's page reads that copy instead of a weapon's thousands of citations.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

BATCH = 20_000  # rows looked at a time (only those citing more than a head are read whole)


def upgrade() -> None:
    """Add the column, then write the head of every fact citing more than the head keeps."""
    from briefings.store.citations import HEAD_CITATIONS, head_of

    op.add_column("facts", sa.Column("head", sa.JSON(none_as_null=True), nullable=True))
    facts = sa.table("facts", sa.column("id"), sa.column("payload", sa.JSON()), sa.column("head", sa.JSON()))
    connection = op.get_bind()
    cited = sa.func.json_array_length(facts.c.payload["evidence"])
    write = sa.update(facts).where(facts.c.id == sa.bindparam("fact_id")).values(head=sa.bindparam("copy"))
    last = -1
    while True:
        ids = (
            connection.execute(sa.select(facts.c.id).where(facts.c.id > last).order_by(facts.c.id).limit(BATCH))
            .scalars()
            .all()
        )
        if not ids:
            return
        long = connection.execute(
            sa.select(facts.c.id, facts.c.payload).where(facts.c.id.in_(ids), cited > HEAD_CITATIONS)
        )
        heads = [{"fact_id": fact_id, "copy": head_of(payload)} for fact_id, payload in long]
        if heads:
            connection.execute(write, heads)
        last = ids[-1]


def downgrade() -> None:
    op.drop_column("facts", "head")
