"""Toponym recognition: which spans of an article name a place.

A pipeline of components over one token table (``Tokens``), each one module with one job,
run in the order of ``Recogniser.components``:

1. ``people``        — words of people's names the text introduces (John Tyler → Tyler);
2. ``names``         — token runs that spell a gazetteer name, through German inflection
                       (Russlands, koreanischen Halbinsel, Nahen Osten);
3. ``decision``      — which of them are mentions: how common the words are otherwise
                       (``reading``: Boden, Zug, Station), the context (``evidence``: after
                       in/nach/aus, a generic noun like Insel or Grenzstadt, a dateline),
                       people's names, and the text's coherence;
4. ``derived``       — adjectives, demonyms and compounds (russischen, Moskauer,
                       Russland-Besuch, Russlandbild) where no name stands;
5. ``unlisted``      — names the gazetteer lacks, by their form (Knoopstraße, in Böckingen);
6. ``english``       — English span edges (China's, U.S., South Florida, Hamilton County)
                       and landmark names (London Bridge);
7. ``compounds``     — German city districts (Berlin-Mitte);
8. ``organisations`` — place words inside an organisation's or an event's name.

What a spelling is (its key, forms, whether a name can start there) is worked out once per
distinct word (``wordfacts``), the questions to the gazetteer once per process
(``lookups``). Each component is a callable on a ``Document`` and can be run alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from gazetteer import Gazetteer
from storymap.geoparse.recognition.compounds import CityDistricts
from storymap.geoparse.recognition.decision import NameDecision
from storymap.geoparse.recognition.derived import DerivedForms
from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.english import EnglishSpans
from storymap.geoparse.recognition.lookups import Lookups
from storymap.geoparse.recognition.names import GazetteerNames
from storymap.geoparse.recognition.organisations import OrganisationsAndEvents
from storymap.geoparse.recognition.people import People
from storymap.geoparse.recognition.settings import Settings
from storymap.geoparse.recognition.tokens import Tokens, Word
from storymap.geoparse.recognition.unlisted import UnlistedNames
from storymap.geoparse.recognition.wordfacts import WordFacts

if TYPE_CHECKING:
    from storymap.geoparse.lexicon.derived import DerivedLexicon

__all__ = ["Document", "Recognised", "Recogniser", "Settings", "Tokens", "Word"]

Component = Callable[[Document], None]


class Recogniser:
    """Finds place mentions in one language's text."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        lexicon: DerivedLexicon | None = None,
        settings: Settings | None = None,
    ) -> None:
        if lexicon is None:
            from storymap.geoparse.lexicon.derived import DerivedLexicon

            lexicon = DerivedLexicon.load()
        self.settings = settings or Settings()
        lookups = Lookups(gazetteer, lexicon, self.settings)
        self.words = WordFacts(lookups)
        people = People(lookups)
        self.components: tuple[tuple[str, Component], ...] = (
            ("people", people),
            ("names", GazetteerNames(lookups)),
            ("decision", NameDecision(lookups, people)),
            ("derived", DerivedForms(lookups)),
            ("unlisted", UnlistedNames()),
            ("english", EnglishSpans()),
            ("compounds", CityDistricts(lookups)),
            ("organisations", OrganisationsAndEvents()),
        )

    def recognise(
        self, text: str, lang: str, start: int = 0, sentence_starts: Sequence[int] = ()
    ) -> list[Recognised]:
        return self.recognise_tokens(self.tokens(text, lang, start, sentence_starts), lang)

    def tokens(
        self, text: str, lang: str, start: int = 0, sentence_starts: Sequence[int] = ()
    ) -> Tokens:
        """The tokens of ``text[start:]`` (offsets into ``text``) with their words' facts."""
        return self.words.tokens(text, lang, start, sentence_starts)

    def recognise_tokens(self, tokens: Tokens, lang: str) -> list[Recognised]:
        """``recognise`` over tokens already split (the caller keeps them for later stages):
        every component in order, then the mentions in text order."""
        document = Document(tokens, lang)
        for _name, component in self.components:
            component(document)
        return sorted(document.names + document.derived, key=attrgetter("start", "end"))
