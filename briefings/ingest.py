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
from functools import partial
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from briefings.clean import clean_document, document_id
from briefings.config import Settings
from briefings.corpus import checked_entry, linked_folders_outside, list_corpus_files, read_file, too_large
from briefings.dedup import BandedLookup, signature
from briefings.errors import BadInput, printable
from briefings.extract import extract_document, load_extractors
from briefings.models import DocFacts, Document
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument, utcnow
from briefings.workers import WorkerLost, WorkerPool

log = logging.getLogger(__name__)

CHUNK_FILES = 64
PIPE_BATCH = 16
HASH_BLOCK = 1 << 20  # bytes read at a time while hashing: 1 MiB keeps memory flat on large files
EXTRACT_SECONDS = 30  # one article's rules take milliseconds; more means a rule is stuck on that text
TIMED_OUT_BEFORE = "timed out on an earlier ingest; it is skipped until it changes (edit or replace the file)"
MERGE_ATTEMPTS = 3  # merges in a row while other writers keep saving; the next ingest merges what is left
PARSE_BATCH_SECONDS = 120  # a batch of PIPE_BATCH articles parses in seconds; past this, parse them one by one
FILES_PER_TASK = 4  # files a worker process reads, parses and extracts at a time: small, so workers share evenly
WORKER_DIED = (
    "its worker process died while reading or parsing it (killed, or crashed on this text); "
    "the file will be retried on the next ingest"
)


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


@dataclass(frozen=True)
class _FileTask:
    """A new or changed file, still to be read, cleaned, parsed and extracted (it may travel to a worker)."""

    path: Path
    key: str
    state: FileState
    is_new: bool


@dataclass
class _ReadFile:
    """A file's cleaned documents and the problems of single records in it; or why it cannot be read at all."""

    documents: list[Document] = field(default_factory=list)
    problems: list[BadInput] = field(default_factory=list)
    error: BadInput | None = None


@dataclass
class _Extraction:
    """Facts by document id, and each document that failed with why (and whether it ran out of time)."""

    facts: dict[str, DocFacts] = field(default_factory=dict)
    failures: dict[str, tuple[BadInput, bool]] = field(default_factory=dict)

    def fail(self, document: Document, failure: BadInput, timed_out: bool = False) -> None:
        self.failures[document.id] = (failure, timed_out)


@dataclass(frozen=True)
class _Limits:
    """The time limits, read from this module when a batch starts (workers receive them with the batch)."""

    extract_seconds: float
    parse_batch_seconds: float


def _limits() -> _Limits:
    return _Limits(EXTRACT_SECONDS, PARSE_BATCH_SECONDS)


@dataclass
class _Done:
    """A file read and extracted, its documents marked for near-duplicates, ready to be saved (or reported)."""

    task: _FileTask
    file: _ReadFile
    marked: list[tuple[Document, list[int]]]
    extraction: _Extraction
    lost: bool = False  # the worker process died with it


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
    store: Store,
    root: Path,
    nlp_loader: Callable[[], Language],
    settings: Settings,
    progress: bool = False,
    workers: int | WorkerPool = 1,
) -> IngestReport:
    """Bring the store in line with the folder: parse new and changed files, drop removed ones, re-merge.

    With `workers` above 1 (or a WorkerPool), files are read, parsed and extracted in worker processes, each loading
    the model once with `nlp_loader` (which must then pickle: a functools.partial, not a lambda); this process alone
    writes the store, in the same order and with the same results as with one worker."""
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
    with _extractor(nlp_loader, workers, root, settings) as extractor, _Progress(len(files), progress) as bar:
        orphans: set[str] = set()
        changed = _changed_files(store, files, known, report, settings, root, orphans, bar)
        _extract_and_save(store, changed, extractor, report, orphans, bar)
        if orphans:  # near-duplicates of documents dropped in this run: one of them is the original now
            again = [p for p in files if _file_key(p, root) in orphans]
            bar.add(len(again))
            changed = _changed_files(store, again, known, report, settings, root, set(), bar, orphans)
            _extract_and_save(store, changed, extractor, report, set(), bar)
    _merge_until_fresh(store)
    report.documents = store.document_count()
    failures = [{"path": f.path, "reason": f.reason} for f in report.failures]
    store.record_run(str(root), started, report.counts(), failures)
    log.info("ingest of %s: %s, %d failed", printable(str(root)), report.counts(), len(report.failures))
    return report


def _extractor(
    nlp_loader: Callable[[], Language], workers: int | WorkerPool, root: Path, settings: Settings
) -> _InProcess | _InWorkers:
    """Where files are read and extracted: here (1 worker), or in worker processes."""
    if isinstance(workers, WorkerPool):
        return _InWorkers(workers, root, settings.max_file_bytes, owned=False)
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    if workers == 1:
        return _InProcess(LazyModel(nlp_loader), root, settings.max_file_bytes)
    return _InWorkers(WorkerPool(workers, nlp_loader), root, settings.max_file_bytes, owned=True)


def _extract_and_save(
    store: Store,
    tasks: Iterator[_FileTask],
    extractor: _InProcess | _InWorkers,
    report: IngestReport,
    orphans: set[str],
    bar: _Progress,
) -> None:
    """Extract the changed files and save each in its own transaction, in the order of the files; near-duplicates
    are checked against the stored originals and the documents before them."""
    originals = BandedLookup(store.duplicate_candidates)
    for done in extractor.extracted(tasks, originals):
        orphans |= _save(store, done, report)
        bar.tick()


def _merge_until_fresh(store: Store) -> None:
    """Merge the groups the saved articles touched; again while a rival writer queued more during the merge."""
    for _ in range(MERGE_ATTEMPTS):
        if not store.facts_are_stale() and store.ever_merged():
            return
        store.merge()


class _InProcess:
    """Reads, parses and extracts in this process, a chunk of files in one nlp.pipe stream; near-duplicates are
    marked first and not parsed."""

    def __init__(self, model: LazyModel, root: Path, max_bytes: int):
        self.model, self.root, self.max_bytes = model, root, max_bytes

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def extracted(self, tasks: Iterable[_FileTask], originals: BandedLookup) -> Iterator[_Done]:
        """Each file read, marked and extracted, in order."""
        for chunk in _chunks(tasks, CHUNK_FILES):
            files = [_read(task, self.root, self.max_bytes) for task in chunk]
            marked = [_mark_duplicates(file.documents, originals) for file in files]
            to_parse = [d for documents in marked for d, _ in documents if d.duplicate_of is None]
            extraction = _extract_documents(self.model(), to_parse, _limits()) if to_parse else _Extraction()
            for task, file, documents in zip(chunk, files, marked, strict=True):
                yield _Done(task, file, documents, extraction)


class _InWorkers:
    """Reads, parses and extracts every document in worker processes, FILES_PER_TASK files a task; results come
    back in the order of the files and are marked for near-duplicates here (a near-duplicate's facts are dropped)."""

    def __init__(self, pool: WorkerPool, root: Path, max_bytes: int, owned: bool):
        self.pool, self.root, self.max_bytes, self.owned = pool, root, max_bytes, owned

    def __enter__(self) -> _InWorkers:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if self.owned:
            self.pool.close(terminate=exc_type is not None)

    def extracted(self, tasks: Iterable[_FileTask], originals: BandedLookup) -> Iterator[_Done]:
        """Each file read, extracted and marked, in order; a file its worker died with comes back lost."""
        work = partial(_work_on_files, root=self.root, max_bytes=self.max_bytes, limits=_limits())
        for task, outcome in self.pool.map_ordered(work, _chunks(tasks, FILES_PER_TASK)):
            if isinstance(outcome, WorkerLost):
                yield _Done(task, _ReadFile(), [], _Extraction(), lost=True)
                continue
            file, extraction = outcome
            yield _Done(task, file, _mark_duplicates(file.documents, originals), extraction)


def _work_on_files(
    nlp: Language, tasks: list[_FileTask], root: Path, max_bytes: int, limits: _Limits
) -> list[tuple[_ReadFile, _Extraction]]:
    """In a worker: read and clean the files, then parse and extract their documents in one nlp.pipe stream."""
    files = [_read(task, root, max_bytes) for task in tasks]
    extraction = _extract_documents(nlp, [d for file in files for d in file.documents], limits)
    return [(file, extraction) for file in files]


def _changed_files(
    store: Store,
    files: Iterable[Path],
    known: dict[str, FileState],
    report: IngestReport,
    settings: Settings,
    root: Path,
    orphans: set[str],
    bar: _Progress,
    forced: frozenset[str] | set[str] = frozenset(),
) -> Iterator[_FileTask]:
    """Files that are new or whose bytes changed (or are `forced`); unchanged ones are counted.

    A known file that turns bad loses its documents; files holding near-duplicates of them are added to `orphans`."""
    timed_out = store.timed_out_files()
    for path in files:
        key = _file_key(path, root)
        previous = known.get(key)
        try:
            stat = checked_entry(path, root, settings.allow_outside_links)
            if key not in forced and previous and previous.mtime == stat.st_mtime and previous.size == stat.st_size:
                report.unchanged += 1
                bar.tick()
                continue
            raw_hash = _hash_file(path, settings.max_file_bytes)
            state = FileState(raw_hash=raw_hash, mtime=stat.st_mtime, size=stat.st_size)
            if timed_out.get(key) == raw_hash:
                raise BadInput(str(path), TIMED_OUT_BEFORE)
            if key not in forced and previous and previous.raw_hash == raw_hash:
                store.touch_file(key, state)
                report.unchanged += 1
                bar.tick()
                continue
        except Exception as exc:  # one unreadable file is reported, never the end of the ingest
            orphans |= _drop_broken_file(store, key, previous is not None, report, _as_bad_input(path, exc))
            bar.tick()
            continue
        yield _FileTask(path, key, state, previous is None)


def _read(task: _FileTask, root: Path, max_bytes: int) -> _ReadFile:
    """The file's documents, cleaned, each with an id from the file's absolute path; what went wrong, never raised."""
    problems: list[BadInput] = []
    try:
        raws = read_file(task.path, max_bytes=max_bytes, problems=problems)
        documents = [_with_unique_id(clean_document(raw, root=root), task.key, str(task.path)) for raw in raws]
    except Exception as exc:  # one unreadable file is reported, never the end of the ingest
        return _ReadFile(error=_as_bad_input(task.path, exc))
    return _ReadFile(documents, problems)


def _save(store: Store, done: _Done, report: IngestReport) -> set[str]:
    """Save a file's documents with their facts, or report why not; returns the files to read again (`orphans`)."""
    task, file = done.task, done.file
    if file.error is not None:
        return _drop_broken_file(store, task.key, not task.is_new, report, file.error)
    for problem in file.problems:
        _report_failure(report, problem)
    if done.lost:
        _report_failure(report, BadInput(str(task.path), WORKER_DIED))
        return set()
    originals = [d for d, _ in done.marked if d.duplicate_of is None]
    failures = [done.extraction.failures[d.id] for d in originals if d.id in done.extraction.failures]
    for failure, _ in failures:
        _report_failure(report, failure)
    if any(timed_out for _, timed_out in failures):
        store.remember_timeout(task.key, task.state.raw_hash)
    if failures:
        return set()
    stored = [StoredDocument(d, sig, _own_facts(d, done.extraction)) for d, sig in done.marked]
    store.save_file(task.key, task.state, stored)
    if task.is_new:
        report.added += 1
    else:
        report.updated += 1
    return set()


def _own_facts(document: Document, extraction: _Extraction) -> DocFacts:
    """A document's facts; none for a near-duplicate (its original speaks for it)."""
    if document.duplicate_of is not None:
        return DocFacts()
    return extraction.facts.get(document.id, DocFacts())


def _as_bad_input(path: Path, exc: Exception) -> BadInput:
    if isinstance(exc, BadInput):
        return exc
    if isinstance(exc, OSError):
        return BadInput(str(path), f"cannot be read ({exc.strerror or exc})")
    return BadInput(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def _drop_broken_file(store: Store, key: str, was_stored: bool, report: IngestReport, failure: BadInput) -> set[str]:
    """Report a file that cannot be read; a file that was good before loses its old documents (they are stale).

    Returns the files holding near-duplicates of those documents: they must be read again."""
    _report_failure(report, _dropped(failure) if was_stored else failure)
    if not was_stored:
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


def _extract_documents(nlp: Language, documents: list[Document], limits: _Limits) -> _Extraction:
    """Parse the documents in one nlp.pipe stream and extract each one's facts, each within the time limits."""
    load_extractors()  # before any time limit starts: a new worker's first article pays no import
    extraction = _Extraction()
    to_parse = _within_length(nlp, [(d.text, d) for d in documents], extraction)
    for doc, document in _parsed(nlp, to_parse, extraction, limits):
        try:
            with time_limit(limits.extract_seconds):
                extraction.facts[document.id] = extract_document(doc, document)
        except Exception as exc:
            log.info("extraction failed on %s", printable(document.path), exc_info=True)  # the trace with -v
            timed_out = isinstance(exc, ExtractionTimeout)
            extraction.fail(document, _extraction_failure(document, exc, limits), timed_out)
    return extraction


def _within_length(
    nlp: Language, to_parse: list[tuple[str, Document]], extraction: _Extraction
) -> list[tuple[str, Document]]:
    """The texts the parser accepts; a longer one is refused with its length (spaCy would fail the whole batch)."""
    kept = []
    for text, document in to_parse:
        if len(text) > nlp.max_length:
            reason = (
                f"is {len(text)} characters long, over the parser's limit of {nlp.max_length} characters "
                "(spaCy max_length); split it into several articles"
            )
            extraction.fail(document, BadInput(document.path, reason))
        else:
            kept.append((text, document))
    return kept


def _parsed(
    nlp: Language, to_parse: list[tuple[str, Document]], extraction: _Extraction, limits: _Limits
) -> Iterator[tuple[Doc, Document]]:
    """Parsed texts in one stream, each batch within the batch time limit; if the stream fails or runs out of time,
    the rest one by one, each within the extraction time limit, so one bad text loses only itself."""
    stream = iter(nlp.pipe(to_parse, as_tuples=True, batch_size=PIPE_BATCH))
    done = 0
    while True:
        try:
            with time_limit(limits.parse_batch_seconds):
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
            with time_limit(limits.extract_seconds):
                doc = nlp(text)
        except Exception as exc:  # reported against its file; the others go on
            timed_out = isinstance(exc, ExtractionTimeout)
            extraction.fail(document, _extraction_failure(document, exc, limits), timed_out)
            continue
        yield doc, document


def _extraction_failure(document: Document, exc: BaseException, limits: _Limits) -> BadInput:
    if isinstance(exc, ExtractionTimeout):
        return BadInput(
            document.path,
            f"extraction failed (ExtractionTimeout: {exc}, {limits.extract_seconds:g} s); it is skipped until it "
            "changes",
        )
    return BadInput(
        document.path, f"extraction failed ({type(exc).__name__}: {exc}); the file will be retried on the next ingest"
    )


def _mark_duplicates(documents: list[Document], originals: BandedLookup) -> list[tuple[Document, list[int]]]:
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


class _Progress:
    """Files done, on a progress bar when asked for (the CLI asks only on a terminal): a file counts once it is saved,
    skipped or reported, so the bar shows work done, not work handed to the workers."""

    def __init__(self, total: int, enabled: bool):
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="file", desc="ingest", leave=False)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def tick(self) -> None:
        """One more file done."""
        if self._bar is not None:
            self._bar.update(1)

    def add(self, files: int) -> None:
        """More files to do (read a second time)."""
        if self._bar is not None:
            self._bar.total = (self._bar.total or 0) + files
            self._bar.refresh()
