"""A place mention: a span of the article, how it names the place, and what it resolved to."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer import Candidate


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a place in the text (offsets are Python indices into the input string).

    ``derived``: the span is an adjective, demonym or compound part (russischen, Moskauer,
    Russland-Besuch) rather than the place's name itself.
    """

    start: int
    end: int
    text: str
    derived: bool
    place: Candidate | None
    confidence: float = 0.0
    alternatives: tuple[Candidate, ...] = ()
    cue: str = ""  # generic word that introduced it (Insel, Grenzstadt), if any

    @property
    def lat(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place else None
