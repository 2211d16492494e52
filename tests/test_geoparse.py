"""The geoparser on the reference article and on hand-made sentences (German and English)."""

import pytest

from gazetteer.geo import haversine_km
from storymap.geoparse import geoparse
from tests.conftest import REPO

ARTICLE = (REPO / "examples" / "kim-wladiwostok-2019.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reference(gazetteer):
    return geoparse(ARTICLE)


def found(result, surface):
    return [m for m in result.mentions if m.text == surface]


def test_reference_article_metadata(reference):
    assert reference.lang == "de"
    assert reference.article.date == "2019-04"
    assert all(ARTICLE[m.start : m.end] == m.text for m in reference.mentions)


@pytest.mark.parametrize(
    ("surface", "lat", "lon"),
    [
        ("Chassan", 42.4297, 130.6433),
        ("Wladiwostok", 43.1056, 131.8735),
        ("Insel Russky", 43.0, 131.85),
        ("Pjöngjang", 39.0339, 125.7543),
        ("Peking", 39.9075, 116.3972),
    ],
)
def test_route_places_resolve_within_25_km(reference, surface, lat, lon):
    mentions = found(reference, surface)
    assert mentions, f"{surface} not found"
    for mention in mentions:
        assert haversine_km(mention.lat, mention.lon, lat, lon) < 25, mention


def test_inflected_and_derived_forms(reference):
    assert {m.place.name for m in found(reference, "Russlands")} == {"Russia"}
    assert {m.place.name for m in found(reference, "koreanischen Halbinsel")} == {
        "Korean Peninsula"
    }
    assert {m.place.name for m in found(reference, "Nahen Osten")} == {"Middle East"}
    derived = {m.text: m.place.name for m in reference.mentions if m.derived}
    assert derived.get("russischen") == "Russia"
    assert derived.get("nordkoreanische") == "North Korea"
    assert derived.get("Russland") == "Russia"  # Russland-Besuch, Russlandbild


def test_people_and_organisations_are_not_places(reference):
    texts = {m.text for m in reference.mentions}
    assert not texts & {"Kim", "Kims", "Wladimir", "Young", "Seouler", "Moskauer", "Zug"}


def test_common_nouns_need_context():
    result = geoparse("Er fährt meist Zug. Dann fuhr er in Zug am See vorbei.", lang="de")
    zug = [m for m in result.mentions if m.text == "Zug"]
    assert [m.start for m in zug] == [36]


def test_english_possessive_and_abbreviation():
    text = "China's leader met U.S. officials in Beijing before flying to Russia."
    result = geoparse(text, lang="en")
    spans = {text[m.start : m.end]: m.place.country for m in result.mentions if m.place}
    assert spans["China"] == "CN"
    assert spans["U.S."] == "US"
    assert spans["Beijing"] == "CN"


def test_generic_term_selects_the_kind():
    result = geoparse("Der Gipfel fand auf der Insel Russky statt.", lang="de")
    (mention,) = result.mentions
    assert mention.place.kind == "island"


def test_text_without_places():
    assert geoparse("Das ist ein ganz gewöhnlicher Satz ohne Ortsangabe.").mentions == ()


def test_streets_missing_from_the_gazetteer_stay_unresolved():
    text = "Der Unfall geschah in der Knoopstraße in Hamburg."
    result = geoparse(text, lang="de")
    by_text = {m.text: m for m in result.mentions}
    assert by_text["Knoopstraße"].place is None
    assert by_text["Hamburg"].place.country == "DE"


def test_foreign_surnames_are_not_places_in_german_text():
    result = geoparse("Heath sagte, Matthews habe recht gehabt.", lang="de")
    assert result.mentions == ()


def test_english_landmarks_borrowing_a_place_word():
    text = "They walked from the French Quarter to London Bridge."
    result = geoparse(text, lang="en")
    by_text = {m.text: m for m in result.mentions}
    assert by_text["French Quarter"].place is None
    assert by_text["London Bridge"].place.name == "London"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # genitives of names whose folded key is no word (Ägyptens → aegypten)
        ("Er steht an der Seite der Regierung Ägyptens im Kampf.", ["Ägyptens"]),
        ("Allein innerhalb Südafrikas leben sie.", ["Südafrikas"]),
        # an inflected well-known city is no first name before a capitalised word
        ("Berlins Regierender Bürgermeister sagte am Montag nichts.", ["Berlins"]),
        # a common noun after an adjective, and "von" as the genitive "of"
        ("An Bord wird feinstes Essen serviert.", []),
        ("Das Betreten von Zimmern mit Blick auf die Grenze war untersagt.", []),
        ("Er fuhr am Montag nach Essen.", ["Essen"]),
        # organisations: compound heads and opening words
        ("Der Schweizer Städteverband befürwortet die Reform.", []),
        ("Das sagten die Behörden gegenüber Radio Pilatus.", []),
    ],
)
def test_german_names_in_context(text, found):
    assert [m.text for m in geoparse(text, lang="de").mentions] == found


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "North Korea's leader arrived in Vladivostok. Koreans waved flags at the station.",
            "en",
            "North Korea",
        ),
        (
            "Nordkoreas Machthaber reiste nach Wladiwostok. Die koreanische Delegation folgte.",
            "de",
            "North Korea",
        ),
        (
            "North Korea and South Korea met at the border. Koreans on both sides watched.",
            "en",
            "Korean Peninsula",
        ),
    ],
)
def test_derived_form_of_a_divided_name_means_the_part_the_article_names(text, lang, expected):
    mentions = geoparse(text, lang=lang).mentions
    derived = [m for m in mentions if m.text.lower().startswith("korean")]
    assert derived and all(m.place.name == expected for m in derived)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("He grew up in Paris, Texas, and moved to Dallas.", "en", [("Paris", "US", "TX")]),
        ("Chen lived in Lexington, Massachusetts.", "en", [("Lexington", "US", "MA")]),
        ("Sie wuchs in Tiflis, Georgien, auf.", "de", [("Georgia", "GE", "")]),
        ("Born in Atlanta, Georgia.", "en", [("Georgia", "US", "GA")]),
        # A list of places is no qualification: each keeps its own best sense.
        ("Sie reist nach Paris, Berlin und London.", "de", [("Paris", "FR", "11")]),
    ],
)
def test_a_place_qualified_by_its_area_is_the_one_inside_it(text, lang, expected):
    mentions = geoparse(text, lang).mentions
    places = {(m.place.name, m.place.country, m.place.admin1) for m in mentions}
    assert set(expected) <= places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A compass compound the gazetteer lacks is shown at the place it is part of.
        ("Nicht nur in Nordhessen sitzt der Schock tief.", [("Nordhessen", "Hessen")]),
        ("Ein Großteil stammte aus Süditalien.", [("Süditalien", "Italy")]),
        # … but a name of its own stays itself, and a place's own name is no compound
        # (Mannheim is not the Isle of Man's "Mann" + heim).
        ("Er reiste nach Nordkorea und nach Südtirol.",
         [("Nordkorea", "North Korea"), ("Südtirol", "Bolzano")]),
        ("Er lernte in der Residenzstadt Mannheim eine andere Welt kennen.",
         [("Mannheim", "Mannheim")]),
        # A German compound noun after a place is no surname (Genf Atomkerne).
        ("Der Collider soll bei Genf Atomkerne zusammenstoßen lassen.", [("Genf", "Genève")]),
        # A plural country name in the dative.
        ("Er lebt in Belgien und den Niederlanden.",
         [("Belgien", "Belgium"), ("Niederlanden", "Netherlands")]),
        # Common German names of states the CLDR lists otherwise.
        ("Sie flog in die Elfenbeinküste und nach Weißrussland.",
         [("Elfenbeinküste", "Côte d’Ivoire"), ("Weißrussland", "Belarus")]),
    ],
)
def test_german_compounds_and_common_state_names(text, expected):
    found = [(m.text, m.place.name) for m in geoparse(text, lang="de").mentions if m.place]
    assert found == expected
