"""Sending to Telegram: texts cut into messages of at most 4096 characters, HTML with a plain-text fallback,
retries with backoff on network errors."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, NetworkError

log = logging.getLogger(__name__)

T = TypeVar("T")
BACKOFF = (0.5, 1.0, 2.0)  # seconds between retries of a call that met a network error
TAG = re.compile(r"<[^>]*>")
TELEGRAM_LIMIT = 4096  # characters of one message's text (Bot API sendMessage)


@dataclass(frozen=True)
class Target:
    """Where a message goes: a chat and, in a forum, a topic."""

    chat_id: int
    thread_id: int | None = None


def html_to_plain(text: str) -> str:
    """Telegram HTML reduced to plain text: tags dropped, entities decoded."""
    return html.unescape(TAG.sub("", text))


def is_markup_error(error: BadRequest) -> bool:
    """True when Telegram rejected the message's HTML entities."""
    message = str(error).lower()
    return "parse entities" in message or "can't find end" in message or "unsupported start tag" in message


def split_messages(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split into messages of at most `limit` characters, on section (blank line) then line boundaries."""
    messages: list[str] = []
    current = ""
    for block in _blocks(text.strip(), limit):
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
        else:
            messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


def chat_messages(texts: Iterable[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Texts as the messages that carry them, in order, each within Telegram's limit."""
    return [message for text in texts for message in split_messages(text, limit)]


def _blocks(text: str, limit: int) -> Iterator[str]:
    """Sections, with a section longer than `limit` broken into runs of whole lines."""
    for section in re.split(r"\n{2,}", text):
        if len(section) <= limit:
            yield section
            continue
        run = ""
        for line in section.split("\n"):
            line = line if len(line) <= limit else _cut_line(line, limit)
            if run and len(run) + 1 + len(line) > limit:
                yield run
                run = line
            else:
                run = f"{run}\n{line}" if run else line
        if run:
            yield run


def _cut_line(line: str, limit: int) -> str:
    """A single over-long line, reduced to plain text that fits (no tag or entity cut in half)."""
    plain = re.sub(r"<[^>]+>", "", line)[: limit - 1]
    return re.sub(r"&[#a-zA-Z0-9]*$", "", plain) + "…"


async def with_retries(call: Callable[[], Awaitable[T]], what: str, backoff: tuple[float, ...] = BACKOFF) -> T:
    """Run a Bot API call; network errors and 5xx retry with growing pauses (RetryAfter is the rate limiter's)."""
    pauses = list(backoff)
    while True:
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as exc:
            if not pauses:
                raise
            pause = pauses.pop(0)
            log.warning("%s failed (%s); retrying in %.1f s", what, exc, pause)
            await asyncio.sleep(pause)


async def send_html(bot: Bot, target: Target, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Send one HTML message; if Telegram rejects the markup, send it again as plain text and log it."""
    try:
        return await with_retries(
            lambda: bot.send_message(target.chat_id, text, message_thread_id=target.thread_id, reply_markup=markup),
            "sendMessage",
        )
    except BadRequest as exc:
        if not is_markup_error(exc):
            raise
        log.error("Telegram rejected the HTML of a message (%s); sending it as plain text", exc)
        return await with_retries(
            lambda: bot.send_message(
                target.chat_id,
                html_to_plain(text),
                parse_mode=None,
                message_thread_id=target.thread_id,
                reply_markup=markup,
            ),
            "sendMessage (plain)",
        )


async def send_all(
    bot: Bot, target: Target, texts: Iterable[str], markup: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Send texts in order, each cut into messages within Telegram's limit, the inline keyboard under the last."""
    messages = chat_messages(texts)
    sent = []
    for n, text in enumerate(messages, 1):
        sent.append(await send_html(bot, target, text, markup if n == len(messages) else None))
    return sent


async def edit_html(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace a message's text; 'not modified' is fine, rejected markup falls back to plain text."""
    try:
        await with_retries(
            lambda: bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup),
            "editMessageText",
        )
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return
        if not is_markup_error(exc):
            raise
        log.error("Telegram rejected the HTML of an edit (%s); sending it as plain text", exc)
        await with_retries(
            lambda: bot.edit_message_text(
                html_to_plain(text), chat_id=chat_id, message_id=message_id, parse_mode=None, reply_markup=markup
            ),
            "editMessageText (plain)",
        )
