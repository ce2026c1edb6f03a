"""One small function per command or button: parse, one core call, render, reply."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from bot import digest, scheduler
from bot.access import admin_only_text, refusal_text
from bot.context import BotContext, button_of, chat_of, message_of, pressed_message
from bot.grammar import (
    BRIEF_USAGE,
    EVENT,
    EVENTS_PAGE,
    GO,
    PAGE,
    QUERY,
    SECTION,
    SOURCES,
    SOURCES_PAGE,
    Action,
    parse_subscribe_args,
)
from bot.keyboards import (
    brief_keyboard,
    events_list_keyboard,
    events_page_keyboard,
    start_keyboard,
    suggestions_keyboard,
)
from bot.messaging import Target, edit_html, send_all, split_messages
from bot.runtime import Runtime
from bot.views import (
    Pages,
    as_page,
    compact,
    event_pages,
    events_view,
    failing_feed_lines,
    fetch_lines,
    last_fetch_line,
    page_heading,
    section_counts,
    sources_texts,
)
from briefings.errors import QueryError, printable
from briefings.models import Brief, Event
from briefings.query import (
    BriefQuery,
    EventsPage,
    build_brief,
    corpus_overview,
    events_page,
    is_empty,
    parse_query,
    suggestions,
)
from briefings.render import SECTION_ORDER, render, render_events, render_sources
from briefings.store import Store
from briefings.store.database import utcnow

log = logging.getLogger(__name__)

ButtonCallback = Callable[..., Awaitable[None]]  # (update, context, *the arguments in the button's data)

EVENTS_PER_PAGE = 5
EVENTS_PER_LIST = 8
SECTION_LIMIT = 60
SOURCES_LIMIT = 25
MAX_ERROR_SHOWN = 200  # characters of a delivery error in /status: the gist, not the whole trace
PENDING_MAX_AGE = timedelta(minutes=5)  # a command queued during a restart is still wanted; an hour-old one is not
BUILDING_TEXT = (
    "The facts are being built: the first ingest of the corpus is running (or was cut short; an admin can "
    "/refresh). Try /brief again in a minute."
)
OFFLINE_TEXT = "I was offline when you sent your last messages, so I did not answer them. Please send them again."
COMMANDS = [
    ("start", "what this bot does"),
    ("help", "every command with an example"),
    ("brief", "a brief: /brief, /brief pyongyang, /brief 7d, /brief weapons"),
    ("events", "the events known, with dates"),
    ("sources", "how many articles, the newest, last refresh"),
    ("subscribe", "a daily digest: /subscribe 08:00 Europe/London"),
    ("unsubscribe", "stop the daily digest"),
    ("settings", "your subscription and next delivery"),
    ("digest", "the digest now, as you would get it"),
    ("refresh", "admins: re-read the corpus folder and fetch the feeds now"),
    ("status", "admins: corpus, feeds, subscribers, jobs, failures"),
    ("feeds", "admins: the followed feeds and how each is doing"),
    ("addfeed", "admins: follow a feed: /addfeed URL [name]"),
    ("removefeed", "admins: stop following a feed: /removefeed NAME"),
]
HELP = """<b>Commands</b>
/brief — the brief of the whole corpus, newest events first
/brief pyongyang — only what matches a place, person, country, event or weapon
/brief 7d — the last 7 days (also 2w); /brief since 2025-09-01
/brief weapons — one section (events, attendees, weapons, recommendations, figures, quotes)
/events — the events known; a button opens each one
/sources — how many articles, the newest ones, the last refresh
/subscribe 08:00 Europe/London — a daily digest of what is new (time and zone optional)
/unsubscribe — stop the daily digest
/settings — your subscription and when the next digest is due
/digest — the digest now, as it would arrive
Send a link to a news article (https://…) — I fetch it, add it to the corpus and reply with its brief

<b>Admins</b>
/refresh — re-read the corpus folder and fetch the feeds now
/status — corpus size, last ingest and fetch, failing feeds, subscribers, next jobs, failures
/feeds — the followed feeds: last fetch, failures, back-off
/addfeed https://example.com/rss.xml world — follow an RSS, Atom or JSON feed (the name is optional)
/removefeed world — stop following a feed, by name or address"""


def target_of(update: Update) -> Target:
    """Where to answer: the chat, and the forum topic the message came from."""
    message = update.effective_message
    thread = message.message_thread_id if message is not None and message.is_topic_message else None
    return Target(chat_of(update).id, thread)


async def reply(
    update: Update,
    context: BotContext,
    texts: list[str] | str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Send one or more HTML texts (as many messages as they need) to where the update came from."""
    await send_all(context.bot, target_of(update), [texts] if isinstance(texts, str) else texts, markup)


# access


async def gate(update: Update, context: BotContext) -> None:
    """Runs before every handler: drops updates without a chat and refuses chats that are not allowed."""
    chat = update.effective_chat
    if chat is None:
        raise ApplicationHandlerStop
    if context.runtime.access.is_allowed(chat.id):
        await drop_if_sent_while_offline(update, context)
        return
    log.info("Refused chat %s", chat.id)
    if update.callback_query:
        await update.callback_query.answer("This chat is not allowed to use this bot.", show_alert=True)
    elif update.effective_message:
        await reply(update, context, refusal_text(chat.id))
    raise ApplicationHandlerStop


async def drop_if_sent_while_offline(update: Update, context: BotContext) -> None:
    """A message older than PENDING_MAX_AGE was sent while the bot was down: it is dropped, not replayed late,
    and a chat that sent a command is told once that the bot was offline. Buttons on old messages still work."""
    message = update.message
    if message is None or message.date is None:
        return
    if datetime.now(UTC) - message.date <= PENDING_MAX_AGE:
        return
    chat_id = message.chat.id
    if (message.text or "").startswith("/") and chat_id not in context.runtime.told_offline:
        context.runtime.told_offline.add(chat_id)
        await reply(update, context, OFFLINE_TEXT)
    raise ApplicationHandlerStop


def is_admin(update: Update, context: BotContext) -> bool:
    """True when the chat or the user is listed in ADMIN_CHAT_IDS."""
    user = update.effective_user
    return context.runtime.access.is_admin(chat_of(update).id, user.id if user else None)


# simple commands


async def start(update: Update, context: BotContext) -> None:
    """/start: what the bot does in three lines, and buttons for the common actions."""
    text = (
        "<b>Briefings</b> turns a folder of news articles into intelligence briefs.\n"
        "Events, who attended, weapons shown and policy recommendations, each citing its sources.\n"
        "Ask with /brief, browse /events, or /subscribe for a daily digest of what is new."
    )
    await reply(update, context, text, start_keyboard())


async def help_command(update: Update, context: BotContext) -> None:
    """/help: every command with an example, and how often the feeds are fetched."""
    minutes = context.runtime.settings.fetch_interval
    await reply(update, context, f"{HELP}\nFeeds are fetched every {minutes} minutes and right before each digest.")


async def unknown_command(update: Update, context: BotContext) -> None:
    """Any other /command: point to /help."""
    await reply(update, context, "I don't know that command. /help lists what I can do.")


# briefs


def query_payload(query: BriefQuery) -> dict:
    """A query as JSON-ready data, for saving behind a button."""
    return {
        k: (v.isoformat() if isinstance(v, (date, datetime)) else v)
        for k, v in vars(query).items()
        if v and k != "new_after"
    }


def query_from_payload(payload: dict) -> BriefQuery:
    """The query saved behind a button."""
    since = payload.get("since")
    return BriefQuery(
        topic=payload.get("topic"),
        since=date.fromisoformat(since) if since else None,
        event=payload.get("event"),
        section=payload.get("section"),
        document=payload.get("document"),
    )


def pages_of(brief: Brief) -> Pages:
    """How many pages of events a brief has."""
    return event_pages(brief, EVENTS_PER_PAGE)


def overview(brief: Brief, key: str) -> tuple[str, InlineKeyboardMarkup]:
    """A brief's first screen: the first events and a few of each section, with buttons for the rest."""
    text = render(compact(brief), "html", limit=EVENTS_PER_PAGE)
    return text, brief_keyboard(section_counts(brief), key, pages_of(brief), len(brief.documents))


def first_page(store: Store, query: BriefQuery) -> Brief:
    """What a brief's first screen shows, and no more: the first events and a few of each section."""
    return build_brief(store, query, limit=EVENTS_PER_PAGE)


def events_page_of(store: Store, query: BriefQuery, page: int) -> tuple[Brief, int]:
    """Page `page` (0-based) of a brief's events with their people and weapons, and the page shown: a page past the
    end (the store changed since the button was made) gives the last page."""
    brief = build_brief(store, query, limit=EVENTS_PER_PAGE, event_offset=page * EVENTS_PER_PAGE)
    last = pages_of(brief).count - 1
    if page > last:
        brief, page = build_brief(store, query, limit=EVENTS_PER_PAGE, event_offset=last * EVENTS_PER_PAGE), last
    return events_view(brief), page


async def send_brief(update: Update, context: BotContext, query: BriefQuery) -> None:
    """Build, render and send the first screen of a query's brief; a query matching nothing suggests what exists."""
    runtime = context.runtime
    key = runtime.subscriptions.save_query(query_payload(query))
    brief = await asyncio.to_thread(first_page, runtime.store, query)
    if is_empty(brief) and await asyncio.to_thread(first_merge_pending, runtime):
        await reply(update, context, BUILDING_TEXT)
        return
    if is_empty(brief) and query != BriefQuery():
        await reply_nothing_matched(update, context, query)
        return
    text, markup = await asyncio.to_thread(overview, brief, key)
    await reply(update, context, text, markup)


def first_merge_pending(runtime: Runtime) -> bool:
    """True while the store holds articles whose facts were never merged (a first ingest running or cut short)."""
    return runtime.store.facts_are_stale() and not runtime.store.ever_merged()


async def reply_nothing_matched(update: Update, context: BotContext, query: BriefQuery) -> None:
    """Say the query matched nothing and offer topics that do exist."""
    runtime = context.runtime
    topics = await asyncio.to_thread(suggestions, runtime.store)
    label = html.escape(", ".join(f"{k}: {v}" for k, v in query_payload(query).items()))
    text = f"Nothing matched <i>{label}</i>."
    if topics:
        text += "\nTry one of these: " + ", ".join(html.escape(t) for t in topics)
    elif runtime.store.document_count() == 0:
        text += "\nThe corpus is empty: add articles to the corpus folder and /refresh."
    keyed = [(t, runtime.subscriptions.save_query({"topic": t})) for t in topics[:6]]
    await reply(update, context, text, suggestions_keyboard(keyed))


async def brief_command(update: Update, context: BotContext) -> None:
    """/brief [query]: the whole corpus, or what matches a topic, a window or a section."""
    try:
        query = parse_query(" ".join(context.args or []), context.runtime.today())
    except QueryError as exc:
        await reply(update, context, html.escape(f"{exc} {BRIEF_USAGE}" if exc.show_usage else str(exc)))
        return
    await send_brief(update, context, query)


async def events_command(update: Update, context: BotContext) -> None:
    """/events: the known events with dates, a button per event."""
    text, markup = await events_list(context, 0)
    await reply(update, context, text, markup)


async def events_list(context: BotContext, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """Page `page` of the events list with a button per event (only that page's events are read)."""
    runtime = context.runtime
    listing, page = await asyncio.to_thread(events_list_page, runtime.store, page)
    pages = Pages(max(1, -(-listing.total // EVENTS_PER_LIST)), listing.capped)
    text = split_messages(render_events(listing.events, "html"))[0]
    if pages.count > 1:
        text += f"\n<i>Page {page + 1} of {pages.label()} · {listing.total}{'+' if listing.capped else ''} events</i>"
    buttons = [(event_button_label(e), runtime.subscriptions.save_query({"event": e.id})) for e in listing.events]
    return text, events_list_keyboard(buttons, page, pages)


def events_list_page(store: Store, page: int) -> tuple[EventsPage, int]:
    """Page `page` of /events, and the page shown: one past the end (the store changed) gives the last page."""
    page = max(page, 0)
    listing = events_page(store, EVENTS_PER_LIST, page * EVENTS_PER_LIST)
    last = max(0, -(-listing.total // EVENTS_PER_LIST) - 1)
    if page > last:
        return events_page(store, EVENTS_PER_LIST, last * EVENTS_PER_LIST), last
    return listing, page


def event_button_label(event: Event) -> str:
    """Place and date first, then the name (a button cuts its end): two parades of one name stay apart."""
    return f"📅 {event.location or 'place unknown'} · {event.date or 'date unknown'} · {event.name}"


async def sources_command(update: Update, context: BotContext) -> None:
    """/sources: how many articles, the newest ones, and when the corpus was last refreshed."""
    runtime = context.runtime
    info = await asyncio.to_thread(corpus_overview, runtime.store)
    last = info["last_run"]
    refreshed = last["finished_at"].strftime("%Y-%m-%d %H:%M UTC") if last else "never"
    head = f"<b>{info['documents']} articles</b> · last refreshed {html.escape(refreshed)}"
    if not info["newest"]:
        await reply(update, context, head + "\nNo articles yet: add some to the corpus folder and /refresh.")
        return
    newest = Brief(generated_at=datetime.now(UTC), documents=tuple(info["newest"]))
    await reply(update, context, [head, render_sources(newest, "html")])


# buttons


async def unknown_button(update: Update, context: BotContext) -> None:
    """A button whose data matches no action (an old keyboard, or forged data)."""
    await button_of(update).answer("This button is not understood; send /brief again.")


def pressed(action: ButtonCallback) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """The handler of one action's buttons: answer the button, then run the action on the data's arguments."""

    async def handle(update: Update, context: BotContext) -> None:
        await button_of(update).answer()
        args = context.match.groups() if context.match else ()
        await action(update, context, *args)

    return handle


async def button_go(update: Update, context: BotContext, name: str) -> None:
    """A /start button: run the matching command with no arguments."""
    context.args = []
    command = {
        "brief": brief_command,
        "events": events_command,
        "sources": sources_command,
        "subscribe": subscribe_command,
        "help": help_command,
    }.get(name, help_command)
    await command(update, context)


async def saved_query(update: Update, context: BotContext, key: str) -> BriefQuery | None:
    """The query behind a button, or None (and a note) when it is unknown."""
    payload = context.runtime.subscriptions.load_query(key)
    if payload is None:
        await reply(update, context, "That button has expired; send /brief again.")
        return None
    return query_from_payload(payload)


def section_brief(store: Store, query: BriefQuery, section: str) -> Brief:
    """One section of a query's brief, its first SECTION_LIMIT items. The events section keeps each event's people
    and weapons, so it asks for the whole brief; any other asks for its own kind only."""
    wanted = query if section == "events" else replace(query, section=section)
    brief = build_brief(store, wanted, limit=SECTION_LIMIT)
    return replace(brief, query=query.as_dict())  # the filter line shows what the user asked


async def button_section(update: Update, context: BotContext, section: str, key: str) -> None:
    """Open one section of a brief in full (up to SECTION_LIMIT items)."""
    query = await saved_query(update, context, key)
    if query is None or section not in SECTION_ORDER:
        return
    brief = await asyncio.to_thread(section_brief, context.runtime.store, query, section)
    text = await asyncio.to_thread(render, compact(brief), "html", section=section, limit=SECTION_LIMIT)
    await reply(update, context, text)


async def button_sources(update: Update, context: BotContext, key: str) -> None:
    """The sources a brief's first screen cites: titles, outlets, dates and links."""
    query = await saved_query(update, context, key)
    if query is not None:
        brief = await asyncio.to_thread(first_page, context.runtime.store, query)
        await send_sources(update, context, brief, query)


async def button_page_sources(update: Update, context: BotContext, page: str, key: str) -> None:
    """The sources a page of a brief's events cites."""
    query = await saved_query(update, context, key)
    if query is not None:
        brief, _n = await asyncio.to_thread(events_page_of, context.runtime.store, query, int(page))
        await send_sources(update, context, brief, query)


async def send_sources(update: Update, context: BotContext, brief: Brief, query: BriefQuery) -> None:
    """The articles a view cites, at most SOURCES_LIMIT, with how many more there are."""
    listed, notes = sources_texts(brief, SOURCES_LIMIT, whole_corpus=query == BriefQuery())
    if not listed.documents:
        await reply(update, context, "This view cites no articles.")
        return
    await reply(update, context, "\n".join([await asyncio.to_thread(render_sources, listed, "html"), *notes]))


async def button_page(update: Update, context: BotContext, page: str, key: str) -> None:
    """Page through a brief's events by editing the message in place (only that page's facts are read)."""
    query = await saved_query(update, context, key)
    if query is None:
        return
    brief, n = await asyncio.to_thread(events_page_of, context.runtime.store, query, int(page))
    offset = n * EVENTS_PER_PAGE
    shown = as_page(compact(brief), offset)
    text = await asyncio.to_thread(render, shown, "html", section="events", heading=page_heading(brief, offset))
    message = pressed_message(update)
    await edit_html(
        context.bot,
        message.chat.id,
        message.message_id,
        split_messages(text)[0],
        events_page_keyboard(n, pages_of(brief), key, len(brief.documents)),
    )


async def button_event(update: Update, context: BotContext, key: str) -> None:
    """The brief of one event (or a suggested topic)."""
    query = await saved_query(update, context, key)
    if query is not None:
        await send_brief(update, context, query)


async def button_events_list(update: Update, context: BotContext, page: str) -> None:
    """Page through /events by editing the message in place."""
    text, markup = await events_list(context, int(page))
    message = pressed_message(update)
    await edit_html(context.bot, message.chat.id, message.message_id, text, markup)


BUTTONS: dict[Action, ButtonCallback] = {
    GO: button_go,
    SECTION: button_section,
    SOURCES: button_sources,
    SOURCES_PAGE: button_page_sources,
    PAGE: button_page,
    EVENT: button_event,
    EVENTS_PAGE: button_events_list,
    QUERY: button_event,
}


# subscriptions


async def subscribe_command(update: Update, context: BotContext) -> None:
    """/subscribe [HH:MM] [Area/City]: a daily digest at that local time."""
    runtime = context.runtime
    try:
        at, zone = parse_subscribe_args(
            list(context.args or []), runtime.settings.digest_time, runtime.settings.digest_timezone
        )
    except QueryError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    target = target_of(update)
    sub = runtime.subscriptions.subscribe(target.chat_id, target.thread_id, at, zone)
    digest.schedule(context.jobs, runtime, sub)
    due = digest.next_delivery(context.jobs, target.chat_id, target.thread_id)
    await reply(
        update,
        context,
        f"Subscribed: a digest of what is new every day at {at.strftime('%H:%M')} "
        f"{html.escape(zone)}.\nNext: {format_due(due, zone)}. /unsubscribe stops it.",
    )


async def unsubscribe_command(update: Update, context: BotContext) -> None:
    """/unsubscribe: stop the daily digest here."""
    runtime = context.runtime
    target = target_of(update)
    stopped = runtime.subscriptions.unsubscribe(target.chat_id, target.thread_id)
    digest.unschedule(context.jobs, target.chat_id, target.thread_id)
    await reply(
        update,
        context,
        "Unsubscribed: no more daily digests here."
        if stopped
        else "There was no subscription here. /subscribe starts one.",
    )


def format_due(due: datetime | None, zone: str) -> str:
    """A due time in the subscriber's zone, e.g. 2025-10-11 08:00 Europe/London."""
    if due is None:
        return "not scheduled"
    return f"{due.astimezone(ZoneInfo(zone)).strftime('%Y-%m-%d %H:%M')} {html.escape(zone)}"


async def settings_command(update: Update, context: BotContext) -> None:
    """/settings: the subscription here and when the next digest is due."""
    runtime = context.runtime
    target = target_of(update)
    sub = runtime.subscriptions.get(target.chat_id, target.thread_id)
    s = runtime.settings
    defaults = f"Defaults: {html.escape(s.digest_time)} {html.escape(s.digest_timezone)}; " + (
        "a short note when nothing is new." if s.digest_when_empty else "silence when nothing is new."
    )
    if sub is None or not sub.active:
        await reply(update, context, f"No daily digest here. /subscribe 08:00 Europe/London starts one.\n{defaults}")
        return
    due = digest.next_delivery(context.jobs, target.chat_id, target.thread_id)
    last = runtime.subscriptions.last_delivered(target.chat_id, target.thread_id)
    await reply(
        update,
        context,
        (
            f"<b>Daily digest</b> at {sub.at.strftime('%H:%M')} {html.escape(sub.timezone)}\n"
            f"Next: {format_due(due, sub.timezone)}\n"
            f"Last: {last.strftime('%Y-%m-%d %H:%M') + ' UTC' if last else 'none yet'}\n{defaults}"
        ),
    )


async def digest_command(update: Update, context: BotContext) -> None:
    """/digest: the digest now, as the subscriber would get it (not recorded as delivered)."""
    runtime = context.runtime
    target = target_of(update)
    sub = runtime.subscriptions.get(target.chat_id, target.thread_id)
    cutoff = digest.cutoff_for(runtime, sub if sub and sub.active else None)
    messages, _ = await digest.digest_messages(runtime, cutoff)
    await reply(update, context, messages or [digest.nothing_new_text(cutoff)])


# admin


async def refresh_command(update: Update, context: BotContext) -> None:
    """/refresh (admins): re-read the corpus folder and fetch the followed feeds now, in a worker thread."""
    if not is_admin(update, context):
        await reply(update, context, admin_only_text())
        return
    runtime = context.runtime
    if runtime.refreshing:
        await reply(update, context, "A refresh is already running; this one will follow it.")
    report = await runtime.refresh(force=True)
    if report is None:
        await reply(update, context, "The refresh failed; the log says why. The store is unchanged.")
        return
    lines = [
        f"<b>Refreshed</b> {html.escape(str(runtime.settings.corpus_dir))}: {report.added} added, "
        f"{report.updated} updated, {report.removed} removed, {report.unchanged} unchanged; "
        f"{report.documents} articles in the store."
    ]
    lines += [f"⚠️ {html.escape(printable(f.path))}: {html.escape(printable(f.reason))}" for f in report.failures[:5]]
    if len(report.failures) > 5:
        lines.append(f"… and {len(report.failures) - 5} more files skipped.")
    lines += await fetch_for_refresh(runtime)
    await reply(update, context, "\n".join(lines))


async def fetch_for_refresh(runtime: Runtime) -> list[str]:
    """/refresh fetches the followed feeds too (even those backing off); the lines that say what came."""
    if not await asyncio.to_thread(runtime.feeds.feeds):
        return []
    fetched = await runtime.fetch(force=True)
    if fetched is None:
        return ["⚠️ Fetching the feeds failed; /status says why. The store is unchanged."]
    return fetch_lines(fetched)


async def status_command(update: Update, context: BotContext) -> None:
    """/status (admins): corpus size, last ingest and fetch, failing feeds, subscribers, next jobs, delivery
    failures."""
    if not is_admin(update, context):
        await reply(update, context, admin_only_text())
        return
    runtime = context.runtime
    await reply(update, context, await asyncio.to_thread(status_text, runtime, context.jobs))


def status_text(runtime: Runtime, job_queue) -> str:
    """The admin status report."""
    last = runtime.store.last_run()
    lines = [
        f"<b>Status</b>\nArticles: {runtime.store.document_count()}",
        "Last ingest: "
        + (
            f"{last['finished_at']:%Y-%m-%d %H:%M} UTC ({last['added']} added, {last['updated']} "
            f"updated, {last['removed']} removed, {len(last['failures'])} failed)"
            if last
            else "never"
        ),
        f"Refresh running: {'yes' if runtime.refreshing else 'no'}",
        last_fetch_line(runtime.last_fetch, runtime.last_fetch_error),
        *failing_feed_lines(runtime.feeds.feeds(), utcnow()),
        f"Subscribers: {runtime.subscriptions.count_active()}",
        scheduler.lease_line(runtime),
    ]
    jobs = sorted((j for j in job_queue.jobs() if j.next_t), key=lambda j: j.next_t)[:5]
    lines.append(
        "Next jobs: " + (", ".join(f"{html.escape(j.name)} at {j.next_t:%Y-%m-%d %H:%M %Z}" for j in jobs) or "none")
    )
    failures = runtime.subscriptions.recent_failures()
    lines.append("Recent delivery failures: " + ("none" if not failures else ""))
    lines += [delivery_failure_line(f) for f in failures]
    return "\n".join(lines)


def delivery_failure_line(failure: Any) -> str:
    """One failed delivery, its error cut to MAX_ERROR_SHOWN characters before escaping (never inside an entity)."""
    error = (failure.error or "?")[:MAX_ERROR_SHOWN]
    return f"• chat {failure.chat_id} {html.escape(str(failure.slot))}: {html.escape(error)}"


async def on_migrate(update: Update, context: BotContext) -> None:
    """A group became a supergroup: its subscription follows it to the new chat id."""
    message = message_of(update)
    if message.migrate_to_chat_id:
        digest.migrate(context.application, message.chat.id, message.migrate_to_chat_id)
