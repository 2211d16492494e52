"""Toponym recognition: which spans of an article name a place.

Candidate spans come from the gazetteer's name index (token runs that spell a known name,
also through German inflection: Russlands, koreanischen Halbinsel, Nahen Osten) and from
the derived-forms lexicon (russischen, Moskauer, Koreans). Language knowledge then decides:
how common the word is otherwise (Boden, Zug, Station), where it stands (after in/nach/aus,
after a generic noun like Insel or Grenzstadt, inside a person's or organisation's name),
and whether it is part of a compound (Russland-Besuch, US-Präsident, Russlandbild).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazetteer import Candidate, Gazetteer, NameFlag
from gazetteer.geo import haversine_km
from gazetteer.normalize import normalize_token, tokens
from storymap.language import CUES, LanguageCues
from storymap.words import zipf

if TYPE_CHECKING:
    from storymap.lexicon.derived import DerivedForm, DerivedLexicon

MAX_NAME_TOKENS = 6
_ABBREVIATION = int(NameFlag.ABBREVIATION)
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
                     "east west north south".split())
_COMPASS_ADJECTIVES = frozenset(
    "northern southern eastern western central north south east west upper lower greater "
    "nord sued ost west mittel ober unter".split()
)
# English generic words after a name, and the local generic words the gazetteer's names use
# for such units (Primorsky region → Primorsky Krai, Hasansky district → Khasanskiy Rayon).
_POST_SOVIET_GENERICS = {
    "region": ("krai", "kray", "oblast", "region"),
    "territory": ("krai", "kray", "territory"),
    "province": ("oblast", "province"),
    "district": ("rayon", "raion", "district"),
}
_GERMAN_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
_MEMO_LIMIT = 200_000
# Endings that make a rare capitalised German word a street or landmark name.
_STREET_ENDINGS = ("strasse", "gasse", "allee", "chaussee")
_ENGLISH_STREETS = frozenset("street avenue road boulevard square lane drive".split())
# Heads of English landmark names that borrow a place word (Washington Square, French Quarter).
_LANDMARK_HEADS = _ENGLISH_STREETS | frozenset(
    "quarter fields embassy consulate bridge park station airport hall church cathedral "
    "museum hotel university college school hospital stadium center centre building tower "
    "gardens market".split()
)


@dataclass(slots=True)
class Token:
    index: int
    start: int
    end: int
    text: str
    key: str
    sentence_initial: bool = False
    gap_before: str = " "  # the characters between the previous token and this one

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


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
    cue_kinds: frozenset[str] = field(default_factory=frozenset)
    evidence: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    as_code: bool = False
    needs_cue: bool = False  # a common word that names a place only with context support
    cued: bool = False


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


def make_tokens(text: str, start: int, sentence_starts: set[int]) -> list[Token]:
    out: list[Token] = []
    previous_end = start
    for begin, end, key in tokens(text[start:]):
        begin += start
        end += start
        out.append(
            Token(
                index=len(out),
                start=begin,
                end=end,
                text=text[begin:end],
                key=key,
                sentence_initial=begin in sentence_starts,
                gap_before=text[previous_end:begin],
            )
        )
        previous_end = end
    return out


def _hyphen_joined(gap: str) -> bool:
    """``Russland-Besuch``, ``"Juche"-Doktrin``: a hyphen glues the next word on."""
    return gap.endswith("-") and not any(ch.isspace() for ch in gap) and len(gap) <= 2


def _joinable(gap: str) -> bool:
    """Tokens separated only by space, hyphen, a full stop or an apostrophe may form a name."""
    stripped = gap.strip()
    return len(gap) <= 3 and stripped in ("", "-", ".", "'", "’")


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
        # Per-process memos: the same words recur in every text (der, die, Russland).
        self._derived_memo: dict[tuple[str, str], DerivedForm | None] = {}
        self._key_memo: dict[str, tuple[bool, bool]] = {}
        self._pair_heads = {form.form.split(" ", 1)[0] for form in lexicon if " " in form.form}
        self.settings = settings or Settings()

    # -- entry point -----------------------------------------------------------------

    def recognise(
        self, text: str, lang: str, start: int = 0, sentence_starts: Sequence[int] = ()
    ) -> list[Recognised]:
        cues = CUES[lang]
        toks = make_tokens(text, start, set(sentence_starts))
        self._person_words = self._names_of_people(toks, lang, cues)
        names = self._name_matches(toks, lang)
        chosen = self._choose_names(toks, names, lang, cues)
        covered = {i for m in chosen for i in range(m.first, m.last + 1)}
        derived = self._derived(toks, lang, cues, covered)
        covered |= {i for m in derived for i in range(m.first, m.last + 1)}
        chosen += self._unlisted_names(toks, lang, cues, covered)
        if lang == "en":
            for match in chosen:
                self._english_span(text, match)
            for match in chosen + derived:
                self._landmark_name(toks, match)
        found = sorted(chosen + derived, key=lambda m: (m.start, m.end))
        return [m for m in found if not self._inside_organisation(toks, m, cues)]

    # -- names -----------------------------------------------------------------------

    def _derived_form(self, key: str, lang: str) -> DerivedForm | None:
        memo = self._derived_memo
        try:
            return memo[(key, lang)]
        except KeyError:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = memo[(key, lang)] = self.lexicon.lookup(key, lang)
            return found

    def _key_facts(self, key: str) -> tuple[bool, bool]:
        """(is a gazetteer key, some longer key continues it with a space)."""
        memo = self._key_memo
        try:
            return memo[key]
        except KeyError:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            gazetteer = self.gazetteer
            facts = memo[key] = (gazetteer.has_key(key), gazetteer.has_prefix(key + " "))
            return facts

    def _name_matches(self, toks: list[Token], lang: str) -> list[Recognised]:
        """Every token run whose (possibly uninflected) keys spell a gazetteer name."""
        gazetteer = self.gazetteer
        # English marks the possessive with an apostrophe (China's); "Samos" is a name.
        variants = [
            _genitive_variants(t.key, lang)
            if lang == "de" or t.text.endswith(("'s", "’s"))
            else [t.key]
            for t in toks
        ]
        found: list[Recognised] = []
        key_facts = self._key_facts
        for i in range(len(toks)):
            token = toks[i]
            if not token.capitalised and (lang != "de" or len(token.key) < 5):
                continue  # names start capitalised, or with a declined German adjective
            # Declined adjectives only open multiword names (koreanischen Halbinsel).
            opening = [(form, False) for form in variants[i]] + [
                (form, True) for form in _adjective_variants(token.key, lang)
            ]
            stack = [(i, form, adjective) for form, adjective in opening]
            while stack:
                j, prefix, adjective = stack.pop()
                is_key, continues = key_facts(prefix)
                if is_key and not (adjective and j == i):
                    found.append(
                        Recognised(toks[i].start, toks[j].end, "", prefix, False, i, j)
                    )
                nxt = j + 1
                if (
                    continues
                    and nxt < len(toks)
                    and nxt - i < MAX_NAME_TOKENS
                    and _joinable(toks[nxt].gap_before)
                ):
                    stack.extend((nxt, prefix + " " + form, False) for form in variants[nxt])
            if lang == "en" and i + 1 < len(toks) and toks[i].capitalised:
                generics = _POST_SOVIET_GENERICS.get(toks[i + 1].key, ())
                for generic in generics:
                    for stem in {toks[i].key, toks[i].key.replace("sky", "skiy")}:
                        key = f"{stem} {generic}"
                        if gazetteer.has_key(key):
                            found.append(
                                Recognised(toks[i].start, toks[i + 1].end, "", key, False, i, i + 1)
                            )
        return found

    def _choose_names(
        self, toks: list[Token], matches: list[Recognised], lang: str, cues: LanguageCues
    ) -> list[Recognised]:
        """Score every match, then keep the best non-overlapping ones (longest first)."""
        scored = []
        for match in matches:
            match.text = self._surface(toks, match)
            if self._plausible_name(toks, match, lang, cues):
                scored.append(match)
        threshold = self.settings.threshold
        strong = [m for m in scored if m.evidence >= threshold]
        weak = [m for m in scored if m.evidence < threshold]
        chosen = self._without_overlaps(strong, set())
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        # A weak reading is kept when it lies near the places the text clearly names
        # (the border village Hasan in a story about Vladivostok).
        anchors = [
            m.candidates[0] for m in chosen
            if m.candidates and m.candidates[0].kind not in _AREA_KINDS and not m.needs_cue
        ]
        rescued = [m for m in weak if self._near(m, anchors)]
        chosen += self._without_overlaps(rescued, taken)
        # Coordination supports a common word: "Zug und Luzern", "Halle, Leipzig".
        settled = {m.first for m in chosen if not m.needs_cue or m.cued}
        settled |= {m.last for m in chosen if not m.needs_cue or m.cued}
        for match in chosen:
            if match.needs_cue and not match.cued:
                match.cued = self._coordinated(toks, match, settled)
        return [m for m in chosen if not m.needs_cue or m.cued]

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

    def _near(self, match: Recognised, anchors: list[Candidate]) -> bool:
        limit = self.settings.coherence_km
        return any(
            haversine_km(candidate.lat, candidate.lon, anchor.lat, anchor.lon) <= limit
            for candidate in match.candidates[:3]
            for anchor in anchors
        )

    @staticmethod
    def _coordinated(toks: list[Token], match: Recognised, settled: set[int]) -> bool:
        conjunctions = {"und", "oder", "sowie", "and", "or"}
        after = match.last + 1
        if after < len(toks) and toks[after].key in conjunctions and after + 1 in settled:
            return True
        if after < len(toks) and toks[after].gap_before.strip() == "," and after in settled:
            return True
        before = match.first - 1
        if before >= 1 and toks[before].key in conjunctions and before - 1 in settled:
            return True
        return toks[match.first].gap_before.strip() == "," and before in settled

    @staticmethod
    def _landmark_name(toks: list[Token], match: Recognised) -> None:
        """"London Bridge", "French Quarter", "Russian Embassy": a place word opening the
        name of a landmark. The mention is the whole name; it stays at the city it names
        (London Bridge is in London), but is left unresolved when the word is a country or
        a people's adjective (the French Quarter is not in France)."""
        following = match.last + 1
        if following >= len(toks) or match.last != match.first:
            return
        head = toks[following]
        if head.key in _LANDMARK_HEADS and head.capitalised and head.gap_before == " ":
            match.end = head.end
            match.text = f"{match.text} {head.text}"
            match.last = following
            in_city = (
                not match.derived
                and match.candidates
                and match.candidates[0].kind in ("city", "town", "village")
            )
            if not in_city:
                match.key = f"?{match.key} {head.key}"
                match.place_id = None
                match.candidates = ()
            match.derived = False

    @staticmethod
    def _english_span(text: str, match: Recognised) -> None:
        """English spans leave out a possessive (China's → China) and keep the final full
        stop of a dotted abbreviation (U.S.)."""
        if match.text.endswith(("'s", "’s")):
            match.end -= 2
            match.text = match.text[:-2]
        elif "." in match.text and match.end < len(text) and text[match.end] == ".":
            match.end += 1
            match.text += "."

    @staticmethod
    def _surface(toks: list[Token], match: Recognised) -> str:
        return "".join(
            (toks[i].gap_before if i > match.first else "") + toks[i].text
            for i in range(match.first, match.last + 1)
        )

    def _plausible_name(
        self, toks: list[Token], match: Recognised, lang: str, cues: LanguageCues
    ) -> bool:
        first, last = toks[match.first], toks[match.last]
        multiword = match.last > match.first
        if not first.capitalised and not (
            multiword and last.capitalised and lang == "de" and first.key.endswith(
                ("isch", "ische", "ischen", "ischer", "isches", "ischem", "en", "e")
            )
        ):
            return False
        if not multiword and (first.key in _COMPASS or first.key in cues.generic_terms):
            return False  # "Osten", "Region": a direction or a generic noun, not a name
        match.as_code = first.all_caps and not multiword and len(first.text) <= 5
        candidates = self.gazetteer.lookup_key(match.key, lang, limit=8, as_code=match.as_code)
        if not candidates:
            return False
        top = candidates[0]
        if top.flags == _ABBREVIATION and not (match.as_code and top.kind in _CODE_KINDS):
            return False
        if first.all_caps and not (
            (top.flags & _ABBREVIATION and top.kind in _CODE_KINDS)
            or (top.flags & _NAMED and top.prominence >= self.settings.all_caps_prominence)
        ):
            return False  # TASS is an agency, not the village Tass; datelines name big places
        if not multiword and first.key != match.key and zipf(first.text, lang) > max(
            2.5, zipf(match.key, lang)
        ):
            return False  # "Chaos" is a word, not the genitive of Chao (but Russlands is)
        match.candidates = tuple(candidates)
        # Compound first part: "Russland-Besuch", "US-Präsident" → a derived mention.
        if match.last + 1 < len(toks) and _hyphen_joined(toks[match.last + 1].gap_before):
            # German compounds continue with a noun (US-Präsident); a lower-case part
            # continues a person's name (Young-tae). English: Russia-based, U.S.-led.
            follower = toks[match.last + 1]
            if follower.capitalised or lang == "en":
                minor = top.prominence < self.settings.compound_prominence
                if minor and top.kind not in _BIG_KINDS:
                    return False
                match.derived = True
        if not multiword and self._person_part(toks, match, top, lang, cues):
            self._person_words.add(match.key)
            return False
        if not multiword and match.key in self._person_words and top.kind not in _BIG_KINDS:
            return False  # "Tyler" after "John Tyler": the person again
        match.evidence = self.name_evidence(toks, match, top, lang, cues)
        return match.evidence >= self.settings.threshold - self.settings.coherence_window

    def name_evidence(
        self,
        toks: list[Token],
        match: Recognised,
        top: Candidate,
        lang: str,
        cues: LanguageCues,
    ) -> float:
        """How strongly the span reads as a place name: the place's prominence, adjusted by
        how common the words are otherwise and by the context right before the name."""
        from gazetteer.store import match_score

        s = self.settings
        score = match_score(top, lang, match.as_code)
        named = bool(top.flags & _NAMED) or (match.as_code and bool(top.flags & _ABBREVIATION))
        if not named:
            # Only an untagged alternate spelling (Mann for the Isle of Man, Liga for Riga).
            score -= s.alternate_name_penalty
        self_evident = named and top.prominence >= s.self_evident_prominence
        words = " ".join(toks[i].text for i in range(match.first, match.last + 1))
        # An inflected form (Kims) is as common as its base word (Kim).
        frequency = max(zipf(words, lang), zipf(match.key, lang))
        if not self_evident:
            # Bayern and Russland are common words because they are common places.
            score -= s.common_word_weight * max(0.0, frequency - s.common_word_zipf)
        if frequency < s.rare_word_zipf:
            score += s.rare_word_bonus
        first = toks[match.first]
        if first.sentence_initial and frequency >= s.function_word_zipf and not self_evident:
            score -= 10.0
        cued = False
        if match.first > 0:
            before = toks[match.first - 1]
            if before.key in cues.place_prepositions:
                score += s.preposition_bonus
                cued = True
            generic = cues.generic_terms.get(before.key)
            if generic is not None:
                cued = True
                score += s.generic_bonus
                match.cue = before.text
                match.cue_kinds = generic
                if before.key in cues.span_generics:
                    match.start = before.start
                    match.first = before.index
                    match.text = self._surface(toks, match)
        if lang == "en" and match.last + 1 < len(toks):
            after = toks[match.last + 1]
            generic = cues.generic_terms.get(after.key)
            if generic is not None and after.gap_before == " " and not after.capitalised:
                cued = True
                score += s.generic_bonus
                match.cue, match.cue_kinds = after.text, generic
        # A very common word (Zug, Boden, Station) names a minor place only when the
        # context says so; countries and major cities need no such help.
        match.cued = cued
        match.needs_cue = frequency >= s.very_common_zipf and not self_evident
        if lang == "de" and not self_evident and top.country not in _GERMAN_SPEAKING:
            # A minor foreign place under a name German does not tag as its own is more
            # often a person (Jackson, Matthews, Mercedes) unless the context says "place".
            match.needs_cue |= not top.flags & _GERMAN_SPELLING
        return score

    def _person_part(
        self,
        toks: list[Token],
        match: Recognised,
        top: Candidate,
        lang: str,
        cues: LanguageCues,
    ) -> bool:
        """A single-token name inside a person's name (Wladimir Putin, Andrei Lankow)."""
        token = toks[match.first]
        if token.key != match.key and top.kind in _BIG_KINDS:
            return False  # an inflected country name (Chinas) is not a first name
        if lang == "de" and top.kind in ("country", "continent", "historic_country"):
            return False  # "Kims Russland-Besuch": German names no person after a country

        # German capitalises every noun, so only rare words count as names there; in
        # English any capitalised word that is not a common one continues a proper name.
        rare = 3.0 if lang == "de" else 4.5

        def name_like(other: Token) -> bool:
            return (
                other.capitalised
                and not other.all_caps
                and other.key not in cues.titles
                and other.key not in cues.place_prepositions
                and other.key not in cues.generic_terms
                and other.key not in _COMPASS_ADJECTIVES
                and zipf(other.text, lang) < rare
                and not self._clear_place_word(other, lang)
            )

        after = toks[match.first + 1] if match.first + 1 < len(toks) else None
        before = toks[match.first - 1] if match.first > 0 else None
        if after is not None and after.gap_before == " " and name_like(after):
            return True
        if (
            before is not None
            and token.gap_before == " "
            and not (lang == "en" and before.sentence_initial)
            and name_like(before)
        ):
            return True
        return (
            before is not None
            and before.key in cues.titles
            and top.kind not in _BIG_KINDS
        )

    def _names_of_people(self, toks: list[Token], lang: str, cues: LanguageCues) -> set[str]:
        """Words seen in people's names in this text (John Tyler → tyler), so that a later
        bare "Tyler" is read as the person, not as Tyler, Texas."""
        words: set[str] = set()
        for token in toks:
            if token.key in cues.titles and token.index + 2 < len(toks):
                run = toks[token.index + 1 : token.index + 3]
                if all(t.capitalised and _joinable(t.gap_before) for t in run):
                    words.update(t.key for t in run)
        return words

    def _clear_place_word(self, token: Token, lang: str) -> bool:
        """Whether a token on its own (or in the genitive) names a well-known place."""
        for form in _genitive_variants(token.key, lang):
            candidates = self.gazetteer.lookup_key(form, lang, limit=1)
            if candidates and candidates[0].prominence >= 9.0:
                return True
        return self._derived_form(token.key, lang) is not None

    # -- names the gazetteer does not know ----------------------------------------------

    def _unlisted_names(
        self, toks: list[Token], lang: str, cues: LanguageCues, covered: set[int]
    ) -> list[Recognised]:
        """Street names missing from the gazetteer, recognised by their form (Knoopstraße,
        Royal Street). They stay unresolved: the map cannot place them offline.

        A rare word after a locative preposition (in Böckingen) would be a place too, but in
        German such words are mostly rare compounds (aus Kapazitätsgründen): measured on
        GermEval it cost more precision than it gave recall, so it is not used."""
        found = []
        for token in toks:
            i = token.index
            if i in covered or not token.capitalised or token.all_caps:
                continue
            rare = zipf(token.text, lang) < 1.5 and not self.gazetteer.has_key(token.key)
            if not rare:
                continue
            if lang == "de" and token.key.endswith(_STREET_ENDINGS) and len(token.key) > 8:
                found.append(self._unlisted(token, token))
                continue
            street = toks[i + 1] if i + 1 < len(toks) else None
            if (
                lang == "en"
                and street is not None
                and street.key in _ENGLISH_STREETS
                and street.capitalised
                and street.gap_before == " "
            ):
                found.append(self._unlisted(token, street))
        return found

    @staticmethod
    def _unlisted(first: Token, last: Token) -> Recognised:
        text = first.text if first is last else f"{first.text} {last.text}"
        return Recognised(
            first.start, last.end, text, f"?{normalize_token(text)}", False,
            first.index, last.index, evidence=0.0,
        )

    # -- derived forms ---------------------------------------------------------------

    def _derived(
        self, toks: list[Token], lang: str, cues: LanguageCues, covered: set[int]
    ) -> list[Recognised]:
        found = []
        skip = -1
        for token in toks:
            if token.index in covered or token.index <= skip:
                continue
            pair = self._two_token_form(toks, token, lang, covered)
            if pair is not None:
                found.append(pair)
                skip = pair.last
                continue
            form = self._derived_form(token.key, lang)
            if form is not None and form.capitalised and not token.capitalised:
                form = None  # "polish", "poles", not Polish, Poles
            if form is not None and form.type in ("city_adjective", "adjective"):
                facility = self._facility(toks, token, form, cues)
                if facility is not None:
                    found.append(facility)
                    skip = facility.last
                    continue
            if form is not None:
                found.append(
                    Recognised(
                        token.start, token.end, token.text, form.form, True,
                        token.index, token.index, place_id=form.place_id,
                    )
                )
                continue
            if lang == "de" and token.capitalised and len(token.key) >= 7:
                compound = self._compound_head(token, lang)
                if compound is not None:
                    found.append(compound)
        return found

    def _two_token_form(
        self, toks: list[Token], token: Token, lang: str, covered: set[int]
    ) -> Recognised | None:
        """Derived forms of two words: North Korean, South Korean(s), Hong Konger."""
        following = token.index + 1
        if token.key not in self._pair_heads or following >= len(toks) or following in covered:
            return None
        nxt = toks[following]
        if not _joinable(nxt.gap_before) or nxt.gap_before.strip():
            return None
        form = self.lexicon.lookup(f"{token.key} {nxt.key}", lang)
        if form is None:
            return None
        return Recognised(
            token.start, nxt.end, f"{token.text}{nxt.gap_before}{nxt.text}", form.form, True,
            token.index, following, place_id=form.place_id,
        )

    @staticmethod
    def _facility(
        toks: list[Token], token: Token, form: DerivedForm, cues: LanguageCues
    ) -> Recognised | None:
        """A city's station, airport or cathedral named by the city adjective (Münchner
        Hauptbahnhof): one plain mention of a building, placed at the city."""
        following = token.index + 1
        if not token.capitalised or following >= len(toks):
            return None
        nxt = toks[following]
        if nxt.key not in cues.facility_heads or nxt.gap_before != " ":
            return None
        return Recognised(
            token.start, nxt.end, f"{token.text} {nxt.text}", form.form, False,
            token.index, following, place_id=form.place_id,
        )

    def _compound_head(self, token: Token, lang: str) -> Recognised | None:
        """A place name opening a closed compound (Russlandbild, Afrikareise, Sowjetstaaten)."""
        key = token.key
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
                candidates = self.gazetteer.lookup_key(head, lang, limit=1)
                if (
                    not candidates
                    or candidates[0].kind not in _BIG_KINDS
                    or candidates[0].flags == _ABBREVIATION
                ):
                    continue
            length = _surface_length(token.text, head)
            if length is None:
                continue
            return Recognised(
                token.start, token.start + length, token.text[:length], head, True,
                token.index, token.index, place_id=place_id,
            )
        return None

    # -- organisations ---------------------------------------------------------------

    @staticmethod
    def _inside_organisation(toks: list[Token], match: Recognised, cues: LanguageCues) -> bool:
        """Part of an organisation's name: Seouler Institut, Moskauer Fernost-Institut,
        Institut für Nordkoreastudien, South China Morning Post."""
        heads = cues.organisation_heads
        if not match.text[:1].isupper():
            return False  # "die südkoreanische Nachrichtenagentur" describes, it is no name
        # Head right after the mention (allowing one capitalised word or a hyphen in between).
        for offset in (1, 2):
            index = match.last + offset
            if index >= len(toks):
                break
            follower = toks[index]
            if offset == 2 and not (
                toks[index - 1].capitalised and _joinable(toks[index - 1].gap_before)
            ):
                break
            if not _joinable(follower.gap_before):
                break
            if follower.key in heads:
                return True
        # "Institut für X…": the mention names the institute's subject.
        if match.first >= 2:
            head, link = toks[match.first - 2], toks[match.first - 1]
            if head.key in heads and link.key in ("fuer", "for", "of"):
                return True
        # A capitalised run ending in an organisation head (South China Morning Post).
        index = match.last + 1
        while index < len(toks) and toks[index].capitalised and _joinable(toks[index].gap_before):
            if toks[index].key in heads:
                return True
            index += 1
        return False


def _surface_length(surface: str, head_key: str) -> int | None:
    """How many characters of ``surface`` spell the normalised ``head_key``."""
    for length in range(1, len(surface)):
        folded = normalize_token(surface[:length])
        if folded == head_key:
            return length
        if len(folded) > len(head_key):
            return None
    return None
