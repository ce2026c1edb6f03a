"""Corpus folder -> clean -> extract -> merge -> store, incrementally and file by file."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from briefings.clean import clean_document
from briefings.config import Settings
from briefings.corpus import list_corpus_files, read_file, too_large
from briefings.dedup import DuplicateIndex, signature
from briefings.errors import BadInput
from briefings.extract import extract_document
from briefings.merge import merge_facts
from briefings.models import DocFacts, Document
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument, utcnow

log = logging.getLogger(__name__)

CHUNK_FILES = 64
PIPE_BATCH = 16
HASH_BLOCK = 1 << 20  # bytes read at a time while hashing: 1 MiB keeps memory flat on large files
EXTRACT_SECONDS = 30  # one article's rules take milliseconds; more means a rule is stuck on that text


class ExtractionTimeout(Exception):
    """An article's extraction ran past EXTRACT_SECONDS."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after `seconds`, so one pathological article cannot stall an ingest.

    Signals reach only the main thread; elsewhere (the bot refreshes in a worker thread) the block runs unguarded."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise ExtractionTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    files = list_corpus_files(root)
    known = store.file_states()
    current = {_file_key(p) for p in files}
    gone = [k for k in known if k not in current and _under(k, root)]
    for orphan in store.files_with_duplicates_of(gone):
        known.pop(orphan, None)
    report.removed = store.remove_files(gone)
    model = LazyModel(nlp_loader)
    changed = _changed_files(store, _with_progress(files, progress), known, report, settings, root)
    originals = DuplicateIndex(store.signatures())
    for chunk in _chunks(changed, CHUNK_FILES):
        _process_chunk(store, chunk, model, report, originals)
    if store.facts_are_stale():
        store.replace_facts(merge_facts(store.iter_document_facts()))
    report.documents = store.document_count()
    failures = [{"path": f.path, "reason": f.reason} for f in report.failures]
    store.record_run(str(root), started, report.counts(), failures)
    log.info("ingest of %s: %s, %d failed", root, report.counts(), len(report.failures))
    return report


def _changed_files(
    store: Store,
    files: Iterable[Path],
    known: dict[str, FileState],
    report: IngestReport,
    settings: Settings,
    root: Path,
) -> Iterator[_PendingFile]:
    """Files that are new or whose bytes changed, read and cleaned; unchanged ones are only counted."""
    for path in files:
        key = _file_key(path)
        try:
            stat = path.stat()
            previous = known.get(key)
            if previous and previous.mtime == stat.st_mtime and previous.size == stat.st_size:
                report.unchanged += 1
                continue
            raw_hash = _hash_file(path, settings.max_file_bytes)
            state = FileState(raw_hash=raw_hash, mtime=stat.st_mtime, size=stat.st_size)
            if previous and previous.raw_hash == raw_hash:
                store.touch_file(key, state)
                report.unchanged += 1
                continue
            raws = read_file(path, max_bytes=settings.max_file_bytes)
            documents = [clean_document(raw, root=root) for raw in raws]
        except BadInput as failure:
            _report_failure(report, failure)
            continue
        except OSError as exc:
            _report_failure(report, BadInput(str(path), f"cannot be read ({exc.strerror or exc})"))
            continue
        yield _PendingFile(path, key, state, previous is None, documents)


def _process_chunk(
    store: Store, chunk: list[_PendingFile], model: LazyModel, report: IngestReport, originals: DuplicateIndex
) -> None:
    """Parse a chunk of files in one nlp.pipe stream and save each file in its own transaction."""
    marked = [(pending, _mark_duplicates(pending.documents, originals)) for pending in chunk]
    to_parse = [(d.text, d) for _, docs in marked for d, _ in docs if d.duplicate_of is None]
    facts_by_id: dict[str, DocFacts] = {}
    broken: set[str] = set()
    if to_parse:
        nlp = model()
        for doc, document in nlp.pipe(to_parse, as_tuples=True, batch_size=PIPE_BATCH):
            try:
                with time_limit(EXTRACT_SECONDS):
                    facts_by_id[document.id] = extract_document(doc, document)
            except Exception as exc:
                log.exception("extraction failed on %s", document.path)
                broken.add(document.id)
                _report_failure(
                    report,
                    BadInput(
                        document.path,
                        f"extraction failed ({type(exc).__name__}: {exc}); the file will be retried on the next ingest",
                    ),
                )
    for pending, docs in marked:
        if any(d.id in broken for d, _ in docs):
            continue
        stored = [StoredDocument(d, sig, facts_by_id.get(d.id, DocFacts())) for d, sig in docs]
        store.save_file(pending.key, pending.state, stored)
        if pending.is_new:
            report.added += 1
        else:
            report.updated += 1


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


def _file_key(path: Path) -> str:
    return str(path.resolve())


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
