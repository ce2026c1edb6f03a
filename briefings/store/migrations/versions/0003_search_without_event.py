"""Search words without the event: an attendee's or weapon's `search` no longer holds its event's key.

A topic naming a city then finds that city's events by their own words, and their people and weapons through them,
instead of also matching every guest of every such event by word (thousands at a year of news, each looked up
again by every statement of the brief). Briefs list the same facts before and after.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

BATCH = 5_000  # rows read and rewritten at a time: a million-article store holds millions of attendees


def upgrade() -> None:
    """Recompute the search words of every attendee and weapon, a batch of rows at a time."""
    from briefings.serialize import fact_from_dict, search_text

    facts = sa.table("facts", sa.column("id"), sa.column("kind"), sa.column("payload", sa.JSON()), sa.column("search"))
    connection = op.get_bind()
    rewrite = sa.update(facts).where(facts.c.id == sa.bindparam("fact_id")).values(search=sa.bindparam("words"))
    last = -1
    while True:
        batch = connection.execute(
            sa.select(facts.c.id, facts.c.kind, facts.c.payload, facts.c.search)
            .where(facts.c.kind.in_(("attendees", "weapons")), facts.c.id > last)
            .order_by(facts.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        changed = [
            {"fact_id": fact_id, "words": words}
            for fact_id, kind, payload, search in batch
            if (words := search_text(fact_from_dict(kind, payload))) != search
        ]
        if changed:
            connection.execute(rewrite, changed)
        last = batch[-1][0]


def downgrade() -> None:
    """Nothing to undo: the words without the event mean the same to every brief of the earlier revision."""
