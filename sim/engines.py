"""Two ways to carry out the monthly stages, with identical results.

:class:`FastEngine` runs each stage over all claimants at once with NumPy; no Python
call per claimant. :class:`AgentEngine` asks each Mesa agent to act in turn (the
methods in :mod:`sim.agents`), for teaching and as the test oracle. Both call the same
rules and draw from the same keyed streams, so they agree to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim import rng
from sim.agents import RESOLVE_PURPOSE, VACANCY_KEY_STRIDE, Claimant
from sim.population import BARRIERS, EndReason, Route, State
from sim.rng import Purpose

if TYPE_CHECKING:
    from sim.model import ReintegrationModel

@dataclass
class Vacancies:
    """This month's vacancies open to claimants, in employer order."""

    employer: np.ndarray
    key: np.ndarray
    requirement: np.ndarray
    outside: np.ndarray

    def __len__(self) -> int:
        return len(self.key)


class Engine:
    """What both engines share: Claimant views for inspection."""

    def __init__(self, model: ReintegrationModel) -> None:
        self.model = model
        self.views: dict[int, Claimant] = {}

    def on_new_rows(self, rows: np.ndarray) -> None:
        """People were added to the population."""

    def on_compact(self) -> None:
        """Rows of people who left the model were dropped: drop their agents too."""
        live = set(self.model.pop.person_id.tolist())
        for pid in [pid for pid in self.views if pid not in live]:
            self.views.pop(pid).remove()

    def sync_views(self) -> None:
        """Make sure every person in the population has a Claimant agent."""



class FastEngine(Engine):
    """Every stage over arrays; Claimant agents are created only when someone looks."""

    name = "fast"

    def __init__(self, model: ReintegrationModel) -> None:
        super().__init__(model)
        emp = model.employers
        self.weight = np.array([e.weight for e in emp])
        self.screening = np.array([e.screening for e in emp])
        self.level = np.array([e.level for e in emp], dtype=np.int8)
        self.firing = np.array([e.firing for e in emp])
        cms = model.client_managers
        self.capacity = np.array([cm.contacts_per_month for cm in cms], dtype=np.int64)

    def sync_views(self) -> None:
        m = self.model
        self.on_compact()
        for pid in m.pop.person_id.tolist():
            if pid not in self.views:
                self.views[pid] = Claimant(m, pid)

    def _u(self, rows: np.ndarray, purpose: Purpose) -> np.ndarray:
        m = self.model
        return rng.uniform(m.seed, m.pop.person_id[rows], m.month, purpose)

    # --- employers ----------------------------------------------------------------------
    def employers_open_vacancies(self) -> None:
        m = self.model
        index = np.arange(len(self.weight))
        mean = m.rules.employer_vacancy_mean(self.weight, m.vacancy_index,
                                             m.cfg.municipality.claimants)
        counts = rng.poisson_count(m.seed, index, m.month, Purpose.VACANCY_COUNT, mean)
        employer = np.repeat(index, counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        keys = employer * VACANCY_KEY_STRIDE + (np.arange(len(employer)) - first)
        outside = m.rules.outside_score(rng.normal(m.seed, keys, m.month,
                                                   Purpose.OUTSIDE_CANDIDATE))
        m.vacancies = Vacancies(employer, keys, self.level[employer], outside)

    def employers_review_staff(self) -> None:
        m, pop, b, t = self.model, self.model.pop, self.model.cfg.behaviour, self.model.month
        working = (pop.state == State.WORK) | (pop.state == State.SUBSIDISED_WORK)
        rows = np.flatnonzero(working & (pop.work_start < t))
        tenure = t - pop.work_start[rows]
        settled = (tenure >= b.work_tracking_months) & (pop.state[rows] == State.WORK)
        m.leave_model(rows[settled], EndReason.SETTLED)
        rows, tenure = rows[~settled], tenure[~settled]
        p = m.rules.job_loss_probability(tenure, self.firing[pop.employer[rows]],
                                         m.policies.job_loss_shield(rows))
        lost = rows[self._u(rows, Purpose.JOB_LOSS) < p]
        claims = self._u(lost, Purpose.RETURN_ELIGIBLE) < b.return_eligible
        m.enter_bijstand(lost[claims], Route.RETURN)
        m.leave_model(lost[~claims], EndReason.NO_CLAIM)

    def employers_hire(self) -> None:
        m, pop = self.model, self.model.pop
        app = np.flatnonzero(pop.vacancy >= 0)
        if len(app) == 0:
            return
        vac = pop.vacancy[app]
        # rows are in person-id order and lexsort is stable: ties go to the lowest id
        order = np.lexsort((-pop.score[app], vac))
        vac_sorted = vac[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = vac_sorted[1:] != vac_sorted[:-1]
        best = app[order[first]]
        j = pop.vacancy[best]
        hired = pop.score[best] > m.vacancies.outside[j]
        pop.offer[best[hired]] = True
        pop.employer[best[hired]] = m.vacancies.employer[j[hired]]

    # --- claimants outside bijstand -----------------------------------------------------------
    def claimants_end_other_income(self) -> None:
        m, pop, b, t = self.model, self.model.pop, self.model.cfg.behaviour, self.model.month
        rows = np.flatnonzero((pop.state == State.OTHER_INCOME) & (pop.state_since < t))
        settled = t - pop.state_since[rows] >= b.other_income_tracking_months
        m.leave_model(rows[settled], EndReason.SETTLED)
        rows = rows[~settled]
        back = self._u(rows, Purpose.OTHER_INCOME_RETURN) < b.other_income_return_rate
        m.enter_bijstand(rows[back], Route.RETURN)

    def ww_claimants_search(self) -> None:
        m, pop, b, t = self.model, self.model.pop, self.model.cfg.behaviour, self.model.month
        rows = np.flatnonzero((pop.state == State.WW) & (pop.state_since < t))
        ended = t >= pop.ww_end[rows]
        exhausted, rows = rows[ended], rows[~ended]
        eligible = self._u(exhausted, Purpose.WW_ELIGIBLE) < b.ww_eligible
        m.enter_bijstand(exhausted[eligible], Route.WW)
        m.leave_model(exhausted[~eligible], EndReason.WW_INELIGIBLE)
        p = m.rules.ww_find_work_probability(m.policies.ww_lift(rows))
        m.leave_model(rows[self._u(rows, Purpose.WW_FIND_WORK) < p], EndReason.WW_WORK)

    # --- client managers and claimants on bijstand -----------------------------------------------
    def client_managers_meet_caseloads(self) -> None:
        m, pop, t = self.model, self.model.pop, self.model.month
        rows = self.model.acting_on_bijstand()
        if len(rows) == 0:
            return
        cm = pop.cm[rows]
        key = m.rules.contact_priority(t - pop.last_contact[rows], t - pop.spell_start[rows],
                                       pop.wage_value[rows])
        order = np.lexsort((-key, cm))  # stable on id-ordered rows: ties, lowest id first
        cm_sorted = cm[order]
        rank = np.arange(len(order)) - np.searchsorted(cm_sorted, cm_sorted, side="left")
        seen = rows[order[rank < self.capacity[cm_sorted]]]
        pop.last_contact[seen] = t
        factor = m.policies.resolve_factor(seen)
        for barrier in BARRIERS:
            has = seen[pop.cols[barrier][seen]]
            f = factor[pop.cols[barrier][seen]]
            solved = self._u(has, RESOLVE_PURPOSE[barrier]) < m.rules.resolve[barrier] * f
            pop.cols[barrier][has[solved]] = False

    def claimants_search(self) -> None:
        m, pop, t, vac = self.model, self.model.pop, self.model.month, self.model.vacancies
        pop.vacancy[:] = -1
        pop.offer[:] = False
        rows = self.model.acting_on_bijstand()
        if len(vac) == 0 or len(rows) == 0:
            return
        rows = rows[m.policies.may_search(rows)]
        p = m.rules.search_probability(
            t - pop.spell_start[rows], t - pop.last_contact[rows], pop.health[rows],
            pop.debt[rows], pop.language[rows], pop.confidence[rows],
            lift=m.policies.search_lift(rows))
        rows = rows[self._u(rows, Purpose.SEARCH) < p]
        j = m.policies.choose_vacancy(rows, self._u(rows, Purpose.VACANCY_CHOICE))
        employer = vac.employer[j]
        noise = rng.normal(m.seed, pop.person_id[rows], t, Purpose.SCORE_NOISE)
        pop.score[rows] = m.rules.applicant_score(
            pop.wage_value[rows], pop.education[rows], t - pop.spell_start[rows],
            (t - pop.birth_month[rows]) / 12.0, pop.language[rows], vac.requirement[j],
            self.screening[employer], noise, bonus=m.policies.score_bonus(rows, employer))
        pop.vacancy[rows] = j

    def claimants_accept_offers(self) -> None:
        m, pop = self.model, self.model.pop
        rows = np.flatnonzero(pop.offer)
        rows = rows[self._u(rows, Purpose.ACCEPT) < m.rules.accept_probability(
            pop.household[rows])]
        m.start_work(rows, pop.employer[rows])

    def claimants_leave_for_other_reasons(self) -> None:
        m, pop, b, t = self.model, self.model.pop, self.model.cfg.behaviour, self.model.month
        rows = self.model.acting_on_bijstand()
        pension = (t - pop.birth_month[rows]) / 12.0 >= b.pension_age_years
        m.leave_bijstand(rows[pension], EndReason.PENSION, State.GONE)
        rows = rows[~pension]
        moved = self._u(rows, Purpose.MOVE) < b.move_rate
        m.leave_bijstand(rows[moved], EndReason.MOVED, State.GONE)
        rows = rows[~moved]
        other = self._u(rows, Purpose.OTHER_INCOME) < m.rules.other_income_probability(
            pop.household[rows])
        m.leave_bijstand(rows[other], EndReason.OTHER_INCOME, State.OTHER_INCOME)


class AgentEngine(Engine):
    """Every stage as Mesa agent methods, one agent at a time."""

    name = "agent"

    def __init__(self, model: ReintegrationModel) -> None:
        super().__init__(model)
        self.applications: dict[int, list[Claimant]] = {}

    def on_new_rows(self, rows: np.ndarray) -> None:
        m = self.model
        for pid in m.pop.person_id[rows].tolist():
            self.views[pid] = Claimant(m, pid)

    def _claimants(self):
        return self.model.agents_by_type[Claimant]

    def employers_open_vacancies(self) -> None:
        m = self.model
        parts = [(e.index, *e.open_vacancies()) for e in m.employers]
        m.vacancies = Vacancies(
            np.concatenate([np.full(len(k), i, dtype=np.int64) for i, k, _, _ in parts]),
            np.concatenate([k for _, k, _, _ in parts]),
            np.concatenate([r for _, _, r, _ in parts]),
            np.concatenate([o for _, _, _, o in parts]),
        )

    def employers_review_staff(self) -> None:
        m, t = self.model, self.model.month
        staff = self._claimants().select(
            lambda c: c._get("state") in (State.WORK, State.SUBSIDISED_WORK)
            and c._get("work_start") < t
        ).groupby(lambda c: int(c._get("employer")), result_type="list")
        for index, workers in staff.groups.items():
            m.employers[index].review_staff(workers)

    def claimants_end_other_income(self) -> None:
        self._claimants().do("end_other_income")

    def ww_claimants_search(self) -> None:
        self._claimants().do("ww_search")

    def client_managers_meet_caseloads(self) -> None:
        m = self.model
        caseloads = self._claimants().select(lambda c: c._acts_on_bijstand()).groupby(
            lambda c: int(c._get("cm")), result_type="list")
        for index, caseload in caseloads.groups.items():
            m.client_managers[index].meet_caseload(caseload)

    def claimants_search(self) -> None:
        self.applications = {}
        self._claimants().do("search")

    def employers_hire(self) -> None:
        m = self.model
        by_employer: dict[int, list[int]] = {}
        for j in self.applications:
            by_employer.setdefault(int(m.vacancies.employer[j]), []).append(j)
        for index, vacancies in by_employer.items():
            m.employers[index].hire(vacancies)

    def claimants_accept_offers(self) -> None:
        self._claimants().do("consider_offer")

    def claimants_leave_for_other_reasons(self) -> None:
        self._claimants().do("leave_for_other_reasons")
