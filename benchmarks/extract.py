"""Extraction cost: our pipeline + extractors over the same texts as a plain `nlp.pipe` of the same model,
in the same run. Target: our words/s at least 0.8 of the plain parse.

Usage: python benchmarks/extract.py [--documents N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer, write_corpus

from briefings.clean import clean_document
from briefings.corpus import iter_raw_documents
from briefings.extract import extract_document
from briefings.ingest import PIPE_BATCH
from briefings.models import RawDocument
from briefings.nlp.pipeline import default_model_name, load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.documents)
        documents = [
            clean_document(r, root=Path(tmp)) for r in iter_raw_documents(Path(tmp)) if isinstance(r, RawDocument)
        ]
    words = sum(len(d.text.split()) for d in documents)
    nlp = load_pipeline(None)
    plain = spacy.load(default_model_name())
    ours_best, plain_best, facts = float("inf"), float("inf"), 0
    for _ in range(args.rounds):
        with Timer() as base:
            for _doc in plain.pipe([d.text for d in documents], batch_size=PIPE_BATCH):
                pass
        with Timer() as ours:
            pairs = nlp.pipe([(d.text, d) for d in documents], as_tuples=True, batch_size=PIPE_BATCH)
            facts = sum(
                sum(len(getattr(f, k)) for k in ("events", "attendees", "weapons", "recommendations"))
                for f in (extract_document(doc, d) for doc, d in pairs)
            )
        plain_best, ours_best = min(plain_best, base.seconds), min(ours_best, ours.seconds)
    print(f"{len(documents)} documents, {words} words, {facts} facts (best of {args.rounds} rounds)")
    print(f"plain nlp.pipe ({default_model_name()}, pipes {plain.pipe_names}): {words / plain_best:.0f} words/s")
    print(f"our pipeline + extractors (pipes {nlp.pipe_names}): {words / ours_best:.0f} words/s")
    print(f"ratio ours/plain: {plain_best / ours_best:.2f} (target >= 0.80)")


if __name__ == "__main__":
    main()
