"""Answer a brief query from the store: filter merged facts, no NLP at query time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeAlias

from briefings.errors import QueryError
from briefings.models import Brief, Event
from briefings.serialize import FACT_TYPES, fold_key
from briefings.store import Store
from briefings.store.briefs import FactFilter

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


def build_brief(
    store: Store,
    query: BriefQuery | None = None,
    now: datetime | None = None,
    *,
    limit: int | None = None,
    event_offset: int = 0,
) -> Brief:
    """The brief for a query (or the whole corpus), from merged facts in the store.

    The database filters, orders and (with `limit`) cuts each list, so a brief reads only what it shows; the
    brief's `totals` then say how many matched in all. Without `limit` every matching fact is read.
    `event_offset` skips that many events first, so `limit=k, event_offset=n*k` is page n of the events."""
    query = query or BriefQuery()
    # a cut brief shows a few citations a fact (its confidence still counts them all), so it reads only those articles
    page = store.brief_facts(_fact_filter(query), limit, event_offset, heads=limit is not None)
    facts: FactLists = {kind: [fact for fact, _seen in rows] for kind, rows in page.facts.items()}
    cited = {e.doc for items in facts.values() for fact in items for e in fact.evidence}
    filtered = any(vars(query).values())
    if limit is None and not filtered:
        index = store.document_index()
        documents, known = tuple(index.values()), len(index)
    else:
        documents, known = tuple(store.documents_by_id(cited).values()), store.document_count()
    cited_known = cited & {d.id for d in documents}
    totals = None
    if limit is not None:
        totals = {**page.totals, **{f"{kind}_apart": n for kind, n in page.loose.items()}, "cap": page.cap}
    return Brief(
        generated_at=now or datetime.now(UTC),
        documents=documents,
        query=query.as_dict(),
        stats={"documents": known, "cited_documents": len(cited_known)},
        totals=totals,
        **_as_sections(facts),
    )


def _fact_filter(query: BriefQuery) -> FactFilter:
    new_after = query.new_after
    if new_after is not None and new_after.tzinfo:
        new_after = new_after.astimezone(UTC).replace(tzinfo=None)
    return FactFilter(
        topic=fold_key(query.topic) if query.topic else None,
        since=query.since,
        event=query.event,
        section=query.section,
        new_after=new_after,
        document=query.document,
    )


def _as_sections(facts: FactLists) -> dict[str, tuple[Any, ...]]:
    """The fact lists as a Brief's section fields."""
    return {kind: tuple(items) for kind, items in facts.items()}


def list_events(store: Store) -> list[Event]:
    """Every known event, newest first."""
    page = store.brief_facts(FactFilter(section="events"))
    return [fact for fact, _seen in page.facts["events"] if isinstance(fact, Event)]


@dataclass(frozen=True)
class EventsPage:
    """Some of the known events, newest first, and how many there are (`capped`: the store stopped counting)."""

    events: list[Event]
    total: int
    capped: bool


def events_page(store: Store, limit: int, offset: int = 0) -> EventsPage:
    """Events offset+1 .. offset+limit, newest first, read from the store alone (with every citation, for counts)."""
    page = store.brief_facts(FactFilter(section="events"), limit, offset)
    events = [fact for fact, _seen in page.facts["events"] if isinstance(fact, Event)]
    total = page.totals["events"]
    return EventsPage(events=events, total=total, capped=bool(page.cap) and total >= page.cap)


def corpus_overview(store: Store, newest: int = 5) -> dict[str, Any]:
    """How many articles, the newest ones and the last ingest run."""
    index = store.document_index()
    return {"documents": len(index), "newest": list(index.values())[:newest], "last_run": store.last_run()}


def suggestions(store: Store, per_kind: int = 3) -> list[str]:
    """A few topics that do exist (places, people, weapons), for replies to queries that matched nothing."""
    picks: list[str] = []
    for kind, attr in (("events", "location"), ("attendees", "name"), ("weapons", "name")):
        rows = store.brief_facts(FactFilter(section=kind), limit=20 * per_kind).facts[kind]
        values = [getattr(fact, attr) for fact, _seen in rows if getattr(fact, attr)]
        picks.extend(list(dict.fromkeys(values))[:per_kind])
    return picks


def is_empty(brief: Brief) -> bool:
    """True when the brief holds no fact at all."""
    return not any(getattr(brief, kind) for kind in FACT_TYPES)
