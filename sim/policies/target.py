"""What every instrument's parameters share: a time window, a target group, a budget cap.

Each instrument's config is a dataclass derived from :class:`InstrumentConfig`, defined
in the instrument's own module; :mod:`sim.policies.registry` gathers them into the
``policy`` config group, where an instrument left at ``None`` is switched off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from sim.config.schema import ConfigError, p
from sim.core.population import BARRIERS

SCENARIO = "scenario choice"
FOREVER = 100_000


@dataclass
class TargetGroup:
    """Who an instrument is for: all conditions must hold (the defaults let everyone in)."""

    min_age: float = p(0.0, "years", 0, 120, source=SCENARIO)
    max_age: float = p(120.0, "years", 0, 120, source=SCENARIO)
    min_months_on_benefit: int = p(0, "months", 0, FOREVER, source=SCENARIO)
    max_months_on_benefit: int = p(FOREVER, "months", 0, FOREVER, source=SCENARIO)
    barriers: list[str] = p([], "barrier names", source=SCENARIO, choices=BARRIERS,
                            doc="at least one of these barriers; empty: no condition")
    min_wage_value: float = p(0.0, "x minimum wage", 0, 5, source=SCENARIO)
    max_wage_value: float = p(5.0, "x minimum wage", 0, 5, source=SCENARIO)
    new_inflow_only: bool = p(False, "-", source=SCENARIO,
                              doc="only spells that began once the instrument started")

    def check(self, path: str) -> None:
        if self.min_age > self.max_age:
            raise ConfigError(f"{path}.min_age={self.min_age!r} exceeds {path}.max_age="
                              f"{self.max_age!r}: the target group would be empty")
        if self.min_months_on_benefit > self.max_months_on_benefit:
            raise ConfigError(f"{path}.min_months_on_benefit={self.min_months_on_benefit!r} "
                              f"exceeds {path}.max_months_on_benefit")
        if self.min_wage_value > self.max_wage_value:
            raise ConfigError(f"{path}.min_wage_value={self.min_wage_value!r} exceeds "
                              f"{path}.max_wage_value")


@dataclass
class InstrumentConfig:
    """What every instrument has: a time window, a target group and a budget cap."""

    start_month: int = p(0, "simulated month", 0, FOREVER, source=SCENARIO)
    end_month: int = p(FOREVER, "simulated month (exclusive)", 0, FOREVER, source=SCENARIO,
                       doc="the instrument stops at this month; the default never stops")
    budget_cap: float | None = p(None, "EUR over the whole run (null: no cap)", 0, 1e11,
                                 source=SCENARIO, doc=(
        "no new starts once the instrument has spent this much; 0 switches it off"))
    target: TargetGroup = field(default_factory=TargetGroup)

    def check(self, path: str) -> None:
        if self.end_month <= self.start_month:
            raise ConfigError(f"{path}.end_month={self.end_month!r} must come after "
                              f"{path}.start_month={self.start_month!r}")
        self.target.check(f"{path}.target")

    CAPACITY: ClassVar[str | None] = None  # the field whose 0 switches the instrument off

    def switched_off(self) -> bool:
        """A zero budget, or zero places (referrals, scans): the instrument does nothing."""
        if self.budget_cap == 0:
            return True
        return self.CAPACITY is not None and getattr(self, self.CAPACITY) == 0

    def check_with(self, others: dict[str, Any], path: str) -> None:
        """Rules between this instrument and the others switched on (none by default)."""
