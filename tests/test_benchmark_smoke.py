"""The benchmark script runs (small sizes) and reports every measure with its target."""

import json
import subprocess
import sys

from tests.conftest import REPO


def test_gazetteer_benchmark_quick_run(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "benchmarks/gazetteer_bench.py", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    for measure in ("expand_s", "open_s", "lookups_per_s", "peak_rss_mb", "committed_mb"):
        assert measure in report["results"] and measure in report["targets"]
    assert "lookups_per_s" in result.stdout


def test_geoparse_benchmark_quick_run(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "benchmarks/geoparse_bench.py", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    for measure in ("warm_kb_per_s", "cold_cli_s", "ratio_to_tokenisation"):
        assert measure in report["results"] and measure in report["targets"]
