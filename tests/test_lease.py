"""The digest lease in the store: one holder at a time, renewed by it, taken over only once it has run out."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.lease import Lease
from bot.subscriptions import Subscriptions
from briefings.config import load_settings
from briefings.errors import ConfigError
from briefings.store import Store
from briefings.store.database import utcnow

SECONDS = 30


@pytest.fixture
def store(database_url):
    """A store with the bot's tables (the leases table among them)."""
    s = Store(database_url)
    Subscriptions(s)
    yield s
    s.close()


def test_the_first_process_takes_the_lease_and_a_second_waits_until_it_runs_out(store):
    first, second = Lease(store, SECONDS, holder="first"), Lease(store, SECONDS, holder="second")
    now = utcnow()
    assert first.renew(now) and first.holds(now)
    assert not second.renew(now + timedelta(seconds=10)) and not second.holds(now)
    assert first.renew(now + timedelta(seconds=10))  # renewed: it now runs out 30 s after the renewal
    assert not second.renew(now + timedelta(seconds=35))

    later = now + timedelta(seconds=41)  # the first stopped renewing (died, or stalled)
    assert not first.holds(later)
    assert second.renew(later) and second.holds(later)
    info = second.current()
    assert info is not None and info.holder == "second" and info.acquired_at == later
    assert not first.renew(later + timedelta(seconds=1)) and first.held_until is None


def test_a_renewal_keeps_the_time_the_lease_was_taken(store):
    lease = Lease(store, SECONDS, holder="only")
    now = utcnow()
    lease.renew(now)
    lease.renew(now + timedelta(seconds=10))
    info = lease.current()
    assert info is not None and info.acquired_at == now and info.expires_at == now + timedelta(seconds=40)


def test_a_released_lease_is_taken_at_the_next_try(store):
    first, second = Lease(store, SECONDS, holder="first"), Lease(store, SECONDS, holder="second")
    assert first.renew()
    first.release()
    assert not first.holds() and second.renew()


def test_many_processes_trying_at_once_give_exactly_one_holder(store):
    now = utcnow()
    leases = [Lease(store, SECONDS, holder=f"process-{n}") for n in range(8)]
    start = threading.Barrier(len(leases))
    results: dict[str, bool] = {}

    def attempt(lease: Lease) -> None:
        start.wait()
        results[lease.holder] = lease.renew(now)

    threads = [threading.Thread(target=attempt, args=(lease,)) for lease in leases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    winners = [holder for holder, held in results.items() if held]
    assert len(results) == len(leases) and len(winners) == 1
    info = leases[0].current()
    assert info is not None and info.holder == winners[0]


def test_the_lease_setting_is_checked_and_named():
    assert load_settings({}).digest_lease_seconds == 30
    assert load_settings({"DIGEST_LEASE_SECONDS": "5"}).digest_lease_seconds == 5
    with pytest.raises(ConfigError, match="DIGEST_LEASE_SECONDS must be from 2 to 3600"):
        load_settings({"DIGEST_LEASE_SECONDS": "1"})
    with pytest.raises(ConfigError, match="DIGEST_LEASE_SECONDS must be a whole number"):
        load_settings({"DIGEST_LEASE_SECONDS": "soon"})
