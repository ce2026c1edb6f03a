"""The text of a recommended action: the verb phrase after the modal, trimmed by general rules.

The extent is the action clause: adverbs after the modal, the verb and its complements, a series of
coordinated verbs joined by commas; not a second clause with its own subject, not a comment after a
comma ("because ...", ", which ...", ", as ...", ", a move that ..."), not the reporting tail ("..., he said").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from briefings.extract.ruledata import load_json

CUES = load_json("recommendation_cues.json")
CLAUSE_BREAKS = set(CUES["clause_breaks"])
PEOPLE_REACH = 8  # words after "such as" in which a named person marks a list of people
DROPPED_RIGHT = {"parataxis", "npadvmod", "appos"}
NEGATIONS = {"n't", "n’t"}  # a contracted "not" as the tokenizer leaves it
MIN_WORDS_BEFORE_BREAK = 3  # a comment is only cut once the action itself has a verb and an object


def action_text(action: Token) -> str:
    """The recommended action headed by `action`, as the reader would quote it."""
    doc = action.doc
    start = _start(action)
    end = action.i + 1
    for child in action.rights:
        if _ends_action(child):
            break
        end = child.right_edge.i + 1
    if action.dep_ == "amod" and action.head.i == action.i + 1:  # "is match vision with reality": the parser read
        end = max(end, action.head.right_edge.i + 1)  # the verb as an adjective of its object
    end = min(max(end, _series_end(action)), action.sent.end)
    end = _before_comment(doc, start, end)
    end = _before_summary_appositive(doc, start, end)
    return _with_plain_negation(action, doc[start:end].text.strip().strip(" ,;:-—–.\"“”'‘’"))


def _with_plain_negation(action: Token, text: str) -> str:
    """ "n't take" reads "not take"; a negation the cut left out ("should not — we cannot — take on ...") is put back:
    dropping it would advise the opposite."""
    first, _, rest = text.partition(" ")
    if first.lower() in NEGATIONS:
        return f"not {rest}".strip()
    helpers = [action, *(c for c in action.children if c.dep_ == "aux")]  # "should not — we cannot — take"
    if any(c.dep_ == "neg" for t in helpers for c in t.children) and first.lower() not in ("not", "never"):
        return f"not {text}"
    return text


def _series_end(action: Token) -> int:
    """ "needs to bolster A, push B and add C": the parser hangs the later bare verbs on "needs", not on the
    first action; they belong to the series."""
    governor = action.head
    if action.dep_ != "xcomp" or governor.i == action.i:
        return 0
    series = [c for c in governor.rights if c.dep_ == "conj" and c.tag_ == "VB" and c.i > action.i]
    series = [c for c in series if not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    return series[-1].right_edge.i + 1 if series else 0


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
    if child.dep_ == "cc":
        following = next((c for c in child.head.rights if c.i > child.i and c.dep_ == "conj"), None)
        return following is not None and _ends_action(following)
    return child.dep_ == "punct" and child.text in (";", "—", "–", ":")


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
    return end


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
