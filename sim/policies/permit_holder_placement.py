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

from sim.policies.base import Places, PolicyInstrument
from sim.population import EndReason, State

# The municipality is not one of the model's employers; the hired are booked at employer
# 0 so that the job-loss review treats them like any job (all employers fire alike).
MUNICIPALITY_EMPLOYER = 0


class PermitHolderPlacementRun(PolicyInstrument):
    name = "permit_holder_placement"
    extra_tallies = ("language_resolved", "hired")
    purpose_base = 70

    def attach(self) -> None:
        self.places = Places(self, "ph")
        self.places.attach()

    def stage_caseload(self) -> None:
        m, pop, t, c = self.model, self.pop, self.model.month, self.cfg
        if not self.active():
            self.places.release(self.places.members())
            return
        done = self.places.complete(c.months)
        hired = done[self.draw(done, 0) < c.hire_share]
        pop.employer[hired] = MUNICIPALITY_EMPLOYER
        pop.work_start[hired] = t
        m.leave_bijstand(hired, EndReason.WORK, State.WORK)
        self.tally["hired"] += len(hired)
        self.tally["exits_to_work"] += len(hired)
        stay = self.places.members()
        learning = stay[pop.language[stay]]
        solved = learning[self.draw(learning, 1) < c.language_resolve]
        pop.language[solved] = False
        self.tally["language_resolved"] += len(solved)
        if not self.can_start():
            return
        rows = self.places.candidates()
        self.places.enrol(rows[pop.permit_holder[rows]], c.places - len(stay),
                          c.cost_per_place_month)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self.cfg.search_lift, 1.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        n = int((self.pop.ph_since >= 0).sum())
        self.tally["participants"] = n
        if self.active():
            self.charge(n * self.cfg.cost_per_place_month)
