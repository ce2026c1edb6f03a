"""Answer a brief query from the store: filter merged facts, no NLP at query time."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeAlias

from briefings.errors import QueryError
from briefings.models import Brief, Document, Event, Fact
from briefings.ranking import ranked_attendees, ranked_weapons
from briefings.serialize import FACT_TYPES, fold_key
from briefings.store import Store
from briefings.store.database import StoredFact

SECTIONS = {
    "events": "events",
    "event": "events",
    "attendees": "attendees",
    "people": "attendees",
    "who": "attendees",
    "weapons": "weapons",
    "weapon": "weapons",
    "recommendations": "recommendations",
    "recs": "recommendations",
    "recommendation": "recommendations",
    "figures": "figures",
    "numbers": "figures",
    "quotes": "quotes",
}
WINDOW = re.compile(r"^(\d{1,4})([dw])$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOPIC_CHARS = re.compile(r"^[\w .,'’\-]+$")
MAX_TOPIC = 80  # characters: longer than any place, person or weapon name, short enough to refuse pasted text


FactLists: TypeAlias = dict[str, list[Any]]  # facts by kind ("events", "weapons", ...); each list holds one type


@dataclass(frozen=True)
class BriefQuery:
    """Filters of a brief: a topic, a start date, one event, one section, facts first seen after a time, or the facts
    citing one document (by id)."""

    topic: str | None = None
    since: date | None = None
    event: str | None = None
    section: str | None = None
    new_after: datetime | None = None
    document: str | None = None

    def as_dict(self) -> dict[str, str] | None:
        """The filters that are set, JSON-ready; None when the brief is unfiltered."""
        items = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in vars(self).items() if v}
        return items or None


def parse_query(text: str, today: date) -> BriefQuery:
    """Read a query with a fixed grammar: window (7d, 2w), `since DATE`, a section word, else topic words."""
    words = (text or "").split()
    query, topic = BriefQuery(), []
    i = 0
    while i < len(words):
        word = words[i]
        lower = word.lower()
        window = WINDOW.match(lower)
        if window:
            number, unit = window.groups()
            query = replace(query, since=today - timedelta(days=int(number) * (7 if unit == "w" else 1)))
        elif lower == "since":
            if i + 1 >= len(words) or not ISO_DATE.match(words[i + 1]):
                raise QueryError(
                    f"'since' needs a date written YYYY-MM-DD, e.g. since {today.replace(day=1).isoformat()}."
                )
            query = replace(query, since=_iso_date(words[i + 1]))
            i += 1
        elif lower in SECTIONS and query.section is None:
            query = replace(query, section=SECTIONS[lower])
        else:
            topic.append(word)
        i += 1
    return replace(query, topic=_checked_topic(" ".join(topic))) if topic else query


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{text!r} is not a calendar date; write it YYYY-MM-DD.") from None


def _checked_topic(topic: str) -> str:
    if len(topic) > MAX_TOPIC:
        raise QueryError(
            f"That topic is too long ({len(topic)} characters); use a name or a word, at most {MAX_TOPIC}."
        )
    if not TOPIC_CHARS.match(topic):
        raise QueryError("A topic may hold letters, digits, spaces and - . , ' only.", show_usage=True)
    return topic


def build_brief(store: Store, query: BriefQuery | None = None, now: datetime | None = None) -> Brief:
    """The brief for a query (or the whole corpus), from merged facts in the store."""
    query = query or BriefQuery()
    index = store.document_index()
    stored = store.facts()
    facts: FactLists = {kind: _fresh(rows, query.new_after) for kind, rows in stored.items()}
    if query.since:
        facts = _since(facts, query.since, index)
    if query.event:
        facts = _for_event(facts, query.event)
    if query.topic:
        words = {id(row.fact): row.search for rows in stored.values() for row in rows}
        facts = _about(facts, fold_key(query.topic), words)
    if query.document:
        facts = {kind: [f for f in items if _cites(f, {query.document})] for kind, items in facts.items()}
    if query.section:
        facts = {kind: (items if kind == query.section else []) for kind, items in facts.items()}
    facts["events"] = _newest_first(facts["events"])
    facts["weapons"] = ranked_weapons(facts["weapons"])  # named systems before generic classes
    facts["attendees"] = ranked_attendees(facts["attendees"])  # by rank of office
    cited = {e.doc for items in facts.values() for fact in items for e in fact.evidence}
    filtered = any(vars(query).values())
    documents = tuple(d for d in index.values() if not filtered or d.id in cited)
    stats = {"documents": len(index), "cited_documents": len(cited & set(index))}
    return Brief(
        generated_at=now or datetime.now(UTC),
        documents=documents,
        query=query.as_dict(),
        stats=stats,
        **_as_sections(facts),
    )


def _as_sections(facts: FactLists) -> dict[str, tuple[Any, ...]]:
    """The fact lists as a Brief's section fields."""
    return {kind: tuple(items) for kind, items in facts.items()}


def _fresh(rows: Iterable[StoredFact], new_after: datetime | None) -> list[Fact]:
    if new_after is None:
        return [row.fact for row in rows]
    cutoff = new_after.astimezone(UTC).replace(tzinfo=None) if new_after.tzinfo else new_after
    return [row.fact for row in rows if row.first_seen > cutoff]


def _since(facts: FactLists, since: date, index: dict[str, Document]) -> FactLists:
    recent_docs = {d.id for d in index.values() if d.published and d.published >= since}
    kept_events = {e.id for e in facts["events"] if (e.date and e.date >= since.isoformat()) or _cites(e, recent_docs)}
    result: FactLists = {"events": [e for e in facts["events"] if e.id in kept_events]}
    for kind in FACT_TYPES:
        if kind != "events":
            result[kind] = [
                f for f in facts[kind] if getattr(f, "event", None) in kept_events or _cites(f, recent_docs)
            ]
    return result


def _for_event(facts: FactLists, event_id: str) -> FactLists:
    events = [e for e in facts["events"] if e.id == event_id]
    event_docs = {ev.doc for e in events for ev in e.evidence}
    result: FactLists = {"events": events}
    for kind in FACT_TYPES:
        if kind in ("attendees", "weapons"):
            result[kind] = [f for f in facts[kind] if f.event == event_id]
        elif kind != "events":
            result[kind] = [f for f in facts[kind] if _cites(f, event_docs)]
    return result


def _about(facts: FactLists, topic: str, words: dict[int, str]) -> FactLists:
    """Facts that name the topic; an event's people and weapons when the event itself matches."""
    direct_events = {e.id for e in facts["events"] if _mentions(words[id(e)], topic)}
    result: FactLists = {}
    for kind in ("attendees", "weapons"):
        result[kind] = [f for f in facts[kind] if f.event in direct_events or _mentions(words[id(f)], topic)]
    linked = direct_events | {f.event for kind in ("attendees", "weapons") for f in result[kind] if f.event}
    result["events"] = [e for e in facts["events"] if e.id in linked]
    for kind in ("recommendations", "figures", "quotes"):
        result[kind] = [f for f in facts[kind] if _mentions(words[id(f)], topic) or _mentions(_evidence_text(f), topic)]
    return result


def _mentions(text: str, topic: str) -> bool:
    return f" {topic}" in f" {text}"


def _evidence_text(fact: Fact) -> str:
    return fold_key(" ".join(e.text for e in fact.evidence))


def _cites(fact: Fact, doc_ids: set[str]) -> bool:
    return any(e.doc in doc_ids for e in fact.evidence)


def _newest_first(events: Iterable[Event]) -> list[Event]:
    """Events by date, newest first; undated ones last."""
    return sorted(events, key=lambda e: e.date or "", reverse=True)


def list_events(store: Store) -> list[Event]:
    """Every known event, newest first."""
    return _newest_first(row.fact for row in store.facts()["events"] if isinstance(row.fact, Event))


def corpus_overview(store: Store, newest: int = 5) -> dict[str, Any]:
    """How many articles, the newest ones and the last ingest run."""
    index = store.document_index()
    return {"documents": len(index), "newest": list(index.values())[:newest], "last_run": store.last_run()}


def suggestions(store: Store, per_kind: int = 3) -> list[str]:
    """A few topics that do exist (places, people, weapons), for replies to queries that matched nothing."""
    facts = store.facts()
    picks: list[str] = []
    for kind, attr in (("events", "location"), ("attendees", "name"), ("weapons", "name")):
        values = [getattr(row.fact, attr) for row in facts[kind] if getattr(row.fact, attr)]
        picks.extend(list(dict.fromkeys(values))[:per_kind])
    return picks


def is_empty(brief: Brief) -> bool:
    """True when the brief holds no fact at all."""
    return not any(getattr(brief, kind) for kind in FACT_TYPES)
