"""Debt help: one contact person who also tackles debt and poverty (Arnhem).

Up to ``places`` claimants of the target group who have the debt barrier get a case,
oldest person id first, one case per spell. Each month a case is worked on, the debt
barrier is resolved with chance ``resolve_rate`` (on top of what regular contacts
achieve); a case closes when the debt barrier is gone, after ``max_months``, or when the
spell ends. Each case-month worked on costs ``cost_per_case_month``.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import Places, PolicyInstrument
from sim.population import EndReason


class DebtHelpRun(PolicyInstrument):
    name = "debt_help"
    extra_tallies = ("debts_resolved",)
    purpose_base = 50

    def attach(self) -> None:
        self.places = Places(self, "dh")  # a case is a place
        self.places.attach()

    def stage_caseload(self) -> None:
        pop, t, c = self.pop, self.model.month, self.cfg
        cases = self.places.members()
        if not self.active():
            self.places.release(cases)
            return
        close = cases[~pop.debt[cases] | (t - pop.dh_since[cases] >= c.max_months)]
        self.places.release(close)
        self.tally["completions"] += len(close)
        cases = cases[pop.dh_since[cases] >= 0]
        if self.can_start():
            rows = self.places.candidates()
            rows = self.places.enrol(rows[pop.debt[rows]], c.places - len(cases),
                                     c.cost_per_case_month)
            cases = np.union1d(cases, rows)
        self.tally["participants"] = len(cases)
        solved = cases[self.draw(cases, 0) < c.resolve_rate]
        pop.debt[solved] = False
        self.places.release(solved)
        self.tally["debts_resolved"] += len(solved)
        self.tally["completions"] += len(solved)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        """Charge the case-months worked on in this month's stage."""
        self.charge(self.tally["participants"] * self.cfg.cost_per_case_month)
