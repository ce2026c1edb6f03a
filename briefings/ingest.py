"""Corpus folder -> clean -> extract -> merge -> store, incrementally and file by file."""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from briefings.clean import clean_document, document_id
from briefings.config import Settings
from briefings.corpus import checked_entry, linked_folders_outside, list_corpus_files, read_file, too_large
from briefings.dedup import DuplicateIndex, signature
from briefings.errors import BadInput, printable
from briefings.extract import extract_document
from briefings.models import DocFacts, Document
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument, utcnow

log = logging.getLogger(__name__)

CHUNK_FILES = 64
PIPE_BATCH = 16
HASH_BLOCK = 1 << 20  # bytes read at a time while hashing: 1 MiB keeps memory flat on large files
EXTRACT_SECONDS = 30  # one article's rules take milliseconds; more means a rule is stuck on that text
TIMED_OUT_BEFORE = "timed out on an earlier ingest; it is skipped until it changes (edit or replace the file)"
MERGE_ATTEMPTS = 3  # merges in a row while other writers keep saving; the next ingest merges what is left
PARSE_BATCH_SECONDS = 120  # a batch of PIPE_BATCH articles parses in seconds; past this, parse them one by one


class ExtractionTimeout(Exception):
    """An article's parse or extraction ran past its time limit."""

    def __str__(self) -> str:
        return "took longer than the time limit"


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    """Make `exception` be raised in that thread at its next Python instruction (None withdraws a pending one)."""
    pending = ctypes.py_object(exception) if exception is not None else None  # None passes NULL: withdraw
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), pending)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after `seconds`, in whatever thread runs it (the bot refreshes in a
    worker thread, where signals cannot reach): a watchdog timer raises it in this thread asynchronously."""
    target, lock, state = threading.get_ident(), threading.Lock(), {"armed": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _raise_in_thread(target, ExtractionTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
            timer.cancel()
            if state["fired"]:
                _raise_in_thread(target, None)  # not delivered yet: it must not strike after the block


@dataclass
class IngestReport:
    """What an ingest did; `failures` lists each file skipped with its reason."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    failures: list[BadInput] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the store's content changed."""
        return bool(self.added or self.updated or self.removed)

    def counts(self) -> dict[str, int]:
        """The four counters, for the store's run record."""
        return {"added": self.added, "updated": self.updated, "removed": self.removed, "unchanged": self.unchanged}


@dataclass
class _PendingFile:
    path: Path
    key: str
    state: FileState
    is_new: bool
    documents: list[Document]


class LazyModel:
    """Loads the spaCy pipeline on first use, so an unchanged corpus never pays for it."""

    def __init__(self, loader: Callable[[], Language]):
        self._loader = loader
        self._nlp: Language | None = None

    def __call__(self) -> Language:
        if self._nlp is None:
            self._nlp = self._loader()
        return self._nlp


def ingest_folder(
    store: Store, root: Path, nlp_loader: Callable[[], Language], settings: Settings, progress: bool = False
) -> IngestReport:
    """Bring the store in line with the folder: parse new and changed files, drop removed ones, re-merge."""
    started = utcnow()
    root = Path(root)
    report = IngestReport()
    files = list_corpus_files(root, follow_links=settings.allow_outside_links)
    if not settings.allow_outside_links:
        for failure in linked_folders_outside(root):
            _report_failure(report, failure)
    known = store.file_states()
    current = {_file_key(p, root) for p in files}
    gone = [k for k in known if k not in current and _under(k, root)]
    for orphan in store.files_with_duplicates_of(gone):
        known.pop(orphan, None)
    report.removed = store.remove_files(gone)
    model = LazyModel(nlp_loader)
    orphans: set[str] = set()
    changed = _changed_files(store, _with_progress(files, progress), known, report, settings, root, orphans)
    _parse_and_save(store, changed, model, report)
    if orphans:  # near-duplicates of documents dropped in this run: one of them is the original now
        again = [p for p in files if _file_key(p, root) in orphans]
        _parse_and_save(
            store, _changed_files(store, again, known, report, settings, root, set(), orphans), model, report
        )
    _merge_until_fresh(store)
    report.documents = store.document_count()
    failures = [{"path": f.path, "reason": f.reason} for f in report.failures]
    store.record_run(str(root), started, report.counts(), failures)
    log.info("ingest of %s: %s, %d failed", printable(str(root)), report.counts(), len(report.failures))
    return report


def _parse_and_save(store: Store, changed: Iterator[_PendingFile], model: LazyModel, report: IngestReport) -> None:
    """Parse, extract and save the changed files by chunks, near-duplicates checked against the stored originals."""
    originals = DuplicateIndex(store.signatures())
    for chunk in _chunks(changed, CHUNK_FILES):
        _process_chunk(store, chunk, model, report, originals)


def _merge_until_fresh(store: Store) -> None:
    """Merge the groups the saved articles touched; again while a rival writer queued more during the merge."""
    for _ in range(MERGE_ATTEMPTS):
        if not store.facts_are_stale() and store.ever_merged():
            return
        store.merge()


def _changed_files(
    store: Store,
    files: Iterable[Path],
    known: dict[str, FileState],
    report: IngestReport,
    settings: Settings,
    root: Path,
    orphans: set[str],
    forced: frozenset[str] | set[str] = frozenset(),
) -> Iterator[_PendingFile]:
    """Files that are new or whose bytes changed (or are `forced`), read and cleaned; unchanged ones are counted.

    A known file that turns bad loses its documents; files holding near-duplicates of them are added to `orphans`."""
    timed_out = store.timed_out_files()
    for path in files:
        key = _file_key(path, root)
        previous = known.get(key)
        try:
            stat = checked_entry(path, root, settings.allow_outside_links)
            if key not in forced and previous and previous.mtime == stat.st_mtime and previous.size == stat.st_size:
                report.unchanged += 1
                continue
            raw_hash = _hash_file(path, settings.max_file_bytes)
            state = FileState(raw_hash=raw_hash, mtime=stat.st_mtime, size=stat.st_size)
            if timed_out.get(key) == raw_hash:
                raise BadInput(str(path), TIMED_OUT_BEFORE)
            if key not in forced and previous and previous.raw_hash == raw_hash:
                store.touch_file(key, state)
                report.unchanged += 1
                continue
            problems: list[BadInput] = []
            raws = read_file(path, max_bytes=settings.max_file_bytes, problems=problems)
            documents = [_with_unique_id(clean_document(raw, root=root), key, str(path)) for raw in raws]
        except Exception as exc:  # one unreadable file is reported, never the end of the ingest
            orphans |= _drop_broken_file(store, key, previous, report, _as_bad_input(path, exc))
            continue
        for problem in problems:
            _report_failure(report, problem)
        yield _PendingFile(path, key, state, previous is None, documents)


def _as_bad_input(path: Path, exc: Exception) -> BadInput:
    if isinstance(exc, BadInput):
        return exc
    if isinstance(exc, OSError):
        return BadInput(str(path), f"cannot be read ({exc.strerror or exc})")
    return BadInput(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def _drop_broken_file(
    store: Store, key: str, previous: FileState | None, report: IngestReport, failure: BadInput
) -> set[str]:
    """Report a file that cannot be read; a file that was good before loses its old documents (they are stale).

    Returns the files holding near-duplicates of those documents: they must be read again."""
    _report_failure(report, failure if previous is None else _dropped(failure))
    if previous is None:
        return set()
    orphans = store.files_with_duplicates_of([key])
    store.remove_files([key])
    return orphans


def _dropped(failure: BadInput) -> BadInput:
    return BadInput(failure.path, f"{failure.reason} (its earlier version was removed from the store)")


def _with_unique_id(document: Document, key: str, path: str) -> Document:
    """The document with an id from its file's absolute path: two folders' `article.txt` never share an id."""
    record = document.path[len(path) :] if document.path.startswith(path) else ""  # "#3" for a JSON record
    return replace(document, id=document_id(key + record))


@dataclass
class _ChunkFailures:
    """Documents of a chunk that failed, and which of them ran out of time (remembered until their file changes)."""

    report: IngestReport
    broken: set[str] = field(default_factory=set)
    timed_out: set[str] = field(default_factory=set)

    def add(self, document: Document, failure: BadInput, timed_out: bool = False) -> None:
        self.broken.add(document.id)
        if timed_out:
            self.timed_out.add(document.id)
        _report_failure(self.report, failure)


def _process_chunk(
    store: Store, chunk: list[_PendingFile], model: LazyModel, report: IngestReport, originals: DuplicateIndex
) -> None:
    """Parse a chunk of files in one nlp.pipe stream and save each file in its own transaction."""
    marked = [(pending, _mark_duplicates(pending.documents, originals)) for pending in chunk]
    to_parse = [(d.text, d) for _, docs in marked for d, _ in docs if d.duplicate_of is None]
    facts_by_id: dict[str, DocFacts] = {}
    failures = _ChunkFailures(report)
    if to_parse:
        nlp = model()
        for doc, document in _parsed(nlp, _within_length(nlp, to_parse, failures), failures):
            try:
                with time_limit(EXTRACT_SECONDS):
                    facts_by_id[document.id] = extract_document(doc, document)
            except Exception as exc:
                log.info("extraction failed on %s", printable(document.path), exc_info=True)  # the trace with -v
                failures.add(document, _extraction_failure(document, exc), isinstance(exc, ExtractionTimeout))
    for pending, docs in marked:
        if any(d.id in failures.timed_out for d, _ in docs):
            store.remember_timeout(pending.key, pending.state.raw_hash)
        if any(d.id in failures.broken for d, _ in docs):
            continue
        stored = [StoredDocument(d, sig, facts_by_id.get(d.id, DocFacts())) for d, sig in docs]
        store.save_file(pending.key, pending.state, stored)
        if pending.is_new:
            report.added += 1
        else:
            report.updated += 1


def _within_length(
    nlp: Language, to_parse: list[tuple[str, Document]], failures: _ChunkFailures
) -> list[tuple[str, Document]]:
    """The texts the parser accepts; a longer one is refused with its length (spaCy would fail the whole batch)."""
    kept = []
    for text, document in to_parse:
        if len(text) > nlp.max_length:
            reason = (
                f"is {len(text)} characters long, over the parser's limit of {nlp.max_length} characters "
                "(spaCy max_length); split it into several articles"
            )
            failures.add(document, BadInput(document.path, reason))
        else:
            kept.append((text, document))
    return kept


def _parsed(
    nlp: Language, to_parse: list[tuple[str, Document]], failures: _ChunkFailures
) -> Iterator[tuple[Doc, Document]]:
    """Parsed texts in one stream, each batch within PARSE_BATCH_SECONDS; if the stream fails or runs out of time,
    the rest one by one, each within EXTRACT_SECONDS, so one bad text loses only itself."""
    stream = iter(nlp.pipe(to_parse, as_tuples=True, batch_size=PIPE_BATCH))
    done = 0
    while True:
        try:
            with time_limit(PARSE_BATCH_SECONDS):
                item = next(stream, None)
        except Exception:  # the rest is parsed again text by text below, to find the one at fault
            log.warning("parsing a batch failed; parsing its %d articles one by one", len(to_parse) - done)
            break
        if item is None:
            return
        done += 1
        yield item
    for text, document in to_parse[done:]:
        try:
            with time_limit(EXTRACT_SECONDS):
                doc = nlp(text)
        except Exception as exc:  # reported against its file; the others go on
            failures.add(document, _extraction_failure(document, exc), isinstance(exc, ExtractionTimeout))
            continue
        yield doc, document


def _extraction_failure(document: Document, exc: BaseException) -> BadInput:
    if isinstance(exc, ExtractionTimeout):
        return BadInput(
            document.path,
            f"extraction failed (ExtractionTimeout: {exc}, {EXTRACT_SECONDS:g} s); it is skipped until it changes",
        )
    return BadInput(
        document.path, f"extraction failed ({type(exc).__name__}: {exc}); the file will be retried on the next ingest"
    )


def _mark_duplicates(documents: list[Document], originals: DuplicateIndex) -> list[tuple[Document, list[int]]]:
    """Each document with its signature, `duplicate_of` set when it near-duplicates an earlier original."""
    marked = []
    for document in documents:
        sig = signature(document.text)
        original = originals.find(sig, exclude=document.id)
        if original is not None:
            document = replace(document, duplicate_of=original)
        else:
            originals.add(document.id, sig)
        marked.append((document, sig))
    return marked


def _report_failure(report: IngestReport, failure: BadInput) -> None:
    log.info("skipped %s", failure)
    report.failures.append(failure)


def _hash_file(path: Path, max_bytes: int) -> str:
    """SHA-256 of the file's bytes; BadInput, without reading further, once it holds more than `max_bytes`."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while block := handle.read(min(HASH_BLOCK, max_bytes + 1 - size)):
            size += len(block)
            if size > max_bytes:
                raise too_large(path, os.fstat(handle.fileno()).st_size, max_bytes)
            digest.update(block)
    return digest.hexdigest()


def _file_key(path: Path, root: Path) -> str:
    """The file's absolute path inside the resolved root (a link is known by its own name, not its target's)."""
    return str(root.resolve() / path.relative_to(root))


def _under(key: str, root: Path) -> bool:
    return Path(key).is_relative_to(root.resolve())


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _with_progress(files: list[Path], enabled: bool) -> Iterable[Path]:
    """The files, behind a progress bar when asked for (the CLI asks only on a terminal)."""
    if not enabled:
        return files
    from tqdm import tqdm

    return tqdm(files, unit="file", desc="ingest", leave=False)
