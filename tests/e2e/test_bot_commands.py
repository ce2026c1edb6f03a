"""Users talk to the real bot through the fake Bot API: commands, buttons, access control."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

import pytest

from bot.grammar import parse_callback
from briefings.ingest import ingest_folder
from briefings.models import Event, Fact
from tests.e2e.helpers import ADMIN, LATE_ARTICLE, USER, ask

pytestmark = [pytest.mark.slow]


async def test_start_says_what_the_bot_does_with_buttons_and_publishes_commands(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [message] = await ask(fake, USER, "/start")
    assert len(message.text.strip().splitlines()) == 3
    data = message.callback_data()
    assert {"go:brief", "go:events", "go:sources", "go:subscribe", "go:help"} <= set(data)
    assert {c["command"] for c in fake.commands} >= {
        "brief",
        "events",
        "sources",
        "subscribe",
        "unsubscribe",
        "settings",
        "digest",
        "refresh",
        "status",
        "help",
    }
    assert not any(p.get("drop_pending_updates") for m, p in fake.calls), "commands sent during a restart are kept"


async def test_help_lists_every_command_with_an_example(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [message] = await ask(fake, USER, "/help")
    for command in (
        "/brief",
        "/events",
        "/sources",
        "/subscribe",
        "/unsubscribe",
        "/settings",
        "/digest",
        "/refresh",
        "/status",
    ):
        assert command in message.text
    assert "/brief pyongyang" in message.text and "/subscribe 08:00 Europe/London" in message.text


async def test_brief_of_a_topic_lists_only_matching_events_with_buttons(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        replies = await ask(fake, USER, "/brief pyongyang")
    text = "\n".join(m.text for m in replies)
    assert "Pyongyang" in text and "Hwasong" in text
    event_places = re.findall(r"^(?:\d{4}-\d{2}-\d{2}|date unknown) · (.+?) \[", text, re.M)
    assert event_places and set(event_places) == {"Pyongyang"}
    buttons = replies[-1].callback_data()
    assert any(d.startswith("src:") for d in buttons) and any(d.startswith("sec:weapons:") for d in buttons)
    assert all(len(d.encode()) <= 64 and parse_callback(d) for d in buttons)


async def test_whole_brief_pages_through_events_by_editing_the_message(
    fake, settings, store, start_bot, nlp, corpus_dir
):
    (corpus_dir / "late.txt").write_text(LATE_ARTICLE)
    ingest_folder(store, corpus_dir, lambda: nlp, settings)
    async with start_bot(settings, store):
        replies = await ask(fake, USER, "/brief")
        last = replies[-1]
        page = next((d for d in last.callback_data() if d.startswith("pg:")), None)
        assert page is not None, "six events or more page by five"
        fake.press(last, page)
        await fake.wait_for(lambda: fake.edits, what="an edited page")
        edited = fake.edits[-1]
        assert edited.message_id == last.message_id
        assert re.search(r"Events 6–\d+ of \d+", edited.text)
        assert any(d.startswith("pg:0:") for d in edited.callback_data())
        assert fake.answers, "the button press was answered"


ALSO = "Also mentioned: "  # the line generic weapon classes are folded into


async def test_section_and_sources_buttons_send_the_section_in_full_and_the_sources(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        replies = await ask(fake, USER, "/brief")
        last = replies[-1]
        before = len(fake.sent_to(USER))
        fake.press(last, last.button("Weapons"))
        weapons = await fake.reply(USER, before)
        before = len(fake.sent_to(USER))
        fake.press(last, last.button("Sources"))
        sources = await fake.reply(USER, before)
    weapons_text = "\n".join(m.text for m in weapons)
    body = weapons_text.split("\nSources\n")[0]
    total = int(re.search(r"(\d+) weapons", body).group(1))
    listed = body.split("🚀 Weapons\n", 1)[1].strip().splitlines()
    folded = [name for line in listed if line.startswith(ALSO) for name in line.removeprefix(ALSO).split(", ")]
    named = [line for line in listed if not line.startswith(ALSO)]
    assert len(named) + len(folded) == total and "Hwasong-18" in body
    assert "📅" not in body and "… and" not in body
    sources_text = "\n".join(m.text for m in sources)
    assert re.search(r"\[1\] .+", sources_text)


async def test_events_lists_events_with_a_button_each_that_opens_its_brief(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [listing] = await ask(fake, USER, "/events")
        event_buttons = [d for d in listing.callback_data() if d.startswith("ev:")]
        assert event_buttons and "2023-07-27" in listing.text
        label_data = (
            listing.button("Pyongyang") if "Pyongyang" in str(listing.reply_markup) else listing.button("parade")
        )
        before = len(fake.sent_to(USER))
        fake.press(listing, label_data)
        brief = await fake.reply(USER, before)
    text = "\n".join(m.text for m in brief)
    assert "Filter: event:" in text


async def test_sources_reports_counts_newest_articles_and_last_refresh(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        replies = await ask(fake, USER, "/sources")
    text = "\n".join(m.text for m in replies)
    assert re.search(r"\d+ articles · last refreshed \d{4}-\d{2}-\d{2}", text)
    assert "[1]" in text


async def test_query_matching_nothing_says_so_and_suggests_existing_topics(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [reply] = await ask(fake, USER, "/brief atlantis")
        assert "Nothing matched" in reply.text and "atlantis" in reply.text
        suggestions = [d for d in reply.callback_data() if d.startswith("q:")]
        assert suggestions
        before = len(fake.sent_to(USER))
        fake.press(reply, suggestions[0])
        follow = await fake.reply(USER, before)
    assert "Nothing matched" not in follow[0].text


@pytest.mark.parametrize(
    "argument",
    [
        "<b>pyongyang</b>",
        "x" * 5000,
        "--format=json; rm -rf /",
        "since yesterday",
        "' OR 1=1 --",
        "&amp; <script>",
    ],
)
async def test_hostile_arguments_get_a_usage_reply_that_telegram_accepts(fake, settings, store, start_bot, argument):
    async with start_bot(settings, store):
        replies = await ask(fake, USER, f"/brief {argument}")
    assert not [e for e in fake.errors if e[0] == "sendMessage"], fake.errors
    text = "\n".join(m.text for m in replies)
    assert "Try" in text or "Nothing matched" in text or "YYYY-MM-DD" in text or "too long" in text


async def test_a_chat_not_allowed_gets_its_id_and_how_to_be_allowed_and_nothing_else(fake, settings, store, start_bot):
    async with start_bot(settings, store, allowed_chat_ids=frozenset({ADMIN})):
        replies = await ask(fake, USER, "/brief")
        [allowed] = (await ask(fake, ADMIN, "/help"))[:1]
    assert len(replies) == 1
    assert str(USER) in replies[0].text and "ALLOWED_CHAT_IDS" in replies[0].text
    assert "Commands" in allowed.text


async def test_admin_commands_are_refused_to_others_and_work_for_admins(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [refused] = await ask(fake, USER, "/status")
        [status] = await ask(fake, ADMIN, "/status")
        refresh = await ask(fake, ADMIN, "/refresh")
    assert "Only admins" in refused.text
    assert re.search(r"Articles: \d+", status.text) and "Subscribers: 0" in status.text
    assert re.search(r"0 added, 0 updated, 0 removed, \d+ unchanged", refresh[-1].text)


async def test_unknown_commands_point_to_help(fake, settings, store, start_bot):
    async with start_bot(settings, store):
        [reply] = await ask(fake, USER, "/launch_missiles now")
    assert "/help" in reply.text


async def test_brief_answers_while_a_slow_refresh_runs(fake, settings, store, start_bot, nlp, corpus_dir):
    import time

    def slow_loader():
        time.sleep(3)
        return nlp

    (corpus_dir / "late.txt").write_text(LATE_ARTICLE)
    async with start_bot(settings, store, loader=slow_loader):
        before_admin = len(fake.sent_to(ADMIN))
        fake.say(ADMIN, "/refresh")
        await asyncio.sleep(0.3)
        replies = await ask(fake, USER, "/brief pyongyang")
        brief_done = replies[-1].at
        refreshed = await fake.reply(ADMIN, before_admin, timeout=30)
    assert "Pyongyang" in replies[0].text
    assert brief_done < refreshed[-1].at
    assert "1 added" in refreshed[-1].text


async def test_a_large_brief_is_split_into_messages_telegram_accepts(fake, settings, tmp_path, start_bot):
    from benchmarks.synthetic import build_store

    big = build_store(f"sqlite:///{tmp_path / 'big.sqlite3'}", 400)
    try:
        async with start_bot(replace(settings, database_url=str(big.engine.url)), big):
            overview = await ask(fake, USER, "/brief")
            fake.press(overview[-1], overview[-1].button("People"))
            await asyncio.sleep(0.2)
            section = await fake.reply(USER, len(overview))
    finally:
        big.close()
    assert not fake.errors, fake.errors[:2]
    assert len(section) > 1 and all(len(m.html) <= 4096 for m in section)
    assert "… and" in section[-1].text or "… and" in "\n".join(m.text for m in section)


async def test_a_refresh_names_a_bad_file_without_letting_its_name_forge_lines(
    fake, settings, store, start_bot, corpus_dir
):
    (corpus_dir / "bad\n⚠️ forged.txt").write_bytes(b"\x00\x01binary")
    async with start_bot(settings, store):
        refresh = await ask(fake, ADMIN, "/refresh")
    text = refresh[-1].text
    assert "bad\\n⚠️ forged.txt" in text
    assert not any(line.startswith("⚠️ forged") for line in text.splitlines())


async def test_a_brief_before_the_first_merge_says_the_facts_are_being_built(fake, settings, tmp_path, start_bot):
    from briefings.models import DocFacts
    from briefings.store import FileState, Store
    from briefings.store.database import StoredDocument
    from tests.factories import document

    half = Store(f"sqlite:///{tmp_path / 'half.sqlite3'}")  # a first ingest saved one article, then was killed
    half.save_file("/c/new.txt", FileState("h", 1.0, 1), [StoredDocument(document("new"), [1], DocFacts())])
    async with start_bot(settings, half):
        [reply] = await ask(fake, USER, "/brief")
    half.close()
    assert "being built" in reply.text and "Nothing here yet" not in reply.text


EVENT_LINE = re.compile(r"^📅 (.+)\n(\d{4}-\d{2}-\d{2}|date unknown) · (.+?) \[", re.M)


def shown_events(messages) -> list[tuple[str, str, str]]:
    """(name, date, place) of each event a brief's messages show, in order."""
    return EVENT_LINE.findall("\n".join(m.text for m in messages))


async def test_a_brief_of_a_large_store_reads_only_the_page_it_shows(fake, settings, tmp_path, start_bot, monkeypatch):
    import bot.handlers
    from benchmarks.synthetic import build_store
    from briefings.query import build_brief

    big = build_store(f"sqlite:///{tmp_path / 'big.sqlite3'}", 400)
    whole = build_brief(big)  # every fact, to compare with; the bot must never ask for this
    asked = []

    def spy(*args, **kwargs):  # the real build_brief, watched: what the handlers ask for and what they get
        brief = build_brief(*args, **kwargs)
        asked.append((kwargs, brief))
        return brief

    monkeypatch.setattr(bot.handlers, "build_brief", spy)
    try:
        async with start_bot(replace(settings, database_url=str(big.engine.url)), big):
            first = await ask(fake, USER, "/brief")
            fake.press(first[-1], first[-1].button("Events ▶"))
            second = await fake.wait_for(lambda: fake.edits, what="page 2 of the events")
            before = len(fake.sent_to(USER))
            fake.press(second[-1], second[-1].button("Sources"))
            sources = await fake.reply(USER, before)
            before = len(fake.sent_to(USER))
            fake.press(first[-1], first[-1].button("Sources"))
            first_sources = await fake.reply(USER, before)
    finally:
        big.close()
    assert not fake.errors, fake.errors[:2]
    every = [(e.name, e.date, e.location) for e in whole.events]
    assert shown_events(first) == every[:5], "page 1: the five newest events"
    assert shown_events(second[-1:]) == every[5:10], "page 2: the next five, newest first"
    assert "Events 6–10 of" in second[-1].text

    kinds = ("events", "attendees", "weapons", "recommendations", "figures", "quotes")
    loaded = [sum(len(getattr(brief, kind)) for kind in kinds) for _kwargs, brief in asked]
    in_store = sum(len(getattr(whole, kind)) for kind in kinds)
    assert asked and all(kwargs.get("limit") == bot.handlers.EVENTS_PER_PAGE for kwargs, _brief in asked)
    assert max(loaded) <= 80 < in_store // 10, f"a page read {max(loaded)} of {in_store} facts"

    page_two = [brief for kwargs, brief in asked if kwargs.get("event_offset") == 5][-1]
    shown = {e.id for e in page_two.events}
    facts: list[Fact] = [*page_two.events, *page_two.attendees, *page_two.weapons]
    linked = [f for f in facts if isinstance(f, Event) or getattr(f, "event", None) in shown]
    cited_ids = {e.doc for fact in linked for e in fact.evidence}
    cited = {d.title for d in page_two.documents if d.id in cited_ids}
    listed = re.findall(r"^\[\d+\] (.+?) · Wire", "\n".join(m.text for m in sources), re.M)
    assert set(listed) == cited, "Sources lists the articles page 2's events and their people cite"
    assert "of 400 in the corpus" in sources[-1].text and "more cited" not in sources[-1].text

    overview = [brief for kwargs, brief in asked if not kwargs.get("event_offset")][-1]
    listed = re.findall(r"^\[\d+\] (.+?) · Wire", "\n".join(m.text for m in first_sources), re.M)
    assert len(overview.documents) > bot.handlers.SOURCES_LIMIT == len(listed), "the first screen cites many: cut"
    assert set(listed) <= {d.title for d in overview.documents}
    assert f"… and {len(overview.documents) - len(listed)} more" in first_sources[-1].text


async def test_page_and_sources_buttons_still_work_after_a_restart(fake, settings, tmp_path, start_bot):
    from benchmarks.synthetic import build_store

    big = build_store(f"sqlite:///{tmp_path / 'big.sqlite3'}", 60, per_file=30)
    moved = replace(settings, database_url=str(big.engine.url))
    try:
        async with start_bot(moved, big):
            first = await ask(fake, USER, "/brief")
        async with start_bot(moved, big):  # a new process: only the buttons' data and the store remain
            fake.press(first[-1], first[-1].button("Events ▶"))
            [page] = await fake.wait_for(lambda: fake.edits, what="page 2 after a restart")
            before = len(fake.sent_to(USER))
            fake.press(page, page.button("Sources"))
            sources = await fake.reply(USER, before)
    finally:
        big.close()
    assert re.search(r"Events 6–10 of \d+", page.text) and len(shown_events([page])) == 5
    assert not set(shown_events([page])) & set(shown_events(first))
    assert re.search(r"^\[1\] Synthetic report", sources[0].text, re.M)
