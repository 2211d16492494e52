"""The ``storymap`` command: a thin layer over the Python API.

Errors a user can cause (missing files, bad data) end in one clear line on stderr and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from storymap.files import write_atomically
from storymap.version import __version__


def _print_candidates(rows: Sequence[dict[str, object]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = ("id", "name", "kind", "country", "lat", "lon", "population")
    table = [[str(row[column]) for column in columns] for row in rows]
    widths = [
        max(len(column), *(len(line[i]) for line in table)) for i, column in enumerate(columns)
    ]
    print("  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True)))
    for line in table:
        print("  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)))


def _emit(output: str, path: Path | None, what: str) -> None:
    """A command's result: to stdout, or written atomically to ``path`` with a note."""
    if path is None:
        sys.stdout.write(output)
    else:
        write_atomically(path, output)
        print(f"wrote {path} ({what})", file=sys.stderr)


def _gazetteer_lookup(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.open(args.data)
    exit_status = 0
    for name in args.names:
        candidates = gazetteer.lookup(name, lang=args.lang, limit=args.limit)
        if not candidates:
            print(f"{name}: no place of that name", file=sys.stderr)
            exit_status = 1
            continue
        if len(args.names) > 1 and not args.json:
            print(f"# {name}")
        _print_candidates([candidate.as_row() for candidate in candidates], args.json)
    return exit_status


def _gazetteer_scan(args: argparse.Namespace) -> int:
    """Show the gazetteer at work on a text: every known name and its most prominent place.

    This is the raw name index, before any recognition or resolution logic.
    """
    from gazetteer import Gazetteer

    try:
        text = args.file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{args.file} is not UTF-8 text ({error.reason})") from error
    gazetteer = Gazetteer.open(args.data)
    lines = ["start\tend\ttext\tid\tname\tkind\tcountry\tlat\tlon"]
    for match in gazetteer.scan(text):
        surface = text[match.start : match.end]
        if not args.all and not surface[0].isupper():
            continue  # names are capitalised; lower-case hits are ordinary words
        as_code = surface.isupper() and len(surface) <= 5
        best = gazetteer.lookup_key(match.key, lang=args.lang, limit=1, as_code=as_code)[0]
        lines.append(
            f"{match.start}\t{match.end}\t{surface}\t{best.id}\t"
            f"{best.name}\t{best.kind}\t{best.country}\t{best.lat}\t{best.lon}"
        )
    _emit("\n".join(lines) + "\n", args.output, f"{len(lines) - 1} names")
    return 0


def _read_text(path: str) -> str:
    """The article at ``path`` ("-" for stdin): text as is, HTML pages reduced to the body."""
    from storymap.sources.inputs import read_source

    return read_source(path).text


def _geoparse(args: argparse.Namespace) -> int:
    """Print every place mention of an article: span, text, chosen place, runner-up."""
    from storymap.geoparse import geoparse

    result = geoparse(_read_text(args.file), lang=args.lang)
    rows = [
        {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "derived": m.derived,
            "place": m.place.as_row() if m.place else None,
            "confidence": m.confidence,
            "runner_up": m.alternatives[0].as_row() if m.alternatives else None,
        }
        for m in result.mentions
    ]
    if args.json:
        document = {"lang": result.lang, "date": result.article.date, "mentions": rows}
        output = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        lines = []
        for row in rows:
            place = row["place"] or {}
            runner = row["runner_up"] or {}
            kind = "derived" if row["derived"] else "name"
            lines.append(
                f"{row['start']:>6}-{row['end']:<6} {row['text']!s:<24} {kind:<7} "
                f"{place.get('name', '?')!s:<22} {place.get('country', '')!s:<2} "
                f"{place.get('lat', '')!s:>9} {place.get('lon', '')!s:>10} "
                f"{row['confidence']:.2f}  {runner.get('name', '')}"
            )
        output = "".join(line + "\n" for line in lines)
    if not rows:
        print("no places found", file=sys.stderr)
    _emit(output, args.output, f"{len(rows)} mentions")
    return 0


def _extract_options(args: argparse.Namespace) -> object:
    from storymap.story.workflow import ExtractOptions

    route = [stop.strip() for stop in args.route.split(">") if stop.strip()] if args.route else []
    return ExtractOptions(
        lang=args.lang,
        title=args.title,
        route=tuple(route),
        source=args.source,
        credits=args.credits,
        overrides=args.overrides,
        discover_overrides=not args.no_overrides,
    )


# Inputs from this size on get progress lines (geoparsing them takes seconds).
PROGRESS_BYTES = 1_000_000


def _progress(message: str) -> None:
    print(f"storymap: {message}", file=sys.stderr, flush=True)


def _input_size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _online_geocoder(args: argparse.Namespace) -> object | None:
    """The online fallback the user asked for (never by default)."""
    if not args.geocoder:
        return None
    from storymap.sources.geocode import OnlineGeocoder
    from storymap.sources.geocode_cache import GeocodeCache

    return OnlineGeocoder(
        args.geocoder,
        user_agent=args.user_agent or os.environ.get("STORYMAP_USER_AGENT"),
        domain=args.geocoder_domain,
        scheme=args.geocoder_scheme,
        cache=GeocodeCache(args.geocoder_cache) if args.geocoder_cache else None,
    )


def _extract_story(args: argparse.Namespace) -> object:
    """The Story of the article named on the command line; idle overrides and geocoder
    failures are warned about."""
    from storymap.story.workflow import story_from_file

    online = _online_geocoder(args)
    size = _input_size(args.file)
    if size >= PROGRESS_BYTES:
        _progress(f"reading {args.file} ({size / 1e6:.1f} MB): finding places and the route …")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        story = story_from_file(args.file, _extract_options(args), geocoder=online)  # type: ignore[arg-type]
    if size >= PROGRESS_BYTES:
        _progress(f"{len(story.mentions)} mentions of {len(story.places)} places; writing …")
    for warning in caught:
        print(f"storymap: warning: {warning.message}", file=sys.stderr)
    for note in story.notes:
        print(f"storymap: warning: override not applied: {note}", file=sys.stderr)
    if args.explain:
        from storymap.story.explain import explain

        sys.stdout.write(explain(story))
    return story


def _write_json(path: Path, document: object) -> None:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1)
    write_atomically(path, text + "\n")
    print(f"wrote {path}", file=sys.stderr)


def _render(story: object, args: argparse.Namespace, output: Path) -> int:
    """Write the map and the exports asked for (each file complete or not at all)."""
    from storymap.render.names import heading
    from storymap.render.output import save_map
    from storymap.story.model import Story

    assert isinstance(story, Story)
    save_map(story, output, tiles=args.tiles, self_contained=args.self_contained,
             ui_lang=args.ui_lang)
    places = len(story.places)
    print(f"wrote {output} ({places} places, {len(story.mentions)} mentions)", file=sys.stderr)
    if args.geojson is not None:
        _write_json(args.geojson, story.to_geojson())
    if args.storymapjs is not None:
        from storymap.exports.storymapjs import to_storymapjs

        _write_json(args.storymapjs, to_storymapjs(story, args.storymapjs_slides))
    if not story.title:
        shown = heading(story, args.ui_lang)
        print(f"storymap: hint: no headline found; the page is titled “{shown}” "
              "(set one with --title or title = \"…\" in the overrides file)", file=sys.stderr)
    if args.embed:
        from storymap.render.embed import embed_snippet

        print(embed_snippet(output.name, heading(story, args.ui_lang)))
    return 0


def _default_output(article: str, suffix: str) -> Path:
    return Path(f"storymap{suffix}") if article == "-" else Path(article).with_suffix(suffix)


def _build(args: argparse.Namespace) -> int:
    """Geoparse an article and write its story map (extract + render in one step)."""
    story = _extract_story(args)
    if args.story is not None:
        from storymap.story.storyfile import dumps

        write_atomically(args.story, dumps(story))  # type: ignore[arg-type]
        print(f"wrote {args.story}", file=sys.stderr)
    return _render(story, args, args.output or _default_output(args.file, ".html"))


def _extract(args: argparse.Namespace) -> int:
    """Write the editable story file of an article."""
    from storymap.story.storyfile import dumps

    story = _extract_story(args)
    output = args.output or _default_output(args.file, ".story.json")
    write_atomically(output, dumps(story))  # type: ignore[arg-type]
    mentions = len(story.mentions)  # type: ignore[attr-defined]
    print(f"wrote {output} ({mentions} mentions)", file=sys.stderr)
    return 0


def _render_file(args: argparse.Namespace) -> int:
    """Render a (possibly hand-edited) story file."""
    from storymap.story.storyfile import load

    story = load(args.story_file)
    output = args.output
    if output is None:
        name = args.story_file.name.removesuffix(".json").removesuffix(".story")
        output = args.story_file.with_name(name + ".html")
    return _render(story, args, output)


def _add_extract_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="ARTICLE",
                        help="text, Markdown or HTML article file, or - for stdin")
    parser.add_argument("--title", default=None, help="page title (default: the headline)")
    parser.add_argument("--lang", choices=("auto", "de", "en"), default="auto")
    parser.add_argument("--route", default=None, metavar='"A > B > C"',
                        help="the journey, as place names in travel order")
    parser.add_argument("--source", default=None, help="source line shown under the title")
    parser.add_argument("--credits", default=None, help="credits line shown under the title")
    parser.add_argument("--overrides", type=Path, default=None, metavar="TOML",
                        help="corrections file (default: ARTICLE.storymap.toml or storymap.toml"
                        " beside the article)")
    parser.add_argument("--no-overrides", action="store_true",
                        help="do not look for an overrides file beside the article")
    parser.add_argument("--explain", action="store_true",
                        help="print each mention with its place, confidence and runner-up")
    online = parser.add_argument_group(
        "online geocoder (optional; for names the offline gazetteer does not know)"
    )
    online.add_argument("--geocoder", default=None, metavar="SERVICE",
                        help="a geopy service: nominatim, photon, … (default: none, offline)")
    online.add_argument("--user-agent", default=None,
                        help="your application's name for the service (required by Nominatim;"
                        " default $STORYMAP_USER_AGENT)")
    online.add_argument("--geocoder-domain", default=None, metavar="HOST[:PORT]",
                        help="a self-hosted server instead of the public one")
    online.add_argument("--geocoder-scheme", choices=("http", "https"), default=None)
    online.add_argument("--geocoder-cache", type=Path, default=None, metavar="FILE",
                        help="SQLite answer cache (default: in the user cache folder)")


def _add_render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ui-lang", choices=("de", "en"), default=None,
                        help="language of the page's controls (default: the article's)")
    parser.add_argument("--tiles", default="OpenStreetMap.Mapnik",
                        help="tile provider name from xyzservices (default OpenStreetMap.Mapnik)")
    parser.add_argument("--self-contained", action="store_true",
                        help="inline Leaflet: one file that works from file:// offline")
    parser.add_argument("--embed", action="store_true", help="also print an <iframe> snippet")
    parser.add_argument("--geojson", type=Path, default=None, metavar="FILE",
                        help="also write places and route as GeoJSON")
    parser.add_argument("--storymapjs", type=Path, default=None, metavar="FILE",
                        help="also write a Knight Lab StoryMapJS JSON")
    parser.add_argument("--storymapjs-slides", choices=("auto", "stops", "passages"),
                        default="auto", help="one slide per route stop or per passage")


def _gazetteer_build(args: argparse.Namespace) -> int:
    from gazetteer.build.cli import run

    return run(args)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``command`` (the one the user typed), the heavy
    subcommands' options — batch, eval, gazetteer build, whose modules take ~0.2 s to import
    — are added only when that is the command, so a cold ``storymap build`` skips them."""
    parser = argparse.ArgumentParser(
        prog="storymap", description="Turn a news article into an interactive story map."
    )
    parser.add_argument("--version", action="version", version=f"storymap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="write the story map of an article (HTML)")
    _add_extract_arguments(build)
    build.add_argument("-o", "--output", type=Path, default=None,
                       help="HTML file to write (default: the article's name with .html)")
    build.add_argument("--story", type=Path, default=None, metavar="FILE",
                       help="also write the editable story file (JSON)")
    _add_render_arguments(build)
    build.set_defaults(handler=_build)

    extract = commands.add_parser("extract", help="write the editable story file of an article")
    _add_extract_arguments(extract)
    extract.add_argument("-o", "--output", type=Path, default=None,
                         help="story file to write (default: ARTICLE.story.json)")
    extract.set_defaults(handler=_extract)

    render = commands.add_parser("render", help="write the story map of a story file")
    render.add_argument("story_file", type=Path, metavar="STORY.json")
    render.add_argument("-o", "--output", type=Path, default=None, help="HTML file to write")
    _add_render_arguments(render)
    render.set_defaults(handler=_render_file)

    parse = commands.add_parser(
        "geoparse", help="list the places an article names (offsets, place, confidence)"
    )
    parse.add_argument("file", metavar="ARTICLE", help="UTF-8 text file, or - for stdin")
    parse.add_argument("--lang", choices=("auto", "de", "en"), default="auto")
    parse.add_argument("--json", action="store_true", help="print JSON")
    parse.add_argument("-o", "--output", type=Path, default=None, help="write here")
    parse.set_defaults(handler=_geoparse)

    gazetteer = commands.add_parser("gazetteer", help="query or rebuild the offline gazetteer")
    gazetteer_commands = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    lookup = gazetteer_commands.add_parser("lookup", help="ranked places for one or more names")
    lookup.add_argument("names", nargs="+", metavar="NAME")
    lookup.add_argument("--lang", choices=("de", "en"), default=None, help="language of the name")
    lookup.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    lookup.add_argument("--json", action="store_true", help="print JSON")
    lookup.add_argument("--data", default=None, help="another gazetteer store or data folder")
    lookup.set_defaults(handler=_gazetteer_lookup)

    scan = gazetteer_commands.add_parser(
        "scan", help="list every gazetteer name found in a text file (raw index, no filtering)"
    )
    scan.add_argument("file", type=Path, metavar="FILE")
    scan.add_argument("-o", "--output", type=Path, default=None, help="write TSV here")
    scan.add_argument("--lang", choices=("de", "en"), default="de")
    scan.add_argument("--all", action="store_true", help="also lower-case matches")
    scan.add_argument("--data", default=None, help="another gazetteer store or data folder")
    scan.set_defaults(handler=_gazetteer_scan)

    batch = commands.add_parser("batch", help="build the story maps of many articles in parallel")
    if command in (None, "batch"):
        from storymap.batch.cli import add_arguments as add_batch_arguments
        from storymap.batch.cli import run as run_batch

        add_batch_arguments(batch)
        batch.set_defaults(handler=run_batch)

    evaluate = commands.add_parser(
        "eval", help="score recognition and resolution on annotated corpora"
    )
    if command in (None, "eval"):
        from storymap.evaluate.cli import add_arguments as add_eval_arguments
        from storymap.evaluate.cli import run as run_eval

        add_eval_arguments(evaluate)
        evaluate.set_defaults(handler=lambda parsed: run_eval(parsed))

    rebuild = gazetteer_commands.add_parser(
        "build", help="rebuild the gazetteer from its sources (needs storymap[build])"
    )
    if command in (None, "gazetteer"):
        from gazetteer.build.cli import add_arguments

        add_arguments(rebuild)
        rebuild.set_defaults(handler=_gazetteer_build)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand typed: the first word that is no option (top-level options take no
    values)."""
    return next((word for word in argv if not word.startswith("-")), None)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # a kill ends like Ctrl-C: temporary files removed, no output


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(words))
    args = parser.parse_args(words)
    signal.signal(signal.SIGTERM, _interrupt)
    from gazetteer import GazetteerDataError

    try:
        return int(args.handler(args))
    except (GazetteerDataError, OSError, ValueError, ImportError) as error:
        print(f"storymap: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storymap: interrupted", file=sys.stderr)
        return 130
