"""Quote extraction: speakers from said/argues/according to, short scare quotes skipped."""

from __future__ import annotations

import pytest

from briefings.extract import DocContext
from briefings.extract.quotes import extract_quotes, inside_quote, quoted_ranges
from briefings.models import Document

pytestmark = pytest.mark.slow


def quotes_in(nlp, text: str):
    document = Document(id="q1", path="q1.txt", title=None, text=text, content_hash="h")
    return extract_quotes(nlp(text), DocContext(document=document))


def test_said_after_the_quote(nlp):
    [quote] = quotes_in(
        nlp, "\u201cThe drills will continue until the threat is gone,\u201d said Maria Lopez, a navy spokeswoman."
    )
    assert quote.speaker == "Maria Lopez"
    assert quote.text.startswith("The drills will continue")


def test_speaker_before_a_colon(nlp):
    text = "Daniel Okafor, a historian at the university, argues: \u201cNo treaty has ever survived such a rift.\u201d"
    [quote] = quotes_in(nlp, text)
    assert quote.speaker == "Daniel Okafor"


def test_according_to(nlp):
    text = "According to Ingrid Berg, the deal is \u201ca lifeline for a regime that has run out of friends.\u201d"
    [quote] = quotes_in(nlp, text)
    assert quote.speaker == "Ingrid Berg"


def test_surname_is_resolved_to_the_full_name(nlp):
    text = (
        "Minister Tomas Varga met the press on Monday. "
        "\u201cWe will not accept any foreign bases on our soil,\u201d Varga said."
    )
    [quote] = quotes_in(nlp, text)
    assert quote.speaker == "Tomas Varga"


def test_scare_quotes_and_unattributed_quotes_are_skipped(nlp):
    text = (
        "The so-called \u201cfriendship\u201d was praised. "
        "A banner read \u201clong live the eternal friendship of our peoples\u201d."
    )
    assert quotes_in(nlp, text) == []


def test_inside_quote_positions():
    text = 'He said "go home now" and left.'
    ranges = quoted_ranges(text)
    assert inside_quote(ranges, text.index("home"))
    assert not inside_quote(ranges, text.index("left"))
