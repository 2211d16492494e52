"""An on-disk cache of online geocoder answers, so regenerating a story never asks twice.

Online geocoders are slow, rate-limited and not ours to hammer (Nominatim's usage policy
asks clients to cache). Every answer is kept in one SQLite file under the storymap cache
folder — including "no result", which costs a request just the same. Answers do not
expire unless asked: a place rarely moves, and a stable cache keeps maps reproducible.
WAL journaling and short transactions let several storymap processes share the file.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from gazetteer.cache import cache_root

CACHE_FILE = "geocode.sqlite3"
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL,
    domain TEXT NOT NULL,
    query TEXT NOT NULL,
    language TEXT NOT NULL,
    country TEXT NOT NULL,
    results TEXT NOT NULL,
    stored REAL NOT NULL,
    PRIMARY KEY (service, domain, query, language, country)
)
"""


@dataclass(frozen=True, slots=True)
class CacheKey:
    """What makes two geocoder questions the same question."""

    service: str
    domain: str
    query: str
    language: str = ""
    country: str = ""  # country bias, e.g. "de" or "de,at"; "" for none

    def normalised(self) -> CacheKey:
        """Case and spacing of service, domain and query do not change the answer."""
        return CacheKey(
            self.service.strip().lower(),
            self.domain.strip().lower().rstrip("/"),
            " ".join(self.query.split()),
            self.language.strip().lower(),
            self.country.strip().lower(),
        )

    def row(self) -> tuple[str, str, str, str, str]:
        key = self.normalised()
        return key.service, key.domain, key.query, key.language, key.country


def default_cache_path() -> Path:
    """``$STORYMAP_CACHE_DIR/geocode.sqlite3`` or the same file in the user cache folder."""
    return cache_root() / CACHE_FILE


class GeocodeCache:
    """Geocoder answers by (service, domain, query, language, country bias).

    ``get`` returns None when the question was never asked, and the stored list otherwise
    (an empty list is a cached "no result"). ``max_age`` (seconds) makes older answers
    count as missing; None, the default, keeps them for ever.
    """

    def __init__(self, path: str | Path | None = None, max_age: float | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.max_age = max_age
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
        self._db.execute("PRAGMA busy_timeout = 30000")
        self._prepare()

    def _prepare(self) -> None:
        with self._lock:
            # A file system without shared memory refuses WAL; the rollback journal works too.
            with contextlib.suppress(sqlite3.OperationalError):
                self._db.execute("PRAGMA journal_mode = WAL")
            with self._db:
                self._db.execute(_SCHEMA)
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
                elif version != _SCHEMA_VERSION:
                    raise RuntimeError(
                        f"{self.path} is a geocode cache of another storymap version; "
                        "delete it or choose another --geocoder-cache"
                    )

    def get(self, key: CacheKey) -> list[dict] | None:
        """The cached answer (possibly empty), or None when there is none."""
        with self._lock:
            row = self._db.execute(
                "SELECT results, stored FROM answers WHERE service = ? AND domain = ? "
                "AND query = ? AND language = ? AND country = ?",
                key.row(),
            ).fetchone()
        if row is None:
            return None
        results, stored = row
        if self.max_age is not None and time.time() - stored > self.max_age:
            return None
        return json.loads(results)

    def put(self, key: CacheKey, results: list[dict]) -> None:
        """Store an answer (an empty list for "no result"), replacing an older one."""
        payload = json.dumps(results, ensure_ascii=False, sort_keys=True)
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers "
                "(service, domain, query, language, country, results, stored) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*key.row(), payload, time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def clear(self) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM answers")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
