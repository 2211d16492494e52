"""Which role a place plays in its clause: source, goal, via, location — or none.

The role comes from the word that governs the place's noun phrase, found by walking back
from the place over the phrase's own words (articles, adjectives, classifier nouns such as
"Grenzstadt", "the border station of", part nouns such as "im Norden", "the mouth of"): a
preposition (aus, nach, über, in; from, to, via, at), or the verb itself when the place is
its direct object (verlassen, erreichen, besuchen; leave, reach, visit). A place written
after another one with a comma or "bei" is that one's locator ("Belém, Brazil", "Wiesloch
bei Heidelberg"); one joined to it by a dash continues a chain (Budapest–Wien–München);
one in a list shares the list's role (nach Mali, Niger und Äthiopien).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storymap.geoparse.mention import Mention
from storymap.journey import lexicon as lx
from storymap.journey.clauses import Token
from storymap.journey.model import GOAL, LOCATION, SOURCE, VIA

LOCATOR, CHAIN, LIST, OBJECT, ORDER = "locator", "chain", "list", "object", "order"
_QUOTES = frozenset({"(", '"', "„", "«", "“", "”", "‘", "’", "'", "»", "‚"})
_DASHES = frozenset({"-", "–", "—", "/"})
_LIST_WORDS = frozenset({",", "und", "sowie", "oder", "and", "or", "&"})
_UNITS = {"km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometern": 1.0, "kilometres": 1.0,
          "kilometers": 1.0, "miles": 1.609, "meilen": 1.609, "mi": 1.609,
          "seemeilen": 1.852, "nautical": 1.852}
# A place this far from where the clause puts the traveller is a landmark, not a stop.
_NEAR_KM = 50.0
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent",
                         "historic_country", "island", "archipelago"})
_WATERS = frozenset({"lake", "river", "sea", "ocean", "gulf", "bay", "coast",
                     "mountain_range"})
_TEMPORAL_BEFORE = frozenset({"vor"})  # "vor Hannover": before going there
_LOCATOR_WORDS = frozenset({"bei", "near", "nahe", "in", "im", "auf", "am", "an", "at", "on"})
_PLACE_KINDS = frozenset({"city", "town", "village", "country", "admin1", "island"})


@dataclass(frozen=True, slots=True)
class Found:
    """What the walk back from a place found."""

    role: str | None  # SOURCE, GOAL, VIA, LOCATION, or None
    marker: str  # the governing word (or LOCATOR, CHAIN, LIST, OBJECT, ORDER)
    link: int = -1  # for LOCATOR, CHAIN, LIST: the mention it leans on


def find_role(
    tokens: Sequence[Token],
    clause: Sequence[int],
    first: int,
    mentions: Sequence[Mention],
    lang: str,
) -> Found:
    """The governing word of the place whose first token is ``tokens[first]``."""
    position = clause.index(first) if first in clause else -1
    if position < 0:
        return Found(None, "")
    if _attribute(tokens, clause, first, lang):
        return Found(None, "attribute")
    at = position - 1
    steps = 0
    after_classifier = False
    while at >= 0 and steps < 7:
        token = tokens[clause[at]]
        low = token.low
        info = token.info
        if token.mention >= 0 and token.mention != tokens[first].mention and \
                mentions[token.mention].derived:
            at -= 1  # a place adjective inside the phrase (der südostasiatische Stadtstaat)
            steps += 1
            continue
        if token.mention >= 0 and token.mention != tokens[first].mention:
            # the previous place: how is this one joined to it?
            between = [tokens[clause[i]] for i in range(at + 1, position)
                       if tokens[clause[i]].text != "." and not _abbreviation(tokens[clause[i]])]
            joint = {t.text if not t.word else t.low for t in between}
            if between and joint <= _DASHES | {" "}:
                return Found(None, CHAIN, token.mention)
            if between and joint & {"bei", "near", "nahe"}:
                return Found(None, LOCATOR, token.mention)  # Wiesloch bei Heidelberg
            if between and joint & {"in", "im", "auf", "am", "an", "at", "on", "("} and \
                    _coarser(mentions[tokens[first].mention], mentions[token.mention]):
                return Found(None, LOCATOR, token.mention)
            if between and between[0].text in (",", "(") and \
                    _coarser(mentions[tokens[first].mention], mentions[token.mention]):
                return Found(None, LOCATOR, token.mention)
            governing = between[-1] if between else None
            if governing is not None and governing.info.role and governing.low in \
                    _LOCATOR_WORDS and _coarser(mentions[token.mention],
                                                mentions[tokens[first].mention]):
                return Found(governing.info.role, governing.low)  # "in Australia in Sydney"
            if between and joint & _LIST_WORDS:
                own = _own_preposition(between)
                if own is not None:
                    return own
                return Found(None, LIST, token.mention)
            return Found(None, "")
        if token.text == ")":  # skip a bracketed aside: "überquerte er (ohne …) die Strasse"
            opening = next((i for i in range(at - 1, -1, -1) if tokens[clause[i]].text == "("),
                           None)
            if opening is not None:
                at = opening - 1
                steps += 1
                continue
        if token.text == "." and at > 0 and _abbreviation(tokens[clause[at - 1]]):
            at -= 2  # "Bln. Schönefeld", "Frankfurt/M.": an abbreviation inside the phrase
            steps += 1
            continue
        if not token.word or token.low in _LIST_WORDS:
            if token.text in _QUOTES or token.text in _DASHES:
                at -= 1
                steps += 1
                continue
            if token.low in _LIST_WORDS:  # a list or an apposition: look for the place before
                listed = _list_link(tokens, clause, at)
                if listed is not None:
                    at = listed
                    continue
            return Found(None, "")
        if info.role is not None and at > 0 and tokens[clause[at - 1]].mention >= 0 and \
                low in _LOCATOR_WORDS and not mentions[tokens[clause[at - 1]].mention].derived:
            at -= 1  # "Wiesloch bei Heidelberg", "List auf Sylt": see how it joins the place
            continue
        if info.role is not None and at > 1 and low in _LOCATOR_WORDS and \
                tokens[clause[at - 1]].info.flags & lx.CLASSIFIER and \
                tokens[clause[at - 2]].mention >= 0 and _coarser(
                    mentions[tokens[first].mention], mentions[tokens[clause[at - 2]].mention]):
            return Found(None, LOCATOR, tokens[clause[at - 2]].mention)  # the X area in Y
        if info.role is not None:
            role = info.role
            if not role:
                return Found(None, low)
            if low in ("from", "von") and at > 0 and tokens[clause[at - 1]].low in _UNITS and \
                    not any(tokens[i].low in ("to", "nach", "bis") for i in clause[position:]):
                return Found(None, "distance")  # "10 kms from X"; not "6,300 miles from A to B"
            if low == "von" and at > 0 and _of_a_noun(tokens, clause, at):
                return Found(None, "von (of)")  # die Regierung von Oberbayern
            if low in ("von", "of") and at > 0:
                before = tokens[clause[at - 1]]
                if before.info.flags & lx.DIRECTION:
                    return _direction(tokens, clause, at - 1, low)
                if before.info.flags & (lx.CLASSIFIER | lx.PART) and low == "von":
                    at -= 2
                    steps += 2
                    after_classifier = True
                    continue
            if low in ("of",) and after_classifier:
                at -= 1
                steps += 1
                continue
            if low in _TEMPORAL_BEFORE and lang == "de" and position == at + 1 and \
                    mentions[tokens[first].mention].place is not None and \
                    mentions[tokens[first].mention].place.kind in _PLACE_KINDS:
                return Found(None, ORDER)
            if role == LOCATION and lang == "de" and low in ("in", "auf", "an") and \
                    at + 1 < len(clause) and tokens[clause[at + 1]].info.flags & lx.ACCUSATIVE \
                    and tokens[clause[at + 1]].low != "den":
                role = GOAL  # in die Ukraine, auf die Insel
            if low in ("aus", "from") and at > 0 and tokens[clause[at - 1]].info.flags & \
                    lx.MOVER and not tokens[clause[at - 1]].info.predicates:
                return Found(None, "attribute")  # die Passagiere aus Fuerteventura
            if low == "richtung" and at > 0 and tokens[clause[at - 1]].low == "in":
                low = "in Richtung"
            if at > 0 and tokens[clause[at - 1]].low in ("bis", "as") and role in (GOAL,
                                                                                LOCATION):
                return Found(GOAL, "bis")  # bis nach Neuseeland, bis in den Süden: the end
            return Found(role, low)
        if low == "of":
            at -= 1
            steps += 1
            after_classifier = True
            continue
        if info.flags & lx.DIRECTION and lang == "en" and at + 1 < len(clause) and \
                tokens[clause[at + 1]].low == "of":
            return _direction(tokens, clause, at, "of")
        if info.flags & (lx.DET | lx.CLASSIFIER | lx.PART | lx.FACILITY) or token.text.isdigit():
            after_classifier = bool(info.flags & (lx.CLASSIFIER | lx.PART))
            at -= 1
            steps += 1
            continue
        if info.predicates and not (token.cap and lang == "de" and not
                                    any(p.noun for p in info.predicates)):
            return Found(None, OBJECT)
        if not token.cap and not info.flags and info.role is None:
            at -= 1  # an adjective (die griechische Insel, the small island)
            steps += 1
            continue
        if token.cap and lang == "en" and not info.flags:
            at -= 1  # Portuguese, Hawaiian
            steps += 1
            continue
        # a noun that ends a phrase before the place: the place is the verb's own argument
        return Found(None, OBJECT)
    if at < 0:
        return Found(None, OBJECT)
    return Found(None, "")


def _attribute(tokens: Sequence[Token], clause: Sequence[int], first: int, lang: str) -> bool:
    """A place in the genitive before a noun belongs to that noun (Nordkoreas Machthaber,
    Russlands Präsident, Alaska's Yukon Delta): it plays no role of its own."""
    number = tokens[first].mention
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].mention == number:
        last += 1
    word = tokens[last]
    if lang == "en":
        return word.low.endswith(("'s", "’s"))
    if not word.low.endswith("s") or last + 1 >= len(tokens):
        return False
    nxt = tokens[last + 1]
    return nxt.word and nxt.cap and nxt.mention < 0 and not nxt.info.flags & lx.DET


def _of_a_noun(tokens: Sequence[Token], clause: Sequence[int], at: int) -> bool:
    """German "von" after a plain noun means "of" (die Regierung von Oberbayern, die
    Vorstädte von Wien), unless a goal follows (die Fahrt … von Mannheim nach Pforzheim)."""
    before = tokens[clause[at - 1]]
    if not (before.word and before.cap and before.mention < 0) or before.info.predicates or \
            before.info.flags & (lx.CLASSIFIER | lx.PART | lx.DIRECTION):
        return False
    return not any(tokens[i].low in ("nach", "bis") for i in clause[at + 1:])


def _abbreviation(token: Token) -> bool:
    """A short word without a vowel (Bln, Hbf, M): an abbreviation, as in text.py."""
    return token.word and len(token.text) <= 4 and not any(
        ch in "aeiouyäöüAEIOUYÄÖÜ" for ch in token.text)


def _list_link(tokens: Sequence[Token], clause: Sequence[int], at: int) -> int | None:
    """The clause position of the place a list word or comma follows (within two words:
    "Aleuten und Japan", "Singapur sowie Australien", "Belém, Brazil"), or of the classifier
    a name is in apposition to ("the capital, Kuala Lumpur")."""
    for back in range(1, 3):
        spot = at - back
        if spot < 0:
            return None
        token = tokens[clause[spot]]
        if token.mention >= 0:
            return spot
        if back == 1 and tokens[clause[at]].text == "," and token.info.flags & lx.CLASSIFIER:
            return spot
        if token.word and not token.info.flags & lx.DET and token.low not in _LIST_WORDS:
            return None
    return None


def _own_preposition(between: Sequence[Token]) -> Found | None:
    """"Thailand, Taiwan … und auf den Philippinen": the last member's own preposition."""
    for token in reversed(between):
        if token.info.role:
            return Found(token.info.role, token.low)
        if token.low in _LIST_WORDS or not token.word:
            return None
    return None


def _direction(tokens: Sequence[Token], clause: Sequence[int], at: int, word: str) -> Found:
    """"südöstlich von Madrid", "4 km nördlich von Los Barrios", "440 miles north of
    Honolulu": near the place when close, no role when the distance makes it a landmark."""
    km = _distance_before(tokens, clause, at)
    if km is not None and km > _NEAR_KM:
        return Found(None, "far " + tokens[clause[at]].low)
    return Found(LOCATION, f"{tokens[clause[at]].low} {word}")


def _distance_before(tokens: Sequence[Token], clause: Sequence[int], at: int) -> float | None:
    """The distance in km written before a compass word (rund 150 km, 440 miles)."""
    for back in range(1, 4):
        spot = at - back
        if spot < 0:
            return None
        token = tokens[clause[spot]]
        factor = _UNITS.get(token.low)
        if factor is not None and spot > 0:
            number = tokens[clause[spot - 1]].text.replace(",", "").replace(".", "")
            if number.isdigit():
                return float(number) * factor
            return None
    return None


def _coarser(mention: Mention, other: Mention) -> bool:
    """Whether ``mention``'s place is an area that holds ``other``'s (Brazil after Belém)."""
    place, base = mention.place, other.place
    if place is None or base is None:
        return False
    if place.kind in _WATERS and base.kind not in _WATERS:
        return True  # Rüschlikon am Zürichsee, Vevey am Genfersee
    if base.kind == "building" and place.kind in ("city", "town", "village"):
        return True  # Keflavik Airport in Reykjavík
    if place.kind not in _AREA_KINDS:
        return False
    if place.kind == "country" or place.kind == "historic_country":
        return place.country == base.country and base.kind != "country"
    if place.kind in ("admin1", "admin2"):
        return place.country == base.country and base.kind not in ("country", "admin1")
    from gazetteer.geo import haversine_km

    return haversine_km(place.lat, place.lon, base.lat, base.lon) < 400 and \
        base.kind not in _AREA_KINDS


def fit(role: str | None, kind: str, object_role: str | None, noun: bool = False
        ) -> str | None:
    """A preposition's role as the predicate reads it: arriving "in X" reaches X, leaving
    "in X" starts there, passing "in X" goes through it."""
    if role == LOCATION and object_role is None:
        if kind in ("arrive", "finish"):
            return GOAL
        if kind == "depart":
            return SOURCE
        if kind == "pass":
            return VIA
    if role == GOAL and kind == "visit" and noun:
        return LOCATION  # "his visit to China"
    if role in (SOURCE, GOAL) and kind in ("visit", "venue"):
        return None  # "Menschen aus Syrien begrüßt", "met by the Ambassador to North Korea"
    return role


__all__ = ["CHAIN", "GOAL", "LIST", "LOCATION", "LOCATOR", "OBJECT", "ORDER", "SOURCE", "VIA",
           "Found", "find_role", "fit"]
