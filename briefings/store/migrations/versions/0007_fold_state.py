"""A fold state beside each merged weapon, figure and quote: new articles' mentions are folded into the fact.

A weapon cited by 12,500 articles (a million-article store) was merged again from all its mentions whenever one
more article named it. The merge is a fold (briefings.merge.fold_weapons), so its state is kept with the fact and
a refresh reads only the new mentions. The weapon and figure groups are queued, so the next merge writes their
states (a quote's group is small: its state is written the first time it is merged again).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.add_column("facts", sa.Column("fold", sa.JSON(none_as_null=True), nullable=True))
    # a group that lost mentions is merged anew: new rows may take the ids of the ones removed
    op.add_column("dirty_groups", sa.Column("anew", sa.Boolean(), nullable=False, server_default=sa.text("false")))
    # a fold counts a group's mentions up to one id and reads those after it: by the index alone (SQLite's indexes
    # hold the row id already, PostgreSQL's need it as a column)
    op.drop_index("ix_mentions_group", table_name="mentions")
    op.create_index("ix_mentions_group", "mentions", ["kind", "group_key", "id"])
    mentions = sa.table("mentions", sa.column("kind"), sa.column("group_key"))
    dirty = sa.table("dirty_groups", sa.column("kind"), sa.column("group_key"))
    queued = sa.select(mentions.c.kind, mentions.c.group_key).where(mentions.c.kind.in_(("weapons", "figures")))
    op.get_bind().execute(sa.insert(dirty).from_select(["kind", "group_key"], queued.distinct()))


def downgrade() -> None:
    op.drop_index("ix_mentions_group", table_name="mentions")
    op.create_index("ix_mentions_group", "mentions", ["kind", "group_key"])
    op.drop_column("dirty_groups", "anew")
    op.drop_column("facts", "fold")
