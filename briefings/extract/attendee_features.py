"""Candidate attendees and the evidence for each: every named person in an article is a candidate.

A mention's features come from its sentence and the sentences beside it (attendance and position cues, a list
hung on a group noun, title, tense, decline/invitation cues, quote/author/analyst cues, earlier years, distance
to the nearest event mention). A candidate (one resolved name per article) takes the strongest evidence of its
mentions; cues that speak against attending count as the share of mentions they touch. The scorer in
attendees.py weighs these features with the weights in data/attendee_weights.json.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from briefings.extract.attendee_frames import (
    Found,
    antecedent,
    attachment,
    frame_findings,
    frame_rejects,
    is_attendance_frame,
    placed_in_chain,
    verb_over,
)
from briefings.extract.attendee_names import mention_name, name_index, resolved, role_and_country
from briefings.extract.attendee_sentences import (
    SentenceFacts,
    cue_set,
    headings,
    same_person_after_earlier_year,
    sentence_facts,
)
from briefings.extract.dates import reference_for
from briefings.extract.events import verb_tells_an_event
from briefings.extract.ruledata import on_caption_line
from briefings.nlp.cues import cues_in
from briefings.nlp.knowledge import fold, knowledge, read_jsonl
from briefings.nlp.people import royal_style_after
from briefings.nlp.spans import entity_at, sentence_ents, spans_at, text_of
from briefings.nlp.spans import sentences as doc_sentences
from briefings.nlp.spans import words as words_of

# evidence for attending: the strongest mention counts
POSITIVE = (
    "frame",  # an attendance frame names the person (subject of attend/travel/host, agent, "among them", ...)
    "subject_of_event_verb",  # grammatical subject of an attendance, hosting or meeting verb
    "attend_cue",  # the sentence has an attendance or hosting verb or a presence noun
    "clause_cue",  # the verb governing the name is an attendance, hosting, meeting or position verb
    "position_cue",  # a position or vantage word in the sentence (stand, seat, tribune, greet)
    "position_pattern",  # a position or sighting pattern near the name (at his side, flanked by, on the rostrum)
    "group_list",  # in a list hung on a group noun ("leaders ... including X")
    "name_list",  # one of three or more people named in a sentence about an event or attending (or after one)
    "event_in_sentence",  # the sentence names an event
    "event_nearby",  # the sentence before or after names an event
    "event_evidence",  # the sentence is cited by one of the article's events
    "event_proximity",  # 1 / (1 + sentences to the nearest event mention)
    "titled",  # a title or role is written before or beside the name
    "head_of_state",  # that title is a head of state or government
    "country",  # a country is written before the name ("Laos's X", "Ghanaian President X")
    "headline",  # named in the first line
    "listed_under_heading",  # on a short list line under a heading about attending ("Guests present:")
    "lede",  # named in the first three sentences
    "pictured",  # named in a photo caption ("IMAGE: X at the funeral.", "X arrives for the parade (Jane Doe/PA)")
)
# evidence against attending: the share of mentions it touches
NEGATIVE = (
    "frame_refused",  # a frame says declined or invited
    "negative_cue",  # decline, skip, snub, boycott, not attend in the sentence
    "invited_cue",  # invite in the sentence
    "quoted",  # subject of a reporting verb, or after "according to"
    "commentator",  # analyst, professor, spokesperson, reporter ... next to the name
    "credit",  # a byline, photo credit or an author of the article
    "earlier_year",  # the sentence is about an earlier year (or refers back to one)
    "historical",  # late, founder, memorial, a square named after the person
    "question",  # a question
    "conditional",  # "if X attends", "unless", "whether"
    "hedged",  # "X might attend", "could travel": a possibility, not a plan
    "remote",  # by video link, virtually: taking part from elsewhere
    "frame_rejected",  # the subject of a frame the parse rules turn down (travelling elsewhere, among front-runners)
    "listed_elsewhere",  # on a list line under a heading that is not about attending ("Ministers who resigned:")
    "one_word",  # a single word the article never spells out in full: it cannot name the person
    "future",  # will / to attend / expected: the status is expected
)
EVIDENCE = (
    "frame",
    "attend_cue",
    "clause_cue",
    "position_cue",
    "position_pattern",
    "group_list",
    "name_list",
    "listed_under_heading",
    "subject_of_event_verb",
    "pictured",
)
DOC_FEATURES = (
    "mostly_background",  # no direct evidence, and half the mentions or more are earlier years or conditions
    "no_evidence",  # no mention has any evidence of attending (most such people are only mentioned)
    "unframed_subject",  # subject of an attendance verb whose frame the parse rules rejected (elsewhere, remote)
    "mentions",  # how often the article names the person (saturating)
    "has_events",  # the article reports an event at all
    "advice_share",  # share of sentences giving the article's own advice (should, must, urge): an op-ed
)
FEATURES = POSITIVE + NEGATIVE + DOC_FEATURES
# Signs the guide fixes: evidence never counts against attending, exclusions never for it (the fit keeps to them).
FOR_ATTENDING = (*EVIDENCE, "subject_of_event_verb")
PERFORMED_EVENTS = ("ceremony", "inauguration")  # event kinds whose verb names the act someone performs
AGAINST_ATTENDING = (*(f for f in NEGATIVE if f != "future"), "no_evidence", "mostly_background")
CLAUSE_CLIMB = 4  # a name sits at most this many links below its verb ("with X" -> "with" -> verb)
BACKGROUND_SHARE = 0.5  # half of a person's mentions in the past or hypothetical make them background
LATE_APPOSITIVE_REACH = 9  # "the late | founder of the Islamic Republic of Iran, X": the words of the phrase
SELF_PRONOUNS = {"he", "she", "they", "we", "i"}  # "X confirmed they will be present": X's own coming
LATE_REACH = 4  # "the late Burundian President X": "late" stands at most this many title words before the name
BACKGROUND_MENTION = {  # a mention about an earlier event, or in a question: its evidence is not about this one
    "frame": 0.0,
    "attend_cue": 0.0,
    "clause_cue": 0.0,
    "position_cue": 0.0,
    "position_pattern": 0.0,
    "group_list": 0.0,
    "subject_of_event_verb": 0.0,
}
# ids in data/patterns/attendance.jsonl
GROUP_CUES = {"group_including", "group_include", "group_such_as", "among_them"}
POSITION_CUES = {
    "at_the_side",
    "flanked_by",
    "on_the_rostrum",
    "seen_with",
    "side_by_side",
    "shook_hands",
    "at_the_event",
}
POSITION_REACH = 12  # tokens between a position pattern and the name it places ("X, the prime minister, sat next to")
LIST_PEOPLE = 3  # three names in one sentence make a list of people
GREETING_REACH = 6  # "received greetings | from | leaders, | including | Y and | X": the words up to the greeting
DEATH_REACH = 4  # "killed in | Sunday's accident, | including X": the words up to the verb of dying
LEDE_SENTENCES = 3  # the headline and the first two sentences of copy
MENTION_SATURATION = 5  # beyond five mentions a person is plainly central; more says nothing new
LIST_SEPARATORS = {",", ";", "and", "&"}
LIST_LINK_WORDS = LIST_SEPARATORS | {"of", "the"}  # "..., President of the Maldives Y": what may join listed names
LIST_REACH = 4  # "sending A, B and C": the links of a list a name may climb to the verb
APPOINTING_VERBS = {"appoint", "designate", "name", "dispatch"}  # "Y appointed X to attend as a special envoy"
BEHALF_REACH = 2  # "on behalf of | the government of | Y": the "of" links from the name up to "behalf"
THEN_REACH = 6  # "then | Botswana | vice | president X": the office words between "then" and a name
WINDOW = 6  # tokens either side of a name that a commentator noun or a credit word may sit in


@dataclass
class Mention:
    """One mention of a candidate: its span, sentence index, features and the status its sentence gives."""

    span: Span
    index: int
    features: dict[str, float]
    status: str | None


@dataclass
class Candidate:
    """One person of an article, with all of their mentions and the aggregated features."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    represented: bool = False  # the article says someone stood in for them ("He was represented by X")


def candidates(doc: Doc, context) -> list[Candidate]:
    """Every named person of the article, with their features (see FEATURES)."""
    document = context.document
    reference = reference_for(document, text_of(doc))
    sentences = list(doc_sentences(doc))
    facts = sentence_facts(sentences, reference, {e.date for e in context.events if e.date})
    event_sentences = [i for i, f in enumerate(facts) if f.event]
    cited = _cited_sentences(sentences, context.events)
    frames = _frame_statuses(sentences, facts)
    headed = headings(sentences, facts)
    advice_share = sum(f.advice for f in facts) / len(facts) if facts else 0.0
    mentions = _mentions(sentences)
    people_in = Counter(i for _, i, _ in mentions)
    person_tokens = {t.i for span, _, _ in mentions for t in span} | set(spans_at(doc, "titles"))
    places = set(spans_at(doc, "countries")) | set(spans_at(doc, "places"))
    list_words = person_tokens | places
    neighbours = _neighbouring_names(mentions)
    index = name_index([name for _, _, name in mentions])
    mentions = [(span, i, resolved(name, index)) for span, i, name in mentions]
    still_earlier = same_person_after_earlier_year(mentions, facts, sentences)
    authors = {fold(a) for a in document.authors}
    captions = set(document.captions)
    found: dict[str, Candidate] = {}
    for span, i, name in mentions:
        full = resolved(name, index)
        features = _mention_features(span, i, sentences, facts, event_sentences, cited, frames, captions)
        if span.start in still_earlier:
            features.update(BACKGROUND_MENTION, earlier_year=1.0)
        features["listed_under_heading"] = float(headed[i] > 0)
        if headed[i] > 0:  # "Leaders attending:" above "– Ban Ki-moon and his predecessor Kofi Annan": there now
            features["historical"] = 0.0
        about_it = facts[i].event or facts[i].attend or (i > 0 and (facts[i - 1].event or facts[i - 1].attend))
        joined = _coordinated_with_a_person(span, person_tokens) or (
            _titled_right_before(span, places) and _set_off_like_a_list(span, neighbours[span.start], list_words)
        )
        listed = people_in[i] >= LIST_PEOPLE and about_it and joined
        features["name_list"] = float(listed and not facts[i].earlier)
        if listed:  # in a list the titles are each one's own: a delegation's spokesman goes with it
            features["commentator"] = 0.0
        features["listed_elsewhere"] = float(headed[i] < 0)
        styled = royal_style_after(span)  # "Camilla, Duchess of Cornwall": a full name, and a title
        features["one_word"] = float(" " not in full and not styled)
        features["titled"] = max(features["titled"], float(styled))
        features["credit"] = max(features["credit"], float(fold(full) in authors or fold(name) in authors))
        candidate = found.setdefault(fold(full), Candidate(full))
        status = frames.get(span.start) or ("invited" if _sent_an_invitation(span) else None)
        candidate.mentions.append(Mention(span, i, features, status))
    represented = {resolved(name, index) for name in _represented_by_others(sentences)}
    for candidate in found.values():
        candidate.features = _aggregate(candidate, bool(context.events))
        candidate.features["advice_share"] = advice_share
        candidate.represented = candidate.name in represented
    return list(found.values())


def _mentions(sentences: list[Span]) -> list[tuple[Span, int, str]]:
    """(span, sentence index, cleaned name) for each PERSON entity."""
    found = []
    for i, sent in enumerate(sentences):
        for ent in sentence_ents(sent):
            if ent.label_ != "PERSON" or _quoted_title(ent) or _names_whose_relative(ent):
                continue
            if name := mention_name(ent):
                found.append((ent, i, name))
    return found


def _names_whose_relative(ent: Span) -> bool:
    """ "Prince Andrew's daughter Princess Beatrice", "X, deputy to Y": a name given only to say whose relative,
    envoy or deputy the person beside it is tells nothing of what its bearer did."""
    root, cues = ent.root, knowledge().cues
    nouns = {*cues["kin_words"], *cues["delegate_nouns"], *cues["deputy_nouns"]}
    if root.dep_ == "poss":
        noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ in ("of", "to"):
        noun = root.head.head
    else:
        return False
    if noun.lemma_.lower() not in nouns:
        return False
    beside = [c for c in noun.children if c.dep_ == "appos"] + ([noun.head] if noun.dep_ == "appos" else [])
    return any(t.ent_type_ == "PERSON" for t in beside)


OPENING_QUOTES = frozenset({"“", "‘", '"', "'"})
CLOSING_QUOTES = frozenset({"”", "’", '"', "'"})


def _quoted_title(ent: Span) -> bool:
    """ "the tune of “Raja Berangkat”", "the architects of 'Swarnim Bharat,'": a name wholly inside quotation
    marks is a song, a slogan or a title the model took for a person."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 2]
    closes = any(t.text in CLOSING_QUOTES for t in after if t.is_punct)
    return ent.start > 0 and doc[ent.start - 1].text in OPENING_QUOTES and closes and after[0].is_punct


def _aggregate(candidate: Candidate, has_events: bool) -> dict[str, float]:
    mentions = candidate.mentions
    features = {f: max(m.features[f] for m in mentions) for f in POSITIVE}
    if any(m.features.get("mourned") for m in mentions):  # the one a funeral mourns attends nothing
        features.update(dict.fromkeys(EVIDENCE, 0.0))
    features.update({f: sum(m.features[f] for m in mentions) / len(mentions) for f in NEGATIVE})
    features["mentions"] = math.log1p(len(mentions)) / math.log1p(MENTION_SATURATION)
    features["mentions"] = min(features["mentions"], 1.0)
    features["has_events"] = float(has_events)
    features["no_evidence"] = float(not any(features[f] for f in EVIDENCE))
    strong = any(features[f] for f in EVIDENCE if f != "attend_cue")
    background = sum(m.features["earlier_year"] or m.features["conditional"] for m in mentions) / len(mentions)
    features["mostly_background"] = float(not strong and background >= BACKGROUND_SHARE)
    features["unframed_subject"] = float(features["subject_of_event_verb"] > features["frame"])
    return features


# --- sentences ---------------------------------------------------------------------------------------------


def _cited_sentences(sentences: list[Span], events) -> set[int]:
    starts = [s.start_char for s in sentences]
    cited = set()
    for event in events:
        for evidence in event.evidence:
            if evidence.start is not None:
                cited.add(max(bisect_left(starts, evidence.start + 1) - 1, 0))
    return cited


def _frame_statuses(sentences: list[Span], facts: list[SentenceFacts]) -> dict[int, str]:
    """Span start -> the status an attendance frame gives the person there (none in earlier-year sentences)."""
    statuses: dict[int, str] = {}
    for i, sent in enumerate(sentences):
        if facts[i].earlier or facts[i].question:
            continue
        previous = sentences[i - 1] if i else None
        for found in frame_findings(sent, previous):
            statuses[found.person.start] = _stronger_status(statuses.get(found.person.start), found)
    return statuses


STATUS_RANK = {"attended": 4, "present": 3, "expected": 3, "invited": 2, "declined": 1}


def _stronger_status(old: str | None, found: Found) -> str:
    return found.status if old is None or STATUS_RANK[found.status] > STATUS_RANK[old] else old


# --- mentions ----------------------------------------------------------------------------------------------


def _mention_features(
    span: Span,
    i: int,
    sentences: list[Span],
    facts: list[SentenceFacts],
    event_sentences: list[int],
    cited: set[int],
    frames: dict[int, str],
    captions: set[str],
) -> dict[str, float]:
    here = facts[i]
    frame = frames.get(span.start)
    role, country = role_and_country(span)
    nearby = [facts[j].event for j in (i - 1, i + 1) if 0 <= j < len(facts)]
    owned = _event_owned_by(span)
    goes = _said_to_go(span) or _performs_a_ceremony(span)
    earlier_clause = _in_an_earlier_clause(span, here)
    sent_an_envoy = (
        _whose_envoy(span.root, knowledge().cues["delegate_nouns"])
        or _whose_troops(span.root)
        or _words_from(span, knowledge().cues["reaction_nouns"])
    )  # the evidence is the envoy's, or the troops' ("X's Coldstream Guards opened the parade"); "the parade drew
    # a sharp response from X": X spoke of it from elsewhere
    values = {
        "frame": frame in ("attended", "expected", "present") or owned == "owned_events" or goes,
        "subject_of_event_verb": _is_subject_of_event_verb(span),
        "attend_cue": here.attend,
        "clause_cue": _governing_verb_attends(span),
        "position_cue": here.position,
        "position_pattern": _near_position_cue(span),
        "group_list": _in_group_list(span),
        "name_list": False,
        "event_in_sentence": here.event,
        "event_nearby": any(nearby),
        "event_evidence": i in cited,
        "event_proximity": _proximity(i, event_sentences),
        "titled": role is not None,
        "head_of_state": role is not None and role.removeprefix("former ") in head_of_state_roles(),
        "country": country is not None,
        "headline": i == 0,
        "listed_under_heading": False,
        "lede": i < LEDE_SENTENCES,
        "pictured": _in_caption(span, captions),
        "frame_refused": frame in ("declined", "invited"),
        # "Y did not attend and sent X in his place"; "... his absence, and X read Y's speech": X's own part
        "negative_cue": here.negative and not goes and not _own_clause_takes_part(span),
        "invited_cue": here.invited,
        "quoted": _is_quoted(span),
        "commentator": _near_words(span, knowledge().cues["commentator_nouns"]),
        "credit": (here.credit and not _shown_before_the_credit(span)) or _is_credited(span),
        "earlier_year": here.earlier
        or _held_office_then(span)
        or _acts_at_another_time(span)
        or earlier_clause
        or _in_anothers_background(span),
        "historical": _near_words(span, knowledge().cues["historical_words"], after=2)
        or _called_late(span)  # "the late X"; not "the late king's niece X", nor "X arrived late"
        or _named_after(span)
        or owned == "mourned_events"
        or _remembered(span)
        or _honoured_namesake(span),
        "question": here.question,
        "conditional": here.conditional,
        "hedged": here.hedged and not goes,
        "remote": (here.remote and _takes_part_remotely(span))
        or _sent_greetings(span)
        or sent_an_envoy
        or _represented(span),
        "frame_rejected": frame is None and frame_rejects(span),
        "listed_elsewhere": False,
        "one_word": False,
        "future": here.future,
    }
    if values["credit"] and values["pictured"]:
        values["credit"] = False  # the caption's own line reads as a credit; the credited name is the photographer
    values["mourned"] = (  # read by _aggregate
        owned == "mourned_events" or _called_late(span) or _is_mourned(span) or _commemorated(span)
    )
    if here.earlier or here.question or values["credit"] or values["mourned"] or earlier_clause or sent_an_envoy:
        values.update(BACKGROUND_MENTION)
        values["pictured"] = False
    return {k: float(v) for k, v in values.items()}


def _takes_part_remotely(span: Span) -> bool:
    """A video link or the like in the name's own clause ("X joined by video link"; "... with X speaking via video
    link") or in one the name's clause follows ("Y will send a video message, while X will follow suit"), not in
    another's: "officials including Y, with X speaking via video link" puts Y there in person, and so does "X spoke
    by video link, while Y attended"."""
    cues = cue_set("remote_cues")
    own = _nearest_verb(span.root)
    for token in span.sent:
        if token.lemma_.lower() in cues:
            verb = _nearest_verb(token)
            if verb is None or verb == own or span.root.is_ancestor(verb):
                return True
            if own is not None and verb.is_ancestor(own) and own.lemma_ not in event_verbs():
                return True
    return False


def _nearest_verb(token: Token) -> Token | None:
    """The verb whose clause holds the token (itself when it is one); None at a verbless root."""
    return token if token.pos_ in ("VERB", "AUX") else verb_over(token)


def _in_an_earlier_clause(span: Span, here: SentenceFacts) -> bool:
    """ "when he attended the enthronement in 1990 with X": the clause, not the sentence, is about another time."""
    return any(a.i in here.earlier_clauses for a in span.root.ancestors)


@lru_cache(maxsize=1)
def head_of_state_roles() -> frozenset[str]:
    """Roles flagged head_of_state in titles.jsonl."""
    return frozenset(row["role"] for row in read_jsonl("titles.jsonl") if row.get("head_of_state"))


def _shown_before_the_credit(span: Span) -> bool:
    """ "X in Borno for the Army Day celebration Photo source: Jane Doe": a caption run into its credit shows the
    names before the credit word; only those after it took the photo."""
    credit_words = knowledge().cues["credit_words"]
    credit = next((t for t in span.sent if t.lower_ in credit_words and t.text[:1].isupper()), None)
    return credit is not None and credit.i > span.sent.start and span.end <= credit.i


def _is_credited(span: Span) -> bool:
    """ "Jane Doe/Reuters", "(Photo: Jane Doe)", "Jane Doe (EFE)": a photographer's or agency credit."""
    doc = span.doc
    if any(t.text == "/" for t in span) or (span.end < len(doc) and doc[span.end].text == "/"):
        return True
    return (_bracketed_after(span) or "").lower() in cue_set("agency_credits")


def _in_caption(person: Span, captions: set[str]) -> bool:
    """The name's line is a photo caption (see ruledata.on_caption_line). In an article that reports an event a
    photo shows who was there; the photographer named in the credit is not pictured."""
    return on_caption_line(person, captions) and not _is_credited(person)


def _held_office_then(person: Span) -> bool:
    """ "then-President X", "(ties worsened) under former president X": the sentence is about a time when X held
    an office, so about a past event."""
    before = person.doc[max(person.start - 4, 0) : person.start]
    if any(t.lower_ == "then" and t.i + 1 < person.start and t.nbor(1).text in ("-", "–") for t in before):
        return True
    if _then_titled(person):
        return True
    under = person.root.head
    return person.root.dep_ == "pobj" and under.lower_ == "under" and any(t.lower_ == "former" for t in before)


def _then_titled(person: Span) -> bool:
    """ "included then Botswana president Ian Khama", "the then president X": "then" and nothing but the office (a
    country, a title) before the name; not the "then" of a sequence ("followed, then Prime Minister X")."""
    doc = person.doc
    titles, countries = spans_at(doc, "titles"), spans_at(doc, "countries")
    i = person.start - 1
    while i >= max(person.sent.start, person.start - THEN_REACH) and (i in titles or i in countries):
        i -= 1
    if not (person.sent.start < i < person.start - 1) or doc[i].lower_ != "then":
        return False
    return not doc[i - 1].is_punct and doc[i - 1].lower_ not in ("and", "or")  # not "followed, then Prime Minister X"


def _acts_at_another_time(person: Span) -> bool:
    """ "The parade came a week after leaders, including X, imposed sanctions", "until X and Y agreed at their
    summit in November": X is the subject of a clause set before or after, doing something other than arriving for
    or attending the event."""
    anchor = attachment(person.root)
    direct = anchor.dep_ in ("nsubj", "nsubjpass") and anchor.head.dep_ == "advcl"
    clause = anchor.head if direct else _clause_around(person.root)  # "after the committee headed by X cleared"
    if clause is None:
        return False
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if not marks & {"after", "before", "since", "until"} or _the_event_goes_on(clause):
        return False
    if not is_attendance_frame(clause):
        return True
    cues = knowledge().cues
    arriving = clause.lemma_ in cues["attend_verbs"] or clause.lemma_ in cues["travel_verbs"]
    return placed_in_chain(clause) and not arriving  # "until X and Y agreed (...) at their summit" is another
    # time; "After X arrived for the parade" and "after X stayed away" tell of the event itself


def _in_anothers_background(person: Span) -> bool:
    """ "Y, who succeeded X at the start of the year, had hoped to use the trip": X is the object of a relative
    clause that tells who another person is, not of one that tells of the event ("Y, who hosted X at the palace")."""
    anchor = attachment(person.root)
    verb = anchor.head.head if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" else anchor.head
    if anchor.dep_ not in ("dobj", "pobj", "dative") or verb.dep_ != "relcl" or verb.pos_ not in ("VERB", "AUX"):
        return False
    antecedent = verb.head
    if antecedent.ent_type_ != "PERSON" or person.start <= antecedent.i < person.end:
        return False
    cues = knowledge().cues
    with_them = anchor.dep_ == "pobj" and anchor.head.lower_ in cues["companion_prepositions"]
    if with_them and verb.lemma_ in cues["position_words"]:
        return False  # "X, who greeted the guests with his wife, Y": Y was there too
    return not is_attendance_frame(verb)


def _the_event_goes_on(clause: Token) -> bool:
    """ "The parade started after X saluted the guard of honour": the main clause tells of the event itself, and no
    span of time ("a week after") sets the clause apart, so what X did just before it began was part of the day."""
    types, verb = knowledge().event_type, clause.head
    marks = [c for c in clause.children if c.dep_ == "mark"]
    near = (*clause.children, *verb.children, *(g for m in marks for g in m.children))  # "a week | after"
    apart = any(c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") for c in near)
    return not apart and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in types for c in verb.children)


def _clause_around(token: Token) -> Token | None:
    """The adverbial clause the token sits in below its subject ("after the committee headed by X cleared ..."), if
    any: only through a noun's modifiers, so a name the clause's verb governs directly is left to the rule above."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "advcl":
            return ancestor if ancestor.i != token.head.i else None
        if ancestor.dep_ not in ("acl", "agent", "pobj", "prep", "nsubj", "nsubjpass", "compound", "appos", "conj"):
            return None
    return None


def _proximity(i: int, event_sentences: list[int]) -> float:
    if not event_sentences:
        return 0.0
    at = bisect_left(event_sentences, i)
    gaps = [abs(event_sentences[j] - i) for j in (at - 1, at) if 0 <= j < len(event_sentences)]
    return 1.0 / (1 + min(gaps))


@lru_cache(maxsize=1)
def event_verbs() -> frozenset[str]:
    """Verbs of attending, hosting, receiving, meeting or standing somewhere (not "be", "show", "lead", ...)."""
    cues = knowledge().cues
    verbs = set(cues["attend_verbs"]) | set(cues["host_verbs"]) | set(cues["position_words"]) | set(cues["phrasal"])
    return frozenset(verbs - set(cues["weak_verbs"]))


def _is_subject_of_event_verb(span: Span) -> bool:
    anchor = attachment(span.root)
    if anchor.dep_ in ("nsubj", "nsubjpass"):
        return anchor.head.lemma_ in event_verbs() and not _joins_in_another_act(anchor.head)
    return anchor.dep_ == "pobj" and anchor.head.dep_ == "agent" and _passive_of_event_verb(anchor.head.head)


def _performs_a_ceremony(span: Span) -> bool:
    """ "X launched the frigate", "X commissioned the carrier", "X unveiled the new tank": the one who performs the
    act a ceremony is named for is there (a missile launched is a test, a study commissioned no ceremony)."""
    anchor = attachment(span.root)
    verb = anchor.head
    kind = knowledge().event_verbs.get(verb.lemma_)
    return (
        anchor.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and kind is not None
        and kind[1] in PERFORMED_EVENTS
        and verb_tells_an_event(verb)
    )


def _joins_in_another_act(verb: Token) -> bool:
    """ "joined world leaders in paying tribute": joining others in what they do from afar, not at an event; but
    "joined the leaders in attending the parade" is attending."""
    if verb.lemma_ != "join":
        return False
    acts = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pcomp"]
    return any(act.lemma_ not in knowledge().cues["attend_verbs"] for act in acts)


def _passive_of_event_verb(verb: Token) -> bool:
    """ "was attended by X", "was reviewed by X", "was opened by X"; not "a mission that was led by X", nor "the
    country is led by X" (a polity run by someone, not an event); nor "as confirmed by X", "as approved by X" (a
    source or an authority the sentence cites)."""
    if _names_a_source(verb):
        return False
    if verb.lemma_ in event_verbs() or verb.lemma_ in knowledge().cues["agent_verbs"]:
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return verb.dep_ != "relcl" and not (
        subject is not None and subject.lemma_.lower() in knowledge().cues["polity_nouns"]
    )


def _governing_verb_attends(span: Span) -> bool:
    """The nearest verb above the name (as subject, object, agent or companion) is an event verb, or the name's own
    relative clause tells of a part in the ceremony ("Y, who gave an acceptance speech")."""
    if any(c.dep_ == "relcl" and _takes_part(c) for c in span.root.children):
        return True
    token = attachment(span.root)
    for _ in range(CLAUSE_CLIMB):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token.pos_ in ("VERB", "AUX") and any(
        (v.lemma_ in event_verbs() and not _joins_in_another_act(v)) or _takes_part(v)
        for v in (token, *_chained(token))
    )


def _own_clause_takes_part(span: Span) -> bool:
    """The name is the subject of a verb of taking part that no negation touches ("X read Y's speech")."""
    anchor = attachment(span.root)
    verb = anchor.head
    return (
        anchor.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and _takes_part(verb)
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def _takes_part(verb: Token) -> bool:
    """ "gave a speech", "laid a wreath", "delivered the address", "unveiled", "told the gathering": a part in the
    ceremony."""
    cues = knowledge().cues
    if verb.lemma_ in cues["participation_verbs"] and verb.lemma_ not in ("pay", "present", "deliver"):
        return True
    nouns = set(cues["participation_nouns"])
    if any(c.dep_ == "dobj" and _is_one_of(c, nouns) for c in verb.children):
        return True
    if any(c.dep_ in ("dobj", "dative") and c.lemma_.lower() in cues["audience_nouns"] for c in verb.children):
        return True  # "X asked the attendees to ...", "told the gathering": X spoke there, to those present
    return _possessed_object(verb, nouns)  # "In his eulogy, X said ...": the speaker's own part in the ceremony


def _chained(verb: Token) -> list[Token]:
    """Verbs the clause hands on ("set to attend", "arrived ... to review")."""
    return [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]


def _in_group_list(span: Span) -> bool:
    """In the list a group cue introduces ("leaders ... including X", "among them were X"), in the same sentence."""
    for cue in cues_in(span.sent, "attendance"):
        if cue.label_ not in GROUP_CUES or cue.start > span.start:
            continue
        if span.start < cue.end or _same_list(cue[-1], span.root) or cue.label_ == "among_them":
            return True
    return False


def _coordinated_with_a_person(span: Span, person_tokens: set[int]) -> bool:
    """The name is joined to another name (or a titled one) by "and", a comma or apposition: a list of people. The
    parser may join it to the end of the person before ("X of Russia's State Duma, Y of ..."): the "of" phrase is
    climbed back to the person it describes."""
    inside = set(range(span.start, span.end))
    others = person_tokens - inside
    root = span.root
    if root.dep_ in ("conj", "appos") and _described_person(root.head) in others:
        return True
    return any(c.dep_ in ("conj", "appos") and c.i in others for t in span for c in t.children)


def _neighbouring_names(mentions: list[tuple[Span, int, str]]) -> dict[int, list[Span]]:
    """Each name's start -> the names just before and after it in the same sentence."""
    found: dict[int, list[Span]] = {}
    for k, (span, i, _) in enumerate(mentions):
        around = [mentions[j] for j in (k - 1, k + 1) if 0 <= j < len(mentions)]
        found[span.start] = [other for other, j, _ in around if j == i]
    return found


def _titled_right_before(span: Span, places: AbstractSet[int]) -> bool:
    """A title ends right before the name, or before "of (the) <country>" there ("Prime Minister of Malaysia X"; the
    model may have taken the country into the name)."""
    doc, i = span.doc, span.start
    while i < span.end - 1 and i in places:
        i += 1
    i = i - 1 if i > span.start else span.start - 1
    if i in places:
        while i in places:
            i -= 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 0 or doc[i].lower_ != "of":
            return False
        i -= 1
    return i in spans_at(doc, "titles")


def _set_off_like_a_list(span: Span, neighbours: list[Span], list_words: AbstractSet[int]) -> bool:
    """Only commas or "and", titles and countries stand between the name and the one before or after it
    ("President of Azerbaijan X, Prime Minister of Armenia Y, ..."): a list, however the parser joined it."""
    doc = span.doc
    for other in neighbours:
        gap = doc[other.end : span.start] if other.start < span.start else doc[span.end : other.start]
        separated = any(t.text in LIST_SEPARATORS for t in gap)
        if separated and all(t.i in list_words or t.lower_ in LIST_LINK_WORDS for t in gap):
            return True
    return False


def _described_person(token: Token) -> int:
    """The token an "of" phrase ending at `token` describes ("Volodin of Russia's State Duma" -> Volodin)."""
    for _ in range(LIST_REACH):
        if token.dep_ != "pobj" or token.head.lower_ != "of" or token.head.head.i == token.head.i:
            break
        token = token.head.head
    return token.i


def _near_position_cue(span: Span) -> bool:
    """A position or sighting pattern ("at his side", "flanked by", "on the rostrum", "seen with") near the name."""
    return any(
        cue.label_ in POSITION_CUES and cue.start - POSITION_REACH <= span.start <= cue.end + POSITION_REACH
        for cue in cues_in(span.sent, "attendance")
    )


def _same_list(cue_end: Token, name: Token) -> bool:
    """The name hangs on the cue's last word ("including X, Y and Z") through prepositions and conjunctions."""
    token = name
    for _ in range(8):
        if token.i == cue_end.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _is_quoted(span: Span) -> bool:
    reporting = knowledge().cues["reporting_verbs"] | knowledge().cues["demand_verbs"]  # "X is demanding that ..."
    anchor = attachment(span.root)
    if anchor.dep_ == "nsubj" and anchor.head.lemma_ in reporting:
        # "In his eulogy, X said": a part in the ceremony, not a comment; "X added dignity to the parade": no words
        return not _takes_part(anchor.head) and not says_no_words(anchor.head)
    if anchor.dep_ == "nsubj" and _confirms_a_clause(anchor.head):
        return True  # "X confirmed that 20 heads of state are expected": the source of the news
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "agent" and _names_a_source(anchor.head.head):
        return True
    before = span.doc[max(span.start - 3, span.sent.start) : span.start]
    cited = any(a.lower_ == "according" for a in span.root.ancestors)  # "According to the Minister of State ... X,"
    signs_a_post = (_bracketed_after(span) or "").startswith("@")  # "— Jane Doe (@janedoe) May 31": speaks in it
    return cited or "according" in {t.lower_ for t in before} or signs_a_post


def _bracketed_after(span: Span) -> str | None:
    """The one word in brackets right after the name ("Jane Doe (EFE)", "Jane Doe (@janedoe)"), if any."""
    after = [t.text for t in span.doc[span.end : span.end + 3]]
    return after[1] if len(after) == 3 and after[0] == "(" and after[2] == ")" else None


def _confirms_a_clause(verb: Token) -> bool:
    """ "X confirmed that 20 heads of state are expected": X is the source of the news; not "X confirmed they will
    be present", where X tells of their own coming."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    own = any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in SELF_PRONOUNS for c in clauses for s in c.children)
    return verb.lemma_ in knowledge().cues["confirming_verbs"] and bool(clauses) and not own


def _names_a_source(passive: Token) -> bool:
    """ "as confirmed by X", "as approved by X", "was announced by X": the agent is who the sentence cites."""
    cues = knowledge().cues
    marked_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in passive.children)
    return marked_as or passive.lemma_ in cues["reporting_verbs"] or passive.lemma_ in cues["self_report_verbs"]


def says_no_words(verb: Token) -> bool:
    """A reporting verb that gives a thing to something, with no clause of what was said ("added dignity to the
    parade"); not one that blames or warns someone ("criticized the participation", "warned countries")."""
    children = list(verb.children)
    if any(c.dep_ in ("ccomp", "parataxis") or c.is_quote for c in children):
        return False
    gives = any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in children)
    return gives and any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in children)


def _called_late(span: Span) -> bool:
    """ "the late President X", "Late Burundian President X": the word "late" heads the titles before the name;
    "the late founder of the republic, X": it opens the phrase the name stands beside."""
    doc, i = span.doc, span.start - 1
    titles = spans_at(doc, "titles")
    while i >= span.sent.start and i >= span.start - LATE_REACH:
        if doc[i].lower_ == "late" and doc[i].dep_ == "amod":
            return True
        if not (doc[i].is_title or i in titles):  # "the late Angolan president X"
            return _late_in_phrase_before(doc, i, span.sent.start)
        i -= 1
    return False


def _late_in_phrase_before(doc: Doc, comma: int, sent_start: int) -> bool:
    """The noun phrase before the comma in front of the name (and its titles) opens with "the late" ("the late
    founder of the Islamic Republic, Imam X")."""
    if comma <= sent_start or doc[comma].text != ",":
        return False
    for j in range(comma - 1, max(sent_start, comma - LATE_APPOSITIVE_REACH) - 1, -1):
        if doc[j].is_punct or doc[j].pos_ in ("VERB", "AUX"):
            return False
        if doc[j].lower_ == "late" and j > sent_start and doc[j - 1].lower_ == "the":
            return True
    return False


def _remembered(span: Span) -> bool:
    """ "a tribute to the vision of X", "in memory of X", "a wreath at the mausoleum of X", "X's tomb", "veterans
    remembered X": X is remembered, not present."""
    root, cues = span.root, knowledge().cues
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "the vision of X and Y"
    while root.dep_ == "appos" and root.head.i != root.i:
        root = root.head  # "gratitude to X, General Y - the commander of ..."
    if root.dep_ == "dobj" and root.head.lemma_.lower() in cues["remembering_verbs"]:
        return True
    if _honoured(root, cues["honouring_nouns"]):
        return True
    if root.dep_ == "poss" and root.head.lemma_.lower() in cues["remembered_nouns"]:
        return True  # "X's legacy", "X's tomb"
    of = root.head
    return root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in cues["remembered_nouns"]


def _commemorated(span: Span) -> bool:
    """ "Turkey commemorated X on the anniversary of his death", "a wreath on X's tomb", "the moment of X's
    passing": the one a ceremony remembers is dead, and attends nothing (a living leader's "legacy" or "vision"
    is no sign of it)."""
    root, cues = span.root, knowledge().cues
    if root.dep_ == "dobj" and root.head.lemma_.lower() in cues["remembering_verbs"]:
        return True
    return root.dep_ == "poss" and root.head.lemma_.lower() in {*cues["death_nouns"], *cues["burial_places"]}


def _honoured(root: Token, nouns: list[str]) -> bool:
    """ "expressed gratitude to X", "paid homage to X", "a tribute to X": X is honoured, not there; unless for
    something done ("gratitude to X for attending")."""
    to = root.head
    if root.dep_ != "pobj" or to.lower_ != "to":
        return False
    owner = to.head
    honour = (
        owner
        if owner.lemma_.lower() in nouns
        else next((c for c in owner.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)
    )
    return honour is not None and not any(c.lower_ == "for" for c in (*owner.children, *honour.children))


def _represented(span: Span) -> bool:
    """ "X represented President Y", "President Y was represented by X", "Y's special envoy": Y sent someone in
    their place (and "the special envoy of King Y": _whose_envoy, which the caller reads once)."""
    root, cues = span.root, knowledge().cues
    if root.dep_ == "poss" and root.head.lemma_.lower() in cues["delegate_nouns"]:
        return True  # "Prime Minister Y's special representative"
    if _named_to_say_whose(root, cues["delegate_nouns"]) or _named_to_say_whose(root, cues["kin_words"]):
        return True  # "as special envoy of Prime Minister Y", "X, the husband of Vice President Y"
    if _on_whose_behalf(root) or _sent_someone(root):
        return True
    return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_ == "represent"


def _represented_by_others(sentences: list[Span]) -> set[str]:
    """Names the article says were represented by someone else: "President Y was represented by X", or "He was
    represented by X" right after a sentence whose one subject is Y."""
    names: set[str] = set()
    if not sentences:
        return names
    words = words_of(sentences[0].doc)
    for i, sent in enumerate(sentences):
        for token in (sent.doc[k] for k in range(sent.start, sent.end) if words.dep[k] == "nsubjpass"):
            if token.head.lemma_ != "represent":
                continue
            if token.ent_type_ == "PERSON" and (person := entity_at(token)) is not None:
                names.add(mention_name(person) or token.text)
            elif token.lower_ in ("he", "she") and i and (subject := antecedent(sentences[i - 1])) is not None:
                names.add(mention_name(subject) or subject.text)
    return names


def _on_whose_behalf(root: Token) -> bool:
    """ "X laid a wreath on behalf of Y", "on behalf of the government of Y", "X attended in place of Y", "instead
    of Y": someone else acted for Y."""
    for _ in range(BEHALF_REACH):
        if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.i == root.head.i:
            return False
        root = root.head.head
        if root.lower_ in ("behalf", "instead") or (root.lower_ == "place" and root.head.lower_ == "in"):
            return True
    return False


def _sent_someone(root: Token) -> bool:
    """ "Y sent his deputy", "Y instead sent as his representative Prime Minister X", "Y appointed X to visit as a
    special envoy": the sender stayed away."""
    if root.dep_ == "appos":
        root = root.head  # "Syria's President, Y, sent ..."
    verb = root.head
    delegates = knowledge().cues["delegate_nouns"]
    if root.dep_ == "nsubj" and verb.lemma_ in APPOINTING_VERBS:
        return any(t.lemma_.lower() in delegates for t in verb.subtree)  # not "Y appointed X as minister"
    if root.dep_ != "nsubj" or verb.lemma_ != "send":
        return False
    sent = [c for c in verb.children if c.dep_ == "dobj"]
    sent += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in delegates for s in sent for t in s.subtree)


def _whose_envoy(root: Token, delegates: AbstractSet[str]) -> bool:
    """The person is the "of Y" of an envoy or representative wherever the sentence puts them ("included the
    special envoy of President Y"); not when a place or body stands before the name ("the representative of the
    Vatican Pope Z" may name Z as the representative)."""
    of = root.head
    if root.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in delegates:
        return False
    return not any(t.ent_type_ in ("GPE", "ORG", "NORP") for t in root.lefts)


def _whose_troops(root: Token) -> bool:
    """ "Queen X's Coldstream Guards opened the parade", "the president's honour guard": the owner of a unit is
    named to say whose it is; the unit is what the sentence places at the event."""
    return root.dep_ == "poss" and root.head.lemma_.lower() in knowledge().cues["unit_nouns"]


def _named_to_say_whose(root: Token, nouns: AbstractSet[str]) -> bool:
    """The person is the "of Y" that says whose envoy or relative someone else is: a noun set beside another
    person ("X, the husband of Y") or given as their capacity ("X will attend as special envoy of Y"). A bare "the
    representative of the Vatican Pope Z" may name Z as the representative: left to the score."""
    of = root.head
    if root.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in nouns:
        return False
    noun = of.head
    if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
        return True
    return noun.dep_ in ("pobj", "attr") and noun.head.lower_ in ("as", "is", "was", "be")


def _said_to_go(span: Span) -> bool:
    """The sentence's grammar says the person goes: in someone's place, as one sent or named an envoy, or as one of
    the attending group it names. What the sentence says of anyone else ("Y did not attend") is not theirs."""
    root = span.root
    return _stands_in(span) or _sent_as_delegate(root) or _named_a_delegate(root) or _named_as_those_attending(root)


def _stands_in(span: Span) -> bool:
    """ "Y sent X in his place", "Y was represented by X", "X laid a wreath on her behalf": X came for someone
    else, so X was there even where the sentence says Y was not."""
    root, verb = span.root, span.root.head
    if root.dep_ == "pobj" and verb.dep_ == "agent" and verb.head.lemma_ == "represent":
        return True
    if _replaces_one_absent(_list_head(root, ("conj",))):
        return True
    if not ((root.dep_ == "dobj" and verb.lemma_ == "send") or root.dep_ == "nsubj"):
        return False
    nouns = knowledge().cues["stand_in_nouns"]
    return _possessed_object(verb, nouns) or (
        root.dep_ == "nsubj" and (_stands_in_for(verb) or _takes_the_place(verb, nouns))
    )


def _replaces_one_absent(subject: Token) -> bool:
    """ "X and Y will replace Luxon": those who replace a person at the event go in their stead; not "X replaced Y
    as minister" (a post)."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ not in knowledge().cues["replacing_verbs"]:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lower_ in ("him", "her")) for c in verb.children)


def _takes_the_place(verb: Token, nouns: AbstractSet[str]) -> bool:
    """ "X will take his place": the place taken is someone's own."""
    return verb.lemma_ == "take" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in nouns and any(g.dep_ == "poss" for g in c.children)
        for c in verb.children
    )


def _stands_in_for(verb: Token) -> bool:
    """ "X stood in for Y", "X deputised for the president": the verb of a stand-in, with its particle and "for"."""
    if not any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return False
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep") and c.i > verb.i]
    phrases = knowledge().cues["stand_in_verbs"]
    return verb.lemma_.lower() in phrases or any(f"{verb.lemma_.lower()} {p}" in phrases for p in particles)


def _sent_as_delegate(root: Token) -> bool:
    """ "Thailand is sending Deputy Prime Minister X", "sending their foreign ministers — X and Y": the person (or
    the office set beside the name) is what a country or leader sends; a letter sent *to* X is not."""
    token = _list_head(root, ("conj", "appos"))
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        token = token.head  # "sent as his envoy Prince X"
    if token.dep_ == "pobj" and token.head.lower_ == "with":  # "sent X, along with Y": Y goes too
        token = token.head.head if token.head.head.lower_ == "along" else token.head
    return token.dep_ in ("dobj", "prep") and token.head.lemma_ == "send"


def _list_head(token: Token, links: tuple[str, ...]) -> Token:
    """The first of the names a list joins ("X and Y", "ministers — X and Y"), up to LIST_REACH links up."""
    for _ in range(LIST_REACH):
        if token.dep_ not in links or token.head.i == token.i:
            break
        token = token.head
    return token


def _possessed_object(verb: Token, nouns: AbstractSet[str]) -> bool:
    """A preposition of the verb whose object is one of `nouns` with a possessor ("in his place", "in his eulogy")."""
    return any(
        p.dep_ == "pobj" and _is_one_of(p, nouns) and any(g.dep_ == "poss" for g in p.children)
        for prep in verb.children
        if prep.dep_ == "prep"
        for p in prep.children
    )


def _is_one_of(word: Token, nouns: AbstractSet[str]) -> bool:
    """The word is one of the nouns as written or by its lemma: cue lists hold "remarks" and "respects", whose
    lemmas ("remark", "respect") mean something else."""
    return word.lower_ in nouns or word.lemma_.lower() in nouns


def _named_as_those_attending(root: Token) -> bool:
    """ "The leaders who attended the parade were X and Y": the names say who the attending group was."""
    token = _list_head(root, ("conj",))
    if token.dep_ != "attr" or token.head.lemma_ != "be":
        return False
    attend = knowledge().cues["attend_verbs"]
    subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    return any(c.dep_ in ("relcl", "acl") and c.lemma_ in attend for s in subjects for c in s.children)


def _named_a_delegate(root: Token) -> bool:
    """ "X is Prime Minister Y's special representative", "Y designated his trade envoy X as his special envoy": X
    goes in Y's name."""
    delegates = knowledge().cues["delegate_nouns"]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        return any(c.dep_ == "attr" and c.lemma_.lower() in delegates for c in root.head.children)
    token = root.head if root.dep_ == "appos" else root
    if token.dep_ != "dobj":
        return False
    return any(
        prep.lower_ == "as" and any(p.dep_ == "pobj" and p.lemma_.lower() in delegates for p in prep.children)
        for prep in token.head.children
        if prep.dep_ == "prep"
    )


def _honoured_namesake(span: Span) -> bool:
    """ "the second ship to honor Sgt. X", "named after X", "awarded the Order of X": a ship's, a base's or an
    honour's namesake, not a guest."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("after", "for") and root.head.head.lemma_ == "name":
        return True
    honour = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if honour is not None and honour.is_title and honour.lower_ in knowledge().cues["honour_names"]:
        return True
    verb = root.head
    return root.dep_ == "dobj" and verb.lemma_ in ("honor", "honour") and verb.dep_ in ("relcl", "acl", "xcomp")


def _sent_an_invitation(span: Span) -> bool:
    """ "extended an invitation to X to pay a visit", "an invitation to X": X is invited, not yet coming."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "to":
        return False
    owner, invitations = root.head.head, knowledge().cues["invitation_nouns"]
    return owner.lemma_.lower() in invitations or any(
        c.dep_ == "dobj" and c.lemma_.lower() in invitations for c in owner.children
    )


def _sent_greetings(span: Span) -> bool:
    """ "received greetings from world leaders, including X", "a message from X": X wrote from elsewhere; "Y
    conveyed X's greetings", "read out X's message": another brought X's words."""
    greetings = knowledge().cues["greeting_nouns"]
    root = span.root
    if root.dep_ == "poss" and root.head.lemma_.lower() in greetings and root.head.dep_ == "dobj":
        return True
    return _words_from(span, greetings) or _sends_greetings(root, greetings)


def _sends_greetings(root: Token, greetings: AbstractSet[str]) -> bool:
    """ "The president, the prime minister and the service chiefs extended their congratulations to the troops":
    the subjects of a verb whose only object is a greeting, with no other verb joined to it, sent words."""
    subject = _list_head(root, ("conj", "appos"))
    verb = subject.head
    if subject.dep_ != "nsubj" or any(c.dep_ == "conj" and c.pos_ == "VERB" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in greetings for c in verb.children)


def _words_from(span: Span, nouns: AbstractSet[str]) -> bool:
    """ "a message from X", "drew a barbed response from X": X is the "from" of one of these nouns."""
    path = list(span.root.ancestors)[:GREETING_REACH]
    said = path + [c for t in path if t.pos_ == "VERB" for c in t.children if c.dep_ == "dobj"]
    return any(t.lower_ == "from" for t in path) and any(t.lemma_.lower() in nouns for t in said)


def _is_mourned(span: Span) -> bool:
    """The one a funeral is for: mourned or buried ("mourners buried X", "X, who was laid to rest"), or the one
    respects are paid to ("paid their last respects to X", "bade farewell to X")."""
    cues = knowledge().cues
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "to":
        paid = root.head.head  # "respects to X", or "paid ... to X" where the parser hangs "to X" on the verb
        if paid.lower_ in cues["farewell_nouns"] or any(c.lower_ in cues["farewell_nouns"] for c in paid.children):
            return True
    verbs = [root.head] if root.dep_ in ("dobj", "nsubjpass") else []
    verbs += [c for c in root.children if c.dep_ == "relcl" and any(g.dep_ == "nsubjpass" for g in c.children)]
    if any(v.lemma_ in cues["mourning_verbs"] or _laid_to_rest(v) for v in verbs):
        return True
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("of", "for")
        and _names_a_death(root.head.head, cues["death_nouns"])
    ):
        return True  # "the passing of X", "the funeral of X", "the funeral ceremony for X", "a memorial service for X"
    return _is_among_the_dead(root, cues["death_verbs"])


def _names_a_death(noun: Token, death_nouns: list[str]) -> bool:
    """ "funeral", "the funeral ceremony", "a memorial service": a death, or an occasion named after one."""
    return noun.lemma_.lower() in death_nouns or any(
        c.dep_ == "compound" and c.lemma_.lower() in death_nouns for c in noun.children
    )


def _is_among_the_dead(root: Token, death_verbs: frozenset[str]) -> bool:
    """ "X died", "X was killed", "X and others killed in the crash", "the dead, including X": whom a funeral is
    for."""
    while root.dep_ in ("appos", "conj") and root.head.i != root.i:
        root = root.head  # "including Foreign Minister, X"; "Y, X and others were killed"
    if root.dep_ == "pobj" and root.head.lower_ == "including":  # "the others killed in the crash, including X":
        return any(t.lemma_ in death_verbs for t in list(root.head.ancestors)[:DEATH_REACH])  # the parser may hang
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in death_verbs:  # "including" on "the crash"
        return True
    return any(c.dep_ in ("acl", "relcl") and c.lemma_ in death_verbs for c in root.children)


def _laid_to_rest(verb: Token) -> bool:
    return verb.lemma_ == "lay" and any(t.lower_ == "rest" for t in verb.subtree if t.i > verb.i)


def _event_owned_by(span: Span) -> str | None:
    """Whose event the person is: "the inauguration of X", "X's swearing-in" (X is there: it is their day), or "the
    funeral of X", "a state funeral for X" (X is the one mourned, not a guest). The cue list's name, or None."""
    root = span.root
    if _takes_office(root):
        return "owned_events"
    if root.dep_ == "appos" and root.head.dep_ == "pobj":
        root = root.head  # "the passing of his brother, King X": the name set beside the noun the event is of
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ in ("of", "for") else root.head
    if root.dep_ not in ("pobj", "poss") or head.i == root.i:
        return None
    if head.pos_ in ("VERB", "AUX"):  # "attended the funeral | for X": the parser hangs "for X" on the verb
        head = next((c for c in head.children if c.dep_ == "dobj"), head)
    cues = knowledge().cues
    word = head.lemma_.lower()
    return next((name for name in ("owned_events", "mourned_events") if word in cues[name]), None)


def _takes_office(root: Token) -> bool:
    """ "X was sworn in", "X, who was inaugurated as president", "X was crowned": the one the ceremony is for."""
    verbs = knowledge().cues["owned_verbs"]
    named = [root, root.head] if root.dep_ == "appos" else [root]  # "his running mate, X, was sworn in"
    named.append(attachment(root))  # "X and Y were sworn in": the list the parser hangs on its last name
    if any(t.dep_ == "nsubjpass" and t.head.lemma_ in verbs for t in named):
        return True
    return any(
        c.dep_ == "relcl" and c.lemma_ in verbs and any(g.dep_ == "nsubjpass" for g in c.children)
        for t in named
        for c in t.children
    )


def _named_after(span: Span) -> bool:
    """ "Kim Il Sung Square", "Jomo Kenyatta's avenue": a place named after the person, right after the name (a
    square or avenue elsewhere in the sentence says nothing about the person)."""
    doc = span.doc
    after = span.end + 1 if span.end < len(doc) and doc[span.end].tag_ == "POS" else span.end
    return after < len(doc) and doc[after].lower_ in knowledge().cues["namesake_nouns"]


def _near_words(span: Span, words: list[str], after: int = WINDOW) -> bool:
    doc, sent = span.doc, span.sent
    window = doc[max(span.start - WINDOW, sent.start) : min(span.end + after, sent.end)]
    wanted = set(words)
    return any(_is_one_of(t, wanted) for t in window if not (span.start <= t.i < span.end))
