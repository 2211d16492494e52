"""The weights of the recognition decision, in one place so that an experiment can vary
them (see ``evidence`` and ``decision``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """Weights of the recognition decision."""

    threshold: float = 7.0
    coherence_window: float = 5.0
    coherence_km: float = 300.0
    common_word_zipf: float = 3.5
    common_word_weight: float = 3.0
    rare_word_zipf: float = 2.0
    rare_word_bonus: float = 2.0
    preposition_bonus: float = 3.0
    generic_bonus: float = 5.0
    function_word_zipf: float = 5.5
    very_common_zipf: float = 4.5
    compound_prominence: float = 9.0
    self_evident_prominence: float = 9.5
    all_caps_prominence: float = 9.0
    alternate_name_penalty: float = 3.0
    adjective_penalty: float = 8.0
    # A world city keeps its name after a first name (dass Ludwig Paris nicht mochte);
    # a smaller one there is a surname (Michael Jackson: Jackson, Mississippi is 10.1).
    world_city_prominence: float = 11.5
