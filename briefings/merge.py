"""Merge facts across articles: one entry per real thing, evidence combined, confidence from corroboration.

Pure Python over frozen dataclasses (no I/O), linear in the number of facts:
- events: same city and date, or same city with one date missing, an undated event joining its own article's
  event there or its city's only one when of the same kind (ids of attendees/weapons remapped);
- attendees: names folded (case, accents, hyphens), one entry per person and event, a bare surname joins the full
  name it belongs to at that event, status attended > expected > invited > declined;
- weapons: folded, singularised name; the most specific context (displayed > supplied > developed > mentioned);
- recommendations: same actor and near-identical text; figures and quotes: deduplicated.
Documents marked duplicate_of add nothing (no facts, no corroboration).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from briefings.models import Attendee, DocFacts, Document, Event, Evidence, Figure, Quote, Recommendation, Weapon
from briefings.nlp.knowledge import knowledge
from briefings.normalize import fold, slug, weapon_key

STATUS_RANK = {"attended": 4, "expected": 3, "invited": 2, "declined": 1}
CONTEXT_RANK = {"displayed": 4, "supplied": 3, "developed": 2, "mentioned": 1}
NEAR_IDENTICAL = 0.8
NUMBER = re.compile(r"\d+")


def merge_facts(items: Iterable[tuple[Document, DocFacts]]) -> DocFacts:
    """One entry per real thing across the given articles, evidence combined and ordered by corroboration.

    The reference merge: the store merges group by group (merge_groups), and a property test holds both equal."""
    kept = [(document.id, facts) for document, facts in items if not document.duplicate_of]
    grouped = merge_groups(kept)
    by_kind = {kind: [fact for _group, fact in grouped[kind]] for kind in MERGED_KINDS}
    by_kind["events"].sort(key=lambda e: e.date or "", reverse=True)
    for kind in MERGED_KINDS:
        by_kind[kind].sort(key=lambda f: _support(f.evidence), reverse=True)
    return DocFacts(**{kind: tuple(facts) for kind, facts in by_kind.items()})


MERGED_KINDS = ("events", "attendees", "weapons", "recommendations", "figures", "quotes")
Grouped = dict[str, list[tuple[str, Any]]]  # kind -> (merge group key, merged fact)


def merge_groups(docs: list[tuple[str, DocFacts]]) -> Grouped:
    """Every kind merged group by group, each merged fact paired with the key of the group (or family of groups) it
    came from.

    A group's result depends only on its own members (taken in document-id order), and a city's undated events on
    how many dated groups the city has: that is what lets the store re-merge only the groups an added or removed
    article touches."""
    docs = sorted(docs, key=lambda pair: pair[0])
    event_members: dict[str, list[tuple[str, Event]]] = defaultdict(list)
    guests: dict[str, list[Attendee]] = defaultdict(list)
    for doc_id, facts in docs:
        for event in facts.events:
            event_members[event_group(event, facts.events)].append((doc_id, event))
    families = event_families(event_members, {g: group_kinds(e for _, e in m) for g, m in event_members.items()})
    label = {group: family[-1] for family in families for group in family}
    out: Grouped = {kind: [] for kind in MERGED_KINDS}
    mapping: dict[tuple[str, str], str] = {}
    for family in families:
        event, sources = merge_event_family(family, event_members)
        out["events"].append((family[-1], event))
        mapping.update(dict.fromkeys(sources, event.id))
    for doc_id, facts in docs:
        for attendee in facts.attendees:
            group = attendee_group(attendee, facts.events)
            merged = _with_event(attendee, mapping.get((doc_id, attendee.event or ""), attendee.event))
            guests[label.get(group, group)].append(merged)
    out["attendees"] = [(key, merged) for key, family in guests.items() for _, merged in merge_attendee_family(family)]
    arms = [
        (doc_id, _with_event(w, mapping.get((doc_id, w.event or ""), w.event))) for doc_id, f in docs for w in f.weapons
    ]
    out["weapons"] = _merge_by_group([w for _, w in arms], weapon_group, merge_weapon_group)
    out["recommendations"] = _merge_by_group(
        [r for _, f in docs for r in f.recommendations], recommendation_group, merge_recommendation_group
    )
    out["figures"] = _merge_by_group([x for _, f in docs for x in f.figures], figure_group, dedupe_group)
    out["quotes"] = _merge_by_group([x for _, f in docs for x in f.quotes], quote_group, dedupe_group)
    return out


def _with_event(fact: Any, event: str | None) -> Any:
    return replace(fact, event=event) if fact.event else fact


def _merge_by_group(facts: list[Any], group_of: Callable[[Any], str], merge: Callable[[list[Any]], list[Any]]):
    groups: dict[str, list[Any]] = defaultdict(list)
    for fact in facts:
        groups[group_of(fact)].append(fact)
    return [(group, merged) for group, members in groups.items() for merged in merge(members)]


# --- group keys: which facts can merge with which ------------------------------------------------------------


def event_group(event: Event, own_events: Iterable[Event]) -> str:
    """Events merge by city and date ("city:beijing|2025-09-03"). An undated event joins its own article's dated
    event in that city, else its city's undated group ("city:beijing"); a city-less dated event joins its own
    article's event in a city that day, else the other city-less events of that date; a city-less undated one, the
    events of the same name. A group holds one event, so it does not grow with the store, only with the reports of
    one event (a city's undated group is the exception: see event_families)."""
    own = list(own_events)
    if event.location:
        city = fold(event.location)
        day = event.date or next((e.date for e in own if e.date and e.location and fold(e.location) == city), None)
        return f"{CITY}{city}|{day}" if day else CITY + city
    if event.date:
        home = next((e.location for e in own if e.location and e.date == event.date), None)
        return f"{CITY}{fold(home)}|{event.date}" if home else "date:" + event.date
    return "name:" + event_id(None, None, event.name)


CITY = "city:"


def city_of(group: str) -> str | None:
    """The folded city of a city group ("city:beijing|2025-09-03" -> "beijing"), None for other groups."""
    return group[len(CITY) :].split("|")[0] if group.startswith(CITY) else None


def undated_group(city: str) -> str:
    return CITY + city


def joins_undated(dated_groups: Iterable[str], undated_kinds: frozenset[str], dated_kinds: frozenset[str]) -> bool:
    """A city's undated events join its dated event when it has exactly one (which one they mean is then known)
    and it is of the same kind: an undated state funeral is not the dated parade rehearsal in the same city."""
    return len(list(dated_groups)) == 1 and kinds_meet(undated_kinds, dated_kinds)


GENERIC_KINDS = frozenset({"occasion", "ceremony"})  # "the ceremony", "the event": any kind of event may be meant
SPLIT_KINDS = frozenset({"ceremony"})  # a type whose terms are kinds of their own (a funeral, a coronation)


def event_kinds(name: str) -> frozenset[str]:
    """The specific kinds of event a merged event's name tells ("Mr X's state funeral" -> funeral, "Victory Day
    parade" -> parade); none for a generic name ("Ceremony", "Event")."""
    types = knowledge().event_type
    words = re.findall(r"\w[\w-]*", name.casefold())
    terms = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words
    kinds = set()
    for term in terms:
        kind = types.get(term) or types.get(term.removesuffix("s"))
        if kind in SPLIT_KINDS:
            kind = term.removesuffix("s")
        if kind is not None and kind not in GENERIC_KINDS:
            kinds.add(kind)
    return frozenset(kinds)


def group_kinds(events: Iterable[Event]) -> frozenset[str]:
    """Every specific kind the events of one group name."""
    return frozenset(kind for event in events for kind in event_kinds(event.name))


def kinds_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two groups may be one event unless each names a specific kind and they share none."""
    return not a or not b or bool(a & b)


def event_families(groups: Iterable[str], kinds: dict[str, frozenset[str]] | None = None) -> list[tuple[str, ...]]:
    """The groups merged together, given every group that has events (and the kinds of event each names): a city's
    undated group with its only dated group when their kinds meet (the undated one last: it is the family's key),
    every other group alone."""
    kinds = kinds or {}
    present = sorted(set(groups))
    dated: dict[str, list[str]] = defaultdict(list)
    families: list[tuple[str, ...]] = []
    for group in present:
        city = city_of(group)
        if city is None:
            families.append((group,))
        elif group != undated_group(city):
            dated[city].append(group)
    joined = {
        city
        for city, days in dated.items()
        if undated_group(city) in present
        and joins_undated(days, kinds.get(undated_group(city), frozenset()), kinds.get(days[0], frozenset()))
    }
    for city, days in dated.items():
        families.extend([(days[0], undated_group(city))] if city in joined else [(group,) for group in days])
    families.extend(
        (group,)
        for group in present
        if (city := city_of(group)) and group == undated_group(city) and city not in joined
    )
    return families


def attendee_group(attendee: Attendee, own_events: Iterable[Event]) -> str:
    """Attendees merge within the group of their event: one person at one event. Without an event of its article,
    by the event it names ("event:x") or, with none, by person."""
    own = list(own_events)
    event = next((e for e in own if e.id == attendee.event), None) if attendee.event else None
    if event is not None:
        return event_group(event, own)
    return f"event:{attendee.event}" if attendee.event else "person:" + person_key(attendee.name)


def person_key(name: str) -> str:
    """The key attendees merge by: the folded name ("Kim Jong-Un" -> "kim jong un")."""
    return fold(name)


def weapon_group(weapon: Weapon) -> str:
    """Weapons merge by their catalogue name where they have one ("Apache" and "AH-64 Apache" are one system)."""
    return weapon_key(weapon.key or weapon.name)


def recommendation_group(rec: Recommendation) -> str:
    text = fold(rec.text)
    return "|".join((actor_key(rec.actor), " ".join(NUMBER.findall(text)), _bucket(set(text.split()))))


def figure_group(figure: Figure) -> str:
    return f"{fold(figure.value)}|{fold(figure.what)}"


def quote_group(quote: Quote) -> str:
    return f"{fold(quote.speaker)}|{fold(quote.text)}"


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


def merge_event_family(
    family: tuple[str, ...], members: dict[str, list[tuple[str, Event]]]
) -> tuple[Event, list[tuple[str, str]]]:
    """The one event of a family of groups (briefings.merge.event_families), from their members ((document id,
    event) pairs, each group's in document order): with the (document id, own event id) pairs it took in. Dated
    events lead, so the merged event takes their date and city; otherwise document order (both sorts are stable)."""
    together = sorted((member for group in family for member in members.get(group, [])), key=lambda pair: pair[0])
    ordered = sorted(together, key=lambda pair: (pair[1].date is None, pair[1].location is None))
    return _merged_event([e for _, e in ordered]), [(d, e.id) for d, e in ordered]


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


def merge_attendee_family(attendees: list[Attendee]) -> list[tuple[str, Attendee]]:
    """One entry per person and event, each with the person key it was merged under; a bare name joins its full
    name. The input must hold every name a bare name could join (store: attendee_family)."""
    people: dict[str, list[Attendee]] = defaultdict(list)
    for attendee in attendees:
        people[person_key(attendee.name)].append(attendee)
    _fold_short_names(people)
    return [(key, merged) for key, entries in people.items() for merged in _merge_person(entries)]


def _fold_short_names(people: dict[str, list[Attendee]]) -> None:
    """Move entries under a one-word name to the multi-word name whose first or last word it is."""
    owners: dict[str, list[str]] = defaultdict(list)
    for key in people:
        words = key.split()
        if len(words) >= 2:
            owners[words[0]].append(key)
            owners[words[-1]].append(key)
    support = {key: len({e.doc for a in entries for e in a.evidence}) for key, entries in people.items()}
    for key in [k for k in people if len(k.split()) == 1]:
        candidates = set(owners.get(key, []))
        if candidates:  # the most cited full name, counted before any bare name joined it
            target = max(candidates, key=lambda k: (support[k], k))
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
    """The most frequent value, the longer on a tie, the first seen on a tie of both (counted once: a weapon of a
    big store has thousands of mentions)."""
    counts = Counter(v for v in values if v)
    return max(counts, key=lambda v: (counts[v], len(v))) if counts else None


# --- weapons, recommendations, figures, quotes ---------------------------------------------------------------


def merge_weapon_group(group: list[Weapon]) -> list[Weapon]:
    """One weapon key's mentions as one entry: the most specific context, category and country kept."""
    state = fold_weapons(None, [((i,), weapon) for i, weapon in enumerate(group)])  # list order is the order
    return [weapon_of(state, combine_evidence(*(w.evidence for w in group)))]


# --- folding: a big group's merged fact plus its new members, without reading its old members again ------------
#
# A weapon cited by thousands of articles is one merged fact; merging it again from all its mentions at every
# refresh costs what the store holds. Its merge is a fold over its members in order, so the store keeps the fold's
# state (a few counts and the best member so far) beside the fact and adds new articles' mentions to it. A state
# holds member positions, (document id, place in the document) as a list: the order the full merge takes them in.


def fold_weapons(state: dict[str, Any] | None, members: Iterable[tuple[Any, Weapon]]) -> dict[str, Any]:
    """The state of merge_weapon_group over the members so far plus `members` ((position, weapon) pairs, in any
    order): the best member (most specific context, the earliest on a tie), each name's, category's and country's
    count and first position, the earliest event."""
    state = state or {"best": None, "names": {}, "categories": {}, "countries": {}, "first_event": None}
    for position, weapon in members:
        place = list(position)
        _count(state["names"], weapon.name, place)
        state["key"] = state.get("key") or weapon.key
        if weapon.category:
            _count(state["categories"], weapon.category, place)
        if weapon.country:
            _count(state["countries"], weapon.country, place)
        if weapon.event and (state["first_event"] is None or place < state["first_event"][0]):
            state["first_event"] = [place, weapon.event]
        rank, best = CONTEXT_RANK.get(weapon.context, 0), state["best"]
        if best is None or rank > best["rank"] or (rank == best["rank"] and place < best["place"]):
            state["best"] = {"place": place, "rank": rank, "context": str(weapon.context), "category": weapon.category}
            state["best"] |= {"country": weapon.country, "event": weapon.event}
    return state


def weapon_of(state: dict[str, Any], evidence: tuple[Evidence, ...], sources: int | None = None) -> Weapon:
    """The merged weapon a fold state describes, citing `evidence` (the first few of `sources` documents', where
    the store keeps the rest apart: briefings.store.citations)."""
    best, first_event = state["best"], state["first_event"]
    return Weapon(
        name=_most_counted(state["names"]) or "",
        context=best["context"],
        category=best["category"] or _most_counted(state["categories"]),
        country=best["country"] or _most_counted(state["countries"]),
        event=best["event"] or (first_event[1] if first_event else None),
        evidence=evidence,
        confidence=confidence(sources or _support(evidence)),
        key=state.get("key"),
    )


def _count(counts: dict[str, list[Any]], value: str, place: list[Any]) -> None:
    entry = counts.setdefault(value, [0, place])
    entry[0] += 1
    entry[1] = min(entry[1], place)


def _most_counted(counts: dict[str, list[Any]]) -> str | None:
    """As _most_common: the most frequent, the longer on a tie, the first seen on a tie of both."""
    return min(counts, key=lambda v: (-counts[v][0], -len(v), counts[v][1])) if counts else None


def fold_last(state: dict[str, Any] | None, places: Iterable[Any]) -> dict[str, Any]:
    """dedupe_group's state: the position of the last member, whose spelling the merged fact keeps."""
    last = max([list(place) for place in places] + ([state["last"]] if state else []))
    return {"last": last}


def merged_evidence(old: tuple[Evidence, ...], new: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """A merged fact's evidence with new articles' evidence in document order (the articles are new to the fact)."""
    return tuple(sorted(old + new, key=lambda e: e.doc))  # stable: each article's own order kept


def merge_recommendation_group(bucket: list[Recommendation]) -> list[Recommendation]:
    """Within one bucket (same actor, numbers and longest words), near-identical texts (word overlap >= 0.8) merge."""
    groups: list[tuple[set[str], list[Recommendation]]] = []
    for rec in bucket:
        words = set(fold(rec.text).split())
        group = next((g for w, g in groups if w == words or _overlap(words, w) >= NEAR_IDENTICAL), None)
        if group is None:
            groups.append((words, [rec]))
        else:
            group.append(rec)
    return [_merged_recommendation(group) for _, group in groups]


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


def dedupe_group(group: list[Any]) -> list[Any]:
    """Figures or quotes with one key: the last spelling, with every mention's evidence."""
    return [replace(group[-1], evidence=combine_evidence(*(item.evidence for item in group)))]
