"""The facts of a spelling that do not depend on where it stands — its key, capitalisation,
the forms under which a name can start there (also through German inflection: Russlands,
koreanischen Halbinsel, in den Niederlanden, Süditaliens), and whether a derived form, a
compound, a street or settlement name, a title or a first name can start there.

Speed: they are worked out once per distinct word and language and shared by every later
occurrence, in this text and the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer.normalize import normalize_token
from storymap.geoparse.language import CUES, LanguageCues
from storymap.geoparse.lexicon.first_names import is_first_name
from storymap.geoparse.lexicon.nouns import NounClass, noun_classes
from storymap.geoparse.recognition.compounds import NOUN_TAIL_ZIPF, compound_split
from storymap.geoparse.recognition.lookups import WORD_MEMO_LIMIT, Lookups, genitive_variants
from storymap.geoparse.recognition.shapes import (
    GERMAN_LANDMARK_HEADS,
    LANDMARK_ENDINGS,
    ROAD_CODE,
    ROAD_NOUNS,
    SETTLEMENT_ENDINGS,
    SETTLEMENT_NOUNS,
    STREET_ENDINGS,
)
from storymap.geoparse.recognition.tokens import Tokens, Word, split_tokens
from storymap.geoparse.recognition.vocabulary import (
    ADJECTIVE_OPENING_ENDINGS,
    POST_SOVIET_GENERICS,
)
from storymap.geoparse.words import zipf

if TYPE_CHECKING:
    from storymap.geoparse.lexicon.derived import DerivedForm

_GERMAN_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
# Openings of German compass compounds (Nordhessen, Südostasien, Mittelitalien), longest first.
_COMPASS_PREFIXES = ("nordost", "nordwest", "suedost", "suedwest", "nord", "sued", "ost", "west",
                     "mittel", "ober", "zentral")


def is_title(key: str, cues: LanguageCues) -> bool:
    """A title or role before a person's name: Präsident, and German compounds ending in
    one (Abwehrchef, Bundestrainer, Ministerpräsident)."""
    if key in cues.titles:
        return True
    return any(
        key.endswith(head) and len(key) >= len(head) + 3 for head in cues.title_heads
    )


@lru_cache(maxsize=16_384)
def given_name(text: str) -> bool:
    """A first name (Michael, Juri, Donna): German Wiktionary's, or one of the world's
    first names that Wiktionary knows as no common noun or place (not Mark, not Halle)."""
    classes = noun_classes(text)
    if NounClass.FIRST_NAME in classes:
        return True
    return not classes & (NounClass.COMMON | NounClass.PLACE) and is_first_name(text)


def _adjective_variants(key: str, lang: str) -> list[str]:
    """Other endings of a declined German adjective opening a name (Nahen → Naher Osten)."""
    if lang != "de":
        return []
    for ending in _GERMAN_ADJECTIVE_ENDINGS:
        if len(key) >= len(ending) + 3 and key.endswith(ending):
            stem = key[: -len(ending)]
            return [stem + new for new in ("e", "er", "en") if stem + new != key]
    return []


def _rare_name(text: str, key: str) -> bool:
    """A capitalised word that is no known word, noun or first name (Hokkala)."""
    return (
        len(key) >= 3
        and text[:1].isupper()
        and not text.isupper()
        and zipf(text, "de") < 2.0
        and not noun_classes(text)
        and not given_name(text)
    )


class WordFacts:
    """Splits texts into ``Tokens`` and knows every spelling's ``Word``."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self._words: dict[str, dict[str, Word]] = {lang: {} for lang in CUES}

    def tokens(
        self, text: str, lang: str, start: int = 0, sentence_starts: Sequence[int] = ()
    ) -> Tokens:
        """The tokens of ``text[start:]`` (offsets into ``text``) with their words' facts."""
        return split_tokens(
            text, start, sentence_starts, self._words[lang],
            lambda spelling: self.word(spelling, lang), WORD_MEMO_LIMIT,
        )

    def word(self, text: str, lang: str) -> Word:
        """Everything about one spelling that does not depend on where it stands."""
        lookups = self.lookups
        key = normalize_token(text)
        capitalised = text[:1].isupper()
        all_caps = len(text) > 1 and text.isupper()
        # English marks the possessive with an apostrophe (China's); "Samos" is a name.
        if lang == "de" or text.endswith(("'s", "’s")):
            variants = tuple(genitive_variants(key, lang))
        else:
            variants = (key,)
        compass: tuple[str, ...] = ()
        if lang == "de" and capitalised:
            compass = self._compass_parts(variants)
            variants += compass + self._dative_plural(key)
        derived: DerivedForm | None = lookups.derived_form(key, lang)
        if derived is not None and derived.capitalised and not capitalised:
            derived = None  # "polish", "poles", not Polish, Poles
        unlisted = self._unlisted_shape(text, key, capitalised and not all_caps, lang)
        compound = None
        # Nordhessen names a part of Hessen as a whole word: no compound of "Nord".
        if derived is None and lang == "de" and capitalised and len(key) >= 7 and not compass:
            compound = compound_split(lookups, key, text, lang)
        return Word(
            text=text,
            key=key,
            capitalised=capitalised,
            all_caps=all_caps,
            variants=variants,
            openings=self._openings(key, capitalised, variants, lang),
            derived=derived,
            compound=compound,
            derives=derived is not None or compound is not None or key in lookups.pair_heads,
            title=is_title(key, CUES[lang]),
            unlisted=unlisted != "",
            unlisted_cued=unlisted == "settlement",
            post_soviet_generic=any(v in POST_SOVIET_GENERICS for v in variants),
            landmark_adjective=lang == "de" and self._landmark_adjective(text, key),
            landmark_head=lang == "de" and key in GERMAN_LANDMARK_HEADS,
            saint=lang == "de" and capitalised and key in ("st", "sankt"),
            rare_name=lang == "de" and _rare_name(text, key),
            settlement_noun=lang == "de" and key.endswith(SETTLEMENT_NOUNS),
            road=lang == "de" and (text in ("A", "B") or ROAD_CODE.fullmatch(text) is not None
                                   or key in ROAD_NOUNS),
            given_name=(
                capitalised
                and not all_caps
                and given_name(text)
                and not lookups.clear_place_word(key, lang)
            ),
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
            and self.lookups.derived_form(key, "de") is None
            and not self.lookups.gazetteer.has_key(key)
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
            lang != "de" or len(key) < 5 or not key.endswith(ADJECTIVE_OPENING_ENDINGS)
        ):
            return ()
        forms = [(form, False) for form in variants]
        forms += [(form, True) for form in _adjective_variants(key, lang)]
        live = []
        for form, adjective in reversed(forms):
            is_key, continues = self.lookups.key_facts(form)
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
            if self.lookups.key_facts(form)[0]:
                return ()  # a name of its own (Nordkorea, Westfalen, Südtirol)
            for prefix in _COMPASS_PREFIXES:
                rest = form[len(prefix):]
                if form.startswith(prefix) and len(rest) >= 4 and self.lookups.well_known(rest):
                    parts.append(rest)
                    break
        return tuple(parts)

    def _dative_plural(self, key: str) -> tuple[str, ...]:
        """The name in a German dative plural (in den Niederlanden → Niederlande)."""
        base = key[:-1]
        plural = len(key) > 6 and key.endswith("en") and not self.lookups.key_facts(key)[0]
        return (base,) if plural and self.lookups.well_known(base) else ()

    def _unlisted_shape(self, text: str, key: str, name_case: bool, lang: str) -> str:
        """What a rare capitalised word the gazetteer lacks may name by its form alone:
        "street" (German Knoopstraße, Stüdlhütte; English Royal before Street, checked where
        it stands), "settlement" (German Böckingen, checked for a cue where it stands) or ""."""
        if not name_case or zipf(text, lang) >= 1.5 or self.lookups.gazetteer.has_key(key):
            return ""
        if lang != "de":
            return "street"
        if key.endswith(STREET_ENDINGS) and len(key) > 8:
            return "street"
        if len(key) < 7 or noun_classes(text):
            return ""  # a noun or a name Wiktionary knows (Tiefsee, Pfarrkirche, Michaela)
        lower = text.lower()
        for endings, shape in ((LANDMARK_ENDINGS, "street"), (SETTLEMENT_ENDINGS, "settlement")):
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
            if any(zipf(lower[cut:], lang) >= NOUN_TAIL_ZIPF for cut in range(1, len(head) - 2)):
                return ""
            return shape
        return ""
