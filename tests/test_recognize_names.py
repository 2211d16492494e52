"""Recognition rules for people's names, institutions and landmarks named by their form
(hand-made German sentences; each rule with a counter-case)."""

import pytest

from storymap.geoparse import geoparse
from storymap.geoparse.language import CUES
from storymap.geoparse.lexicon.first_names import is_first_name, names_in_module, spellings
from storymap.geoparse.recognition.wordfacts import is_title as _is_title


def texts(text, lang="de"):
    return [m.text for m in geoparse(text, lang).mentions]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a first name of another country before a surname that is also a town
        ("Menschen wie Juri Gagarin flogen ins All.", []),
        ("Sie traf Stanley Bruce in London.", ["London"]),
        # a compound title before a first name
        ("Ohne Abwehrchef Angelo Barletta spielte der VfL in Osnabrück.", ["Osnabrück"]),
        ("Das sagte Stürmer Nelson Valdez nach dem Spiel.", []),  # title before a first name
        ("In diesem Lied klagt der Oberst Ollendorf.", []),
        ("Er wurde Dritter vor W. Fesenko und A. Korsakow.", []),  # an initial
        ("Quelle: Hardware-Mag, Autor: Patrick von Brunn.", []),  # first name + von
        # counter-cases: the same words where they name places
        ("Der Zug fuhr von Korsakow nach Wladiwostok.", ["Korsakow", "Wladiwostok"]),
        ("Die Mannschaft reiste nach Barletta.", ["Barletta"]),
    ],
)
def test_people_are_no_places(text, places):
    assert texts(text) == places


def test_compound_titles():
    cues = CUES["de"]
    assert _is_title("abwehrchef", cues) and _is_title("bundestrainer", cues)
    assert _is_title("praesident", cues)
    assert not _is_title("chef", CUES["en"]) and not _is_title("hamburg", cues)


def test_the_eu_is_an_institution_in_german_and_a_place_in_english():
    assert texts("Die EU fordert mehr Geld, sagte er in Brüssel.") == ["Brüssel"]
    assert texts("Die EU-Mission in Mali wird verlängert.") == ["Mali"]
    assert "EU" in texts("Exports to the EU fell, officials in London said.", "en")


def test_settlement_nouns_introduce_names_the_gazetteer_lacks():
    assert texts("Am 1. Januar 2009 wurde die Gemeinde Pflückuff eingemeindet.") == [
        "Pflückuff"
    ]
    assert texts("Zur Gemeinde gehören die Dörfer Hokkala, Koskimäki-Huhtala und Oikari.") == [
        "Hokkala", "Koskimäki-Huhtala", "Oikari",
    ]
    # a common noun or a first name after the noun is no settlement
    assert texts("Die Gemeinde Verwaltung tagte, die Gemeinde Michael dankte.") == []


def test_saints_and_place_adjectives_open_landmark_names():
    assert texts("Die St. Nikolauskapelle wurde 1807 abgebrochen.") == ["St. Nikolauskapelle"]
    assert texts("Am saubersten ist der Tegeler See.") == ["Tegeler See"]
    assert texts("Die Täter flüchteten die Schwabacher Straße entlang.") == [
        "Schwabacher Straße"
    ]
    # a common adjective or a known word is no place adjective; a church noun no name
    assert texts("Der Großer Wald und die Universitätskapelle.") == []


def test_an_adjective_penalises_common_nouns_not_major_places():
    assert texts("Es gab feinstes Essen.") == []
    assert texts("Das ständische Mecklenburg bestand bis 1918.") == ["Mecklenburg"]
    assert texts("Der nordwestliche tropische Atlantik war ruhig.") == ["Atlantik"]


def test_first_name_table():
    assert is_first_name("Juri") and is_first_name("Donna") and not is_first_name("Zug")


def test_first_names_are_read_from_faker_modules_without_importing_them():
    source = (
        "from collections import OrderedDict\n"
        "class Provider:\n"
        "    first_names_male = ('Anton', 'Jean-Luc')\n"
        "    first_names_female = OrderedDict((('Юлия', 0.5), ('Anna', 0.5)))\n"
        "    last_names = ('Müller',)\n"
    )
    names = names_in_module(source)
    assert names == {"Anton", "Jean-Luc", "Юлия", "Anna"}
    assert spellings("Jean-Luc") == {"Jean", "Luc"}
    assert {"Julija", "Yuliya"} <= spellings("Юлия")


def test_trade_blocs_months_and_weekdays_are_no_places():
    assert texts("NAFTA talks resumed in Ottawa in March.", "en") == ["Ottawa"]
    assert texts("Am Freitag sprach die GUS in Minsk.") == ["Minsk"]
    # the town March where a place is meant by its full name
    assert texts("He moved to March, Cambridgeshire.", "en")[-1] == "Cambridgeshire"


def test_no_mention_crosses_a_line_break():
    assert texts("Insel\n \nBerlin") == ["Berlin"]
    assert all("\n" not in t for t in texts("Er flog nach New\nYork und Insel\nRussky."))


def test_a_surname_seen_after_a_first_name_is_the_person_later():
    text = (
        "Kobe Bryant was there on Friday in Dallas. Bryant tweeted a photo. "
        "Trainer Mike de Kock won again; de Kock flew home."
    )
    assert texts(text, "en") == ["Dallas"]
    # a world city after a first name stays the city
    assert "Paris" in texts("Es ist nicht wahr, dass Ludwig Paris nicht mochte.")


def test_a_name_next_to_a_verb_of_speech_is_a_speaker_unless_a_well_known_place():
    assert texts('"It was wonderful," Payette said in Toronto.', "en") == ["Toronto"]
    assert texts('"We cry," said Noma.', "en") == []
    assert texts("Moscow said the talks would go on.", "en") == ["Moscow"]


def test_state_abbreviations_after_a_town():
    found = {m.text: m for m in geoparse("8024 Turtle Creek Cir., Gainesville, Va. There", "en")
             .mentions}
    assert found["Va."].place.name == "Virginia"
    assert found["Gainesville"].place.admin1 == "VA"  # qualified by its state
    assert texts("RALEIGH, N.C. (AP) - A new report.", "en") == ["RALEIGH", "N.C."]
    # abbreviations on their own are words or titles, and a sentence's full stop stays out
    assert texts("Miss. Smith was ill. La. Mo. Va. Ga.", "en") == []
    assert texts("It was sold in the U.S. Virgin Islands.", "en") == ["U.S. Virgin Islands"]


def test_a_bracketed_qualifier_belongs_to_the_name():
    found = {m.text: m for m in geoparse("Sie fuhr nach Frankfurt (Oder) und Halle (Saale).",
                                         "de").mentions}
    assert found["Frankfurt (Oder)"].place.name == "Frankfurt (Oder)"
    assert "Halle (Saale)" in found
    assert texts("Er kam aus Berlin (Deutschland).") == ["Berlin", "Deutschland"]


def test_a_capital_outranks_a_state_of_its_name():
    place = geoparse("Die Delegation kam aus Washington.", "de").mentions[0].place
    assert (place.kind, place.admin1) == ("city", "DC")
    place = geoparse("The fires spread across the state of Washington.", "en").mentions[0].place
    assert place.kind == "admin1"


def test_german_roads_introduced_by_an_article():
    assert texts("Er ist zerschnitten von den Autobahnen A 2 und A 7.") == ["A 2", "A 7"]
    assert texts("Auf der A1 staut es sich, auch zur A3 hin.") == ["A1", "A3"]
    assert texts("Das kleinste Modell, die A1, speicherte 35 GB.") == []  # a product
    assert texts("Die Bundesstraße 216 führt nach Lüneburg.") == ["Bundesstraße 216", "Lüneburg"]
    # a car, a paper size and an aircraft are no roads
    assert texts("Der Audi A6 und DIN A4; die A 380 landete.") == []


def test_the_poles_are_places():
    assert texts("Er flog zum Südpol und dann zum Nordpol.") == ["Südpol", "Nordpol"]


def test_an_unknown_name_after_a_locative_preposition():
    assert texts("Die Firma sitzt in Skovlunde bei Kopenhagen.") == ["Skovlunde", "Kopenhagen"]
    assert texts("Klausur in Wildbad Kreuth.") == ["Wildbad Kreuth"]
    # a compound of a common noun, a person's genitive, a firm after "bei" are no places
    assert texts("Der Ausfall geschah aus Kapazitätsgründen.") == []
    assert texts("Er war Gast in Wulffs Haus, später bei Sektenmuzik.") == []


def test_a_name_placed_once_is_placed_again_without_a_cue():
    text = (
        "The train left the border station of Hasan on Wednesday. "
        "After leaving the Hasan station, it headed for Ussuriysk."
    )
    assert texts(text, "en") == ["Hasan", "Hasan", "Ussuriysk"]


def test_names_inside_institutions_and_railways_are_no_mentions():
    text = "He visited the House of Russian-Korean Friendship in Khasan."
    assert texts(text, "en") == ["Khasan"]
    assert texts("The train took the Trans-Siberian Railway to Vladivostok.", "en") == [
        "Vladivostok"
    ]


def test_a_surname_after_a_particle():
    text = "He was welcomed by President Marcelo Rebelo de Sousa in Lisbon."
    assert texts(text, "en") == ["Lisbon"]
    assert texts("They flew to Rio de Janeiro.", "en") == ["Rio de Janeiro"]
    assert texts("Die Vorstädte von Wien wuchsen.") == ["Wien"]  # "von" after a noun
