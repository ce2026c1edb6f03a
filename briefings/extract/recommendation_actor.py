"""Who a recommendation is addressed to: the subject, resolved through states, capitals, offices and pronouns.

"Washington should" -> United States (capitals and offices from briefings/data/countries.jsonl), "the administration
must" -> the government whose offices the article names (the White House, the Kremlin), else the state named last,
"it/they/he/we must" -> the nearest earlier actor of the right kind.
The kind of actor (state, organisation, person, group, pronoun, other) is also a feature of the score.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from briefings.extract.recommendation_frames import phrase_of, strip_det
from briefings.extract.ruledata import load_json
from briefings.extract.weapons import GAZETTEER_INDEX, ONE_TOKEN_DESIGNATION
from briefings.nlp.knowledge import knowledge
from briefings.nlp.spans import sentence_ents, span_text

CUES = load_json("recommendation_cues.json")
MAX_ACRONYM = 7  # "ECOWAS", "ASEAN", "IAEA": an organisation's initials
ACTOR_NOUNS = set(CUES["actor_nouns"])
DEFERRED = set(CUES["deferred_actor_nouns"])
OWN_STATE = set(CUES["own_state_phrases"])  # "this country must ...": an op-ed's own state
PRONOUNS: dict[str, str] = CUES["pronoun_subjects"]
INSTRUMENTS = set(CUES["policy_instrument_nouns"])  # a plan or review that "should" do something: the actor's tool
ACTOR_ENTS = {"GPE", "ORG", "NORP"}
PARTITIVE_NOUNS = {"rest", "remainder", "member", "majority", "all", "each", "both", "some", "most"}  # "the rest of X"
STATE_KINDS = ("state",)
WEAPON_NOUNS = frozenset(load_json("weapon_terms.json")["head_nouns"]) - {"fighter"}  # fighters may be people


@cache
def state_names() -> dict[str, str]:
    """Lower-case name, alias or capital of a state -> the state's name."""
    names = {key: value for key, value in CUES["actor_aliases"].items()}
    facts = knowledge()
    for form, country in facts.country_of.items():
        names.setdefault(form.lower(), country)
    for country, capital in facts.capital_of.items():
        names.setdefault(capital.lower(), country)
    for office, country in facts.office_of.items():
        names.setdefault(office.lower(), country)
        names.setdefault("the " + office.lower(), country)
    return names


@cache
def _offices() -> re.Pattern[str]:
    """The seats and offices of governments, as written ("the Pentagon", "Downing Street")."""
    names = sorted(knowledge().office_of, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b")


@dataclass
class ActorMemory:
    """What the article has named so far, for pronouns and offices: updated sentence by sentence."""

    last_actor: str | None = None
    last_state: str | None = None
    last_person: str | None = None
    last_group: str | None = None
    states: set[str] = field(default_factory=set)  # states and blocs the article has named
    organisation_by_word: dict[str, str] = field(
        default_factory=dict
    )  # "Centre" -> the last organisation named with it
    list_by: str | None = None  # who recommends the steps of a list announced by "... the following steps:"
    list_actor: str | None = None  # who a list's introduction urges ("We call on all parties to:")
    office_states: list[str] = field(default_factory=list)  # the state of each office named so far, in order

    def government(self) -> str | None:
        """Whose "administration" or "government" the article means: the state whose offices it has named most
        (of equals, the latest), else the state it named last."""
        if not self.office_states:
            return self.last_state
        counts = Counter(self.office_states)
        return max(reversed(self.office_states), key=lambda state: counts[state])

    def read(self, sent: Span) -> None:
        """Note the states, organisations, offices and people a sentence names."""
        office_of = knowledge().office_of
        self.office_states += [office_of[found] for found in _offices().findall(span_text(sent))]
        for entity in sentence_ents(sent):
            state = state_names().get(strip_det(entity.text))
            if state is not None:
                self.last_state = state
                self.states.add(state)
            elif entity.label_ in ("GPE", "NORP"):
                self.states.add(entity.text)  # a place or people of politics ("Nordic", "Crimea")
            if entity.label_ == "PERSON":
                self.last_person = entity.text
            elif entity.label_ in ("ORG", "NORP"):
                self.last_group = strip_det(entity.text, keep_case=True)
                for word in self.last_group.split():
                    self.organisation_by_word[word] = self.last_group
                if strip_det(entity.text) in ACTOR_NOUNS:
                    self.states.add(self.last_group)  # NATO, the EU: a party to policy like a state


@dataclass(frozen=True)
class Actor:
    """The resolved name and the kind of phrase the article used for it."""

    name: str | None
    kind: str


def resolve_actor(subject: Token | None, memory: ActorMemory) -> Actor:
    """The actor a subject names, with its kind; pronouns and offices take what the article named before."""
    if subject is None:
        return Actor(memory.last_actor, "none")
    subject = _whole_of_part(subject)
    phrase = phrase_of(subject)
    key = strip_det(phrase)
    if subject.lower_ in PRONOUNS and subject.pos_ == "PRON" and len(key.split()) == 1:
        return _pronoun_actor(PRONOUNS[subject.lower_], memory, subject)
    if key in state_names():
        return Actor(state_names()[key], "state")
    if _names_a_weapon(subject):  # "India's new missile should not enter service before 2030": a forecast
        return Actor(strip_det(phrase, keep_case=True), "other")
    if phrase.lower() in OWN_STATE and (state := memory.government() or memory.last_state):
        return Actor(state, "state")
    if key in DEFERRED or subject.lower_ in DEFERRED:
        return Actor(_named_country(subject) or memory.government() or phrase, "office")
    actor_noun = subject.lemma_.lower() in ACTOR_NOUNS or subject.lower_ in ACTOR_NOUNS or key in ACTOR_NOUNS
    if subject.ent_type_ in ACTOR_ENTS or actor_noun:  # "the air force", "member states": the whole phrase too
        return Actor(strip_det(phrase, keep_case=True), "group")
    if _is_acronym(subject):  # "ECOWAS Should Tread Softly": a body the model leaves untagged in a headline
        return Actor(strip_det(phrase, keep_case=True), "group")
    if subject.ent_type_ == "PERSON" or key in knowledge().role_of or subject.lower_ in knowledge().role_of:
        return Actor(strip_det(phrase, keep_case=True), "person")
    if subject.lemma_.lower() in INSTRUMENTS:
        return Actor(memory.last_actor or strip_det(phrase, keep_case=True), "instrument")  # "the review should"
    if subject.pos_ == "NOUN" and any(t.ent_type_ in ACTOR_ENTS for t in subject.lefts for t in t.subtree):
        return Actor(strip_det(phrase, keep_case=True), "group")  # "NATO's eastern members"
    return Actor(strip_det(phrase, keep_case=True), "other")


def _whole_of_part(subject: Token) -> Token:
    """ "the rest of the European Union", "members of the alliance": the body a part is of acts."""
    if subject.lemma_.lower() not in PARTITIVE_NOUNS:
        return subject
    whole = next((p for c in subject.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)
    return whole if whole is not None else subject


def _named_country(subject: Token) -> str | None:
    """ "the Indian government", "Canada's government": the office's own country, when its phrase names one."""
    country_of = knowledge().country_of
    return next((country_of[t.text] for t in subject.lefts if t.text in country_of), None)


def _is_acronym(token: Token) -> bool:
    """ "ECOWAS should lead ...": one upper-case word, not a run of them (a shouted headline, "THE GOVERNMENT")."""
    if not (token.is_alpha and token.is_upper and 2 <= len(token.text) <= MAX_ACRONYM):
        return False
    doc = token.doc
    neighbours = [doc[k] for k in (token.i - 1, token.i + 1) if 0 <= k < len(doc)]
    return not any(t.is_alpha and t.is_upper and len(t.text) > 1 for t in neighbours)


def _names_a_weapon(subject: Token) -> bool:
    """A weapon noun ("missile", "frigates") or designation ("XR-77") as the subject: a thing, never an actor."""
    known = GAZETTEER_INDEX.get(subject.text)
    return (
        subject.lower_ in WEAPON_NOUNS
        or subject.lemma_.lower() in WEAPON_NOUNS
        or bool(ONE_TOKEN_DESIGNATION.search(subject.text))
        or (known is not None and not known[1])  # a catalogued system ("ATACMS") that needs no context
    )


def _pronoun_actor(kind: str, memory: ActorMemory, subject: Token) -> Actor:
    earlier = [e for e in sentence_ents(subject.sent) if e.end <= subject.i]  # a subject named before it is preferred
    wanted = ("PERSON",) if kind == "person" else ("ORG", "GPE", "NORP")
    fitting = [e for e in reversed(earlier) if e.label_ in wanted]
    named = next((e for e in fitting if e.root.dep_ in ("nsubj", "nsubjpass")), fitting[0] if fitting else None)
    if named is not None and kind != "we":  # "Congress acted late, and it should ...": the name before it
        return Actor(state_names().get(strip_det(named.text), strip_det(named.text, keep_case=True)), "pronoun")
    if kind == "person":
        return Actor(memory.last_person or memory.last_actor, "pronoun")
    if kind == "we":  # the author's community: the state whose offices the article names; else "We", as written
        return Actor(memory.government() if memory.office_states else "We", "we")
    if kind == "you":
        return Actor(memory.last_person or memory.last_actor, "pronoun")
    return Actor(memory.last_actor or memory.last_group or memory.last_state, "pronoun")
