"""The benchmark scripts run (small sizes) and report every measure with its target."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize(
    ("script", "measures"),
    [
        (
            "gazetteer_bench.py",
            ("expand_s", "open_s", "lookups_per_s", "peak_rss_mb", "committed_mb"),
        ),
        ("geoparse_bench.py", ("warm_kb_per_s", "cold_cli_s", "ratio_to_tokenisation")),
        ("batch_bench.py", ("speedup", "peak_mb")),
    ],
)
def test_benchmark_quick_run(tmp_path, script, measures):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, f"benchmarks/{script}", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    for measure in measures:
        assert measure in report["results"] and measure in report["targets"]
    assert measures[0] in result.stdout
