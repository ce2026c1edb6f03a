"""The digest lease in a running bot: it sends digests only while it holds the lease, stops when another process
takes it, takes it back (and sends what was missed) once it is free, and /status and /settings say so."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.context import jobs_of, runtime_of
from bot.digest import DailyJob
from bot.lease import Lease
from bot.scheduler import LEASE_JOB
from bot.subscriptions import Subscriptions
from briefings.store.database import utcnow
from tests.e2e.helpers import ADMIN, USER, ask

pytestmark = [pytest.mark.slow]

LEASE_SECONDS = 2


def digest_jobs(application) -> list:
    """The daily digest jobs this bot has."""
    return [job for job in jobs_of(application).jobs() if isinstance(job.data, DailyJob)]


def digests(fake, chat_id: int) -> list:
    """Digest messages sent to a chat (what is new, or the note that nothing is; not the /settings reply)."""
    return [m for m in fake.sent_to(chat_id) if m.text.startswith(("Daily digest:", "Daily digest\n"))]


async def test_a_bot_sends_digests_only_while_it_holds_the_lease(fake, settings, store, start_bot):
    subs = Subscriptions(store)
    due = datetime.now(UTC) + timedelta(seconds=10)
    subs.subscribe(USER, None, due.time().replace(microsecond=0, tzinfo=None), "UTC")
    fake.private_chat(USER)
    fake.private_chat(ADMIN)
    async with start_bot(settings, store, digest_lease_seconds=LEASE_SECONDS) as (application, _stopped):
        runtime = runtime_of(application)
        assert runtime.lease.holds() and len(digest_jobs(application)) == 1
        [status] = await ask(fake, ADMIN, "/status")
        assert "Digests: sent by this process" in status.text

        # this bot stalled past its lease and another process took it over
        other = Lease(store, 60, holder="host-b:4242:abcd")
        assert other.renew(utcnow() + timedelta(seconds=LEASE_SECONDS + 0.1))
        await fake.wait_for(lambda: not digest_jobs(application), timeout=5, what="the digest jobs dropped")
        assert not runtime.lease.holds()
        [status] = await ask(fake, ADMIN, "/status")
        assert "Digests: sent by another process (host-b:4242:abcd" in status.text
        [settings_reply] = await ask(fake, USER, "/settings")
        assert f"Next: {due:%Y-%m-%d %H:%M} UTC" in settings_reply.text  # from the subscription: no job here

        await asyncio.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()) + 1.5)
        assert not digests(fake, USER), "a bot without the lease sent a digest"

        other.release()  # the other process stopped: this bot takes over and sends the digest it missed
        await fake.wait_for(lambda: digests(fake, USER), timeout=5, what="the missed digest")
        assert runtime.lease.holds() and len(digest_jobs(application)) == 1
        [status] = await ask(fake, ADMIN, "/status")
        assert "Digests: sent by this process" in status.text
        await asyncio.sleep(2 * LEASE_SECONDS)
    assert len(digests(fake, USER)) == 1
    info = runtime.lease.current()
    assert info is not None and info.expires_at <= utcnow(), "a bot that stops gives its lease up"


async def test_a_digest_held_back_while_the_lease_lapsed_is_sent_once_it_is_renewed(fake, settings, store, start_bot):
    subs = Subscriptions(store)
    due = datetime.now(UTC) + timedelta(seconds=5)
    subs.subscribe(USER, None, due.time().replace(microsecond=0, tzinfo=None), "UTC")
    fake.private_chat(USER)
    async with start_bot(settings, store, digest_lease_seconds=LEASE_SECONDS) as (application, _stopped):
        runtime = runtime_of(application)
        [renewal] = jobs_of(application).get_jobs_by_name(LEASE_JOB)
        renewal.enabled = False  # the renewals stall (a busy store, a blocked loop); nobody else takes the lease
        await asyncio.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()) + 1.0)
        assert not runtime.lease.holds() and not digests(fake, USER), "sent without a valid lease"

        renewal.enabled = True
        await fake.wait_for(lambda: digests(fake, USER), timeout=5, what="the digest held back")
        await asyncio.sleep(2 * LEASE_SECONDS)
    assert len(digests(fake, USER)) == 1
