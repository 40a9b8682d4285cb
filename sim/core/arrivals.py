"""Who arrives: the starting caseload, new applicants, an inflow shock, new WW claimants.

Person ids come from a block per month of arrival (block 0 is the starting population)
and, within it, a block per route in the order they are added, so ids rise with the rows
and a person has the same id (and so the same luck) in every scenario, whatever arrives
by other routes. Every attribute is drawn from the person's own keyed stream.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from sim.core import rng
from sim.core.economy import inflow_factor, vacancy_index
from sim.core.population import BARRIERS, Route, State
from sim.core.rng import Purpose
from sim.core.stages.claimants import gate_check

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

ID_MONTH_BLOCK = 1 << 24
ID_ROUTE_BLOCK = 1 << 22
ID_NEW, ID_SHOCK, ID_WW = 0, ID_ROUTE_BLOCK, 2 * ID_ROUTE_BLOCK
# The streams a new person's attributes are drawn from (one call for all of them).
PERSON_PURPOSES = (Purpose.HOUSEHOLD, Purpose.AGE, Purpose.AGE_WITHIN_BAND, Purpose.EDUCATION,
                   Purpose.PERMIT_HOLDER, Purpose.BARRIER_HEALTH, Purpose.BARRIER_DEBT,
                   Purpose.BARRIER_LANGUAGE, Purpose.BARRIER_CONFIDENCE, Purpose.WORK_HISTORY,
                   Purpose.PARTNER_INCOME, Purpose.ASSETS)
BARRIER_PURPOSE = {"health": Purpose.BARRIER_HEALTH, "debt": Purpose.BARRIER_DEBT,
                   "language": Purpose.BARRIER_LANGUAGE,
                   "confidence": Purpose.BARRIER_CONFIDENCE}
WARMUP_NEW_MONTHS = 24  # the steady rate of new applicants: the last months of warm-up


def next_person_id(m: ReintegrationModel) -> int:
    """The lowest id a person arriving this month (or later) can have."""
    return (m.month - m.first_month + 1) * ID_MONTH_BLOCK


@lru_cache(maxsize=64)
def _cuts(shares: tuple[float, ...]) -> np.ndarray:
    """Where a uniform draw passes from one share to the next (built once per shares)."""
    cuts = np.cumsum(shares[:-1])
    cuts.flags.writeable = False
    return cuts


def person_ids(first_id: int, count: int) -> np.ndarray:
    """``count`` consecutive ids from ``first_id``, within one route's block."""
    if count > ID_ROUTE_BLOCK:
        raise ValueError(f"{count} arrivals in one month exceed the id block of "
                         f"{ID_ROUTE_BLOCK}")
    return first_id + np.arange(count, dtype=np.int64)


def draw_persons(m: ReintegrationModel, ids: np.ndarray, ww: bool | np.ndarray,
                 permit_holder_share: float | None = None) -> dict[str, np.ndarray]:
    """Attributes of new people with these ids; ``ww`` says who enters from WW (for each
    person, or for all). ``permit_holder_share`` overrides the behaviour default (an
    inflow shock)."""
    rules, s, t = m.rules, m.seed, m.month
    u = rng.uniform_many(s, ids, 0, PERSON_PURPOSES)
    household = np.searchsorted(_cuts(tuple(m.cfg.municipality.household_shares)),
                                u[Purpose.HOUSEHOLD], side="right").astype(np.int8)
    age_months = rules.age_months(u[Purpose.AGE], u[Purpose.AGE_WITHIN_BAND])
    education = rules.education(u[Purpose.EDUCATION])
    barriers = rules.barriers({b: u[BARRIER_PURPOSE[b]] for b in BARRIERS},
                              u[Purpose.PERMIT_HOLDER], ww, permit_holder_share)
    wage = rules.wage_value(education, rng.normal(s, ids, 0, Purpose.WAGE_VALUE),
                            barriers["health"])
    partner, assets = rules.ww_blocks(household, age_months, u[Purpose.PARTNER_INCOME],
                                      u[Purpose.ASSETS])
    return {
        "partner_income": partner & ww,
        "assets": assets & ww,
        "person_id": ids,
        "household": household,
        "birth_month": (t - age_months).astype(np.int32),
        "education": education,
        "work_history_years": rules.work_history_years(age_months, u[Purpose.WORK_HISTORY], ww),
        "wage_value": wage,
        **barriers,
    }


def create_initial_caseload(m: ReintegrationModel) -> None:
    """The stock at the start of warm-up, with a spread of spell durations, and the WW
    claimants in their last year of WW."""
    n, t, rules = m.balanced_stock, m.month, m.rules
    values = draw_persons(m, person_ids(ID_NEW, n), False)  # block 0: the starting people
    elapsed = rules.initial_elapsed(rng.uniform(m.seed, values["person_id"], 0,
                                                Purpose.INITIAL_DURATION))
    values["birth_month"] = values["birth_month"] - elapsed
    rows = m.pop.append(values)
    m.enter_bijstand(rows, Route.INITIAL)
    m.pop.spell_start[rows] = t - elapsed
    m.pop.last_contact[rows] = t - 1
    spell = m.pop.spell_row[rows]  # the spells began ``elapsed`` months ago
    m.spells.cols["start_month"][spell] = t - elapsed
    m.spells.cols["age_years"][spell] = (t - elapsed - m.pop.birth_month[rows]) / 12.0
    m.engine.on_new_rows(rows)
    count_ww = rules.initial_ww_count(m.labour_market)
    if count_ww:
        ww = draw_persons(m, person_ids(ID_WW, count_ww), True)
        left = rules.ww_remaining(rng.uniform(m.seed, ww["person_id"], 0,
                                              Purpose.WW_REMAINING))
        ww["state"] = np.full(count_ww, State.WW.value, dtype=np.int8)
        ww["state_since"] = np.full(count_ww, t, dtype=np.int32)
        ww["ww_end"] = t + left
        m.engine.on_new_rows(m.pop.append(ww))


def new_applicant_count(m: ReintegrationModel) -> int:
    """New applicants this month: warm-up holds the caseload at its starting size, after
    which they arrive at the warm-up's steady rate, moved by the economy."""
    t = m.month
    if m.balanced:
        stock = int((m.pop.state == State.BIJSTAND.value).sum())
        return m.rules.applicants_for(m.balanced_stock - stock)
    if m.new_rate is None:  # applicants a month, before the gate check
        recent = m.warmup_new[-WARMUP_NEW_MONTHS:]
        m.new_rate = sum(recent) / len(recent)
    e, t_e = m.economy, m.economy_month
    ratio = vacancy_index(e, t_e) / vacancy_index(e, 0)  # against the balance's economy
    mean = m.new_rate * m.rules.inflow_pull(ratio) * inflow_factor(e, t_e)
    return int(rng.poisson_count(m.seed, 0, t, Purpose.NEW_COUNT, mean)[0])


def ww_entrant_count(m: ReintegrationModel) -> int:
    """People entering their last year of WW this month, moved by the economy."""
    pull = m.rules.inflow_pull(m.vacancy_index) * inflow_factor(m.economy, m.economy_month)
    mean = m.rules.ww_entrants_mean(m.labour_market, pull)
    return int(rng.poisson_count(m.seed, 0, m.month, Purpose.WW_COUNT, mean)[0])


def arrive(m: ReintegrationModel) -> None:
    """New applicants (plus any inflow shock) and new WW claimants enter the books, in one
    addition of rows (in id order): their counts do not depend on each other, and each
    person's attributes come from their own streams. The gate check then decides which
    applicants claim."""
    t, first, shock = m.month, next_person_id(m), m.cfg.shock
    count_new, count_ww = new_applicant_count(m), ww_entrant_count(m)
    count_shock = shock.arrivals(m.cfg.municipality.claimants, t)
    ids = np.concatenate((person_ids(first + ID_NEW, count_new),
                          person_ids(first + ID_WW, count_ww)))
    ww = np.arange(len(ids)) >= count_new
    people = draw_persons(m, ids, ww)
    people.update(state_since=np.where(ww, t, 0), ww_end=np.where(ww, m.rules.ww_end(t), 0))
    if count_shock:  # a scenario's extra applicants: their ids lie between the two
        extra = draw_persons(m, person_ids(first + ID_SHOCK, count_shock), False,
                             shock.permit_holder_share)
        people = {k: np.concatenate((v[:count_new],
                                     extra.get(k, np.zeros(count_shock, v.dtype)),
                                     v[count_new:])) for k, v in people.items()}
    if len(people["person_id"]) == 0:
        return
    people["state"] = State.WW.value  # the WW entrants' state; applicants' comes at the gate
    rows = m.pop.append(people)
    for applicants in (rows[:count_new], rows[count_new:count_new + count_shock]):
        if len(applicants):
            m.enter_bijstand(gate_check(m, applicants), Route.NEW)
    m.engine.on_new_rows(rows)
