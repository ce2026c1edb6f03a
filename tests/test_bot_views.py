"""Chat views of a cut brief: counts past the store's cap, pages of events and the sources a view cites."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.keyboards import brief_keyboard, events_page_keyboard
from bot.views import Pages, as_page, event_pages, page_heading, section_counts, sources_texts
from briefings.models import Brief, Event
from briefings.render import render
from tests.factories import document, evidence


def cut_brief(events: int, total: int, documents: int = 3, cap: int = 1000) -> Brief:
    """A brief as build_brief(limit=...) gives it: `events` listed, `total` counted by the store."""
    listed = tuple(
        Event(id=f"e{n}", name=f"Parade {n}", date="2025-10-10", location="Minsk", evidence=evidence("d0"))
        for n in range(events)
    )
    return Brief(
        generated_at=datetime(2025, 10, 20, tzinfo=UTC),
        documents=tuple(document(f"d{n}", title=f"Report {n}") for n in range(documents)),
        events=listed,
        stats={"documents": 400},
        totals={"events": total, "attendees": 0, "weapons": 12, "cap": cap},
    )


def labels(markup) -> list[str]:
    return [b.text for row in markup.inline_keyboard for b in row]


def test_counts_and_pages_past_the_cap_say_so():
    brief = cut_brief(5, total=1000)
    assert section_counts(brief) == {"events": "1000+", "weapons": "12"}
    assert event_pages(brief, 5) == Pages(200, capped=True)
    assert "Events ▶ 2/200+" in labels(brief_keyboard(section_counts(brief), "0123456789ab", Pages(200, True), 3))
    assert page_heading(brief, 5) == "Events 6–10 of 1000+"


def test_counted_pages_and_headings_are_exact():
    brief = cut_brief(2, total=12)
    assert event_pages(brief, 5) == Pages(3) and Pages(3).label() == "3"
    assert page_heading(brief, 10) == "Events 11–12 of 12"


def test_a_page_says_how_many_events_follow_it_not_how_many_follow_the_first_page():
    page_two = as_page(cut_brief(5, total=42), offset=5)
    text = render(page_two, "html", section="events")
    assert "… and 32 more events" in text


def test_a_page_keyboard_asks_for_the_sources_of_that_page():
    data = [
        b.callback_data for row in events_page_keyboard(3, Pages(9), "0123456789ab", 4).inline_keyboard for b in row
    ]
    assert "sp:3:0123456789ab" in data and "pg:2:0123456789ab" in data and "pg:4:0123456789ab" in data


def test_sources_are_cut_with_how_many_more_and_the_corpus_size_for_the_whole_corpus():
    brief = cut_brief(1, total=1, documents=30)
    listed, notes = sources_texts(brief, 25, whole_corpus=True)
    assert len(listed.documents) == 25
    assert "… and 5 more" in notes[0] and "of 400 in the corpus" in notes[1]
    listed, notes = sources_texts(brief, 40, whole_corpus=False)
    assert len(listed.documents) == 30 and notes == []
