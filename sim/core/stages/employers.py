"""Employers: vacancies, the review of their staff, and hiring the best applicant."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numba
import numpy as np

from sim.core import rng
from sim.core.population import EndReason, Route
from sim.core.rng import Purpose
from sim.core.stages.common import Vacancies, draw, is_working, part_timers

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

VACANCY_KEY_STRIDE = 1 << 20  # vacancy keys: employer * stride + number within the month


def open_vacancies(m: ReintegrationModel, employers: np.ndarray) -> Vacancies:
    """This month's vacancies of these employers: count, key, requirement, hours and the
    best outside candidate."""
    mean = m.rules.employer_vacancy_mean(m.employer_weight[employers], m.vacancy_index,
                                         m.labour_market)
    counts = rng.poisson_count(m.seed, employers, m.month, Purpose.VACANCY_COUNT, mean)
    employer = np.repeat(employers, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    keys = employer * VACANCY_KEY_STRIDE + (np.arange(len(employer)) - first)
    outside = m.rules.outside_score(rng.normal(m.seed, keys, m.month,
                                               Purpose.OUTSIDE_CANDIDATE))
    hours = m.rules.vacancy_hours(rng.uniform(m.seed, keys, m.month, Purpose.VACANCY_HOURS))
    return Vacancies(employer.astype(np.int64), keys, m.employer_level[employer], outside,
                     hours)


def review_staff(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Everyone an employer employs: former claimants in work (settled after a while, or let
    go, see :func:`lose_job`) and claimants with a part-time job on bijstand."""
    working = is_working(m, rows)  # one pass: the rest are the part-timers
    _review_work(m, rows[working])
    part_time_jobs(m, part_timers(m, rows[~working]))


def _review_work(m: ReintegrationModel, rows: np.ndarray) -> None:
    pop, t = m.pop, m.month
    tenure = t - pop.work_start[rows]
    settled = m.rules.settled_in_work(tenure, pop.state[rows])
    m.leave_model(rows[settled], EndReason.SETTLED)
    rows, tenure = rows[~settled], tenure[~settled]
    p = m.rules.job_loss_probability(tenure, m.employer_firing[pop.employer[rows]],
                                     m.policies.job_loss_shield(rows), m.job_loss_index)
    lose_job(m, rows[draw(m, rows, Purpose.JOB_LOSS) < p])


def part_time_jobs(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Part-time jobs held on bijstand: some end, some grow to full time (which ends the
    spell when it pays the norm)."""
    pop = m.pop
    tenure = m.month - pop.part_time_start[rows]
    p = m.rules.job_loss_probability(tenure, m.employer_firing[pop.employer[rows]],
                                     cycle=m.job_loss_index)
    lost = draw(m, rows, Purpose.PART_TIME_LOSS) < p
    m.end_part_time(rows[lost])
    rows = rows[~lost]
    m.grow_to_full_time(rows[m.rules.hours_grow(draw(m, rows, Purpose.HOURS_GROWTH))])


def lose_job(m: ReintegrationModel, rows: np.ndarray) -> None:
    """People who lost their job claim bijstand again, or leave the model."""
    claims = m.rules.claims_again(draw(m, rows, Purpose.RETURN_ELIGIBLE))
    m.enter_bijstand(rows[claims], Route.RETURN)
    m.leave_model(rows[~claims], EndReason.NO_CLAIM)


def best_per_vacancy(rows: np.ndarray, vacancy: np.ndarray, score: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The best applicant per vacancy among ``rows`` (in person-id order): ties go to the
    lowest id. Returns the winning rows and their positions in ``rows``, in vacancy order.

    One pass over the applicants (scores are finite) instead of a sort: linear in the
    applicants, which at national scale number 10^5."""
    if len(rows) == 0:
        return rows[:0], np.zeros(0, dtype=np.int64)
    at = _first_best(vacancy, score)
    return rows[at], at


@numba.njit(cache=True, nogil=True)
def _first_best(vacancy: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Per vacancy applied to, in vacancy order, the first position with its top score."""
    size = vacancy.max() + 1
    top = np.full(size, -np.inf)
    first = np.full(size, -1, dtype=np.int64)
    for i in range(len(vacancy)):
        v = vacancy[i]
        if first[v] < 0 or score[i] > top[v]:
            top[v] = score[i]
            first[v] = i
    return first[first >= 0]


def hire(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Each vacancy applied to goes to its best applicant (from bijstand or WW), if they
    beat the best candidate from outside."""
    if len(rows) == 0:
        return
    pop = m.pop
    best, _ = best_per_vacancy(rows, pop.vacancy[rows], pop.score[rows])
    j = pop.vacancy[best]
    hired = pop.score[best] > m.vacancies.outside[j]
    pop.offer[best[hired]] = True
    pop.employer[best[hired]] = m.vacancies.employer[j[hired]]


def applicants(m: ReintegrationModel, employers: np.ndarray | None = None) -> np.ndarray:
    """Everyone who applied this month (to one of these employers' vacancies)."""
    pop = m.pop
    rows = np.flatnonzero(pop.vacancy >= 0)
    if employers is None:
        return rows
    return rows[np.isin(m.vacancies.employer[pop.vacancy[rows]], employers)]
