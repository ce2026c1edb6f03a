"""A real HTTP server on 127.0.0.1 for the tests of live sources, and the feeds and article pages it serves (written
for the tests, or the example corpus rendered as HTML pages)."""

from __future__ import annotations

import html
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"

# the local server


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    gzipped: bool = False  # the body is gzip-compressed already: sent with Content-Encoding: gzip


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    started: float
    finished: float = 0.0
    status: int = 0


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 serving the routes a test sets, logging every request it gets."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def serve(self, path: str, body: bytes | str = b"", **options) -> str:
        self.routes[path] = Route(body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def count(self, path: str) -> int:
        return sum(hit.path == path for hit in self.hits)

    def requests(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with server._lock:
                    server.hits.append(hit)
                    server.active += 1
                    server.most_active = max(server.most_active, server.active)
                try:
                    hit.status = self._answer(server.routes.get(self.path), hit)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass
                finally:
                    hit.finished = time.monotonic()
                    with server._lock:
                        server.active -= 1

            def _answer(self, route: Route | None, hit: Hit) -> int:
                if route is None:
                    route = Route(b"<html><body>no such page</body></html>", status=404)
                if route.delay:
                    time.sleep(route.delay)
                if (route.etag and hit.headers.get("if-none-match") == route.etag) or (
                    route.last_modified and hit.headers.get("if-modified-since") == route.last_modified
                ):
                    self.send_response(304)
                    self.end_headers()
                    return 304
                body = route.body
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                if route.gzipped:
                    self.send_header("Content-Encoding", "gzip")
                for name, value in {"ETag": route.etag, "Last-Modified": route.last_modified, **route.headers}.items():
                    if value:
                        self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
                return route.status

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# pages and feeds written for the tests


def article_page(
    title: str, paragraphs: list[str], published: str, canonical: str | None = None, author: str = "Dana Whitfield"
) -> str:
    """An article page as news sites write them: metadata in the head, the story in <article>."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="og:title" content="{html.escape(title)}"><meta property="og:site_name" content="Test Gazette">
<meta name="author" content="{author}"><meta property="article:published_time" content="{published}">{link}
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(title)}</h1>{body}</article><footer>Copyright Test Gazette</footer></body></html>"""


def example_page(name: str, canonical: str | None = None, published: str = "2024-03-12") -> str:
    """An example corpus article (examples/corpus) rendered as an HTML page: the longer of its first two lines (the
    other may name the outlet) is the title."""
    lines = [line.strip() for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    title = max(lines[:2], key=len)
    return article_page(title, [line for line in lines if line != title], published, canonical)


WRITTEN = [  # a short article written for these tests
    "The harbour authority of Port Elsin opened a second container terminal on Tuesday after four years of work.",
    "Officials said the terminal doubles the port's capacity and will employ nine hundred people by next spring.",
    "Shipping companies welcomed the opening but asked for deeper channels so that larger vessels can call.",
    "The regional governor cut the ribbon and promised a rail link to the terminal within three years.",
]


def written_page(title: str = "Port Elsin opens a second container terminal", canonical: str | None = None) -> str:
    return article_page(title, WRITTEN, "2025-05-06", canonical)


def rss(items: list[tuple[str, str | None, str | None]], title: str = "Test Gazette") -> str:
    """An RSS 2.0 feed of (guid, link, pubDate) items."""
    entries = "".join(
        f'<item><title>Item {guid}</title><guid isPermaLink="false">{guid}</guid>'
        + (f"<link>{html.escape(link)}</link>" if link else "")
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for guid, link, date in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


def atom(links: list[str]) -> str:
    entries = "".join(
        f'<entry><id>urn:test:{n}</id><title>Entry {n}</title><link href="{html.escape(link)}"/>'
        f"<updated>2025-05-06T08:00:00Z</updated></entry>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom Test</title><id>urn:test</id><updated>2025-05-06T08:00:00Z</updated>{entries}</feed>"
    )


def json_feed(links: list[str]) -> str:
    items = [
        {"id": f"j{n}", "url": link, "title": f"J {n}", "date_published": "2025-05-06T08:00:00Z"}
        for n, link in enumerate(links)
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JSON Test", "items": items})
