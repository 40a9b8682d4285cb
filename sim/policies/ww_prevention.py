"""WW-to-bijstand prevention: approach WW claimants before their WW runs out.

Each month the municipality (with UWV) approaches the WW claimants in the target group
whose WW ends within ``months_before`` months; from then on their chance of finding
work is multiplied by ``find_work_lift``, so fewer reach the end of WW and claim
bijstand. Each person approached costs ``cost_per_person`` once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason, Route, State
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.target import InstrumentConfig


@dataclass
class WWPrevention(InstrumentConfig):
    """Approach WW claimants before their WW ends, so fewer need bijstand."""

    months_before: int = p(6, "months before WW ends", 1, 38, source=(
        "Groningen with UWV: six months before WW ends (seed 004)"))
    find_work_lift: float = p(1.6, "multiplier on WW job finding once approached", 1, 10,
                              source=(
        "stated assumption: people from WW have recent work experience and can work "
        "quickly (seed 004)"))
    cost_per_person: float = p(1200.0, "EUR per person approached", 0, 50000, source=(
        "stated assumption: a short coaching trajectory"))


class WWPreventionRun(PolicyInstrument, name="ww_prevention", config=WWPrevention):
    extra_tallies = ("to_bijstand",)

    def attach(self) -> None:
        self.add_column("since", np.int32, -1)  # month approached, -1: not

    @stage("outside_flows")
    def approach(self) -> None:
        pop, t, since = self.pop, self.model.month, self.column("since")
        if not self.can_start():
            return
        rows = np.flatnonzero((pop.state == State.WW.value) & (pop.state_since < t)
                              & (since < 0) & (pop.ww_end - t <= self.cfg.months_before)
                              & (pop.ww_end > t))
        rows = rows[self.in_target(rows)]
        rows = rows[: self.affordable(len(rows), self.cfg.cost_per_person)]
        since[rows] = t
        self.tally["starts"] += len(rows)
        self.charge(len(rows) * self.cfg.cost_per_person)

    @hook
    def ww_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.column("since")[rows] >= 0, self.cfg.find_work_lift, 1.0)

    @hook
    def on_leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        since = self.column("since")
        approached = rows[since[rows] >= 0]
        if reason == EndReason.WW_WORK:
            self.tally["exits_to_work"] += len(approached)
        elif reason == EndReason.WW_INELIGIBLE:
            self.tally["completions"] += len(approached)
        since[approached] = -1

    @hook
    def on_enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        since = self.column("since")
        approached = rows[since[rows] >= 0]
        self.tally["completions"] += len(approached)
        self.tally["to_bijstand"] += len(approached)
        since[approached] = -1

    def end_month(self) -> None:
        pop = self.pop
        self.tally["participants"] = int(((pop.state == State.WW.value)
                                          & (self.column("since") >= 0)).sum())
