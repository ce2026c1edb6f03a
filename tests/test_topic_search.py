"""A topic is found by the database's word index (SQLite FTS5, PostgreSQL text search), and means exactly what the
plain scan means: the folded topic at a word's start, its last word a prefix unless it is a number."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.query import BriefQuery, build_brief
from briefings.serialize import fold_key
from briefings.store import FileState, Store
from briefings.store.briefs import _matching_ids
from briefings.store.database import StoredDocument
from briefings.store.tables import FactRow
from tests.factories import document, parade_facts

TOPICS = ["pyongyang", "pyong", "yang", "kim jong", "kim jong u", "hwasong 1", "hwasong1", "beijing", "military parade"]


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    for doc_id, city in (("p", "Pyongyang"), ("b", "Beijing")):
        stored = StoredDocument(document(doc_id), [], parade_facts(doc_id, city=city))
        s.save_file(f"/c/{doc_id}.txt", FileState(doc_id, 1, 1), [stored])
    s.merge()
    yield s
    s.close()


@pytest.mark.parametrize("kind", ["events", "attendees", "weapons", "recommendations", "quotes"])
@pytest.mark.parametrize("field", ["search", None])
def test_the_word_index_finds_what_the_plain_scan_finds(store, kind, field):
    dialect = store.engine.dialect.name
    with Session(store.engine) as session:
        kinds = {fact_id: k for fact_id, k in session.execute(select(FactRow.id, FactRow.kind))}
        found_any = False
        for topic in TOPICS:
            indexed = {i for i in session.scalars(select(_matching_ids(kind, field, topic, dialect).subquery()))}
            scanned = set(session.scalars(_matching_ids(kind, field, topic, "plain")))
            assert {i for i in indexed if kinds.get(i) == kind} == scanned, topic
            found_any |= bool(scanned)
    assert found_any or kind == "quotes", "the topics name something of each kind"


@pytest.fixture
def designations(database_url):
    """Weapons whose names differ only by their number, as missile families do (Hwasong-1, Hwasong-15)."""
    s = Store(database_url)
    facts = parade_facts("h")
    weapons = tuple(replace(facts.weapons[0], name=name) for name in ("Hwasong-1", "Hwasong-15", "KN-25"))
    s.save_file("/c/h.txt", FileState("h", 1, 1), [StoredDocument(document("h"), [], replace(facts, weapons=weapons))])
    s.merge()
    yield s
    s.close()


@pytest.mark.parametrize(
    "topic, expected",
    [
        ("Hwasong-1", {"Hwasong-1"}),  # a number is matched whole: the -1 is not the -15
        ("hwasong 15", {"Hwasong-15"}),
        ("Hwasong", {"Hwasong-1", "Hwasong-15"}),
        ("hwas", {"Hwasong-1", "Hwasong-15"}),  # a word still matches from its start
        ("KN-2", set()),
    ],
)
def test_a_number_ending_a_topic_is_matched_whole(designations, topic, expected):
    brief = build_brief(designations, BriefQuery(topic=topic, section="weapons"), limit=10)
    assert {w.name for w in brief.weapons} == expected
    dialect = designations.engine.dialect.name
    with Session(designations.engine) as session:
        scanned = set(session.scalars(_matching_ids("weapons", "search", fold_key(topic), "plain")))
        indexed = set(session.scalars(select(_matching_ids("weapons", "search", fold_key(topic), dialect).subquery())))
        assert indexed == scanned and len(scanned) == len(expected)
