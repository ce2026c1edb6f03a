"""Extract attendees from a parsed article. (Placeholder until the extraction engine lands.)"""
from __future__ import annotations

from spacy.tokens import Doc


def extract_attendees(doc: Doc, context) -> list:
    """No attendees yet: the extraction engine (issue 3) fills this in."""
    return []
