"""Developer harness: extract a corpus folder straight to a JSON brief and score it (no store).

Usage: python scripts/score_seeds.py [CORPUS_DIR] [GOLD_JSON] [--verbose]
Defaults to ../shared/corpus/seeds and ../shared/gold/seeds.gold.json.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from briefings.extract import extract_document
from briefings.merge import merge_facts
from briefings.models import Brief, Document, RawDocument
from briefings.nlp.pipeline import load_pipeline
from briefings.serialize import brief_to_dict, json_default

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_documents(folder: Path) -> list[Document]:
    try:
        from briefings.clean import clean_document
        from briefings.corpus import iter_raw_documents
    except ImportError:
        clean_document = iter_raw_documents = None
    if clean_document and iter_raw_documents:
        return [clean_document(r) for r in iter_raw_documents(folder) if isinstance(r, RawDocument)]
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append(Document(id=path.stem, path=str(path), title=text.splitlines()[0], text=text,
                             content_hash=hashlib.sha256(text.encode()).hexdigest()))
    return docs


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else SHARED / "corpus" / "seeds"
    gold = Path(args[1]) if len(args) > 1 else SHARED / "gold" / "seeds.gold.json"
    nlp = load_pipeline(None)
    documents = load_documents(corpus)
    parsed = nlp.pipe([d.text for d in documents], batch_size=16)
    merged = merge_facts((d, extract_document(doc, d)) for d, doc in zip(documents, parsed))
    brief = Brief(generated_at=datetime.now(timezone.utc), documents=tuple(documents), **{
        k: getattr(merged, k) for k in ("events", "attendees", "weapons", "recommendations", "figures", "quotes")})
    out = Path(tempfile.gettempdir()) / f"brief-{corpus.name}.json"
    out.write_text(json.dumps(brief_to_dict(brief), default=json_default, ensure_ascii=False, indent=1))
    print(f"brief written to {out}")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(out), str(gold)]
    return subprocess.call(cmd + (["--verbose"] if "--verbose" in argv else []))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
