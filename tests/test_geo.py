"""The inlined distance and the fast tokeniser give exactly what the plain versions give."""

import math
import random
import re

from gazetteer.geo import anchor_point, haversine_km, nearest_km
from gazetteer.normalize import TOKEN_PATTERN


def test_nearest_km_is_haversine_bit_for_bit():
    rng = random.Random(7)
    for _ in range(2000):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        others = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(3)]
        expected = min(haversine_km(lat, lon, a, b) for a, b in others)
        assert nearest_km(lat, lon, [anchor_point(a, b) for a, b in others]) == expected
    assert nearest_km(0.0, 0.0, []) == math.inf


def test_token_pattern_finds_the_tokens_of_the_plain_pattern():
    apostrophes = "'’‘`´ʼʹ"
    plain = re.compile(rf"[^\W_]+(?:[{apostrophes}][^\W_]+)*")
    alphabet = "aZ9ä ß_-'’`ʼ.,\u0301\u00a0\n\u0416東"
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert TOKEN_PATTERN.findall(text) == plain.findall(text), repr(text)
