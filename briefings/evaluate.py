"""Score a JSON brief against an answer key: precision, recall and F1 per field, events recall, macro-F1.

The matching is that of the shared scorer (`../shared/eval/score.py`, whose answer keys the project is measured
by), so analysts can measure the tool on their own annotated articles with the same rules:
- attendees: names compared folded (`briefings.normalize.fold`); only entries whose status is attended or
  expected (or missing) count;
- weapons: compared by weapon key (folded, each word singular); one answer-key entry lists every spelling of a thing;
- recommendations: a prediction matches the unused answer with the best word-overlap F1 (stop words removed) when
  that is at least 0.5;
- events: recall only; an answer is found when some predicted event has its date, or names its city without a
  conflicting date;
- entries under `*_optional` neither reward nor punish; macro-F1 is the mean of the three fields' F1.

`python -m briefings.evaluate` scores the corpora a floors file lists (tests/score_floors.json) and raises floors.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefings.errors import BriefingError
from briefings.normalize import fold, weapon_key

FIELDS = ("attendees", "weapons", "recommendations")
ATTENDING = (None, "", "attended", "expected")  # statuses the answer keys count as attendance
STOP_WORD_LIST = (  # the scorer's: function words and the modals every recommendation has
    "a an the and or of to in on for with by at from as is are be been was were "
    "that this these those its it their his her they them into under over "
    "should must ought need needs will would may might can could also further"
)
STOP_WORDS = frozenset(STOP_WORD_LIST.split())
OVERLAP_BAR = 0.5  # the scorer's bar: half the content words of a recommendation in common
SENTENCE_SHOWN = 240  # characters of an evidence sentence in a verbose report; enough to see why, short enough to scan
FILES_SHOWN = 3  # files named per item in a verbose report; the rest are counted
DIGITS = 3  # the scorer reports three decimals; equal figures means equal at this precision


class AnswerKeyError(BriefingError):
    """An answer key or brief file cannot be scored."""


@dataclass(frozen=True)
class Outcome:
    """One scored item: the answer-key entry and/or the prediction, with the sentence and files behind it."""

    gold: str | None
    predicted: str | None
    sentence: str = ""
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldScore:
    """Hits (in the scorer's order), misses, false alarms and ignored predictions of one field."""

    found: tuple[Outcome, ...]
    missed: tuple[Outcome, ...]
    false_alarms: tuple[Outcome, ...]
    ignored: tuple[Outcome, ...] = ()

    @property
    def precision(self) -> float:
        """Hits over hits and false alarms (0 when nothing was predicted)."""
        predicted = len(self.found) + len(self.false_alarms)
        return len(self.found) / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        """Hits over answer-key entries (0 when the key has none)."""
        wanted = len(self.found) + len(self.missed)
        return len(self.found) / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class EventScore:
    """Answer-key events found and missed (events are scored on recall only)."""

    found: tuple[Outcome, ...]
    missed: tuple[Outcome, ...]

    @property
    def recall(self) -> float:
        """Found over all answer-key events (1 when the key has none)."""
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0


@dataclass(frozen=True)
class Score:
    """A brief's score against one answer key."""

    attendees: FieldScore
    weapons: FieldScore
    recommendations: FieldScore
    events: EventScore

    @property
    def fields(self) -> dict[str, FieldScore]:
        """The three scored fields by name."""
        return {name: getattr(self, name) for name in FIELDS}

    def parts(self) -> dict[str, FieldScore | EventScore]:
        """The three fields and the events, by name."""
        return {**self.fields, "events": self.events}

    @property
    def macro_f1(self) -> float:
        """Mean F1 of attendees, weapons and recommendations."""
        return sum(s.f1 for s in self.fields.values()) / len(FIELDS)

    def figures(self) -> dict[str, Any]:
        """The shape `score.py --json` prints: figures rounded to three decimals, items as their labels."""
        out: dict[str, Any] = {name: _field_figures(s) for name, s in self.fields.items()}
        out["events"] = {
            "recall": round(self.events.recall, DIGITS),
            "found": [o.gold for o in self.events.found],
            "missed": [o.gold for o in self.events.missed],
        }
        out["overall_macro_f1"] = round(self.macro_f1, DIGITS)
        return out

    def floors(self, margin: float) -> dict[str, float]:
        """Each field's F1, events recall and macro-F1 less `margin`: what a ratchet holds this score to."""
        raw = {name: s.f1 for name, s in self.fields.items()}
        raw |= {"events_recall": self.events.recall, "macro_f1": self.macro_f1}
        return {name: max(0.0, round(value - margin, DIGITS)) for name, value in raw.items()}


def _field_figures(score: FieldScore) -> dict[str, Any]:
    return {
        "precision": round(score.precision, DIGITS),
        "recall": round(score.recall, DIGITS),
        "f1": round(score.f1, DIGITS),
        "found": [o.gold for o in score.found],
        "missed": [o.gold for o in score.missed],
        "false_alarms": [o.predicted for o in score.false_alarms],
        "ignored": [o.predicted for o in score.ignored],
    }


# --- matching ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """A predicted name or text with the first evidence sentence and the files citing it."""

    text: str
    sentence: str = ""
    files: tuple[str, ...] = ()


def score_brief(brief: Mapping[str, Any], gold: Mapping[str, Any]) -> Score:
    """Score a `briefing/1` JSON brief (as a dict) against an answer key (as a dict)."""
    paths = {d.get("id"): Path(d.get("path") or d.get("id") or "").name for d in brief.get("documents", [])}
    attendees = [a for a in brief.get("attendees", []) if a.get("status") in ATTENDING]
    return Score(
        attendees=score_names(_predictions(attendees, "name", paths), *_answers(gold, "attendees"), fold),
        weapons=score_names(
            _predictions(brief.get("weapons", []), "name", paths), *_answers(gold, "weapons"), weapon_key
        ),
        recommendations=score_texts(
            _predictions(brief.get("recommendations", []), "text", paths), *_answers(gold, "recommendations")
        ),
        events=score_events(brief.get("events", []), gold.get("events", []), paths),
    )


def _answers(gold: Mapping[str, Any], name: str) -> tuple[list[dict], list[dict]]:
    return list(gold.get(name, [])), list(gold.get(f"{name}_optional", []))


def _predictions(items: Iterable[Mapping[str, Any]], key: str, paths: Mapping[str, str]) -> list[Prediction]:
    return [Prediction(item.get(key) or "", *_evidence(item, paths)) for item in items]


def _evidence(item: Mapping[str, Any], paths: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    evidence = item.get("evidence") or []
    sentence = " ".join((evidence[0].get("text") or "").split()) if evidence else ""
    files = tuple(dict.fromkeys(paths.get(e.get("doc"), e.get("doc") or "") for e in evidence))
    return sentence, files


def _spellings(entry: Mapping[str, Any]) -> list[str]:
    return [entry["name"], *entry.get("aliases", [])]


def score_names(
    predicted: list[Prediction], gold: list[dict], optional: list[dict], key: Callable[[str], str]
) -> FieldScore:
    """Match distinct predicted names to answer-key entries by `key` of the name or any alias."""
    index = {key(n): i for i, g in enumerate(gold) for n in _spellings(g)}  # a later entry wins, as in the scorer
    optional_keys = {key(n) for g in optional for n in _spellings(g)}
    hits: dict[int, Outcome] = {}
    false_alarms, ignored, seen = [], [], set()
    for p in predicted:
        k = key(p.text)
        if not k or k in seen:
            continue
        seen.add(k)
        if k in index:
            hits.setdefault(index[k], Outcome(gold[index[k]]["name"], p.text, p.sentence, p.files))
        elif k in optional_keys:
            ignored.append(Outcome(None, p.text, p.sentence, p.files))
        else:
            false_alarms.append(Outcome(None, p.text, p.sentence, p.files))
    missed = [_missed(g, g["name"]) for i, g in enumerate(gold) if i not in hits]
    return FieldScore(tuple(hits[i] for i in sorted(hits)), tuple(missed), tuple(false_alarms), tuple(ignored))


def _missed(entry: Mapping[str, Any], label: str) -> Outcome:
    return Outcome(label, None, "", tuple(entry.get("files", ())))


def content_words(text: str) -> list[str]:
    """Folded words without stop words."""
    return [w for w in fold(text).split() if w not in STOP_WORDS]


def overlap_f1(a: str, b: str) -> float:
    """F1 of the content words two texts share (each word counted as often as both have it)."""
    wa, wb = content_words(a), content_words(b)
    common = sum((Counter(wa) & Counter(wb)).values())
    if not common:
        return 0.0
    precision, recall = common / len(wa), common / len(wb)
    return 2 * precision * recall / (precision + recall)


def score_texts(predicted: list[Prediction], gold: list[dict], optional: list[dict]) -> FieldScore:
    """Each prediction takes the unused answer it overlaps best (at least OVERLAP_BAR); a second hit is ignored."""
    used: set[int] = set()
    found, false_alarms, ignored = [], [], []
    for p in predicted:
        best, best_i = _best_unused(p.text, gold, used)
        if best_i is not None and best >= OVERLAP_BAR:
            used.add(best_i)
            found.append(Outcome(gold[best_i]["text"], p.text, p.sentence, p.files))
        elif any(overlap_f1(p.text, g["text"]) >= OVERLAP_BAR for g in gold + optional):
            ignored.append(Outcome(None, p.text, p.sentence, p.files))
        else:
            false_alarms.append(Outcome(None, p.text, p.sentence, p.files))
    missed = [_missed(g, g["text"]) for i, g in enumerate(gold) if i not in used]
    return FieldScore(tuple(found), tuple(missed), tuple(false_alarms), tuple(ignored))


def _best_unused(text: str, gold: list[dict], used: set[int]) -> tuple[float, int | None]:
    best, best_i = 0.0, None
    for i, g in enumerate(gold):
        overlap = 0.0 if i in used else overlap_f1(text, g["text"])
        if overlap > best:  # the first of equal overlaps wins, as in the scorer
            best, best_i = overlap, i
    return best, best_i


def score_events(predicted: list[dict], gold: list[dict], paths: Mapping[str, str] | None = None) -> EventScore:
    """An answer-key event is found when a predicted one has its date, or its city and no other date."""
    found, missed = [], []
    for g in gold:
        label = f"{g.get('name')} ({g.get('date')}, {g.get('location')})"
        match = next((e for e in predicted if same_event(e, g)), None)
        if match is None:
            missed.append(_missed(g, label))
        else:
            found.append(Outcome(label, match.get("name") or match.get("id"), *_evidence(match, paths or {})))
    return EventScore(tuple(found), tuple(missed))


def same_event(predicted: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """The scorer's event rule: the same date, or the gold city within the predicted location and no date clash."""
    if gold.get("date") and predicted.get("date") == gold["date"]:
        return True
    city = fold(gold.get("location") or "")
    undated = not predicted.get("date") or not gold.get("date")
    return bool(city) and city in fold(predicted.get("location") or "") and undated


# --- files and reports -------------------------------------------------------------------------------------


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a file, or an error that names the file and what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnswerKeyError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnswerKeyError(f"{path}: not a readable JSON file ({exc})") from None
    if not isinstance(data, dict):
        raise AnswerKeyError(f"{path}: expected a JSON object (a brief or an answer key)")
    return data


def read_answer_key(path: Path) -> dict[str, Any]:
    """An answer key: a JSON object with at least one of the lists attendees, weapons, recommendations, events."""
    gold = read_json(path)
    if not any(isinstance(gold.get(name), list) for name in (*FIELDS, "events")):
        raise AnswerKeyError(
            f"{path}: not an answer key (it needs lists named attendees, weapons, recommendations or events; "
            "see ../shared/eval/README.md)"
        )
    return gold


def corpus_name(gold: Path) -> str:
    """A row's name: the answer key's file name without '.gold.json' ('real-dev', 'blind_a')."""
    name = Path(gold).name
    for suffix in (".gold.json", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass
class Report:
    """Scores of one or more corpora, rendered as tables, a verbose listing or JSON lines."""

    scores: list[tuple[str, Score]] = field(default_factory=list)

    def add(self, name: str, score: Score) -> None:
        """Append a corpus's score."""
        self.scores.append((name, score))

    def render(self, verbose: bool = False, as_json: bool = False) -> str:
        """JSON lines, or a field table for one corpus / a row per corpus for several, then details if verbose."""
        if as_json:
            return "\n".join(json.dumps(_json_of(name, s, verbose), ensure_ascii=False) for name, s in self.scores)
        parts = [field_table(*self.scores[0])] if len(self.scores) == 1 else [corpus_table(self.scores)]
        if verbose:
            parts += [details(name, s) for name, s in self.scores]
        return "\n\n".join(parts)


def _json_of(name: str, score: Score, verbose: bool) -> dict[str, Any]:
    out = {"corpus": name, **score.figures()}
    if verbose:
        out["details"] = {
            kind: {group: [vars(o) for o in outcomes] for group, outcomes in _groups(part).items()}
            for kind, part in score.parts().items()
        }
    return out


def field_table(name: str, score: Score) -> str:
    """One corpus: P/R/F1 and counts per field, events recall, macro-F1."""
    lines = [f"{name}", f"{'field':<16} {'P':>6} {'R':>6} {'F1':>6}   {'hit':>4} {'missed':>6} {'false':>5}"]
    for kind, s in score.fields.items():
        lines.append(
            f"{kind:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
            f"{len(s.found):4d} {len(s.missed):6d} {len(s.false_alarms):5d}"
        )
    ev = score.events
    lines.append(f"{'events':<16} {'':>6} {ev.recall:6.3f} {'':>6}   {len(ev.found):4d} {len(ev.missed):6d}")
    lines.append(f"{'macro-F1':<16} {'':>6} {'':>6} {score.macro_f1:6.3f}")
    return "\n".join(lines)


def corpus_table(scores: list[tuple[str, Score]]) -> str:
    """Several corpora: one row each with macro-F1, each field's P/R/F1 and events recall (found/total)."""
    width = max(12, *(len(name) for name, _ in scores))
    head = f"{'corpus':<{width}} {'macro':>6}  " + "  ".join(f"{k[:15]:<17}" for k in FIELDS) + "  events"
    sub = f"{'':<{width}} {'F1':>6}  " + "  ".join(f"{'P':>5} {'R':>5} {'F1':>5}" for _ in FIELDS) + "  R (found)"
    rows = [head, sub]
    for name, s in scores:
        cells = "  ".join(f"{f.precision:5.3f} {f.recall:5.3f} {f.f1:5.3f}" for f in s.fields.values())
        ev = s.events
        found = f"({len(ev.found)}/{len(ev.found) + len(ev.missed)})"
        rows.append(f"{name:<{width}} {s.macro_f1:6.3f}  {cells}  {ev.recall:5.3f} {found}")
    return "\n".join(rows)


def _groups(part: FieldScore | EventScore) -> dict[str, tuple[Outcome, ...]]:
    if isinstance(part, EventScore):
        return {"hit": part.found, "missed": part.missed}
    return {"hit": part.found, "missed": part.missed, "false": part.false_alarms, "ignored": part.ignored}


def details(name: str, score: Score) -> str:
    """Every hit, miss, false alarm and ignored prediction, with the evidence sentence and files behind it."""
    lines = [f"== {name}"]
    for kind, part in score.parts().items():
        lines.append(f"-- {kind}")
        for group, outcomes in _groups(part).items():
            lines += [f"  {group:<7} {_outcome_line(o)}" for o in outcomes]
    return "\n".join(lines)


def _outcome_line(outcome: Outcome) -> str:
    label = outcome.gold or outcome.predicted or ""
    if outcome.gold and outcome.predicted and fold(outcome.predicted) != fold(outcome.gold):
        label += f"  <- {outcome.predicted!r}"
    more = len(outcome.files) - FILES_SHOWN
    files = ", ".join(outcome.files[:FILES_SHOWN]) + (f" and {more} more" if more > 0 else "")
    files = f"  [{files}]" if files else ""
    sentence = outcome.sentence
    if len(sentence) > SENTENCE_SHOWN:
        sentence = sentence[: SENTENCE_SHOWN - 1] + "…"
    return label + files + (f'\n            "{sentence}"' if sentence else "")


# --- the project's corpora and their floors (`make eval`, tests/test_scores.py) ---------------------------------

FLOORS_FILE = Path("tests/score_floors.json")


@dataclass(frozen=True)
class Suite:
    """Corpora with answer keys and the floors a ratchet holds them to (tests/score_floors.json)."""

    path: Path
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path = FLOORS_FILE) -> Suite:
        """The floors file; its corpus and gold paths are relative to the folder named by its 'root'."""
        return cls(Path(path), read_json(path))

    @property
    def root(self) -> Path:
        """The folder corpus and gold paths are relative to (the project root)."""
        return (self.path.parent / self.data.get("root", ".")).resolve()

    @property
    def margin(self) -> float:
        """How far below its last raised score a corpus may fall."""
        return float(self.data["margin"])

    def names(self) -> list[str]:
        """The corpora, in file order."""
        return list(self.data["corpora"])

    def paths(self, name: str) -> tuple[Path, Path]:
        """A corpus's folder and answer key."""
        entry = self.data["corpora"][name]
        return self.root / entry["corpus"], self.root / entry["gold"]

    def present(self, name: str) -> bool:
        """Whether the corpus and its answer key exist here (../shared may be absent)."""
        corpus, gold = self.paths(name)
        return corpus.is_dir() and gold.is_file()

    def sealed(self, name: str) -> bool:
        """Whether the corpus is kept out of reach: a test failing on it shows neither its figures nor its text."""
        return bool(self.data["corpora"][name].get("sealed"))

    def floors(self, name: str) -> dict[str, float]:
        """The corpus's floors by figure (attendees, weapons, recommendations, events_recall, macro_f1)."""
        return dict(self.data["corpora"][name].get("floors", {}))

    def raise_floors(self, scores: Iterable[tuple[str, Score]]) -> dict[str, dict[str, tuple[float, float]]]:
        """Floors at each score less the margin, never lowered; writes the file and returns what rose (old, new)."""
        risen: dict[str, dict[str, tuple[float, float]]] = {}
        for name, score in scores:
            entry = self.data["corpora"][name]
            old = entry.get("floors", {})
            new = {k: max(v, old.get(k, 0.0)) for k, v in score.floors(self.margin).items()}
            risen[name] = {k: (old.get(k, 0.0), v) for k, v in new.items() if v > old.get(k, 0.0)}
            entry["floors"] = new
        self.path.write_text(json.dumps(self.data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return risen

    def failures(self, name: str, score: Score) -> list[str]:
        """Each figure of `score` below its floor, as 'figure score < floor'."""
        actual = score.floors(0.0)
        return [f"{k} {actual[k]:.3f} < {v:.3f}" for k, v in self.floors(name).items() if actual[k] < v]


def score_corpus(corpus: Path, gold: Path, env: Any = None) -> Score:
    """Brief a corpus exactly as `briefings brief --corpus CORPUS --format json` does and score it."""
    from briefings.cli import Environment, corpus_brief  # the command line's code path, not a copy of it

    env = env or Environment(stderr=io.StringIO())
    brief, _ = corpus_brief(env.settings(), corpus, env)
    for line in env.stderr.getvalue().splitlines() if isinstance(env.stderr, io.StringIO) else ():
        if line.startswith("skipped "):  # files that could not be read: the score leaves them out
            print(line, file=sys.stderr)
    return score_brief(brief, read_answer_key(gold))


def main(argv: list[str] | None = None) -> int:
    """Score every corpus of the floors file present here (one row each); --update-floors raises the floors."""
    parser = argparse.ArgumentParser(prog="python -m briefings.evaluate", description=main.__doc__)
    parser.add_argument("--floors", type=Path, default=FLOORS_FILE, help=f"floors file (default {FLOORS_FILE})")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="score only these corpora")
    parser.add_argument("--skip", nargs="+", metavar="NAME", default=[], help="leave these corpora out")
    parser.add_argument("--update-floors", action="store_true", help="raise floors to score - margin (never lower)")
    parser.add_argument("--verbose", action="store_true", help="list hits, misses and false alarms with evidence")
    parser.add_argument("--json", action="store_true", help="one JSON object per corpus")
    args = parser.parse_args(argv)
    suite = Suite.read(args.floors)
    unknown = (set(args.only or []) | set(args.skip)) - set(suite.names())
    if unknown:
        parser.error(f"unknown corpora {sorted(unknown)}; the floors file lists {suite.names()}")
    report = Report()
    for name in args.only or suite.names():
        if name in args.skip:
            continue
        if not suite.present(name):
            print(f"{name}: skipped, {' or '.join(map(str, suite.paths(name)))} absent", file=sys.stderr)
            continue
        report.add(name, score_corpus(*suite.paths(name)))
    print(report.render(verbose=args.verbose, as_json=args.json))
    if args.update_floors:
        for name, risen in suite.raise_floors(report.scores).items():
            changes = ", ".join(f"{k} {old:.3f} -> {new:.3f}" for k, (old, new) in risen.items()) or "unchanged"
            print(f"floors of {name}: {changes}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
