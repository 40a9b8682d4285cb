"""What the benefit pays: the household's norm, less counted earnings, less any sanction.

Earnings from a part-time job count against the norm above the earnings disregard
(``money.disregard_share`` of the earnings, at most ``money.disregard_max_month``, in the
first ``money.disregard_months`` of the job; instruments may be more generous). A
sanction withholds ``behaviour.sanction_cut`` of what would be paid. The month's ledger
books exactly what is paid.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from sim.core.population import State

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel


def norms(m: ReintegrationModel, rows: np.ndarray) -> np.ndarray:
    """The net norm of each claimant's household."""
    money = m.cfg.money
    return _norm_table(money.norm_single, money.norm_single_parent,
                       money.norm_couple)[m.pop.household[rows]]


@lru_cache(maxsize=64)
def _norm_table(single: float, single_parent: float, couple: float) -> np.ndarray:
    table = np.array([single, single_parent, couple])
    table.flags.writeable = False
    return table


def standard_disregard(m: ReintegrationModel, earnings: np.ndarray,
                       months_in_job: np.ndarray) -> np.ndarray:
    """The disregard of the period's rules (``money.disregard_*``)."""
    money = m.cfg.money
    return np.where(months_in_job < money.disregard_months,
                    np.minimum(money.disregard_share * earnings, money.disregard_max_month), 0.0)


def disregard(m: ReintegrationModel, rows: np.ndarray, earnings: np.ndarray,
              months_in_job: np.ndarray) -> np.ndarray:
    """The part of each claimant's earnings that does not count against the benefit: the
    period's rule, or more where an instrument gives more."""
    return m.policies.disregard(rows, standard_disregard(m, earnings, months_in_job), earnings,
                                months_in_job)


def month_benefits(m: ReintegrationModel) -> dict[str, float]:
    """This month's benefits of everyone on bijstand, and their parts."""
    pop, t = m.pop, m.month
    rows = (pop.state == State.BIJSTAND.value).nonzero()[0]
    norm, earnings = norms(m, rows), pop.earnings[rows]
    working = earnings > 0
    before_cut = norm.copy()  # without earnings the norm (nothing to disregard)
    earners, earned = rows[working], earnings[working]
    kept = disregard(m, earners, earned, t - pop.part_time_start[earners])
    before_cut[working] = np.maximum(norm[working] - np.maximum(earned - kept, 0.0), 0.0)
    sanctioned = pop.sanction_until[rows] > t
    cut = np.where(sanctioned, m.rules.sanction_cut * before_cut, 0.0)
    paid = before_cut - cut
    return {
        "stock": len(rows),
        "with_earnings": int(working.sum()),
        "earnings": float(earnings.sum()),
        "sanctioned": int(sanctioned.sum()),
        "cost_benefits": float(paid.sum()),
        "top_ups": float(paid[working].sum()),
        "disregard_paid": float((before_cut - np.maximum(norm - earnings, 0.0))[working].sum()),
        "sanction_savings": float(cut.sum()),
    }
