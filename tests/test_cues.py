"""Every named cue pattern in briefings/data/patterns matches its example and not its counter-example."""

from __future__ import annotations

import pytest

from briefings.nlp.cues import UNBOUNDED, CueMatcher, CuePattern, cue_patterns, cues_in, longest_match

PATTERNS = cue_patterns()


def test_there_are_cue_patterns_and_their_ids_are_unique_per_group():
    assert PATTERNS
    keys = [(p.group, p.id) for p in PATTERNS]
    assert len(keys) == len(set(keys))


@pytest.mark.slow
@pytest.mark.parametrize("cue", PATTERNS, ids=lambda p: f"{p.group}:{p.id}")
def test_pattern_matches_its_example_and_not_its_counter_example(nlp, cue):
    matched = {s.label_ for s in cues_in(nlp(cue.example), cue.group)}
    missed = {s.label_ for s in cues_in(nlp(cue.counter_example), cue.group)}
    assert cue.id in matched, f"{cue.group}:{cue.id} does not match its example"
    assert cue.id not in missed, f"{cue.group}:{cue.id} matches its counter-example"


@pytest.mark.slow
def test_cues_in_a_sentence_are_only_that_sentences(nlp):
    doc = nlp("Guests attended the parade, including the king. The crowd, including children, cheered.")
    first, second = list(doc.sents)
    assert [s.label_ for s in cues_in(first, "attendance")] == ["group_including"]
    assert cues_in(second, "attendance") == []


def test_the_longest_match_of_a_pattern_bounds_the_window_read_after_its_first_word():
    assert longest_match([{"LOWER": "in"}, {"OP": "?"}, {"IS_TITLE": True, "OP": "{1,3}"}]) == 5
    assert longest_match([{"LOWER": "time"}, {"OP": "*"}, {"LOWER": "to"}]) == UNBOUNDED


def test_a_match_with_a_long_optional_run_late_in_a_long_sentence_is_found_once(nlp):
    words = " ".join(["word"] * 60)
    doc = nlp(f"The {words} parade was held in the old and very large and very busy and hot capital.")
    pattern = [{"LOWER": "in"}, {"OP": "{0,12}"}, {"LOWER": "capital"}]
    CueMatcher(nlp, (CuePattern("test", "in_the_capital", "token", pattern, "", ""),))(doc)
    assert [s.text for s in doc.spans["test"]] == ["in the old and very large and very busy and hot capital"]
