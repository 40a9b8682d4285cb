"""The rules' formulas that run over many rows, as compiled loops (numba).

Each does, per row, the floating-point operations of the rule as
:mod:`sim.core.rules` states it, in the same order, so the numbers are those of the
NumPy expressions to the bit; one pass over the rows replaces a dozen array passes.
:mod:`sim.core.rules` reads the behaviour parameters and hands them in: nothing here
reads a parameter itself.
"""

from __future__ import annotations

import numba
import numpy as np

MAX_MONTHS = 1200  # the longest duration the tables hold (months)


@numba.njit(cache=True, nogil=True)
def search_chance(table: np.ndarray, gain: np.ndarray, months_on_benefit: np.ndarray,
                  months_since_contact: np.ndarray, health: np.ndarray, debt: np.ndarray,
                  language: np.ndarray, confidence: np.ndarray, lift: np.ndarray
                  ) -> np.ndarray:
    """The search rule in one pass: the table's entry for the month and the barriers
    (bit 0 health, 1 debt, 2 language, 3 confidence), times the contact's gain, times
    ``lift``, at most 1."""
    out = np.empty(len(months_on_benefit), dtype=np.float64)
    for i in range(len(out)):
        combo = health[i] | debt[i] << 1 | language[i] << 2 | confidence[i] << 3
        p = table[min(months_on_benefit[i], MAX_MONTHS) * 16 + combo]
        p = p * gain[min(months_since_contact[i], MAX_MONTHS)] * lift[i]
        out[i] = min(p, 1.0)
    return out


@numba.njit(cache=True, nogil=True, inline="always")
def _duration_penalty(months: int, screening: float, per_year: float, cap: float) -> float:
    return screening * per_year * min(months / 12.0, cap)


@numba.njit(cache=True, nogil=True)
def duration_penalties(months: np.ndarray, screening: np.ndarray, per_year: float,
                        cap: float) -> np.ndarray:
    out = np.empty(len(months), dtype=np.float64)
    for i in range(len(out)):
        out[i] = _duration_penalty(months[i], screening[i], per_year, cap)
    return out


@numba.njit(cache=True, nogil=True, inline="always")
def _language_penalty(has_barrier: bool, penalty: float) -> float:
    return penalty if has_barrier else 0.0


@numba.njit(cache=True, nogil=True)
def language_penalties(language: np.ndarray, penalty: float) -> np.ndarray:
    out = np.empty(len(language), dtype=np.float64)
    for i in range(len(out)):
        out[i] = _language_penalty(language[i], penalty)
    return out


@numba.njit(cache=True, nogil=True)
def scores(wage_value: np.ndarray, education: np.ndarray, months_on_benefit: np.ndarray,
           age_years: np.ndarray, language: np.ndarray, requirement: np.ndarray,
           screening: np.ndarray, noise: np.ndarray, bonus: np.ndarray,
           weights: np.ndarray) -> np.ndarray:
    """The applicant's score in one pass; ``weights`` holds the penalty per year out of
    work, its cap in years, the 55+ and language penalties, the penalty per education
    level short and the noise's standard deviation."""
    per_year, cap, age55, lang, mismatch, sd = weights
    out = np.empty(len(wage_value), dtype=np.float64)
    for i in range(len(out)):
        score = wage_value[i] - _duration_penalty(months_on_benefit[i], screening[i],
                                                  per_year, cap)
        score = score - (age55 if age_years[i] >= 55.0 else 0.0)
        score = score - _language_penalty(language[i], lang)
        score = score - mismatch * max(requirement[i] - education[i], 0)
        out[i] = score + sd * noise[i] + bonus[i]
    return out


@numba.njit(cache=True, nogil=True)
def job_loss_chances(tenure_months: np.ndarray, firing: np.ndarray, shield: np.ndarray,
                     cycle: float, first_year: float, later: float) -> np.ndarray:
    """The job-loss rule: the first year's rate or the later one, times the employer's
    firing, the shield and the cycle, at most 1."""
    out = np.empty(len(tenure_months), dtype=np.float64)
    for i in range(len(out)):
        base = first_year if tenure_months[i] < 12 else later
        out[i] = min(base * firing[i] * shield[i] * cycle, 1.0)
    return out


@numba.njit(cache=True, nogil=True)
def other_income_chances(household: np.ndarray, couple: int, rate: float,
                         couple_factor: float) -> np.ndarray:
    """The other-income rule: ``rate`` (the cycle's pull included), times the couples'
    factor for couples, at most 1."""
    out = np.empty(len(household), dtype=np.float64)
    for i in range(len(out)):
        out[i] = min(rate * (couple_factor if household[i] == couple else 1.0), 1.0)
    return out


@numba.njit(cache=True, nogil=True)
def sanction_factors(months_since_sanction: np.ndarray, lift_months: float, lift: float
                     ) -> np.ndarray:
    """The sanction's lift on search: ``lift`` within ``lift_months`` after it, else 1."""
    out = np.empty(len(months_since_sanction), dtype=np.float64)
    for i in range(len(out)):
        m = months_since_sanction[i]
        out[i] = lift if (m >= 0) & (m < lift_months) else 1.0
    return out
