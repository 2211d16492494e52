"""The gazetteer's lookup API over the memory-mapped store.

Opening maps three files and parses a small header: no place is turned into a Python object
until a lookup asks for it, so a fresh process opens the world in milliseconds.
"""

from __future__ import annotations

import contextlib
import json
import math
import mmap
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import marisa_trie

from gazetteer import layout
from gazetteer.cache import PACKAGE_DATA, GazetteerDataError, expanded_store, is_store_directory
from gazetteer.geo import haversine_km
from gazetteer.kinds import KINDS
from gazetteer.model import Candidate, NameFlag, Place
from gazetteer.normalize import normalize, tokens

# Flag arithmetic on plain ints: IntFlag operators cost microseconds each on the hot path.
_GERMAN = int(NameFlag.GERMAN)
_ENGLISH = int(NameFlag.ENGLISH)
_PREFERRED = int(NameFlag.PREFERRED)
_ABBREVIATION = int(NameFlag.ABBREVIATION)
_LANGUAGE_FLAGS = {"de": _GERMAN, "en": _ENGLISH}
_WEAK_FLAGS = int(NameFlag.TRANSLIT_GERMAN | NameFlag.TRANSLIT_ENGLISH | NameFlag.VARIANT)
_SOURCE_FLAGS = int(
    NameFlag.GERMAN | NameFlag.ENGLISH | NameFlag.OTHER_LANGUAGE | NameFlag.PREFERRED
)
_BASE_CACHE_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A run of text tokens that spells a gazetteer key (offsets into the scanned text)."""

    start: int
    end: int
    key: str
    first_token: int
    last_token: int  # inclusive


def match_score(candidate: Candidate, lang: str | None = None, as_code: bool = False) -> float:
    """Prominence adjusted by how the looked-up name is attached to the candidate.

    A preferred or language-tagged name counts more than an untagged alternate; a spelling
    the builder derived itself (transliteration, umlaut-free variant) less; a bare code
    (IATA, ISO) ranks below every real name unless the query is written as a code.
    """
    flags = int(candidate.flags)
    score = candidate.prominence
    if flags & _PREFERRED:
        score += 1.0
    if lang is not None and flags & _LANGUAGE_FLAGS.get(lang, 0):
        score += 2.5
    elif flags & (_GERMAN | _ENGLISH):
        score += 1.0
    if not flags & _SOURCE_FLAGS and flags & _WEAK_FLAGS:
        score -= 1.0
    if flags == _ABBREVIATION and not as_code:
        score -= 100.0
    return score


class Gazetteer:
    """Read-only access to a compiled store: ``lookup``, ``get``, ``near`` and ``scan``."""

    def __init__(self, directory: Path) -> None:
        if not is_store_directory(directory):
            raise GazetteerDataError(f"not a gazetteer store: {directory}")
        self.directory = directory
        self._names = marisa_trie.RecordTrie(layout.NAME_RECORD_FORMAT).mmap(
            str(directory / layout.NAMES_FILE)
        )
        self._ids = marisa_trie.RecordTrie(layout.ID_RECORD_FORMAT).mmap(
            str(directory / layout.IDS_FILE)
        )
        with (directory / layout.PLACES_FILE).open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._base_cache: dict[int, tuple] = {}
        self._read_header()

    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open the embedded gazetteer, or the store (or compressed data folder) at ``path``."""
        if path is None:
            return cls(expanded_store(PACKAGE_DATA))
        path = Path(path)
        if is_store_directory(path):
            return cls(path)
        return cls(expanded_store(path))

    def _read_header(self) -> None:
        view = memoryview(self._map)
        if bytes(view[: len(layout.MAGIC)]) != layout.MAGIC:
            raise GazetteerDataError(f"{self.directory / layout.PLACES_FILE}: not a store file")
        (header_length,) = struct.unpack_from("<I", view, len(layout.MAGIC))
        header_start = len(layout.MAGIC) + 4
        header = json.loads(bytes(view[header_start : header_start + header_length]))
        if header["version"] != layout.FORMAT_VERSION:
            raise GazetteerDataError("gazetteer store has an unsupported format version")
        body = header_start + header_length
        body += -body % 8
        self._count: int = header["count"]
        columns: dict[str, memoryview] = {}
        for name, (offset, typecode, length) in header["columns"].items():
            size = struct.calcsize(typecode) * length
            raw = view[body + offset : body + offset + size]
            columns[name] = raw.cast(typecode) if typecode != "B" else raw
        self._lat = columns["lat"]
        self._lon = columns["lon"]
        self._prominence = columns["prominence"]
        self._population = columns["population"]
        self._kind = columns["kind"]
        self._country = columns["country"]
        self._short_offsets = columns["short_offsets"]
        self._short_blob = columns["short_blob"]
        self._detail_offsets = columns["detail_offsets"]
        self._detail_blob = columns["detail_blob"]
        self._grid_starts = columns["grid_starts"]
        self._grid_order = columns["grid_order"]

    def __len__(self) -> int:
        return self._count

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the mapped store (the object is unusable afterwards)."""
        for name in list(vars(self)):
            if name.startswith("_") and isinstance(getattr(self, name), memoryview):
                getattr(self, name).release()
        # A caller may still hold a view; the map then closes with the process.
        with contextlib.suppress(BufferError):
            self._map.close()

    # -- single places -------------------------------------------------------------------

    def candidate(self, index: int, flags: int = 0) -> Candidate:
        """The ranking view of place number ``index``; ``flags`` say how it was named."""
        base = self._base_cache.get(index)
        if base is None:
            if len(self._base_cache) >= _BASE_CACHE_LIMIT:
                self._base_cache.clear()
            start, end = self._short_offsets[index], self._short_offsets[index + 1]
            place_id, name, admin1 = (
                bytes(self._short_blob[start:end]).decode("utf-8").split(layout.SHORT_SEPARATOR)
            )
            base = (
                index,
                place_id,
                name,
                KINDS[self._kind[index]],
                bytes(self._country[2 * index : 2 * index + 2]).decode("ascii").strip(),
                admin1,
                round(self._lat[index], 5),
                round(self._lon[index], 5),
                self._population[index],
                round(self._prominence[index], 4),
            )
            self._base_cache[index] = base
        return Candidate(*base, flags)

    def index_of(self, place_id: str) -> int | None:
        records = self._ids.get(place_id)
        return records[0][0] if records else None

    def get(self, place_id: str) -> Place | None:
        """The full entry for a stable id (``gn:2013348``), or None."""
        index = self.index_of(place_id)
        if index is None:
            return None
        base = self.candidate(index)
        start, end = self._detail_offsets[index], self._detail_offsets[index + 1]
        detail = json.loads(bytes(self._detail_blob[start:end]).decode("utf-8"))
        names = {
            ("" if lang == "alt" else lang): bucket for lang, bucket in detail["names"].items()
        }
        return Place(
            id=base.id,
            name=base.name,
            kind=base.kind,
            country=base.country,
            admin1=base.admin1,
            lat=base.lat,
            lon=base.lon,
            population=base.population,
            prominence=base.prominence,
            names=names,
            source_ids=detail["ids"],
            sources=tuple(detail["sources"]),
            feature_code=detail.get("code", ""),
        )

    # -- names ---------------------------------------------------------------------------

    def lookup(
        self, name: str, lang: str | None = None, limit: int | None = None
    ) -> list[Candidate]:
        """Places called ``name``, best first (prominence, adjusted by how the name fits)."""
        as_code = name.isupper() and len(name.replace(".", "").strip()) <= 5
        return self.lookup_key(normalize(name), lang, limit, as_code=as_code)

    def lookup_key(
        self, key: str, lang: str | None = None, limit: int | None = None, as_code: bool = False
    ) -> list[Candidate]:
        """Like ``lookup`` for an already normalised key (as produced by ``scan``).

        ``as_code``: the text wrote the name as an all-caps code (USA, VVO).
        """
        records = self._names.get(key)
        if not records:
            return []
        candidates = [self.candidate(index, flags) for index, flags in records]
        candidates.sort(key=lambda c: (-match_score(c, lang, as_code), c.index))
        return candidates[:limit] if limit else candidates

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._names

    def has_key(self, key: str) -> bool:
        return key in self._names

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with ``prefix`` (lets matchers stop extending early)."""
        return next(self._names.iterkeys(prefix), None) is not None

    def key_prefixes(self, text: str) -> list[str]:
        """Keys that are prefixes of the normalised ``text`` (for incremental matchers)."""
        return self._names.prefixes(text)

    def scan(self, text: str, overlapping: bool = False, max_key: int = 80) -> list[NameMatch]:
        """Find token runs of ``text`` that spell a known name.

        Left to right, longest match first; with ``overlapping`` every match at every token
        is returned (a recogniser may prefer a shorter one). Matches start and end on token
        boundaries only.
        """
        found: list[NameMatch] = []
        spans = list(tokens(text))
        if not spans:
            return found
        keys = [key for _, _, key in spans]
        joined = " ".join(keys)
        starts: list[int] = []
        position = 0
        ends: dict[int, int] = {}
        for number, key in enumerate(keys):
            starts.append(position)
            position += len(key)
            ends[position] = number
            position += 1
        prefixes = self._names.prefixes
        skip_until = -1
        for number, begin in enumerate(starts):
            if not overlapping and number <= skip_until:
                continue
            hits = prefixes(joined[begin : begin + max_key])
            if not hits:
                continue
            for hit in sorted(hits, key=len, reverse=True):
                last = ends.get(begin + len(hit))
                if last is None:
                    continue
                found.append(NameMatch(spans[number][0], spans[last][1], hit, number, last))
                if not overlapping:
                    skip_until = last
                    break
        return found

    # -- space ---------------------------------------------------------------------------

    def near(
        self,
        lat: float,
        lon: float,
        km: float,
        kinds: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[tuple[float, Candidate]]:
        """Places within ``km`` of a point, nearest first, as ``(distance_km, candidate)``."""
        wanted = set(kinds) if kinds is not None else None
        results: list[tuple[float, int]] = []
        for index in self._indices_near(lat, lon, km):
            if wanted is not None and KINDS[self._kind[index]] not in wanted:
                continue
            distance = haversine_km(lat, lon, self._lat[index], self._lon[index])
            if distance <= km:
                results.append((distance, index))
        results.sort()
        if limit:
            results = results[:limit]
        return [(round(distance, 3), self.candidate(index)) for distance, index in results]

    def _indices_near(self, lat: float, lon: float, km: float) -> Iterator[int]:
        lat_span = km / 111.0 + layout.GRID_DEGREES
        low = max(-90.0, lat - lat_span)
        high = min(90.0, lat + lat_span)
        widest = max(abs(low), abs(high))
        cos_lat = math.cos(math.radians(min(widest, 89.0)))
        lon_span = km / (111.32 * cos_lat) + layout.GRID_DEGREES
        rows = range(
            int((low + 90.0) // layout.GRID_DEGREES),
            min(layout.GRID_ROWS - 1, int((high + 90.0) // layout.GRID_DEGREES)) + 1,
        )
        if lon_span >= 180.0 or widest >= 89.0:
            cols: Iterable[int] = range(layout.GRID_COLS)
        else:
            first = int(((lon - lon_span + 180.0) % 360.0) // layout.GRID_DEGREES)
            count = int(2 * lon_span // layout.GRID_DEGREES) + 2
            cols = sorted({(first + step) % layout.GRID_COLS for step in range(count)})
        for row in rows:
            for col in cols:
                cell = row * layout.GRID_COLS + col
                for position in range(self._grid_starts[cell], self._grid_starts[cell + 1]):
                    yield self._grid_order[position]

