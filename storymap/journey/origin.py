"""Where a journey came from when the text says so only indirectly.

- "die nordkoreanisch-chinesische Grenze überquert", "crossed the X–Y border": X.
- A traveller with a home ("Nordkoreas Machthaber", "North Korean leader") who enters
  another country ("russischen Boden betreten", "die Grenze überquert", a border town as
  the first stop) came from home: from its capital when the text names it, else from the
  country. Without such an entry nothing is added: a capital the text names only in
  passing ("warm relations with Moscow") is no origin.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from gazetteer import Candidate, Gazetteer
from storymap.geoparse.mention import Mention
from storymap.journey.model import Event

_TITLES = {
    "de": ("machthaber", "präsident", "präsidentin", "kanzlerin", "kanzler", "staatschef",
           "regierungschef", "diktator", "premierminister", "außenminister", "könig",
           "königin", "staatsoberhaupt", "ministerpräsident"),
    "en": ("leader", "president", "chancellor", "prime", "minister", "dictator", "king",
           "queen", "head"),
}
_BORDER = re.compile(r"\b(grenze|grenzstadt|grenzstation|grenzübergang|boden|border)\w*",
                     re.IGNORECASE)
_ENTRY = frozenset({"pass", "arrive"})


def home_country(mentions: Sequence[Mention], text: str, lang: str) -> str | None:
    """The traveller's country: the one named right before a leader's title."""
    titles = _TITLES[lang]
    for mention in mentions:
        if mention.place is None or mention.place.kind != "country":
            continue
        after = text[mention.end: mention.end + 40].lower().split()[:2]
        if any(word.strip(".,") in titles for word in after):
            return mention.place.country
    return None


def crossed_border(events: Sequence[Event], text: str) -> bool:
    """Whether one of the events enters a country or crosses a border."""
    for event in events:
        if event.kind not in _ENTRY:
            continue
        start, end = event.clause
        if _BORDER.search(text, start, end):
            return True
    return False


def border_origin(mentions: Sequence[Mention], events: Sequence[Event], text: str
                  ) -> Mention | None:
    """X in "die X-Y Grenze überquert" / "crossed the X-Y border"."""
    for event in events:
        if event.kind != "pass":
            continue
        start, end = event.clause
        inside = [m for m in mentions if start <= m.start < end and m.place is not None]
        for first, second in itertools.pairwise(inside):
            if text[first.end: second.start] not in ("-", "–"):
                continue
            if first.place is None or first.place.kind != "country":
                continue
            following = text[second.end: second.end + 30].split()[:2]
            if any(_BORDER.match(word) for word in following):
                return first
    return None


_BORDER_TOWNS = frozenset({"grenzstadt", "grenzort", "grenzstation", "grenzübergang",
                           "border town", "border city", "border station", "border crossing"})


def border_town(mentions: Sequence[Mention], left: str, taken: set[str]) -> Candidate | None:
    """The border town the text names on the far side of a border the journey crossed:
    where it crossed."""
    for mention in mentions:
        place = mention.place
        if place is None or place.id in taken or place.country == left:
            continue
        if mention.cue.lower() in _BORDER_TOWNS:
            return place
    return None


def capital_of(country: str, mentions: Sequence[Mention], gazetteer: Gazetteer
               ) -> Candidate | None:
    """The home country's capital, when the text names it."""
    for mention in mentions:
        place = mention.place
        if place is None or place.country != country or place.kind != "city":
            continue
        detail = gazetteer.get(place.id)
        if detail is not None and detail.feature_code == "PPLC":
            return place
    return None
