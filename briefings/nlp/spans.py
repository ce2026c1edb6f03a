"""Per-document lookups, built once per Doc on first use and kept on it (`doc._.lookups`).

spaCy's `Doc.text`, `Doc.ents` and `Span.ents` walk the whole document on every call, so a rule that reads them once
per sentence, mention or weapon costs time quadratic in the article's length. These lookups cost one walk per Doc:
- `text_of(doc)`: the text; `span_text(span)`: a span's text (sliced from it); `sentences(doc)`: the sentences;
  `words(doc)`: each token's text, lower-case form, lemma, tags, dependency and whether it is alphabetic, as plain
  lists (a rule that tests every word of a sentence slices them rather than make a Token per word and per test);
  `entity_at(token)`: the entity covering a token;
  `sentence_ents(sent)`: a sentence's entities; `last_ent_before(doc, i, label)`: the nearest earlier entity of a
  kind; `spans_at(doc, group)`: the gazetteer spans by token.
Build them after the pipeline has set the entities (the extractors do); a Doc carrying them cannot be serialised
with its user data (they hold Spans), so serialise parses before extracting.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

EXTENSION = "lookups"
GROUPS = ("titles", "countries", "places")  # the gazetteer span groups indexed by token

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


@dataclass(frozen=True)
class Words:
    """Per-token strings of a Doc, by token index: what the sentence-wide rules test on every word."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    lemma_lower: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    alpha: list[bool]


@dataclass(frozen=True)
class Lookups:
    """One Doc's text, entities indexed by sentence, token and end, and gazetteer spans by token."""

    text: str
    sents: tuple[Span, ...]
    ents: tuple[Span, ...]
    by_sentence: dict[int, list[Span]]  # sentence start -> its entities
    by_token: dict[int, Span]  # token index -> the entity covering it
    by_label: dict[str, tuple[list[Span], list[int]]]  # label -> its entities and their ends, for bisecting
    groups: dict[str, dict[int, Span]]
    words: Words


def lookups(doc: Doc) -> Lookups:
    """The Doc's lookups, built on first use."""
    found = doc._.get(EXTENSION)
    if found is None:
        found = _build(doc)
        doc._.set(EXTENSION, found)
    return found


def _build(doc: Doc) -> Lookups:
    ents = tuple(doc.ents)
    sentence_of = {}
    by_sentence: dict[int, list[Span]] = {}
    sents = tuple(doc.sents)
    for sent in sents:
        by_sentence[sent.start] = []
        sentence_of.update(dict.fromkeys(range(sent.start, sent.end), sent.start))
    for ent in ents:
        by_sentence[sentence_of[ent.start]].append(ent)
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    by_label: dict[str, tuple[list[Span], list[int]]] = {}
    for ent in ents:
        spans, ends = by_label.setdefault(ent.label_, ([], []))
        spans.append(ent)
        ends.append(ent.end)
    groups = {name: _by_token(doc.spans[name]) if name in doc.spans else {} for name in GROUPS}
    return Lookups(doc.text, sents, ents, by_sentence, by_token, by_label, groups, _words(doc))


def _words(doc: Doc) -> Words:
    lemma = [t.lemma_ for t in doc]
    return Words(
        text=[t.text for t in doc],
        lower=[t.lower_ for t in doc],
        lemma=lemma,
        lemma_lower=[w.lower() for w in lemma],
        pos=[t.pos_ for t in doc],
        tag=[t.tag_ for t in doc],
        dep=[t.dep_ for t in doc],
        alpha=[t.is_alpha for t in doc],
    )


def _by_token(spans) -> dict[int, Span]:
    return {i: span for span in spans for i in range(span.start, span.end)}


def text_of(doc: Doc) -> str:
    """The document's text (same as doc.text, computed once per document)."""
    return lookups(doc).text


def span_text(span: Span) -> str:
    """A span's text (same as span.text, which joins its tokens' texts), sliced from the document's text once the
    lookups are built; never builds them (pipeline components call this before the entities are final)."""
    built = span.doc._.get(EXTENSION)
    return built.text[span.start_char : span.end_char] if built is not None else span.text


def sentences(doc: Doc) -> tuple[Span, ...]:
    """The document's sentences (same as doc.sents, which walks the whole Doc on every call)."""
    return lookups(doc).sents


def words(doc: Doc) -> Words:
    """Each token's text, lower case, lemma (as is and lower-cased), part of speech, tag, dependency, alphabetic."""
    return lookups(doc).words


def sentence_ents(sent: Span) -> list[Span]:
    """The entities of a sentence (same as sent.ents, computed once per document)."""
    return lookups(sent.doc).by_sentence.get(sent.start, [])


def entity_at(token) -> Span | None:
    """The entity covering a token, if any (no walk over doc.ents)."""
    return lookups(token.doc).by_token.get(token.i)


def last_ent_before(doc: Doc, i: int, label: str) -> Span | None:
    """The nearest entity with `label` that ends at or before token `i`."""
    spans, ends = lookups(doc).by_label.get(label, ([], []))
    index = bisect_right(ends, i) - 1
    return spans[index] if index >= 0 else None


def spans_at(doc: Doc, group: str) -> dict[int, Span]:
    """Token index -> the 'titles', 'countries' or 'places' span covering it."""
    return lookups(doc).groups[group]


def is_headline_case(sent: Span) -> bool:
    """A title-cased line without closing punctuation (a headline or heading): its capitals say nothing about names."""
    if span_text(sent).strip()[-1:] in (".", "!", "?", '"', "”", ")"):
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) / len(words) > 0.6
