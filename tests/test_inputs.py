"""Article input: HTML pages reduced to their article body; Markdown and text as they are."""

import pytest

from storymap.geoparse.text import InputError
from storymap.sources.inputs import from_bytes, looks_like_html

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Kim in Wladiwostok | Beispielzeitung</title>
<meta property="og:title" content="Kim in Wladiwostok">
<meta name="date" content="2019-04-24">
</head><body>
<nav><a href="/">Start</a> | <a href="/politik">Politik</a> | Wetter in Hamburg</nav>
<article><h1>Kim in Wladiwostok</h1>
<p>Nordkoreas Machthaber Kim Jong Un ist mit seinem Sonderzug in Wladiwostok eingetroffen.
Er hatte zuvor in der Grenzstadt Chassan russischen Boden betreten.</p>
<p>Das Treffen mit Putin soll auf der Insel Russky stattfinden &amp; lange dauern.</p>
</article>
<footer>Impressum · Beispielzeitung GmbH, Köln</footer>
</body></html>"""


def test_html_page_gives_the_article_body_title_and_date():
    source = from_bytes(PAGE.encode("utf-8"), "kim.html")
    assert source.kind == "html"
    assert source.title == "Kim in Wladiwostok"
    assert source.date == "2019-04-24"
    paragraphs = source.text.strip().split("\n\n")
    assert paragraphs[0].startswith("Nordkoreas Machthaber")
    assert paragraphs[-1] == (
        "Das Treffen mit Putin soll auf der Insel Russky stattfinden & lange dauern."
    )
    assert "Impressum" not in source.text and "Hamburg" not in source.text


def test_html_is_recognised_by_content_without_a_suffix():
    assert looks_like_html(b"\xef\xbb\xbf  <!doctype html><html>", None)
    assert looks_like_html(b"<!-- saved --><HTML>", "page")
    assert not looks_like_html(b"Berlin <b>ist</b> eine Stadt.", "notes.txt")


def test_markdown_passes_through_as_text():
    markdown = "# Reise nach Rom\n\nSie fuhr *mit dem Zug* nach [Rom](https://example.org).\n"
    source = from_bytes(markdown.encode(), "reise.md")
    assert source.kind == "text" and source.text == markdown


def test_a_page_without_article_text_is_a_clear_error():
    with pytest.raises(InputError, match="no article text"):
        page = b"<!doctype html><html><head><title>x</title></head><body> </body></html>"
        from_bytes(page, "x.html")


def test_geoparsing_an_html_page_finds_its_places(gazetteer):
    from storymap.story.build import build_story

    source = from_bytes(PAGE.encode("utf-8"), "kim.html")
    labels = {p.label for p in build_story(source.text, title=source.title).places}
    assert {"Wladiwostok", "Chassan", "Insel Russky"} <= labels
