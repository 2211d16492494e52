"""How strongly a span reads as a place name in its context: the words' prior evidence
(``reading``) adjusted by what stands right before and after the name — a locative
preposition (in, nach, aus), a generic noun (Grenzstadt Chassan, the island of Crete), a
country's adjective (im russischen Wladiwostok), a dateline, an article before a common noun
(im Zug), an attributive adjective (feinstes Essen), a state's abbreviation (Gainesville,
Va.), a subject position (Turkey has become …).
"""

from __future__ import annotations

import re
from functools import lru_cache

from gazetteer import Candidate
from storymap.geoparse.language import LanguageCues
from storymap.geoparse.recognition.datelines import at_dateline
from storymap.geoparse.recognition.document import Recognised
from storymap.geoparse.recognition.lookalikes import subject_position
from storymap.geoparse.recognition.lookups import Lookups
from storymap.geoparse.recognition.reading import Reading
from storymap.geoparse.recognition.tokens import Tokens
from storymap.geoparse.recognition.vocabulary import (
    BIG_KINDS,
    SETTLEMENT_KINDS,
    WEAK_PREPOSITIONS,
)

_ARTICLE_PREPOSITIONS = frozenset({"im", "am", "beim", "vom", "zum", "zur", "ins", "ans", "aufs"})
_DETERMINER = re.compile(
    r"d(?:er|ie|as|em|en|es)|k?ein(?:e[mnrs]?)?|"
    r"(?:dies|jen|jed|welch|manch|solch|all|sein|ihr|unser|eur|mein|dein|ander|beid|einig"
    r"|mehrer|viel|wenig|etlich|zahlreich)"
    r"(?:e[mnrs]?)?"
)
# English generic nouns that name the place after "of" as their own kind.
_GENERICS_BEFORE_OF = frozenset(
    "state city town village island islands province county country".split()
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


def generic_before(
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


class ContextEvidence:
    """Scores a name reading where it stands (and records the cue that supports it)."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.settings = lookups.settings

    def score(
        self,
        doc: Tokens,
        match: Recognised,
        reading: Reading,
        lang: str,
        cues: LanguageCues,
    ) -> float:
        """The evidence for ``match`` as a place name; sets its ``cued`` and ``needs_cue``,
        and a generic noun that belongs to the span (Insel Russky) extends it."""
        s = self.settings
        if reading.state_abbreviation:
            return self._state_abbreviation(doc, match)
        score = reading.score
        dateline = at_dateline(doc, match.first)
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
                before_key in WEAK_PREPOSITIONS
                and reading.frequency >= s.common_word_zipf
                and not reading.self_evident
            )
            # "im Zug", "unter den Bergen", "beim Brand": a noun with its article.
            noun_with_article = (
                reading.common_noun
                and reading.candidates[0].kind in SETTLEMENT_KINDS
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
                    or not (reading.self_evident or reading.candidates[0].kind in BIG_KINDS)
                )
                and doc.gaps[match.first] == " "
                and _attributive_adjective(doc.text_of(before))
            ):
                score -= s.adjective_penalty  # "feinstes Essen": a common noun, not a city
            cue = generic_before(doc, match.first, lang, cues)
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
            place.kind in SETTLEMENT_KINDS
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

    def _adjective_country(self, doc: Tokens, i: int) -> str:
        """The country code of the country or region a lower-case adjective at token ``i``
        names (englischen → England → GB, bayerischen → DE), or an empty string."""
        form = doc.words[i].derived
        if form is None or form.type != "adjective" or doc.caps[i] or doc.gaps[i + 1] != " ":
            return ""
        return self.lookups.country_of_area(form.place_id)
