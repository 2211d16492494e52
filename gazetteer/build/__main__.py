"""``python -m gazetteer.build``: rebuild the embedded gazetteer (see ``gazetteer.build.cli``)."""

from gazetteer.build.cli import main

raise SystemExit(main())
