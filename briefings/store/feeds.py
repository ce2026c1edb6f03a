"""The feeds to follow and the items already fetched, kept in the core's store beside the corpus index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import DateTime, Integer, String, Text, inspect, or_, select
from sqlalchemy.orm import Mapped, mapped_column, sessionmaker

from briefings.errors import BriefingError
from briefings.store.database import Store, utcnow
from briefings.store.tables import Base

MAX_BACKOFF = timedelta(days=1)  # a dead feed is still tried daily: it may come back
MAX_BACKOFF_DOUBLINGS = 16  # 2**16 intervals is past any cap: stops the power from growing without bound


class FeedRow(Base):
    """A feed to follow, what its server last said (for conditional GETs) and how it has been failing."""

    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_fetched: Mapped[datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_try: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class SeenItemRow(Base):
    """A feed item or page already fetched, known by each of its keys (GUID, link, canonical URL)."""

    __tablename__ = "fetched_items"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    file: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime)


FEED_TABLES = [Base.metadata.tables[name] for name in (FeedRow.__tablename__, SeenItemRow.__tablename__)]


@dataclass(frozen=True)
class Feed:
    """A followed feed as stored."""

    id: int
    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    failures: int = 0
    next_try: datetime | None = None
    last_error: str | None = None

    def backing_off(self, now: datetime) -> bool:
        """True while a failing feed waits for its next try."""
        return self.next_try is not None and self.next_try > now


class FeedError(BriefingError):
    """A feed cannot be added or found; the message says why."""


def backoff(failures: int, interval: timedelta) -> timedelta:
    """How long a feed that failed `failures` times in a row waits: the interval, doubled per failure, capped."""
    doublings = min(max(failures - 1, 0), MAX_BACKOFF_DOUBLINGS)
    return min(interval * (1 << doublings), MAX_BACKOFF)


def default_name(url: str, taken: Iterable[str]) -> str:
    """The feed's host (without www.), with -2, -3... when another feed has that name already."""
    host = (urlsplit(url).hostname or "feed").removeprefix("www.")
    names, name, number = set(taken), host, 1
    while name in names:
        number += 1
        name = f"{host}-{number}"
    return name


def _feed(row: FeedRow) -> Feed:
    return Feed(
        id=row.id,
        name=row.name,
        url=row.url,
        etag=row.etag,
        last_modified=row.last_modified,
        last_fetched=row.last_fetched,
        failures=row.failures or 0,
        next_try=row.next_try,
        last_error=row.last_error,
    )


class FeedStore:
    """Reads and writes the feeds and fetched items of one store; makes their tables on first use."""

    def __init__(self, store: Store):
        self.store = store
        if not {table.name for table in FEED_TABLES} <= set(inspect(store.engine).get_table_names()):
            with store.transaction() as session:  # the write lock: two first uses never race
                Base.metadata.create_all(session.connection(), tables=FEED_TABLES, checkfirst=True)
        self._reads = sessionmaker(store.engine, expire_on_commit=False)

    def add(self, url: str, name: str | None = None) -> Feed:
        """Follow a feed; FeedError when its URL is no http(s) address or its URL or name is taken."""
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unclosed [ of an IPv6 address
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FeedError(f"{url} is not an http or https address; a feed is followed by its web address")
        with self.store.transaction() as session:
            rows = list(session.scalars(select(FeedRow)))
            if any(row.url == url for row in rows):
                raise FeedError(f"{url} is followed already")
            if name and any(row.name == name for row in rows):
                raise FeedError(f"a feed is named {name!r} already; choose another --name")
            row = FeedRow(url=url, name=name or default_name(url, (r.name for r in rows)), failures=0)
            row.added_at = utcnow()
            session.add(row)
            session.flush()
            return _feed(row)

    def remove(self, name_or_url: str) -> Feed:
        """Stop following a feed, by name or URL; FeedError naming the known feeds when none matches."""
        with self.store.transaction() as session:
            row = session.scalars(
                select(FeedRow).where(or_(FeedRow.name == name_or_url, FeedRow.url == name_or_url))
            ).first()
            if row is None:
                known = ", ".join(session.scalars(select(FeedRow.name).order_by(FeedRow.name))) or "none yet"
                raise FeedError(f"no feed is named {name_or_url!r} or has that URL; known feeds: {known}")
            feed = _feed(row)
            session.delete(row)
            return feed

    def feeds(self) -> list[Feed]:
        """Every followed feed, by name."""
        with self._reads() as session:
            return [_feed(row) for row in session.scalars(select(FeedRow).order_by(FeedRow.name))]

    def fetched(self, feed: Feed, etag: str | None, last_modified: str | None) -> None:
        """Record a successful fetch: the validators for the next conditional GET (None: the next GET is a full one),
        and no failures."""
        with self.store.transaction() as session:
            row = session.get(FeedRow, feed.id)
            if row is not None:
                row.etag, row.last_modified = etag, last_modified
                row.last_fetched, row.failures, row.next_try, row.last_error = utcnow(), 0, None, None

    def failed(self, feed: Feed, error: str, interval: timedelta) -> Feed | None:
        """Record a failure: the feed waits longer after each one in a row (see `backoff`)."""
        with self.store.transaction() as session:
            row = session.get(FeedRow, feed.id)
            if row is None:
                return None
            now = utcnow()
            row.failures = (row.failures or 0) + 1
            row.next_try, row.last_error, row.last_fetched = now + backoff(row.failures, interval), error, now
            return _feed(row)

    def seen(self, keys: Iterable[str]) -> str | None:
        """The file of an item already fetched under any of these keys, or None."""
        wanted = [key for key in keys if key]
        if not wanted:
            return None
        with self._reads() as session:
            return session.scalars(select(SeenItemRow.file).where(SeenItemRow.key.in_(wanted))).first()

    def remember(self, keys: Iterable[str], file: str) -> None:
        """Remember an item under every key it is known by, so none of them is fetched again."""
        now = utcnow()
        with self.store.transaction() as session:
            for key in dict.fromkeys(k for k in keys if k):
                session.merge(SeenItemRow(key=key, file=file, seen_at=now))
