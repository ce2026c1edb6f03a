"""Fixed grammars for what users send: /subscribe arguments and inline-button callback data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from briefings.errors import QueryError

TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")
SUBSCRIBE_USAGE = "Usage: /subscribe [HH:MM] [Area/City], e.g. /subscribe 08:00 Europe/London"
MAX_CALLBACK_BYTES = 64

PARTS = {"word": re.compile(r"^[a-z]{1,16}$"), "num": re.compile(r"^\d{1,4}$"), "key": re.compile(r"^[0-9a-f]{12}$")}
ACTIONS = {
    "go": ("word",),  # a /start button: brief, events, sources, subscribe, help
    "sec": ("word", "key"),  # open one section of a saved query in full
    "src": ("key",),  # the sources of a saved query
    "pg": ("num", "key"),  # page N of a saved query's events (edits the message)
    "ev": ("key",),  # the brief of one event (a saved query)
    "ls": ("num",),  # page N of /events
    "q": ("key",),  # run a saved query (suggestions)
}


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


def local_zone(name: str) -> ZoneInfo:
    """The ZoneInfo of a zone name already checked by `parse_zone`."""
    return ZoneInfo(name)


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
    action, *args = data.split(":")
    kinds = ACTIONS.get(action)
    if kinds is None or len(args) != len(kinds):
        return None
    if not all(PARTS[kind].match(arg) for kind, arg in zip(kinds, args)):
        return None
    return Callback(action, tuple(args))
