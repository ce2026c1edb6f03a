"""Attendee extraction: each rule on hand-written sentences, and the near-misses that must not fire."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from briefings.clean import clean_document
from briefings.extract import DocContext, extract_document, without_weapon_names
from briefings.extract.attendee_frames import attachment, frame_findings
from briefings.extract.attendee_sentences import sentence_facts
from briefings.extract.attendees import extract_attendees
from briefings.extract.dates import Reference
from briefings.extract.events import extract_events
from briefings.models import Attendee, AttendeeStatus, Document, RawDocument, Weapon, WeaponContext
from briefings.nlp import spans

SETTING = "A military parade will be held in Nairobi on June 1.\n"


def attendees_of(nlp, text: str, authors: tuple[str, ...] = (), published: date | None = date(2024, 5, 20)):
    document = Document(
        id="doc",
        path="doc.txt",
        title=None,
        text=text,
        content_hash="h",
        published=published,
        published_from="dateline",
        authors=authors,
    )
    doc = nlp(text)
    events = tuple(extract_events(doc, DocContext(document=document)))
    return {a.name: a for a in extract_attendees(doc, DocContext(document=document, events=events))}


def candidate_feature(nlp, text: str, feature: str) -> dict[str, float]:
    """One feature of every candidate of the article, by name."""
    from briefings.extract.attendee_features import candidates

    document = Document(id="doc", path="doc.txt", title=None, text=text, content_hash="h")
    doc = nlp(text)
    context = DocContext(document=document, events=tuple(extract_events(doc, DocContext(document=document))))
    doc._.event_cities = frozenset(e.location for e in context.events if e.location)  # as the extractor sets it
    return {c.name: c.features[feature] for c in candidates(doc, context)}


def statuses(found) -> dict[str, str]:
    return {name: a.status for name, a in found.items()}


def test_subject_of_travel_to_attend_is_expected(nlp):
    found = attendees_of(
        nlp, "Ghanaian President John Mahama will travel to Nairobi next week to attend a military parade."
    )
    assert statuses(found) == {"John Mahama": "expected"}
    assert (found["John Mahama"].role, found["John Mahama"].country) == ("President", "Ghana")
    assert found["John Mahama"].event == "nairobi"


def test_the_person_an_investiture_is_of_is_there(nlp):
    """ "the swearing-in ceremony of X", "X's inauguration": X is sworn in at it."""
    text = "Regional leaders arrived in Accra on Monday to attend the swearing-in ceremony of President Ibrahim Diallo."
    assert candidate_feature(nlp, text, "frame") == {"Ibrahim Diallo": 1.0}
    text = "Heads of state will travel to Accra on Friday for President Ibrahim Diallo's inauguration."
    assert candidate_feature(nlp, text, "frame") == {"Ibrahim Diallo": 1.0}


def test_guests_including_a_list_attended(nlp):
    text = SETTING + (
        "Guests, including Ugandan President Yoweri Museveni, former Tanzanian President Jakaya Kikwete "
        "and Rwandan Prime Minister Edouard Ngirente, attended the parade."
    )
    found = attendees_of(nlp, text)
    assert statuses(found) == {
        "Yoweri Museveni": "attended",
        "Jakaya Kikwete": "attended",
        "Edouard Ngirente": "attended",
    }
    assert found["Jakaya Kikwete"].role == "former President"
    assert found["Edouard Ngirente"].country == "Rwanda"
    assert found["Yoweri Museveni"].event == "nairobi-2024-06-01"


def test_heads_of_state_present_include_a_list(nlp):
    text = SETTING + (
        "Other Heads of State present include the President of Benin, Patrice Talon; Adama Barrow of the Gambia "
        "and George Weah of Liberia."
    )
    assert set(statuses(attendees_of(nlp, text))) >= {"Patrice Talon", "Adama Barrow", "George Weah"}
    listed = candidate_feature(nlp, text, "group_list")
    assert listed == {"Patrice Talon": 1.0, "Adama Barrow": 1.0, "George Weah": 1.0}


def test_leaders_meeting_one_another_in_the_events_city_are_there(nlp):
    text = "The summit of West African leaders opened in Abuja on Saturday.\n" + (
        "President Bola Tinubu and other heads of state of the region are currently meeting in Abuja."
    )
    assert statuses(attendees_of(nlp, text, published=date(2024, 6, 1))) == {"Bola Tinubu": "attended"}
    assert candidate_feature(nlp, text, "frame") == {"Bola Tinubu": 1.0}


def test_agent_of_a_passive_attend(nlp):
    found = attendees_of(
        nlp, SETTING + "The parade will be attended by President William Ruto and Samia Suluhu Hassan."
    )
    assert statuses(found) == {"William Ruto": "expected", "Samia Suluhu Hassan": "expected"}


def test_the_person_joined_at_a_parade_is_an_attendee_too(nlp):
    text = (
        "Ethiopian Prime Minister Abiy Ahmed will fly to Nairobi on Friday to join President William Ruto "
        "at the parade."
    )
    assert statuses(attendees_of(nlp, text)) == {"Abiy Ahmed": "expected", "William Ruto": "expected"}


def test_among_them_takes_the_status_of_the_sentence_before(nlp):
    text = SETTING + (
        "Officials said leaders from 12 countries plan to take part. "
        "Among them are Zambia's President Hakainde Hichilema and Malawi's Lazarus Chakwera."
    )
    found = attendees_of(nlp, text)
    assert statuses(found) == {"Hakainde Hichilema": "expected", "Lazarus Chakwera": "expected"}
    assert found["Lazarus Chakwera"].country == "Malawi"


def test_list_lines_under_an_attendance_heading(nlp):
    text = (
        SETTING
        + "Expected guests include:\n- Zambia – President Hakainde Hichilema\n- Botswana – President Duma Boko\n"
    )
    found = attendees_of(nlp, text)
    assert statuses(found) == {"Hakainde Hichilema": "expected", "Duma Boko": "expected"}
    assert (found["Duma Boko"].role, found["Duma Boko"].country) == ("President", "Botswana")


def test_a_delegation_list_goes_on_through_lines_with_long_office_titles(nlp):
    text = (
        "President Adil Serikov arrived in Tashkent on an official visit on Monday.\n"
        "He is accompanied by the official delegation, which includes:\n"
        "Minister of Foreign Affairs Dana Omarova;\n"
        "Deputy Chairman of the Cabinet of Ministers, Minister of Economy and Finance Yerlan Abenov;\n"
        "Minister of Transport and Communications Aigul Bekova.\n"
    )
    found = attendees_of(nlp, text)
    assert {"Dana Omarova", "Yerlan Abenov", "Aigul Bekova"} <= set(found)


def test_a_list_announced_by_a_full_sentence_with_a_link_line_between(nlp):
    text = SETTING + (
        "These are the leaders who have confirmed their attendance at the parade.\n"
        "Read more: Why the parade route changed this year\n"
        "- Hakainde Hichilema, President of Zambia\n"
        "- Duma Boko, President of Botswana\n"
    )
    assert set(attendees_of(nlp, text)) == {"Hakainde Hichilema", "Duma Boko"}
    unannounced = SETTING + "Read more: Why the parade route changed\n- Hakainde Hichilema, President of Zambia\n"
    assert attendees_of(nlp, unannounced) == {}


@pytest.mark.parametrize(
    ("sentence", "negative"),
    [
        ("He will not be able to participate in the parade.", True),
        ("She does not plan to attend the parade.", True),
        ("He will be able to participate in the parade.", False),
        ("She did not say whether the parade would go ahead.", False),
    ],
)
def test_not_being_able_to_attend_negates_attending(nlp, sentence, negative):
    [facts] = sentence_facts(list(nlp(sentence).sents), Reference(year=2024), set())
    assert facts.negative is negative


def test_list_lines_under_another_heading_are_not_attendees(nlp):
    text = (
        SETTING + "Ministers who resigned this year:\n- Zambia – Minister Jane Phiri\n- Botswana – Minister Tom Bosa\n"
    )
    assert attendees_of(nlp, text) == {}


def test_presence_of_named_people(nlp):
    text = SETTING + "Organisers have stressed the presence of William Ruto, Yoweri Museveni and Paul Kagame."
    assert set(attendees_of(nlp, text)) == {"William Ruto", "Yoweri Museveni", "Paul Kagame"}


def test_a_short_mention_resolves_to_the_full_name(nlp):
    text = (
        SETTING
        + "Nigerian President Bola Tinubu is also on the guest list. Tinubu's attendance was confirmed on Monday."
    )
    assert "Bola Tinubu" in attendees_of(nlp, text) and "Tinubu" not in attendees_of(nlp, text)


def test_a_pronoun_subject_resolves_to_the_previous_subject(nlp):
    text = SETTING + "Kenyan President William Ruto spoke to reporters. He will attend the parade with his cabinet."
    assert statuses(attendees_of(nlp, text)) == {"William Ruto": "expected"}


def test_a_host_reviewing_the_parade_attended(nlp):
    text = "President William Ruto reviewed the troops at a parade in Nairobi on Saturday."
    assert statuses(attendees_of(nlp, text)) == {"William Ruto": "attended"}


def test_a_companion_beside_the_guest_of_honour(nlp):
    text = (
        "Ghana's President John Mahama was the chief guest at the parade in Nairobi, watching from the stand "
        "beside President William Ruto."
    )
    assert set(attendees_of(nlp, text)) == {"John Mahama", "William Ruto"}


def test_invited_but_unconfirmed_is_invited(nlp):
    text = SETTING + "South Africa's President Cyril Ramaphosa has been invited to the parade."
    assert statuses(attendees_of(nlp, text)) == {"Cyril Ramaphosa": "invited"}


def test_a_decliner_is_declined(nlp):
    text = SETTING + "Egyptian President Abdel Fattah el-Sisi declined the invitation to the parade."
    assert statuses(attendees_of(nlp, text)) == {"Abdel Fattah el-Sisi": "declined"}


def test_someone_who_will_not_attend_is_declined(nlp):
    text = SETTING + "Sudanese leader Abdel Fattah al-Burhan will not attend the parade."
    assert statuses(attendees_of(nlp, text)) == {"Abdel Fattah al-Burhan": "declined"}


def test_neither_nor_is_declined(nlp):
    text = (
        SETTING
        + "Neither Ugandan President Yoweri Museveni nor his Kenyan counterpart William Ruto attended the parade."
    )
    assert statuses(attendees_of(nlp, text)) == {"Yoweri Museveni": "declined", "William Ruto": "declined"}


def test_a_quoted_analyst_is_not_an_attendee(nlp):
    text = SETTING + (
        '"The parade is a message to the region," said Amina Odhiambo, a senior fellow at the Nairobi Policy Institute.'
    )
    assert attendees_of(nlp, text) == {}


def test_an_announcer_is_not_an_attendee(nlp):
    text = SETTING + "Foreign Minister Musalia Mudavadi said Museveni's presence would show regional unity."
    found = attendees_of(nlp, text)
    assert "Musalia Mudavadi" not in found


def test_people_at_an_earlier_years_parade_are_not_attendees(nlp):
    text = SETTING + "In 2015, Tanzania was represented at the parade by senior official Asha-Rose Migiro."
    assert attendees_of(nlp, text) == {}


def test_a_conditional_attendance_is_not_an_attendance(nlp):
    text = SETTING + "If Cyril Ramaphosa attends the parade, he will meet the host."
    assert attendees_of(nlp, text) == {}


def test_authors_are_not_attendees(nlp):
    text = SETTING + "Jane Wanjiru will attend the parade in Nairobi."
    assert attendees_of(nlp, text, authors=("Jane Wanjiru",)) == {}


def test_attending_something_that_is_not_an_event_does_not_count(nlp):
    text = "The programme was led by a woman scientist, Grace Achieng, officials said."
    assert attendees_of(nlp, text) == {}


def test_a_pronoun_after_a_name_in_its_own_sentence_is_not_the_previous_subject(nlp):
    text = SETTING + (
        "Sudanese leader Abdel Fattah al-Burhan has declined the invitation. "
        "Chadian President Mahamat Deby has said he will travel to Nairobi for the parade."
    )
    assert statuses(attendees_of(nlp, text)).get("Abdel Fattah al-Burhan") == "declined"


def test_staying_away_is_declining(nlp):
    text = SETTING + "Eritrean President Isaias Afwerki, who had been invited, stayed away from the parade."
    assert statuses(attendees_of(nlp, text)) == {"Isaias Afwerki": "declined"}


def test_being_absent_as_an_event_opens_is_declining(nlp):
    text = (
        "Kenyan President Ana Rel and Malian President Tomas Vey were both absent as leaders from the trade bloc of "
        "coastal states started a three-day summit in Zambia on Tuesday."
    )
    assert statuses(attendees_of(nlp, text)) == {"Ana Rel": "declined", "Tomas Vey": "declined"}


def test_one_who_confirms_who_is_coming_is_the_source_not_a_guest(nlp):
    text = SETTING + (
        "Interior Secretary Paul Mwita confirmed that 20 heads of state are among 2,000 guests expected to attend "
        "the parade. President Omar Said has also confirmed that he will attend."
    )
    found = attendees_of(nlp, text)
    assert "Paul Mwita" not in found and "Omar Said" in found


def test_a_guest_named_after_a_long_office_in_an_agent_list_attends(nlp):
    text = (
        "The ceremony in Hanoi on May 7 was attended by Prime Minister Lan Anh, Permanent member of the Party "
        "Central Committee's Secretariat and Chairwoman of its Organisation Commission Tran Thi Hoa, Acting State "
        "President Vu Duc Minh and veterans."
    )
    assert {"Lan Anh", "Tran Thi Hoa", "Vu Duc Minh"} <= set(attendees_of(nlp, text))


def test_one_among_officials_who_witnessed_the_display_attends_and_a_state_before_a_title_is_no_one(nlp):
    text = (
        "The passing-out parade was held at the academy in Kaduna on Saturday. Plateau State Governor, Musa Danladi, "
        "was among the government officials who witnessed the colourful display by the cadets."
    )
    found = attendees_of(nlp, text)
    assert "Musa Danladi" in found and "Plateau State" not in found


def test_one_whose_own_relative_clause_tells_of_a_part_in_the_ceremony_attends(nlp):
    text = (
        "The summit of the union opened in Addis Ababa on Sunday. The outgoing chair handed over the chairmanship "
        "to Angola's President Tomas Neto, who gave an acceptance speech."
    )
    assert "Tomas Neto" in attendees_of(nlp, text)


def test_one_who_stands_in_for_an_absent_leader_is_not_touched_by_the_absence(nlp):
    text = (
        "Leaders of the bloc began a three-day summit in Lusaka on Tuesday. President Li Ren did not come. No reason "
        "was given for his absence, and Trade Minister Zhao Ming read the president's speech."
    )
    found = attendees_of(nlp, text)
    assert "Zhao Ming" in found and "Li Ren" not in found


def test_travelling_elsewhere_is_not_attending(nlp):
    text = SETTING + "Ugandan President Yoweri Museveni will travel to London on Monday for medical checks."
    assert attendees_of(nlp, text) == {}


def test_travelling_to_the_event_city_is_attending(nlp):
    text = SETTING + "Ugandan President Yoweri Museveni will travel to Nairobi for the occasion."
    assert statuses(attendees_of(nlp, text)) == {"Yoweri Museveni": "expected"}


def test_being_in_the_stands_with_companions_is_attending(nlp):
    text = SETTING + (
        "Zambian President Hakainde Hichilema was in the stands on June 1, "
        "along with Malawian President Lazarus Chakwera and Namibian President Nangolo Mbumba."
    )
    assert statuses(attendees_of(nlp, text, published=date(2024, 6, 2))) == {
        "Hakainde Hichilema": "attended",
        "Lazarus Chakwera": "attended",
        "Nangolo Mbumba": "attended",
    }


def test_a_list_hung_on_the_reviewing_stand_names_the_people_standing_there(nlp):
    text = SETTING + (
        "Several African leaders stood with him on the reviewing stand, including Ugandan President "
        "Yoweri Museveni, Rwandan President Paul Kagame and Ethiopian Prime Minister Abiy Ahmed."
    )
    found = statuses(attendees_of(nlp, text, published=date(2024, 6, 2)))
    assert {"Yoweri Museveni", "Paul Kagame", "Abiy Ahmed"} <= set(found)
    assert set(found.values()) == {"attended"}


def test_a_list_hung_on_a_place_that_is_not_a_vantage_is_not_attendance(nlp):
    text = SETTING + ("The delegates stood in a hall full of portraits, including Jomo Kenyatta and Daniel arap Moi.")
    assert attendees_of(nlp, text) == {}


def test_being_somewhere_that_is_not_an_event_is_not_attending(nlp):
    text = SETTING + "Former minister Amina Mohamed was in London on business last week."
    assert attendees_of(nlp, text) == {}


def test_as_did_takes_the_verb_it_stands_for(nlp):
    text = SETTING + (
        "Ugandan President Yoweri Museveni attended the parade on June 1, "
        "as did Burundi's President Evariste Ndayishimiye."
    )
    assert statuses(attendees_of(nlp, text, published=date(2024, 6, 2))) == {
        "Yoweri Museveni": "attended",
        "Evariste Ndayishimiye": "attended",
    }


def test_as_did_after_a_verb_that_is_not_attendance_is_not_attending(nlp):
    text = (
        SETTING
        + "Ugandan President Yoweri Museveni criticised the budget, as did Burundi's President Evariste Ndayishimiye."
    )
    assert attendees_of(nlp, text) == {}


def test_a_presence_noun_in_a_verbless_line_ends_the_climb(nlp):
    """Climbing from a noun to its clause's verb stops at the root, even when the root is no verb (it once looped)."""
    found = attendees_of(nlp, SETTING + "Above all, the presence of Ugandan President Yoweri Museveni at the parade")
    assert set(found) <= {"Yoweri Museveni"}


def test_companions_seated_beside_the_host_attend(nlp):
    text = SETTING + (
        "President William Ruto watched the parade from the stand, with First Lady Rachel Ruto and "
        "Defence Secretary Soipan Tuya seated around him."
    )
    assert statuses(attendees_of(nlp, text)) == {
        "William Ruto": "attended",
        "Rachel Ruto": "attended",
        "Soipan Tuya": "attended",
    }


def test_a_then_titled_person_was_at_an_earlier_event(nlp):
    text = SETTING + "Then-President Uhuru Kenyatta and President William Ruto reviewed the parade in Nairobi."
    assert statuses(attendees_of(nlp, text)) == {"William Ruto": "attended"}


def test_a_visitor_wrapping_up_a_state_visit_attended_it(nlp):
    text = "Kenyan President William Ruto wrapped up a two-day state visit to Ghana on Tuesday."
    assert statuses(attendees_of(nlp, text)) == {"William Ruto": "attended"}


def test_leaders_at_the_table_of_a_summit_session_attended(nlp):
    text = (
        "The summit in Nairobi ended on Sunday.\n"
        "Ugandan President Yoweri Museveni sat at the table alongside Rwandan President Paul Kagame."
    )
    assert statuses(attendees_of(nlp, text)) == {"Yoweri Museveni": "attended", "Paul Kagame": "attended"}


def test_taking_part_by_video_link_is_not_attending(nlp):
    text = (
        "The summit in Nairobi ended on Sunday.\n"
        "Tanzanian President Samia Suluhu Hassan addressed the summit by video link."
    )
    assert statuses(attendees_of(nlp, text)) == {}


def test_a_video_link_in_another_guest_s_clause_leaves_the_others_in_the_room(nlp):
    text = (
        "The three-day security forum in Lisbon has lured many senior officials, including Spanish Prime Minister "
        "Pedro Sanchez and Dutch Prime Minister Dick Schoof, with Moldovan President Maia Sandu speaking via video "
        "link to the opening session.\nThe forum closed on Sunday."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Pedro Sanchez") == "attended" and found.get("Dick Schoof") == "attended"
    assert "Maia Sandu" not in found


def test_a_guest_who_follows_another_s_video_message_takes_part_from_afar_too(nlp):
    text = (
        "The jubilee celebrations in Dhaka open on Friday.\n"
        "The foreign minister said Japanese Prime Minister Kenji Sato will send a video message, while Canadian "
        "Prime Minister Paul Tremblay will follow suit.\n"
        "Nepalese President Ram Sharma arrived in Dhaka on Thursday to attend the celebrations."
    )
    assert statuses(attendees_of(nlp, text, published=date(2021, 3, 25))) == {"Ram Sharma": "attended"}


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Defence Minister Hendrik Valk on Thursday commissioned the offshore patrol vessel Zeearend at the naval "
            "base in Den Helder, and praised the shipyard's workers.",
            "Hendrik Valk",
        ),
        (
            "President Ana Ribeiro on Monday launched a new coastal frigate that took nine years to build and pledged "
            "more money for the fleet.",
            "Ana Ribeiro",
        ),
    ],
)
def test_the_one_who_performs_a_ceremony_s_act_attends_it(nlp, text, name):
    assert statuses(attendees_of(nlp, text + "\nThe ship will join the fleet next year.")).get(name) == "attended"


def test_launching_a_missile_or_commissioning_a_study_performs_no_ceremony(nlp):
    text = (
        "Navy commander Piet Smit on Thursday launched a cruise missile from a submarine off the coast.\n"
        "Defence Minister Hendrik Valk commissioned a study of the fleet's future."
    )
    assert statuses(attendees_of(nlp, text)) == {}


def test_a_job_description_at_a_forum_is_not_attendance(nlp):
    text = SETTING + "Mary Otieno is a senior fellow at the Lakeside Policy Forum in Nairobi."
    assert statuses(attendees_of(nlp, text)) == {}


def test_representing_a_country_and_being_represented_by_someone_count(nlp):
    text = SETTING + (
        "Ethiopia will be represented by Foreign Minister Gedion Timothewos.\n"
        "Defence Minister Aden Duale represented Kenya after President William Ruto stayed away."
    )
    assert statuses(attendees_of(nlp, text)) == {
        "Gedion Timothewos": "expected",
        "Aden Duale": "attended",
        "William Ruto": "declined",
    }


def test_that_parade_after_an_earlier_year_names_people_of_the_earlier_parade(nlp):
    text = SETTING + "Nairobi last saw such a parade in June 1994. President Daniel arap Moi reviewed that parade."
    assert statuses(attendees_of(nlp, text)) == {}


def test_list_lines_name_the_person_after_the_dash_and_title_never_the_body_before_it(nlp):
    text = SETTING + (
        "Guests seen on the stand included:\n"
        "- African Union – Chairperson Mahmoud Ali Youssouf\n"
        "- Somalia – Hassan Sheikh Mohamud, the country's president\n"
        "- Sudan – Lieutenant General Abdel Fattah al-Burhan\n"
    )
    found = attendees_of(nlp, text)
    assert set(found) == {"Mahmoud Ali Youssouf", "Hassan Sheikh Mohamud", "Abdel Fattah al-Burhan"}


def test_ruling_out_a_trip_is_declining(nlp):
    text = SETTING + "Tanzanian President Samia Suluhu Hassan had ruled out travelling to Nairobi for the parade."
    assert statuses(attendees_of(nlp, text)) == {"Samia Suluhu Hassan": "declined"}


def test_a_list_under_a_heading_naming_a_vantage_point_attended(nlp):
    text = (
        "The summit in Nairobi ended on Sunday.\nAmong those at the table:\n"
        "- Uganda – President Yoweri Museveni\n- Rwanda – President Paul Kagame\n"
    )
    assert statuses(attendees_of(nlp, text)) == {"Yoweri Museveni": "attended", "Paul Kagame": "attended"}


def test_names_after_an_inverted_vantage_clause_all_attended(nlp):
    text = SETTING + (
        "Also on the stand were UN Secretary-General Antonio Guterres, Cuban President Miguel Diaz-Canel, "
        "South Africa's Cyril Ramaphosa and Zimbabwe's Emmerson Mnangagwa."
    )
    assert set(statuses(attendees_of(nlp, text))) == {
        "Antonio Guterres",
        "Miguel Diaz-Canel",
        "Cyril Ramaphosa",
        "Emmerson Mnangagwa",
    }


def test_being_among_front_runners_is_not_attendance(nlp):
    text = SETTING + "His successor will be chosen soon; Amina Mohamed and Kalonzo Musyoka are among the front-runners."
    assert statuses(attendees_of(nlp, text)) == {}


def test_being_among_those_present_is_attendance(nlp):
    text = (
        "A wreath-laying ceremony was held at the memorial in Leeds on Sunday. Sergeant Major Peter Owusu Mensah, "
        "a 99-year-old veteran of the desert campaign, was among those present."
    )
    assert "Peter Owusu Mensah" in attendees_of(nlp, text)


def test_a_peer_known_by_one_name_is_named_with_the_peerage(nlp):
    text = (
        "A wreath-laying ceremony was held at the memorial in Leeds on Sunday. Lord Ashworth, chairman of the "
        "memorial trust, led the ceremony, with tributes from Baroness Kaur."
    )
    assert "Lord Ashworth" in attendees_of(nlp, text)


def test_one_who_heads_a_body_that_acted_at_another_time_is_not_there(nlp):
    text = (
        "The defence deal was signed at a ceremony in Delhi on Monday, attended by Defence Secretary Anil Rao. "
        "The signing came a month after the cabinet committee headed by Prime Minister Vikram Sethi cleared the "
        "purchase."
    )
    found = attendees_of(nlp, text)
    assert "Anil Rao" in found and "Vikram Sethi" not in found


def test_a_guest_at_a_parade_commemorating_an_old_war_attends_it(nlp):
    text = (
        "The annual parade was held in Baku on Saturday. President Ilham Karimov attended the parade, "
        "commemorating the 1991-94 war with its neighbour."
    )
    assert "Ilham Karimov" in attendees_of(nlp, text, published=date(2024, 9, 21))


def test_being_among_the_spectators_is_attendance(nlp):
    text = (
        "The Republic Day parade was held in Dhaka on Sunday. Prime Minister Salma Karim, Defence Minister Arif "
        "Hossain and foreign diplomats were among the spectators on both sides of the avenue."
    )
    assert {"Salma Karim", "Arif Hossain"} <= set(attendees_of(nlp, text))


def test_being_among_the_arrivals_is_attendance(nlp):
    text = (
        "Leaders began arriving in Doha on Sunday for the Gulf summit. Among the arrivals were the Emir of Kuwait, "
        "Sheikh Mishal Al-Ahmad, and Omani Deputy Prime Minister Fahd bin Mahmoud."
    )
    assert {"Mishal Al-Ahmad", "Fahd bin Mahmoud"} <= set(attendees_of(nlp, text))


def test_those_named_in_addition_to_the_guests_present_are_guests_too(nlp):
    text = (
        "The Andean summit opens in Cusco on Monday. In addition to the host, Dina Castillo, and Gustavo Moreno "
        "(Colombia), also present will be Ecuador's President-elect Daniel Noboa."
    )
    frames = candidate_feature(nlp, text, "frame")
    assert frames == {"Dina Castillo": 1.0, "Gustavo Moreno": 1.0, "Daniel Noboa": 1.0}
    assert statuses(attendees_of(nlp, text)) == {
        "Dina Castillo": "expected",
        "Gustavo Moreno": "expected",
        "Daniel Noboa": "expected",
    }


def test_the_host_by_whom_a_guest_was_received_is_there(nlp):
    text = (
        "President Ama Owusu of Ghana arrived in Pretoria on Wednesday for a state visit. "
        "On arrival, Owusu was received by Foreign Minister Thandi Mokoena."
    )
    assert candidate_feature(nlp, text, "frame")["Thandi Mokoena"] == 1.0
    assert "Thandi Mokoena" in attendees_of(nlp, text, published=date(2018, 7, 5))


def test_one_who_acted_just_before_the_parade_started_was_there(nlp):
    text = (
        "The national day parade was held in Sofia on Sunday. The parade started at 11:00, after President Rumen "
        "Petkov saluted the guard of honour and laid a wreath at the monument."
    )
    assert "Rumen Petkov" in attendees_of(nlp, text)


def test_an_office_named_after_a_title_is_not_a_person(nlp):
    text = SETTING + "Chairman Joint Chiefs of Staff Committee General Robert Kibochi was seated on the main dais."
    assert set(attendees_of(nlp, text)) == {"Robert Kibochi"}


def test_a_relative_clause_about_a_person_can_hold_the_attendance(nlp):
    text = (
        "The summit in Nairobi ended on Sunday.\n"
        "Leaders attended along with Ethiopia's Prime Minister Abiy Ahmed, who took part in the summit on Saturday."
    )
    assert statuses(attendees_of(nlp, text)) == {"Abiy Ahmed": "attended"}


def test_people_accompanying_a_guest_attend_with_them(nlp):
    text = (
        SETTING
        + "Ghanaian President John Mahama attended the parade. He was accompanied by Foreign Minister Samuel Ablakwa."
    )
    assert statuses(attendees_of(nlp, text)) == {"John Mahama": "attended", "Samuel Ablakwa": "attended"}


def test_an_abbreviated_rank_is_a_title_not_part_of_the_name(nlp):
    text = SETTING + "The army chief of staff, Gen. Charles Kahariri, was also on the stand."
    found = attendees_of(nlp, text)
    assert list(found) == ["Charles Kahariri"] and found["Charles Kahariri"].role in ("General", "Chief of Staff")


def test_a_leader_reviewing_the_troops_in_a_with_clause_attended(nlp):
    text = (
        "Belarus staged a large military parade in central Minsk on Wednesday to mark Independence Day, "
        "with President Alexander Lukashenko reviewing columns of troops and armour from a stand."
    )
    assert statuses(attendees_of(nlp, text)) == {"Alexander Lukashenko": "attended"}


def test_people_at_an_event_over_a_month_before_the_article_are_background(nlp):
    text = (
        SETTING + "President William Ruto reviewed the parade in Nairobi.\n"
        "Ruto stood next to Ugandan President Yoweri Museveni at a parade in Kampala on March 3."
    )
    assert statuses(attendees_of(nlp, text)) == {"William Ruto": "attended"}


def test_a_sentence_after_an_earlier_year_about_the_same_person_is_still_about_then(nlp):
    text = (
        SETTING + "In 2019, Ghanaian President Nana Akufo-Addo was guest of honour at the parade.\n"
        "Akufo-Addo's visit was used to announce new trade deals."
    )
    assert statuses(attendees_of(nlp, text)) == {}


def test_holding_talks_on_the_sidelines_of_a_summit_is_attending_it(nlp):
    text = (
        "The summit in Nairobi ended on Sunday.\n"
        "On Friday, Rwandan President Paul Kagame and Congolese President Felix Tshisekedi held talks on the sidelines."
    )
    assert statuses(attendees_of(nlp, text)) == {"Paul Kagame": "attended", "Felix Tshisekedi": "attended"}


def test_a_host_receiving_a_named_visitor_and_the_visitor_attend(nlp):
    text = (
        "Rwandan President Paul Kagame began a state visit to Nairobi on Monday.\n"
        "On Tuesday, President William Ruto received Kagame at State House."
    )
    assert statuses(attendees_of(nlp, text)) == {"Paul Kagame": "attended", "William Ruto": "attended"}


def test_meeting_someone_in_earlier_years_is_no_attendance(nlp):
    text = SETTING + "- Ruto met Museveni three times between 2018 and 2019, including at the border."
    assert statuses(attendees_of(nlp, text)) == {}


def test_a_visitor_bringing_named_officials_brings_them_to_the_event(nlp):
    text = (
        "The summit in Nairobi ended on Sunday.\n"
        "President William Ruto brought Foreign Minister Musalia Mudavadi and Defence Minister Aden Duale."
    )
    assert {"Musalia Mudavadi", "Aden Duale"} <= {
        n for n, s in statuses(attendees_of(nlp, text)).items() if s == "attended"
    }


def test_a_name_hung_on_a_title_through_of_is_still_in_the_list(nlp):
    text = SETTING + (
        "General Charles Kahariri, Chief of Army Staff General Peter Njiru and "
        "Defence Minister Aden Duale were seated on the main dais."
    )
    assert set(statuses(attendees_of(nlp, text))) == {"Charles Kahariri", "Peter Njiru", "Aden Duale"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Leaders in attendance included Ugandan President Yoweri Museveni and Rwandan President Paul Kagame.",
            {"Yoweri Museveni": "attended", "Paul Kagame": "attended"},
        ),
        (
            "Ruto shook hands with Ugandan President Yoweri Museveni on the rostrum before the parade.",
            {"Yoweri Museveni": "attended"},
        ),
        ("Ethiopian Prime Minister Abiy Ahmed was also spotted in the stands.", {"Abiy Ahmed": "attended"}),
        ("Critics of the parade included opposition leader Raila Odinga.", {}),
    ],
)
def test_more_ways_of_saying_someone_was_there(nlp, sentence, expected):
    found = statuses(attendees_of(nlp, SETTING.replace("will be held", "was held") + sentence))
    assert {k: v for k, v in found.items() if k in expected or not expected} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Ugandan President Yoweri Museveni has confirmed his attendance, his office said.",
            {"Yoweri Museveni": "expected"},
        ),
        ("Ethiopian Prime Minister Abiy Ahmed is among 26 heads of state who will attend.", {"Abiy Ahmed": "expected"}),
        ("Rwandan President Paul Kagame is also on the guest list.", {"Paul Kagame": "expected"}),
        (
            "Tanzanian President Samia Suluhu Hassan called off her trip at the last minute.",
            {"Samia Suluhu Hassan": "declined"},
        ),
        ("Somali President Hassan Sheikh Mohamud addressed the parade crowd by video link instead.", {}),
    ],
)
def test_guest_lists_confirmations_and_cancellations(nlp, sentence, expected):
    assert statuses(attendees_of(nlp, SETTING + sentence)) == expected


# --- candidates and the fitted score ------------------------------------------------------------------------


def test_delegates_listed_after_a_group_noun_attended(nlp):
    text = (
        "A military parade was held in Nairobi on May 1.\n"
        "Dozens of foreign delegations watched the parade, among them Ghana's John Mahama and "
        "Zambia's Hakainde Hichilema."
    )
    assert statuses(attendees_of(nlp, text)) == {"John Mahama": "attended", "Hakainde Hichilema": "attended"}


def test_a_guest_list_of_country_and_name_lines_without_bullets(nlp):
    text = (
        "A military parade was held in Nairobi on May 1.\n"
        "The heads of state present were the following:\n"
        "Ghana – John Mahama\n"
        "Zambia – Hakainde Hichilema\n"
    )
    assert set(attendees_of(nlp, text)) == {"John Mahama", "Hakainde Hichilema"}


def test_a_short_mention_with_a_title_resolves_to_the_full_name(nlp):
    text = SETTING + "President Yoweri Museveni arrived on Friday. Mr. Museveni will review the troops."
    assert set(attendees_of(nlp, text)) == {"Yoweri Museveni"}


def test_a_speaker_who_says_he_will_go_is_expected(nlp):
    text = SETTING + "Zambian President Hakainde Hichilema has said he will travel to Nairobi for the parade."
    assert statuses(attendees_of(nlp, text)) == {"Hakainde Hichilema": "expected"}


def test_people_named_at_past_summits_are_background(nlp):
    text = SETTING + (
        "Unlike past summits, which drew leaders such as Yoweri Museveni, Paul Kagame and Samia Suluhu Hassan, "
        "this one is small."
    )
    assert attendees_of(nlp, text) == {}


def test_guests_of_a_summit_compared_with_past_ones_are_this_summits(nlp):
    text = SETTING + (
        "With fewer leaders than previous parades, the review is being led by Yoweri Museveni and his guests: "
        "Paul Kagame, Rwanda; Salva Kiir, South Sudan."
    )
    assert {"Paul Kagame", "Salva Kiir"} <= set(attendees_of(nlp, text))


def test_a_photo_credit_is_not_an_attendee(nlp):
    text = SETTING + "President William Ruto inspects the guard of honour. (Photo: Dana Kirby/Reuters)"
    assert set(attendees_of(nlp, text)) == {"William Ruto"}


def test_the_fitted_weights_cover_every_feature_and_score_evidence_above_its_absence():
    from briefings.extract.attendee_features import FEATURES
    from briefings.extract.attendees import HAND_WEIGHTS, WEIGHTS_FILE, fitted_model

    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and data["examples"] > 0 and 0 < data["threshold"] < 1
    assert set(HAND_WEIGHTS) == set(FEATURES)  # the hand-set baseline weighs every feature too
    model = fitted_model()
    bare = dict.fromkeys(FEATURES, 0.0) | {"has_events": 1.0, "titled": 1.0}
    framed = bare | {"frame": 1.0, "attend_cue": 1.0, "clause_cue": 1.0, "event_in_sentence": 1.0}
    assert model.score(framed) > model.threshold > model.score(bare | {"credit": 1.0, "quoted": 1.0})


def test_training_labels_a_candidate_by_the_gold_entries_of_its_own_file():
    from briefings.extract.train_attendees import gold_labels

    gold = {
        "attendees": [{"name": "Jane Roe", "aliases": ["Jane Roé"], "files": ["a.txt"]}],
        "attendees_optional": [{"name": "John Doe", "files": ["a.txt"]}],
    }
    by_file, optional = gold_labels(gold)
    assert by_file == {"a.txt": {"jane roe"}} and optional == {"john doe"}


def test_the_logistic_fit_finds_the_sign_of_the_evidence_and_folds_keep_an_article_whole():
    import numpy as np

    from briefings.extract.train_attendees import fit, folds_by_file, probabilities

    x = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]] * 10)
    y = np.array([1.0, 1.0, 0.0, 0.0] * 10)
    weights, bias = fit(x, y)
    assert weights[0] > 1.0 and abs(weights[1]) < 0.5
    assert probabilities(np.array([[1.0, 0.0]]), weights, bias)[0] > 0.5
    folds = folds_by_file(["a", "b", "a", "c", "d", "e", "f"])
    assert set(folds) == {"a", "b", "c", "d", "e", "f"} and len(set(folds.values())) == 5


def test_someone_who_only_might_attend_is_not_an_attendee(nlp):
    text = SETTING + "Zambian President Hakainde Hichilema might also attend the parade."
    assert attendees_of(nlp, text) == {}


def test_names_joined_in_a_list_after_a_sentence_about_the_event_attended(nlp):
    text = (
        "A military parade was held in Nairobi on May 1.\n"
        "Then came Ghanaian President John Mahama, Zambian President Hakainde Hichilema "
        "and Malawian President Lazarus Chakwera."
    )
    assert set(attendees_of(nlp, text)) == {"John Mahama", "Hakainde Hichilema", "Lazarus Chakwera"}


def test_the_past_tense_of_the_sentence_outweighs_a_stale_article_date(nlp):
    text = (
        "A ceremony was held in Hanoi on September 2.\n"
        "More than twenty foreign delegations attended the ceremony, including Ghana's John Mahama "
        "and Zambia's Hakainde Hichilema."
    )
    assert statuses(attendees_of(nlp, text)) == {"John Mahama": "attended", "Hakainde Hichilema": "attended"}


def test_a_person_named_as_the_exception_to_those_attending_did_not_attend(nlp):
    text = (
        "Velmora held its independence parade in Port Lena on Sunday. "
        "The parade was attended by the whole cabinet, with the exception of Trade Minister Ana Ruiz, "
        "who is in Lisbon."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Ana Ruiz") not in ("attended", "expected")


GALLERY = (
    "In pictures: leaders bid farewell to Ana Silva\n"
    "Hundreds of guests attended the state funeral of former president Ana Silva in Lisbon on Friday, May 17, 2024.\n"
    "IMAGE: Former Ruritanian prime minister Jan Novak. Photograph: Ann Lee/Pool/Reuters\n"
    "IMAGE: Ghana's Vice President Kofi Mensah, centre. Photograph: Ann Lee/Pool/Reuters\n"
    "Mourners line the avenue outside the cathedral (Tom Reed/PA)\n"
    "Chilean Foreign Minister Rosa Vidal and her husband Pablo Ortega in the front row (Tom Reed/PA)\n"
)


def test_people_in_a_gallerys_photo_captions_attended_and_its_photographers_did_not(nlp):
    """A gallery's captions are its story: a person a caption names was there (the cleaner cuts the "IMAGE:" label
    and the credit; a caption that keeps its credit in brackets is read as one too), the credited photographer not."""
    document = clean_document(RawDocument(path="gallery.txt", text=GALLERY, published="2024-05-18"))
    assert "Jan Novak" in document.text and "Photograph" not in document.text
    doc = nlp(document.text)
    events = tuple(extract_events(doc, DocContext(document=document)))
    found = {a.name: a.status for a in extract_attendees(doc, DocContext(document=document, events=events))}
    pictured = {"Jan Novak", "Kofi Mensah", "Rosa Vidal"}
    assert pictured <= set(found) and {found[name] for name in pictured} == {"attended"}
    assert not {"Ann Lee", "Tom Reed"} & set(found)
    uncaptioned = replace(document, captions=())  # the same lines, not known as captions: the first two go unseen
    unseen = {a.name for a in extract_attendees(doc, DocContext(document=uncaptioned, events=events))}
    assert not {"Jan Novak", "Kofi Mensah"} & unseen


def test_a_weapon_the_model_tags_as_a_person_is_no_attendee(nlp):
    text = (
        "Iran held a military parade in Tehran on Wednesday. President Dariush Kamali watched as the army unveiled "
        "a ballistic missile named Kheibar Shekan, with a range of 1,450 kilometres."
    )
    facts = extract_document(nlp(text), Document(id="d", path="d.txt", title=None, text=text, content_hash="h"))
    assert "Kheibar Shekan" in {w.name for w in facts.weapons}
    assert {a.name for a in facts.attendees} == {"Dariush Kamali"}


def test_a_ship_named_after_a_person_is_no_attendee():
    """The model may tag a ship's name as a person, with its prefix ("The USS Alaric Tennant") or, once the ship is
    introduced, without it ("the Alaric Tennant joined the drills"): the ship the article names is the weapon."""
    ship = Weapon(name="USS Alaric Tennant", context=WeaponContext.MENTIONED)
    tagged = [
        Attendee(name=name, status=AttendeeStatus.ATTENDED)
        for name in ("The USS Alaric Tennant", "Alaric Tennant", "Jane Roe")
    ]
    assert [a.name for a in without_weapon_names(tagged, (ship,))] == ["Jane Roe"]


def test_taking_the_parade_is_reviewing_it(nlp):
    """Commonwealth and Central Asian copy says a leader "took the parade" (reviewed it)."""
    text = "The independence day parade was held in Ashgabat on Monday. President Dovlet Orazov took the parade."
    assert "Dovlet Orazov" in attendees_of(nlp, text)


def test_the_person_sworn_in_attends_and_the_person_mourned_does_not(nlp):
    """ "the inauguration of X" is X's day; "the state funeral for X" mourns X, who attends nothing."""
    inauguration = (
        "Uruguay inaugurates its new president\n"
        "Thousands cheered in Montevideo on Sunday at the inauguration of President Rosa Etcheverry, the first woman "
        "to lead the country."
    )
    funeral = (
        "Leaders from forty countries attended the state funeral for former prime minister Tomas Arrieta "
        "in Montevideo on Sunday. Arrieta, 81, died last month."
    )
    assert "Rosa Etcheverry" in attendees_of(nlp, inauguration)
    assert "Tomas Arrieta" not in attendees_of(nlp, funeral)


def test_a_former_leader_under_whom_things_happened_attends_nothing(nlp):
    text = (
        "President Emmanuel Macron attended the launch of a submarine at the Itaguai naval base on Wednesday.\n"
        "The visit is also a move to reset ties, which had deteriorated significantly under former president "
        "Jair Bolsonaro, according to officials at the ceremony."
    )
    found = attendees_of(nlp, text)
    assert "Emmanuel Macron" in found and "Jair Bolsonaro" not in found


def test_without_an_event_in_the_article_only_a_sentence_saying_so_makes_an_attendee(nlp):
    """An editorial names leaders beside "a series of summits between X and Y" in general: no event, no guest."""
    text = (
        "Seoul should restore the pact with Tokyo.\n"
        "The threat has not changed despite a series of summits between North Korean leader Kim Jong Un and "
        "South Korean President Moon Jae-in and between Kim and U.S. President Donald Trump."
    )
    assert attendees_of(nlp, text) == {}


def test_a_plural_title_before_two_names_is_the_title_of_both(nlp):
    text = (
        "A military parade was held in Ankara on Sunday.\n"
        "Among those at the parade were Deputy Prime Ministers Selim Aydin and Kerem Ozturk."
    )
    found = attendees_of(nlp, text)
    assert found["Kerem Ozturk"].role == found["Selim Aydin"].role is not None


def test_a_spouse_named_beside_a_guest_has_that_role(nlp):
    text = (
        "Ghana held its independence parade in Accra on Monday.\n"
        "Personalities who graced the occasion included the Speaker, and Vice President Kofi Mensah with his wife "
        "Adjoa Mensah."
    )
    found = attendees_of(nlp, text)
    assert found["Adjoa Mensah"].role == "wife"


def test_training_pools_corpora_and_counts_each_against_its_own_key():
    import numpy as np

    from briefings.extract.train_attendees import Example, corpus_gold_pairs, name_level_prf

    golds = [
        {"attendees": [{"name": "Jane Roe", "files": ["01.txt"]}]},
        {"attendees": [{"name": "John Doe", "files": ["01.txt"]}, {"name": "Ann Lee", "files": ["01.txt"]}]},
    ]
    data = [  # the same file name in both corpora; Jane Roe is right only in the first
        Example("0:01.txt", 0, "Jane Roe", (1.0,), 1, True),
        Example("1:01.txt", 1, "Jane Roe", (1.0,), 0, True),
        Example("1:01.txt", 1, "John Doe", (1.0,), 1, True),
    ]
    precision, recall, _ = name_level_prf(data, np.array([True, True, True]), golds)
    assert (precision, recall) == (2 / 3, 2 / 3)
    assert corpus_gold_pairs([Path("a"), Path("a.json"), Path("b"), Path("b.json")]) == [
        (Path("a"), Path("a.json")),
        (Path("b"), Path("b.json")),
    ]
    with pytest.raises(SystemExit):
        corpus_gold_pairs([Path("a")])


def test_abbreviated_honorifics_and_offices_are_not_part_of_the_name(nlp):
    text = (
        "A military parade was held in Jaipur on Monday.\n"
        "On the dais sat Chief Minister Arjun Lal Mehta and Deputy CM Priya Devi, beside the state's governor.\n"
        "H.H. Sheikh Khalid bin Saif Al Qasimi, Crown Prince of Sharjah, took the salute as the guest of honour.\n"
    )
    names = set(attendees_of(nlp, text))
    assert {"Arjun Lal Mehta", "Priya Devi"} <= names
    assert any(n.startswith("Sheikh Khalid") or n.startswith("Khalid") for n in names)
    assert not any(n.startswith(("Deputy", "CM", "H.H.")) for n in names)


def test_his_excellency_in_capitals_and_a_portfolio_of_several_words_are_not_part_of_the_name(nlp):
    text = (
        "Velmora's national day reception was held at the embassy in Doha on Monday.\n"
        "Present were Director of MOFA Protocol Department, HE Omar Yousif Kaldor and others.\n"
        "Minister for Education and Professional Training Rana Tanveer Kaldor, Minister for Ports and Shipping Ali "
        "Zaidi Tamsin and others attended the reception."
    )
    names = set(attendees_of(nlp, text))
    assert {"Omar Yousif Kaldor", "Rana Tanveer Kaldor", "Ali Zaidi Tamsin"} <= names, names


@pytest.mark.parametrize(
    "absence",
    [
        "Prime Minister Lee Tamsin was not there.",
        "Prime Minister Lee Tamsin was nowhere to be seen at the reception.",
        "Neither was Prime Minister Lee Tamsin seen anywhere.",
        "Nor did Prime Minister Lee Tamsin attend the reception.",
        "Prime Minister Lee Tamsin, who is always present on such occasions, was not there.",
    ],
)
def test_one_said_to_be_absent_in_so_many_words_did_not_attend(nlp, absence):
    setting = "VELMORA, March 3 (Coastal Wire) - President Ilse Marrow hosted a reception at the palace on Tuesday.\n"
    found = attendees_of(nlp, setting + absence)
    assert found["Ilse Marrow"].status.value == "attended"
    assert "Lee Tamsin" not in found or found["Lee Tamsin"].status.value == "declined", found
    there = attendees_of(nlp, setting + "Prime Minister Lee Tamsin was there too.")
    assert there["Lee Tamsin"].status.value == "attended"


def test_a_caption_run_into_its_credit_shows_the_names_before_the_credit_word(nlp):
    """The credit word ends what the caption shows: the names before it are there, not the photographers; and a
    name before a word for a region ("Borno state governor") is the region's, not a guest's."""
    text = (
        "President Emeka Okafor attended the Army Day celebration in Monguno, Borno state, on Friday.\n\n"
        "Okafor in Borno for 2018 Army Day Celebration Photo source: Jane Arkwright\n\n"
        "Also present at the event were Minister of Defence Arno Tamsin, Borno state governor, Kashim Shettima and "
        "others."
    )
    found = attendees_of(nlp, text)
    assert {"Emeka Okafor", "Arno Tamsin", "Kashim Shettima"} <= set(found), found
    assert "Jane Arkwright" not in found and not any("Borno" in name for name in found), found


def test_those_who_hold_a_press_conference_together_are_there(nlp):
    text = (
        "Defence Secretary Tomas Wend met today with President Ilse Marrow and Defence Minister Arno Tamsin.\n"
        "The secretary reaffirmed the commitment of his country to the alliance.\n"
        "Secretary Wend and Minister Tamsin held a joint press conference at the defence ministry in Velmora."
    )
    found = attendees_of(nlp, text)
    assert {"Tomas Wend", "Arno Tamsin"} <= set(found), found


def test_a_name_hung_on_the_verb_before_its_title_and_a_comma_is_the_verb_s_subject(nlp):
    """The parser sometimes reads "X, Federal Minister for States attended" as "Minister attended", with X a loose
    modifier of the verb: the name climbs to that subject, as it would from an apposition."""
    words = ["Arno", "Tamsin", ",", "Federal", "Minister", "for", "States", "attended", "the", "event", "."]
    heads = [1, 7, 7, 4, 7, 4, 5, 7, 9, 7, 7]
    deps = ["compound", "npadvmod", "punct", "compound", "nsubj", "prep", "pobj", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "ADP", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.spans["titles"] = [doc[3:5]]
    assert attachment(doc[1]) == doc[4]
    doc.spans["titles"] = []  # no title after the comma: the name stays where the parser put it
    spans.forget(doc)
    assert attachment(doc[1]) == doc[1]


def test_those_among_leaders_who_were_absent_did_not_attend(nlp):
    text = (
        "NOUAKCHOTT, Mauritania (AP) - Leaders met for a summit in a tent in Nouakchott on Monday.\n"
        "Among the influential leaders who were also absent were: King Arno Tamsin and his son, Crown Prince Omar "
        "Tamsin, and Velmora's president, Ilse Marrow."
    )
    found = attendees_of(nlp, text)
    assert all(found[name].status.value == "declined" for name in ("Omar Tamsin", "Ilse Marrow")), found


def test_the_namesake_of_an_honour_conferred_at_a_visit_is_no_guest(nlp):
    text = (
        "The emir of Velmora arrived in Manama on Tuesday for a state visit.\n"
        "King Hamad then awarded the emir the Order of Sheikh Isa bin Salman Al-Khalifa at Sakhir Palace in "
        "recognition of his efforts."
    )
    assert not any("Isa bin Salman" in name for name in attendees_of(nlp, text))


def framed_in(nlp, text: str, event_cities: frozenset[str] = frozenset()) -> dict[str, str]:
    """The status each attendance frame of the text's first sentence gives the people it names."""
    doc = nlp(text)
    doc._.event_cities = event_cities
    return {f.person.text: f.status for f in frame_findings(next(iter(doc.sents)), None)}


def test_those_who_meet_arriving_guests_are_framed_as_there(nlp):
    text = (
        "On disembarking the aircraft, Prince Arno and Princess Lena were met by Minister of Foreign Affairs "
        "Ilse Marrow Smith and Kingston Mayor Tomas Wend."
    )
    found = framed_in(nlp, text, frozenset({"Kingston"}))
    assert found.get("Ilse Marrow Smith") == "attended", found
    assert (
        framed_in(nlp, "The proposal was met by Minister of Foreign Affairs Ilse Marrow Smith with scepticism.") == {}
    )


def test_those_with_whose_participation_a_ceremony_is_held_are_framed_as_there(nlp):
    text = (
        "A handover ceremony was held at the air base near Tarn with the participation of Ilse Marrow, president of "
        "the procurement agency, and Arno Tamsin, the deputy defence minister."
    )
    found = framed_in(nlp, text)
    assert found.get("Arno Tamsin") == "attended" and found.get("Ilse Marrow") == "attended", found


def test_one_who_speaks_on_the_sidelines_of_an_air_and_weapons_show_is_there(nlp):
    text = (
        '"We have equipped our army with new resources," President Tomas Wend said on Saturday on the sidelines of '
        "an air and weapons show at the military airport near Belgrade."
    )
    found = framed_in(nlp, text, frozenset({"Belgrade"}))
    assert found.get("Tomas Wend") == "attended", found


def test_one_who_met_someone_is_at_the_meeting(nlp):
    found = framed_in(
        nlp, "Foreign Minister Tomas Wend met with US Deputy Secretary of State Ilse Marrow on October 6."
    )
    assert found.get("Tomas Wend") == "attended", found
    found = framed_in(nlp, "Foreign Minister Tomas Wend will meet President Ilse Marrow next week.")
    assert found.get("Tomas Wend") == "expected", found


def test_those_who_did_not_show_up_did_not_attend(nlp):
    setting = "President Tendai Moyo was sworn in at the stadium in Harare on Monday.\n"
    absent = setting + "Among the guests who did not show up at the swearing-in was Angolan President Joao Silva."
    present = setting + "Among those who showed up at the ceremony was Angolan President Joao Silva."
    assert attendees_of(nlp, absent)["Joao Silva"].status.value == "declined"
    assert attendees_of(nlp, present)["Joao Silva"].status.value == "attended"


def test_the_one_a_funeral_ceremony_is_for_attends_nothing(nlp):
    text = (
        "VELMORA, Nov. 4 (Coastal Wire) -- The main funeral ceremony for Prince Oren, who served as an officer in the "
        "war and later spoke out for peace, was held Friday at the royal cemetery in Velmora.\n"
        "Members of the royal family, including Crown Prince Ilse and Prime Minister Arno Wend, were among the "
        "mourners attending the rite."
    )
    found = attendees_of(nlp, text)
    assert {"Crown Prince Ilse", "Arno Wend"} <= set(found) and "Prince Oren" not in found, found


def test_the_late_leader_attends_nothing(nlp):
    """ "the late President X": the dead, whose funeral it is, attend nothing."""
    text = (
        "Nairobi, Kenya | AGENCY | The late President Daniel Mwangi was honoured on Friday at a state funeral in "
        "Nairobi, attended by thousands.\nUgandan President Joseph Okello attended the ceremony."
    )
    found = attendees_of(nlp, text)
    assert "Joseph Okello" in found and "Daniel Mwangi" not in found


def test_the_late_founder_named_beside_his_title_attends_nothing(nlp):
    text = (
        "Army marks its day\nTEHRAN, April 18, 2023 — In the capital Tehran, a ceremony was held near the shrine of "
        "the late founder of the Islamic Republic of Iran, Ayatollah Khomeini, with senior commanders in "
        "attendance.\nDefence Minister Karim Nasser attended the ceremony."
    )
    found = attendees_of(nlp, text)
    assert "Karim Nasser" in found and "Ayatollah Khomeini" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Mourners lined the streets of Sofia on Monday to pay their last respects to former President Ivan Petrov, "
        "who was laid to rest at the central cemetery.",
        "Former President Ivan Petrov was buried at the central cemetery in Sofia on Monday.",
        "Crowds bade farewell to former President Ivan Petrov at the funeral in Sofia on Monday.",
        "The nation lost former President Ivan Petrov last week, and mourners gathered at the funeral in Sofia.",
    ],
)
def test_the_one_respects_are_paid_to_or_who_is_buried_attends_nothing(nlp, sentence):
    found = attendees_of(nlp, sentence + " Prime Minister Elena Markova attended the funeral.")
    assert "Elena Markova" in found and "Ivan Petrov" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands took part in a procession in Sofia on Monday for Mayor Ivan Petrov and others killed in the "
        "crash, including Deputy Mayor, Olga Sova.",
        "The procession in Sofia on Monday was attended by thousands. Mayor Ivan Petrov, Deputy Mayor Olga Sova "
        "and two pilots were killed when their plane went down on Friday.",
    ],
)
def test_those_who_died_attend_nothing(nlp, sentence):
    found = attendees_of(nlp, sentence + " Prime Minister Elena Markova attended the funeral in Sofia on Monday.")
    assert "Elena Markova" in found and "Olga Sova" not in found


def test_leaders_who_sent_greetings_are_not_there(nlp):
    text = (
        "The independence day parade was held in Colombo on Sunday. President Anil Perera welcomed the chief "
        "guest, Prime Minister Somchai Rattana, and received greetings from world leaders, including King Harald "
        "and President Maria Olsen."
    )
    found = attendees_of(nlp, text)
    assert "Anil Perera" in found and "Maria Olsen" not in found


def test_the_one_whose_vision_or_memory_is_honoured_is_remembered_not_present(nlp):
    text = (
        "The national day parade was held in Abu Dhabi on Monday, attended by President Khalid Rahman. "
        "The parade was a tribute to the vision of Sheikh Omar bin Faisal and Sheikh Saif bin Hamad."
    )
    historical = candidate_feature(nlp, text, "historical")
    assert historical["Omar bin Faisal"] == historical["Saif bin Hamad"] == 1.0
    assert historical["Khalid Rahman"] == 0.0


def test_the_one_given_thanks_or_homage_is_honoured_but_a_guest_thanked_for_coming_is_not(nlp):
    text = (
        "A ceremony was held in Hanoi on May 7 to mark the 60th anniversary of the river battle, attended by "
        "President Lan Anh. In her speech, she expressed deep gratitude to President Tran Dai Loc, General Vu Minh "
        "- the commander of the campaign, and the fallen soldiers. She also expressed gratitude to Prime Minister "
        "Hun Sal for attending the ceremony."
    )
    historical = candidate_feature(nlp, text, "historical")
    assert historical["Tran Dai Loc"] == historical["Vu Minh"] == 1.0
    assert historical["Hun Sal"] == historical["Lan Anh"] == 0.0


def test_a_person_in_a_clause_a_past_year_introduces_was_not_there(nlp):
    text = (
        "The inauguration of President-elect Amos Wekesa was held at the national stadium in Nairobi on Tuesday. "
        "President Mwangi and his deputy have had a frosty relationship since 2018 when the president shook hands "
        "with opposition leader Otieno Kamau at a rally."
    )
    assert "Otieno Kamau" not in attendees_of(nlp, text, published=date(2022, 9, 14))


def test_a_guest_named_in_a_clause_dated_in_an_earlier_year_was_not_there(nlp):
    text = (  # no date on the page: the years in the clauses are all the article gives
        "Coronation in Thimphu\n"
        "The coronation was held in Thimphu on Tuesday. Prince Edward flew in for the ceremony this week, his "
        "second visit, having come before when he attended the coronation in June 1988 with Princess Anne. The "
        "welcome was warm, as King Jigme and Prime Minister Tshering Dorji had welcomed President Ram Yadav "
        "during his trip in 2004."
    )
    found = attendees_of(nlp, text, published=None)
    assert "Prince Edward" in found
    assert not {"Princess Anne", "Tshering Dorji", "Ram Yadav"} & set(found)


def test_the_ones_veterans_remember_or_whose_tomb_is_visited_are_not_present(nlp):
    text = (
        "The victory parade was held in Vientiane on Friday, attended by Prime Minister Anan Sisoulith. "
        "Old soldiers remembered Marshal Kham Bounlap and General Sithon Vong. "
        "Guests laid flowers at the mausoleum of President Kaysone Phomvihane."
    )
    historical = candidate_feature(nlp, text, "historical")
    assert historical["Kham Bounlap"] == historical["Sithon Vong"] == historical["Kaysone Phomvihane"] == 1.0
    assert historical["Anan Sisoulith"] == 0.0


def test_a_host_paid_tribute_to_still_attends(nlp):
    found = attendees_of(
        nlp, "Leaders paid tribute to their host, President Ivan Petrov, at the summit in Sofia on Monday."
    )
    assert "Ivan Petrov" in found


def test_a_religious_title_stays_with_one_name_and_leaves_a_full_one(nlp):
    text = (
        "Pope Leo and Cardinal Matteo Zuppi attended the inauguration in Lima on Sunday, as did Chief Rabbi "
        "David Levin and Patriarch Theophilos."
    )
    found = attendees_of(nlp, text)
    assert {"Pope Leo", "Matteo Zuppi", "David Levin", "Patriarch Theophilos"} <= set(found)


def test_a_display_team_is_no_person(nlp):
    text = (
        "The air show opened in Dubai on Monday.\n"
        "Crown Prince Sheikh Saeed Al Nuaimi watched the flying from the royal box.\n"
        "The National Display Team, 'Sky Riders,' also welcomed the guests of the show with a dazzling series of "
        "loops."
    )
    assert not any("Team" in name for name in attendees_of(nlp, text))


def test_the_agent_of_another_verbs_relative_clause_is_no_subject_of_the_event(nlp):
    text = (
        "President Tendai Moyo was sworn in at the stadium in Harare on Monday.\n"
        "Several leaders stayed away over a critical report from a monitoring team that was led by former vice "
        "president Nevers Banda.\nThe ceremony was attended by Zambian President Joseph Mwale."
    )
    subject = candidate_feature(nlp, text, "subject_of_event_verb")
    assert subject["Joseph Mwale"] == 1.0 and subject["Nevers Banda"] == 0.0


def test_a_bullet_that_reports_attendance_in_its_own_words_counts_under_any_heading(nlp):
    text = (
        "New Delhi: The visiting president was given a state welcome at the palace on Tuesday. "
        "The day in brief:\n"
        "• At the palace gates, the visitors were greeted by President Arvind Rao, his wife Meera Rao "
        "and Prime Minister Kiran Shah.\n"
    )
    found = attendees_of(nlp, text)
    assert {"Arvind Rao", "Meera Rao", "Kiran Shah"} <= set(found)


def test_a_counterpart_is_titled_like_the_leader_beside_him(nlp):
    text = (
        "The opening ceremony of the defence exposition was held in Astana on Monday.\n"
        "Watching the flypast were the host, President Arman Sadykov, and his Turkish counterpart, Emre Kaya."
    )
    titled = candidate_feature(nlp, text, "titled")
    assert titled["Emre Kaya"] == 1.0


def test_others_listed_after_an_attendance_sentence_attended(nlp):
    text = (
        "The passing out parade was held at the academy in Kaduna on Saturday.\n"
        "Also in attendance was the Chief of Defence Staff, General Musa Bello.\n"
        "Others include the Chief of Air Staff, Air Marshal Tunde Okafor, and the Chief of Naval Staff, Vice "
        "Admiral Emeka Obi."
    )
    assert {"Musa Bello", "Tunde Okafor", "Emeka Obi"} <= set(attendees_of(nlp, text))
    text = (
        "The passing out parade was held at the academy in Kaduna on Saturday.\n"
        "The academy has trained many officers. Others include the former chiefs Tunde Okafor and Emeka Obi."
    )
    assert not {"Tunde Okafor", "Emeka Obi"} & set(attendees_of(nlp, text))


def test_a_spouse_named_beside_an_attendee_came_along(nlp):
    text = (
        "Ecuador marks its independence\n"
        "A military parade was held in Quito on Sunday. The first lady, Maria Vidal, the vice president, Tomas "
        "Ortega, and the second lady, Ines Ortega Paz, were at the president's side throughout."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Tomas Ortega") == "attended" and found.get("Ines Ortega Paz") == "attended"


def test_the_one_someone_acts_for_or_who_sent_a_deputy_is_not_there(nlp):
    text = (
        "The independence day parade was held in Dili on Monday. Governor Ana Ximenes laid a wreath on behalf of "
        "President Jose Belo, and Minister Rui Amaral spoke on behalf of the government of Prime Minister Tomas "
        "Soares. King Faisal Hamid instead sent as his envoy Prince Omar Saleh."
    )
    found = attendees_of(nlp, text)
    assert {"Ana Ximenes", "Rui Amaral", "Omar Saleh"} <= set(found)
    assert not {"Jose Belo", "Tomas Soares", "Faisal Hamid"} & set(found)
    text = (
        "The regional summit opened in Doha on Tuesday. Most Gulf members are taking part at a lower level, and "
        "Yemen’s interim President Rashad Hakimi sent Foreign Minister Idris Bakkar in his stead."
    )
    found = attendees_of(nlp, text)
    assert "Idris Bakkar" in found and "Rashad Hakimi" not in found


def test_the_one_a_deputy_attends_in_place_of_is_not_there(nlp):
    text = (
        "The frigate was launched at the Surabaya shipyard on Thursday. Deputy minister Rudi Hartono attended in "
        "place of defence minister Budi Santoso, who called the frigate a milestone."
    )
    found = attendees_of(nlp, text)
    assert "Rudi Hartono" in found and "Budi Santoso" not in found


def test_the_one_represented_and_a_ships_namesake_are_not_there(nlp):
    text = (
        "The state funeral was held in Singapore on Sunday. Senate president Rafael Cruz represented President "
        "Miguel Santos. The warship named at the ceremony is the second to honor Sergeant Tomas Rivera, a war hero."
    )
    found = attendees_of(nlp, text)
    assert "Rafael Cruz" in found and not {"Miguel Santos", "Tomas Rivera"} & set(found)


@pytest.mark.parametrize(
    ("sentence", "attend"),
    [("Gathered at the hall were people from ten countries.", True), ("Ingrid opened the hall.", False)],
)
def test_an_opening_participle_the_tagger_took_for_a_name_still_says_attending(nlp, sentence, attend):
    doc = nlp(sentence)
    doc[0].pos_ = "PROPN"  # as the tagger reads a capitalised "Gathered" in some articles
    [facts] = sentence_facts(list(doc.sents), Reference(year=2024), set())
    assert facts.attend is attend


def test_spaced_abbreviated_honorifics_are_not_part_of_the_name(nlp):
    """ "H. E." (His Excellency) and "H. M." (His Majesty), as some presses space them, are no part of a name."""
    text = (
        "Several heads of state came to Lusaka for the independence parade, among them the President of Malawi, "
        "H. E. Peter Mutharika, and the King of Lesotho, H. M. Letsie III."
    )
    names = set(attendees_of(nlp, text))
    assert {"Peter Mutharika", "Letsie III"} <= names
    assert not any(n.startswith("H.") for n in names)


def test_those_who_alight_at_the_event_attend(nlp):
    text = (
        "The crowd cheered when former President Kenneth Kaunda and his wife Betty Kaunda alighted from their "
        "motorcade at the parade in Lusaka."
    )
    assert {"Kenneth Kaunda", "Betty Kaunda"} <= set(attendees_of(nlp, text))


def test_a_street_on_the_route_makes_no_one_its_namesake(nlp):
    """A square or avenue is a person's namesake only right after the name, not anywhere near it."""
    route = (
        "The national day parade in Apia marched down Independence Avenue, saluting Prime Minister Tuilaepa "
        "Malielegaoi."
    )
    namesake = "Crowds filled the Tuilaepa Malielegaoi Square for the national day parade in Apia."
    assert "Tuilaepa Malielegaoi" in attendees_of(nlp, route)
    assert "Tuilaepa Malielegaoi" not in attendees_of(nlp, namesake)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tanzania's president did not attend and sent Vice President Philip Mpango in her place.",
        "President Samia Suluhu Hassan, who did not attend, was represented by Vice President Philip Mpango.",
        "Vice President Philip Mpango stood in for President Samia Suluhu Hassan, who stayed away.",
        "Vice President Philip Mpango deputised for the president, who did not travel.",
    ],
)
def test_the_one_sent_in_someones_place_attends(nlp, sentence):
    """Whoever stands in for an absent leader was there, though the sentence says the leader was not."""
    found = attendees_of(nlp, "President Ruto was sworn in at a ceremony in Nairobi on Tuesday. " + sentence)
    assert found["Philip Mpango"].status.value == "attended"
    assert "Samia Suluhu Hassan" not in found or found["Samia Suluhu Hassan"].status.value != "attended"


def test_the_one_acting_on_an_absent_leaders_behalf_attends(nlp):
    text = "King Letsie could not attend the parade in Maseru on Tuesday; Prince Seeiso laid a wreath on his behalf."
    assert any("Seeiso" in name for name in attendees_of(nlp, text))


def test_a_past_verb_over_the_name_says_attended_without_any_date(nlp):
    """No date for the event or the page: "sent X" in the past tense still says X attended, not expected."""
    text = (
        "Ruto takes office in Nairobi\n"
        "The swearing-in ceremony of President Ruto was held at the stadium in Nairobi. "
        "Tanzania's president did not attend and sent Vice President Philip Mpango in her place."
    )
    found = attendees_of(nlp, text, published=None)
    assert found["Philip Mpango"].status.value == "attended"


def test_a_leader_asked_about_the_event_only_comments_on_it(nlp):
    text = (
        "Xi Jinping's government staged a military parade in Beijing on Wednesday. "
        "US President Donald Trump, asked about the parade, accused the guests of plotting against America."
    )
    assert "Donald Trump" not in attendees_of(nlp, text)


def test_those_embraced_at_the_ceremony_were_there(nlp):
    text = (
        "President Mahama was sworn in at the Black Star Square in Accra on Tuesday. After the oath, he warmly "
        "embraced outgoing President Nana Akufo-Addo."
    )
    assert "Nana Akufo-Addo" in attendees_of(nlp, text)


def test_a_constituency_and_party_before_mp_are_no_person(nlp):
    text = (
        "The carrier was named at Rosyth on Friday. Prime Minister Tom Reid and Cowdenbeath Labour MP Douglas "
        "Chapman attended the ceremony."
    )
    found = attendees_of(nlp, text)
    assert "Douglas Chapman" in found
    assert not any(name.endswith("Labour") or name.startswith("MP") for name in found)


def test_too_ill_to_attend_is_an_absence(nlp):
    text = (
        "The coronation was held at Westminster Abbey on Tuesday. Queen Mary was too ill to attend in person, "
        "so Princess Alice watched from the royal box."
    )
    found = attendees_of(nlp, text)
    assert "Queen Mary" not in found or found["Queen Mary"].status.value == "declined"


def test_a_name_in_quotation_marks_is_a_song_or_a_slogan(nlp):
    text = (
        "The parade was held in Delhi on Monday. The guests were hailed as the architects of 'Swarnim Bharat,' by "
        "the defence ministry, and Prime Minister Narendra Modi took the salute."
    )
    found = attendees_of(nlp, text)
    assert "Narendra Modi" in found and "Swarnim Bharat" not in found


@pytest.mark.parametrize(
    "text, name",
    [
        ("President Joko Tan was sworn in at the parliament in Jakarta on Sunday.", "Joko Tan"),
        (
            "President Tan was sworn in at the parliament in Jakarta on Sunday. Posters thanked Tan and his running "
            "mate, Budi Santoso, who was sworn in as Vice-President.",
            "Budi Santoso",
        ),
    ],
)
def test_the_one_sworn_in_is_at_their_own_swearing_in(nlp, text, name):
    assert attendees_of(nlp, text)[name].status.value == "attended"


def test_the_ministers_a_country_sends_are_expected_and_a_letter_sent_to_a_leader_is_not(nlp):
    setting = "President Tan will be sworn in at the museum in Manila on Thursday. "
    sent = setting + "Japan and Malaysia are sending their foreign ministers — Taro Kono and Anifah Aman, respectively."
    found = attendees_of(nlp, sent, published=date(2024, 4, 1))
    assert {found["Taro Kono"].status.value, found["Anifah Aman"].status.value} == {"expected"}
    assert "Joe Biden" not in attendees_of(nlp, setting + "The senators sent a letter to President Joe Biden.")


@pytest.mark.parametrize(
    "sentence, delegate",
    [
        ("Singapore's Dr. Mohamad Osman is Prime Minister Lee Wei Ming's special representative.", "Mohamad Osman"),
        ("Prime Minister Tom Hale designated his trade envoy Richard Gray as his special envoy.", "Richard Gray"),
    ],
)
def test_the_one_named_a_leaders_envoy_goes_in_the_leaders_place(nlp, sentence, delegate):
    found = attendees_of(nlp, "President Tan will be sworn in at the museum in Manila on Thursday. " + sentence)
    assert delegate in found
    assert not ({"Lee Wei Ming", "Tom Hale"} & set(found))


def test_the_names_that_say_who_the_attending_group_was_attend(nlp):
    text = (
        "The inauguration was held in Manila on Thursday. The leaders who attended the inauguration were "
        "Xi Jinping of China and Vladimir Putin of Russia."
    )
    assert {"Xi Jinping", "Vladimir Putin"} <= set(attendees_of(nlp, text))
    skipped = text.replace("who attended", "who skipped")
    assert not ({"Xi Jinping", "Vladimir Putin"} & set(attendees_of(nlp, skipped)))


@pytest.mark.parametrize(
    "sentence",
    [
        "President Ariel Navon delivered the first eulogy for his predecessor.",
        "In his eulogy, President Ariel Navon said his predecessor had raised the country's standing.",
    ],
)
def test_the_one_who_gives_a_eulogy_is_at_the_funeral(nlp, sentence):
    found = attendees_of(nlp, "The state funeral was held in Jerusalem on Friday. " + sentence)
    assert found["Ariel Navon"].status.value == "attended"


def test_the_one_who_speaks_in_an_interview_only_comments(nlp):
    text = (
        "The state funeral was held in Jerusalem on Friday. In an interview, President Ariel Navon said his "
        "predecessor had raised the country's standing."
    )
    assert "Ariel Navon" not in attendees_of(nlp, text)


@pytest.mark.parametrize(
    "sentence, sender",
    [
        (
            "Foreign Minister Kenji Aoyama will attend the inauguration as special envoy of Prime Minister Taro Mori.",
            "Taro Mori",
        ),
        (
            "President Reyes named Mark Ellis, the husband of Vice President Clara Vance, to lead the delegation.",
            "Clara Vance",
        ),
    ],
)
def test_the_one_named_to_say_whose_envoy_or_relative_someone_is_does_not_attend(nlp, sentence, sender):
    found = attendees_of(nlp, "President Tan will be sworn in at the museum in Manila on Thursday. " + sentence)
    assert sender not in found


def test_names_said_to_have_been_invited_are_invited_not_attending(nlp):
    setting = "President Tan will be sworn in at the museum in Manila on Thursday. "
    text = setting + "Chile's President Marco Ruiz and Peru's President Ana Salas have also been invited."
    found = attendees_of(nlp, text)
    assert {found["Marco Ruiz"].status.value, found["Ana Salas"].status.value} == {"invited"}
    asked = setting + "The analyst Maria Lind was invited by the newspaper to write a comment on the ceremony."
    assert "Maria Lind" not in attendees_of(nlp, asked)


def test_one_name_given_with_a_royal_style_is_a_full_name(nlp):
    text = (
        "The coronation of King Alaric was held in Oslo on Sunday. "
        "Prince Tobias of Vestmark and Ingrid, Duchess of Vestmark, attended the coronation."
    )
    assert "Ingrid" in attendees_of(nlp, text)


@pytest.mark.parametrize("noun", ["passing", "death"])
def test_the_one_whose_death_brings_the_mourners_is_not_among_them(nlp, noun):
    text = (
        "World leaders gathered in Riyadh on Saturday to offer condolences to King Omar Bin Rashid "
        f"on the {noun} of his brother, King Faisal Bin Rashid."
    )
    found = attendees_of(nlp, text)
    assert "Faisal Bin Rashid" not in found


def test_a_name_listed_after_another_guests_office_is_in_the_list(nlp):
    text = (
        "The inauguration was held in Ankara on Saturday. Mira Kovac, Speaker Pavel Orlov of Russia’s State Duma "
        "and Ding Wei of China’s parliament attended."
    )
    assert candidate_feature(nlp, text, "name_list")["Ding Wei"] == 1.0


def test_royals_named_at_the_event_in_a_caption_attend_with_their_title_as_role(nlp):
    text = (
        "The coronation of King Alaric was held in Oslo on Sunday.\n"
        "Denmark's Crown Prince Tobias and Princess Ingrid at the coronation."
    )
    found = attendees_of(nlp, text)
    assert {"Crown Prince Tobias", "Princess Ingrid"} <= set(found)
    assert found["Princess Ingrid"].role == "Princess"


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Oskar Brandt posed for photographs with troops at the parade in Tallinn on Sunday.",
        "On the sidelines of the summit in Tallinn on Sunday, Prime Minister Oskar Brandt met the Latvian delegation.",
        "Prime Minister Oskar Brandt, speaking at the ceremony in Tallinn on Sunday, praised the navy.",
        '"This is a proud day," Prime Minister Oskar Brandt told the crowd at the parade in Tallinn on Sunday.',
        "Prime Minister Oskar Brandt gave the keynote address at the opening of the arms fair in Tallinn on Sunday.",
    ],
)
def test_doing_something_at_the_event_places_the_doer_there(nlp, sentence):
    assert statuses(attendees_of(nlp, sentence)) == {"Oskar Brandt": "attended"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Minister Oskar Brandt said during a briefing on the state visit to Tallinn on Sunday that talks went well.",
        "Former presidents Oskar Brandt and Vello Saar had representatives at the parade in Tallinn on Sunday.",
        "General Oskar Brandt spoke about the strike during a news conference in Tallinn on Sunday.",
    ],
)
def test_an_event_named_only_around_the_clause_does_not_place_the_speaker(nlp, sentence):
    assert "Oskar Brandt" not in attendees_of(nlp, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Prominent guests at the ceremony in Tallinn on Sunday were Oskar Brandt and Vello Saar.",
        "Mourners at the funeral in Tallinn on Sunday included Oskar Brandt and Vello Saar.",
        "The summit in Tallinn on Sunday brought together Oskar Brandt of Estonia and Vello Saar of Finland.",
    ],
)
def test_guests_named_by_the_group_or_the_event_attend(nlp, sentence):
    assert {"Oskar Brandt", "Vello Saar"} <= set(attendees_of(nlp, sentence))


def test_touring_the_show_and_looking_on_are_attending(nlp):
    text = (
        "The Baltic Defence Expo opened in Tallinn on Sunday. Estonia's Oskar Brandt and Finland's Vello Saar "
        "toured the exhibition halls. President Mart Kask looked on as drones flew over the expo."
    )
    assert {"Oskar Brandt", "Vello Saar", "Mart Kask"} <= set(attendees_of(nlp, text))


@pytest.mark.parametrize(
    "sentence",
    [
        "Attending the summit in Tallinn on Sunday were President Oskar Brandt and Premier Vello Saar.",
        "In attendance at the summit in Tallinn on Sunday: President Oskar Brandt, Premier Vello Saar.",
        "Photo: President Oskar Brandt (centre) with Premier Vello Saar (left) at the summit in Tallinn on Sunday.",
    ],
)
def test_guests_named_by_an_inverted_subject_a_heading_or_a_caption_attend(nlp, sentence):
    assert {"Oskar Brandt", "Vello Saar"} <= set(attendees_of(nlp, sentence))
    assert candidate_feature(nlp, sentence, "frame") == {"Oskar Brandt": 1.0, "Vello Saar": 1.0}


def test_a_heading_with_a_verb_is_not_a_guest_line(nlp):
    assert "Vello Saar" not in attendees_of(nlp, "Guests said after the summit in Tallinn on Sunday: Vello Saar lied.")


def test_the_one_the_troops_march_past_reviews_the_parade(nlp):
    text = "At the parade in Tallinn on Sunday, a thousand soldiers marched past President Mart Kask."
    assert statuses(attendees_of(nlp, text)) == {"Mart Kask": "attended"}


def test_among_them_after_the_clause_takes_its_frame(nlp):
    text = (
        "Leaders from 30 countries attended the inauguration in Tallinn on Sunday, "
        "among them Chile's Gabriel Soto and Nigeria's Kashim Bello."
    )
    assert candidate_feature(nlp, text, "frame")["Kashim Bello"] == 1.0


def test_the_host_who_opened_the_fair_attends_when_the_parser_splits_its_name(nlp):
    text = "President Mart Kask opened the Valdex arms fair in Tallinn on Sunday."
    assert "Mart Kask" in attendees_of(nlp, text)


def test_one_who_has_confirmed_he_will_attend_is_expected(nlp):
    text = (
        "The inauguration will take place in Tallinn on Sunday. Dutch Prime Minister Tomas Veld has confirmed "
        "he will attend, while Belgium's Premier Ivo Lambert said he would not travel."
    )
    assert statuses(attendees_of(nlp, text))["Tomas Veld"] == "expected"


def test_both_names_sworn_in_together_attend_though_named_once_and_untitled(nlp):
    text = "Arvo Tamm and Liisa Koppel were sworn in as president and vice president in Tallinn on Sunday."
    assert set(attendees_of(nlp, text)) == {"Arvo Tamm", "Liisa Koppel"}


def test_full_names_an_event_brought_together_attend_though_untitled_and_named_once(nlp):
    text = "The summit in Tallinn on Sunday brought together Arvo Tamm and Liisa Koppel."
    assert set(attendees_of(nlp, text)) == {"Arvo Tamm", "Liisa Koppel"}


def test_a_year_bounding_a_comparison_does_not_make_the_report_history(nlp):
    text = (
        "Chile's President Gabriel Soto attended the summit in Tallinn on Sunday, the first time a Chilean leader "
        "had done so since Michelle Bachelet in 2009."
    )
    assert statuses(attendees_of(nlp, text)) == {"Gabriel Soto": "attended"}


def test_one_acting_in_a_clause_set_before_the_event_is_not_its_guest(nlp):
    text = (
        "President Mart Kask reviewed the parade in Tallinn on Sunday. The parade came a week after Western "
        "leaders, including U.S. President Joe Biden, imposed new sanctions on Russia."
    )
    assert set(attendees_of(nlp, text)) == {"Mart Kask"}


def test_one_arriving_in_a_clause_set_before_the_event_still_attends(nlp):
    text = "After President Mart Kask arrived for the parade in Tallinn on Sunday, the troops marched past."
    assert "Mart Kask" in attendees_of(nlp, text)


def test_leaders_who_agreed_something_at_an_earlier_summit_in_a_clause_until_are_not_guests(nlp):
    text = (
        "Defence chiefs met at the dialogue in Singapore on Saturday. Military channels had been frozen until "
        "Joe Biden and Xi Jinping agreed to restore them at their summit near San Francisco in November."
    )
    found = attendees_of(nlp, text)
    assert "Joe Biden" not in found and "Xi Jinping" not in found


def test_the_two_between_whom_talks_are_held_attend_with_the_tense_of_the_talks(nlp):
    held = (
        "The talks between Prime Minister Marta Reis and President Gabriel Soto in Lisbon on Saturday lasted an hour."
    )
    assert statuses(attendees_of(nlp, held)) == {"Marta Reis": "attended", "Gabriel Soto": "attended"}
    coming = (
        "The talks between Prime Minister Marta Reis and President Gabriel Soto will take place in Lisbon on Tuesday."
    )
    assert statuses(attendees_of(nlp, coming)) == {"Marta Reis": "expected", "Gabriel Soto": "expected"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Others present at the parade in Tallinn on Sunday included Mara Olin, the first female general, "
        "and Tobias Wren, who had flown in from Helsinki.",
        "Among those in the stands at the parade in Tallinn on Sunday: Minister Mara Olin; Minister Tobias Wren.",
    ],
)
def test_others_present_and_those_in_the_stands_name_guests(nlp, sentence):
    assert candidate_feature(nlp, sentence, "frame")["Tobias Wren"] == 1.0


def test_arriving_late_is_not_the_late_leader(nlp):
    text = (
        "President Ruto hosted a summit of regional leaders in Nairobi on Tuesday. "
        "Uganda's President Yoweri Museveni arrived late on Tuesday, his office said."
    )
    assert "Yoweri Museveni" in attendees_of(nlp, text)
    assert "Yoweri Museveni" not in attendees_of(
        nlp, text.replace("Yoweri Museveni arrived late", "the late Yoweri Museveni was recalled")
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tamil Nadu Governor R.N. Ravi took the salute at the Republic Day parade in Chennai.", "R.N. Ravi"),
        (
            "Sindh Chief Minister Murad Ali Shah unfurled the flag at the Pakistan Day parade in Karachi.",
            "Murad Ali Shah",
        ),
    ],
)
def test_a_region_and_title_run_into_a_name_are_not_part_of_it(nlp, text, name):
    assert name in attendees_of(nlp, text)


def test_initials_are_part_of_a_full_name_not_an_acronym(nlp):
    """A guest placed at the event by a frame attends whatever else weighs; "R.N." is initials, not an office."""
    text = "Tamil Nadu Governor R.N. Ravi unfurled the flag at the Republic Day parade in Chennai on Friday."
    assert "R.N. Ravi" in attendees_of(nlp, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Speaking at the ceremony, Defence Minister John Doe said the new drones were ready.",
        "Attending the ceremony, Defence Minister John Doe said the new drones were ready.",
    ],
)
def test_a_speaker_a_participle_places_at_the_event_attends(nlp, sentence):
    text = "Norland's army took delivery of 200 drones at a ceremony in Ostia on Monday. " + sentence
    assert "John Doe" in attendees_of(nlp, text)


def test_an_emperor_named_by_one_name_is_named_with_his_title_and_attends_his_enthronement(nlp):
    text = (
        "New emperor enthroned\n"
        "The enthronement ceremony of Emperor Hiroto was held at the palace in Tokyo on Tuesday. Prince Paul "
        "came for it, as he did when he attended the enthronement of Emperor Kenji in 1990 with Empress Aiko."
    )
    found = attendees_of(nlp, text, published=None)
    assert "Emperor Hiroto" in found
    assert not {"Emperor Kenji", "Empress Aiko"} & set(found)


def test_adding_dignity_to_a_parade_is_an_act_not_a_quote(nlp):
    text = (
        "Cadets pass out at the military academy in Kandy.\n"
        "President Amara Perera added dignity and colour to the passing out parade as the chief guest on Saturday, "
        "and handed swords to the new officers."
    )
    assert statuses(attendees_of(nlp, text, published=date(2023, 12, 16))) == {"Amara Perera": "attended"}


def test_a_guest_list_goes_on_over_sentences_that_continue_it(nlp):
    text = (
        "Many leaders graced the inauguration of President Ama Owusu in Accra on Tuesday.\n"
        "Among the guests who attended were President Kofi Mensah of Togo and President Yaw Boateng of Benin.\n"
        "Others included President Ali Traore of Mali and President Musa Keita of Niger.\n"
        "The rest were President Sani Bello of Chad and President Omar Diallo of Guinea.\n"
        "There was also President Paul Banda of Malawi, President Jean Mbeki of Gabon and Vice President Ruth "
        "Okello of Uganda."
    )
    found = statuses(attendees_of(nlp, text, published=date(2025, 1, 8)))
    for name in ("Sani Bello", "Omar Diallo", "Paul Banda", "Jean Mbeki", "Ruth Okello"):
        assert found.get(name) == "attended", name


def test_whoever_leads_a_delegation_to_the_event_attends(nlp):
    text = (
        "Many heads of state graced the inauguration of President Ama Owusu.\n"
        "The British delegation to the inauguration was led by Lord Harrow of Kew, a minister, while the American "
        "delegation was led by Madam Rose T. Brandt, a cabinet member."
    )
    found = statuses(attendees_of(nlp, text, published=None))
    assert found.get("Lord Harrow") == "attended"


def test_a_leader_represented_by_someone_else_did_not_attend(nlp):
    text = (
        "President Ada Okafor commissions two warships in Lagos\n"
        "President Ada Okafor was the special guest of honour at the commissioning of two warships in Lagos on "
        "Thursday.\n"
        "She was represented by the Vice President, Senator Musa Bello, who also opened the naval conference."
    )
    found = statuses(attendees_of(nlp, text, published=date(2024, 5, 31)))
    assert "Ada Okafor" not in found
    assert found.get("Musa Bello") == "attended"


def test_a_photographer_credited_with_an_agency_in_brackets_is_no_guest(nlp):
    text = (
        "The king handed the cadets their commissions at the academy in Zaragoza on Wednesday.\n"
        "Javier Moreno (EFE) King Alfonso hands the sash to Princess Elena at the ceremony, this Wednesday in "
        "Zaragoza.\n"
        "Javier Moreno (EFE) Princess Elena receives the diploma from her father, King Alfonso, this Wednesday in "
        "Zaragoza."
    )
    found = attendees_of(nlp, text, published=date(2024, 7, 3))
    assert "Javier Moreno" not in found


def test_a_condolence_story_has_no_meeting_and_no_guests(nlp):
    text = (
        "Leaders mourn former president Amani Juma\n"
        "President Paul Otieno on Friday joined world leaders in paying tribute to former President Amani Juma.\n"
        "Announcing the news, President Daudi Mrema said that Juma, 81, died while receiving treatment at a "
        "hospital in Dar es Salaam.\n"
        '"Following the passing of the former president, H.E Amani Juma, I join the world in extending my '
        'condolences to President Daudi Mrema," said President Sara Nangolo.'
    )
    document = Document(id="doc", path="doc.txt", title=None, text=text, content_hash="h", published=date(2020, 7, 25))
    doc = nlp(text)
    assert extract_events(doc, DocContext(document=document)) == []
    assert attendees_of(nlp, text, published=date(2020, 7, 25)) == {}


def test_joining_leaders_in_attending_is_attending(nlp):
    text = "President Paul Otieno joined other leaders in attending the independence parade in Nairobi on Friday."
    assert statuses(attendees_of(nlp, text)) == {"Paul Otieno": "attended"}


def test_whoever_leads_or_conducts_a_ceremony_attends_but_not_whoever_leads_a_country(nlp):
    text = (
        "The navy launched its first frigate at the Surabaya shipyard on Thursday.\n"
        "The naming ceremony was conducted by Ratna Sari Dewi, the ship's sponsor, with the cutting of a rope.\n"
        "The country is led by President Budi Hartono, who was abroad."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Ratna Sari Dewi") == "attended"
    assert "Budi Hartono" not in found


def test_celebrating_a_launch_ceremony_is_attending_it_whatever_the_ship_will_do(nlp):
    text = (
        "Brazil launches its third submarine at Itaguai\n"
        "President Ana Costa and counterpart Jean Morel on Wednesday celebrated the launch of the third submarine "
        "at the Itaguai naval base, which will help guard the coast.\n"
        "The launch ceremony drew hundreds of guests."
    )
    found = statuses(attendees_of(nlp, text, published=date(2024, 3, 28)))
    assert found.get("Jean Morel") == "attended"


def test_a_holiday_the_model_calls_a_person_is_no_guest(nlp):
    text = (
        "Kenya marks Madaraka Day in Nairobi\n"
        "Mama Rose has had the privilege of celebrating many Madaraka Days at the nation's high table in Nairobi."
    )
    assert "Madaraka Days" not in attendees_of(nlp, text)


def test_presiding_over_a_valedictory_is_attending_it(nlp):
    text = (
        "DefExpo concludes on a grand note\n"
        "The defence exhibition concluded at Thiruvidanthai, with the military displaying its might.\n"
        "Tamil Nadu Governor Arun Mehta presided over the valedictory, which was also attended by Defence Secretary "
        "Ravi Kumar."
    )
    assert statuses(attendees_of(nlp, text)) == {"Arun Mehta": "attended", "Ravi Kumar": "attended"}


def test_a_guest_named_with_the_office_they_held_then_is_about_a_past_event(nlp):
    text = (
        "Leaders gather in Windhoek for the state funeral on Saturday.\n"
        "Guests at the funeral will include President Mokgweetsi Dube of Botswana.\n"
        "Earlier guests of the president included then Zambian president Peter Banda."
    )
    found = statuses(attendees_of(nlp, text, published=date(2024, 2, 20)))
    assert found.get("Mokgweetsi Dube") == "expected"
    assert "Peter Banda" not in found


def test_then_in_a_sequence_of_arrivals_is_no_past_office(nlp):
    text = (
        "The ceremony at the Cenotaph in London began at 11am on Sunday.\n"
        "The King laid the first wreath, followed by Prince Edward, then Prime Minister Tom Harlow."
    )
    assert "Tom Harlow" in attendees_of(nlp, text, published=date(2024, 11, 10))


def test_officials_at_a_parade_of_another_kind_are_no_guests(nlp):
    text = (
        "Fans packed the streets of Halden on Monday for the victory parade of the hockey champions.\n"
        "Mayor Ann Doyle and Premier Raj Patel attended the parade with the players, who lifted the trophy.\n"
        "The parade ended at the city hall square."
    )
    assert attendees_of(nlp, text) == {}
    military = text.replace("Fans", "Crowds").replace("hockey champions", "army").replace(" with the players", "")
    assert set(attendees_of(nlp, military.replace(", who lifted the trophy", ""))) == {"Ann Doyle", "Raj Patel"}


@pytest.mark.parametrize(
    "text, guests",
    [
        (
            "Six leaders attended the summit in Lusaka on Monday, as confirmed by Foreign Minister Anna Banda "
            "in a radio interview.",
            set(),
        ),
        (
            "The delegation to the inauguration in Lusaka on Monday, as approved by President Tom Reyes, was "
            "led by Minister Ana Cruz.",
            {"Ana Cruz"},
        ),
        ("The parade in Lusaka on Monday was watched by President Tom Reyes.", {"Tom Reyes"}),
    ],
)
def test_who_confirms_or_approves_in_an_as_clause_is_no_guest(nlp, text, guests):
    assert set(attendees_of(nlp, text)) == guests


def test_whose_envoy_came_did_not_come(nlp):
    text = (
        "Guests at the inauguration in Abuja on Monday included the special envoy of President Tom Reyes and "
        "Minister Ana Cruz."
    )
    assert set(attendees_of(nlp, text)) == {"Ana Cruz"}


def test_other_members_of_an_attending_group_named_next_are_guests_too(nlp):
    text = (
        "Leaders from across the region sat at the dais for the state funeral in Lusaka on Saturday.\n"
        "They included Presidents Ama Sefa and Kofi Dube.\n"
        "Other former presidents were Joseph Tembo and Daniel Phiri.\n"
    )
    assert {"Joseph Tembo", "Daniel Phiri"} <= set(attendees_of(nlp, text, published=date(2024, 3, 2)))


@pytest.mark.parametrize(
    "act",
    [
        "The presidential sash was bestowed on the new president by Congress speaker Rafael Ortez.",
        "The presidential sash was conferred on the new president by Congress speaker Rafael Ortez.",
    ],
)
def test_who_performs_a_rite_of_the_ceremony_is_there(nlp, act):
    text = f"The new president was sworn in at a ceremony in the national stadium in Tegucigalpa on Monday.\n{act}\n"
    assert "Rafael Ortez" in attendees_of(nlp, text, published=date(2024, 1, 29))


def test_a_headline_listing_photos_among_its_contents_is_no_credit_line(nlp):
    text = (
        "President Ortega visits Camp Verde: Photos, speeches, more\n"
        "President Ortega inspected the troops at a ceremony at Camp Verde on Monday.\n"
    )
    assert "Ortega" in " ".join(attendees_of(nlp, text, published=date(2024, 5, 21)))
    credit = "Photo: Ana Ruiz/Reuters\nPresident Ortega inspected the troops at a ceremony at Camp Verde on Monday.\n"
    assert "Ana Ruiz" not in attendees_of(nlp, credit, published=date(2024, 5, 21))


def test_a_director_in_a_delegation_is_an_official_not_a_commentator(nlp):
    text = (
        "Delegations from 30 countries attended the inauguration in Abuja on Monday.\n"
        "The US delegation was led by the secretary of housing.\n"
        "Others in it included Aaron Welby, director of the Trade and Development Agency.\n"
    )
    assert "Aaron Welby" in attendees_of(nlp, text, published=date(2023, 5, 30))


def test_a_caption_that_ends_in_an_agency_in_brackets_shows_its_people(nlp):
    """ "X and Y [Getty]": the agency credits the photo; the names before it are who the photo shows, and one of
    them, named again below as arriving for the summit, is a guest."""
    text = (
        "Delegations arrive for the regional summit in Muscat\n"
        "Bahrain's King Hamad and Oman's Sultan Haitham [Getty]\n"
        "Bahrain's King Hamad bin Isa Al Khalifa was greeted at the airport by the sultan as he landed in Muscat "
        "on Tuesday for the summit."
    )
    found = attendees_of(nlp, text, published=date(2024, 5, 21))
    assert "Hamad bin Isa Al Khalifa" in found


def test_the_person_a_centenary_is_of_is_no_guest(nlp):
    text = (
        "Leaders meet for the continental summit in Addis Ababa\n"
        "On Saturday evening, Dlamini hosted the Oliver Tambo centenary reception at the AU, where he told guests "
        "it was a great honour that the first celebration of Oliver Tambo's centenary takes place here."
    )
    assert "Oliver Tambo" not in attendees_of(nlp, text, published=None)


POSTPONED_TRIP = (
    "Peru's Ortega delays Chile trip\n"
    "LIMA: Peru's president Ana Ortega, who was due to fly to Chile for talks with President Luis Paredes, has "
    "postponed her trip because of a strike, her office said Sunday.\n"
    "Ortega, who succeeded the conservative leader Carlos Ruiz at the start of the year, had hoped to use the trip "
    "next week to reclaim her country's role in regional diplomacy."
)


def test_who_postpones_their_own_trip_is_not_expected(nlp):
    found = attendees_of(nlp, POSTPONED_TRIP, published=date(2023, 3, 26))
    assert "Ana Ortega" in found and found["Ana Ortega"].status == AttendeeStatus.DECLINED


def test_an_event_put_back_does_not_take_its_guest_away(nlp):
    text = (
        "Ortega to open arms fair\n"
        "President Ana Ortega is scheduled to open the Andean Defence Expo in Lima on Wednesday.\n"
        "The biennial fair was postponed until June from its original date in November, a month after Ortega "
        "took office."
    )
    found = attendees_of(nlp, text, published=date(2025, 6, 9))
    assert found["Ana Ortega"].status == AttendeeStatus.EXPECTED


def test_whom_a_relative_clause_names_to_describe_another_is_no_guest(nlp):
    """ "Y, who succeeded X": X tells who Y is; a clause of the event itself ("Y, who hosted X") would place X."""
    assert "Carlos Ruiz" not in attendees_of(nlp, POSTPONED_TRIP, published=date(2023, 3, 26))


def test_who_is_sent_an_invitation_to_visit_is_only_invited(nlp):
    text = (
        "HÀ NỘI — State President Trần Minh hosted a reception on Friday for Chilean Defence Minister Rosa Vidal, "
        "who is on an official visit to Việt Nam.\n"
        "President Minh took the occasion to extend an invitation to Chilean President Pablo Ossa to pay an "
        "official visit to Việt Nam at a convenient time.\n"
        "Minister Vidal conveyed President Ossa's greetings and best wishes to President Minh."
    )
    document = clean_document(RawDocument(path="visit.txt", text="Chile's minister in Hanoi\n" + text))
    doc = nlp(document.text)
    events = tuple(extract_events(doc, DocContext(document=document)))
    assert [e.location for e in events] == ["Hanoi"], "the dateline and 'Việt Nam' place the visit"
    found = {a.name: a for a in extract_attendees(doc, DocContext(document=document, events=events))}
    assert set(found) >= {"Trần Minh", "Rosa Vidal"} and "HÀ NỘI" not in found
    assert "Pablo Ossa" not in found or found["Pablo Ossa"].status == AttendeeStatus.INVITED


def test_whose_unit_marched_is_not_there_by_that(nlp):
    text = (
        "PARIS, July 14 - Troops marched down the Champs-Elysees on Wednesday for the Bastille Day parade, watched "
        "by President Jean Morel.\n"
        "After the anthem, more than 100 of Queen Margaret II's famous Coldstream Guards opened the parade of ground "
        "troops."
    )
    found = attendees_of(nlp, text, published=date(2004, 7, 14))
    assert "Jean Morel" in found and "Margaret II" not in found


def test_who_warns_guests_or_answers_from_afar_is_not_at_the_parade(nlp):
    text = (
        "Leaders gather for Victory Day parade\n"
        "MOSCOW, May 8 - Twenty foreign leaders will watch the Victory Day parade on Red Square on Friday, with "
        "President Ivan Petrov hosting them.\n"
        "The event comes amid tight security, with Lithuanian President Tomas Vilkas warning foreign guests about "
        "the risks of attending the parade.\n"
        "The show of force drew a sharp response from President Mark Ellison, who accused the guests of plotting."
    )
    found = attendees_of(nlp, text, published=date(2025, 5, 8))
    assert "Ivan Petrov" in found
    assert not {"Tomas Vilkas", "Mark Ellison"} & set(found)


@pytest.mark.parametrize(
    "text,guest",
    [
        ("Omar Haddad is the first Jordanian king to be guest of honour at India's Republic Day parade.", True),
        ("Omar Haddad became the first Jordanian king to attend India's Republic Day parade.", True),
        ("Sara Lind is the first woman to be a senior fellow at the Baltic Forum, a think tank in Riga.", False),
    ],
)
def test_the_first_of_a_kind_to_attend_attends(nlp, text, guest):
    found = attendees_of(nlp, "NEW DELHI, Jan 26 (Reuters) - " + text, published=date(2015, 1, 26))
    assert (len(found) == 1) == guest, found


def test_who_gives_the_remarks_of_a_ceremony_is_there(nlp):
    text = (
        "Island leaders open forum in Suva\n"
        "SUVA, July 12 (RNZ) - Pacific leaders opened their annual forum in Suva on Tuesday.\n"
        "Forum secretary general Tevita Lomu gave the opening remarks this morning and said the meeting was no "
        "ordinary one."
    )
    assert "Tevita Lomu" in attendees_of(nlp, text, published=date(2022, 7, 12))


def test_who_demands_something_is_no_guest(nlp):
    text = (
        "Former officers' letter to the leaders of the free world\n"
        "The former European defence chiefs, including the Latvian member of the European Parliament and the former "
        "head of the Latvian army, Janis Ozols, are demanding that Ukraine be given air defences.\n"
        "The letter says the leaders meeting in Moscow on Friday must not be allowed to win."
    )
    assert "Janis Ozols" not in attendees_of(nlp, text, published=date(2022, 3, 20))


def test_last_years_summit_and_a_summit_that_should_have_been_attended_are_not_this_one(nlp):
    text = (
        "Gulf leaders meet in Riyadh\n"
        "RIYADH, Dec 9 - Gulf leaders met in Riyadh on Sunday for their annual summit.\n"
        "King Faisal bin Omar hosted the summit. Emir Hamad bin Saleh Al Nasser attended last year's summit in "
        "Kuwait, where the other states sent ministers.\n"
        "A minister wrote that Emir Hamad bin Saleh Al Nasser should have accepted the terms and been there at the "
        "summit."
    )
    found = attendees_of(nlp, text, published=date(2018, 12, 9))
    assert "Faisal bin Omar" in " ".join(found), found
    assert "Hamad bin Saleh Al Nasser" not in found, found


def test_who_has_not_confirmed_attendance_or_is_cited_on_the_visit_is_no_guest(nlp):
    text = (
        "Leaders head to Lima summit\n"
        "LIMA, April 10 - Leaders of the Americas will attend the summit in Lima on Friday, the host said.\n"
        "Cuban President Raul Ortiz has not officially confirmed his attendance and an official says it is unlikely "
        "he will arrive.\n"
        "- Nestor Vidal: Honduras's President Nestor Vidal hasn't confirmed his attendance yet.\n"
        "According to the Minister of State for Foreign Affairs Ana Quispe, the summit will see leaders sign a "
        "declaration on migration.\n"
        "Chilean President Tomas Reyes will attend, his office said."
    )
    found = attendees_of(nlp, text, published=date(2018, 4, 10))
    assert "Tomas Reyes" in found
    assert not {"Raul Ortiz", "Nestor Vidal", "Ana Quispe"} & set(found), found


def test_the_last_to_arrive_those_also_there_and_a_founding_president_in_attendance_are_guests(nlp):
    text = (
        "Leaders mourn former president\n"
        "WINDHOEK, March 2 - Leaders attended the memorial service for the former president in Windhoek on "
        "Saturday.\n"
        "Italian president Marco Bellini was among the last to arrive, travelling in a small car.\n"
        "The late king's niece Princess Lina and her husband Tom Hale were also there.\n"
        "In attendance were president Nangolo Amupanda, as well as founding president Samuel Iyambo.\n"
        "Pia Ek was among the front-runners for the post. There were no speeches."
    )
    found = attendees_of(nlp, text, published=date(2024, 3, 2))
    assert {"Marco Bellini", "Princess Lina", "Tom Hale", "Samuel Iyambo"} <= set(found), found
    assert "Pia Ek" not in found


def test_who_accorded_a_welcome_is_there_and_who_signs_an_embedded_post_only_speaks(nlp):
    text = (
        "Russia's Ivanov holds talks in Manila\n"
        "MANILA, May 4 - Russian Foreign Minister Oleg Ivanov on Monday met his counterpart in Manila, where he "
        "arrived on an official visit.\n"
        "Undersecretary Rosa Dizon and officials of the Foreign Ministry accorded a warm welcome to Minister "
        "Ivanov at the airport.\n"
        "Russia's FM Ivanov arrives in Manila on an official visit to the Philippines pic.twitter.com/AbCd123 "
        "\u2014 Carlo Reyes (@carloreyes) May 3, 2020"
    )
    found = attendees_of(nlp, text, published=date(2020, 5, 4))
    assert {"Oleg Ivanov", "Rosa Dizon"} <= set(found), found
    assert "Carlo Reyes" not in found, found


def test_fm_is_a_foreign_ministers_title(nlp):
    text = (
        "Russia's FM Ivanov arrives in Manila on an official visit\n"
        "MANILA, May 4 - Russia's FM Ivanov arrived in Manila on Monday for an official visit to the Philippines."
    )
    assert set(attendees_of(nlp, text, published=date(2020, 5, 4))) == {"Ivanov"}


def test_who_is_told_something_by_telephone_is_not_at_the_event(nlp):
    text = (
        "Jets land in Belgrade\n"
        "BELGRADE, April 10 - Six transport jets arrived in Belgrade on Saturday for the handover ceremony, "
        "attended by President Milan Petrovic.\n"
        "Foreign Minister Li Wen told his Serbian counterpart Nikola Jankovic in a phone conversation that the "
        "arrival of the jets would strengthen ties."
    )
    found = attendees_of(nlp, text, published=date(2022, 4, 10))
    assert "Milan Petrovic" in found
    assert "Nikola Jankovic" not in found, found


def test_titled_names_set_off_only_by_commas_and_titles_are_a_list_however_parsed(nlp):
    """A guest list that runs on past a full stop the parser took for the end of the sentence."""
    text = (
        "Leaders of 15 states will attend the forum in Lima\n"
        "The host said President of Chile Ana Ruiz, President of Peru Luis Vega, Prime Minister of Fiji Tevita Rabe "
        "and President of Mongolia will attend the summit. Ochirbat Tsend, President of Azerbaijan Rauf Aliyev, Prime "
        "Minister of Armenia Aram Petrosyan, Prime Minister of Cambodia Sok Vanna, President of Maldives Ahmed "
        "Rasheed, Prime Minister of Nepal Ram Thapa, President of Ghana Kofi Mensah and Prime Minister of Malaysia "
        "Farid Osman."
    )
    found = attendees_of(nlp, text)
    assert {"Aram Petrosyan", "Sok Vanna", "Ram Thapa", "Kofi Mensah"} <= set(found)


def test_who_commands_the_parade_is_at_it(nlp):
    text = (
        "Kyiv marks Independence Day with a parade\n"
        "Troops and armour march down Khreshchatyk on Friday. The parade is commanded by Defence Minister Taras Hlib."
    )
    assert statuses(attendees_of(nlp, text)).get("Taras Hlib") == "attended"


def test_whose_decision_to_skip_the_event_it_is_declines_it(nlp):
    text = (
        "Arab leaders gather in Baghdad for summit\n"
        "The summit opened in Baghdad on Saturday. Lydian President Karim Haddad’s decision to skip the summit "
        "drew criticism from the hosts."
    )
    assert statuses(attendees_of(nlp, text)).get("Karim Haddad") == "declined"


def test_guests_of_past_years_listed_as_a_record_are_not_this_years_guests(nlp):
    text = (
        "Ghana marks Independence Day with parade\n"
        "President Kofi Mensah took the salute at the parade in Accra on Thursday. Over the years, foreign presidents "
        "who have attended Independence Day parades in Accra include Tomas Berg, Ana Ruiz and Luis Vega."
    )
    found = attendees_of(nlp, text)
    assert "Kofi Mensah" in found and not {"Tomas Berg", "Ana Ruiz", "Luis Vega"} & set(found)


def test_someone_met_at_the_end_of_last_year_is_not_at_this_years_visit(nlp):
    text = (
        "Chinese president to tour West Africa\n"
        "President Li Wen will pay state visits to Ghana and Togo from Tuesday, the ministry said. Premier Zhao Ming, "
        "when meeting Togolese President Kodjo Amewu at the end of last year, said that aid would not be cut."
    )
    found = attendees_of(nlp, text)
    assert not {"Zhao Ming", "Kodjo Amewu"} & set(found)


def test_a_spokesman_on_a_delegations_list_goes_with_it(nlp):
    text = (
        "The Kenyan president arrived in Accra on Monday for a state visit. His delegation includes Finance Minister "
        "Peter Otieno, Foreign Minister Grace Wanjiru, State House Spokesman Daniel Kiprop and Trade Minister "
        "Ruth Achieng."
    )
    found = attendees_of(nlp, text)
    assert {"Grace Wanjiru", "Daniel Kiprop", "Ruth Achieng"} <= set(found)


def test_one_who_takes_an_absent_leaders_place_or_is_sent_along_with_the_envoy_attends(nlp):
    text = (
        "The regional summit opens in Jakarta on Saturday. Prime Minister Arjun Rao has said he cannot attend, "
        "and Foreign Minister Meera Iyer will take his place. President Tom Hale sent as his special envoy Security "
        "Adviser Carl Moss, along with Trade Secretary Ann Pike."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Meera Iyer") == "expected" and found.get("Ann Pike") in ("attended", "expected")
    assert "Carl Moss" in found and found.get("Arjun Rao") == "declined"


def test_a_sultan_keeps_his_title_and_a_lower_case_particle_stays_in_a_name(nlp):
    text = (
        "Sultan Hamid arrived in Nairobi on Monday for a three-day state visit. He was received at State House by "
        "President Daniel arap Kiprono."
    )
    found = attendees_of(nlp, text)
    assert {"Sultan Hamid", "Daniel arap Kiprono"} <= set(found)


def test_places_and_things_the_model_tags_as_people_are_not_attendees(nlp):
    text = (
        "The fleet review was held in Pattaya on Saturday. Prime Minister Somchai Rattana, Defence Minister Anan "
        "Wong and navy chief Chai Pong gathered the captains of the 26 warships for a group photo at Bali Hai Pier."
    )
    found = attendees_of(nlp, text)
    assert {"Somchai Rattana", "Chai Pong"} <= set(found) and "Bali Hai Pier" not in found


def test_leaders_who_extend_congratulations_to_the_crew_sent_words(nlp):
    text = (
        "The navy commissioned its new frigate at a ceremony in Karachi on Monday. President Tariq Aziz, Prime "
        "Minister Bilal Rana, Joint Chiefs Chairman General Sami Mirza and the service chiefs extended their "
        "congratulations to the crew, scientists and engineers. Admiral Omar Saeed was the chief guest."
    )
    found = attendees_of(nlp, text)
    assert "Omar Saeed" in found and not {"Tariq Aziz", "Bilal Rana", "Sami Mirza"} & set(found)


def test_a_fathers_name_after_bin_stays_in_the_name_though_it_is_a_title_word(nlp):
    text = "The summit opened in Jeddah on Friday. The guests were greeted by Prince Fahd bin Sultan, the governor."
    assert "Fahd bin Sultan" in attendees_of(nlp, text)


def test_one_who_had_been_considering_going_has_no_plan_to_attend(nlp):
    text = (
        "The NATO summit opens in The Hague next week. Prime Minister Tom Reid had been considering heading to the "
        "Netherlands for the summit, but his deputy Ann Hale will go instead."
    )
    assert statuses(attendees_of(nlp, text)).get("Tom Reid") not in ("attended", "expected")


def test_one_whose_every_mention_is_a_quote_or_a_phone_call_is_not_there(nlp):
    text = (
        "The summit opened in Ankara on Monday. Foreign Minister Ana Berg pressed the case for the pact with her "
        "counterpart during a phone call on Friday. “We talked about trade,” Ms Berg said."
    )
    assert "Ana Berg" not in attendees_of(nlp, text)


def test_a_list_under_a_heading_goes_on_past_one_line_the_page_put_between_its_items(nlp):
    text = (
        "Who came to the memorial\n"
        "Mourners filled the stadium in Harare on Tuesday.\n"
        "Leaders attending the memorial:\n"
        "– UN Secretary General Tomas Berg\n"
        "– Prime Minister Luis Vega\n"
        "The memorial is one of the largest gatherings of its kind\n"
        "– President Kofi Mensah\n"
        "– Prime Minister Sara Holm\n"
    )
    assert {"Tomas Berg", "Luis Vega", "Kofi Mensah", "Sara Holm"} <= set(attendees_of(nlp, text))


def test_the_one_by_whom_an_exhibition_is_opened_is_there(nlp):
    text = (
        "The defence fair opened in Abu Dhabi on Sunday. The occasion was the opening of the exhibition by Sheikh "
        "Omar Saeed, the vice president."
    )
    assert statuses(attendees_of(nlp, text)).get("Omar Saeed") == "attended"


def test_they_included_lists_the_party_the_sentence_before_names(nlp):
    text = (
        "President Omar Haddad arrived in Abu Dhabi on Monday for a state visit. Sheikh Khalid bin Saeed met him at "
        "the airport, along with a delegation of ministers and senior officials. They included Sheikh Rashid bin "
        "Saeed, Minister of Interior, and Dr Sultan Al Mansoori, Minister of State."
    )
    assert {"Rashid bin Saeed", "Sultan Al Mansoori"} <= set(attendees_of(nlp, text))


def test_one_speaking_at_the_inaugural_of_a_show_is_there(nlp):
    text = (
        "Prime Minister Ravi Kumar on Monday opened the air show in Bengaluru. Speaking at the inaugural of the "
        'show, Chief Minister Anil Rao said: "This edition is special."'
    )
    assert statuses(attendees_of(nlp, text)).get("Anil Rao") == "attended"


def test_those_a_plural_relative_clause_says_are_in_attendance_are_there(nlp):
    text = (
        "Leaders of the bloc met in Jakarta on Wednesday for the summit. Observers will be watching whether the "
        "premier will meet Prime Minister Taro Sato or President Min Ji Ho, who are also in attendance."
    )
    assert {"Taro Sato", "Min Ji Ho"} <= set(attendees_of(nlp, text, published=date(2023, 9, 6)))


def test_those_who_replace_an_absent_leader_go_in_his_stead(nlp):
    text = (
        "Prime Minister Tom Hale had hoped to attend the forum summit in Rarotonga.\n\n"
        "Leaders are gathering in Rarotonga this week to discuss fisheries and the climate.\n\n"
        "Hale has chosen to stay at home to form a new government, he told reporters.\n\n"
        "Outgoing Deputy Prime Minister Ana Lee and the Labour Party's Bo Grant will replace Hale."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Ana Lee") == "expected" and found.get("Bo Grant") == "expected"
    posts = "The forum summit opened in Rarotonga on Monday. Ana Lee replaced Tom Hale as deputy leader in 2020."
    assert "Ana Lee" not in attendees_of(nlp, posts)


def test_a_heading_that_says_they_will_come_to_the_city_announces_the_guests(nlp):
    text = (
        "The state funeral will take place in Oslo on Monday, and many leaders will attend.\n"
        "The following have said they will come to Oslo:\n"
        "Karl Vinter, President of Eastmark\n"
        "Lena Moss, Prime Minister of Westland\n"
        "Ravi Kumar, President of Ostia\n"
    )
    assert {"Karl Vinter", "Lena Moss", "Ravi Kumar"} <= set(attendees_of(nlp, text))


def test_a_monarch_called_by_title_and_name_is_not_one_whose_surname_that_is(nlp):
    text = (
        "President Joko Widodo arrived in Riyadh on Monday for a state visit. He was received by King Salman at the "
        "palace. Later he met Crown Prince Mohammed bin Salman. Prince Mohammed hosted a dinner for him."
    )
    assert {"King Salman", "Mohammed bin Salman"} <= set(attendees_of(nlp, text))


def test_a_kingdom_an_authority_and_a_rulers_title_are_no_guests(nlp):
    text = (
        "The graduation ceremony was held in Doha on Sunday. The ceremony was also attended by Minister of Interior "
        "of the sisterly Hashemite Kingdom of Jordan Ziad Hamdan, and by H.H. Sheikh Saeed bin Rashid, Deputy "
        "Ruler of Dubai; H.H. Sheikh Omar bin Saqr, Deputy Ruler of Sharjah, and officials of the General "
        "Entertainment Authority."
    )
    found = set(attendees_of(nlp, text))
    assert (
        not {"Hashemite Kingdom", "Deputy Ruler", "Entertainment Authority", "General Entertainment Authority"} & found
    )
    assert {"Saeed bin Rashid", "Omar bin Saqr"} <= found


def test_portfolio_words_after_an_acronym_or_a_countrys_possessive_are_no_part_of_the_name(nlp):
    text = (
        "The state funeral was held in Hanoi on Thursday. Also present were Minister for EU Integration Ana Berg "
        "and Special Envoy of New Zealand's Government Tom Hale."
    )
    found = set(attendees_of(nlp, text))
    assert {"Ana Berg", "Tom Hale"} <= found
    assert not {"Integration Ana Berg", "Government Tom Hale"} & found


def test_a_name_after_and_in_a_list_of_titled_guests_keeps_its_first_word(nlp):
    text = (
        "Presidents Adama Traore of Senegal and Ibrahim Moussa Diallo of Mali attended the summit in Kigali on Sunday."
    )
    assert sorted(attendees_of(nlp, text)) == ["Adama Traore", "Ibrahim Moussa Diallo"]


def test_guests_who_stay_away_from_an_inauguration_do_not_make_its_president_decline(nlp):
    text = (
        "Western leaders will not attend President Amara Dube's inauguration in Pretoria on Wednesday, "
        "but African leaders began arriving on Tuesday."
    )
    found = attendees_of(nlp, text, published=date(2024, 6, 18))
    assert found["Amara Dube"].status == "expected"


def test_who_appoints_a_special_envoy_to_attend_stays_away(nlp):
    text = (
        "Thousands gathered in Taipei on Monday for the inauguration of President Wen Hao.\n"
        "King Aldric appointed Ambassador Emeric Vail to visit Taiwan from Sunday to Tuesday as a special envoy, the "
        "ministry said."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Emeric Vail") == "attended" and "Aldric" not in " ".join(found)


def test_who_speaks_to_those_present_is_there(nlp):
    text = (
        "Dozens of leaders gathered in Jerusalem on Sunday for a memorial ceremony.\n"
        "Norland's president Ana Ruiz asked the attendees to “keep the memory alive”."
    )
    assert "Ana Ruiz" in statuses(attendees_of(nlp, text))


def test_passive_past_attended_by_is_attended_on_an_undated_page(nlp):
    text = (
        "Prime Minister Dario Velez attended the closing ceremony of the naval exercise at Port Kessel on Monday. "
        "The ceremony was attended among others by King Ansel of Marovia, Defence Minister Ilse Brandt, and Premier "
        "Tomas Herrera of Valdoria."
    )
    found = statuses(attendees_of(nlp, text, published=None))
    assert found["Tomas Herrera"] == "attended"  # "was attended by": past, though the page gives no date
    assert set(found.values()) == {"attended"}


def test_a_companion_in_a_relative_clause_of_greeting_was_there_too(nlp):
    opening = "The new opera house opened on Saturday with a gala. The ceremony was held in the presence of President "
    found = statuses(attendees_of(nlp, opening + "Omar Lind, who greeted the guests with his wife, Mira Santos Lind."))
    assert found == {"Omar Lind": "attended", "Mira Santos Lind": "attended"}
    found = statuses(attendees_of(nlp, opening + "Omar Lind, who succeeded Karl Brandt at the start of the year."))
    assert found == {"Omar Lind": "attended"}  # whom he succeeded is his background, not a guest


@pytest.mark.parametrize(
    "text, relative",
    [
        (
            "The state funeral was held in Windsor on Monday. Prince Arnold's daughter Princess Bea and her husband "
            "Edo Mozzi were also there.",
            "Prince Arnold",
        ),
        (
            "The summit opened in Johannesburg on Tuesday. Notable guests include Enrique Mora, Deputy to Josep "
            "Borrell, and Geraldo Alckmin, Vice President of Brazil.",
            "Josep Borrell",
        ),
    ],
)
def test_a_name_given_to_say_whose_relative_or_deputy_someone_is_is_no_attendee(nlp, text, relative):
    found = statuses(attendees_of(nlp, text))
    assert relative not in found
    assert len(found) == 2 and set(found.values()) == {"attended"}  # the two who were there


def test_the_one_a_ceremony_commemorates_attends_nothing(nlp):
    text = (
        "Norland commemorates its founder\n"
        "Norland on Monday commemorated Anton Veller, the founder and first president of the republic, on the 50th "
        "anniversary of his death with an official ceremony at his mausoleum in Ostia.\n"
        "President Mira Halden laid a wreath on Veller’s tomb. State officials attended the ceremony."
    )
    found = attendees_of(nlp, text)
    assert "Mira Halden" in found and "Anton Veller" not in found


def test_a_title_before_its_portfolio_titles_the_name_after_it(nlp):
    text = SETTING + (
        "President Hakainde Hichilema arrived for the parade. His entourage included Coordinating Minister for "
        "Human Development and Culture Ayu Lestari, Manpower Minister Hanif Sudarto, Chief of the Investment "
        "Coordinating Board Bima Santoso, and Presidential Security Detail Commander Major General Suharto Wibowo."
    )
    assert {"Ayu Lestari", "Bima Santoso"} <= set(attendees_of(nlp, text))


def test_the_one_a_visitor_has_a_meeting_with_is_met(nlp):
    text = (
        "Norland's Foreign Minister Ilse Marrow will visit Nairobi on June 1. Marrow will have a bilateral meeting "
        "with her Kenyan counterpart Musa Otieno and pay a courtesy call on the president."
    )
    assert statuses(attendees_of(nlp, text)).get("Musa Otieno") == "expected"


def test_leaders_who_confirm_their_own_coming_are_expected_not_sources(nlp):
    text = (
        "Leaders gather for the inauguration\nTwelve presidents, including Ghana's Kofi Mensah and Togo's Lazare "
        "Ondoua, have confirmed they will be present in Nairobi on June 1 for the inauguration ceremony of the new "
        "president."
    )
    found = statuses(attendees_of(nlp, text))
    assert found.get("Kofi Mensah") == "expected" and found.get("Lazare Ondoua") == "expected"
    text = SETTING + "Foreign Minister Amani Ruzindana confirmed that twenty heads of state are expected."
    assert "Amani Ruzindana" not in attendees_of(nlp, text)


def test_a_year_in_a_clause_about_the_honoured_dead_does_not_date_the_ceremony(nlp):
    """ "... paid tribute to the sailors who were lost in the 1982 storm": the year says when the honoured died, not
    when the ministers stood at the memorial."""
    text = (
        "PORT ELWIN, May 20 - Defence Minister Tal Orvin laid a wreath at the Harbour Memorial in Port Elwin on "
        "Monday to mark Navy Day. The Defence Minister, along with Chief of Naval Staff Admiral Wren Castell and "
        "Defence Secretary Ines Parrow, paid tribute to the sailors who were lost in the 1982 storm."
    )
    found = attendees_of(nlp, text)
    assert {"Wren Castell", "Ines Parrow"} <= set(found), sorted(found)


def test_defence_ministers_titled_in_hindi_are_titled(nlp):
    """Indian government releases write "Raksha Mantri" (defence minister) and "Raksha Rajya Mantri" (minister of
    state for defence) before the name: a title, not part of it."""
    text = (
        "NEW DELHI, May 20 - Raksha Mantri Devan Rao and Raksha Rajya Mantri Shri Kiran Moitra attended a "
        "wreath-laying ceremony at the National War Memorial in New Delhi on Monday."
    )
    found = attendees_of(nlp, text)
    assert {"Devan Rao", "Kiran Moitra"} <= set(found), sorted(found)
    assert found["Devan Rao"].role == "Defence Minister"


@pytest.mark.parametrize("part", ["in his welcoming remarks", "in her closing remarks"])
def test_speaking_in_ones_remarks_at_the_event_is_a_part_in_it(nlp, part):
    """ "X said in his welcoming remarks": the cue list holds "remarks", whose lemma "remark" is another word."""
    text = (
        "PORT ELWIN, May 20 - The Port Elwin air show opened on Tuesday with a flypast of jets. "
        f"Defence Minister Tal Orvin said {part} that the show would grow."
    )
    assert candidate_feature(nlp, text, "clause_cue") == {"Tal Orvin": 1.0}


def test_what_former_leaders_usually_did_is_a_habit_not_an_attendance(nlp):
    """ "Former presidents - X and Y - usually reviewed the troops only on army days": a habit of past years."""
    text = (
        "PORT ELWIN, May 20 - President Ilse Marwick reviewed a military parade at her inauguration in Port Elwin "
        "on Monday. Former presidents - Tomas Reyvik, Anka Dorr and Pell Strand - usually reviewed the troops only "
        "on army days."
    )
    found = attendees_of(nlp, text)
    assert "Ilse Marwick" in found and not {"Tomas Reyvik", "Anka Dorr", "Pell Strand"} & set(found), sorted(found)
