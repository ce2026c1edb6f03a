"""The shortcuts taken for speed give exactly what the slower spaCy calls they replace give.

Word lists and span texts sliced from the document stand for Token attributes and `Span.text`; designations are
found by one regular expression per token instead of a Matcher's REGEX patterns; a long optional run of a cue
pattern is matched as patterns of fixed length; a cue pattern that starts with given words is matched only in the
sentences holding one of them. Each test compares both ways on sentences of our own.
"""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from briefings.extract import weapons
from briefings.nlp import spans
from briefings.nlp.cues import CueMatcher, CuePattern, cue_patterns, fixed_length_runs, trigger_words

pytestmark = pytest.mark.slow
TEXT = (
    "Marshal Obi Tane reviewed the Hwasong-19 and the Hwasong - 20 missiles in Port Elwin on Monday.\n"
    "The Type 99 tanks, the 9K72 launchers, the K1A2 and the AJX002 drone rolled past!\n"
    "Was the İzmir-class frigate there? \u201cWe will see,\u201d she said.  \n\n"
    "The foreign minister is due to meet the emir, Sheikh Adil Mara, and his two sons in the capital Nairobi on "
    "Thursday."
)


@pytest.fixture
def doc(nlp):
    return nlp(TEXT)


def test_word_lists_are_the_token_attributes(doc):
    words = spans.words(doc)
    assert words.text == [t.text for t in doc]
    assert words.lower == [t.lower_ for t in doc]
    assert words.lemma == [t.lemma_ for t in doc]
    assert words.lemma_lower == [t.lemma_.lower() for t in doc]
    assert words.pos == [t.pos_ for t in doc]
    assert words.tag == [t.tag_ for t in doc]
    assert words.dep == [t.dep_ for t in doc]
    assert words.alpha == [t.is_alpha for t in doc]


def test_span_text_is_the_span_text_and_builds_nothing(doc):
    sentence = next(iter(doc.sents))
    assert spans.span_text(sentence) == sentence.text
    assert spans.built(doc) is None, "a pipeline component may ask for a text before the entities are final"
    spans.lookups(doc)
    pieces = [*doc.sents, doc[0:0], doc[3:9], doc[len(doc) - 3 :], *doc.ents]
    assert [spans.span_text(s) for s in pieces] == [s.text for s in pieces]


def _matcher_designations(doc) -> list[tuple[int, int]]:
    """The designations as the spaCy Matcher with REGEX patterns found them before."""
    matcher = Matcher(doc.vocab)
    matcher.add(
        "DESIGNATION",
        [
            [{"TEXT": {"REGEX": weapons.DESIGNATION_TOKEN}}],
            [{"TEXT": {"REGEX": weapons.UNHYPHENATED_DESIGNATION}}],
            [
                {"TEXT": {"REGEX": r"^[A-Z][A-Za-z]{0,11}$"}},
                {"ORTH": "-"},
                {"TEXT": {"REGEX": r"^\d{1,4}[A-Z0-9]{0,3}s?$"}},
            ],
            [{"ORTH": "Type"}, {"TEXT": {"REGEX": r"^\d{2,3}[A-Z]?$"}}],
            [{"TEXT": {"REGEX": weapons.GRAU_INDEX}}],
            [{"TEXT": {"REGEX": weapons.VARIANT_DESIGNATION}}],
        ],
    )
    return sorted({(start, end) for _, start, end in matcher(doc)})


def test_designations_are_what_the_regex_matcher_found(doc):
    found = weapons.designations(doc)
    assert found == _matcher_designations(doc)
    assert {doc[s:e].text for s, e in found} >= {"Hwasong-19", "Hwasong - 20", "Type 99", "9K72", "K1A2", "AJX002"}


def test_a_long_optional_run_becomes_one_pattern_per_length():
    pattern: list[dict] = [{"LOWER": "a"}, {"OP": "{0,12}", "IS_ALPHA": True}, {"LOWER": "b", "OP": "?"}]
    runs = fixed_length_runs(pattern)
    assert len(runs) == 13
    assert [len(run) for run in runs] == [2 + n for n in range(13)]
    assert all("OP" not in spec for run in runs for spec in run[1:-1])
    short: list[dict] = [{"LOWER": "a"}, {"OP": "{0,3}", "IS_ALPHA": True}]
    assert fixed_length_runs(short) == [short]


def test_cue_matches_are_those_of_the_written_patterns(nlp, doc):
    token_cues = [c for c in cue_patterns() if c.kind == "token"]
    ours = CueMatcher(nlp, tuple(token_cues))(doc)
    for cue in token_cues:
        plain = Matcher(nlp.vocab)
        plain.add(cue.id, [cue.pattern])
        expected = sorted({(s, e) for _, s, e in plain(doc)})
        assert sorted({(s.start, s.end) for s in ours.spans[cue.group] if s.label_ == cue.id}) == expected, cue.id
    meeting = [s for s in ours.spans["event"] if s.label_ == "meeting_in_place"]
    assert meeting, "the sentence meets someone in a place more than ten words after the verb"


def test_a_cue_is_looked_for_only_in_sentences_with_its_first_words(nlp):
    doc = nlp("The parade came to an end. Start the talks, said the king.\n\nThe king arrived at the end.")
    crossing = CuePattern(
        "event", "crossing", "token", [{"LOWER": "end"}, {"IS_PUNCT": True}, {"LOWER": "start"}], "", ""
    )
    shaped = CuePattern("event", "shaped", "token", [{"IS_TITLE": True}, {"LOWER": "king"}], "", "")
    found = CueMatcher(nlp, (crossing, shaped))(doc).spans["event"]
    plain = Matcher(nlp.vocab)
    plain.add("crossing", [crossing.pattern])
    assert [doc[s:e].text for _, s, e in plain(doc)] == ["end. Start"], "the plain Matcher runs across the full stop"
    assert [s.text for s in found if s.label_ == "crossing"] == [], "a token cue stays inside one sentence"
    assert [s.text for s in found if s.label_ == "shaped"] == ["The king"], (
        "a pattern with no first words runs everywhere"
    )
    assert trigger_words(crossing.pattern) == ("LOWER", frozenset({"end"}))
    assert trigger_words(shaped.pattern) is None, "a first token given by its shape is tried everywhere"
    assert trigger_words([{"LOWER": {"IN": ["at", "by"]}, "OP": "?"}, {"LOWER": "side"}]) is None


def test_a_cue_pattern_with_a_long_run_still_matches_its_example(nlp):
    cue = CuePattern("event", "far_place", "token", [{"LOWER": "met"}, {"OP": "{0,11}"}, {"LOWER": "in"}], "", "")
    doc = nlp("They met the king and the queen and all of their many children in Tonga.")
    found = CueMatcher(nlp, (cue,))(doc).spans["event"]
    assert [(s.start, s.end) for s in found] == [(1, 14)]


def test_ships_and_classes_are_what_the_matcher_found(nlp):
    doc = nlp(
        "HMS Queen Elizabeth sailed with two Virginia-class submarines, a Hamilton- class cutter and INS Vikrant. "
        "USS the carrier and the Type-class Ship followed."
    )
    matcher = Matcher(doc.vocab)
    matcher.add(
        "SHIP", [[{"TEXT": {"IN": weapons.TERMS["ship_prefixes"]}}, {"IS_TITLE": True, "OP": "+"}]], greedy="LONGEST"
    )
    matcher.add(
        "CLASS",
        [
            [{"IS_TITLE": True}, {"ORTH": "-"}, {"LOWER": "class"}],
            [{"TEXT": {"REGEX": r"^[A-Z][a-z]+-$"}}, {"LOWER": "class"}],
        ],
    )
    expected = sorted((doc.vocab.strings[m], s, e) for m, s, e in matcher(doc))
    found = sorted((span.label_, span.start, span.end) for span in weapons.ships_and_classes(doc))
    assert found == expected
    assert {doc[s:e].text for _, s, e in found} >= {"HMS Queen Elizabeth", "Virginia-class", "INS Vikrant"}


def test_head_words_are_the_weapon_nouns_token_by_token(doc, nlp):
    other = nlp(
        "The Missiles of October and three Tanks rolled past the Drones Club; rockets, mines and a frigate too."
    )
    for parsed in (doc, other):
        expected = {t.i: word for t in parsed if (word := weapons._head_word(t)) is not None}
        assert weapons.head_words(parsed) == expected
    assert set(weapons.head_words(other).values()) >= {"missile", "tank", "rocket", "frigate"}
