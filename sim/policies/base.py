"""What every policy instrument does at run time: window, target group, budget, tallies.

An instrument is one module: its config (a dataclass derived from
:class:`~sim.policies.target.InstrumentConfig`) and its behaviour, a subclass of
:class:`PolicyInstrument` that registers itself by naming both::

    class WageSubsidyRun(PolicyInstrument, name="wage_subsidy", config=WageSubsidy):
        @hook
        def score_bonus(self, rows, employer): ...

It changes the model only through the declared hooks and stages of
:mod:`sim.policies.hooks` and the model's public events. Its random streams and its
population columns are named after it, so adding one allocates nothing by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from sim.core import rng
from sim.core.population import BARRIERS, EndReason, State
from sim.policies.hooks import declared
from sim.policies.target import InstrumentConfig, TargetGroup

if TYPE_CHECKING:
    from sim.core.agents import ClientManager
    from sim.core.model import ReintegrationModel

DEFAULT_TARGET = TargetGroup()
TALLIES = ("participants", "starts", "completions", "exits_to_work", "cost")
TO_WORK = (EndReason.WORK, EndReason.SUBSIDISED_WORK)
REGISTRY: dict[str, type[PolicyInstrument]] = {}


class PolicyInstrument:
    """Run-time state of one instrument switched on in a scenario."""

    name: ClassVar[str] = ""
    config: ClassVar[type[InstrumentConfig]] = InstrumentConfig
    extra_tallies: ClassVar[tuple[str, ...]] = ()
    stream: ClassVar[int] = 0  # the base of this instrument's random streams
    hooks: ClassVar[dict[str, str]] = {}  # hook name to method name
    stages: ClassVar[dict[str, list[str]]] = {}  # stage name to method names

    def __init_subclass__(cls, name: str = "", config: type | None = None, **kwargs: Any
                          ) -> None:
        super().__init_subclass__(**kwargs)
        cls.hooks, cls.stages = declared(cls)
        if not name:
            return
        if name in REGISTRY:
            raise ValueError(f"instrument {name!r} is registered twice: "
                             f"{REGISTRY[name].__module__} and {cls.__module__}")
        if config is None or not issubclass(config, InstrumentConfig):
            raise TypeError(f"instrument {name!r}: config= must be an InstrumentConfig "
                            "dataclass")
        cls.name, cls.config = name, config
        cls.stream = rng.named_stream(name)
        clash = [n for n, other in REGISTRY.items() if other.stream == cls.stream]
        if clash:
            raise ValueError(f"instrument {name!r}: its random streams clash with {clash[0]!r}")
        REGISTRY[name] = cls

    def __init__(self, cfg: InstrumentConfig, model: ReintegrationModel) -> None:
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

    def create_client_managers(self, start: int) -> list[ClientManager]:
        """A team of the instrument's own, numbered from ``start`` (none by default)."""
        return []

    # --- helpers ---------------------------------------------------------------------------
    @property
    def pop(self):
        return self.model.pop

    def add_column(self, suffix: str, dtype: type, fill: int | float) -> str:
        """A per-person column of this instrument, named ``<name>_<suffix>``."""
        column = f"{self.name}_{suffix}"
        self.pop.add_column(column, dtype, fill)
        return column

    def column(self, suffix: str) -> np.ndarray:
        return getattr(self.pop, f"{self.name}_{suffix}")

    def active(self) -> bool:
        """Within its time window (never during warm-up)."""
        t = self.model.month
        return 0 <= t and self.cfg.start_month <= t < self.cfg.end_month

    def can_start(self) -> bool:
        """Active, and the budget cap (if any) not yet reached."""
        cap = self.cfg.budget_cap
        return self.active() and (cap is None or self.spent < cap)

    def affordable(self, wanted: int, unit_cost: float) -> int:
        """How many of ``wanted`` starts the rest of the budget pays for."""
        cap = self.cfg.budget_cap
        if cap is None or unit_cost <= 0:
            return wanted
        return max(0, min(wanted, int((cap - self.spent) // unit_cost)))

    def charge(self, euros: float) -> None:
        self.tally["cost"] += euros
        self.spent += euros

    def draw(self, rows: np.ndarray, offset: int) -> np.ndarray:
        """The persons' draws this month from this instrument's stream ``offset``."""
        m = self.model
        return rng.uniform(m.seed, m.pop.person_id[rows], m.month, self.stream + offset)

    def in_target(self, rows: np.ndarray) -> np.ndarray:
        """Which of ``rows`` belong to the target group now."""
        g, pop, t = self.cfg.target, self.pop, self.model.month
        d = DEFAULT_TARGET
        ok = np.ones(len(rows), dtype=bool)
        on = pop.state[rows] == State.BIJSTAND.value
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
