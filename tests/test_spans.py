"""Per-document lookups: the same answers as spaCy's whole-document walks, built once per Doc and kept on it."""

from __future__ import annotations

import pytest

from briefings.nlp import spans
from briefings.nlp.spans import entity_at, last_ent_before, sentence_ents, text_of, token_texts

pytestmark = pytest.mark.slow
TEXT = (
    "President Ilse Marwick of Norland arrived in Port Elwin on Monday. "
    "She met Prime Minister Tomas Reyvik at the harbour. "
    "The two leaders watched the parade with General Anka Dorr."
)


@pytest.fixture
def doc(nlp):
    return nlp(TEXT)


def test_lookups_answer_as_spacy_does(doc):
    assert text_of(doc) == doc.text
    for sent in doc.sents:
        assert sentence_ents(sent) == list(sent.ents)
    for token in doc:
        covering = [e for e in doc.ents if e.start <= token.i < e.end]
        assert entity_at(token) == (covering[0] if covering else None)


def test_the_text_keeps_every_space_line_break_and_tab_as_written(nlp):
    """The text is joined from the words and their trailing-space flags: runs of spaces, blank lines, tabs and a
    space at the very end all come back as they were."""
    written = "KORVA, May 3 —  The parade\tbegan.\n\nCrowds   cheered  “loudly” at Ma’an Square. "
    doc = nlp(written)
    assert text_of(doc) == doc.text == written
    assert text_of(nlp("")) == ""


def test_the_nearest_earlier_entity_of_a_kind(doc):
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) >= 2, [(e.text, e.label_) for e in doc.ents]
    she = next(t for t in doc if t.text == "She")
    assert last_ent_before(doc, she.i, "PERSON") == [p for p in people if p.end <= she.i][-1]
    assert last_ent_before(doc, 0, "PERSON") is None
    assert last_ent_before(doc, len(doc), "NO_SUCH_LABEL") is None


def test_lookups_are_built_once_and_kept_on_the_doc(doc, nlp, monkeypatch):
    first = spans.lookups(doc)
    monkeypatch.setattr(spans, "_build", lambda d: pytest.fail("built twice"))
    assert spans.lookups(doc) is first and spans.built(doc) is first
    other = nlp("A second article about nothing in particular.")
    assert spans.built(other) is None, "one Doc's lookups never stand in for another's"


def test_token_texts_read_from_the_array_match_each_token_before_and_after_the_lookups(nlp):
    doc = nlp("Ms. Anka Dorr’s “guests” arrived —  late.\n\nThey left.")
    written = [t.text for t in doc]
    spans.forget(doc)
    assert token_texts(doc) == written  # a pipeline component's view: no lookups yet
    text_of(doc)  # builds the lookups
    assert token_texts(doc) == written
