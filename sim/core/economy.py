"""The business cycle: a vacancy index per month and its pull on inflow, job loss and
exits to other income.

The index is 1 in a steady economy. During warm-up (negative months) it stays at the
value of month 0, so the caseload matures under the economy the scenario starts in.
"""

from __future__ import annotations

import dataclasses

from sim.config.params import Economy
from sim.core.measured import measured_series


def resolved(e: Economy, start_date: str, months: int) -> Economy:
    """The economy a run follows: a measured one becomes the series it stands for from the
    run's start date (:mod:`sim.core.measured`); every other kind is itself."""
    if e.kind != "measured":
        return e
    return dataclasses.replace(e, kind="series", series=measured_series(start_date, months))


def vacancy_index(e: Economy, month: int) -> float:
    """Vacancies open to claimants relative to a steady economy."""
    t = max(month, 0)
    if e.kind == "steady":
        return 1.0
    if e.kind == "series":
        return float(e.series[min(t, len(e.series) - 1)])
    sign = 1.0 if e.kind == "boom" else -1.0
    if t <= e.ramp_months:
        return 1.0 + sign * e.amplitude * t / e.ramp_months
    if e.kind == "boom":
        return 1.0 + e.amplitude
    # recession: back to steady over the recovery months
    back = min(t - e.ramp_months, e.recovery_months) / e.recovery_months
    return 1.0 - e.amplitude * (1.0 - back)


def inflow_index(e: Economy, month: int) -> float:
    """New applicants relative to a steady economy: more when vacancies are scarce."""
    t = max(month, 0)
    index = max(0.0, 1.0 + e.inflow_elasticity * (1.0 - vacancy_index(e, month)))
    if e.inflow_series:
        index *= float(e.inflow_series[min(t, len(e.inflow_series) - 1)])
    return index


def job_loss_index(e: Economy, month: int) -> float:
    """Job loss relative to a steady economy: more when vacancies are scarce."""
    return max(0.0, 1.0 + e.job_loss_elasticity * (1.0 - vacancy_index(e, month)))


def other_income_index(e: Economy, month: int) -> float:
    """Exits to other income relative to a steady economy: more when vacancies abound."""
    return max(0.0, 1.0 + e.other_income_elasticity * (vacancy_index(e, month) - 1.0))
