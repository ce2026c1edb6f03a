"""Component `gazetteer`: marks titles, countries (names, aliases, demonyms) and cities/landmarks from the data files.

Results go to doc.spans["titles"] (label = role), doc.spans["countries"] (label = country name) and
doc.spans["places"] (label = city). The component only annotates; extractors read the spans.

The hand-kept cities and landmarks are places wherever they are written. The towns of cities.jsonl (GeoNames) are
many and some share a name with a person or a thing, so one is a place only where the text treats it as one: the
model calls it a place, it follows a preposition of place ("in Kochi", "off Takoradi"), or a country follows it
("Pattaya, Thailand").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from briefings.nlp.knowledge import knowledge, royal_titles

GROUPS = ("titles", "countries", "places")
FAMILY_PREFIXES = {"Al", "Al-", "al", "Āl"}  # "Al Mansouri", "Al Nahyan": the family name that follows a given name
TOWN_PREPOSITIONS = frozenset({"in", "at", "near", "off", "outside", "from", "across"})  # "to" also takes people
PLACE_LABELS = frozenset({"GPE", "LOC"})


def _apostrophe_variants(text: str) -> list[str]:
    return list(dict.fromkeys([text, text.replace("'", "’")]))


class Gazetteer:
    """Phrase matchers built once per pipeline from the knowledge tables."""

    def __init__(self, nlp: Language) -> None:
        facts = knowledge()
        self.labels = {
            "titles": dict(facts.role_of),
            "countries": dict(facts.country_of),
            "places": dict(facts.city_alias),
        }
        self.matchers = {
            "titles": self._matcher(nlp, facts.role_of, "LOWER"),
            "countries": self._matcher(nlp, facts.country_of, "ORTH"),
            "places": self._matcher(nlp, facts.city_alias, "ORTH"),
        }
        self.towns = self._matcher(nlp, {town: town for town in facts.town_country}, "ORTH")

    @staticmethod
    def _matcher(nlp: Language, forms: dict[str, str], attr: str) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        for form, label in forms.items():
            variants = _apostrophe_variants(form)
            if attr == "LOWER":  # "Gen." is one token where "gen." is two: match the capitalised tokenisations too
                capitalised = [spelling for v in variants for spelling in (v[:1].upper() + v[1:], v.title())]
                variants = list(dict.fromkeys([*variants, *capitalised]))  # "Gen.", "Maj. Gen."
            patterns = [nlp.make_doc(variant) for variant in variants]
            matcher.add(label, patterns)
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        for group in GROUPS:
            spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matchers[group](doc)]
            if group == "places":
                model_places = {(e.start, e.end) for e in doc.ents if e.label_ in PLACE_LABELS}
                spans += [town for town in self._towns(doc) if _placed_by_the_text(town, model_places)]
            doc.spans[group] = filter_spans(spans)
        doc.spans["titles"] = [t for t in doc.spans["titles"] if not _given_name_after_honorific(t)]
        places = _outside_country_names(list(doc.spans["places"]), list(doc.spans["countries"]))
        doc.spans["places"] = _without_namesake_landmarks(places, doc)
        return doc

    def _towns(self, doc: Doc) -> list[Span]:
        return [Span(doc, start, end, label=match_id) for match_id, start, end in self.towns(doc)]


def _given_name_after_honorific(title: Span) -> bool:
    """ "Dr Sultan Al Jaber": a royal title right after "Dr" or "Mr" is the person's given name; so is one right
    before a family name's "Al" ("Sultan Al Mansouri, Minister of Economy"): a ruler is called by his own name
    ("Sultan Haitham"), never by a family name alone."""
    if len(title) != 1 or title[0].lower_ not in royal_titles():
        return False
    doc = title.doc
    before = doc[title.start - 1].lower_ if title.start > 0 else ""
    after = doc[title.end].text if title.end < len(doc) else ""
    return before in knowledge().cues["personal_honorifics"] or after in FAMILY_PREFIXES


def _placed_by_the_text(town: Span, model_places: set[tuple[int, int]]) -> bool:
    """The model's place (the town's own name, not a word of an airport's), a town after "in" or "off", a town
    naming the venue after it ("the Itajai shipyard", "Sanya naval base"), or a town before its country ("Kochi,
    India")."""
    doc = town.doc
    if (town.start, town.end) in model_places:
        return True
    if town.start > 0 and doc[town.start - 1].lower_ in TOWN_PREPOSITIONS:
        return True
    if _names_the_venue_after_it(town):
        return True
    after = doc[town.end : town.end + 2]
    return len(after) == 2 and after[0].text == "," and after[1].text in knowledge().country_of


def _names_the_venue_after_it(town: Span) -> bool:
    """The town's last word modifies a venue noun within two words ("Itajai shipyard", "Sanya naval base")."""
    head = town[-1].head
    venues = knowledge().cues["venue_nouns"]
    return town[-1].dep_ in ("compound", "nmod") and head.lower_ in venues and town.end <= head.i <= town.end + 1


def _without_namesake_landmarks(places: list[Span], doc: Doc) -> list[Span]:
    """ "Independence Square in Accra": a landmark the text puts in another place ("in X", "X, Y") is a square of the
    same name there, not Kyiv's."""
    starts = {p.start: p for p in places} | {e.start: e for e in doc.ents if e.label_ in PLACE_LABELS}
    kept = []
    for place in places:
        landmark = place.text != place.label_ and " " in place.text
        after = doc[place.end : place.end + 1]
        other = starts.get(place.end + 1) if len(after) and after[0].lower_ in ("in", ",") else None
        if landmark and other is not None and other.label_ != place.label_ and other.text != place.label_:
            continue
        kept.append(place)
    return kept


def _outside_country_names(places: list[Span], countries: list[Span]) -> list[Span]:
    """ "Guinea Bissau" is a country: its "Bissau" is no city there (a longer country name wins); "Guelleh of
    Djibouti" names a country too, where "in Djibouti" or "the Singapore summit" may name the city."""
    country_at = {i: c for c in countries for i in range(c.start, c.end)}  # country spans do not overlap
    kept = []
    for place in places:
        country = country_at.get(place.start)
        inside = country is not None and place.end <= country.end
        longer = country is not None and inside and len(country) > len(place)
        of_a_person = place.start > 0 and place.doc[place.start - 1].lower_ == "of"
        if not longer and not (inside and of_a_person):
            kept.append(place)
    return kept


@Language.factory("gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """Pipeline factory for the Gazetteer component."""
    return Gazetteer(nlp)
