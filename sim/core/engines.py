"""Two ways to carry out the monthly stages of :mod:`sim.core.stages`, with identical results.

:class:`FastEngine` calls each stage once, with every row that takes part; no Python call
per claimant. :class:`AgentEngine` asks each Mesa agent to act in turn (the methods in
:mod:`sim.core.agents`), and each agent calls the same stage function with its own rows:
the readable per-person view, and the test oracle of the fast engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.core import stages
from sim.core.agents import Claimant
from sim.core.population import State

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel


class Engine:
    """What both engines share: Claimant views for inspection."""

    name = ""

    def __init__(self, model: ReintegrationModel) -> None:
        self.model = model
        self.views: dict[int, Claimant] = {}

    def on_new_rows(self, rows: np.ndarray) -> None:
        """People were added to the population."""

    def on_compact(self) -> None:
        """Rows of people who left the model were dropped: drop their agents too."""
        if not self.views:
            return
        live = set(self.model.pop.person_id.tolist())
        for pid in [pid for pid in self.views if pid not in live]:
            self.views.pop(pid).remove()

    def sync_views(self) -> None:
        """Make sure every person in the population has a Claimant agent."""


class FastEngine(Engine):
    """Every stage over arrays; Claimant agents are created only when someone looks."""

    name = "fast"

    def sync_views(self) -> None:
        m = self.model
        self.on_compact()
        for pid in m.pop.person_id.tolist():
            if pid not in self.views:
                self.views[pid] = Claimant(m, pid)

    def employers_open_vacancies(self) -> None:
        m = self.model
        m.vacancies = stages.open_vacancies(m, np.arange(len(m.employers)))

    def employers_review_staff(self) -> None:
        stages.review_staff(self.model, stages.employed_by(self.model))

    def claimants_end_other_income(self) -> None:
        m = self.model
        stages.end_other_income(m, stages.in_state_since_before(m, State.OTHER_INCOME))

    def ww_claimants_end(self) -> None:
        stages.ww_end(self.model, stages.in_state_since_before(self.model, State.WW))

    def client_managers_meet_caseloads(self) -> None:
        stages.meet_caseloads(self.model, stages.acting_on_bijstand(self.model))

    def claimants_search(self) -> None:
        m = self.model
        stages.clear_applications(m)
        stages.search(m, stages.acting_on_bijstand(m))
        stages.ww_apply(m, stages.in_state_since_before(m, State.WW))

    def employers_hire(self) -> None:
        stages.hire(self.model, stages.applicants(self.model))

    def claimants_accept_offers(self) -> None:
        stages.accept_offers(self.model, stages.offered(self.model))

    def claimants_leave_for_other_reasons(self) -> None:
        stages.leave_for_other_reasons(self.model, stages.acting_on_bijstand(self.model))


class AgentEngine(Engine):
    """Every stage as Mesa agent methods, one agent at a time."""

    name = "agent"

    def on_new_rows(self, rows: np.ndarray) -> None:
        m = self.model
        for pid in m.pop.person_id[rows].tolist():
            self.views[pid] = Claimant(m, pid)

    def _claimants(self):
        return self.model.agents_by_type[Claimant]

    def _grouped(self, selector, key) -> dict[int, list[Claimant]]:
        """The claimants a stage's selector picks, grouped by ``key`` (in id order)."""
        picked = self._claimants().select(lambda c: c.takes_part(selector))
        return picked.groupby(key, result_type="list").groups

    def employers_open_vacancies(self) -> None:
        m = self.model
        m.vacancies = stages.Vacancies.concatenate([e.open_vacancies() for e in m.employers])

    def employers_review_staff(self) -> None:
        m = self.model
        for index, staff in self._grouped(stages.employed_by,
                                          lambda c: c.employer_index).items():
            m.employers[index].review_staff(staff)

    def claimants_end_other_income(self) -> None:
        self._claimants().do("end_other_income")

    def ww_claimants_end(self) -> None:
        self._claimants().do("ww_end")

    def client_managers_meet_caseloads(self) -> None:
        m = self.model
        caseloads = self._grouped(stages.acting_on_bijstand, lambda c: c.client_manager)
        for index, caseload in caseloads.items():
            m.client_managers[index].meet_caseload(caseload)

    def claimants_search(self) -> None:
        stages.clear_applications(self.model)
        self._claimants().do("search")

    def employers_hire(self) -> None:
        for employer in self.model.employers:
            employer.hire()

    def claimants_accept_offers(self) -> None:
        self._claimants().do("consider_offer")

    def claimants_leave_for_other_reasons(self) -> None:
        self._claimants().do("leave_for_other_reasons")
