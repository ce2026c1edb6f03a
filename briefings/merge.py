"""Merge facts across articles: one entry per real thing, evidence combined, confidence from corroboration.

Pure Python over frozen dataclasses (no I/O), linear in the number of facts:
- events: same city and date, or same city with one date missing, an undated event joining its own article's
  event there or its city's only one (ids of attendees/weapons remapped);
- attendees: names folded (case, accents, hyphens), a bare surname joins the one full name it belongs to,
  one entry per person and event, status attended > expected > invited > declined;
- weapons: folded, singularised name; the most specific context (displayed > supplied > developed > mentioned);
- recommendations: same actor and near-identical text; figures and quotes: deduplicated.
Documents marked duplicate_of add nothing (no facts, no corroboration).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from briefings.models import Attendee, DocFacts, Document, Event, Evidence, Figure, Quote, Recommendation, Weapon
from briefings.normalize import fold, slug, weapon_key

STATUS_RANK = {"attended": 4, "expected": 3, "invited": 2, "declined": 1}
CONTEXT_RANK = {"displayed": 4, "supplied": 3, "developed": 2, "mentioned": 1}
NEAR_IDENTICAL = 0.8
NUMBER = re.compile(r"\d+")


def merge_facts(items: Iterable[tuple[Document, DocFacts]]) -> DocFacts:
    """One entry per real thing across the given articles, evidence combined and ordered by corroboration."""
    kept = [(document, facts) for document, facts in items if not document.duplicate_of]
    events, event_ids = merge_events(kept)
    dates = {e.id: e.date or "" for e in events}
    return DocFacts(
        events=events,
        attendees=merge_attendees(kept, event_ids, dates),
        weapons=merge_weapons(kept, event_ids),
        recommendations=merge_recommendations(kept),
        figures=_dedupe(kept, "figures", lambda f: (fold(f.value), fold(f.what))),
        quotes=_dedupe(kept, "quotes", lambda q: (fold(q.speaker), fold(q.text))),
    )


# --- keys and shared helpers -------------------------------------------------------------------------------


def confidence(documents: int) -> float:
    """0.5 for one article, 0.7 for two, 0.85 for three, creeping towards (never reaching) 1."""
    if documents <= 1:
        return 0.5
    if documents == 2:
        return 0.7
    return min(0.95, 0.85 + 0.02 * (documents - 3))


def combine_evidence(*groups: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """Evidence in order, one per document and sentence."""
    seen, out = set(), []
    for group in groups:
        for evidence in group:
            key = (evidence.doc, evidence.start, evidence.text if evidence.start is None else None)
            if key not in seen:
                seen.add(key)
                out.append(evidence)
    return tuple(out)


def _support(evidence: tuple[Evidence, ...]) -> int:
    return len({e.doc for e in evidence}) or 1


# --- events ------------------------------------------------------------------------------------------------


def merge_events(items: list[tuple[Document, DocFacts]]) -> tuple[tuple[Event, ...], dict[tuple[str, str], str]]:
    """Merged events, and (document id, old event id) -> merged event id."""
    clusters: list[list[tuple[str, Event]]] = []
    by_city: dict[str, list[int]] = defaultdict(list)
    by_date: dict[str, list[int]] = defaultdict(list)
    pending = sorted(
        ((d.id, e) for d, f in items for e in f.events),
        key=lambda pair: (pair[1].date is None, pair[1].location is None),
    )
    for doc_id, event in pending:
        index = _matching_cluster(event, doc_id, clusters, by_city, by_date)
        if index is None:
            index = len(clusters)
            clusters.append([])
        clusters[index].append((doc_id, event))
        if event.location:
            by_city[fold(event.location)].append(index)
        if event.date:
            by_date[event.date].append(index)
    merged, mapping = [], {}
    for cluster in clusters:
        event = _merged_event([e for _, e in cluster])
        merged.append(event)
        for doc_id, old in cluster:
            mapping[(doc_id, old.id)] = event.id
    merged.sort(key=lambda e: e.date or "", reverse=True)
    merged.sort(key=lambda e: _support(e.evidence), reverse=True)
    return tuple(merged), mapping


def _matching_cluster(event: Event, doc_id: str, clusters, by_city, by_date) -> int | None:
    """Same city and date; an undated event in its city's one fitting cluster; or same date where a city is missing."""
    city = fold(event.location) if event.location else None
    if city:
        candidates = by_city.get(city, [])
        if event.date:
            return next((i for i in candidates if _cluster_date(clusters[i]) in (None, event.date)), None)
        return _home_of_undated(doc_id, candidates, clusters)
    if event.date:
        for index in by_date.get(event.date, []):
            return index
    return None


def _home_of_undated(doc_id: str, candidates: list[int], clusters) -> int | None:
    """The cluster an undated event in a known city joins: one holding its own article's event there, else an
    undated one, else the city's only dated one. With several dated events in the city from other articles,
    which one it means is unknown, so it stays apart rather than borrow a date it may not have."""
    candidates = list(dict.fromkeys(candidates))
    own = [i for i in candidates if any(d == doc_id for d, _ in clusters[i])]
    undated = [i for i in candidates if _cluster_date(clusters[i]) is None]
    for group in (own, undated):
        if group:
            return group[0]
    return candidates[0] if len(candidates) == 1 else None


def _cluster_date(cluster: list[tuple[str, Event]]) -> str | None:
    return next((e.date for _, e in cluster if e.date), None)


def event_id(city: str | None, day: str | None, name: str = "event") -> str:
    """Stable id from city and date ("beijing-2025-09-03"); the name stands in when both are unknown."""
    parts = [slug(city)] if city else []
    parts += [day] if day else []
    return "-".join(parts) if parts else f"event-{slug(name)}"


def _merged_event(events: list[Event]) -> Event:
    city = next((e.location for e in events if e.location), None)
    day = next((e.date for e in events if e.date), None)
    name = max((e.name for e in events), key=_name_quality)
    evidence = combine_evidence(*(e.evidence for e in events))
    return Event(
        id=event_id(city, day, name),
        name=name,
        date=day,
        location=city,
        evidence=evidence,
        confidence=confidence(_support(evidence)),
    )


def _name_quality(name: str) -> tuple[bool, bool, int]:
    words = name.split()
    return ("marking" in words or "anniversary" in name.lower(), len(words) > 1, -abs(len(words) - 8))


# --- attendees ---------------------------------------------------------------------------------------------


def merge_attendees(items, event_ids: dict[tuple[str, str], str], dates: dict[str, str]) -> tuple[Attendee, ...]:
    """One entry per person and event; a bare name joins its full name; undated mentions join the person's event."""
    people: dict[str, list[Attendee]] = defaultdict(list)
    for document, facts in items:
        for attendee in facts.attendees:
            event = event_ids.get((document.id, attendee.event), attendee.event) if attendee.event else None
            people[fold(attendee.name)].append(replace(attendee, event=event))
    _fold_short_names(people)
    merged = []
    for entries in people.values():
        merged.extend(_merge_person(entries))
    merged.sort(key=lambda a: a.name.casefold())
    merged.sort(key=lambda a: dates.get(a.event or "", ""), reverse=True)
    merged.sort(key=lambda a: _support(a.evidence), reverse=True)
    return tuple(merged)


def _fold_short_names(people: dict[str, list[Attendee]]) -> None:
    """Move entries under a one-word name to the multi-word name whose first or last word it is."""
    owners: dict[str, list[str]] = defaultdict(list)
    for key in people:
        words = key.split()
        if len(words) >= 2:
            owners[words[0]].append(key)
            owners[words[-1]].append(key)
    for key in [k for k in people if len(k.split()) == 1]:
        candidates = set(owners.get(key, []))
        if candidates:
            target = max(candidates, key=lambda k: (_support(tuple(e for a in people[k] for e in a.evidence)), k))
            people[target].extend(people.pop(key))


def _merge_person(entries: list[Attendee]) -> list[Attendee]:
    name = max((a.name for a in entries), key=_spelling_quality)
    by_event: dict[str | None, list[Attendee]] = defaultdict(list)
    for attendee in entries:
        by_event[attendee.event].append(attendee)
    if None in by_event and len(by_event) > 1:
        best = max((k for k in by_event if k is not None), key=lambda k: len(by_event[k]))
        by_event[best].extend(by_event.pop(None))
    return [_merge_one(name, event, group) for event, group in by_event.items()]


def _spelling_quality(name: str) -> tuple[int, int, int]:
    return (len(name.split()), sum(not c.isascii() for c in name), "-" in name)


def _merge_one(name: str, event: str | None, group: list[Attendee]) -> Attendee:
    status = max((a.status for a in group), key=lambda s: STATUS_RANK.get(s, 0))
    evidence = combine_evidence(*(a.evidence for a in group))
    role = _most_common([a.role for a in group])
    country = _most_common([a.country for a in group])
    return Attendee(
        name=name,
        status=status,
        role=role,
        country=country,
        event=event,
        evidence=evidence,
        confidence=confidence(_support(evidence)),
    )


def _most_common(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    return max(present, key=lambda v: (present.count(v), len(v))) if present else None


# --- weapons, recommendations, figures, quotes ---------------------------------------------------------------


def merge_weapons(items, event_ids: dict[tuple[str, str], str]) -> tuple[Weapon, ...]:
    """One entry per weapon key, the most specific context, category and country kept."""
    groups: dict[str, list[Weapon]] = defaultdict(list)
    for document, facts in items:
        for weapon in facts.weapons:
            event = event_ids.get((document.id, weapon.event), weapon.event) if weapon.event else None
            groups[weapon_key(weapon.name)].append(replace(weapon, event=event))
    merged = []
    for group in groups.values():
        best = max(group, key=lambda w: CONTEXT_RANK.get(w.context, 0))
        evidence = combine_evidence(*(w.evidence for w in group))
        merged.append(
            replace(
                best,
                name=_most_common([w.name for w in group]) or best.name,
                category=best.category or _most_common([w.category for w in group]),
                country=best.country or _most_common([w.country for w in group]),
                event=best.event or next((w.event for w in group if w.event), None),
                evidence=evidence,
                confidence=confidence(_support(evidence)),
            )
        )
    merged.sort(key=lambda w: _support(w.evidence), reverse=True)
    return tuple(merged)


def merge_recommendations(items) -> tuple[Recommendation, ...]:
    """Same actor and near-identical text (word overlap >= 0.8, same numbers) make one recommendation."""
    buckets: dict[tuple, list[tuple[set[str], list[Recommendation]]]] = defaultdict(list)
    for _document, facts in items:
        for rec in facts.recommendations:
            text = fold(rec.text)
            words = set(text.split())
            bucket = buckets[(actor_key(rec.actor), tuple(NUMBER.findall(text)), _bucket(words))]
            group = next((g for w, g in bucket if w == words or _overlap(words, w) >= NEAR_IDENTICAL), None)
            if group is None:
                bucket.append((words, [rec]))
            else:
                group.append(rec)
    merged = [_merged_recommendation(group) for bucket in buckets.values() for _, group in bucket]
    merged.sort(key=lambda r: _support(r.evidence), reverse=True)
    return tuple(merged)


def actor_key(actor: str | None) -> str:
    """Folded actor without a leading article ("the United States" = "United States")."""
    return re.sub(r"^the ", "", fold(actor))


def _merged_recommendation(group: list[Recommendation]) -> Recommendation:
    longest = max(group, key=lambda r: len(r.text))
    evidence = combine_evidence(*(r.evidence for r in group))
    by = next((r.by for r in group if r.by), None)
    return replace(longest, by=by, evidence=evidence, confidence=confidence(_support(evidence)))


def _bucket(words: set[str]) -> str:
    """The three longest words: near-identical texts share them, so only those are compared."""
    return " ".join(sorted(sorted(words, key=lambda w: (-len(w), w))[:3]))


def _overlap(wa: set[str], wb: set[str]) -> float:
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def _dedupe(items, field: str, key) -> tuple:
    """Figures or quotes, one per key, evidence combined."""
    found: dict[tuple, Figure | Quote] = {}
    for _document, facts in items:
        for item in getattr(facts, field):
            k = key(item)
            found[k] = (
                replace(item, evidence=combine_evidence(found[k].evidence, item.evidence)) if k in found else item
            )
    values = list(found.values())
    values.sort(key=lambda x: _support(x.evidence), reverse=True)
    return tuple(values)
