"""Rules written for speed give the numbers of the rule as stated, bit for bit."""

from __future__ import annotations

import numpy as np

from sim.config.behaviour import Behaviour
from sim.core.population import Household
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


def test_compiled_rules_give_the_stated_numbers() -> None:
    """The score, job loss, exits to other income and the sanction's lift, each as the
    rule states it in NumPy, bit for bit (the compiled loops of sim/core/formulas.py)."""
    gen = np.random.default_rng(11)
    n = 20_000
    b = Behaviour(age55_penalty=0.3, language_penalty=0.2, mismatch_penalty=0.15)
    r = Rules(b)
    months = gen.integers(-3, 400, n).astype(np.int32)
    screening = gen.uniform(0.0, 2.0, n)
    age, noise = gen.uniform(18, 67, n), gen.standard_normal(n)
    wage, bonus = gen.uniform(0.2, 1.6, n), gen.uniform(-0.5, 0.5, n)
    language = gen.random(n) < 0.3
    education = gen.integers(0, 3, n).astype(np.int8)
    requirement = gen.integers(0, 3, n).astype(np.int8)
    duration = screening * b.duration_penalty_per_year * np.minimum(
        months / 12.0, b.duration_penalty_cap_years)
    score = (wage - duration - np.where(age >= 55.0, b.age55_penalty, 0.0)
             - np.where(language, b.language_penalty, 0.0)
             - b.mismatch_penalty * np.maximum(requirement - education, 0))
    assert np.array_equal(r.duration_penalty(months, screening), duration)
    assert np.array_equal(r.language_penalty(language), np.where(language, b.language_penalty,
                                                                 0.0))
    for extra in (0.0, bonus):
        got = r.applicant_score(wage, education, months, age, language, requirement,
                                screening, noise, bonus=extra)
        assert np.array_equal(got, score + b.score_noise_sd * noise + extra)
    firing, shield = gen.uniform(0.5, 3.0, n), gen.uniform(0.2, 1.5, n)
    for s in (1.0, shield):
        base = np.where(months < 12, b.job_loss_first_year, b.job_loss_later)
        assert np.array_equal(r.job_loss_probability(months, firing, s, 1.7),
                              np.minimum(base * firing * s * 1.7, 1.0))
    household = gen.integers(0, 3, n).astype(np.int8)
    factor = np.where(household == Household.COUPLE.value, b.other_income_couple_factor, 1.0)
    assert np.array_equal(r.other_income_probability(household, 1.3),
                          np.minimum(b.other_income_rate * 1.3 * factor, 1.0))
    recent = (months >= 0) & (months < b.sanction_lift_months)
    assert np.array_equal(r.sanction_search_factor(months),
                          np.where(recent, b.sanction_search_lift, 1.0))
