"""Purchased reintegration trajectories (Zwolle, Lelystad): lock-in, then better chances.

Each month the municipality refers up to ``referrals_per_month`` claimants of the target
group to a provider, oldest person id first (a fixed, engine-independent order), one
trajectory per spell; the price is paid at referral. While on the trajectory a claimant
searches less (``lock_in``). On completion a share leaves bijstand for education; the
others have better chances for ``after_months`` (a search lift and a score bonus: the
provider puts them forward to employers). A positive result is an exit to work during
the trajectory or the months after it, or an exit to education; a completer still on
bijstand when the months after run out is counted ``without_result`` (the participation
jobs' closing step can pick them up). Trajectories already bought run to their end when
the instrument's window closes.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason, State


class TrajectoriesRun(PolicyInstrument):
    name = "trajectories"
    extra_tallies = ("positive_results", "to_education", "without_result")
    purpose_base = 20

    def attach(self) -> None:
        self.pop.add_column("tr_since", np.int32, -1)  # month the running trajectory began
        self.pop.add_column("tr_done", np.int32, -1)  # month the last trajectory was completed
        self.pop.add_column("tr_spell", np.int64, -1)  # spell in which the last one began

    def _in_spell(self, rows: np.ndarray) -> np.ndarray:
        return self.pop.tr_spell[rows] == self.pop.spell_row[rows]

    def _after(self, rows: np.ndarray) -> np.ndarray:
        """Completed a trajectory in this spell, and still in the months after it."""
        pop = self.pop
        done = pop.tr_done[rows]
        return ((pop.tr_since[rows] < 0) & (done >= 0) & self._in_spell(rows)
                & (self.model.month - done < self.cfg.after_months))

    def ended_without_result(self, rows: np.ndarray) -> np.ndarray:
        """Completed a trajectory in this spell and the months after it, still on bijstand."""
        pop = self.pop
        done = pop.tr_done[rows]
        return ((pop.tr_since[rows] < 0) & (done >= 0) & self._in_spell(rows)
                & (self.model.month - done >= self.cfg.after_months)
                & (pop.state[rows] == State.BIJSTAND))

    def stage_caseload(self) -> None:
        m, pop, t, c = self.model, self.pop, self.model.month, self.cfg
        running = np.flatnonzero(pop.tr_since >= 0)
        done = running[t - pop.tr_since[running] >= c.duration_months]
        pop.tr_since[done] = -1
        pop.tr_done[done] = t
        self.tally["completions"] += len(done)
        study = done[self.draw(done, 0) < c.education_share]
        self.tally["to_education"] += len(study)
        self.tally["positive_results"] += len(study)
        m.leave_bijstand(study, EndReason.EDUCATION, State.OTHER_INCOME)
        past = np.flatnonzero((pop.tr_done >= 0) & (pop.tr_done == t - c.after_months))
        self.tally["without_result"] += int(self.ended_without_result(past).sum())
        if not self.can_start() or c.referrals_per_month <= 0:
            return
        rows = m.acting_on_bijstand()
        rows = rows[(pop.tr_since[rows] < 0) & ~self._in_spell(rows)]
        rows = rows[self.in_target(rows)][: c.referrals_per_month]
        rows = rows[: self.affordable(len(rows), c.price)]
        pop.tr_since[rows] = t
        pop.tr_done[rows] = -1
        pop.tr_spell[rows] = pop.spell_row[rows]
        self.tally["starts"] += len(rows)
        self.charge(len(rows) * c.price)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        c = self.cfg
        return np.where(self.pop.tr_since[rows] >= 0, c.lock_in,
                        np.where(self._after(rows), c.after_search_lift, 1.0))

    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        return np.where(self._after(rows), self.cfg.after_score_bonus, 0.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        on = self.pop.tr_since[rows] >= 0
        if reason in TO_WORK:
            n = int((on | self._after(rows)).sum())
            self.tally["exits_to_work"] += n
            self.tally["positive_results"] += n
        self.pop.tr_since[rows[on]] = -1  # the trajectory ends with the spell

    def end_month(self) -> None:
        self.tally["participants"] = int((self.pop.tr_since >= 0).sum())
