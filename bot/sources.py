"""Live sources in the chat: the repeating fetch of the feeds, /feeds /addfeed /removefeed for admins, and the brief
of an article any allowed user sends as a link."""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import replace
from datetime import timedelta

from telegram import Update
from telegram.ext import JobQueue

from bot.access import admin_only_text
from bot.context import BotContext, message_of
from bot.grammar import REMOVEFEED_USAGE, find_link, parse_addfeed_args
from bot.handlers import is_admin, overview, query_payload, reply
from bot.views import article_first, feed_line
from briefings.config import Settings
from briefings.errors import QueryError
from briefings.fetch import refused_scheme
from briefings.models import Document
from briefings.query import BriefQuery, build_brief, is_empty
from briefings.store.database import utcnow
from briefings.store.feeds import FeedError

log = logging.getLogger(__name__)

FETCH_JOB = "fetch-feeds"
FIRST_FETCH_AFTER = timedelta(minutes=1)  # after start: the bot is up and answering before the first fetch
NO_FEEDS_TEXT = "No feeds are followed yet. Add one with /addfeed https://example.com/world/rss.xml"
FETCH_BROKE_TEXT = (
    "Something went wrong while fetching that page; an admin can see why in /status. Please try again later."
)


# the repeating fetch


def schedule_fetching(job_queue: JobQueue, settings: Settings) -> None:
    """Fetch the followed feeds every FETCH_INTERVAL minutes, the first time a minute after start."""
    job_queue.run_repeating(
        fetch_job,
        interval=timedelta(minutes=settings.fetch_interval),
        first=FIRST_FETCH_AFTER,
        name=FETCH_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )


async def fetch_job(context: BotContext) -> None:
    """The repeating job: fetch every followed feed and ingest the new articles (a failure is logged and shown in
    /status; it never stops the job). Only the digest lease's holder fetches, so several bot processes on one store
    do not each fetch and save the same articles."""
    runtime = context.runtime
    if not runtime.lease.holds():  # the process that sends the digests fetches; the others serve commands
        return
    if not await asyncio.to_thread(runtime.feeds.feeds):
        return
    report = await runtime.fetch()
    if report is not None:
        log.info("Fetched %d feeds: %d new articles", len(report.outcomes), report.new)


# admin commands


async def refuse_non_admin(update: Update, context: BotContext) -> bool:
    """True (after telling them) when the sender may not run admin commands."""
    if is_admin(update, context):
        return False
    await reply(update, context, admin_only_text())
    return True


async def feeds_command(update: Update, context: BotContext) -> None:
    """/feeds (admins): the followed feeds with when each was last fetched, its failures and back-off."""
    if await refuse_non_admin(update, context):
        return
    runtime = context.runtime
    feeds = await asyncio.to_thread(runtime.feeds.feeds)
    if not feeds:
        await reply(update, context, NO_FEEDS_TEXT)
        return
    now = utcnow()
    head = f"<b>{len(feeds)} feed(s)</b>, fetched every {runtime.settings.fetch_interval} minutes and before digests"
    await reply(update, context, "\n".join([head, *(feed_line(feed, now) for feed in feeds)]))


async def addfeed_command(update: Update, context: BotContext) -> None:
    """/addfeed URL [name] (admins): follow an RSS, Atom or JSON feed."""
    if await refuse_non_admin(update, context):
        return
    runtime = context.runtime
    try:
        url, name = parse_addfeed_args(list(context.args or []))
        feed = await asyncio.to_thread(runtime.feeds.add, url, name)
    except (QueryError, FeedError) as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    await reply(
        update,
        context,
        f"Following <b>{html.escape(feed.name)}</b> ({html.escape(feed.url)}).\n"
        f"It is fetched within {runtime.settings.fetch_interval} minutes; /refresh fetches it now, /feeds lists "
        f"the feeds, /removefeed {html.escape(feed.name)} stops it.",
    )


async def removefeed_command(update: Update, context: BotContext) -> None:
    """/removefeed NAME|URL (admins): stop following a feed (the articles fetched from it stay)."""
    if await refuse_non_admin(update, context):
        return
    wanted = " ".join(context.args or []).strip()
    if not wanted:
        await reply(update, context, html.escape(REMOVEFEED_USAGE))
        return
    try:
        feed = await asyncio.to_thread(context.runtime.feeds.remove, wanted)
    except FeedError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    await reply(
        update,
        context,
        f"Stopped following <b>{html.escape(feed.name)}</b> ({html.escape(feed.url)}). "
        "The articles fetched from it stay in the corpus.",
    )


# a link sent in a message


async def link_message(update: Update, context: BotContext) -> None:
    """A message holding a link: fetch that article, add it to the corpus and reply with its brief."""
    link = find_link(message_of(update).text)
    if link is None:
        return
    refused = refused_scheme(link)
    if refused:
        text = f"I cannot fetch that: {refused}. Send the web address of a news article (http:// or https://)."
        await reply(update, context, html.escape(text))
        return
    await reply(update, context, f"📥 Reading {html.escape(link)} …")
    report = await context.runtime.fetch(urls=[link])
    if report is None:
        await reply(update, context, FETCH_BROKE_TEXT)
        return
    outcome = report.outcomes[0]
    if outcome.status == "failed":
        text = (
            f"I could not fetch that page: {outcome.reason}.\n"
            "Check that the link opens in a browser and leads to a news article, then send it again."
        )
        await reply(update, context, html.escape(text))
        return
    document = await asyncio.to_thread(context.runtime.document_of_link, link)
    if document is None:
        text = "That page was fetched before, but no article could be read from it. Send the link of another article."
        await reply(update, context, text)
        return
    await send_article_brief(update, context, document)


async def send_article_brief(update: Update, context: BotContext, document: Document) -> None:
    """The brief of one article: only the facts that cite it, its own citation first."""
    runtime = context.runtime
    query = BriefQuery(document=document.id)
    brief = await asyncio.to_thread(build_brief, runtime.store, query)
    title = html.escape(document.title or document.url or "The article")
    if is_empty(brief):
        text = (
            f"<b>{title}</b> joined the corpus, but it holds no events, people, weapons, recommendations, figures or "
            "quotes that I can brief."
        )
        await reply(update, context, text)
        return
    key = runtime.subscriptions.save_query(query_payload(query))
    labelled = replace(article_first(brief, document.id), query={"article": document.title or document.id})
    text, markup = await asyncio.to_thread(overview, labelled, key)
    await reply(update, context, text, markup)
