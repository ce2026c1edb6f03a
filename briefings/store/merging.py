"""Merging inside the store: each document's own facts are kept as mentions filed under their merge group, and only
the groups an added, changed or removed article touched are merged again (briefings.merge says what a group is).

Order of one merge: events first (an event's merged id can change when a dated report joins it), then the
attendees of the same groups and the weapons of every article whose events moved, then the other kinds. Events
and attendees merge by family (briefings.merge.event_families): a city's undated events join its only dated event
(when of the same kind).
Each group is merged from its members in (document id, place in the document) order, exactly as the full in-memory
merge does, so the result is the same.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session, aliased

from briefings.merge import (
    CITY,
    attendee_group,
    city_of,
    combine_evidence,
    dedupe_group,
    event_group,
    event_kinds,
    figure_group,
    fold_last,
    fold_weapons,
    joins_undated,
    merge_attendee_family,
    merge_event_family,
    merge_recommendation_group,
    merge_weapon_group,
    merged_evidence,
    quote_group,
    recommendation_group,
    undated_group,
    weapon_group,
    weapon_of,
)
from briefings.models import Attendee, DocFacts, Event, Evidence, Fact, Figure, Quote, Recommendation, Weapon
from briefings.ranking import attendee_sort_key, weapon_sort_key
from briefings.serialize import (
    fact_from_dict,
    fact_key,
    fact_to_dict,
    fold_key,
    json_default,
    plain,
    plain_evidence,
    search_text,
)
from briefings.store.citations import CHUNK, HEAD_CITATIONS, evidence_by_document, head_of
from briefings.store.tables import DirtyGroupRow, DocumentRow, FactRow, FactSourceRow, MentionRow

SIMPLE_KINDS = {  # kinds whose groups merge on their own: kind -> merge of one group's members
    "weapons": merge_weapon_group,
    "recommendations": merge_recommendation_group,
    "figures": dedupe_group,
    "quotes": dedupe_group,
}
EVIDENCE_SEARCHED = ("recommendations", "figures", "quotes")  # a topic also matches these by their sentences
FOLDED = ("weapons", "figures", "quotes")  # one merged fact per group, which new articles' mentions are folded into
ONE_FACT_GROUPS = (*FOLDED, "events")  # a group's one fact stays the same thing when its key changes


# --- mentions: one document's facts, filed by group ----------------------------------------------------------


def mention_rows(doc_id: str, facts: DocFacts) -> list[MentionRow]:
    """The rows of one (non-duplicate) document's own facts."""
    rows = []
    for ordinal, event in enumerate(facts.events):
        group = event_group(event, facts.events)
        rows.append(_mention(doc_id, "events", ordinal, group, event, local_id=event.id))
    for ordinal, attendee in enumerate(facts.attendees):
        group = attendee_group(attendee, facts.events)
        rows.append(_mention(doc_id, "attendees", ordinal, group, attendee, event_ref=attendee.event))
    for ordinal, weapon in enumerate(facts.weapons):
        rows.append(_mention(doc_id, "weapons", ordinal, weapon_group(weapon), weapon, event_ref=weapon.event))
    for ordinal, rec in enumerate(facts.recommendations):
        rows.append(_mention(doc_id, "recommendations", ordinal, recommendation_group(rec), rec))
    for ordinal, figure in enumerate(facts.figures):
        rows.append(_mention(doc_id, "figures", ordinal, figure_group(figure), figure))
    for ordinal, quote in enumerate(facts.quotes):
        rows.append(_mention(doc_id, "quotes", ordinal, quote_group(quote), quote))
    return rows


def _mention(doc_id: str, kind: str, ordinal: int, group: str, fact: Fact, **columns: Any) -> MentionRow:
    return MentionRow(doc_id=doc_id, kind=kind, ordinal=ordinal, group_key=group, payload=plain(fact), **columns)


def mark_dirty(session: Session, groups: Iterable[tuple[str, str]], anew: bool = False) -> None:
    """Queue merge groups for the next merge; `anew` for groups that lost mentions (merged from all members).

    Written without naming `anew` when it is false (the column's default), since the upgrades of revisions before
    it (0002) queue groups through this function too."""
    rows = [
        {"kind": kind, "group_key": group} | ({"anew": True} if anew else {}) for kind, group in sorted(set(groups))
    ]
    if rows:
        session.execute(insert(DirtyGroupRow), rows)


def groups_of_documents(session: Session, doc_ids: Sequence[str]) -> set[tuple[str, str]]:
    """The merge groups the given documents' mentions belong to (read before the documents go)."""
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(doc_ids):
        rows = session.execute(
            select(MentionRow.kind, MentionRow.group_key).where(MentionRow.doc_id.in_(chunk))
        )  # no DISTINCT: the set dedups, and a DISTINCT may lead the planner to walk the whole group index
        found.update((kind, group) for kind, group in rows)
    return found


def mark_everything_dirty(session: Session) -> None:
    """Queue every group: the next merge redoes all facts (a repair, or the first merge after an upgrade)."""
    session.execute(delete(DirtyGroupRow))
    rows = session.execute(select(MentionRow.kind, MentionRow.group_key).distinct())
    mark_dirty(session, ((kind, group) for kind, group in rows))


def forget_fold_states(session: Session) -> None:
    """Drop every fold state: a repair merges every group from all its members (and writes the states anew)."""
    session.execute(update(FactRow).where(FactRow.fold.is_not(None)).values(fold=None))


def has_dirty_groups(session: Session) -> bool:
    return session.scalar(select(DirtyGroupRow.id).limit(1)) is not None


# --- the merge -------------------------------------------------------------------------------------------


def merge_dirty(session: Session, now: datetime) -> int:
    """Merge again every queued group (and what depends on it); returns how many groups were redone."""
    queued = session.execute(
        select(DirtyGroupRow.id, DirtyGroupRow.kind, DirtyGroupRow.group_key, DirtyGroupRow.anew)
    ).all()
    if not queued:
        return 0
    dirty: dict[str, set[str]] = defaultdict(set)
    lost: dict[str, set[str]] = defaultdict(set)  # groups that lost mentions: never folded
    for _id, kind, group, anew in queued:
        dirty[kind].add(group)
        if anew:
            lost[kind].add(group)
    families = event_families_of(session, dirty["events"] | dirty["attendees"])  # before events are rewritten
    moved_docs = _merge_events(session, families, now)
    moved_weapons = _groups_of_kind(session, "weapons", moved_docs)  # their events' ids changed: merged anew
    dirty["weapons"] |= moved_weapons
    _merge_attendees(session, families, now)
    for kind, merge in SIMPLE_KINDS.items():
        merged_anew = lost[kind] | (moved_weapons if kind == "weapons" else set())
        _merge_simple(session, kind, sorted(dirty[kind]), merge, now, anew=merged_anew)
    session.execute(delete(DirtyGroupRow).where(DirtyGroupRow.id <= max(row[0] for row in queued)))
    session.execute(delete(FactRow).where(FactRow.group_key == ""))  # legacy rows left after a full merge
    return sum(len(groups) for groups in dirty.values())


def event_families_of(session: Session, groups: set[str]) -> list[tuple[str, ...]]:
    """The families of event groups to merge again for `groups` (briefings.merge.event_families), read from the store.

    A city's undated events join its only dated event, so a change in a city that has undated events also re-merges
    its undated group, the dated group they joined until now (the date of the undated group's stored fact) and the
    one they join now. Every other group is merged alone: a change elsewhere touches nothing else."""
    families: list[tuple[str, ...]] = []
    by_city: dict[str, set[str]] = defaultdict(set)
    for group in sorted(groups):
        city = city_of(group)
        if city is None:
            families.append((group,))
        else:
            by_city[city].add(group)
    for city, wanted in sorted(by_city.items()):
        undated = undated_group(city)
        partner = _joined_date(session, undated)
        has_undated = _has_events(session, undated)
        if not has_undated and partner is None and undated not in wanted:
            families.extend((group,) for group in sorted(wanted))
            continue
        wanted |= {undated} | ({f"{undated}|{partner}"} if partner else set())
        dated = _dated_groups(session, city, limit=2)
        joined = (
            has_undated  # kinds read only where the rule can join: a city with exactly one dated group
            and len(dated) == 1
            and joins_undated(dated, _kinds(session, undated), _kinds(session, dated[0]))
        )
        if joined:
            wanted.add(dated[0])
            families.append((dated[0], undated))
        families.extend((group,) for group in sorted(wanted) if not (joined and group in (dated[0], undated)))
    return families


def _joined_date(session: Session, undated: str) -> str | None:
    """The date of the stored event of a city's undated group: set when the group joined the city's dated event."""
    day = session.scalar(
        select(FactRow.sort_date).where(FactRow.kind == "events", FactRow.group_key == undated).limit(1)
    )
    return day or None


def _kinds(session: Session, group: str) -> frozenset[str]:
    """The kinds of event the stored mentions of a group name (briefings.merge.event_kinds)."""
    payloads = session.scalars(
        select(MentionRow.payload).where(MentionRow.kind == "events", MentionRow.group_key == group)
    )
    return frozenset(kind for payload in payloads for kind in event_kinds(payload.get("name") or ""))


def _has_events(session: Session, group: str) -> bool:
    found = select(MentionRow.id).where(MentionRow.kind == "events", MentionRow.group_key == group).limit(1)
    return session.scalar(found) is not None


def _dated_groups(session: Session, city: str, limit: int) -> list[str]:
    """The first `limit` dated groups of a city, each found by one seek in the group index ('city:x|' < key <
    'city:x}': '}' follows '|'), so a city with years of events costs no more than one with two."""
    found: list[str] = []
    low = f"{CITY}{city}|"
    while len(found) < limit:
        condition = MentionRow.group_key > found[-1] if found else MentionRow.group_key >= low
        group = session.scalar(
            select(MentionRow.group_key)
            .where(MentionRow.kind == "events", condition, MentionRow.group_key < f"{CITY}{city}}}")
            .order_by(MentionRow.group_key)
            .limit(1)
        )
        if group is None:
            break
        found.append(group)
    return found


def _merge_events(session: Session, families: list[tuple[str, ...]], now: datetime) -> set[str]:
    """Merge each family's events into its one event; returns the documents whose events now map to another
    merged event than before (not those merged for the first time)."""
    moved: set[str] = set()
    for chunk in _chunks(families):
        groups = [group for family in chunk for group in family]
        members: dict[str, list[tuple[str, Event]]] = defaultdict(list)
        current: dict[tuple[str, str], tuple[int, str | None]] = {}
        for sub in _chunks(groups):
            rows = session.execute(
                select(MentionRow.id, MentionRow.doc_id, MentionRow.group_key, MentionRow.merged_id, MentionRow.payload)
                .where(MentionRow.kind == "events", MentionRow.group_key.in_(sub))
                .order_by(MentionRow.doc_id, MentionRow.ordinal)
            )
            for mention_id, doc_id, group, merged_id, payload in rows:
                event = fact_from_dict("events", payload)
                assert isinstance(event, Event)
                members[group].append((doc_id, event))
                current[(doc_id, event.id)] = (mention_id, merged_id)
        results: list[tuple[str, Fact]] = []
        remapped: list[dict[str, Any]] = []
        for family in chunk:
            if not any(members.get(group) for group in family):
                continue
            event, sources = merge_event_family(family, members)
            results.append((family[-1], event))
            for source in sources:
                mention_id, old = current[source]
                if old != event.id:
                    remapped.append({"id": mention_id, "merged_id": event.id})
                    if old is not None:  # a new article's event is not a move: its weapons are new mentions
                        moved.add(source[0])
        if remapped:  # one UPDATE by primary key for all of them
            session.execute(update(MentionRow), remapped)
        follow_events(session, _write_facts(session, "events", groups, results, now))
    return moved


def _groups_of_kind(session: Session, kind: str, doc_ids: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(doc_ids)):
        rows = session.scalars(
            select(MentionRow.group_key).where(MentionRow.kind == kind, MentionRow.doc_id.in_(chunk))
        )  # no DISTINCT, as in groups_of_documents
        found.update(rows)
    return found


def _merge_attendees(session: Session, families: list[tuple[str, ...]], now: datetime) -> None:
    """The attendees of each family of event groups, merged together: one entry per person at its event."""
    for chunk in _chunks(families):
        groups = [group for family in chunk for group in family]
        label = {group: family[-1] for family in chunk for group in family}
        guests: dict[str, list[Attendee]] = defaultdict(list)
        rows = [row for sub in _chunks(groups) for row in _member_rows(session, "attendees", sub)]
        for _doc, _ordinal, group, fact, _id in sorted(rows, key=lambda row: row[:2]):
            assert isinstance(fact, Attendee)
            guests[label[group]].append(fact)
        results: list[tuple[str, Fact]] = [
            (key, merged) for key, family in guests.items() for _, merged in merge_attendee_family(family)
        ]
        _write_facts(session, "attendees", groups, results, now)


def _merge_simple(
    session: Session, kind: str, groups: list[str], merge: Any, now: datetime, anew: set[str] | None = None
) -> None:
    """Merge each group again: a folded kind's group that only gained new articles' mentions by folding them into
    its merged fact (briefings.merge: the same fact as merging all its members), every other group from all its
    members."""
    folded = {group for group in _foldable(session, kind, groups, anew or set()) if _fold(session, kind, group, now)}
    for chunk in _chunks([group for group in groups if group not in folded]):
        members: dict[str, list[tuple[int, str, int, Fact]]] = defaultdict(list)
        for doc, ordinal, group, fact, mention_id in _member_rows(session, kind, chunk):
            members[group].append((mention_id, doc, ordinal, fact))
        results = [
            (group, merged)
            for group in chunk
            for merged in (merge([m[3] for m in members[group]]) if members[group] else [])
        ]
        states = {group: _fold_state(kind, rows) for group, rows in members.items() if rows} if kind in FOLDED else {}
        _write_facts(session, kind, chunk, results, now, states)


def _fold_state(
    kind: str, rows: list[tuple[int, str, int, Fact]], state: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The fold state of a group's members (mention id, document, place, fact), with the newest mention id folded
    and how many mentions that is, so the next merge can tell new mentions from changed or removed ones."""
    if kind == "weapons":
        folded = fold_weapons(state, [((doc, ordinal), fact) for _id, doc, ordinal, fact in rows])  # type: ignore[misc]
    else:
        folded = fold_last(state, [(doc, ordinal) for _id, doc, ordinal, _fact in rows])
    upto = max([mention_id for mention_id, *_rest in rows] + [state["upto"] if state else 0])
    return {**folded, "upto": upto, "members": len(rows) + (state["members"] if state else 0)}


def _foldable(session: Session, kind: str, groups: list[str], anew: set[str]) -> list[str]:
    """The groups holding one merged fact with a fold state (not those to merge anew)."""
    if kind not in FOLDED:
        return []
    found: dict[str, int] = defaultdict(int)
    for chunk in _chunks([group for group in groups if group not in anew]):
        rows = session.execute(
            select(FactRow.group_key).where(
                FactRow.kind == kind, FactRow.group_key.in_(chunk), FactRow.fold.is_not(None)
            )
        )
        for (group,) in rows:
            found[group] += 1
    return sorted(group for group, count in found.items() if count == 1)


def _fold(session: Session, kind: str, group: str, now: datetime) -> bool:
    """Fold the new mentions of `group` into its merged fact; False (nothing written) unless the group only gained
    mentions of articles its fact does not cite yet: a changed or removed mention, or none new, is merged anew.
    A fact that keeps its evidence as rows is read and rewritten by its head (briefings.store.citations)."""
    row = session.execute(
        select(FactRow.id, FactRow.payload, FactRow.fold, FactRow.latest, FactRow.evidence_rows).where(
            FactRow.kind == kind, FactRow.group_key == group
        )
    ).one()
    fact_id, payload, state, old_latest, as_rows = row
    members = session.scalar(
        select(func.count()).where(
            MentionRow.kind == kind, MentionRow.group_key == group, MentionRow.id <= state["upto"]
        )
    )
    if members != state["members"]:
        return False
    new = _member_rows(session, kind, [group], after=state["upto"])
    new_docs = sorted({doc for doc, *_rest in new})
    if not new or _cites_any(session, fact_id, new_docs):
        return False
    old = fact_from_dict(kind, payload)
    rows = [(mention_id, doc, ordinal, fact) for doc, ordinal, _group, fact, mention_id in new]
    folded = _fold_state(kind, rows, state)
    added = combine_evidence(*(fact.evidence for *_rest, fact in rows))
    evidence = merged_evidence(old.evidence, added)  # kept as rows: the head's and the new pieces
    sources = payload["sources"] + len({e.doc for e in added})
    if isinstance(old, Weapon):
        fact: Fact = weapon_of(folded, evidence, sources)
    else:
        newest = max(rows, key=lambda r: (r[1], r[2]))
        base = newest[3] if [newest[1], newest[2]] == folded["last"] else old
        fact = replace(base, evidence=evidence)
    folding = _Folding(fact_id, folded, old_latest, new_docs, sources, added, bool(as_rows))
    _write_folded(session, kind, fact, folding)
    return True


def _cites_any(session: Session, fact_id: int, docs: list[str]) -> bool:
    """Whether the fact cites any of the documents already."""
    cited = select(FactSourceRow.doc_id).where(FactSourceRow.fact_id == fact_id, FactSourceRow.doc_id.in_(docs))
    return session.execute(cited.limit(1)).first() is not None


@dataclass(frozen=True)
class _Folding:
    """What a fold knows beside the folded fact: the fact's row, its new state, what the old articles gave."""

    fact_id: int
    state: dict[str, Any]
    old_latest: date | None  # the newest publication date of the articles it cited already
    new_docs: list[str]
    sources: int  # documents it cites now
    added: tuple[Evidence, ...]  # the new articles' evidence
    as_rows: bool  # its evidence was kept as rows already: the fact cites its head and `added`


def _write_folded(session: Session, kind: str, fact: Fact, folding: _Folding) -> None:
    """Rewrite one folded fact in place (first seen kept, even if its most common spelling changed its key) and
    link it to its new articles. Its digest marks it folded: the next full merge of it rewrites it once."""
    payload = {**fact_to_dict(fact), "sources": folding.sources}
    as_rows = folding.as_rows or _keeps_evidence_as_rows(kind, fact)
    dates = _event_dates(session, kind, [fact])
    published = _published(session, set(folding.new_docs))
    columns = _columns(kind, fact, payload, "", dates, published, as_rows)
    columns["support"] = folding.sources or 1
    columns["latest"] = _newest(folding.old_latest, columns["latest"])  # the older articles' newest date was kept
    columns["active"] = _newest(columns["latest"], columns["active"])
    if folding.as_rows and kind in EVIDENCE_SEARCHED:  # the old pieces' words are there already (in any order)
        new_words = fold_key(" ".join(e.text for e in folding.added))
        columns["evidence_search"] = func.trim(FactRow.evidence_search + literal(" " + new_words))
    # a fingerprint of the fold, not of the whole payload (a weapon's runs to megabytes): state, citations, dates
    columns["digest"] = _digest(folding.state, ["folded", str(folding.sources), str(columns["latest"])])
    fact_id = folding.fact_id
    session.execute(
        update(FactRow).where(FactRow.id == fact_id).values(key=fact_key(kind, fact), fold=folding.state, **columns)
    )
    if as_rows and not folding.as_rows:  # from now on as rows: every article's pieces, the old ones too
        session.execute(delete(FactSourceRow).where(FactSourceRow.fact_id == fact_id))
        cited = _cited_documents(fact, payload, as_rows=True)
    elif as_rows:
        added = evidence_by_document(plain_evidence(folding.added))
        cited = [(doc, added.get(doc, [])) for doc in folding.new_docs]
    else:
        cited = [(doc, None) for doc in folding.new_docs]
    session.execute(insert(FactSourceRow), [{"fact_id": fact_id, "doc_id": d, "evidence": e} for d, e in cited])


def _member_rows(
    session: Session, kind: str, groups: Sequence[str], after: int | None = None
) -> list[tuple[str, int, str, Fact, int]]:
    """Mentions of `groups` (newer than mention id `after`), in (document, ordinal) order, with their mention ids;
    attendees and weapons point at their merged event."""
    event = aliased(MentionRow)
    linked = kind in ("attendees", "weapons")
    merged_event = event.merged_id if linked else MentionRow.event_ref
    stmt = select(MentionRow.id, MentionRow.doc_id, MentionRow.ordinal, MentionRow.group_key, MentionRow.payload)
    stmt = stmt.add_columns(merged_event)
    if linked:
        stmt = stmt.outerjoin(
            event,
            and_(event.doc_id == MentionRow.doc_id, event.kind == "events", event.local_id == MentionRow.event_ref),
        )
    stmt = stmt.where(MentionRow.kind == kind, MentionRow.group_key.in_(groups))
    if after is not None:
        stmt = stmt.where(MentionRow.id > after)
    stmt = stmt.order_by(MentionRow.doc_id, MentionRow.ordinal)
    rows, seen = [], set()
    for mention_id, doc_id, ordinal, group, payload, merged in session.execute(stmt):
        if mention_id in seen:  # a document with two events of one id: the first wins, as in the full merge
            continue
        seen.add(mention_id)
        if linked and payload.get("event") and merged:
            payload = {**payload, "event": merged}
        rows.append((doc_id, ordinal, group, fact_from_dict(kind, payload), mention_id))
    return rows


# --- writing merged facts -------------------------------------------------------------------------------


def _write_facts(
    session: Session,
    kind: str,
    groups: Sequence[str],
    results: list[tuple[str, Fact]],
    now: datetime,
    states: dict[str, dict[str, Any]] | None = None,
) -> dict[str, date | None]:
    """Make the stored facts of `groups` equal `results`: unchanged rows stay, changed ones are rewritten (first
    seen kept), new ones inserted, gone ones deleted. A fact that moved group keeps its first-seen time.
    Returns the rewritten or new facts' keys with their `active` dates."""
    existing: dict[tuple[str, str], tuple[int, str, datetime]] = {}
    for chunk in _chunks(list(groups)):
        rows = session.execute(
            select(FactRow.id, FactRow.group_key, FactRow.key, FactRow.digest, FactRow.first_seen).where(
                FactRow.kind == kind, FactRow.group_key.in_(chunk)
            )
        )
        for fact_id, group, key, digest, seen in rows:
            existing[(group, key)] = (fact_id, digest, seen)
    keyed = _unique([(group, fact_key(kind, fact), fact) for group, fact in results])
    first_seen = {key: seen for (_g, key), (_i, _d, seen) in existing.items()}
    first_seen.update(_legacy_first_seen(session, kind, [key for _g, key, _f in keyed if key not in first_seen]))
    renamed = _renamed_first_seen(existing, keyed) if kind in ONE_FACT_GROUPS else {}
    dates = _event_dates(session, kind, [fact for _g, _k, fact in keyed])
    published = _published(session, {e.doc for _g, _k, fact in keyed for e in fact.evidence})
    kept: set[int] = set()
    written: dict[str, date | None] = {}
    new_rows: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    for group, key, fact in keyed:
        payload = fact_to_dict(fact)
        state = (states or {}).get(group)
        cited = sorted({str(published.get(e.doc)) for e in fact.evidence})
        as_rows = _keeps_evidence_as_rows(kind, fact)
        layout = ["evidence as rows"] if as_rows else []  # a store made before rows rewrites such facts once
        digest = _digest(payload, cited + ([json.dumps(state, sort_keys=True)] if state else []) + layout)
        old = existing.get((group, key))
        if old is not None and old[1] == digest:
            kept.add(old[0])
            continue
        columns = {**_columns(kind, fact, payload, digest, dates, published, as_rows), "fold": state}
        written[key] = columns["active"]
        docs = _cited_documents(fact, payload, as_rows)
        if old is None:
            first = first_seen.get(key) or renamed.get(group) or now
            new_rows.append(
                {"kind": kind, "group_key": group, "key": key, "first_seen": first, **columns, "_docs": docs}
            )
            continue
        kept.add(old[0])
        session.execute(update(FactRow).where(FactRow.id == old[0]).values(**columns))
        session.execute(delete(FactSourceRow).where(FactSourceRow.fact_id == old[0]))
        sources += [{"fact_id": old[0], "doc_id": doc, "evidence": evidence} for doc, evidence in docs]
    # INSERT ... RETURNING a chunk at a time, ids in the order the rows were given: SQLAlchemy joins the batches of
    # one call's results by copying them, which grows with the square of the rows (a full merge of a million
    # articles writes millions of attendees)
    for chunk in _chunks(new_rows):
        docs_of = [row.pop("_docs") for row in chunk]
        inserted = session.execute(insert(FactRow).returning(FactRow.id, sort_by_parameter_order=True), chunk)
        for fact_id, docs in zip(inserted.scalars().all(), docs_of, strict=True):
            sources += [{"fact_id": fact_id, "doc_id": doc, "evidence": evidence} for doc, evidence in docs]
    if sources:
        session.execute(insert(FactSourceRow), sources)
    gone = [fact_id for fact_id, _d, _s in existing.values() if fact_id not in kept]
    for chunk in _chunks(gone):
        session.execute(delete(FactSourceRow).where(FactSourceRow.fact_id.in_(chunk)))
        session.execute(delete(FactRow).where(FactRow.id.in_(chunk)))
    return written


def _keeps_evidence_as_rows(kind: str, fact: Fact) -> bool:
    """A folded fact citing more pieces of evidence than a cut brief shows keeps them as rows (store.citations)."""
    return kind in FOLDED and len(fact.evidence) > HEAD_CITATIONS


def _cited_documents(
    fact: Fact, payload: dict[str, Any], as_rows: bool
) -> list[tuple[str, list[dict[str, Any]] | None]]:
    """The documents a fact cites, each with its pieces of evidence where the fact keeps them as rows."""
    if as_rows:
        return sorted(evidence_by_document(payload["evidence"]).items())
    return [(doc, None) for doc in sorted({e.doc for e in fact.evidence})]


def _renamed_first_seen(
    existing: dict[tuple[str, str], tuple[int, str, datetime]], keyed: list[tuple[str, str, Fact]]
) -> dict[str, datetime]:
    """First-seen times of groups that held one fact and still hold one under another key (a weapon whose most
    common spelling changed): the same thing, so not news again in a digest."""
    before: dict[str, list[datetime]] = defaultdict(list)
    for (group, _key), (_id, _digest, seen) in existing.items():
        before[group].append(seen)
    after: dict[str, int] = defaultdict(int)
    for group, _key, _fact in keyed:
        after[group] += 1
    return {group: seen[0] for group, seen in before.items() if len(seen) == 1 and after.get(group) == 1}


def _unique(keyed: list[tuple[str, str, Fact]]) -> list[tuple[str, str, Fact]]:
    """One fact per (group, key): a second with the same key adds nothing (as the first schema stored it)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for group, key, fact in keyed:
        if (group, key) not in seen:
            seen.add((group, key))
            out.append((group, key, fact))
    return out


def _legacy_first_seen(session: Session, kind: str, keys: list[str]) -> dict[str, datetime]:
    """First-seen times of facts merged before groups existed (group_key ''), by key."""
    found: dict[str, datetime] = {}
    for chunk in _chunks(keys):
        rows = session.execute(
            select(FactRow.key, func.min(FactRow.first_seen))
            .where(FactRow.kind == kind, FactRow.key.in_(chunk))
            .group_by(FactRow.key)
        )
        found.update({key: seen for key, seen in rows})
    return found


def _event_dates(session: Session, kind: str, facts: list[Fact]) -> dict[str, tuple[str, date | None]]:
    """Date and `active` date of the merged events the facts belong to (already merged: events go first)."""
    if kind not in ("attendees", "weapons"):
        return {}
    ids = sorted({fact.event for fact in facts if isinstance(fact, (Attendee, Weapon)) and fact.event})
    dates: dict[str, tuple[str, date | None]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(FactRow.key, FactRow.sort_date, FactRow.active).where(
                FactRow.kind == "events", FactRow.key.in_(chunk)
            )
        )
        dates.update({key: (day, active) for key, day, active in rows})
    return dates


def follow_events(session: Session, events: dict[str, date | None]) -> None:
    """Carry rewritten events' `active` dates to their attendees and weapons (a person at an event reported
    today is news today, whichever article named them)."""
    for event_key, active in events.items():
        own = FactRow.latest
        value = case((and_(own.is_not(None), or_(literal(active).is_(None), own > active)), own), else_=literal(active))
        session.execute(
            update(FactRow)
            .where(FactRow.kind.in_(("attendees", "weapons")), FactRow.event_id == event_key)
            .values(active=value)
        )


def _published(session: Session, doc_ids: set[str]) -> dict[str, date]:
    """Publication dates of the given documents (those that have one)."""
    found: dict[str, date] = {}
    for chunk in _chunks(sorted(doc_ids)):
        rows = session.execute(
            select(DocumentRow.id, DocumentRow.published).where(
                DocumentRow.id.in_(chunk), DocumentRow.published.is_not(None)
            )
        )
        found.update({doc_id: day for doc_id, day in rows if day is not None})
    return found


def _columns(
    kind: str,
    fact: Fact,
    payload: dict[str, Any],
    digest: str,
    dates: dict[str, tuple[str, date | None]],
    published: dict[str, date],
    as_rows: bool = False,
) -> dict[str, Any]:
    """A fact's row but its key, group and first-seen time; `as_rows`: its payload cites its head only, its evidence
    is written to its fact_sources rows (briefings.store.citations)."""
    event = fact.id if isinstance(fact, Event) else getattr(fact, "event", None)
    days = [published[e.doc] for e in fact.evidence if e.doc in published]
    latest = max(days) if days else None
    if isinstance(fact, Event):
        day, active = fact.date or "", _newest(latest, _as_date(fact.date))
    else:
        day, event_active = dates.get(event or "", ("", None))
        active = _newest(latest, event_active)
    searched = kind in EVIDENCE_SEARCHED
    return {
        "payload": head_of(payload) if as_rows else payload,
        "head": None if as_rows else head_of(payload),
        "evidence_rows": as_rows,
        "digest": digest,
        "tier": tier(fact),
        "support": len({e.doc for e in fact.evidence}) or 1,
        "sort_date": day,
        "name": display_name(fact),
        "event_id": event,
        "latest": latest,
        "active": active,
        "search": search_text(fact),
        "evidence_search": fold_key(" ".join(e.text for e in fact.evidence)) if searched else "",
    }


def _newest(*days: date | None) -> date | None:
    present = [d for d in days if d is not None]
    return max(present) if present else None


def _as_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a partial date ("2025-09"): no day to compare
        return None


def tier(fact: Fact) -> int:
    """A kind's own order before support: named weapons shown before classes, attendees by status then office."""
    if isinstance(fact, Weapon):
        generic, context, _cited = weapon_sort_key(fact)
        return int(generic) * 10 + context
    if isinstance(fact, Attendee):
        status, office = attendee_sort_key(fact)
        return status * 10 + office
    return 0


def display_name(fact: Fact) -> str:
    if isinstance(fact, (Event, Attendee, Weapon)):
        return fact.name
    if isinstance(fact, Recommendation):
        return f"{fact.actor or ''} {fact.text}"
    if isinstance(fact, Figure):
        return f"{fact.value} {fact.what}"
    assert isinstance(fact, Quote)
    return f"{fact.speaker} {fact.text}"


def _digest(payload: dict[str, Any], published: list[str]) -> str:
    """A fingerprint of what a fact row holds: its payload and the publication dates of what it cites."""
    text = json.dumps([payload, published], sort_keys=True, default=json_default, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _chunks(items: Sequence[Any]) -> Iterator[list[Any]]:
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
