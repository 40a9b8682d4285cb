"""Labour-market value scan (arbeidsmarktwaardescan, Groningen): better matching.

Each month up to ``scans_per_month`` claimants of the target group are scanned, in the
client managers' order (``behaviour.enrolment_rule``), once per spell, at
``cost_per_scan``. For the rest of the spell a scanned claimant applies to vacancies
whose requirement fits their education: the applicant's own vacancy draw picks among the
fitting vacancies when there are any (otherwise among all, as without a scan), so they
avoid the mismatch penalty. The scan does not raise search; scanned claimants do compete
with each other for fitting jobs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason, State
from sim.core.stages import acting_on_bijstand
from sim.policies.base import TO_WORK, PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import choose
from sim.policies.target import InstrumentConfig, TargetGroup


@dataclass
class ValueScan(InstrumentConfig):
    """Arbeidsmarktwaardescan: claimants apply to vacancies that fit their education."""

    CAPACITY: ClassVar[str | None] = "scans_per_month"
    target: TargetGroup = field(default_factory=lambda: TargetGroup(max_months_on_benefit=12))
    scans_per_month: int = p(20, "scans per month", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"),
        explore=(0, 40))
    cost_per_scan: float = p(600.0, "EUR per scan (once)", 0, 20000, source=(
        "stated assumption: a day of an assessor's time"))


class ValueScanRun(PolicyInstrument, name="value_scan", config=ValueScan):
    def attach(self) -> None:
        self.add_column("spell", np.int64, -1)  # spell in which the scan was made

    def _scanned(self, rows: np.ndarray) -> np.ndarray:
        return self.column("spell")[rows] == self.pop.spell_row[rows]

    @stage("caseload")
    def scan(self) -> None:
        c = self.cfg
        if not self.can_start() or c.scans_per_month <= 0:
            return
        rows = acting_on_bijstand(self.model)
        rows = rows[~self._scanned(rows)]
        rows = choose(self, rows, c.scans_per_month, c.cost_per_scan)
        self.column("spell")[rows] = self.pop.spell_row[rows]
        self.tally["starts"] += len(rows)
        self.tally["completions"] += len(rows)  # a scan is done within the month
        self.charge(len(rows) * c.cost_per_scan)

    @hook
    def choose_vacancy(self, rows: np.ndarray, j: np.ndarray, u: np.ndarray) -> np.ndarray:
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

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        if reason in TO_WORK:
            self.tally["exits_to_work"] += int(self._scanned(rows).sum())

    def end_month(self) -> None:
        on = np.flatnonzero(self.pop.state == State.BIJSTAND)
        self.tally["participants"] = int(self._scanned(on).sum())
