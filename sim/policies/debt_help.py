"""Debt help: one contact person who also tackles debt and poverty (Arnhem).

Up to ``places`` claimants of the target group who have the debt barrier get a case, in
the client managers' order (``behaviour.enrolment_rule``), one case per spell. Each
month a case is worked on, the debt barrier is resolved with chance ``resolve_rate`` (on
top of what regular contacts achieve); a case closes when the debt barrier is gone,
after ``max_months``, or when the spell ends. Each case-month worked on costs
``cost_per_case_month``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import Places
from sim.policies.target import InstrumentConfig, TargetGroup


@dataclass
class DebtHelp(InstrumentConfig):
    """One contact person who also tackles debt and poverty (Arnhem)."""

    CAPACITY: ClassVar[str | None] = "places"
    target: TargetGroup = field(default_factory=lambda: TargetGroup(barriers=["debt"]))
    places: int = p(100, "cases at once", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"),
        explore=(0, 200))
    resolve_rate: float = p(0.05, "probability per month that the debt barrier is resolved",
                            0, 1, source=(
        "stated assumption: about half within a year, against about 0.016 a month from "
        "regular contacts"))
    max_months: int = p(24, "months", 1, 600, source=(
        "stated assumption: a debt arrangement takes one to three years"))
    cost_per_case_month: float = p(150.0, "EUR per case per month", 0, 10000, source=(
        "stated assumption: debt counselling time"))


class DebtHelpRun(PolicyInstrument, name="debt_help", config=DebtHelp):
    extra_tallies = ("debts_resolved",)

    def attach(self) -> None:
        self.places = Places(self)  # a case is a place

    @stage("caseload")
    def work_on_cases(self) -> None:
        m, pop, t, c = self.model, self.pop, self.model.month, self.cfg
        since = self.places.since
        cases = self.places.members()
        if not self.active():
            self.places.release(cases)
            return
        close = cases[~pop.debt[cases] | (t - since[cases] >= c.max_months)]
        self.places.release(close)
        self.tally["completions"] += len(close)
        cases = cases[since[cases] >= 0]
        if self.can_start():
            rows = self.places.candidates()
            rows = self.places.enrol(rows[pop.debt[rows]], c.places - len(cases),
                                     c.cost_per_case_month)
            cases = np.union1d(cases, rows)
        self.tally["participants"] = len(cases)
        solved = cases[self.draw(cases, 0) < c.resolve_rate]
        m.resolve_barrier(solved, "debt")
        self.places.release(solved)
        self.tally["debts_resolved"] += len(solved)
        self.tally["completions"] += len(solved)

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        """Charge the case-months worked on in this month's stage."""
        self.charge(self.tally["participants"] * self.cfg.cost_per_case_month)
