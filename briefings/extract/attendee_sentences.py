"""What the attendee features need from each sentence, computed once per sentence: attendance, position and
event words, refusals, invitations, tense and modality, credits, list lines, and whether the sentence is about an
earlier year (or only follows one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from briefings.extract.attendee_frames import CONDITIONAL_MARKS, HEDGES, is_question
from briefings.extract.dates import Reference, resolve
from briefings.extract.events import is_about_earlier_year, is_stale, refers_back
from briefings.nlp.knowledge import knowledge
from briefings.nlp.spans import sentence_ents

BULLET = re.compile(r"^\s*(?:[-*•·▪●◦‣–—]|\d{1,2}[.)])\s+")
LIST_LINE_WORDS = 10  # a list item names a country, a title and a name; a longer line is prose
YEAR_OF_HISTORY = 1960  # years this old are anniversaries' origins ("the 1945 victory"), not when the story happens
FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def sentence_facts(sentences: list[Span], reference: Reference, event_days: set[str]) -> list[SentenceFacts]:
    """The facts of every sentence, with the earlier-year flag carried to sentences that only follow one."""
    return _carry_earlier_year(sentences, [_facts_of(s, reference, event_days) for s in sentences])


@dataclass(frozen=True)
class SentenceFacts:
    """What the scorer needs from one sentence, computed once per sentence."""

    attend: bool
    position: bool
    event: bool
    negative: bool
    invited: bool
    future: bool
    past_tense: bool
    earlier: bool
    question: bool
    credit: bool
    list_line: bool
    conditional: bool
    hedged: bool
    remote: bool
    advice: bool


@cache
def cue_set(name: str) -> frozenset[str]:
    """One cue list of data/attendance.json as a set, built once."""
    return frozenset(knowledge().cues[name])


@cache
def _attend_verbs() -> frozenset[str]:
    return (cue_set("attend_verbs") | cue_set("host_verbs") | cue_set("receiving_verbs")) - cue_set("weak_verbs")


@cache
def _attend_nouns() -> frozenset[str]:
    return cue_set("presence_nouns") | cue_set("guest_nouns")


def _facts_of(sent: Span, reference: Reference, event_days: set[str]) -> SentenceFacts:
    cues = knowledge().cues
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    verbs = {t.lemma_.lower() for t in sent if t.pos_ in ("VERB", "AUX")}
    attend_verbs, attend_nouns = _attend_verbs(), _attend_nouns()
    negated = any(t.dep_ == "neg" and t.head.lemma_ in attend_verbs for t in sent)
    return SentenceFacts(
        attend=bool(verbs & attend_verbs or lemmas & attend_nouns) or _has_phrasal(sent, cues["phrasal"]),
        position=bool(lemmas & cue_set("vantage_nouns") or verbs & cue_set("position_words")),
        event=_names_event(sent),
        negative=negated or bool(lemmas & cue_set("declined_cues")) or _has_phrasal(sent, cues["declined_phrasal"]),
        invited=bool(lemmas & cue_set("invited_cues")),
        future=_is_future(sent, cues),
        past_tense=any(t.tag_ in ("VBD",) for t in sent),
        earlier=is_about_earlier_year(sent, reference)
        or _about_an_old_day(sent, reference, event_days)
        or _about_past_events(sent, cues)
        or _names_only_earlier_years(sent, reference),
        question=is_question(sent),
        credit=_is_credit_line(sent, cues),
        list_line=_is_list_line(sent),
        conditional=any(t.dep_ == "mark" and t.lower_ in CONDITIONAL_MARKS for t in sent),
        hedged=any(t.dep_ == "aux" and t.lower_ in HEDGES and t.head.lemma_ in attend_verbs for t in sent),
        remote=bool(lemmas & cue_set("remote_cues")),
        advice=bool(lemmas & cue_set("advice_words")) and not _reports_speech(sent, cues),
    )


def _about_an_old_day(sent: Span, reference: Reference, event_days: set[str]) -> bool:
    """The sentence is dated over a month before the article, on a day none of its events has (background)."""
    for ent in sentence_ents(sent):
        if ent.label_ == "DATE":
            day = resolve(ent.text, reference, future=False)
            if day is not None and is_stale(day, reference) and day.isoformat() not in event_days:
                return True
    return False


def _reports_speech(sent: Span, cues: dict) -> bool:
    """ "X said relations should ...", a quotation: advice someone gave, not the article's own."""
    reporting = cue_set("reporting_verbs")
    return any(t.lemma_ in reporting and t.pos_ == "VERB" for t in sent) or any(t.is_quote for t in sent)


def _is_list_line(sent: Span) -> bool:
    """A bulleted line ("- Chile – Jane Doe, who ..."), or a short line without a verb ("Chile – Jane Doe")."""
    if BULLET.match(sent.text):
        return True
    words = [t for t in sent if t.is_alpha]
    return 0 < len(words) <= LIST_LINE_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in sent)


def headings(sentences: list[Span], facts: list[SentenceFacts]) -> list[int]:
    """For each sentence: +1 on a list line under a heading (ending in ':') that speaks of attending, -1 under
    another heading, 0 elsewhere."""
    under = [0] * len(sentences)
    heading = 0
    for i, sent in enumerate(sentences):
        if sent.text.rstrip().endswith(":"):
            heading = 1 if _heading_attends(sent, facts[i]) else -1
        elif facts[i].list_line and i > 0:
            under[i] = heading
        else:
            heading = 0
    return under


def _heading_attends(sent: Span, facts: SentenceFacts) -> bool:
    """A heading about who was there: an attendance cue, a position, or a guest word ("heads of state present")."""
    guests = cue_set("guest_nouns") | cue_set("presence_nouns") | {"present", "head"}
    return facts.attend or facts.position or any(t.lower_ in guests or t.lemma_.lower() in guests for t in sent)


def _about_past_events(sent: Span, cues: dict) -> bool:
    """ "past summits", "the previous parade", "last year's visit": the sentence is about earlier events."""
    types = knowledge().event_type
    past = cue_set("past_modifiers") - {"former"}
    heads = [t.head for t in sent if t.dep_ == "amod" and t.lower_ in past]
    return any(h.lower_ in types or h.lemma_.lower() in types for h in heads)


def _names_only_earlier_years(sent: Span, reference: Reference) -> bool:
    """Every year the sentence names is before the article's ("between 2018 and 2019"); "since 2019" is not one."""
    if reference.year is None:
        return False
    years = [
        int(t.text)
        for ent in sentence_ents(sent)
        if ent.label_ == "DATE" and not (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "since")
        for t in ent
        if t.like_num and len(t.text) == 4 and t.text.isdigit()
    ]
    return bool(years) and max(years) < reference.year and not any(y < YEAR_OF_HISTORY for y in years)


def _carry_earlier_year(sentences: list[Span], facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """A sentence that refers back ("that parade") to one about an earlier year, or is dated only relative to it
    ("a day later"), is about it too."""
    carried = list(facts)
    for i in range(1, len(sentences)):
        follows = refers_back(sentences[i]) or _dated_relative_only(sentences[i])
        if carried[i - 1].earlier and not carried[i].earlier and follows:
            carried[i] = SentenceFacts(**{**carried[i].__dict__, "earlier": True})
    return carried


def _dated_relative_only(sent: Span) -> bool:
    """Every date of the sentence counts from another ("a day later", "the next morning")."""
    relative = set(knowledge().cues["relative_time_words"])
    dates = [e for e in sentence_ents(sent) if e.label_ in ("DATE", "TIME")]
    return bool(dates) and all(any(t.lower_ in relative for t in e) for e in dates)


def same_person_after_earlier_year(
    mentions: list[tuple[Span, int, str]], facts: list[SentenceFacts], sentences: list[Span]
) -> set[int]:
    """Starts of mentions in an undated sentence right after an earlier-year one naming the same person
    ("In 2023, X was guest of honour. X's visit was used to ...")."""
    named: dict[int, set[str]] = {}
    for _span, i, name in mentions:
        named.setdefault(i, set()).add(name)
    found = set()
    for span, i, name in mentions:
        if i and facts[i - 1].earlier and name in named.get(i - 1, set()) and not _has_date(sentences[i]):
            found.add(span.start)
    return found


def _has_date(sent: Span) -> bool:
    return any(e.label_ == "DATE" for e in sentence_ents(sent))


def _names_event(sent: Span) -> bool:
    types = knowledge().event_type
    return any(t.lower_ in types or t.lemma_.lower() in types for t in sent)


def _has_phrasal(sent: Span, phrasal: dict[str, list[str]]) -> bool:
    for token in sent:
        particles = phrasal.get(token.lemma_)
        if particles and any(c.lemma_ in particles or c.lower_ in particles for c in token.children):
            return True
    return False


def _is_future(sent: Span, cues: dict) -> bool:
    expected = cue_set("expected_cues") - {"go", "confirm"}
    for token in sent:
        if token.dep_ == "aux" and token.lower_ in FUTURE_AUX:
            return True
        if token.lemma_ in expected and token.pos_ in ("VERB", "ADJ", "AUX") and token.lower_ not in ("set",):
            return True
        if token.lower_ in ("next", "upcoming", "coming") and token.head.pos_ == "NOUN":
            return True
    return False


def _is_credit_line(sent: Span, cues: dict) -> bool:
    """A byline or a photo credit: short, and it starts with or holds a credit word ("By X", "Photo: X/AFP")."""
    words = [t for t in sent if t.is_alpha]
    if not words or len(words) > 14:
        return False
    credit = cue_set("credit_words")
    return words[0].lower_ in credit or any(t.lower_ in credit and t.text[:1].isupper() for t in words[1:])
