"""A programme's limited places: who is in since when, at most once per spell.

Places are filled by the municipality once a month from claimants who act on bijstand
this month, are not in the programme and have not been in it during this spell, in the
order client managers put them forward (``behaviour.enrolment_rule``: closest to work
first by default, or longest waiting, random, or by arrival). Leaving bijstand ends a
place. The instrument's columns ``<name>_since`` (month the place began, -1: none) and
``<name>_spell`` (the spell it began in) hold the state per person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.core.population import EndReason
from sim.core.rng import Purpose
from sim.core.stages import acting_on_bijstand, draw
from sim.policies.base import TO_WORK

if TYPE_CHECKING:
    from sim.policies.base import PolicyInstrument


def choose(run: PolicyInstrument, rows: np.ndarray, wanted: int, unit_cost: float
           ) -> np.ndarray:
    """Up to ``wanted`` of ``rows`` (in id order) for a programme: those of the target
    group, in the order client managers put them forward, as far as the budget goes.
    Returned in id order."""
    m = run.model
    rows = rows[run.in_target(rows)]
    rows = rows[m.rules.enrolment_order(m.pop.wage_value[rows],
                                        m.month - m.pop.spell_start[rows],
                                        draw(m, rows, Purpose.ENROLMENT), first=wanted)]
    return np.sort(rows[: run.affordable(len(rows), unit_cost)])


class Places:
    """The places of one instrument; see the module docstring."""

    def __init__(self, run: PolicyInstrument) -> None:
        self.run = run
        self.since_column = run.add_column("since", np.int32, -1)
        self.spell_column = run.add_column("spell", np.int64, -1)

    @property
    def since(self) -> np.ndarray:
        return getattr(self.run.pop, self.since_column)

    @property
    def spell(self) -> np.ndarray:
        return getattr(self.run.pop, self.spell_column)

    def inside(self, rows: np.ndarray) -> np.ndarray:
        return self.since[rows] >= 0

    def members(self) -> np.ndarray:
        return np.flatnonzero(self.since >= 0)

    def release(self, rows: np.ndarray) -> None:
        self.since[rows] = -1

    def complete(self, months: int, release=None) -> np.ndarray:
        """Places held for ``months`` end now: release them (through ``release`` if the
        instrument has more to undo) and count them as completions. Returns their rows."""
        members = self.members()
        done = members[self.run.model.month - self.since[members] >= months]
        (release or self.release)(done)
        self.run.tally["completions"] += len(done)
        return done

    def candidates(self) -> np.ndarray:
        """Claimants who could take a place this month, in person-id order."""
        rows = acting_on_bijstand(self.run.model)
        pop = self.run.pop
        return rows[(self.since[rows] < 0) & (self.spell[rows] != pop.spell_row[rows])]

    def enrol(self, rows: np.ndarray, free: int, unit_cost: float) -> np.ndarray:
        """Fill up to ``free`` places from ``rows`` (target group and budget permitting)."""
        run = self.run
        rows = choose(run, rows, free, unit_cost)
        self.since[rows] = run.model.month
        self.spell[rows] = run.pop.spell_row[rows]
        run.tally["starts"] += len(rows)
        return rows

    def leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        """Participants who leave bijstand give up their place; count those who found work."""
        inside = rows[self.inside(rows)]
        if reason in TO_WORK:
            self.run.tally["exits_to_work"] += len(inside)
        self.release(inside)
