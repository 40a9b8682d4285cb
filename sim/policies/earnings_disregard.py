"""A more generous earnings disregard (inkomstenvrijlating) for a target group.

The benefit counts earnings from a part-time job only above the disregard. For claimants
of the target group whose part-time job began while the instrument acts, ``share`` of the
earnings, at most ``max_month`` a month, is disregarded on top of the standard rule, for
``months`` months from the start of the job (never more than the earnings), as in the
single-parent experiment of 2009, which added its disregard to the standard one. Keeping
more of what they earn makes a part-time offer more attractive
(``behaviour.disregard_response``).
The extra disregard is paid as benefit, so it shows in ``cost_benefits``; the column
``extra_disregard`` says how much of it this instrument added, and ``cost_per_person_month``
books the administration in ``cost_instruments``; once a budget cap is reached, the
larger disregard stops.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.schema import p
from sim.core.benefit import standard_disregard
from sim.core.population import State
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook
from sim.policies.target import InstrumentConfig


@dataclass
class EarningsDisregard(InstrumentConfig):
    """A larger or longer earnings disregard for a target group."""

    share: float = p(0.25, "share of earnings, on top of the standard disregard", 0, 1,
                     source=(
        "stated assumption: as much again as the standard 25% (facts table); the 2017-2019 "
        "experiments gave extra disregards of up to about EUR 100-200 a month (CPB 2022)"))
    max_month: float = p(264.0, "EUR/month", 0, 5000, source=(
        "stated assumption: the 2024 standard maximum (facts table)"))
    months: int = p(12, "months from the start of the job", 1, 600, source=(
        "stated assumption: twice the standard six months (facts table)"))
    cost_per_person_month: float = p(10.0, "EUR per person with a larger disregard per month",
                                     0, 1000, source="stated assumption: administration")


class EarningsDisregardRun(PolicyInstrument, name="earnings_disregard",
                           config=EarningsDisregard):
    extra_tallies = ("extra_disregard",)

    def _covered(self, rows: np.ndarray, months_in_job: np.ndarray) -> np.ndarray:
        started = self.model.month - months_in_job
        return (self.in_target(rows) & (started >= self.cfg.start_month) & self.can_start()
                & (months_in_job < self.cfg.months))

    @hook
    def disregard(self, rows: np.ndarray, base: np.ndarray, earnings: np.ndarray,
                  months_in_job: np.ndarray) -> np.ndarray:
        c = self.cfg
        extra = np.minimum(c.share * earnings, c.max_month)
        return np.where(self._covered(rows, months_in_job),
                        np.minimum(base + extra, earnings), base)

    def end_month(self) -> None:
        m, pop = self.model, self.pop
        rows = np.flatnonzero((pop.state == State.BIJSTAND.value) & (pop.earnings > 0))
        months, earnings = m.month - pop.part_time_start[rows], pop.earnings[rows]
        base = standard_disregard(m, earnings, months)
        mine = self.disregard(rows, base, earnings, months)
        covered_rows = self._covered(rows, months)
        covered = int(covered_rows.sum())
        self.tally["participants"] = covered
        self.tally["starts"] = int((covered_rows & (months == 0)).sum())
        self.tally["extra_disregard"] = float((np.minimum(mine, earnings)
                                               - np.minimum(base, earnings)).sum())
        self.charge(covered * self.cfg.cost_per_person_month)
