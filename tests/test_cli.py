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
