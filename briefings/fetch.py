"""Live sources: fetch feeds (RSS, Atom, JSON Feed) and article pages, politely and safely.

Each new article is written as a JSON file (`title`, `text`, `published`, `source`, `url`, `authors`) under
DATA_DIR/fetched, and that folder is then ingested like any corpus folder: ingest stays the one way in (incremental,
near-duplicates marked, facts merged), the articles outlive a rebuilt store, and a user can read what was fetched.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import ipaddress
import json
import os
import re
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXException

import httpcore
import httpx
from spacy.language import Language

from briefings import __version__
from briefings.config import Settings
from briefings.corpus import SENTENCE_LIKE
from briefings.errors import BadInput
from briefings.ingest import IngestReport, ingest_folder
from briefings.store.database import Store, utcnow
from briefings.store.feeds import Feed, FeedStore

USER_AGENT = f"briefings/{__version__} (news brief builder; fetches feeds and the articles they link)"
FETCHED_FOLDER = "fetched"  # under DATA_DIR: the fetched articles, one JSON file each, ingested as a corpus
MAX_REDIRECTS = 5  # real sites redirect once or twice (http -> https -> www); more is a loop or a trap
GLOBAL_CONCURRENCY = 8  # requests in flight at once over all hosts: enough for many feeds, light on the machine
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({401, 403, 404, 410})  # the page is gone or closed: not worth asking again
ALLOWED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/xml", "application/xml", "application/json"})
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
NO_TEXT = "no article text could be extracted (an empty, script-only or navigation-only page)"
UNSAFE_NAME = re.compile(r"[^A-Za-z0-9.-]+")


class FetchFailure(Exception):
    """A feed or page could not be fetched or read; `transient` when trying again later may work."""

    def __init__(self, reason: str, transient: bool = True):
        super().__init__(reason)
        self.transient = transient


@dataclass(frozen=True)
class Response:
    """An HTTP answer, its body read up to the size cap (`truncated` when the rest was cut off)."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    truncated: bool = False

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class Entry:
    """One feed item: what the feed says of it."""

    guid: str | None
    link: str | None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Article:
    """A fetched page's main text and metadata, ready to be saved as a corpus file."""

    url: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    truncated: bool = False


@dataclass
class Outcome:
    """What fetching one feed or page did: `status` is new, unchanged, waiting or failed."""

    name: str
    status: str
    new: int = 0
    seen: int = 0
    reason: str = ""
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for the user."""
        if self.status == "failed":
            return f"{self.name}: failed: {self.reason}"
        if self.status == "waiting":
            return f"{self.name}: {self.reason}"
        if self.status == "unchanged":
            return f"{self.name}: unchanged{f' ({self.reason})' if self.reason else ''}"
        failed = f", {len(self.problems)} failed" if self.problems else ""
        return f"{self.name}: {self.new} new, {self.seen} already fetched{failed}"


# addresses and content types


def refused_scheme(url: str) -> str | None:
    """Why `url` is no address to fetch (not http(s), no host, malformed), or None when it is one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks the port)
    except ValueError as exc:
        return f"{url} is not a valid address ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"only http and https addresses are fetched, not {parts.scheme or 'this'}: {url}"
    if not parts.hostname:
        return f"{url} names no host"
    return None


def is_public(address: str) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, reserved or multicast)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def check_address(url: str, allow_private: bool) -> None:
    """FetchFailure unless `url` is http(s) and its host resolves only to public addresses (or private ones are
    allowed by FETCH_ALLOW_PRIVATE)."""
    refused = refused_scheme(url)
    if refused:
        raise FetchFailure(refused, transient=False)
    if allow_private:
        return
    parts = urlsplit(url)
    await public_address(parts.hostname or "", parts.port or 0)


async def public_address(host: str, port: int) -> str:
    """The first address `host` resolves to; FetchFailure when it cannot be found or any address is not public."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailure(f"the host {host} cannot be found ({exc})") from None
    addresses = [str(sockaddr[0]) for *_, sockaddr in infos]
    for address in addresses:
        if not is_public(address):
            raise FetchFailure(
                f"{host} resolves to {address}, a loopback, private or link-local address; "
                "set FETCH_ALLOW_PRIVATE=1 to fetch from such hosts",
                transient=False,
            )
    if not addresses:
        raise FetchFailure(f"the host {host} cannot be found (no address)")
    return addresses[0]


class PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """Opens connections only to public addresses, checked on the address actually connected to: a DNS answer that
    changes between the check of the URL and the connection (DNS rebinding) cannot slip a private address in."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend):
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        address = await public_address(host, port)
        return await self._inner.connect_tcp(
            address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise FetchFailure("only http and https addresses are fetched, not Unix sockets", transient=False)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def public_only_transport() -> httpx.AsyncHTTPTransport:
    """httpx's transport with its connections opened by PublicOnlyBackend (httpx offers no public hook for the
    network backend, hence the private attribute; tests/test_fetch.py fails if it stops working)."""
    transport = httpx.AsyncHTTPTransport()
    pool = transport._pool
    if not isinstance(pool, httpcore.AsyncConnectionPool):
        raise TypeError(f"httpx's transport pool changed ({type(pool).__name__}); update public_only_transport")
    pool._network_backend = PublicOnlyBackend(pool._network_backend)
    return transport


def allowed_type(media_type: str) -> bool:
    """HTML, XML or JSON (a missing type is let through: the parsers sniff the body)."""
    return not media_type or media_type in ALLOWED_TYPES or media_type.endswith(("+xml", "+json"))


# the HTTP client


class Fetcher:
    """An HTTP client that asks one host at a time with a delay between requests, and at most GLOBAL_CONCURRENCY
    requests in all; every hop of a redirect is checked like the first address."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        if transport is None and not settings.fetch_allow_private:
            transport = public_only_transport()
        self._client = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
            timeout=settings.fetch_timeout,
            transport=transport,
        )
        self._slots = asyncio.Semaphore(GLOBAL_CONCURRENCY)
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._last_request: dict[str, float] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The answer at `url` after following redirects; FetchFailure on a refused address, a loop or an error."""
        visited: list[str] = []
        for _ in range(MAX_REDIRECTS + 1):
            if url in visited:
                raise FetchFailure(f"redirect loop: {visited[0]} leads back to {url}", transient=False)
            visited.append(url)
            await check_address(url, self.settings.fetch_allow_private)
            response = await self._polite_request(url, headers or {})
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response
            url = urljoin(url, location)
        raise FetchFailure(f"more than {MAX_REDIRECTS} redirects from {visited[0]}", transient=False)

    async def _polite_request(self, url: str, headers: dict[str, str]) -> Response:
        host = (urlsplit(url).hostname or "").lower()  # per host name: two ports of one machine are one host
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        async with lock:
            await self._wait_turn(host)
            try:
                async with self._slots:
                    return await self._timed_request(url, headers)
            finally:
                self._last_request[host] = time.monotonic()

    async def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            await asyncio.sleep(max(0.0, last + self.settings.fetch_delay - time.monotonic()))

    async def _timed_request(self, url: str, headers: dict[str, str]) -> Response:
        timeout = self.settings.fetch_timeout
        try:
            async with asyncio.timeout(timeout):
                return await self._request(url, headers)
        except (TimeoutError, httpx.TimeoutException):
            raise FetchFailure(f"no complete answer within {timeout:g} s (FETCH_TIMEOUT)") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchFailure(f"{type(exc).__name__}: {exc or 'the connection failed'}") from None

    async def _request(self, url: str, headers: dict[str, str]) -> Response:
        async with self._client.stream("GET", url, headers=headers) as answer:
            response = Response(str(answer.url), answer.status_code, answer.headers)
            if answer.status_code != httpx.codes.OK:
                return response
            if not allowed_type(response.media_type):
                raise FetchFailure(f"{url} is {response.media_type}, not HTML, XML or JSON; not fetched", False)
            body, truncated = await self._capped_body(answer)
            return Response(response.url, response.status, response.headers, body, truncated)

    async def _capped_body(self, answer: httpx.Response) -> tuple[bytes, bool]:
        """The decoded body up to FETCH_MAX_BYTES (a gzip bomb is cut off at the cap too)."""
        cap, body = self.settings.fetch_max_bytes, bytearray()
        async for chunk in answer.aiter_bytes():
            body += chunk
            if len(body) > cap:
                return bytes(body[:cap]), True
        return bytes(body), False


def status_failure(response: Response) -> FetchFailure:
    """The failure an unexpected HTTP status means."""
    phrase = httpx.codes.get_reason_phrase(response.status) or "unknown status"
    return FetchFailure(f"HTTP {response.status} {phrase}", transient=response.status not in PERMANENT_STATUSES)


# feeds


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and items, and what was wrong with it when it could be read all the same."""

    title: str | None
    entries: list[Entry]
    problem: str | None = None


def parse_feed(body: bytes, media_type: str, base_url: str = "") -> ParsedFeed:
    """The feed's title and items (links made absolute from `base_url`); FetchFailure when the body is no RSS, Atom
    or JSON feed. Malformed XML that still yields items is read, with the error as `problem`."""
    if "json" in media_type or body.lstrip()[:1] == b"{":
        title, entries = _parse_json_feed(body)
    else:
        import feedparser

        headers = {"content-location": base_url, "content-type": media_type or "application/xml"}
        parsed = feedparser.parse(body, response_headers=headers)
        error = parsed.get("bozo_exception")
        detail = f" ({error})" if error else ""
        if not parsed.entries and (error or not parsed.get("version")):
            raise FetchFailure(f"not an RSS or Atom feed that can be read{detail}", transient=False)
        title, entries = _text(parsed.feed.get("title")), [_feed_entry(item) for item in parsed.entries]
        if isinstance(error, SAXException):
            return ParsedFeed(
                title, _absolute(entries, base_url), f"the feed is malformed XML{detail}; read as far as it goes"
            )
    return ParsedFeed(title, _absolute(entries, base_url))


def _feed_entry(item: Any) -> Entry:
    return Entry(
        guid=_text(item.get("id")),
        link=_text(item.get("link")),
        title=_text(item.get("title")),
        published=_struct_date(
            dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
        ),  # no alias warning
    )


def _absolute(entries: list[Entry], base_url: str) -> list[Entry]:
    """Entries with absolute http(s) links; a link that is no web address is dropped (the item is reported)."""
    resolved = []
    for entry in entries:
        link = urljoin(base_url, entry.link) if entry.link else None
        resolved.append(replace(entry, link=link if link and refused_scheme(link) is None else None))
    return resolved


def _parse_json_feed(body: bytes) -> tuple[str | None, list[Entry]]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FetchFailure(f"not valid JSON ({exc})", transient=False) from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED_VERSION):
        raise FetchFailure("JSON that is no JSON Feed (no jsonfeed.org version)", transient=False)
    items = data.get("items")
    if not isinstance(items, list):
        items = []
    entries = [
        Entry(
            guid=_text(item.get("id")),
            link=_text(item.get("url") or item.get("external_url")),
            title=_text(item.get("title")),
            published=_iso_date(item.get("date_published")),
        )
        for item in items
        if isinstance(item, dict)
    ]
    return _text(data.get("title")), entries


def _text(value: Any) -> str | None:
    return str(value).strip() or None if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _struct_date(value: Any) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def _iso_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


# pages


def extract_article(html: bytes, url: str, truncated: bool = False) -> Article:
    """The page's main text and metadata (title, date, authors, outlet, canonical URL) by trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # a third-party parser on hostile bytes: whatever it raises is this page's failure
        raise FetchFailure(f"the page cannot be read as HTML ({type(exc).__name__}: {exc})", transient=False) from None
    data = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else (extracted or {})
    text = (data.get("text") or "").strip()
    if not SENTENCE_LIKE.search(text):
        raise FetchFailure(NO_TEXT, transient=False)
    canonical = urljoin(url, data.get("url") or url)
    authors = tuple(a.strip() for a in re.split(r";|\band\b", data.get("author") or "") if a.strip())
    return Article(
        url=canonical if refused_scheme(canonical) is None else url,
        text=text,
        title=data.get("title") or None,
        published=data.get("date") or None,
        source=data.get("sitename") or None,
        authors=authors,
        truncated=truncated,
    )


def article_path(folder: Path, url: str) -> Path:
    """Where a fetched article is saved: one folder per host, the file named by a hash of its canonical URL."""
    host = UNSAFE_NAME.sub("_", urlsplit(url).hostname or "unknown")
    return folder / host / f"{hashlib.sha256(url.encode()).hexdigest()[:24]}.json"


def save_article(folder: Path, article: Article, entry: Entry | None, feed_name: str | None) -> Path:
    """Write the article as a corpus JSON file (atomically: a reader never sees half a file)."""
    path = article_path(folder, article.url)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "title": article.title or (entry.title if entry else None),
        "text": article.text,
        "published": article.published or (entry.published if entry else None),
        "source": article.source or feed_name,
        "url": article.url,
        "authors": list(article.authors),
        "feed": feed_name,
        "fetched_at": utcnow().isoformat(timespec="seconds"),
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
    return path


# OPML, the lists of feeds readers exchange


def read_opml(path: Path) -> list[tuple[str, str | None]]:
    """(feed URL, title) of every outline with an xmlUrl, nested ones included; BadInput when unreadable."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except OSError as exc:
        raise BadInput(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except ElementTree.ParseError as exc:
        raise BadInput(str(path), f"is not valid OPML (XML error: {exc})") from None
    found = [
        (url.strip(), _text(outline.get("title") or outline.get("text")))
        for outline in root.iter("outline")
        if (url := outline.get("xmlUrl") or outline.get("xmlurl"))
    ]
    if not found:
        raise BadInput(str(path), 'has no <outline xmlUrl="..."> element: no feed to import')
    return found


def write_opml(feeds: Iterable[Feed]) -> str:
    """The feeds as an OPML 2.0 document, which feed readers import."""
    from xml.sax.saxutils import quoteattr

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "<head><title>briefings feeds</title></head>",
    ]
    lines.append("<body>")
    for feed in feeds:
        name = quoteattr(feed.name)
        lines.append(f'  <outline type="rss" text={name} title={name} xmlUrl={quoteattr(feed.url)}/>')
    lines += ["</body>", "</opml>"]
    return "\n".join(lines)


# a fetch run


class FetchRun:
    """One fetch of feeds and pages into DATA_DIR/fetched, with what was seen remembered in the store."""

    def __init__(self, settings: Settings, feeds: FeedStore, fetcher: Fetcher):
        self.settings, self.feeds, self.fetcher = settings, feeds, fetcher
        self.folder = fetched_folder(settings)
        self._claimed: set[str] = (
            set()
        )  # keys of the items this run is fetching: two feeds linking one page fetch it once

    async def feed(self, feed: Feed, force: bool = False) -> Outcome:
        """Fetch one feed (conditionally) and each of its new items."""
        if feed.backing_off(utcnow()) and not force:
            return Outcome(feed.name, "waiting", reason=_waiting(feed))
        try:
            response = await self.fetcher.get(feed.url, _validators(feed))
            if response.status == httpx.codes.NOT_MODIFIED:
                self.feeds.fetched(feed, feed.etag, feed.last_modified)
                return Outcome(feed.name, "unchanged", reason="not modified")
            if response.status != httpx.codes.OK:
                raise status_failure(response)
            parsed = await asyncio.to_thread(parse_feed, response.body, response.media_type, response.url)
        except FetchFailure as failure:
            return self._feed_failed(feed, failure)
        outcome = Outcome(feed.name, "new", problems=[parsed.problem] if parsed.problem else [])
        retry = await self._items(parsed.entries, parsed.title or feed.name, outcome)
        if response.truncated:
            outcome.problems.append(f"the feed was cut off at {self.settings.fetch_max_bytes} bytes (FETCH_MAX_BYTES)")
        # a page that may answer later keeps the feed unvalidated, so the next fetch reads the items again
        keep = retry or response.truncated
        self.feeds.fetched(feed, None if keep else _header(response, "etag"), None if keep else _modified(response))
        return outcome

    def _feed_failed(self, feed: Feed, failure: FetchFailure) -> Outcome:
        interval = timedelta(minutes=self.settings.fetch_interval)
        updated = self.feeds.failed(feed, str(failure), interval)
        wait = f"; next try after {updated.next_try:%Y-%m-%d %H:%M} UTC" if updated and updated.next_try else ""
        return Outcome(feed.name, "failed", reason=f"{failure}{wait}")

    async def _items(self, entries: list[Entry], feed_name: str, outcome: Outcome) -> bool:
        """Fetch the new items; True when one failed in a way that may pass."""
        retry = False
        for number, entry in enumerate(entries, 1):
            if not entry.link:
                outcome.problems.append(f"item {number} ({entry.title or entry.guid or 'untitled'}) has no link")
                continue
            keys = [entry.guid or "", entry.link]
            if self._claimed.intersection(keys) or self.feeds.seen(keys) is not None:
                outcome.seen += 1
                continue
            self._claimed.update(key for key in keys if key)
            try:
                await self.page(entry.link, outcome, entry, feed_name)
            except FetchFailure as failure:
                outcome.problems.append(f"{entry.link}: {failure}")
                retry = retry or failure.transient
                if not failure.transient:
                    self.feeds.remember([entry.guid or "", entry.link], "")
        return retry

    async def page(self, url: str, outcome: Outcome, entry: Entry | None = None, feed_name: str | None = None) -> None:
        """Fetch one article page and save it, counted in `outcome` as new or (by its canonical URL) seen before."""
        response = await self.fetcher.get(url)
        if response.status != httpx.codes.OK:
            raise status_failure(response)
        article = await asyncio.to_thread(extract_article, response.body, response.url, response.truncated)
        if article.truncated:
            outcome.problems.append(f"{url}: cut off at {self.settings.fetch_max_bytes} bytes (FETCH_MAX_BYTES)")
        keys = [(entry.guid or "") if entry else "", url, response.url, article.url]
        known = self.feeds.seen([article.url])
        if known is None and article.url in self._claimed - {url}:
            known = ""  # another item of this run has this canonical URL and is being saved
        self._claimed.update(key for key in keys if key)
        if known is not None:
            self.feeds.remember(keys, known)
            outcome.seen += 1
            return
        path = save_article(self.folder, article, entry, feed_name)
        self.feeds.remember(keys, str(path))
        outcome.new += 1

    async def single_page(self, url: str) -> Outcome:
        """Fetch one article page given by its URL (not through a feed)."""
        if self.feeds.seen([url]) is not None:
            return Outcome(url, "unchanged", reason="fetched before")
        outcome = Outcome(url, "new")
        try:
            await self.page(url, outcome)
        except FetchFailure as failure:
            return Outcome(url, "failed", reason=str(failure))
        return outcome


def _validators(feed: Feed) -> dict[str, str]:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _header(response: Response, name: str) -> str | None:
    return response.headers.get(name) or None


def _modified(response: Response) -> str | None:
    return _header(response, "last-modified")


def _waiting(feed: Feed) -> str:
    when = f"{feed.next_try:%Y-%m-%d %H:%M} UTC" if feed.next_try else "later"
    return f"waiting until {when} after {feed.failures} failure(s) in a row (last: {feed.last_error})"


def fetched_folder(settings: Settings) -> Path:
    """The folder fetched articles are saved in (and ingested from)."""
    return Path(settings.data_dir) / FETCHED_FOLDER


async def fetch_all(
    settings: Settings,
    feeds: FeedStore,
    urls: list[str] | None = None,
    force: bool = False,
    on_done: Callable[[], object] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Outcome]:
    """Fetch every followed feed at once (or only the pages `urls`), each host asked politely; one outcome each,
    in the order of the feeds."""
    async with Fetcher(settings, transport) as fetcher:
        run = FetchRun(settings, feeds, fetcher)

        async def counted(work: Awaitable[Outcome]) -> Outcome:
            outcome = await work
            if on_done:
                on_done()
            return outcome

        if urls:  # each URL once; the hosts' locks keep them polite
            return list(await asyncio.gather(*(counted(run.single_page(url)) for url in dict.fromkeys(urls))))
        return list(await asyncio.gather(*(counted(run.feed(feed, force)) for feed in feeds.feeds())))


def run_fetch(
    settings: Settings,
    store: Store,
    urls: list[str] | None = None,
    force: bool = False,
    on_done: Callable[[], object] | None = None,
) -> list[Outcome]:
    """`fetch_all` from synchronous code (the command line, or a worker thread of the bot)."""
    return asyncio.run(fetch_all(settings, FeedStore(store), urls, force, on_done))


def ingest_fetched(
    settings: Settings, store: Store, nlp_loader: Callable[[], Language], progress: bool = False
) -> IngestReport | None:
    """Ingest the fetched articles' folder like any corpus; None when nothing was ever fetched."""
    folder = fetched_folder(settings)
    return ingest_folder(store, folder, nlp_loader, settings, progress=progress) if folder.is_dir() else None
