"""Claimants on bijstand: search, offers (a full exit or a part-time job on benefit),
other exits, and the check of new applicants at the gate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.core import rng
from sim.core.population import EndReason, State
from sim.core.rng import Purpose
from sim.core.stages.common import draw

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel


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
    lift = m.policies.search_lift(rows) * m.rules.sanction_search_factor(
        t - pop.sanctioned_at[rows])
    p = m.rules.search_probability(
        t - pop.spell_start[rows], t - pop.last_contact[rows], pop.health[rows],
        pop.debt[rows], pop.language[rows], pop.confidence[rows], lift=lift)
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
    """Everyone with an offer this month."""
    if rows is None:
        return np.flatnonzero(m.pop.offer)
    return rows[m.pop.offer[rows]]


def accept_offers(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Offers are taken, or not. A job that pays the household's norm ends the spell; a
    smaller one is taken on benefit, more readily the more of its earnings one keeps; a
    WW claimant's job ends the WW."""
    pop = m.pop
    u = draw(m, rows, Purpose.ACCEPT)
    ww = pop.state[rows] == State.WW.value
    takes = u < m.rules.accept_probability(pop.household[rows])
    m.leave_model(rows[ww & takes], EndReason.WW_WORK)
    m.flows["ww_to_work"] += int((ww & takes).sum())
    rows, u, takes = rows[~ww], u[~ww], takes[~ww]
    earnings = m.vacancies.hours[pop.vacancy[rows]] * m.cfg.money.net_minimum_wage_month
    full = earnings >= m.norms(rows)
    pick = ~full & (pop.earnings[rows] == 0)  # one part-time job at a time
    small, small_earnings, small_u = rows[pick], earnings[pick], u[pick]
    m.start_work(rows[full & takes], pop.employer[rows[full & takes]])
    kept = m.disregard(small, small_earnings, np.zeros(len(small), dtype=np.int64))
    yes = small_u < m.rules.part_time_accept_probability(kept)
    m.start_part_time(small[yes], pop.employer[small[yes]], small_earnings[yes])


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
        pop.household[rows], m.other_income_index)
    m.leave_bijstand(rows[other], EndReason.OTHER_INCOME, State.OTHER_INCOME)


def gate_check(m: ReintegrationModel, rows: np.ndarray) -> np.ndarray:
    """New applicants checked at the gate: those found to have other means never claim;
    instruments may screen the rest (a job-search period). Returns those who take up."""
    refused = m.rules.gate_refused(draw(m, rows, Purpose.GATE))
    m.leave_model(rows[refused], EndReason.NO_CLAIM)
    m.flows["gate_refused"] += int(refused.sum())
    rest = rows[~refused]
    takes_up = m.policies.screen_applicants(rest)
    if len(takes_up) < len(rest):  # a screen keeps a subset: the others never claim
        m.leave_model(np.setdiff1d(rest, takes_up), EndReason.NO_CLAIM)
    return takes_up
