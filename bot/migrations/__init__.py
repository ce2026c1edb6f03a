"""The bot's own schema history (subscriptions, deliveries, saved queries), kept beside the core's.

It has its own version table, so the core's migrations never need to know the bot's revisions; the bot runs these
after the core's, when it opens the store."""

from pathlib import Path

from briefings.store.migrate import Migrations

MIGRATIONS = Migrations(Path(__file__).parent, version_table="alembic_version_bot", marker_table="subscriptions")
