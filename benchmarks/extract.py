"""Extraction cost on real article text (../shared/corpus/real/dev), measured against a baseline in the same run.

1. Throughput: our pipeline and extractors over the dev articles, against a plain `nlp.pipe` of the same model.
   Target: ours/plain >= 0.85.
2. Linear in article length: one article built by concatenating dev articles to N, 2N, 4N and 8N words; the time of
   extraction alone (after parsing), best of a few runs. Target: each doubling at most ~2.0x the time.

Usage: python benchmarks/extract.py [--rounds R] [--tokens N] [--doublings D] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import math
import pstats
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import spacy
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer

from briefings.clean import clean_document
from briefings.corpus import iter_raw_documents
from briefings.extract import DocContext, attendees, events, extract_document, figures, quotes, recommendations, weapons
from briefings.ingest import PIPE_BATCH
from briefings.models import Document, RawDocument
from briefings.nlp import spans
from briefings.nlp.pipeline import default_model_name, load_pipeline

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "dev"
THROUGHPUT_TARGET = 0.85  # the bar: our components and rules may cost at most ~15% over a plain parse
DOUBLING_TARGET = 2.0  # linear: twice the text, at most twice the time (a little over is timer noise)
EXTRACTORS: dict[str, Callable[[Doc, DocContext], Iterable[object]]] = {
    "attendees": attendees.extract_attendees,
    "weapons": weapons.extract_weapons,
    "recommendations": recommendations.extract_recommendations,
    "figures": figures.extract_figures,
    "quotes": quotes.extract_quotes,
}


def dev_documents() -> list[Document]:
    """The dev articles, cleaned as ingest cleans them."""
    raws = [r for r in iter_raw_documents(DEV) if isinstance(r, RawDocument)]
    return [clean_document(r, root=DEV) for r in raws]


def throughput(documents: list[Document], rounds: int) -> None:
    """Words per second of a plain parse and of our pipeline plus extractors, best of `rounds`, in wall-clock and
    in CPU seconds of this process (the steadier of the two on a machine shared with other work)."""
    words = sum(len(d.text.split()) for d in documents)
    nlp, plain = load_pipeline(None), spacy.load(default_model_name())
    best = {"plain": [float("inf"), float("inf")], "ours": [float("inf"), float("inf")]}
    facts = 0
    for _ in range(rounds):
        with Timer() as base:
            cpu = time.process_time()
            for _doc in plain.pipe([d.text for d in documents], batch_size=PIPE_BATCH):
                pass
            base_cpu = time.process_time() - cpu
        with Timer() as ours:
            cpu = time.process_time()
            pairs = nlp.pipe([(d.text, d) for d in documents], as_tuples=True, batch_size=PIPE_BATCH)
            facts = sum(_fact_count(extract_document(doc, d)) for doc, d in pairs)
            ours_cpu = time.process_time() - cpu
        for name, seconds in (("plain", (base.seconds, base_cpu)), ("ours", (ours.seconds, ours_cpu))):
            best[name] = [min(old, new) for old, new in zip(best[name], seconds, strict=True)]
    (plain_wall, plain_cpu), (ours_wall, ours_cpu) = best["plain"], best["ours"]
    print(f"{len(documents)} dev articles, {words} words, {facts} facts (best of {rounds} rounds)")
    print(f"plain nlp.pipe ({default_model_name()}, pipes {plain.pipe_names}):")
    print(f"    {words / plain_wall:.0f} words/s wall-clock, {words / plain_cpu:.0f} words/s of CPU")
    print(f"our pipeline + extractors (pipes {nlp.pipe_names}):")
    print(f"    {words / ours_wall:.0f} words/s wall-clock, {words / ours_cpu:.0f} words/s of CPU")
    print(
        f"ratio ours/plain: {plain_wall / ours_wall:.2f} wall-clock, {plain_cpu / ours_cpu:.2f} CPU "
        f"(target >= {THROUGHPUT_TARGET:.2f})"
    )


def _fact_count(facts) -> int:
    return sum(len(getattr(facts, k)) for k in ("events", "attendees", "weapons", "recommendations"))


def long_article(documents: list[Document], words: int) -> Document:
    """One article of at least `words` words: dev articles one after another, repeated if need be."""
    parts, count, i = [], 0, 0
    while count < words:
        text = documents[i % len(documents)].text
        parts.append(text)
        count += len(text.split())
        i += 1
    return replace(documents[0], text="\n".join(parts))


def extraction_seconds(doc, document: Document, rounds: int) -> dict[str, float]:
    """Best-of-`rounds` CPU seconds of each extractor on a parsed doc (events first: the others attach to them).

    CPU time of this process, not wall-clock time, so other work on a shared machine does not blur the ratios."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        spans.forget(doc)  # each round builds the per-document lookups again, as an ingest does
        context = DocContext(document=document)
        started = time.process_time()
        found = tuple(events.extract_events(doc, context))
        times = {"events": time.process_time() - started}
        context = DocContext(document=document, events=found)
        for name, extractor in EXTRACTORS.items():
            started = time.process_time()
            list(extractor(doc, context))
            times[name] = time.process_time() - started
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    return best


def doubling(documents: list[Document], tokens: int, doublings: int, rounds: int, profile: bool) -> None:
    """Extraction time of one ever longer article; each doubling's ratio and each extractor's share."""
    nlp = load_pipeline(None)
    previous, points = None, []
    for step in range(doublings + 1):
        document = long_article(documents, tokens * 2**step)
        with Timer() as parse:
            doc = nlp(document.text)
        times = extraction_seconds(doc, document, rounds)
        total = sum(times.values())
        ratio = _growth(previous, (len(doc), total))
        shares = ", ".join(f"{k} {v:.2f}" for k, v in times.items())
        print(f"{len(doc):7d} tokens: parse {parse.seconds:6.2f} s, extract {total:6.2f} s CPU {ratio}  ({shares})")
        previous = (len(doc), total)
        points.append((len(doc), total))
        if profile and step == doublings:
            _profile(doc, document)
    if len(points) < 2:
        return
    (first_tokens, first), (last_tokens, last) = points[0], points[-1]
    exponent = math.log(last / first) / math.log(last_tokens / first_tokens)
    print(f"target: each doubling at most x{DOUBLING_TARGET:.1f}; overall time ~ tokens^{exponent:.2f} (1 is linear)")


def _growth(previous: tuple[int, float] | None, current: tuple[int, float]) -> str:
    """The time's growth over the step before, and the same per token (the articles' lengths only nearly double)."""
    if previous is None:
        return "  -             "
    (tokens_before, before), (tokens, seconds) = previous, current
    return f"x{seconds / before:.2f} (x{(seconds / tokens) / (before / tokens_before):.2f} per token)"


def _profile(doc, document: Document) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(extract_document, doc, document)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each measurement; the best is kept")
    parser.add_argument("--tokens", type=int, default=5000, help="words of the shortest long article")
    parser.add_argument("--doublings", type=int, default=3, help="how many times its length doubles")
    parser.add_argument("--profile", action="store_true", help="cProfile the extraction of the longest article")
    parser.add_argument("--skip-throughput", action="store_true", help="only the length-doubling measurement")
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"skipped: {DEV} is absent (the benchmark reads real article text from ../shared)")
        return
    documents = dev_documents()
    if not args.skip_throughput:
        throughput(documents, args.rounds)
    doubling(documents, args.tokens, args.doublings, args.rounds, args.profile)


if __name__ == "__main__":
    main()
