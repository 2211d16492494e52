"""Index keys of a place: every name it has, normalised, with flags saying where it came from.

Cyrillic names also yield their German and English transliterations (Хасан → Chassan,
Khasan, Hasan), so that a text's spelling is found even when no source lists it.
"""

from __future__ import annotations

import re

from gazetteer import translit
from gazetteer.build.records import UNTAGGED, PlaceRecord
from gazetteer.model import NameFlag
from gazetteer.normalize import normalize, umlaut_free_variant

MAX_KEY_LENGTH = 80
_CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg"}
# Countries whose places German and English news spell by transliterating a Cyrillic
# (usually Russian) name: Slavic countries, Mongolia, and the former Soviet republics
# (Taschkent, Duschanbe). Elsewhere a Cyrillic name is itself a transliteration (Цу for
# Tsu, Japan) and transliterating it back would only invent spellings.
TRANSLITERATED_COUNTRIES = frozenset(
    {"RU", "UA", "BY", "BG", "KZ", "KG", "TJ", "TM", "UZ", "MN", "AZ", "AM", "GE", "MD"}
)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")
# Qualifiers that tell same-named towns apart and that everyday usage drops:
# Immenstadt im Allgäu, Frankfurt am Main, Rothenburg ob der Tauber, Halle (Saale).
_QUALIFIER = re.compile(
    r"\s+(?:im|in der|in|am|an der|an den|ob der|auf der|bei|vor der|upon|on|sur|sul|del)\s+\S.*$"
)


def _language_flag(language: str) -> NameFlag:
    if language == "de":
        return NameFlag.GERMAN
    if language == "en":
        return NameFlag.ENGLISH
    if language == UNTAGGED:
        return NameFlag.NONE
    return NameFlag.OTHER_LANGUAGE


def _add(keys: dict[str, NameFlag], name: str, flags: NameFlag) -> None:
    key = normalize(name)
    if key and len(key) <= MAX_KEY_LENGTH:
        keys[key] = keys.get(key, NameFlag.NONE) | flags
    variant = umlaut_free_variant(name)
    if variant and len(variant) <= MAX_KEY_LENGTH:
        keys[variant] = keys.get(variant, NameFlag.NONE) | flags | NameFlag.VARIANT
    if "(" in name:
        bare = _PARENTHESIS.sub(" ", name).strip()
        bare_key = normalize(bare)
        if bare_key and bare_key != key:
            keys[bare_key] = keys.get(bare_key, NameFlag.NONE) | flags | NameFlag.VARIANT


def _add_transliterations(keys: dict[str, NameFlag], name: str, language: str) -> None:
    if not translit.is_cyrillic(name):
        return
    rules = language if language in _CYRILLIC_LANGUAGES else translit.guess_language(name)
    _add(keys, translit.to_german(name, rules), NameFlag.TRANSLIT_GERMAN)
    _add(keys, translit.to_english(name, rules), NameFlag.TRANSLIT_ENGLISH)
    for variant in translit.news_variants(name, rules):
        _add(keys, variant, NameFlag.TRANSLIT_ENGLISH)


def place_keys(place: PlaceRecord) -> dict[str, NameFlag]:
    """All index keys of ``place`` with their combined flags."""
    keys: dict[str, NameFlag] = {}
    transliterate = place.country in TRANSLITERATED_COUNTRIES
    _add(keys, place.name, NameFlag.PREFERRED)
    for name in (place.name, *place.names.get("de", ())[:1]):
        short = _PARENTHESIS.sub(" ", _QUALIFIER.sub("", name)).strip()
        if short and short != name and place.kind in ("city", "town", "village"):
            _add(keys, short, NameFlag.PREFERRED | NameFlag.VARIANT)
    for language, names in place.names.items():
        flag = _language_flag(language)
        for name in names:
            _add(keys, name, flag)
            if transliterate and (language in _CYRILLIC_LANGUAGES or language == UNTAGGED):
                _add_transliterations(keys, name, language)
    for abbreviation in place.abbreviations:
        _add(keys, abbreviation, NameFlag.ABBREVIATION)
    return keys
