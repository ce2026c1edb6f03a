"""Two bot processes on one store (`briefings bot`, real subprocesses) against the fake Bot API: one digest per
subscriber, and when the process sending them is killed the other takes over and sends the next ones, once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time as clock
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.lease import Lease
from bot.subscriptions import Subscriptions
from briefings.store import Store
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.helpers import TOKEN

pytestmark = [pytest.mark.slow]

BRIEFINGS = Path(sys.executable).with_name("briefings")
SUBSCRIBERS = 12
LEASE_SECONDS = 2  # each process tries the lease every 2/3 s
FIRST_ZONE = "Pacific/Kiritimati"  # UTC+14 and UTC-11: the local dates of one moment always differ, so a change
SECOND_ZONE = "Pacific/Pago_Pago"  # from the first zone to the second makes the next digest another day's slot
CHATS = [8_100_000 + n for n in range(SUBSCRIBERS)]


class BotProcess:
    """`briefings -v bot` in a folder of its own (no .env), its log in a file."""

    def __init__(self, folder: Path, env: dict[str, str]):
        folder.mkdir()
        self.log = folder / "bot.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(BRIEFINGS), "-v", "bot"], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    @property
    def pid(self) -> int:
        """The process id (part of its lease holder id)."""
        return self.process.pid

    def tail(self) -> str:
        """The end of its log, for a failure message."""
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        """SIGTERM (the bot gives its lease up and stops), then SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@pytest.fixture
def fake():
    """The fake Telegram Bot API server, with the subscribers' private chats."""
    server = FakeTelegram(TOKEN).start()
    for chat in CHATS:
        server.private_chat(chat)
    yield server
    server.stop()


def bot_env(tmp_path: Path, fake: FakeTelegram, database_url: str) -> dict[str, str]:
    """The environment of each bot process: the fake API, the shared store, an empty corpus, a short lease."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path / "data"),
        "CORPUS_DIR": str(corpus),
        "DIGEST_LEASE_SECONDS": str(LEASE_SECONDS),
        "DIGEST_WHEN_EMPTY": "true",
        "DIGEST_GRACE_HOURS": "1",
    }


def digests(fake: FakeTelegram) -> dict[int, int]:
    """Digests sent, per subscriber."""
    counts = dict.fromkeys(CHATS, 0)
    for message in fake.sent:
        if message.chat_id in counts and message.text.startswith("Daily digest"):
            counts[message.chat_id] += 1
    return counts


def subscribe_all(subs: Subscriptions, zone: str, seconds: float) -> datetime:
    """Every subscriber due `seconds` from now, local time in `zone` (written to the store, as any process
    serving /subscribe would); the moment they are due."""
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    at = moment.astimezone(ZoneInfo(zone)).time().replace(microsecond=0, tzinfo=None)
    for chat in CHATS:
        subs.subscribe(chat, None, at, zone)
    return moment


def holder_pid(lease: Lease) -> int | None:
    """The process id of the lease's holder while its lease runs, else None."""
    info = lease.current()
    if info is None or info.expires_at <= datetime.now(UTC).replace(tzinfo=None):
        return None
    return int(info.holder.split(":")[-2])


async def until(predicate, timeout: float, what: str, bots: list[BotProcess]):
    """Poll `predicate` until truthy; on timeout fail with the bots' logs."""
    deadline = clock.monotonic() + timeout
    while clock.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        await asyncio.sleep(0.1)
    logs = "\n".join(f"--- bot {bot.pid}:\n{bot.tail()}" for bot in bots)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{logs}")


async def test_two_bot_processes_send_one_digest_each_and_the_survivor_takes_over(tmp_path, fake, database_url):
    if not BRIEFINGS.exists():
        pytest.skip(f"the briefings command is not installed next to {sys.executable}")
    store = Store(database_url)
    subs = Subscriptions(store)
    lease = Lease(store, LEASE_SECONDS, holder="the test (reads only)")
    env = bot_env(tmp_path, fake, database_url)
    bots = [BotProcess(tmp_path / name, env) for name in ("first", "second")]
    try:
        started = lambda: sum(method == "setMyCommands" for method, _ in fake.calls) == 2  # noqa: E731
        await until(started, 60, "both bots to start", bots)
        holder = await until(lambda: holder_pid(lease), 10, "a lease holder", bots)
        assert holder in {bot.pid for bot in bots}

        first_due = subscribe_all(subs, FIRST_ZONE, 3)
        await until(lambda: all(digests(fake).values()), 20, "every first digest", bots)
        await asyncio.sleep(2 * LEASE_SECONDS)  # both processes keep running: any second copy would show now
        assert set(digests(fake).values()) == {1}, digests(fake)

        [dying] = [bot for bot in bots if bot.pid == holder]
        [survivor] = [bot for bot in bots if bot.pid != holder]
        dying.process.send_signal(signal.SIGKILL)
        killed = clock.monotonic()
        second_due = subscribe_all(subs, SECOND_ZONE, LEASE_SECONDS + 4)
        await until(lambda: holder_pid(lease) == survivor.pid, 3 * LEASE_SECONDS + 5, "the takeover", bots)
        takeover = clock.monotonic() - killed
        await until(lambda: set(digests(fake).values()) == {2}, 25, "every second digest", bots)
        await asyncio.sleep(2 * LEASE_SECONDS)
        assert set(digests(fake).values()) == {2}, digests(fake)
    finally:
        for bot in bots:
            bot.stop()

    assert takeover < LEASE_SECONDS * 4 / 3 + 3, f"took {takeover:.1f}s (lease {LEASE_SECONDS}s)"
    assert not fake.errors, fake.errors[:3]
    first_slot = first_due.astimezone(ZoneInfo(FIRST_ZONE)).date().isoformat()
    second_slot = second_due.astimezone(ZoneInfo(SECOND_ZONE)).date().isoformat()
    for chat in CHATS:
        slots = [(d.slot, d.status, d.messages) for d in subs.deliveries(chat, None)]
        assert slots == sorted([(first_slot, "sent", 1), (second_slot, "sent", 1)])
    assert holder_pid(lease) is None, "the survivor gave its lease up when it stopped"
    store.close()
