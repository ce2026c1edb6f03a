"""End-to-end fixtures: a fake Bot API server, a real store ingested once per session, and the real bot."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import build_application, running
from briefings.config import Settings
from briefings.ingest import ingest_folder
from briefings.store import Store
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.helpers import ADMIN, TOKEN

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def base_corpus(tmp_path_factory) -> Path:
    """The example corpus, copied once (tests copy it again when they change it)."""
    if not EXAMPLES.is_dir():
        pytest.skip("examples/corpus is missing")
    target = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory, base_corpus, nlp) -> Path:
    """A SQLite store filled by the real ingest of the corpus, once per session."""
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    store = Store(f"sqlite:///{path}")
    ingest_folder(store, base_corpus, lambda: nlp, Settings(database_url=f"sqlite:///{path}"))
    store.close()
    return path


@pytest.fixture
def corpus_dir(tmp_path, base_corpus) -> Path:
    """This test's own copy of the corpus folder (tests may drop articles into it)."""
    target = tmp_path / "corpus"
    shutil.copytree(base_corpus, target)
    return target


def relocate(db: Path, old_root: Path, new_root: Path) -> None:
    """Point a copied store at a copied corpus folder, so a refresh sees the files as unchanged."""
    old, new = str(old_root.resolve()), str(new_root.resolve())
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        for table, column in (("files", "path"), ("documents", "file_path"), ("documents", "path")):
            connection.execute(
                f"UPDATE {table} SET {column} = ? || substr({column}, ?) WHERE {column} LIKE ?",
                (new, len(old) + 1, old + "%"),
            )


@pytest.fixture
def store(tmp_path, ingested_db, base_corpus, corpus_dir) -> Iterator[Store]:
    """This test's own copy of the ingested store, pointing at this test's corpus folder."""
    path = tmp_path / "store.sqlite3"
    shutil.copy(ingested_db, path)
    relocate(path, base_corpus, corpus_dir)
    s = Store(f"sqlite:///{path}")
    yield s
    s.close()


@pytest.fixture
def fake():
    """The fake Telegram Bot API server, one per test."""
    server = FakeTelegram(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def settings(fake, store, corpus_dir) -> Settings:
    """Settings pointing the bot at the fake server, this test's store and corpus; ADMIN is an admin."""
    return Settings(
        telegram_bot_token=TOKEN,
        telegram_api_url=fake.api_url,
        database_url=str(store.engine.url),
        corpus_dir=corpus_dir,
        admin_chat_ids=frozenset({ADMIN}),
        digest_time="08:00",
        digest_timezone="UTC",
        digest_grace_hours=6,
    )


@pytest.fixture
def start_bot(nlp):
    """`async with start_bot(settings, store) as stopped:` runs the real bot against the fake server."""

    @asynccontextmanager
    async def start(settings: Settings, store: Store, loader=None, **changes):
        settings = replace(settings, **changes) if changes else settings
        application = build_application(settings, store, loader or (lambda: nlp))
        async with running(application, poll_timeout=2) as stopped:
            yield application, stopped

    return start
