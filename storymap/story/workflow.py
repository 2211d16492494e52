"""From an article file to its Story, the way the CLI and batch runs do it.

One place decides what wins when several say something about the same story: options
given on the command line, then the overrides file found beside the article, then the
article's own page metadata (HTML title and date), then what storymap reads in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storymap.sources.inputs import read_source
from storymap.story import overrides as overrides_module
from storymap.story.build import Geocoder, build_story
from storymap.story.model import Story
from storymap.story.overrides import Overrides


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    lang: str = "auto"
    title: str | None = None
    route: tuple[str, ...] = ()
    source: str | None = None
    credits: str | None = None
    overrides: Path | None = None  # None: look beside the article
    discover_overrides: bool = True


def overrides_for(article: str | Path, options: ExtractOptions) -> Overrides | None:
    """The overrides file given, else the one beside the article, else none."""
    if options.overrides is not None:
        return overrides_module.load(options.overrides)
    if options.discover_overrides and str(article) != "-":
        found = overrides_module.discover(Path(article))
        if found is not None:
            return overrides_module.load(found)
    return None


def story_from_file(
    article: str | Path, options: ExtractOptions | None = None, geocoder: Geocoder | None = None
) -> Story:
    """Read, geoparse and correct one article ("-" reads stdin)."""
    options = options or ExtractOptions()
    fixes = overrides_for(article, options)
    given = fixes or Overrides()
    document = read_source(article)
    return build_story(
        document.text,
        title=options.title or given.title or document.title,
        lang=options.lang,
        route=list(options.route) or None,
        source=options.source or given.source or document.site,
        credits=options.credits or given.credits,
        published=given.date or document.date,
        overrides=fixes,
        geocoder=geocoder,
    )
