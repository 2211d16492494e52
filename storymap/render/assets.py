"""Leaflet's script and stylesheet: CDN links, or inlined from the XStatic-Leaflet package
(the same Leaflet 1.9.3 folium uses) for pages that must work offline from ``file://``."""

from __future__ import annotations

import base64
import re
import shutil
from html import escape
from pathlib import Path

LEAFLET_VERSION = "1.9.3"
CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist"
_IMAGE_URL = re.compile(r"url\((images/[\w.-]+\.png)\)")


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def head_links() -> str:
    return (
        f'<link rel="stylesheet" href="{CDN}/leaflet.css">\n'
        f'<script src="{CDN}/leaflet.js"></script>\n'
    )


def head_local(base: str) -> str:
    """Links to one shared copy of Leaflet in the folder ``base`` (relative, "assets/")."""
    return (
        f'<link rel="stylesheet" href="{escape(base)}leaflet.css">\n'
        f'<script src="{escape(base)}leaflet.js"></script>\n'
    )


def write_shared(folder: Path) -> None:
    """Copy Leaflet's script, stylesheet and images into ``folder`` (for ``head_local``);
    files already there with the same bytes are left alone."""
    source = _leaflet_dir()
    names = ["leaflet.js", "leaflet.css", *(f"images/{p.name}" for p in
                                           sorted((source / "images").glob("*.png")))]
    for name in names:
        target = folder / name
        data = (source / name).read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target)


def head_inline() -> str:
    """Leaflet inlined: its CSS with the layer-control images as data URIs."""
    folder = _leaflet_dir()
    css = (folder / "leaflet.css").read_text("utf-8")

    def data_uri(match: re.Match[str]) -> str:
        payload = base64.b64encode((folder / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{payload})"

    css = _IMAGE_URL.sub(data_uri, css)
    script = (folder / "leaflet.js").read_text("utf-8").replace("</script", "<\\/script")
    return f"<style>\n{css}\n</style>\n<script>\n{script}\n</script>\n"
