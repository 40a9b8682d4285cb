"""Exemption: release from the obligations for a target group (ontheffing, vrijstelling).

Claimants of the target group keep their client manager and their contacts, but a contact
no longer checks obligations: no sanctions, and none of the exits that being called in
brings out. ``intrinsic_search`` multiplies their search: people released from
obligations may search more on their own initiative, or less. The default is neutral,
after the Dutch bijstand experiments of 2017-2019, where exemption had no effect on outflow
to work while it ran (CPB 2022, docs/evidence.md). Exemption costs nothing by itself;
``cost_per_person_month`` can book the administration of it; once a budget cap is
reached, the exemption ends for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.config.schema import p
from sim.core.population import State
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook
from sim.policies.target import InstrumentConfig, TargetGroup


@dataclass
class Exemption(InstrumentConfig):
    """Release from obligations for a target group."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(min_months_on_benefit=24))
    intrinsic_search: float = p(1.0, "multiplier on search while exempted", 0, 5, source=(
        "CPB 2022 (Verlaat & Zulkarnain): in the 2017-2019 experiments exemption had no "
        "effect on outflow to work during the experiment; Utrecht found more work about two "
        "years after it (24% against 15% working 12+ hours a week)"))
    cost_per_person_month: float = p(0.0, "EUR per exempted person per month", 0, 1000,
                                     source="stated assumption: no extra work for the municipality")


class ExemptionRun(PolicyInstrument, name="exemption", config=Exemption):
    def attach(self) -> None:
        self.add_column("since", np.int32, -1)  # month the exemption began, -1: none

    def _exempt(self, rows: np.ndarray) -> np.ndarray:
        return (self.in_target(rows) & self.can_start()
                & (self.pop.state[rows] == State.BIJSTAND.value))

    @hook
    def obliged(self, rows: np.ndarray) -> np.ndarray:
        return ~self._exempt(rows)

    @hook
    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.where(self._exempt(rows), self.cfg.intrinsic_search, 1.0)

    def end_month(self) -> None:
        since = self.column("since")
        on = np.flatnonzero(self.pop.state == State.BIJSTAND.value)
        exempt = self._exempt(on)
        since[on[~exempt]] = -1
        since[np.flatnonzero(self.pop.state != State.BIJSTAND.value)] = -1
        new = on[exempt & (since[on] < 0)]
        since[new] = self.model.month
        self.tally["starts"] += len(new)
        self.tally["participants"] = int(exempt.sum())
        self.charge(int(exempt.sum()) * self.cfg.cost_per_person_month)
