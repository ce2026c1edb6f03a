"""Shared helpers for the rule-based extractors: data files, per-vocab caches, sentence evidence."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from briefings.models import Evidence
from briefings.nlp.knowledge import knowledge
from briefings.nlp.spans import span_text, text_of

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# a photo credit closing a caption line: "(Jane Doe/PA)", "(Photo by Jane Doe / AFP)", "Photograph: Jane Doe/Pool"
CAPTION_CREDIT = re.compile(r"\((?:[^()]*/[^()]*|photo[^()]*|[^()]*images)\)\.?$|photograph:\s*\S+", re.IGNORECASE)
OPENING_SENTENCES = 3  # the headline and the lede: what the article is about
LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●◦‣–—]|\d{1,2}[.)])\s+")  # "- item", "• item", "2. item"


def has_own_to(verb: Token) -> bool:
    """The verb has its own infinitive "to" ("to strengthen", "to attend")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


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


def on_caption_line(span: Span, captions: set[str] | frozenset[str]) -> bool:
    """The span's line is a photo caption: one the cleaner kept without its label and credit (`captions`), or one
    that opens with a caption word ("IMAGE:", "Photo |") or ends with a photo credit ("(Jane Doe/PA)", "Photograph:
    Jane Doe/Reuters", "(Getty Images)")."""
    line = _line_of(span)
    return bool(line in captions or _caption_opening().match(line) or CAPTION_CREDIT.search(line))


def _line_of(span: Span) -> str:
    """The line of the article text the span is on (the document's text built once: doc.text joins every token). A
    sentence may end with its line's break: its line is the one it is on, not the next."""
    text = text_of(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.start_char + len(text[span.start_char : span.end_char].rstrip()))
    return text[start : end if end >= 0 else len(text)].strip()


@cache
def _caption_opening() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(knowledge().cues["caption_markers"]))
    return re.compile(rf"^(?:{words})\s*[:|]", re.IGNORECASE)
