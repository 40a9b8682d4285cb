"""Labour-market value scan (arbeidsmarktwaardescan, Groningen): better matching.

Each month up to ``scans_per_month`` claimants of the target group are scanned, oldest
person id first, once per spell, at ``cost_per_scan``. For the rest of the spell a
scanned claimant applies to vacancies whose requirement fits their education: the
applicant's own vacancy draw picks among the fitting vacancies when there are any
(otherwise among all, as without a scan), so they avoid the mismatch penalty. The scan
does not raise search; scanned claimants do compete with each other for fitting jobs.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason, State


class ValueScanRun(PolicyInstrument):
    name = "value_scan"

    def attach(self) -> None:
        self.pop.add_column("vs_spell", np.int64, -1)  # spell in which the scan was made

    def _scanned(self, rows: np.ndarray) -> np.ndarray:
        return self.pop.vs_spell[rows] == self.pop.spell_row[rows]

    def stage_caseload(self) -> None:
        pop, c = self.pop, self.cfg
        if not self.can_start() or c.scans_per_month <= 0:
            return
        rows = self.model.acting_on_bijstand()
        rows = rows[~self._scanned(rows)]
        rows = rows[self.in_target(rows)][: c.scans_per_month]
        rows = rows[: self.affordable(len(rows), c.cost_per_scan)]
        pop.vs_spell[rows] = pop.spell_row[rows]
        self.tally["starts"] += len(rows)
        self.tally["completions"] += len(rows)  # a scan is done within the month
        self.charge(len(rows) * c.cost_per_scan)

    def choose_vacancy(self, rows: np.ndarray, u: np.ndarray, j: np.ndarray) -> np.ndarray:
        scanned = self._scanned(rows)
        if not scanned.any():
            return j
        requirement = self.model.vacancies.requirement
        education = self.pop.education[rows]
        out = j.copy()
        for level in np.unique(education[scanned]):  # at most three levels, not per claimant
            fit = np.flatnonzero(requirement <= level)
            pick = scanned & (education == level)
            if len(fit):
                out[pick] = fit[np.floor(u[pick] * len(fit)).astype(np.int64)]
        return out

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        if reason in TO_WORK:
            self.tally["exits_to_work"] += int(self._scanned(rows).sum())

    def end_month(self) -> None:
        pop = self.pop
        on = np.flatnonzero(pop.state == State.BIJSTAND)
        self.tally["participants"] = int(self._scanned(on).sum())
