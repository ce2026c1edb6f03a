"""Digest scheduling arithmetic: the latest slot, the local day, what a restarted bot still owes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.digest import latest_slot, missed_slot, slot_key
from bot.subscriptions import Subscription

LONDON = ZoneInfo("Europe/London")


def sub(at: time, zone: str = "UTC", created: datetime = datetime(2025, 1, 1)) -> Subscription:
    return Subscription(chat_id=1, thread_id=None, at=at, timezone=zone, active=True, created_at=created)


def test_latest_slot_is_today_once_the_time_has_passed_else_yesterday():
    now = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)
    assert latest_slot(time(8, 0), ZoneInfo("UTC"), now) == datetime(2025, 10, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert latest_slot(time(10, 0), ZoneInfo("UTC"), now).date().isoformat() == "2025-10-09"


def test_slots_follow_local_time_across_a_dst_change():
    before = latest_slot(time(8, 0), LONDON, datetime(2025, 3, 29, 12, 0, tzinfo=UTC))
    after = latest_slot(time(8, 0), LONDON, datetime(2025, 3, 31, 12, 0, tzinfo=UTC))
    assert before.astimezone(UTC).hour == 8 and after.astimezone(UTC).hour == 7
    assert slot_key(after) == "2025-03-31"


def test_slot_key_is_the_subscribers_local_date():
    seoul = ZoneInfo("Asia/Seoul")
    slot = latest_slot(time(7, 0), seoul, datetime(2025, 10, 10, 23, 30, tzinfo=UTC))
    assert slot_key(slot) == "2025-10-11"


def test_a_missed_slot_is_owed_within_the_grace_period_only():
    now = datetime(2025, 10, 10, 10, 0, tzinfo=UTC)
    grace = timedelta(hours=6)
    assert missed_slot(sub(time(8, 0)), now, grace) == datetime(2025, 10, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert missed_slot(sub(time(3, 0)), now, grace) is None


def test_no_digest_is_owed_for_a_slot_before_subscribing():
    now = datetime(2025, 10, 10, 10, 0, tzinfo=UTC)
    assert missed_slot(sub(time(8, 0), created=datetime(2025, 10, 10, 9, 0)), now, timedelta(hours=6)) is None
