"""Component `person_repair`: fix PERSON entities using the names the same article spells out in full.

Generic repairs, driven by the document itself (never by a list of names):
- cut a PERSON span at a possessive or colon ("Kim's Motivations" -> "Kim") and drop leading
  function words or titles ("Besides Xi" -> "Xi", "President Xi" -> "Xi");
- extend a name leftwards over a capitalised word sitting between a title and the name
  ("General Secretary To Lam" where the model tagged only "Lam");
- relabel a single word tagged GPE/ORG/... (or left untagged) as PERSON when it is the first or last
  word of a multi-word PERSON found elsewhere in the article ("Lam's visit", "Qiang and Medvedev");
- extend a name rightwards over the surname its words hang on ("Pham Minh" + "Chinh"), join two PERSON
  halves with nothing between them, and take capitalised words right after a title ("Secretary To Lam");
- on list lines "- Country – Title Full Name", the words after the dash and title are the person and the
  left side never is; a span ending in an office word ("Joint Chiefs") is not a person.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from briefings.nlp.knowledge import knowledge, royal_titles
from briefings.nlp.spans import is_headline_case, token_texts

CUT_TOKENS = {"'s", "’s", ":", "'", "’", "\n", "—", "–", "|"}
RELABELLED = {"GPE", "ORG", "NORP", "PRODUCT", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW"}
POSSESSIVE = {"'s", "’s", "'", "’"}
OPEN_QUOTES, CLOSE_QUOTES = {"“", '"', "‘"}, {"”", '"', "’"}  # around a nickname inside a name
MAX_NICKNAMED_SIDE = 3  # words of a nicknamed name on each side of the quoted nickname
PLACE_LABELS = {"GPE", "LOC"}
OFFICE_WORDS = {  # words that end a body's name; not "institution words" a name may follow ("Duma Boko")
    "duma",
    "chiefs",
    "chief",
    "staff",
    "committee",
    "council",
    "command",
    "ministry",
    "office",
    "forces",
    "corps",
    "guard",
    "secretariat",
    "directorate",
    "bureau",
    "commission",
    "headquarters",
    "unit",
}
HOLIDAY_WORDS = {"day", "days"}  # "celebrating many Madaraka Days": a holiday's name, never a person's
GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # "Donald Trump Jr", "Ferdinand Marcos, Jr.": a son's name
NAME_PARTICLES = frozenset(knowledge().cues["name_particles"])  # "bin", "dos", "arap": lower-case words inside a name
PATRONYMIC_LINKS = {"bin", "ibn", "bint"}  # "son of", "daughter of": the word before is a given name
ELIDED_PARTICLE = re.compile(r"^(?:d|D|dell|l)[’'][A-ZÀ-Ý][a-zà-ÿ]+$")  # "d’Estaing", "d'Ormesson"
MIN_POSSESSED_NAME, MAX_POSSESSED_NAME = 2, 4  # "China's Xi Jinping" .. "Mexico's Andres Manuel Lopez Obrador"
NAME_ROLES = {"nsubj", "nsubjpass", "conj", "appos", "pobj", "dobj"}  # a person stands alone in the clause
LIST_DASHES = {"–", "—", "-", ":"}
LIST_BULLETS = {"-", "–", "—", "*", "•", "·", "▪", "●", "◦", "‣"}
NAME_END = {",", "(", ";", "\n"}
MIN_LISTED_LIKE_IT = 2  # two people written "X of Country" make it the sentence's way of listing them
MAX_LIST_LINK = 4  # ", and the", "at the": the most words between two listed names
MIN_LISTED_VENUES = 2  # one venue in a list of names may be where they met; two make it a list of places
VENUE_LIST_LINKS = {",", "and", "or", "&", "at", "in", "the"}  # "A, B at C in D and E": one list of places
REGION_LIST_LINKS = {",", "and"}  # "Odisha, West Bengal and Assam"; not "X in Nairobi and Y in Kampala"
MIN_LISTED_REGIONS = 3  # untitled names outnumbered by three or more places in one plain list are places too
OFFICE_BEFORE_LIST = 3  # "the presidents of | Ghana, X, ...": an office this close before a list heads it
PERSON_VERBS = {  # verbs whose subject is a person when it is a capitalised name the model took for something else
    "say",
    "tell",
    "attend",
    "arrive",
    "meet",
    "greet",
    "visit",
    "accompany",
    "speak",
    "address",
    "join",
    "travel",
    "inspect",
    "review",
    "welcome",
    "receive",
    "host",
    "shake",
    "sit",
    "stand",
    "watch",
    "thank",
    "lay",
    "salute",
    "wave",
    "preside",
}
NAME_ENDING_EVENTS = frozenset({"parade", "summit", "ceremony", "inauguration"})  # words no name holds
THEME_REACH = 20  # words back from a name to the quotation mark that may open a theme around it
THEME_WORDS_BEFORE = 3  # "the theme of '...'", "under the slogan: '...'": the noun stands this close to the mark
ROYAL_STYLE_WORDS = {"royal", "consort", "regent", "dowager"}  # "The Princess Royal": a style, not her name
REGNAL_NUMBER = re.compile(r"[IVX]{2,5}|V|X")  # "II", "XIV"; not "I", which is more often the pronoun


def _trimmed(span: Span, title_tokens: set[int]) -> Span | None:
    """The span cut at a possessive/colon, without leading function words, titles or trailing punctuation."""
    doc, start, end = span.doc, span.start, span.end
    for token in span:
        if token.text in CUT_TOKENS or token.is_space or (token.i > start and _ends_a_name(token)):
            end = token.i  # "Mugabe Swearing-In Expected ...": a headline's name runs into the event's
            break
    while (
        start < end
        and (doc[start].is_stop or not doc[start].text[:1].isupper() or start in title_tokens)
        and end - start > 1
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVE or _trailing_link(doc[end - 1])):
        end -= 1
    if end <= start or not doc[start].text[:1].isupper():
        return None
    return Span(doc, start, end, label="PERSON")


def _ends_a_name(token: Token) -> bool:
    """A word or mark no name goes on past: an event's word, a spaced hyphen ("Paul Kagame - Rwanda", a list's
    country) or an opening bracket ("Queen Camilla (L)", a caption's place in the picture)."""
    spaced_hyphen = token.text == "-" and bool(token.whitespace_) and bool(token.nbor(-1).whitespace_)
    bracket = token.text == "(" and not _bracketed_nickname(token)
    return spaced_hyphen or bracket or _names_an_event(token)


def _bracketed_nickname(bracket: Token) -> bool:
    """ "Charles (Chip) Brown": a capitalised word in brackets between the given name and the surname."""
    doc, i = bracket.doc, bracket.i
    return (
        i + 3 < len(doc)
        and doc[i + 1].is_title
        and doc[i + 2].text == ")"
        and doc[i + 3].is_title
        and doc[i + 3].pos_ == "PROPN"
    )


def _names_an_event(token: Token) -> bool:
    """A word that names a parade, summit or ceremony on its own ("Parade", "Summit", "Swearing-In")."""
    doc = token.doc
    word = token.lower_
    hyphened = f"{word}-{doc[token.i + 2].lower_}" if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" else ""
    kinds = knowledge().event_type
    return (kinds.get(word) or kinds.get(hyphened)) in NAME_ENDING_EVENTS


def _trailing_link(token: Token) -> bool:
    """ "Xi Jinping of" (of China): a lower-case link word the model left at the end of a name ends no name."""
    return token.lower_ in ("of", "and", "the", "from", "in", "at") and token.is_lower


def _extended_left(span: Span, blocked: set[int], title_ends: set[int], taken: set[int]) -> Span:
    """Take in untagged given names ("Samia Suluhu" + "Hassan") and a word between a title and the name
    ("Secretary To Lam"). `blocked` holds the title tokens and the `taken` ones, built once per Doc."""
    doc, start = span.doc, span.start
    while start >= 1 and _is_loose_name_word(doc[start - 1], blocked):
        start -= 1
    if start >= 2 and doc[start - 1].lower_ in PATRONYMIC_LINKS and doc[start - 2].is_title:
        start -= 2  # "Sultan bin Mohammed Al Nu'amani": a given name that is also a title, cut by the model
    start = _hyphenated_start(doc, start, taken)
    before = start - 1
    if (
        before >= 1
        and before not in blocked
        and doc[before].is_title
        and not doc[before].is_sent_start
        and before - 1 in title_ends
    ):
        start = before
    return Span(doc, start, span.end, label="PERSON") if start != span.start else span


def _hyphenated_start(doc: Doc, start: int, taken: set[int]) -> int:
    """Where a name starts that the model cut after the hyphen of a given name ("Sahle-Work Zewde" tagged as "Work
    Zewde")."""
    if start >= 2 and _is_hyphenated_name_part(doc[start - 2], doc[start - 1], taken):
        return start - 2
    return start


def _with_whole_names(persons: list[Span], others: list[Span], marks: Marks) -> list[Span]:
    """Every person, whichever repair found it, with the given names the model left untagged before a one-word
    person ("Ivanka" + "Trump", found as a family name used elsewhere), the first half of a hyphenated given name
    ("Sahle-Work Zewde" tagged as "Work Zewde") and the words the model left off the end ("Ri Pyong" + "-chol",
    "Datin Seri Ruziah" + "Mohd Tahir"); never over a title ("Jean Roux | Ambassador")."""
    taken = _covered(others + persons)
    blocked = taken | set(marks.title_tokens) | marks.places
    title_ends = set(marks.title_ends)
    whole = [
        _extended_left(p, blocked, title_ends, taken)
        if len(p) == 1
        else Span(p.doc, _hyphenated_start(p.doc, p.start, taken), p.end, label="PERSON")
        for p in persons
    ]
    if not whole:
        return []
    doc = whole[0].doc
    titles = {i for i in marks.title_tokens if i == 0 or doc[i - 1].lower_ not in PATRONYMIC_LINKS}
    whole = [_extended_right(p, taken | titles) for p in whole]  # "bin | Sultan": a father's name, not a title
    return [_with_generation(p) for p in whole]


def _with_generation(person: Span) -> Span:
    """ "Ferdinand R. Marcos, Jr.": the generation written after a comma belongs to the name; so does a regnal
    number the model left out ("King Abdullah II", "Pope Leo XIV")."""
    doc, end = person.doc, person.end
    if end < len(doc) and REGNAL_NUMBER.fullmatch(doc[end].text):
        return Span(doc, person.start, end + 1, label="PERSON")
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_.rstrip(".") in GENERATIONS:
        end += 2
        if end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_:
            end += 1
        return Span(doc, person.start, end, label="PERSON")
    return person


def _is_hyphenated_name_part(word: Token, hyphen: Token, taken: set[int]) -> bool:
    return (
        hyphen.text == "-"
        and not hyphen.whitespace_
        and not word.whitespace_
        and word.is_alpha
        and word.text[:1].isupper()
        and word.i not in taken
    )


def _extended_right(span: Span, taken: set[int]) -> Span:
    """Take in the surname the model left out when the name's words hang on it ("Pham Minh" + "Chinh")."""
    doc, end = span.doc, span.end
    while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].is_title:
        hangs_on_it = doc[end - 1].dep_ in ("compound", "flat") and doc[end - 1].head.i >= end
        if not (hangs_on_it and not doc[end].is_sent_start) and not _split_mid_name(doc, end):
            break
        end += 1
    end = _past_particles_and_hyphens(doc, end, taken)
    return Span(doc, span.start, end, label="PERSON") if end != span.end else span


def _is_proper_noun_outside(token: Token, places: AbstractSet[int]) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.i not in places


def _split_mid_name(doc: Doc, i: int) -> bool:
    """The parser started a sentence inside a name ("Kim Ju | Ae."): no full stop, break or gap before it."""
    before = doc[i - 1]
    return bool(doc[i].is_sent_start) and before.is_alpha and before.whitespace_ == " " and before.text[:1].isupper()


def _past_particles_and_hyphens(doc: Doc, end: int, taken: set[int]) -> int:
    """Take in "bin Salman", "von der Leyen" and the "-yeol" of "Yoon Suk-yeol" after a name the model cut short,
    and the surname after a name the model ended on a particle ("Ursula von der" + "Leyen")."""
    if doc[end - 1].lower_ in NAME_PARTICLES:
        end = _past_a_cut_surname(doc, end, taken)
    while end + 1 < len(doc) and end not in taken:
        word, after = doc[end], doc[end + 1]
        free = end + 1 not in taken or _is_one_token_entity(after)  # "Souza e | Melo" the model tagged alone
        if word.lower_ in NAME_PARTICLES and after.text[:1].isupper() and after.is_alpha and free:
            end += 2
            while end < len(doc) and doc[end - 1].lower_ in NAME_PARTICLES and doc[end].is_alpha:
                end += 1  # "von der Leyen": a particle after a particle
        elif word.text == "-" and not doc[end - 1].whitespace_ and not word.whitespace_ and after.is_alpha:
            end += 2
        else:
            break
    if end < len(doc) and end not in taken and ELIDED_PARTICLE.match(doc[end].text):
        end += 1  # "Valéry Giscard | d’Estaing": a particle elided onto the surname, one token the tagger misread
    return end


def _past_a_cut_surname(doc: Doc, end: int, taken: set[int]) -> int:
    """ "Ursula von" + "der Leyen": more particles, then the surname, which the model may have tagged alone as a
    place ("Leyen"): the longer name wins."""
    stop = end
    while stop < len(doc) and doc[stop].lower_ in NAME_PARTICLES and stop not in taken:
        stop += 1
    if stop < len(doc) and _is_capitalised_word(doc[stop]) and (stop not in taken or _is_one_token_entity(doc[stop])):
        return stop + 1
    return end


def _is_one_token_entity(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "B" and (following is None or following.ent_iob_ != "I")


def _is_capitalised_word(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


def _royal_and_one_name(doc: Doc, title_end: int, run: list[int]) -> bool:
    """A royal title right before one untagged proper name: the way royals are named ("Princess Charlotte")."""
    return (
        len(run) == 1
        and doc[title_end].lower_ in royal_titles()
        and doc[run[0]].pos_ == "PROPN"
        and (not is_headline_case(doc[run[0]].sent) or doc[run[0]].sent[0].text in LIST_BULLETS)
    )  # a list item of names is title case by nature ("– The Netherlands' King Willem-Alexander and ...")


def _titled_untagged_names(doc: Doc, covered: set[int], title_ends: set[int], places: AbstractSet[int]) -> list[Span]:
    """Two to four capitalised words right after a title that the model left untagged ("General Secretary To Lam").

    Mid-sentence capitals after a title mark a name even when a word looks like a function word ("To");
    headline-cased sentences are skipped, since every word is capitalised there."""
    found = []
    for end in sorted(title_ends):
        i = _past_the_realm(doc, _past_the_portfolio(doc, end + 1), places)
        run: list[int] = []
        while (
            i < len(doc)
            and len(run) < 4
            and i not in covered
            and doc[i].is_alpha
            and doc[i].text[:1].isupper()
            and not doc[i].is_sent_start
        ):
            run.append(i)
            i += 1
        continues = i < len(doc) and (doc[i].lower_ == "of" or i in title_ends)  # "Joint Chiefs of Staff": an office
        realm = _of_a_realm(doc, i, places)  # "Queen Maxima of the Netherlands"
        if _royal_and_one_name(doc, end, run) and (not continues or realm):
            found.append(Span(doc, end, run[0] + 1, label="PERSON"))  # "Princess Charlotte", "Queen Camilla"
        elif (
            len(run) >= 2
            and doc[run[-1]].pos_ == "PROPN"
            and not continues
            and not is_headline_case(doc[run[0]].sent)
            and not _names_an_office(Span(doc, run[0], run[-1] + 1))
        ):
            found.append(Span(doc, run[0], run[-1] + 1, label="PERSON"))
    return found


def _past_the_realm(doc: Doc, i: int, places: AbstractSet[int]) -> int:
    """Where a name may start after "title of (the) country" ("President of the People's Republic of China | Xi
    Jinping"): past the country, or at `i` when none follows."""
    if not _of_a_realm(doc, i, places):
        return i
    k = i + 2 if doc[i + 1].lower_ == "the" else i + 1
    while k in places:
        k += 1
    return k


def _past_the_portfolio(doc: Doc, i: int) -> int:
    """Where a name may start after a title: past the office's capitalised portfolio ("Minister | of National
    Defense | Mihnea Motoc"), or right after the title."""
    if i >= len(doc) or doc[i].lower_ not in ("of", "for"):
        return i
    start = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    portfolio, k = knowledge().cues["portfolio_words"], start
    while k < len(doc) and ((doc[k].lower_ in portfolio and doc[k].is_title) or doc[k].lower_ in ("and", "&")):
        k += 1
    return k if k > start and doc[k - 1].is_title else i


def _of_a_realm(doc: Doc, i: int, places: AbstractSet[int]) -> bool:
    """ "of (the) Netherlands" at `i`: the place a royal title goes with."""
    after_the = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    return i < len(doc) and doc[i].lower_ == "of" and after_the in places


def _names_an_office(span: Span) -> bool:
    """ "Joint Chiefs (of Staff)", "Air Force Station": a body, office or place the model took for a person; and
    "Madaraka Days": a holiday."""
    return (
        _is_office_word(span[-1], _office_words())
        or (len(span) > 1 and span[-1].lower_ in HOLIDAY_WORDS)
        or _is_plural_title(span[-1])
    )


def _ends_in_a_title(span: Span, marks: Marks) -> bool:
    """ "The US Defense Attaché": a span that ends in a title names an office; its holder's name, if any, follows."""
    if len(span) < 2 or span[-1].i not in marks.title_tokens:
        return False
    return span[-2].lower_ not in PATRONYMIC_LINKS  # "Fahd bin Sultan": a name that is a title word too


def _is_plural_title(token: Token) -> bool:
    """ "Principal Secretaries", "Senior Generals": people of a rank, never one person's name."""
    word = token.lower_
    if token.tag_ not in ("NNS", "NNPS") or not word.endswith("s"):
        return False
    singulars = (word[:-3] + "y", word[:-2], word[:-1]) if word.endswith("ies") else (word[:-2], word[:-1])
    return any(singular in knowledge().role_of for singular in singulars)


def _is_office_word(token: Token, words: AbstractSet[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    return frozenset(OFFICE_WORDS | knowledge().cues["institution_words"])


def _list_line_names(doc: Doc, title_tokens: set[int], places: set[int]) -> tuple[list[Span], set[int]]:
    """List lines "- Country – [Title] Full Name[, description]": the words after the dash and the title are a person.

    Returns the persons and the tokens of the line's left side (a country or body, never a person itself)."""
    persons: list[Span] = []
    left_sides: set[int] = set()
    dashes = _spaced_dashes(doc)
    for sent in doc.sents:
        bulleted = sent[0].text in LIST_BULLETS
        first = sent.start + 1 if bulleted else sent.start
        at = bisect_left(dashes, first + 1)
        dash = dashes[at] if at < len(dashes) and dashes[at] < sent.end else None
        if dash is None or not (bulleted or all(i in places for i in range(first, dash))):
            continue  # without a bullet, only "Country – Name" lines
        left = [t for t in doc[first:dash] if t.is_alpha]
        if not left or len(left) > 5 or not all(t.text[:1].isupper() or t.is_stop for t in left):
            continue
        start = dash + 1
        for j in range(dash + 1, min(dash + 5, sent.end)):
            if j in title_tokens:
                start = j + 1  # past the title and any rank word before it ("Senior General")
        end = start
        while end < sent.end and doc[end].text not in NAME_END and not doc[end].is_space:
            end += 1
        words = [t for t in doc[start:end] if t.is_alpha]
        if 2 <= len(words) <= 5 and all(t.text[:1].isupper() or doc[t.i - 1].text == "-" for t in words):
            persons.append(Span(doc, start, end, label="PERSON"))
            left_sides.update(range(first, dash))
    return persons, left_sides


def _spaced_dashes(doc: Doc) -> list[int]:
    """Indices of list dashes with a space on either side ("Kenya – William Ruto"), read from one array of the Doc's
    word ids (a Token per word cost a tenth of the component's time)."""
    if not len(doc):
        return []
    dash_ids = {doc.vocab.strings.add(dash) for dash in LIST_DASHES}
    words, spaced = (column.tolist() for column in doc.to_array(["ORTH", "SPACY"]).T)
    return [i for i in range(1, len(doc)) if words[i] in dash_ids and spaced[i] and spaced[i - 1]]


def _bare_name_lines(doc: Doc, excluded: set[int], person_tokens: set[int], places: AbstractSet[int]) -> list[Span]:
    """A bulleted line that is only a capitalised name ("- William Ruto"), or a name, a comma and a country ("• Danny
    Faure, Seychelles"), in a run of such lines where a line next to it is a person: the model tags some names of a
    list and leaves others, so each person found makes the lines beside it people too."""
    lines = [_bare_line_words(sent, places) for sent in doc.sents]
    people = set(person_tokens)
    found: dict[int, Span] = {}
    grew = True
    while grew:
        grew = False
        for k, line in enumerate(lines):
            if line is None or k in found or not _may_be_a_listed_name(line, excluded):
                continue
            words, _ = line
            neighbours = [lines[j] for j in (k - 1, k + 1) if 0 <= j < len(lines)]
            if any(other and all(t.i in people for t in other[0] if t.is_alpha) for other in neighbours):
                found[k] = Span(doc, words[0].i, words[-1].i + 1, label="PERSON")
                people.update(t.i for t in words)
                grew = True
    return list(found.values())


def _outside_of(entities: list[Span], names: list[Span], places: AbstractSet[int]) -> list[Span]:
    """Entities without the listed names the model ran them into ("Emmerson Mnangagwa - Zimbabwe" read as one
    body): what stands after the name is kept as a place if the gazetteer knows it as one, else dropped."""
    taken = _tokens(names)
    kept = []
    for ent in entities:
        if not any(i in taken for i in range(ent.start, ent.end)):
            kept.append(ent)
            continue
        rest = [t for t in ent if t.i not in taken and t.is_alpha]
        if rest and all(t.i in places for t in rest):
            kept.append(Span(ent.doc, rest[0].i, rest[-1].i + 1, label="GPE"))
    return kept


def _may_be_a_listed_name(line: tuple[list[Token], bool], excluded: set[int]) -> bool:
    """Two to four name words, none of them taken already; on a line with a country after the name, nothing marked
    inside the name blocks it ("Andry Rajoelina, Madagascar", with the surname read as a place; the gazetteer's
    places were refused with the line)."""
    words, with_country = line
    named = [t for t in words if t.is_alpha]
    return 2 <= len(named) <= 4 and (with_country or not any(t.i in excluded for t in named))


def _bare_line_words(sent: Span, places: AbstractSet[int]) -> tuple[list[Token], bool] | None:
    """The name words of a bulleted line made only of capitalised words (hyphenated ones too), before an optional
    comma or "of" and a country, and whether the country is there; also of an unbulleted line that is only a name,
    "of" and a country ("Faure Gnassingbe of Togo"); None for any other line."""
    bullet = _bullet_length(sent)
    bulleted = bullet > 0
    words = [t for t in sent[bullet:] if not t.is_space]
    cut = next((k for k, t in enumerate(words) if _parts_name_and_country(t, k)), None)
    with_country = cut is not None
    if cut is not None:
        if cut + 1 == len(words) or words[cut + 1].i not in places:
            return None
        if not bulleted and not all(t.i in places or t.is_punct for t in words[cut + 1 :]):
            return None  # a line that is only "Faure Gnassingbe of Togo"; not "X of Togo arrived on Monday"
        words = words[:cut]
    elif not bulleted:
        return None
    if not words or not all(t.is_alpha and t.text[:1].isupper() for t in words if t.text != "-"):
        return None
    if words[0].text == "-" or words[-1].text == "-" or any(t.i in places for t in words):
        return None
    cues = knowledge().cues
    common = set(knowledge().event_type) | set(cues["institution_words"]) | set(cues["participation_nouns"])
    if any(t.lower_ in common or t.lemma_.lower() in common or t.is_stop for t in words):
        return None  # "- Opening Ceremony", "- Closing Remarks": a programme, not a name
    return words, with_country and bulleted  # an unbulleted line's name words must all be free


def _bullet_length(sent: Span) -> int:
    """Tokens of the bullet opening a list line: a dash or dot ("- ", "• "), or a number ("1. ", "12) "); else 0."""
    if sent[0].text in LIST_BULLETS:
        return 1
    numbered = len(sent) > 2 and sent[0].text.isdigit() and sent[1].text in (".", ")")
    return 2 if numbered else 0


def _parts_name_and_country(token: Token, k: int) -> bool:
    """What stands between a listed name and its country: a comma, "of" or a spaced dash ("Paul Kagame - Rwanda")."""
    if token.text == ",":
        return True
    spaced_dash = token.text in LIST_DASHES and bool(token.whitespace_) and bool(token.nbor(-1).whitespace_)
    return k > 0 and (token.lower_ == "of" or spaced_dash)


def _is_loose_name_word(token: Token, excluded: set[int]) -> bool:
    """A capitalised proper noun ("Ma’ruf" counts although its apostrophe makes it no title-case word)."""
    capitalised = token.is_title or (token.text[:1].isupper() and token.text[1:2].islower())
    return token.i not in excluded and token.pos_ == "PROPN" and capitalised and not token.is_stop


def _name_words(persons: list[Span]) -> set[str]:
    """First and last words of the multi-word person names in the document."""
    words = set()
    for span in persons:
        if len(span) >= 2:
            words.update({span[0].text, span[-1].text})
    return words


def _is_short_name(token: Token, names: set[str], places: AbstractSet[int]) -> bool:
    return token.text in names and token.is_title and token.i not in places


def _looks_like_listed_person(
    span: Span, title_ends: AbstractSet[int], person_tokens: set[int], places: AbstractSet[int]
) -> bool:
    """A multi-word proper name right after a title, conjoined with a person ("Putin and Ukhnaagiin Khurelsukh"),
    or in apposition to a title ("the seventh President of Indonesia, X")."""
    words = [t for t in span if t.is_alpha]
    if (
        len(span) < 2
        or _names_an_office(span)
        or any(not t.text[:1].isupper() for t in words)
        or (words and words[-1].i in places)  # "Santiago Abascal" is a name; "Mexico City" is not
    ):
        return False
    if span.start - 1 in title_ends:
        return True
    root = span.root
    linked = ("conj", "appos")
    inside = set(range(span.start, span.end))
    if root.dep_ in linked and (root.head.i in person_tokens - inside or root.head.i in title_ends):
        return True
    return any(
        c.dep_ in linked and (c.i in person_tokens - inside or c.i in title_ends) for t in span for c in t.children
    )


def _of_a_country_like_those_beside_it(span: Span, person_tokens: set[int], places: AbstractSet[int]) -> bool:
    """ "Salva Kiir of South Sudan, ..., Andry Rajoelina of Madagascar, Samia Suluhu Hassan of Tanzania": a name
    written "X of Country" in a sentence listing people that way is one of them, whatever the model tagged."""
    doc = span.doc
    if not _followed_by_of_a_place(doc, span.end, places) or any(not t.text[:1].isupper() for t in span):
        return False
    sent = span.sent  # the sentence's own person tokens: the whole article's would make each run cost its length
    ends = {i + 1 for i in range(sent.start, sent.end) if i in person_tokens and i + 1 not in person_tokens}
    return sum(_followed_by_of_a_place(doc, end, places) for end in ends) >= MIN_LISTED_LIKE_IT


def _after_a_country_like_those_beside_it(span: Span, person_tokens: set[int], places: AbstractSet[int]) -> bool:
    """ "the leaders of Cuba, X; Colombia, Y; Uruguay, Luis Lacalle Pou": a name of two or more capitalised words
    written "Country, X" in a sentence that lists another person that way, the pairs parted by semicolons, is one of
    them."""
    doc = span.doc
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or any(not t.text[:1].isupper() or t.i in places for t in words):
        return False
    if not _after_a_place(doc, span.start, places):
        return False
    sent = span.sent
    if not any(t.text == ";" for t in sent):
        return False  # the semicolons that part the pairs; "Paris, Jean Roux said" is no list
    starts = {i for i in range(sent.start, sent.end) if i in person_tokens and i - 1 not in person_tokens}
    return any(_after_a_place(doc, start, places) for start in starts - {span.start})


def _nicknamed_names(doc: Doc, entities: list[Span], marks: Marks) -> list[Span]:
    """ "Cielito “Honeylet” Avanceña", 'Senator Emmanuel "Manny" Pacquiao': given names, a quoted nickname of one or
    two words and a family name are one person, however the model split them (a PERSON, a WORK_OF_ART and an ORG),
    when part of it is a person already or a title comes right before it."""
    found: list[Span] = []
    texts = token_texts(doc)
    for quote in range(1, len(doc) - 3):
        if texts[quote] not in OPEN_QUOTES:
            continue
        close = next((k for k in (quote + 2, quote + 3) if k < len(doc) and doc[k].text in CLOSE_QUOTES), None)
        if close is None or not all(_capitalised(doc[k]) for k in range(quote + 1, close)):
            continue
        start, end = quote, close + 1  # then out to the name's words on each side, within the sentence
        while quote - start < MAX_NICKNAMED_SIDE and not doc[start].is_sent_start and _capitalised(doc[start - 1]):
            start -= 1
        while end < len(doc) and end - close <= MAX_NICKNAMED_SIDE and _capitalised(doc[end]):
            if doc[end].is_sent_start:
                break
            end += 1
        inside = [e for e in entities if e.start < end and e.end > start]
        if start == quote or end == close + 1 or any(e.start < start or e.end > end for e in inside):
            continue
        if any(e.label_ == "PERSON" for e in inside) or start - 1 in marks.title_tokens:
            found.append(Span(doc, start, end, label="PERSON"))
    return found


def _capitalised(token: Token) -> bool:
    """A word of a name: capitalised letters, perhaps with a full stop ("Jr.")."""
    return token.text[:1].isupper() and token.text.rstrip(".").isalpha()


def _without_parts_of(entities: list[Span], wholes: list[Span]) -> list[Span]:
    covered = _covered(wholes)
    return [e for e in entities if not any(k in covered for k in range(e.start, e.end))]


def _possessed_names(doc: Doc, kept: list[Span], persons: list[Span], marks: Marks) -> tuple[list[Span], list[Span]]:
    """Names written right after a place's possessive (see `_possessed_name`), whether the model left
    them untagged ("China's Xi Jinping") or took them for a body or place ("Brunei's Hassanal Bolkiah" as ORG);
    the entities they replace leave `kept`."""
    taken = _covered(persons) | marks.places | marks.title_tokens
    found: list[Span] = []
    texts = token_texts(doc)
    for i in range(2, len(doc)):
        if texts[i - 1] not in POSSESSIVE or i in taken or i not in marks.proper_nouns or i - 2 not in marks.places:
            continue
        j = i + 1
        while j < len(doc) and j not in taken and not doc[j].is_sent_start:
            if j in marks.proper_nouns:
                j += 1
            elif doc[j].lower_ in NAME_PARTICLES and j + 1 in marks.proper_nouns and j + 1 not in taken:
                j += 2  # "Brazil's Luiz Inácio Lula da Silva"
            else:
                break
        inside = [e for e in kept if e.start < j and e.end > i]
        if all(i <= e.start and e.end <= j and e.label_ in RELABELLED for e in inside) and _possessed_name(
            Span(doc, i, j)
        ):
            found.append(Span(doc, i, j, label="PERSON"))
    replaced = _covered(found)
    return found, [e for e in kept if not any(k in replaced for k in range(e.start, e.end))]


def _possessed_name(span: Span) -> bool:
    """ "including China's Xi Jinping", "Laos's Sonexay Siphandone will attend": two to four capitalised words right
    after a country's or city's possessive (found by the caller), standing alone as a subject, object or list member
    (not modifying a noun after them: "Israel's Iron Dome system"), are a person the model left untagged. Bodies
    ("Britain's Royal Navy", "Russia's Black Sea Fleet") hold a word that is never in a person's name."""
    doc = span.doc
    words = [t for t in span if t.is_alpha and t.lower_ not in NAME_PARTICLES]
    if not MIN_POSSESSED_NAME <= len(words) <= MAX_POSSESSED_NAME or not all(t.is_alpha for t in span):
        return False
    if span.end < len(doc) and doc[span.end].pos_ in {"NOUN", "PROPN", "NUM"}:
        return False
    never = _never_in_a_name()  # "Iraq's Kurdish Regional Government"
    if _names_an_office(span) or any(t.lower_ in never or t.lower_.removesuffix("s") in never for t in span):
        return False
    return span.root.dep_ in NAME_ROLES and not any(t.is_upper and len(t) > 1 for t in span)


@lru_cache(maxsize=1)
def _never_in_a_name() -> frozenset[str]:
    """Words of bodies, polities and offices, which no person's name holds."""
    cues = knowledge().cues
    return frozenset(cues["not_person_heads"] | cues["polity_nouns"] | _office_words())


def _after_a_place(doc: Doc, start: int, places: AbstractSet[int]) -> bool:
    return start >= 2 and doc[start - 1].text == "," and start - 2 in places and start not in places


def _followed_by_of_a_place(doc: Doc, end: int, places: AbstractSet[int]) -> bool:
    return end + 1 < len(doc) and doc[end].lower_ == "of" and end + 1 in places


def _untagged_listed_names(
    doc: Doc, covered: set[int], title_ends: set[int], person_tokens: set[int], marks: Marks
) -> list[Span]:
    """Runs of two or more capitalised proper nouns the model left untagged, in a list of people or after a title."""
    found, i = [], 0
    proper = [k in marks.proper_nouns and k not in covered for k in range(len(doc))]
    starts = (doc.to_array("SENT_START") == 1).tolist() if len(doc) else []
    while i < len(doc):
        j = i
        while j < len(doc) and proper[j] and (j == i or not starts[j]):
            j += 1
        span = Span(doc, i, j) if j - i >= 2 else None  # a run of one word names no one here
        if span is not None and (
            _looks_like_listed_person(span, title_ends, person_tokens, set())
            or _of_a_country_like_those_beside_it(span, person_tokens, marks.places)
            or _after_a_country_like_those_beside_it(span, person_tokens, marks.places)
        ):
            found.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return found


def _split_titled_names(
    others: list[Span], title_ends: set[int], places: set[int], person_starts: set[int]
) -> tuple[list[Span], list[Span]]:
    """An ORG/NORP/... span holding a title or an office and then proper nouns ("Kazakh President Kassym-Jomart
    Tokayev", "the National Security Council Jane Roe" where the model swallowed the name into the body): the words
    after the title or office are a person. One word is enough where a person's span goes on right after it
    ("Bhutan King Jigme" + "Khesar Namgyel Wangchuck": the given name the model cut off)."""
    kept, persons = [], []
    offices = _office_words()
    for ent in others:
        inner = [i for i in range(ent.start, ent.end - 1) if i in title_ends or _is_office_word(ent.doc[i], offices)]
        tail = _tail_after(ent, inner[-1]) if inner and ent.label_ in RELABELLED else None
        if tail is not None and _is_name_after_title(tail, ent, inner[-1], person_starts, places):
            persons.append(tail)
        else:
            kept.append(ent)
    return kept, persons


def _is_name_after_title(tail: Span, ent: Span, title_end: int, person_starts: set[int], places: set[int]) -> bool:
    """The words after the span's title are a name: two or more proper nouns, or one where a person's span goes on
    right after it or where the span ran on past a royal's one name."""
    words = [t for t in tail if t.is_alpha]
    one_name = len(words) == 1 and (
        _name_goes_on(ent, person_starts, places)
        or (_cut_short(tail, ent) and _royal_and_one_name(ent.doc, title_end, [words[0].i]))
    )
    return (len(words) >= 2 or one_name) and all(_is_proper_noun_outside(t, places) for t in words)


def _tail_after(ent: Span, title_end: int) -> Span:
    """The words of a span after its title, up to a mark no name goes on past ("Queen Camilla (L)")."""
    end = next((t.i for t in ent.doc[title_end + 2 : ent.end] if _ends_a_name(t)), ent.end)
    return Span(ent.doc, title_end + 1, end, label="PERSON")


def _cut_short(tail: Span, ent: Span) -> bool:
    """The span ran on past the name into a mark ("Queen Camilla (L"): the royal's one name before it is a person
    (other royal spans the relabelling takes whole, title and all)."""
    return tail.end < ent.end and tail[0].lower_ not in ROYAL_STYLE_WORDS


def _coordinated_titled_names(ent: Span, marks: Marks) -> list[Span]:
    """An ORG/NORP/... span the model made of several titled names ("Prince Daniel and Princess Victoria",
    "Camilla, Duchess of Cornwall") is one span per part, so each part is judged as a name on its own. Split only
    where every later part opens with a title."""
    if ent.label_ not in RELABELLED:
        return [ent]
    joints = [t.i for t in ent if t.lower_ in ("and", ",") and ent.start < t.i < ent.end - 1]
    bounds = [ent.start, *(j + 1 for j in joints)]
    parts = [(a, j) for a, j in zip(bounds, [*joints, ent.end], strict=True)]
    parts = [(a + 1 if ent.doc[a].lower_ == "and" else a, b) for a, b in parts]  # ", and Princess X"
    styles = knowledge().cues["royal_styles"]
    if len(parts) < 2 or any(a >= b or not _opens_with_title(ent.doc[a], marks, styles) for a, b in parts[1:]):
        return [ent]
    if parts[0][0] not in marks.title_tokens and not all(t.pos_ == "PROPN" for t in ent.doc[parts[0][0] : parts[0][1]]):
        return [ent]
    return [Span(ent.doc, a, b, label=ent.label_) for a, b in parts if a < b]


def _opens_with_title(token: Token, marks: Marks, styles: AbstractSet[str]) -> bool:
    return token.i in marks.title_tokens or (token.lower_ in styles and token.is_title)


def _name_goes_on(ent: Span, person_starts: set[int], places: set[int]) -> bool:
    """A person's span, or more capitalised proper nouns, right after the entity: its last word begins a name."""
    doc, end = ent.doc, ent.end
    return end in person_starts or (end < len(doc) and doc[end].is_title and _is_proper_noun_outside(doc[end], places))


@dataclass(frozen=True)
class Marks:
    """Gazetteer marks the repairs consult: title tokens, the last token of each title, place tokens."""

    titles: tuple[Span, ...]
    title_tokens: frozenset[int]
    title_ends: frozenset[int]
    places: frozenset[int]
    place_spans: frozenset[tuple[int, int]]
    proper_nouns: frozenset[int]  # the proper nouns written with a capital

    @classmethod
    def of(cls, doc: Doc) -> Marks:
        """The marks of a parsed document (empty groups when the gazetteer did not run)."""
        titles = tuple(doc.spans["titles"]) if "titles" in doc.spans else ()
        place_groups = [s for g in ("countries", "places") if g in doc.spans for s in doc.spans[g]]
        return cls(
            titles=titles,
            title_tokens=frozenset(i for span in titles for i in range(span.start, span.end)),
            title_ends=frozenset(span.end - 1 for span in titles),
            places=frozenset(i for s in place_groups for i in range(s.start, s.end)),
            place_spans=frozenset((s.start, s.end) for s in place_groups),
            proper_nouns=frozenset(_capitalised_proper_nouns(doc)),
        )

    def with_places(self, extra: set[int]) -> Marks:
        """The same marks with more tokens that can never be part of a person."""
        return Marks(
            self.titles, self.title_tokens, self.title_ends, self.places | extra, self.place_spans, self.proper_nouns
        )


def repair_persons(doc: Doc) -> Doc:
    """Rewrite doc.ents with repaired PERSON spans (see the module docstring)."""
    marks = Marks.of(doc)
    listed, left_sides = _list_line_names(doc, set(marks.title_tokens), set(marks.places))
    marks = marks.with_places(left_sides)
    persons, others = _trimmed_entities(doc, marks, left_sides)
    others = [e for e in others if not _only_a_title(e, marks)]  # "Crown Prince" read as a product: no entity
    persons = _united(_extended_persons(persons, others, marks))
    others = [part for ent in others for part in _coordinated_titled_names(ent, marks)]
    others, titled = _split_titled_names(others, set(marks.title_ends), set(marks.places), {p.start for p in persons})
    persons = listed + persons + titled
    kept, relabelled = _relabelled_entities(others, persons, marks)
    persons += relabelled
    nicknamed = _nicknamed_names(doc, kept + persons, marks)
    persons, kept = _without_parts_of(persons, nicknamed) + nicknamed, _without_parts_of(kept, nicknamed)
    possessed, kept = _possessed_names(doc, kept, persons, marks)
    persons += possessed
    persons += _untagged_listed_names(
        doc,
        _covered(kept + persons) | marks.places | marks.title_tokens,
        set(marks.title_ends),
        _tokens(persons),
        marks,
    )
    persons += _titled_untagged_names(
        doc, _covered(kept + persons) | marks.places | marks.title_tokens, set(marks.title_ends), marks.places
    )
    persons += _untagged_short_names(doc, _covered(kept + persons), _name_words(persons), marks)
    lines = _bare_name_lines(
        doc, _covered(kept + persons) | marks.places | marks.title_tokens, _tokens(persons), marks.places
    )
    persons += lines
    kept = _outside_of(kept, lines, marks.places)
    persons = _with_whole_names(filter_spans(persons), kept, marks)
    persons, kept = _with_adjacent_name_words(filter_spans(persons), kept)
    persons, offices = _without_offices(_merged_adjacent(filter_spans(persons)))
    persons, venues = _without_listed_venues(persons, kept + offices, marks)
    persons = [_without_a_listed_country(p, marks.places) for p in persons if not _in_a_quoted_theme(p)]
    persons = [p for p in persons if not _only_titles_and_styles(p, marks)]
    doc.ents = filter_spans(kept + persons + offices + venues)
    return doc


def _only_titles_and_styles(person: Span, marks: Marks) -> bool:
    """ "the King and Queen Consort": a title and a royal style, with no name."""
    return all(t.i in marks.title_tokens or t.lower_ in ROYAL_STYLE_WORDS for t in person)


def _without_a_listed_country(person: Span, places: AbstractSet[int]) -> Span:
    """ "Paul Kagame of Rwanda, George Weah Liberia, Mohamed Bazoum of Niger": in a sentence listing people with
    their countries, a country run into a name (its "of" dropped) is no part of it."""
    doc, last = person.doc, person[-1]
    if len(person) < 3 or last.i not in places or person[-2].i in places:
        return person
    sent = person.sent
    listed = sum(_followed_by_of_a_place(doc, t.i + 1, places) for t in sent if t.ent_type_ == "PERSON")
    return Span(doc, person.start, person.end - 1, label="PERSON") if listed >= MIN_LISTED_LIKE_IT else person


def _in_a_quoted_theme(span: Span) -> bool:
    """ "under the theme 'Malaysia Madani: Tekad Perpaduan, Penuhi Harapan'": the words of a quoted theme, slogan or
    motto name no one."""
    doc, themes = span.doc, knowledge().cues["theme_nouns"]
    start = span.sent.start
    for i in range(span.start - 1, max(start, span.start - THEME_REACH) - 1, -1):
        if doc[i].text in CLOSE_QUOTES - OPEN_QUOTES:
            return False  # the quotation closed before the name
        if doc[i].text in OPEN_QUOTES:
            before = doc[max(start, i - THEME_WORDS_BEFORE) : i]
            return any(t.lemma_.lower() in themes for t in before)
    return False


def _only_a_title(ent: Span, marks: Marks) -> bool:
    return ent.label_ in RELABELLED and all(t.i in marks.title_tokens for t in ent)


def _without_listed_venues(persons: list[Span], others: list[Span], marks: Marks) -> tuple[list[Span], list[Span]]:
    """ "Bab Al Noor, Souq Waqif, Al Rayyan Sports Complex and Lusail Arena drew crowds": untitled names listed
    beside venues are venues the model took for people; "tableaux of Sikkim, West Bengal, Assam and Tamil Nadu":
    untitled names outnumbered by the states and countries of a plain list are places too: (persons, relabelled)."""
    person_starts = {p.start for p in persons}
    entities = sorted(persons + others, key=lambda e: e.start)
    venues = _listed_among_venues(entities, person_starts, marks)
    regions = _listed_among_regions(entities, person_starts - venues, marks)
    kept = [p for p in persons if p.start not in venues | regions]
    relabelled = [
        Span(p.doc, p.start, p.end, label="FAC" if p.start in venues else "GPE")
        for p in persons
        if p.start in venues | regions
    ]
    return kept, relabelled


def _listed_among_venues(entities: list[Span], person_starts: set[int], marks: Marks) -> set[int]:
    """Starts of the untitled persons listed beside two or more venues."""
    found: set[int] = set()
    for run in _listed_runs(entities):
        listed = [e for e in run if e.start in person_starts]
        venues = [e for e in run if e.start not in person_starts and _is_venue(e)]
        if len(venues) >= MIN_LISTED_VENUES and not _any_titled(listed, marks):
            found.update(e.start for e in listed)
    return found


def _listed_among_regions(entities: list[Span], person_starts: set[int], marks: Marks) -> set[int]:
    """Starts of the untitled persons outnumbered by three or more states or countries in a plain list that no
    office heads ("the presidents of Ghana, X, Senegal, Y" lists people)."""
    found: set[int] = set()
    for run in _listed_runs(entities, REGION_LIST_LINKS):
        listed = [e for e in run if e.start in person_starts]
        places = [e for e in run if e.label_ in ("GPE", "LOC")]
        of_an_office = any(i in marks.title_tokens for i in range(run[0].start - OFFICE_BEFORE_LIST, run[0].start))
        outnumbered = len(places) >= MIN_LISTED_REGIONS and len(places) > len(listed)
        if outnumbered and not of_an_office and not _any_titled(listed, marks):
            found.update(e.start for e in listed)
    return found


def _any_titled(listed: list[Span], marks: Marks) -> bool:
    return any(e.start - 1 in marks.title_ends or e.start in marks.title_tokens for e in listed)


def _listed_runs(entities: list[Span], links: AbstractSet[str] = VENUE_LIST_LINKS) -> list[list[Span]]:
    """Runs of entities with only list links between them ("A, B and C", "D at E in F")."""
    runs: list[list[Span]] = []
    for ent in entities:
        previous = runs[-1][-1] if runs else None
        linked = (
            previous is not None
            and previous.end <= ent.start <= previous.end + MAX_LIST_LINK
            and all(t.lower_ in links for t in ent.doc[previous.end : ent.start])
            and previous.sent.start == ent.sent.start
        )
        if linked:
            runs[-1].append(ent)
        else:
            runs.append([ent])
    return runs


def _is_venue(ent: Span) -> bool:
    """A facility or a site: a FAC or LOC entity, or a name ending in a venue word ("Lusail Arena"); not a body
    ("Development Office"), which a guest's office names."""
    return ent.label_ in ("FAC", "LOC") or ent[-1].lower_ in knowledge().cues["venue_nouns"]


def _without_offices(persons: list[Span]) -> tuple[list[Span], list[Span]]:
    """Whatever path made it a person, "Army Seva Vanitha Unit" is a body: (persons, bodies relabelled ORG)."""
    kept, bodies = [], []
    title_starts = {title.start for title in persons[0].doc.spans.get("titles", [])} if persons else set()
    for person in persons:
        if _names_an_office(person) or _state_before_a_title(person, title_starts):
            bodies.append(Span(person.doc, person.start, person.end, label="ORG"))
        else:
            kept.append(person)
    return kept, bodies


def _state_before_a_title(person: Span, title_starts: set[int]) -> bool:
    """ "Kaduna State Governor X": a federal state whose office follows, not a person."""
    return person[-1].lower_ == "state" and person.end in title_starts


def _with_adjacent_name_words(persons: list[Span], others: list[Span]) -> tuple[list[Span], list[Span]]:
    """A one-word entity of another label right beside a person, which the parser makes part of the same name
    ("Azrina" + "Puteri Mohamed Mahyuddin", "Bento Costa" + "Lima", "José Rafael Ojeda" + "Duran": given names and
    surnames that are also places), is part of the person's name; so is a surname read as a body after given names
    ("Salvador Sánchez" + "Cerén"). An office ("the Treasury") is not, nor a body before a name ("Supreme" +
    "Commander")."""
    places = {ent.start: ent for ent in others if len(ent) == 1 and ent.label_ in PLACE_LABELS and _is_propn(ent)}
    bodies = {ent.start: ent for ent in others if len(ent) == 1 and _may_be_a_surname(ent)}
    absorbed: set[int] = set()
    grown = []
    for person in persons:
        start, end = person.start, person.end
        before = places.get(start - 1)
        if before is not None and before[0].dep_ in ("compound", "flat") and start <= before[0].head.i < end:
            start -= 1
            absorbed.add(before.start)
        after = places.get(end) or (bodies.get(end) if len(person) > 1 else None)
        if after is not None and person[-1].dep_ in ("compound", "flat") and person[-1].head.i == end:
            end += 1
            absorbed.add(after.start)
        grown.append(
            Span(person.doc, start, end, label="PERSON") if (start, end) != (person.start, person.end) else person
        )
    return grown, [ent for ent in others if ent.start not in absorbed]


def _is_propn(ent: Span) -> bool:
    return ent[0].pos_ == "PROPN"


def _may_be_a_surname(ent: Span) -> bool:
    """A one-word body in title case that names no office: "Cerén", not "Treasury" or "NATO"."""
    word = ent[0]
    return ent.label_ == "ORG" and _is_propn(ent) and word.is_title and not _is_office_word(word, _office_words())


def _united(persons: list[Span]) -> list[Span]:
    """Persons that overlap after their extensions are one name: "Datin Seri" + "Nurul" and "Nurul" + "Mohd Yusri"."""
    united: list[Span] = []
    for span in sorted(persons, key=lambda p: (p.start, p.end)):
        if united and span.start < united[-1].end:
            last = united.pop()
            span = Span(span.doc, last.start, max(last.end, span.end), label="PERSON")
        united.append(span)
    return united


def _covered(spans: list[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _tokens(persons: list[Span]) -> set[int]:
    return _covered(persons)


def _trimmed_entities(doc: Doc, marks: Marks, left_sides: set[int]) -> tuple[list[Span], list[Span]]:
    """PERSON spans trimmed (titles, possessives, function words); offices and list-line left sides become ORG."""
    persons, others = [], []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            others.append(ent)
        elif (
            any(i in left_sides for i in range(ent.start, ent.end))
            or _names_an_office(ent)
            or _ends_in_a_title(ent, marks)
        ):
            others.append(Span(doc, ent.start, ent.end, label="ORG"))
        elif (fixed := _trimmed(ent, set(marks.title_tokens))) is not None and (
            fixed.start,
            fixed.end,
        ) not in marks.place_spans:
            named = _name_before_of_country(fixed, marks) or _royal_before_of_country(fixed, marks)
            persons.append(Span(doc, named.start, named.end, label="PERSON") if named is not None else fixed)
    return persons, others


def _extended_persons(persons: list[Span], others: list[Span], marks: Marks) -> list[Span]:
    """Each person extended left over loose name words and right over the surname its words hang on."""
    taken = _covered(others + persons) | marks.places
    blocked, title_ends = set(marks.title_tokens) | taken, set(marks.title_ends)  # built once: per person is quadratic
    persons = [_extended_left(span, blocked, title_ends, taken) for span in persons]
    return [_extended_right(span, taken) for span in persons]  # it reads only tokens after the span


def _relabelled_entities(others: list[Span], persons: list[Span], marks: Marks) -> tuple[list[Span], list[Span]]:
    """Entities of other labels that are people: a short name used elsewhere in full, a listed or titled name,
    a royal or honorific title with a name ("Prince Louis"), or the subject of what only people do."""
    names = _name_words(persons)
    surnames = {p.text for p in persons if len(p) == 1 and p[0].is_title}  # "Tinubu" said alone elsewhere
    kept, found = others, list[Span]()
    for _ in range(3):  # a list of names can chain: A, B and C
        person_tokens = _tokens(persons + found)
        remaining = []
        for ent in kept:
            person = _as_person(ent, names, person_tokens, marks) or _full_form_of_a_name(ent, surnames, marks)
            if person is not None:
                found.append(person)
            else:
                remaining.append(ent)
        if len(remaining) == len(kept):
            break
        kept = remaining
    return kept, found


def _as_person(ent: Span, names: set[str], person_tokens: set[int], marks: Marks) -> Span | None:
    """The person an entity of another label really is, or None."""
    if ent.label_ not in RELABELLED or _ends_in_a_title(ent, marks):
        return None
    core = _name_core(ent)
    places, title_ends = marks.places, marks.title_ends
    if (
        (len(core) == 1 and _is_short_name(core[0], names, places))
        or _looks_like_listed_person(core, title_ends, person_tokens, places)
        or _after_a_country_like_those_beside_it(core, person_tokens, places)
    ):
        return Span(ent.doc, core.start, core.end, label="PERSON")
    named = (
        _name_after_a_title_of_a_country(core, marks)
        or _name_after_a_titled_body(core, marks)
        or _name_after_a_portfolio(core, marks)
    )
    if named is not None:
        return Span(ent.doc, named.start, named.end, label="PERSON")
    if _is_titled_name(core, marks) or _acts_like_a_person(core, places) or _of_a_country(core, marks):
        return Span(ent.doc, core.start, core.end, label="PERSON")
    if _owned_like_a_listed_person(core, person_tokens, marks):
        return Span(ent.doc, core.start, core.end, label="PERSON")
    if _is_kin_or_titled_after(core, marks) or royal_style_after(core):
        return Span(ent.doc, core.start, core.end, label="PERSON")
    named = _name_before_of_country(core, marks)
    return Span(ent.doc, named.start, named.end, label="PERSON") if named is not None else None


def _name_core(ent: Span) -> Span:
    """The entity without a possessive or a link word the model ran into it ("Queen Margrethe II of" Denmark)."""
    core = ent[:-1] if len(ent) > 1 and ent[-1].text in POSSESSIVE else ent
    while len(core) > 1 and _trailing_link(core[-1]):
        core = core[:-1]
    return core


def _full_form_of_a_name(ent: Span, surnames: set[str], marks: Marks) -> Span | None:
    """ "the inauguration of Bola Tinubu" tagged as an organisation, "Javier Milei's inauguration" as a product: two to
    four name words ending in a name the article uses alone for a person ("Tinubu") are that person in full."""
    if ent.label_ not in RELABELLED or _ends_in_a_title(ent, marks):
        return None
    core = _name_core(ent)
    words = [t for t in core if t.is_alpha]
    if not 2 <= len(words) <= 4 or words[-1].text not in surnames or _names_an_office(core):
        return None
    if not all(_is_name_word(t, marks.places) for t in words):
        return None
    return Span(ent.doc, core.start, core.end, label="PERSON")


def _name_after_a_title_of_a_country(core: Span, marks: Marks) -> Span | None:
    """ "The next president of Colombia, Gustavo Petro, ...", "President of Kazakhstan Kassym-Jomart Tokayev" (the
    country may sit inside the entity): the name after "title of country", set off by a comma or not."""
    doc, start = core.doc, core.start
    while start < core.end and start in marks.places:
        start += 1
    country_end = start - 1 if start == core.start > 0 and doc[start - 1].text == "," else start
    country_start = _start_of_places(country_end, marks.places)
    if country_start == country_end or country_start < 2 or doc[country_start - 1].lower_ != "of":
        return None
    words = [t for t in doc[start : core.end] if t.is_alpha]
    if country_start - 2 not in marks.title_ends or not 2 <= len(words) <= 4:
        return None
    return doc[start : core.end] if all(_is_name_word(t, marks.places) for t in words) else None


def _start_of_places(end: int, places: AbstractSet[int]) -> int:
    """Where the run of place tokens ending just before `end` starts (`end` itself when there is none)."""
    start = end
    while start - 1 in places:
        start -= 1
    return start


def _name_after_a_titled_body(core: Span, marks: Marks) -> Span | None:
    """ "President of | the Constitutional Court of Romania Valer Dorneanu |" tagged as one body: after a title and
    "of", a body "of <country>" and then two to four name words; the words after the country are the person."""
    doc = core.doc
    if core.start < 2 or doc[core.start - 1].lower_ != "of" or core.start - 2 not in marks.title_ends:
        return None
    country_end = max((i + 1 for i in range(core.start, core.end - 1) if i in marks.places), default=None)
    if country_end is None:
        return None
    country_start = _start_of_places(country_end, marks.places)
    words = [t for t in doc[country_end : core.end] if t.is_alpha]
    if doc[country_start - 1].lower_ != "of" or not 2 <= len(words) <= 4:
        return None
    return doc[country_end : core.end] if all(_is_name_word(t, marks.places) for t in words) else None


def _name_after_a_portfolio(core: Span, marks: Marks) -> Span | None:
    """ "Minister of | International Relations and Cooperation Lindiwe Sisulu |" tagged as one body: after a title and
    "of", the portfolio's capitalised words and then two to four name words; those are the person."""
    doc = core.doc
    of = core.start - 1
    if of >= 1 and doc[of].lower_ == "the":
        of -= 1
    if of < 1 or doc[of].lower_ not in ("of", "for") or of - 1 not in marks.title_ends:
        return None
    start = _past_the_portfolio(doc, of)
    if start <= core.start or start >= core.end:
        return None
    words = [t for t in doc[start : core.end] if t.is_alpha]
    if not 2 <= len(words) <= 4 or not all(_is_name_word(t, marks.places) for t in words):
        return None
    return doc[start : core.end]


def _of_a_country(core: Span, marks: Marks) -> bool:
    """ "Santiago Peña" followed by "of Paraguay": a name tied to a country, as guest lists give them."""
    doc, end = core.doc, core.end
    words = [t for t in core if t.is_alpha]
    tied = end + 1 < len(doc) and doc[end].lower_ == "of" and end + 1 in marks.places
    return tied and 2 <= len(words) <= 4 and all(_is_name_word(t, marks.places) for t in words)


def _owned_like_a_listed_person(core: Span, person_tokens: set[int], marks: Marks) -> bool:
    """ "including China’s Xi Jinping, Brazil’s Luiz Inácio Lula da Silva and ...": a name after a country's
    possessive is a person when the same sentence gives a person in just that way (a guest list)."""
    words = [t for t in core if t.is_alpha]
    names = [t for t in words if t.lower_ not in NAME_PARTICLES]
    doc = core.doc
    if not (_after_a_country_possessive(doc, core.start, marks) and 2 <= len(names) <= 5 and len(words) <= 6):
        return False
    if not all(_is_name_word(t, marks.places) for t in names) or _names_an_office(core):
        return False
    if any(
        i in person_tokens and i - 1 not in person_tokens and _after_a_country_possessive(doc, i, marks)
        for i in range(core.sent.start, core.sent.end)
        if i < core.start or i >= core.end
    ):
        return True
    return _coordinated_with_a_like_name(core, marks)


def _coordinated_with_a_like_name(core: Span, marks: Marks) -> bool:
    """ "Zimbabwe's Emmerson Mnangagwa and Namibia's Hage Geingob", both tagged as organisations: two names joined
    by "and", each after a country's possessive, are a list of people."""
    institutions = set(knowledge().cues["institution_words"])
    for ent in core.sent.ents:
        if ent.start == core.start or not _after_a_country_possessive(core.doc, ent.start, marks):
            continue
        words = [t for t in ent if t.is_alpha]
        if not 2 <= len(words) <= 5 or any(t.lower_ in institutions or not t.text[:1].isupper() for t in words):
            continue
        if ent.root.head.i == core.root.i or core.root.head.i == ent.root.i:  # conjoined with this one
            return ent.root.dep_ == "conj" or core.root.dep_ == "conj"
    return False


def _after_a_country_possessive(doc: Doc, start: int, marks: Marks) -> bool:
    """The words before `start` are "<place>’s"."""
    return start >= 2 and doc[start - 1].text in POSSESSIVE and start - 2 in marks.places


def _royal_before_of_country(person: Span, marks: Marks) -> Span | None:
    """ "Crown Prince Frederik of Denmark": after a royal title, one name and "of <country>"; the name is the
    person (the country says whose crown prince)."""
    doc = person.doc
    of = next((t.i for t in person if t.lower_ == "of"), None)
    if of is None or of - person.start != 1 or not all(i in marks.places for i in range(of + 1, person.end)):
        return None
    royal = person.start - 1 in marks.title_ends and doc[person.start - 1].lower_ in royal_titles()
    return doc[person.start : of] if royal and doc[person.start].text[:1].isupper() else None


def _name_before_of_country(core: Span, marks: Marks) -> Span | None:
    """ "Gustavo Petro of Colombia" tagged as one organisation: the words before "of <country>" are the person."""
    of = next((t.i for t in core if t.lower_ == "of"), None)
    if of is None or of + 1 >= core.end or not all(i in marks.places for i in range(of + 1, core.end)):
        return None
    name = core.doc[core.start : of]
    return name if _of_a_country(name, marks) else None


def _is_titled_name(core: Span, marks: Marks) -> bool:
    """ "Prince Louis", "Sheikh Hasina": a title opening the entity, then one to four capitalised name words."""
    if core[0].i not in marks.title_tokens or is_headline_case(core.sent):
        return False  # in a headline every word is capitalised: "Major Global Appearance" names no one
    rest = [t for t in core if t.i not in marks.title_tokens]
    return 1 <= len(rest) <= 4 and all(_is_name_word(t, marks.places) for t in rest) and rest[0].i > core[0].i


def _is_kin_or_titled_after(core: Span, marks: Marks) -> bool:
    """Two to four capitalised name words after a word of kinship ("his wife Jane Roe") or before a title
    ("Jean Roux Ambassador of France", "Jane Roe, Administrator of USAID"): only a person is someone's wife or an
    ambassador."""
    words = [t for t in core if t.is_alpha and t.lower_ not in NAME_PARTICLES]  # "Angélica Rivera de Peña"
    if not 2 <= len(words) <= 4 or not all(_is_name_word(t, marks.places) for t in words) or _names_an_office(core):
        return False
    doc = core.doc
    kin = kin_word_before(doc, core.start) is not None
    after = core.end + 1 if core.end < len(doc) and doc[core.end].text == "," else core.end  # "X, Administrator of"
    titled_after = after < len(doc) and after in marks.title_tokens and not doc[after].is_sent_start
    return (kin or titled_after) and not is_headline_case(core.sent)


def royal_style_after(core: Span) -> bool:
    """One name, a comma, then a royal style: "Camilla, Duchess of Cornwall", "Anne, Princess Royal" (not the place of
    a style before it: "the Duke of Edinburgh, Prince Edward")."""
    doc, end = core.doc, core.end
    if len(core) != 1 or core[0].pos_ != "PROPN" or end + 1 >= len(doc) or doc[end].text != ",":
        return False
    if core.start > 0 and doc[core.start - 1].lower_ == "of":
        return False
    return doc[end + 1].lower_ in knowledge().cues["royal_styles"] and doc[end + 1].is_title


def is_quoted_ship_name(first: Token) -> bool:
    """'the patrol ship "Admiral Essen"', 'the missile boat "Dimitrovgrad" and "Alexander Obukhov"': a name in quotes
    in a sentence that names vessels before it is a ship's, not a person's or a town's."""
    doc, i = first.doc, first.i
    quote = next((doc[j] for j in range(i - 1, max(-1, i - 3), -1) if doc[j].is_quote), None)
    if quote is None:
        return False
    vessels = knowledge().cues["vessel_nouns"]
    return any(t.lemma_.lower() in vessels for t in doc[first.sent.start : quote.i])


def kin_word_before(doc: Doc, start: int) -> str | None:
    """The word of kinship right before a name, a comma allowed between: "his wife(,) Jane Roe" -> "wife"."""
    before = start - 2 if start >= 2 and doc[start - 1].text == "," else start - 1
    word = doc[before].lower_ if before >= 0 else ""
    return word if word in knowledge().cues["kin_words"] else None


def _acts_like_a_person(core: Span, places: AbstractSet[int]) -> bool:
    """Two to four capitalised name words that are the subject of a verb only people do ("X said", "X attended")."""
    words = [t for t in core if t.is_alpha]
    if not 2 <= len(words) <= 4 or not all(_is_proper_noun_outside(t, places) for t in words) or _names_an_office(core):
        return False
    if is_headline_case(core.sent):
        return False
    root = core.root
    return root.dep_ == "nsubj" and root.head.lemma_ in PERSON_VERBS


def _is_name_word(token: Token, places: AbstractSet[int]) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.i not in places and not token.is_stop


def _untagged_short_names(doc: Doc, covered: set[int], names: set[str], marks: Marks) -> list[Span]:
    """Untagged words that are the first or last word of a full name used elsewhere in the article."""
    return [
        Span(doc, i, i + 1, label="PERSON")
        for i in sorted(marks.proper_nouns - covered)
        if _is_short_name(doc[i], names, marks.places)
    ]


def _capitalised_proper_nouns(doc: Doc) -> set[int]:
    """Indices of the proper nouns written with a capital, read from one array (a Token per word costs more)."""
    if not len(doc):
        return set()
    columns = doc.to_array(["POS", "ORTH"]).tolist()
    strings = doc.vocab.strings
    proper = strings["PROPN"]  # the part of speech's symbol id
    return {i for i, (pos, orth) in enumerate(columns) if pos == proper and strings[orth][:1].isupper()}


def _merged_adjacent(persons: list[Span]) -> list[Span]:
    """Two PERSON spans with nothing between them are one name the model cut in two ("Samia Suluhu" "Hassan"), and
    so are two joined by a patronymic link ("Prince Badr" bin "Sultan bin Abdulaziz": 'Sultan' read as a title)."""
    merged: list[Span] = []
    for span in sorted(persons, key=lambda s: s.start):
        if merged and _joined_in_one_name(merged[-1], span):
            merged[-1] = Span(span.doc, merged[-1].start, span.end, label="PERSON")
        else:
            merged.append(span)
    return merged


def _joined_in_one_name(first: Span, second: Span) -> bool:
    doc = first.doc
    if second[0].is_sent_start:
        return False
    if first.end == second.start:
        return True
    return second.start == first.end + 1 and doc[first.end].lower_ in PATRONYMIC_LINKS


@Language.component("person_repair")
def person_repair(doc: Doc) -> Doc:
    """Pipeline component wrapping repair_persons (add it after ner and the gazetteer)."""
    return repair_persons(doc)
