"""Derived place forms (russischen → Russia, Moskauer → Moscow, North Korean → North Korea).

``derived`` is the runtime lookup over the packaged table; ``build`` generates that table from
the gazetteer with suffix rules, wordfreq and a curated list of irregular forms.
"""

from storymap.geoparse.lexicon.derived import DerivedForm, DerivedLexicon

__all__ = ["DerivedForm", "DerivedLexicon"]
