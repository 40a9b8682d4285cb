"""WW-to-bijstand prevention: approach WW claimants before their WW runs out.

Each month the municipality (with UWV) approaches the WW claimants in the target group
whose WW ends within ``months_before`` months; from then on their chance of finding
work is multiplied by ``find_work_lift``, so fewer reach the end of WW and claim
bijstand. Each person approached costs ``cost_per_person`` once.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import PolicyInstrument
from sim.population import EndReason, Route, State


class WWPreventionRun(PolicyInstrument):
    name = "ww_prevention"
    extra_tallies = ("to_bijstand",)

    def attach(self) -> None:
        self.pop.add_column("wwp_since", np.int32, -1)  # month approached, -1: not

    def stage_outside_flows(self) -> None:
        pop, t = self.pop, self.model.month
        if not self.can_start():
            return
        rows = np.flatnonzero((pop.state == State.WW) & (pop.state_since < t)
                              & (pop.wwp_since < 0) & (pop.ww_end - t <= self.cfg.months_before)
                              & (pop.ww_end > t))
        rows = rows[self.in_target(rows)]
        rows = rows[: self.affordable(len(rows), self.cfg.cost_per_person)]
        pop.wwp_since[rows] = t
        self.tally["starts"] += len(rows)
        self.charge(len(rows) * self.cfg.cost_per_person)

    def ww_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.pop.wwp_since[rows] >= 0, self.cfg.find_work_lift, 1.0)

    def on_leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        approached = rows[self.pop.wwp_since[rows] >= 0]
        if reason == EndReason.WW_WORK:
            self.tally["exits_to_work"] += len(approached)
        elif reason == EndReason.WW_INELIGIBLE:
            self.tally["completions"] += len(approached)
        self.pop.wwp_since[approached] = -1

    def on_enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        approached = rows[self.pop.wwp_since[rows] >= 0]
        self.tally["completions"] += len(approached)
        self.tally["to_bijstand"] += len(approached)
        self.pop.wwp_since[approached] = -1

    def end_month(self) -> None:
        pop = self.pop
        self.tally["participants"] = int(((pop.state == State.WW) & (pop.wwp_since >= 0)).sum())
