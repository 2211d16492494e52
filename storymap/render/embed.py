"""The snippet that embeds a story map in another page (``storymap build --embed``, and per
map in a batch's index)."""

from __future__ import annotations

from html import escape


def embed_snippet(src: str, title: str) -> str:
    """A responsive ``<iframe>``: a 16:10 box as wide as the column (never shorter than a
    phone needs for map and text), full screen allowed — a cross-origin frame may only go
    full screen with ``allow="fullscreen"`` —, loaded only when scrolled near, and titled
    for screen readers."""
    return (
        '<div style="position:relative;width:100%;aspect-ratio:16/10;min-height:32rem">'
        f'<iframe src="{escape(src)}" title="{escape(title)}" allow="fullscreen" '
        'allowfullscreen loading="lazy" '
        'style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>'
    )
