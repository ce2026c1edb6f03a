"""A hostile corpus folder: every broken, looping, blocking, leaking or injecting file beside five good articles.

One ingest stores every good article, reports every bad file by name (exit code 3), prints no traceback, reads
nothing from outside the folder, and no output carries a control character."""

from __future__ import annotations

import io
import json
import os
import re
import threading

import pytest

from briefings.cli import EXIT_OK, EXIT_SOME_FILES_FAILED, Environment, main
from tests.test_ingest import NEW_ARTICLE, PARADE, SUMMIT

pytestmark = pytest.mark.slow

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # every control character but the line break
SECRET = "Quexotlan"  # a made-up word found only in the file outside the folder
OVER_PARSER_LIMIT = 1_000_001  # characters: one past spaCy's default max_length, well under the 10 MB file limit

TRADE_FAIR = """Defence fair opens in Abu Dhabi
February 17, 2025 | Wire
The IDEX defence exhibition opened in Abu Dhabi on Monday with more than a thousand exhibitors.
Visitors saw armoured vehicles and air defence systems on the show floor.
"""
NAVAL_REVIEW = """Navy holds fleet review off Visakhapatnam
February 21, 2026 | Wire
India's navy held an international fleet review off Visakhapatnam on Saturday.
Warships from a dozen countries sailed past the reviewing ship in two columns.
"""
GOOD = {
    "parade.txt": PARADE,
    "nested/summit.txt": SUMMIT,
    "republic.md": NEW_ARTICLE,
    "fair.txt": TRADE_FAIR,
}  # with the JSON Lines record and AIR_SHOW: six good articles
AIR_SHOW = """Air show\x1b[2J opens in Farnborough
July 22, 2024 | Wire
The Farnborough air show opened\x1b]0;owned\x07 on Monday as Typhoon fighter jets flew over the runway.
"""
GOOD_RECORD = {
    "title": "Navy holds fleet review off Visakhapatnam <img src=x onerror=alert(1)>",
    "url": "javascript:alert(1)",
    "text": NAVAL_REVIEW,
}
TITLES = (
    "Bastille Day parade honours India",
    "Leaders gather for a summit in Vilnius",
    "Republic Day in New Delhi",
    "Defence fair opens in Abu Dhabi",
    "Navy holds fleet review off Visakhapatnam",
    "Air show opens in Farnborough",
)
INGEST_DEADLINE = 300  # seconds: the ingest takes a few; a FIFO read would block forever


def _long_article() -> str:
    lines, size, n = ["A very long report"], 0, 0
    while size < OVER_PARSER_LIMIT:
        line = f"Paragraph {n} of the report counts {n} boats in harbour number {n}."
        lines.append(line)
        size, n = size + len(line) + 1, n + 1
    return "\n".join(lines)


def build_hostile_folder(root, outside) -> set[str]:
    """Write the folder; returns the names of the bad files as the report must print them."""
    root.mkdir()
    (root / "nested").mkdir()
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    bad_line = "{not json at all"
    (root / "feed.jsonl").write_text(json.dumps(GOOD_RECORD) + "\n" + bad_line + "\n", encoding="utf-8")
    (root / "long.txt").write_text(_long_article(), encoding="utf-8")
    (root / "a.txt").symlink_to(root / "b.txt")
    (root / "b.txt").symlink_to(root / "a.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    outside.mkdir()
    (outside / "secret.txt").write_text(f"The {SECRET} file\nThe {SECRET} council met on Monday in the hall.\n")
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "more").symlink_to(outside, target_is_directory=True)
    (root / "nested" / "up").symlink_to(root, target_is_directory=True)
    (root / "evil\nskipped forged.txt").write_bytes(b"\x00\x01binary")
    (root / "airshow.txt").write_text(AIR_SHOW, encoding="utf-8")
    return {
        "feed.jsonl",
        "long.txt",
        "a.txt",
        "b.txt",
        "pipe.txt",
        "deep.json",
        "leak.txt",
        "more",
        "evil\\nskipped forged.txt",
    }


def run(argv, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, environ={"DATA_DIR": str(tmp_path / "data")}, dotenv_path=tmp_path / "x")
    code = main(argv, env)
    return code, out.getvalue(), err.getvalue()


def test_a_hostile_folder_ingests_in_one_run_and_reports_every_bad_file(tmp_path):
    root = tmp_path / "corpus"
    bad = build_hostile_folder(root, tmp_path / "outside")
    finished: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: finished.append(run(["ingest", str(root)], tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=INGEST_DEADLINE)
    if not finished:
        with open(root / "pipe.txt", "wb"):  # release a reader stuck on the FIFO, then fail
            pass
        pytest.fail("the ingest hung")
    code, out, err = finished[0]
    assert code == EXIT_SOME_FILES_FAILED, err
    skipped = {line.split(": ", 1)[0].removeprefix("skipped ") for line in err.splitlines() if ": " in line}
    assert {os.path.basename(name) for name in skipped} >= bad
    assert not any(line.startswith("skipped forged") for line in err.splitlines())
    assert "Traceback" not in err and SECRET not in err + out
    outputs = [out, err]
    for fmt in ("text", "md", "html"):
        code, brief, brief_err = run(["brief", "--format", fmt], tmp_path)
        assert code == EXIT_OK, brief_err
        outputs += [brief, brief_err]
        for title in TITLES:
            assert title in brief, f"{title!r} missing from the {fmt} brief"
        assert SECRET not in brief and "javascript:" not in brief
        assert fmt == "text" or "<img" not in brief, "article HTML is escaped in Markdown and chat HTML"
    assert not any(CONTROL.search(text) for text in outputs)
