"""Pages of a brief's events read from the store: `event_offset` skips events in SQL, so page n of a brief is what
the whole brief lists at places n*k .. n*k+k-1 (SQLite and PostgreSQL, by the `database_url` fixture)."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.synthetic import build_store
from briefings.query import BriefQuery, build_brief, events_page, list_events, parse_query
from briefings.store import briefs

PAGE = 7


@pytest.fixture
def store(database_url):
    s = build_store(database_url, 60, per_file=30)
    yield s
    s.close()


def test_pages_of_events_follow_the_whole_brief_in_order_without_gaps_or_repeats(store):
    whole = [e.id for e in build_brief(store).events]
    assert len(whole) > 3 * PAGE, "the synthetic store should give several pages"
    paged: list[str] = []
    for n in range(len(whole) // PAGE + 1):
        page = build_brief(store, limit=PAGE, event_offset=n * PAGE)
        assert page.totals is not None and page.totals["events"] == len(whole), "every page counts every event"
        paged += [e.id for e in page.events]
    assert paged == whole
    assert build_brief(store, limit=PAGE, event_offset=len(whole)).events == ()


def test_a_page_lists_its_own_events_people_and_weapons(store):
    page = build_brief(store, limit=PAGE, event_offset=PAGE)
    shown = {e.id for e in page.events}
    first = {e.id for e in build_brief(store, limit=PAGE).events}
    assert shown and not shown & first
    under = [a for a in page.attendees if a.event in shown]
    assert under, "the page's events bring their own attendees"
    assert all(len([a for a in under if a.event == e]) <= PAGE for e in shown)


def test_a_page_of_a_filtered_brief_keeps_the_filter(store):
    query = BriefQuery(topic="pyongyang")
    whole = [e.id for e in build_brief(store, query).events]
    assert len(whole) >= 2
    second = build_brief(store, query, limit=1, event_offset=1)
    assert [e.id for e in second.events] == whole[1:2]
    assert all(e.location == "Pyongyang" for e in second.events)


def test_events_page_gives_a_slice_of_every_event_and_their_count(store):
    every = list_events(store)
    page = events_page(store, PAGE, offset=PAGE)
    assert [e.id for e in page.events] == [e.id for e in every[PAGE : 2 * PAGE]]
    assert page.total == len(every) and not page.capped
    assert all(len(e.evidence) == len(f.evidence) for e, f in zip(page.events, every[PAGE:], strict=False))


@pytest.mark.parametrize(
    "text", ["Novak", "Grace Okafor", "Moscow", "Hwasong", "Buk-8", "since 2024-06-01 Uma", "attendees Novak"]
)
@pytest.mark.parametrize(
    "many", [{"RESOLVED_KEYS": 0}, {"COUNT_CAP": 1}, {"RESOLVED_KEYS": 0, "COUNT_CAP": 1}], ids=["keys", "rows", "both"]
)
def test_a_common_topic_asked_row_by_row_gives_the_brief_of_a_rare_one(store, monkeypatch, text, many):
    """A topic's matches are gathered first when few, and tested row by row when many (events of its people and
    weapons when they are more than RESOLVED_KEYS, a page's rows when a kind counts COUNT_CAP): both ways give the
    same brief. Here a small store is made 'many' by lowering those limits."""
    query = parse_query(text, date(2023, 2, 28))
    as_lists = [_names(build_brief(store, query, limit=limit)) for limit in (PAGE, None)]
    for name, value in many.items():
        monkeypatch.setattr(briefs, name, value)
    assert [_names(build_brief(store, query, limit=limit)) for limit in (PAGE, None)] == as_lists
    assert any(as_lists[1].values()), f"{text!r} should match facts of the synthetic store"


def _names(brief) -> dict[str, list[str]]:
    return {kind: [repr(fact) for fact in getattr(brief, kind)] for kind in ("events", "attendees", "weapons")}
