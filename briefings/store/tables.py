"""SQLAlchemy tables of the corpus index, the merged facts and ingest runs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# indexes whose columns are expressions (descending order, text-search vectors): Alembic compares those only
# approximately, so the test that holds models and migrations equal checks them by name alone
EXPRESSION_INDEXES = frozenset(
    {
        "ix_facts_events_order",
        "ix_facts_people_order",
        "ix_facts_order",
        "ix_facts_search_words",
        "ix_facts_evidence_search_words",
    }
)


class Base(DeclarativeBase):
    """Declarative base shared by every table of the store."""


class FileRow(Base):
    """A corpus file as last seen: enough to tell whether it changed."""

    __tablename__ = "files"
    path: Mapped[str] = mapped_column(String, primary_key=True)
    raw_hash: Mapped[str] = mapped_column(String(64))
    mtime: Mapped[float] = mapped_column(Float)
    size: Mapped[int] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentRow(Base):
    """A cleaned article, its metadata, its near-duplicate signature and its own extracted facts."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    file_path: Mapped[str] = mapped_column(ForeignKey("files.path", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_from: Mapped[str | None] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    duplicate_of: Mapped[str | None] = mapped_column(String)
    signature: Mapped[list[int]] = mapped_column(JSON, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class SignatureBandRow(Base):
    """One LSH band of an original document's near-duplicate signature (briefings.dedup.band_hashes): a new article
    is compared only with the documents sharing one of its bands."""

    __tablename__ = "signature_bands"
    band: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True)


class MentionRow(Base):
    """One document's own fact, filed under the merge group it can merge in (see briefings.merge)."""

    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_group", "kind", "group_key", "id"),  # id: a fold reads a group's mentions newer than one
        Index("ix_mentions_doc_local", "doc_id", "kind", "local_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    ordinal: Mapped[int] = mapped_column(Integer)  # place in the document's list: groups merge in (doc, ordinal) order
    # byte order on PostgreSQL too: a city's dated groups are found by range ('city:x|' <= key < 'city:x}'), which a
    # language collation (en_US ignores punctuation) would not keep together; SQLite compares bytes already
    group_key: Mapped[str] = mapped_column(String().with_variant(String(collation="C"), "postgresql"))
    local_id: Mapped[str | None] = mapped_column(String)  # events: the document's own event id
    event_ref: Mapped[str | None] = mapped_column(String)  # attendees, weapons: the document's event they belong to
    merged_id: Mapped[str | None] = mapped_column(String)  # events: the merged event this one joined
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class DirtyGroupRow(Base):
    """A merge group whose members changed since the facts were merged; the next merge redoes it, then drops it."""

    __tablename__ = "dirty_groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    group_key: Mapped[str] = mapped_column(String)
    # the group lost mentions (an article changed or left): merged from all its members, never folded
    anew: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class FactRow(Base):
    """One merged fact of the whole corpus, with the columns briefs filter and order by.

    `first_seen` survives re-merges: digests rely on it. `group_key` is the merge group it came from
    ('' for a fact merged before groups existed, replaced by the next full merge)."""

    __tablename__ = "facts"
    __table_args__ = (
        UniqueConstraint("kind", "group_key", "key"),
        Index("ix_facts_kind_key", "kind", "key"),
        Index("ix_facts_kind_active", "kind", "active"),
        # an event's people or weapons alone: a city's 900 events hold 150,000 attendees and 10 weapons
        Index("ix_facts_event_kind", "event_id", "kind"),
        # one index per order a brief lists facts in (briefings.store.briefs.ORDER), so a cut list reads few rows
        Index("ix_facts_events_order", "kind", text("sort_date DESC"), text("support DESC"), "name", "id"),
        Index("ix_facts_people_order", "kind", "tier", text("support DESC"), text("sort_date DESC"), "name", "id"),
        Index("ix_facts_order", "kind", "tier", text("support DESC"), "name", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    key: Mapped[str] = mapped_column(String)
    group_key: Mapped[str] = mapped_column(String, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # the payload citing only its first few pieces of evidence, as a cut brief shows it; NULL when it cites no more
    head: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # weapons, figures, quotes: the merge's fold state (briefings.merge), so new articles' mentions are folded into
    # the fact instead of merging its thousands of old ones again; NULL until a full merge of its group writes it
    fold: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # its evidence is kept in its fact_sources rows and the payload cites the first few (briefings.store.citations)
    evidence_rows: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    digest: Mapped[str] = mapped_column(String(32), default="")  # of the payload: unchanged facts are not rewritten
    rank: Mapped[int] = mapped_column(Integer, default=0)  # legacy order of the first schema; briefs order by below
    tier: Mapped[int] = mapped_column(Integer, default=0)  # kind's own order: named weapons, heads of state first
    support: Mapped[int] = mapped_column(Integer, default=1)  # documents that cite it
    sort_date: Mapped[str] = mapped_column(String(10), default="")  # its event's date, '' when unknown
    name: Mapped[str] = mapped_column(Text, default="")  # what it is called, for the last tie-break
    event_id: Mapped[str | None] = mapped_column(String)  # events: their id; attendees, weapons: their event's
    latest: Mapped[date | None] = mapped_column(Date)  # the newest publication date of the articles it cites
    active: Mapped[date | None] = mapped_column(Date)  # newest of latest, its event's date and its event's active
    search: Mapped[str] = mapped_column(Text, default="")  # folded words of its own fields, for topics
    evidence_search: Mapped[str] = mapped_column(Text, default="")  # folded words of its evidence
    first_seen: Mapped[datetime] = mapped_column(DateTime, index=True)


class FactSourceRow(Base):
    """Which documents a merged fact cites, so a brief filters by article date or event without reading payloads;
    with their evidence where the fact cites too many to keep in its payload."""

    __tablename__ = "fact_sources"
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String, primary_key=True, index=True)
    # that document's pieces of evidence, in order, where the fact keeps them as rows (briefings.store.citations)
    evidence: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))


class IngestRunRow(Base):
    """What one ingest did, for /status and /sources."""

    __tablename__ = "ingest_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    root: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)


class MetaRow(Base):
    """Small key/value facts about the store (e.g. the facts generation used to cache queries)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
