"""The soak of benchmarks/soak.py, shortened: ingests of a changing folder, a rival ingest process and /brief."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
SOAK = Path(__file__).resolve().parents[1] / "benchmarks" / "soak.py"
ROUNDS = 8  # the benchmark runs 20; eight already cross the rival's ingests many times


def test_ingests_racing_a_rival_process_and_the_bot_end_equal_to_one_clean_ingest(nlp):
    spec = importlib.util.spec_from_file_location("soak", SOAK)
    assert spec and spec.loader
    soak = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = soak  # its dataclasses and the rival process find the module by name
    spec.loader.exec_module(soak)
    result = soak.soak(rounds=ROUNDS, nlp=nlp)
    assert result.ok, result.problems
    assert result.rival_ingests >= 1 and result.briefs_answered >= 1
