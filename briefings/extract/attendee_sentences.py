"""What the attendee features need from each sentence, computed once per sentence: attendance, position and
event words, refusals, invitations, tense and modality, credits, list lines, and whether the sentence is about an
earlier year (or only follows one).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from briefings.extract.attendee_frames import CONDITIONAL_MARKS, HABITUAL, HEDGES, inverted_negation, is_phrasal
from briefings.extract.dates import Reference, expression_of, resolve
from briefings.extract.events import (
    dates_a_bound,
    earlier_clauses,
    in_relative_clause,
    is_about_earlier_year,
    is_in_what_is_commemorated,
    is_stale,
    refers_back,
)
from briefings.extract.ruledata import LIST_ITEM
from briefings.nlp.knowledge import knowledge
from briefings.nlp.spans import sentence_ents, span_text
from briefings.nlp.spans import words as words_of

LIST_LINE_WORDS = 10  # a list item names a country, a title and a name; a longer line is prose
TITLED_ITEM_WORDS = 20  # ... unless it ends in the name: a long office's title ("Head of the ... Department X")
YEAR_OF_HISTORY = 1960  # years this old are anniversaries' origins ("the 1945 victory"), not when the story happens
FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
NEGATION_REACH = 3  # "not" on "be", then "able", then "participate"
ANNOUNCER_REACH = 2  # the announcing sentence, or one line more above it (a related-story link a page slips in)
RECORD_OBJECT_REACH = 4  # "have attended | Republic Day celebrations": the words up to the occasions attended
# "bigger than previous parades": this one, measured against them; "unlike past summits, which ..." is no measure
COMPARING_PREPOSITIONS = {"than"}
PAST_PERIODS = {"year"}  # "last year's summit" is an earlier one; "last week's parade" may be the article's own


def sentence_facts(sentences: list[Span], reference: Reference, event_days: set[str]) -> list[SentenceFacts]:
    """The facts of every sentence, with the earlier-year flag carried to sentences that only follow one."""
    facts = _without_other_senses([_facts_of(s, reference, event_days) for s in sentences])
    facts = _with_continued_lists(sentences, facts)
    return _carry_earlier_year(sentences, facts)


@dataclass(frozen=True)
class SentenceFacts:
    """What the scorer needs from one sentence, computed once per sentence."""

    attend: bool
    position: bool
    event: bool
    other_sense: bool  # a word that gives an event word another sense ("climbers" beside "summit")
    negative: bool
    invited: bool
    future: bool
    past_tense: bool
    earlier: bool
    earlier_clauses: frozenset[int]  # heads of its clauses dated in an earlier year (the sentence may not be)
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


def _opening_participle(sent: Span, attend_verbs: frozenset[str]) -> set[str]:
    """ "Gathered at the hall were ...", "Attending were ...": an inverted sentence opens with the verb, which the
    tagger, seeing a capital, may take for a name. The attend verb its ending leaves, if any."""
    first = sent[0].lower_
    stems = {first[: -len(end)] for end in ("ed", "d", "ing") if first.endswith(end) and len(first) > len(end) + 2}
    found = {stem for stem in stems | {stem + "e" for stem in stems} if stem in attend_verbs}
    return found if sent[0].pos_ == "PROPN" else set()


@cache
def _attend_nouns() -> frozenset[str]:
    return cue_set("presence_nouns") | cue_set("guest_nouns")


def _facts_of(sent: Span, reference: Reference, event_days: set[str]) -> SentenceFacts:
    cues = knowledge().cues
    words = _SentenceWords.of(sent)
    lemmas = set(words.lemma_lower) | set(words.lower)
    verbs = {lemma for lemma, pos in zip(words.lemma_lower, words.pos, strict=True) if pos in ("VERB", "AUX")}
    attend_verbs, attend_nouns = _attend_verbs(), _attend_nouns()
    verbs |= _opening_participle(sent, attend_verbs)
    negated = any(
        _is_attending_verb(sent[k].head, attend_verbs, cues["phrasal"])
        or _takes_presence(sent[k].head)
        or _there_and_subject(sent[k].head)
        for k in words.where(dep="neg")
    )  # "will not attend"; "has not confirmed his attendance"; "X was not there"
    negated = negated or inverted_negation(sent) or "nowhere" in words.lower  # "Nor did X attend", "nowhere to be seen"
    negated = negated or any(  # "too ill to attend": "too" before what keeps the person away
        _is_attending_verb(sent[k].head, attend_verbs, cues["phrasal"])
        for k in words.where(dep="advmod")
        if words.lower[k] == "too" and sent[k].head.pos_ in ("ADJ", "ADV")
    )
    text = span_text(sent)
    return SentenceFacts(
        attend=bool(verbs & attend_verbs or lemmas & attend_nouns)
        or _has_phrasal(sent, words, cues["phrasal"])
        or _gives_a_part(sent, words)
        or _said_to_be_there(sent, words),
        position=bool(lemmas & cue_set("vantage_nouns") or verbs & cue_set("position_words")),
        event=not lemmas.isdisjoint(knowledge().event_type),
        other_sense=not lemmas.isdisjoint(_other_senses()),
        negative=negated
        or bool(lemmas & cue_set("declined_cues"))
        or _has_phrasal(sent, words, cues["declined_phrasal"]),
        invited=bool(lemmas & cue_set("invited_cues")),
        future=_is_future(sent, words),
        past_tense="VBD" in words.tag,
        earlier=is_about_earlier_year(sent, reference)
        or _about_an_old_day(sent, reference, event_days)
        or _about_past_events(sent, words)
        or _names_only_earlier_years(sent, reference),
        earlier_clauses=earlier_clauses(sent, reference),
        question=text.strip().endswith("?"),
        credit=_is_credit_line(sent, words),
        list_line=_is_list_line(sent, text, words),
        conditional=any(words.lower[k] in CONDITIONAL_MARKS for k in words.where(dep="mark")),
        hedged=_attending_with(sent, words, "aux", HEDGES, attend_verbs)  # "X might attend"
        or _attending_with(sent, words, "advmod", HABITUAL, attend_verbs),  # "X usually reviewed the troops"
        remote=bool(lemmas & cue_set("remote_cues")),
        advice=bool(lemmas & cue_set("advice_words")) and not _reports_speech(sent, words),
    )


def _said_to_be_there(sent: Span, words: _SentenceWords) -> bool:
    """ "X and her husband Y were also there": "be" with "there" as its adverb (not "there were", which only
    introduces)."""
    return any(words.lemma[k] == "be" and _there_and_subject(sent[k]) for k in range(len(words.lemma)))


def _there_and_subject(verb: Token) -> bool:
    children = list(verb.children)
    return any(c.dep_ == "advmod" and c.lower_ == "there" for c in children) and any(
        c.dep_ == "nsubj" for c in children
    )


def _takes_presence(verb: Token) -> bool:
    """The verb's object is someone's presence ("confirmed his attendance", "announced her participation")."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in cue_set("presence_nouns") for c in verb.children)


@dataclass(frozen=True)
class _SentenceWords:
    """A sentence's slice of the Doc's word lists (briefings.nlp.spans.words): one read of each word per sentence."""

    lower: list[str]
    lemma: list[str]
    lemma_lower: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    alpha: list[bool]

    @classmethod
    def of(cls, sent: Span) -> _SentenceWords:
        """The words of one sentence."""
        every, start, end = words_of(sent.doc), sent.start, sent.end
        return cls(
            every.lower[start:end],
            every.lemma[start:end],
            every.lemma_lower[start:end],
            every.pos[start:end],
            every.tag[start:end],
            every.dep[start:end],
            every.alpha[start:end],
        )

    def where(self, dep: str) -> list[int]:
        """Positions in the sentence of the words with this dependency."""
        return [k for k, found in enumerate(self.dep) if found == dep]


def _about_an_old_day(sent: Span, reference: Reference, event_days: set[str]) -> bool:
    """The sentence is dated over a month before the article, on a day none of its events has (background)."""
    for ent in sentence_ents(sent):
        if ent.label_ == "DATE":
            day = resolve(expression_of(ent), reference, future=False)
            if day is not None and is_stale(day, reference) and day.isoformat() not in event_days:
                return True
    return False


def _reports_speech(sent: Span, words: _SentenceWords) -> bool:
    """ "X said relations should ...", a quotation: advice someone gave, not the article's own."""
    reporting = cue_set("reporting_verbs")
    return any(lemma in reporting and pos == "VERB" for lemma, pos in zip(words.lemma, words.pos, strict=True)) or any(
        t.is_quote for t in sent
    )


def _is_list_line(sent: Span, text: str, words: _SentenceWords) -> bool:
    """A bulleted line ("- Chile – Jane Doe, who ..."), or a short line without a verb ("Chile – Jane Doe"), or a
    longer one that is a title and a name ("Minister of Culture, Information, Sports and Youth Policy Jane Doe;")."""
    if LIST_ITEM.match(text):
        return True
    if "VERB" in words.pos or "AUX" in words.pos:
        return False
    count = sum(words.alpha)
    return 0 < count <= LIST_LINE_WORDS or (count <= TITLED_ITEM_WORDS and _ends_in_a_name(sent, words))


def _ends_in_a_name(sent: Span, words: _SentenceWords) -> bool:
    last = max((k for k, is_alpha in enumerate(words.alpha) if is_alpha), default=None)
    return last is not None and sent[last].ent_type_ == "PERSON"


def headings(sentences: list[Span], facts: list[SentenceFacts]) -> list[int]:
    """For each sentence: +1 on a list line under a heading (ending in ':') that speaks of attending, -1 under
    another heading, 0 elsewhere (and on a line under another heading that reports attending in its own words:
    "Here is what happened today:" above "• X was welcomed by President Y")."""
    under = [0] * len(sentences)
    heading = 0
    for i, sent in enumerate(sentences):
        if span_text(sent).rstrip().endswith(":"):
            heading = 1 if _heading_attends(sent, facts[i]) else -1
        elif facts[i].list_line and i > 0:
            if heading == 0 and not facts[i - 1].list_line:
                heading = _resumed(under, facts, i) or _announced_above(sentences, facts, i)
            under[i] = 0 if heading < 0 and facts[i].attend else heading  # a bullet that says so in its own words
        else:
            heading = 0
    return under


def _resumed(under: list[int], facts: list[SentenceFacts], item: int) -> int:
    """The list goes on after one line that is not an item (a caption or a teaser the page put between items): the
    heading of the item before that line."""
    return under[item - 2] if item >= 2 and facts[item - 2].list_line else 0


def _announced_above(sentences: list[Span], facts: list[SentenceFacts], first_item: int) -> int:
    """+1 when a sentence just above a list announces it ("these are the leaders who confirmed their attendance.",
    "the following guests attended."), with at most one line between them (a link a page put there)."""
    announcers = cue_set("list_announcers")
    for i in range(first_item - 1, max(-1, first_item - 1 - ANNOUNCER_REACH), -1):
        sent = sentences[i]
        if any(t.lower_ in announcers for t in sent) and _heading_attends(sent, facts[i]):
            return 1
    return 0


def _heading_attends(sent: Span, facts: SentenceFacts) -> bool:
    """A heading about who was there: an attendance cue, a position, or a guest word ("heads of state present")."""
    guests = cue_set("guest_nouns") | cue_set("presence_nouns") | {"present", "head"}
    if facts.attend or facts.position or _travels_to_a_place(sent):
        return True
    return any(t.lower_ in guests or t.lemma_.lower() in guests for t in sent)


def _travels_to_a_place(sent: Span) -> bool:
    """ "The following have said they will come to London:": a journey to a named place."""
    travel = cue_set("travel_verbs")
    return any(
        t.lemma_ in travel
        and any(p.lower_ == "to" and any(g.ent_type_ == "GPE" for g in p.children) for p in t.children)
        for t in sent
        if t.pos_ == "VERB"
    )


def _about_past_events(sent: Span, words: _SentenceWords) -> bool:
    """ "past summits", "the previous parade", "last year's visit": the sentence is about earlier events."""
    types = knowledge().event_type
    past = cue_set("past_modifiers") - {"former"}
    heads = [sent[k].head for k in words.where(dep="amod") if words.lower[k] in past]
    heads = [h.head if h.dep_ == "poss" and h.lower_ in PAST_PERIODS else h for h in heads]  # "last year's visit"
    heads = [h for h in heads if not _compared_with(h)]
    return any(h.lower_ in types or h.lemma_.lower() in types for h in heads) or _a_record_of_attending(words)


def _compared_with(noun: Token) -> bool:
    """ "With less attendance than previous summits": earlier events the sentence measures this one against."""
    return noun.dep_ == "pobj" and noun.head.lower_ in COMPARING_PREPOSITIONS


def _a_record_of_attending(words: _SentenceWords) -> bool:
    """ "The leaders who have attended Republic Day celebrations include ...": occasions in the plural, attended
    in the present perfect, are a record of past years, not this year's guests."""
    types, attending = knowledge().event_type, cue_set("attend_verbs")
    for k, tag in enumerate(words.tag):
        if tag != "VBN" or words.lemma[k] not in attending or "have" not in words.lemma_lower[max(0, k - 2) : k]:
            continue  # "have attended", "have not attended", "has also attended"
        for j in range(k + 1, min(len(words.tag), k + 1 + RECORD_OBJECT_REACH)):
            if words.pos[j] in ("VERB", "AUX"):
                break  # the parser may hang the plural on the next verb ("... celebrations include")
            if words.tag[j] == "NNS" and words.lemma_lower[j] in types:
                return True
    return False


def _names_only_earlier_years(sent: Span, reference: Reference) -> bool:
    """Every year the sentence names is before the article's ("between 2018 and 2019"); "since 2019" is not one."""
    if reference.year is None:
        return False
    years = [
        int(t.text)
        for ent in sentence_ents(sent)
        if ent.label_ == "DATE"
        and not (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "since")
        and not dates_a_bound(ent)
        and not is_in_what_is_commemorated(ent)  # "the parade commemorating the 1980-88 war"
        and not in_relative_clause(ent.root)  # "homage to the soldiers who fought in the 1971 war"
        for t in ent
        if t.like_num and len(t.text) == 4 and t.text.isdigit()
    ]
    return bool(years) and max(years) < reference.year and not any(y < YEAR_OF_HISTORY for y in years)


def _carry_earlier_year(sentences: list[Span], facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """A sentence that refers back ("that parade") to one about an earlier year, or is dated only relative to it
    ("a day later"), is about it too."""
    carried = list(facts)
    for i in range(1, len(sentences)):
        if not carried[i - 1].earlier or carried[i].earlier:
            continue
        if refers_back(sentences[i]) or _dated_relative_only(sentences[i]):
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


def _with_continued_lists(sentences: list[Span], facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """ "Others include X and Y" right after a sentence about who attended goes on with that list; so does "They
    included X" right after one that names a party ("along with a delegation of ministers")."""
    continued = list(facts)
    for i in range(1, len(sentences)):
        before = continued[i - 1].attend or _names_a_party(sentences[i - 1])
        if before and _continues_a_list(sentences[i]):
            continued[i] = replace(facts[i], attend=True)  # and on: "Others included ... The rest were ..."
    return continued


def _attending_with(
    sent: Span, words: _SentenceWords, dep: str, modifiers: AbstractSet[str], attend_verbs: frozenset[str]
) -> bool:
    """An attending verb takes one of the modifiers by the dependency ("might" as an auxiliary, "usually")."""
    return any(words.lower[k] in modifiers and sent[k].head.lemma_ in attend_verbs for k in words.where(dep=dep))


def _names_a_party(sent: Span) -> bool:
    """The sentence names a party of people (a delegation, an entourage, the guests) a next one may list."""
    party = cue_set("party_nouns") | cue_set("guest_nouns")
    words = words_of(sent.doc)
    return any(words.pos[i] == "NOUN" and words.lemma_lower[i] in party for i in range(sent.start, sent.end))


def _continues_a_list(sent: Span) -> bool:
    """ "Others included X", "The rest were X", "There was also X": the sentence goes on with the list before."""
    root = sent.root
    children = list(root.children)
    if root.lemma_ not in ("include", "be"):
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in cue_set("continuing_subjects") for c in children):
        return True
    if any(c.dep_ == "nsubj" and _is_other_group(c) for c in children):
        return True  # "Other former presidents were X and Y", "Other guests included X"
    return root.lemma_ == "be" and any(c.dep_ == "expl" for c in children) and any(c.lower_ == "also" for c in children)


def _is_other_group(subject: Token) -> bool:
    return subject.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in ("other", "more") for c in subject.children)


@cache
def _other_senses() -> frozenset[str]:
    """Words that give an event word another sense nearby ("climbers" beside "summit")."""
    return frozenset(word for words in knowledge().event_not_near.values() for word in words)


def _without_other_senses(facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """ "We had to work hard for this summit." beside a sentence about climbers names no event."""
    return [
        replace(f, event=False) if f.event and any(g.other_sense for g in facts[max(0, i - 1) : i + 2]) else f
        for i, f in enumerate(facts)
    ]


def _is_attending_verb(verb: Token, attend_verbs: frozenset[str], phrasal: dict[str, frozenset[str]]) -> bool:
    """ "attend", or a phrase that means it ("show up", "take part"): what "did not" turns into an absence; also
    through "able to", "plan to", "going to" ("will not be able to participate")."""
    for _ in range(NEGATION_REACH):
        if verb.lemma_ in attend_verbs or is_phrasal(verb, phrasal):
            return True
        below = [c for c in verb.children if c.dep_ in ("acomp", "xcomp")]
        if not below:
            return False
        verb = below[0]
    return False


def _gives_a_part(sent: Span, words: _SentenceWords) -> bool:
    """ "X gave the opening remarks", "Y delivered the keynote": a verb's object is a part one plays in a ceremony."""
    parts = cue_set("participation_nouns")
    return any(
        (words.lower[k] in parts or words.lemma_lower[k] in parts) and sent[k].head.pos_ == "VERB"
        for k in words.where(dep="dobj")
    )


def _has_phrasal(sent: Span, words: _SentenceWords, phrasal: dict[str, frozenset[str]]) -> bool:
    for k, lemma in enumerate(words.lemma):
        particles = phrasal.get(lemma)
        if particles and any(c.lemma_ in particles or c.lower_ in particles for c in sent[k].children):
            return True
    return False


def _is_future(sent: Span, words: _SentenceWords) -> bool:
    expected = cue_set("expected_cues") - {"go", "confirm"}
    # not "celebrated the launch of a submarine, which will guard the coast": the future of a thing it names
    if any(words.lower[k] in FUTURE_AUX and not in_relative_clause(sent[k]) for k in words.where(dep="aux")):
        return True
    if any(
        lemma in expected and pos in ("VERB", "ADJ", "AUX") and lower != "set" and not in_relative_clause(sent[k])
        for k, (lemma, pos, lower) in enumerate(zip(words.lemma, words.pos, words.lower, strict=True))
    ):
        return True
    return any(
        lower in ("next", "upcoming", "coming") and sent[k].head.pos_ == "NOUN" for k, lower in enumerate(words.lower)
    )


def _is_credit_line(sent: Span, words: _SentenceWords) -> bool:
    """A byline or a photo credit: short, and it starts with or holds a credit word ("By X", "Photo: X/AFP")."""
    alpha = [k for k, is_alpha in enumerate(words.alpha) if is_alpha]
    if not alpha or len(alpha) > 14:
        return False
    credit = cue_set("credit_words")
    return words.lower[alpha[0]] in credit or any(
        words.lower[k] in credit
        and sent[k].text[:1].isupper()
        and not _lists_contents(sent, k)
        and not _bracketed_agency_after_names(sent, k)
        for k in alpha[1:]
    )


def _bracketed_agency_after_names(sent: Span, k: int) -> bool:
    """ "Qatar's Emir Tamim and the Saudi Crown Prince [Getty]": the agency alone in brackets at the end of a caption
    credits the photo, and the names before it are who it shows (a photographer is named beside the agency:
    "Photo: Jane Doe/AFP")."""
    inside = 0 < k < len(sent) - 1 and sent[k - 1].text in ("[", "(") and sent[k + 1].text in ("]", ")")
    return inside and all(t.is_space or t.is_punct for t in sent[k + 2 :])


def _lists_contents(sent: Span, k: int) -> bool:
    """ "Trump visits Fort Drum: Photos, speeches, protests": a headline listing what the page holds, not a credit."""
    return k + 1 < len(sent) and sent[k + 1].text == ","
