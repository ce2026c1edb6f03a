"""Hand-built domain objects for tests of the store, query and render stages (no NLP)."""

from __future__ import annotations

from datetime import date

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


def document(doc_id: str, published: date | None = date(2025, 9, 1), title: str | None = None, **extra) -> Document:
    """A small document whose text names its id."""
    text = extra.pop("text", f"Article {doc_id} reports on a parade.")
    return Document(
        id=doc_id,
        path=f"/corpus/{doc_id}.txt",
        title=title or f"Title of {doc_id}",
        text=text,
        content_hash=f"hash-{doc_id}",
        published=published,
        published_from="dateline",
        **extra,
    )


def evidence(doc_id: str, text: str = "A sentence.") -> tuple[Evidence, ...]:
    """One piece of evidence from `doc_id`."""
    return (Evidence(doc=doc_id, text=text, start=0, end=len(text)),)


def parade_facts(doc_id: str, city: str = "Pyongyang", day: str = "2025-10-10") -> DocFacts:
    """An event in `city` with a host, a guest, a weapon, a recommendation, a figure and a quote."""
    event_id = f"{city.lower()}-{day}"
    return DocFacts(
        events=(
            Event(id=event_id, name=f"Military parade in {city}", date=day, location=city, evidence=evidence(doc_id)),
        ),
        attendees=(
            Attendee(
                name="Kim Jong Un",
                status=AttendeeStatus.ATTENDED,
                role="Leader",
                country="North Korea",
                event=event_id,
                evidence=evidence(doc_id, "Kim Jong Un reviewed the parade."),
            ),
            Attendee(
                name=f"Guest of {city}",
                status=AttendeeStatus.EXPECTED,
                role="Premier",
                country="China",
                event=event_id,
                evidence=evidence(doc_id),
            ),
        ),
        weapons=(
            Weapon(
                name=f"{city}-missile",
                context=WeaponContext.DISPLAYED,
                category="ICBM",
                event=event_id,
                evidence=evidence(doc_id),
            ),
        ),
        recommendations=(
            Recommendation(
                actor="United States",
                text=f"reinforce deterrence near {city}",
                by="A think tank",
                evidence=evidence(doc_id),
            ),
        ),
        figures=(Figure(value="50", what="warheads", evidence=evidence(doc_id)),),
        quotes=(Quote(speaker="An analyst", text="This matters.", evidence=evidence(doc_id)),),
    )
