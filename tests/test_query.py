"""Brief queries: the fixed argument grammar and the filters over merged facts in a real store (SQLite and
PostgreSQL, by the `database_url` fixture)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from briefings.errors import QueryError
from briefings.query import BriefQuery, build_brief, corpus_overview, is_empty, list_events, parse_query, suggestions
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument, utcnow
from tests.factories import document, parade_facts

TODAY = date(2025, 10, 20)


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    s.save_file(
        "/c/p.txt",
        FileState("1", 1, 1),
        [StoredDocument(document("p", published=date(2025, 10, 11)), [], parade_facts("p"))],
    )
    s.save_file(
        "/c/b.txt",
        FileState("2", 1, 1),
        [
            StoredDocument(
                document("b", published=date(2025, 8, 28)), [], parade_facts("b", city="Beijing", day="2025-09-03")
            )
        ],
    )
    s.merge()
    yield s
    s.close()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", BriefQuery()),
        ("7d", BriefQuery(since=TODAY - timedelta(days=7))),
        ("2w weapons", BriefQuery(since=TODAY - timedelta(days=14), section="weapons")),
        ("since 2025-09-01", BriefQuery(since=date(2025, 9, 1))),
        ("pyongyang", BriefQuery(topic="pyongyang")),
        ("Kim Jong Un recs", BriefQuery(topic="Kim Jong Un", section="recommendations")),
    ],
)
def test_parse_query_grammar(text, expected):
    assert parse_query(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, hint",
    [
        ("since", "YYYY-MM-DD"),
        ("since 2025-13-45", "calendar date"),
        ("<b>x</b>", "letters, digits"),
        ("'; DROP TABLE facts; --", "letters, digits"),
        ("x" * 500, "too long"),
    ],
)
def test_parse_query_rejects_hostile_or_malformed_arguments(text, hint):
    with pytest.raises(QueryError, match=hint):
        parse_query(text, TODAY)


def test_unfiltered_brief_has_everything_newest_event_first(store):
    brief = build_brief(store)
    assert [e.id for e in brief.events] == ["pyongyang-2025-10-10", "beijing-2025-09-03"]
    assert {d.id for d in brief.documents} == {"p", "b"}
    assert brief.query is None and not is_empty(brief)


def test_topic_keeps_the_matching_event_with_its_people_and_weapons(store):
    brief = build_brief(store, BriefQuery(topic="pyongyang"))
    assert [e.location for e in brief.events] == ["Pyongyang"]
    assert {a.event for a in brief.attendees} == {"pyongyang-2025-10-10"}
    assert [w.name for w in brief.weapons] == ["Pyongyang-missile"]
    assert [d.id for d in brief.documents] == ["p"]


def test_topic_on_a_weapon_brings_its_event(store):
    brief = build_brief(store, BriefQuery(topic="beijing-missile"))
    assert [w.name for w in brief.weapons] == ["Beijing-missile"]
    assert [e.location for e in brief.events] == ["Beijing"]


def test_since_filters_by_event_date_and_publication(store):
    brief = build_brief(store, BriefQuery(since=date(2025, 10, 1)))
    assert [e.location for e in brief.events] == ["Pyongyang"]
    assert all(r.evidence[0].doc == "p" for r in brief.recommendations)


def test_section_keeps_one_kind(store):
    brief = build_brief(store, BriefQuery(section="weapons"))
    assert brief.weapons and not brief.events and not brief.attendees and not brief.recommendations


def test_event_filter(store):
    brief = build_brief(store, BriefQuery(event="beijing-2025-09-03"))
    assert [e.id for e in brief.events] == ["beijing-2025-09-03"]
    assert {a.event for a in brief.attendees} == {"beijing-2025-09-03"}


def test_new_after_keeps_only_facts_first_seen_later(store):
    assert is_empty(build_brief(store, BriefQuery(new_after=utcnow() + timedelta(seconds=1))))
    assert not is_empty(build_brief(store, BriefQuery(new_after=datetime(2000, 1, 1))))


def test_nothing_matches_and_suggestions_name_what_exists(store):
    assert is_empty(build_brief(store, BriefQuery(topic="atlantis")))
    assert {"Pyongyang", "Beijing", "Kim Jong Un"} <= set(suggestions(store))


def test_events_and_overview(store):
    assert [e.location for e in list_events(store)] == ["Pyongyang", "Beijing"]
    overview = corpus_overview(store)
    assert overview["documents"] == 2 and overview["newest"][0].id == "p"
