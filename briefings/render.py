"""Render a brief with the Jinja templates in `templates/`: text, Markdown, Telegram HTML or JSON."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from briefings.errors import BriefingError
from briefings.models import Brief, Document, Event
from briefings.serialize import brief_to_dict, json_default

TELEGRAM_LIMIT = 4096
FORMATS = ("text", "md", "html", "json")
EXTENSIONS = {"text": "txt", "md": "md", "html": "html"}
SECTION_ORDER = ("events", "attendees", "weapons", "recommendations", "figures", "quotes")
STATUS_ORDER = {"attended": 0, "expected": 1, "invited": 2, "declined": 3}
MAX_QUOTE = 280


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
    return env


def cite(numbers: list[int]) -> str:
    """Source numbers as a compact citation: [1][3]."""
    return "".join(f"[{n}]" for n in numbers)


def md_escape(text: str) -> str:
    """Escape Markdown's emphasis and link characters in article text."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", str(text))


def render(
    brief: Brief,
    fmt: str = "text",
    *,
    section: str | None = None,
    limit: int | None = None,
    heading: str = "Intelligence brief",
) -> list[str]:
    """The brief as messages: one for text/md/json, several of at most 4096 characters for Telegram HTML."""
    if fmt not in FORMATS:
        raise BriefingError(f"Unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
    if fmt == "json":
        return [json.dumps(brief_to_dict(brief), default=json_default, ensure_ascii=False, indent=2)]
    view = brief_view(brief, section=section, limit=limit, heading=heading)
    text = environment().get_template(f"brief.{EXTENSIONS[fmt]}.j2").render(**view)
    return split_messages(text) if fmt == "html" else [text]


def render_digest(brief: Brief, fmt: str = "html", *, limit: int | None = 10) -> list[str]:
    """A daily digest: the brief of what is new, under its own heading."""
    return render(brief, fmt, limit=limit, heading="Daily digest: what is new")


def render_sources(brief: Brief, fmt: str = "html") -> list[str]:
    """The brief's sources in full: titles, outlets, dates and links."""
    view = {"sources": [_source_view(n, d) for n, d in enumerate(brief.documents, 1)]}
    text = environment().get_template(f"sources.{EXTENSIONS[fmt]}.j2").render(**view)
    return split_messages(text) if fmt == "html" else [text]


def render_events(events: list[Event], fmt: str = "html") -> list[str]:
    """A list of events with dates and places."""
    view = {
        "events": [
            {"name": e.name, "date": e.date, "location": e.location, "sources": len({x.doc for x in e.evidence})}
            for e in events
        ]
    }
    text = environment().get_template(f"events.{EXTENSIONS[fmt]}.j2").render(**view)
    return split_messages(text) if fmt == "html" else [text]


def brief_view(
    brief: Brief, *, section: str | None = None, limit: int | None = None, heading: str = "Intelligence brief"
) -> dict:
    """The plain view the templates receive: events with their people and weapons, numbered sources.

    Items are cut to `limit` per list before any view is built, so a brief of a huge store costs
    only what it shows."""
    shown = _shown_facts(brief, section, limit)
    by_id = {d.id: d for d in brief.documents}
    numbers = _source_numbers(shown, by_id)
    cited = lambda fact: sorted({numbers[e.doc] for e in fact.evidence if e.doc in numbers})  # noqa: E731
    sections = {
        "events": [_event_view(e, people, arms, cited) for e, people, arms in shown["events"]],
        "attendees": [_attendee_view(a, cited) for a in shown["attendees"]],
        "weapons": [_weapon_view(w, cited) for w in shown["weapons"]],
        "recommendations": [_recommendation_view(r, cited) for r in shown["recommendations"]],
        "figures": [{"value": f.value, "what": f.what, "sources": cited(f)} for f in shown["figures"]],
        "quotes": [
            {"speaker": q.speaker, "text": _shorten(q.text, MAX_QUOTE), "sources": cited(q)} for q in shown["quotes"]
        ],
    }
    return {
        "heading": heading,
        "query": _query_label(brief.query),
        "generated": brief.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "counts": {"documents": len(brief.documents), **{k: len(getattr(brief, k)) for k in SECTION_ORDER}},
        "empty": not any(sections.values()),
        **sections,
        "more": shown["more"],
        "sources": [_source_view(n, by_id[doc_id]) for doc_id, n in numbers.items()],
    }


def _shown_facts(brief: Brief, section: str | None, limit: int | None) -> dict:
    """The facts each section shows (events with their own people and weapons), cut to `limit`."""
    wanted = lambda kind: section in (None, kind)  # noqa: E731
    cut = lambda items: list(items[:limit]) if limit else list(items)  # noqa: E731
    with_events = wanted("events")
    event_ids = {e.id for e in brief.events} if with_events else set()
    people, arms = _by_event(brief.attendees, event_ids), _by_event(brief.weapons, event_ids)
    candidates = {
        "events": list(brief.events) if with_events else [],
        "attendees": [a for a in brief.attendees if a.event not in event_ids] if wanted("attendees") else [],
        "weapons": [w for w in brief.weapons if w.event not in event_ids] if wanted("weapons") else [],
        **{
            kind: list(getattr(brief, kind)) if wanted(kind) else []
            for kind in ("recommendations", "figures", "quotes")
        },
    }
    shown = {kind: cut(items) for kind, items in candidates.items()}
    shown["more"] = {kind: len(candidates[kind]) - len(shown[kind]) for kind in candidates}
    shown["events"] = [(e, cut(_by_status(people.get(e.id, []))), cut(arms.get(e.id, []))) for e in shown["events"]]
    return shown


def _by_event(facts, event_ids: set[str]) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for fact in facts:
        if fact.event in event_ids:
            grouped.setdefault(fact.event, []).append(fact)
    return grouped


def _by_status(attendees: list) -> list:
    return sorted(attendees, key=lambda a: STATUS_ORDER.get(a.status, 9))


def _source_numbers(shown: dict, known: dict) -> dict[str, int]:
    """Number the documents the shown facts cite, 1..n in order of first citation (events first)."""
    numbers: dict[str, int] = {}
    for fact in _flatten_facts(shown):
        for e in fact.evidence:
            if e.doc in known:
                numbers.setdefault(e.doc, len(numbers) + 1)
    return numbers


def _flatten_facts(shown: dict):
    for event, people, arms in shown["events"]:
        yield event
        yield from people
        yield from arms
    for kind in SECTION_ORDER[1:]:
        yield from shown[kind]


def _event_view(event: Event, attendees: list, weapons: list, cited) -> dict:
    return {
        "name": event.name,
        "date": event.date,
        "location": event.location,
        "sources": cited(event),
        "attendees": [_attendee_view(a, cited) for a in attendees],
        "weapons": [_weapon_view(w, cited) for w in weapons],
    }


def _attendee_view(a, cited) -> dict:
    return {
        "name": a.name,
        "detail": ", ".join(x for x in (a.role, a.country) if x),
        "status": a.status,
        "sources": cited(a),
    }


def _weapon_view(w, cited) -> dict:
    return {
        "name": w.name,
        "detail": ", ".join(x for x in (w.category, w.country) if x),
        "context": w.context,
        "sources": cited(w),
    }


def _recommendation_view(r, cited) -> dict:
    return {"actor": r.actor or "Unnamed actor", "text": r.text, "by": r.by, "sources": cited(r)}


def _source_view(n: int, d: Document) -> dict:
    published = d.published.isoformat() if isinstance(d.published, (date, datetime)) else None
    return {
        "n": n,
        "title": d.title or d.path.rsplit("/", 1)[-1],
        "outlet": d.source,
        "date": published,
        "date_is_file_time": d.published_from == "file_time",
        "url": d.url,
        "duplicate": bool(d.duplicate_of),
    }


def _query_label(query: dict | None) -> str | None:
    if not query:
        return None
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in query.items())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def split_messages(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split into messages of at most `limit` characters, on section (blank line) then line boundaries."""
    messages: list[str] = []
    current = ""
    for block in _blocks(text.strip(), limit):
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
        else:
            messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


def _blocks(text: str, limit: int):
    """Sections, with a section longer than `limit` broken into runs of whole lines."""
    for section in re.split(r"\n{2,}", text):
        if len(section) <= limit:
            yield section
            continue
        run = ""
        for line in section.split("\n"):
            line = line if len(line) <= limit else _cut_line(line, limit)
            if run and len(run) + 1 + len(line) > limit:
                yield run
                run = line
            else:
                run = f"{run}\n{line}" if run else line
        if run:
            yield run


def _cut_line(line: str, limit: int) -> str:
    """A single over-long line, reduced to plain text that fits (no tag or entity cut in half)."""
    plain = re.sub(r"<[^>]+>", "", line)[: limit - 1]
    return re.sub(r"&[#a-zA-Z0-9]*$", "", plain) + "…"
