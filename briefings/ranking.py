"""What a brief puts first: named weapon systems before generic classes, attendees by rank of office.

Pure functions of a fact's own fields (sort keys and tests); `query.py` orders the brief with them and the
human templates fold the generic classes into one line.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from briefings.models import Attendee, AttendeeStatus, Weapon, WeaponContext

CONTEXT_RANK = {context: rank for rank, context in enumerate(WeaponContext)}  # displayed, supplied, developed, ...
STATUS_RANK = {status: rank for rank, status in enumerate(AttendeeStatus)}  # the firmest first
HEAD_OF_STATE, MINISTER, OTHER_OFFICE, NO_OFFICE = range(4)  # tiers of office, highest first
MINISTER_WORDS = ("minister", "secretary of state", "vice president", "vice premier", "secretary-general")  # cabinet
FORMER = "former "  # "former President": no longer holds the office
WORD = re.compile(r"[A-Za-z0-9]+")
DATA_DIR = Path(__file__).resolve().parent / "data"


def _json(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def _class_words() -> frozenset[str]:
    """Words that make up class names ("ballistic", "missiles", "ICBMs"): weapon nouns and their modifiers."""
    terms = _json("weapon_terms.json")
    heads = set(terms["head_nouns"])
    words = heads | {h + "s" for h in heads} | set(terms["weapon_modifiers"]) | set(terms["weak_modifiers"])
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def _heads_of_state() -> frozenset[str]:
    """Roles flagged head_of_state (or government) in titles.jsonl, lower-cased."""
    return frozenset(row["role"].lower() for row in _jsonl("titles.jsonl") if row.get("head_of_state"))


def is_generic_class(name: str) -> bool:
    """A class of weapon ("tanks", "ICBMs", "155mm shells") rather than one named system ("Hwasong-20", "Leopard 2").

    A name is specific as soon as one word carries a capital that is not a class acronym."""
    for word in WORD.findall(name):
        if any(c.isupper() for c in word) and word.lower() not in _class_words():
            return False
    return bool(WORD.search(name))


def weapon_sort_key(weapon: Weapon) -> tuple[bool, int, int]:
    """Named systems first; then shown, supplied or developed before merely mentioned; then the most cited."""
    documents = {e.doc for e in weapon.evidence}
    return (is_generic_class(weapon.name), CONTEXT_RANK.get(weapon.context, len(CONTEXT_RANK)), -len(documents))


def office_rank(role: str | None) -> int:
    """Head of state or government 0, minister 1, another office 2, no office known 3."""
    if not role:
        return NO_OFFICE
    lower = role.lower()
    if lower.startswith(FORMER):
        return OTHER_OFFICE
    if lower in _heads_of_state():
        return HEAD_OF_STATE
    if any(word in lower for word in MINISTER_WORDS):
        return MINISTER
    return OTHER_OFFICE


def attendee_sort_key(attendee: Attendee) -> tuple[int, int]:
    """Attended before expected (and the rest), then by rank of office."""
    return (STATUS_RANK.get(attendee.status, len(STATUS_RANK)), office_rank(attendee.role))


def ranked_weapons(weapons: list[Weapon]) -> list[Weapon]:
    """Weapons in the order a brief shows them (a stable sort: ties keep their order)."""
    return sorted(weapons, key=weapon_sort_key)


def ranked_attendees(attendees: list[Attendee]) -> list[Attendee]:
    """Attendees in the order a brief shows them (a stable sort: ties keep their order)."""
    return sorted(attendees, key=attendee_sort_key)
