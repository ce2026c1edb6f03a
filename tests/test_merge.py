"""Cross-article merge on hand-built facts."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest

from briefings.merge import _most_common, confidence, merge_facts
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


def doc(doc_id: str, duplicate_of: str | None = None) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        title=None,
        text="x",
        content_hash=doc_id,
        published=date(2025, 5, 1),
        published_from="dateline",
        duplicate_of=duplicate_of,
    )


def ev(doc_id: str, text: str = "A sentence.", start: int = 0) -> tuple[Evidence, ...]:
    return (Evidence(doc=doc_id, text=text, start=start, end=start + len(text)),)


def event(doc_id: str, city: str | None, day: str | None, name: str = "Parade") -> Event:
    event_id = "-".join(p for p in ((city or "").lower(), day or "") if p) or "event-parade"
    return Event(id=event_id, name=name, date=day, location=city, evidence=ev(doc_id))


def person(
    doc_id: str, name: str, status: AttendeeStatus = AttendeeStatus.ATTENDED, event_id: str | None = None, **extra
) -> Attendee:
    return Attendee(name=name, status=status, event=event_id, evidence=ev(doc_id, f"{name} was there."), **extra)


def test_events_with_the_same_city_merge_when_one_date_is_missing():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Minsk", None),))),
            (doc("b"), DocFacts(events=(event("b", "Minsk", "2025-07-03", "Independence Day parade"),))),
        ]
    )
    assert [(e.id, e.location, e.date) for e in merged.events] == [("minsk-2025-07-03", "Minsk", "2025-07-03")]
    assert {e.doc for e in merged.events[0].evidence} == {"a", "b"}
    assert merged.events[0].confidence == confidence(2)
    assert merged.events[0].name == "Independence Day parade"


def test_an_undated_event_stays_apart_when_its_city_has_several_dated_events_from_other_articles():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Pyongyang", "2017-04-15"),))),
            (doc("b"), DocFacts(events=(event("b", "Pyongyang", "2015-10-10"),))),
            (doc("c"), DocFacts(events=(event("c", "Pyongyang", None),))),
        ]
    )
    assert sorted((e.location, e.date or "") for e in merged.events) == [
        ("Pyongyang", ""),
        ("Pyongyang", "2015-10-10"),
        ("Pyongyang", "2017-04-15"),
    ]


def test_an_undated_event_of_another_kind_does_not_join_its_citys_only_dated_event():
    """An undated state funeral in a city is not the dated parade rehearsal there; an undated "Ceremony" may be."""
    merged = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Singapore", "2024-06-15", "National Day Parade rehearsal"),))),
            (doc("b"), DocFacts(events=(event("b", "Singapore", None, "Mr Tan's state funeral"),))),
        ]
    )
    assert sorted((e.name, e.date or "") for e in merged.events) == [
        ("Mr Tan's state funeral", ""),
        ("National Day Parade rehearsal", "2024-06-15"),
    ]
    generic = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Singapore", "2024-06-15", "National Day Parade rehearsal"),))),
            (doc("b"), DocFacts(events=(event("b", "Singapore", None, "Ceremony"),))),
        ]
    )
    assert [(e.location, e.date) for e in generic.events] == [("Singapore", "2024-06-15")]


def test_an_undated_event_joins_the_dated_event_of_its_own_article_in_that_city():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Pyongyang", "2017-04-15"),))),
            (
                doc("b"),
                DocFacts(events=(event("b", "Pyongyang", "2015-10-10"), event("b", "Pyongyang", None, "Rally"))),
            ),
        ]
    )
    assert sorted((e.location, e.date or "") for e in merged.events) == [
        ("Pyongyang", "2015-10-10"),
        ("Pyongyang", "2017-04-15"),
    ]


def test_events_in_the_same_city_on_different_dates_stay_apart_and_newest_comes_first():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Minsk", "2024-07-03"),))),
            (doc("b"), DocFacts(events=(event("b", "Minsk", "2025-07-03"),))),
        ]
    )
    assert [e.date for e in merged.events] == ["2025-07-03", "2024-07-03"]


def test_attendee_and_weapon_event_ids_follow_the_merged_event():
    merged = merge_facts(
        [
            (
                doc("a"),
                DocFacts(
                    events=(event("a", "Minsk", None),),
                    attendees=(person("a", "Ana Lopez", event_id="minsk"),),
                    weapons=(Weapon(name="tanks", context=WeaponContext.DISPLAYED, event="minsk", evidence=ev("a")),),
                ),
            ),
            (doc("b"), DocFacts(events=(event("b", "Minsk", "2025-07-03"),))),
        ]
    )
    assert merged.attendees[0].event == "minsk-2025-07-03"
    assert merged.weapons[0].event == "minsk-2025-07-03"


def test_names_fold_case_accents_and_hyphens_and_keep_the_fullest_spelling():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(attendees=(person("a", "Aleksandar Vucic", event_id="x"),))),
            (doc("b"), DocFacts(attendees=(person("b", "Aleksandar Vučić", event_id="x", role="President"),))),
            (doc("c"), DocFacts(attendees=(person("c", "ALEKSANDAR VUCIC", event_id="x", country="Serbia"),))),
            (
                doc("d"),
                DocFacts(
                    attendees=(person("d", "Kim Jong-Un", event_id="x"), person("d", "Kim Jong Un", event_id="x"))
                ),
            ),
        ]
    )
    names = {a.name: a for a in merged.attendees}
    assert set(names) == {"Aleksandar Vučić", "Kim Jong-Un"} or set(names) == {"Aleksandar Vučić", "Kim Jong Un"}
    vucic = names["Aleksandar Vučić"]
    assert (vucic.role, vucic.country, vucic.confidence) == ("President", "Serbia", confidence(3))


def test_a_bare_surname_joins_the_full_name_across_articles():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(attendees=(person("a", "Qiang", event_id="x"),))),
            (doc("b"), DocFacts(attendees=(person("b", "Li Qiang", event_id="x"),))),
        ]
    )
    assert [a.name for a in merged.attendees] == ["Li Qiang"]


def test_status_precedence_per_event():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(attendees=(person("a", "Ana Lopez", AttendeeStatus.INVITED, "x"),))),
            (doc("b"), DocFacts(attendees=(person("b", "Ana Lopez", AttendeeStatus.EXPECTED, "x"),))),
            (doc("c"), DocFacts(attendees=(person("c", "Ana Lopez", AttendeeStatus.ATTENDED, "x"),))),
            (doc("d"), DocFacts(attendees=(person("d", "Ana Lopez", AttendeeStatus.DECLINED, "y"),))),
        ]
    )
    assert {(a.event, a.status) for a in merged.attendees} == {("x", "attended"), ("y", "declined")}


def test_an_attendee_without_an_event_stays_apart_from_the_persons_events():
    """Which of a person's events an event-less mention means is unknown (a year of news holds many): it is kept as
    its own entry rather than join the busiest, which would make every merge of a person read all their mentions."""
    merged = merge_facts(
        [
            (doc("a"), DocFacts(attendees=(person("a", "Ana Lopez", AttendeeStatus.EXPECTED, None),))),
            (doc("b"), DocFacts(attendees=(person("b", "Ana Lopez", AttendeeStatus.ATTENDED, "x"),))),
            (doc("c"), DocFacts(attendees=(person("c", "Ana Lopez", AttendeeStatus.INVITED, None),))),
        ]
    )
    found = sorted((a.event or "", a.status, len(a.evidence)) for a in merged.attendees)
    assert found == [("", "expected", 2), ("x", "attended", 1)]


def test_a_bare_surname_joins_the_full_name_at_its_own_event_not_a_namesake_elsewhere():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(attendees=(person("a", "Kim", event_id="x"),))),
            (doc("b"), DocFacts(attendees=(person("b", "Kim Yo Jong", event_id="x"),))),
            (doc("c"), DocFacts(attendees=(person("c", "Kim Jong Un", event_id="y"),))),
            (doc("d"), DocFacts(attendees=(person("d", "Kim Jong Un", event_id="y"),))),
        ]
    )
    assert sorted((a.event, a.name, len(a.evidence)) for a in merged.attendees) == [
        ("x", "Kim Yo Jong", 2),
        ("y", "Kim Jong Un", 2),
    ], "the most cited Kim is at another event"


def test_a_city_undated_event_joins_its_only_dated_event_and_parts_when_a_second_date_comes():
    reports = [
        (
            doc("a"),
            DocFacts(events=(event("a", "Minsk", None),), attendees=(person("a", "Ana Lopez", event_id="minsk"),)),
        ),
        (doc("b"), DocFacts(events=(event("b", "Minsk", "2025-07-03"),))),
    ]
    joined = merge_facts(reports)
    assert [(e.id, len(e.evidence)) for e in joined.events] == [("minsk-2025-07-03", 2)]
    assert [a.event for a in joined.attendees] == ["minsk-2025-07-03"]
    parted = merge_facts([*reports, (doc("c"), DocFacts(events=(event("c", "Minsk", "2024-07-03"),)))])
    assert sorted(e.id for e in parted.events) == ["minsk", "minsk-2024-07-03", "minsk-2025-07-03"]
    assert [a.event for a in parted.attendees] == ["minsk"]


def test_a_nickname_merges_with_its_catalogue_name_across_articles():
    named = Weapon(name="AH-64 Apache", context=WeaponContext.MENTIONED, category="helicopter", evidence=ev("a"))
    nickname = Weapon(name="Apache", context=WeaponContext.DISPLAYED, key="AH-64 Apache", evidence=ev("b"))
    again = Weapon(name="Apache", context=WeaponContext.MENTIONED, key="AH-64 Apache", evidence=ev("c"))
    merged = merge_facts([(doc(d), DocFacts(weapons=(w,))) for d, w in (("a", named), ("b", nickname), ("c", again))])
    assert len(merged.weapons) == 1
    weapon = merged.weapons[0]
    assert (weapon.name, weapon.key, weapon.context) == ("Apache", "AH-64 Apache", WeaponContext.DISPLAYED)
    assert {e.doc for e in weapon.evidence} == {"a", "b", "c"} and weapon.category == "helicopter"


def test_weapons_merge_on_singular_folded_names_with_the_most_specific_context():
    merged = merge_facts(
        [
            (
                doc("a"),
                DocFacts(weapons=(Weapon(name="Attack drones", context=WeaponContext.MENTIONED, evidence=ev("a")),)),
            ),
            (
                doc("b"),
                DocFacts(
                    weapons=(
                        Weapon(
                            name="attack drone",
                            context=WeaponContext.DISPLAYED,
                            category="drone",
                            country="Iran",
                            evidence=ev("b"),
                        ),
                    )
                ),
            ),
            (
                doc("c"),
                DocFacts(weapons=(Weapon(name="attack drones", context=WeaponContext.SUPPLIED, evidence=ev("c")),)),
            ),
        ]
    )
    assert len(merged.weapons) == 1
    weapon = merged.weapons[0]
    assert (weapon.context, weapon.category, weapon.country, weapon.confidence) == (
        "displayed",
        "drone",
        "Iran",
        confidence(3),
    )


def test_near_identical_recommendations_of_one_actor_merge():
    first = Recommendation(
        actor="United States", text="expand joint exercises with South Korea and Japan", evidence=ev("a")
    )
    second = Recommendation(
        actor="the United States", text="expand joint exercises with South Korea and Japan.", evidence=ev("b")
    )
    other_actor = Recommendation(
        actor="Japan", text="expand joint exercises with South Korea and Japan", evidence=ev("c")
    )
    merged = merge_facts(
        [
            (doc("a"), DocFacts(recommendations=(first,))),
            (doc("b"), DocFacts(recommendations=(second,))),
            (doc("c"), DocFacts(recommendations=(other_actor,))),
        ]
    )
    assert len(merged.recommendations) == 2
    assert merged.recommendations[0].confidence == confidence(2)


def test_figures_and_quotes_are_deduplicated():
    figure = Figure(value="50", what="warheads", evidence=ev("a"))
    quote = Quote(speaker="Ana Lopez", text="It is a show.", evidence=ev("a"))
    merged = merge_facts(
        [
            (doc("a"), DocFacts(figures=(figure,), quotes=(quote,))),
            (
                doc("b"),
                DocFacts(figures=(replace(figure, evidence=ev("b")),), quotes=(replace(quote, evidence=ev("b")),)),
            ),
        ]
    )
    assert len(merged.figures) == 1 and len(merged.quotes) == 1
    assert {e.doc for e in merged.quotes[0].evidence} == {"a", "b"}


def test_the_same_sentence_is_cited_once():
    same = ev("a", "Ana Lopez was there.", 10)
    merged = merge_facts(
        [
            (
                doc("a"),
                DocFacts(
                    attendees=(
                        person("a", "Ana Lopez", event_id="x"),
                        replace(person("a", "Ana Lopez", event_id="x"), evidence=same),
                    )
                ),
            )
        ]
    )
    assert len(merged.attendees[0].evidence) == 2
    merged = merge_facts(
        [(doc("a"), DocFacts(attendees=(replace(person("a", "Ana Lopez", event_id="x"), evidence=same),) * 2))]
    )
    assert len(merged.attendees[0].evidence) == 1


def test_duplicates_add_no_corroboration():
    merged = merge_facts(
        [
            (doc("a"), DocFacts(events=(event("a", "Minsk", "2025-07-03"),))),
            (doc("b", duplicate_of="a"), DocFacts(events=(event("b", "Minsk", "2025-07-03"),))),
        ]
    )
    assert merged.events[0].confidence == confidence(1)
    assert {e.doc for e in merged.events[0].evidence} == {"a"}


def test_more_corroborated_entries_come_first():
    merged = merge_facts(
        [
            (
                doc("a"),
                DocFacts(attendees=(person("a", "Ana Lopez", event_id="x"), person("a", "Bo Chen", event_id="x"))),
            ),
            (doc("b"), DocFacts(attendees=(person("b", "Bo Chen", event_id="x"),))),
        ]
    )
    assert [a.name for a in merged.attendees] == ["Bo Chen", "Ana Lopez"]


def test_confidence_grows_with_documents_and_stays_below_one():
    assert confidence(1) == 0.5 and confidence(2) == 0.7 and confidence(3) == 0.85
    assert confidence(2) < confidence(5) < confidence(500) < 1


def test_ten_thousand_documents_merge_quickly():
    items = []
    for i in range(10_000):
        city = f"City{i % 50}"
        facts = DocFacts(
            events=(event(f"d{i}", city, None),),
            attendees=(person(f"d{i}", f"Leader {i % 300}", event_id=city.lower()),),
            weapons=(Weapon(name=f"missile type {i % 200}s", context=WeaponContext.DISPLAYED, evidence=ev(f"d{i}")),),
            recommendations=(
                Recommendation(
                    actor="United States", text=f"fund program number {i % 400} this year", evidence=ev(f"d{i}")
                ),
            ),
        )
        items.append((doc(f"d{i}"), facts))
    started = time.perf_counter()
    merged = merge_facts(items)
    assert time.perf_counter() - started < 5
    assert len(merged.events) == 50 and len(merged.weapons) == 200


@pytest.mark.parametrize(
    "values, expected",
    [
        (["Hwasong-18", "Hwasong 18", "Hwasong 18", None], "Hwasong 18"),  # the most frequent
        (["KN-25", "KN 25 rocket"], "KN 25 rocket"),  # then the longer
        (["KN 25", "KN-25", "KN-25", "KN 25"], "KN 25"),  # then the first seen
        ([None, ""], None),
    ],
)
def test_the_most_common_value_wins_then_the_longer_then_the_first_seen(values, expected):
    assert _most_common(values) == expected
