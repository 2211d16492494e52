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


def test_raw_spans_score_germeval_spans_unsnapped(capsys):
    path = str(DATA / "germeval" / "mini.tsv")
    seen = []

    def parse(text, lang):
        seen.append(text)
        # "Berl" inside the token "Berlin": snapped it would count, raw it does not
        start = text.find("Berl")
        return [Pred(start, start + 4)] if start >= 0 else []

    assert run(args(path, "--json"), parse=parse) == 0
    snapped = json.loads(capsys.readouterr().out)["total"]["recognition"]["LOC"]["exact"]
    assert snapped["matched"] == 1
    assert run(args(path, "--raw-spans", "--json"), parse=parse) == 0
    raw = json.loads(capsys.readouterr().out)["total"]["recognition"]["LOC"]["exact"]
    assert raw["matched"] == 0
    assert seen[-3] == "Der Zug fuhr von Frankfurt am Main nach Berlin ."


def test_raw_spans_apply_to_germeval_only(capsys):
    def never(text, lang):
        raise AssertionError("must not parse")

    assert run(args(str(DATA / "gwn" / "mini.xml"), "--raw-spans"), parse=never) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--raw-spans applies to GermEval corpora only" in err


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


# --- routes: route-only scope, several paths, the loss table ---------------------------------

MANNHEIM, PFORZHEIM, HEIDELBERG = (49.49, 8.47), (48.89, 8.69), (49.40, 8.67)


def write_doc(folder: Path, stem: str, text: str, route: list[str], scope: str | None = "route",
              mentions: list[dict] | None = None) -> None:
    """One annotated text in ``folder``; the places are Mannheim, Pforzheim, Heidelberg."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    places = [
        {"id": "mannheim", "lat": MANNHEIM[0], "lon": MANNHEIM[1], "kind": "city"},
        {"id": "pforzheim", "lat": PFORZHEIM[0], "lon": PFORZHEIM[1], "kind": "city"},
        {"id": "heidelberg", "lat": HEIDELBERG[0], "lon": HEIDELBERG[1], "kind": "city"},
    ]
    annotation: dict = {"language": "de", "places": places, "route": route}
    if scope is not None:
        annotation["scope"] = scope
    if mentions is not None:
        annotation["mentions"] = mentions
    (folder / f"{stem}.json").write_text(json.dumps(annotation), encoding="utf-8")


def journeys(folder: Path) -> Path:
    """Two route-only texts: a round trip and a control without a journey."""
    write_doc(folder, "d01", "Von Mannheim über Pforzheim zurück nach Mannheim.",
              ["mannheim", "pforzheim", "mannheim"])
    write_doc(folder, "e01", "Mannheim and Pforzheim are cities.", [])
    return folder


def fake_journey(text: str, lang: str | None):
    """Draws Mannheim → Pforzheim for the round trip (the return lost), nothing otherwise;
    says the control's places were considered and found no event."""
    from storymap.evaluate.routes import RoutePrediction

    if text.startswith("Von"):
        return RoutePrediction(
            stops=[MANNHEIM, PFORZHEIM],
            mentions=[MANNHEIM, PFORZHEIM, MANNHEIM],
            decisions=[(*MANNHEIM, "stop"), (*PFORZHEIM, "stop")],
        )
    return RoutePrediction(stops=[], mentions=[MANNHEIM, PFORZHEIM])


def test_route_only_corpus_is_not_scored_for_recognition(tmp_path, capsys):
    path = str(journeys(tmp_path / "journeys"))
    assert run(args(path), parse=find("Mannheim"), journey=fake_journey) == 0
    out = capsys.readouterr().out
    assert "recognition and resolution: not scored (route-only annotations: 2 documents)" in out
    assert "totals (micro-averaged" not in out and "recognition  gold" not in out
    assert "within 50 km of the gold point" in out
    rows = {
        line.split()[0]: line.split()
        for line in out.splitlines()
        if line.startswith(("d01 ", "e01 "))
    }
    assert rows["d01"][1:4] == ["3", "2", "2"] and rows["e01"][1:4] == ["0", "0", "0"]
    assert "texts without a journey left without a route: 1/1" in out
    # the second Mannheim: its one predicted stop went to the first visit
    assert (
        "loss of gold stops: 3 gold, 2 found (0 misordered); not geoparsed 0, no event 0, "
        "no role 0, other mover 0, dropped 0, merged 1; extra predicted stops 0"
    ) in out

    assert run(args(path, "--json"), parse=find("Mannheim"), journey=fake_journey) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["recognition_scored"] is False and report["route_only_documents"] == 2
    assert report["total"] is None and report["documents_evaluated"] == 0
    routes = report["routes"]
    assert routes["loss"]["found"] == 2 and routes["loss"]["merged"] == 1
    assert [d["doc"] for d in routes["documents"]] == ["d01", "e01"]
    assert [s["stage"] for s in routes["documents"][0]["stops"]] == ["found", "found", "merged"]


def test_route_only_documents_are_left_out_of_recognition(tmp_path, capsys):
    full = tmp_path / "dev"
    text = "Nach Mannheim."
    mention = {"text": "Mannheim", "start": 5, "end": 13, "place": "mannheim"}
    write_doc(full, "01", text, ["mannheim"], scope=None, mentions=[mention])
    journeys(tmp_path / "journeys")
    status = run(args(str(full), str(tmp_path / "journeys"), "--json"),
                 parse=find("Mannheim", "Pforzheim"), journey=fake_journey)
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    # only dev/01 is scored: one gold, one prediction (the journeys texts' Mannheims and
    # Pforzheims would otherwise all be false positives)
    assert report["documents_evaluated"] == 1 and report["route_only_documents"] == 2
    assert (report["total"]["gold"], report["total"]["predicted"]) == (1, 1)
    assert [d["doc_id"] for d in report["documents"]] == ["dev/01"]
    assert [d["doc"] for d in report["routes"]["documents"]] == [
        "dev/01", "journeys/d01", "journeys/e01"
    ]


def test_several_paths_share_one_route_table_and_loss_line(tmp_path, capsys):
    journeys(tmp_path / "journeys")
    write_doc(tmp_path / "other", "x1", "Heidelberg, dann Pforzheim.",
              ["heidelberg", "pforzheim"])

    def journey(text, lang):
        if text.startswith("Heidelberg"):
            # Pforzheim predicted first: both found, one misordered; plus an extra stop
            return [PFORZHEIM, HEIDELBERG, (0.0, 0.0)]  # old style: plain points
        return fake_journey(text, lang)

    paths = [str(tmp_path / "journeys"), str(tmp_path / "other")]
    assert run(args(*paths), parse=find("Mannheim"), journey=journey) == 0
    out = capsys.readouterr().out
    assert "not scored (route-only annotations: 3 documents)" in out
    ids = [line.split()[0] for line in out.splitlines() if "/" in line.split(" ")[0]]
    assert ids == ["journeys/d01", "journeys/e01", "other/x1"]
    assert "exact sequences 1/3" in out
    assert "loss of gold stops: 5 gold, 4 found (1 misordered);" in out
    assert "merged 1; extra predicted stops 1" in out


def test_several_paths_with_another_format_is_a_one_line_error(tmp_path, capsys):
    def never(text, lang):
        raise AssertionError("must not parse")

    path = str(journeys(tmp_path / "journeys"))
    assert run(args(path, str(DATA / "gwn" / "mini.xml")), parse=never) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "several paths work only with annotated" in err
