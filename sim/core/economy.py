"""The business cycle: a vacancy index per month.

The index is 1 in a steady economy. A measured economy is the CBS count relative to the
mean of the fit window (:mod:`sim.core.measured`), from the first calendar-driven month
on (the spin-up's start, or month 0); every other kind describes months from month 0.
Before its first month (during warm-up) the index holds the first month's value, so the
caseload matures under the economy the calendar starts in. How inflow, job loss and
exits to other income respond is behaviour: constant elasticities in
:mod:`sim.core.rules`, ``index ** elasticity``, which stay positive however far the
measured count moves.
"""

from __future__ import annotations

import dataclasses

from sim.config.params import Economy
from sim.core.measured import measured_series


def resolved(e: Economy, origin: str, months: int) -> Economy:
    """The economy a run follows: a measured one becomes the series it stands for from the
    calendar month ``origin`` on (:mod:`sim.core.measured`); every other kind is itself."""
    if e.kind != "measured":
        return e
    return dataclasses.replace(e, kind="series", series=measured_series(origin, months))


def vacancy_index(e: Economy, t: int) -> float:
    """Vacancies open to claimants relative to a steady economy, in month ``t`` of the
    economy's path (negative: before it starts)."""
    t = max(t, 0)
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


def inflow_factor(e: Economy, t: int) -> float:
    """The scenario's own multiplier on new applicants (``economy.inflow_series``)."""
    if not e.inflow_series:
        return 1.0
    return float(e.inflow_series[min(max(t, 0), len(e.inflow_series) - 1)])
