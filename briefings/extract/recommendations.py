"""Extract recommendations from a parsed article. (Placeholder until the extraction engine lands.)"""
from __future__ import annotations

from spacy.tokens import Doc


def extract_recommendations(doc: Doc, context) -> list:
    """No recommendations yet: the extraction engine (issue 3) fills this in."""
    return []
