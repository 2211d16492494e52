"""Component: derived mentions — the lexicon's adjectives and demonyms (russischen, Moskauer,
Koreans), its two-word forms (North Korean, Hong Konger), a city adjective before a building
(Münchner Hauptbahnhof: a plain mention placed at the city), and a place opening a German
compound (Russlandbild). Tokens an accepted name holds are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storymap.geoparse.language import LanguageCues
from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.lookups import Lookups
from storymap.geoparse.recognition.tokens import Tokens, joinable

if TYPE_CHECKING:
    from storymap.geoparse.lexicon.derived import DerivedForm


def _facility(doc: Tokens, i: int, form: DerivedForm, cues: LanguageCues) -> Recognised | None:
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


class DerivedForms:
    """Finds derived mentions among the tokens no name holds."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def __call__(self, document: Document) -> None:
        doc, lang, cues, covered = document.tokens, document.lang, document.cues, document.covered
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
                facility = _facility(doc, i, form, cues)
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
        document.derived = found
        document.cover(found)

    def _two_token_form(
        self, doc: Tokens, i: int, lang: str, covered: set[int]
    ) -> Recognised | None:
        """Derived forms of two words: North Korean, South Korean(s), Hong Konger."""
        following = i + 1
        if (
            doc.keys[i] not in self.lookups.pair_heads
            or following >= doc.size
            or following in covered
        ):
            return None
        gap = doc.gaps[following]
        if not joinable(gap) or gap.strip():
            return None
        form = self.lookups.lexicon.lookup(f"{doc.keys[i]} {doc.keys[following]}", lang)
        if form is None:
            return None
        return Recognised(
            doc.starts[i], doc.ends[following],
            f"{doc.text_of(i)}{gap}{doc.text_of(following)}", form.form, True,
            i, following, place_id=form.place_id,
        )
