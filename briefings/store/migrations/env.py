"""Alembic's environment for the core store: run by briefings.store.migrate, never by hand."""

from alembic import context

import briefings.store.feeds  # noqa: F401  (its tables join Base.metadata)
from briefings.store.migrate import run_migrations
from briefings.store.tables import Base

run_migrations(context, Base.metadata)
