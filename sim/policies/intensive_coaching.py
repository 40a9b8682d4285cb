"""Intensive coaching: a team of client managers with small caseloads for a target group.

Participants move to the team's caseloads, so they are seen (almost) every month; each
contact lifts their search more and resolves barriers (or refers to care) more often
than a regular contact, and the client manager puts them forward to employers (a
placement bonus on their score). Extra client managers cost their FTE cost while the programme
runs; an optional per-client budget is spent over the first months of participation.
Participants leave when their spell ends or after ``max_months``; a place freed is
filled the next month, in the order client managers put claimants forward. After a
participant leaves the programme on bijstand, the search lift fades with the half-life
``fade_halflife_months``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from sim.config.schema import p
from sim.core.agents import ClientManager
from sim.core.population import NEVER, EndReason
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import Places
from sim.policies.target import InstrumentConfig, TargetGroup

ALMERE_BUDGET = 2000.0


@dataclass
class IntensiveCoaching(InstrumentConfig):
    """A team of client managers with small caseloads for a target group."""

    CAPACITY: ClassVar[str | None] = "places"
    target: TargetGroup = field(default_factory=lambda: TargetGroup(min_age=45.0))
    places: int = p(200, "clients at once", 0, 1_000_000, source=(
        "Almere 45+ trial: 199 clients in the treated arm (facts table)"),
        explore=(0, 400))
    caseload: float = p(30.0, "clients per client-manager FTE", 5, 200, source=(
        "Almere: at most 25, about 35 in the pilot (facts table); 30 in between"))
    max_months: int = p(18, "months in the programme", 1, 600, source=(
        "Almere trial ran Oct 2017 to Mar 2019, about 18 months (facts table)"))
    search_lift: float = p(1.35, "multiplier on search for participants", 1, 10, source=(
        "calibrated to the Almere trial: about 8 percentage points more found a job "
        "(facts table); see docs/policies.md"))
    placement_bonus: float = p(0.20, "score units", 0, 5, source=(
        "calibrated to the Almere trial together with search_lift: the client manager "
        "approaches employers for the client"))
    resolve_lift: float = p(2.0, "multiplier on barrier resolution per contact", 1, 20, source=(
        "stated assumption: 29% of Almere's treated were referred to care (facts table)"))
    budget_per_client: float = p(0.0, "EUR per client", 0, 20000, source=(
        "Almere: up to EUR 2,000 per client (facts table); off by default"))
    budget_resolve_lift: float = p(0.5, "extra barrier resolution at EUR 2,000 per client",
                                   0, 10, source="stated assumption")
    budget_months: int = p(6, "months over which the client budget is spent", 1, 120,
                           source="stated assumption")
    fade_halflife_months: float = p(6.0, "months", 0.1, 120, source=(
        "stated assumption after SEO 2022: the effects of UWV's personal services are "
        "confined to the first 24 months (docs/evidence.md); a six-month half-life leaves a "
        "sixteenth of the lift after two years"),
        doc="how fast the search lift fades once a participant has left the programme")


class IntensiveCoachingRun(PolicyInstrument, name="intensive_coaching",
                           config=IntensiveCoaching):
    def attach(self) -> None:
        self.places = Places(self)
        self.add_column("left", np.int32, NEVER)  # month the place ended on bijstand

    def create_client_managers(self, start: int) -> list[ClientManager]:
        self.team_size = math.ceil(self.cfg.places / self.cfg.caseload)
        self.team_start = start
        return [ClientManager(self.model, index=start + k, team=self.name)
                for k in range(self.team_size)]

    def _team_manager(self, rows: np.ndarray) -> np.ndarray:
        return (self.team_start + self.pop.person_id[rows] % self.team_size).astype(np.int32)

    def _release(self, rows: np.ndarray) -> None:
        """Back to the regular caseloads; the lift starts to fade."""
        self.places.release(rows)
        self.column("left")[rows] = self.model.month
        self.model.move_to_client_manager(rows, self.model.assign_client_manager(rows))

    @stage("caseload")
    def enrol(self) -> None:
        if not self.active():
            self._release(self.places.members())
            return
        self.places.complete(self.cfg.max_months, self._release)
        if not self.can_start():
            return
        free = self.cfg.places - len(self.places.members())
        if free <= 0:
            return
        rows = self.places.enrol(self.places.candidates(), free, self.cfg.budget_per_client)
        self.model.move_to_client_manager(rows, self._team_manager(rows))

    @hook
    def assign_client_manager(self, rows: np.ndarray, default: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self._team_manager(rows), default)

    @hook
    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        c, pop = self.cfg, self.pop
        inside = self.places.inside(rows)
        since_left = self.model.month - self.column("left")[rows]
        after = ((self.places.spell[rows] == pop.spell_row[rows]) & (since_left >= 0)
                 & ~inside)
        lift = np.where(inside, c.search_lift, 1.0)
        # the fade is worked out only for those who left this spell's place (few)
        lift[after] = 1.0 + (c.search_lift - 1.0) * np.power(
            0.5, since_left[after] / c.fade_halflife_months)
        return lift

    @hook
    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self.cfg.placement_bonus, 0.0)

    @hook
    def resolve_factor(self, rows: np.ndarray) -> np.ndarray:
        c, since = self.cfg, self.places.since[rows]
        budget_on = (since >= 0) & (self.model.month - since < c.budget_months)
        with_budget = c.resolve_lift * (
            1.0 + c.budget_resolve_lift * c.budget_per_client / ALMERE_BUDGET)
        return np.where(budget_on, with_budget, np.where(since >= 0, c.resolve_lift, 1.0))

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        c, since = self.cfg, self.places.since
        enrolled = since >= 0
        self.tally["participants"] = int(enrolled.sum())
        if not self.active():
            return
        fte_cost = self.team_size * self.model.cfg.money.fte_cost_year / 12.0
        spending = int((enrolled & (self.model.month - since < c.budget_months)).sum())
        self.charge(fte_cost + spending * c.budget_per_client / c.budget_months)
