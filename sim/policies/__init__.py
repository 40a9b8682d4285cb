"""Policy instruments and how a mix of them plugs into the model.

An instrument changes behaviour only through the hooks of :class:`PolicyMix`, which
the engines call for whole row arrays (fast engine) or one-row arrays (agent engine).
With no instrument switched on every hook is neutral, which is the baseline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.policies.base import PolicyInstrument
from sim.policies.config import Policy
from sim.population import EndReason, Route

if TYPE_CHECKING:
    from sim.agents import ClientManager
    from sim.model import ReintegrationModel


class PolicyMix:
    """The instruments of one scenario, combined: lifts multiply, bonuses and costs add."""

    def __init__(self, model: ReintegrationModel, instruments: list[PolicyInstrument]) -> None:
        self.model = model
        self.instruments = instruments
        self.by_name = {i.name: i for i in instruments}

    @property
    def acting(self) -> list[PolicyInstrument]:
        """The instruments that act this month: none during warm-up, so a scenario and
        its baseline share the same warm-up (and their hooks cost nothing there)."""
        return self.instruments if self.model.month >= 0 else []

    # bookkeeping
    def attach(self) -> None:
        for i in self.instruments:
            i.attach()

    def begin_month(self) -> None:
        for i in self.acting:
            i.begin_month()

    def end_month(self) -> None:
        for i in self.acting:
            i.end_month()

    def run_stage(self, stage: str) -> None:
        for i in self.acting:
            i.run_stage(stage)

    def month_cost(self) -> float:
        return float(sum(i.month_cost() for i in self.instruments))

    def column_names(self) -> list[str]:
        return [c for i in self.instruments for c in i.column_names()]

    def month_columns(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for i in self.instruments:
            out.update(i.month_columns())
        return out

    # set-up and flows
    def create_client_managers(self, start: int) -> list[ClientManager]:
        managers: list[ClientManager] = []
        for i in self.instruments:
            managers += i.create_client_managers(start + len(managers))
        return managers

    def assign_client_manager(self, rows: np.ndarray, default: np.ndarray) -> np.ndarray:
        for i in self.acting:
            default = i.assign_client_manager(rows, default)
        return default

    def screen_applicants(self, rows: np.ndarray) -> np.ndarray:
        """Applicants who take up the benefit (the rest found another way)."""
        for i in self.acting:
            rows = i.screen_applicants(rows)
        return rows

    # behaviour
    def _product(self, hook: str, rows: np.ndarray) -> np.ndarray:
        out = np.ones(len(rows))
        for i in self.acting:
            out = out * getattr(i, hook)(rows)
        return out

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return self._product("search_lift", rows)

    def resolve_factor(self, rows: np.ndarray) -> np.ndarray:
        return self._product("resolve_factor", rows)

    def job_loss_shield(self, rows: np.ndarray) -> np.ndarray:
        return self._product("job_loss_shield", rows)

    def ww_lift(self, rows: np.ndarray) -> np.ndarray:
        return self._product("ww_lift", rows)

    def may_search(self, rows: np.ndarray) -> np.ndarray:
        out = np.ones(len(rows), dtype=bool)
        for i in self.acting:
            out = out & i.may_search(rows)
        return out

    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        out = np.zeros(len(rows))
        for i in self.acting:
            out = out + i.score_bonus(rows, employer)
        return out

    def choose_vacancy(self, rows: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Which vacancy each applicant applies to: any, unless an instrument guides them."""
        j = np.floor(u * len(self.model.vacancies)).astype(np.int64)
        for i in self.acting:
            j = i.choose_vacancy(rows, u, j)
        return j

    def start_work(self, rows: np.ndarray) -> np.ndarray:
        out = np.zeros(len(rows), dtype=bool)
        for i in self.acting:
            out = out | i.start_work(rows)
        return out

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        for i in self.acting:
            i.on_leave_bijstand(rows, reason)

    def on_leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        for i in self.acting:
            i.on_leave_model(rows, reason)

    def on_enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        for i in self.acting:
            i.on_enter_bijstand(rows, route)


def build_policies(policy: Policy, model: ReintegrationModel) -> PolicyMix:
    """The instruments switched on in ``policy``, in the fixed order of its fields."""
    from sim.policies.registry import INSTRUMENTS

    return PolicyMix(model, [INSTRUMENTS[name](cfg, model)
                             for name, cfg in policy.active().items()])
