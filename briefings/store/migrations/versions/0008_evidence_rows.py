"""A folded fact citing many articles keeps its evidence as rows: a fold no longer rewrites every citation.

A weapon cited by 12,500 articles (a million-article store) held all its evidence in its payload, which each fold
of one more article read and wrote whole. Such facts (weapons, figures, quotes citing more than a few pieces of
evidence) now keep it in their fact_sources rows (briefings.store.citations). Their groups are queued: the next
merge writes them in the new layout (their digests cover it), so nothing is read in the old layout after that.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

FOLDED = ("weapons", "figures", "quotes")


def upgrade() -> None:
    op.add_column("fact_sources", sa.Column("evidence", sa.JSON(none_as_null=True), nullable=True))
    op.add_column("facts", sa.Column("evidence_rows", sa.Boolean(), nullable=False, server_default=sa.text("false")))
    facts = sa.table("facts", sa.column("kind"), sa.column("group_key"), sa.column("head"))
    dirty = sa.table("dirty_groups", sa.column("kind"), sa.column("group_key"))
    many = sa.select(facts.c.kind, facts.c.group_key).where(facts.c.kind.in_(FOLDED), facts.c.head.is_not(None))
    op.get_bind().execute(sa.insert(dirty).from_select(["kind", "group_key"], many.distinct()))


def downgrade() -> None:
    """Each fact cites all its evidence in its payload again (its head beside it)."""
    from sqlalchemy.orm import Session

    from briefings.store.citations import head_of, with_cited_evidence

    bind = op.get_bind()
    facts = sa.table(
        "facts", sa.column("id"), sa.column("payload", sa.JSON), sa.column("head", sa.JSON), sa.column("evidence_rows")
    )
    many = bind.execute(sa.select(facts.c.id, facts.c.payload).where(facts.c.evidence_rows.is_(True))).all()
    whole = with_cited_evidence(Session(bind), {fact_id: payload for fact_id, payload in many})
    for fact_id, payload in whole.items():
        bind.execute(sa.update(facts).where(facts.c.id == fact_id).values(payload=payload, head=head_of(payload)))
    op.drop_column("facts", "evidence_rows")
    op.drop_column("fact_sources", "evidence")
