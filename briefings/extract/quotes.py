"""Extract quotes from a parsed article. (Placeholder until the extraction engine lands.)"""
from __future__ import annotations

from spacy.tokens import Doc


def extract_quotes(doc: Doc, context) -> list:
    """No quotes yet: the extraction engine (issue 3) fills this in."""
    return []
