"""German recognition rules that lean on Wiktionary's noun classes, datelines, districts
and names the gazetteer lacks (hand-made sentences)."""

import pytest

from gazetteer.geo import haversine_km
from storymap.geoparse import geoparse


def mentions(text):
    return [(m.text, m.derived) for m in geoparse(text, "de").mentions]


def texts(text):
    return [m.text for m in geoparse(text, "de").mentions]


def test_a_place_word_in_a_list_needs_no_other_cue():
    # Darmstadt is frequent because it is a city: Wiktionary knows it only as a toponym.
    assert texts("Er war zu Gast in Avignon, Darmstadt, Berlin und Warschau.") == [
        "Avignon", "Darmstadt", "Berlin", "Warschau",
    ]
    assert texts("Es ging um die Partnerschaft zwischen Düren und Eregli.") == ["Düren", "Eregli"]


@pytest.mark.parametrize(
    "text",
    [
        "Im Zug der Ausbauarbeiten wurde die Halle erneuert.",
        "Sie wohnen unter den Bergen und Felsen.",
        "Beim Brand einer Lagerhalle entstand hoher Schaden.",
        "Es gab Kaffee und Kuchen für alle Gäste.",
        "Kein Ausgang ins Wirtshaus für die Gäste.",
    ],
)
def test_a_common_noun_with_its_article_is_no_town(text):
    assert texts(text) == []


def test_a_common_noun_is_a_town_where_the_context_says_so():
    assert texts("Der Zug fuhr von Luzern nach Zug.")[-1] == "Zug"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Dort traf er Wladimir Putin zum Gespräch.", []),
        ("Michael Jackson kam nach Berlin.", ["Berlin"]),
        ("Es ist nicht wahr, dass Ludwig Paris nicht mochte.", ["Paris"]),  # a world city
        ("Er fuhr von Wladimir nach Moskau.", ["Wladimir", "Moskau"]),
    ],
)
def test_first_names(text, places):
    assert texts(text) == places


def test_datelines_name_small_towns_too():
    assert texts("RIEDLINGEN - Thema Nummer eins ist die Baustelle.") == ["RIEDLINGEN"]
    assert texts("BOCHUM Dass er nicht Intendant wird, ist klar.") == ["BOCHUM"]
    # Elsewhere capitals name only big places (an agency, a shouted word).
    assert texts("Das meldete die Agentur RIEDLINGEN heute.") == []


def test_city_districts():
    result = geoparse("Er fuhr nach Berlin-Mitte und dann nach Düsseldorf-Gerresheim.", "de")
    district, other = result.mentions
    assert (district.text, district.derived) == ("Berlin-Mitte", False)
    assert haversine_km(district.lat, district.lon, 52.52, 13.405) < 5
    assert (other.text, other.derived, other.place.name) == (
        "Düsseldorf-Gerresheim", False, "Düsseldorf",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Berlin-Besuch war lang.", [("Berlin", True)]),
        ("Die Strecke Berlin-Moskau ist lang.", [("Berlin", True), ("Moskau", False)]),
    ],
)
def test_no_district_after_a_hyphen(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dabei gab es in Böckingen zwei adlige Familien.", "Böckingen"),
        ("Er schrieb die Chronik der Gemeinde Natenstedt.", "Natenstedt"),
        ("Die Stüdlhütte liegt hoch.", "Stüdlhütte"),
        ("Der Bach mündet in den Marbachsee.", "Marbachsee"),
    ],
)
def test_names_the_gazetteer_lacks_are_found_by_their_form(text, name):
    (mention,) = geoparse(text, "de").mentions
    assert (mention.text, mention.place) == (name, None)


@pytest.mark.parametrize(
    "text",
    [
        "Goldberg sagte, er komme morgen.",  # a surname: settlement endings need a cue
        "Sie gewann im Kunstspringen.",  # a word longer than the ending closes it
        "Sie trafen sich am Sternenbrunnen.",  # a noun before the ending
    ],
)
def test_form_alone_is_not_enough(text):
    assert texts(text) == []


def test_a_settlement_found_once_is_found_again():
    text = "Das Fest war in Hinterzwergbach. Hinterzwergbach hat 300 Einwohner."
    assert texts(text) == ["Hinterzwergbach", "Hinterzwergbach"]


def test_a_country_adjective_cues_a_place_of_that_country():
    result = geoparse("Die Kampfjets werden im englischen Hatfield hergestellt.", "de")
    assert [(m.text, m.derived) for m in result.mentions] == [
        ("englischen", True), ("Hatfield", False),
    ]
    assert result.mentions[1].place.country == "GB"


def test_saint_names_also_as_tokenised_text_writes_them():
    # GermEval's tokens joined by spaces: "St . Nikolauskapelle"
    assert texts("Die St . Nikolauskapelle wurde 1807 abgebrochen .") == ["St . Nikolauskapelle"]
    assert texts("Die St. Nikolauskapelle wurde 1807 abgebrochen.") == ["St. Nikolauskapelle"]


def test_a_mountain_takes_an_article_a_surname_does_not():
    assert texts("Die Einheit erstürmte den Kemmelberg.") == ["Kemmelberg"]
    assert texts("Am Stimberg finden sich Felsbänke.") == ["Stimberg"]
    assert texts("Goldberg sagte, er komme.") == []


def test_settlement_endings_and_foreign_words_make_no_compound_noun():
    assert texts("In Burgsteinfurt gibt es eine Kirche, in Sobotovice eine Mühle.") == [
        "Burgsteinfurt", "Sobotovice",
    ]
    # a compound of a common noun, and the first part of a hyphenated compound
    assert texts("Der Ausfall geschah aus Kapazitätsgründen.") == []
    assert texts("Die Ausflüge in Surround-Bereiche sind selten.") == []
