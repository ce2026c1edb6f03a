"""Directive frames: where a sentence tells an actor what to do ("X should ...", "we urge X to ...", "it is time ...").

Each frame yields candidates (subject token, action verb, frame name); whether a candidate is kept is decided
later by its score (briefings/extract/recommendation_score.py), so the frames are broad on purpose. Only what
can never be advice is refused here: no action verb, a perfect ("must have known"), a condition's clause.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from briefings.extract.recommendation_text import DASHES, separate_steps, step_start
from briefings.extract.ruledata import has_own_to, load_json
from briefings.extract.weapons import GAZETTEER_INDEX
from briefings.extract.weapons import HEADS as WEAPON_HEADS
from briefings.nlp.cues import cue_patterns, cues_in
from briefings.nlp.spans import entity_at, is_headline_case, spans_at
from briefings.nlp.spans import words as words_of

CUES = load_json("recommendation_cues.json")
MODALS = set(CUES["modals"])
NEED_VERBS = set(CUES["need_verbs"])
URGE_VERBS = set(CUES["urge_verbs"])
AUTHOR_URGE_VERBS = set(CUES["author_urge_verbs"])  # "we suggest that X act", "we ask X to act": the article's voice
LISTING_NOUNS = {"recommendation", "proposal", "suggestion"}  # "its recommendations include expanding X"
LISTED_FRAME = "listed_gerund"
GERUND_URGE_VERBS = set(CUES["gerund_urge_verbs"])  # "recommends creating a fund": the action with no actor named
CALL_PARTICLES = set(CUES["call_particles"])
THING_FRAME = "call_for_thing"
RESOLUTION_FRAME = "resolution_that"
JOINING_PARTICLES = {"together", "forward", "clean"}  # "come together": a verb of arriving made an action
FOR_VERBS = {"call", "appeal"}  # the urging verbs that take "for X to do"
AUTHOR_SUBJECTS = set(CUES["author_subjects"])
FINITE_VERB_TAGS = {"VBZ", "VBP", "VBD"}
RECOMMENDER_NOUNS = set(CUES["recommender_nouns"])  # "institute", "centre", "commission": bodies that advise
NOT_ACTIONS = set(CUES["not_recommendation_verbs"])
REPORTING = set(CUES["reporting_verbs"])
CONDITION_MARKS = set(CUES["condition_marks"])
NON_RESTRICTIVE_PRONOUNS = {"who"}  # "X, who urges Y to ...": a statement of its own; "which" clauses mostly describe
ADVICE_ADJECTIVES = set(CUES["advice_adjectives"])
FRAME_LEMMAS = frozenset(
    NEED_VERBS | URGE_VERBS | AUTHOR_URGE_VERBS | ADVICE_ADJECTIVES
)  # words that may open a frame besides modals
DEMONSTRATIVES = set(CUES["demonstrative_subjects"])
ACTOR_NOUNS = set(CUES["actor_nouns"])
FORECAST_MODALS = {"may", "might", "could", "would", "will", "can", "'ll", "’ll", "wo", "ca"}  # likelihood, not advice
DEGREE_WORDS = {"more", "less", "better", "everything", "whatever"}  # "do more": an action after all
OUTCOME_VERBS = frozenset({"ensure", "guarantee", "insure"})  # their that-clause tells an outcome sought, not a duty
BARE_VERB_TAGS = ("VB", "VBP")
PATTERN_GROUP = "recommendation"
KICKER_MARKS = ("|", ":", "]")  # a headline's section label ends at one of these ("[Editorial] ...")
HEADLINE_IMPERATIVE_FRAME = "editorial_headline"
PATTERN_FRAMES = frozenset(p.id for p in cue_patterns() if p.group == PATTERN_GROUP)
FRAMED_VERB_TAGS = (*BARE_VERB_TAGS, "VBD")  # "It is time India shed ...": a subjunctive the tagger reads as a past


@dataclass(frozen=True)
class Candidate:
    """One place where a sentence may recommend: who is told (`actor`), what to do (`action`), by which frame."""

    actor: Token | None
    action: Token
    frame: str
    by: str | None = None  # a named third party who recommends ("The Atlantic Council urged ...")
    speaker: Token | None = None  # the subject of an urging verb, when there is one
    cue: Token | None = None  # the urging verb ("urge", "call"), when the frame has one
    named_by: Token | None = None  # the verb whose phrase states the action, when "do so" refers back to it
    until: int | None = None  # where the next step of a series begins (the action's text ends before it)


def sentence_candidates(sent: Span, under_heading: bool = False, opinion_headline: bool = False) -> list[Candidate]:
    """Every directive frame of a sentence, its action verbs checked for the few things that are never advice;
    an urging inside another candidate's action ("should work with partners to encourage X to ...") is part of it.
    `under_heading`: the sentence comes right after a "Recommendation 3" heading; `opinion_headline`: it is the
    headline of an editorial or an opinion piece."""
    found = _word_frames(sent) + _pattern_frames(sent) + _vocative_imperative(sent) + _listed_gerunds(sent)
    found += _resolution_clause(sent, under_heading)
    found += _headline_imperative(sent) if opinion_headline else []
    actions = {c.action.i for c in found}
    found = [c for c in found if c.cue is None or not any(a.i in actions - {c.action.i} for a in c.cue.ancestors)]
    seen: set[int] = set()
    kept = []
    for candidate in map(_resolve_do_so, found):
        framed = candidate.frame in PATTERN_FRAMES
        if candidate.frame == THING_FRAME and candidate.action.i not in seen:
            seen.add(candidate.action.i)
            kept.append(candidate)  # a thing called for: no verb to check, no series of steps
            continue
        if candidate.action.i in seen or not (candidate.named_by or _can_be_advice(candidate.action, framed)):
            continue
        seen.add(candidate.action.i)
        kept.extend(_each_step(candidate, seen))
        kept.extend(_later_conjuncts(candidate, seen))
    return kept


def _each_step(candidate: Candidate, seen: set[int]) -> list[Candidate]:
    """The candidate, and one candidate for each further step of its series (same actor, same frame)."""
    steps = [s for s in separate_steps(candidate.action) if s.i not in seen]
    if candidate.named_by is not None or not steps:
        return [candidate]
    seen.update(s.i for s in steps)
    actions = [candidate.action, *steps]
    bounds = [step_start(s) for s in steps] + [None]
    return [replace(candidate, action=a, until=b) for a, b in zip(actions, bounds, strict=True)]


def _resolution_clause(sent: Span, under_heading: bool = False) -> list[Candidate]:
    """ "That the Government of Canada immediately begin the process to ...": a committee's recommendation or a
    motion, a sentence that is only a subjunctive "that" clause (the "recommends" is in the heading above it); under
    a "Recommendation 3" heading the "that" may be left out ("The Department of Defence provide ...")."""
    root = sent.root
    opening = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if opening is None or (opening.lower_ != "that" and not under_heading):
        return []
    if opening.lower_ == "that" and opening.head != root:
        return []  # the parser may call it the verb's object too ("That | the Government ... invest in")
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i != opening.i), None)  # not "That" itself
    if subject is None:
        return []
    return [Candidate(subject, root, RESOLUTION_FRAME)] if _is_subjunctive(root, subject) else []


def _listed_gerunds(sent: Span) -> list[Candidate]:
    """ "The report's recommendations include expanding X, creating Y and raising Z": each gerund the
    recommendations include is one step, with no actor named."""
    found: list[Candidate] = []
    words = words_of(sent.doc)
    for k in range(sent.start, sent.end):
        if words.dep[k] != "nsubj" or words.lemma_lower[k] not in LISTING_NOUNS:
            continue
        noun = sent.doc[k]
        if noun.head.lemma_ != "include":
            continue
        first = next((c for c in noun.head.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"), None)
        if first is None:
            continue  # "The recommendations include a new fund": no steps to list
        steps = [first, *(c for c in first.conjuncts if c.tag_ == "VBG" and c.i > first.i)]
        ends = [step_start(s) for s in steps[1:]] + [None]
        found.extend(Candidate(None, s, LISTED_FRAME, until=end) for s, end in zip(steps, ends, strict=True))
    return found


def _is_listed_gerund(action: Token) -> bool:
    """A gerund of "the recommendations include X-ing, Y-ing ...", or one coordinated with it."""
    first = action.head if action.dep_ == "conj" else action
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    include = first.head
    return (
        action.tag_ == "VBG"
        and include.lemma_ == "include"
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in LISTING_NOUNS for c in include.children)
    )


def _opening_imperative(sent: Span) -> Token | None:
    """The bare verb that opens the sentence (after a kicker: "Opinion | Stay out of ...", "[Editorial] Raise ...")
    with no subject: an order."""
    root = sent.root
    if root.tag_ not in BARE_VERB_TAGS or not any(c.islower() for c in root.text):
        return None  # "ISS TODAY OP-ED": a kicker in capitals, whatever the tagger reads in it
    kicker_end = max((t.i for t in sent if t.text in KICKER_MARKS and t.i < root.i), default=sent.start - 1)
    if root.tag_ != "VB" and kicker_end < sent.start:
        return None  # but "Editorial | Take lead on Haiti, PM": after a kicker the tagger may read a present
    words_from = sent.doc[kicker_end + 1 : sent.end]
    opening = [t for t in words_from if not t.is_punct and not t.is_space and t.dep_ not in ("aux", "neg")]
    if not opening or opening[0] != root or subject_of_own(root) is not None:
        return None
    if any(c.dep_ == "aux" and c.lower_ in ("does", "did") for c in root.children):
        return None  # "Does not include officials from ...": a subject left out, not an order
    return root


def _headline_imperative(sent: Span) -> list[Candidate]:
    """ "[Editorial] Raise nuclear deterrence", "Beef up deterrence": an editorial's headline that is an order is the
    step the paper recommends; whose step it is, the article says (no actor named here)."""
    root = _opening_imperative(sent)
    return [Candidate(None, root, HEADLINE_IMPERATIVE_FRAME)] if root is not None else []


def _vocative_imperative(sent: Span) -> list[Candidate]:
    """An order addressed by name, as editorial headlines give it: "Stay out of Venezuela, Mr. Trump", "Don't abandon
    Kyiv, Mr. President": a bare verb opening the sentence, no subject, and after its last comma the one addressed (a
    person, a title or a state), who is the actor."""
    root = _opening_imperative(sent)
    if root is None:
        return []
    commas = [t for t in sent if t.text == ","]
    words = [t for t in sent if commas and t.i > commas[-1].i and not t.is_punct and not t.is_space]
    if any(t.dep_ == "cc" for t in words):
        return []  # "..., Zimbabwe and Guinea-Bissau": the end of a list, not the one addressed
    heads = [t for t in words if not (words[0].i <= t.head.i <= words[-1].i) or t.head == t]
    if len(heads) != 1 or not _can_be_addressed(heads[0]):
        return []
    return [Candidate(heads[0], root, "vocative_imperative")]


def _can_be_addressed(token: Token) -> bool:
    """A person, a title or a state by its name: "Mr. Trump", "Mr. President", "Europe"."""
    return token.tag_ in ("NNP", "NNPS") and (
        token.ent_type_ in ("PERSON", "GPE", "NORP", "ORG", "LOC")
        or token.i in spans_at(token.doc, "titles")
        or token.i in spans_at(token.doc, "countries")
    )


def _resolve_do_so(candidate: Candidate) -> Candidate:
    """ "X ought to have cut off aid long ago, and they should do so now": "do so" takes the earlier verb's phrase."""
    action = candidate.action
    if action.lemma_ != "do" or action.i + 1 >= action.sent.end or action.nbor(1).lower_ != "so":
        return candidate
    if is_conditional(action) or _has_purpose(action):
        return candidate
    earlier = [
        t
        for t in action.doc[action.sent.start : action.i]
        if t.pos_ == "VERB"
        and t.tag_ in ("VB", "VBN")
        and ((not _in_relative_clause(t) and not is_conditional(t)) or _describes_the_doer(t, action))
    ]  # not "If divisions continue to prevent such a step, I urge countries to do so": the condition's verb
    return replace(candidate, named_by=earlier[-1]) if earlier else candidate


def _describes_the_doer(verb: Token, action: Token) -> bool:
    """ "Allies who can deliver tanks should now do so": a clause on the subject of "do so" says what they can do,
    which is what they are told to do."""
    subject = subject_of(action)
    return verb.dep_ == "relcl" and subject is not None and verb.head.i == subject.i


def _in_relative_clause(verb: Token) -> bool:
    """ "give it the weapons it has asked for, and they should do so": the verb of a clause that describes a noun
    is not the one "do so" repeats."""
    return any(t.dep_ in ("relcl", "acl") for t in (verb, *verb.ancestors))


def _word_frames(sent: Span) -> list[Candidate]:
    found: list[Candidate] = []
    for token in _frame_words(sent):
        lemma = token.lemma_.lower()
        if token.lower_ in MODALS and token.tag_ == "MD":
            found.extend(_modal_candidate(token))
        elif lemma in NEED_VERBS and _is_verb_or_misread_need(token) and not _is_mere_necessity(token):
            found.extend(_xcomp_candidate(token, subject_of(token), "need_" + lemma))
        elif lemma in URGE_VERBS and token.pos_ == "VERB":
            found.extend(_urge_candidates(token) or _call_for_candidates(token) or _call_for_thing(token))
        elif lemma in AUTHOR_URGE_VERBS and token.pos_ == "VERB":
            found.extend(_author_suggestion(token))
        elif lemma in URGE_VERBS and token.pos_ == "NOUN":
            found.extend(_urging_noun_candidates(token))
        elif lemma in ADVICE_ADJECTIVES and token.dep_ == "acomp":
            found.extend(_advice_candidates(token))
    return found


def _frame_words(sent: Span) -> list[Token]:
    """The sentence's modals and its need, urge and advice words, found on the Doc's word lists: only these few
    become Tokens and go through the frame tests."""
    doc, words, start = sent.doc, words_of(sent.doc), sent.start
    return [
        doc[start + k]
        for k, (lower, lemma) in enumerate(
            zip(words.lower[start : sent.end], words.lemma_lower[start : sent.end], strict=True)
        )
        if lower in MODALS or lemma in FRAME_LEMMAS
    ]


def _pattern_frames(sent: Span) -> list[Candidate]:
    """Frames kept as token patterns (briefings/data/patterns/recommendation.jsonl): the action is the first
    bare verb after the match ("It is time for Ottawa to build ...", "Tokyo would do well to ...")."""
    found = []
    for match in cues_in(sent, PATTERN_GROUP):
        action = next((t for t in sent.doc[match.end : sent.end] if t.tag_ in FRAMED_VERB_TAGS), None)
        if action is None:
            continue
        named_for = _for_object(sent.doc[match.start : action.i])
        if named_for is not None and not _can_act(named_for):
            continue  # "the need for immediate intervention to end the crisis": a thing needed, for a purpose
        actor = named_for or subject_of(action) or _subject_before(match)
        found.append(Candidate(actor, action, match.label_))
    return found


def _can_act(token: Token) -> bool:
    """A person, a body, a state or a word for one ("both sides", "the allies", "us"), not a thing or a deed."""
    if token.ent_type_ in AGENT_ENTITIES or token.pos_ in ("PROPN", "PRON"):
        return True
    return token.lemma_.lower() in ACTOR_NOUNS or token.lower_ in ACTOR_NOUNS


def _for_object(words: Span) -> Token | None:
    """The X of "time for X to ...", "the onus is on X to ...", "it falls to X to ...", which the parser hangs on
    the preposition rather than on the verb."""
    return next((t for t in words if t.dep_ == "pobj" and t.head.lower_ in ("for", "on", "upon", "to")), None)


def _subject_before(match: Span) -> Token | None:
    """The subject of the matched frame's own verb ("Tokyo" in "Tokyo would do well to ...")."""
    return next((subject_of(t) for t in match if t.pos_ in ("VERB", "AUX") and subject_of(t) is not None), None)


def _later_conjuncts(candidate: Candidate, seen: set[int]) -> list[Candidate]:
    """Actions coordinated after a semicolon ("should create ...; support ...; and leverage ...") are separate
    recommendations; commas keep a series together as one (its text covers the whole series)."""
    doc = candidate.action.doc
    found = []
    for conj in candidate.action.conjuncts:
        if conj.i <= candidate.action.i or conj.i in seen or conj.tag_ not in BARE_VERB_TAGS:
            continue
        if any(t.text == ";" for t in doc[candidate.action.i : conj.i]) and subject_of_own(conj) is None:
            seen.add(conj.i)
            found.append(replace(candidate, action=conj))
        elif candidate.frame == "urge" and _second_that_clause(conj):
            seen.add(conj.i)  # "recommended that NATO establish X and that allies double Y": a second one urged
            found.append(replace(candidate, actor=subject_of_own(conj), action=conj))
    return found


def _second_that_clause(conj: Token) -> bool:
    """A coordinated clause with its own "that" and its own subject."""
    return subject_of_own(conj) is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children)


def _is_verb_or_misread_need(token: Token) -> bool:
    """A verb, or "needs" tagged as a plural noun but heading a subject and a to-verb ("the west needs to go")."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    return token.lower_ == "needs" and any(c.dep_ == "nsubj" for c in token.children)


def _is_mere_necessity(verb: Token) -> bool:
    """ "has yet to respond", "had to withdraw", "will have to", "did not need to": a fact or a forecast; "we no
    longer need to": a need that has ended."""
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children):
        return True
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in OUTCOME_VERBS:
        return True  # "ensuring that neither side ever has to relive the war": an outcome sought, not a duty
    if verb.dep_ in ("ccomp", "relcl") and any(t.tag_ == "WP" and t.i < verb.i for t in verb.subtree):
        return True  # "so that they have what they need to win wars": the things needed, not a duty
    if verb.lemma_ == "need":
        return verb.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lower_ != "do" for c in verb.children)
    if verb.lemma_ != "have":
        return False
    return (
        verb.tag_ not in ("VBZ", "VBP")
        or any(c.lower_ in ("yet", "already", "still") for c in verb.children)
        or any(c.dep_ == "aux" for c in verb.children)
    )


def _modal_candidate(modal: Token) -> list[Candidate]:
    frame = "modal_" + modal.lower_
    if modal.dep_ == "ROOT" or modal.lower_ == "ought":
        return _xcomp_candidate(modal, subject_of(modal), frame) or _ought_read_by_position(modal, frame)
    verb = modal.head
    if verb.i < modal.i:
        return []  # "I argue that X should:" the modal's head is the verb before it, no action follows
    subject = _inverted_subject(verb, modal) or subject_of(verb)
    if subject is not None and subject.i > modal.i and not is_inverted_nor(modal):
        return []  # "Should Washington answer ...?": a question
    if subject is None and _is_title_case_verb(verb):
        subject = next((c for c in reversed(list(verb.lefts)) if c.i < modal.i and c.pos_ in ("PROPN", "NOUN")), None)
    if subject is not None and subject.lower_ == "which" and verb.dep_ in ("relcl", "advcl"):
        return []  # "more aid, which should allow Ukraine to ...": what a thing is expected to bring about
    if subject is not None and _is_a_weapon(subject):
        return []  # "the submarine, INS Arihant, should join the Navy soon": what a weapon is expected to do
    return [Candidate(subject, verb, frame)]


def _is_a_weapon(subject: Token) -> bool:
    """A weapon's class noun or catalogued name, or a word the name of one stands in apposition to."""
    named = [subject, *(c for c in subject.children if c.dep_ == "appos")]
    return subject.lemma_.lower() in WEAPON_HEADS or any(t.text in GAZETTEER_INDEX for t in named)


def _ought_read_by_position(modal: Token, frame: str) -> list[Candidate]:
    """ "The UK ought, at long last, to commit to ...": words between "ought" and "to" throw the parser off; the
    action is the bare verb after "to", the actor the subject before "ought"."""
    if modal.lower_ != "ought":
        return []
    to = next((t for t in modal.doc[modal.i + 1 : modal.sent.end] if t.lower_ == "to"), None)
    action = _infinitive_at(modal.doc, to.i, modal.sent.end) if to is not None else None
    if action is None:
        return []
    before = modal.doc[modal.sent.start : modal.i]
    subject = next((t for t in reversed(before) if t.dep_ in ("nsubj", "nsubjpass")), None)
    return [Candidate(subject, action, frame)]


def _is_title_case_verb(verb: Token) -> bool:
    """ "ECOWAS Should Tread Softly": in a title-case headline the tagger takes the verb after a modal for a name."""
    return (
        verb.tag_ in ("NNP", "NN")
        and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
        and is_headline_case(verb.sent)
    )


def _inverted_subject(verb: Token, modal: Token) -> Token | None:
    """ "Neither should the West ignore Iran": the parser takes "Neither" for a second subject; the one after the
    modal acts."""
    if not is_inverted_nor(modal):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i > modal.i), None)


def is_inverted_nor(modal: Token) -> bool:
    """ "Nor should NATO rule out aircraft": inversion after a negative, not a question (the action is negated)."""
    return modal.i > modal.sent.start and modal.doc[modal.i - 1].lower_ in ("nor", "neither")


def _xcomp_candidate(governor: Token, subject: Token | None, frame: str) -> list[Candidate]:
    action = next((c for c in governor.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if action is None or not any(c.lower_ == "to" for c in action.children):
        return []
    return [Candidate(subject, action, frame)]


def _advice_candidates(adjective: Token) -> list[Candidate]:
    """ "Washington would be wise to deepen ties" (subject + to-verb) and "It is imperative that X expand ..."."""
    verb = adjective.head
    action = next((c for c in adjective.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if action is not None and any(c.lower_ == "to" for c in action.children):
        return [Candidate(subject_of(verb), action, "advice")]
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return [Candidate(subject_of(clause), clause, "advice")]
    return []


def _call_for_candidates(verb: Token) -> list[Candidate]:
    """ "The report calls for Congress to fund new shipyards", "appealed for the world to send aid": "for X to do"
    hangs on the verb as a clause."""
    if verb.lemma_ not in FOR_VERBS:
        return []
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("advcl", "ccomp", "xcomp")
            and c.pos_ == "VERB"
            and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return []
    speaker = subject_of(verb)
    return [Candidate(subject_of(clause), clause, "call_for", _third_party(speaker), speaker, verb)]


def _call_for_thing(verb: Token) -> list[Candidate]:
    """ "We call for clarity in the mission", "This report calls for a new approach": in the article's own voice,
    the thing called for is the advice; no one is named to act on it."""
    if verb.lemma_ not in FOR_VERBS or _is_forecast(verb) or _is_counterfactual(verb):
        return []
    things = [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "for"
        for o in p.children
        if o.dep_ == "pobj" and o.pos_ == "NOUN"
    ]
    speaker = subject_of(verb)
    if not things or speaker is None or not (is_author_voice(speaker) or _is_policy_body(speaker)):
        return []  # reported calls ("protesters called for ...") are news, not the article's advice
    return [Candidate(None, things[0], THING_FRAME, _third_party(speaker), speaker, verb)]


def _is_policy_body(speaker: Token) -> bool:
    """A think tank, an institute or a commission ("The Australian Strategic Policy Institute has called for a
    rethink"): calling for policies is what it is for, so its call is a recommendation the news reports."""
    return any(t.lemma_.lower() in RECOMMENDER_NOUNS and t.is_title for t in speaker.subtree if t.i <= speaker.i)


def _urge_candidates(verb: Token) -> list[Candidate]:
    if (_is_forecast(verb) and not _is_polite_request(verb)) or _is_counterfactual(verb):
        return []  # "may encourage Beijing to ...", "should have appealed to the UN to ...": no advice now
    urged = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "X is urged to ...": X acts
    speaker = _passive_agent(verb) if urged is not None else subject_of(verb)
    headline = _headline_passive(verb) if urged is None else None
    if headline is not None:
        urged, speaker = headline  # "Albanese urged to boost north defences by US think tank"
    if urged is not None and speaker is None and _is_past_passive(verb):
        return []  # "diplomats were advised not to attend": an instruction the news reports, by no one named
    actor = urged or next((c for c in verb.children if c.dep_ == "dobj"), None)
    called = None
    for prep in _call_preps(verb):
        urged_one = next((c for c in prep.children if c.dep_ == "pobj"), None)
        called = urged_one if prep.lower_ != "to" else None
        actor = urged_one or actor
    action = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ != "VBG"), None)
    if action is None and called is not None:  # "call on X, Y and Z, to act": the comma makes it a clause apart
        action = next((c for c in verb.children if c.dep_ == "advcl" and _is_infinitive(c)), None)
    if action is None:  # "We recommend that X do"; a clause before the verb is another sentence the parser ran in
        action = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        actor = subject_of(action) if action is not None else None
    if action is None:
        action, actor = _misparsed_call_on(verb)
    if action is None and actor is None and urged is None:
        action, actor = _to_verb_under_the_urged(verb)
    if action is None and urged is None:
        return _gerund_candidate(verb, speaker)
    if action is None or actor is None or _requests_a_thing(verb, actor):
        return []
    until = speaker.head.i if headline and speaker is not None and speaker.head.i > action.i else None  # "by Z"
    return [Candidate(actor, action, "urge", _third_party(speaker), speaker, verb, until=until)]


def _headline_passive(verb: Token) -> tuple[Token, Token | None] | None:
    """A headline drops "is": "X urged to boost Y by Z" reads as X urging, with no one urged. An urging verb with
    a subject, no object and a to-verb is that passive: X is urged, Z (if named) urges."""
    subject = subject_of_own(verb)
    if subject is None or verb.tag_ not in ("VBD", "VBN") or any(c.dep_ == "dobj" for c in verb.children):
        return None
    action = next((c for c in verb.children if c.dep_ == "xcomp" and _is_infinitive(c)), None)
    if action is None:
        return None
    agent = next(
        (p for t in (verb, action) for c in t.children if c.lower_ == "by" for p in c.children if p.dep_ == "pobj"),
        None,
    )
    return subject, agent


def _gerund_candidate(verb: Token, speaker: Token | None) -> list[Candidate]:
    """ "The report recommends creating a joint command": a recommended action named by its gerund, with no actor
    (the actor is read from the article, as for a thing called for)."""
    gerund = next((c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"), None)
    if gerund is None or verb.lemma_.lower() not in GERUND_URGE_VERBS:
        return []
    return [Candidate(None, gerund, "urge", _third_party(speaker), speaker, verb)]


def _author_suggestion(verb: Token) -> list[Candidate]:
    """ "We suggest that the alliance deploy more troops", "The report suggests setting up a fund": a suggestion in
    the article's own voice (a subjunctive clause or a gerund) is advice; others' suggestions are mostly analysis."""
    speaker = subject_of(verb)
    if speaker is None or _is_forecast(verb) or _is_counterfactual(verb):
        return []
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and _is_subjunctive(c)), None) or _that_clause_below(
        verb
    )
    if not is_author_voice(speaker):
        if clause is None or speaker.lemma_.lower() not in RECOMMENDER_NOUNS:
            return []  # but "the study group suggested that Tokyo expand ...": a body's advice, in advice's form
        return [Candidate(subject_of_own(clause), clause, "urge", None, speaker, verb)]
    if clause is None:  # "we ask the government to halt ..."; in "we should ask X to ..." the asking is the advice
        asked = [] if any(c.tag_ == "MD" for c in verb.children) else _urge_candidates(verb)
        return asked or _gerund_candidate(verb, speaker)
    return [Candidate(subject_of_own(clause), clause, "urge", None, speaker, verb)]


def _that_clause_below(verb: Token) -> Token | None:
    """ "suggested in a report (titled "...") that Tokyo expand ...": a subjunctive that-clause the parser hung on a
    word of the verb's own phrase rather than on the verb."""
    for clause in verb.subtree:
        if clause.dep_ not in ("acl", "relcl", "ccomp", "advcl") or clause.head.i == verb.i:
            continue
        if not _marked_by_that(clause) or not _is_subjunctive(clause):
            continue
        between = list(clause.ancestors)[: [a.i for a in clause.ancestors].index(verb.i)]
        if not any(c.dep_ in ("nsubj", "nsubjpass") for a in between for c in a.children):
            return clause  # no other clause with its own subject stands between
    return None


def _is_subjunctive(verb: Token, subject: Token | None = None) -> bool:
    """ "that Canberra buy", "that the allies deploy": a bare verb after a singular subject (the tagger may call it a
    present), or a base form; no auxiliary. "that governments spend too much" is a plain present: not advice.
    `subject`, when the verb's own is misread ("That" made the subject of "That the Parliament consider")."""
    subject = subject or subject_of_own(verb)
    if subject is None or any(c.dep_ == "aux" for c in verb.children):
        return False
    return verb.tag_ == "VB" or (verb.tag_ == "VBP" and subject.tag_ in ("NN", "NNP"))


def _urging_noun_candidates(noun: Token) -> list[Candidate]:
    """ "reiterates his calls on X to desist ...", "an appeal to X to ...": the urging said as a noun. The parser
    hangs the to-verb anywhere (often with the noun as its subject), so the action is read by position: "to" and a
    bare verb right after the one called on."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in CALL_PARTICLES), None)
    actor = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    action = _infinitive_at(noun.doc, actor.right_edge.i + 1, noun.sent.end) if actor is not None else None
    if action is None or actor is None:
        return []
    speaker = subject_of(noun.head) if noun.head.pos_ == "VERB" else None
    return [Candidate(actor, action, "urge", _third_party(speaker), speaker, noun)]


def _infinitive_at(doc: Doc, start: int, end: int, reach: int = 3) -> Token | None:
    """The bare verb of "to (adverbs) VERB" beginning at `start`, if the words there are that."""
    if start >= end or doc[start].lower_ != "to":
        return None
    for token in doc[start + 1 : min(end, start + 1 + reach)]:
        if token.tag_ == "VB":
            return token
        if token.pos_ != "ADV":
            return None
    return None


def _call_preps(verb: Token) -> list[Token]:
    """The "on X" of "call on X to ...", "appeal to X to ..."; once one names who is called on, a later "to" phrase
    is part of that name ("call on all States and parties to armed conflict to avoid ...")."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in CALL_PARTICLES]
    first_on = next((k for k, p in enumerate(preps) if p.lower_ != "to"), None)
    return preps if first_on is None else preps[: first_on + 1]


AGENT_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")


def _requests_a_thing(verb: Token, actor: Token) -> bool:
    """ "Ukraine requested ATACMS to defend its homes": what is requested is a thing for a purpose, not an actor
    asked to act (as in "requested Congress to fund ...")."""
    if verb.lemma_ != "request" or actor.dep_ != "dobj" or actor.ent_type_ in AGENT_ENTITIES:
        return False
    return actor.lemma_.lower() not in ACTOR_NOUNS


def _is_infinitive(verb: Token) -> bool:
    return verb.pos_ == "VERB" and has_own_to(verb)


def _is_polite_request(verb: Token) -> bool:
    """ "I would urge the government to ...", "we would encourage ...": the writer's own advice, put politely."""
    subject = subject_of(verb)
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return subject is not None and subject.lower_ in ("i", "we") and auxes in (["would"], ["'d"])


def _is_counterfactual(verb: Token) -> bool:
    """ "should have appealed": a modal with a perfect looks back at what was not done."""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(a in MODALS for a in auxes) and any(a in ("have", "'ve") for a in auxes)


def _is_past_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)


def _passive_agent(verb: Token) -> Token | None:
    """Who urges, in the passive: the object of "by" ("urged by the report to ..."), else no one named."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _misparsed_call_on(verb: Token) -> tuple[Token | None, Token | None]:
    """ "called on negotiating parties to make ...": the to-verb hangs on the urging verb as an adverbial
    clause; the actor is the first noun between them."""
    action = next((c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)), None)
    if action is None or not any(c.dep_ == "prt" and c.lower_ in CALL_PARTICLES for c in verb.children):
        return None, None
    between = verb.doc[verb.i + 1 : action.i]
    actor = next((t for t in between if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "pobj", "nsubj")), None)
    return action, actor


def _to_verb_under_the_urged(verb: Token) -> tuple[Token | None, Token | None]:
    """ "urged western leaders gathered in Munich to maintain ...": the to-verb hangs on the participle describing
    the ones urged; they are the actor."""
    urged = next((c for c in verb.children if c.dep_ == "dobj"), None)
    described = [c for c in urged.children if c.dep_ == "acl"] if urged is not None else []
    action = next(
        (a for c in described for a in c.children if a.dep_ in ("advcl", "xcomp") and _is_infinitive(a)), None
    )
    return (action, urged) if action is not None else (None, None)


def is_author_voice(speaker: Token | None) -> bool:
    """No speaker, or the article's own voice ("we", "this report", "the authors")."""
    return speaker is None or speaker.lower_ in AUTHOR_SUBJECTS or speaker.lemma_.lower() in AUTHOR_SUBJECTS


def _third_party(speaker: Token | None) -> str | None:
    if speaker is None or is_author_voice(speaker) or speaker.pos_ == "PRON":
        return None
    return recommender_name(speaker)


def recommender_name(speaker: Token) -> str:
    """The speaker's phrase ("The Atlantic Council", "Analysts")."""
    return phrase_of(speaker)


def subject_of(verb: Token | None) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with or complements."""
    if verb is None:
        return None
    subject = subject_of_own(verb)
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return subject


def subject_of_own(verb: Token) -> Token | None:
    """The verb's own subject child, if it has one. In a title-case headline the parser may make the subject a
    compound of the finite verb ("U.S. Needs to Deliver ..."): a verb has no compounds, so that name is its subject."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.tag_ in FINITE_VERB_TAGS:
        subject = next((c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    return subject


def _can_be_advice(action: Token, framed: bool = False) -> bool:
    """A verb (not "expect", "see", "help" ...), not a perfect ("must have known"), not a condition's clause;
    a verb `framed` by a pattern ("it is time for X to ...") may hang on the frame as a relative clause."""
    if _is_never_an_action(action) or _is_forecast(action):
        return False
    if action.pos_ not in ("VERB", "AUX", "NOUN") and not _is_title_case_verb(action):
        return False
    tags = FRAMED_VERB_TAGS if framed else BARE_VERB_TAGS
    verb_like = (
        _is_mandative(action)
        or _is_bare_passive(action)
        or _is_progressive(action)
        or _is_title_case_verb(action)
        or _is_urged_gerund(action)
        or _is_listed_gerund(action)
    )
    if action.tag_ not in tags and not verb_like:
        return False
    if (
        action.lemma_ == "do"
        and not _has_purpose(action)
        and not any(
            (c.dep_ in ("dobj", "ccomp", "xcomp") and c.tag_ not in ("WP", "WDT")) or c.lower_ in DEGREE_WORDS
            for c in action.children
        )
    ):
        return False  # "what X should do now", "they should do so": no action named
    if any(c.lower_ in ("have", "'ve") and c.dep_ == "aux" for c in action.children):
        return False
    return not is_conditional(action, framed)


def _is_urged_gerund(action: Token) -> bool:
    """ "recommends creating a fund": the gerund a recommending verb takes as its object."""
    return action.tag_ == "VBG" and action.dep_ in ("xcomp", "dobj") and action.head.lemma_.lower() in GERUND_URGE_VERBS


def _is_forecast(verb: Token) -> bool:
    """The verb carries a modal of likelihood or future ("may", "could", "will") and none of advice ("can and should
    do more" advises)."""
    modals = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(m in FORECAST_MODALS for m in modals) and not any(m in MODALS for m in modals)


def _has_purpose(verb: Token) -> bool:
    """A to-infinitive of purpose under the verb ("do so ... to impose an embargo")."""
    return any(c.dep_ == "advcl" and any(g.lower_ == "to" for g in c.children) for c in verb.children)


def _is_never_an_action(action: Token) -> bool:
    """ "expect", "see", "do so" ...; "ask" only when it asks someone to do something ("ask Congress to ...")."""
    lemma = action.lemma_.lower()
    if lemma == "ask":
        return not any(c.dep_ == "xcomp" for c in action.children)
    if lemma == "help":  # "This should help calm the markets": a forecast about a thing, not advice to an actor
        subject = subject_of(action)
        return subject is None or subject.lower_ in DEMONSTRATIVES
    if lemma == "do":  # "they should do so now", "did the same": the action is named elsewhere
        followed_by_so = action.i + 1 < action.sent.end and action.nbor(1).lower_ == "so"
        if followed_by_so and _has_purpose(action):
            return False  # "do so individually whatever they can to impose this arms embargo": named here
        return followed_by_so or any(c.lower_ in ("same", "likewise") for c in action.children)
    if lemma == "get" and any(c.dep_ == "acomp" for c in action.children):
        return False  # "must get serious about X", "get tough on X": a copula, like "be clear about"
    if lemma == "get" and any(c.lower_ == "together" for c in action.children):
        return False  # "should get its act together and take four steps", "get together to agree": acting
    if lemma == "come" and any(c.lower_ in JOINING_PARTICLES for c in action.children if c.i > action.i):
        return False  # "come together and take steps", "come forward with a plan": acting, not arriving
    return lemma in NOT_ACTIONS - {"be"}


def _is_bare_passive(action: Token) -> bool:
    """ "It should be cancelled": the participle after a bare "be"."""
    return action.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ == "be" for c in action.children)


def _is_progressive(action: Token) -> bool:
    """ "should be counseling restraint": the present participle after a bare "be" and a modal."""
    auxes = [c.lower_ for c in action.children if c.dep_ == "aux"]
    after_ought = action.dep_ == "xcomp" and action.head.lower_ == "ought"  # "ought to be pressing Cairo"
    return action.tag_ == "VBG" and "be" in auxes and (after_ought or any(a in MODALS for a in auxes))


def _is_mandative(action: Token) -> bool:
    """The bare verb of "we recommend that X sanction ...", which the tagger often reads as a noun."""
    return (
        action.dep_ == "ccomp"
        and action.head.lemma_.lower() in URGE_VERBS
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in action.children)
        and any(c.dep_ == "nsubj" for c in action.children)
        and any(c.dep_ == "dobj" for c in action.children)
    )


def is_conditional(action: Token, framed: bool = False) -> bool:
    """Inside an "if/unless/when ..." clause or (unless `framed`) a relative clause."""
    for token in (action, *action.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children):
            return True
        if framed or any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children):
            continue
        if token.dep_ == "relcl" and not after_an_aside(token) and not _marked_by_that(token):
            return not _the_time_when(token) and not _set_off_by_a_comma(token)
    return False


def _the_time_when(clause: Token) -> bool:
    """ "we are at a point when the West must make a full commitment": a "when" clause on a noun of time says
    the time for it has come, it sets no condition."""
    return clause.head.lemma_.lower() in CUES["time_nouns"] and any(
        c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children
    )


def _set_off_by_a_comma(clause: Token) -> bool:
    """ "say MEPs, who also urge EU countries to ...": a clause set off by a comma and opened by "who" adds a
    statement of its own about the one it follows; a clause without the comma picks out whom it means ("countries
    who should pay more")."""
    opener = clause.left_edge
    return opener.lower_ in NON_RESTRICTIVE_PRONOUNS and opener.i > 0 and clause.doc[opener.i - 1].text == ","


def _marked_by_that(clause: Token) -> bool:
    """A "relative clause" with "that" as its mark is a that-clause the parser hung on a noun ("a report titled X
    that Tokyo expand ..."): a relative pronoun is the clause's subject or object, never its mark."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def after_an_aside(clause: Token) -> bool:
    """A "relative clause" the parser hung on a word before a dash aside: no relative clause follows its noun
    across a dash, so it is the main clause ("In the summit — the first since ... — leaders should aim ...")."""
    between = clause.doc[clause.head.i + 1 : clause.left_edge.i + 1]  # the dash may open the clause itself
    return clause.head.i < clause.i and any(t.text in DASHES for t in between)


def reporting_speaker(action: Token) -> tuple[bool, Token | None]:
    """Whether a reporting verb ("says", "argues") governs the action, and its subject."""
    sent = action.sent
    if any(t.lower_ == "according" and t.i + 1 < sent.end and t.nbor(1).lower_ == "to" for t in sent):
        return True, None
    for token in action.ancestors:
        if token.lemma_.lower() in REPORTING and not _that_said(token):
            return True, subject_of(token)
    for token in action.sent.root.children:  # "..., he said." hangs the clause on the reporting verb or beside it
        if token.dep_ in ("parataxis",) and token.lemma_.lower() in REPORTING and not _that_said(token):
            return True, subject_of(token)
    return False, None


def _that_said(verb: Token) -> bool:
    """ "That said, X must ...": a turn in the argument, not a report of what someone said."""
    subject = subject_of(verb)
    after = verb.i + 1
    return (
        subject is not None
        and subject.lower_ in ("that", "this")
        and after < len(verb.doc)
        and verb.doc[after].text == ","
    )


def phrase_of(token: Token) -> str:
    """The noun phrase a token heads (its entity when it is part of one), without leading punctuation."""
    start = token.left_edge.i
    while start < token.i and (token.doc[start].is_punct or token.doc[start].is_space):
        start += 1
    span = token.doc[start : token.i + 1]
    if token.ent_type_:
        entity = entity_at(token)
        if entity is not None:  # up to a verb the model ran the name into ("U.S. Needs" in a headline)
            verb = next((t.i for t in entity if t.i > token.i and t.pos_ in ("VERB", "AUX")), entity.end)
            span = entity.doc[entity.start : verb]
    return span.text.strip()


def strip_det(text: str, keep_case: bool = False) -> str:
    """Without a leading article; lower-cased unless asked."""
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) if keep_case else " ".join(words).lower()
