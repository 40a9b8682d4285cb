"""What every stage shares: this month's vacancies, a person's draws, who takes part.

A selector returns the rows that take part in a stage, in person-id order; given rows, it
returns those of them that do (the agent engine asks for one agent's row at a time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
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
    return rng.uniform_at(m.seed, m.pop.person_id, rows, m.month, purpose)


_WORK, _SUBSIDISED_WORK = int(State.WORK), int(State.SUBSIDISED_WORK)
_BIJSTAND = int(State.BIJSTAND)


def _all(m: ReintegrationModel, rows: np.ndarray | None) -> np.ndarray:
    return m.pop.rows if rows is None else rows


@numba.njit(cache=True, nogil=True)
def _since_before(state: np.ndarray, since: np.ndarray, wanted: int, month: int,
                  rows: np.ndarray) -> np.ndarray:
    """Those of ``rows`` in state ``wanted`` since before ``month``: one pass over the rows
    where the same test in numpy takes four (the selectors run over everyone, often)."""
    out = np.empty(len(rows), dtype=np.int64)
    k = 0
    for r in rows:
        if state[r] == wanted and since[r] < month:
            out[k] = r
            k += 1
    return out[:k]


@numba.njit(cache=True, nogil=True)
def _working_or_part_time(state: np.ndarray, work_start: np.ndarray, earnings: np.ndarray,
                          part_time_start: np.ndarray, month: int, rows: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Which of ``rows`` are in a job begun before ``month`` (work or subsidised work), and
    which on bijstand with a part-time job begun before it."""
    working = np.zeros(len(rows), dtype=np.bool_)
    part_time = np.zeros(len(rows), dtype=np.bool_)
    for i, r in enumerate(rows):
        s = state[r]
        if s == _WORK or s == _SUBSIDISED_WORK:
            working[i] = work_start[r] < month
        elif s == _BIJSTAND:
            part_time[i] = earnings[r] > 0 and part_time_start[r] < month
    return working, part_time


def _jobs(m: ReintegrationModel, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pop = m.pop
    return _working_or_part_time(pop.state, pop.work_start, pop.earnings, pop.part_time_start,
                                 m.month, rows)


def acting_on_bijstand(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Claimants on bijstand since before this month (entrants act from next month)."""
    pop = m.pop
    return _since_before(pop.state, pop.spell_start, _BIJSTAND, m.month, _all(m, rows))


def is_working(m: ReintegrationModel, rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` are in a job that began before this month."""
    return _jobs(m, rows)[0]


def in_work(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Former claimants in a job that began before this month."""
    rows = _all(m, rows)
    return rows[is_working(m, rows)]


def part_timers(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Claimants on bijstand with a part-time job that began before this month."""
    rows = _all(m, rows)
    return rows[_jobs(m, rows)[1]]


def employed_by(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Everyone whose job an employer reviews: in work, or part time on bijstand (one
    pass over the rows, in id order)."""
    rows = _all(m, rows)
    working, part_time = _jobs(m, rows)
    return rows[working | part_time]


def in_state_since_before(m: ReintegrationModel, state: State,
                          rows: np.ndarray | None = None) -> np.ndarray:
    """People in ``state`` since before this month."""
    pop = m.pop
    return _since_before(pop.state, pop.state_since, int(state), m.month, _all(m, rows))
