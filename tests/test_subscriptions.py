"""Subscriptions, delivery slots and saved queries live in the store and survive reopening it (SQLite and
PostgreSQL, by the `database_url` fixture)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import inspect

from bot.subscriptions import Subscriptions
from briefings.store import Store


@pytest.fixture
def db_url(database_url):
    return database_url


@pytest.fixture
def subs(db_url):
    store = Store(db_url)
    yield Subscriptions(store)
    store.close()


def test_subscriptions_survive_reopening_the_store(db_url):
    first = Store(db_url)
    Subscriptions(first).subscribe(1, None, time(8, 0), "Europe/London")
    Subscriptions(first).subscribe(-100, 7, time(9, 30), "Asia/Seoul")
    first.close()
    again = Store(db_url)
    active = {(s.chat_id, s.thread_id): (s.at, s.timezone) for s in Subscriptions(again).active()}
    again.close()
    assert active == {(1, None): (time(8, 0), "Europe/London"), (-100, 7): (time(9, 30), "Asia/Seoul")}


def test_resubscribing_updates_the_time_and_unsubscribe_deactivates(subs):
    subs.subscribe(1, None, time(8, 0), "UTC")
    subs.subscribe(1, None, time(7, 15), "Europe/Paris")
    assert [(s.at, s.timezone) for s in subs.active()] == [(time(7, 15), "Europe/Paris")]
    assert subs.unsubscribe(1, None) is True
    assert subs.unsubscribe(1, None) is False
    assert subs.active() == [] and subs.get(1, None).reason == "unsubscribed"


def test_a_topic_and_its_group_are_separate_subscriptions(subs):
    subs.subscribe(-100, None, time(8, 0), "UTC")
    subs.subscribe(-100, 5, time(9, 0), "UTC")
    subs.unsubscribe(-100, 5)
    assert [(s.chat_id, s.thread_id) for s in subs.active()] == [(-100, None)]


def test_a_slot_is_claimed_once_and_a_failed_slot_can_be_retried(subs):
    assert subs.claim_slot(1, None, "2025-10-10") is True
    assert subs.claim_slot(1, None, "2025-10-10") is False
    subs.record_delivery(1, None, "2025-10-10", "failed", error="NetworkError")
    assert subs.claim_slot(1, None, "2025-10-10") is True
    subs.record_delivery(1, None, "2025-10-10", "sent", covered_until=datetime(2025, 10, 10, 8), messages=2)
    assert subs.claim_slot(1, None, "2025-10-10") is False
    assert subs.claim_slot(1, None, "2025-10-11") is True


def test_last_delivered_is_the_latest_coverage_of_a_sent_or_empty_digest(subs):
    assert subs.last_delivered(1, None) is None
    for slot, status, hour in (("2025-10-09", "sent", 8), ("2025-10-10", "silent", 9), ("2025-10-11", "failed", 10)):
        subs.claim_slot(1, None, slot)
        subs.record_delivery(1, None, slot, status, covered_until=datetime(2025, 10, 10, hour))
    assert subs.last_delivered(1, None) == datetime(2025, 10, 10, 9)
    assert [f.slot for f in subs.recent_failures()] == ["2025-10-11"]


def test_migrating_a_chat_moves_its_subscription_and_history(subs):
    subs.subscribe(-55, None, time(8, 0), "UTC")
    subs.claim_slot(-55, None, "2025-10-10")
    subs.record_delivery(-55, None, "2025-10-10", "sent", covered_until=datetime(2025, 10, 10))
    assert subs.migrate_chat(-55, -10055) == 1
    assert subs.get(-55, None) is None and subs.get(-10055, None).active
    assert subs.claim_slot(-10055, None, "2025-10-10") is False


def test_blocking_deactivates_every_topic_of_a_chat(subs):
    subs.subscribe(-100, 1, time(8, 0), "UTC")
    subs.subscribe(-100, 2, time(8, 0), "UTC")
    assert subs.deactivate_chat(-100, "blocked") == 2
    assert subs.count_active() == 0


def test_reactivating_resets_the_start_of_what_is_new(subs):
    old = datetime(2025, 1, 1)
    subs.subscribe(1, None, time(8, 0), "UTC", now=old)
    subs.unsubscribe(1, None)
    again = subs.subscribe(1, None, time(8, 0), "UTC", now=old + timedelta(days=30))
    assert again.created_at == old + timedelta(days=30)


def test_saved_queries_have_short_stable_keys(subs):
    key = subs.save_query({"topic": "pyongyang", "since": "2025-09-01"})
    assert key == subs.save_query({"since": "2025-09-01", "topic": "pyongyang"})
    assert len(key) == 12 and subs.load_query(key) == {"topic": "pyongyang", "since": "2025-09-01"}
    assert subs.load_query("0" * 12) is None


def test_the_core_store_holds_no_chat_tables_until_the_bot_opens_it(db_url):
    store = Store(db_url)
    core_tables = set(inspect(store.engine).get_table_names())
    Subscriptions(store).subscribe(1, None, time(8, 0), "UTC")
    bot_tables = set(inspect(store.engine).get_table_names()) - core_tables
    store.close()
    assert not {"subscriptions", "deliveries", "saved_queries", "leases"} & core_tables
    assert bot_tables == {"subscriptions", "deliveries", "saved_queries", "leases", "alembic_version_bot"}
