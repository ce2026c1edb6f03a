"""What the handlers and jobs share: settings, store, subscriptions, access, the digest lease, and the one-at-a-time
refresh."""

from __future__ import annotations

import asyncio
import logging
import time as clock
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from bot.access import AccessPolicy
from bot.lease import Lease
from bot.subscriptions import Subscriptions
from briefings.clean import document_id
from briefings.config import Settings
from briefings.fetch import Outcome, ingest_fetched, run_fetch
from briefings.ingest import IngestReport, ingest_folder
from briefings.models import Document
from briefings.store import FeedStore, Store
from briefings.store.database import utcnow

log = logging.getLogger(__name__)

T = TypeVar("T")
REFRESH_MAX_AGE = 60.0  # seconds: a refresh (or fetch) within the last minute is fresh enough for any reply


@dataclass(frozen=True)
class FetchReport:
    """What one fetch by the bot did: an outcome per feed (or page), and the ingest of the fetched articles."""

    outcomes: tuple[Outcome, ...]
    ingest: IngestReport | None
    finished_at: datetime

    @property
    def new(self) -> int:
        """Articles fetched for the first time."""
        return sum(outcome.new for outcome in self.outcomes)


@dataclass
class Runtime:
    """Services opened once per bot; handlers reach them as `context.runtime` (bot.context)."""

    settings: Settings
    store: Store
    nlp_loader: Callable
    access: AccessPolicy
    subscriptions: Subscriptions
    feeds: FeedStore
    lease: Lease  # whether this process is the one that schedules and sends the digests (bot.scheduler)
    stop: Callable[[], None] | None = None
    fatal_error: str | None = None
    as_of: datetime | None = None
    last_report: IngestReport | None = None
    last_fetch: FetchReport | None = None  # the last fetch of the feeds that ran to its end
    last_fetch_error: str | None = None  # why the last fetch failed, until one succeeds
    last_admin_alert: float | None = None  # monotonic time admins were last told of an error
    subscriptions_seen: tuple[int, datetime | None] | None = None  # the digest sender's last look (bot.scheduler)
    told_offline: set[int] = field(default_factory=set)  # chats told their commands came while the bot was down
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _last_refresh: float | None = None
    _last_fetch: float | None = None
    _nlp: object | None = None
    _digests: dict[Hashable, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, settings: Settings, store: Store, nlp_loader: Callable) -> Runtime:
        """The runtime for a store and a spaCy loader (the model loads at most once, on first need)."""
        return cls(
            settings=settings,
            store=store,
            nlp_loader=nlp_loader,
            access=AccessPolicy.from_settings(settings),
            subscriptions=Subscriptions(store),
            feeds=FeedStore(store),
            lease=Lease(store, settings.digest_lease_seconds),
        )

    @property
    def zone(self) -> ZoneInfo:
        """The default time zone (DIGEST_TIMEZONE)."""
        return ZoneInfo(self.settings.digest_timezone)

    def today(self) -> date:
        """Today in the default time zone, for relative queries such as `7d`."""
        return datetime.now(self.zone).date()

    @property
    def refreshing(self) -> bool:
        """True while an ingest is running."""
        return self._lock.locked()

    def _model(self):
        if self._nlp is None:
            self._nlp = self.nlp_loader()
        return self._nlp

    async def refresh(self, force: bool = False) -> IngestReport | None:
        """Incremental ingest of CORPUS_DIR in a worker thread, one at a time; skipped if done within a minute."""
        async with self._lock:
            return await self._refresh_locked(force)

    async def _refresh_locked(self, force: bool) -> IngestReport | None:
        if not force and self._last_refresh is not None and clock.monotonic() - self._last_refresh < REFRESH_MAX_AGE:
            return None
        try:
            report = await asyncio.to_thread(
                ingest_folder, self.store, self.settings.corpus_dir, self._model, self.settings
            )
        except Exception:
            log.exception(
                "Refreshing the corpus from %s failed; using what the store already holds", self.settings.corpus_dir
            )
            report = None
        self._last_refresh = clock.monotonic()
        self.as_of = utcnow()
        self.last_report = report or self.last_report
        self._digests.clear()
        return report

    async def fetch(self, urls: list[str] | None = None, force: bool = False) -> FetchReport | None:
        """Fetch the feeds (or only the pages `urls`) and ingest what came, in a worker thread, under the refresh
        lock so a fetch and an ingest never overlap. `force` also tries feeds that are backing off.
        None when it failed: the error is logged and kept in `last_fetch_error`; the store keeps what it holds."""
        async with self._lock:
            return await self._fetch_locked(urls, force)

    async def _fetch_locked(self, urls: list[str] | None, force: bool) -> FetchReport | None:
        what = "the pages " + ", ".join(urls) if urls else "the feeds"
        try:
            outcomes = await asyncio.to_thread(run_fetch, self.settings, self.store, urls, force)
            ingested = await asyncio.to_thread(ingest_fetched, self.settings, self.store, self._model)
        except Exception as exc:
            log.exception("Fetching %s failed; using what the store already holds", what)
            self.last_fetch_error = f"{utcnow():%Y-%m-%d %H:%M} UTC, fetching {what}: {type(exc).__name__}: {exc}"
            return None
        finally:  # failed or not: a fan-out of digests does not fetch again for each subscriber
            self._fetched(urls)
        report = FetchReport(tuple(outcomes), ingested, utcnow())
        self.last_fetch_error = None
        if urls is None:
            self.last_fetch = report
        return report

    def _fetched(self, urls: list[str] | None) -> None:
        self.as_of = utcnow()
        self._digests.clear()
        if urls is None:
            self._last_fetch = clock.monotonic()

    async def _fetch_if_stale(self) -> None:
        """Fetch the feeds, if any are followed and they were not fetched within the last minute."""
        if self._last_fetch is not None and clock.monotonic() - self._last_fetch < REFRESH_MAX_AGE:
            return
        if await asyncio.to_thread(self.feeds.feeds):
            await self._fetch_locked(None, force=False)

    def document_of_link(self, url: str) -> Document | None:
        """The stored article fetched from `url` (the original, when it was a near-duplicate), or None."""
        saved = self.feeds.seen([url])
        if not saved:
            return None
        index = self.store.document_index()
        document = index.get(document_id(str(Path(saved).resolve())))
        if document is None:
            return None
        return index.get(document.duplicate_of or "", document)

    async def fresh_snapshot(self, build: Callable[[datetime], T], cache_key: Hashable) -> tuple[T, datetime]:
        """Fetch the feeds and refresh the corpus if stale, then run `build(as_of)` under the refresh lock so no
        ingest lands half-seen.

        Results are cached per `cache_key` until the next refresh, so a fan-out builds each digest once.
        """
        async with self._lock:
            await self._fetch_if_stale()
            await self._refresh_locked(force=False)
            as_of = self.as_of or utcnow()  # set by every refresh, failed or not
            if cache_key not in self._digests:
                self._digests[cache_key] = await asyncio.to_thread(build, as_of)
            built: T = self._digests[cache_key]
            return built, as_of

    def request_stop(self, reason: str) -> None:
        """Stop the bot after a fatal error (e.g. another instance polls with the same token)."""
        self.fatal_error = reason
        if self.stop is not None:
            self.stop()
