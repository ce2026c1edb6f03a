"""Extractors: each is a function from a parsed spaCy Doc (plus its Document) to facts."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from briefings.models import DocFacts, Document, Event


@dataclass(frozen=True)
class DocContext:
    """What every extractor may know about the article besides its parse."""

    document: Document
    events: tuple[Event, ...] = ()


def extract_document(doc: Doc, document: Document) -> DocFacts:
    """All facts of one article. Events come first: the other extractors attach facts to them."""
    from briefings.extract import attendees, events, figures, quotes, recommendations, weapons

    context = DocContext(document=document)
    found_events = tuple(events.extract_events(doc, context))
    context = DocContext(document=document, events=found_events)
    return DocFacts(
        events=found_events,
        attendees=tuple(attendees.extract_attendees(doc, context)),
        weapons=tuple(weapons.extract_weapons(doc, context)),
        recommendations=tuple(recommendations.extract_recommendations(doc, context)),
        figures=tuple(figures.extract_figures(doc, context)),
        quotes=tuple(quotes.extract_quotes(doc, context)),
    )
