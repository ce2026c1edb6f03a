"""The bot against the fake Telegram server: /brief latency over a large store, and digest fan-out.

1. /brief latency (p50/p95), from the update being queued to the bot's last reply arriving at the server,
   over a store holding the facts of --articles synthetic articles (written straight into the store, no NLP).
2. Digest fan-out to --subscribers chats due at the same second, with the fake server enforcing Telegram's
   flood limits (30 messages/s overall, ~1/s per chat with short bursts): messages/s achieved and 429s.

Usage: python benchmarks/bot.py [--articles 10000] [--subscribers 1000] [--queries 60]
Targets: p95 < 300 ms; fan-out >= 25 messages/s with no 429.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import statistics
import sys
import tempfile
import time as clock
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import build_store  # noqa: E402
from bot.app import build_application, running  # noqa: E402
from bot.subscriptions import Subscriptions  # noqa: E402
from briefings.config import Settings  # noqa: E402
from briefings.store import Store  # noqa: E402
from briefings.store.database import utcnow  # noqa: E402
from tests.e2e.fake_telegram import FakeTelegram, Limits  # noqa: E402

TOKEN = "123456789:AAHbenchTOKENbenchTOKENbenchTOKEN12"


def answered(fake: FakeTelegram, chat: int) -> bool:
    """The chat got its brief (with buttons) or was told nothing matched."""
    sent = fake.sent_to(chat)
    return bool(sent and sent[-1].reply_markup is not None) or "Nothing matched" in "".join(m.text for m in sent)


QUERIES = [
    "",
    "pyongyang",
    "Hwasong-7",
    "7d",
    "since 2024-06-01",
    "weapons",
    "recommendations",
    "moscow summit",
    "Kim",
    "Iskander-3",
    "2w",
    "attendees",
    "figures",
    "quotes",
    "since 2025-01-01 weapons",
    "nowhere",
]


async def brief_latency(store: Store, settings: Settings, queries: int) -> list[float]:
    """Seconds from queuing `/brief <query>` to the bot's last reply reaching the server."""
    fake = FakeTelegram(TOKEN).start()
    try:
        settings = Settings(**{**vars(settings), "telegram_api_url": fake.api_url})
        timings = []
        async with running(build_application(settings, store, lambda: None), poll_timeout=5):
            for n in range(queries + 2):
                chat = 5_000_000 + n
                fake.private_chat(chat)
                started = clock.monotonic()
                fake.say(chat, f"/brief {QUERIES[n % len(QUERIES)]}".strip())
                await fake.wait_for(functools.partial(answered, fake, chat), 30)
                if n >= 2:
                    timings.append(fake.sent_to(chat)[-1].at - started)
        assert not fake.errors, fake.errors[:3]
        return timings
    finally:
        fake.stop()


async def fan_out(store: Store, settings: Settings, subscribers: int) -> dict:
    """Deliver one digest to each of `subscribers` chats due at the same second, under Telegram's limits."""
    fake = FakeTelegram(TOKEN, limits=Limits()).start()
    try:
        settings = Settings(**{**vars(settings), "telegram_api_url": fake.api_url})
        subs = Subscriptions(store)
        due = (datetime.now(UTC) + timedelta(seconds=4)).time().replace(microsecond=0)
        since = utcnow() - timedelta(days=1)
        chats = [7_000_000 + n for n in range(subscribers)]
        for chat in chats:
            fake.private_chat(chat)
            subs.subscribe(chat, None, due, "UTC", now=since)
        async with running(build_application(settings, store, lambda: None), poll_timeout=5):
            await fake.wait_for(
                lambda: len({m.chat_id for m in fake.sent}) >= subscribers, timeout=subscribers, what="every digest"
            )
            await asyncio.sleep(1.0)
        stamps = sorted(m.at for m in fake.sent)
        span = stamps[-1] - stamps[0]
        return {
            "messages": len(fake.sent),
            "chats": len({m.chat_id for m in fake.sent}),
            "seconds": span,
            "rate": (len(stamps) - 1) / span if span else float("inf"),
            "429s": fake.too_many,
            "other_errors": len(fake.errors) - fake.too_many,
        }
    finally:
        fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--subscribers", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        started = clock.perf_counter()
        store = build_store(url, args.articles)
        facts = {kind: len(rows) for kind, rows in store.facts().items()}
        print(
            f"store: {store.document_count()} articles, merged facts {facts} "
            f"(built in {clock.perf_counter() - started:.1f} s)"
        )
        empty = Path(tmp) / "corpus"
        empty.mkdir()
        settings = Settings(telegram_bot_token=TOKEN, database_url=url, corpus_dir=empty)
        timings = asyncio.run(brief_latency(store, settings, args.queries))
        p50, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[18]
        print(
            f"/brief latency over {len(timings)} queries: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms (target p95 < 300 ms)"
        )
        result = asyncio.run(fan_out(store, settings, args.subscribers))
        print(
            f"digest fan-out: {result['messages']} messages to {result['chats']} chats in {result['seconds']:.1f} s "
            f"= {result['rate']:.1f} messages/s (Telegram ceiling 30/s, target >= 25/s); "
            f"429 answers: {result['429s']}; other errors: {result['other_errors']}"
        )
        store.close()


if __name__ == "__main__":
    main()
