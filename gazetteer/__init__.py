"""storymap's embedded offline gazetteer: GeoNames, Natural Earth, Who's On First and CLDR
merged into one memory-mapped store that knows German names.

It knows nothing about articles or maps: it answers "which places are called X", "what is
place Y", "what is near Z", and finds known names in running text.
"""

from gazetteer.cache import GazetteerDataError
from gazetteer.model import Candidate, NameFlag, Place
from gazetteer.normalize import normalize
from gazetteer.store import Gazetteer, NameMatch

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerDataError",
    "NameFlag",
    "NameMatch",
    "Place",
    "normalize",
]
