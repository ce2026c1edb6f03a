"""Near-duplicates are found through the store's table of signature bands: an ingest compares a new article only
with the stored originals that share a band, and never loads every stored signature."""

from __future__ import annotations

from datetime import date

from briefings.dedup import BandedLookup, signature
from briefings.models import DocFacts, Document
from briefings.store import FileState, Store
from briefings.store.database import StoredDocument

WIRE = (
    "The defence ministry said on Tuesday that a new coastal radar network would be finished before the winter, "
    "after a year of trials along the northern shore, and that the contract for its maintenance would go to a "
    "consortium of three local firms chosen in an open tender, the first such tender the ministry has run since "
    "its procurement rules changed. Officials declined to give the cost of the network or the number of stations."
)
REWRITE = "Radar network due by winter. " + WIRE + " Reporting by our correspondent."


def filler(n: int) -> str:
    words = " ".join(f"word{n}x{k}" for k in range(80))
    return f"Unrelated report {n} about harvests and rail timetables in province {n}. {words}"


def save(store: Store, doc_id: str, text: str) -> None:
    document = Document(
        id=doc_id, path=f"/c/{doc_id}.txt", title=None, text=text, content_hash=doc_id, published=date(2025, 9, 1)
    )
    store.save_file(
        f"/c/{doc_id}.txt", FileState(doc_id, 0.0, 0), [StoredDocument(document, signature(text), DocFacts())]
    )


def test_a_rewritten_wire_story_is_found_among_the_stored_originals_by_its_bands(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    for n in range(40):
        save(store, f"filler-{n}", filler(n))
    save(store, "wire", WIRE)
    compared: list[int] = []

    def candidates(bands: list[int], exclude: str | None) -> list[tuple[str, list[int]]]:
        found = store.duplicate_candidates(bands, exclude)
        compared.append(len(found))
        return found

    lookup = BandedLookup(candidates)
    assert lookup.find(signature(REWRITE)) == "wire"
    assert compared == [1], "only the original sharing a band is compared, not the 40 others"
    assert lookup.find(signature(filler(99))) is None
    assert lookup.find(signature(WIRE), exclude="wire") is None, "a re-read article is not its own duplicate"

    store.remove_files(["/c/wire.txt"])
    assert BandedLookup(store.duplicate_candidates).find(signature(REWRITE)) is None, "its bands left with it"
    store.close()


def test_an_original_of_this_run_is_found_before_it_is_stored(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    lookup = BandedLookup(store.duplicate_candidates)
    lookup.add("wire", signature(WIRE))
    assert lookup.find(signature(REWRITE)) == "wire"
    store.close()
