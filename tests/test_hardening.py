"""Bad and hostile input, end to end (issue 8): what a user gets from ``storymap`` when the
article is empty, binary, in another encoding, huge, or written to break the page.

Most cases run the real command in a subprocess and check what the user sees: the exit
status, ONE line on stderr without a traceback, and the output folder byte for byte (no
output and no temporary file left behind, an existing output untouched on failure). Pages
are checked with a strict HTML parser (``tests.test_render_template.parse``: every element
closed where it should be), never by searching the markup for strings.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import importlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storymap.geoparse.text import read_article
from storymap.render.messages import catalogue
from storymap.render.output import render_html, save_map
from tests.conftest import REPO
from tests.test_render_template import Node, parse

EXAMPLE = REPO / "examples" / "kim-wladiwostok-2019.txt"
ARTICLE = EXAMPLE.read_text(encoding="utf-8")
SHORT = (
    "Kim Jong-un fuhr mit dem Zug von Pjöngjang nach Wladiwostok.\n\n"
    "Dort traf er Wladimir Putin. Danach reiste er über Chabarowsk zurück."
)
# Markup, comment and script terminators, quotes, entities, JS line terminators and bidi
# controls; the payloads raise a flag in the page if any of them ever runs.
PWN = "window.__pwned=(window.__pwned||0)+1"
HOSTILE = (
    f'</script><script>{PWN}</script> <!-- --> <img src=x onerror="{PWN}"> '
    f"<svg onload='{PWN}'> \"quoted\" 'single' &amp; & < > ]]> ${{{PWN}}} `tick` \\ "
    "\u2028 \u2029 \u202e\u2066bidi\u2069\u202c \u200f</p></title>"
)
CLI_TIMEOUT = 120  # seconds for an ordinary run (cold start, gazetteer, one small article)
BIG_TIMEOUT = 60  # seconds for the long-line, long-token and capitalised-word cases (~1-4 s)


# ---------------------------------------------------------------------------- helpers


@pytest.fixture
def cli(cache_dir: Path, gazetteer) -> Callable[..., subprocess.CompletedProcess[bytes]]:
    """Runs ``python -m storymap ARGS`` with the session's gazetteer cache."""
    env = dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir))

    def run(
        *args: str, stdin: bytes = b"", timeout: float = CLI_TIMEOUT
    ) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "storymap", *args]
        try:
            return subprocess.run(command, input=stdin, capture_output=True, cwd=REPO, env=env,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            pass  # fail outside the handler: no chained traceback of the kill
        pytest.fail(f"storymap {' '.join(args)[:100]} did not finish in {timeout} s")

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden temporary files too) with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def stderr_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return result.stderr.decode("utf-8").splitlines()


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """Exit status 2 and exactly one ``storymap: error:`` line on stderr, no traceback."""
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith("storymap: error: "), stderr
    if needles:
        assert any(needle in stderr for needle in needles), stderr
    return stderr


def assert_ok(result: subprocess.CompletedProcess[bytes]) -> None:
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr and "storymap: error" not in stderr, stderr


def page_data(root: Node) -> dict:
    return json.loads(root.find("script", id="storymap-data").text())


def passage_texts(root: Node) -> list[str]:
    """The article's passages as the page carries them (text content of each passage)."""
    return [node.text() for node in root.find_all("p", cls="passage")]


def expected_passages(text: str) -> list[str]:
    """What the page must carry: each passage's ``text[start:end]``.

    ``<br>`` elements carry no text, so a passage's text content is its source text.
    """
    return [text[p.start : p.end] for p in read_article(text).passages]


def mention_rows_slice(document: dict, text: str) -> None:
    for row in document["mentions"]:
        assert text[row["start"] : row["end"]] == row["text"], row


def build_page(cli, folder: Path, content: bytes, *args: str, timeout: float = CLI_TIMEOUT):
    """Write ``content`` as an article, build its page, return (result, parsed page or None)."""
    article = folder / "article.txt"
    article.write_bytes(content)
    out = folder / "article.html"
    result = cli("build", str(article), "-o", str(out), *args, timeout=timeout)
    root = parse(out.read_text(encoding="utf-8")) if out.exists() else None
    return result, root


# ------------------------------------------------------------- empty and no places


@pytest.mark.parametrize(
    "content",
    [b"", b"  \n\t\r\n \f  \n", "\ufeff".encode(), "Ein ganz gewöhnlicher Satz.".encode()],
    ids=["empty", "whitespace", "bom-only", "no-places"],
)
def test_input_without_places_gives_a_page_that_says_so(cli, tmp_path, content):
    result, root = build_page(cli, tmp_path, content)
    assert_ok(result)
    assert root is not None
    lang = root.find("html").attrs["lang"]
    assert root.find("p", cls="storymap-no-places").text() == catalogue(lang)["no_places"]
    assert not root.find_all(cls="folium-map")
    data = page_data(root)
    assert data["places"] == [] and data["mentions"] == []


@pytest.mark.parametrize("content", [b"", b" \r\n\t "], ids=["empty", "whitespace"])
def test_geoparse_of_empty_stdin_says_no_places(cli, content):
    result = cli("geoparse", "--json", "-", stdin=content)
    assert result.returncode == 0
    assert stderr_lines(result) == ["no places found"]
    assert json.loads(result.stdout)["mentions"] == []


# ------------------------------------------------------------ binary and encodings

BINARY = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "gzip": gzip.compress(ARTICLE.encode("utf-8"), mtime=0),
    "executable": Path(sys.executable).resolve().read_bytes()[:16384],
    "random": random.Random(8).randbytes(20_000),
    "nul-in-text": b"Kim fuhr nach Wladiwostok.\x00\x00\x00 Dann weiter.",
    "control-chars": b"Berlin \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f Moskau",
    "utf-16-without-bom": SHORT.encode("utf-16-le"),
}


@pytest.mark.parametrize("content", list(BINARY.values()), ids=list(BINARY))
@pytest.mark.parametrize("command", ["build", "geoparse"])
def test_binary_input_is_one_clear_line_and_no_output(cli, tmp_path, command, content):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    before = snapshot(tmp_path)
    out = tmp_path / "out.file"
    result = cli(command, str(article), "-o", str(out))
    assert_one_line_error(result, "binary", "not UTF-8", "UTF-16")
    assert snapshot(tmp_path) == before  # no output, no temporary file


INVALID_UTF8 = {
    "latin-1": "Grüße aus Köln, München und Zürich.".encode("latin-1"),
    "cp1252-quotes": "Er sagte \u201eWladiwostok\u201c.".encode("cp1252"),
    "stray-byte": b"Kim fuhr nach Wladiwostok \xff und weiter.",
    "truncated": "Kim fuhr nach Pjöngjang".encode()[:-7],
    "surrogate": b"Kim fuhr nach \xed\xa0\x80 Moskau.",
}


@pytest.mark.parametrize("content", list(INVALID_UTF8.values()), ids=list(INVALID_UTF8))
def test_invalid_utf8_names_the_byte_and_leaves_nothing(cli, tmp_path, content):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    before = snapshot(tmp_path)
    result = cli("build", str(article), "-o", str(tmp_path / "article.html"))
    message = assert_one_line_error(result, "not UTF-8")
    with pytest.raises(UnicodeDecodeError) as error:
        content.decode("utf-8")
    assert f"position {error.value.start})" in message  # names the offending byte
    assert "iconv" in message  # and says how to fix it
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", "\ufeff"), ("utf-16-le", "\ufeff"), ("utf-16-be", "\ufeff"),
     ("utf-32-le", "\ufeff"), ("utf-32-be", "\ufeff"), ("utf-8", "")],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"],
)
def test_unicode_with_a_bom_is_read_and_offsets_index_the_text(cli, encoding, bom):
    result = cli("geoparse", "--json", "-", stdin=(bom + SHORT).encode(encoding))
    assert_ok(result)
    document = json.loads(result.stdout)
    mention_rows_slice(document, SHORT)  # offsets index the text without its BOM
    assert {"Pjöngjang", "Wladiwostok", "Chabarowsk"} <= {m["text"] for m in document["mentions"]}


def test_windows_line_endings(cli, tmp_path):
    text = SHORT.replace("\n", "\r\n") + "\r\n\r\nDrei Tage später war er wieder in Pjöngjang.\r\n"
    result, root = build_page(cli, tmp_path, text.encode("utf-8"))
    assert_ok(result)
    assert passage_texts(root) == expected_passages(text)
    assert len(passage_texts(root)) == 3 and not any("\r" in p for p in passage_texts(root))
    mention_rows_slice(page_data(root), text)
    geoparsed = cli("geoparse", "--json", "-", stdin=text.encode("utf-8"))
    mention_rows_slice(json.loads(geoparsed.stdout), text)


# --------------------------------------------- long lines, long tokens, capitals


def _words(seed: int, vocabulary: list[str], count: int) -> str:
    """``count`` words drawn from ``vocabulary`` (seeded), separated by single spaces."""
    rng = random.Random(seed)
    return " ".join(rng.choice(vocabulary) for _ in range(count))


LONG_INPUTS: dict[str, Callable[[], str]] = {
    "200k-letter-token": lambda: "Wladiwostok" + "a" * 200_000,
    "100k-compound-token": lambda: "Berlin" + "moskau" * 17_000,
    "1mb-line": lambda: _words(1, ["und", "der", "Zug", "fuhr", "nach", "Moskau", "die",
                                   "Stadt", "Berlin", "war", "lang"], 180_000),
    "300k-dots": lambda: "Kim fuhr nach Moskau" + "." * 300_000 + " Dann nach Berlin.",
    "sentences-without-spaces": lambda: "Berlin.Moskau." * 20_000,
    "abbreviations": lambda: "Kim fuhr z.B. nach Moskau, " + "z.B. Dr. St. " * 30_000,
    "hyphen-chain": lambda: "-".join(["Berlin", "Moskau", "Paris"] * 3_000),
    "blank-lines": lambda: "\n \n" * 200_000 + "Kim fuhr nach Moskau.",
}


@pytest.mark.parametrize("make", list(LONG_INPUTS.values()), ids=list(LONG_INPUTS))
def test_long_lines_and_tokens_finish(cli, tmp_path, make):
    text = make()
    result, root = build_page(cli, tmp_path, text.encode("utf-8"), timeout=BIG_TIMEOUT)
    assert_ok(result)
    assert passage_texts(root) == expected_passages(text)
    mention_rows_slice(page_data(root), text)


CAPITALISED = {
    "title-case-words": lambda: _words(
        2, ["Berlin", "Zug", "Boden", "Station", "Moskau", "Haus", "Paris", "Der", "Die",
            "Neue", "Stadt", "Nord", "Süd", "New", "York", "Kim", "Putin", "Halle", "Essen",
            "Bank", "Georgia", "Washington", "Post", "Insel", "Russky"], 40_000),
    "all-caps-article": lambda: ARTICLE.upper() * 5,
    "capitalised-sentences": lambda: _words(
        3, ["Der Zug Fährt Nach Moskau.", "Die Station Liegt Am Boden.",
            "New York Und Paris Sind Groß."], 6_000),
}


@pytest.mark.parametrize("make", list(CAPITALISED.values()), ids=list(CAPITALISED))
def test_text_full_of_capitalised_words_finishes(cli, tmp_path, make):
    text = make()
    result, root = build_page(cli, tmp_path, text.encode("utf-8"), timeout=BIG_TIMEOUT)
    assert_ok(result)
    mention_rows_slice(page_data(root), text)
    assert passage_texts(root) == expected_passages(text)


# ---------------------------------------------------------------------- 10 MB


@functools.cache
def ten_megabytes() -> bytes:
    """About 10 MB of article text: the example's paragraphs in a seeded shuffle."""
    paragraphs = [p for p in ARTICLE.split("\n\n")[1:] if p.strip()]
    rng = random.Random(10)
    chunks, size = [], 0
    while size < 10_000_000:
        paragraph = rng.choice(paragraphs)
        chunks.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(chunks).encode("utf-8")


def run_measured(args: list[str], env: dict[str, str], timeout: float):
    """Run a ``python -m storymap`` command; return (exit status, peak RSS in MB, seconds,
    stderr lines with the second each arrived).

    The child reports its own high-water mark (VmHWM of the program after exec): Linux's
    ``ru_maxrss`` of a child also carries the RSS of the parent it was forked from (a test
    runner grown to 1.5 GB), so ``os.wait4`` cannot measure the command alone."""
    assert args[1:3] == ["-m", "storymap"], args
    args = [args[0], "-c", _REPORT_PEAK, *args[3:]]
    started = time.monotonic()
    lines: list[tuple[float, str]] = []
    process = subprocess.Popen(args, cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def collect() -> None:
        for line in process.stderr:  # type: ignore[union-attr]
            lines.append((time.monotonic() - started, line.decode("utf-8").rstrip("\n")))

    reader = threading.Thread(target=collect, daemon=True)
    reader.start()
    killer = threading.Timer(timeout, process.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    reader.join(5)
    process.stderr.close()  # type: ignore[union-attr]
    if elapsed >= timeout:
        pytest.fail(f"{' '.join(args[2:4])} … did not finish in {timeout} s")
    peaks = [int(text.split()[1]) for _, text in lines if text.startswith(_PEAK_LINE)]
    lines = [(when, text) for when, text in lines if not text.startswith(_PEAK_LINE)]
    peak_mb = peaks[0] / 1024 if peaks else usage.ru_maxrss / 1024
    return process.returncode, peak_mb, elapsed, lines


_PEAK_LINE = "storymap-test-peak-rss-kb"
_REPORT_PEAK = f"""
import sys
from storymap.cli import main
try:
    status = main(sys.argv[1:])
finally:
    with open("/proc/self/status") as info:
        peak = next(line.split()[1] for line in info if line.startswith("VmHWM"))
    print("{_PEAK_LINE}", peak, file=sys.stderr, flush=True)
sys.exit(status)
"""


# Measured with linear-time recognition, journey and Story.passage_of (issue 8): 11 s and
# 516 MB peak RSS for 10 MB (a 48 MB page), on a shared 2-core machine.
TEN_MB_TIMEOUT = 120  # seconds
TEN_MB_RSS_MB = 1200


def test_ten_megabytes_build_with_bounded_memory(cache_dir, gazetteer, tmp_path):
    article = tmp_path / "big.txt"
    article.write_bytes(ten_megabytes())
    out = tmp_path / "big.html"
    env = dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir))
    status, rss_mb, seconds, lines = run_measured(
        [sys.executable, "-m", "storymap", "build", str(article), "-o", str(out)],
        env, TEN_MB_TIMEOUT,
    )
    assert status == 0, lines[-3:]
    assert rss_mb < TEN_MB_RSS_MB, f"peak RSS {rss_mb:.0f} MB"
    assert out.stat().st_size > 10_000_000
    print(f"10 MB build: {seconds:.1f} s, peak RSS {rss_mb:.0f} MB")


def test_large_input_shows_progress_while_working(cache_dir, gazetteer, tmp_path):
    """Progress is shown while the work happens: lines before the "wrote" line that arrive
    well before the command ends, not a summary at the end."""
    article = tmp_path / "big.txt"
    article.write_bytes(ten_megabytes()[:2_000_000].rsplit(b"\n\n", 1)[0])
    env = dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir))
    status, _, seconds, lines = run_measured(
        [sys.executable, "-m", "storymap", "build", str(article), "-o",
         str(tmp_path / "big.html")],
        env, TEN_MB_TIMEOUT,
    )
    assert status == 0
    wrote = next(i for i, (_, text) in enumerate(lines) if text.startswith("wrote "))
    progress = lines[:wrote]
    assert progress and all(text.startswith("storymap: ") for _, text in progress), lines
    assert "error" not in " ".join(text for _, text in progress)
    assert progress[0][0] < 0.8 * seconds  # shown while working, not at the end


def test_small_input_prints_no_progress(cli, tmp_path):
    result, _ = build_page(cli, tmp_path, SHORT.encode("utf-8"))
    assert_ok(result)
    lines = stderr_lines(result)
    # The text has no headline: one line says what the page is titled and how to set a title.
    hints = [line for line in lines if line.startswith("storymap: hint: ")]
    assert len(hints) == 1 and "--title" in hints[0] and "Pjöngjang →" in hints[0]
    assert [line.split(" (")[0] for line in lines if line not in hints] == [
        f"wrote {tmp_path / 'article.html'}"
    ]


# ------------------------------------------------------------------- hostile content


class Tags(HTMLParser):
    """Every start tag with its attributes (for looking at markup inside JS strings)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def fragment(markup: str) -> Tags:
    tags = Tags()
    tags.feed(markup)
    tags.close()
    return tags


def event_attributes(root: Node) -> list[tuple[str, str]]:
    return [(n.tag, a) for n in root.iter() for a in n.attrs if a.lower().startswith("on")]


_JS_STRING = r'"(?:[^"\\]|\\.)*"'


def bound_strings(script: str, method: str) -> list[str]:
    """The string arguments of every ``.bindPopup(…)``/``.bindTooltip(…)`` call: the markup
    Leaflet will set as innerHTML."""
    return [json.loads(found) for found in re.findall(rf"\.{method}\(({_JS_STRING})", script)]


def structure(root: Node) -> list[tuple[str, tuple[str, ...]]]:
    return [(n.tag, tuple(sorted(n.attrs))) for n in root.iter() if n.tag != "#document"]


def test_hostile_title_source_credits_and_passages_are_inert(cli, tmp_path):
    text = f"Kim fuhr nach Moskau. {HOSTILE} Dann nach Pjöngjang.\n\n{HOSTILE}\n\nBerlin."
    result, root = build_page(
        cli, tmp_path, text.encode("utf-8"),
        "--title", HOSTILE, "--source", HOSTILE, "--credits", HOSTILE, "--self-contained",
    )
    assert_ok(result)
    (tmp_path / "benign").mkdir()
    benign, benign_root = build_page(
        cli, tmp_path / "benign", text.replace(HOSTILE, "harmless words").encode("utf-8"),
        "--title", "T", "--source", "S", "--credits", "C", "--self-contained",
    )
    assert_ok(benign)
    # The same elements with the same attributes as the harmless page: nothing injected.
    assert structure(root) == structure(benign_root)
    assert event_attributes(root) == []
    assert all(script.text().strip() != PWN for script in root.find_all("script"))
    assert root.find("h1").text() == HOSTILE
    assert root.find("title").text().startswith(HOSTILE)
    assert root.find("span", cls="storymap-source").text().endswith(HOSTILE)
    assert root.find("span", cls="storymap-credits").text() == HOSTILE
    data = page_data(root)
    assert data["title"] == HOSTILE and data["source"] == HOSTILE
    assert data["credits"] == HOSTILE
    assert passage_texts(root) == expected_passages(text)
    assert {"Moskau", "Pjöngjang", "Berlin"} <= {m["text"] for m in data["mentions"]}
    mention_rows_slice(data, text)


def test_embed_snippet_escapes_a_hostile_title(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    result = cli("build", str(article), "-o", str(tmp_path / "a.html"), "--embed",
                 "--title", HOSTILE)
    assert_ok(result)
    tags = fragment(result.stdout.decode("utf-8"))
    # A responsive wrapper (aspect ratio) and the frame itself, titled, nothing else.
    assert [tag for tag, _ in tags.tags] == ["div", "iframe"]
    frame = tags.tags[1][1]
    assert frame["title"] == HOSTILE and frame["allow"] == "fullscreen"
    assert frame["loading"] == "lazy" and frame["src"] == "a.html"
    assert "aspect-ratio" in (tags.tags[0][1]["style"] or "")


@pytest.fixture(scope="module")
def hostile_story(gazetteer):
    """A real story whose place labels and names are hostile (overrides and story files can
    set labels; the gazetteer itself holds real names only), with a route: the labels reach
    popups, tooltips, leg labels, the itinerary, the place list and the JSON."""
    from storymap.story.build import build_story

    story = build_story(SHORT, route=["Pjöngjang", "Wladiwostok", "Chabarowsk"])
    story.places = tuple(
        dataclasses.replace(place, label=f"{HOSTILE} {n}", name=f"{n} {HOSTILE}")
        for n, place in enumerate(story.places)
    )
    story.title = HOSTILE
    return story


@pytest.fixture(scope="module")
def harmless_story(hostile_story):
    story = dataclasses.replace(hostile_story)
    story.places = tuple(
        dataclasses.replace(place, label=f"label {n}", name=f"{n} name")
        for n, place in enumerate(hostile_story.places)
    )
    story.title = "title"
    return story


def test_hostile_place_labels_are_inert_in_page_and_json(hostile_story, harmless_story):
    page = render_html(hostile_story, self_contained=True)
    root = parse(page)
    assert structure(root) == structure(parse(render_html(harmless_story, self_contained=True)))
    assert event_attributes(root) == []
    data = page_data(root)
    labels = {p.id: p.label for p in hostile_story.places}
    assert {p["id"]: p["label"] for p in data["places"]} == labels
    assert {p["name"] for p in data["places"]} == {p.name for p in hostile_story.places}
    items = root.find("section", cls="storymap-itinerary").find_all("span",
                                                                     cls="storymap-stop-name")
    assert [item.text() for item in items] == [labels[i] for i in hostile_story.route]
    # The place list shows the page's name for each place: a label set by hand, as here, is
    # kept as written (and arrives as text).
    names = root.find("section", cls="storymap-places").find_all("span",
                                                                 cls="storymap-place-name")
    assert [n.text() for n in names] == [labels[p.id] for p in hostile_story.places]
    assert json.loads(hostile_story.to_json())["places"][0]["label"] == labels[
        hostile_story.places[0].id]
    geojson = json.loads(json.dumps(hostile_story.to_geojson(), ensure_ascii=False))
    assert {f["properties"].get("label") for f in geojson["features"]} >= set(labels.values())


def test_popups_and_tooltips_carry_hostile_labels_as_text(hostile_story):
    """Leaflet sets popup and tooltip strings as innerHTML: read them out of the map script
    and parse them as Leaflet will."""
    root = parse(render_html(hostile_story))
    script = "".join(s.text() for s in root.find_all("script"))
    popups, tooltips = bound_strings(script, "bindPopup"), bound_strings(script, "bindTooltip")
    assert len(popups) == len(tooltips) >= len(hostile_story.places)
    allowed = {"strong", "br", "small", "ul", "li", "mark"}
    for markup in popups:
        tags = fragment(markup)
        assert {tag for tag, _ in tags.tags} <= allowed, markup
        assert all(set(attrs) <= {"class"} for _, attrs in tags.tags), markup
    for markup in tooltips:
        assert fragment(markup).tags == [], markup  # a tooltip is text only
    tooltip_text = {"".join(fragment(markup).text) for markup in tooltips}
    for place in hostile_story.places:
        assert any(place.label in text for text in tooltip_text), place.label
    strong = {"".join(fragment(m.split("</strong>")[0]).text) for m in popups}
    assert {p.label for p in hostile_story.places} <= strong


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium as tests/test_browser.py drives it (network blocked, console errors
    collected by its ``Page``); skipped, or an error in CI, exactly as there."""
    browser_tests = importlib.import_module("tests.test_browser")
    with browser_tests.playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=browser_tests.CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"],
        )
        yield browser_tests.Page, browser
        browser.close()


OPEN_EVERYTHING = """(data) => {
    const map = window[data.map];
    for (const place of data.places) {
        const layer = window[place.marker];
        layer.openTooltip(); layer.openPopup(); layer.closePopup();
    }
    map.eachLayer((layer) => { if (layer.getTooltip && layer.getTooltip()) {
        layer.openTooltip(); } });
    for (const link of document.querySelectorAll('a.mention')) link.click();
    return document.querySelectorAll('.leaflet-tooltip').length;
}"""


def test_hostile_page_runs_no_injected_script_in_the_browser(chromium, hostile_story, tmp_path):
    page_class, browser = chromium
    path = save_map(hostile_story, tmp_path / "hostile.html", self_contained=True)
    page = page_class(browser, path)
    try:
        dialogs: list[str] = []
        page.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        data = page.data()
        assert data["title"] == HOSTILE
        tooltips = page.page.evaluate(OPEN_EVERYTHING, data)
        page.settle(800)
        assert tooltips >= len(hostile_story.places)
        assert page.page.evaluate("window.__pwned") is None
        assert page.page.locator("img[src='x'], svg[onload]").count() == 0
        assert dialogs == [] and page.errors == []
        assert page.page.locator("h1").evaluate("(h) => h.textContent") == HOSTILE
    finally:
        page.close()


# ---------------------------------------------------------------- atomic writes


def test_failed_rebuild_leaves_the_existing_output_untouched(cli, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "article.html"
    assert_ok(cli("build", str(article), "-o", str(out), "--geojson", str(tmp_path / "a.json")))
    before = snapshot(tmp_path)
    failures = [
        ("--tiles", "No.Such.Provider"),  # fails after geoparsing, while rendering
        ("--route", "Xqzzyvillebergstadt > Berlin"),  # fails while building the story
    ]
    for extra in failures:
        assert_one_line_error(cli("build", str(article), "-o", str(out), *extra))
        assert snapshot(tmp_path) == before
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    before = snapshot(tmp_path)
    assert_one_line_error(cli("build", str(bad), "-o", str(out)), "binary")
    assert snapshot(tmp_path) == before


def test_output_that_is_a_folder_fails_cleanly(cli, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(SHORT, encoding="utf-8")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("keep", encoding="utf-8")
    before = snapshot(tmp_path)
    assert_one_line_error(cli("build", str(article), "-o", str(tmp_path / "taken")))
    assert snapshot(tmp_path) == before


def test_a_failed_replace_removes_its_temporary_file(tmp_path):
    from storymap.files import write_atomically

    target = tmp_path / "target"
    target.mkdir()
    (target / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomically(target, "new content")
    assert snapshot(tmp_path) == {"target/inside": b"x"}


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _mapped(pid: int, path: Path) -> bool:
    try:
        return str(path) in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("sig", "statuses"),
    [(signal.SIGINT, {130}), (signal.SIGTERM, {-signal.SIGTERM, 130, 128 + signal.SIGTERM})],
    ids=["SIGINT", "SIGTERM"],
)
def test_interrupted_build_keeps_the_old_output(cache_dir, gazetteer, tmp_path, sig, statuses):
    """Interrupt the build once it is working (the gazetteer is mapped, so imports are done):
    the old map stays as it was and no temporary file is left."""
    article = tmp_path / "big.txt"
    article.write_bytes(ten_megabytes()[:3_000_000].rsplit(b"\n\n", 1)[0])
    out = tmp_path / "big.html"
    out.write_text("the previous map", encoding="utf-8")
    before = snapshot(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "storymap", "build", str(article), "-o", str(out)],
        cwd=REPO, env=dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # As from a terminal: Ctrl-C not ignored, whatever the test runner inherited or set
        # (a child started with SIGINT ignored keeps ignoring it, Python included).
        preexec_fn=_default_interrupt,
    )
    deadline = time.monotonic() + 60
    while not _mapped(process.pid, cache_dir) and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in statuses, stderr
    if sig == signal.SIGINT:  # after the progress line (a 3 MB input), one line says why
        assert stderr.decode("utf-8").splitlines()[-1] == "storymap: interrupted"
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------ determinism


def test_outputs_are_byte_identical_across_processes(cache_dir, gazetteer, tmp_path):
    """Two processes with different hash seeds: the same HTML, story JSON, GeoJSON,
    StoryMapJS JSON and geoparse JSON (the route inferred, not given)."""
    text = ARTICLE + f"\n\n{HOSTILE} Kim fuhr nach Moskau.\n"
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    runs = []
    for seed in ("1", "2"):
        folder = tmp_path / f"run{seed}"
        env = dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir), PYTHONHASHSEED=seed)
        commands = [
            ["build", str(article), "--self-contained", "-o", str(folder / "map.html"),
             "--geojson", str(folder / "map.geojson"), "--story", str(folder / "story.json"),
             "--storymapjs", str(folder / "storymapjs.json")],
            ["geoparse", "--json", str(article), "-o", str(folder / "places.json")],
        ]
        for command in commands:
            subprocess.run([sys.executable, "-m", "storymap", *command], cwd=REPO, env=env,
                           check=True, capture_output=True, timeout=CLI_TIMEOUT)
        runs.append(snapshot(folder))
    assert sorted(runs[0]) == ["map.geojson", "map.html", "places.json", "story.json",
                               "storymapjs.json"]
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name
