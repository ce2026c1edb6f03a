"""The model's attribute ruler (tag -> part of speech, morphology, lemma exceptions), applied through an index.

spaCy's AttributeRuler runs its ~180 patterns through a Matcher that tries every pattern at every token: 1.2 s of a
10 s parse of the real dev articles, more than our extractors and components together. Nearly all its patterns are
one token long and test a TAG, LOWER or DEP against a value or a list, so each token needs only the few patterns
filed under its own values (0.27 s). This component applies the *same* patterns and attributes, in the same order
(a later pattern overrides an earlier one, as in spaCy), taken from the model's own ruler when the pipeline loads; a
pattern it cannot index (an operator other than equality, IN, NOT_IN or REGEX) makes it keep spaCy's ruler instead.
`tests/test_tag_rules.py` holds it to spaCy's output token by token on real and written articles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

TokenTest = Callable[[Token], bool]
READ = {  # the token attributes the model's patterns test, as spaCy's Matcher reads them
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
    "ORTH": lambda token: token.text,
    "POS": lambda token: token.pos_,
}
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")  # a pattern is filed under the first of these it fixes (the few that
# fix none, two with a REGEX, are tried at every token)


@Language.factory("indexed_attribute_ruler", default_config={"patterns": []})
def make_indexed_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> Any:
    """The model's attribute ruler patterns (`use_indexed_attribute_ruler` passes them), applied through the index;
    spaCy's own ruler with the same patterns where one of them cannot be indexed."""
    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    try:
        return IndexedAttributeRuler(ruler)
    except UnindexablePattern:
        return ruler


def use_indexed_attribute_ruler(nlp: Language) -> None:
    """Put the indexed ruler in the place of the model's `attribute_ruler`, with its patterns."""
    model_ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(model_ruler, AttributeRuler):
        patterns = model_ruler.patterns
        nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler", config={"patterns": patterns})


class UnindexablePattern(ValueError):
    """A pattern with an operator or attribute this index does not read: spaCy's own ruler is kept."""


class IndexedAttributeRuler:
    """Callable like spaCy's AttributeRuler, with the same patterns, attributes and precedence."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler  # kept for its normalised attributes, and for tests to compare with
        self.by_value: dict[tuple[str, Any], list[tuple[int, list[TokenTest]]]] = defaultdict(list)
        self.anywhere: list[tuple[int, list[TokenTest]]] = []
        entries: list[dict[str, Any]] = list(ruler.patterns)  # spaCy's PatternType is a union; these are dicts
        for pattern_id, entry in enumerate(entries):
            for alternative in entry["patterns"]:
                self._file(pattern_id, alternative)

    def _file(self, pattern_id: int, alternative: list[dict[str, Any]]) -> None:
        tests = [_token_test(spec) for spec in alternative]
        first = alternative[0]
        for attr in INDEXED:
            value = first.get(attr)
            if isinstance(value, (str, bool)):
                self.by_value[(attr, value)].append((pattern_id, tests))
                return
            if isinstance(value, dict) and set(value) == {"IN"}:
                for one in value["IN"]:
                    self.by_value[(attr, one)].append((pattern_id, tests))
                return
        self.anywhere.append((pattern_id, tests))

    def __call__(self, doc: Doc) -> Doc:
        found: set[tuple[int, int, int]] = set()
        size = len(doc)
        for token in doc:
            keys = (("LOWER", token.lower_), ("TAG", token.tag_), ("DEP", token.dep_), ("IS_SPACE", token.is_space))
            for candidates in [self.by_value.get(key, ()) for key in keys] + [self.anywhere]:
                for pattern_id, tests in candidates:
                    if _matches(doc, token, tests, size):
                        found.add((pattern_id, token.i, token.i + len(tests)))
        for pattern_id, start, end in sorted(found):  # by pattern: a later pattern's attributes win
            index = self.ruler.indices[pattern_id]
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                raise ValueError(f"attribute ruler pattern {pattern_id}: index {index} outside {end - start} tokens")
            set_token_attrs(doc[target], self.ruler.attrs[pattern_id])
        return doc


def _matches(doc: Doc, token: Token, tests: list[TokenTest], size: int) -> bool:
    if len(tests) == 1:
        return tests[0](token)
    start = token.i
    return start + len(tests) <= size and all(test(doc[start + k]) for k, test in enumerate(tests))


def _token_test(spec: dict[str, Any]) -> TokenTest:
    """One token's part of a pattern as a test: every attribute equal to, IN, NOT_IN or matching (REGEX) its value."""
    checks = []
    for attr, value in spec.items():
        read = READ.get(attr)
        if read is None:
            raise UnindexablePattern(f"attribute {attr}")
        checks.append(_check(read, value))
    if len(checks) == 1:
        return checks[0]

    def every(token: Token) -> bool:  # a plain loop: the generator of all() cost a third of the component's time
        for check in checks:  # noqa: SIM110
            if not check(token):
                return False
        return True

    return every


def _check(read: Callable[[Token], Any], value: Any) -> TokenTest:
    if not isinstance(value, dict):
        return lambda token: read(token) == value
    if set(value) == {"IN"}:
        allowed = set(value["IN"])
        return lambda token: read(token) in allowed
    if set(value) == {"NOT_IN"}:
        refused = set(value["NOT_IN"])
        return lambda token: read(token) not in refused
    if set(value) == {"REGEX"}:
        regex = re.compile(value["REGEX"])
        return lambda token: bool(regex.search(read(token)))
    raise UnindexablePattern(f"operator {sorted(value)}")
