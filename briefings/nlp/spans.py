"""Per-document lookups computed once: entities by sentence, gazetteer spans by token (Span.ents is costly)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

_LAST: dict[str, object] = {"doc": None}


def _lookups(doc: Doc) -> dict:
    if _LAST.get("doc") is not doc:
        by_sentence: dict[int, list[Span]] = {}
        starts = {}
        for sent in doc.sents:
            by_sentence[sent.start] = []
            for i in range(sent.start, sent.end):
                starts[i] = sent.start
        for ent in doc.ents:
            by_sentence[starts[ent.start]].append(ent)
        groups = {
            name: {i: s for s in doc.spans[name] for i in range(s.start, s.end)} if name in doc.spans else {}
            for name in ("titles", "countries", "places")
        }
        _LAST.clear()
        _LAST.update(doc=doc, ents=by_sentence, **groups)
    return _LAST


def sentence_ents(sent: Span) -> list[Span]:
    """The entities of a sentence (same as sent.ents, computed once per document)."""
    return _lookups(sent.doc)["ents"].get(sent.start, [])


def spans_at(doc: Doc, group: str) -> dict[int, Span]:
    """Token index -> the 'titles', 'countries' or 'places' span covering it."""
    return _lookups(doc)[group]


def is_headline_case(sent: Span) -> bool:
    """A title-cased line without closing punctuation (a headline or heading): its capitals say nothing about names."""
    if sent.text.strip()[-1:] in (".", "!", "?", '"', "”", ")"):
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) / len(words) > 0.6
