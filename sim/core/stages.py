"""The monthly stages: every decision of the model, written once, over arrays of rows.

Each stage is a pair: *who takes part* (a selector returning rows, in person-id order)
and *what they do* (a function over those rows). The fast engine calls a stage once with
all rows; the agent engine calls the same function for one agent at a time, with that
agent's rows (a claimant's own row, an employer's staff or applicants, a client
manager's caseload). A decision depends only on the person's own state and their own
keyed draws, or, where people compete (a vacancy, a client manager's time), on the group
the function is given, so both ways of calling give the same result to the last bit.

Instruments change behaviour through the policy mix's hooks (``m.policies``), and call
the shared pieces here (:func:`lose_job`, :func:`best_per_vacancy`) rather than copying
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.core import rng
from sim.core.population import BARRIERS, EndReason, Route, State
from sim.core.rng import Purpose

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

VACANCY_KEY_STRIDE = 1 << 20  # vacancy keys: employer * stride + number within the month
RESOLVE_PURPOSE = {
    "health": Purpose.RESOLVE_HEALTH,
    "debt": Purpose.RESOLVE_DEBT,
    "language": Purpose.RESOLVE_LANGUAGE,
    "confidence": Purpose.RESOLVE_CONFIDENCE,
}


@dataclass
class Vacancies:
    """This month's vacancies open to claimants, in employer order."""

    employer: np.ndarray
    key: np.ndarray
    requirement: np.ndarray
    outside: np.ndarray

    def __len__(self) -> int:
        return len(self.key)

    @classmethod
    def concatenate(cls, parts: list[Vacancies]) -> Vacancies:
        return cls(*(np.concatenate([getattr(v, f) for v in parts])
                     for f in ("employer", "key", "requirement", "outside")))


def draw(m: ReintegrationModel, rows: np.ndarray, purpose: int) -> np.ndarray:
    """The persons' own uniform draws this month for one purpose."""
    return rng.uniform(m.seed, m.pop.person_id[rows], m.month, purpose)


# --- who takes part ------------------------------------------------------------------------
def acting_on_bijstand(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Claimants on bijstand since before this month (entrants act from next month)."""
    pop = m.pop
    if rows is None:
        return np.flatnonzero((pop.state == State.BIJSTAND) & (pop.spell_start < m.month))
    return rows[(pop.state[rows] == State.BIJSTAND) & (pop.spell_start[rows] < m.month)]


def in_work(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Former claimants in a job that began before this month."""
    pop = m.pop
    rows = np.arange(pop.n) if rows is None else rows
    state = pop.state[rows]
    working = (state == State.WORK) | (state == State.SUBSIDISED_WORK)
    return rows[working & (pop.work_start[rows] < m.month)]


def in_state_since_before(m: ReintegrationModel, state: State,
                          rows: np.ndarray | None = None) -> np.ndarray:
    """People in ``state`` since before this month."""
    pop = m.pop
    if rows is None:
        return np.flatnonzero((pop.state == state) & (pop.state_since < m.month))
    return rows[(pop.state[rows] == state) & (pop.state_since[rows] < m.month)]


# --- employers -----------------------------------------------------------------------------
def open_vacancies(m: ReintegrationModel, employers: np.ndarray) -> Vacancies:
    """This month's vacancies of these employers: count, key, requirement, outside rival."""
    mean = m.rules.employer_vacancy_mean(m.employer_weight[employers], m.vacancy_index,
                                         m.cfg.municipality.claimants)
    counts = rng.poisson_count(m.seed, employers, m.month, Purpose.VACANCY_COUNT, mean)
    employer = np.repeat(employers, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    keys = employer * VACANCY_KEY_STRIDE + (np.arange(len(employer)) - first)
    outside = m.rules.outside_score(rng.normal(m.seed, keys, m.month,
                                               Purpose.OUTSIDE_CANDIDATE))
    return Vacancies(employer.astype(np.int64), keys, m.employer_level[employer], outside)


def review_staff(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Former claimants in work: settled after a while, or let go (see :func:`lose_job`)."""
    pop, t = m.pop, m.month
    tenure = t - pop.work_start[rows]
    settled = m.rules.settled_in_work(tenure, pop.state[rows])
    m.leave_model(rows[settled], EndReason.SETTLED)
    rows, tenure = rows[~settled], tenure[~settled]
    p = m.rules.job_loss_probability(tenure, m.employer_firing[pop.employer[rows]],
                                     m.policies.job_loss_shield(rows))
    lose_job(m, rows[draw(m, rows, Purpose.JOB_LOSS) < p])


def lose_job(m: ReintegrationModel, rows: np.ndarray) -> None:
    """People who lost their job claim bijstand again, or leave the model."""
    claims = m.rules.claims_again(draw(m, rows, Purpose.RETURN_ELIGIBLE))
    m.enter_bijstand(rows[claims], Route.RETURN)
    m.leave_model(rows[~claims], EndReason.NO_CLAIM)


def best_per_vacancy(rows: np.ndarray, vacancy: np.ndarray, score: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The best applicant per vacancy among ``rows`` (in person-id order): ties go to the
    lowest id. Returns the winning rows and their positions in ``rows``."""
    order = np.lexsort((-score, vacancy))  # stable on id-ordered rows
    sorted_vacancy = vacancy[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = sorted_vacancy[1:] != sorted_vacancy[:-1]
    return rows[order[first]], order[first]


def hire(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Each vacancy applied to goes to its best applicant, if they beat the outside rival."""
    if len(rows) == 0:
        return
    pop = m.pop
    best, _ = best_per_vacancy(rows, pop.vacancy[rows], pop.score[rows])
    j = pop.vacancy[best]
    hired = pop.score[best] > m.vacancies.outside[j]
    pop.offer[best[hired]] = True
    pop.employer[best[hired]] = m.vacancies.employer[j[hired]]


def applicants(m: ReintegrationModel, employers: np.ndarray | None = None) -> np.ndarray:
    """Claimants who applied this month (to one of these employers' vacancies)."""
    pop = m.pop
    rows = np.flatnonzero(pop.vacancy >= 0)
    if employers is None:
        return rows
    return rows[np.isin(m.vacancies.employer[pop.vacancy[rows]], employers)]


# --- people outside bijstand -----------------------------------------------------------------
def end_other_income(m: ReintegrationModel, rows: np.ndarray) -> None:
    """People who left for other income: settled after a while, or back on bijstand."""
    pop = m.pop
    settled = m.rules.settled_on_other_income(m.month - pop.state_since[rows])
    m.leave_model(rows[settled], EndReason.SETTLED)
    rows = rows[~settled]
    back = m.rules.other_income_ends(draw(m, rows, Purpose.OTHER_INCOME_RETURN))
    m.enter_bijstand(rows[back], Route.RETURN)


def ww_search(m: ReintegrationModel, rows: np.ndarray) -> None:
    """WW claimants find work, or reach the end of WW and may claim bijstand."""
    ended = m.month >= m.pop.ww_end[rows]
    exhausted, rows = rows[ended], rows[~ended]
    eligible = m.rules.ww_claims_bijstand(draw(m, exhausted, Purpose.WW_ELIGIBLE))
    m.enter_bijstand(exhausted[eligible], Route.WW)
    m.leave_model(exhausted[~eligible], EndReason.WW_INELIGIBLE)
    p = m.rules.ww_find_work_probability(m.policies.ww_lift(rows))
    m.leave_model(rows[draw(m, rows, Purpose.WW_FIND_WORK) < p], EndReason.WW_WORK)


# --- client managers and claimants on bijstand -------------------------------------------------
def meet_caseloads(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Client managers see their caseloads in priority order until their time is used up."""
    if len(rows) == 0:
        return
    pop, t = m.pop, m.month
    cm = pop.cm[rows]
    key = m.rules.contact_priority(t - pop.last_contact[rows], t - pop.spell_start[rows],
                                   pop.wage_value[rows])
    order = np.lexsort((-key, cm))  # stable on id-ordered rows: ties, lowest id first
    cm_sorted = cm[order]
    rank = np.arange(len(order)) - np.searchsorted(cm_sorted, cm_sorted, side="left")
    be_seen(m, rows[order[rank < m.cm_capacity[cm_sorted]]])


def be_seen(m: ReintegrationModel, rows: np.ndarray) -> None:
    """A contact: search is lifted from now on, and barriers may be resolved."""
    pop = m.pop
    pop.last_contact[rows] = m.month
    factor = m.policies.resolve_factor(rows)
    for barrier in BARRIERS:
        has = pop.cols[barrier][rows]
        chance = m.rules.resolve[barrier] * factor[has]
        solved = rows[has][draw(m, rows[has], RESOLVE_PURPOSE[barrier]) < chance]
        pop.cols[barrier][solved] = False


def clear_applications(m: ReintegrationModel) -> None:
    """Last month's applications and offers are gone."""
    m.pop.vacancy[:] = -1
    m.pop.offer[:] = False


def search(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Claimants may apply to one vacancy each; the employer scores the application."""
    pop, t, vac = m.pop, m.month, m.vacancies
    if len(vac) == 0 or len(rows) == 0:
        return
    rows = rows[m.policies.may_search(rows)]
    p = m.rules.search_probability(
        t - pop.spell_start[rows], t - pop.last_contact[rows], pop.health[rows],
        pop.debt[rows], pop.language[rows], pop.confidence[rows],
        lift=m.policies.search_lift(rows))
    rows = rows[draw(m, rows, Purpose.SEARCH) < p]
    u = draw(m, rows, Purpose.VACANCY_CHOICE)
    j = m.policies.choose_vacancy(rows, np.floor(u * len(vac)).astype(np.int64), u)
    employer = vac.employer[j]
    noise = rng.normal(m.seed, pop.person_id[rows], t, Purpose.SCORE_NOISE)
    pop.score[rows] = m.rules.applicant_score(
        pop.wage_value[rows], pop.education[rows], t - pop.spell_start[rows],
        (t - pop.birth_month[rows]) / 12.0, pop.language[rows], vac.requirement[j],
        m.employer_screening[employer], noise, bonus=m.policies.score_bonus(rows, employer))
    pop.vacancy[rows] = j


def offered(m: ReintegrationModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Claimants with an offer this month."""
    if rows is None:
        return np.flatnonzero(m.pop.offer)
    return rows[m.pop.offer[rows]]


def accept_offers(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Claimants with an offer take it, or not; those who do leave bijstand for work."""
    pop = m.pop
    rows = rows[draw(m, rows, Purpose.ACCEPT) < m.rules.accept_probability(pop.household[rows])]
    m.start_work(rows, pop.employer[rows])


def leave_for_other_reasons(m: ReintegrationModel, rows: np.ndarray) -> None:
    """State pension age, a move away, or other income (a partner's, study...)."""
    pop, t = m.pop, m.month
    pension = m.rules.reaches_pension((t - pop.birth_month[rows]) / 12.0)
    m.leave_bijstand(rows[pension], EndReason.PENSION, State.GONE)
    rows = rows[~pension]
    moved = m.rules.moves(draw(m, rows, Purpose.MOVE))
    m.leave_bijstand(rows[moved], EndReason.MOVED, State.GONE)
    rows = rows[~moved]
    other = draw(m, rows, Purpose.OTHER_INCOME) < m.rules.other_income_probability(
        pop.household[rows])
    m.leave_bijstand(rows[other], EndReason.OTHER_INCOME, State.OTHER_INCOME)
