"""``storymap gazetteer …`` from a user's point of view."""

import json
import subprocess
import sys

from tests.conftest import REPO


def run(*args: str, env_cache) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, STORYMAP_CACHE_DIR=str(env_cache))
    return subprocess.run(
        [sys.executable, "-m", "storymap", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def test_lookup_prints_ranked_candidates(cache_dir, gazetteer):
    result = run("gazetteer", "lookup", "Peking", "--lang", "de", env_cache=cache_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "kind", "country", "lat", "lon", "population"]
    assert "Beijing" in lines[1] and "CN" in lines[1]


def test_lookup_json(cache_dir, gazetteer):
    result = run("gazetteer", "lookup", "Wladiwostok", "--json", env_cache=cache_dir)
    rows = json.loads(result.stdout)
    assert rows[0]["id"] == "gn:2013348" and rows[0]["country"] == "RU"


def test_unknown_name_is_a_clear_error_not_a_traceback(cache_dir, gazetteer):
    result = run("gazetteer", "lookup", "Xqzzyvillebergstadt", env_cache=cache_dir)
    assert result.returncode == 1
    assert result.stderr.strip() == "Xqzzyvillebergstadt: no place of that name"


def test_bad_data_path_is_one_line(cache_dir, tmp_path):
    result = run("gazetteer", "lookup", "Berlin", "--data", str(tmp_path), env_cache=cache_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_geoparse_writes_json(cache_dir, gazetteer, tmp_path):
    out = tmp_path / "places.json"
    article = REPO / "examples" / "kim-wladiwostok-2019.txt"
    result = run("geoparse", "--json", str(article), "-o", str(out), env_cache=cache_dir)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["lang"] == "de" and document["date"] == "2019-04"
    names = {m["place"]["name"] for m in document["mentions"] if m["place"]}
    assert {"Vladivostok", "Khasan", "Pyongyang", "Russky Island", "Beijing"} <= names


def test_geoparse_rejects_binary_input_without_leaving_output(cache_dir, gazetteer, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = tmp_path / "places.json"
    result = run("geoparse", str(bad), "-o", str(out), env_cache=cache_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "binary" in result.stderr
    assert not out.exists()


def test_geoparse_text_without_places(cache_dir, gazetteer, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("Das ist ein ganz gewöhnlicher Satz.", encoding="utf-8")
    result = run("geoparse", str(plain), env_cache=cache_dir)
    assert result.returncode == 0
    assert result.stderr.strip() == "no places found"


def test_output_files_are_readable_by_others(tmp_path):
    import os
    import stat

    from storymap.files import write_atomically

    target = tmp_path / "out.txt"
    old = os.umask(0o022)
    try:
        write_atomically(target, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
