"""Permit holders at the municipality's own maintenance service (Groningen pilot).

Refugees with a residence permit (statushouders) of the target group get one of
``places`` at city maintenance for ``months``, oldest person id first, once per spell,
with language lessons: each month in a place the language barrier is resolved with
chance ``language_resolve``. Working most of the week they search less (``search_lift``).
At the end a share ``hire_share`` is hired and leaves bijstand for work; the others go
back to the regular caseload. Occupied places cost ``cost_per_place_month``; places end
when the window closes.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason, State

# The municipality is not one of the model's employers; the hired are booked at employer
# 0 so that the job-loss review treats them like any job (all employers fire alike).
MUNICIPALITY_EMPLOYER = 0


class PermitHolderPlacementRun(PolicyInstrument):
    name = "permit_holder_placement"
    extra_tallies = ("language_resolved", "hired")
    purpose_base = 70

    def attach(self) -> None:
        self.pop.add_column("ph_since", np.int32, -1)  # month the place began; -1: none
        self.pop.add_column("ph_spell", np.int64, -1)  # spell in which it began

    def stage_caseload(self) -> None:
        m, pop, t, c = self.model, self.pop, self.model.month, self.cfg
        placed = np.flatnonzero(pop.ph_since >= 0)
        if not self.active():
            pop.ph_since[placed] = -1
            return
        done = placed[t - pop.ph_since[placed] >= c.months]
        pop.ph_since[done] = -1
        self.tally["completions"] += len(done)
        hired = done[self.draw(done, 0) < c.hire_share]
        pop.employer[hired] = MUNICIPALITY_EMPLOYER
        pop.work_start[hired] = t
        m.leave_bijstand(hired, EndReason.WORK, State.WORK)
        self.tally["hired"] += len(hired)
        self.tally["exits_to_work"] += len(hired)
        stay = placed[pop.ph_since[placed] >= 0]
        learning = stay[pop.language[stay]]
        solved = learning[self.draw(learning, 1) < c.language_resolve]
        pop.language[solved] = False
        self.tally["language_resolved"] += len(solved)
        if not self.can_start():
            return
        rows = m.engine._bijstand_rows()
        rows = rows[pop.permit_holder[rows] & (pop.ph_since[rows] < 0)
                    & (pop.ph_spell[rows] != pop.spell_row[rows])]
        rows = rows[self.in_target(rows)][: max(c.places - len(stay), 0)]
        rows = rows[: self.affordable(len(rows), c.cost_per_place_month)]
        pop.ph_since[rows] = t
        pop.ph_spell[rows] = pop.spell_row[rows]
        self.tally["starts"] += len(rows)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.pop.ph_since[rows] >= 0, self.cfg.search_lift, 1.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        inside = rows[self.pop.ph_since[rows] >= 0]
        if reason in TO_WORK:
            self.tally["exits_to_work"] += len(inside)
        self.pop.ph_since[inside] = -1

    def end_month(self) -> None:
        n = int((self.pop.ph_since >= 0).sum())
        self.tally["participants"] = n
        if self.active():
            self.charge(n * self.cfg.cost_per_place_month)
