"""``storymap eval PATH [PATH ...]``: measure the geoparser on annotated corpora.

``storymap/cli.py`` adds the subcommand with ``add_arguments`` and calls ``run``. Corpus
problems (missing path, unknown format, gold that contradicts its text) end in one line on
stderr and exit status 2. Several annotated paths are scored as one corpus, so the route
table and its totals cover them all.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from storymap.evaluate.corpora import FORMATS, load_corpora
from storymap.evaluate.germeval import read_germeval
from storymap.evaluate.model import CorpusError, ParseFn
from storymap.evaluate.report import format_text, to_json
from storymap.evaluate.routes import (
    JourneyFn,
    default_journey,
    format_routes,
    routes_json,
    score_routes,
)
from storymap.evaluate.runner import evaluate_corpus, select_documents


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``storymap eval``."""
    parser.add_argument(
        "paths",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="corpus: a folder of NAME.txt + NAME.json pairs or one such .txt (several of "
        "these are scored together), or one GermEval .tsv or GeoWebNews .xml",
    )
    parser.add_argument(
        "--format",
        default=None,
        metavar="FORMAT",
        help=f"corpus format ({', '.join(FORMATS)}); default: from the path",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of tables"
    )
    parser.add_argument(
        "--per-doc",
        action="store_true",
        help="show every document (the default except for GermEval's 2,200 sentences)",
    )
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N", help="only the first N documents"
    )
    parser.add_argument(
        "--raw-spans",
        action="store_true",
        help="GermEval only: score character spans of the tokens joined by single spaces, "
        "as GermEval gives them (no detokenising, no snapping to tokens)",
    )


def default_parse() -> ParseFn:
    """The real geoparser, imported only when an evaluation actually runs."""
    from storymap.geoparse import geoparse

    return lambda text, lang: geoparse(text, lang=lang or "auto").mentions


def run(
    args: argparse.Namespace, parse: ParseFn | None = None, journey: JourneyFn | None = None
) -> int:
    """Evaluate ``parse`` (default: storymap's geoparser) on the corpora at ``args.paths``."""
    try:
        if args.limit is not None and args.limit < 1:
            raise CorpusError(f"--limit must be at least 1, not {args.limit}")
        corpus = load_corpora(args.paths, args.format)
        if getattr(args, "raw_spans", False):
            if corpus.format != "germeval":
                raise CorpusError(
                    f"--raw-spans applies to GermEval corpora only, not {corpus.format}"
                )
            # read again, the raw way: the tokens as given, spans scored unsnapped
            corpus = read_germeval(Path(args.paths[0]), raw_spans=True)
    except CorpusError as error:
        print(f"storymap: error: {error}", file=sys.stderr)
        return 2
    if parse is None:
        parse = default_parse()
        journey = journey or default_journey()
    began = time.perf_counter()
    evaluation = evaluate_corpus(corpus, parse, limit=args.limit, progress=_progress())
    documents = select_documents(corpus, args.limit)
    routes = score_routes(documents, journey) if journey is not None else []
    seconds = time.perf_counter() - began
    count = len(documents)
    print(
        f"evaluated {count} document{'s' if count != 1 else ''} in {seconds:.1f} s "
        f"({1000 * seconds / max(count, 1):.1f} ms each)",
        file=sys.stderr,
    )
    per_doc = args.per_doc or corpus.format != "germeval"
    if args.json:
        report = to_json(evaluation, per_doc)
        if routes:
            report["routes"] = routes_json(routes)
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_text(evaluation, per_doc))
        sys.stdout.write(format_routes(routes))
    return 0


def _progress():
    """A progress counter on an interactive stderr; nothing when stderr is a file or pipe."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            end = "\n" if done == total else ""
            print(f"\r{done}/{total} documents", end=end, file=sys.stderr, flush=True)

    return show
