"""Alembic's environment for the bot's tables: run by briefings.store.migrate, never by hand."""

from alembic import context

from bot.subscriptions import BotBase
from briefings.store.migrate import run_migrations

run_migrations(context, BotBase.metadata)
