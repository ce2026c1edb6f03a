"""Domain objects handed between stages: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeAlias


class AttendeeStatus(StrEnum):
    """How a person relates to an event; equal to its lower-case name, so plain strings still compare."""

    ATTENDED = "attended"
    EXPECTED = "expected"
    INVITED = "invited"
    DECLINED = "declined"


class WeaponContext(StrEnum):
    """How a weapon appeared in the news; equal to its lower-case name, so plain strings still compare."""

    DISPLAYED = "displayed"
    SUPPLIED = "supplied"
    DEVELOPED = "developed"
    MENTIONED = "mentioned"


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a document id and the sentence (with offsets in the cleaned text)."""

    doc: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class RawDocument:
    """A file (or one JSON record) as read from the corpus, before cleaning."""

    path: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    mtime: float | None = None
    fmt: str = "txt"
    authors: tuple[str, ...] = ()  # from the record's metadata (a JSON "authors" field)


@dataclass(frozen=True)
class Document:
    """A cleaned article with its metadata. `id` is stable (derived from the path or record)."""

    id: str
    path: str
    title: str | None
    text: str
    content_hash: str
    published: date | None = None
    published_from: str | None = None  # "dateline", "json", "file_time"
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()  # people or organisations credited in a byline or bio
    duplicate_of: str | None = None
    dateline_places: tuple[str, ...] = ()  # the dateline's place and kickers, as written; read at extraction only
    captions: tuple[str, ...] = ()  # photo captions as `text` keeps them (label and credit cut); read at extraction


@dataclass(frozen=True)
class Event:
    """A parade, summit, ceremony or visit. `id` is derived from city and date."""

    id: str
    name: str
    date: str | None
    location: str | None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Attendee:
    """A named person attending, expected at, invited to or declining an event."""

    name: str
    status: AttendeeStatus
    role: str | None = None
    country: str | None = None
    event: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5

    def __post_init__(self) -> None:
        # a plain "attended" (from an extractor or stored JSON) becomes the enum; anything else is refused
        object.__setattr__(self, "status", AttendeeStatus(self.status))


@dataclass(frozen=True)
class Weapon:
    """A weapon system or class and how it appeared (displayed, supplied, developed, mentioned)."""

    name: str
    context: WeaponContext
    category: str | None = None
    country: str | None = None
    event: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    key: str | None = None  # the catalogue's name, when the text writes a shorter one ("Apache" is the AH-64 Apache)

    def __post_init__(self) -> None:
        # a plain "displayed" (from an extractor or stored JSON) becomes the enum; anything else is refused
        object.__setattr__(self, "context", WeaponContext(self.context))


@dataclass(frozen=True)
class Recommendation:
    """An explicit policy recommendation: `actor` should do `text`, said `by` someone."""

    actor: str | None
    text: str
    by: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Figure:
    """A key number with what it counts ("50 warheads")."""

    value: str
    what: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A notable quotation with its speaker."""

    speaker: str
    text: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class DocFacts:
    """Everything extracted from one document."""

    events: tuple[Event, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Brief:
    """A brief: documents plus merged facts, each with evidence. Ready to render."""

    generated_at: datetime
    documents: tuple[Document, ...]
    events: tuple[Event, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    query: dict[str, Any] | None = None
    stats: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] | None = None  # a cut brief: matches per kind in all; "<kind>_apart": not under an event


Fact: TypeAlias = Event | Attendee | Weapon | Recommendation | Figure | Quote
