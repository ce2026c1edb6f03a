"""Extract quotations with their speakers ('"...," said X', 'X argues: "..."', 'According to X, "..."')."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from briefings.extract.ruledata import load_json, span_evidence
from briefings.models import Quote
from briefings.nlp.spans import entity_at, last_ent_before, lookups, span_text, text_of

QUOTE_RE = re.compile(r"“([^”]{1,2000})”|\"([^\"\n]{1,2000})\"|(?<![\w’'])‘([^’\n]{1,300})’(?!\w)")
CUES = load_json("recommendation_cues.json")
SPEECH_VERBS = set(CUES["reporting_verbs"]) | {"declare", "vow", "pledge", "announce", "remark", "continue", "quip"}
SPEAKER_ENTS = {"PERSON", "ORG"}
MIN_WORDS = 5
LAST = float("inf")  # sorts after every end offset, so (position, LAST) bisects after ranges starting at position


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (start, end) of the quoted passages of a text, in order."""
    return [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]


def inside_quote(ranges: list[tuple[int, int]], position: int) -> bool:
    """Whether a character position falls inside one of `ranges` (sorted, from quoted_ranges)."""
    index = bisect_right(ranges, (position, LAST)) - 1  # the last range starting at or before the position
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def extract_quotes(doc: Doc, context) -> list[Quote]:
    """Quoted passages of at least a few words, with the named person or organisation who said them."""
    quotes, names = [], _full_names_by_part(doc)
    for match in QUOTE_RE.finditer(text_of(doc)):
        words = _quote_text(match)
        if len(words.split()) < MIN_WORDS:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        speaker = _speaker(span, names)
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


def _speaker(span: Span, names: dict[str, dict[str, int]]) -> str | None:
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
            return _full_name(speaker, names)
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
    entity = entity_at(token)
    if entity is not None and entity.label_ in SPEAKER_ENTS:
        return entity
    if token.pos_ == "PRON" and token.lower_ in ("he", "she"):
        return last_ent_before(token.doc, token.i, "PERSON")
    for child in token.subtree:
        if child.ent_type_ in SPEAKER_ENTS and child.i <= token.i:
            return entity_at(child)
    return None


def _full_name(entity: Span, names: dict[str, dict[str, int]]) -> str:
    """Resolve a short mention ("Lei") to the most frequent longer name that begins or ends with it ("Hong Lei")."""
    name = _without_possessive(entity.text)
    if len(name.split()) > 1:
        return name
    counts = names.get(name, {})
    return max(counts, key=counts.__getitem__) if counts else name


def _full_names_by_part(doc: Doc) -> dict[str, dict[str, int]]:
    """First or last word -> the longer speaker names of the article with it, counted, in order (one pass)."""
    index: dict[str, dict[str, int]] = {}
    for entity in lookups(doc).ents:
        full = _without_possessive(span_text(entity))
        words = full.split()
        if entity.label_ in SPEAKER_ENTS and len(words) > 1:
            for part in dict.fromkeys((words[0], words[-1])):
                index.setdefault(part, {})[full] = index.get(part, {}).get(full, 0) + 1
    return index


def _without_possessive(text: str) -> str:
    return re.sub(r"[’']s$", "", text).strip()
