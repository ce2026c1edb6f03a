"""A synthetic store for the benchmarks: articles' facts written straight into the store (no NLP).

Cities, dates, people and weapons are drawn from small lists, so facts merge across articles as real ones do.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

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
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument

CITIES = [
    "Pyongyang",
    "Moscow",
    "Beijing",
    "New Delhi",
    "Paris",
    "Minsk",
    "Tehran",
    "Seoul",
    "Tokyo",
    "Hanoi",
    "Cairo",
    "Caracas",
    "Belgrade",
    "Jakarta",
    "Baku",
    "Havana",
    "Ankara",
    "Riyadh",
    "Brasilia",
    "Pretoria",
]
KINDS = ["Military parade", "Summit", "State visit", "Victory Day parade", "Independence Day parade"]
FIRST = [
    "Ana",
    "Boris",
    "Chen",
    "Dilnoza",
    "Emil",
    "Farid",
    "Grace",
    "Hugo",
    "Ivana",
    "Jun",
    "Kofi",
    "Lena",
    "Marek",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sana",
    "Tomas",
    "Uma",
]
LAST = [
    "Petrov",
    "Kim",
    "Sharma",
    "Dubois",
    "Haddad",
    "Nguyen",
    "Silva",
    "Novak",
    "Okafor",
    "Tanaka",
    "Rossi",
    "Ibrahim",
    "Kowalski",
    "Mendes",
    "Larsen",
]
WEAPONS = [
    f"{prefix}-{n}"
    for prefix in ("Hwasong", "Iskander", "Agni", "Shahed", "Polonez", "Buk", "Yars", "DF")
    for n in range(1, 21)
]
ACTORS = ["The United States", "NATO", "The European Union", "Japan", "South Korea", "India", "The UN", "Allies"]


def synthetic_facts(i: int, rng: random.Random, doc_id: str) -> DocFacts:
    """One article's facts: an event, three attendees, two weapons, a recommendation, a figure and a quote."""
    city = rng.choice(CITIES)
    day = (date(2023, 1, 1) + timedelta(days=rng.randrange(900))).isoformat()
    event_id = f"{city.lower().replace(' ', '-')}-{day}"
    ev = lambda text: (Evidence(doc=doc_id, text=text, start=0, end=len(text)),)  # noqa: E731
    event = Event(
        id=event_id,
        name=f"{rng.choice(KINDS)} in {city}",
        date=day,
        location=city,
        evidence=ev(f"Officials gathered in {city} on {day}."),
    )
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    return DocFacts(
        events=(event,),
        attendees=tuple(
            Attendee(
                name=p,
                status=AttendeeStatus.ATTENDED,
                role="Minister",
                country="Freedonia",
                event=event_id,
                evidence=ev(f"{p} was present in {city}."),
            )
            for p in people
        ),
        weapons=tuple(
            Weapon(
                name=w,
                context=WeaponContext.DISPLAYED,
                category="missile",
                event=event_id,
                evidence=ev(f"The {w} rolled past the stand."),
            )
            for w in rng.sample(WEAPONS, 2)
        ),
        recommendations=(
            Recommendation(
                actor=rng.choice(ACTORS),
                text=f"review its posture on item {i % 3000}",
                by="An institute",
                evidence=ev("Analysts urged a review."),
            ),
        ),
        figures=(Figure(value=str(rng.randrange(10, 500)), what="troops", evidence=ev("Hundreds of troops marched.")),),
        quotes=(Quote(speaker=people[0], text=f"We stand ready, number {i % 500}.", evidence=ev("He said so.")),),
    )


def build_store(url: str, articles: int, per_file: int = 200, seed: int = 11) -> Store:
    """A store holding `articles` synthetic articles and their merged facts."""
    rng = random.Random(seed)
    store = Store(url)
    for start in range(0, articles, per_file):
        batch = []
        for i in range(start, min(start + per_file, articles)):
            document = synthetic_document(i)
            batch.append(StoredDocument(document, [], synthetic_facts(i, rng, document.id)))
        store.save_file(f"/synthetic/file-{start}", FileState(f"raw{start}", 0.0, 0), batch)
    store.merge()
    return store


def synthetic_document(i: int) -> Document:
    """The metadata of synthetic article `i`."""
    doc_id = f"synthetic-{i:06d}"
    return Document(
        id=doc_id,
        path=f"/synthetic/{doc_id}.txt",
        title=f"Synthetic report {i}",
        text="",
        content_hash=f"h{i}",
        published=date(2023, 1, 1) + timedelta(days=i % 900),
        published_from="dateline",
        source="Wire",
        url=f"https://example.org/{i}",
    )
