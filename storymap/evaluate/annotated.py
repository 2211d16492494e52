"""Reader for our own annotation format: ``NAME.txt`` with ``NAME.json`` beside it.

The format is described in the shared README ("The annotation format"). Gold mentions are the
JSON's ``mentions``, with the coordinates of the place each one names; the ``excluded``
look-alikes need nothing here (a system that predicts one simply has a false positive). The
category of a mention is the ``kind`` of its place (city, country, region, …), so recall can be
broken down by kind. ``route`` (ordered place ids) becomes the document's gold stops, each with
its place's kind; ``"scope": "route"`` marks a file annotated for the route only.

Offsets are Python indices into the exact ``.txt`` content, so the text is read without
newline translation, and every mention is checked against it: a mismatch means the gold
and the text disagree, and measuring against such gold would be meaningless, so it fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gazetteer.normalize import normalize
from storymap.evaluate.model import (
    FULL_SCOPE,
    ROUTE_SCOPE,
    Corpus,
    CorpusError,
    Document,
    GoldMention,
    GoldStop,
)


def read_annotated(path: Path) -> Corpus:
    """A folder of pairs (searched recursively), one ``.txt`` or one ``.json`` of a pair."""
    path = Path(path)
    if path.is_dir():
        texts = sorted(text for text in path.rglob("*.txt") if text.with_suffix(".json").is_file())
        if not texts:
            raise CorpusError(f"{path}: no annotated documents (NAME.txt with NAME.json)")
        documents = [
            read_pair(text, text.relative_to(path).with_suffix("").as_posix()) for text in texts
        ]
    else:
        text = path.with_suffix(".txt")
        if not text.is_file() or not text.with_suffix(".json").is_file():
            raise CorpusError(f"{path}: needs both {text.name} and {text.stem}.json beside it")
        documents = [read_pair(text, text.stem)]
    return Corpus(
        name=str(path),
        format="annotated",
        documents=documents,
        has_coordinates=any(g.has_coordinates for d in documents for g in d.gold),
    )


def read_pair(text_path: Path, doc_id: str) -> Document:
    """One document from ``text_path`` and the ``.json`` beside it."""
    json_path = text_path.with_suffix(".json")
    try:
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise CorpusError(f"{text_path}: not UTF-8 text ({error.reason})") from error
    try:
        annotation = json.loads(json_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorpusError(f"{json_path}: not a JSON annotation ({error})") from error
    if not isinstance(annotation, dict):
        raise CorpusError(f"{json_path}: expected a JSON object")
    places = _places(annotation, json_path)
    gold = [
        _gold_mention(raw, number, text, places, json_path)
        for number, raw in enumerate(annotation.get("mentions") or [], start=1)
    ]
    gold.sort(key=lambda mention: (mention.start, mention.end))
    route = _route(annotation, places, json_path) if "route" in annotation else None
    return Document(
        doc_id=doc_id,
        text=text,
        lang=annotation.get("language"),
        gold=gold,
        route=route,
        scope=_scope(annotation, json_path),
    )


def _scope(annotation: dict[str, Any], json_path: Path) -> str:
    """What the annotation covers; absent means everything (the older files say nothing)."""
    scope = annotation.get("scope") or FULL_SCOPE
    if scope not in (FULL_SCOPE, ROUTE_SCOPE):
        raise CorpusError(
            f"{json_path}: unknown scope {scope!r}; expected {FULL_SCOPE!r} or {ROUTE_SCOPE!r}"
        )
    return scope


def _route(
    annotation: dict[str, Any], places: dict[str, dict[str, Any]], json_path: Path
) -> tuple[GoldStop, ...]:
    """The annotated stops in order; a stop the places do not define is an annotation error,
    since silently dropping it would score against a shorter route than the one meant."""
    raw = annotation["route"]
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CorpusError(f"{json_path}: route must be a list of place ids, not {raw!r}")
    stops = []
    for place_id in raw:
        place = places.get(place_id)
        if place is None:
            raise CorpusError(f"{json_path}: the route names an unknown place {place_id!r}")
        try:
            lat, lon = float(place["lat"]), float(place["lon"])
        except (KeyError, TypeError, ValueError) as error:
            raise CorpusError(f"{json_path}: route stop {place_id!r} has no lat/lon") from error
        stops.append(GoldStop(place_id, lat, lon, str(place.get("kind") or "unknown")))
    return tuple(stops)


def _places(annotation: dict[str, Any], json_path: Path) -> dict[str, dict[str, Any]]:
    places = {}
    for place in annotation.get("places") or []:
        if not isinstance(place, dict) or "id" not in place:
            raise CorpusError(f"{json_path}: a place without an id: {place!r}")
        places[place["id"]] = place
    return places


def _gold_mention(
    raw: Any, number: int, text: str, places: dict[str, dict[str, Any]], json_path: Path
) -> GoldMention:
    where = f"{json_path}: mention {number}"
    try:
        start, end, surface = int(raw["start"]), int(raw["end"]), str(raw["text"])
    except (TypeError, KeyError, ValueError) as error:
        raise CorpusError(f"{where} lacks start, end or text: {raw!r}") from error
    if text[start:end] != surface or not 0 <= start < end:
        raise CorpusError(
            f"{where} says {surface!r} at {start}-{end} but the text there is {text[start:end]!r}"
        )
    place_id = raw.get("place")
    place: dict[str, Any] = {}
    if place_id is not None:
        if place_id not in places:
            raise CorpusError(f"{where} ({surface!r}) names an unknown place {place_id!r}")
        place = places[place_id]
    lat, lon = place.get("lat"), place.get("lon")
    return GoldMention(
        start=start,
        end=end,
        text=surface,
        derived=bool(raw.get("derived", False)),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        category=str(place.get("kind") or "unknown"),
        entity=_entity(place),
    )


# Areas the corpus annotates by name (no gazetteer id): a prediction of the same area is
# right whatever point either side uses for it (issue 20's area-aware measure).
_NAMED_AREAS = frozenset({"region", "sea", "ocean", "continent", "admin1", "historic_country"})


def _entity(place: dict[str, Any]) -> str | None:
    """The gold place as an entity: a country by its code, another area by its name."""
    kind = place.get("kind")
    if kind == "country" and place.get("country"):
        return f"country:{place['country']}"
    if kind in _NAMED_AREAS and place.get("name"):
        return f"name:{normalize(str(place['name']))}"
    return None
