"""Chat-sized views of a brief and of the followed feeds, prepared before they are rendered or sent."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.runtime import FetchReport
from briefings.models import Brief, Fact
from briefings.render import SECTION_ORDER
from briefings.store import Feed

CITATIONS_PER_FACT = 3
MAX_ERROR_SHOWN = 200  # characters of an error in a chat: the gist, not the whole trace
FEEDS_SHOWN = 10  # feeds a fetch report lists one by one


def compact(brief: Brief, per_fact: int = CITATIONS_PER_FACT) -> Brief:
    """The brief with each fact citing at most `per_fact` articles, so a chat view is not buried in sources.

    The Sources button still lists every article the full brief cites.
    """

    def trim(fact: Fact) -> Fact:
        return fact if len(fact.evidence) <= per_fact else replace(fact, evidence=fact.evidence[:per_fact])

    trimmed: dict[str, Any] = {kind: tuple(trim(f) for f in getattr(brief, kind)) for kind in SECTION_ORDER}
    return replace(brief, **trimmed)


def article_first(brief: Brief, doc_id: str) -> Brief:
    """The brief with each fact citing `doc_id` first, so a chat view trimmed by `compact` still cites it."""

    def first(fact: Fact) -> Fact:
        ordered = sorted(fact.evidence, key=lambda e: e.doc != doc_id)
        return replace(fact, evidence=tuple(ordered))

    ordered: dict[str, Any] = {kind: tuple(first(f) for f in getattr(brief, kind)) for kind in SECTION_ORDER}
    return replace(brief, **ordered)


def when(moment: datetime | None) -> str:
    """A stored (naive UTC) time for a chat: 2025-10-11 08:00 UTC, or never."""
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "never"


def feed_line(feed: Feed, now: datetime) -> str:
    """One followed feed in HTML: its name and address, when it was last fetched, and its failures and back-off."""
    head = f"• <b>{html.escape(feed.name)}</b> {html.escape(feed.url)}\n  last fetched {when(feed.last_fetched)}"
    if not feed.failures:
        return head + (" · ok" if feed.last_fetched else "")
    waiting = f"; waiting until {when(feed.next_try)}" if feed.backing_off(now) else "; tried again at the next fetch"
    error = html.escape((feed.last_error or "unknown error")[:MAX_ERROR_SHOWN])
    return f"{head}\n  ⚠️ {feed.failures} failure(s) in a row{waiting}: {error}"


def failing_feed_lines(feeds: list[Feed], now: datetime) -> list[str]:
    """For /status: how many feeds are followed, and each one that is failing or backing off."""
    failing = [feed for feed in feeds if feed.failures]
    lines = [f"Feeds: {len(feeds)} followed, {len(failing)} failing"]
    return lines + [feed_line(feed, now) for feed in failing]


def fetch_lines(report: FetchReport, shown: int = FEEDS_SHOWN) -> list[str]:
    """What a fetch of the feeds did, one line per feed (the first `shown`), in HTML."""
    lines = [f"<b>Fetched</b> {len(report.outcomes)} feed(s): {report.new} new article(s)."]
    lines += [("⚠️ " if o.status == "failed" else "• ") + html.escape(o.line()) for o in report.outcomes[:shown]]
    if len(report.outcomes) > shown:
        lines.append(f"… and {len(report.outcomes) - shown} more feeds; /feeds lists them all.")
    return lines


def last_fetch_line(report: FetchReport | None, error: str | None) -> str:
    """For /status: when the feeds were last fetched and what came, or why the last fetch failed."""
    if error:
        return "Last fetch failed: " + html.escape(error[:MAX_ERROR_SHOWN])
    if report is None:
        return "Last fetch: none since the bot started"
    return f"Last fetch: {when(report.finished_at)}, {report.new} new article(s)"
