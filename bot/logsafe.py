"""Keep the bot token (and webhook secret) out of every log record, whoever logs it."""

from __future__ import annotations

import logging
import traceback

REDACTED = "<redacted>"
_secrets: set[str] = set()
_installed = False


def redact(text: str) -> str:
    """The text with every registered secret replaced."""
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return text


def redact_secrets(*values: str | None) -> None:
    """Register secrets and install the redacting record factory (once); quiet httpx's per-request URL logs."""
    global _installed
    _secrets.update(v for v in values if v)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if _secrets:
            _scrub(record)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def _scrub(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:
        message = str(record.msg)
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[0] is not None:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = redact(text)
