"""Resolve date expressions ("Sept. 3", "on Friday", "October 10, 2025") against an article's reference date.

The publication date is trusted only when it came from the article itself (metadata, dateline, caption).
When it is the file time or unknown, the reference year comes from full dates written in the text or from
an anniversary ("80th anniversary of the end of World War II" -> 2025), and relative expressions
("next week", "on Friday") stay unresolved rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span

from briefings.models import Document
from briefings.nlp.knowledge import fold, knowledge, read_jsonl

UNRELIABLE_SOURCES = {None, "file_time"}
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
MONTH_NAME = re.compile(rf"(?i){MONTH}")
MONTH_DAY = re.compile(rf"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
DAY_MONTH = re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(\d{{4}}))?")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
WEEKDAY = re.compile(r"(?i)\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b")
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
NTH_WEEKDAY = re.compile(  # "the last Sunday of July", "the first Monday in October": a day of the calendar
    rf"(?i)\b(first|second|third|fourth|last)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"\s+(?:of|in)\s+{MONTH}(?:,?\s+(\d{{4}}))?"
)
ORDINAL_WEEKS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
FULL_DATE = re.compile(
    rf"(?i)\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})\b|\b\d{{1,2}}\s+{MONTH},?\s+(\d{{4}})\b"
)
ANNIVERSARY = re.compile(
    r"(?i)\b(?:(\d{1,3})(?:st|nd|rd|th)\s+anniversary|(\d{1,3})\s+years|(centenary|centennial))\s+(?:of|since)\s+"
    r"(?:the\s+)?([^.;:\n]{3,90})"
)
ORDINAL_OCCASION = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)")
WRITTEN_YEAR = re.compile(r"\s+((?:19|20)\d\d)\b")  # a year right after an edition's name: the edition's year
HEAD_LINES = 8  # a page's headline, kicker, date and menu lines sit above its first paragraphs
HEAD_LINE_WORDS = 16  # longer lines are prose: "In 2019, ..." there is history, not the article's date
UPDATED = re.compile(r"(?i)\s*(?:last\s+)?updated\b")  # a page updated years later is no date of its story
ANNIVERSARY_OF = re.compile(r"(?i)\banniversary\s+of\b")
ANNIVERSARY_SUBJECT_CHARS = 60  # a date this close after "anniversary of" in its clause is what it is of
HEADLINE_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
POSSESSIVE_END = re.compile(r"(?:'s|’s|')$")
NOT_AFTER_A_WAR = "(?<!war of )(?<!war for )(?<!struggle for )"  # "the war for independence" is not independence
BARE_DAY_NAMES = {"independence"}  # "the anniversary of independence" means the national day; "national" alone does not
SUBJECT_CONTEXT = re.compile(
    r"(?i)\s(?:during|in|amid|after|before)\s"
)  # "liberation ... in World War II": not the war's year
SUBJECT_END = re.compile(r",|\s(?:and|but|since|while|as|when)\s")  # "... of the end of World War II and the first
# such event since 2019": the anniversary's subject ends where the next clause begins
RELATIVE_WORDS = ("this", "next", "last", "coming")  # the word before a day that says which one ("this weekend")
NEAREST_YEARS = (-1, 0, 1)  # an annual day is the occurrence nearest the article: last year's, this year's or next
RANGE_YEAR = re.compile(r"^\s*(?:-|–|to|until|through)\s*.*?\b(1[89]\d\d|20\d\d)\b")  # the year ending a range


@dataclass(frozen=True)
class Occasion:
    """A dated occasion from data/anniversaries.jsonl: the year it began and, for annual days, its day."""

    phrase: str  # folded
    year: int
    month: int | None = None
    day: int | None = None
    country: str | None = None  # a name many countries share ("Independence Day") counts only in that country's news
    annual: bool = False  # the name of a yearly day ("Republic Day"), not only what an anniversary is of ("NATO")
    moves: tuple[tuple[int, int, int], ...] = ()  # (since year, month, day): a national day moved to another date
    counts_editions: bool = False  # "the 76th Republic Day" counts the day itself as the first, not anniversaries

    def month_day(self, year: int) -> tuple[int, int | None] | None:
        """The month and day the occasion is kept on in `year` (the latest move made by then)."""
        moved = [(m, d) for since, m, d in sorted(self.moves) if since <= year]
        if moved:
            return moved[-1]
        return (self.month, self.day) if self.month else None

    def fits(self, countries: frozenset[str] | None) -> bool:
        return self.country is None or (countries is not None and self.country in countries)

    def names(self, folded: str, bare: bool = False) -> bool:
        """The phrase occurs in the folded text as whole words; with `bare`, a national day's name may drop its
        "day" ("the 26th anniversary of independence"; not "of the war of (or for) independence", which began years
        before)."""
        return any(
            p in folded and re.search(rf"{NOT_AFTER_A_WAR}\b{re.escape(p)}\b", folded) for p in self.phrases(bare)
        )

    def phrases(self, bare: bool = False) -> set[str]:
        """The names the occasion goes by: its phrase, and with `bare` a national day's name without "day"."""
        short = self.phrase.removesuffix(" day")
        return {self.phrase, short} if bare and self.country and short in BARE_DAY_NAMES else {self.phrase}


@dataclass(frozen=True)
class Reference:
    """What a date expression is resolved against: a trusted day, or only a year, or nothing."""

    day: date | None = None
    year: int | None = None

    @property
    def reliable(self) -> bool:
        """True when relative expressions ("on Friday") may be resolved."""
        return self.day is not None


def reference_for(document: Document, text: str | None = None, countries: frozenset[str] | None = None) -> Reference:
    """The publication date when the article gave it; else a year read from the text (or nothing). `countries`
    (the article's) tell whose national day an anniversary counts from; the dateline's by default."""
    if document.published and document.published_from not in UNRELIABLE_SOURCES:
        return Reference(day=document.published, year=document.published.year)
    countries = countries or dateline_countries(document.dateline_places)
    saved = document.published.year if document.published else None  # no page dates itself after it was saved
    return Reference(year=year_from_text(text if text is not None else document.text, countries, latest=saved))


@lru_cache(maxsize=1)
def casefolded_city_aliases() -> dict[str, str]:
    """Every city and landmark alias and every town, case-folded ("BAGHDAD" and "Baghdad" alike) -> its city; built
    once. A dateline ("KOCHI, India") places its town as surely as "in" does."""
    facts = knowledge()
    towns = {town.casefold(): town for town in facts.town_country}
    return towns | {name.casefold(): city for name, city in facts.city_alias.items()}


def dateline_countries(places: tuple[str, ...] | list[str]) -> frozenset[str] | None:
    """The countries of the dateline's known cities ("BAGHDAD" -> Iraq): whose "Army Day" the article means."""
    facts = knowledge()
    cities = casefolded_city_aliases()
    found = {
        facts.city_country[city]
        for place in places
        if (city := cities.get(place.split(",")[0].strip().casefold())) and city in facts.city_country
    }
    return frozenset(found) or None


@lru_cache(maxsize=8)  # events, attendees and their features ask for one article's year in turn
def year_from_text(text: str, countries: frozenset[str] | None = None, latest: int | None = None) -> int | None:
    """The year of a full date in the article's opening (headline and lede), the text's own day; else the latest
    year the article dates itself by: a full date or an anniversary ("the 100th anniversary of Army Day"
    in Iraqi news -> 2021) or a year in its headline ("Republic Day 2018: ..."). The founding day an occasion recalls
    ("founded on Jan. 6, 1921") is history, not a date the article keeps; a year after `latest` (the year the file
    was saved) is a typo ("December 26, 2108") or a plan, not the article's."""
    full_dates = [
        (m.start(), _month_and_day(m.group(0)))
        for m in FULL_DATE.finditer(text)
        if not _anniversary_counts_from(m, text)
    ]
    dated = [(at, d[2]) for at, d in full_dates if d and d[2] and d not in _founding_days()]
    opening = len(_opening(text))
    if lede_years := [y for at, y in dated if at < opening and (latest is None or y <= latest)]:
        return max(lede_years)  # "hosted a reception on 26 January 2022": the lede's own day beats a count later on
    years = [y for _, y in dated]
    anniversary = anniversary_year(text, countries)
    years += [anniversary] if anniversary else []
    years += [int(y) for line in _head_lines(text) for y in HEADLINE_YEAR.findall(line)]
    years += [int(m.group(1)) for m in _event_year_pattern().finditer(text)]
    years = [y for y in years if latest is None or y <= latest]
    return max(years) if years else None


def _anniversary_counts_from(date_match: re.Match, text: str) -> bool:
    """ "the anniversary of the Army's founding on June 14, 1775": the day the anniversary counts from."""
    before = text[max(0, date_match.start() - ANNIVERSARY_SUBJECT_CHARS) : date_match.start()]
    return bool(ANNIVERSARY_OF.search(re.split(r"[.,;:\n]", before)[-1]))  # no comma: "in Algiers, 05 July 2022"


@lru_cache(maxsize=1)
def _founding_days() -> frozenset[tuple[int, int, int]]:
    """The days the dated occasions recall ("Aug. 14, 1947" for Pakistan's Independence Day): history an article
    retells, never the day it was written."""
    return frozenset((o.month, o.day, o.year) for o in occasions() if o.month and o.day)


@lru_cache(maxsize=1)
def _event_year_pattern() -> re.Pattern:
    """A year naming an edition of an event: "the 2022 parade", "this year's 2023 summit", "Aero India 2025"."""
    words = sorted({w for w in knowledge().event_type if " " not in w}, key=len, reverse=True)
    nouns = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?i)\b(?:the|its|this)\s+(19[5-9]\d|20\d\d)\s+(?:[\w'’-]+\s+){{0,2}}(?:{nouns})s?\b")


def _opening(text: str) -> str:
    """The head lines and the first paragraph of prose after them."""
    lines = text.split("\n", HEAD_LINES)[:HEAD_LINES]
    prose = next((k for k, line in enumerate(lines) if len(line.split()) > HEAD_LINE_WORDS), len(lines) - 1)
    return "\n".join(lines[: prose + 1])


def _head_lines(text: str) -> list[str]:
    """The short lines at the top of an article (headline, date and menu lines), not its prose."""
    lines = text.split("\n", HEAD_LINES)[:HEAD_LINES]
    short = [line for line in lines[1:] if len(line.split()) <= HEAD_LINE_WORDS and not UPDATED.match(line)]
    return lines[:1] + short


@lru_cache(maxsize=1)
def occasions() -> tuple[Occasion, ...]:
    """The dated occasions, longest phrase first (the most specific name wins)."""
    rows = [
        Occasion(
            phrase=fold(row["phrase"]),
            year=row["year"],
            month=row.get("month"),
            day=row.get("day"),
            country=row.get("country"),
            annual=row.get("annual", False),
            moves=tuple((m["since"], m["month"], m["day"]) for m in row.get("moved", ())),
            counts_editions=row.get("counts_editions", False),
        )
        for row in read_jsonl("anniversaries.jsonl")
    ]
    return tuple(sorted(rows, key=lambda o: -len(o.phrase)))


def anniversary_year(text: str, countries: frozenset[str] | None = None) -> int | None:
    """'80th anniversary of the end of World War II' -> 2025 (base years from data/anniversaries.jsonl)."""
    found = _anniversary(text, countries)
    return found[0] if found else None


def _anniversary(text: str, countries: frozenset[str] | None) -> tuple[int, Occasion | None] | None:
    """The year of the first anniversary the text names, with the occasion it is of (when known)."""
    for match in ANNIVERSARY.finditer(text):
        ordinal = 100 if match.group(3) else int(match.group(1) or match.group(2))
        subject = SUBJECT_END.split(match.group(4), maxsplit=1)[0]
        inline = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", subject)
        if inline:
            return int(inline.group(1)) + ordinal, None
        folded = fold(SUBJECT_CONTEXT.split(subject, maxsplit=1)[0])
        named = [o for o in occasions() if o.fits(countries) and o.names(folded, bare=True)]
        own = [o for o in named if o.country]
        if len(own) > 1:  # "Malawi marked its 59th anniversary of independence": the country the text names
            own = _of_the_country_named(own, text[: match.start()])
        occasion = own[0] if len(own) == 1 else (named[0] if named else None)  # Turkey's Victory Day, if only hers
        if occasion:
            return occasion.year + ordinal, occasion
    return None


def names_an_occasion(text: str) -> bool:
    """The text names some dated occasion (by any of its names): most sentences name none, and this one search
    spares them the walk over every occasion that `occasion_owner` and `occasion_day` make."""
    return _occasion_names().search(fold(text)) is not None


@lru_cache(maxsize=1)
def _occasion_names() -> re.Pattern[str]:
    phrases = sorted({p for o in occasions() for p in o.phrases(bare=True)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def occasion_owner(text: str) -> str | None:
    """The country whose name or demonym stands just before a national day's name ("Philippine independence",
    "Kenya's Independence Day"): whose day the text means, whatever the dateline's country."""
    folded = fold(text)
    for occasion in occasions():
        if not occasion.country or not occasion.names(folded, bare=True):
            continue
        phrase = min(occasion.phrases(bare=True), key=len)  # "independence" finds "Independence Day" too
        for match in re.finditer(rf"(?i)\b{re.escape(phrase)}\b", text):
            before = POSSESSIVE_END.sub("", text[: match.start()].rstrip())
            if any(before.endswith(form) for form in _country_forms().get(occasion.country, ())):
                return occasion.country
    return None


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, tuple[str, ...]]:
    """Each country's capitalised names, aliases and demonyms ("Philippines", "Philippine", "Filipino")."""
    forms: dict[str, list[str]] = {}
    for form, country in knowledge().country_of.items():
        if form[:1].isupper():
            forms.setdefault(country, []).append(form)
    return {country: tuple(names) for country, names in forms.items()}


def _of_the_country_named(occasions: list[Occasion], before: str) -> list[Occasion]:
    """Of several countries' occasions of one name, the one whose country the text names last before it (a name,
    alias or demonym: "Malawi marked its 59th anniversary of independence"); all of them when it names none."""
    wanted = {o.country for o in occasions}
    last: dict[str, int] = {}
    for form, country in knowledge().country_of.items():
        if country in wanted and form[:1].isupper() and (at := _last_word(before, form)) >= 0:
            last[country] = max(last.get(country, -1), at)
    named = [o for o in occasions if o.country in last]
    return [max(named, key=lambda o: last[o.country or ""])] if named else occasions


def _last_word(text: str, words: str) -> int:
    """Where `words` last stand in the text as whole words ("Niger", not inside "Nigeria"); -1 if nowhere."""
    at = text.rfind(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return at
        at = text.rfind(words, 0, at)
    return -1


def occasion_day(text: str, reference: Reference, countries: frozenset[str] | None = None) -> date | None:
    """The day of a dated occasion the text names: "the 105th anniversary of Kim Il Sung's birth" -> 2017-04-15;
    "Republic Day" in an article of 2018-01-20 -> 2018-01-26. The year comes from the ordinal of an anniversary,
    else the occurrence nearest the article's date, else the article's year."""
    anniversary = _anniversary(text, countries)
    if anniversary and anniversary[1] and (kept := anniversary[1].month_day(anniversary[0])):
        return _safe_date(anniversary[0], kept[0], kept[1] or 1)
    folded = fold(text)
    named = [o for o in occasions() if o.annual and o.fits(countries) and o.names(folded) and o.month and o.day]
    if not named:
        return None
    occasion = named[0]
    if reference.day is None and (counted := _counted_edition(text, occasion)):
        return counted
    if (today := reference.day) is not None:  # of several countries' "Victory Day", the one nearest the article
        same_name = [o for o in named if o.phrase == occasion.phrase]
        candidates = [_occasion_in(o, today.year + k) for o in same_name for k in NEAREST_YEARS]
        return min((d for d in candidates if d), key=lambda d: abs((d - today).days), default=None)
    return _occasion_in(occasion, reference.year) if reference.year else None


def _occasion_in(occasion: Occasion, year: int) -> date | None:
    kept = occasion.month_day(year)
    return _safe_date(year, kept[0], kept[1]) if kept and kept[1] else None


def expression_of(ent: Span) -> str:
    """A date entity's text with the "this", "next" or "last" the model left out of it ("this | weekend's")."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in RELATIVE_WORDS and not before.ent_type_:
        return f"{before.text} {ent.text}"
    return ent.text


def resolve(expression: str, reference: Reference, future: bool | None = None) -> date | None:
    """A calendar day for a date expression, or None when it names no day or cannot be resolved safely."""
    text = expression.strip()
    iso = ISO.search(text)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    explicit = _month_and_day(text)
    if explicit:
        month, day, year = explicit
        return _with_year(month, day, year, reference, future)
    if (nth := NTH_WEEKDAY.search(text)) and (year := int(nth.group(4)) if nth.group(4) else reference.year):
        return _nth_weekday(nth.group(1).lower(), nth.group(2).lower(), MONTHS[nth.group(3).lower()[:3]], year)
    if (today := reference.day) is None:
        return None
    lowered = text.lower()
    for word, offset in RELATIVE_DAYS.items():
        if re.search(rf"\b{word}\b", lowered):
            return today + timedelta(days=offset)
    if re.search(r"\bweekend\b", lowered):
        return _weekend_saturday(lowered, today, future)
    weekday = WEEKDAY.search(text)
    if weekday and re.search(rf"(?i)\bthis\s+{re.escape(weekday.group(0))}", text):
        return _weekday_of_the_week(weekday.group(0).lower(), today)
    if weekday and (side := re.search(rf"(?i)\b(last|next)\s+{re.escape(weekday.group(0))}", text)):
        return _weekday_past_the_reference(weekday.group(0).lower(), today, side.group(1).lower() == "next")
    if weekday:
        return _nearest_weekday(weekday.group(0).lower(), today, future)
    return None


def _weekend_saturday(lowered: str, day: date, future: bool | None) -> date:
    """ "over the weekend", "this weekend", "next weekend": the weekend's first day, the Saturday. A weekend told
    in the past is the last one begun on or before the reference day; a coming one is the next."""
    words = lowered.split()
    saturday = WEEKDAYS.index("saturday")
    begun = day - timedelta(days=(day.weekday() - saturday) % 7)  # the last Saturday on or before the day
    coming = begun if begun == day else begun + timedelta(days=7)
    if "next" in words:
        return begun + timedelta(days=7)
    if "last" in words:
        return begun if begun < day - timedelta(days=1) else begun - timedelta(days=7)
    if "this" in words:
        return begun if day.weekday() >= saturday else coming
    return coming if future else begun


def _nth_weekday(nth: str, weekday: str, month: int, year: int) -> date:
    """ "the last Sunday of July 2020" -> 2020-07-26; "the first Monday in October" -> that Monday."""
    target = WEEKDAYS.index(weekday)
    if nth == "last":
        last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - target) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(target - first.weekday()) % 7 + 7 * ORDINAL_WEEKS[nth])


def _weekday_past_the_reference(word: str, day: date, ahead: bool) -> date:
    """ "last Friday", "next Friday": the nearest such weekday strictly before or after the reference day."""
    target = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(word[:3]))
    if ahead:
        return day + timedelta(days=(target - day.weekday() - 1) % 7 + 1)
    return day - timedelta(days=(day.weekday() - target - 1) % 7 + 1)


def _weekday_of_the_week(word: str, day: date) -> date:
    """ "this Wednesday": the Wednesday of the reference's own week (Monday to Sunday), before or after it."""
    target = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(word[:3]))
    return day + timedelta(days=target - day.weekday())


def is_month_name(word: str) -> bool:
    """ "Aug", "Sept.", "September": a month's name or its abbreviation."""
    return MONTH_NAME.fullmatch(word) is not None


def names_the_day(expression: str) -> bool:
    """The expression gives month and day ("September 7", "2022-09-07"), not only a weekday or "today": where a
    sentence gives both ("this Wednesday, September 7"), the calendar day wins."""
    return bool(ISO.search(expression) or _month_and_day(expression))


def _counted_edition(text: str, occasion: Occasion) -> date | None:
    """ "the 76th National Independence Day" -> the 76th anniversary of the day (used only without a trusted date:
    some countries count editions, one more than anniversaries)."""
    for match in ORDINAL_OCCASION.finditer(text):
        if occasion.names(fold(match.group(2))) and occasion.month and occasion.day:
            if written := WRITTEN_YEAR.match(text, match.end()):  # "the 11th National Day Parade 2018"
                return _occasion_in(occasion, int(written.group(1)))
            first = 1 if occasion.counts_editions else 0  # India's 1950 Republic Day was its first
            year = occasion.year + int(match.group(1)) - first
            return _on_the_named_weekday(occasion, (year, year + 1 if first else year - 1), text)
    return None


def _on_the_named_weekday(occasion: Occasion, years: tuple[int, int], text: str) -> date | None:
    """ "on Monday ... marking the 49th Victory Day": whether the count is of editions or of anniversaries, the
    weekday the text names tells which of the two years is meant; without one, the first."""
    days = [d for year in years if (d := _occasion_in(occasion, year)) is not None]
    named = WEEKDAY.search(text)
    if named is None or not days:
        return days[0] if days else None
    weekday = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(named.group(1).lower()[:3]))
    return next((d for d in days if d.weekday() == weekday), days[0])


def _month_and_day(text: str) -> tuple[int, int, int | None] | None:
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        match = pattern.search(text)
        if match:
            year = int(match.group(3)) if match.group(3) else _range_year(text[match.end() :])
            return MONTHS[match.group(month_group).lower()[:3]], int(match.group(day_group)), year
    return None


def _range_year(rest: str) -> int | None:
    """The year a range gives once, at its end: "from September 14 to September 20, 2017"."""
    found = RANGE_YEAR.search(rest)
    return int(found.group(1)) if found else None


def _with_year(month: int, day: int, year: int | None, reference: Reference, future: bool | None) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if reference.year is None:
        return None
    resolved = _safe_date(reference.year, month, day)
    if resolved and reference.day and future and resolved < reference.day - timedelta(days=180):
        resolved = _safe_date(reference.year + 1, month, day)
    if resolved and reference.day and future is False and resolved > reference.day + timedelta(days=180):
        resolved = _safe_date(reference.year - 1, month, day)
    return resolved


def _nearest_weekday(word: str, day: date, future: bool | None) -> date:
    """The weekday nearest the reference in the tense's direction; the reference's own weekday is that day
    ("scheduled to fly on Sunday" in a Sunday paper means today: a week away would be "next Sunday")."""
    target = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(word[:3]))
    if future:
        return day + timedelta(days=(target - day.weekday()) % 7)
    return day - timedelta(days=(day.weekday() - target) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
