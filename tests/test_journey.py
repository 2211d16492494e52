"""Journey inference: stops, their chronological order, the origin."""

from dataclasses import replace

from storymap.geoparse import geoparse
from storymap.journey import infer_journey
from storymap.story.build import build_story
from tests.conftest import REPO

ARTICLE = (REPO / "examples" / "kim-wladiwostok-2019.txt").read_text(encoding="utf-8")


def names(text: str, lang: str = "auto") -> list[str]:
    return [stop.place.name for stop in infer_journey(geoparse(text, lang=lang)).stops]


def test_reference_article_route_in_chronological_order(gazetteer):
    # Told out of order: arrival in Wladiwostok first, the earlier border crossing in the
    # pluperfect ("hatte zunächst … betreten"), the summit venue as a plan ("soll …
    # stattfinden"); the origin is the traveller's capital named in the text.
    assert names(ARTICLE) == ["Pyongyang", "Khasan", "Vladivostok", "Russky Island"]


def test_build_story_uses_the_inferred_route_unless_one_is_given(gazetteer):
    story = build_story(ARTICLE)
    assert [story.place(i).label for i in story.route] == [
        "Pjöngjang", "Chassan", "Wladiwostok", "Insel Russky",
    ]
    given = build_story(ARTICLE, route=["Peking", "Wladiwostok"])
    assert [given.place(i).label for i in given.route] == ["Peking", "Wladiwostok"]


def test_weekdays_order_the_stops_and_an_overview_list_does_not():
    text = (
        "Die Kanzlerin reist bis Dienstag nach Mali, Niger und Äthiopien. "
        "Am Sonntag trifft sie in Bamako den Präsidenten.\n\n"
        "Am Montag reist sie weiter nach Niamey. Danach fliegt sie nach Addis Abeba."
    )
    assert names(text, "de") == ["Bamako", "Niamey", "Addis Ababa"]


def test_english_departure_and_destination(gazetteer):
    text = (
        "The train left the border station of Hasan on Wednesday and is heading toward "
        "Ussuriysk. Then it will continue to Vladivostok."
    )
    assert names(text, "en") == ["Khasan", "Ussuriysk", "Vladivostok"]


def test_no_journey_no_route(gazetteer):
    text = "In Zug und Luzern sinken die Steuern. Die Schweiz diskutiert über die Reform."
    assert names(text, "de") == []


def test_places_only_talked_about_are_not_stops(gazetteer):
    text = (
        "Kim ist am Mittwoch in Wladiwostok eingetroffen. Peking gilt als wichtigster "
        "Verbündeter. Moskau und Pjöngjang verbindet eine lange Geschichte."
    )
    assert "Beijing" not in names(text, "de") and "Moscow" not in names(text, "de")


def test_travel_modes_per_leg(gazetteer):
    journey = infer_journey(geoparse(ARTICLE))
    # Kim travels by train ("meist Zug fährt", "Sonderzug"); the summit venue is no train leg.
    assert journey.modes == ("train", "train", None)
    flight = infer_journey(
        geoparse("Merkel flog am Montag nach Bamako. Am Dienstag landete sie in Niamey.", "de")
    )
    assert flight.modes == ("plane",)


def test_stopover_before_arrival_and_a_written_chain(gazetteer):
    text = (
        "Nach ihrem Zwischenstopp in Wien sind am Montagabend Züge mit Flüchtlingen in "
        "München angekommen. Eine in Salzburg in den Zug zugestiegene Helferin erzählte von "
        "der Fahrt.\n\nAm Abend kamen drei Züge der Verbindung Budapest–Wien–München an."
    )
    assert names(text, "de") == ["Budapest", "Vienna", "Salzburg", "Munich"]
    english = "After a stopover in Vienna, the trains arrived in Munich on Monday."
    assert names(english, "en") == ["Vienna", "Munich"]


def test_equal_stops_are_not_zig_zagged_but_then_keeps_the_text_order(gazetteer):
    text = (
        "Die Züge fuhren in Wien los. Die Züge sind in München angekommen. "
        "Die Züge sind in Salzburg angekommen."
    )
    assert names(text, "de") == ["Vienna", "Salzburg", "Munich"]
    text = (
        "Die Züge fuhren in Wien los und sind in München angekommen. "
        "Dann fuhren sie nach Salzburg."
    )
    assert names(text, "de") == ["Vienna", "Munich", "Salzburg"]


def test_the_border_crossed_names_the_origin(gazetteer):
    text = (
        "Kims Zug soll am Montag die nordkoreanisch-chinesische Grenze überquert haben und "
        "wird nun in Peking erwartet. In der Grenzstadt Dandong ist der Zug eingetroffen."
    )
    assert names(text, "de")[0] == "North Korea"


def test_the_geoparser_tokens_and_a_fresh_scan_give_the_same_journey(gazetteer):
    # Journey inference reads the words the geoparser split; a result built without them
    # (another geocoder, an older caller) falls back to scanning the text itself.
    result = geoparse(ARTICLE)
    assert result.word_spellings
    bare = replace(result, word_starts=(), word_spellings=())
    with_tokens, scanned = infer_journey(result), infer_journey(bare)
    assert with_tokens.place_ids == scanned.place_ids
    assert with_tokens.modes == scanned.modes == ("train", "train", None)
    assert [s.sentences for s in with_tokens.stops] == [s.sentences for s in scanned.stops]


def test_a_region_framing_the_trip_is_no_stop_and_a_return_is_one():
    text = (
        "Der Kanzler ist am Montag zu einer Reise nach Westafrika aufgebrochen. Erste Station "
        "ist die Hauptstadt Dakar. Anschließend fliegt er weiter nach Niamey.\n\n"
        "Am Mittwochabend kehrt er nach Berlin zurück."
    )
    assert names(text, "de") == ["Dakar", "Niamey", "Berlin"]


def test_a_refugee_route_with_islands_ferries_and_stations():
    text = (
        "Als Ahmad 2015 aus Aleppo floh, ahnte er nicht, wie lang der Weg werden würde. Über "
        "die Türkei erreichte er die griechische Insel Lesbos, von dort ging es mit der Fähre "
        "nach Piräus.\n\nÜber Wien kam er schließlich am Münchner Hauptbahnhof an."
    )
    # A country passed through ("Über die Türkei") is a waypoint, as the journeys corpus
    # annotates passages (Japan in d05, Fiji in e08).
    assert names(text, "de") == ["Aleppo", "Türkiye", "Lesbos", "Piraeus", "Vienna", "Munich"]


def test_an_english_shuttle_trip_in_order():
    text = (
        "Secretary of State Antony Blinken landed in Tel Aviv on Thursday. He had flown in "
        "from Amman, where he met King Abdullah II. After talks in Jerusalem, Blinken will "
        "travel to Ramallah and then on to Cairo before returning to Washington on Sunday."
    )
    assert names(text, "en") == [
        "Amman", "Tel Aviv", "Jerusalem", "Ramallah", "Cairo", "Washington",
    ]
