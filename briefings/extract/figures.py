"""Extract key figures: a number with what it counts ("more than 10,000 troops", "97% of trade")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from briefings.extract.ruledata import sentence_evidence
from briefings.models import Figure
from briefings.nlp.spans import lookups

VALUE_ENTS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
SKIPPED_ENTS = {"DATE", "TIME", "ORDINAL"}
MAGNITUDES = {
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "tens",
    "score",
    "scores",
}
OF_PREPS = {"of", "in", "for", "on"}
KEPT_MODIFIERS = {"amod", "compound", "poss", "case", "nmod", "npadvmod"}


def extract_figures(doc: Doc, context) -> list[Figure]:
    """Numbers with digits (or magnitudes such as "thousands") and the noun they count; no dates or ordinals."""
    found: dict[tuple[str, str], Figure] = {}
    for value in _value_spans(doc):
        noun = _counted_noun(value)
        if noun is None or _is_unit_suffix(value, noun):
            continue
        what = _noun_phrase(noun, value)
        if not what:
            continue
        key = (value.text.lower(), what.lower())
        if key not in found:
            evidence = sentence_evidence(context.document.id, value.sent)
            found[key] = Figure(value=_clean_value(value.text), what=what, evidence=(evidence,))
    return list(found.values())


def _value_spans(doc: Doc) -> list[Span]:
    found = lookups(doc)
    spans = [doc[min(e.start, _quantifier_start(e.root)) : e.end] for e in found.ents if e.label_ in VALUE_ENTS]
    for i, dep in enumerate(found.words.dep):
        if dep == "nummod" and i not in found.by_token and doc[i].like_num:  # outside every entity
            spans.append(doc[_quantifier_start(doc[i]) : i + 1])
    return [s for s in spans if _is_figure(s)]


def _quantifier_start(number: Token) -> int:
    start = number.i
    for child in number.lefts:
        if child.dep_ in ("advmod", "quantmod", "amod"):
            start = min(start, child.left_edge.i)
    return start


def _is_figure(span: Span) -> bool:
    if any(t.ent_type_ in SKIPPED_ENTS for t in span):
        return False
    has_digit = any(any(c.isdigit() for c in t.text) for t in span)
    if has_digit:
        return not any(re.fullmatch(r"(1[89]|20)\d\d", t.text) for t in span)
    return any(t.lower_ in MAGNITUDES for t in span)


def _counted_noun(value: Span) -> Token | None:
    root = value.root
    if root.dep_ == "nummod" or (root.like_num and root.head.i >= value.end):
        head = root.head
        return (
            head
            if head.pos_ in ("NOUN", "PROPN") and head.i >= value.end and head.ent_type_ not in SKIPPED_ENTS
            else None
        )
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in OF_PREPS:
            return next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return None


def _is_unit_suffix(value: Span, noun: Token) -> bool:
    """ "155mm": a calibre or measure glued to its number, not a count."""
    doc = noun.doc
    return value.end < len(doc) and not value[-1].whitespace_ and doc[value.end].is_alpha


def _noun_phrase(noun: Token, value: Span) -> str:
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in KEPT_MODIFIERS or (child.i < value.end and child.i >= value.start):
            break
        if child.i + 1 != start and child.right_edge.i + 1 != start:
            break
        start = child.left_edge.i
    start = max(start, value.end) if value.start <= noun.i else start
    return noun.doc[start : noun.i + 1].text.strip()


def _clean_value(text: str) -> str:
    return " ".join(text.split())
