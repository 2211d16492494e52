"""German compounds: a place opening a closed compound (Russlandbild, Afrikareise), a city
joined to its district by a hyphen (Berlin-Mitte, Düsseldorf-Gerresheim), and the test that
a word is a compound of a common noun rather than a name (Residenzstadt, Kapazitätsgründen).
"""

from __future__ import annotations

from functools import lru_cache

from gazetteer.geo import haversine_km
from gazetteer.normalize import normalize_token
from storymap.geoparse.lexicon.nouns import NounClass, noun_classes
from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.lookups import Lookups
from storymap.geoparse.recognition.shapes import SETTLEMENT_ENDINGS
from storymap.geoparse.recognition.tokens import Tokens, hyphen_joined
from storymap.geoparse.recognition.vocabulary import (
    ABBREVIATION,
    BIG_KINDS,
    NAMED,
    SETTLEMENT_KINDS,
)
from storymap.geoparse.words import zipf

# How common the last part of a German word must be for the word to count as a compound
# noun (Stadt, Kerne), not a name.
NOUN_TAIL_ZIPF = 3.3
# ... and how common it must be to count without a dictionary's word that it is a noun.
_COMMON_TAIL_ZIPF = 4.0
# A hyphen joins a city to its district (Berlin-Mitte) when the district lies this close,
# or when the tail is a word this rare (Düsseldorf-Gerresheim) and no common noun.
_DISTRICT_KM = 30.0
_DISTRICT_MAX_ZIPF = 2.5


def compound_noun(key: str) -> bool:
    """A German closed compound ending in a common noun (Residenzstadt, Atomkerne): a
    noun, not a person's name, however rare the whole word is."""
    return any(
        zipf(key[cut:], "de") >= NOUN_TAIL_ZIPF for cut in range(3, len(key) - 3)
    )


@lru_cache(maxsize=4096)
def noun_compound(word: str) -> bool:
    """A German closed compound ending in a common noun of four letters or more (aus
    Kapazitätsgründen): a noun, not a name. An ending that settlement names share (Dorf,
    Bach, Furt: Pfrondorf, Burgsteinfurt) or a frequent foreign word (Sobotovice) is none."""
    lower = word.lower()
    for cut in range(3, len(word) - 3):
        tail = lower[cut:]
        if tail in SETTLEMENT_ENDINGS:
            continue
        frequency = zipf(tail, "de")
        if frequency >= NOUN_TAIL_ZIPF and (
            frequency >= _COMMON_TAIL_ZIPF or NounClass.COMMON in noun_classes(tail.capitalize())
        ):
            return True
    return False


def _ends_in_noun(word: str) -> bool:
    """Whether the word is a German common noun or ends in one of five letters or more
    (Qualifikations|turniere); shorter endings are name parts too (Gerres|heim)."""
    return any(
        NounClass.COMMON in noun_classes(word[cut:].capitalize() if cut else word)
        for cut in range(len(word) - 4)
    )


def surface_length(surface: str, head_key: str) -> int | None:
    """How many characters of ``surface`` spell the normalised ``head_key``."""
    for length in range(1, len(surface)):
        folded = normalize_token(surface[:length])
        if folded == head_key:
            return length
        if len(folded) > len(head_key):
            return None
    return None


def compound_split(
    lookups: Lookups, key: str, text: str, lang: str
) -> tuple[int, str, str | None] | None:
    """A place name opening a closed compound (Russlandbild, Afrikareise, Sowjetstaaten):
    (characters of ``text``, key, lexicon place id) of that part, or None."""
    if len(key) > 40:
        return None  # no real compound is this long; trying every cut would be quadratic
    if lookups.key_facts(key)[0]:
        return None  # a place's own name (Mannheim is no compound of Mann)
    for cut in range(len(key) - 3, 2, -1):
        head, rest = key[:cut], key[cut:]
        if rest.startswith("s") and len(rest) > 4 and zipf(rest[1:], lang) >= 3.0:
            rest = rest[1:]
        elif zipf(rest, lang) < 3.0:
            continue
        stem = lookups.lexicon.stem(head, lang)
        place_id = stem.place_id if stem is not None else None
        if place_id is None:
            if len(head) < 4:
                continue
            candidates = lookups.candidates(head, lang)
            if (
                not candidates
                or candidates[0].kind not in BIG_KINDS
                or candidates[0].flags == ABBREVIATION
                or not candidates[0].flags & NAMED
            ):
                continue
        length = surface_length(text, head)
        if length is None:
            continue
        return length, head, place_id
    return None


class CityDistricts:
    """Component (German): "Berlin-Mitte", "Düsseldorf-Gerresheim" — a city joined by a
    hyphen to one of its districts is one mention of the district, or of the city when the
    gazetteer does not know the district; the district's own reading then gives way."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def __call__(self, doc: Document) -> None:
        if doc.lang != "de":
            return
        districts = [m for m in doc.names if self.joined(doc.tokens, m)]
        if districts:
            tails = {m.last for m in districts}
            doc.names = [
                m for m in doc.names
                if m in districts or not tails.intersection(range(m.first, m.last + 1))
            ]

    def joined(self, doc: Tokens, match: Recognised) -> bool:
        """Whether ``match`` continues into a district (and extend it when so). The tail is
        a district when the gazetteer has a place of that name near the city, or when it is
        a rare word that is no common noun (not "Berlin-Besuch", and not "Berlin-Moskau",
        whose tail is a place of its own far away)."""
        tail = match.last + 1
        if (
            not match.derived
            or match.last != match.first
            or tail >= doc.size
            or not hyphen_joined(doc.gaps[tail])
            or not match.candidates
            or match.candidates[0].kind not in SETTLEMENT_KINDS
            or match.candidates[0].prominence < self.lookups.settings.compound_prominence
        ):
            return False
        word = doc.words[tail]
        if not word.capitalised or word.all_caps or doc.words[match.first].all_caps:
            return False
        if tail + 1 < doc.size and hyphen_joined(doc.gaps[tail + 1]):
            return False  # Berlin-Mitte-Besuch, Rhein-Main-Neckar
        city = match.candidates[0]
        places = self.lookups.candidates(word.key, "de")
        if places:
            near = tuple(
                place for place in places
                if haversine_km(city.lat, city.lon, place.lat, place.lon) <= _DISTRICT_KM
            )
            if not near:
                return False
            match.candidates = near
            match.key = f"{match.key} {word.key}"
        elif zipf(word.text, "de") >= _DISTRICT_MAX_ZIPF or _ends_in_noun(word.text):
            return False  # a compound noun: Berlin-Besuch, Olympia-Qualifikationsturniere
        match.derived = False
        match.last = tail
        match.end = doc.ends[tail]
        match.text = doc.text[match.start : match.end]
        return True
