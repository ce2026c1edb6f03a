"""Store: opens the database and offers the few reads and writes the other stages need."""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from briefings.dedup import band_hashes
from briefings.errors import ConfigError
from briefings.models import DocFacts, Document, Fact
from briefings.serialize import (
    FACT_TYPES,
    docfacts_from_dict,
    docfacts_to_dict,
    fact_from_dict,
    search_text,
)
from briefings.store.briefs import FactFilter, FactPage, select_facts
from briefings.store.citations import with_cited_evidence
from briefings.store.merging import (
    forget_fold_states,
    groups_of_documents,
    has_dirty_groups,
    mark_dirty,
    mark_everything_dirty,
    mention_rows,
    merge_dirty,
)
from briefings.store.tables import DocumentRow, FactRow, FileRow, IngestRunRow, MetaRow, SignatureBandRow

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """Naive UTC now: SQLite keeps no time zone, so every stored time is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FileState:
    """What the store remembers of a corpus file."""

    raw_hash: str
    mtime: float
    size: int


class StoredFact(NamedTuple):
    """A merged fact, when it was first seen, and its folded words for topic filters."""

    fact: Fact
    first_seen: datetime
    search: str


@dataclass(frozen=True)
class StoredDocument:
    """A document ready to be saved: its metadata, near-duplicate signature and facts."""

    document: Document
    signature: list[int]
    facts: DocFacts


STORE_ERRORS = (SQLAlchemyError, sqlite3.Error)
STORE_ADVICE = (  # (words of the database's message, what the user can do), first match wins
    (
        ("not a database", "malformed"),
        "the file is damaged or is no briefings store: move it aside, then run `briefings ingest` to build a new one",
    ),
    (
        ("readonly", "read-only"),
        "the store is read-only: `brief` and `events` still read it; to ingest, point the setting at a writable file",
    ),
    (
        ("unable to open", "permission", "disk i/o"),
        "the file or its folder cannot be opened: fix its permissions or choose another place",
    ),
    (("locked", "busy"), "another process is writing to it: try again once that ingest is done"),
)


def masked_url(url: str) -> str:
    """The database URL with its password replaced by ***, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is masked by pattern instead
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def store_failure(exc: BaseException, url: str) -> ConfigError:
    """One line saying which store failed, why, and what to do; the password never shown."""
    reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
    lowered = reason.lower()
    advice = next((text for words, text in STORE_ADVICE if any(w in lowered for w in words)), "check that setting")
    return ConfigError(
        f"the store {masked_url(url)} cannot be used ({reason}); {advice}. "
        "The store is DATABASE_URL (by default DATA_DIR/briefings.sqlite3)."
    )


def _prepare_sqlite_dir(url: str) -> None:
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another's transaction (a large re-merge takes seconds)
TIMEOUT_PREFIX = "timed_out:"  # meta keys of files that ran out of time, by path
BULK_MERGE = 1000  # merge groups redone at once from which the planner's statistics are gathered again
STATISTICS_GROWTH = 2  # SQLite's are gathered again when the facts table has grown this many times since
WAL_SWITCH_RETRY_SECONDS = 0.05  # between tries of the switch to WAL while another connection writes
WRITE_OPTION = "briefings_write"  # execution option: this transaction writes, so it takes the write lock up front


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin, not by the driver
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the pragmas below may wait for a lock
    cursor.execute("PRAGMA foreign_keys=ON")
    _switch_to_wal(cursor)
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """PRAGMA journal_mode=WAL, waiting as busy_timeout would. SQLite refuses the switch at once, without its busy
    wait, while another connection writes to a file still in rollback mode: two processes creating one new store."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_SWITCH_RETRY_SECONDS)


def _sqlite_begin(connection: Any) -> None:
    """BEGIN IMMEDIATE for writes: a writer waits for the lock at the start instead of failing when it upgrades."""
    write = connection.get_execution_options().get(WRITE_OPTION)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


WRITE_LOCK_KEY = 0x62726966  # PostgreSQL advisory lock of the store's writers ("brif")


def _postgresql_begin(connection: Any) -> None:
    """PostgreSQL's write lock: writers take turns, as BEGIN IMMEDIATE makes them on SQLite (a re-merge replaces
    every fact, so two at once would collide); readers never wait."""
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


class Store:
    """The corpus index and merged facts in one database (SQLite by default)."""

    def __init__(self, database_url: str):
        try:
            _prepare_sqlite_dir(database_url)
            self.engine = create_engine(database_url)
        except Exception as exc:
            raise ConfigError(
                f"DATABASE_URL {masked_url(database_url)} cannot be opened: {exc}; check DATABASE_URL, or DATA_DIR "
                "(where the default SQLite file is made) is a folder this user can write"
            ) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        elif self.engine.dialect.name == "postgresql":
            event.listen(self.engine, "begin", _postgresql_begin)
        self._writer = self.engine.execution_options(**{WRITE_OPTION: True})
        try:
            self._create_schema()
        except STORE_ERRORS as exc:
            self.engine.dispose()
            raise store_failure(exc, database_url) from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._facts_cache: tuple[str, dict[str, list[StoredFact]]] | None = None
        self._index_cache: tuple[str, dict[str, Document]] | None = None
        self._count_cache: tuple[str, int] | None = None

    def _create_schema(self) -> None:
        """Create or upgrade the tables by the migrations, under the write lock so two first starts never race; an
        up-to-date store is only read (a read-only store needs no lock). `self.migration` tells what was done."""
        from briefings.store.migrate import upgrade  # migrate imports this module

        self.migration = upgrade(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A writing session: it waits for the write lock, commits on success and rolls back on any error."""
        with self._write_sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    # corpus files and documents

    def file_states(self) -> dict[str, FileState]:
        """Every known corpus file by path."""
        with self._sessions() as session:
            rows = session.execute(select(FileRow.path, FileRow.raw_hash, FileRow.mtime, FileRow.size))
            return {path: FileState(h, m, s) for path, h, m, s in rows}

    def touch_file(self, path: str, state: FileState) -> None:
        """Record a new mtime for a file whose content did not change."""
        with self.transaction() as session:
            row = session.get(FileRow, path)
            if row is not None:
                row.mtime, row.size = state.mtime, state.size

    def save_file(self, path: str, state: FileState, documents: Iterable[StoredDocument]) -> None:
        """Replace a file's documents in one transaction: all of them land, or none. The merge groups their facts
        belonged to or join are queued for the next merge."""
        now = utcnow()
        with self.transaction() as session:
            old_ids = list(session.scalars(select(DocumentRow.id).where(DocumentRow.file_path == path)))
            lost = groups_of_documents(session, old_ids)
            session.execute(delete(DocumentRow).where(DocumentRow.file_path == path))
            session.merge(FileRow(path=path, raw_hash=state.raw_hash, mtime=state.mtime, size=state.size, seen_at=now))
            gained: set[tuple[str, str]] = set()
            for stored in documents:
                session.merge(_document_row(path, stored, now))
                if not stored.document.duplicate_of:
                    bands = band_hashes(stored.signature)
                    session.add_all(SignatureBandRow(band=band, doc_id=stored.document.id) for band in set(bands))
                    mentions = mention_rows(stored.document.id, stored.facts)
                    session.add_all(mentions)
                    gained.update((m.kind, m.group_key) for m in mentions)
            mark_dirty(session, lost, anew=True)
            mark_dirty(session, gained - lost)
            self._documents_changed(session)

    def remove_files(self, paths: Iterable[str]) -> int:
        """Drop files (and their documents) that left the corpus folder."""
        paths = list(paths)
        if not paths:
            return 0
        with self.transaction() as session:
            doc_ids = list(session.scalars(select(DocumentRow.id).where(DocumentRow.file_path.in_(paths))))
            mark_dirty(session, groups_of_documents(session, doc_ids), anew=True)
            session.execute(delete(DocumentRow).where(DocumentRow.file_path.in_(paths)))
            session.execute(delete(FileRow).where(FileRow.path.in_(paths)))
            self._documents_changed(session)
        return len(paths)

    def files_with_duplicates_of(self, paths: Iterable[str]) -> set[str]:
        """Files holding near-duplicates of documents in `paths`: they must be re-read once those go."""
        paths = list(paths)
        if not paths:
            return set()
        with self._sessions() as session:
            gone_ids = select(DocumentRow.id).where(DocumentRow.file_path.in_(paths))
            rows = session.scalars(select(DocumentRow.file_path).where(DocumentRow.duplicate_of.in_(gone_ids)))
            return set(rows) - set(paths)

    def documents_version(self) -> str:
        """A counter of document changes (cached counts are kept while it stays the same)."""
        return self._meta("documents_version") or "0"

    def _documents_changed(self, session: Session) -> None:
        row = session.get(MetaRow, "documents_version")
        self._set_meta(session, "documents_version", str(int(row.value) + 1 if row else 1))

    def facts_are_stale(self) -> bool:
        """True when documents changed since the facts were last merged (or were saved but never merged)."""
        with self._sessions() as session:
            if has_dirty_groups(session):
                return True
            never_merged = session.get(MetaRow, "facts_generation") is None
            return never_merged and session.scalar(select(DocumentRow.id).limit(1)) is not None

    def remember_timeout(self, path: str, raw_hash: str) -> None:
        """Remember that a file's parse or extraction ran out of time, so it is skipped until its bytes change."""
        with self.transaction() as session:
            self._set_meta(session, TIMEOUT_PREFIX + path, raw_hash)

    def timed_out_files(self) -> dict[str, str]:
        """Files whose parse or extraction ran out of time, with the hash of the bytes that did."""
        with self._sessions() as session:
            rows = session.execute(select(MetaRow.key, MetaRow.value).where(MetaRow.key.startswith(TIMEOUT_PREFIX)))
            return {key.removeprefix(TIMEOUT_PREFIX): value for key, value in rows}

    def ever_merged(self) -> bool:
        """True once facts were merged at least once (a first ingest that was cut short never merged)."""
        return self._meta("facts_generation") is not None

    def duplicate_candidates(self, bands: list[int], exclude: str | None = None) -> list[tuple[str, list[int]]]:
        """(id, signature) of the stored originals sharing a band with `bands`, earliest stored first."""
        if not bands:
            return []
        with self._sessions() as session:
            sharing = select(SignatureBandRow.doc_id).where(SignatureBandRow.band.in_(sorted(set(bands))))
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.signature)
                .where(DocumentRow.id.in_(sharing), DocumentRow.duplicate_of.is_(None))
                .order_by(DocumentRow.ingested_at, DocumentRow.id)
            )
            return [(doc_id, sig) for doc_id, sig in rows if doc_id != exclude]

    def documents(self) -> list[Document]:
        """Every document's metadata and text, newest first."""
        with self._sessions() as session:
            rows = session.scalars(select(DocumentRow).order_by(DocumentRow.published.desc(), DocumentRow.id))
            return [_document(row) for row in rows]

    def document_index(self) -> dict[str, Document]:
        """Every document's metadata without its text, by id, newest first. Cached until the corpus changes."""
        generation = self._generation()
        if self._index_cache and self._index_cache[0] == generation:
            return self._index_cache[1]
        columns = [c for c in DocumentRow.__table__.columns if c.name not in ("text", "signature", "facts")]
        with self._sessions() as session:
            rows = session.execute(select(*columns).order_by(DocumentRow.published.desc(), DocumentRow.id))
            index = {row.id: _document(row, text="") for row in rows}
        self._index_cache = (generation, index)
        return index

    def iter_document_facts(self, batch: int = 500) -> Iterator[tuple[Document, DocFacts]]:
        """Each document with its own facts, streamed in batches so memory stays flat."""
        with self._sessions() as session:
            rows = session.execute(select(DocumentRow).order_by(DocumentRow.id).execution_options(yield_per=batch))
            for (row,) in rows:
                yield _document(row), docfacts_from_dict(row.facts or {})

    def document_count(self) -> int:
        """How many documents the store holds. Counted again only when the documents changed (every brief's
        header asks, and counting 100,000 rows takes a tenth of a second from a cold cache)."""
        version = self.documents_version()
        if self._count_cache and self._count_cache[0] == version:
            return self._count_cache[1]
        with self._sessions() as session:
            count = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
        self._count_cache = (version, count)
        return count

    # merged facts

    def merge(self) -> int:
        """Merge again the groups whose articles changed since the last merge (only those); returns how many.

        One merge at a time: it runs in a writing transaction (SQLite's write lock, PostgreSQL's writers' lock)."""
        with self.transaction() as session:
            redone = merge_dirty(session, utcnow())
            if redone or session.get(MetaRow, "facts_generation") is None:
                self._bump_generation(session)
        if redone:
            self._refresh_statistics(redone)
        return redone

    def _refresh_statistics(self, groups: int) -> None:
        """A brief's query is planned well only with table statistics that describe the whole store. They are
        gathered in full after a bulk merge (a first ingest, a rebuild, an upgrade); SQLite's also when a store has
        none yet or its facts have doubled since (so a store grown article by article stays described, at a cost
        linear over its life). One article's merge changes no distribution, and a sampled refresh (SQLite reads the
        first rows of each index) misled the planner at a million articles: brief p50 1.3 s against 48 ms.
        PostgreSQL's autovacuum keeps its own otherwise."""
        if self.engine.dialect.name == "sqlite":
            if groups >= BULK_MERGE:  # a bulk merge rewrote many facts: their old words linger in the full-text
                with self._writer.begin() as connection:  # index, which grew slower to search (person p95 x4)
                    connection.exec_driver_sql("INSERT INTO fact_words (fact_words) VALUES ('optimize')")
            if groups >= BULK_MERGE or self._statistics_outgrown():
                with self._writer.begin() as connection:
                    connection.exec_driver_sql("ANALYZE")
        elif self.engine.dialect.name == "postgresql" and groups >= BULK_MERGE:
            with self.engine.begin() as connection:  # autovacuum would, but only minutes after a bulk ingest
                connection.exec_driver_sql("ANALYZE facts, fact_sources, mentions")

    def _statistics_outgrown(self) -> bool:
        """SQLite: no statistics of the facts table yet, or it has grown STATISTICS_GROWTH times since they were
        gathered (fact ids only grow, so the newest id bounds the row count from above)."""
        with self._writer.connect() as connection:
            if not connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
                return True
            stat = connection.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE tbl = 'facts' LIMIT 1").scalar()
            newest = connection.exec_driver_sql("SELECT max(id) FROM facts").scalar() or 0
        counted = int(str(stat).split()[0]) if stat else 0
        return newest > STATISTICS_GROWTH * counted

    def rebuild_facts(self) -> int:
        """Merge every fact again from the documents' own facts (a repair; first-seen times are kept)."""
        with self.transaction() as session:
            mark_everything_dirty(session)
            forget_fold_states(session)
        return self.merge()

    def brief_facts(
        self, wanted: FactFilter, limit: int | None = None, event_offset: int = 0, heads: bool = False
    ) -> FactPage:
        """The facts a brief shows, filtered, ordered and cut in the database (briefings.store.briefs); `heads`:
        each citing only its first few articles, as a cut brief shows it."""
        with self._sessions() as session:
            return select_facts(session, wanted, limit, event_offset, heads)

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """The metadata (no text) of the given documents, newest first."""
        columns = [c for c in DocumentRow.__table__.columns if c.name not in ("text", "signature", "facts")]
        found: list[Document] = []
        ids = sorted(set(doc_ids))
        with self._sessions() as session:
            for start in range(0, len(ids), 500):
                rows = session.execute(select(*columns).where(DocumentRow.id.in_(ids[start : start + 500])))
                found.extend(_document(row, text="") for row in rows)
        found.sort(key=lambda d: d.id)
        found.sort(key=lambda d: d.published or date.min, reverse=True)
        return {d.id: d for d in found}

    def fact_counts(self) -> dict[str, int]:
        """How many merged facts of each kind, counted in the database."""
        counts = {kind: 0 for kind in FACT_TYPES}
        with self._sessions() as session:
            rows = session.execute(select(FactRow.kind, func.count()).group_by(FactRow.kind))
            counts.update({kind: n for kind, n in rows if kind in counts})
        return counts

    def facts(self) -> dict[str, list[StoredFact]]:
        """All merged facts by kind, in rank order, with first-seen times and search words.

        Cached until the facts change."""
        generation = self._generation()
        if self._facts_cache and self._facts_cache[0] == generation:
            return self._facts_cache[1]
        by_kind: dict[str, list[StoredFact]] = {kind: [] for kind in FACT_TYPES}
        with self._sessions() as session:
            columns = FactRow.id, FactRow.kind, FactRow.payload, FactRow.first_seen, FactRow.evidence_rows
            rows = session.execute(select(*columns).order_by(FactRow.kind, FactRow.rank)).all()
            cited = with_cited_evidence(session, {fact_id: payload for fact_id, _k, payload, _s, many in rows if many})
            for fact_id, kind, payload, seen, _many in rows:
                fact = fact_from_dict(kind, cited.get(fact_id, payload))
                by_kind[kind].append(StoredFact(fact, seen, search_text(fact)))
        self._facts_cache = (generation, by_kind)
        return by_kind

    def _generation(self) -> str:
        return self._meta("facts_generation") or "0"

    def _meta(self, key: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(MetaRow.value).where(MetaRow.key == key))

    @staticmethod
    def _set_meta(session: Session, key: str, value: str) -> None:
        session.merge(MetaRow(key=key, value=value))

    def _bump_generation(self, session: Session) -> None:
        row = session.get(MetaRow, "facts_generation")
        self._set_meta(session, "facts_generation", str(int(row.value) + 1 if row else 1))

    # ingest runs

    def record_run(
        self, root: str, started_at: datetime, counts: dict[str, int], failures: list[dict[str, str]]
    ) -> None:
        """Remember what an ingest did."""
        with self.transaction() as session:
            session.add(
                IngestRunRow(root=root, started_at=started_at, finished_at=utcnow(), failures=failures, **counts)
            )

    def last_run(self) -> dict[str, Any] | None:
        """The latest ingest run as a plain dict, or None if there was none."""
        with self._sessions() as session:
            row = session.scalars(select(IngestRunRow).order_by(IngestRunRow.id.desc()).limit(1)).first()
            if row is None:
                return None
            return {
                "root": row.root,
                "started_at": row.started_at,
                "finished_at": row.finished_at,
                "added": row.added,
                "updated": row.updated,
                "removed": row.removed,
                "unchanged": row.unchanged,
                "failures": row.failures,
            }


def _document_row(file_path: str, stored: StoredDocument, now: datetime) -> DocumentRow:
    d = stored.document
    return DocumentRow(
        id=d.id,
        file_path=file_path,
        path=d.path,
        title=d.title,
        text=d.text,
        content_hash=d.content_hash,
        published=d.published,
        published_from=d.published_from,
        source=d.source,
        url=d.url,
        authors=list(d.authors),
        duplicate_of=d.duplicate_of,
        signature=list(stored.signature),
        facts=docfacts_to_dict(stored.facts),
        ingested_at=now,
    )


def _document(row: Any, text: str | None = None) -> Document:
    return Document(
        id=row.id,
        path=row.path,
        title=row.title,
        text=row.text if text is None else text,
        content_hash=row.content_hash,
        published=row.published,
        published_from=row.published_from,
        source=row.source,
        url=row.url,
        authors=tuple(row.authors or ()),
        duplicate_of=row.duplicate_of,
    )
