"""Extract weapons: named systems (gazetteer + designation patterns) and weapon classes (noun phrases)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from briefings.extract.ruledata import load_json, load_jsonl, per_vocab, sentence_evidence
from briefings.extract.weapon_context import appearance, event_for, owner_country
from briefings.models import Weapon
from briefings.nlp.spans import is_headline_case, spans_at

TERMS = load_json("weapon_terms.json")
GAZETTEER = load_jsonl("weapons.jsonl")
FAMILIES: dict[str, str] = TERMS["designation_families"]
CONTEXT_FAMILIES = set(TERMS["designation_context_families"])
NEVER_FAMILIES = set(TERMS["designation_never"])
HEADS: dict[str, str | None] = TERMS["head_nouns"]
MODIFIERS = set(TERMS["weapon_modifiers"])
HYPHEN_ONLY = set(TERMS["modifier_only_inside_hyphen"])
NEEDS_NEXT: dict[str, list[str]] = TERMS["modifiers_needing_next"]
WEAK_MODIFIERS = set(TERMS["weak_modifiers"])
NON_WEAPON = set(TERMS["non_weapon_compounds"])
REFINEMENTS = [(set(words), category) for words, category in TERMS["category_refinements"]]
CONTEXT_ORDER = ("displayed", "supplied", "developed", "mentioned")
NOT_SYSTEM_NAMES = set(TERMS["not_system_names"])
BLOCKING_ENTS = {"PERSON", "ORG", "GPE", "FAC", "EVENT", "LAW", "WORK_OF_ART", "LOC"}
DESIGNATION_TOKEN = r"^[A-Z][A-Za-z]{0,11}-\d{1,4}(?:[A-Z0-9]{0,5}|[A-Z][a-z]{1,2})s?$"  # "Hwasong-11Ma", "S-300PMU1"
UNHYPHENATED_DESIGNATION = r"^[A-Z]{2,4}\d{2,4}[A-Z]?$"  # "AJX002": a weapon only beside a weapon word
CALIBRE = re.compile(r"^\d{2,3}(?:mm|-mm)$")
SUFFIX_TOKEN = re.compile(r"^[A-Z][A-Z0-9]{0,2}$")
WINDOW = 5
MASS_NOUNS = set(TERMS["mass_nouns"])


@dataclass(frozen=True)
class _Mention:
    name: str
    category: str | None
    country: str | None
    start: int
    end: int
    head: int
    key: str | None = None


UNDECOMPOSED = str.maketrans("ıłøđ", "ilod")  # letters NFKD does not split into a base letter and an accent


def _folded(name: str) -> str:
    """The name without accents ("Scorpène" -> "Scorpene"), so both spellings match."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _variants(name: str) -> set[str]:
    """Common ways of writing one name: without accents, "Agni Prime" as "Agni-Prime", "Shahed-136" as "Shahed 136"."""
    variants = {name, _folded(name), name.replace(" ", "-")}
    variants.add(re.sub(r"(?<=[A-Za-z]{3})-(?=\w)", " ", name))
    return variants


def _gazetteer_index() -> dict[str, tuple[dict, bool]]:
    """Every spelling of every gazetteer entry -> (entry, whether that spelling needs a weapon word nearby)."""
    index = {}
    for entry in GAZETTEER:
        ambiguous = set(entry.get("ambiguous_aliases", []))
        for name in (entry["name"], *entry.get("aliases", [])):
            needs_context = bool(entry.get("needs_context") or entry.get("class_only")) or name in ambiguous
            for variant in _variants(name):
                index.setdefault(variant, (entry, needs_context))
    return index


def _gazetteer_regex(names) -> re.Pattern:
    """One pattern for all spellings (a prefix trie, longest first), with an optional plural "s" or "-class" suffix."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<![\w-])(?P<name>" + _trie_pattern(trie) + r")(?:[- ]class|s)?(?![\w-])")


def _trie_pattern(node: dict) -> str:
    """Alternatives that try longer continuations before the name that ends here."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


GAZETTEER_INDEX = _gazetteer_index()
GAZETTEER_RE = _gazetteer_regex(GAZETTEER_INDEX)


def extract_weapons(doc: Doc, context) -> list[Weapon]:
    """Weapon systems and classes mentioned in the article, with how they appeared."""
    designations: Matcher = per_vocab("weapon-designations", doc.vocab, _build_designation_matcher)
    named = _named_mentions(doc, designations)
    named += _proper_system_mentions(doc, {i for m in named for i in range(m.start, m.end)})
    covered = {i for m in named for i in range(m.start, _class_end(doc, m))}
    mentions = named + _class_mentions(doc, covered)
    return _to_weapons(doc, sorted(mentions, key=lambda m: m.start), context)


def _build_designation_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add(
        "DESIGNATION",
        [
            [{"TEXT": {"REGEX": DESIGNATION_TOKEN}}],
            [{"TEXT": {"REGEX": UNHYPHENATED_DESIGNATION}}],
            [
                {"TEXT": {"REGEX": r"^[A-Z][A-Za-z]{0,11}$"}},
                {"ORTH": "-"},
                {"TEXT": {"REGEX": r"^\d{1,4}[A-Z0-9]{0,3}s?$"}},
            ],
            [{"ORTH": "Type"}, {"TEXT": {"REGEX": r"^\d{2,3}[A-Z]?$"}}],
        ],
    )
    matcher.add("SHIP", [[{"TEXT": {"IN": TERMS["ship_prefixes"]}}, {"IS_TITLE": True, "OP": "+"}]], greedy="LONGEST")
    matcher.add("CLASS", [[{"IS_TITLE": True}, {"ORTH": "-"}, {"LOWER": "class"}]])
    return matcher


# ---- named systems ---------------------------------------------------------------------------


def _named_mentions(doc: Doc, designations: Matcher) -> list[_Mention]:
    spans = _gazetteer_spans(doc)
    own_labels = {doc.vocab.strings["SHIP"]: "SHIP", doc.vocab.strings["CLASS"]: "CLASS"}
    matches = designations(doc)
    spans += [_extend_suffix(doc, s, e) for m, s, e in matches if m not in own_labels and _is_tight(doc, s, e)]
    spans += [Span(doc, s, e, label=own_labels[m]) for m, s, e in matches if m in own_labels]
    mentions = []
    families = {_family(s.text) for s in spans if s.label_ == "DESIG" and _has_weapon_context(s)}
    for span in filter_spans(spans):
        if span.label_ == "DESIG" and _family(span.text) in families:
            mentions.append(_designation_mention(span, known_family=True))
            continue
        if span.label_ == "SHIP":
            mention = _Mention(span.text, "warship", None, span.start, span.end, span.root.i)
        elif span.label_ == "CLASS":
            mention = _class_of_unlisted(span)
        else:
            mention = _gazetteer_mention(span) if span.label_ == "GAZ" else _designation_mention(span)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _is_tight(doc: Doc, start: int, end: int) -> bool:
    return all(not doc[i].whitespace_ for i in range(start, end - 1)) or doc[start].text == "Type"


def _extend_suffix(doc: Doc, start: int, end: int) -> Span:
    last = doc[end - 1]
    if end < len(doc) and not last.whitespace_ and SUFFIX_TOKEN.match(doc[end].text):
        end += 1
    while start > 0 and _is_name_part(doc[start - 1]):
        start -= 1
    return Span(doc, start, end, label="DESIG")


def _is_name_part(token: Token) -> bool:
    """A capitalised word that belongs to the system's name ("Kheibar" in "Kheibar Shekan-2")."""
    return (
        token.tag_ == "NNP"
        and token.dep_ == "compound"
        and token.is_title
        and token.i > token.sent.start
        and token.ent_type_ not in ("GPE", "NORP", "ORG")
    )


def _gazetteer_spans(doc: Doc) -> list[Span]:
    spans = []
    for match in GAZETTEER_RE.finditer(doc.text):
        span = doc.char_span(
            match.start(), match.end(), label="GAZ", kb_id=match.group("name"), alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    return spans


def _gazetteer_mention(span: Span) -> _Mention | None:
    entry, needs_context = GAZETTEER_INDEX[span.kb_id_]
    class_suffix = span.text.endswith("class")
    if entry.get("class_only") and not class_suffix:
        return None
    if needs_context and (_is_bare_plural(span) or not _has_weapon_context(span)):
        return None
    name = _class_phrase(span, entry["name"]) if class_suffix else _spelling(span.kb_id_, entry)
    return _Mention(name, entry.get("category"), entry.get("country"), span.start, span.end, span.root.i, entry["name"])


def _class_of_unlisted(span: Span) -> _Mention | None:
    """ "Hamilton-class cutters": a ship or submarine class the gazetteer does not list, named with its noun."""
    head = _adjacent_head(span.doc, span.start, span.end)
    if head is None or span[0].ent_type_ in ("GPE", "NORP", "PERSON"):
        return None
    word = _head_word(head)
    return _Mention(_class_phrase(span, span[0].text), HEADS.get(word), None, span.start, head.i + 1, head.i)


def _is_bare_plural(span: Span) -> bool:
    """An ambiguous name with a plural "s" the gazetteer does not list ("Spikes"): too likely an ordinary word."""
    return span.text.endswith(span.kb_id_ + "s")


def _spelling(matched: str, entry: dict) -> str:
    """The designation as written ("Mi-171", "T-80U", "M109 Paladin"), or the entry's name when the text only
    writes it differently ("Shahed 136") or uses a short ambiguous alias ("Paladin", "Shahed")."""
    name = entry["name"]
    written, canonical = _spelling_key(matched), _spelling_key(name)
    if canonical.startswith(written) and written != canonical:
        return matched  # the family as written ("Arrow" for "Arrow 3"): the text does not say which model
    if matched in entry.get("ambiguous_aliases", ()) or written == canonical:
        return name
    return matched


def _spelling_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _folded(name).lower().translate(UNDECOMPOSED))


def _class_phrase(span: Span, name: str) -> str:
    """A class-suffixed name with its weapon noun ("Scorpène-class submarines")."""
    head = _adjacent_head(span.doc, span.start, span.end)
    noun = " " + _class_name(span.doc[span.end : head.i + 1]) if head is not None else ""
    return f"{name}-class{noun}"


def _family(name: str) -> str:
    return re.split(r"[-\s]|(?<=[A-Z])(?=\d)", name)[0]


def _designation_mention(span: Span, known_family: bool = False) -> _Mention | None:
    """A letters-digits designation; outside the known families it needs a weapon word nearby, or a sibling
    of the same family that has one ("glide bombs, including the FAB-500 and the heavier FAB-1500")."""
    name = re.sub(r"(?<=\d)s$", "", "".join(t.text_with_ws for t in span).strip())
    family = _family(name)
    if family in NEVER_FAMILIES:
        return None
    needs_context = (family in CONTEXT_FAMILIES or family not in FAMILIES) and not known_family
    if needs_context and not _has_weapon_context(span):
        return None
    category = _adjacent_class_category(span) or _governing_class_category(span) or FAMILIES.get(family)
    return _Mention(name, category, None, span.start, span.end, span.root.i)


def _has_weapon_context(span: Span) -> bool:
    if _adjacent_head(span.doc, span.start, span.end) is not None:
        return True  # "the AJX002 extra-large uncrewed underwater vehicle"
    sent = span.sent
    window = span.doc[max(sent.start, span.start - WINDOW) : min(sent.end, span.end + WINDOW)]
    return any(_head_word(t) is not None for t in window if t.i < span.start or t.i >= span.end)


def _adjacent_class_category(span: Span) -> str | None:
    head = _adjacent_head(span.doc, span.start, span.end)
    if head is None:
        return None
    return _category(_head_word(head), [t.lower_ for t in span.doc[span.end : head.i]])


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
    head = None
    for token in doc[end : min(sent_end, end + 7)]:
        if not (_in_hyphen_group(token) or token.tag_ in ("NN", "NNS", "JJ", "NNP")):
            break
        if _head_word(token) is not None:
            head = token
    return head


def _in_hyphen_group(token: Token) -> bool:
    doc = token.doc
    after = token.i + 1 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
    before = token.i > 0 and not doc[token.i - 1].whitespace_ and doc[token.i - 1].text == "-"
    return token.text == "-" or after or before


def _class_end(doc: Doc, mention: _Mention) -> int:
    head = _adjacent_head(doc, mention.start, mention.end)
    return head.i + 1 if head is not None else mention.end


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


def _class_mentions(doc: Doc, covered: set[int]) -> list[_Mention]:
    mentions = []
    for token in doc:
        word = _head_word(token)
        if word is None or token.i in covered or not _is_phrase_head(token):
            continue
        start = _modifier_start(token)
        modifiers = [t.lower_ for t in doc[start : token.i] if t.text != "-"]
        if _is_non_weapon(doc, start, token) or not _qualifies(word, modifiers) or _of_another_kind(doc, start, token):
            continue
        if not modifiers and _is_anaphoric(token):
            continue
        proper = _proper_name_before(doc, start)
        if proper is not None:
            mentions.append(_Mention(proper.text, _category(word, modifiers), None, proper.start, token.i + 1, token.i))
            partner = token.head  # "Griffon and Serval armoured vehicles": the name the class is coordinated with
            if (
                token.dep_ == "conj"
                and partner.i < proper.start
                and partner.i not in covered
                and _is_name_word(partner)
            ):
                mentions.append(
                    _Mention(partner.text, _category(word, modifiers), None, partner.i, partner.i + 1, partner.i)
                )
            continue
        name = _class_name(doc[start : token.i + 1])
        mentions.append(_Mention(name, _category(word, modifiers), None, start, token.i + 1, token.i))
    return mentions


def _is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a system's proper name (not a country, people, place or title)."""
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and token.tag_ in ("NNP", "NNPS")
        and not token.is_sent_start
        and token.ent_type_ not in ("GPE", "NORP", "LOC", "FAC", "DATE")
        and token.i not in spans_at(token.doc, "titles")
        and token.text not in NOT_SYSTEM_NAMES
    )


def _proper_name_before(doc: Doc, start: int) -> Span | None:
    """The system's own name in front of its class ("Sherman tanks", "Jaguar fighter jets") -> "Sherman"."""
    first = start
    while first > doc[start].sent.start and _is_name_word(doc[first - 1]):
        first -= 1
    if first == start or is_headline_case(doc[start].sent):
        return None
    return doc[first:start]


def _proper_system_mentions(doc: Doc, covered: set[int]) -> list[_Mention]:
    """A title-cased name ending in a weapon noun ("Evolved Sea Sparrow Missile", "Glide Phase Interceptor").

    The run must end at the weapon noun: "Missile Defense Agency" goes on, so it names an organisation."""
    mentions = []
    for token in doc:
        word = _head_word(token)
        if (
            word is None
            or token.i in covered
            or not token.is_title
            or token.is_sent_start
            or is_headline_case(token.sent)
        ):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_title and not following.is_sent_start:
            continue
        first = token.i
        while (
            first > token.sent.start
            and doc[first - 1].is_title
            and doc[first - 1].is_alpha
            and not doc[first - 1].is_sent_start
            and doc[first - 1].i not in covered
            and doc[first - 1].ent_type_ not in ("GPE", "LOC", "DATE")
        ):
            first -= 1
        if token.i - first < 1 or all(t.ent_type_ == "NORP" for t in doc[first : token.i]) or first - 1 in covered:
            continue
        name = re.sub(r"s$", "", doc[first : token.i + 1].text)
        mentions.append(_Mention(name, HEADS.get(word), None, first, token.i + 1, token.i))
    return mentions


def _is_anaphoric(token: Token) -> bool:
    """ "the missile" or "this tank": a reference back to a system named before, not a class."""
    return token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _is_phrase_head(token: Token) -> bool:
    if not token.tag_.startswith("NN") or token.ent_type_ in BLOCKING_ENTS:
        return False
    if token.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.tag_ in ("NN", "NNS") and following.ent_type_ not in BLOCKING_ENTS:
        return False
    return not _is_coordinated_modifier(token)


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
    doc = head.doc
    start = head.i
    while start > head.sent.start:
        group = _hyphen_group(doc, start - 1)
        if not _accept_group(doc, group, start):
            break
        start = group[0]
    return start


def _hyphen_group(doc: Doc, end: int) -> list[int]:
    indices = [end]
    while (
        indices[0] > 0
        and not doc[indices[0] - 1].whitespace_
        and (doc[indices[0]].text == "-" or doc[indices[0] - 1].text == "-")
    ):
        indices.insert(0, indices[0] - 1)
    return indices


def _accept_group(doc: Doc, group: list[int], next_start: int) -> bool:
    words = [doc[i].lower_ for i in group if doc[i].text != "-"]
    if not words:
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
    before = doc[head.i - 1].lower_ + " " if head.i > 0 else ""
    pairs = {before + head.lower_, before + head.lemma_.lower()}  # "fuel tanks" as "fuel tank"
    return bool(pairs & NON_WEAPON) or doc[start : head.i + 1].text.lower() in NON_WEAPON


def _qualifies(word: str, modifiers: list[str]) -> bool:
    if HEADS[word] is not None or any(CALIBRE.match(m) or m == "mm" for m in modifiers):
        return True
    return any(m not in WEAK_MODIFIERS and (m in MODIFIERS or m in HEADS) for m in modifiers)


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
    for mention in mentions:
        head = doc[mention.head]
        how = appearance(head)
        weapon = Weapon(
            name=mention.name,
            context=how,
            category=mention.category,
            country=mention.country or owner_country(head),
            event=event_for(head, context.events, document.id) if how == "displayed" else None,
            evidence=(sentence_evidence(document.id, head.sent),),
            confidence=0.8 if mention.country or mention.name[:1].isupper() else 0.6,
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
    )
