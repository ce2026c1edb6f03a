"""Ingest throughput (words/s) with 1 and 2 workers side by side over the same corpus in the same run, beside a plain
`nlp.pipe` of the same texts, and the time to re-ingest the unchanged corpus.

The corpus is the real dev text (../shared/corpus/real/dev) when present, else the bundled examples (repeated with
--copies). Model loading is not in words/s: the one-worker run is given a loaded model, and the workers of the
two-worker run are started and have loaded theirs before the clock starts; both load times are printed beside.

Usage: python benchmarks/ingest.py [--corpus FOLDER] [--copies N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Timer

from briefings.config import load_settings
from briefings.ingest import PIPE_BATCH, IngestReport, ingest_folder
from briefings.nlp.pipeline import load_pipeline
from briefings.store import Store
from briefings.workers import WorkerPool

REAL_DEV = ROOT.parent / "shared" / "corpus" / "real" / "dev"
EXAMPLES = ROOT / "examples" / "corpus"


def corpus_folder(wanted: Path | None, copies: int, tmp: Path) -> Path:
    """The folder to ingest: the one asked for, the real dev text, else `copies` copies of the examples."""
    if wanted is not None:
        return wanted
    if REAL_DEV.is_dir():
        return REAL_DEV
    folder = tmp / "examples"
    for n in range(copies):
        shutil.copytree(EXAMPLES, folder / f"copy-{n}")
    return folder


def timed_ingest(corpus: Path, data: Path, loader, workers) -> tuple[float, IngestReport, Store]:
    settings = load_settings({"DATA_DIR": str(data)})
    store = Store(settings.database_url)
    with Timer() as clock:
        report = ingest_folder(store, corpus, loader, settings, workers=workers)
    return clock.seconds, report, store


def one_round(corpus: Path, tmp: Path, n: int) -> tuple[float, float, IngestReport, Store, float, float]:
    """Seconds with 1 worker and with 2 (models loaded before), the report, the store, the workers' start and the
    CPU seconds this process spent in the 2-worker run (the part workers cannot share: hashing, saving, merging)."""
    nlp = load_pipeline(None)
    alone, report, store = timed_ingest(corpus, tmp / f"one-{n}", lambda: nlp, 1)
    loader = partial(load_pipeline, None)
    pool: WorkerPool = WorkerPool(2, loader)
    with pool:
        with Timer() as start:
            pool.warm_up()
        parent_cpu = time.process_time()
        pair, shared, _ = timed_ingest(corpus, tmp / f"two-{n}", loader, pool)
        parent_cpu = time.process_time() - parent_cpu
    if shared.counts() != report.counts():
        raise SystemExit(f"1 and 2 workers disagree: {report.counts()} vs {shared.counts()}")
    return alone, pair, report, store, start.seconds, parent_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder to ingest (default: real dev text, else the examples)")
    parser.add_argument("--copies", type=int, default=20, help="copies of the examples when there is no dev text")
    parser.add_argument("--rounds", type=int, default=1, help="measure 1 then 2 workers this many times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_folder(args.corpus, args.copies, Path(tmp))
        with Timer() as load:
            nlp = load_pipeline(None)
        rounds = [one_round(corpus, Path(tmp), n) for n in range(args.rounds)]
        store, report = rounds[-1][3], rounds[-1][2]
        texts = [d.text for d in store.documents()]
        words = sum(len(t.split()) for t in texts)
        with Timer() as baseline:
            for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):
                pass
        with Timer() as again:
            unchanged = ingest_folder(store, corpus, lambda: nlp, load_settings({"DATA_DIR": tmp}))
    print(f"corpus: {corpus} - {report.documents} documents, {words} words ({report.added} files); {_load_note()}")
    print(
        f"model load: {load.seconds:.1f} s in this process; 2 workers started and loaded theirs in " + _starts(rounds)
    )
    for alone, pair, _, _, _, parent_cpu in rounds:
        print(
            f"ingest words/s (read, clean, dedup, parse, extract, save, merge): 1 worker {words / alone:.0f} "
            f"({alone:.1f} s), 2 workers {words / pair:.0f} ({pair:.1f} s); ratio 2/1 = {alone / pair:.2f}; "
            f"the parent's own CPU in the 2-worker run: {parent_cpu:.1f} s"
        )
    print(
        f"plain nlp.pipe of the same texts, 1 process: {words / baseline.seconds:.0f} words/s "
        f"({baseline.seconds:.1f} s)"
    )
    print(f"re-ingest of the unchanged corpus: {again.seconds * 1000:.0f} ms ({unchanged.unchanged} files unchanged)")


def _starts(rounds: list) -> str:
    return ", ".join(f"{r[4]:.1f} s" for r in rounds) + " (not in words/s)"


def _load_note() -> str:
    """The machine's load, since other processes share its cores."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.1f} (1 min) {five:.1f} (5 min) at the end"


if __name__ == "__main__":
    main()
