"""storymap: turn a news article into an interactive geographic story map, offline."""

__version__ = "0.1.0"
