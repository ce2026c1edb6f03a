"""The command line end to end: ingest, brief in every format, exit codes and messages."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from briefings.cli import EXIT_OK, EXIT_SOME_FILES_FAILED, Environment, installed_command, main
from briefings.errors import ConfigError
from briefings.models import DocFacts, Figure
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument
from tests.factories import document
from tests.test_ingest import NEW_ARTICLE, PARADE, SUMMIT

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "brief.schema.json").read_text())
SHARED = ROOT.parent / "shared"


def run(argv, tmp_path, **environ):
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdout=out, stderr=err, environ={"DATA_DIR": str(tmp_path / "data"), **environ}, dotenv_path=tmp_path / ".env"
    )
    code = main(argv, env)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "parade.txt").write_text(PARADE, encoding="utf-8")
    (folder / "summit.txt").write_text(SUMMIT, encoding="utf-8")
    return folder


def test_ingest_then_brief_from_the_store(corpus, tmp_path):
    code, _, err = run(["ingest", str(corpus)], tmp_path)
    assert code == EXIT_OK and "2 new" in err
    assert "file/s" not in err and "\r" not in err, "no progress bar when stderr is not a terminal"
    code, out, _ = run(["brief"], tmp_path)
    assert code == EXIT_OK and out.startswith("INTELLIGENCE BRIEF")
    assert "Bastille Day parade honours India" in out


def test_brief_of_a_corpus_leaves_the_configured_store_untouched(corpus, tmp_path):
    code, out, _ = run(["brief", "--corpus", str(corpus), "--format", "json"], tmp_path)
    assert code == EXIT_OK
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert len(data["documents"]) == 2
    assert not (tmp_path / "data" / "briefings.sqlite3").exists()


def test_bad_file_exit_code_and_message(corpus, tmp_path):
    (corpus / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x00" * 20)
    code, out, err = run(["brief", "--corpus", str(corpus)], tmp_path)
    assert code == EXIT_SOME_FILES_FAILED
    assert "photo.txt" in err and "INTELLIGENCE BRIEF" in out


@pytest.mark.parametrize("fmt, marker", [("md", "# Intelligence brief"), ("html", "<b>Intelligence brief</b>")])
def test_other_formats(corpus, tmp_path, fmt, marker):
    code, out, _ = run(["brief", "--corpus", str(corpus), "--format", fmt], tmp_path)
    assert code == EXIT_OK and out.startswith(marker)


def test_missing_folder_is_a_clear_error(tmp_path):
    code, _, err = run(["ingest", str(tmp_path / "nowhere")], tmp_path)
    assert code == 1 and "nowhere" in err and err.startswith("error:")


def test_unknown_event_lists_known_ones(corpus, tmp_path):
    run(["ingest", str(corpus)], tmp_path)
    code, _, err = run(["brief", "--event", "atlantis"], tmp_path)
    assert code == 1 and "No event matches 'atlantis'" in err


def test_run_without_token_prints_a_brief_of_the_corpus_dir(corpus, tmp_path):
    code, out, err = run(["run"], tmp_path, CORPUS_DIR=str(corpus))
    assert code == EXIT_OK and "No TELEGRAM_BOT_TOKEN" in err and "INTELLIGENCE BRIEF" in out


def test_bot_without_token_names_the_setting(tmp_path):
    code, _, err = run(["bot"], tmp_path)
    assert code == 1 and "TELEGRAM_BOT_TOKEN" in err


def test_the_bot_command_is_found_through_its_entry_point_not_an_import():
    from bot.app import run_bot

    assert installed_command("bot") is run_bot


def test_a_command_no_package_provides_is_a_clear_error():
    with pytest.raises(ConfigError, match="not installed"):
        installed_command("no-such-command")


def test_run_with_a_token_starts_the_bot_it_finds(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr("briefings.cli.installed_command", lambda name: lambda settings: started.append(name))
    code, _, _ = run(["run"], tmp_path, TELEGRAM_BOT_TOKEN="123456:" + "A" * 35)
    assert code == EXIT_OK and started == ["bot"]


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir(), reason="../shared is not beside the project")
def test_seeds_brief_is_schema_valid(tmp_path):
    code, out, _ = run(["brief", "--corpus", str(SHARED / "corpus" / "seeds"), "--format", "json"], tmp_path)
    assert code == EXIT_OK
    jsonschema.validate(json.loads(out), json.loads((SHARED / "eval" / "brief.schema.json").read_text()))


CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # every control character but the line break


def test_a_corrupt_store_is_one_line_naming_the_settings(corpus, tmp_path):
    store_file = tmp_path / "data" / "briefings.sqlite3"
    store_file.parent.mkdir()
    store_file.write_bytes(b"this is not a database, only some words " * 200)
    for argv in (["brief"], ["ingest", str(corpus)], ["events"]):
        code, _, err = run(argv, tmp_path)
        assert code == 1 and err.count("\n") == 1 and err.startswith("error:"), err
        assert "DATABASE_URL" in err and "DATA_DIR" in err and "not a database" in err


def test_a_read_only_store_still_briefs_and_an_ingest_says_why_it_cannot_write(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(["ingest", str(corpus)], tmp_path)
    read_only = f"sqlite:///file:{tmp_path / 'data' / 'briefings.sqlite3'}?mode=ro&uri=true"
    code, out, err = run(["brief"], tmp_path, DATABASE_URL=read_only)
    assert code == EXIT_OK and "Bastille Day parade honours India" in out, err
    assert not (tmp_path / "file:").exists(), "a URI file name is no folder to create"
    code, _, err = run(["ingest", str(corpus)], tmp_path, DATABASE_URL=read_only)
    assert code == 1 and err.count("\n") == 1 and "read-only" in err and "DATABASE_URL" in err


def test_the_database_url_error_hides_the_password(tmp_path):
    code, _, err = run(["brief"], tmp_path, DATABASE_URL="postgresql://spy:hunter2@localhost:1/briefs")
    assert code == 1 and err.count("\n") == 1
    assert "hunter2" not in err and "spy:***@localhost" in err


def test_a_model_folder_without_a_valid_model_is_a_clear_error(corpus, tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "meta.json").write_text('{"lang": "en", "name": "half", "version": "1.0.0"}')
    (model / "config.cfg").write_text("[nlp]\n")
    code, _, err = run(["ingest", str(corpus)], tmp_path, SPACY_MODEL=str(model))
    assert code == 1 and err.count("\n") == 1 and err.startswith("error:")
    assert "SPACY_MODEL" in err and str(model) in err and "no valid spaCy model" in err


def test_names_and_text_reach_the_terminal_without_control_characters(corpus, tmp_path):
    (corpus / "evil\nskipped forged.txt").write_bytes(b"\x00binary")
    (corpus / "escape.txt").write_text(NEW_ARTICLE.replace("Sunday", "Sunday\x1b[2J\x1b]0;owned\x07"))
    code, out, err = run(["brief", "--corpus", str(corpus)], tmp_path)
    assert code == EXIT_SOME_FILES_FAILED and "Prabowo Subianto" in out
    assert not any(line.startswith("skipped forged") for line in err.splitlines())
    assert "evil\\nskipped forged.txt" in err
    assert not CONTROL.search(out + err)


def _interrupted_ingest(tmp_path) -> None:
    """What an ingest killed between saving a file and re-merging leaves: a document saved, the facts stale."""
    store = Store(f"sqlite:///{tmp_path / 'data' / 'briefings.sqlite3'}")
    facts = DocFacts(figures=(Figure(value="40", what="tanks"),))  # a fact the merged facts lack
    store.save_file("/elsewhere/new.txt", FileState("h", 1.0, 1), [StoredDocument(document("new"), [1], facts)])
    store.close()


def test_a_brief_during_a_rebuild_serves_the_last_complete_facts_and_says_so(corpus, tmp_path):
    run(["ingest", str(corpus)], tmp_path)
    _interrupted_ingest(tmp_path)
    code, out, err = run(["brief"], tmp_path)
    assert code == EXIT_OK and "Bastille Day parade honours India" in out
    assert "being rebuilt" in err


def test_a_brief_before_the_first_merge_is_no_empty_brief(tmp_path):
    _interrupted_ingest(tmp_path)
    code, out, err = run(["brief"], tmp_path)
    assert code == 1 and "Nothing here yet" not in out
    assert "being rebuilt" in err and "briefings ingest" in err


def test_rebuild_merges_every_fact_again_and_keeps_first_seen_times(corpus, tmp_path):
    run(["ingest", str(corpus)], tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'data' / 'briefings.sqlite3'}")
    before = {(kind, row.fact, row.first_seen) for kind, rows in store.facts().items() for row in rows}
    with store.engine.begin() as connection:  # merged facts in doubt: one lost
        connection.exec_driver_sql("DELETE FROM facts WHERE kind = 'events'")
    store.close()
    code, out, _ = run(["rebuild"], tmp_path)
    assert code == EXIT_OK and out.startswith("Merged ") and " events" in out
    store = Store(f"sqlite:///{tmp_path / 'data' / 'briefings.sqlite3'}")
    after = {(kind, row.fact, row.first_seen) for kind, rows in store.facts().items() for row in rows}
    store.close()
    assert {(k, f) for k, f, _ in after} == {(k, f) for k, f, _ in before}, "the lost events are back"
    assert f"{sum(k == 'events' for k, _f, _s in after)} events" in out
    kept = {(k, f): seen for k, f, seen in before if k != "events"}
    assert all(kept[(k, f)] == seen for k, f, seen in after if k != "events"), "first-seen times kept"


CTRL_C_IN_A_FINALIZER = """
import signal, time
from briefings.cli import ctrl_c_kept

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even when run in the background

class Finalized:
    def __del__(self):
        signal.raise_signal(signal.SIGINT)  # the Ctrl-C strikes while Python runs a finalizer

try:
    with ctrl_c_kept():
        Finalized()
        time.sleep(30)  # ordinary code, where a Ctrl-C must stop the work
    print("finished")
except KeyboardInterrupt:
    print("interrupted")
"""


HALF_CLEANED = """
class HalfCleaned:
    def __del__(self):
        raise AssertionError("key is not None")  # what a cut-short cleanup leaves SQLAlchemy's identity map in
"""
CTRL_C_THEN_A_BROKEN_FINALIZER = CTRL_C_IN_A_FINALIZER.replace("try:", HALF_CLEANED + "\ntry:").replace(
    "        Finalized()\n", "        Finalized()\n        HalfCleaned()\n"
)


def test_a_finalizer_failing_after_a_swallowed_ctrl_c_prints_no_traceback():
    """A Ctrl-C that cuts a database object's cleanup short leaves the next cleanups failing (SQLAlchemy's
    'assert key is not None'): consequences of the interrupt, not news, so the user sees 'interrupted' only."""
    assert CTRL_C_THEN_A_BROKEN_FINALIZER.count("HalfCleaned") == 2
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_THEN_A_BROKEN_FINALIZER], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "interrupted" and "Traceback" not in done.stderr, done.stderr


CTRL_C_THEN_A_CLOSING_STORE = f"""
import signal, time
from briefings.cli import ctrl_c_kept

signal.signal(signal.SIGINT, signal.default_int_handler)
{HALF_CLEANED}
try:
    with ctrl_c_kept():
        store = [HalfCleaned()]
        try:
            signal.raise_signal(signal.SIGINT)  # the Ctrl-C strikes in ordinary code
            time.sleep(30)
        finally:
            store.clear()  # closing the store on the way out drops its half-cleaned objects
    print("finished")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_a_finalizer_failing_while_a_ctrl_c_unwinds_prints_no_traceback():
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_THEN_A_CLOSING_STORE], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "interrupted" and "Traceback" not in done.stderr, done.stderr


def test_a_failing_finalizer_without_a_ctrl_c_is_still_reported():
    script = (
        f"from briefings.cli import ctrl_c_kept\n{HALF_CLEANED}\nwith ctrl_c_kept():\n    HalfCleaned()\nprint('on')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "on" and "key is not None" in done.stderr, done.stderr


def test_a_ctrl_c_that_strikes_inside_a_finalizer_still_stops_the_command():
    """Python swallows an exception raised in a finalizer (printing 'Exception ignored in' and a traceback): a Ctrl-C
    arriving just then used to be lost, and an ingest ran to its end instead of stopping."""
    done = subprocess.run([sys.executable, "-c", CTRL_C_IN_A_FINALIZER], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "interrupted" and "Traceback" not in done.stderr, done.stderr
