"""A topic is found by the database's word index (SQLite FTS5, PostgreSQL text search), and means exactly what the
plain scan means: the folded topic at a word's start, its last word a prefix unless it is a number."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from briefings.query import BriefQuery, build_brief
from briefings.serialize import fold_key
from briefings.store import FileState, Store, briefs
from briefings.store.briefs import TopicSearch
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
    with Session(store.engine) as session:
        kinds = {fact_id: k for fact_id, k in session.execute(select(FactRow.id, FactRow.kind))}
        found_any = False
        for topic in TOPICS:
            indexed = set(session.scalars(select(TopicSearch(session, topic).matching_ids(kind, field).subquery())))
            scanned = set(session.scalars(TopicSearch(session, topic, "plain").matching_ids(kind, field)))
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
    with Session(designations.engine) as session:
        scanned = set(session.scalars(TopicSearch(session, fold_key(topic), "plain").matching_ids("weapons", "search")))
        indexed = TopicSearch(session, fold_key(topic)).matching_ids("weapons", "search")
        indexed = set(session.scalars(select(indexed.subquery())))
        assert indexed == scanned and len(scanned) == len(expected)


def test_a_brief_asks_the_word_index_once_per_kind_and_leaves_no_tables_behind(store, monkeypatch):
    """A brief's statements test the same topic five or six times; on SQLite each kind's matches are gathered once
    into a temporary table (an `IN (MATCH ...)` gathered every match again, ~40 ms a statement for a common
    surname in a million-article store), and the tables are dropped when the brief is done, also when it fails."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL tests each row's text-search vector through its GIN index")
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    def broken(*args, **kwargs):
        raise RuntimeError("a failure after the matches were gathered")

    event.listen(store.engine, "before_cursor_execute", record)
    brief = build_brief(store, BriefQuery(topic="kim"), limit=5)
    assert brief.attendees, "the topic names someone"
    searches = [s for s in statements if "MATCH" in s]
    assert len(searches) == len(set(searches)) == 6, searches  # events, attendees, weapons and three kinds by evidence
    made = {s.split()[3] for s in statements if s.startswith("CREATE TEMP TABLE")}
    last_use = max(i for i, s in enumerate(statements) if s.startswith("SELECT") and '"temp".topic_' in s)
    after = statements[last_use:]
    assert made and {s.split()[-1].removeprefix("temp.") for s in after if s.startswith("DROP TABLE")} == made
    statements.clear()
    monkeypatch.setattr(briefs, "_rows", broken)
    with pytest.raises(RuntimeError):  # a brief failing midway still drops what it gathered
        build_brief(store, BriefQuery(topic="kim"), limit=5)
    made = {s.split()[3] for s in statements if s.startswith("CREATE TEMP TABLE")}
    assert {s.split()[-1].removeprefix("temp.") for s in statements if s.startswith("DROP TABLE")} >= made
    event.remove(store.engine, "before_cursor_execute", record)
