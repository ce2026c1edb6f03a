"""Ingest end to end with the real model and a real store (a SQLite file, and a PostgreSQL database by the
`database_url` fixture): incremental, robust to bad files."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from briefings import ingest as ingest_module
from briefings.config import load_settings
from briefings.errors import BadInput
from briefings.ingest import ingest_folder
from briefings.query import build_brief
from briefings.store import Store

pytestmark = pytest.mark.slow

PARADE = """Bastille Day parade honours India
July 14, 2023 | Wire
Indian Prime Minister Narendra Modi attended the Bastille Day parade in Paris on Friday as guest of honour.
French President Emmanuel Macron hosted him on the Champs-Elysees, where Rafale fighter jets flew overhead.
Indian troops marched at the front of the procession, a first for the annual celebration.
"""
SUMMIT = """Leaders gather for a summit in Vilnius
July 11, 2023 | Wire
Ukrainian President Volodymyr Zelensky travelled to Vilnius on Tuesday for the NATO summit.
Allies discussed supplying more air defence systems and artillery shells to Kyiv.
The alliance should keep its promise of membership, the report's authors argued.
"""


def no_model():
    raise AssertionError("the model was loaded although nothing changed")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "parade.txt").write_text(PARADE, encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "summit.txt").write_text(SUMMIT, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path, database_url):
    return load_settings({"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": database_url})


@pytest.fixture
def store(settings):
    s = Store(settings.database_url)
    yield s
    s.close()


def test_first_ingest_stores_documents_and_merged_facts(corpus, settings, store, nlp):
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert (report.added, report.updated, report.removed, report.failures) == (2, 0, 0, [])
    assert report.documents == 2
    titles = {d.title for d in store.documents()}
    assert titles == {"Bastille Day parade honours India", "Leaders gather for a summit in Vilnius"}
    assert not store.facts_are_stale()
    assert store.last_run()["added"] == 2


def test_unchanged_folder_is_not_parsed_again(corpus, settings, store, nlp):
    ingest_folder(store, corpus, lambda: nlp, settings)
    report = ingest_folder(store, corpus, no_model, settings)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)


def test_a_touched_but_identical_file_is_not_parsed_again(corpus, settings, store, nlp):
    ingest_folder(store, corpus, lambda: nlp, settings)
    os.utime(corpus / "parade.txt", (1, 1))
    report = ingest_folder(store, corpus, no_model, settings)
    assert report.unchanged == 2 and report.updated == 0


def test_changed_file_is_reprocessed_and_removed_file_dropped(corpus, settings, store, nlp):
    ingest_folder(store, corpus, lambda: nlp, settings)
    (corpus / "parade.txt").write_text(
        PARADE.replace("Bastille Day parade honours India", "Paris parade honours India"), encoding="utf-8"
    )
    (corpus / "nested" / "summit.txt").unlink()
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert (report.updated, report.removed, report.documents) == (1, 1, 1)
    assert [d.title for d in store.documents()] == ["Paris parade honours India"]
    cited = {e.doc for rows in store.facts().values() for row in rows for e in row.fact.evidence}
    assert cited <= {d.id for d in store.documents()}


def test_bad_files_are_reported_by_name_and_the_rest_ingested(corpus, settings, store, nlp):
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (corpus / "empty.md").write_text("   \n", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (corpus / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    failed = {os.path.basename(f.path.split("#")[0]) for f in report.failures}
    assert failed == {"binary.txt", "empty.md", "latin1.txt", "broken.json"}
    assert all(f.reason for f in report.failures)
    assert report.added == 2 and report.documents == 2
    assert {f["path"] for f in store.last_run()["failures"]} == {f.path for f in report.failures}


def test_near_duplicate_is_marked_and_not_counted_twice(corpus, settings, store, nlp):
    copy = (
        PARADE.replace("Bastille Day parade honours India", "Modi is guest of honour in Paris")
        + "Reporting by the wire desk.\n"
    )
    (corpus / "parade-copy.txt").write_text(copy, encoding="utf-8")
    ingest_folder(store, corpus, lambda: nlp, settings)
    duplicates = [d for d in store.documents() if d.duplicate_of]
    assert len(duplicates) == 1
    cited = {e.doc for rows in store.facts().values() for row in rows for e in row.fact.evidence}
    assert duplicates[0].id not in cited


NEW_ARTICLE = """Republic Day in New Delhi
January 26, 2025 | Wire
Indonesian President Prabowo Subianto was chief guest at the Republic Day parade in New Delhi on Sunday.
BrahMos cruise missiles and T-90 tanks rolled down Kartavya Path.
"""


def test_an_article_whose_extraction_fails_is_reported_and_the_rest_ingested(corpus, settings, store, nlp, monkeypatch):
    real = ingest_module.extract_document

    def fragile(doc, document):
        if "parade" in document.path:
            raise ValueError("unexpected shape")
        return real(doc, document)

    monkeypatch.setattr(ingest_module, "extract_document", fragile)
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert [f.path.endswith("parade.txt") for f in report.failures] == [True]
    assert "extraction failed" in report.failures[0].reason
    assert report.added == 1
    monkeypatch.setattr(ingest_module, "extract_document", real)
    retry = ingest_folder(store, corpus, lambda: nlp, settings)
    assert retry.added == 1 and retry.documents == 2


def test_an_article_whose_extraction_never_ends_is_cut_off_reported_and_the_rest_ingested(
    corpus, settings, store, nlp, monkeypatch
):
    real = ingest_module.extract_document

    def stuck(doc, document):
        while "parade" in document.path:  # a rule looping on one article's text
            pass
        return real(doc, document)

    monkeypatch.setattr(ingest_module, "extract_document", stuck)
    monkeypatch.setattr(ingest_module, "EXTRACT_SECONDS", 0.5)
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert [f.path.endswith("parade.txt") for f in report.failures] == [True]
    assert "ExtractionTimeout" in report.failures[0].reason and report.added == 1


def test_a_run_that_fails_half_way_loses_nothing_already_stored(corpus, settings, store, nlp, monkeypatch):
    ingest_folder(store, corpus, lambda: nlp, settings)
    before = {d.id for d in store.documents()}
    events_before = [e.id for e in build_brief(store).events]
    (corpus / "zz-new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "parade.txt").write_text(PARADE + "Crowds lined the avenue for hours.\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "save_file", disk_full)
    with pytest.raises(OSError):
        ingest_folder(store, corpus, lambda: nlp, settings)
    assert {d.id for d in store.documents()} == before
    assert [e.id for e in build_brief(store).events] == events_before
    monkeypatch.undo()
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert (report.added, report.updated) == (1, 1)


def test_hashing_refuses_a_file_over_the_limit_without_reading_it_all(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    monkeypatch.setattr(ingest_module, "HASH_BLOCK", 100)
    with pytest.raises(BadInput, match="MAX_FILE_BYTES=1000") as caught:
        ingest_module._hash_file(big, 1000)
    assert "5000 bytes" in str(caught.value)
    assert ingest_module._hash_file(big, 5000) == hashlib.sha256(b"x" * 5000).hexdigest()


def test_two_folders_with_the_same_file_name_keep_their_own_documents(tmp_path, settings, store, nlp):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, text in ((first, PARADE), (second, SUMMIT)):
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
    ingest_folder(store, first, lambda: nlp, settings)
    ingest_folder(store, second, lambda: nlp, settings)
    assert store.document_count() == 2
    again = ingest_folder(store, first, no_model, settings)
    assert (again.unchanged, again.documents) == (1, 2)
    (second / "article.txt").unlink()
    emptied = ingest_folder(store, second, no_model, settings)
    assert emptied.removed == 1
    assert [d.title for d in store.documents()] == ["Bastille Day parade honours India"]


def test_an_article_over_the_parsers_length_limit_is_refused_and_the_others_stored(
    corpus, settings, store, nlp, monkeypatch
):
    monkeypatch.setattr(nlp, "max_length", 3000)  # the real limit is 1,000,000 characters: the same path, smaller
    sentences = [f"Officials in the harbour town counted {n} boats coming home on day {n}." for n in range(60)]
    paragraphs = [" ".join(sentences[start : start + 20]) for start in (0, 20, 40)]
    (corpus / "long.txt").write_text("A very long report\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert [os.path.basename(f.path) for f in report.failures] == ["long.txt"]
    assert "characters" in report.failures[0].reason and "3000" in report.failures[0].reason
    assert report.added == 2 and report.documents == 2


def test_a_file_that_breaks_is_reported_and_its_old_document_dropped(corpus, settings, store, nlp):
    ingest_folder(store, corpus, lambda: nlp, settings)
    (corpus / "parade.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert [os.path.basename(f.path) for f in report.failures] == ["parade.txt"]
    assert report.documents == 1
    assert [d.title for d in store.documents()] == ["Leaders gather for a summit in Vilnius"]


def test_a_jsonl_file_with_one_bad_line_keeps_its_good_records_and_reports_the_line(corpus, settings, store, nlp):
    good = json.dumps({"title": "Parade in Paris", "text": PARADE})
    (corpus / "feed.jsonl").write_text(good + "\n{not json\n" + json.dumps({"text": NEW_ARTICLE}) + "\n")
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert [os.path.basename(f.path) for f in report.failures] == ["feed.jsonl"]
    assert "line 2" in report.failures[0].reason
    assert report.documents == 4


STUCK_SECONDS = 8  # long enough to pass a 0.5 s limit many times over, bounded so a broken limit cannot hang the suite


def _stuck_on_parade(real):
    def stuck(doc, document):
        deadline = time.monotonic() + STUCK_SECONDS
        while "parade" in document.path and time.monotonic() < deadline:  # a rule looping on one article
            pass
        return real(doc, document)

    return stuck


def test_the_extraction_limit_also_works_in_a_worker_thread(corpus, settings, store, nlp, monkeypatch):
    monkeypatch.setattr(ingest_module, "extract_document", _stuck_on_parade(ingest_module.extract_document))
    monkeypatch.setattr(ingest_module, "EXTRACT_SECONDS", 0.5)
    reports = []
    worker = threading.Thread(target=lambda: reports.append(ingest_folder(store, corpus, lambda: nlp, settings)))
    started = time.monotonic()
    worker.start()
    worker.join(timeout=60)
    assert reports and time.monotonic() - started < STUCK_SECONDS
    assert [os.path.basename(f.path) for f in reports[0].failures] == ["parade.txt"]
    assert "ExtractionTimeout" in reports[0].failures[0].reason


class StuckParser:
    """The real pipeline, except that parsing one article never ends (within STUCK_SECONDS)."""

    def __init__(self, nlp):
        self.nlp, self.max_length = nlp, nlp.max_length

    def __call__(self, text):
        deadline = time.monotonic() + STUCK_SECONDS
        while "Bastille" in text and time.monotonic() < deadline:
            pass
        return self.nlp(text)

    def pipe(self, items, as_tuples=True, batch_size=16):
        for text, context in items:
            yield self(text), context


def test_parsing_is_inside_the_limit_and_a_timed_out_file_is_skipped_until_it_changes(
    corpus, settings, store, nlp, monkeypatch
):
    monkeypatch.setattr(ingest_module, "EXTRACT_SECONDS", 0.5)
    monkeypatch.setattr(ingest_module, "PARSE_BATCH_SECONDS", 0.5)
    started = time.monotonic()
    stuck: Any = StuckParser(nlp)  # stands in for a Language: __call__, pipe and max_length
    report = ingest_folder(store, corpus, lambda: stuck, settings)
    assert time.monotonic() - started < STUCK_SECONDS
    assert [os.path.basename(f.path) for f in report.failures] == ["parade.txt"] and report.added == 1
    again = ingest_folder(store, corpus, no_model, settings)
    assert [os.path.basename(f.path) for f in again.failures] == ["parade.txt"]
    assert "timed out" in again.failures[0].reason and "until it changes" in again.failures[0].reason
    (corpus / "parade.txt").write_text(PARADE.replace("Bastille Day", "National Day"), encoding="utf-8")
    changed = ingest_folder(store, corpus, lambda: nlp, settings)
    assert (changed.added, changed.failures, changed.documents) == (1, [], 2)


def test_an_allowed_link_out_of_the_folder_is_read_and_dropped_once_the_link_is_gone(tmp_path, corpus, store, nlp):
    outside = tmp_path / "elsewhere" / "fair.txt"
    outside.parent.mkdir()
    outside.write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "linked.txt").symlink_to(outside)
    refused = ingest_folder(store, corpus, lambda: nlp, load_settings({}))
    assert [os.path.basename(f.path) for f in refused.failures] == ["linked.txt"] and refused.documents == 2
    allowing = load_settings({"ALLOW_OUTSIDE_LINKS": "true"})
    assert ingest_folder(store, corpus, lambda: nlp, allowing).documents == 3
    (corpus / "linked.txt").unlink()
    gone = ingest_folder(store, corpus, no_model, allowing)
    assert (gone.removed, gone.documents) == (1, 2)


def test_a_near_duplicate_whose_original_turns_bad_becomes_the_original(corpus, settings, store, nlp):
    copy = PARADE.replace("Bastille Day parade honours India", "Modi is guest of honour in Paris")
    (corpus / "parade-copy.txt").write_text(copy + "Reporting by the wire desk.\n", encoding="utf-8")
    ingest_folder(store, corpus, lambda: nlp, settings)
    [duplicate] = [d for d in store.documents() if d.duplicate_of]
    original = next(d for d in store.documents() if d.id == duplicate.duplicate_of)
    Path(original.path).write_bytes(b"\x00 broken now")
    report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert [f.path for f in report.failures] == [original.path]
    [survivor] = [d for d in store.documents() if d.path == duplicate.path]
    assert survivor.duplicate_of is None
    cited = {e.doc for rows in store.facts().values() for row in rows for e in row.fact.evidence}
    assert survivor.id in cited


def test_an_extraction_failure_logs_no_traceback_unless_verbose(corpus, settings, store, nlp, monkeypatch, caplog):
    def fragile(doc, document):
        raise ValueError("unexpected shape")

    monkeypatch.setattr(ingest_module, "extract_document", fragile)
    with caplog.at_level(logging.WARNING):
        report = ingest_folder(store, corpus, lambda: nlp, settings)
    assert len(report.failures) == 2
    assert not [r for r in caplog.records if r.exc_info], "a traceback is for --verbose"


def test_a_linked_folder_out_of_the_corpus_is_reported_and_followed_only_when_allowed(tmp_path, corpus, store, nlp):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "fair.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "more").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)  # inside the folder: never walked twice
    refused = ingest_folder(store, corpus, lambda: nlp, load_settings({}))
    assert [os.path.basename(f.path) for f in refused.failures] == ["more"] and refused.documents == 2
    assert "folder outside the corpus folder" in refused.failures[0].reason
    allowing = ingest_folder(store, corpus, lambda: nlp, load_settings({"ALLOW_OUTSIDE_LINKS": "1"}))
    assert (allowing.failures, allowing.documents) == ([], 3)


FIRST_EXTRACTION_IN_A_NEW_PROCESS = """
import sys
from contextlib import contextmanager

import spacy

from briefings import ingest
from tests.factories import document

loaded_at_each_limit = []
real_time_limit = ingest.time_limit


@contextmanager
def recording_time_limit(seconds):
    loaded_at_each_limit.append("briefings.extract.weapons" in sys.modules)
    with real_time_limit(seconds):
        yield


ingest.time_limit = recording_time_limit
ingest._extract_documents(spacy.blank("en"), [document("a")], ingest._limits())
print(loaded_at_each_limit)
"""


def test_no_time_limit_of_a_new_process_pays_for_loading_the_extractors():
    """A worker's first article must not be charged for importing the extractors and building their tables (about
    0.3 s): with tight limits on a busy machine, an ordinary article was reported as timed out."""
    ran = subprocess.run(
        [sys.executable, "-c", FIRST_EXTRACTION_IN_A_NEW_PROCESS],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        timeout=120,
        check=True,
    )
    loaded_at_each_limit = json.loads(ran.stdout.lower())  # Python's [True, False] read as JSON
    assert len(loaded_at_each_limit) >= 2 and all(loaded_at_each_limit)  # the parse's limit and the extraction's
