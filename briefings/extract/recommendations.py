"""Extract explicit policy recommendations: "X should/must/ought to/needs to ...", "we urge X to ..."."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from briefings.extract.quotes import inside_quote, quoted_ranges
from briefings.extract.ruledata import LIST_ITEM, load_json, sentence_evidence
from briefings.models import Recommendation

CUES = load_json("recommendation_cues.json")
MODALS = set(CUES["modals"])
NEED_VERBS = set(CUES["need_verbs"])
URGE_VERBS = set(CUES["urge_verbs"])
CALL_PARTICLES = set(CUES["call_particles"])
AUTHOR_SUBJECTS = set(CUES["author_subjects"])
NOT_ACTIONS = set(CUES["not_recommendation_verbs"])
REPORTING = set(CUES["reporting_verbs"])
CONDITION_MARKS = set(CUES["condition_marks"])
ACTOR_NOUNS = set(CUES["actor_nouns"])
RECOMMENDER_NOUNS = set(CUES["recommender_nouns"])
STEP_VERBS = set(CUES["list_step_verbs"])
ADVICE_ADJECTIVES = set(CUES["advice_adjectives"])
DEFERRED = set(CUES["deferred_actor_nouns"])
ALIASES: dict[str, str] = CUES["actor_aliases"]
STATES = set(ALIASES.values())
ACTOR_ENTS = {"GPE", "ORG", "NORP"}
QUESTION_WORDS = {"what", "how", "why", "where", "when", "who", "which", "should", "must"}
DROPPED_RIGHT = {"punct", "parataxis", "npadvmod", "appos"}


@dataclass(frozen=True)
class _Candidate:
    actor: Token | None
    action: Token
    author_voice: bool
    by: str | None


def extract_recommendations(doc: Doc, context) -> list[Recommendation]:
    """Recommendations stated in the article's own voice (or by a named recommender), with actor and action."""
    quotes = quoted_ranges(doc.text)
    found: list[Recommendation] = []
    previous_actor: str | None = None
    listing: Recommendation | None = None  # the introduction of a list of steps ("... take the following steps:")
    for sent in doc.sents:
        in_list = listing is not None and bool(LIST_ITEM.match(sent.text))
        step = _listed_step(sent, listing, context) if in_list else None
        if step is not None:
            found.append(step)
            continue
        if not in_list:
            listing = None
        if _is_recommendation_heading(sent):
            listing = Recommendation(
                actor=previous_actor, text="", by=_document_voice(context.document), confidence=0.6
            )
            continue
        if _skip_sentence(sent):
            continue
        for candidate in _candidates(sent):
            if inside_quote(quotes, candidate.action.idx) or not _is_clean_action(candidate.action):
                continue
            actor = _actor_name(candidate.actor, sent, previous_actor)
            if actor is None:
                continue
            recommendation = _recommendation(candidate, actor, sent, context)
            if sent.text.rstrip().endswith(":") and _announces_a_list(candidate.action):
                listing = recommendation
            else:
                found.append(recommendation)
            previous_actor = actor
    return found


def _is_recommendation_heading(sent: Span) -> bool:
    """ "Recommendations", "Our recommendations:", "What we recommend": a heading over a list of steps."""
    text = sent.text.strip()
    return (
        0 < len(sent) <= 8
        and text[-1:] not in (".", "!", "?")
        and any(t.lemma_.lower() in ("recommend", "recommendation") for t in sent)
    )


def _announces_a_list(action: Token) -> bool:
    """ "take the following steps:", "do the following:": the action is the list that comes next."""
    return any(t.lower_ in ("following", "these", "steps", "measures") for t in action.subtree)


def _listed_step(sent: Span, listing: Recommendation, context) -> Recommendation | None:
    """A list item under such an introduction that starts with a bare verb ("- Fund a second line ...")."""
    after_mark = sent.start_char + LIST_ITEM.match(sent.text).end()
    words = [t for t in sent if t.idx >= after_mark and not t.is_punct and not t.is_space]
    if not words or words[0].tag_ not in ("VB", "VBP", "NNP", "NN") or words[0].lemma_.lower() in NOT_ACTIONS:
        return None
    if words[0].tag_ in ("NNP", "NN") and not _is_verb_word(words):
        return None
    text = sent.doc[words[0].i : sent.end].text.strip().rstrip(".;").strip()
    return Recommendation(
        actor=listing.actor,
        text=text[:1].lower() + text[1:],
        by=listing.by,
        evidence=(sentence_evidence(context.document.id, sent),),
        confidence=listing.confidence,
    )


def _is_verb_word(words: list[Token]) -> bool:
    """A capitalised list-initial verb the tagger read as a noun ("Fund a second line", "Expand drills"):
    a known policy verb, or the line's root followed straight away by the start of its object."""
    if len(words) < 2 or not words[0].is_title:
        return False
    return words[0].lower_ in STEP_VERBS or (words[0].dep_ == "ROOT" and words[1].tag_ in ("DT", "PRP$", "CD", "JJ"))


def _skip_sentence(sent: Span) -> bool:
    text = sent.text.strip()
    return not text or text.endswith("?") or _is_headline(text) or _is_question_heading(text)


def _is_question_heading(text: str) -> bool:
    """ "What Brazil should do now": a heading phrased as a question, without its question mark."""
    return text[-1] not in '.!:;"”’)' and text.split()[0].lower() in QUESTION_WORDS


def _is_headline(text: str) -> bool:
    if text[-1] in '.!:;"”’)':
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitalised / len(words) >= 0.6


def _candidates(sent: Span) -> list[_Candidate]:
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.lower_ in MODALS and token.tag_ == "MD":
            found.extend(_modal_candidate(token))
        elif lemma in NEED_VERBS and token.pos_ == "VERB" and not _is_mere_necessity(token):
            found.extend(_xcomp_candidate(token, _subject(token)))
        elif lemma in URGE_VERBS and token.pos_ == "VERB":
            found.extend(_urge_candidates(token) or _call_for_candidates(token))
        elif lemma in ADVICE_ADJECTIVES and token.dep_ == "acomp":
            found.extend(_advice_candidates(token))
    return found


def _is_mere_necessity(verb: Token) -> bool:
    """ "has yet to respond", "had to withdraw", "will have to": a fact or a forecast, not advice."""
    if verb.lemma_ != "have":
        return False
    return (
        verb.tag_ not in ("VBZ", "VBP")
        or any(c.lower_ in ("yet", "already", "still") for c in verb.children)
        or any(c.dep_ == "aux" for c in verb.children)
    )


def _advice_candidates(adjective: Token) -> list[_Candidate]:
    """ "Washington would be wise to deepen ties" (subject + to-verb) and "It is imperative that X expand ..."."""
    verb = adjective.head
    action = next((c for c in adjective.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if action is not None and any(c.lower_ == "to" for c in action.children):
        return [_Candidate(_subject(verb), action, True, None)]
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return [_Candidate(_subject(clause), clause, True, None)]
    return []


def _call_for_candidates(verb: Token) -> list[_Candidate]:
    """ "The report calls for Congress to fund new shipyards": "for X to do" hangs on the verb as a clause."""
    if verb.lemma_ != "call":
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
    speaker = _subject(verb)
    voice = speaker is None or speaker.lower_ in AUTHOR_SUBJECTS or speaker.lemma_.lower() in AUTHOR_SUBJECTS
    return [_Candidate(_subject(clause), clause, voice, None if voice else _recommender_name(speaker))]


def _modal_candidate(modal: Token) -> list[_Candidate]:
    if modal.dep_ == "ROOT" or modal.lower_ == "ought":
        return _xcomp_candidate(modal, _subject(modal))
    verb = modal.head
    subject = _subject(verb)
    if subject is not None and subject.i > modal.i:
        return []
    return [_Candidate(subject, verb, True, None)]


def _xcomp_candidate(governor: Token, subject: Token | None) -> list[_Candidate]:
    action = next((c for c in governor.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if action is None or not any(c.lower_ == "to" for c in action.children):
        return []
    return [_Candidate(subject, action, True, None)]


def _urge_candidates(verb: Token) -> list[_Candidate]:
    speaker = _subject(verb)
    voice = speaker is None or speaker.lower_ in AUTHOR_SUBJECTS or speaker.lemma_.lower() in AUTHOR_SUBJECTS
    by = None if voice else _recommender_name(speaker)
    if (
        speaker is not None
        and not voice
        and speaker.ent_type_ not in ("ORG", "PERSON")
        and speaker.lemma_.lower() not in RECOMMENDER_NOUNS
    ):
        return []
    actor = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in CALL_PARTICLES):
        actor = next((c for c in prep.children if c.dep_ == "pobj"), actor)
    action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if action is None:
        action = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        actor = _subject(action) if action is not None else None
    if action is None or actor is None:
        return []
    return [_Candidate(actor, action, voice, by)]


def _recommender_name(speaker: Token) -> str:
    """The speaker's name; "The Centre" stands for the fuller name the article gives ("Centre for European ...")."""
    phrase = _phrase(speaker)
    word = _strip_det(phrase, keep_case=True)
    if speaker.lemma_.lower() in RECOMMENDER_NOUNS and len(word.split()) == 1:
        fuller = next(
            (e.text for e in speaker.doc.ents if e.label_ == "ORG" and word in e.text.split() and e.text != word), None
        )
        return _strip_det(fuller, keep_case=True) if fuller else phrase
    return phrase


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return _subject(verb.head)
    return subject


def _is_clean_action(action: Token) -> bool:
    """Not a prediction, a passive, a perfect, a condition or a reported third party's view."""
    if action.lemma_.lower() in NOT_ACTIONS or (action.tag_ not in ("VB", "VBP") and not _is_mandative(action)):
        return False
    if action.dep_ in ("advcl", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ in ("for", "that") for m in action.children
    ):
        return not _is_reported(action)  # "calls for X to ...", "It is imperative that X ...": the frame is the cue
    if action.lemma_ == "do" and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in action.children):
        return False  # "what X should do now": no action named
    if any(
        c.dep_ in ("auxpass", "nsubjpass") or (c.lower_ in ("have", "been") and c.dep_ == "aux")
        for c in action.children
    ):
        return False
    return not _is_conditional(action) and not _is_reported(action)


def _is_mandative(action: Token) -> bool:
    """The bare verb of "we recommend that X sanction ...", which the tagger often reads as a noun."""
    return (
        action.dep_ == "ccomp"
        and action.head.lemma_.lower() in URGE_VERBS
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in action.children)
        and any(c.dep_ == "nsubj" for c in action.children)
        and any(c.dep_ == "dobj" for c in action.children)
    )


def _is_conditional(action: Token) -> bool:
    for token in (action, *action.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children):
            return True
        if token.dep_ in ("advcl", "relcl"):
            return True
    return False


def _is_reported(action: Token) -> bool:
    sent = action.sent
    if any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in sent if t.i + 1 < sent.end):
        return True
    for token in action.ancestors:
        if token.lemma_.lower() in REPORTING:
            speaker = _subject(token)
            return speaker is None or speaker.lower_ not in AUTHOR_SUBJECTS
    return False


# ---- actor, action text, author ----------------------------------------------------------------


def _actor_name(actor: Token | None, sent: Span, previous: str | None) -> str | None:
    if actor is None:
        return None
    phrase = _phrase(actor)
    key = phrase.lower()
    if key in ALIASES or _strip_det(key) in ALIASES:
        return ALIASES.get(key) or ALIASES[_strip_det(key)]
    if _strip_det(key) in DEFERRED or actor.lower_ in DEFERRED:
        return _paragraph_state(sent, before=actor.idx) or (previous if previous in STATES else None) or phrase
    if actor.ent_type_ in ACTOR_ENTS or actor.lemma_.lower() in ACTOR_NOUNS or actor.lower_ in ACTOR_NOUNS:
        return _strip_det(phrase, keep_case=True)
    if actor.pos_ == "NOUN" and any(t.ent_type_ in ACTOR_ENTS for t in actor.lefts for t in t.subtree):
        return _strip_det(phrase, keep_case=True)  # "NATO's eastern members", "European member states"
    return None


def _phrase(token: Token) -> str:
    start = token.left_edge.i
    while start < token.i and (token.doc[start].is_punct or token.doc[start].is_space):
        start += 1
    span = token.doc[start : token.i + 1]
    if token.ent_type_:
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if entity is not None:
            span = entity
    return span.text.strip()


def _strip_det(text: str, keep_case: bool = False) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) if keep_case else " ".join(words).lower()


def _paragraph_state(sent: Span, before: int | None = None) -> str | None:
    """The first state named in the paragraph up to `before` (the deferred actor's position)."""
    text = sent.doc.text
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = sent.end_char if before is None else before
    for entity in sent.doc.ents:
        if start <= entity.start_char < end and entity.label_ == "GPE":
            key = entity.text.lower()
            if key in ALIASES or _strip_det(key) in ALIASES:
                return ALIASES.get(key) or ALIASES[_strip_det(key)]
    return None


def _recommendation(candidate: _Candidate, actor: str, sent: Span, context) -> Recommendation:
    document = context.document
    by = candidate.by or _document_voice(document)
    return Recommendation(
        actor=actor,
        text=_action_text(candidate.action),
        by=by,
        evidence=(sentence_evidence(document.id, sent),),
        confidence=0.8 if candidate.author_voice else 0.6,
    )


def _document_voice(document) -> str | None:
    if document.authors:
        return ", ".join(document.authors)
    return document.source


def _action_text(action: Token) -> str:
    """The verb phrase after the modal: adverbs, verb and complements, without separate clauses."""
    after = max([c.i for c in action.lefts if c.dep_ == "aux"], default=action.i - 1)
    start = min([action.i] + [c.left_edge.i for c in action.lefts if c.dep_ in ("advmod", "neg") and c.i > after])
    end = action.i + 1
    for child in action.rights:
        if _ends_action(child):
            break
        end = child.right_edge.i + 1
    end = _before_summary_appositive(action.doc, start, end)
    return action.doc[start:end].text.strip().strip(" ,;:-—.")


def _before_summary_appositive(doc: Doc, start: int, end: int) -> int:
    """Cut ", a move that would ..." (a comment on the recommendation, not part of it)."""
    for token in doc[start + 1 : end]:
        if token.dep_ in ("appos", "npadvmod") and any(c.dep_ == "relcl" for c in token.children):
            comma = token.left_edge.i - 1
            if comma > start and doc[comma].text == ",":
                return comma
    return end


def _ends_action(child: Token) -> bool:
    if child.dep_ == "npadvmod" and child.ent_type_ == "DATE":
        return False  # "use its chairmanship this year to table ..."
    if child.dep_ in DROPPED_RIGHT and child.dep_ != "punct":
        return True
    if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
        return True
    if child.dep_ == "cc":
        following = next((c for c in child.head.rights if c.i > child.i and c.dep_ == "conj"), None)
        return following is not None and _ends_action(following)
    return child.dep_ == "punct" and child.text in (";", "—", "–")
