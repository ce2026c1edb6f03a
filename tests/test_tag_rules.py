"""The indexed attribute ruler gives, token by token, what spaCy's AttributeRuler gives with the model's patterns:
on the real dev articles (read from ../shared, skipped where it is absent) and on the project's own examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.pipeline import AttributeRuler

from briefings.nlp.tag_rules import IndexedAttributeRuler, UnindexablePattern

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "corpus" / "real" / "dev"
EXAMPLES = ROOT / "examples" / "corpus"


def texts_of(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.rglob("*.txt"))]


def annotations_both_ways(nlp, texts: list[str]) -> tuple[list, list]:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler), "the pipeline applies the model's ruler through the index"
    later = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") :]
    docs = list(nlp.pipe(texts, disable=later))  # tagged and parsed: what the ruler reads

    def seen(doc) -> list[tuple[str, str, str, str, str]]:
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]

    return [seen(ruler(doc.copy())) for doc in docs], [seen(ruler.ruler(doc.copy())) for doc in docs]


def test_the_examples_get_the_same_tags_parts_of_speech_morphology_and_lemmas(nlp):
    ours, spacys = annotations_both_ways(nlp, texts_of(EXAMPLES))
    assert sum(len(doc) for doc in ours) > 1000
    assert ours == spacys


def test_the_real_dev_articles_get_the_same_annotations(nlp):
    if not REAL_DEV.is_dir():
        pytest.skip(f"{REAL_DEV} is absent (../shared is not beside the checkout)")
    ours, spacys = annotations_both_ways(nlp, texts_of(REAL_DEV))
    assert sum(len(doc) for doc in ours) > 50_000
    assert ours == spacys


def test_later_patterns_override_earlier_ones_and_the_index_picks_the_token(nlp):
    ruler = AttributeRuler(nlp.vocab)
    patterns: list[Any] = [
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": "kim"}, {"LOWER": "jong"}]], "attrs": {"POS": "X", "LEMMA": "kj"}, "index": 1},
        {"patterns": [[{"LOWER": {"IN": ["kim"]}, "TAG": "NNP"}]], "attrs": {"POS": "NOUN"}},
    ]
    ruler.add_patterns(patterns)
    indexed = IndexedAttributeRuler(ruler)
    words = nlp.make_doc("Kim Jong Un spoke")
    for token, tag in zip(words, ["NNP", "NNP", "NNP", "VBD"], strict=True):
        token.tag_ = tag
    doc, reference = indexed(words.copy()), ruler(words.copy())
    assert [(t.pos_, t.lemma_) for t in doc] == [("NOUN", ""), ("X", "kj"), ("PROPN", ""), ("", "")]
    assert [(t.pos_, t.lemma_) for t in doc] == [(t.pos_, t.lemma_) for t in reference]


def test_a_pattern_it_cannot_index_is_refused_so_spacys_ruler_stays(nlp):
    ruler = AttributeRuler(nlp.vocab)
    unindexable: list[Any] = [{"patterns": [[{"LENGTH": {">": 3}}]], "attrs": {"POS": "X"}}]
    ruler.add_patterns(unindexable)
    with pytest.raises(UnindexablePattern):
        IndexedAttributeRuler(ruler)
