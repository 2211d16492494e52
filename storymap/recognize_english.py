"""English span rules (used by ``storymap.recognize``): which words around a place name
belong to the mention, and road numbers.

English news writes the parts of a region's or unit's name as capitalised words around the
place name: a compass word before it (South Florida, West Wales, Western US) and a generic
noun after it (Hamilton County, Oaxaca State, Thames Valley, Tijuana River). The mention is
the whole name. British roads are numbered (the A417, via the A436, A40 and A429).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storymap.recognize import Tokens

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
