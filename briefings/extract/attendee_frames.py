"""Attendance frames: sentence-local parse rules that say a named person attends, is expected at, invited to or
declines an event. They give the attendee scorer (attendees.py) its strongest feature, `frame`.

- a person in the subject of an attendance frame ("X will travel to Beijing to attend"), the agent of a passive
  one ("attended by X and Y"), or the object of "join" at an event;
- the doer of anything placed at the event ("told the crowd at the parade", "On the sidelines of the summit, X
  met Y"), guests a group, a heading or the event itself names ("Guests at the ceremony were X and Y", "In
  attendance: X, Y", "The summit brought together X and Y"), and the two between whom talks are held;
Status comes from tense and modality: future or scheduled -> expected, past -> attended, "invited" -> invited,
negation or "decline"/"skip" -> declined; "present" means the tense of the event decides.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from briefings.extract.events import coordinated_term
from briefings.extract.ruledata import has_own_to
from briefings.nlp.knowledge import knowledge
from briefings.nlp.spans import sentence_ents, span_text, spans_at
from briefings.nlp.spans import words as words_of

CLIMB_DEPS = {"conj", "appos", "compound", "flat", "nmod"}
LIST_PREPOSITIONS = {"including", "like", "as", "besides"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
HEDGES = {"might", "may", "could"}  # modals of mere possibility
PRESENCE_PHRASE_NOUNS = {"participation", "presence", "attendance"}  # "with the participation of X": X was there
HABITUAL = {"always", "usually", "normally", "traditionally", "customarily", "often", "routinely"}  # a habit, not a day
UNFULFILLED_MODALS = {"should", "ought"}  # "should have attended": was not there
TIME_PREPOSITIONS = {"after", "before", "since", "until"}  # "after the talks" dates the verb; it is not its event
PRONOUNS = {"he", "she"}
PRESENCE_WORDS = {"present", "attending", "there"}  # "others present", "those attending"
FRONTING = {"also", ","}  # "Also present were X", "In addition to X, present will be Y"
STATE_NOUNS = {"country", "kingdom", "nation", "republic", "government", "state", "emirate"}

if not Doc.has_extension("event_cities"):
    Doc.set_extension("event_cities", default=frozenset())


@dataclass(frozen=True)
class Found:
    """One person found in one sentence with a status."""

    person: Span
    status: str
    sent: Span


def _event_cities(doc: Doc) -> frozenset[str]:
    """The cities of the article's events (set by the attendee extractor on `doc._.event_cities`)."""
    return doc._.event_cities


def frame_findings(sent: Span, previous: Span | None) -> list[Found]:
    """The people an attendance frame names in this sentence (presence nouns are the attend_cue feature now)."""
    return _frame_attendees(sent, previous)


# --- attendance frames: subject / agent / object of join ----------------------------------------------------


def _frame_attendees(sent: Span, previous: Span | None) -> list[Found]:
    found = []
    for person, root in _people_and_pronouns(sent, previous):
        anchor = attachment(root)
        verb = (
            _frame_verb(anchor)
            or _relative_frame(root)
            or _self_reported_frame(anchor)
            or _placed_name(root)
            or _among_them_frame(root)
            or _heading_cue(root)
        )
        if verb is None:
            continue
        status = frame_status(verb)
        if status in ("declined", "invited") and verb == _investiture_of(anchor, knowledge().cues):
            status = _tense_status(_frame_chain(verb))  # "leaders will not attend X's inauguration": X is there
        if status:
            found.append(Found(person, status, sent))
    return found


def _people_and_pronouns(sent: Span, previous: Span | None) -> list[tuple[Span, Token]]:
    """(name, token it stands at) for each person in the sentence and for a subject pronoun naming the last subject."""
    people = [(ent, ent.root) for ent in sentence_ents(sent) if ent.label_ == "PERSON"]
    subject = antecedent(previous)
    if subject is not None:
        for token in sent:
            named_before = any(ent.start < token.i for ent, _ in people)
            if token.lower_ in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass") and not named_before:
                people.append((subject, token))
    return people


def _of_a_title(of: Token, titles: dict[int, Span]) -> bool:
    """The "of" of an office: after a title word, or of a role in apposition to a person ("X, member of the
    Committee's Secretariat and Chairwoman of its Commission Y")."""
    return of.head.i in titles or of.i - 1 in titles or (of.head.dep_ == "appos" and of.head.head.ent_type_ == "PERSON")


def antecedent(previous: Span | None) -> Span | None:
    """The one person who is a subject in the previous sentence, for "He will attend ..."."""
    if previous is None:
        return None
    subjects = [
        e for e in sentence_ents(previous) if e.label_ == "PERSON" and attachment(e.root).dep_ in ("nsubj", "nsubjpass")
    ]
    return subjects[0] if len(subjects) == 1 else None


def attachment(token: Token) -> Token:
    """Climb from a name through conjunctions, appositions and "including" lists to the phrase it belongs to."""
    titles = spans_at(token.doc, "titles")
    while token.head.i != token.i:
        if token.dep_ in CLIMB_DEPS or (token.head.i in titles and token.dep_ in ("prep", "pobj", "npadvmod")):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and _of_a_title(token.head, titles):
            token = token.head.head  # "Chief of Army Staff General X", parsed as "Chief of [X]"
        elif token.dep_ == "pobj" and token.head.lower_ in LIST_PREPOSITIONS:
            token = token.head.head
            if token.lower_ == "such" and token.head.i != token.i:
                token = token.head
            token = _people_at_vantage(token)
        elif token.dep_ == "prep" and token.lower_ in LIST_PREPOSITIONS:
            token = token.head
        elif (subject := _title_subject_after(token, titles)) is not None:
            token = subject
        else:
            break
    return token


def _title_subject_after(name: Token, titles: dict[int, Span]) -> Token | None:
    """ "X, Federal Minister for States attended the event": the parser makes the title after the comma the verb's
    subject and hangs the name on the verb; the name is that subject."""
    verb = name.head
    if name.dep_ != "npadvmod" or verb.pos_ not in ("VERB", "AUX") or name.i + 1 >= len(name.doc):
        return None
    if name.doc[name.i + 1].text != ",":
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > name.i), None)
    return subject if subject is not None and any(t.i in titles for t in subject.subtree) else None


def _people_at_vantage(owner: Token) -> Token:
    """ "stood on the stand, including X": a list hung on a vantage noun names the people of the clause's subject."""
    if owner.dep_ != "pobj" or owner.lemma_.lower() not in knowledge().cues["vantage_nouns"]:
        return owner
    verb = owner.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in ("VERB", "AUX") else None
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else owner


def _frame_verb(anchor: Token) -> Token | None:
    """The verb of an attendance frame this phrase takes part in, if any."""
    cues = knowledge().cues
    if (
        anchor.dep_ == "nsubj"
        and anchor.head.dep_ == "pcomp"
        and _preposition(anchor.head.head) in cues["companion_prepositions"]
    ):
        if is_attendance_frame(anchor.head):
            return anchor.head  # "..., with President X reviewing the troops from a stand"
        if any(c.dep_ in ("dobj", "ccomp") for c in anchor.head.children):
            return None  # "with X warning dignitaries of the risks": X's own deed, not a place beside the event
        return _companion_frame(anchor.head.head)  # "with X and Y seated around him"
    if anchor.dep_ in ("nsubj", "nsubjpass"):
        verb = _elided_verb(anchor.head)
        return verb if is_attendance_frame(verb) else None
    if (investiture := _investiture_of(anchor, cues)) is not None:
        return investiture  # "the swearing-in ceremony of X", "X's inauguration": X is sworn in at it
    if anchor.dep_ == "poss":  # "X's decision to skip the summit", "X's plan to attend the parade": X's own deed
        planned = next((c for c in anchor.head.children if c.dep_ == "acl" and has_own_to(c)), None)
        return planned if planned is not None and is_attendance_frame(planned) else None
    if anchor.dep_ in ("dep", "attr") and anchor.head.pos_ in ("VERB", "AUX"):
        verb = anchor.head  # "Also on the stand were X, Y and Z": the parser hangs later names loosely on the verb
        if is_attendance_frame(verb):
            return verb
        return _inverted_subject_frame(verb)
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "between" and _one_of_the_articles_events(anchor.head.head):
        event = anchor.head.head  # "The talks between X and Y lasted two hours": its verb tells the tense
        return event.head if event.dep_ in ("nsubj", "nsubjpass") and event.head.pos_ in ("VERB", "AUX") else event
    if _placed_name(anchor) is not None:
        return _placed_name(anchor)  # "Photo: X (centre) at the summit"
    if anchor.dep_ == "pobj" and anchor.head.lower_ in cues["review_prepositions"]:
        verb = anchor.head.head
        return verb if verb.lemma_ in cues["marching_verbs"] else None  # "troops marched past President X"
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "agent":
        verb = anchor.head.head
        # "the naming ceremony was led by X" (not "the country is led by X"), "the delegation was led by X"
        led = verb.lemma_ in cues["leading_verbs"] and any(
            c.dep_ == "nsubjpass" and _names_event(c) for c in verb.children
        )
        return (
            verb if verb.lemma_ in cues["agent_verbs"] or led or _leads_a_party(verb) or _guest_received(verb) else None
        )
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and _with_the_presence(anchor.head.head):
        return verb_over(anchor.head.head)  # "the ceremony was held with the participation of X, Y and Z"
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "by" and _hosting_noun(anchor.head.head, cues):
        return verb_over(anchor.head.head)  # "the opening of the exhibition by X", "the review of the guard by X"
    if anchor.dep_ == "pobj" and _preposition(anchor.head) in cues["companion_prepositions"]:
        return _companion_frame(anchor.head)
    if anchor.dep_ == "dobj" and anchor.head.lemma_ in ("join", "accompany") and _mentions_event(anchor.head):
        return anchor.head
    if anchor.dep_ in ("dobj", "attr") and anchor.head.lemma_ in ("include", "be") and _subject_is_guests(anchor.head):
        return anchor.head  # "Leaders in attendance included X and Y", "Guests at the parade were X and Y"
    if anchor.dep_ == "dobj" and anchor.head.lemma_ in cues["gathering_verbs"] and _subject_is_event(anchor.head):
        return anchor.head  # "The summit brought together X and Y", "The funeral drew X"
    if (
        anchor.dep_ == "dobj"
        and anchor.head.lemma_ == "bring"
        and _event_cities(anchor.doc)
        and any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in anchor.head.children)
    ):
        return anchor.head  # "Kim brought Foreign Minister X and Marshal Y": his delegation
    if anchor.dep_ == "dobj" and anchor.head.lemma_ in cues["receiving_verbs"] and _receives_a_person(anchor.head):
        return anchor.head  # "Putin received Kim at the cosmodrome": the guest is there too
    return None


def _investiture_of(anchor: Token, cues: dict) -> Token | None:
    """The verb over an investiture whose person the name is ("attend the swearing-in ceremony of X", "sent envoys
    to X's inaugural"): X is sworn in at it, and the verb tells when."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
        noun = anchor.head.head
    elif anchor.dep_ == "poss":
        noun = anchor.head
    else:
        return None
    words = cues["investiture_words"]
    if noun.lower_ not in words and not any(c.dep_ in ("compound", "amod") and c.lower_ in words for c in noun.lefts):
        return None
    return verb_over(noun)


def _hosting_noun(noun: Token, cues: dict) -> bool:
    """A host's act written as a noun with what it acts on ("the opening of the exhibition", "the review of the
    honour guard"); not a document's name ("the Defence Strategic Review by X")."""
    return (
        noun.lemma_.lower() in cues["host_nouns"]
        and noun.is_lower
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def _with_the_presence(noun: Token) -> bool:
    """ "with the participation of", "in the presence of": a presence noun whose phrase tells who was there."""
    return noun.lemma_.lower() in PRESENCE_PHRASE_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("with", "in")


def verb_over(noun: Token) -> Token | None:
    """The verb the noun's phrase hangs on, which tells the tense ("The occasion was the opening ... by X")."""
    return next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)


def _among_them_frame(name: Token) -> Token | None:
    """ "Leaders attended the inauguration, among them X and Y": the frame of the clause the list hangs on."""
    head = name
    while head.dep_ in ("conj", "compound", "flat") and head.head.i != head.i:
        head = head.head
    among = [p for p in head.children if p.dep_ == "prep" and p.lower_ == "among"]
    if not any(o.lower_ in ("them", "those") for p in among for o in p.children if o.dep_ == "pobj"):
        return None
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") and is_attendance_frame(verb) else None


def _inverted_subject_frame(copula: Token) -> Token | None:
    """ "Attending the summit were X and Y": the attendance the copula's inverted subject tells."""
    clauses = [c for c in copula.children if c.dep_ in ("csubj", "nsubj") and c.tag_ == "VBG"]
    if copula.dep_ == "aux" and copula.head.tag_ == "VBG":
        clauses.append(copula.head)  # the parser's other reading: "Attending" as the root, "were" its auxiliary
    return next((c for c in clauses if is_attendance_frame(c)), None)


def _heading_cue(name: Token) -> Token | None:
    """ "In attendance at the summit: X, Y": a verbless line whose words before the colon say who was there."""
    sent = name.sent
    every = words_of(sent.doc)
    colon = next((sent.doc[i] for i in range(sent.start, name.i) if every.text[i] == ":"), None)
    if colon is None or any(every.pos[i] == "VERB" and every.tag[i] != "VBG" for i in range(sent.start, sent.end)):
        return None
    cues = knowledge().cues
    words = set(cues["presence_nouns"]) | set(cues["guest_nouns"]) | set(cues["vantage_nouns"]) | {"attending"}
    return next((t for t in sent[: colon.i - sent.start] if t.lower_ in words or t.lemma_ in words), None)


def _self_reported_frame(anchor: Token) -> Token | None:
    """ "X has said he will go to Moscow", "X has confirmed she will attend": the attendance frame of a clause X
    reports about himself or herself."""
    cues = knowledge().cues
    if anchor.dep_ != "nsubj" or (
        anchor.head.lemma_ not in cues["reporting_verbs"] and anchor.head.lemma_ not in cues["self_report_verbs"]
    ):
        return None
    for clause in (c for c in anchor.head.children if c.dep_ == "ccomp"):
        if any(c.dep_ == "nsubj" and c.lower_ in PRONOUNS for c in clause.children) and is_attendance_frame(clause):
            return clause
    return None


def _plural_relatives_of_its_list(name: Token) -> list[Token]:
    """ "X or Y, who are also in attendance": a plural relative clause on the list's last name is about them all."""
    plural = ("are", "were", "have")
    return [
        c
        for other in name.conjuncts
        for c in other.children
        if c.dep_ == "relcl" and (c.lower_ in plural or any(a.lower_ in plural for a in c.children if a.dep_ == "aux"))
    ]


def _says_present(be: Token) -> bool:
    """ "is in attendance", "was present": the copula says its subject is there."""
    if any(c.dep_ == "acomp" and c.lower_ == "present" for c in be.children):
        return True
    if _fronted_present(be):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "attendance" for g in c.children) for c in be.children
    )


def _fronted_present(be: Token) -> bool:
    """ "Present were X and Y", "Also present will be X": "present" put before the copula and its auxiliaries (the
    parser may hang it on a name before)."""
    k = be.i - 1
    while k >= 0 and be.doc[k].dep_ == "aux" and be.doc[k].head.i == be.i:
        k -= 1
    return k >= 0 and be.doc[k].lower_ == "present" and (k == be.sent.start or be.doc[k - 1].lower_ in FRONTING)


def _relative_frame(name: Token) -> Token | None:
    """ "X, who took part in the meeting on Thursday, ...": the attendance frame of a relative clause about X, or of
    a participle placed at the event ("X, speaking at the ceremony, ...")."""
    for clause in [c for c in name.children if c.dep_ == "relcl"] + _plural_relatives_of_its_list(name):
        if any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children) and is_attendance_frame(
            clause
        ):
            return clause
    for clause in (c for c in name.children if c.dep_ == "acl" and c.tag_ == "VBG"):
        if placed_at_event(clause) and not _is_remote(clause):
            return clause  # "X, speaking at the ceremony, said ..."
    return None


def _elided_verb(verb: Token) -> Token:
    """ "X attended, as did Y" / "and so did Y": the "do" stands for the verb it hangs on."""
    if verb.lemma_ != "do" or verb.dep_ not in ("advcl", "conj") or verb.head.i == verb.i:
        return verb
    if any(c.lower_ in ("as", "so") and c.dep_ in ("mark", "advmod") for c in verb.children):
        return verb.head
    return verb


def _preposition(prep: Token) -> str:
    if prep.lower_ == "to" and prep.head.lower_ == "next":
        return "next to"
    if prep.lower_ == "to" and prep.head.lower_ == "addition" and prep.head.head.lower_ == "in":
        return "in addition to"
    return prep.lower_


def _one_of_the_articles_events(noun: Token) -> bool:
    """An event noun in an article that reports events, not "a series of summits between X and Y" in general."""
    if not _event_cities(noun.doc) or not _names_event(noun):
        return False
    of = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return of is None or of.head.lemma_.lower() not in ("series", "number", "string", "round", "couple")


def _placed_name(name: Token) -> Token | None:
    """The name's own phrase places it at the event ("X at the summit", in a caption): the "at" phrase."""
    if name.pos_ != "PROPN":
        return None
    phrases = [name]
    if name.dep_ in ("appos", "nsubj") and name.head.dep_ == "ROOT" and name.head.pos_ in ("NOUN", "PROPN"):
        phrases.append(name.head)  # "Photo: X (centre) ... at the summit", the "at" hung on the caption's first word
    return next((p for phrase in phrases for p in phrase.children if p.dep_ == "prep" and _at_event(p)), None)


def _companion_frame(prep: Token) -> Token | None:
    """ "... beside X" / "with X at his side": the attendance frame of the clause the companion is part of."""
    if _placed_name(prep.head) is not None:
        return _placed_name(prep.head)  # "X (centre) with Y and Z at the summit"
    verb = prep.head.head if prep.head.lower_ == "next" else prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in (
        "advcl",
        "xcomp",
        "conj",
        "acl",
    ):
        verb = verb.head
    return verb if is_attendance_frame(verb) else None


def is_attendance_frame(verb: Token) -> bool:
    """True when the verb (or its to-infinitive chain) says someone goes to, joins or hosts an event."""
    cues = knowledge().cues
    if verb.lemma_ in cues["reporting_verbs"]:
        return not _is_remote(verb) and placed_in_chain(verb)  # "said at the summit": there to say it
    for frame in _frame_chain(verb):
        lemma = frame.lemma_
        if _is_remote(frame) or _describes_a_post(frame, cues):
            return False
        if placed_at_event(frame):
            return True  # "waved to the crowd at the parade", "On the sidelines of the summit, X met Y"
        if lemma == "represent" and any(
            c.dep_ == "dobj" and (c.ent_type_ == "GPE" or c.lemma_ in STATE_NOUNS) for c in frame.children
        ):
            return True
        if lemma in ("attend", "participate") or (
            is_phrasal(frame, cues["phrasal"]) and not _among_others(frame, cues)
        ):
            return True
        if lemma in cues["travel_verbs"] and (_has_destination(frame) or _mentions_event(frame)):
            return True
        if (lemma in cues["attend_verbs"] or lemma in cues["host_verbs"]) and _mentions_event(frame):
            return True
        if _meets_as_a_group(frame, cues) or _holds_talks(frame, cues) or _meets_someone(frame):
            return True
        if lemma in cues["receiving_verbs"] and _receives_a_person(frame) and _event_cities(frame.doc):
            return True  # the host greeting or receiving a visitor, in an article about an event
        if lemma in ("include", "be") and _subject_is_guests(frame):
            return True
        if lemma == "be" and _says_present(frame):
            return True  # "X, who is also in attendance"; "Y, who was present"
        if _leads_a_party(frame):
            return True
        if lemma in cues["gathering_verbs"] and _subject_is_event(frame):
            return True
        if is_phrasal(frame, cues["declined_phrasal"]):
            return True
        if lemma in cues["invited_cues"] or lemma in cues["declined_cues"] or lemma in cues["postponing_verbs"]:
            return (
                _mentions_event(frame)
                or any(c.dep_ == "dobj" and c.lemma_ in cues["invitation_nouns"] for c in frame.children)
                or _invited_one_named(frame, cues)
            )
    return False


def _holds_talks(verb: Token, cues: dict) -> bool:
    """ "X will have a bilateral meeting with Y", "X held discussions with Y": a meeting of the two, whether or not
    the article names it as an event of its own."""
    return verb.lemma_ in ("have", "hold") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in cues["talks_nouns"] for c in verb.children
    )


def _meets_as_a_group(verb: Token, cues: dict) -> bool:
    """ "X and other heads of state met for the summit", "... are meeting in Abuja" (an event's city): the subjects
    meet one another there. Not "X met Y", "X will meet with Y": whether Y is there is the meeting's own tense."""
    if verb.lemma_ not in cues["meeting_verbs"]:
        return False
    if any(c.dep_ == "dobj" for c in verb.children) or any(
        t.dep_ == "prep" and t.lower_ == "with"
        for t in verb.subtree  # "on the sidelines with Y": may hang lower
    ):
        return False
    return _mentions_event(verb) or _has_destination(verb)


def _meets_someone(verb: Token) -> bool:
    """ "X met (with) President Y", "X met Y and Z": a meeting of theirs, which X is at."""
    if verb.lemma_ != "meet":
        return False
    met = [c for c in verb.children if c.dep_ == "dobj"]
    met += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children if o.dep_ == "pobj"]
    titles = spans_at(verb.doc, "titles")
    return any(t.ent_type_ == "PERSON" or t.i in titles for m in met for t in m.subtree)


def _guest_received(verb: Token) -> bool:
    """ "X was received at the air base by Y", "the delegation was welcomed by Y", "on disembarking, X and Z were
    met by Y": the host who receives a guest (not a proposal welcomed by Y) is there."""
    cues = knowledge().cues
    guests = set(cues["guest_nouns"]) | set(cues["party_nouns"]) | set(cues["delegate_nouns"])
    return (verb.lemma_ in cues["receiving_verbs"] or verb.lemma_ == "meet") and any(
        c.dep_ == "nsubjpass" and (c.pos_ in ("PROPN", "PRON") or c.lemma_.lower() in guests) for c in verb.children
    )


def _leads_a_party(verb: Token) -> bool:
    """ "The delegation to the inauguration was led by X", "X headed the country's delegation": whoever leads a
    delegation to an event (named in the clause, or the article's) is there."""
    cues = knowledge().cues
    if verb.lemma_ not in cues["leading_verbs"]:
        return False
    parties = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in cues["party_nouns"]]
    return bool(parties) and (_mentions_event(verb) or bool(_event_cities(verb.doc)))


def placed_in_chain(verb: Token) -> bool:
    """The verb, or one it hands its subject to, happens at an event ("agreed to restore them at the summit")."""
    return any(placed_at_event(v) for v in _frame_chain(verb))


def placed_at_event(verb: Token) -> bool:
    """The verb's clause happens at an event: "at the parade", "during the ceremony", "on the sidelines of the
    summit", or one phrase down, "told the crowd at the parade", "in a speech at the parade". Whoever does it is
    there."""
    phrases = [c for c in verb.children if c.dep_ in ("prep", "dobj")]
    if any(p.dep_ == "dobj" and p.lemma_.lower() in knowledge().cues["delegate_nouns"] for p in phrases):
        return False  # "X had representatives at the event": they were there, not X
    if any(_at_event(p) for p in phrases if p.dep_ == "prep"):
        return True
    nouns = [o for p in phrases for o in (p.children if p.dep_ == "prep" else (p,)) if o.pos_ in ("NOUN", "PROPN")]
    return any(_at_event(p) for noun in nouns for p in noun.children if p.dep_ == "prep") or any(
        _participle_at_event(c) for c in verb.children if c.dep_ == "advcl"
    )


def _participle_at_event(clause: Token) -> bool:
    """ "Speaking at the ceremony, X said ...", "Attending the ceremony, X said ...": a participle with no subject of
    its own puts the main clause's subject at the event."""
    if clause.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    attends = clause.lemma_ in knowledge().cues["attend_verbs"] and any(
        c.dep_ == "dobj" and _names_event(c) for c in clause.children
    )
    return attends or placed_at_event(clause)


def _at_event(prep: Token) -> bool:
    """ "at / during the parade", "on the eve of the summit" (but not "spending on the parade")."""
    cues = knowledge().cues
    if prep.lower_ not in cues["event_prepositions"]:
        return False
    parts_only = prep.lower_ == "on"
    return any(o.dep_ == "pobj" and _names_event(o, parts_only) for o in prep.children)


def _names_event(noun: Token, parts_only: bool = False) -> bool:
    """The phrase names an event ("the parade", "the state visit", "the opening of the air show"); with
    `parts_only`, only as a part of one ("the eve of the summit"). Not "a news conference", nor "a briefing on the
    visit": the event must be the noun or its modifier, or what the part is of."""
    cues = knowledge().cues
    if noun.lemma_.lower() in cues["event_parts"]:
        of = [o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]  # the parser's "opening ... fair"
        return any(_names_event(o) for o in of) or any(_names_event(m) for m in modifiers)
    if parts_only or any(c.dep_ == "compound" and c.lower_ in cues["non_event_compounds"] for c in noun.children):
        return False
    types = knowledge().event_type
    words = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod", "nmod"))]
    for token in words:
        pair = f"{token.nbor(-1).lower_} {token.lower_}" if token.i > 0 else ""
        if token.lower_ in types or token.lemma_.lower() in types or pair in types:
            return True
    return coordinated_term(noun, types) is not None  # "an air and weapons show"


def _invited_one_named(verb: Token, cues: dict) -> bool:
    """ "X and Y have also been invited": the invitation of the article's event, said of the person it names (not
    "was invited to write a comment": invited to do something else)."""
    if any(c.dep_ in ("xcomp", "advcl") and c.lemma_ not in cues["attend_verbs"] for c in verb.children):
        return False
    return verb.lemma_ in cues["invited_cues"] and any(
        c.dep_ == "nsubjpass" and c.ent_type_ == "PERSON" for c in verb.children
    )


def _among_others(verb: Token, cues: dict) -> bool:
    """ "X is among the front-runners": "be among" counts only among guests or those at an event ("among them")."""
    among = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"]
    if verb.lemma_ != "be" or not among:
        return False
    guests = set(cues["guest_nouns"]) | {"them", "those", "they", "heads"}
    objects = [o for p in among for o in p.children if o.dep_ == "pobj"]
    clauses = [c for o in objects for c in o.children if c.dep_ in ("relcl", "acl")]  # "among those who attended"
    # "among the last to arrive": the parser hangs the infinitive on "be"
    clauses += [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and has_own_to(c)]
    attending = any(_attends_or_watches(c, cues) or _arrives(c, cues) for c in clauses)
    return (
        not attending
        and not any(t.lower_ in guests or t.lemma_ in guests for o in objects for t in o.subtree)  # "those present"
        and not _mentions_event(verb)
    )


def _arrives(verb: Token, cues: dict) -> bool:
    """ "among the last to arrive": arriving, not at a named place elsewhere, is coming to the article's event."""
    return verb.lemma_ in cues["travel_verbs"] and not _goes_elsewhere(verb)


def _attends_or_watches(clause: Token, cues: dict) -> bool:
    """ "among the officials who attended the parade", "... who witnessed the display by the cadets": watching is
    being there, whatever the clause calls what was watched."""
    return is_attendance_frame(clause) or clause.lemma_ in cues["watching_verbs"]


def _subject_is_guests(verb: Token) -> bool:
    """The verb's subject names the people at an event ("Leaders in attendance", "Guests at the parade")."""
    cues = knowledge().cues
    guests = set(cues["guest_nouns"])
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return _others_present(verb) is not None
    if subject.lower_ not in guests and subject.lemma_ not in guests:
        return False
    nouns = set(cues["presence_nouns"]) | set(knowledge().event_type) | set(cues["vantage_nouns"])
    return bool(_event_cities(verb.doc)) or any(t.lemma_ in nouns or t.lower_ in nouns for t in subject.subtree)


def _subject_is_event(verb: Token) -> bool:
    """The verb's subject is an event ("The summit brought together ...")."""
    return any(c.dep_ == "nsubj" and _names_event(c) for c in verb.children)


def _others_present(verb: Token) -> Token | None:
    """ "Others present at the parade included X": the parser makes "present" a clause of its own; its subject is
    the group, told by the presence word."""
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "csubj") and c.lower_ in PRESENCE_WORDS):
        subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ in ("others", "those")), None)
        if subject is not None:
            return subject
    return None


def _receives_a_person(verb: Token) -> bool:
    """The verb's object is a named person or a pronoun for one ("greeted him", "received Kim")."""
    return any(
        c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lower_ in ("him", "her", "them")) for c in verb.children
    )


def _is_remote(verb: Token) -> bool:
    """ "addressed the summit by video link", "joined virtually": taking part from elsewhere is not attending."""
    remote = set(knowledge().cues["remote_cues"])
    return any(
        t.lower_ in remote for c in verb.children if c.dep_ in ("prep", "advmod", "dobj", "npadvmod") for t in c.subtree
    )


def _describes_a_post(verb: Token, cues: dict) -> bool:
    """ "X is a senior fellow at the Y Forum": a copula with a job or description, not presence at an event."""
    guests = set(cues["guest_nouns"])
    if verb.lemma_ == "be" and (first := _first_to(verb)):  # "X is the first king to be guest of honour at the
        return all(_describes_a_post(f, cues) for f in first)  # parade": what X does there, unless it is a post
    return (
        verb.lemma_ == "be"
        and any(c.dep_ == "attr" and c.lower_ not in guests and c.lemma_ not in guests for c in verb.children)
        and not _subject_is_guests(verb)  # "Guests at the ceremony were X and Y"
        and not _fronted_present(verb)  # "Also present were X and Y": the names are the inverted subject
    )


def _frame_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it hands its subject to ("set to make", "travel ... to attend", "plan to take part")."""
    chain, frontier = [verb], [verb]
    for _ in range(3):
        frontier = [
            c
            for v in frontier
            for c in v.children
            if c.dep_ in ("xcomp", "advcl", "conj")
            and c.pos_ in ("VERB", "AUX")
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ] + [c for v in frontier for c in _first_to(v)]
        chain.extend(frontier)
    return chain


def _first_to(verb: Token) -> list[Token]:
    """ "X is the first king to be guest of honour at the parade", "became the first leader to attend it": the
    infinitive that says what the subject, as the first of its kind, does."""
    if verb.lemma_ not in ("be", "become"):
        return []
    return [
        c
        for attr in verb.children
        if attr.dep_ == "attr"
        for c in attr.children
        if c.dep_ in ("relcl", "acl")
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    ]


def is_phrasal(verb: Token, phrasal: Mapping[str, Collection[str]]) -> bool:
    """The verb with one of its particles or objects ("show up", "take part", "pull out")."""
    particles = phrasal.get(verb.lemma_)
    if not particles:
        return False
    return any(
        c.lemma_ in particles or c.lower_ in particles
        for c in verb.children
        if c.dep_ in ("dobj", "prep", "acomp", "attr", "prt", "advmod")
    )


def _has_destination(verb: Token) -> bool:
    """The verb goes to a city where one of the article's events takes place ("travel to Nairobi")."""
    cities = _event_cities(verb.doc)
    aliases = knowledge().city_alias
    targets = [
        obj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "for", "in")
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    targets += [c for c in verb.children if c.dep_ == "dobj"]
    for target in targets:
        words = [t.text for t in target.subtree if t.pos_ == "PROPN"]
        names = {" ".join(words), target.text}
        if any(aliases.get(name, name) in cities for name in names):
            return True
    return False


def frame_rejects(person: Span) -> bool:
    """The person is the subject of a frame the rules turn down: travelling to a place where no event of the article
    is ("will fly to Kampala"), or "being among" people who are not guests ("among the front-runners")."""
    anchor = attachment(person.root)
    if anchor.dep_ not in ("nsubj", "nsubjpass"):
        return False
    cues = knowledge().cues
    for frame in _frame_chain(anchor.head):
        if frame.lemma_ in cues["travel_verbs"] and _goes_elsewhere(frame):
            return True
        if is_phrasal(frame, cues["phrasal"]) and _among_others(frame, cues):
            return True
    return False


def _goes_elsewhere(verb: Token) -> bool:
    """The verb goes to a named place that is not the city of one of the article's events."""
    if _has_destination(verb):
        return False
    return any(
        obj.ent_type_ in ("GPE", "LOC", "FAC")
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "to"
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


def _mentions_event(verb: Token) -> bool:
    """The verb's own phrase names an event ("at a parade", "the summit", "the celebrations", "it")."""
    facts = knowledge()
    types, scenes = facts.event_type, set(facts.cues["vantage_nouns"])
    phrases = [
        c
        for c in verb.children
        if (
            c.dep_ in ("dobj", "prep", "attr", "dative", "agent", "nsubjpass", "npadvmod")
            # "opened the Valdex arms fair", split by the parser into an object and a verbless clause
            or (c.dep_ in ("oprd", "advcl") and not any(g.dep_ == "nsubj" for g in c.children))
        )
        and c.lower_ not in TIME_PREPOSITIONS
    ]
    for token in (t for phrase in phrases for t in phrase.subtree):
        pair = f"{token.nbor(-1).lower_} {token.lower_}" if token.i > 0 else ""
        if (
            token.lower_ in types
            or token.lemma_.lower() in types
            or token.lower_ in scenes
            or pair in types
            or pair in scenes
        ):
            return True
    return any(c.dep_ == "dobj" and c.lower_ in ("it", "them") for c in verb.children)


def frame_status(verb: Token) -> str | None:
    """attended | expected | invited | declined for an attendance frame; None when it is hypothetical."""
    cues = knowledge().cues
    chain = _frame_chain(verb)
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for v in chain for c in v.children):
        return None
    if any(c.dep_ == "aux" and c.lower_ in HEDGES for v in chain for c in v.children):
        return None  # "X might attend": a possibility
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for v in chain for c in v.children):
        return None  # "X, who is always present on such occasions, ...": a habit tells nothing of this day
    if any(v.lemma_ in cues["weighing_verbs"] for v in chain):
        return None  # "X had been considering heading to the summit": a thought, not a plan
    declined = any(
        v.lemma_ in cues["declined_cues"]
        or v.lemma_ in cues["postponing_verbs"]  # "X has postponed his trip": the person's own frame only; "the
        # event was postponed" says nothing of a guest
        or is_phrasal(v, cues["declined_phrasal"])
        or _said_absent(v, cues)
        for v in chain
    )
    declined = declined or _unfulfilled(chain) or _neither_nor(chain) or inverted_negation(verb.sent)
    if declined or any(c.dep_ == "neg" for v in chain for c in v.children) or _among_absentees(chain):
        return "declined"
    if any(v.lemma_ in cues["invited_cues"] for v in chain):
        return "invited"
    return _tense_status(chain)


def _tense_status(chain: list[Token]) -> str:
    """What a frame's verbs tell by their tense alone of someone at the event they speak of."""
    if _is_future(chain, knowledge().cues):
        return "expected"
    return "present" if chain[0].tag_ in ("VBZ", "VBP", "VB", "VBG") else "attended"


def _unfulfilled(chain: list[Token]) -> bool:
    """ "X should have accepted the demands and been there at the summit": a duty left undone; X was not there."""
    verbs = [w for v in chain for w in (v, v.head) if w is v or v.dep_ == "conj"]
    for verb in verbs:
        helpers = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if helpers & UNFULFILLED_MODALS and "have" in helpers:
            return True
    return False


def _neither_nor(chain: list[Token]) -> bool:
    """ "Neither X nor Y attended the meeting": the subjects are joined by "neither ... nor"."""
    subjects = [c for v in chain for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(t.lower_ == "neither" for s in subjects for t in s.subtree)


def inverted_negation(sent: Span) -> bool:
    """ "Neither was X seen anywhere", "Nor did X attend": a clause negated by its opening word, its verb before
    its subject."""
    return len(sent) > 1 and sent[0].lower_ in ("neither", "nor") and sent[1].pos_ == "AUX"


def _said_absent(verb: Token, cues: dict) -> bool:
    """ "X and Y were absent as the summit opened": the copula's complement says they were not there."""
    return any(c.dep_ == "acomp" and c.lemma_.lower() in cues["declined_cues"] for c in verb.children)


def _among_absentees(chain: list[Token]) -> bool:
    """ "Among those who did not show up were X", "Among the leaders who were also absent were X": the group the
    frame places X in is told by a negated clause or one that says they were absent."""
    cues = knowledge().cues
    groups = [o for v in chain for p in v.children if p.lower_ == "among" for o in p.children if o.dep_ == "pobj"]
    clauses = [c for g in groups for c in g.children if c.dep_ in ("relcl", "acl")]
    return any(t.dep_ == "neg" for clause in clauses for t in clause.children) or any(
        _said_absent(clause, cues) for clause in clauses
    )


def _is_future(chain: list[Token], cues: dict) -> bool:
    for verb in chain:
        if (
            verb.lemma_ in cues["expected_cues"]
            and verb.dep_ in ("ROOT", "ccomp", "conj", "advcl")
            and verb is chain[0]
        ):
            return True
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll", "’ll", "wo", "would"):
                return True
            if child.dep_ == "aux" and child.lower_ == "to" and verb.dep_ == "ROOT":
                return True
            if child.dep_ == "npadvmod" and any(t.lower_ in ("next", "upcoming", "coming") for t in child.subtree):
                return True
    return False


# --- sentences to skip --------------------------------------------------------------------------------------


def is_question(sent: Span) -> bool:
    """A question ("Will X attend?") reports no attendance."""
    return span_text(sent).strip().endswith("?")
