"""Aftercare (nazorg) in the first year of work (Lelystad, Arnhem).

Claimants of the target group who leave bijstand for work while the instrument is
active keep a contact person for their first ``months`` in work: problems are solved
before they cost the job, so the monthly chance of losing it is multiplied by
``job_loss_shield``. Aftercare already promised runs its course after the window
closes. It costs ``cost_per_person_month`` for every person-month in aftercare;
``returns`` counts people who lost their job during aftercare and claimed bijstand again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason, Route
from sim.policies.base import TO_WORK, PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.target import InstrumentConfig


@dataclass
class Aftercare(InstrumentConfig):
    """Nazorg: support in the first year of work so that fewer lose the job."""

    months: int = p(12, "months in work", 1, 120, source=(
        "Lelystad: aftercare in the first year of work (seed 001)"))
    job_loss_shield: float = p(0.75, "multiplier on the job-loss chance", 0, 1, source=(
        "stated assumption: problems are solved before they cost the job (seed 001)"))
    cost_per_person_month: float = p(100.0, "EUR per person per month", 0, 10000, source=(
        "stated assumption: about two hours a month of a client manager at EUR 56,000 a "
        "year per FTE (facts table)"))


class AftercareRun(PolicyInstrument, name="aftercare", config=Aftercare):
    extra_tallies = ("returns",)

    def attach(self) -> None:
        self.add_column("until", np.int32, -1)  # aftercare ends at this month; -1: none

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        if reason not in TO_WORK or not self.can_start():
            return
        rows = rows[self.in_target(rows)]
        self.column("until")[rows] = self.model.month + self.cfg.months
        self.tally["starts"] += len(rows)

    @stage("outside_flows")
    def end_aftercare(self) -> None:
        """Aftercare ends once the first ``months`` in work are over."""
        until = self.column("until")
        done = np.flatnonzero((until >= 0) & (until <= self.model.month))
        until[done] = -1
        self.tally["completions"] += len(done)

    def _cared(self, until: np.ndarray) -> np.ndarray:
        # months are negative during warm-up, so test for "none" (-1) explicitly
        return (until >= 0) & (until > self.model.month)

    @hook
    def job_loss_shield(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self._cared(self.column("until")[rows]), self.cfg.job_loss_shield, 1.0)

    @hook
    def on_enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        until = self.column("until")
        cared = rows[until[rows] >= 0]
        self.tally["returns"] += len(cared)
        until[cared] = -1

    @hook
    def on_leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        self.column("until")[rows] = -1

    def end_month(self) -> None:
        n = int(self._cared(self.column("until")).sum())
        self.tally["participants"] = n
        self.charge(n * self.cfg.cost_per_person_month)
