"""Practical learning certificates (Praktijkleren, Groningen) for the unqualified.

Claimants of the target group without a basic qualification (education 0) learn at a
recognised workplace for ``months`` (up to ``places`` at once, in the client
managers' order (``behaviour.enrolment_rule``),
once per spell), paid once at the start (``cost_per_participant``). While learning they
search less (``lock_in``); once certified their education counts as a basic
qualification (level 1), so they meet more vacancies' requirements, and their wage value
rises by ``wage_value_gain``. Learning already begun runs to its end when the window
closes; leaving bijstand ends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason
from sim.core.rules import WAGE_VALUE_RANGE
from sim.policies.base import TO_WORK, PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import Places
from sim.policies.target import InstrumentConfig, TargetGroup

BASIC_QUALIFICATION = 1  # the education level a certificate counts as


@dataclass
class Praktijkleren(InstrumentConfig):
    """Practical learning certificates for claimants without a basic qualification."""

    CAPACITY: ClassVar[str | None] = "places"
    target: TargetGroup = field(default_factory=lambda: TargetGroup(max_months_on_benefit=24))
    places: int = p(30, "participants at once", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"),
        explore=(0, 60))
    months: int = p(6, "months of learning at a recognised workplace", 1, 60,
                    source="stated assumption")
    lock_in: float = p(0.8, "multiplier on search while learning", 0, 1, source=(
        "stated assumption: participants work at a learning company (seed 004)"))
    wage_value_gain: float = p(0.05, "x minimum wage, once certified", 0, 1, source=(
        "stated assumption: the certificate records skills already used at work"))
    cost_per_participant: float = p(1500.0, "EUR per participant (once)", 0, 50000,
                                    source="stated assumption")


class PraktijklerenRun(PolicyInstrument, name="praktijkleren", config=Praktijkleren):
    extra_tallies = ("certified",)

    def attach(self) -> None:
        self.places = Places(self)  # a place at a recognised workplace
        self.add_column("certified", np.bool_, False)  # certified in that spell

    def _certified(self, rows: np.ndarray) -> np.ndarray:
        return self.column("certified")[rows] & (self.places.spell[rows]
                                                 == self.pop.spell_row[rows])

    @stage("caseload")
    def enrol(self) -> None:
        m, pop, c = self.model, self.pop, self.cfg
        certified = self.column("certified")
        done = self.places.complete(c.months)
        certified[done] = True
        m.qualify(done, BASIC_QUALIFICATION, c.wage_value_gain, WAGE_VALUE_RANGE[1])
        self.tally["certified"] += len(done)
        if not self.can_start():
            return
        rows = self.places.candidates()
        rows = self.places.enrol(rows[pop.education[rows] == 0],
                                 c.places - len(self.places.members()), c.cost_per_participant)
        certified[rows] = False
        self.charge(len(rows) * c.cost_per_participant)

    @hook
    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self.places.inside(rows), self.cfg.lock_in, 1.0)

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        learning = self.places.inside(rows)
        if reason in TO_WORK:
            self.tally["exits_to_work"] += int((learning | self._certified(rows)).sum())
        self.places.release(rows[learning])

    def end_month(self) -> None:
        self.tally["participants"] = len(self.places.members())
