"""The one-document filter of a brief: only the facts that cite that article (used by the bot's link replies)."""

from __future__ import annotations

import pytest

from briefings.query import BriefQuery, build_brief, is_empty
from briefings.serialize import FACT_TYPES
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument
from tests.factories import document, parade_facts


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    for doc_id, city, day in (("p", "Pyongyang", "2025-10-10"), ("b", "Beijing", "2025-09-03")):
        facts = parade_facts(doc_id, city=city, day=day)
        s.save_file(f"/c/{doc_id}.txt", FileState(doc_id, 1, 1), [StoredDocument(document(doc_id), [], facts)])
    s.merge()
    yield s
    s.close()


def facts(brief) -> list:
    return [fact for kind in FACT_TYPES for fact in getattr(brief, kind)]


def test_a_document_brief_holds_only_the_facts_citing_that_document(store):
    whole = build_brief(store)
    beijing = build_brief(store, BriefQuery(document="b"))

    only_p = [f for f in facts(whole) if {e.doc for e in f.evidence} == {"p"}]
    assert only_p, "the Pyongyang article has facts of its own"
    assert not is_empty(beijing) and all("b" in {e.doc for e in f.evidence} for f in facts(beijing))
    assert not any(f in facts(beijing) for f in only_p)
    assert [e.location for e in beijing.events] == ["Beijing"] and beijing.query == {"document": "b"}


def test_an_unknown_document_has_an_empty_brief(store):
    assert is_empty(build_brief(store, BriefQuery(document="nowhere")))
