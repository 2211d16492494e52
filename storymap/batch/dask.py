"""Geoparsing an archive on a Dask cluster: one task per article, the Story back as JSON.

``storymap batch`` fills the cores of one machine; beyond that, the same per-article work
runs as Dask tasks (see ``docs/dask.md``). A task takes an article (a path every worker can
read, or its bytes) and returns a small dict with the Story JSON and, if asked, the rendered
page, so the client decides where results go. Failures come back as data, like in the local
batch: one bad article never fails the whole computation. Each worker process opens the
gazetteer once (``storymap.geoparse`` caches the pipeline per process). Dask itself is
imported only by ``map_stories``; the task function needs nothing but storymap.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storymap.render.output import render_html
from storymap.story.storyfile import dumps

if TYPE_CHECKING:
    from distributed import Client

    from storymap.story.model import Story

Article = str | os.PathLike[str] | bytes


def _story_of(data: bytes, name: str | None, lang: str) -> Story:
    """Bytes → Story: the one place to change how a task builds a story (as ``storymap build``
    reads an article: HTML pages reduced to their body, title and date)."""
    from storymap.sources.inputs import from_bytes
    from storymap.story.build import build_story

    source = from_bytes(data, name)
    if not source.text.strip():
        raise ValueError("empty input")
    return build_story(
        source.text, title=source.title, published=source.date, source=source.site, lang=lang
    )


def story_task(
    article: Article, name: str | None = None, *, lang: str = "auto", render: bool = False
) -> dict[str, Any]:
    """Build one article's Story in the calling process (a Dask worker, or anywhere).

    ``article``: a path the worker can read, or the article's bytes. Returns ``input``,
    ``status`` ("built" or "failed"), ``story`` (the story file's text: ``storymap render``
    draws it anywhere), ``html`` (the page when
    ``render``), ``places``, ``mentions``, ``error`` and ``seconds``."""
    started = time.perf_counter()
    label = name or (f"<{len(article)} bytes>" if isinstance(article, bytes) else str(article))
    result: dict[str, Any] = {
        "input": label, "status": "failed", "story": None, "html": None,
        "places": None, "mentions": None, "error": None, "seconds": None,
    }
    try:
        data = article if isinstance(article, bytes) else Path(article).read_bytes()
        story = _story_of(data, None if isinstance(article, bytes) else str(article), lang)
        result.update(
            status="built",
            story=dumps(story),
            html=render_html(story) if render else None,
            places=len(story.places),
            mentions=len(story.mentions),
        )
    except (ValueError, OSError) as error:
        result["error"] = str(error)
    except Exception as error:  # a bug in storymap: report it, keep the computation going
        result["error"] = f"internal error: {type(error).__name__}: {error}"
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def warm_up() -> int:
    """Open the gazetteer and load the geoparser in this process: ``client.run(warm_up)``
    pays the first-use cost on every worker before the tasks arrive. Returns the pid."""
    from storymap.geoparse import geoparse

    geoparse("Berlin", lang="de")
    return os.getpid()


def map_stories(
    client: Client,
    articles: Sequence[Article],
    names: Iterable[str | None] | None = None,
    *,
    lang: str = "auto",
    render: bool = False,
) -> list[dict[str, Any]]:
    """Run ``story_task`` for every article on the cluster of ``client``; results in input
    order. Holds every result in memory: for archives larger than that, see ``docs/dask.md``
    (a bag written out partition by partition)."""
    labels = list(names) if names is not None else [None] * len(articles)
    if len(labels) != len(articles):
        raise ValueError("give one name per article")
    futures = client.map(story_task, list(articles), labels, lang=lang, render=render, pure=False)
    return list(client.gather(futures))
