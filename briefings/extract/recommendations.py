"""Extract explicit policy recommendations: directive sentences become candidates, one score decides.

Candidates come from directive frames (briefings/extract/recommendation_frames.py: modals, "need to",
"urge X to", "calls for X to", "it is time for X to", ...) and from bare-verb list items ("- Fund a second
line ..."). Each candidate gets an actor (recommendation_actor.py), an action text (recommendation_text.py)
and 0/1 features; the linear model of recommendation_score.py keeps it or not. `candidate_recommendations`
is also what the training module labels and fits on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from briefings.extract.quotes import quoted_ranges
from briefings.extract.recommendation_actor import Actor, ActorMemory, resolve_actor
from briefings.extract.recommendation_frames import (
    CALL_PARTICLES,
    CUES,
    MODALS,
    RECOMMENDER_NOUNS,
    THING_FRAME,
    URGE_VERBS,
    Candidate,
    is_author_voice,
    is_inverted_nor,
    phrase_of,
    recommender_name,
    reporting_speaker,
    sentence_candidates,
    strip_det,
    subject_of_own,
)
from briefings.extract.recommendation_score import is_kept, probability
from briefings.extract.recommendation_text import action_text
from briefings.extract.ruledata import LIST_ITEM, sentence_evidence
from briefings.models import Recommendation
from briefings.nlp.spans import sentences as doc_sentences
from briefings.nlp.spans import span_text, spans_at, text_of

STEP_VERBS = set(CUES["list_step_verbs"])
NOT_ACTIONS = set(CUES["not_recommendation_verbs"])
FORECAST_VERBS = set(CUES["forecast_verbs"])
POLICY_WORDS = set(CUES["policy_words"])
OBLIGATION_SOURCES = set(CUES["obligation_sources"])
REASON_MARKS = set(CUES["reason_marks"]["words"])
NECESSITY_FRAMES = ("modal_", "need_")  # "must", "has to", "needs to": what may explain a deed; "urged" never does
POLICY_ENTS = ("GPE", "ORG", "NORP")
DIRECTIVE_WORDS = {"should", "must", "ought", "recommend", "recommendation", "recommendations", "urge", "need"}
QUESTION_WORDS = {"what", "how", "why", "where", "when", "who", "which", "should", "must"}
RECOMMENDATION_HEADING = re.compile(r"(?i)^recommendation\s*(?:no\.?\s*)?\d{1,3}[.:]?$")  # "Recommendation 3"
STEP_NOUNS = frozenset({"effort", "step", "measure", "action", "initiative"})  # "efforts should be made to"
OPINION_MARKERS = frozenset(CUES["opinion_markers"])
OPINION_LINES = 6  # the headline, a kicker, a byline, a date: where a page says it is an editorial
MAX_MARKER_LINE_WORDS = 8  # "(EDITORIAL from Korea Herald on Jan. 3)": a label, not a sentence
INTRO_REACH = 3  # a list's introduction is one of the last few sentences before its first item
MIN_ACTION_WORDS = 2  # "act", "change": one word is too little to say what to do
SHORT_SENTENCE_WORDS = 6  # "The West must respond.": a one-word action closing a sentence this short stands alone
MIN_VERB_LETTERS = 3  # "it should u": a page cut off mid-word leaves no verb
DIRECTIVE_ARTICLE = 3  # an article with this many directive sentences argues a case (op-ed, report)
ACTOR_KINDS_REMEMBERED = ("state", "group", "person", "office")
LIST_ANNOUNCERS = {"following", "these", "steps", "measures"}
THING_KINDS = ("other", "none", "instrument")  # subjects that are things: "should begin" about them forecasts
COUNTED_STEPS = {"thing", "step", "measure", "change", "priority", "move"}  # "do two things": a list follows
ORDINAL_STEP = re.compile(
    r"^\s*(?:" + "|".join(CUES["step_ordinals"]) + r")\s*[,:]\s+", re.IGNORECASE
)  # "First, build more submarines at home.": an item of a list written as prose


@dataclass(frozen=True)
class ScoredCandidate:
    """A recommendation candidate with the features its score is computed from."""

    recommendation: Recommendation
    features: dict[str, float]
    end: int = 0  # the token after the candidate's own text (list items: where a later sentence may begin)


def extract_recommendations(doc: Doc, context) -> list[Recommendation]:
    """Recommendations the article states, with actor and action, each kept by its score."""
    found, seen = [], set()
    for scored in candidate_recommendations(doc, context):
        key = scored.recommendation.text.lower()
        if key in seen or not is_kept(scored.features):
            continue
        seen.add(key)
        found.append(replace(scored.recommendation, confidence=round(probability(scored.features), 3)))
    return found


def candidate_recommendations(doc: Doc, context) -> list[ScoredCandidate]:
    """Every candidate of an article with its features (the score is applied by the caller)."""
    quotes = quoted_ranges(text_of(doc))
    quote_starts = [start for start, _ in quotes]
    memory = ActorMemory()
    found: list[ScoredCandidate] = []
    recent: list[Span] = []  # the last few sentences that are not list items: a list's introduction
    sentences = list(doc_sentences(doc))
    unbulleted = False  # inside a list whose items are lines without marks, after "We call on all parties to:"
    for index, sent in enumerate(sentences):
        text = span_text(sent).strip()
        if not text:
            continue
        step = None
        unbulleted = unbulleted and _starts_line(sent) and bool(_leading_verb(sent) or _capitalised_first_word(sent))
        if LIST_ITEM.match(span_text(sent)) or unbulleted or _ordinal_step(sent):
            step = _list_step(sent, recent, memory, context, unbulleted or _beside_a_step(sentences, index))
            found.extend([step] if step is not None else [])
        else:
            recent = [*recent[-(INTRO_REACH - 1) :], sent]
            memory.list_actor = _list_actor(sent, text, memory.list_actor)
            unbulleted = text.endswith(":") and memory.list_actor is not None
        if not text.endswith("?") and not _is_question_heading(text):
            after = step.end if step is not None else sent.start  # a list item's own verb is taken already
            headed = index > 0 and bool(RECOMMENDATION_HEADING.match(span_text(sentences[index - 1]).strip()))
            headline = index == 0 and _is_opinion_piece(text_of(doc))
            found.extend(_framed(sent, after, (quotes, quote_starts), memory, context, headed, headline))
        memory.read(sent)
    return _with_article_features(found, memory)


def _framed(
    sent: Span,
    after: int,
    quotes: tuple[list[tuple[int, int]], list[int]],
    memory: ActorMemory,
    context,
    headed: bool = False,
    opinion_headline: bool = False,
) -> list[ScoredCandidate]:
    """The sentence's directive frames as scored candidates; a frame that announces a list notes who speaks.
    `headed`: the sentence comes right after a "Recommendation 3" heading; `opinion_headline`: it is an editorial's
    headline."""
    found = []
    for candidate in sentence_candidates(sent, headed, opinion_headline):
        if candidate.action.i < after:
            continue
        scored = _scored(candidate, sent, _inside(quotes[0], quotes[1], candidate.action.idx), memory, context)
        if len(scored.recommendation.text.split()) < MIN_ACTION_WORDS and not _closing_word(candidate.action):
            continue  # "act": a single word says too little to be a recommendation
        if candidate.frame == "let_us" and len(scored.recommendation.text.split()) <= MIN_ACTION_WORDS:
            continue  # "Let's face it", "let us see": an idiom of two words, not a call to act
        if _announces_a_list(candidate.action, span_text(sent).strip()):
            memory.list_by = scored.recommendation.by  # "X should take the following steps:"
        else:
            found.append(scored)
    return found


def _is_opinion_piece(text: str) -> bool:
    """An editorial or an opinion piece says so in a short line near its top ("[Editorial] ...", "- Yomiuri
    Editorial", "(EDITORIAL from Korea Herald on Jan. 3)"); in a long line the word may be "public opinion"."""
    for line in text.splitlines()[:OPINION_LINES]:
        words = re.findall(r"[\w-]+", line.lower())
        if len(words) <= MAX_MARKER_LINE_WORDS and OPINION_MARKERS.intersection(words):
            return True
    return False


def _announces_a_list(action: Token, text: str) -> bool:
    """ "take the following steps:", "do the following:", "do two things.": the action is what comes next."""
    if text.endswith(":") and any(t.lower_ in LIST_ANNOUNCERS for t in action.subtree):
        return True
    counted = [c for c in action.children if c.dep_ == "dobj" and any(n.dep_ == "nummod" for n in c.children)]
    return any(c.lemma_.lower() in COUNTED_STEPS for c in counted)


def _scored(candidate: Candidate, sent: Span, quoted: bool, memory: ActorMemory, context) -> ScoredCandidate:
    actor = resolve_actor(candidate.actor, memory)
    if actor.kind in ACTOR_KINDS_REMEMBERED:
        memory.last_actor = actor.name
    if actor.kind in ("state", "group", "office") and actor.name:
        memory.states.add(actor.name)
    text = action_text(candidate.named_by or candidate.action, candidate.until, candidate.frame == THING_FRAME)
    if candidate.frame == "vocative_imperative" and candidate.actor is not None:
        text = _without_vocative(text, candidate.actor)
    if any(c.dep_ == "aux" and is_inverted_nor(c) for c in candidate.action.children):
        text = f"not {text}"  # "Nor should NATO rule out a naval mission": that it should not
    features = _candidate_features(candidate, actor, text, sent, quoted)
    recommendation = Recommendation(
        actor=actor.name,
        text=text,
        by=_fuller_name(candidate.by or _reporter(candidate.action), memory) or _document_voice(context.document),
        evidence=(sentence_evidence(context.document.id, sent),),
    )
    return ScoredCandidate(recommendation, features)


def _without_vocative(text: str, addressed: Token) -> str:
    """ "Keep your promise to Kyiv, Chancellor Merz": the one addressed is not part of the action."""
    vocative = addressed.doc[addressed.left_edge.i : addressed.i + 1].text
    head, _, tail = text.rpartition(",")
    return head.strip() if head and tail.strip() == vocative else text


def _candidate_features(candidate: Candidate, actor: Actor, text: str, sent: Span, quoted: bool) -> dict[str, float]:
    action = candidate.action
    reported, speaker = reporting_speaker(action)
    speaker = speaker or candidate.speaker
    passive = _is_passive(candidate)
    features = {
        "frame:" + candidate.frame: 1.0,
        "actor:" + _actor_kind(actor, passive, candidate.actor): 1.0,
        "quoted": float(quoted),
        "reported": float(reported and not is_author_voice(speaker)),
        "reported_by_named": float(reported and _is_named(speaker)),
        "third_party": float(candidate.by is not None),
        "passive": float(passive),
        "steps_to_take": float(_steps_to_take(action)),
        "copula": float(action.lemma_ == "be"),
        "copula_noun": float(action.lemma_ == "be" and any(c.dep_ == "attr" for c in action.children)),
        "negated": float(any(c.dep_ == "neg" for c in action.children)),
        "policy_verb": float(action.lemma_.lower() in STEP_VERBS),
        "forecast": float(_is_forecast_verb(action) and actor.kind in THING_KINDS),
        "obligation": float(_is_obligation(action)),
        "reason": float(candidate.frame.startswith(NECESSITY_FRAMES) and _gives_a_reason(action)),
        "dated": float(any(t.ent_type_ == "DATE" for t in action.subtree)),
        "policy_content": float(_speaks_of_policy(action)),
        "headline": float(_is_headline(span_text(sent).strip())),
        "first_person": float(any(t.lower_ in ("we", "our", "us") for t in sent)),
        "list_item": float(bool(LIST_ITEM.match(span_text(sent)))),
    }
    return {name: value for name, value in features.items() if value}


def _actor_kind(actor: Actor, passive: bool, subject: Token | None) -> str:
    """A passive's subject is what is acted on, not who acts ("F-16s should be given to Turkey"): a thing named
    there leaves the actor unsaid rather than naming one that is no state, group or office ("this must be done"
    names nothing to act on)."""
    named = subject is not None and subject.pos_ in ("NOUN", "PROPN")
    return "none" if passive and named and actor.kind == "other" else actor.kind


def _is_passive(candidate: Candidate) -> bool:
    """The action or its cue is passive ("X should be seen as ...", "X was urged to ..."), except what a
    recommending verb asks be done ("recommended that the purchase be completed"): that is the mandative form
    a committee's advice takes, its actor the government left unsaid."""
    action, cue = candidate.action, candidate.cue
    if candidate.frame == "urge" and cue is not None and action.dep_ == "ccomp" and action.head.i == cue.i:
        return False
    return any(c.dep_ == "auxpass" for t in (action, cue) if t for c in t.children)


def _steps_to_take(action: Token) -> bool:
    """ "efforts should be made to enhance exports", "steps must be taken to": the steps are the advice."""
    subject = next((c for c in action.children if c.dep_ == "nsubjpass"), None)
    purpose = any(c.dep_ in ("xcomp", "advcl") and any(g.lower_ == "to" for g in c.children) for c in action.children)
    return (
        subject is not None
        and subject.lemma_.lower() in STEP_NOUNS
        and action.lemma_.lower() in ("make", "take", "adopt", "undertake", "initiate")
        and purpose
    )


def _is_forecast_verb(action: Token) -> bool:
    """A verb of change: with a thing as subject, "should" forecasts ("prices should ease", "output should keep
    rising")."""
    if action.lemma_.lower() in FORECAST_VERBS:
        return True
    return action.lemma_ == "keep" and any(c.tag_ == "VBG" for c in action.children)


def _is_obligation(action: Token) -> bool:
    """ "Under the deal, Iran must reduce ...": what a deal or a law requires, not what the author advises."""
    for prep in (c for c in action.children if c.dep_ == "prep" and c.lower_ in ("under", "by")):
        if any(o.dep_ == "pobj" and o.lemma_.lower() in OBLIGATION_SOURCES for o in prep.children):
            return True
    return False


def _gives_a_reason(action: Token) -> bool:
    """ "... will skip the summit, as he has to focus on the war": a necessity in a clause of reason explains what
    someone does; it advises no one."""
    clause = action
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    marks = (c.lower_ for c in clause.children if c.dep_ == "mark")
    return clause.dep_ == "advcl" and any(m in REASON_MARKS for m in marks)


def _speaks_of_policy(action: Token) -> bool:
    """The action (not its subject) names a state, an organisation or a thing of policy ("sanctions", "talks")."""
    return any(
        t.i >= action.i and (t.ent_type_ in POLICY_ENTS or t.lemma_.lower() in POLICY_WORDS) for t in action.subtree
    )


def _fuller_name(name: str | None, memory: ActorMemory) -> str | None:
    """ "The Centre" stands for the fuller name the article gave before ("Centre for European Reform")."""
    word = strip_det(name or "", keep_case=True)
    if len(word.split()) != 1 or word.lower() not in RECOMMENDER_NOUNS:
        return name
    fuller = memory.organisation_by_word.get(word)
    return fuller if fuller and fuller != word else name


def _reporter(action: Token) -> str | None:
    """Who the article reports as recommending ("Analysts say X should ...": Analysts)."""
    reported, speaker = reporting_speaker(action)
    if not reported or speaker is None or is_author_voice(speaker) or speaker.pos_ == "PRON":
        return None  # "..., he said": the name is elsewhere; the article's voice stands
    return recommender_name(speaker)


def _is_named(speaker: Token | None) -> bool:
    """A speaker the article names or describes by office ("said John Smith", "the former envoy wrote")."""
    return speaker is not None and (
        speaker.ent_type_ in ("PERSON", "ORG")
        or speaker.lemma_.lower() in RECOMMENDER_NOUNS
        or speaker.i in spans_at(speaker.doc, "titles")
    )


def _with_article_features(found: list[ScoredCandidate], memory: ActorMemory) -> list[ScoredCandidate]:
    """Add what the whole article says about each candidate: whether it argues (many directive sentences) and
    whether it is about states at all (a piece of household or sports advice names none)."""
    directive = sum(1 for c in found if not c.features.get("quoted") and not c.features.get("reported"))
    article = {
        "article_argues": float(directive >= DIRECTIVE_ARTICLE),
        "article_names_no_state": float(not memory.states),
    }
    article = {name: value for name, value in article.items() if value}
    return [replace(c, features={**c.features, **article}) for c in found]


# ---- list items --------------------------------------------------------------------------------


def _beside_a_step(sentences: list[Span], index: int) -> bool:
    """Whether the list item before or after this one starts with a verb (items of a list are parallel)."""
    for other in (index - 1, index + 1):
        if (
            0 <= other < len(sentences)
            and LIST_ITEM.match(span_text(sentences[other]))
            and _leading_verb(sentences[other])
        ):
            return True
    return False


def _list_step(sent: Span, recent: list[Span], memory: ActorMemory, context, parallel: bool) -> ScoredCandidate | None:
    """A list item that starts with a bare verb ("- Fund a second line ...", "2. to demand ..."); beside such
    an item, a capitalised first word the tagger did not read as a verb ("1. Rebalance U.S. engagement ...")."""
    verb = _leading_verb(sent) or (_capitalised_first_word(sent) if parallel else None)
    if verb is None or span_text(sent).rstrip().endswith("?"):
        return None
    end = _item_end(verb, sent)
    item = sent.doc[verb.i : end]
    text = item.text.strip().rstrip(".;").strip()
    features = {
        "frame:list_step": 1.0,
        "list_item": 1.0,
        "policy_verb": float(verb.lower_ in STEP_VERBS),
        "parallel_item": float(parallel),
        "policy_content": float(any(t.ent_type_ in POLICY_ENTS or t.lemma_.lower() in POLICY_WORDS for t in item)),
        "intro_colon": float(any(s.text.rstrip().endswith(":") for s in recent)),
        "intro_directive": float(any(_is_directive_word(t) for s in recent for t in s)),
    }
    recommendation = Recommendation(
        actor=memory.list_actor or memory.last_actor or memory.last_state,
        text=text[:1].lower() + text[1:],
        by=memory.list_by or _document_voice(context.document),
        evidence=(sentence_evidence(context.document.id, sent),),
    )
    return ScoredCandidate(recommendation, {name: value for name, value in features.items() if value}, end)


def _is_directive_word(token: Token) -> bool:
    """ "should", "must", "recommend", "urge", ...; "call" only as "call on", "call upon" or "call for"."""
    lemma = token.lemma_.lower()
    if lemma == "call":
        return any(c.lower_ in ("on", "upon", "for") for c in token.children)
    return lemma in DIRECTIVE_WORDS or (lemma in URGE_VERBS and token.pos_ == "VERB")


def _addressed_by_intro(sent: Span) -> str | None:
    """Who a list's introduction urges ("We call on all parties to:", "The panel urges Congress to:"): the actor
    of every step that follows."""
    for token in sent:
        if token.lower_ in MODALS and token.dep_ == "ROOT":
            addressed = [c for c in token.children if c.dep_ == "nsubj"]  # "The government should:"
        elif not _is_directive_word(token) or token.pos_ != "VERB":
            continue
        else:
            addressed = [
                o for p in token.children if p.lower_ in CALL_PARTICLES for o in p.children if o.dep_ == "pobj"
            ]
            if token.lemma_.lower() not in (
                "recommend",
                "propose",
            ):  # what one recommends is the advice, not its reader
                addressed += [c for c in token.children if c.dep_ == "dobj"]
            else:  # "We recommend that the government:": the clause left without its verb names the reader
                addressed += [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN")]
        if addressed and addressed[0].lower_ not in ("we", "i", "you"):
            return strip_det(phrase_of(addressed[0]).removeprefix("that "), keep_case=True)
    return None


def _list_actor(sent: Span, text: str, before: str | None) -> str | None:
    """Who the steps that follow are for: the one a list's introduction urges ("The panel urges Congress to:"), or
    the one a question asks about ("What should Canberra do? Three things. First, ..."); a sentence without a verb
    ("Three things.") keeps the one before."""
    if text.endswith(":"):
        return _addressed_by_intro(sent)
    if text.endswith("?"):
        return _asked_about(sent)
    return before if not any(t.pos_ in ("VERB", "AUX") for t in sent) else None


def _asked_about(sent: Span) -> str | None:
    """ "What should Canberra do?": the subject of "do" under a modal."""
    for token in sent:
        if token.lemma_ == "do" and any(c.lower_ in MODALS for c in token.children):
            subject = subject_of_own(token)
            if subject is not None and subject.lower_ not in ("we", "i", "you", "it", "they"):
                return strip_det(phrase_of(subject), keep_case=True)
    return None


def _starts_line(sent: Span) -> bool:
    return sent.start == 0 or sent.doc[sent.start - 1].text_with_ws.endswith("\n")


def _capitalised_first_word(sent: Span) -> Token | None:
    words = _item_words(sent)
    if len(words) < 3 or not words[0].is_title or words[0].ent_type_ or words[0].pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    return words[0]


def _closing_word(action: Token) -> bool:
    """ "The West must respond.", "This must stop.": a one-word action that ends a short sentence of its own is the
    whole point (not "X should act" inside a longer thought, nor a word a page cut off: "it should u")."""
    sent = action.sent
    words = [t for t in sent if not t.is_punct and not t.is_space]
    last = sent[-1] if len(sent) and sent[-1].text in (".", "!") else None
    return (
        last is not None
        and action.i == last.i - 1
        and len(words) <= SHORT_SENTENCE_WORDS
        and action.is_alpha
        and len(action.text) >= MIN_VERB_LETTERS
    )


def _ordinal_step(sent: Span) -> bool:
    """ "First, build ...", "Finally, stop ...": an ordinal and an order with no subject, one step of a list."""
    if not ORDINAL_STEP.match(span_text(sent)):
        return False
    verb = _leading_verb(sent)
    return verb is not None and verb.tag_ == "VB" and subject_of_own(verb) is None


def _item_words(sent: Span) -> list[Token]:
    mark = LIST_ITEM.match(span_text(sent)) or ORDINAL_STEP.match(span_text(sent))
    after_mark = sent.start_char + (mark.end() if mark else 0)
    return [t for t in sent if t.idx >= after_mark and not t.is_punct and not t.is_space]


def _item_end(verb: Token, sent: Span) -> int:
    """The item ends at its first full stop or semicolon (a following sentence the parser left attached)."""
    return next((t.i for t in sent.doc[verb.i : sent.end] if t.text in (".", ";", "!")), sent.end)


def _leading_verb(sent: Span) -> Token | None:
    words = _item_words(sent)
    if words and words[0].lower_ == "to" and len(words) > 1:
        words = words[1:]
    if len(words) < 2 or words[0].lemma_.lower() in NOT_ACTIONS - {"be"}:
        return None
    first = words[0]
    if first.tag_ in ("VB", "VBP") or first.lower_ in STEP_VERBS:
        return first
    if first.tag_ == "RB" and first.lower_.endswith("ly") and not first.ent_type_:
        return first  # "- Steadily expand sanctions ...", "- Heavily scrutinize ..."
    if first.is_title and first.dep_ == "ROOT" and words[1].tag_ in ("DT", "PRP$", "CD", "JJ"):
        return first  # a capitalised verb the tagger read as a noun ("Fund a second line")
    if first.dep_ == "ROOT" and any(c.dep_ == "prt" for c in first.children):
        return first  # a verb with its particle the tagger read as a noun ("- speed up procurement")
    return None


# ---- sentence shapes and the document's voice --------------------------------------------------


def _inside(ranges: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _is_question_heading(text: str) -> bool:
    """ "Why Brazil should act now": a heading phrased as a question, without its question mark."""
    return text[-1] not in '.!:;"”’)' and text.split()[0].lower() in QUESTION_WORDS


def _is_headline(text: str) -> bool:
    if text[-1] in '.!:;"”’)':
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitalised / len(words) >= 0.6


def _document_voice(document) -> str | None:
    if document.authors:
        return ", ".join(document.authors)
    return document.source
