"""Figure extraction: numbers with what they count; dates, years, ordinals and small referential numbers skipped."""

from __future__ import annotations

import pytest

from briefings.extract import DocContext
from briefings.extract.figures import extract_figures
from briefings.models import Document

pytestmark = pytest.mark.slow


def figures_in(nlp, text: str) -> dict[str, str]:
    document = Document(id="f1", path="f1.txt", title=None, text=text, content_hash="h")
    return {f.what: f.value for f in extract_figures(nlp(text), DocContext(document=document))}


def test_quantifier_stays_with_the_value(nlp):
    found = figures_in(nlp, "The ministry said more than 3,500 engineers and over 60 helicopters took part.")
    assert found["engineers"] == "more than 3,500"
    assert found["helicopters"] == "over 60"


def test_modifiers_of_the_counted_noun_are_kept(nlp):
    found = figures_in(nlp, "Delegations from 31 African countries arrived on Monday.")
    assert found == {"African countries": "31"}


def test_percent_counts_the_of_phrase(nlp):
    found = figures_in(nlp, "Roughly 64% of the island's fuel imports come by sea.")
    assert found["the island's fuel imports"].endswith("64%")


def test_magnitude_words_count_without_digits(nlp):
    found = figures_in(nlp, "Thousands of volunteers lined the avenue.")
    assert found == {"volunteers": "Thousands"}


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended on March 4, 2024 after the 12th round.",
        "In 1998 the two sides signed the accord.",
        "The three leaders shook hands before the meeting.",
    ],
)
def test_dates_ordinals_and_small_spelled_numbers_are_skipped(nlp, text):
    assert figures_in(nlp, text) == {}


def test_figure_cites_its_sentence(nlp):
    text = "Nothing changed. The fleet now has 14 frigates."
    document = Document(id="f1", path="f1.txt", title=None, text=text, content_hash="h")
    [figure] = extract_figures(nlp(text), DocContext(document=document))
    assert figure.evidence[0].text == "The fleet now has 14 frigates."
    assert text[figure.evidence[0].start : figure.evidence[0].end].strip() == "The fleet now has 14 frigates."


def test_calibre_glued_to_its_number_is_not_a_count(nlp):
    found = figures_in(nlp, "Factories will double output of 152mm shells, adding 300 workers.")
    assert found == {"workers": "300"}
