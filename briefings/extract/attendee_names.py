"""Names of people in one article: a mention cleaned of titles and possessives, and short mentions resolved.

"President Xi Jinping's" -> "Xi Jinping"; "Mr. Xi" or "Xi" -> the full name the article spells out elsewhere;
"Ambassador to Argentina Marc Stanley" (a span the model stretched over the title's object) -> "Marc Stanley".
Titles that are part of how a royal is named ("Prince William", "Queen Camilla") stay when the rest is one word.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from spacy.tokens import Span, Token

from briefings.extract.weapons import GAZETTEER_INDEX, MAKERS
from briefings.extract.weapons import HEADS as WEAPON_HEADS
from briefings.extract.weapons import MODIFIERS as WEAPON_MODIFIERS
from briefings.nlp.knowledge import knowledge, royal_titles
from briefings.nlp.people import ELIDED_PARTICLE, GENERATIONS, PATRONYMIC_LINKS, is_quoted_ship_name, kin_word_before
from briefings.nlp.people import NAME_PARTICLES as PERSON_NAME_PARTICLES
from briefings.nlp.spans import spans_at, text_of

MAX_HONORIFIC_TOKENS = 4  # "Rt. Hon.": four tokens
MAX_ABBREVIATION = 6  # "AUO", "CDS", "COAS": a rank or office the article spells out once, in brackets
TITLE_OBJECT_LINKS = {"of", "for", "to"}  # "Ambassador to Argentina X": the word after is the title's object
MAX_REGION_WORDS = 3  # "Andhra Pradesh", "Khyber Pakhtunkhwa": the words of a region before a title
OFFICE_REACH = 6  # "Ministry of Sport and Tourism X": the words before "and" that may name an office
OFFICE_OBJECT_WORDS = TITLE_OBJECT_LINKS | {"the", "on"}  # "Minister of the | Interior X", "Advisor on | Trade X"
OFFICE_DESCRIPTION_REACH = 8  # "secretary of state for oceans and international environmental affairs X"
MAX_OFFICE_ACRONYM = 4  # "EU", "ICT": an office's object may name a body by its initials
MIN_ACRONYM_LETTERS = 3  # "ISRO", "AFP": shorter capitals are a name's initials ("KT Rama Rao")
MAX_SHORT_NAME_WORD = 3  # "To", "A", "Bin": words this short open real names; a preposition opening one is longer
PATRONYMIC_MARKS = {"bin", "ibn", "bint"}  # what follows is a father's (or forefather's) name, not the person's
NAME_PARTICLES = PERSON_NAME_PARTICLES | {"of"}  # "Prince Edward of | Kent": "of" also joins a royal's name
POST_NOMINAL = re.compile(r"^(?![IVXL]+$)[A-Z]{2,5}$")  # not a regnal number ("Tupou VI")
TRAILING_MARKS = {"'s", "’s", "'", "’", ",", ".", ":", "-", "–", "—", "(", "["}
NICKNAME = re.compile(
    r"\s(?:[“\"‘'][A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?[”\"’']|\([A-Z][\w.-]*\))\s"
)  # a nickname inside a name
POSSESSIVE_END = re.compile(r"\s*['’]s?$")
INITIAL = re.compile(r"[A-Z]\.")  # a middle initial ("E." of "Michael E. Langley")
SKIPPED_BETWEEN = {"'s", "’s", "former", "then", "-", "–", "—", "the", ",", "of", "'", "’"}
MAX_PORTFOLIO_WORDS = 8  # "Minister for Human Development and Culture": a portfolio of a few words
PORTFOLIO_LINKS = {"and", "&", "the"}  # words joining a portfolio's capitalised words
BULLET = re.compile(r"^\s*(?:[-*•·▪●◦‣–—]|\d{1,2}[.)])\s*")


def mention_name(span: Span) -> str | None:
    """The mention's name without titles, honorifics, places, institutions or a possessive; None if none is left."""
    doc = span.doc
    titles, countries = spans_at(doc, "titles"), spans_at(doc, "countries")
    tokens = _name_tokens(span, titles)
    start = _first_name_token(tokens, titles, countries)
    if start is None:
        return None
    words = tokens[start:]
    given_name = len(words) > 1 and INITIAL.fullmatch(words[1].text) is not None  # "Michael E. Langley"
    if len(words) >= 3 and not given_name and _object_of_a_title_before(doc, words[0].i, titles):
        words = words[_past_the_body(words) :]  # "Chancellor of the Duchy of | Lancaster Pat McFadden"
    if len(words) >= 3 and not given_name and _ends_an_office_name(doc, words[0].i):
        words = words[1:]  # "Minister of Sport and | Tourism Anna Krupka": the office's last word, then the name
    words = _past_honorifics(words[_portfolio_length(words, titles) :])
    if not words or _not_a_name(words, titles, countries):
        return None
    before = [doc[span.start - 1]] if span.start > 0 else []
    kept = _kept_title(tokens[:start] or before, titles)
    text = text_of(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    one_name = len(text.split()) == 1  # "Mette-Marit" is one name of three tokens
    royal = bool(kept) and (one_name or any(t.lower_ == "of" for t in words))
    peer = _peerage_before(tokens[:start] or before, titles) if one_name and not royal else None
    text = " ".join(([kept] if kept and royal else [peer] if peer else []) + text.split())
    text = NICKNAME.sub(" ", POSSESSIVE_END.sub("", text))  # "Joko “Jokowi” Widodo": the nickname is no part of it
    return text if text and text[:1].isupper() else None


def _past_honorifics(words: list) -> list:
    """The words from the first that is no honorific: a portfolio swept into the name may stand before "Mr."
    ("Minister of Agriculture | Mr. X"), and the honorific is no more a part of the name there than at its start."""
    honorific = honorific_tokens(words[:-1])
    skipped = next((k for k, t in enumerate(words) if t.i not in honorific), len(words))
    return words[skipped:]


def _past_the_body(words: list) -> int:
    """How many words of a title's object open the mention: one ("Lancaster Pat McFadden"), or up to the body's own
    word when it names one ("Speaker of the | Verkhovna Rada Ruslan Stefanchuk"), two name words left after it."""
    bodies = knowledge().cues["institution_words"]
    return 1 + max((i for i, t in enumerate(words[:-2]) if t.lower_ in bodies), default=0)


def _object_of_a_title_before(doc, start: int, titles: dict) -> bool:
    """The word at `start` ends the object of a title written before it ("Chancellor of the | Exchequer X",
    "Advisor to the Prime Minister on | Commerce X")."""
    if start < 1 or doc[start - 1].lower_ not in OFFICE_OBJECT_WORDS:
        return False
    for i in range(start - 1, max(-1, start - 1 - OFFICE_REACH), -1):
        if i in titles:
            return True
        if doc[i].lower_ not in OFFICE_OBJECT_WORDS and not doc[i].is_title:
            return False
    return False


def _portfolio_length(words: list, titles: dict) -> int:
    """How many of the leading words name a ministry's portfolio the model swept into the name ("Minister of
    Energy and | Mineral Resources X", "Envoy for | Racial Equity"): capitalised portfolio words that continue the
    object of a title written before them."""
    portfolio = _portfolio_words()
    length = 0
    while length < len(words) and words[length].lower_ in portfolio and words[length].text[:1].isupper():
        length += 1
    return length if length and _continues_an_office(words[0], titles, portfolio) else 0


@cache
def _portfolio_words() -> frozenset[str]:
    return frozenset(knowledge().cues["portfolio_words"])


def _continues_an_office(first: Token, titles: dict, portfolio: frozenset[str]) -> bool:
    """`first` goes on an office's object: before it, over portfolio words, commas and "and", an "of" or "for"
    that follows a title ("Minister of Politics, Law and | Security")."""
    doc, i = first.doc, first.i - 1
    while i > first.sent.start and (
        doc[i].lower_ in portfolio or doc[i].lower_ in (",", "and", "&") or _in_an_office(doc[i])
    ):
        i -= 1
    return i > first.sent.start and doc[i].lower_ in ("of", "for") and _office_ends_before(doc, i, titles)


def _in_an_office(word: Token) -> bool:
    """A word an office's object may hold besides portfolio words: an acronym ("Minister for EU | Integration") or a
    country and its possessive ("Special Envoy of New Zealand's | Government")."""
    return (
        (word.is_upper and len(word) <= MAX_OFFICE_ACRONYM) or word.ent_type_ in ("GPE", "NORP") or word.tag_ == "POS"
    )


def _office_ends_before(doc, i: int, titles: dict) -> bool:
    """A title ends right before word `i`, or a title's own object does ("Aide to the President of Russia | for")."""
    for k in range(i - 1, max(doc[i].sent.start - 1, i - 1 - OFFICE_REACH), -1):
        if k in titles:
            return True
        if not (doc[k].is_title or doc[k].lower_ in OFFICE_OBJECT_WORDS):
            return False
    return False


def _ends_an_office_name(doc, start: int) -> bool:
    """The word at `start` closes "(Minister|Ministry) of X and Y": "and" before it, a title or a body just before."""
    if start < 2 or doc[start - 1].lower_ not in ("and", "&") or not doc[start - 2].is_title:
        return False  # "Bazoum of Niger, and Nana Akufo-Addo": a list, not an office's name
    before = doc[max(0, start - OFFICE_REACH) : start - 1]
    if any(t.is_punct or t.ent_type_ == "PERSON" for t in before):
        return False  # nor "Presidents Macky Sall of Senegal and | Ibrahim Boubacar Keita": a name stands between
    titles, institutions = spans_at(doc, "titles"), set(knowledge().cues["institution_words"])
    links = any(t.lower_ in ("of", "for") for t in before)  # "Minister of Sport and", "Minister for Youth and"
    return links and any(t.i in titles or t.lower_ in institutions for t in before)


def _not_a_name(words: list, titles: dict, countries: dict) -> bool:
    """ "Elections Commission", "Air Force Station": a body or a place; a bare title or country; a cue word
    ("Global Appearance" in a headline)."""
    cues = knowledge().cues
    common = set(cues["presence_nouns"]) | set(cues["guest_nouns"]) | set(cues["vantage_nouns"])
    common |= set(knowledge().event_type)
    prefix = words[0].doc[words[0].i - 1] if words[0].i > 0 else None
    honorifics = honorific_tokens(words)
    vessel = set(cues["vessel_prefixes"]) | set(cues["base_prefixes"])  # a ship or a base named after someone
    return (
        words[0].text in vessel
        or words[0].lower_ in cues["vessel_nouns"]  # "Navy Ship Tabuk", "Submarine Khalid"
        or (prefix is not None and prefix.text in vessel)  # "USS Ronald Reagan" is a ship
        or is_quoted_ship_name(words[0])  # 'the patrol ship "Admiral Essen"'
        or (
            prefix is not None
            and prefix.lower_ in cues["institution_words"]
            and prefix.is_lower
            and not _ends_an_office(prefix, titles)
        )  # "coalition X"; not "assistant secretary of state for environmental affairs X"
        or (prefix is not None and prefix.lower_ in cues["work_nouns"])  # "the national anthem Pheng Xat Lao"
        or (prefix is not None and prefix.lower_ == "the" and len(words) > 1)  # "a tour of the Ronald Reagan"
        or any(t.like_num or any(c.isdigit() for c in t.text) for t in words)  # "Leopard 2", "M1A1 Abrams"
        or words[-1].lower_ in cues["institution_words"]
        or words[-1].lower_.removesuffix("s") in cues["institution_words"]  # "Special Services Groups"
        or words[-1].lower_.removesuffix("s") in cues["not_person_heads"]  # "Pattaya Bay", "Central Asia", "Cold War"
        or _where_one_arrives(words[-1], cues["travel_verbs"])
        or _names_an_institution_after_it(words[-1], cues["institution_words"])
        or _names_a_region(words[-1], cues["region_nouns"])
        or all(t.i in titles or t.i in countries or t.i in honorifics for t in words)
        or " ".join(t.text for t in words) in knowledge().country_of  # "Lesotho", "East Timor"
        or any(t.lower_ in common or t.lower_.removesuffix("s") in common for t in words)  # "Related Summits"
        or " ".join(t.lower_ for t in words) in knowledge().event_type  # "an official State Dinner"
        or _names_a_weapon(words)
        or " ".join(t.text for t in words) in MAKERS  # "Lockheed Martin's F-35": an arms maker
        or (prefix is not None and prefix.pos_ in ("DET", "ADJ") and _modifies_an_office(words[-1], titles))
    )


def _modifies_an_office(last: Token, titles: dict) -> bool:
    """ "a former Supreme Allied Commander Europe": the words before a capitalised title that they modify name the
    office, not a person (called only after an article or an adjective: "by X Ambassador of France" names X)."""
    after = last.i + 1
    return after < len(last.doc) and after in titles and last.head.i == after and last.doc[after].is_title


def _ends_an_office(word: Token, titles: dict) -> bool:
    """The word closes an office's lower-case description that a title opens ("secretary of state for oceans and
    international environmental affairs")."""
    i, start = word.i, max(word.sent.start, word.i - OFFICE_DESCRIPTION_REACH)
    while i > start and word.doc[i].is_lower and i not in titles:
        i -= 1
    return i in titles


def _names_a_weapon(words: list) -> bool:
    """ "Rafale Jets of the Air Force": a catalogued system and its class noun, not a person ("Richard Cannon" is
    one: a class noun alone may be a surname); "Reconnaissance Aircraft": a weapon modifier and its class noun."""
    if words[-1].lower_.removesuffix("s") not in WEAPON_HEADS:
        return False
    return any(t.text in GAZETTEER_INDEX for t in words) or (len(words) > 1 and words[-2].lower_ in WEAPON_MODIFIERS)


def _where_one_arrives(last: Token, travel_verbs: list[str]) -> bool:
    """ "arrived at Istana Negara", "arrived at the main porch of Istana Negara": what one arrives at is a place,
    not a person."""
    part = last.head.head if last.dep_ == "pobj" and last.head.lower_ == "of" else None
    if part is not None and part.dep_ == "pobj" and part.lemma_.lower() in knowledge().cues["venue_parts"]:
        last = part  # "the porch of X": where the porch is (the home of X is X's)
    at = last.head
    return last.dep_ == "pobj" and at.lower_ == "at" and at.head.lemma_.lower() in travel_verbs


def _names_an_institution_after_it(last: Token, institutions: list[str]) -> bool:
    """ "the Yuri Gagarin aircraft plant", "a Nelson Mandela Foundation grant": the name is part of the name of a
    place or body that follows it (its head, a few words on)."""
    head = last.head
    return last.dep_ == "compound" and last.i < head.i <= last.i + 3 and head.lower_ in institutions


def _names_a_region(last: Token, regions: list[str]) -> bool:
    """ "in Monguno, Borno state", "Borno state governor X": a name before a lower-case word for a region is the
    region's."""
    after = last.i + 1
    return after < len(last.doc) and last.doc[after].text in regions


def _peerage_before(prefix: list, titles: dict) -> str | None:
    """ "Lord Boateng", "Baroness Scotland": a peer known by one name is named with the peerage, as the text does;
    not the last word of an office ("First Lady Mugabe")."""
    peerages = knowledge().cues["peerage_words"]
    peer = next((t for t in reversed(prefix) if t.lower_ in peerages), None)
    in_office = peer is not None and peer.i in titles and titles[peer.i].text.lower() != peer.lower_
    return peer.text if peer is not None and not in_office else None


def _name_tokens(span: Span, titles: dict) -> list:
    """The span's tokens up to a credit slash or a verb ("X Attends Parade"), without trailing titles or marks."""
    tokens: list[Token] = []
    for token in span:
        misread = token.lower_ in NAME_PARTICLES or ELIDED_PARTICLE.match(token.text)  # "dos", "d’Estaing"
        if token.text == "/" or (tokens and _is_verb(token) and not misread):
            break  # "Jane Doe/Reuters": a credit; "Kim Jong Un Attends Parade": a headline verb; not "dos" of a name
        if not token.is_space:
            tokens.append(token)
    captions = knowledge().cues["caption_markers"]
    while tokens and (
        tokens[-1].text in TRAILING_MARKS
        or (len(tokens) > 1 and (_trailing_title(tokens, titles) or tokens[-1].lower_ in captions))
    ):
        tokens.pop()  # "Gustavo Petro (", "Jeremiah Manele Photo": a bracket or a caption's word the model ran in
    while len(tokens) > 2 and POST_NOMINAL.match(tokens[-1].text) and _after_a_name_in_mixed_case(tokens):
        tokens.pop()  # "Vice Admiral X Y PN", "Z OBE", "Y PVSM": letters after a full name are a service's or orders'
    return tokens


def _trailing_title(tokens: list[Token], titles: dict) -> bool:
    """The last word is a title, not a father's name that is also one ("Badr bin | Sultan")."""
    return tokens[-1].i in titles and tokens[-2].lower_ not in PATRONYMIC_LINKS


def _after_a_name_in_mixed_case(tokens: list[Token]) -> bool:
    """The capitals end a name written in mixed case ("Manoj Pande PVSM"), not part of one in capitals ("NANA
    AKUFO-ADDO") or after a hyphen."""
    before = tokens[-2]
    return before.text not in ("-", "–") and not all(t.is_upper for t in tokens[:-1] if t.is_alpha)


def _is_verb(token) -> bool:
    """A verb, or in a title-cased headline a word that is a verb of the attendance cues ("Attends", "Visits")."""
    if token.pos_ == "VERB":
        return True
    cues = knowledge().cues
    verbs = set(cues["attend_verbs"]) | set(cues["host_verbs"]) | set(cues["position_words"])
    return token.lower_.endswith("s") and token.lower_[:-1] in verbs


def _first_name_token(tokens: list, titles: dict, places: dict) -> int | None:
    """Index of the first token of the name proper, past titles, honorifics, institutions and a title's object."""
    institutions = set(knowledge().cues["institution_words"])
    last_body = [i for i, t in enumerate(tokens[:-2]) if t.lower_ in institutions]
    start = last_body[-1] + 1 if last_body else 0  # "(Commander of the) Armed Forces X Y": past the body's name
    honorific = honorific_tokens(tokens)
    for i, token in enumerate(tokens[:-1]):
        if i < start:
            continue
        leading = all(
            t.i in titles or t.i in places or not t.text[:1].isupper() or t.lower_ in institutions or _is_acronym(t)
            for t in tokens[start:i]
        ) or _region_before_title(tokens, start, i, titles)  # "Qatari Emir X": a country's word may open the run
        patronymic = tokens[i + 1].lower_ in PATRONYMIC_LINKS  # "Sultan bin Mohammed": a given name, not a title
        if (
            leading
            and not patronymic
            and (
                token.i in titles
                or token.i in honorific
                or token.lower_ in institutions
                or (i < len(tokens) - 2 and _defined_abbreviation(token))
            )
        ):
            start = i + 1  # a leading run of titles ("Chief of Army Staff Gen X"), never one inside the name
    while start < len(tokens) - 1 and _opens_no_name(tokens[start]):
        start += 1  # "Alongside Lungu": a sentence's opening preposition the model swept into the name
    if start < len(tokens) - 1 and tokens[start].i in places:
        start += 1  # "Azerbaijan Aliyev": the country, then the name
    while start < len(tokens) - 1 and _belongs_to_title(tokens, start, places):
        start += 1
    while start < len(tokens) and not tokens[start].text[:1].isupper():
        start += 1
    return start if start < len(tokens) else None


def _is_acronym(token: Token) -> bool:
    """ "DRDO", "ISRO": a body's initials, which may stand between a title and an honorific ("Chairman DRDO Dr X")."""
    return token.is_alpha and token.is_upper and len(token.text) >= MIN_ACRONYM_LETTERS


def _opens_no_name(token: Token) -> bool:
    """A preposition or a linking word opening a sentence ("Alongside", "Among", "Meanwhile") is no part of a name,
    whatever tag the model gives it inside a name; a short word may be ("To Lam", "A Milton Obote"), and so may a
    particle ("de", "bin")."""
    if len(token.text) <= MAX_SHORT_NAME_WORD or token.lower_ in NAME_PARTICLES:
        return False
    return token.pos_ in ("ADP", "SCONJ") or token.lower_ in knowledge().cues["sentence_openers"]


def _region_before_title(tokens: list, start: int, i: int, titles: dict) -> bool:
    """ "Tamil Nadu Governor R.N. Ravi", "Sindh Chief Minister Murad Ali Shah": a region the gazetteer does not know
    (a few capitalised words) before a title, and a full name of two words or more after it."""
    before, after = tokens[start:i], [t for t in tokens[i + 1 :] if t.i not in titles]
    return (
        tokens[i].i in titles
        and 0 < len(before) <= MAX_REGION_WORDS
        and all(t.text[:1].isupper() and t.i not in titles for t in before)
        and len(after) >= 2
    )


def honorific_tokens(tokens: list[Token]) -> set[int]:
    """The tokens (doc indices) of the honorifics among `tokens`, one word or several ("Tan Sri", "Rt. Hon."):
    "Tan" alone is a family name ("Tan Cheng Bock"), only "Tan Sri" an honorific; "HE" ("His Excellency") counts
    only in capitals, where it is no pronoun."""
    phrases = knowledge().cues["honorifics"]
    found = {t.i for t in tokens if t.text in knowledge().cues["honorifics_in_capitals"]}
    for i in range(len(tokens)):
        for length in range(1, min(MAX_HONORIFIC_TOKENS, len(tokens) - i) + 1):
            run = tokens[i : i + length]
            if "".join(t.text_with_ws for t in run).strip().lower() in phrases:
                found.update(t.i for t in run)
    return found


def _defined_abbreviation(token: Token) -> bool:
    """ "AUO" where the article wrote "Academy Under Officer (AUO)": a rank or office, not a name's initials."""
    text = token.text
    return (
        text.isupper() and text.isalpha() and 2 <= len(text) <= MAX_ABBREVIATION and f"({text})" in text_of(token.doc)
    )


def _belongs_to_title(tokens: list, index: int, places: dict) -> bool:
    """A leading country or the object of a title ("Ambassador to Argentina", "Minister of Sports") before 2+ words."""
    token = tokens[index]
    rest = [t for t in tokens[index + 1 :] if t.is_alpha]
    if len(rest) < 2:
        return False
    if token.i in places:
        return True
    initial = len(token.text.rstrip(".")) == 1 and token.text[:1].isupper()  # "V R Chaudhari": "V" read as a noun
    if token.pos_ in ("NOUN", "ADJ") and token.lower_ not in NAME_PARTICLES and not initial:
        return True  # "Adviser X Y", "Sports X Y": a common word the model swept into the name
    doc = token.doc
    before = doc[token.i - 1] if token.i > 1 and index == 0 else None
    if before is None or before.lower_ not in TITLE_OBJECT_LINKS or token.lower_ in NAME_PARTICLES:
        return False
    return doc[before.i - 1].i in spans_at(doc, "titles")  # "Ambassador to | Argentina", not "speech to | Ri"


def _kept_title(prefix: list, titles: dict) -> str | None:
    """The royal title written right before a one-word name ("Prince" of "Prince William")."""
    if not prefix:
        return None
    span = titles.get(prefix[-1].i)
    if span is not None and span.text.lower() in royal_titles():
        return span.text
    return None


def name_index(names: list[str]) -> dict[str, str]:
    """Short forms of each multi-word name -> the full name most often used for them in the article.

    Short forms: the first or last word ("Xi"; "Sharaa" of "al-Sharaa"), a run of leading or trailing words
    ("Lula da Silva"), and a word in the middle ("Abdo" of "Mario Abdo Benítez") unless it is another name's first
    or last word. Words after "bin" ("son of") name the father, not him. A name that ends in a generation ("Donald
    Trump Jr") has none when the article names the father too ("Donald Trump")."""
    counts = Counter(n for n in names if len(n.split()) >= 2)
    index: dict[str, str] = {}
    for name, _count in counts.most_common():
        parts = [p for p in name.split() if p.lower() not in royal_titles()]
        father = " ".join(parts[:-1]).rstrip(",")
        if len(parts) >= 3 and parts[-1].lower().rstrip(".") in GENERATIONS and father in counts:
            continue  # not a king's number ("Charles III"), whose "Charles" is him
        for size in range(1, len(parts)):
            fathers = parts[-size - 1].lower() in PATRONYMIC_MARKS  # "Hamad bin Isa" of "Abdullah bin Hamad bin Isa"
            for short in (parts[:size], *([] if fathers else [parts[-size:]])):
                if size > 1 or short[0].lower() not in NAME_PARTICLES:
                    index.setdefault(" ".join(short), name)
        particle, _, bare = parts[-1].partition("-")
        if bare[:1].isupper() and particle.lower() in NAME_PARTICLES:  # "Sharaa" of "Ahmed al-Sharaa"
            index.setdefault(bare, name)
    for name, _count in counts.most_common():  # after every name's first and last words, which come first
        for middle in name.split()[1:-1]:  # "President Abdo" of "Mario Abdo Benítez": the father's surname
            if middle.lower() not in NAME_PARTICLES and middle.lower() not in royal_titles() and middle[:1].isupper():
                index.setdefault(middle, name)
    return index


def resolved(name: str, index: dict[str, str]) -> str:
    """The full name a short mention stands for ("Xi", "Lula da Silva", "Crown Prince Mohammed"), else the name."""
    if name in index:
        return index[name]
    for title in sorted(royal_titles(), key=len, reverse=True):
        if name.lower().startswith(title + " ") and (rest := name[len(title) + 1 :]) in index:
            full = index[rest]  # a monarch goes by the first name: "King Salman" is not "Mohammed bin Salman"
            given, words = [p for p in full.split() if p.lower() not in royal_titles()], rest.split()
            return full if given[: len(words)] == words else name
    return name


def role_and_country(person: Span) -> tuple[str | None, str | None]:
    """Title and country written before the name ("former Russian President X", "Pakistan's Prime Minister X"), or
    the country right after it ("X of Estonia")."""
    doc = person.doc
    titles, countries = spans_at(doc, "titles"), spans_at(doc, "countries")
    role = country = None
    i = person.start - 1
    while i >= max(person.sent.start, person.start - 10):
        token = doc[i]
        if i in titles:
            span = titles[i]
            role = role or span.label_
            i = span.start - 1
        elif i in countries:
            span = countries[i]
            country = country or span.label_
            i = span.start - 1
        elif token.lower_ in SKIPPED_BETWEEN or token.is_space or BULLET.fullmatch(token.text + " "):
            if token.lower_ == "former" and role and not role.startswith("former"):
                role = f"former {role}"
            i -= 1
        else:
            break
    if role is None:
        role = _title_before_portfolio(person, titles)  # "Minister for Human Development and Culture X"
    if role is None and person.start in titles:
        role = titles[person.start].label_  # "Princess Masako": a royal's title is part of the name
    if role is None:
        role = _shared_plural_title(person, titles) or kin_word_before(doc, person.start)  # "his wife, X"
    if role is None:
        role, country = _appositive_role(person, titles, countries, country)
    if country is None:
        country = _country_after(person, countries)
    return role, country


def _title_before_portfolio(person: Span, titles: dict) -> str | None:
    """The title before a portfolio written right before the name ("Coordinating Minister for Human Development and
    Culture X", "Minister of Sport and Tourism X"): capitalised words joined by "and", after "for" or "of"."""
    doc = person.doc
    swept_in = len(person) > 2  # "Minister for | Foreign Affairs Toshimitsu Motegi": the model took the portfolio
    i = person.start - 1
    while i > person.sent.start and person.start - i <= MAX_PORTFOLIO_WORDS:
        token = doc[i]
        if token.lower_ in ("for", "of") and i - 1 in titles and (i < person.start - 1 or swept_in):
            return str(titles[i - 1].label_)  # a portfolio of one word at least: "Ambassador for | X Y" is no title
        if not (token.is_title or token.lower_ in PORTFOLIO_LINKS):
            return None
        i -= 1
    return None


def _country_after(person: Span, countries: dict) -> str | None:
    """ "X of Estonia", "Crown Prince X of Denmark": the country named right after the name."""
    doc = person.doc
    if person.end + 1 < len(doc) and doc[person.end].lower_ == "of" and person.end + 1 in countries:
        return str(countries[person.end + 1].label_)
    return None


def _shared_plural_title(person: Span, titles: dict) -> str | None:
    """ "Deputy Prime Ministers Numan Kurtulmuş and Yalçın Akdoğan": a plural title before the first name is the
    second's too."""
    doc = person.doc
    i = person.start - 1
    if i < 1 or doc[i].lower_ != "and":
        return None
    i -= 1
    while i > person.sent.start and doc[i].pos_ == "PROPN" and i not in titles:
        i -= 1
    if i not in titles or i == person.start - 2:
        return None
    title = titles[i]
    return title.label_ if title.text.lower().endswith("s") else None


def _appositive_role(person: Span, titles: dict, countries: dict, country: str | None) -> tuple[str | None, str | None]:
    """ "The leader of North Korea, X" or "X, the leader of North Korea"."""
    root = person.root
    related = [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ == "appos"]
    for head in (h for h in related if h.ent_type_ != "PERSON"):
        for token in head.subtree:
            if token.i in titles and token.i not in range(person.start, person.end):
                found = country or next((countries[t.i].label_ for t in head.subtree if t.i in countries), None)
                return titles[token.i].label_, found
    return None, country
