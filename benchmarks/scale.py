"""Scale: a store of N synthetic articles' facts (no NLP), then what an analyst team feels at that size.

- refresh_s: adding one article's facts and merging (median of 5 additions; only the groups it touches are merged);
- brief_p95_ms: p95 over mixed /brief queries (empty, topic, person, weapon, time window, section, event) through
  the query layer, each a first page as the bot shows it (build_brief with a limit, rendered to HTML);
- brief_cold_s: a new process's first brief (open the store, query, render);
- rss_mb: the peak resident memory of that new process, after it also ran the mixed queries.

Usage: python benchmarks/scale.py --articles 100000 [--database-url URL] [--queries 60]
Targets at 100,000 articles: refresh_s <= 1, brief_p95_ms <= 100, brief_cold_s <= 2, rss_mb <= 500; at 1,000,000
each at most 3x its 100,000 figure. The last line printed is the figures, in one fixed format.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import CITIES, FIRST, LAST, WEAPONS, build_store, synthetic_document, synthetic_facts  # noqa: E402
from briefings.query import build_brief, parse_query  # noqa: E402
from briefings.render import render  # noqa: E402
from briefings.store import FileState, Store  # noqa: E402
from briefings.store.database import StoredDocument  # noqa: E402

PAGE = 5  # items per list on a brief's first page (the bot's EVENTS_PER_PAGE)
TODAY = date(2025, 6, 30)  # the synthetic articles run from 2023-01-01 for 900 days


def mixed_queries(count: int, seed: int = 5) -> list[str]:
    """Queries of every kind /brief takes, in a fixed random order."""
    rng = random.Random(seed)
    kinds = [
        lambda: "",
        lambda: rng.choice(CITIES),
        lambda: f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        lambda: rng.choice(LAST),
        lambda: rng.choice(WEAPONS),
        lambda: rng.choice(["7d", "2w", "30d", "since 2025-01-01"]),
        lambda: rng.choice(["weapons", "attendees", "recommendations", "figures", "quotes", "events"]),
        lambda: f"{rng.choice(['7d', '2w'])} {rng.choice(WEAPONS)}",
    ]
    return [kinds[n % len(kinds)]() for n in range(count)]


def one_brief(store: Store, text: str) -> str:
    brief = build_brief(store, parse_query(text, TODAY), limit=PAGE)
    return render(brief, "html", limit=PAGE)


def refresh_seconds(store: Store, articles: int, additions: int = 5) -> float:
    """Median seconds to save one more article and merge it in. New articles each time, numbered past those the
    store holds: a store reused by an earlier run already has that run's (saving one again, or the same article
    under another path, is a change, not an addition)."""
    rng = random.Random(99)
    timings = []
    first = 10 * articles + store.document_count()  # past every number a run (or a probe by hand) has used
    for n in range(additions):
        i = first + n
        document = synthetic_document(i)
        stored = StoredDocument(document, [], synthetic_facts(i, rng, document.id))
        started = time.perf_counter()
        store.save_file(f"/synthetic/extra-{i}", FileState(f"extra{i}", 0.0, 0), [stored])
        store.merge()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux keeps getrusage's maximum across exec (a child started by a big
    parent would report the parent's), so read the kernel's high-water mark of this process's own memory."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def cold_process(url: str, queries: int) -> None:
    """Run in a new process: the first brief's time, p95 of the mixed queries, and this process's peak memory."""
    started = time.perf_counter()
    store = Store(url)
    one_brief(store, "")
    cold = time.perf_counter() - started
    timings = []
    for text in mixed_queries(queries):
        started = time.perf_counter()
        one_brief(store, text)
        timings.append(time.perf_counter() - started)
    p95 = statistics.quantiles(timings, n=20)[18]
    rss_mb = peak_rss_mb()
    print(
        json.dumps(
            {"cold_s": cold, "p95_ms": p95 * 1000, "p50_ms": statistics.median(timings) * 1000, "rss_mb": rss_mb}
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database-url", help="an empty database to fill (default: a new SQLite file)")
    parser.add_argument(
        "--reuse", action="store_true", help="the database already holds the synthetic articles: measure only"
    )
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--cold", metavar="URL", help=argparse.SUPPRESS)  # the new process's part
    args = parser.parse_args()
    if args.cold:
        cold_process(args.cold, args.queries)
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'scale.sqlite3'}"
        started = time.perf_counter()
        if args.reuse:
            store = Store(url)
        else:
            store = build_store(url, args.articles)
            print(f"built a store of {args.articles} articles' facts in {time.perf_counter() - started:.0f} s")
        refresh = refresh_seconds(store, args.articles)
        store.close()
        answer = subprocess.run(
            [sys.executable, __file__, "--cold", url, "--queries", str(args.queries)],
            check=True,
            capture_output=True,
            text=True,
        )
        cold = json.loads(answer.stdout.strip().splitlines()[-1])
        print(
            f"targets at 100,000 articles: refresh_s <= 1, brief_p95_ms <= 100, brief_cold_s <= 2, rss_mb <= 500; "
            f"brief p50 {cold['p50_ms']:.0f} ms"
        )
        print(
            f"scale: articles={args.articles} refresh_s={refresh:.3f} brief_p95_ms={cold['p95_ms']:.1f} "
            f"brief_cold_s={cold['cold_s']:.2f} rss_mb={cold['rss_mb']:.0f}"
        )


if __name__ == "__main__":
    main()
