"""Several bot processes on one store: the one holding the digest lease schedules and sends the digests.

Every process tries the lease at start and then every third of DIGEST_LEASE_SECONDS, in one repeating job. The
holder keeps a daily job per subscription (bot.digest) and, at each renewal, picks up the subscriptions other
processes made or changed; the others serve commands only. When the holder dies its lease runs out and the next
process to try takes it over, restoring the daily jobs and sending the digests missed meanwhile (within
DIGEST_GRACE_HOURS). A process that finds its lease gone (it stalled past it) drops its digest jobs. Each delivery is
still claimed in the database before it is sent, so no digest goes out twice even if two processes ever overlap."""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from telegram.ext import Application

from bot import digest
from bot.context import BotContext, jobs_of, runtime_of
from bot.lease import LeaseInfo
from bot.runtime import Runtime
from briefings.store.database import utcnow

log = logging.getLogger(__name__)

LEASE_JOB = "digest-lease"


def start(application: Application) -> int:
    """At start: try the lease (restoring the digest jobs when taken) and schedule the repeating try; how many
    subscriptions this process scheduled."""
    runtime = runtime_of(application)
    lease = runtime.lease
    held = lease.renew()
    restored = take_over(application) if held else 0
    if not held:
        log.info(
            "Another process sends the digests (%s); this one serves commands and tries the lease every %.3g s",
            holder_of(lease.current()),
            lease.interval,
        )
    jobs_of(application).run_repeating(
        lease_job,
        interval=lease.interval,
        first=lease.interval,
        name=LEASE_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
    return restored


def stop(application: Application) -> None:
    """At shutdown: give the lease up, so another process takes over at its next try."""
    try:
        runtime_of(application).lease.release()
    except SQLAlchemyError:
        log.warning("Could not give up the digest lease; another process takes it when it runs out", exc_info=True)


def take_over(application: Application) -> int:
    """This process now holds the lease: a daily job per subscription, and the digests missed meanwhile."""
    runtime = runtime_of(application)
    restored = digest.restore(application)
    runtime.subscriptions_seen = runtime.subscriptions.fingerprint()
    log.info("This process holds the digest lease and scheduled %d subscriptions", restored)
    return restored


async def lease_job(context: BotContext) -> None:
    """The repeating job: renew or try the lease, and act on a change (take over, or stop sending)."""
    application, runtime = context.application, context.runtime
    has_jobs, was_valid = runtime.lease.held_until is not None, runtime.lease.holds()
    try:
        holds = await asyncio.to_thread(runtime.lease.renew)
    except SQLAlchemyError:
        log.warning("Could not reach the store to renew the digest lease; trying again shortly", exc_info=True)
        return
    if holds and not was_valid:  # taken over, or renewed after it ran out (digests due meanwhile were held back)
        log.warning(
            "%s the digest lease; restoring the digest jobs and sending those missed",
            "Renewed, late," if has_jobs else "Took over",
        )
        take_over(application)
    elif holds:
        await follow_subscriptions(application, runtime)
    elif has_jobs:
        dropped = digest.unschedule_all(jobs_of(application))
        log.warning(
            "Another process took the digest lease (%s) after this one failed to renew it in time; "
            "dropped %d digest jobs, this process now serves commands only",
            holder_of(runtime.lease.current()),
            dropped,
        )


async def follow_subscriptions(application: Application, runtime: Runtime) -> None:
    """The holder: (re)schedule the subscriptions other processes made, changed or ended since it last looked."""
    seen = await asyncio.to_thread(runtime.subscriptions.fingerprint)
    if seen == runtime.subscriptions_seen:
        return
    subs = await asyncio.to_thread(runtime.subscriptions.active)
    changed = digest.sync_jobs(application, subs)
    runtime.subscriptions_seen = seen
    if changed:
        log.info("Scheduled %d new or changed subscriptions", changed)


def holder_of(info: LeaseInfo | None) -> str:
    """The holder's id (host:pid:random), or 'nobody'."""
    return info.holder if info else "nobody"


def lease_line(runtime: Runtime, now: datetime | None = None) -> str:
    """For /status: whether this process sends the digests, and if not, which one does."""
    now = now or utcnow()
    lease = runtime.lease
    if lease.holds(now):
        return f"Digests: sent by this process (lease renewed every {lease.interval:.3g} s)"
    info = lease.current()
    if info is None or info.expires_at <= now:
        return f"Digests: no process holds the lease now; this one tries every {lease.interval:.3g} s"
    return (
        f"Digests: sent by another process ({html.escape(info.holder)}, lease until {info.expires_at:%H:%M:%S} UTC); "
        f"this one takes over if it stops renewing"
    )
