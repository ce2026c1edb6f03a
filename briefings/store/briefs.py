"""The facts of a brief, filtered, ordered and cut in SQL: a brief reads only the rows it shows.

A filter narrows each kind by a condition on its rows. Conditions are built as functions of a table alias, because
one kind's filter refers to another's (an event's attendees; the events of the people who match a topic).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
    union,
)
from sqlalchemy.orm import Session, aliased

from briefings.serialize import FACT_TYPES, fact_from_dict
from briefings.store.citations import with_cited_evidence
from briefings.store.tables import FactRow, FactSourceRow


class Condition(Protocol):
    """A FactRow alias -> a condition on its rows. `probe`: the rows are found some other way (walking an order's
    index, or under a few events) and only tested against the condition, so a topic's matches are not walked."""

    def __call__(self, f: Any, probe: bool = False) -> Any: ...


LINKED = ("attendees", "weapons")  # kinds that belong to an event
ORDER: dict[
    str, Callable[[Any], tuple[Any, ...]]
] = {  # how each kind is listed: the first schema's merge order and the brief's ranking, as columns
    "events": lambda f: (f.sort_date.desc(), f.support.desc(), f.name, f.id),
    "attendees": lambda f: (f.tier, f.support.desc(), f.sort_date.desc(), f.name, f.id),
    "weapons": lambda f: (f.tier, f.support.desc(), f.name, f.id),
}


def DEFAULT_ORDER(f: Any) -> tuple[Any, ...]:
    return (f.tier, f.support.desc(), f.name, f.id)  # tier is 0 for these kinds: it lets ix_facts_order serve


def order_of(kind: str, f: Any, few: bool) -> tuple[Any, ...]:
    """The kind's order. `few`: the filter keeps few rows, so the database should find them by the filter's own
    index and sort them, not walk the order's index hoping to meet them (a quiet week would walk it all): the first
    term is written so that no index serves it (`tier + 0`), which leaves the choice to the filter."""
    terms = ORDER.get(kind, DEFAULT_ORDER)(f)
    if not few:
        return terms
    first = (f.sort_date.concat("")).desc() if kind == "events" else f.tier + 0
    return (first, *terms[1:])


@dataclass(frozen=True)
class FactFilter:
    """What a brief asks for; `topic` is folded already (briefings.serialize.fold_key)."""

    topic: str | None = None
    since: date | None = None
    event: str | None = None
    section: str | None = None
    new_after: datetime | None = None  # naive UTC
    document: str | None = None  # only facts citing this document


@dataclass(frozen=True)
class FactPage:
    """Facts of a brief by kind with their first-seen times, and how many match in all."""

    facts: dict[str, list[tuple[Any, datetime]]]
    totals: dict[str, int]  # every matching fact of each kind
    loose: dict[str, int]  # attendees and weapons not under a listed event (a brief lists those apart)
    cap: int = 0  # counts stop here ("1000+")


def select_facts(
    session: Session, wanted: FactFilter, limit: int | None, event_offset: int = 0, heads: bool = False
) -> FactPage:
    """The matching facts of every kind, ordered; with `limit`, at most that many per list, each listed event with
    at most that many of its own attendees and weapons, and at most that many others apart. `event_offset` skips
    that many events first (a page of a brief's events); the other lists and every count are the same on each page.
    `heads`: each fact cites only its first HEAD_CITATIONS pieces of evidence, as a cut brief shows it (read from
    the stored head, so a weapon cited by thousands of articles is not read whole)."""
    topic = TopicSearch(session, wanted.topic) if wanted.topic else None
    try:
        return _select_facts(session, wanted, limit, event_offset, heads, topic)
    finally:
        if topic is not None:
            topic.forget()


def _select_facts(
    session: Session,
    wanted: FactFilter,
    limit: int | None,
    event_offset: int,
    heads: bool,
    topic: TopicSearch | None,
) -> FactPage:
    conditions = _conditions(wanted, topic)
    kinds = [k for k in FACT_TYPES if wanted.section in (None, k)]
    facts: dict[str, list[tuple[Any, datetime]]] = {kind: [] for kind in FACT_TYPES}
    totals = {kind: 0 for kind in FACT_TYPES}
    loose = {kind: 0 for kind in LINKED}
    for kind in kinds:
        f = aliased(FactRow)
        where = _where(kind, f, conditions)
        totals[kind] = _count(session, f, where)
        if not totals[kind]:
            continue
        few = totals[kind] < COUNT_CAP  # counted to the end: few enough to gather and sort after filtering
        # many, for a page: walk the order's index and test each row until the page is full
        page = where if few or limit is None else _where(kind, f, conditions, probe=True)
        if kind not in LINKED:
            skip = event_offset if kind == "events" else 0
            facts[kind] = _rows(session, kind, f, heads, page, limit, few, skip)
            continue
        if limit is None:  # every fact: the brief itself sorts them under their events
            facts[kind] = _rows(session, kind, f, heads, where, None)
            loose[kind] = totals[kind]
            continue
        # a cut brief lists the shown events' own people and weapons under them, and the rest apart
        shown = [event.id for event, _seen in facts["events"]]
        elsewhere = or_(f.event_id.is_(None), f.event_id.not_in(shown))
        apart = and_(where, elsewhere) if shown else where
        listed = _rows(session, kind, f, heads, and_(page, elsewhere) if shown else page, limit, few)
        facts[kind] = listed + _per_event(session, kind, heads, conditions, shown, limit)
        loose[kind] = _count(session, f, apart) if len(listed) == limit else len(listed)  # fewer: that is all
    return FactPage(facts=facts, totals=totals, loose=loose, cap=COUNT_CAP)


def _conditions(wanted: FactFilter, topic: TopicSearch | None) -> dict[str, list[Condition]]:
    """Each kind's conditions, in the order the filters apply (a filter sees the events the ones before kept)."""
    conditions: dict[str, list[Condition]] = {kind: [_of_kind(kind)] for kind in FACT_TYPES}
    if wanted.new_after is not None:
        for kind in FACT_TYPES:
            conditions[kind].append(_seen_after(wanted.new_after))
    if wanted.since is not None:
        _since(conditions, wanted.since)
    if wanted.event is not None:
        _for_event(conditions, wanted.event)
    if topic is not None:
        _about(conditions, topic)
    if wanted.document is not None:
        for kind in FACT_TYPES:
            conditions[kind].append(_citing(wanted.document))
    return conditions


def _of_kind(kind: str) -> Condition:
    return lambda f, probe=False: f.kind == kind


def _citing(doc_id: str) -> Condition:
    return lambda f, probe=False: f.id.in_(select(FactSourceRow.fact_id).where(FactSourceRow.doc_id == doc_id))


def _seen_after(cutoff: datetime) -> Condition:
    return lambda f, probe=False: f.first_seen > cutoff


def _since(conditions: dict[str, list[Condition]], since: date) -> None:
    """Facts active since `since`: an event dated then or reported by an article published then, and the people,
    weapons and other facts of such events or of such articles (the `active` column holds the newest of those)."""
    for kind in FACT_TYPES:
        conditions[kind].append(lambda f, probe=False: f.active >= since)


def _for_event(conditions: dict[str, list[Condition]], event_id: str) -> None:
    """One event; its own attendees and weapons; the other facts its articles hold."""
    conditions["events"].append(lambda f, probe=False: f.key == event_id)
    events = _snapshot(conditions, "events")

    def cites_event_docs(f: Any, probe: bool = False) -> Any:
        e = aliased(FactRow)
        docs = select(FactSourceRow.doc_id).where(
            FactSourceRow.fact_id.in_(select(e.id).where(*(c(e) for c in events)))
        )
        return f.id.in_(select(FactSourceRow.fact_id).where(FactSourceRow.doc_id.in_(docs)))

    for kind in FACT_TYPES:
        if kind in LINKED:
            conditions[kind].append(lambda f, probe=False: f.event_id == event_id)
        elif kind != "events":
            conditions[kind].append(cites_event_docs)


def _about(conditions: dict[str, list[Condition]], topic: TopicSearch) -> None:
    """Facts that name the topic; an event's people and weapons when the event itself matches, and the events of
    the people and weapons that name it. A rare topic's matches are found first (by word index) and then ordered,
    so it costs what it finds, not a scan of the store; a common topic's page tests the rows it walks (probe)."""
    session = topic.session
    direct = [*_snapshot(conditions, "events"), _naming_own("events", topic)]
    named_events = _resolved(session, _ids_with(direct))
    others = {kind: _snapshot(conditions, kind) for kind in LINKED}
    for kind in LINKED:
        conditions[kind].append(_named_or_at(kind, named_events, topic))
    naming = {kind: [*others[kind], _naming_own(kind, topic)] for kind in LINKED}
    linked = {kind: _resolved(session, _event_ids_of(naming[kind])) for kind in LINKED}

    def named_or_linked(f: Any, probe: bool = False) -> Any:
        # people and weapons under a named event add no event: it is named already
        links = (_linked_by(f, kind, linked[kind], others[kind], topic) for kind in LINKED)
        return or_(f.key.in_(named_events), *links)

    conditions["events"].append(named_or_linked)
    for kind in ("recommendations", "figures", "quotes"):
        conditions[kind].append(_naming(kind, topic))


def _naming_own(kind: str, topic: TopicSearch) -> Condition:
    """Facts whose own words name the topic."""
    return lambda f, probe=False: _naming_words(f, kind, "search", topic, probe)


def _naming_words(f: Any, kind: str, field: str | None, topic: TopicSearch, probe: bool) -> Any:
    """`f`'s words name the topic. Found by the word index; or, probing, tested on the row itself: the database
    then tests each row it meets instead of gathering every match first (a common topic matches tens of thousands
    of rows, and a first page shows five)."""
    return _words_name(f, field, topic.topic, topic.dialect) if probe else f.id.in_(topic.matching_ids(kind, field))


def _resolved(session: Session, keys: Select[Any]) -> Any:
    """The keys a subquery gives, as a list when there are few (each statement of the brief then looks them up by
    index instead of running the subquery again), else the subquery itself."""
    found = list(session.scalars(keys.limit(RESOLVED_KEYS + 1)))
    return found if len(found) <= RESOLVED_KEYS else keys


RESOLVED_KEYS = (
    200  # a list of this many keys is cheaper to bind than a subquery to rerun; more, and binding costs more
)


def _named_or_at(kind: str, named_events: Any, topic: TopicSearch) -> Condition:
    """Attendees or weapons that name the topic or belong to an event that does."""

    def condition(f: Any, probe: bool = False) -> Any:
        if probe or not isinstance(named_events, list):  # rows met in order, or many named events: test each row
            return or_(f.event_id.in_(named_events), _naming_words(f, kind, "search", topic, probe))
        if not named_events:  # no event names it: the naming ones alone, looked up rather than gathered
            return f.id.in_(topic.matching_ids(kind, "search"))
        g = aliased(FactRow)  # a few named events: gather their rows and the naming ones first, then order them
        at_event = select(g.id).where(g.kind == kind, g.event_id.in_(named_events))
        return f.id.in_(union(at_event, topic.matching_ids(kind, "search")))

    return condition


def _naming(kind: str, topic: TopicSearch) -> Condition:
    """Facts whose own words or evidence name the topic."""
    return lambda f, probe=False: _naming_words(f, kind, None, topic, probe)


class TopicSearch:
    """A brief's topic and how it is looked up in the word index.

    Ids of facts whose folded words (`field`: their own, their evidence's, or None for either) hold the folded topic
    from a word's start, its last word as a prefix ("moscow sum" finds "... moscow summit ...") unless it is a
    number, which is matched whole ("hwasong 1" is not "hwasong 15"; a prefix of a number would also read the
    index entries of every date). SQLite answers from its FTS5 index, PostgreSQL from text-search vectors; another
    database scans with LIKE, meaning the same.

    On SQLite each kind's matches are gathered once per brief into a temporary table keyed by fact id: a brief's
    statements ask the same words five or six times, and each `IN (MATCH ...)` gathered every match again (a common
    surname names 150,000 attendees of a million-article store: ~40 ms a statement). A table keyed by id is
    looked up, not gathered. `forget` drops the tables (they live as long as the connection otherwise)."""

    def __init__(self, session: Session, topic: str, dialect: str | None = None) -> None:
        self.session = session
        self.topic = topic
        self.dialect = dialect or session.get_bind().dialect.name  # another name: the LIKE scan
        self._gathered: set[str] = set()

    def matching_ids(self, kind: str, field: str | None) -> Any:
        """A subquery of the ids of `kind` whose words (`field`, or None for either) name the topic."""
        if self.dialect != "sqlite":
            g = aliased(FactRow)
            return select(g.id).where(g.kind == kind, _words_name(g, field, self.topic, self.dialect))
        name = f"topic_{kind}_{field or 'any'}"
        if name not in self._gathered:
            self._gather(name, kind, field)
        return select(column("id", Integer)).select_from(table(name, column("id"), schema="temp"))

    def _gather(self, name: str, kind: str, field: str | None) -> None:
        words = self.topic.split()
        phrase = f'"{" ".join(words)}"' + ("" if words[-1].isdigit() else " *")  # the phrase, its last word a prefix
        where = f"{field} : {phrase}" if field else f"{{search evidence_search}} : {phrase}"
        value = f"kind : {kind} AND {where}"  # the kind is indexed too: only that kind's matches are read
        self.session.execute(text(f"DROP TABLE IF EXISTS temp.{name}"))  # left by a brief that failed midway
        self.session.execute(text(f"CREATE TEMP TABLE {name} (id INTEGER PRIMARY KEY)"))
        matching = f"INSERT INTO temp.{name} SELECT rowid FROM fact_words WHERE fact_words MATCH :words"
        self.session.execute(text(matching), {"words": value})
        self._gathered.add(name)

    def forget(self) -> None:
        """Drop the gathered matches."""
        for name in sorted(self._gathered):
            self.session.execute(text(f"DROP TABLE IF EXISTS temp.{name}"))
        self._gathered.clear()


def _words_name(f: Any, field: str | None, topic: str, dialect: str) -> Any:
    """The row's own folded words (`field`, or None for either) name the topic, as TopicSearch.matching_ids means it."""
    words = topic.split()
    fields = [field] if field else ["search", "evidence_search"]
    return or_(*(_words_match(f, name, words, words[-1].isdigit(), dialect) for name in fields))


def _words_match(g: Any, field: str, words: list[str], whole: bool, dialect: str) -> Any:
    if dialect == "postgresql":
        terms = " <-> ".join([*words[:-1], words[-1] if whole else f"{words[-1]}:*"])
        vector = func.to_tsvector(literal_column("'simple'::regconfig"), getattr(g, field))
        return vector.op("@@")(func.to_tsquery(literal_column("'simple'::regconfig"), terms))
    topic = " ".join(words)
    escaped = topic.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if whole:
        return (literal(" ") + getattr(g, field) + literal(" ")).like(f"% {escaped} %", escape="\\")
    return (literal(" ") + getattr(g, field)).like(f"% {escaped}%", escape="\\")


def _snapshot(conditions: dict[str, list[Condition]], kind: str) -> list[Condition]:
    return list(conditions[kind])


def _ids_with(conditions: list[Condition]) -> Select[Any]:
    """Keys of the events meeting `conditions`."""
    e = aliased(FactRow)
    return select(e.key).where(*(c(e) for c in conditions))


def _event_ids_of(conditions: list[Condition]) -> Select[Any]:
    f = aliased(FactRow)
    return select(f.event_id).where(*(c(f) for c in conditions), f.event_id.is_not(None)).distinct()


def _linked_by(event: Any, kind: str, event_ids: Any, conditions: list[Condition], topic: TopicSearch) -> Any:
    """The event has an attendee or weapon (`kind`) meeting `conditions` whose words name the topic; `event_ids`
    are the events of those, as a list when few. When they are many (a common topic names people at thousands of
    events), each event is asked in turn rather than every such event being gathered first (thousands of row
    lookups for each statement): its people's ids, read from the event's index entries, are tested against the
    word index's matches (`id + 0`: tested, never walked) before any of their rows is read."""
    if isinstance(event_ids, list):
        return event.key.in_(event_ids)
    g = aliased(FactRow)
    named = (g.id + 0).in_(topic.matching_ids(kind, "search"))
    return select(g.id).where(g.event_id == event.key, named, *(c(g, probe=True) for c in conditions)).exists()


def _where(kind: str, f: Any, conditions: dict[str, list[Condition]], probe: bool = False) -> ColumnElement[bool]:
    return and_(*(c(f, probe) for c in conditions[kind]))


def _payload(f: Any, heads: bool) -> Any:
    """The column holding a FactRow alias's payload: the head where there is one, for `heads` (a fact keeping its
    evidence as rows: its payload, which is its head; briefings.store.citations)."""
    return func.coalesce(f.head, f.payload) if heads else f.payload


def _rows(
    session: Session,
    kind: str,
    f: Any,
    heads: bool,
    where: ColumnElement[bool],
    limit: int | None,
    few: bool = False,
    offset: int = 0,
) -> list[tuple[Any, datetime]]:
    stmt = (
        select(_payload(f, heads), f.first_seen, f.id, f.evidence_rows).where(where).order_by(*order_of(kind, f, few))
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return _facts(session, kind, session.execute(stmt).all(), heads)


def _facts(session: Session, kind: str, rows: Sequence[Any], heads: bool) -> list[tuple[Any, datetime]]:
    """(payload, first seen, id, evidence as rows?) rows as facts with their first-seen times; without `heads`,
    citing every piece of their evidence (those keeping it as rows read it back)."""
    cited = {} if heads else with_cited_evidence(session, {i: p for p, _s, i, many in rows if many})
    return [(fact_from_dict(kind, cited.get(fact_id, payload)), seen) for payload, seen, fact_id, _many in rows]


def _per_event(
    session: Session,
    kind: str,
    heads: bool,
    conditions: dict[str, list[Condition]],
    event_ids: list[str],
    limit: int,
) -> list[tuple[Any, datetime]]:
    """At most `limit` of `kind` under each shown event, in the kind's order."""
    if not event_ids:
        return []
    f = aliased(FactRow)
    place = func.row_number().over(partition_by=f.event_id, order_by=ORDER.get(kind, DEFAULT_ORDER)(f))
    inner = (
        select(_payload(f, heads).label("payload"), f.first_seen, f.id, f.evidence_rows, place.label("place"))
        .where(_where(kind, f, conditions, probe=True), f.event_id.in_(event_ids))  # found by event, then tested
        .subquery()
    )
    stmt = select(inner.c.payload, inner.c.first_seen, inner.c.id, inner.c.evidence_rows)
    rows = session.execute(stmt.where(inner.c.place <= limit).order_by(inner.c.place)).all()
    return _facts(session, kind, rows, heads)


COUNT_CAP = 100  # a brief says "95+ more" beyond this: a chat needs no exact count, and counting costs a walk


def _count(session: Session, f: Any, where: ColumnElement[bool]) -> int:
    """How many rows match, counted up to COUNT_CAP."""
    capped = select(f.id).where(where).limit(COUNT_CAP).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0
