"""Place kinds: one small vocabulary shared by every source, the store and its users.

Sources describe features in their own terms (GeoNames feature codes, Natural Earth
``featurecla``, Who's On First placetypes); the builder maps them all onto these kinds so a
resolver can ask for "an island" without knowing where the record came from.
"""

from __future__ import annotations

# Order matters: a kind is stored as its index in this tuple. Append only.
KINDS: tuple[str, ...] = (
    "other",
    "continent",
    "region",  # macro-region or historical/cultural region (Naher Osten, Balkan, Franken)
    "country",
    "historic_country",
    "admin1",  # state, Land, canton, oblast, province
    "admin2",  # Landkreis, Regierungsbezirk, county, district
    "city",
    "town",
    "village",
    "island",
    "archipelago",
    "peninsula",
    "ocean",
    "sea",
    "gulf",
    "bay",
    "strait",
    "river",
    "lake",
    "mountain_range",
    "mountain",
    "desert",
    "plain",
    "valley",
    "forest",
    "plateau",
    "coast",
    "undersea",
    "building",
    "admin3",
)
KIND_INDEX: dict[str, int] = {kind: index for index, kind in enumerate(KINDS)}

POPULATED_KINDS = frozenset({"city", "town", "village"})
AREA_KINDS = frozenset(
    {"continent", "region", "country", "historic_country", "admin1", "admin2", "ocean", "sea"}
)

# GeoNames feature codes → kind. Populated places are split by size in ``populated_kind``.
_GEONAMES_CODES: dict[str, str] = {
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country", "PCL": "country",
    "PCLIX": "country", "TERR": "country", "PCLH": "historic_country",
    "ADM1": "admin1", "ADM1H": "admin1", "ADM2": "admin2", "ADM2H": "admin2",
    "ADM3": "admin3", "ADM4": "admin3", "ADM5": "admin3", "ADMD": "admin3",
    "CONT": "continent", "RGN": "region", "RGNH": "region", "RGNE": "region", "AREA": "region",
    "ZN": "region", "ZNB": "region",
    "OCN": "ocean", "SEA": "sea", "GULF": "gulf", "BAY": "bay", "BAYS": "bay", "COVE": "bay",
    "FJD": "bay", "SD": "bay", "LGN": "lake", "INLT": "bay",
    "STRT": "strait", "CHN": "strait", "CHNM": "strait", "NRWS": "strait",
    "STM": "river", "STMS": "river", "STMX": "river", "STMD": "river", "STMM": "river",
    "LK": "lake", "LKS": "lake", "LKSB": "lake", "LKI": "lake", "RSV": "lake", "LKX": "lake",
    "ISL": "island", "ISLET": "island", "ISLF": "island", "ISLM": "island", "ISLT": "island",
    "ISLS": "archipelago", "ATOL": "island",
    "PEN": "peninsula", "PENX": "peninsula", "CAPE": "peninsula", "PT": "peninsula",
    "ISTH": "peninsula",
    "MTS": "mountain_range", "HLLS": "mountain_range", "RDGE": "mountain_range",
    "MT": "mountain", "PK": "mountain", "VLC": "mountain", "HLL": "mountain", "PKS": "mountain",
    "DSRT": "desert", "ERG": "desert",
    "PLN": "plain", "PLNX": "plain", "LWL": "plain", "DLTA": "plain", "BSND": "plain",
    "VAL": "valley", "VALS": "valley", "GRGE": "valley",
    "FRST": "forest", "FRSTF": "forest",
    "PLAT": "plateau", "UPLD": "plateau",
    "CST": "coast",
}


def populated_kind(population: int, feature_code: str = "") -> str:
    """City, town or village by size; capitals and admin seats count as cities."""
    if population >= 100_000 or feature_code in ("PPLC", "PPLA", "PPLG"):
        return "city"
    if population >= 5_000 or feature_code == "PPLA2":
        return "town"
    return "village"


def geonames_kind(feature_class: str, feature_code: str, population: int) -> str:
    """Map a GeoNames feature class/code to a kind."""
    if feature_class == "P":
        return populated_kind(population, feature_code)
    kind = _GEONAMES_CODES.get(feature_code)
    if kind:
        return kind
    if feature_class == "U":
        return "undersea"
    if feature_class in ("S", "R"):
        return "building"
    if feature_class == "H":
        return "sea" if feature_code.startswith("SEA") else "lake"
    if feature_class == "T":
        return "mountain"
    if feature_class == "L":
        return "region"
    if feature_class == "V":
        return "forest"
    return "other"


# Natural Earth ``featurecla`` (physical labels and marine polygons) → kind.
_NATURAL_EARTH_CLASSES: dict[str, str] = {
    "island": "island", "island group": "archipelago", "range/mtn": "mountain_range",
    "mountain": "mountain", "cape": "peninsula", "pen/cape": "peninsula",
    "peninsula": "peninsula", "isthmus": "peninsula", "sea": "sea", "ocean": "ocean",
    "gulf": "gulf", "bay": "bay", "sound": "bay", "fjord": "bay", "inlet": "bay",
    "lagoon": "lake", "lake": "lake", "strait": "strait", "channel": "strait",
    "river": "river", "waterfall": "river", "desert": "desert", "plain": "plain",
    "lowland": "plain", "delta": "plain", "basin": "plain", "depression": "plain",
    "tundra": "plain", "wetlands": "plain", "valley": "valley", "gorge": "valley",
    "pass": "mountain", "foothills": "mountain_range", "plateau": "plateau",
    "coast": "coast", "geoarea": "region", "continent": "continent", "pole": "region",
    "reef": "island",
}


def natural_earth_kind(featurecla: str) -> str:
    """Map a Natural Earth physical ``featurecla`` to a kind."""
    return _NATURAL_EARTH_CLASSES.get(featurecla.strip().lower(), "other")


# Who's On First placetypes → kind.
_WOF_PLACETYPES = {
    "continent": "continent", "ocean": "ocean", "marinearea": "sea", "empire": "historic_country",
}


def whosonfirst_kind(placetype: str) -> str:
    """Map a Who's On First placetype to a kind."""
    return _WOF_PLACETYPES.get(placetype, "other")
