"""Look-alike names: spans that spell a place but, by the structure around them, name an
event, a person or the subject of a sentence (used by the recognition components).

Every rule reads the words around a mention, never a list of names:
- an event head after the place (Paris Fashion Week, Boston Marathon, Monaco Grand Prix,
  Venice Biennale, Hannover Messe) or before it (Tour de France): the place is part of the
  event's name, no place mention — in that occurrence only ("in Paris" elsewhere stays);
- a race named by its start and finish (Paris–Nizza, Paris-Roubaix, Mailand–Sanremo) where a
  race word introduces it ("gewann Paris–Nizza", "won Paris-Roubaix");
- English people: a place-named first name before a surname (Paris Jackson, India Knight,
  Georgia May Jagger), a surname after a first name (Andrew Jordan, Tom Holland);
- a country or world city as the subject of a sentence or of reported speech ("Turkey has
  become…", "officials said Turkey asked…") is a place even when its name is a common word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gazetteer.normalize import normalize_token
from storymap.geoparse.lexicon.first_names import is_first_name
from storymap.geoparse.lexicon.surnames import is_surname
from storymap.geoparse.words import zipf

if TYPE_CHECKING:
    from storymap.geoparse.recognition.tokens import Tokens


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize_token(word) for word in words.split())


# Nouns that end an event's name (token keys). Two-word heads (Grand Prix, Air Show) end in
# a one-word head or are listed by their last word.
EVENT_HEADS = _keys(
    # English
    "week festival festivals marathon open prix biennale biennial tour show expo fair cup "
    "games olympics championship championships rally regatta derby classic triathlon "
    "half-marathon carnival fashionweek "
    # German
    "messe biennale festspiele filmfestspiele filmfestival rundfahrt meisterschaft "
    "meisterschaften spiele karneval"
)
# Event heads that open the name, with a particle before the place (Tour de France, Tour of
# Britain, Giro d'Italia).
EVENT_OPENERS = _keys("tour giro vuelta rund")
_EVENT_PARTICLES = _keys("de of du d um")
# The longest run of capitalised words between a place and its event head (Muscat
# International Film Festival).
_EVENT_RUN = 3
# Words that introduce a race by name (gewann Paris–Nizza, the winner of Paris-Roubaix).
RACE_WORDS = _keys(
    "race races classic won wins win winner winning victory edition stage "
    "rennen radrennen klassiker fernfahrt gewann gewinnt gewonnen sieger siegerin sieg "
    "etappe auflage"
)
_RACE_DASHES = ("–", "—", "-")
# English finite verbs that follow a sentence's subject (Turkey has become…, Russia said…):
# auxiliaries, modals and the verbs of reporting and of diplomacy news.
SUBJECT_VERBS = _keys(
    "has have had is was will would could can should must may might does did "
    "said says told asked asks announced announces wants wanted warned warns denied denies "
    "accused accuses rejected rejects agreed agrees insisted insists claimed claims urged "
    "urges called calls plans planned expelled expels vowed vows threatened threatens "
    "responded responds confirmed confirms signed signs became becomes remains remained "
    "needs needed hopes hoped sent sends launched launches"
)
# Words before a subject in reported speech (officials said Turkey asked…).
_REPORTING = _keys("said says told that while although because if when")
# A word this common (will, may, can) is no first name; at a sentence's start, where every
# word is capitalised, a less common one already is none.
_COMMON_WORD_ZIPF = 5.5
_INITIAL_WORD_ZIPF = 5.0
# A surname may be an ordinary word too (Knight, Powers) but not a very common one (Post,
# Street): above this only a first name continues a person's name (Paris Jackson).
_SURNAME_ZIPF = 4.5


def event_name(doc: Tokens, first: int, last: int) -> bool:
    """Whether the place at tokens ``first..last`` is part of an event's name: a
    capitalised run ending in an event head follows it (Paris Fashion Week, Dubai World
    Cup), or an event head and a particle precede it (Tour de France)."""
    keys, caps, gaps = doc.keys, doc.caps, doc.gaps
    index = last + 1
    stop = min(doc.size, last + 1 + _EVENT_RUN)
    while index < stop and caps[index] and gaps[index] == " ":
        if keys[index] in EVENT_HEADS:
            return True
        index += 1
    particle = first - 1
    opener = first - 2
    return (
        opener >= 0
        and keys[particle] in _EVENT_PARTICLES
        and gaps[first] in (" ", "'", "’")
        and gaps[particle] == " "
        and caps[opener]
        and keys[opener] in EVENT_OPENERS
    )


def race_pair(doc: Tokens, first: int, last: int) -> bool:
    """Whether the place at ``first..last`` starts or ends a race named by its two towns
    (Paris–Nizza, Paris-Roubaix), with a race word just before the pair."""
    gaps, caps = doc.gaps, doc.caps
    if last + 1 < doc.size and gaps[last + 1] in _RACE_DASHES and caps[last + 1]:
        opening = first  # this place starts the pair
    elif first > 0 and gaps[first] in _RACE_DASHES and caps[first - 1]:
        opening = first - 1  # ... or ends it (one word before the dash)
        while opening > 0 and gaps[opening] == " " and caps[opening - 1]:
            opening -= 1  # a name of several words: Lüttich–Bastogne, New York-Boston
    else:
        return False
    before = range(max(0, opening - 3), opening)
    return any(doc.keys[i] in RACE_WORDS for i in before)


def first_name(text: str, initial: bool) -> bool:
    """An English first name (Andrew, Tom, Kobe) that is no common word too (Will, May)."""
    if not is_first_name(text):
        return False
    return zipf(text, "en") < (_INITIAL_WORD_ZIPF if initial else _COMMON_WORD_ZIPF)


def surname_after(text: str) -> bool:
    """Whether ``text`` continues a person's name after a first name: a surname that is no
    common word (Jackson, Knight; not Post, Street), or another given name (May)."""
    if is_first_name(text):
        return True
    return is_surname(text) and zipf(text, "en") < _SURNAME_ZIPF


def subject_position(doc: Tokens, first: int, last: int) -> bool:
    """English: the name at ``first..last`` is the subject of a clause — a finite verb
    follows it (Turkey has become…, Russia said) — where a sentence or reported speech
    begins (its first word, or after said/that)."""
    after = last + 1
    if after >= doc.size or doc.gaps[after] != " " or doc.keys[after] not in SUBJECT_VERBS:
        return False
    if doc.initial(first) or first == 0:
        return True
    before = first - 1
    return doc.gaps[first] == " " and doc.keys[before] in _REPORTING
