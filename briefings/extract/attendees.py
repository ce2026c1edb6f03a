"""Extract attendees: named people reported as attending, expected at, invited to or declining an event.

Candidates, then a score: every named person of the article is a candidate (attendee_features.py); a logistic
score over their features, with the weights fitted on annotated articles (data/attendee_weights.json, written by
`python -m briefings.extract.train_attendees`), decides who attended; one threshold decides. The status comes
from the attendance frames and the tense of the sentences that name the person: future or scheduled ->
expected, past -> attended; a person whom a frame only reports as invited or declining keeps that status.
"""

from __future__ import annotations

import json
import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from briefings.extract.attendee_features import FEATURES, Candidate, Mention, candidates, says_no_words
from briefings.extract.attendee_names import role_and_country
from briefings.extract.dates import Reference, reference_for
from briefings.extract.events import about_another_occasion
from briefings.models import Attendee, AttendeeStatus, Event, Evidence
from briefings.nlp.knowledge import DATA_DIR, knowledge
from briefings.nlp.spans import sentence_ents, span_text, spans_at, text_of

WEIGHTS_FILE = DATA_DIR / "attendee_weights.json"
STATUS_RANK = {"attended": 4, "expected": 3, "invited": 2, "declined": 1}
EVIDENCE_OF_THEIR_OWN = (  # features tied to the person, not to the sentence they stand in
    "frame",
    "subject_of_event_verb",
    "clause_cue",
    "position_pattern",
    "group_list",
    "name_list",
    "listed_under_heading",
    "pictured",
)
EXCLUDING = (
    "quoted",
    "commentator",
    "negative_cue",
    "conditional",
    "hedged",
    "question",
    "remote",
    "listed_elsewhere",
    "frame_rejected",
    "historical",
)
AGAINST_A_FRAME = (  # a quote does not count against: "Speaking at the parade, X said ..." puts the speaker there
    *(f for f in EXCLUDING if f != "quoted"),
    "earlier_year",
    "mostly_background",
    "credit",
)
MAX_EVIDENCE = 3  # sentences cited per attendee: enough to check the claim without repeating the article

# Hand-set weights, the baseline the fitted ones are compared with (and used if the data file is missing).
HAND_WEIGHTS = {
    "frame": 3.0,  # a parse frame is the most direct statement of attendance
    "subject_of_event_verb": 1.0,  # the subject of "reviewed", "arrived", "met" is there
    "attend_cue": 0.5,  # an attendance word in the sentence is weaker: it may be about someone else
    "clause_cue": 1.0,  # the verb over the name is an event verb
    "position_cue": 0.5,  # a stand, a seat, a greeting: someone is at the scene
    "position_pattern": 1.0,  # "flanked by", "on the rostrum" near the name places that person there
    "group_list": 1.5,  # "leaders ... including X" lists the guests
    "name_list": 0.5,  # one of several people named in a sentence about the event
    "listed_under_heading": 1.5,  # a guest list under "Guests present:"
    "event_in_sentence": 0.5,  # the sentence is about an event
    "event_nearby": 0.25,  # half as much when the event is in the next sentence
    "event_evidence": 0.5,  # the events extractor cites the sentence
    "event_proximity": 0.5,  # closer to an event mention, likelier at it
    "titled": 0.5,  # officials attend; commentators seldom carry titles
    "head_of_state": 0.5,  # heads of state are the guests reports name
    "country": 0.25,  # "Laos's X": a national delegate
    "pictured": 1.0,  # a photo caption in an article about an event shows someone who was there
    "headline": 0.5,  # the person the story is about
    "lede": 0.25,  # named in the opening
    "mentions": 0.5,  # named often: central to the story
    "has_events": 1.0,  # no event, no attendee
    "frame_refused": -3.0,  # "declined the invitation"
    "negative_cue": -1.0,  # "skipped", "did not attend"
    "invited_cue": -0.5,  # invited is not yet attending
    "quoted": -1.5,  # people who only speak are not attendees
    "commentator": -2.0,  # analysts, professors, spokespeople
    "credit": -4.0,  # bylines and photo credits
    "earlier_year": -2.0,  # an earlier year's event
    "historical": -1.5,  # the late founder, a square's namesake
    "question": -0.5,  # "Will X attend?"
    "conditional": -1.0,  # "if X attends"
    "hedged": -1.0,  # "X might attend"
    "remote": -1.0,  # by video link
    "listed_elsewhere": -1.5,  # a list under another heading
    "frame_rejected": -2.0,  # the rules say the person went elsewhere
    "one_word": -3.0,  # a single word cannot name a person for the brief
    "no_evidence": -1.5,  # nothing says the person was there
    "mostly_background": -1.5,  # named mostly about earlier years or hypotheses
    "unframed_subject": 0.0,  # the frame rules said no, but they miss much of real copy
    "future": 0.0,  # tense sets the status, not the decision
    "advice_share": -2.0,  # an op-ed argues; it seldom reports who attended
}
HAND_BIAS = -4.0  # a bare mention with nothing for or against it is not an attendee
HAND_THRESHOLD = 0.5
COMPANION_MARGIN = 0.25  # a spouse named beside an attendee, scored this far under the threshold, came along
SPOUSE_REACH = 6  # "and his wife, the First Lady": the words before a spouse's name that say so


@dataclass(frozen=True)
class AttendeeModel:
    """Weights of the logistic score and the threshold that decides."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, features: dict[str, float]) -> float:
        """Probability-like score of attending, from the candidate's features."""
        total = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


HAND_MODEL = AttendeeModel(HAND_WEIGHTS, HAND_BIAS, HAND_THRESHOLD)


@lru_cache(maxsize=1)
def fitted_model() -> AttendeeModel:
    """The fitted weights from data/attendee_weights.json, or the hand-set ones when the file is absent."""
    if not WEIGHTS_FILE.exists():
        return HAND_MODEL
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    weights = dict(zip(data["features"], data["weights"], strict=True))
    missing = set(FEATURES) - set(weights)
    if missing:
        raise ValueError(f"{WEIGHTS_FILE.name} lacks weights for {sorted(missing)}: re-run train_attendees")
    return AttendeeModel(weights, data["bias"], data["threshold"])


def extract_attendees(doc: Doc, context, model: AttendeeModel | None = None) -> list[Attendee]:
    """Attendees of this article's events, one per person, with the status the article gives them."""
    model = model or fitted_model()
    if not context.events and about_another_occasion(doc, context):
        return []  # the champions' victory parade, a film's premiere: the dignitaries there are no guests of ours
    doc._.event_cities = frozenset(e.location for e in context.events if e.location)
    reference = reference_for(context.document, text_of(doc))
    found, below = [], []
    for candidate in candidates(doc, context):
        if not context.events and candidate.features["advice_share"] > 0 and not _told_attending(candidate):
            continue  # an op-ed with no event: only a sentence that says the person attends makes an attendee
        if not context.events and not _evidence_of_their_own(candidate):
            continue  # no event: a word of attending somewhere in the sentence ("join", "receive") is not enough
        score = model.score(candidate.features)
        status = _status(candidate, score >= model.threshold or _framed_full_name(candidate), context.events, reference)
        if status is not None:
            found.append(_attendee(candidate, status, score, context))
        elif score >= model.threshold - COMPANION_MARGIN:
            below.append((candidate, score))
    return found + _companions(below, found, context, reference)


def _companions(below: list[tuple[Candidate, float]], found: list[Attendee], context, reference) -> list[Attendee]:
    """A spouse named beside an attendee ("X and his wife, Y"; "X and the First Lady Y") came with them: just
    under the threshold, the companion takes the attendee's status."""
    attending = {a.name: a.status for a in found if a.status in ("attended", "expected")}
    kept = []
    for candidate, score in below:
        one_name = " " not in candidate.name  # "First Lady Rachel": a first name alone names no one for the brief
        if one_name or _ruled_out(candidate) or not _status(candidate, True, context.events, reference):
            continue
        partner = next((p for m in candidate.mentions if (p := _spouse_of(m.span, attending)) is not None), None)
        if partner is not None:
            kept.append(_attendee(candidate, str(attending[partner]), score, context))
    return kept


def _spouse_of(span: Span, attending: dict) -> str | None:
    """The attendee whose spouse this mention names: a spouse word just before it, an attendee earlier in the
    sentence joined to it by "and"."""
    doc, kin = span.doc, knowledge().cues["spouse_words"]
    before = [t for t in doc[max(span.sent.start, span.start - SPOUSE_REACH) : span.start] if not t.is_punct]
    if not any(t.lower_ in kin for t in before) or not any(t.lower_ == "and" for t in before):
        return None
    earlier = [e for e in sentence_ents(span.sent) if e.label_ == "PERSON" and e.end <= span.start]
    for ent in reversed(earlier):
        name = next((n for n in attending if ent.text.endswith(n.split()[-1])), None)
        if name is not None:
            return name
    return None


def _framed_full_name(candidate: Candidate) -> bool:
    """A full name an attendance frame places at the event, with nothing against it (no quote, commentator,
    refusal, condition, earlier year ...): attends whatever the other features weigh. The fitted weights share the
    frame's credit with features that come with it (an event in the sentence), so an untitled guest named once
    ("Mourners included X and Y") fell under the threshold with the frame alone."""
    words = candidate.name.split()
    if len(words) < 2 or any(len(w) > 1 and w.isupper() and w.isalpha() for w in words):
        return False  # a one-word name or an acronym ("DG SPD"); initials ("R.N. Ravi") are a name's
    framed = candidate.features["frame"] == 1.0 and not any(
        m.status in ("declined", "invited") for m in candidate.mentions
    )
    return framed and not any(candidate.features.get(f, 0.0) > 0 for f in AGAINST_A_FRAME)


def _evidence_of_their_own(candidate: Candidate) -> bool:
    """Evidence tied to the person, not only to their sentence: a frame, their own verb or list, a position."""
    return any(candidate.features[f] > 0 for f in EVIDENCE_OF_THEIR_OWN) or any(m.status for m in candidate.mentions)


def _told_attending(candidate: Candidate) -> bool:
    return any(m.status in ("attended", "expected", "present") for m in candidate.mentions)


def counted_if_scored(candidate: Candidate, events: tuple[Event, ...], reference: Reference) -> bool:
    """Whether the candidate would be an attendee (attended/expected) were the score above the threshold."""
    return _status(candidate, True, events, reference) in ("attended", "expected")


def _status(candidate: Candidate, attends: bool, events: tuple[Event, ...], reference: Reference) -> str | None:
    """attended/expected when the score says the person attends and no rule of the guide forbids it;
    invited/declined when a frame says only that."""
    told = [m.status for m in candidate.mentions if m.status]
    attending = [s for s in told if s in ("attended", "expected", "present")]
    refused = [s for s in told if s in ("declined", "invited")]
    if _never_attends(candidate):
        return None
    if refused and not attending:
        return max(refused, key=STATUS_RANK.__getitem__)
    if not attends or (not attending and _ruled_out(candidate)):
        return None
    if "attended" in attending:
        return "attended"
    if "expected" in attending:
        return "expected"
    best = _best_mention(candidate)
    if not attending and best.features["future"] == 1.0:
        return "expected"
    return _tense_of_event(_event_for(best.span.sent, events), reference, best)


def _ruled_out(candidate: Candidate) -> bool:
    """The annotation guide's categorical exclusions, when no frame says the person attends: nothing in the article
    says the person was there, or they are named mostly about earlier years, or every mention is one of: a quote, a
    commentator, a refusal, a condition, a possibility, a question, a remote part, another list, a trip elsewhere
    or history (not necessarily the same one: a phone call, then a quote). Kept as rules because the annotated data
    holds too few of each to weigh them; together they rule out 331 of real dev's 941 candidates, 33 of them
    annotated attendees (right 9 times in 10)."""
    return (
        candidate.features["no_evidence"] == 1.0
        or candidate.features["mostly_background"] == 1.0
        or all(any(m.features[f] == 1.0 for f in EXCLUDING) for m in candidate.mentions)
    )


def _never_attends(candidate: Candidate) -> bool:
    """Authors and credited photographers, the dead a funeral is for, people named only about earlier years, and
    those someone else represented, are never attendees."""
    mentions = candidate.mentions
    return (
        candidate.represented
        or any(m.features["credit"] == 1.0 or m.features["mourned"] == 1.0 for m in mentions)
        or all(m.features["earlier_year"] == 1.0 for m in mentions)
    )


def _tense_of_event(event: Event | None, reference: Reference, mention: Mention) -> str:
    """A sentence, or the verb over the name, in the past tense says attended; otherwise the event's date against
    the article's decides."""
    reporting = knowledge().cues["reporting_verbs"]
    if any(t.dep_ == "ROOT" and _in_past_tense(t) and _tells_an_act(t, reporting) for t in mention.span.sent):
        return "attended"
    verb = next((t for t in mention.span.root.ancestors if t.pos_ == "VERB"), None)
    if verb is not None and _in_past_tense(verb) and _tells_an_act(verb, reporting):
        return "attended"  # "Y did not attend and sent X in his place"
    if event is not None and event.date and reference.day:
        return "attended" if event.date <= reference.day.isoformat() else "expected"
    return "attended" if reference.day else "expected"


def _in_past_tense(verb: Token) -> bool:
    """ "attended", and the passive "was attended by" (its auxiliary in the past)."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)


def _tells_an_act(verb: Token, reporting: AbstractSet[str]) -> bool:
    """Not "he said"; but "added dignity to the parade" is an act."""
    return verb.lemma_ not in reporting or says_no_words(verb)


def _best_mention(candidate: Candidate) -> Mention:
    """The mention with the most evidence for attending (the first on a tie)."""
    return max(
        candidate.mentions,
        key=lambda m: (
            m.status in ("attended", "expected", "present"),
            sum(HAND_MODEL.weights[f] * v for f, v in m.features.items() if f in HAND_WEIGHTS),
        ),
    )


def _attendee(candidate: Candidate, status: str, score: float, context) -> Attendee:
    best = _best_mention(candidate)
    event = _event_for(best.span.sent, context.events)
    role = country = None
    for mention in candidate.mentions:
        found_role, found_country = role_and_country(mention.span)
        role, country = role or found_role, country or found_country
    return Attendee(
        name=candidate.name,
        status=AttendeeStatus(status),
        role=role,
        country=country,
        event=event.id if event else None,
        evidence=tuple(_evidence(m.span.sent, context.document.id) for m in _evidence_mentions(candidate)),
        confidence=round(score, 3),
    )


def _evidence_mentions(candidate: Candidate) -> list[Mention]:
    best = _best_mention(candidate)
    seen, chosen = {best.span.sent.start}, [best]
    for mention in candidate.mentions:
        if len(chosen) < MAX_EVIDENCE and mention.span.sent.start not in seen and mention.status:
            seen.add(mention.span.sent.start)
            chosen.append(mention)
    return chosen


def _evidence(sent: Span, doc_id: str) -> Evidence:
    return Evidence(doc=doc_id, text=span_text(sent).strip(), start=sent.start_char, end=sent.end_char)


def _event_for(sent: Span, events: tuple[Event, ...]) -> Event | None:
    """The event this sentence cites, else one whose city it names, else the article's lead event."""
    for event in events:
        if any(e.start is not None and e.start <= sent.start_char < (e.end or e.start + 1) for e in event.evidence):
            return event
    places = spans_at(sent.doc, "places")
    cities = {places[i].label_ for i in range(sent.start, sent.end) if i in places}
    for event in events:
        if event.location in cities:
            return event
    return events[0] if events else None
