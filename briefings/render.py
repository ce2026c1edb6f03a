"""Render a brief with the Jinja templates in `templates/`: text, Markdown, chat HTML or JSON.

Each render is one text; cutting it into the messages of a chat is the chat's business (bot/)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any, TypeAlias, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from briefings.errors import BriefingError
from briefings.models import (
    Attendee,
    AttendeeStatus,
    Brief,
    Document,
    Event,
    Fact,
    Figure,
    Quote,
    Recommendation,
    Weapon,
)
from briefings.ranking import is_generic_class
from briefings.serialize import brief_to_dict, json_default

View: TypeAlias = dict[str, Any]
Cited: TypeAlias = Callable[[Fact], list[int]]
T = TypeVar("T")
F = TypeVar("F", Attendee, Weapon)
FORMATS = ("text", "md", "html", "json")
EXTENSIONS = {"text": "txt", "md": "md", "html": "html"}
SECTION_ORDER = ("events", "attendees", "weapons", "recommendations", "figures", "quotes")
STATUS_ORDER = {status: rank for rank, status in enumerate(AttendeeStatus)}  # the firmest first
MAX_QUOTE = 280  # characters of a quotation shown: about two lines of a chat window
DIGEST_LIMIT = 10  # items per section of a daily digest: a digest is read at a glance


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment: templates from the installed `templates` package, HTML autoescaped."""
    env = Environment(
        loader=FileSystemLoader(str(files("templates"))),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["cite"] = cite
    env.filters["md_escape"] = md_escape
    env.tests["generic_class"] = is_generic_class  # weapon classes fold into one "Also mentioned" line
    return env


def cite(numbers: list[int]) -> str:
    """Source numbers as a compact citation: [1][3]."""
    return "".join(f"[{n}]" for n in numbers)


MD_SPECIAL = re.compile(r"([\\`*_\[\](){}#!|~])")
HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
LINK_SCHEMES = ("http://", "https://")  # the only links a brief carries: no javascript:, data: or file: links
URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", '"': "%22"}


def md_escape(text: str) -> str:
    """Article text as literal Markdown: HTML characters as entities, Markdown's punctuation backslash-escaped."""
    text = re.sub(r"[&<>]", lambda m: HTML_SPECIAL[m.group()], str(text))
    return MD_SPECIAL.sub(r"\\\1", text)


def safe_link(url: str | None) -> str | None:
    """An http(s) URL with the characters that would end a Markdown link or an attribute percent-encoded, else None."""
    url = (url or "").strip()
    if not url.lower().startswith(LINK_SCHEMES) or any(ord(c) < 32 for c in url):
        return None
    return "".join(URL_UNSAFE.get(c, c) for c in url)


def render(
    brief: Brief,
    fmt: str = "text",
    *,
    section: str | None = None,
    limit: int | None = None,
    heading: str = "Intelligence brief",
) -> str:
    """The brief as one text in a format of FORMATS (HTML is the subset chat apps accept)."""
    if fmt not in FORMATS:
        raise BriefingError(f"Unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
    if fmt == "json":
        return json.dumps(brief_to_dict(brief), default=json_default, ensure_ascii=False, indent=2)
    view = brief_view(brief, section=section, limit=limit, heading=heading)
    return _render_template("brief", fmt, view)


def render_digest(brief: Brief, fmt: str = "html", *, limit: int | None = DIGEST_LIMIT) -> str:
    """A daily digest: the brief of what is new, under its own heading."""
    return render(brief, fmt, limit=limit, heading="Daily digest: what is new")


def render_sources(brief: Brief, fmt: str = "html") -> str:
    """The brief's sources in full: titles, outlets, dates and links."""
    return _render_template("sources", fmt, {"sources": [_source_view(n, d) for n, d in enumerate(brief.documents, 1)]})


def render_events(events: Sequence[Event], fmt: str = "html") -> str:
    """A list of events with dates and places."""
    view = {
        "events": [
            {"name": e.name, "date": e.date, "location": e.location, "sources": len({x.doc for x in e.evidence})}
            for e in events
        ]
    }
    return _render_template("events", fmt, view)


def _render_template(name: str, fmt: str, view: View) -> str:
    return environment().get_template(f"{name}.{EXTENSIONS[fmt]}.j2").render(**view)


def brief_view(
    brief: Brief, *, section: str | None = None, limit: int | None = None, heading: str = "Intelligence brief"
) -> View:
    """The plain view the templates receive: events with their people and weapons, numbered sources.

    Items are cut to `limit` per list before any view is built, so a brief of a huge store costs
    only what it shows."""
    shown = _shown_facts(brief, section, limit)
    by_id = {d.id: d for d in brief.documents}
    numbers = _source_numbers(shown, by_id)

    def cited(fact: Fact) -> list[int]:
        return sorted({numbers[e.doc] for e in fact.evidence if e.doc in numbers})

    sections = {
        "events": [_event_view(e, people, arms, cited) for e, people, arms in shown.events],
        "attendees": [_attendee_view(a, cited) for a in shown.attendees],
        "weapons": [_weapon_view(w, cited) for w in shown.weapons],
        "recommendations": [_recommendation_view(r, cited) for r in shown.recommendations],
        "figures": [{"value": f.value, "what": f.what, "sources": cited(f)} for f in shown.figures],
        "quotes": [
            {"speaker": q.speaker, "text": _shorten(q.text, MAX_QUOTE), "sources": cited(q)} for q in shown.quotes
        ],
    }
    return {
        "heading": heading,
        "query": _query_label(brief.query),
        "generated": brief.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "counts": {"documents": _articles(brief), **{k: _total(brief, k) for k in SECTION_ORDER}},
        "empty": not any(sections.values()),
        **sections,
        "more": shown.more,
        "sources": [_source_view(n, by_id[doc_id]) for doc_id, n in numbers.items()],
    }


@dataclass(frozen=True)
class _Shown:
    """The facts a view shows: events with their own people and weapons, then the other sections."""

    events: list[tuple[Event, list[Attendee], list[Weapon]]]
    attendees: list[Attendee]
    weapons: list[Weapon]
    recommendations: list[Recommendation]
    figures: list[Figure]
    quotes: list[Quote]
    more: dict[str, int | str]  # per section, how many were left out by the limit ("995+" past the count cap)

    def facts(self) -> Iterator[Fact]:
        """Every shown fact in reading order: each event, its people and weapons, then each section."""
        for event, people, arms in self.events:
            yield event
            yield from people
            yield from arms
        for kind in SECTION_ORDER[1:]:
            yield from getattr(self, kind)


def _shown_facts(brief: Brief, section: str | None, limit: int | None) -> _Shown:
    """The facts each section shows (events with their own people and weapons), cut to `limit`."""

    def wanted(kind: str) -> bool:
        return section in (None, kind)

    def cut(items: Sequence[T]) -> list[T]:
        return list(items[:limit]) if limit else list(items)

    event_ids = {e.id for e in brief.events} if wanted("events") else set()
    people, arms = _by_event(brief.attendees, event_ids), _by_event(brief.weapons, event_ids)
    candidates: dict[str, list[Any]] = {
        "events": list(brief.events) if wanted("events") else [],
        "attendees": [a for a in brief.attendees if a.event not in event_ids] if wanted("attendees") else [],
        "weapons": [w for w in brief.weapons if w.event not in event_ids] if wanted("weapons") else [],
        **{
            kind: list(getattr(brief, kind)) if wanted(kind) else []
            for kind in ("recommendations", "figures", "quotes")
        },
    }
    kept = {kind: cut(items) for kind, items in candidates.items()}
    events = [(e, cut(_by_status(people.get(e.id, []))), cut(arms.get(e.id, []))) for e in kept.pop("events")]
    more = {kind: _more(brief, kind, candidates[kind], len(items)) for kind, items in kept.items()}
    more["events"] = _more(brief, "events", candidates["events"], len(events))
    return _Shown(events=events, more=more, **kept)


def _articles(brief: Brief) -> int:
    """How many articles the brief covers: its documents; for an unfiltered brief the store cut (which holds only
    the articles its shown facts cite), the store's count of articles."""
    if brief.totals is None or brief.query:
        return len(brief.documents)
    return brief.stats.get("documents", len(brief.documents))


def _total(brief: Brief, kind: str) -> int | str:
    """How many facts of `kind` the brief matched: all of them, or its totals when the store cut its lists."""
    if brief.totals is None:
        return len(getattr(brief, kind))
    return _at_least(brief.totals.get(kind, 0), brief.totals)


def _candidates(brief: Brief, kind: str, listed: list[Any]) -> int:
    """How many a section could list: those loaded, or the store's count when it cut the lists."""
    if brief.totals is None or not listed:
        return len(listed)
    return brief.totals.get(f"{kind}_apart", brief.totals.get(kind, len(listed)))


def _more(brief: Brief, kind: str, listed: list[Any], shown: int) -> int | str:
    count = _candidates(brief, kind, listed)
    return _at_least(count, brief.totals, shown) if brief.totals is not None else count - shown


def _at_least(count: int, totals: dict[str, int], shown: int = 0) -> int | str:
    """`count - shown`, or "N+" when the store stopped counting at its cap."""
    cap = totals.get("cap")
    return f"{count - shown}+" if cap and count >= cap else count - shown


def _by_event(facts: Iterable[F], event_ids: set[str]) -> dict[str, list[F]]:
    grouped: dict[str, list[F]] = {}
    for fact in facts:
        if fact.event is not None and fact.event in event_ids:
            grouped.setdefault(fact.event, []).append(fact)
    return grouped


def _by_status(attendees: list[Attendee]) -> list[Attendee]:
    return sorted(attendees, key=lambda a: STATUS_ORDER.get(a.status, len(STATUS_ORDER)))


def _source_numbers(shown: _Shown, known: dict[str, Document]) -> dict[str, int]:
    """Number the documents the shown facts cite, 1..n in order of first citation (events first)."""
    numbers: dict[str, int] = {}
    for fact in shown.facts():
        for e in fact.evidence:
            if e.doc in known:
                numbers.setdefault(e.doc, len(numbers) + 1)
    return numbers


def _event_view(event: Event, attendees: list[Attendee], weapons: list[Weapon], cited: Cited) -> View:
    return {
        "name": event.name,
        "date": event.date,
        "location": event.location,
        "sources": cited(event),
        "attendees": [_attendee_view(a, cited) for a in attendees],
        "weapons": [_weapon_view(w, cited) for w in weapons],
    }


def _attendee_view(a: Attendee, cited: Cited) -> View:
    return {
        "name": a.name,
        "detail": ", ".join(x for x in (a.role, a.country) if x),
        "status": str(a.status),
        "sources": cited(a),
    }


def _weapon_view(w: Weapon, cited: Cited) -> View:
    return {
        "name": w.name,
        "detail": ", ".join(x for x in (w.category, w.country) if x),
        "context": str(w.context),
        "sources": cited(w),
    }


def _recommendation_view(r: Recommendation, cited: Cited) -> View:
    return {"actor": r.actor or "Unnamed actor", "text": r.text, "by": r.by, "sources": cited(r)}


def _source_view(n: int, d: Document) -> View:
    published = d.published.isoformat() if isinstance(d.published, (date, datetime)) else None
    return {
        "n": n,
        "title": d.title or d.path.rsplit("/", 1)[-1],
        "outlet": d.source,
        "date": published,
        "date_is_file_time": d.published_from == "file_time",
        "url": safe_link(d.url),
        "duplicate": bool(d.duplicate_of),
    }


def _query_label(query: dict[str, Any] | None) -> str | None:
    if not query:
        return None
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in query.items())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
