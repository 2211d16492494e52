"""``storymap batch``: the story maps of many articles, built in parallel processes.

Geoparsing is pure Python and holds the GIL, so the batch runs one process per core
(``ProcessPoolExecutor``); each process opens the memory-mapped gazetteer once through the
cache in ``storymap.geoparse``. Results are gathered in input order, so the written files do
not depend on which process finished first. A bad article is reported and skipped, never
fatal. A manifest in the output folder remembers what each map was built from (the input's
bytes, the options, the storymap version and the gazetteer's fingerprint), so a re-run only
builds what changed. ``storymap/cli.py`` adds the subcommand with ``add_arguments`` and
calls ``run``.
"""

from __future__ import annotations

import glob
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storymap.batch.index import render_index
from storymap.batch.layout import ASSETS, INDEX, MANIFEST, SUFFIXES, SUMMARY
from storymap.files import write_atomically
from storymap.render.names import heading
from storymap.render.output import save_map
from storymap.story.overrides import discover
from storymap.version import __version__

if TYPE_CHECKING:
    from storymap.story.model import Story

MANIFEST_VERSION = 2  # 2: entries carry the language, date and the stops' page names
# Output stems the batch writes itself, so an article cannot take their names.
_RESERVED_STEMS = frozenset({"index"})
# Where the platform has it, "fork" after warming up in the parent: workers inherit the
# imported renderer and the opened gazetteer instead of each paying ~0.6 s to load them
# (the pool is created before any progress-bar thread exists). Elsewhere "spawn".
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
_POOL_BROKE = "its worker process died (killed, out of memory, or failed to start)"

Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything besides the article that shapes a map; part of the skip key.

    Maps are self-contained by default (they open offline, from any folder); with
    ``shared_assets`` they link one copy of Leaflet in ``OUTDIR/assets/`` instead, and with
    neither, the CDN."""

    lang: str = "auto"
    ui_lang: str | None = None
    tiles: str = "OpenStreetMap.Mapnik"
    self_contained: bool = True
    shared_assets: bool = False


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What happened to one input (``output``: file name inside the output folder)."""

    input: str
    output: str | None
    status: str  # "built", "skipped" or "failed"
    title: str | None = None
    places: int | None = None
    mentions: int | None = None
    route: tuple[str, ...] = ()
    error: str | None = None
    seconds: float | None = None
    lang: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["route"] = list(self.route)
        return data


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """The outcome of one batch run, one ``ArticleResult`` per input in input order."""

    outdir: Path
    articles: tuple[ArticleResult, ...]
    seconds: float
    jobs: int
    options: BuildOptions = field(default_factory=BuildOptions)

    def count(self, status: str) -> int:
        return sum(1 for article in self.articles if article.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    def to_dict(self) -> dict[str, Any]:
        return {
            "storymap": __version__,
            "gazetteer": gazetteer_fingerprint(),
            "options": asdict(self.options),
            "jobs": self.jobs,
            "seconds": round(self.seconds, 3),
            "counts": {status: self.count(status) for status in ("built", "skipped", "failed")},
            "articles": [article.to_dict() for article in self.articles],
        }


@dataclass(frozen=True, slots=True)
class _Task:
    """One input as planned by the parent process, before any building."""

    source: Path
    output: str
    key: str
    error: str | None = None  # already known to fail (unreadable, empty)


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a worker sends back: a few numbers, never the Story itself."""

    title: str | None = None
    places: int = 0
    mentions: int = 0
    route: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    lang: str | None = None
    date: str | None = None


# ---------------------------------------------------------------------------------------------
# The worker side


def _build_article(source: Path, output: Path, options: BuildOptions) -> Story:
    """Read one article, build its story and write the map: the single place to change how an
    article becomes a map (everything else in this module only schedules and records).

    The same path as ``storymap build``: HTML pages are reduced to their article, and an
    overrides file beside the article applies."""
    from storymap.story.workflow import ExtractOptions, story_from_file

    story = story_from_file(source, ExtractOptions(lang=options.lang))
    save_map(story,
        output, tiles=options.tiles, self_contained=options.self_contained, ui_lang=options.ui_lang,
        asset_base=f"{ASSETS}/" if options.shared_assets else None,
    )
    return story


def _warm_up() -> None:
    """Import the renderer and load the geoparser here, so forked workers start warm."""
    import folium  # noqa: F401  (the import is the point: children inherit it)

    from storymap.geoparse import geoparse

    geoparse("Berlin", lang="de")


def _run_task(source: Path, output: Path, options: BuildOptions) -> _Outcome:
    """Build one article in a worker; any failure becomes an error message, not an exception,
    so one bad article never ends the batch."""
    started = time.perf_counter()
    try:
        story = _build_article(source, output, options)
    except (ValueError, OSError) as error:
        return _Outcome(error=str(error), seconds=time.perf_counter() - started)
    except Exception as error:  # a bug in storymap: report it as one, keep the batch going
        message = f"internal error: {type(error).__name__}: {error}"
        return _Outcome(error=message, seconds=time.perf_counter() - started)
    from storymap.render.names import place_names

    names = place_names(story, options.ui_lang)
    return _Outcome(
        title=heading(story, options.ui_lang),
        places=len(story.places),
        mentions=len(story.mentions),
        route=tuple(names[place_id].display for place_id in story.route),  # base names
        seconds=time.perf_counter() - started,
        lang=story.lang,
        date=story.date,
    )


# ---------------------------------------------------------------------------------------------
# Finding inputs and naming outputs


def find_inputs(patterns: Iterable[str | Path], exclude: Path | None = None) -> list[Path]:
    """The article files named by ``patterns`` (folders, files or glob patterns), each once.

    A folder gives its ``.txt``, ``.md``, ``.html`` and ``.htm`` files; every pattern's files
    are sorted. Files inside ``exclude`` (the output folder) are left out: they are maps.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    excluded = exclude.resolve() if exclude is not None else None
    for pattern in patterns:
        for path in _expand(pattern):
            resolved = path.resolve()
            if resolved in seen or (excluded is not None and resolved.is_relative_to(excluded)):
                continue
            seen.add(resolved)
            found.append(path)
    return found


def _expand(pattern: str | Path) -> list[Path]:
    path = Path(pattern)
    if path.is_dir():
        files = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
        if not files:
            raise ValueError(f"no article files ({', '.join(sorted(SUFFIXES))}) in {path}")
        return sorted(files)
    if path.is_file():
        return [path]
    files = [Path(name) for name in glob.glob(str(pattern), recursive=True)]
    files = [p for p in files if p.is_file()]
    if not files:
        raise ValueError(f"no such file, folder or matching files: {pattern}")
    return sorted(files)


def output_names(inputs: Sequence[Path]) -> list[str]:
    """``stem.html`` per input; a stem seen before (or reserved) gets ``-2``, ``-3``, …

    The first input of a stem (in input order) keeps the plain name. Names are compared
    case-insensitively, so they stay distinct on case-insensitive file systems too.
    """
    stems = {path.stem.casefold() for path in inputs}
    used: set[str] = set(_RESERVED_STEMS)
    names = []
    for path in inputs:
        stem = path.stem or "article"
        candidate, number = stem, 1
        # A numbered name must not take another input's own stem either.
        while candidate.casefold() in used or (number > 1 and candidate.casefold() in stems):
            number += 1
            candidate = f"{stem}-{number}"
        used.add(candidate.casefold())
        names.append(f"{candidate}.html")
    return names


# ---------------------------------------------------------------------------------------------
# The skip key and the manifest


def gazetteer_fingerprint() -> str:
    """The embedded gazetteer data's fingerprint: new data means new maps."""
    from gazetteer.cache import read_manifest

    return str(read_manifest()["fingerprint"])


def build_key(data: bytes, options: BuildOptions, fingerprint: str) -> str:
    """What a map was built from; equal keys give equal maps."""
    recipe = {
        "input": hashlib.sha256(data).hexdigest(),
        "options": asdict(options),
        "storymap": __version__,
        "gazetteer": fingerprint,
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode("utf-8")).hexdigest()


def _load_manifest(outdir: Path) -> dict[str, dict[str, Any]]:
    """The entries of the last run, or none when the manifest is missing or unreadable."""
    try:
        document = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("version") != MANIFEST_VERSION:
        return {}
    entries = document.get("entries")
    return entries if isinstance(entries, dict) else {}


def _manifest_text(entries: dict[str, dict[str, Any]]) -> str:
    document = {"version": MANIFEST_VERSION, "entries": entries}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _entries(
    tasks: Sequence[_Task], keys: Sequence[str], results: Sequence[ArticleResult | None]
) -> dict[str, dict[str, Any]]:
    """Manifest entries of the maps that exist now (built or skipped), by input path."""
    return {
        key: {
            "key": task.key,
            "output": task.output,
            "title": result.title,
            "places": result.places,
            "mentions": result.mentions,
            "route": list(result.route),
            "lang": result.lang,
            "date": result.date,
        }
        for task, key, result in zip(tasks, keys, results, strict=True)
        if result is not None and result.status != "failed"
    }


def _is_current(entry: dict[str, Any] | None, task: _Task, outdir: Path) -> bool:
    return (
        entry is not None
        and entry.get("key") == task.key
        and entry.get("output") == task.output
        and (outdir / task.output).is_file()
    )


def _write_if_changed(path: Path, text: str) -> None:
    """Leave a file that already has this content alone (its time stamp included)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    write_atomically(path, text)


# ---------------------------------------------------------------------------------------------
# Planning and running


def _plan(inputs: Sequence[Path], options: BuildOptions) -> list[_Task]:
    """Read and hash every input in the parent (cheap), so the skip decision needs no worker."""
    fingerprint = gazetteer_fingerprint()
    tasks = []
    for source, name in zip(inputs, output_names(inputs), strict=True):
        try:
            data = source.read_bytes()
        except OSError as error:
            tasks.append(_Task(source, name, "", f"cannot read: {error.strerror or error}"))
            continue
        error = None if data.strip() else "empty input"
        fixes = discover(source)
        if fixes is not None:  # editing the overrides file must rebuild the map
            data += b"\0overrides\0" + fixes.read_bytes()
        tasks.append(_Task(source, name, build_key(data, options, fingerprint), error))
    return tasks


def _execute(
    todo: list[_Task],
    outdir: Path,
    options: BuildOptions,
    jobs: int,
    outcomes: dict[int, _Outcome],
    done: Callable[[], object],
) -> None:
    """Build ``todo`` in this process or a pool of ``jobs``, filling ``outcomes`` (by position
    in ``todo``) as articles finish, so an interrupted run still knows what it built."""
    if jobs <= 1 or len(todo) <= 1:
        for position, task in enumerate(todo):
            outcomes[position] = _run_task(task.source, outdir / task.output, options)
            done()
        return
    context = multiprocessing.get_context(_START_METHOD)
    if _START_METHOD == "fork":
        _warm_up()
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context)
    try:
        futures: dict[Future[_Outcome], int] = {
            pool.submit(_run_task, task.source, outdir / task.output, options): position
            for position, task in enumerate(todo)
        }
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                outcome = _Outcome(error=_POOL_BROKE)
            outcomes[futures[future]] = outcome
            done()
    except BaseException:
        # Ctrl-C: drop the queued articles instead of waiting for all of them.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _result(task: _Task, outcome: _Outcome) -> ArticleResult:
    if outcome.error is not None:
        return ArticleResult(
            str(task.source), None, "failed", error=outcome.error, seconds=round(outcome.seconds, 3)
        )
    return ArticleResult(
        input=str(task.source),
        output=task.output,
        status="built",
        title=outcome.title,
        places=outcome.places,
        mentions=outcome.mentions,
        route=outcome.route,
        seconds=round(outcome.seconds, 3),
        lang=outcome.lang,
        date=outcome.date,
    )


def _skipped(task: _Task, entry: dict[str, Any]) -> ArticleResult:
    return ArticleResult(
        input=str(task.source),
        output=task.output,
        status="skipped",
        title=entry.get("title"),
        places=entry.get("places"),
        mentions=entry.get("mentions"),
        route=tuple(entry.get("route") or ()),
        lang=entry.get("lang"),
        date=entry.get("date"),
    )


def default_jobs() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _stderr(line: str) -> None:
    from tqdm import tqdm

    tqdm.write(line, file=sys.stderr)


def run_batch(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    jobs: int | None = None,
    options: BuildOptions | None = None,
    force: bool = False,
    progress: bool | None = None,
    report: Report | None = None,
) -> BatchSummary:
    """Build the story map of every article in ``inputs`` into ``outdir``.

    ``inputs``: folders, files or glob patterns. ``jobs``: worker processes (default: the
    number of CPUs). ``force``: rebuild maps whose input and options did not change.
    ``progress``: show a progress bar on stderr (default: when stderr is a terminal).
    ``report``: receives one line per failed article (default: stderr). Writes the maps,
    ``index.html``, ``summary.json`` and the manifest; raises ``ValueError`` when an input
    pattern names nothing. Where workers are started with "spawn" (not Linux), a script
    calling this with ``jobs > 1`` needs the ``if __name__ == "__main__":`` guard.
    """
    from tqdm import tqdm

    # No tqdm monitor thread: worker processes are forked while the bar is open, and a fork
    # should copy no thread that might hold a lock.
    tqdm.monitor_interval = 0
    started = time.perf_counter()
    outdir = Path(outdir)
    options = options or BuildOptions()
    jobs = max(1, jobs or default_jobs())
    report = report or _stderr
    if progress is None:
        progress = sys.stderr.isatty()
    sources = find_inputs(inputs, exclude=outdir)
    if not sources:
        raise ValueError("no articles to build")
    outdir.mkdir(parents=True, exist_ok=True)
    if options.shared_assets:
        from storymap.render.assets import write_shared

        write_shared(outdir / ASSETS)
    tasks = _plan(sources, options)
    keys = [str(task.source.resolve()) for task in tasks]
    manifest = _load_manifest(outdir)
    results: list[ArticleResult | None] = [None] * len(tasks)
    todo: list[int] = []
    for index, task in enumerate(tasks):
        if task.error is not None:
            results[index] = ArticleResult(str(task.source), None, "failed", error=task.error)
        elif not force and _is_current(manifest.get(keys[index]), task, outdir):
            results[index] = _skipped(task, manifest[keys[index]])
        else:
            todo.append(index)

    outcomes: dict[int, _Outcome] = {}
    try:
        with tqdm(total=len(todo), unit="article", file=sys.stderr, disable=not progress) as bar:
            _execute([tasks[i] for i in todo], outdir, options, jobs, outcomes, bar.update)
    except BaseException:
        # Interrupted: remember the maps built so far, so that the next run skips them.
        for position, outcome in outcomes.items():
            results[todo[position]] = _result(tasks[todo[position]], outcome)
        manifest.update(_entries(tasks, keys, results))
        _write_if_changed(outdir / MANIFEST, _manifest_text(manifest))
        raise
    for position, index in enumerate(todo):
        results[index] = _result(tasks[index], outcomes[position])

    articles = tuple(result for result in results if result is not None)
    assert len(articles) == len(tasks), "every input has a result"
    for article in articles:
        if article.status == "failed":
            report(f"storymap: failed: {article.input}: {article.error}")
    summary = BatchSummary(outdir, articles, time.perf_counter() - started, jobs, options)
    _write_if_changed(outdir / MANIFEST, _manifest_text(_entries(tasks, keys, results)))
    _write_if_changed(outdir / INDEX, render_index(summary))
    text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n"
    write_atomically(outdir / SUMMARY, text)
    return summary
