"""Build and run the Telegram Application: handlers, error handler, rate limiter, jobs, polling or webhook."""

from __future__ import annotations

import asyncio
import html
import logging
import secrets
import time as clock
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from zoneinfo import ZoneInfo

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Conflict, InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import handlers, scheduler, sources
from bot.context import CONTEXT_TYPES, RUNTIME_KEY, BotContext, jobs_of, runtime_of
from bot.grammar import LINK
from bot.logsafe import redact_secrets
from bot.runtime import Runtime
from bot.transport import ChatRateLimiter, TolerantBot
from briefings.config import Settings
from briefings.errors import BriefingError, ConfigError
from briefings.store import Store

log = logging.getLogger(__name__)

CONFLICT_MESSAGE = (
    "Another bot instance is already polling with this TELEGRAM_BOT_TOKEN (Telegram answered 409 "
    "Conflict). Stop the other instance (or its webhook) and start this one again."
)
ADMIN_ALERT_INTERVAL = 60.0
POLL_TIMEOUT = 10


def default_loader(settings: Settings) -> Callable:
    """Loads the configured spaCy pipeline (once, on the first refresh that needs it)."""

    def load():
        from briefings.nlp.pipeline import load_pipeline

        return load_pipeline(settings.spacy_model)

    return load


def build_application(
    settings: Settings, store: Store, nlp_loader: Callable | None = None, rate_limiter: AIORateLimiter | None = None
) -> Application:
    """The Application with every handler, the error handler, AIORateLimiter and HTML defaults."""
    token = settings.checked_token()
    redact_secrets(token, settings.webhook_secret)
    application = (
        Application.builder()
        .bot(make_bot(settings, token, rate_limiter))
        .context_types(CONTEXT_TYPES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data[RUNTIME_KEY] = Runtime.create(settings, store, nlp_loader or default_loader(settings))
    add_handlers(application)
    return application


def make_bot(settings: Settings, token: str, rate_limiter: AIORateLimiter | None = None) -> TolerantBot:
    """The bot: calls {TELEGRAM_API_URL}/bot<token>/<method>, HTML by default, within Telegram's flood limits."""
    api = settings.telegram_api_url.rstrip("/")
    return TolerantBot(
        token,
        base_url=f"{api}/bot",
        base_file_url=f"{api}/file/bot",
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            tzinfo=ZoneInfo(settings.digest_timezone),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        rate_limiter=rate_limiter or ChatRateLimiter(overall_max_rate=28, overall_time_period=1, max_retries=3),
        request=HTTPXRequest(connection_pool_size=64),
        get_updates_request=HTTPXRequest(read_timeout=POLL_TIMEOUT + 5),
    )


def add_handlers(application: Application) -> None:
    """Every command, button and service message, behind the access gate."""
    application.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    commands = {
        "start": handlers.start,
        "help": handlers.help_command,
        "brief": handlers.brief_command,
        "events": handlers.events_command,
        "sources": handlers.sources_command,
        "subscribe": handlers.subscribe_command,
        "unsubscribe": handlers.unsubscribe_command,
        "settings": handlers.settings_command,
        "status": handlers.status_command,
        "feeds": sources.feeds_command,
        "addfeed": sources.addfeed_command,
        "removefeed": sources.removefeed_command,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CommandHandler("refresh", handlers.refresh_command, block=False))
    application.add_handler(CommandHandler("digest", handlers.digest_command, block=False))
    for action, on_press in handlers.BUTTONS.items():
        application.add_handler(CallbackQueryHandler(handlers.pressed(on_press), pattern=action.pattern))
    application.add_handler(CallbackQueryHandler(handlers.unknown_button))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.on_migrate))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    links = filters.UpdateType.MESSAGE & filters.TEXT & filters.Regex(LINK)
    application.add_handler(MessageHandler(links, sources.link_message, block=False))
    application.add_error_handler(on_error)


async def post_init(application: Application) -> None:
    """After initialize: publish the command list, try the digest lease (its holder restores every digest job and
    catches up on missed digests; see bot.scheduler), and schedule the repeating fetch of the feeds."""
    runtime = runtime_of(application)
    if runtime.access.is_open:
        log.warning("ALLOWED_CHAT_IDS is empty: every chat that finds this bot can use it")
    await application.bot.set_my_commands([BotCommand(name, about) for name, about in handlers.COMMANDS])
    restored = scheduler.start(application)
    sources.schedule_fetching(jobs_of(application), runtime.settings)
    log.info("Bot @%s ready; %d digest subscriptions scheduled", application.bot.username, restored)


async def post_shutdown(application: Application) -> None:
    """Give the digest lease up; the store belongs to whoever opened it (run_bot closes it)."""
    scheduler.stop(application)
    log.info("Bot stopped")


async def on_error(update: object, context: BotContext) -> None:
    """The one error handler: Conflict stops the bot; anything else is logged with the update and told to admins."""
    runtime = context.runtime
    error = context.error
    if error is None:
        return
    if isinstance(error, Conflict):
        log.critical(CONFLICT_MESSAGE)
        runtime.request_stop(CONFLICT_MESSAGE)
        return
    if isinstance(error, InvalidToken):
        log.critical("Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather")
        runtime.request_stop("Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather.")
        return
    log.error("Error while handling %s", describe_update(update), exc_info=error)
    if isinstance(update, Update) and update.effective_chat and isinstance(error, BriefingError):
        await context.bot.send_message(update.effective_chat.id, html.escape(str(error)))
    await alert_admins(context, error)


def describe_update(update: object) -> str:
    """An update as a short dict for the log (no secrets: updates carry none)."""
    if isinstance(update, Update):
        return repr(update.to_dict())[:2000]
    return "no update (polling or a job)" if update is None else repr(update)[:500]


async def alert_admins(context: BotContext, error: BaseException) -> None:
    """Tell the admin chats about an unexpected error, at most once a minute."""
    runtime = context.runtime
    now = clock.monotonic()
    last = runtime.last_admin_alert
    if not runtime.access.admins or (last is not None and now - last < ADMIN_ALERT_INTERVAL):
        return
    runtime.last_admin_alert = now
    text = f"⚠️ Bot error: <code>{html.escape(type(error).__name__)}: {html.escape(str(error))[:500]}</code>"
    for chat_id in sorted(runtime.access.admins):
        try:
            await context.bot.send_message(chat_id, text)
        except Exception:
            log.warning("Could not alert admin chat %s", chat_id)


@asynccontextmanager
async def running(application: Application, poll_timeout: int = POLL_TIMEOUT) -> AsyncIterator[asyncio.Event]:
    """Run the bot in the current event loop (polling) until the block ends or it must stop.

    Same order as `run_polling`: initialize, post_init, start polling (pending updates kept: the gate answers
    young ones and drops old ones), start;
    yields an event set when the bot has to stop (e.g. a second instance), then shuts everything down.
    """
    stopped = asyncio.Event()
    runtime = runtime_of(application)
    runtime.stop = stopped.set
    updater = application.updater
    if updater is None:
        raise TypeError("an application without an Updater cannot poll")

    def on_polling_error(error: TelegramError) -> None:
        application.create_task(application.process_error(update=None, error=error))

    await application.initialize()
    try:
        await post_init(application)
        await updater.start_polling(
            timeout=poll_timeout,
            drop_pending_updates=False,
            allowed_updates=Update.ALL_TYPES,
            error_callback=on_polling_error,
        )
        await application.start()
        yield stopped
    finally:
        if updater.running:
            await updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        await post_shutdown(application)


def run_bot(settings: Settings, nlp_loader: Callable | None = None) -> None:
    """Entry point of `briefings bot`: long polling, or a webhook when WEBHOOK_URL is set."""
    settings.checked_token()
    store = Store(settings.database_url)
    try:
        application = build_application(settings, store, nlp_loader)
        runtime = runtime_of(application)
        runtime.stop = application.stop_running
        if settings.webhook_url:
            run_webhook(application, settings, settings.webhook_url)
        else:
            application.run_polling(drop_pending_updates=False, allowed_updates=Update.ALL_TYPES, timeout=POLL_TIMEOUT)
        if runtime.fatal_error:
            raise BriefingError(runtime.fatal_error)
    finally:
        store.close()


def run_webhook(application: Application, settings: Settings, url: str) -> None:
    """Webhook mode: listen on WEBHOOK_PORT, Telegram calls WEBHOOK_URL with the secret token."""
    try:
        import tornado  # noqa: F401 - python-telegram-bot's webhook server
    except ImportError:
        raise ConfigError(
            "WEBHOOK_URL is set but webhook support is not installed: "
            "pip install 'python-telegram-bot[webhooks]', or leave WEBHOOK_URL empty for polling."
        ) from None
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    redact_secrets(secret)
    path = "telegram"
    application.run_webhook(
        listen="0.0.0.0",
        port=settings.webhook_port,
        url_path=path,
        webhook_url=f"{url.rstrip('/')}/{path}",
        secret_token=secret,
        drop_pending_updates=False,
        allowed_updates=Update.ALL_TYPES,
    )
