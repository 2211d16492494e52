"""Expanding the compressed store into the cache: once, atomically, verified."""

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest

from gazetteer import Gazetteer, GazetteerDataError
from gazetteer.cache import expanded_store


def _expand(data_dir: str, root: str) -> str:
    return str(expanded_store(Path(data_dir), Path(root)))


def test_racing_processes_share_one_complete_store(small_build: Path, tmp_path: Path):
    root = tmp_path / "cache"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_expand, [(str(small_build), str(root))] * 8)
    assert len(set(results)) == 1
    folders = [entry for entry in root.iterdir()]
    assert [folder.name for folder in folders] == [Path(results[0]).name]
    with Gazetteer(Path(results[0])) as store:
        assert store.lookup("Wladiwostok")


def test_second_open_reuses_the_cache(small_build: Path, tmp_path: Path, capsys):
    first = expanded_store(small_build, tmp_path)
    assert "preparing the offline gazetteer" in capsys.readouterr().err
    second = expanded_store(small_build, tmp_path)
    assert first == second
    assert capsys.readouterr().err == ""


def test_new_data_gets_a_new_cache_folder_and_old_ones_go(small_build: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(small_build, data)
    old = expanded_store(data, tmp_path / "cache")
    manifest = json.loads((data / "manifest.json").read_text())
    manifest["fingerprint"] = "0123456789abcdef"
    (data / "manifest.json").write_text(json.dumps(manifest))
    new = expanded_store(data, tmp_path / "cache")
    assert new != old and new.name.endswith("0123456789abcdef")
    assert not old.exists()


def test_damaged_data_is_reported(small_build: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(small_build, data)
    manifest = json.loads((data / "manifest.json").read_text())
    manifest["files"]["places.bin"]["sha256"] = "0" * 64
    (data / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(GazetteerDataError, match="checksum"):
        expanded_store(data, tmp_path / "cache")
    assert not any((tmp_path / "cache").glob("gazetteer-*"))


def test_missing_data_is_reported(tmp_path: Path):
    with pytest.raises(GazetteerDataError, match="missing"):
        expanded_store(tmp_path, tmp_path / "cache")
