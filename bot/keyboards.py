"""Inline keyboards; every button's callback data goes through the fixed grammar in bot.grammar."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.grammar import EVENT, EVENTS_PAGE, GO, PAGE, QUERY, SECTION, SOURCES, SOURCES_PAGE, Action
from bot.views import Pages

SECTION_LABELS = {
    "events": "📅 Events",
    "attendees": "👤 People",
    "weapons": "🚀 Weapons",
    "recommendations": "📌 Recommendations",
    "figures": "🔢 Figures",
    "quotes": "💬 Quotes",
}
MAX_LABEL = 48


def button(label: str, action: Action, *args: str) -> InlineKeyboardButton:
    """A callback button; the label is trimmed, the data checked against the grammar."""
    label = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
    return InlineKeyboardButton(label, callback_data=action.data(*args))


def rows_of(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    """Buttons laid out `width` to a row."""
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def start_keyboard() -> InlineKeyboardMarkup:
    """The common actions under /start."""
    return InlineKeyboardMarkup(
        [
            [button("📰 Brief", GO, "brief"), button("📅 Events", GO, "events")],
            [button("📚 Sources", GO, "sources"), button("⏰ Daily digest", GO, "subscribe")],
            [button("❓ Help", GO, "help")],
        ]
    )


def brief_keyboard(counts: dict[str, str], key: str, pages: Pages, n_sources: int) -> InlineKeyboardMarkup:
    """Under a brief: each non-empty section in full, the sources it cites, and paging through events."""
    sections = [
        button(f"{label} ({counts[kind]})", SECTION, kind, key)
        for kind, label in SECTION_LABELS.items()
        if counts.get(kind)
    ]
    rows = rows_of(sections, 2)
    last = [button(f"📚 Sources ({n_sources})", SOURCES, key)] if n_sources else []
    if pages.count > 1:
        last.append(button(f"Events ▶ 2/{pages.label()}", PAGE, "1", key))
    return InlineKeyboardMarkup(rows + ([last] if last else []))


def pager_keyboard(action: Action, page: int, pages: Pages, key: str | None = None) -> list[InlineKeyboardButton]:
    """◀ / ▶ buttons around page `page` (0-based) of `pages`."""
    extra = (key,) if key else ()
    nav = []
    if page > 0:
        nav.append(button(f"◀ {page}/{pages.label()}", action, str(page - 1), *extra))
    if page + 1 < pages.count:
        nav.append(button(f"▶ {page + 2}/{pages.label()}", action, str(page + 1), *extra))
    return nav


def events_page_keyboard(page: int, pages: Pages, key: str, n_sources: int) -> InlineKeyboardMarkup:
    """Under a page of a brief's events: previous/next page and the sources this page cites."""
    rows = [pager_keyboard(PAGE, page, pages, key)]
    if n_sources:
        rows.append([button(f"📚 Sources ({n_sources})", SOURCES_PAGE, str(page), key)])
    return InlineKeyboardMarkup([row for row in rows if row])


def events_list_keyboard(events: list[tuple[str, str]], page: int, pages: Pages) -> InlineKeyboardMarkup:
    """/events: a button per event (label, saved-query key) and paging."""
    rows = [[button(label, EVENT, key)] for label, key in events]
    nav = pager_keyboard(EVENTS_PAGE, page, pages)
    return InlineKeyboardMarkup(rows + ([nav] if nav else []))


def suggestions_keyboard(topics: list[tuple[str, str]]) -> InlineKeyboardMarkup | None:
    """Buttons for topics that do exist, after a query that matched nothing."""
    if not topics:
        return None
    return InlineKeyboardMarkup(rows_of([button(f"🔎 {label}", QUERY, key) for label, key in topics], 2))
