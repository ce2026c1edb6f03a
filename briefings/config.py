"""Settings: read once at the entry point from the environment and `.env`, then passed down."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefings.errors import ConfigError

DEFAULT_DATA_DIR = "data"
TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _chat_ids(raw: str | None, name: str) -> frozenset[int]:
    if not raw or not raw.strip():
        return frozenset()
    try:
        return frozenset(int(part) for part in re.split(r"[,\s]+", raw.strip()) if part)
    except ValueError:
        raise ConfigError(
            f"{name} must be a comma-separated list of numeric chat ids, e.g. {name}=12345,-100987654"
        ) from None


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
MAX_PORT = 65535
MAX_GRACE_HOURS = 24 * 7  # a digest older than a week is news no more
MAX_FILE_LIMIT = 1 << 30  # 1 GiB: a single article file beyond this is a mistake, not an article
MAX_FETCH_INTERVAL = 7 * 24 * 60  # minutes: feeds fetched less than weekly are no live source
MAX_FETCH_SECONDS = 600.0  # a delay or timeout past ten minutes is a typo, not a choice
MAX_INGEST_WORKERS = 256  # worker processes each hold a model (hundreds of MB): more is a typo
MAX_LEASE_SECONDS = 3600  # a scheduler lease longer than an hour leaves digests unsent that long after a crash


def available_cores() -> int:
    """The CPU cores this process may run on (a container's share, where the system says so)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _flag(raw: str | None, name: str, default: bool) -> bool:
    if raw is None or raw == "":
        return default
    word = raw.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ConfigError(f"{name} must be true or false (also yes/no, on/off, 1/0), got {raw!r}")
    return word in TRUE_WORDS


def _number(raw: str | None, name: str, default: int, lowest: int, highest: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if not lowest <= value <= highest:
        raise ConfigError(f"{name} must be from {lowest} to {highest}, got {value}")
    return value


def _seconds(raw: str | None, name: str, default: float, lowest: float, highest: float) -> float:
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, e.g. {name}={default:g}; got {raw!r}") from None
    if not lowest <= value <= highest:
        raise ConfigError(f"{name} must be from {lowest:g} to {highest:g} seconds, got {value:g}")
    return value


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"DIGEST_TIMEZONE {name!r} is not a known time zone; use Area/City, e.g. Europe/London or UTC"
        ) from None


@dataclass(frozen=True)
class Settings:
    """Every setting the project reads; documented one by one in `.env.example`."""

    spacy_model: str | None = None
    corpus_dir: Path = Path("examples/corpus")
    data_dir: Path = Path(DEFAULT_DATA_DIR)
    database_url: str = ""
    telegram_bot_token: str | None = field(default=None, repr=False)
    telegram_api_url: str = "https://api.telegram.org"
    allowed_chat_ids: frozenset[int] = frozenset()
    admin_chat_ids: frozenset[int] = frozenset()
    digest_time: str = "08:00"
    digest_timezone: str = "UTC"
    digest_when_empty: bool = True
    digest_grace_hours: int = 6
    digest_lease_seconds: int = 30
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_port: int = 8443
    max_file_bytes: int = 10 * 1024 * 1024
    allow_outside_links: bool = False
    fetch_interval: int = 30
    fetch_delay: float = 1.0
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 5 * 1024 * 1024
    fetch_allow_private: bool = False
    ingest_workers: int = field(default_factory=available_cores)

    def __post_init__(self):
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'briefings.sqlite3'}")

    @property
    def has_token(self) -> bool:
        """True when a bot token is configured (it may still be malformed)."""
        return bool(self.telegram_bot_token)

    def checked_token(self) -> str:
        """The bot token, or a ConfigError that says where to get one."""
        token = (self.telegram_bot_token or "").strip()
        if not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set. Ask @BotFather in Telegram for a token (/newbot) "
                "and put it in .env as TELEGRAM_BOT_TOKEN=123456:ABC..."
            )
        if not TOKEN_PATTERN.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected digits, a colon, then "
                "35 letters/digits as given by @BotFather). Check .env or the environment."
            )
        return token


def load_settings(environ: Mapping[str, str], dotenv: Mapping[str, str | None] | None = None) -> Settings:
    """Build Settings from the environment, with `.env` values as fallback (the environment wins)."""
    values = {k: v for k, v in (dotenv or {}).items() if v is not None}
    values.update(environ)

    def get(name: str) -> str | None:
        raw = values.get(name)
        return raw.strip() if isinstance(raw, str) and raw.strip() else None

    digest_time = get("DIGEST_TIME") or "08:00"
    if not TIME_PATTERN.match(digest_time):
        raise ConfigError(f"DIGEST_TIME must be HH:MM in 24-hour time, e.g. DIGEST_TIME=08:00; got {digest_time!r}")
    digest_timezone = get("DIGEST_TIMEZONE") or "UTC"
    _check_timezone(digest_timezone)
    data_dir = Path(get("DATA_DIR") or DEFAULT_DATA_DIR)
    return Settings(
        spacy_model=get("SPACY_MODEL"),
        corpus_dir=Path(get("CORPUS_DIR") or "examples/corpus"),
        data_dir=data_dir,
        database_url=get("DATABASE_URL") or "",
        telegram_bot_token=get("TELEGRAM_BOT_TOKEN"),
        telegram_api_url=(get("TELEGRAM_API_URL") or "https://api.telegram.org").rstrip("/"),
        allowed_chat_ids=_chat_ids(get("ALLOWED_CHAT_IDS"), "ALLOWED_CHAT_IDS"),
        admin_chat_ids=_chat_ids(get("ADMIN_CHAT_IDS"), "ADMIN_CHAT_IDS"),
        digest_time=digest_time,
        digest_timezone=digest_timezone,
        digest_when_empty=_flag(get("DIGEST_WHEN_EMPTY"), "DIGEST_WHEN_EMPTY", True),
        digest_grace_hours=_number(get("DIGEST_GRACE_HOURS"), "DIGEST_GRACE_HOURS", 6, 0, MAX_GRACE_HOURS),
        digest_lease_seconds=_number(get("DIGEST_LEASE_SECONDS"), "DIGEST_LEASE_SECONDS", 30, 2, MAX_LEASE_SECONDS),
        webhook_url=get("WEBHOOK_URL"),
        webhook_secret=get("WEBHOOK_SECRET"),
        webhook_port=_number(get("WEBHOOK_PORT"), "WEBHOOK_PORT", 8443, 1, MAX_PORT),
        max_file_bytes=_number(get("MAX_FILE_BYTES"), "MAX_FILE_BYTES", 10 * 1024 * 1024, 1, MAX_FILE_LIMIT),
        allow_outside_links=_flag(get("ALLOW_OUTSIDE_LINKS"), "ALLOW_OUTSIDE_LINKS", False),
        fetch_interval=_number(get("FETCH_INTERVAL"), "FETCH_INTERVAL", 30, 1, MAX_FETCH_INTERVAL),
        fetch_delay=_seconds(get("FETCH_DELAY"), "FETCH_DELAY", 1.0, 0.0, MAX_FETCH_SECONDS),
        fetch_timeout=_seconds(get("FETCH_TIMEOUT"), "FETCH_TIMEOUT", 20.0, 0.1, MAX_FETCH_SECONDS),
        fetch_max_bytes=_number(get("FETCH_MAX_BYTES"), "FETCH_MAX_BYTES", 5 * 1024 * 1024, 1, MAX_FILE_LIMIT),
        fetch_allow_private=_flag(get("FETCH_ALLOW_PRIVATE"), "FETCH_ALLOW_PRIVATE", False),
        ingest_workers=_number(get("INGEST_WORKERS"), "INGEST_WORKERS", available_cores(), 1, MAX_INGEST_WORKERS),
    )
