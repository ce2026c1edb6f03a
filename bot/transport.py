"""The bot's side of the wire: updates that cannot be parsed are skipped, flood limits kept per private chat."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.ext import AIORateLimiter, ExtBot

log = logging.getLogger(__name__)

PRIVATE_BURST = 3


class TolerantBot(ExtBot):
    """An ExtBot that replaces a malformed update with an empty one, so polling moves past it instead of looping."""

    async def _post(self, endpoint: str, data: dict | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            result = [self._parsable(raw) for raw in result]
        return result

    def _parsable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)
            return raw
        except Exception:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int):
                raise
            log.warning("Skipping malformed update %s (fields: %s)", update_id, sorted(raw)[:10])
            return {"update_id": update_id}


class ChatRateLimiter(AIORateLimiter):
    """AIORateLimiter (30/s overall, 20/min per group, waits on RetryAfter) plus ~1/s per private chat, short bursts
    allowed."""

    def __init__(self, *args: Any, private_burst: int = PRIVATE_BURST, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._private_burst = private_burst
        self._private: dict[int, AsyncLimiter] = {}

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        chat_id = data.get("chat_id")
        with contextlib.suppress(TypeError, ValueError):
            chat_id = int(chat_id)
        limiter = self._private_limiter(chat_id) if isinstance(chat_id, int) and chat_id > 0 else None
        context = limiter if limiter is not None else contextlib.nullcontext()
        async with context:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

    def _private_limiter(self, chat_id: int) -> AsyncLimiter:
        if chat_id not in self._private:
            if len(self._private) > 10_000:
                self._private.clear()
            self._private[chat_id] = AsyncLimiter(self._private_burst, self._private_burst)
        return self._private[chat_id]
