"""People's names that spell places: Wladimir Putin, Uta Hagen, Andrew Jordan, Paris
Jackson, "Payette said", Oberst Ollendorf, Mike de Kock. A place word that stands inside a
person's name is no mention there; a surname is remembered for the rest of the text (John
Tyler … Tyler said).

The component collects the words of people's names a text introduces; the decision asks
``person_part`` about each single-word name.
"""

from __future__ import annotations

from gazetteer import Candidate
from storymap.geoparse.language import CUES, LanguageCues
from storymap.geoparse.lexicon.nouns import NounClass, noun_classes
from storymap.geoparse.recognition.compounds import compound_noun
from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.lookalikes import first_name, surname_after
from storymap.geoparse.recognition.lookups import Lookups, Memo
from storymap.geoparse.recognition.tokens import Tokens, Word, joinable
from storymap.geoparse.recognition.vocabulary import (
    BIG_KINDS,
    CALENDAR_WORDS,
    COMPASS_ADJECTIVES,
    LEG_GOALS,
    WEAK_PREPOSITIONS,
)
from storymap.geoparse.recognition.wordfacts import given_name
from storymap.geoparse.words import zipf

# What ``person_part`` found: no person (0), the place word as a surname (1, True: the text
# may name the person by it again) or as the first part of a name (2: Paris Jackson).
SURNAME = 1
FIRST_PART = 2
# A first name after a place word marks an epithet (the Arctic Alexander Kozlov) only if it
# is no common word too (General, Justice, River are first names somewhere).
_EPITHET_NAME_ZIPF = 4.5
# English verbs of speech: the name next to one is a speaker (Payette said, said Noma).
_SPEECH_VERBS = frozenset(
    "said says told tweeted added wrote explained recalled insisted admitted asked".split()
)
# Particles before a surname, as written (lower case: "Rio De Janeiro" is no person).
_SURNAME_PARTICLES = frozenset("de da do dos das del della di du van von der bin ibn".split())
# Lower-case parts between a first name and a surname (Mike de Kock, Ludwig van Beethoven).
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "di", "da", "del", "la", "le"})


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


class People:
    """Component: the words of people's names in a text; and where a place word stands
    inside one."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.settings = lookups.settings
        self._name_like_memo = Memo()

    def __call__(self, doc: Document) -> None:
        doc.person_words = self.names_of_people(doc.tokens, doc.lang)

    def names_of_people(self, doc: Tokens, lang: str) -> set[str]:
        """Words seen in people's names in this text (President John Tyler → tyler; Kobe
        Bryant → bryant, Mike de Kock → kock), so that a later bare "Tyler" or "Bryant" is
        read as the person, not as Tyler, Texas."""
        words: set[str] = set()
        key_facts = self.lookups.key_facts
        for i in doc.where("title"):
            if i + 2 < doc.size:
                run = (i + 1, i + 2)
                if all(doc.caps[j] and joinable(doc.gaps[j]) for j in run):
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
                and not key_facts(f"{doc.keys[i]} {doc.keys[surname]}")[0]
                and not self.lookups.world_city(doc.keys[surname], lang)  # dass Ludwig Paris …
                and not (surname > i + 1 and surname + 1 < doc.size
                         and doc.keys[surname + 1] in LEG_GOALS)  # Carl von Mannheim nach …
            ):
                words.add(doc.keys[surname])
        return words

    def person_part(
        self,
        doc: Tokens,
        match: Recognised,
        top: Candidate,
        lang: str,
        cues: LanguageCues,
    ) -> int:
        """A single-token name inside a person's name (Wladimir Putin, Andrei Lankow): 0, or
        ``SURNAME`` / ``FIRST_PART`` (a true value) for where it stands in the name."""
        index = match.first
        clear_place_word = self.lookups.clear_place_word
        world_city = self.settings.world_city_prominence
        if doc.keys[index] != match.key and (
            top.kind in BIG_KINDS or clear_place_word(match.key, lang)
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
            and self.name_like(words[after], lang, cues)
        ):
            return FIRST_PART
        if (
            lang == "en"
            and after is not None
            and doc.gaps[after] == " "
            and self._first_name_before_surname(doc, index, after)
        ):
            return FIRST_PART  # "Paris Jackson", "Georgia May Jagger", "India Knight"
        if (
            lang == "en"
            and after is not None
            and after + 1 < doc.size
            and doc.gaps[after] == " "
            and doc.gaps[after + 1] == " "
            and not doc.initial(after)
            and given_name(words[after].text)
            and not words[after].title
            and zipf(words[after].text, "en") < _EPITHET_NAME_ZIPF
            and self._surname_after_first_name(doc, after, after + 1)
        ):
            return FIRST_PART  # "the Arctic Alexander Kozlov": the epithet of a person
        if (
            after is not None
            and doc.gaps[after] == " "
            and top.prominence < world_city
            and lang == "de"
            and given_name(words[index].text)
            and (
                self._surname_like(words[after], lang)
                or NounClass.SURNAME in noun_classes(words[after].text)
            )
        ):
            return FIRST_PART  # "Wladimir Putin", "Uta Hagen": a first name before a surname
        if (
            lang == "en"
            and before is not None
            and doc.gaps[index] == " "
            and self._surname_after_first_name(doc, before, index)
        ):
            return SURNAME  # "Andrew Jordan", "Tom Holland", "Paris Jackson"
        if (
            before is not None
            and doc.gaps[index] == " "
            and not (lang == "en" and doc.initial(before))
            and (
                self.name_like(words[before], lang, cues)
                or (top.prominence < world_city and self._first_name(words[before], lang))
            )
        ):
            return True
        if lang == "en" and _speaker(doc, index) and top.kind not in BIG_KINDS:
            return not clear_place_word(match.key, lang)  # "Payette said" (not Moscow)
        if before is None or top.kind in BIG_KINDS:
            return False
        if words[before].title:
            return True
        return self._after_title_or_particle(doc, index, before, lang, cues)

    def _after_title_or_particle(
        self, doc: Tokens, index: int, before: int, lang: str, cues: LanguageCues
    ) -> bool:
        """A surname two words after the start of a name: after an initial (A. Korsakow),
        a title and a first name (Stürmer Nelson Valdez), a nobiliary particle (Patrick von
        Brunn, Marcelo Rebelo de Sousa)."""
        words = doc.words
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
        if doc.keys[before] in WEAK_PREPOSITIONS and self._first_name(words[earlier], lang):
            # "Patrick von Brunn" is a name; "Carl von Mannheim nach Pforzheim" a leg
            after = index + 1
            return not (after < doc.size and doc.keys[after] in LEG_GOALS)
        # "Marcelo Rebelo de Sousa", "Mike de Kock": a name, a particle, the surname.
        return (
            doc.text_of(before) in _SURNAME_PARTICLES
            and doc.caps[earlier]
            and not words[earlier].all_caps
            and doc.gaps[before] == " "
            and (
                words[earlier].given_name
                # German "die Vorstädte von Wien": "von" after a noun is "of"
                or (doc.keys[before] not in ("von", "der") and self.name_like(
                    words[earlier], lang, cues
                ))
            )
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
            or self.lookups.key_facts(f"{word.key} {following.key}")[0]
        ):
            return False
        if surname_after(following.text):
            return not (
                self.lookups.clear_place_word(following.key, "en")
                and self.lookups.big_place(following.key)
            )
        # A first name no dictionary knows as a place (Vladimir, Gary) before any rare
        # capitalised word: Vladimir Putin, Gary Matson.
        return given_name(word.text) and self.name_like(following, "en", CUES["en"])

    def _surname_after_first_name(self, doc: Tokens, before: int, index: int) -> bool:
        """English: the place word at ``index`` is the surname after a first name (Andrew
        Jordan, Tom Holland, Kobe Bryant); after a place-named first name only a surname
        that is no big place (Paris Jackson, not Victoria London)."""
        previous, word = doc.words[before], doc.words[index]
        if (
            not previous.capitalised
            or previous.all_caps
            or previous.key in CALENDAR_WORDS["en"]
            or not first_name(previous.text, doc.initial(before))
            or self.lookups.key_facts(f"{previous.key} {word.key}")[0]  # San Marino
        ):
            return False
        if not self.lookups.clear_place_word(previous.key, "en"):
            return True
        return surname_after(word.text) and not self.lookups.big_place(word.key)

    def _first_name(self, word: Word, lang: str) -> bool:
        """A first name (Michael, Wladimir) however common: what follows is a surname."""
        return (
            lang == "de"
            and word.capitalised
            and not word.all_caps
            and given_name(word.text)
            and not self.lookups.clear_place_word(word.key, lang)
        )

    def _surname_like(self, word: Word, lang: str) -> bool:
        """A capitalised word that is no common noun and no well-known place (Putin)."""
        return (
            word.capitalised
            and not word.all_caps
            and NounClass.COMMON not in noun_classes(word.text)
            and not self.lookups.clear_place_word(word.key, lang)
        )

    def name_like(self, word: Word, lang: str, cues: LanguageCues) -> bool:
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
            and word.key not in COMPASS_ADJECTIVES
            and zipf(word.text, lang) < rare
            and not self.lookups.clear_place_word(word.key, lang)
            and not (lang == "de" and compound_noun(word.key))  # last: one zipf per cut
        )
        memo.remember((word.text, lang), like)
        return like
