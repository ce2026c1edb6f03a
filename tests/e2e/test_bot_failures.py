"""Telegram misbehaves: 429, 500, rejected markup, malformed updates, a second instance; the token never logged."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.app import CONFLICT_MESSAGE, build_application
from briefings.config import Settings
from briefings.errors import ConfigError
from tests.e2e.helpers import TOKEN, USER, ask

OTHER_USER = 900077

pytestmark = [pytest.mark.slow]


async def test_429_with_retry_after_is_waited_out_and_the_reply_still_arrives(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        started = time.monotonic()
        [reply] = await ask(fake, USER, "/help")
    assert "Commands" in reply.text
    assert reply.at - started >= 1.0
    assert [e[2] for e in fake.errors] == [429]


async def test_a_500_from_the_api_is_retried_with_backoff(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        fake.fail_next("sendMessage", 500, "Internal Server Error", times=2)
        [reply] = await ask(fake, USER, "/help")
    assert "Commands" in reply.text
    assert [e[2] for e in fake.errors] == [500, 500]


async def test_rejected_markup_is_resent_as_plain_text_and_logged(fake, settings, store, start_bot, caplog):
    async with start_bot(settings, store):
        fake.fail_next(
            "sendMessage", 400, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0'
        )
        [reply] = await ask(fake, USER, "/help")
    assert reply.parse_mode is None and "<b>" not in reply.html and "Commands" in reply.text
    assert "sending it as plain text" in caplog.text


async def test_a_failing_poll_does_not_stop_the_bot(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        fake.fail_next("getUpdates", 502, "Bad Gateway", times=2)
        [reply] = await ask(fake, USER, "/help")
    assert "Commands" in reply.text
    assert [e[2] for e in fake.errors if e[0] == "getUpdates"] == [502, 502]


async def test_malformed_and_unexpected_updates_are_skipped_and_the_bot_goes_on(
    fake, settings, store, start_bot, caplog
):
    fake.private_chat(USER)
    async with start_bot(settings, store):
        fake.push({"message": {"text": "/start"}})
        fake.push({"callback_query": {"id": "x", "data": "go:help"}})
        fake.push({"something_new": {"field": 1}})
        fake.push(
            {
                "message": {
                    "message_id": 5,
                    "date": 1,
                    "chat": {"id": USER, "type": "private"},
                    "sticker": {
                        "file_id": "a",
                        "file_unique_id": "b",
                        "type": "regular",
                        "width": 1,
                        "height": 1,
                        "is_animated": False,
                        "is_video": False,
                    },
                }
            }
        )
        fake.push(
            {
                "callback_query": {
                    "id": "cq-bad",
                    "chat_instance": "c",
                    "data": "sec:weapons'; DROP TABLE--",
                    "from": {"id": USER, "is_bot": False, "first_name": "A"},
                    "message": {"message_id": 1, "date": 1, "chat": {"id": USER, "type": "private"}},
                }
            }
        )
        with fake.lock:
            fake._pending_callbacks.add("cq-bad")
        [reply] = await ask(fake, USER, "/help")
    assert "Commands" in reply.text
    assert "Skipping malformed update" in caplog.text
    assert any(a["callback_query_id"] == "cq-bad" and "not understood" in a.get("text", "") for a in fake.answers)
    assert fake.pending_updates() == 0


async def test_a_second_instance_polling_the_same_token_is_reported_and_stops(fake, settings, store, start_bot, caplog):
    async with start_bot(settings, store) as (application, stopped):
        fake.fail_next(
            "getUpdates",
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
            times=1000,
        )
        await asyncio.wait_for(stopped.wait(), 20)
    assert application.bot_data["runtime"].fatal_error == CONFLICT_MESSAGE
    assert CONFLICT_MESSAGE in caplog.text
    conflicts = [e for e in fake.errors if e[2] == 409]
    assert 1 <= len(conflicts) <= 3, "reported, not retried forever"


async def test_old_commands_queued_while_down_are_dropped_with_one_note_and_young_ones_answered(
    fake, settings, store, start_bot
):
    an_hour_ago = time.time() - 3600
    for n in range(20):
        fake.say(USER, f"/brief {n}d", sent_at=an_hour_ago)
    fake.say(OTHER_USER, "/start")  # sent a moment before the bot came back
    async with start_bot(settings, store):
        young = await fake.reply(OTHER_USER, 0)
        old = await fake.reply(USER, 0)
        [reply] = await ask(fake, USER, "/help")
    assert "/brief" in young[0].text, "a command younger than a few minutes is answered"
    assert len(old) == 1 and "offline" in old[0].text, "the chat is told once, the old commands are not replayed"
    assert fake.sent_to(USER) == [*old, reply]


async def test_the_token_never_reaches_the_log(fake, settings, store, start_bot, caplog):
    caplog.set_level(logging.DEBUG)
    async with start_bot(settings, store):
        fake.fail_next("sendMessage", 500, "Internal Server Error")
        await ask(fake, USER, "/brief pyongyang")
    assert "Set Bot API URL" in caplog.text, "python-telegram-bot logged its URL ..."
    assert TOKEN not in caplog.text and TOKEN.split(":")[1] not in caplog.text, "... without the token"


def test_a_missing_or_malformed_token_names_the_setting(store):
    for token in (None, "not-a-token"):
        with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
            build_application(Settings(telegram_bot_token=token), store)
