"""The story file: the Story as editable, versioned JSON (``storymap extract`` / ``render``).

The format is described by ``storymap/data/story.schema.json`` (JSON Schema 2020-12). A file
is checked against it on load, then for what a schema cannot say (a mention's text must be
what the article says at its offsets, place ids must exist); every error names the JSON
path and the line of the problem.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from gazetteer import Candidate, Gazetteer
from storymap.geoparse import default_gazetteer
from storymap.geoparse.mention import Mention
from storymap.geoparse.text import read_article
from storymap.story.assemble import assemble_story
from storymap.story.model import Story
from storymap.version import __version__

FORMAT = "storymap-story"
VERSION = 1


class StoryFileError(ValueError):
    """The story file is not valid; the message names the file, line and JSON path."""


def _place_record(place: Candidate, label: str | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"id": place.id, "name": place.name}
    if label is not None:
        record["label"] = label
    record.update(kind=place.kind, country=place.country, lat=place.lat, lon=place.lon)
    return record


def to_document(story: Story) -> dict[str, Any]:
    """The story file's content: everything rendering needs, nothing it derives."""
    places = []
    for place in story.places:
        places.append(
            {"id": place.id, "name": place.name, "label": place.label, "kind": place.kind,
             "country": place.country, "lat": place.lat, "lon": place.lon}
        )
    mentions = []
    for mention in story.mentions:
        record: dict[str, Any] = {
            "start": mention.start, "end": mention.end, "text": mention.text,
            "derived": mention.derived,
            "place": mention.place.id if mention.place else None,
            "confidence": mention.confidence,
        }
        if mention.cue:
            record["cue"] = mention.cue
        record["candidates"] = [_place_record(c) for c in mention.alternatives]
        mentions.append(record)
    metadata: dict[str, Any] = {
        "lang": story.lang, "title": story.title, "date": story.date, "source": story.source,
        "credits": story.credits, "generator": f"storymap {__version__}",
    }
    if story.notes:
        metadata["overrides_not_matched"] = list(story.notes)
    return {
        "format": FORMAT,
        "version": VERSION,
        "metadata": metadata,
        "text": story.text,
        "passages": [
            {"index": p.index, "start": p.start, "end": p.end} for p in story.article.passages
        ],
        "places": places,
        "mentions": mentions,
        "route": {
            "stops": list(story.route), "modes": list(story.route_modes),
            "times": list(story.stop_times()), "modalities": list(story.stop_modalities()),
        },
    }


def dumps(story: Story) -> str:
    return json.dumps(to_document(story), ensure_ascii=False, indent=1) + "\n"


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = resources.files("storymap").joinpath("data", "story.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(schema))


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.S)


def line_of(source: str, path: tuple[str | int, ...]) -> int:
    """The line where the value (or key) at JSON ``path`` is written; 1 if not found.

    A small scan of the JSON tokens, because the standard parser forgets positions."""
    stack: list[list[Any]] = []  # [is_object, key_or_index, expecting_key]
    for match in _TOKEN.finditer(source):
        token = match.group()
        top = stack[-1] if stack else None
        if token == ":":
            continue
        if token == ",":
            if top is not None:
                if top[0]:
                    top[2] = True
                else:
                    top[1] += 1
            continue
        if token in "}]":
            if stack:
                stack.pop()
            continue
        if top is not None and top[0] and top[2]:  # a key
            top[1] = json.loads(token) if token.startswith('"') else token
            top[2] = False
            if tuple(frame[1] for frame in stack) == path:
                return source.count("\n", 0, match.start()) + 1
            continue
        if tuple(frame[1] for frame in stack) == path:
            return source.count("\n", 0, match.start()) + 1
        if token == "{":
            stack.append([True, None, True])
        elif token == "[":
            stack.append([False, 0, False])
    return 1


def _json_path(path: tuple[str | int, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _fail(name: str, source: str, path: tuple[str | int, ...], message: str) -> StoryFileError:
    return StoryFileError(f"{name}:{line_of(source, path)}: {_json_path(path)}: {message}")


def _schema_errors(document: Any, source: str, name: str) -> None:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    if not errors:
        return
    error = errors[0]
    path = tuple(error.absolute_path)
    message = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(key for key in error.instance if key not in allowed)
        if extra:
            path = (*path, extra[0])
            message = f"unknown key {extra[0]!r} (known: {', '.join(sorted(allowed))})"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    raise _fail(name, source, path, message + more)


def _candidate(record: dict[str, Any]) -> Candidate:
    return Candidate(
        index=-1, id=record["id"], name=record["name"], kind=record.get("kind", "place"),
        country=record.get("country", ""), admin1="", lat=float(record["lat"]),
        lon=float(record["lon"]), population=0, prominence=0.0,
    )


def loads(source: str, name: str = "story.json") -> Story:
    """A Story from story-file text, checked; errors name ``name``, the line and JSON path."""
    try:
        document = json.loads(source)
    except json.JSONDecodeError as error:
        raise StoryFileError(f"{name}:{error.lineno}: not JSON ({error.msg})") from error
    _schema_errors(document, source, name)
    text: str = document["text"]
    article = read_article(text)
    places: dict[str, Candidate] = {}
    labels: dict[str, str] = {}
    for number, record in enumerate(document["places"]):
        if record["id"] in places:
            raise _fail(name, source, ("places", number, "id"), f"duplicate id {record['id']!r}")
        places[record["id"]] = _candidate(record)
        if "label" in record:
            labels[record["id"]] = record["label"]
    gazetteer: Gazetteer | None = None
    order = sorted(range(len(document["mentions"])), key=lambda i: document["mentions"][i]["start"])
    mentions: list[Mention] = []
    previous_end, previous = -1, -1
    for number in order:
        record = document["mentions"][number]
        start, end = record["start"], record["end"]
        where = ("mentions", number)
        if not start < end <= len(text):
            raise _fail(name, source, (*where, "end"), f"span {start}–{end} is outside the text")
        if text[start:end] != record["text"]:
            raise _fail(
                name, source, (*where, "text"),
                f"{record['text']!r} is not what the text says at {start}–{end} "
                f"({text[start:end]!r})",
            )
        if start < previous_end:
            raise _fail(name, source, (*where, "start"), f"overlaps mention {previous}")
        previous_end, previous = end, number
        alternatives = tuple(_candidate(c) for c in record.get("candidates", []))
        place = None
        if record["place"] is not None:
            place_id = record["place"]
            place = places.get(place_id) or next(
                (c for c in alternatives if c.id == place_id), None
            )
            if place is None:
                gazetteer = gazetteer or default_gazetteer()
                index = gazetteer.index_of(place_id)
                if index is None:
                    raise _fail(name, source, (*where, "place"), f"no place has id {place_id!r}")
                place = gazetteer.candidate(index)
            place = places.get(place.id, place)
        mentions.append(
            Mention(start, end, record["text"], bool(record.get("derived", False)), place,
                    float(record.get("confidence", 1.0)), alternatives, record.get("cue", ""))
        )
    route = tuple(document["route"]["stops"])
    for number, stop in enumerate(route):
        if stop not in places:
            raise _fail(name, source, ("route", "stops", number), f"no place has id {stop!r}")
    modes = tuple(document["route"].get("modes", []))
    if modes and len(modes) != max(len(route) - 1, 0):
        raise _fail(name, source, ("route", "modes"), f"{len(route)} stops need "
                    f"{max(len(route) - 1, 0)} modes, not {len(modes)}")
    # Optional (older files have neither): one entry per stop, "" or null = time not known.
    times = tuple(time or None for time in document["route"].get("times", []))
    modalities = tuple(document["route"].get("modalities", []))
    for key, values in (("times", times), ("modalities", modalities)):
        if values and len(values) != len(route):
            raise _fail(name, source, ("route", key),
                        f"{len(route)} stops need {len(route)} {key}, not {len(values)}")
    metadata = document["metadata"]
    date = metadata.get("date")
    return assemble_story(
        text,
        article,
        metadata["lang"],
        tuple(mentions),
        route=route,
        route_modes=modes,
        route_times=times,
        route_modalities=modalities,
        route_places=places,
        title=metadata["title"],
        source=metadata.get("source"),
        credits=metadata.get("credits"),
        published=date if date != article.date else None,
        labels=labels,
        notes=tuple(metadata.get("overrides_not_matched", [])),
    )


def load(path: str | Path) -> Story:
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise StoryFileError(f"{path}: not UTF-8 text") from error
    return loads(source, path.name)
