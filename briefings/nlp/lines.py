"""Component `line_sentences`: a line break ends a sentence.

Cleaned text holds one paragraph, heading or list item per line.

Short lines and list items ("- Iran – President X", "2. Fund radars.") are kept whole: the parser may not split them.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

BULLETS = {"-", "–", "—", "*", "•", "·", "▪", "●", "◦", "‣"}
SHORT_LINE = 14  # tokens
SENT_START = "SENT_START"  # the token attribute holding sentence starts (to_array / from_array)
SENT_BEGINS, SENT_CONTINUES = 1, -1  # spaCy's sent_start values (0 leaves it to the parser)


def mark_line_starts(doc: Doc) -> Doc:
    """Set is_sent_start on the first token of each line; keep list items and short lines as one sentence.

    The marks are written in one `from_array`: setting Token.is_sent_start scans the whole Doc on every call."""
    starts = doc.to_array(SENT_START).astype("int64")  # signed: -1 marks a token inside a sentence
    start = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            _mark_line(doc, starts, start, token.i)
            start = token.i + 1
    _mark_line(doc, starts, start, len(doc))
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]  # thinc's Ints2d
    return doc


def _mark_line(doc: Doc, starts: numpy.ndarray, start: int, end: int) -> None:
    if start >= end:
        return
    starts[start] = SENT_BEGINS
    inner_stop = any(doc[i].text in (".", "?", "!") for i in range(start, end - 2))
    numbered = doc[start].like_num and start + 1 < end and doc[start + 1].text in (".", ")") and len(doc[start]) <= 2
    if doc[start].text in BULLETS or numbered or (end - start <= SHORT_LINE and not inner_stop):
        starts[start + 1 : end] = SENT_CONTINUES
    elif start + 1 < end and doc[start].is_alpha and doc[start].is_title and doc[start + 1].is_alpha:
        starts[start + 1] = SENT_CONTINUES  # "Nayib | Bukele will assume ...": no sentence is one word long


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Pipeline component wrapping mark_line_starts (add it before the parser)."""
    return mark_line_starts(doc)
