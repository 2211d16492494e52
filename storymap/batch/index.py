"""A batch's index page: every map with its title, date, stops, place count and embed snippet,
in the articles' language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from storymap.version import __version__

if TYPE_CHECKING:
    from storymap.batch.run import ArticleResult, BatchSummary


def index_lang(articles: Sequence[ArticleResult], ui_lang: str | None = None) -> str:
    """The index's language: the interface language asked for, else the one most of the
    maps are in (German for a folder of German articles), English when none says."""
    if ui_lang:
        return ui_lang
    counts: dict[str, int] = {}
    for article in articles:
        if article.status != "failed" and article.lang:
            counts[article.lang] = counts.get(article.lang, 0) + 1
    return min(counts, key=lambda lang: (-counts[lang], lang)) if counts else "en"


def render_index(summary: BatchSummary) -> str:
    """``index.html``: in the articles' language, per map its title, date, route stops (the
    pages' base names), place count and an embed snippet; then the failed inputs.

    Deterministic (no times of the run): an unchanged batch leaves the file unchanged.
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    from storymap.render.embed import embed_snippet
    from storymap.render.messages import catalogue, format_date

    environment = Environment(
        loader=PackageLoader("storymap.render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("batch_index.html.j2")
    lang = index_lang(summary.articles, summary.options.ui_lang)
    messages = catalogue(lang)
    maps = []
    for article in summary.articles:
        if article.status == "failed":
            continue
        title = article.title or article.output or ""
        maps.append({
            "href": quote(article.output or ""),
            "title": title,
            "input": article.input,
            "date": format_date(article.date, lang),
            "datetime": article.date or "",
            "places": article.places,
            "mentions": article.mentions,
            "route": list(article.route),
            "embed": embed_snippet(article.output or "", title),
        })
    failed = [
        {"input": article.input, "error": article.error}
        for article in summary.articles
        if article.status == "failed"
    ]
    count = len(maps)
    counted = messages["index_count_one" if count == 1 else "index_count"]
    return template.render(
        maps=maps, failed=failed, version=__version__, lang=lang, messages=messages,
        count_text=counted.replace("{count}", str(count)),
        failed_text=messages["index_failed"].replace("{count}", str(len(failed))),
    )
