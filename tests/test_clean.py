"""Cleaning: each kind of boilerplate goes, every real sentence stays, metadata is read from what goes."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefings.clean import (
    clean_document,
    clean_text,
    document_id,
    load_rules,
    normalise_whitespace,
    parse_date,
    split_sentences,
)
from briefings.corpus import read_file
from briefings.errors import BadInput
from briefings.models import RawDocument

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

HEADLINE = "Fishing Fleet Races Storm Into Velmora Harbour"
P1 = (
    "Harbour officials counted forty-two trawlers entering the breakwater before dawn on Tuesday, "
    "hours ahead of the gale."
)
P2 = "Captain Ilse Marrow said her crew had turned back at midnight after a radio warning from the coastguard."
P3 = "The regional weather office said its model had underestimated how quickly the system would move north."
BODY = [P1, P2, P3]

MESSY = "\r\n".join(
    [
        "March 4, 2026 | Field Report",
        HEADLINE,
        "March 4, 2026 | Field Report",
        HEADLINE,
        P1,
        "-",
        "Crew members secure nets on the quay in Velmora, Tuesday, March 3, 2026. (Coastal Ledger via AP)",
        P2,
        "Bold. Honest. Local.TM",
        "Why the warning came late",
        P3,
        "Photo: Waves break over the northern pier.",
        "Dana Whitlock is a senior fellow at the Institute for Maritime Safety (IMS). Omar Reyes is an adjunct analyst "
        "with IMS’s Coastal Programme. For more analysis from Dana and Omar, please subscribe HERE. Follow Dana on X "
        "@dwhitlock_ims. IMS is a Lisbon-based, nonpartisan research institute focusing on ocean safety.",
        "",
        "",
        "",
    ]
)


def kinds(result) -> set[str]:
    return {kind for kind, _ in result.removed}


def lines(result) -> list[str]:
    return result.text.split("\n")


# the whole messy article


def test_messy_article_loses_all_boilerplate_and_keeps_every_sentence():
    result = clean_text(MESSY)
    assert lines(result) == [
        HEADLINE,
        P1,
        "Crew members secure nets on the quay in Velmora, Tuesday, March 3, 2026.",
        P2,
        "Why the warning came late",
        P3,
        "Waves break over the northern pier.",
    ]
    assert kinds(result) == {"repeat", "dateline", "separator", "caption", "slogan", "bio"}


def test_messy_article_metadata():
    result = clean_text(MESSY)
    assert result.title == HEADLINE
    assert result.published == date(2026, 3, 4)
    assert result.kicker == "Field Report"
    assert result.authors == ("Dana Whitlock", "Omar Reyes")
    assert result.source == "Institute for Maritime Safety"
    assert result.photo_date == date(2026, 3, 3)


# one kind at a time

ANYWHERE = [
    ("-", "separator"),
    ("* * *", "separator"),
    ("Straight News. No Spin.TM", "slogan"),
    ("Clear Reporting™", "slogan"),
    ("Bold. Honest. Local.", "slogan"),
    ("Follow Dana Whitlock on X @dwhitlock_ims.", "follow"),
    ("Follow us on Telegram for live updates.", "follow"),
    ("• Follow us on", "follow"),
    ("• Follow us on Mastodon", "follow"),
    ("• Watch us on YouTube", "follow"),
    ("- Find us on Flickr", "follow"),
    ("To keep reading our coverage, please subscribe HERE.", "subscribe"),
    ("Sign up for our daily newsletter.", "subscribe"),
    ("For more analysis from the maritime team, visit our homepage.", "more_from"),
    ("Read more: Storm season starts early", "read_more"),
    ("Baca Juga : Harbour Master Praises the Fleet: We Must Learn", "read_more"),
    ("Lire aussi : La saison des tempêtes commence tôt", "read_more"),
    ("Lee también: Comienza la temporada de tormentas", "read_more"),
    ("Advertisement", "navigation"),
    ("Your web browser is out of date. Update it for the best experience of this site", "navigation"),
    ("Please enable JavaScript to watch this video.", "navigation"),
    ("Shares", "navigation"),
    ("Share this article", "navigation"),
    ("- Share via", "navigation"),
    ("2. Skip to main menu", "navigation"),
    ("Go to Contents Go to Navigation", "navigation"),
    ("3. Skip to more Coastal Ledger sites", "navigation"),
    ("© 2026 Coastal Ledger. All rights reserved.", "copyright"),
    ("Listen to this article · 4 min", "navigation"),
    ("3 min read", "navigation"),
    ("Facebook Twitter Email Copy link", "navigation"),
    ("Tags: Norland, Fisheries, Weather", "tags"),
    ("• Join the debate – write to the letters desk", "navigation"),
    ("• Read more letters – click here to visit the letters page", "navigation"),
]


@pytest.mark.parametrize("boilerplate, kind", ANYWHERE)
def test_boilerplate_line_is_removed_anywhere(boilerplate, kind):
    result = clean_text("\n".join([HEADLINE, P1, P2, boilerplate, P3, "A closing line of ordinary prose sits here."]))
    assert boilerplate not in lines(result)
    assert (kind, boilerplate) in result.removed
    assert lines(result) == [HEADLINE, P1, P2, P3, "A closing line of ordinary prose sits here."]


CAPTIONS = [
    (
        "Sailors wave from the deck of a trawler in Velmora on Tuesday. (AP Photo/Jane Fielding)",
        "Sailors wave from the deck of a trawler in Velmora on Tuesday.",
    ),
    (
        "Sailors wave from the deck of a trawler in Velmora on Tuesday. (Coastal Ledger via AP)",
        "Sailors wave from the deck of a trawler in Velmora on Tuesday.",
    ),
    (
        "Sailors wave from the deck of a trawler in Velmora on Tuesday. REUTERS/Jane Fielding",
        "Sailors wave from the deck of a trawler in Velmora on Tuesday.",
    ),
    ("Photo: Sailors wave from the deck of a trawler.", "Sailors wave from the deck of a trawler."),
    ("FILE - Sailors wave from the deck of a trawler in Velmora, April 17, 2024.", None),  # an earlier day's photo
    ("IMAGE: Mayor Ana Ruiz at the harbour. Photograph: Jane Fielding/Pool", "Mayor Ana Ruiz at the harbour."),
    ("Image caption, Sailors wave from the deck", "Sailors wave from the deck"),
    ("Image source, Getty Images", None),
    ("Photograph: Jane Fielding/Pool/Coastal Ledger", None),
    (
        "Camera Icon Mayor Ana Ruiz and her husband arrive at the harbour. Credit: Jane Fielding / AP",
        "Mayor Ana Ruiz and her husband arrive at the harbour.",
    ),
]


@pytest.mark.parametrize("caption, said", CAPTIONS)
def test_a_caption_loses_its_label_and_credit_and_keeps_what_it_says(caption, said):
    """In a photo gallery the captions are the story: who was there is often said nowhere else."""
    result = clean_text("\n".join([HEADLINE, P1, caption, P2]))
    assert ("caption", caption) in result.removed
    assert lines(result) == [HEADLINE, P1, *([said] if said else []), P2]


TAIL = [
    (
        "The information is collected from Harbour Radio and Velmora Daily.",
        "credit",
        "Harbour Radio, Velmora Daily",
        (),
    ),
    ("Source: Velmora Daily", "credit", "Velmora Daily", ()),
    ("(With inputs from Harbour Radio)", "credit", "Harbour Radio", ()),
    (
        "Dana Whitlock is a professor of oceanography at Tallin Marine College.",
        "bio",
        "Tallin Marine College",
        ("Dana Whitlock",),
    ),
    ("(Reporting by Dana Whitlock in Velmora; Editing by Omar Reyes)", "reporting_credit", None, ("Dana Whitlock",)),
    (
        "The Institute for Maritime Safety is an independent think tank based in Lisbon.",
        "org_blurb",
        "The Institute for Maritime Safety",
        (),
    ),
    ("This article was originally published by The Harbour Review.", "credit", "The Harbour Review", ()),
    ("Omar Reyes in Velmora contributed to this report.", "contributors", None, ()),
    ("Contact the author at dana.whitlock@ledger.example.org.", "contact", None, ()),
]


@pytest.mark.parametrize("boilerplate, kind, source, authors", TAIL)
def test_tail_boilerplate_is_removed_and_feeds_metadata(boilerplate, kind, source, authors):
    result = clean_text("\n".join([HEADLINE, *BODY, boilerplate, "", ""]))
    assert lines(result) == [HEADLINE, *BODY]
    assert (kind, boilerplate) in result.removed
    assert result.source == source
    assert result.authors == authors


def test_boilerplate_sentences_ending_the_last_paragraph_are_trimmed():
    last = P3 + " Follow the Ledger on Facebook. Please subscribe to our newsletter."
    result = clean_text("\n".join([HEADLINE, P1, P2, last]))
    assert lines(result) == [HEADLINE, P1, P2, P3]


@pytest.mark.parametrize(
    "head, published, kicker",
    [
        ("October 15, 2025 | Policy Brief", date(2025, 10, 15), "Policy Brief"),
        ("Analysis · 3 March 2024", date(2024, 3, 3), "Analysis"),
        ("Friday, October 10, 2025", date(2025, 10, 10), None),
        ("Sept. 3, 2025", date(2025, 9, 3), None),
        ("2025-09-03", date(2025, 9, 3), None),
        ("Published: 3 September 2025 10:45 BST", date(2025, 9, 3), None),
        ("Jan 26, 2023 / 11:53 AM IST", date(2023, 1, 26), None),
        ("  • Published : Jul 31, 2017 - 17:35", date(2017, 7, 31), None),
        ("23 Sep 2021|", date(2021, 9, 23), None),
        ("September 4, 2018 29 min read Download Report", date(2018, 9, 4), None),
    ],
)
def test_leading_dateline_is_removed_and_dated(head, published, kicker):
    result = clean_text("\n".join([head, HEADLINE, *BODY]))
    assert lines(result) == [HEADLINE, *BODY]
    assert (result.published, result.kicker) == (published, kicker)
    assert result.removed[0][0] == "dateline"


@pytest.mark.parametrize(
    "head, published, authors, kicker",
    [
        (
            "March 4, 2026 | Europe | By Ana Ribeiro and Tomas Weil",
            date(2026, 3, 4),
            ("Ana Ribeiro", "Tomas Weil"),
            "Europe",
        ),
        ("By Ana Ribeiro | 4 March 2026 | Analysis", date(2026, 3, 4), ("Ana Ribeiro",), "Analysis"),
    ],
)
def test_a_dateline_of_several_segments_gives_date_authors_and_kicker(head, published, authors, kicker):
    result = clean_text("\n".join([HEADLINE, head, *BODY]))
    assert lines(result) == [HEADLINE, *BODY]
    assert (result.published, result.authors, result.kicker) == (published, authors, kicker)


def test_a_menu_line_of_segments_without_a_date_is_kept():
    menu = "Home | World | Sport | The long read on how the harbour city rebuilt its docks"
    assert lines(clean_text("\n".join([HEADLINE, menu, *BODY])))[1] == menu


def test_byline_gives_authors_and_outlet():
    result = clean_text("\n".join([HEADLINE, "By Dana Whitlock and Omar Reyes | Coastal Ledger", *BODY]))
    assert lines(result) == [HEADLINE, *BODY]
    assert result.authors == ("Dana Whitlock", "Omar Reyes")
    assert result.source == "Coastal Ledger"


def test_wire_dateline_prefix_is_cut_and_the_sentence_kept():
    first = "VELMORA, Norland (AP) — Harbour officials counted forty-two trawlers before dawn on Tuesday."
    result = clean_text("\n".join([HEADLINE, first, P2, P3]))
    assert lines(result)[1] == "Harbour officials counted forty-two trawlers before dawn on Tuesday."
    assert result.source == "AP"


def test_a_known_city_in_capitals_and_a_colon_is_a_dateline_and_a_kicker_is_not():
    first = "KARACHI: Harbour officials counted forty-two trawlers before dawn on Tuesday."
    result = clean_text("\n".join([HEADLINE, first, P2, P3]))
    assert result.places == ("KARACHI",)
    assert lines(result)[1] == "Harbour officials counted forty-two trawlers before dawn on Tuesday."
    kicker = clean_text("\n".join([HEADLINE, "PICTORIAL: Harbour officials counted forty-two trawlers.", P2]))
    assert kicker.places == () and lines(kicker)[1].startswith("PICTORIAL:")


def test_a_known_city_in_capitals_with_accents_and_a_dash_is_a_dateline_and_an_unknown_one_is_not():
    result = clean_text("\n".join([HEADLINE, "HÀ NỘI — Harbour officials counted forty-two trawlers on Tuesday.", P2]))
    assert result.places == ("HÀ NỘI",)
    assert lines(result)[1] == "Harbour officials counted forty-two trawlers on Tuesday."
    kicker = clean_text("\n".join([HEADLINE, "ÉDITO — Harbour officials counted forty-two trawlers on Tuesday.", P2]))
    assert kicker.places == () and lines(kicker)[1].startswith("ÉDITO")


@pytest.mark.parametrize(
    "city,colon",
    [("Karachi", ": "), ("New Delhi", ": "), ("Lahore", " :"), ("Rio de Janeiro", ": "), ("Dar es Salaam", ": ")],
)
def test_a_known_city_in_title_case_and_a_colon_is_a_dateline_and_a_kicker_is_not(city, colon):
    result = clean_text(
        "\n".join([HEADLINE, f"{city}{colon}Harbour officials counted forty-two trawlers on Tuesday.", P2])
    )
    assert result.places == (city,)
    assert lines(result)[1] == "Harbour officials counted forty-two trawlers on Tuesday."
    kicker = clean_text("\n".join([HEADLINE, "Opinion: Harbour officials counted forty-two trawlers.", P2]))
    assert kicker.places == () and lines(kicker)[1].startswith("Opinion:")


def test_a_state_agency_dateline_with_a_dotted_date_and_a_bracketed_name_dates_the_article():
    first = "VELMORA, 03.09.2025 /NA «Coastal»/. On September 3, harbour officials counted forty-two trawlers."
    result = clean_text("\n".join([HEADLINE, first, P2, P3]))
    assert result.published == date(2025, 9, 3) and result.places == ("VELMORA",)
    assert lines(result)[1] == "On September 3, harbour officials counted forty-two trawlers."


def test_a_bracketed_outlet_and_date_after_the_place_and_a_handle_bylines_stamp_date_the_article():
    first = "VELMORA, (Coastal Wire / Harbour News - 14th Oct, 2024) Harbour officials counted forty-two trawlers."
    result = clean_text("\n".join([HEADLINE, first, P2, P3]))
    assert result.published == date(2024, 10, 14) and result.places == ("VELMORA",)
    assert result.source == "Coastal Wire / Harbour News"
    assert lines(result)[1] == "Harbour officials counted forty-two trawlers."
    stamp = "Dana Whitlock (@dwhitlock) Published March 3, 2024 | 05:10 PM"
    result = clean_text("\n".join([HEADLINE, stamp, "Harbour officials counted forty-two trawlers.", P2]))
    assert result.published == date(2024, 3, 3) and result.authors == ("Dana Whitlock",)
    assert lines(result)[1] == "Harbour officials counted forty-two trawlers."


def test_a_date_with_its_time_after_page_furniture_is_a_stamp_but_a_sentence_with_one_is_prose():
    result = clean_text("\n".join([HEADLINE, "Harbour Desk Update: 2024-03-03 06:26 IST", P2, P3]))
    assert result.published == date(2024, 3, 3) and lines(result)[1] == P2
    prose = "The fleet sailed on March 3, 2024 at 06:26 from the northern quay."
    result = clean_text("\n".join([HEADLINE, prose, P2, P3]))
    assert result.published is None and lines(result)[1] == prose


@pytest.mark.parametrize(
    "head, published",
    [
        ("- The Harbour Courier - Saturday, July 22, 2017", date(2017, 7, 22)),
        ("Coastal Wire-Harbour Today 2024.05.09.", date(2024, 5, 9)),
        ("Publish Date : 23/ 09/ 2020", date(2020, 9, 23)),
        ("Harbour Desk Editorials 11th October 2025", date(2025, 10, 11)),
        ("By Staff Report in Maritime on 16 September 2022", date(2022, 9, 16)),
        ("Updated at 13:19,16-08-2022", date(2022, 8, 16)),
        ("10Dec 2021", date(2021, 12, 10)),
    ],
)
def test_a_date_on_a_short_head_line_dates_the_article_and_the_line_is_kept(head, published):
    result = clean_text("\n".join([HEADLINE, head, P1, P2]))
    assert result.published == published and lines(result)[1:3] == [head, P1]


@pytest.mark.parametrize(
    "head",
    [
        "The trawlers lay at the northern quay in a photo taken on June 15, 2016.",  # a caption: a sentence
        "— Harbour Master (@harbourmaster) June 5, 2024",  # an embedded post, of its own day
        "14 November 9617 2 minutes",  # a view count run into the date
    ],
)
def test_a_caption_sentence_or_an_embedded_post_on_a_head_line_does_not_date_the_article(head):
    assert clean_text("\n".join([HEADLINE, head, P1, P2])).published is None


def test_only_repeated_lines_are_dropped_and_once():
    result = clean_text("\n".join([HEADLINE, HEADLINE, P1, P2, P1, P3]))
    assert lines(result) == [HEADLINE, P1, P2, P3]
    assert [k for k, _ in result.removed] == ["repeat", "repeat"]


# what must survive

SURVIVORS = [
    "Residents were urged to follow the evacuation route posted on the town hall door.",
    "Follow-up inspections of the pier are planned for Friday, the harbour master said.",
    "Follow the coastal road north and the damage becomes obvious within a mile.",
    "Farmers who subscribe to the cooperative’s insurance scheme were paid within a week.",
    "October 10, 2025 was the last time the harbour had closed for a storm.",
    "Sept. 3 marked the end of the fishing season, according to the port authority.",
    "Storm ahead",
    "Yes.",
    "A photograph of the flooded pier (taken by a resident) circulated widely online.",
    "The images were distributed via AP and showed the pier under water.",
    "Gale-force winds tore the roof off the ferry office (the third time this decade)",
    "Dana Whitlock is a senior fellow at the Institute for Maritime Safety, and she warned that the wall was too low.",
    "The report was compiled from interviews with forty captains over three days.",
    "Copyright disputes over the harbour photographs are still unresolved.",
    "Advertisement boards along the quay were blown into the water.",
    "For more than a decade, the breakwater has been the town’s main defence.",
    "Read the full forecast at the harbour office, officials said.",
    "- Boats returned: 42",
    "“We were lucky,” said Marrow, who has fished these waters since 1998.",
    "Who will pay for the repairs?",
    "By Tuesday evening the wind had dropped and the first boats went back out.",
    "NATO ships were not in the harbour at the time, the coastguard said.",
    "Dr. Lena Ortiz, the harbour physician, treated two sailors for hypothermia.",
    "Read more widely and you find the same warning in older reports.",
    "Tags on the crates showed they had come from the northern depot.",
    "The article was published on the front page of the town’s weekly paper.",
    "Ten fishermen contributed to the rescue fund, the mayor said.",
]


def test_tricky_real_sentences_survive_in_the_body():
    result = clean_text("\n".join([HEADLINE, P1, *SURVIVORS, P2, P3]))
    assert lines(result) == [HEADLINE, P1, *SURVIVORS, P2, P3]
    assert result.removed == ()


BIO_SHAPED = next(s for s in SURVIVORS if s.startswith("Dana Whitlock is"))


@pytest.mark.parametrize("sentence", SURVIVORS)
def test_tricky_sentence_survives_at_the_top_and_at_the_end(sentence):
    top = clean_text("\n".join([sentence, P1, P2, P3]))
    end = clean_text("\n".join([P1, P2, P3, sentence]))
    assert sentence in lines(top)
    assert lines(end)[-1] == sentence or sentence == BIO_SHAPED


def test_a_bio_shaped_sentence_is_read_as_a_bio_only_when_it_ends_the_article():
    middle = clean_text("\n".join([P1, BIO_SHAPED, P2]))
    end = clean_text("\n".join([P1, P2, BIO_SHAPED]))
    assert BIO_SHAPED in lines(middle) and middle.authors == ()
    assert BIO_SHAPED not in lines(end) and end.authors == ("Dana Whitlock",)


# whitespace and unicode


def test_whitespace_is_normalised_and_unicode_kept():
    text = "Tô Lâm\u00a0visited\u200b the quay.\r\n\r\n\r\n  Díaz-Canel’s  “envoy”\tarrived.  \rVučić waved.\n\n\n"
    result = clean_text(text)
    assert result.text == "Tô Lâm visited the quay.\nDíaz-Canel’s “envoy” arrived.\nVučić waved."


def test_decomposed_accents_are_composed():
    assert normalise_whitespace("Vuc\u030cic\u0301") == "Vučić"


def test_hard_wrapped_paragraphs_are_joined_one_per_line():
    wrapped = (
        "Harbour officials counted forty-two trawlers entering the\n"
        "breakwater before dawn on Tuesday, hours ahead of the gale\n"
        "that had been forecast since the weekend.\n\n"
        "Captain Ilse Marrow said her crew had turned back at\n"
        "midnight after a radio warning from the coastguard.\n"
    )
    result = clean_text(wrapped)
    assert lines(result) == [
        "Harbour officials counted forty-two trawlers entering the breakwater before dawn on Tuesday, hours ahead "
        "of the gale that had been forecast since the weekend.",
        "Captain Ilse Marrow said her crew had turned back at midnight after a radio warning from the coastguard.",
    ]


def test_lines_wrapped_at_a_fixed_width_without_blank_lines_are_joined_by_paragraph():
    wrapped = (
        "Trawlers shelter from the gale\n"
        "GDANSK, Oct 16 Harbour officials counted forty-two trawlers\n"
        "entering the breakwater before dawn on Tuesday, hours ahead of\n"
        "the gale forecast since the weekend, and the harbour master\n"
        "Ilse Marrow closed the outer basin to all but lifeboats.\n"
        "OUTER BASIN\n"
        "Captain Tomas Reyes, whose crew had turned back at midnight,\n"
        "said the warning from the coastguard came late but clear, and\n"
        "that the fleet of the U.S.\n"
        "navy base nearby had offered berths to the smaller boats of\n"
        "the coast.\n"
        "Fishermen on the quay said the last storm of this strength had\n"
        "struck the port eleven years ago.\n"
    )
    result = clean_text(wrapped)
    assert result.places == ("GDANSK",)
    assert lines(result) == [
        "Trawlers shelter from the gale",
        "Harbour officials counted forty-two trawlers entering the breakwater before dawn on Tuesday, hours ahead of "
        "the gale forecast since the weekend, and the harbour master Ilse Marrow closed the outer basin to all but "
        "lifeboats.",
        "OUTER BASIN",
        "Captain Tomas Reyes, whose crew had turned back at midnight, said the warning from the coastguard came late "
        "but clear, and that the fleet of the U.S. navy base nearby had offered berths to the smaller boats of the "
        "coast.",
        "Fishermen on the quay said the last storm of this strength had struck the port eleven years ago.",
    ]


def test_wrapped_copy_that_starts_on_the_first_line_goes_on_in_lower_case():
    wrapped = (
        "GDANSK, Oct 16 Harbour master Ilse Marrow is the first U.S.\n"
        "citizen to be harbour master of the port, a post held since the\n"
        "war by officers of the city's own fleet, and she closed the\n"
        "outer basin on Tuesday to all but the lifeboats of the coast.\n"
        "Captain Tomas Reyes, whose crew had turned back at midnight,\n"
        "said the warning from the coastguard came late but clear, and\n"
        "that the fleet of the navy base nearby had offered berths to\n"
        "the smaller boats of the coast and the ferries of the islands.\n"
        "Fishermen on the quay said the last storm of this strength had\n"
        "struck the port eleven years ago.\n"
    )
    result = clean_text(wrapped)
    assert result.places == ("GDANSK",)
    assert lines(result)[0].startswith("Harbour master Ilse Marrow is the first U.S. citizen to be harbour master")


def test_short_sentences_one_per_line_are_not_taken_for_wrapped_text():
    text = "\n".join([HEADLINE, *[f"Officials counted {n} trawlers entering the breakwater today." for n in range(9)]])
    assert len(lines(clean_text(text))) == 10


def test_one_paragraph_per_line_never_blank_lines():
    result = clean_text("\n\n".join([HEADLINE, "Why it matters", P1, P2]) + "\n\n\n")
    assert result.text == "\n".join([HEADLINE, "Why it matters", P1, P2])


def test_title_is_none_when_the_article_opens_with_a_paragraph():
    assert clean_text("\n".join(BODY)).title is None
    assert clean_text("\n".join([HEADLINE, *BODY])).title == HEADLINE


# helpers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("October 15, 2025", date(2025, 10, 15)),
        ("Sept. 3, 2025", date(2025, 9, 3)),
        ("3 Sept 2025", date(2025, 9, 3)),
        ("Friday, October 10, 2025", date(2025, 10, 10)),
        ("2025-09-03T08:00:00+09:00", date(2025, 9, 3)),
        ("Wed, 03 Sep 2025 08:00:00 GMT", date(2025, 9, 3)),
        ("February 30, 2025", None),
        ("next Tuesday", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_split_sentences_keeps_abbreviations_and_initials_together():
    text = "Dr. Ortiz met U.S. envoys in Velmora. John F. Kennedy Jr. was not there. “It rained,” she said."
    assert split_sentences(text) == [
        "Dr. Ortiz met U.S. envoys in Velmora.",
        "John F. Kennedy Jr. was not there.",
        "“It rained,” she said.",
    ]


def test_every_rule_in_the_data_file_is_well_formed():
    rules = load_rules()
    assert len(rules) >= 15
    for rule in rules:
        assert rule.match in {"line", "sentence", "prefix"} and rule.where in {"head", "any", "tail"}
        assert rule.note and set(rule.regex.groupindex) <= {
            "date",
            "monthday",
            "stamp",
            "kicker",
            "authors",
            "source",
            "sources",
            "place",
        }


# documents


def raw(path: str, text: str = MESSY, **extra) -> RawDocument:
    return RawDocument(path=path, text=text, mtime=1_700_000_000.0, **extra)


def test_document_from_a_messy_file(tmp_path):
    document = clean_document(raw(str(tmp_path / "news" / "Fleet Story.txt")), root=tmp_path)
    assert document.id.startswith("fleet-story-") and re.fullmatch(r"fleet-story-[0-9a-f]{8}", document.id)
    assert document.title == HEADLINE
    assert (document.published, document.published_from) == (date(2026, 3, 4), "dateline")
    assert document.source == "Institute for Maritime Safety"
    assert document.authors == ("Dana Whitlock", "Omar Reyes")
    assert document.content_hash == hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    assert document.path == str(tmp_path / "news" / "Fleet Story.txt")


def test_ids_are_stable_across_folders_and_distinct_per_file_and_record(tmp_path):
    a = document_id(str(tmp_path / "one" / "news" / "story.txt"), tmp_path / "one")
    moved = document_id(str(tmp_path / "two" / "news" / "story.txt"), tmp_path / "two")
    other = document_id(str(tmp_path / "one" / "other" / "story.txt"), tmp_path / "one")
    record = document_id(str(tmp_path / "one" / "feed.jsonl") + "#3", tmp_path / "one")
    assert a == moved
    assert a != other and a.startswith("story-") and other.startswith("story-")
    assert record.startswith("feed-3-")
    assert record != document_id(str(tmp_path / "one" / "feed.jsonl") + "#4", tmp_path / "one")


def test_file_metadata_wins_over_the_text():
    document = clean_document(
        raw(
            "feed.json#0",
            fmt="json",
            title="  Fleet\nreturns ",
            published="2025-01-02",
            source="Velmora Daily",
            url="https://v.example/1",
        )
    )
    assert (document.title, document.published, document.published_from) == ("Fleet returns", date(2025, 1, 2), "json")
    assert (document.source, document.url) == ("Velmora Daily", "https://v.example/1")
    html = clean_document(raw("page.html", fmt="html", published="2025-01-03"))
    assert (html.published, html.published_from) == (date(2025, 1, 3), "html")


def test_unreadable_metadata_date_falls_back_to_the_dateline():
    document = clean_document(raw("feed.json#0", fmt="json", published="sometime soon"))
    assert (document.published, document.published_from) == (date(2026, 3, 4), "dateline")


def test_caption_date_then_file_time_are_the_fallbacks():
    captioned = clean_document(
        raw(
            "a.txt",
            "\n".join([HEADLINE, P1, "Boats at the quay, Tuesday, March 3, 2026. (AP Photo/Jane Fielding)", P2]),
        )
    )
    assert (captioned.published, captioned.published_from) == (date(2026, 3, 3), "caption")
    plain = clean_document(raw("b.txt", "\n".join(BODY)))
    expected = datetime.fromtimestamp(1_700_000_000, tz=UTC).date()
    assert (plain.published, plain.published_from) == (expected, "file_time")


def test_a_file_of_only_boilerplate_is_bad_input():
    with pytest.raises(BadInput) as caught:
        clean_document(raw("junk.txt", "Advertisement\n-\nShare this article\n"))
    assert caught.value.path == "junk.txt" and "boilerplate" in caught.value.reason


# the five seed articles (read from ../shared, never copied)

MARKERS = [
    re.compile(r"@\w"),
    re.compile(r"(?i)please subscribe"),
    re.compile(r"(?i)\bcollected from\b"),
    re.compile(r"[^A-Z\s](?:TM|™)$"),
    re.compile(r"\((?:[^()]* )?via [^()]+\)$"),
    re.compile(r"^[-–—]$"),
    re.compile(r"^\w+\.? \d{1,2}, \d{4} \|"),
]


def seed_files() -> list[Path]:
    folder = SHARED / "corpus" / "seeds"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/seeds is not available")
    return sorted(folder.glob("*.txt"))


def test_seed_articles_lose_boilerplate_and_keep_every_other_sentence():
    for path in seed_files():
        [raw_document] = read_file(path)
        result = clean_text(raw_document.text)
        cleaned = lines(result)
        removed_texts = [text for _, text in result.removed]
        assert all(cleaned) and len(cleaned) == len(set(cleaned)), path.name
        for line in cleaned:
            assert not any(marker.search(line) for marker in MARKERS), (path.name, line)
        for original in normalise_whitespace(raw_document.text).split("\n"):
            for sentence in split_sentences(original):
                if len(sentence.split()) >= 4 and not any(sentence in text for text in removed_texts):
                    assert sentence in result.text, (path.name, sentence)
        original_words = len(raw_document.text.split())
        dropped = sum(len(t.split()) for k, t in result.removed if k != "repeat")
        assert dropped < 0.15 * original_words, path.name


def test_cleaning_a_seed_twice_changes_nothing():
    for path in seed_files():
        once = clean_text(read_file(path)[0].text)
        twice = clean_text(once.text)
        assert twice.text == once.text and twice.removed == (), path.name


def test_a_broken_rule_file_names_the_line(tmp_path):
    rules = tmp_path / "rules.jsonl"
    rules.write_text(
        '{"kind": "x", "match": "line", "where": "any", "pattern": "ok"}\n'
        '{"kind": "y", "match": "line", "where": "any", "pattern": "(unclosed"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"rules.jsonl:2: bad boilerplate rule"):
        load_rules(rules)


def test_an_article_without_a_headline_is_titled_by_its_first_sentence():
    raw = RawDocument(
        path="/corpus/lead.txt",
        text=(
            "Ministers from nine coastal states met in Lisbon on Monday to agree new rules for patrolling shared "
            "fishing grounds. "
            "The talks ran late into the night.\nA second paragraph follows."
        ),
    )
    title = clean_document(raw).title or ""
    assert title.startswith("Ministers from nine coastal states met in Lisbon") and title.endswith("…")
    assert len(title) <= 91


# page metadata and wire datelines in the shapes real pages carry them


@pytest.mark.parametrize(
    "head, published",
    [
        ("date 2025-09-03 Home World", date(2025, 9, 3)),
        ("Updated 1:13 p.m. ET, Sept. 3, 2025", date(2025, 9, 3)),
        ("Source: Coastal Wire   2025-09-03 16:07:31", date(2025, 9, 3)),
        ("Coastal Wire, September 3, 2025 Adjust font size:", date(2025, 9, 3)),
        ("All News 07:00 September 03, 2025", date(2025, 9, 3)),
        ("Wednesday, September 3, 2025 Advertise With Us", date(2025, 9, 3)),
        ("03.09.2025 Author: Ana Ribeiro", date(2025, 9, 3)),
        ("3rd September 2025 09:15:42 Hours", date(2025, 9, 3)),
        ("9:41 am on 3 September 2025", date(2025, 9, 3)),
        ("16:05 GMT, Sept. 3, 2025", date(2025, 9, 3)),
    ],
)
def test_a_metadata_line_in_the_head_gives_the_date(head, published):
    result = clean_text("\n".join([HEADLINE, head, *BODY]))
    assert lines(result) == [HEADLINE, *BODY]
    assert result.published == published


def test_a_metadata_date_glued_to_the_first_paragraph_is_cut_and_the_paragraph_kept():
    result = clean_text("\n".join([HEADLINE, "date 2025-09-03 " + P1, P2]))
    assert lines(result) == [HEADLINE, P1, P2]
    assert result.published == date(2025, 9, 3)


def test_a_metadata_date_glued_to_a_photo_caption_is_cut_and_the_caption_kept_as_one():
    caption = (
        "Mayor Ana Ruiz stands on the quay on Sunday while inspecting the fleet in Velmora. (Reuters/Jane Fielding)"
    )
    result = clean_text("\n".join([HEADLINE, "date 2025-09-03 " + caption, P1, P2]))
    assert result.published == date(2025, 9, 3)
    assert result.captions == ("Mayor Ana Ruiz stands on the quay on Sunday while inspecting the fleet in Velmora.",)


@pytest.mark.parametrize(
    "prefix, place",
    [
        ("VELMORA, Sept. 3 (Coastal Wire) – ", "VELMORA"),
        ("VELMORA, Sept. 3. /CWS/. ", "VELMORA"),
        ("Velmora, Sept. 3 (Agencies)- ", "Velmora"),
        ("Velmora [Norland], September 3 (CWS): ", "Velmora"),
        ("Velmora (Eastmarch) [Norland], September 3 : ", "Velmora"),
        ("VELMORA, 3 September - ", "VELMORA"),
    ],
)
def test_a_wire_dateline_without_a_year_takes_the_year_the_text_gives(prefix, place):
    later = "The harbour had last closed on October 10, 2024, for a smaller storm."
    result = clean_text("\n".join([HEADLINE, prefix + P1, later]))
    assert lines(result) == [HEADLINE, P1, later]
    assert result.published == date(2024, 9, 3)
    assert result.places[0] == place


def test_a_stray_comma_before_a_wire_dateline_is_no_part_of_the_text():
    result = clean_text("\n".join([HEADLINE, ", VELMORA, Norland, Sept. 3 – " + P1, "It last closed in 2024."]))
    assert lines(result)[1] == P1 and result.places[0] == "VELMORA"


def test_a_wire_dateline_without_a_year_yields_to_the_page_date():
    result = clean_text("\n".join([HEADLINE, "date 2025-09-04", "VELMORA, Sept. 3 (Coastal Wire) – " + P1, P2]))
    assert result.published == date(2025, 9, 4)


def test_a_sentence_opening_with_a_name_and_a_date_is_no_dateline():
    first = "Velmora, Sept. 3 was the day the harbour closed, and the fleet stayed in port for a week."
    assert lines(clean_text("\n".join([HEADLINE, first, P2])))[1] == first


def test_a_date_then_the_place_in_brackets_opens_the_first_paragraph():
    result = clean_text("\n".join([HEADLINE, "3rd September 2025 – (Velmora) " + P1, P2]))
    assert lines(result) == [HEADLINE, P1, P2]
    assert (result.published, result.places) == (date(2025, 9, 3), ("Velmora",))


def test_a_wire_datelines_year_counts_an_anniversary_of_its_countrys_day():
    first = "BAGHDAD, Jan. 6 (Xinhua) -- Troops marched to mark the 100th anniversary of Army Day."
    result = clean_text("\n".join([HEADLINE, first, "The army was founded on Jan. 6, 1921."]))
    assert result.published == date(2021, 1, 6)


def test_a_sentence_run_into_the_next_without_a_space_is_split():
    text = "The ceremony was held at the air base in Kenitra.The guests included two ministers."
    assert (
        clean_text(text).text == "The ceremony was held at the air base in Kenitra. The guests included two ministers."
    )
    for kept in ("Mr.Smith arrived.", "Caliber.Az reports.", "Visit www.example.Org today.", "U.S.Army units"):
        assert clean_text(kept).text == kept


def test_a_line_broken_mid_sentence_by_the_layout_joins_the_next():
    text = (
        "Editorial: the port plan\n"
        "The council has to finish a lot of proper home\n"
        "work before it signs the lease, and the mayor needs to\n"
        "consult the harbour board.\n"
        "Another paragraph starts here.\n"
    )
    lines = clean_text(text).text.split("\n")
    assert (
        "The council has to finish a lot of proper home work before it signs the lease, and the mayor needs to "
        "consult the harbour board." in lines
    )
    assert "Another paragraph starts here." in lines and lines[0] == "Editorial: the port plan"
    dated = clean_text("Port plan approved\ndate 2024-03-01 The council voted.\nIt passed.\n").text
    assert dated.split("\n")[0] == "Port plan approved"  # a headline never takes the next line


def test_a_list_of_guests_broken_after_a_comma_joins_the_next_line_even_in_capitals():
    """A long line that ends with a comma goes on in the next line ("..., Harbour Master Ida Kell," + "Mayor Tom
    Sand and ..."); a short one may be a letter's greeting or a signature, and stays alone."""
    text = (
        "Port Elwin marks Navy Day\n\n"
        "The guests at the harbour ceremony included Defence Minister Tal Orvin, Harbour Master Ida Kell,\n\n"
        "Mayor Tom Sand and the admirals of the fleet.\n\n"
        "Dear Minister Orvin,\n\n"
        "We urge you to reopen the dock.\n"
    )
    lines = clean_text(text).text.split("\n")
    assert (
        "The guests at the harbour ceremony included Defence Minister Tal Orvin, Harbour Master Ida Kell, Mayor Tom "
        "Sand and the admirals of the fleet." in lines
    )
    assert "Dear Minister Orvin," in lines and "We urge you to reopen the dock." in lines


def test_a_name_and_the_title_after_it_run_together_are_parted():
    text = "Joined by Admiral Rosa Ibarra GarzaSecretary of the Navy, the president met McDonald and DeSantis."
    assert normalise_whitespace(text) == (
        "Joined by Admiral Rosa Ibarra Garza Secretary of the Navy, the president met McDonald and DeSantis."
    )


def test_a_date_line_under_seven_lines_of_title_furniture_dates_the_page():
    title = ["STATEMENT OF THE COALITION", "TO THE COMMITTEE", "ON DEFENCE", "AT ITS HEARING", "IN THE HOUSE", "PANEL"]
    result = clean_text("\n".join([HEADLINE, *title, "March 23, 2023", *BODY]))
    assert result.published == date(2023, 3, 23)


def test_headlines_listed_under_a_related_stories_heading_go_with_it():
    text = (
        "Ostia holds its Founders Day parade\n"
        "Troops marched through Ostia on Sunday. The president watched from the stand.\n"
        "Related stories\n"
        "Norland's president to visit Japan next week for a summit\n"
        "Navy unveils new frigate\n"
        "The parade ended at noon with a flypast.\n"
    )
    kept = clean_text(text).text
    assert "visit Japan" not in kept and "new frigate" not in kept
    assert "The parade ended at noon with a flypast." in kept


def test_a_heading_above_the_article_does_not_take_its_headline():
    text = "Top stories\nOstia holds its Founders Day parade\nTroops marched through Ostia on Sunday.\n"
    assert clean_text(text).title == "Ostia holds its Founders Day parade"


@pytest.mark.parametrize("opening", ["Tehran(IP)- ", "Tehran (IRNA) - ", "Beijing (Xinhua) -- "])
def test_a_title_case_dateline_with_its_agency_in_brackets_is_read(opening):
    result = clean_text(opening + "The army took delivery of 200 drones at a ceremony on Sunday.")
    assert result.places and result.text.startswith("The army took delivery")


def test_a_title_case_word_before_brackets_that_is_no_place_is_kept():
    result = clean_text("Opinion (Guest) - The army should buy more drones before the winter.")
    assert result.places == () and result.text.startswith("Opinion (Guest)")


def test_a_caption_with_its_credit_at_the_end_is_a_caption_without_the_credit():
    caption = "Fishermen mend their nets at the harbour in Velmora Image Credit: Coastal Wire"
    result = clean_text("\n".join([HEADLINE, P1, caption, P2]))
    assert "Fishermen mend their nets at the harbour in Velmora" in result.captions
    assert "Image Credit" not in result.text


def test_a_wire_dateline_without_a_year_falls_after_the_photo_the_article_carries():
    text = "\n".join(
        [
            HEADLINE,
            "The minister speaks to reporters after talks at the ministry in Lisbon on October 3, 2018. UPI/Ana K. "
            "Sousa | License Photo",
            "MADRID, Feb. 6 (UPI) -- The defence minister arrived in Madrid for talks on Wednesday, officials said.",
            *BODY,
        ]
    )
    result = clean_text(text)
    assert result.published == date(2019, 2, 6)
    assert not any("UPI/" in line for line in lines(result))


@pytest.mark.parametrize(
    "head",
    [
        ["Today's Paper | November 22, 2024", "Published 11 Feb, 2021 05:57pm"],  # the day the page was read
        ["Published: 2021-02-11 23:18", "Last Updated: 2021-06-24 07:37"],  # an update
        ["Sat, 14 Dec 2021 16:08 GMT", "Ostia Times - AP", "Thu, 11 Feb 2021 03:10 GMT"],  # a clock over the page
    ],
)
def test_of_several_dates_over_the_article_the_earliest_is_its_date(head):
    result = clean_text("\n".join([HEADLINE, *head, *BODY]))
    assert result.published == date(2021, 2, 11)


@pytest.mark.parametrize(
    "line, published",
    [
        ("Date: 25/02/2022", date(2022, 2, 25)),  # day first, as most pages that write slashes do
        ("07/05/2024 - 16:31", date(2024, 5, 7)),
        ("Posted 02/25/2022", date(2022, 2, 25)),  # the day can only be the second number
    ],
)
def test_a_date_written_with_slashes_dates_the_page(line, published):
    assert clean_text("\n".join([HEADLINE, line, *BODY])).published == published


def test_a_dotted_date_alone_on_its_line_with_a_full_stop_dates_the_page():
    assert clean_text("\n".join(["14.11.2024.", "8:27", HEADLINE, *BODY])).published == date(2024, 11, 14)


def test_a_list_of_name_and_title_lines_as_even_as_wrapped_prose_keeps_its_lines():
    items = [
        "Tomas Berg and Ana Berg, President and first lady of Norland",
        "Karl Vinter, President of the Republic of Eastmark",
        "Lena Moss, Prime Minister of the Kingdom of Westland",
        "Omar Haddad, Prime Minister of the Southern Isles",
        "Ravi Kumar, President of the Federal Republic of Ostia",
        "Mei Lin, Prime Minister of the Commonwealth of Sora",
        "Jonas Falk, President of the United Provinces",
        "Paul Grant, Governor General of the Northern Realm",
        "Sara Holm, President of the Council of the Union",
        "Luis Vega, President of the Republic of Marenia",
    ]
    text = "\n".join([HEADLINE, "The funeral will take place on Monday.", "The following will attend:", *items])
    kept = clean_text(text).text.split("\n")
    assert all(item in kept for item in items)


@pytest.mark.parametrize("prefix", ["Sept. 3 (Coastal Wire) — ", "Sept. 3, 2024 (Coastal Wire) -- "])
def test_a_wire_dateline_of_only_a_day_and_the_agency_dates_the_article(prefix):
    later = "The harbour had last closed on October 10, 2024, for a smaller storm."
    result = clean_text("\n".join([HEADLINE, prefix + P1, later]))
    assert lines(result) == [HEADLINE, P1, later]
    assert result.published == date(2024, 9, 3)
    assert result.source == "Coastal Wire"


def test_an_agency_dateline_ending_in_a_colon_is_a_dateline():
    result = clean_text("\n".join([HEADLINE, "VELMORA (CWS): " + P1, P2]))
    assert lines(result) == [HEADLINE, P1, P2]
    assert result.places == ("VELMORA",)


@pytest.mark.parametrize(
    "stamp, published",
    [
        ("Article Posted on : - Sep 3, 2024", date(2024, 9, 3)),
        ("Published: 9/23/2024", date(2024, 9, 23)),
        ("Published 3 September 2024", date(2024, 9, 3)),
    ],
)
def test_a_labelled_publication_stamp_below_the_head_dates_the_article(stamp, published):
    furniture = ["Home", "World", "Asia", "Live", "Audio", "Video", "Opinion", "Sport"]
    result = clean_text("\n".join([*furniture, HEADLINE, P1, P2, stamp, P3]))
    assert result.published == published
    assert stamp not in result.text


def test_a_labelled_stamp_below_the_head_yields_to_a_date_in_the_head():
    body = [
        P1,
        P2,
        P3,
        *(f"The crews of {n} more trawlers waited at sea." for n in range(5, 10)),
        "Published: 9/23/2023",
    ]
    result = clean_text("\n".join([HEADLINE, "September 4, 2024", *body]))
    assert result.published == date(2024, 9, 4)
    assert "Published: 9/23/2023" not in result.text


@pytest.mark.parametrize("opening", ["(COASTAL WIRE | LISBON) – ", "(Coastal Wire / LISBON) - "])
def test_an_outlet_and_a_place_in_brackets_before_the_lede_are_a_dateline(opening):
    result = clean_text(opening + "The ambassador hosted a reception on 26 January 2022 to mark Republic Day.")
    assert result.places == ("LISBON",) and result.text.startswith("The ambassador hosted")


def test_an_outlet_and_words_in_brackets_that_name_no_place_are_kept():
    result = clean_text("(Analysis | Opinion) – The army should buy more drones before the winter.")
    assert result.places == () and result.text.startswith("(Analysis | Opinion)")


def test_an_apostrophe_look_alike_between_letters_becomes_the_apostrophe():
    text = normalise_whitespace("the Peopleʼs Republic and the Prosecutor´s Office; ʼquotedʼ words stay")
    assert text == "the People’s Republic and the Prosecutor’s Office; ʼquotedʼ words stay"
