"""Mediation at the gate: a job-search period at application (Arnhem; in law for under-27s).

Every new applicant in the target group is screened when they apply (cost
``cost_per_applicant``). Of those who can work (no health barrier) a share never takes
up the benefit: they find work or another way during the search period; the share is
higher for applicants under 27, for whom the law sets a four-week search period. Who is
diverted is a keyed draw on the applicant's own stream, so the same applicant has the
same luck under every policy. Diverted applicants leave the model (``no_claim``);
job-search periods lower take-up permanently (Bolhaar, Ketel & van der Klaauw 2019).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.schema import p
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook
from sim.policies.target import InstrumentConfig

YOUNG = 27.0  # years: the law's four-week search period applies below this age


@dataclass
class GateMediation(InstrumentConfig):
    """Mediation at the gate: a job-search period at application, before the benefit."""

    share: float = p(0.10, "share of applicants without a health barrier who never take up",
                     0, 1, source=(
        "stated assumption after Bolhaar, Ketel & van der Klaauw 2019: job-search periods "
        "permanently lower benefit take-up (facts table)"))
    share_under_27: float = p(0.20, "same, for applicants under 27", 0, 1, source=(
        "stated assumption: the law sets a four-week search period for under-27s, and "
        "Arnhem wants to keep young people out of bijstand (seed 002)"))
    cost_per_applicant: float = p(250.0, "EUR per applicant screened", 0, 10000, source=(
        "stated assumption: a few hours of a consultant at application"))


class GateMediationRun(PolicyInstrument, name="gate_mediation", config=GateMediation):
    extra_tallies = ("diverted",)

    @hook
    def screen_applicants(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0 or not self.can_start():
            return rows
        pop, c = self.pop, self.cfg
        screened = rows[self.in_target(rows)]
        screened = screened[: self.affordable(len(screened), c.cost_per_applicant)]
        age = (self.model.month - pop.birth_month[screened]) / 12.0
        share = np.where(age < YOUNG, c.share_under_27, c.share)
        out = screened[~pop.health[screened] & (self.draw(screened, 0) < share)]
        self.charge(len(screened) * c.cost_per_applicant)
        self.tally["starts"] += len(screened)
        self.tally["participants"] += len(screened)
        self.tally["diverted"] += len(out)
        return np.setdiff1d(rows, out)
