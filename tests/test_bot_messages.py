"""A rendered brief reaches Telegram as messages of at most 4096 characters, each valid HTML on its own."""

from __future__ import annotations

import re
from types import SimpleNamespace

from bot.grammar import EVENT
from bot.handlers import delivery_failure_line, event_button_label
from bot.keyboards import MAX_LABEL, button
from bot.messaging import TELEGRAM_LIMIT, chat_messages, split_messages
from briefings.models import DocFacts, Event, Recommendation
from briefings.render import render
from tests.factories import evidence
from tests.test_render import assert_telegram_html, make_brief


def test_long_html_brief_is_split_on_line_boundaries_each_message_valid() -> None:
    many = DocFacts(
        recommendations=tuple(
            Recommendation(actor=f"State {i}", text="do a thing " * 20, evidence=evidence("p")) for i in range(120)
        )
    )
    messages = split_messages(render(make_brief(many), "html"))
    assert len(messages) > 1
    for message in messages:
        assert len(message) <= 4096
        assert_telegram_html(message)
    assert sum(m.count("State ") for m in messages) == 120


def test_split_messages_cuts_an_over_long_line_without_breaking_entities() -> None:
    line = "<b>x</b> " + "&amp; " * 2000
    [message] = split_messages(line, limit=100)
    assert len(message) <= 100 and "<b>" not in message and not re.search(r"&[a-z]*…$", message)


def test_several_texts_become_their_messages_in_order() -> None:
    long_text = "\n\n".join(f"section {n} " + "x" * 1000 for n in range(6))
    messages = chat_messages(["head", long_text, "tail"])
    assert messages[0] == "head" and messages[-1] == "tail" and len(messages) > 3
    assert all(len(m) <= TELEGRAM_LIMIT for m in messages)
    assert "".join(messages).index("section 0") < "".join(messages).index("section 5")


def test_event_buttons_put_place_and_date_first_and_cut_the_name() -> None:
    name = "Military parade marking the 80th anniversary of the end of the Second World War in Asia"
    labels = [
        button(event_button_label(Event(id=i, name=name, location=place, date=day)), EVENT, "a1b2c3d4e5f6").text
        for i, place, day in (("a", "Pyongyang", "2025-10-10"), ("b", "Beijing", "2025-09-03"))
    ]
    assert labels[0].startswith("📅 Pyongyang · 2025-10-10 · Military parade")
    assert labels[1].startswith("📅 Beijing · 2025-09-03 · Military parade")
    assert all(label.endswith("…") and len(label) <= MAX_LABEL for label in labels)


def test_a_delivery_failure_is_cut_before_escaping_so_no_entity_is_split() -> None:
    failure = SimpleNamespace(chat_id=1, slot="08:00", error="&" * 300)
    line = delivery_failure_line(failure)
    assert line.endswith("&amp;" * 200) and not re.search(r"&(?!amp;)", line)
