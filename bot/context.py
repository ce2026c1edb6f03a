"""The context every handler, error handler and job receives: PTB's CallbackContext with the bot's services."""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, Chat, MaybeInaccessibleMessage, Message, Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, Job, JobQueue

from bot.runtime import Runtime

RUNTIME_KEY = "runtime"  # where build_application keeps the Runtime in bot_data


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with a typed `runtime`: settings, store, subscriptions, access and the refresh."""

    @property
    def runtime(self) -> Runtime:
        """The services opened once per bot."""
        return runtime_of(self.application)

    @property
    def jobs(self) -> JobQueue[Any]:
        """The application's job queue (digests)."""
        return jobs_of(self.application)

    @property
    def current_job(self) -> Job[Any]:
        """The job this callback runs for (in job callbacks only)."""
        if self.job is None:
            raise TypeError("not a job callback")
        return self.job


CONTEXT_TYPES = ContextTypes(context=BotContext)


def runtime_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Runtime:
    """The services of an application built by `build_application`."""
    runtime = application.bot_data[RUNTIME_KEY]
    if not isinstance(runtime, Runtime):
        raise TypeError("this application was not built by bot.app.build_application (no Runtime in bot_data)")
    return runtime


def jobs_of(application: Application[Any, Any, Any, Any, Any, Any]) -> JobQueue[Any]:
    """The job queue; python-telegram-bot[job-queue] is a dependency, so it is always there."""
    if application.job_queue is None:
        raise TypeError("no JobQueue: install python-telegram-bot[job-queue]")
    return application.job_queue


def chat_of(update: Update) -> Chat:
    """The chat of an update that passed the access gate (the gate drops updates without one)."""
    if update.effective_chat is None:
        raise TypeError("an update without a chat got past the gate")
    return update.effective_chat


def message_of(update: Update) -> Message:
    """The message of an update routed by a MessageHandler or CommandHandler."""
    if update.effective_message is None:
        raise TypeError("an update without a message")
    return update.effective_message


def button_of(update: Update) -> CallbackQuery:
    """The pressed button of an update routed by a CallbackQueryHandler."""
    if update.callback_query is None:
        raise TypeError("not a button press")
    return update.callback_query


def pressed_message(update: Update) -> MaybeInaccessibleMessage:
    """The message under the pressed button (to edit it in place)."""
    message = button_of(update).message
    if message is None:
        raise TypeError("a button without its message")
    return message
