"""A non-editable install carries the templates and the knowledge data files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_templates_and_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("briefings-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.name for p in (ROOT / "templates").glob("*.j2")}
    assert templates and {f"templates/{t}" for t in templates} <= names
    data = {p.name for p in (ROOT / "briefings" / "data").iterdir() if p.is_file()}
    assert data and {f"briefings/data/{d}" for d in data} <= names
    assert "bot/__init__.py" in names
