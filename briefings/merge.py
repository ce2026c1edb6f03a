"""Merge facts across articles: one entry per real thing, evidence combined. (Placeholder.)"""
from __future__ import annotations

from typing import Iterable

from briefings.models import DocFacts, Document


def merge_facts(items: Iterable[tuple[Document, DocFacts]]) -> DocFacts:
    """Concatenate per-document facts (the extraction issue replaces this with a real merge)."""
    merged = DocFacts()
    for _document, facts in items:
        merged = DocFacts(
            events=merged.events + facts.events,
            attendees=merged.attendees + facts.attendees,
            weapons=merged.weapons + facts.weapons,
            recommendations=merged.recommendations + facts.recommendations,
            figures=merged.figures + facts.figures,
            quotes=merged.quotes + facts.quotes,
        )
    return merged
