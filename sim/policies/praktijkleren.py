"""Practical learning certificates (Praktijkleren, Groningen) for the unqualified.

Claimants of the target group without a basic qualification (education 0) learn at a
recognised workplace for ``months`` (up to ``places`` at once, oldest person id first,
once per spell), paid once at the start (``cost_per_participant``). While learning they
search less (``lock_in``); once certified their education counts as a basic
qualification (level 1), so they meet more vacancies' requirements, and their wage value
rises by ``wage_value_gain``. Learning already begun runs to its end when the window
closes; leaving bijstand ends it.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import TO_WORK, Places, PolicyInstrument
from sim.population import EndReason

WAGE_VALUE_MAX = 1.6  # the same ceiling as for new claimants


class PraktijklerenRun(PolicyInstrument):
    name = "praktijkleren"
    extra_tallies = ("certified",)

    def attach(self) -> None:
        self.places = Places(self, "pl")  # a place at a recognised workplace
        self.places.attach()
        self.pop.add_column("pl_done", np.bool_, False)  # certified in that spell

    def _certified(self, rows: np.ndarray) -> np.ndarray:
        pop = self.pop
        return pop.pl_done[rows] & (pop.pl_spell[rows] == pop.spell_row[rows])

    def stage_caseload(self) -> None:
        pop, c = self.pop, self.cfg
        done = self.places.complete(c.months)
        pop.pl_done[done] = True
        pop.education[done] = np.maximum(pop.education[done], 1)
        pop.wage_value[done] = np.minimum(pop.wage_value[done] + c.wage_value_gain,
                                          WAGE_VALUE_MAX)
        self.tally["certified"] += len(done)
        if not self.can_start():
            return
        rows = self.places.candidates()
        rows = self.places.enrol(rows[pop.education[rows] == 0],
                                 c.places - len(self.places.members()), c.cost_per_participant)
        pop.pl_done[rows] = False
        self.charge(len(rows) * c.cost_per_participant)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self.cfg.lock_in, 1.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        learning = self.pop.pl_since[rows] >= 0
        if reason in TO_WORK:
            self.tally["exits_to_work"] += int((learning | self._certified(rows)).sum())
        self.pop.pl_since[rows[learning]] = -1

    def end_month(self) -> None:
        self.tally["participants"] = int((self.pop.pl_since >= 0).sum())
