"""Component (English): which words around a place name belong to the mention, and road
numbers.

English news writes the parts of a region's or unit's name as capitalised words around the
place name: a compass word before it (South Florida, West Wales, Western US) and a generic
noun after it (Hamilton County, Oaxaca State, Thames Valley, Tijuana River). The mention is
the whole name. British roads are numbered (the A417, via the A436, A40 and A429). A
possessive is no part of a span (China's → China), the final full stop of a dotted
abbreviation is (U.S.). A place word opening a landmark's name (London Bridge, French
Quarter, Colorado State University) makes the whole name one mention.
"""

from __future__ import annotations

import re

from gazetteer.normalize import normalize_token
from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.tokens import Tokens

# Capitalised compass words that open a region's name (token keys).
COMPASS_OPENERS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest".split()
)
# Capitalised generic nouns that close a unit's name, and whether the unit is the named
# place itself (an admin unit: Hamilton County is where Hamilton's name points) or a
# feature of its own (the Mississippi River is not the state: left unresolved).
GENERIC_CLOSERS = {
    **dict.fromkeys(
        "county township state province district region parish borough municipality".split(),
        True,
    ),
    **dict.fromkeys("river valley mountains lake bay island islands canyon creek".split(), False),
}
# A British road number: A417, M25, B4632 (not an Airbus, A380, nor a paper size, A4 paper).
ROAD_CODE = re.compile(r"[ABM][1-9]\d{0,3}")
_AIRBUS = re.compile(r"A3\d\d|A400")
_PAPER = frozenset("paper sheet sheets size format".split())
_ROAD_OPENERS = frozenset({"the"})
_LIST_WORDS = frozenset({"and", "or"})
ENGLISH_STREETS = frozenset("street avenue road boulevard square lane drive".split())
# Heads of English landmark names that borrow a place word (Washington Square, French Quarter).
_LANDMARK_HEADS = ENGLISH_STREETS | frozenset(
    "quarter fields embassy consulate bridge park station airport hall church cathedral "
    "museum hotel university college school hospital stadium center centre building tower "
    "gardens market".split()
)
# Nouns of sites that end an English name opened by a place word (Colorado State University,
# Cavan Town Hall), and how many words such a name may run to after the place word.
_SITE_HEADS = frozenset(
    "university college institute academy school hospital stadium center centre hall museum "
    "cathedral church chapel castle palace prison jail theatre theater library arena airport "
    "station park gardens market tower building hotel zoo courthouse mall".split()
)
_SITE_RUN = 4
# A dotted abbreviation before its last full stop (U.S, U.K), not "U.S. Virgin Islands".
_DOTTED_END = re.compile(r"(?:^|\.)[A-Za-z]{1,2}$")


def compass_before(doc: Tokens, first: int) -> int | None:
    """The index of a capitalised compass word right before the name at ``first`` (South
    Florida), if any."""
    before = first - 1
    if (
        before < 0
        or doc.gaps[first] != " "
        or not doc.caps[before]
        or doc.words[before].all_caps != doc.words[first].all_caps
        or doc.keys[before] not in COMPASS_OPENERS
    ):
        return None
    return before


def generic_after(doc: Tokens, last: int) -> tuple[int, bool] | None:
    """The index of a capitalised generic noun right after the name ending at ``last``
    (Hamilton County), and whether the unit is the named place (see ``GENERIC_CLOSERS``)."""
    after = last + 1
    if (
        after >= doc.size
        or doc.gaps[after] != " "
        or not doc.caps[after]
        or doc.initial(after)
        or doc.words[after].all_caps != doc.words[last].all_caps
    ):
        return None
    same = GENERIC_CLOSERS.get(doc.keys[after])
    return None if same is None else (after, same)


def road_numbers(doc: Tokens, covered: set[int]) -> list[int]:
    """Tokens that are British road numbers introduced as roads: after "the" (on the
    A120, The A417), or listed after one (via the A436, A40 and A429)."""
    found: list[int] = []
    for i, spelling in enumerate(doc.spellings):
        if i in covered or not ROAD_CODE.fullmatch(spelling) or _AIRBUS.fullmatch(spelling):
            continue
        if i + 1 < doc.size and doc.keys[i + 1] in _PAPER:
            continue
        previous = i - 1
        introduced = previous >= 0 and doc.keys[previous] in _ROAD_OPENERS and doc.gaps[i] == " "
        listed = bool(found) and (
            (found[-1] == previous and doc.gaps[i].strip() == ",")
            or (found[-1] == i - 2 and doc.keys[previous] in _LIST_WORDS and doc.gaps[i] == " ")
        )
        if introduced or listed:
            found.append(i)
    return found


class EnglishSpans:
    """Component (English): possessives, abbreviations, compass words and generic nouns
    around a name, and landmark names, on the mentions found so far."""

    def __call__(self, document: Document) -> None:
        if document.lang != "en":
            return
        doc = document.tokens
        for match in document.names:
            _possessive_and_abbreviation(doc.text, match)
            _affixes(doc, match)
        for match in document.names + document.derived:
            _landmark_name(doc, match)


def _possessive_and_abbreviation(text: str, match: Recognised) -> None:
    """English spans leave out a possessive (China's → China) and keep the final full
    stop of a dotted abbreviation (U.S.)."""
    if match.text.endswith(("'s", "’s")):
        match.end -= 2
        match.text = match.text[:-2]
    elif (
        "." in match.text  # U.S → U.S., but UK stays UK at a full stop
        and _DOTTED_END.search(match.text)
        and match.end < len(text)
        and text[match.end] == "."
    ):
        match.end += 1
        match.text += "."


def _affixes(doc: Tokens, match: Recognised) -> None:
    """English names of regions and units around a place word: a compass word before it
    (South Florida, West Wales) and a generic noun after it (Hamilton County, Oaxaca
    State, Tijuana River) belong to the mention. A feature of its own (a river, a
    valley) is not the place its name borrows: left unresolved."""
    if match.derived or match.as_code or match.key.startswith("?"):
        return
    possessive = doc.text_of(match.last).endswith(("'s", "’s"))
    closer = None if possessive else generic_after(doc, match.last)
    if closer is not None:
        after, same = closer
        match.last, match.end = after, doc.ends[after]
        if not same:
            match.key = f"?{match.key} {doc.keys[after]}"
            match.candidates = ()
    opener = compass_before(doc, match.first)
    if opener is not None:
        match.first, match.start = opener, doc.starts[opener]
    match.text = doc.text[match.start : match.end]


def _landmark_name(doc: Tokens, match: Recognised) -> None:
    """"London Bridge", "French Quarter", "Russian Embassy": a place word opening the
    name of a landmark. The mention is the whole name; it stays at the city it names
    (London Bridge is in London), but is left unresolved when the word is a country or
    a people's adjective (the French Quarter is not in France)."""
    following = match.last + 1
    if following >= doc.size or doc.text_of(match.last).endswith(("'s", "’s")):
        return  # "Seoul's Jamsil Stadium": the possessor names the place
    head = None
    if (
        match.last == match.first
        and doc.keys[following] in _LANDMARK_HEADS
        and doc.caps[following]
        and doc.gaps[following] == " "
    ):
        head = following
    else:
        # "Colorado State University", "Colchester General Hospital", "Cavan Town
        # Hall": a few capitalised words ending in the noun of a site.
        index = following
        stop = min(doc.size, following + _SITE_RUN)
        while (
            index < stop
            and doc.caps[index]
            and doc.gaps[index] == " "
            and not doc.words[index].all_caps
            and not doc.initial(index)
        ):
            if doc.keys[index] in _SITE_HEADS:
                head = index
                break
            index += 1
    if head is not None:
        match.end = doc.ends[head]
        match.text = doc.text[match.start : match.end]
        match.last = head
        in_city = (
            not match.derived
            and match.candidates
            and match.candidates[0].kind in ("city", "town", "village")
        )
        if not in_city:
            match.key = f"?{normalize_token(match.text)}"
            match.place_id = None
            match.candidates = ()
        match.derived = False
