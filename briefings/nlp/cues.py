"""Component `cues`: applies the named token and dependency patterns kept in `briefings/data/patterns/`.

Each `*.jsonl` file there is one group of cues (`attendance`, `recommendation`, `event`, `weapon`, ...).
A line is one named pattern:

    {"id": "attend_verb", "kind": "token" | "dependency", "pattern": [...],
     "example": "a sentence it must match", "counter_example": "a near miss it must not match"}

`kind: token` patterns are spaCy `Matcher` patterns (each matches inside one sentence), `kind: dependency`
ones `DependencyMatcher` patterns. Matches go to `doc.spans[group]`, sorted by start, one span per match
labelled with the pattern id. A dependency match spans its first to its last matched token; the token
matched by the pattern's first node (its anchor) is kept in `doc._.cue_anchors[(group, start, end, id)]`.
The component only annotates; extractors read the spans with `cues_in`. `tests/test_cues.py` runs every
example and counter-example.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span

PATTERN_DIR = Path(__file__).resolve().parents[1] / "data" / "patterns"

if not Doc.has_extension("cue_anchors"):
    Doc.set_extension("cue_anchors", default=None)


@dataclass(frozen=True)
class CuePattern:
    """One named pattern of a cue group, with the sentences a test checks it against."""

    group: str
    id: str
    kind: str
    pattern: list
    example: str
    counter_example: str


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[CuePattern, ...]:
    """Every pattern of every group file, in file order."""
    found: list[CuePattern] = []
    for entry in sorted(PATTERN_DIR.glob("*.jsonl")):
        group = entry.stem
        for number, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                row = json.loads(line)
                found.append(
                    CuePattern(
                        group=group,
                        id=row["id"],
                        kind=row.get("kind", "token"),
                        pattern=row["pattern"],
                        example=row["example"],
                        counter_example=row["counter_example"],
                    )
                )
            except (ValueError, KeyError) as error:
                raise ValueError(f"data/patterns/{entry.name} line {number}: {error}") from None
    return tuple(found)


LONG_OPTIONAL_RUN = 10  # a "{0,n}" run longer than this is matched as n + 1 patterns of fixed length


def fixed_length_runs(pattern: list[dict]) -> list[list[dict]]:
    """The pattern with each long optional run ("OP": "{0,14}") written out as one pattern per length: the same
    matches, without the cost of spaCy's matcher following every way through n optional tokens (the states it
    keeps grow with the run's length; on real dev text a {0,14} run cost 0.17 s, its 15 fixed lengths 0.05 s)."""
    for k, spec in enumerate(pattern):
        longest = _optional_run_length(spec.get("OP", ""))
        if longest > LONG_OPTIONAL_RUN:
            token = {key: value for key, value in spec.items() if key != "OP"}
            tails = fixed_length_runs(pattern[k + 1 :])
            return [pattern[:k] + [token] * count + tail for count in range(longest + 1) for tail in tails]
    return [pattern]


def _optional_run_length(op: str) -> int:
    """n of an "{0,n}" or "{,n}" operator, else 0."""
    found = re.fullmatch(r"\{0?,(\d+)\}", op)
    return int(found.group(1)) if found else 0


UNBOUNDED = 10_000  # a "*" or "+" run: a match may reach the sentence's end


def longest_match(pattern: list[dict]) -> int:
    """The most tokens a match of the pattern can span ("?" one, "{2,4}" four, "*" and "+" any number)."""
    total = 0
    for spec in pattern:
        op = spec.get("OP", "")
        if op in ("*", "+") or re.fullmatch(r"\{\d*,\}", op):
            return UNBOUNDED
        bounds = re.fullmatch(r"\{(\d*)(?:,(\d*))?\}", op)
        total += int(bounds.group(2) or bounds.group(1)) if bounds else 1
    return total


TRIGGER_ATTRS = ("LOWER", "LEMMA", "ORTH")  # a first token given by one of these is a word to look for


def trigger_words(pattern: list[dict]) -> tuple[str, frozenset[str]] | None:
    """The attribute and the words a pattern's first token must be one of ("LOWER": {"IN": [...]}), or None when it
    may start anywhere (an optional first token, or one given by its shape or tag)."""
    first = pattern[0]
    if first.get("OP", "") not in ("", "!", "+"):
        return None
    for attr in TRIGGER_ATTRS:
        value = first.get(attr)
        if isinstance(value, str):
            return attr, frozenset([value])
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attr, frozenset(value["IN"])
    return None


class CueMatcher:
    """The token patterns of every group and one DependencyMatcher per group, built once per pipeline.

    Token patterns that start with given words are matched only after each of those words, over as many tokens as
    the longest of them can span and never past the sentence's end: spaCy's Matcher tries every pattern at every
    token, and most cue words occur in a tenth of the sentences (reading only those sentences cut the matcher's time
    on real dev text by about two thirds, reading only the windows by a quarter more). So no token cue crosses a
    sentence end. Patterns with the same first words share one Matcher."""

    def __init__(self, nlp: Language, patterns: tuple[CuePattern, ...] | None = None) -> None:
        self.everywhere = Matcher(nlp.vocab, validate=True)  # patterns with no first words to look for
        self.by_trigger: dict[tuple[str, frozenset[str]], Matcher] = {}
        self.dep_matchers: dict[str, DependencyMatcher] = {}
        self.group_of: dict[str, str] = {}  # pattern id -> its group
        self.order: dict[str, int] = {}  # pattern id -> its place in the files: equal spans keep that order
        self.longest: dict[tuple[str, frozenset[str]], int] = {}  # the most tokens a match of each Matcher spans
        for cue in patterns if patterns is not None else cue_patterns():
            if self.group_of.setdefault(cue.id, cue.group) != cue.group:
                raise ValueError(f"pattern id {cue.id!r} is used in both {self.group_of[cue.id]} and {cue.group}")
            self.order.setdefault(cue.id, len(self.order))
            dep_matcher = self.dep_matchers.setdefault(cue.group, DependencyMatcher(nlp.vocab, validate=True))
            if cue.kind == "dependency":
                dep_matcher.add(cue.id, [cue.pattern])
                continue
            trigger = trigger_words(cue.pattern)
            if trigger is None:
                matcher = self.everywhere
            else:
                matcher = self.by_trigger.setdefault(trigger, Matcher(nlp.vocab, validate=True))
                self.longest[trigger] = max(self.longest.get(trigger, 0), longest_match(cue.pattern))
            matcher.add(cue.id, fixed_length_runs(cue.pattern))
        strings = nlp.vocab.strings
        # each attribute's trigger words, and which Matchers each word starts: one look-up per token and attribute
        self.triggers_of: list[dict[int, list[tuple[str, frozenset[str]]]]] = [{} for _ in TRIGGER_ATTRS]
        for trigger in self.by_trigger:
            for word in trigger[1]:
                self.triggers_of[TRIGGER_ATTRS.index(trigger[0])].setdefault(strings.add(word), []).append(trigger)
        self.trigger_words = [numpy.array(list(words), "uint64") for words in self.triggers_of]

    def __call__(self, doc: Doc) -> Doc:
        anchors: dict[tuple[str, int, int, str], int] = {}
        found: dict[str, list[Span]] = {group: [] for group in self.dep_matchers}
        for match_id, start, end in self._token_matches(doc):
            span = Span(doc, start, end, label=match_id)
            found[self.group_of[span.label_]].append(span)
        for group, dep_matcher in self.dep_matchers.items():
            if not len(dep_matcher):
                continue
            for match_id, token_ids in dep_matcher(doc):
                start, end = min(token_ids), max(token_ids) + 1
                span = Span(doc, start, end, label=match_id)
                found[group].append(span)
                anchors[(group, start, end, span.label_)] = token_ids[0]
        for group, spans in found.items():
            doc.spans[group] = sorted(spans, key=lambda s: (s.start, s.end, self.order[s.label_]))
        doc._.cue_anchors = anchors
        return doc

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern id, start, end) of every token pattern: each Matcher run on the sentences that hold its words."""
        matches = list(self.everywhere(doc)) if len(self.everywhere) else []
        if not len(doc) or not self.by_trigger:
            return matches
        columns = doc.to_array(list(TRIGGER_ATTRS))
        starts = numpy.flatnonzero(doc.to_array("SENT_START") == 1) if doc.has_annotation("SENT_START") else None
        if starts is None or not len(starts) or starts[0] != 0:
            starts = numpy.array([0])  # no sentences set: the whole Doc is one
        ends = numpy.append(starts[1:], len(doc))
        occurrences: dict[tuple[str, frozenset[str]], list[int]] = {}
        for column, words in enumerate(self.trigger_words):
            for first in numpy.flatnonzero(numpy.isin(columns[:, column], words)).tolist():
                for trigger in self.triggers_of[column][int(columns[first, column])]:
                    occurrences.setdefault(trigger, []).append(first)
        for trigger, matcher in self.by_trigger.items():  # in the order the Matchers were built, as before
            if trigger not in occurrences:
                continue
            at = numpy.array(occurrences[trigger], "int64")
            sentence_ends = ends[numpy.searchsorted(starts, at, side="right") - 1]
            longest = self.longest[trigger]
            for first, last in zip(at.tolist(), numpy.minimum(sentence_ends, at + longest).tolist(), strict=True):
                found = matcher(doc[first:last])
                matches.extend((key, first, first + end) for key, start, end in found if start == 0)
        return matches


def cues_in(span: Span | Doc, group: str) -> list[Span]:
    """The cue spans of a group that lie inside a sentence (or the whole doc), found by bisection."""
    doc = span if isinstance(span, Doc) else span.doc
    if group not in doc.spans:
        return []
    spans = doc.spans[group]
    if isinstance(span, Doc):
        return list(spans)
    first = bisect_left(spans, span.start, key=lambda s: s.start)
    last = bisect_left(spans, span.end, key=lambda s: s.start)
    return [s for s in (spans[i] for i in range(first, last)) if s.end <= span.end]


@Language.factory("cues")
def make_cues(nlp: Language, name: str) -> CueMatcher:
    """Pipeline factory for the CueMatcher component."""
    return CueMatcher(nlp)
