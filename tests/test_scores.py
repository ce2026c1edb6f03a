"""Extraction quality through the product path (`briefings brief --corpus DIR --format json`), held to a ratchet.

Every corpus of tests/score_floors.json (the seeds and the real dev and test sets in ../shared, the examples, the
written dev corpus, the blind corpora a-f) keeps each field's F1, events recall and macro-F1 at or above its floor:
the score when the floors were last raised, less 0.02. The README says how to raise them. Corpora in ../shared are
skipped where ../shared is absent. A corpus marked sealed (real test) fails without its figures or its text, so
nobody tunes to it from a failure message.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from briefings.cli import Environment
from briefings.evaluate import FIELDS, Score, Suite, score_corpus

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SUITE = Suite.read(ROOT / "tests" / "score_floors.json")
FIGURES = (*FIELDS, "events_recall", "macro_f1")
SHOWN = 12  # misses and false alarms listed in a failure message: enough to see the pattern


@pytest.fixture(scope="session")
def scored(tmp_path_factory):
    """Each corpus briefed and scored once per test session, on first use."""
    cache: dict[str, Score] = {}

    def score(name: str) -> Score:
        if name not in cache:
            tmp = tmp_path_factory.mktemp(name)
            env = Environment(
                stdout=io.StringIO(), stderr=io.StringIO(), environ={"DATA_DIR": str(tmp)}, dotenv_path=tmp / ".env"
            )
            cache[name] = score_corpus(*SUITE.paths(name), env)
        return cache[name]

    return score


def _why(score: Score, figure: str) -> str:
    if figure in FIELDS:
        part = score.fields[figure]
        missed = [o.gold for o in part.missed][:SHOWN]
        false = [o.predicted for o in part.false_alarms][:SHOWN]
        return f"missed {missed}, false alarms {false} (`briefings eval --verbose` lists them all)"
    if figure == "events_recall":
        return f"missed {[o.gold for o in score.events.missed][:SHOWN]}"
    return str(score.floors(0.0))


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("name", SUITE.names())
def test_corpus_holds_its_floor(name, figure, scored):
    if not SUITE.present(name):
        corpus, gold = SUITE.paths(name)
        pytest.skip(f"{name}: {corpus} or {gold} is absent (../shared is not beside the checkout)")
    floor = SUITE.floors(name).get(figure)
    if floor is None:
        pytest.skip(f"{name}: no floor for {figure} yet (python -m briefings.evaluate --update-floors sets one)")
    score = scored(name)
    actual = score.floors(0.0)[figure]
    if SUITE.sealed(name):
        assert actual >= floor, f"{name} fell below its {figure} floor (sealed: figures and text are not shown)"
    else:
        assert actual >= floor, f"{name} {figure} {actual:.3f} < floor {floor:.3f}: {_why(score, figure)}"
