"""Fetch throughput: FEEDS feeds of ITEMS items each, served by a local HTTP server on 127.0.0.1, fetched and then
ingested. Prints items/s and where the fetch's time went: waiting on the network, parsing feeds and extracting pages.

All feeds are on one host, so politeness (one request at a time per host) makes the fetch serial: the figure is
the worst case of a single site. FETCH_DELAY is 0 here; with the default 1 s, 1,000 pages of one host take 1,000 s.

Usage: python benchmarks/fetch.py [--feeds 50] [--items 20] [--no-ingest]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer, sentence_pool

from briefings import fetch
from briefings.config import load_settings
from briefings.ingest import ingest_folder
from briefings.nlp.pipeline import load_pipeline
from briefings.store import FeedStore, Store

SENTENCES_PER_PAGE = 14  # about a short news story


def page(number: int, pool: list[str]) -> bytes:
    rng = random.Random(number)
    body = "".join(f"<p>{html.escape(s)}</p>" for s in rng.sample(pool, min(SENTENCES_PER_PAGE, len(pool))))
    title = f"Synthetic story {number}"
    return (
        f"<html><head><title>{title}</title><meta property='article:published_time' content='2025-10-01'></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def feed(number: int, items: int, base: str) -> bytes:
    entries = "".join(
        f"<item><title>Story {number}-{i}</title><guid isPermaLink='false'>s{number}-{i}</guid>"
        f"<link>{base}/page/{number * items + i}</link></item>"
        for i in range(items)
    )
    channel = f"<channel><title>Feed {number}</title>{entries}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>".encode()


def start_server(items: int, pool: list[str]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind, _, number = self.path.strip("/").partition("/")
            base = f"http://{self.headers['Host']}"
            body = feed(int(number), items, base) if kind == "feed" else page(int(number), pool)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml" if kind == "feed" else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def timed(function: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    """`function`, adding the seconds of each call to `spent`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    return wrapper


def timed_async(function: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    """The coroutine function `function`, adding the seconds of each call to `spent`."""

    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--no-ingest", action="store_true", help="time the fetch alone")
    args = parser.parse_args()
    server, base = start_server(args.items, sentence_pool())
    parsing: list[float] = []
    extracting: list[float] = []
    network: list[float] = []
    fetch.Fetcher._timed_request = timed_async(fetch.Fetcher._timed_request, network)  # type: ignore[method-assign]
    fetch.parse_feed = timed(fetch.parse_feed, parsing)
    fetch.extract_article = timed(fetch.extract_article, extracting)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"DATA_DIR": tmp, "FETCH_DELAY": "0", "FETCH_ALLOW_PRIVATE": "1"})
        store = Store(settings.database_url)
        feeds = FeedStore(store)
        for number in range(args.feeds):
            feeds.add(f"{base}/feed/{number}", f"feed-{number}")
        with Timer() as fetching:
            outcomes = asyncio.run(fetch.fetch_all(settings, feeds))
        with Timer() as again:
            asyncio.run(fetch.fetch_all(settings, feeds))
        items = sum(o.new for o in outcomes)
        failed = sum(o.status == "failed" or bool(o.problems) for o in outcomes)
        print(
            f"fetched {items} new items of {args.feeds} feeds x {args.items} in {fetching.seconds:.1f} s: "
            f"{items / fetching.seconds:.1f} items/s ({failed} feeds with failures)"
        )
        print(
            f"  summed over requests and threads (they overlap): waiting on the network {sum(network):.1f} s "
            f"({len(network)} requests), parsing feeds {sum(parsing):.1f} s, extracting pages {sum(extracting):.1f} s"
        )
        print(f"  a second fetch (feeds read again, no page downloaded again): {again.seconds:.1f} s")
        if not args.no_ingest:
            nlp = load_pipeline(settings.spacy_model)
            with Timer() as ingesting:
                report = ingest_folder(store, fetch.fetched_folder(settings), lambda: nlp, settings)
            print(
                f"ingested {report.added} articles in {ingesting.seconds:.1f} s "
                f"({report.added / ingesting.seconds:.1f} articles/s)"
            )
    server.shutdown()


if __name__ == "__main__":
    main()
