"""Templates render a readable brief; chat HTML is valid and escaped (bot/messaging splits it for Telegram)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from briefings.models import Brief, DocFacts, Recommendation
from briefings.render import brief_view, render, render_digest, render_events, render_sources
from tests.factories import document, evidence, parade_facts

TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
}


class TelegramHTMLChecker(HTMLParser):
    """Fails on tags Telegram rejects and on unbalanced tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in TELEGRAM_TAGS, f"tag <{tag}> is not accepted by Telegram"
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"


def assert_telegram_html(message: str) -> None:
    checker = TelegramHTMLChecker()
    checker.feed(message)
    checker.close()
    assert checker.stack == []
    assert not re.search(r"&(?!(amp|lt|gt|quot|#\d+);)", message), "raw ampersand"


def make_brief(facts: DocFacts, docs=("p",)) -> Brief:
    return Brief(
        generated_at=datetime(2025, 10, 20, 8, 0, tzinfo=UTC),
        documents=tuple(document(d, url=f"https://news.example/{d}") for d in docs),
        **{k: getattr(facts, k) for k in ("events", "attendees", "weapons", "recommendations", "figures", "quotes")},
    )


def test_text_brief_lists_events_with_their_people_weapons_and_sources():
    text = render(make_brief(parade_facts("p")), "text")
    event_at = text.index("Military parade in Pyongyang")
    assert event_at < text.index("Kim Jong Un (Leader, North Korea), attended [1]")
    assert text.index("Pyongyang-missile (ICBM), displayed [1]") < text.index("== Recommendations")
    assert "United States should reinforce deterrence near Pyongyang (by A think tank) [1]" in text
    assert "[1] Title of p" in text and "https://news.example/p" in text


def test_markdown_escapes_emphasis_characters():
    facts = parade_facts("p")
    facts = DocFacts(
        recommendations=(Recommendation(actor="NATO", text="fund *all* of it_now", evidence=evidence("p")),)
    )
    md = render(make_brief(facts), "md")
    assert "fund \\*all\\* of it\\_now" in md and md.startswith("# Intelligence brief")


def test_html_escapes_article_text_and_uses_only_telegram_tags():
    hostile = DocFacts(
        recommendations=(
            Recommendation(
                actor="<script>alert(1)</script>", text="pay 5 < 6 & 7 > 2", by="A & B", evidence=evidence("p")
            ),
        )
    )
    message = render(make_brief(hostile), "html")
    assert "&lt;script&gt;" in message and "<script>" not in message
    assert "5 &lt; 6 &amp; 7 &gt; 2" in message
    assert_telegram_html(message)


def test_limit_shows_a_count_of_what_is_hidden():
    many = DocFacts(
        recommendations=tuple(Recommendation(actor=f"State {i}", text="act", evidence=evidence("p")) for i in range(7))
    )
    text = render(make_brief(many), "html", limit=3)
    assert text.count("should act") == 3 and "… and 4 more" in text


def test_section_renders_only_that_section():
    view = brief_view(make_brief(parade_facts("p")), section="weapons")
    assert view["weapons"] and not view["events"] and not view["recommendations"]


def test_json_format_is_the_schema_shape():
    data = json.loads(render(make_brief(parade_facts("p")), "json"))
    assert data["schema"] == "briefing/1"
    assert data["events"][0]["id"] == "pyongyang-2025-10-10"
    assert data["attendees"][0]["evidence"][0]["doc"] == "p"


def test_digest_sources_and_events_views():
    brief = make_brief(parade_facts("p"))
    assert render_digest(brief).startswith("<b>Daily digest")
    sources = render_sources(brief)
    assert '<a href="https://news.example/p">Title of p</a>' in sources
    assert_telegram_html(sources)
    events = render_events(list(brief.events), "html")
    assert "Military parade in Pyongyang" in events and "2025-10-10" in events
    assert "No events yet" in render_events([], "text")


def test_empty_brief_says_so():
    assert "Nothing here yet." in render(make_brief(DocFacts()), "text")


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_template_renders_without_undefined_variables(fmt):
    assert render(make_brief(parade_facts("p")), fmt).strip()


def test_limit_cuts_events_and_numbers_only_the_sources_shown():
    facts = [parade_facts(f"d{i}", city=f"City{i}", day=f"2025-09-{i + 1:02d}") for i in range(6)]
    merged = DocFacts(events=tuple(f.events[0] for f in facts), attendees=tuple(a for f in facts for a in f.attendees))
    view = brief_view(make_brief(merged, docs=[f"d{i}" for i in range(6)]), limit=2)
    assert [e["location"] for e in view["events"]] == ["City0", "City1"]
    assert view["more"]["events"] == 4
    assert [s["n"] for s in view["sources"]] == [1, 2]
    assert all(a["sources"] in ([1], [2]) for e in view["events"] for a in e["attendees"])


def test_generic_classes_fold_into_one_line_after_the_named_systems_and_json_keeps_each():
    from dataclasses import replace

    from briefings.models import Weapon, WeaponContext

    facts = parade_facts("p")
    event_id = facts.events[0].id
    classes = tuple(
        Weapon(name=n, context=WeaponContext.DISPLAYED, event=event_id, evidence=evidence("p"))
        for n in ("tanks", "drones")
    )
    brief = make_brief(replace(facts, weapons=facts.weapons + classes))
    text = render(brief, "text")
    assert "   - Also mentioned: tanks, drones" in text
    assert text.index("Pyongyang-missile (ICBM), displayed [1]") < text.index("Also mentioned: tanks, drones")
    assert "- tanks," not in text
    assert {"tanks", "drones", "Pyongyang-missile"} <= {w["name"] for w in json.loads(render(brief, "json"))["weapons"]}
    html = render(brief, "html")
    assert_telegram_html(html)
    assert "Also mentioned: tanks, drones" in html and "Also mentioned: tanks, drones" in render(brief, "md")


def test_markdown_escapes_article_html_and_link_characters():
    hostile = DocFacts(
        recommendations=(
            Recommendation(
                actor="<img src=x onerror=alert(1)>",
                text="see [this](javascript:alert(1)) & `that`",
                evidence=evidence("p"),
            ),
        )
    )
    md = render(make_brief(hostile), "md")
    assert "<img" not in md and "&lt;img src=x onerror=alert\\(1\\)&gt;" in md
    assert "](javascript:" not in md and "\\[this\\]\\(javascript:alert\\(1\\)\\)" in md
    assert "&amp; \\`that\\`" in md


@pytest.mark.parametrize("fmt", ["md", "html", "text"])
@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " data:text/html,x", "vbscript:x"])
def test_only_http_links_reach_a_brief(fmt, url):
    brief = make_brief(parade_facts("p"))
    brief = Brief(**{**vars(brief), "documents": (document("p", url=url),)})
    out = render(brief, fmt) + render_sources(brief, fmt)
    assert "script:" not in out.lower() and "data:" not in out
    assert "Title of p" in out


def test_an_http_link_with_brackets_keeps_its_markdown_link_whole():
    brief = make_brief(parade_facts("p"))
    brief = Brief(**{**vars(brief), "documents": (document("p", url="https://news.example/a_(b) c"),)})
    md = render_sources(brief, "md")
    assert "[Title of p](https://news.example/a_%28b%29%20c)" in md


def test_a_cut_brief_of_the_whole_store_counts_the_stores_articles_not_only_those_it_shows():
    from datetime import UTC, datetime

    from briefings.models import Brief

    brief = Brief(
        generated_at=datetime(2025, 9, 4, tzinfo=UTC),
        documents=(),
        stats={"documents": 100_000, "cited_documents": 3},
        totals={
            "events": 100,
            "attendees": 0,
            "weapons": 0,
            "recommendations": 0,
            "figures": 0,
            "quotes": 0,
            "cap": 100,
        },
    )
    assert "100000 articles" in render(brief, "text")
    assert "100+ events" in render(brief, "text")
