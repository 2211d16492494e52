"""``storymap batch``: parallel builds, bad articles reported, index and summary, skipping
unchanged inputs, the same bytes whatever the number of processes; and the Dask helper on a
local cluster."""

from __future__ import annotations

import argparse
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storymap.batch.cli import add_arguments, run
from storymap.batch.layout import INDEX, MANIFEST, SUMMARY
from storymap.batch.run import BuildOptions, build_key, find_inputs, output_names, run_batch
from storymap.render.names import heading
from storymap.render.output import render_html
from storymap.story.storyfile import dumps
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "kim-wladiwostok-2019.txt"
BERLIN = (
    "Merkel reist nach Paris\n\n"
    "Bundeskanzlerin Angela Merkel ist am Montag von Berlin nach Paris gereist. "
    "Dort traf sie den französischen Präsidenten. Am Dienstag fliegt sie weiter nach Rom.\n"
)
LONDON = (
    "The Prime Minister travelled from London to Edinburgh on Monday. "
    "On Tuesday he flew on to Dublin for talks with the Irish government.\n"
)
LONDON_CHANGED = LONDON.replace("Dublin", "Cardiff").replace("Irish", "Welsh")
NOT_UTF8 = "Café in Zürich\n".encode("latin-1")


def _articles(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    (folder / "berlin.md").write_text(BERLIN, encoding="utf-8")
    (folder / "london.txt").write_text(LONDON, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(NOT_UTF8)
    (folder / "notes.csv").write_text("not an article", encoding="utf-8")  # not picked up
    return folder


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


def _state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file's modification time and bytes, to tell what a run touched."""
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.cells.append(data.strip())


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int, str, dict]:
    """One batch with two processes through the command line: inputs, outdir, status, stderr
    and its summary.json (read now: a later run in the same folder replaces it)."""
    import contextlib
    import io

    work = tmp_path_factory.mktemp("batch")
    inputs = _articles(work / "in")
    outdir = work / "out"
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        status = _cli(str(inputs), "-o", str(outdir), "--jobs", "2")
    summary = json.loads((outdir / SUMMARY).read_text(encoding="utf-8"))
    return inputs, outdir, status, errors.getvalue(), summary


def test_bad_article_is_reported_and_the_batch_goes_on(first_run):
    _, outdir, status, stderr, _ = first_run
    assert status == 1
    failed = [line for line in stderr.splitlines() if "failed:" in line]
    assert len(failed) == 1 and "latin1.txt" in failed[0] and "not UTF-8" in failed[0]
    written = sorted(p.name for p in outdir.glob("*.html"))
    assert written == ["berlin.html", "index.html", "kim-wladiwostok-2019.html", "london.html"]


def test_summary_describes_every_article(first_run):
    from storymap.story.build import build_story

    _, outdir, _, _, summary = first_run
    assert summary["counts"] == {"built": 3, "skipped": 0, "failed": 1}
    by_name = {Path(a["input"]).name: a for a in summary["articles"]}
    assert [Path(a["input"]).name for a in summary["articles"]] == sorted(by_name)
    assert by_name["latin1.txt"]["status"] == "failed" and by_name["latin1.txt"]["output"] is None
    from storymap.render.names import place_names

    kim = by_name[EXAMPLE.name]
    story = build_story(EXAMPLE.read_text(encoding="utf-8"))
    assert kim["status"] == "built" and kim["output"] == "kim-wladiwostok-2019.html"
    assert (kim["places"], kim["mentions"]) == (len(story.places), len(story.mentions))
    names = place_names(story)
    assert kim["route"] == [names[i].display for i in story.route]  # the pages' base names
    assert kim["title"] == heading(story) and kim["lang"] == "de" and kim["date"] == "2019-04"
    assert len(kim["route"]) >= 3 and kim["seconds"] > 0
    page = (outdir / kim["output"]).read_text(encoding="utf-8")
    # The batch writes exactly what `storymap build --self-contained` would: by default a
    # batch's maps open offline, from any folder.
    assert page == render_html(story, self_contained=True)


def test_index_links_every_map_with_its_counts(first_run):
    _, outdir, _, _, summary = first_run
    parser = _Links()
    parser.feed((outdir / INDEX).read_text(encoding="utf-8"))
    built = [a for a in summary["articles"] if a["status"] == "built"]
    assert parser.hrefs == [a["output"] for a in built]
    for href in parser.hrefs:
        assert (outdir / href).is_file()
    for article in built:
        assert article["title"] in parser.cells
        assert " → ".join(article["route"]) in parser.cells
    assert "latin1.txt" in " ".join(parser.cells)
    assert any("not UTF-8" in cell for cell in parser.cells)


def test_rerun_builds_nothing_and_touches_nothing(first_run):
    inputs, outdir, _, _, _ = first_run
    before = _state(outdir)
    summary = run_batch([inputs], outdir, jobs=2, report=lambda line: None)
    assert (summary.count("built"), summary.count("skipped"), summary.failed) == (0, 3, 1)
    after = _state(outdir)
    del before[SUMMARY], after[SUMMARY]  # the report of this run
    assert after == before
    skipped = next(a for a in summary.articles if a.output == "kim-wladiwostok-2019.html")
    assert skipped.status == "skipped" and skipped.places and skipped.route


def test_changed_input_and_removed_output_are_rebuilt(tmp_path):
    inputs = _articles(tmp_path / "in")
    outdir = tmp_path / "out"
    run_batch([inputs], outdir, jobs=1, report=lambda line: None)
    before = _state(outdir)
    (inputs / "london.txt").write_text(LONDON_CHANGED, encoding="utf-8")
    (outdir / "berlin.html").unlink()
    summary = run_batch([inputs], outdir, jobs=1, report=lambda line: None)
    rebuilt = sorted(a.output for a in summary.articles if a.status == "built")
    assert rebuilt == ["berlin.html", "london.html"]
    after = _state(outdir)
    assert after["kim-wladiwostok-2019.html"] == before["kim-wladiwostok-2019.html"]
    assert b"Cardiff" in after["london.html"][1] and b"Cardiff" not in before["london.html"][1]
    assert after[INDEX] != before[INDEX]  # the new route is listed
    forced = run_batch([inputs], outdir, jobs=1, force=True, report=lambda line: None)
    assert forced.count("built") == 3


def test_one_and_two_processes_give_the_same_bytes(first_run, tmp_path):
    inputs, outdir, _, _, _ = first_run
    single = tmp_path / "single"
    run_batch([inputs], single, jobs=1, report=lambda line: None)
    names = sorted(p.name for p in outdir.iterdir() if p.name != SUMMARY)
    assert names == sorted(p.name for p in single.iterdir() if p.name != SUMMARY)
    assert MANIFEST in names
    for name in names:
        assert (single / name).read_bytes() == (outdir / name).read_bytes(), name


def test_inputs_from_folders_files_and_globs(tmp_path):
    inputs = _articles(tmp_path / "in")
    outdir = inputs / "maps"  # an output folder inside the input folder is not read back
    outdir.mkdir()
    (outdir / "old.html").write_text("<html></html>", encoding="utf-8")
    found = find_inputs([inputs, str(inputs / "*.txt"), str(outdir / "*.html")], exclude=outdir)
    assert [p.name for p in found] == [
        "berlin.md", "kim-wladiwostok-2019.txt", "latin1.txt", "london.txt"
    ]
    with pytest.raises(ValueError, match="no such file"):
        find_inputs([str(tmp_path / "missing" / "*.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no article files"):
        find_inputs([tmp_path / "empty"])


def test_output_names_are_unique_and_stable():
    paths = [Path(p) for p in ("a/x.txt", "b/x.md", "c/X.txt", "x-2.txt", "index.md", "y.txt")]
    assert output_names(paths) == [
        "x.html", "x-3.html", "X-4.html", "x-2.html", "index-2.html", "y.html"
    ]


def test_build_key_follows_bytes_options_and_data():
    key = build_key(b"text", BuildOptions(), "fp1")
    assert key == build_key(b"text", BuildOptions(), "fp1")
    assert key != build_key(b"text!", BuildOptions(), "fp1")
    assert key != build_key(b"text", BuildOptions(self_contained=False), "fp1")
    assert key != build_key(b"text", BuildOptions(shared_assets=True), "fp1")
    assert key != build_key(b"text", BuildOptions(), "fp2")


def test_empty_and_unreadable_inputs_fail_without_a_worker(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary" * 10)
    lines: list[str] = []
    summary = run_batch([folder], tmp_path / "out", jobs=2, report=lines.append)
    assert [a.error for a in summary.articles] == [
        "input looks like binary data, not text", "empty input"
    ]
    assert len(lines) == 2 and summary.failed == 2
    assert (tmp_path / "out" / INDEX).is_file()
    with pytest.raises(ValueError, match="--jobs"):
        _cli(str(folder), "-o", str(tmp_path / "out"), "--jobs", "0")


def test_dask_local_cluster_builds_the_same_stories(tmp_path):
    """The geoparsing step as Dask tasks on two worker processes (docs/dask.md)."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    from storymap.batch.dask import map_stories, warm_up
    from storymap.story.build import build_story

    folder = _articles(tmp_path / "in")
    paths = [folder / "berlin.md", folder / EXAMPLE.name, folder / "latin1.txt"]
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(warm_up)
        assert len(set(pids.values())) == 2
        results = map_stories(client, [str(p) for p in paths[:2]] + [NOT_UTF8], render=True)
    assert [r["status"] for r in results] == ["built", "built", "failed"]
    for path, result in zip(paths[:2], results, strict=False):
        expected = build_story(path.read_text(encoding="utf-8"))
        assert result["story"] == dumps(expected)
        assert result["html"] == render_html(expected)
    assert "not UTF-8" in results[2]["error"]
