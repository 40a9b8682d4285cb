"""Rules written for speed give the numbers of the rule as stated, bit for bit."""

from __future__ import annotations

import numpy as np

from sim.config.behaviour import Behaviour
from sim.core.rules import MAX_MONTHS, Rules


def stated_search_probability(r: Rules, months, since_contact, health, debt, language,
                              confidence, lift):
    """The search rule as docs/model.md states it, multiplied out term by term."""
    pen, b = r.search_penalty, r._b
    p = b.search_base * r.search_by_duration[np.minimum(months, MAX_MONTHS)]
    for has, barrier in ((health, "health"), (debt, "debt"), (language, "language"),
                         (confidence, "confidence")):
        p = p * np.where(has, pen[barrier], 1.0)
    fade = r.contact_fade[np.minimum(since_contact, MAX_MONTHS)]
    return np.minimum(p * (1.0 + b.contact_boost * fade) * lift, 1.0)


def test_search_probability_from_its_table_is_the_stated_product() -> None:
    gen = np.random.default_rng(5)
    n = 50_000
    for behaviour in (Behaviour(), Behaviour(search_base=0.9, contact_boost=2.5,
                                             search_penalty_debt=0.7)):
        r = Rules(behaviour)
        months = gen.integers(0, MAX_MONTHS + 300, n).astype(np.int32)
        since = gen.integers(0, 2000, n).astype(np.int32)
        flags = [gen.random(n) < share for share in (0.3, 0.2, 0.4, 0.5)]
        lift = gen.uniform(0.5, 3.0, n)
        got = r.search_probability(months, since, *flags, lift=lift)
        want = stated_search_probability(r, months, since, *flags, lift)
        assert np.array_equal(got, want)
