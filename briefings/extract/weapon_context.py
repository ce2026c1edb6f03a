"""How a weapon appeared in an article: its context verb, owning state and the event it was shown at."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from briefings.extract.ruledata import LIST_ITEM, load_json
from briefings.models import Event, Evidence
from briefings.nlp.spans import span_text, text_of

TERMS = load_json("weapon_terms.json")
CONTEXT_VERBS = {context: set(verbs) for context, verbs in TERMS["context_verbs"].items()}
DISPLAY_NOUNS = set(TERMS["display_nouns"])
DEMONYMS: dict[str, str | None] = TERMS["demonyms"]
SUBJECT_VERBS = (
    CONTEXT_VERBS["displayed"] | CONTEXT_VERBS["supplied"] | CONTEXT_VERBS["developed"] | {"have", "possess", "deploy"}
)


def appearance(head: Token) -> str:
    """How a weapon appeared: displayed, supplied, developed or mentioned, from its governing verbs.

    A list item ("- the DF-26 missile") takes the verbs of the line that introduces the list ("They featured:")."""
    verb = _governing_verbs(head)
    intro = _list_introduction(head.sent)
    if intro is not None:
        verb += [_verb_lemma(t) for t in intro if t.pos_ in ("VERB", "AUX")]
    found = next((c for v in verb for c in ("displayed", "supplied", "developed") if v in CONTEXT_VERBS[c]), None)
    sentences = [head.sent] if intro is None else [head.sent, intro]
    sentence_displays = any(t.lemma_.lower() in DISPLAY_NOUNS for s in sentences for t in s)
    if found in (None, "developed") and sentence_displays:
        return "displayed"
    return found or "mentioned"


def _list_introduction(sent: Span) -> Span | None:
    """The line ending in ':' above a run of list items, when `sent` is one of the items."""
    if not LIST_ITEM.match(span_text(sent)):
        return None
    doc = sent.doc
    start = sent.start
    while start > 0:
        previous = doc[start - 1].sent
        if LIST_ITEM.match(previous.text):
            start = previous.start
            continue
        return previous if previous.text.rstrip().endswith(":") else None
    return None


def _governing_verbs(head: Token) -> list[str]:
    """Up to three verbs above the weapon. A verb the weapon is the subject of ends the climb when it hangs on a noun
    or preposition: what the weapon does there ("no date for when the missiles would enter service") tells nothing
    of the verbs above ("officials gave"); one joined to another verb goes on ("helicopters carried flags as jets
    flew past")."""
    verbs: list[str] = []
    token = head
    while token.head.i != token.i and len(verbs) < 3:
        below, token = token, token.head
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "prep":
            verbs.append(_verb_lemma(token))
            if below.dep_ == "nsubj" and token.head.pos_ not in ("VERB", "AUX"):
                break
    return verbs


def _verb_lemma(verb: Token) -> str:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle and f"{lemma} {particle}" in CONTEXT_VERBS["displayed"] else lemma


def owner_country(head: Token) -> str | None:
    """The owner named in the phrase ("China's", "Russian") or the subject of the governing verb."""
    noun = head
    for _ in range(4):
        for token in _phrase_tokens(noun):
            if token.dep_ == "poss" or token.ent_type_ == "NORP":
                state = _state_name(token)
                if state:
                    return state
        if noun.dep_ not in ("conj", "pobj", "appos", "prep") or noun.head.i == noun.i:
            break
        noun = noun.head
    return _subject_state(noun)


def _subject_state(token: Token) -> str | None:
    verb = token.head if token.dep_ in ("dobj", "nsubjpass", "pobj", "prep", "dative") else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.lemma_.lower() not in SUBJECT_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _state_name(subject) if subject is not None and subject.ent_type_ in ("GPE", "NORP", "ORG") else None


def _phrase_tokens(head: Token) -> list[Token]:
    tokens = [t for t in head.lefts]
    for child in list(tokens):
        tokens.extend(child.lefts)
    return tokens


def _state_name(token: Token) -> str | None:
    entity = _entity_at(token)
    text = entity.text if entity is not None else token.text
    text = re.sub(r"[’']s$", "", text).strip()
    if text in DEMONYMS:
        return DEMONYMS[text]
    return text if entity is not None and entity.label_ == "GPE" else None


def _entity_at(token: Token) -> Span | None:
    """The entity a token belongs to, found from its IOB tags (no scan of the document's entities)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def event_for(head: Token, events: tuple[Event, ...], doc_id: str, text: str | None = None) -> str | None:
    """The event (dated parades first) whose evidence is nearest the weapon's sentence, within nearby paragraphs.

    `text` is the document's text, passed in so that it is built once per document, not once per weapon."""
    sentence_start = head.sent.start_char
    paragraph = _paragraph_bounds(text_of(head.doc) if text is None else text, sentence_start)
    best, best_distance = None, None
    for event in events:
        for evidence in event.evidence:
            if evidence.doc != doc_id or evidence.start is None:
                continue
            distance = _distance(evidence, sentence_start, paragraph)
            if distance is not None:
                distance += _event_penalty(event)
            if distance is not None and (best_distance is None or distance < best_distance):
                best, best_distance = event.id, distance
    if best is None:  # shown far from any event sentence: at the article's parade, when it has one
        return next((e.id for e in events if _is_display_event(e)), None)
    return best


def _is_display_event(event: Event) -> bool:
    return any(noun in (event.name or "").lower() for noun in DISPLAY_NOUNS)


def _event_penalty(event: Event) -> int:
    """Prefer dated events and events named as displays (parades) over loose mentions."""
    named_display = _is_display_event(event)
    return (0 if event.date else 50_000) + (0 if named_display else 100_000)


def _paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _distance(evidence: Evidence, sentence_start: int, paragraph: tuple[int, int]) -> int | None:
    start = evidence.start
    if start is None:
        return None
    if paragraph[0] <= start <= paragraph[1]:
        return abs(start - sentence_start)
    gap = min(abs(start - paragraph[0]), abs(start - paragraph[1]))
    return 10_000 + gap if gap < 1500 else None
