"""The spelling-insensitive keys names are compared by, everywhere: in extraction, merging and scoring.

They follow the rules of the shared answer-key scorer, so what the brief merges as one thing is what the scorer
counts as one thing: case, accents, apostrophes, hyphens and punctuation do not matter ("Kim Jong-Un" = "Kim Jong
Un", "Vucic" = "Vučić"), and for weapons neither does a plural ("missiles" = "missile").
"""

from __future__ import annotations

import re
import unicodedata

NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
POSSESSIVE = re.compile(r"'s\b")
SHORTEST_PLURAL = 4  # 'gas', 'bus', 'ies' itself: words of three letters or fewer are left as written


def strip_accents(text: str | None) -> str:
    """'Vučić' -> 'Vucic': letters without their combining marks (case kept)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """Lower-case, accents, possessive 's and punctuation (hyphens too) removed, spaces collapsed."""
    text = strip_accents(text).replace("’", "'").lower()
    text = POSSESSIVE.sub("", text)
    return " ".join(NON_ALPHANUMERIC.sub(" ", text).split())


def singular(word: str) -> str:
    """'missiles' -> 'missile', 'batteries' -> 'battery'; 'class' stays (the scorer's rule)."""
    if len(word) >= SHORTEST_PLURAL and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= SHORTEST_PLURAL and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def weapon_key(name: str | None) -> str:
    """The folded name with each word singularised: 'Main battle tanks' -> 'main battle tank'."""
    return " ".join(singular(w) for w in fold(name).split())


def slug(text: str) -> str:
    """ASCII lower-case words joined by hyphens: 'Red Square, Moscow' -> 'red-square-moscow'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return NON_ALPHANUMERIC.sub("-", ascii_text.lower()).strip("-")
