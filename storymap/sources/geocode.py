"""Optional online geocoding (through geopy) for places the offline gazetteer does not know.

The embedded gazetteer stays the default and the only thing storymap needs. When a user asks
for an online service (``--geocoder nominatim``), two kinds of names go to it: mentions the
recogniser found but could not place (unlisted streets, landmarks), and names the text
clearly uses as places although the gazetteer has never heard of them ("in
Kleinkleckersdorf", "the village of Ambridge"). Every answer is cached on disk
(``GeocodeCache``), so regenerating a map sends no request twice, and every failure — time
out, server error, rate limit — ends as an unresolved name and a warning, never a crash.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from geopy import exc as geopy_errors
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

from gazetteer import Candidate, Gazetteer
from gazetteer.geo import haversine_km
from gazetteer.kinds import AREA_KINDS
from storymap.geoparse import GeoparseResult
from storymap.geoparse.mention import Mention
from storymap.sources.geocode_cache import CacheKey, GeocodeCache
from storymap.sources.geocode_names import find_unknown_names, unknown_name_spans
from storymap.version import __version__

__all__ = [
    "GeocodeWarning", "GeocodedPlace", "OnlineGeocoder", "PlaceSource", "find_unknown_names",
    "geocode_unknown", "kind_of", "min_delay_for", "public_domain", "to_place",
]

# Nominatim's usage policy: at most one request per second to the public server.
PUBLIC_MIN_DELAY = 1.0
DEFAULT_CONFIDENCE = 0.5  # for services that report no importance
DEFAULT_USER_AGENT = f"storymap/{__version__}"
MAX_RETRY_WAIT = 60.0  # a server asking for a longer pause (Retry-After) is not retried


class GeocodeWarning(UserWarning):
    """A name could not be geocoded online (it stays unresolved)."""


@dataclass(frozen=True, slots=True)
class GeocodedPlace:
    """One online answer as a gazetteer candidate, with what the service said about it."""

    candidate: Candidate
    importance: float | None  # Nominatim's 0…1 importance, when given
    address: str


class PlaceSource(Protocol):
    """What ``geocode_unknown`` needs from a geocoder."""

    def places(self, name: str, lang: str) -> list[GeocodedPlace]: ...


# -- the geocoder ------------------------------------------------------------------------

_RETRYABLE = (
    geopy_errors.GeocoderTimedOut,
    geopy_errors.GeocoderUnavailable,
    geopy_errors.GeocoderServiceError,
)
# Errors that another try cannot fix (bad query, bad key, quota spent).
_FATAL = (
    geopy_errors.GeocoderQueryError,
    geopy_errors.GeocoderAuthenticationFailure,
    geopy_errors.GeocoderInsufficientPrivileges,
    geopy_errors.ConfigurationError,
)


def public_domain(service: str) -> str:
    """The domain geopy uses for ``service`` when none is given (its public server)."""
    cls = _geocoder_class(service)
    parameter = inspect.signature(cls.__init__).parameters.get("domain")
    default = parameter.default if parameter is not None else None
    return default if isinstance(default, str) else ""


def min_delay_for(service: str, domain: str | None = None) -> float:
    """Seconds between requests: 1 s for a public server (Nominatim's policy allows one
    request per second, and other free services deserve no less care); none for a
    self-hosted or local server, whose owner decides."""
    if domain and domain.strip().rstrip("/").lower() != public_domain(service).lower():
        return 0.0
    return PUBLIC_MIN_DELAY


def _geocoder_class(service: str) -> type:
    try:
        return get_geocoder_for_service(service.strip().lower())
    except geopy_errors.GeocoderNotFound:
        known = ", ".join(sorted(SERVICE_TO_GEOCODER))
        raise ValueError(f"unknown geocoder {service!r}; geopy knows: {known}") from None


def _is_local(domain: str | None) -> bool:
    if not domain:
        return False
    host = domain.strip().rstrip("/").rsplit("]", 1)[0].lstrip("[")
    host = host.split(":")[0] if host.count(":") == 1 else host
    return host in ("localhost", "::1") or host.startswith("127.")


class _RateLimiter(RateLimiter):
    """geopy's RateLimiter on an injectable clock and sleep (tests need no real waits)."""

    def __init__(
        self,
        func: Callable[..., Any],
        delay: float,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> None:
        super().__init__(
            func,
            min_delay_seconds=delay,
            max_retries=0,  # OnlineGeocoder retries itself, with backoff
            error_wait_seconds=delay,
            swallow_exceptions=False,
        )
        self._sleeper = sleep
        self._timer = clock

    def _sleep(self, seconds: float) -> None:
        self._sleeper(seconds)

    def _clock(self) -> float:
        return self._timer()


class OnlineGeocoder:
    """A geopy geocoder behind a rate limiter, retries with backoff and an on-disk cache.

    ``service``: any geopy service name (nominatim, photon, pelias, …); services that need
    a key take it from ``options`` (``options={"api_key": "…"}``). ``user_agent`` is
    required for Nominatim. ``domain``/``scheme`` point at a self-hosted (or test) server.
    ``sleep`` and ``clock`` time the waits (replaceable: tests check delays without waiting).
    """

    def __init__(
        self,
        service: str = "nominatim",
        *,
        user_agent: str | None = None,
        domain: str | None = None,
        scheme: str | None = None,
        timeout: float = 10.0,
        options: Mapping[str, object] | None = None,
        cache: GeocodeCache | None = None,
        country_codes: Sequence[str] = (),
        max_results: int = 5,
        max_retries: int = 2,
        backoff: float = 1.0,
        min_delay: float | None = None,
        give_up_after: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.service = service.strip().lower()
        if self.service == "nominatim" and not (user_agent and user_agent.strip()):
            raise ValueError(
                "Nominatim needs a user agent naming your application (its usage policy): "
                "e.g. --user-agent 'storymap-yourname (you@example.org)'"
            )
        self._geocoder = _make_geocoder(
            self.service, user_agent or DEFAULT_USER_AGENT, domain, scheme, timeout, options
        )
        self.domain = str(getattr(self._geocoder, "domain", "") or domain or "")
        self.cache = cache if cache is not None else GeocodeCache()
        self.country_codes = tuple(code.lower() for code in country_codes)
        self.max_results = max_results
        self.max_retries = max_retries
        self.backoff = backoff
        self.give_up_after = give_up_after
        self.min_delay = min_delay_for(self.service, domain) if min_delay is None else min_delay
        self._sleep = sleep
        self._limiter = _RateLimiter(self._request, self.min_delay, sleep, clock)
        self.requests = 0  # HTTP requests sent (retries included)
        self.unresolved: list[str] = []  # names that failed (not cached: asked again next run)
        self._failures_in_a_row = 0
        self._given_up = False

    # -- public ------------------------------------------------------------------------

    def __call__(self, result: GeoparseResult) -> GeoparseResult:
        """``geocode_unknown(result, self)``: the fallback step ``build_story`` runs after
        geoparsing (its ``geocoder=`` argument takes any such callable)."""
        return geocode_unknown(result, self)

    def geocode(self, name: str, lang: str) -> Candidate | None:
        """The service's best place for ``name``, or None (no result, or a failure)."""
        found = self.places(name, lang)
        return found[0].candidate if found else None

    def places(self, name: str, lang: str) -> list[GeocodedPlace]:
        """Every place the service gives for ``name`` (best first); cached answers first."""
        key = self.cache_key(name, lang)
        answers = self.cache.get(key)
        if answers is None:
            answers = self._ask(name, lang)
            if answers is None:
                return []
            self.cache.put(key, answers)
        places = (to_place(self.service, answer, name) for answer in answers)
        return [place for place in places if place is not None]

    def cache_key(self, name: str, lang: str) -> CacheKey:
        return CacheKey(self.service, self.domain, name, lang, ",".join(self.country_codes))

    # -- requests ----------------------------------------------------------------------

    def _request(self, query: str, **options: object) -> object:
        self.requests += 1
        return self._geocoder.geocode(query, **options)

    def _query_options(self, lang: str) -> dict[str, object]:
        """The options this service's ``geocode`` accepts, out of the ones we want."""
        wanted: dict[str, object] = {
            "exactly_one": False,
            "limit": self.max_results,
            "language": lang,
            "addressdetails": True,
        }
        if self.country_codes:
            wanted["country_codes"] = list(self.country_codes)
        accepted = inspect.signature(self._geocoder.geocode).parameters
        return {name: value for name, value in wanted.items() if name in accepted}

    def _ask(self, name: str, lang: str) -> list[dict] | None:
        """The service's answer as plain data, or None after a failure (already warned)."""
        if self._given_up:
            self.unresolved.append(name)
            return None
        options = self._query_options(lang)
        error: Exception | None = None
        for attempt in range(self.max_retries + 1):
            if attempt:
                wait = self._wait_before_retry(attempt, error)
                if wait > MAX_RETRY_WAIT:
                    break  # "come back in an hour": not within this run
                self._sleep(wait)
            try:
                found = self._limiter(name, **options)
            except _FATAL as fatal:
                return self._failed(name, fatal, transient=False)
            except _RETRYABLE as transient:
                error = transient
                continue
            except (geopy_errors.GeopyError, KeyError, TypeError, ValueError) as broken:
                return self._failed(name, broken, transient=False)  # a malformed answer
            self._failures_in_a_row = 0
            return _as_answers(found)
        assert error is not None
        return self._failed(name, error, transient=True)

    def _wait_before_retry(self, attempt: int, error: Exception | None) -> float:
        """Exponential backoff; a server's Retry-After wins when it asks for longer."""
        wait = self.backoff * 2 ** (attempt - 1)
        retry_after = getattr(error, "retry_after", None)
        if isinstance(retry_after, int | float):
            wait = max(wait, float(retry_after))
        return max(wait, self.min_delay)

    def _failed(self, name: str, error: Exception, transient: bool) -> None:
        self.unresolved.append(name)
        reason = f"{type(error).__name__}: {error}".strip().rstrip(":")
        reason = reason if len(reason) <= 200 else reason[:199] + "…"
        warnings.warn(
            f"{self.service}: could not geocode {name!r} ({reason}); left unresolved",
            GeocodeWarning,
            stacklevel=4,
        )
        self._failures_in_a_row = self._failures_in_a_row + 1 if transient else 0
        if self.give_up_after and self._failures_in_a_row >= self.give_up_after:
            self._given_up = True
            warnings.warn(
                f"{self.service}: {self._failures_in_a_row} failures in a row; "
                "not asking it again in this run",
                GeocodeWarning,
                stacklevel=4,
            )
        return None


def _make_geocoder(
    service: str,
    user_agent: str,
    domain: str | None,
    scheme: str | None,
    timeout: float,
    options: Mapping[str, object] | None,
) -> object:
    """Instantiate geopy's class for ``service`` with the arguments it accepts."""
    cls = _geocoder_class(service)
    parameters = inspect.signature(cls.__init__).parameters
    arguments: dict[str, object] = {"user_agent": user_agent, "timeout": timeout}
    if domain:
        arguments["domain"] = domain.strip().rstrip("/")
    if scheme:
        arguments["scheme"] = scheme
    if _is_local(domain):
        arguments["proxies"] = {}  # a local server is never reached through a proxy
    adapter = _adapter_factory()
    if adapter is not None:
        arguments["adapter_factory"] = adapter
    for name in arguments:
        if name not in parameters:
            raise ValueError(f"geocoder {service!r} does not accept {name!r}")
    extra = dict(options or {})
    unknown = sorted(set(extra) - set(parameters))
    if unknown:
        raise ValueError(f"geocoder {service!r} has no option(s) {', '.join(unknown)}")
    arguments.update(extra)
    missing = [
        p.name
        for p in parameters.values()
        if p.name != "self"
        and p.default is inspect.Parameter.empty
        and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        and p.name not in arguments
    ]
    if missing:
        raise ValueError(f"geocoder {service!r} needs option(s): {', '.join(missing)}")
    return cls(**arguments)


def _adapter_factory() -> Callable[..., object] | None:
    """geopy's requests adapter without urllib3's own silent retries: OnlineGeocoder
    retries itself, with backoff, and counts every request it sends."""
    try:
        import requests  # noqa: F401  (the adapter needs it; else geopy's default is used)
        from geopy.adapters import RequestsAdapter
    except ImportError:
        return None
    return functools.partial(RequestsAdapter, max_retries=0)


def _as_answers(found: object) -> list[dict]:
    """geopy's Location(s) as JSON-ready dicts (None and [] both mean "no result")."""
    if found is None:
        return []
    locations = found if isinstance(found, list) else [found]
    return [
        {
            "address": location.address,
            "lat": location.latitude,
            "lon": location.longitude,
            "raw": location.raw,
        }
        for location in locations
    ]


# -- answers as candidates -------------------------------------------------------------

_PLACE_TYPES = {
    "city": "city", "town": "town", "municipality": "town",
    "village": "village", "hamlet": "village", "isolated_dwelling": "village",
    "locality": "village", "suburb": "village", "quarter": "village", "neighbourhood": "village",
    "farm": "village", "borough": "village",
    "county": "admin2", "district": "admin2", "state_district": "admin2",
    "state": "admin1", "province": "admin1", "region": "admin1",
    "country": "country", "continent": "continent",
    "island": "island", "islet": "island", "archipelago": "archipelago",
    "sea": "sea", "ocean": "ocean",
}
_NATURAL_TYPES = {
    "peak": "mountain", "volcano": "mountain", "hill": "mountain", "glacier": "mountain",
    "mountain_range": "mountain_range", "ridge": "mountain_range",
    "water": "lake", "lake": "lake", "reservoir": "lake", "pond": "lake",
    "bay": "bay", "strait": "strait", "peninsula": "peninsula", "cape": "peninsula",
    "valley": "valley", "wood": "forest", "forest": "forest", "desert": "desert",
    "plateau": "plateau", "coastline": "coast", "beach": "coast",
    "river": "river", "stream": "river", "canal": "river", "island": "island",
}
_BUILDING_CLASSES = frozenset(
    "building amenity tourism historic railway aeroway shop office leisure man_made "
    "craft emergency military public_transport".split()
)


def kind_of(category: str, type_: str, address_type: str = "") -> str:
    """A gazetteer kind for an OSM class/type pair (Nominatim's class, Photon's osm_key)."""
    if category == "place":
        return _PLACE_TYPES.get(type_, "other")
    if category == "boundary":
        return _PLACE_TYPES.get(address_type, "admin3")
    if category in ("natural", "water", "waterway", "landuse"):
        return _NATURAL_TYPES.get(type_, "other")
    if category in _BUILDING_CLASSES:
        return "building"
    return _PLACE_TYPES.get(address_type, "other")


def to_place(service: str, answer: Mapping[str, Any], query: str) -> GeocodedPlace | None:
    """One cached answer (Nominatim place, Photon feature or any geopy Location) as a
    ``GeocodedPlace``; None when it carries no usable coordinates."""
    raw = answer.get("raw") if isinstance(answer.get("raw"), Mapping) else {}
    properties = raw.get("properties")
    facts: Mapping[str, Any] = properties if isinstance(properties, Mapping) else raw
    try:
        lat, lon = float(answer["lat"]), float(answer["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    address = str(answer.get("address") or "")
    details = facts.get("address") if isinstance(facts.get("address"), Mapping) else {}
    country = str(details.get("country_code") or facts.get("countrycode") or "").upper()
    importance = _number(facts.get("importance"))
    name = str(facts.get("name") or address.split(",")[0].strip() or query)
    kind = kind_of(  # Nominatim: class, type, addresstype; Photon: osm_key, osm_value, type
        str(facts.get("class") or facts.get("category") or facts.get("osm_key") or ""),
        str(facts.get("osm_value") or facts.get("type") or ""),
        str(facts.get("addresstype") or facts.get("type") or ""),
    )
    candidate = Candidate(
        index=-1,  # not a row of the embedded store
        id=_place_id(service, facts, lat, lon, name),
        name=name,
        kind=kind,
        country=country if len(country) == 2 else "",
        admin1="",
        lat=lat,
        lon=lon,
        population=0,
        prominence=round(10.0 * importance, 3) if importance is not None else 0.0,
    )
    return GeocodedPlace(candidate, importance, address)


def _number(value: object) -> float | None:
    try:
        return float(value) if value is not None else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _place_id(service: str, facts: Mapping[str, Any], lat: float, lon: float, name: str) -> str:
    """``nominatim:R62422`` from the OSM element, else a stable hash of name and point."""
    osm_type, osm_id = facts.get("osm_type"), facts.get("osm_id")
    if osm_type and osm_id:
        return f"{service}:{str(osm_type)[0].upper()}{osm_id}"
    digest = hashlib.sha1(f"{name}|{lat:.5f}|{lon:.5f}".encode()).hexdigest()[:12]
    return f"{service}:{digest}"


# -- geocoding a geoparse result --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What the article already places: its countries and its point-like places."""

    countries: frozenset[str]
    points: tuple[tuple[float, float], ...]

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> _Context:
        places = [m.place for m in mentions if m.place is not None]
        return cls(
            frozenset(p.country for p in places if p.country),
            tuple((p.lat, p.lon) for p in places if p.kind not in AREA_KINDS),
        )

    def score(self, place: GeocodedPlace) -> float:
        candidate = place.candidate
        score = place.importance or 0.0
        if candidate.country in self.countries:
            score += 1.0
        if self._near(candidate, 300.0):
            score += 1.0
        return score

    def plausible(self, place: GeocodedPlace) -> bool:
        """A building or street far from every place the story names is a namesake."""
        if place.candidate.kind not in ("building", "other") or not self.points:
            return True
        return self._near(place.candidate, 500.0)

    def _near(self, candidate: Candidate, km: float) -> bool:
        return any(
            haversine_km(candidate.lat, candidate.lon, lat, lon) <= km for lat, lon in self.points
        )


def _choose(places: list[GeocodedPlace], context: _Context) -> list[GeocodedPlace]:
    """The service's places, the best fit for this article first."""
    usable = [place for place in places if context.plausible(place)]
    order = sorted(range(len(usable)), key=lambda i: (-context.score(usable[i]), i))
    return [usable[i] for i in order]


def _confidence(place: GeocodedPlace) -> float:
    if place.importance is None:
        return DEFAULT_CONFIDENCE
    return round(min(0.9, max(0.1, place.importance)), 4)


def geocode_unknown(
    result: GeoparseResult, geocoder: PlaceSource, gazetteer: Gazetteer | None = None
) -> GeoparseResult:
    """``result`` with online places for what the gazetteer could not place.

    Unresolved mentions get a place; unknown names (``find_unknown_names``) become new
    mentions. One name is asked once and keeps one place throughout the article. Names
    the service cannot place stay as they were (existing mentions) or are left out.
    """
    spans = unknown_name_spans(result, gazetteer)
    unresolved = [m for m in result.mentions if m.place is None and not m.derived]
    if not spans and not unresolved:
        return result
    context = _Context.of(result.mentions)
    answers: dict[str, list[GeocodedPlace]] = {}

    def places_for(name: str) -> list[GeocodedPlace]:
        query = " ".join(name.split())
        if query not in answers:
            answers[query] = _choose(geocoder.places(query, result.lang), context)
        return answers[query]

    mentions = []
    for mention in result.mentions:
        found = places_for(mention.text) if mention.place is None and not mention.derived else []
        mentions.append(_placed(mention, found) if found else mention)
    for span in spans:
        found = places_for(span.text)
        if found:
            blank = Mention(span.start, span.end, span.text, False, None, cue=span.cue)
            mentions.append(_placed(blank, found))
    mentions.sort(key=lambda m: (m.start, m.end))
    return replace(result, mentions=tuple(mentions))


def _placed(mention: Mention, found: list[GeocodedPlace]) -> Mention:
    return replace(
        mention,
        place=found[0].candidate,
        confidence=_confidence(found[0]),
        alternatives=tuple(place.candidate for place in found[1:4]),
    )
