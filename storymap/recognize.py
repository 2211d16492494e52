"""Toponym recognition: which spans of an article name a place.

Candidate spans come from the gazetteer's name index (token runs that spell a known name,
also through German inflection: Russlands, koreanischen Halbinsel, Nahen Osten) and from
the derived-forms lexicon (russischen, Moskauer, Koreans). Language knowledge then decides:
how common the word is otherwise (Boden, Zug, Station), where it stands (after in/nach/aus,
after a generic noun like Insel or Grenzstadt, inside a person's or organisation's name),
and whether it is part of a compound (Russland-Besuch, US-Präsident, Russlandbild).
Look-alikes (a place word inside an event's or a person's name: Paris Fashion Week, Paris
Jackson) are ruled out by structure in ``recognize_lookalikes``; English span rules (South
Florida, Hamilton County, British road numbers) live in ``recognize_english``.

Speed: what depends only on how a word is spelled (its key, capitalisation, whether a name,
a derived form or a street name can start there) is worked out once per distinct word and
language (``Word``) and shared by every later occurrence, in this text and the next. A
document is a few parallel lists (``Tokens``) built by C-level passes, and the per-token
loops visit only the tokens whose word can take part in a mention — most tokens are
function words and common nouns that are rejected without any Python work of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, compress
from operator import attrgetter
from typing import TYPE_CHECKING

from gazetteer import Candidate, Gazetteer, NameFlag
from gazetteer.geo import AnchorPoint, anchor_point, haversine_km, nearest_km
from gazetteer.normalize import TOKEN_PATTERN, normalize_token
from storymap.language import CUES, LanguageCues
from storymap.lexicon.first_names import is_first_name
from storymap.lexicon.nouns import NounClass, noun_classes
from storymap.recognize_english import compass_before, generic_after, road_numbers
from storymap.recognize_lookalikes import (
    event_name,
    first_name,
    race_pair,
    subject_position,
    surname_after,
)
from storymap.words import zipf

if TYPE_CHECKING:
    from storymap.lexicon.derived import DerivedForm, DerivedLexicon

MAX_NAME_TOKENS = 6
_ABBREVIATION = int(NameFlag.ABBREVIATION)
# Unions that German news treats as institutions, not places (die EU, EU-Kommission): both
# GermEval's guidelines and our German corpora annotate them as organisations, while English
# GeoWebNews counts the EU as a place.
_INSTITUTIONS_DE = frozenset({"gn:6695072"})  # the European Union
# Trade blocs and unions of states that GeoNames files as zones: organisations in news text
# in both languages (NAFTA, CIS/GUS, ASEAN, Mercosur, EFTA), never the place of a story.
_TRADE_BLOCS = frozenset(
    {"gn:11812362", "gn:11812265", "gn:11812363", "gn:11812364", "gn:9961132"}
)
# Months and weekdays: "in March", "im Mai", "am Freitag" name no town March, Mai or Freitag.
_CALENDAR_WORDS = {
    "de": frozenset(normalize_token(word) for word in (
        "Januar Jänner Februar März April Mai Juni Juli August September Oktober November "
        "Dezember Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag"
    ).split()),
    "en": frozenset(normalize_token(word) for word in (
        "January February March April May June July August September October November "
        "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    ).split()),
}
_GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU"})
_GERMAN_SPELLING = int(NameFlag.GERMAN | NameFlag.TRANSLIT_GERMAN)
_CODE_KINDS = frozenset({"country", "admin1", "historic_country", "region"})
_NAMED = int(NameFlag.PREFERRED | NameFlag.GERMAN | NameFlag.ENGLISH)
_AREA_KINDS = frozenset({"country", "continent", "historic_country", "admin1", "admin2",
                         "region", "sea", "ocean"})
_BIG_KINDS = frozenset({"country", "continent", "historic_country", "admin1", "region", "sea",
                        "ocean", "peninsula"})
# Compass nouns: "im Osten Russlands" names a direction, not the village Osten.
_COMPASS = frozenset("osten westen norden sueden nordosten nordwesten suedosten suedwesten "
                     "nord sued ost west "
                     "east west north south".split())
_COMPASS_ADJECTIVES = frozenset(
    "northern southern eastern western central north south east west upper lower greater "
    "nord sued ost west mittel ober unter".split()
)
# Openings of German compass compounds (Nordhessen, Südostasien, Mittelitalien), longest first.
_COMPASS_PREFIXES = ("nordost", "nordwest", "suedost", "suedwest", "nord", "sued", "ost", "west",
                     "mittel", "ober", "zentral")
# English generic words after a name, and the local generic words the gazetteer's names use
# for such units (Primorsky region → Primorsky Krai, Hasansky district → Khasanskiy Rayon).
_POST_SOVIET_GENERICS = {
    "region": ("krai", "kray", "oblast", "region"),
    "territory": ("krai", "kray", "territory"),
    "province": ("oblast", "province"),
    "district": ("rayon", "raion", "district"),
}
_GERMAN_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
# Endings of a lower-case German word that may open a multiword name (koreanischen Halbinsel).
_ADJECTIVE_OPENING_ENDINGS = ("isch", "ische", "ischen", "ischer", "isches", "ischem", "en", "e")
_MEMO_LIMIT = 200_000
# Memos whose entries are larger (a word's facts, a name's candidates) hold fewer: a news
# vocabulary fits, and a long-running process stays within some tens of MB.
_WORD_MEMO_LIMIT = 50_000
# Endings that make a rare capitalised German word a street or landmark name.
_STREET_ENDINGS = ("strasse", "gasse", "allee", "chaussee")
# Endings of German landmark names (Stüdlhütte, Marbachsee, Kyffhäuserdenkmal) and of
# settlement names (Böckingen, Helmarshausen, Gosenbach) the gazetteer lacks. The first kind
# is taken on its form alone, like a street; the second, which surnames share (Goldberg,
# Feuerbach), only after a locative preposition or a generic noun (in Böckingen, Gemeinde
# Gosenbach).
_LANDMARK_ENDINGS = (
    "platz", "damm", "ufer", "brücke", "kapelle", "kirche", "hütte", "brunnen", "denkmal",
    "see", "tal", "tals",
)
_SETTLEMENT_ENDINGS = (
    "ingen", "hausen", "dorf", "stedt", "rode", "born", "kirchen", "leben", "heim", "berg",
    "burg", "bach", "feld", "stein", "weiler", "hagen", "furt", "kogel", "kopf",
)
# German mountains take an article, settlements and surnames do not: "den Kemmelberg",
# "am Stimberg", "dem Rierkogel" name a mountain (but "Goldberg sagte" a person).
_MOUNTAIN_ENDINGS = ("berg", "kogel", "kopf")
_MOUNTAIN_ARTICLES = frozenset("der den dem des am vom zum beim".split())
# Endings of German nouns that introduce settlements by name (die Gemeinde Pflückuff, die
# Dörfer Hokkala, Kumpula und Oikari, Kirchengemeinden Kirchborgum und Vellage).
_SETTLEMENT_NOUNS = tuple(
    normalize_token(word)
    for word in (
        "gemeinde gemeinden dorf dörfer ortschaft ortschaften ortsteil ortsteile "
        "stadtteil stadtteile weiler gehöft ortsgemeinde"
    ).split()
)
# Nouns that close a German landmark name opened by a place adjective (Tegeler See,
# Gubener Straße, Lehrter Bahnhof, Viernheimer Dreieck, Weitinger Mühle).
_GERMAN_LANDMARK_HEADS = frozenset(
    normalize_token(word)
    for word in (
        "Straße Strasse Landstraße Allee Chaussee Platz Weg Gasse Ring Damm Ufer Brücke Tor "
        "See Bahnhof Mühle Wald Forst Heide Moor Berg Höhe Tal Bucht Dreieck Kreuz Hütte "
        "Park Markt Kirche Kapelle Schloss Burg Stein Tunnel Kanal Hafen Friedhof"
    ).split()
)
# "St. Peter", and "St . Peter" as tokenised text writes it.
_SAINT_GAPS = (". ", " . ")
_ENGLISH_STREETS = frozenset("street avenue road boulevard square lane drive".split())
# Heads of English landmark names that borrow a place word (Washington Square, French Quarter).
_LANDMARK_HEADS = _ENGLISH_STREETS | frozenset(
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
# How common the last part of a German word must be for the word to count as a compound
# noun (Stadt, Kerne), not a name.
_NOUN_TAIL_ZIPF = 3.3
# ... and how common it must be to count without a dictionary's word that it is a noun.
_COMMON_TAIL_ZIPF = 4.0
_CONJUNCTIONS = frozenset({"und", "oder", "sowie", "and", "or"})
# English verbs of speech: the name next to one is a speaker (Payette said, said Noma).
_SPEECH_VERBS = frozenset(
    "said says told tweeted added wrote explained recalled insisted admitted asked".split()
)
# German road names: a motorway or federal road code (A1, B27), and road nouns a number
# follows (Bundesstraße 216); introduced by an article or preposition, or in a list of roads.
_ROAD_CODE = re.compile(r"[AB][1-9]\d{0,2}")
_AIRBUS = re.compile(r"A3\d\d|A400")  # aircraft types, no German motorway numbers
_ROAD_NOUNS = frozenset(
    normalize_token(word)
    for word in "Autobahn Bundesstraße Bundesautobahn Landesstraße Staatsstraße".split()
)
# Prepositions after which an unknown name is a place ("bei" also introduces firms, people).
_LOCATIVES = frozenset({"in", "nach", "aus"})
_ROAD_PREPOSITIONS = frozenset("auf über ueber an von bis entlang nahe".split())
_ROAD_OPENERS = frozenset(
    "die der zur auf über ueber bis von und bzw oder autobahn autobahnen".split()
)
# English generic nouns that name the place after "of" as their own kind.
_GENERICS_BEFORE_OF = frozenset(
    "state city town village island islands province county country".split()
)
# Particles before a surname, as written (lower case: "Rio De Janeiro" is no person).
_SURNAME_PARTICLES = frozenset("de da do dos das del della di du van von der bin ibn".split())
# Lower-case parts between a first name and a surname (Mike de Kock, Ludwig van Beethoven).
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "di", "da", "del", "la", "le"})
# TOKEN_PATTERN as one capturing group: ``split`` then returns gaps and tokens alternately
# in a single C-level pass, and their lengths give every offset.
_SPLITTER = re.compile(f"({TOKEN_PATTERN.pattern})", TOKEN_PATTERN.flags)


@dataclass(frozen=True, slots=True)
class Word:
    """What recognition asks about one spelling of a word, wherever it stands."""

    text: str
    key: str
    capitalised: bool
    all_caps: bool
    # The key and its forms without a genitive ending: how the word continues a name.
    variants: tuple[str, ...]
    # (form, names a place on its own here, continues into longer names) for every form
    # under which a name can start at this word, in the order the name walk visits them.
    openings: tuple[tuple[str, bool, bool], ...]
    derived: DerivedForm | None  # the lexicon's form, if the spelling may be one
    # (characters, key, lexicon place id) of a place opening a compound (Russlandbild).
    compound: tuple[int, str, str | None] | None
    derives: bool  # may open a derived mention: a lexicon form, a pair head, a compound
    title: bool  # a title or role before a person's name (Präsident)
    unlisted: bool  # a rare word shaped like a street name the gazetteer lacks
    unlisted_cued: bool  # ... shaped like a settlement name: a place only after a cue
    post_soviet_generic: bool  # region, district … after a name (English)
    # German: a rare word shaped like a place adjective (Tegeler, Gubener) that may open a
    # landmark's name (Tegeler See, Gubener Straße), and the nouns that close one.
    landmark_adjective: bool = False
    landmark_head: bool = False
    saint: bool = False  # St., Sankt: opens the name of a church or landmark
    # German: a rare capitalised word no dictionary knows (Pflückuff, Hokkala): a name, of
    # a place where a settlement noun introduces it (die Gemeinde Pflückuff).
    rare_name: bool = False
    settlement_noun: bool = False  # Gemeinde, Dörfer, Ortsteil, Kirchengemeinden …
    given_name: bool = False  # a first name of some country (Kobe, Juri), not a big place
    # German roads: "A" or "B" before a number (A 7, B 27), a code (A1), a road noun before
    # a number (Bundesstraße 216); a place mention where an article introduces it.
    road: bool = False


@dataclass(frozen=True, slots=True)
class Tokens:
    """An article's tokens as parallel lists (token ``i`` is ``words[i]`` at ``starts[i]``)."""

    text: str
    spellings: list[str]  # the tokens as written
    words: list[Word]
    keys: list[str]
    caps: list[bool]
    starts: list[int]
    ends: list[int]
    gaps: list[str]  # gaps[i]: the characters between token i - 1 (or the start) and token i
    sentence_starts: frozenset[int]
    size: int  # the number of tokens

    def where(self, fact: str) -> Iterator[int]:
        """Indices of the tokens whose word has ``fact`` (one C-level pass)."""
        return compress(range(self.size), map(attrgetter(fact), self.words))

    def text_of(self, i: int) -> str:
        return self.words[i].text

    def dateline(self, i: int) -> bool:
        """Whether token ``i`` stands where a dateline does: first in the text or a line,
        before a dash, bracket or colon or the first word of the report (BOCHUM Dass ...)."""
        if not (i == 0 or "\n" in self.gaps[i]) or i + 1 >= self.size:
            return False
        gap = self.gaps[i + 1]
        return gap.strip() in _DATELINE_MARKS or (gap == " " and self.caps[i + 1])

    def initial(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence."""
        return self.starts[i] in self.sentence_starts


@dataclass(slots=True)
class Recognised:
    """A span judged to mention a place, before resolution."""

    start: int
    end: int
    text: str
    key: str  # gazetteer key for names; the lexicon's place name key for derived forms
    derived: bool
    first: int
    last: int
    place_id: str | None = None  # fixed by the lexicon for derived forms
    cue: str = ""
    cue_kinds: frozenset[str] = frozenset()
    evidence: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    as_code: bool = False
    needs_cue: bool = False  # a common word that names a place only with context support
    cued: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """What a span's words alone say about it as a name (the same for every occurrence of
    that spelling, so it is worked out once): its best places and the evidence before
    context."""

    candidates: tuple[Candidate, ...]
    as_code: bool  # written as an all-caps code (USA, VVO)
    score: float  # prominence adjusted by how the name attaches and how common the words are
    frequency: float  # zipf of the words (or of the uninflected key, if more common)
    self_evident: bool  # a major place under its own name: no context needed
    needs_cue: bool  # names a place only when the context says so
    compounds: bool  # prominent enough to open a compound (Russland-Besuch)
    common_noun: bool = False  # the spelling is a form of a German common noun (Zug, Bergen)
    dateline_only: bool = False  # a minor town in capitals: a place only as a dateline
    state_abbreviation: bool = False  # Va., N.C.: a place only after "Town, "


@dataclass(frozen=True, slots=True)
class Settings:
    """Weights of the recognition decision (see ``name_evidence``)."""

    threshold: float = 7.0
    coherence_window: float = 5.0
    coherence_km: float = 300.0
    common_word_zipf: float = 3.5
    common_word_weight: float = 3.0
    rare_word_zipf: float = 2.0
    rare_word_bonus: float = 2.0
    preposition_bonus: float = 3.0
    generic_bonus: float = 5.0
    function_word_zipf: float = 5.5
    very_common_zipf: float = 4.5
    compound_prominence: float = 9.0
    self_evident_prominence: float = 9.5
    all_caps_prominence: float = 9.0
    alternate_name_penalty: float = 3.0
    adjective_penalty: float = 8.0
    # A world city keeps its name after a first name (dass Ludwig Paris nicht mochte);
    # a smaller one there is a surname (Michael Jackson: Jackson, Mississippi is 10.1).
    world_city_prominence: float = 11.5


# Gaps between tokens repeat (" ", ", ", "-"): their verdicts are cached.
@lru_cache(maxsize=4096)
def _hyphen_joined(gap: str) -> bool:
    """``Russland-Besuch``, ``"Juche"-Doktrin``: a hyphen glues the next word on."""
    return gap.endswith("-") and not any(ch.isspace() for ch in gap) and len(gap) <= 2


@lru_cache(maxsize=4096)
def _joinable(gap: str) -> bool:
    """Tokens separated only by space, hyphen, a full stop or an apostrophe may form a name."""
    stripped = gap.strip()
    return len(gap) <= 3 and stripped in ("", "-", ".", "'", "’") and "\n" not in gap


_WEAK_PREPOSITIONS = frozenset({"von", "vom"})
# What ``_person_part`` found: no person (0), the place word as a surname (1, True: the text
# may name the person by it again) or as the first part of a name (2: Paris Jackson).
_SURNAME = 1
_FIRST_PART = 2
# A first name after a place word marks an epithet (the Arctic Alexander Kozlov) only if it
# is no common word too (General, Justice, River are first names somewhere).
_EPITHET_NAME_ZIPF = 4.5
_LEG_GOALS = frozenset({"nach", "bis", "über"})  # "von X nach Y": X is where a leg starts
# A dotted abbreviation before its last full stop (U.S, U.K), not "U.S. Virgin Islands".
_DOTTED_END = re.compile(r"(?:^|\.)[A-Za-z]{1,2}$")
# A hyphen joins a city to its district (Berlin-Mitte) when the district lies this close,
# or when the tail is a word this rare (Düsseldorf-Gerresheim) and no common noun.
_DISTRICT_KM = 30.0
_DISTRICT_MAX_ZIPF = 2.5
_DATELINE_MARKS = frozenset({"-", "–", "—", "(", ":", ",", "/"})
# Settlements take no article in German (in Zug); rivers, mountains, seas, countries may.
_SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
_ARTICLE_PREPOSITIONS = frozenset({"im", "am", "beim", "vom", "zum", "zur", "ins", "ans", "aufs"})
_DETERMINER = re.compile(
    r"d(?:er|ie|as|em|en|es)|k?ein(?:e[mnrs]?)?|"
    r"(?:dies|jen|jed|welch|manch|solch|all|sein|ihr|unser|eur|mein|dein|ander|beid|einig"
    r"|mehrer|viel|wenig|etlich|zahlreich)"
    r"(?:e[mnrs]?)?"
)


@lru_cache(maxsize=4096)
def _attributive_adjective(word: str) -> bool:
    """A lower-case declined adjective (feinstes, kleinen) — not an article or pronoun,
    and not a compass word (im nördlichen Essen is still the city)."""
    return (
        len(word) >= 4
        and word.isalpha()
        and word.islower()
        and word.endswith(("e", "en", "em", "er", "es"))
        and not _DETERMINER.fullmatch(word)
        and not word.startswith(("nord", "süd", "ost", "west", "zentral", "mittler"))
    )


def _is_title(key: str, cues: LanguageCues) -> bool:
    """A title or role before a person's name: Präsident, and German compounds ending in
    one (Abwehrchef, Bundestrainer, Ministerpräsident)."""
    if key in cues.titles:
        return True
    return any(
        key.endswith(head) and len(key) >= len(head) + 3 for head in cues.title_heads
    )


@lru_cache(maxsize=16_384)
def _given_name(text: str) -> bool:
    """A first name (Michael, Juri, Donna): German Wiktionary's, or one of the world's
    first names that Wiktionary knows as no common noun or place (not Mark, not Halle)."""
    classes = noun_classes(text)
    if NounClass.FIRST_NAME in classes:
        return True
    return not classes & (NounClass.COMMON | NounClass.PLACE) and is_first_name(text)


def _genitive_variants(key: str, lang: str) -> list[str]:
    """The token key and its forms without a genitive ending (Russlands, Russia's)."""
    forms = [key]
    if len(key) > 3 and key.endswith("s"):
        forms.append(key[:-1])
    if lang == "de" and len(key) > 4 and key.endswith("es"):
        forms.append(key[:-2])
    return forms


def _adjective_variants(key: str, lang: str) -> list[str]:
    """Other endings of a declined German adjective opening a name (Nahen → Naher Osten)."""
    if lang != "de":
        return []
    for ending in _GERMAN_ADJECTIVE_ENDINGS:
        if len(key) >= len(ending) + 3 and key.endswith(ending):
            stem = key[: -len(ending)]
            return [stem + new for new in ("e", "er", "en") if stem + new != key]
    return []


def _compound_noun(key: str) -> bool:
    """A German closed compound ending in a common noun (Residenzstadt, Atomkerne): a
    noun, not a person's name, however rare the whole word is."""
    return any(
        zipf(key[cut:], "de") >= _NOUN_TAIL_ZIPF for cut in range(3, len(key) - 3)
    )


@lru_cache(maxsize=4096)
def _noun_compound(word: str) -> bool:
    """A German closed compound ending in a common noun of four letters or more (aus
    Kapazitätsgründen): a noun, not a name. An ending that settlement names share (Dorf,
    Bach, Furt: Pfrondorf, Burgsteinfurt) or a frequent foreign word (Sobotovice) is none."""
    lower = word.lower()
    for cut in range(3, len(word) - 3):
        tail = lower[cut:]
        if tail in _SETTLEMENT_ENDINGS:
            continue
        frequency = zipf(tail, "de")
        if frequency >= _NOUN_TAIL_ZIPF and (
            frequency >= _COMMON_TAIL_ZIPF or NounClass.COMMON in noun_classes(tail.capitalize())
        ):
            return True
    return False


class _Memo(dict):
    """A dict that empties itself when full: bounded memory for per-process word memos."""

    def __init__(self, limit: int = _MEMO_LIMIT) -> None:
        super().__init__()
        self.limit = limit

    def remember(self, key: object, value: object) -> None:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value


class Recogniser:
    """Finds place mentions in one language's text."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        lexicon: DerivedLexicon | None = None,
        settings: Settings | None = None,
    ) -> None:
        if lexicon is None:
            from storymap.lexicon.derived import DerivedLexicon

            lexicon = DerivedLexicon.load()
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self._person_words: set[str] = set()
        self._unsupported: list[Recognised] = []
        # Per-process memos: the same words recur in every text (der, die, Russland).
        self._words: dict[str, dict[str, Word]] = {lang: {} for lang in CUES}
        self._derived_memo = _Memo()
        self._key_memo = _Memo()
        self._lookup_memo = _Memo(_WORD_MEMO_LIMIT)
        self._reading_memo = _Memo(_WORD_MEMO_LIMIT)
        self._name_like_memo = _Memo()
        self._clear_place_memo = _Memo()
        self._country_of: dict[str, str] = {}  # lexicon place id → its country code
        self._pair_heads = {form.form.split(" ", 1)[0] for form in lexicon if " " in form.form}
        self.settings = settings or Settings()

    # -- entry point -----------------------------------------------------------------

    def recognise(
        self, text: str, lang: str, start: int = 0, sentence_starts: Sequence[int] = ()
    ) -> list[Recognised]:
        return self.recognise_tokens(self.tokens(text, lang, start, sentence_starts), lang)

    def recognise_tokens(self, doc: Tokens, lang: str) -> list[Recognised]:
        """``recognise`` over tokens already split (the caller keeps them for later stages)."""
        cues = CUES[lang]
        text = doc.text
        self._person_words = self._names_of_people(doc, lang)
        names = self._name_matches(doc, lang)
        chosen = self._choose_names(doc, names, lang, cues)
        covered = {i for m in chosen for i in range(m.first, m.last + 1)}
        derived = self._derived(doc, lang, cues, covered)
        covered |= {i for m in derived for i in range(m.first, m.last + 1)}
        chosen += self._unlisted_names(doc, lang, covered)
        if lang == "en":
            for match in chosen:
                self._english_span(text, match)
                self._english_affixes(doc, match)
            for match in chosen + derived:
                self._landmark_name(doc, match)
        if lang == "de":
            districts = [m for m in chosen if self._city_district(doc, m)]
            if districts:
                tails = {m.last for m in districts}
                chosen = [
                    m for m in chosen
                    if m in districts or not tails.intersection(range(m.first, m.last + 1))
                ]
        found = sorted(chosen + derived, key=attrgetter("start", "end"))
        return [
            m for m in found
            if not self._inside_organisation(doc, m, cues, lang) and not self._lookalike(doc, m)
        ]

    @staticmethod
    def _lookalike(doc: Tokens, match: Recognised) -> bool:
        """A place word inside an event's name (Paris Fashion Week, Tour de France) or a
        race named by its towns (Paris–Nizza): no place mention, here only."""
        if not match.text[:1].isupper():
            return False
        return event_name(doc, match.first, match.last) or race_pair(
            doc, match.first, match.last
        )

    # -- tokens and words ------------------------------------------------------------

    def tokens(
        self, text: str, lang: str, start: int = 0, sentence_starts: Sequence[int] = ()
    ) -> Tokens:
        """The tokens of ``text[start:]`` (offsets into ``text``) with their words' facts."""
        parts = _SPLITTER.split(text[start:] if start else text)
        spellings = parts[1::2]
        bounds = list(accumulate(map(len, parts), initial=start))
        memo = self._words[lang]
        unseen = set(spellings).difference(memo)
        if unseen and len(memo) + len(unseen) > _WORD_MEMO_LIMIT:
            memo.clear()
            unseen = set(spellings)
        for spelling in unseen:
            memo[spelling] = self._word(spelling, lang)
        words = list(map(memo.__getitem__, spellings))
        return Tokens(
            text=text,
            spellings=spellings,
            words=words,
            keys=list(map(attrgetter("key"), words)),
            caps=list(map(attrgetter("capitalised"), words)),
            starts=bounds[1:-1:2],
            ends=bounds[2::2],
            gaps=parts[0::2],
            sentence_starts=frozenset(sentence_starts),
            size=len(words),
        )

    def _word(self, text: str, lang: str) -> Word:
        """Everything about one spelling that does not depend on where it stands."""
        key = normalize_token(text)
        capitalised = text[:1].isupper()
        all_caps = len(text) > 1 and text.isupper()
        # English marks the possessive with an apostrophe (China's); "Samos" is a name.
        if lang == "de" or text.endswith(("'s", "’s")):
            variants = tuple(_genitive_variants(key, lang))
        else:
            variants = (key,)
        compass: tuple[str, ...] = ()
        if lang == "de" and capitalised:
            compass = self._compass_parts(variants)
            variants += compass + self._dative_plural(key)
        derived = self._derived_form(key, lang)
        if derived is not None and derived.capitalised and not capitalised:
            derived = None  # "polish", "poles", not Polish, Poles
        unlisted = self._unlisted_shape(text, key, capitalised and not all_caps, lang)
        compound = None
        # Nordhessen names a part of Hessen as a whole word: no compound of "Nord".
        if derived is None and lang == "de" and capitalised and len(key) >= 7 and not compass:
            compound = self._compound_split(key, text, lang)
        return Word(
            text=text,
            key=key,
            capitalised=capitalised,
            all_caps=all_caps,
            variants=variants,
            openings=self._openings(key, capitalised, variants, lang),
            derived=derived,
            compound=compound,
            derives=derived is not None or compound is not None or key in self._pair_heads,
            title=_is_title(key, CUES[lang]),
            unlisted=unlisted != "",
            unlisted_cued=unlisted == "settlement",
            post_soviet_generic=any(v in _POST_SOVIET_GENERICS for v in variants),
            landmark_adjective=lang == "de" and self._landmark_adjective(text, key),
            landmark_head=lang == "de" and key in _GERMAN_LANDMARK_HEADS,
            saint=lang == "de" and capitalised and key in ("st", "sankt"),
            rare_name=lang == "de" and self._rare_name(text, key),
            settlement_noun=lang == "de" and key.endswith(_SETTLEMENT_NOUNS),
            road=lang == "de" and (text in ("A", "B") or _ROAD_CODE.fullmatch(text) is not None
                                   or key in _ROAD_NOUNS),
            given_name=(
                capitalised
                and not all_caps
                and _given_name(text)
                and not self._clear_place_word(key, lang)
            ),
        )

    @staticmethod
    def _rare_name(text: str, key: str) -> bool:
        """A capitalised word that is no known word, noun or first name (Hokkala)."""
        return (
            len(key) >= 3
            and text[:1].isupper()
            and not text.isupper()
            and zipf(text, "de") < 2.0
            and not noun_classes(text)
            and not _given_name(text)
        )

    def _landmark_adjective(self, text: str, key: str) -> bool:
        """A rare capitalised word ending in -er that no dictionary knows (Tegeler, Lehrter,
        Viernheimer): the adjective of a place, which opens a landmark's name."""
        return (
            len(key) >= 6
            and key.endswith("er")
            and text[:1].isupper()
            and not text.isupper()
            and zipf(text, "de") < 2.5
            and not noun_classes(text)
            and self._derived_form(key, "de") is None
            and not self.gazetteer.has_key(key)
        )

    def _openings(
        self, key: str, capitalised: bool, variants: tuple[str, ...], lang: str
    ) -> tuple[tuple[str, bool, bool], ...]:
        """The forms under which a name can start at this word and still be found.

        Names start capitalised, or (German) with a declined adjective that only opens a
        multiword name (koreanischen Halbinsel): a form counts if the name index has it as
        a one-word name a capitalised word may spell, or continues it with a space. The
        recogniser would reject every other match, so leaving them out changes nothing but
        the time spent. Listed last form first: the order in which the name walk has
        always emitted its matches.
        """
        if not capitalised and (
            lang != "de" or len(key) < 5 or not key.endswith(_ADJECTIVE_OPENING_ENDINGS)
        ):
            return ()
        forms = [(form, False) for form in variants]
        forms += [(form, True) for form in _adjective_variants(key, lang)]
        live = []
        for form, adjective in reversed(forms):
            is_key, continues = self._key_facts(form)
            single = is_key and capitalised and not adjective
            if single or continues:
                live.append((form, single, continues))
        return tuple(live)

    def _compass_parts(self, forms: tuple[str, ...]) -> tuple[str, ...]:
        """The place in a German compass compound the gazetteer lacks (Nordhessen,
        Süditaliens, Ostberlin → Hessen, Italien, Berlin): a part of a well-known place is
        shown at that place."""
        parts = []
        for form in forms:
            if self._key_facts(form)[0]:
                return ()  # a name of its own (Nordkorea, Westfalen, Südtirol)
            for prefix in _COMPASS_PREFIXES:
                rest = form[len(prefix):]
                if form.startswith(prefix) and len(rest) >= 4 and self._well_known(rest):
                    parts.append(rest)
                    break
        return tuple(parts)

    def _dative_plural(self, key: str) -> tuple[str, ...]:
        """The name in a German dative plural (in den Niederlanden → Niederlande)."""
        base = key[:-1]
        plural = len(key) > 6 and key.endswith("en") and not self._key_facts(key)[0]
        return (base,) if plural and self._well_known(base) else ()

    def _well_known(self, key: str) -> bool:
        """A country, region or major city under a name of its own (not an untagged
        alternate spelling: Mann for the Isle of Man)."""
        candidates = self._candidates(key, "de")
        if not candidates:
            return False
        top = candidates[0]
        return bool(top.flags & _NAMED) and (
            top.kind in _BIG_KINDS or top.prominence >= self.settings.compound_prominence
        )

    def _unlisted_shape(self, text: str, key: str, name_case: bool, lang: str) -> str:
        """What a rare capitalised word the gazetteer lacks may name by its form alone:
        "street" (German Knoopstraße, Stüdlhütte; English Royal before Street, checked where
        it stands), "settlement" (German Böckingen, checked for a cue where it stands) or ""."""
        if not name_case or zipf(text, lang) >= 1.5 or self.gazetteer.has_key(key):
            return ""
        if lang != "de":
            return "street"
        if key.endswith(_STREET_ENDINGS) and len(key) > 8:
            return "street"
        if len(key) < 7 or noun_classes(text):
            return ""  # a noun or a name Wiktionary knows (Tiefsee, Pfarrkirche, Michaela)
        lower = text.lower()
        for endings, shape in ((_LANDMARK_ENDINGS, "street"), (_SETTLEMENT_ENDINGS, "settlement")):
            ending = next((e for e in endings if lower.endswith(e)), None)
            if ending is None:
                continue
            head = text[: -len(ending)]
            if len(head) < 3 or NounClass.COMMON in noun_classes(head):
                return ""  # Sternenbrunnen, Wallberg: a noun before the ending
            bare = head[:-1] if head.endswith("s") else head
            if shape == "street" and (
                NounClass.COMMON in noun_classes(bare) or zipf(bare, lang) >= 3.5
            ):
                return ""  # Universitätskapelle, Langkirche: a noun or a word, not a name
            # Kunstspringen: a word longer than the ending closes the compound.
            if any(zipf(lower[cut:], lang) >= _NOUN_TAIL_ZIPF for cut in range(1, len(head) - 2)):
                return ""
            return shape
        return ""

    # -- memoised lookups ------------------------------------------------------------

    def _derived_form(self, key: str, lang: str) -> DerivedForm | None:
        memo = self._derived_memo
        try:
            return memo[(key, lang)]
        except KeyError:
            found = self.lexicon.lookup(key, lang)
            memo.remember((key, lang), found)
            return found

    def _key_facts(self, key: str) -> tuple[bool, bool]:
        """(is a gazetteer key, some longer key continues it with a space)."""
        memo = self._key_memo
        try:
            return memo[key]
        except KeyError:
            gazetteer = self.gazetteer
            facts = (gazetteer.has_key(key), gazetteer.has_prefix(key + " "))
            memo.remember(key, facts)
            return facts

    def _candidates(self, key: str, lang: str, as_code: bool = False) -> tuple[Candidate, ...]:
        """The best eight places for a key (the same names are looked up in every text)."""
        memo = self._lookup_memo
        try:
            return memo[(key, lang, as_code)]
        except KeyError:
            found = tuple(self.gazetteer.lookup_key(key, lang, limit=8, as_code=as_code))
            memo.remember((key, lang, as_code), found)
            return found

    # -- names -----------------------------------------------------------------------

    def _name_matches(self, doc: Tokens, lang: str) -> list[Recognised]:
        """Every token run whose (possibly uninflected) keys spell a gazetteer name."""
        found: list[Recognised] = []
        openers: Iterator[int] | list[int] = doc.where("openings")
        if lang == "en":
            generic_at = doc.where("post_soviet_generic")
            openers = sorted(set(openers).union(j - 1 for j in generic_at if j > 0))
        for i in openers:
            self._names_from(doc, i, found)
            if lang == "en" and doc.caps[i] and i + 1 < doc.size:
                self._post_soviet_name(doc, i, found)
        return found

    def _names_from(self, doc: Tokens, i: int, found: list[Recognised]) -> None:
        """Every name starting at token ``i``, walking the name index token by token
        (depth first; a form's longer names follow it)."""
        for form, single, continues in doc.words[i].openings:
            if single:
                found.append(Recognised(doc.starts[i], doc.ends[i], "", form, False, i, i))
            if continues:
                self._longer_names(doc, i, i, form, found)

    def _longer_names(
        self, doc: Tokens, i: int, j: int, prefix: str, found: list[Recognised]
    ) -> None:
        """Names that continue ``prefix`` (tokens i..j) with the next token's forms."""
        nxt = j + 1
        if nxt >= doc.size or nxt - i >= MAX_NAME_TOKENS:
            return
        # "Frankfurt (Oder)", "Halle (Saale)": a qualifier in brackets closes the name.
        bracketed = (
            doc.gaps[nxt] == " ("
            and doc.caps[nxt]
            and doc.text[doc.ends[nxt] : doc.ends[nxt] + 1] == ")"
        )
        if not (bracketed or _joinable(doc.gaps[nxt])):
            return
        # A name opened by a declined adjective must end capitalised (koreanischen Halbinsel).
        may_end = doc.caps[i] or doc.caps[nxt]
        end = doc.ends[nxt] + 1 if bracketed else doc.ends[nxt]
        for form in reversed(doc.words[nxt].variants):
            name = prefix + " " + form
            is_key, continues = self._key_facts(name)
            if is_key and may_end:
                found.append(Recognised(doc.starts[i], end, "", name, False, i, nxt))
            if bracketed:
                continue  # nothing continues past the closing bracket
            if continues:
                self._longer_names(doc, i, nxt, name, found)

    def _post_soviet_name(self, doc: Tokens, i: int, found: list[Recognised]) -> None:
        """English "Primorsky region" for the gazetteer's Primorsky Krai."""
        if not doc.words[i + 1].post_soviet_generic:
            return
        key = doc.keys[i]
        # "district's": the possessive's variants hold the bare generic word
        english = next(v for v in doc.words[i + 1].variants if v in _POST_SOVIET_GENERICS)
        for generic in _POST_SOVIET_GENERICS[english]:
            for stem in dict.fromkeys((key, key.replace("sky", "skiy"))):  # fixed order
                name = f"{stem} {generic}"
                if self.gazetteer.has_key(name):
                    found.append(
                        Recognised(doc.starts[i], doc.ends[i + 1], "", name, False, i, i + 1)
                    )

    def _choose_names(
        self, doc: Tokens, matches: list[Recognised], lang: str, cues: LanguageCues
    ) -> list[Recognised]:
        """Score every match, then keep the best non-overlapping ones (longest first)."""
        scored = []
        self._unsupported = []  # names the context did not back (see the end)
        for match in matches:
            match.text = doc.text[match.start : match.end]
            if self._plausible_name(doc, match, lang, cues):
                scored.append(match)
        threshold = self.settings.threshold
        strong = [m for m in scored if m.evidence >= threshold]
        weak = [m for m in scored if m.evidence < threshold]
        chosen = self._without_overlaps(strong, set())
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        # A weak reading is kept when it lies near the places the text clearly names
        # (the border village Hasan in a story about Vladivostok).
        anchors = list(  # each place once: a long text names the same places again and again
            dict.fromkeys(
                anchor_point(m.candidates[0].lat, m.candidates[0].lon) for m in chosen
                if m.candidates and m.candidates[0].kind not in _AREA_KINDS and not m.needs_cue
            )
        )
        rescued = [m for m in weak if self._near(m, anchors)]
        chosen += self._without_overlaps(rescued, taken)
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        # Coordination supports a common word: "Zug und Luzern", "Halle, Leipzig", and a
        # weakly supported German name in a list of places (Avignon, Darmstadt, Berlin);
        # English lists of capitalised words name people and firms as often.
        settled = {m.first for m in chosen if not m.needs_cue or m.cued}
        settled |= {m.last for m in chosen if not m.needs_cue or m.cued}
        if lang == "de":
            listed = [
                m for m in weak if not m.needs_cue and self._coordinated(doc, m, settled)
            ]
            chosen += self._without_overlaps(listed, taken)
        for match in chosen:
            if match.needs_cue and not match.cued:
                match.cued = self._coordinated(doc, match, settled)
        chosen = [m for m in chosen if not m.needs_cue or m.cued]
        # One reading per name in a text: "the Hasan station" is the Hasan the text has
        # placed with a cue before ("the border station of Hasan").
        named = {m.key for m in chosen if not m.derived and m.last == m.first}
        again = [m for m in self._unsupported if m.key in named and m.last == m.first]
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        return chosen + self._without_overlaps(again, taken)

    @staticmethod
    def _without_overlaps(matches: list[Recognised], taken: set[int]) -> list[Recognised]:
        """Longest and best-supported first; a token belongs to one name only."""
        chosen = []
        for match in sorted(matches, key=lambda m: (-(m.last - m.first), -m.evidence, m.start)):
            span = set(range(match.first, match.last + 1))
            if span & taken:
                continue
            taken |= span
            chosen.append(match)
        return chosen

    def _near(self, match: Recognised, anchors: list[AnchorPoint]) -> bool:
        limit = self.settings.coherence_km
        return any(
            nearest_km(candidate.lat, candidate.lon, anchors) <= limit
            for candidate in match.candidates[:3]
        )

    @staticmethod
    def _coordinated(doc: Tokens, match: Recognised, settled: set[int]) -> bool:
        keys, gaps = doc.keys, doc.gaps
        after = match.last + 1
        if after < doc.size and keys[after] in _CONJUNCTIONS and after + 1 in settled:
            return True
        if after < doc.size and gaps[after].strip() == "," and after in settled:
            return True
        before = match.first - 1
        if before >= 1 and keys[before] in _CONJUNCTIONS and before - 1 in settled:
            return True
        return gaps[match.first].strip() == "," and before in settled

    @staticmethod
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

    def _city_district(self, doc: Tokens, match: Recognised) -> bool:
        """"Berlin-Mitte", "Düsseldorf-Gerresheim": a city joined by a hyphen to one of its
        districts is one mention of the district, or of the city when the gazetteer does not
        know the district. The tail is a district when the gazetteer has a place of that name
        near the city, or when it is a rare word that is no common noun (not "Berlin-Besuch",
        and not "Berlin-Moskau", whose tail is a place of its own far away)."""
        tail = match.last + 1
        if (
            not match.derived
            or match.last != match.first
            or tail >= doc.size
            or not _hyphen_joined(doc.gaps[tail])
            or not match.candidates
            or match.candidates[0].kind not in _SETTLEMENT_KINDS
            or match.candidates[0].prominence < self.settings.compound_prominence
        ):
            return False
        word = doc.words[tail]
        if not word.capitalised or word.all_caps or doc.words[match.first].all_caps:
            return False
        if tail + 1 < doc.size and _hyphen_joined(doc.gaps[tail + 1]):
            return False  # Berlin-Mitte-Besuch, Rhein-Main-Neckar
        city = match.candidates[0]
        places = self._candidates(word.key, "de")
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

    @staticmethod
    def _english_affixes(doc: Tokens, match: Recognised) -> None:
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

    @staticmethod
    def _english_span(text: str, match: Recognised) -> None:
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

    def _plausible_name(
        self, doc: Tokens, match: Recognised, lang: str, cues: LanguageCues
    ) -> bool:
        first, last = match.first, match.last
        multiword = last > first
        spelling = (
            " ".join(doc.text_of(i) for i in range(first, last + 1))
            if multiword
            else doc.text_of(first)
        )
        reading = self._reading(match.key, spelling, doc.words[first], doc.words[last], lang)
        if reading is None:
            return False
        match.as_code = reading.as_code
        match.candidates = reading.candidates
        top = reading.candidates[0]
        # Compound first part: "Russland-Besuch", "US-Präsident" → a derived mention.
        # German compounds continue with a noun (US-Präsident); a lower-case part
        # continues a person's name (Young-tae). English: Russia-based, U.S.-led.
        if (
            last + 1 < doc.size
            and _hyphen_joined(doc.gaps[last + 1])
            and (doc.caps[last + 1] or lang == "en")
        ):
            if not reading.compounds:
                return False  # a minor place: the hyphen joins the parts of another name
            # German writes the compound as one word (Russland-Besuch: a derived mention);
            # English "London-based", "U.S.-led" modify with the name itself, as a noun
            # modifier does ("London police"): a plain mention.
            match.derived = lang == "de"
        if not multiword:
            part = self._person_part(doc, match, top, lang, cues)
            if part:
                # Only a surname is remembered for the rest of the text (John Tyler …
                # Tyler said): a place word that opens a name (London Homeless Coalition,
                # Paris Jackson) still names the place elsewhere ("in London").
                if part != _FIRST_PART:
                    self._person_words.add(match.key)
                return False
        if not multiword and match.key in self._person_words and top.kind not in _BIG_KINDS:
            return False  # "Tyler" after "John Tyler": the person again
        match.evidence = self.name_evidence(doc, match, reading, lang, cues)
        if match.evidence >= self.settings.threshold - self.settings.coherence_window:
            return True
        if match.evidence > -50:  # not ruled out (a dateline-only word elsewhere, say)
            self._unsupported.append(match)
        return False

    def _reading(
        self, key: str, spelling: str, first: Word, last: Word, lang: str
    ) -> Reading | None:
        """The memoised context-free verdict on ``spelling`` as the name ``key``."""
        memo = self._reading_memo
        try:
            return memo[(key, spelling, lang)]
        except KeyError:
            reading = self._read_name(key, spelling, first, last, lang)
            memo.remember((key, spelling, lang), reading)
            return reading

    def _read_name(
        self, key: str, spelling: str, first: Word, last: Word, lang: str
    ) -> Reading | None:
        """What the words alone say about a name reading: None when they rule it out
        (lower case, a compass word, a code or an all-caps word that names nothing big, a
        common word that merely looks inflected), else its candidates and prior evidence."""
        s = self.settings
        multiword = " " in spelling
        if not first.capitalised and not (
            multiword
            and last.capitalised
            and lang == "de"
            and first.key.endswith(_ADJECTIVE_OPENING_ENDINGS)
        ):
            return None
        if not multiword and (first.key in _COMPASS or first.key in CUES[lang].generic_terms):
            return None  # "Osten", "Region": a direction or a generic noun, not a name
        if lang == "en" and not multiword and first.key in _COMPASS_ADJECTIVES:
            return None  # "Southern influence", "Western diplomats": no place on its own
        as_code = first.all_caps and not multiword and len(first.text) <= 5
        candidates = self._candidates(key, lang, as_code)
        if not candidates:
            return None
        top = candidates[0]
        if lang == "en" and len(key) <= 5:
            state = next(
                (c for c in candidates if c.flags == _ABBREVIATION and c.kind == "admin1"), None
            )
            if state is not None and (top is state or not top.flags & _NAMED):
                # "Gainesville, Va.", "RALEIGH, N.C.": a state's abbreviation, a place only
                # after the town it qualifies (see name_evidence)
                return Reading(
                    candidates=(state,), as_code=False, score=0.0, frequency=0.0,
                    self_evident=False, needs_cue=False, compounds=False,
                    state_abbreviation=True,
                )
        if top.flags == _ABBREVIATION and not (as_code and top.kind in _CODE_KINDS):
            return None
        if top.id in _TRADE_BLOCS or (lang == "de" and top.id in _INSTITUTIONS_DE):
            return None  # "die EU fordert", "EU-Mission", NAFTA: an institution, no place
        if not multiword and first.key in _CALENDAR_WORDS[lang] and top.kind not in _BIG_KINDS:
            return None  # "in March", "am Freitag": a month or a weekday, not a town
        dateline_only = False
        if first.all_caps and not (
            (top.flags & _ABBREVIATION and top.kind in _CODE_KINDS)
            or (top.flags & _NAMED and top.prominence >= s.all_caps_prominence)
        ):
            # TASS is an agency, not the village Tass; a smaller town in capitals is a
            # place only where a dateline stands (RIEDLINGEN - Thema Nummer eins ...).
            # (in a dateline also by a name no source tags with a language: NIMWEGEN)
            if multiword or top.kind not in _SETTLEMENT_KINDS:
                return None
            dateline_only = True
        if not multiword and first.key != key and not first.key.endswith(key):
            # The surface without the ending the key dropped (keys are folded: Ägyptens →
            # aegypten, so the base word's frequency must come from the surface).
            base = first.text[: len(first.text) - (len(first.key) - len(key))]
            if zipf(first.text, lang) > max(2.5, zipf(base, lang)):
                return None  # "Chaos" is a word, not the genitive of Chao (but Russlands is)
        reading = self._prior_evidence(key, spelling, candidates, as_code, lang)
        return replace(reading, dateline_only=True) if dateline_only else reading

    def _prior_evidence(
        self, key: str, spelling: str, candidates: tuple[Candidate, ...], as_code: bool,
        lang: str,
    ) -> Reading:
        """The first terms of ``name_evidence``: the place's prominence, adjusted by how
        common the words are otherwise."""
        from gazetteer.store import match_score

        s = self.settings
        top = candidates[0]
        score = match_score(top, lang, as_code)
        named = bool(top.flags & _NAMED) or (as_code and bool(top.flags & _ABBREVIATION))
        if not named:
            # Only an untagged alternate spelling (Mann for the Isle of Man, Liga for Riga).
            score -= s.alternate_name_penalty
        self_evident = named and top.prominence >= s.self_evident_prominence
        # An inflected form (Kims) is as common as its base word (Kim).
        frequency = max(zipf(spelling, lang), zipf(key, lang))
        classes = noun_classes(spelling) if lang == "de" and " " not in spelling else NounClass.NONE
        common_noun = NounClass.COMMON in classes
        # Wiktionary knows the word only as a place (Darmstadt): frequent because it is one.
        place_word = NounClass.PLACE in classes and not common_noun
        if not self_evident and not place_word:
            # Bayern and Russland are common words because they are common places.
            score -= s.common_word_weight * max(0.0, frequency - s.common_word_zipf)
        if frequency < s.rare_word_zipf:
            score += s.rare_word_bonus
        # A very common word (Zug, Boden, Station) names a minor place only when the
        # context says so; countries and major cities need no such help.
        needs_cue = frequency >= s.very_common_zipf and not self_evident and not place_word
        needs_cue |= (
            common_noun
            and NounClass.PLACE not in classes
            and not self_evident
            and not top.flags & _GERMAN_SPELLING
        )
        if lang == "de" and not self_evident and top.country not in _GERMAN_SPEAKING:
            # A minor foreign place under a name German does not tag as its own is more
            # often a person (Jackson, Matthews, Mercedes) unless the context says "place".
            needs_cue |= not top.flags & _GERMAN_SPELLING
        return Reading(
            candidates=candidates,
            as_code=as_code,
            score=score,
            frequency=frequency,
            self_evident=self_evident,
            needs_cue=needs_cue,
            compounds=top.prominence >= s.compound_prominence or top.kind in _BIG_KINDS,
            common_noun=common_noun,
        )

    def name_evidence(
        self,
        doc: Tokens,
        match: Recognised,
        reading: Reading,
        lang: str,
        cues: LanguageCues,
    ) -> float:
        """How strongly the span reads as a place name: the words' prior evidence (see
        ``_prior_evidence``), adjusted by the context right before and after the name."""
        s = self.settings
        if reading.state_abbreviation:
            return self._state_abbreviation(doc, match)
        score = reading.score
        dateline = doc.words[match.first].all_caps and doc.dateline(match.first)
        if reading.dateline_only and not dateline:
            return -100.0
        cued = dateline
        if dateline:
            score += s.preposition_bonus
        if (
            doc.initial(match.first)
            and reading.frequency >= s.function_word_zipf
            and not reading.self_evident
        ):
            score -= 10.0
        if match.first > 0:
            before = match.first - 1
            before_key = doc.keys[before]
            # "von" is also the genitive "of" (das Betreten von Zimmern): for a word that is
            # common on its own it says nothing about a place.
            weak = (
                before_key in _WEAK_PREPOSITIONS
                and reading.frequency >= s.common_word_zipf
                and not reading.self_evident
            )
            # "im Zug", "unter den Bergen", "beim Brand": a noun with its article.
            noun_with_article = (
                reading.common_noun
                and reading.candidates[0].kind in _SETTLEMENT_KINDS
                and (before_key in _ARTICLE_PREPOSITIONS or _DETERMINER.fullmatch(before_key))
            )
            if noun_with_article:
                score -= s.adjective_penalty
            elif before_key in cues.place_prepositions and not weak:
                score += s.preposition_bonus
                cued = True
            country = self._adjective_country(doc, before)
            if country and any(c.country == country for c in reading.candidates[:3]):
                # "im englischen Hatfield", "im russischen Wladiwostok": the country's
                # adjective before a place of that country.
                score += s.preposition_bonus
                cued = True
            elif (
                lang == "de"
                and reading.frequency >= s.common_word_zipf
                # "feinstes Essen" is food; "der tropische Atlantik" is no common noun.
                and (
                    reading.common_noun
                    or not (reading.self_evident or reading.candidates[0].kind in _BIG_KINDS)
                )
                and doc.gaps[match.first] == " "
                and _attributive_adjective(doc.text_of(before))
            ):
                score -= s.adjective_penalty  # "feinstes Essen": a common noun, not a city
            cue = self._generic_before(doc, match.first, lang, cues)
            if cue is not None:
                before, generic = cue
                cued = True
                score += s.generic_bonus
                match.cue = doc.text_of(before)
                match.cue_kinds = generic
                if before_key in cues.span_generics:
                    match.start = doc.starts[before]
                    match.first = before
                    match.text = doc.text[match.start : match.end]
        if match.last > match.first and doc.gaps[match.last] == " (":
            cued = True  # "Frankfurt (Oder)": the writer disambiguated the name
            score += s.generic_bonus
        if lang == "en" and match.last > match.first and doc.words[match.last].post_soviet_generic:
            cued = True  # "Hasansky district": the name carries its generic word
            score += s.generic_bonus
        if lang == "en" and match.last + 1 < doc.size:
            after = match.last + 1
            generic = cues.generic_terms.get(doc.keys[after])
            if generic is not None and doc.gaps[after] == " " and not doc.caps[after]:
                cued = True
                score += s.generic_bonus
                match.cue, match.cue_kinds = doc.text_of(after), generic
        if (
            lang == "en"
            and not cued
            and reading.needs_cue
            and self._country_or_world_city(reading.candidates[0])
            and subject_position(doc, match.first, match.last)
        ):
            cued = True  # "Turkey has become…", "officials said Turkey asked…"
        match.cued = cued
        match.needs_cue = reading.needs_cue
        return score

    def _country_or_world_city(self, place: Candidate) -> bool:
        return place.kind == "country" or (
            place.kind in _SETTLEMENT_KINDS
            and place.prominence >= self.settings.world_city_prominence
        )

    def _state_abbreviation(self, doc: Tokens, match: Recognised) -> float:
        """Evidence for a state's abbreviation: certain after "Town, " and before its full
        stop (Gainesville, Va. / RALEIGH, N.C. (AP)), which the mention then includes;
        nothing elsewhere ("Ill." or "Miss." on their own are words)."""
        before = match.first - 1
        if (
            before < 0
            or doc.gaps[match.first] != ", "
            or not doc.caps[before]
            or doc.text[match.end : match.end + 1] != "."
        ):
            return -100.0
        match.end += 1
        match.text = doc.text[match.start : match.end]
        match.cued = True
        return self.settings.threshold + self.settings.generic_bonus

    @staticmethod
    def _generic_before(
        doc: Tokens, first: int, lang: str, cues: LanguageCues
    ) -> tuple[int, frozenset[str]] | None:
        """The generic noun that introduces the name at token ``first`` (its index and the
        kinds it implies): "Grenzstadt Chassan", English "the state of Washington". Never
        across a line break: "Insel\n\nBerlin" is two passages."""
        before = first - 1
        if before < 0 or "\n" in doc.gaps[first]:
            return None
        generic = cues.generic_terms.get(doc.keys[before])
        if generic is not None:
            return before, generic
        # "the island of Crete", not "the capital of France" or "the border territory of
        # Georgia" (a larger place) or "Torkula village of Guma" (the village is Torkula)
        generic_at = before - 1
        if (
            lang != "en"
            or doc.keys[before] != "of"
            or generic_at < 0
            or doc.gaps[before] != " "
            or doc.caps[generic_at]
            or doc.keys[generic_at] not in _GENERICS_BEFORE_OF
            or (generic_at > 0 and doc.caps[generic_at - 1])
        ):
            return None
        return generic_at, cues.generic_terms[doc.keys[generic_at]]

    def _adjective_country(self, doc: Tokens, i: int) -> str:
        """The country code of the country or region a lower-case adjective at token ``i``
        names (englischen → England → GB, bayerischen → DE), or an empty string."""
        form = doc.words[i].derived
        if form is None or form.type != "adjective" or doc.caps[i] or doc.gaps[i + 1] != " ":
            return ""
        place = self._country_of.get(form.place_id)
        if place is None:
            found = self.gazetteer.get(form.place_id)
            area = found is not None and found.kind in _AREA_KINDS
            place = self._country_of[form.place_id] = found.country if area else ""
        return place

    def _person_part(
        self,
        doc: Tokens,
        match: Recognised,
        top: Candidate,
        lang: str,
        cues: LanguageCues,
    ) -> int:
        """A single-token name inside a person's name (Wladimir Putin, Andrei Lankow): 0, or
        ``_SURNAME`` / ``_FIRST_PART`` (a true value) for where it stands in the name."""
        index = match.first
        if doc.keys[index] != match.key and (
            top.kind in _BIG_KINDS or self._clear_place_word(match.key, lang)
        ):
            return False  # an inflected well-known place (Chinas, Berlins) is not a first name
        if lang == "de" and top.kind in ("country", "continent", "historic_country"):
            return False  # "Kims Russland-Besuch": German names no person after a country

        words = doc.words
        after = index + 1 if index + 1 < doc.size else None
        before = index - 1 if index > 0 else None
        if (
            after is not None
            and doc.gaps[after] == " "
            and lang == "de"
            and self._name_like(words[after], lang, cues)
        ):
            return _FIRST_PART
        if (
            lang == "en"
            and after is not None
            and doc.gaps[after] == " "
            and self._first_name_before_surname(doc, index, after)
        ):
            return _FIRST_PART  # "Paris Jackson", "Georgia May Jagger", "India Knight"
        if (
            lang == "en"
            and after is not None
            and after + 1 < doc.size
            and doc.gaps[after] == " "
            and doc.gaps[after + 1] == " "
            and not doc.initial(after)
            and _given_name(words[after].text)
            and not words[after].title
            and zipf(words[after].text, "en") < _EPITHET_NAME_ZIPF
            and self._surname_after_first_name(doc, after, after + 1)
        ):
            return _FIRST_PART  # "the Arctic Alexander Kozlov": the epithet of a person
        if (
            after is not None
            and doc.gaps[after] == " "
            and top.prominence < self.settings.world_city_prominence
            and lang == "de"
            and _given_name(words[index].text)
            and (
                self._surname_like(words[after], lang)
                or NounClass.SURNAME in noun_classes(words[after].text)
            )
        ):
            return _FIRST_PART  # "Wladimir Putin", "Uta Hagen": a first name before a surname
        if (
            lang == "en"
            and before is not None
            and doc.gaps[index] == " "
            and self._surname_after_first_name(doc, before, index)
        ):
            return _SURNAME  # "Andrew Jordan", "Tom Holland", "Paris Jackson"
        if (
            before is not None
            and doc.gaps[index] == " "
            and not (lang == "en" and doc.initial(before))
            and (
                self._name_like(words[before], lang, cues)
                or (
                    top.prominence < self.settings.world_city_prominence
                    and self._first_name(words[before], lang)
                )
            )
        ):
            return True
        if lang == "en" and self._speaker(doc, index) and top.kind not in _BIG_KINDS:
            return not self._clear_place_word(match.key, lang)  # "Payette said" (not Moscow)
        if before is None or top.kind in _BIG_KINDS:
            return False
        if words[before].title:
            return True
        earlier = before - 1
        if earlier < 0 or doc.gaps[index] not in (" ", ". "):
            return False
        if doc.gaps[index] == ". ":
            # "A. Korsakow", "Robert R. Livingston": an initial before a surname.
            return len(doc.text_of(before)) == 1 and doc.caps[before]
        # "Stürmer Nelson Valdez", "Oberst Ollendorf": a title before a first name;
        # "Patrick von Brunn": a first name before a nobiliary particle.
        if doc.gaps[before] != " ":
            return False
        if words[earlier].title and doc.caps[before]:
            return True
        if doc.keys[before] in _WEAK_PREPOSITIONS and self._first_name(words[earlier], lang):
            # "Patrick von Brunn" is a name; "Carl von Mannheim nach Pforzheim" a leg
            after = index + 1
            return not (after < doc.size and doc.keys[after] in _LEG_GOALS)
        # "Marcelo Rebelo de Sousa", "Mike de Kock": a name, a particle, the surname.
        return (
            doc.text_of(before) in _SURNAME_PARTICLES
            and doc.caps[earlier]
            and not words[earlier].all_caps
            and doc.gaps[before] == " "
            and (
                words[earlier].given_name
                # German "die Vorstädte von Wien": "von" after a noun is "of"
                or (doc.keys[before] not in ("von", "der") and self._name_like(
                    words[earlier], lang, cues
                ))
            )
        )

    def _big_place(self, key: str) -> bool:
        """A country, region or world city: no surname after a place-named first name."""
        candidates = self._candidates(key, "en")
        return bool(candidates) and (
            candidates[0].kind in _BIG_KINDS
            or candidates[0].prominence >= self.settings.world_city_prominence
        )

    def _first_name_before_surname(self, doc: Tokens, index: int, after: int) -> bool:
        """English: the place word at ``index`` is a first name and the next word a surname
        (Paris Jackson, India Knight, Georgia May Jagger; not Paris Fashion Week, Houston
        Rockets, London Homeless Coalition)."""
        word, following = doc.words[index], doc.words[after]
        if (
            word.all_caps
            or not following.capitalised
            or following.all_caps
            or not first_name(word.text, doc.initial(index))
            or self._key_facts(f"{word.key} {following.key}")[0]
        ):
            return False
        if surname_after(following.text):
            return not (
                self._clear_place_word(following.key, "en") and self._big_place(following.key)
            )
        # A first name no dictionary knows as a place (Vladimir, Gary) before any rare
        # capitalised word: Vladimir Putin, Gary Matson.
        return _given_name(word.text) and self._name_like(following, "en", CUES["en"])

    def _surname_after_first_name(self, doc: Tokens, before: int, index: int) -> bool:
        """English: the place word at ``index`` is the surname after a first name (Andrew
        Jordan, Tom Holland, Kobe Bryant); after a place-named first name only a surname
        that is no big place (Paris Jackson, not Victoria London)."""
        previous, word = doc.words[before], doc.words[index]
        if (
            not previous.capitalised
            or previous.all_caps
            or previous.key in _CALENDAR_WORDS["en"]
            or not first_name(previous.text, doc.initial(before))
            or self._key_facts(f"{previous.key} {word.key}")[0]  # San Marino, Saint Lucia
        ):
            return False
        if not self._clear_place_word(previous.key, "en"):
            return True
        return surname_after(word.text) and not self._big_place(word.key)

    @staticmethod
    def _speaker(doc: Tokens, index: int) -> bool:
        """English "Payette said", "said Noma.": a name next to a verb of speech."""
        after = index + 1
        if after < doc.size and doc.gaps[after] == " " and doc.keys[after] in _SPEECH_VERBS:
            return True
        before = index - 1
        return (
            before >= 0
            and doc.gaps[index] == " "
            and doc.keys[before] in _SPEECH_VERBS
            and (after >= doc.size or doc.gaps[after].strip()[:1] in (".", ",", ";"))
        )

    def _first_name(self, word: Word, lang: str) -> bool:
        """A first name (Michael, Wladimir) however common: what follows is a surname."""
        return (
            lang == "de"
            and word.capitalised
            and not word.all_caps
            and _given_name(word.text)
            and not self._clear_place_word(word.key, lang)
        )

    def _surname_like(self, word: Word, lang: str) -> bool:
        """A capitalised word that is no common noun and no well-known place (Putin)."""
        return (
            word.capitalised
            and not word.all_caps
            and NounClass.COMMON not in noun_classes(word.text)
            and not self._clear_place_word(word.key, lang)
        )

    def _name_like(self, word: Word, lang: str, cues: LanguageCues) -> bool:
        """Whether a word may be part of a person's name (memoised: it depends on the word
        alone)."""
        memo = self._name_like_memo
        try:
            return memo[(word.text, lang)]
        except KeyError:
            pass
        # German capitalises every noun, so only rare words count as names there; in
        # English any capitalised word that is not a common one continues a proper name.
        rare = 3.0 if lang == "de" else 4.5
        like = (
            word.capitalised
            and not word.all_caps
            and not word.title
            and word.key not in cues.place_prepositions
            and word.key not in cues.generic_terms
            and word.key not in _COMPASS_ADJECTIVES
            and zipf(word.text, lang) < rare
            and not self._clear_place_word(word.key, lang)
            and not (lang == "de" and _compound_noun(word.key))  # last: one zipf per cut
        )
        memo.remember((word.text, lang), like)
        return like

    def _world_city(self, key: str, lang: str) -> bool:
        candidates = self._candidates(key, lang)
        return bool(candidates) and (
            candidates[0].prominence >= self.settings.world_city_prominence
        )

    def _names_of_people(self, doc: Tokens, lang: str) -> set[str]:
        """Words seen in people's names in this text (President John Tyler → tyler; Kobe
        Bryant → bryant, Mike de Kock → kock), so that a later bare "Tyler" or "Bryant" is
        read as the person, not as Tyler, Texas."""
        words: set[str] = set()
        for i in doc.where("title"):
            if i + 2 < doc.size:
                run = (i + 1, i + 2)
                if all(doc.caps[j] and _joinable(doc.gaps[j]) for j in run):
                    words.update(doc.keys[j] for j in run)
        for i in doc.where("given_name"):
            surname = i + 1
            if surname + 1 < doc.size and doc.keys[surname] in _NAME_PARTICLES:
                surname += 1  # Mike de Kock, Ludwig van Beethoven
            if (
                surname < doc.size
                and doc.caps[surname]
                and not doc.words[surname].all_caps
                and doc.gaps[surname] == " "
                and (surname == i + 1 or doc.gaps[i + 1] == " ")
                and not doc.words[surname].title
                and not self._key_facts(f"{doc.keys[i]} {doc.keys[surname]}")[0]
                and not self._world_city(doc.keys[surname], lang)  # dass Ludwig Paris …
                and not (surname > i + 1 and surname + 1 < doc.size
                         and doc.keys[surname + 1] in _LEG_GOALS)  # Carl von Mannheim nach …
            ):
                words.add(doc.keys[surname])
        return words

    def _clear_place_word(self, key: str, lang: str) -> bool:
        """Whether a token on its own (or in the genitive) names a well-known place."""
        memo = self._clear_place_memo
        try:
            return memo[(key, lang)]
        except KeyError:
            pass
        clear = self._derived_form(key, lang) is not None
        for form in _genitive_variants(key, lang):
            candidates = self._candidates(form, lang)
            if candidates and candidates[0].prominence >= 9.0:
                clear = True
                break
        memo.remember((key, lang), clear)
        return clear

    # -- names the gazetteer does not know ----------------------------------------------

    def _unlisted_names(self, doc: Tokens, lang: str, covered: set[int]) -> list[Recognised]:
        """Names missing from the gazetteer, recognised by their form. They stay unresolved
        (the map cannot place them offline; an override or the online geocoder can):

        - streets and landmarks: German Knoopstraße, Stüdlhütte, Marbachsee on their own,
          English Royal Street;
        - German settlements (Böckingen, Gosenbach) after a locative preposition or a generic
          noun (in Böckingen, Gemeinde Gosenbach), and again wherever the text repeats them.
          Any rare word after "in" would catch them too, but in German those are mostly rare
          compounds (aus Kapazitätsgründen): measured on GermEval that cost more precision
          than it gave recall, so the word must end like a place name as well."""
        found = []
        candidates = [i for i in doc.where("unlisted") if i not in covered]
        if lang == "de":
            cues = CUES[lang]
            cued = {
                doc.keys[i] for i in candidates
                if doc.words[i].unlisted_cued
                and i > 0
                and doc.gaps[i] == " "
                and (doc.keys[i - 1] in cues.place_prepositions
                     or doc.keys[i - 1] in cues.generic_terms
                     or (doc.keys[i - 1] in _MOUNTAIN_ARTICLES
                         and doc.keys[i].endswith(_MOUNTAIN_ENDINGS)))
            }
            found = [
                self._unlisted(doc, i, i) for i in candidates
                if not doc.words[i].unlisted_cued or doc.keys[i] in cued
            ]
            for finder in (
                self._saint_names, self._introduced_names, self._roads,
                self._after_prepositions, self._landmark_names,
            ):
                found += finder(doc, covered)
            # One name per token, the longest: "St. Veitskapelle", not "Veitskapelle";
            # "Gemeinde Tegeler See": the landmark, not "Tegeler".
            return self._without_overlaps(found, set())
        found += [self._unlisted(doc, i, i) for i in road_numbers(doc, covered)]
        for i in candidates:
            street = i + 1
            if (
                street < doc.size
                and doc.keys[street] in _ENGLISH_STREETS
                and doc.caps[street]
                and doc.gaps[street] == " "
            ):
                found.append(self._unlisted(doc, i, street))
        return found

    @staticmethod
    def _after_prepositions(doc: Tokens, covered: set[int]) -> list[Recognised]:
        """German "in Skovlunde", "nach Shigaraki": a word no dictionary knows right after a
        locative preposition, unless it is a compound of a common noun."""
        found = []
        for i in doc.where("rare_name"):
            if (
                i in covered
                or i == 0
                or doc.gaps[i] != " "
                or doc.keys[i - 1] not in _LOCATIVES
                or (i + 1 < doc.size and _hyphen_joined(doc.gaps[i + 1]))  # in Surround-Bereiche
                or _noun_compound(doc.text_of(i))
            ):
                continue
            following = i + 1
            last = i
            if following < doc.size and doc.gaps[following] == " " and doc.caps[following]:
                if doc.words[following].rare_name:
                    last = following  # a name of two words: in Wildbad Kreuth
                else:
                    # an attribute of the noun after it: a person's genitive (in Papens
                    # Vizekanzlei) or a place adjective (in Kleinkleckersdorfer Wäldern)
                    continue
            found.append(Recogniser._unlisted(doc, i, last))
        return found

    @staticmethod
    def _landmark_names(doc: Tokens, covered: set[int]) -> list[Recognised]:
        """A place adjective and a landmark noun: Tegeler See, Gubener Straße."""
        found = []
        for i in doc.where("landmark_adjective"):
            head = i + 1
            if (
                head < doc.size
                and i not in covered
                and head not in covered
                and doc.words[head].landmark_head
                and doc.caps[head]
                and doc.gaps[head] == " "
            ):
                found.append(Recogniser._unlisted(doc, i, head))
        return found

    @staticmethod
    def _roads(doc: Tokens, covered: set[int]) -> list[Recognised]:
        """German roads: "die A 7", "auf der A1", "zur B 27", "die Bundesstraße 216" (not the
        Audi A6 or DIN A4: an article or preposition must introduce the road)."""
        found = []
        for i in doc.where("road"):
            if i in covered or i == 0 or doc.keys[i - 1] not in _ROAD_OPENERS:
                continue
            if doc.gaps[i] != " ":
                continue
            text = doc.text_of(i)
            last = i
            spelled_out = text in ("A", "B") or doc.keys[i] in _ROAD_NOUNS
            if not spelled_out and not (
                doc.keys[i - 1] in ("zur", "autobahn")
                or (i > 1 and doc.keys[i - 2] in _ROAD_PREPOSITIONS)
            ):
                continue  # "die A1 konnte 706 Kassetten speichern": a model, unless "auf der A1"
            if spelled_out:
                number = i + 1
                if (
                    number >= doc.size
                    or doc.gaps[number] != " "
                    or not doc.text_of(number).isdigit()
                    or len(doc.text_of(number)) > 3
                ):
                    continue
                last = number
            code = doc.text[doc.starts[i] : doc.ends[last]].replace(" ", "")
            if _AIRBUS.fullmatch(code):
                continue  # "die A 380": an aircraft, not a motorway
            found.append(Recogniser._unlisted(doc, i, last))
        return found

    @staticmethod
    def _introduced_names(doc: Tokens, covered: set[int]) -> list[Recognised]:
        """Rare names a German settlement noun introduces, and the names listed with them:
        "die Gemeinde Pflückuff", "die Dörfer Hokkala, Koskimäki-Huhtala und Oikari"."""
        found = []
        for i in doc.where("settlement_noun"):
            j = i + 1
            if j >= doc.size or doc.gaps[j] != " " or not doc.caps[i]:
                continue
            stop = min(doc.size, i + 100)  # a list of names, not a walk over the text
            while j < stop and (doc.words[j].rare_name or j in covered):
                last = j
                while (  # a hyphenated name: Koskimäki-Huhtala
                    last + 1 < doc.size
                    and doc.gaps[last + 1] == "-"
                    and doc.words[last + 1].rare_name
                ):
                    last += 1
                if j not in covered and last not in covered:
                    found.append(Recogniser._unlisted(doc, j, last))
                nxt = last + 1
                if nxt < doc.size and doc.gaps[nxt].strip() == ",":
                    j = nxt
                elif (
                    nxt + 1 < doc.size
                    and doc.keys[nxt] in _CONJUNCTIONS
                    and doc.gaps[nxt] == " "
                    and doc.gaps[nxt + 1] == " "
                ):
                    j = nxt + 1
                else:
                    break
        return found

    @staticmethod
    def _saint_names(doc: Tokens, covered: set[int]) -> list[Recognised]:
        """German "St. Peter", "St. Johann Baptist", "Sankt Willibrord" that the gazetteer
        does not know as a town: the name of a church or another landmark (Kirche St.
        Peter, von St. Willibrord)."""
        found = []
        for i in doc.where("saint"):
            name = i + 1
            if (
                i in covered
                or name >= doc.size
                or name in covered
                or doc.gaps[name] not in (_SAINT_GAPS if doc.keys[i] == "st" else (" ",))
                or not doc.caps[name]
                or doc.words[name].all_caps
            ):
                continue
            last = name
            second = name + 1
            if (
                second < doc.size
                and second not in covered
                and doc.gaps[second] == " "
                and doc.caps[second]
                and not noun_classes(doc.text_of(second))
                and zipf(doc.text_of(second), "de") < 3.0
            ):
                last = second
            found.append(Recogniser._unlisted(doc, i, last))
        return found

    @staticmethod
    def _unlisted(doc: Tokens, first: int, last: int) -> Recognised:
        text = doc.text[doc.starts[first] : doc.ends[last]]
        return Recognised(
            doc.starts[first], doc.ends[last], text, f"?{normalize_token(text)}", False,
            first, last, evidence=0.0,
        )

    # -- derived forms ---------------------------------------------------------------

    def _derived(
        self, doc: Tokens, lang: str, cues: LanguageCues, covered: set[int]
    ) -> list[Recognised]:
        found = []
        skip = -1
        for i in doc.where("derives"):
            if i in covered or i <= skip:
                continue
            if i > 0 and doc.keys[i - 1] == "trans" and doc.gaps[i] == "-":
                continue  # the Trans-Siberian Railway crosses Siberia; it names no place
            pair = self._two_token_form(doc, i, lang, covered)
            if pair is not None:
                found.append(pair)
                skip = pair.last
                continue
            word = doc.words[i]
            form = word.derived
            if form is not None and form.type in ("city_adjective", "adjective"):
                facility = self._facility(doc, i, form, cues)
                if facility is not None:
                    found.append(facility)
                    skip = facility.last
                    continue
            if form is not None:
                found.append(
                    Recognised(
                        doc.starts[i], doc.ends[i], word.text, form.form, True, i, i,
                        place_id=form.place_id,
                    )
                )
                continue
            if word.compound is not None:
                length, key, place_id = word.compound
                start = doc.starts[i]
                found.append(
                    Recognised(
                        start, start + length, word.text[:length], key, True, i, i,
                        place_id=place_id,
                    )
                )
        return found

    def _two_token_form(
        self, doc: Tokens, i: int, lang: str, covered: set[int]
    ) -> Recognised | None:
        """Derived forms of two words: North Korean, South Korean(s), Hong Konger."""
        following = i + 1
        if doc.keys[i] not in self._pair_heads or following >= doc.size or following in covered:
            return None
        gap = doc.gaps[following]
        if not _joinable(gap) or gap.strip():
            return None
        form = self.lexicon.lookup(f"{doc.keys[i]} {doc.keys[following]}", lang)
        if form is None:
            return None
        return Recognised(
            doc.starts[i], doc.ends[following],
            f"{doc.text_of(i)}{gap}{doc.text_of(following)}", form.form, True,
            i, following, place_id=form.place_id,
        )

    @staticmethod
    def _facility(
        doc: Tokens, i: int, form: DerivedForm, cues: LanguageCues
    ) -> Recognised | None:
        """A city's station, airport or cathedral named by the city adjective (Münchner
        Hauptbahnhof): one plain mention of a building, placed at the city."""
        following = i + 1
        if not doc.caps[i] or following >= doc.size:
            return None
        if doc.keys[following] not in cues.facility_heads or doc.gaps[following] != " ":
            return None
        return Recognised(
            doc.starts[i], doc.ends[following],
            f"{doc.text_of(i)} {doc.text_of(following)}", form.form, False,
            i, following, place_id=form.place_id,
        )

    def _compound_split(
        self, key: str, text: str, lang: str
    ) -> tuple[int, str, str | None] | None:
        """A place name opening a closed compound (Russlandbild, Afrikareise, Sowjetstaaten):
        (characters of ``text``, key, lexicon place id) of that part, or None."""
        if len(key) > 40:
            return None  # no real compound is this long; trying every cut would be quadratic
        if self._key_facts(key)[0]:
            return None  # a place's own name (Mannheim is no compound of Mann)
        for cut in range(len(key) - 3, 2, -1):
            head, rest = key[:cut], key[cut:]
            if rest.startswith("s") and len(rest) > 4 and zipf(rest[1:], lang) >= 3.0:
                rest = rest[1:]
            elif zipf(rest, lang) < 3.0:
                continue
            stem = self.lexicon.stem(head, lang)
            place_id = stem.place_id if stem is not None else None
            if place_id is None:
                if len(head) < 4:
                    continue
                candidates = self._candidates(head, lang)
                if (
                    not candidates
                    or candidates[0].kind not in _BIG_KINDS
                    or candidates[0].flags == _ABBREVIATION
                    or not candidates[0].flags & _NAMED
                ):
                    continue
            length = _surface_length(text, head)
            if length is None:
                continue
            return length, head, place_id
        return None

    # -- organisations ---------------------------------------------------------------

    @staticmethod
    def _inside_organisation(
        doc: Tokens, match: Recognised, cues: LanguageCues, lang: str = "de"
    ) -> bool:
        """Part of an organisation's name: Seouler Institut, Moskauer Fernost-Institut,
        Institut für Nordkoreastudien, Radio Pilatus, House of Russian-Korean Friendship.

        In English a place word that opens the name (Washington Post, Toronto Police, Georgia
        National Guard) stays a mention: the place the organisation belongs to, which
        GeoWebNews annotates as an embedded toponym (measured: suppressing it there costs
        recall); a site's name is one mention of the site (see ``_landmark_name``)."""
        heads = cues.organisation_heads
        # German news and its annotations read the place in "Seouler Institut" as part of
        # the name, English ones as a place.
        after_heads = lang != "en"
        keys, caps, gaps = doc.keys, doc.caps, doc.gaps
        if not match.text[:1].isupper():
            return False  # "die südkoreanische Nachrichtenagentur" describes, it is no name
        # Head right after the mention (allowing one capitalised word or a hyphen in between).
        for offset in (1, 2) if after_heads else ():
            index = match.last + offset
            if index >= doc.size:
                break
            if offset == 2 and not (caps[index - 1] and _joinable(gaps[index - 1])):
                break
            if not _joinable(gaps[index]) or doc.initial(index):
                break  # a name ends with its sentence: "in Syria. The Ministry …"
            if _organisation_head(keys[index], heads):
                return True
        # "Radio Pilatus", "FC Bayern", "Hotel Kempinski": a name after such a word is
        # the organisation's.
        if match.first >= 1 and _joinable(gaps[match.first]) and caps[match.first - 1] and (
            keys[match.first - 1] in _ORGANISATION_OPENERS
        ):
            return True
        # "Institut für X…", "House of Russian-Korean Friendship": the mention names the
        # subject of an institution (also further along a capitalised name after "of").
        before = match.first - 1
        stop = max(1, match.first - MAX_NAME_TOKENS)  # names are short: no walk over a text
        while (
            before >= stop
            and caps[before]
            and _joinable(gaps[before + 1])
            and not doc.initial(before + 1)
        ):
            before -= 1
        if before >= 1 and keys[before] in ("fuer", "for", "of") and keys[before - 1] in heads:
            return True
        # A capitalised run ending in an organisation head (South China Morning Post).
        if not after_heads:
            return False
        index = match.last + 1
        end = min(doc.size, match.last + 8)  # names are short; a title-case text is not one
        while (
            index < end
            and caps[index]
            and _joinable(gaps[index])
            and not doc.initial(index)
        ):
            if keys[index] in heads:
                return True
            index += 1
        return False


# Words that open an organisation's name, whatever follows (lower-case token keys).
_ORGANISATION_OPENERS = frozenset(
    "radio hotel restaurant kino cafe fc sv tsv vfb vfl sc ssv spvgg".split()
)


def _ends_in_noun(word: str) -> bool:
    """Whether the word is a German common noun or ends in one of five letters or more
    (Qualifikations|turniere); shorter endings are name parts too (Gerres|heim)."""
    return any(
        NounClass.COMMON in noun_classes(word[cut:].capitalize() if cut else word)
        for cut in range(len(word) - 4)
    )


def _organisation_head(key: str, heads: frozenset[str]) -> bool:
    """An organisation word, also as the head of a German compound (Städteverband)."""
    if key in heads:
        return True
    return any(
        len(head) >= 4 and len(key) > len(head) + 2 and key.endswith(head) for head in heads
    )


def _surface_length(surface: str, head_key: str) -> int | None:
    """How many characters of ``surface`` spell the normalised ``head_key``."""
    for length in range(1, len(surface)):
        folded = normalize_token(surface[:length])
        if folded == head_key:
            return length
        if len(folded) > len(head_key):
            return None
    return None
