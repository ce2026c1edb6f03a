"""Near-duplicates: the same wire story lightly edited matches; two reports of one event do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.clean import clean_text
from briefings.corpus import read_file
from briefings.dedup import (
    DUPLICATE_THRESHOLD,
    SIGNATURE_LENGTH,
    DuplicateIndex,
    find_duplicate,
    is_duplicate,
    signature,
    similarity,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

WIRE = [
    "Norland stages harbour parade for navy anniversary",
    "VELMORA — Norland marked the 75th anniversary of its navy on Saturday with a parade along the Velmora waterfront, "
    "where President Aurel Danek reviewed columns of sailors and rolling missile launchers.",
    "Guests on the reviewing stand included Prime Minister Hedda Lund of Estmark and Defence Minister Karim Osei of "
    "Sundara, officials said, while envoys from twelve other countries watched from a second platform.",
    "The parade featured the Kestrel-4 coastal defence missile for the first time, along with patrol drones and two "
    "refurbished frigates anchored offshore.",
    "Danek told the crowd that the navy would double its patrols in the northern straits over the next two years.",
    "Analysts said the display was aimed at neighbours who have protested against new Norland bases on the islands "
    "of the outer chain.",
    "The ceremony ended with a flypast by eight jets trailing the national colours over the harbour.",
]

EDITED_COPY = [
    "Danek reviews sailors and missiles at Velmora parade",
    WIRE[1],
    WIRE[2],
    WIRE[3],
    "Danek told the crowd the navy would double patrols in the northern straits within two years, a promise he has "
    "made before.",
    WIRE[5],
    WIRE[6],
    "This story was distributed by the Northern Wire service and republished with permission by the Coastal Ledger.",
]

OTHER_REPORT = [
    "Missiles and frigates on show as Norland's navy turns 75",
    "Crowds lined the seafront in Velmora on Saturday to watch Norland's navy celebrate 75 years, with President "
    "Aurel Danek taking the salute from a stand above the quay.",
    "Estmark's prime minister, Hedda Lund, and Sundara's defence minister, Karim Osei, sat beside him, according to "
    "the presidential office, and diplomats from a dozen more states had seats nearby.",
    "For the first time the public saw the Kestrel-4, a missile built to defend the coast, and the navy also showed "
    "patrol drones while two frigates it has refitted lay at anchor.",
    "In his speech Danek promised that patrols in the northern straits would be doubled during the coming two years.",
    "Neighbouring governments, which object to the new bases Norland is building on the outer islands, were the real "
    "audience, according to regional security experts.",
    "Eight jets closed the event by flying over the harbour trailing smoke in the flag's colours.",
]


def text(lines: list[str]) -> str:
    return "\n".join(lines)


def test_signature_is_fixed_length_json_ready_and_deterministic():
    sig = signature(text(WIRE))
    assert len(sig) == SIGNATURE_LENGTH
    assert all(isinstance(v, int) for v in sig)
    assert json.loads(json.dumps(sig)) == sig
    assert signature(text(WIRE)) == sig
    assert len(signature("")) == SIGNATURE_LENGTH and len(signature("Short.")) == SIGNATURE_LENGTH


def test_case_and_punctuation_do_not_matter():
    assert similarity(signature(text(WIRE)), signature(text(WIRE).upper().replace(",", ""))) == 1.0


def test_lightly_edited_copy_is_a_duplicate():
    score = similarity(signature(text(WIRE)), signature(text(EDITED_COPY)))
    assert score >= DUPLICATE_THRESHOLD
    assert is_duplicate(signature(text(EDITED_COPY)), signature(text(WIRE)))


def test_copy_cut_short_or_carried_inside_a_roundup_is_a_duplicate():
    roundup = text(WIRE[1:] + OTHER_REPORT[1:] + ["In other news, the port's ferry timetable changes next week."])
    assert is_duplicate(signature(text(WIRE[:5])), signature(text(WIRE)))
    assert is_duplicate(signature(text(WIRE)), signature(roundup))


def test_another_report_of_the_same_parade_is_not_a_duplicate():
    score = similarity(signature(text(WIRE)), signature(text(OTHER_REPORT)))
    assert score < DUPLICATE_THRESHOLD / 2
    assert not is_duplicate(signature(text(EDITED_COPY)), signature(text(OTHER_REPORT)))


def test_empty_and_foreign_signatures_never_match():
    sig = signature(text(WIRE))
    assert similarity(signature(""), signature("")) == 0.0
    assert similarity(sig, sig[:-1]) == 0.0
    assert similarity(sig, [0] * SIGNATURE_LENGTH) == 0.0


def test_short_texts_need_near_identity():
    assert is_duplicate(
        signature("Danek reviewed the parade in Velmora today."),
        signature("Danek reviewed the parade in Velmora today!"),
    )
    assert not is_duplicate(signature("Danek reviewed the parade in Velmora today."), signature(text(WIRE)))


def test_find_duplicate_returns_the_earliest_match():
    candidates = [
        ("other-report", signature(text(OTHER_REPORT))),
        ("wire-original", signature(text(WIRE))),
        ("wire-second-copy", signature(text(EDITED_COPY))),
    ]
    assert find_duplicate(signature(text(EDITED_COPY)), candidates) == "wire-original"
    assert find_duplicate(signature(text(WIRE)), iter(candidates[2:])) == "wire-second-copy"
    assert find_duplicate(signature("An unrelated note about ferry timetables and fares."), candidates) is None
    assert find_duplicate(signature(text(WIRE)), []) is None


def test_seed_articles_are_not_duplicates_of_one_another():
    folder = SHARED / "corpus" / "seeds"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/seeds is not available")
    sigs = [signature(clean_text(read_file(p)[0].text).text) for p in sorted(folder.glob("*.txt"))]
    for i, a in enumerate(sigs):
        for b in sigs[i + 1 :]:
            assert similarity(a, b) < DUPLICATE_THRESHOLD / 2


def test_index_finds_what_find_duplicate_finds_and_skips_the_document_itself():
    items = [("other-report", signature(text(OTHER_REPORT))), ("wire-original", signature(text(WIRE)))]
    index = DuplicateIndex(items)
    copy = signature(text(EDITED_COPY))
    assert index.find(copy) == find_duplicate(copy, items) == "wire-original"
    assert index.find(signature(text(WIRE)), exclude="wire-original") is None
    index.add("wire-copy", copy)
    assert index.find(signature(text(WIRE)), exclude="wire-original") == "wire-copy"
    assert index.find(signature("An unrelated note about ferry timetables and fares.")) is None
    assert len(index) == 3


def test_index_on_many_unrelated_documents_still_finds_the_copy_quickly():
    fillers = [
        f"Report {n}: the {n}th harbour inspection found {n % 7} cracked bollards and {n % 5} loose ropes "
        f"near berth {n}, inspector number {n * 3} wrote after visit {n + 11}."
        for n in range(2000)
    ]
    index = DuplicateIndex((f"filler-{n}", signature(t)) for n, t in enumerate(fillers))
    index.add("wire-original", signature(text(WIRE)))
    assert index.find(signature(text(EDITED_COPY))) == "wire-original"
    assert index.find(signature(fillers[1234] + " Updated at noon.")) == "filler-1234"
