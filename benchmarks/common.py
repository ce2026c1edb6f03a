"""Shared pieces of the benchmarks: a synthetic corpus built from real article sentences, and timing."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "corpus" / "seeds"]


def sentence_pool() -> list[str]:
    """Sentences of the bundled example corpus (and the seeds when ../shared is present)."""
    pool = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.txt")) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8", errors="replace")
            pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    if not pool:
        raise SystemExit("no sentences found: the benchmark needs examples/corpus")
    return pool


def write_corpus(folder: Path, documents: int, sentences_per_document: int = 14, seed: int = 7) -> list[Path]:
    """A folder of articles, each a random draw of sentences (so no two are near-duplicates)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(documents):
        body = " ".join(rng.sample(pool, min(sentences_per_document, len(pool))))
        path = folder / f"article-{i:05d}.txt"
        path.write_text(f"Synthetic article {i}\nOctober {1 + i % 28}, 2025 | Wire\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


class Timer:
    """Wall-clock seconds of a with-block."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
