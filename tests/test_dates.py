"""Date resolution against a publication date that may or may not be trusted."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.extract.dates import (
    Reference,
    anniversary_year,
    dateline_countries,
    names_an_occasion,
    occasion_day,
    occasion_owner,
    occasions,
    reference_for,
    resolve,
    year_from_text,
)
from briefings.models import Document

TRUSTED = Reference(day=date(2024, 3, 13), year=2024)  # a Wednesday


def document(published_from: str | None, text: str = "Nothing dated here.") -> Document:
    return Document(
        id="d",
        path="d.txt",
        title=None,
        text=text,
        content_hash="h",
        published=date(2024, 3, 13),
        published_from=published_from,
    )


def test_last_and_next_weekday_are_never_the_reference_day():
    """ "last Wednesday" in a Wednesday paper is a week ago, "next Wednesday" a week ahead, whatever the tense."""
    assert resolve("last Wednesday", TRUSTED, future=False) == date(2024, 3, 6)
    assert resolve("next Wednesday", TRUSTED, future=True) == date(2024, 3, 20)
    assert resolve("last Friday", TRUSTED, future=True) == date(2024, 3, 8)
    assert resolve("next Monday", TRUSTED, future=False) == date(2024, 3, 18)


def test_the_nth_weekday_of_a_month_is_a_day_of_the_calendar_not_last_week():
    """ "On the last Sunday of July" (a navy day) is not "last Sunday": it is the month's last Sunday."""
    assert resolve("the last Sunday of July", TRUSTED, future=False) == date(2024, 7, 28)
    assert resolve("the first Monday in October", TRUSTED) == date(2024, 10, 7)
    assert resolve("the second Sunday of May 2021", TRUSTED) == date(2021, 5, 9)
    assert resolve("the last Friday of December", Reference(year=2023)) == date(2023, 12, 29)


def test_month_and_day_take_the_reference_year():
    assert resolve("March 20", TRUSTED) == date(2024, 3, 20)
    assert resolve("Sept. 3", TRUSTED) == date(2024, 9, 3)
    assert resolve("3 September", TRUSTED) == date(2024, 9, 3)


def test_a_written_year_wins():
    assert resolve("Friday, October 10, 2019", TRUSTED) == date(2019, 10, 10)
    assert resolve("2021-06-01", TRUSTED) == date(2021, 6, 1)


def test_weekdays_resolve_forwards_for_plans_and_backwards_for_reports():
    assert resolve("on Friday", TRUSTED, future=True) == date(2024, 3, 15)
    assert resolve("on Monday", TRUSTED, future=False) == date(2024, 3, 11)


def test_this_weekday_is_the_weekday_of_the_reference_week_in_either_tense():
    """Translated copy reports Tuesday's parade on Wednesday as "this Tuesday", and announces one "this Friday"."""
    assert resolve("this Tuesday morning", TRUSTED, future=True) == date(2024, 3, 12)
    assert resolve("this Friday", TRUSTED, future=False) == date(2024, 3, 15)


def test_the_reference_weekday_is_the_reference_day_in_either_tense():
    assert resolve("on Wednesday", TRUSTED, future=True) == date(2024, 3, 13)
    assert resolve("on Wednesday", TRUSTED, future=False) == date(2024, 3, 13)
    assert resolve("yesterday", TRUSTED) == date(2024, 3, 12)


def test_a_scheduled_date_months_behind_the_article_is_next_year():
    late = Reference(day=date(2024, 11, 20), year=2024)
    assert resolve("January 26", late, future=True) == date(2025, 1, 26)


def test_vague_expressions_name_no_day():
    for expression in ("next week", "this year", "September", "six years"):
        assert resolve(expression, TRUSTED) is None


def test_without_a_trusted_day_relative_dates_stay_unresolved():
    year_only = Reference(year=2024)
    assert resolve("on Friday", year_only, future=True) is None
    assert resolve("tomorrow", year_only) is None
    assert resolve("May 9", year_only) == date(2024, 5, 9)
    assert resolve("May 9", Reference()) is None


def test_file_times_are_not_trusted_but_datelines_are():
    assert reference_for(document("dateline")).reliable
    assert not reference_for(document("file_time")).reliable
    assert not reference_for(document(None)).reliable


def test_the_reference_year_comes_from_full_dates_in_the_text():
    text = "Officials met on 4 June 2021. A follow-up came on March 2, 2022, and talks resumed in 2019."
    assert year_from_text(text) == 2022
    assert reference_for(document("file_time", text)).year == 2022


def test_a_full_date_in_the_lede_beats_an_anniversary_counted_further_down():
    text = (
        "Ambassador Lena Moss hosted a reception on 26 January 2022 to mark Republic Day.\n"
        "Guests heard of plans to mark the 80th anniversary of the end of World War II with joint events."
    )
    assert year_from_text(text) == 2022  # the anniversary alone would say 2025
    assert year_from_text(text.split("\n")[1]) == 2025


def test_a_year_after_the_file_was_saved_is_no_year_of_the_article():
    text = "Leaders met on 4 June 2021. A photo caption reads: the minister in parliament on December 26, 2108."
    assert year_from_text(text) == 2108
    assert reference_for(document("file_time", text)).year == 2021  # the file was saved in 2024


def test_the_day_an_anniversary_counts_from_is_no_year_of_the_article():
    text = "The parade for the anniversary of the navy's founding on March 3, 1820 drew crowds. Tickets sold out."
    assert year_from_text(text) is None
    text = "Guests at the anniversary of independence in Velmora, Norland, 05 July 2022 watched the parade."
    assert year_from_text(text) == 2022


def test_an_anniversary_gives_the_year():
    assert anniversary_year("The march honours the 75th anniversary of the end of the Second World War.") == 2020
    assert anniversary_year("It marks the 30th anniversary of the 1994 accord.") == 2024
    assert anniversary_year("It marks an anniversary of sorts.") is None


def test_of_several_countries_independence_days_the_anniversary_is_of_the_country_named_before_it():
    """Ukraine (1991) comes before Kazakhstan (1991) and Belarus (1944) in the data: of the countries the article
    names, the one named last before the anniversary decides, not the order of the file."""
    named = frozenset({"Belarus", "Ukraine", "Kazakhstan", "Nigeria"})
    text = "Guests from Belarus came as Ukraine held its 33rd anniversary of independence."
    assert anniversary_year(text, named) == 2024
    text = "A Nigerian delegation watched as Kazakhstan marked the 30th anniversary of independence."
    assert occasion_day(text, Reference(None, None), named) == date(2021, 12, 16)


def test_a_headlines_anniversary_does_not_read_the_year_on_the_line_below():
    """A headline has no full stop: the page's date line under it is not what the anniversary is of."""
    assert (
        anniversary_year("Parade marks 60th anniversary of Harbour Victory\n12/05/2024 - 09:15\nThe parade ...") is None
    )


def test_a_partys_anniversary_in_years_since_gives_the_year():
    assert (
        anniversary_year("Crowds gathered to mark 70 years since the founding of the Workers' Party of Korea.") == 2015
    )
    assert anniversary_year("The city marked the centenary of the 1921 treaty.") == 2021


def test_the_latest_of_full_dates_and_anniversaries_is_the_year():
    text = "The army was founded on Jan. 6, 1921. The country marked the 100th anniversary of its founding in 1921."
    assert year_from_text(text) == 2021


def test_the_founding_day_an_occasion_recalls_is_history_not_the_articles_date():
    text = "Soldiers marched past the president.\nThe holiday recalls the birth of the nation on Aug. 14, 1947."
    assert year_from_text(text) is None
    assert year_from_text(text + " A rehearsal was held on March 20, 2024.") == 2024


def test_a_year_in_the_headline_is_the_last_resort():
    assert year_from_text("Harbour Week 2018: boats on parade\nCrowds came on Sunday.") == 2018
    prose = "Crowds came on Sunday, as they have every spring since the harbour first held the festival in 2018."
    assert year_from_text("Boats on parade\n" + prose) is None
    assert year_from_text("Boats on parade\nUpdated at 13:19, 16-08-2022\n" + prose) is None


def test_an_anniversary_of_a_dated_occasion_gives_its_day():
    text = "Crowds in the capital celebrated the 105th anniversary of the birth of Kim Il Sung."
    assert occasion_day(text, Reference()) == date(2017, 4, 15)


def test_a_war_of_independence_is_not_the_independence_it_won():
    text = "A parade marked the 70th anniversary of the War of Independence."
    assert occasion_day(text, Reference(), frozenset({"Algeria"})) == date(2024, 11, 1)
    assert occasion_day(text, Reference(), frozenset({"Ghana"})) is None
    fought_for = "Crowds marked the 70th anniversary of the country's war for independence from France on Friday."
    assert occasion_day(fought_for, Reference(), frozenset({"Algeria"})) == date(2024, 11, 1)
    assert occasion_day(
        "A parade marked the 60th anniversary of independence.", Reference(), frozenset({"Algeria"})
    ) == (date(2022, 7, 5))


def test_of_several_countries_days_by_one_name_the_one_nearest_the_article_is_meant():
    countries = frozenset({"China", "Russia", "North Korea"})
    summer = Reference(day=date(2023, 7, 28), year=2023)
    assert occasion_day("Troops marched in the Victory Day parade.", summer, countries) == date(2023, 7, 27)
    autumn = Reference(day=date(2025, 9, 4), year=2025)
    assert occasion_day("Troops marched in the Victory Day parade.", autumn, countries) == date(2025, 9, 3)


def test_an_annual_day_falls_in_the_year_nearest_the_article():
    near_new_year = Reference(day=date(2018, 1, 20), year=2018)
    assert occasion_day("The Republic Day parade drew crowds.", near_new_year, frozenset({"India"})) == date(
        2018, 1, 26
    )
    after = Reference(day=date(2019, 1, 2), year=2019)
    assert occasion_day("The Bastille Day parade drew crowds.", after) == date(2018, 7, 14)


def test_a_day_many_countries_share_needs_the_articles_country():
    text = "The Independence Day parade drew crowds."
    assert occasion_day(text, TRUSTED) is None
    assert occasion_day(text, TRUSTED, frozenset({"Greece"})) == date(2024, 3, 25)


def test_without_a_trusted_date_an_edition_ordinal_gives_the_year():
    text = "The 76th National Independence Day celebration took place at the seafront."
    assert occasion_day(text, Reference(), frozenset({"Sri Lanka"})) == date(2024, 2, 4)


def test_a_year_written_after_a_counted_parade_is_its_year():
    """ "the 9th National Day Parade 2016" counts the parades, not the years since the day was founded."""
    text = "Crowds watched the 9th National Day Parade 2016 on the seafront."
    assert occasion_day(text, Reference(), frozenset({"Qatar"})) == date(2016, 12, 18)


def test_a_country_that_counts_its_first_day_as_the_first_edition_is_a_year_behind_the_anniversary():
    text = "The country celebrated its 70th Republic Day with a parade."
    assert occasion_day(text, Reference(), frozenset({"India"})) == date(2019, 1, 26)


def test_what_an_anniversary_is_of_dates_nothing_by_itself():
    assert occasion_day("Leaders met at the NATO summit.", TRUSTED) is None
    assert occasion_day("Leaders marked the 75th anniversary of NATO.", Reference()) == date(2024, 4, 4)


def test_the_datelines_country_tells_whose_national_day_an_anniversary_counts_from():
    text = (
        "Troops marched on Wednesday to mark the 100th anniversary of Army Day. The army was founded on Jan. 6, 1921."
    )
    assert year_from_text(text, dateline_countries(("BAGHDAD",))) == 2021
    assert dateline_countries(("Analysis",)) is None


def test_an_anniversary_of_something_during_a_war_is_not_counted_from_the_war():
    assert anniversary_year("It marked the 65th anniversary of the liberation of the city in World War II.") is None
    assert (
        anniversary_year("It marked the 10th anniversary of the National Service Law.", frozenset({"Greece"})) is None
    )


def test_a_year_naming_an_edition_of_the_event_is_the_articles_year():
    text = "Macron opened the July 14 parade on the avenue.\nThe theme of the 2022 parade was shared by the guests."
    assert year_from_text(text) == 2022


def test_the_articles_countries_count_an_anniversary_of_their_national_day():
    text = "The country celebrated the 26th anniversary of its Independence Day. On October 27 troops marched."
    assert reference_for(document("file_time", text)).year is None
    assert reference_for(document("file_time", text), countries=frozenset({"Turkmenistan"})).year == 2017


def test_a_countrys_own_day_wins_over_a_day_of_the_same_name_elsewhere():
    """Turkey's Victory Day is of 1922: its 93rd anniversary is 2015, not 93 years after 1945."""
    text = "Ankara marked the 93rd anniversary of Victory Day with a parade."
    assert anniversary_year(text, frozenset({"Turkey"})) == 2015
    assert anniversary_year("Moscow marked the 70th anniversary of Victory Day.", frozenset({"Russia"})) == 2015


def test_with_several_countries_own_days_of_one_name_none_wins_alone():
    """Russia's and China's Victory Days share a name: an article naming both keeps the year of the shared one."""
    text = "Moscow marked the 70th anniversary of Victory Day with guests from China."
    assert anniversary_year(text, frozenset({"Russia", "China"})) == 2015


def test_a_national_day_moved_to_another_date_is_read_on_the_date_of_its_year():
    """Turkmenistan keeps Independence Day on 27 September since 2018; it was 27 October before."""
    turkmen = frozenset({"Turkmenistan"})
    text = "Ashgabat held a parade for the 30th anniversary of independence."
    assert occasion_day(text, Reference(day=date(2021, 9, 27)), turkmen) == date(2021, 9, 27)
    earlier = "Ashgabat held a parade for the 26th anniversary of independence."
    assert occasion_day(earlier, Reference(day=date(2017, 10, 28)), turkmen) == date(2017, 10, 27)


def test_a_range_gives_its_year_once_at_its_end():
    reference = Reference(day=date(2026, 12, 4), year=2026)
    assert resolve("from September 14 to September 20, 2017", reference) == date(2017, 9, 14)
    assert resolve("September 14-20, 2017", reference) == date(2017, 9, 14)
    assert resolve("September 14, with a parade in 2018", reference) == date(2026, 9, 14)


@pytest.mark.parametrize(
    ("expression", "future", "expected"),
    [
        ("over the weekend", None, date(2024, 5, 18)),  # told on Monday 20 May: the weekend just past
        ("this weekend", True, date(2024, 5, 25)),
        ("next weekend", True, date(2024, 5, 25)),
        ("last weekend", None, date(2024, 5, 18)),
    ],
)
def test_a_weekend_is_dated_by_its_saturday(expression, future, expected):
    assert resolve(expression, Reference(date(2024, 5, 20), 2024), future) == expected


def test_independence_counted_in_years_is_the_named_countrys():
    text = "Leaders gathered to mark Zambia’s 50 years of independence."
    assert occasion_day(text, Reference(), frozenset({"Zambia"})) == date(2014, 10, 24)


def test_every_name_of_every_occasion_passes_the_quick_check():
    """`names_an_occasion` lets a sentence skip the walk over every occasion: it must never turn away a name that
    the full test (`Occasion.names`, bare national-day names included) would find."""
    for occasion in occasions():
        for phrase in occasion.phrases(bare=True):
            sentence = f"Crowds gathered in the capital to mark {phrase.title()} with a march."
            assert names_an_occasion(sentence), phrase


def test_a_sentence_naming_no_occasion_fails_the_quick_check_and_has_no_occasion_day():
    sentence = "The minister inspected the new harbour on Tuesday and spoke to the workers."
    assert not names_an_occasion(sentence)
    assert occasion_owner(sentence) is None
    assert occasion_day(sentence, Reference(day=date(2024, 5, 20))) is None
