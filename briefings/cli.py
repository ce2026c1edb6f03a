"""The `briefings` command: ingest a corpus, print a brief, start the bot.

The work (`program`) is kept apart from turning errors into messages and exit codes (`main`).
"""

from __future__ import annotations

import _thread
import argparse
import io
import json
import logging
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from importlib.metadata import entry_points
from pathlib import Path
from types import FrameType
from typing import TextIO

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from briefings import __version__, evaluate
from briefings.config import MAX_INGEST_WORKERS, Settings, load_settings
from briefings.errors import BriefingError, ConfigError, QueryError, printable
from briefings.ingest import IngestReport, ingest_folder
from briefings.nlp.pipeline import load_pipeline
from briefings.query import BriefQuery, build_brief, list_events
from briefings.render import FORMATS, render, render_events
from briefings.store import Feed, Store
from briefings.store.database import STORE_ERRORS, masked_url, store_failure

EXIT_OK, EXIT_ERROR, EXIT_SOME_FILES_FAILED = 0, 1, 3
logger = logging.getLogger(__name__)

CTRL_C_AGAIN_AFTER = 0.02  # seconds: a Ctrl-C a finalizer swallowed strikes again then
COMMAND_ENTRY_POINTS = "briefings.commands"  # entry-point group of commands other packages add


@dataclass
class Environment:
    """Where the CLI reads settings from and writes to; tests inject their own."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    dotenv_path: Path = Path(".env")

    def settings(self) -> Settings:
        """Settings from the environment, with `.env` as fallback."""
        from dotenv import dotenv_values

        dotenv = dotenv_values(self.dotenv_path) if self.dotenv_path.is_file() else {}
        return load_settings(self.environ, dotenv)

    @property
    def interactive(self) -> bool:
        """True when stderr is a terminal (progress bars are shown only then)."""
        return hasattr(self.stderr, "isatty") and self.stderr.isatty()


def build_parser() -> argparse.ArgumentParser:
    """The command line grammar, with examples in the help."""
    parser = argparse.ArgumentParser(
        prog="briefings",
        description="Turn a folder of news articles into a structured intelligence brief.",
        epilog="Examples:\n  briefings ingest examples/corpus\n  briefings brief --format md\n"
        "  briefings brief --corpus ../articles --since 2025-09-01 --format json\n  briefings bot",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefings {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens (to stderr)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="read a folder of articles into the store (incremental)")
    ingest.add_argument("path", nargs="?", type=Path, help="corpus folder (default: CORPUS_DIR)")
    ingest.add_argument(
        "--workers",
        type=_worker_count,
        metavar="N",
        help="processes that read and parse files (default: INGEST_WORKERS, else the CPU cores); 1: this one alone",
    )

    brief = commands.add_parser("brief", help="print a brief of the store, or of one folder with --corpus")
    brief.add_argument("--corpus", type=Path, help="brief this folder alone, in a temporary store")
    brief.add_argument("--since", type=_iso_date, help="only facts from articles or events on/after DATE (YYYY-MM-DD)")
    brief.add_argument("--event", help="only this event: an event id (see `briefings events`) or words of its name")
    brief.add_argument("--topic", help="only facts naming this place, person, country or weapon")
    brief.add_argument("--section", choices=("events", "attendees", "weapons", "recommendations", "figures", "quotes"))
    brief.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")

    commands.add_parser("events", help="list the events in the store")
    commands.add_parser(
        "rebuild",
        help="merge every fact again from the articles' own facts (a repair; first-seen times are kept)",
        description="Ingest merges only what changed. `rebuild` redoes every merge group from the facts each article "
        "holds, for a store whose merged facts are in doubt; digests keep their first-seen times.",
    )
    scoring = commands.add_parser(
        "eval",
        help="score extraction against answer keys: P/R/F1 per field, events recall, macro-F1",
        description="Brief each CORPUS as `brief --corpus CORPUS --format json` does and score it against GOLD "
        "(an answer key in the shape of ../shared/gold/*.gold.json). Several pairs print one row each.",
    )
    scoring.add_argument("paths", nargs="+", type=Path, metavar="CORPUS GOLD", help="corpus folder and answer key")
    scoring.add_argument("--brief", action="store_true", help="the first of each pair is a JSON brief, not a corpus")
    scoring.add_argument(  # its own name: the global --verbose (logging) would otherwise take its value
        "--verbose", dest="listing", action="store_true", help="list hits, misses and false alarms with evidence"
    )
    scoring.add_argument("--json", action="store_true", help="one JSON object per corpus, for machines")
    _add_feed_commands(commands)
    _add_db_commands(commands)
    commands.add_parser("bot", help="start the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    commands.add_parser("run", help="ingest CORPUS_DIR and print a brief, or start the bot when a token is set")
    return parser


def _add_feed_commands(commands: argparse._SubParsersAction) -> None:
    feeds = commands.add_parser(
        "feeds", help="the RSS, Atom and JSON feeds to follow: add, list, remove, import, export"
    )
    actions = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="follow a feed (fetched by `briefings fetch`)")
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", help="what to call it (default: its host)")
    actions.add_parser("list", help="the feeds followed, when each was fetched, failures and back-off")
    actions.add_parser("remove", help="stop following a feed").add_argument("feed", metavar="NAME|URL")
    actions.add_parser("import", help="follow every feed of an OPML file").add_argument("file", type=Path)
    actions.add_parser("export", help="print the feeds followed as OPML")
    fetch = commands.add_parser("fetch", help="fetch every feed once (or the article pages URL...) and ingest the new")
    fetch.add_argument("urls", nargs="*", metavar="URL", help="article pages to fetch instead of the feeds")
    fetch.add_argument("--force", action="store_true", help="also fetch feeds waiting after failures")


def _add_db_commands(commands: argparse._SubParsersAction) -> None:
    database = commands.add_parser(
        "db",
        help="the store's schema: upgrade it, or show its revision",
        description="Every command upgrades the store when it opens it; `db upgrade` does only that, and says what it "
        "did (e.g. before starting several bot processes on one PostgreSQL store).",
    )
    actions = database.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="bring the store's tables to the newest revision (also the bot's, once used)")
    actions.add_parser("current", help="the revision the store is at, beside the newest one; changes nothing")


def _worker_count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_INGEST_WORKERS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers from 1 to {MAX_INGEST_WORKERS}, e.g. 2")
    return int(text)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it YYYY-MM-DD, e.g. 2025-09-01") from None


def program(args: argparse.Namespace, env: Environment) -> int:
    """Run one command; errors the user can act on are raised as BriefingError."""
    settings = env.settings()
    try:
        return _command(args, env, settings)
    except STORE_ERRORS as exc:
        raise store_failure(exc, settings.database_url) from None


def _command(args: argparse.Namespace, env: Environment, settings: Settings) -> int:
    if args.command == "bot" or (args.command == "run" and settings.has_token):
        return _run_bot(settings, env)
    if args.command == "run":
        print(
            "No TELEGRAM_BOT_TOKEN set: printing a brief of the corpus instead (set one in .env to start the bot).",
            file=env.stderr,
        )
        args = argparse.Namespace(
            command="brief", corpus=None, since=None, event=None, topic=None, section=None, format="text"
        )
        code = _ingest(settings, settings.corpus_dir, env)
        return _brief(settings, args, env) or code
    if args.command == "ingest":
        return _ingest(settings, args.path or settings.corpus_dir, env, args.workers)
    if args.command == "eval":
        return _eval(settings, args, env)
    if args.command == "feeds":
        return _feeds(settings, args, env)
    if args.command == "fetch":
        return _fetch(settings, args, env)
    if args.command == "db":
        return _db(settings, args, env)
    if args.command == "events":
        env.stdout.write(render_events(list_events(Store(settings.database_url)), "text") + "\n")
        return EXIT_OK
    if args.command == "rebuild":
        return _rebuild(settings, env)
    return _brief(settings, args, env)


def _rebuild(settings: Settings, env: Environment) -> int:
    store = Store(settings.database_url)
    started = time.perf_counter()
    groups = store.rebuild_facts()
    counts = store.fact_counts()
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    env.stdout.write(f"Merged {groups} groups again in {time.perf_counter() - started:.1f} s: {summary}.\n")
    return EXIT_OK


def _run_bot(settings: Settings, env: Environment) -> int:
    settings.checked_token()
    installed_command("bot")(settings)
    return EXIT_OK


def installed_command(name: str) -> Callable[[Settings], object]:
    """A command another package of this project adds through the `briefings.commands` entry points (the bot).

    The core never imports the bot: the bot registers itself in pyproject.toml and is found here by name."""
    for entry in entry_points(group=COMMAND_ENTRY_POINTS, name=name):
        command: Callable[[Settings], object] = entry.load()
        return command
    raise ConfigError(f"The `{name}` command is not installed; install the project again (make install).")


def _ingest(settings: Settings, path: Path, env: Environment, workers: int | None = None) -> int:
    report = ingest_folder(
        Store(settings.database_url),
        path,
        partial(load_pipeline, settings.spacy_model),  # a partial, not a lambda: worker processes receive it
        settings,
        progress=env.interactive,
        workers=workers or settings.ingest_workers,
    )
    _print_report(report, path, env)
    return EXIT_SOME_FILES_FAILED if report.failures else EXIT_OK


def _print_report(report: IngestReport, path: Path, env: Environment) -> None:
    for failure in report.failures:
        print(f"skipped {printable(failure.path)}: {printable(failure.reason)}", file=env.stderr)
    print(
        f"ingested {printable(str(path))}: {report.added} new, {report.updated} changed, {report.removed} removed, "
        f"{report.unchanged} unchanged, {len(report.failures)} failed; {report.documents} documents in the store",
        file=env.stderr,
    )


def _brief(settings: Settings, args: argparse.Namespace, env: Environment) -> int:
    code = EXIT_OK
    if args.corpus is None:
        store = Store(settings.database_url)
        return _print_brief(store, args, env) or code
    with tempfile.TemporaryDirectory(prefix="briefings-") as tmp:
        temporary = replace(settings, database_url=f"sqlite:///{Path(tmp) / 'brief.sqlite3'}")
        code = _ingest(temporary, args.corpus, env)
        store = Store(temporary.database_url)
        try:
            return _print_brief(store, args, env) or code
        finally:
            store.close()


def _eval(settings: Settings, args: argparse.Namespace, env: Environment) -> int:
    """Score each CORPUS (or JSON brief, with --brief) against its GOLD answer key and print the report."""
    if len(args.paths) % 2:
        raise evaluate.AnswerKeyError("eval takes pairs: CORPUS GOLD [CORPUS GOLD ...] (or --brief BRIEF.json GOLD)")
    report, code = evaluate.Report(), EXIT_OK
    for path, gold_path in zip(args.paths[::2], args.paths[1::2], strict=True):
        gold = evaluate.read_answer_key(gold_path)
        if args.brief:
            brief = evaluate.read_json(path)
        else:
            brief, ingest_code = corpus_brief(settings, path, env)
            code = code or ingest_code
        report.add(evaluate.corpus_name(gold_path), evaluate.score_brief(brief, gold))
    env.stdout.write(report.render(verbose=args.listing, as_json=args.json) + "\n")
    return code


def corpus_brief(settings: Settings, corpus: Path, env: Environment) -> tuple[dict, int]:
    """The brief `briefings brief --corpus CORPUS --format json` prints, as a dict, and that command's exit code."""
    if not Path(corpus).is_dir():
        raise evaluate.AnswerKeyError(f"{corpus}: not a folder of articles")
    out = io.StringIO()
    args = argparse.Namespace(
        command="brief", corpus=corpus, since=None, event=None, topic=None, section=None, format="json"
    )
    code = _brief(settings, args, replace(env, stdout=out))
    return json.loads(out.getvalue()), code


def _feeds(settings: Settings, args: argparse.Namespace, env: Environment) -> int:
    """`briefings feeds ACTION`: the feeds kept in the store."""
    from briefings.fetch import read_opml, write_opml
    from briefings.store import FeedStore
    from briefings.store.feeds import FeedError

    feeds = FeedStore(Store(settings.database_url))
    if args.feeds_command in ("add", "import"):
        wanted = [(args.url, args.name)] if args.feeds_command == "add" else read_opml(args.file)
        for url, name in wanted:
            try:
                feed = feeds.add(url, name)
            except FeedError as error:
                if args.feeds_command == "add":
                    raise
                print(f"skipped: {printable(str(error))}", file=env.stderr)
                continue
            print(f"following {printable(feed.name)}: {printable(feed.url)}", file=env.stderr)
    elif args.feeds_command == "remove":
        feed = feeds.remove(args.feed)
        print(f"no longer following {printable(feed.name)}: {printable(feed.url)}", file=env.stderr)
    elif args.feeds_command == "export":
        env.stdout.write(write_opml(feeds.feeds()) + "\n")
    else:
        for feed in feeds.feeds():
            env.stdout.write(printable(_feed_line(feed)) + "\n")
    return EXIT_OK


def _db(settings: Settings, args: argparse.Namespace, env: Environment) -> int:
    """`db upgrade`: the core's migrations, then those of other parts (the bot) whose tables the store holds;
    `db current`: each history's revision beside its newest, without changing anything."""
    from briefings.store import migrate

    env.stdout.write(f"store {masked_url(settings.database_url)}\n")
    if args.db_command == "current":
        return _db_current(settings, env)
    store = Store(settings.database_url)  # opening the store runs the core's migrations
    try:
        env.stdout.write(f"core: {store.migration.describe()}\n")
        for name, migrations in migrate.histories()[1:]:
            if migrate.in_use(store.engine, migrations):
                env.stdout.write(f"{name}: {migrate.upgrade(store.engine, migrations).describe()}\n")
            else:
                env.stdout.write(f"{name}: no tables yet (made when it first opens the store)\n")
    finally:
        store.close()
    return EXIT_OK


def _db_current(settings: Settings, env: Environment) -> int:
    from briefings.store import migrate

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        env.stdout.write("no store yet: the first command that opens it (ingest, brief, db upgrade) makes it\n")
        return EXIT_OK
    engine = create_engine(url)
    try:
        for name, migrations in migrate.histories():
            in_use = migrate.in_use(engine, migrations)
            env.stdout.write(f"{name}: {migrate.status(engine, migrations) if in_use else 'no tables yet'}\n")
    finally:
        engine.dispose()
    return EXIT_OK


def _feed_line(feed: Feed) -> str:
    fetched = f"fetched {feed.last_fetched:%Y-%m-%d %H:%M} UTC" if feed.last_fetched else "never fetched"
    if not feed.failures:
        return f"{feed.name}  {feed.url}  {fetched}"
    waiting = f", waiting until {feed.next_try:%Y-%m-%d %H:%M} UTC" if feed.next_try else ""
    return f"{feed.name}  {feed.url}  {fetched}; {feed.failures} failure(s) in a row{waiting}: {feed.last_error}"


def _fetch(settings: Settings, args: argparse.Namespace, env: Environment) -> int:
    """`briefings fetch [URL...]`: fetch the feeds (or pages), a line each, then ingest the fetched folder."""
    from tqdm import tqdm

    from briefings.fetch import fetched_folder, run_fetch
    from briefings.store import FeedStore

    store = Store(settings.database_url)
    total = len(set(args.urls)) if args.urls else len(FeedStore(store).feeds())
    if not total:
        raise ConfigError("no feed is followed yet: add one with `briefings feeds add URL`, or give article URLs")
    with tqdm(total=total, unit="feed", disable=not env.interactive, file=env.stderr, leave=False) as bar:
        outcomes = run_fetch(settings, store, args.urls, args.force, on_done=bar.update)
    for outcome in outcomes:
        print(printable(outcome.line()), file=env.stderr)
        for problem in outcome.problems:
            print(f"  {printable(problem)}", file=env.stderr)
    code = EXIT_SOME_FILES_FAILED if any(o.status == "failed" or o.problems for o in outcomes) else EXIT_OK
    if fetched_folder(settings).is_dir():  # the same as briefings.fetch.ingest_fetched, with the ingest's report
        code = _ingest(settings, fetched_folder(settings), env) or code
    return code


REBUILDING = "the facts are being rebuilt (an ingest is running, or was interrupted)"


def _print_brief(store: Store, args: argparse.Namespace, env: Environment) -> int:
    if store.facts_are_stale():
        if not store.ever_merged():
            raise BriefingError(
                f"no brief yet: {REBUILDING} before its first merge; wait for it, or run `briefings ingest` to finish"
            )
        print(f"note: {REBUILDING}; this brief shows the last complete facts", file=env.stderr)
    query = BriefQuery(topic=args.topic, since=args.since, event=_event_id(store, args.event), section=args.section)
    brief = build_brief(store, query if any(vars(query).values()) else None)
    env.stdout.write(render(brief, args.format) + "\n")
    return EXIT_OK


def _event_id(store: Store, wanted: str | None) -> str | None:
    """An event id from an id or words of an event's name or place."""
    if not wanted:
        return None
    events = list_events(store)
    needle = wanted.lower()
    for event in events:
        if event.id == wanted or needle in f"{event.name} {event.location or ''} {event.date or ''}".lower():
            return event.id
    known = ", ".join(e.id for e in events[:10]) or "none yet"
    raise QueryError(f"No event matches {wanted!r}. Known events: {known}.")


def _ctrl_c_to_the_main_thread() -> None:
    """A real signal where there is one: it also wakes the main thread from a wait (for a worker, for the network)."""
    main_thread = threading.main_thread().ident
    if hasattr(signal, "pthread_kill") and main_thread is not None:
        signal.pthread_kill(main_thread, signal.SIGINT)
    else:
        _thread.interrupt_main(signal.SIGINT)


@contextmanager
def ctrl_c_kept() -> Iterator[None]:
    """Python swallows an exception raised while a finalizer runs (it prints 'Exception ignored in' and goes on),
    so a Ctrl-C arriving at that moment would be lost and an ingest would run to its end. Here a swallowed Ctrl-C is
    raised again, quietly, a moment later, when the finalizer is over (raised from the hook itself, it would be
    swallowed again). The finalizer it cut short can leave the next ones failing (SQLAlchemy's identity map asserts):
    once a Ctrl-C has come (in a finalizer or in ordinary code, whose unwinding closes the store) those are only
    logged; before it, swallowed exceptions are reported as before."""
    previous = sys.unraisablehook
    interrupted = threading.Event()
    previous_handler = signal.getsignal(signal.SIGINT)
    noting = previous_handler is signal.default_int_handler and threading.current_thread() is threading.main_thread()

    def note_the_ctrl_c(signum: int, frame: FrameType | None) -> None:
        interrupted.set()
        signal.default_int_handler(signum, frame)

    def strike_again(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            interrupted.set()
            again = threading.Timer(CTRL_C_AGAIN_AFTER, _ctrl_c_to_the_main_thread)
            again.daemon = True
            again.start()
        elif interrupted.is_set():
            logger.debug("after a Ctrl-C, a finalizer failed: %r", unraisable.exc_value)
        else:
            previous(unraisable)

    sys.unraisablehook = strike_again
    if noting:
        signal.signal(signal.SIGINT, note_the_ctrl_c)
    try:
        yield
    finally:
        if noting:
            signal.signal(signal.SIGINT, previous_handler)
        sys.unraisablehook = previous


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Entry point: parse arguments, run, turn expected errors into a message and an exit code."""
    env = env or Environment()
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        stream=env.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        with ctrl_c_kept():
            return program(args, env)
    except BriefingError as error:
        print(f"error: {error}", file=env.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=env.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
