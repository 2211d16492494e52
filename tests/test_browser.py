"""The story map in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

All network requests are blocked; pages are self-contained. Tests skip only when no Chromium
is installed, and never in CI (CI=true makes a missing browser a failure).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storymap.story import assemble_story, build_story
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
    reference = build_story(ARTICLE, route=ROUTE).save(folder / "kim.html", self_contained=True)
    second = build_story(SECOND, lang="en").save(folder / "second.html", self_contained=True)
    empty = build_story("Ein Satz ohne jeden Ort.", lang="de").save(
        folder / "empty.html", self_contained=True
    )
    # A round trip back to Pjöngjang whose last leg is only announced, with dated stops.
    base = build_story(ARTICLE, route=ROUTE[:3])
    revisit = assemble_story(
        base.text, base.article, base.lang, base.mentions, route=(*base.route, base.route[0]),
        route_times=("2019-04-24", None, "2019-04-25 14:30", "Mittwoch"),
        route_modalities=("done", "done", "underway", "announced"), title=base.title,
    ).save(folder / "revisit.html", self_contained=True)
    frame = folder / "frame.html"
    frame.write_text(
        '<!doctype html><html lang="en"><title>frame</title><body>'
        '<iframe id="f" src="kim.html" title="Story map" style="width:1000px;height:700px">'
        "</iframe></body></html>",
        encoding="utf-8",
    )
    return {"reference": reference, "second": second, "empty": empty, "frame": frame,
            "revisit": revisit}


class Page:
    """A Playwright page with the network blocked and console errors collected."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 800):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text)
            if message.type == "error" and "net::ERR_FAILED" not in message.text
            else None,
        )
        self.page.route(
            "**/*",
            lambda route: route.continue_()
            if route.request.url.startswith("file:")
            else route.abort(),
        )
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
