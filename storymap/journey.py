"""Journey inference: which places the story's traveller went to or through, in which order.

News rarely tell a journey in order ("… ist in Wladiwostok eingetroffen. … hatte zunächst in
der Grenzstadt Chassan russischen Boden betreten. … soll auf der Insel Russky stattfinden").
A place is a stop when its sentence has a movement or presence cue (eintreffen, reisen nach,
betreten, arrive, leave, head for …); stops are ordered by the time the sentence speaks of
(pluperfect and "zunächst" before the narrative past, before "soll … stattfinden" and
"wird … erwartet"), then by weekdays, then by text order. The origin is where the text says
the journey started (aus, von, left X), else the traveller's capital when the text names it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from gazetteer import Candidate, Gazetteer
from gazetteer.geo import haversine_km
from storymap.geoparse import GeoparseResult, default_gazetteer
from storymap.mention import Mention
from storymap.wordclasses import WordClass, WordClasses

_STOP_KINDS = frozenset({"city", "town", "village", "island", "building", "admin3"})
_COUNTRY_KINDS = frozenset({"country", "admin1", "region"})

# Movement and presence cues (lower-case word prefixes).
_CUES = {
    "de": (
        "eingetroffen", "eintreffen", "trifft", "traf", "angekommen", "ankommen", "kommt",
        "kam", "reist", "reiste", "reisen", "fährt", "fuhr", "fahren", "fliegt", "flog",
        "betreten", "betrat", "betritt", "überquer", "besuch", "aufgebrochen", "abgereist",
        "verlassen", "verließ", "verlässt", "zurückgekehrt", "stattfinden", "findet",
        "erwartet", "zwischenstopp", "station", "weg", "unterwegs", "bleiben", "zugestiegen",
        "gelandet", "landet", "durchquer", "empfangen", "abgefahren", "losgefahren", "abfahrt",
        "kehrt", "kehren", "kehrte",  # kehrt nach Berlin zurück
        "erreich", "gelangt", "ging", "floh", "flücht", "zog", "umgezogen",
    ),
    "en": (
        "arriv", "reach", "leav", "left", "head", "travel", "visit", "cross", "stop",
        "return", "depart", "bound", "land", "flew", "fly", "drove", "expected", "took place",
        "take place", "way", "lead", "continu", "proceed", "flown", "went", "came", "fled",
        "sailed", "moved",
    ),
}
_ORIGIN_WORDS = {
    "de": ("aus", "von", "ab"),
    "en": ("from", "left", "leaves", "leaving", "leave"),
}
_DESTINATION_WORDS = {"de": ("nach",), "en": ("to", "for", "toward", "towards")}
# Prepositions tying a place to the movement (in Wladiwostok eingetroffen, left Hasan).
_PLACE_PREPOSITIONS = {
    "de": ("in", "im", "nach", "aus", "von", "über", "bis", "auf", "bei", "durch", "ab",
           "am", "zum", "zur", "ins", "insel", "grenzstadt", "hauptstadt", "stadt",
           "hafenstadt"),
    "en": ("in", "at", "to", "from", "for", "toward", "towards", "via", "of", "through",
           "left", "leaves", "reach", "reached", "reaches", "visited", "leaving"),
}
_LIST_WORDS = ("und", "sowie", "and")
# Words that make the next destination the end of the trip (auf dem Weg nach X, heading for X).
_EN_ROUTE = frozenset({"weg", "unterwegs", "heading", "bound", "route", "sonderzug"})
# English "before" is left out: "before returning to Washington" is no earlier stop.
_EARLIER = {
    "de": ("zunächst", "zuvor", "zuerst", "vorher"),
    "en": ("first", "earlier", "previously", "beforehand"),
}
_LATER = {
    "de": ("soll", "sollen", "wird", "werden", "anschließend", "danach", "später", "dann",
           "weiter"),
    "en": ("will", "then", "later", "afterwards", "next", "after"),
}
_PLUPERFECT = re.compile(r"\b(hatte|hatten|war|waren)\b.*\b(ge\w+t|ge\w+en|\w+en)\b", re.I)
_HISTORIC = {"de": ("einst", "damals", "früher"), "en": ("once", "formerly", "decades")}
_WEEKDAYS = {
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
_TRAVELLER_TITLES = {
    "de": ("machthaber", "präsident", "präsidentin", "kanzlerin", "kanzler", "staatschef",
           "regierungschef", "diktator", "premierminister", "außenminister"),
    "en": ("leader", "president", "chancellor", "prime", "minister", "dictator"),
}
_WORD = re.compile(r"\w+", re.U)
# Vehicles by word prefix → travel mode of the leg a sentence describes.
_MODES = {
    "de": (
        (("zug", "sonderzug", "bahn", "waggon", "bahnsteig", "lok"), "train"),
        (("flugzeug", "maschine", "flog", "flug", "flieg", "jet", "landete", "gelandet"), "plane"),
        (("schiff", "fähre", "boot"), "ship"),
        (("auto", "wagen", "konvoi", "kolonne", "bus", "limousine"), "car"),
    ),
    "en": (
        (("train", "rail"), "train"),
        (("plane", "flight", "flew", "fly", "jet", "airport", "landed"), "plane"),
        (("ship", "ferry", "boat"), "ship"),
        (("car", "motorcade", "convoy", "bus"), "car"),
    ),
}
# Cues of reaching a place (as opposed to an event taking place there).
_TRAVEL_CUES = {
    "de": ("eingetroffen", "eintreffen", "angekommen", "ankommen", "reist", "reiste", "fährt",
           "fuhr", "betreten", "betrat", "überquer", "weiter", "weg", "unterwegs", "fliegt",
           "flog"),
    "en": ("arriv", "reach", "head", "travel", "cross", "continu", "lead", "left", "leav",
           "depart"),
}
_UNDATED = 99
# "Nach ihrem Zwischenstopp in Wien …", "after a stopover in Vienna": that place came first.
_STAYS = {
    "de": ("zwischenstopp", "zwischenhalt", "aufenthalt", "halt", "stopp", "station", "besuch",
           "visite", "ankunft", "landung"),
    "en": ("stopover", "stop", "stay", "visit", "visiting", "stopping", "arriving", "landing"),
}
_AFTER_STAY = {
    "de": re.compile(
        r"\bnach\s+(?:\w+\s+){0,3}?(?:" + "|".join(_STAYS["de"]) + r")\w*\s+"
        r"(?:\w+\s+){0,2}?(?:in|im|auf|bei)\s+$",
        re.I,
    ),
    "en": re.compile(
        r"\bafter\s+(?:\w+\s+){0,3}?(?:" + "|".join(_STAYS["en"]) + r")\w*\s+"
        r"(?:\w+\s+){0,2}?(?:in|at|to)?\s*$",
        re.I,
    ),
}
# "reist nach Mali, Niger und Äthiopien": a list of places, an overview of the trip.
_OVERVIEW = re.compile(r"\w+\s*,\s*\w+\s+(und|sowie|and)\s+\w+")
# A route written as a chain of places: "Railjet-Verbindung Budapest–Wien–München".
_CHAIN_JOINT = re.compile(r"\s?[-–—]\s?")
# The X-Y border crossed: X is where the traveller came from.
_BORDER = {"de": ("grenze",), "en": ("border",)}
_CROSSING = {"de": ("überquer", "passiert", "überschritt"), "en": ("cross",)}
# A stop this far from every other stop, and small, is a misreading, not a leg of the trip.
_STRAY_KM = 3000.0
_STRAY_POPULATION = 100_000
# Two stops of equal standing swap when the other order is this much shorter (no zig-zag).
_ZIGZAG_GAIN = 0.8
# Words that put a sentence's stop after the one told before it.
_SEQUENCE = {
    "de": ("dann", "danach", "anschließend", "später", "weiter", "schließlich"),
    "en": ("then", "later", "afterwards", "next", "finally"),
}


@dataclass(slots=True)
class Stop:
    place: Candidate
    sentences: list[tuple[int, int]] = field(default_factory=list)  # supporting spans
    order: tuple[float, ...] = ()
    destination: bool = False  # named as where the trip is heading (auf dem Weg nach X)
    mode: str | None = None  # how the traveller reached this stop: train, plane, ship, car
    sequenced: bool = False  # its sentence says it came next (dann, danach, then)


@dataclass(frozen=True, slots=True)
class Journey:
    stops: tuple[Stop, ...]

    @property
    def place_ids(self) -> tuple[str, ...]:
        return tuple(stop.place.id for stop in self.stops)

    @property
    def modes(self) -> tuple[str | None, ...]:
        """Travel mode of each leg (one fewer than stops)."""
        return tuple(stop.mode for stop in self.stops[1:])


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """Lower-case words (cached: a sentence is read by several rules)."""
    return tuple(_WORD.findall(text.lower()))


# The word classes a sentence is asked about, as bits of one mask per word.
_CUE, _TRAVEL, _EARLY, _LATE, _PAST, _NEXT, _HAD, _UNTIL, _BORDER_BIT, _CROSS, _STAY = (
    1 << bit for bit in range(11)
)
_FIRST_WEEKDAY_BIT = 11
_FIRST_MODE_BIT = _FIRST_WEEKDAY_BIT + 7
_WEEKDAY_BITS = ((1 << 7) - 1) << _FIRST_WEEKDAY_BIT


def _word_classes(lang: str) -> WordClasses:
    classes = [
        WordClass(_CUES[lang]),
        WordClass(_TRAVEL_CUES[lang]),
        WordClass(_EARLIER[lang], whole=True),
        WordClass(_LATER[lang], whole=True),
        WordClass(_HISTORIC[lang], whole=True),
        WordClass(_SEQUENCE[lang], whole=True),
        WordClass(("hatte", "hatten") if lang == "de" else (), whole=True),
        WordClass(("bis", "until"), whole=True),
        WordClass(_BORDER[lang]),
        WordClass(_CROSSING[lang]),
        WordClass(_STAYS[lang]),
    ]
    classes += [WordClass((day,), whole=True) for day in _WEEKDAYS[lang]]
    classes += [WordClass(prefixes) for prefixes, _ in _MODES[lang]]
    return WordClasses(classes)


_CLASSES = {lang: _word_classes(lang) for lang in _CUES}


def _read_sentences(
    result: GeoparseResult,
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], list[Mention]]]:
    """Sentence span → the word classes it contains, and → the placed mentions in it (one
    pass over the words and one over the sentences)."""
    classes = _CLASSES[result.lang]
    if result.word_spellings:  # the geoparser's own tokens: no second pass over the text
        starts, word_masks = classes.classify(result.word_starts, result.word_spellings)
    else:
        starts, word_masks = classes.scan(result.article.text)
    placed = sorted((m for m in result.mentions if m.place is not None), key=attrgetter("start"))
    masks: dict[tuple[int, int], int] = {}
    mentions: dict[tuple[int, int], list[Mention]] = {}
    word, words = 0, len(starts)
    mention, count = 0, len(placed)
    for passage in result.article.passages:
        for sentence in passage.sentences:
            begin, end = sentence.start, sentence.end
            while word < words and starts[word] < begin:
                word += 1
            mask = 0
            while word < words and starts[word] < end:
                mask |= word_masks[word]
                word += 1
            masks[(begin, end)] = mask
            while mention < count and placed[mention].start < begin:
                mention += 1
            first = mention
            while mention < count and placed[mention].start < end:
                mention += 1
            if mention > first:
                mentions[(begin, end)] = placed[first:mention]
    return masks, mentions


def _lowest(mask: int, first_bit: int, size: int) -> int | None:
    """Index of the lowest of ``size`` bits from ``first_bit`` that ``mask`` has set."""
    part = (mask >> first_bit) & ((1 << size) - 1)
    return (part & -part).bit_length() - 1 if part else None


def _time_rank(sentence: str, mask: int) -> int:
    """0 earlier than the narrative, 1 the narrative, 2 later (plans, expectations)."""
    if mask & _EARLY:
        return 0
    if mask & _HAD and _PLUPERFECT.search(sentence):
        return 0
    if mask & _LATE:
        return 2
    return 1


def _mode_of(mask: int, lang: str) -> str | None:
    """The vehicle a sentence names (the first mode in _MODES order that it mentions)."""
    index = _lowest(mask, _FIRST_MODE_BIT, len(_MODES[lang]))
    return None if index is None else _MODES[lang][index][1]


def _assign_modes(
    stops: list[Stop], masks: dict[tuple[int, int], int], lang: str
) -> None:
    """Each stop's arrival mode: from its own sentences, else the story's usual vehicle (the
    one most sentences name) for stops reached by travelling (not for an event venue)."""
    table = _MODES[lang]
    counts: dict[str, int] = {}
    for mask in masks.values():
        if mask >> _FIRST_MODE_BIT:
            for index, (_, mode) in enumerate(table):
                if mask & (1 << (_FIRST_MODE_BIT + index)):
                    counts[mode] = counts.get(mode, 0) + 1
    usual = max(sorted(counts), key=lambda mode: counts[mode]) if counts else None
    for stop in stops[1:]:
        spoken = [masks.get(span, 0) for span in stop.sentences]
        stop.mode = next((m for mask in spoken if (m := _mode_of(mask, lang))), None)
        if stop.mode is None and any(mask & _TRAVEL for mask in spoken):
            stop.mode = usual


def _weekdays(
    result: GeoparseResult, masks: dict[tuple[int, int], int]
) -> dict[tuple[int, int], int]:
    """Sentence span → day of the story's week (0 = the first weekday the text names).

    A sentence without a weekday takes the last one named earlier in its paragraph; "bis
    Dienstag" (until) dates nothing.
    """
    days: dict[tuple[int, int], int] = {}
    first: int | None = None
    for passage in result.article.passages:
        current: int | None = None
        for sentence in passage.sentences:
            span = (sentence.start, sentence.end)
            mask = masks.get(span, 0)
            if mask & _WEEKDAY_BITS and not mask & _UNTIL:
                day = _lowest(mask, _FIRST_WEEKDAY_BIT, 7)
                first = day if first is None else first
                current = (day - first) % 7  # type: ignore[operator]
            if current is not None:
                days[span] = current
    return days


def _home_country(result: GeoparseResult, text: str) -> str | None:
    """The traveller's country: the place named right before a leader's title
    (Nordkoreas Machthaber, North Korean leader)."""
    titles = _TRAVELLER_TITLES[result.lang]
    for mention in result.mentions:
        if mention.place is None or mention.place.kind != "country":
            continue
        after = _words(text[mention.end : mention.end + 40])[:2]
        if any(word in titles for word in after):
            return mention.place.country
    return None


def infer_journey(result: GeoparseResult, gazetteer: Gazetteer | None = None) -> Journey:
    """The route the story tells; empty when no place is reached by a movement."""
    text = result.article.text
    lang = result.lang
    masks, mentions_by_sentence = _read_sentences(result)
    prepositions = frozenset(_PLACE_PREPOSITIONS[lang])
    origins = frozenset(_ORIGIN_WORDS[lang])
    directions = origins | frozenset(_DESTINATION_WORDS[lang])
    weekdays: dict[tuple[int, int], int] | None = None  # read only if a sentence moves
    stops: dict[str, Stop] = {}
    chains: list[list[str]] = []
    for (start, end), mentions in sorted(mentions_by_sentence.items()):
        mask = masks.get((start, end), 0)
        if not mask & _CUE or mask & _PAST:
            continue
        sentence = text[start:end]
        if weekdays is None:
            weekdays = _weekdays(result, masks)
        rank = _time_rank(sentence, mask)
        # "reist nach Mali, Niger und Äthiopien": an overview of the trip; its places are
        # dated by the sentences that speak of each of them, if any.
        overview = "," in sentence and any(f" {word} " in sentence for word in _LIST_WORDS)
        overview = overview and bool(_OVERVIEW.search(sentence))
        chain = _chain(mentions, text)
        if chain:
            chains.append([m.place.id for m in chain])  # type: ignore[union-attr]
        origin = _border_origin(mentions, text, mask, lang)
        if origin is not None and origin.place is not None and origin.place.id not in stops:
            stops[origin.place.id] = Stop(origin.place, [(start, end)], (-1, _UNDATED, -1, 0))
        tied_before = False
        for mention in mentions:  # in text order
            if mention.derived:
                continue
            gap = text[max(start, mention.start - 30) : mention.start]
            before = _words(gap)[-2:]
            listed = tied_before and (
                gap.rstrip().endswith(",") or (bool(before) and before[-1] in _LIST_WORDS)
            )
            tied = (
                listed
                or not prepositions.isdisjoint(before)
                or any(mention is link for link in chain)
                # "erreichte die griechische Insel Lesbos": the generic opens the span
                or mention.cue.lower() in prepositions
            )
            tied_before = tied
            if not tied:
                continue
            kind = mention.place.kind  # type: ignore[union-attr]
            if kind not in _STOP_KINDS and not (
                kind in _COUNTRY_KINDS and (listed or not directions.isdisjoint(before))
            ):
                continue
            place_rank = -1 if not origins.isdisjoint(before) else rank
            if mask & _STAY and _AFTER_STAY[lang].search(
                text[max(start, mention.start - 200) : mention.start]
            ):
                place_rank = min(place_rank, 0)
            if any(w in _EN_ROUTE for w in _words(gap)[-4:]) and before and (
                before[-1] in _DESTINATION_WORDS[lang]
            ):
                place_rank = 2  # "auf dem Weg nach Peking": the destination comes last
                heading = True
            else:
                heading = False
            # Explicitly earlier (aus X, zunächst, pluperfect) first; then the day of the
            # week; then tense; then text order.
            day = _UNDATED if overview else weekdays.get((start, end), _UNDATED)
            order = (
                min(place_rank, 0) if place_rank <= 0 else 1,
                day,
                place_rank,
                mention.start,
            )
            place = mention.place
            assert place is not None
            stop = stops.get(place.id)
            if stop is None:
                stop = stops[place.id] = Stop(place, [(start, end)], order)
                stop.destination = heading
                stop.sequenced = bool(mask & _NEXT)
            else:
                stop.destination = stop.destination or heading
                stop.sentences.append((start, end))
                if stop.destination:
                    continue  # where the trip is heading stays late, whatever else is said
                # A dated sentence (am Montag) says more than an undated earlier one.
                dated = order[1] != _UNDATED and stop.order[1] == _UNDATED
                if dated or (order < stop.order and not (stop.order[1] != _UNDATED
                                                          and order[1] == _UNDATED)):
                    stop.order = order
    ordered = sorted(stops.values(), key=lambda stop: stop.order)
    # A country that is also the country of a city stop adds nothing to the route.
    cities = {s.place.country for s in ordered if s.place.kind in _STOP_KINDS}
    ordered = [
        s for s in ordered if not (s.place.kind in _COUNTRY_KINDS and s.place.country in cities)
    ]
    # "Reise nach Westafrika … Dakar … Niamey": a region of no one country frames the trip;
    # the places in it are the stops (its point, somewhere in Mali, is none of them).
    specific = [s for s in ordered if s.place.country]
    if len(specific) >= 2:
        ordered = specific
    ordered = _without_strays(ordered)
    for chain in chains:
        _follow_chain(ordered, chain)
    _untangle(ordered, {pair for chain in chains for pair in itertools.pairwise(chain)})
    home = _home_country(result, text)
    if ordered and home and ordered[0].place.country != home:
        origin = _origin_in_home(result, home, gazetteer)
        if origin is not None and all(s.place.id != origin.id for s in ordered):
            ordered.insert(0, Stop(origin, [], (-2, -1, -1, -1)))
    if len(ordered) < 2:
        return Journey(())
    _assign_modes(ordered, masks, lang)
    return Journey(tuple(ordered))


def _origin_in_home(
    result: GeoparseResult, country: str, gazetteer: Gazetteer | None
) -> Candidate | None:
    """The home country's capital, when the text names it."""
    gazetteer = gazetteer or default_gazetteer()
    for mention in result.mentions:
        place = mention.place
        if place is None or place.country != country:
            continue
        if place.kind == "city":
            detail = gazetteer.get(place.id)
            if detail is not None and detail.feature_code == "PPLC":
                return place
    return None


def _chain(mentions: list[Mention], text: str) -> list[Mention]:
    """The longest run of city mentions joined only by dashes (Budapest–Wien–München)."""
    best: list[Mention] = []
    run: list[Mention] = []
    for mention in mentions:  # in text order
        if mention.derived or mention.place is None or mention.place.kind not in _STOP_KINDS:
            run = []
            continue
        if (
            run
            and mention.start - run[-1].end <= 3
            and _CHAIN_JOINT.fullmatch(text[run[-1].end : mention.start])
        ):
            run.append(mention)
        else:
            run = [mention]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


def _border_origin(
    mentions: list[Mention], text: str, mask: int, lang: str
) -> Mention | None:
    """X in "die X-Y Grenze überquert" / "crossed the X-Y border": where the trip came from."""
    if not (mask & _BORDER_BIT and mask & _CROSS):
        return None
    for first, second in itertools.pairwise(mentions):  # in text order
        if text[first.end : second.start] not in ("-", "–"):
            continue
        if first.place is None or first.place.kind != "country":
            continue
        following = _words(text[second.end : second.end + 24])[:2]
        if any(word.startswith(_BORDER[lang]) for word in following):
            return first
    return None


def _km(a: Stop, b: Stop) -> float:
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)


def _without_strays(stops: list[Stop]) -> list[Stop]:
    """Drop a small place far from all other stops (a misread name, not part of the trip)."""
    if len(stops) < 3:
        return stops
    kept = []
    for stop in stops:
        others = [other for other in stops if other is not stop]
        small = stop.place.kind in _STOP_KINDS and stop.place.population < _STRAY_POPULATION
        if small and min(_km(stop, other) for other in others) > _STRAY_KM:
            continue
        kept.append(stop)
    return kept


def _follow_chain(stops: list[Stop], chain: list[str]) -> None:
    """Put the stops of a written chain in the chain's order, in the slots they occupy."""
    slots = [i for i, stop in enumerate(stops) if stop.place.id in chain]
    members = sorted((stops[i] for i in slots), key=lambda stop: chain.index(stop.place.id))
    for slot, stop in zip(slots, members, strict=True):
        stops[slot] = stop


def _untangle(stops: list[Stop], fixed: set[tuple[str, str]]) -> None:
    """Swap neighbours of equal standing when the text gives no order between them and the
    other order is much shorter (Wien → München → Salzburg zig-zags; Wien → Salzburg →
    München does not)."""
    for _ in range(len(stops)):
        swapped = False
        for i in range(len(stops) - 1):
            a, b = stops[i], stops[i + 1]
            if a.order[:3] != b.order[:3] or (a.place.id, b.place.id) in fixed or b.sequenced:
                continue
            before = stops[i - 1] if i > 0 else None
            after = stops[i + 2] if i + 2 < len(stops) else None

            def length(x: Stop, y: Stop, before: Stop | None = before,
                       after: Stop | None = after) -> float:
                total = _km(x, y)
                total += _km(before, x) if before else 0.0
                total += _km(y, after) if after else 0.0
                return total

            if before is None and after is None:
                continue
            if length(b, a) < _ZIGZAG_GAIN * length(a, b):
                stops[i], stops[i + 1] = b, a
                swapped = True
        if not swapped:
            return
