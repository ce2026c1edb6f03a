"""Shared helpers for the rule-based extractors: data files, per-vocab caches, sentence evidence."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span
from spacy.vocab import Vocab

from briefings.models import Evidence
from briefings.nlp.spans import span_text

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●◦‣–—]|\d{1,2}[.)])\s+")  # "- item", "• item", "2. item"


@cache
def load_json(name: str) -> Any:
    """A JSON data file from briefings/data, parsed once."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@cache
def load_jsonl(name: str) -> tuple[dict, ...]:
    """A JSON-lines data file from briefings/data, one dict per non-empty line, parsed once."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


_BUILT: dict[tuple[str, int], tuple[Vocab, Any]] = {}


def per_vocab(key: str, vocab: Vocab, build: Callable[[Vocab], Any]) -> Any:
    """Build matchers once per spaCy vocab (one model) and reuse them for every document."""
    cached = _BUILT.get((key, id(vocab)))
    if cached is None or cached[0] is not vocab:
        cached = (vocab, build(vocab))
        _BUILT[(key, id(vocab))] = cached
    return cached[1]


def sentence_evidence(doc_id: str, sent: Span) -> Evidence:
    """Evidence citing one sentence of a document, with its character offsets."""
    return Evidence(doc=doc_id, text=span_text(sent).strip(), start=sent.start_char, end=sent.end_char)


def span_evidence(doc_id: str, start_sent: Span, end_sent: Span) -> Evidence:
    """Evidence covering the sentences from start_sent to end_sent."""
    doc = start_sent.doc
    span = doc[start_sent.start : end_sent.end]
    return Evidence(doc=doc_id, text=span.text.strip(), start=span.start_char, end=span.end_char)
