"""The context every handler, error handler and job receives: PTB's CallbackContext with the bot's services."""

from __future__ import annotations

from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.runtime import Runtime

RUNTIME_KEY = "runtime"  # where build_application keeps the Runtime in bot_data


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with a typed `runtime`: settings, store, subscriptions, access and the refresh."""

    @property
    def runtime(self) -> Runtime:
        """The services opened once per bot."""
        return runtime_of(self.application)


BotApplication: TypeAlias = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[BotContext]
]
CONTEXT_TYPES = ContextTypes(context=BotContext)


def runtime_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Runtime:
    """The services of an application built by `build_application`."""
    runtime = application.bot_data[RUNTIME_KEY]
    if not isinstance(runtime, Runtime):
        raise TypeError("this application was not built by bot.app.build_application (no Runtime in bot_data)")
    return runtime
