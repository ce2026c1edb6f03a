"""Boilerplate removal and metadata (title, date, source, authors) for one raw article.

Cleaning is conservative: a line goes only when it matches a pattern in `data/boilerplate.jsonl`
(or repeats an earlier line); everything else is kept word for word, one paragraph per line.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from briefings.errors import BadInput
from briefings.extract.dates import MONTHS, casefolded_city_aliases, dateline_countries, year_from_text
from briefings.models import Document, RawDocument
from briefings.nlp.knowledge import knowledge

log = logging.getLogger(__name__)

RULES_FILE = Path(__file__).parent / "data" / "boilerplate.jsonl"
HEAD_LINES = 8  # page furniture (title lines, a stamp) can push the date to the eighth line
MAX_HEADLINE_WORDS = 20

MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?\s+"
DATE = (
    rf"(?:{WEEKDAY})?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}/\d{4})"
)
HEAD_DATE = re.compile(  # a head line's date in the forms pages print beside an outlet's name or a byline
    rf"{DATE}|\b\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}\b|\b\d{{1,2}}-\d{{1,2}}-\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s*{MONTH},?\s+\d{{4}}"  # "10Dec 2021"
)
DATE_SEPARATOR_SPACE = re.compile(r"(?<=\d)\s*([/.])\s*(?=\d)")
PLAUSIBLE_YEARS = range(1900, 2100)  # "14 November 9617" under a headline is a view count run into the date
HEAD_DATE_WORDS = 16  # longer lines are prose, whose dates are what the story tells of
MIN_CAPTION_WORDS = 6  # a full stop after this many words ends a caption's sentence; after fewer, a stamp's date
MONTH_DAY = rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH})(?![,.]?\s*\d)"
UPPER = "[" + "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isupper() and c.isalpha()) + "]"
# any upper-case Latin, Greek or Cyrillic letter: a dateline in capitals keeps its accents ("HÀ NỘI —")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
MONTH_FIRST = re.compile(rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})")
DATE_IN_TEXT = re.compile(DATE)
DAY_FIRST = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s*({MONTH}),?\s+(\d{{4}})")
YEAR_FIRST = re.compile(r"\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b")  # 2024.05.09, 2020/9/18
DASHED = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")  # 16-08-2022: day first
DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")  # 19.10.2023: day first, as European pages write it
MONTHS_IN_A_YEAR = 12
SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # 25/02/2022: day first unless the day is second
MONTH_DAY_PARTS = re.compile(rf"({MONTH})\s+(\d{{1,2}})|(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})")

SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
# "Peopleʼs", "Prosecutor´s": a letter or an accent typed for the apostrophe, which the tokenizer would not split off
APOSTROPHE_LOOKALIKE = re.compile(r"(?<=\w)[\u02bc\u00b4](?=\w)")
RUN_ON_SENTENCE = re.compile(r"(?<![\w./])([^\W\d_]*[a-zà-ÿ]{2})\.(?=[A-Z][a-z]{2,}\b)")  # "Salé.The"; not "Mr.Smith"
GLUED_TITLE = re.compile(r"\b([A-Z][a-zà-ÿ]{2,})([A-Z][a-z]{3,})\b")  # "DuranSecretary"
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
MIN_WRAPPED_LINE = 40  # a line this long may be a wrapped one; shorter ones are headings, bylines, ends
MIN_WRAPPED_LINES = 8  # enough long lines to tell a fixed width from chance
WIDTH_SHARE = 0.8  # the wrap width: the length most long lines stay under (a longer headline is left out)
WRAP_SLACK = 15  # a wrapped line ends within one long word of the width
NEAR_WIDTH_SHARE = 0.6  # most long lines end near the width when the page is wrapped
MAX_WRAP_WIDTH = 100  # wider than this, lines are paragraphs
MIN_LOWER_CONTINUATIONS = 0.3  # of the lines after a line that reaches the width; most words of prose are lower case
CLOSING_MARKS = '.!?:"”’)'  # a line ending in one of these may end its paragraph
BULLET = re.compile(r"^(?:[-*•·▪●◦‣–]|\d{1,2}[.)])\s+")
PAGE_DATE = re.compile(r"^date \d{4}-\d{2}")  # a stored page's own date field, kept on its own line
SENTENCE_END = re.compile(r"([.!?][\"”’)]*)\s+(?=[\"“‘(]?[A-Z0-9@])")
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "maj",
    "capt",
    "adm",
    "sgt",
    "st",
    "jr",
    "sr",
    "no",
    "vol",
    "inc",
    "corp",
    "co",
    "ltd",
    "vs",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
NAME_PIECE = re.compile(r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|van|von|de|der|da|bin|al|le))+")
SCOPES = {"head": ("head", "any"), "body": ("any",), "tail": ("tail", "any")}
SEGMENT_SPLIT = re.compile(r"\s[|•·]\s")
KICKER = re.compile(r"(?P<kicker>.+)")
MAX_KICKER_WORDS = 6
PUBLISHED_FROM = {"json": "json", "jsonl": "json", "html": "html", "md": "front_matter"}


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern from the data file."""

    kind: str
    match: str  # "line" | "sentence" | "prefix"
    where: str  # "head" | "any" | "tail"
    regex: re.Pattern
    note: str = ""
    known_place: bool = False  # the rule's place must be a city or town the gazetteer knows ("ISLAMABAD:")


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text (one paragraph or heading per line) and the metadata read from the boilerplate."""

    text: str
    title: str | None = None
    published: date | None = None
    kicker: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    photo_date: date | None = None  # the date in a photo caption: a fallback for `published`
    places: tuple[str, ...] = ()  # where the dateline says the story was filed, then the kickers (maybe a city)
    captions: tuple[str, ...] = ()  # photo captions as `text` keeps them (label and credit cut)
    removed: tuple[tuple[str, str], ...] = ()  # (kind, removed text), in document order


@dataclass
class _Found:
    """Metadata collected while removing boilerplate, first finding first."""

    dates: list[date] = field(default_factory=list)
    month_days: list[tuple[int, int]] = field(default_factory=list)  # a wire dateline's day without its year
    stamps: list[date] = field(default_factory=list)  # labelled "Published: ..." lines below the head
    kickers: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    photo_dates: list[date] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)

    def take(self, kind: str, text: str, matches: list[re.Match]) -> None:
        """Record a removal and the metadata its named groups carry."""
        self.removed.append((kind, text))
        if kind == "caption" and not re.search(r"(?i)\bfile\b", text) and (dated := DATE_IN_TEXT.search(text)):
            self.photo_dates.extend(filter(None, [parse_date(dated.group(0))]))
        for match in matches:
            groups = {k: v for k, v in match.groupdict().items() if v}
            if "date" in groups and (parsed := parse_date(groups["date"])):
                self.dates.append(parsed)
            if "stamp" in groups and (parsed := parse_date(groups["stamp"])):
                self.stamps.append(parsed)
            if "monthday" in groups and (parts := _month_and_day(groups["monthday"])):
                self.month_days.append(parts)
            if "kicker" in groups:
                self.kickers.append(groups["kicker"].strip())
            if "place" in groups:
                self.places.append(groups["place"].strip(" ,"))
            if "authors" in groups:
                self.authors.extend(split_names(groups["authors"]))
            if "source" in groups:
                self.sources.append(groups["source"].strip(" ."))
            if "sources" in groups:
                self.sources.append(_source_list(groups["sources"]))


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The boilerplate rules, `{DATE}` in a pattern standing for any supported date form, `{UPPER}` for any
    upper-case letter."""
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                row = json.loads(line)
                pattern = row["pattern"].replace("{DATE}", DATE).replace("{MONTHDAY}", MONTH_DAY)
                regex = re.compile(pattern.replace("{UPPER}", UPPER))
                known_place = bool(row.get("known_place", False))
                rules.append(Rule(row["kind"], row["match"], row["where"], regex, row.get("note", ""), known_place))
            except (ValueError, KeyError, re.error) as exc:
                raise ValueError(f"{path}:{number}: bad boilerplate rule ({exc})") from None
    return tuple(rules)


def clean_text(text: str) -> CleanResult:
    """Remove boilerplate lines from an article and read the metadata they carry."""
    found = _Found()
    lines = _drop_repeats(_lines(_unwrap_hard_wraps(normalise_whitespace(text))), found)
    kept: list[str] = []
    related = begun = False  # under "Related stories", once the article's text has begun (above it, none follow)
    for index, line in enumerate(lines):
        if related and _other_storys_headline(line):
            found.removed.append(("related", line))
            continue
        related = begun and _is_related_heading(line)
        stripped = _strip_line(line, "head" if index < HEAD_LINES else "body", found)
        if stripped:
            kept.append(stripped)
            begun = begun or _ends_a_sentence(stripped)
    kept = _trim_tail(_with_continued_lines(kept), found)
    return CleanResult(
        text="\n".join(kept),
        title=_headline(kept),
        published=_published_day(found, "\n".join(kept)),
        kicker=found.kickers[0] if found.kickers else None,
        authors=tuple(dict.fromkeys(found.authors)),
        source=found.sources[0] if found.sources else None,
        photo_date=found.photo_dates[0] if found.photo_dates else None,
        places=tuple(dict.fromkeys(found.places + found.kickers)),
        captions=tuple(found.captions),
        removed=tuple(found.removed),
    )


def clean_document(raw: RawDocument, root: Path | None = None) -> Document:
    """A cleaned Document with a stable id, title, date (and where it came from), source and authors."""
    result = clean_text(raw.text)
    if not result.text:
        raise BadInput(raw.path, "nothing is left once boilerplate is removed; it holds no article text")
    published, published_from = _published(raw, result)
    return Document(
        id=document_id(raw.path, root),
        path=raw.path,
        title=_one_line(raw.title) or result.title or _lead_title(result.text),
        text=result.text,
        content_hash=hashlib.sha256(result.text.encode("utf-8")).hexdigest(),
        published=published,
        published_from=published_from,
        source=_one_line(raw.source) or result.source,
        url=raw.url,
        authors=tuple(dict.fromkeys((*raw.authors, *result.authors))),
        dateline_places=result.places,
        captions=result.captions,
    )


def document_id(path: str, root: Path | None = None) -> str:
    """A readable, stable id: the file stem as a slug, the record index if any, and a hash of the relative path."""
    match = re.fullmatch(r"(.*)#(\d+)", path)
    base, index = (match.group(1), match.group(2)) if match else (path, None)
    relative = (
        Path(os.path.relpath(os.path.abspath(base), os.path.abspath(root))).as_posix()
        if root
        else Path(base).as_posix()
    )
    key = relative if index is None else f"{relative}#{index}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    parts = [_slug(Path(base).stem) or "doc"] + ([index] if index is not None else []) + [digest]
    return "-".join(parts)


def parse_date(text: str | None) -> date | None:
    """A calendar date from ISO, 'October 15, 2025', 'Sept. 3, 2025', '3 Sept 2025' or an RFC 2822 string."""
    if not text:
        return None
    slashed = SLASHED.search(text)
    month_first = slashed is not None and int(slashed.group(2)) > MONTHS_IN_A_YEAR  # "02/25/2022"
    patterns = (
        (ISO_DATE, "ymd"),
        (MONTH_FIRST, "mdy"),
        (DAY_FIRST, "dmy"),
        (DOTTED, "dmy"),
        (YEAR_FIRST, "ymd"),
        (DASHED, "dmy"),
    )
    for pattern, order in (*patterns, (SLASHED, "mdy" if month_first else "dmy")):
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            try:
                return date(int(parts["y"]), _month_number(parts["m"]), int(parts["d"]))
            except ValueError:
                return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def normalise_whitespace(text: str) -> str:
    """Unix line breaks, plain spaces for NBSP and friends, invisible characters dropped, Unicode NFC, the
    apostrophe for its look-alikes, and the space put back between two sentences that real copy ran together ("in
    Salé.The ceremony")."""
    text = LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    text = RUN_ON_SENTENCE.sub(r"\1. ", INVISIBLE.sub("", text))
    text = APOSTROPHE_LOOKALIKE.sub("\u2019", text)
    text = GLUED_TITLE.sub(_parted_title, text)
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _parted_title(match: re.Match) -> str:
    """ "Ojeda DuranSecretary of the Navy": a name and the title after it, run together where a page's markup
    parted them; names with an inner capital ("McDonald", "DeSantis") are left alone."""
    name, title = match.group(1), match.group(2)
    return f"{name} {title}" if title.lower() in _one_word_titles() else match.group(0)


@lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    return frozenset(alias for alias in knowledge().role_of if " " not in alias and alias.isalpha())


def split_sentences(line: str) -> list[str]:
    """Rough sentence split of one paragraph, enough to tell boilerplate sentences apart."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(line):
        end = match.start() + len(match.group(1))
        previous_word = line[start : match.start()].rsplit(" ", 1)[-1].lower()
        if previous_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", previous_word):
            continue
        sentences.append(line[start:end].strip())
        start = match.end()
    sentences.append(line[start:].strip())
    return [s for s in sentences if s]


def split_names(text: str) -> list[str]:
    """Person names from a byline or credit: 'Jane Doe and John Roe in Seoul' -> ['Jane Doe', 'John Roe']."""
    names = []
    for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*", text):
        piece = re.sub(r"\s+in\s+[A-Z].*$", "", piece.strip())
        if NAME_PIECE.fullmatch(piece) and len(piece.split()) <= 5:
            names.append(piece)
    return names


def _month_and_day(text: str) -> tuple[int, int] | None:
    """(month, day) of 'Sept. 26' or '26 September'."""
    match = MONTH_DAY_PARTS.search(text)
    if not match:
        return None
    month, day = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return _month_number(month), int(day)


def _published_day(found: _Found, text: str) -> date | None:
    """The head's date (of several the earliest: a later one is an update or the day the page was read), else a
    labelled stamp further down the page, else a wire dateline's day in the year the text gives, else a date on a
    short head line that no dateline rule reads whole ("- The Daily Courier - Saturday, July 22, 2017")."""
    if found.dates or found.stamps:
        return min(found.dates or found.stamps)
    return _dated_in_text_year(found, text) or _head_line_date(text)


def _head_line_date(text: str) -> date | None:
    """The date on a short line above the prose: beside an outlet's name, a byline or a kicker. A line ending a
    sentence is a caption or prose, and a line quoting a post ("@handle") is an embed of its own day."""
    for line in _lines(text)[:HEAD_LINES]:
        if len(line.split()) > HEAD_DATE_WORDS:
            return None  # the prose has begun
        if "@" in line or (_ends_a_sentence(line) and len(line.split()) >= MIN_CAPTION_WORDS):
            continue
        closed = DATE_SEPARATOR_SPACE.sub(r"\1", line)  # "23/ 09/ 2020"
        found = HEAD_DATE.search(closed)
        if found and (day := parse_date(found.group(0))) and day.year in PLAUSIBLE_YEARS:
            return day
    return None


def _dated_in_text_year(found: _Found, text: str) -> date | None:
    """A wire dateline's 'Sept. 26' in the year the article's own full dates (or anniversary) give."""
    if not found.month_days:
        return None
    year = year_from_text(text, dateline_countries(found.places))
    if year is None:
        return None
    month, day = found.month_days[0]
    try:
        dated = date(year, month, day)
        photos = [d for d in found.photo_dates if d > dated]
        # a photo the article carries is older than the article: "Jan. 12" under a photo of "September 16, 2010"
        return date(year + 1, month, day) if photos and photos[0].year == year else dated
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return MONTHS[name.lower()[:3]] if not name.isdigit() else int(name)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def _unwrap_hard_wraps(text: str) -> str:
    """Join lines of paragraphs hard-wrapped at a fixed width: blank lines between paragraphs, long inner lines."""
    blocks = re.split(r"\n\s*\n", text.strip())
    inner = [line for block in blocks for line in block.split("\n")[:-1] if line]
    longest = max((len(line) for line in text.split("\n")), default=0)
    wrapped = [
        line
        for line in inner
        if len(line) >= MIN_WRAPPED_LINE and line[-1] not in CLOSING_MARKS and not BULLET.match(line)
    ]
    if len(blocks) < 2:
        return _unwrap_fixed_width(text)
    if not inner or longest > MAX_WRAP_WIDTH or len(wrapped) < len(inner) / 2:
        return text
    return "\n".join(_join_block(block.split("\n")) for block in blocks)


def _unwrap_fixed_width(text: str) -> str:
    """Join the lines of a page wrapped at a fixed width with no blank line between paragraphs (old wire copy): most
    long lines end within a word's length of the width and mid-sentence; a line that reaches the width goes on in the
    next one ("... and President Pranab" + "Mukherjee."), a shorter one ends its paragraph. The headline stays alone,
    unless the copy starts on the first line and goes on in lower case ("... is the first U.S." + "president to be
    guest of honour at ...": a long word wrapped early)."""
    lines = text.split("\n")
    long = sorted(len(line) for line in lines if len(line) >= MIN_WRAPPED_LINE)
    if len(long) < MIN_WRAPPED_LINES:
        return text
    width = long[int(len(long) * WIDTH_SHARE)]
    near = [line for line in lines if width - WRAP_SLACK <= len(line) <= width]
    open_ended = [line for line in near if line[-1] not in CLOSING_MARKS]
    if width > MAX_WRAP_WIDTH or len(near) < len(long) * NEAR_WIDTH_SHARE or len(open_ended) < len(near) / 2:
        return text
    if not _goes_on_in_lower_case(lines, width):
        return text  # a list of "Name, title" lines is as even as wrapped prose, but each line starts a new item
    joined = lines[:1]
    for previous, line in pairwise(lines):
        reaches = len(joined) > 1 and len(previous) >= width - WRAP_SLACK and not BULLET.match(line)
        reaches = reaches or (len(joined) == 1 and line[:1].islower() and len(line) >= width - WRAP_SLACK)
        new_sentence = previous[-1:] in '.!?"”’' and line[:1].isupper()  # a paragraph may end at the width too
        if reaches and line and not new_sentence and not line.isupper():
            glue = "" if previous.endswith("-") and line[:1].islower() else " "
            joined[-1] = joined[-1] + glue + line
        else:
            joined.append(line)
    return "\n".join(joined)


def _goes_on_in_lower_case(lines: list[str], width: int) -> bool:
    """Wrapped prose breaks mid-sentence, so many lines that reach the width go on with a lower-case word."""
    after = [line for previous, line in pairwise(lines) if line and len(previous) >= width - WRAP_SLACK]
    return sum(line[:1].islower() for line in after) >= len(after) * MIN_LOWER_CONTINUATIONS


def _join_block(lines: list[str]) -> str:
    joined: list[str] = []
    for line in lines:
        if joined and line and not BULLET.match(line):
            glue = "" if joined[-1].endswith("-") and line[:1].islower() else " "
            joined[-1] = joined[-1] + glue + line
        elif line:
            joined.append(line)
    return "\n".join(joined)


def _with_continued_lines(lines: list[str]) -> list[str]:
    """A line that ends mid-sentence (no closing mark) before a line that starts in lower case is one sentence
    broken by the page's layout: "He has to do a lot of proper home" + "work before venturing out.". The headline
    stays alone (a page's "updated" or "menu" words may follow it)."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        continues = line[:1].islower() and not BULLET.match(line) and not PAGE_DATE.match(line)
        open_end = previous[-1:].isalnum() or previous[-1:] in (",", "-") or _ends_in_initials(previous)
        listing = previous.endswith(",") and len(previous) >= MIN_WRAPPED_LINE and not BULLET.match(line)
        if len(joined) > 1 and ((open_end and continues) or listing):
            glue = "" if previous.endswith("-") and not previous.endswith(" -") else " "
            joined[-1] = previous + glue + line
        else:
            joined.append(line)
    return joined


def _ends_in_initials(line: str) -> bool:
    """ "... the first U.S." before "president to be ...": a dotted abbreviation, not a sentence's end."""
    return bool(re.search(r"\b(?:[A-Z]\.){2,}$", line))


def _is_related_heading(line: str) -> bool:
    return any(rule.kind == "related_heading" and rule.regex.fullmatch(line) for rule in _rules("line", ("any",)))


def _other_storys_headline(line: str) -> bool:
    """A line under "Related stories" that reads as a headline (a short line with no full stop), not the article's
    text resuming."""
    text = line.strip()
    return bool(text) and len(text.split()) <= MAX_HEADLINE_WORDS and not _ends_a_sentence(text)


def _ends_a_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", ".”", '."'))


def _drop_repeats(lines: list[str], found: _Found) -> list[str]:
    """Drop exact repeats of an earlier line (a headline or dateline scraped twice)."""
    seen, kept = set(), []
    for line in lines:
        key = " ".join(line.casefold().split())
        if key in seen and len(key.split()) >= 2:
            found.removed.append(("repeat", line))
            continue
        seen.add(key)
        kept.append(line)
    return kept


def _strip_line(line: str, position: str, found: _Found) -> str | None:
    """The line without boilerplate: None when it is all boilerplate, else the line (wire prefix removed)."""
    hit = _classify(line, SCOPES[position])
    if hit is None and position == "head":
        hit = _segmented_dateline(line)
    if hit and hit[0] == "caption" and position == "head":
        line = _without_prefixes(line, found)  # "date 2025-10-06 X inspects the troops. (Reuters/Y)": a caption
    if hit:
        found.take(hit[0], line, hit[1])
        caption = _caption_text(line) if hit[0] == "caption" else None
        if caption:
            found.captions.append(caption)
        return caption
    return _without_prefixes(line, found) if position == "head" else line


def _without_prefixes(line: str, found: _Found) -> str:
    """The head line without the metadata glued before it (a page's date, a wire dateline: "date 2023-05-18 RIYADH:
    ...")."""
    while (cut := _cut_prefix(line, found)) is not None:
        line = cut
    return line


CAPTION_LEAD = re.compile(
    r"(?i)^\s*(?:(?:image|photo|photograph|picture|pictured|caption|image caption|media caption|video caption)\s*[:|,]"
    r"|(?:camera|video|image|photo) icon)\s*"  # "Camera Icon X and Y arrive ...": a gallery's icon label
)
CAPTION_CREDIT = re.compile(
    r"\s*(?:(?:Photograph|Photo|Image|Picture)s?(?: [Cc]redits?)?\s*:.*"  # "... Photograph: Jane Doe/Pool"
    r"|\((?:[^()]*/[^()]*|[^()]*\b(?:via|Photo|AP|AFP|Reuters)\b[^()]*)\)"  # "... (AP Photo/Jane Doe)"
    r"|(?:REUTERS|Reuters|AFP|AP Photo|EPA(?:-EFE)?|Getty Images|KCNA|UPI)\s*/.*"  # "... REUTERS/Jane Doe"
    r"|(?<=\.)\s*Credit\s*:.*)\s*$"  # "... arrive for the banquet. Credit: Jane Doe / AP"
)
STRAY_LEAD = ",; \t"  # left before a dateline by a page's share buttons
CREDIT_ONLY = re.compile(  # "Image source, Getty Images"; "FILE - X arrives ...": a photo of an earlier day
    r"(?i)^\s*(?:image|photo) source\b|^\s*(?-i:FILE)\s*[-–—]"
)


def _caption_text(line: str) -> str | None:
    """What a photo caption says, without its label and credit ("IMAGE: X at the funeral. Photograph: Y/Pool"):
    in a gallery the captions are the story. None when nothing but the credit is left."""
    if CREDIT_ONLY.match(line):
        return None
    text = CAPTION_CREDIT.sub("", CAPTION_LEAD.sub("", line)).strip()
    only_credit = "/" in text and not any(word.islower() for word in text.split())  # "Jane Doe/Pool/Reuters"
    return text if len(text.split()) >= 2 and not only_credit else None


def _cut_prefix(line: str, found: _Found) -> str | None:
    """The line without its leading metadata (a wire dateline, a page date), or None when it has none."""
    start = len(line) - len(line.lstrip(STRAY_LEAD))  # ", NAIROBI, Kenya, Aug 30 – ": a share button's comma
    for rule in _rules("prefix", SCOPES["head"]):
        match = rule.regex.match(line, start)
        if match and rule.known_place and match.group("place").casefold() not in casefolded_city_aliases():
            continue  # "PICTORIAL:", "SUPPORT OUR JOURNALISM:": a kicker in capitals, not a place
        if match and len(line[match.end() :].split()) >= 4:
            found.take(rule.kind, match.group(0).strip(), [match])
            return line[match.end() :]
    return None


def _segmented_dateline(line: str) -> tuple[str, list[re.Match]] | None:
    """A head line of short segments split by '|' or '•', one of them a date: "April 15, 2025 | World | By A and B".

    Each segment is read on its own (a date, a byline, else a kicker); the line is a dateline only when
    one segment is a date and every other one is short enough to be a kicker, place or byline."""
    segments = [part.strip() for part in SEGMENT_SPLIT.split(line) if part.strip()]
    if len(segments) < 3:
        return None
    matches, dated = [], False
    for segment in segments:
        hit = _classify(segment, SCOPES["head"])
        if hit and hit[0] in ("dateline", "byline"):
            dated = dated or any("date" in m.groupdict() and m.group("date") for m in hit[1])
            matches.extend(hit[1])
        elif len(segment.split()) <= MAX_KICKER_WORDS and (kicker := KICKER.fullmatch(segment)):
            matches.append(kicker)
        else:
            return None
    return ("dateline", matches) if dated else None


def _classify(line: str, scopes: tuple[str, ...]) -> tuple[str, list[re.Match]] | None:
    """(kind, matches) when the whole line is boilerplate for these scopes, else None."""
    for rule in _rules("line", scopes):
        match = rule.regex.fullmatch(line)
        if match:
            return rule.kind, [match]
    sentence_hits = [_sentence_hit(sentence, scopes) for sentence in split_sentences(line)]
    hits = [hit for hit in sentence_hits if hit]
    if hits and len(hits) == len(sentence_hits):
        return hits[0][0], [hit[1] for hit in hits]
    return None


def _sentence_hit(sentence: str, scopes: tuple[str, ...]) -> tuple[str, re.Match] | None:
    for rule in _rules("sentence", scopes):
        match = rule.regex.fullmatch(sentence)
        if match:
            return rule.kind, match
    return None


def _trim_tail(lines: list[str], found: _Found) -> list[str]:
    """Drop the trailing block of credits, bios and sign-offs, then such sentences ending the last paragraph."""
    start = len(lines)
    while start > 0 and _classify(lines[start - 1], SCOPES["tail"]):
        start -= 1
    for line in lines[start:]:
        if hit := _classify(line, SCOPES["tail"]):
            found.take(hit[0], line, hit[1])
    kept = lines[:start]
    if kept:
        kept[-1] = _trim_last_sentences(kept[-1], found)
    return kept


def _trim_last_sentences(line: str, found: _Found) -> str:
    sentences = split_sentences(line)
    trimmed = False
    while len(sentences) > 1 and (hit := _sentence_hit(sentences[-1], SCOPES["tail"])):
        found.take(hit[0], sentences.pop(), [hit[1]])
        trimmed = True
    return " ".join(sentences) if trimmed else line


def _rules(match: str, scopes: tuple[str, ...]) -> list[Rule]:
    return [rule for rule in load_rules() if rule.match == match and rule.where in scopes]


def _headline(lines: list[str]) -> str | None:
    """The first line when it reads like a headline: short, not a list item, no closing full stop."""
    if len(lines) < 2:
        return None
    first = lines[0]
    words = first.split()
    if 2 <= len(words) <= MAX_HEADLINE_WORDS and not BULLET.match(first) and first[-1] not in ".,;:":
        return first
    return None


def _lead_title(text: str, limit: int = 90) -> str:
    """A stand-in title for an article without a headline: its first sentence, shortened at a word."""
    first = split_sentences(text.split("\n", 1)[0])[0] if text.strip() else text
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _published(raw: RawDocument, result: CleanResult) -> tuple[date | None, str | None]:
    """The article date: the file's metadata, else the dateline, else a photo caption's date, else the file time."""
    if raw.published:
        parsed = parse_date(raw.published)
        if parsed:
            return parsed, PUBLISHED_FROM.get(raw.fmt, raw.fmt)
        log.warning("%s: cannot read the date %r; using the text's dateline or the file time", raw.path, raw.published)
    if result.published:
        return result.published, "dateline"
    if result.photo_date:
        return result.photo_date, "caption"
    if raw.mtime is not None:
        return datetime.fromtimestamp(raw.mtime, tz=UTC).date(), "file_time"
    return None, None


def _source_list(text: str) -> str:
    """'AP News and BBC' -> 'AP News, BBC'."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip(" ."))
    return ", ".join(part.strip(" .") for part in parts if part.strip(" ."))


def _one_line(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(normalise_whitespace(text).split()) or None


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].rstrip("-")
