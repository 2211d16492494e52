"""Names an article uses as places although the offline gazetteer does not know them.

Only asked for when an online geocoder is in use (``storymap.sources.geocode``): "in
Kleinkleckersdorf", "nach Ober-Kleckersheim", "the village of Ambridge". A candidate is a
rare capitalised word or run right after a place preposition or a generic place noun,
that no mention covers and the gazetteer has no entry for. Every false positive costs a
request and may put a wrong pin on the map, so the filters lean to precision: ordinary
words (wordfreq), German compounds of common words (aus Sicherheitsgründen), people
(titles, verbs of saying), organisations, months and weekdays are no candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Gazetteer
from gazetteer.normalize import normalize, normalize_token, tokens
from storymap.geoparse import GeoparseResult, default_gazetteer
from storymap.geoparse.language import CUES
from storymap.geoparse.words import zipf

_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the article with what the filters ask about it."""

    index: int
    start: int
    end: int
    text: str
    key: str  # normalised (gazetteer.normalize), so it compares with the cue tables
    gap_before: str  # the characters between the previous token and this one
    sentence_initial: bool
    possessive: bool = False  # written with 's (Smalltown's); text and end leave it out

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def make_tokens(text: str, start: int, sentence_starts: set[int]) -> list[Token]:
    """The tokens of ``text[start:]`` with offsets into ``text`` (the gazetteer's tokens)."""
    out: list[Token] = []
    previous = start
    for begin, end, key in tokens(text[start:]):
        begin, end = begin + start, end + start
        word = text[begin:end]
        possessive = word.endswith(_POSSESSIVE) and len(word) > 3
        if possessive:
            word, end, key = word[:-2], end - 2, normalize_token(word[:-2])
        out.append(
            Token(len(out), begin, end, word, key, text[previous:begin],
                  begin in sentence_starts, possessive)
        )
        previous = end
    return out


@dataclass(frozen=True, slots=True)
class _Rules:
    """Which words announce a place name in one language (narrower than the recogniser's
    cues: only prepositions that mostly take places, and generic nouns of settlements
    and areas)."""

    prepositions: frozenset[str]
    # Prepositions that as often take people or organisations (von Halvorsen, at Google):
    # they count only before a name that ends like a place or opens a route (from A to B).
    weak_prepositions: frozenset[str]
    route_partners: frozenset[str]  # the second preposition of "von A nach B"
    toponym_endings: tuple[str, ...]  # normalised endings of place names (…dorf, …ville)
    generics: frozenset[str]
    common_zipf: float  # a capitalised word at least this frequent is an ordinary word
    speech_verbs: frozenset[str]
    calendar: frozenset[str]
    name_prefixes: frozenset[str]  # common words that open place names (Bad, New, Ober)


_CALENDAR = frozenset(
    "januar jaenner februar maerz april mai juni juli august september oktober november "
    "dezember montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "ostern weihnachten pfingsten silvester neujahr "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday christmas easter".split()
)
# German endings of place names (they look like compounds but are names).
_GERMAN_TOPONYM_ENDINGS = tuple(
    "dorf hausen heim ingen stedt stadt burg berg bach feld felde furt hof hofen kirchen "
    "leben rode roda itz witz ow brueck bruecken weiler wald thal hagen born brunn scheid "
    "muehle".split()
)
_ENGLISH_TOPONYM_ENDINGS = tuple(
    "town ville burg borough bury ford field shire chester cester mouth port wood stead "
    "wick worth thorpe dale bridge minster pool haven creek falls springs".split()
)
_RULES = {
    "de": _Rules(
        prepositions=frozenset("in nach aus bei von nahe richtung gen".split()),
        weak_prepositions=frozenset({"von", "bei"}),
        route_partners=frozenset({"nach", "bis", "ueber", "richtung"}),
        toponym_endings=_GERMAN_TOPONYM_ENDINGS,
        generics=frozenset(
            "dorf stadt gemeinde ort ortschaft ortsteil stadtteil weiler kleinstadt grenzstadt "
            "hafenstadt kreisstadt marktgemeinde landgemeinde siedlung insel landkreis bezirk "
            "kanton provinz region".split()
        ),
        common_zipf=3.0,
        speech_verbs=frozenset(
            "sagte sagt sagten erklaerte erklaert betonte meinte berichtete so".split()
        ),
        calendar=_CALENDAR,
        name_prefixes=frozenset(
            "bad st ober unter nieder alt neu gross klein hohen nord sued ost west markt "
            "kloster burg".split()
        ),
    ),
    "en": _Rules(
        prepositions=frozenset(
            "in to from near at via outside into toward towards".split()
        ),
        weak_prepositions=frozenset({"to", "from", "at"}),
        route_partners=frozenset({"to", "via", "toward", "towards"}),
        toponym_endings=_ENGLISH_TOPONYM_ENDINGS,
        generics=frozenset(
            "village town city hamlet township suburb borough county district province "
            "island port".split()
        ),
        common_zipf=3.0,
        speech_verbs=frozenset("said says told added explained wrote".split()),
        calendar=_CALENDAR,
        name_prefixes=frozenset(
            "new north south east west upper lower great little fort port mount lake san "
            "santa st el la le los las".split()
        ),
    ),
}
_GENERIC_COMMON_ZIPF = 3.5  # "das Dorf Lindenberg": a generic noun vouches for rarer words
MAX_RUN = 4
# German endings of abstract and agent nouns: "aus Sicherheitsgründen", "in Verhandlungen".
_NOUN_ENDINGS = tuple(
    "ung ungen heit heiten keit keiten schaft schaften ismus itaet itaeten tion tionen "
    "sion sionen".split()
)


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    text: str
    cue: str  # the generic noun that introduced it (Dorf, village), if any


def find_unknown_names(
    result: GeoparseResult, gazetteer: Gazetteer | None = None
) -> list[tuple[int, int, str]]:
    """Spans the text uses as places that no mention covers and the gazetteer does not
    know: a rare capitalised word or run after a place preposition (in, nach, from) or a
    generic noun (Dorf, Gemeinde, village of), and later repetitions of such a name.
    Offsets index ``result.article.text``; sorted by offset."""
    return [(s.start, s.end, s.text) for s in unknown_name_spans(result, gazetteer)]


def unknown_name_spans(
    result: GeoparseResult, gazetteer: Gazetteer | None = None
) -> list[NameSpan]:
    """The spans of ``find_unknown_names``, with the generic noun that introduced each."""
    lang = result.lang
    rules = _RULES[lang]
    article = result.article
    starts = {s.start for p in article.passages for s in p.sentences}
    toks = make_tokens(article.text, article.body_start, starts)
    taken = [(m.start, m.end) for m in result.mentions]
    covered = {t.index for t in toks if _overlaps(t.start, t.end, taken)}
    people = _people(toks, lang, rules)
    gazetteer = gazetteer or default_gazetteer()
    found: list[NameSpan] = []
    for run_start, cue in _cued_starts(toks, lang, rules):
        if run_start in covered:
            continue
        span = _name_run(toks, run_start, cue, lang, rules, covered, people)
        if span is not None and not gazetteer.has_key(normalize(span.text)):
            found.append(span)
    found += _repetitions(article.text, article.body_start, found)
    kept: list[NameSpan] = []
    for span in sorted(found, key=lambda s: (s.start, -s.end)):
        if not _overlaps(span.start, span.end, taken):
            kept.append(span)
            taken.append((span.start, span.end))
    return kept


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _people(toks: list[Token], lang: str, rules: _Rules) -> set[str]:
    """Keys of words this text uses in people's names: after a title (Herr Halvorsen,
    President Halvorsen) or next to a verb of saying (Halvorsen said, sagte Halvorsen)."""
    titles = CUES[lang].titles
    people: set[str] = set()
    for token in toks:
        if token.key in titles:
            for other in toks[token.index + 1 : token.index + 3]:
                if not other.capitalised or other.key in titles:
                    break
                people.add(other.key)
        if token.key in rules.speech_verbs:
            # "Halvorsen said", "sagte Halvorsen", "so Halvorsen" (never "… so schön").
            before = _at(toks, token.index - 1) if token.key != "so" else None
            for other in (before, _at(toks, token.index + 1)):
                if other is not None and other.capitalised and not other.sentence_initial:
                    people.add(other.key)
    return people


def _at(toks: list[Token], index: int) -> Token | None:
    return toks[index] if 0 <= index < len(toks) else None


@dataclass(frozen=True, slots=True)
class _Cue:
    """The word before a name that says "place"."""

    generic: str = ""  # the generic noun (Dorf, village), or "" for a preposition
    weak: bool = False  # a preposition that takes people as often (von, from, at)


def _cued_starts(toks: list[Token], lang: str, rules: _Rules) -> Iterable[tuple[int, _Cue]]:
    """(first token of the name, its cue) after every place cue."""
    for token in toks:
        following = token.index + 1
        if following >= len(toks):
            continue
        if token.key in rules.prepositions:
            # A capitalised preposition inside a sentence means a title-case headline.
            if (not token.capitalised or token.sentence_initial) and not _name_particle(
                toks, token, lang
            ):
                yield following, _Cue(weak=token.key in rules.weak_prepositions)
        elif token.key in rules.generics and token.capitalised == (lang == "de"):
            # English: "the village of Ambridge" as well as "the village Ambridge".
            if lang == "en" and toks[following].key == "of" and following + 1 < len(toks):
                yield following + 1, _Cue(generic=token.text)
            else:
                yield following, _Cue(generic=token.text)


def _name_particle(toks: list[Token], token: Token, lang: str) -> bool:
    """"Gedult von Jungenfeld", "Ursula von der Leyen": von inside a person's name."""
    before = _at(toks, token.index - 1)
    return (
        token.key == "von"
        and before is not None
        and before.capitalised
        and not before.sentence_initial
        and before.gap_before.strip() == ""
        and _zipf(before, lang) < _WORD_ZIPF
        and not _german_common_noun(before.text)  # "das Ortsbild von Helmarshausen"
    )


def _name_run(
    toks: list[Token],
    start: int,
    cue: _Cue,
    lang: str,
    rules: _Rules,
    covered: set[int],
    people: set[str],
) -> NameSpan | None:
    """The place name starting at ``start`` after a cue, if it reads as one."""
    first = toks[start]
    if (
        first.gap_before.strip()  # punctuation between cue and name
        or first.sentence_initial
        or not _name_token(first, rules)
    ):
        return None
    end = start
    while end + 1 < len(toks) and end + 1 - start < MAX_RUN:
        nxt = toks[end + 1]
        if nxt.gap_before not in (" ", "-") or end + 1 in covered or not _name_token(nxt, rules):
            break
        end += 1
    limit = _GENERIC_COMMON_ZIPF if cue.generic else rules.common_zipf
    # German capitalises nouns: "in Kleinkleckersdorf Urlaub" ends before "Urlaub".
    while end > start and toks[end].gap_before == " " and _zipf(toks[end], lang) >= limit:
        end -= 1
    run = toks[start : end + 1]
    if not _plausible_run(toks, run, cue, lang, rules, people, limit):
        return None
    return NameSpan(first.start, run[-1].end, _surface(run), cue.generic)


def _name_token(token: Token, rules: _Rules) -> bool:
    return (
        token.capitalised
        and not token.all_caps
        and not any(ch.isdigit() for ch in token.text)
        and token.key not in rules.calendar
    )


def _zipf(token: Token, lang: str) -> float:
    return zipf(token.text, lang)


def _plausible_run(
    toks: list[Token],
    run: list[Token],
    cue: _Cue,
    lang: str,
    rules: _Rules,
    people: set[str],
    limit: float,
) -> bool:
    """Filters against ordinary nouns, people and organisations."""
    cues = CUES[lang]
    first, last = run[0], run[-1]
    if first.key in cues.titles or any(t.key in people for t in run):
        return False
    if any(t.possessive for t in run):
        return False  # "in Rozen's case", "into Ekweremadu's life": mostly people
    heads = cues.organisation_heads | cues.facility_heads
    after = _at(toks, last.index + 1)
    if any(t.key in heads for t in run) or (
        after is not None and after.capitalised and after.key in heads and after.gap_before == " "
    ):
        return False  # "at Smalltown University", "bei Halvorsen Bank"
    if _zipf(last, lang) >= limit:
        return False
    if (
        len(run) > 1
        and _zipf(first, lang) >= rules.common_zipf
        and first.key not in rules.name_prefixes
    ):
        return False  # a first name and a surname ("von Friedrich Halvorsen")
    if lang == "de" and (
        (last.key.endswith(("er", "s")) and _followed_by_noun(toks, last))
        or any(t.key.endswith("s") and _followed_by_noun(toks, t) for t in run[:-1])
    ):
        # "in Kleinkleckersdorfer Wäldern": an adjective; "nach Buurmanns Ausscheiden",
        # "in Papens Vizekanzlei": a person's genitive.
        return False
    if cue.weak and not (
        last.key.endswith(rules.toponym_endings)
        or (after is not None and after.key in rules.route_partners and after.gap_before == " ")
    ):
        return False  # "von Halvorsen", "at Halvorsen's" — but "von Kleinkleckersdorf nach"
    if lang == "de" and not cue.generic and len(run) == 1:
        return not _german_common_noun(first.text)
    return True


def _followed_by_noun(toks: list[Token], token: Token) -> bool:
    after = _at(toks, token.index + 1)
    return after is not None and after.capitalised and after.gap_before == " "


def _surface(run: list[Token]) -> str:
    return "".join((t.gap_before if i else "") + t.text for i, t in enumerate(run))


def _german_common_noun(word: str) -> bool:
    """Whether a rare capitalised German word is a noun rather than a name: an abstract
    ending (Verhandlungen) or a compound of common words (Sicherheitsgründen,
    Tagesanbruch, Kraftfahrzeugmotoren), unless it ends like a place name
    (Kleinkleckersdorf, Hinterzwergbach)."""
    folded = normalize(word).replace(" ", "")
    if folded.endswith(_GERMAN_TOPONYM_ENDINGS):
        return False
    if folded.endswith(_NOUN_ENDINGS):
        return True
    return _compound(word.lower(), 2)


_WORD_ZIPF = 3.0
_PARTICLE_ZIPF = 5.0  # two-letter parts must be function words (zu, an, ab, um)


@lru_cache(maxsize=8192)
def _compound(word: str, depth: int) -> bool:
    """Whether ``word`` splits into common German words: a head, and a modifier that is a
    word (perhaps plus a linking s/es/n/en or minus a final e) or itself such a compound."""
    for cut in range(2, len(word) - 3):
        if zipf(word[cut:], "de") < _WORD_ZIPF:
            continue
        # The modifier may carry a linking element or a short particle (Tages-an-bruch).
        for length in range(max(2, cut - 3), cut + 1):
            modifier = word[:length]
            needed = _PARTICLE_ZIPF if length == 2 else _WORD_ZIPF
            if zipf(modifier, "de") >= needed or zipf(modifier + "e", "de") >= needed:
                return True
            if depth > 1 and length >= 6 and _compound(modifier, depth - 1):
                return True
    return False


def _repetitions(text: str, body_start: int, names: list[NameSpan]) -> list[NameSpan]:
    """Other uses of a name found after a cue ("Kleinkleckersdorf hat 300 Einwohner"):
    one name, one reading throughout the article."""
    found = []
    for name in {span.text: span for span in names}.values():
        pattern = re.compile(r"(?<![\w-])" + re.escape(name.text) + r"(?![\w-])")
        for match in pattern.finditer(text, body_start):
            if match.start() != name.start:
                found.append(NameSpan(match.start(), match.end(), name.text, name.cue))
    return found
