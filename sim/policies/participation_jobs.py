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

from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason


class ParticipationJobsRun(PolicyInstrument):
    name = "participation_jobs"
    extra_tallies = ("confidence_resolved",)
    purpose_base = 30

    def attach(self) -> None:
        self.pop.add_column("pj_since", np.int32, -1)  # month the place began; -1: none
        self.pop.add_column("pj_spell", np.int64, -1)  # spell in which the place began

    def stage_caseload(self) -> None:
        m, pop, t, c = self.model, self.pop, self.model.month, self.cfg
        enrolled = np.flatnonzero(pop.pj_since >= 0)
        if not self.active():
            pop.pj_since[enrolled] = -1
            return
        done = enrolled[t - pop.pj_since[enrolled] >= c.months]
        pop.pj_since[done] = -1
        self.tally["completions"] += len(done)
        stay = enrolled[pop.pj_since[enrolled] >= 0]
        unsure = stay[pop.confidence[stay]]
        solved = unsure[self.draw(unsure, 0) < c.resolve_confidence]
        pop.confidence[solved] = False
        self.tally["confidence_resolved"] += len(solved)
        if not self.can_start():
            return
        rows = m.engine._bijstand_rows()
        rows = rows[(pop.pj_since[rows] < 0) & (pop.pj_spell[rows] != pop.spell_row[rows])]
        if c.after_trajectory:
            rows = rows[m.policies.by_name["trajectories"].ended_without_result(rows)]
        rows = rows[self.in_target(rows)][: max(c.places - len(stay), 0)]
        rows = rows[: self.affordable(len(rows), c.cost_per_place_month)]
        pop.pj_since[rows] = t
        pop.pj_spell[rows] = pop.spell_row[rows]
        self.tally["starts"] += len(rows)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.pop.pj_since[rows] >= 0, self.cfg.search_lift, 1.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        inside = rows[self.pop.pj_since[rows] >= 0]
        if reason in TO_WORK:
            self.tally["exits_to_work"] += len(inside)
        self.pop.pj_since[inside] = -1

    def end_month(self) -> None:
        n = int((self.pop.pj_since >= 0).sum())
        self.tally["participants"] = n
        if self.active():
            self.charge(n * self.cfg.cost_per_place_month)
