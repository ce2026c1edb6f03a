"""Chat-sized views of a brief and of the followed feeds, prepared before they are rendered or sent."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.runtime import FetchReport
from briefings.models import Brief, Fact
from briefings.render import SECTION_ORDER
from briefings.store import Feed

CITATIONS_PER_FACT = 3
MAX_ERROR_SHOWN = 200  # characters of an error in a chat: the gist, not the whole trace
FEEDS_SHOWN = 10  # feeds a fetch report lists one by one


@dataclass(frozen=True)
class Pages:
    """How many pages a list of events fills; `capped`: the store stopped counting, so there are more."""

    count: int
    capped: bool = False

    def label(self) -> str:
        """The count for a button or heading: 200, or 200+ past the store's count cap."""
        return f"{self.count}+" if self.capped else str(self.count)


def total_of(brief: Brief, kind: str) -> int:
    """How many facts of `kind` the brief matched: the store's count for a cut brief, else the list's length."""
    return brief.totals.get(kind, 0) if brief.totals is not None else len(getattr(brief, kind))


def is_capped(brief: Brief, kind: str) -> bool:
    """True when the store stopped counting `kind` at its cap (there are at least that many)."""
    cap = brief.totals.get("cap") if brief.totals is not None else None
    return bool(cap) and total_of(brief, kind) >= (cap or 0)


def count_label(brief: Brief, kind: str) -> str:
    """How many facts of `kind` the brief matched, as a button shows it: 42, or 1000+ past the store's cap."""
    return f"{total_of(brief, kind)}{'+' if is_capped(brief, kind) else ''}"


def section_counts(brief: Brief) -> dict[str, str]:
    """The label count of each section that holds anything."""
    return {kind: count_label(brief, kind) for kind in SECTION_ORDER if total_of(brief, kind)}


def event_pages(brief: Brief, per_page: int) -> Pages:
    """How many pages of `per_page` events the brief's events fill (at least one)."""
    return Pages(max(1, -(-total_of(brief, "events") // per_page)), is_capped(brief, "events"))


def page_heading(brief: Brief, offset: int) -> str:
    """The heading of a page of events: Events 6–10 of 42."""
    return f"Events {offset + 1}–{offset + len(brief.events)} of {count_label(brief, 'events')}"


def events_view(brief: Brief) -> Brief:
    """The brief as a page of events shows it: its events, their own people and weapons, and only the articles
    those cite (the Sources of the page)."""
    shown = {e.id for e in brief.events}
    people = tuple(a for a in brief.attendees if a.event in shown)
    arms = tuple(w for w in brief.weapons if w.event in shown)
    facts: list[Fact] = [*brief.events, *people, *arms]
    cited = {e.doc for fact in facts for e in fact.evidence}
    return replace(
        brief,
        attendees=people,
        weapons=arms,
        recommendations=(),
        figures=(),
        quotes=(),
        documents=tuple(d for d in brief.documents if d.id in cited),
    )


def as_page(brief: Brief, offset: int) -> Brief:
    """A cut brief holding the events after `offset`, so its '… and N more events' counts those after this page."""
    if brief.totals is None or is_capped(brief, "events"):
        return brief  # uncounted past the cap: "N+ more" stays an estimate
    return replace(brief, totals={**brief.totals, "events_apart": brief.totals["events"] - offset})


def sources_texts(brief: Brief, shown: int, whole_corpus: bool) -> tuple[Brief, list[str]]:
    """The sources a view cites, at most `shown` of them, and the notes that follow the list: how many more the
    view cites and, for the whole corpus, how many articles the corpus holds."""
    listed = replace(brief, documents=brief.documents[:shown])
    notes = []
    if len(brief.documents) > shown:
        notes.append(f"<i>… and {len(brief.documents) - shown} more cited here; narrow the brief to see them.</i>")
    if whole_corpus:
        notes.append(
            f"<i>These are the articles this page cites, of {brief.stats.get('documents', 0)} in the corpus; "
            "/sources shows the newest.</i>"
        )
    return listed, notes


def compact(brief: Brief, per_fact: int = CITATIONS_PER_FACT) -> Brief:
    """The brief with each fact citing at most `per_fact` articles, so a chat view is not buried in sources.

    The Sources button lists the articles the view cites (a cut brief reads only those)."""

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
