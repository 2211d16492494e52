"""Memoised questions to the gazetteer and the derived-forms lexicon that every component
asks: the same words recur in every text (der, die, Russland), so each answer is worked out
once per process, in bounded memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gazetteer import Candidate, Gazetteer
from storymap.geoparse.recognition.settings import Settings
from storymap.geoparse.recognition.vocabulary import AREA_KINDS, BIG_KINDS, NAMED

if TYPE_CHECKING:
    from storymap.geoparse.lexicon.derived import DerivedForm, DerivedLexicon

MEMO_LIMIT = 200_000
# Memos whose entries are larger (a word's facts, a name's candidates) hold fewer: a news
# vocabulary fits, and a long-running process stays within some tens of MB.
WORD_MEMO_LIMIT = 50_000


class Memo(dict):
    """A dict that empties itself when full: bounded memory for per-process word memos."""

    def __init__(self, limit: int = MEMO_LIMIT) -> None:
        super().__init__()
        self.limit = limit

    def remember(self, key: object, value: object) -> None:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value


def genitive_variants(key: str, lang: str) -> list[str]:
    """The token key and its forms without a genitive ending (Russlands, Russia's)."""
    forms = [key]
    if len(key) > 3 and key.endswith("s"):
        forms.append(key[:-1])
    if lang == "de" and len(key) > 4 and key.endswith("es"):
        forms.append(key[:-2])
    return forms


class Lookups:
    """The gazetteer and lexicon behind recognition, with the answers remembered."""

    def __init__(
        self, gazetteer: Gazetteer, lexicon: DerivedLexicon, settings: Settings
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.settings = settings
        self._derived_memo = Memo()
        self._key_memo = Memo()
        self._lookup_memo = Memo(WORD_MEMO_LIMIT)
        self._clear_place_memo = Memo()
        self._country_of: dict[str, str] = {}  # lexicon place id → its country code
        # First words of the lexicon's two-word forms (North Korean, Hong Konger).
        self.pair_heads = {form.form.split(" ", 1)[0] for form in lexicon if " " in form.form}

    def derived_form(self, key: str, lang: str) -> DerivedForm | None:
        memo = self._derived_memo
        try:
            return memo[(key, lang)]
        except KeyError:
            found = self.lexicon.lookup(key, lang)
            memo.remember((key, lang), found)
            return found

    def key_facts(self, key: str) -> tuple[bool, bool]:
        """(is a gazetteer key, some longer key continues it with a space)."""
        memo = self._key_memo
        try:
            return memo[key]
        except KeyError:
            gazetteer = self.gazetteer
            facts = (gazetteer.has_key(key), gazetteer.has_prefix(key + " "))
            memo.remember(key, facts)
            return facts

    def candidates(self, key: str, lang: str, as_code: bool = False) -> tuple[Candidate, ...]:
        """The best eight places for a key (the same names are looked up in every text)."""
        memo = self._lookup_memo
        try:
            return memo[(key, lang, as_code)]
        except KeyError:
            found = tuple(self.gazetteer.lookup_key(key, lang, limit=8, as_code=as_code))
            memo.remember((key, lang, as_code), found)
            return found

    def well_known(self, key: str) -> bool:
        """A country, region or major city under a name of its own (not an untagged
        alternate spelling: Mann for the Isle of Man)."""
        candidates = self.candidates(key, "de")
        if not candidates:
            return False
        top = candidates[0]
        return bool(top.flags & NAMED) and (
            top.kind in BIG_KINDS or top.prominence >= self.settings.compound_prominence
        )

    def clear_place_word(self, key: str, lang: str) -> bool:
        """Whether a token on its own (or in the genitive) names a well-known place."""
        memo = self._clear_place_memo
        try:
            return memo[(key, lang)]
        except KeyError:
            pass
        clear = self.derived_form(key, lang) is not None
        for form in genitive_variants(key, lang):
            candidates = self.candidates(form, lang)
            if candidates and candidates[0].prominence >= 9.0:
                clear = True
                break
        memo.remember((key, lang), clear)
        return clear

    def world_city(self, key: str, lang: str) -> bool:
        candidates = self.candidates(key, lang)
        return bool(candidates) and (
            candidates[0].prominence >= self.settings.world_city_prominence
        )

    def big_place(self, key: str) -> bool:
        """A country, region or world city (English): no surname after a place-named first
        name."""
        candidates = self.candidates(key, "en")
        return bool(candidates) and (
            candidates[0].kind in BIG_KINDS
            or candidates[0].prominence >= self.settings.world_city_prominence
        )

    def country_of_area(self, place_id: str) -> str:
        """The country code of the lexicon's place when it is an area (England → GB), else
        an empty string."""
        country = self._country_of.get(place_id)
        if country is None:
            found = self.gazetteer.get(place_id)
            area = found is not None and found.kind in AREA_KINDS
            country = self._country_of[place_id] = found.country if area else ""
        return country
