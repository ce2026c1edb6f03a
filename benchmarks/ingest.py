"""Ingest throughput (documents/s, words/s) beside a plain `nlp.pipe` over the same texts, measured in
the same run, and the time to re-ingest the unchanged corpus.

Usage: python benchmarks/ingest.py [--documents N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer, write_corpus

from briefings.config import load_settings
from briefings.ingest import PIPE_BATCH, ingest_folder
from briefings.nlp.pipeline import default_model_name, load_pipeline
from briefings.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, args.documents)
        settings = load_settings({"DATA_DIR": tmp})
        store = Store(settings.database_url)
        nlp = load_pipeline(settings.spacy_model)
        plain = spacy.load(default_model_name())
        with Timer() as first:
            report = ingest_folder(store, corpus, lambda: nlp, settings)
        texts = [d.text for d in store.documents()]
        words = sum(len(t.split()) for t in texts)
        with Timer() as baseline:
            for _ in plain.pipe(texts, batch_size=PIPE_BATCH):
                pass
        with Timer() as again:
            unchanged = ingest_folder(store, corpus, lambda: nlp, settings)
    print(f"corpus: {report.documents} documents, {words} words ({report.added} files)")
    print(
        f"ingest (read, clean, dedup, parse, extract, merge, store): {first.seconds:.2f} s = "
        f"{report.documents / first.seconds:.1f} docs/s, {words / first.seconds:.0f} words/s"
    )
    print(
        f"plain nlp.pipe of the same texts:                         {baseline.seconds:.2f} s = "
        f"{len(texts) / baseline.seconds:.1f} docs/s, {words / baseline.seconds:.0f} words/s"
    )
    print(f"ratio ingest/plain throughput: {baseline.seconds / first.seconds:.2f}")
    print(
        f"re-ingest of the unchanged corpus: {again.seconds * 1000:.0f} ms ({unchanged.unchanged} files unchanged, "
        f"{unchanged.added + unchanged.updated} parsed)"
    )


if __name__ == "__main__":
    main()
