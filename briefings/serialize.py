"""Plain dict views of domain objects: the JSON brief (schema briefing/1) and the store's payloads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from briefings.models import (
    Attendee,
    Brief,
    DocFacts,
    Document,
    Event,
    Evidence,
    Fact,
    Figure,
    Quote,
    Recommendation,
    Weapon,
)

SCHEMA_ID = "briefing/1"
FACT_TYPES: dict[str, type[Fact]] = {
    "events": Event,
    "attendees": Attendee,
    "weapons": Weapon,
    "recommendations": Recommendation,
    "figures": Figure,
    "quotes": Quote,
}
FIELD_NAMES = {cls: tuple(f.name for f in fields(cls)) for cls in FACT_TYPES.values()}


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """A fact as a JSON-ready dict, with its number of corroborating documents."""
    data = plain(fact)
    data["sources"] = len({e.doc for e in fact.evidence})
    return data


def plain(fact: Fact) -> dict[str, Any]:
    """What dataclasses.asdict gives for a fact (evidence as dicts), without its deep copy of every value: merging
    a big store turns thousands of facts into dicts at each refresh."""
    data = {name: getattr(fact, name) for name in FIELD_NAMES[type(fact)]}
    data["evidence"] = plain_evidence(fact.evidence)
    return data


def plain_evidence(evidence: Iterable[Evidence]) -> tuple[dict[str, Any], ...]:
    """Pieces of evidence as dicts."""
    return tuple({"doc": e.doc, "text": e.text, "start": e.start, "end": e.end} for e in evidence)


def fact_from_dict(kind: str, data: dict[str, Any]) -> Fact:
    """Rebuild a fact of `kind` ("events", "weapons", ...) from fact_to_dict's output."""
    cls = FACT_TYPES[kind]
    names = FIELD_NAMES[cls]
    values = {k: v for k, v in data.items() if k in names}
    values["evidence"] = tuple(Evidence(**e) for e in data.get("evidence", ()))
    return cls(**values)


def document_to_dict(document: Document) -> dict[str, Any]:
    """A document's metadata (no text) for the JSON brief."""
    return {
        "id": document.id,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "published_from": document.published_from,
        "source": document.source,
        "url": document.url,
        "path": document.path,
        "duplicate_of": document.duplicate_of,
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief in the `briefing/1` JSON shape (../shared/eval/brief.schema.json)."""
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "generated_at": brief.generated_at.isoformat(),
        "query": brief.query,
        "documents": [document_to_dict(d) for d in brief.documents],
    }
    for kind in FACT_TYPES:
        data[kind] = [fact_to_dict(f) for f in getattr(brief, kind)]
    data["stats"] = brief.stats
    return data


def json_default(value: object) -> str:
    """json.dumps fallback for dates."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def docfacts_to_dict(facts: DocFacts) -> dict[str, list[dict[str, Any]]]:
    """One document's facts as JSON-ready lists, by kind."""
    return {kind: [plain(f) for f in getattr(facts, kind)] for kind in FACT_TYPES}


def docfacts_from_dict(data: dict[str, list[dict[str, Any]]]) -> DocFacts:
    """Rebuild DocFacts from docfacts_to_dict's output."""
    by_kind: dict[str, Any] = {kind: tuple(fact_from_dict(kind, d) for d in data.get(kind, ())) for kind in FACT_TYPES}
    return DocFacts(**by_kind)


def fold_key(text: str | None) -> str:
    """Lower-case, accents and punctuation removed: the spelling-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def fact_key(kind: str, fact: Fact) -> str:
    """A merged fact's identity across re-merges, so its first-seen time survives re-ingests.

    `kind` names the section the fact is stored under; the fact's own type decides the key."""
    if isinstance(fact, Event):
        return fact.id
    if isinstance(fact, Attendee):
        return f"{fold_key(fact.name)}|{fact.event or ''}"
    if isinstance(fact, Weapon):
        return fold_key(fact.key or fact.name)
    if isinstance(fact, Recommendation):
        return f"{fold_key(fact.actor)}|{fold_key(fact.text)[:300]}"
    if isinstance(fact, Figure):
        return f"{fold_key(fact.value)}|{fold_key(fact.what)}"
    return f"{fold_key(fact.speaker)}|{fold_key(fact.text)[:300]}"


NOT_SEARCHED = ("evidence", "confidence", "event")


def search_text(fact: Fact) -> str:
    """Folded words of a fact's own fields, for topic filters: not its evidence, nor the event it belongs to (the
    event's own words bring its people and weapons to a topic that names it, so a city names its events, not the
    thousands of guests they had)."""
    values = ((name, getattr(fact, name)) for name in FIELD_NAMES[type(fact)] if name not in NOT_SEARCHED)
    parts = [str(v) for _name, v in values if isinstance(v, str)]  # not via plain(): a weapon cites thousands
    return fold_key(" ".join(parts))
