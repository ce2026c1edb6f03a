"""The store merges only the groups an added, changed or removed article touches; whatever the sequence of changes,
its facts are exactly those of merging every article at once (briefings.merge.merge_facts)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from briefings.merge import merge_facts
from briefings.models import (
    Attendee,
    AttendeeStatus,
    DocFacts,
    Document,
    Event,
    Evidence,
    Figure,
    Quote,
    Recommendation,
    Weapon,
    WeaponContext,
)
from briefings.query import build_brief
from briefings.serialize import FACT_TYPES, fact_from_dict, fact_key, fact_to_dict, json_default
from briefings.store import Store
from briefings.store.citations import HEAD_CITATIONS
from briefings.store.database import FileState, StoredDocument

# a small world, so that articles often share cities, dates, names and weapons and their facts must merge
CITIES = ["Beijing", "Moscow", None]
DATES = ["2025-09-03", "2025-05-09", "2024-10-01", None]  # three: a city can go from one date to three
NAMES = ["Xi Jinping", "Xi", "Jinping Xi", "Kim Jong Un", "Kim", "Vladimir Putin", "Putin", "Kim Yo Jong"]
WEAPONS = ["DF-5C", "DF-5Cs", "Hwasong-19", "drones", "Drone"]
STATUSES = list(AttendeeStatus)
CONTEXTS = list(WeaponContext)
ACTORS = ["NATO", "the United States", "United States", None]
TEXTS = ["raise defence spending to 3 percent", "raise defence spending to 3 percent now", "talk to Pyongyang"]


@st.composite
def article_facts(draw: st.DrawFn, doc_id: str) -> DocFacts:
    """One article's own facts, drawn from the small world."""

    def evidence(text: str) -> tuple[Evidence, ...]:
        start = draw(st.integers(0, 3)) * 50
        return (Evidence(doc=doc_id, text=text, start=start, end=start + 40),)

    events = []
    for n in range(draw(st.integers(0, 2))):
        city, day = draw(st.sampled_from(CITIES)), draw(st.sampled_from(DATES))
        name = draw(st.sampled_from(["Military parade", "Summit", "Victory Day parade", "Ceremony", "State funeral"]))
        events.append(Event(id=f"e{n}", name=name, date=day, location=city, evidence=evidence(f"{name} held.")))
    refs = [e.id for e in events] + [None]
    attendees = [
        Attendee(
            name=draw(st.sampled_from(NAMES)),
            status=draw(st.sampled_from(STATUSES)),
            role=draw(st.sampled_from([None, "President", "Leader"])),
            country=draw(st.sampled_from([None, "China", "Russia"])),
            event=draw(st.sampled_from(refs)),
            evidence=evidence("They were there."),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    weapons = [
        Weapon(
            name=draw(st.sampled_from(WEAPONS)),
            context=draw(st.sampled_from(CONTEXTS)),
            category=draw(st.sampled_from([None, "missile"])),
            event=draw(st.sampled_from(refs)),
            evidence=evidence("It rolled past."),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    recommendations = [
        Recommendation(
            actor=draw(st.sampled_from(ACTORS)), text=draw(st.sampled_from(TEXTS)), evidence=evidence("It should.")
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    figures = [Figure(value=draw(st.sampled_from(["50", "12,000"])), what="troops", evidence=evidence("Many."))]
    quotes = [Quote(speaker=draw(st.sampled_from(NAMES)), text="We stand ready.", evidence=evidence("Said."))]
    return DocFacts(
        events=tuple(events),
        attendees=tuple(attendees),
        weapons=tuple(weapons),
        recommendations=tuple(recommendations),
        figures=tuple(figures[: draw(st.integers(0, 1))]),
        quotes=tuple(quotes[: draw(st.integers(0, 1))]),
    )


ARTICLES = 5  # article slots: an operation adds, rewrites or removes one


@st.composite
def operations(draw: st.DrawFn) -> list[tuple[int, DocFacts | None, bool]]:
    """(article slot, its new facts or None to remove it, merge now?) steps."""
    steps = []
    for _ in range(draw(st.integers(1, 8))):
        slot = draw(st.integers(0, ARTICLES - 1))
        facts = None if draw(st.integers(0, 3)) == 0 else draw(article_facts(f"doc-{slot}"))
        steps.append((slot, facts, draw(st.booleans())))
    return steps


def document(slot: int) -> Document:
    return Document(
        id=f"doc-{slot}", path=f"/c/{slot}.txt", title=None, text="", content_hash=str(slot), published=date(2025, 9, 4)
    )


def stored_facts(store: Store) -> set[tuple[str, str, str]]:
    return {
        (kind, fact_key(kind, row.fact), canonical(row.fact)) for kind, rows in store.facts().items() for row in rows
    }


def reference_facts(articles: dict[int, DocFacts]) -> set[tuple[str, str, str]]:
    merged = merge_facts((document(slot), facts) for slot, facts in articles.items())
    return {(kind, fact_key(kind, fact), canonical(fact)) for kind in FACT_TYPES for fact in getattr(merged, kind)}


def canonical(fact: object) -> str:
    return json.dumps(fact_to_dict(fact), sort_keys=True, default=json_default)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations())
def test_any_sequence_of_changes_merges_to_the_facts_of_a_full_merge(steps):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'store.sqlite3'}")
        articles: dict[int, DocFacts] = {}
        for slot, facts, merge_now in steps:
            if facts is None:
                store.remove_files([f"/c/{slot}.txt"])
                articles.pop(slot, None)
            else:
                store.save_file(
                    f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)]
                )
                articles[slot] = facts
            if merge_now:
                store.merge()
        store.merge()
        assert not store.facts_are_stale()
        assert stored_facts(store) == reference_facts(articles)
        store.rebuild_facts()
        assert stored_facts(store) == reference_facts(articles), "a rebuild gives the same facts"
        store.close()


def test_adding_an_article_re_merges_only_the_groups_it_touches(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    for slot, city in enumerate(["Beijing", "Moscow", "Hanoi"]):
        event = Event(
            id="e0", name="Parade", date="2025-09-03", location=city, evidence=(Evidence(f"doc-{slot}", "x"),)
        )
        facts = DocFacts(
            events=(event,), weapons=(Weapon(name=f"W-{slot}", context=WeaponContext.DISPLAYED, event="e0"),)
        )
        store.save_file(f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)])
    assert store.merge() == 6  # three city groups and three weapons
    seen = {row.fact.id: row.first_seen for row in store.facts()["events"]}
    extra = Event(id="e0", name="Parade", date="2025-09-03", location="Hanoi", evidence=(Evidence("doc-3", "y"),))
    facts = DocFacts(events=(extra,), weapons=(Weapon(name="W-2", context=WeaponContext.DISPLAYED, event="e0"),))
    store.save_file("/c/3.txt", FileState("3", 0.0, 0), [StoredDocument(document(3), [], facts)])
    assert store.merge() == 2, "only Hanoi's events and W-2 are merged again"
    events = {row.fact.id: row for row in store.facts()["events"]}
    assert len({e.doc for e in events["hanoi-2025-09-03"].fact.evidence}) == 2
    assert {k: row.first_seen for k, row in events.items()} == seen, "first-seen times survive a re-merge"
    store.close()


def test_people_follow_their_event_when_a_later_report_dates_it(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    undated = Event(id="e0", name="Parade", date=None, location="Beijing", evidence=(Evidence("doc-0", "x"),))
    guest = Attendee(name="Kim Jong Un", status=AttendeeStatus.ATTENDED, event="e0", evidence=(Evidence("doc-0", "x"),))
    store.save_file(
        "/c/0.txt", FileState("0", 0.0, 0), [StoredDocument(document(0), [], DocFacts((undated,), (guest,)))]
    )
    store.merge()
    assert [row.fact.event for row in store.facts()["attendees"]] == ["beijing"]
    dated = Event(id="e0", name="Parade", date="2025-09-03", location="Beijing", evidence=(Evidence("doc-1", "y"),))
    store.save_file("/c/1.txt", FileState("1", 0.0, 0), [StoredDocument(document(1), [], DocFacts((dated,)))])
    store.merge()
    assert [row.fact.id for row in store.facts()["events"]] == ["beijing-2025-09-03"]
    assert [row.fact.event for row in store.facts()["attendees"]] == ["beijing-2025-09-03"]
    store.close()


def test_a_later_report_of_an_event_brings_its_earlier_named_people_into_since_briefs(tmp_path):
    from briefings.query import BriefQuery, build_brief

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    event = Event(id="e0", name="Parade", date="2024-12-30", location="Beijing", evidence=(Evidence("doc-0", "x"),))
    guest = Attendee(name="Kim Jong Un", status=AttendeeStatus.ATTENDED, event="e0", evidence=(Evidence("doc-0", "x"),))
    old = replace(document(0), published=date(2025, 1, 1))
    store.save_file("/c/0.txt", FileState("0", 0.0, 0), [StoredDocument(old, [], DocFacts((event,), (guest,)))])
    store.merge()
    since = BriefQuery(since=date(2025, 9, 1))
    assert build_brief(store, since).attendees == ()
    later = replace(event, evidence=(Evidence("doc-1", "y"),))
    new = replace(document(1), published=date(2025, 9, 4))
    store.save_file("/c/1.txt", FileState("1", 0.0, 0), [StoredDocument(new, [], DocFacts((later,)))])
    store.merge()
    brief = build_brief(store, since, limit=5)
    assert [e.id for e in brief.events] == ["beijing-2024-12-30"]
    assert [a.name for a in brief.attendees] == ["Kim Jong Un"], "the event is news again, and so are its people"
    store.close()


def test_a_report_of_one_day_re_merges_that_days_event_not_its_citys_year(tmp_path, monkeypatch):
    """A city's events merge by date: a report of one day reads that day's mentions, however many days its city has
    (until now the city's every event and every mention of its guests was read again)."""
    from briefings.store import merging

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")

    def report(slot: int, day: str) -> None:
        event = Event(id="e0", name="Parade", date=day, location="Beijing", evidence=(Evidence(f"doc-{slot}", "x"),))
        guest = Attendee(name="Kim Jong Un", status=AttendeeStatus.ATTENDED, event="e0", evidence=event.evidence)
        facts = DocFacts(events=(event,), attendees=(guest,))
        store.save_file(f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)])

    for slot in range(30):
        report(slot, f"2025-09-{slot + 1:02d}")
    store.merge()
    parsed: list[str] = []

    def counted(kind: str, payload: dict) -> object:
        parsed.append(kind)
        return fact_from_dict(kind, payload)

    monkeypatch.setattr(merging, "fact_from_dict", counted)  # the real parse, counted
    report(30, "2025-09-15")
    store.merge()
    assert sorted(parsed) == ["attendees", "attendees", "events", "events"], "the 15th's two reports, nothing else"
    kim = [row.fact for row in store.facts()["attendees"] if row.fact.event == "beijing-2025-09-15"]
    assert [len(a.evidence) for a in kim] == [2]
    store.close()


def test_a_weapon_cited_by_many_articles_takes_in_a_new_one_without_reading_the_old_mentions(tmp_path, monkeypatch):
    """A weapon's merged fact is folded: one more article naming it (at its own new event) reads that article's
    mention, not the thousands before it, and the fact is the one a full merge gives (also when the new article
    sorts first, and when it changes the most common spelling, which keeps the fact's first-seen time)."""
    from briefings.store import merging

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")

    def report(slot: int, name: str, context: WeaponContext) -> DocFacts:  # each of a parade on its own day
        seen = (Evidence(f"doc-{slot}", f"{name} seen.", 0, 9),)
        parade = Event(id="e0", name="Parade", date=f"2025-09-{slot + 1:02d}", location="Minsk", evidence=seen)
        weapon = Weapon(name=name, context=context, event="e0", evidence=seen)
        figure = Figure(value="50", what="troops", evidence=seen)
        facts = DocFacts(events=(parade,), weapons=(weapon,), figures=(figure,))
        store.save_file(f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)])
        return facts

    articles = {slot: report(slot, "Shahed drone", WeaponContext.MENTIONED) for slot in range(5, 8)}
    store.merge()
    first_seen = store.facts()["weapons"][0].first_seen
    parsed: list[tuple[str, int]] = []

    def counted(kind: str, payload: dict) -> object:
        parsed.append((kind, len(payload["evidence"])))
        return fact_from_dict(kind, payload)

    monkeypatch.setattr(merging, "fact_from_dict", counted)  # the real parse, counted
    for slot, name in [(1, "Shahed drones"), (2, "Shahed drones"), (0, "Shahed drones"), (9, "Shahed drones")]:
        parsed.clear()
        articles[slot] = report(slot, name, WeaponContext.DISPLAYED if slot == 2 else WeaponContext.MENTIONED)
        store.merge()
        weapons = sorted(pieces for kind, pieces in parsed if kind == "weapons")
        assert weapons == [1, 3], "the new mention and the merged fact's head, not the old mentions or citations"
        assert stored_facts(store) == reference_facts(articles)
    weapon = store.facts()["weapons"][0]
    assert (weapon.fact.name, weapon.fact.context, len(weapon.fact.evidence)) == ("Shahed drones", "displayed", 7)
    assert weapon.first_seen == first_seen, "the spelling changed its key; it is still the same weapon"
    store.remove_files(["/c/2.txt"])  # a removal is merged from all the members again
    del articles[2]
    store.merge()
    assert stored_facts(store) == reference_facts(articles)
    store.close()


def test_a_group_that_lost_a_mention_is_merged_anew_even_when_new_mentions_reuse_its_ids(tmp_path):
    """SQLite gives a new row the id after the highest one left: removing the article that holds a weapon's newest
    mention and adding another that names it twice, before one merge, leaves as many mentions up to the fold's last
    id as it folded. The group lost a mention, so it is merged from all its members, not folded."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    named = lambda slot, times: DocFacts(  # noqa: E731
        weapons=tuple(
            Weapon(name="DF-5C", context=WeaponContext.MENTIONED, evidence=(Evidence(f"doc-{slot}", "x", n, n + 1),))
            for n in range(times)
        )
    )
    articles = {slot: named(slot, 1) for slot in range(3)}
    for slot, facts in articles.items():
        store.save_file(f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)])
    store.merge()
    store.remove_files(["/c/2.txt"])  # the newest mention goes
    del articles[2]
    articles[3] = named(3, 2)  # and two new ones take its id and the next
    store.save_file("/c/3.txt", FileState("3", 0.0, 0), [StoredDocument(document(3), [], articles[3])])
    store.merge()
    assert stored_facts(store) == reference_facts(articles)
    store.close()


def test_a_weapon_whose_spelling_changes_when_an_article_leaves_keeps_its_first_seen_time(tmp_path):
    """Merged anew (an article left), the weapon's most common spelling, and so its key, changes: it is the same
    weapon, not news for a digest."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    for slot, name in enumerate(["Shahed drones", "Shahed drones", "Shahed drone"]):
        weapon = Weapon(name=name, context=WeaponContext.MENTIONED, evidence=(Evidence(f"doc-{slot}", "x", 0, 1),))
        facts = DocFacts(weapons=(weapon,))
        store.save_file(f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)])
    store.merge()
    before = store.facts()["weapons"][0]
    store.remove_files(["/c/0.txt", "/c/1.txt"])
    store.merge()
    after = store.facts()["weapons"][0]
    assert (before.fact.name, after.fact.name) == ("Shahed drones", "Shahed drone")
    assert after.first_seen == before.first_seen
    store.close()


def test_a_fact_citing_many_articles_keeps_its_evidence_as_rows_and_a_whole_brief_cites_it_all(tmp_path):
    """A weapon cited by thousands of articles would make every fold read and write thousands of citations: past
    HEAD_CITATIONS pieces, its payload cites its head and the rest are rows; a whole brief reads them back in order,
    and one that falls back to a few pieces (articles removed) cites them in its payload again."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")

    def report(slot: int) -> DocFacts:
        evidence = tuple(Evidence(f"doc-{slot}", f"Drones {slot}.{n} seen.", n * 20, n * 20 + 9) for n in range(2))
        facts = DocFacts(weapons=(Weapon(name="Shahed drones", context=WeaponContext.MENTIONED, evidence=evidence),))
        store.save_file(f"/c/{slot}.txt", FileState(str(slot), 0.0, 0), [StoredDocument(document(slot), [], facts)])
        return facts

    def stored() -> tuple[int, bool, int]:
        with store.engine.connect() as connection:
            row = connection.execute(text("SELECT payload, evidence_rows FROM facts WHERE kind = 'weapons'")).one()
            payload = row[0] if isinstance(row[0], dict) else json.loads(row[0])
            return len(payload["evidence"]), bool(row[1]), payload["sources"]

    articles = {slot: report(slot) for slot in (3, 1)}
    store.merge()
    assert stored() == (HEAD_CITATIONS, True, 2)
    for slot in (4, 0, 2):  # folded in: one sorts last, two sort before the head
        articles[slot] = report(slot)
        store.merge()
        assert stored() == (HEAD_CITATIONS, True, len(articles))
        assert stored_facts(store) == reference_facts(articles)
    whole = build_brief(store)
    assert [e.text for e in whole.weapons[0].evidence] == [f"Drones {s}.{n} seen." for s in range(5) for n in (0, 1)]
    store.remove_files([f"/c/{slot}.txt" for slot in (0, 1, 2, 3)])
    del articles[0], articles[1], articles[2], articles[3]
    store.merge()
    assert stored() == (2, False, 1) and stored_facts(store) == reference_facts(articles)
    store.close()
