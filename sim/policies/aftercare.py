"""Aftercare (nazorg) in the first year of work (Lelystad, Arnhem).

Claimants of the target group who leave bijstand for work while the instrument is
active keep a contact person for their first ``months`` in work: problems are solved
before they cost the job, so the monthly chance of losing it is multiplied by
``job_loss_shield``. Aftercare already promised runs its course after the window
closes. It costs ``cost_per_person_month`` for every person-month in aftercare;
``returns`` counts people who lost their job during aftercare and claimed bijstand again.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason, Route


class AftercareRun(PolicyInstrument):
    name = "aftercare"
    extra_tallies = ("returns",)

    def attach(self) -> None:
        self.pop.add_column("ac_until", np.int32, -1)  # aftercare ends at this month; -1: none

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        if reason not in TO_WORK or not self.can_start():
            return
        rows = rows[self.in_target(rows)]
        self.pop.ac_until[rows] = self.model.month + self.cfg.months
        self.tally["starts"] += len(rows)

    def stage_outside_flows(self) -> None:
        """Aftercare ends once the first ``months`` in work are over."""
        pop = self.pop
        done = np.flatnonzero((pop.ac_until >= 0) & (pop.ac_until <= self.model.month))
        pop.ac_until[done] = -1
        self.tally["completions"] += len(done)

    def _cared(self, until: np.ndarray) -> np.ndarray:
        # months are negative during warm-up, so test for "none" (-1) explicitly
        return (until >= 0) & (until > self.model.month)

    def job_loss_shield(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self._cared(self.pop.ac_until[rows]), self.cfg.job_loss_shield, 1.0)

    def on_enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        cared = rows[self.pop.ac_until[rows] >= 0]
        self.tally["returns"] += len(cared)
        self.pop.ac_until[cared] = -1

    def on_leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        self.pop.ac_until[rows] = -1

    def end_month(self) -> None:
        n = int(self._cared(self.pop.ac_until).sum())
        self.tally["participants"] = n
        self.charge(n * self.cfg.cost_per_person_month)
