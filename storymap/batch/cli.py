"""The command line of ``storymap batch``: its options, and the run that turns them into a
batch. Only ``argparse`` at import time, so that building the parser of ``storymap`` (every
command pays it) does not load the batch machinery."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storymap.batch.layout import ASSETS, INDEX


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``storymap batch``."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a folder (its .txt, .md, .html, .htm files), a file, or a glob pattern "
        "such as 'articles/**/*.txt' (quoted)",
    )
    parser.add_argument(
        "-o", "--output-dir", dest="outdir", type=Path, required=True, metavar="OUTDIR",
        help="folder for the maps, index.html and summary.json",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=None, metavar="N",
        help="worker processes (default: the number of CPUs)",
    )
    parser.add_argument("--force", action="store_true", help="rebuild unchanged inputs too")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no final line")
    parser.add_argument("--lang", choices=("auto", "de", "en"), default="auto")
    parser.add_argument(
        "--ui-lang", choices=("de", "en"), default=None,
        help="language of the pages' controls (default: each article's)",
    )
    parser.add_argument(
        "--tiles", default="OpenStreetMap.Mapnik",
        help="tile provider name from xyzservices (default OpenStreetMap.Mapnik)",
    )
    assets = parser.add_mutually_exclusive_group()
    assets.add_argument(
        "--self-contained", action="store_true",
        help="inline Leaflet in every map: files that work from file:// offline (the default)",
    )
    assets.add_argument(
        "--shared-assets", action="store_true",
        help=f"one copy of Leaflet in OUTDIR/{ASSETS}/, linked relatively by every map",
    )
    assets.add_argument(
        "--cdn", action="store_true", help="link Leaflet from a CDN (small files, need the net)",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``storymap batch``: exit status 1 when any article failed, else 0."""
    from storymap.batch.run import BuildOptions, run_batch

    if args.jobs is not None and args.jobs < 1:
        raise ValueError(f"--jobs must be at least 1, not {args.jobs}")
    options = BuildOptions(
        lang=args.lang, ui_lang=args.ui_lang, tiles=args.tiles,
        self_contained=not (args.cdn or args.shared_assets), shared_assets=args.shared_assets,
    )
    summary = run_batch(
        args.inputs,
        args.outdir,
        jobs=args.jobs,
        options=options,
        force=args.force,
        progress=False if args.quiet else None,
    )
    if not args.quiet:
        print(
            f"built {summary.count('built')}, skipped {summary.count('skipped')}, "
            f"failed {summary.failed} in {summary.seconds:.1f} s: {summary.outdir / INDEX}",
            file=sys.stderr,
        )
    return 1 if summary.failed else 0
