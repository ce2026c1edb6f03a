"""What a brief puts first: named systems before classes, attendees by rank of office."""

from __future__ import annotations

import pytest

from briefings.models import Attendee, AttendeeStatus, Evidence, Weapon, WeaponContext
from briefings.ranking import (
    HEAD_OF_STATE,
    MINISTER,
    NO_OFFICE,
    OTHER_OFFICE,
    is_generic_class,
    office_rank,
    ranked_attendees,
    ranked_weapons,
)


@pytest.mark.parametrize(
    "name",
    [
        "tanks",
        "drones",
        "ICBMs",
        "self-propelled howitzers",
        "155mm artillery shells",
        "Inter-Continental Ballistic Missiles",
        "UAVs",
        "multiple rocket launchers",
    ],
)
def test_classes_are_generic(name):
    assert is_generic_class(name)


@pytest.mark.parametrize(
    "name",
    ["Hwasong-20", "Leopard 2", "Virginia-class submarines", "9K72", "Patriot", "F-16 Viper", "T-72B3", "K9"],
)
def test_named_systems_are_not_generic(name):
    assert not is_generic_class(name)


def _weapon(name: str, context: WeaponContext = WeaponContext.MENTIONED, docs: int = 1) -> Weapon:
    evidence = tuple(Evidence(doc=f"d{i}", text="t") for i in range(docs))
    return Weapon(name=name, context=context, evidence=evidence)


def test_named_systems_come_before_classes_then_shown_before_mentioned_then_most_cited():
    weapons = [
        _weapon("drones", WeaponContext.DISPLAYED, docs=5),
        _weapon("tanks", WeaponContext.DISPLAYED, docs=9),
        _weapon("Iskander", WeaponContext.MENTIONED, docs=3),
        _weapon("Hwasong-20", WeaponContext.DISPLAYED),
        _weapon("Kinzhal", WeaponContext.MENTIONED, docs=4),
    ]
    assert [w.name for w in ranked_weapons(weapons)] == ["Hwasong-20", "Kinzhal", "Iskander", "tanks", "drones"]


@pytest.mark.parametrize(
    "role, rank",
    [
        ("President", HEAD_OF_STATE),
        ("Prime Minister", HEAD_OF_STATE),
        ("King", HEAD_OF_STATE),
        ("Defence Minister", MINISTER),
        ("Vice President", MINISTER),
        ("Secretary of State", MINISTER),
        ("Ambassador", OTHER_OFFICE),
        ("Marshal", OTHER_OFFICE),
        ("former President", OTHER_OFFICE),
        (None, NO_OFFICE),
    ],
)
def test_office_rank(role, rank):
    assert office_rank(role) == rank


def test_attendees_by_status_then_rank_of_office_ties_keep_their_order():
    people = [
        Attendee(name="A Envoy", status=AttendeeStatus.ATTENDED, role="Ambassador"),
        Attendee(name="B Nobody", status=AttendeeStatus.ATTENDED),
        Attendee(name="C Minister", status=AttendeeStatus.ATTENDED, role="Foreign Minister"),
        Attendee(name="D Later", status=AttendeeStatus.EXPECTED, role="President"),
        Attendee(name="E King", status=AttendeeStatus.ATTENDED, role="King"),
        Attendee(name="F President", status=AttendeeStatus.ATTENDED, role="President"),
    ]
    order = [a.name for a in ranked_attendees(people)]
    assert order == ["E King", "F President", "C Minister", "A Envoy", "B Nobody", "D Later"]
