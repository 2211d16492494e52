"""Mutable place records and the registry that merges source rows into one place per place.

GeoNames ids and Wikidata ids are the join keys: a row that carries an id already seen is
merged into that place (names united, missing facts filled), otherwise it becomes a new place.
Sources are added in order of trust, so the first source to give coordinates keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

UNTAGGED = ""


@dataclass(slots=True, eq=False)
class PlaceRecord:
    """A place while the gazetteer is being built."""

    name: str
    kind: str
    lat: float | None = None
    lon: float | None = None
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    feature_code: str = ""
    geonames_id: int | None = None
    wikidata_id: str | None = None
    source_ids: dict[str, str] = field(default_factory=dict)
    # lang → ordered unique names; UNTAGGED holds untagged alternate names.
    names: dict[str, list[str]] = field(default_factory=dict)
    abbreviations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add_name(self, name: str, lang: str = UNTAGGED) -> None:
        """Attach a name (ignored when empty or already attached under that language)."""
        name = " ".join(name.split())
        if not name:
            return
        bucket = self.names.setdefault(lang, [])
        if name not in bucket:
            bucket.append(name)

    def add_names(self, names: Iterable[str], lang: str = UNTAGGED) -> None:
        for name in names:
            self.add_name(name, lang)

    def add_source(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def all_names(self) -> Iterator[str]:
        yield self.name
        for bucket in self.names.values():
            yield from bucket

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    def merge(self, other: PlaceRecord) -> None:
        """Fold ``other`` (a later, less trusted row for the same place) into this one."""
        if not self.has_coordinates and other.has_coordinates:
            self.lat, self.lon = other.lat, other.lon
        self.country = self.country or other.country
        self.admin1 = self.admin1 or other.admin1
        self.admin2 = self.admin2 or other.admin2
        self.population = max(self.population, other.population)
        self.feature_code = self.feature_code or other.feature_code
        if self.geonames_id is None:
            self.geonames_id = other.geonames_id
        if self.wikidata_id is None:
            self.wikidata_id = other.wikidata_id
        for key, value in other.source_ids.items():
            self.source_ids.setdefault(key, value)
        if other.name != self.name:
            self.add_name(other.name)
        for lang, bucket in other.names.items():
            self.add_names(bucket, lang)
        for abbreviation in other.abbreviations:
            if abbreviation not in self.abbreviations:
                self.abbreviations.append(abbreviation)
        for source in other.sources:
            self.add_source(source)

    def stable_id(self) -> str:
        """An id that stays the same across rebuilds: the strongest external id available."""
        if self.geonames_id is not None:
            return f"gn:{self.geonames_id}"
        if self.wikidata_id:
            return f"wd:{self.wikidata_id}"
        for key in sorted(self.source_ids):
            return f"{key}:{self.source_ids[key]}"
        raise ValueError(f"place {self.name!r} has no id")


class PlaceRegistry:
    """All places of the build, indexed by their join keys."""

    def __init__(self) -> None:
        self._places: list[PlaceRecord] = []
        self._by_geonames: dict[int, PlaceRecord] = {}
        self._by_wikidata: dict[str, PlaceRecord] = {}
        self._by_source_id: dict[tuple[str, str], PlaceRecord] = {}

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[PlaceRecord]:
        return iter(self._places)

    def by_geonames(self, geonames_id: int) -> PlaceRecord | None:
        return self._by_geonames.get(geonames_id)

    def by_wikidata(self, wikidata_id: str) -> PlaceRecord | None:
        return self._by_wikidata.get(wikidata_id)

    def by_source_id(self, source: str, value: str) -> PlaceRecord | None:
        return self._by_source_id.get((source, value))

    def find(self, record: PlaceRecord) -> PlaceRecord | None:
        """The already-known place ``record`` describes, by GeoNames or Wikidata id."""
        if record.geonames_id is not None and record.geonames_id in self._by_geonames:
            return self._by_geonames[record.geonames_id]
        if record.wikidata_id and record.wikidata_id in self._by_wikidata:
            return self._by_wikidata[record.wikidata_id]
        for key, value in record.source_ids.items():
            known = self._by_source_id.get((key, value))
            if known is not None:
                return known
        return None

    def add(self, record: PlaceRecord) -> PlaceRecord:
        """Merge ``record`` into the place it describes, or register it as a new place."""
        known = self.find(record)
        if known is None:
            self._places.append(record)
            known = record
        else:
            known.merge(record)
        self._index(known, known)
        self._index(record, known)
        return known

    def merge_into(self, known: PlaceRecord, record: PlaceRecord) -> PlaceRecord:
        """Merge ``record`` into a place matched by other means (name and distance)."""
        known.merge(record)
        self._index(known, known)
        self._index(record, known)
        return known

    def _index(self, record: PlaceRecord, target: PlaceRecord) -> None:
        """Make every id ``record`` carries point at ``target``."""
        if record.geonames_id is not None:
            self._by_geonames.setdefault(record.geonames_id, target)
        if record.wikidata_id:
            self._by_wikidata.setdefault(record.wikidata_id, target)
        for key, value in record.source_ids.items():
            self._by_source_id.setdefault((key, value), target)

    def drop_without_coordinates(self) -> list[PlaceRecord]:
        """Remove places no source could locate; returns them for the build report."""
        dropped = [place for place in self._places if not place.has_coordinates]
        if dropped:
            keep = [place for place in self._places if place.has_coordinates]
            self._places = keep
        return dropped
