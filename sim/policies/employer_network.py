"""Employer network: adoption pacts and inclusive employers (Lelystad, Arnhem, Zwolle).

A share ``member_share`` of employers joins (a keyed draw per employer, fixed for the
run). Members screen less: for applicants of the target group they waive
``duration_offset`` of the penalty for time out of work (scaled, as for every employer,
by the member's own screening multiplier) and ``origin_offset`` of the penalty for the
language barrier (screening on language and origin). The waiver is a score bonus given
per applicant for the employer of the vacancy applied to, so it helps only at members.
The network costs ``cost_per_month`` while it is active and has members.
"""

from __future__ import annotations

import numpy as np

from sim import rng
from sim.policies.base import TO_WORK, PolicyInstrument
from sim.population import EndReason, State


class EmployerNetworkRun(PolicyInstrument):
    name = "employer_network"
    extra_tallies = ("members",)
    purpose_base = 60

    def attach(self) -> None:
        m = self.model
        index = np.arange(len(m.employers))
        self.member = rng.uniform(m.seed, index, 0, rng.Purpose.POLICY + self.purpose_base
                                  ) < self.cfg.member_share
        self.screening = np.array([e.screening for e in m.employers])

    def _on(self) -> bool:
        return bool(self.member.any()) and self.can_start()

    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        if not self._on():
            return np.zeros(len(rows))
        m, pop, c = self.model, self.pop, self.cfg
        b = m.cfg.behaviour
        years_out = np.minimum((m.month - pop.spell_start[rows]) / 12.0,
                               b.duration_penalty_cap_years)
        duration = self.screening[employer] * b.duration_penalty_per_year * years_out
        origin = m.rules.language_penalty(pop.language[rows])
        helped = self.member[employer] & self.in_target(rows)
        return np.where(helped, c.duration_offset * duration + c.origin_offset * origin, 0.0)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        if reason in TO_WORK and self._on():
            hired = int(self.member[self.pop.employer[rows]].sum())
            self.tally["starts"] += hired
            self.tally["exits_to_work"] += hired

    def end_month(self) -> None:
        pop = self.pop
        working = np.flatnonzero((pop.state == State.WORK) | (pop.state == State.SUBSIDISED_WORK))
        self.tally["participants"] = int(self.member[pop.employer[working]].sum())
        self.tally["members"] = int(self.member.sum())
        if self._on():
            self.charge(self.cfg.cost_per_month)
