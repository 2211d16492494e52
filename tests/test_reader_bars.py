"""Issue 18: maps that never fail their reader, in a real headless Chromium (Debian's
/usr/bin/chromium via Playwright). Nothing here touches the network: pages come from
file:// or from two local http.servers (two ports, two origins) and every other request is
blocked (map tiles are answered with a grey PNG where a test models a reader online).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests import test_browser
from tests.conftest import REPO
from tests.test_browser import ARTICLE, ARTIFACTS, TILE_PNG, stop_places

# The browser and the reference map as `storymap build` writes it, shared with test_browser.
browser = test_browser.browser
cli_reference = test_browser.cli_reference

playwright = pytest.importorskip("playwright.sync_api")

EXAMPLE = REPO / "examples" / "kim-wladiwostok-2019.txt"
DATA = "JSON.parse(document.getElementById('storymap-data').textContent)"
# Whether the element at the middle of `selector` is the element itself or inside it.
ON_TOP = """(selector) => {
    const element = document.querySelector(selector);
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return element === hit || element.contains(hit);
}"""


def storymap(*args: str, cache_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "storymap", *args], cwd=REPO, check=True, capture_output=True,
        text=True, timeout=600, env=dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir)),
    )


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


class Reader:
    """A page whose requests go only to ``allowed`` URL prefixes (file:// and the local
    servers); tiles get a grey PNG when ``tiles``. Uncaught errors and console errors of the
    page and of its frames are collected."""

    def __init__(self, browser, url: str, *, allowed=("file:",), tiles=False,
                 init_script: str | None = None, **context):
        context.setdefault("viewport", {"width": 1280, "height": 800})
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text)
            if message.type == "error" and "net::ERR_FAILED" not in message.text else None,
        )

        def serve(route):
            request = route.request.url
            if request.startswith(allowed):
                route.continue_()
            elif tiles and "tile.openstreetmap.org/" in request:
                route.fulfill(status=200, content_type="image/png", body=TILE_PNG)
            else:
                route.abort()

        self.context.route("**/*", serve)
        if init_script:
            self.page.add_init_script(init_script)
        self.page.goto(url)
        self.page.wait_for_timeout(800)

    def settle(self, ms: int = 1200) -> None:
        self.page.wait_for_timeout(ms)

    def close(self) -> None:
        self.context.close()


# ------------------------------------------------------------------ bar 1: embedded, cross-origin

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no request log on the test output
        pass


def _server(folder: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


FILLER = "<p>" + "Lorem ipsum dolor sit amet, host page text around the map. " * 40 + "</p>"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, cache_dir):
    """The reference map on one origin, a tall host page on another that embeds it with the
    snippet `storymap build --embed` prints (its box set to 700 × 500)."""
    maps = tmp_path_factory.mktemp("map-origin")
    hosts = tmp_path_factory.mktemp("host-origin")
    done = storymap("build", str(EXAMPLE), "--self-contained", "--embed",
                    "-o", str(maps / "kim.html"), cache_dir=cache_dir)
    snippet = done.stdout.strip().splitlines()[0]
    map_server, map_origin = _server(maps)
    host_server, host_origin = _server(hosts)
    framed = re.sub(r'src="[^"]*"', f'src="{map_origin}/kim.html"', snippet)
    filler = f'<div style="min-height:3000px">{FILLER * 4}</div>'
    (hosts / "host.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
        "<style>body{margin:0;font:16px/1.5 sans-serif}"
        "#column{width:700px;margin:0 40px}"
        "#column>div{aspect-ratio:auto!important;min-height:0!important;height:500px}</style>"
        f'</head><body>{filler}<div id="column">{framed}</div>{filler}</body></html>',
        encoding="utf-8",
    )
    yield {"snippet": snippet, "host": f"{host_origin}/host.html", "map_origin": map_origin,
           "allowed": (host_origin + "/", map_origin + "/")}
    map_server.shutdown()
    host_server.shutdown()


def test_embed_snippet_is_responsive_titled_lazy_and_may_go_full_screen(embedded):
    snippet = embedded["snippet"]
    wrapper = re.match(r'<div style="([^"]*)"><iframe ([^>]*)></iframe></div>\Z', snippet)
    assert wrapper, snippet
    style, attributes = wrapper.groups()
    assert "aspect-ratio:16/10" in style and "width:100%" in style
    assert 'allow="fullscreen"' in attributes and 'loading="lazy"' in attributes
    title = re.search(r'title="([^"]*)"', attributes).group(1)
    assert "Wladiwostok" in title
    assert "inset:0" in attributes and "height:100%" in attributes


@pytest.fixture
def host(browser, embedded):
    reader = Reader(browser, embedded["host"], allowed=embedded["allowed"], tiles=True,
                    viewport={"width": 1000, "height": 900})
    page = reader.page
    page.evaluate("window.scrollTo(0, document.querySelector('iframe').getBoundingClientRect()"
                  ".top + window.scrollY - 150)")
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe');
                   return f.contentWindow && f.getBoundingClientRect().top < 200; }""")
    frame = None
    for _ in range(50):
        frame = next((f for f in page.frames if f.url.startswith(embedded["map_origin"])), None)
        if frame and frame.evaluate("document.readyState") == "complete":
            break
        page.wait_for_timeout(200)
    assert frame is not None, "the lazy iframe never loaded"
    frame.wait_for_function("window.StoryMap !== undefined")
    reader.settle(1500)
    reader.frame = frame
    reader.data = frame.evaluate(DATA)
    yield reader
    reader.close()


def _centre(box):
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_embedded_wheel_scrolls_the_host_until_the_map_is_clicked(host):
    page, frame = host.page, host.frame
    zoom = f"window['{host.data['map']}'].getZoom()"
    frame_box = page.locator("iframe").bounding_box()
    assert round(frame_box["width"]) == 700 and round(frame_box["height"]) == 500
    # Side by side in the 700 px frame: the text panel left of the map, level with it.
    text = frame.locator("#storymap-text").bounding_box()
    map_box = frame.locator(".folium-map").bounding_box()
    assert text["x"] + text["width"] <= map_box["x"] + 1
    assert min(text["y"] + text["height"], map_box["y"] + map_box["height"]) - max(
        text["y"], map_box["y"]) > 250
    assert text["width"] >= 200 and map_box["width"] >= 300
    shoot(page, "embed-cross-origin.png")

    before_zoom = frame.evaluate(zoom)
    before_scroll = page.evaluate("window.scrollY")
    page.mouse.move(*_centre(map_box))
    page.mouse.wheel(0, 400)
    host.settle(900)
    assert page.evaluate("window.scrollY") > before_scroll + 100  # the host page scrolled
    assert frame.evaluate(zoom) == before_zoom                     # the map did not zoom
    assert frame.locator(".storymap-hint").count() == 1            # and says how to zoom

    # Clicked, the map takes the wheel: it zooms and the host page stays where it is.
    map_box = frame.locator(".folium-map").bounding_box()
    x, y = _centre(map_box)
    page.mouse.click(x, y + 60)
    host.settle(400)
    scrolled = page.evaluate("window.scrollY")
    page.mouse.wheel(0, -300)
    host.settle(1200)
    assert frame.evaluate(zoom) != before_zoom
    assert page.evaluate("window.scrollY") == scrolled
    assert host.errors == []


def test_embedded_text_panel_is_no_scroll_trap(host):
    page, frame = host.page, host.frame
    panel = "document.getElementById('storymap-text')"
    box = frame.locator("#storymap-text").bounding_box()
    page.mouse.move(*_centre(box))
    # Mid-text, the wheel scrolls the text, not the host page.
    before = page.evaluate("window.scrollY")
    page.mouse.wheel(0, 200)
    host.settle(700)
    assert frame.evaluate(f"{panel}.scrollTop") > 0
    assert page.evaluate("window.scrollY") == before
    # Wheeled on to the end of the text and wheeled again (a new gesture: within one, every
    # browser keeps scrolling what the gesture started on), the host page scrolls.
    at_end = f"{panel}.scrollTop + {panel}.clientHeight >= {panel}.scrollHeight - 1"
    for _ in range(60):
        if frame.evaluate(at_end):
            break
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(80)
    assert frame.evaluate(at_end), "the text never reached its end"
    host.settle(1000)
    before = page.evaluate("window.scrollY")
    moved = []
    for _ in range(3):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(400)
        moved.append(page.evaluate("window.scrollY") - before)
    # Headless Chromium lets the first tick of that new gesture go nowhere (seen only with
    # this page, not with a plain scroller); from the second on, the host page scrolls.
    assert moved[-1] >= 400, moved
    assert frame.evaluate(at_end)
    assert host.errors == []


# ------------------------------------------------------------------------------ bar 2: phone

@pytest.fixture
def phone(browser, cli_reference):
    reader = Reader(browser, cli_reference.as_uri(), tiles=True, is_mobile=True, has_touch=True,
                    viewport={"width": 390, "height": 844})
    reader.data = reader.page.evaluate(DATA)
    yield reader
    reader.close()


def test_phone_mention_opens_the_card_and_covers_no_control(phone):
    page = phone.page
    page.tap("a.mention:text-is('Chassan') >> nth=0")
    phone.settle(2000)
    assert page.locator(".leaflet-popup").count() == 0
    card = page.locator("#storymap-card")
    assert card.is_visible()
    assert card.locator("strong").first.inner_text() == "Chassan"
    quotes = card.locator("li").all_inner_texts()
    assert quotes
    flat = " ".join(ARTICLE.split())
    for quote in quotes:
        assert "Chassan" in quote
        assert " ".join(quote.split()) in flat, quote  # the article's own sentence
    # The card sits under the map: it covers nothing on it.
    map_box = page.locator(".folium-map").bounding_box()
    assert card.bounding_box()["y"] >= map_box["y"] + map_box["height"] - 1
    for selector in (".leaflet-control-zoom-in", ".leaflet-control-zoom-out",
                     ".storymap-tour-previous", ".storymap-tour-next"):
        assert page.locator(selector).is_visible(), selector
        assert page.evaluate(ON_TOP, selector), selector
    shoot(page, "phone-card.png")
    assert phone.errors == []


def test_phone_attribution_is_folded_behind_an_info_button(phone):
    page = phone.page
    toggle = page.locator(".storymap-attribution-toggle")
    attribution = page.locator(".leaflet-control-attribution")
    assert toggle.is_visible() and not attribution.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-label") == "Quellen und Lizenzen der Karte"
    assert page.evaluate(ON_TOP, ".storymap-attribution-toggle")
    toggle.tap()
    phone.settle(300)
    assert attribution.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    credits = attribution.inner_text()
    for name in ("OpenStreetMap", "GeoNames", "Natural Earth"):
        assert name in credits, credits
    for selector in (".leaflet-control-zoom-in", ".storymap-tour-next"):
        assert page.evaluate(ON_TOP, selector), selector
    toggle.tap()
    phone.settle(300)
    assert not attribution.is_visible()
    assert phone.errors == []


# ------------------------------------------------------------------ bar 3: batch, Leaflet lost

GERMAN_TRIP = """Ministerin reist nach Polen

Die Ministerin reiste am Montag von Berlin nach Warschau. Der Bürgermeister Warschaus \
empfing sie am Nachmittag im Rathaus.

Am Dienstag fuhr sie mit dem Zug weiter nach Krakau, wo sie die Altstadt besuchte.

Am Mittwoch kehrte sie über Breslau nach Berlin zurück.
"""
GERMAN_TOUR = """Der Kanzler auf Nordtour

Der Kanzler flog am Donnerstag von München nach Hamburg. Im Hamburger Hafen sprach er mit \
Hafenarbeitern.

Am Freitag reiste er weiter nach Kiel und anschließend nach Rostock, wo er eine Werft \
besuchte.
"""
ENGLISH_TRIP = """Envoy tours the Baltic

The envoy flew from London to Riga on Monday. On Tuesday she took the bus to Vilnius, where \
she met the prime minister.

On Wednesday she travelled on to Tallinn before returning to London.
"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory, cache_dir):
    inputs = tmp_path_factory.mktemp("batch-in")
    (inputs / "polen.txt").write_text(GERMAN_TRIP, encoding="utf-8")
    (inputs / "nordtour.txt").write_text(GERMAN_TOUR, encoding="utf-8")
    (inputs / "baltic.txt").write_text(ENGLISH_TRIP, encoding="utf-8")
    out = tmp_path_factory.mktemp("batch-out")
    storymap("batch", str(inputs), "-o", str(out), "--quiet", "-j", "1", cache_dir=cache_dir)
    cdn = tmp_path_factory.mktemp("batch-cdn")
    storymap("batch", str(inputs), "-o", str(cdn), "--quiet", "-j", "1", "--cdn",
             cache_dir=cache_dir)
    return {"out": out, "cdn": cdn}


def test_batch_index_is_german_with_base_names(browser, batch):
    index = (batch["out"] / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index
    for word in ("Story-Maps", "Stationen", "Orte", "Einbetten", "3 Karten"):
        assert word in index, word
    rows = re.findall(r"<tr>(.*?)</tr>", index, re.S)
    polen = next(row for row in rows if "polen.html" in row)
    stops = re.findall(r"<td>([^<]*→[^<]*)</td>", polen)
    assert stops, polen
    names = [name.strip() for name in stops[0].split("→")]
    assert "Warschau" in names and "Krakau" in names and names[0] == "Berlin"
    assert "Warschaus" not in stops[0]
    # The English article's stops are listed as well (in the index's German names).
    baltic = next(row for row in rows if "baltic.html" in row)
    assert "Riga" in baltic and ("Vilnius" in baltic or "Wilna" in baltic)
    reader = Reader(browser, (batch["out"] / "index.html").as_uri())
    try:
        assert reader.page.locator("table.maps tbody tr").count() == 3
        assert reader.errors == []
    finally:
        reader.close()


def test_batch_page_offline_draws_the_outline_map(browser, batch):
    reader = Reader(browser, (batch["out"] / "polen.html").as_uri())
    try:
        page = reader.page
        reader.settle(1500)
        assert page.evaluate("document.documentElement.lang") == "de"
        assert page.locator(".folium-map").is_visible()
        assert not page.locator(".storymap-map-failed").is_visible()
        assert page.locator(".folium-map path").count() > 20  # the outlines and the route
        assert page.locator(".storymap-stop").count() >= 3
        shoot(page, "batch-offline.png")
        assert reader.errors == []
    finally:
        reader.close()


@pytest.mark.parametrize("source", ["batch-cdn", "build"])
def test_a_page_whose_leaflet_cannot_load_says_so_and_reads(browser, batch, tmp_path,
                                                            cache_dir, source):
    if source == "build":  # `storymap build` without --self-contained links Leaflet's CDN
        path = tmp_path / "kim.html"
        storymap("build", str(EXAMPLE), "-o", str(path), cache_dir=cache_dir)
    else:
        path = batch["cdn"] / "polen.html"
    html = path.read_text(encoding="utf-8")
    assert re.search(r'<script[^>]+src="https://[^"]*leaflet', html)  # a script to block
    reader = Reader(browser, path.as_uri())
    try:
        page = reader.page
        message = page.locator(".storymap-map-failed")
        assert message.is_visible()
        assert "Karte ließ sich nicht laden" in message.inner_text()
        assert not page.locator(".folium-map").is_visible()
        passages = page.locator(".passage:not([hidden])")
        assert passages.count() >= 3
        assert passages.nth(1).is_visible() and len(passages.nth(1).inner_text()) > 40
        assert page.locator("a.mention").count() >= 3
        if source == "batch-cdn":
            shoot(page, "leaflet-missing.png")
        assert not any("L is not defined" in error for error in reader.errors), reader.errors
        assert [e for e in reader.errors if "Failed to load resource" not in e] == []
    finally:
        reader.close()


# ---------------------------------------------------------------- bar 4: passages on the page

def test_single_line_paragraphs_are_passages_the_map_follows(browser, tmp_path, gazetteer):
    from storymap.render.output import save_map
    from storymap.story.build import build_story

    text = ("Die Ministerin reiste am Montag von Berlin nach Warschau.\n"
            "Dort traf sie den polnischen Präsidenten.\n"
            "Foto: Kay Nietfeld/dpa\n"
            "Am Dienstag fuhr sie mit dem Zug weiter nach Krakau.\n"
            "Am Mittwoch kehrte sie über Breslau nach Berlin zurück.\n"
            "© Reuters")
    path = save_map(build_story(text, lang="de"), tmp_path / "lines.html", self_contained=True)
    reader = Reader(browser, path.as_uri())
    try:
        page = reader.page
        assert page.locator(".passage").count() == 6
        captions = page.locator(".passage.passage--caption")
        assert captions.all_inner_texts() == ["Foto: Kay Nietfeld/dpa", "© Reuters"]
        assert captions.nth(0).is_visible()  # kept as text
        # The map follows the four others: j steps through them and never onto a caption.
        seen = [page.locator(".passage.is-active").get_attribute("data-passage")]
        page.locator("body").press("j")
        for _ in range(8):
            reader.settle(250)
            seen.append(page.locator(".passage.is-active").get_attribute("data-passage"))
            page.keyboard.press("j")
        followed = list(dict.fromkeys(seen))
        assert followed == ["0", "1", "3", "4"]
        shoot(page, "line-passages.png")
        assert reader.errors == []
    finally:
        reader.close()

    wrapped = ("Die Ministerin reiste am Montag von Berlin nach\nWarschau, wo sie den "
               "polnischen Präsidenten\ntraf. Am Dienstag fuhr sie weiter nach Krakau.")
    path = save_map(build_story(wrapped, lang="de"), tmp_path / "wrapped.html",
                    self_contained=True)
    reader = Reader(browser, path.as_uri())
    try:
        assert reader.page.locator(".passage").count() == 1
    finally:
        reader.close()


# ------------------------------------------------------------------- bar 5: keyboard, names

@pytest.fixture
def reference(browser, cli_reference):
    reader = Reader(browser, cli_reference.as_uri(), tiles=True,
                    viewport={"width": 1400, "height": 900})
    reader.data = reader.page.evaluate(DATA)
    yield reader
    reader.close()


FOCUSED = """() => {
    const e = document.activeElement;
    return {tag: e.tagName, label: e.getAttribute('aria-label'), role: e.getAttribute('role'),
            marker: Boolean(e.closest('.leaflet-marker-pane, .leaflet-overlay-pane')),
            map: Boolean(e.closest('.leaflet-container')),
            stop: e.classList.contains('storymap-stop-icon')};
}"""


def test_every_marker_is_reached_by_tab_with_a_name_stops_first(reference):
    page, data = reference.page, reference.data
    skip = page.locator(".storymap-skip-map")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "storymap-skip-map"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert "leaflet-container" in page.evaluate("document.activeElement.className")
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not focused["map"]:
            break
        if focused["marker"]:
            reached.append(focused)
    assert all(f["label"] and f["label"].strip() for f in reached), reached
    assert all(f["role"] == "button" for f in reached)
    labels = [f["label"] for f in reached]
    # The stops first, in route order (a merged marker names its stops together).
    stops = [f["label"] for f in reached if f["stop"]]
    assert labels[: len(stops)] == stops
    joined = " | ".join(stops)
    names = ["Pjöngjang", "Chassan", "Wladiwostok", "Insel Russky"]
    positions = [joined.index(name) for name in names]
    assert positions == sorted(positions), stops
    assert stops[0] == "Station 1: Pjöngjang" and stops[1] == "Station 2: Chassan"
    # Then every other place by its name (kind in brackets), each once.
    others = [p["said"] for p in data["places"] if not p.get("stop")]
    assert sorted(label for label in labels[len(stops):] if label in others) == sorted(others)
    assert len(labels) == len(set(labels))
    reference.settle(300)
    assert reference.errors == []


def test_fullscreen_button_says_its_state(reference):
    page = reference.page
    button = page.locator(".storymap-fullscreen")
    assert button.get_attribute("aria-pressed") == "false"
    assert button.get_attribute("aria-label") == "Vollbild"
    button.click()
    reference.settle(800)
    if page.evaluate("document.fullscreenElement === null"):
        pytest.skip("this Chromium refuses full screen headless")
    assert button.get_attribute("aria-pressed") == "true"
    assert button.get_attribute("aria-label") == "Vollbild beenden"
    assert page.inner_text("#storymap-live") == "Karte im Vollbild"
    page.evaluate("document.exitFullscreen()")
    reference.settle(800)
    assert button.get_attribute("aria-pressed") == "false"
    assert page.inner_text("#storymap-live") == "Vollbild beendet"


def test_next_passage_is_announced(reference):
    page = reference.page
    page.locator("body").press("j")
    reference.settle(600)
    said = page.inner_text("#storymap-live")
    count = page.locator(".passage:not([hidden]):not(.passage--caption)").count()
    assert said.startswith(f"Abschnitt 2 von {count}: "), said
    page.keyboard.press("j")
    reference.settle(600)
    assert page.inner_text("#storymap-live").startswith(f"Abschnitt 3 von {count}")
    shoot(page, "keyboard-passage.png")


# ------------------------------------------------------------------- bar 6: tiles fail offline

NOTICES = """
window.__notices = 0;
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node.classList && node.classList.contains('storymap-notice')) window.__notices += 1;
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_offline_tiles_switch_to_outlines_said_once(browser, cli_reference):
    reader = Reader(browser, cli_reference.as_uri(), init_script=NOTICES,
                    viewport={"width": 1400, "height": 900})
    try:
        page = reader.page
        data = page.evaluate(DATA)
        m = f"window['{data['map']}']"
        reader.settle(1500)
        names = data["basemap"]
        assert page.evaluate(f"{m}.hasLayer(window['{names['outlines']}'])")
        assert not page.evaluate(f"{m}.hasLayer(window['{names['tiles']}'])")
        assert page.evaluate(f"{m}.getMaxZoom()") <= 8
        notice = page.locator(".storymap-notice")
        assert notice.count() == 1
        assert "Kartenkacheln" in notice.inner_text()
        # Moving about makes no second notice.
        page.click("a.mention:text-is('Chassan') >> nth=0")
        reader.settle(1500)
        page.keyboard.press("Escape")
        reader.settle(1500)
        assert page.evaluate("window.__notices") == 1
        assert page.evaluate(f"{m}.getZoom()") <= page.evaluate(f"{m}.getMaxZoom()")
        layers = page.locator(".leaflet-control-layers-base label").all_inner_texts()
        assert [name.strip() for name in layers] == ["OpenStreetMap", "Umrisse (offline)"]
        assert page.evaluate(ON_TOP, ".leaflet-control-zoom-in")
        shoot(page, "offline-outlines.png")
        # Closed, it stays closed.
        notice.locator("button").click()
        reader.settle(300)
        assert page.locator(".storymap-notice").count() == 0
        assert reader.errors == []
    finally:
        reader.close()


def test_online_tiles_keep_the_tile_layer_without_notice(reference):
    page, data = reference.page, reference.data
    reference.settle(1500)
    m = f"window['{data['map']}']"
    assert page.evaluate(f"{m}.hasLayer(window['{data['basemap']['tiles']}'])")
    assert page.locator(".storymap-notice").count() == 0
    assert page.evaluate(f"{m}.getMaxZoom()") >= 18
    assert reference.errors == []


# ----------------------------------------------------------------------------- bar 7: print

# The passages print numbers (¶ 1, ¶ 2, …): all but the headline, captions and hidden copies.
COUNTED = ".passage:not(.passage--headline):not(.passage--caption):not([hidden])"


def test_print_shows_the_route_overview_and_every_stop_with_its_passages(reference):
    page, data = reference.page, reference.data
    m = f"window['{data['map']}']"
    page.click("a.mention:text-is('Kreml') >> nth=0")  # far from the route, street level
    reference.settle(2500)
    stops = stop_places(data)
    assert page.evaluate(f"{m}.getZoom()") >= 12
    page.emulate_media(media="print")
    reference.settle(1500)
    for stop in stops:
        assert page.evaluate(f"{m}.getBounds().contains([{stop['lat']}, {stop['lon']}])"), stop
    assert page.locator(".leaflet-popup").count() == 0
    for hidden in (".storymap-tour", ".leaflet-control-zoom", ".storymap-itinerary",
                   ".storymap-controls"):
        assert not page.locator(hidden).is_visible(), hidden
    route = page.locator(".storymap-print-route")
    assert route.is_visible()
    counted = page.locator(COUNTED).all_inner_texts()
    rows = route.locator(":scope > ol > li")
    assert rows.count() == len(data["route"]["stops"])
    for number, stop in enumerate(data["route"]["stops"]):
        place = next(p for p in data["places"] if p["id"] == stop)
        row = rows.nth(number)
        assert row.locator("strong").inner_text() == place["display"]
        quotes = row.locator("ul li")
        assert quotes.count() >= 1, place["display"]
        for quote in quotes.all_inner_texts():
            found = re.match(r"¶ (\d+) (.+)", quote)
            assert found, quote
            cited = " ".join(found.group(2).rstrip("…").split())[:40]
            assert cited in " ".join(counted[int(found.group(1)) - 1].split()), quote
    # The article follows in full, its passages numbered as the route's quotes cite them.
    assert page.locator(".storymap-article").is_visible()
    first = page.evaluate(f"getComputedStyle(document.querySelector('{COUNTED}'), '::before')"
                          ".content")
    assert "¶" in first and "counter(passage)" in first
    shoot(page, "print-overview.png")
    page.emulate_media(media="screen")
    reference.settle(800)
    assert page.evaluate(f"{m}.getZoom()") >= 12  # the view comes back after printing
    assert reference.errors == []


