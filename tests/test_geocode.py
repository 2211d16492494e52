"""Online geocoding against a fake geocoder on 127.0.0.1: answers become mentions, the disk
cache saves every second request (also for "no result"), failures end as unresolved names
with a warning. Only the ``network`` test (skipped by default) talks to the real Nominatim."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import threading
import time
import warnings
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from storymap.geoparse import GeoparseResult, geoparse
from storymap.geoparse.mention import Mention
from storymap.geoparse.text import read_article
from storymap.sources.geocode import (
    GeocodeWarning,
    OnlineGeocoder,
    find_unknown_names,
    geocode_unknown,
    kind_of,
    min_delay_for,
    to_place,
)
from storymap.sources.geocode_cache import CacheKey, GeocodeCache, default_cache_path
from storymap.story.build import build_story

USER_AGENT = "storymap-tests (tests@example.org)"


# -- the fake geocoder ---------------------------------------------------------------------


def nominatim_place(name: str, lat: float, lon: float, **extra: object) -> dict:
    place = {
        "place_id": 1000 + len(name),
        "osm_type": "relation",
        "osm_id": 4242,
        "lat": str(lat),
        "lon": str(lon),
        "class": "place",
        "type": "village",
        "addresstype": "village",
        "name": name,
        "display_name": f"{name}, Hessen, Deutschland",
        "importance": 0.31,
        "address": {"village": name, "state": "Hessen", "country_code": "de"},
    }
    place.update(extra)
    return place


@dataclass
class FakeGeocoder:
    """What the fake server answers, and every request it saw."""

    places: dict[str, list[dict]] = field(default_factory=dict)  # query → Nominatim places
    status: int = 200
    delay: float = 0.0
    retry_after: str | None = None
    requests: list[tuple[str, dict[str, str], str]] = field(default_factory=list)

    def queries(self) -> list[str]:
        return [params.get("q", "") for _, params, _ in self.requests]


def _handler(fake: FakeGeocoder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # The client may have given up already (the timeout test).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer()

        def _answer(self) -> None:
            url = urlsplit(self.path)
            params = {key: values[0] for key, values in parse_qs(url.query).items()}
            fake.requests.append((url.path, params, self.headers.get("User-Agent", "")))
            if fake.delay:
                time.sleep(fake.delay)
            if fake.status != 200:
                self.send_response(fake.status)
                if fake.retry_after is not None:
                    self.send_header("Retry-After", fake.retry_after)
                self.end_headers()
                self.wfile.write(b"server trouble")
                return
            found = fake.places.get(params.get("q", ""), [])
            body = photon_body(found) if url.path == "/api" else found
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    return Handler


def photon_body(places: list[dict]) -> dict:
    """The same places as Photon's GeoJSON answer."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(p["lon"]), float(p["lat"])]},
                "properties": {
                    "osm_type": p["osm_type"][0].upper(),
                    "osm_id": p["osm_id"],
                    "osm_key": p["class"],
                    "osm_value": p["type"],
                    "type": p["addresstype"],
                    "name": p["name"],
                    "country": "Deutschland",
                    "countrycode": p["address"]["country_code"].upper(),
                },
            }
            for p in places
        ],
    }


@pytest.fixture
def fake():
    """A fake Nominatim (``/search``) and Photon (``/api``) on a random local port."""
    state = FakeGeocoder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.domain = f"127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def cache(tmp_path: Path):
    with GeocodeCache(tmp_path / "geocode.sqlite3") as opened:
        yield opened


def local_geocoder(fake, cache, service: str = "nominatim", **options) -> OnlineGeocoder:
    options.setdefault("sleep", lambda seconds: None)
    return OnlineGeocoder(
        service,
        user_agent=USER_AGENT,
        domain=fake.domain,
        scheme="http",
        cache=cache,
        **options,
    )


# -- geocoding names -----------------------------------------------------------------------

GERMAN = "Der Präsident fuhr am Montag von Berlin nach Kleinkleckersdorf und blieb dort."


def test_unknown_name_becomes_a_mention_with_offsets_and_coordinates(fake, cache):
    fake.places["Kleinkleckersdorf"] = [nominatim_place("Kleinkleckersdorf", 50.3, 8.7)]
    result = geoparse(GERMAN, "de")
    # Offline, the village is found by its form (nach …dorf) but cannot be placed.
    (offline,) = [m for m in result.mentions if m.text == "Kleinkleckersdorf"]
    assert offline.place is None

    placed = geocode_unknown(result, local_geocoder(fake, cache))

    (mention,) = [m for m in placed.mentions if m.text == "Kleinkleckersdorf"]
    assert GERMAN[mention.start : mention.end] == "Kleinkleckersdorf"
    assert (mention.lat, mention.lon) == (50.3, 8.7)
    assert mention.place.id == "nominatim:R4242"
    assert (mention.place.kind, mention.place.country) == ("village", "DE")
    assert mention.confidence == pytest.approx(0.31)
    assert not mention.derived
    # The gazetteer's mentions stay, everything in text order, nothing overlapping.
    assert [m.text for m in placed.mentions] == ["Berlin", "Kleinkleckersdorf"]
    spans = [(m.start, m.end) for m in placed.mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    # One request, in the article's language, with our user agent.
    ((path, params, agent),) = fake.requests
    assert path == "/search"
    assert params["q"] == "Kleinkleckersdorf"
    assert params["accept-language"] == "de"
    assert agent == USER_AGENT


def test_story_map_shows_the_geocoded_place(fake, cache):
    fake.places["Kleinkleckersdorf"] = [nominatim_place("Kleinkleckersdorf", 50.3, 8.7)]
    story = build_story(GERMAN, lang="de", geocoder=local_geocoder(fake, cache))
    place = story.place("nominatim:R4242")
    assert (place.label, place.lat, place.lon) == ("Kleinkleckersdorf", 50.3, 8.7)
    assert "nominatim:R4242" in story.to_json()


def test_second_run_with_the_same_cache_sends_no_request(fake, tmp_path):
    fake.places["Kleinkleckersdorf"] = [nominatim_place("Kleinkleckersdorf", 50.3, 8.7)]
    result = geoparse(GERMAN, "de")
    path = tmp_path / "shared.sqlite3"
    with GeocodeCache(path) as first_cache:
        first = geocode_unknown(result, local_geocoder(fake, first_cache))
    assert len(fake.requests) == 1

    with GeocodeCache(path) as second_cache:  # a new process would open the file anew
        geocoder = local_geocoder(fake, second_cache)
        second = geocode_unknown(result, geocoder)
    assert len(fake.requests) == 1
    assert geocoder.requests == 0
    assert second.mentions == first.mentions


def test_no_result_is_cached_too(fake, cache):
    geocoder = local_geocoder(fake, cache)
    assert geocoder.geocode("Nirgendwohausen", "de") is None
    assert geocoder.geocode("Nirgendwohausen", "de") is None
    assert fake.queries() == ["Nirgendwohausen"]
    assert cache.get(geocoder.cache_key("Nirgendwohausen", "de")) == []
    # Another language is another question.
    assert geocoder.geocode("Nirgendwohausen", "en") is None
    assert len(fake.requests) == 2


def test_server_error_leaves_the_name_unresolved_with_a_warning(fake, cache):
    fake.status = 500
    waits: list[float] = []
    geocoder = local_geocoder(fake, cache, max_retries=2, backoff=0.5, sleep=waits.append)
    result = geoparse(GERMAN, "de")

    with pytest.warns(GeocodeWarning, match="Kleinkleckersdorf"):
        placed = geocode_unknown(result, geocoder)

    assert placed.mentions == result.mentions
    assert len(fake.requests) == 3  # the first try and two retries
    assert waits == [0.5, 1.0]  # exponential backoff
    assert geocoder.unresolved == ["Kleinkleckersdorf"]
    assert len(cache) == 0  # failures are not cached: the next run asks again


def test_timeout_leaves_the_name_unresolved_with_a_warning(fake, cache):
    fake.delay = 0.6
    geocoder = local_geocoder(fake, cache, timeout=0.1, max_retries=1)
    with pytest.warns(GeocodeWarning, match="GeocoderTimedOut"):
        assert geocoder.geocode("Kleinkleckersdorf", "de") is None
    assert len(fake.requests) == 2
    assert len(cache) == 0


def test_rate_limited_answer_waits_as_long_as_the_server_asks(fake, cache):
    fake.status, fake.retry_after = 429, "7"
    waits: list[float] = []
    geocoder = local_geocoder(fake, cache, max_retries=1, backoff=0.5, sleep=waits.append)
    with pytest.warns(GeocodeWarning):
        assert geocoder.geocode("Kleinkleckersdorf", "de") is None
    assert waits == [7.0]
    fake.retry_after = "3600"  # an hour: not within this run
    with pytest.warns(GeocodeWarning, match="GeocoderRateLimited"):
        assert geocoder.geocode("Wolkenbrunn", "de") is None
    assert waits == [7.0]
    assert fake.queries() == ["Kleinkleckersdorf"] * 2 + ["Wolkenbrunn"]


def test_geocoder_gives_up_after_failures_in_a_row(fake, cache):
    fake.status = 503
    geocoder = local_geocoder(fake, cache, max_retries=0, give_up_after=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name in ("Aheim", "Bheim", "Cheim"):
            assert geocoder.geocode(name, "de") is None
    assert fake.queries() == ["Aheim", "Bheim"]
    assert geocoder.unresolved == ["Aheim", "Bheim", "Cheim"]
    assert any("not asking it again" in str(w.message) for w in caught)


def test_nominatim_requires_a_user_agent(cache):
    for agent in (None, "", "   "):
        with pytest.raises(ValueError, match="user agent"):
            OnlineGeocoder("nominatim", user_agent=agent, cache=cache)


def test_unknown_service_and_missing_key_are_clear_errors(cache):
    with pytest.raises(ValueError, match=r"unknown geocoder 'nowhere'.*nominatim"):
        OnlineGeocoder("nowhere", cache=cache)
    with pytest.raises(ValueError, match=r"needs option.*username"):
        OnlineGeocoder("geonames", cache=cache)
    with pytest.raises(ValueError, match=r"no option.*colour"):
        OnlineGeocoder("photon", cache=cache, options={"colour": "red"})


def test_public_nominatim_is_asked_at_most_once_a_second(cache):
    assert min_delay_for("nominatim") == 1.0
    assert min_delay_for("nominatim", "nominatim.openstreetmap.org/") == 1.0
    assert min_delay_for("photon") == 1.0
    assert min_delay_for("nominatim", "nominatim.example.org") == 0.0
    assert min_delay_for("nominatim", "127.0.0.1:8080") == 0.0
    public = OnlineGeocoder("nominatim", user_agent=USER_AGENT, cache=cache)
    assert public.min_delay == 1.0
    assert public.domain == "nominatim.openstreetmap.org"


class FakeClock:
    """Time that passes only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_rate_limiter_waits_between_requests(fake, cache):
    clock = FakeClock()
    geocoder = local_geocoder(fake, cache, min_delay=1.0, sleep=clock.sleep, clock=clock)
    geocoder.geocode("Aheim", "de")
    assert clock.waits == []  # the first request goes at once
    clock.now += 0.25
    geocoder.geocode("Bheim", "de")
    assert clock.waits == [0.75]  # the rest of the second
    clock.now += 5.0
    geocoder.geocode("Cheim", "de")
    assert clock.waits == [0.75]  # enough time has passed
    geocoder.geocode("Aheim", "de")  # cached: no request, no wait
    assert clock.waits == [0.75]
    assert fake.queries() == ["Aheim", "Bheim", "Cheim"]


def test_photon_answers_become_candidates(fake, cache):
    fake.places["Hinterzwergbach"] = [
        nominatim_place("Hinterzwergbach", 49.5, 9.25, osm_type="node", osm_id=77, type="town")
    ]
    geocoder = local_geocoder(fake, cache, service="photon")
    candidate = geocoder.geocode("Hinterzwergbach", "de")
    assert fake.requests[0][0] == "/api"
    assert candidate is not None
    assert candidate.id == "photon:N77"
    assert (candidate.lat, candidate.lon) == (49.5, 9.25)
    assert (candidate.kind, candidate.country, candidate.name) == ("town", "DE", "Hinterzwergbach")


def test_unresolved_mentions_get_a_place_near_the_story(fake, cache):
    text = "Er wohnt in Hamburg in der Kleckerstraße."
    start = text.index("Kleckerstraße")
    street = Mention(start, start + len("Kleckerstraße"), "Kleckerstraße", False, None)
    hamburg = geoparse(text, "de").mentions[0]
    result = GeoparseResult(read_article(text), "de", (hamburg, street))
    far = nominatim_place("Kleckerstraße", 48.1, 11.6, osm_id=1, importance=0.2,
                          **{"class": "highway", "type": "residential"})
    near = nominatim_place("Kleckerstraße", 53.56, 10.0, osm_id=2, importance=0.1,
                           **{"class": "highway", "type": "residential"})
    fake.places["Kleckerstraße"] = [far, near]

    placed = geocode_unknown(result, local_geocoder(fake, cache))

    assert [m.text for m in placed.mentions] == ["Hamburg", "Kleckerstraße"]
    assert placed.mentions[1].place.id == "nominatim:R2"  # the one in Hamburg, not Munich
    assert placed.mentions[1].confidence == pytest.approx(0.1)


def test_answers_without_coordinates_are_skipped_and_kinds_mapped():
    assert to_place("nominatim", {"address": "x", "raw": {}}, "x") is None
    assert kind_of("place", "city") == "city"
    assert kind_of("place", "hamlet") == "village"
    assert kind_of("boundary", "administrative", "state") == "admin1"
    assert kind_of("natural", "peak") == "mountain"
    assert kind_of("waterway", "river") == "river"
    assert kind_of("amenity", "townhall") == "building"
    assert kind_of("highway", "residential") == "other"
    place = to_place("arcgis", {"address": "Somewhere, X", "lat": 1.5, "lon": 2.5, "raw": {}}, "q")
    assert place is not None and place.candidate.id.startswith("arcgis:")
    assert (place.candidate.name, place.importance) == ("Somewhere", None)


# -- the cache -----------------------------------------------------------------------------


def test_cache_is_shared_between_connections_and_honours_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYMAP_CACHE_DIR", str(tmp_path / "custom"))
    assert default_cache_path() == tmp_path / "custom" / "geocode.sqlite3"
    key = CacheKey("Nominatim", "nominatim.openstreetmap.org/", "  Klein  Dorf ", "de", "")
    with GeocodeCache() as writer, GeocodeCache() as reader:
        assert reader.get(key) is None
        writer.put(key, [{"lat": 1.0, "lon": 2.0}])
        same = CacheKey("nominatim", "nominatim.openstreetmap.org", "Klein Dorf", "de", "")
        assert reader.get(same) == [{"lat": 1.0, "lon": 2.0}]
        assert reader.get(CacheKey("nominatim", "x", "Klein Dorf", "de", "de")) is None
    assert (tmp_path / "custom" / "geocode.sqlite3").is_file()


def test_cache_expiry_only_when_asked(tmp_path):
    key = CacheKey("photon", "photon.komoot.io", "Aheim")
    with GeocodeCache(tmp_path / "c.sqlite3") as forever:
        forever.put(key, [])
        assert forever.get(key) == []
    with GeocodeCache(tmp_path / "c.sqlite3", max_age=-1.0) as stale:
        assert stale.get(key) is None


# -- finding names the gazetteer does not know -----------------------------------------------


def unknown(text: str, lang: str) -> list[str]:
    """The names the online step asks for: unknown names, and the mentions recognised
    offline by their form alone (nach Kleinkleckersdorf) that the gazetteer cannot place."""
    result = geoparse(text, lang)
    spans = find_unknown_names(result)
    assert all(text[start:end] == name for start, end, name in spans)
    unplaced = [(m.start, m.end, m.text) for m in result.mentions if m.place is None]
    return [name for _, _, name in sorted([*spans, *unplaced])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (GERMAN, ["Kleinkleckersdorf"]),
        (
            "Die Feier fand in der Gemeinde Hinterzwergbach statt, dann ging es nach "
            "Ober-Kleckersheim. Hinterzwergbach hat 300 Einwohner.",
            ["Hinterzwergbach", "Ober-Kleckersheim", "Hinterzwergbach"],
        ),
        ("Er fuhr im Dezember nach Bad Kleinkirchen und ins Dorf Wolkenbrunn.",
         ["Bad Kleinkirchen", "Wolkenbrunn"]),
        ("Der Bus fuhr von Kleckersheim nach Wolkenbrunn.", ["Kleckersheim", "Wolkenbrunn"]),
    ],
)
def test_german_unknown_names(text, names):
    assert unknown(text, "de") == names


@pytest.mark.parametrize(
    "text",
    [
        "Aus Sicherheitsgründen wurde das Treffen verlegt. Bei Tagesanbruch ging es los.",
        "Nach Angaben von Halvorsen sei man in Verhandlungen weit gekommen.",
        "Das Gespräch mit Herrn Halvorsen fand in Zukunft statt, aus Regierungskreisen hieß es, "
        "so Brügelmann, man warte.",
        "Die Einladung kam von Friedrich Merzinger und von Greenpeace, im März in "
        "Kleinkleckersdorfer Wäldern.",
        "Im November übernahm er nach Buurmanns Ausscheiden und in Kraftfahrzeugmotoren.",
        "Kleinkleckersdorf ist klein.",  # a sentence start without a cue
        "Franz Gedult von Jungenfeld starb in hohem Alter.",
    ],
)
def test_german_false_candidates(text):
    assert unknown(text, "de") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The president flew from Washington to Smalltown on Tuesday. Smalltown's mayor "
         "welcomed him.", ["Smalltown", "Smalltown"]),
        ("He grew up in the village of Ambleworth, near Borsetshire.",
         ["Ambleworth", "Borsetshire"]),
        ("Refugees reached the town Kwelikazi after three days.", ["Kwelikazi"]),
    ],
)
def test_english_unknown_names(text, names):
    assert unknown(text, "en") == names


@pytest.mark.parametrize(
    "text",
    [
        "In January he spoke to Mr. Halvorsen at Google. Halvorsen said he would stay.",
        "Kim Travels To Vladivostok. He met President Jenkinson and went to Congress.",
        "In Rozen's case, doctors waited. He studied at Smalltown University.",
        "Smalltown is small.",
        "the meeting in smalltown was short.",
        "They spoke to Jenkinson, according to USTR's report.",
    ],
)
def test_english_false_candidates(text):
    assert unknown(text, "en") == []


# -- the real service (opt in) ----------------------------------------------------------------


@pytest.mark.network
@pytest.mark.skipif(
    os.environ.get("STORYMAP_NETWORK_TESTS") != "1",
    reason="talks to nominatim.openstreetmap.org; set STORYMAP_NETWORK_TESTS=1",
)
def test_public_nominatim(tmp_path):
    agent = os.environ.get("STORYMAP_USER_AGENT", "storymap-test-suite")
    with GeocodeCache(tmp_path / "net.sqlite3") as cache:
        geocoder = OnlineGeocoder("nominatim", user_agent=agent, cache=cache)
        place = geocoder.geocode("Wladiwostok", "de")
    assert place is not None
    assert abs(place.lat - 43.12) < 0.5 and abs(place.lon - 131.9) < 0.5
    assert place.country == "RU"
    assert place.id.startswith("nominatim:")


def test_cli_geocodes_once_and_reads_the_cache_on_rebuild(fake, tmp_path):
    """`storymap build --geocoder` against the local server: the place is on the map, a
    rebuild sends no request, and an [[add]] without coordinates uses the service."""
    import subprocess
    import sys

    fake.places["Kleinkleckersdorf"] = [nominatim_place("Kleinkleckersdorf", 50.3, 8.7)]
    fake.places["Hinterzwergbach"] = [nominatim_place("Hinterzwergbach", 50.1, 8.2)]
    article = tmp_path / "trip.txt"
    article.write_text(GERMAN + " Später ging es zum Hinterzwergbach.", encoding="utf-8")
    (tmp_path / "trip.storymap.toml").write_text('[[add]]\ntext = "Hinterzwergbach"\n')
    command = [
        sys.executable, "-m", "storymap", "build", str(article), "--geocoder", "nominatim",
        "--user-agent", USER_AGENT, "--geocoder-domain", fake.domain, "--geocoder-scheme",
        "http", "--geocoder-cache", str(tmp_path / "answers.sqlite3"), "--explain",
    ]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "nominatim:R4242" in first.stdout and "Hinterzwergbach" in first.stdout
    asked = len(fake.requests)
    assert asked >= 2
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert len(fake.requests) == asked
    assert "nominatim:R4242" in (tmp_path / "trip.html").read_text(encoding="utf-8")
    without_agent = [*command[:7], "--geocoder-cache", str(tmp_path / "x")]
    environment = {k: v for k, v in os.environ.items() if k != "STORYMAP_USER_AGENT"}
    refused = subprocess.run(without_agent, capture_output=True, text=True, timeout=120,
                             env=environment)
    assert refused.returncode == 2 and "user agent" in refused.stderr
