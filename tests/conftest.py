"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest

from briefings.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The configured English model with the project's components."""
    return load_pipeline(None)
