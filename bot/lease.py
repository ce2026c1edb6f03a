"""A lease in the store: which one of several bot processes on one database does a job only one may do (send digests).

A row of the bot's `leases` table names the holder (an id per process run) and when its lease runs out. The holder
renews it before then; another process takes it only once it has run out, so when the holder dies or stalls, another
takes over. Times are each process's own clock (naive UTC, like every time in the store): machines sharing a store
keep their clocks in step (NTP). Leases never wait for the store's write lock on PostgreSQL (an ingest's long merge
must not make the holder miss its renewal); on SQLite every write takes the one database lock anyway."""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, case, insert, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError

from bot.subscriptions import LeaseRow
from briefings.store import Store
from briefings.store.database import WRITE_OPTION, utcnow

DIGESTS = "digests"  # the lease of the process that schedules and sends the digests


def new_holder_id() -> str:
    """This process run's name in a lease: host, process id and a random part (a restart is a new holder)."""
    return f"{socket.gethostname()[:64]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class LeaseInfo:
    """Who holds a lease, since when and until when (naive UTC)."""

    holder: str
    acquired_at: datetime
    expires_at: datetime


class Lease:
    """One process's side of a named lease: take or renew it, give it up, and whether this process holds it."""

    def __init__(self, store: Store, seconds: int, name: str = DIGESTS, holder: str | None = None):
        self.store, self.seconds, self.name = store, seconds, name
        self.holder = holder or new_holder_id()
        self.held_until: datetime | None = None  # when this process's last renewal runs out; None: not held
        sqlite = store.engine.dialect.name == "sqlite"
        self._engine = store.engine.execution_options(**{WRITE_OPTION: True}) if sqlite else store.engine

    @property
    def interval(self) -> float:
        """Seconds between tries: a third of the lease, so a holder renews twice before a late renewal costs it."""
        return self.seconds / 3

    def holds(self, now: datetime | None = None) -> bool:
        """True while this process's last renewal has not run out."""
        return self.held_until is not None and (now or utcnow()) < self.held_until

    def renew(self, now: datetime | None = None) -> bool:
        """Take the lease if it is free or has run out, extend it if this process holds it; True when held now."""
        now = now or utcnow()
        expires = now + timedelta(seconds=self.seconds)
        try:
            with self._engine.begin() as connection:
                taken = self._extend(connection, now, expires) or self._take_new(connection, now, expires)
        except IntegrityError:  # another process made the row first
            taken = False
        self.held_until = expires if taken else None
        return taken

    def _extend(self, connection: Connection, now: datetime, expires: datetime) -> bool:
        mine = LeaseRow.holder == self.holder
        stmt = (
            update(LeaseRow)
            .where(LeaseRow.name == self.name, or_(mine, LeaseRow.expires_at <= now))
            .values(holder=self.holder, expires_at=expires, acquired_at=case((mine, LeaseRow.acquired_at), else_=now))
        )
        return cast(CursorResult[Any], connection.execute(stmt)).rowcount == 1

    def _take_new(self, connection: Connection, now: datetime, expires: datetime) -> bool:
        if connection.scalar(select(LeaseRow.name).where(LeaseRow.name == self.name)) is not None:
            return False  # held by another process, and not run out
        connection.execute(
            insert(LeaseRow).values(name=self.name, holder=self.holder, acquired_at=now, expires_at=expires)
        )
        return True

    def release(self) -> None:
        """Give the lease up (at shutdown), so another process takes it at its next try instead of waiting it out."""
        if self.held_until is None:
            return
        self.held_until = None
        with self._engine.begin() as connection:
            connection.execute(
                update(LeaseRow)
                .where(LeaseRow.name == self.name, LeaseRow.holder == self.holder)
                .values(expires_at=utcnow())
            )

    def current(self) -> LeaseInfo | None:
        """The lease as the store has it (whoever holds it, run out or not), or None when nobody ever took it."""
        with self.store.engine.connect() as connection:
            row = connection.execute(
                select(LeaseRow.holder, LeaseRow.acquired_at, LeaseRow.expires_at).where(LeaseRow.name == self.name)
            ).first()
        return LeaseInfo(*row) if row else None
