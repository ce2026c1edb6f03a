"""Extract weapons: named systems (gazetteer + designation patterns) and weapon classes (noun phrases)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from briefings.extract.dates import WEEKDAYS as WEEKDAY_NAMES
from briefings.extract.dates import is_month_name
from briefings.extract.ruledata import OPENING_SENTENCES, load_json, load_jsonl, sentence_evidence
from briefings.extract.weapon_context import appearance, event_for, owner_country
from briefings.models import Weapon, WeaponContext
from briefings.nlp.cues import cues_in
from briefings.nlp.knowledge import knowledge
from briefings.nlp.spans import Words, entity_at, is_headline_case, sentences, spans_at, text_of
from briefings.nlp.spans import words as words_of

TERMS = load_json("weapon_terms.json")
GAZETTEER = load_jsonl("weapons.jsonl")
FAMILIES: dict[str, str] = TERMS["designation_families"]
FAMILY_SPELLING = {family.casefold(): family for family in FAMILIES}  # "SU-30", "MIG-29": copy in capitals
CONTEXT_FAMILIES = set(TERMS["designation_context_families"])
NEVER_FAMILIES = set(TERMS["designation_never"])
HEADS: dict[str, str | None] = TERMS["head_nouns"]
MODIFIERS = set(TERMS["weapon_modifiers"])
ATTACK_NOUNS = frozenset(TERMS["attack_nouns"])  # "drone attacks": the class noun before one is a weapon mentioned
QUALIFIED = set(TERMS["qualified_modifiers"])  # "new generation", "fifth generation": says nothing without its word
HYPHEN_ONLY = set(TERMS["modifier_only_inside_hyphen"])
NEEDS_NEXT: dict[str, list[str]] = TERMS["modifiers_needing_next"]
WEAK_MODIFIERS = set(TERMS["weak_modifiers"])
NON_WEAPON = set(TERMS["non_weapon_compounds"])
REFINEMENTS = [(set(words), category) for words, category in TERMS["category_refinements"]]
CONTEXT_ORDER = ("displayed", "supplied", "developed", "mentioned")
NOT_SYSTEM_NAMES = set(TERMS["not_system_names"])
MAKERS = frozenset(TERMS["makers"])  # defence companies, whose name before a class noun names no system
MAKER_SUFFIXES = frozenset(TERMS["maker_suffixes"])  # "Elbit Systems", "Dassault Aviation": a company's last word
COMPANY_WORDS = set(TERMS["company_words"])
NAVAL_CATEGORIES = ("warship", "submarine")
MAX_CLASS_NAME_WORDS = 3  # "Los Angeles-class": a class name of up to three words before "-class"
MAX_DESCRIPTION_WORDS = 8  # "Maritime Patrol and Reconnaissance Aircraft": a title-case description after a name
COMPANY_REACH = 3  # "BrahMos Aerospace Private Limited": the company word within three capitalised words
EDITION_YEARS = range(1950, 2100)  # "Exhibition-2023": a year after an event's word is its edition
NAMED_PLACES_AND_BODIES = {"FAC", "ORG", "GPE", "LOC"}  # a name whose bracketed short form is no weapon
BLOCKING_ENTS = {"PERSON", "ORG", "GPE", "FAC", "EVENT", "LAW", "WORK_OF_ART", "LOC"}
DESIGNATION_TOKEN = r"^[A-Z][A-Za-z]{0,11}-\d{1,4}(?:[A-Z0-9]{0,5}[a-z]?|[A-Z][a-z]{1,2})s?$"  # "Hwasong-11Ma", "S-70i"
UNHYPHENATED_DESIGNATION = r"^[A-Z]{2,4}\d{2,4}[A-Z]{0,2}$"  # "AJX002", "EC725AP": a weapon only beside a weapon word
GRAU_INDEX = r"^[1-9][A-Z]\d{1,3}[A-Z0-9]{0,3}$"  # Soviet/Russian index ("9K72", "2S19"): beside a weapon word
VARIANT_DESIGNATION = r"^[A-Z]{1,3}\d{1,3}[A-Z]\d{1,2}$"  # model and variant ("K1A2", "M2A3"): beside a weapon word
SHORT_DESIGNATION = re.compile(r"^[A-Z]\d{1,3}$")  # "K9", "T90", "M777": a weapon only right before a weapon noun
ONE_TOKEN_DESIGNATION = re.compile(
    "|".join(f"(?:{p})" for p in (DESIGNATION_TOKEN, UNHYPHENATED_DESIGNATION, GRAU_INDEX, VARIANT_DESIGNATION))
)
LINK = re.compile(r"(?i)https?:|www\.|\.(?:com|org|net|gov)\b")  # "pic.twitter.com/7lKCEjNyyh": a link, no name
SPACED_FAMILY = re.compile(r"^[A-Z][A-Za-z]{0,11}$")  # "Hwasong" of "Hwasong - 19" (three tokens)
SPACED_NUMBER = re.compile(r"^\d{1,4}[A-Z0-9]{0,3}s?$")
BODY_NAME_REACH = 4  # "Missile | and Artillery Department": the words a body's name may run on
LETTER_VARIANT = re.compile(r"^[A-Z]{1,2}\d{1,2}[A-Z]{0,2}$")  # "M2E" of "Buk-M2E", "S1" of "Pantsir-S1"
SPACED_LETTERS = re.compile(r"^(?:[A-Z]{2,4}|[A-Z][a-z][A-Z])$")  # "IAR" of "IAR 99", "MIG" of "MIG 21"
SPACED_DIGITS = re.compile(r"^(?!(?:19|20)\d\d$)\d{2,4}[A-Z]?$")  # not a year: "IDEF 2023" is a fair
STRAY_SPACE_CLASS = re.compile(r"^[A-Z][a-z]+-$")  # "Virginia- class"
SHIP_PREFIXES = frozenset(TERMS["ship_prefixes"])
OPENING_QUOTES = frozenset({"'", "‘", "“", '"'})
CLOSING_QUOTES = frozenset({"'", "’", "”", '"'})
MAX_QUOTED_SHIP_WORDS = 4  # "TCG 'Anadolu'", "INS 'Vikrant'": a quoted ship's name is a word or a few
WEEKDAYS = frozenset(day.title() for day in WEEKDAY_NAMES)  # "USS Gerald R. Ford Saturday": the day, no name
SHIP_NAME_LINKS = frozenset(TERMS["ship_name_links"])  # "HMS Prince of Wales", "BRP Gregorio del Pilar"
SLASHED_ROLE = re.compile(r"^[A-Z]{1,2}$")  # "F" of "F/A-18", "EA" of "EA/F-18"
SLASHED_VARIANT = re.compile(r"^[A-Z]{1,2}s?$")  # "B" of "F/A-18A/B", "Bs" of "F/A-18A/Bs"
TYPE_NUMBER = re.compile(r"^\d{2,3}[A-Z]?$")  # "Type 99"
CALIBRE = re.compile(r"^\d{2,3}(?:\.\d)?(?:mm|-mm)$")  # "155mm", "12.7mm"
SUFFIX_TOKEN = re.compile(r"^[A-Z][A-Z0-9]{0,2}$")
SPACED_VARIANT = re.compile(r"^[A-Z]{1,3}$")  # "C" of "J-10 C", "MKI" of "Su-30 MKI"
VARIANT_CODE = re.compile(r"^[A-Z]{1,3}\d?$")  # "BG1" of "F-7 BG1": an export variant's code
WINDOW = 5
LIST_DEPTH = 3  # "missiles, the X, the Y and the Z": a name's way up a list to the class noun it is listed under
MIN_LISTED_NAMES = 2  # "artillery systems Msta-B, RM-70": two names make a list; one may be anything
MIN_SYSTEMS_IN_SENTENCE = 2  # a sentence naming two systems lists arms: a name before a class noun there is one too
ROMAN = re.compile(r"[IVX]{1,4}")  # a model numeral ("Shaheen III")
MIN_ACRONYM_LETTERS = 4  # "IRIS-T", "HIMARS": a catalogued name of capitals long enough to be read in title case
MIN_NAME_CHARS = 3  # a one- or two-letter "name" before a class is a prefix or an abbreviation ("Mi", "NK")
MAX_MODEL_NAME_WORDS = (
    3  # "F-16 Viper", "K2 Black Panther", "Harpoon Block II": a model name after a designation is short
)
VARIANT_WORDS = {"Block", "Mk", "Mark", "Batch", "Increment", "Flight"}  # "Block II": a variant, with its number
PHONETIC_VARIANTS = frozenset(TERMS["phonetic_variants"])  # "MH-60 Romeo" is the MH-60R, in the spelling alphabet
DESIGNATION_END = re.compile(r"\d[A-Z]?$")  # a designation's last word: "MH60", "AH-64", "60R"
VARIANT_LETTERS = re.compile(r"[A-Z]{1,2}")  # "B" of "Shahed 136B": a variant written tight after a model number
VARIANT_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}[A-Z]?)$")
UNHYPHENATED_CODE = re.compile(r"^[A-Z]{2,3}\d{2,3}[A-Z]?$")  # "MM40", "SM39": a model code right after a name
GLUED_VARIANT = re.compile(r"^(?:Block|Mk|Mark|Batch)-?(?:[IVX]{1,4}|\d{1,2}[A-Z]?)$")  # "Mk-1", "MkII": one token
NAME_QUOTES = set("\"“”«»„'")
NAMING_WORDS = {"called", "named", "dubbed"}
LIST_JOINERS = {",", "and", "or", "&", "as", "well"}  # what may stand between two items of one list
LIST_INTRODUCERS = {"including", "like"}  # "tanks, including the X and Y": the list names systems of the class
QUOTED_CUES = {"quoted_name_after_class", "called_quoted_name_further_on"}
NAME_CUES = {
    "quoted_name_after_class",
    "called_quoted_name_further_on",
    "called_name_after_class",
    "acronym_after_class",
    "appositive_name_of_class",
    "name_after_class",
}
FINITE_VERB_TAGS = {"VB", "VBP", "VBZ", "VBD"}  # "to strike ships": a verb, not a modifier of the class
MASS_NOUNS = set(TERMS["mass_nouns"])
THROWN_NOUNS = set(TERMS["thrown_objects"]["nouns"])
THROWING_VERBS = set(TERMS["thrown_objects"]["verbs"])
CROWD_WORDS = set(TERMS["thrown_objects"]["crowds"])
MILITARY_LEMMAS = frozenset(TERMS["military_context_lemmas"])
DOMAINS = TERMS["category_domains"]
DOMAIN_OF = {c: domain for domain in ("air", "land", "sea") for c in DOMAINS[domain]}
PLAIN_HEAD_CATEGORY = DOMAINS["plain_heads"]  # "Cobra combat reconnaissance vehicles": a vehicle, of whatever kind
SPACE_HEADS = frozenset(TERMS["space_launch"]["heads"])
SPACE_LEMMAS = frozenset(TERMS["space_launch"]["lemmas"])
NAME_LINK_WORDS = frozenset({"to", "of", "and"})  # lower-case words inside a hyphenated proper name ("Surface-to-Air")
CIVIL_SENSE_HEADS = frozenset(TERMS["civil_sense_heads"])  # class nouns with a civilian or figurative sense too
ORDINAL_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)")  # "the 3rd Rifles"
CLASS_LIST_LINKS = {"like", "such", "as", "including", "namely", "the"}  # "vehicles such as the X, Y and Z"
MAX_LIST_LINKS = 3  # "such as the"
ADJACENT_HEAD_WORDS = 7  # "Marder-1A3 tracked armored infantry fighting vehicle": a designation's noun comes soon
UNIT_HEADS = set(TERMS["unit_heads"])  # capitalised, a regiment, not its arms ("Gurkha Rifles", "Royal Artillery")
DEMONYM_WORDS = {word for row in load_jsonl("countries.jsonl") for d in row["demonyms"] for word in d.split()}


@dataclass(frozen=True)
class _Mention:
    name: str
    category: str | None
    country: str | None
    start: int
    end: int
    head: int
    key: str | None = None  # the catalogue entry's name: mentions of one entry are one weapon of the article
    alias_of: str | None = None  # the entry's name when the text writes a nickname ("Black Hawk"), kept across articles


UNDECOMPOSED = str.maketrans("ıłøđ", "ilod")  # letters NFKD does not split into a base letter and an accent


def _folded(name: str) -> str:
    """The name without accents ("Scorpène" -> "Scorpene"), so both spellings match."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _variants(name: str) -> set[str]:
    """Common ways of writing one name: without accents, "Agni Prime" as "Agni-Prime", "Shahed-136" as "Shahed 136",
    "MH-60" as "MH60"."""
    variants = {name, _folded(name), name.replace(" ", "-"), name.replace("'", "’")}  # "Ra'ad", "Ra’ad"
    variants.add(re.sub(r"(?<=[A-Za-z]{3})-(?=\w)", " ", name))
    variants.add(re.sub(r"(?<=\b[A-Z]{2})-(?=\d)", "", name))  # "MH-60" written "MH60"
    return variants


def _gazetteer_index() -> dict[str, tuple[dict, bool]]:
    """Every spelling of every gazetteer entry -> (entry, whether that spelling needs a weapon word nearby)."""
    index: dict[str, tuple[dict, bool]] = {}
    for entry in GAZETTEER:
        ambiguous = set(entry.get("ambiguous_aliases", []))
        for name in (entry["name"], *entry.get("aliases", [])):
            needs_context = bool(entry.get("needs_context") or entry.get("class_only")) or name in ambiguous
            for variant in _variants(name):
                index.setdefault(variant, (entry, needs_context))
    return index


def _gazetteer_regex(names) -> re.Pattern:
    """One pattern for all spellings (a prefix trie, longest first), with an optional plural "s" or "-class" suffix,
    and the variant letters written tight after a spaced model number ("Shahed 136B" of the catalogued "Shahed 136")."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    variant = rf"(?P<variant>(?:(?<=\s\d)|(?<=\s\d\d)|(?<=\s\d\d\d)){VARIANT_LETTERS.pattern})?"  # "Type 99A"
    return re.compile(r"(?<![\w-])(?P<name>" + _trie_pattern(trie) + r")" + variant + r"(?:[- ]class|s)?(?![\w-])")


def _trie_pattern(node: dict) -> str:
    """Alternatives that try longer continuations before the name that ends here."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


GAZETTEER_INDEX = _gazetteer_index()
GAZETTEER_RE = _gazetteer_regex(GAZETTEER_INDEX)
SPELLING_OF_CASEFOLDED = {name.casefold(): name for name in reversed(list(GAZETTEER_INDEX))}
GAZETTEER_ANY_CASE_RE = re.compile(GAZETTEER_RE.pattern, re.IGNORECASE)


def extract_weapons(doc: Doc, context) -> list[Weapon]:
    """Weapon systems and classes mentioned in the article, with how they appeared."""
    ships = ships_and_classes(doc)
    named = _named_mentions(doc, ships)
    named += _proper_system_mentions(doc, {i for m in named for i in range(m.start, m.end)})
    named += _names_set_by_their_class(doc, {i for m in named for i in range(m.start, _class_end(doc, m))})
    named += _listed_beside_a_system(doc, named)
    named += _listed_with_systems(doc, named)
    named += _listed_after_a_class(doc, {i for m in named for i in range(m.start, m.end)})
    named += _named_by_class_among_systems(doc, named, ships)
    named = [_by_its_abbreviation(doc, m) for m in _without_inner_names(named)]
    covered = {i for m in named for i in range(m.start, _class_end(doc, m))}
    classes = _class_mentions(doc, covered) + _classes_that_attack(doc, covered)
    generic_civil = all(doc[m.head].lower_ in CIVIL_SENSE_HEADS and m.name[:1].islower() for m in classes)
    if not named and generic_civil and not _speaks_of_arms(doc, {m.head for m in classes}):
        classes = []  # "firefighters used drones", "the bank's bazooka has run out of ammunition"
    return _to_weapons(doc, sorted(named + classes, key=lambda m: m.start), context)


def _named_by_class_among_systems(doc: Doc, named: list[_Mention], ships: list[Span]) -> list[_Mention]:
    """ "Giatsint gun, Tyulpan self-propelled mortar": in a sentence that already names systems, one name word right
    before a weapon noun is a system of that class (alone, "Navy ships" or "Kremlin drones" would be none)."""
    covered = {i for m in named for i in range(m.start, _class_end(doc, m))}
    places = spans_at(doc, "places").keys() | spans_at(doc, "countries").keys() | spans_at(doc, "titles").keys()
    ship_names = {i for span in ships for i in range(span.start, span.end)}  # "Lewis and Clark-class
    # dry cargo ship": a class's name, even one of no weapon, is not a system's
    taken = covered | places | ship_names
    sents = sentences(doc)
    starts = [sent.start for sent in sents]
    systems = Counter(bisect_right(starts, m.start) - 1 for m in named)  # named systems per sentence
    found = []
    for index, count in systems.items():
        if count < MIN_SYSTEMS_IN_SENTENCE:
            continue
        for token in sents[index][1:]:
            if token.i in taken or not _may_name_a_system(token):
                continue
            head = _adjacent_head(doc, token.i, token.i + 1)
            if head is not None and _listed_item(token, head) and not _is_non_weapon(doc, token.i, head):
                word = _head_word(head)
                modifiers = [t.lower_ for t in doc[token.i + 1 : head.i] if t.text != "-"]
                category = _category(word, modifiers) if word else None
                for name in [*_coordinated_before(token, taken), token]:
                    found.append(_Mention(name.text, category, None, name.i, name.i + 1, head.i))
    return found


def _coordinated_before(token: Token, taken: set[int]) -> list[Token]:
    """ "Mirach and Firejet anti-ship missiles": the name joined to this one by "and" shares its class."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].lower_ != "and":
        return []
    before = doc[i - 2]
    return [before] if before.i not in taken and _may_name_a_system(before) else []


def _listed_item(token: Token, head: Token) -> bool:
    """ ", Giatsint gun," : an item of a list, its class in lower case ("Infantry Fighting Vehicles" is a name)."""
    doc = token.doc
    return doc[token.i - 1].lower_ in (",", "and") and all(
        t.is_lower or t.text == "-" for t in doc[token.i + 1 : head.i + 1]
    )


def _may_name_a_system(token: Token) -> bool:
    """A capitalised proper noun; not a body's word ("Navy ships") nor a date (places and countries the caller
    leaves out)."""
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and len(token) >= MIN_NAME_CHARS
        and (token.is_title or token.is_upper)
        and token.ent_type_ != "DATE"
        and token.lower_ not in _institution_words()
    )


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    """One set, built once: the rule tests it on every word of a sentence that lists systems."""
    return frozenset(knowledge().cues["institution_words"])


def _without_inner_names(named: list[_Mention]) -> list[_Mention]:
    """ "Kaz Grad" read whole in a list of systems and "Grad" from the gazetteer: one system, the longer name. One
    sweep in order of start: a name ending inside the furthest-reaching longer name before it is dropped."""
    kept, reach = [], None  # reach: (start, end) of the furthest-reaching name so far
    for k in sorted(range(len(named)), key=lambda k: (named[k].start, -named[k].end)):
        m = named[k]
        inside = reach is not None and m.end <= reach[1] and reach[1] - reach[0] > m.end - m.start
        if not inside:
            kept.append(k)
        if reach is None or m.end > reach[1]:
            reach = (m.start, m.end)
    return [named[k] for k in sorted(kept)]


def _by_its_abbreviation(doc: Doc, mention: _Mention) -> _Mention:
    """ "National Advanced Surface-to-Air Missile Systems (NASAMS)": a name spelled out before its bracketed
    initials is the system the initials name, one entry under the shorter name."""
    end = mention.end
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return mention
    letters = doc[end + 1].text
    words = re.findall(r"[A-Za-z]+", mention.name)
    initials = "".join(w[0] for w in words if w[0].isupper())
    if len(letters) < 3 or not letters.isupper() or letters.rstrip("S") != initials.rstrip("S"):
        return mention
    return replace(mention, name=letters)


def ship_name_without_prefix(name: str) -> str | None:
    """ "USS Gabrielle Giffords" -> "Gabrielle Giffords": a ship's name as the text may give it once introduced."""
    prefix, _, rest = name.partition(" ")
    return rest if rest and prefix in SHIP_PREFIXES else None


def _speaks_of_arms(doc: Doc, heads: set[int]) -> bool:
    """Whether the article names no system but speaks of the military, war or arms besides its class nouns: else a
    class noun is a civilian's tool or a figure of speech."""
    lemmas, texts = words_of(doc).lemma_lower, words_of(doc).text
    return any(
        lemma in MILITARY_LEMMAS and (i == 0 or texts[i - 1] != "-")  # not "an Atlanta-based company"
        for i, lemma in enumerate(lemmas)
        if i not in heads
    )


def designations(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each letters-digits designation: one token ("Hwasong-19", "AJX002", "9K72", "K1A2"), three
    tokens when the tokenizer split the hyphen off ("Hwasong - 19"), or "Type 99".

    One regular expression per token text in Python: as REGEX patterns of a spaCy Matcher the same tests cost a
    Python call per token and pattern."""
    texts = words_of(doc).text
    found = []
    for i, text in enumerate(texts):
        if not text.isalpha() and ONE_TOKEN_DESIGNATION.search(text) and not _names_an_edition(text):
            found.append((_slashed_start(doc, i), _slashed_end(doc, i + 1)))
        elif _is_short_designation(doc, i):
            found.append((i, i + 1))
        if i + 1 < len(texts) and text == "Type" and TYPE_NUMBER.search(texts[i + 1]):
            found.append((i, _slashed_end(doc, i + 2)))  # "Type 054A/P": an export variant after a slash
        if (
            i + 2 < len(texts)
            and texts[i + 1] == "-"
            and SPACED_FAMILY.search(text)
            and SPACED_NUMBER.search(texts[i + 2])
        ):
            found.append((i, i + 3))
        if (end := _family_and_letter_variant(doc, texts, i)) is not None:
            found.append((i, end))
        if i + 1 < len(texts) and SPACED_LETTERS.search(text) and SPACED_DIGITS.search(texts[i + 1]):
            found.append((i, i + 2))  # "IAR 99", "AN 30": real copy drops the hyphen; a weapon word must be near
    return sorted(found)


def _family_and_letter_variant(doc: Doc, texts: list[str], i: int) -> int | None:
    """ "Buk-M2E", "Tor-M2K", "Pantsir-S1": a family name and a letter-led variant code, written tight, which the
    tokenizer splits at the hyphen (and "M2K" once more before its last letter); the end of the designation."""
    if i + 2 >= len(texts) or texts[i + 1] != "-" or not SPACED_FAMILY.search(texts[i]):
        return None
    if doc[i].whitespace_ or doc[i + 1].whitespace_ or not LETTER_VARIANT.search(texts[i + 2]):
        return None
    end = i + 3
    if end < len(texts) and not doc[end - 1].whitespace_ and re.fullmatch(r"[A-Z]", texts[end]):
        end += 1  # "M2" "K"
    return end


def _is_short_designation(doc: Doc, i: int) -> bool:
    """ "K9" of "K9 self-propelled howitzers": a letter and digits right before a weapon noun; not "the G20 summit",
    nor the start of a longer designation ("J10-B jets")."""
    texts = words_of(doc).text
    if not SHORT_DESIGNATION.search(texts[i]) or texts[i + 1 : i + 2] == ["-"]:
        return False
    return _adjacent_head(doc, i, i + 1) is not None


def _slashed_start(doc: Doc, i: int) -> int:
    """ "F/A-18D": a role letter and a slash written tight before the designation belong to it."""
    slashed = i >= 2 and doc[i - 1].text == "/" and bool(SLASHED_ROLE.search(doc[i - 2].text))
    tight = slashed and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_
    return i - 2 if tight else i


def _slashed_end(doc: Doc, end: int) -> int:
    """ "F/A-18A/B": a second variant letter after a slash, written tight, belongs to the designation."""
    slashed = end + 1 < len(doc) and doc[end].text == "/" and bool(SLASHED_VARIANT.search(doc[end + 1].text))
    tight = slashed and not doc[end - 1].whitespace_ and not doc[end].whitespace_
    return end + 2 if tight else end


def ships_and_classes(doc: Doc) -> list[Span]:
    """ "HMS Queen Elizabeth" (a ship prefix and every title-case word after it) and "Virginia-class" (a title-case
    word, a hyphen, "class"; or "Virginia- class" with a stray space), found on the Doc's word lists."""
    texts, lower, found = words_of(doc).text, words_of(doc).lower, []
    for i, text in enumerate(texts):
        if text in SHIP_PREFIXES:
            quoted = _quoted_ship_name_end(texts, i + 1)
            if quoted is not None:  # "INS 'Khanderi'", "TCG “Anadolu”": the name in quotation marks
                found.append(Span(doc, i, quoted, label="SHIP"))
                continue
            end = i + 1
            while end < len(texts) and (texts[end].istitle() or _links_ship_name(texts, end)):
                if texts[end] in WEEKDAYS:
                    break  # "commissioned USS Gerald R. Ford Saturday": the day of the ceremony
                end += 1
            if end > i + 1:
                found.append(Span(doc, i, end, label="SHIP"))
        if i + 2 < len(texts) and texts[i + 1] == "-" and lower[i + 2] == "class" and text.istitle():
            start = i
            while start > max(0, i - MAX_CLASS_NAME_WORDS + 1) and _is_class_name_word(doc[start - 1]):
                start -= 1  # "Kang Ding-class", "Los Angeles-class"
            if start >= 2 and lower[start - 1] == "and" and _is_class_name_word(doc[start - 2]):
                start -= 2  # "Lewis and Clark-class": a class named after two people (not "A-class and B-class")
            found.append(Span(doc, start, i + 3, label="CLASS"))
        if i + 1 < len(texts) and lower[i + 1] == "class" and STRAY_SPACE_CLASS.search(text):
            found.append(Span(doc, i, i + 2, label="CLASS"))
    return found


def _quoted_ship_name_end(texts: list[str], i: int) -> int | None:
    """The end of a ship's name of one to four title-case words in quotation marks starting at `i`, or None."""
    if i >= len(texts) or texts[i] not in OPENING_QUOTES:
        return None
    end = i + 1
    while end < len(texts) and end - i <= MAX_QUOTED_SHIP_WORDS and texts[end].istitle():
        end += 1
    closed = end > i + 1 and end < len(texts) and texts[end] in CLOSING_QUOTES
    return end + 1 if closed else None


def _links_ship_name(texts: list[str], i: int) -> bool:
    """ "of" in "HMS Prince of Wales": a small word between two title-case words of a ship's name."""
    inside = 0 < i < len(texts) - 1
    return inside and texts[i] in SHIP_NAME_LINKS and texts[i - 1].istitle() and texts[i + 1].istitle()


def _is_class_name_word(token: Token) -> bool:
    return token.is_title and token.is_alpha and not token.is_stop and not token.is_sent_start


# ---- named systems ---------------------------------------------------------------------------


def _named_mentions(doc: Doc, ships: list[Span]) -> list[_Mention]:
    spans = _gazetteer_spans(doc)
    spans += [_extend_suffix(doc, s, e) for s, e in designations(doc) if _is_tight(doc, s, e)]
    spans += ships
    mentions = []
    families = {_family(s.text) for s in spans if s.label_ == "DESIG" and _has_weapon_context(s)}
    systems = sorted((s.start, s.end) for s in spans if s.label_ in ("GAZ", "DESIG"))
    taken_until = 0
    for span in filter_spans(spans):
        if span.start < taken_until:
            continue  # a model name already read with the designation before it ("MiG-29 Fulcrum")
        if _names_a_company(doc, span.end):
            taken_until = span.end
            continue
        mention = _named_mention(span, families, systems)
        if mention is not None:
            mentions.append(mention)
            taken_until = mention.end
    return mentions


def _names_a_company(doc: Doc, end: int) -> bool:
    """ "BrahMos Aerospace Private Limited", "Kalashnikov Concern": a maker named after its system; a capitalised
    company word follows within a few words."""
    after = doc[end : min(len(doc), end + COMPANY_REACH)]
    for token in after:
        if not token.text[:1].isupper():
            return False
        if token.lower_ in COMPANY_WORDS:
            return True
    return False


def _named_mention(span: Span, families: set[str], systems: list[tuple[int, int]]) -> _Mention | None:
    if span.label_ == "DESIG" and _family(span.text) in families:
        return _designation_mention(span, known_family=True)
    if span.label_ == "SHIP":
        name = " ".join(t.text for t in span if t.text not in OPENING_QUOTES | CLOSING_QUOTES)
        return _Mention(name, "warship", None, span.start, span.end, span.root.i)
    if span.label_ == "CLASS":
        return _class_of_unlisted(span)
    return _gazetteer_mention(span, systems) if span.label_ == "GAZ" else _designation_mention(span)


def _is_tight(doc: Doc, start: int, end: int) -> bool:
    spaced = end - start == 2 and bool(SPACED_LETTERS.search(doc[start].text))
    return all(not doc[i].whitespace_ for i in range(start, end - 1)) or doc[start].text == "Type" or spaced


def _extend_suffix(doc: Doc, start: int, end: int) -> Span:
    last = doc[end - 1]
    tight_suffix = end < len(doc) and not last.whitespace_ and bool(SUFFIX_TOKEN.match(doc[end].text))
    if tight_suffix or _spaced_variant_letters(doc, end):
        end += 1
    while start > 0 and _is_name_part(doc[start - 1]):
        start -= 1
    return Span(doc, start, end, label="DESIG")


def _spaced_variant_letters(doc: Doc, end: int) -> bool:
    """ "J-10 C, JF-17 ...", "Su-30 MKI and ...": a variant's capitals written apart, closing a list item."""
    if end + 1 > len(doc) or not SPACED_VARIANT.match(doc[end].text):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return after is None or after.is_punct or after.lower_ in ("and", "or")


def _is_name_part(token: Token) -> bool:
    """A capitalised word that belongs to the system's name ("Kheibar" in "Kheibar Shekan-2")."""
    return (
        token.tag_ == "NNP"
        and token.dep_ == "compound"
        and token.is_title
        and token.i > token.sent.start
        and token.ent_type_ not in ("GPE", "NORP", "ORG")
        and token.text not in NOT_SYSTEM_NAMES
        and not is_headline_case(token.sent)
    )


def _gazetteer_spans(doc: Doc) -> list[Span]:
    text = text_of(doc)
    spans = []
    for match in GAZETTEER_RE.finditer(text):
        span = doc.char_span(
            match.start(), match.end(), label="GAZ", kb_id=match.group("name"), alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    found = {(s.start_char, s.end_char) for s in spans}
    for match in GAZETTEER_ANY_CASE_RE.finditer(text):
        written, spelling = match.group("name"), SPELLING_OF_CASEFOLDED.get(match.group("name").casefold())
        if spelling is None or written == spelling or (match.start(), match.end()) in found:
            continue
        span = doc.char_span(match.start(), match.end(), label="GAZ", kb_id=spelling, alignment_mode="expand")
        if span is not None and (_written_in_other_case(span, written) or _acronym_in_title_case(written, spelling)):
            spans.append(span)
    return spans


def _acronym_in_title_case(written: str, spelling: str) -> bool:
    """ "Iris-T", "Himars", "Nasams": a catalogued name in capitals that a newspaper's style writes in title case."""
    letters = [c for c in spelling if c.isalpha()]
    return len(letters) >= MIN_ACRONYM_LETTERS and all(c.isupper() for c in letters) and written.istitle()


def _written_in_other_case(span: Span, written: str) -> bool:
    """ "HUMVEE", "LAROM", "katyusha rockets": a catalogued name in capitals, or in lower case before its class
    noun; a lower-case word alone ("grad students") is no system."""
    if written.isupper() and len(written) > 2:
        return True
    return written.islower() and _adjacent_head(span.doc, span.start, span.end) is not None


def _gazetteer_mention(span: Span, systems: list[tuple[int, int]]) -> _Mention | None:
    entry, needs_context = GAZETTEER_INDEX[span.kb_id_]
    if _abbreviates_a_named_place(span):
        return None
    class_suffix = span.text.endswith("class")
    if entry.get("class_only") and not class_suffix:
        return None
    if needs_context and not _is_supported(span, systems):
        return None
    written_class = _written_class(span) if needs_context else None
    if written_class and _other_domain(written_class, entry.get("category")):
        return _Mention(span.text, written_class, None, span.start, span.end, span.root.i)  # "Cobra ... vehicles"
    name = _class_phrase(span, entry["name"]) if class_suffix else _spelling(span.kb_id_, entry)
    variant = _glued_variant(span)
    if variant:  # "Shahed 136B": a variant of the catalogued system, reported as written
        category, country = entry.get("category"), entry.get("country")
        return _Mention(span.text.removesuffix("s"), category, country, span.start, span.end, span.root.i)
    model = _model_words_after(span)
    if model and GAZETTEER_INDEX.get(_spaced(model), (None,))[0] is entry:  # "MiG-29 Fulcrum": another name of it
        return _Mention(
            name, entry.get("category"), entry.get("country"), span.start, model[-1].i + 1, span.root.i, entry["name"]
        )
    if model and not class_suffix:  # "F-16 Vipers": a named variant, its own entry
        name = _with_model(name, model)
        return _Mention(name, entry.get("category"), entry.get("country"), span.start, model[-1].i + 1, span.root.i)
    alias_of = entry["name"] if span.kb_id_ in entry.get("ambiguous_aliases", ()) else None
    category, country = entry.get("category"), entry.get("country")
    return _Mention(name, category, country, span.start, span.end, span.root.i, entry["name"], alias_of)


def _names_an_edition(text: str) -> bool:
    """ "Exhibition-2023", "Expo-2024": an event's word and its year name an edition of the event, not a weapon."""
    word, _, number = text.partition("-")
    return number.isdigit() and int(number) in EDITION_YEARS and word.lower() in knowledge().event_type


def _abbreviates_a_named_place(span: Span) -> bool:
    """ "Ataturk Cultural Centre (AKM)": the short form a venue or body is given in brackets, not the rifle; but
    "Terminal High-Altitude Area Defense (THAAD)" spells out the system itself, whatever the model tagged."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    named = doc[span.start - 2]
    if named.ent_type_ not in NAMED_PLACES_AND_BODIES:
        return False
    whole = entity_at(named) or doc[named.i : named.i + 1]
    initials = "".join(t.text[0] for t in whole if t.is_alpha and t.text[0].isupper())
    return initials != "".join(c for c in span.text if c.isalpha()).upper()


def _glued_variant(span: Span) -> str:
    """The variant letters the gazetteer read after a catalogued spaced model number ("B" of "Shahed 136B")."""
    rest = span.text[len(span.kb_id_) :] if span.text.startswith(span.kb_id_) else ""
    rest = rest.removesuffix("s")
    return rest if VARIANT_LETTERS.fullmatch(rest) else ""


def _written_class(span: Span) -> str | None:
    head = _adjacent_head(span.doc, span.start, span.end)
    return _adjacent_class_category(span) or (PLAIN_HEAD_CATEGORY.get(_head_word(head) or "") if head else None)


def _other_domain(written: str, catalogued: str | None) -> bool:
    """The class noun the text sets after a name is of another domain (land, air, sea) than the catalogued system."""
    ours, theirs = DOMAIN_OF.get(written), DOMAIN_OF.get(catalogued or "")
    return ours is not None and theirs is not None and ours != theirs


def _is_supported(span: Span, systems: list[tuple[int, int]]) -> bool:
    """An ambiguous name is a weapon with a class noun in its alias or right after it, a listed neighbour, or (not
    opening its sentence, where any word is capitalised: "Bear in mind ...") a weapon word nearby."""
    if _ends_in_class_noun(span.kb_id_) or _beside_another_system(span, systems) or _listed_under_a_class(span):
        return True
    if span[0].is_sent_start:
        return _adjacent_head(span.doc, span.start, span.end) is not None
    return not _is_bare_plural(span) and _has_weapon_context(span)


def _listed_under_a_class(span: Span) -> bool:
    """ "two new cruise missiles, the ground-launched Babur and the air-launched Ra'ad": a name set in apposition to a
    weapon noun, or joined to one that is, however far the words between."""
    token = span.root
    for _ in range(LIST_DEPTH):
        if token.dep_ not in ("appos", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if _head_word(token) is not None:
            return True
    return False


def _beside_another_system(span: Span, systems: list[tuple[int, int]]) -> bool:
    """Another listed name or designation in the same list ("more Javelins and Stingers"): names in a list vouch
    for each other."""
    doc, sent = span.doc, span.sent
    low, high = max(sent.start, span.start - WINDOW), min(sent.end, span.end + WINDOW)
    for start, end in systems[bisect_left(systems, (low,)) : bisect_left(systems, (high,))]:
        between = doc[span.end : start] if start >= span.end else doc[end : span.start] if end <= span.start else None
        if between is not None and all(t.lower_ in LIST_JOINERS or t.like_num for t in between):
            return True
    return False


def _class_of_unlisted(span: Span) -> _Mention | None:
    """ "Hamilton-class cutters": a ship or submarine class the gazetteer does not list, named with its noun."""
    head = _adjacent_head(span.doc, span.start, span.end)
    if head is None:
        return None
    category = HEADS.get(_head_word(head) or "")
    if span[0].ent_type_ in ("GPE", "NORP", "PERSON") and category not in NAVAL_CATEGORIES:
        return None  # a ship class is often named after a city or a person ("Keelung-class destroyers")
    name = span[: span.end - span.start - 2].text.rstrip("-") if len(span) > 2 else span[0].text.rstrip("-")
    return _Mention(_class_phrase(span, name), category, None, span.start, head.i + 1, head.i)


def _is_bare_plural(span: Span) -> bool:
    """An ambiguous name with a plural "s" the gazetteer does not list ("Spikes"): too likely an ordinary word."""
    return span.text.endswith(span.kb_id_ + "s")


def _spelling(matched: str, entry: dict) -> str:
    """The designation as written ("Mi-171", "T-80U", "M109 Paladin", "Black Hawk"), or the entry's name when the
    text only writes it differently ("Shahed136" is the Shahed 136). A short alias stays as written: the brief
    reports what the article says, and the weapon's catalogue key (Weapon.key) merges it with the entry's name."""
    name = entry["name"]
    written, canonical = _spelling_key(matched), _spelling_key(name)
    if canonical.startswith(written) and written != canonical:
        return matched  # the family as written ("Arrow" for "Arrow 3"): the text does not say which model
    if written == canonical or (matched.endswith("s") and written == canonical + "s"):  # "Javelins": the Javelin
        return name
    if name.isalpha() and name.isupper() and " " in matched:  # "Terminal High Altitude Area Defense" is THAAD
        return name
    if _ends_in_class_noun(matched):  # "K9 howitzers": the system as the text names it, "K9"
        return matched.rsplit(" ", 1)[0]
    return matched


def _ends_in_class_noun(alias: str) -> bool:
    """ "K2 tank", "Karrar drone": an alias written with its class noun reports the system's name."""
    last = alias.rsplit(" ", 1)[-1].lower()
    return " " in alias and (last in HEADS or last.rstrip("s") in HEADS)


def _spelling_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _folded(name).lower().translate(UNDECOMPOSED))


def _class_phrase(span: Span, name: str) -> str:
    """A class-suffixed name with its weapon noun ("Scorpène-class submarines")."""
    head = _adjacent_head(span.doc, span.start, span.end)
    noun = " " + _class_name(span.doc[span.end : head.i + 1]) if head is not None else ""
    return f"{name}-class{noun}"


def _family(name: str) -> str:
    """The letters before the number, as the families table spells them ("SU-30MKM" is of the "Su" family)."""
    family = re.split(r"[-\s]|(?<=[A-Z])(?=\d)", name)[0]
    return FAMILY_SPELLING.get(family.casefold(), family)


def _designation_mention(span: Span, known_family: bool = False) -> _Mention | None:
    """A letters-digits designation; outside the known families it needs a weapon word nearby, or a sibling
    of the same family that has one ("glide bombs, including the FAB-500 and the heavier FAB-1500")."""
    spaced_variant = len(span) > 1 and span[-2].whitespace_ and SPACED_VARIANT.match(span[-1].text)
    written = span[:-1].text + span[-1].text if spaced_variant else span.text  # "J-10 C" -> "J-10C"
    name = re.sub(r"(?<=[\dA-Z])s$", "", written)  # "F-16Cs", "F/A-18A/Bs"
    family = _family(name)
    if family in NEVER_FAMILIES:
        return None
    catalogued = GAZETTEER_INDEX.get(span[0].text, (None, True))[1] is False  # "J-10" of "J-10 C"
    needs_context = (family in CONTEXT_FAMILIES or family not in FAMILIES) and not (known_family or catalogued)
    model = _model_words_after(span)
    named_model = bool(model) and _spaced(model) in GAZETTEER_INDEX  # "P-3C Orion": a catalogued name vouches
    if needs_context and not named_model and not _has_weapon_context(span):
        return None
    category = _adjacent_class_category(span) or _governing_class_category(span) or FAMILIES.get(family)
    end = model[-1].i + 1 if model else span.end
    return _Mention(_with_model(name, model), category, None, span.start, end, span.root.i)


def _model_words_after(span: Span) -> list[Token]:
    """The capitalised model name written right after a designation ("F-16 Vipers" -> "Vipers"), if any."""
    doc, words = span.doc, list[Token]()
    if is_headline_case(span.sent):
        return []
    i, end = span.end, min(span.sent.end, span.end + MAX_MODEL_NAME_WORDS)
    while i < end:
        token = doc[i]
        if words and words[-1].text in VARIANT_WORDS and _tight_variant_number(token):
            words += [token, token.nbor(1)]  # "Mk-I", "Mk-II": the mark's number after a hyphen
            i += 2
            continue
        after_word = bool(words) or token.text in VARIANT_WORDS
        variant_word = token.text in VARIANT_WORDS or bool(GLUED_VARIANT.match(token.text))  # "Mk", "Mk-1"
        export_code = not words and bool(UNHYPHENATED_CODE.match(token.text))  # "Exocet MM40 Block 3C"
        mark = not words and _is_a_mark(token)  # "Arrow III"
        if not (
            _is_model_name_word(token)
            or variant_word
            or export_code
            or mark
            or (after_word and VARIANT_NUMBER.match(token.text))
        ):
            break
        words.append(token)
        i += 1
    while words and words[-1].text in VARIANT_WORDS:
        words.pop()  # "Block" without its number
    if words and words[-1].i + 1 < span.sent.end and doc[words[-1].i + 1].is_title:
        return []  # a longer capitalised run: a name of something else
    words += _reporting_variant(words)
    return words + _slashed_second_variant(words[-1] if words else span[-1])


def _slashed_second_variant(last: Token) -> list[Token]:
    """ "Gripen C/D", "Gripen E/F": a second variant letter written tight after a slash belongs to the name."""
    if not SLASHED_VARIANT.match(last.text) or last.i + 2 >= len(last.doc) or last.whitespace_:
        return []
    slash, letter = last.nbor(1), last.nbor(2)
    tight = slash.text == "/" and not slash.whitespace_
    return [slash, letter] if tight and SLASHED_VARIANT.match(letter.text) else []


def _tight_variant_number(hyphen: Token) -> bool:
    """A hyphen written tight between a variant word and its number ("Mk-I")."""
    if hyphen.text != "-" or hyphen.whitespace_ or hyphen.doc[hyphen.i - 1].whitespace_:
        return False
    return hyphen.i + 1 < hyphen.sent.end and VARIANT_NUMBER.match(hyphen.nbor(1).text) is not None


def _reporting_variant(words: list[Token]) -> list[Token]:
    """ "Flanker-C", "Fulcrum-A": the variant letter of a reporting name, written tight after a hyphen."""
    if not words or words[-1].whitespace_ or words[-1].i + 2 >= len(words[-1].doc):
        return []
    hyphen, letter = words[-1].nbor(1), words[-1].nbor(2)
    tight = hyphen.text == "-" and not hyphen.whitespace_ and len(letter.text) == 1 and letter.text.isupper()
    return [hyphen, letter] if tight else []


def _spaced(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _with_model(name: str, words: list[Token]) -> str:
    """ "F-16" + "Vipers" -> "F-16 Viper" (a plural model name in the singular)."""
    if not words:
        return name
    last = words[-1]
    plural = last.tag_ == "NNPS" and last.text.endswith("s") and last.is_alpha
    model = "".join(t.text_with_ws for t in words[:-1]) + (last.text[:-1] if plural else last.text)
    return f"{name}{model}" if words[0].text == "/" else f"{name} {model}"  # "Gripen C" + "/D"


def _is_model_name_word(token: Token) -> bool:
    if token.text in PHONETIC_VARIANTS and token.i > 0 and DESIGNATION_END.search(token.nbor(-1).text):
        return True  # "MH60 Romeo", though the model may read "Romeo" as a people's name
    return (
        not is_month_name(token.text)  # "Super Tucanos Aug 31": a date, not a model
        and token.is_alpha
        and token.is_title
        and (token.tag_ in ("NNP", "NNPS") or token.text in GAZETTEER_INDEX)  # the tagger may miss "Flanker"
        and (
            token.ent_type_ not in ("GPE", "NORP", "PERSON", "DATE", "LOC", "FAC", "TIME") or _catalogued_person(token)
        )
        and token.lower_ not in MODIFIERS
        and _head_word(token) is None
        and token.text not in NOT_SYSTEM_NAMES
        and token.i not in spans_at(token.doc, "countries")
    )


def _catalogued_person(token: Token) -> bool:
    """ "SU-30MKM Flanker": a reporting name the tagger took for a person's, after a designation."""
    return token.ent_type_ == "PERSON" and token.text in GAZETTEER_INDEX


def _has_weapon_context(span: Span) -> bool:
    if _adjacent_head(span.doc, span.start, span.end) is not None:
        return True  # "the AJX002 extra-large uncrewed underwater vehicle"
    if span[0].text in MAKERS or (span.start > 0 and span.doc[span.start - 1].text in MAKERS):
        return True  # "a Eurocopter EC725AP": its maker names it
    sent = span.sent
    window = span.doc[max(sent.start, span.start - WINDOW) : min(sent.end, span.end + WINDOW)]
    headline = is_headline_case(sent)
    return any(
        _head_word(t) is not None and (headline or not _is_capitalised_name(t))
        for t in window
        if t.i < span.start or t.i >= span.end
    )


def _is_capitalised_name(token: Token) -> bool:
    """ "the Jets" mid-sentence: a team or a unit named after a weapon, no weapon context."""
    return token.tag_ in ("NNP", "NNPS") and token.is_title and not token.is_sent_start


def _adjacent_class_category(span: Span) -> str | None:
    head = _adjacent_head(span.doc, span.start, span.end)
    if head is None:
        return None
    return _category(_head_word(head) or "", [t.lower_ for t in span.doc[span.end : head.i]])


def _governing_class_category(span: Span) -> str | None:
    """The class a system is listed under ("ballistic missiles, including the X-2")."""
    token = span.root
    for _ in range(3):
        if token.head.i == token.i:
            return None
        token = token.head
        word = _head_word(token)
        if word is not None:
            return _category(word, [t.lower_ for t in token.doc[_modifier_start(token) : token.i] if t.text != "-"])
    return None


def _adjacent_head(doc: Doc, start: int, end: int) -> Token | None:
    """The weapon noun right after a designation ("Su-57 fighter jets" -> "jets"), if any."""
    sent_end = doc[start].sent.end
    head, words = None, 0
    for token in doc[end:sent_end]:
        words += token.text != "-"  # "HQ-22 medium-to-long-range missile": hyphens are no words
        if words > ADJACENT_HEAD_WORDS:
            break
        if not (_in_hyphen_group(token) or token.tag_ in ("NN", "NNS", "JJ", "NNP") or token.lower_ in MODIFIERS):
            break  # "Marder-1A3 tracked armored combat vehicle": "tracked" may be tagged a participle
        if _head_word(token) is not None:
            head = token
    return head


def _in_hyphen_group(token: Token) -> bool:
    doc = token.doc
    after = token.i + 1 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
    before = token.i > 0 and not doc[token.i - 1].whitespace_ and doc[token.i - 1].text == "-"
    return token.text == "-" or after or before


def _class_end(doc: Doc, mention: _Mention) -> int:
    head = _adjacent_head(doc, mention.start, mention.end) or _described_head(doc, mention.end)
    return head.i + 1 if head is not None else mention.end


def _described_head(doc: Doc, end: int) -> Token | None:
    """ "P-8A Poseidon Maritime Patrol and Reconnaissance Aircraft": a title-case description right after a name,
    ending in a weapon noun, is the named system's class (not a class, nor a system, of its own)."""
    i, sent_end = end, doc[end - 1].sent.end
    while i < sent_end and i - end < MAX_DESCRIPTION_WORDS:
        token = doc[i]
        if token.is_title and _head_word(token) and (i + 1 >= sent_end or not doc[i + 1].is_title):
            return token if i > end else None
        if not (token.is_title or token.lower_ in NAME_LINK_WORDS or _is_attached_hyphen(token)):
            return None
        i += 1
    return None


# ---- weapon classes --------------------------------------------------------------------------


def _head_word(token: Token) -> str | None:
    lower = token.lower_
    if lower in HEADS:
        return lower
    lemma = token.lemma_.lower()
    if lemma in HEADS:
        return lemma
    singular = lower[:-1] if token.pos_ == "PROPN" and lower.endswith("s") else None  # "Missiles" in a proper name
    return singular if singular in HEADS else None


def head_words(doc: Doc) -> dict[int, str]:
    """Token index -> the weapon noun it is (what `_head_word` gives), for the tokens that are one: read once per
    article from the word lists, so the rules below visit these few tokens rather than test every word."""
    words, found = words_of(doc), {}
    for i, lower in enumerate(words.lower):
        if lower in HEADS:
            found[i] = lower
        elif words.lemma_lower[i] in HEADS:
            found[i] = words.lemma_lower[i]
        elif words.pos[i] == "PROPN" and lower.endswith("s") and lower[:-1] in HEADS:
            found[i] = lower[:-1]
    return found


def _class_mentions(doc: Doc, covered: set[int]) -> list[_Mention]:
    mentions = []
    for i, word in head_words(doc).items():
        token = doc[i]
        if token.i in covered or _names_a_unit(token) or _names_a_team(token) or not _is_phrase_head(token):
            continue
        if token.lower_ in SPACE_HEADS and (_tells_of_space_flight(token.sent) or _opens_on_space_flight(doc)):
            continue  # "the Falcon 9 rocket put 60 satellites into orbit", "landed on the drone ship"
        start = _modifier_start(token)
        modifiers = [t.lower_ for t in doc[start : token.i] if t.text != "-"]
        named_gun = _calibre_gun_start(doc, token)
        if named_gun is not None:
            name = doc[named_gun : token.i + 1].text
            mentions.append(_Mention(name, _category(word, modifiers), None, named_gun, token.i + 1, token.i))
            continue
        if _is_non_weapon(doc, start, token) or not _qualifies(word, modifiers) or _of_another_kind(doc, start, token):
            continue
        proper = _proper_name_before(doc, start) or _proper_name_before_a_compound(doc, start)
        if proper is not None and proper.text in MAKERS:
            proper = None  # "the new Saab fighter jet": the maker, not the system's name
        if proper is not None:
            proper = _past_the_maker(proper)
        if proper is not None and proper[-1].lower_ in _institution_words() and proper[-1].ent_type_ == "ORG":
            continue  # "a United Nations helicopter": a body's craft, neither a system's name nor a weapon
        if proper is None and _describes_a_named_system(token, covered):
            continue  # "The DF-41, China's next generation ICBM,", "Fattah is a two-stage solid-fueled rocket"
        if (
            not modifiers
            and proper is None
            and (_is_anaphoric(token) or _is_thrown_object(token) or _is_figure_of_speech(token))
        ):
            continue  # "the missile" refers back; "the Gorshkov frigate" names one
        if proper is not None:
            proper = _with_capitalised_modifiers(proper, token)
            category = _category(word, modifiers)
            if category in NAVAL_CATEGORIES:  # "the Admiral Gorshkov frigate": one ship, and a frigate mentioned
                proper = _with_rank_before(proper)
                class_name = _class_name(doc[start : token.i + 1])
                mentions.append(_Mention(class_name, category, None, start, token.i + 1, token.i))
            mentions.append(_Mention(proper.text, category, None, proper.start, token.i + 1, token.i))
            partner = _coordinated_name(token, proper, covered)
            if partner is not None:
                mentions.append(
                    _Mention(partner.text, _category(word, modifiers), None, partner.i, partner.i + 1, partner.i)
                )
            continue
        name = _class_name(doc[start : token.i + 1])
        mentions.append(_Mention(name, _category(word, modifiers), None, start, token.i + 1, token.i))
        mentions.extend(_coordinated_classes(doc, start, token, word))
    return mentions


def _past_the_maker(proper: Span) -> Span:
    """ "the Elbit Systems Rampage missile": the system's own name, after its maker's name (with the "Systems" or
    "Aviation" of the company's name)."""
    for length in (2, 1):  # "Lockheed Martin", then "Elbit"
        if len(proper) > length and proper[:length].text in MAKERS:
            suffix = proper[length].text in MAKER_SUFFIXES and len(proper) > length + 1  # "Elbit | Systems"
            return proper[length + 1 :] if suffix else proper[length:]
    return proper


def _classes_that_attack(doc: Doc, covered: set[int]) -> list[_Mention]:
    """ "missile and drone attacks", "a drone strike on the port": the class that attacked is mentioned, named in the
    plural ("drones") as the text would name the weapons themselves."""
    mentions = []
    for i, word in head_words(doc).items():
        token = doc[i]
        modifier = token.head if token.dep_ == "conj" else token  # "missile and drone attacks"
        attack = modifier.head if modifier.dep_ in ("compound", "nmod", "amod") else None
        if i in covered or attack is None or attack.lower_ not in ATTACK_NOUNS or attack.i <= i:
            continue
        if token.tag_ not in ("NN", "NNS") or HEADS[word] is None or _is_non_weapon(doc, i, token):
            continue
        name = token.lower_ if token.lower_.endswith("s") else token.lower_ + "s"
        mentions.append(_Mention(name, _category(word, []), None, i, i + 1, i))
    return mentions


def _in_a_bodys_name(token: Token) -> bool:
    """The capitalised weapon word goes on, over capitalised words and "and", into a body's name that ends in an
    institution word ("Main Missile and Artillery Department", "Missile Forces Command")."""
    if not token.is_title:
        return False
    for word in token.doc[token.i + 1 : token.i + 1 + BODY_NAME_REACH]:
        if word.lower_ in _institution_words() and word.is_title:
            return True
        if not (word.is_title or word.lower_ in ("and", "&")):
            return False
    return False


def _names_a_unit(token: Token) -> bool:
    """ "Gurkha Rifles", "Royal Horse Artillery", "the 3rd Rifles": a regiment's name ends in the noun of its arms,
    after a capitalised word or its number."""
    if token.text not in UNIT_HEADS or token.i <= token.sent.start:
        return False
    before = token.doc[token.i - 1]
    return before.is_title or (before.like_num or ORDINAL_NUMBER.fullmatch(before.text) is not None)


def _after_the(token: Token) -> bool:
    return token.is_title and token.i > 0 and token.doc[token.i - 1].lower_ == "the"  # "The Rockets tied the record"


def _written_only_as_a_name(token: Token) -> bool:
    """ "Rockets ride ... to a win" where the article writes "the Rockets" mid-sentence and never "rockets"."""
    doc, words = token.doc, words_of(token.doc)
    same = [i for i, lower in enumerate(words.lower) if lower == token.lower_ and i != token.i]
    if not same or not all(words.text[i][:1].isupper() for i in same):
        return False
    return any(not doc[i].is_sent_start for i in same)


def _tells_of_space_flight(sent: Span) -> bool:
    return any(t.lemma_.lower() in SPACE_LEMMAS for t in sent)


def _opens_on_space_flight(doc: Doc) -> bool:
    """A launch report's headline or lede tells of the flight; its later sentences speak of "the drone ships" and
    "its rockets" without a word of space."""
    return any(_tells_of_space_flight(sent) for _, sent in zip(range(OPENING_SENTENCES), doc.sents, strict=False))


def _names_a_team(token: Token) -> bool:
    """ "Houston Rockets", "the Red Arrows": a capitalised plural closing an organisation's name is a team's or a
    unit's name, not its arms; so is a capitalised plural anywhere, or a singular opening a sentence or after "the",
    in an article that writes it only capitalised ("Rockets ride ... to a win", "The Rockets tied the record", "as
    the Houston Rockets won" where the model calls the team a person)."""
    if not token.text[:1].isupper():
        return False
    plural = token.tag_ in ("NNPS", "NNS")
    named = plural or (token.tag_ == "NNP" and token.ent_type_ == "ORG")  # "the Bombers"
    if named and (token.is_sent_start or _after_the(token)):
        return _written_only_as_a_name(token)
    if not plural:
        return False
    if token.is_title and _written_only_as_a_name(token):
        return True  # not an acronym ("UAVs")
    before = token.doc[token.i - 1]
    in_a_name = token.ent_type_ == "ORG" and token.ent_iob_ == "I"
    after_a_city = before.i in spans_at(token.doc, "places") or before.ent_type_ == "GPE"  # "Houston Rockets"
    return in_a_name or after_a_city


def _with_capitalised_modifiers(proper: Span, head: Token) -> Span:
    """ "Terminal High Altitude Area Defense antimissile system": a capitalised modifier after a name is the name's."""
    end = proper.end
    while end < head.i and proper.doc[end].is_title:
        end += 1
    last = proper.doc[end - 1]
    if end == head.i and end > proper.end and last.lower_ in MODIFIERS and head.is_lower:
        end -= 1  # "the Babar Cruise missile": a class word right before a lower-case class noun is the class's
    return proper.doc[proper.start : end]


def _with_rank_before(proper: Span) -> Span:
    """ "the Admiral Gorshkov frigate": a ship named after an officer keeps the rank in its name."""
    doc, start = proper.doc, proper.start
    titles = spans_at(doc, "titles")
    while start > 0 and start - 1 in titles and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
        start -= 1
    return doc[start : proper.end]


def _coordinated_name(head: Token, proper: Span, covered: set[int]) -> Token | None:
    """The name coordinated with a named class: "Griffon and Serval armoured vehicles" (the class is the
    conjunct) or "the Tondar and Simorgh drones" (the name is)."""
    partner = head.head if head.dep_ == "conj" else proper[0].head if proper[0].dep_ == "conj" else None
    if partner is None or partner.i >= proper.start or partner.i in covered or not _is_name_word(partner):
        return None
    return partner


def _coordinated_classes(doc: Doc, start: int, head: Token, word: str) -> list[_Mention]:
    """ "antitank and antiaircraft weapons": the modifier before "and" makes a class of its own with the same noun;
    so does a calibre ("155mm and 105mm artillery rounds")."""
    if start < 2 or doc[start - 1].lower_ not in ("and", "or"):
        return []
    calibre = _calibre_before(doc, start - 1, head.sent.start)
    after = _calibre_end(doc, start)
    if calibre is not None and after is not None and after <= head.i:
        shared = doc[after : head.i + 1]
        modifiers = [t.lower_ for t in shared[:-1]]
        name = _class_name(doc[calibre : start - 1]) + " " + _class_name(shared)
        return [_Mention(name, _category(word, modifiers), None, calibre, start - 1, head.i)]
    group = _hyphen_group(doc, start - 2)
    words = [doc[i].lower_ for i in group if doc[i].text != "-"]
    last = doc[group[-1]]
    if (
        not _accept_group(doc, group, start)
        or last.tag_ in ("NNS", "NNPS")
        or any(w in HEADS for w in words)
        or (len(words) == 1 and words[0] in WEAK_MODIFIERS)  # "air-to-air and air-to-surface": a class; "air" no
    ):
        return []
    first = _modifiers_before(doc, group[0], head.sent.start)
    shared = doc[_hyphen_group_end(doc, start) : head.i + 1]  # "or intercontinental [ballistic missile]"
    modifiers = [t.lower_ for t in [*doc[first : group[-1] + 1], *shared[:-1]] if t.text != "-"]
    name = _class_name(doc[first : group[-1] + 1]) + " " + _class_name(shared)
    return [_Mention(name, _category(word, modifiers), None, first, group[-1] + 1, head.i)]


def _is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a system's proper name (not a country, people, place or title)."""
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and token.tag_ in ("NNP", "NNPS")
        and not token.is_sent_start
        and (token.ent_type_ not in ("GPE", "NORP", "LOC", "FAC", "DATE") or _unknown_place(token))
        and token.i not in spans_at(token.doc, "titles")
        and token.i not in spans_at(token.doc, "countries")
        and token.text not in NOT_SYSTEM_NAMES
    )


def _unknown_place(token: Token) -> bool:
    """A word the model calls a place but no gazetteer knows ("the Agnibaan rocket launcher" tagged GPE)."""
    return token.ent_type_ == "GPE" and token.i not in spans_at(token.doc, "places")


def _calibre_gun_start(doc: Doc, head: Token) -> int | None:
    """A gun named by its calibre, maker and model ("a 76mm Oto Melara gun", "the Bofors 57mm Mk3 gun"): the names
    between the calibre and the noun, and a maker's name just before the calibre, are part of the system's name."""
    name_end = head.i
    first = name_end
    while first > head.sent.start and name_end - first < MAX_MODEL_NAME_WORDS and _is_gun_name_word(doc[first - 1]):
        first -= 1
    calibre = _calibre_before(doc, first, head.sent.start)
    if calibre is None:
        return None
    maker = calibre > head.sent.start and _is_name_word(doc[calibre - 1])
    if first == name_end and not maker:
        return None  # "a 76mm gun": a plain calibre class, named as classes are
    return calibre - 1 if maker else calibre


def _is_gun_name_word(token: Token) -> bool:
    """A maker's or model's word of a gun: "Oto Melara", "Vulcano", or a mark number ("Mk3")."""
    return _is_name_word(token) or (
        token.text[:1].isupper() and any(c.isdigit() for c in token.text) and not CALIBRE.match(token.text)
    )


def _calibre_before(doc: Doc, end: int, sent_start: int) -> int | None:
    """The first token of a calibre ("76mm", "12.7 mm", "105-mm") that ends just before `end`."""
    if end - 1 < sent_start:
        return None
    group = _hyphen_group(doc, end - 1)
    if CALIBRE.match("".join(doc[i].text for i in group)):
        return group[0]
    if doc[end - 1].lower_ == "mm" and end - 2 >= sent_start and doc[end - 2].like_num:
        return end - 2
    return None


def _calibre_end(doc: Doc, start: int) -> int | None:
    """The index after a calibre that begins at `start` ("105mm", "105 mm", "105-mm"), else None."""
    end = _hyphen_group_end(doc, start)
    if CALIBRE.match(doc[start:end].text.replace(" ", "")):
        return end
    if doc[start].like_num and start + 1 < len(doc) and doc[start + 1].lower_ == "mm":
        return start + 2
    return None


def _proper_name_before(doc: Doc, start: int) -> Span | None:
    """The system's own name in front of its class ("Sherman tanks", "Jaguar fighter jets") -> "Sherman"."""
    first = start
    sent_start = doc[start].sent.start
    while first > sent_start and _is_name_word(doc[first - 1]):
        first -= 1
    if first == start or is_headline_case(doc[start].sent):
        return None
    if start - first == 1 and _plural_opening_an_item(doc[first]):
        return None
    if first - 2 >= sent_start and _is_attached_hyphen(doc[first - 1]) and doc[first - 2].is_title:
        first -= 2  # "Chu-SAM air defence system": the name's hyphenated first part
    return doc[first:start] if len(doc[first:start].text) >= MIN_NAME_CHARS else None


def _proper_name_before_a_compound(doc: Doc, start: int) -> Span | None:
    """ "the Agnibaan multi-barrel rocket launcher": a system's name before a hyphenated descriptor of its class."""
    if start < 3 or not _is_attached_hyphen(doc[start - 2]):
        return None
    group = _hyphen_group(doc, start - 1)
    if not all(doc[i].text == "-" or (doc[i].is_alpha and doc[i].is_lower) for i in group):
        return None
    return _proper_name_before(doc, group[0]) if group[0] > doc[start].sent.start else None


def _plural_opening_an_item(token: Token) -> bool:
    """ "...; Demolitions munitions for obstacle clearing; ...": a list item's first word is capitalised by its place,
    and one that reads as a plural common noun is what the item is made of, not a system's name ("Hornet drones")."""
    opens = token.i > 0 and token.doc[token.i - 1].text in (";", ":", "•", "-", "–")
    return opens and token.text[-1:] == "s" and token.text[-2:] != "ss" and token.text[1:].islower()


def _is_attached_hyphen(token: Token) -> bool:
    return token.text == "-" and not token.whitespace_ and not token.doc[token.i - 1].whitespace_


def _proper_system_mentions(doc: Doc, covered: set[int]) -> list[_Mention]:
    """A title-cased name ending in a weapon noun ("Evolved Sea Sparrow Missile", "Glide Phase Interceptor").

    The run must end at the weapon noun: "Missile Defense Agency" goes on, so it names an organisation."""
    mentions = []
    for i, word in head_words(doc).items():
        token = doc[i]
        if token.i in covered or not token.is_title or token.is_sent_start or is_headline_case(token.sent):
            continue
        if _names_a_team(token):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_title and not following.is_sent_start:
            continue
        if _in_a_bodys_name(token):
            continue  # "Chief of the Main Missile and Artillery Department": a department, no missile
        first = token.i
        while first > token.sent.start:
            if (joined := _hyphenated_name_start(doc, first - 1, token.sent.start)) is not None:
                first = joined  # "Principle Anti-Air Missile System", "Advanced Surface-to-Air Missile System"
            elif _continues_proper_name(doc[first - 1], covered):
                first -= 1
            else:
                break
        if not _names_a_system(doc, first, token, word):
            continue
        while first > token.sent.start and doc[first - 1].i in covered and doc[first - 1].is_title:
            first -= 1  # "Harpoon Coastal Defense System": a listed name heads a longer one
        name = re.sub(r"s$", "", doc[first : token.i + 1].text)
        end = token.i + 1
        if following is not None and _is_a_mark(following):
            name, end = f"{name} {following.text}", end + 1  # "Hyunmoo Missile II"
        kinds = [HEADS.get(word), *(HEADS.get(t.lower_) for t in reversed(doc[first : token.i]))]  # "Missile System"
        mentions.append(_Mention(name, next((k for k in kinds if k), None), None, first, end, token.i))
    return mentions


def _is_a_mark(token: Token) -> bool:
    """A Roman numeral right after a system's name is its mark ("Arrow III"); "I" may be the pronoun."""
    return bool(ROMAN.fullmatch(token.text)) and token.pos_ != "PRON"


def _hyphenated_name_start(doc: Doc, end: int, sent_start: int) -> int | None:
    """Where "Anti-Air" or "Surface-to-Air" ending at `end` starts: title-case words joined by hyphens, with a
    linking word between ("to"), inside a proper name; None if the words there are not that."""
    group = _hyphen_group(doc, end)
    if len(group) < 3 or group[0] <= sent_start or not all(_is_attached_hyphen(doc[i]) for i in group[1::2]):
        return None
    words = [doc[i] for i in group[::2]]
    if not (words[0].is_title and words[-1].is_title) or not all(w.is_alpha for w in words):
        return None
    if not all(w.is_title or w.lower_ in NAME_LINK_WORDS for w in words[1:-1]):
        return None
    return group[0]


def _continues_proper_name(token: Token, covered: set[int]) -> bool:
    return (
        token.is_title
        and token.is_alpha
        and not token.is_sent_start
        and not token.is_stop
        and token.i not in covered
        and token.ent_type_ not in ("GPE", "LOC", "DATE")
        and not _names_a_country(token)
        and token.text not in NOT_SYSTEM_NAMES
    )


def _names_a_country(token: Token) -> bool:
    """ "United States" (even when the tagger misses it), but not a demonym inside a name ("Indian Field Gun")."""
    return token.i in spans_at(token.doc, "countries") and token.text not in DEMONYM_WORDS


def _names_a_system(doc: Doc, first: int, head: Token, word: str) -> bool:
    """A capitalised run before a weapon noun that names one system: not owners only ("Chinese Missiles"), not part
    of a hyphenated class ("Surface-to-Air Missile"), not a class in capitals ("Ballistic Missiles"), and with a
    weapon word when the noun names no weapon by itself ("Ceremonial Vehicle")."""
    words = [t.lower_ for t in doc[first : head.i] if t.text != "-"]
    if not words or all(t.ent_type_ == "NORP" for t in doc[first : head.i]):
        return False
    if (first > 0 and _is_attached_hyphen(doc[first - 1])) or head.text in UNIT_HEADS:
        return False  # part of a hyphenated class; a regiment ("Gurkha Rifles")
    if all(w in MODIFIERS or w in HEADS for w in words):
        return False
    return HEADS[word] is not None or any(w in MODIFIERS or w in HEADS for w in words)


def _listed_beside_a_system(doc: Doc, named: list[_Mention]) -> list[_Mention]:
    """A name coordinated with a known system in a list a class noun introduces ("tanks, including the Al-Khalid
    and Al Zarrar"): a system of the same kind, though no gazetteer knows it (the model may call it a person)."""
    covered = {i for m in named for i in range(m.start, m.end)}
    found = []
    for mention in named:
        anchor = doc[mention.head]
        introducer = anchor.head if anchor.dep_ == "pobj" else None
        if introducer is None or introducer.lower_ not in LIST_INTRODUCERS or _head_word(introducer.head) is None:
            continue
        for partner in (c for c in anchor.children if c.dep_ == "conj" and c.i not in covered):
            words = [*(t for t in partner.lefts if t.dep_ == "compound" and t.i == partner.i - 1), partner]
            if all(_is_capitalised_name(t) for t in words):
                name = doc[words[0].i : partner.i + 1]
                found.append(_Mention(name.text, mention.category, None, name.start, name.end, partner.i))
                covered.update(range(name.start, name.end))
    return found


def _listed_with_systems(doc: Doc, named: list[_Mention]) -> list[_Mention]:
    """Names listed with known systems: an unknown name in a list that holds a known system and ends before or
    follows a class noun ("the Ghouri, Babar and Nasr missiles"), or that holds two known systems ("Ra'ad, Nasr,
    Karvan and Ababeel"), is a system of the same kind; a bare numeral after a model ("Shaheen I, II and III") is
    the family's next model."""
    known = {i: m for m in named for i in range(m.start, m.end)}
    found = []
    for items in _listed_names(doc, set(known)):
        listed = [known[start] for start, _ in items if start in known]
        (first, _), (last_start, last_end) = items[0], items[-1]
        class_before = first > 0 and _head_word(doc[first - 1]) is not None  # "the missiles Shaheen I, II and III"
        shares_class = class_before or _adjacent_head(doc, last_start, last_end) is not None
        if not listed or not (shares_class or len({m.start for m in listed}) >= MIN_LISTED_NAMES):
            continue
        previous = ""
        for start, end in items:
            name = doc[start:end].text if start in known else _next_model(previous, doc[start:end].text)
            if start not in known and len(name) >= MIN_NAME_CHARS:
                entry = GAZETTEER_INDEX.get(name, (None,))[0]
                category = entry.get("category") if entry else listed[-1].category
                key = entry["name"] if entry else None
                found.append(_Mention(name, category, None, start, end, listed[-1].head, key))
            previous = name
    return found


def _next_model(previous: str, name: str) -> str:
    """ "III" after "Shaheen II" is "Shaheen III"; any other name stays as written."""
    family, _, numeral = previous.rpartition(" ")
    return f"{family} {name}" if family and ROMAN.fullmatch(numeral) and ROMAN.fullmatch(name) else name


def _listed_names(doc: Doc, known: set[int]) -> list[list[tuple[int, int]]]:
    """Each list of two or more names (known systems or capitalised words) joined by commas, "and" or "or"."""
    lists, words = [], words_of(doc)
    for sent in sentences(doc):
        i = sent.start
        while i < sent.end:
            if i not in known and not _may_be_listed_word(words, i):
                i += 1  # no name starts here (the full test makes a Token of every word)
                continue
            items = _name_items(doc, i, sent.end, known)
            if len(items) >= MIN_LISTED_NAMES:
                lists.append(items)
            i = items[-1][1] if items else i + 1
    return lists


def _name_items(doc: Doc, start: int, end: int, known: set[int]) -> list[tuple[int, int]]:
    """The names in a list of systems beside known ones, "or" joining them too ("the Ra'ad, Nasr or Karvan")."""
    return _joined_names(doc, start, end, lambda token: token.i in known or _is_listed_word(token), (",", "and", "or"))


def _continues_a_name(token: Token) -> bool:
    """ "-Westland", "2000" of "Saab 2000", "3" of "Eagle 3": a hyphened part or a model number after a name word;
    "BG1" of "F-7 BG1": a variant code after a designation."""
    return _is_attached_hyphen(token) or token.text.isdigit() or _variant_after_designation(token)


def _variant_after_designation(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        before is not None and bool(VARIANT_CODE.search(token.text)) and bool(ONE_TOKEN_DESIGNATION.search(before.text))
    )


def _may_be_listed_word(words: Words, i: int) -> bool:
    """What `_is_listed_word` needs at least, read from the Doc's word lists."""
    text = words.text[i]
    return words.pos[i] == "PROPN" or bool(ROMAN.fullmatch(text)) or bool(ONE_TOKEN_DESIGNATION.search(text))


def _is_listed_word(token: Token) -> bool:
    """A list's name word; among systems the model may call an unknown name a place ("Karvan"), but a place or
    country the gazetteer knows is none."""
    if ROMAN.fullmatch(token.text):
        return True  # "Shaheen I, II and III"
    if token.is_sent_start or (token.pos_ != "PROPN" and not ONE_TOKEN_DESIGNATION.search(token.text)):
        return False  # "Also, Su-25 attack aircraft ...", "Overhead, Su-30 jets ...": a sentence's first capital
    if token.ent_type_ == "GPE":
        known_place = token.i in spans_at(token.doc, "places") or token.i in spans_at(token.doc, "countries")
        return not known_place and token.text[:1].isupper() and token.text.isalpha()
    return _is_list_name_word(token)


def _listed_after_a_class(doc: Doc, covered: set[int]) -> list[_Mention]:
    """ "artillery systems Msta-B, RM-70, GRADLAR and DANA", "combat vehicles like the Barys, Alan and Terrex": two
    or more names listed right after a plural class noun (or its "like", "such as", "including") are systems of that
    class (the model often calls them people or organisations)."""
    mentions = []
    for i, word in head_words(doc).items():
        head = doc[i]
        if head.tag_ != "NNS" or is_headline_case(head.sent):
            continue
        start = i + 1
        while start < head.sent.end and start - i <= MAX_LIST_LINKS and doc[start].lower_ in CLASS_LIST_LINKS:
            start += 1
        items = _name_list(doc, start, head.sent.end)
        if len(items) < MIN_LISTED_NAMES or _is_non_weapon(doc, _modifier_start(head), head):
            continue  # "think-tanks the Policy Exchange and Bright Blue"
        modifiers = [t.lower_ for t in doc[_modifier_start(head) : i] if t.text != "-"]
        category = _category(word, modifiers)
        for start, end in items:
            if not any(k in covered for k in range(start, end)):
                mentions.append(_Mention(doc[start:end].text, category, None, start, end, i))
    return mentions


def _name_list(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each name in a list of capitalised names or designations joined by commas and "and"."""
    return _joined_names(doc, start, end, _is_list_name_word, (",", "and"))


def _joined_names(
    doc: Doc, start: int, end: int, is_name_word: Callable[[Token], bool], joiners: tuple[str, ...]
) -> list[tuple[int, int]]:
    """(start, end) of each name in a run of names joined by `joiners`: name words, then a hyphened part or a model
    number ("Eurocopter-Westland", "Saab 2000"); a name cut at a hyphen ends the list."""
    items, i = [], start
    while i < end:
        j = i
        while j < end and (is_name_word(doc[j]) or (j > i and _continues_a_name(doc[j]) and j + 1 < end)):
            j += 1
        if j == i or _is_attached_hyphen(doc[j - 1]):
            break
        items.append((i, j))
        while j < end and doc[j].lower_ in joiners:
            j += 1
        if j == items[-1][1]:
            break
        i = j
    return items


def _is_list_name_word(token: Token) -> bool:
    """A word of a system's name in a list: capitalised or a designation, not a date, place, people or title."""
    if token.ent_type_ in ("DATE", "TIME", "GPE", "NORP") or token.i in spans_at(token.doc, "countries"):
        return False
    text = token.text
    return (text[:1].isupper() and (text.isalpha() or bool(ONE_TOKEN_DESIGNATION.search(text)))) or (
        len(text) == 1 and text.isupper()
    )


def _names_set_by_their_class(doc: Doc, covered: set[int]) -> list[_Mention]:
    """Names the `weapon` cue patterns find beside a class noun: quoted or "called" after it (anti-tank missiles
    "Hornet"), an acronym in brackets after it, or an apposition ("its new armoured vehicles, the Griffon")."""
    mentions = []
    for cue in sorted(cues_in(doc, "weapon"), key=lambda c: (c.start, -c.end)):  # the whole quoted name first
        if cue.label_ not in NAME_CUES:
            continue
        head = _cue_class_token(cue)
        if is_headline_case(cue.sent) or _is_non_weapon(doc, _modifier_start(head), head) or head.i in covered:
            continue  # "the Marder-1A3 tracked armored combat vehicle (AAC)": the class of a system named before it
        name = _cue_name_tokens(cue, head)
        if not name or any(t.i in covered for t in name) or not _is_cue_name(name, quoted=cue.label_ in QUOTED_CUES):
            continue
        modifiers = [t.lower_ for t in doc[_modifier_start(head) : head.i] if t.text != "-"]
        if not _names_a_weapon_class(head, modifiers):
            continue  # "the carrier, Delta Air Lines": the noun names no weapon here
        word = _head_word(head)
        category = _category(word, modifiers) if word else None
        text = "".join(t.text_with_ws for t in name).strip()
        mentions.append(_Mention(text, category, None, name[0].i, name[-1].i + 1, head.i))
        covered.update(t.i for t in name)
    return mentions


def _names_a_weapon_class(head: Token, modifiers: list[str]) -> bool:
    word = _head_word(head)
    if word is not None:
        return _qualifies(word, modifiers)
    return any(m in MODIFIERS and m not in WEAK_MODIFIERS for m in modifiers)  # "the combat module Epokha"


def _cue_class_token(cue: Span) -> Token:
    anchor = cue.doc._.cue_anchors.get(("weapon", cue.start, cue.end, cue.label_)) if cue.doc._.cue_anchors else None
    return cue.doc[anchor] if anchor is not None else cue[0]


def _cue_name_tokens(cue: Span, head: Token) -> list[Token]:
    if cue.label_ == "appositive_name_of_class":
        name = cue.doc[cue.end - 1] if head.i == cue.start else cue.doc[cue.start]
        lefts = [t for t in name.lefts if t.dep_ == "compound" and t.tag_ in ("NNP", "NNPS")]
        return [*lefts, name] if all(t.i == name.i - len(lefts) + k for k, t in enumerate(lefts)) else [name]
    if cue.label_ == "called_quoted_name_further_on":  # the name is what the quotes hold
        opening = next(t.i for t in cue if t.lower_ in NAMING_WORDS) + 1
        return [t for t in cue.doc[opening + 1 : cue.end - 1]]
    words = cue[1:-1] if cue.label_ == "name_after_class" else cue[1:]  # the last token only ends the name there
    return [t for t in words if t.text not in NAME_QUOTES and t.lower_ not in NAMING_WORDS and t.text not in "()"]


def _is_cue_name(name: list[Token], quoted: bool = False) -> bool:
    """Not a country, owner, title, force or class word dressed as a name; a quoted name may open with a title (the
    frigate "Admiral Makarov" is named after a person)."""
    first = name[0]
    groups = ("countries", "places") if quoted else ("countries", "places", "titles")
    return (
        len("".join(t.text for t in name)) >= MIN_NAME_CHARS - 1
        and not first.text[:1].islower()  # "Liaoning aircraft carrier china": a caption's last word, no name
        and first.text not in NOT_SYSTEM_NAMES
        and not any(t.like_url or LINK.search(t.text) for t in name)
        and not any(t.i in spans_at(first.doc, group) for t in name for group in groups)
        and not all(t.lower_ in MODIFIERS or _head_word(t) for t in name)
    )


def _is_thrown_object(token: Token) -> bool:
    """ "Fans hurled missiles", "hit by missiles from the crowd": bare missiles thrown by people are projectiles."""
    if token.lemma_.lower() not in THROWN_NOUNS:
        return False
    verbs = {t.lemma_.lower() for t in token.ancestors if t.pos_ == "VERB"}
    return bool(verbs & THROWING_VERBS) or any(t.lower_ in CROWD_WORDS for t in token.sent)


def _is_figure_of_speech(token: Token) -> bool:
    """ "a shell of the Red Army", "a barrage of criticism": a bare class noun "of" something that is no weapon
    speaks of that thing ("a battery of missiles" still names missiles, through their own noun)."""
    if token.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        return False
    of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
    return bool(objects) and not any(_head_word(o) for o in objects)


def _describes_a_named_system(token: Token, covered: set[int]) -> bool:
    """A singular class set beside a named system, or said of it, describes that one system (one the article names
    elsewhere too: "Fattah is a ... rocket" where the name alone needs a weapon word)."""
    if token.tag_ != "NN":
        return False
    if token.dep_ == "appos":
        return token.head.i in covered
    if token.dep_ != "attr" or token.head.lemma_ != "be":
        return False
    subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.i in covered or (subject.pos_ == "PROPN" and subject.text in {token.doc[i].text for i in covered})


def _is_anaphoric(token: Token) -> bool:
    """ "the missile" or "this tank": a reference back to a system named before, not a class."""
    return token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _is_phrase_head(token: Token) -> bool:
    if not token.tag_.startswith("NN") or (token.ent_type_ in BLOCKING_ENTS and not _is_class_in_capitals(token)):
        return False
    if token.dep_ in ("compound", "amod", "nmod", "npadvmod") and not _closes_phrase(token):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.tag_ in ("NN", "NNS") and following.ent_type_ not in BLOCKING_ENTS:
        return False
    if following is not None and token.is_title and following.is_title and not is_headline_case(token.sent):
        return False  # "the Air and Missile Defense Summit": a word inside a proper name
    return not _is_coordinated_modifier(token)


def _is_class_in_capitals(token: Token) -> bool:
    """An entity made only of class words ("Inter-Continental Ballistic Missiles") is a class the tagger took for a
    name."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > token.sent.start and doc[start].ent_iob_ == "I":
        start -= 1
    while end < token.sent.end and doc[end].ent_iob_ == "I":
        end += 1
    words = [t for t in doc[start:end] if t.is_alpha]
    return all(t.lower_ in MODIFIERS or t.lower_ in HYPHEN_ONLY or _head_word(t) for t in words)


def _closes_phrase(token: Token) -> bool:
    """A noun before a spaced dash or other punctuation ends its phrase whatever the parser says
    ("long-range nuclear bombers - swoop ..."), and so does a plural or mass noun before "and"/"or"
    ("self-propelled artillery and air defence systems", where the parser hangs the first on the last), and so
    does a class before a ship's prefix ("the frigate INS Tabar", where the class modifies the name)."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.text in SHIP_PREFIXES:
        return True
    if following is not None and following.tag_ == "CC":
        return token.tag_ == "NNS" or token.lower_ in MASS_NOUNS
    return following is None or (following.is_punct and (bool(token.whitespace_) or following.text != "-"))


def _is_coordinated_modifier(token: Token) -> bool:
    """A bare singular noun in a list of modifiers ("nuclear, missile and space programmes")."""
    if token.tag_ != "NN" or token.lower_ in MASS_NOUNS:
        return False
    run = []
    for following in token.doc[token.i + 1 : min(token.sent.end, token.i + 7)]:
        if following.tag_ not in (",", "CC", "JJ", "NN", "NNS", "HYPH"):
            break
        run.append(following)
    nouns = [t for t in run if t.tag_ in ("NN", "NNS")]
    return any(t.tag_ == "CC" for t in run) and bool(nouns) and _head_word(nouns[-1]) is None


def _modifier_start(head: Token) -> int:
    return _modifiers_before(head.doc, head.i, head.sent.start)


def _modifiers_before(doc: Doc, start: int, sent_start: int) -> int:
    """The first token of the run of weapon modifiers that ends just before `start`."""
    while start > sent_start:
        group = _hyphen_group(doc, start - 1)
        if not _accept_group(doc, group, start):
            break
        start = group[0]
    if doc[start].lower_ in QUALIFIED and start < len(doc) - 1:
        qualified = start > sent_start and _is_adjective_or_ordinal(doc[start - 1])
        return start - 1 if qualified else start + 1  # "new generation fighter jet"; a bare "generation" is dropped
    return start


def _is_adjective_or_ordinal(token: Token) -> bool:
    """An adjective or an ordinal: "new", "next", "fifth" before "generation"."""
    return token.tag_ in ("JJ", "JJR", "JJS") or token.ent_type_ == "ORDINAL"


def _hyphen_group(doc: Doc, end: int) -> list[int]:
    indices = [end]
    while (
        indices[0] > 0
        and not doc[indices[0] - 1].whitespace_
        and (doc[indices[0]].text == "-" or doc[indices[0] - 1].text == "-")
    ):
        indices.insert(0, indices[0] - 1)
    return indices


def _acts_as_verb(token: Token) -> bool:
    """ "to strike ships": a finite or bare verb with its own object, not a modifier ("grenade launchers" stays)."""
    return token.tag_ in FINITE_VERB_TAGS and token.dep_ not in ("compound", "amod", "nmod")


def _hyphen_group_end(doc: Doc, start: int) -> int:
    """The index after the hyphenated group that begins at `start` ("anti-aircraft" -> after "aircraft")."""
    end = start + 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    return end


def _accept_group(doc: Doc, group: list[int], next_start: int) -> bool:
    words = [doc[i].lower_ for i in group if doc[i].text != "-"]
    if not words or (len(group) == 1 and _acts_as_verb(doc[group[0]])):
        return False
    if (
        CALIBRE.match("".join(words))
        or (words == ["mm"] and group[0] > 0 and doc[group[0] - 1].like_num)
        or (doc[group[0]].like_num and doc[next_start].lower_ == "mm")
    ):
        return True  # a calibre: "155mm", "155 mm", "105-mm"
    if len(words) > 1:
        return all(w in MODIFIERS or w in HEADS or w in HYPHEN_ONLY for w in words)
    word = words[0]
    if word in NEEDS_NEXT:
        return doc[next_start].lower_ in NEEDS_NEXT[word]
    if doc[group[0]].ent_type_ in ("NORP", "GPE"):
        return False
    return (word in MODIFIERS and word not in HYPHEN_ONLY) or (word in HEADS and HEADS[word] is not None)


def _of_another_kind(doc: Doc, start: int, head: Token) -> bool:
    """A common noun the class does not take as a modifier says what kind it is ("fermentation tanks",
    "delivery drones", "news helicopters"): not a weapon."""
    if start == 0:
        return False
    before = doc[start - 1]
    return (
        before.pos_ == "NOUN"
        and before.dep_ == "compound"
        and before.head.i in (head.i, start)
        and before.lower_ not in MODIFIERS
        and before.lower_ not in HEADS
        and before.lemma_.lower() not in HEADS
    )


def _is_non_weapon(doc: Doc, start: int, head: Token) -> bool:
    previous = head.i - 2 if head.i > 1 and _is_attached_hyphen(doc[head.i - 1]) else head.i - 1  # "think-tanks"
    before = doc[previous].lower_ + " " if previous >= 0 else ""
    pairs = {before + head.lower_, before + head.lemma_.lower()}  # "fuel tanks" as "fuel tank"
    return bool(pairs & NON_WEAPON) or doc[start : head.i + 1].text.lower() in NON_WEAPON


def _qualifies(word: str, modifiers: list[str]) -> bool:
    """A class noun that names a weapon by itself, or one with a modifier (or pair: "air defence") that makes it one."""
    if HEADS[word] is not None or any(CALIBRE.match(m) or m == "mm" for m in modifiers):
        return True
    if any(m not in WEAK_MODIFIERS and (m in MODIFIERS or m in HEADS) for m in modifiers):
        return True
    words = set(modifiers) | {word}
    return any(needed <= words and needed & set(modifiers) for needed, _ in REFINEMENTS)


def _category(word: str, modifiers: list[str]) -> str | None:
    words = set(modifiers) | {word}
    for needed, category in REFINEMENTS:
        if needed <= words:
            return category
    if HEADS.get(word):
        return HEADS[word]
    return next((HEADS[m] for m in modifiers if HEADS.get(m)), None)


def _class_name(span: Span) -> str:
    parts = []
    for token in span:
        keep_case = sum(c.isupper() for c in token.text) >= 2
        text = token.text if keep_case else token.lower_
        parts.append(text + token.whitespace_)
    return "".join(parts).strip()


# ---- one entry per weapon --------------------------------------------------------------------


def _to_weapons(doc: Doc, mentions: list[_Mention], context) -> list[Weapon]:
    document = context.document
    by_key: dict[str, Weapon] = {}
    text = text_of(doc)  # built once: each weapon's event is found by its paragraph
    for mention in mentions:
        head = doc[mention.head]
        how = appearance(head)
        weapon = Weapon(
            name=mention.name,
            context=WeaponContext(how),
            category=mention.category,
            country=mention.country or owner_country(head),
            event=event_for(head, context.events, document.id, text) if how == "displayed" else None,
            evidence=(sentence_evidence(document.id, head.sent),),
            confidence=0.8 if mention.country or mention.name[:1].isupper() else 0.6,
            key=mention.alias_of,
        )
        key = _weapon_key(mention.key or mention.name)
        by_key[key] = _combine(by_key[key], weapon) if key in by_key else weapon
    return list(by_key.values())


def _weapon_key(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", name.lower()).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def _combine(first: Weapon, second: Weapon) -> Weapon:
    context = min(first.context, second.context, key=CONTEXT_ORDER.index)
    evidence = first.evidence + tuple(e for e in second.evidence if e not in first.evidence)
    return Weapon(
        name=first.name,
        context=context,
        category=first.category or second.category,
        country=first.country or second.country,
        event=first.event or second.event,
        evidence=evidence,
        confidence=max(first.confidence, second.confidence),
        key=first.key or second.key,
    )
