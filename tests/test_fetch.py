"""Fetching feeds and pages from a real HTTP server on 127.0.0.1 started here: conditional GETs, no re-downloads,
politeness, safety, and every way a feed or page can fail reported without a traceback."""

from __future__ import annotations

import asyncio
import gzip
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from briefings.cli import EXIT_OK, EXIT_SOME_FILES_FAILED, Environment, main
from briefings.config import Settings
from briefings.fetch import (
    USER_AGENT,
    Fetcher,
    Outcome,
    check_address,
    extract_article,
    fetch_all,
    ingest_fetched,
    is_public,
    parse_feed,
    run_fetch,
)
from briefings.fetch import FetchFailure as Failure
from briefings.store import FeedStore, Store
from briefings.store.database import utcnow
from tests.local_http import (
    LocalServer,
    atom,
    example_page,
    json_feed,
    rss,
    written_page,
)

EXAMPLE_ARTICLES = ("09_agni_v_mirv_test.txt", "05_republic_day_new_delhi.txt", "06_bastille_day_modi.txt")
SLOW_SECONDS = 5.0  # the slow route answers after this; the tests' timeout is far below it
TEST_TIMEOUT = 2.0  # FETCH_TIMEOUT in these tests: quick to fail, ample for a local answer on a busy machine
POLITE_DELAY = 0.3  # FETCH_DELAY in the politeness test: long enough to measure, short enough to wait for


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


# running a fetch


def settings_for(tmp_path: Path, **changes) -> Settings:
    base = Settings(
        data_dir=tmp_path / "data",
        fetch_allow_private=True,
        fetch_delay=0.0,
        fetch_timeout=TEST_TIMEOUT,
        fetch_max_bytes=1_000_000,
    )
    return replace(base, **changes)


def feed_store(settings: Settings) -> FeedStore:
    return FeedStore(Store(settings.database_url))


def fetch(settings: Settings, feeds: FeedStore, urls: list[str] | None = None, force: bool = False) -> list[Outcome]:
    return asyncio.run(fetch_all(settings, feeds, urls, force))


def saved(settings: Settings) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((settings.data_dir / "fetched").rglob("*.json"))]


@pytest.fixture
def settings(tmp_path) -> Settings:
    return settings_for(tmp_path)


# feeds


def test_rss_items_are_fetched_with_their_metadata(server, settings):
    page = server.serve("/a1", example_page(EXAMPLE_ARTICLES[0], canonical=server.url("/story/agni")))
    server.serve("/a2", written_page())
    feeds = feed_store(settings)
    feeds.add(
        server.serve(
            "/rss", rss([("g1", page, None), ("g2", server.url("/a2"), None)]), content_type="application/rss+xml"
        ),
        "gazette",
    )

    [outcome] = fetch(settings, feeds)

    assert (outcome.status, outcome.new, outcome.problems) == ("new", 2, [])
    articles = {a["url"]: a for a in saved(settings)}
    agni = articles[server.url("/story/agni")]  # the canonical URL, not the link the feed gave
    assert (
        agni["published"] == "2024-03-12" and agni["source"] == "Test Gazette" and agni["authors"] == ["Dana Whitfield"]
    )
    assert "Agni-V" in agni["title"] and "Agni-V" in agni["text"] and "Home" not in agni["text"]
    assert articles[server.url("/a2")]["title"] == "Port Elsin opens a second container terminal"


def test_a_second_fetch_is_conditional_and_downloads_no_article_again(server, settings):
    server.serve("/a1", written_page())
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([("g1", server.url("/a1"), None)]), etag='"v1"'))
    feeds.add(server.serve("/atom", atom([server.url("/a1")]), last_modified="Tue, 06 May 2025 08:00:00 GMT"))

    fetch(settings, feeds)
    outcomes = fetch(settings, feeds)

    assert [o.line() for o in outcomes] == [
        "127.0.0.1: unchanged (not modified)",
        "127.0.0.1-2: unchanged (not modified)",
    ]
    assert server.requests("/rss")[1].headers["if-none-match"] == '"v1"'
    assert server.requests("/atom")[1].headers["if-modified-since"] == "Tue, 06 May 2025 08:00:00 GMT"
    assert server.count("/a1") == 1, "the article both feeds link is downloaded once, and not again"
    assert len(saved(settings)) == 1


def test_a_changed_feed_fetches_only_its_new_items(server, settings):
    server.serve("/a1", written_page())
    server.serve("/a2", example_page(EXAMPLE_ARTICLES[1]))
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([("g1", server.url("/a1"), None)])))
    fetch(settings, feeds)
    server.serve("/rss", rss([("g2", server.url("/a2"), None), ("g1", server.url("/a1"), None)]))

    [outcome] = fetch(settings, feeds)

    assert (outcome.new, outcome.seen) == (1, 1)
    assert server.count("/a1") == 1 and server.count("/a2") == 1


def test_atom_and_json_feeds(server, settings):
    server.serve("/a1", written_page())
    server.serve("/a2", example_page(EXAMPLE_ARTICLES[2]))
    feeds = feed_store(settings)
    feeds.add(server.serve("/atom", atom([server.url("/a1")]), content_type="application/atom+xml"), "atom")
    feeds.add(server.serve("/feed.json", json_feed([server.url("/a2")]), content_type="application/feed+json"), "json")

    outcomes = fetch(settings, feeds)

    assert [(o.name, o.status, o.new) for o in outcomes] == [("atom", "new", 1), ("json", "new", 1)]
    assert len(saved(settings)) == 2


def test_an_article_known_by_its_canonical_url_is_saved_once(server, settings):
    canonical = server.url("/story/port")
    server.serve("/a1", written_page(canonical=canonical))
    server.serve("/a1?utm_source=rss", written_page(canonical=canonical))
    feeds = feed_store(settings)
    feeds.add(
        server.serve("/rss", rss([("g1", server.url("/a1"), None), ("g2", server.url("/a1?utm_source=rss"), None)]))
    )

    [outcome] = fetch(settings, feeds)

    assert (outcome.new, outcome.seen) == (1, 1)
    assert [a["url"] for a in saved(settings)] == [canonical]


def test_feed_dates_that_cannot_be_read_do_not_stop_the_items(server, settings):
    server.serve("/a1", written_page())
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([("g1", server.url("/a1"), "the day after tomorrow")])))

    [outcome] = fetch(settings, feeds)

    assert outcome.new == 1 and saved(settings)[0]["published"] == "2025-05-06"  # the page's own date


# failures, each a line and never a traceback


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"body": "<html><body><p>A page, not a feed</p></body></html>", "content_type": "text/xml"}, "not an RSS"),
        ({"body": "<rss version='2.0'><channel><title>cut", "content_type": "application/rss+xml"}, "not an RSS"),
        ({"body": "not found", "status": 404}, "HTTP 404 Not Found"),
        ({"body": "oops", "status": 500}, "HTTP 500 Internal Server Error"),
        ({"body": rss([]), "delay": SLOW_SECONDS}, f"no complete answer within {TEST_TIMEOUT:g} s"),
        ({"body": "\x89PNG", "content_type": "image/png"}, "is image/png, not HTML, XML or JSON"),
        ({"body": '{"items": []}', "content_type": "application/json"}, "no JSON Feed"),
    ],
)
def test_a_broken_feed_fails_with_its_reason_and_backs_off(server, settings, route, reason):
    feeds = feed_store(settings)
    feeds.add(server.serve("/feed", **route), "broken")

    [outcome] = fetch(settings, feeds)
    [again] = fetch(settings, feeds)

    assert outcome.status == "failed" and reason in outcome.reason and "next try after" in outcome.reason
    [feed] = feeds.feeds()
    assert feed.failures == 1 and (feed.next_try or utcnow()) > utcnow() and reason in (feed.last_error or "")
    assert again.status == "waiting" and server.count("/feed") == 1, "a failing feed is not retried in a tight loop"


def test_malformed_xml_with_items_is_read_as_far_as_it_goes(server, settings):
    server.serve("/a1", written_page())
    feeds = feed_store(settings)
    feeds.add(
        server.serve("/rss", rss([("g1", server.url("/a1"), None)]).replace("</channel></rss>", "<item><title>cut"))
    )

    [outcome] = fetch(settings, feeds)

    assert outcome.new == 1 and "the feed is malformed XML" in outcome.problems[0]


@pytest.mark.parametrize(
    ("declared", "encoding", "title"),
    [
        ("ISO-8859-1", "latin-1", "Café news"),
        ("windows-1252", "cp1252", "Café’s news"),
        ("UTF-8", "latin-1", None),  # declared wrongly: the items are read all the same
    ],
)
def test_feeds_in_other_or_wrong_encodings_are_read(server, settings, declared, encoding, title):
    server.serve("/a1", written_page())
    text = rss([("g1", server.url("/a1"), None)], title=title or "Café news")
    body = text.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{declared}"?>').encode(encoding)
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", body, content_type="application/rss+xml"))

    [outcome] = fetch(settings, feeds)

    assert outcome.new == 1
    if title:
        assert parse_feed(body, "application/rss+xml").title == title


def test_a_redirect_loop_is_named(server, settings):
    server.serve("/one", status=302, headers={"Location": "/two"})
    server.serve("/two", status=301, headers={"Location": server.url("/one")})
    feeds = feed_store(settings)
    feeds.add(server.url("/one"), "loop")

    [outcome] = fetch(settings, feeds)

    assert outcome.status == "failed" and "redirect loop" in outcome.reason
    assert server.count("/one") == 1 and server.count("/two") == 1


def test_redirects_are_followed_to_the_feed(server, settings):
    server.serve("/a1", written_page())
    server.serve("/old", status=301, headers={"Location": "/rss"})
    server.serve("/rss", rss([("g1", server.url("/a1"), None)]))
    feeds = feed_store(settings)
    feeds.add(server.url("/old"))

    [outcome] = fetch(settings, feeds)

    assert outcome.new == 1


def test_bad_items_are_reported_and_the_good_ones_kept(server, settings):
    server.serve("/good", written_page())
    server.serve("/empty", "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    server.serve("/pdf", "%PDF-1.4", content_type="application/pdf")
    items = [("g1", server.url("/good"), None), ("g2", None, None), ("g3", server.url("/empty"), None)]
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([*items, ("g4", server.url("/gone"), None), ("g5", server.url("/pdf"), None)])))

    [outcome] = fetch(settings, feeds)

    assert outcome.new == 1 and len(saved(settings)) == 1
    problems = "\n".join(outcome.problems)
    assert "item 2 (Item g2) has no link" in problems
    assert "/empty: no article text could be extracted" in problems
    assert "/gone: HTTP 404 Not Found" in problems
    assert "/pdf is application/pdf" in problems
    assert outcome.line() == "127.0.0.1: 1 new, 0 already fetched, 4 failed"


def test_a_page_that_failed_for_now_is_tried_again_and_the_others_are_not(server, settings):
    server.serve("/a1", written_page())
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([("g1", server.url("/a1"), None)]), etag='"v1"'))
    fetch(settings, feeds)  # the feed's validator is stored
    server.serve("/a2", "busy", status=503)
    server.serve("/rss", rss([("g2", server.url("/a2"), None), ("g1", server.url("/a1"), None)]), etag='"v2"')
    fetch(settings, feeds)  # the feed changed; its new item fails for now
    server.serve("/a2", example_page(EXAMPLE_ARTICLES[1]))

    [outcome] = fetch(settings, feeds)

    assert [hit.headers.get("if-none-match") for hit in server.requests("/rss")] == [None, '"v1"', None], (
        "the feed is read again in full while one of its items waits"
    )
    assert (outcome.new, outcome.seen) == (1, 1) and server.count("/a1") == 1 and server.count("/a2") == 2


def test_a_page_that_is_gone_is_not_asked_for_again(server, settings):
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([("g1", server.url("/gone"), None)])))
    fetch(settings, feeds)
    fetch(settings, feeds)

    assert server.count("/gone") == 1


def test_an_oversized_page_is_cut_off_and_reported(server, tmp_path):
    settings = settings_for(tmp_path, fetch_max_bytes=3000)
    server.serve("/big", example_page(EXAMPLE_ARTICLES[0]) + "<!--" + "x" * 100_000 + "-->")
    [outcome] = fetch(settings, feed_store(settings), [server.url("/big")])

    assert outcome.status == "new" and outcome.problems == [
        f"{server.url('/big')}: cut off at 3000 bytes (FETCH_MAX_BYTES)"
    ]
    assert "Agni-V" in saved(settings)[0]["text"]


def test_a_gzip_bomb_is_cut_off_at_the_cap(server, tmp_path):
    settings = settings_for(tmp_path, fetch_max_bytes=100_000, fetch_timeout=5.0)
    server.serve("/bomb", gzip.compress(b" " * 50_000_000), gzipped=True)  # 50 MB of spaces, about 50 kB on the wire

    [outcome] = fetch(settings, feed_store(settings), [server.url("/bomb")])

    assert outcome.status == "failed" and "no article text" in outcome.reason


# politeness and safety


def test_one_host_is_asked_one_request_at_a_time_with_the_delay(server, tmp_path):
    settings = settings_for(tmp_path, fetch_delay=POLITE_DELAY)
    links = [server.serve(f"/p{n}", written_page(f"Port story {n}")) for n in range(3)]
    feeds = feed_store(settings)
    feeds.add(server.serve("/rss", rss([(f"g{n}", link, None) for n, link in enumerate(links)])), "one")
    feeds.add(server.serve("/atom", atom(links)), "two")

    fetch(settings, feeds)

    hits = sorted(server.hits, key=lambda hit: hit.started)
    gaps = [later.started - earlier.finished for earlier, later in itertools.pairwise(hits)]
    assert len(hits) == 5 and server.most_active == 1
    assert min(gaps) >= POLITE_DELAY * 0.9, gaps
    assert all(hit.headers["user-agent"] == USER_AGENT for hit in hits) and "briefings" in USER_AGENT


def test_private_addresses_are_refused_unless_allowed(server, tmp_path):
    settings = settings_for(tmp_path, fetch_allow_private=False)
    url = server.serve("/a1", written_page())

    [outcome] = fetch(settings, feed_store(settings), [url])

    assert outcome.status == "failed" and "127.0.0.1, a loopback, private or link-local address" in outcome.reason
    assert "FETCH_ALLOW_PRIVATE=1" in outcome.reason and server.count("/a1") == 0


def test_a_redirect_to_a_private_address_is_refused(tmp_path):
    """Every hop is checked: a public page redirecting to a loopback address is not followed (a mock transport
    stands in for the public host, so no packet leaves the machine)."""
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    settings = settings_for(tmp_path, fetch_allow_private=False)
    outcomes = asyncio.run(
        fetch_all(settings, feed_store(settings), ["http://93.184.216.34/story"], transport=httpx.MockTransport(answer))
    )

    assert asked == ["http://93.184.216.34/story"]
    assert outcomes[0].status == "failed" and "127.0.0.1, a loopback, private or link-local" in outcomes[0].reason


def test_the_address_connected_to_is_checked_too(server, tmp_path):
    """Past the URL's check (as if DNS answered a public address first, then a private one), the connection itself
    is refused: a DNS answer that changes cannot slip a private address in."""
    url = server.serve("/a1", written_page())
    fetcher = Fetcher(settings_for(tmp_path, fetch_allow_private=False))

    async def without_the_url_check() -> None:
        async with fetcher:
            await fetcher._polite_request(url, {})

    with pytest.raises(Failure, match=r"127\.0\.0\.1, a loopback, private or link-local"):
        asyncio.run(without_the_url_check())
    assert server.count("/a1") == 0


@pytest.mark.parametrize("url", ["http://[::1/feed", "http://127.0.0.1:99999/feed", "http://127.0.0.1:1/closed"])
def test_malformed_addresses_fail_with_a_message(settings, url):
    [outcome] = fetch(settings, feed_store(settings), [url])

    assert outcome.status == "failed" and outcome.reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "javascript:alert(1)"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(Failure, match="only http and https"):
        asyncio.run(check_address(url, allow_private=True))


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:127.0.0.1", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
    ],
)
def test_public_addresses(address, public):
    assert is_public(address) is public


# parsing alone


def test_parse_feed_reads_rss_atom_and_json_items():
    rss_items = parse_feed(
        rss([("g1", "/a", "Tue, 06 May 2025 08:00:00 GMT")]).encode(), "", "https://example.test/rss"
    ).entries
    atom_items = parse_feed(atom(["https://example.test/b"]).encode(), "application/atom+xml").entries
    from_json = parse_feed(json_feed(["https://example.test/c"]).encode(), "application/feed+json")

    assert (rss_items[0].guid, rss_items[0].link, rss_items[0].published) == (
        "g1",
        "https://example.test/a",
        "2025-05-06",
    )
    assert atom_items[0].link == "https://example.test/b" and atom_items[0].guid == "urn:test:0"
    assert from_json.title == "JSON Test" and from_json.entries[0].link == "https://example.test/c"


def test_extract_article_refuses_an_empty_page():
    with pytest.raises(Failure, match="no article text"):
        extract_article(b"<html><body></body></html>", "https://example.test/empty")


# single pages


def test_single_pages_are_fetched_once(server, settings):
    url = server.serve("/a1", written_page())
    feeds = feed_store(settings)

    [first] = fetch(settings, feeds, [url])
    [second] = fetch(settings, feeds, [url])

    assert first.line() == f"{url}: 1 new, 0 already fetched" and second.status == "unchanged"
    assert server.count("/a1") == 1


# the command line


def run_cli(argv: list[str], tmp_path: Path, **environ: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    base = {"DATA_DIR": str(tmp_path / "data"), "FETCH_ALLOW_PRIVATE": "1", "FETCH_DELAY": "0"}
    env = Environment(stdout=out, stderr=err, environ={**base, **environ}, dotenv_path=tmp_path / ".env")
    code = main(argv, env)
    return code, out.getvalue(), err.getvalue()


def test_fetch_command_reports_a_failing_feed_and_feeds_list_shows_its_back_off(server, tmp_path):
    run_cli(["feeds", "add", server.serve("/feed", "oops", status=500), "--name", "flaky"], tmp_path)

    code, _, err = run_cli(["fetch"], tmp_path)
    _, listing, _ = run_cli(["feeds", "list"], tmp_path)

    assert code == EXIT_SOME_FILES_FAILED and "flaky: failed: HTTP 500 Internal Server Error" in err
    assert "Traceback" not in err and "\r" not in err, "no progress bar when stderr is not a terminal"
    assert "flaky" in listing and "1 failure(s) in a row, waiting until" in listing


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_fetch_command_shows_a_progress_bar_on_a_terminal(server, tmp_path):
    run_cli(["feeds", "add", server.serve("/feed", "oops", status=500)], tmp_path)
    err = Terminal()
    env = Environment(
        stdout=io.StringIO(),
        stderr=err,
        environ={"DATA_DIR": str(tmp_path / "data"), "FETCH_ALLOW_PRIVATE": "1"},
        dotenv_path=tmp_path / ".env",
    )

    main(["fetch"], env)

    assert "0/1" in err.getvalue() and "feed/s" in err.getvalue()


def test_fetch_command_with_page_urls(server, tmp_path):
    good, gone = server.serve("/a1", written_page()), server.url("/gone")

    code, _, err = run_cli(["fetch", good, gone], tmp_path, SPACY_MODEL="none-such-model")

    assert f"{good}: 1 new, 0 already fetched" in err and f"{gone}: failed: HTTP 404 Not Found" in err
    assert code == 1 and "none-such-model" in err, "the fetched page goes on to ingest (here to a missing model)"
    assert len(saved(settings_for(tmp_path))) == 1


def test_fetch_command_without_feeds_says_how_to_add_one(tmp_path):
    code, _, err = run_cli(["fetch"], tmp_path)

    assert code == 1 and "briefings feeds add URL" in err


@pytest.mark.slow
def test_feed_to_brief_end_to_end(server, tmp_path):
    """feeds add (local server) -> fetch -> brief shows the new facts, with the article's link."""
    page = server.serve("/agni", example_page(EXAMPLE_ARTICLES[0], canonical=server.url("/story/agni")))
    run_cli(["feeds", "add", server.serve("/rss", rss([("g1", page, None)]), etag='"1"'), "--name", "review"], tmp_path)

    code, _, err = run_cli(["fetch"], tmp_path)
    again_code, _, again = run_cli(["fetch"], tmp_path)
    _, brief, _ = run_cli(["brief", "--format", "json"], tmp_path)

    assert code == EXIT_OK and "review: 1 new, 0 already fetched" in err and "1 new" in err.splitlines()[-1]
    assert again_code == EXIT_OK and "review: unchanged" in again and server.count("/agni") == 1
    facts = json.loads(brief)
    assert any("Agni" in weapon["name"] for weapon in facts["weapons"]), facts["weapons"]
    assert server.url("/story/agni") in brief
    _, markdown, _ = run_cli(["brief", "--format", "md"], tmp_path)
    _, telegram, _ = run_cli(["brief", "--format", "html"], tmp_path)
    assert f"]({server.url('/story/agni')})" in markdown and f'<a href="{server.url("/story/agni")}">' in telegram


def waiting_time(feeds: FeedStore) -> timedelta:
    next_try = feeds.feeds()[0].next_try
    assert next_try is not None
    return next_try - utcnow()


@pytest.mark.slow
def test_ingest_fetched_reads_the_fetched_folder_once(server, settings, nlp):
    store = Store(settings.database_url)
    assert ingest_fetched(settings, store, lambda: nlp) is None, "nothing fetched yet: nothing to ingest"
    run_fetch(settings, store, [server.serve("/a1", written_page())])

    first = ingest_fetched(settings, store, lambda: nlp)
    again = ingest_fetched(settings, store, lambda: nlp)

    assert first is not None and (first.added, first.failures) == (1, [])
    assert again is not None and (again.added, again.unchanged) == (0, 1)
    [document] = store.documents()
    assert document.url == server.url("/a1") and document.title == "Port Elsin opens a second container terminal"


def test_backoff_waits_longer_after_each_failure(server, settings):
    feeds = feed_store(settings)
    feeds.add(server.serve("/feed", "oops", status=500), "flaky")
    fetch(settings, feeds)
    first = waiting_time(feeds)
    fetch(settings, feeds, force=True)
    second = waiting_time(feeds)

    assert server.count("/feed") == 2, "--force fetches a waiting feed"
    assert timedelta(minutes=29) < first <= timedelta(minutes=30) and timedelta(minutes=59) < second <= timedelta(
        hours=1
    )
