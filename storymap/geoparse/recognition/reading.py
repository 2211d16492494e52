"""What a span's words alone say about it as a name — its best places, and the evidence
before any context: how prominent the place is, how common the words are otherwise (Boden,
Zug, Station), whether it needs a cue, and the spans no context can save (lower case, a
compass word, a month, an institution, a common word that merely looks inflected).

The verdict is the same for every occurrence of a spelling, so it is worked out once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gazetteer import Candidate
from gazetteer.store import match_score
from storymap.geoparse.language import CUES
from storymap.geoparse.lexicon.nouns import NounClass, noun_classes
from storymap.geoparse.recognition.datelines import capitals_verdict
from storymap.geoparse.recognition.lookups import WORD_MEMO_LIMIT, Lookups, Memo
from storymap.geoparse.recognition.tokens import Word
from storymap.geoparse.recognition.vocabulary import (
    ABBREVIATION,
    ADJECTIVE_OPENING_ENDINGS,
    BIG_KINDS,
    CALENDAR_WORDS,
    CODE_KINDS,
    COMPASS,
    COMPASS_ADJECTIVES,
    GERMAN_SPEAKING,
    GERMAN_SPELLING,
    NAMED,
)
from storymap.geoparse.words import zipf

# Unions that German news treats as institutions, not places (die EU, EU-Kommission): both
# GermEval's guidelines and our German corpora annotate them as organisations, while English
# GeoWebNews counts the EU as a place.
_INSTITUTIONS_DE = frozenset({"gn:6695072"})  # the European Union
# Trade blocs and unions of states that GeoNames files as zones: organisations in news text
# in both languages (NAFTA, CIS/GUS, ASEAN, Mercosur, EFTA), never the place of a story.
_TRADE_BLOCS = frozenset(
    {"gn:11812362", "gn:11812265", "gn:11812363", "gn:11812364", "gn:9961132"}
)


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


class NameReader:
    """The memoised context-free verdict on a spelling as a gazetteer name."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.settings = lookups.settings
        self._memo = Memo(WORD_MEMO_LIMIT)

    def reading(
        self, key: str, spelling: str, first: Word, last: Word, lang: str
    ) -> Reading | None:
        memo = self._memo
        try:
            return memo[(key, spelling, lang)]
        except KeyError:
            reading = self._read_name(key, spelling, first, last, lang)
            memo.remember((key, spelling, lang), reading)
            return reading

    def _read_name(
        self, key: str, spelling: str, first: Word, last: Word, lang: str
    ) -> Reading | None:
        """None when the words rule the reading out, else its candidates and prior
        evidence."""
        multiword = " " in spelling
        if not first.capitalised and not (
            multiword
            and last.capitalised
            and lang == "de"
            and first.key.endswith(ADJECTIVE_OPENING_ENDINGS)
        ):
            return None
        if not multiword and (first.key in COMPASS or first.key in CUES[lang].generic_terms):
            return None  # "Osten", "Region": a direction or a generic noun, not a name
        if lang == "en" and not multiword and first.key in COMPASS_ADJECTIVES:
            return None  # "Southern influence", "Western diplomats": no place on its own
        as_code = first.all_caps and not multiword and len(first.text) <= 5
        candidates = self.lookups.candidates(key, lang, as_code)
        if not candidates:
            return None
        top = candidates[0]
        if lang == "en" and len(key) <= 5:
            state = next(
                (c for c in candidates if c.flags == ABBREVIATION and c.kind == "admin1"), None
            )
            if state is not None and (top is state or not top.flags & NAMED):
                # "Gainesville, Va.", "RALEIGH, N.C.": a state's abbreviation, a place only
                # after the town it qualifies (see the context evidence)
                return Reading(
                    candidates=(state,), as_code=False, score=0.0, frequency=0.0,
                    self_evident=False, needs_cue=False, compounds=False,
                    state_abbreviation=True,
                )
        if top.flags == ABBREVIATION and not (as_code and top.kind in CODE_KINDS):
            return None
        if top.id in _TRADE_BLOCS or (lang == "de" and top.id in _INSTITUTIONS_DE):
            return None  # "die EU fordert", "EU-Mission", NAFTA: an institution, no place
        if not multiword and first.key in CALENDAR_WORDS[lang] and top.kind not in BIG_KINDS:
            return None  # "in March", "am Freitag": a month or a weekday, not a town
        dateline_only = capitals_verdict(first, multiword, top, self.settings)
        if dateline_only is None:
            return None
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
        """The first terms of the evidence: the place's prominence, adjusted by how common
        the words are otherwise."""
        s = self.settings
        top = candidates[0]
        score = match_score(top, lang, as_code)
        named = bool(top.flags & NAMED) or (as_code and bool(top.flags & ABBREVIATION))
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
            and not top.flags & GERMAN_SPELLING
        )
        if lang == "de" and not self_evident and top.country not in GERMAN_SPEAKING:
            # A minor foreign place under a name German does not tag as its own is more
            # often a person (Jackson, Matthews, Mercedes) unless the context says "place".
            needs_cue |= not top.flags & GERMAN_SPELLING
        return Reading(
            candidates=candidates,
            as_code=as_code,
            score=score,
            frequency=frequency,
            self_evident=self_evident,
            needs_cue=needs_cue,
            compounds=top.prominence >= s.compound_prominence or top.kind in BIG_KINDS,
            common_noun=common_noun,
        )
