"""The model's Mesa agents: claimants, client managers and employers.

A claimant's state lives in the model's population columns; a :class:`Claimant` reads
and writes its own row, so the same person can be inspected under either engine. The
methods below are the agent engine's monthly stages, one agent at a time; the fast
engine (:mod:`sim.engines`) does the same over arrays, through the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim import rng
from sim.population import BARRIERS, EndReason, Household, Route, State
from sim.rng import Purpose

if TYPE_CHECKING:
    from sim.model import ReintegrationModel

RESOLVE_PURPOSE = {
    "health": Purpose.RESOLVE_HEALTH,
    "debt": Purpose.RESOLVE_DEBT,
    "language": Purpose.RESOLVE_LANGUAGE,
    "confidence": Purpose.RESOLVE_CONFIDENCE,
}


class Claimant(mesa.Agent):
    """A person on WW, on bijstand, in work after a spell, or out on other income."""

    model: ReintegrationModel

    def __init__(self, model: ReintegrationModel, person_id: int) -> None:
        super().__init__(model)
        self.person_id = int(person_id)
        self._row = -1
        self._generation = -1

    # --- reading the person's state ----------------------------------------------------
    @property
    def row(self) -> int:
        m = self.model
        if self._generation != m.generation:
            self._row = m.pop.row_of(self.person_id)
            self._generation = m.generation
        return self._row

    def _get(self, column: str):
        return self.model.pop.cols[column][self.row]

    def _rows(self) -> np.ndarray:
        return np.array([self.row])

    @property
    def state(self) -> str:
        return State(self._get("state")).name.lower()

    @property
    def household(self) -> str:
        return Household(self._get("household")).name.lower()

    @property
    def age(self) -> float:
        """Age in years."""
        return (self.model.month - int(self._get("birth_month"))) / 12.0

    @property
    def education(self) -> int:
        """0 low (no basic qualification), 1 middle, 2 high."""
        return int(self._get("education"))

    @property
    def work_history_years(self) -> float:
        return float(self._get("work_history_years"))

    @property
    def wage_value(self) -> float:
        """Productivity relative to the minimum wage."""
        return float(self._get("wage_value"))

    @property
    def barriers(self) -> list[str]:
        return [b for b in BARRIERS if self._get(b)]

    @property
    def months_on_benefit(self) -> int | None:
        """Months in the current bijstand spell, None when not on bijstand."""
        if self._get("state") != State.BIJSTAND:
            return None
        return self.model.month - int(self._get("spell_start"))

    @property
    def earlier_spells(self) -> int:
        return int(self._get("earlier_spells"))

    @property
    def client_manager(self) -> int | None:
        return int(self._get("cm")) if self._get("state") == State.BIJSTAND else None

    def draw(self, purpose: int) -> float:
        """This person's luck this month for one purpose (the same in both engines)."""
        m = self.model
        return float(rng.uniform(m.seed, self.person_id, m.month, purpose)[0])

    def _acts_on_bijstand(self) -> bool:
        """On bijstand since before this month (entrants act from next month)."""
        return (self._get("state") == State.BIJSTAND
                and self._get("spell_start") < self.model.month)

    # --- behaviour: the agent engine's stages ----------------------------------------------
    def be_seen(self) -> None:
        """A client-manager contact: search is lifted and barriers may be resolved."""
        m, row = self.model, self.row
        m.pop.last_contact[row] = m.month
        factor = m.policies.resolve_factor(self._rows())
        for barrier in BARRIERS:
            if self._get(barrier) and self.draw(RESOLVE_PURPOSE[barrier]) < (
                    m.rules.resolve[barrier] * factor[0]):
                m.pop.cols[barrier][row] = False

    def search(self) -> None:
        """Maybe apply to one vacancy this month; the employer will score the application."""
        m, pop, row, t = self.model, self.model.pop, self.row, self.model.month
        pop.vacancy[row] = -1
        pop.offer[row] = False
        vac = m.vacancies
        if not self._acts_on_bijstand() or len(vac) == 0:
            return
        if not m.policies.may_search(self._rows())[0]:
            return
        p = m.rules.search_probability(
            t - int(pop.spell_start[row]), t - int(pop.last_contact[row]),
            pop.health[row], pop.debt[row], pop.language[row], pop.confidence[row],
            lift=m.policies.search_lift(self._rows())[0])
        if self.draw(Purpose.SEARCH) >= p:
            return
        j = int(m.policies.choose_vacancy(self._rows(), np.array([self.draw(
            Purpose.VACANCY_CHOICE)]))[0])
        employer = int(vac.employer[j])
        noise = float(rng.normal(m.seed, self.person_id, t, Purpose.SCORE_NOISE)[0])
        score = m.rules.applicant_score(
            pop.wage_value[row], pop.education[row], t - int(pop.spell_start[row]),
            (t - int(pop.birth_month[row])) / 12.0, pop.language[row], vac.requirement[j],
            m.employers[employer].screening, noise,
            bonus=m.policies.score_bonus(self._rows(), np.array([employer]))[0])
        pop.vacancy[row] = j
        pop.score[row] = score
        m.engine.applications.setdefault(j, []).append(self)

    def receive_offer(self, employer: int) -> None:
        self.model.pop.offer[self.row] = True
        self.model.pop.employer[self.row] = employer

    def consider_offer(self) -> None:
        """Accept an employer's offer, or not."""
        m, row = self.model, self.row
        if not m.pop.offer[row]:
            return
        if self.draw(Purpose.ACCEPT) < m.rules.accept_probability(m.pop.household[row]):
            m.start_work(self._rows(), m.pop.employer[self._rows()])

    def leave_for_other_reasons(self) -> None:
        """State pension age, a move away, or other income (a partner's, study...)."""
        if not self._acts_on_bijstand():
            return
        m, row = self.model, self.row
        if self.age >= m.cfg.behaviour.pension_age_years:
            m.leave_bijstand(self._rows(), EndReason.PENSION, State.GONE)
        elif self.draw(Purpose.MOVE) < m.cfg.behaviour.move_rate:
            m.leave_bijstand(self._rows(), EndReason.MOVED, State.GONE)
        elif self.draw(Purpose.OTHER_INCOME) < m.rules.other_income_probability(
                m.pop.household[row]):
            m.leave_bijstand(self._rows(), EndReason.OTHER_INCOME, State.OTHER_INCOME)

    def end_other_income(self) -> None:
        """Someone who left for other income may lose it and come back."""
        m = self.model
        if self._get("state") != State.OTHER_INCOME or self._get("state_since") >= m.month:
            return
        if m.month - int(self._get("state_since")) >= m.cfg.behaviour.other_income_tracking_months:
            m.leave_model(self._rows(), EndReason.SETTLED)
        elif self.draw(Purpose.OTHER_INCOME_RETURN) < m.cfg.behaviour.other_income_return_rate:
            m.enter_bijstand(self._rows(), Route.RETURN)

    def ww_search(self) -> None:
        """A WW claimant finds work, or reaches the end of WW and may claim bijstand."""
        m = self.model
        if self._get("state") != State.WW or self._get("state_since") >= m.month:
            return
        if m.month >= self._get("ww_end"):
            if self.draw(Purpose.WW_ELIGIBLE) < m.cfg.behaviour.ww_eligible:
                m.enter_bijstand(self._rows(), Route.WW)
            else:
                m.leave_model(self._rows(), EndReason.WW_INELIGIBLE)
        elif self.draw(Purpose.WW_FIND_WORK) < m.rules.ww_find_work_probability(
                m.policies.ww_lift(self._rows())[0]):
            m.leave_model(self._rows(), EndReason.WW_WORK)


class ClientManager(mesa.Agent):
    """A client manager with a caseload, a monthly time budget and a rule whom to see first."""

    def __init__(self, model: ReintegrationModel, index: int, team: str, fte: float = 1.0,
                 caseload_cap: int | None = None) -> None:
        super().__init__(model)
        self.index = index
        self.team = team
        self.fte = fte
        self.caseload_cap = caseload_cap

    @property
    def contacts_per_month(self) -> int:
        return int(self.model.rules.contacts_per_month(self.fte))

    def meet_caseload(self, caseload: list[Claimant]) -> None:
        """See the caseload in priority order until the month's time is used up."""
        m, pop, t = self.model, self.model.pop, self.model.month

        def priority(c: Claimant) -> tuple[float, int]:
            row = c.row
            key = m.rules.contact_priority(t - int(pop.last_contact[row]),
                                           t - int(pop.spell_start[row]), pop.wage_value[row])
            return (-float(key), c.person_id)

        for claimant in sorted(caseload, key=priority)[: self.contacts_per_month]:
            claimant.be_seen()


class Employer(mesa.Agent):
    """An employer: opens vacancies, ranks applicants, hires, and sometimes lets people go."""

    def __init__(self, model: ReintegrationModel, index: int) -> None:
        super().__init__(model)
        self.index = index
        b, s = model.cfg.behaviour, model.seed
        key = np.array([index])
        self.raw_weight = 0.5 + float(rng.uniform(s, key, 0, Purpose.EMPLOYER_WEIGHT)[0])
        self.weight = 0.0  # share of the municipality's vacancies, set by the model
        z = float(rng.normal(s, key, 0, Purpose.EMPLOYER_SCREENING)[0])
        self.screening = max(0.0, 1.0 + b.screening_sd * z)
        self.level = int(np.searchsorted([0.6, 0.9], rng.uniform(s, key, 0,
                                                                 Purpose.EMPLOYER_LEVEL)[0],
                                         side="right"))
        self.firing = 1.0

    def open_vacancies(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """This month's vacancies: keys, requirement and best outside candidate's score."""
        m = self.model
        mean = m.rules.employer_vacancy_mean(self.weight, m.vacancy_index,
                                             m.cfg.municipality.claimants)
        count = int(rng.poisson_count(m.seed, self.index, m.month, Purpose.VACANCY_COUNT,
                                      mean)[0])
        keys = self.index * VACANCY_KEY_STRIDE + np.arange(count, dtype=np.int64)
        outside = m.rules.outside_score(rng.normal(m.seed, keys, m.month,
                                                   Purpose.OUTSIDE_CANDIDATE))
        return keys, np.full(count, self.level, dtype=np.int8), outside

    def hire(self, vacancies: list[int]) -> None:
        """Offer each vacancy to its best applicant if they beat the outside candidate."""
        m = self.model
        for j in vacancies:
            applicants = m.engine.applications.get(j)
            if not applicants:
                continue
            best = min(applicants, key=lambda c: (-float(m.pop.score[c.row]), c.person_id))
            if m.pop.score[best.row] > m.vacancies.outside[j]:
                best.receive_offer(self.index)

    def review_staff(self, staff: list[Claimant]) -> None:
        """Former claimants in work: settled after a while, or let go (back to bijstand)."""
        m, b, t = self.model, self.model.cfg.behaviour, self.model.month
        for c in staff:
            row = c.row
            tenure = t - int(m.pop.work_start[row])
            if tenure >= b.work_tracking_months and m.pop.state[row] == State.WORK:
                m.leave_model(c._rows(), EndReason.SETTLED)
                continue
            p = m.rules.job_loss_probability(tenure, self.firing,
                                             m.policies.job_loss_shield(c._rows())[0])
            if c.draw(Purpose.JOB_LOSS) < p:
                if c.draw(Purpose.RETURN_ELIGIBLE) < b.return_eligible:
                    m.enter_bijstand(c._rows(), Route.RETURN)
                else:
                    m.leave_model(c._rows(), EndReason.NO_CLAIM)


VACANCY_KEY_STRIDE = 1 << 20
