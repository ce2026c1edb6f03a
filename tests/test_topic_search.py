"""A topic is found by the database's word index (SQLite FTS5, PostgreSQL text search), and means exactly what the
plain scan means: the folded topic at a word's start, its last word a prefix."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

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
