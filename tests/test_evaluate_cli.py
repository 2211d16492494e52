"""``storymap eval`` end to end with a fake parse function injected into ``run``."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from storymap.evaluate.cli import add_arguments, run

DATA = Path(__file__).parent / "data" / "eval"
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    derived: bool = False
    lat: float | None = None
    lon: float | None = None


def args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="storymap eval")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def find(*names: str):
    """A fake geoparser: every occurrence of the given names, plain, resolved to (0, 0)."""

    def parse(text: str, lang: str | None):
        found = []
        for name in names:
            start = text.find(name)
            while start >= 0:
                found.append(Pred(start, start + len(name), lat=0.0, lon=0.0))
                start = text.find(name, start + 1)
        return found

    return parse


def test_text_report_has_a_row_per_document_and_totals(capsys):
    status = run(args(str(DATA / "annotated")), parse=find("Wladiwostok", "Insel", "Zug"))
    out = capsys.readouterr().out
    assert status == 0
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("doc "))
    assert header.split() == ["doc", "gold", "pred", "P", "R", "F1-exact", "F1-overlap", "acc@161"]
    # gold 4; predicted Wladiwostok (exact), Insel (overlaps "Insel Russki"), Zug (wrong):
    # exact P 1/3 R 1/4 F1 2/7; overlap P 2/3 R 2/4 F1 4/7; both placed at (0, 0): acc 0
    row = next(line for line in lines if line.startswith("01 "))
    assert row.split() == ["01", "4", "3", "0.333", "0.250", "0.286", "0.571", "0.000"]
    assert "totals (micro-averaged over 1 document)" in out
    assert any(line.split()[:4] == ["derived", "1", "0", "0"] for line in lines)
    assert "resolution (recognised gold mentions" in out


def test_json_report_is_one_object_with_documents_and_totals(capsys):
    status = run(args(str(DATA / "annotated"), "--json"), parse=find("Wladiwostok"))
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format"] == "annotated" and report["documents_evaluated"] == 1
    total = report["total"]
    assert (total["gold"], total["predicted"]) == (4, 1)
    assert total["recognition"]["all"]["exact"] == {
        "matched": 1,
        "precision": 1.0,
        "recall": 0.25,
        "f1": 0.4,
    }
    assert total["resolution"]["count"] == 1 and total["resolution"]["accuracy"] == 0.0
    assert [doc["doc_id"] for doc in report["documents"]] == ["01"]


def test_germeval_prints_totals_only_unless_per_doc(capsys):
    path = str(DATA / "germeval" / "mini.tsv")
    assert run(args(path), parse=find("Berlin", "Dortmund")) == 0
    out = capsys.readouterr().out
    assert "0001" not in out and "LOC+LOCderiv" in out
    assert "resolution: not measured" in out
    loc = next(line for line in out.splitlines() if line.startswith("LOC "))
    # gold Frankfurt am Main and Berlin; Dortmund (nested, inside a club name) is ignored
    assert loc.split()[1:4] == ["2", "1", "1"]

    assert run(args(path, "--per-doc"), parse=find("Berlin")) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("0001 ") for line in out.splitlines())


def test_limit_evaluates_only_the_first_documents(capsys):
    seen = []

    def parse(text, lang):
        seen.append(lang)
        return []

    path = str(DATA / "germeval" / "mini.tsv")
    assert run(args(path, "--limit", "2", "--json"), parse=parse) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents_evaluated"] == 2 and seen == ["de", "de"]
    assert "documents" not in report  # GermEval: per-document numbers only with --per-doc
    assert report["total"]["resolution"] is None


def test_gwn_runs_with_english(capsys):
    langs = []

    def parse(text, lang):
        langs.append(lang)
        return find("Lagos", "Abuja")(text, lang)

    assert run(args(str(DATA / "gwn" / "mini.xml"), "--json"), parse=parse) == 0
    report = json.loads(capsys.readouterr().out)
    assert langs == ["en"]
    assert report["total"]["recognition"]["plain"]["exact"]["matched"] == 2
    assert report["total"]["recall_by_category"]["Literal"]["recall_exact"] == 1.0


def test_missing_path_and_unknown_format_are_one_line_errors(capsys, tmp_path):
    def never(text, lang):
        raise AssertionError("must not parse")

    assert run(args(str(tmp_path / "missing")), parse=never) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err

    assert run(args(str(DATA / "gwn" / "mini.xml"), "--format", "conll"), parse=never) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown corpus format 'conll'" in err

    assert run(args(str(DATA / "annotated"), "--limit", "0"), parse=never) == 2


def test_module_entry_point_reports_errors_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "storymap.evaluate", str(tmp_path / "nothing.xml")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("storymap: error: no such file or folder")
