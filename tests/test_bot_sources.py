"""The bot side of live sources without Telegram: links found in messages, /addfeed arguments, the feed lines of
/feeds and /status, and Runtime.fetch against a real HTTP server on 127.0.0.1 and a real SQLite store."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from bot.grammar import find_link, parse_addfeed_args
from bot.runtime import Runtime
from bot.views import failing_feed_lines, feed_line
from briefings.config import Settings
from briefings.errors import QueryError
from briefings.store import Feed, Store
from tests.local_http import LocalServer, rss, written_page

NOW = datetime(2025, 10, 11, 8, 0)


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("see https://example.com/a/b?x=1.", "https://example.com/a/b?x=1"),
        ("(https://example.com/a)", "https://example.com/a"),
        ("https://en.wikipedia.org/wiki/Parade_(military)", "https://en.wikipedia.org/wiki/Parade_(military)"),
        ("Read «https://example.com/x»!", "https://example.com/x"),
        ("two: http://a.example/1 http://b.example/2", "http://a.example/1"),
        ("file:///etc/passwd", "file:///etc/passwd"),
        ("ftp://example.com/f", "ftp://example.com/f"),
        ("no link here, just example.com", None),
        ("", None),
    ],
)
def test_the_first_link_of_a_message_is_found_without_the_punctuation_around_it(text, link):
    assert find_link(text) == link


def test_addfeed_arguments():
    assert parse_addfeed_args(["https://e.com/rss"]) == ("https://e.com/rss", None)
    assert parse_addfeed_args(["https://e.com/rss", "World", "news"]) == ("https://e.com/rss", "World news")
    with pytest.raises(QueryError, match="Usage: /addfeed URL"):
        parse_addfeed_args([])
    with pytest.raises(QueryError, match="too long"):
        parse_addfeed_args(["https://e.com/rss", "x" * 61])


def test_a_feed_line_shows_its_last_fetch_failures_and_back_off_escaped():
    fine = Feed(1, "world", "https://e.com/rss", last_fetched=NOW)
    failing = Feed(
        2,
        "<b>bad</b>",
        "https://e.com/x",
        last_fetched=NOW,
        failures=3,
        next_try=NOW + timedelta(hours=2),
        last_error="HTTP 500 Internal Server Error",
    )
    assert feed_line(fine, NOW) == "• <b>world</b> https://e.com/rss\n  last fetched 2025-10-11 08:00 UTC · ok"
    line = feed_line(failing, NOW)
    assert line.startswith("• <b>&lt;b&gt;bad&lt;/b&gt;</b> https://e.com/x")
    assert "3 failure(s) in a row; waiting until 2025-10-11 10:00 UTC: HTTP 500 Internal Server Error" in line
    assert failing_feed_lines([fine, failing], NOW)[0] == "Feeds: 2 followed, 1 failing"
    assert len(failing_feed_lines([fine, failing], NOW)) == 2


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


def runtime_for(settings: Settings, nlp) -> Runtime:
    return Runtime.create(settings, Store(settings.database_url), lambda: nlp)


def test_a_fetch_that_breaks_is_logged_and_recorded_and_the_bot_goes_on(server, tmp_path, nlp, caplog):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("DATA_DIR must be a folder")  # the fetched articles cannot be saved under it
    settings = Settings(
        data_dir=not_a_folder,
        database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}",
        fetch_allow_private=True,
        fetch_delay=0.0,
    )
    runtime = runtime_for(settings, nlp)
    runtime.feeds.add(server.serve("/rss", rss([("g1", server.serve("/a1", written_page()), None)])), "gazette")

    report = asyncio.run(runtime.fetch())

    assert report is None and runtime.last_fetch is None
    assert runtime.last_fetch_error is not None and "fetching the feeds" in runtime.last_fetch_error
    assert "Fetching the feeds failed" in caplog.text
    assert not runtime.refreshing, "the lock is released"


def test_digests_built_one_after_another_fetch_the_feeds_once_even_when_the_fetch_breaks(server, tmp_path, nlp):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("DATA_DIR must be a folder")
    (tmp_path / "corpus").mkdir()
    settings = Settings(
        data_dir=not_a_folder,
        corpus_dir=tmp_path / "corpus",
        database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}",
        fetch_allow_private=True,
        fetch_delay=0.0,
    )
    runtime = runtime_for(settings, nlp)
    runtime.feeds.add(server.serve("/rss", rss([("g1", server.serve("/a1", written_page()), None)])), "gazette")

    async def two_digests() -> list[str]:
        first, _ = await runtime.fresh_snapshot(lambda as_of: "first", "digest-1")
        second, _ = await runtime.fresh_snapshot(lambda as_of: "second", "digest-2")
        return [first, second]

    assert asyncio.run(two_digests()) == ["first", "second"]
    assert server.count("/rss") == 1, "the second digest, within a minute, does not fetch again"
    assert runtime.last_fetch_error is not None


def test_only_the_process_that_sends_the_digests_runs_the_scheduled_fetch(server, tmp_path, nlp):
    from types import SimpleNamespace
    from typing import cast

    from bot.context import BotContext
    from bot.sources import fetch_job

    settings = Settings(
        data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}", fetch_allow_private=True
    )
    runtime = runtime_for(settings, nlp)
    runtime.feeds.add(server.serve("/rss", rss([("g1", server.serve("/a1", written_page()), None)])), "gazette")
    context = cast(BotContext, SimpleNamespace(runtime=runtime))  # the job reads only context.runtime

    asyncio.run(fetch_job(context))  # another process holds the digest lease (this one never took it)
    assert server.count("/rss") == 0

    assert runtime.lease.renew()
    asyncio.run(fetch_job(context))
    assert server.count("/rss") == 1
