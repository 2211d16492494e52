"""Command line of the gazetteer builder, shared by ``python -m gazetteer.build`` and
``storymap gazetteer build``."""

from __future__ import annotations

import argparse
from pathlib import Path

from gazetteer.build.geonames import DEFAULT_FEATURE_CLASSES
from gazetteer.build.pipeline import CURATED_FEATURES, PACKAGE_DATA, SourcePaths, build


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources", type=Path, required=True,
        help="folder with the source extracts (geonames-cities500.txt.xz, naturalearth-*.tsv, …)",
    )
    parser.add_argument(
        "--countries", type=Path, default=None,
        help="Natural Earth admin-0 polygons (.geojson[.xz]); default: ../basemap beside --sources",
    )
    parser.add_argument(
        "--geonames", type=Path, action="append", default=None, metavar="FILE",
        help="GeoNames place files instead of cities500: allCountries.zip, RU.zip, … (repeatable)",
    )
    parser.add_argument(
        "--alternate-names", type=Path, action="append", default=[], metavar="FILE",
        help="GeoNames alternateNamesV2.zip (language-tagged names) (repeatable)",
    )
    parser.add_argument(
        "--feature-classes", default=DEFAULT_FEATURE_CLASSES,
        help=f"GeoNames feature classes kept from full dumps (default {DEFAULT_FEATURE_CLASSES})",
    )
    parser.add_argument("--curated", type=Path, default=CURATED_FEATURES)
    parser.add_argument("--out", type=Path, default=PACKAGE_DATA, help="output data folder")


def run(args: argparse.Namespace) -> int:
    paths = SourcePaths.from_directory(args.sources, args.countries)
    if args.geonames:
        paths.geonames = list(args.geonames)
    paths.alternate_names = list(args.alternate_names)
    paths.dump_feature_classes = args.feature_classes
    paths.curated = args.curated
    build(paths, args.out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gazetteer.build", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except (FileNotFoundError, ValueError) as error:
        parser.exit(2, f"error: {error}\n")
