"""Corrections a user keeps beside an article (``storymap.toml``) and applies on every build.

Rules are keyed by the words of the text (a surface form, optionally a phrase of its
sentence), never by offsets, so they keep working when the article is edited. Every rule
that no longer matches anything is reported back, not silently ignored.

    title = "Kims Zug nach Wladiwostok"
    credits = "Text: dpa · Karte: Redaktion"

    [[pin]]                      # this name means that place
    text = "Paris"
    context = "Texas"            # optional: only in sentences containing this phrase
    id = "geonames:4717560"      # or lat = … and lon = … (with name, kind, country)

    [[drop]]                     # not a place here
    text = "Zimmern"

    [[add]]                      # a place the gazetteer lacks (or the recogniser missed)
    text = "Kleinkleckersdorf"
    lat = 50.1
    lon = 8.2

    [route]
    stops = ["Pjöngjang", "Chassan", "Wladiwostok", "Insel Russky"]
    modes = ["train", "train", ""]
    times = ["2019-04-24", "", "2019-04-25 14:30", "Freitag"]   # "" = not known
    modalities = ["done", "done", "done", "announced"]       # or underway
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gazetteer import Candidate, Gazetteer
from gazetteer.normalize import normalize
from storymap.geoparse.mention import Mention
from storymap.geoparse.text import Article
from storymap.story.model import MODALITIES, time_label_problem

MODES = ("train", "plane", "ship", "car", "")
_TOP_KEYS = {"title": str, "credits": str, "source": str, "lang": str, "date": str}
_RULE_KEYS: dict[str, dict[str, tuple[type, ...]]] = {
    "pin": {
        "text": (str,), "context": (str,), "id": (str,), "lat": (float, int),
        "lon": (float, int), "name": (str,), "kind": (str,), "country": (str,),
    },
    "drop": {"text": (str,), "context": (str,)},
    "add": {
        "text": (str,), "context": (str,), "id": (str,), "lat": (float, int),
        "lon": (float, int), "name": (str,), "kind": (str,), "country": (str,),
    },
}
_ROUTE_KEYS = {"stops": list, "modes": list, "times": list, "modalities": list}
# Endings a surface form may carry and still be the same name (Paris → Paris', Russlands).
_INFLECTIONS = ("", "s", "es", "'", "'s", "’", "’s", "n")


class OverridesError(ValueError):
    """The overrides file is malformed; the message names the file, line and key."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One [[pin]], [[drop]] or [[add]] entry, with where it was written."""

    action: str
    text: str
    line: int
    context: str | None = None
    id: str | None = None
    lat: float | None = None
    lon: float | None = None
    name: str | None = None
    kind: str | None = None
    country: str | None = None

    def describe(self, path: Path | None) -> str:
        where = f"{path.name}:{self.line}" if path else f"line {self.line}"
        context = f" (context {self.context!r})" if self.context else ""
        return f"{where}: [[{self.action}]] {self.text!r}{context}"


@dataclass(frozen=True, slots=True)
class Overrides:
    path: Path | None = None
    title: str | None = None
    credits: str | None = None
    source: str | None = None
    lang: str | None = None
    date: str | None = None
    rules: tuple[Rule, ...] = ()
    route: tuple[str, ...] = ()
    route_modes: tuple[str | None, ...] = ()
    route_times: tuple[str | None, ...] = ()  # per stop; empty when the file gives none
    route_modalities: tuple[str, ...] = ()  # per stop; empty when the file gives none
    route_line: int = 0


@dataclass(frozen=True, slots=True)
class _Route:
    stops: tuple[str, ...] = ()
    modes: tuple[str | None, ...] = ()
    times: tuple[str | None, ...] = ()
    modalities: tuple[str, ...] = ()


@dataclass(slots=True)
class Applied:
    """Mentions after the rules, and what could not be applied."""

    mentions: tuple[Mention, ...]
    unmatched: list[str] = field(default_factory=list)
    pinned: set[int] = field(default_factory=set)  # indices of mentions a rule set


def discover(article: Path) -> Path | None:
    """``ARTICLE.storymap.toml``, else ``storymap.toml`` in the article's folder."""
    for candidate in (article.with_name(f"{article.stem}.storymap.toml"),
                      article.with_name("storymap.toml")):
        if candidate.is_file():
            return candidate
    return None


def _line_of(source: str, pattern: str, nth: int = 0) -> int:
    """The line of the ``nth`` match of ``pattern`` (1-based), or 1 when not found."""
    matches = list(re.finditer(pattern, source, re.M))
    if nth < len(matches):
        return source.count("\n", 0, matches[nth].start()) + 1
    return 1


def _key_line(source: str, table_line: int, key: str) -> int:
    """The line where ``key =`` is written at or after ``table_line``."""
    lines = source.splitlines()
    for number in range(table_line, len(lines) + 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[number - 1]):
            return number
    return table_line


def _check_type(value: object, types: tuple[type, ...], key: str, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, types):
        expected = " or ".join(t.__name__ for t in types)
        raise OverridesError(f"{where}: {key!r} must be {expected}, not {type(value).__name__}")


def _rule(action: str, entry: Any, source: str, nth: int, path: Path) -> Rule:
    table_line = _line_of(source, rf"^[ \t]*\[\[[ \t]*{action}[ \t]*\]\]", nth)
    if not isinstance(entry, dict):
        raise OverridesError(f"{path.name}:{table_line}: [[{action}]] must be a table")
    allowed = _RULE_KEYS[action]
    for key, value in entry.items():
        line = _key_line(source, table_line, key)
        where = f"{path.name}:{line}"
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise OverridesError(f"{where}: unknown key {key!r} in [[{action}]] (known: {known})")
        _check_type(value, allowed[key], key, where)
    where = f"{path.name}:{table_line}"
    if not entry.get("text", "").strip():
        raise OverridesError(f"{where}: [[{action}]] needs text = \"the name as written\"")
    has_point = "lat" in entry or "lon" in entry
    if has_point and not ("lat" in entry and "lon" in entry):
        raise OverridesError(f"{where}: [[{action}]] needs both lat and lon")
    if has_point and not (-90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180):
        raise OverridesError(f"{where}: lat/lon out of range")
    if action == "pin" and not (has_point or "id" in entry):
        raise OverridesError(f"{where}: [[pin]] needs id = \"…\" or lat and lon")
    return Rule(
        action=action,
        text=entry["text"].strip(),
        line=table_line,
        context=entry.get("context"),
        id=entry.get("id"),
        lat=float(entry["lat"]) if has_point else None,
        lon=float(entry["lon"]) if has_point else None,
        name=entry.get("name"),
        kind=entry.get("kind"),
        country=entry.get("country"),
    )


def _route(table: Any, source: str, path: Path) -> _Route:
    line = _line_of(source, r"^[ \t]*\[[ \t]*route[ \t]*\]")
    if not isinstance(table, dict):
        raise OverridesError(f"{path.name}:{line}: route must be a table [route]")
    for key, value in table.items():
        where = f"{path.name}:{_key_line(source, line, key)}"
        if key not in _ROUTE_KEYS:
            known = ", ".join(sorted(_ROUTE_KEYS))
            raise OverridesError(f"{where}: unknown key {key!r} in [route] (known: {known})")
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise OverridesError(f"{where}: route {key} must be a list of strings")
    stops = tuple(stop.strip() for stop in table.get("stops", []))
    modes = tuple(table.get("modes", []))
    where = f"{path.name}:{line}"
    if len(stops) == 1:
        raise OverridesError(f"{where}: a route needs at least two stops")
    if modes and len(modes) != max(len(stops) - 1, 0):
        raise OverridesError(
            f"{where}: route has {len(stops)} stops, so modes needs {len(stops) - 1} entries"
        )
    for mode in modes:
        if mode not in MODES:
            raise OverridesError(f"{where}: unknown travel mode {mode!r} (known: {MODES[:-1]})")
    times = tuple(time.strip() for time in table.get("times", []))
    modalities = tuple(table.get("modalities", []))
    for key, values in (("times", times), ("modalities", modalities)):
        where = f"{path.name}:{_key_line(source, line, key)}"
        if values and not stops:
            raise OverridesError(f"{where}: route {key} need the stops they belong to (stops = …)")
        if values and len(values) != len(stops):
            raise OverridesError(
                f"{where}: route has {len(stops)} stops, so {key} needs {len(stops)} entries"
            )
    where = f"{path.name}:{_key_line(source, line, 'times')}"
    for time in times:
        problem = time_label_problem(time) if time else None  # "" = not known
        if problem:
            raise OverridesError(f"{where}: route time {time!r} {problem}")
    where = f"{path.name}:{_key_line(source, line, 'modalities')}"
    for modality in modalities:
        if modality not in MODALITIES:
            known = ", ".join(MODALITIES)
            raise OverridesError(f"{where}: unknown modality {modality!r} (known: {known})")
    return _Route(
        stops=stops,
        modes=tuple(mode or None for mode in modes),
        times=tuple(time or None for time in times),
        modalities=modalities,
    )


def load(path: str | Path) -> Overrides:
    """Read and check an overrides file; errors name the file, line and key."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise OverridesError(f"{path}: not UTF-8 text") from error
    try:
        document = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise OverridesError(f"{path.name}: {error}") from error
    values: dict[str, Any] = {}
    rules: list[Rule] = []
    route = _Route()
    for key, value in document.items():
        if key in _TOP_KEYS:
            line = _line_of(source, rf"^{key}\s*=")
            _check_type(value, (str,), key, f"{path.name}:{line}")
            values[key] = value
        elif key in _RULE_KEYS:
            entries = value if isinstance(value, list) else [value]
            rules.extend(_rule(key, entry, source, n, path) for n, entry in enumerate(entries))
        elif key == "route":
            route = _route(value, source, path)
        else:
            line = _line_of(source, rf"^[ \t]*(\[+[ \t]*)?{re.escape(key)}\b")
            known = ", ".join(sorted([*_TOP_KEYS, *_RULE_KEYS, "route"]))
            raise OverridesError(f"{path.name}:{line}: unknown key {key!r} (known: {known})")
    if values.get("lang") not in (None, "de", "en", "auto"):
        raise OverridesError(f"{path.name}: lang must be de, en or auto")
    return Overrides(
        path=path,
        rules=tuple(sorted(rules, key=lambda rule: rule.line)),
        route=route.stops,
        route_modes=route.modes,
        route_times=route.times,
        route_modalities=route.modalities,
        route_line=_line_of(source, r"^[ \t]*\[[ \t]*route[ \t]*\]") if route.stops else 0,
        **values,
    )


def _same_name(surface: str, key: str) -> bool:
    """Whether a mention's surface is the rule's name, allowing an inflection ending."""
    found = normalize(surface)
    return any(found == normalize(key + ending) for ending in _INFLECTIONS)


def _in_context(rule: Rule, article: Article, text: str, start: int) -> bool:
    if not rule.context:
        return True
    for passage in article.passages:
        for sentence in passage.sentences:
            if sentence.start <= start < sentence.end:
                window = " ".join(text[sentence.start : sentence.end].split()).casefold()
                return " ".join(rule.context.split()).casefold() in window
    return False


def custom_place(rule: Rule) -> Candidate:
    """A place given by coordinates; its id is stable across runs (made from name + point)."""
    name = rule.name or rule.text
    slug = re.sub(r"[^0-9a-z]+", "-", normalize(name)).strip("-") or "place"
    return Candidate(
        index=-1,
        id=f"user:{slug}@{rule.lat:.4f},{rule.lon:.4f}",
        name=name,
        kind=rule.kind or "place",
        country=(rule.country or "").upper(),
        admin1="",
        lat=float(rule.lat),  # type: ignore[arg-type]
        lon=float(rule.lon),  # type: ignore[arg-type]
        population=0,
        prominence=0.0,
    )


def _place_for(rule: Rule, gazetteer: Gazetteer, lang: str, geocode: Any) -> Candidate:
    """The place a pin or add rule names: coordinates, a gazetteer id, the name, a geocoder."""
    if rule.lat is not None:
        return custom_place(rule)
    if rule.id is not None:
        index = gazetteer.index_of(rule.id)
        if index is None:
            raise OverridesError(f"{rule.describe(None)}: no gazetteer place has id {rule.id!r}")
        return gazetteer.candidate(index)
    found = gazetteer.lookup(rule.name or rule.text, lang=lang, limit=1)
    if found:
        return found[0]
    if geocode is not None:
        place = geocode(rule.name or rule.text, lang)
        if place is not None:
            return place
    raise OverridesError(
        f"{rule.describe(None)}: the gazetteer does not know it; give lat and lon"
        " (or use an online geocoder)"
    )


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Spans where ``name`` is written as a whole word (allowing inflection endings)."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?:s|es|'s|’s|'|’)?(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def apply(
    overrides: Overrides,
    mentions: tuple[Mention, ...],
    article: Article,
    text: str,
    gazetteer: Gazetteer,
    lang: str,
    geocode: Any = None,
) -> Applied:
    """Drop, pin and add mentions as the rules say (in that order), reporting idle rules."""
    result = list(mentions)
    unmatched: list[str] = []
    pinned_spans: set[tuple[int, int]] = set()
    for rule in overrides.rules:
        hits = [
            index
            for index, mention in enumerate(result)
            if _same_name(mention.text, rule.text)
            and _in_context(rule, article, text, mention.start)
        ]
        if rule.action == "drop":
            if not hits:
                unmatched.append(rule.describe(overrides.path) + " matched nothing")
            result = [mention for index, mention in enumerate(result) if index not in hits]
        elif rule.action == "pin":
            if not hits:
                unmatched.append(rule.describe(overrides.path) + " matched nothing")
                continue
            place = _place_for(rule, gazetteer, lang, geocode)
            for index in hits:
                result[index] = replace(result[index], place=place, confidence=1.0)
                pinned_spans.add((result[index].start, result[index].end))
        else:  # add
            place = _place_for(rule, gazetteer, lang, geocode)
            taken = [(m.start, m.end) for m in result]
            added = 0
            for start, end in _occurrences(text, rule.text):
                if start < article.body_start or not _in_context(rule, article, text, start):
                    continue
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    # already recognised: an add then works as a pin
                    for index, mention in enumerate(result):
                        if mention.start < end and start < mention.end:
                            result[index] = replace(mention, place=place, confidence=1.0)
                            pinned_spans.add((mention.start, mention.end))
                            added += 1
                    continue
                result.append(Mention(start, end, text[start:end], False, place, 1.0))
                pinned_spans.add((start, end))
                added += 1
            if not added:
                unmatched.append(rule.describe(overrides.path) + " is not in the text")
    result.sort(key=lambda mention: mention.start)
    pinned = {i for i, m in enumerate(result) if (m.start, m.end) in pinned_spans}
    return Applied(mentions=tuple(result), unmatched=unmatched, pinned=pinned)
