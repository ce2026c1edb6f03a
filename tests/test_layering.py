"""The core never depends on the Telegram side: `briefings/` imports no telegram, apscheduler or bot."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "briefings"
FORBIDDEN = {"telegram", "apscheduler", "bot"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_modules_import_nothing_from_the_telegram_side():
    offenders = {}
    for path in CORE.rglob("*.py"):
        if path.name == "cli.py":
            continue
        bad = imported_roots(path) & FORBIDDEN
        if bad:
            offenders[str(path.relative_to(CORE))] = bad
    assert offenders == {}


def test_cli_imports_the_bot_only_inside_the_bot_command():
    tree = ast.parse((CORE / "cli.py").read_text(encoding="utf-8"))
    top_level = {n.module.split(".")[0] for n in tree.body if isinstance(n, ast.ImportFrom) and n.module}
    assert not top_level & FORBIDDEN


def test_core_never_reads_the_process_environment():
    for path in CORE.rglob("*.py"):
        if path.name == "cli.py":
            continue
        assert "os.environ" not in path.read_text(encoding="utf-8"), path
