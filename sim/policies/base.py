"""What every policy instrument does at run time: window, target group, budget, tallies.

An instrument changes the model only through hooks that take row arrays and return one
value per row (neutral here), so the fast engine (all rows) and the agent engine (one
row at a time) get the same effect. Choices across people, such as who gets one of a
limited number of places, are made once a month in a stage, by the municipality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from sim import rng
from sim.policies.config import TargetGroup
from sim.population import BARRIERS, EndReason, Route, State

if TYPE_CHECKING:
    from sim.agents import ClientManager
    from sim.model import ReintegrationModel
    from sim.policies.config import Instrument

DEFAULT_TARGET = TargetGroup()
TALLIES = ("participants", "starts", "completions", "exits_to_work", "cost")
TO_WORK = (EndReason.WORK, EndReason.SUBSIDISED_WORK)


class PolicyInstrument:
    """Run-time state of one instrument switched on in a scenario."""

    name: ClassVar[str] = ""
    extra_tallies: ClassVar[tuple[str, ...]] = ()
    purpose_base: ClassVar[int] = 0  # each instrument draws from its own streams

    def __init__(self, cfg: Instrument, model: ReintegrationModel) -> None:
        self.cfg = cfg
        self.model = model
        self.spent = 0.0
        self.tally: dict[str, float] = dict.fromkeys((*TALLIES, *self.extra_tallies), 0)

    # --- life cycle ----------------------------------------------------------------------
    def attach(self) -> None:
        """Add this instrument's per-person columns to the population."""

    def begin_month(self) -> None:
        self.tally = dict.fromkeys(self.tally, 0)

    def end_month(self) -> None:
        """Charge running costs and count participants for the month's row."""

    def run_stage(self, stage: str) -> None:
        handler = getattr(self, f"stage_{stage}", None)
        if handler is not None:
            handler()

    # --- helpers ---------------------------------------------------------------------------
    @property
    def pop(self):
        return self.model.pop

    def active(self) -> bool:
        """Within its time window (never during warm-up)."""
        t = self.model.month
        return 0 <= t and self.cfg.start_month <= t < self.cfg.end_month

    def can_start(self) -> bool:
        """Active, and the budget cap (if any) not yet reached."""
        cap = self.cfg.budget_cap
        return self.active() and (cap <= 0 or self.spent < cap)

    def affordable(self, wanted: int, unit_cost: float) -> int:
        """How many of ``wanted`` starts the rest of the budget pays for."""
        cap = self.cfg.budget_cap
        if cap <= 0 or unit_cost <= 0:
            return wanted
        return max(0, min(wanted, int((cap - self.spent) // unit_cost)))

    def charge(self, euros: float) -> None:
        self.tally["cost"] += euros
        self.spent += euros

    def draw(self, rows: np.ndarray, offset: int) -> np.ndarray:
        m = self.model
        return rng.uniform(m.seed, m.pop.person_id[rows], m.month,
                           rng.Purpose.POLICY + self.purpose_base + offset)

    def in_target(self, rows: np.ndarray) -> np.ndarray:
        """Which of ``rows`` belong to the target group now."""
        g, pop, t = self.cfg.target, self.pop, self.model.month
        d = DEFAULT_TARGET
        ok = np.ones(len(rows), dtype=bool)
        on = pop.state[rows] == State.BIJSTAND
        # only the conditions set away from their defaults (which let everyone in) cost time
        if (g.min_age, g.max_age) != (d.min_age, d.max_age):
            age = (t - pop.birth_month[rows]) / 12.0
            ok &= (age >= g.min_age) & (age <= g.max_age)
        if (g.min_months_on_benefit, g.max_months_on_benefit) != (
                d.min_months_on_benefit, d.max_months_on_benefit):
            months = np.where(on, t - pop.spell_start[rows], 0)
            ok &= (months >= g.min_months_on_benefit) & (months <= g.max_months_on_benefit)
        if (g.min_wage_value, g.max_wage_value) != (d.min_wage_value, d.max_wage_value):
            wage = pop.wage_value[rows]
            ok &= (wage >= g.min_wage_value) & (wage <= g.max_wage_value)
        if g.barriers:
            ok &= np.logical_or.reduce([pop.cols[b][rows] for b in g.barriers if b in BARRIERS])
        if g.new_inflow_only:
            ok &= on & (pop.spell_start[rows] >= self.cfg.start_month)
        return ok

    def month_cost(self) -> float:
        return float(self.tally["cost"])

    def column_names(self) -> list[str]:
        return [f"{self.name}_{k}" for k in self.tally]

    def month_columns(self) -> dict[str, float]:
        return {f"{self.name}_{k}": v for k, v in self.tally.items()}

    # --- hooks (neutral) ----------------------------------------------------------------------
    def create_client_managers(self, start: int) -> list[ClientManager]:
        return []

    def assign_client_manager(self, rows: np.ndarray, default: np.ndarray) -> np.ndarray:
        return default

    def screen_applicants(self, rows: np.ndarray) -> np.ndarray:
        return rows

    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.ones(len(rows))

    def resolve_factor(self, rows: np.ndarray) -> np.ndarray:
        return np.ones(len(rows))

    def job_loss_shield(self, rows: np.ndarray) -> np.ndarray:
        return np.ones(len(rows))

    def ww_lift(self, rows: np.ndarray) -> np.ndarray:
        return np.ones(len(rows))

    def may_search(self, rows: np.ndarray) -> np.ndarray:
        return np.ones(len(rows), dtype=bool)

    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        return np.zeros(len(rows))

    def choose_vacancy(self, rows: np.ndarray, u: np.ndarray, j: np.ndarray) -> np.ndarray:
        return j

    def start_work(self, rows: np.ndarray) -> np.ndarray:
        """Which new hires are subsidised."""
        return np.zeros(len(rows), dtype=bool)

    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        """Participants who leave bijstand end their participation."""

    def on_leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        """People outside bijstand stop being followed."""

    def on_enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        """People start a bijstand spell."""


class Places:
    """A programme's limited places: who is in since when, at most once per spell.

    Places are filled by the municipality once a month, oldest person id first (a fixed
    order, the same in both engines), from claimants who act on bijstand this month, are
    not in the programme and have not been in it during this spell. Leaving bijstand ends
    a place. Columns ``<prefix>_since`` (month the place began, -1: none) and
    ``<prefix>_spell`` (the spell it began in) hold the state per person.
    """

    def __init__(self, run: PolicyInstrument, prefix: str) -> None:
        self.run = run
        self.since_column, self.spell_column = f"{prefix}_since", f"{prefix}_spell"

    def attach(self) -> None:
        self.run.pop.add_column(self.since_column, np.int32, -1)
        self.run.pop.add_column(self.spell_column, np.int64, -1)

    @property
    def since(self) -> np.ndarray:
        return getattr(self.run.pop, self.since_column)

    @property
    def spell(self) -> np.ndarray:
        return getattr(self.run.pop, self.spell_column)

    def inside(self, rows: np.ndarray) -> np.ndarray:
        return self.since[rows] >= 0

    def members(self) -> np.ndarray:
        return np.flatnonzero(self.since >= 0)

    def release(self, rows: np.ndarray) -> None:
        self.since[rows] = -1

    def complete(self, months: int, release=None) -> np.ndarray:
        """Places held for ``months`` end now: release them (through ``release`` if the
        instrument has more to undo) and count them as completions. Returns their rows."""
        members = self.members()
        done = members[self.run.model.month - self.since[members] >= months]
        (release or self.release)(done)
        self.run.tally["completions"] += len(done)
        return done

    def candidates(self) -> np.ndarray:
        """Claimants who could take a place this month, in person-id order."""
        rows = self.run.model.acting_on_bijstand()
        pop = self.run.pop
        return rows[(self.since[rows] < 0) & (self.spell[rows] != pop.spell_row[rows])]

    def enrol(self, rows: np.ndarray, free: int, unit_cost: float) -> np.ndarray:
        """Fill up to ``free`` places from ``rows`` (target group and budget permitting)."""
        run = self.run
        rows = rows[run.in_target(rows)][: max(free, 0)]
        rows = rows[: run.affordable(len(rows), unit_cost)]
        self.since[rows] = run.model.month
        self.spell[rows] = run.pop.spell_row[rows]
        run.tally["starts"] += len(rows)
        return rows

    def leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        """Participants who leave bijstand give up their place; count those who found work."""
        inside = rows[self.inside(rows)]
        if reason in TO_WORK:
            self.run.tally["exits_to_work"] += len(inside)
        self.release(inside)
