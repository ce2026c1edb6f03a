"""Merge groups that do not grow with the store: events by city *and date*, attendees by the group of their event.

Until now a city's events formed one merge group, and a person's mentions another: adding one article re-merged
every event of its city and every mention of its guests (100,000 mentions at a million articles). Each group now
holds one event (a city's undated events join its only dated one, see briefings.merge.event_families), so a merge
costs what one event's reports cost. The mentions are filed again under their new groups, the merged events and
attendees become legacy rows (they keep serving briefs, and lend their first-seen times to the facts that replace
them) and every group of both kinds is queued: the next merge redoes them. The words of a name are no longer needed
to find the names a bare surname joins (it joins them within its event's group), so those columns go. On PostgreSQL
the group keys compare in byte order (collation "C"), as the range lookup of a city's dated groups needs.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

BATCH = 2_000  # documents whose mentions are read and filed again at a time


def upgrade() -> None:
    connection = op.get_bind()
    _file_again(connection)
    facts = sa.table("facts", sa.column("kind"), sa.column("group_key"))
    connection.execute(sa.update(facts).where(facts.c.kind.in_(("events", "attendees"))).values(group_key=""))
    mentions = sa.table("mentions", sa.column("kind"), sa.column("group_key"))
    dirty = sa.table("dirty_groups", sa.column("kind"), sa.column("group_key"))
    queued = sa.select(mentions.c.kind, mentions.c.group_key).where(mentions.c.kind.in_(("events", "attendees")))
    connection.execute(sa.insert(dirty).from_select(["kind", "group_key"], queued.distinct()))
    op.drop_index("ix_mentions_first_word", table_name="mentions")
    op.drop_index("ix_mentions_last_word", table_name="mentions")
    op.execute("ALTER TABLE mentions DROP COLUMN first_word")  # SQLite 3.35+ and PostgreSQL drop it in place
    op.execute("ALTER TABLE mentions DROP COLUMN last_word")
    if connection.dialect.name == "postgresql":  # ranges of group keys in byte order (see tables.MentionRow)
        op.execute('ALTER TABLE mentions ALTER COLUMN group_key TYPE VARCHAR COLLATE "C"')


def _file_again(connection: sa.Connection) -> None:
    """Each document's events and attendees under the groups briefings.merge gives them now."""
    from briefings.merge import attendee_group, event_group
    from briefings.serialize import fact_from_dict

    mentions = sa.table(
        "mentions",
        sa.column("id"),
        sa.column("doc_id"),
        sa.column("kind"),
        sa.column("ordinal"),
        sa.column("group_key"),
        sa.column("payload", sa.JSON()),
    )
    refile = (
        sa.update(mentions).where(mentions.c.id == sa.bindparam("mention_id")).values(group_key=sa.bindparam("group"))
    )
    last = ""
    while True:
        docs = connection.scalars(
            sa.select(mentions.c.doc_id)
            .where(mentions.c.kind.in_(("events", "attendees")), mentions.c.doc_id > last)
            .group_by(mentions.c.doc_id)
            .order_by(mentions.c.doc_id)
            .limit(BATCH)
        ).all()
        if not docs:
            return
        rows: dict[str, list[Any]] = defaultdict(list)
        for row in connection.execute(
            sa.select(mentions.c.id, mentions.c.doc_id, mentions.c.kind, mentions.c.group_key, mentions.c.payload)
            .where(mentions.c.doc_id.in_(docs), mentions.c.kind.in_(("events", "attendees")))
            .order_by(mentions.c.doc_id, mentions.c.kind.desc(), mentions.c.ordinal)
        ):
            rows[row.doc_id].append(row)
        changed = []
        for own in rows.values():
            events = [fact_from_dict("events", row.payload) for row in own if row.kind == "events"]
            for row in own:
                fact = fact_from_dict(row.kind, row.payload)
                group = event_group(fact, events) if row.kind == "events" else attendee_group(fact, events)  # type: ignore[arg-type]
                if group != row.group_key:
                    changed.append({"mention_id": row.id, "group": group})
        if changed:
            connection.execute(refile, changed)
        last = docs[-1]


def downgrade() -> None:
    """The word columns come back empty: the earlier revision's merge then needs `briefings rebuild` to refile."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute('ALTER TABLE mentions ALTER COLUMN group_key TYPE VARCHAR COLLATE pg_catalog."default"')
    op.add_column("mentions", sa.Column("first_word", sa.String(), nullable=True))
    op.add_column("mentions", sa.Column("last_word", sa.String(), nullable=True))
    op.create_index("ix_mentions_first_word", "mentions", ["kind", "first_word"])
    op.create_index("ix_mentions_last_word", "mentions", ["kind", "last_word"])
