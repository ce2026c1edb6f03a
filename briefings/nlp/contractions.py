"""Component `contractions`: a contraction written with a typographic apostrophe gets the lemma of its plain form.

Real pages write "It’s", "we’ll", "they’re"; the model lemmatises "’s" as "’" where it gives "be" for "'s", so a
pattern or rule reading lemmas ("it is time for X to", a future "will") would miss most real copy. The text is
left as found; only the lemma changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

TYPOGRAPHIC_APOSTROPHES = ("\u2019", "\u02bc")  # right single quotation mark, modifier letter apostrophe
APOSTROPHE = re.compile("|".join(TYPOGRAPHIC_APOSTROPHES))
PLAIN_LEMMAS = {"'re": "be", "'m": "be", "'ll": "will", "'ve": "have", "n't": "not"}
VERB_S_TAGS = ("VBZ",)  # "’s" as "is" or "has"; a possessive "’s" (POS) keeps its lemma
PAST_D_TAGS = ("VBD",)  # "’d" as "had"; otherwise "would"


def plain_lemma(text: str, tag: str) -> str | None:
    """The lemma of the contraction `text` once its apostrophe is plain, or None if it is no contraction."""
    plain = text.lower()
    for apostrophe in TYPOGRAPHIC_APOSTROPHES:
        plain = plain.replace(apostrophe, "'")
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
