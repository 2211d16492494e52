"""The story map in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

All network requests are blocked; pages are self-contained. Tests skip only when no Chromium
is installed, and never in CI (CI=true makes a missing browser a failure).
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from storymap.render.output import save_map
from storymap.story.assemble import assemble_story
from storymap.story.build import build_story
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never a downloaded browser
ARTICLE = (REPO / "examples" / "kim-wladiwostok-2019.txt").read_text(encoding="utf-8")
ROUTE = ["Pjöngjang", "Chassan", "Wladiwostok", "Insel Russky"]
ARTIFACTS = REPO / "test-artifacts"
SECOND = (
    "The armored train carrying Kim Jong-un left the border station of Hasan on Wednesday "
    "and reached Ussuriysk in the evening.\n\nFrom Ussuriysk it continued to Vladivostok, "
    "where Vladimir Putin was expected on Thursday.\n\nBeijing and Seoul watched closely."
)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"browser tests need Chromium at {CHROMIUM} (installed by .ci/run)")
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, gazetteer):
    folder = tmp_path_factory.mktemp("maps")
    reference = save_map(build_story(ARTICLE, route=ROUTE), folder / "kim.html",
                         self_contained=True)
    second = save_map(build_story(SECOND, lang="en"), folder / "second.html", self_contained=True)
    empty = save_map(build_story("Ein Satz ohne jeden Ort.", lang="de"),
        folder / "empty.html", self_contained=True
    )
    # A round trip back to Pjöngjang whose last leg is only announced, with dated stops.
    base = build_story(ARTICLE, route=ROUTE[:3])
    revisit = save_map(assemble_story(
        base.text, base.article, base.lang, base.mentions, route=(*base.route, base.route[0]),
        route_times=("2019-04-24", None, "2019-04-25 14:30", "Mittwoch"),
        route_modalities=("done", "done", "underway", "announced"), title=base.title,
    ), folder / "revisit.html", self_contained=True)
    frame = folder / "frame.html"
    frame.write_text(
        '<!doctype html><html lang="en"><title>frame</title><body>'
        '<iframe id="f" src="kim.html" title="Story map" style="width:1000px;height:700px">'
        "</iframe></body></html>",
        encoding="utf-8",
    )
    return {"reference": reference, "second": second, "empty": empty, "frame": frame,
            "revisit": revisit}


def _png(grey: int = 0xDD) -> bytes:
    """A valid 1×1 grey PNG: what a tile server answers in tests that model a reader online."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, grey]))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b"")


TILE_PNG = _png()


def _serve(route, tiles: bool) -> None:
    url = route.request.url
    if url.startswith("file:"):
        route.continue_()
    elif tiles and "tile.openstreetmap.org/" in url:
        route.fulfill(status=200, content_type="image/png", body=TILE_PNG)
    else:
        route.abort()


class Page:
    """A Playwright page with the network blocked and console errors collected; with
    ``tiles``, map tiles still load (a reader online), so the page keeps its tile layer
    instead of switching to the offline outlines."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 800,
                 tiles: bool = False):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text)
            if message.type == "error" and "net::ERR_FAILED" not in message.text
            else None,
        )
        self.page.route("**/*", lambda route: _serve(route, tiles))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.StoryMap !== undefined || true")
        self.page.wait_for_timeout(600)

    def data(self):
        return self.page.evaluate(
            "JSON.parse(document.getElementById('storymap-data').textContent)"
        )

    def settle(self, ms: int = 1500):
        self.page.wait_for_timeout(ms)

    def close(self):
        self.page.close()


@pytest.fixture
def reference(browser, pages):
    page = Page(browser, pages["reference"])
    yield page
    page.close()


def test_no_console_errors_and_a_marker_per_place(reference):
    data = reference.data()
    count = reference.page.evaluate(
        "(d) => d.places.filter("
        "p => window[p.marker] && window[d.map].hasLayer(window[p.marker])).length",
        data,
    )
    assert count == len(data["places"])
    assert reference.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    reference.page.screenshot(path=str(ARTIFACTS / "reference-map.png"))


def test_clicking_a_mention_flies_to_the_place_and_opens_its_popup(reference):
    data = reference.data()
    khasan = next(p for p in data["places"] if p["label"] == "Chassan")
    reference.page.click(f'a.mention[data-place="{khasan["id"]}"] >> nth=0')
    reference.settle(2000)
    offset = reference.page.evaluate(
        """([name, lat, lon]) => {
            const map = window[name];
            const point = map.latLngToContainerPoint([lat, lon]);
            const size = map.getSize();
            return Math.hypot(point.x - size.x / 2, point.y - size.y / 2);
        }""",
        [data["map"], khasan["lat"], khasan["lon"]],
    )
    assert offset < 40
    assert reference.page.locator(".leaflet-popup").count() == 1
    assert "Chassan" in reference.page.locator(".leaflet-popup").inner_text()
    assert reference.errors == []


def test_clicking_a_marker_highlights_its_mentions(reference):
    data = reference.data()
    russia = next(p for p in data["places"] if p["name"] == "Russia")
    reference.page.evaluate(f"window['{russia['marker']}'].fire('click')")
    reference.settle(800)
    highlighted = reference.page.locator(f'.mention.is-highlighted[data-place="{russia["id"]}"]')
    assert highlighted.count() == len(russia["mentions"])
    in_view = reference.page.evaluate(
        """(id) => {
            const panel = document.getElementById('storymap-text').getBoundingClientRect();
            const link = document.querySelector(`.mention[data-place="${id}"]`);
            const first = link.getBoundingClientRect();
            return first.top >= panel.top && first.bottom <= panel.bottom;
        }""",
        russia["id"],
    )
    assert in_view


def test_scrolling_activates_passages_in_order(reference):
    seen = []
    for position in range(0, 4000, 250):
        reference.page.evaluate(f"document.getElementById('storymap-text').scrollTop = {position}")
        reference.settle(350)
        active = reference.page.evaluate(
            "(() => { const a = document.querySelector('.passage.is-active');"
            " return a ? Number(a.dataset.passage) : -1; })()"
        )
        if not seen or seen[-1] != active:
            seen.append(active)
    assert seen == sorted(seen) and len(seen) >= 3


def test_keyboard_moves_between_passages_and_escape_resets(reference):
    reference.page.locator("body").press("j")
    reference.settle(500)
    first = reference.page.evaluate("document.querySelector('.passage.is-active').dataset.passage")
    reference.page.keyboard.press("ArrowRight")
    reference.settle(500)
    second = reference.page.evaluate("document.querySelector('.passage.is-active').dataset.passage")
    assert int(second) == int(first) + 1
    reference.page.keyboard.press("k")
    reference.settle(500)
    back = reference.page.evaluate("document.querySelector('.passage.is-active').dataset.passage")
    assert back == first
    reference.page.keyboard.press("Escape")
    reference.settle(800)
    assert reference.page.locator(".mention.is-highlighted").count() == 0


def test_tab_reaches_the_mentions(reference):
    for _ in range(8):
        reference.page.keyboard.press("Tab")
    focused = reference.page.evaluate("document.activeElement.className")
    assert "mention" in focused or "storymap" in focused


def test_phone_viewport_stacks_map_over_text(browser, pages):
    page = Page(browser, pages["reference"], 390, 844)
    try:
        map_box = page.page.locator(".folium-map").bounding_box()
        text_box = page.page.locator("#storymap-text").bounding_box()
        assert map_box["y"] + map_box["height"] <= text_box["y"] + 2
        assert map_box["width"] > 300 and text_box["width"] > 300
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "reference-phone.png"))
        assert page.errors == []
    finally:
        page.close()


def test_links_work_inside_an_iframe(browser, pages):
    page = Page(browser, pages["frame"], 1100, 760)
    try:
        frame = page.page.frame_locator("#f")
        frame.locator("a.mention >> nth=0").click()
        page.settle(1500)
        assert frame.locator(".leaflet-popup").count() == 1
        assert frame.locator(".mention.is-highlighted").count() >= 1
    finally:
        page.close()


def test_second_article_in_english(browser, pages):
    page = Page(browser, pages["second"])
    try:
        data = page.data()
        names = {p["name"] for p in data["places"]}
        assert {"Khasan", "Ussuriysk", "Vladivostok"} <= names
        assert page.page.evaluate("document.documentElement.lang") == "en"
        assert page.errors == []
    finally:
        page.close()


def test_article_without_places_says_so(browser, pages):
    page = Page(browser, pages["empty"])
    try:
        text = page.page.locator(".storymap-no-places").inner_text()
        assert "keine orte" in text.lower()
        assert page.page.locator(".folium-map").count() == 0
        assert page.errors == []
    finally:
        page.close()


def test_second_article_links_both_ways(browser, pages):
    page = Page(browser, pages["second"])
    try:
        data = page.data()
        ussuriysk = next(p for p in data["places"] if p["name"] == "Ussuriysk")
        page.page.click(f'a.mention[data-place="{ussuriysk["id"]}"] >> nth=0')
        page.settle(2000)
        assert "Ussuriysk" in page.page.locator(".leaflet-popup").inner_text()
        page.page.evaluate(f"window['{ussuriysk['marker']}'].fire('click')")
        page.settle(500)
        links = page.page.locator(f'.mention.is-highlighted[data-place="{ussuriysk["id"]}"]')
        assert links.count() == len(ussuriysk["mentions"])
        assert page.errors == []
    finally:
        page.close()


def test_planned_leg_is_dashed_and_a_revisit_shows_both_numbers(browser, pages):
    page = Page(browser, pages["revisit"])
    try:
        legs = page.page.locator(".leaflet-overlay-pane path.leaflet-interactive")
        dashed = page.page.locator(".leaflet-overlay-pane path[stroke-dasharray]")
        assert dashed.count() == 1
        assert "storymap-route-leg--announced" in dashed.get_attribute("class")
        assert legs.count() > dashed.count()  # the travelled legs (and places) are solid
        labels = page.page.locator(".storymap-stop").all_inner_texts()
        assert sorted(labels) == ["1 · 4", "2", "3"]
        box = page.page.locator(".storymap-stop--visits").bounding_box()
        assert box["width"] > box["height"]  # all numbers fit on the pill
        itinerary = page.page.locator(".storymap-itinerary li")
        assert itinerary.count() == 4
        assert "24.04.2019" in itinerary.nth(0).inner_text()
        assert "25.04.2019, 14:30 Uhr" in itinerary.nth(2).inner_text()
        assert "geplant" in itinerary.nth(3).inner_text()
        assert "gestrichelt" in page.page.locator(".storymap-legend.leaflet-control").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "revisit-map.png"))
        assert page.errors == []
    finally:
        page.close()


CONTRAST = """
(selector) => {
    const element = document.querySelector(selector);
    const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) => {
        const f = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node = element, background = null;
    while (node && !background) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour && !colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') {
            background = colour;
        }
        node = node.parentElement;
    }
    const a = luminance(rgb(getComputedStyle(element).color));
    const b = luminance(rgb(background || 'rgb(255, 255, 255)'));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


@pytest.mark.parametrize(
    "selector",
    [".passage", "a.mention.mention--plain", "a.mention.mention--derived", "h1",
     ".storymap-reset"],
)
def test_text_contrast_meets_wcag_aa(reference, selector):
    assert reference.page.evaluate(CONTRAST, selector) >= 4.5


# ---------------------------------------------------------------- issue 17: the page tells
# the journey (route-first camera, the tour, zoom by kind, legible stops, German throughout)

# Boxes of what must never overlap: stop markers (merged ones count once), stop names and leg
# lengths that are shown. Returns the pairs that overlap by more than half a pixel.
OVERLAPS = """() => {
    const shown = (element) => {
        for (let node = element; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden') return false;
        }
        return true;
    };
    const boxes = [];
    for (const element of document.querySelectorAll(
            '.storymap-stop, .storymap-stop-label, .storymap-leg-km')) {
        const r = element.getBoundingClientRect();
        if (r.width && r.height && shown(element)) {
            boxes.push({text: element.textContent, x: r.left, y: r.top, x2: r.right, y2: r.bottom});
        }
    }
    const bad = [];
    for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
            const a = boxes[i], b = boxes[j];
            const w = Math.min(a.x2, b.x2) - Math.max(a.x, b.x);
            const h = Math.min(a.y2, b.y2) - Math.max(a.y, b.y);
            if (w > 0.5 && h > 0.5) bad.push([a.text, b.text]);
        }
    }
    return {count: boxes.length, bad: bad};
}"""

IN_VIEW = "([map, lat, lon]) => window[map].getBounds().contains([lat, lon])"
# The stop the tour is at shows as its own marker, not merged into a neighbour's.
CURRENT_SHOWN = """() => {
    // Exactly one visible marker is current: the stop's own, or the merged marker that
    // stands for it when the stops are too close to tell apart at this zoom.
    const icons = Array.from(document.querySelectorAll('.storymap-stop-icon.is-current'))
      .filter((icon) => getComputedStyle(icon).visibility === 'visible');
    return icons.length === 1;
}"""


@pytest.fixture(scope="module")
def cli_reference(tmp_path_factory, cache_dir):
    """The reference map as `storymap build` writes it (the route read from the text)."""
    out = tmp_path_factory.mktemp("cli") / "kim.html"
    subprocess.run(
        [sys.executable, "-m", "storymap", "build",
         str(REPO / "examples" / "kim-wladiwostok-2019.txt"), "--self-contained", "-o", str(out)],
        cwd=REPO, check=True, capture_output=True, timeout=300,
        env=dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir)),
    )
    return out


@pytest.fixture
def tour_page(browser, cli_reference):
    page = Page(browser, cli_reference, 1400, 900, tiles=True)
    yield page
    page.close()


def stop_places(data):
    by_id = {place["id"]: place for place in data["places"]}
    return [by_id[place_id] for place_id in data["route"]["stops"]]


def test_first_view_frames_the_route(tour_page):
    data = tour_page.data()
    stops = stop_places(data)
    assert [s["display"] for s in stops] == ["Pjöngjang", "Chassan", "Wladiwostok",
                                             "Insel Russky"]
    zoom = tour_page.page.evaluate(f"window['{data['map']}'].getZoom()")
    assert zoom >= 5, zoom
    for stop in stops:
        assert tour_page.page.evaluate(IN_VIEW, [data["map"], stop["lat"], stop["lon"]]), stop
    overlaps = tour_page.page.evaluate(OVERLAPS)
    assert overlaps["bad"] == [] and overlaps["count"] >= 4
    # The page opens on the lead, and the tour on its overview.
    assert tour_page.page.locator(".passage.is-active").get_attribute("data-passage") == "0"
    assert tour_page.page.inner_text(".storymap-tour-position") == "Übersicht · 4 Stationen"
    ARTIFACTS.mkdir(exist_ok=True)
    tour_page.page.screenshot(path=str(ARTIFACTS / "tour-overview.png"))
    assert tour_page.errors == []


def test_next_visits_the_stops_in_order(tour_page):
    data = tour_page.data()
    stops = stop_places(data)
    for number, stop in enumerate(stops, 1):
        tour_page.page.click(".storymap-tour-next")
        tour_page.settle(1400)
        assert tour_page.page.inner_text(".storymap-tour-position") == f"Station {number} von 4"
        assert tour_page.page.evaluate(IN_VIEW, [data["map"], stop["lat"], stop["lon"]]), stop
        assert tour_page.page.evaluate(CURRENT_SHOWN), number
        # The itinerary row, the stop's passages and the leg that led there are marked.
        current = tour_page.page.locator(".storymap-itinerary li.is-current")
        assert current.count() == 1 and current.get_attribute("value") == str(number)
        assert tour_page.page.locator(".passage.is-mentioning").count() >= 1
        if number > 1:
            weight = tour_page.page.evaluate(
                f"window['{data['route']['legs'][number - 2]['line']}'].options.weight")
            assert weight > 4
    assert tour_page.page.locator(".storymap-tour-next").is_disabled()
    assert "Insel Russky" in tour_page.page.inner_text("#storymap-live")
    tour_page.page.click(".storymap-tour-previous")
    tour_page.settle(1400)
    assert tour_page.page.inner_text(".storymap-tour-position") == "Station 3 von 4"
    assert tour_page.errors == []


def test_keys_step_through_the_tour(tour_page):
    page = tour_page.page
    page.locator("body").press("n")
    tour_page.settle(1200)
    assert page.inner_text(".storymap-tour-position") == "Station 1 von 4"
    page.keyboard.press("PageDown")
    tour_page.settle(1200)
    assert page.inner_text(".storymap-tour-position") == "Station 2 von 4"
    page.keyboard.press("p")
    tour_page.settle(1200)
    assert page.inner_text(".storymap-tour-position") == "Station 1 von 4"
    page.keyboard.press("PageUp")
    tour_page.settle(1200)
    assert page.inner_text(".storymap-tour-position") == "Übersicht · 4 Stationen"
    # j still moves by passage: on from where the tour left the text.
    before = int(page.locator(".passage.is-active").get_attribute("data-passage"))
    page.keyboard.press("j")
    tour_page.settle(500)
    assert int(page.locator(".passage.is-active").get_attribute("data-passage")) == before + 1


def test_itinerary_and_place_list_entries_are_buttons(tour_page):
    data = tour_page.data()
    page = tour_page.page
    page.locator(".storymap-itinerary button[data-step='2']").click()
    tour_page.settle(1400)
    assert page.inner_text(".storymap-tour-position") == "Station 2 von 4"
    chassan = stop_places(data)[1]
    assert page.evaluate(IN_VIEW, [data["map"], chassan["lat"], chassan["lon"]])
    russia = next(p for p in data["places"] if p["name"] == "Russia")
    page.locator(f".storymap-places li[data-place='{russia['id']}'] button").click()
    tour_page.settle(2000)
    assert page.evaluate(f"window['{data['map']}'].getZoom()") <= 5
    assert page.locator(".leaflet-popup").count() == 1


def test_zoom_by_kind(tour_page):
    data = tour_page.data()
    page = tour_page.page
    russia = next(p for p in data["places"] if p["name"] == "Russia")
    page.click("a.mention:text-is('Russland') >> nth=0")
    tour_page.settle(2200)
    zoom = page.evaluate(f"window['{data['map']}'].getZoom()")
    assert zoom <= 5, zoom
    whole = page.evaluate(f"window['{data['map']}'].getBounds().contains({russia['extent']})")
    assert whole, russia["extent"]  # Kaliningrad to Chukotka (lon > 180: kept in one piece)
    assert russia["extent"][1][1] > 180 and russia["extent"][0][1] < 21
    page.click("a.mention:text-is('Chassan') >> nth=0")
    tour_page.settle(2200)
    zoom = page.evaluate(f"window['{data['map']}'].getZoom()")
    assert 8 <= zoom <= 10, zoom
    page.click("a.mention:text-is('Kreml') >> nth=0")  # a building: street level, not more
    tour_page.settle(2200)
    assert 12 <= page.evaluate(f"window['{data['map']}'].getZoom()") <= 13
    assert tour_page.errors == []


def test_countries_are_outlines_lit_on_hover(tour_page):
    page = tour_page.page
    count = page.evaluate("document.querySelectorAll('path.storymap-area').length")
    assert count >= 5  # North Korea, Russia, USA, Vietnam, China, South Korea
    assert page.locator("path.leaflet-interactive[stroke-dasharray]").count() == 1  # a leg
    page.click("a.mention:text-is('Russland') >> nth=0")
    tour_page.settle(2200)
    page.hover("a.mention:text-is('USA') >> nth=0")
    widths = page.evaluate(
        "Array.from(document.querySelectorAll('path.storymap-area'))"
        ".map((p) => Number(p.getAttribute('stroke-width')))")
    assert sorted(widths)[-2:] == [2.5, 2.5]  # Russia (selected) and the USA (pointed at)


def test_german_page_speaks_german(tour_page):
    data = tour_page.data()
    page = tour_page.page
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Hineinzoomen"
    assert page.get_attribute(".leaflet-control-zoom-out", "aria-label") == "Herauszoomen"
    assert page.get_attribute(".leaflet-control-layers-toggle", "title") == "Kartenebenen"
    assert page.get_attribute(".storymap-fullscreen", "title") == "Vollbild"
    assert "Luftlinie" in page.inner_text(".storymap-leg-km >> nth=0")
    names = page.locator(".storymap-places .storymap-place-name").all_inner_texts()
    assert {"Nordkorea", "Russland", "Wladiwostok", "Peking", "Moskau"} <= set(names)
    assert not {"North Korea", "Russia", "Moscow", "Beijing"} & set(names)
    vladivostok = next(p for p in data["places"] if p["name"] == "Vladivostok")
    facts = page.locator(f"li[data-place='{vladivostok['id']}'] .storymap-place-facts")
    assert facts.inner_text().startswith("Stadt, Russland")
    page.click(f"a.mention[data-place='{vladivostok['id']}'] >> nth=0")
    tour_page.settle(2000)
    popup = page.inner_text(".leaflet-popup")
    assert "Wladiwostok" in popup and "Stadt · Russland" in popup
    assert page.get_attribute(".leaflet-popup-close-button", "aria-label") == "Schließen"
    assert page.inner_text("#storymap-live") == "Wladiwostok"


def test_phone_tour_controls_are_visible_uncovered_and_work_by_touch(browser, cli_reference):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith("file:") else route.abort())
    try:
        page.goto(cli_reference.as_uri())
        page.wait_for_timeout(800)
        data = page.evaluate("JSON.parse(document.getElementById('storymap-data').textContent)")
        controls = [".leaflet-control-zoom-in", ".leaflet-control-zoom-out",
                    ".storymap-tour-previous", ".storymap-tour-next", ".storymap-tour-position"]
        map_box = page.locator(".folium-map").bounding_box()
        for selector in controls:
            box = page.locator(selector).bounding_box()
            assert box and box["width"] > 0, selector
            assert map_box["x"] <= box["x"] and box["x"] + box["width"] <= map_box["x"] + 390
            assert map_box["y"] <= box["y"] <= map_box["y"] + map_box["height"], selector
            # Nothing lies on top: the element hit at its middle is the control itself.
            on_top = page.evaluate(
                """(selector) => {
                    const element = document.querySelector(selector);
                    const r = element.getBoundingClientRect();
                    const hit = document.elementFromPoint(r.left + r.width / 2,
                                                          r.top + r.height / 2);
                    return element === hit || element.contains(hit);
                }""",
                selector,
            )
            assert on_top, selector
        for selector in (".storymap-tour-previous", ".storymap-tour-next"):
            box = page.locator(selector).bounding_box()
            assert box["width"] >= 40 and box["height"] >= 40, (selector, box)  # finger-sized
        tour = page.locator(".storymap-tour").bounding_box()
        corners = (".leaflet-control-zoom", ".leaflet-control-layers", ".storymap-fullscreen")
        for selector in corners:
            other = page.locator(selector).bounding_box()
            apart = (tour["x"] >= other["x"] + other["width"] or other["x"] >= tour["x"] +
                     tour["width"] or tour["y"] >= other["y"] + other["height"] or
                     other["y"] >= tour["y"] + tour["height"])
            assert apart, selector
        first = stop_places(data)[0]
        page.tap(".storymap-tour-next")
        page.wait_for_timeout(1500)
        assert page.inner_text(".storymap-tour-position") == "Station 1 von 4"
        assert page.evaluate(IN_VIEW, [data["map"], first["lat"], first["lon"]])
        page.tap(".storymap-tour-next")
        page.wait_for_timeout(1500)
        assert page.inner_text(".storymap-tour-position") == "Station 2 von 4"
        assert page.evaluate(CURRENT_SHOWN)  # Chassan apart from Wladiwostok, even on a phone
        assert page.evaluate(OVERLAPS)["bad"] == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "tour-phone.png"))
        assert errors == []
    finally:
        context.close()


def test_a_story_without_a_route_tours_its_passages(browser, tmp_path, gazetteer):
    text = ("In Hamburg begann der Streik am Morgen.\n\nAm Mittag folgten Bremen und Hannover."
            "\n\nAm Abend legten auch die Beschäftigten in München die Arbeit nieder.")
    story = build_story(text, lang="de", route=None)
    path = save_map(assemble_story(story.text, story.article, story.lang, story.mentions,
                          title="Streik"), tmp_path / "strike.html", self_contained=True)
    page = Page(browser, path, 1400, 900)
    try:
        assert page.page.inner_text(".storymap-tour-position") == "Übersicht · 3 Abschnitte"
        data = page.data()
        hamburg = next(p for p in data["places"] if p["display"] == "Hamburg")
        # No route: the first view is the first passage that names places.
        assert page.page.evaluate(IN_VIEW, [data["map"], hamburg["lat"], hamburg["lon"]])
        page.page.click(".storymap-tour-next")
        page.settle(1200)
        assert page.page.inner_text(".storymap-tour-position") == "Abschnitt 1 von 3"
        page.page.click(".storymap-tour-next")
        page.settle(1200)
        assert page.page.locator(".passage.is-active").get_attribute("data-passage") == "1"
        assert page.errors == []
    finally:
        page.close()


SHARED = Path("/work/shared/eval")


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs the shared evaluation corpora")
def test_no_stop_marker_or_label_overlaps_on_any_corpus_map(browser, tmp_path, gazetteer):
    """Every map of the German dev corpus and the journeys corpus, at its first view."""
    texts = sorted((SHARED / "de-dev").glob("*.txt")) + sorted((SHARED / "journeys").glob("*.txt"))
    assert texts
    problems = {}
    checked = 0
    for text in texts:
        story = build_story(text.read_text(encoding="utf-8"))
        if not story.places:
            continue
        path = save_map(story, tmp_path / f"{text.parent.name}-{text.stem}.html",
                        self_contained=True)
        page = Page(browser, path, 1400, 900)
        try:
            found = page.page.evaluate(OVERLAPS)
            if found["bad"] or page.errors:
                problems[path.name] = (found["bad"], page.errors)
            checked += 1
        finally:
            page.close()
    assert checked >= 40 and problems == {}
