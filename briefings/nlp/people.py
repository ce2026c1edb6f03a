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

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from briefings.nlp.spans import is_headline_case

CUT_TOKENS = {"'s", "’s", ":", "'", "’", "\n", "—", "–", "|"}
RELABELLED = {"GPE", "ORG", "NORP", "PRODUCT", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW"}
POSSESSIVE = {"'s", "’s", "'", "’"}
OFFICE_WORDS = {
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
}
LIST_DASHES = {"–", "—", "-", ":"}
LIST_BULLETS = {"-", "–", "—", "*", "•", "·", "▪", "●", "◦", "‣"}
NAME_END = {",", "(", ";", "\n"}


def _trimmed(span: Span, title_tokens: set[int]) -> Span | None:
    """The span cut at a possessive/colon, without leading function words, titles or trailing punctuation."""
    doc, start, end = span.doc, span.start, span.end
    for token in span:
        if token.text in CUT_TOKENS or token.is_space:
            end = token.i
            break
    while (
        start < end
        and (doc[start].is_stop or not doc[start].text[:1].isupper() or start in title_tokens)
        and end - start > 1
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVE):
        end -= 1
    if end <= start or not doc[start].text[:1].isupper():
        return None
    return Span(doc, start, end, label="PERSON")


def _extended_left(span: Span, title_tokens: set[int], title_ends: set[int], taken: set[int]) -> Span:
    """Take in untagged given names ("Samia Suluhu" + "Hassan") and a word between a title and the name ("Secretary To Lam")."""
    doc, start = span.doc, span.start
    while start >= 1 and _is_loose_name_word(doc[start - 1], title_tokens | taken):
        start -= 1
    before = start - 1
    if before >= 1 and before not in taken | title_tokens and doc[before].is_title and not doc[before].is_sent_start:
        if before - 1 in title_ends:
            start = before
    return Span(doc, start, span.end, label="PERSON") if start != span.start else span


def _extended_right(span: Span, taken: set[int]) -> Span:
    """Take in the surname the model left out when the name's words hang on it ("Pham Minh" + "Chinh")."""
    doc, end = span.doc, span.end
    while (
        end < len(doc)
        and end not in taken
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].is_sent_start
        and doc[end - 1].dep_ in ("compound", "flat")
        and doc[end - 1].head.i == end
    ):
        end += 1
    return Span(doc, span.start, end, label="PERSON") if end != span.end else span


def _titled_untagged_names(doc: Doc, covered: set[int], title_ends: set[int]) -> list[Span]:
    """Two to four capitalised words right after a title that the model left untagged ("General Secretary To Lam").

    Mid-sentence capitals after a title mark a name even when a word looks like a function word ("To");
    headline-cased sentences are skipped, since every word is capitalised there."""
    found = []
    for end in sorted(title_ends):
        i = end + 1
        run = []
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
        if len(run) >= 2 and doc[run[-1]].pos_ == "PROPN" and not continues and not is_headline_case(doc[run[0]].sent):
            found.append(Span(doc, run[0], run[-1] + 1, label="PERSON"))
    return found


def _names_an_office(span: Span) -> bool:
    """ "Joint Chiefs (of Staff)", "General Staff": a body or office the model took for a person."""
    return span[-1].lemma_.lower() in OFFICE_WORDS or span[-1].lower_ in OFFICE_WORDS


def _list_line_names(doc: Doc, title_tokens: set[int], places: set[int]) -> tuple[list[Span], set[int]]:
    """List lines "- Country – [Title] Full Name[, description]": the words after the dash and the title are a person.

    Returns the persons and the tokens of the line's left side (a country or body, never a person itself)."""
    persons, left_sides = [], set()
    for sent in doc.sents:
        if sent[0].text not in LIST_BULLETS:
            continue
        dash = next(
            (t.i for t in sent[2:] if t.text in LIST_DASHES and t.whitespace_ and doc[t.i - 1].whitespace_), None
        )
        if dash is None:
            continue
        left = [t for t in doc[sent.start + 1 : dash] if t.is_alpha]
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
            left_sides.update(range(sent.start + 1, dash))
    return persons, left_sides


def _is_loose_name_word(token: Token, excluded: set[int]) -> bool:
    return token.i not in excluded and token.pos_ == "PROPN" and token.is_title and not token.is_stop


def _name_words(persons: list[Span]) -> set[str]:
    """First and last words of the multi-word person names in the document."""
    words = set()
    for span in persons:
        if len(span) >= 2:
            words.update({span[0].text, span[-1].text})
    return words


def _is_short_name(token: Token, names: set[str], places: set[int]) -> bool:
    return token.text in names and token.is_title and token.i not in places


def _looks_like_listed_person(span: Span, title_ends: set[int], person_roots: set[int], places: set[int]) -> bool:
    """A multi-word proper name right after a title, or conjoined with a person ("Putin and Ukhnaagiin Khurelsukh")."""
    if (
        len(span) < 2
        or _names_an_office(span)
        or any(t.i in places or not t.text[:1].isupper() for t in span if t.is_alpha)
    ):
        return False
    if span.start - 1 in title_ends:
        return True
    root = span.root
    linked = ("conj", "appos")
    return (root.dep_ in linked and root.head.i in person_roots) or any(
        c.dep_ in linked and c.i in person_roots for c in root.children
    )


def _untagged_listed_names(doc: Doc, covered: set[int], title_ends: set[int], person_roots: set[int]) -> list[Span]:
    """Runs of two or more capitalised proper nouns the model left untagged, in a list of people or after a title."""
    found, i = [], 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and j not in covered
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and (j == i or not doc[j].is_sent_start)
        ):
            j += 1
        if j - i >= 2 and _looks_like_listed_person(Span(doc, i, j), title_ends, person_roots, set()):
            found.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return found


def _split_titled_names(others: list[Span], title_ends: set[int], places: set[int]) -> tuple[list[Span], list[Span]]:
    """An ORG/NORP/... span holding a title and then proper nouns ("Kazakh President Kassym-Jomart Tokayev"): the words after the title are a person."""
    kept, persons = [], []
    for ent in others:
        inner = [i for i in range(ent.start, ent.end - 1) if i in title_ends]
        tail = Span(ent.doc, inner[-1] + 1, ent.end, label="PERSON") if inner and ent.label_ in RELABELLED else None
        words = [t for t in tail if t.is_alpha] if tail is not None else []
        if len(words) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.i not in places for t in words):
            persons.append(tail)
        else:
            kept.append(ent)
    return kept, persons


def repair_persons(doc: Doc) -> Doc:
    """Rewrite doc.ents with repaired PERSON spans (see the module docstring)."""
    titles = list(doc.spans["titles"]) if "titles" in doc.spans else []
    title_tokens = {i for span in titles for i in range(span.start, span.end)}
    title_ends = {span.end - 1 for span in titles}
    places = {
        i
        for group in ("countries", "places")
        if group in doc.spans
        for s in doc.spans[group]
        for i in range(s.start, s.end)
    }
    listed, left_sides = _list_line_names(doc, title_tokens, places)
    places = places | left_sides
    others, persons = [], list(listed)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and (
            any(i in left_sides for i in range(ent.start, ent.end)) or _names_an_office(ent)
        ):
            others.append(Span(doc, ent.start, ent.end, label="ORG"))
            continue
        if ent.label_ == "PERSON":
            fixed = _trimmed(ent, title_tokens)
            if fixed is not None:
                persons.append(fixed)
        else:
            others.append(ent)
    place_spans = {
        (s.start, s.end) for group in ("countries", "places") if group in doc.spans for s in doc.spans[group]
    }
    persons = [span for span in persons if (span.start, span.end) not in place_spans]
    taken = {i for span in others + persons for i in range(span.start, span.end)} | places
    persons = [_extended_left(span, title_tokens, title_ends, taken) for span in persons]
    persons = [_extended_right(span, taken - set(range(span.start, span.end))) for span in persons]
    others, titled = _split_titled_names(others, title_ends, places)
    persons.extend(titled)
    names = _name_words(persons)
    kept = others
    for _ in range(3):  # a list of names can chain: A, B and C
        person_roots = {span.root.i for span in persons}
        remaining = []
        for ent in kept:
            core = ent[:-1] if len(ent) > 1 and ent[-1].text in POSSESSIVE else ent
            if ent.label_ in RELABELLED and (
                (len(core) == 1 and _is_short_name(core[0], names, places))
                or _looks_like_listed_person(core, title_ends, person_roots, places)
            ):
                persons.append(Span(doc, core.start, core.end, label="PERSON"))
            else:
                remaining.append(ent)
        if len(remaining) == len(kept):
            break
        kept = remaining
    covered = {i for span in kept + persons for i in range(span.start, span.end)}
    persons.extend(
        _untagged_listed_names(
            doc,
            covered | places | {i for s in titles for i in range(s.start, s.end)},
            title_ends,
            {span.root.i for span in persons},
        )
    )
    covered = {i for span in kept + persons for i in range(span.start, span.end)}
    persons.extend(_titled_untagged_names(doc, covered | places | title_tokens, title_ends))
    covered = {i for span in kept + persons for i in range(span.start, span.end)}
    for token in doc:
        if token.i not in covered and token.pos_ == "PROPN" and _is_short_name(token, names, places):
            persons.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    doc.ents = filter_spans(kept + _merged_adjacent(filter_spans(persons)))
    return doc


def _merged_adjacent(persons: list[Span]) -> list[Span]:
    """Two PERSON spans with nothing between them are one name the model cut in two ("Samia Suluhu" "Hassan")."""
    merged: list[Span] = []
    for span in sorted(persons, key=lambda s: s.start):
        if merged and merged[-1].end == span.start and not span[0].is_sent_start:
            merged[-1] = Span(span.doc, merged[-1].start, span.end, label="PERSON")
        else:
            merged.append(span)
    return merged


@Language.component("person_repair")
def person_repair(doc: Doc) -> Doc:
    """Pipeline component wrapping repair_persons (add it after ner and the gazetteer)."""
    return repair_persons(doc)
