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

from briefings.models import Document
from briefings.nlp.knowledge import fold, knowledge

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
MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH_DAY = re.compile(rf"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
DAY_MONTH = re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(\d{{4}}))?")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
WEEKDAY = re.compile(r"(?i)\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b")
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
FULL_DATE = re.compile(
    rf"(?i)\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})\b|\b\d{{1,2}}\s+{MONTH},?\s+(\d{{4}})\b"
)
ANNIVERSARY = re.compile(r"(?i)\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?([^.;:]{3,90})")


@dataclass(frozen=True)
class Reference:
    """What a date expression is resolved against: a trusted day, or only a year, or nothing."""

    day: date | None = None
    year: int | None = None

    @property
    def reliable(self) -> bool:
        """True when relative expressions ("on Friday") may be resolved."""
        return self.day is not None


def reference_for(document: Document, text: str | None = None) -> Reference:
    """The publication date when the article gave it; else a year read from the text (or nothing)."""
    if document.published and document.published_from not in UNRELIABLE_SOURCES:
        return Reference(day=document.published, year=document.published.year)
    return Reference(year=year_from_text(text if text is not None else document.text))


def year_from_text(text: str) -> int | None:
    """The latest year written in a full date, else the year an anniversary falls in."""
    years = [int(m.group(2) or m.group(4)) for m in FULL_DATE.finditer(text)]
    if years:
        return max(years)
    return anniversary_year(text)


def anniversary_year(text: str) -> int | None:
    """'80th anniversary of the end of World War II' -> 2025 (base years from data/anniversaries.jsonl)."""
    known = knowledge().anniversaries
    for match in ANNIVERSARY.finditer(text):
        ordinal, subject = int(match.group(1)), match.group(2)
        inline = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", subject)
        if inline:
            return int(inline.group(1)) + ordinal
        folded = fold(subject)
        for phrase, year in sorted(known.items(), key=lambda item: -len(item[0])):
            if phrase in folded:
                return year + ordinal
    return None


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
    if not reference.reliable:
        return None
    lowered = text.lower()
    for word, offset in RELATIVE_DAYS.items():
        if re.search(rf"\b{word}\b", lowered):
            return reference.day + timedelta(days=offset)
    weekday = WEEKDAY.search(text)
    if weekday:
        return _nearest_weekday(weekday.group(0).lower(), reference.day, future)
    return None


def _month_and_day(text: str) -> tuple[int, int, int | None] | None:
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        match = pattern.search(text)
        if match:
            year = int(match.group(3)) if match.group(3) else None
            return MONTHS[match.group(month_group).lower()[:3]], int(match.group(day_group)), year
    return None


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
