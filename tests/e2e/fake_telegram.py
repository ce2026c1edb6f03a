"""A fake Telegram Bot API server on 127.0.0.1: real HTTP, the Bot API's JSON, and Telegram's checks.

It runs in its own thread and event loop, so the bot under test talks to it exactly as to Telegram:
python-telegram-bot's own HTTP client, form-encoded parameters, `{"ok": ..., "result": ...}` answers.
Tests act as users (`say`, `press`), script failures (`fail_next`, `block`, `migrate`) and read what the
bot sent (`sent`, `wait_for`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from aiohttp import web

BOT_ID = 7000001
BOT_USERNAME = "briefings_test_bot"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>")
ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
INT_FIELDS = {"chat_id", "message_thread_id", "message_id", "offset", "timeout", "limit", "cache_time"}
BOOL_FIELDS = {"drop_pending_updates", "show_alert", "disable_notification", "protect_content"}
JSON_FIELDS = {
    "reply_markup",
    "allowed_updates",
    "entities",
    "commands",
    "link_preview_options",
    "reply_parameters",
    "scope",
}


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


def check_html(text: str) -> str:
    """Parse Telegram HTML like Telegram does; return the visible text or raise ApiError 400."""
    visible: list[str] = []
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "<":
            match = TAG.match(text, pos)
            if not match:
                raise ApiError(
                    400, f"Bad Request: can't parse entities: Unexpected end of name token at byte offset {pos}"
                )
            closing, name = match.group(1), match.group(2).lower()
            if name not in TAGS:
                raise ApiError(
                    400, f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" at byte offset {pos}'
                )
            if closing:
                if not stack or stack[-1] != name:
                    raise ApiError(
                        400,
                        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
                        f'"{stack[-1] if stack else name}"',
                    )
                stack.pop()
            else:
                _check_attributes(name, match.group(3), pos)
                stack.append(name)
            pos = match.end()
        elif char == "&":
            match = ENTITY.match(text, pos)
            if not match:
                raise ApiError(400, f"Bad Request: can't parse entities: Unsupported HTML entity at byte offset {pos}")
            visible.append(unescape(match.group(0)))
            pos = match.end()
        elif char == ">":
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected > at byte offset {pos}")
        else:
            visible.append(char)
            pos += 1
    if stack:
        raise ApiError(
            400, f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return "".join(visible)


def _check_attributes(name: str, attributes: str, pos: int) -> None:
    if name == "a" and "href" not in attributes:
        raise ApiError(400, f"Bad Request: can't parse entities: an <a> tag needs href at byte offset {pos}")
    if name == "span" and "tg-spoiler" not in attributes:
        raise ApiError(400, f"Bad Request: can't parse entities: Unsupported span at byte offset {pos}")


def check_markup(markup: Any) -> None:
    """Inline keyboards: rows of buttons, each with text and exactly one action; callback_data 1-64 bytes."""
    if markup is None:
        return
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if data is None and not button.get("url"):
                raise ApiError(
                    400,
                    "Bad Request: can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard",
                )


@dataclass
class Limits:
    """Telegram's flood limits: ~30 messages/s overall, ~1/s per private chat (short bursts), 20/min per group."""

    overall_per_second: float = 30.0
    private_burst: int = 4
    private_per_second: float = 1.0
    group_per_minute: int = 20


class TokenBucket:
    """A bucket of `capacity` tokens refilled at `rate` per second."""

    def __init__(self, capacity: float, rate: float):
        self.capacity, self.rate, self.tokens, self.stamp = capacity, rate, capacity, time.monotonic()

    def take(self) -> float:
        """Take a token; 0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class Failure:
    """A scripted failure for the next calls of a method (optionally only for one chat)."""

    method: str
    status: int
    description: str
    parameters: dict | None = None
    times: int = 1
    chat_id: int | None = None


@dataclass
class Sent:
    """A message the bot sent (as stored by the fake)."""

    message_id: int
    chat_id: int
    thread_id: int | None
    html: str
    text: str
    parse_mode: str | None
    reply_markup: dict | None
    at: float = field(default_factory=time.monotonic)

    def callback_data(self) -> list[str]:
        """Every callback_data of the message's inline keyboard."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    def button(self, label_part: str) -> str:
        """The callback data of the first button whose label contains `label_part`."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        for row in rows:
            for b in row:
                if label_part.lower() in b["text"].lower() and "callback_data" in b:
                    return b["callback_data"]
        raise AssertionError(f"no button {label_part!r} in {rows}")


class FakeTelegram:
    """The fake Bot API server. Start it, point the bot's base_url at `api_url`, then act as users."""

    def __init__(self, token: str, limits: Limits | None = None):
        self.token = token
        self.limits = limits
        self.lock = threading.RLock()
        self.chats: dict[int, dict] = {}
        self.blocked: set[int] = set()
        self.migrated: dict[int, int] = {}
        self.failures: list[Failure] = []
        self.sent: list[Sent] = []
        self.messages: dict[tuple[int, int], Sent] = {}
        self.edits: list[Sent] = []
        self.answers: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.errors: list[tuple[str, dict, int, str]] = []
        self.commands: list[dict] = []
        self.too_many = 0
        self._updates: list[dict] = []
        self._update_id = 1000
        self._message_id = 1
        self._pending_callbacks: set[str] = set()
        self._buckets: dict[Any, TokenBucket] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # lifecycle

    @property
    def api_url(self) -> str:
        """The value for TELEGRAM_API_URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeTelegram:
        """Serve on a free port in a background thread."""
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), name="fake-telegram", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Telegram server did not start")
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._loop is None or self._runner is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = None

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._new_update = asyncio.Event()
        app = web.Application()
        app.router.add_post("/{bot}/{method}", self._handle)
        app.router.add_get("/{bot}/{method}", self._handle)
        runner = self._runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = runner.addresses[0][1]
        ready.set()
        self._loop.run_forever()

    # users and chats

    def private_chat(self, user_id: int, first_name: str = "Analyst") -> dict:
        """Register a private chat (chat id = user id)."""
        return self._add_chat({"id": user_id, "type": "private", "first_name": first_name})

    def group(self, chat_id: int, title: str = "Analysts", forum: bool = False) -> dict:
        """Register a group; a forum (topics) is a supergroup with is_forum."""
        chat = {
            "id": chat_id,
            "type": "supergroup" if forum or str(chat_id).startswith("-100") else "group",
            "title": title,
        }
        if forum:
            chat["is_forum"] = True
        return self._add_chat(chat)

    def _add_chat(self, chat: dict) -> dict:
        with self.lock:
            self.chats[chat["id"]] = chat
        return chat

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: every send to them answers 403."""
        with self.lock:
            self.blocked.add(chat_id)

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group becomes a supergroup: sends to the old id answer 400 with migrate_to_chat_id."""
        with self.lock:
            self.migrated[old_chat_id] = new_chat_id
            self.chats[new_chat_id] = {
                "id": new_chat_id,
                "type": "supergroup",
                "title": self.chats[old_chat_id].get("title", ""),
            }

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        times: int = 1,
        chat_id: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with an error (429 with retry_after, 403, 500 ...)."""
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        with self.lock:
            self.failures.append(Failure(method, status, description, parameters, times, chat_id))

    def say(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        thread_id: int | None = None,
        sent_at: float | None = None,
    ) -> int:
        """A user sends a text message (commands get their bot_command entity) now or at `sent_at`; the update id."""
        chat = self.chats.get(chat_id) or self.private_chat(chat_id)
        user_id = user_id or (chat_id if chat["type"] == "private" else 4242)
        message = {
            "message_id": self._next_message_id(),
            "date": int(time.time() if sent_at is None else sent_at),
            "chat": chat,
            "text": text,
            "from": {"id": user_id, "is_bot": False, "first_name": "Analyst"},
        }
        command = re.match(r"^/[A-Za-z0-9_]+(@\w+)?", text)
        if command:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        if thread_id is not None:
            message["message_thread_id"], message["is_topic_message"] = thread_id, True
        return self.push({"message": message})

    def press(self, sent: Sent, data: str, user_id: int | None = None) -> int:
        """A user presses an inline button under a message the bot sent; returns the update id."""
        chat = self.chats[sent.chat_id]
        user_id = user_id or (sent.chat_id if chat["type"] == "private" else 4242)
        query_id = f"cq{self._update_id + 1}"
        with self.lock:
            self._pending_callbacks.add(query_id)
        return self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "chat_instance": f"ci{sent.chat_id}",
                    "data": data,
                    "from": {"id": user_id, "is_bot": False, "first_name": "Analyst"},
                    "message": self._message_json(sent),
                }
            }
        )

    def push(self, body: dict) -> int:
        """Queue a raw update (an `update_id` is added)."""
        with self.lock:
            self._update_id += 1
            update = {"update_id": self._update_id, **body}
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update["update_id"]

    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        with self.lock:
            return len(self._updates)

    # reading what the bot did

    def sent_to(self, chat_id: int, thread_id: int | None = None, *, any_thread: bool = True) -> list[Sent]:
        """Messages sent to a chat (and topic)."""
        with self.lock:
            return [m for m in self.sent if m.chat_id == chat_id and (any_thread or m.thread_id == thread_id)]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
        """Poll until `predicate()` is truthy (from the test's own event loop)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate()
            if result:
                return result
            await asyncio.sleep(0.02)
        raise AssertionError(
            f"timed out after {timeout}s waiting for {what}; "
            f"sent={[(m.chat_id, m.text[:60]) for m in self.sent[-5:]]}; errors={self.errors[-3:]}"
        )

    async def reply(self, chat_id: int, since: int, timeout: float = 10.0, quiet: float = 0.4) -> list[Sent]:
        """The messages sent to `chat_id` after the first `since`, once the bot went quiet."""
        await self.wait_for(lambda: len(self.sent_to(chat_id)) > since, timeout, f"a reply to {chat_id}")
        count = -1
        while count != len(self.sent_to(chat_id)):
            count = len(self.sent_to(chat_id))
            await asyncio.sleep(quiet)
        return self.sent_to(chat_id)[since:]

    # the HTTP side

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["bot"] != f"bot{self.token}":
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params = _decode(dict(await request.post()))
        with self.lock:
            self.calls.append((method, params))
        try:
            self._scripted_failure(method, params)
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(params) if asyncio.iscoroutinefunction(handler) else handler(params)
            return web.json_response({"ok": True, "result": result})
        except ApiError as exc:
            with self.lock:
                self.errors.append((method, params, exc.status, exc.description))
                self.too_many += exc.status == 429
            body = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.parameters:
                body["parameters"] = exc.parameters
            return web.json_response(body, status=exc.status)

    def _scripted_failure(self, method: str, params: dict) -> None:
        with self.lock:
            for failure in self.failures:
                if failure.method == method and failure.times > 0 and failure.chat_id in (None, params.get("chat_id")):
                    failure.times -= 1
                    raise ApiError(failure.status, failure.description, failure.parameters)

    def _chat(self, params: dict) -> dict:
        chat_id = int(params.get("chat_id") or 0)
        with self.lock:
            if chat_id in self.migrated:
                raise ApiError(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": self.migrated[chat_id]},
                )
            if chat_id in self.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            chat = self.chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _rate_limit(self, chat: dict) -> None:
        if self.limits is None:
            return
        with self.lock:
            waits = [self._bucket("all", self.limits.overall_per_second, self.limits.overall_per_second).take()]
            if chat["type"] == "private":
                waits.append(self._bucket(chat["id"], self.limits.private_burst, self.limits.private_per_second).take())
            else:
                waits.append(
                    self._bucket(chat["id"], self.limits.group_per_minute, self.limits.group_per_minute / 60).take()
                )
        wait = max(waits)
        if wait > 0:
            retry = max(1, int(wait + 0.999))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def _bucket(self, key, capacity: float, rate: float) -> TokenBucket:
        if key not in self._buckets:
            self._buckets[key] = TokenBucket(capacity, rate)
        return self._buckets[key]

    def _visible(self, params: dict) -> str:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        visible = check_html(text) if (params.get("parse_mode") or "").upper() == "HTML" else text
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(visible) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        check_markup(params.get("reply_markup"))
        return visible

    def _next_message_id(self) -> int:
        with self.lock:
            self._message_id += 1
            return self._message_id

    def _message_json(self, sent: Sent) -> dict:
        message = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": self.chats[sent.chat_id],
            "from": self._api_getMe({}),
            "text": sent.text,
        }
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        if sent.thread_id is not None:
            message["message_thread_id"], message["is_topic_message"] = sent.thread_id, True
        return message

    # Bot API methods

    def _api_getMe(self, _params: dict) -> dict:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Briefings",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_deleteWebhook(self, params: dict) -> bool:
        if params.get("drop_pending_updates"):
            with self.lock:
                self._updates.clear()
        return True

    def _api_getWebhookInfo(self, _params: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": self.pending_updates()}

    async def _api_getUpdates(self, params: dict) -> list[dict]:
        offset, timeout = params.get("offset") or 0, min(params.get("timeout") or 0, 50)
        deadline = time.monotonic() + timeout
        new_update = self._new_update
        if new_update is None:
            raise RuntimeError("the fake Telegram server is not running")
        while True:
            with self.lock:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = list(self._updates[: params.get("limit") or 100])
                new_update.clear()
            if ready or time.monotonic() >= deadline:
                return ready
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(new_update.wait(), max(0.01, deadline - time.monotonic()))

    def _api_sendMessage(self, params: dict) -> dict:
        chat = self._chat(params)
        thread_id = params.get("message_thread_id")
        if thread_id is not None and not chat.get("is_forum"):
            raise ApiError(400, "Bad Request: message thread not found")
        visible = self._visible(params)
        self._rate_limit(chat)
        sent = Sent(
            self._next_message_id(),
            chat["id"],
            thread_id,
            params["text"],
            visible,
            params.get("parse_mode"),
            params.get("reply_markup"),
        )
        with self.lock:
            self.sent.append(sent)
            self.messages[(sent.chat_id, sent.message_id)] = sent
        return self._message_json(sent)

    def _api_editMessageText(self, params: dict) -> dict:
        chat = self._chat(params)
        with self.lock:
            old = self.messages.get((chat["id"], int(params.get("message_id") or 0)))
        if old is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        visible = self._visible(params)
        if visible == old.text and params.get("reply_markup") == old.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message",
            )
        new = Sent(
            old.message_id,
            old.chat_id,
            old.thread_id,
            params["text"],
            visible,
            params.get("parse_mode"),
            params.get("reply_markup"),
        )
        with self.lock:
            self.messages[(new.chat_id, new.message_id)] = new
            self.edits.append(new)
        return self._message_json(new)

    def _api_answerCallbackQuery(self, params: dict) -> bool:
        with self.lock:
            if params.get("callback_query_id") not in self._pending_callbacks:
                raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
            self._pending_callbacks.discard(params["callback_query_id"])
            if len(params.get("text") or "") > 200:
                raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
            self.answers.append(params)
        return True

    def _api_setMyCommands(self, params: dict) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if (
                not re.match(r"^[a-z0-9_]{1,32}$", command.get("command", ""))
                or not 1 <= len(command.get("description", "")) <= 256
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        with self.lock:
            self.commands = commands
        return True

    def _api_getChat(self, params: dict) -> dict:
        return self._chat(params)

    def _api_sendChatAction(self, params: dict) -> bool:
        self._chat(params)
        return True

    def _api_close(self, _params: dict) -> bool:
        return True


def _decode(form: dict) -> dict:
    """Bot API form parameters: non-string values arrive JSON-encoded."""
    params: dict[str, Any] = {}
    for key, value in form.items():
        if key in INT_FIELDS:
            params[key] = int(value) if re.match(r"^-?\d+$", str(value)) else value
        elif key in BOOL_FIELDS:
            params[key] = str(value).lower() == "true"
        elif key in JSON_FIELDS:
            params[key] = json.loads(value)
        else:
            params[key] = value
    return params
