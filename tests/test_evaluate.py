"""`briefings eval`: the shared scorer's matching, written in the project, on hand-written briefs and answer keys;
equal figures to ../shared/eval/score.py on the seeds; the command line in both modes."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.cli import EXIT_ERROR, EXIT_OK, Environment, build_parser, corpus_brief, main
from briefings.evaluate import Report, Suite, overlap_f1, score_brief

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
SEEDS, SEEDS_GOLD = SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.gold.json"
NO_SHARED = "../shared (the shared scorer and the seeds) is not beside the checkout"


def evidence(doc: str, text: str) -> list[dict]:
    return [{"doc": doc, "text": text, "start": 0, "end": len(text)}]


def brief(**facts) -> dict:
    """A minimal `briefing/1` brief with two documents."""
    documents = [{"id": "d1", "path": "/corpus/one.txt"}, {"id": "d2", "path": "/corpus/two.txt"}]
    return {
        "documents": documents,
        **{k: facts.get(k, []) for k in ("events", "attendees", "weapons", "recommendations")},
    }


def person(name: str, status: str | None = "attended", doc: str = "d1", text: str = "") -> dict:
    return {"name": name, "status": status, "evidence": evidence(doc, text or f"{name} attended the parade.")}


GOLD = {
    "events": [
        {"name": "Harbour parade", "date": "2031-05-04", "location": "Port Elwin", "files": ["one.txt"]},
        {"name": "Summit", "date": "2031-06-01", "location": "Caldera City", "files": ["two.txt"]},
        {"name": "Undated review", "date": None, "location": "Marrow Bay", "files": ["two.txt"]},
    ],
    "attendees": [
        {"name": "Kim Jong Un", "aliases": ["Kim Jong-un"], "files": ["one.txt"]},
        {"name": "Aleksandar Vučić", "files": ["one.txt"]},
        {"name": "Ada Quill", "files": ["two.txt"]},
    ],
    "attendees_optional": [{"name": "Orren Tace"}],
    "weapons": [
        {"name": "main battle tanks", "aliases": ["tanks"], "files": ["one.txt"]},
        {"name": "Storm-7", "aliases": ["Storm 7 missile"], "files": ["one.txt"]},
    ],
    "weapons_optional": [{"name": "missiles"}],
    "recommendations": [
        {"actor": "Harbour League", "text": "expand joint naval patrols in the northern strait", "files": ["two.txt"]},
        {"actor": "Harbour League", "text": "fund a regional early-warning radar network", "files": ["two.txt"]},
    ],
    "recommendations_optional": [{"text": "reopen talks with the northern council"}],
}


def test_names_match_after_folding_case_accents_hyphens_and_possessives():
    score = score_brief(brief(attendees=[person("KIM JONG-UN"), person("Aleksandar Vucic’s")]), GOLD)
    assert [o.gold for o in score.attendees.found] == ["Kim Jong Un", "Aleksandar Vučić"]
    assert [o.gold for o in score.attendees.missed] == ["Ada Quill"]


def test_a_bare_surname_is_a_false_alarm_not_a_hit():
    score = score_brief(brief(attendees=[person("Kim")]), GOLD).attendees
    assert not score.found and [o.predicted for o in score.false_alarms] == ["Kim"]


def test_only_attended_expected_or_missing_status_counts_and_duplicates_count_once():
    people = [person("Ada Quill", None), person("Ada  Quill", "expected"), person("Kim Jong Un", "declined")]
    score = score_brief(brief(attendees=people), GOLD).attendees
    assert [o.gold for o in score.found] == ["Ada Quill"]
    assert not score.false_alarms, "a declined guest is neither a hit nor a false alarm"
    assert (score.precision, round(score.recall, 3)) == (1.0, 0.333)


def test_optional_entries_neither_reward_nor_punish():
    score = score_brief(brief(attendees=[person("Orren Tace")], weapons=[{"name": "missile"}]), GOLD)
    assert [o.predicted for o in score.attendees.ignored] == ["Orren Tace"] and not score.attendees.false_alarms
    assert [o.predicted for o in score.weapons.ignored] == ["missile"] and not score.weapons.false_alarms


def test_weapons_match_singular_plural_and_any_alias():
    weapons = [
        {"name": "Main battle tank"},
        {"name": "Tanks"},
        {"name": "storm 7 missiles"},
        {"name": "nuclear program"},
    ]
    score = score_brief(brief(weapons=weapons), GOLD).weapons
    assert [o.gold for o in score.found] == ["main battle tanks", "Storm-7"]
    assert [o.predicted for o in score.false_alarms] == ["nuclear program"]
    assert round(score.f1, 3) == round(2 * (2 / 3) * 1 / (2 / 3 + 1), 3)


def test_word_overlap_ignores_stop_words_and_counts_each_word_once():
    assert overlap_f1("The League should expand patrols", "expand patrols") == pytest.approx(0.8)
    assert overlap_f1("patrols patrols", "patrols") == pytest.approx(2 / 3)
    assert overlap_f1("should must the", "expand patrols") == 0.0


def test_a_recommendation_matches_at_half_overlap_and_each_answer_once():
    recs = [
        {"text": "expand joint naval patrols in the strait"},  # hit
        {"text": "expand naval patrols in the northern strait now"},  # the same answer again: ignored
        {"text": "reopen talks with the council"},  # optional
        {"text": "build a radar"},  # below half
    ]
    score = score_brief(brief(recommendations=recs), GOLD).recommendations
    assert [o.gold for o in score.found] == ["expand joint naval patrols in the northern strait"]
    assert len(score.ignored) == 2 and [o.predicted for o in score.false_alarms] == ["build a radar"]


def test_an_event_is_found_by_its_date_or_by_its_city_without_a_date_clash():
    events = [
        {"name": "parade", "date": "2031-05-04", "location": None},  # the date alone
        {"name": "summit", "date": "2031-06-02", "location": "Caldera City"},  # the city, but another day
        {"name": "review", "date": "2031-07-09", "location": "Marrow Bay harbour"},  # the gold has no date
    ]
    score = score_brief(brief(events=events), GOLD).events
    assert [(o.gold or "").split(" (")[0] for o in score.found] == ["Harbour parade", "Undated review"]
    assert round(score.recall, 3) == 0.667
    assert score_brief(brief(), {**GOLD, "events": []}).events.recall == 1.0


def test_macro_f1_is_the_mean_of_the_three_fields_and_empty_fields_score_zero():
    score = score_brief(brief(attendees=[person("Ada Quill")]), GOLD)
    assert score.recommendations.f1 == 0.0 and score.weapons.precision == 0.0
    assert score.macro_f1 == pytest.approx(score.attendees.f1 / 3)


def test_verbose_report_shows_the_sentence_and_file_of_each_false_alarm_and_the_files_of_each_miss():
    said = "Brig. Hollis Frane waved from the rostrum."
    score = score_brief(brief(attendees=[person("Hollis Frane", doc="d2", text=said)]), GOLD)
    report = Report()
    report.add("toy", score)
    text = report.render(verbose=True)
    false_line = next(line for line in text.splitlines() if line.strip().startswith("false"))
    assert "Hollis Frane" in false_line and "[two.txt]" in false_line and said in text
    assert any(line.strip().startswith("missed  Ada Quill") and "[two.txt]" in line for line in text.splitlines())


def test_floors_rise_to_score_less_margin_and_never_fall(tmp_path):
    path = tmp_path / "floors.json"
    floors = {"attendees": 0.9, "weapons": 0.1}
    path.write_text(json.dumps({"margin": 0.02, "corpora": {"toy": {"corpus": "c", "gold": "g", "floors": floors}}}))
    suite = Suite.read(path)
    score = score_brief(brief(attendees=[person("Ada Quill")], weapons=[{"name": "tanks"}]), GOLD)
    risen = suite.raise_floors([("toy", score)])
    written = Suite.read(path).floors("toy")
    assert written["attendees"] == 0.9, "a floor above the score stays where it was"
    assert written["weapons"] == round(score.weapons.f1 - 0.02, 3) and "weapons" in risen["toy"]
    assert Suite.read(path).failures("toy", score) == [f"attendees {score.attendees.f1:.3f} < 0.900"]


# --- the command line ---------------------------------------------------------------------------------------


def run(argv: list[str], tmp_path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, environ={"DATA_DIR": str(tmp_path)}, dotenv_path=tmp_path / ".env")
    return main(argv, env), out.getvalue(), err.getvalue()


def test_eval_of_a_json_brief_prints_the_table_and_json_lines(tmp_path):
    (tmp_path / "brief.json").write_text(json.dumps(brief(attendees=[person("Ada Quill")])), encoding="utf-8")
    (tmp_path / "toy.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pair = [str(tmp_path / "brief.json"), str(tmp_path / "toy.gold.json")]
    code, out, _ = run(["eval", "--brief", *pair], tmp_path)
    assert code == EXIT_OK and out.startswith("toy\n")
    assert any(line.split()[:4] == ["attendees", "1.000", "0.333", "0.500"] for line in out.splitlines())
    code, out, _ = run(["eval", "--brief", "--json", *pair, *pair], tmp_path)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == EXIT_OK and [r["corpus"] for r in rows] == ["toy", "toy"] and rows[0]["attendees"]["f1"] == 0.5


def test_evals_verbose_lists_the_matches_and_leaves_logging_alone(tmp_path):
    """`eval --verbose` lists hits and misses; it used to share its name with the global --verbose, so every ingest
    of the corpus logged to stderr as well (alembic's lines for each temporary store)."""
    (tmp_path / "brief.json").write_text(json.dumps(brief(attendees=[person("Ada Quill")])), encoding="utf-8")
    (tmp_path / "toy.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pair = [str(tmp_path / "brief.json"), str(tmp_path / "toy.gold.json")]
    code, out, _ = run(["eval", "--brief", "--verbose", *pair], tmp_path)
    assert code == EXIT_OK and "hit     Ada Quill" in out
    args = build_parser().parse_args(["eval", "--verbose", *pair])
    assert args.listing and not args.verbose, "the logging level follows the global flag alone"
    assert build_parser().parse_args(["-v", "eval", *pair]).verbose


def test_eval_says_what_is_wrong_with_its_arguments(tmp_path):
    code, _, err = run(["eval", "--brief", str(tmp_path / "brief.json")], tmp_path)
    assert code == EXIT_ERROR and "pairs" in err
    code, _, err = run(["eval", "--brief", str(tmp_path / "nope.json"), str(tmp_path / "gold.json")], tmp_path)
    assert code == EXIT_ERROR and "no such file" in err
    (tmp_path / "brief.json").write_text("{}", encoding="utf-8")
    code, _, err = run(["eval", "--brief", str(tmp_path / "brief.json"), str(tmp_path / "brief.json")], tmp_path)
    assert code == EXIT_ERROR and "not an answer key" in err


# --- equal figures to the shared scorer ---------------------------------------------------------------------


def shared_scorer_figures(brief_path: Path, gold: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCORER), str(brief_path), str(gold), "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))


def damaged(seeds_brief: dict) -> dict:
    """The seeds brief with misses, false alarms, statuses and undated events, so matching decisions matter."""
    out = copy.deepcopy(seeds_brief)
    out["attendees"] = [*out["attendees"][::2], person("Kim"), person("Moon Jae-in", "declined")]
    out["weapons"] = [*out["weapons"][1:], {"name": "nuclear program"}, {"name": out["weapons"][1]["name"].upper()}]
    out["recommendations"] = [{**r, "text": " ".join(r["text"].split()[:4])} for r in out["recommendations"]]
    out["events"] = [{**e, "date": None} for e in out["events"][:1]]
    return out


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.is_file() or not SEEDS.is_dir(), reason=NO_SHARED)
def test_eval_gives_the_shared_scorers_figures_on_the_seeds(tmp_path):
    code, out, _ = run(["eval", "--json", str(SEEDS), str(SEEDS_GOLD)], tmp_path)
    assert code == EXIT_OK
    mine = json.loads(out)
    env = Environment(
        stdout=io.StringIO(), stderr=io.StringIO(), environ={"DATA_DIR": str(tmp_path)}, dotenv_path=tmp_path / ".env"
    )
    seeds_brief, _ = corpus_brief(env.settings(), SEEDS, env)
    for name, candidate in (("as briefed", seeds_brief), ("damaged", damaged(seeds_brief))):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(candidate, ensure_ascii=False), encoding="utf-8")
        theirs = shared_scorer_figures(path, SEEDS_GOLD)
        code, out, _ = run(["eval", "--brief", "--json", str(path), str(SEEDS_GOLD)], tmp_path)
        ours = json.loads(out)
        assert code == EXIT_OK and ours.pop("corpus") == "seeds"
        assert ours == theirs, name
        if name == "as briefed":
            assert {k: v for k, v in mine.items() if k != "corpus"} == theirs, "eval CORPUS == brief --corpus, scored"
        else:
            assert theirs["overall_macro_f1"] < 1 and theirs["events"]["recall"] < 1, "the damage is scored"
