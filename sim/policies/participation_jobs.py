"""Participation jobs (participatiebanen): social participation on benefit (Lelystad).

A closing step for those regular work is still out of reach: people keep their benefit
and take part in society at a participation place for ``months``. Places go to the
target group (long duration by default; with ``after_trajectory`` only to those whose
trajectory in this spell ended without result), oldest person id first, one place per
spell. Taking part may resolve the confidence barrier (``resolve_confidence`` a month),
but the place itself leads to little or no outflow into regular work (old WIW/ID jobs
did not): search is multiplied by ``search_lift`` (slightly below 1). Occupied places
cost ``cost_per_place_month``; places end when the window closes.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import Places, PolicyInstrument
from sim.population import EndReason


class ParticipationJobsRun(PolicyInstrument):
    name = "participation_jobs"
    extra_tallies = ("confidence_resolved",)
    purpose_base = 30

    def attach(self) -> None:
        self.places = Places(self, "pj")
        self.places.attach()

    def stage_caseload(self) -> None:
        m, pop, c = self.model, self.pop, self.cfg
        if not self.active():
            self.places.release(self.places.members())
            return
        self.places.complete(c.months)
        stay = self.places.members()
        unsure = stay[pop.confidence[stay]]
        solved = unsure[self.draw(unsure, 0) < c.resolve_confidence]
        pop.confidence[solved] = False
        self.tally["confidence_resolved"] += len(solved)
        if not self.can_start():
            return
        rows = self.places.candidates()
        if c.after_trajectory:
            rows = rows[m.policies.by_name["trajectories"].ended_without_result(rows)]
        self.places.enrol(rows, c.places - len(stay), c.cost_per_place_month)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self.cfg.search_lift, 1.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        n = int((self.pop.pj_since >= 0).sum())
        self.tally["participants"] = n
        if self.active():
            self.charge(n * self.cfg.cost_per_place_month)
