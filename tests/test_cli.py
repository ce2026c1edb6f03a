"""The command line end to end: ingest, brief in every format, exit codes and messages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from briefings.cli import EXIT_OK, EXIT_SOME_FILES_FAILED, Environment, installed_command, main
from briefings.errors import ConfigError
from tests.test_ingest import PARADE, SUMMIT

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
