"""Per-document lookups, built once per Doc on first use and kept on it (in `doc.user_data`).

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

KEY = "briefings.lookups"  # where a Doc keeps its lookups: a plain `user_data` key, because the extractors ask
# for them ~750 times per article and a `doc._` read builds an Underscore object on every call (~10% of extraction)
GROUPS = ("titles", "countries", "places")  # the gazetteer span groups indexed by token


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
    found = doc.user_data.get(KEY)
    if found is None:
        found = doc.user_data[KEY] = _build(doc)
    return found


def built(doc: Doc) -> Lookups | None:
    """The Doc's lookups if something has built them, else None (never builds them)."""
    return doc.user_data.get(KEY)


def forget(doc: Doc) -> None:
    """Drop the Doc's lookups, so the next use builds them again (after a change to its entities, or to time it)."""
    doc.user_data.pop(KEY, None)


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
    words = _words(doc)
    return Lookups(_text(doc, words), sents, ents, by_sentence, by_token, by_label, groups, words)


def _text(doc: Doc, words: Words) -> str:
    """The same string as `doc.text`, joined from the words already read and their trailing-space flags rather than
    from a Token made per word."""
    spaces = doc.to_array("SPACY").tolist() if len(doc) else []
    return "".join(word + " " if space else word for word, space in zip(words.text, spaces, strict=True))


def _words(doc: Doc) -> Words:
    """One array of string ids for the whole Doc, turned into strings: making a Token per word and per attribute
    cost more than all the lookups together."""
    columns = doc.to_array(["ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP"]).T.tolist() if len(doc) else [[]] * 6
    text, lower, lemma, pos, tag, dep = _as_strings(doc, columns)
    return Words(
        text=text,
        lower=lower,
        lemma=lemma,
        lemma_lower=[w.lower() for w in lemma],
        pos=pos,
        tag=tag,
        dep=dep,
        alpha=[w.isalpha() for w in text],
    )


def token_texts(doc: Doc) -> list[str]:
    """Each token's text, read from one array (no Token made per word); safe in pipeline components, before the
    lookups may be built."""
    found = doc.user_data.get(KEY)
    if found is not None:
        return found.words.text
    return _as_strings(doc, [doc.to_array("ORTH").tolist() if len(doc) else []])[0]


def _as_strings(doc: Doc, columns: list[list[int]]) -> list[list[str]]:
    """Columns of string ids as strings, each distinct id looked up once."""
    strings = {key: doc.vocab.strings[key] for key in set().union(*columns)}
    return [[strings[key] for key in column] for column in columns]


def _by_token(spans) -> dict[int, Span]:
    return {i: span for span in spans for i in range(span.start, span.end)}


def text_of(doc: Doc) -> str:
    """The document's text (same as doc.text, computed once per document)."""
    return lookups(doc).text


def span_text(span: Span) -> str:
    """A span's text (same as span.text, which joins its tokens' texts), sliced from the document's text once the
    lookups are built; never builds them (pipeline components call this before the entities are final)."""
    found = span.doc.user_data.get(KEY)
    return found.text[span.start_char : span.end_char] if found is not None else span.text


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
