"""How German names that the gazetteer lacks are shaped: the endings of street, landmark
and settlement names, the nouns that introduce or close such names, and road codes.

A word's form is the only evidence for a place the offline gazetteer does not list; these
lists say which forms count (``words`` marks each spelling, ``unlisted`` reads them in
context).
"""

from __future__ import annotations

import re

from gazetteer.normalize import normalize_token

# Endings that make a rare capitalised German word a street or landmark name.
STREET_ENDINGS = ("strasse", "gasse", "allee", "chaussee")
# Endings of German landmark names (Stüdlhütte, Marbachsee, Kyffhäuserdenkmal) and of
# settlement names (Böckingen, Helmarshausen, Gosenbach) the gazetteer lacks. The first kind
# is taken on its form alone, like a street; the second, which surnames share (Goldberg,
# Feuerbach), only after a locative preposition or a generic noun (in Böckingen, Gemeinde
# Gosenbach).
LANDMARK_ENDINGS = (
    "platz", "damm", "ufer", "brücke", "kapelle", "kirche", "hütte", "brunnen", "denkmal",
    "see", "tal", "tals",
)
SETTLEMENT_ENDINGS = (
    "ingen", "hausen", "dorf", "stedt", "rode", "born", "kirchen", "leben", "heim", "berg",
    "burg", "bach", "feld", "stein", "weiler", "hagen", "furt", "kogel", "kopf",
)
# German mountains take an article, settlements and surnames do not: "den Kemmelberg",
# "am Stimberg", "dem Rierkogel" name a mountain (but "Goldberg sagte" a person).
MOUNTAIN_ENDINGS = ("berg", "kogel", "kopf")
MOUNTAIN_ARTICLES = frozenset("der den dem des am vom zum beim".split())
# Endings of German nouns that introduce settlements by name (die Gemeinde Pflückuff, die
# Dörfer Hokkala, Kumpula und Oikari, Kirchengemeinden Kirchborgum und Vellage).
SETTLEMENT_NOUNS = tuple(
    normalize_token(word)
    for word in (
        "gemeinde gemeinden dorf dörfer ortschaft ortschaften ortsteil ortsteile "
        "stadtteil stadtteile weiler gehöft ortsgemeinde"
    ).split()
)
# Nouns that close a German landmark name opened by a place adjective (Tegeler See,
# Gubener Straße, Lehrter Bahnhof, Viernheimer Dreieck, Weitinger Mühle).
GERMAN_LANDMARK_HEADS = frozenset(
    normalize_token(word)
    for word in (
        "Straße Strasse Landstraße Allee Chaussee Platz Weg Gasse Ring Damm Ufer Brücke Tor "
        "See Bahnhof Mühle Wald Forst Heide Moor Berg Höhe Tal Bucht Dreieck Kreuz Hütte "
        "Park Markt Kirche Kapelle Schloss Burg Stein Tunnel Kanal Hafen Friedhof"
    ).split()
)
# German road names: a motorway or federal road code (A1, B27), and road nouns a number
# follows (Bundesstraße 216); introduced by an article or preposition, or in a list of roads.
ROAD_CODE = re.compile(r"[AB][1-9]\d{0,2}")
AIRBUS = re.compile(r"A3\d\d|A400")  # aircraft types, no German motorway numbers
ROAD_NOUNS = frozenset(
    normalize_token(word)
    for word in "Autobahn Bundesstraße Bundesautobahn Landesstraße Staatsstraße".split()
)
