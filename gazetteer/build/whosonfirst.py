"""Who's On First continents, oceans and marine areas (with German names)."""

from __future__ import annotations

from pathlib import Path

from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.spatial import NameDistanceIndex
from gazetteer.build.tsv import read_tsv
from gazetteer.kinds import whosonfirst_kind

SOURCE = "whosonfirst"


def add_whosonfirst(registry: PlaceRegistry, path: Path, index: NameDistanceIndex) -> int:
    """Add WOF rows, joined by GeoNames/Wikidata id, else by name and distance."""
    count = 0
    for row in read_tsv(path):
        if row.get("is_current", "1") == "0" or row["placetype"] == "empire":
            continue
        kind = whosonfirst_kind(row["placetype"])
        record = PlaceRecord(
            name=row["name_en"] or row["name"],
            kind=kind,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] if len(row["country"]) == 2 else "",
            population=int(float(row["population"] or 0)),
            geonames_id=int(row["gn_id"]) if row["gn_id"] not in ("", "0", "-1") else None,
            wikidata_id=row["wd_id"] or None,
        )
        record.source_ids["wof"] = row["wof_id"]
        record.add_name(row["name"])
        record.add_name(row["name_de"], "de")
        record.add_names(row["names_de_all"].split("|"), "de")
        record.add_name(row["name_en"], "en")
        record.add_names(row["names_en_all"].split("|"), "en")
        record.add_source(SOURCE)
        if registry.find(record) is None:
            known = index.match(record, max_km=2500.0)
            if known is not None:
                registry.merge_into(known, record)
                count += 1
                continue
        index.add(registry.add(record))
        count += 1
    return count
