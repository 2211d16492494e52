"""``python -m storymap.evaluate PATH …``: the ``storymap eval`` command on its own."""

import argparse

from storymap.evaluate.cli import add_arguments, run

parser = argparse.ArgumentParser(
    prog="python -m storymap.evaluate", description="Measure the geoparser on a corpus."
)
add_arguments(parser)
raise SystemExit(run(parser.parse_args()))
