"""``python -m storymap`` is the ``storymap`` command."""

from storymap.cli import main

raise SystemExit(main())
