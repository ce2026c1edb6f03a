"""Fixed grammars for what users send: /brief, /subscribe and /addfeed arguments, links in messages, and
inline-button callback data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from zoneinfo import available_timezones

from briefings.errors import QueryError

TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")
SUBSCRIBE_USAGE = "Usage: /subscribe [HH:MM] [Area/City], e.g. /subscribe 08:00 Europe/London"
MAX_CALLBACK_BYTES = 64
LINK = re.compile(r"(?<![\w@])[a-z][a-z0-9+.\-]{0,15}://[^\s<>\"]+", re.IGNORECASE)  # any scheme: others are refused
LINK_TRAILER = ".,;:!?'\"»”’"  # punctuation that ends a sentence around a link, not the link
ADDFEED_USAGE = "Usage: /addfeed URL [name], e.g. /addfeed https://example.com/world/rss.xml world"
REMOVEFEED_USAGE = "Usage: /removefeed NAME or /removefeed URL (/feeds lists them)"
MAX_FEED_NAME = 60

PARTS = {"word": "[a-z]{1,16}", "num": "[0-9]{1,4}", "key": "[0-9a-f]{12}"}  # the kinds of button argument
BRIEF_USAGE = (
    "Try: /brief (everything), /brief pyongyang (a place, person, country or weapon), /brief 7d (last 7 days), "
    "/brief since 2025-09-01, /brief weapons "
    "(one section: events, attendees, weapons, recommendations, figures, quotes)."
)


@dataclass(frozen=True)
class Action:
    """A kind of inline button: the code its callback data starts with and the kinds of its arguments."""

    code: str
    parts: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole callback data of this action; its groups are the arguments."""
        fields = [re.escape(self.code), *(f"({PARTS[part]})" for part in self.parts)]
        return re.compile("^" + ":".join(fields) + r"\Z")

    def data(self, *args: str) -> str:
        """The callback data of this action with these arguments (checked against the grammar)."""
        return Callback(self.code, args).encode()


# The one table of buttons: keyboards build their data from these, the application routes on their patterns.
GO = Action("go", ("word",))  # a /start button: brief, events, sources, subscribe, help
SECTION = Action("sec", ("word", "key"))  # open one section of a saved query in full
SOURCES = Action("src", ("key",))  # the sources a saved query's first page cites
SOURCES_PAGE = Action("sp", ("num", "key"))  # the sources page N of a saved query's events cites
PAGE = Action("pg", ("num", "key"))  # page N of a saved query's events (edits the message)
EVENT = Action("ev", ("key",))  # the brief of one event (a saved query)
EVENTS_PAGE = Action("ls", ("num",))  # page N of /events
QUERY = Action("q", ("key",))  # run a saved query (suggestions)
ACTIONS = {action.code: action for action in (GO, SECTION, SOURCES, SOURCES_PAGE, PAGE, EVENT, EVENTS_PAGE, QUERY)}


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def parse_time(text: str) -> time:
    """HH:MM (24-hour) as a time, or a QueryError with the usage."""
    match = TIME.match(text)
    if not match:
        raise QueryError(f"Write the time as HH:MM in 24-hour time. {SUBSCRIBE_USAGE}")
    return time(int(match.group(1)), int(match.group(2)))


def parse_zone(text: str) -> str:
    """An IANA time zone name (Area/City or UTC), checked against the installed zone database."""
    if not ZONE.match(text) or text not in _zones():
        raise QueryError(
            f"Unknown time zone; use an Area/City name such as Europe/London or Asia/Seoul. {SUBSCRIBE_USAGE}"
        )
    return text


def parse_subscribe_args(args: list[str], default_time: str, default_zone: str) -> tuple[time, str]:
    """Read `/subscribe [HH:MM] [Area/City]` in either order; missing parts take the defaults."""
    if len(args) > 2:
        raise QueryError(SUBSCRIBE_USAGE)
    at, zone = None, None
    for word in args:
        if at is None and TIME.match(word):
            at = parse_time(word)
        elif zone is None and not TIME.match(word):
            zone = parse_zone(word)
        else:
            raise QueryError(SUBSCRIBE_USAGE)
    return at or parse_time(default_time), zone or parse_zone(default_zone)


def find_link(text: str | None) -> str | None:
    """The first address (scheme://...) in a message, without the punctuation around it; None when there is none."""
    match = LINK.search(text or "")
    if match is None:
        return None
    link = match.group().rstrip(LINK_TRAILER)
    if link.endswith(")") and "(" not in link:  # (see https://example.com/a)
        link = link[:-1].rstrip(LINK_TRAILER)
    return link


def parse_addfeed_args(args: list[str]) -> tuple[str, str | None]:
    """Read `/addfeed URL [name]`: the address and the name (its words joined), or a QueryError with the usage."""
    if not args:
        raise QueryError(ADDFEED_USAGE)
    name = " ".join(args[1:]).strip() or None
    if name is not None and len(name) > MAX_FEED_NAME:
        raise QueryError(f"That name is too long ({len(name)} characters; at most {MAX_FEED_NAME}). {ADDFEED_USAGE}")
    return args[0], name


@dataclass(frozen=True)
class Callback:
    """Parsed callback data: an action and its arguments, e.g. `pg:2:0123456789ab`."""

    action: str
    args: tuple[str, ...] = ()

    def encode(self) -> str:
        """The callback data string; refuses anything over Telegram's 64 bytes or outside the grammar."""
        data = ":".join((self.action, *self.args))
        if parse_callback(data) != self:
            raise ValueError(f"callback data outside the grammar: {data!r}")
        return data


def parse_callback(data: str | None) -> Callback | None:
    """Callback data read against the fixed grammar in ACTIONS; None for anything else."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    action = ACTIONS.get(data.split(":", 1)[0])
    match = action.pattern.match(data) if action else None
    if action is None or match is None:
        return None
    return Callback(action.code, match.groups())
