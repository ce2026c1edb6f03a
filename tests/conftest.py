"""Shared fixtures: the real spaCy pipeline, loaded once per test session, and a fresh database on each backend."""

from __future__ import annotations

import itertools
import os
import subprocess
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from briefings.nlp.pipeline import load_pipeline
from briefings.store.database import masked_url
from tests.postgres_server import ENV_VAR, ServerError, TestServer

BACKENDS = ["sqlite", "postgresql"]
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def nlp():
    """The configured English model with the project's components."""
    return load_pipeline(None)


class DatabaseURL(str):
    """A database URL whose repr hides the password, so no assertion message or traceback can show it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(masked_url(str(self)))


_PASSWORDS: set[str] = set()  # of the session's PostgreSQL server: scrubbed from every failure report


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failure's traceback shows the arguments of each frame (a driver's connect() gets the password): hide it."""
    outcome = yield
    report = outcome.get_result()
    if report.longrepr is not None and _PASSWORDS:
        text = str(report.longrepr)
        if any(password in text for password in _PASSWORDS):
            for password in _PASSWORDS:
                text = text.replace(password, "***")
            report.longrepr = text


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for the session: BRIEFINGS_TEST_POSTGRES_URL, or a throwaway one started here.

    A server that cannot start (or be reached) fails every test that needs it: the PostgreSQL half never skips."""
    given = os.environ.get(ENV_VAR)
    if given:
        _PASSWORDS.update(filter(None, [make_url(given).password]))
        _check_reachable(given, f"{ENV_VAR} names a server that cannot be reached")
        yield DatabaseURL(given)
        return
    try:
        server = TestServer()
        _PASSWORDS.add(server.password)
        url, problem = server.start(), None
    except (ServerError, OSError, subprocess.SubprocessError) as exc:
        problem = str(exc)
    if problem is not None:
        pytest.fail(
            f"the PostgreSQL test server could not start: {problem}. Install Debian's postgresql package "
            f"(scripts/postgres-test-server install) or set {ENV_VAR} to a server of your own",
            pytrace=False,
        )
    try:
        yield DatabaseURL(url)
    finally:
        server.stop()


def _check_reachable(url: str, problem: str) -> None:
    engine, reason = create_engine(url), None
    try:
        with engine.connect():
            pass
    except Exception as exc:  # any failure to connect: reported once, by name, without the password
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    finally:
        engine.dispose()
    if reason:
        pytest.fail(f"{problem}: {masked_url(url)} ({reason})", pytrace=False)


@pytest.fixture(scope="session")
def postgres_admin(postgres_url) -> Iterator[Engine]:
    """An autocommit connection pool to the session's server, to create and drop each test's database."""
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT", pool_size=1)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def new_database(request, tmp_path) -> Iterator[Callable[[], str]]:
    """A maker of new, empty databases of one backend: SQLite files in tmp_path, or databases of their own on the
    PostgreSQL server (dropped when the test ends)."""
    made: list[str] = []

    def make() -> str:
        if request.param == "sqlite":
            name = "store.sqlite3" if not made else f"store-{len(made)}.sqlite3"
            made.append(name)
            return f"sqlite:///{tmp_path / name}"
        name = f"test_{os.getpid()}_{next(_database_numbers)}"
        with request.getfixturevalue("postgres_admin").connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
        made.append(name)
        url = make_url(request.getfixturevalue("postgres_url")).set(database=name)
        return DatabaseURL(url.render_as_string(hide_password=False))

    yield make
    if request.param == "postgresql" and made:
        with request.getfixturevalue("postgres_admin").connect() as connection:
            for name in made:  # WITH (FORCE): a connection the test left open does not keep the database alive
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database_url(new_database) -> str:
    """A new, empty database on each backend in turn (the test runs once per backend)."""
    return new_database()


def is_sqlite(url: str) -> bool:
    """True for a SQLite URL (tests that only make sense on a file use it to say so)."""
    return url.startswith("sqlite")
