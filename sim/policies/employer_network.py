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

from dataclasses import dataclass

import numpy as np

from sim.config.schema import p
from sim.core import rng
from sim.core.population import EndReason, State
from sim.policies.base import TO_WORK, PolicyInstrument
from sim.policies.hooks import hook
from sim.policies.target import InstrumentConfig


@dataclass
class EmployerNetwork(InstrumentConfig):
    """Employer network, adoption pacts, inclusive employers: less screening by members."""

    member_share: float = p(0.3, "share of employers who join", 0, 1, source=(
        "stated assumption: Arnhem hopes a network of inclusive employers draws in others "
        "(seed 002)"))
    duration_offset: float = p(0.5, "share of the time-out-of-work penalty waived", 0, 1,
                               source=(
        "stated assumption: members judge the person, not the gap in the CV"))
    origin_offset: float = p(0.5, "share of the language penalty waived", 0, 1, source=(
        "stated assumption: talks with employers against discrimination (seed 002)"))
    cost_per_month: float = p(5000.0, "EUR per month while the network has members", 0,
                              1e7, source=(
        "stated assumption: about one FTE account manager (EUR 56,000 a year, facts "
        "table) plus meetings"))


class EmployerNetworkRun(PolicyInstrument, name="employer_network", config=EmployerNetwork):
    extra_tallies = ("members",)

    def attach(self) -> None:
        m = self.model
        index = np.arange(len(m.employers))
        self.member = rng.uniform(m.seed, index, 0, self.stream) < self.cfg.member_share

    def _on(self) -> bool:
        return bool(self.member.any()) and self.can_start()

    @hook
    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        if not self._on():
            return np.zeros(len(rows))
        m, pop, c = self.model, self.pop, self.cfg
        duration = m.rules.duration_penalty(m.month - pop.spell_start[rows],
                                            m.employer_screening[employer])
        origin = m.rules.language_penalty(pop.language[rows])
        helped = self.member[employer] & self.in_target(rows)
        return np.where(helped, c.duration_offset * duration + c.origin_offset * origin, 0.0)

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        if reason in TO_WORK and self._on():
            hired = int(self.member[self.pop.employer[rows]].sum())
            self.tally["starts"] += hired
            self.tally["exits_to_work"] += hired

    def end_month(self) -> None:
        pop = self.pop
        working = np.flatnonzero((pop.state == State.WORK.value)
                                 | (pop.state == State.SUBSIDISED_WORK.value))
        self.tally["participants"] = int(self.member[pop.employer[working]].sum())
        self.tally["members"] = int(self.member.sum())
        if self._on():
            self.charge(self.cfg.cost_per_month)
