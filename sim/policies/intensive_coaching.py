"""Intensive coaching: a team of client managers with small caseloads for a target group.

Participants move to the team's caseloads, so they are seen (almost) every month; each
contact lifts their search more and resolves barriers (or refers to care) more often
than a regular contact, and the client manager puts them forward to employers (a
placement bonus on their score). Extra client managers cost their FTE cost while the programme
runs; an optional per-client budget is spent over the first months of participation.
Participants leave when their spell ends or after ``max_months``; a place freed is
filled the next month, oldest person id first (a fixed, engine-independent order).
"""

from __future__ import annotations

import math

import numpy as np

from sim.agents import ClientManager
from sim.policies.base import Places, PolicyInstrument
from sim.population import EndReason

ALMERE_BUDGET = 2000.0


class IntensiveCoachingRun(PolicyInstrument):
    name = "intensive_coaching"

    def attach(self) -> None:
        self.places = Places(self, "ic")
        self.places.attach()

    def create_client_managers(self, start: int) -> list[ClientManager]:
        self.team_size = math.ceil(self.cfg.places / self.cfg.caseload)
        self.team_start = start
        return [ClientManager(self.model, index=start + k, team=self.name)
                for k in range(self.team_size)]

    def _team_manager(self, rows: np.ndarray) -> np.ndarray:
        return (self.team_start + self.pop.person_id[rows] % self.team_size).astype(np.int32)

    def _release(self, rows: np.ndarray) -> None:
        """Back to the regular caseloads."""
        self.places.release(rows)
        self.pop.cm[rows] = self.model.assign_client_manager(rows)

    def stage_caseload(self) -> None:
        pop = self.pop
        if not self.active():
            self._release(self.places.members())
            return
        self.places.complete(self.cfg.max_months, self._release)
        if not self.can_start():
            return
        free = self.cfg.places - len(self.places.members())
        rows = self.places.enrol(self.places.candidates(), free, self.cfg.budget_per_client)
        pop.cm[rows] = self._team_manager(rows)

    def assign_client_manager(self, rows: np.ndarray, default: np.ndarray) -> np.ndarray:
        return np.where(self.pop.ic_since[rows] >= 0, self._team_manager(rows), default)

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.pop.ic_since[rows] >= 0, self.cfg.search_lift, 1.0)

    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        return np.where(self.pop.ic_since[rows] >= 0, self.cfg.placement_bonus, 0.0)

    def resolve_factor(self, rows: np.ndarray) -> np.ndarray:
        c, pop = self.cfg, self.pop
        budget_on = (pop.ic_since[rows] >= 0) & (
            self.model.month - pop.ic_since[rows] < c.budget_months)
        with_budget = c.resolve_lift * (
            1.0 + c.budget_resolve_lift * c.budget_per_client / ALMERE_BUDGET)
        return np.where(budget_on, with_budget,
                        np.where(pop.ic_since[rows] >= 0, c.resolve_lift, 1.0))

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        pop, c = self.pop, self.cfg
        enrolled = pop.ic_since >= 0
        self.tally["participants"] = int(enrolled.sum())
        if not self.active():
            return
        fte_cost = self.team_size * self.model.cfg.money.fte_cost_year / 12.0
        spending = int((enrolled & (self.model.month - pop.ic_since < c.budget_months)).sum())
        self.charge(fte_cost + spending * c.budget_per_client / c.budget_months)
