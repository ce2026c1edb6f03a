"""Schema migrations (Alembic): a new database is made by them, an old one is brought up to date in place.

`upgrade(engine)` runs at every Store start and by `briefings db upgrade`. It reads the database's revision first,
without a lock, so an up-to-date store (the usual case, and a read-only one) is only read. Otherwise it takes the
write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock) and looks again before changing anything, so
two processes starting at once upgrade once. A store made before migrations (its tables there, no version table)
is adopted: the baseline revision makes only the tables it lacks, then later revisions run as for any store.

Other components keep their own history beside the core's (the bot's tables: bot/migrations), each with its own
version table, so the core never needs to know their revisions.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, create_engine, func, inspect, select

from briefings.errors import ConfigError
from briefings.store.database import WRITE_OPTION, masked_url


@dataclass(frozen=True)
class Migrations:
    """One history of revisions: its folder, the table that records a database's revision, and a table whose
    presence shows the component's tables were made before it had migrations."""

    location: Path
    version_table: str = "alembic_version"
    marker_table: str = "files"

    @property
    def lock_key(self) -> int:
        """The PostgreSQL advisory lock key of this history (one per version table)."""
        return zlib.crc32(self.version_table.encode())


CORE = Migrations(Path(__file__).parent / "migrations")
MIGRATION_ENTRY_POINTS = "briefings.migrations"  # other parts' histories (the bot's), found without importing them


@dataclass(frozen=True)
class Outcome:
    """What `upgrade` found and did."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    adopted: bool = False

    def describe(self) -> str:
        """One line for the user: created, adopted, upgraded or already up to date."""
        after = ", ".join(self.after) or "none"
        if self.before == self.after:
            return f"up to date at revision {after}"
        if self.adopted:
            return f"adopted a store made before migrations: now at revision {after}"
        if not self.before:
            return f"created the tables: now at revision {after}"
        return f"upgraded from revision {', '.join(self.before)} to {after}"


def config(migrations: Migrations = CORE) -> Config:
    """Alembic's configuration for a history, without an ini file."""
    alembic_config = Config()
    alembic_config.set_main_option("script_location", str(migrations.location))
    alembic_config.attributes["migrations"] = migrations
    return alembic_config


@functools.cache
def heads(migrations: Migrations = CORE) -> tuple[str, ...]:
    """The newest revision(s) of a history (read once per process: the revision files do not change)."""
    return tuple(sorted(ScriptDirectory.from_config(config(migrations)).get_heads()))


def current(engine: Engine, migrations: Migrations = CORE) -> tuple[str, ...]:
    """The revision(s) a database is at; empty when it has none (new, or made before migrations)."""
    with engine.connect() as connection:
        return _revisions(connection, migrations)


def histories() -> list[tuple[str, Migrations]]:
    """The core's history first, then those other installed parts add through the `briefings.migrations` entry
    points (the bot's), by name."""
    found = [(entry.name, entry.load()) for entry in entry_points(group=MIGRATION_ENTRY_POINTS)]
    return [("core", CORE), *sorted(found, key=lambda item: item[0])]


def in_use(engine: Engine, migrations: Migrations) -> bool:
    """True when the database holds this history's tables or version table (the bot opened it at least once)."""
    tables = set(inspect(engine).get_table_names())
    return bool({migrations.version_table, migrations.marker_table} & tables)


def status(engine: Engine, migrations: Migrations = CORE) -> str:
    """A database's revision beside the newest, in words."""
    at, newest = current(engine, migrations), heads(migrations)
    if not at:
        return f"no revision (a new store, or one made before migrations); newest {', '.join(newest)}"
    state = "up to date" if at == newest else "behind: `briefings db upgrade` brings it up to date"
    return f"at revision {', '.join(at)}, newest {', '.join(newest)} ({state})"


def upgrade(engine: Engine, migrations: Migrations = CORE) -> Outcome:
    """Bring a database to the newest revision (see the module's docstring); what was done.

    `engine` is a Store's engine: its SQLite listeners turn a write transaction into BEGIN IMMEDIATE."""
    newest = heads(migrations)
    before = current(engine, migrations)
    if before == newest:
        return Outcome(before, before)
    with _write_lock(engine, migrations) as connection:
        before = _revisions(connection, migrations)
        _check_known(before, migrations, engine)
        adopted = not before and inspect(connection).has_table(migrations.marker_table)
        if before != newest:
            alembic_config = config(migrations)
            alembic_config.attributes["connection"] = connection
            command.upgrade(alembic_config, "heads")
        after = _revisions(connection, migrations)
    return Outcome(before, after, adopted)


def run_migrations(context: Any, target_metadata: MetaData) -> None:
    """The body of each history's env.py: run its revisions on the connection `upgrade` passes in (or, for
    Alembic's own command line, on `sqlalchemy.url`)."""
    alembic_config = context.config
    connection = alembic_config.attributes.get("connection")
    if connection is None:
        url = alembic_config.get_main_option("sqlalchemy.url")
        if not url:
            raise ConfigError("migrations run through `briefings db upgrade`, or alembic with -x/sqlalchemy.url set")
        with create_engine(url).begin() as opened:
            _run(context, opened, target_metadata)
        return
    _run(context, connection, target_metadata)


def _run(context: Any, connection: Connection, target_metadata: MetaData) -> None:
    migrations: Migrations = context.config.attributes.get("migrations", CORE)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=migrations.version_table,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _revisions(connection: Connection, migrations: Migrations) -> tuple[str, ...]:
    context = MigrationContext.configure(connection, opts={"version_table": migrations.version_table})
    return tuple(sorted(context.get_current_heads()))


def _check_known(revisions: tuple[str, ...], migrations: Migrations, engine: Engine) -> None:
    """A revision this version does not know was written by a newer briefings: say so rather than guess."""
    script = ScriptDirectory.from_config(config(migrations))
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = [revision for revision in revisions if revision not in known]
    if unknown:
        raise ConfigError(
            f"the store {masked_url(engine.url.render_as_string(hide_password=False))} is at revision "
            f"{', '.join(unknown)}, which this version of briefings does not know: a newer version upgraded it. "
            "Run that version, or restore a copy of the store made before."
        )


@contextmanager
def _write_lock(engine: Engine, migrations: Migrations) -> Iterator[Connection]:
    """One transaction holding the store's write lock; committed when the block ends without error."""
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(migrations.lock_key)))
        yield connection
