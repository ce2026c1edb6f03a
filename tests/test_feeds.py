"""The feeds kept in the store, the `briefings feeds` commands, OPML in and out, and the fetch settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from briefings.config import load_settings
from briefings.errors import BadInput, ConfigError
from briefings.fetch import read_opml, write_opml
from briefings.store import FeedStore, Store
from briefings.store.feeds import MAX_BACKOFF, FeedError, backoff, default_name
from tests.test_fetch import run_cli

INTERVAL = timedelta(minutes=30)


@pytest.fixture
def feeds(database_url) -> FeedStore:
    return FeedStore(Store(database_url))


def test_feeds_are_added_listed_and_removed_by_name_or_url(feeds):
    feeds.add("https://news.example.test/rss", "wire")
    feeds.add("https://www.example.test/atom.xml")

    assert [(f.name, f.url) for f in feeds.feeds()] == [
        ("example.test", "https://www.example.test/atom.xml"),
        ("wire", "https://news.example.test/rss"),
    ]
    assert feeds.remove("wire").url == "https://news.example.test/rss"
    assert feeds.remove("https://www.example.test/atom.xml").name == "example.test"
    assert feeds.feeds() == []


def test_a_feed_is_followed_once_and_names_stay_unique(feeds):
    feeds.add("https://example.test/rss", "wire")

    with pytest.raises(FeedError, match="followed already"):
        feeds.add("https://example.test/rss")
    with pytest.raises(FeedError, match="named 'wire' already"):
        feeds.add("https://example.test/other", "wire")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.test/rss", "example.test/rss", "https://"])
def test_only_web_addresses_can_be_followed(feeds, url):
    with pytest.raises(FeedError, match="not an http or https address"):
        feeds.add(url)


def test_removing_an_unknown_feed_names_the_known_ones(feeds):
    feeds.add("https://example.test/rss", "wire")

    with pytest.raises(FeedError, match="known feeds: wire"):
        feeds.remove("gazette")


def test_default_names_are_the_host_made_unique():
    assert default_name("https://www.example.test/rss", []) == "example.test"
    assert default_name("https://example.test/b", ["example.test", "example.test-2"]) == "example.test-3"


def test_failures_back_off_exponentially_up_to_a_day_and_a_success_resets_them(feeds):
    assert [backoff(n, INTERVAL) for n in (1, 2, 3)] == [INTERVAL, 2 * INTERVAL, 4 * INTERVAL]
    assert backoff(40, INTERVAL) == MAX_BACKOFF

    feed = feeds.add("https://example.test/rss")
    feeds.failed(feed, "HTTP 500", INTERVAL)
    failing = feeds.failed(feed, "HTTP 503", INTERVAL)
    assert failing is not None and failing.failures == 2 and failing.last_error == "HTTP 503"
    feeds.fetched(feed, '"v2"', None)
    [fetched] = feeds.feeds()
    assert (fetched.failures, fetched.next_try, fetched.last_error, fetched.etag) == (0, None, None, '"v2"')


def test_items_are_remembered_under_every_key(feeds):
    feeds.remember(["guid-1", "https://example.test/a", "https://example.test/a"], "fetched/a.json")

    assert feeds.seen(["https://example.test/a"]) == "fetched/a.json"
    assert feeds.seen(["guid-1", "other"]) == "fetched/a.json"
    assert feeds.seen(["guid-2", ""]) is None


def test_the_store_makes_the_feed_tables_with_its_own(database_url):
    Store(database_url).close()
    from sqlalchemy import create_engine, inspect

    engine = create_engine(database_url)
    tables = inspect(engine).get_table_names()
    engine.dispose()
    assert {"feeds", "fetched_items"} <= set(tables)


def test_a_store_made_before_feeds_existed_gets_their_tables(database_url):
    store = Store(database_url)
    with store.transaction() as session:
        session.execute(text("DROP TABLE feeds"))

    FeedStore(store).add("https://example.test/rss")

    assert [feed.url for feed in FeedStore(store).feeds()] == ["https://example.test/rss"]


# OPML

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Defence">
    <outline type="rss" text="Wire" xmlUrl="https://wire.example.test/rss"/>
    <outline type="rss" title="Gazette" text="ignored" xmlUrl="https://gazette.example.test/feed.xml"/>
  </outline>
  <outline text="a folder without feeds"/>
</body></opml>"""


def test_opml_nested_outlines_are_read(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text(OPML)

    assert read_opml(path) == [
        ("https://wire.example.test/rss", "Wire"),
        ("https://gazette.example.test/feed.xml", "Gazette"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"), [("<opml><body>", "not valid OPML"), ("<opml><body/></opml>", "no feed to import")]
)
def test_bad_opml_is_named(tmp_path, text, reason):
    path = tmp_path / "feeds.opml"
    path.write_text(text)

    with pytest.raises(BadInput, match=reason):
        read_opml(path)


def test_exported_opml_reads_back(feeds, tmp_path):
    feeds.add("https://example.test/rss?a=1&b=2", 'Quotes "and" <brackets>')
    path = tmp_path / "out.opml"
    path.write_text(write_opml(feeds.feeds()))

    assert read_opml(path) == [("https://example.test/rss?a=1&b=2", 'Quotes "and" <brackets>')]


# the command line


def test_feeds_commands(tmp_path: Path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML)

    code, _, err = run_cli(["feeds", "add", "https://wire.example.test/rss", "--name", "wire"], tmp_path)
    assert code == 0 and "following wire: https://wire.example.test/rss" in err
    code, _, err = run_cli(["feeds", "import", str(opml)], tmp_path)
    assert code == 0 and "skipped: https://wire.example.test/rss is followed already" in err
    assert "following Gazette" in err
    _, listing, _ = run_cli(["feeds", "list"], tmp_path)
    assert listing.splitlines() == [
        "Gazette  https://gazette.example.test/feed.xml  never fetched",
        "wire  https://wire.example.test/rss  never fetched",
    ]
    _, exported, _ = run_cli(["feeds", "export"], tmp_path)
    assert exported.startswith("<?xml") and 'xmlUrl="https://gazette.example.test/feed.xml"' in exported
    code, _, err = run_cli(["feeds", "remove", "wire"], tmp_path)
    assert code == 0 and "no longer following wire" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["feeds", "add", "file:///etc/passwd"], "not an http or https address"),
        (["feeds", "remove", "nothing"], "no feed is named 'nothing'"),
        (["feeds", "import", "missing.opml"], "missing.opml: cannot be read"),
    ],
)
def test_feeds_commands_fail_with_a_message(tmp_path, argv, message):
    code, _, err = run_cli(argv, tmp_path)

    assert code == 1 and message in err and "Traceback" not in err


# settings


def test_fetch_settings_defaults_and_values():
    defaults = load_settings({})
    assert (defaults.fetch_interval, defaults.fetch_delay, defaults.fetch_allow_private) == (30, 1.0, False)
    chosen = load_settings(
        {
            "FETCH_INTERVAL": "15",
            "FETCH_DELAY": "0.5",
            "FETCH_TIMEOUT": "5",
            "FETCH_MAX_BYTES": "1000",
            "FETCH_ALLOW_PRIVATE": "1",
        }
    )
    assert (chosen.fetch_interval, chosen.fetch_delay, chosen.fetch_timeout) == (15, 0.5, 5.0)
    assert chosen.fetch_max_bytes == 1000 and chosen.fetch_allow_private


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FETCH_INTERVAL", "0", "FETCH_INTERVAL must be from 1"),
        ("FETCH_DELAY", "soon", "FETCH_DELAY must be a number of seconds"),
        ("FETCH_TIMEOUT", "0", "FETCH_TIMEOUT must be from 0.1 to 600 seconds"),
        ("FETCH_MAX_BYTES", "-5", "FETCH_MAX_BYTES must be from 1"),
        ("FETCH_ALLOW_PRIVATE", "maybe", "FETCH_ALLOW_PRIVATE must be true or false"),
    ],
)
def test_bad_fetch_settings_are_named(name, value, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({name: value})
