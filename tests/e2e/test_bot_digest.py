"""Daily digests on the real JobQueue: due in seconds, restarts mid-way, catch-up after downtime, groups and topics."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.digest import slot_key
from bot.subscriptions import Subscriptions
from briefings.store.database import utcnow
from tests.e2e.helpers import ADMIN, LATE_ARTICLE, USER, ask

pytestmark = [pytest.mark.slow]

OTHER = 900003


def due_in(seconds: float) -> tuple:
    """(UTC time of day `seconds` from now, that moment), for a subscription due soon."""
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return moment.time().replace(microsecond=0, tzinfo=None), moment


def digests(fake, chat_id: int, thread_id: int | None = None) -> list:
    """Digest messages (not command replies) sent to a chat or topic."""
    return [m for m in fake.sent_to(chat_id) if m.text.startswith("Daily digest") and m.thread_id == thread_id]


async def test_digest_due_in_two_seconds_holds_only_what_is_new_and_a_restart_does_not_resend(
    fake, settings, store, start_bot, corpus_dir
):
    subs = Subscriptions(store)
    at, moment = due_in(2)
    subs.subscribe(USER, None, at, "UTC")
    fake.private_chat(USER)
    (corpus_dir / "minsk.txt").write_text(LATE_ARTICLE)
    async with start_bot(settings, store):
        await fake.wait_for(lambda: digests(fake, USER), timeout=15, what="the digest")
        await asyncio.sleep(0.5)
    [digest] = digests(fake, USER)
    assert "Minsk" in digest.text and "Lukashenko" in digest.text
    assert "Pyongyang" not in digest.text and "Hwasong" not in digest.text
    async with start_bot(settings, store):
        await asyncio.sleep(1.5)
    assert len(digests(fake, USER)) == 1
    delivery = subs.delivery(USER, None, slot_key(moment))
    assert delivery.status == "sent" and delivery.messages == 1


async def test_two_subscribers_across_a_restart_get_one_digest_each(fake, settings, store, start_bot):
    subs = Subscriptions(store)
    first_at, _ = due_in(2)
    second_at, _ = due_in(6)
    subs.subscribe(USER, None, first_at, "UTC")
    subs.subscribe(OTHER, None, second_at, "UTC")
    for chat in (USER, OTHER):
        fake.private_chat(chat)
    async with start_bot(settings, store):
        await fake.wait_for(lambda: digests(fake, USER), timeout=15, what="the first digest")
    assert not digests(fake, OTHER)
    async with start_bot(settings, store):
        await fake.wait_for(lambda: digests(fake, OTHER), timeout=15, what="the second digest")
        await asyncio.sleep(1.0)
    assert len(digests(fake, USER)) == 1 and len(digests(fake, OTHER)) == 1


async def test_a_digest_missed_while_down_is_sent_on_start_within_the_grace_period_once(
    fake, settings, store, start_bot
):
    subs = Subscriptions(store)
    now = datetime.now(UTC)
    long_ago = utcnow() - timedelta(days=3)
    missed = (now - timedelta(minutes=30)).time().replace(microsecond=0)
    too_old = (now - timedelta(hours=7)).time().replace(microsecond=0)
    subs.subscribe(USER, None, missed, "UTC", now=long_ago)
    subs.subscribe(OTHER, None, too_old, "UTC", now=long_ago)
    for chat in (USER, OTHER):
        fake.private_chat(chat)
    async with start_bot(settings, store):
        await fake.wait_for(lambda: digests(fake, USER), timeout=15, what="the catch-up digest")
        await asyncio.sleep(1.0)
    async with start_bot(settings, store):
        await asyncio.sleep(1.5)
    assert len(digests(fake, USER)) == 1
    assert digests(fake, OTHER) == []
    assert "Pyongyang" in digests(fake, USER)[0].text, "three days of facts are new to this subscriber"


@pytest.mark.parametrize("when_empty", [True, False])
async def test_nothing_new_is_a_short_note_or_silence(fake, settings, store, start_bot, when_empty):
    subs = Subscriptions(store)
    at, moment = due_in(2)
    subs.subscribe(USER, None, at, "UTC")
    fake.private_chat(USER)
    async with start_bot(settings, store, digest_when_empty=when_empty):
        await fake.wait_for(
            lambda: (
                subs.delivery(USER, None, slot_key(moment))
                and subs.delivery(USER, None, slot_key(moment)).status != "sending"
            ),
            timeout=15,
            what="the digest slot to be recorded",
        )
    sent = digests(fake, USER)
    if when_empty:
        assert len(sent) == 1 and "Nothing new since" in sent[0].text
        assert subs.delivery(USER, None, slot_key(moment)).status == "sent"
    else:
        assert sent == [] and subs.delivery(USER, None, slot_key(moment)).status == "silent"


async def test_subscribe_settings_unsubscribe_through_commands(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [subscribed] = await ask(fake, USER, "/subscribe 08:00 Europe/London")
        [shown] = await ask(fake, USER, "/settings")
        [bad_zone] = await ask(fake, USER, "/subscribe 08:00 Mars/Olympus_Mons")
        [bad_time] = await ask(fake, USER, "/subscribe 25:99")
        [stopped] = await ask(fake, USER, "/unsubscribe")
        [after] = await ask(fake, USER, "/settings")
    assert "08:00 Europe/London" in subscribed.text and "Next:" in subscribed.text
    assert "Next: 20" in shown.text and "Europe/London" in shown.text
    assert "Unknown time zone" in bad_zone.text and "HH:MM" in bad_time.text
    assert "Unsubscribed" in stopped.text and "No daily digest here" in after.text
    assert Subscriptions(store).active() == []


async def test_a_digest_subscribed_from_a_forum_topic_goes_to_that_topic(fake, settings, store, start_bot):
    group, topic = -1001234, 77
    fake.group(group, forum=True)
    async with start_bot(settings, store):
        [reply] = await ask(fake, group, "/subscribe 09:30 Asia/Seoul", thread_id=topic)
    assert reply.thread_id == topic
    subs = Subscriptions(store)
    assert subs.get(group, topic).timezone == "Asia/Seoul"
    at, _ = due_in(2)
    subs.subscribe(group, topic, at, "UTC", now=utcnow() - timedelta(days=2))
    async with start_bot(settings, store):
        await fake.wait_for(lambda: digests(fake, group, topic), timeout=15, what="the topic digest")
    assert digests(fake, group, None) == []


async def test_a_group_that_becomes_a_supergroup_keeps_its_subscription(fake, settings, store, start_bot):
    old, new = -4455, -1004455
    fake.group(old)
    subs = Subscriptions(store)
    at, moment = due_in(2)
    subs.subscribe(old, None, at, "UTC", now=utcnow() - timedelta(days=2))
    fake.migrate(old, new)
    async with start_bot(settings, store) as (application, _):
        await fake.wait_for(lambda: digests(fake, new), timeout=15, what="the digest under the new id")
        await asyncio.sleep(0.3)
        jobs = [j.name for j in application.job_queue.jobs()]
    assert subs.get(old, None) is None and subs.get(new, None).active
    assert subs.delivery(new, None, slot_key(moment)).status == "sent"
    assert f"digest:{new}:0" in jobs and f"digest:{old}:0" not in jobs


async def test_a_user_who_blocked_the_bot_is_unsubscribed_and_admins_see_the_failure(fake, settings, store, start_bot):
    subs = Subscriptions(store)
    at, moment = due_in(2)
    subs.subscribe(USER, None, at, "UTC")
    fake.private_chat(USER)
    fake.block(USER)
    async with start_bot(settings, store):
        await fake.wait_for(lambda: not subs.get(USER, None).active, timeout=15, what="the subscription to end")
        [status] = await ask(fake, ADMIN, "/status")
    assert "blocked" in (subs.get(USER, None).reason or "")
    assert subs.delivery(USER, None, slot_key(moment)).status == "failed"
    assert str(USER) in status.text and "Forbidden" in status.text


async def test_digest_command_previews_without_using_up_the_day(fake, settings, store, start_bot, corpus_dir):
    subs = Subscriptions(store)
    subs.subscribe(USER, None, datetime.now(UTC).time().replace(microsecond=0), "UTC")
    (corpus_dir / "minsk.txt").write_text(LATE_ARTICLE)
    async with start_bot(settings, store):
        replies = await ask(fake, USER, "/digest")
    assert "Minsk" in "\n".join(m.text for m in replies)
    assert subs.deliveries(USER, None) == []
