"""Gazetteers read once from briefings/data: countries, demonyms, cities, landmarks, titles, event words."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefings.normalize import fold

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def read_jsonl(name: str) -> list[dict]:
    """Rows of a JSON-lines data file (blank lines skipped)."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Knowledge:
    """Lookup tables built from the data files."""

    country_of: dict[str, str]  # country name, alias or demonym -> country name
    capital_of: dict[str, str]  # country name -> capital city
    city_country: dict[str, str]  # city -> country name
    city_alias: dict[str, str]  # surface form of a city or landmark -> city
    town_country: dict[str, str]  # a town from GeoNames (cities.jsonl) -> country; a place only where the text says so
    role_of: dict[str, str]  # lower-case title -> role
    event_type: dict[str, str]  # lower-case event word -> event type
    event_verbs: dict[str, tuple[str, str]]  # a verb that tells of an event -> its noun and type ("commission")
    event_not_near: dict[str, frozenset[str]]  # event type -> lemmas that make its word mean something else
    event_priority: dict[str, int]  # event type -> priority (1 = most specific)
    capital_events: frozenset[str]  # event types held in a capital unless said otherwise
    anaphoric_events: frozenset[str]  # event types that only refer back ("the event"): need a determiner
    arrival_events: frozenset[str]  # event types that begin the day one arrives (a visit), unlike a ceremony
    anniversaries: dict[str, int]  # folded phrase -> year of the original event
    office_of: dict[str, str]  # seat or office of a government ("White House", "Kremlin") -> country name
    cues: dict  # cue name -> frozenset of words (or, for phrasal verbs, lemma -> frozenset of particles)


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The gazetteers, loaded once per process."""
    country_of: dict[str, str] = {}
    capital_of: dict[str, str] = {}
    city_country: dict[str, str] = {}
    city_alias: dict[str, str] = {}
    office_of: dict[str, str] = {}
    for row in read_jsonl("countries.jsonl"):
        office_of.update(dict.fromkeys(row.get("offices", []), row["name"]))
        for form in [row["name"], *row["aliases"], *row["demonyms"]]:
            country_of.setdefault(form, row["name"])
        cities = ([row["capital"]] if row["capital"] else []) + row["cities"]
        if row["capital"]:
            capital_of[row["name"]] = row["capital"]
        for city in cities:
            city_country.setdefault(city, row["name"])
            city_alias.setdefault(city, city)
    for row in read_jsonl("landmarks.jsonl"):
        city_alias.setdefault(row["name"], row["city"])
        city_country.setdefault(row["city"], row["country"])
    town_country = {row["name"]: row["country"] for row in read_jsonl("cities.jsonl") if row["name"] not in city_alias}
    for town, country in town_country.items():
        city_country.setdefault(town, country)
    titles = [(alias, row["role"]) for row in read_jsonl("titles.jsonl") for alias in row["aliases"]]
    role_of = {alias.lower(): role for alias, role in titles}
    for alias, role in titles:
        if " " in alias and (plural := _plural(alias)) != alias:
            role_of.setdefault(plural, role)  # "Cabinet Secretaries X and Y" (one word, "rulers", is a common noun)
    event_type, event_priority, capital_events, anaphoric, verb_noun, not_near = {}, {}, set(), set(), {}, {}
    arrival_events = set()
    for row in read_jsonl("event_types.jsonl"):
        event_priority[row["type"]] = row["priority"]
        if row.get("held_in_capital"):
            capital_events.add(row["type"])
        if row.get("anaphoric"):
            anaphoric.add(row["type"])
        if row.get("begins_on_arrival"):
            arrival_events.add(row["type"])
        for term in row["terms"]:
            event_type[term.lower()] = row["type"]
        for verb, noun in row.get("verbs", {}).items():
            verb_noun[verb] = (noun, row["type"])
        not_near[row["type"]] = frozenset(row.get("not_near", ()))
    anniversaries = {fold(row["phrase"]): row["year"] for row in read_jsonl("anniversaries.jsonl")}
    cues = _as_sets(json.loads((DATA_DIR / "attendance.json").read_text(encoding="utf-8")))
    return Knowledge(
        country_of,
        capital_of,
        city_country,
        city_alias,
        town_country,
        role_of,
        event_type,
        verb_noun,
        not_near,
        event_priority,
        frozenset(capital_events),
        frozenset(anaphoric),
        frozenset(arrival_events),
        anniversaries,
        office_of,
        cues,
    )


def _as_sets(cues: dict) -> dict:
    """Each cue list as a frozenset: the rules only ask whether a word is in one, once per token."""
    return {name: _as_sets(value) if isinstance(value, dict) else frozenset(value) for name, value in cues.items()}


def _plural(title: str) -> str:
    """The plural of a written-out title: that of its head word ("cabinet secretary" -> "cabinet secretaries",
    "head of state" -> "heads of state"). Abbreviations ("PM", "Gen."), and titles already plural, stay as they are."""
    words = title.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    word = words[head]
    if not all(w.replace("-", "").isalpha() and w.islower() for w in words) or word.endswith("s"):
        return title
    if word.endswith("man"):
        word = word[:-3] + "men"
    elif word.endswith("y") and word[-2:-1] not in set("aeiou"):
        word = word[:-1] + "ies"
    elif word.endswith(("sh", "x")) or (word.endswith("ch") and not word.endswith("arch")):
        word += "es"
    else:
        word += "s"
    return " ".join([*words[:head], word, *words[head + 1 :]])


@lru_cache(maxsize=1)
def royal_titles() -> frozenset[str]:
    """Lower-case titles that belong to a royal's name (titles.jsonl rows with "in_name": true)."""
    return frozenset(a for row in read_jsonl("titles.jsonl") if row.get("in_name") for a in row["aliases"])
