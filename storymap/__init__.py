"""storymap: turn a news article into an interactive geographic story map, offline.

The public API, in one place; everything under the subpackages is internal::

    import storymap

    result = storymap.geoparse(text)              # places with offsets, resolved offline
    story = storymap.build_story(text)            # places + the journey the text tells
    storymap.save_map(story, "map.html")          # one HTML page (atomic write)
    html = storymap.render_html(story)            # the same page as a string
    again = storymap.load_story("story.json")     # a story file, hand-edited or not
    storymap.__version__

Names are imported on first use (PEP 562), so ``import storymap`` costs nothing and the CLI
loads only what a command needs. In Jupyter a Story displays as its map inline.

The package's stages: ``geoparse`` (text, recognition, resolution, lexicons), ``journey``,
``story`` (the model, building, the story file, overrides), ``render``, ``exports``,
``sources`` (input files, online geocoders), ``batch``, ``evaluate``.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

from storymap.version import __version__

if TYPE_CHECKING:
    from storymap.geoparse import GeoparseResult as GeoparseResult
    from storymap.geoparse import geoparse as geoparse
    from storymap.render.output import render_html as render_html
    from storymap.render.output import save_map as save_map
    from storymap.story.build import build_story as build_story
    from storymap.story.model import Story as Story
    from storymap.story.storyfile import load as load_story  # noqa: F401

# Public name -> (module, attribute in it).
_EXPORTS = {
    "geoparse": ("storymap.geoparse", "geoparse"),
    "GeoparseResult": ("storymap.geoparse", "GeoparseResult"),
    "build_story": ("storymap.story.build", "build_story"),
    "Story": ("storymap.story.model", "Story"),
    "load_story": ("storymap.story.storyfile", "load"),
    "render_html": ("storymap.render.output", "render_html"),
    "save_map": ("storymap.render.output", "save_map"),
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'storymap' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


def _notebook_html(story: Any) -> str:
    return import_module("storymap.render.output").notebook_html(story)


def register_notebook_display() -> bool:
    """Show a Story as its map in IPython/Jupyter: the HTML formatter learns the type by
    name, so neither the model nor this module imports the renderer until a Story is shown.
    Runs on import when IPython is running; True when it registered."""
    ipython_module = sys.modules.get("IPython")
    shell = ipython_module.get_ipython() if ipython_module else None  # type: ignore[attr-defined]
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type_by_name("storymap.story.model", "Story", _notebook_html)
    return True


register_notebook_display()
