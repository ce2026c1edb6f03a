"""Daily digests: one job per subscriber at local time, refresh first, send what is new, record each slot.

Only the process holding the digest lease (bot.scheduler) has these jobs; the others serve commands."""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from telegram.error import ChatMigrated, Forbidden, TelegramError
from telegram.ext import Application, JobQueue

from bot.context import BotContext, jobs_of, runtime_of
from bot.messaging import Target, chat_messages, send_all
from bot.runtime import Runtime
from bot.subscriptions import Subscription
from bot.views import compact
from briefings.query import BriefQuery, build_brief, is_empty
from briefings.render import DIGEST_LIMIT, render_digest
from briefings.store.database import utcnow

log = logging.getLogger(__name__)

FIRST_DIGEST_LOOKBACK = timedelta(days=1)


class DailyJob(NamedTuple):
    """What a subscriber's daily job carries: where the digest goes, and the time it was scheduled for."""

    chat_id: int
    thread_id: int | None
    at: time
    timezone: str

    @classmethod
    def of(cls, sub: Subscription) -> DailyJob:
        """The job data for a subscription as it stands."""
        return cls(sub.chat_id, sub.thread_id, sub.at, sub.timezone)


class CatchUpJob(NamedTuple):
    """What a one-off catch-up job carries: where the digest goes and the slot it was due."""

    chat_id: int
    thread_id: int | None
    slot: datetime


J = TypeVar("J", DailyJob, CatchUpJob)


def job_data(context: BotContext, kind: type[J]) -> J:
    """The data of the job being run, checked to be what this module scheduled."""
    data = context.current_job.data
    if not isinstance(data, kind):
        raise TypeError(f"a {kind.__name__} job without its data: {data!r}")
    return data


def latest_slot(at: time, zone: ZoneInfo, now: datetime) -> datetime:
    """The most recent scheduled time (`at` local) at or before `now`."""
    local_now = now.astimezone(zone)
    slot = datetime.combine(local_now.date(), at, tzinfo=zone)
    if slot > local_now:
        slot = datetime.combine(local_now.date() - timedelta(days=1), at, tzinfo=zone)
    return slot


def next_slot(at: time, zone: ZoneInfo, now: datetime) -> datetime:
    """The next scheduled time (`at` local) after `now`."""
    slot = latest_slot(at, zone, now)
    return datetime.combine(slot.date() + timedelta(days=1), at, tzinfo=zone)


def slot_key(slot: datetime) -> str:
    """A slot's identity: the subscriber's local date (one digest per local day)."""
    return slot.date().isoformat()


def naive_utc(moment: datetime) -> datetime:
    """A time as the store keeps it: naive UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def missed_slot(sub: Subscription, now: datetime, grace: timedelta) -> datetime | None:
    """The slot a bot that was down should still deliver: past, within the grace period, after subscribing."""
    slot = latest_slot(sub.at, ZoneInfo(sub.timezone), now)
    if now - slot > grace or naive_utc(slot) < sub.created_at:
        return None
    return slot


def job_name(chat_id: int, thread_id: int | None) -> str:
    """The JobQueue name of a subscriber's daily job."""
    return f"digest:{chat_id}:{thread_id or 0}"


def grace(runtime: Runtime) -> timedelta:
    """How late a digest may still go out (DIGEST_GRACE_HOURS)."""
    return timedelta(hours=runtime.settings.digest_grace_hours)


def schedule(job_queue: JobQueue, runtime: Runtime, sub: Subscription) -> None:
    """(Re)create the subscriber's daily job, in the process holding the digest lease (another process's
    subscription reaches it at its next renewal); a late run within the grace period still fires, once."""
    unschedule(job_queue, sub.chat_id, sub.thread_id)
    if not runtime.lease.holds():
        return
    zone = ZoneInfo(sub.timezone)
    job_queue.run_daily(
        digest_job,
        time(sub.at.hour, sub.at.minute, sub.at.second, tzinfo=zone),
        name=job_name(sub.chat_id, sub.thread_id),
        chat_id=sub.chat_id,
        data=DailyJob.of(sub),
        job_kwargs={
            "misfire_grace_time": int(grace(runtime).total_seconds()) or 1,
            "coalesce": True,
            "max_instances": 1,
        },
    )


def unschedule(job_queue: JobQueue, chat_id: int, thread_id: int | None) -> None:
    """Remove a subscriber's daily job, if any."""
    for job in job_queue.get_jobs_by_name(job_name(chat_id, thread_id)):
        job.schedule_removal()


def unschedule_all(job_queue: JobQueue) -> int:
    """Remove every digest job (daily and catch-up): this process no longer holds the digest lease."""
    jobs = [job for job in job_queue.jobs() if isinstance(job.data, DailyJob | CatchUpJob)]
    for job in jobs:
        job.schedule_removal()
    return len(jobs)


def sync_jobs(application: Application, subs: list[Subscription]) -> int:
    """Make the daily jobs match the active subscriptions (another process may have changed them): new or changed
    ones scheduled, ended ones removed; how many were (re)scheduled."""
    job_queue, runtime = jobs_of(application), runtime_of(application)
    wanted = {job_name(sub.chat_id, sub.thread_id): sub for sub in subs}
    have = {job.name: job.data for job in job_queue.jobs() if isinstance(job.data, DailyJob)}
    for name, data in have.items():
        if name not in wanted:
            unschedule(job_queue, data.chat_id, data.thread_id)
    changed = [sub for name, sub in wanted.items() if have.get(name) != DailyJob.of(sub)]
    for sub in changed:
        schedule(job_queue, runtime, sub)
    return len(changed)


def next_delivery(job_queue: JobQueue, chat_id: int, thread_id: int | None) -> datetime | None:
    """When the subscriber's next digest is due: its job's next run, or (another process sends the digests) the next
    time of its subscription."""
    jobs = job_queue.get_jobs_by_name(job_name(chat_id, thread_id))
    due = min((j.next_t for j in jobs if j.next_t), default=None)
    if due is not None:
        return due
    sub = runtime_of(job_queue.application).subscriptions.get(chat_id, thread_id)
    return next_slot(sub.at, ZoneInfo(sub.timezone), datetime.now(UTC)) if sub and sub.active else None


def restore(application: Application, now: datetime | None = None) -> int:
    """On taking the digest lease (at start, or from a process that died): a daily job per active subscription, and
    a digest now for each slot missed while no process sent them."""
    runtime = runtime_of(application)
    now = now or datetime.now(UTC)
    subs = runtime.subscriptions.active()
    for sub in subs:
        schedule(jobs_of(application), runtime, sub)
        slot = missed_slot(sub, now, grace(runtime))
        if slot is not None and runtime.subscriptions.delivery(sub.chat_id, sub.thread_id, slot_key(slot)) is None:
            log.info("Digest for chat %s due %s was missed while down; sending it now", sub.chat_id, slot.isoformat())
            jobs_of(application).run_once(
                catch_up_job,
                0,
                data=CatchUpJob(sub.chat_id, sub.thread_id, slot),
                name=f"catch-up:{sub.chat_id}:{sub.thread_id or 0}",
            )
    return len(subs)


async def digest_job(context: BotContext) -> None:
    """The daily job: deliver today's slot to one subscriber."""
    chat_id, thread_id, _at, _zone = job_data(context, DailyJob)
    runtime = context.runtime
    if not runtime.lease.holds():
        log.warning("Digest for chat %s not sent: this process no longer holds the digest lease", chat_id)
        return
    sub = runtime.subscriptions.get(chat_id, thread_id)
    if sub is None or not sub.active:
        context.current_job.schedule_removal()
        return
    slot = latest_slot(sub.at, ZoneInfo(sub.timezone), datetime.now(UTC) + timedelta(seconds=1))
    await deliver(context.application, sub, slot)


async def catch_up_job(context: BotContext) -> None:
    """A one-off job at start: deliver a slot missed while the bot was down."""
    chat_id, thread_id, slot = job_data(context, CatchUpJob)
    runtime = context.runtime
    sub = runtime.subscriptions.get(chat_id, thread_id)
    if sub is not None and sub.active and runtime.lease.holds():
        await deliver(context.application, sub, slot)


def cutoff_for(runtime: Runtime, sub: Subscription | None) -> datetime:
    """Facts first seen after this time are new to the subscriber (last digest, else subscription time)."""
    if sub is None:
        return utcnow() - FIRST_DIGEST_LOOKBACK
    return runtime.subscriptions.last_delivered(sub.chat_id, sub.thread_id) or sub.created_at


async def digest_messages(runtime: Runtime, cutoff: datetime) -> tuple[list[str], datetime]:
    """The digest of what is new after `cutoff` (refreshing first), or [] when nothing is new and silence is set.
    The store cuts each list to what the digest shows (DIGEST_LIMIT), so a digest of a huge store reads little."""

    def build(_as_of: datetime) -> list[str]:
        brief = build_brief(runtime.store, BriefQuery(new_after=cutoff), limit=DIGEST_LIMIT)
        if not is_empty(brief):
            return chat_messages([render_digest(compact(brief), "html")])
        return [nothing_new_text(cutoff)] if runtime.settings.digest_when_empty else []

    messages, as_of = await runtime.fresh_snapshot(build, ("digest", cutoff))
    return list(messages), as_of


def nothing_new_text(cutoff: datetime) -> str:
    """The short digest sent when nothing is new."""
    return f"<b>Daily digest</b>\nNothing new since {html.escape(cutoff.strftime('%Y-%m-%d %H:%M'))} UTC."


async def deliver(application: Application, sub: Subscription, slot: datetime) -> str:
    """Send one subscriber's digest for a slot, at most once, and record the outcome."""
    runtime = runtime_of(application)
    subs, key = runtime.subscriptions, slot_key(slot)
    if not subs.claim_slot(sub.chat_id, sub.thread_id, key):
        log.debug("Digest %s for chat %s already handled", key, sub.chat_id)
        return "already"
    target = Target(sub.chat_id, sub.thread_id)
    try:
        messages, as_of = await digest_messages(runtime, cutoff_for(runtime, sub))
        status, target = await _send_digest(application, target, messages)
        subs.record_delivery(target.chat_id, target.thread_id, key, status, covered_until=as_of, messages=len(messages))
        return status
    except Forbidden as exc:
        subs.deactivate_chat(target.chat_id, f"blocked: {exc}")
        unschedule(jobs_of(application), target.chat_id, target.thread_id)
        subs.record_delivery(target.chat_id, target.thread_id, key, "failed", error=f"Forbidden: {exc}")
        log.warning("Chat %s blocked the bot or removed it; its subscription is deactivated", target.chat_id)
        return "blocked"
    except TelegramError as exc:
        subs.record_delivery(target.chat_id, target.thread_id, key, "failed", error=f"{type(exc).__name__}: {exc}")
        log.error("Digest %s for chat %s failed: %s", key, target.chat_id, exc)
        return "failed"


async def _send_digest(application: Application, target: Target, messages: list[str]) -> tuple[str, Target]:
    """Send the messages (none: stay silent); a migrated group gets them under its new id."""
    if not messages:
        return "silent", target
    try:
        await send_all(application.bot, target, messages)
    except ChatMigrated as exc:
        target = Target(migrate(application, target.chat_id, exc.new_chat_id), target.thread_id)
        await send_all(application.bot, target, messages)
    return "sent", target


def migrate(application: Application, old_chat_id: int, new_chat_id: int) -> int:
    """A group became a supergroup: move its subscriptions, history and jobs to the new chat id."""
    runtime = runtime_of(application)
    old_subs = [s for s in runtime.subscriptions.active() if s.chat_id == old_chat_id]
    runtime.subscriptions.migrate_chat(old_chat_id, new_chat_id)
    for sub in old_subs:
        unschedule(jobs_of(application), old_chat_id, sub.thread_id)
        moved = runtime.subscriptions.get(new_chat_id, sub.thread_id)
        if moved and moved.active:
            schedule(jobs_of(application), runtime, moved)
    log.info("Chat %s migrated to %s; its subscriptions moved with it", old_chat_id, new_chat_id)
    return new_chat_id
