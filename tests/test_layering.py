"""The core never depends on the Telegram side: no module of `briefings/`, cli.py included, imports telegram,
apscheduler or bot, whether at the top, inside a function, or by name through importlib or __import__."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "briefings"
FORBIDDEN = {"telegram", "apscheduler", "bot"}
IMPORT_BY_NAME = {"import_module", "__import__", "find_spec", "find_loader"}  # importlib and builtins
CORE_MODULES = sorted(CORE.rglob("*.py"))


def imported_roots(source: str) -> set[str]:
    """The top-level package of everything a module imports, wherever the import statement stands."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and _called_name(node.func) in IMPORT_BY_NAME and node.args:
            name = _text(node.args[0])
            roots |= {name.split(".")[0]} if name else set()
    return roots


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_every_core_module_is_checked_cli_included() -> None:
    names = {str(p.relative_to(CORE)) for p in CORE_MODULES}
    assert {"cli.py", "query.py", "render.py", "store/database.py"} <= names


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_nothing_from_the_telegram_side(path: Path) -> None:
    assert imported_roots(path.read_text(encoding="utf-8")) & FORBIDDEN == set()


@pytest.mark.parametrize(
    "source",
    [
        "import telegram",
        "import bot.app as app",
        "from apscheduler.triggers import cron",
        "def run():\n    from bot.app import run_bot\n    run_bot()",
        "class C:\n    def m(self):\n        import telegram.ext",
        "import importlib\nimportlib.import_module('bot.app')",
        "from importlib import import_module\nimport_module('telegram')",
        "__import__('apscheduler')",
    ],
)
def test_the_check_finds_imports_in_any_form(source: str) -> None:
    assert imported_roots(source) & FORBIDDEN


def test_the_check_leaves_the_core_own_imports_alone() -> None:
    source = "import json\nfrom briefings.query import build_brief\nfrom . import models\nimport_module('briefings.x')"
    assert imported_roots(source) & FORBIDDEN == set()


def test_core_never_reads_the_process_environment() -> None:
    for path in CORE_MODULES:
        if path.name == "cli.py":
            continue
        assert "os.environ" not in path.read_text(encoding="utf-8"), path


def test_data_files_are_parsed_once_and_tokens_are_never_cached():
    """A cache keyed on spaCy tokens would keep every parsed article alive for the life of the bot."""
    from briefings.extract import ruledata

    assert ruledata.load_json("weapon_terms.json") is ruledata.load_json("weapon_terms.json")
    assert not hasattr(ruledata.has_own_to, "cache_info")
