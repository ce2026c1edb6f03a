"""Soak: ingests of a changing folder while the bot answers /brief in a loop and a second process ingests too.

Each round adds an article, every second round edits one and every third deletes one (files are written
atomically, as an editor or a sync tool would). Meanwhile a rival process ingests the same folder into the same
store again and again, and a user sends /brief to the bot (fake Telegram server) and waits for each answer.

Passes when no ingest raises, every /brief is answered, and the final store equals a single clean ingest of the
final folder: the same documents (path and content) and the same merged facts.

Usage: python benchmarks/soak.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import logging
import multiprocessing
import os
import random
import sys
import tempfile
import time as clock
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project's `bot` package before benchmarks/bot.py
sys.path.append(str(ROOT / "benchmarks"))  # `common`, when imported from a test

from common import sentence_pool  # noqa: E402

from bot.app import build_application, running  # noqa: E402
from briefings.config import Settings, load_settings  # noqa: E402
from briefings.ingest import ingest_folder  # noqa: E402
from briefings.nlp.pipeline import load_pipeline  # noqa: E402
from briefings.serialize import fact_to_dict  # noqa: E402
from briefings.store import Store  # noqa: E402
from tests.e2e.fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "123456789:AAHsoakTOKENsoakTOKENsoakTOKENsoak1"
USER = 910001
STARTING_ARTICLES = 6  # the folder before the first round
SENTENCES = 8  # per synthetic article: short, so a round parses in about a second
RIVAL_PAUSE = 0.2  # seconds between the rival's ingests: it keeps racing without spinning on the CPU
RIVAL_START = 180  # seconds for the rival to start, load the model and finish its first ingest
BRIEF_TIMEOUT = 60.0  # seconds a /brief may take while two ingests write (each waits for the other's lock)


@dataclass
class SoakResult:
    """What the soak saw: problems found (empty when it passed) and how much work was done."""

    rounds: int
    briefs_answered: int = 0
    rival_ingests: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def write_atomically(path: Path, text: str) -> None:
    """Write a hidden temporary file and rename it over the target, so no reader sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def article(n: int, rng: random.Random, pool: list[str]) -> str:
    body = " ".join(rng.sample(pool, min(SENTENCES, len(pool))))
    return f"Soak article {n}\nOctober {1 + n % 28}, 2025 | Wire\n{body}\n"


def change_folder(folder: Path, round_: int, rng: random.Random, pool: list[str]) -> None:
    """One round's changes: a new article; an edited one every second round; a deleted one every third."""
    write_atomically(folder / f"article-{100 + round_:04d}.txt", article(100 + round_, rng, pool))
    existing = sorted(folder.glob("article-*.txt"))
    if round_ % 2 == 0 and existing:
        edited = existing[rng.randrange(len(existing))]
        write_atomically(edited, edited.read_text(encoding="utf-8") + rng.choice(pool) + "\n")
    if round_ % 3 == 0 and len(existing) > 1:
        existing[0].unlink()


def rival(url: str, folder: str, ready: Any, stop: Any, results: Any) -> None:
    """The second process: ingest the same folder into the same store until told to stop (`ready` after the first)."""
    logging.basicConfig(level=logging.ERROR)
    settings = replace(load_settings({}), database_url=url)
    store, count, problems = Store(url), 0, []
    nlp: list[Any] = []

    def loader() -> Any:
        if not nlp:
            nlp.append(load_pipeline(None))
        return nlp[0]

    while not stop.is_set():
        try:
            report = ingest_folder(store, Path(folder), loader, settings)
            problems += [f"rival: {f}" for f in report.failures if "does not exist" not in f.reason]
            count += 1
            ready.set()
        except Exception as exc:  # the soak's verdict: any exception is a problem
            problems.append(f"rival ingest raised {type(exc).__name__}: {exc}")
        clock.sleep(RIVAL_PAUSE)
    store.close()
    results.put((count, problems))


def snapshot(store: Store) -> tuple[set[tuple[str, str]], dict[str, set[str]]]:
    """The store's documents (path, content hash) and its merged facts' keys by kind."""
    documents = {(d.path, d.content_hash) for d in store.documents()}
    facts = {
        kind: {json.dumps(fact_to_dict(row.fact), sort_keys=True, default=str) for row in rows}
        for kind, rows in store.facts().items()
    }
    return documents, facts


def fact_differences(soaked: dict[str, set[str]], clean: dict[str, set[str]]) -> str:
    """The first few facts only the soaked store has, and only the clean one has, kind by kind."""
    parts = []
    for kind in sorted(set(soaked) | set(clean)):
        only_soaked = sorted(soaked.get(kind, set()) - clean.get(kind, set()))[:2]
        only_clean = sorted(clean.get(kind, set()) - soaked.get(kind, set()))[:2]
        if only_soaked or only_clean:
            parts.append(f"{kind}: soaked only {only_soaked}; clean only {only_clean}")
    return "\n".join(parts)


def more_sent(fake: FakeTelegram, before: int) -> bool:
    return len(fake.sent_to(USER)) > before


async def ask_briefs(fake: FakeTelegram, done: asyncio.Event, result: SoakResult) -> None:
    """Send /brief again and again until the rounds are done; each must be answered."""
    fake.private_chat(USER)
    while not done.is_set():
        answered = functools.partial(more_sent, fake, len(fake.sent_to(USER)))
        fake.say(USER, "/brief")
        try:
            await fake.wait_for(answered, BRIEF_TIMEOUT, "a /brief answer")
            result.briefs_answered += 1
        except AssertionError as exc:
            result.problems.append(str(exc))
        await asyncio.sleep(0.3)


def run_rounds(store: Store, folder: Path, settings: Settings, nlp: Any, rounds: int, result: SoakResult) -> None:
    rng, pool = random.Random(11), sentence_pool()
    for round_ in range(rounds):
        change_folder(folder, round_, rng, pool)
        try:
            report = ingest_folder(store, folder, lambda: nlp, settings)
            result.problems += [f"round {round_}: {f}" for f in report.failures]
        except Exception as exc:  # the soak's verdict: any exception is a problem
            result.problems.append(f"round {round_}: ingest raised {type(exc).__name__}: {exc}")
        result.problems += [f"round {round_}: {problem}" for problem in lost_or_doubled(store, folder)]


def lost_or_doubled(store: Store, folder: Path) -> list[str]:
    """Articles of the folder missing from the store, and articles stored twice, right after an ingest."""
    stored = [Path(d.path).name for d in store.documents()]
    on_disk = {path.name for path in folder.glob("article-*.txt")}
    doubled = sorted({name for name in stored if stored.count(name) > 1})
    lost = sorted(on_disk - set(stored))
    return [f"lost {name}" for name in lost] + [f"doubled {name}" for name in doubled]


async def soak_async(rounds: int, work: Path, nlp: Any) -> SoakResult:
    result = SoakResult(rounds)
    folder, url = work / "corpus", f"sqlite:///{work / 'soak.sqlite3'}"
    folder.mkdir()
    rng, pool = random.Random(5), sentence_pool()
    for n in range(STARTING_ARTICLES):
        write_atomically(folder / f"article-{n:04d}.txt", article(n, rng, pool))
    settings = replace(load_settings({}), database_url=url, telegram_bot_token=TOKEN, corpus_dir=folder)
    store = Store(url)
    ingest_folder(store, folder, lambda: nlp, settings)
    context = multiprocessing.get_context("spawn")
    ready, stop, results = context.Event(), context.Event(), context.Queue()
    other = context.Process(target=rival, args=(url, str(folder), ready, stop, results))
    other.start()
    if not ready.wait(timeout=RIVAL_START):
        result.problems.append(f"the rival process did not finish its first ingest in {RIVAL_START} s")
    fake = FakeTelegram(TOKEN).start()
    try:
        bot_settings = replace(settings, telegram_api_url=fake.api_url)
        bot_store = Store(url)
        async with running(build_application(bot_settings, bot_store, lambda: nlp), poll_timeout=2):
            done = asyncio.Event()
            asker = asyncio.create_task(ask_briefs(fake, done, result))
            await asyncio.to_thread(run_rounds, store, folder, settings, nlp, rounds, result)
            done.set()
            await asker
        bot_store.close()
    finally:
        fake.stop()
        stop.set()
    result.rival_ingests, rival_problems = results.get(timeout=300)
    other.join(timeout=60)
    result.problems += rival_problems + [f"bot API error: {e}" for e in fake.errors]
    ingest_folder(store, folder, lambda: nlp, settings)  # the last word, after the rival stopped
    clean = Store(f"sqlite:///{work / 'clean.sqlite3'}")
    ingest_folder(clean, folder, lambda: nlp, settings)
    soaked, fresh = snapshot(store), snapshot(clean)
    if soaked[0] != fresh[0]:
        result.problems.append(f"documents differ from a clean ingest: {sorted(soaked[0] ^ fresh[0])[:5]}")
    if soaked[1] != fresh[1]:
        result.problems.append(f"merged facts differ from a clean ingest: {fact_differences(soaked[1], fresh[1])}")
    store.close()
    clean.close()
    return result


def soak(rounds: int = 20, nlp: Any = None) -> SoakResult:
    """Run the soak in a temporary folder; `nlp` is loaded when not given."""
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        return asyncio.run(soak_async(rounds, Path(tmp), nlp or load_pipeline(None)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    started = clock.perf_counter()
    result = soak(args.rounds)
    print(
        f"soak: {result.rounds} rounds, {result.rival_ingests} rival ingests, {result.briefs_answered} briefs "
        f"answered in {clock.perf_counter() - started:.0f} s: {'ok' if result.ok else 'FAILED'}"
    )
    for problem in result.problems:
        print(f"  {problem}")
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
