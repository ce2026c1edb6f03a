"""Component `line_sentences`: a line break ends a sentence (cleaned text holds one paragraph, heading or list item per line)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_line_starts(doc: Doc) -> Doc:
    """Set is_sent_start on the first token after each line break; other boundaries are left to the parser."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Pipeline component wrapping mark_line_starts (add it before the parser)."""
    return mark_line_starts(doc)
