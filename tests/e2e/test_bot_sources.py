"""Live sources through the real bot and the fake Bot API: feeds served on 127.0.0.1 are fetched by the bot's job,
before a digest and by /refresh; admins manage the feeds; a link sent in a chat gets that article's brief."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.sources import FETCH_JOB
from briefings.config import Settings
from briefings.store import FeedStore
from tests.e2e.helpers import ADMIN, LATE_ARTICLE, USER, ask
from tests.local_http import LocalServer, article_page, rss

pytestmark = [pytest.mark.slow]

LATE_TITLE, *LATE_PARAGRAPHS = [line for line in LATE_ARTICLE.splitlines() if line.strip()]
CANONICAL = "/story/minsk-parade"
INGEST_TIMEOUT = 90.0  # seconds: a fetched article is parsed by the real model on a busy machine


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


@pytest.fixture
def live(settings, tmp_path) -> Settings:
    """The bot's settings with fetching from 127.0.0.1 allowed, no politeness delay and a private DATA_DIR."""
    return replace(settings, data_dir=tmp_path / "data", fetch_allow_private=True, fetch_delay=0.0, fetch_timeout=5.0)


def serve_minsk(server: LocalServer) -> tuple[str, str]:
    """The Minsk parade article (its canonical URL differs from its link) and an RSS feed listing it."""
    page = server.serve("/minsk", article_page(LATE_TITLE, LATE_PARAGRAPHS, "2025-07-03", server.url(CANONICAL)))
    feed = server.serve("/rss", rss([("minsk-1", page, None)]), content_type="application/rss+xml")
    return page, feed


def joined(messages) -> str:
    return "\n".join(m.html for m in messages)


async def until_sent(fake, chat_id: int, since: int, marker: str, timeout: float = INGEST_TIMEOUT) -> str:
    """Everything sent to `chat_id` after the first `since` messages, once a message holding `marker` arrived."""
    await fake.wait_for(
        lambda: any(marker in m.html for m in fake.sent_to(chat_id)[since:]), timeout, f"a message with {marker!r}"
    )
    return joined(await fake.reply(chat_id, since))


async def test_the_fetch_job_brings_a_feeds_articles_to_brief_with_their_links(fake, live, store, start_bot, server):
    _, feed = serve_minsk(server)
    FeedStore(store).add(feed, "gazette")
    async with start_bot(live, store) as (application, _):
        [job] = application.job_queue.get_jobs_by_name(FETCH_JOB)
        await job.run(application)
        brief = joined(await ask(fake, USER, "/brief minsk"))
        [status] = await ask(fake, ADMIN, "/status")
    assert "Minsk" in brief and "Lukashenko" in brief
    assert f'<a href="{server.url(CANONICAL)}">' in brief, "the fact cites the article by its canonical URL"
    assert server.count("/minsk") == 1
    assert "Last fetch: " in status.text and "1 new article" in status.text and "0 failing" in status.text


async def test_a_digest_fetches_the_feeds_first(fake, live, store, start_bot, server):
    _, feed = serve_minsk(server)
    FeedStore(store).add(feed, "gazette")
    async with start_bot(live, store):
        before = len(fake.sent_to(USER))
        fake.say(USER, "/digest")
        digest = await until_sent(fake, USER, before, "Daily digest")
    assert "Minsk" in digest and f'<a href="{server.url(CANONICAL)}">' in digest
    assert server.count("/rss") == 1 and server.count("/minsk") == 1


async def test_refresh_fetches_the_feeds_and_says_what_came(fake, live, store, start_bot, server):
    _, feed = serve_minsk(server)
    FeedStore(store).add(feed, "gazette")
    async with start_bot(live, store):
        before = len(fake.sent_to(ADMIN))
        fake.say(ADMIN, "/refresh")
        text = await until_sent(fake, ADMIN, before, "Fetched")
    assert "Refreshed" in text and "<b>Fetched</b> 1 feed(s): 1 new article(s)." in text
    assert "gazette: 1 new, 0 already fetched" in text


async def test_admins_add_list_and_remove_feeds(fake, live, store, start_bot, server):
    _, feed = serve_minsk(server)
    async with start_bot(live, store):
        [usage] = await ask(fake, ADMIN, "/addfeed")
        [added] = await ask(fake, ADMIN, f"/addfeed {feed} Test Gazette")
        [twice] = await ask(fake, ADMIN, f"/addfeed {feed}")
        [not_web] = await ask(fake, ADMIN, "/addfeed ftp://example.com/feed.xml")
        [listed] = await ask(fake, ADMIN, "/feeds")
        [unknown] = await ask(fake, ADMIN, "/removefeed nonesuch")
        [removed] = await ask(fake, ADMIN, "/removefeed Test Gazette")
        [empty] = await ask(fake, ADMIN, "/feeds")
    assert "Usage: /addfeed URL [name]" in usage.text
    assert "Following Test Gazette" in added.text and feed in added.text
    assert "followed already" in twice.text and "not an http or https address" in not_web.text
    assert "1 feed(s)" in listed.text and "Test Gazette" in listed.text and "last fetched never" in listed.text
    assert "no feed is named 'nonesuch'" in unknown.text and "Test Gazette" in unknown.text
    assert "Stopped following Test Gazette" in removed.text
    assert "No feeds are followed yet" in empty.text
    assert server.count("/rss") == 0, "adding a feed does not fetch it"


async def test_feed_commands_are_refused_to_non_admins(fake, live, store, start_bot, server):
    _, feed = serve_minsk(server)
    FeedStore(store).add(feed, "gazette")
    async with start_bot(live, store):
        replies = [await ask(fake, USER, command) for command in ("/feeds", f"/addfeed {feed}2", "/removefeed gazette")]
    assert all(len(r) == 1 and "Only admins" in r[0].text for r in replies)
    assert [f.name for f in FeedStore(store).feeds()] == ["gazette"]


async def test_feeds_and_status_show_a_failing_feed_and_its_back_off(fake, live, store, start_bot, server):
    FeedStore(store).add(server.serve("/broken", "oops", status=500), "flaky")
    async with start_bot(live, store) as (application, _):
        [job] = application.job_queue.get_jobs_by_name(FETCH_JOB)
        await job.run(application)
        [listed] = await ask(fake, ADMIN, "/feeds")
        [status] = await ask(fake, ADMIN, "/status")
    for text in (listed.text, status.text):
        assert "flaky" in text and "1 failure(s) in a row; waiting until" in text and "HTTP 500" in text
    assert "1 followed, 1 failing" in status.text


async def test_a_link_gets_that_articles_brief_and_the_article_joins_the_corpus(fake, live, store, start_bot, server):
    page, _ = serve_minsk(server)
    async with start_bot(live, store):
        before = len(fake.sent_to(USER))
        fake.say(USER, f"Have a look at this ({page}).")
        answer = await until_sent(fake, USER, before, "Filter: article")
        brief = joined(await ask(fake, USER, "/brief minsk"))
    assert f"Reading {page}" in answer
    assert f"Filter: article: {LATE_TITLE}" in answer and "Lukashenko" in answer
    assert f'<a href="{server.url(CANONICAL)}">' in answer
    assert "Pyongyang" not in answer, "only the facts citing that article"
    assert "Minsk" in brief and server.count("/minsk") == 1


async def test_a_link_that_cannot_be_fetched_gets_the_reason_and_what_to_do(fake, live, store, start_bot, server):
    async with start_bot(live, store):
        before = len(fake.sent_to(USER))
        fake.say(USER, server.url("/gone"))
        text = await until_sent(fake, USER, before, "could not fetch")
    assert "HTTP 404 Not Found" in text and "opens in a browser" in text


async def test_refused_links_are_explained_and_never_fetched(fake, live, store, start_bot, server):
    private = server.serve("/minsk", "<html></html>")
    async with start_bot(live, store, fetch_allow_private=False):
        [not_web] = await ask(fake, USER, "file:///etc/passwd")
        before = len(fake.sent_to(USER))
        fake.say(USER, private)
        text = await until_sent(fake, USER, before, "could not fetch")
    assert "only http and https addresses are fetched" in not_web.text and "https://" in not_web.text
    assert "loopback, private or link-local" in text
    assert server.count("/minsk") == 0


async def test_help_teaches_links_and_the_feed_commands(fake, live, store, start_bot):
    async with start_bot(live, store, fetch_interval=15):
        [message] = await ask(fake, USER, "/help")
    assert "Send a link to a news article" in message.text and "/addfeed https://example.com/rss.xml" in message.text
    assert "/feeds" in message.text and "/removefeed world" in message.text
    assert "Feeds are fetched every 15 minutes and right before each digest." in message.text
    assert {"feeds", "addfeed", "removefeed"} <= {c["command"] for c in fake.commands}
