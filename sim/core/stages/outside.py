"""People outside bijstand: those on other income, and WW claimants in their last year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.core import rng
from sim.core.population import EndReason, Route
from sim.core.rng import Purpose
from sim.core.stages.common import draw

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel


def end_other_income(m: ReintegrationModel, rows: np.ndarray) -> None:
    """People who left for other income: settled after a while, or back on bijstand."""
    pop = m.pop
    settled = m.rules.settled_on_other_income(m.month - pop.state_since[rows])
    m.leave_model(rows[settled], EndReason.SETTLED)
    rows = rows[~settled]
    back = m.rules.other_income_ends(draw(m, rows, Purpose.OTHER_INCOME_RETURN))
    m.enter_bijstand(rows[back], Route.RETURN)


def ww_end(m: ReintegrationModel, rows: np.ndarray) -> None:
    """WW claimants whose WW runs out claim bijstand, unless a partner's income or their
    assets block the claim."""
    pop = m.pop
    exhausted = rows[m.month >= pop.ww_end[rows]]
    blocked = pop.partner_income[exhausted] | pop.assets[exhausted]
    m.enter_bijstand(exhausted[~blocked], Route.WW)
    m.leave_model(exhausted[blocked], EndReason.WW_INELIGIBLE)


def ww_apply(m: ReintegrationModel, rows: np.ndarray) -> None:
    """WW claimants may apply to a vacancy, competing with claimants and outsiders."""
    pop, t, vac = m.pop, m.month, m.vacancies
    rows = rows[t < pop.ww_end[rows]]
    if len(vac) == 0 or len(rows) == 0:
        return
    p = m.rules.ww_search_probability(m.policies.ww_lift(rows))
    rows = rows[draw(m, rows, Purpose.WW_SEARCH) < p]
    u = draw(m, rows, Purpose.VACANCY_CHOICE)
    j = np.floor(u * len(vac)).astype(np.int64)
    noise = rng.normal(m.seed, pop.person_id[rows], t, Purpose.SCORE_NOISE)
    employer = vac.employer[j]
    pop.score[rows] = m.rules.applicant_score(
        pop.wage_value[rows], pop.education[rows], t - pop.state_since[rows],
        (t - pop.birth_month[rows]) / 12.0, pop.language[rows], vac.requirement[j],
        m.employer_screening[employer], noise)
    pop.vacancy[rows] = j
