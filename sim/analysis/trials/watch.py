"""What became of a cohort, month by month, in one run.

A trial follows the same persons in its treated and its control run (person ids are the
same in both: arrivals are keyed, not counted). After each month the watch reads the
cohort's rows: on bijstand, with earnings, in work, or gone, and why they went
(``left_as``; the month's leavers are still there after a step).
"""

from __future__ import annotations

import numpy as np

from sim.core.model import ReintegrationModel
from sim.core.population import EndReason, State

IN_WORK_STATES = (State.WORK, State.SUBSIDISED_WORK)
LEFT_IN_WORK = (EndReason.SETTLED, EndReason.WW_WORK)  # settled: still in work after years


class CohortWatch:
    """Per person of the cohort: ever found a job, ever left for work, ever claimed, and
    the status at each month of the horizons asked for."""

    def __init__(self, person_ids: np.ndarray, start: int) -> None:
        self.ids = np.sort(np.asarray(person_ids, dtype=np.int64))
        self.start = start  # the month the cohort began (the trial's month 0)
        n = len(self.ids)
        self.gone = np.zeros(n, dtype=bool)
        self.left_in_work = np.zeros(n, dtype=bool)
        self.ever_work = np.zeros(n, dtype=bool)  # left bijstand (or WW) for a job
        self.ever_job = np.zeros(n, dtype=bool)  # that, or a part-time job on bijstand
        self.ever_bijstand = np.zeros(n, dtype=bool)
        self.snapshots: dict[int, dict[str, np.ndarray]] = {}

    def observe(self, model: ReintegrationModel) -> None:
        """Read the cohort after the month just simulated."""
        pop = model.pop
        pos = np.searchsorted(pop.person_id, self.ids)
        pos = np.minimum(pos, max(pop.n - 1, 0))
        here = (pop.n > 0) & (pop.person_id[pos] == self.ids) & ~self.gone
        rows = pos[here]
        state = pop.state[rows]
        left = pop.left_as[rows]
        in_work = np.isin(state, IN_WORK_STATES)
        went = state == State.GONE
        self.left_in_work[np.flatnonzero(here)[went]] = np.isin(left[went], LEFT_IN_WORK)
        self.gone[np.flatnonzero(here)[went]] = True
        on = state == State.BIJSTAND
        idx = np.flatnonzero(here)
        self.ever_work[idx[in_work]] = True
        self.ever_work[idx[went & (left == EndReason.WW_WORK)]] = True
        self.ever_job[idx[in_work | (on & (pop.earnings[rows] > 0))]] = True
        self.ever_job |= self.ever_work
        self.ever_bijstand[idx[on]] = True
        month = model.month - self.start  # months since the trial began
        snap = {"in_work": np.zeros(len(self.ids), dtype=bool),
                "on_bijstand": np.zeros(len(self.ids), dtype=bool),
                "with_earnings": np.zeros(len(self.ids), dtype=bool)}
        snap["in_work"][idx[in_work]] = True
        snap["in_work"] |= self.left_in_work
        snap["on_bijstand"][idx[on]] = True
        snap["with_earnings"][idx[on & (pop.earnings[rows] > 0)]] = True
        snap.update(ever_job=self.ever_job.copy(), ever_work=self.ever_work.copy(),
                    ever_bijstand=self.ever_bijstand.copy())
        self.snapshots[month] = snap

    def share(self, measure: str, month: int) -> float:
        """Share of the cohort with ``measure`` after ``month`` months."""
        return float(self.snapshots[month][measure].mean()) if len(self.ids) else float("nan")
