"""A Story as a file or a notebook cell: the renderer's entry points for callers."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from storymap.files import write_atomically
from storymap.render.names import heading
from storymap.render.page import render_page as render_html
from storymap.story.model import Story


def save_map(story: Story, path: str | Path, **options: Any) -> Path:
    """Write the story map (options as ``render_html``); the file appears only complete
    (atomic replace), so a failed build never leaves half a page."""
    path = Path(path)
    write_atomically(path, render_html(story, **options))
    return path


def notebook_html(story: Story) -> str:
    """How Jupyter shows a Story: the map inline, in an iframe so its script runs isolated."""
    page = escape(render_html(story), quote=True)
    return (
        f'<iframe srcdoc="{page}" title="{escape(heading(story))}" '
        'allow="fullscreen" style="width:100%;height:600px;border:0"></iframe>'
    )
