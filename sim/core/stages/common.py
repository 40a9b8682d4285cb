"""What every stage shares: this month's vacancies, a person's draws, who takes part.

A selector returns the rows that take part in a stage, in person-id order; given rows, it
returns those of them that do (the agent engine asks for one agent's row at a time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.core import rng
from sim.core.population import State

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel


@dataclass
class Vacancies:
    """This month's vacancies open to claimants, in employer order."""

    employer: np.ndarray
    key: np.ndarray
    requirement: np.ndarray
    outside: np.ndarray
    hours: np.ndarray  # share of a full-time job

    def __len__(self) -> int:
        return len(self.key)

    @classmethod
    def concatenate(cls, parts: list[Vacancies]) -> Vacancies:
        return cls(*(np.concatenate([getattr(v, f) for v in parts])
                     for f in ("employer", "key", "requirement", "outside", "hours")))


def draw(m: ReintegrationModel, rows: np.ndarray, purpose: int) -> np.ndarray:
    """The persons' own uniform draws this month for one purpose."""
    return rng.uniform(m.seed, m.pop.person_id[rows], m.month, purpose)


def _all(m: ReintegrationModel, rows: np.ndarray | None) -> np.ndarray:
    return np.arange(m.pop.n) if rows is None else rows


def acting_on_bijstand(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Claimants on bijstand since before this month (entrants act from next month)."""
    pop = m.pop
    if rows is None:
        return np.flatnonzero((pop.state == State.BIJSTAND) & (pop.spell_start < m.month))
    return rows[(pop.state[rows] == State.BIJSTAND) & (pop.spell_start[rows] < m.month)]


def is_working(m: ReintegrationModel, rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` are in a job that began before this month."""
    pop = m.pop
    state = pop.state[rows]
    working = (state == State.WORK) | (state == State.SUBSIDISED_WORK)
    return working & (pop.work_start[rows] < m.month)


def _part_time(m: ReintegrationModel, rows: np.ndarray) -> np.ndarray:
    pop = m.pop
    return ((pop.state[rows] == State.BIJSTAND) & (pop.earnings[rows] > 0)
            & (pop.part_time_start[rows] < m.month))


def in_work(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Former claimants in a job that began before this month."""
    rows = _all(m, rows)
    return rows[is_working(m, rows)]


def part_timers(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Claimants on bijstand with a part-time job that began before this month."""
    rows = _all(m, rows)
    return rows[_part_time(m, rows)]


def employed_by(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Everyone whose job an employer reviews: in work, or part time on bijstand (one
    pass over the rows, in id order)."""
    rows = _all(m, rows)
    return rows[is_working(m, rows) | _part_time(m, rows)]


def in_state_since_before(m: ReintegrationModel, state: State,
                          rows: np.ndarray | None = None) -> np.ndarray:
    """People in ``state`` since before this month."""
    pop = m.pop
    if rows is None:
        return np.flatnonzero((pop.state == state) & (pop.state_since < m.month))
    return rows[(pop.state[rows] == state) & (pop.state_since[rows] < m.month)]
