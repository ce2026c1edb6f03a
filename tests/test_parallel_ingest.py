"""Ingest with worker processes: the same store as with one worker, and every reliability guarantee kept (a broken
file, a stuck or over-long article, a worker that dies, Ctrl-C)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from briefings import ingest as ingest_module
from briefings.config import load_settings
from briefings.errors import ModelNotInstalled
from briefings.ingest import IngestReport, ingest_folder
from briefings.nlp.pipeline import load_pipeline
from briefings.store import Store
from briefings.workers import WorkerPool
from tests.test_ingest import NEW_ARTICLE, PARADE, SUMMIT

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
MARKER = "Champs-Elysees"  # only PARADE holds it (the example corpus has a Bastille Day article of its own)
STUCK_SECONDS = 30  # a stuck article without a working limit holds its worker this long: far past the 0.5 s limit
DEADLINE = 240  # seconds: an ingest that takes longer is hung (workers start in seconds, even on a busy machine)


@Language.component("test_crash_on_marker")
def crash_on_marker(doc: Doc) -> Doc:
    """A parser that crashes the process (a segfault in native code) on one article."""
    if MARKER in doc.text:
        os.kill(os.getpid(), signal.SIGSEGV)
    return doc


@Language.component("test_stuck_on_marker")
def stuck_on_marker(doc: Doc) -> Doc:
    """A parser stuck in a loop on one article (until STUCK_SECONDS, so a broken limit cannot hang the suite)."""
    deadline = time.monotonic() + STUCK_SECONDS
    while MARKER in doc.text and time.monotonic() < deadline:
        pass
    return doc


def pipeline_with(component: str) -> Language:
    """The real pipeline with one misbehaving component (loaded in each worker: it must be module-level)."""
    nlp = load_pipeline(None)
    nlp.add_pipe(component)
    return nlp


def pipeline_limited_to(max_length: int) -> Language:
    nlp = load_pipeline(None)
    nlp.max_length = max_length
    return nlp


REAL_MODEL = partial(load_pipeline, None)


@pytest.fixture
def corpus(tmp_path):
    """The example corpus (nine files, a JSON Lines feed and a near-duplicate among them) and three more articles."""
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, folder)
    (folder / "parade.txt").write_text(PARADE, encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "summit.txt").write_text(SUMMIT, encoding="utf-8")
    (folder / "republic.md").write_text(NEW_ARTICLE, encoding="utf-8")
    return folder


def settings_in(path: Path):
    return load_settings({"DATA_DIR": str(path)})


def ingest(tmp_path: Path, name: str, corpus: Path, loader, workers) -> tuple[Store, IngestReport]:
    store = Store(settings_in(tmp_path / name).database_url)
    return store, ingest_folder(store, corpus, loader, settings_in(tmp_path / name), workers=workers)


def within_deadline(run):
    """run() in a thread: the ingest must end, not hang."""
    results: list = []
    worker = threading.Thread(target=lambda: results.append(run()), daemon=True)
    worker.start()
    worker.join(timeout=DEADLINE)
    assert results, f"the ingest did not end within {DEADLINE} s"
    return results[0]


def names(report: IngestReport) -> list[str]:
    return [os.path.basename(f.path) for f in report.failures]


def facts_of(store: Store) -> dict[str, list]:
    return {kind: [row.fact for row in rows] for kind, rows in store.facts().items()}


def test_one_and_two_workers_store_the_same_documents_and_facts(corpus, tmp_path, nlp):
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (corpus / "feed.jsonl").write_text(
        '{"title": "Fair", "text": "' + NEW_ARTICLE.replace("\n", " ") + '"}\n{not json\n'
    )
    one, alone = ingest(tmp_path, "one", corpus, lambda: nlp, workers=1)
    two, shared = within_deadline(lambda: ingest(tmp_path, "two", corpus, REAL_MODEL, workers=2))
    assert one.documents() == two.documents()
    assert [d for d in two.documents() if d.duplicate_of], "the corpus holds a near-duplicate, marked alike"
    assert facts_of(one) == facts_of(two) and sum(map(len, facts_of(two).values())) > 20
    assert alone.counts() == shared.counts() and shared.added == 13
    assert [(f.path, f.reason) for f in alone.failures] == [(f.path, f.reason) for f in shared.failures]
    assert sorted(names(shared)) == ["binary.txt", "feed.jsonl"]


def test_a_worker_that_dies_costs_only_its_file_which_is_retried_next_time(corpus, tmp_path, nlp):
    store, report = within_deadline(
        lambda: ingest(tmp_path, "data", corpus, partial(pipeline_with, "test_crash_on_marker"), workers=2)
    )
    assert names(report) == ["parade.txt"]
    assert (
        "worker process died" in report.failures[0].reason and "retried on the next ingest" in report.failures[0].reason
    )
    assert report.added == 11 and MARKER not in " ".join(d.title or "" for d in store.documents())
    again = ingest_folder(store, corpus, lambda: nlp, settings_in(tmp_path / "data"))
    assert (again.added, again.unchanged, again.failures) == (1, 11, [])


def test_the_time_limit_stops_a_stuck_article_inside_a_worker(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "EXTRACT_SECONDS", 0.5)  # workers receive the limits with each batch
    monkeypatch.setattr(ingest_module, "PARSE_BATCH_SECONDS", 0.5)
    pool: WorkerPool = WorkerPool(2, partial(pipeline_with, "test_stuck_on_marker"))
    with pool:
        pool.warm_up()  # the model loads are not part of the time measured
        started = time.monotonic()
        store, report = within_deadline(lambda: ingest(tmp_path, "data", corpus, REAL_MODEL, workers=pool))
        assert time.monotonic() - started < STUCK_SECONDS
    assert names(report) == ["parade.txt"] and "ExtractionTimeout" in report.failures[0].reason
    assert report.added == 11
    again = ingest_folder(store, corpus, REAL_MODEL, settings_in(tmp_path / "data"), workers=2)
    assert names(again) == ["parade.txt"] and "until it changes" in again.failures[0].reason


def test_an_article_over_the_parsers_limit_is_refused_by_a_worker_and_the_rest_stored(corpus, tmp_path):
    sentences = [f"Officials in the harbour town counted {n} boats coming home on day {n}." for n in range(60)]
    (corpus / "long.txt").write_text("A very long report\n\n" + "\n\n".join(sentences), encoding="utf-8")
    _, report = within_deadline(lambda: ingest(tmp_path, "data", corpus, partial(pipeline_limited_to, 3000), 2))
    assert names(report) == ["long.txt"]
    assert "characters" in report.failures[0].reason and "3000" in report.failures[0].reason
    assert report.added == 12


def test_a_model_that_cannot_load_in_the_workers_is_reported_as_such(corpus, tmp_path):
    missing = partial(load_pipeline, "en_no_such_model")
    outcome = within_deadline(lambda: _raised(lambda: ingest(tmp_path, "data", corpus, missing, workers=2)))
    assert isinstance(outcome, ModelNotInstalled) and "'en_no_such_model' (SPACY_MODEL) is not installed" in str(
        outcome
    )


def _raised(run):
    """What run() raised (handed from the ingest's thread to the test's), or what it returned."""
    try:
        return run()
    except Exception as exc:
        return exc


def test_a_model_loader_that_cannot_reach_the_workers_is_refused_with_the_fix(corpus, tmp_path, nlp):
    with pytest.raises(TypeError, match="not a lambda"):
        ingest(tmp_path, "data", corpus, lambda: nlp, workers=2)


COPIES = 20  # copies of the examples in the interrupted ingest (an idle machine ingested 3 before the Ctrl-C)


def _interruptible() -> None:
    """In the child before it starts: Ctrl-C's default action, even when this test runs with SIGINT ignored (as
    in a background job of a shell, which passes the ignoring on to every program it starts)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_saved_articles(database: Path, deadline: float) -> None:
    """Until the ingest saved its first articles: a Ctrl-C then finds the workers started and busy."""
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
                if connection.execute("SELECT count(*) FROM documents").fetchone()[0]:
                    return
        except sqlite3.Error:  # not made yet
            pass
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def _all_gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(_running(pid) for pid in pids)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads worker processes from /proc (Linux)")
def test_ctrl_c_stops_the_workers_cleanly_and_the_next_ingest_finishes_the_job(corpus, tmp_path, nlp):
    for n in range(COPIES):  # far more work than the moment before the interrupt, even on an idle machine
        shutil.copytree(EXAMPLES, corpus / f"copy-{n}")
    environ = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "briefings.cli", "ingest", "--workers", "2", str(corpus)]
    process = subprocess.Popen(
        command,
        env=environ,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    deadline = time.monotonic() + DEADLINE
    while len(_children(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(process.pid)
    _wait_for_saved_articles(tmp_path / "data" / "briefings.sqlite3", deadline)  # the workers are at work
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    _, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert len(workers) >= 2 and _all_gone(workers, within=10.0)
    store = Store(settings_in(tmp_path / "data").database_url)
    report = ingest_folder(store, corpus, lambda: nlp, settings_in(tmp_path / "data"))
    assert report.failures == [] and report.added + report.unchanged == 12 + COPIES * 9
