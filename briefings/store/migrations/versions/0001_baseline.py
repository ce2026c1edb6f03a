"""Baseline: the core store's tables as they were when migrations began (corpus files, documents, merged facts,
ingest runs, meta, feeds and fetched items).

A store made before migrations has some or all of these tables already: each table is made only when missing, so
the same revision both creates a new store and adopts an old one (a store from before the feeds gets them here).

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

TABLES = ("files", "documents", "facts", "ingest_runs", "meta", "feeds", "fetched_items")


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    """Create every baseline table that is missing, with its indexes."""
    if _missing("files"):
        op.create_table(
            "files",
            sa.Column("path", sa.String(), nullable=False),
            sa.Column("raw_hash", sa.String(length=64), nullable=False),
            sa.Column("mtime", sa.Float(), nullable=False),
            sa.Column("size", sa.Integer(), nullable=False),
            sa.Column("seen_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("path"),
        )
    if _missing("documents"):
        op.create_table(
            "documents",
            sa.Column("id", sa.String(), nullable=False),
            sa.Column("file_path", sa.String(), nullable=False),
            sa.Column("path", sa.String(), nullable=False),
            sa.Column("title", sa.Text(), nullable=True),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("content_hash", sa.String(length=64), nullable=False),
            sa.Column("published", sa.Date(), nullable=True),
            sa.Column("published_from", sa.String(length=16), nullable=True),
            sa.Column("source", sa.Text(), nullable=True),
            sa.Column("url", sa.Text(), nullable=True),
            sa.Column("authors", sa.JSON(), nullable=False),
            sa.Column("duplicate_of", sa.String(), nullable=True),
            sa.Column("signature", sa.JSON(), nullable=False),
            sa.Column("facts", sa.JSON(), nullable=False),
            sa.Column("ingested_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["file_path"], ["files.path"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_documents_file_path", "documents", ["file_path"])
        op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])
        op.create_index("ix_documents_published", "documents", ["published"])
    if _missing("facts"):
        op.create_table(
            "facts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=24), nullable=False),
            sa.Column("key", sa.String(), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
            sa.Column("rank", sa.Integer(), nullable=False),
            sa.Column("first_seen", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("kind", "key"),
        )
        op.create_index("ix_facts_first_seen", "facts", ["first_seen"])
        op.create_index("ix_facts_kind", "facts", ["kind"])
    if _missing("ingest_runs"):
        op.create_table(
            "ingest_runs",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("root", sa.Text(), nullable=False),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("finished_at", sa.DateTime(), nullable=False),
            sa.Column("added", sa.Integer(), nullable=False),
            sa.Column("updated", sa.Integer(), nullable=False),
            sa.Column("removed", sa.Integer(), nullable=False),
            sa.Column("unchanged", sa.Integer(), nullable=False),
            sa.Column("failures", sa.JSON(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
    if _missing("meta"):
        op.create_table(
            "meta",
            sa.Column("key", sa.String(), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )
    _feed_tables()


def _feed_tables() -> None:
    if _missing("feeds"):
        op.create_table(
            "feeds",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(), nullable=False),
            sa.Column("url", sa.Text(), nullable=False),
            sa.Column("etag", sa.Text(), nullable=True),
            sa.Column("last_modified", sa.Text(), nullable=True),
            sa.Column("last_fetched", sa.DateTime(), nullable=True),
            sa.Column("failures", sa.Integer(), nullable=False),
            sa.Column("next_try", sa.DateTime(), nullable=True),
            sa.Column("last_error", sa.Text(), nullable=True),
            sa.Column("added_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
            sa.UniqueConstraint("url"),
        )
    if _missing("fetched_items"):
        op.create_table(
            "fetched_items",
            sa.Column("key", sa.Text(), nullable=False),
            sa.Column("file", sa.Text(), nullable=False),
            sa.Column("seen_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )


def downgrade() -> None:
    """Drop every baseline table (and with it everything the store held)."""
    for table in reversed(TABLES):
        op.drop_table(table)
