"""Extract quotations with their speakers ('"...," said X', 'X argues: "..."', 'According to X, "..."')."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from briefings.extract.ruledata import load_json, span_evidence
from briefings.models import Quote

QUOTE_RE = re.compile(r"“([^”]{1,2000})”|\"([^\"\n]{1,2000})\"|(?<![\w’'])‘([^’\n]{1,300})’(?!\w)")
CUES = load_json("recommendation_cues.json")
SPEECH_VERBS = set(CUES["reporting_verbs"]) | {"declare", "vow", "pledge", "announce", "remark", "continue", "quip"}
SPEAKER_ENTS = {"PERSON", "ORG"}
MIN_WORDS = 5


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (start, end) of the quoted passages of a text, in order."""
    return [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]


def inside_quote(ranges: list[tuple[int, int]], position: int) -> bool:
    """Whether a character position falls inside one of `ranges` (sorted, from quoted_ranges)."""
    index = bisect_right([start for start, _ in ranges], position) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def extract_quotes(doc: Doc, context) -> list[Quote]:
    """Quoted passages of at least a few words, with the named person or organisation who said them."""
    quotes = []
    for match in QUOTE_RE.finditer(doc.text):
        words = _quote_text(match)
        if len(words.split()) < MIN_WORDS:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        speaker = _speaker(span)
        if speaker:
            sents = _sentences(span)
            evidence = span_evidence(context.document.id, sents[0], sents[-1])
            quotes.append(Quote(speaker=speaker, text=words, evidence=(evidence,)))
    return quotes


def _quote_text(match: re.Match) -> str:
    text = next(g for g in match.groups() if g is not None)
    return " ".join(text.split()).strip(" ,")


def _sentences(span: Span) -> list[Span]:
    first, last = span[0].sent, span[-1].sent
    if last.start == first.start:
        return [first]
    return [first, last]


def _speaker(span: Span) -> str | None:
    """The speaker from the reporting clause around the quote, in the same or the preceding sentence."""
    doc = span.doc
    sents = _sentences(span)
    scope = list(sents)
    previous = doc[sents[0].start - 1].sent if sents[0].start > 0 else None
    if previous is not None and previous.text.rstrip().endswith(":"):
        scope.insert(0, previous)
    for sent in scope:
        speaker = _speaker_in(sent, span)
        if speaker is not None:
            return _full_name(speaker)
    return None


def _speaker_in(sent: Span, quote: Span) -> Span | None:
    for token in sent:
        if quote.start <= token.i < quote.end:
            continue
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            found = _entity_after(token.nbor(1))
            if found is not None:
                return found
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and not (quote.start <= subject.i < quote.end):
                found = _entity_of(subject)
                if found is not None:
                    return found
    return None


def _entity_after(token: Token) -> Span | None:
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    return _entity_of(pobj) if pobj is not None else None


def _entity_of(token: Token) -> Span | None:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end and entity.label_ in SPEAKER_ENTS:
            return entity
    if token.pos_ == "PRON" and token.lower_ in ("he", "she"):
        return _last_person_before(token)
    for child in token.subtree:
        if child.ent_type_ in SPEAKER_ENTS and child.i <= token.i:
            return next(e for e in token.doc.ents if e.start <= child.i < e.end)
    return None


def _last_person_before(token: Token) -> Span | None:
    people = [e for e in token.doc.ents if e.label_ == "PERSON" and e.end <= token.i]
    return people[-1] if people else None


def _full_name(entity: Span) -> str:
    """Resolve a short mention ("Lei") to the longest earlier name that ends with it ("Hong Lei")."""
    name = re.sub(r"[’']s$", "", entity.text).strip()
    if len(name.split()) > 1:
        return name
    counts: dict[str, int] = {}
    for other in entity.doc.ents:
        full = re.sub(r"[’']s$", "", other.text).strip()
        words = full.split()
        if other.label_ in SPEAKER_ENTS and len(words) > 1 and name in (words[0], words[-1]):
            counts[full] = counts.get(full, 0) + 1
    return max(counts, key=counts.get) if counts else name
