"""Extract events (parades, summits, ceremonies, visits, exercises, meetings) from a parsed article.

Candidates: every event word (data/event_types.jsonl) and every meeting verb with a place (the `event` cue
patterns of data/patterns/event.jsonl) is a mention. A mention is anchored when it gives a city (a place in
the sentence, a landmark, the capital of the hosting country) or a day. All days come from one resolver,
briefings.extract.dates: written dates, weekdays against the publication date (read from page metadata and
wire datelines by briefings.clean), annual national days and anniversaries of dated occasions. The opening's
event takes the dateline's city and the lede's day; a dated report's undated main event is the day's news.
Anchored mentions of the same city and date become one event; unanchored mentions nearby only lend a
better name and evidence. Mentions of past events (a year before the article's, "past summits") are dropped.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from briefings.extract.dates import (
    WEEKDAY,
    Reference,
    casefolded_city_aliases,
    expression_of,
    is_month_name,
    names_an_occasion,
    names_the_day,
    occasion_day,
    occasion_owner,
    reference_for,
    resolve,
)
from briefings.extract.ruledata import OPENING_SENTENCES, has_own_to, on_caption_line
from briefings.extract.weapons import HEADS as WEAPON_HEADS
from briefings.merge import event_id
from briefings.models import Event, Evidence
from briefings.nlp.cues import cues_in
from briefings.nlp.knowledge import knowledge, read_jsonl, royal_titles
from briefings.nlp.people import is_quoted_ship_name
from briefings.nlp.spans import Words, entity_at, is_headline_case, lookups, sentence_ents, span_text, spans_at, text_of
from briefings.nlp.spans import sentences as doc_sentences
from briefings.nlp.spans import words as words_of

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
NAME_DEPS = {"compound", "amod", "nummod", "nmod"}  # the words that make up a noun's name before it
EARLIER_YEARS = re.compile(  # "In prior years, leaders had attended"; not a comparison, "fewer than in past years"
    r"(?i)\bin(?<!than in)(?<!as in) (?:prior|previous|past|earlier|former) years\b"
    r"|\bin(?<!than in)(?<!as in) years past\b"
)
LAST_YEAR = re.compile(  # a DATE that is the year before the article's: "last year", "the end of last year"
    r"(?i)^(?:(?:the )?(?:end|start|beginning|middle|spring|summer|autumn|fall|winter) of )?last year$"
)
FUTURE_WORDS = re.compile(r"(?i)\b(next|upcoming|coming|later this|tomorrow)\b")
# "in the next five years of his presidency", "over the coming weeks": a stretch of time ahead, not a day scheduled
STRETCH_AHEAD = re.compile(r"(?i)\b(?:next|coming)\s+(?:\w+\s+)?(?:days|weeks|months|years|decades)\b")
MAX_TAIL = 14
DATED_APART = ("talks", "meeting", "visit")  # kinds that, dated on a day of their own, are an event of their own
# (a visit whose destination the text leaves unsaid still happened on its day)
MAX_EVIDENCE = 4
TIME_UNITS = ("minute", "hour", "day", "week", "month", "year")  # "a day ahead of the parade" dates the parade
AHEAD_OF_REACH = 8  # words between "ahead of" and the event word it names ("ahead of a Group of 20 (G-20) summit")
PLACE_PREPOSITIONS = ("in", "at", "to", "on", "across", "through")
MIN_NAMED_OVER_DATELINE = 2  # a city the text names once yields to the wire dateline's city as the event's place
DESCRIBING_DEPS = ("amod", "acl", "relcl", "compound", "advcl")  # a verb that describes a noun or sets a scene
OCCASION_VERBS = ("celebrate", "mark", "commemorate", "observe")  # "marked Madaraka Day": the day kept is an event
MARKING_OCCASIONS = ("event", "celebration", "ceremony", "festivity", "commemoration", "festival")  # "events marking"
HABITUAL_WORDS = {"annually", "every", "each", "traditionally", "usually", "yearly"}
MARCH_ROUTES = {"across", "through", "down", "past", "along", "in", "before", "around"}  # a parade's route
MARCH_ATTACKS = {"into", "on", "toward", "towards", "to"}  # "marched into Ukraine": an advance, not a parade
ANNIVERSARY_NOUNS = {"anniversary", "centenary", "centennial", "bicentenary", "bicentennial", "jubilee"}
OCCASION_WEEK_DAYS = 7  # a dated reception or banquet on an occasion is held within a week of its day
OCCASION_SLACK_DAYS = 2  # a relative day ("today") this close to the named occasion's date is that date
MISREAD_TERM_TAGS = {"ADV", "ADP", "X"}  # no event term is an adverb or a preposition: the tagger erred
MIN_GUEST_COUNTRIES = 2  # countries of two guests or more in one sentence are a guest list's, not the event's
MIN_LISTED_COUNTRIES = 3  # a sentence naming three countries or more lists participants, not the event's place
GUEST_REACH = 7  # "Singapore Prime Minister Lawrence Wong", "Laos, led by President X": a person soon after
SHOWN_WEAPON_VERBS = ("commission", "unveil")  # a weapon commissioned or unveiled is a ceremony; one launched, a test
# a name the gazetteer does not know is a place after these; not after "on", which also gives a topic ("talks on
# Brexit", "a summit on Gaza")
UNKNOWN_PLACE_PREPOSITIONS = tuple(p for p in PLACE_PREPOSITIONS if p != "on")
NEARBY_PREPOSITIONS = ("near", "outside", "off", "over")  # a known city an event is held by ("off Yokohama")
VISIT_PRIORITY = 6  # visits and generic occasions need a city to stand as events of their own
NOUN_SLOTS = ("dobj", "pobj", "nsubj", "nsubjpass", "attr")  # where a word stands as a noun, whatever its tag
HEADLINE_AND_LEDE = 2  # an event there is the article's news, placed or not
OWN_PHRASE_SCORE = 4  # the place sits in the event's own phrase ("the parade in Hanoi")
SAME_CLAUSE_SCORE = 3  # ... or is where the event's verb or trip happens ("held a parade in Hanoi")
OTHER_VERB_SCORE = 2  # ... or where some other verb of the sentence happens: weaker, still a place of the report
MIN_PLACE_SCORE = 1  # below this the place is tied to another noun ("a rally in Porto near the parade")
VENUE_TOWN_PENALTY = 0.5  # a place naming a venue ("Gia Lam Airport") yields to a city the sentence puts it in
DISTANCE_TIEBREAK = 1000  # among equals the nearest place wins; distance never outweighs a structural tie
MIN_PLACE_LETTERS = 4  # a capitalised dateline place shorter than this is an outlet's code ("AP"), not a place
ARTICLE_COUNTRIES = 3  # the countries an article names most: a national day of one of them is the article's
MAX_EVENT_DAYS = 3  # a summit or state visit spans a few days
STALE_DAYS = 30
SENTENCE_ENDS = (".", "!", "?", '"', "”", ")")
DAY_LABELS = ("DATE", "TIME")  # "on Friday night" is a TIME to the model, and still names the day
MEETING_KIND = "meeting"  # the event type of a meeting told by a verb (data/event_types.jsonl)
UNANCHORED_BY_DATELINE = {"visit", "occasion"}  # a visit goes elsewhere; "the event" alone is too vague to place
CITY_ANAPHOR = re.compile(r"(?i)\b(?:the|its) (?:capital )?city[’']s|\b(?:the|its) capital[’']s")
OCCASION_KINDS = {"parade", "ceremony", "celebration", "occasion"}  # what a national day holds; summits keep their own
MULTI_DAY_KINDS = {
    "summit",
    "conference",
    "visit",
    "exercise",
}  # their sessions and ceremonies are parts of them; a parade is one day


@dataclass(frozen=True)
class Mention:
    """One event word in one sentence, with what the sentence says about it."""

    sent_index: int
    sent: Span
    token_index: int
    kind: str
    priority: int
    name: str  # the event word with its qualifiers ("Victory Day military parade")
    occasion: str | None  # what it marks ("the 80th anniversary of ...")
    city: str | None
    day: date | None
    future: bool
    day_of_occasion: bool = False  # the day is the named occasion's, not one the sentence gives
    country: str | None = None  # the country the sentence places it in, where it names no city ("in Palau")
    ahead_of: bool = False  # it only says when something else is ("arrived on Monday ahead of the summit")


def extract_events(doc: Doc, context) -> list[Event]:
    """Events the article reports as happening or scheduled, each with its evidence sentences."""
    document = context.document
    if about_another_occasion(doc, context):
        return []
    dateline = dateline_city(document.dateline_places)
    home_country = dateline_country(document.dateline_places, dateline)
    home = dateline if _opening_is_about_home(doc, dateline, home_country) or _opening_says_here(doc) else None
    countries = _article_countries(doc, home_country)
    # whose national day an unplaced one is, with no dateline: that of the cities named, else of the country named most
    named_country = _country_of_named_cities(doc) or _most_named_country(doc, countries)
    reference = reference_for(document, text_of(doc), countries)
    mentions = _stated_days_first(
        event_mentions(
            doc, reference, home, countries, frozenset(document.captions), _capital_meant(doc, countries), named_country
        )
    )
    lede = _lede_sentence(doc, frozenset(document.captions))
    lede_day = _lede_day(lede, reference)
    occasion_country = home_country or named_country
    opening_day = lede_day or _opening_occasion_day(doc, reference, countries, occasion_country)
    mentions = _anchor_opening(mentions, home, opening_day)
    if home is None:
        mentions = _placed_by_the_lede(mentions, lede)
    groups = _with_venues_in_their_city(_group_mentions(mentions)) or _unanchored_lead(
        mentions, doc, countries, dateline, reference
    )
    lead = _lead_group(groups)
    groups = [g for g in groups if g is lead or not is_stale(_day_of(g), reference)]
    ordered = sorted(groups, key=lambda g: g is not lead)
    if lead is not None:
        ordered[0] = _placed_by_article(_dated_by_publication(lead, reference), doc, countries, dateline)
    return [_event_from(group, document.id) for group in ordered]


def _stated_days_first(mentions: list[Mention]) -> list[Mention]:
    """A mention dated only by the occasion it marks (a headline's "Independence Day parade") takes the day another
    mention of the same kind states within a week of it ("the parade on Sunday"): the text's own date wins."""
    stated = [m for m in mentions if m.day is not None and not m.day_of_occasion]
    kept = []
    for mention in mentions:
        if mention.day_of_occasion and mention.day is not None:
            day = mention.day
            near = (m.day for m in stated if m.kind == mention.kind and m.day and _within_a_week(m.day, day))
            mention = replace(mention, day=next(near, day))
        kept.append(mention)
    return kept


def _within_a_week(one: date, other: date) -> bool:
    return abs((one - other).days) <= OCCASION_WEEK_DAYS


def _unanchored_lead(
    mentions: list[Mention], doc: Doc, countries: frozenset[str], dateline: str | None, reference: Reference
) -> list[list[Mention]]:
    """No event mention has a city or a day of its own ("the parade marking the 27th year of independence"): the
    article still reports one when its headline or lede tells of a parade, summit, ceremony or conference that
    happened, and the article as a whole places it, or, in a dated report, when the headline or the first sentence
    tells of it and later sentences come back to it (the day's news, though the venue is in no town the gazetteer
    knows). (Op-eds and background pieces speak of summits in passing, later on or as plans: they report none.)"""
    reported = [m for m in mentions if not m.future and m.priority < VISIT_PRIORITY]
    opening = [m for m in reported if m.sent_index < OPENING_SENTENCES]
    if not opening:
        return []
    kind = min(opening, key=lambda m: m.priority).kind
    placed = _placed_by_article([m for m in reported if m.kind == kind], doc, countries, dateline)
    news_of_the_day = (  # and the article goes on about it: not one sentence that names a summit in passing
        reference.day is not None and placed[0].sent_index < HEADLINE_AND_LEDE and len(reported) > 1
    )
    if not (placed[0].city or placed[0].country) and placed[0].sent_index < HEADLINE_AND_LEDE and kind == "ceremony":
        placed = _in_the_country_named_most(placed, doc, countries)
    return [placed] if placed[0].city or placed[0].country or news_of_the_day else []


def _in_the_country_named_most(group: list[Mention], doc: Doc, countries: frozenset[str]) -> list[Mention]:
    """The headline or lede's ceremony that no sentence places, in no city the text names ("were in attendance at his
    memorial service ... at the stadium"): it is the news of the article, held in the country the article names
    most. (A summit, meeting or fair is not: the country an article names most is often its subject, not its
    host, as with a contact group meeting on Ukraine.)"""
    country = _most_named_country(doc, countries)
    return [replace(group[0], country=country), *group[1:]] if country else group


def _placed_by_article(
    group: list[Mention], doc: Doc, countries: frozenset[str], dateline: str | None
) -> list[Mention]:
    """The main event its own sentences never place is held where the article is: the city it names most, else
    the capital of the country whose own event it is ("Egypt's first exhibition"), else, for an occasion held in a
    capital (a national day parade), the capital of the country it names most. On real
    copy the lede often names the place in another sentence than the event ("crowds gathered in Kyiv ... to see the
    parade"). A visit goes elsewhere, so it is left alone. A named venue in no city the text names is in the
    dateline's city. An event its sentence places only in a country is in a city of that country (see
    `_in_a_city_of`) unless the dateline is a town there the gazetteer does not know."""
    venue_only = any(m.city for m in group) and all(_is_venue_name(m.city) for m in group if m.city)
    if venue_only:  # "a condolence ceremony at Al Alam Palace": the palace is in the city the article names
        # "TOKYO (AP) — ... at the Imperial Palace": the dateline's city holds a venue the text names no city for;
        # with neither, a country's own parade at its "National Parade Square" is in its capital
        city = (
            _most_named_city(doc, _most_named_country(doc, countries))
            or dateline
            or _capital_of_own(group, doc, countries)
        )
        return [replace(m, city=city) if m.city else m for m in group] if city else group
    if any(m.city for m in group):
        return group
    if dateline and _hosted_by_a_mission(group):
        return [replace(group[0], city=dateline), *group[1:]]
    if min(group, key=lambda m: m.priority).kind in UNANCHORED_BY_DATELINE:
        return group  # a visit, or only "the event": a parade's group that also says "the celebrations" is placed
    placed_in = next((m.country for m in group if m.country), None)
    dateline_country = knowledge().city_country.get(dateline) if dateline else None
    if placed_in and (dateline is None or dateline_country not in (None, placed_in)):
        return _in_a_city_of(group, doc, placed_in)  # a dateline abroad, or none: the country's named city
    named = _most_named_city(doc, _most_named_country(doc, countries))
    if dateline and named and _times_named(doc, named) < MIN_NAMED_OVER_DATELINE:
        named = dateline  # "BAGUIO CITY - ...": a city named once in passing (a cadet's home town) is not the venue
    city = named or _capital_of_own(group, doc, countries)
    return [replace(group[0], city=city), *group[1:]] if city else group


def _in_a_city_of(group: list[Mention], doc: Doc, country: str) -> list[Mention]:
    """ "the BRICS summit in Brazil ... the meeting in Rio de Janeiro": an event its sentence places only in a country
    is in the city of that country the article names most, not in another country's; an occasion held in a capital
    ("the Bastille Day parade in France") is in that country's capital."""
    facts = knowledge()
    city = _most_named_city(doc, country)
    if city is None or facts.city_country.get(city) != country:
        capital_event = any(m.kind in facts.capital_events for m in group)
        city = facts.capital_of.get(country) if capital_event else None
    return [replace(group[0], city=city), *group[1:]] if city else group


def _times_named(doc: Doc, city: str) -> int:
    return sum(span.label_ == city for span in doc.spans.get("places", []))


def _hosted_by_a_mission(group: list[Mention]) -> bool:
    """ "Spain's National Day was celebrated at the residence of the ambassador": an embassy's occasion is held where
    the embassy is (the dateline's city), not in the capital of the country it celebrates."""
    words = knowledge().cues["mission_words"]
    return any(t.lemma_.lower() in words for m in group for t in m.sent)


def _capital_of_own(group: list[Mention], doc: Doc, countries: frozenset[str]) -> str | None:
    """The capital of the country whose own event it is ("Egypt's first exhibition"), else, for an occasion held in a
    capital (a national day parade), the capital of the country the article names most."""
    owner = next((c for m in group if (c := _owner_country(doc[m.token_index], m.kind))), None)
    if owner:
        return knowledge().capital_of.get(owner)
    country = _most_named_country(doc, countries)
    if country and any(m.kind in knowledge().capital_events for m in group):
        return knowledge().capital_of.get(country)
    return None


def _is_venue_name(place: str) -> bool:
    """ "Al Alam Palace", "Black Star Square": a named venue the gazetteer places in no city."""
    words = place.split()
    return (
        len(words) > 1 and words[-1].lower() in knowledge().cues["venue_nouns"] and place not in knowledge().city_alias
    )


def _capital_meant(doc: Doc, countries: frozenset[str]) -> str | None:
    """What "the capital" means in an article without a dateline: the capital city it names most (a report from
    New Delhi on a US guest names the US more), else the capital of the country it names most."""
    capitals = set(knowledge().capital_of.values())
    named = Counter(span.label_ for span in doc.spans.get("places", []) if span.label_ in capitals)
    if named:
        return named.most_common(1)[0][0]
    return knowledge().capital_of.get(_most_named_country(doc, countries) or "")


def _most_named_country(doc: Doc, countries: frozenset[str]) -> str | None:
    """Of the article's countries, the one it names most often."""
    named = Counter(span.label_ for span in doc.spans.get("countries", []) if span.label_ in countries)
    return named.most_common(1)[0][0] if named else None


def _most_named_city(doc: Doc, country: str | None) -> str | None:
    """The known city the article names most often, a city of its main country first (a report on Kyiv's parade
    names Moscow as often as Kyiv), the first named on a tie."""
    spans = _named_places(doc)
    named = Counter(span.label_ for span in spans)
    first = {city: -i for i, city in reversed(list(enumerate(span.label_ for span in spans)))}
    in_country = knowledge().city_country
    return max(named, key=lambda c: (in_country.get(c) == country, named[c], first[c]), default=None)


def _named_places(doc: Doc) -> list[Span]:
    """The article's places in text order; a place inside a longer name ("Shanghai Cooperation Organization",
    "Santiago Abascal") is not one, a landmark is."""
    name_length = {
        i: len(ent)
        for ent in lookups(doc).ents
        if ent.label_ not in ("GPE", "LOC", "FAC")
        for i in range(ent.start, ent.end)
    }
    places = doc.spans.get("places", [])
    return sorted(
        (s for s in places if name_length.get(s.start, 0) <= len(s) or _is_landmark(s)), key=lambda s: s.start
    )


def _is_landmark(place: Span) -> bool:
    """ "Independence Palace" -> Ho Chi Minh City: a landmark (or another name of a city) the gazetteer places in
    its city, whatever longer name the model reads it in ("the Reunification Convention Hall (Independence Palace")."""
    return place.text != place.label_


def _dated_by_publication(group: list[Mention], reference: Reference) -> list[Mention]:
    """The article's main event, reported without a day and not as a plan, is the publication day's news (on real
    dev the publication day is the commonest day of a reported event, well ahead of the day before)."""
    if _day_of(group) is not None or reference.day is None or any(m.future for m in group):
        return group
    return [replace(group[0], day=reference.day), *group[1:]]


def is_stale(day: date | None, reference: Reference) -> bool:
    """A day over a month before the article: background ("stood beside Putin at the parade on May 9" in a July
    report), not an event the article reports. Only the article's own lead event may be that old."""
    return day is not None and reference.day is not None and (reference.day - day).days > STALE_DAYS


def _anchor_opening(mentions: list[Mention], home: str | None, lede_day: date | None) -> list[Mention]:
    """Unplaced, undated mentions in the headline and lede take the dateline's city and the lede's day.

    A report filed from a city ("BEIJING - ...") about an event its opening never places is, in news writing,
    about an event in that city, on the day its first paragraph gives an event of its kind, else on the day the
    first paragraph names. Visits are left alone: their place is the destination, which the dateline often is not.
    When the opening names no event ("China celebrates its 60th National Day"), the article's first event mention
    is its main one and takes the opening's place and day."""
    anchorable = [m for m in mentions if m.kind not in UNANCHORED_BY_DATELINE]
    opening_end = OPENING_SENTENCES if not anchorable else max(OPENING_SENTENCES, anchorable[0].sent_index + 1)
    dated: dict[str, Mention] = {}  # "arrive for the G20 summit starting on Friday": the headline's summit's day
    for mention in mentions:
        if mention.sent_index < opening_end and mention.day and not mention.day_of_occasion:
            dated.setdefault(mention.kind, mention)
    anchored = []
    for mention in mentions:
        if mention.sent_index < opening_end and mention.kind not in UNANCHORED_BY_DATELINE:
            if mention.day is None and (own := dated.get(mention.kind)) and not mention.ahead_of:
                mention = replace(mention, city=mention.city or own.city or home, day=own.day)
            day = mention.day or (None if mention.ahead_of else lede_day)
            mention = replace(mention, city=mention.city or home, day=day)
        anchored.append(mention)
    return anchored


def _opening_is_about_home(doc: Doc, home: str | None, home_country: str | None) -> bool:
    """The headline and lede speak of the dateline's country at least as often as of any other.

    "SEOUL (AP) - North Korean leader Kim Jong Un oversaw a parade" is about a parade elsewhere."""
    if home is None:
        return False
    sentences = doc_sentences(doc)[:OPENING_SENTENCES]
    countries = spans_at(doc, "countries")
    counts: Counter[str] = Counter()
    for sent in sentences:
        named = [countries[i] for i in range(sent.start, sent.end) if i in countries and countries[i].start == i]
        origins = {c.label_ for c in named if _names_a_guests_country(c)}
        listed = {c.label_ for c in named}  # "Russia, China, India, Pakistan ... sent representatives"
        guests = (
            listed if len(listed) >= MIN_LISTED_COUNTRIES else origins if len(origins) >= MIN_GUEST_COUNTRIES else set()
        )
        counts.update(c.label_ for c in named if c.label_ not in guests and not _a_visitors_country(c))
    return not counts or counts.get(home_country or "", 0) >= max(counts.values())


def _a_visitors_country(country: Span) -> bool:
    """ "visiting British Prime Minister Theresa May": the guest's country, which says the event is elsewhere."""
    doc = country.doc
    return country.start > 0 and doc[country.start - 1].lower_ == "visiting" and _names_a_guests_country(country)


def _names_a_guests_country(country: Span) -> bool:
    """ "Nigeria's Bola Tinubu", "Singapore Prime Minister Lawrence Wong", "Xi Jinping (China)", "delegations from
    Laos, led by X": a country written beside a person. Several in one sentence are a list of guests' origins,
    which say nothing of where the event is ("SEOUL - North Korean leader Kim ..." names one, and is elsewhere)."""
    doc = country.doc
    after = doc[country.end : min(country.end + GUEST_REACH, country.sent.end)]
    before = doc[max(country.start - 2, country.sent.start) : country.start]
    titles = spans_at(doc, "titles")
    return any(t.ent_type_ == "PERSON" or t.i in titles for t in after) or (
        any(t.text == "(" for t in before) and any(t.ent_type_ == "PERSON" for t in before)
    )


def _opening_says_here(doc: Doc) -> bool:
    """ "KARACHI: ... an arms fair which kicked off here on Tuesday": the opening places its news at the dateline,
    however many other countries it names."""
    sentences = doc_sentences(doc)[:OPENING_SENTENCES]
    return any(t.lower_ == "here" and t.dep_ == "advmod" for sent in sentences for t in sent)


def _article_countries(doc: Doc, home_country: str | None) -> frozenset[str]:
    """The countries the article is most about, and the dateline's: whose "Independence Day" it means."""
    named = Counter(span.label_ for span in doc.spans.get("countries", []))
    top = {country for country, _ in named.most_common(ARTICLE_COUNTRIES)}
    return frozenset(top | ({home_country} if home_country else set()))


def _country_of_named_cities(doc: Doc) -> str | None:
    """With no dateline, the country of the cities the article names most: the "75th Independence Day" of a parade
    in a report from Colombo is Sri Lanka's, whichever guests' countries it lists."""
    city_country = knowledge().city_country
    named = Counter(city_country.get(span.label_) for span in _named_places(doc))
    named.pop(None, None)
    return named.most_common(1)[0][0] if named else None


def _opening_occasion_day(
    doc: Doc, reference: Reference, countries: frozenset[str], home_country: str | None = None
) -> date | None:
    """The day of a dated occasion the headline and lede name ("China celebrates 60th National Day"); the
    dateline's country first, whose "Independence Day" a report from there means."""
    sentences = doc_sentences(doc)[:OPENING_SENTENCES]
    if not sentences:
        return None
    text = " ".join(s.text for s in sentences)
    day = _occasion_day_home_first(text, reference, home_country, countries)
    if _just_after_the_page(day, reference) and not any(_is_future(s, reference) for s in sentences):
        day = reference.day  # a report of what happened is written on or after the day
    stated = (_day_in_the_occasions_year(s, day) for s in sentences)
    return next((d for d in stated if d is not None), day)  # "on August 31, on the occasion of National Day"


def _lede_sentence(doc: Doc, captions: frozenset[str] = frozenset()) -> Span | None:
    """The article's first sentence of prose (headlines end without a full stop; a photo caption is the photo's)."""
    for sent in doc_sentences(doc)[:OPENING_SENTENCES]:
        if on_caption_line(sent, captions):
            continue
        if len(sent) >= 8 and span_text(sent).rstrip()[-1:] in (".", "!", '"', "”"):
            return sent
    return None


def _lede_day(lede: Span | None, reference: Reference) -> date | None:
    """The only day the lede names."""
    if lede is None:
        return None
    if any("weekend" in ent.text.lower() for ent in sentence_ents(lede) if ent.label_ in DAY_LABELS):
        return None  # "came out to see the body over the weekend": two days, a scene before the event
    return _only_day_in(lede, reference, _is_future(lede, reference), lede.root)


def _placed_by_the_lede(mentions: list[Mention], lede: Span | None) -> list[Mention]:
    """With no dateline, an unplaced event of the headline or the lede is in the only city the lede puts the news in
    ("Milei's inauguration ..." / "Milei takes office on Sunday in Buenos Aires"); later sentences place their own
    (a session "on Thursday" after a summit "in Lisbon on Tuesday" is part of it)."""
    city = _lede_city(lede)
    if city is None or lede is None:
        return mentions
    in_country = knowledge().city_country.get(city)
    return [
        replace(m, city=city)
        if m.city is None
        and m.sent.start <= lede.start
        and m.kind not in UNANCHORED_BY_DATELINE
        and m.country in (None, in_country)  # not "the summit in Brazil, officials in Moscow said"
        else m
        for m in mentions
    ]


def _lede_city(lede: Span | None) -> str | None:
    """The only city the lede names after "in" ("X takes office on Sunday in Buenos Aires")."""
    if lede is None:
        return None
    doc, places = lede.doc, spans_at(lede.doc, "places")
    cities = {
        place
        for place, root, known in _places_in(lede)
        if known and root in places and doc[places[root].start - 1].lower_ == "in"
    }
    return cities.pop() if len(cities) == 1 else None


def dateline_city(places: tuple[str, ...]) -> str | None:
    """The first dateline place that is a known city ("WASHINGTON (CWS) —", "June 15, 2025 | New Delhi"), or a wire
    dateline's place in capitals the gazetteer does not know ("LABUAN BAJO", "TSUGOL FIRING RANGE, Russia")."""
    aliases = casefolded_city_aliases()
    for place in places:
        city = aliases.get(place.split(",")[0].strip().casefold())
        if city:
            return city
    first = places[0].split(",")[0].strip() if places else ""
    if len(first) >= MIN_PLACE_LETTERS and first.isupper() and first not in knowledge().country_of:
        return first.title()  # kickers ("Analysis", "World") are not written in capitals; wire datelines are
    return None


def dateline_country(places: tuple[str, ...], city: str | None) -> str | None:
    """The country of the dateline: its city's, or the one it names ("DEN HELDER, Netherlands")."""
    facts = knowledge()
    if city and city in facts.city_country:
        return facts.city_country[city]
    parts = places[0].split(",") if places else []
    return facts.country_of.get(parts[-1].strip()) if len(parts) > 1 else None


ABSENCE_REASONS = {"as", "because", "since"}  # "could not attend as he is at X": what keeps a guest away


def event_mentions(
    doc: Doc,
    reference: Reference,
    home_city: str | None = None,
    countries: frozenset[str] = frozenset(),
    captions: frozenset[str] = frozenset(),
    capital: str | None = None,
    named_country: str | None = None,
) -> list[Mention]:
    """Every current (not past) event mention in the document, in order.

    `home_city` (the dateline's city) stands for "the capital" or "the city" when the sentence names no place, and
    `capital` (that of the country the article names most) for "the capital" when there is no dateline;
    `countries` (the article's) tell whose national day a sentence means; `captions` are the photo captions the
    cleaner kept (their present tense tells what the photo shows, not a schedule)."""
    facts = knowledge()
    dateline_home = facts.city_country.get(home_city) if home_city else None
    occasion_home = dateline_home or named_country  # whose national day an unplaced one is
    mentions = []
    previous_past = False
    for index, sent in enumerate(doc_sentences(doc)):
        found, future = [], None
        words = _event_words(sent)
        here = _in_the_named_year(words, reference)
        for token in words:
            kind = _event_kind(token, facts.event_type)
            if kind is None or _is_past(token, sent, reference) or (previous_past and _points_back(token)):
                continue
            if _excuse_for_absence(token):
                continue
            future = _is_future(sent, reference, captions) if future is None else future  # once per sentence
            anchor = _term_head(token)
            found.append(
                Mention(
                    sent_index=index,
                    sent=sent,
                    token_index=token.i,
                    kind=kind,
                    priority=facts.event_priority[kind],
                    name=_base_name(token),
                    occasion=_marked_occasion(anchor),
                    city=(city := _city_in_its_country(anchor, sent, kind, _home_city(sent, home_city, capital))),
                    country=None if city else _country_it_is_in(anchor, _governing_verb(anchor), kind),
                    day=None
                    if _is_time_reference(anchor) or _is_rehearsed(anchor)
                    else _date_for(anchor, sent, here, future, kind),
                    future=future,
                    ahead_of=_after_ahead_of(anchor),
                )
            )
        found += _meetings_by_verb(sent, index, reference, {m.token_index for m in found})
        head = _term_head(doc[found[0].token_index]) if len(found) == 1 else None
        if (
            head is not None
            and found[0].day is None
            and not _is_time_reference(head)
            and not _is_rehearsed(head)
            and not _journey_to(head, found[0].kind)
        ):
            found[0] = replace(found[0], day=_only_day_in(sent, here, found[0].future, head))
        found = [_dated_by_occasion(m, reference, countries, occasion_home) for m in found]
        mentions.extend(found)
        previous_past = is_about_earlier_year(sent, reference)
    return mentions


def _in_the_named_year(event_words: list[Token], reference: Reference) -> Reference:
    """ "on July 6 visited the 2018 Army Day celebration": the year an event's name gives is the year of the
    sentence's days, whatever the page's date (its weekdays then resolve to nothing)."""
    years = {int(word.text) for token in event_words for word in _name_words(token) if YEAR.fullmatch(word.text)}
    if len(years) != 1 or years == {reference.year}:
        return reference
    return Reference(year=years.pop())


def _name_words(noun: Token) -> list[Token]:
    """The words before a noun that make up its name ("the 2018 Nigerian Army Day | Celebration")."""
    words, todo = [], [noun] if noun.pos_ in ("NOUN", "PROPN") else []
    while todo:
        for word in todo.pop().lefts:
            if word.dep_ in NAME_DEPS:
                words.append(word)
                todo.append(word)
    return words


def _meetings_by_verb(sent: Span, index: int, reference: Reference, taken: set[int]) -> list[Mention]:
    """Meetings told by a verb with a place ("is due to meet the emir in Doha on Tuesday", "held talks in Hanoi"):
    the `event` cue patterns of data/patterns/event.jsonl, anchored at the verb."""
    doc = sent.doc
    anchors = doc._.cue_anchors or {}
    found = []
    for cue in cues_in(sent, "event"):
        anchor = anchors.get(("event", cue.start, cue.end, cue.label_), cue.start)  # token patterns start at the verb
        if anchor is None or anchor in taken or is_about_earlier_year(sent, reference) or _meets_no_one(doc[anchor]):
            continue
        taken.add(anchor)
        verb, future = doc[anchor], _is_future(sent, reference)
        city = _city_for(verb, sent, MEETING_KIND)
        found.append(
            Mention(
                sent_index=index,
                sent=sent,
                token_index=anchor,
                kind=MEETING_KIND,
                priority=knowledge().event_priority[MEETING_KIND],
                name=f"Meeting in {city}" if city else "Meeting",
                occasion=None,
                city=city,
                day=_date_for(verb, sent, reference, future, MEETING_KIND),
                future=future,
            )
        )
    return found


def _is_rehearsed(token: Token) -> bool:
    """ "a rehearsal of the military parade ... on Nov 24": the day is the rehearsal's, not the parade's."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in ("of", "for")
        and token.head.head.lemma_.lower() in knowledge().cues["rehearsal_nouns"]
    )


def _meets_no_one(verb: Token) -> bool:
    """ "died while receiving treatment at a hospital in Dar es Salaam": the verb's object is a thing, with no
    person, title, country or body in it, and no word for people ("his counterpart", "the delegation")."""
    people = knowledge().cues["met_people_nouns"]
    titles = spans_at(verb.doc, "titles")
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        words = list(obj.subtree)
        if obj.pos_ == "NOUN" and obj.lemma_.lower() not in people:
            return not any(t.ent_type_ or t.i in titles or t.lemma_.lower() in people for t in words)
    return False


def _dated_by_occasion(
    mention: Mention, reference: Reference, countries: frozenset[str], article_home: str | None = None
) -> Mention:
    """An undated parade or ceremony on a dated occasion its sentence names takes the occasion's day; "the city's
    liberation" is the liberation of the event's city."""
    doc = mention.sent.doc
    if mention.kind not in OCCASION_KINDS or _is_time_reference(doc[mention.token_index]):
        return mention
    if mention.day is not None and _names_a_calendar_day(mention.sent):
        return mention
    text = CITY_ANAPHOR.sub(f"{mention.city}'s", span_text(mention.sent)) if mention.city else span_text(mention.sent)
    home = (knowledge().city_country.get(mention.city) if mention.city else None) or article_home
    occasion = _occasion_day_home_first(text, reference, home, countries)
    if mention.sent_index < OPENING_SENTENCES and not mention.future and _just_after_the_page(occasion, reference):
        occasion = reference.day  # the headline's and lede's report of what happened is written on or after the day
    if mention.day is None:
        stated = _day_in_the_occasions_year(mention.sent, occasion)
        return replace(mention, day=stated or occasion, day_of_occasion=stated is None and occasion is not None)
    if _names_a_weekday(mention.sent):
        return mention  # "celebrations on Sunday": the day the text counts, not the occasion's date
    near = occasion is not None and 0 < abs((mention.day - occasion).days) <= OCCASION_SLACK_DAYS
    return replace(mention, day=occasion) if near else mention  # "held today" on a page stamped the day after


def _just_after_the_page(occasion: date | None, reference: Reference) -> bool:
    """The occasion's table day falls just after the page's date: in a past report it was held by the page's date
    (Iran's Army Day moves with the solar calendar, 17 or 18 April)."""
    if occasion is None or reference.day is None:
        return False
    return 0 < (occasion - reference.day).days <= OCCASION_SLACK_DAYS


def _day_in_the_occasions_year(sent: Span, occasion: date | None) -> date | None:
    """ "a banquet on August 31 on the occasion of the 72nd National Day" on a page with no year: the anniversary
    gives the year, the sentence the day (when it falls near the occasion)."""
    if occasion is None:
        return None
    in_that_year = Reference(year=occasion.year)
    for ent in sentence_ents(sent):
        if ent.label_ in DAY_LABELS and names_the_day(ent.text):
            day = resolve(expression_of(ent), in_that_year)
            if day is not None and abs((day - occasion).days) <= OCCASION_WEEK_DAYS:
                return day
    return None


def _names_a_weekday(sent: Span) -> bool:
    return any(ent.label_ in DAY_LABELS and WEEKDAY.search(ent.text) for ent in sentence_ents(sent))


def _names_a_calendar_day(sent: Span) -> bool:
    """The sentence gives a day by its date ("on March 23"), not only by "today" or a weekday."""
    return any(ent.label_ in DAY_LABELS and names_the_day(ent.text) for ent in sentence_ents(sent))


def _occasion_day_home_first(
    text: str, reference: Reference, home: str | None, countries: frozenset[str]
) -> date | None:
    """The day of the occasion the text names, read as the home country's first ("Independence Day" in a report
    from Santiago is Chile's), else as any of the article's countries'; but a day the text gives its country
    ("Philippine independence" in a report from Washington) is that country's."""
    if not names_an_occasion(text):
        return None
    if (owner := occasion_owner(text)) and (day := occasion_day(text, reference, frozenset({owner}))):
        return day
    at_home = occasion_day(text, reference, frozenset({home})) if home else None
    return at_home or occasion_day(text, reference, countries)


def is_about_earlier_year(sent: Span, reference: Reference) -> bool:
    """The sentence is dated in a year before the article's ("in June 1991, when ...") or in years gone by ("In
    prior years, leaders ... had attended")."""
    if EARLIER_YEARS.search(span_text(sent)):
        return True
    dates = [
        ent
        for ent in sentence_ents(sent)
        if ent.label_ == "DATE"
        and not _is_blocked(ent)
        and not is_commemorated(ent)
        and not in_relative_clause(ent.root)
    ]
    if any(LAST_YEAR.search(ent.text) for ent in dates):
        return True  # "when meeting X at the end of last year": the year before the article's, whatever that is
    if reference.year is None:
        return False
    years = [int(y) for ent in dates for y in YEAR.findall(ent.text)]
    if any(not YEAR.search(ent.text) and WEEKDAY.search(ent.text) for ent in dates):
        return False  # "X fell on Oct. 20, 1944, but the parade was held on Thursday": a clause of this week
    return bool(years) and max(years) < reference.year


def earlier_clauses(sent: Span, reference: Reference) -> frozenset[int]:
    """Heads of the relative and adverbial clauses dated in a year before the article's ("when he attended the
    enthronement in November 1990", "as X had welcomed Y during his trip in 1996"): they tell of another time even
    where the main clause is about the event. With no year for the article, a year in a clause in the past does."""
    found = set()
    for ent in sentence_ents(sent):
        if ent.label_ != "DATE" or is_commemorated(ent):
            continue
        years = [int(y) for y in YEAR.findall(ent.text)]
        clause = _when_clause(ent) or (
            None
            if _is_blocked(ent) and not in_a_since_clause(ent)
            else next((a for a in ent.root.ancestors if a.dep_ in ("relcl", "advcl")), None)
        )
        if not years or clause is None:
            continue
        undated_page_past = reference.year is None and clause.tag_ in ("VBD", "VBN")
        if undated_page_past or (reference.year is not None and max(years) < reference.year):
            found.add(clause.i)
    return frozenset(found)


def _when_clause(date: Span) -> Token | None:
    """ "since 2018, when the president shook hands with X": the clause the year itself introduces (dated by it even
    where the year bounds a period)."""
    return next(
        (c for c in date.root.children if c.dep_ == "relcl" and any(w.lower_ == "when" for w in c.children)), None
    )


def in_relative_clause(token: Token) -> bool:
    """The token describes a noun ("the hall where the treaty was signed in 1949"), not the main clause."""
    return any(a.dep_ == "relcl" for a in token.ancestors)


def refers_back(sent: Span) -> bool:
    """The sentence names an event as "that parade" / "the same summit": the one the sentence before was about."""
    types = knowledge().event_type
    return any(_points_back(t) for t in _event_words(sent) if _event_kind(t, types))


def _points_back(token: Token) -> bool:
    """ "that parade", "the same summit", "reviewed that parade": the event the previous sentence was about."""
    if token.pos_ == "VERB":
        return any(_points_back(c) for c in token.children if c.dep_ == "dobj")
    return any(c.dep_ == "det" and c.lower_ in ("that", "those") for c in token.children) or any(
        c.lower_ == "same" and c.dep_ == "amod" for c in token.children
    )


def _home_city(sent: Span, home_city: str | None, capital: str | None) -> str | None:
    """The dateline's city, when the sentence places the event "here", in "the capital" or "the city" without naming it;
    without a dateline, "the capital" is the capital of the country the article is about."""
    settlements = set(knowledge().cues["settlement_nouns"])
    for token in sent:
        if home_city and token.lower_ == "here" and token.dep_ == "advmod":
            return home_city  # "which kicked off here on Tuesday", below a dateline
        if (
            token.lemma_.lower() in settlements
            and token.dep_ == "pobj"
            and token.head.lower_ in PLACE_PREPOSITIONS
            and any(c.lower_ == "the" for c in token.children)
            and not any(c.lower_ == "of" for c in token.children)
        ):
            return home_city or (capital if token.lemma_.lower() == "capital" else None)
    return None


def _in_other_relative_clause(date_token: Token, event: Token) -> bool:
    """The date sits in a clause about someone or something else; "The parade, held on Wednesday" is about the event,
    and so is a noun's to-infinitive ("showed willingness to strengthen ties on Tuesday"): no clause of its own."""
    return any(
        a.dep_ in ("relcl", "acl")
        and not a.is_ancestor(event)
        and a.i != event.i
        and a.head.i != event.i
        and not (a.tag_ == "VB" and has_own_to(a))
        for a in date_token.ancestors
    )


def _dates_a_report(ent: Span) -> bool:
    """ "Officials said on Monday that ...": the day of the announcement, not of the event announced."""
    return _governing_verb(ent.root).lemma_ in knowledge().cues["reporting_verbs"]


def _is_time_reference(token: Token) -> bool:
    """The event only locates another time ("the day before the parade", "since the summit"), or owns what the
    sentence dates ("ministers approved the summit's agenda on Thursday"; but "the summit's opening" is its day)."""
    if token.dep_ == "poss":
        return token.head.lemma_.lower() not in knowledge().cues["event_parts"]
    if token.dep_ == "pobj" and token.head.lower_ in (*knowledge().cues["date_blockers"], "ahead"):
        return True
    return _after_ahead_of(token)


def _after_ahead_of(token: Token) -> bool:
    """ "arrived on Monday ahead of a Group of 20 (G-20) summit": the event word ends the phrase after "ahead of",
    however the parser hung it; no verb stands between them. A day in its own phrase is still its day ("ahead of
    this weekend's summit")."""
    if any(t.ent_type_ == "DATE" for left in token.lefts for t in left.subtree):
        return False
    for left in reversed(token.doc[max(token.sent.start, token.i - AHEAD_OF_REACH) : token.i]):
        if left.pos_ in ("VERB", "AUX") or left.text in (",", ";", ":"):
            return False
        if left.lower_ == "of" and left.i > 1 and token.doc[left.i - 1].lower_ == "ahead":
            return token.doc[left.i - 2].lemma_.lower() not in TIME_UNITS  # "a day ahead of the parade" dates it
    return False


def _only_day_in(sent: Span, reference: Reference, future: bool, token: Token | None = None) -> date | None:
    """The day the sentence names when it names exactly one (the sentence's only event takes it), unless that
    day sits in a clause describing someone else ("The minister, who landed on Tuesday, ...")."""
    ents = [
        ent
        for ent in sentence_ents(sent)
        if ent.label_ in DAY_LABELS
        and not _is_blocked(ent)
        and not _is_what_an_anniversary_is_of(ent)
        and not (token is not None and _in_other_relative_clause(ent.root, token))
        and not _dates_a_report(ent)
    ]
    calendar = [ent for ent in ents if names_the_day(ent.text)]
    days = {resolve(expression_of(ent), reference, future) for ent in (calendar or ents)}
    days.discard(None)
    return days.pop() if len(days) == 1 else None


def _event_words(sent: Span) -> list[Token]:
    """The sentence's tokens that may name an event (those `_event_kind` can give a type), found on the Doc's word
    lists so that only these few become Tokens and go through the full test."""
    doc, words = sent.doc, words_of(sent.doc)
    return [doc[i] for i in range(sent.start, sent.end) if _may_name_event(words, i)]


def _may_name_event(words: Words, i: int) -> bool:
    pos = words.pos[i]
    cues = knowledge().cues
    if pos == "VERB" and (words.lemma[i] in cues["agent_verbs"] or words.lemma[i] in cues["event_verbs"]):
        return True
    lower, types = words.lower[i], knowledge().event_type
    if pos == "ADJ" and i > 0 and f"{words.lower[i - 1]} {lower}" in types:
        return True  # "an arms fair": the tagger took the last word of a term for an adjective
    if i > 1 and words.text[i - 1] == "-" and f"{words.lower[i - 2]}-{lower}" in types:
        return True  # "a march-past": the tokenizer splits the term at its hyphen
    if pos in MISREAD_TERM_TAGS and lower in types:
        return True  # "at MAKS airshow": the tagger took the term for an adverb or a preposition
    if pos not in ("NOUN", "PROPN", "VERB"):
        return False
    return lower in types or words.lemma_lower[i] in types or lower in _last_words_of_terms() or " " in lower


@lru_cache(maxsize=1)
def _last_words_of_terms() -> frozenset[str]:
    """The last word of each event term of several words ("parade" of "military parade")."""
    return frozenset(term.rsplit(" ", 1)[-1] for term in knowledge().event_type if " " in term)


def _event_kind(token: Token, types: dict[str, str]) -> str | None:
    """The event type of a word, if it names an event here (not a generic plural, not a bare "event", not an
    occasion of another sense: "reached the summit" of a mountain)."""
    kind = _word_kind(token, types)
    return None if kind is not None and _in_other_sense(token, kind) else kind


def _in_other_sense(token: Token, kind: str) -> bool:
    return _means_something_else(token, knowledge().event_not_near.get(kind, frozenset()))


def about_another_occasion(doc: Doc, context) -> bool:
    """The context's finding, or the article's own when the caller did not look (one extractor run alone)."""
    return context.another_occasion if context.another_occasion is not None else is_about_another_occasion(doc)


def is_about_another_occasion(doc: Doc) -> bool:
    """Most of the article's event words mean an occasion of another kind ("the champions' victory parade", "the
    film's premiere"): it reports no event of ours, and nobody it names is a guest at one."""
    types = knowledge().event_type
    ours = other = 0
    for sent in doc_sentences(doc):
        for token in _event_words(sent):
            kind = _word_kind(token, types)
            if kind is None or (kind in knowledge().anaphoric_events and token.pos_ != "VERB"):
                continue  # "the festivities" are whichever occasion the article is about
            if _in_other_sense(token, kind):
                other += 1
            else:
                ours += 1
    return other > 0 and other >= ours


def _word_kind(token: Token, types: dict[str, str]) -> str | None:
    if token.pos_ == "VERB" and token.lemma_ in knowledge().cues["agent_verbs"]:
        if token.dep_ == "acl" and token.head.pos_ == "NOUN":
            return None  # "the dinner hosted on Tuesday": the participle tells of another thing
        if any(c.dep_ == "dobj" and c.lemma_.lower() in knowledge().cues["rehearsal_nouns"] for c in token.children):
            return None  # "joins a rehearsal of the parade in Bangkok": the rehearsal is not the event
        return "occasion" if any(c.dep_ == "prep" and c.lower_ in PLACE_PREPOSITIONS for c in token.children) else None
    is_event_verb = (
        token.pos_ == "VERB" and token.lemma_ in knowledge().cues["event_verbs"] and verb_tells_an_event(token)
    )
    pair = f"{token.nbor(-1).lower_} {token.lower_}" if token.i > 0 else ""
    hyphened = _hyphenated_term(token, types)
    if hyphened is not None:
        return hyphened
    misread_term = (
        (token.pos_ == "ADJ" and pair in types)
        or (token.pos_ in MISREAD_TERM_TAGS and token.lower_ in types)  # "at MAKS airshow" read as an adverb
        or _capitalised_term_read_as_verb(token, types)
    )
    if token.pos_ not in ("NOUN", "PROPN") and not is_event_verb and not misread_term:
        return None
    if is_event_verb and token.lemma_ in knowledge().event_verbs:
        return knowledge().event_verbs[token.lemma_][1]
    kind = types.get(pair) or types.get(token.lower_) or coordinated_term(token, types)
    if kind is None and (token.tag_ not in ("NNS", "NNPS") or _one_occasion_plural(token)):
        kind = types.get(token.lemma_.lower())
    if kind in _proper_name_kinds() and not (token.pos_ == "PROPN" or token.is_title):
        # "the SCO Defence Ministers' Meeting" names an event, and so does "a meeting of the defence ministers"
        return "conference" if _of_officials(token) or _of_a_body(token) else None  # "a meeting" alone does not
    if kind in knowledge().anaphoric_events and not any(
        c.lower_ in ("the", "this", "that") or _names_a_day(c) or _dated_possessor(c) for c in token.lefts
    ):
        return None  # "celebrations" alone may be anyone's; "the celebrations", "Madaraka Day celebrations" are one
    if token.text == "Congress" and not any(
        t.like_num or t.ent_type_ == "ORDINAL" or t.lower_ in ("party", "people's", "people’s")
        for t in token.subtree
        if t.i < token.i
    ):
        return None  # "The US Congress has passed a law": the legislature; "the 20th Party Congress" is an event
    return kind


def coordinated_term(token: Token, types: dict[str, str]) -> str | None:
    """ "an air and weapons show": a term's first word coordinated with another before its last ("air show")."""
    for first in (c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod", "nmod")):
        if any(c.dep_ == "conj" for c in first.children) and (kind := types.get(f"{first.lower_} {token.lower_}")):
            return kind
    return None


def _dated_possessor(token: Token) -> bool:
    """ "Thursday's celebrations", "last week's gathering": a day owns the occasion as "the" would."""
    return token.dep_ == "poss" and token.ent_type_ in ("DATE", "TIME")


def _names_a_day(token: Token) -> bool:
    """ "Madaraka Day", "Independence Day": a named day, written with capitals."""
    return token.dep_ == "compound" and token.text == "Day"


def _hyphenated_term(token: Token, types: dict[str, str]) -> str | None:
    """ "a military march-past", "a fly-past": a term written with a hyphen, which the tokenizer splits."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return None
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
        return None  # "fly-past displays": the term describes another noun
    return types.get(f"{doc[i - 2].lower_}-{token.lower_}")


def _capitalised_term_read_as_verb(token: Token, types: dict[str, str]) -> bool:
    """ "inspect the Trooping the Colour": the tagger took a capitalised event name for a participle, yet the
    parser still makes it a verb's object or subject."""
    return token.is_title and token.dep_ in NOUN_SLOTS and token.lower_ in types


def _of_officials(token: Token) -> bool:
    """ "a meeting of the defence ministers of ASEAN", "a meeting of G7 leaders": a gathering of office holders."""
    officials = knowledge().cues["official_groups"]
    return any(
        g.dep_ == "pobj" and g.lemma_.lower() in officials
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
    )


def _of_a_body(token: Token) -> bool:
    """ "an OAS meeting", "the NATO meeting in Vilnius": a body's meeting, named by the body's initials or its name
    ("the Ukraine Defense Contact Group meeting"); "a meeting of the Supreme State Council": by the body's name."""
    if any(c.dep_ == "compound" and c.ent_type_ == "ORG" and _names_a_body(c) for c in token.children):
        return True
    return _body_met(token) is not None


def _names_a_body(token: Token) -> bool:
    """Initials ("OAS") or the last word of a name of several ("Contact Group")."""
    if token.is_upper and len(token) > 1:
        return True
    return token.pos_ == "PROPN" and token.is_title and token.i > 0 and token.nbor(-1).ent_type_ == "ORG"


def _body_met(token: Token) -> Token | None:
    """The body named after "of" ("a meeting of the Supreme State Council"), an organisation's name."""
    bodies = (
        g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
    )
    return next((body for body in bodies if body.is_title and body.ent_type_ == "ORG"), None)


def _means_something_else(token: Token, other_sense: frozenset[str]) -> bool:
    """A word of the event's other sense in its sentence or the sentences on either side; a capitalised entry
    matches only as written ("Pride" parade, not marching "with pride"), and a common word capitalised in a
    place's name is that place ("the summit photo in front of Sugarloaf Mountain" is no climb)."""
    if not other_sense:
        return False
    doc, sent = token.doc, token.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    found = words_of(doc)
    return any(
        found.text[i] in other_sense
        or ((found.lemma_lower[i] in other_sense or found.lower[i] in other_sense) and not _ends_a_name(doc[i]))
        for i in range(start, end)
    )


def _ends_a_name(token: Token) -> bool:
    """A capitalised common word after the first of a name's words ("Table Mountain", "the Shangri-La Hotel")."""
    name = entity_at(token)
    return token.text[:1].isupper() and name is not None and token.i > name.start


def verb_tells_an_event(verb: Token) -> bool:
    """ "was sworn in as president" or "sworn in by the chief justice" is a swearing-in: the sentence's own verb
    with its particle; "the newly sworn-in minister" or "X, who was sworn in last year," only describes someone.
    A ship commissioned, christened or launched, a ship or weapon commissioned or unveiled, is a ceremony; a missile
    launched is a test and a study commissioned is no event; a king crowned is a coronation."""
    if verb.lemma_ not in knowledge().event_verbs:
        return True
    if verb.dep_ in DESCRIBING_DEPS:
        return _occasion_marking_a_day(verb)
    if verb.lemma_ == "swear":
        return any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children)
    things = [t for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
    if verb.lemma_ in OCCASION_VERBS:
        return _marks_a_day(verb, things)
    if verb.lemma_ == "march":
        return _marches_past(verb)
    if verb.lemma_ == "crown":  # "King X was crowned on Saturday"; a team "crowned champions" is no coronation
        return any(t.lower_ in royal_titles() for t in things)
    vessels = knowledge().cues["vessel_nouns"] | knowledge().cues["vessel_prefixes"]
    if any(t.lemma_.lower() in vessels or t.text in vessels for t in things):
        return True
    return verb.lemma_ in SHOWN_WEAPON_VERBS and any(t.lemma_.lower() in WEAPON_HEADS for t in things)  # "jets"


def _marches_past(verb: Token) -> bool:
    """ "Soldiers marched across the square", "troops marched down the avenue": a parade; protesters marching, or
    troops marching into or on a country, are none."""
    marchers = knowledge().cues["marching_subjects"]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ not in marchers:  # "thousands of soldiers"
        subject = next((p for c in subject.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)
    preps = [c for c in verb.children if c.dep_ == "prep"]
    attacks = [
        p for p in preps if p.lower_ in MARCH_ATTACKS and not any(t.ent_type_ in ("DATE", "TIME") for t in p.subtree)
    ]
    return (
        subject is not None
        and subject.lower_ in marchers
        and any(p.lower_ in MARCH_ROUTES for p in preps)
        and not attacks
    )


def _counted_years(token: Token) -> bool:
    """ "80 years of independence", "80 years since the defeat of Nazi Germany": an anniversary by its count."""
    return (
        token.lower_ == "years"
        and any(c.like_num for c in token.children)
        and any(c.lower_ in ("of", "since") for c in token.children)
    )


def _occasion_marking_a_day(verb: Token) -> bool:
    """ "Friday events marking the 100th anniversary of independence", "celebrations marking Independence Day": an
    occasion named by the day it keeps."""
    if verb.lemma_ not in OCCASION_VERBS or verb.dep_ != "acl" or verb.head.lemma_.lower() not in MARKING_OCCASIONS:
        return False
    if any(c.lower_ in HABITUAL_WORDS for c in verb.subtree):
        return False  # "festivities marking the day every year": a custom
    things = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree]
    return any(t.text == "Day" or t.lemma_ == "anniversary" or _counted_years(t) for t in things)


def _marks_a_day(verb: Token, things: list[Token]) -> bool:
    """ "Kenya marked Madaraka Day in Nairobi on Wednesday": a country's day (or an anniversary) kept on one day, in
    the past or the future; not a custom ("celebrates the day annually") nor a hope ("to mark the day")."""
    if any(c.lower_ in HABITUAL_WORDS for c in verb.subtree) or has_own_to(verb):
        return False
    return any(t.text == "Day" or t.lemma_ == "anniversary" or _counted_years(t) for t in things) and verb.tag_ in (
        "VBD",
        "VBZ",
        "VBN",
        "VB",
    )


def _one_occasion_plural(token: Token) -> bool:
    """A plural that names one occasion: what does something in one place on one day ("Lavish ceremonies greeted
    him in Pyongyang on Wednesday"); otherwise a plural speaks of events in general."""
    subject = token
    while subject.dep_ == "conj":  # "crowds and lavish ceremonies greeted ..."
        subject = subject.head
    verb = subject.head
    if verb.pos_ != "VERB":
        return False
    places = [o for c in (*verb.children, *token.children) if c.dep_ == "prep" for o in c.children]
    placed = any(o.dep_ == "pobj" and o.ent_type_ in ("GPE", "FAC", "LOC") for o in places)
    dated = any(t.ent_type_ == "DATE" for t in (*places, *verb.children))
    return subject.dep_ == "nsubj" and placed and dated


@lru_cache(maxsize=1)
def _proper_name_kinds() -> frozenset[str]:
    """Event types whose words name an event only as part of a name ("Meeting", "Dialogue")."""
    return frozenset(row["type"] for row in read_jsonl("event_types.jsonl") if row.get("proper_name_only"))


def _is_past(token: Token, sent: Span, reference: Reference) -> bool:
    """A mention of an earlier event: 'past summits', or a sentence dated in an earlier year."""
    cues = knowledge().cues
    if any(child.lower_ in cues["past_modifiers"] for child in token.children if child.dep_ in ("amod", "advmod")):
        return True
    return is_about_earlier_year(sent, reference) or _in_a_past_month(token, sent) or _on_a_last_occasion(token)


def _on_a_last_occasion(token: Token) -> bool:
    """ "The president was last in India for the G20 summit": the verb's "last" tells of the previous occasion."""
    verb = _governing_verb(token)
    return verb.tag_ in ("VBD", "VBN") and any(
        c.dep_ in ("advmod", "acomp") and c.lower_ == "last" for c in verb.children
    )


def _excuse_for_absence(token: Token) -> bool:
    """ "could not attend the funeral as he is at the forum in Vladivostok": the event a guest is at instead is the
    reason for an absence, not an event the article reports."""
    clause = next((t for t in token.ancestors if t.dep_ == "advcl"), None)
    if clause is None or not any(c.dep_ == "mark" and c.lower_ in ABSENCE_REASONS for c in clause.children):
        return False
    verb = clause.head
    return verb.lemma_ in knowledge().cues["attend_verbs"] and _is_negated(verb)


def _in_a_past_month(token: Token, sent: Span) -> bool:
    """ "at the Munich Security Conference last February": a month called "last" dates the event's own clause."""
    verb = _governing_verb(token)
    return any(
        _names_last_month_by_name(ent) and _governing_verb(ent.root) == verb
        for ent in sentence_ents(sent)
        if ent.label_ == "DATE"
    )


def _names_last_month_by_name(ent: Span) -> bool:
    words = ent.text.split()
    return len(words) == 2 and words[0].lower() == "last" and is_month_name(words[1])


def _is_what_an_anniversary_is_of(ent: Span) -> bool:
    """ "the parade for the anniversary of March 25, 1821": the day an anniversary counts from, not the event's."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in ANNIVERSARY_NOUNS


def is_in_what_is_commemorated(ent: Span) -> bool:
    """The date sits in what a verb of commemorating takes ("commemorating the 1980-88 war"), not in the phrase that
    dates the event ("held a parade for the anniversary of its founding in September 2018"): narrower than
    `is_commemorated`, which any occasion word above the date satisfies."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.lemma_.lower() in knowledge().cues["commemorate_verbs"]


def is_commemorated(ent: Span) -> bool:
    """A year of what the event commemorates ("will mark Japan's surrender in 1945"), not of the event."""
    cues = knowledge().cues
    markers = set(cues["commemorate_verbs"]) | set(cues["occasion_words"])
    return any(a.lemma_.lower() in markers for a in ent.root.ancestors)


def _is_blocked(ent: Span) -> bool:
    """A date that bounds a period ("since 2019") rather than dating the event."""
    blockers = knowledge().cues["date_blockers"]
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if (
        before == "from"
        and ent.end + 1 < len(doc)
        and doc[ent.end].lower_ in ("to", "until", "through")
        and doc[ent.end + 1].ent_type_ == "DATE"
    ):
        return False  # "ran from Tuesday to Thursday": the first day of the event's span
    if before == "from" and any(t.lower_ in ("to", "until", "through") for t in ent[1:]):
        return False  # "held from September 14 to September 20, 2017" as one date: the event's span
    if before in ("to", "until", "through") and ent.start > 1 and doc[ent.start - 2].ent_type_ == "DATE":
        return True  # the last day of such a span
    return before in blockers or ent[0].lower_ in blockers or dates_a_bound(ent) or in_a_since_clause(ent)


def in_a_since_clause(ent: Span) -> bool:
    """ "his first visit since he took office in 2019": the clause's date starts a period that runs to the event
    (the clause itself, what was done then, is of that earlier time)."""
    clause = next((a for a in ent.root.ancestors if a.dep_ == "advcl"), None)
    return clause is not None and any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def dates_a_bound(ent: Span) -> bool:
    """ "the first since Michelle Bachelet in 2009": the date of a noun phrase that bounds a period, not of the
    sentence's event (a clause is not such a phrase: "before seeing the emir on Wednesday" dates the seeing)."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    owner = root.head.head
    return owner.dep_ == "pobj" and owner.head.dep_ == "prep" and owner.head.lower_ in knowledge().cues["date_blockers"]


def _is_future(sent: Span, reference: Reference, captions: frozenset[str] = frozenset()) -> bool:
    """Scheduled: a future cue, a forward-looking date, or a present-tense schedule with no past verb
    ("The festivities close with the ceremony on Wednesday"); a photo caption's present tense is what the photo
    shows ("Kim and Putin walk past children during a welcoming ceremony")."""
    cues = knowledge().cues["expected_cues"]
    for token in sent:
        if _in_an_aside_of_a_past_report(token, sent):
            continue
        if token.lower_ in ("will", "shall", "'ll", "’ll") or (
            token.lemma_ in cues and token.dep_ in ("ROOT", "aux", "acomp", "amod")
        ):
            return True
    if any(
        ent.label_ == "DATE" and FUTURE_WORDS.search(ent.text) and not STRETCH_AHEAD.search(ent.text)
        for ent in sentence_ents(sent)
    ):
        return True
    if (
        is_headline_case(sent)
        or not span_text(sent).rstrip().endswith(SENTENCE_ENDS)
        or on_caption_line(sent, captions)
    ):
        return False  # headlines and captions tell the day's news in the present: "Putin attends military parade"
    perfect = any(t.lemma_ == "have" and t.dep_ == "aux" for t in sent)
    return not perfect and any(t.tag_ in ("VBZ", "VBP") for t in sent) and not any(t.tag_ == "VBD" for t in sent)


def _in_an_aside_of_a_past_report(token: Token, sent: Span) -> bool:
    """ "X on Wednesday arrived in Pretoria for a State Visit, which will witness ...": a future in a relative clause
    of a sentence whose main verb is past tells what is to come of the event, not that the arrival is to come."""
    return token.head.dep_ == "relcl" and sent.root.tag_ == "VBD"


def _names_no_place(first: Token) -> bool:
    """ "according to Kazinform" (a source), "on behalf of Beijing" (a government), 'the missile boat "Dimitrovgrad"'
    (a ship named after a town)."""
    according = first.head.lower_ == "to" and first.head.head.lower_ == "according"
    behalf = first.head.lower_ == "of" and first.head.head.lower_ == "behalf"
    return according or behalf or is_quoted_ship_name(first)


def _city_for(token: Token, sent: Span, kind: str) -> str | None:
    """The city of the mention: a place tied to the event word or its verb, else the host country's capital."""
    facts = knowledge()
    if (named := _city_in_own_name(token)) is not None:
        return named
    head_verb = _governing_verb(token)
    own_phrase_only = token.dep_ in ("nsubj", "nsubjpass") and head_verb.lemma_ not in facts.cues["hold_verbs"]
    best, best_score = None, 0.0
    for place, start, known in _places_in(sent):
        anchor = _settlement_phrase(sent.doc[start])
        if anchor.dep_ in ("nsubj", "nsubjpass") or _names_no_place(sent.doc[start]):
            continue
        prepositions = PLACE_PREPOSITIONS + NEARBY_PREPOSITIONS if known else UNKNOWN_PLACE_PREPOSITIONS
        if anchor.head.lower_ not in prepositions and not known:
            continue  # a name the gazetteer does not know counts as a place only after "in", "at", ...
        score = 0.0
        holder = _where_a_person_is(_past_days_or_venue(anchor.head.head))
        if token.is_ancestor(anchor) or anchor.head == token or holder == _whole_of(token):
            score = OWN_PHRASE_SCORE
        elif own_phrase_only:
            score = 0
        elif anchor.head.lower_ in prepositions and holder in (token, head_verb, _purpose_head(token)):
            score = SAME_CLAUSE_SCORE
        elif anchor.head.lower_ in prepositions and holder.pos_ in ("VERB", "AUX") and not _is_negated(head_verb):
            score = OTHER_VERB_SCORE  # not "could not attend the funeral as he is at a forum in X": X is elsewhere
        if anchor.i != start and anchor.lower_ in knowledge().cues["venue_nouns"]:
            score -= VENUE_TOWN_PENALTY  # "at Gia Lam Airport in Hanoi": the venue's name, then its city
        score -= abs(start - token.i) / DISTANCE_TIEBREAK
        if score > MIN_PLACE_SCORE and score > best_score:
            best, best_score = place, score
    if best:
        return best
    if (antecedent := _where_antecedent(head_verb)) is not None:
        return antecedent
    country = _host_country(token)
    if country and (kind in facts.capital_events or _is_destination(token)):
        return facts.capital_of.get(country)
    return None


def _city_in_its_country(anchor: Token, sent: Span, kind: str, home: str | None) -> str | None:
    """The mention's city, unless its own phrase places it in another country: "will not attend the summit in Brazil,
    officials in Moscow said" names where the news came from, not where the summit is."""
    city = _city_for(anchor, sent, kind) or home
    country = _country_it_is_in(anchor, _governing_verb(anchor), kind) if city else None
    in_country = knowledge().city_country.get(city) if city else None
    return None if country and in_country and in_country != country else city


def _country_it_is_in(token: Token, verb: Token, kind: str) -> str | None:
    """ "will attend the Pacific Islands Forum in Palau": with no city named, the country the event or its verb is
    placed in (the annotation guide's location is the city, else the country); a visit's also the country it goes
    to ("a trip to the United States starting on Wednesday")."""
    countries = spans_at(token.doc, "countries")
    prepositions = ("in", "to") if kind == "visit" else ("in",)
    of_object = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    places = (  # "the inauguration of Javier Milei in Argentina": the parser hangs the place on the "of" object
        g
        for holder in (token, verb, *of_object)
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for g in prep.children
        if g.dep_ == "pobj"
    )
    return next((named for place in places if (named := _country_named_in(place, countries)) is not None), None)


def _city_in_own_name(token: Token) -> str | None:
    """ "the Zhuhai Air Show", "the Munich Security Conference": a known city in the event's own proper name."""
    name = entity_at(token)
    if name is None or name.label_ in ("GPE", "LOC", "FAC", "PERSON", "DATE"):
        return None
    places = spans_at(token.doc, "places")
    return next((places[i].label_ for i in range(name.start, name.end) if i in places), None)


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _whole_of(token: Token) -> Token | None:
    """ "the 2022 edition of the Fair in Santiago", "the opening of the summit in Astana": the noun the event word
    is "of", where the parser hangs the event's place."""
    return token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None


def _past_days_or_venue(holder: Token) -> Token:
    """ "held over the next four days in Astana", "held at the air base in Kenitra", "take the oath at the Capitol in
    Washington": the parser hangs the place on the days or the venue (a venue noun or a named building); it is where
    the verb happens."""
    days_or_venue = holder.ent_type_ in ("DATE", "FAC") or holder.lower_ in knowledge().cues["venue_nouns"]
    if days_or_venue and holder.dep_ == "pobj" and holder.head.head.pos_ in ("VERB", "AUX"):
        return holder.head.head
    return holder


def _where_a_person_is(holder: Token) -> Token:
    """ "was joined by Princess Anne in Portsmouth to attend the ceremony": the parser hangs the place on a person,
    who is no venue; it is where the person's verb happens."""
    return _governing_verb(holder) if holder.ent_type_ == "PERSON" else holder


def _owner_country(token: Token, kind: str) -> str | None:
    """ "Egypt's first international exhibition": the country whose own event it is (a visit goes abroad)."""
    countries = spans_at(token.doc, "countries")
    owners = [countries[c.i].label_ for c in token.children if c.dep_ == "poss" and c.i in countries]
    return owners[0] if owners and kind != "visit" else None


def _where_antecedent(verb: Token) -> str | None:
    """ "left for Kathmandu, where he will attend the summit": the city a "where" clause hangs on."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    place = spans_at(verb.doc, "places").get(verb.head.i)
    return place.label_ if place is not None else None


def _purpose_head(token: Token) -> Token | None:
    """What the event is the purpose of: "on his way to Milan for a summit", "arrived in Hanoi for the talks"."""
    return token.head.head if token.dep_ == "pobj" and token.head.lower_ == "for" else None


def _settlement_phrase(anchor: Token) -> Token:
    """ "the port city of Tianjin", "in the centre of San Salvador", "the Jakarta presidential palace": the place
    stands where "city", "centre" or "palace" stands in the sentence."""
    of, cues = anchor.head, knowledge().cues
    nouns = cues["settlement_nouns"] | cues["city_part_nouns"]  # "in the centre of San Salvador"
    if anchor.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in nouns:
        return of.head
    venue = of.lower_ in knowledge().cues["venue_nouns"]  # "at Istanbul Naval Shipyard", "at the Jakarta palace"
    if anchor.dep_ in ("compound", "nmod") and of.dep_ == "pobj" and venue:
        return of
    return anchor


def _places_in(sent: Span) -> list[tuple[str, int, bool]]:
    """Cities and landmarks (as their city) in the sentence, plus GPE entities that are not countries
    (flagged as unknown: the model's GPE is often a person or a group, "Biden hosted Modi", "the Quad summit")."""
    facts = knowledge()
    doc = sent.doc
    larger_names = [ent for ent in sentence_ents(sent) if ent.label_ not in ("GPE", "LOC", "FAC")]
    places = spans_at(doc, "places")
    in_sentence = {places[i] for i in range(sent.start, sent.end) if i in places}
    found = [
        (span.label_, span.root.i, True)
        for span in in_sentence
        if not _inside_larger_name(span, larger_names) and not _qualifies_a_title(span) and not _names_a_hall(span)
    ]
    seen = {span.start for span in in_sentence}
    for ent in sentence_ents(sent):
        placed = ent.label_ == "GPE" or (ent.label_ == "LOC" and _names_a_venues_town(ent))
        if placed and ent.start not in seen and ent.text not in facts.country_of and not _in_a_city_named_next(ent):
            name = ent.text[:-2] if ent.text.endswith(("'s", "’s")) else ent.text
            if name[:1].isupper() and name not in facts.country_of and len(name) > 2:
                found.append((name, ent.root.i, False))
    if not found:  # a base or a shipyard only where no city or town is named
        found += [(_venue_name(e), e.root.i, False) for e in sentence_ents(sent) if _is_unknown_venue(e, places)]
    return found


def _in_a_city_named_next(ent: Span) -> bool:
    """ "at Monas, Jakarta": a place the gazetteer does not know, followed by a city it knows, is somewhere in that
    city; the city is the event's place."""
    doc = ent.doc
    places = spans_at(doc, "places")
    return ent.end + 1 < len(doc) and doc[ent.end].text == "," and ent.end + 1 in places


def _qualifies_a_title(place: Span) -> bool:
    """ "Singapore Prime Minister Lawrence Wong", "Moscow Mayor X", "Seoul's mayor": the place says whose office it
    is, not where the event is."""
    doc = place.doc
    titles = spans_at(doc, "titles")
    after = place.end + 1 if place.end < len(doc) and doc[place.end].text in ("'s", "’s") else place.end
    return after < len(doc) and after in titles


def _names_a_hall(place: Span) -> bool:
    """ "St. George's Hall", "St. Andrew's Cathedral": a saint's name the gazetteer knows as a town (St. George's,
    Grenada) is part of a venue's name when a capitalised venue noun follows its possessive."""
    doc = place.doc
    after = place.end if doc[place.end - 1].text in ("'s", "’s") else place.end + 1
    possessive = after - 1 < len(doc) and doc[after - 1].text in ("'s", "’s")
    return (
        possessive and after < len(doc) and doc[after].is_title and doc[after].lower_ in knowledge().cues["venue_nouns"]
    )


def _names_a_venues_town(ent: Span) -> bool:
    """ "in the Portsmouth naval base": a place name the model calls a location, before a venue noun."""
    return ent.root.dep_ in ("compound", "nmod") and ent.root.head.lower_ in knowledge().cues["venue_nouns"]


def _is_unknown_venue(ent: Span, places: dict[int, Span]) -> bool:
    """ "the Hatzerim Air Force Base": a named base, shipyard or airport in no city the gazetteer knows is itself
    the place (whatever label the model gives it)."""
    return _names_a_venue(ent) and not any(t.i in places for t in ent)


def _names_a_venue(ent: Span) -> bool:
    return (
        ent.label_ in ("FAC", "ORG", "LOC")
        and len(ent) >= 2
        and ent[-1].lower_ in knowledge().cues["venue_nouns"]
        and _venue_name(ent)[:1].isupper()
    )


def _venue_name(ent: Span) -> str:
    return " ".join((ent[1:] if ent[0].lower_ == "the" else ent).text.split())


def _inside_larger_name(span: Span, names: list[Span]) -> bool:
    """A place that is only part of an organisation's name ("Shanghai Cooperation Organization"); a venue named
    after its city is in it ("Istanbul Naval Shipyard", however the model labels it), and so is a show or meeting
    named after it ("Doha International Maritime Defence Exhibition", "Munich Security Conference")."""
    venues, events = knowledge().cues["venue_nouns"], knowledge().event_type
    return any(
        ent.start <= span.start
        and span.end <= ent.end
        and len(ent) > len(span)
        and ent[-1].lower_ not in venues
        and not any(t.lower_ in events for t in span.doc[span.end : ent.end])
        for ent in names
    )


def _host_country(token: Token) -> str | None:
    """A country named as the event's possessor or modifier ("China's parade", "Chinese parade", "visit to China")."""
    facts = knowledge()
    doc = token.doc
    countries = spans_at(doc, "countries")
    candidates = [c for c in token.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    if token.pos_ == "VERB":  # "visited Saudi Arabia on July 17"; not "will represent Russia at the summit"
        sends = token.lemma_ in facts.cues["sender_verbs"]
        # not "visiting British Prime Minister Theresa May": a person is the visitor, whose country stays home
        candidates = [] if sends else [c for c in token.children if c.dep_ == "dobj" and c.ent_type_ != "PERSON"]
    verb = token.head
    if token.dep_ == "dobj" and _verb_in(verb, knowledge().cues["hold_verbs"]):
        candidates += [c for c in verb.children if c.dep_ == "nsubj"]  # "Russia staged the biggest parade"
    candidates += [
        g
        for c in [*token.children, *_arrival_places(token)]
        if c.dep_ == "prep" and c.lower_ in ("to", "in")
        for g in c.children
        if g.dep_ == "pobj" and g.ent_type_ not in ("NORP", "LANGUAGE")  # "welcoming guests in Spanish"
    ]
    for child in candidates:
        if (named := _country_named_in(child, countries)) is not None:
            return named
        if child.text in facts.country_of:
            return facts.country_of[child.text]
    return None


def _country_named_in(phrase: Token, countries: dict) -> str | None:
    """The country among the phrase's words up to its head word ("a visit to | Saudi Arabia", "in | Palau")."""
    return next((countries[i].label_ for i in range(phrase.left_edge.i, phrase.i + 1) if i in countries), None)


def _verb_in(verb: Token, lemmas: list[str]) -> bool:
    """The verb's lemma is one of these, allowing for the lemmatizer's slips ("staged" -> "stag")."""
    lower = verb.lower_
    return verb.lemma_ in lemmas or any(lower in (w + "s", w + "d", w + "ed", w + "ing") for w in lemmas)


def _is_destination(token: Token) -> bool:
    """The event goes somewhere: "a visit to China", "visited China", "arrived in China on a visit"."""
    dep = "dobj" if token.pos_ == "VERB" else "prep"
    own = any(c.dep_ == dep and (dep == "dobj" or c.lower_ == "to") for c in token.children)
    return own or bool(_arrival_places(token))


def _arrival_places(token: Token) -> list[Token]:
    """ "arrived in Tajikistan on a state visit": the "in"/"to" phrases of the travel verb the event rides on."""
    link = token.head
    travels = _verb_in(link.head, knowledge().cues["travel_verbs"])
    if token.dep_ != "pobj" or link.lower_ not in ("on", "for") or not travels:
        return []
    return [c for c in link.head.children if c.dep_ == "prep" and c.lower_ in ("in", "to")]


def _governing_verb(token: Token) -> Token:
    head = token
    while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _date_for(token: Token, sent: Span, reference: Reference, future: bool | None, kind: str) -> date | None:
    """The first date naming a day that belongs to the event word or to its own clause; not the day of a journey
    to it ("arrived today for the inauguration": the guests travel before the day)."""
    if (own := _day_of_its_own_clause(token, sent, reference, future)) is not None:
        return own
    if _journey_to(token, kind):
        return None
    verb = _governing_verb(token)
    dates = [
        ent
        for ent in sentence_ents(sent)
        if ent.label_ in DAY_LABELS
        and not _is_blocked(ent)
        and not _is_what_an_anniversary_is_of(ent)
        and not ent.root.is_ancestor(token)
        and _in_the_same_predicate(_governing_verb(ent.root), verb)
    ]
    if future and _done_before_the_plan(token):
        future = None  # "will leave on Thursday, after a state dinner on Wednesday": the nearest Wednesday
    for ent in sorted(dates, key=lambda ent: not names_the_day(ent.text)):  # a calendar day before a weekday
        day = resolve(expression_of(ent), reference, future)
        if day:
            return day
    return None


def _day_of_its_own_clause(token: Token, sent: Span, reference: Reference, future: bool | None) -> date | None:
    """A day in a clause on the event word itself ("arrive for the summit starting on Friday", "the parade, which
    will be held on Sunday"): the event's, whatever the sentence's verb tells. A participle right after the word is
    its clause wherever the parser hung it."""
    for ent in sentence_ents(sent):
        clause = _governing_verb(ent.root)
        on_the_word = clause.dep_ in ("acl", "relcl") and clause.head == token
        right_after = clause.i == token.i + 1 and clause.tag_ in ("VBG", "VBN")
        if ent.label_ not in DAY_LABELS or not (on_the_word or right_after):
            continue
        if _is_blocked(ent) or _is_what_an_anniversary_is_of(ent):
            continue
        if day := _resolved_in_clause(ent, clause, reference, future):
            return day
    return None


def _resolved_in_clause(ent: Span, clause: Token, reference: Reference, future: bool | None) -> date | None:
    """A participle or a present tense has no direction of its own ("the summit starting on Friday"): the day
    nearest the reference, before or after; otherwise the sentence's tense decides."""
    today = reference.day
    if clause.tag_ not in ("VBG", "VBZ", "VBP") or today is None:
        return resolve(expression_of(ent), reference, future)
    either = [d for d in (resolve(expression_of(ent), reference, side) for side in (True, False)) if d]
    return min(either, key=lambda d: abs((d - today).days), default=None)


def _in_the_same_predicate(date_verb: Token, verb: Token) -> bool:
    """The date's verb is the event's, or completes it: "the ceremony is due to be held on Thursday", "the summit
    is set to open on Monday" (the date hangs on "held", the event on "is")."""
    while date_verb != verb and date_verb.dep_ in ("xcomp", "acomp") and date_verb.head != date_verb:
        date_verb = date_verb.head
    return date_verb == verb


def _done_before_the_plan(token: Token) -> bool:
    """The event sits in an "after ..." phrase of a future sentence ("will depart on Thursday after attending events
    that included a state dinner on Wednesday"): it comes before the plan, so it may already have happened."""
    return any(a.lower_ == "after" and a.dep_ in ("prep", "mark") for a in token.ancestors) or any(
        c.lower_ == "after" and c.dep_ in ("prep", "mark")
        for a in token.ancestors
        for c in a.children
        if a.pos_ == "VERB"
    )


def _journey_to(token: Token, kind: str) -> bool:
    """The event is what a journey is for ("arrived in Tehran for the inauguration", "flew in for the summit"), and
    is not one that begins on arrival ("arrived on Sunday for a three-day visit": the visit begins that day)."""
    if kind in knowledge().arrival_events:
        return False
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in knowledge().cues["travel_verbs"]


def _full_name(base: str, occasion: str | None) -> str:
    name = f"{base} marking {occasion}" if occasion else base
    return name[:1].upper() + name[1:]


def _term_head(token: Token) -> Token:
    """The token that stands for the event in the parse: the head of a term whose last word the tagger took for an
    adjective ("an arms fair which opened on Tuesday": the clause hangs on "arms")."""
    return token.head if token.pos_ == "ADJ" and token.dep_ == "amod" else token


def _base_name(token: Token) -> str:
    qualifiers = set(knowledge().cues["event_qualifiers"])
    left: list[Token] = []
    for child in token.lefts:
        if child.dep_ in ("compound", "nmod") or (child.dep_ == "amod" and _is_qualifier(child, qualifiers)):
            left.extend(t for t in child.subtree if not t.is_punct and t.dep_ != "det")
        elif child.dep_ == "poss" and child.pos_ == "PROPN" and not _dated_possessor(child):
            left.extend(t for t in child.subtree if not t.is_punct or t.text in ("'s", "’s"))
    verb_name = knowledge().event_verbs.get(token.lemma_, (token.lemma_, ""))[0]  # "paraded through Kyiv": a parade
    word = verb_name if token.pos_ == "VERB" and not token.is_title else token.text  # "Trooping", misread
    thing = next((c for c in token.children if c.dep_ == "dobj" and c.lower_ in _last_words_of_terms()), None)
    if token.pos_ == "VERB" and token.lemma_ in knowledge().cues["agent_verbs"]:
        # "attended the centenary celebrations in Ankara": "centenary celebrations"; "will join Cubans in Quito": an
        # event the text does not name ("Join" would read as an order)
        word = _day_kept(thing) if thing is not None else "event"
    kept_day = next((c for c in token.children if c.dep_ == "dobj"), None) if token.lemma_ in OCCASION_VERBS else None
    if kept_day is not None:  # "marked Madaraka Day": "Madaraka Day celebrations"
        word = f"{_day_kept(kept_day)} {verb_name}"
    if token.lemma_ == "meeting" and (body := _body_met(token)) is not None:
        name = " ".join(t.text for t in body.doc[body.left_edge.i : body.i + 1] if t.dep_ != "det")
        word = f"{word} of the {name}"  # "meeting of the Supreme State Council"
    if _term_head(token) is not token:  # "an arms fair" misread: the head and the word name the event
        word = f"{token.head.text} {token.text}"
    if _hyphenated_term(token, knowledge().event_type) is not None:
        word = f"{token.nbor(-2).text}-{token.text}"  # "march-past", not "past"
        left = [t for t in left if t.i < token.i - 2]
    return " ".join([t.text for t in left] + [word]).replace(" ’s", "’s").replace(" 's", "'s")


def _day_kept(day: Token) -> str:
    """ "its 100th anniversary of Army Day in Baghdad" -> "100th anniversary of Army Day": the day's own words and
    its "of" phrase, without determiners or places."""
    words = [t for t in day.doc[day.left_edge.i : day.i + 1] if t.dep_ not in ("det", "poss")]
    of = next((c for c in day.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if of is not None and named is not None:
        words += [of, *day.doc[named.left_edge.i : named.i + 1]]
    return " ".join(t.text for t in words)


def _is_qualifier(token: Token, qualifiers: set[str]) -> bool:
    return token.lower_ in qualifiers or token.ent_type_ in ("NORP", "GPE") or token.pos_ == "PROPN"


def _marked_occasion(token: Token) -> str | None:
    """'... marking the 80th anniversary of X' said of the event, as words to append to its name."""
    cues = knowledge().cues
    verbs, occasions = set(cues["commemorate_verbs"]), set(cues["occasion_words"])
    candidates = [c for c in token.children if c.dep_ in ("acl", "relcl") and c.lemma_ in verbs]
    if token.dep_ in ("nsubj", "nsubjpass"):
        head = token.head
        candidates += (
            [head]
            if head.lemma_ in verbs
            else [c for c in head.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ in verbs]
        )
        candidates += [c for c in head.children if c.dep_ == "conj" and c.lemma_ in verbs]
    if token.dep_ in ("dobj", "pobj"):
        verb = token.head.head if token.dep_ == "pobj" else token.head
        candidates += [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_ in verbs]
    for verb in candidates:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects and any(t.lemma_.lower() in occasions for t in objects[0].subtree):
            return _phrase(objects[0])
    return None


def _phrase(head: Token) -> str:
    """The object phrase without trailing coordinated items, at most MAX_TAIL tokens."""
    skip = {
        t.i
        for d in head.subtree
        if d.dep_ in ("conj", "cc", "relcl", "acl", "appos") and d.i != head.i
        for t in d.subtree
    }
    tokens: list[Token] = []
    for t in head.subtree:
        if t.text in (",", ";", "—", "(") or "\n" in t.text or len(tokens) >= MAX_TAIL:
            break  # a line break ends a headline's phrase
        if t.i not in skip:
            tokens.append(t)
    return "".join(t.text_with_ws for t in tokens).strip().strip(",;—-").strip()


def _group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Anchored mentions grouped by city and date; unanchored ones join the nearest group close by."""
    grouping = _Grouping()
    for mention in (m for m in mentions if m.city):
        grouping.add(mention, grouping.compatible(mention))
    for mention in (m for m in mentions if m.day and not m.city):
        target = grouping.compatible(mention)
        lead = grouping.lead
        if mention.priority >= VISIT_PRIORITY:
            target = target if target is not None else grouping.undated_in_sentence(mention.sent_index)
            if target is None and lead is not None and mention.kind != "visit" and grouping.same_run(lead, mention):
                target = lead
            if target is not None or mention.kind in DATED_APART:
                grouping.add(mention, target)  # "held talks with Modi on Wednesday", the day before: their own event
            continue
        if target is None and lead is not None and (grouping.day[lead] is None or grouping.same_run(lead, mention)):
            target = lead
        grouping.add(mention, target)
    for mention in (m for m in mentions if not (m.city or m.day)):
        target = grouping.by_sentence_kind.get((mention.sent_index, mention.kind))
        target = target if target is not None else grouping.lead
        if target is not None or (mention.country and mention.priority < VISIT_PRIORITY):
            grouping.add(mention, target)  # "the forum in Palau next week": with no other event, a country places it
    return grouping.groups


class _Grouping:
    """Mention groups with indexes by city, day and sentence kept as they grow, so that each mention finds its group
    without scanning the others (extraction stays linear in article length)."""

    def __init__(self) -> None:
        self.groups: list[list[Mention]] = []
        self.city: list[str | None] = []  # each group's first city
        self.day: list[date | None] = []  # each group's first day
        self.best: list[Mention] = []  # each group's most specific mention (lowest priority number)
        self.told_as_done: list[bool] = []  # a mention of the group's day says it in the past tense
        self.by_city: dict[str, list[int]] = defaultdict(list)
        self.by_day: dict[date, list[int]] = defaultdict(list)  # heaps: the earliest group first
        self.by_city_day: dict[tuple[str | None, date | None], list[int]] = defaultdict(list)  # heaps, checked lazily
        self.by_sentence_kind: dict[tuple[int, str], int] = {}
        self.undated_sentences: dict[int, list[int]] = defaultdict(list)
        self.lead: int | None = None

    def add(self, mention: Mention, index: int | None) -> None:
        """Append the mention to group `index`, or open a new group when it is None."""
        if index is None:
            index = len(self.groups)
            self.groups.append([])
            self.city.append(None)
            self.day.append(None)
            self.told_as_done.append(False)
            self.best.append(mention)
        self.groups[index].append(mention)
        if mention.priority < self.best[index].priority:
            self.best[index] = mention
        if self.city[index] is None and mention.city:
            self.city[index] = mention.city
            self.by_city[mention.city].append(index)
        if self.day[index] is None and mention.day:
            self.day[index] = mention.day
            heapq.heappush(self.by_day[mention.day], index)
        if mention.day and mention.day == self.day[index] and not mention.future and _told_in_the_past(mention):
            self.told_as_done[index] = True
        heapq.heappush(self.by_city_day[(self.city[index], self.day[index])], index)
        key = (mention.sent_index, mention.kind)
        self.by_sentence_kind[key] = min(index, self.by_sentence_kind.get(key, index))
        self.undated_sentences[mention.sent_index].append(index)
        if self.lead is None or _lead_key(self.groups[index]) > _lead_key(self.groups[self.lead]):
            self.lead = index

    def compatible(self, mention: Mention) -> int | None:
        """The first group of the mention's city with no other day, or of its day with no other city."""
        if mention.city and not mention.day:
            return self.by_city[mention.city][0] if self.by_city.get(mention.city) else None
        if mention.day and not mention.city:
            return self.by_day[mention.day][0] if self.by_day.get(mention.day) else None
        keys = ((mention.city, mention.day), (mention.city, None), (None, mention.day))
        found = [i for i in (self._first_with(key) for key in keys) if i is not None]
        return min(found) if found else None

    def _first_with(self, key: tuple[str | None, date | None]) -> int | None:
        heap = self.by_city_day.get(key)
        while heap and (self.city[heap[0]], self.day[heap[0]]) != key:
            heapq.heappop(heap)  # the group has since gained a day
        return heap[0] if heap else None

    def undated_in_sentence(self, sent_index: int) -> int | None:
        """The first undated group with a mention in this sentence."""
        return min((i for i in self.undated_sentences.get(sent_index, []) if self.day[i] is None), default=None)

    def same_run(self, index: int, mention: Mention) -> bool:
        """An unplaced mention a few days from the group's event, of its kind or a lesser kind (a session, a
        ceremony, a gathering): part of the same multi-day event ("opened the gathering on Tuesday")."""
        day, best = self.day[index], self.best[index]
        part_of_it = best.kind in MULTI_DAY_KINDS and mention.priority > best.priority
        same_kind = mention.kind == self.groups[index][0].kind or part_of_it
        close = day is not None and mention.day is not None and abs((mention.day - day).days) <= MAX_EVENT_DAYS
        return close and same_kind and not self._one_done_one_to_come(index, mention)

    def _one_done_one_to_come(self, index: int, mention: Mention) -> bool:
        """ "endorsed him at a ceremony on Tuesday ... the inauguration ceremony is due on Thursday": of a one-day kind,
        a mention to come on another day than the group's, whose day was told as done (a past verb), is another
        event."""
        return self.best[index].kind not in MULTI_DAY_KINDS and mention.future and self.told_as_done[index]


def _told_in_the_past(mention: Mention) -> bool:
    return any(t.tag_ == "VBD" for t in mention.sent)  # not a headline's "Xi to inspect parade"


def _lead_key(group: list[Mention]) -> tuple[bool, int, int]:
    """The article's main event is the group anchored most often, the earliest on a tie; a group placed only at a
    venue the gazetteer does not know leads only where no other does (a caption's palace is seldom the story)."""
    return not _placed_at_a_venue(group), len(group), -group[0].sent_index


def _with_venues_in_their_city(groups: list[list[Mention]]) -> list[list[Mention]]:
    """A group placed only at a venue the gazetteer does not know ("Palace of Independence") is the same event as
    a group of the same day in a known city of the article (the summit in Astana): it joins that group. Undated, it
    joins the article's only event in a known city ("at the National Stadium" in a report of the day in Harare)."""
    known = casefolded_city_aliases()
    in_city = [g for g in groups if (_city_of(g) or "").casefold() in known]
    kept = []
    for group in groups:
        if group in in_city or not _placed_at_a_venue(group):
            kept.append(group)
            continue
        day = _day_of(group)
        host = next((g for g in in_city if day is not None and _day_of(g) == day), None)
        if day is None and len(in_city) == 1:
            host = in_city[0]
        if host is None:
            kept.append(group)
        else:
            host.extend(replace(m, city=None) for m in group)
    return kept


def _placed_at_a_venue(group: list[Mention]) -> bool:
    """The group's place is a named venue (a palace, a base), not a town the gazetteer does not know ("Tsugol")."""
    city = _city_of(group)
    if city is None or city.casefold() in casefolded_city_aliases():
        return False  # a known city ("Minsk"), whatever label the model gives its name in some sentence
    return any(_names_a_venue(e) and _venue_name(e) == city for m in group for e in sentence_ents(m.sent))


def _city_of(group: list[Mention]) -> str | None:
    return next((m.city for m in group if m.city), None)


def _day_of(group: list[Mention]) -> date | None:
    return next((m.day for m in group if m.day), None)


def _lead_group(groups: list[list[Mention]]) -> list[Mention] | None:
    """The article's main event: the first anchored one unless another is anchored more often."""
    return max(groups, key=_lead_key) if groups else None


def _event_from(group: list[Mention], doc_id: str) -> Event:
    city = next((m.city for m in group if m.city), None) or next((m.country for m in group if m.country), None)
    days = [m.day for m in group if m.day]
    lead_kind = min(group, key=lambda m: m.priority).kind
    day = (min(days) if lead_kind in MULTI_DAY_KINDS else days[0]) if days else None  # multi-day: its first day
    named = min(group, key=lambda m: (m.priority, _is_headline(m.sent), -min(len(m.name.split()), 6)))
    occasion = next((m.occasion for m in group if m.occasion and m.priority == named.priority), None)
    occasion = occasion or next((m.occasion for m in group if m.occasion), None)
    name = _full_name(named.name, occasion)
    evidence, seen = [], set()
    cited = [m for m in group if m.city or m.day or m is named]
    for mention in sorted(cited, key=lambda m: m.sent_index)[:MAX_EVIDENCE]:
        if mention.sent_index not in seen:
            seen.add(mention.sent_index)
            sent = mention.sent
            evidence.append(
                Evidence(doc=doc_id, text=span_text(sent).strip(), start=sent.start_char, end=sent.end_char)
            )
    iso = day.isoformat() if day else None
    return Event(id=event_id(city, iso, name), name=name, date=iso, location=city, evidence=tuple(evidence))


def _is_headline(sent: Span) -> bool:
    """A title-cased line (a headline or heading): its capitals make a poor event name."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) / len(words) > 0.6
