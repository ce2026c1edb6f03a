"""Component `contractions`: a contraction written with a typographic apostrophe gets the lemma of its plain form.

Real pages write "It’s", "we’ll", "they’re"; the model lemmatises "’s" as "’" where it gives "be" for "'s", so a
pattern or rule reading lemmas ("it is time for X to", a future "will") would miss most real copy. The text is
left as found; only the lemma changes.

The model's own features are fixed too (`read_typographic_marks_as_plain`): it embeds each token by its norm,
prefix, suffix and shape, so "China’s Xi Jinping" looked unlike the "China's Xi Jinping" it was trained on, and
real copy lost names the plain text gives (a guest list "Brazil’s Luiz Inácio Lula da Silva and Venezuela’s
Nicolás Maduro" found no person). The vocabulary reads a typographic mark as its plain one for those features.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

TYPOGRAPHIC_APOSTROPHES = ("\u2019", "\u02bc")  # right single quotation mark, modifier letter apostrophe
APOSTROPHE = re.compile("|".join(TYPOGRAPHIC_APOSTROPHES))
PLAIN_LEMMAS = {"'re": "be", "'m": "be", "'ll": "will", "'ve": "have", "n't": "not"}
VERB_S_TAGS = ("VBZ",)  # "’s" as "is" or "has"; a possessive "’s" (POS) keeps its lemma
PAST_D_TAGS = ("VBD",)  # "’d" as "had"; otherwise "would"
PLAIN_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
# Only the tokens a typographic mark makes unlike plain text are read plain: quote marks, possessives and
# contractions. A mark inside a name ("Ma’ruf") stays as written; the model read such names better so.
PLAIN_READ_TOKENS = frozenset({"'", '"', "'s", "s'", "n't", "'ll", "'re", "'ve", "'d", "'m"})
MODEL_FEATURES = ("norm_", "prefix_", "suffix_", "shape_")  # what the model's tok2vec embeds a token by


def plain_spelling(string: str) -> str:
    """`string` with its typographic marks made plain if it is a quote mark, possessive or contraction."""
    plain = string.translate(PLAIN_MARKS)
    return plain if plain != string and plain.lower() in PLAIN_READ_TOKENS else string


class PlainReading:
    """A lexical attribute getter that reads a typographic possessive or quote as its plain one (picklable)."""

    def __init__(self, getter: Callable[[str], Any]) -> None:
        self.getter = getter

    def __call__(self, string: str) -> Any:
        return self.getter(plain_spelling(string))


def read_typographic_marks_as_plain(vocab: Vocab) -> None:
    """Possessives, contractions and quote marks written with curly marks get the lexical attributes of their
    plain spelling: those met from now on through the getters, those already in the vocabulary at once."""
    getters: dict[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]  # not in stubs
    for attribute, getter in list(getters.items()):
        if not isinstance(getter, PlainReading):
            getters[attribute] = PlainReading(getter)
    for lexeme in list(vocab):
        plain = plain_spelling(lexeme.orth_)
        if plain != lexeme.orth_:
            plain_lexeme = vocab[plain]
            for feature in MODEL_FEATURES:
                setattr(lexeme, feature, getattr(plain_lexeme, feature))


def plain_lemma(text: str, tag: str) -> str | None:
    """The lemma of the contraction `text` once its apostrophe is plain, or None if it is no contraction."""
    plain = text.lower().translate(PLAIN_MARKS)
    if plain == "'s":
        return "be" if tag in VERB_S_TAGS else None
    if plain == "'d":
        return "have" if tag in PAST_D_TAGS else "would"
    return PLAIN_LEMMAS.get(plain)


@Language.component("contractions")
def plain_contraction_lemmas(doc: Doc) -> Doc:
    """Only the tokens that hold a typographic apostrophe become Tokens (found in the text, not word by word)."""
    text = doc.text
    if not any(a in text for a in TYPOGRAPHIC_APOSTROPHES):
        return doc
    starts = [int(i) for i in doc.to_array("IDX")]
    for match in APOSTROPHE.finditer(text):
        token = doc[bisect_right(starts, match.start()) - 1]
        if (lemma := plain_lemma(token.text, token.tag_)) is not None:
            token.lemma_ = lemma
    return doc
