"""Near-duplicate detection: MinHash signatures of 5-word shingles, compared by estimated containment.

A signature is `[number of shingles, min-hash 1, ..., min-hash 128]`: plain ints, JSON-ready, fixed
length. Storing the shingle count lets `similarity` turn the Jaccard estimate into containment, so a
wire story republished with a new headline and an outlet's tail still matches its original, while
two articles about the same event in different words share too few 5-word runs to match.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

SHINGLE_WORDS = 5
NUM_HASHES = 128
SIGNATURE_LENGTH = NUM_HASHES + 1
DUPLICATE_THRESHOLD = 0.6
MIN_SHINGLES_FOR_CONTAINMENT = 30
PRIME = 4294967311  # the first prime above 2**32: (a * h + b) stays below 2**64
MAX_HASH = (1 << 32) - 1
CHUNK = 4096
BAND_ROWS = 2
WORD = re.compile(r"\w+")

_generator = np.random.default_rng(20251015)
_A = _generator.integers(1, MAX_HASH, size=(NUM_HASHES, 1), dtype=np.uint64)
_B = _generator.integers(0, MAX_HASH, size=(NUM_HASHES, 1), dtype=np.uint64)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of every run of `size` consecutive words (case and punctuation ignored)."""
    words = WORD.findall(text.casefold())
    if not words:
        return set()
    runs = (" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))
    return {int.from_bytes(hashlib.blake2b(run.encode("utf-8"), digest_size=4).digest(), "big") for run in runs}


def signature(text: str) -> list[int]:
    """The text's fixed-length MinHash signature: shingle count, then NUM_HASHES minimum hashes."""
    hashes = shingles(text)
    if not hashes:
        return [0] + [MAX_HASH] * NUM_HASHES
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    minima = np.full(NUM_HASHES, MAX_HASH, dtype=np.uint64)
    for start in range(0, len(values), CHUNK):
        permuted = (_A * values[start : start + CHUNK] + _B) % np.uint64(PRIME) & np.uint64(MAX_HASH)
        minima = np.minimum(minima, permuted.min(axis=1))
    return [len(hashes)] + [int(m) for m in minima]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated share of the smaller text's shingles found in the other (Jaccard for very short texts); 0..1."""
    if len(a) != SIGNATURE_LENGTH or len(b) != SIGNATURE_LENGTH or not a[0] or not b[0]:
        return 0.0
    jaccard = sum(1 for x, y in zip(a[1:], b[1:], strict=True) if x == y) / NUM_HASHES
    smaller = min(a[0], b[0])
    if smaller < MIN_SHINGLES_FOR_CONTAINMENT:
        return jaccard
    shared = jaccard * (a[0] + b[0]) / (1 + jaccard)
    return min(1.0, shared / smaller)


def is_duplicate(a: list[int], b: list[int]) -> bool:
    """True when the two signatures are near-duplicates."""
    return similarity(a, b) >= DUPLICATE_THRESHOLD


def find_duplicate(sig: list[int], candidates: Iterable[tuple[str, list[int]]]) -> str | None:
    """The id of the first (earliest stored) candidate that `sig` near-duplicates, or None."""
    for candidate_id, candidate_sig in candidates:
        if is_duplicate(sig, candidate_sig):
            return candidate_id
    return None


class DuplicateIndex:
    """Signatures bucketed by LSH bands, so a lookup compares only candidates sharing a band (fast on big corpora)."""

    def __init__(self, items: Iterable[tuple[str, list[int]]] = ()):
        self._signatures: dict[str, list[int]] = {}
        self._order: dict[str, int] = {}
        self._buckets: dict[tuple, list[str]] = defaultdict(list)
        for doc_id, sig in items:
            self.add(doc_id, sig)

    def add(self, doc_id: str, sig: list[int]) -> None:
        """Index one signature; signatures of another length or of empty texts are ignored."""
        if len(sig) != SIGNATURE_LENGTH or not sig[0] or doc_id in self._signatures:
            return
        self._signatures[doc_id] = sig
        self._order[doc_id] = len(self._order)
        for key in _band_keys(sig):
            self._buckets[key].append(doc_id)

    def find(self, sig: list[int], exclude: str | None = None) -> str | None:
        """Like find_duplicate over everything added, earliest added first.

        `exclude` skips one id (the document itself)."""
        if len(sig) != SIGNATURE_LENGTH:
            return None
        candidates = {doc_id for key in _band_keys(sig) for doc_id in self._buckets.get(key, ())}
        candidates.discard(exclude)
        ranked = ((doc_id, self._signatures[doc_id]) for doc_id in sorted(candidates, key=self._order.__getitem__))
        return find_duplicate(sig, ranked)

    def __len__(self) -> int:
        return len(self._signatures)


class BandedLookup:
    """Near-duplicate lookups against originals kept elsewhere (the store's band table), plus the originals added
    during this run. `candidates(bands, exclude)` returns the stored (id, signature) pairs sharing any of the band
    hashes, earliest stored first, so only those are compared and nothing loads every stored signature."""

    def __init__(self, candidates: Callable[[list[int], str | None], list[tuple[str, list[int]]]]):
        self._candidates = candidates
        self._recent = DuplicateIndex()

    def add(self, doc_id: str, sig: list[int]) -> None:
        """An original found in this run (it is stored with its bands when its file is saved)."""
        self._recent.add(doc_id, sig)

    def find(self, sig: list[int], exclude: str | None = None) -> str | None:
        """The earliest stored original `sig` near-duplicates, else the earliest of this run's, else None."""
        if len(sig) != SIGNATURE_LENGTH or not sig[0]:
            return None
        return find_duplicate(sig, self._candidates(band_hashes(sig), exclude)) or self._recent.find(sig, exclude)


def band_hashes(sig: list[int]) -> list[int]:
    """One 63-bit integer per LSH band of a signature: what the store indexes to find candidates."""
    if len(sig) != SIGNATURE_LENGTH or not sig[0]:
        return []
    return [
        int.from_bytes(hashlib.blake2b(repr(key).encode(), digest_size=8).digest(), "big") >> 1
        for key in _band_keys(sig)
    ]


def _band_keys(sig: list[int]) -> list[tuple]:
    minima = sig[1:]
    return [(start, *minima[start : start + BAND_ROWS]) for start in range(0, NUM_HASHES, BAND_ROWS)]
