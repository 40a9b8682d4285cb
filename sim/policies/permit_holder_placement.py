"""Permit holders at the municipality's own maintenance service (Groningen pilot).

Refugees with a residence permit (statushouders) of the target group get one of
``places`` at city maintenance for ``months``, in the client
managers' order (``behaviour.enrolment_rule``), once per spell,
with language lessons: each month in a place the language barrier is resolved with
chance ``language_resolve``. Working most of the week they search less (``search_lift``).
At the end a share ``hire_share`` is hired and leaves bijstand for work; the others go
back to the regular caseload. Occupied places cost ``cost_per_place_month``; places end
when the window closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import Places
from sim.policies.target import InstrumentConfig

# The municipality is not one of the model's employers; the hired are booked at employer
# 0 so that the job-loss review treats them like any job (all employers fire alike).
MUNICIPALITY_EMPLOYER = 0


@dataclass
class PermitHolderPlacement(InstrumentConfig):
    """Permit holders at the municipality's own maintenance service with language learning."""

    CAPACITY: ClassVar[str | None] = "places"
    places: int = p(10, "places at once", 0, 1_000_000, source=(
        "stated assumption: a pilot (Groningen, seed 004)"),
        explore=(0, 20))
    months: int = p(12, "months in a place", 1, 120, source="stated assumption")
    search_lift: float = p(0.5, "multiplier on search while in a place", 0, 10, source=(
        "stated assumption: working most of the week leaves less time to apply"))
    language_resolve: float = p(0.08, "probability per month that the language barrier is "
                                "resolved", 0, 1, source=(
        "stated assumption: Dutch at work plus lessons, about two thirds within a year"))
    hire_share: float = p(0.3, "share of completers hired", 0, 1, source=(
        "stated assumption: the maintenance service has few places to fill (seed 004)"))
    cost_per_place_month: float = p(1000.0, "EUR per occupied place per month", 0, 20000,
                                    source=(
        "stated assumption: supervision and language lessons"))


class PermitHolderPlacementRun(PolicyInstrument, name="permit_holder_placement",
                               config=PermitHolderPlacement):
    extra_tallies = ("language_resolved", "hired")

    def attach(self) -> None:
        self.places = Places(self)

    @stage("caseload")
    def place(self) -> None:
        m, pop, c = self.model, self.pop, self.cfg
        if not self.active():
            self.places.release(self.places.members())
            return
        done = self.places.complete(c.months)
        hired = done[self.draw(done, 0) < c.hire_share]
        m.start_work(hired, MUNICIPALITY_EMPLOYER, direct=True)
        self.tally["hired"] += len(hired)
        self.tally["exits_to_work"] += len(hired)
        stay = self.places.members()
        learning = stay[pop.language[stay]]
        solved = learning[self.draw(learning, 1) < c.language_resolve]
        m.resolve_barrier(solved, "language")
        self.tally["language_resolved"] += len(solved)
        if not self.can_start():
            return
        rows = self.places.candidates()
        self.places.enrol(rows[pop.permit_holder[rows]], c.places - len(stay),
                          c.cost_per_place_month)

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
