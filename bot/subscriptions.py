"""Digest subscriptions, digest deliveries, button queries and leases: the bot's own tables, in the store's database.

The core knows nothing of chats, topics or buttons: these tables have their own metadata and their own migrations
(bot/migrations), run here on the engine of the core's Store each time the bot opens it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    update,
)
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.migrations import MIGRATIONS
from briefings.store import Store
from briefings.store.database import utcnow
from briefings.store.migrate import upgrade

NO_THREAD = 0  # a chat without forum topics: 0 in the table, None everywhere else
DONE = ("sending", "sent", "empty", "silent")


class BotBase(DeclarativeBase):
    """Declarative base of the bot's tables (apart from the core's, so the core never creates them)."""


class SubscriptionRow(BotBase):
    """A chat (or forum topic) that gets a daily digest at a local time."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("chat_id", "thread_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=NO_THREAD)
    at: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)


class DeliveryRow(BotBase):
    """One digest slot (a subscriber's local day): claimed before sending, so it is never sent twice."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("chat_id", "thread_id", "slot"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=NO_THREAD)
    slot: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    covered_until: Mapped[datetime | None] = mapped_column(DateTime)
    messages: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class LeaseRow(BotBase):
    """A lease on a job only one process may do (sending digests): who holds it and until when (naive UTC)."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    acquired_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class SavedQueryRow(BotBase):
    """A brief query behind an inline button: buttons carry its short key, never the query itself."""

    __tablename__ = "saved_queries"
    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


@dataclass(frozen=True)
class Subscription:
    """A daily digest subscription: where it goes and at what local time."""

    chat_id: int
    thread_id: int | None
    at: time
    timezone: str
    active: bool
    created_at: datetime
    reason: str | None = None


@dataclass(frozen=True)
class Delivery:
    """What happened to one digest slot."""

    chat_id: int
    thread_id: int | None
    slot: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    covered_until: datetime | None
    messages: int
    error: str | None


def _thread(thread_id: int | None) -> int:
    return thread_id or NO_THREAD


def _of(model, chat_id: int, thread_id: int | None):
    """The WHERE conditions that pick one chat or topic in `model`'s table."""
    return model.chat_id == chat_id, model.thread_id == _thread(thread_id)


def _rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE touched (its result is a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        chat_id=row.chat_id,
        thread_id=row.thread_id or None,
        at=time.fromisoformat(row.at),
        timezone=row.timezone,
        active=row.active,
        created_at=row.created_at,
        reason=row.reason,
    )


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        chat_id=row.chat_id,
        thread_id=row.thread_id or None,
        slot=row.slot,
        status=row.status,
        started_at=row.started_at,
        finished_at=row.finished_at,
        covered_until=row.covered_until,
        messages=row.messages,
        error=row.error,
    )


class Subscriptions:
    """Reads and writes subscriptions, deliveries and saved queries in the store's database."""

    def __init__(self, store: Store):
        self.store = store
        upgrade(store.engine, MIGRATIONS)  # the bot's tables, made or brought up to date under the write lock

    # subscriptions

    def subscribe(
        self, chat_id: int, thread_id: int | None, at: time, timezone: str, now: datetime | None = None
    ) -> Subscription:
        """Create or update a subscription (reactivating it); the first digest covers what is new from now on."""
        now = now or utcnow()
        with self.store.transaction() as session:
            row = session.scalar(select(SubscriptionRow).where(*_of(SubscriptionRow, chat_id, thread_id)))
            if row is None:
                row = SubscriptionRow(chat_id=chat_id, thread_id=_thread(thread_id), created_at=now)
                session.add(row)
            elif not row.active:
                row.created_at = now
            row.at, row.timezone, row.active, row.updated_at, row.reason = at.isoformat(), timezone, True, now, None
            session.flush()
            return _subscription(row)

    def unsubscribe(self, chat_id: int, thread_id: int | None) -> bool:
        """Stop a subscription; False when there was none active."""
        return self.deactivate(chat_id, thread_id, "unsubscribed")

    def deactivate(self, chat_id: int, thread_id: int | None, reason: str) -> bool:
        """Mark a subscription inactive with a reason (e.g. the user blocked the bot)."""
        with self.store.transaction() as session:
            stmt = (
                update(SubscriptionRow)
                .where(*_of(SubscriptionRow, chat_id, thread_id))
                .where(SubscriptionRow.active.is_(True))
            )
            result = session.execute(stmt.values(active=False, reason=reason, updated_at=utcnow()))
            return _rowcount(result) > 0

    def deactivate_chat(self, chat_id: int, reason: str) -> int:
        """Deactivate every subscription of a chat (all its topics)."""
        with self.store.transaction() as session:
            stmt = update(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id, SubscriptionRow.active.is_(True))
            return _rowcount(session.execute(stmt.values(active=False, reason=reason, updated_at=utcnow())))

    def get(self, chat_id: int, thread_id: int | None) -> Subscription | None:
        """The subscription of a chat or topic, active or not."""
        with self.store.transaction() as session:
            row = session.scalar(select(SubscriptionRow).where(*_of(SubscriptionRow, chat_id, thread_id)))
            return _subscription(row) if row else None

    def active(self) -> list[Subscription]:
        """Every active subscription."""
        with self.store.transaction() as session:
            rows = session.scalars(
                select(SubscriptionRow).where(SubscriptionRow.active.is_(True)).order_by(SubscriptionRow.id)
            )
            return [_subscription(row) for row in rows]

    def count_active(self) -> int:
        """How many subscriptions are active."""
        with self.store.transaction() as session:
            return (
                session.scalar(
                    select(func.count()).select_from(SubscriptionRow).where(SubscriptionRow.active.is_(True))
                )
                or 0
            )

    def fingerprint(self) -> tuple[int, datetime | None]:
        """(active subscriptions, the latest change to any): it moves whenever a process subscribes, changes,
        deactivates or migrates one, so the digest sender reads them all again only then."""
        count = select(func.count()).where(SubscriptionRow.active.is_(True)).scalar_subquery()
        with self.store.engine.connect() as connection:  # a read: it never waits for an ingest's write lock
            row = connection.execute(select(count, func.max(SubscriptionRow.updated_at))).one()
        return int(row[0]), row[1]

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """Move a group's subscriptions and delivery history to its new (supergroup) id."""
        with self.store.transaction() as session:
            moved = _rowcount(
                session.execute(
                    update(SubscriptionRow)
                    .where(SubscriptionRow.chat_id == old_chat_id)
                    .values(chat_id=new_chat_id, updated_at=utcnow())
                )
            )
            session.execute(update(DeliveryRow).where(DeliveryRow.chat_id == old_chat_id).values(chat_id=new_chat_id))
            return moved

    # deliveries

    def claim_slot(self, chat_id: int, thread_id: int | None, slot: str, now: datetime | None = None) -> bool:
        """Reserve a digest slot before sending; False when it was already sent or is being sent."""
        now = now or utcnow()
        try:
            return self._claim(chat_id, thread_id, slot, now)
        except IntegrityError:
            return False

    def _claim(self, chat_id: int, thread_id: int | None, slot: str, now: datetime) -> bool:
        with self.store.transaction() as session:
            row = session.scalar(
                select(DeliveryRow)
                .where(*_of(DeliveryRow, chat_id, thread_id))
                .where(DeliveryRow.slot == slot)
                .with_for_update()
            )
            if row is not None and row.status in DONE:
                return False
            if row is None:
                row = DeliveryRow(chat_id=chat_id, thread_id=_thread(thread_id), slot=slot)
                session.add(row)
            row.status, row.started_at, row.finished_at, row.error = "sending", now, None, None
        return True

    def record_delivery(
        self,
        chat_id: int,
        thread_id: int | None,
        slot: str,
        status: str,
        *,
        covered_until: datetime | None = None,
        messages: int = 0,
        error: str | None = None,
    ) -> None:
        """Finish a claimed slot: sent, empty, silent (nothing new, nothing sent) or failed."""
        with self.store.transaction() as session:
            stmt = update(DeliveryRow).where(*_of(DeliveryRow, chat_id, thread_id)).where(DeliveryRow.slot == slot)
            session.execute(
                stmt.values(
                    status=status, finished_at=utcnow(), covered_until=covered_until, messages=messages, error=error
                )
            )

    def delivery(self, chat_id: int, thread_id: int | None, slot: str) -> Delivery | None:
        """The record of one slot, if any."""
        with self.store.transaction() as session:
            row = session.scalar(
                select(DeliveryRow).where(*_of(DeliveryRow, chat_id, thread_id)).where(DeliveryRow.slot == slot)
            )
            return _delivery(row) if row else None

    def deliveries(self, chat_id: int, thread_id: int | None) -> list[Delivery]:
        """Every slot recorded for a chat or topic, oldest first."""
        with self.store.transaction() as session:
            rows = session.scalars(
                select(DeliveryRow).where(*_of(DeliveryRow, chat_id, thread_id)).order_by(DeliveryRow.slot)
            )
            return [_delivery(row) for row in rows]

    def last_delivered(self, chat_id: int, thread_id: int | None) -> datetime | None:
        """Up to when the last digest that went out (or was found empty) covered the facts."""
        with self.store.transaction() as session:
            stmt = select(func.max(DeliveryRow.covered_until)).where(*_of(DeliveryRow, chat_id, thread_id))
            return session.scalar(stmt.where(DeliveryRow.status.in_(("sent", "empty", "silent"))))

    def recent_failures(self, limit: int = 5) -> list[Delivery]:
        """The latest failed deliveries, newest first."""
        with self.store.transaction() as session:
            rows = session.scalars(
                select(DeliveryRow)
                .where(DeliveryRow.status == "failed")
                .order_by(DeliveryRow.finished_at.desc())
                .limit(limit)
            )
            return [_delivery(row) for row in rows]

    # saved queries

    def save_query(self, payload: dict) -> str:
        """Store a query behind a short stable key (12 hex characters) and return the key."""
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256(canonical.encode()).hexdigest()[:12]
        with self.store.transaction() as session:
            if session.get(SavedQueryRow, key) is None:
                session.add(SavedQueryRow(key=key, payload=payload, created_at=utcnow()))
        return key

    def load_query(self, key: str) -> dict | None:
        """The query saved under a key, or None if unknown."""
        with self.store.transaction() as session:
            row = session.get(SavedQueryRow, key)
            return dict(row.payload) if row else None
