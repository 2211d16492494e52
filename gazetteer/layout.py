"""The compiled store's on-disk layout, shared by the writer (build) and the reader (store).

Three files, all opened with ``mmap`` so opening costs milliseconds whatever their size:

- ``names.marisa``: a marisa ``RecordTrie`` from normalised name key to ``(place index,
  name flags)`` records: the name index, also used to scan running text.
- ``ids.marisa``: a ``RecordTrie`` from stable place id to place index.
- ``places.bin``: a small JSON header, then column arrays (one value per place) and string
  blobs. Columns are read through ``memoryview.cast`` without copying.
"""

from __future__ import annotations

MAGIC = b"STORYGAZ"
FORMAT_VERSION = 1

NAME_RECORD_FORMAT = "<IB"  # place index, NameFlag
ID_RECORD_FORMAT = "<I"

NAMES_FILE = "names.marisa"
IDS_FILE = "ids.marisa"
PLACES_FILE = "places.bin"
DATA_FILES = (NAMES_FILE, IDS_FILE, PLACES_FILE)

# Column name → array typecode (see the ``array`` module).
COLUMNS: dict[str, str] = {
    "lat": "f",
    "lon": "f",
    "prominence": "f",
    "population": "Q",
    "kind": "B",
    "country": "B",  # two ASCII bytes per place ("  " when none)
    "short_offsets": "I",  # count + 1 offsets into short_blob
    "short_blob": "B",  # per place: id \x1f name \x1f admin1, UTF-8
    "detail_offsets": "Q",  # count + 1 offsets into detail_blob
    "detail_blob": "B",  # per place: compact JSON with names and source ids
    "grid_starts": "I",  # GRID_CELLS + 1 offsets into grid_order
    "grid_order": "I",  # place indices sorted by grid cell
}

SHORT_SEPARATOR = "\x1f"

# A 1° × 1° grid over the globe for "places near a point" queries.
GRID_DEGREES = 1.0
GRID_ROWS = 180
GRID_COLS = 360
GRID_CELLS = GRID_ROWS * GRID_COLS


def grid_cell(lat: float, lon: float) -> int:
    """Index of the grid cell holding a point (latitude clamped, longitude wrapped)."""
    row = min(GRID_ROWS - 1, max(0, int((lat + 90.0) // GRID_DEGREES)))
    col = int(((lon + 180.0) % 360.0) // GRID_DEGREES) % GRID_COLS
    return row * GRID_COLS + col
