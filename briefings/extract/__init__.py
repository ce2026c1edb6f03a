"""Extractors: each is a function from a parsed spaCy Doc (plus its Document) to facts."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from briefings.models import Attendee, DocFacts, Document, Event, Weapon
from briefings.normalize import fold


@dataclass(frozen=True)
class DocContext:
    """What every extractor may know about the article besides its parse."""

    document: Document
    events: tuple[Event, ...] = ()
    # whether the article's event words mostly mean another kind of occasion (events.is_about_another_occasion),
    # found once per article; None: not yet looked at
    another_occasion: bool | None = None


def load_extractors() -> None:
    """Import the extractors, which builds their tables (the weapon gazetteer's pattern alone takes a quarter of a
    second), so that a caller timing each article does not charge the first one for it."""
    from briefings.extract import attendees, events, figures, quotes, recommendations, weapons  # noqa: F401


def extract_document(doc: Doc, document: Document) -> DocFacts:
    """All facts of one article. Events come first: the other extractors attach facts to them."""
    from briefings.extract import attendees, events, figures, quotes, recommendations, weapons

    context = DocContext(document=document, another_occasion=events.is_about_another_occasion(doc))
    found_events = tuple(events.extract_events(doc, context))
    context = DocContext(document=document, events=found_events, another_occasion=context.another_occasion)
    found_weapons = tuple(weapons.extract_weapons(doc, context))
    return DocFacts(
        events=found_events,
        attendees=without_weapon_names(attendees.extract_attendees(doc, context), found_weapons),
        weapons=found_weapons,
        recommendations=tuple(recommendations.extract_recommendations(doc, context)),
        figures=tuple(figures.extract_figures(doc, context)),
        quotes=tuple(quotes.extract_quotes(doc, context)),
    )


def without_weapon_names(people: list[Attendee], found_weapons: tuple[Weapon, ...]) -> tuple[Attendee, ...]:
    """A name the model tagged as a person but the article uses as a weapon's ("a missile named Kheibar Shekan") is
    the weapon's; so is a ship's name said without its prefix ("the USS Gabrielle Giffords ... the Gabrielle
    Giffords joined the drills") or with it ("The USS Halsey")."""
    from briefings.extract.weapons import ship_name_without_prefix

    weapon_names = {fold(w.name) for w in found_weapons}
    weapon_names |= {fold(bare) for w in found_weapons if (bare := ship_name_without_prefix(w.name))}
    return tuple(
        a for a in people if fold(a.name) not in weapon_names and fold(_without_article(a.name)) not in weapon_names
    )


def _without_article(name: str) -> str:
    return name[4:] if name.startswith("The ") else name
