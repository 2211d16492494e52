"""What a batch's output folder holds, by name: shared by the batch and its command line."""

from __future__ import annotations

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})


MANIFEST = "storymap-batch.json"


INDEX = "index.html"


SUMMARY = "summary.json"


ASSETS = "assets"  # the one shared copy of Leaflet, with --shared-assets
