"""Write the compiled store (see ``gazetteer.layout``) and its compressed, committed form.

Everything is ordered (places by stable id, keys by text, JSON with sorted keys) and no
clock or random value enters the files, so the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import struct
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import marisa_trie

from gazetteer import layout
from gazetteer.build.keys import place_keys
from gazetteer.build.prominence import prominence
from gazetteer.build.records import PlaceRecord
from gazetteer.kinds import KIND_INDEX


@dataclass(frozen=True, slots=True)
class WriteReport:
    places: int
    keys: int
    name_records: int


def _detail(place: PlaceRecord) -> bytes:
    names = {lang or "alt": list(bucket) for lang, bucket in place.names.items() if bucket}
    if place.abbreviations:
        names["abbr"] = list(place.abbreviations)
    ids = dict(place.source_ids)
    if place.geonames_id is not None:
        ids["geonames"] = str(place.geonames_id)
    if place.wikidata_id:
        ids["wikidata"] = place.wikidata_id
    detail = {"names": names, "ids": ids, "sources": list(place.sources)}
    if place.admin2:
        detail["admin2"] = place.admin2
    if place.feature_code:
        detail["code"] = place.feature_code
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _pad(buffer: bytearray) -> None:
    buffer.extend(b"\0" * (-len(buffer) % 8))


def write_store(places: Sequence[PlaceRecord], out_dir: Path) -> WriteReport:
    """Write ``names.marisa``, ``ids.marisa`` and ``places.bin`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ordered = sorted(places, key=lambda place: place.stable_id())
    columns: dict[str, array] = {name: array(code) for name, code in layout.COLUMNS.items()}
    short_blob = bytearray()
    detail_blob = bytearray()
    columns["short_offsets"].append(0)
    columns["detail_offsets"].append(0)
    name_records: list[tuple[str, tuple[int, int]]] = []
    id_records: list[tuple[str, tuple[int]]] = []
    cells: list[list[int]] = [[] for _ in range(layout.GRID_CELLS)]
    for index, place in enumerate(ordered):
        stable_id = place.stable_id()
        id_records.append((stable_id, (index,)))
        columns["lat"].append(place.lat)  # type: ignore[arg-type]
        columns["lon"].append(place.lon)  # type: ignore[arg-type]
        columns["prominence"].append(prominence(place))
        columns["population"].append(max(0, place.population))
        columns["kind"].append(KIND_INDEX[place.kind])
        columns["country"].extend((place.country or "  ")[:2].ljust(2).encode("ascii"))
        short = layout.SHORT_SEPARATOR.join((stable_id, place.name, place.admin1))
        short_blob.extend(short.encode("utf-8"))
        columns["short_offsets"].append(len(short_blob))
        detail_blob.extend(_detail(place))
        columns["detail_offsets"].append(len(detail_blob))
        cells[layout.grid_cell(place.lat, place.lon)].append(index)  # type: ignore[arg-type]
        for key, flags in sorted(place_keys(place).items()):
            name_records.append((key, (index, int(flags))))
    columns["short_blob"] = array("B", short_blob)
    columns["detail_blob"] = array("B", detail_blob)
    starts = columns["grid_starts"]
    order = columns["grid_order"]
    for cell in cells:
        starts.append(len(order))
        order.extend(cell)
    starts.append(len(order))

    body = bytearray()
    header_columns: dict[str, list[object]] = {}
    for name, values in columns.items():
        _pad(body)
        header_columns[name] = [len(body), values.typecode, len(values)]
        body.extend(values.tobytes())
    header = json.dumps(
        {"version": layout.FORMAT_VERSION, "count": len(ordered), "columns": header_columns},
        sort_keys=True,
    ).encode()
    prefix = layout.MAGIC + struct.pack("<I", len(header)) + header
    prefix += b"\0" * (-len(prefix) % 8)
    # Column offsets in the header are relative to the end of the padded prefix.
    (out_dir / layout.PLACES_FILE).write_bytes(prefix + bytes(body))

    name_records.sort()
    marisa_trie.RecordTrie(layout.NAME_RECORD_FORMAT, name_records).save(
        str(out_dir / layout.NAMES_FILE)
    )
    marisa_trie.RecordTrie(layout.ID_RECORD_FORMAT, id_records).save(
        str(out_dir / layout.IDS_FILE)
    )
    return WriteReport(
        places=len(ordered),
        keys=len({key for key, _ in name_records}),
        name_records=len(name_records),
    )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def compress_store(store_dir: Path, data_dir: Path, counts: dict[str, int]) -> dict[str, object]:
    """xz-compress the store files into ``data_dir`` and write ``manifest.json``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, object]] = {}
    for name in layout.DATA_FILES:
        raw = (store_dir / name).read_bytes()
        packed = lzma.compress(raw, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=9)
        (data_dir / f"{name}.xz").write_bytes(packed)
        files[name] = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "size": len(raw),
            "xz_size": len(packed),
        }
    fingerprint = hashlib.sha256(
        json.dumps(files, sort_keys=True).encode()
    ).hexdigest()[:16]
    manifest = {
        "format": layout.FORMAT_VERSION,
        "fingerprint": fingerprint,
        "files": files,
        "counts": counts,
    }
    (data_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest

