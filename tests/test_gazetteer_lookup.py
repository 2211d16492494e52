"""Correctness of the embedded gazetteer on names German and English news use."""

import pytest

from gazetteer import Gazetteer, NameFlag
from gazetteer.geo import haversine_km


def top(gazetteer: Gazetteer, name: str, lang: str | None = "de"):
    candidates = gazetteer.lookup(name, lang=lang)
    assert candidates, f"{name!r} not found"
    return candidates[0]


@pytest.mark.parametrize(
    ("name", "lat", "lon", "kind"),
    [
        ("Wladiwostok", 43.106, 131.874, "city"),
        ("Pjöngjang", 39.034, 125.754, "city"),
        ("Moskau", 55.752, 37.616, "city"),
        ("Peking", 39.908, 116.397, "city"),
        ("München", 48.137, 11.575, "city"),
        ("Nordkorea", 40.34, 127.51, "country"),
        ("Russland", 61.5, 100.0, "country"),
        ("Südkorea", 35.9, 127.8, "country"),
        ("Vereinigte Staaten", 39.0, -98.0, "country"),
        ("USA", 39.0, -98.0, "country"),
        ("Chabarowsk", 48.48, 135.08, "city"),
        ("Nowosibirsk", 55.04, 82.93, "city"),
        ("Tscheljabinsk", 55.15, 61.43, "city"),
        ("Koreanische Halbinsel", 38.6, 127.5, "peninsula"),
        ("Naher Osten", 33.1, 35.9, "region"),
        ("Japanisches Meer", 40.7, 135.2, "sea"),
        ("Ostsee", 56.0, 18.0, "sea"),
        ("Bayern", 49.0, 11.4, "admin1"),
        ("Kalifornien", 37.17, -119.45, "admin1"),
        ("Tessin", 46.3, 8.8, "admin1"),
        ("Sowjetunion", 61.5, 105.3, "historic_country"),
        ("Afrika", 7.0, 20.0, "continent"),
    ],
)
def test_german_names_resolve_first_to_the_right_place(gazetteer, name, lat, lon, kind):
    best = top(gazetteer, name)
    assert best.kind == kind, best
    limit = 1200 if kind in ("country", "region", "continent", "historic_country", "sea") else 60
    assert haversine_km(best.lat, best.lon, lat, lon) < limit, best


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Vladivostok", "RU", "city"),
        ("Pyongyang", "KP", "city"),
        ("Beijing", "CN", "city"),
        ("Korean Peninsula", "", "peninsula"),
        ("Middle East", "", "region"),
        ("Sea of Japan", "", "sea"),
        ("Baltic Sea", "", "sea"),
        ("North Korea", "KP", "country"),
        ("Bavaria", "DE", "admin1"),
        ("Georgia", "GE", "country"),
    ],
)
def test_english_names(gazetteer, name, country, kind):
    best = top(gazetteer, name, lang="en")
    assert (best.country, best.kind) == (country, kind), best


def test_peking_means_beijing_not_poecking(gazetteer):
    names = [c.name for c in gazetteer.lookup("Peking", lang="de")]
    assert names[0] == "Beijing"
    assert "Pöcking" not in names[:1]


def test_georgia_also_offers_the_us_state(gazetteer):
    candidates = gazetteer.lookup("Georgia", lang="en")
    assert {(c.country, c.kind) for c in candidates[:3]} >= {("GE", "country"), ("US", "admin1")}


def test_transliterated_spelling_finds_the_russian_village(gazetteer):
    candidates = gazetteer.lookup("Chassan", lang="de")
    khasan = [c for c in candidates if c.country == "RU"]
    assert khasan and haversine_km(khasan[0].lat, khasan[0].lon, 42.43, 130.64) < 10
    assert khasan[0].flags & NameFlag.TRANSLIT_GERMAN


def test_historic_countries_have_german_names(gazetteer):
    for name in ("DDR", "Jugoslawien", "UdSSR", "Tschechoslowakei"):
        assert top(gazetteer, name).kind == "historic_country", name


def test_unknown_name_returns_nothing(gazetteer):
    assert gazetteer.lookup("Xqzzyvillebergstadt") == []
    assert gazetteer.lookup("") == []
    assert "Xqzzyvillebergstadt" not in gazetteer


def test_get_returns_the_full_entry(gazetteer):
    vladivostok = top(gazetteer, "Wladiwostok")
    place = gazetteer.get(vladivostok.id)
    assert place is not None and place.id == "gn:2013348"
    assert "Wladiwostok" in place.names["de"]
    assert place.source_ids["geonames"] == "2013348"
    assert place.source_ids["wikidata"] == "Q959"
    assert gazetteer.get("gn:0") is None


def test_near_finds_places_around_a_point(gazetteer):
    around = gazetteer.near(43.106, 131.874, 30.0)
    assert around[0][1].name == "Vladivostok"
    assert all(distance <= 30.0 for distance, _ in around)
    assert [d for d, _ in around] == sorted(d for d, _ in around)
    islands = gazetteer.near(43.0, 131.85, 50.0, kinds={"city", "town", "village"})
    assert any(c.name == "Russkiy" for _, c in islands)


def test_near_across_the_antimeridian(gazetteer):
    # Anadyr region / Chukotka straddles 180°: places on both sides are found.
    around = gazetteer.near(65.0, 179.9, 400.0)
    assert any(c.lon > 0 for _, c in around) and any(c.lon < 0 for _, c in around)


def test_scan_finds_longest_names_on_word_boundaries(gazetteer):
    text = "Kim reiste von Pjöngjang über die Koreanische Halbinsel nach Komsomolsk am Amur."
    found = {text[m.start : m.end] for m in gazetteer.scan(text)}
    assert {"Pjöngjang", "Koreanische Halbinsel", "Komsomolsk am Amur"} <= found
    assert "Amur" not in found  # covered by the longer match


def test_scan_overlapping_reports_shorter_names_too(gazetteer):
    text = "Komsomolsk am Amur"
    spans = {text[m.start : m.end] for m in gazetteer.scan(text, overlapping=True)}
    assert {"Komsomolsk am Amur", "Amur"} <= spans


def test_scan_never_matches_inside_a_word(gazetteer):
    for match in gazetteer.scan("Russlandbild Wladiwostoker"):
        assert match.key not in ("russland", "wladiwostok")
