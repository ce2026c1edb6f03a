"""The text of a recommended action: the verb phrase after the modal, trimmed by general rules.

The extent is the action clause: adverbs after the modal, the verb and its complements; not a second clause with
its own subject, not a comment after a comma ("because ...", ", which ...", ", as ...", ", a move that ..."), not
the reporting tail ("..., he said"). A series of coordinated verbs joined by commas is one action; a conjunct that
repeats "to" ("to desist from X and to comply with Y") is a step of its own (`separate_steps`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from briefings.extract.ruledata import LIST_ITEM, has_own_to, load_json
from briefings.nlp.spans import sentences, span_text

CUES = load_json("recommendation_cues.json")
CLAUSE_BREAKS = set(CUES["clause_breaks"])
NEW_REQUESTS = set(CUES["urge_verbs"]) | {"ask"}  # "ask" ends an action but opens none: asking is mostly news
REPORTING = set(CUES["reporting_verbs"])
PEOPLE_REACH = 8  # words after "such as" in which a named person marks a list of people
DROPPED_RIGHT = {"parataxis", "npadvmod", "appos"}
SIDE_REMARKS = {"while", "whilst"}  # marks of a clause set beside the action
ASIDE_VERBS = frozenset(CUES["aside_verbs"]["verbs"])
DASHES = ("—", "–")  # dashes that end an action, or set off an aside in pairs
NEGATIONS = {"n't", "n’t"}  # a contracted "not" as the tokenizer leaves it
COMPLEMENTS = ("dobj", "dative", "prep", "xcomp", "ccomp")
MIN_WORDS_BEFORE_BREAK = 3  # a comment is only cut once the action itself has a verb and an object
MAX_LISTED_ITEMS = 8  # bulleted lines after an advice's colon that finish it; a longer run is a list of its own
MIN_DESCRIPTION_WORDS = 8  # a "who" clause this long closing the text describes people at length, and is cut


def action_text(action: Token, until: int | None = None, thing: bool = False) -> str:
    """The recommended action headed by `action`, as the reader would quote it; `until` is where the next step of a
    series begins; a `thing` called for is a noun phrase ("an immediate ceasefire")."""
    doc = action.doc
    start = _noun_start(action) if thing else _start(action)
    if not thing and (done_to := _thing_done_to(action)) is not None:
        start = done_to.left_edge.i  # "Japan's defense spending should be doubled": the thing is half the advice
    end = action.i + 1
    rights = list(action.rights)
    aside = _dashes_around_an_aside(action, rights)
    for child in rights:
        if child.i not in aside and _ends_action(child):
            end = min(end, max(child.left_edge.i, action.i + 1))
            break
        end = max(end, child.right_edge.i + 1)  # "adopt a plan this year that sets ...": the parser may hang the
        # clause on the object across the date, so an earlier child can reach further than a later one
    if action.dep_ == "amod" and action.head.i == action.i + 1:  # "is match vision with reality": the parser read
        end = max(end, action.head.right_edge.i + 1)  # the verb as an adjective of its object
    end = min(max(end, _series_end(action)), action.sent.end)
    if until is not None:
        end = _before_connective(doc, start, min(end, until))
    end = _before_comment(doc, start, end)
    end = _before_summary_appositive(doc, start, end)
    text = _with_plain_negation(action, doc[start:end].text.strip().strip(" ,;:-—–.\"“”'‘’"), start)
    items = _items_listed_after_colon(action.sent) if end >= action.sent.end - 1 and until is None else ""
    return f"{text} {items}".strip(" .") if items else text


def _dashes_around_an_aside(action: Token, rights: list[Token]) -> set[int]:
    """ "must increase swiftly – ultimately by $20 billion a year – to reach that target": a dash among the verb's
    right-hand words and the next dash within the action's words set off an aside, with more of the action after
    them (the parser may hang the second dash on the words after it: "take as much – if not more – action"). A
    single dash still ends the action ("should act now – the risk is growing")."""
    doc, last = action.doc, action.right_edge.i
    for first in (child.i for child in rights if child.dep_ == "punct" and child.text in DASHES):
        second = next((k for k in range(first + 1, last + 1) if doc[k].text in DASHES), None)
        if second is None:
            continue
        inside, after = doc[first + 1 : second], doc[second + 1 : last + 1]
        if any(not t.is_punct for t in inside) and any(not t.is_punct for t in after):
            return {first, second}
    return set()


def _items_listed_after_colon(sent: Span) -> str:
    """ "Europe needs to take prompt action to increase:" and then a bulleted line per thing, or a line per thing
    that goes on the sentence in lower case: the items finish the advice, which would otherwise stop at the
    colon."""
    if not span_text(sent).rstrip().endswith(":"):
        return ""
    following = [s for s in sentences(sent.doc) if s.start >= sent.end][:MAX_LISTED_ITEMS]
    items = []
    for line in following:
        text = span_text(line).strip()
        bullet = LIST_ITEM.match(span_text(line))
        if bullet is not None:
            items.append(span_text(line)[bullet.end() :].strip())
        elif text[:1].islower():
            items.append(text)  # an unbulleted item that goes on the sentence: "will have:" / "power to review ...;"
        else:
            break
    return " ".join(items)


def _with_plain_negation(action: Token, text: str, start: int) -> str:
    """ "n't take" reads "not take"; a negation the cut left out ("should not — we cannot — take on ...") is put back:
    dropping it would advise the opposite."""
    first, _, rest = text.partition(" ")
    if first.lower() in NEGATIONS:
        return f"not {rest}".strip()
    helpers = [action, *(c for c in action.children if c.dep_ == "aux")]  # "should not — we cannot — take"
    negations = [c for t in helpers for c in t.children if c.dep_ == "neg"]
    if negations and first.lower() not in ("not", "never") and not any(c.i >= start for c in negations):
        return f"not {text}"
    return text


def _series_end(action: Token) -> int:
    """ "needs to bolster A, push B and add C": the parser hangs the later bare verbs on "needs", not on the
    first action; they belong to the series."""
    series = _governor_series(action)
    return series[-1].right_edge.i + 1 if series else 0


def _governor_series(action: Token) -> list[Token]:
    governor = action.head
    if action.dep_ != "xcomp" or governor.i == action.i:
        return []
    series = [c for c in governor.rights if c.dep_ == "conj" and c.tag_ == "VB" and c.i > action.i]
    return [c for c in series if not _has_own_subject(c)]


def separate_steps(action: Token) -> list[Token]:
    """The conjuncts that repeat the action's "to" ("to desist from X and to comply with Y"), wherever the parser hung
    them, when each of them and the action has a complement of its own ("to come together and to foster dialogue"
    stays one step)."""
    steps = [
        t
        for t in action.subtree  # in document order
        if t.i > action.i and t.dep_ == "conj" and t.tag_ == "VB" and has_own_to(t) and _pairs_with(t, action)
    ]
    if not steps or not all(_has_complement(t) for t in (action, *steps)):
        return []
    return steps


def _pairs_with(conjunct: Token, action: Token) -> bool:
    """The repeated "to" answers the action's own, not an infinitive nested inside it ("convince them to finalize
    the text and to sign it": "sign" pairs with "finalize")."""
    head = conjunct.head
    while head.i != action.i:
        if has_own_to(head):
            return False
        head = head.head
    return True


def step_start(step: Token) -> int:
    """Where a step's words begin ("to" and adverbs included): the earlier step's text ends before it."""
    return step.left_edge.i


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _has_complement(verb: Token) -> bool:
    """An object, a prepositional phrase or a clause of its own: a step that can be read alone."""
    return any(c.dep_ in COMPLEMENTS and c.i > verb.i for c in verb.children)


def _before_connective(doc: Doc, start: int, end: int) -> int:
    """Back over the comma and "and" that join a series: "release X, cease Y, and" ends at "Y"."""
    while end > start + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
        end -= 1
    return end


def _thing_done_to(action: Token) -> Token | None:
    """The subject of a passive action when it is a thing, not a party that could act ("spending", not "Ukraine",
    "it" or "the alliance's members")."""
    subject = next((c for c in action.children if c.dep_ == "nsubjpass"), None)
    if subject is None and action.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in action.children):
        subject = next((c for c in action.head.children if c.dep_ == "nsubj"), None)  # "forces need to be modernised"
    if subject is None or subject.pos_ != "NOUN" or subject.i > action.i:
        return None
    if any(t.ent_type_ in ("PERSON", "NORP") or t.pos_ == "PRON" for t in subject.subtree if t is subject):
        return None
    return subject if not subject.ent_type_ else None


def _noun_start(thing: Token) -> int:
    """A thing called for keeps its modifiers, not its article ("an immediate ceasefire" -> "immediate ceasefire")."""
    kept = [c.left_edge.i for c in thing.lefts if c.dep_ != "det"]
    return min([thing.i, *kept])


def _start(action: Token) -> int:
    """After the modal and "to"; a passive's or a progressive's "be" ("be counseling restraint") and adverbs after
    the modal ("quietly") stay."""
    progressive = action.tag_ == "VBG"
    starts = [c.i for c in action.lefts if (c.dep_ in ("aux", "mark") or c.lower_ == "to")]
    after = max([i for i in starts if not (progressive and action.doc[i].lower_ == "be")], default=action.i - 1)
    kept = ("advmod", "neg", "auxpass", "aux") if progressive else ("advmod", "neg", "auxpass")
    keep = [c.left_edge.i for c in action.lefts if c.dep_ in kept and c.i > after]
    return min([action.i, *keep])


def _ends_action(child: Token) -> bool:
    if child.dep_ == "npadvmod" and (child.ent_type_ == "DATE" or _right_after(child)):
        return False  # "use its chairmanship this year to table ...", "work side-by-side with the police"
    if child.dep_ in DROPPED_RIGHT:
        return True
    if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
        return True
    if child.dep_ == "conj" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in child.children):
        return True  # "must not bow to force and should take steps": the second modal opens a recommendation of its own
    if child.dep_ == "conj" and child.lemma_.lower() in NEW_REQUESTS:
        return True  # "take steps to resume talks and asks all parties to ...": a second request, of another actor
    if child.dep_ == "conj" and child.lemma_.lower() in REPORTING and any(c.dep_ == "ccomp" for c in child.children):
        return True  # "that Canberra accelerate X and argues that ...": the recommender goes on to another point
    if child.dep_ == "advcl" and child.i > child.head.i and child.lemma_.lower() in ASIDE_VERBS:
        # "consider the situation in Sudan, while welcoming the talks": the speaker's aside, not a step of the action
        return any(c.lower_ in SIDE_REMARKS for c in child.children)
    if child.dep_ == "cc":
        following = next((c for c in child.head.rights if c.i > child.i and c.dep_ == "conj"), None)
        return following is not None and _ends_action(following)
    return child.dep_ == "punct" and (child.text in (";", ":") or child.text in DASHES)


def _right_after(child: Token) -> bool:
    """The modifier's phrase starts right after its verb, with no comma between ("work side-by-side")."""
    return child.left_edge.i == child.head.i + 1


def _before_comment(doc: Doc, start: int, end: int) -> int:
    """Cut at a semicolon, at a full stop before a new sentence (a list item's line is kept whole as one: "4. Allies
    must act now. The risk is ..."), or at a comma that opens a comment ("..., because ...", "..., whose ...")."""
    for token in doc[start + MIN_WORDS_BEFORE_BREAK : end - 1]:
        if token.text == ";" or (token.text in (".", "!", "?") and doc[token.i + 1].is_title):
            return token.i
        if token.text == "," and doc[token.i + 1].lower_ in CLAUSE_BREAKS:
            return token.i
        if token.text == "," and _examples_of_people(doc, token.i + 1, end):
            return token.i
        if _long_description_of_people(token, end):
            return token.i
    return end


def _long_description_of_people(who: Token, end: int) -> bool:
    """ "deploy them against the insurgents who have destabilised the region and killed ... in the past three years":
    a long "who" clause closing the text tells who they are, which is no part of the step; a short one may say which
    ones ("countries who share our values"), and "those who ..." needs its clause."""
    clause, doc = who.head, who.doc
    if who.lower_ != "who" or clause.dep_ != "relcl":
        return False
    if not all(t.is_punct for t in doc[clause.right_edge.i + 1 : end]):
        return False  # the clause does not close the text
    return clause.head.pos_ != "PRON" and end - who.i >= MIN_DESCRIPTION_WORDS


def _examples_of_people(doc: Doc, start: int, end: int) -> bool:
    """ "..., such as former adviser X who ...": examples of who recommends it, not part of the step."""
    if start + 1 >= end or doc[start].lower_ != "such" or doc[start + 1].lower_ != "as":
        return False
    return any(t.ent_type_ == "PERSON" for t in doc[start + 2 : min(end, start + 2 + PEOPLE_REACH)])


def _before_summary_appositive(doc: Doc, start: int, end: int) -> int:
    """Cut ", a move that would ..." (a comment on the recommendation, not part of it)."""
    for token in doc[start + 1 : end]:
        if token.dep_ in ("appos", "npadvmod") and any(c.dep_ == "relcl" for c in token.children):
            comma = token.left_edge.i - 1
            if comma > start and doc[comma].text == ",":
                return comma
    return end
