"""A prominence score per place: how likely a news text means this place, before context.

Population dominates; administrative importance (capitals, admin seats), the kind of
feature, how many names the world has for it and how many sources list it add to it.
The number of names is a strong notability signal: Beijing has hundreds, Pöcking two.
The score is unbounded (roughly 0–20); resolvers turn it into a prior as they see fit.
"""

from __future__ import annotations

import math

from gazetteer.build.curated import SOURCE as CURATED_SOURCE
from gazetteer.build.records import PlaceRecord

_KIND_BONUS = {
    "continent": 4.0, "country": 4.0, "ocean": 3.5, "historic_country": 3.0, "sea": 3.0,
    "admin1": 2.0, "region": 2.0, "peninsula": 1.5, "mountain_range": 1.5, "desert": 1.5,
    "river": 1.5, "gulf": 1.5, "strait": 1.5, "lake": 1.0, "island": 1.0,
    "archipelago": 1.0, "admin2": 0.5, "mountain": 0.5, "bay": 0.5,
    "undersea": -2.0, "building": -1.0, "admin3": -0.5,
}
_CAPITAL_BONUS = {"PPLC": 2.0, "PPLA": 1.0, "PPLG": 1.0, "PPLA2": 0.3, "PPLCH": 0.5}


def prominence(place: PlaceRecord) -> float:
    """Score ``place``; higher means more prominent."""
    names = sum(len(bucket) for bucket in place.names.values()) + 1
    score = math.log10(max(0, place.population) + 1)
    kind_bonus = _KIND_BONUS.get(place.kind, 0.0)
    if CURATED_SOURCE in place.sources:
        kind_bonus = max(0.0, kind_bonus)  # curated buildings are seats of power, not spots
    score += kind_bonus
    score += _CAPITAL_BONUS.get(place.feature_code, 0.0)
    score += 0.5 * math.log2(1 + names)
    score += 0.3 * min(3, len(place.sources) - 1)
    if place.names.get("de") or place.names.get("en"):
        score += 0.5
    if CURATED_SOURCE in place.sources:
        # Curated features were chosen because news name them; most have no population.
        score += 2.0
    return round(score, 4)
