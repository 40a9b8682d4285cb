"""The model's Mesa agents: claimants, client managers and employers.

A claimant's state lives in the model's population columns; a :class:`Claimant` reads
and writes its own row, so the same person can be inspected under either engine. The
agents' methods are the agent engine's monthly stages, one agent at a time: each calls
the stage function of :mod:`sim.core.stages` with the agent's own rows (a claimant's
row, an employer's staff or applicants, a client manager's caseload), the same function
the fast engine calls once with all rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.core import agent_ids, rng, stages
from sim.core.population import BARRIERS, Household, State
from sim.core.rng import Purpose

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

Selector = Callable[["ReintegrationModel", np.ndarray], np.ndarray]
agent_ids.install()  # finished models can be freed (Mesa 3.3 holds them otherwise)


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

    def rows(self) -> np.ndarray:
        """This person's row, as the one-row array the stage functions take."""
        return np.array([self.row])

    def takes_part(self, selector: Selector) -> bool:
        """Whether the stage's selector picks this person this month."""
        return len(selector(self.model, self.rows())) > 0

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

    @property
    def employer_index(self) -> int:
        return int(self._get("employer"))

    def draw(self, purpose: int) -> float:
        """This person's luck this month for one purpose (the same in both engines)."""
        m = self.model
        return float(rng.uniform(m.seed, self.person_id, m.month, purpose)[0])

    # --- behaviour: the agent engine's stages ----------------------------------------------
    def _act(self, selector: Selector, stage: Callable) -> None:
        rows = selector(self.model, self.rows())
        if len(rows):
            stage(self.model, rows)

    def end_other_income(self) -> None:
        """Someone who left for other income may lose it and come back."""
        self._act(lambda m, r: stages.in_state_since_before(m, State.OTHER_INCOME, r),
                  stages.end_other_income)

    def ww_end(self) -> None:
        """A WW claimant whose WW runs out claims bijstand, if nothing blocks the claim."""
        self._act(lambda m, r: stages.in_state_since_before(m, State.WW, r), stages.ww_end)

    def search(self) -> None:
        """Maybe apply to one vacancy this month (from bijstand, or from WW); the employer
        will score the application."""
        self._act(stages.acting_on_bijstand, stages.search)
        self._act(lambda m, r: stages.in_state_since_before(m, State.WW, r), stages.ww_apply)

    def consider_offer(self) -> None:
        """Accept an employer's offer, or not."""
        self._act(stages.offered, stages.accept_offers)

    def leave_for_other_reasons(self) -> None:
        """State pension age, a move away, or other income (a partner's, study...)."""
        self._act(stages.acting_on_bijstand, stages.leave_for_other_reasons)


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
        stages.meet_caseloads(self.model, np.array([c.row for c in caseload]))


class Employer(mesa.Agent):
    """An employer: opens vacancies, ranks applicants, hires, and sometimes lets people go."""

    def __init__(self, model: ReintegrationModel, index: int, raw_weight: float,
                 screening: float, level: int) -> None:
        super().__init__(model)
        self.index = index
        self.raw_weight = raw_weight
        self.weight = 0.0  # share of the municipality's vacancies, set by the model
        self.screening = screening
        self.level = level
        self.firing = 1.0

    @staticmethod
    def attributes(model: ReintegrationModel, n: int) -> list[tuple[float, float, int]]:
        """The fixed attributes of employers 0..n-1 (raw weight, screening, level), each
        from the employer's own draws, drawn for all of them at once."""
        s, keys, rules = model.seed, np.arange(n), model.rules
        raw = 0.5 + rng.uniform(s, keys, 0, Purpose.EMPLOYER_WEIGHT)
        screening = rules.employer_screening(rng.normal(s, keys, 0, Purpose.EMPLOYER_SCREENING))
        level = rules.employer_level(rng.uniform(s, keys, 0, Purpose.EMPLOYER_LEVEL))
        return list(zip(raw.tolist(), screening.tolist(), level.tolist(), strict=True))

    def open_vacancies(self) -> stages.Vacancies:
        """This month's vacancies: keys, requirement and best outside candidate's score."""
        return stages.open_vacancies(self.model, np.array([self.index]))

    def hire(self) -> None:
        """Offer each of its vacancies to the best applicant, if they beat the outsider."""
        stages.hire(self.model, stages.applicants(self.model, np.array([self.index])))

    def review_staff(self, staff: list[Claimant]) -> None:
        """Former claimants in work: settled after a while, or let go (back to bijstand)."""
        stages.review_staff(self.model, np.array([c.row for c in staff]))
