"""Participation jobs (participatiebanen): social participation on benefit (Lelystad).

A closing step for those regular work is still out of reach: people keep their benefit
and take part in society at a participation place for ``months``. Places go to the
target group (long duration by default; with ``after_trajectory`` only to those whose
trajectory in this spell ended without result), in the client
managers' order (``behaviour.enrolment_rule``), one place per
spell. Taking part may resolve the confidence barrier (``resolve_confidence`` a month),
but the place itself leads to little or no outflow into regular work (old WIW/ID jobs
did not): search is multiplied by ``search_lift`` (slightly below 1). Occupied places
cost ``cost_per_place_month``; places end when the window closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from sim.config.schema import ConfigError, p
from sim.core.population import EndReason
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import Places
from sim.policies.target import SCENARIO, InstrumentConfig, TargetGroup


@dataclass
class ParticipationJobs(InstrumentConfig):
    """Participatiebanen: social participation on benefit, a closing step (Lelystad)."""

    CAPACITY: ClassVar[str | None] = "places"
    target: TargetGroup = field(default_factory=lambda: TargetGroup(min_months_on_benefit=36))
    places: int = p(50, "places at once", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"),
        explore=(0, 100))
    months: int = p(12, "months in a place", 1, 600, source="stated assumption")
    search_lift: float = p(0.9, "multiplier on search while in a place", 0, 10, source=(
        "old WIW/ID jobs did not lead to outflow into regular work (Divosa monitor 2012, "
        "facts table): a slight lock-in"))
    resolve_confidence: float = p(0.05, "probability per month", 0, 1, source=(
        "stated assumption: taking part builds self-confidence (seed 004)"))
    after_trajectory: bool = p(False, "-", source=SCENARIO, doc=(
        "only those whose trajectory in this spell ended without result (Lelystad's "
        "closing step); needs the trajectories instrument"))
    cost_per_place_month: float = p(400.0, "EUR per occupied place per month", 0, 10000,
                                    source="stated assumption: supervision and expenses")

    def check_with(self, others: dict[str, Any], path: str) -> None:
        if self.after_trajectory and "trajectories" not in others:
            raise ConfigError(f"{path}.after_trajectory=True needs the trajectories "
                              "instrument: add it to the policy list")


class ParticipationJobsRun(PolicyInstrument, name="participation_jobs",
                           config=ParticipationJobs):
    extra_tallies = ("confidence_resolved",)

    def attach(self) -> None:
        self.places = Places(self)

    @stage("caseload")
    def enrol(self) -> None:
        m, pop, c = self.model, self.pop, self.cfg
        if not self.active():
            self.places.release(self.places.members())
            return
        self.places.complete(c.months)
        stay = self.places.members()
        unsure = stay[pop.confidence[stay]]
        solved = unsure[self.draw(unsure, 0) < c.resolve_confidence]
        m.resolve_barrier(solved, "confidence")
        self.tally["confidence_resolved"] += len(solved)
        if not self.can_start():
            return
        rows = self.places.candidates()
        if c.after_trajectory:
            rows = rows[m.policies.by_name["trajectories"].ended_without_result(rows)]
        self.places.enrol(rows, c.places - len(stay), c.cost_per_place_month)

    @hook
    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self.cfg.search_lift, 1.0)

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        self.places.leave_bijstand(rows, reason)

    def end_month(self) -> None:
        n = len(self.places.members())
        self.tally["participants"] = n
        if self.active():
            self.charge(n * self.cfg.cost_per_place_month)
