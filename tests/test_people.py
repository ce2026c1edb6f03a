"""People's names: PERSON repairs (briefings.nlp.people) and how a mention becomes a full name (attendee_names)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from briefings.extract.attendee_names import mention_name, name_index, resolved
from briefings.nlp.people import repair_persons


def persons(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


def relabel(doc, text: str, label: str) -> None:
    """Give the words `text` the label `label`, as a model that slipped would, and run the repairs again."""
    start = next(t.i for t in doc if doc[t.i : t.i + len(text.split())].text == text)
    span = Span(doc, start, start + len(text.split()), label=label)
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [span]
    repair_persons(doc)


def names(doc) -> set[str]:
    return {n for e in doc.ents if e.label_ == "PERSON" and (n := mention_name(e))}


# --- repairs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["ORG", "PRODUCT"])
def test_a_full_name_ending_in_a_name_used_alone_for_a_person_is_that_person(nlp, label):
    doc = nlp("Ostia prepares for the inauguration of Alaric Tennant. President Tennant told reporters he was ready.")
    relabel(doc, "Alaric Tennant", label)
    assert "Alaric Tennant" in persons(doc)


def test_a_name_the_model_read_as_a_body_before_a_comma_and_a_title_is_a_person(nlp):
    doc = nlp("The delegation was led by Marta Strand, Administrator of the Agency for Development, on Sunday.")
    relabel(doc, "Marta Strand", "ORG")
    assert "Marta Strand" in persons(doc)


def test_a_name_left_untagged_in_a_list_of_people_of_their_countries_is_a_person(nlp):
    doc = nlp(
        "The guests included Presidents Salim Okoro of Ghana, who also leads the West African Community, Tiana "
        "Rakoto of Madagascar, Amina Juma of Tanzania and Paul Mensah of Togo."
    )
    start = next(t.i for t in doc if t.text == "Tiana")
    doc.ents = [e for e in doc.ents if not start <= e.start < start + 2]
    repair_persons(doc)
    assert "Tiana Rakoto" in persons(doc)


def test_a_name_the_model_read_as_a_body_in_a_list_of_country_and_name_pairs_is_a_person(nlp):
    doc = nlp(
        "Confirmed so far are the presidents of Chile, Gabriel Boric; Colombia, Gustavo Petro; and Uruguay, "
        "Luis Lacalle Pou."
    )
    relabel(doc, "Gustavo Petro", "ORG")
    assert "Gustavo Petro" in persons(doc)
    doc = nlp("Stands came from Lyon, Rhone Expo Works; and Milan, Fiera Lombarda Works.")
    relabel(doc, "Fiera Lombarda Works", "ORG")
    assert "Fiera Lombarda Works" not in persons(doc)  # no person is listed "Place, Name"


def test_a_body_ending_in_a_persons_name_stays_a_body(nlp):
    doc = nlp("President Tennant spoke to the Tennant Foundation on Monday about its work.")
    relabel(doc, "Tennant Foundation", "ORG")
    assert "Tennant Foundation" not in persons(doc)


def test_a_name_ending_in_an_office_word_is_a_body_whatever_made_it_a_person(nlp):
    doc = nlp("Mrs Asha Perera, President, Navy Seva Mitra Unit, Mrs Rani Silva, Spouses of Senior Officers watched.")
    assert "Seva Mitra Unit" not in persons(doc)
    assert "Rani Silva" in names(doc)


def test_a_link_word_the_model_ran_into_a_titled_name_is_left_out(nlp):
    doc = nlp("Among those present at the funeral was Queen Ingrid II of Norland, the oldest monarch.")
    relabel(doc, "Queen Ingrid II of", "WORK_OF_ART")
    assert "Queen Ingrid II" in persons(doc)


def test_a_royal_title_with_a_name_tagged_as_a_place_is_a_person(nlp):
    doc = nlp("Prince Alaric and the queen waved from the palace balcony on Saturday.")
    relabel(doc, "Prince Alaric", "GPE")
    assert "Prince Alaric" in persons(doc)


def test_titled_names_the_model_took_together_as_one_organisation_are_each_a_person(nlp):
    doc = nlp("Norway's Prince Alaric and Princess Ingrid attend the coronation in Oslo on Sunday.")
    relabel(doc, "Prince Alaric and Princess Ingrid", "ORG")
    assert {"Prince Alaric", "Princess Ingrid"} <= set(persons(doc))


def test_one_name_with_a_royal_style_after_it_is_a_person_but_the_place_of_a_style_is_not(nlp):
    doc = nlp("Prince Alaric and Ingrid, Duchess of Vestmark, attend the coronation in Oslo on Sunday.")
    relabel(doc, "Ingrid", "ORG")
    assert "Ingrid" in persons(doc)
    styled = nlp("The guest of honour was the Duke of Vestmark, Prince Alaric, the king's brother.")
    relabel(styled, "Vestmark", "GPE")
    assert "Vestmark" not in persons(styled)


def test_a_place_name_the_parser_makes_part_of_a_name_is_part_of_it(nlp):
    doc = nlp("The ship was launched by the new fleet commander, Admiral Paulo Costa Lima.")
    relabel(doc, "Lima", "GPE")
    assert "Paulo Costa Lima" in names(doc)
    office = nlp("Chief Secretary to the Treasury Daniel Alder attended the launch.")
    relabel(office, "Treasury", "ORG")
    assert "Daniel Alder" in names(office)


def test_a_title_inside_a_long_office_is_cut_with_the_office(nlp):
    doc = nlp("Defence Secretary Ravi Nair and Secretary-Defence Production Dr. Arun Menon opened the show.")
    assert "Arun Menon" in names(doc)


def test_the_given_name_the_model_left_after_a_royal_title_in_an_organisation_goes_with_the_name(nlp):
    doc = nlp("Tonga King Tupou Aho Lavaka Ulukalala and President Mira Sol were also present.")
    relabel(doc, "Tonga King Tupou", "ORG")
    assert any(n.startswith("Tupou") for n in names(doc))


@pytest.mark.parametrize("body", ["State Duma", "External Trade", "Human Rights Watch"])
def test_a_body_the_model_took_for_a_person_is_not_one(nlp, body):
    doc = nlp(f"Deputies and officials of the {body} attended the ceremony on Friday.")
    relabel(doc, body, "PERSON")
    assert body not in persons(doc)


def test_a_name_tagged_as_a_building_but_conjoined_with_a_person_is_a_person(nlp):
    doc = nlp("Tomas Verhoeven and Lidia Marsh were sworn in as president and vice president on Sunday.")
    relabel(doc, "Tomas Verhoeven", "FAC")
    assert "Tomas Verhoeven" in persons(doc)


def test_a_name_in_apposition_to_a_title_is_a_person(nlp):
    doc = nlp("Guests included the third President of Freedonia, Orrin Batley, and several ministers.")
    relabel(doc, "Orrin Batley", "ORG")
    assert "Orrin Batley" in persons(doc)


def test_a_name_cut_before_its_particles_takes_them_in(nlp):
    doc = nlp("The talks were opened by President Ulla von der Brink on Monday.")
    relabel(doc, "Ulla von", "PERSON")
    assert "Ulla von der Brink" in names(doc)


def test_a_hyphenated_given_name_is_joined(nlp):
    doc = nlp("She greeted President Moon Jae-in at the airport in the morning.")
    relabel(doc, "Moon Jae", "PERSON")
    assert any(p.startswith("Moon Jae-in") for p in persons(doc))


def test_a_place_or_body_is_no_person(nlp):
    doc = nlp("The jets landed at Ambala Air Force Station after the flight.")
    relabel(doc, "Ambala Air Force Station", "PERSON")
    assert "Ambala Air Force Station" not in persons(doc)


def test_a_hotel_or_church_named_like_a_person_is_no_person(nlp):
    doc = nlp("The motorcade drove to Kelsey Hotel, and the service was held at Mary Aldine Chapel.")
    relabel(doc, "Kelsey Hotel", "PERSON")
    relabel(doc, "Mary Aldine Chapel", "PERSON")
    assert not {"Kelsey Hotel", "Mary Aldine Chapel"} & names(doc)


# --- names of mentions -------------------------------------------------------------------------------------


def test_titles_possessives_and_credits_are_not_part_of_the_name(nlp):
    doc = nlp("President Hallam Reyes's visit was short. The crowd cheered (Photo: Dana Kirby/Reuters).")
    assert {"Hallam Reyes", "Dana Kirby"} <= names(doc)


def test_the_object_of_a_title_is_not_part_of_the_name(nlp):
    doc = nlp("Ambassador to Argentina Marla Stenvik and Defense Secretary Ivo Brandt attended.")
    assert "Marla Stenvik" in names(doc) and "Ivo Brandt" in names(doc)


def test_an_abbreviation_the_article_defines_is_a_title_not_part_of_the_name(nlp):
    doc = nlp(
        "Leading the march was Battalion Under Officer (BUO) Arun Pratap Rana. Prizes followed- the 'Sword of "
        "Honour' went to ACA Priya Nair, the 'Silver Medal' to SUO Anita and the 'Bronze Medal' was handed to "
        "BUO Arun Pratap Rana by Governor VK Singh."
    )
    found = names(doc)
    assert {"Arun Pratap Rana", "VK Singh"} <= found and not any(n.startswith("BUO") for n in found)


def test_ranks_honorifics_ships_orders_and_parties_are_not_names(nlp):
    doc = nlp(
        "Once Deputy Amir, Sheikh Khalid bin Saad Al Thani, had cut the ribbon, the visitors walked the halls. "
        "Visiting ships in the harbour this week include Egypt’s Navy Submarine Hamza and Navy Ship Rahat, "
        "alongside two French frigates. "
        "Watching from the stand was Major General Staff Pilot Saeed Rashid Al Kaabi, head of the air arm. "
        "During the ceremony the head of state decorated several officers with the Ilia Chavchavadze Order , "
        "Presidential Order and the Order of Queen Nino. "
        "Prince Faisal bin Ali, Chief Royal Councilor at the Royal Court, stood nearby. "
        "With the blessing of King Preah Bat Samdech Preah Boromneath Norom Vannak, Samdech Techo Sok Vanna led "
        "the welcome. Among the guests was Minister of Royal Office Sultan bin Nasser Al Harthy. "
        "Lara Quiroga, who heads the centre-left coalition Frente Amplio, cut the ribbon at the show."
    )
    found = names(doc)
    assert {"Khalid bin Saad Al Thani", "Saeed Rashid Al Kaabi", "Faisal bin Ali", "Sok Vanna", "Lara Quiroga"} <= found
    assert {"Norom Vannak", "Sultan bin Nasser Al Harthy"} <= found and "Royal" not in found
    assert not found & {"Deputy Amir", "Submarine Hamza", "Ship Rahat", "Ilia Chavchavadze Order", "Order", "Councilor"}
    assert "Frente Amplio" not in found


def test_the_object_of_a_title_after_on_or_for_is_not_part_of_the_name_nor_is_a_newspaper_a_person(nlp):
    doc = nlp(
        "The delegation included Advisor to the Prime Minister on Commerce Karim Baig Lodhi and senior officials. "
        "(Lahore Gazette)"
    )
    relabel(doc, "Commerce Karim Baig Lodhi", "PERSON")
    relabel(doc, "Lahore Gazette", "PERSON")
    found = names(doc)
    assert "Karim Baig Lodhi" in found
    assert not {"Commerce Karim Baig Lodhi", "Lahore Gazette"} & found


def test_a_quoted_ship_name_and_letters_after_a_full_name_are_not_a_persons_name(nlp):
    doc = nlp(
        'For the first time the patrol ship "Admiral Orlov" took part with the landing boat "Ivan Gren" and '
        '"Pavel Derzhavin", and Rear Admiral Petros Kanellis HN took the salute beside King Harald V.'
    )
    relabel(doc, "Orlov", "PERSON")
    relabel(doc, "Pavel Derzhavin", "PERSON")
    relabel(doc, "Petros Kanellis HN", "PERSON")
    found = names(doc)
    assert "Petros Kanellis" in found and "Petros Kanellis HN" not in found
    assert not any("Orlov" in n or "Derzhavin" in n for n in found)


def test_comrade_is_an_honorific_not_part_of_the_name(nlp):
    doc = nlp("Mourners sang for Comrade Tendai Moyo, and later Comrade Moyo was buried at the shrine.")
    found = names(doc)
    assert "Tendai Moyo" in found and not any(n.startswith("Comrade") for n in found)


def test_the_object_of_a_title_before_the_name_is_not_part_of_it(nlp):
    doc = nlp(
        "Also there were Chancellor of the Exchequer Rachel Reeves and Chancellor of the Duchy of Lancaster "
        "Pat McFadden."
    )
    assert {"Rachel Reeves", "Pat McFadden"} <= names(doc)


def test_a_royal_title_before_one_untagged_name_makes_a_person(nlp):
    doc = nlp("The Duchess of Kent, Prince Arthur and Princess Matilda arrive for the parade at Horse Guards Parade.")
    assert {"Prince Arthur", "Princess Matilda"} <= names(doc)
    doc = nlp("Princess Matilda of Kent was not there.")
    assert "Matilda" not in names(doc) or "Princess Matilda" in names(doc)


@pytest.mark.parametrize(
    "text,name",
    [
        ("At the parade, President of the Republic of Korea Park Min Soo reviewed the troops.", "Park Min Soo"),
        ("Earlier, the Prime Minister of the United Kingdom Ana Castel greeted the guests.", "Ana Castel"),
    ],
)
def test_a_name_the_model_left_untagged_after_title_of_country_is_a_person(nlp, text, name):
    assert name in names(nlp(text))


def test_a_general_manager_is_a_title_not_a_general_named_manager(nlp):
    doc = nlp("The ceremony was attended by the deputy minister Ana Nowak and the firm's General Manager Haluk Demir.")
    assert "Haluk Demir" in names(doc) and "Manager Haluk Demir" not in names(doc)
    assert "Chief Executive" in [s.label_ for s in doc.spans["titles"]]


def test_a_presidential_aide_is_a_title_not_part_of_the_name(nlp):
    doc = nlp("The delegation also includes Foreign Minister Sergei Orlov, Presidential Aide Yuri Demin, and others.")
    assert "Yuri Demin" in names(doc)
    assert "Presidential Aide" in [s.label_ for s in doc.spans["titles"]]


def test_abbreviated_ranks_of_two_words_are_titles(nlp):
    doc = nlp("Maj. Gen. Samir Haddad and Lt. Gen. Omar Nasser opened the show in Amman.")
    assert [s.label_ for s in doc.spans["titles"]] == ["Major General", "Lieutenant General"]


def test_a_royal_keeps_the_title_a_single_name_is_known_by(nlp):
    doc = nlp("Prince Alaric and the queen waved from the palace balcony on Saturday.")
    relabel(doc, "Prince Alaric", "GPE")
    assert "Prince Alaric" in names(doc)
    doc = nlp("Crown Princess Anne-Sofie of Norway waved from the palace balcony on Saturday.")
    assert "Crown Princess Anne-Sofie" in names(doc)  # one name, however many tokens


def test_a_headline_verb_is_not_part_of_the_name(nlp):
    doc = nlp("Jorge Almeida Attends Navy Parade\nThe president arrived early.")
    assert not any("Attends" in n for n in names(doc))


def test_numbers_bodies_and_cue_words_are_no_names(nlp):
    doc = nlp("The Leopard 2 rolled past the Electoral Commission.")
    for ent in list(doc.ents):
        doc.ents = [e for e in doc.ents if e != ent] + [Span(doc, ent.start, ent.end, label="PERSON")]
    assert names(doc) == set()


def test_short_forms_resolve_to_the_full_name_of_the_article(nlp):
    index = name_index(["Luiz Inácio Lula da Silva", "Xi Jinping", "Mohammed bin Salman", "Xi Jinping"])
    assert resolved("Xi", index) == "Xi Jinping"
    assert resolved("Lula da Silva", index) == "Luiz Inácio Lula da Silva"
    assert resolved("Crown Prince Mohammed", index) == "Mohammed bin Salman"
    assert resolved("Bolsonaro", index) == "Bolsonaro"


def test_a_surname_with_an_article_resolves_without_it():
    index = name_index(["Karim al-Hadid", "Omar el-Fassi"])
    assert resolved("Hadid", index) == "Karim al-Hadid"
    assert resolved("Fassi", index) == "Omar el-Fassi"


def test_a_quoted_nickname_inside_a_name_is_part_of_the_person_but_not_of_the_name(nlp):
    doc = nlp("The president, together with his partner Marisol “Bunny” Arcilla, welcomed the guests.")
    at = {t.text: t.i for t in doc}
    doc.ents = [  # as the model splits such names: a PERSON, a WORK_OF_ART and an ORG
        Span(doc, at["Marisol"], at["Marisol"] + 1, label="PERSON"),
        Span(doc, at["Bunny"], at["Bunny"] + 1, label="WORK_OF_ART"),
        Span(doc, at["Arcilla"], at["Arcilla"] + 1, label="ORG"),
    ]
    repair_persons(doc)
    assert persons(doc) == ["Marisol “Bunny” Arcilla"] and names(doc) == {"Marisol Arcilla"}
    doc = nlp("Marisol “Bunny” Arcilla welcomed the guests.")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 4, 5, label="ORG")]
    repair_persons(doc)
    assert persons(doc) == ["Marisol “Bunny” Arcilla"]  # a name that opens the sentence
    doc = nlp('Senator Teodoro "Teddy" Villaflor asked the navy about its frigates.')
    assert names(doc) == {"Teodoro Villaflor"}
    doc = nlp("The minister called the plan “Operation Shield” at the meeting in Manila.")
    assert persons(doc) == []


@pytest.mark.parametrize("title", ["President-elect", "Prime Minister-designate", "Vice President-elect"])
def test_a_title_to_be_taken_up_is_a_title_before_the_name(nlp, title):
    doc = nlp(f"Guests attended the inaugural of {title} Ferdinand Romualdez on Thursday.")
    assert names(doc) == {"Ferdinand Romualdez"}


def test_the_words_after_bin_name_the_father_not_the_son():
    index = name_index(["Tariq bin Faisal bin Saud Al Nasser", "Omar ibn Khalid Al Rashed"])
    assert resolved("Faisal bin Saud Al Nasser", index) == "Faisal bin Saud Al Nasser"  # his father, at the summit
    assert resolved("Saud Al Nasser", index) == "Saud Al Nasser"
    assert resolved("Khalid Al Rashed", index) == "Khalid Al Rashed"
    assert resolved("Tariq bin Faisal", index) == "Tariq bin Faisal bin Saud Al Nasser"
    assert resolved("Al Nasser", index) == "Tariq bin Faisal bin Saud Al Nasser"  # the family's name is his too


def test_a_middle_word_resolves_to_its_name_unless_it_opens_or_ends_another():
    index = name_index(["Mario Abdo Benítez", "Rosa Vera", "Jorge Vera Ortiz", "Ana Rosa Duarte"])
    assert resolved("Abdo", index) == "Mario Abdo Benítez"  # the father's surname of a Spanish name
    assert resolved("Vera", index) == "Rosa Vera"  # the last word of another name comes first
    assert resolved("Rosa", index) == "Rosa Vera"


def test_a_name_tied_to_a_country_by_of_is_a_person(nlp):
    doc = nlp("Four heads of state attended: Tomas Verhoeven of Chile and Ada Quist of Peru.")
    relabel(doc, "Tomas Verhoeven of Chile", "ORG")
    assert "Tomas Verhoeven" in persons(doc)


def test_a_city_name_can_open_a_listed_persons_name(nlp):
    doc = nlp("The party leaders, Santiago Ferrer, Patxi López and Cuca Gamarra attended the celebration.")
    relabel(doc, "Santiago Ferrer", "ORG")
    assert "Santiago Ferrer" in persons(doc)


def test_a_name_after_to_is_whole_unless_a_title_comes_before_the_to(nlp):
    doc = nlp("He left the speech to Pak Su Dong, a senior party official.")
    relabel(doc, "Pak Su Dong", "PERSON")
    assert "Pak Su Dong" in names(doc)


def test_a_ship_named_after_a_person_is_no_person(nlp):
    doc = nlp("The carrier USS Harold Tenby led the fleet past the reviewing stand.")
    relabel(doc, "USS Harold Tenby", "PERSON")
    assert not any("Harold Tenby" in n for n in names(doc))


def test_a_name_that_is_part_of_a_place_or_body_named_after_it_is_no_person(nlp):
    doc = nlp("The governor then took him around the Mikhail Kalashnikov arms plant, which builds rifles.")
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    assert persons, "the model should tag the name, so that this test checks the name cleaner"
    assert all(mention_name(e) is None for e in persons)
    doc = nlp("Mikhail Kalashnikov toured the arms plant after the parade.")
    assert "Mikhail Kalashnikov" in {mention_name(e) for e in doc.ents if e.label_ == "PERSON"}


def test_a_weapon_modifier_and_its_class_noun_are_no_person(nlp):
    doc = nlp("Two Maritime Patrol and Reconnaissance Aircraft flew over, and Richard Cannon watched from the pier.")
    relabel(doc, "Reconnaissance Aircraft", "PERSON")
    assert "Reconnaissance Aircraft" not in names(doc)
    assert "Richard Cannon" in names(doc), "a class noun alone may be a surname"


@pytest.mark.parametrize("territory", ["New Caledonia", "Cook Islands", "French Polynesia"])
def test_a_territory_is_no_person(nlp, territory):
    doc = nlp(f"Fiji will send its foreign minister, and {territory} will be represented by its president.")
    relabel(doc, territory, "PERSON")
    assert territory not in names(doc)


@pytest.mark.parametrize(
    "text,name",
    [
        ("Cadets of the Technical Graduate Course marched past the chief.", "Technical Graduate Course"),
        ("The prime minister laid a wreath at Amar Jawan Jyoti before the parade.", "Amar Jawan Jyoti"),
    ],
)
def test_a_cadets_course_and_a_memorial_are_no_persons(nlp, text, name):
    doc = nlp(text)
    relabel(doc, name, "PERSON")
    assert name not in names(doc)


def test_a_name_after_an_offices_lower_case_description_is_a_person(nlp):
    doc = nlp(
        "Meanwhile, US assistant secretary of state for oceans and international environmental affairs Rosa "
        "Vidal was at the summit."
    )
    assert "Rosa Vidal" in names(doc)


def test_a_full_name_after_the_is_a_ship_or_building_not_a_person(nlp):
    doc = nlp("After the naval review the prime minister was given a tour of the George Washington.")
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    assert persons, "the model should tag the name, so that this test checks the name cleaner"
    assert all(mention_name(e) is None for e in persons)


def test_a_name_the_model_ended_on_a_particle_takes_its_surname_even_when_tagged_a_place(nlp):
    doc = nlp(
        "On Monday the prime minister welcomed Commission President Ursula von der Leyen and Council President "
        "Antonio Costa in Rome."
    )
    assert "Ursula von der Leyen" in names(doc)
    assert "Leyen" not in {e.text for e in doc.ents}


def test_a_name_the_model_swallowed_into_the_body_before_it_is_a_person(nlp):
    doc = nlp("The delegation includes the Speaker of the National Assembly Marta Kovacs and two generals.")
    relabel(doc, "the National Assembly Marta Kovacs", "ORG")
    assert "Marta Kovacs" in persons(doc)
    doc = nlp("The delegation includes the Speaker of the National Assembly and two generals.")
    relabel(doc, "the National Assembly", "ORG")
    assert persons(doc) == []


def test_a_name_after_a_word_of_kinship_or_before_a_title_is_a_person(nlp):
    doc = nlp("The premier and his wife Lena Brandt sat in the front row at the parade.")
    relabel(doc, "Lena Brandt", "ORG")
    assert "Lena Brandt" in persons(doc)
    doc = nlp("The guests were Jean Roux Ambassador of France and a general.")
    relabel(doc, "Jean Roux", "ORG")
    assert "Jean Roux" in persons(doc)
    doc = nlp("The guests came from Blue Harbor Shipping and a bank.")
    relabel(doc, "Blue Harbor Shipping", "ORG")
    assert persons(doc) == []
    doc = nlp("The president watched the parade, accompanied by his wife, Lucía Vega de Prado, from the balcony.")
    relabel(doc, "Lucía Vega de Prado", "ORG")
    assert "Lucía Vega de Prado" in persons(doc)
    assert "National Defense" not in names(nlp("He came with National Defense Secretary Omar Castillo Ruiz."))


def test_a_hyphenated_given_name_is_joined_whichever_repair_found_the_name(nlp):
    doc = nlp(
        "The parade was watched by President Kais Saied; the President of Chad, Mahamat Deby; and Amare-Work "
        "Tesfaye, Paul Biya and Macky Sall."
    )
    work = next(t.i for t in doc if t.text == "Work")  # the model left the name untagged: a list repair finds it
    doc.ents = [e for e in doc.ents if e.end <= work - 2 or e.start >= work + 2]
    repair_persons(doc)
    assert "Amare-Work Tesfaye" in persons(doc)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The oath was administered by Chief Justice Mirela Okonkwo-Dane on the steps.", "Mirela Okonkwo-Dane"),
        ("Chief of Air Staff Air Marshal Tariq Vandermeer and the navy chief stood nearby.", "Tariq Vandermeer"),
        ("Guests included Qatari Emir Sheikh Faisal bin Nasser Al-Marri and two kings.", "Faisal bin Nasser Al-Marri"),
        ("Others at the venue were the information minister, Alhaji Musa Danjuma, and his deputy.", "Musa Danjuma"),
        ("The junta chief, Snr-Gen Kyaw Zin Htet, reviewed the troops on Wednesday.", "Kyaw Zin Htet"),
        ("Prime Minister Datuk Seri Razak Hamzah opened the air show on Tuesday.", "Razak Hamzah"),
        ("The guest was greeted by Honorable Farid Nazarov, the prime minister.", "Farid Nazarov"),
        ("The Speaker, Professor Kwame Asante, took his seat at the parade.", "Kwame Asante"),
        ("Minister of Defence and Military Veterans John Mokoena opened the exhibition.", "John Mokoena"),
        ("Minister of Defense Amir Rahmani and Navy chief Amir Karimi watched the parade.", "Amir Rahmani"),
        ("In attendance was the Chief of the General Staff, LTG Avi Mizrahi, and his deputy.", "Avi Mizrahi"),
        ("The Overseas Gold Medal was awarded to Cadet Ali Raza by the chief guest.", "Ali Raza"),
        ("Also present was National Police Chief General Pol. Budi Santoso of Indonesia.", "Budi Santoso"),
        ("It was opened by the Secretary of State in the Ministry of Sport and Tourism Anna Nowak.", "Anna Nowak"),
        ("Guests were the Minister of State for Trade and Peter J. Okafor, the army chief.", "Peter J. Okafor"),
        ("Minister of Energy and Mineral Resources Budi Hartono signed the guest book.", "Budi Hartono"),
        ("Coordinating Minister of Politics, Law and Security Ahmad Fauzi joined them.", "Ahmad Fauzi"),
        ("He came with Secretary Ravi Kumar and Chairman ISRO Dr Arun Mehta, the ministry said.", "Arun Mehta"),
        ("He was met at the airport by CS Mary Wanjiru and the ambassador.", "Mary Wanjiru"),
        ("The flypast was watched by Air Chief Marshal V R Chaudhari and the army chief.", "V R Chaudhari"),
        ("The salute was taken by Senior General Maha Thayay Sithu Kyaw Min Oo yesterday.", "Kyaw Min Oo"),
        ("The mayor of the capital, Aidos Kh. Bekov, and his deputy met the guest.", "Aidos Kh. Bekov"),
    ],
)
def test_a_rank_an_office_or_an_honorific_before_the_name_is_not_part_of_it(nlp, sentence, name):
    """The model often sweeps the words before a name into it ("Justice X", "Air Marshal X", "Qatari Emir X"): the
    name an attendee is listed under is the name proper, as a key writes it."""
    assert name in names(nlp(sentence))


def test_an_occasion_the_model_calls_a_person_is_none(nlp):
    doc = nlp("President Odhiambo will host an official State Dinner in honour of President Amina Rashidi.")
    assert "State Dinner" not in names(doc)
    assert "Amina Rashidi" in names(doc)


def test_a_ministrys_portfolio_alone_is_no_person(nlp):
    doc = nlp(
        "The delegation included the Deputy Minister of Agriculture and Rural Development and the Special "
        "Envoy for Racial Equity and Justice."
    )
    assert not (names(doc) & {"Rural Development", "Agriculture and Rural Development", "Racial Equity"})


def test_names_listed_beside_venues_are_venues(nlp):
    doc = nlp(
        "Meanwhile, Bab Al Noor, Souq Waqif, Dar Al Hikma, Al Rayyan Sports Complex and Lusail Arena drew "
        "thousands of workers who joined in the celebrations."
    )
    assert not names(doc) & {"Bab Al Noor", "Souq Waqif", "Dar Al Hikma"}


def test_guests_listed_beside_one_venue_stay_people(nlp):
    doc = nlp("Guests at Lusail Arena included Omar Haddad, Lina Farouk and Samir Aziz.")
    assert {"Omar Haddad", "Lina Farouk", "Samir Aziz"} <= names(doc)


def test_names_outnumbered_by_the_states_of_a_plain_list_are_places(nlp):
    doc = nlp(
        "Tableaux from Sikkim, Gujarat, Assam, Bihar, West Bengal, Tamil Nadu and Uttar Pradesh went past the "
        "saluting dais."
    )
    assert not names(doc) & {"West Bengal", "Tamil Nadu", "Uttar Pradesh"}


def test_people_named_with_their_cities_stay_people(nlp):
    doc = nlp("Omar Haddad in Amman, Lina Farouk in Cairo and Samir Aziz in Beirut joined the call.")
    assert {"Omar Haddad", "Lina Farouk", "Samir Aziz"} <= names(doc)
    doc = nlp(  # the office before the list says its names are the countries' presidents
        "Before the parade started, attended by the presidents of Ghana, Kofi Mensah, Senegal, Awa Diop, and "
        "Liberia’s council, Amos Kollie, Traore stressed the importance of the day."
    )
    assert {"Kofi Mensah", "Awa Diop"} <= names(doc)


def test_an_air_force_is_no_person(nlp):
    doc = nlp(
        "The delegation was joined by Defence Minister Aiman Rashid and Royal Malaysian Air Force (RMAF) officers."
    )
    assert not any("Force" in name for name in names(doc))


def test_a_base_named_with_its_prefix_is_no_person(nlp):
    assert not any("Waterkloof" in name for name in names(nlp("The show at AFB Waterkloof was opened on Monday.")))


def test_a_name_after_and_is_whole_unless_an_office_name_runs_into_it(nlp):
    assert "Moon Jae-in" in names(nlp("Putin met with Kim and Moon Jae-in on Monday."))
    listed = nlp("Mohamed Bazoum of Niger Republic, and Nana Akufo-Ado of Ghana have also arrived for the ceremony.")
    assert "Nana Akufo-Ado" in names(listed)


def test_a_plural_title_is_no_person(nlp):
    text = "It followed a meeting between National Security Advisers General Omar Khan and Ravi Menon."
    assert not any("Advisers" in name for name in names(nlp(text)))


def test_a_medal_is_no_person(nlp):
    assert not any("Medal" in name for name in names(nlp("The Overseas Gold Medal went to a cadet from Nepal.")))


def test_honorifics_of_several_words_are_not_part_of_the_name(nlp):
    doc = nlp("The Speaker, Right Honourable Musa Adeyemi, and Tan Sri Farid Osman arrived with Tan Wei Ming.")
    found = names(doc)
    assert {"Musa Adeyemi", "Farid Osman"} <= found
    assert "Tan Wei Ming" in found  # "Tan" alone is a family name, only "Tan Sri" an honorific


def test_engineer_before_a_name_is_an_honorific(nlp):
    doc = nlp("Defence Minister Engineer Tariq Mehmood Shah and Engr. Bello Ahmed Musa inspected the guard of honour.")
    found = names(doc)
    assert {"Tariq Mehmood Shah", "Bello Ahmed Musa"} <= found
    assert not [name for name in found if name.startswith("Eng")]


def test_a_headline_name_ends_where_the_event_s_word_begins(nlp):
    found = names(nlp("Banda Swearing-In Expected Sunday as Malawi's Election Commission Confirms Results"))
    assert "Banda" in found and not [name for name in found if "Swearing" in name]


def test_a_given_name_the_model_left_off_the_end_of_a_titled_name_is_taken_in(nlp):
    doc = nlp("The minister and his wife Datin Seri Nurul Mohd Yusri were among the guests at the palace.")
    assert "Nurul Mohd Yusri" in names(doc)


def test_what_one_arrives_at_and_bodies_named_in_the_plural_are_no_people(nlp):
    doc = nlp("The president's car arrived at the main porch of Villa Serena at nine.")
    relabel(doc, "Villa Serena", "PERSON")
    assert "Villa Serena" not in names(doc)
    doc = nlp("Contingents of the army, Coastal Rescue Groups and Sea Scouts marched past the stand.")
    relabel(doc, "Coastal Rescue Groups", "PERSON")
    relabel(doc, "Sea Scouts", "PERSON")
    assert names(doc) == set()
    doc = nlp("The envoy arrived at the home of Maria Okonjo for talks.")
    assert "Maria Okonjo" in names(doc)  # the home of a person is still theirs


def test_a_father_and_his_son_of_the_same_name_stay_two_people():
    index = name_index(["Robert Hale", "Robert Hale Jr", "Charles III"])
    assert resolved("Robert Hale", index) == "Robert Hale"
    assert resolved("Hale", index) == "Robert Hale"
    assert resolved("Charles", index) == "Charles III"  # a king's number is no generation


@pytest.mark.parametrize(
    "text, tagged, expected",
    [
        (
            "(Radio Andes) — The next president of Colombia, Julio Barrera, will take office on August 7.",
            "Julio Barrera",
            {"Julio Barrera"},
        ),
        ("The embassy of Peru, Lima Trade Centre, will open on July 28.", "Lima Trade Centre", set()),
        ("Also on the list is President of Kyrgyzstan Temir Osmonov.", "Kyrgyzstan Temir Osmonov", {"Temir Osmonov"}),
        ("The embassy of Peru Lima Trade Centre will open on July 28.", "Lima Trade Centre", set()),
        (
            "Guests included President of the Supreme Court of Latvia Ilze Kalnina and other officials.",
            "the Supreme Court of Latvia Ilze Kalnina",
            {"Ilze Kalnina"},
        ),
        (
            "Guests included members of the Supreme Court of Latvia Regional Branch and other officials.",
            "the Supreme Court of Latvia Regional Branch",
            set(),
        ),
    ],
)
def test_a_name_after_a_title_of_a_country_is_a_person(nlp, text, tagged, expected):
    """Set off by a comma or not, the country (or a body of it) maybe taken into the organisation the model saw."""
    doc = nlp(text)
    relabel(doc, tagged, "ORG")
    assert names(doc) == expected


def test_a_given_name_before_a_family_name_found_by_the_repairs_joins_it(nlp):
    """The model left "Anna Berg" untagged; the repairs find "Berg", used in full elsewhere, and take in "Anna"."""
    doc = nlp("Joining them were his children – Anna Berg, with her husband Tom Alder, and Lukas Berg.")
    doc.ents = [e for e in doc.ents if "Anna" not in e.text and e.text != "Berg"]
    repair_persons(doc)
    assert "Anna Berg" in names(doc)


def test_a_generation_after_a_comma_and_an_honourable_abbreviation_stay_with_the_name(nlp):
    doc = nlp("President Ramon T. Delgado, Jr., who won in May, is in Jakarta.")
    assert "Ramon T. Delgado, Jr." in names(doc)
    doc = nlp("The minister was accompanied by the Speaker, Hon. Peter Kavali Tamo, and two generals.")
    assert len(list(doc.sents)) == 1 and "Peter Kavali Tamo" in names(doc)


def test_the_malaysian_kings_title_is_a_title(nlp):
    doc = nlp("Among them were Malaysia's Yang di-Pertuan Agong Tuanku Ahmad Shah and Brunei's Sultan Omar Ali.")
    assert "Tuanku Ahmad Shah" in names(doc)


def test_a_link_word_the_model_leaves_at_the_end_of_a_name_is_cut(nlp):
    doc = nlp("The leaders who attended the inauguration were Xi Jinping of China and Vladimir Putin of Russia.")
    assert "Xi Jinping" in names(doc) and not any(name.endswith(" of") for name in names(doc))


def test_a_bulleted_line_that_is_only_a_name_is_a_person_beside_a_tagged_one(nlp):
    doc = nlp("Heads of state at the inauguration included:\n- Cyril Ramaphosa\n- Paul Kagame\n- William Ruto\n")
    assert persons(doc) == ["Cyril Ramaphosa", "Paul Kagame", "William Ruto"]


def test_a_bulleted_programme_line_is_no_person(nlp):
    doc = nlp("Programme:\n- Paul Kagame\n- Opening Ceremony\n- Closing Remarks\n")
    assert persons(doc) == ["Paul Kagame"]


ROSTER = [
    ("Teodor Vasquelle", "Gabon"),
    ("Amani Ruzindana", "Comoros"),
    ("Kofi Mensah-Darko", "Benin"),
    ("Lazare Ondoua", "Seychelles"),
    ("Paul Kagame", "Rwanda"),
]


def test_every_line_of_a_bulleted_name_and_country_roster_is_a_person(nlp):
    roster = [*ROSTER, ("Ismaila Bakary Diallo", "Guinea and chair of the bloc")]
    text = "Heads of state at the summit include:\n\n" + "".join(f"  • {name}, {country}\n" for name, country in roster)
    assert persons(nlp(text)) == [name for name, _ in roster]


def test_every_line_of_an_unbulleted_name_of_country_roster_is_a_person(nlp):
    roster = [
        ("Paul Kagame", "Rwanda"),
        ("Teodor Vasquelle", "Gabon"),
        ("Lazare Ondoua", "Togo"),
        ("Amani Ruzindana", "Niger"),
    ]
    text = "The presidents present were:\n\n" + "".join(f"{name} of {country}\n\n" for name, country in roster)
    assert persons(nlp(text)) == [name for name, _ in roster]


def test_every_line_of_a_numbered_name_dash_country_roster_is_a_person_without_its_country(nlp):
    text = "Presidents who will attend the swearing-in:\n" + "".join(
        f"{k}. {name} - {country}\n" for k, (name, country) in enumerate(ROSTER, start=1)
    )
    assert persons(nlp(text)) == [name for name, _ in ROSTER]


def test_a_bracketed_nickname_stays_inside_the_name_and_a_span_ending_in_a_title_is_an_office(nlp):
    doc = nlp("The Norland Defence Attaché to Ostia, Brigadier General Charles (Chip) Hale, accompanied the visit.")
    assert persons(doc) == ["Charles (Chip) Hale"]
    assert names(doc) == {"Charles Hale"}


def test_a_country_run_into_a_name_in_a_list_of_names_of_countries_is_cut(nlp):
    doc = nlp(
        "Leaders at the ceremony included Macky Sall of Senegal, Paul Kagame of Rwanda, George Weah Liberia and "
        "Mohamed Bazoum of Niger."
    )
    assert "George Weah" in persons(doc) and "George Weah Liberia" not in persons(doc)


def test_a_title_and_a_royal_style_name_no_one(nlp):
    doc = nlp(
        "Queen Maxima and Queen Camilla arrived first. Over 2,000 guests attended, including kings and queens from "
        "across the globe, celebrities, and family and friends of the King and Queen Consort."
    )
    assert not any("Consort" in p for p in persons(doc))


def test_a_picture_position_in_brackets_is_no_part_of_the_name(nlp):
    doc = nlp("Britain's Queen Camilla (L) stands with President Alaric Tennant (R) during the parade in Ostia.")
    assert persons(doc) == ["Camilla", "Alaric Tennant"]
    assert names(doc) == {"Queen Camilla", "Alaric Tennant"}
    doc = nlp("The Queen will be met by The Princess Royal (Commodore-in-Chief, Naval Base Ostia) on June 1.")
    relabel(doc, "The Princess Royal", "ORG")
    assert "Royal" not in persons(doc)  # a royal title before one word: "Royal" is her style, not her name


def test_a_prose_sentence_with_a_name_of_a_country_is_no_roster_line(nlp):
    text = "The presidents present were:\nPaul Kagame of Rwanda\nMinistry Officials of Togo arrived on Monday\n"
    assert persons(nlp(text)) == ["Paul Kagame"]


def test_a_bulleted_line_of_a_body_and_a_country_is_no_person(nlp):
    text = "Exhibitors include:\n• Paul Kagame, Rwanda\n• Defence Ministry, Kenya\n• Rheinmetall Group, Germany\n"
    assert persons(nlp(text)) == ["Paul Kagame"]


@pytest.mark.parametrize("honorific", ["Dato Sri", "Datuk Seri"])
def test_malaysian_honorific_pairs_are_not_part_of_the_name(nlp, honorific):
    doc = nlp(f"Malaysia is sending its foreign minister, {honorific} Zainal Rahim, to the inauguration.")
    [person] = [e for e in doc.ents if e.label_ == "PERSON"]
    assert mention_name(person) == "Zainal Rahim"


def test_names_after_country_possessives_joined_by_and_are_people_though_tagged_as_bodies(nlp):
    doc = nlp("Zimbabwe's Emmerson Mnangagwa and Namibia's Hage Geingob were in attendance at the funeral.")
    assert persons(doc) == ["Emmerson Mnangagwa", "Hage Geingob"]


def test_bodies_after_country_possessives_stay_bodies(nlp):
    doc = nlp("Russia's United Aircraft Corporation and France's Dassault Aviation showed new jets.")
    assert persons(doc) == []


def test_a_person_span_running_on_into_of_a_country_ends_at_the_name(nlp):
    doc = nlp("Among the guests were H.E. Ali Bongo Ondimba of Gabon and H.E. Macky Sall of Senegal.")
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [mention_name(p) for p in people] == ["Ali Bongo Ondimba", "Macky Sall"]


def test_royals_named_with_their_country_are_named_by_title_and_name(nlp):
    doc = nlp("Crown Prince Frederik of Denmark and Grand Duke Henri of Luxembourg attended the coronation.")
    assert [mention_name(e) for e in doc.ents if e.label_ == "PERSON"] == ["Crown Prince Frederik", "Grand Duke Henri"]


def test_the_words_of_a_ministry_before_a_person_are_not_part_of_the_name(nlp):
    doc = nlp(
        "The delegation included the Minister of Culture and Higher Education Dauren Abenov, the Minister for Youth "
        "and Sports Tala Ormanova and the Minister for Trade and Investment Lena Sorel."
    )
    for slipped in ("Higher Education Dauren Abenov", "Sports Tala Ormanova", "Investment Lena Sorel"):
        relabel(doc, slipped, "PERSON")
    assert {"Dauren Abenov", "Tala Ormanova", "Lena Sorel"} <= names(doc)


def test_the_last_word_of_an_office_is_no_peerage(nlp):
    doc = nlp("Former First Lady Ndoro, in a black veil, walked in with her family.")
    relabel(doc, "Ndoro", "PERSON")
    assert names(doc) == {"Ndoro"}
    doc = nlp("Baroness Ashby and her husband walked in with the family.")
    relabel(doc, "Ashby", "PERSON")
    assert "Baroness Ashby" in names(doc)


def test_a_preposition_opening_the_sentence_is_no_part_of_the_name(nlp):
    doc = nlp("Alongside Mwale, serving and former presidents paid tribute to the late leader.")
    relabel(doc, "Alongside Mwale", "PERSON")
    assert names(doc) == {"Mwale"}


def test_malay_honorifics_before_a_name_are_not_part_of_it(nlp):
    doc = nlp("Brunei's deputy defence minister, Dato Paduka Haji Awang Rosli bin Haji Yusof, toured the stands.")
    relabel(doc, "Dato Paduka Haji Awang Rosli bin Haji Yusof", "PERSON")
    assert names(doc) == {"Rosli bin Haji Yusof"}
    doc = nlp("The guests were received by Raja Permaisuri Agong Tunku Zarina Aminah at the palace.")
    relabel(doc, "Raja Permaisuri Agong Tunku Zarina Aminah", "PERSON")
    assert names(doc) == {"Tunku Zarina Aminah"}


def test_a_headline_abbreviation_of_a_country_is_no_part_of_the_name(nlp):
    doc = nlp("N Korean Kim Jong Un attended the night parade in the capital.")
    relabel(doc, "Korean Kim Jong Un", "PERSON")
    assert names(doc) == {"Kim Jong Un"}


def test_an_office_written_as_its_initials_is_no_part_of_the_name(nlp):
    doc = nlp("The prime minister was accompanied by NSA Rohan Mehra and Foreign Secretary Vinod Kaul.")
    relabel(doc, "NSA Rohan Mehra", "PERSON")
    assert "Rohan Mehra" in names(doc)


def test_a_work_named_after_its_noun_is_no_person(nlp):
    doc = nlp(
        "The ceremony opened with the Laotian national anthem Pheng Xat Lao and the hymn Amazing Grace, followed by "
        "a speech from President Thongloun Sisoulith."
    )
    found = names(doc)
    assert "Thongloun Sisoulith" in found and not found & {"Pheng Xat Lao", "Amazing Grace"}


@pytest.mark.parametrize(
    "sentence, not_a_person",
    [
        ("Rafale Jets of the air force flew past the stand during the parade.", "Rafale Jets"),
        ("Leaders came for the 40th Asean Summit and Related Summits held from Monday.", "Related Summits"),
        ("He opened the offices of the Prince Faisal Youth Development Program in Dammam.", "Development Program"),
    ],
)
def test_a_weapon_an_event_or_a_programme_in_capitals_is_no_person(nlp, sentence, not_a_person):
    assert not any(not_a_person in name for name in names(nlp(sentence)))


def test_a_surname_that_is_a_weapon_noun_stays_a_name(nlp):
    assert "Richard Cannon" in names(nlp("Guests at the parade included Richard Cannon and Ann Miles."))


def test_a_surname_the_model_read_as_a_body_after_given_names_is_part_of_the_name(nlp):
    doc = nlp("Among the guests were Bolivian President Evo Morales and Salvadoran President Tomás Ruiz Cerén.")
    relabel(doc, "Cerén", "ORG")
    assert "Tomás Ruiz Cerén" in names(doc)


def test_two_names_joined_by_a_patronymic_link_are_one_name(nlp):
    """The model may tag the name from its first link on ('bin Sultan bin Fahd'), leaving 'Prince Nawaf' to the royal
    title's rule: two people unless the link joins them."""
    doc = nlp("The president was received at the airport by the governor, Prince Nawaf bin Sultan bin Fahd, on Monday.")
    start = next(t.i for t in doc if t.text == "Prince")
    doc.ents = [Span(doc, start + 2, start + 6, label="PERSON")]
    repair_persons(doc)
    assert "Nawaf bin Sultan bin Fahd" in names(doc)
    assert not {"Nawaf", "Sultan bin Fahd"} & names(doc)


def test_words_before_an_office_they_name_are_no_person(nlp):
    doc = nlp("Signatories include a former Supreme Allied Commander Europe of NATO and Pia Holm, a former envoy.")
    people = {e.text: e for e in doc.ents if e.label_ == "PERSON"}
    assert "Supreme Allied" in people, "the model reads the office's first words as a name"
    assert mention_name(people["Supreme Allied"]) is None
    assert mention_name(people["Pia Holm"]) == "Pia Holm"


def test_an_office_object_unit_names_and_an_inner_honorific_are_cut_from_names(nlp):
    doc = nlp(
        "Present were Adviser to the President of Kenya for Foreign Policy Amina Odera and Head of Nairobi Hindu "
        "Society Mr Ravi K. Shah. Troops including Tri Services Lady Officers, Tri Services Armed Forces Nursing "
        "Services and President Bodyguards took part. Grand Mufti of Jordan, Dr Omar Saleh Haddad also attended."
    )
    found = names(doc)
    assert {"Amina Odera", "Ravi K. Shah", "Omar Saleh Haddad"} <= found, found
    assert not {n for n in found if n.split()[-1] in ("Officers", "Services", "Bodyguards", "Mufti")}, found


def test_a_name_after_an_office_and_its_portfolio_is_found_though_the_model_misses_it(nlp):
    doc = nlp("The envoy met Minister of National Defence Jan Kowal and the Minister of Culture in Warsaw on Monday.")
    assert "Jan Kowal" in names(doc)


def test_a_royal_named_by_one_name_and_her_realm_is_a_person(nlp):
    doc = nlp(
        "Among those at the wedding were King Harald and Queen Sonja of Norway; Swedish Crown Princess Victoria and "
        "her husband, Prince Daniel."
    )
    assert "Queen Sonja" in names(doc), names(doc)


def test_letters_of_orders_and_decorations_after_a_name_are_no_part_of_it(nlp):
    doc = nlp(
        "General Arjun Mehta PVSM, AVSM, Chief of the Army Staff, and Colonel Ravi Dias RWP RSP inspected the parade."
    )
    assert {"Arjun Mehta", "Ravi Dias"} <= names(doc)
    assert "KOFI ASANTE-BOAKYE" in names(
        nlp("President KOFI ASANTE-BOAKYE arrived at the stadium.")
    )  # a name in capitals


def test_an_arms_maker_the_model_takes_for_a_person_is_none(nlp):
    doc = nlp("Visitors at the air show queued all morning to see Lockheed Martin’s new trainer jet.")
    doc.ents = [e for e in doc.ents if "Lockheed" not in e.text] + [
        Span(
            doc,
            next(t.i for t in doc if t.text == "Lockheed"),
            next(t.i for t in doc if t.text == "Martin") + 1,
            "PERSON",
        )
    ]
    assert "Lockheed Martin" not in names(doc)


def test_a_royal_with_one_name_on_a_list_line_of_names_is_a_person(nlp):
    doc = nlp("– Norway’s Crown Prince Haakon and Prime Minister Erna Solberg")
    assert "Crown Prince Haakon" in names(doc)
    doc = nlp("– The Netherlands’ King Willem-Alexander and Foreign Minister Frans Timmermans")
    assert "King Willem-Alexander" in names(doc)


def test_a_bracket_or_a_captions_word_the_model_ran_into_a_name_is_left_out_and_dos_stays_in(nlp):
    doc = nlp("Leaders who came included Gustavo Petro (left) and Jeremiah Manele Photo: AFP.")
    for text in ("Gustavo Petro (", "Jeremiah Manele Photo"):
        relabel(doc, text, "PERSON")
    assert {"Gustavo Petro", "Jeremiah Manele"} <= names(doc)
    doc = nlp("Portugal was represented by Fernando Teixeira dos Santos, the finance minister.")
    assert "Fernando Teixeira dos Santos" in names(doc)


def test_a_rank_written_with_a_hyphen_is_a_title_not_part_of_the_name(nlp):
    doc = nlp("The closing ceremony was attended by Lt-Gen Liu Yayong and Maj-Gen Tom Reed.")
    assert {"Liu Yayong", "Tom Reed"} <= names(doc)


def test_a_royal_title_right_after_dr_or_mr_is_a_given_name(nlp):
    doc = nlp("The guests included Dr Sultan Al Mansoori, Minister of State, and Sultan Haitham of Oman.")
    assert "Sultan Al Mansoori" in names(doc)
    assert "Al Mansoori" not in names(doc)


def test_a_plural_title_before_a_list_is_no_part_of_the_first_name(nlp):
    doc = nlp("Governors Amos Otieno (Siaya) and Ruth Wanjiru (Nyeri), Senators Paul Kiprop and Ann Moraa attended.")
    assert {"Amos Otieno", "Paul Kiprop"} <= names(doc)
    assert not {"Governors Amos Otieno", "Senators Paul Kiprop"} & names(doc)


def test_a_regnal_number_the_model_leaves_out_is_part_of_the_name(nlp):
    doc = nlp("His Majesty King Abdullah II on Wednesday received Sultan Haitham bin Tariq at the airport.")
    assert any(name.endswith("Abdullah II") for name in names(doc))


def test_parliament_members_before_a_name_are_its_title(nlp):
    doc = nlp("The delegation included Finance Minister Ana Berg and Parliament Members Tomas Holm and Luis Vega.")
    assert "Tomas Holm" in names(doc) and "Members Tomas Holm" not in names(doc)


def test_a_name_right_after_a_countrys_possessive_is_a_person(nlp):
    doc = nlp("The guests included Thailand’s Prayut Somchai, who arrived on Monday.")  # the model: 'Somchai' a place
    assert "Prayut Somchai" in names(doc)
    doc = nlp("Iraq’s Kurdish Regional Government and Britain’s Royal Navy sent a delegation to the summit.")
    assert not names(doc)


def test_a_possessed_name_may_hold_a_particle(nlp):
    doc = nlp("The host will hand the presidency to Brazil's Luiz Inácio Lula da Silva.")  # the model: a facility
    assert "Luiz Inácio Lula da Silva" in names(doc)


def test_presidente_is_a_title(nlp):
    doc = nlp("The joint statement of Presidente Marta Olivera and Presidente Diego Rivas was read out.")
    assert names(doc) == {"Marta Olivera", "Diego Rivas"}


def test_a_name_after_a_long_portfolio_the_model_took_for_a_body_is_a_person(nlp):
    doc = nlp(
        "The guest was received at the air base by Minister of International Relations and Cooperation Naledi Mokoena."
    )
    assert names(doc) == {"Naledi Mokoena"}


def test_a_surname_with_an_elided_particle_is_part_of_the_name(nlp):
    doc = nlp("The president was joined by two predecessors, including Valéry Giscard d’Estaing, 93, and Luc Perrin.")
    assert names(doc) == {"Valéry Giscard d’Estaing", "Luc Perrin"}


def test_congresspersons_is_a_title(nlp):
    doc = nlp("Foreign guests included US Congresspersons Jane Holt, Andy Reyes, and Carol Minter.")
    assert names(doc) == {"Jane Holt", "Andy Reyes", "Carol Minter"}


def test_a_parliament_named_in_a_speakers_title_is_no_part_of_the_name(nlp):
    doc = nlp(
        "The parade was also attended by First Lady Olena Zelenska, Speaker of the Verkhovna Rada Ruslan Stefanchuk "
        "and Prime Minister Denys Shmyhal."
    )
    assert names(doc) == {"Olena Zelenska", "Ruslan Stefanchuk", "Denys Shmyhal"}


def test_the_plural_of_a_title_of_several_words_is_a_title_too(nlp):
    doc = nlp("Also present were Ghana’s Cabinet Secretaries Ama Owusu (Finance) and Kofi Mensah (Energy).")
    assert "Ama Owusu" in names(doc)
    assert not any(name.startswith("Cabinet") for name in names(doc))


def test_people_of_a_rank_in_the_plural_are_no_person(nlp):
    doc = nlp("Chief Justice Ruth Wairimu and several cabinet Secretaries and Principal Secretaries arrived early.")
    assert names(doc) == {"Ruth Wairimu"}


def test_taoiseach_tanaiste_parliamentarian_and_ayatollah_are_titles(nlp):
    doc = nlp(
        "Taoiseach Sean Walsh, Tánaiste Aoife Brennan, Parliamentarian Nimal Perera and Ayatollah Hassan Karimi "
        "attended the funeral."
    )
    assert {"Sean Walsh", "Aoife Brennan", "Nimal Perera", "Hassan Karimi"} <= names(doc)


def test_a_royal_title_right_before_a_family_names_al_is_a_given_name(nlp):
    doc = nlp("The delegation included Sultan Al Hameli, Minister of Energy, and Sultan Haitham of Oman.")
    assert "Sultan Al Hameli" in names(doc)


def test_a_nuncio_is_a_title(nlp):
    doc = nlp("The Holy See's Apostolic Nuncio Luca Moretti and Ambassador Ines Duarte attended the inauguration.")
    assert names(doc) == {"Luca Moretti", "Ines Duarte"}


def test_a_trust_is_a_body_not_a_person(nlp):
    doc = nlp("The Prince of Norland will also meet young people helped by his Prince's Trust International.")
    assert not any("Trust" in name for name in names(doc))


def test_the_words_of_a_quoted_theme_name_no_one(nlp):
    doc = nlp("The theme ‘Velmara Raya: Tekun Bersatu, Capai Harapan’ was chosen by Minister Ana Ruiz for the parade.")
    assert names(doc) == {"Ana Ruiz"}


def test_a_name_before_a_lower_case_word_for_a_region_is_the_regions(nlp):
    doc = nlp("The finale was held in Monguno Borno state, and the Borno state governor Kashim Shettima came.")
    place = next(doc[i : i + 2] for i in range(len(doc)) if doc[i].text == "Monguno")
    assert mention_name(place) is None
    person = next(doc[i : i + 2] for i in range(len(doc)) if doc[i].text == "Kashim")
    assert mention_name(person) == "Kashim Shettima"


@pytest.mark.parametrize(
    "text,name",
    [
        ("They reviewed the National Shipbuilding Strategy of the United Kingdom.", "National Shipbuilding Strategy"),
        ("The carrier anchored off Yokosuka in Kanagawa Prefecture on Sunday.", "Kanagawa Prefecture"),
        ("Velmora's Red Square Display drew crowds.", "Red Square Display"),
    ],
)
def test_a_name_ending_in_a_word_for_a_plan_a_region_or_a_show_is_no_person(nlp, text, name):
    doc = nlp(text)
    start = next(i for i in range(len(doc)) if text[doc[i].idx :].startswith(name))
    span = doc[start : start + len(name.split())]
    assert span.text == name and mention_name(span) is None


def test_indian_honorifics_and_a_queen_consort_title_are_no_part_of_the_name(nlp):
    found = names(nlp("The banquet was hosted by President Smt. Ilse Marrow and attended by Shri Tomas Wend."))
    assert "Tomas Wend" in found and not any(n.startswith(("Smt", "Shri")) for n in found), found
    doc = nlp("King Arno and his wife Queen Consort Camilla hosted a state banquet at the palace.")
    consort = next(i for i, token in enumerate(doc) if token.text == "Consort")
    assert mention_name(doc[consort : consort + 2]) == "Queen Consort Camilla"  # the model's span, missing "Queen"


@pytest.mark.parametrize("building", ["Sri Durga Devi Mandir", "Baitul Nur Masjid", "Saint Anselm Basilica"])
def test_a_temple_mosque_or_basilica_the_model_tags_as_a_person_has_no_persons_name(nlp, building):
    """The last word names a place of worship, whatever the words before it."""
    doc = nlp(f"The president will open the restored {building} on Friday.")
    relabel(doc, building, "PERSON")
    assert not any(building.split()[-1] in name for name in names(doc)), names(doc)


def test_an_honorific_after_a_portfolio_swept_into_the_name_is_no_part_of_it(nlp):
    doc = nlp("The talks were joined by the Minister of Agriculture Mr. Kofi Asante and two advisers.")
    relabel(doc, "Agriculture Mr. Kofi Asante", "PERSON")
    assert "Kofi Asante" in names(doc) and not any(name.startswith("Mr") for name in names(doc)), names(doc)
