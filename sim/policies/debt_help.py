"""Debt help: one contact person who also tackles debt and poverty (Arnhem).

Up to ``places`` claimants of the target group who have the debt barrier get a case,
oldest person id first, one case per spell. Each month a case is worked on, the debt
barrier is resolved with chance ``resolve_rate`` (on top of what regular contacts
achieve); a case closes when the debt barrier is gone, after ``max_months``, or when the
spell ends. Each case-month worked on costs ``cost_per_case_month``.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason


class DebtHelpRun(PolicyInstrument):
    name = "debt_help"
    extra_tallies = ("debts_resolved",)
    purpose_base = 50

    def attach(self) -> None:
        self.pop.add_column("dh_since", np.int32, -1)  # month the case opened; -1: none
        self.pop.add_column("dh_spell", np.int64, -1)  # spell in which it opened

    def stage_caseload(self) -> None:
        m, pop, t, c = self.model, self.pop, self.model.month, self.cfg
        cases = np.flatnonzero(pop.dh_since >= 0)
        if not self.active():
            pop.dh_since[cases] = -1
            return
        close = cases[~pop.debt[cases] | (t - pop.dh_since[cases] >= c.max_months)]
        pop.dh_since[close] = -1
        self.tally["completions"] += len(close)
        cases = cases[pop.dh_since[cases] >= 0]
        if self.can_start():
            rows = m.engine._bijstand_rows()
            rows = rows[pop.debt[rows] & (pop.dh_since[rows] < 0)
                        & (pop.dh_spell[rows] != pop.spell_row[rows])]
            rows = rows[self.in_target(rows)][: max(c.places - len(cases), 0)]
            rows = rows[: self.affordable(len(rows), c.cost_per_case_month)]
            pop.dh_since[rows] = t
            pop.dh_spell[rows] = pop.spell_row[rows]
            self.tally["starts"] += len(rows)
            cases = np.union1d(cases, rows)
        self.tally["participants"] = len(cases)
        solved = cases[self.draw(cases, 0) < c.resolve_rate]
        pop.debt[solved] = False
        pop.dh_since[solved] = -1
        self.tally["debts_resolved"] += len(solved)
        self.tally["completions"] += len(solved)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        inside = rows[self.pop.dh_since[rows] >= 0]
        if reason in TO_WORK:
            self.tally["exits_to_work"] += len(inside)
        self.pop.dh_since[inside] = -1

    def end_month(self) -> None:
        """Charge the case-months worked on in this month's stage."""
        self.charge(self.tally["participants"] * self.cfg.cost_per_case_month)
