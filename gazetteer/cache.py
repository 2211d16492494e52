"""Expand the committed, xz-compressed store once into a per-user cache directory.

The repository carries the compressed files (small enough to commit); the fast form is
memory-mapped from the cache. The cache folder is named by the data's fingerprint, so new
data gets a new folder, and it is filled in a private temporary folder and renamed into
place in one step, so processes racing on first use never see a half-written store.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import shutil
import sys
import tempfile
from pathlib import Path

from gazetteer import layout

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
CACHE_ENV = "STORYMAP_CACHE_DIR"
_COMPLETE = ".complete"


class GazetteerDataError(RuntimeError):
    """The embedded gazetteer data is missing or damaged."""


def cache_root() -> Path:
    """``$STORYMAP_CACHE_DIR`` or the platform's user cache folder for storymap."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("storymap", appauthor=False))


def read_manifest(data_dir: Path = PACKAGE_DATA) -> dict:
    try:
        return json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise GazetteerDataError(f"gazetteer data missing: {data_dir / 'manifest.json'}") from error


def expanded_store(data_dir: Path = PACKAGE_DATA, root: Path | None = None) -> Path:
    """The folder holding the uncompressed store for ``data_dir``, expanding it if needed."""
    manifest = read_manifest(data_dir)
    root = root or cache_root()
    target = root / f"gazetteer-{manifest['fingerprint']}"
    if (target / _COMPLETE).is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    total = sum(int(entry["size"]) for entry in manifest["files"].values())
    print(
        f"storymap: preparing the offline gazetteer in {target} "
        f"(once, {total / 1e6:.0f} MB)…",
        file=sys.stderr,
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=root))
    try:
        for name, entry in sorted(manifest["files"].items()):
            _expand_file(data_dir / f"{name}.xz", work / name, entry["sha256"])
        (work / _COMPLETE).write_text(manifest["fingerprint"], encoding="utf-8")
        try:
            os.rename(work, target)
        except OSError:
            # Another process finished first (the target exists now): use its copy.
            if not (target / _COMPLETE).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _remove_stale(root, target.name)
    return target


def _expand_file(source: Path, destination: Path, sha256: str) -> None:
    digest = hashlib.sha256()
    try:
        with lzma.open(source, "rb") as packed, destination.open("wb") as out:
            for chunk in iter(lambda: packed.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
    except (OSError, lzma.LZMAError) as error:
        raise GazetteerDataError(f"cannot expand {source}: {error}") from error
    if digest.hexdigest() != sha256:
        raise GazetteerDataError(f"{source} does not match its manifest checksum")


def _remove_stale(root: Path, keep: str) -> None:
    """Delete stores of older data versions (best effort; open maps stay valid on POSIX)."""
    for entry in root.glob("gazetteer-*"):
        if entry.name != keep and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def is_store_directory(path: Path) -> bool:
    return all((path / name).is_file() for name in layout.DATA_FILES)
