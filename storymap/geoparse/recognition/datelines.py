"""Datelines and words in capitals: "BOCHUM Dass …", "RIEDLINGEN - Thema Nummer eins",
"MOSKAU (dpa)". A minor town written in capitals is a place only where a dateline stands;
elsewhere a word in capitals is an agency or an acronym (TASS, not the village Tass) unless
it is a code or a major place.
"""

from __future__ import annotations

from gazetteer import Candidate
from storymap.geoparse.recognition.settings import Settings
from storymap.geoparse.recognition.tokens import Tokens, Word
from storymap.geoparse.recognition.vocabulary import (
    ABBREVIATION,
    CODE_KINDS,
    NAMED,
    SETTLEMENT_KINDS,
)

_DATELINE_MARKS = frozenset({"-", "–", "—", "(", ":", ",", "/"})


def at_dateline(doc: Tokens, i: int) -> bool:
    """Whether token ``i`` is written in capitals where a dateline stands: first in the text
    or a line, before a dash, bracket or colon or the first word of the report."""
    if not doc.words[i].all_caps:
        return False
    if not (i == 0 or "\n" in doc.gaps[i]) or i + 1 >= doc.size:
        return False
    gap = doc.gaps[i + 1]
    return gap.strip() in _DATELINE_MARKS or (gap == " " and doc.caps[i + 1])


def capitals_verdict(
    first: Word, multiword: bool, top: Candidate, settings: Settings
) -> bool | None:
    """For a name whose first word is in capitals: None when no reading stands (an agency,
    an acronym), True when it names a place only at a dateline, False when the capitals say
    nothing (a code of a country or region, a major place, or no capitals at all)."""
    if not first.all_caps or (
        (top.flags & ABBREVIATION and top.kind in CODE_KINDS)
        or (top.flags & NAMED and top.prominence >= settings.all_caps_prominence)
    ):
        return False
    # (in a dateline also by a name no source tags with a language: NIMWEGEN)
    if multiword or top.kind not in SETTLEMENT_KINDS:
        return None
    return True
