"""Values the gazetteer hands out: a lightweight ``Candidate`` per lookup hit, a full ``Place``.

``Candidate`` carries only what ranking needs (built from memory-mapped columns, cheap);
``Place`` adds every name by language and the source ids (read on demand with ``get``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntFlag


class NameFlag(IntFlag):
    """How a name is attached to a place: language tag and origin of the spelling."""

    NONE = 0
    GERMAN = 1  # tagged German by a source (CLDR, Natural Earth name_de, WOF, curated …)
    ENGLISH = 2  # tagged English
    OTHER_LANGUAGE = 4  # tagged with some other language
    PREFERRED = 8  # the place's main name in its primary source
    TRANSLIT_GERMAN = 16  # German transliteration of a Cyrillic name (not listed by a source)
    TRANSLIT_ENGLISH = 32  # English/simplified transliteration of a Cyrillic name
    ABBREVIATION = 64  # all-caps code or abbreviation (USA, NRW, VVO)
    VARIANT = 128  # derived spelling (umlauts dropped, parenthetical qualifier removed)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with the facts a resolver ranks by."""

    index: int
    id: str
    name: str
    kind: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    prominence: float
    flags: int = 0  # NameFlag bits: how the looked-up name is attached to this place

    @property
    def name_flags(self) -> NameFlag:
        return NameFlag(self.flags)

    def as_row(self) -> dict[str, object]:
        """A plain dict for printing and JSON."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "population": self.population,
            "prominence": round(self.prominence, 3),
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A complete gazetteer entry."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    prominence: float
    names: dict[str, list[str]] = field(default_factory=dict)  # lang → names; "" = untagged
    source_ids: dict[str, str] = field(default_factory=dict)  # geonames, wikidata, wof, …
    sources: tuple[str, ...] = ()
    feature_code: str = ""  # GeoNames feature code (PPLC: capital), when known

    def name_in(self, lang: str) -> str:
        """The place's name in ``lang`` if a source tags one, else its preferred name."""
        names = self.names.get(lang)
        return names[0] if names else self.name
