"""Facts in tables: each article's own facts as mentions filed by merge group, a queue of groups to merge again,
merged facts with the columns briefs filter and order by, the articles each fact cites, and the LSH bands of the
originals' near-duplicate signatures.

The facts table is made anew (its unique key now includes the merge group) with every row copied under the group
'' ("merged before groups"): their first-seen times carry over to the facts of the next merge, which redoes every
group from the documents' own facts and then drops those rows. Nothing a digest relies on is lost.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0002"
down_revision: str | None = "0001"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    """Make the new tables, rebuild facts with its new columns, then file every document's facts as mentions."""
    _mentions_and_queue()
    _facts_with_columns()
    _fact_sources()
    op.create_table(
        "signature_bands",
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "doc_id"),
    )
    op.create_index("ix_signature_bands_doc_id", "signature_bands", ["doc_id"])
    _backfill_mentions()


def _mentions_and_queue() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(), nullable=False),
        sa.Column("first_word", sa.String(), nullable=True),
        sa.Column("last_word", sa.String(), nullable=True),
        sa.Column("local_id", sa.String(), nullable=True),
        sa.Column("event_ref", sa.String(), nullable=True),
        sa.Column("merged_id", sa.String(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mentions_group", "mentions", ["kind", "group_key"])
    op.create_index("ix_mentions_first_word", "mentions", ["kind", "first_word"])
    op.create_index("ix_mentions_last_word", "mentions", ["kind", "last_word"])
    op.create_index("ix_mentions_doc_local", "mentions", ["doc_id", "kind", "local_id"])
    op.create_table(
        "dirty_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("group_key", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def _facts_with_columns() -> None:
    op.create_table(
        "facts_v2",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("group_key", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("support", sa.Integer(), nullable=False),
        sa.Column("sort_date", sa.String(length=10), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=True),
        sa.Column("latest", sa.Date(), nullable=True),
        sa.Column("active", sa.Date(), nullable=True),
        sa.Column("search", sa.Text(), nullable=False),
        sa.Column("evidence_search", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "group_key", "key"),
    )
    op.execute(
        "INSERT INTO facts_v2 (id, kind, key, group_key, payload, digest, rank, tier, support, sort_date, name, "
        "event_id, latest, active, search, evidence_search, first_seen) "
        "SELECT id, kind, key, '', payload, '', rank, 0, 1, '', '', NULL, NULL, NULL, '', '', first_seen FROM facts"
    )
    op.drop_table("facts")
    op.rename_table("facts_v2", "facts")
    op.create_index("ix_facts_kind", "facts", ["kind"])
    op.create_index("ix_facts_first_seen", "facts", ["first_seen"])
    op.create_index("ix_facts_event_id", "facts", ["event_id"])
    op.create_index("ix_facts_kind_key", "facts", ["kind", "key"])
    op.create_index("ix_facts_kind_active", "facts", ["kind", "active"])
    desc = sa.text
    op.create_index(
        "ix_facts_events_order", "facts", ["kind", desc("sort_date DESC"), desc("support DESC"), "name", "id"]
    )
    op.create_index(
        "ix_facts_people_order", "facts", ["kind", "tier", desc("support DESC"), desc("sort_date DESC"), "name", "id"]
    )
    op.create_index("ix_facts_order", "facts", ["kind", "tier", desc("support DESC"), "name", "id"])
    _word_search()


def _word_search() -> None:
    """Topic search by words: SQLite's FTS5 index over the facts' kinds and folded words, kept in step by triggers
    (the kind is a word too, so a search for one kind's matches never visits the others'); on
    PostgreSQL, GIN indexes over the same words as text-search vectors (briefings.store.briefs.mentions)."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE fact_words "
            "USING fts5(kind, search, evidence_search, content='facts', content_rowid='id')"
        )
        old = (
            "INSERT INTO fact_words(fact_words, rowid, kind, search, evidence_search) "
            "VALUES ('delete', old.id, old.kind, old.search, old.evidence_search);"
        )
        new = (
            "INSERT INTO fact_words(rowid, kind, search, evidence_search) "
            "VALUES (new.id, new.kind, new.search, new.evidence_search);"
        )
        op.execute(f"CREATE TRIGGER facts_words_insert AFTER INSERT ON facts BEGIN {new} END")
        op.execute(f"CREATE TRIGGER facts_words_delete AFTER DELETE ON facts BEGIN {old} END")
        op.execute(f"CREATE TRIGGER facts_words_update AFTER UPDATE ON facts BEGIN {old} {new} END")
        op.execute("INSERT INTO fact_words(fact_words) VALUES ('rebuild')")
    elif dialect == "postgresql":
        for column in ("search", "evidence_search"):
            op.execute(
                f"CREATE INDEX ix_facts_{column}_words ON facts USING gin (to_tsvector('simple'::regconfig, {column}))"
            )


def _fact_sources() -> None:
    op.create_table(
        "fact_sources",
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["facts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("fact_id", "doc_id"),
    )
    op.create_index("ix_fact_sources_doc_id", "fact_sources", ["doc_id"])


def _backfill_mentions() -> None:
    """File every original document's facts as mentions and queue every group: the next merge redoes them all.

    Uses the store's own filing code (briefings.store.merging), so the rows are what an ingest would write."""
    from briefings.dedup import band_hashes
    from briefings.serialize import docfacts_from_dict
    from briefings.store.merging import mark_everything_dirty, mention_rows
    from briefings.store.tables import SignatureBandRow

    session = Session(bind=op.get_bind())
    documents = sa.table(
        "documents",
        sa.column("id"),
        sa.column("duplicate_of"),
        sa.column("facts", sa.JSON()),
        sa.column("signature", sa.JSON()),
    )
    rows = session.execute(
        sa.select(documents.c.id, documents.c.facts, documents.c.signature).where(documents.c.duplicate_of.is_(None))
    )
    for doc_id, facts, signature in rows.all():
        session.add_all(mention_rows(doc_id, docfacts_from_dict(facts or {})))
        session.add_all(SignatureBandRow(band=band, doc_id=doc_id) for band in set(band_hashes(signature or [])))
    session.flush()
    mark_everything_dirty(session)
    session.flush()
