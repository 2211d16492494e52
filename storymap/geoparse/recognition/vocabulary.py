"""Closed word classes and place kinds that several recognition components consult.

Kept in one place so that two components never disagree about what a conjunction, a
calendar word or a "big" place is.
"""

from __future__ import annotations

from gazetteer import NameFlag
from gazetteer.normalize import normalize_token

# A name spans at most this many tokens (the longest the name walk and look-back try).
MAX_NAME_TOKENS = 6

ABBREVIATION = int(NameFlag.ABBREVIATION)
GERMAN_SPELLING = int(NameFlag.GERMAN | NameFlag.TRANSLIT_GERMAN)
# A name some source tags as the place's own (not an untagged alternate spelling).
NAMED = int(NameFlag.PREFERRED | NameFlag.GERMAN | NameFlag.ENGLISH)

GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU"})
CODE_KINDS = frozenset({"country", "admin1", "historic_country", "region"})
AREA_KINDS = frozenset({"country", "continent", "historic_country", "admin1", "admin2",
                        "region", "sea", "ocean"})
BIG_KINDS = frozenset({"country", "continent", "historic_country", "admin1", "region", "sea",
                       "ocean", "peninsula"})
# Settlements take no article in German (in Zug); rivers, mountains, seas, countries may.
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})

# Months and weekdays: "in March", "im Mai", "am Freitag" name no town March, Mai or Freitag.
CALENDAR_WORDS = {
    "de": frozenset(normalize_token(word) for word in (
        "Januar Jänner Februar März April Mai Juni Juli August September Oktober November "
        "Dezember Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag"
    ).split()),
    "en": frozenset(normalize_token(word) for word in (
        "January February March April May June July August September October November "
        "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    ).split()),
}
# Compass nouns: "im Osten Russlands" names a direction, not the village Osten.
COMPASS = frozenset("osten westen norden sueden nordosten nordwesten suedosten suedwesten "
                    "nord sued ost west "
                    "east west north south".split())
COMPASS_ADJECTIVES = frozenset(
    "northern southern eastern western central north south east west upper lower greater "
    "nord sued ost west mittel ober unter".split()
)
CONJUNCTIONS = frozenset({"und", "oder", "sowie", "and", "or"})
# "von" is also the genitive "of" (das Betreten von Zimmern), and opens noble names.
WEAK_PREPOSITIONS = frozenset({"von", "vom"})
LEG_GOALS = frozenset({"nach", "bis", "über"})  # "von X nach Y": X is where a leg starts
# Endings of a lower-case German word that may open a multiword name (koreanischen Halbinsel).
ADJECTIVE_OPENING_ENDINGS = ("isch", "ische", "ischen", "ischer", "isches", "ischem", "en", "e")
# English generic words after a name, and the local generic words the gazetteer's names use
# for such units (Primorsky region → Primorsky Krai, Hasansky district → Khasanskiy Rayon).
POST_SOVIET_GENERICS = {
    "region": ("krai", "kray", "oblast", "region"),
    "territory": ("krai", "kray", "territory"),
    "province": ("oblast", "province"),
    "district": ("rayon", "raion", "district"),
}
