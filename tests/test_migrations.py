"""Migrations: a new store is made by them, a store made before them is upgraded in place with nothing lost, and the
models agree with the migrations on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, inspect, select, text, update
from sqlalchemy.orm import Session

from bot.migrations import MIGRATIONS as BOT_MIGRATIONS
from bot.subscriptions import BotBase, Subscriptions
from briefings.errors import ConfigError
from briefings.query import BriefQuery, build_brief
from briefings.serialize import fact_key
from briefings.store import FeedStore, FileState, Store
from briefings.store.citations import HEAD_CITATIONS, head_of, with_cited_evidence
from briefings.store.database import StoredDocument
from briefings.store.migrate import CORE, current, heads, upgrade
from briefings.store.tables import EXPRESSION_INDEXES, Base, FactRow
from tests.factories import document, parade_facts
from tests.test_fetch import run_cli

NEWEST = heads(CORE)[0]
FIXTURE = Path(__file__).parent / "fixtures" / "store-0001.sqlite3"  # made by tests/fixtures/store-0001.py


@pytest.fixture
def old_store(tmp_path) -> Path:
    """A copy of a store made before migrations (revision 0001's tables, no version table)."""
    target = tmp_path / "data" / "briefings.sqlite3"
    target.parent.mkdir()
    shutil.copy(FIXTURE, target)
    return target


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the version tables, in a stable order."""
    with sqlite3.connect(path) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {t: sorted(connection.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    connection.close()
    return {table: found[table] for table in tables if not table.startswith("alembic_version")}


def test_a_store_made_before_migrations_is_adopted_with_nothing_lost(old_store):
    before = rows(old_store)
    assert not any(table.startswith("alembic_version") for table in before), "the fixture predates migrations"

    store = Store(f"sqlite:///{old_store}")
    subscriptions = Subscriptions(store)  # the bot's tables: adopted by the bot's own history

    assert store.migration.adopted and store.migration.after == heads(CORE)
    assert current(store.engine, BOT_MIGRATIONS) == heads(BOT_MIGRATIONS)
    assert {doc.id: doc.duplicate_of for doc in store.documents()} == {"p": None, "b": None, "b2": "b"}
    assert [event.location for event in build_brief(store).events] == ["Pyongyang", "Beijing"]
    last_run = store.last_run()
    assert last_run is not None and last_run["failures"] == [{"path": "/corpus/broken.bin", "reason": "binary file"}]
    assert store.timed_out_files() == {"/corpus/huge.txt": "raw-huge"}
    assert [(f.name, f.failures, f.etag) for f in FeedStore(store).feeds()] == [
        ("gazette", 2, None),
        ("wire", 0, '"v1"'),
    ]
    assert [(s.chat_id, s.timezone) for s in subscriptions.active()] == [(1, "Europe/London")]
    assert subscriptions.claim_slot(1, None, "2025-10-12") is False, "the delivery already sent is remembered"
    assert subscriptions.load_query("0123456789ab") == {"topic": "pyongyang"}
    seen = {(row.fact.id, row.first_seen) for row in store.facts()["events"]}
    assert store.facts_are_stale(), "every group is queued: the next merge files the facts by group"
    store.merge()
    assert {(row.fact.id, row.first_seen) for row in store.facts()["events"]} == seen, "first-seen times carry over"
    store.close()
    after = rows(old_store)
    for table, old_rows in before.items():
        if table not in ("facts", "meta"):  # facts: merged anew; meta: the merge counted one more generation
            assert after[table] == old_rows, f"{table} changed"
    assert set(before["meta"]) - set(after["meta"]) == {("facts_generation", "1")}
    assert len(after["mentions"]) > 0 and after["dirty_groups"] == []


def test_the_facts_of_a_store_made_before_groups_keep_every_column_they_had(old_store):
    columns = "id, kind, key, payload, rank, first_seen"
    with sqlite3.connect(old_store) as connection:
        before = sorted(connection.execute(f"SELECT {columns} FROM facts"))
    connection.close()
    Store(f"sqlite:///{old_store}").close()
    with sqlite3.connect(old_store) as connection:
        after = sorted(connection.execute(f"SELECT {columns} FROM facts"))
    connection.close()
    assert after == before and before


def test_the_db_upgrade_command_says_what_it_did(old_store, tmp_path):
    code, out, _ = run_cli(["db", "current"], tmp_path)
    assert code == 0 and "core: no revision" in out and "bot: no revision" in out

    code, out, _ = run_cli(["db", "upgrade"], tmp_path)
    assert code == 0
    assert f"core: adopted a store made before migrations: now at revision {NEWEST}" in out
    assert "bot: adopted a store made before migrations: now at revision bot_0002" in out

    _, again, _ = run_cli(["db", "upgrade"], tmp_path)
    assert f"core: up to date at revision {NEWEST}" in again and "bot: up to date at revision bot_0002" in again
    _, status, _ = run_cli(["db", "current"], tmp_path)
    assert f"core: at revision {NEWEST}, newest {NEWEST} (up to date)" in status


def test_db_upgrade_leaves_the_bot_tables_alone_until_the_bot_used_the_store(tmp_path):
    code, out, _ = run_cli(["db", "upgrade"], tmp_path)
    assert code == 0 and f"core: created the tables: now at revision {NEWEST}" in out
    assert "bot: no tables yet" in out
    with sqlite3.connect(tmp_path / "data" / "briefings.sqlite3") as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    assert "subscriptions" not in tables and {"files", "facts", "feeds", "alembic_version"} <= tables


def test_a_new_store_is_made_by_the_migrations_and_then_left_alone(database_url):
    store = Store(database_url)
    assert store.migration.before == () and store.migration.after == heads(CORE) and not store.migration.adopted
    store.close()
    again = Store(database_url)
    assert again.migration.before == again.migration.after == heads(CORE)
    again.close()


def test_an_up_to_date_store_opens_read_only(old_store):
    Store(f"sqlite:///{old_store}").close()
    old_store.chmod(0o444)
    read_only = Store(f"sqlite:///file:{old_store}?mode=ro&uri=true")
    assert read_only.document_count() == 3
    read_only.close()


def _metadata_diff(database_url: str, metadata: MetaData) -> list[Any]:
    store = Store(database_url)
    Subscriptions(store)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, _parent: (
                    (type_ != "table" or name in metadata.tables) and name not in EXPRESSION_INDEXES
                ),
                "include_object": lambda _object, name, _type, _reflected, _other: name not in EXPRESSION_INDEXES,
            },
        )
        diff = compare_metadata(context, metadata)
    store.close()
    return list(diff)


@pytest.mark.parametrize("metadata", [Base.metadata, BotBase.metadata], ids=["core", "bot"])
def test_the_models_and_the_migrations_agree(database_url, metadata):
    assert _metadata_diff(database_url, metadata) == []


def test_a_store_upgraded_by_a_newer_version_is_refused_with_a_clear_message(database_url):
    Store(database_url).close()
    store_engine = Store(database_url).engine
    with store_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    with pytest.raises(ConfigError, match="revision 0999, which this version of briefings does not know"):
        upgrade(store_engine)
    store_engine.dispose()


def _open(url: str, start: Any, results: Any) -> None:
    try:
        start.wait(timeout=30)
        store = Store(url)
        Subscriptions(store)
        results.put(("ok", store.migration.adopted, store.document_count()))
        store.close()
    except Exception as exc:  # reported to the test, which fails on anything but "ok"
        results.put((f"{type(exc).__name__}: {exc}", False, 0))


@pytest.mark.slow
def test_processes_starting_at_once_on_an_old_store_upgrade_it_once(old_store):
    context = multiprocessing.get_context("spawn")
    racers, url = 3, f"sqlite:///{old_store}"
    start, results = context.Barrier(racers), context.Queue()
    workers = [context.Process(target=_open, args=(url, start, results)) for _ in range(racers)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert sorted(outcomes) == [("ok", False, 3), ("ok", False, 3), ("ok", True, 3)], "exactly one adopted it"


def test_the_indexes_alembic_compares_only_by_name_are_there(database_url):
    store = Store(database_url)
    names = {index["name"] for index in inspect(store.engine).get_indexes("facts")}
    store.close()
    expected = {"ix_facts_events_order", "ix_facts_people_order", "ix_facts_order"}
    if database_url.startswith("postgresql"):
        expected |= {"ix_facts_search_words", "ix_facts_evidence_search_words"}
    assert expected <= names


def test_search_words_written_with_the_event_are_rewritten_without_it_and_briefs_stay_the_same(database_url):
    store = Store(database_url)
    store.save_file("/c/p.txt", FileState("p", 1, 1), [StoredDocument(document("p"), [], parade_facts("p"))])
    store.merge()
    before = build_brief(store, BriefQuery(topic="pyongyang"))
    with store.engine.begin() as connection:  # words as revision 0002 wrote them: the event's key among them
        old_words = "UPDATE facts SET search = search || ' pyongyang 2025 10 10' WHERE event_id IS NOT NULL"
        connection.execute(text(old_words))
    _back_to(store, "0002")
    store.close()
    store = Store(database_url)
    assert store.migration.before == ("0002",) and store.migration.after == heads(CORE)
    with store.engine.connect() as connection:
        words = list(connection.scalars(text("SELECT search FROM facts WHERE kind IN ('attendees', 'weapons')")))
    assert words and not any("2025 10 10" in w for w in words), words
    assert build_brief(store, BriefQuery(topic="pyongyang")).attendees == before.attendees
    store.close()


def test_facts_citing_many_articles_get_heads_and_a_cut_brief_cites_the_same_first_few(database_url):
    store = parade_reported(database_url, 5)  # one parade reported five times: its event and weapon cite five articles
    now = datetime(2025, 10, 20, tzinfo=UTC)
    whole, cut = build_brief(store), build_brief(store, limit=5, now=now)
    assert len(whole.weapons[0].evidence) == 5 and len(cut.weapons[0].evidence) == HEAD_CITATIONS
    assert cut.weapons[0].evidence == whole.weapons[0].evidence[:HEAD_CITATIONS]
    _back_to(store, "0003")
    store.close()
    store = Store(database_url)
    assert store.migration.before == ("0003",)
    with store.engine.connect() as connection:
        heads = connection.execute(text("SELECT kind FROM facts WHERE head IS NOT NULL")).scalars().all()
    assert {"events", "weapons"} <= set(heads)
    assert build_brief(store, limit=5, now=now) == cut
    store.close()


def test_mentions_are_filed_under_event_groups_and_the_merge_after_the_upgrade_gives_the_same_brief(database_url):
    store = Store(database_url)
    for n, city in enumerate(["Pyongyang", "Pyongyang", "Hanoi"]):
        doc = f"p{n}"
        facts = parade_facts(doc, city=city)
        store.save_file(f"/c/{doc}.txt", FileState(doc, 1, 1), [StoredDocument(document(doc), [], facts)])
    store.merge()
    now = datetime(2025, 10, 20, tzinfo=UTC)
    before = build_brief(store, now=now)
    seen = {(kind, fact_key(kind, row.fact), row.first_seen) for kind, rows in store.facts().items() for row in rows}
    _back_to(store, "0005")
    with store.engine.begin() as connection:  # groups as revision 0005 filed them: a city's events, a person's name
        connection.execute(text("UPDATE mentions SET group_key = 'city:pyongyang' WHERE group_key LIKE 'city:pyong%'"))
        connection.execute(text("UPDATE mentions SET group_key = 'city:hanoi' WHERE group_key LIKE 'city:hanoi%'"))
        kim = "UPDATE mentions SET group_key = 'kim jong un' WHERE CAST(payload AS TEXT) LIKE '%Kim Jong Un%'"
        connection.execute(text(kim))
    store.close()
    store = Store(database_url)
    assert store.migration.before == ("0005",) and store.migration.after == heads(CORE)
    with store.engine.connect() as connection:
        groups = set(connection.scalars(text("SELECT group_key FROM mentions WHERE kind = 'attendees'")))
    assert groups == {"city:pyongyang|2025-10-10", "city:hanoi|2025-10-10"}
    assert store.facts_are_stale()
    store.merge()
    assert build_brief(store, now=now) == before
    assert {
        (kind, fact_key(kind, row.fact), row.first_seen) for kind, rows in store.facts().items() for row in rows
    } == seen
    store.close()


def test_the_upgrade_queues_weapons_and_figures_so_the_next_merge_writes_their_fold_states(database_url):
    store = parade_reported(database_url, 3)
    now = datetime(2025, 10, 20, tzinfo=UTC)
    before = build_brief(store, now=now)
    _back_to(store, "0006")
    with store.engine.begin() as connection:  # revision 0006's digests did not cover a fold state
        connection.execute(text("UPDATE facts SET digest = 'before 0007'"))
    store.close()
    store = Store(database_url)
    assert store.migration.before == ("0006",) and store.facts_are_stale()
    store.merge()
    with store.engine.connect() as connection:
        folded = connection.execute(text("SELECT kind FROM facts WHERE fold IS NOT NULL")).scalars().all()
    assert sorted(set(folded)) == ["figures", "weapons"]
    assert build_brief(store, now=now) == before
    store.close()


def test_the_upgrade_queues_facts_citing_many_articles_so_the_next_merge_keeps_their_evidence_as_rows(database_url):
    store = parade_reported(database_url, 5)  # one parade reported five times: its weapon and figure cite five articles
    now = datetime(2025, 10, 20, tzinfo=UTC)
    whole, cut = build_brief(store, now=now), build_brief(store, limit=5, now=now)
    _back_to(store, "0007")  # every citation in the payloads
    store.close()
    store = Store(database_url)
    assert store.migration.before == ("0007",) and store.facts_are_stale()
    assert build_brief(store, now=now) == whole, "the old layout is read until the merge"
    store.merge()
    with store.engine.connect() as connection:
        as_rows = connection.execute(text("SELECT kind FROM facts WHERE evidence_rows")).scalars().all()
    assert "weapons" in as_rows and "events" not in as_rows
    assert (build_brief(store, now=now), build_brief(store, limit=5, now=now)) == (whole, cut)
    store.close()


def parade_reported(database_url: str, times: int) -> Store:
    """A store holding one parade reported `times` times (documents p0, p1, ...), merged."""
    store = Store(database_url)
    for n in range(times):
        doc = f"p{n}"
        store.save_file(f"/c/{doc}.txt", FileState(doc, 1, 1), [StoredDocument(document(doc), [], parade_facts(doc))])
    store.merge()
    return store


def _back_to(store: Store, revision: str) -> None:
    """Make a store look as `revision` left it: that revision stamped, the columns of later ones gone."""
    with store.engine.begin() as connection:
        if revision < "0008":  # every fact cites all its evidence in its payload
            many = connection.execute(select(FactRow.id, FactRow.payload).where(FactRow.evidence_rows)).all()
            whole = with_cited_evidence(Session(connection), {fact_id: payload for fact_id, payload in many})
            for fact_id, payload in whole.items():
                stmt = update(FactRow).where(FactRow.id == fact_id)
                connection.execute(stmt.values(payload=payload, head=head_of(payload), digest="before 0008"))
            connection.execute(text("ALTER TABLE facts DROP COLUMN evidence_rows"))
            connection.execute(text("ALTER TABLE fact_sources DROP COLUMN evidence"))
        if revision < "0007":
            connection.execute(text("ALTER TABLE facts DROP COLUMN fold"))
            connection.execute(text("ALTER TABLE dirty_groups DROP COLUMN anew"))
            connection.execute(text("DROP INDEX ix_mentions_group"))
            connection.execute(text("CREATE INDEX ix_mentions_group ON mentions (kind, group_key)"))
        if revision < "0006":
            for side in ("first", "last"):
                connection.execute(text(f"ALTER TABLE mentions ADD COLUMN {side}_word VARCHAR"))
                connection.execute(text(f"CREATE INDEX ix_mentions_{side}_word ON mentions (kind, {side}_word)"))
        if revision < "0005":
            connection.execute(text("DROP INDEX ix_facts_event_kind"))
            connection.execute(text("CREATE INDEX ix_facts_event_id ON facts (event_id)"))
        if revision < "0004":
            connection.execute(text("ALTER TABLE facts DROP COLUMN head"))
        connection.execute(text(f"UPDATE {CORE.version_table} SET version_num = '{revision}'"))


def test_merge_group_keys_compare_in_byte_order_on_every_database(database_url):
    """A city's dated groups are found by a range of keys ('city:x|' <= key < 'city:x}'); a language collation such
    as en_US ignores punctuation and spaces and would put other cities' keys inside it, so PostgreSQL's column is
    "C" (the tests' server is made with locale C, so the column's own collation is checked too)."""

    from briefings.store.merging import _dated_groups

    store = Store(database_url)
    for n, (city, day) in enumerate(
        [("Pyongyang", "2025-10-10"), ("Pyongyang X", "2025-10-11"), ("Pyongyang", "2024-01-01")]
    ):
        facts = parade_facts(f"d{n}", city=city, day=day)
        store.save_file(f"/c/{n}.txt", FileState(str(n), 1, 1), [StoredDocument(document(f"d{n}"), [], facts)])
    with Session(store.engine) as session:
        assert _dated_groups(session, "pyongyang", limit=3) == [
            "city:pyongyang|2024-01-01",
            "city:pyongyang|2025-10-10",
        ]
    if database_url.startswith("postgresql"):
        with store.engine.connect() as connection:
            column = "WHERE table_name = 'mentions' AND column_name = 'group_key'"
            collation = connection.execute(text(f"SELECT collation_name FROM information_schema.columns {column}"))
            assert collation.scalar() == "C"
    store.close()
